//! Domain, contact and colocation data events: whole-account refreshes,
//! single domains fetched afresh, domain history and colocation access.
//! The record views' tables are rebuilt when their data changes; a failed
//! whole-account refresh keeps the last data and its error per account.

use super::*;
use crate::model::{Colocation, Contact, Domain, HistoryEntry};
use crate::provider::DomainInventory;

impl Store {
    pub(super) fn apply_domains(
        &mut self,
        account: &str,
        result: Result<DomainInventory, ProviderError>,
        at: Millis,
    ) -> Vec<Effect> {
        self.state.now = at;
        match result {
            Ok(inventory) => {
                let recovered = self.state.domain_errors.remove(account).is_some();
                let records = &mut self.state.records;
                records.domains_loaded.insert(account.to_string());
                records.domains_at.insert(account.to_string(), at);
                let changed = self.replace_domains(account, inventory.domains)
                    | self.replace_contacts(account, inventory.contacts);
                if changed {
                    self.rebuild_domain_views();
                }
                // The data age in the title moved on as well.
                let shown = matches!(self.state.main_view, ViewKind::Domains | ViewKind::Contacts);
                self.dirty |= changed || recovered || shown;
                if changed {
                    vec![Effect::SaveSnapshot]
                } else {
                    Vec::new()
                }
            }
            Err(error) => {
                self.refresh_failed(account, error, |state| &mut state.domain_errors);
                Vec::new()
            }
        }
    }

    /// Keeps the message of a failed whole-account refresh in the error map
    /// `errors` picks, flashing it only when it is new (a provider that stays
    /// down does not flash on every poll). The last good data stays shown.
    /// Refused credentials count against the account's health like any
    /// other call.
    fn refresh_failed(
        &mut self,
        account: &str,
        error: ProviderError,
        errors: fn(&mut State) -> &mut HashMap<String, String>,
    ) {
        if error.kind == ErrorKind::Auth {
            self.mark_failed(account, &error);
        }
        let message = error.to_string();
        let before = errors(&mut self.state).insert(account.to_string(), message.clone());
        if before.as_ref() != Some(&message) {
            self.flash(FlashLevel::Error, message);
        }
        self.dirty = true;
    }

    /// Replaces the domains of one account; returns whether anything changed.
    fn replace_domains(&mut self, account: &str, mut fresh: Vec<Domain>) -> bool {
        fresh.sort_by(|a, b| a.id.cmp(&b.id));
        let domains = &mut self.state.domains;
        let old: Vec<&Domain> = domains.iter().filter(|d| d.account == account).collect();
        let same =
            old.len() == fresh.len() && old.iter().zip(&fresh).all(|(a, b)| same_domain(a, b));
        if same {
            return false;
        }
        domains.retain(|d| d.account != account);
        domains.extend(fresh);
        domains.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
        true
    }

    fn replace_contacts(&mut self, account: &str, mut fresh: Vec<Contact>) -> bool {
        fresh.sort_by(|a, b| a.id.cmp(&b.id));
        let contacts = &mut self.state.contacts;
        let old: Vec<&Contact> = contacts.iter().filter(|c| c.account == account).collect();
        let same = old.len() == fresh.len()
            && old
                .iter()
                .zip(&fresh)
                .all(|(a, b)| a.fields == b.fields && a.email == b.email && a.id == b.id);
        if same {
            return false;
        }
        contacts.retain(|c| c.account != account);
        contacts.extend(fresh);
        contacts.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
        true
    }

    pub(super) fn apply_domain(
        &mut self,
        target: Ref,
        result: Result<Box<Domain>, ProviderError>,
    ) -> Vec<Effect> {
        match result {
            Ok(domain) => {
                let domains = &mut self.state.domains;
                match domains.iter_mut().find(|d| d.reference() == target) {
                    Some(existing) => *existing = *domain,
                    None => {
                        domains.push(*domain);
                        domains.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
                    }
                }
                self.rebuild_domain_views();
                self.dirty = true;
                vec![Effect::SaveSnapshot]
            }
            Err(error) => {
                self.flash(FlashLevel::Error, error.to_string());
                Vec::new()
            }
        }
    }

    pub(super) fn apply_domain_history(
        &mut self,
        target: Ref,
        result: Result<Vec<HistoryEntry>, ProviderError>,
    ) -> Vec<Effect> {
        match result {
            Ok(mut history) => {
                // Newest first; entries without a readable date keep their place at the end.
                history.sort_by_key(|entry| std::cmp::Reverse(entry.at));
                self.state.domain_history.insert(target, history);
                self.dirty = true;
            }
            Err(error) => self.flash(FlashLevel::Warn, error.to_string()),
        }
        Vec::new()
    }

    pub(super) fn apply_colocation(
        &mut self,
        account: &str,
        result: Result<Colocation, ProviderError>,
        at: Millis,
    ) -> Vec<Effect> {
        self.state.now = at;
        match result {
            Ok(colocation) => {
                self.state.colocation_errors.remove(account);
                self.state
                    .colocation
                    .insert(account.to_string(), colocation);
                self.rebuild_colocation_views();
                self.dirty = true;
            }
            Err(error) => {
                self.refresh_failed(account, error, |state| &mut state.colocation_errors);
            }
        }
        Vec::new()
    }
}

/// Whether two versions of a domain carry the same data (ignoring when
/// they were fetched).
fn same_domain(a: &Domain, b: &Domain) -> bool {
    Domain {
        fetched_at: b.fetched_at,
        ..a.clone()
    } == *b
}
