//! The mutations of the controlepaneel provider: power actions, the PTR
//! edit, IP requests, the domain commands (EPP, lock, nameservers,
//! contacts, cancel) and domain contacts. Each is sent exactly once.

use super::client::Vars;
use super::map;
use super::wire::{self, Call};
use super::ControlepaneelProvider;
use crate::model::{ip_amount, Action, ContactFields};
use crate::provider::http::operation;
use crate::provider::{DomainHandles, ErrorKind, Result};

/// The power actions the API has; they work on virtual servers only.
pub(super) const POWER_ACTIONS: [Action; 3] = [Action::Reboot, Action::PowerOn, Action::PowerOff];

/// The call of a power action and what it says once sent.
fn power_call(action: Action) -> Option<(Call, &'static str)> {
    match action {
        Action::Reboot => Some((wire::SERVERS_TRIGGER_REBOOT, "reboot sent")),
        Action::PowerOn => Some((wire::SERVERS_TRIGGER_POWERON, "power-on sent")),
        Action::PowerOff => Some((wire::SERVERS_TRIGGER_POWEROFF, "power-off sent")),
        _ => None,
    }
}

impl ControlepaneelProvider {
    pub(super) async fn power(&self, action: Action, id: &str) -> Result<String> {
        let Some((call, done)) = power_call(action) else {
            let cause = format!("controlepaneel has no call for {}", action.label());
            return Err(self.refuse(action.cli_name(), cause));
        };
        self.mutate::<wire::ServerTrigger>(&call, id, Vars::identifier(id))
            .await?;
        Ok(format!("{done} to server {id}"))
    }

    pub(super) async fn set_ptr(
        &self,
        address: &str,
        hostname: &str,
        remarks: Option<&str>,
    ) -> Result<String> {
        let hostname = hostname.trim();
        if hostname.is_empty() {
            let op = operation(wire::SERVERS_EDIT_IP, address);
            return Err(self.refuse(&op, "a PTR hostname is needed"));
        }
        // Remarks is required and may be wiped when left out: keep the current one.
        let remarks = match remarks {
            Some(remarks) => remarks.to_string(),
            None => self.ip_details(address).await?.remarks.unwrap_or_default(),
        };
        let vars = Vars::new()
            .with("IP", address)
            .with("PTRRecord", hostname)
            .with("Remarks", remarks);
        self.mutate::<wire::ServersEditIp>(&wire::SERVERS_EDIT_IP, address, vars)
            .await?;
        Ok(format!("PTR of {address} set to {hostname}"))
    }

    /// Requests extra IP addresses for a server (`request_ip`). `count` is
    /// sent as given, so the API's own "Count must be a number" can answer.
    /// The provider handles the request later; nothing is assigned at once.
    pub async fn request_ip(
        &self,
        server_id: &str,
        ipv6: bool,
        count: &str,
        reason: &str,
    ) -> Result<String> {
        let (count, reason) = (count.trim(), reason.trim());
        if reason.is_empty() {
            let op = operation(wire::SERVERS_REQUEST_IP, server_id);
            return Err(self.refuse(&op, "a reason is required (Reason)"));
        }
        let vars = Vars::identifier(server_id)
            .with("Type", if ipv6 { "2" } else { "1" })
            .with("Count", count)
            .with("Reason", reason);
        self.mutate::<wire::ServersRequestIp>(&wire::SERVERS_REQUEST_IP, server_id, vars)
            .await?;
        Ok(format!(
            "requested {} for server {server_id}; the provider handles the request, nothing is assigned yet",
            ip_amount(count, ipv6)
        ))
    }

    /// One of the domain mutations that take only SLD and TLD.
    async fn domain_step(&self, call: &Call, id: &str) -> Result<wire::DomainStep> {
        let (sld, tld) = self.split(call, id)?;
        self.mutate(call, id, Vars::sld_tld(sld, tld)).await
    }

