//! Deterministic tickets from a seed, dated before today: the inbox has
//! three unread tickets (answered by i3D after the client last read them),
//! three closed ones (the last of them force-closed) and the rest open or
//! waiting for i3D. Larger counts repeat the list with numbered titles.

use super::models::Ticket;
use super::world::{TicketRecord, ANSWERED, AWAITING_REPLY, CLOSED, OPEN};
use crate::sim::SplitMix64;

const HOUR: i64 = 3_600;

/// Title, category, priority, status and whether the client has read it.
const INBOX: [(&str, &str, &str, &str, bool); 12] = [
    (
        "Server 12004 unreachable after kernel update",
        "Technical",
        "High",
        ANSWERED,
        false,
    ),
    (
        "Invoice shows a double power charge",
        "Billing",
        "Normal",
        ANSWERED,
        false,
    ),
    (
        "Packet loss towards AMS-IX from rack R12",
        "Network",
        "High",
        ANSWERED,
        false,
    ),
    (
        "Request for an extra /29 IPv4 block",
        "Network",
        "Normal",
        AWAITING_REPLY,
        true,
    ),
    (
        "Replace failed disk in slot 3",
        "Technical",
        "Urgent",
        OPEN,
        true,
    ),
    (
        "Quote for two additional 42U racks",
        "Sales",
        "Low",
        AWAITING_REPLY,
        true,
    ),
    (
        "PDU feed B shows high amperage",
        "Technical",
        "Normal",
        ANSWERED,
        true,
    ),
    ("Update the billing contact", "Billing", "Low", OPEN, true),
    (
        "BGP session flapping on uplink 2",
        "Network",
        "Urgent",
        ANSWERED,
        true,
    ),
    (
        "Remote hands: reseat NIC on 12017",
        "Technical",
        "Normal",
        CLOSED,
        true,
    ),
    ("VAT number on invoices", "Billing", "Normal", CLOSED, true),
    ("Abuse report 88231", "Technical", "Normal", CLOSED, true),
];
/// The first ticket's id; the others follow one by one.
const FIRST_ID: u64 = 58_001;

/// `count` tickets, all dated before `today` (the start of today, UTC).
pub fn tickets(count: usize, seed: u64, today: i64) -> Vec<TicketRecord> {
    let mut rng = SplitMix64::new(seed ^ 0x071C_4E75);
    (0..count).map(|i| ticket(i, &mut rng, today)).collect()
}

fn ticket(i: usize, rng: &mut SplitMix64, today: i64) -> TicketRecord {
    let (title, category, priority, status, read) = INBOX[i % INBOX.len()];
    let title = match i / INBOX.len() {
        0 => title.to_string(),
        round => format!("{title} (#{})", round + 1),
    };
    // At most 11 hours pass between creation and the last update.
    let created_at = today - (14 + i as i64 * 29 + rng.below(10) as i64) * HOUR;
    let replies = if status == OPEN {
        0
    } else {
        rng.below(4) as u32
    };
    let replied_at = created_at + i64::from(replies) * 2 * HOUR;
    let updated_at = replied_at + staff_delay(status);
    let read_at = if read {
        updated_at + 600
    } else {
        replied_at + HOUR
    };
    TicketRecord {
        ticket: Ticket {
            id: FIRST_ID + i as u64,
            hash: rng.hex32(),
            read_hash: rng.hex32(),
            title,
            category_name: category.to_string(),
            priority_name: priority.to_string(),
            created_at,
            updated_at,
            client_last_replied_at: replied_at,
            client_last_read_at: read_at,
            status: status.to_string(),
            num_user_replies: replies,
        },
        force_closed: i % INBOX.len() == INBOX.len() - 1,
        department: "Support".into(),
        email_to: String::new(),
        email_cc: String::new(),
        messages: Vec::new(),
    }
}

/// How long after the client's last word i3D last touched the ticket.
fn staff_delay(status: &str) -> i64 {
    match status {
        ANSWERED => 3 * HOUR,
        CLOSED => 5 * HOUR,
        _ => 0,
    }
}
