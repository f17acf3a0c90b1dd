//! The user's intents in each mode. In normal mode the current pane
//! handles its own intents (actions, forms) first; what every pane shares
//! is here, once: moving (or scrolling details that cover the table),
//! sorting, the `/` filter, the details panel, back, switching views and
//! refreshing. The `:` line goes through the binding table.

use super::*;
use crate::app::bindings;
use crate::app::layout;
use ratatui::layout::Rect;

impl Store {
    pub(super) fn apply_intent(&mut self, intent: Intent) -> Vec<Effect> {
        self.dirty = true;
        match self.state.mode.clone() {
            Mode::Filter { input, before } => self.filter_intent(intent, input, before),
            Mode::Command { input } => self.command_intent(intent, input),
            Mode::Confirm(confirm) => self.confirm_intent(intent, confirm),
            Mode::Form(form) => self.form_intent(intent, form),
            Mode::Help { scroll } => self.help_intent(intent, scroll),
            Mode::Normal => self.normal_intent(intent),
        }
    }

    fn normal_intent(&mut self, intent: Intent) -> Vec<Effect> {
        let pane = pane(self.state.main_view);
        if let Some(effects) = pane.intent(self, &intent) {
            return effects;
        }
        let mut effects = match intent {
            Intent::Quit => return vec![Effect::SaveSnapshot, Effect::Quit],
            Intent::Back => return self.back(),
            Intent::ShowHelp => {
                self.state.mode = Mode::Help { scroll: 0 };
                return Vec::new();
            }
            Intent::StartCommand => {
                self.state.mode = Mode::Command {
                    input: String::new(),
                };
                return Vec::new();
            }
            Intent::StartFilter => return self.start_filter(),
            Intent::ShowView(kind) => return self.show_view(kind),
            Intent::ShowRecords(name) => return self.show_records(name.as_deref()),
            Intent::Refresh => return pane.fetches(self, true),
            Intent::OpenForm(kind) => {
                // A form may open the details (a reply shows its thread).
                let mut effects = self.open_form(kind);
                effects.extend(pane.details_wanted(self));
                return effects;
            }
            Intent::MoveBy(n) | Intent::Scroll(n) => self.move_by(n, false),
            Intent::PageBy(n) => self.move_by(n, true),
            Intent::Top => self.jump(0),
            Intent::Bottom => self.jump(i64::MAX),
            Intent::SortColumn(column) => self.sort(Some(column), &(column + 1).to_string()),
            Intent::SortNamed(name) => {
                let column = pane
                    .table(&mut self.state)
                    .and_then(|t| t.column_named(&name));
                self.sort(column, &name)
            }
            Intent::ToggleDetails => self.toggle_details(),
            Intent::Act(_)
            | Intent::ToggleMaintenance
            | Intent::Domain(_)
            | Intent::DeleteContact
            | Intent::DeleteRecord
            | Intent::CloseTicket
            | Intent::ReopenTicket => return self.not_in_this_view(&intent),
            Intent::InputChar(_)
            | Intent::InputBackspace
            | Intent::InputSubmit
            | Intent::FocusNext
            | Intent::FocusPrev
            | Intent::FormKey(_)
            | Intent::ExternalEditor
            | Intent::Activate => return Vec::new(),
        };
        effects.extend(pane.details_wanted(self));
        effects
    }

    /// An action of another view's objects, e.g. from a test or a stale key.
    fn not_in_this_view(&mut self, intent: &Intent) -> Vec<Effect> {
        let view = self.state.main_view.title();
        let text = format!("{intent:?} does nothing in the {view} view");
        self.flash(FlashLevel::Warn, text);
        Vec::new()
    }

    /// Switches the main view; opening a view fetches what it lacks.
    pub(super) fn show_view(&mut self, kind: ViewKind) -> Vec<Effect> {
        self.state.main_view = kind;
        let pane = pane(kind);
        pane.scroll(&mut self.state);
        let mut effects = pane.fetches(self, false);
        effects.extend(pane.details_wanted(self));
        effects
    }

    /// Esc: closes the details panel, else clears the filter, else leaves
    /// the view (the servers view clears the message line instead).
    fn back(&mut self) -> Vec<Effect> {
        let pane = pane(self.state.main_view);
        if let Some(panel) = pane.panel_mut(&mut self.state).filter(|p| p.open) {
            panel.open = false;
            pane.scroll(&mut self.state);
        } else if pane
            .filter(&self.state)
            .is_some_and(|f| f.is_active() || f.error.is_some())
        {
            self.set_filter("");
        } else {
            pane.back_out(self);
        }
        Vec::new()
    }

