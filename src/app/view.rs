//! The derived servers view: which rows pass the filter, in which order,
//! and where the cursor is. Recomputed when data, filter or sort change,
//! never per frame.

use super::command::Column;
use crate::model::{Ref, Server};
use regex::{Regex, RegexBuilder};
use std::cmp::Ordering;
use std::net::IpAddr;

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

/// The text a filter searches for one server: its visible fields,
/// lowercased, one per line, so `^` and `$` in a regex anchor to a field.
pub fn search_text(server: &Server) -> String {
    let ips: Vec<&str> = server.ips.iter().map(|ip| ip.address.as_str()).collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        server.account,
        server.name,
        server.power.label(),
        server.status,
        server.primary_ip.as_deref().unwrap_or(""),
        server.location,
        server.group,
        server.os,
        ips.join("\n")
    )
    .to_lowercase()
}

/// Sort order of the servers table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortOrder {
    pub column: Column,
    pub descending: bool,
}

impl Default for SortOrder {
    fn default() -> Self {
        SortOrder {
            column: Column::Name,
            descending: false,
        }
    }
}

/// Compares two servers by a column, ties broken by account and id so the
/// order is total and stable across refreshes.
pub fn compare(a: &Server, b: &Server, order: SortOrder) -> Ordering {
    let primary = match order.column {
        Column::Account => cmp_text(&a.account, &b.account),
        Column::Name => cmp_text(&a.name, &b.name),
        Column::Power => cmp_text(a.power.label(), b.power.label()),
        Column::Ip => cmp_ip(a.primary_ip.as_deref(), b.primary_ip.as_deref()),
        Column::Location => cmp_text(&a.location, &b.location),
        Column::Group => cmp_text(&a.group, &b.group),
        Column::Os => cmp_text(&a.os, &b.os),
        Column::Size => (a.cpu, a.memory_gb.map(|m| (m * 1000.0) as i64))
            .cmp(&(b.cpu, b.memory_gb.map(|m| (m * 1000.0) as i64))),
    };
    let primary = if order.descending {
        primary.reverse()
    } else {
        primary
    };
    primary
        .then_with(|| a.account.cmp(&b.account))
        .then_with(|| a.id.cmp(&b.id))
}

/// Case-insensitive comparison without allocating.
fn cmp_text(a: &str, b: &str) -> Ordering {
    let a = a.bytes().map(|c| c.to_ascii_lowercase());
    let b = b.bytes().map(|c| c.to_ascii_lowercase());
    a.cmp(b)
}

fn cmp_ip(a: Option<&str>, b: Option<&str>) -> Ordering {
    let parse = |s: Option<&str>| s.and_then(|s| s.parse::<IpAddr>().ok());
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => cmp_text(a.unwrap_or(""), b.unwrap_or("")),
    }
}

/// The rows of the servers table after filter and sort, and the cursor.
#[derive(Clone, Debug, Default)]
pub struct ServerView {
    pub order: SortOrder,
    pub filter: Filter,
    /// Indexes into the store's server list, in display order.
    pub rows: Vec<usize>,
    pub cursor: usize,
    /// First visible row.
    pub offset: usize,
    /// The selected server; survives refreshes, re-sorts and filtering.
    pub selected: Option<Ref>,
}

impl ServerView {
    /// Recomputes rows from scratch, keeping the selected server if it is
    /// still visible, else keeping the cursor position.
    pub fn rebuild(&mut self, servers: &[Server], search: &[String]) {
        let filter = &self.filter;
        let mut rows: Vec<usize> = (0..servers.len())
            .filter(|&i| search.get(i).is_none_or(|text| filter.matches(text)))
            .collect();
        let order = self.order;
        rows.sort_unstable_by(|&a, &b| compare(&servers[a], &servers[b], order));
        self.rows = rows;
        self.reselect(servers);
    }

    fn reselect(&mut self, servers: &[Server]) {
        let found = self.selected.as_ref().and_then(|sel| {
            self.rows.iter().position(|&i| {
                let s = &servers[i];
                s.id == sel.id && s.account == sel.account
            })
        });
        match found {
            Some(pos) => self.cursor = pos,
            None => {
                self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
                self.selected = self.rows.get(self.cursor).map(|&i| servers[i].reference());
            }
        }
    }

    /// Moves the cursor to `pos` (clamped) and selects that row.
    pub fn move_to(&mut self, pos: i64, servers: &[Server]) {
        if self.rows.is_empty() {
            self.cursor = 0;
            self.selected = None;
            return;
        }
        let last = self.rows.len() as i64 - 1;
        self.cursor = pos.clamp(0, last) as usize;
        self.selected = Some(servers[self.rows[self.cursor]].reference());
    }

    /// Keeps the cursor inside the visible window of `page` rows.
    pub fn scroll_into_view(&mut self, page: usize) {
        let page = page.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        let max_offset = self.rows.len().saturating_sub(page);
        self.offset = self.offset.min(max_offset);
    }
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

    #[test]
    fn ip_sort_is_numeric() {
        assert_eq!(cmp_ip(Some("10.0.0.9"), Some("10.0.0.10")), Ordering::Less);
        assert_eq!(cmp_ip(None, Some("10.0.0.1")), Ordering::Greater);
    }

    #[test]
    fn scroll_keeps_cursor_visible() {
        let mut v = ServerView {
            rows: (0..100).collect(),
            ..Default::default()
        };
        v.cursor = 50;
        v.scroll_into_view(10);
        assert_eq!(v.offset, 41);
        v.cursor = 30;
        v.scroll_into_view(10);
        assert_eq!(v.offset, 30);
    }
}
