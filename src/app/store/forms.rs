//! Form intents: opening a form on the selected object (refused at once
//! when the account is read-only or lacks the capability), editing it,
//! keeping its content as a draft, and turning a valid form into a command.
//!
//! Drafts are kept per (form kind, target) while unsent: closing a form
//! keeps what was typed, reopening restores it, a successful job drops it
//! and a failed one keeps it. A form left as prefilled has no draft. A
//! form whose command asks first (the IP request) is kept as a draft while
//! its confirm dialog is up; cancelling the dialog goes back to the form.
//!
//! Domain contacts are chosen from the account's contacts; a changed role
//! sends the chosen contact's handle name (`Handle`), while an unchanged
//! one resends the domain's own value as the provider gave it (digest 4.4
//! item 24: whether the API wants the name or the HandleIdentifier is not
//! documented, and resending what `get_details` returned is safe).

use super::*;
use crate::app::form::{
    contact_form_fields, ip_request_fields, record_form_fields, Choice, Field, Form, FormKind,
    KeyOutcome, CATEGORY, CONTACT_ROLES, DEPARTMENT, IP, MESSAGE, NAMESERVER_FIELDS, PTR, REMARKS,
    SUBJECT,
};
use crate::app::panes::records::{is_editable, relisting};
use crate::drafts::{Draft, Drafts};
use crate::model::{Capability, Command, ContactFields, Ip, ObjectKind, Server};
use crate::provider::Fetch;
use crossterm::event::{KeyCode, KeyEvent};
use std::collections::BTreeMap;

impl Store {
    /// Restores the drafts saved by an earlier session.
    pub fn restore_drafts(&mut self, drafts: Drafts) {
        self.state.drafts = drafts;
    }

    /// Keeps the content of an open form as a draft (the form stays open);
    /// for a session ending without the user closing it. Returns whether
    /// the drafts changed.
    pub fn keep_open_form(&mut self) -> bool {
        let Mode::Form(form) = &self.state.mode else {
            return false;
        };
        let form = form.clone();
        self.keep_draft(&form) | std::mem::take(&mut self.drafts_unsaved)
    }

    pub(super) fn open_form(&mut self, kind: FormKind) -> Vec<Effect> {
        match self.build_form(kind) {
            Ok(form) => self.show_form(form),
            Err((message, effects)) => {
                self.flash(FlashLevel::Warn, message);
                effects
            }
        }
    }

    /// After a confirm dialog was cancelled, the form its command came
    /// from opens again on the same target, with what was typed (kept as a
    /// draft on submit). Nothing happens for a command sent without a form.
    pub(super) fn reopen_form_of(&mut self, command: &Command, target: &Ref) -> Vec<Effect> {
        let Some(kind) = FormKind::of_command(command) else {
            return Vec::new();
        };
        if self.state.drafts.get(kind, target).is_none() {
            return Vec::new();
        }
        match self.build_form(kind) {
            Ok(form) if form.target == *target => self.show_form(form),
            _ => Vec::new(),
        }
    }

    fn build_form(&self, kind: FormKind) -> Result<Form, Unavailable> {
        match kind {
            FormKind::Ptr => self.ptr_form(),
            FormKind::IpRequest => self.ip_request_form(),
            FormKind::Nameservers => self.nameservers_form(),
            FormKind::DomainContacts => self.domain_contacts_form(),
            FormKind::NewContact => self.new_contact_form(),
            FormKind::EditContact => self.edit_contact_form(),
            FormKind::Reply => self.reply_form(),
            FormKind::NewTicket => self.new_ticket_form(),
            FormKind::NewRecord => self.new_record_form(),
            FormKind::EditRecord => self.edit_record_form(),
        }
    }

    /// Why the account of `target` refuses a form of `kind` (read-only,
    /// capability missing), with the audit entry of the refusal.
    fn form_refusal(&self, kind: FormKind, target: &Ref, name: &str) -> Result<(), Unavailable> {
        let sample = kind.sample_command();
        let Some(reason) = self.account_refusal(kind.label(), sample.capability(), target, name)
        else {
            return Ok(());
        };
        let audit = Effect::AuditRefused {
            target: target.clone(),
            action: sample.cli_name().to_string(),
            reason: reason.clone(),
        };
        Err((reason, vec![audit]))
    }

