//! Keys pressed the way the runtime presses them: through the keymap, so a
//! test exercises the same bindings a person does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hostdeck::app::event::{Effect, Event};
use hostdeck::app::form::Form;
use hostdeck::app::store::{Mode, Store};
use hostdeck::ui::keymap;

pub fn press(store: &mut Store, key: KeyEvent) -> Vec<Effect> {
    match keymap::intent_for(store.state(), key) {
        Some(intent) => store.apply(Event::Intent(intent)),
        None => Vec::new(),
    }
}

pub fn press_code(store: &mut Store, code: KeyCode) -> Vec<Effect> {
    press(store, KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn press_char(store: &mut Store, c: char) -> Vec<Effect> {
    press_code(store, KeyCode::Char(c))
}

pub fn ctrl(store: &mut Store, c: char) -> Vec<Effect> {
    press(
        store,
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
    )
}

/// Types `text`; a line break is the enter key. Returns every effect.
pub fn type_text(store: &mut Store, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| match c {
            '\n' => press_code(store, KeyCode::Enter),
            c => press_char(store, c),
        })
        .collect()
}

/// ctrl-u: clears the focused form field.
pub fn clear_field(store: &mut Store) -> Vec<Effect> {
    ctrl(store, 'u')
}

/// The open form; a test failure if none is open.
pub fn form(store: &Store) -> &Form {
    match &store.state().mode {
        Mode::Form(form) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}
