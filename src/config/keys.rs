//! `[keys]` in the config file: keys the user remaps, one entry per action
//! (`reboot = "B"`, `refresh = ["ctrl-r", "F5"]`), each replacing that
//! action's default keys.
//!
//! Only the form of each entry is checked here. Which action names exist
//! and which keys clash are known to the binding table alone; it reports
//! what it finds through [`Config::keys_error`], which names the line.

use super::layout::Layout;
use super::parse::describe_type;
use super::{Config, ConfigError};
use crate::keys::KeySpec;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// One `[keys]` entry: an action and the keys that replace its defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyOverride {
    /// The action's name as written: a `:` command name, unchecked here.
    pub action: String,
    /// At least one key, none twice, no habit key.
    pub keys: Vec<KeySpec>,
    /// The 1-based line of the entry, for errors.
    pub line: Option<usize>,
}

/// The `[keys]` entries in file order; empty without a `[keys]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyOverrides(pub Vec<KeyOverride>);

impl KeyOverrides {
    /// The entry of `action`, if the file remaps it.
    pub fn get(&self, action: &str) -> Option<&KeyOverride> {
        self.0.iter().find(|o| o.action == action)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, KeyOverride> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Config {
    /// A config error about the `[keys]` entry of `action`, naming the
    /// file, the entry's line and the field `keys.<action>`: for problems
    /// only the binding table can see (an unknown action, a clash).
    pub fn keys_error(&self, action: &str, problem: impl Into<String>) -> ConfigError {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("(no config file)"));
        let line = self.keys.get(action).and_then(|o| o.line);
        invalid(path, line, action, problem)
    }
}

/// Reads the `[keys]` table, if any, checking each entry in file order.
pub(super) fn parse_keys(
    table: Option<Table>,
    path: &Path,
    layout: &Layout,
) -> Result<KeyOverrides, ConfigError> {
    let mut entries: Vec<(Option<usize>, String, Value)> = table
        .unwrap_or_default()
        .into_iter()
        .map(|(action, value)| (entry_line(layout, &action), action, value))
        .collect();
    entries.sort_by_key(|(line, ..)| line.unwrap_or(usize::MAX));
    let overrides = entries.into_iter().map(|(line, action, value)| {
        let keys = entry_keys(&value)
            .map_err(|problem| invalid(path.to_path_buf(), line, &action, problem))?;
        Ok(KeyOverride { action, keys, line })
    });
    overrides.collect::<Result<_, _>>().map(KeyOverrides)
}

/// Where an entry is set: in `[keys]`, as a dotted `keys.x` at the top
/// level, or else where `keys` itself is.
fn entry_line(layout: &Layout, action: &str) -> Option<usize> {
    layout
        .table_key_line("keys", action)
        .or_else(|| layout.key_line(None, &format!("keys.{action}")))
        .or_else(|| layout.key_line(None, "keys"))
}

/// The keys of one entry, checked. Problems describe a wrong value by its
/// type and never repeat the text of a key that does not parse.
fn entry_keys(value: &Value) -> Result<Vec<KeySpec>, String> {
    let texts = key_texts(value)?;
    if texts.is_empty() {
        return Err("is an empty list; give at least one key \
                    (leave the action out to keep its default keys)"
            .into());
    }
    let mut keys: Vec<KeySpec> = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let key = checked_key(text).map_err(|problem| match texts.len() {
            1 => problem,
            n => format!("key {} of {n}: {problem}", index + 1),
        })?;
        if keys.contains(&key) {
            return Err(format!("lists {key} twice; give each key once"));
        }
        keys.push(key);
    }
    Ok(keys)
}

/// A string, or an array of strings.
fn key_texts(value: &Value) -> Result<Vec<&str>, String> {
    let expected = r#"expected a key ("B") or a list of keys (["ctrl-r", "f5"])"#;
    match value {
        Value::String(text) => Ok(vec![text.as_str()]),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str().ok_or_else(|| {
                    format!("{expected}, found a list holding {}", describe_type(item))
                })
            })
            .collect(),
        other => Err(format!("{expected}, found {}", describe_type(other))),
    }
}

fn checked_key(text: &str) -> Result<KeySpec, String> {
    let key = KeySpec::parse(text)?;
    if key.is_habit_key() {
        return Err(format!(
            "{key} is pressed by reflex in shells and editors; \
             no action may be bound to a habit key"
        ));
    }
    Ok(key)
}

fn invalid(
    path: PathBuf,
    line: Option<usize>,
    action: &str,
    problem: impl Into<String>,
) -> ConfigError {
    ConfigError::Invalid {
        path,
        line,
        account: None,
        field: format!("keys.{action}"),
        problem: problem.into(),
    }
}
