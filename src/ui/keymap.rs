//! Keys to intents, per mode; the action keys, hint bar and help text all
//! come from the tables here so they cannot drift apart.

use crate::app::command::{Column, Intent, ViewKind};
use crate::app::form::FormKind;
use crate::app::store::{Mode, State};
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

/// Navigation and view keys, for the help screen.
pub const GENERAL_KEYS: [(&str, &str); 17] = [
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
    ("ctrl-r", "refresh every account now"),
    ("?", "this help"),
    ("esc", "back: close panel, clear filter"),
    ("q", "quit"),
    ("ctrl-c", "quit from anywhere"),
];

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
        KeyCode::Char(MAINTENANCE_KEY) => Intent::ToggleMaintenance,
        KeyCode::Char(PTR_KEY) => Intent::OpenForm(FormKind::Ptr),
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
        Mode::Normal => action_hints(state),
    }
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
    let reverse_dns = state
        .account(&server.account)
        .is_some_and(|a| a.offers(Capability::ReverseDns));
    if reverse_dns && !server.ips.is_empty() {
        hints.push((PTR_KEY.to_string(), "rDNS"));
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
    fn every_action_has_a_key() {
        for action in Action::ALL {
            assert!(key_for(action).is_some(), "{action:?}");
        }
    }
}