    /// Shows a built form with its draft, unless its account refuses it
    /// (read-only, capability missing): then says why and audits that.
    fn show_form(&mut self, mut form: Form) -> Vec<Effect> {
        if let Err((reason, effects)) =
            self.form_refusal(form.kind, &form.target, &form.target_name)
        {
            self.flash(FlashLevel::Error, reason);
            return effects;
        }
        self.restore_draft(&mut form);
        // A reply is written under the thread it answers.
        if form.kind == FormKind::Reply {
            self.state.panes.tickets.panel.open = true;
        }
        self.state.mode = Mode::Form(Box::new(form));
        Vec::new()
    }

    pub(super) fn form_intent(&mut self, intent: Intent, mut form: Box<Form>) -> Vec<Effect> {
        let mut effects = Vec::new();
        match intent {
            Intent::FormKey(key) => effects = self.form_key(&mut form, key),
            Intent::InputChar(c) => effects = self.form_key(&mut form, KeyCode::Char(c).into()),
            Intent::InputBackspace => effects = self.form_key(&mut form, KeyCode::Backspace.into()),
            Intent::FocusNext => form.move_focus(1),
            Intent::FocusPrev => form.move_focus(-1),
            Intent::InputSubmit | Intent::Activate => return self.submit_form(form),
            Intent::ExternalEditor => effects = self.edit_externally(&form),
            Intent::Back => return self.close_form(&form),
            Intent::Quit => {
                let mut effects = self.close_form(&form);
                effects.extend([Effect::SaveSnapshot, Effect::Quit]);
                return effects;
            }
            _ => {}
        }
        self.state.mode = Mode::Form(form);
        effects
    }

    /// A key for the focused field. Switching the IP of the PTR form keeps
    /// what was typed for the previous IP and loads the new one.
    fn form_key(&mut self, form: &mut Form, key: KeyEvent) -> Vec<Effect> {
        let switching_ip =
            form.kind == FormKind::Ptr && form.focused().is_some_and(Field::is_choice);
        let before = switching_ip.then(|| form.clone());
        match form.key(key) {
            KeyOutcome::Ignored => return Vec::new(),
            KeyOutcome::Edited => return self.keep_typing(form),
            KeyOutcome::Switched => {}
        }
        let Some(before) = before else {
            return self.keep_typing(form);
        };
        let changed = self.keep_draft(&before);
        self.retarget_ptr(form);
        self.save_drafts_if(changed)
    }

    /// Keeps what is being typed as the draft, written to disk within a
    /// second (so a dropped session or `kill -9` loses at most that).
    fn keep_typing(&mut self, form: &Form) -> Vec<Effect> {
        if !self.keep_draft(form) {
            return Vec::new();
        }
        self.drafts_unsaved = true;
        vec![Effect::SaveDraftsSoon]
    }

    /// Hands the focused message field to the external editor.
    fn edit_externally(&mut self, form: &Form) -> Vec<Effect> {
        match form.focused().filter(|f| f.multiline) {
            Some(field) => vec![Effect::EditExternally(field.value())],
            None => {
                let text = "ctrl-e edits a message field (move there with tab)".to_string();
                self.flash(FlashLevel::Warn, text);
                Vec::new()
            }
        }
    }

    /// The external editor closed: its text replaces the focused message
    /// field's, kept as the draft at once.
    pub(super) fn apply_edited(&mut self, result: Result<String, String>) -> Vec<Effect> {
        self.dirty = true;
        let text = match result {
            Ok(text) => text,
            Err(why) => {
                self.flash(
                    FlashLevel::Error,
                    format!("external editor: {why}; the draft is unchanged"),
                );
                return Vec::new();
            }
        };
        let Mode::Form(mut form) = self.state.mode.clone() else {
            return Vec::new();
        };
        let focus = form.focus;
        if let Some(field) = form.fields.get_mut(focus).filter(|f| f.multiline) {
            field.set_value(text.trim_end_matches('\n'));
        }
        let effects = match self.keep_draft(&form) {
            true => vec![Effect::SaveDrafts],
            false => Vec::new(),
        };
        self.state.mode = Mode::Form(form);
        effects
    }

    /// Closes a form, keeping its draft; the drafts file is written at
    /// once, not after the typing delay.
    fn close_form(&mut self, form: &Form) -> Vec<Effect> {
        self.state.mode = Mode::Normal;
        let changed = self.keep_draft(form);
        if form.is_edited() {
            self.flash(
                FlashLevel::Info,
                format!("{}: draft kept; open the form again to go on", form.title()),
            );
        }
        self.save_drafts_if(changed)
    }