    /// Whether the details panel covers the table (a narrow terminal): then
    /// the movement keys scroll the details instead of the selection.
    fn details_cover_table(&self) -> bool {
        let open = pane(self.state.main_view)
            .panel(&self.state)
            .is_some_and(|p| p.open);
        let (w, h) = self.state.size;
        let areas = layout::areas(Rect::new(0, 0, w, h), true, self.state.jobs.len());
        open && areas.table.height == 0
    }

    /// Moves the cursor by `delta` rows (pages when `paged`), or scrolls
    /// the details when they cover the table.
    fn move_by(&mut self, delta: i64, paged: bool) -> Vec<Effect> {
        let pane = pane(self.state.main_view);
        if self.details_cover_table() {
            let limit = self.state.scroll_limits.details;
            if let Some(panel) = pane.panel_mut(&mut self.state) {
                let step = if paged { 10 } else { 1 };
                panel.scroll = scrolled(panel.scroll, delta * step, limit);
            }
            return Vec::new();
        }
        let page = pane.page(&self.state);
        let rows = if paged { delta * page as i64 } else { delta };
        if let Some(mut table) = pane.table(&mut self.state) {
            let position = table.cursor() as i64 + rows;
            table.move_to(position);
            table.scroll_into_view(page);
        }
        Vec::new()
    }

    /// Goes to the first or last row, or the details' top or end when they
    /// cover the table.
    fn jump(&mut self, position: i64) -> Vec<Effect> {
        if self.details_cover_table() {
            let whole = i64::from(u16::MAX);
            let delta = if position <= 0 { -whole } else { whole };
            return self.move_by(delta, false);
        }
        let pane = pane(self.state.main_view);
        let page = pane.page(&self.state);
        if let Some(mut table) = pane.table(&mut self.state) {
            table.move_to(position);
            table.scroll_into_view(page);
        }
        Vec::new()
    }

    /// Sorts the current table by `column` (again: reversed), or says
    /// there is no column `name`.
    fn sort(&mut self, column: Option<usize>, name: &str) -> Vec<Effect> {
        let pane = pane(self.state.main_view);
        let table = pane.table(&mut self.state);
        let chosen = column.zip(table).is_some_and(|(c, mut t)| t.choose_sort(c));
        if !chosen {
            let view = pane.title();
            let text = format!("no column {name} in the {view} view");
            self.flash(FlashLevel::Error, text);
            return Vec::new();
        }
        pane.rebuild(&mut self.state);
        Vec::new()
    }

    fn toggle_details(&mut self) -> Vec<Effect> {
        let pane = pane(self.state.main_view);
        let Some(panel) = pane.panel_mut(&mut self.state) else {
            return Vec::new();
        };
        panel.open = !panel.open;
        panel.scroll = 0;
        pane.scroll(&mut self.state);
        Vec::new()
    }

    fn start_filter(&mut self) -> Vec<Effect> {
        let Some(filter) = self.state.active_filter() else {
            let view = self.state.main_view.title();
            self.flash(FlashLevel::Warn, format!("the {view} view has no filter"));
            return Vec::new();
        };
        let text = filter.text.clone();
        self.state.mode = Mode::Filter {
            input: text.clone(),
            before: text,
        };
        Vec::new()
    }

    /// Sets the `/` filter of the current view's table.
    fn set_filter(&mut self, text: &str) {
        let pane = pane(self.state.main_view);
        let page = pane.page(&self.state);
        if let Some(mut table) = pane.table(&mut self.state) {
            table.set_filter(text);
            table.scroll_into_view(page);
        }
    }

