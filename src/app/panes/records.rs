//! The DNS records pane: the records of one domain (columns in
//! [`RecordColumn`]), opened with `R` on a domain in the domains view or
//! `:records DOMAIN` from anywhere; the details panel shows a record
//! whole (a long TXT value); `a` adds, `e` edits (forms checked by type)
//! and `x` deletes (asks first). Every change goes the common way of
//! commands, and the records are listed again once it has ended.
//!
//! Record ids may be positions in the zone (HostBill's `@index`), so a
//! change waits for the one before it and for the list after it: while a
//! record job of the domain runs, or its records are being listed again,
//! `e` and `x` say so instead of sending on a stale id.

use super::{list_columns, Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run, EVERY_VIEW};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::form::FormKind;
use crate::app::intent::Intent;
use crate::app::listview::{search_of, Column, Fit, ListRow, ListView, SortKey};
use crate::app::resources::Slot;
use crate::app::store::{FlashLevel, State, Store};
use crate::model::validate::RECORD_TYPES;
use crate::model::{now_millis, Capability, Command, DnsRecord, Millis, Ref};
use crate::provider::Fetch;

/// The records of a domain shown again after this long are listed again.
pub const RECORDS_TTL_MS: Millis = 60_000;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Records];
/// Where `R` opens the records of the selected domain.
const DOMAINS: &[ViewKind] = &[ViewKind::Domains];

/// The keys of the records pane, in the order the hint bar shows them.
pub static BINDINGS: &[Binding] = &[
    Binding::new(
        "records",
        &[],
        "DNS records of a domain: :records [ACCOUNT:]DOMAIN",
        Run::Records,
    )
    .views(EVERY_VIEW),
    Binding::new(
        "domain-records",
        &["R"],
        "DNS records of the selected domain",
        Run::Intent(Intent::ShowRecords(None)),
    )
    .views(DOMAINS)
    .needs(Capability::DnsRecords)
    .hint(Hint::When(|s| {
        let domain = s.selected_domain()?;
        s.offers(&domain.account, Capability::DnsRecords)
            .then_some("records")
    })),
    record(
        "add-record",
        &["a"],
        "add a DNS record (form)",
        Intent::OpenForm(FormKind::NewRecord),
    )
    .hint(Hint::When(|s| {
        s.panes.records.domain.as_ref().map(|_| "add")
    })),
    record(
        "edit-record",
        &["e"],
        "edit the selected record (form)",
        Intent::OpenForm(FormKind::EditRecord),
    )
    .hint(Hint::When(|s| {
        s.selected_record()
            .filter(|r| is_editable(r))
            .map(|_| "edit")
    })),
    record(
        "delete-record",
        &["x", "delete"],
        "delete the selected record (asks first)",
        Intent::DeleteRecord,
    )
    .aliases(&["del-record"])
    .hint(Hint::When(|s| s.selected_record().map(|_| "delete"))),
];

/// A record action in the records view.
const fn record(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(VIEW)
        .needs(Capability::DnsRecords)
        .mutating()
}

/// Whether hostdeck edits records of this type (others are only deleted).
pub fn is_editable(record: &DnsRecord) -> bool {
    RECORD_TYPES.contains(&record.record_type.as_str())
}

/// The domain shown, its table and details panel.
#[derive(Clone, Debug)]
pub struct RecordsPane {
    /// The domain whose records are shown (a domain `Ref`).
    pub domain: Option<Ref>,
    pub list: ListView<DnsRecord>,
    pub panel: Panel,
}

impl Default for RecordsPane {
    fn default() -> Self {
        RecordsPane {
            domain: None,
            list: ListView::sorted_by(0),
            panel: Panel::default(),
        }
    }
}

/// Columns of the records table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordColumn {
    Name,
    Type,
    Content,
    /// The MX priority and the TTL: `10/3600`, `-/300`.
    PriorityTtl,
}

impl Column for RecordColumn {
    type Row = DnsRecord;
    type Context = ();
    const ALL: &'static [Self] = &[
        RecordColumn::Name,
        RecordColumn::Type,
        RecordColumn::Content,
        RecordColumn::PriorityTtl,
    ];

    fn title(self) -> &'static str {
        match self {
            RecordColumn::Name => "NAME",
            RecordColumn::Type => "TYPE",
            RecordColumn::Content => "CONTENT",
            RecordColumn::PriorityTtl => "PRIO/TTL",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            RecordColumn::Name => &["host"],
            RecordColumn::Type => &["kind"],
            RecordColumn::Content => &["value", "data"],
            RecordColumn::PriorityTtl => &["prio", "priority", "ttl"],
        }
    }

    fn fit(self) -> Fit {
        match self {
            RecordColumn::Name => Fit::new(8, 0),
            RecordColumn::Type => Fit::new(5, 0),
            RecordColumn::Content => Fit::flex(16, 0),
            RecordColumn::PriorityTtl => Fit::new(8, 1),
        }
    }

    fn sort_key(self, record: &DnsRecord, _: &()) -> SortKey {
        match self {
            RecordColumn::Name => SortKey::text(&record.name),
            RecordColumn::Type => SortKey::text(&record.record_type),
            RecordColumn::Content => SortKey::text(&record.content),
            RecordColumn::PriorityTtl => SortKey::number(record.priority.map(i64::from)),
        }
    }

    fn cell(self, record: &DnsRecord, _: &()) -> String {
        match self {
            RecordColumn::Name => record.name.clone(),
            RecordColumn::Type => record.record_type.clone(),
            RecordColumn::Content => record.content.clone(),
            RecordColumn::PriorityTtl => priority_ttl(record),
        }
    }
}

