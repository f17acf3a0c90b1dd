//! Intents: what a key or a `:` command asks the store to do.

use super::form::FormKind;
use crate::model::Action;

/// Columns of the servers table, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Account,
    Name,
    Power,
    Ip,
    Location,
    Group,
    Os,
    Size,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Account,
        Column::Name,
        Column::Power,
        Column::Ip,
        Column::Location,
        Column::Group,
        Column::Os,
        Column::Size,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Account => "ACCOUNT",
            Column::Name => "NAME",
            Column::Power => "POWER",
            Column::Ip => "IP",
            Column::Location => "LOC",
            Column::Group => "GROUP",
            Column::Os => "OS",
            Column::Size => "CPU/MEM",
        }
    }

    pub fn from_name(name: &str) -> Option<Column> {
        let name = name.to_ascii_lowercase();
        Column::ALL.into_iter().find(|c| {
            c.title().to_ascii_lowercase() == name
                || matches!(
                    (c, name.as_str()),
                    (Column::Power, "status")
                        | (Column::Location, "location")
                        | (Column::Size, "size" | "cpu" | "mem")
                )
        })
    }
}

/// The full-screen views the console can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Servers,
    Jobs,
    Accounts,
    Domains,
    Contacts,
    /// Colocation visitors and visits.
    Colocation,
}

impl ViewKind {
    /// The domains, contacts and colocation views: small sortable tables
    /// with their own filter, cursor and details panel.
    pub fn is_record_view(self) -> bool {
        matches!(
            self,
            ViewKind::Domains | ViewKind::Contacts | ViewKind::Colocation
        )
    }

    pub fn title(self) -> &'static str {
        match self {
            ViewKind::Servers => "servers",
            ViewKind::Jobs => "jobs",
            ViewKind::Accounts => "accounts",
            ViewKind::Domains => "domains",
            ViewKind::Contacts => "contacts",
            ViewKind::Colocation => "colocation",
        }
    }
}

/// An action on the selected row of the domains or contacts view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordAction {
    RequestEpp,
    /// Lock when unlocked, unlock when locked.
    ToggleLock,
    SetLock(bool),
    Cancel {
        immediate: bool,
    },
    DeleteContact,
}

/// Something the user asked for, independent of which key asked.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    Quit,
    Back,
    MoveBy(i64),
    PageBy(i64),
    Top,
    Bottom,
    SortBy(Column),
    /// Sort the current view by its `n`th column (0-based; keys 1..9).
    SortColumn(usize),
    /// Sort the current view by a column named on the `:` line.
    SortNamed(String),
    ToggleDetails,
    ShowHelp,
    ShowView(ViewKind),
    RefreshAll,
    /// An action on the selected server.
    Act(Action),
    /// Toggle maintenance mode on the selected server.
    ToggleMaintenance,
    /// An action on the selected domain or contact.
    Record(RecordAction),
    /// Open a form on the selected object.
    OpenForm(super::form::FormKind),
    StartFilter,
    StartCommand,
    /// A character typed into the filter or command line.
    InputChar(char),
    InputBackspace,
    InputSubmit,
    /// Move focus in a dialog.
    FocusNext,
    FocusPrev,
    /// Press the focused dialog button.
    Activate,
    /// A key for the focused field of an open form (typed text, cursor
    /// movement, ←/→ on a choice).
    FormKey(crossterm::event::KeyEvent),
    /// Scroll the help overlay or details.
    Scroll(i64),
}

/// Parses a `:` command line into intents, or says what is wrong.
pub fn parse_command_line(line: &str) -> Result<Vec<Intent>, String> {
    let mut words = line.split_whitespace();
    let Some(head) = words.next() else {
        return Ok(Vec::new());
    };
    let rest: Vec<&str> = words.collect();
    let intent = match head.to_ascii_lowercase().as_str() {
        "q" | "q!" | "quit" | "exit" => Intent::Quit,
        "help" | "h" | "?" => Intent::ShowHelp,
        "servers" | "server" | "srv" | "s" => Intent::ShowView(ViewKind::Servers),
        "jobs" | "job" | "j" => Intent::ShowView(ViewKind::Jobs),
        "accounts" | "account" | "acc" | "a" => Intent::ShowView(ViewKind::Accounts),
        "domains" | "domain" | "dom" => Intent::ShowView(ViewKind::Domains),
        "contacts" | "contact" | "con" => Intent::ShowView(ViewKind::Contacts),
        "colo" | "colocation" | "visits" | "visitors" => Intent::ShowView(ViewKind::Colocation),
        "refresh" | "r" => Intent::RefreshAll,
        "ptr" | "rdns" => Intent::OpenForm(FormKind::Ptr),
        "request-ip" | "request-ips" | "ips" => Intent::OpenForm(FormKind::IpRequest),
        "ns" | "nameservers" => Intent::OpenForm(FormKind::Nameservers),
        "sort" => Intent::SortNamed(rest.first().ok_or("usage: :sort COLUMN")?.to_string()),
        "epp" | "request-epp" => Intent::Record(RecordAction::RequestEpp),
        "lock" => Intent::Record(RecordAction::SetLock(true)),
        "unlock" => Intent::Record(RecordAction::SetLock(false)),
        "cancel" => Intent::Record(RecordAction::Cancel { immediate: false }),
        "cancel-direct" => Intent::Record(RecordAction::Cancel { immediate: true }),
        "del-contact" | "delete-contact" => Intent::Record(RecordAction::DeleteContact),
        "filter" | "f" => {
            let mut intents = vec![Intent::StartFilter];
            intents.extend(rest.join(" ").chars().map(Intent::InputChar));
            intents.push(Intent::InputSubmit);
            return Ok(intents);
        }
        other => match crate::model::Action::from_cli_name(other) {
            Some(action) => Intent::Act(action),
            None => return Err(format!("unknown command :{other} (try :help)")),
        },
    };
    Ok(vec![intent])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_parse() {
        assert_eq!(parse_command_line("q"), Ok(vec![Intent::Quit]));
        assert_eq!(
            parse_command_line("sort name"),
            Ok(vec![Intent::SortNamed("name".into())])
        );
        assert_eq!(
            parse_command_line("dom"),
            Ok(vec![Intent::ShowView(ViewKind::Domains)])
        );
        assert_eq!(
            parse_command_line("cancel-direct"),
            Ok(vec![Intent::Record(RecordAction::Cancel {
                immediate: true
            })])
        );
        assert_eq!(
            parse_command_line("reboot"),
            Ok(vec![Intent::Act(Action::Reboot)])
        );
        assert_eq!(
            parse_command_line("request-ip"),
            Ok(vec![Intent::OpenForm(FormKind::IpRequest)])
        );
        assert!(parse_command_line("frobnicate").is_err());
        assert_eq!(parse_command_line("  "), Ok(vec![]));
        let f = parse_command_line("filter web").unwrap();
        assert_eq!(f.len(), 5);
    }
}
