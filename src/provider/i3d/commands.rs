//! The mutations of the i3D.net provider: the rDNS of a colocation
//! address (#77), and replying to, closing, reopening and opening tickets
//! (#42, #46, #45, #37). Each is checked before anything is sent, and sent
//! exactly once.

use super::client::Path;
use super::{tickets, wire, I3dProvider, ServerId};
use crate::model::NewTicket;
use crate::provider::http::NO_BODY;
use crate::provider::{ProviderError, PtrChange, Result};
use reqwest::Method;
use std::net::IpAddr;

/// A read before a command failed: nothing was sent.
fn not_sent(mut error: ProviderError, what: &str) -> ProviderError {
    error.cause.push_str(&format!("; {what} was not sent"));
    error
}

/// The colocation id in a [`PtrChange::server`]: `colo-N`, or `N` alone.
fn colocation_of(server: Option<&str>) -> std::result::Result<String, &'static str> {
    let server = server.map(str::trim).filter(|s| !s.is_empty()).ok_or(
        "i3D.net sets rDNS through the colocation the address belongs to, and none was given",
    )?;
    match ServerId::parse(server) {
        Some(ServerId::Colocation(id)) => Ok(id),
        Some(ServerId::Dedicated(_)) => Err(super::RDNS_COLOCATION_ONLY),
        None if server.bytes().all(|b| b.is_ascii_digit()) => Ok(server.to_string()),
        None => Err("the server given is not a colocation (expected colo-N)"),
    }
}

impl I3dProvider {
    /// Sets the PTR of a colocation address. No call reads rDNS, so the
    /// note says what was sent, not what the PTR was before.
    pub(super) async fn set_ptr(&self, change: PtrChange<'_>) -> Result<String> {
        let address = change.address.trim();
        let hostname = change.hostname.trim();
        let op = format!("PUT /v3/colocation/{{colocationId}}/network/rdns/{address}");
        if address.parse::<IpAddr>().is_err() {
            return Err(self
                .http
                .refuse(&op, format!("{address:?} is not an IP address")));
        }
        if hostname.is_empty() {
            return Err(self.http.refuse(&op, "a PTR hostname is needed"));
        }
        if change.remarks.is_some_and(|r| !r.trim().is_empty()) {
            return Err(self.http.refuse(
                &op,
                "i3D.net keeps no remarks on addresses; leave them empty",
            ));
        }
        let colocation = colocation_of(change.server).map_err(|why| self.http.refuse(&op, why))?;
        let path = Path::new(&["colocation", &colocation, "network", "rdns", address]);
        let body = wire::RdnsBody { hostname };
        let look_at = format!("the PTR of {address}");
        self.send_once(Method::PUT, &path, Some(&body), &look_at)
            .await?;
        Ok(format!(
            "PTR of {address} set to {hostname} (colocation {colocation})"
        ))
    }

    /// Replies with the title `Re: <ticket title>`, read from the ticket first.
    pub(super) async fn reply(&self, id: &str, body: &str) -> Result<String> {
        let path = Path::new(&["tickets", id, "reply"]);
        if body.trim().is_empty() {
            return Err(self
                .http
                .refuse(&path.op(&Method::POST), "a reply needs text"));
        }
        let ticket: wire::Ticket = self
            .get_one(&Path::new(&["tickets", id]))
            .await
            .map_err(|e| not_sent(e, "the reply"))?;
        let title = match ticket.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => tickets::reply_title(title),
            _ => tickets::reply_title(&format!("ticket #{id}")),
        };
        let reply = wire::Reply {
            title: &title,
            content: body,
        };
        self.send_once(Method::POST, &path, Some(&reply), "the ticket")
            .await?;
        Ok(format!("reply sent to ticket #{id}"))
    }

    /// Closes (`PUT …/close`) or reopens (`PUT …/open`) a ticket.
    pub(super) async fn set_open(&self, id: &str, open: bool) -> Result<String> {
        let (call, done) = if open {
            ("open", "reopened")
        } else {
            ("close", "closed")
        };
        let path = Path::new(&["tickets", id, call]);
        self.send_once(Method::PUT, &path, NO_BODY, "the ticket")
            .await?;
        Ok(format!("ticket #{id} {done}"))
    }

    /// Opens a ticket once its fields are there and its category is one
    /// i3D.net lists; the e-mail CC and To lists go empty.
    pub(super) async fn open_ticket(&self, new: &NewTicket) -> Result<String> {
        let path = Path::new(&["tickets"]);
        let op = path.op(&Method::POST);
        let fields = required(new).map_err(|why| self.http.refuse(&op, why))?;
        let listed = self
            .categories()
            .await
            .map_err(|e| not_sent(e, "the ticket"))?;
        let category = listed
            .iter()
            .find(|c| c.eq_ignore_ascii_case(fields.category))
            .ok_or_else(|| {
                self.http
                    .refuse(&op, unknown_category(fields.category, &listed))
            })?;
        let body = wire::NewTicket { category, ..fields };
        let answer = self
            .send_once(Method::POST, &path, Some(&body), "the ticket list")
            .await?;
        let opened: Option<wire::Ticket> = wire::decode_one(&answer.body).ok();
        Ok(match opened.and_then(|t| t.id) {
            Some(number) => format!("ticket #{number} opened"),
            None => "ticket opened (the answer names no number)".to_string(),
        })
    }
}

/// The body of a new ticket, or which required field is empty.
fn required(new: &NewTicket) -> std::result::Result<wire::NewTicket<'_>, &'static str> {
    fn given(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|v| !v.is_empty())
    }
    Ok(wire::NewTicket {
        title: given(Some(&new.subject)).ok_or("a subject is required")?,
        content: given(Some(&new.body)).ok_or("a message is required")?,
        category: given(new.category.as_deref()).ok_or("a category is required")?,
        department: given(new.department.as_deref())
            .ok_or("a department is required (i3D.net lists none: type its name)")?,
        email_cc: "",
        email_to: "",
    })
}

fn unknown_category(given: &str, listed: &[String]) -> String {
    match listed {
        [] => format!("unknown category {given:?}: i3D.net lists no categories"),
        _ => format!(
            "unknown category {given:?}; i3D.net has: {}",
            listed.join(", ")
        ),
    }
}
