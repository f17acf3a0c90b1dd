//! Tickets (digest #17-#23): the list, one ticket with its replies, new
//! tickets, replies, re-opening and closing, and the departments. Every
//! change persists.
//!
//! Where the document is silent, ours:
//! - Lists come newest ticket first; `date` is when the ticket was opened.
//! - `client_read` is `"0"` while staff wrote since the client last read
//!   the ticket. Reading it (`GET /tickets/@number`) marks it read, and so
//!   do the client's own changes. A staff answer (`POST
//!   /_sim/tickets/@number/answer`) makes it unread.
//! - A client reply sets the status `Client-Reply`, also on a closed
//!   ticket (which re-opens it). A ticket staff locked (`POST
//!   /_sim/tickets/@number/lock`) takes no reply: `{"error": ["ticket is
//!   locked"]}` with 200.
//! - Close and re-open answer `{"status": false}` when there is nothing to
//!   do (already closed; not closed, or locked), `{"status": true}` else.
//! - `dept_id` is a JSON number or a string of digits (PHP reads either).
//! - `GET /ticket/departments` has no documented shape; ours is
//!   `{"departments": [{"id": "1", "name": "Technical Support"}]}`.

use super::proto::{self, date_time, now_secs, path_id, Answer, ApiError, Fields};
use super::world::{Author, Reply, TicketRecord, World, ANSWERED, CLIENT_REPLY, CLOSED, OPEN};
use super::Sim;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;

/// The name on staff replies (the document's example says "Suppport Staff").
pub const STAFF_NAME: &str = "Support Staff";

pub fn routes() -> Router<Arc<Sim>> {
    Router::new()
        .route("/api/tickets", get(list).post(create))
        .route("/api/tickets/{number}", get(details).post(reply))
        .route("/api/tickets/{number}/open", put(open))
        .route("/api/tickets/{number}/close", put(close))
        .route("/api/ticket/departments", get(departments))
}

/// #17 `{"tickets": [...]}`, each with the document's six fields.
async fn list(State(sim): State<Arc<Sim>>) -> Answer {
    let world = sim.lock();
    let mut tickets: Vec<&TicketRecord> = world.tickets.iter().collect();
    tickets.sort_by_key(|t| std::cmp::Reverse((t.opened_at, t.number)));
    let items: Vec<Value> = tickets
        .into_iter()
        .map(|t| {
            json!({
                "client_read": flag(t.client_read),
                "ticket_number": t.number.to_string(),
                "date": date_time(t.opened_at),
                "deptname": dept_name(&world, t),
                "subject": t.subject,
                "status": t.status,
            })
        })
        .collect();
    proto::answer(json!({ "tickets": items }))
}

/// #18 `{"ticket": {...}, "replies": [...]}`; the client has now read it.
async fn details(State(sim): State<Arc<Sim>>, Path(number): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &number)?;
    record.client_read = true;
    let record = record.clone();
    Ok(Json(thread(&world, &record)).into_response())
}

/// The document's ticket details answer.
pub fn thread(world: &World, record: &TicketRecord) -> Value {
    let client = &world.client;
    let replies: Vec<Value> = record
        .replies
        .iter()
        .map(|r| {
            json!({
                "id": r.id.to_string(),
                "name": r.name,
                "date": date_time(r.at),
                "body": r.body,
                "status": "Sent",
                "type": r.author,
            })
        })
        .collect();
    json!({
        "ticket": {
            "date": date_time(record.opened_at),
            "ticket_number": record.number.to_string(),
            "name": format!("{} {}", client.firstname, client.lastname),
            "email": client.email,
            "subject": record.subject,
            "body": record.body,
            "status": record.status,
            "client_read": flag(record.client_read),
            "deptname": dept_name(world, record),
        },
        "replies": replies,
    })
}

