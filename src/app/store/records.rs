//! DNS records: which domain the records view shows (`R` on a domain,
//! `:records DOMAIN` from anywhere), the records as they arrive, and a
//! failed list kept with its error.

use super::*;
use crate::app::panes::records::records_wanted;
use crate::model::validate;
use crate::model::ObjectKind;
use crate::provider::ProviderError;

impl Store {
    /// Shows the records of the domain `name` names, or of the domain
    /// selected in the domains view; refused, saying why, when there is
    /// none or its account does not offer DNS records.
    pub(super) fn show_records(&mut self, name: Option<&str>) -> Vec<Effect> {
        let domain = match name {
            Some(name) => self.state.resolve_domain(name),
            None => self.domain_in_view(),
        };
        let domain = match domain {
            Ok(domain) => domain,
            Err(why) => {
                self.flash(FlashLevel::Warn, why);
                return Vec::new();
            }
        };
        let refused = match self.state.account(&domain.account) {
            Some(account) => crate::app::policy::not_offered(Capability::DnsRecords, account),
            None => Some(format!("no account named {}", domain.account)),
        };
        if let Some(why) = refused {
            self.flash(FlashLevel::Error, why);
            return Vec::new();
        }
        let shown = &mut self.state.panes.records;
        if shown.domain.as_ref() != Some(&domain) {
            // Another domain: its own rows, cursor and filter.
            shown.list = crate::app::listview::ListView::sorted_by(shown.list.sort);
            shown.panel = Default::default();
            shown.domain = Some(domain);
        }
        pane(ViewKind::Records).rebuild(&mut self.state);
        self.show_view(ViewKind::Records)
    }

    /// The domain `R` (or `:records` alone) means here: the selected one
    /// in the domains view, the shown one in the records view.
    fn domain_in_view(&self) -> Result<Ref, String> {
        let usage =
            "give a domain: :records [ACCOUNT:]DOMAIN, or R on a domain in the domains view";
        match self.state.main_view {
            ViewKind::Domains => self
                .state
                .selected_domain()
                .map(Domain::reference)
                .ok_or_else(|| "no domain selected".to_string()),
            ViewKind::Records => self.state.panes.records.domain.clone().ok_or(usage.into()),
            _ => Err(usage.into()),
        }
    }

    /// The records of one domain arrived; says whether its rows changed.
    pub(super) fn apply_records(
        &mut self,
        account: &str,
        domain: &str,
        records: Vec<DnsRecord>,
        at: Millis,
    ) -> bool {
        let target = Ref::new(account, ObjectKind::Domain, domain);
        let shown = self.state.panes.records.domain.as_ref() == Some(&target);
        let slot = self.state.data.records.entry(target).or_default();
        let changed = slot.data.as_ref() != Some(&records);
        slot.fill(records, at);
        // Listed: changes may go out again (see `records_wanted`).
        slot.requested_at = None;
        // The age in the title moved on, and a pending list has ended.
        self.dirty |= changed || shown;
        changed
    }

    /// Listing the records of one domain failed: the last list stays, with
    /// the error; the message flashes when it is new.
    pub(super) fn records_failed(&mut self, account: &str, domain: &str, error: &ProviderError) {
        let target = Ref::new(account, ObjectKind::Domain, domain);
        let slot = self.state.data.records.entry(target).or_default();
        slot.requested_at = None;
        if slot.fail(error.to_string()) {
            self.flash(FlashLevel::Error, error.to_string());
        }
        self.dirty = true;
    }

    /// Once a record job of `domain` ended, its records are listed again
    /// (ids may have moved); until they arrive, changes wait.
    pub(super) fn relist_records(&mut self, domain: &Ref) -> Vec<Effect> {
        records_wanted(self, domain, true)
    }
}

impl State {
    /// The domain `ACCOUNT:DOMAIN`, or a domain name, names: a listed
    /// domain of that name (it must be the only one), else the name in
    /// the one account that offers DNS records.
    pub fn resolve_domain(&self, typed: &str) -> Result<Ref, String> {
        let typed = typed.trim();
        let (account, name) = match typed.split_once(':') {
            Some((account, name)) if self.account(account).is_some() => (Some(account), name),
            _ => (None, typed),
        };
        let name = validate::hostname(name)
            .ok()
            .filter(|n| n.contains('.'))
            .ok_or_else(|| format!("'{name}' is not a domain name (e.g. example.nl)"))?;
        if let Some(account) = account {
            return Ok(Ref::new(account, ObjectKind::Domain, name));
        }
        let listed: Vec<&Domain> = self.data.domains().filter(|d| d.id == name).collect();
        match listed.as_slice() {
            [domain] => return Ok(domain.reference()),
            [] => {}
            several => {
                let names: Vec<String> =
                    several.iter().map(|d| d.reference().to_string()).collect();
                return Err(format!(
                    "{name} is in several accounts: {} (give ACCOUNT:{name})",
                    names.join(", ")
                ));
            }
        }
        let offering: Vec<&AccountInfo> = self
            .accounts
            .iter()
            .filter(|a| a.offers(Capability::DnsRecords))
            .collect();
        match offering.as_slice() {
            [account] => Ok(Ref::new(account.name.clone(), ObjectKind::Domain, name)),
            [] => Err("no account offers DNS records".into()),
            _ => Err(format!(
                "no listed domain is {name}: give ACCOUNT:{name}, or open the domains view (D)"
            )),
        }
    }
}
