//! The user's intents: movement, sorting, filtering, the `:` line, help,
//! and actions with their checks (capability, read-only, running jobs) and
//! confirm dialog.

use super::*;

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

    pub(super) fn normal_intent(&mut self, intent: Intent) -> Vec<Effect> {
        if let Some(effects) = self.record_intent(&intent) {
            return effects;
        }
        let before = self.state.view.selected.clone();
        let effects = match intent.clone() {
            Intent::Quit => return vec![Effect::SaveSnapshot, Effect::Quit],
            Intent::Back => self.back(),
            Intent::MoveBy(n) | Intent::PageBy(n) | Intent::Scroll(n)
                if self.details_cover_table() =>
            {
                let step = if matches!(intent, Intent::PageBy(_)) {
                    10
                } else {
                    1
                };
                let limit = self.state.scroll_limits.details;
                self.state.details_scroll = scrolled(self.state.details_scroll, n * step, limit);
                Vec::new()
            }
            Intent::MoveBy(n) | Intent::Scroll(n) => self.move_cursor(n),
            Intent::PageBy(n) => {
                let page = self.page_rows() as i64;
                self.move_cursor(n * page)
            }
            Intent::Top => self.move_to(0),
            Intent::Bottom => self.move_to(i64::MAX),
            Intent::SortBy(column) => self.sort_by(column),
            Intent::SortColumn(n) => match Column::ALL.get(n) {
                Some(&column) => self.sort_by(column),
                None => Vec::new(),
            },
            Intent::SortNamed(name) => self.sort_named(&name),
            Intent::Record(action) => self.record_action(action),
            Intent::ToggleDetails => {
                self.state.details_open = !self.state.details_open;
                self.state.details_scroll = 0;
                self.scroll();
                self.telemetry_wanted()
            }
            Intent::ShowHelp => {
                self.state.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            Intent::ShowView(kind) => self.show_view(kind),
            Intent::RefreshAll => self.refresh_all(),
            Intent::Act(action) => self.request_action(action),
            Intent::ToggleMaintenance => self.toggle_maintenance(),
            Intent::OpenForm(kind) => self.open_form(kind),
            Intent::StartFilter => {
                let text = self.state.view.filter.text.clone();
                self.state.mode = Mode::Filter {
                    input: text.clone(),
                    before: text,
                };
                Vec::new()
            }
            Intent::StartCommand => {
                self.state.mode = Mode::Command {
                    input: String::new(),
                };
                Vec::new()
            }
            Intent::InputChar(_)
            | Intent::InputBackspace
            | Intent::InputSubmit
            | Intent::FocusNext
            | Intent::FocusPrev
            | Intent::FormKey(_)
            | Intent::Activate => Vec::new(),
        };
        let mut effects = effects;
        if self.state.view.selected != before {
            effects.extend(self.telemetry_wanted());
        }
        effects
    }

    pub(super) fn back(&mut self) -> Vec<Effect> {
        if self.state.main_view != ViewKind::Servers {
            self.state.main_view = ViewKind::Servers;
        } else if self.state.details_open {
            self.state.details_open = false;
            self.scroll();
        } else if self.state.view.filter.is_active() || self.state.view.filter.error.is_some() {
            self.set_filter("");
        } else {
            self.state.flash = None;
        }
        Vec::new()
    }

    pub(super) fn move_cursor(&mut self, delta: i64) -> Vec<Effect> {
        if self.state.main_view == ViewKind::Jobs {
            let last = self.state.jobs.len().saturating_sub(1) as i64;
            self.state.jobs_cursor =
                (self.state.jobs_cursor as i64 + delta).clamp(0, last) as usize;
            return Vec::new();
        }
        let pos = self.state.view.cursor as i64 + delta;
        self.move_to(pos)
    }

    pub(super) fn move_to(&mut self, pos: i64) -> Vec<Effect> {
        if self.state.main_view == ViewKind::Jobs {
            let last = self.state.jobs.len().saturating_sub(1) as i64;
            self.state.jobs_cursor = pos.clamp(0, last) as usize;
            return Vec::new();
        }
        let state = &mut self.state;
        state.view.move_to(pos, &state.servers);
        self.scroll();
        Vec::new()
    }

    pub(super) fn sort_by(&mut self, column: Column) -> Vec<Effect> {
        let order = &mut self.state.view.order;
        if order.column == column {
            order.descending = !order.descending;
        } else {
            *order = SortOrder {
                column,
                descending: false,
            };
        }
        self.rebuild_view();
        Vec::new()
    }

    /// `:sort NAME` in the servers view.
    pub(super) fn sort_named(&mut self, name: &str) -> Vec<Effect> {
        match Column::from_name(name) {
            Some(column) => self.sort_by(column),
            None => {
                self.flash(FlashLevel::Error, format!("no column named {name}"));
                Vec::new()
            }
        }
    }

    pub(super) fn refresh_all(&mut self) -> Vec<Effect> {
        self.flash(FlashLevel::Info, "refreshing every account".to_string());
        self.state
            .accounts
            .iter()
            .map(|a| Effect::RefreshAccount(a.name.clone()))
            .collect()
    }

    /// Whether the details panel covers the table (a narrow terminal): then
    /// the movement keys scroll the details instead of the selection.
    pub(super) fn details_cover_table(&self) -> bool {
        let (w, h) = self.state.size;
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        self.state.details_open
            && crate::ui::layout::areas(area, true, self.state.jobs.len())
                .table
                .height
                == 0
    }

    pub(super) fn page_rows(&self) -> usize {
        crate::ui::layout::table_rows(
            self.state.size,
            self.state.details_open,
            self.state.jobs.len(),
        )
    }

    pub(super) fn scroll(&mut self) {
        let page = self.page_rows();
        self.state.view.scroll_into_view(page);
        self.scroll_records();
    }

    pub(super) fn set_filter(&mut self, text: &str) {
        if self.set_record_filter(text) {
            return;
        }
        self.state.view.filter = Filter::parse(text);
        self.refilter_view();
    }

    pub(super) fn filter_intent(
        &mut self,
        intent: Intent,
        mut input: String,
        before: String,
    ) -> Vec<Effect> {
        if edit_line(&mut input, &intent) {
            self.set_filter(&input);
            self.state.mode = Mode::Filter { input, before };
            return Vec::new();
        }
        match intent {
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                if let Some(error) = self.state.active_filter().error.clone() {
                    self.flash(FlashLevel::Error, format!("bad regex: {error}"));
                }
                self.details_wanted()
            }
            Intent::Back | Intent::Quit => {
                self.state.mode = Mode::Normal;
                self.set_filter(&before);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn command_intent(&mut self, intent: Intent, mut input: String) -> Vec<Effect> {
        if edit_line(&mut input, &intent) {
            self.state.mode = Mode::Command { input };
            return Vec::new();
        }
        match intent {
            Intent::InputSubmit => {
                self.state.mode = Mode::Normal;
                match parse_command_line(&input) {
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
        let state = &mut self.state;
        state.scroll_limits = limits;
        if let Some(most) = limits.details {
            match state.records.panel_mut(state.main_view) {
                Some(panel) => panel.scroll = panel.scroll.min(most),
                None => state.details_scroll = state.details_scroll.min(most),
            }
        }
        if let (Some(most), Mode::Help { scroll }) = (limits.help, &mut state.mode) {
            *scroll = (*scroll).min(most);
        }
    }

    pub(super) fn help_intent(&mut self, intent: Intent, scroll: u16) -> Vec<Effect> {
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

    pub(super) fn toggle_maintenance(&mut self) -> Vec<Effect> {
        let action = match self.state.selected_server() {
            Some(s) if s.in_maintenance => Action::MaintenanceOff,
            _ => Action::MaintenanceOn,
        };
        self.request_action(action)
    }

    /// Checks a server action against the selection, then goes the common
    /// way of every command.
    pub(super) fn request_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(server) = self.state.selected_server() else {
            self.flash(FlashLevel::Warn, "no server selected".to_string());
            return Vec::new();
        };
        let target = server.reference();
        let name = server.name.clone();
        self.request_command(Command::Power(action), target, name)
    }

    /// Checks a command against capability, read-only mode and running
    /// jobs; then opens its confirm dialog or sends it.
    pub(super) fn request_command(
        &mut self,
        command: Command,
        target: Ref,
        target_name: String,
    ) -> Vec<Effect> {
        if let Some(reason) = self.refusal(&command, &target, &target_name) {
            self.flash(FlashLevel::Error, reason.clone());
            return vec![Effect::AuditRefused {
                target,
                action: command.cli_name().to_string(),
                reason,
            }];
        }
        let typed = match command.confirmation() {
            Confirmation::None => return self.send(command, target, target_name),
            Confirmation::Dialog => None,
            Confirmation::TypeName => Some(String::new()),
        };
        self.state.mode = Mode::Confirm(Confirm {
            command,
            target,
            target_name,
            focus: ConfirmFocus::Cancel,
            typed,
        });
        Vec::new()
    }

    /// Why a command may not go out now, if it may not: the shared policy,
    /// then a job of the same kind already running on the target.
    pub(super) fn refusal(&self, command: &Command, target: &Ref, name: &str) -> Option<String> {
        let Some(account) = self.state.account(&target.account) else {
            return Some(format!("no account named {}", target.account));
        };
        let server = self.state.server(target);
        if let Some(reason) =
            crate::app::policy::refusal(command, name, account, self.state.read_only, server)
        {
            return Some(reason);
        }
        let running = self
            .state
            .jobs_of(target)
            .find(|j| j.command.cli_name() == command.cli_name() && !j.state.is_finished())
            .map(|j| j.id);
        running.map(|id| {
            format!(
                "{} of {name} is already running (job #{id})",
                command.label()
            )
        })
    }

    /// Why the target's account refuses `label` (read-only mode, or the
    /// capability missing), if it does; see [`crate::app::policy`].
    pub(super) fn account_refusal(
        &self,
        label: &str,
        capability: Option<Capability>,
        target: &Ref,
        name: &str,
    ) -> Option<String> {
        let Some(account) = self.state.account(&target.account) else {
            return Some(format!("no account named {}", target.account));
        };
        crate::app::policy::account_refusal(label, capability, account, self.state.read_only, name)
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
                let effects = self.send(confirm.command, confirm.target, confirm.target_name);
                self.note_sent_draft(&effects);
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
                    self.reopen_form_of(&confirm.command, &confirm.target)
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

    /// Creates the job and emits it, once. Re-checks read-only mode, since
    /// this is the last gate before the network.
    pub(super) fn send(
        &mut self,
        command: Command,
        target: Ref,
        target_name: String,
    ) -> Vec<Effect> {
        if self.state.is_read_only(&target.account) {
            let reason = format!("read-only mode: {} refused", command.label());
            self.flash(FlashLevel::Error, reason.clone());
            return vec![Effect::AuditRefused {
                target,
                action: command.cli_name().to_string(),
                reason,
            }];
        }
        let now = now_millis();
        let job = Job {
            id: self.state.next_job_id,
            target,
            target_name,
            command,
            state: JobState::Queued,
            created_at: now,
            updated_at: now,
            provider_handle: None,
        };
        self.state.next_job_id += 1;
        self.state.now = now;
        self.flash(
            FlashLevel::Info,
            format!(
                "job #{}: {} on {}",
                job.id,
                job.command.label_on(&job.target_name),
                job.target.account
            ),
        );
        self.push_job(job.clone());
        vec![Effect::Send(job)]
    }

    pub(super) fn push_job(&mut self, job: Job) {
        self.state.jobs.push_back(job);
        self.scroll();
        while self.state.jobs.len() > JOB_HISTORY {
            match self.state.jobs.iter().position(|j| j.state.is_finished()) {
                Some(pos) => {
                    self.state.jobs.remove(pos);
                }
                None => break,
            }
        }
    }

    pub(super) fn telemetry_wanted(&mut self) -> Vec<Effect> {
        if !self.state.details_open {
            return Vec::new();
        }
        let Some(target) = self.state.view.selected.clone() else {
            return Vec::new();
        };
        let now = now_millis();
        let recent = self
            .state
            .telemetry_requested
            .get(&target)
            .is_some_and(|&at| now - at < TELEMETRY_TTL_MS);
        if recent {
            return Vec::new();
        }
        self.state.telemetry_requested.insert(target.clone(), now);
        // The details also want the server's latest fields (e.g. the alert
        // history some providers give only for one server at a time).
        vec![
            Effect::FetchTelemetry(target.clone()),
            Effect::RefreshServer(target),
        ]
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
