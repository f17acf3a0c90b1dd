//! A wrapper for secrets (API keys, passwords, hashes) that never prints its value.

use std::fmt;

/// A secret string. `Debug` and `Display` print `[redacted]`; only
/// [`Secret::expose`] gives the value, and only provider clients call it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value, for putting on the wire. Never log or display it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Replaces every occurrence of each non-empty secret in `text` with `[redacted]`.
pub fn redact(text: &str, secrets: &[&Secret]) -> String {
    let mut out = text.to_string();
    for secret in secrets {
        if secret.0.len() >= 3 {
            out = out.replace(secret.expose(), "[redacted]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        let s = Secret::new("hunter2");
        assert_eq!(
            redact("a hunter2 b hunter2", &[&s]),
            "a [redacted] b [redacted]"
        );
    }
}
