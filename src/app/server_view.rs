//! The derived servers table: which rows pass the filter, in which order,
//! and where the cursor is. Recomputed when data, filter or sort change,
//! never per frame; tuned for ten thousand servers (sorting by a field
//! of the cached search text, no allocation per compare).

use super::filter::Filter;
use super::listview::window_offset;
use super::panes::servers::{Column, SortBy};
use crate::model::{Ref, Server};
use std::cmp::Reverse;
use std::net::IpAddr;

/// The text a filter searches for one server: its visible fields,
/// lowercased, one per line, so `^` and `$` in a regex anchor to a field.
/// The first fields double as sort keys (see [`field`]).
pub fn search_text(server: &Server) -> String {
    let mut text = String::with_capacity(160);
    let fields = [
        server.account.as_str(),
        server.name.as_str(),
        server.power.label(),
        server.status.as_str(),
        server.primary_ip.as_deref().unwrap_or(""),
        server.location.as_str(),
        server.group.as_str(),
        server.os.as_str(),
    ];
    for field in fields {
        text.push_str(field);
        text.push('\n');
    }
    for ip in &server.ips {
        text.push_str(&ip.address);
        text.push('\n');
    }
    if text.is_ascii() {
        text.make_ascii_lowercase();
        text
    } else {
        text.to_lowercase()
    }
}

/// Field `n` of a search text: 0 account, 1 name, 2 power, 3 status,
/// 4 primary IP, 5 location, 6 group, 7 OS.
pub fn field(search: &str, n: usize) -> &str {
    search.split('\n').nth(n).unwrap_or("")
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

/// Sorts server indexes by a column, in place. Text columns sort by the
/// lowercased field of the search text, with no allocation per compare;
/// ties break by account and name, so the order is the same every time.
fn sort_indexes(indexes: &mut [usize], servers: &[Server], search: &[String], order: SortOrder) {
    let sort_by = order.column.sort_by();
    let text_field = match sort_by {
        SortBy::Field(n) => n,
        SortBy::Address | SortBy::Size => 0,
    };
    let text = |i: usize| search.get(i).map_or("", |t| field(t, text_field));
    // Ties break by account and name, always ascending: the search text
    // starts with exactly those two fields.
    let tie = |i: usize| search.get(i).map_or("", |t| head(t, 2));
    match (sort_by, order.descending) {
        (SortBy::Address, false) => indexes.sort_by_cached_key(|&i| (ip_key(&servers[i]), tie(i))),
        (SortBy::Address, true) => {
            indexes.sort_by_cached_key(|&i| (Reverse(ip_key(&servers[i])), tie(i)))
        }
        (SortBy::Size, false) => indexes.sort_by_cached_key(|&i| (size_key(&servers[i]), tie(i))),
        (SortBy::Size, true) => {
            indexes.sort_by_cached_key(|&i| (Reverse(size_key(&servers[i])), tie(i)))
        }
        (SortBy::Field(_), false) => indexes.sort_by_cached_key(|&i| (text(i), tie(i))),
        (SortBy::Field(_), true) => indexes.sort_by_cached_key(|&i| (Reverse(text(i)), tie(i))),
    }
}

/// The first `n` fields of a search text, as one slice.
fn head(search: &str, n: usize) -> &str {
    let end = search
        .match_indices('\n')
        .nth(n.saturating_sub(1))
        .map_or(search.len(), |(i, _)| i);
    &search[..end]
}

/// Whether two versions of a server sort alike under `order`, so a
/// refresh that changed only other fields needs no re-sort.
pub fn same_sort_key(order: SortOrder, old: (&Server, &str), new: (&Server, &str)) -> bool {
    match order.column.sort_by() {
        SortBy::Field(n) => field(old.1, n) == field(new.1, n),
        SortBy::Address => old.0.primary_ip == new.0.primary_ip,
        SortBy::Size => size_key(old.0) == size_key(new.0),
    }
}

/// Addresses first, in numeric order; then anything unparseable.
fn ip_key(server: &Server) -> (bool, Option<IpAddr>) {
    let ip = server
        .primary_ip
        .as_deref()
        .and_then(|s| s.parse::<IpAddr>().ok());
    (ip.is_none(), ip)
}

fn size_key(server: &Server) -> (Option<u32>, Option<i64>) {
    (server.cpu, server.memory_gb.map(|m| (m * 1000.0) as i64))
}

/// The rows of the servers table after filter and sort, and the cursor.
#[derive(Clone, Debug, Default)]
pub struct ServerView {
    pub order: SortOrder,
    pub filter: Filter,
    /// Every server index in sort order; filtering never re-sorts.
    sorted: Vec<usize>,
    /// Indexes into the store's server list, in display order.
    pub rows: Vec<usize>,
    pub cursor: usize,
    /// First visible row.
    pub offset: usize,
    /// The selected server; survives refreshes, re-sorts and filtering.
    pub selected: Option<Ref>,
}

impl ServerView {
    /// Recomputes the sort order and the rows (after data or sort changes).
    pub fn rebuild(&mut self, servers: &[Server], search: &[String]) {
        self.sorted.clear();
        self.sorted.extend(0..servers.len());
        sort_indexes(&mut self.sorted, servers, search, self.order);
        self.refilter(servers, search);
    }

    /// Recomputes the rows from the cached sort order (after a filter
    /// change), keeping the selected server if it is still visible, else
    /// the cursor position.
    pub fn refilter(&mut self, servers: &[Server], search: &[String]) {
        let filter = &self.filter;
        // Refilled in place: freeing a large block in the middle of a
        // refresh makes the allocator sweep every small block just freed.
        self.rows.clear();
        self.rows.extend(
            self.sorted
                .iter()
                .copied()
                .filter(|&i| search.get(i).is_none_or(|text| filter.matches(text))),
        );
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
        self.offset = window_offset(self.cursor, self.offset, self.rows.len(), page);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_the_search_text() {
        let text = "acct\nweb01\non\nactive\n10.0.0.1\nwa1\nweb\nubuntu\n";
        assert_eq!(field(text, 1), "web01");
        assert_eq!(field(text, 7), "ubuntu");
        assert_eq!(field(text, 30), "");
        assert_eq!(head(text, 2), "acct\nweb01");
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
