//! The binding table: every key and `:` command of normal mode comes from
//! one list of entries ([`all`]), and so do the hint bar, the
//! `?` help and the README's key table. An entry has a name (its `:`
//! command and its `[keys]` name in the config), default keys, a
//! description, the views it works in, the capability it needs and how it
//! becomes an intent. A key and the `:` line resolve through the same
//! entry to the same intent, which the store applies.
//!
//! Users remap keys in the config (`[keys]`, e.g. `reboot = "B"`); a
//! [`Keymap`] is the table's keys after those overrides, checked for
//! unknown names and for two entries on one key in one view.

mod table;

use std::sync::LazyLock;

use super::intent::Intent;
use super::panes::{pane, ViewKind};
use super::store::State;
use crate::config::KeyOverrides;
use crate::keys::KeySpec;
use crate::model::{Capability, Offering, ProviderKind};
use crossterm::event::KeyEvent;

/// The views that have a table with a cursor and columns.
pub const TABLE_VIEWS: &[ViewKind] = &[
    ViewKind::Servers,
    ViewKind::Domains,
    ViewKind::Contacts,
    ViewKind::Colocation,
    ViewKind::Tickets,
    ViewKind::Records,
];
/// The views with a cursor: the tables and the jobs list.
pub const CURSOR_VIEWS: &[ViewKind] = &[
    ViewKind::Servers,
    ViewKind::Jobs,
    ViewKind::Domains,
    ViewKind::Contacts,
    ViewKind::Colocation,
    ViewKind::Tickets,
    ViewKind::Records,
];
/// Every view (an empty list).
pub const EVERY_VIEW: &[ViewKind] = &[];
/// The widest description the `?` overlay shows whole (72 cells less the
/// borders and the key column).
pub const HELP_WIDTH: usize = 52;

/// How an entry becomes an intent.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    Intent(Intent),
    /// The nth key sorts by the nth column (keys 1..9).
    SortColumn,
    /// `:sort NAME` (or a column number).
    SortNamed,
    /// The key opens the `/` line; `:filter TEXT` sets the filter.
    Filter,
    /// `:records DOMAIN` shows the records of the domain named; without
    /// one (or as a key), those of the selected domain.
    Records,
}

/// Whether and how an entry shows in the hint bar.
#[derive(Clone, Copy)]
pub enum Hint {
    None,
    /// On the right, always: `/ filter  ? help  q quit`.
    General(&'static str),
    /// On the left, with the label the function gives for the state now
    /// (e.g. only when the selected server offers the action).
    When(fn(&State) -> Option<&'static str>),
}

/// One entry of the binding table.
#[derive(Clone)]
pub struct Binding {
    /// Its `:` command and its name under `[keys]`.
    pub name: &'static str,
    /// More names the `:` line takes.
    pub aliases: &'static [&'static str],
    /// Default keys; the first shows in the hint bar.
    pub keys: &'static [&'static str],
    /// What it does, for `?` and the README.
    pub help: &'static str,
    /// The views it works in; empty: every view.
    pub views: &'static [ViewKind],
    /// What the selected row's account must offer.
    pub capability: Option<Capability>,
    /// Whether it changes something at a provider (read-only mode refuses).
    pub mutates: bool,
    pub run: Run,
    pub hint: Hint,
}

