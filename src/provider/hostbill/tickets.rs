//! Wire -> model for XSServer tickets (digest #17-#23). The details carry
//! the opening message and every reply with its text, so a fetched
//! ticket's thread is its messages, oldest first. Unread is the
//! document's `client_read` `"0"`; the status is the provider's own word
//! (`Open`, `Answered`, ...); the category is the department.

use super::wire;
use crate::model::{Detail, Millis, Thread, Ticket, TicketChoice, TicketMessage, TicketOptions};
use crate::provider::lenient::parse_date;

/// A ticket from its list entry or the `ticket` of its details; `None`
/// without a number (it could not be opened, replied to or closed).
pub fn ticket(account: &str, t: &wire::Ticket, fetched_at: Millis) -> Option<Ticket> {
    let id = t.ticket_number.as_ref()?.to_string();
    let text = |value: &Option<String>| value.as_deref().unwrap_or_default().trim().to_string();
    let created = t.date.as_deref().and_then(parse_date);
    Some(Ticket {
        account: account.to_string(),
        id,
        subject: text(&t.subject),
        status: text(&t.status),
        category: text(&t.deptname),
        priority: String::new(),
        created,
        updated: created,
        unread: t.client_read == Some(false),
        thread: Thread::NotFetched,
        details: details(t),
        missing: Vec::new(),
        fetched_at,
    })
}

/// A fetched ticket: its entry, its thread (the opening message, then
/// the replies, oldest first), and the newest message's time as updated.
pub fn fetched(account: &str, answer: &wire::TicketDetails, fetched_at: Millis) -> Option<Ticket> {
    let mut ticket = ticket(account, &answer.ticket, fetched_at)?;
    let messages = thread(answer);
    if let Some(newest) = messages.iter().filter_map(|m| m.at).max() {
        ticket.updated = Some(newest);
    }
    let replies = answer.replies.len();
    ticket
        .details
        .push(Detail::new("Replies", replies.to_string()));
    ticket.thread = Thread::Messages(messages);
    Some(ticket)
}

/// The opening message and the replies, oldest first (those without a
/// time keep their place after the ones before them).
pub fn thread(answer: &wire::TicketDetails) -> Vec<TicketMessage> {
    let opener = &answer.ticket;
    let client = opener.name.as_deref().unwrap_or_default().trim();
    let mut messages = Vec::with_capacity(answer.replies.len() + 1);
    if let Some(body) = opener.body.as_deref().filter(|b| !b.trim().is_empty()) {
        messages.push(TicketMessage {
            author: author(opener.name.as_deref(), "you"),
            at: opener.date.as_deref().and_then(parse_date),
            body: plain(body),
            from_staff: false,
        });
    }
    for reply in &answer.replies {
        messages.push(TicketMessage {
            author: author(reply.name.as_deref(), "support"),
            at: reply.date.as_deref().and_then(parse_date),
            body: plain(reply.body.as_deref().unwrap_or_default()),
            from_staff: from_staff(reply, client),
        });
    }
    let mut last = Millis::MIN;
    let keys: Vec<Millis> = messages
        .iter()
        .map(|m| {
            last = m.at.unwrap_or(last);
            last
        })
        .collect();
    let mut keyed: Vec<(Millis, TicketMessage)> = keys.into_iter().zip(messages).collect();
    keyed.sort_by_key(|(at, _)| *at);
    keyed.into_iter().map(|(_, m)| m).collect()
}

/// Whether staff wrote a reply: `type` `Admin` (the document's example)
/// or `Staff`; `Client` or `User` is the client; any other word, by
/// whether the name is the client's own.
fn from_staff(reply: &wire::TicketReply, client: &str) -> bool {
    let kind = reply.kind.as_deref().unwrap_or_default().trim();
    match kind.to_ascii_lowercase().as_str() {
        "admin" | "staff" | "operator" | "support" => true,
        "client" | "user" | "customer" => false,
        _ => {
            let name = reply.name.as_deref().unwrap_or_default().trim();
            client.is_empty() || !name.eq_ignore_ascii_case(client)
        }
    }
}

fn author(name: Option<&str>, otherwise: &str) -> String {
    match name.map(str::trim) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => otherwise.to_string(),
    }
}

/// A body with the document's `\r\n` line breaks as `\n`.
fn plain(body: &str) -> String {
    body.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_end()
        .to_string()
}

fn details(t: &wire::Ticket) -> Vec<Detail> {
    let opened_by = match (t.name.as_deref(), t.email.as_deref()) {
        (Some(name), Some(email)) => Some(format!("{} <{}>", name.trim(), email.trim())),
        (Some(one), None) | (None, Some(one)) => Some(one.trim().to_string()),
        (None, None) => None,
    };
    let rows = [
        ("Department", t.deptname.clone()),
        ("Opened", t.date.clone()),
        ("Opened by", opened_by),
    ];
    rows.into_iter()
        .filter_map(|(label, value)| {
            let value = value?.trim().to_string();
            (!value.is_empty()).then(|| Detail::new(label, value))
        })
        .collect()
}

/// What a new ticket is chosen from: the departments, one of which is
/// required (`dept_id`); XSServer has no categories.
pub fn options(departments: Vec<wire::Department>) -> TicketOptions {
    TicketOptions {
        categories: Vec::new(),
        departments: departments
            .into_iter()
            .map(|d| TicketChoice::new(d.id, d.name))
            .collect(),
        department_required: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::lenient::Code;

    fn reply(name: &str, kind: &str, date: &str) -> wire::TicketReply {
        wire::TicketReply {
            name: Some(name.into()),
            kind: Some(kind.into()),
            date: Some(date.into()),
            body: Some(format!("{name}\r\nsays")),
            ..wire::TicketReply::default()
        }
    }

    #[test]
    fn the_thread_opens_with_the_ticket_and_sorts_replies_oldest_first() {
        let answer = wire::TicketDetails {
            ticket: wire::Ticket {
                ticket_number: Some(Code::Int(736_633)),
                name: Some("Joe Doe".into()),
                date: Some("2016-12-30 12:48:13".into()),
                body: Some("help\r\nplease".into()),
                client_read: Some(false),
                ..wire::Ticket::default()
            },
            replies: vec![
                reply("Joe Doe", "Client", "2016-12-30 13:00:00"),
                reply("Suppport Staff", "Admin", "2016-12-30 12:51:04"),
                reply("Someone", "", "2016-12-30 14:00:00"),
            ],
        };
        let ticket = fetched("xs", &answer, 0).expect("numbered");
        assert!(ticket.unread);
        let Thread::Messages(messages) = &ticket.thread else {
            panic!("messages")
        };
        let authors: Vec<(&str, bool)> = messages
            .iter()
            .map(|m| (m.author.as_str(), m.from_staff))
            .collect();
        assert_eq!(
            authors,
            [
                ("Joe Doe", false),
                ("Suppport Staff", true),
                ("Joe Doe", false),
                ("Someone", true)
            ]
        );
        assert_eq!(messages[0].body, "help\nplease");
        assert_eq!(ticket.updated, messages[3].at);
    }
}
