//! Forms: multi-field editors for commands that take input (a PTR record,
//! an IP address request, nameservers, domain contacts, a contact's
//! details, a ticket reply, a new ticket, a DNS record). A form is plain
//! data the store edits and the UI draws: text fields are
//! `ratatui_textarea` editors (single-line, or multi-line for messages),
//! choice fields cycle through options. A valid form becomes a
//! [`Command`]; an invalid one names the field and why.

use crate::model::validate::{self, contact_field_mut, RecordInput, CONTACT_FIELDS};
pub use crate::model::validate::{CONTENT, NAME, PRIORITY, RECORD_TYPES, TYPE};
use crate::model::{
    record_parts, Command, ContactFields, DnsRecord, NewTicket, ObjectKind, RecordFields, Ref,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which form to open; each resolves its object from the current selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// The PTR record (and remarks) of an IP of the selected server; on a
    /// row whose provider lists no addresses (an i3D.net colocation), the
    /// address is typed and the form's target is the server.
    Ptr,
    /// A request for extra IP addresses for the selected server.
    IpRequest,
    /// The 2 or 3 nameservers of the selected domain.
    Nameservers,
    /// The owner, admin and tech handles of the selected domain.
    DomainContacts,
    /// A new domain contact.
    NewContact,
    /// The selected domain contact.
    EditContact,
    /// A reply to the selected ticket.
    Reply,
    /// A new ticket.
    NewTicket,
    /// A new DNS record in the domain the records view shows.
    NewRecord,
    /// The selected DNS record (the form's target is the record's `Ref`).
    EditRecord,
}

impl FormKind {
    /// A command of the kind this form sends, for the checks made before
    /// anything is typed (capability, audit name).
    pub fn sample_command(self) -> Command {
        match self {
            FormKind::Ptr => Command::SetPtr {
                hostname: String::new(),
                remarks: None,
                server: None,
            },
            FormKind::IpRequest => Command::RequestIps {
                ipv6: false,
                count: 1,
                reason: String::new(),
            },
            FormKind::Nameservers => Command::SetNameservers {
                nameservers: Vec::new(),
            },
            FormKind::DomainContacts => Command::SetDomainContacts {
                owner: String::new(),
                admin: String::new(),
                tech: String::new(),
            },
            FormKind::NewContact => Command::AddContact(Box::default()),
            FormKind::EditContact => Command::EditContact(Box::default()),
            FormKind::Reply => Command::ReplyTicket {
                body: String::new(),
            },
            FormKind::NewTicket => Command::OpenTicket(Box::default()),
            FormKind::NewRecord => Command::AddRecord(Box::default()),
            FormKind::EditRecord => Command::EditRecord {
                id: String::new(),
                listed: Box::default(),
                fields: Box::default(),
            },
        }
    }

    /// What the form does, for messages: "read-only mode: edit reverse DNS refused …".
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Ptr => "edit reverse DNS",
            FormKind::IpRequest => "request IP addresses",
            FormKind::Nameservers => "edit nameservers",
            FormKind::DomainContacts => "change domain contacts",
            FormKind::NewContact => "add contact",
            FormKind::EditContact => "edit contact",
            FormKind::Reply => "reply to ticket",
            FormKind::NewTicket => "open ticket",
            FormKind::NewRecord => "add DNS record",
            FormKind::EditRecord => "edit DNS record",
        }
    }

    /// The form a command is sent from, if any.
    pub fn of_command(command: &Command) -> Option<FormKind> {
        match command {
            Command::SetPtr { .. } => Some(FormKind::Ptr),
            Command::RequestIps { .. } => Some(FormKind::IpRequest),
            Command::SetNameservers { .. } => Some(FormKind::Nameservers),
            Command::SetDomainContacts { .. } => Some(FormKind::DomainContacts),
            Command::AddContact(_) => Some(FormKind::NewContact),
            Command::EditContact(_) => Some(FormKind::EditContact),
            Command::ReplyTicket { .. } => Some(FormKind::Reply),
            Command::OpenTicket(_) => Some(FormKind::NewTicket),
            Command::AddRecord(_) => Some(FormKind::NewRecord),
            Command::EditRecord { .. } => Some(FormKind::EditRecord),
            _ => None,
        }
    }

    fn heading(self) -> &'static str {
        match self {
            FormKind::Ptr => "Reverse DNS of",
            FormKind::IpRequest => "Request IP addresses for server",
            FormKind::Nameservers => "Nameservers of",
            FormKind::DomainContacts => "Contacts of",
            FormKind::NewContact => "New contact",
            FormKind::EditContact => "Contact",
            FormKind::Reply => "Reply to ticket",
            FormKind::NewTicket => "New ticket",
            FormKind::NewRecord => "New DNS record in",
            FormKind::EditRecord => "DNS record",
        }
    }
}

