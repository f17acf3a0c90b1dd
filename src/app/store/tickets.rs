//! Tickets as they arrive. The full list replaces an account's tickets;
//! the frequent open-or-unread list updates and adds tickets without
//! dropping the others. A ticket keeps its fetched thread while its
//! `updated` time stands. A ticket that turns unread after the first
//! load flashes once in the status line.

use super::*;
use crate::app::resources::TicketData;
use crate::model::{ObjectKind, Thread, Ticket, TicketOptions};
use crate::provider::{TicketInventory, TicketScope};
use std::collections::HashMap;

impl Store {
    /// A list of tickets arrived; returns whether the rows changed.
    pub(super) fn apply_tickets(
        &mut self,
        account: &str,
        inventory: TicketInventory,
        at: Millis,
    ) -> bool {
        let slot = self
            .state
            .data
            .tickets
            .entry(account.to_string())
            .or_default();
        let first_load = slot.data.is_none();
        let old = slot.data.take().unwrap_or_default();
        let fresh = merge(&old, inventory);
        let changed = fresh != old;
        let note = match first_load {
            true => None,
            false => unread_note(account, &newly_unread(&old, &fresh)),
        };
        // A thread asked for before an update is not the thread of this
        // update: the next showing asks again, not a minute later.
        for id in updated_since(&old, &fresh) {
            let target = Ref::new(account, ObjectKind::Ticket, id);
            self.state.data.threads.remove(&target);
        }
        slot.fill(fresh, at);
        if let Some(text) = note {
            self.flash(FlashLevel::Info, text);
        }
        self.dirty |= changed;
        changed
    }

    /// One ticket with its thread.
    pub(super) fn apply_ticket(&mut self, ticket: Ticket, at: Millis) {
        let slot = self
            .state
            .data
            .tickets
            .entry(ticket.account.clone())
            .or_default();
        let data = slot.data.get_or_insert_with(TicketData::default);
        match data.tickets.iter_mut().find(|t| t.id == ticket.id) {
            Some(known) => *known = ticket,
            None => {
                data.tickets.push(ticket);
                data.tickets.sort_by(|a, b| by_number(&a.id, &b.id));
            }
        }
        slot.fetched_at.get_or_insert(at);
        self.dirty = true;
    }

    pub(super) fn apply_ticket_options(
        &mut self,
        account: &str,
        options: TicketOptions,
        at: Millis,
    ) {
        let slot = self.state.data.ticket_options.entry(account.to_string());
        slot.or_default().fill(options, at);
    }
}

/// The account's tickets after a list read: the full list replaces them,
/// the open-or-unread list updates the ones it names. A thread fetched
/// earlier stays while the ticket's `updated` time stands. Tickets are
/// matched by id through an index: ten thousand of them merge in
/// milliseconds, not in a quadratic scan.
fn merge(old: &TicketData, inventory: TicketInventory) -> TicketData {
    let before = by_id(&old.tickets);
    let kept = |fresh: Ticket| keep_thread(&before, fresh);
    let mut tickets: Vec<Ticket> = match inventory.scope {
        TicketScope::All => inventory.tickets.into_iter().map(kept).collect(),
        TicketScope::OpenOrUnread => {
            let mut tickets = old.tickets.clone();
            let mut places: HashMap<String, usize> = HashMap::with_capacity(tickets.len());
            for (i, ticket) in tickets.iter().enumerate() {
                places.entry(ticket.id.clone()).or_insert(i);
            }
            for fresh in inventory.tickets.into_iter().map(kept) {
                match places.get(&fresh.id) {
                    Some(&i) => tickets[i] = fresh,
                    None => {
                        places.insert(fresh.id.clone(), tickets.len());
                        tickets.push(fresh);
                    }
                }
            }
            tickets
        }
    };
    tickets.sort_by(|a, b| by_number(&a.id, &b.id));
    TicketData {
        tickets,
        missing: inventory.missing,
    }
}

