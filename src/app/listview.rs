//! A small generic table view for the record views (domains, contacts,
//! colocation visitors and visits): sort by column, a `/` filter, the
//! cursor and scroll offset, and a selection kept by key across refreshes,
//! re-sorts and filtering. Rows are derived when the data, the sort or the
//! filter change, never per frame.

use super::view::Filter;
use std::cmp::Reverse;
use std::fmt;

/// One column of a record table: its title and the extra names `:sort` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListColumn {
    pub title: &'static str,
    pub aliases: &'static [&'static str],
}

impl ListColumn {
    pub const fn new(title: &'static str, aliases: &'static [&'static str]) -> Self {
        ListColumn { title, aliases }
    }

    /// Whether `name` (any case) names this column.
    pub fn is_named(&self, name: &str) -> bool {
        self.title.eq_ignore_ascii_case(name) || self.aliases.iter().any(|a| a == &name)
    }
}

/// What a row sorts by in one column: present values first, numbers
/// before text, then text.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    missing: bool,
    number: i64,
    text: String,
}

impl SortKey {
    pub fn text(text: &str) -> SortKey {
        SortKey {
            missing: text.is_empty(),
            number: 0,
            text: text.to_lowercase(),
        }
    }

    pub fn number(number: Option<i64>) -> SortKey {
        SortKey {
            missing: number.is_none(),
            number: number.unwrap_or(0),
            text: String::new(),
        }
    }
}

/// A record a [`ListView`] can show.
pub trait ListRow {
    /// What identifies the row across refreshes.
    type Key: Clone + PartialEq + fmt::Debug;
    /// Data beyond the row that its columns need (e.g. usage counts, now).
    type Context: ?Sized;
    /// The columns in display order; keys 1..9 sort by them.
    const COLUMNS: &'static [ListColumn];

    fn key(&self) -> Self::Key;
    /// Lowercased text the `/` filter searches, one field per line.
    fn search_text(&self, context: &Self::Context) -> String;
    fn sort_key(&self, column: usize, context: &Self::Context) -> SortKey;
}

/// The rows of one record table after filter and sort, and the cursor.
/// Row numbers index the source sequence the view was last built from.
#[derive(Clone, Debug)]
pub struct ListView<R: ListRow> {
    /// Index into `R::COLUMNS`.
    pub sort: usize,
    pub descending: bool,
    pub filter: Filter,
    keys: Vec<R::Key>,
    search: Vec<String>,
    /// Every source index in sort order; filtering never re-sorts.
    sorted: Vec<usize>,
    /// Source indexes in display order.
    pub rows: Vec<usize>,
    pub cursor: usize,
    /// First visible row.
    pub offset: usize,
    pub selected: Option<R::Key>,
}

impl<R: ListRow> Default for ListView<R> {
    fn default() -> Self {
        ListView {
            sort: 0,
            descending: false,
            filter: Filter::default(),
            keys: Vec::new(),
            search: Vec::new(),
            sorted: Vec::new(),
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            selected: None,
        }
    }
}

impl<R: ListRow> ListView<R> {
    /// A view sorted by `column` from the start.
    pub fn sorted_by(column: usize) -> Self {
        ListView {
            sort: column,
            ..ListView::default()
        }
    }

