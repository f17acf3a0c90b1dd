//! Tickets for the headless commands: `list tickets` and `show ticket`.

use super::{json_array, missing_rows, object, table};
use crate::model::time::format_utc;
use crate::model::{Millis, Thread, Ticket};
use serde_json::Value;

/// `2026-11-22 13:05:09Z`, or nothing.
fn when(at: Option<Millis>) -> String {
    at.map(format_utc).unwrap_or_default()
}

/// A ticket as JSON: the model's fields, its times named `created_at` and
/// `updated_at` like `fetched_at`.
fn ticket_object(ticket: &Ticket) -> Value {
    let mut value = object("ticket", ticket);
    if let Value::Object(map) = &mut value {
        for (field, renamed) in [("created", "created_at"), ("updated", "updated_at")] {
            if let Some(at) = map.remove(field) {
                map.insert(renamed.into(), at);
            }
        }
    }
    value
}

pub fn tickets(tickets: &[Ticket], as_json: bool) -> String {
    if as_json {
        return json_array(tickets.iter().map(ticket_object).collect());
    }
    let rows: Vec<Vec<String>> = tickets
        .iter()
        .map(|t| {
            vec![
                t.account.clone(),
                t.id.clone(),
                t.status.clone(),
                if t.unread { "yes" } else { "" }.to_string(),
                when(t.updated),
                t.category.clone(),
                t.subject.clone(),
            ]
        })
        .collect();
    table(
        &[
            "ACCOUNT", "ID", "STATUS", "UNREAD", "UPDATED", "CATEGORY", "SUBJECT",
        ],
        &rows,
    )
}

/// The ticket's fields that have a value, then every message (oldest
/// first) or what the provider gives instead.
pub fn ticket_details(ticket: &Ticket) -> String {
    let yes_no = if ticket.unread { "yes" } else { "no" };
    let mut rows: Vec<(String, String)> = vec![
        ("Account".into(), ticket.account.clone()),
        ("Id".into(), ticket.id.clone()),
        ("Subject".into(), ticket.subject.clone()),
        ("Status".into(), ticket.status.clone()),
        ("Category".into(), ticket.category.clone()),
        ("Priority".into(), ticket.priority.clone()),
        ("Created".into(), when(ticket.created)),
        ("Updated".into(), when(ticket.updated)),
        ("Unread".into(), yes_no.into()),
    ];
    rows.extend(
        ticket
            .details
            .iter()
            .map(|d| (d.label.to_string(), d.value.to_string())),
    );
    rows.extend(missing_rows(&ticket.missing));
    rows.retain(|(_, value)| !value.is_empty());
    let mut text = super::labelled(&rows);
    text.push_str(&thread(&ticket.thread));
    text
}

/// The messages, each under a line naming its author and time.
fn thread(thread: &Thread) -> String {
    let messages = match thread {
        Thread::NotFetched => return "\nMessages: not fetched\n".into(),
        Thread::NoBodies { note } => return format!("\nMessages: {note}\n"),
        Thread::Messages(messages) => messages,
    };
    if messages.is_empty() {
        return "\nMessages: none\n".into();
    }
    let mut text = String::new();
    for message in messages {
        let staff = if message.from_staff { " (staff)" } else { "" };
        let at = when(message.at);
        text.push_str(&format!("\n--- {}{staff}  {at}\n", message.author));
        text.push_str(message.body.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TicketMessage;

    fn ticket(thread: Thread) -> Ticket {
        Ticket {
            account: "i3d".into(),
            id: "4711".into(),
            subject: "Disk failing".into(),
            status: "Open".into(),
            category: "Hardware".into(),
            priority: String::new(),
            created: Some(1_795_000_000_000),
            updated: Some(1_795_516_800_000),
            unread: true,
            thread,
            details: Vec::new(),
            missing: Vec::new(),
            fetched_at: 1,
        }
    }

    #[test]
    fn json_names_the_times_like_fetched_at() {
        let text = tickets(&[ticket(Thread::NotFetched)], true);
        let list: Value = serde_json::from_str(&text).expect("json");
        let object = &list[0];
        assert_eq!(object["kind"], "ticket");
        assert_eq!(object["account"], "i3d");
        assert_eq!(object["id"], "4711");
        assert_eq!(object["unread"], true);
        assert_eq!(object["updated_at"], 1_795_516_800_000_i64);
        assert_eq!(object["created_at"], 1_795_000_000_000_i64);
        assert!(object.get("updated").is_none() && object.get("created").is_none());
    }

    #[test]
    fn details_show_every_message_or_what_the_provider_gives_instead() {
        let message = |author: &str, body: &str, from_staff| TicketMessage {
            author: author.into(),
            at: Some(1_795_516_800_000),
            body: body.into(),
            from_staff,
        };
        let thread = Thread::Messages(vec![
            message("ops", "The disk in slot 3 clicks.", false),
            message("Support", "Replaced.\nPlease check.", true),
        ]);
        let text = ticket_details(&ticket(thread));
        assert!(text.starts_with("Account   i3d\n"), "{text}");
        assert!(text.contains("Updated   2026-11-24 10:40:00Z\n"), "{text}");
        assert!(!text.contains("Priority"), "no empty fields: {text}");
        assert!(
            text.ends_with(
                "\n--- ops  2026-11-24 10:40:00Z\nThe disk in slot 3 clicks.\n\n--- Support (staff)  2026-11-24 10:40:00Z\nReplaced.\nPlease check.\n"
            ),
            "{text}"
        );
        let note = "the provider gives no message bodies; 3 replies";
        let text = ticket_details(&ticket(Thread::NoBodies { note: note.into() }));
        assert!(text.ends_with(&format!("\nMessages: {note}\n")), "{text}");
    }
}
