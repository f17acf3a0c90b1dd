//! Wire -> model for i3D.net tickets. The ticket model is meta data only
//! (digest §3.4): no message texts, so a fetched ticket's thread says what
//! the API gives instead of inventing bodies. Unread is `updatedAt` later
//! than `clientLastReadAt`; the status is i3D's own word.

use super::map::{unix_millis, when};
use super::wire;
use crate::model::{Detail, Millis, Thread, Ticket, TicketChoice, TicketOptions};

/// What every i3D ticket thread says first.
pub const NO_BODIES: &str = "i3D.net's API gives no message texts";

/// A ticket from its list entry or detail; `None` without an id (it could
/// not be opened, replied to or closed).
pub fn ticket(account: &str, t: &wire::Ticket, fetched_at: Millis) -> Option<Ticket> {
    let id = t.id.as_ref()?.to_string();
    let text = |value: &Option<String>| value.as_deref().unwrap_or_default().trim().to_string();
    Some(Ticket {
        account: account.to_string(),
        id,
        subject: text(&t.title),
        status: text(&t.status),
        category: text(&t.category_name),
        priority: text(&t.priority_name),
        created: t.created_at.and_then(unix_millis),
        updated: t.updated_at.and_then(unix_millis),
        unread: is_unread(t),
        thread: Thread::NotFetched,
        details: details(t),
        missing: Vec::new(),
        fetched_at,
    })
}

/// Updated after the client last read it (never read: any update counts).
pub fn is_unread(t: &wire::Ticket) -> bool {
    let Some(updated) = t.updated_at.and_then(unix_millis) else {
        return false;
    };
    match t.client_last_read_at.and_then(unix_millis) {
        Some(read) => updated > read,
        None => true,
    }
}

/// The thread of a fetched ticket: no bodies, and what is known instead.
pub fn thread(t: &wire::Ticket) -> Thread {
    Thread::NoBodies {
        note: thread_note(t),
    }
}

/// `i3D.net's API gives no message texts; 3 replies by you, last at
/// 2026-11-22 13:05:09 UTC; updated 2026-11-23 08:00:00 UTC`.
pub fn thread_note(t: &wire::Ticket) -> String {
    let mut parts = vec![NO_BODIES.to_string()];
    let replies = match t.num_user_replies {
        Some(0) => Some("no replies by you".to_string()),
        Some(1) => Some("1 reply by you".to_string()),
        Some(n) => Some(format!("{n} replies by you")),
        None => None,
    };
    let yours = match (replies, when(t.client_last_replied_at)) {
        (Some(replies), Some(at)) => Some(format!("{replies}, last at {at}")),
        (Some(replies), None) => Some(replies),
        (None, Some(at)) => Some(format!("your last reply at {at}")),
        (None, None) => None,
    };
    parts.extend(yours);
    parts.extend(when(t.updated_at).map(|at| format!("updated {at}")));
    parts.join("; ")
}

fn details(t: &wire::Ticket) -> Vec<Detail> {
    let rows = [
        ("Replies by you", t.num_user_replies.map(|n| n.to_string())),
        ("Your last reply", when(t.client_last_replied_at)),
        ("Last read by you", when(t.client_last_read_at)),
    ];
    rows.into_iter()
        .filter_map(|(label, value)| value.map(|v| Detail::new(label, v)))
        .collect()
}

/// What a new ticket is chosen from: the categories as listed; the
/// department is required and typed, since no call lists departments.
pub fn options(categories: Vec<String>) -> TicketOptions {
    TicketOptions {
        categories: categories
            .into_iter()
            .map(|c| TicketChoice::new(c.clone(), c))
            .collect(),
        departments: Vec::new(),
        department_required: true,
    }
}

/// The title of a reply: `Re: <ticket title>`.
pub fn reply_title(title: &str) -> String {
    format!("Re: {}", title.trim())
}
