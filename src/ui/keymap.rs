//! Keys to intents, per mode; the action keys, hint bar and help text all
//! come from the tables here so they cannot drift apart.

use crate::app::command::{Column, Intent, RecordAction, ViewKind};
use crate::app::form::FormKind;
use crate::app::store::{ColocationPane, Mode, State};
use crate::model::{Action, Capability};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The key of each server action. No action sits on a habit key (ctrl-d, ctrl-k).
pub const ACTION_KEYS: [(char, Action); 6] = [
    ('b', Action::Reboot),
    ('o', Action::PowerOn),
    ('f', Action::PowerOff),
    ('s', Action::ShutDown),
    ('x', Action::Reset),
    ('p', Action::Pause),
];

/// The maintenance toggle key.
pub const MAINTENANCE_KEY: char = 'm';

/// Opens the reverse DNS (PTR) form of the selected server's IPs.
pub const PTR_KEY: char = 'e';

/// Opens the form requesting extra IP addresses for the selected server.
pub const IP_REQUEST_KEY: char = 'i';

/// Navigation and view keys, for the help screen.
pub const GENERAL_KEYS: [(&str, &str); 18] = [
    ("j / ↓", "down"),
    ("k / ↑", "up"),
    ("g / Home", "first row"),
    ("G / End", "last row"),
    ("PgDn / ctrl-f", "page down"),
    ("PgUp / ctrl-b", "page up"),
    ("1..8", "sort by column (again: reverse)"),
    ("enter / d", "details of the selected server"),
    ("/", "filter: text, ~regex, !inverts"),
    (
        ":",
        "command (:jobs :accounts :servers :sort name :refresh :q)",
    ),
    ("J", "jobs view"),
    ("A", "accounts: health, data age, last error"),
    ("D / C / V", "domains, contacts, colocation views"),
    ("ctrl-r", "refresh every account now"),
    ("?", "this help"),
    ("esc", "back: close panel, clear filter"),
    ("q", "quit"),
    ("ctrl-c", "quit from anywhere"),
];

/// A key of one record view, for the key map, the hint bar and help.
pub struct ViewKey {
    pub key: char,
    /// Short label for the hint bar.
    pub hint: &'static str,
    /// What it does, for the help screen.
    pub help: &'static str,
    pub intent: Intent,
}

/// The lock toggle key of the domains view.
pub const LOCK_KEY: char = 'L';

/// The keys of the domains view (offered only where the account has
/// domains). Cancelling at once has no key: only `:cancel-direct`.
pub static DOMAIN_KEYS: [ViewKey; 5] = [
    ViewKey {
        key: 'e',
        hint: "epp",
        help: "request the transfer (EPP) code (asks first)",
        intent: Intent::Record(RecordAction::RequestEpp),
    },
    ViewKey {
        key: LOCK_KEY,
        hint: "lock",
        help: "lock / unlock at the registry (asks first)",
        intent: Intent::Record(RecordAction::ToggleLock),
    },
    ViewKey {
        key: 'n',
        hint: "ns",
        help: "edit the nameservers (form)",
        intent: Intent::OpenForm(FormKind::Nameservers),
    },
    ViewKey {
        key: 'c',
        hint: "contacts",
        help: "change the owner / admin / tech handles (form)",
        intent: Intent::OpenForm(FormKind::DomainContacts),
    },
    ViewKey {
        key: 'X',
        hint: "cancel",
        help: "cancel at the end of the term (type the name)",
        intent: Intent::Record(RecordAction::Cancel { immediate: false }),
    },
];

/// The keys of the contacts view (offered only where the account has
/// domain contacts); `Delete` deletes as well.
pub static CONTACT_KEYS: [ViewKey; 3] = [
    ViewKey {
        key: 'a',
        hint: "add",
        help: "add a contact (form)",
        intent: Intent::OpenForm(FormKind::NewContact),
    },
    ViewKey {
        key: 'e',
        hint: "edit",
        help: "edit the selected contact (form)",
        intent: Intent::OpenForm(FormKind::EditContact),
    },
    ViewKey {
        key: 'x',
        hint: "delete",
        help: "delete the selected contact (asks first; also Delete)",
        intent: Intent::Record(RecordAction::DeleteContact),
    },
];

