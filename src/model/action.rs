//! Actions a user can take on an object, and what each one means for safety.

use serde::{Deserialize, Serialize};

/// A mutating action on a server. Providers declare which ones each server supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    PowerOn,
    PowerOff,
    ShutDown,
    Reboot,
    Reset,
    Pause,
    MaintenanceOn,
    MaintenanceOff,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::PowerOn,
        Action::PowerOff,
        Action::ShutDown,
        Action::Reboot,
        Action::Reset,
        Action::Pause,
        Action::MaintenanceOn,
        Action::MaintenanceOff,
    ];

    /// The name used on the command line and in the audit log (`power-off`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Action::PowerOn => "power-on",
            Action::PowerOff => "power-off",
            Action::ShutDown => "shutdown",
            Action::Reboot => "reboot",
            Action::Reset => "reset",
            Action::Pause => "pause",
            Action::MaintenanceOn => "maintenance-on",
            Action::MaintenanceOff => "maintenance-off",
        }
    }

    /// A human label for dialogs and the jobs pane.
    pub fn label(self) -> &'static str {
        match self {
            Action::PowerOn => "power on",
            Action::PowerOff => "power off",
            Action::ShutDown => "shut down",
            Action::Reboot => "reboot",
            Action::Reset => "reset (forced power cycle)",
            Action::Pause => "pause",
            Action::MaintenanceOn => "enter maintenance mode",
            Action::MaintenanceOff => "leave maintenance mode",
        }
    }

    pub fn from_cli_name(name: &str) -> Option<Action> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        Action::ALL.into_iter().find(|a| a.cli_name() == name)
    }

    /// What happens if it goes through, for the confirm dialog.
    pub fn consequence(self) -> &'static str {
        match self {
            Action::Reboot => "The operating system restarts; services go down briefly.",
            Action::PowerOff => "Power is cut at once, without an OS shutdown.",
            Action::ShutDown => "The OS shuts down, then the server powers off.",
            Action::Reset => "A forced power cycle: unsaved data is lost.",
            Action::Pause => "The server is frozen until powered on again.",
            _ => "",
        }
    }

    /// Destructive actions interrupt a running server and need a confirmation.
    pub fn is_destructive(self) -> bool {
        matches!(
            self,
            Action::PowerOff | Action::ShutDown | Action::Reboot | Action::Reset | Action::Pause
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_cli_name(action.cli_name()), Some(action));
        }
        assert_eq!(Action::from_cli_name("POWER_OFF"), Some(Action::PowerOff));
        assert_eq!(Action::from_cli_name("explode"), None);
    }

    #[test]
    fn power_on_is_not_destructive_but_reboot_is() {
        assert!(!Action::PowerOn.is_destructive());
        assert!(Action::Reboot.is_destructive());
        assert!(!Action::MaintenanceOff.is_destructive());
    }
}
