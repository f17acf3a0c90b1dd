//! A key as users write it (`b`, `B`, `ctrl-r`, `enter`, `pgdn`): parsed
//! from the config file, shown in the hint bar, the `?` help and the README,
//! and matched against crossterm's key events.
//!
//! A [`KeySpec`] is always normalised the way a terminal can tell keys
//! apart: SHIFT never sits on a character (the character says it: `B`, `?`),
//! `ctrl-` takes its letter in lower case (terminals send ctrl-R and ctrl-r
//! alike), and shift-tab is `BackTab` without SHIFT.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;
use std::str::FromStr;

/// One key with its modifiers, normalised (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Named keys: the canonical (displayed) name first, then its aliases.
const NAMES: [(KeyCode, &[&str]); 16] = [
    (KeyCode::Enter, &["enter", "return"]),
    (KeyCode::Esc, &["esc", "escape"]),
    (KeyCode::Tab, &["tab"]),
    (KeyCode::BackTab, &["shift-tab", "backtab"]),
    (KeyCode::Char(' '), &["space"]),
    (KeyCode::Backspace, &["backspace"]),
    (KeyCode::Delete, &["delete", "del"]),
    (KeyCode::Insert, &["insert"]),
    (KeyCode::Home, &["home"]),
    (KeyCode::End, &["end"]),
    (KeyCode::PageUp, &["pgup", "pageup"]),
    (KeyCode::PageDown, &["pgdn", "pagedown"]),
    (KeyCode::Up, &["up"]),
    (KeyCode::Down, &["down"]),
    (KeyCode::Left, &["left"]),
    (KeyCode::Right, &["right"]),
];

/// Modifier prefixes, in display order; `c-` is an alias of `ctrl-`.
const MODIFIERS: [(KeyModifiers, &str); 6] = [
    (KeyModifiers::CONTROL, "ctrl"),
    (KeyModifiers::ALT, "alt"),
    (KeyModifiers::SHIFT, "shift"),
    (KeyModifiers::SUPER, "super"),
    (KeyModifiers::HYPER, "hyper"),
    (KeyModifiers::META, "meta"),
];

/// What the help screen shows instead of the typed name.
const LABELS: [(KeyCode, &str); 8] = [
    (KeyCode::Up, "↑"),
    (KeyCode::Down, "↓"),
    (KeyCode::Left, "←"),
    (KeyCode::Right, "→"),
    (KeyCode::PageUp, "PgUp"),
    (KeyCode::PageDown, "PgDn"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
];

/// Control keys a terminal sends as another key, so they never arrive.
const SENT_AS: [(char, &str); 3] = [('i', "tab"), ('m', "enter"), ('[', "esc")];

/// Pressed by reflex in shells and editors, so no action may sit on them:
/// ctrl-d (end of input, logs out of a shell), ctrl-k (kill to the end of
/// the line), and ctrl-z (suspend the job: in raw mode it reaches hostdeck
/// as a key instead of suspending it).
const HABIT_LETTERS: [char; 3] = ['d', 'k', 'z'];

impl KeySpec {
    /// A key without modifiers, as is: for tables of constant keys.
    pub const fn plain(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// The character `c` alone (`'B'` is shift-b).
    pub const fn char(c: char) -> KeySpec {
        KeySpec::plain(KeyCode::Char(c))
    }

    /// ctrl and the character `c`, in lower case.
    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// A key from any code and modifiers, normalised.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeySpec {
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            // Some terminals report shift-b as `b` with SHIFT.
            KeyCode::Char(c) if shift => KeyCode::Char(c.to_ascii_uppercase()),
            KeyCode::Tab if shift => KeyCode::BackTab,
            other => other,
        };
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        KeySpec { code, modifiers }
    }

    /// The key an event reports, normalised; its kind (press, repeat,
    /// release) is not part of the key.
    pub fn from_event(event: &KeyEvent) -> KeySpec {
        KeySpec::new(event.code, event.modifiers)
    }

    /// Whether `event` presses (or repeats) this key. A release never matches.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        event.kind != KeyEventKind::Release && KeySpec::from_event(event) == *self
    }

    /// Whether this is a key people press by reflex (ctrl-d, ctrl-k,
    /// ctrl-z), which no action may be bound to.
    pub fn is_habit_key(&self) -> bool {
        self.modifiers == KeyModifiers::CONTROL
            && matches!(self.code, KeyCode::Char(c) if HABIT_LETTERS.contains(&c))
    }

    /// Parses a key as users write it: a single character, case-sensitive
    /// (`b`, `B`, `?`), or a key name, case-insensitive, after any
    /// modifiers (`ctrl-r`, `c-r`, `ctrl+r`, `alt-x`, `shift-tab`, `f5`).
    ///
    /// The message says what is wrong and lists what is accepted. It does
    /// not repeat `text`, which may be a secret typed in the wrong place;
    /// a caller that shows it adds it.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let (modifiers, base) = split_modifiers(text);
        let code = base_code(base).ok_or_else(|| not_a_key(base))?;
        check_modifiers(code, modifiers)?;
        Ok(KeySpec::new(code, modifiers))
    }

    /// What the help screen shows: as [`Display`](fmt::Display), but
    /// arrows are `↑ ↓ ← →` and the paging keys `PgUp PgDn Home End`
    /// (`ctrl-↑` with a modifier).
    pub fn label(&self) -> String {
        let base = LABELS
            .iter()
            .find(|(code, _)| *code == self.code)
            .map_or_else(|| base_name(self.code), |(_, label)| label.to_string());
        format!("{}{base}", self.prefix())
    }

    /// `ctrl-alt-`: the modifiers in display order, each with a dash.
    fn prefix(&self) -> String {
        MODIFIERS
            .iter()
            .filter(|(modifier, _)| self.modifiers.contains(*modifier))
            .map(|(_, name)| format!("{name}-"))
            .collect()
    }
}

