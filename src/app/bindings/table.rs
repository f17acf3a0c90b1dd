//! The entries of the binding table that no single pane owns: moving,
//! sorting, filtering, details, the `:` line, refresh, help, back and
//! quit. Each pane's own entries (its actions, and the key that shows it)
//! are in its module (`app/panes/*.rs`,
//! [`crate::app::panes::Pane::bindings`]).

use super::{Binding, Hint, Run, CURSOR_VIEWS, TABLE_VIEWS};
use crate::app::intent::Intent;
use crate::app::panes::ViewKind;

/// Moving the cursor.
const fn movement(
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    intent: Intent,
) -> Binding {
    Binding::new(name, keys, help, Run::Intent(intent)).views(CURSOR_VIEWS)
}

/// The entries every view (or every table view) shares, in the order the
/// help lists them.
pub static GENERAL: &[Binding] = &[
    Binding::new(
        "refresh",
        &["r", "ctrl-r"],
        "refresh this view's data now",
        Run::Intent(Intent::Refresh),
    )
    .aliases(&["r"])
    // The colocation view has no action of its own: its hint bar names
    // the refresh instead.
    .hint(Hint::When(|s| {
        (s.main_view == ViewKind::Colocation).then_some("refresh")
    })),
    movement("down", &["j", "down"], "down", Intent::MoveBy(1)),
    movement("up", &["k", "up"], "up", Intent::MoveBy(-1)),
    movement("top", &["g", "home"], "first row", Intent::Top),
    movement("bottom", &["G", "end"], "last row", Intent::Bottom),
    movement(
        "page-down",
        &["pgdn", "ctrl-f"],
        "page down",
        Intent::PageBy(1),
    ),
    movement(
        "page-up",
        &["pgup", "ctrl-b"],
        "page up",
        Intent::PageBy(-1),
    ),
    Binding::new(
        "sort-column",
        &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        "sort by column 1..9 (again: reverse)",
        Run::SortColumn,
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "sort",
        &[],
        "sort by a column named or numbered: :sort expires",
        Run::SortNamed,
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "details",
        &["enter", "d"],
        "details of the selected row",
        Run::Intent(Intent::ToggleDetails),
    )
    .views(TABLE_VIEWS),
    Binding::new(
        "filter",
        &["/"],
        "filter: text, ~regex, a leading ! inverts",
        Run::Filter,
    )
    .aliases(&["f"])
    .views(TABLE_VIEWS)
    .hint(Hint::General("filter")),
    Binding::new(
        "command",
        &[":"],
        "command line: :reboot, :sort expires, :q, …",
        Run::Intent(Intent::StartCommand),
    ),
    Binding::new("help", &["?"], "this help", Run::Intent(Intent::ShowHelp))
        .aliases(&["h", "?"])
        .hint(Hint::General("help")),
    Binding::new(
        "back",
        &["esc"],
        "back: close details, clear filter, leave the view",
        Run::Intent(Intent::Back),
    ),
    Binding::new(
        "quit",
        &["q"],
        "quit (ctrl-c quits from anywhere)",
        Run::Intent(Intent::Quit),
    )
    .aliases(&["q", "q!", "exit"])
    .hint(Hint::General("quit")),
];