    pub(super) async fn request_epp(&self, id: &str) -> Result<String> {
        self.domain_step(&wire::DOMAINS_REQUEST_EPP, id).await?;
        // The codes do not tell the owner from the admin contact (one Success1).
        Ok(format!(
            "transfer code sent by e-mail to the owner and/or admin contact of {id}"
        ))
    }

    /// Brings the lock to `locked`. `edit_lock` is a toggle, so the current
    /// state is read first, and nothing is sent when it is already right or
    /// cannot be told.
    pub(super) async fn set_lock(&self, id: &str, locked: bool) -> Result<String> {
        let op = operation(wire::DOMAINS_EDIT_LOCK, id);
        if self.current_lock(id, &op).await? == locked {
            return Ok(format!("{id} is already {}", lock_word(locked)));
        }
        let answer = self.domain_step(&wire::DOMAINS_EDIT_LOCK, id).await?;
        let code = answer
            .action1
            .as_ref()
            .and_then(|a| a.status.as_deref())
            .unwrap_or_default();
        let api = |cause: String| self.http.error(&op, ErrorKind::Api, cause);
        match map::lock_after_toggle(code) {
            Some(now) if now == locked => Ok(format!("{id} is now {}", lock_word(locked))),
            Some(now) => Err(api(format!(
                "edit_lock toggled {id} the other way: it is now {} (Action1 {code}), though {} was wanted; check the domain before trying again",
                lock_word(now),
                lock_word(locked)
            ))),
            None => Err(api(format!(
                "edit_lock answered Action1 {code}, an undocumented code, so the lock state of {id} is not known; check the domain"
            ))),
        }
    }

    /// Whether `id` is locked now; a refusal when `LockStatus` cannot be read.
    async fn current_lock(&self, id: &str, op: &str) -> Result<bool> {
        let details = self.domain_details(id).await?;
        let lock_status = details.general.lock_status.as_deref();
        map::lock_state(lock_status).ok_or_else(|| {
            self.refuse(
                op,
                format!(
                    "cannot tell whether {id} is locked now (LockStatus {:?}); edit_lock is a toggle, so nothing was sent",
                    lock_status.unwrap_or("missing")
                ),
            )
        })
    }

    pub(super) async fn set_nameservers(&self, id: &str, nameservers: &[String]) -> Result<String> {
        let names: Vec<&str> = nameservers
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let call = wire::DOMAINS_EDIT_DNS;
        if !(2..=3).contains(&names.len()) {
            return Err(self.refuse(
                &operation(call, id),
                format!(
                    "a domain needs 2 or 3 nameservers (DNS1 and DNS2 required, DNS3 optional); got {}",
                    names.len()
                ),
            ));
        }
        let (sld, tld) = self.split(&call, id)?;
        let vars = Vars::sld_tld(sld, tld)
            .with("DNS1", names[0])
            .with("DNS2", names[1])
            .opt("DNS3", names.get(2).copied());
        self.mutate::<wire::DomainsEditDns>(&call, id, vars).await?;
        Ok(format!("nameservers of {id} set to {}", names.join(", ")))
    }

