//! The mutations of the XSServer provider: replying to, closing,
//! re-opening and opening tickets (#20, #22, #21, #19), a domain's
//! nameservers and their reset to XSServer's defaults (#27), the PTR of a
//! service address (#35), and DNS records (#29-#31). Each is checked
//! before anything is sent, and sent exactly once; a read it needs first
//! (a department, a domain's id, the service holding an address, the zone)
//! failing means nothing was sent.

use super::client::Path;
use super::wire::{self, Messages};
use super::{map, HostbillProvider, DEFAULT_NAMESERVERS};
use crate::model::validate;
use crate::model::{NewTicket, RecordFields};
use crate::provider::http::NO_BODY;
use crate::provider::{ErrorKind, ProviderError, PtrChange, RecordChange, Result};
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

impl HostbillProvider {
    /// `POST /domain/@id/dns` (#29). The answer names no id; the zone is
    /// listed again by whoever shows it.
    pub(super) async fn add_record(&self, domain: &str, fields: &RecordFields) -> Result<String> {
        let hostbill_id = self
            .hostbill_domain_id(domain)
            .await
            .map_err(|e| not_sent(e, "the record"))?;
        let path = Path::new(&["domain", &hostbill_id, "dns"]);
        self.check_fields(&path.op(&Method::POST), fields)?;
        let look_at = format!("the records of {domain}");
        self.send_once(Method::POST, &path, Some(&record_body(fields)), &look_at)
            .await?;
        Ok(format!("record {} added to {domain}", fields.describe()))
    }

    /// `PUT /domain/@id/dns/@index` (#30) with the whole record, `@index`
    /// being the record's id (digest §4.4 item 11) — once the zone, read
    /// first, shows the id still names the record as it was listed.
    pub(super) async fn edit_record(
        &self,
        domain: &str,
        change: RecordChange<'_>,
    ) -> Result<String> {
        let path = self.still_listed(domain, &change, Method::PUT).await?;
        self.check_fields(&path.op(&Method::PUT), change.fields)?;
        let look_at = format!("record {} of {domain}", change.id);
        self.send_once(
            Method::PUT,
            &path,
            Some(&record_body(change.fields)),
            &look_at,
        )
        .await?;
        Ok(format!(
            "record {} of {domain} is now {}",
            change.id,
            change.fields.describe()
        ))
    }

    /// `DELETE /domain/@id/dns/@index` (#31), checked as an edit is.
    pub(super) async fn delete_record(
        &self,
        domain: &str,
        change: RecordChange<'_>,
    ) -> Result<String> {
        let path = self.still_listed(domain, &change, Method::DELETE).await?;
        let look_at = format!("the records of {domain}");
        self.send_once(Method::DELETE, &path, NO_BODY, &look_at)
            .await?;
        Ok(format!(
            "record {} of {domain} deleted ({})",
            change.id,
            change.listed.describe()
        ))
    }

    /// The record's path, when the zone read now still has `change.id`
    /// as the record listed; else the refusal (nothing is sent).
    async fn still_listed(
        &self,
        domain: &str,
        change: &RecordChange<'_>,
        method: Method,
    ) -> Result<Path> {
        let hostbill_id = self
            .hostbill_domain_id(domain)
            .await
            .map_err(|e| not_sent(e, "the change"))?;
        let path = Path::new(&["domain", &hostbill_id, "dns", change.id]);
        let op = path.op(&method);
        let zone = self
            .zone(&hostbill_id)
            .await
            .map_err(|e| not_sent(e, "the change"))?;
        let now = zone
            .iter()
            .filter_map(|r| map::record(self.account(), domain, r))
            .find(|r| r.id == change.id)
            .ok_or_else(|| {
                self.http.refuse(
                    &op,
                    format!("record {} is no longer in {domain}; nothing was sent (list the records again)", change.id),
                )
            })?;
        if now.fields() != *change.listed {
            return Err(self.http.refuse(
                &op,
                format!(
                    "record {} of {domain} is now {}, not {} as listed; nothing was sent (list the records again)",
                    change.id,
                    now.describe(),
                    change.listed.describe()
                ),
            ));
        }
        Ok(path)
    }

    /// A record needs a type and content before anything is sent.
    fn check_fields(&self, op: &str, fields: &RecordFields) -> Result<()> {
        if fields.record_type.trim().is_empty() || fields.content.trim().is_empty() {
            return Err(self
                .http
                .refuse(op, "a record needs a type and content; nothing was sent"));
        }
        Ok(())
    }
}

/// The body of #29 and #30: the name as given (`@` for the domain
/// itself) and the priority as a string (0 where there is none).
fn record_body(fields: &RecordFields) -> wire::RecordBody<'_> {
    wire::RecordBody {
        name: &fields.name,
        kind: &fields.record_type,
        priority: fields.priority.unwrap_or(0).to_string(),
        content: &fields.content,
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