/// Field labels, shared by building, validating and drawing forms.
pub const IP: &str = "IP";
pub const PTR: &str = "PTR record";
pub const REMARKS: &str = "Remarks";
pub const COUNT: &str = "Count";
pub const IP_TYPE: &str = "Type";
pub const REASON: &str = "Reason";
/// The values of the IP request's type field.
pub const IPV4: &str = "ipv4";
pub const IPV6: &str = "ipv6";
/// The labels of the nameserver form's fields; a form has as many of
/// them as its domain's provider takes and the domain needs (at least 3).
pub const NAMESERVER_FIELDS: [&str; validate::MAX_NAMESERVERS] = [
    "NS1", "NS2", "NS3", "NS4", "NS5", "NS6", "NS7", "NS8", "NS9", "NS10", "NS11", "NS12", "NS13",
];
pub const OWNER: &str = "Owner";
pub const ADMIN: &str = "Admin";
pub const TECH: &str = "Tech";
pub const CONTACT_ROLES: [&str; 3] = [OWNER, ADMIN, TECH];
pub const SUBJECT: &str = "Subject";
pub const CATEGORY: &str = "Category";
pub const DEPARTMENT: &str = "Department";
pub const MESSAGE: &str = "Message";

/// One option of a choice field: what is shown and what is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

impl Choice {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Choice {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// How a field is edited.
#[derive(Clone, Debug)]
pub enum Input {
    /// A single-line editor (boxed: an editor is much larger than a choice).
    Text(Box<TextArea<'static>>),
    /// One of a list; ←/→ or space cycle.
    Choice {
        options: Vec<Choice>,
        selected: usize,
    },
}

impl PartialEq for Input {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Input::Text(a), Input::Text(b)) => a.lines() == b.lines() && a.cursor() == b.cursor(),
            (
                Input::Choice { options, selected },
                Input::Choice {
                    options: o,
                    selected: s,
                },
            ) => options == o && selected == s,
            _ => false,
        }
    }
}

/// One labelled field of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: &'static str,
    /// Shown beside the field: what it takes ("m or v", "optional").
    pub hint: &'static str,
    pub input: Input,
    /// A text of several lines (a message): enter starts a new line.
    pub multiline: bool,
}

impl Field {
    pub fn text(label: &'static str, hint: &'static str, value: &str) -> Field {
        let mut editor = TextArea::new(vec![single_line(value)]);
        editor.set_cursor_line_style(Style::default());
        editor.set_cursor_style(Style::default());
        editor.move_cursor(CursorMove::End);
        Field {
            label,
            hint,
            input: Input::Text(Box::new(editor)),
            multiline: false,
        }
    }

    /// A text of several lines, e.g. a message.
    pub fn multiline(label: &'static str, hint: &'static str, value: &str) -> Field {
        let mut field = Field::text(label, hint, "");
        field.multiline = true;
        field.set_value(value);
        field
    }