    pub(super) async fn set_domain_contacts(
        &self,
        id: &str,
        contacts: DomainHandles<'_>,
    ) -> Result<String> {
        let call = wire::DOMAINS_EDIT_DETAILS;
        let handles = [
            ("OwnerHandle", contacts.owner),
            ("AdminHandle", contacts.admin),
            ("TechHandle", contacts.tech),
        ];
        let missing: Vec<&str> = handles
            .iter()
            .filter(|(_, h)| h.trim().is_empty())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(self.refuse(
                &operation(call, id),
                format!(
                    "all three handles are required; missing {}",
                    missing.join(", ")
                ),
            ));
        }
        let (sld, tld) = self.split(&call, id)?;
        let vars = handles
            .iter()
            .fold(Vars::sld_tld(sld, tld), |vars, (name, h)| {
                vars.with(name, h.trim())
            });
        self.mutate::<wire::DomainsEditContacts>(&call, id, vars)
            .await?;
        Ok(format!(
            "contacts of {id} changed and applied at the registrar (owner {}, admin {}, tech {})",
            contacts.owner.trim(),
            contacts.admin.trim(),
            contacts.tech.trim()
        ))
    }

    pub(super) async fn cancel(&self, id: &str, immediate: bool) -> Result<String> {
        if immediate {
            self.domain_step(&wire::DOMAINS_CANCEL_DIRECT, id).await?;
            return Ok(format!("{id} cancelled with immediate effect"));
        }
        let answer = self.domain_step(&wire::DOMAINS_CANCEL, id).await?;
        // The success text carries the date the cancellation takes effect.
        let when = answer
            .action1
            .as_ref()
            .and_then(|a| a.description.as_deref())
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        Ok(format!(
            "{id} will be cancelled at the end of its term{when}"
        ))
    }

    /// The contact variables in the document's order, after checking that
    /// the required ones are given.
    fn contact_vars(&self, op: &str, fields: &ContactFields, vars: Vars) -> Result<Vars> {
        let required = [
            ("Handle", &fields.handle),
            ("Gender", &fields.gender),
            ("FirstName", &fields.first_name),
            ("LastName", &fields.last_name),
            ("Address", &fields.address),
            ("ZipCode", &fields.zip_code),
            ("City", &fields.city),
            ("Country", &fields.country),
            ("PhoneNumber", &fields.phone_number),
        ];
        let missing: Vec<&str> = required
            .iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(self.refuse(
                op,
                format!("required fields missing: {}", missing.join(", ")),
            ));
        }
        Ok(vars
            .with("Handle", fields.handle.trim())
            .opt("CompanyName", Some(fields.company_name.as_str()))
            .opt("CompanyNumber", Some(fields.company_number.as_str()))
            .opt("LegalForm", Some(fields.legal_form.as_str()))
            .opt("TaxNumber", Some(fields.tax_number.as_str()))
            .with("Gender", fields.gender.trim())
            .with("FirstName", fields.first_name.trim())
            .with("LastName", fields.last_name.trim())
            .with("Address", fields.address.trim())
            .with("ZipCode", fields.zip_code.trim())
            .with("City", fields.city.trim())
            .with("Country", fields.country.trim())
            .with("PhoneNumber", fields.phone_number.trim())
            .opt("FaxNumber", Some(fields.fax_number.as_str())))
    }

    pub(super) async fn add_contact(&self, fields: &ContactFields) -> Result<String> {
        let call = wire::DOMAINS_ADD_CONTACT;
        let handle = fields.handle.trim();
        let vars = self.contact_vars(&operation(call, handle), fields, Vars::new())?;
        let answer: wire::DomainsAddContact = self.mutate(&call, handle, vars).await?;
        Ok(match answer.output.handle_identifier {
            Some(id) => format!("contact {handle} added as {id}"),
            None => format!("contact {handle} added (the answer names no HandleIdentifier)"),
        })
    }

    pub(super) async fn edit_contact(&self, id: &str, fields: &ContactFields) -> Result<String> {
        let call = wire::DOMAINS_EDIT_CONTACT;
        let vars = Vars::new().with("HandleIdentifier", id);
        let vars = self.contact_vars(&operation(call, id), fields, vars)?;
        self.mutate::<wire::DomainsEditContact>(&call, id, vars)
            .await?;
        Ok(format!("contact {id} ({}) changed", fields.handle.trim()))
    }

    pub(super) async fn delete_contact(&self, id: &str) -> Result<String> {
        let vars = Vars::new().with("HandleIdentifier", id);
        self.mutate::<wire::DomainsDelContact>(&wire::DOMAINS_DEL_CONTACT, id, vars)
            .await?;
        Ok(format!("contact {id} deleted"))
    }
}

fn lock_word(locked: bool) -> &'static str {
    if locked {
        "locked"
    } else {
        "unlocked"
    }
}
