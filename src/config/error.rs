//! Errors from reading the config file, resolving its secrets and finding
//! hostdeck's directories. None of them carries a secret value.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("no config file at {}", path.display())]
    Missing { path: PathBuf },

    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The file is not valid TOML.
    #[error("{}{}: {}invalid TOML: {message}", path.display(), location(*line, *column), scope(account))]
    Syntax {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        /// `account "name"` or `accounts[2]`, when the error is inside an account block.
        account: Option<String>,
        message: String,
    },

    /// A field is unknown, of the wrong type, missing or has a bad value.
    #[error("{}{}: {}field `{field}`: {problem}", path.display(), location(*line, None), scope(account))]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        /// `account "name"` or `accounts[2]`; `None` for top-level fields.
        account: Option<String>,
        field: String,
        problem: String,
    },

    /// A secret could not be resolved.
    #[error("account \"{account}\": secret `{field}`: {problem}")]
    Secret {
        account: String,
        field: String,
        problem: String,
    },

    /// No home directory to derive a default location from.
    #[error("cannot find a {what} directory (no home directory?); {hint}")]
    NoDirectory {
        what: &'static str,
        hint: &'static str,
    },
}

/// `, line 7, column 3`, or as much of it as is known.
fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(", line {l}, column {c}"),
        (Some(l), None) => format!(", line {l}"),
        _ => String::new(),
    }
}

fn scope(account: &Option<String>) -> String {
    account
        .as_ref()
        .map(|a| format!("{a}: "))
        .unwrap_or_default()
}
