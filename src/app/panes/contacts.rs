//! The contacts pane: the domain contacts (registry handles) of every
//! account, how many domains use each (columns in [`ContactColumn`]), the
//! details panel, and deleting a contact. Contacts arrive with the domains
//! of their account, so this pane fetches what the domains pane fetches.

use super::domains::domain_fetches;
use super::{list_columns, Pane, Panel, Table, ViewKind};
use crate::app::bindings::{Binding, Hint, Run};
use crate::app::event::Effect;
use crate::app::filter::Filter;
use crate::app::form::FormKind;
use crate::app::intent::Intent;
use crate::app::labels::{contact_label, contact_use, ContactUse};
use crate::app::listview::{search_of, Column, Fit, ListRow, ListView, SortKey};
use crate::app::store::{FlashLevel, Mode, State, Store};
use crate::model::{Capability, Command, Contact, Ref};
use crate::provider::Fetch;

/// The view these keys work in.
const VIEW: &[ViewKind] = &[ViewKind::Contacts];

/// The keys of the contacts pane, in the order the hint bar shows them.
pub static BINDINGS: &[Binding] = &[
    Binding::show(
        "contacts",
        &["contact", "con"],
        &["C"],
        "domain contacts view",
        VIEW[0],
    ),
    contact(
        "add-contact",
        &["a"],
        "add a contact (form)",
        Intent::OpenForm(FormKind::NewContact),
    )
    .hint(Hint::When(|_| Some("add"))),
    contact(
        "edit-contact",
        &["e"],
        "edit the selected contact (form)",
        Intent::OpenForm(FormKind::EditContact),
    )
    .hint(Hint::When(|s| s.selected_contact().map(|_| "edit"))),
    contact(
        "del-contact",
        &["x", "delete"],
        "delete the selected contact (asks first)",
        Intent::DeleteContact,
    )
    .aliases(&["delete-contact"])
    .hint(Hint::When(|s| s.selected_contact().map(|_| "delete"))),
];

/// A contact action in the contacts view.
const fn contact(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent))
        .views(VIEW)
        .needs(Capability::Contacts)
        .mutating()
}

/// The table and details panel of the contacts pane, and which domains
/// use each contact.
#[derive(Clone, Debug)]
pub struct ContactsPane {
    pub list: ListView<Contact>,
    pub panel: Panel,
    /// The domains that name each contact as owner, admin or tech.
    pub usage: ContactUse,
}

impl Default for ContactsPane {
    fn default() -> Self {
        ContactsPane {
            list: ListView::sorted_by(1),
            panel: Panel::default(),
            usage: ContactUse::new(),
        }
    }
}

impl ContactsPane {
    /// The domains that use a contact.
    pub fn users(&self, contact: &Contact) -> &[String] {
        self.usage
            .get(&contact.reference())
            .map_or(&[], Vec::as_slice)
    }
}

/// Columns of the contacts table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactColumn {
    Account,
    Handle,
    Name,
    Company,
    Country,
    UsedBy,
}

impl Column for ContactColumn {
    type Row = Contact;
    type Context = ContactUse;
    const ALL: &'static [Self] = &[
        ContactColumn::Account,
        ContactColumn::Handle,
        ContactColumn::Name,
        ContactColumn::Company,
        ContactColumn::Country,
        ContactColumn::UsedBy,
    ];

    fn title(self) -> &'static str {
        match self {
            ContactColumn::Account => "ACCOUNT",
            ContactColumn::Handle => "HANDLE",
            ContactColumn::Name => "NAME",
            ContactColumn::Company => "COMPANY",
            ContactColumn::Country => "COUNTRY",
            ContactColumn::UsedBy => "USED BY",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ContactColumn::Account => &["acc"],
            ContactColumn::Handle => &["id"],
            ContactColumn::UsedBy => &["used", "usedby", "used-by", "domains"],
            ContactColumn::Name | ContactColumn::Company | ContactColumn::Country => &[],
        }
    }

    fn fit(self) -> Fit {
        match self {
            ContactColumn::Account => Fit::new(7, 2),
            ContactColumn::Handle => Fit::new(8, 0),
            ContactColumn::Name => Fit::new(12, 0),
            ContactColumn::Company => Fit::new(8, 1),
            ContactColumn::Country => Fit::new(7, 3),
            ContactColumn::UsedBy => Fit::new(7, 0),
        }
    }

    fn sort_key(self, contact: &Contact, usage: &ContactUse) -> SortKey {
        match self {
            ContactColumn::Account => SortKey::text(&contact.account),
            ContactColumn::Handle => SortKey::text(&contact.id),
            ContactColumn::Name => SortKey::text(&contact.display_name()),
            ContactColumn::Company => SortKey::text(&contact.fields.company_name),
            ContactColumn::Country => SortKey::text(&contact.fields.country),
            ContactColumn::UsedBy => SortKey::number(Some(used_by(contact, usage) as i64)),
        }
    }

    fn cell(self, contact: &Contact, usage: &ContactUse) -> String {
        match self {
            ContactColumn::Account => contact.account.clone(),
            ContactColumn::Handle => contact.id.clone(),
            ContactColumn::Name => contact.display_name(),
            ContactColumn::Company => contact.fields.company_name.clone(),
            ContactColumn::Country => contact.fields.country.clone(),
            ContactColumn::UsedBy => used_by(contact, usage).to_string(),
        }
    }
}

