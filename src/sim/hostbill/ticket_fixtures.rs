//! Deterministic tickets from a seed, dated before today: ten tickets in
//! four departments, two of them unread (answered by staff after the
//! client last read them), three closed (the last locked by staff) and
//! the rest open, waiting for staff or in progress. Bodies break lines
//! with `\r\n`, as the document's do.

use super::tickets::STAFF_NAME;
use super::world::{
    Author, Department, Reply, TicketRecord, ANSWERED, CLIENT_REPLY, CLOSED, IN_PROGRESS, OPEN,
};
use crate::sim::SplitMix64;

const HOUR: i64 = 3_600;
/// The first reply's id; the others follow one by one.
pub const FIRST_REPLY_ID: u64 = 4_101;

pub fn departments() -> Vec<Department> {
    [
        (1, "Technical Support"),
        (2, "Billing"),
        (3, "Domains"),
        (4, "Sales"),
    ]
    .into_iter()
    .map(|(id, name): (u32, &str)| Department {
        id: id.to_string(),
        name: name.into(),
    })
    .collect()
}

/// Subject, department, status, replies, whether the client read it.
const INBOX: [(&str, u64, &str, usize, bool); 10] = [
    (
        "Server 1201 unreachable after reboot",
        1,
        ANSWERED,
        2,
        false,
    ),
    ("Invoice charged twice this month", 2, ANSWERED, 1, false),
    (
        "PTR record for the new IPv6 address",
        1,
        CLIENT_REPLY,
        2,
        true,
    ),
    ("Transfer of kita-sonnenschein.org", 3, IN_PROGRESS, 1, true),
    ("VM 301: slow disk I/O at night", 1, ANSWERED, 3, true),
    ("Quote for a second quarter rack", 4, OPEN, 0, true),
    ("PDU port 3 in rack R12 switched off", 1, ANSWERED, 1, true),
    ("Please change our billing address", 2, CLOSED, 2, true),
    ("DNSSEC for becker-systemhaus.de", 3, CLOSED, 1, true),
    ("Abuse notice for 203.0.113.12", 1, CLOSED, 3, true),
];

const CLIENT_WORDS: [&str; 3] = [
    "Hello,\r\nplease have a look at this as soon as possible.\r\n\r\nThanks,\r\nJonas Becker",
    "Hi,\r\nany news on this? It is still the same here.\r\n\r\nJonas",
    "Thanks, that looks better now.\r\nOne more question: can you confirm it will stay like this?",
];
const STAFF_WORDS: [&str; 3] = [
    "Dear Mr Becker,\r\nthank you for your message. We are looking into it.\r\n\r\n-- XSServer Support --",
    "Dear Mr Becker,\r\nthe issue has been fixed on our side. Please check again.\r\n\r\n-- XSServer Support --",
    "Hello,\r\nwe have forwarded this to the responsible team\r\nand will update you shortly.\r\n\r\n-- XSServer Support --",
];

/// The inbox, all dated before `today` (the start of today, UTC), with
/// replies numbered from [`FIRST_REPLY_ID`]. Returns the next reply id too.
pub fn tickets(rng: &mut SplitMix64, today: i64, client_name: &str) -> (Vec<TicketRecord>, u64) {
    let mut next_reply = FIRST_REPLY_ID;
    let mut numbers: Vec<u64> = Vec::new();
    let tickets = INBOX
        .iter()
        .enumerate()
        .map(|(i, &(subject, dept_id, status, replies, read))| {
            let number = loop {
                let n = 100_000 + rng.below(900_000);
                if !numbers.contains(&n) {
                    numbers.push(n);
                    break n;
                }
            };
            // At most 3 replies 3 hours apart: the last is 12 hours before today.
            let opened_at =
                today - (21 + i as i64 * 37 + rng.below(6) as i64) * HOUR + rng.below(3_000) as i64;
            let last_author = if status == CLIENT_REPLY {
                Author::Client
            } else {
                Author::Admin
            };
            let replies: Vec<Reply> = (0..replies)
                .map(|k| {
                    let from_end = replies - 1 - k;
                    let author = match (last_author, from_end % 2) {
                        (Author::Admin, 0) | (Author::Client, 1) => Author::Admin,
                        _ => Author::Client,
                    };
                    let (name, words) = match author {
                        Author::Admin => (STAFF_NAME, STAFF_WORDS),
                        Author::Client => (client_name, CLIENT_WORDS),
                    };
                    next_reply += 1;
                    Reply {
                        id: next_reply - 1,
                        name: name.to_string(),
                        at: opened_at + (k as i64 + 1) * 3 * HOUR + rng.below(1_800) as i64,
                        body: words[(i + k) % words.len()].to_string(),
                        author,
                    }
                })
                .collect();
            TicketRecord {
                number,
                dept_id,
                subject: subject.to_string(),
                body: format!("{subject}.\r\n\r\n{}", CLIENT_WORDS[i % 2]),
                opened_at,
                status: status.to_string(),
                client_read: read,
                locked: i == INBOX.len() - 1,
                replies,
            }
        })
        .collect();
    (tickets, next_reply)
}
