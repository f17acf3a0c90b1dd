//! Where things are in the config text: line numbers, `[[accounts]]`
//! blocks and `[table]`s such as `[keys]`, so that an error can point at a
//! line and name the account.
//!
//! This is a light line scan, not a TOML parser. It serves only to place
//! messages; validation works on the parsed document.

use std::ops::Range;

pub(super) struct Layout<'a> {
    /// Each line's byte offset and text, without its line ending.
    lines: Vec<(usize, &'a str)>,
    headers: Vec<Header>,
}

/// A `[table]` or `[[array]]` header line.
struct Header {
    /// 0-based line index.
    line: usize,
    /// For `[[accounts]]`, which account block it opens.
    account: Option<usize>,
    /// For a `[table]` header, the table's name.
    table: Option<String>,
}

impl<'a> Layout<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            lines.push((offset, line.trim_end_matches(['\n', '\r'])));
            offset += line.len();
        }
        let mut headers = Vec::new();
        let mut accounts = 0;
        for (line, (_, content)) in lines.iter().enumerate() {
            let squeezed: String = content.chars().filter(|c| !c.is_whitespace()).collect();
            if !squeezed.starts_with('[') {
                continue;
            }
            let account = squeezed.starts_with("[[accounts]]").then(|| {
                accounts += 1;
                accounts - 1
            });
            let table = table_name(&squeezed);
            headers.push(Header {
                line,
                account,
                table,
            });
        }
        Layout { lines, headers }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let index = self
            .lines
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        let (start, content) = self.lines.get(index).copied().unwrap_or((0, ""));
        let within = offset.saturating_sub(start);
        let column = content
            .char_indices()
            .take_while(|(i, _)| *i < within)
            .count();
        (index + 1, column + 1)
    }

    /// The account whose block holds the 1-based `line`.
    pub(super) fn account_at_line(&self, line: usize) -> Option<usize> {
        let index = line.checked_sub(1)?;
        self.headers.iter().rev().find(|h| h.line <= index)?.account
    }

    /// The 1-based line where `key` is set in an account's block (`None`:
    /// the top level). For an account without that key, its header line.
    pub(super) fn key_line(&self, account: Option<usize>, key: &str) -> Option<usize> {
        let block = self.block(account)?;
        let found = self
            .lines
            .get(block.clone())?
            .iter()
            .position(|(_, content)| key_of(content) == Some(key));
        match (found, account) {
            (Some(i), _) => Some(block.start + i + 1),
            // block.start is the 0-based line after the header: the header's 1-based line.
            (None, Some(_)) => Some(block.start),
            (None, None) => None,
        }
    }

    /// The 1-based line where `key` is set in the `[table]` block; the
    /// header's line for a table without that key; `None` without the table.
    pub(super) fn table_key_line(&self, table: &str, key: &str) -> Option<usize> {
        let header = self
            .headers
            .iter()
            .find(|h| h.table.as_deref() == Some(table))?;
        let start = header.line + 1;
        let found = self
            .lines
            .get(start..self.block_end(start))?
            .iter()
            .position(|(_, content)| key_of(content) == Some(key));
        Some(found.map_or(start, |i| start + i + 1))
    }

    /// The `name = "..."` value in an account's block, read loosely: for
    /// naming the account when the file does not parse.
    pub(super) fn name_in_block(&self, account: usize) -> Option<String> {
        let block = self.block(Some(account))?;
        let (_, content) = self
            .lines
            .get(block)?
            .iter()
            .find(|(_, content)| key_of(content) == Some("name"))?;
        let value = content.split_once('=')?.1.trim();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = value.strip_prefix(quote)?;
        inner.split(quote).next().map(str::to_string)
    }

    /// Whether any `key = value` line sets a key for which `wanted` holds.
    pub(super) fn any_key(&self, wanted: impl Fn(&str) -> bool) -> bool {
        self.lines
            .iter()
            .filter_map(|(_, content)| key_of(content))
            .any(wanted)
    }

    /// The 0-based line range of a block, header excluded.
    fn block(&self, account: Option<usize>) -> Option<Range<usize>> {
        let start = match account {
            None => 0,
            Some(a) => self.headers.iter().find(|h| h.account == Some(a))?.line + 1,
        };
        Some(start..self.block_end(start))
    }

    /// The 0-based line where the block starting at `start` ends: the next
    /// header, or the end of the text.
    fn block_end(&self, start: usize) -> usize {
        self.headers
            .iter()
            .find(|h| h.line >= start)
            .map_or(self.lines.len(), |h| h.line)
    }
}

/// `keys` for a squeezed `[keys]` or `["keys"]` header line; `None` for an
/// `[[array]]` header.
fn table_name(squeezed: &str) -> Option<String> {
    let inner = squeezed.strip_prefix('[').filter(|s| !s.starts_with('['))?;
    let name = inner.split(']').next()?;
    Some(name.trim_matches(['"', '\'']).to_string())
}

/// The key a `key = value` line sets, unquoted.
fn key_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with(['#', '[']) {
        return None;
    }
    let key = trimmed.split_once('=')?.0.trim();
    Some(key.trim_matches(['"', '\'']))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "read_only = true\n\n[[accounts]]\nname = \"a\"\nkind = \"clc\"\n\n[[ accounts ]] # two\n  \"name\" = 'b'\ntoken = 1\n";

    #[test]
    fn finds_blocks_keys_and_names() {
        let layout = Layout::new(TEXT);
        assert_eq!(layout.key_line(None, "read_only"), Some(1));
        assert_eq!(layout.key_line(Some(0), "kind"), Some(5));
        assert_eq!(layout.key_line(Some(1), "token"), Some(9));
        assert_eq!(layout.key_line(Some(1), "kind"), Some(7));
        assert_eq!(layout.key_line(None, "kind"), None);
        assert_eq!(layout.account_at_line(4), Some(0));
        assert_eq!(layout.account_at_line(9), Some(1));
        assert_eq!(layout.account_at_line(1), None);
        assert_eq!(layout.name_in_block(0).as_deref(), Some("a"));
        assert_eq!(layout.name_in_block(1).as_deref(), Some("b"));
        assert_eq!(layout.name_in_block(2), None);
    }

    #[test]
    fn finds_keys_in_a_named_table() {
        let text = "read_only = true\n[keys] # remaps\nreboot = \"B\"\n\"refresh\" = [\n  \"F5\",\n]\n\n[[accounts]]\nreboot = 1\n[ other ]\nquit = \"q\"\n";
        let layout = Layout::new(text);
        assert_eq!(layout.table_key_line("keys", "reboot"), Some(3));
        assert_eq!(layout.table_key_line("keys", "refresh"), Some(4));
        assert_eq!(layout.table_key_line("keys", "quit"), Some(2));
        assert_eq!(layout.table_key_line("other", "quit"), Some(11));
        assert_eq!(layout.table_key_line("accounts", "reboot"), None);
        assert_eq!(layout.table_key_line("missing", "reboot"), None);
        assert_eq!(layout.key_line(Some(0), "reboot"), Some(9));
        assert_eq!(layout.account_at_line(3), None);
        assert_eq!(table_name("[\"keys\"]"), Some("keys".to_string()));
        assert_eq!(table_name("[[accounts]]"), None);
    }

    #[test]
    fn positions_are_one_based_lines_and_char_columns() {
        let layout = Layout::new("ab\nxé = 1\n");
        assert_eq!(layout.position(0), (1, 1));
        assert_eq!(layout.position(3), (2, 1));
        assert_eq!(layout.position(6), (2, 3));
        assert_eq!(layout.position(999), (2, 7));
    }
}
