//! Intents: what a key or a `:` command asks the store to do, whichever
//! key or command asked.

use super::form::FormKind;
use super::panes::ViewKind;
use crate::model::Action;

/// An action on the selected domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainAction {
    RequestEpp,
    /// Lock when unlocked, unlock when locked.
    ToggleLock,
    SetLock(bool),
    Cancel {
        immediate: bool,
    },
    /// Back to the provider's default nameservers.
    ResetNameservers,
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
    /// Sort the current view by its `n`th column (0-based; keys 1..9).
    SortColumn(usize),
    /// Sort the current view by a column named on the `:` line.
    SortNamed(String),
    ToggleDetails,
    ShowHelp,
    ShowView(ViewKind),
    /// Fetch the current view's data now.
    Refresh,
    /// An action on the selected server.
    Act(Action),
    /// Toggle maintenance mode on the selected server.
    ToggleMaintenance,
    /// An action on the selected domain.
    Domain(DomainAction),
    /// Delete the selected domain contact.
    DeleteContact,
    CloseTicket,
    ReopenTicket,
    /// Show the DNS records of a domain: the one named (`ACCOUNT:DOMAIN`
    /// or a domain name), or the selected one in the domains view.
    ShowRecords(Option<String>),
    /// Delete the selected DNS record.
    DeleteRecord,
    /// Open a form on the selected object.
    OpenForm(FormKind),
    StartFilter,
    StartCommand,
    /// A character typed into the filter or command line.
    InputChar(char),
    InputBackspace,
    InputSubmit,
    /// Move focus in a dialog, or between the tables of a view.
    FocusNext,
    FocusPrev,
    /// Press the focused dialog button.
    Activate,
    /// A key for the focused field of an open form (typed text, cursor
    /// movement, ←/→ on a choice).
    FormKey(crossterm::event::KeyEvent),
    /// Scroll the help overlay or details.
    Scroll(i64),
    /// Edit the focused message field in `$VISUAL` or `$EDITOR`.
    ExternalEditor,
}