    /// A choice field with `value` selected; a value not among the options
    /// is added as its own option, so nothing is changed silently.
    pub fn choice(
        label: &'static str,
        hint: &'static str,
        options: Vec<Choice>,
        value: &str,
    ) -> Field {
        let mut field = Field {
            label,
            hint,
            input: Input::Choice {
                options,
                selected: 0,
            },
            multiline: false,
        };
        field.set_value(value);
        field
    }

    /// The text typed, or the selected option's value.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(editor) if self.multiline => editor.lines().join("\n"),
            Input::Text(editor) => editor.lines().join(" "),
            Input::Choice { options, selected } => options
                .get(*selected)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
        }
    }

    pub fn set_value(&mut self, value: &str) {
        match &mut self.input {
            Input::Text(editor) => {
                clear(editor);
                match self.multiline {
                    true => editor.insert_str(value),
                    false => editor.insert_str(single_line(value)),
                };
            }
            Input::Choice { options, selected } => {
                if let Some(i) = options.iter().position(|o| o.value == value) {
                    *selected = i;
                } else if !value.is_empty() {
                    options.push(Choice::new(format!("{value} (not in the list)"), value));
                    *selected = options.len() - 1;
                }
            }
        }
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.input, Input::Choice { .. })
    }

    /// Shows or hides the editor's cursor.
    fn set_focused(&mut self, focused: bool) {
        if let Input::Text(editor) = &mut self.input {
            let style = if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            editor.set_cursor_style(style);
        }
    }

    /// Applies a key; true when the value changed.
    fn key(&mut self, key: KeyEvent) -> bool {
        match &mut self.input {
            Input::Text(editor) if self.multiline => edit_message(editor, key),
            Input::Text(editor) => edit_text(editor, key),
            Input::Choice { options, selected } => cycle(options.len(), selected, key),
        }
    }
}

/// Text as one line: line breaks become spaces.
fn single_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

fn clear(editor: &mut TextArea<'static>) -> bool {
    editor.select_all();
    editor.cut()
}

/// Forwards an editing key to the editor; keys that would add a line or
/// leave the field are not editing keys here. ctrl-u clears the field.
fn edit_text(editor: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => clear(editor),
        KeyCode::Char('m' | 'j' | 'n' | 'p') if ctrl => false,
        KeyCode::Char('\n' | '\r')
        | KeyCode::Enter
        | KeyCode::Tab
        | KeyCode::BackTab
        | KeyCode::Up
        | KeyCode::Down
        | KeyCode::PageUp
        | KeyCode::PageDown
        | KeyCode::Esc => false,
        _ => editor.input(key),
    }
}

/// Forwards a key to a multi-line editor: enter and the arrows edit and
/// move in the text; tab leaves the field; ctrl-s (send) and ctrl-e (the
/// external editor) are the form's. ctrl-u stays the editor's undo: it
/// never wipes a message.
fn edit_message(editor: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('s' | 'e') if ctrl => false,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => false,
        _ => editor.input(key),
    }
}

/// ←/→ or space move through the options, wrapping around.
fn cycle(count: usize, selected: &mut usize, key: KeyEvent) -> bool {
    if count < 2 {
        return false;
    }
    let next = match key.code {
        KeyCode::Right | KeyCode::Char(' ') => (*selected + 1) % count,
        KeyCode::Left => (*selected + count - 1) % count,
        _ => return false,
    };
    *selected = next;
    true
}

/// What a key did to a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyOutcome {
    Ignored,
    /// A text field changed.
    Edited,
    /// A choice field changed.
    Switched,
}