    /// Recomputes keys, search texts, sort order and rows from the source.
    pub fn rebuild<'a>(&mut self, source: impl Iterator<Item = &'a R>, context: &R::Context)
    where
        R: 'a,
    {
        let rows: Vec<&R> = source.collect();
        self.keys = rows.iter().map(|r| r.key()).collect();
        self.search = rows.iter().map(|r| r.search_text(context)).collect();
        let column = self.sort.min(R::COLUMNS.len().saturating_sub(1));
        let mut sorted: Vec<usize> = (0..rows.len()).collect();
        if self.descending {
            sorted.sort_by_cached_key(|&i| (Reverse(rows[i].sort_key(column, context)), i));
        } else {
            sorted.sort_by_cached_key(|&i| (rows[i].sort_key(column, context), i));
        }
        self.sorted = sorted;
        self.refilter();
    }

    /// Recomputes the rows from the cached order (after a filter change),
    /// keeping the selected row if still visible, else the cursor position.
    pub fn refilter(&mut self) {
        let filter = &self.filter;
        let search = &self.search;
        self.rows = self
            .sorted
            .iter()
            .copied()
            .filter(|&i| search.get(i).is_none_or(|text| filter.matches(text)))
            .collect();
        self.reselect();
    }

    fn reselect(&mut self) {
        let found = self.selected.as_ref().and_then(|selected| {
            self.rows
                .iter()
                .position(|&i| self.keys.get(i) == Some(selected))
        });
        match found {
            Some(position) => self.cursor = position,
            None => {
                self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
                self.selected = self.key_at(self.cursor);
            }
        }
    }

    fn key_at(&self, position: usize) -> Option<R::Key> {
        let index = *self.rows.get(position)?;
        self.keys.get(index).cloned()
    }

    pub fn set_filter(&mut self, text: &str) {
        self.filter = Filter::parse(text);
        self.refilter();
    }

    /// Sorts by `column` next time the view is rebuilt; the same column
    /// again reverses. False when there is no such column.
    pub fn choose_sort(&mut self, column: usize) -> bool {
        if column >= R::COLUMNS.len() {
            return false;
        }
        if self.sort == column {
            self.descending = !self.descending;
        } else {
            self.sort = column;
            self.descending = false;
        }
        true
    }

    /// The column `:sort NAME` means, if any.
    pub fn column_named(name: &str) -> Option<usize> {
        let name = name.to_ascii_lowercase();
        R::COLUMNS.iter().position(|c| c.is_named(&name))
    }

    /// Moves the cursor to `position` (clamped) and selects that row.
    pub fn move_to(&mut self, position: i64) {
        if self.rows.is_empty() {
            self.cursor = 0;
            self.selected = None;
            return;
        }
        let last = self.rows.len() as i64 - 1;
        self.cursor = position.clamp(0, last) as usize;
        self.selected = self.key_at(self.cursor);
    }

    pub fn move_by(&mut self, delta: i64) {
        self.move_to(self.cursor as i64 + delta);
    }

    /// The source index of the row under the cursor.
    pub fn selected_index(&self) -> Option<usize> {
        self.rows.get(self.cursor).copied()
    }

    /// Keeps the cursor inside a window of `page` rows.
    pub fn scroll_into_view(&mut self, page: usize) {
        let page = page.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(page));
    }

    /// The source indexes of the rows a window of `page` rows shows.
    pub fn visible(&self, page: usize) -> &[usize] {
        let start = self.offset.min(self.rows.len());
        let end = (start + page).min(self.rows.len());
        &self.rows[start..end]
    }

    /// How many source rows the view was built from.
    pub fn total(&self) -> usize {
        self.keys.len()
    }

    /// `expires▲`: the sort column and direction, for titles.
    pub fn sort_label(&self) -> String {
        let title = R::COLUMNS.get(self.sort).map_or("", |c| c.title);
        format!("{}{}", title.to_lowercase(), self.arrow())
    }

    pub fn arrow(&self) -> char {
        if self.descending {
            '▼'
        } else {
            '▲'
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Item(&'static str, i64);

    impl ListRow for Item {
        type Key = &'static str;
        type Context = ();
        const COLUMNS: &'static [ListColumn] = &[
            ListColumn::new("NAME", &[]),
            ListColumn::new("SIZE", &["bytes"]),
        ];
        fn key(&self) -> &'static str {
            self.0
        }
        fn search_text(&self, _: &()) -> String {
            self.0.to_string()
        }
        fn sort_key(&self, column: usize, _: &()) -> SortKey {
            match column {
                0 => SortKey::text(self.0),
                _ => SortKey::number(Some(self.1)),
            }
        }
    }

    fn items() -> Vec<Item> {
        vec![Item("b", 1), Item("a", 3), Item("c", 2)]
    }

    fn names(view: &ListView<Item>, items: &[Item]) -> Vec<&'static str> {
        view.rows.iter().map(|&i| items[i].0).collect()
    }

    #[test]
    fn sorts_reverses_and_keeps_the_selection() {
        let items = items();
        let mut view = ListView::<Item>::default();
        view.rebuild(items.iter(), &());
        assert_eq!(names(&view, &items), ["a", "b", "c"]);
        view.move_to(2);
        assert_eq!(view.selected, Some("c"));
        assert!(view.choose_sort(1));
        view.rebuild(items.iter(), &());
        assert_eq!(names(&view, &items), ["b", "c", "a"]);
        assert_eq!((view.cursor, view.selected), (1, Some("c")));
        assert!(view.choose_sort(1));
        view.rebuild(items.iter(), &());
        assert_eq!(names(&view, &items), ["a", "c", "b"]);
        assert!(!view.choose_sort(7));
    }

    #[test]
    fn filter_hides_rows_and_moves_the_selection_only_when_hidden() {
        let items = items();
        let mut view = ListView::<Item>::default();
        view.rebuild(items.iter(), &());
        view.move_to(1);
        view.set_filter("!a");
        assert_eq!(names(&view, &items), ["b", "c"]);
        assert_eq!(view.selected, Some("b"));
        view.set_filter("c");
        assert_eq!(view.selected, Some("c"));
        view.set_filter("zzz");
        assert_eq!(view.selected, None);
        assert_eq!(ListView::<Item>::column_named("Bytes"), Some(1));
        assert_eq!(ListView::<Item>::column_named("nope"), None);
    }

    #[test]
    fn visible_window_is_clamped() {
        let items = items();
        let mut view = ListView::<Item>::default();
        view.rebuild(items.iter(), &());
        view.move_to(99);
        view.scroll_into_view(2);
        assert_eq!(view.offset, 1);
        assert_eq!(view.visible(2).len(), 2);
        assert_eq!(view.visible(10).len(), 2);
    }
}
