//! A generic table view for the list panes (domains, contacts, colocation
//! visitors and visits): sort by column, a `/` filter, the cursor and
//! scroll offset, and a selection kept by key across refreshes, re-sorts
//! and filtering. Rows are derived when the data, the sort or the filter
//! change, never per frame. Each table defines its columns once, as one
//! enum implementing [`Column`].

use super::filter::Filter;
use std::cmp::Reverse;
use std::fmt;

/// How a column gives way when the table is narrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fit {
    /// Narrowest useful width.
    pub min: u16,
    /// 0: never dropped; otherwise higher numbers are dropped first.
    pub drop: u8,
    /// Narrowed to `min` before any other column is dropped (a long free
    /// text such as a ticket's subject).
    pub flex: bool,
}

impl Fit {
    pub const fn new(min: u16, drop: u8) -> Fit {
        Fit {
            min,
            drop,
            flex: false,
        }
    }

    /// A column that gives up its width before others give up their place.
    pub const fn flex(min: u16, drop: u8) -> Fit {
        Fit {
            min,
            drop,
            flex: true,
        }
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

/// One column of a table, defined once: its title, the extra names
/// `:sort` takes, how it fits narrow screens, what a row sorts by and
/// what its cell shows. `ALL` is the display order; keys 1..9 sort by it.
pub trait Column: Copy + PartialEq + fmt::Debug + 'static {
    type Row;
    /// Data beyond the row that cells and sort keys need (e.g. now).
    type Context: ?Sized;
    const ALL: &'static [Self];

    fn title(self) -> &'static str;
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
    fn fit(self) -> Fit;
    fn sort_key(self, row: &Self::Row, context: &Self::Context) -> SortKey;
    fn cell(self, row: &Self::Row, context: &Self::Context) -> String;

    /// Whether `name` (any case) names this column.
    fn is_named(self, name: &str) -> bool {
        self.title().eq_ignore_ascii_case(name)
            || self.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
    }

    /// The position in `ALL` of the column `name` means, if any.
    fn position_named(name: &str) -> Option<usize> {
        Self::ALL.iter().position(|c| c.is_named(name))
    }
}

/// The first row of a window of `page` rows over `rows` rows that shows
/// the `cursor` and moves as little as possible from `offset`.
pub fn window_offset(cursor: usize, offset: usize, rows: usize, page: usize) -> usize {
    let page = page.max(1);
    let offset = if cursor < offset {
        cursor
    } else if cursor >= offset + page {
        cursor + 1 - page
    } else {
        offset
    };
    offset.min(rows.saturating_sub(page))
}

/// A record a [`ListView`] can show.
pub trait ListRow: Sized {
    /// What identifies the row across refreshes.
    type Key: Clone + PartialEq + fmt::Debug;
    /// Data beyond the row that its columns need.
    type Context: ?Sized;
    type Column: Column<Row = Self, Context = Self::Context>;

    fn key(&self) -> Self::Key;
    /// Lowercased text the `/` filter searches, one field per line.
    fn search_text(&self, context: &Self::Context) -> String;
}

/// Joins lowercased fields one per line, so `^`/`$` anchor to a field.
pub fn search_of<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = fields.into_iter().collect::<Vec<_>>().join("\n");
    text.make_ascii_lowercase();
    if !text.is_ascii() {
        text = text.to_lowercase();
    }
    text
}

/// The rows of one list table after filter and sort, and the cursor.
/// Row numbers index the source sequence the view was last built from.
#[derive(Clone, Debug)]
pub struct ListView<R: ListRow> {
    /// Index into the columns' `ALL`.
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
        let all = <R::Column as Column>::ALL;
        let column = all[self.sort.min(all.len().saturating_sub(1))];
        let mut sorted: Vec<usize> = (0..rows.len()).collect();
        if self.descending {
            sorted.sort_by_cached_key(|&i| (Reverse(column.sort_key(rows[i], context)), i));
        } else {
            sorted.sort_by_cached_key(|&i| (column.sort_key(rows[i], context), i));
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
        if column >= <R::Column as Column>::ALL.len() {
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
        <R::Column as Column>::position_named(name)
    }

    /// The column the rows are sorted by.
    pub fn sort_column(&self) -> R::Column {
        let all = <R::Column as Column>::ALL;
        all[self.sort.min(all.len().saturating_sub(1))]
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
        self.offset = window_offset(self.cursor, self.offset, self.rows.len(), page);
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
        let title = self.sort_column().title();
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

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum ItemColumn {
        Name,
        Size,
    }

    impl Column for ItemColumn {
        type Row = Item;
        type Context = ();
        const ALL: &'static [Self] = &[ItemColumn::Name, ItemColumn::Size];
        fn title(self) -> &'static str {
            match self {
                ItemColumn::Name => "NAME",
                ItemColumn::Size => "SIZE",
            }
        }
        fn aliases(self) -> &'static [&'static str] {
            match self {
                ItemColumn::Name => &[],
                ItemColumn::Size => &["bytes"],
            }
        }
        fn fit(self) -> Fit {
            Fit::new(4, 0)
        }
        fn sort_key(self, row: &Item, _: &()) -> SortKey {
            match self {
                ItemColumn::Name => SortKey::text(row.0),
                ItemColumn::Size => SortKey::number(Some(row.1)),
            }
        }
        fn cell(self, row: &Item, _: &()) -> String {
            match self {
                ItemColumn::Name => row.0.to_string(),
                ItemColumn::Size => row.1.to_string(),
            }
        }
    }

    impl ListRow for Item {
        type Key = &'static str;
        type Context = ();
        type Column = ItemColumn;
        fn key(&self) -> &'static str {
            self.0
        }
        fn search_text(&self, _: &()) -> String {
            self.0.to_string()
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