    fn filter_intent(&mut self, intent: Intent, mut input: String, before: String) -> Vec<Effect> {
        if edit_line(&mut input, &intent) {
            self.set_filter(&input);
            self.state.mode = Mode::Filter { input, before };
            return Vec::new();
        }
        match intent {
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                let error = self.state.active_filter().and_then(|f| f.error.clone());
                if let Some(error) = error {
                    self.flash(FlashLevel::Error, format!("bad regex: {error}"));
                }
                pane(self.state.main_view).details_wanted(self)
            }
            Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                self.set_filter(&before);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The `:` line: each word goes through the binding table, the same
    /// way a key does.
    fn command_intent(&mut self, intent: Intent, mut input: String) -> Vec<Effect> {
        if edit_line(&mut input, &intent) {
            self.state.mode = Mode::Command { input };
            return Vec::new();
        }
        match intent {
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                match bindings::parse_command_line(&input, self.state.main_view) {
                    Ok(intents) => intents
                        .into_iter()
                        .flat_map(|i| self.apply_intent(i))
                        .collect(),
                    Err(message) => {
                        self.flash(FlashLevel::Error, message);
                        Vec::new()
                    }
                }
            }
            Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Syncs the scroll positions with what the last frame could show, so
    /// that scrolling back up starts at the end, not somewhere beyond it.
    /// Nothing is redrawn: the frame already stopped at the end.
    pub(super) fn keep_scroll_within(&mut self, limits: ScrollLimits) {
        self.state.scroll_limits = limits;
        let pane = pane(self.state.main_view);
        if let (Some(most), Some(panel)) = (limits.details, pane.panel_mut(&mut self.state)) {
            panel.scroll = panel.scroll.min(most);
        }
        if let (Some(most), Mode::Help { scroll }) = (limits.help, &mut self.state.mode) {
            *scroll = (*scroll).min(most);
        }
    }

    fn help_intent(&mut self, intent: Intent, scroll: u16) -> Vec<Effect> {
        self.state.mode = match intent {
            Intent::Back | Intent::ShowHelp | Intent::Quit => Mode::Normal,
            Intent::MoveBy(n) | Intent::Scroll(n) | Intent::PageBy(n) => Mode::Help {
                scroll: scrolled(scroll, n, self.state.scroll_limits.help),
            },
            Intent::Top => Mode::Help { scroll: 0 },
            _ => Mode::Help { scroll },
        };
        Vec::new()
    }

    pub(super) fn confirm_intent(&mut self, intent: Intent, mut confirm: Confirm) -> Vec<Effect> {
        if let Some(typed) = confirm.typed.as_mut() {
            if edit_line(typed, &intent) {
                self.state.mode = Mode::Confirm(confirm);
                return Vec::new();
            }
        }
        match intent {
            Intent::FocusNext | Intent::FocusPrev => {
                confirm.focus = match confirm.focus {
                    ConfirmFocus::Cancel => ConfirmFocus::Confirm,
                    ConfirmFocus::Confirm => ConfirmFocus::Cancel,
                };
            }
            Intent::Activate | Intent::InputSubmit
                if confirm.focus == ConfirmFocus::Confirm && confirm.name_matches() =>
            {
                self.state.mode = Mode::Normal;
                let draft_target = confirm.draft_target;
                let mut effects = self.send(confirm.command, confirm.target, confirm.target_name);
                self.note_sent_draft(&mut effects, draft_target.as_ref());
                return effects;
            }
            Intent::Activate | Intent::InputSubmit if confirm.focus == ConfirmFocus::Confirm => {
                self.flash(
                    FlashLevel::Warn,
                    format!("type {} exactly to confirm", confirm.target_name),
                );
            }
            Intent::Activate | Intent::InputSubmit | Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                let effects = if intent == Intent::Quit {
                    Vec::new()
                } else {
                    let draft_target = confirm.draft_target.as_ref();
                    self.reopen_form_of(&confirm.command, draft_target.unwrap_or(&confirm.target))
                };
                let back = if matches!(self.state.mode, Mode::Form(_)) {
                    "; back in the form (esc keeps it as a draft)"
                } else {
                    ""
                };
                self.flash(
                    FlashLevel::Info,
                    format!(
                        "cancelled: {}{back}",
                        confirm.command.label_on(&confirm.target_name)
                    ),
                );
                return effects;
            }
            _ => {}
        }
        self.state.mode = Mode::Confirm(confirm);
        Vec::new()
    }
}

/// Applies a typing intent to a line being edited (the filter or the `:`
/// line); false when the intent is not typing.
pub(super) fn edit_line(input: &mut String, intent: &Intent) -> bool {
    match intent {
        Intent::InputChar(c) => input.push(*c),
        Intent::InputBackspace => {
            input.pop();
        }
        _ => return false,
    }
    true
}

/// Scrolling stops here until a frame tells how far the text goes.
const SCROLL_BEFORE_DRAWN: u16 = 500;

/// `scroll` moved by `delta` rows, kept within 0 and `limit`.
pub(super) fn scrolled(scroll: u16, delta: i64, limit: Option<u16>) -> u16 {
    let most = i64::from(limit.unwrap_or(SCROLL_BEFORE_DRAWN));
    (i64::from(scroll) + delta).clamp(0, most.max(0)) as u16
}