/// `10/3600`; `-` for what the record does not have.
pub fn priority_ttl(record: &DnsRecord) -> String {
    let part = |n: Option<u32>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    format!("{}/{}", part(record.priority), part(record.ttl))
}

impl ListRow for DnsRecord {
    type Key = Ref;
    type Context = ();
    type Column = RecordColumn;

    fn key(&self) -> Ref {
        self.reference()
    }

    fn search_text(&self, _: &()) -> String {
        let full = self.full_name();
        search_of([
            self.name.as_str(),
            full.as_str(),
            self.record_type.as_str(),
            self.content.as_str(),
        ])
    }
}

/// The records pane.
pub struct Records;

impl Pane for Records {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "records"
    }

    fn table<'a>(&self, state: &'a mut State) -> Option<Box<dyn Table + 'a>> {
        Some(Box::new(&mut state.panes.records.list))
    }

    fn filter<'a>(&self, state: &'a State) -> Option<&'a Filter> {
        Some(&state.panes.records.list.filter)
    }

    fn columns(&self, _state: &State) -> Vec<&'static str> {
        list_columns::<RecordColumn>()
    }

    fn panel(&self, state: &State) -> Option<Panel> {
        Some(state.panes.records.panel)
    }

    fn panel_mut<'a>(&self, state: &'a mut State) -> Option<&'a mut Panel> {
        Some(&mut state.panes.records.panel)
    }

    fn rebuild(&self, state: &mut State) {
        let pane = &mut state.panes.records;
        let slot = pane.domain.as_ref().and_then(|d| state.data.records.get(d));
        let records = slot.and_then(|s| s.data.as_deref()).unwrap_or_default();
        pane.list.rebuild(records.iter(), &());
        self.scroll(state);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        matches!(fetch, Fetch::Records(_))
    }

    /// The shown domain's records: on opening unless listed within
    /// [`RECORDS_TTL_MS`], on a refresh always.
    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        let Some(domain) = store.state.panes.records.domain.clone() else {
            if forced {
                let text = "no domain shown: R on a domain, or :records DOMAIN".to_string();
                store.flash(FlashLevel::Warn, text);
            }
            return Vec::new();
        };
        if forced {
            let text = format!("listing the DNS records of {} again", domain.id);
            store.flash(FlashLevel::Info, text);
        }
        records_wanted(store, &domain, forced)
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        match intent {
            Intent::DeleteRecord => Some(delete_record(store)),
            _ => None,
        }
    }

    /// The shown domain's account, with or without a record selected.
    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        state
            .panes
            .records
            .domain
            .as_ref()
            .map(|d| d.account.as_str())
    }

    /// Esc goes back to the domains.
    fn back_out(&self, store: &mut Store) {
        store.state.main_view = ViewKind::Domains;
        super::pane(ViewKind::Domains).scroll(&mut store.state);
    }
}

/// Lists the records of `domain`, unless `forced` is false and they were
/// asked for or arrived within [`RECORDS_TTL_MS`]. The slot's
/// `requested_at` stays set until the list arrives or fails: while it is,
/// the records are being listed ([`is_listing`]).
pub fn records_wanted(store: &mut Store, domain: &Ref, forced: bool) -> Vec<Effect> {
    let now = now_millis();
    let slot = store.state.data.records.entry(domain.clone()).or_default();
    if !forced && slot.is_fresh(now, RECORDS_TTL_MS) {
        return Vec::new();
    }
    slot.requested_at = Some(now);
    vec![Effect::Fetch(
        domain.account.clone(),
        Fetch::Records(domain.id.clone()),
    )]
}

/// Whether the records of a domain are being listed (asked for, not yet
/// arrived or failed).
pub fn is_listing(slot: &Slot<Vec<DnsRecord>>) -> bool {
    slot.requested_at.is_some()
}

/// Why a record of the shown domain may not be changed now (its records
/// are being listed again after a change), if it may not.
pub fn relisting(state: &State, record: &DnsRecord) -> Option<String> {
    let slot = state.data.records.get(&record.domain_ref())?;
    is_listing(slot).then(|| {
        format!(
            "the DNS records of {} are being listed again; try once they are (record ids may have changed)",
            record.domain
        )
    })
}

/// Asks to delete the selected record, naming it.
fn delete_record(store: &mut Store) -> Vec<Effect> {
    let Some(record) = store.state.selected_record() else {
        store.flash(FlashLevel::Warn, "no record selected".to_string());
        return Vec::new();
    };
    if let Some(why) = relisting(&store.state, record) {
        store.flash(FlashLevel::Warn, why);
        return Vec::new();
    }
    let command = Command::DeleteRecord {
        id: record.id.clone(),
        listed: Box::new(record.fields()),
    };
    let (target, name) = (record.domain_ref(), record.domain.clone());
    store.request_command(command, target, name)
}