    fn submit_form(&mut self, mut form: Box<Form>) -> Vec<Effect> {
        let command = match form.command() {
            Ok(command) => command,
            Err((index, message)) => {
                form.fail(index, message.clone());
                self.flash(FlashLevel::Error, message);
                self.state.mode = Mode::Form(form);
                return Vec::new();
            }
        };
        let changed = self.state.drafts.put(draft_of(&form));
        self.state.mode = Mode::Normal;
        // The form's last refusal no longer holds.
        self.state.flash = None;
        let target = form.command_target();
        let name = match &command {
            Command::AddContact(fields) => fields.handle.clone(),
            Command::OpenTicket(ticket) => format!("\"{}\"", ticket.subject),
            // The domain; the command names the record.
            _ if form.is_record() => target.id.clone(),
            // As `act set-ptr IP --server` names it; the command names the server.
            _ if form.types_address() => target.id.clone(),
            _ => form.target_name.clone(),
        };
        let mut effects = self.request_command(command, target, name);
        self.note_sent_draft(&mut effects, Some(&form.target));
        if let Mode::Confirm(confirm) = &mut self.state.mode {
            confirm.draft_target = Some(form.target.clone());
        }
        effects.extend(self.save_drafts_if(changed));
        effects
    }

    /// Notes which job sends a form's draft, so its success drops the
    /// draft; for a form submitted now or confirmed in its dialog. The
    /// draft is the job target's, unless `draft_target` says whose it is
    /// (a typed address's draft is its server's).
    /// The drafts file is saved before the job goes out, so a session
    /// killed mid-send knows on restart that the draft may be sent.
    pub(super) fn note_sent_draft(
        &mut self,
        effects: &mut Vec<Effect>,
        draft_target: Option<&Ref>,
    ) {
        let mut marked = false;
        for effect in effects.iter() {
            let Effect::Send(job) = effect else {
                continue;
            };
            if let Some(kind) = FormKind::of_command(&job.command) {
                let target = draft_target.unwrap_or(&job.target);
                marked |= self
                    .state
                    .drafts
                    .mark_sent(kind, target, job.id, job.created_at);
            }
        }
        if marked {
            effects.insert(0, Effect::SaveDrafts);
        }
    }

    /// Once job `id` has succeeded, the draft it sent is no longer needed.
    pub(super) fn drop_sent_draft(&mut self, id: JobId) -> Vec<Effect> {
        let changed = self.state.drafts.remove_sent(id);
        self.save_drafts_if(changed)
    }

    /// Keeps an edited form as a draft, or drops the draft of one left as
    /// prefilled; returns whether the drafts changed.
    fn keep_draft(&mut self, form: &Form) -> bool {
        if form.is_edited() {
            self.state.drafts.put(draft_of(form))
        } else {
            self.state.drafts.remove(form.kind, &form.target)
        }
    }

    fn restore_draft(&mut self, form: &mut Form) {
        let Some(draft) = self.state.drafts.get(form.kind, &form.target) else {
            return;
        };
        form.apply_values(&draft.values);
        let (level, text) = match draft.send_interrupted() {
            Some(at) => (
                FlashLevel::Warn,
                format!(
                    "draft restored, but hostdeck stopped while sending it ({}): it may have arrived; look before sending it again",
                    crate::model::time::readable_utc(at)
                ),
            ),
            None => (
                FlashLevel::Info,
                "unsent draft restored (ctrl-u clears a field)".to_string(),
            ),
        };
        self.flash(level, text);
    }

    /// Points the PTR form at the IP now chosen: its PTR and remarks, or
    /// its draft.
    fn retarget_ptr(&mut self, form: &mut Form) {
        let address = form.value(IP);
        let ip = self
            .state
            .server_of_ip(&form.target.account, &address)
            .and_then(|server| self.state.server(&server))
            .and_then(|server| server.ips.iter().find(|ip| ip.address == address));
        let (ptr, remarks) = ip.map(prefill).unwrap_or_default();
        form.target = Ref::new(form.target.account.clone(), ObjectKind::Ip, address.clone());
        form.target_name = address;
        form.error = None;
        let prefilled: BTreeMap<String, String> =
            [(PTR.to_string(), ptr), (REMARKS.to_string(), remarks)].into();
        form.apply_values(&prefilled);
        form.baseline = form.values();
        self.restore_draft(form);
    }

