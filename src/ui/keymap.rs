//! Keys to intents, per mode. In normal mode every key goes through the
//! binding table (`app::bindings`); dialogs, forms, the `/` and `:` lines
//! and the help overlay have fixed keys of their own, listed here with
//! their hints. ctrl-c quits from anywhere.

use crate::app::bindings;
use crate::app::intent::Intent;
use crate::app::store::{Mode, State};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Maps a key to an intent in the current mode and view.
pub fn intent_for(state: &State, key: KeyEvent) -> Option<Intent> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Intent::Quit);
    }
    match &state.mode {
        Mode::Normal => bindings::key_intent(state, &key),
        Mode::Filter { .. } | Mode::Command { .. } => input(key, ctrl),
        Mode::Confirm(c) if c.typed.is_some() => typed_confirm(key, ctrl),
        Mode::Confirm(_) => confirm(key),
        Mode::Form(f) if f.focused().is_some_and(|field| field.multiline) => Some(message(key)),
        Mode::Form(_) => Some(form(key)),
        Mode::Help { .. } => help(state, key),
    }
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
/// enter (or ctrl-s) saves, esc closes; the rest (q, j, /, : …) is typed.
fn form(key: KeyEvent) -> Intent {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => Intent::Back,
        KeyCode::Enter => Intent::InputSubmit,
        KeyCode::Char('s') if ctrl => Intent::InputSubmit,
        KeyCode::Tab | KeyCode::Down => Intent::FocusNext,
        KeyCode::BackTab | KeyCode::Up => Intent::FocusPrev,
        _ => Intent::FormKey(key),
    }
}

/// In a message field enter and the arrows edit the text: ctrl-s sends,
/// ctrl-e hands the text to `$VISUAL`/`$EDITOR`, tab leaves the field,
/// esc closes the form keeping the draft.
fn message(key: KeyEvent) -> Intent {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => Intent::Back,
        KeyCode::Char('s') if ctrl => Intent::InputSubmit,
        KeyCode::Char('e') if ctrl => Intent::ExternalEditor,
        KeyCode::Tab => Intent::FocusNext,
        KeyCode::BackTab => Intent::FocusPrev,
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

/// The help overlay scrolls with the movement keys of the binding table
/// (remapped ones too); esc, `q` and `?` close it.
fn help(state: &State, key: KeyEvent) -> Option<Intent> {
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') => return Some(Intent::Back),
        KeyCode::PageDown => return Some(Intent::Scroll(10)),
        KeyCode::PageUp => return Some(Intent::Scroll(-10)),
        _ => {}
    }
    match bindings::key_intent(state, &key)? {
        Intent::MoveBy(n) => Some(Intent::Scroll(n)),
        Intent::PageBy(n) => Some(Intent::Scroll(n * 10)),
        Intent::Top => Some(Intent::Top),
        Intent::Back | Intent::ShowHelp | Intent::Quit => Some(Intent::Back),
        _ => None,
    }
}

/// The hint bar's left part: in normal mode what the binding table offers
/// for the selection now; else the keys of the current mode.
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    let fixed = |pairs: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        pairs.iter().map(|(k, l)| (k.to_string(), *l)).collect()
    };
    match &state.mode {
        Mode::Confirm(_) => fixed(&[("tab", "switch"), ("enter", "choose"), ("esc", "cancel")]),
        Mode::Filter { .. } => fixed(&[
            ("enter", "keep"),
            ("esc", "cancel"),
            ("~", "regex"),
            ("!", "invert"),
        ]),
        Mode::Command { .. } => fixed(&[("enter", "run"), ("esc", "cancel")]),
        Mode::Form(f) if f.fields.iter().any(|field| field.multiline) => {
            let one_field = f.fields.len() == 1;
            let shown = MESSAGE_HINTS
                .iter()
                .filter(|(key, _)| !(one_field && *key == "tab"));
            shown.map(|(k, l)| (k.to_string(), *l)).collect()
        }
        Mode::Form(_) => fixed(&FORM_HINTS),
        Mode::Help { .. } => fixed(&[("j/k", "scroll"), ("esc", "close")]),
        Mode::Normal => bindings::hints(state),
    }
}

