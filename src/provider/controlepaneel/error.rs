//! Why a controlepaneel answer could not be read: the decoder's error, on
//! its own so that the streaming reader (`pull`) and the typed answers
//! (`wire`) both use it without importing each other.

use std::fmt;

/// Why an answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// No bytes, or only whitespace.
    #[error("the answer is empty")]
    Empty,
    /// Not well-formed XML, or an element of an unexpected shape.
    #[error("the answer is not readable XML: {0}")]
    Malformed(String),
    /// An `<Account>` or `<Hash>` block refused the call.
    #[error("{0}")]
    Auth(AuthFailure),
    /// Well-formed, but without the action's root element.
    #[error("{}", unexpected_root(expected, found))]
    UnexpectedRoot {
        expected: &'static str,
        found: Vec<String>,
    },
}

fn unexpected_root(expected: &str, found: &[String]) -> String {
    if found.is_empty() {
        return format!("expected <{expected}>, but the answer holds no element");
    }
    let found: Vec<String> = found.iter().map(|n| format!("<{n}>")).collect();
    format!("expected <{expected}>, got {}", found.join(", "))
}

/// Which credential an auth block refused, and what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthFailure {
    /// `Account` (the account id) or `Hash` (the hash, or the caller's IP).
    pub block: &'static str,
    pub status: Option<String>,
    pub description: Option<String>,
    /// The caller's IP as the API saw it (`<Hash><Input><IP>`).
    pub ip: Option<String>,
}

impl fmt::Display for AuthFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.block {
            "Account" => f.write_str("the account id was refused")?,
            _ => match &self.ip {
                Some(ip) => write!(
                    f,
                    "the hash was refused, or this machine's IP {ip} is not whitelisted for it"
                )?,
                None => f.write_str(
                    "the hash was refused, or this machine's IP is not whitelisted for it",
                )?,
            },
        }
        let status = self.status.as_deref().unwrap_or("no status");
        match &self.description {
            Some(description) => write!(f, " ({status}: {description})"),
            None => write!(f, " ({status})"),
        }
    }
}