impl Binding {
    /// An entry for every view, needing no capability, without a hint.
    pub const fn new(
        name: &'static str,
        keys: &'static [&'static str],
        help: &'static str,
        run: Run,
    ) -> Binding {
        Binding {
            name,
            aliases: &[],
            keys,
            help,
            views: EVERY_VIEW,
            capability: None,
            mutates: false,
            run,
            hint: Hint::None,
        }
    }

    /// The entry that shows `view`, working in every view.
    pub const fn show(
        name: &'static str,
        aliases: &'static [&'static str],
        keys: &'static [&'static str],
        help: &'static str,
        view: ViewKind,
    ) -> Binding {
        Binding::new(name, keys, help, Run::Intent(Intent::ShowView(view))).aliases(aliases)
    }

    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Binding {
        self.aliases = aliases;
        self
    }

    pub const fn views(mut self, views: &'static [ViewKind]) -> Binding {
        self.views = views;
        self
    }

    pub const fn needs(mut self, capability: Capability) -> Binding {
        self.capability = Some(capability);
        self
    }

    /// It changes something at a provider: read-only mode refuses it.
    pub const fn mutating(mut self) -> Binding {
        self.mutates = true;
        self
    }

    pub const fn hint(mut self, hint: Hint) -> Binding {
        self.hint = hint;
        self
    }

    /// What its account's provider must offer at all: the capability it
    /// needs, or power actions for a power or maintenance key.
    pub fn offering(&self) -> Option<Offering> {
        if let Some(capability) = self.capability {
            return Some(Offering::Capability(capability));
        }
        match self.run {
            Run::Intent(Intent::Act(_) | Intent::ToggleMaintenance) => Some(Offering::Power),
            _ => None,
        }
    }

    /// Whether it works in `view`.
    pub fn works_in(&self, view: ViewKind) -> bool {
        self.views.is_empty() || self.views.contains(&view)
    }

    /// Whether `name` (any case) names it on the `:` line.
    pub fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) || self.aliases.contains(&name)
    }

    /// The intent of its `n`th key.
    fn key_intent(&self, n: usize) -> Intent {
        match &self.run {
            Run::Intent(intent) => intent.clone(),
            Run::SortColumn => Intent::SortColumn(n),
            Run::SortNamed => Intent::StartCommand,
            Run::Filter => Intent::StartFilter,
            Run::Records => Intent::ShowRecords(None),
        }
    }

    /// The intents of `:name ARGS`.
    fn command_intents(&self, args: &[&str]) -> Result<Vec<Intent>, String> {
        match &self.run {
            Run::Intent(intent) => Ok(vec![intent.clone()]),
            Run::SortColumn | Run::SortNamed => {
                let name = args.first().ok_or("usage: :sort COLUMN")?;
                Ok(vec![match name.parse::<usize>() {
                    Ok(n) if n > 0 => Intent::SortColumn(n - 1),
                    _ => Intent::SortNamed(name.to_string()),
                }])
            }
            Run::Filter => {
                let mut intents = vec![Intent::StartFilter];
                intents.extend(args.join(" ").chars().map(Intent::InputChar));
                intents.push(Intent::InputSubmit);
                Ok(intents)
            }
            Run::Records => match args {
                [] => Ok(vec![Intent::ShowRecords(None)]),
                [domain] => Ok(vec![Intent::ShowRecords(Some(domain.to_string()))]),
                _ => Err("usage: :records [ACCOUNT:]DOMAIN".into()),
            },
        }
    }
}

/// The binding table: each pane's own entries (in the order of
/// [`ViewKind::ALL`]), then the general ones of `table.rs`. Built once.
pub fn all() -> &'static [Binding] {
    static ALL: LazyLock<Vec<Binding>> = LazyLock::new(|| {
        let own = ViewKind::ALL.iter().flat_map(|&kind| pane(kind).bindings());
        own.chain(table::GENERAL).cloned().collect()
    });
    &ALL
}

/// The keys of every entry of [`all`], in table order, after the
/// user's `[keys]` overrides.
#[derive(Clone, Debug, PartialEq)]
pub struct Keymap {
    keys: Vec<Vec<KeySpec>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = all()
            .iter()
            .map(|b| {
                b.keys
                    .iter()
                    .filter_map(|k| KeySpec::parse(k).ok())
                    .collect()
            })
            .collect();
        Keymap { keys }
    }
}

/// A `[keys]` entry the table refuses: the action's name and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    pub action: String,
    pub problem: String,
}

