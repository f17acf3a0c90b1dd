//! The `?` help overlay, generated from the binding table: the keys of the
//! current view (with the keys the config remapped), its sort columns,
//! what works everywhere, the commands without a key, what the selected
//! row's account offers now (and what it does not offer at all, with its
//! provider kind's reason), and the fixed keys of dialogs and forms.

use super::keymap::FIXED_KEYS;
use super::theme::Theme;
use super::widgets::{centered, draw_scrolled};
use crate::app::bindings::{self, Binding, Run};
use crate::app::intent::Intent;
use crate::app::panes::pane;
use crate::app::store::State;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the overlay; returns the most it can scroll.
pub fn draw(frame: &mut Frame, state: &State, scroll: u16, theme: &Theme) -> u16 {
    let area = centered(frame.area(), 72, 40);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help (esc closes, j/k scroll) ");
    frame.render_widget(Clear, area);
    // A provider's reason may be longer than the overlay is wide.
    let paragraph = Paragraph::new(lines(state, theme))
        .block(block)
        .wrap(Wrap { trim: false });
    draw_scrolled(frame, area, paragraph, scroll)
}

/// Every line of the help for the current view: its own keys, columns
/// and commands first, then what works everywhere, what the selection
/// offers now, and the fixed keys of dialogs and forms. Entries no
/// account offers are left out.
pub fn lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let view = state.main_view;
    let offered = |b: &Binding| b.capability.is_none_or(|c| state.any_offers(c));
    let keyed = |b: &Binding| !b.keys.is_empty() && offered(b);
    let is_own = |b: &Binding| b.views.len() == 1 && b.works_in(view);
    let columns = pane(view).columns(state);
    let mut lines = Vec::new();
    section(
        &mut lines,
        &format!("Keys of the {} view", view.title()),
        theme,
    );
    lines.extend(binding_lines(state, theme, |b| keyed(b) && is_own(b)));
    if !columns.is_empty() {
        let range = format!("1..{}", columns.len().min(9));
        lines.push(key_line(&range, "sort by column (again: reverse):", theme));
        lines.push(key_line("", &columns.join(" "), theme));
    }
    let commands: Vec<String> = bindings::all()
        .iter()
        .filter(|b| b.keys.is_empty() && is_own(b) && offered(b))
        .map(|b| format!(":{}", b.name))
        .collect();
    if !commands.is_empty() {
        lines.push(key_line("(no key)", &commands.join("  "), theme));
    }
    section(&mut lines, "Everywhere", theme);
    let sorted_above = |b: &Binding| b.run == Run::SortColumn && !columns.is_empty();
    let shared = |b: &Binding| keyed(b) && b.works_in(view) && !is_own(b) && !sorted_above(b);
    let switches_view = |b: &Binding| matches!(b.run, Run::Intent(Intent::ShowView(_)));
    // The keys of this view's table and lines first, then the other views.
    lines.extend(binding_lines(state, theme, |b| {
        shared(b) && !switches_view(b)
    }));
    lines.extend(binding_lines(state, theme, |b| {
        shared(b) && switches_view(b)
    }));
    section(&mut lines, "Offered for the selection now", theme);
    lines.push(Line::from(offered_now(state)));
    lines.extend(unoffered_lines(state, theme));
    if state.read_only {
        lines.push(Line::from(Span::styled(
            "read-only mode: every mutating action is refused",
            theme.warn,
        )));
    }
    section(&mut lines, "Dialogs, forms and input lines", theme);
    for (key, what) in FIXED_KEYS {
        lines.push(key_line(key, what, theme));
    }
    lines
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, theme: &Theme) {
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(title.to_string(), theme.header)));
}

/// `  b                reboot (asks first)` for each entry `keep` takes;
/// an entry without a key shows as its `:` command.
fn binding_lines(
    state: &State,
    theme: &Theme,
    keep: impl Fn(&Binding) -> bool,
) -> Vec<Line<'static>> {
    bindings::all()
        .iter()
        .enumerate()
        .filter(|(_, b)| keep(b))
        .map(|(index, binding)| {
            let keys = state.keymap.key_labels_in(index, state.main_view);
            let key = if keys.is_empty() {
                format!(":{}", binding.name)
            } else {
                keys
            };
            key_line(&key, binding.help, theme)
        })
        .collect()
}

/// `  reboot (b), requesting IP addresses (i)`: what the hint bar offers
/// now. An entry is named by the capability it needs where no other entry
/// offered needs it, else by the start of its description.
fn offered_now(state: &State) -> String {
    let offers = bindings::offered(state);
    let sharing = |capability| {
        let needing = offers
            .iter()
            .filter(|o| o.binding.capability == Some(capability));
        needing.count() > 1
    };
    let names: Vec<String> = offers
        .iter()
        .map(|offer| {
            let name = match offer.binding.capability {
                Some(capability) if !sharing(capability) => capability.label(),
                _ => short(offer.binding.help),
            };
            format!("{name} ({})", offer.key)
        })
        .collect();
    if names.is_empty() {
        return "  nothing for the selection right now".into();
    }
    format!("  {}", names.join(", "))
}

/// What the selected row's account does not offer at all, and why:
/// `  power actions (b o f s x p m): not offered by i3d-demo` with the
/// provider kind's reason under it, or `(i3d)` where it gives none.
fn unoffered_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for unoffered in bindings::unoffered(state) {
        let keys = match unoffered.keys.as_slice() {
            [] => String::new(),
            keys => format!(" ({})", keys.join(" ")),
        };
        let head = format!(
            "  {}{keys}: not offered by {}",
            unoffered.what.label(),
            unoffered.account
        );
        match unoffered.why {
            Some(why) => {
                lines.push(Line::from(Span::styled(head, theme.dim)));
                lines.push(Line::from(Span::styled(format!("    {why}"), theme.dim)));
            }
            None => lines.push(Line::from(Span::styled(
                format!("{head} ({})", unoffered.kind),
                theme.dim,
            ))),
        }
    }
    lines
}

/// `reboot` of `reboot (asks first)`, `reset` of `reset: forced power
/// cycle (asks first)`, `lock / unlock at the registry` of the same with
/// `(asks first)`.
fn short(help: &str) -> &str {
    let end = [": ", " (asks first)", " (form", " (type"]
        .iter()
        .filter_map(|cut| help.find(cut))
        .min()
        .unwrap_or(help.len());
    &help[..end]
}

fn key_line(key: &str, what: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {key:<16}"), theme.key),
        Span::raw(what.to_string()),
    ])
}