/// The action keys of a view.
pub fn view_keys(view: ViewKind) -> &'static [ViewKey] {
    match view {
        ViewKind::Domains => &DOMAIN_KEYS,
        ViewKind::Contacts => &CONTACT_KEYS,
        _ => &[],
    }
}

/// Navigation keys of the record views, for the help screen.
pub const RECORD_KEYS: [(&str, &str); 15] = [
    ("j / ↓", "down"),
    ("k / ↑", "up"),
    ("g / Home", "first row"),
    ("G / End", "last row"),
    ("PgDn / ctrl-f", "page down"),
    ("PgUp / ctrl-b", "page up"),
    ("enter / d", "details of the selected row"),
    ("/", "filter: text, ~regex, !inverts"),
    ("r / ctrl-r", "refresh this view's data now"),
    (
        ":",
        "command (:sort expires :domains :contacts :colo :servers :q)",
    ),
    ("D / C / V", "domains, contacts, colocation views"),
    ("J / A", "jobs, accounts"),
    ("?", "this help"),
    ("esc", "back: close details, clear filter, then servers"),
    ("q", "quit"),
];

/// Maps a key to an intent in the current mode and view: the record views
/// have keys of their own, and the servers' action keys do nothing there.
pub fn intent_for(state: &State, key: KeyEvent) -> Option<Intent> {
    let view = state.main_view;
    if !matches!(state.mode, Mode::Normal) || !view.is_record_view() {
        return intent(&state.mode, key);
    }
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if !key.modifiers.contains(KeyModifiers::CONTROL) {
        if let Some(intent) = record_key(view, key.code) {
            return Some(intent);
        }
    }
    intent(&state.mode, key).filter(|i| {
        !matches!(
            i,
            Intent::Act(_)
                | Intent::ToggleMaintenance
                | Intent::SortBy(_)
                | Intent::OpenForm(FormKind::Ptr | FormKind::IpRequest)
        )
    })
}

fn record_key(view: ViewKind, code: KeyCode) -> Option<Intent> {
    match code {
        KeyCode::Char(c @ '1'..='9') => Some(Intent::SortColumn(c as usize - '1' as usize)),
        KeyCode::Char('r') => Some(Intent::RefreshAll),
        KeyCode::Tab | KeyCode::BackTab if view == ViewKind::Colocation => Some(Intent::FocusNext),
        KeyCode::Delete if view == ViewKind::Contacts => {
            Some(Intent::Record(RecordAction::DeleteContact))
        }
        KeyCode::Char(c) => view_keys(view)
            .iter()
            .find(|k| k.key == c)
            .map(|k| k.intent.clone()),
        _ => None,
    }
}

/// Maps a key to an intent in the current mode.
pub fn intent(mode: &Mode, key: KeyEvent) -> Option<Intent> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Intent::Quit);
    }
    match mode {
        Mode::Normal => normal(key, ctrl),
        Mode::Filter { .. } | Mode::Command { .. } => input(key, ctrl),
        Mode::Confirm(c) if c.typed.is_some() => typed_confirm(key, ctrl),
        Mode::Confirm(_) => confirm(key),
        Mode::Form(_) => Some(form(key)),
        Mode::Help { .. } => help(key),
    }
}