fn used_by(contact: &Contact, usage: &ContactUse) -> usize {
    usage.get(&contact.reference()).map_or(0, Vec::len)
}

impl ListRow for Contact {
    type Key = Ref;
    type Context = ContactUse;
    type Column = ContactColumn;

    fn key(&self) -> Ref {
        self.reference()
    }

    fn search_text(&self, _: &ContactUse) -> String {
        let f = &self.fields;
        let name = self.display_name();
        search_of([
            self.account.as_str(),
            self.id.as_str(),
            f.handle.as_str(),
            name.as_str(),
            f.company_name.as_str(),
            f.country.as_str(),
            f.city.as_str(),
            self.email.as_deref().unwrap_or(""),
        ])
    }
}

/// The contacts pane.
pub struct Contacts;

impl Pane for Contacts {
    fn bindings(&self) -> &'static [Binding] {
        BINDINGS
    }

    fn title(&self) -> &'static str {
        "contacts"
    }

    super::list_pane_accessors!(contacts, ContactColumn);

    /// Which domains use each contact changes with either list.
    fn rebuild(&self, state: &mut State) {
        let pane = &mut state.panes.contacts;
        pane.usage.clear();
        for slot in state.data.domains.values() {
            if let Some(data) = &slot.data {
                pane.usage
                    .extend(contact_use(&data.contacts, &data.domains));
            }
        }
        pane.list.rebuild(state.data.contacts(), &pane.usage);
        self.scroll(state);
    }

    fn fed_by(&self, fetch: &Fetch) -> bool {
        matches!(fetch, Fetch::Domains | Fetch::Domain(_))
    }

    fn fetches(&self, store: &mut Store, forced: bool) -> Vec<Effect> {
        let wanted = [Capability::Contacts, Capability::Domains];
        domain_fetches(store, "contacts", &wanted, forced)
    }

    fn intent(&self, store: &mut Store, intent: &Intent) -> Option<Vec<Effect>> {
        match intent {
            Intent::DeleteContact => Some(delete_contact(store)),
            _ => None,
        }
    }

    fn selected_account<'a>(&self, state: &'a State) -> Option<&'a str> {
        state.selected_contact().map(|c| c.account.as_str())
    }
}

/// Asks to delete the selected contact, warning when domains use it.
fn delete_contact(store: &mut Store) -> Vec<Effect> {
    let Some(contact) = store.state.selected_contact() else {
        store.flash(FlashLevel::Warn, "no contact selected".to_string());
        return Vec::new();
    };
    let target = contact.reference();
    let name = contact_label(contact);
    let users = store.state.panes.contacts.users(contact).to_vec();
    let effects = store.request_command(Command::DeleteContact, target, name.clone());
    if matches!(store.state.mode, Mode::Confirm(_)) && !users.is_empty() {
        let text = format!(
            "{name} is used by {} domain(s): {}; the provider may refuse to delete it",
            users.len(),
            users.join(", ")
        );
        store.flash(FlashLevel::Warn, text);
    }
    effects
}