/// An open form.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    /// The object the command goes to (for the PTR form: the chosen IP),
    /// and what its draft is kept under. A PTR form whose address is typed
    /// has the server here; its command goes to [`Form::command_target`].
    pub target: Ref,
    pub target_name: String,
    /// What the target belongs to, for the title (e.g. `server web-1`); may be empty.
    pub context: String,
    /// The id of the server the target belongs to, for commands whose
    /// provider finds the target through it (the PTR of an IP on i3d).
    pub server: Option<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A field that is wrong and why; shown under the field.
    pub error: Option<(usize, String)>,
    /// The values as prefilled from live data; a form still equal to them has no draft.
    pub baseline: BTreeMap<String, String>,
    /// For a record edit: the record as listed when the form opened, sent
    /// with the change (see [`Command::EditRecord`]).
    pub listed: Option<Box<RecordFields>>,
}

impl Form {
    /// A form with the focus on its first field and its values as baseline.
    pub fn new(
        kind: FormKind,
        target: Ref,
        target_name: impl Into<String>,
        context: impl Into<String>,
        fields: Vec<Field>,
    ) -> Form {
        let mut form = Form {
            kind,
            target,
            target_name: target_name.into(),
            context: context.into(),
            server: None,
            fields,
            focus: 0,
            error: None,
            baseline: BTreeMap::new(),
            listed: None,
        };
        form.baseline = form.values();
        form.focus_on(0);
        form.record_hints();
        form
    }

    /// "Reverse DNS of 185.3.4.5 · server web-1 · cp-demo".
    pub fn title(&self) -> String {
        let heading = match self.kind {
            FormKind::NewContact | FormKind::NewTicket => self.kind.heading().to_string(),
            // The thread above names the subject.
            FormKind::Reply => format!("{} #{}", self.kind.heading(), self.target.id),
            kind => format!("{} {}", kind.heading(), self.target_name),
        };
        [
            heading.as_str(),
            self.context.as_str(),
            &self.target.account,
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    }

    /// Every field's value by label.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|f| (f.label.to_string(), f.value()))
            .collect()
    }

    /// Sets the fields named in `values`; others keep theirs.
    pub fn apply_values(&mut self, values: &BTreeMap<String, String>) {
        for field in &mut self.fields {
            if let Some(value) = values.get(field.label) {
                field.set_value(value);
            }
        }
    }