fn normal(key: KeyEvent, ctrl: bool) -> Option<Intent> {
    if ctrl {
        return match key.code {
            KeyCode::Char('f') => Some(Intent::PageBy(1)),
            KeyCode::Char('b') => Some(Intent::PageBy(-1)),
            KeyCode::Char('r') => Some(Intent::RefreshAll),
            _ => None,
        };
    }
    let intent = match key.code {
        KeyCode::Char('q') => Intent::Quit,
        KeyCode::Esc => Intent::Back,
        KeyCode::Char('j') | KeyCode::Down => Intent::MoveBy(1),
        KeyCode::Char('k') | KeyCode::Up => Intent::MoveBy(-1),
        KeyCode::Char('g') | KeyCode::Home => Intent::Top,
        KeyCode::Char('G') | KeyCode::End => Intent::Bottom,
        KeyCode::PageDown => Intent::PageBy(1),
        KeyCode::PageUp => Intent::PageBy(-1),
        KeyCode::Enter | KeyCode::Char('d') => Intent::ToggleDetails,
        KeyCode::Char('?') => Intent::ShowHelp,
        KeyCode::Char('/') => Intent::StartFilter,
        KeyCode::Char(':') => Intent::StartCommand,
        KeyCode::Char('J') => Intent::ShowView(ViewKind::Jobs),
        KeyCode::Char('A') => Intent::ShowView(ViewKind::Accounts),
        KeyCode::Char('D') => Intent::ShowView(ViewKind::Domains),
        KeyCode::Char('C') => Intent::ShowView(ViewKind::Contacts),
        KeyCode::Char('V') => Intent::ShowView(ViewKind::Colocation),
        KeyCode::Char(MAINTENANCE_KEY) => Intent::ToggleMaintenance,
        KeyCode::Char(PTR_KEY) => Intent::OpenForm(FormKind::Ptr),
        KeyCode::Char(IP_REQUEST_KEY) => Intent::OpenForm(FormKind::IpRequest),
        KeyCode::Char(c @ '1'..='8') => {
            let index = c as usize - '1' as usize;
            Intent::SortBy(Column::ALL[index])
        }
        KeyCode::Char(c) => return action_for(c).map(Intent::Act),
        _ => return None,
    };
    Some(intent)
}

fn action_for(c: char) -> Option<Action> {
    ACTION_KEYS
        .iter()
        .find(|(key, _)| *key == c)
        .map(|(_, action)| *action)
}

/// The key of an action, if it has one.
pub fn key_for(action: Action) -> Option<char> {
    ACTION_KEYS
        .iter()
        .find(|(_, a)| *a == action)
        .map(|(key, _)| *key)
        .or(
            matches!(action, Action::MaintenanceOn | Action::MaintenanceOff)
                .then_some(MAINTENANCE_KEY),
        )
}

fn input(key: KeyEvent, ctrl: bool) -> Option<Intent> {
    match key.code {
        KeyCode::Esc => Some(Intent::Back),
        KeyCode::Enter => Some(Intent::InputSubmit),
        KeyCode::Backspace => Some(Intent::InputBackspace),
        KeyCode::Char(c) if !ctrl => Some(Intent::InputChar(c)),
        _ => None,
    }
}

/// In a form every key is for the form: tab/↑/↓ move between fields,
/// enter saves, esc closes; the rest (q, j, /, : …) is typed.
fn form(key: KeyEvent) -> Intent {
    match key.code {
        KeyCode::Esc => Intent::Back,
        KeyCode::Enter => Intent::InputSubmit,
        KeyCode::Tab | KeyCode::Down => Intent::FocusNext,
        KeyCode::BackTab | KeyCode::Up => Intent::FocusPrev,
        _ => Intent::FormKey(key),
    }
}

fn confirm(key: KeyEvent) -> Option<Intent> {
    match key.code {
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Some(Intent::FocusNext),
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Some(Intent::FocusPrev),
        KeyCode::Enter | KeyCode::Char(' ') => Some(Intent::Activate),
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('n') => Some(Intent::Back),
        _ => None,
    }
}

/// A dialog that asks for the object's name: letters are typed, so only
/// tab, arrows, enter and esc move or answer.
fn typed_confirm(key: KeyEvent, ctrl: bool) -> Option<Intent> {
    match key.code {
        KeyCode::Tab | KeyCode::Right => Some(Intent::FocusNext),
        KeyCode::BackTab | KeyCode::Left => Some(Intent::FocusPrev),
        KeyCode::Enter => Some(Intent::Activate),
        KeyCode::Esc => Some(Intent::Back),
        KeyCode::Backspace => Some(Intent::InputBackspace),
        KeyCode::Char(c) if !ctrl => Some(Intent::InputChar(c)),
        _ => None,
    }
}

