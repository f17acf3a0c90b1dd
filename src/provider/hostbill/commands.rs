//! The mutations of the XSServer provider: replying to, closing,
//! re-opening and opening tickets (#20, #22, #21, #19), a domain's
//! nameservers and their reset to XSServer's defaults (#27), and the PTR
//! of a service address (#35). Each is checked before anything is sent,
//! and sent exactly once; a read it needs first (a department, a domain's
//! id, the service holding an address) failing means nothing was sent.

use super::client::Path;
use super::wire::{self, Messages};
use super::{HostbillProvider, DEFAULT_NAMESERVERS};
use crate::model::validate;
use crate::model::NewTicket;
use crate::provider::http::NO_BODY;
use crate::provider::{ErrorKind, ProviderError, PtrChange, Result};
use reqwest::Method;
use std::collections::BTreeMap;
use std::net::IpAddr;

/// A read before a command failed: nothing was sent.
fn not_sent(mut error: ProviderError, what: &str) -> ProviderError {
    error.cause.push_str(&format!("; {what} was not sent"));
    error
}

impl HostbillProvider {
    /// `POST /tickets/@number` with the text; the answer says only
    /// `reply_added`, so the ticket is read again to see the reply there.
    pub(super) async fn reply(&self, id: &str, body: &str) -> Result<String> {
        let id = id.trim();
        let path = Path::new(&["tickets", id]);
        if body.trim().is_empty() {
            return Err(self
                .http
                .refuse(&path.op(&Method::POST), "a reply needs text"));
        }
        let reply = wire::Reply { body };
        let answer = self
            .send_once(Method::POST, &path, Some(&reply), "the ticket")
            .await?;
        let said = Messages::of(&answer.body).info.join("; ");
        let mut note = format!("reply sent to ticket #{id}");
        if !said.is_empty() && said != "reply_added" {
            note.push_str(&format!(" ({said})"));
        }
        match self.fetch_ticket(id).await {
            Ok(ticket) => {
                if let crate::model::Thread::Messages(messages) = &ticket.thread {
                    note.push_str(&format!("; the thread has {} messages", messages.len()));
                }
            }
            Err(error) => note.push_str(&format!(" (reading it again failed: {})", error.cause)),
        }
        Ok(note)
    }

    /// Closes (`PUT …/close`) or re-opens (`PUT …/open`) a ticket; the
    /// answer `{"status": false}` is a refusal, named as such.
    pub(super) async fn set_open(&self, id: &str, open: bool) -> Result<String> {
        let id = id.trim();
        let (call, done, why) = if open {
            (
                "open",
                "re-opened",
                "it is not closed, or staff closed it for good",
            )
        } else {
            ("close", "closed", "it may be closed already")
        };
        let path = Path::new(&["tickets", id, call]);
        self.send_once(Method::PUT, &path, NO_BODY, "the ticket")
            .await
            .map_err(|mut e| {
                if e.kind == ErrorKind::Api && e.cause.contains("status false") {
                    e.cause = format!("XSServer did not do it (status false: {why})");
                }
                e
            })?;
        Ok(format!("ticket #{id} {done}"))
    }

    /// Opens a ticket in a department XSServer lists (by id or name).
    pub(super) async fn open_ticket(&self, new: &NewTicket) -> Result<String> {
        let path = Path::new(&["tickets"]);
        let op = path.op(&Method::POST);
        let given = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let subject =
            given(&new.subject).ok_or_else(|| self.http.refuse(&op, "a subject is required"))?;
        let body =
            given(&new.body).ok_or_else(|| self.http.refuse(&op, "a message is required"))?;
        let department = new
            .department
            .as_deref()
            .and_then(given)
            .ok_or_else(|| self.http.refuse(&op, "a department is required"))?;
        let listed = self
            .departments()
            .await
            .map_err(|e| not_sent(e, "the ticket"))?;
        let chosen = listed
            .iter()
            .find(|d| d.id == department || d.name.eq_ignore_ascii_case(&department))
            .ok_or_else(|| {
                self.http
                    .refuse(&op, unknown_department(&department, &listed))
            })?;
        let dept_id: u64 = chosen.id.parse().map_err(|_| {
            self.http.refuse(
                &op,
                format!(
                    "department {:?} has no numeric id ({:?})",
                    chosen.name, chosen.id
                ),
            )
        })?;
        let ticket = wire::NewTicket {
            dept_id,
            subject: &subject,
            body: &body,
        };
        let answer = self
            .send_once(Method::POST, &path, Some(&ticket), "the ticket list")
            .await?;
        let opened: Option<wire::TicketOpened> = wire::decode(&answer.body).ok();
        Ok(match opened.and_then(|t| t.ticket) {
            Some(number) => format!("ticket #{number} opened in {}", chosen.name),
            None => format!(
                "ticket opened in {} (the answer names no number)",
                chosen.name
            ),
        })
    }