impl Keymap {
    /// The default keys with `overrides` in place of their entries' keys.
    /// An unknown name, or a key two entries share in one view, is refused
    /// naming the entry the user wrote.
    pub fn with_overrides(overrides: &KeyOverrides) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        for entry in &overrides.0 {
            let index = all()
                .iter()
                .position(|b| b.name == entry.action)
                .ok_or_else(|| KeymapError {
                    action: entry.action.clone(),
                    problem: unknown_action(&entry.action),
                })?;
            keymap.keys[index] = entry.keys.clone();
        }
        match keymap.conflicts().into_iter().next() {
            None => Ok(keymap),
            Some((a, b, key, view)) => {
                let overridden = |i: usize| overrides.0.iter().any(|o| o.action == all()[i].name);
                let (blamed, other) = if overridden(b) { (b, a) } else { (a, b) };
                Err(KeymapError {
                    action: all()[blamed].name.to_string(),
                    problem: format!(
                        "{key} is already bound to {} in the {} view",
                        all()[other].name,
                        view.title()
                    ),
                })
            }
        }
    }

    /// The keys of entry `index` of the table.
    pub fn keys(&self, index: usize) -> &[KeySpec] {
        self.keys.get(index).map_or(&[], Vec::as_slice)
    }

    /// The first key of an entry, as the hint bar shows it.
    pub fn first_key(&self, index: usize) -> Option<String> {
        self.keys(index).first().map(ToString::to_string)
    }

    /// The keys of entry `index` that press it in `view`: a pane's own
    /// entry shadows a shared one's default key there (the inbox's `r`
    /// replies; ctrl-r still refreshes).
    pub fn keys_in(&self, index: usize, view: ViewKind) -> Vec<KeySpec> {
        let here = all().get(index).is_some_and(|b| b.works_in(view));
        let taken = |key: &KeySpec| {
            here && (0..index).any(|i| all()[i].works_in(view) && self.keys(i).contains(key))
        };
        self.keys(index)
            .iter()
            .filter(|key| !taken(key))
            .copied()
            .collect()
    }

    /// The first key that presses entry `index` in `view`.
    pub fn first_key_in(&self, index: usize, view: ViewKind) -> Option<String> {
        self.keys_in(index, view).first().map(ToString::to_string)
    }

    /// [`Keymap::key_labels`] of the keys that work in `view`.
    pub fn key_labels_in(&self, index: usize, view: ViewKind) -> String {
        labels_of(index, &self.keys_in(index, view))
    }

    /// `j / ↓`: every key of an entry, as the help shows them; a run of
    /// column keys as `1..9`.
    pub fn key_labels(&self, index: usize) -> String {
        labels_of(index, self.keys(index))
    }

    /// Every pair of entries that share a key in a view, with the key.
    pub fn conflicts(&self) -> Vec<(usize, usize, KeySpec, ViewKind)> {
        let mut found = Vec::new();
        for view in ViewKind::ALL {
            let active: Vec<usize> = (0..all().len())
                .filter(|&i| all()[i].works_in(view))
                .collect();
            for (n, &a) in active.iter().enumerate() {
                for &b in &active[n + 1..] {
                    let shared = self
                        .keys(a)
                        .iter()
                        .find(|k| self.keys(b).contains(k) && !shadowing_allowed(a, b, k));
                    if let Some(&key) = shared {
                        found.push((a, b, key, view));
                    }
                }
            }
        }
        found
    }

    /// The entry a key presses in `view`, and which of its keys it is.
    fn entry_for(&self, view: ViewKind, key: &KeyEvent) -> Option<(usize, usize)> {
        (0..all().len())
            .filter(|&i| all()[i].works_in(view))
            .find_map(|i| {
                let n = self.keys(i).iter().position(|k| k.matches(key))?;
                Some((i, n))
            })
    }
}

/// `j / ↓`, or `1..9` for a run of column keys.
fn labels_of(index: usize, keys: &[KeySpec]) -> String {
    let labels: Vec<String> = keys.iter().map(KeySpec::label).collect();
    let columns = all().get(index).is_some_and(|b| b.run == Run::SortColumn);
    match (columns, labels.first(), labels.last()) {
        (true, Some(first), Some(last)) if labels.len() > 2 => format!("{first}..{last}"),
        _ => labels.join(" / "),
    }
}

/// Whether entry `index` is a pane's own (the shared ones come last).
fn is_own(index: usize) -> bool {
    index < all().len() - table::GENERAL.len()
}

/// A pane's own entry may take a shared entry's default key in its view;
/// a key the user set may not clash with anything.
fn shadowing_allowed(a: usize, b: usize, key: &KeySpec) -> bool {
    let defaults = Keymap::default();
    is_own(a) && !is_own(b) && defaults.keys(a).contains(key) && defaults.keys(b).contains(key)
}

fn unknown_action(name: &str) -> String {
    let mut names: Vec<&str> = all().iter().map(|b| b.name).collect();
    names.sort_unstable();
    format!(
        "unknown action {name:?}; the actions are: {}",
        names.join(", ")
    )
}

/// The intent of a key in normal mode, in the current view.
pub fn key_intent(state: &State, key: &KeyEvent) -> Option<Intent> {
    let (index, n) = state.keymap.entry_for(state.main_view, key)?;
    Some(all()[index].key_intent(n))
}

/// Parses a `:` line into intents: its first word names an entry of the
/// table (working in `view`), the rest are arguments.
pub fn parse_command_line(line: &str, view: ViewKind) -> Result<Vec<Intent>, String> {
    let mut words = line.split_whitespace();
    let Some(head) = words.next() else {
        return Ok(Vec::new());
    };
    let args: Vec<&str> = words.collect();
    let name = head.to_ascii_lowercase();
    let Some(binding) = all().iter().find(|b| b.is_named(&name)) else {
        return Err(format!("unknown command :{head} (try :help)"));
    };
    if !binding.works_in(view) {
        return Err(format!(":{head} works in {}", views_of(binding)));
    }
    binding.command_intents(&args)
}