fn help(key: KeyEvent) -> Option<Intent> {
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') => Some(Intent::Back),
        KeyCode::Char('j') | KeyCode::Down => Some(Intent::Scroll(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(Intent::Scroll(-1)),
        KeyCode::PageDown => Some(Intent::Scroll(10)),
        KeyCode::PageUp => Some(Intent::Scroll(-10)),
        KeyCode::Char('g') | KeyCode::Home => Some(Intent::Top),
        _ => None,
    }
}

/// The hint bar's left part: in normal mode the actions the selected
/// server supports right now (nothing in read-only mode); else the keys of
/// the current mode.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    match &state.mode {
        Mode::Confirm(_) => vec![
            ("tab".into(), "switch"),
            ("enter".into(), "choose"),
            ("esc".into(), "cancel"),
        ],
        Mode::Filter { .. } => vec![
            ("enter".into(), "keep"),
            ("esc".into(), "cancel"),
            ("~".into(), "regex"),
            ("!".into(), "invert"),
        ],
        Mode::Command { .. } => vec![("enter".into(), "run"), ("esc".into(), "cancel")],
        Mode::Form(_) => FORM_HINTS
            .iter()
            .map(|(key, label)| (key.to_string(), *label))
            .collect(),
        Mode::Help { .. } => vec![("j/k".into(), "scroll"), ("esc".into(), "close")],
        Mode::Normal if state.main_view.is_record_view() => record_hints(state),
        Mode::Normal => action_hints(state),
    }
}

/// The hint bar of a record view: the keys the selected row's account
/// offers (nothing in read-only mode).
fn record_hints(state: &State) -> Vec<(String, &'static str)> {
    let (account, capability) = match state.main_view {
        ViewKind::Domains => (
            state.selected_domain().map(|d| d.account.as_str()),
            Capability::Domains,
        ),
        ViewKind::Contacts => (
            state.selected_contact().map(|c| c.account.as_str()),
            Capability::Contacts,
        ),
        _ => return colocation_hints(state),
    };
    let offered = match account {
        Some(account) => state.offers(account, capability),
        None => state.any_offers(capability),
    };
    if !offered {
        return Vec::new();
    }
    if account.is_some_and(|a| state.is_read_only(a)) || state.read_only {
        return vec![("".into(), "read-only")];
    }
    view_keys(state.main_view)
        .iter()
        .filter(|k| account.is_some() || k.intent == Intent::OpenForm(FormKind::NewContact))
        .filter_map(|k| Some((k.key.to_string(), hint_label(k, state)?)))
        .collect()
}

/// The hint of a key; the lock key says which way it goes, and is left
/// out while the lock state is unknown.
fn hint_label(key: &ViewKey, state: &State) -> Option<&'static str> {
    if key.key != LOCK_KEY || state.main_view != ViewKind::Domains {
        return Some(key.hint);
    }
    match state.selected_domain()?.locked? {
        true => Some("unlock"),
        false => Some("lock"),
    }
}

fn colocation_hints(state: &State) -> Vec<(String, &'static str)> {
    let other = match state.records.colocation_pane {
        ColocationPane::Visitors => "visits",
        ColocationPane::Visits => "visitors",
    };
    vec![("tab".into(), other), ("r".into(), "refresh")]
}