    /// `PUT /domain/@id/ns` with the list; never an empty one, which
    /// XSServer takes as "its defaults" (that is [`Self::reset_nameservers`]).
    pub(super) async fn set_nameservers(&self, id: &str, nameservers: &[String]) -> Result<String> {
        let op = format!("PUT /api/domain/{{id}}/ns for {id}");
        let names = validate::nameservers(nameservers, validate::MAX_NAMESERVERS).map_err(|why| {
            self.http.refuse(
                &op,
                format!("{why}; nothing was sent (to go back to {DEFAULT_NAMESERVERS}, reset them instead)"),
            )
        })?;
        let hostbill_id = self
            .hostbill_domain_id(id)
            .await
            .map_err(|e| not_sent(e, "the change"))?;
        let path = Path::new(&["domain", &hostbill_id, "ns"]);
        let body = wire::Nameservers {
            nameservers: &names,
        };
        self.send_once(Method::PUT, &path, Some(&body), "the domain's nameservers")
            .await?;
        Ok(format!("nameservers of {id} set to {}", names.join(", ")))
    }

    /// `PUT /domain/@id/ns` with an empty list, on purpose: XSServer puts
    /// its default nameservers back (L1188). The note names them as read
    /// afterwards.
    pub(super) async fn reset_nameservers(&self, id: &str) -> Result<String> {
        let hostbill_id = self
            .hostbill_domain_id(id)
            .await
            .map_err(|e| not_sent(e, "the reset"))?;
        let path = Path::new(&["domain", &hostbill_id, "ns"]);
        let none: [String; 0] = [];
        let body = wire::Nameservers { nameservers: &none };
        self.send_once(Method::PUT, &path, Some(&body), "the domain's nameservers")
            .await?;
        let mut note = format!("nameservers of {id} reset to {DEFAULT_NAMESERVERS}");
        match self.fetch_domain(id).await {
            Ok(domain) if !domain.nameservers.is_empty() => {
                note.push_str(&format!(": {}", domain.nameservers.join(", ")));
            }
            Ok(_) => {}
            Err(error) => note.push_str(&format!(" (reading them failed: {})", error.cause)),
        }
        Ok(note)
    }

    /// `POST /service/@id/rdns` with only this address: `{"ipaddress":
    /// {"<ip>": "<hostname>"}}`. The service is the row the change names,
    /// else the configured service whose IP list holds the address.
    pub(super) async fn set_ptr(&self, change: PtrChange<'_>) -> Result<String> {
        let address = change.address.trim();
        let hostname = change.hostname.trim().trim_end_matches('.');
        let op = format!("POST /api/service/{{id}}/rdns for {address}");
        let ip: IpAddr = address.parse().map_err(|_| {
            self.http
                .refuse(&op, format!("{address:?} is not an IP address"))
        })?;
        let hostname = validate::hostname(hostname).map_err(|why| {
            self.http
                .refuse(&op, format!("PTR host name {hostname:?}: {why}"))
        })?;
        if change.remarks.is_some_and(|r| !r.trim().is_empty()) {
            return Err(self.http.refuse(
                &op,
                "XSServer keeps no remarks on addresses; leave them empty",
            ));
        }
        let (service, listed) = self
            .service_of(ip, change.server)
            .await
            .map_err(|e| not_sent(e, "the PTR change"))?;
        let path = Path::new(&["service", &service, "rdns"]);
        let body = wire::RdnsChange {
            ipaddress: BTreeMap::from([(listed.as_str(), hostname.as_str())]),
        };
        let look_at = format!("the PTR of {listed}");
        self.send_once(Method::POST, &path, Some(&body), &look_at)
            .await?;
        Ok(format!(
            "PTR of {listed} set to {hostname} (service {service})"
        ))
    }

    /// The service holding `ip`, and the address as it lists it: the one
    /// `server` names (a row id), else the first configured service whose
    /// IP list has it.
    async fn service_of(&self, ip: IpAddr, server: Option<&str>) -> Result<(String, String)> {
        let named = server.map(str::trim).filter(|s| !s.is_empty());
        let candidates: Vec<String> = match named {
            Some(row) => vec![row.to_string()],
            None => self
                .settings
                .services
                .iter()
                .map(|s| s.id.to_string())
                .collect(),
        };
        let op = format!("find the service of {ip}");
        if candidates.is_empty() {
            return Err(self.http.refuse(
                &op,
                "the account's config names no services (services = [...])",
            ));
        }
        for service in &candidates {
            let path = Path::new(&["service", service, "ip"]);
            let listed = self.lenient(path, wire::addresses).await?;
            let found = listed
                .into_iter()
                .find(|a| a.address.parse::<IpAddr>().ok() == Some(ip));
            if let Some(found) = found {
                return Ok((service.clone(), found.address));
            }
        }
        let searched = candidates.join(", ");
        Err(self.http.error(
            &op,
            ErrorKind::Refused,
            format!("no service lists {ip} (searched service {searched})"),
        ))
    }
}

fn unknown_department(given: &str, listed: &[wire::Department]) -> String {
    let names: Vec<String> = listed
        .iter()
        .map(|d| format!("{} ({})", d.name, d.id))
        .collect();
    match names.is_empty() {
        true => format!("unknown department {given:?}: XSServer lists none"),
        false => format!(
            "unknown department {given:?}; XSServer has: {}",
            names.join(", ")
        ),
    }
}