/// The tickets by id (the first of an id, should one repeat).
fn by_id(tickets: &[Ticket]) -> HashMap<&str, &Ticket> {
    let mut index = HashMap::with_capacity(tickets.len());
    for ticket in tickets {
        index.entry(ticket.id.as_str()).or_insert(ticket);
    }
    index
}

/// A list entry, with the thread its earlier version had when the ticket
/// did not change since.
fn keep_thread(before: &HashMap<&str, &Ticket>, mut fresh: Ticket) -> Ticket {
    if fresh.thread != Thread::NotFetched {
        return fresh;
    }
    let same = before
        .get(fresh.id.as_str())
        .filter(|t| t.updated == fresh.updated);
    if let Some(known) = same {
        fresh.thread = known.thread.clone();
    }
    fresh
}

/// The ids of the tickets whose `updated` time moved since `old`.
fn updated_since<'a>(old: &TicketData, fresh: &'a TicketData) -> Vec<&'a str> {
    let before = by_id(&old.tickets);
    fresh
        .tickets
        .iter()
        .filter(|t| {
            before
                .get(t.id.as_str())
                .is_some_and(|known| known.updated != t.updated)
        })
        .map(|t| t.id.as_str())
        .collect()
}

/// The tickets that are unread now and were not (or were not there, or
/// were updated since).
fn newly_unread<'a>(old: &TicketData, fresh: &'a TicketData) -> Vec<&'a Ticket> {
    let before = by_id(&old.tickets);
    fresh
        .tickets
        .iter()
        .filter(|t| t.unread)
        .filter(|t| {
            !before
                .get(t.id.as_str())
                .is_some_and(|o| o.unread && o.updated == t.updated)
        })
        .collect()
}

/// `new unread ticket #4711 on i3d-ams: Disk failure in rack 12`, or how
/// many there are.
fn unread_note(account: &str, news: &[&Ticket]) -> Option<String> {
    match news {
        [] => None,
        [ticket] => Some(format!(
            "new unread ticket #{} on {account}: {} (T: tickets)",
            ticket.id, ticket.subject
        )),
        many => Some(format!(
            "{} new unread tickets on {account} (T: tickets)",
            many.len()
        )),
    }
}

/// Ticket numbers in numeric order where they are numbers.
fn by_number(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(id: &str, updated: i64, unread: bool) -> Ticket {
        Ticket {
            account: "a".into(),
            id: id.into(),
            subject: format!("subject {id}"),
            status: "Open".into(),
            category: String::new(),
            priority: String::new(),
            created: Some(1),
            updated: Some(updated),
            unread,
            thread: Thread::NotFetched,
            details: Vec::new(),
            missing: Vec::new(),
            fetched_at: 0,
        }
    }

    fn list(scope: TicketScope, tickets: Vec<Ticket>) -> TicketInventory {
        TicketInventory {
            scope,
            tickets,
            missing: Vec::new(),
        }
    }

    #[test]
    fn the_open_list_updates_and_adds_without_dropping_the_rest() {
        let mut threaded = ticket("7", 10, false);
        threaded.thread = Thread::NoBodies {
            note: "2 replies".into(),
        };
        let old = TicketData {
            tickets: vec![ticket("10", 5, false), threaded],
            missing: Vec::new(),
        };
        let fresh = merge(
            &old,
            list(
                TicketScope::OpenOrUnread,
                vec![ticket("7", 10, false), ticket("12", 20, true)],
            ),
        );
        let ids: Vec<&str> = fresh.tickets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["7", "10", "12"], "numeric order, nothing dropped");
        assert!(
            matches!(fresh.tickets[0].thread, Thread::NoBodies { .. }),
            "unchanged: thread kept"
        );
        assert_eq!(newly_unread(&old, &fresh).len(), 1);
        let full = merge(&fresh, list(TicketScope::All, vec![ticket("7", 11, true)]));
        assert_eq!(full.tickets.len(), 1, "the full list replaces");
        assert_eq!(
            full.tickets[0].thread,
            Thread::NotFetched,
            "updated: thread stale"
        );
        assert_eq!(newly_unread(&fresh, &full).len(), 1);
        assert!(newly_unread(&full, &full).is_empty(), "flashed once");
    }
}