/// `the domains view (D)`: where an entry works, with the key to get there.
fn views_of(binding: &Binding) -> String {
    let named: Vec<String> = binding
        .views
        .iter()
        .map(|view| {
            let key = view_key(*view)
                .map(|k| format!(" ({k})"))
                .unwrap_or_default();
            format!("the {} view{key}", view.title())
        })
        .collect();
    named.join(" or ")
}

/// The default key that shows `view`, if it has one.
fn view_key(view: ViewKind) -> Option<&'static str> {
    all()
        .iter()
        .find(|b| b.run == Run::Intent(Intent::ShowView(view)))
        .and_then(|b| b.keys.first().copied())
}

/// An entry the selection offers now: its hint label and first key.
pub struct Offer {
    pub binding: &'static Binding,
    pub label: &'static str,
    pub key: String,
}

/// The hint bar's left part in normal mode: the entries of this view that
/// the selection offers now, with their first key; `read-only` in place
/// of the mutating ones where the account is read-only.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let read_only = state.read_only
        || pane(state.main_view)
            .selected_account(state)
            .is_some_and(|a| state.is_read_only(a));
    let offers = offered(state);
    let refused = read_only && offers.iter().any(|o| o.binding.mutates);
    let shown = offers
        .into_iter()
        .filter(|o| !(read_only && o.binding.mutates))
        .map(|o| (o.key, o.label));
    let notice = refused.then(|| (String::new(), "read-only"));
    let no_power = unoffered(state)
        .iter()
        .any(|u| u.what == Offering::Power)
        .then(|| (String::new(), "no power ops"));
    notice.into_iter().chain(shown).chain(no_power).collect()
}

/// Something the view's keys need that the selected row's account does
/// not offer at all, with the keys it leaves dead and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unoffered {
    pub what: Offering,
    /// The keys that need it, as the help shows them (`b`, `o`, …).
    pub keys: Vec<String>,
    pub account: String,
    pub kind: ProviderKind,
    /// The provider kind's own reason, where it gives one.
    pub why: Option<&'static str>,
}

/// What the keys of this view need and the selected row's account does
/// not offer at all (power actions, a capability), once per kind of
/// offering, in table order. A capability no account offers is left out:
/// the help does not list its keys either.
pub fn unoffered(state: &State) -> Vec<Unoffered> {
    let view = state.main_view;
    let account = pane(view)
        .selected_account(state)
        .and_then(|name| state.account(name));
    let Some(account) = account else {
        return Vec::new();
    };
    let mut found: Vec<Unoffered> = Vec::new();
    for (index, binding) in all().iter().enumerate() {
        let Some(what) = binding.offering().filter(|_| binding.works_in(view)) else {
            continue;
        };
        let listed = match what {
            Offering::Capability(capability) => state.any_offers(capability),
            Offering::Power => true,
        };
        if !listed || account.offers_at_all(what) {
            continue;
        }
        let keys = state.keymap.key_labels_in(index, view);
        let entry = match found.iter().position(|u| u.what == what) {
            Some(at) => &mut found[at],
            None => {
                found.push(Unoffered {
                    what,
                    keys: Vec::new(),
                    account: account.name.clone(),
                    kind: account.kind,
                    why: crate::provider::why_not_offered(account.kind, what),
                });
                found.last_mut().expect("just pushed")
            }
        };
        if !keys.is_empty() {
            entry.keys.push(keys);
        }
    }
    found
}

/// The entries the selection offers now (read-only or not), in table
/// order: what the hint bar and the help show.
pub fn offered(state: &State) -> Vec<Offer> {
    let view = state.main_view;
    let account = pane(view).selected_account(state);
    let offered = |capability: Option<Capability>| match (capability, account) {
        (None, _) => true,
        (Some(c), Some(account)) => state.offers(account, c),
        (Some(c), None) => state.any_offers(c),
    };
    all()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.works_in(view) && offered(b.capability))
        .filter_map(|(index, binding)| {
            let Hint::When(label) = binding.hint else {
                return None;
            };
            Some(Offer {
                binding,
                label: label(state)?,
                key: state.keymap.first_key_in(index, view)?,
            })
        })
        .collect()
}

/// The hint bar's right part: `/ filter  ? help  q quit`, where they work.
pub fn general_hints(state: &State) -> Vec<(String, &'static str)> {
    all()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.works_in(state.main_view))
        .filter_map(|(index, b)| match b.hint {
            Hint::General(label) => {
                Some((state.keymap.first_key_in(index, state.main_view)?, label))
            }
            _ => None,
        })
        .collect()
}