    /// The value of the field with this label (empty if there is none).
    pub fn value(&self, label: &str) -> String {
        self.field(label).map(Field::value).unwrap_or_default()
    }

    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    pub fn position(&self, label: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.label == label)
    }

    /// Whether this is a PTR form whose address is typed, not chosen: its
    /// target is the server the address belongs to.
    pub fn types_address(&self) -> bool {
        self.kind == FormKind::Ptr && self.target.kind == ObjectKind::Server
    }

    /// Whether this is a DNS record form (new or edit).
    pub fn is_record(&self) -> bool {
        matches!(self.kind, FormKind::NewRecord | FormKind::EditRecord)
    }

    /// The object the command goes to: the target, for a typed address
    /// that address (as an IP of the target's account), for a record its
    /// domain.
    pub fn command_target(&self) -> Ref {
        if let Some((domain, _)) = record_parts(&self.target) {
            return domain;
        }
        if !self.types_address() {
            return self.target.clone();
        }
        let typed = self.value(IP);
        let address = validate::ip_address(&typed).unwrap_or_else(|_| typed.trim().to_string());
        Ref::new(self.target.account.clone(), ObjectKind::Ip, address)
    }

    /// Whether the values differ from what was prefilled.
    pub fn is_edited(&self) -> bool {
        self.values() != self.baseline
    }

    pub fn focus_on(&mut self, index: usize) {
        self.focus = index.min(self.fields.len().saturating_sub(1));
        let focus = self.focus;
        for (i, field) in self.fields.iter_mut().enumerate() {
            field.set_focused(i == focus);
        }
    }

    /// Moves the focus by `delta` fields, wrapping around.
    pub fn move_focus(&mut self, delta: isize) {
        let count = self.fields.len() as isize;
        if count == 0 {
            return;
        }
        let next = (self.focus as isize + delta).rem_euclid(count);
        self.focus_on(next as usize);
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Applies a key to the focused field; an edit clears that field's error.
    pub fn key(&mut self, key: KeyEvent) -> KeyOutcome {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return KeyOutcome::Ignored;
        };
        if !field.key(key) {
            return KeyOutcome::Ignored;
        }
        let switched = field.is_choice();
        if self.error.as_ref().is_some_and(|(i, _)| *i == focus) {
            self.error = None;
        }
        if switched {
            self.record_hints();
            KeyOutcome::Switched
        } else {
            KeyOutcome::Edited
        }
    }

    /// Marks a field wrong and moves the focus to it.
    pub fn fail(&mut self, index: usize, message: String) {
        self.focus_on(index);
        self.error = Some((self.focus, message));
    }

    /// The command the form's values make, or the field that is wrong and why.
    pub fn command(&self) -> Result<Command, (usize, String)> {
        match self.kind {
            FormKind::Ptr => self.ptr_command(),
            FormKind::IpRequest => self.ip_request_command(),
            FormKind::Nameservers => self.nameservers_command(),
            FormKind::DomainContacts => self.contacts_command(),
            FormKind::NewContact => Ok(Command::AddContact(Box::new(self.contact_fields()?))),
            FormKind::EditContact => Ok(Command::EditContact(Box::new(self.contact_fields()?))),
            FormKind::Reply => Ok(Command::ReplyTicket {
                body: self.message("write the reply first")?,
            }),
            FormKind::NewTicket => self.new_ticket_command(),
            FormKind::NewRecord | FormKind::EditRecord => self.record_command(),
        }
    }

    /// A record checked by type (the same check as `act add-record`),
    /// added to the domain, or replacing the record the form edits.
    fn record_command(&self) -> Result<Command, (usize, String)> {
        let domain = self.command_target();
        let (record_type, name, content, priority) = (
            self.value(TYPE),
            self.value(NAME),
            self.value(CONTENT),
            self.value(PRIORITY),
        );
        let input = RecordInput {
            record_type: &record_type,
            name: &name,
            content: &content,
            priority: &priority,
        };
        let fields = validate::dns_record(&domain.id, &input)
            .map_err(|e| (self.position(e.field).unwrap_or(0), e.message))?;
        let Some((_, id)) = record_parts(&self.target) else {
            return Ok(Command::AddRecord(Box::new(fields)));
        };
        Ok(Command::EditRecord {
            id: id.to_string(),
            listed: self.listed.clone().unwrap_or_default(),
            fields: Box::new(fields),
        })
    }

    /// Points the record form's hints at the chosen type: what Content
    /// takes, and whether Priority is needed.
    fn record_hints(&mut self) {
        if !self.is_record() {
            return;
        }
        let (content, priority) = record_hints(&self.value(TYPE));
        for field in &mut self.fields {
            match field.label {
                CONTENT => field.hint = content,
                PRIORITY => field.hint = priority,
                _ => {}
            }
        }
    }

    /// The message typed, trailing blank lines cut; refused when empty.
    fn message(&self, why_empty: &str) -> Result<String, (usize, String)> {
        let body = self.value(MESSAGE).trim_end().to_string();
        if body.trim().is_empty() {
            return Err(self.blame(MESSAGE, why_empty.to_string()));
        }
        Ok(body)
    }

    /// The value of a field the form has, required; `None` when the form
    /// has no such field (the provider does not take it).
    fn chosen(&self, label: &str, why_empty: &str) -> Result<Option<String>, (usize, String)> {
        let Some(field) = self.field(label) else {
            return Ok(None);
        };
        let value = field.value().trim().to_string();
        if value.is_empty() {
            return Err(self.blame(label, why_empty.to_string()));
        }
        Ok(Some(value))
    }

    fn new_ticket_command(&self) -> Result<Command, (usize, String)> {
        let subject = self.value(SUBJECT).trim().to_string();
        if subject.is_empty() {
            return Err(self.blame(SUBJECT, "a ticket needs a subject".into()));
        }
        let ticket = NewTicket {
            subject,
            category: self.chosen(CATEGORY, "choose a category")?,
            department: self.chosen(DEPARTMENT, "give the department")?,
            body: self.message("write what the ticket is about")?,
        };
        Ok(Command::OpenTicket(Box::new(ticket)))
    }

    fn blame(&self, label: &str, why: String) -> (usize, String) {
        (self.position(label).unwrap_or(0), format!("{label}: {why}"))
    }

    fn ptr_command(&self) -> Result<Command, (usize, String)> {
        if self.types_address() {
            validate::ip_address(&self.value(IP)).map_err(|why| self.blame(IP, why))?;
        }
        let hostname = validate::hostname(&self.value(PTR)).map_err(|why| self.blame(PTR, why))?;
        let remarks = self.value(REMARKS).trim().to_string();
        Ok(Command::SetPtr {
            hostname,
            remarks: (!remarks.is_empty()).then_some(remarks),
            server: self.server.clone(),
        })
    }

    fn ip_request_command(&self) -> Result<Command, (usize, String)> {
        let count_input = self.value(COUNT);
        let count = parse_count(&count_input)
            .and_then(validate::ip_request_count)
            .map_err(|why| (self.position(COUNT).unwrap_or(0), why))?;
        let ipv6 = parse_ip_type(&self.value(IP_TYPE))
            .ok_or_else(|| self.blame(IP_TYPE, "choose IPv4 or IPv6".into()))?;
        let reason = validate::ip_request_reason(&self.value(REASON))
            .map_err(|why| self.blame(REASON, why))?;
        Ok(Command::RequestIps {
            ipv6,
            count,
            reason,
        })
    }

    /// The nameservers typed; never an empty list (a provider may read
    /// one as "its defaults", which is a command of its own).
    fn nameservers_command(&self) -> Result<Command, (usize, String)> {
        let labels: Vec<&str> = NAMESERVER_FIELDS
            .into_iter()
            .take_while(|label| self.position(label).is_some())
            .collect();
        let inputs: Vec<String> = labels.iter().map(|l| self.value(l)).collect();
        let nameservers = validate::nameserver_entries(&inputs, labels.len()).map_err(|e| {
            let label = labels[e.index.min(labels.len().saturating_sub(1))];
            (self.position(label).unwrap_or(0), e.message)
        })?;
        Ok(Command::SetNameservers { nameservers })
    }

    fn contacts_command(&self) -> Result<Command, (usize, String)> {
        let chosen = |label: &str| {
            let value = self.value(label);
            if value.trim().is_empty() {
                Err(self.blame(label, "choose a contact".into()))
            } else {
                Ok(value)
            }
        };
        Ok(Command::SetDomainContacts {
            owner: chosen(OWNER)?,
            admin: chosen(ADMIN)?,
            tech: chosen(TECH)?,
        })
    }

    fn contact_fields(&self) -> Result<ContactFields, (usize, String)> {
        let mut fields = ContactFields::default();
        for (label, _) in CONTACT_FIELDS {
            if let Some(slot) = contact_field_mut(&mut fields, label) {
                *slot = self.value(label);
            }
        }
        validate::contact(&fields).map_err(|e| (self.position(e.field).unwrap_or(0), e.message))
    }
}

