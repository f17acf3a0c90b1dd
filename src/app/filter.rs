//! The `/` filter every table takes: a substring, `~regex`, and a
//! leading `!` to invert. It matches the lowercased search text of a row,
//! one field per line, so `^` and `$` anchor to a field.

use regex::{Regex, RegexBuilder};

/// A parsed `/` filter: substring, `~regex`, and a leading `!` to invert.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub text: String,
    invert: bool,
    matcher: Matcher,
    /// Why the text is not a usable filter (bad regex), if so.
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default)]
enum Matcher {
    #[default]
    All,
    Substring(String),
    Regex(Regex),
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let mut filter = Filter {
            text: text.to_string(),
            ..Filter::default()
        };
        let (invert, body) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        filter.invert = invert;
        filter.matcher = match body.strip_prefix('~') {
            Some(pattern) if !pattern.is_empty() => {
                match RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .multi_line(true)
                    .build()
                {
                    Ok(re) => Matcher::Regex(re),
                    Err(e) => {
                        filter.error = Some(first_line(&e.to_string()));
                        Matcher::All
                    }
                }
            }
            Some(_) => Matcher::All,
            None if body.is_empty() => Matcher::All,
            None => Matcher::Substring(body.to_lowercase()),
        };
        filter
    }

    pub fn is_active(&self) -> bool {
        !matches!(self.matcher, Matcher::All)
    }

    /// Whether a row with this lowercased search text passes.
    pub fn matches(&self, search_text: &str) -> bool {
        let hit = match &self.matcher {
            Matcher::All => return true,
            Matcher::Substring(needle) => search_text.contains(needle.as_str()),
            Matcher::Regex(re) => re.is_match(search_text),
        };
        hit != self.invert
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_forms() {
        assert!(Filter::parse("web").matches("wa1web01"));
        assert!(!Filter::parse("!web").matches("wa1web01"));
        assert!(Filter::parse("~^wa1.*01$").matches("wa1web01"));
        assert!(Filter::parse("!~^uc1").matches("wa1web01"));
        let bad = Filter::parse("~(");
        assert!(bad.error.is_some());
        assert!(!bad.is_active());
        assert!(Filter::parse("").matches("anything"));
    }
}
