//! The rules every mutating command passes before it goes out: read-only
//! mode, the account's capabilities, and the server's own power actions.
//! The console's store and the headless `act` share them, so both refuse
//! the same things with the same words.

use crate::model::AccountInfo;
use crate::model::{Action, Capability, Command, Offering, Server};

/// Why `command` on `target_name` may not be sent, if it may not.
/// `read_only` is the global switch; the account has its own. `server` is
/// the target server of a power action, when known.
pub fn refusal(
    command: &Command,
    target_name: &str,
    account: &AccountInfo,
    read_only: bool,
    server: Option<&Server>,
) -> Option<String> {
    let label = command.label();
    let capability = command.capability();
    if let Some(reason) = account_refusal(&label, capability, account, read_only, target_name) {
        return Some(reason);
    }
    match (command, server) {
        (Command::Power(action), Some(server)) => {
            power_refusal(*action, server, account.kind.as_str())
        }
        _ => None,
    }
}

/// Why the account refuses `label` on `target_name` (empty for a new
/// object): read-only mode, or the capability it needs missing.
pub fn account_refusal(
    label: &str,
    capability: Option<Capability>,
    account: &AccountInfo,
    read_only: bool,
    target_name: &str,
) -> Option<String> {
    let name = &account.name;
    if read_only || account.read_only {
        let target = match target_name {
            "" => String::new(),
            target => format!(" for {target}"),
        };
        return Some(format!("read-only mode: {label} refused{target} on {name}"));
    }
    not_offered(capability?, account)
}

/// Why the account does not offer `capability`, if it does not: "DNS
/// records is not offered by i3d (account i3d-ams)", with the kind's own
/// reason where it gives one.
pub fn not_offered(capability: Capability, account: &AccountInfo) -> Option<String> {
    (!account.offers(capability)).then(|| {
        let mut reason = format!(
            "{} is not offered by {} (account {})",
            capability.label(),
            account.kind,
            account.name
        );
        let why = crate::provider::why_not_offered(account.kind, Offering::Capability(capability));
        if let Some(why) = why {
            reason.push_str(&format!(": {why}"));
        }
        reason
    })
}

/// Why a server does not offer a power action now, if it does not.
fn power_refusal(action: Action, server: &Server, kind: &str) -> Option<String> {
    if server.supports(action) {
        return None;
    }
    let why = match &server.actions_note {
        Some(note) => note.clone(),
        None => format!("status {}, power {}", server.status, server.power.label()),
    };
    Some(format!(
        "{} is not available for {} on {} ({kind}; {why})",
        action.label(),
        server.name,
        server.account,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProviderKind;

    fn request_ips() -> Command {
        Command::RequestIps {
            ipv6: false,
            count: 2,
            reason: "more sites".into(),
        }
    }

    fn cp(read_only: bool) -> AccountInfo {
        AccountInfo::new("cp-demo", ProviderKind::Controlepaneel, read_only)
            .with_capabilities(vec![Capability::IpRequests])
    }

    #[test]
    fn ip_requests_need_the_capability_and_a_writable_account() {
        let command = request_ips();
        assert_eq!(
            refusal(&command, "vps-web01", &cp(false), false, None),
            None
        );
        let clc = AccountInfo::new("clc-prod", ProviderKind::Clc, false);
        assert_eq!(
            refusal(&command, "WA1WEB01", &clc, false, None).as_deref(),
            Some("requesting IP addresses is not offered by clc (account clc-prod)")
        );
        let read_only = "read-only mode: request 2 IPv4 addresses refused for vps-web01 on cp-demo";
        for (account, global) in [(cp(true), false), (cp(false), true)] {
            assert_eq!(
                refusal(&command, "vps-web01", &account, global, None).as_deref(),
                Some(read_only)
            );
        }
        let i3d = AccountInfo::new("i3d-demo", ProviderKind::I3d, false);
        assert_eq!(
            refusal(&command, "colo-3301", &i3d, false, None).as_deref(),
            Some("requesting IP addresses is not offered by i3d (account i3d-demo): i3D.net's API has no call to request addresses"),
            "the kind's reason, where it gives one"
        );
        let open = Command::OpenTicket(Box::default());
        assert_eq!(
            refusal(&open, "", &cp(true), false, None).as_deref(),
            Some("read-only mode: open ticket refused on cp-demo")
        );
    }
}