fn action_hints(state: &State) -> Vec<(String, &'static str)> {
    let Some(server) = state.selected_server() else {
        return Vec::new();
    };
    if state.is_read_only(&server.account) {
        return vec![("".into(), "read-only")];
    }
    let mut hints: Vec<(String, &'static str)> = ACTION_KEYS
        .iter()
        .filter(|(_, action)| server.supports(*action))
        .map(|(key, action)| (key.to_string(), short_label(*action)))
        .collect();
    for action in [Action::MaintenanceOn, Action::MaintenanceOff] {
        if server.supports(action) {
            hints.push((MAINTENANCE_KEY.to_string(), short_label(action)));
        }
    }
    let reverse_dns = state.offers(&server.account, Capability::ReverseDns);
    if reverse_dns && !server.ips.is_empty() {
        hints.push((PTR_KEY.to_string(), "rDNS"));
    }
    if state.offers(&server.account, Capability::IpRequests) {
        hints.push((IP_REQUEST_KEY.to_string(), "+IPs"));
    }
    hints
}

/// The keys of an open form, for the hint bar and the form itself.
pub const FORM_HINTS: [(&str, &str); 4] = [
    ("tab", "next"),
    ("enter", "save"),
    ("ctrl-u", "clear"),
    ("esc", "close (draft kept)"),
];

/// The hint bar's right part, always shown in normal mode.
pub const GENERAL_HINTS: [(&str, &str); 3] = [("/", "filter"), ("?", "help"), ("q", "quit")];

fn short_label(action: Action) -> &'static str {
    match action {
        Action::PowerOn => "on",
        Action::PowerOff => "off",
        Action::ShutDown => "shut",
        Action::Reboot => "reboot",
        Action::Reset => "reset",
        Action::Pause => "pause",
        Action::MaintenanceOn | Action::MaintenanceOff => "maint",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_keys_beside_arrows() {
        let m = Mode::Normal;
        assert_eq!(intent(&m, key(KeyCode::Char('j'))), Some(Intent::MoveBy(1)));
        assert_eq!(intent(&m, key(KeyCode::Down)), Some(Intent::MoveBy(1)));
        assert_eq!(
            intent(&m, key(KeyCode::Char('k'))),
            Some(Intent::MoveBy(-1))
        );
        assert_eq!(intent(&m, key(KeyCode::Up)), Some(Intent::MoveBy(-1)));
    }

    #[test]
    fn no_action_on_habit_keys() {
        for c in ['d', 'k'] {
            let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
            let got = intent(&Mode::Normal, ev);
            assert!(!matches!(
                got,
                Some(Intent::Act(_)) | Some(Intent::ToggleMaintenance)
            ));
        }
        assert_eq!(
            intent(&Mode::Normal, key(KeyCode::Char('b'))),
            Some(Intent::Act(Action::Reboot))
        );
    }

    #[test]
    fn a_typed_name_dialog_takes_every_letter() {
        use crate::app::store::{Confirm, ConfirmFocus};
        use crate::model::{Command, ObjectKind, Ref};
        let mode = Mode::Confirm(Confirm {
            command: Command::CancelDomain { immediate: false },
            target: Ref::new("a", ObjectKind::Domain, "shop.nl"),
            target_name: "shop.nl".into(),
            focus: ConfirmFocus::Cancel,
            typed: Some(String::new()),
        });
        for c in "shop.nlqh ".chars() {
            assert_eq!(
                intent(&mode, key(KeyCode::Char(c))),
                Some(Intent::InputChar(c))
            );
        }
        assert_eq!(intent(&mode, key(KeyCode::Tab)), Some(Intent::FocusNext));
        assert_eq!(intent(&mode, key(KeyCode::Esc)), Some(Intent::Back));
    }

    #[test]
    fn view_keys_are_distinct_and_never_habit_keys() {
        for view in [ViewKind::Domains, ViewKind::Contacts] {
            let keys: Vec<char> = view_keys(view).iter().map(|k| k.key).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{view:?} binds {k} twice");
                assert!(!matches!(
                    k,
                    'j' | 'k' | 'g' | 'G' | 'd' | 'q' | 'r' | '/' | ':'
                ));
            }
        }
    }

    #[test]
    fn i_opens_the_ip_request_form_and_is_no_action_key() {
        assert_eq!(
            intent(&Mode::Normal, key(KeyCode::Char(IP_REQUEST_KEY))),
            Some(Intent::OpenForm(FormKind::IpRequest))
        );
        assert!(action_for(IP_REQUEST_KEY).is_none());
        assert_ne!(IP_REQUEST_KEY, PTR_KEY);
        assert_ne!(IP_REQUEST_KEY, MAINTENANCE_KEY);
    }

    #[test]
    fn every_action_has_a_key() {
        for action in Action::ALL {
            assert!(key_for(action).is_some(), "{action:?}");
        }
    }
}