/// The canonical text: `ctrl-r`, `B`, `enter`, `pgdn`, `shift-tab`,
/// `space`. [`KeySpec::parse`] reads it back to the same key.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix(), base_name(self.code))
    }
}

impl FromStr for KeySpec {
    type Err = String;

    fn from_str(text: &str) -> Result<KeySpec, String> {
        KeySpec::parse(text)
    }
}

/// The modifier prefixes of `text` and what follows them. A prefix needs
/// something after it: `ctrl--` is ctrl and `-`, `c-` alone is no prefix.
fn split_modifiers(text: &str) -> (KeyModifiers, &str) {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    while let Some((modifier, after)) = strip_modifier(rest) {
        modifiers |= modifier;
        rest = after;
    }
    (modifiers, rest)
}

fn strip_modifier(text: &str) -> Option<(KeyModifiers, &str)> {
    MODIFIERS
        .iter()
        .copied()
        .chain([(KeyModifiers::CONTROL, "c")])
        .find_map(|(modifier, name)| {
            let head = text.get(..name.len())?;
            let after = text[name.len()..].strip_prefix(['-', '+'])?;
            (head.eq_ignore_ascii_case(name) && !after.is_empty()).then_some((modifier, after))
        })
}

/// The key a base (the text after the modifiers) names, if any.
fn base_code(base: &str) -> Option<KeyCode> {
    let mut chars = base.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let blank = c.is_control() || (c.is_whitespace() && c != ' ');
        return (!blank).then_some(KeyCode::Char(c));
    }
    let lower = base.to_ascii_lowercase();
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(code, _)| *code)
        .or_else(|| function_key(&lower))
}