    fn ptr_form(&self) -> Result<Form, Unavailable> {
        let server = self
            .state
            .selected_server()
            .ok_or_else(|| unavailable("no server selected"))?;
        match self.state.ptr_addresses(server) {
            PtrAddresses::Listed => {}
            PtrAddresses::Typed { holder, .. } => return Ok(typed_ptr_form(server, holder)),
            PtrAddresses::Refused(why) => {
                return Err(unavailable(format!(
                    "no reverse DNS for {} on {}: {why}",
                    server.name, server.account
                )))
            }
        }
        let account = &server.account;
        let has_draft = |ip: &&Ip| {
            self.state
                .drafts
                .get(FormKind::Ptr, &ip.reference(account))
                .is_some()
        };
        let is_primary = |ip: &&Ip| server.primary_ip.as_ref() == Some(&ip.address);
        let ip = server
            .ips
            .iter()
            .find(has_draft)
            .or_else(|| server.ips.iter().find(is_primary))
            .or(server.ips.first())
            .ok_or_else(|| unavailable(format!("{} has no IP address", server.name)))?;
        let options = server.ips.iter().map(ip_choice).collect();
        let (ptr, remarks) = prefill(ip);
        let mut fields = vec![
            Field::choice(IP, "←/→ switch", options, &ip.address),
            Field::text(PTR, "e.g. web-1.example.nl", &ptr),
        ];
        let kind = self.state.account(account).map(|a| a.kind);
        if kind.is_none_or(crate::provider::keeps_ip_remarks) {
            fields.push(Field::text(REMARKS, "internal, optional", &remarks));
        }
        let mut form = Form::new(
            FormKind::Ptr,
            ip.reference(account),
            ip.address.clone(),
            format!("server {}", server.name),
            fields,
        );
        form.focus_on(1);
        Ok(form)
    }

    fn ip_request_form(&self) -> Result<Form, Unavailable> {
        let server = self
            .state
            .selected_server()
            .ok_or_else(|| unavailable("no server selected"))?;
        Ok(Form::new(
            FormKind::IpRequest,
            server.reference(),
            server.name.clone(),
            "",
            ip_request_fields(),
        ))
    }

    fn nameservers_form(&self) -> Result<Form, Unavailable> {
        let domain = self
            .state
            .selected_domain()
            .ok_or_else(|| unavailable("no domain selected"))?;
        // Room for every nameserver it has and one more, as many as its
        // provider takes (controlepaneel: 3).
        let most = self
            .state
            .account(&domain.account)
            .map_or(3, |a| a.kind.max_nameservers());
        let count = (domain.nameservers.len() + 1).clamp(3, most.max(3));
        let fields = NAMESERVER_FIELDS
            .iter()
            .take(count)
            .enumerate()
            .map(|(i, label)| {
                let hint = if i < 2 {
                    "e.g. ns1.example.nl"
                } else {
                    "optional"
                };
                let value = domain.nameservers.get(i).map_or("", String::as_str);
                Field::text(label, hint, value)
            })
            .collect();
        Ok(Form::new(
            FormKind::Nameservers,
            domain.reference(),
            domain.id.clone(),
            "",
            fields,
        ))
    }

    fn domain_contacts_form(&self) -> Result<Form, Unavailable> {
        let domain = self
            .state
            .selected_domain()
            .ok_or_else(|| unavailable("no domain selected"))?;
        let contacts: Vec<&Contact> = self
            .state
            .domain_data(&domain.account)
            .map(|data| data.contacts.iter().collect())
            .unwrap_or_default();
        let current = [&domain.owner, &domain.admin, &domain.tech];
        if contacts.is_empty() && current.iter().all(|h| h.is_none()) {
            return Err(unavailable(format!(
                "no contacts on {} yet: add one in the contacts view first",
                domain.account
            )));
        }
        let fields = CONTACT_ROLES
            .iter()
            .zip(current)
            .map(|(role, handle)| {
                let handle = handle.as_deref().unwrap_or("").trim();
                Field::choice(
                    role,
                    "←/→ choose",
                    contact_choices(&contacts, handle),
                    handle,
                )
            })
            .collect();
        Ok(Form::new(
            FormKind::DomainContacts,
            domain.reference(),
            domain.id.clone(),
            "",
            fields,
        ))
    }