/// #19 `{"dept_id": 1, "subject": ..., "body": ...}` answers
/// `{"ticket": 865650}`, the new number as a JSON number.
async fn create(State(sim): State<Arc<Sim>>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let dept_id = fields.number("dept_id", u64::from(u32::MAX));
    let subject = fields.filled("subject");
    let text = fields.filled("body");
    if fields.value("dept_id").is_none() {
        fields.error("dept_id is required");
    }
    let mut world = sim.lock();
    if let Some(id) = dept_id.filter(|id| world.department(*id).is_none()) {
        fields.error(format!(
            "dept_id {id} is not a department of GET /ticket/departments"
        ));
    }
    fields.finish()?;
    let number = world.new_ticket_number();
    world.tickets.push(TicketRecord {
        number,
        dept_id: dept_id.unwrap_or_default(),
        subject,
        body: text,
        opened_at: now_secs(),
        status: OPEN.into(),
        client_read: true,
        locked: false,
        replies: Vec::new(),
    });
    proto::answer(json!({ "ticket": number }))
}

/// #20 `{"body": ...}` answers `{"info": ["reply_added"]}` only.
async fn reply(State(sim): State<Arc<Sim>>, Path(number): Path<String>, body: Bytes) -> Answer {
    let mut fields = Fields::parse(&body)?;
    let text = fields.filled("body");
    fields.finish()?;
    let mut world = sim.lock();
    let name = format!("{} {}", world.client.firstname, world.client.lastname);
    let id = world.new_reply_id();
    let record = find(&mut world, &number)?;
    if record.locked {
        return Err(ApiError::refused("ticket is locked"));
    }
    let at = next_moment(record);
    record.replies.push(Reply {
        id,
        name,
        at,
        body: text,
        author: Author::Client,
    });
    record.status = CLIENT_REPLY.into();
    record.client_read = true;
    Ok(proto::info("reply_added"))
}

/// #21 "Try to re-open closed ticket".
async fn open(State(sim): State<Arc<Sim>>, Path(number): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &number)?;
    let done = record.status == CLOSED && !record.locked;
    if done {
        record.status = OPEN.into();
        record.client_read = true;
    }
    Ok(proto::status(done))
}

/// #22 "Send request to close a ticket".
async fn close(State(sim): State<Arc<Sim>>, Path(number): Path<String>) -> Answer {
    let mut world = sim.lock();
    let record = find(&mut world, &number)?;
    let done = record.status != CLOSED;
    if done {
        record.status = CLOSED.into();
        record.client_read = true;
    }
    Ok(proto::status(done))
}

/// #23, in our shape (the document has none).
async fn departments(State(sim): State<Arc<Sim>>) -> Answer {
    proto::answer(json!({ "departments": sim.lock().departments }))
}

/// Staff answer the ticket: it becomes unread, and `Answered` unless it
/// is locked. Used by the `/_sim/` routes.
pub fn staff_answer(world: &mut World, number: &str, body: String) -> Result<(), ApiError> {
    let id = world.new_reply_id();
    let record = find(world, number)?;
    let at = next_moment(record);
    record.replies.push(Reply {
        id,
        name: STAFF_NAME.into(),
        at,
        body,
        author: Author::Admin,
    });
    if !record.locked {
        record.status = ANSWERED.into();
    }
    record.client_read = false;
    Ok(())
}

/// Staff close the ticket for good.
pub fn lock(world: &mut World, number: &str) -> Result<(), ApiError> {
    let record = find(world, number)?;
    record.locked = true;
    record.status = CLOSED.into();
    Ok(())
}

pub fn find<'w>(world: &'w mut World, number: &str) -> Result<&'w mut TicketRecord, ApiError> {
    let number = path_id(number, "ticket")?;
    world
        .ticket_mut(number)
        .ok_or_else(|| ApiError::not_found("ticket"))
}

/// Now, but at least a second after the ticket's last message.
fn next_moment(record: &TicketRecord) -> i64 {
    let last = record.replies.last().map_or(record.opened_at, |r| r.at);
    now_secs().max(last + 1)
}

fn dept_name(world: &World, record: &TicketRecord) -> String {
    world
        .department(record.dept_id)
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

/// The document's string flags: `"1"` or `"0"`.
pub fn flag(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        "0"
    }
}