/// The number typed into an IP request's count field; the error names the
/// field the way [`validate::ip_request_count`] does.
fn parse_count(input: &str) -> Result<u32, String> {
    let input = input.trim();
    input.parse::<u32>().map_err(|_| {
        let range = validate::IP_REQUEST_COUNT;
        format!(
            "count '{input}' is not a number: ask for {} to {} addresses at a time",
            range.start(),
            range.end()
        )
    })
}

/// IPv6 (true) or IPv4 (false) from `4`, `6`, `ipv4` or `ipv6`, any case.
pub fn parse_ip_type(input: &str) -> Option<bool> {
    match input.trim().to_ascii_lowercase().as_str() {
        "4" | IPV4 => Some(false),
        "6" | IPV6 => Some(true),
        _ => None,
    }
}

/// The count field's hint; a test holds it to [`validate::IP_REQUEST_COUNT`].
const COUNT_HINT: &str = "1 to 16";

/// The fields of an IP request form: one IPv4 address unless changed.
pub fn ip_request_fields() -> Vec<Field> {
    let types = vec![Choice::new("IPv4", IPV4), Choice::new("IPv6", IPV6)];
    vec![
        Field::text(COUNT, COUNT_HINT, "1"),
        Field::choice(IP_TYPE, "←/→ switch", types, IPV4),
        Field::text(REASON, "required, one line", ""),
    ]
}