    /// A new contact goes to the selected contact's account, else to the
    /// first account offering contacts.
    fn new_contact_form(&self) -> Result<Form, Unavailable> {
        let offers = |name: &str| {
            self.state
                .account(name)
                .is_some_and(|a| a.offers(Capability::Contacts))
        };
        let account = self
            .state
            .selected_contact()
            .map(|c| c.account.clone())
            .filter(|name| offers(name))
            .or_else(|| {
                self.state
                    .accounts
                    .iter()
                    .find(|a| a.offers(Capability::Contacts))
                    .map(|a| a.name.clone())
            })
            .ok_or_else(|| unavailable("no account offers domain contacts"))?;
        Ok(Form::new(
            FormKind::NewContact,
            Ref::new(account, ObjectKind::Contact, ""),
            "new contact",
            "",
            contact_form_fields(&ContactFields::default()),
        ))
    }

    /// Editing replaces every field, so a contact known only from the list
    /// (some fields not loaded) is not offered for editing until its
    /// details have arrived.
    fn edit_contact_form(&self) -> Result<Form, Unavailable> {
        let contact = self
            .state
            .selected_contact()
            .ok_or_else(|| unavailable("no contact selected"))?;
        let name = handle_name(contact);
        if !contact.detailed {
            return Err((
                format!(
                    "the details of contact {name} are not loaded yet (an edit replaces every field); refreshing"
                ),
                vec![Effect::Fetch(contact.account.clone(), Fetch::Domains)],
            ));
        }
        Ok(Form::new(
            FormKind::EditContact,
            contact.reference(),
            name,
            "",
            contact_form_fields(&contact.fields),
        ))
    }
}

/// The ticket forms: a reply under the thread, and a new ticket with the
/// fields and lists the account's provider takes.
impl Store {
    fn reply_form(&self) -> Result<Form, Unavailable> {
        let ticket = self
            .state
            .selected_ticket()
            .ok_or_else(|| unavailable("no ticket selected"))?;
        let fields = vec![Field::multiline(MESSAGE, "", "")];
        let name = format!("#{} \"{}\"", ticket.id, ticket.subject);
        Ok(Form::new(
            FormKind::Reply,
            ticket.reference(),
            name,
            "",
            fields,
        ))
    }

    /// A new ticket goes to the selected ticket's account, else to the
    /// first account offering tickets. Its lists must have arrived.
    fn new_ticket_form(&self) -> Result<Form, Unavailable> {
        let state = &self.state;
        let account = state
            .selected_ticket()
            .map(|t| t.account.clone())
            .filter(|a| state.offers(a, Capability::Tickets))
            .or_else(|| {
                let offering = state
                    .accounts
                    .iter()
                    .find(|a| a.offers(Capability::Tickets));
                offering.map(|a| a.name.clone())
            })
            .ok_or_else(|| unavailable("no account offers support tickets"))?;
        let target = Ref::new(account.clone(), ObjectKind::Ticket, "");
        // Refused at once, before the lists are fetched for nothing.
        self.form_refusal(FormKind::NewTicket, &target, "")?;
        let slot = state.data.ticket_options.get(&account);
        let Some(options) = slot.and_then(|s| s.data.as_ref()) else {
            let why = match slot.and_then(|s| s.error.as_ref()) {
                Some(error) => format!(
                    "the ticket categories of {account} could not be read ({error}); retrying"
                ),
                None => format!(
                    "the ticket categories of {account} are loading; press n again in a moment"
                ),
            };
            return Err((why, vec![Effect::Fetch(account, Fetch::TicketOptions)]));
        };
        Ok(Form::new(
            FormKind::NewTicket,
            target,
            "",
            "",
            ticket_fields(options),
        ))
    }
}

/// The record forms: a new record in the domain the records view shows,
/// or the selected record.
impl Store {
    fn new_record_form(&self) -> Result<Form, Unavailable> {
        let domain = self
            .state
            .panes
            .records
            .domain
            .clone()
            .ok_or_else(|| unavailable("no domain shown: R on a domain, or :records DOMAIN"))?;
        let name = domain.id.clone();
        Ok(Form::new(
            FormKind::NewRecord,
            domain,
            name,
            "",
            record_form_fields(None),
        ))
    }

    /// Records of types hostdeck does not check are not offered for
    /// editing, nor any record while its domain is being listed again.
    fn edit_record_form(&self) -> Result<Form, Unavailable> {
        let record = self
            .state
            .selected_record()
            .ok_or_else(|| unavailable("no record selected"))?;
        if !is_editable(record) {
            return Err(unavailable(format!(
                "{} records are not edited by hostdeck (only {}); x deletes one",
                record.record_type,
                crate::app::form::RECORD_TYPES.join(", ")
            )));
        }
        if let Some(why) = relisting(&self.state, record) {
            return Err(unavailable(why));
        }
        let mut form = Form::new(
            FormKind::EditRecord,
            record.reference(),
            record.describe(),
            record.domain.clone(),
            record_form_fields(Some(record)),
        );
        form.listed = Some(Box::new(record.fields()));
        Ok(form)
    }
}