/// `f1` to `f12`.
fn function_key(lower: &str) -> Option<KeyCode> {
    let digits = lower.strip_prefix('f')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// Refuses modifiers a terminal cannot send with this key.
fn check_modifiers(code: KeyCode, modifiers: KeyModifiers) -> Result<(), String> {
    let KeyCode::Char(c) = code else {
        return Ok(());
    };
    if modifiers.contains(KeyModifiers::SHIFT) {
        return Err(
            "shift- goes only with named keys (shift-tab, shift-up); for a capital or a \
             symbol write the character itself (B, not shift-b)"
                .into(),
        );
    }
    let sent_as = SENT_AS
        .iter()
        .find(|(letter, _)| *letter == c.to_ascii_lowercase());
    match sent_as {
        Some((letter, name)) if modifiers.contains(KeyModifiers::CONTROL) => Err(format!(
            "terminals send ctrl-{letter} as {name}, so it never arrives; write {name}"
        )),
        _ => Ok(()),
    }
}

/// Why `base` is not a key, with what is accepted.
fn not_a_key(base: &str) -> String {
    let what = if base.is_empty() {
        "no key given"
    } else if base.chars().count() == 1 {
        "a control or blank character is not a key"
    } else {
        "not a key name"
    };
    format!("{what}; {}", accepted())
}

/// The list of accepted keys, for error messages.
pub fn accepted() -> String {
    let names: Vec<&str> = NAMES.iter().map(|(_, names)| names[0]).collect();
    format!(
        "write a single character (b, B, ?, :), or a key name: {}, f1..f12; \
         with ctrl- (also c-, ctrl+) or alt- in front for a modifier (ctrl-r, alt-x)",
        names.join(", ")
    )
}

/// The canonical name of a key code, without modifiers.
fn base_name(code: KeyCode) -> String {
    if let Some((_, names)) = NAMES.iter().find(|(named, _)| *named == code) {
        return names[0].to_string();
    }
    match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> KeySpec {
        KeySpec::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn error(text: &str) -> String {
        match KeySpec::parse(text) {
            Ok(k) => panic!("{text:?} parsed as {k:?}"),
            Err(e) => e,
        }
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn single_characters_are_case_sensitive() {
        assert_eq!(key("b"), KeySpec::char('b'));
        assert_eq!(key("B"), KeySpec::char('B'));
        assert_ne!(key("b"), key("B"));
        for c in ['?', '/', ':', '1', '-', '+', 'é'] {
            assert_eq!(key(&c.to_string()), KeySpec::char(c));
        }
        assert_eq!(key(" "), key("space"));
    }

    #[test]
    fn names_are_case_insensitive_with_aliases() {
        let same = [
            ("enter", "Return"),
            ("esc", "ESCAPE"),
            ("Tab", "tab"),
            ("shift-tab", "BackTab"),
            ("shift+tab", "backtab"),
            ("delete", "Del"),
            ("pgup", "PageUp"),
            ("pgdn", "pagedown"),
            ("Space", "space"),
            ("F5", "f5"),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} vs {b}");
        }
        assert_eq!(key("pgdn"), KeySpec::plain(KeyCode::PageDown));
        assert_eq!(key("shift-tab"), KeySpec::plain(KeyCode::BackTab));
        assert_eq!(key("insert"), KeySpec::plain(KeyCode::Insert));
        assert_eq!(key("backspace"), KeySpec::plain(KeyCode::Backspace));
        assert_eq!(key("f12"), KeySpec::plain(KeyCode::F(12)));
        assert_eq!(key("space"), KeySpec::char(' '));
    }

    #[test]
    fn ctrl_has_three_spellings_and_ignores_case() {
        for text in ["ctrl-r", "c-r", "ctrl+r", "CTRL-R", "Ctrl-r", "C-R"] {
            assert_eq!(key(text), KeySpec::ctrl('r'), "{text}");
        }
        assert_eq!(
            key("ctrl--"),
            KeySpec::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("ctrl-space").modifiers, KeyModifiers::CONTROL);
        assert_eq!(
            key("ctrl-up"),
            KeySpec::new(KeyCode::Up, KeyModifiers::CONTROL)
        );
    }

    #[test]
    fn alt_keeps_the_case_of_its_character() {
        let alt_b = key("alt-b");
        assert_eq!(alt_b, KeySpec::new(KeyCode::Char('b'), KeyModifiers::ALT));
        assert_ne!(alt_b, key("alt-B"));
        assert_eq!(key("alt+x"), key("ALT-x"));
        let both = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(key("ctrl-alt-x"), KeySpec::new(KeyCode::Char('x'), both));
    }

    #[test]
    fn function_keys_run_from_one_to_twelve() {
        for n in 1..=12u8 {
            assert_eq!(key(&format!("f{n}")), KeySpec::plain(KeyCode::F(n)));
        }
        for text in ["f0", "f13", "f+1", "f-1", "fx", "f1x"] {
            assert!(error(text).contains("not a key name"), "{text}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong_and_what_is_accepted() {
        let unknown = error("reboot");
        assert!(unknown.starts_with("not a key name;"), "{unknown}");
        for part in [
            "b, B, ?",
            "ctrl-",
            "alt-",
            "enter",
            "pgdn",
            "shift-tab",
            "f1..f12",
        ] {
            assert!(unknown.contains(part), "{part:?} missing from {unknown}");
        }
        assert!(error("").starts_with("no key given;"));
        assert!(error("ctrl-").contains("not a key name"));
        assert!(error("\t").starts_with("a control or blank character"));
        assert!(error("shift-b").contains("B, not shift-b"));
        assert!(error("ctrl-i").contains("write tab"));
        assert!(error("ctrl-M").contains("write enter"));
        assert!(error("c-[").contains("write esc"));
        assert!(error("ctrl-x-y").contains("not a key name"));
    }

    #[test]
    fn errors_do_not_repeat_the_text() {
        for text in ["hunter2-secret", "ctrl-hunter2", "alt-sk_live_42"] {
            let message = error(text);
            assert!(
                !message.contains("hunter2") && !message.contains("sk_live"),
                "{message}"
            );
        }
    }

    #[test]
    fn display_is_short_and_canonical() {
        let shown = [
            ("ctrl-R", "ctrl-r"),
            ("c+x", "ctrl-x"),
            ("B", "B"),
            ("Return", "enter"),
            ("pagedown", "pgdn"),
            ("backtab", "shift-tab"),
            (" ", "space"),
            ("Del", "delete"),
            ("F5", "f5"),
            ("alt-ctrl-x", "ctrl-alt-x"),
            ("ctrl-shift-tab", "ctrl-shift-tab"),
            ("shift-up", "shift-up"),
        ];
        for (text, canonical) in shown {
            assert_eq!(key(text).to_string(), canonical, "{text}");
        }
    }

    #[test]
    fn labels_use_arrows_and_capitalised_paging_keys() {
        let labels = [
            ("up", "↑"),
            ("down", "↓"),
            ("left", "←"),
            ("right", "→"),
            ("pgup", "PgUp"),
            ("pgdn", "PgDn"),
            ("home", "Home"),
            ("end", "End"),
            ("ctrl-up", "ctrl-↑"),
            ("ctrl-r", "ctrl-r"),
            ("enter", "enter"),
            ("B", "B"),
        ];
        for (text, label) in labels {
            assert_eq!(key(text).label(), label, "{text}");
        }
    }

    #[test]
    fn parse_reads_display_back() {
        let texts = [
            "b",
            "B",
            "?",
            "/",
            ":",
            "1",
            "-",
            "ctrl-r",
            "ctrl-R",
            "c-x",
            "ctrl--",
            "alt-b",
            "alt-B",
            "ctrl-alt-x",
            "shift-tab",
            "ctrl-shift-tab",
            "enter",
            "esc",
            "tab",
            "space",
            "ctrl-space",
            "backspace",
            "delete",
            "insert",
            "home",
            "end",
            "pgup",
            "pgdn",
            "up",
            "down",
            "left",
            "right",
            "shift-up",
            "alt-enter",
            "f1",
            "f12",
            "super-k",
            "meta-x",
        ];
        for text in texts {
            let spec = key(text);
            assert_eq!(key(&spec.to_string()), spec, "{text} shown as {spec}");
            assert_eq!(spec.to_string().parse::<KeySpec>(), Ok(spec));
        }
    }

    #[test]
    fn events_are_normalised() {
        let shift = KeyModifiers::SHIFT;
        let ctrl_shift = KeyModifiers::CONTROL | shift;
        let cases = [
            (event(KeyCode::Char('B'), shift), "B"),
            (event(KeyCode::Char('b'), shift), "B"),
            (event(KeyCode::Char('?'), shift), "?"),
            (event(KeyCode::Char(':'), shift), ":"),
            (event(KeyCode::Char('R'), KeyModifiers::CONTROL), "ctrl-r"),
            (event(KeyCode::Char('R'), ctrl_shift), "ctrl-r"),
            (event(KeyCode::BackTab, shift), "shift-tab"),
            (event(KeyCode::BackTab, KeyModifiers::NONE), "shift-tab"),
            (event(KeyCode::Tab, shift), "shift-tab"),
            (event(KeyCode::Up, shift), "shift-up"),
            (
                event(KeyCode::Char('B'), KeyModifiers::ALT | shift),
                "alt-B",
            ),
        ];
        for (ev, text) in cases {
            assert_eq!(KeySpec::from_event(&ev), key(text), "{ev:?}");
            assert!(key(text).matches(&ev), "{text} should match {ev:?}");
        }
    }

    #[test]
    fn matches_presses_and_repeats_but_never_releases() {
        let b = key("b");
        let mut ev = event(KeyCode::Char('b'), KeyModifiers::NONE);
        assert!(b.matches(&ev));
        ev.kind = KeyEventKind::Repeat;
        assert!(b.matches(&ev));
        ev.kind = KeyEventKind::Release;
        assert!(!b.matches(&ev));
        assert!(!key("B").matches(&event(KeyCode::Char('b'), KeyModifiers::NONE)));
        assert!(!b.matches(&event(KeyCode::Char('b'), KeyModifiers::CONTROL)));
        assert!(!key("ctrl-b").matches(&event(KeyCode::Char('b'), KeyModifiers::NONE)));
    }

    #[test]
    fn habit_keys_are_ctrl_d_k_and_z_only() {
        for text in ["ctrl-d", "ctrl-D", "c-k", "ctrl-z"] {
            assert!(key(text).is_habit_key(), "{text}");
        }
        for text in [
            "d",
            "k",
            "D",
            "alt-d",
            "ctrl-alt-d",
            "ctrl-c",
            "ctrl-r",
            "delete",
        ] {
            assert!(!key(text).is_habit_key(), "{text}");
        }
        assert!(KeySpec::ctrl('D').is_habit_key());
    }
}