/// The fields of a contact form, prefilled from `fields`.
pub fn contact_form_fields(fields: &ContactFields) -> Vec<Field> {
    let mut source = fields.clone();
    CONTACT_FIELDS
        .iter()
        .map(|&(label, required)| {
            let value = contact_field_mut(&mut source, label)
                .map(|v| v.clone())
                .unwrap_or_default();
            Field::text(label, contact_hint(label, required), &value)
        })
        .collect()
}

fn contact_hint(label: &str, required: bool) -> &'static str {
    match label {
        "Handle" => "name of the contact",
        "Gender" => "m or v",
        "Country" => "ISO code, e.g. NL",
        "PhoneNumber" => "e.g. +31 20 123 4567",
        _ if required => "",
        _ => "optional",
    }
}

/// The Content and Priority hints of a record of `record_type`.
fn record_hints(record_type: &str) -> (&'static str, &'static str) {
    let content = match record_type {
        "A" => "IPv4, e.g. 192.0.2.10",
        "AAAA" => "IPv6, e.g. 2001:db8::10",
        "CNAME" => "host, e.g. www.example.net",
        "MX" => "mail host name",
        "NS" => "nameserver host name",
        "TXT" => "text; 255 per \"string\"",
        _ => "not edited by hostdeck",
    };
    let priority = match record_type {
        "MX" => "0 to 65535, required",
        _ => "MX only: leave empty",
    };
    (content, priority)
}

/// The fields of a record form: prefilled from `record` (an edit), or a
/// new A record. The type is a choice of the types hostdeck edits.
pub fn record_form_fields(record: Option<&DnsRecord>) -> Vec<Field> {
    let types = RECORD_TYPES.iter().map(|t| Choice::new(*t, *t)).collect();
    let (record_type, name, content, priority) = match record {
        Some(r) => (
            r.record_type.as_str(),
            if r.name.trim().is_empty() {
                "@"
            } else {
                r.name.as_str()
            },
            r.content.as_str(),
            match r.record_type.as_str() {
                "MX" => r.priority.map(|p| p.to_string()).unwrap_or_default(),
                _ => String::new(),
            },
        ),
        None => ("A", "", "", String::new()),
    };
    vec![
        Field::choice(TYPE, "←/→ switch", types, record_type),
        Field::text(NAME, "e.g. www; @ = domain", name),
        Field::text(CONTENT, "", content),
        Field::text(PRIORITY, "", &priority),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_hint_names_the_allowed_range() {
        let range = validate::IP_REQUEST_COUNT;
        assert_eq!(COUNT_HINT, format!("{} to {}", range.start(), range.end()));
    }

    #[test]
    fn ip_types_are_read_in_any_case() {
        for (input, ipv6) in [("4", false), ("IPv4", false), (" ipv6 ", true), ("6", true)] {
            assert_eq!(parse_ip_type(input), Some(ipv6), "{input}");
        }
        assert_eq!(parse_ip_type("v5"), None);
    }
}