/// The keys of an open form, for the hint bar and the form itself.
pub const FORM_HINTS: [(&str, &str); 4] = [
    ("tab", "next"),
    ("enter", "save"),
    ("ctrl-u", "clear"),
    ("esc", "close (draft kept)"),
];

/// The keys of a form with a message (a reply, a new ticket).
pub const MESSAGE_HINTS: [(&str, &str); 4] = [
    ("ctrl-s", "send"),
    ("ctrl-e", "$EDITOR"),
    ("tab", "next"),
    ("esc", "close (draft kept)"),
];

/// The fixed keys of dialogs, forms and the input lines, for the help.
pub const FIXED_KEYS: [(&str, &str); 7] = [
    ("ctrl-c", "quit from anywhere"),
    ("tab / ← →", "dialog: Cancel (focused first) or the action"),
    ("enter", "dialog: choose; form: save; / and : lines: run"),
    ("esc", "dialog: cancel; form: close and keep the draft"),
    ("ctrl-u", "form: clear the field"),
    ("ctrl-s", "form with a message: send (enter starts a line)"),
    ("ctrl-e", "message: edit in $VISUAL or $EDITOR"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::FormKind;
    use crate::app::panes::ViewKind;
    use crate::app::store::Store;
    use crate::model::{AccountInfo, Action, ProviderKind};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn state_in(view: ViewKind) -> State {
        let mut store = Store::new(vec![AccountInfo::new("a", ProviderKind::Clc, false)], false);
        store.apply(crate::app::event::Event::Intent(Intent::ShowView(view)));
        store.state().clone()
    }

    #[test]
    fn vim_keys_beside_arrows() {
        let s = state_in(ViewKind::Servers);
        for (code, intent) in [
            (KeyCode::Char('j'), Intent::MoveBy(1)),
            (KeyCode::Down, Intent::MoveBy(1)),
            (KeyCode::Char('k'), Intent::MoveBy(-1)),
            (KeyCode::Up, Intent::MoveBy(-1)),
        ] {
            assert_eq!(intent_for(&s, key(code)), Some(intent));
        }
    }

    #[test]
    fn no_action_on_habit_keys() {
        for view in ViewKind::ALL {
            let s = state_in(view);
            for c in ['d', 'k'] {
                let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
                assert_eq!(intent_for(&s, ev), None, "ctrl-{c} in {view:?}");
            }
        }
        let s = state_in(ViewKind::Servers);
        assert_eq!(
            intent_for(&s, key(KeyCode::Char('b'))),
            Some(Intent::Act(Action::Reboot))
        );
    }

    #[test]
    fn a_typed_name_dialog_takes_every_letter() {
        use crate::app::store::{Confirm, ConfirmFocus};
        use crate::model::{Command, ObjectKind, Ref};
        let mut s = state_in(ViewKind::Domains);
        s.mode = Mode::Confirm(Confirm {
            command: Command::CancelDomain { immediate: false },
            target: Ref::new("a", ObjectKind::Domain, "shop.nl"),
            target_name: "shop.nl".into(),
            focus: ConfirmFocus::Cancel,
            typed: Some(String::new()),
            draft_target: None,
        });
        for c in "shop.nlqh ".chars() {
            assert_eq!(
                intent_for(&s, key(KeyCode::Char(c))),
                Some(Intent::InputChar(c))
            );
        }
        assert_eq!(intent_for(&s, key(KeyCode::Tab)), Some(Intent::FocusNext));
        assert_eq!(intent_for(&s, key(KeyCode::Esc)), Some(Intent::Back));
    }

    #[test]
    fn keys_depend_on_the_view() {
        let servers = state_in(ViewKind::Servers);
        assert_eq!(
            intent_for(&servers, key(KeyCode::Char('i'))),
            Some(Intent::OpenForm(FormKind::IpRequest))
        );
        let domains = state_in(ViewKind::Domains);
        assert_eq!(intent_for(&domains, key(KeyCode::Char('b'))), None);
        assert_eq!(
            intent_for(&domains, key(KeyCode::Char('3'))),
            Some(Intent::SortColumn(2))
        );
        let accounts = state_in(ViewKind::Accounts);
        assert_eq!(intent_for(&accounts, key(KeyCode::Char('j'))), None);
        assert_eq!(intent_for(&accounts, key(KeyCode::Esc)), Some(Intent::Back));
    }
}
