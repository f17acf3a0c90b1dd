//! The ticket inbox: categories (#35), the list (#36) and its open-or-unread
//! part (#38), one ticket (#39: the 12-field model, as the document has no
//! contents or replies), new tickets (#37), replies (#42), and opening
//! (#45) and closing (#46). Every change persists.
//!
//! A ticket is unread while `updatedAt > clientLastReadAt`. The client's
//! own changes (new ticket, reply, open, close) count as read; an answer
//! from i3D staff (`POST /_sim/tickets/{id}/answer`) makes it unread. Each
//! change moves `updatedAt` forward by at least a second. Lists come newest
//! ticket first. The simulator has no attachment uploads (#43), so any
//! `attachmentIds` entry is refused.

use super::models::Ticket;
use super::proto::{self, now_secs, path_id, Answer, ApiError, Fields, Range};
use super::world::{
    Author, Message, TicketRecord, World, ANSWERED, AWAITING_REPLY, CATEGORIES, CLOSED, OPEN,
};
use super::Sim;
use crate::sim::SplitMix64;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post, put};
use axum::Router;
use std::sync::Arc;

/// The priority of a ticket made through the API (the document has no
/// priority field on input).
const NEW_PRIORITY: &str = "Normal";

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/v3/tickets", get(list).post(create))
        .route("/v3/tickets/openOrUnread", get(open_or_unread))
        .route("/v3/tickets/categories", get(categories))
        .route("/v3/tickets/{ticketId}", get(details))
        .route("/v3/tickets/{ticketId}/reply", post(reply))
        .route("/v3/tickets/{ticketId}/open", put(open))
        .route("/v3/tickets/{ticketId}/close", put(close))
}

async fn list(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    listed(&sim, &headers, |_| true)
}

async fn open_or_unread(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Answer {
    listed(&sim, &headers, |t| t.status != CLOSED || is_unread(t))
}

/// A page of the tickets that pass `wanted`, newest first.
fn listed(sim: &Sim, headers: &HeaderMap, wanted: impl Fn(&Ticket) -> bool) -> Answer {
    let range = Range::optional(headers)?;
    let world = sim.lock();
    let tickets: Vec<&Ticket> = world
        .tickets
        .iter()
        .rev()
        .map(|r| &r.ticket)
        .filter(|t| wanted(t))
        .collect();
    Ok(proto::list(range.page(&tickets)))
}

async fn categories(headers: HeaderMap) -> Answer {
    let range = Range::optional(&headers)?;
    Ok(proto::list(range.page(&CATEGORIES)))
}

async fn details(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &id)?;
    Ok(proto::one(record.ticket.id, &record.ticket))
}

async fn create(State(sim): State<Arc<Sim>>, body: Bytes) -> Answer {
    let draft = Draft::parse(&body)?;
    let mut world = sim.lock();
    let id = world.new_ticket_id();
    let record = draft.into_record(id, world.seed, now_secs());
    let answer = proto::one(id, &record.ticket);
    world.tickets.push(record);
    Ok(answer)
}

async fn reply(State(sim): State<Arc<Sim>>, Path(id): Path<String>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let title = fields.filled("title");
    let content = fields.filled("content");
    refuse_attachments(&mut fields);
    fields.finish()?;
    let mut world = sim.lock();
    let record = find(&mut world, &id)?;
    refuse_force_closed(record, "A force-closed ticket takes no replies")?;
    let at = client_touch(record, AWAITING_REPLY);
    record.ticket.client_last_replied_at = at;
    record.ticket.num_user_replies += 1;
    record.messages.push(Message {
        from: Author::Client,
        title,
        content,
        at,
    });
    Ok(proto::one(record.ticket.id, &record.ticket))
}

async fn open(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &id)?;
    refuse_force_closed(record, "This ticket is force-closed and cannot be opened")?;
    if record.ticket.status == CLOSED {
        client_touch(record, OPEN);
    }
    Ok(proto::no_content())
}

async fn close(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &id)?;
    if record.ticket.status != CLOSED {
        client_touch(record, CLOSED);
    }
    Ok(proto::no_content())
}

/// i3D staff answer the ticket: it becomes unread, and `Answered` unless
/// it is closed. Used by the `/_sim/` control routes.
pub fn staff_answer(record: &mut TicketRecord, title: String, content: String) {
    let at = next_moment(&record.ticket);
    record.ticket.updated_at = at;
    if record.ticket.status != CLOSED {
        record.ticket.status = ANSWERED.to_string();
    }
    record.messages.push(Message {
        from: Author::Staff,
        title,
        content,
        at,
    });
}

