//! The way every command goes: the shared policy (capability, read-only
//! mode), a job of the same kind already running, the confirm dialog,
//! then the job, sent once; and the job's progress as the worker reports
//! it, with what to fetch afresh once it ends.

use super::*;
use crate::model::{Capability, Command, Confirmation, ObjectKind};
use crate::provider::{Fetch, TicketScope};

impl Store {
    /// Checks a command against capability, read-only mode and running
    /// jobs; then opens its confirm dialog or sends it.
    pub(crate) fn request_command(
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
            draft_target: None,
        });
        Vec::new()
    }

    /// Why a command may not go out now, if it may not: the shared policy,
    /// then a job of the same kind already running on the target.
    fn refusal(&self, command: &Command, target: &Ref, name: &str) -> Option<String> {
        let Some(account) = self.state.account(&target.account) else {
            return Some(format!("no account named {}", target.account));
        };
        let server = self.state.server(target);
        if let Some(reason) =
            crate::app::policy::refusal(command, name, account, self.state.read_only, server)
        {
            return Some(reason);
        }
        let running = |same: &dyn Fn(&Command) -> bool| {
            self.state
                .jobs_of(target)
                .find(|j| same(&j.command) && !j.state.is_finished())
                .map(|j| j.id)
        };
        // Record ids may be positions in the zone: one change at a time.
        if command.is_record_command() {
            return running(&Command::is_record_command).map(|id| {
                format!(
                    "a DNS record change of {name} is still running (job #{id}); record ids may change, so wait for it"
                )
            });
        }
        running(&|c| c.cli_name() == command.cli_name()).map(|id| {
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

    fn push_job(&mut self, job: Job) {
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

    pub(super) fn apply_job(
        &mut self,
        id: JobId,
        job_state: JobState,
        handle: Option<String>,
        at: Millis,
    ) -> Vec<Effect> {
        self.state.now = at;
        let Some(job) = self.state.jobs.iter_mut().find(|j| j.id == id) else {
            return Vec::new();
        };
        if job.state.is_finished() {
            return Vec::new();
        }
        job.state = job_state;
        job.updated_at = at;
        if handle.is_some() {
            job.provider_handle = handle;
        }
        let job = job.clone();
        self.dirty = true;
        match &job.state {
            JobState::Succeeded(note) => {
                let text = format!(
                    "{} on {}: succeeded {}",
                    job.command.label_on(&job.target_name),
                    job.target.account,
                    note
                );
                self.flash(FlashLevel::Info, text.trim_end().to_string());
                let mut effects = self.refresh_after(&job);
                effects.extend(self.drop_sent_draft(job.id));
                effects
            }
            JobState::Failed(reason) => {
                let text = format!(
                    "{} on {} failed: {reason}",
                    job.command.label_on(&job.target_name),
                    job.target.account
                );
                self.flash(FlashLevel::Error, text);
                let mut effects = self.refresh_after(&job);
                if self.state.drafts.send_failed(job.id) {
                    effects.push(Effect::SaveDrafts);
                }
                effects
            }
            _ => Vec::new(),
        }
    }

    /// What to fetch afresh once a job has ended: its target, or the
    /// server its address is on (found, or named by the command); for a
    /// DNS record, the records of its domain.
    fn refresh_after(&mut self, job: &Job) -> Vec<Effect> {
        let target = &job.target;
        if job.command.is_record_command() {
            return self.relist_records(target);
        }
        let account = target.account.clone();
        let fetch = |what: Fetch| Effect::Fetch(account.clone(), what);
        let named = match &job.command {
            Command::SetPtr {
                server: Some(server),
                ..
            } => Some(server.clone()),
            _ => None,
        };
        let mut effects = match target.kind {
            ObjectKind::Server => vec![fetch(Fetch::Server(target.id.clone()))],
            ObjectKind::Ip => match self.state.server_of_ip(&target.account, &target.id) {
                Some(server) => vec![fetch(Fetch::Server(server.id))],
                None => match named {
                    Some(server) => vec![fetch(Fetch::Server(server))],
                    None => vec![fetch(Fetch::Inventory)],
                },
            },
            ObjectKind::Domain => {
                let mut fetches = vec![fetch(Fetch::Domain(target.id.clone()))];
                if self.state.offers(&account, Capability::DomainRegistry) {
                    fetches.push(fetch(Fetch::DomainHistory(target.id.clone())));
                }
                fetches
            }
            ObjectKind::Contact => vec![fetch(Fetch::Domains)],
            ObjectKind::Record => match crate::model::record_parts(target) {
                Some((domain, _)) => vec![fetch(Fetch::Records(domain.id))],
                None => Vec::new(),
            },
            // A new ticket has no id yet: the list brings it.
            ObjectKind::Ticket if target.id.is_empty() => {
                vec![fetch(Fetch::Tickets(TicketScope::OpenOrUnread))]
            }
            ObjectKind::Ticket => vec![
                fetch(Fetch::Ticket(target.id.clone())),
                fetch(Fetch::Tickets(TicketScope::OpenOrUnread)),
            ],
        };
        effects.push(Effect::SaveSnapshot);
        effects
    }
}