/// The README's key table, in Markdown: every entry with its default
/// keys, its `:` command and where it works.
pub fn markdown_table() -> String {
    let keymap = Keymap::default();
    let mut text = String::from("| keys | `:` command | what | views |\n|---|---|---|---|\n");
    for (index, binding) in all().iter().enumerate() {
        let labels = keymap.key_labels(index);
        let keys: Vec<String> = labels
            .split(" / ")
            .filter(|k| !k.is_empty())
            .map(|k| format!("`{k}`"))
            .collect();
        let mut command = format!("`:{}`", binding.name);
        for alias in binding.aliases {
            command.push_str(&format!(" `:{alias}`"));
        }
        let views = if binding.views.is_empty() {
            "all".to_string()
        } else {
            let names: Vec<&str> = binding.views.iter().map(|v| v.title()).collect();
            names.join(", ")
        };
        let keys = keys.join(" ").replace('|', "\\|");
        text.push_str(&format!(
            "| {keys} | {command} | {} | {views} |\n",
            binding.help
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn every_default_key_parses_and_none_is_a_habit_key() {
        for binding in all() {
            for key in binding.keys {
                let spec = KeySpec::parse(key).unwrap_or_else(|e| panic!("{key}: {e}"));
                assert!(!spec.is_habit_key(), "{} is on {key}", binding.name);
            }
        }
        assert_eq!(Keymap::default().conflicts(), Vec::new());
    }

    #[test]
    fn every_description_fits_the_help_overlay() {
        for binding in all() {
            let width = binding.help.chars().count();
            assert!(
                width <= HELP_WIDTH,
                "{}: {width} > {HELP_WIDTH}",
                binding.name
            );
        }
    }

    #[test]
    fn names_are_unique_and_commands_resolve_to_their_entry() {
        for (i, binding) in all().iter().enumerate() {
            let clash = all()[i + 1..].iter().find(|b| {
                b.is_named(binding.name) || binding.aliases.iter().any(|a| b.is_named(a))
            });
            assert!(clash.is_none(), "{} is named twice", binding.name);
        }
        assert_eq!(
            parse_command_line("sort expires", ViewKind::Domains),
            Ok(vec![Intent::SortNamed("expires".into())])
        );
        assert_eq!(
            parse_command_line("sort 2", ViewKind::Servers),
            Ok(vec![Intent::SortColumn(1)])
        );
        assert_eq!(
            parse_command_line("q", ViewKind::Jobs),
            Ok(vec![Intent::Quit])
        );
        assert_eq!(parse_command_line("  ", ViewKind::Servers), Ok(vec![]));
        assert_eq!(
            parse_command_line("filter web", ViewKind::Servers).map(|i| i.len()),
            Ok(5)
        );
        assert!(parse_command_line("frobnicate", ViewKind::Servers)
            .is_err_and(|e| e.contains("unknown command")));
        assert_eq!(
            parse_command_line("epp", ViewKind::Servers),
            Err(":epp works in the domains view (D)".into())
        );
        assert_eq!(
            parse_command_line("records hb:example.nl", ViewKind::Tickets),
            Ok(vec![Intent::ShowRecords(Some("hb:example.nl".into()))])
        );
        assert_eq!(
            parse_command_line("records", ViewKind::Domains),
            Ok(vec![Intent::ShowRecords(None)])
        );
        assert!(parse_command_line("records a b", ViewKind::Servers).is_err());
    }

    #[test]
    fn an_override_replaces_the_keys_and_a_clash_names_the_entry() {
        let overrides = |pairs: &[(&str, &str)]| {
            KeyOverrides(
                pairs
                    .iter()
                    .map(|(action, key)| crate::config::KeyOverride {
                        action: action.to_string(),
                        keys: vec![KeySpec::parse(key).unwrap()],
                        line: Some(3),
                    })
                    .collect(),
            )
        };
        let keymap = Keymap::with_overrides(&overrides(&[("reboot", "B")])).unwrap();
        let reboot = all().iter().position(|b| b.name == "reboot").unwrap();
        assert_eq!(keymap.first_key(reboot).as_deref(), Some("B"));
        let clash = Keymap::with_overrides(&overrides(&[("reboot", "o")])).unwrap_err();
        assert_eq!(clash.action, "reboot");
        assert!(clash.problem.contains("power-on"), "{}", clash.problem);
        let unknown = Keymap::with_overrides(&overrides(&[("reboto", "B")])).unwrap_err();
        assert!(unknown.problem.starts_with("unknown action \"reboto\""));
        let press = KeyEvent::new(KeyCode::Char('B'), KeyModifiers::SHIFT);
        assert!(keymap.entry_for(ViewKind::Servers, &press).is_some());
    }
}