/// i3D closes the ticket for good.
pub fn force_close(record: &mut TicketRecord) {
    record.force_closed = true;
    record.ticket.status = CLOSED.to_string();
    record.ticket.updated_at = next_moment(&record.ticket);
}

pub fn is_unread(ticket: &Ticket) -> bool {
    ticket.updated_at > ticket.client_last_read_at
}

/// The client changed the ticket: `status`, updated and read now. Returns
/// the moment.
fn client_touch(record: &mut TicketRecord, status: &str) -> i64 {
    let at = next_moment(&record.ticket);
    record.ticket.status = status.to_string();
    record.ticket.updated_at = at;
    record.ticket.client_last_read_at = at;
    at
}

/// Now, but at least a second after the ticket's last update and read.
fn next_moment(ticket: &Ticket) -> i64 {
    now_secs().max(ticket.updated_at.max(ticket.client_last_read_at) + 1)
}

pub fn find<'w>(world: &'w mut World, id: &str) -> Result<&'w mut TicketRecord, ApiError> {
    let id = path_id(id, "ticketId")?;
    world
        .ticket_mut(id)
        .ok_or_else(|| ApiError::not_found("ticketId"))
}

fn refuse_force_closed(record: &TicketRecord, message: &str) -> Result<(), ApiError> {
    if record.force_closed {
        Err(ApiError::forbidden("ticketId", message))
    } else {
        Ok(())
    }
}

fn refuse_attachments(fields: &mut Fields) {
    if let Some(id) = fields.ids("attachmentIds").first() {
        fields.error("attachmentIds", format!("Attachment {id} not found"));
    }
}

/// The body of `POST /v3/tickets`: every field the document marks Required.
struct Draft {
    title: String,
    content: String,
    category: String,
    department: String,
    email_cc: String,
    email_to: String,
}

impl Draft {
    /// The checked body. The e-mail fields are CSV lists that may be empty;
    /// every address in them must look like one.
    fn parse(body: &[u8]) -> Result<Draft, ApiError> {
        let mut fields = Fields::parse(body)?;
        let draft = Draft {
            title: fields.filled("title"),
            content: fields.filled("content"),
            category: fields.filled("category"),
            department: fields.filled("department"),
            email_cc: fields.text("emailCc"),
            email_to: fields.text("emailTo"),
        };
        let category = draft.category.trim();
        if !category.is_empty() && !CATEGORIES.contains(&category) {
            fields.error("category", "Must be one of GET /v3/tickets/categories");
        }
        check_addresses(&mut fields, "emailCc", &draft.email_cc);
        check_addresses(&mut fields, "emailTo", &draft.email_to);
        refuse_attachments(&mut fields);
        fields.finish()?;
        Ok(draft)
    }

    fn into_record(self, id: u64, seed: u64, now: i64) -> TicketRecord {
        let mut rng = SplitMix64::new(seed ^ id.rotate_left(32));
        let ticket = Ticket {
            id,
            hash: rng.hex32(),
            read_hash: rng.hex32(),
            title: self.title.clone(),
            category_name: self.category.trim().to_string(),
            priority_name: NEW_PRIORITY.into(),
            created_at: now,
            updated_at: now,
            client_last_replied_at: now,
            client_last_read_at: now,
            status: OPEN.into(),
            num_user_replies: 0,
        };
        TicketRecord {
            ticket,
            force_closed: false,
            department: self.department,
            email_to: self.email_to,
            email_cc: self.email_cc,
            messages: vec![Message {
                from: Author::Client,
                title: self.title,
                content: self.content,
                at: now,
            }],
        }
    }
}

fn check_addresses(fields: &mut Fields, name: &str, csv: &str) {
    let bad = csv
        .split(',')
        .map(str::trim)
        .find(|a| !a.is_empty() && !looks_like_address(a));
    if let Some(address) = bad {
        fields.error(name, format!("Not an e-mail address: {address}"));
    }
}

/// `local@domain.tld` with no spaces.
fn looks_like_address(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let dotted = domain
        .split_once('.')
        .is_some_and(|(name, tld)| !name.is_empty() && !tld.is_empty());
    !local.is_empty() && dotted && !domain.contains('@') && !address.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::looks_like_address;

    #[test]
    fn addresses_need_a_local_part_and_a_dotted_domain() {
        for good in ["ops@demo-ops.example", "a.b+c@x.io"] {
            assert!(looks_like_address(good), "{good}");
        }
        for bad in ["ops", "@x.io", "ops@x", "ops@.io", "o ps@x.io", "a@b@c.io"] {
            assert!(!looks_like_address(bad), "{bad}");
        }
    }
}