/// The fields of a new ticket: a subject, the lists the provider offers
/// (a required department it lists none of is typed), and the message.
fn ticket_fields(options: &crate::model::TicketOptions) -> Vec<Field> {
    let choices = |list: &[crate::model::TicketChoice]| {
        let mut choices = vec![Choice::new("(choose one)", "")];
        choices.extend(
            list.iter()
                .map(|c| Choice::new(c.label.clone(), c.value.clone())),
        );
        choices
    };
    let mut fields = vec![Field::text(SUBJECT, "one line", "")];
    if !options.categories.is_empty() {
        fields.push(Field::choice(
            CATEGORY,
            "←/→ choose",
            choices(&options.categories),
            "",
        ));
    }
    if !options.departments.is_empty() {
        fields.push(Field::choice(
            DEPARTMENT,
            "←/→ choose",
            choices(&options.departments),
            "",
        ));
    } else if options.department_required {
        fields.push(Field::text(DEPARTMENT, "required by the provider", ""));
    }
    fields.push(Field::multiline(MESSAGE, "", ""));
    fields
}

/// Why a form cannot open, and what to do about it.
type Unavailable = (String, Vec<Effect>);

fn unavailable(message: impl Into<String>) -> Unavailable {
    (message.into(), Vec::new())
}

impl Store {
    /// Writes the drafts now if they changed, or if typing left them
    /// unwritten.
    fn save_drafts_if(&mut self, changed: bool) -> Vec<Effect> {
        match changed | std::mem::take(&mut self.drafts_unsaved) {
            true => vec![Effect::SaveDrafts],
            false => Vec::new(),
        }
    }
}

fn draft_of(form: &Form) -> Draft {
    Draft {
        kind: form.kind,
        target: form.target.clone(),
        values: form.values(),
        saved_at: now_millis(),
        sent_job: None,
        sending_since: None,
    }
}

/// The PTR form of a server whose provider lists none of its addresses
/// (an i3D.net colocation): the address is typed, then the host name. No
/// PTR is read back, so nothing is prefilled; the form's target (and its
/// draft's) is the server, named as the `holder` it is.
fn typed_ptr_form(server: &Server, holder: &str) -> Form {
    let fields = vec![
        Field::text(IP, "IPv4 or IPv6 address", ""),
        Field::text(PTR, "e.g. web-1.example.nl", ""),
    ];
    let mut form = Form::new(
        FormKind::Ptr,
        server.reference(),
        format!("{holder} {}", server.name),
        "",
        fields,
    );
    form.server = Some(server.id.clone());
    form
}

/// An IP's current PTR record and remarks.
fn prefill(ip: &Ip) -> (String, String) {
    (
        ip.ptr.clone().unwrap_or_default(),
        ip.remarks.clone().unwrap_or_default(),
    )
}

fn ip_choice(ip: &Ip) -> Choice {
    let label = if ip.kind.is_empty() {
        ip.address.clone()
    } else {
        format!("{} ({})", ip.address, ip.kind)
    };
    Choice::new(label, ip.address.clone())
}

/// The contact's handle name, or its id when the name is not known.
fn handle_name(contact: &Contact) -> String {
    let handle = contact.fields.handle.trim();
    if handle.is_empty() {
        contact.id.clone()
    } else {
        handle.to_string()
    }
}

/// The contacts to choose from for one role. The contact the domain names
/// now carries the domain's own value, so leaving it unchanged resends it
/// as given; with no contact named yet, the first option asks for one.
fn contact_choices(contacts: &[&Contact], current: &str) -> Vec<Choice> {
    let mut choices = Vec::new();
    if current.is_empty() {
        choices.push(Choice::new("(none: choose one)", ""));
    }
    choices.extend(contacts.iter().map(|contact| {
        let handle = handle_name(contact);
        let name = contact.display_name();
        let label = if name == handle {
            handle.clone()
        } else {
            format!("{name} · {handle}")
        };
        let value = if contact.matches_handle(current) {
            current.to_string()
        } else {
            handle
        };
        Choice::new(label, value)
    }));
    choices
}

#[cfg(test)]
mod tests;
