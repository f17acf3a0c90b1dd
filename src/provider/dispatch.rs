//! What a provider offers, read from the APIs it hands out, and the one
//! dispatch from a [`Command`] to the API method that carries it out. The
//! "not offered" error is written here, once.

use super::{
    DnsApi, DomainHandles, ErrorKind, Provider, ProviderError, PtrChange, RecordChange,
    RegistryApi, Result, Submitted, TicketApi,
};
use crate::model::{Action, Capability, Command, Ref};

/// Whether `provider` offers `capability`: whether it has the API.
pub fn offers(provider: &dyn Provider, capability: Capability) -> bool {
    match capability {
        Capability::ReverseDns => provider.reverse_dns().is_some(),
        Capability::Telemetry => provider.telemetry().is_some(),
        Capability::Domains => provider.domains().is_some(),
        Capability::DomainRegistry => provider.registry().is_some(),
        Capability::NameserverReset => provider.nameserver_reset().is_some(),
        Capability::Contacts => provider.contacts().is_some(),
        Capability::Colocation => provider.colocation().is_some(),
        Capability::IpRequests => provider.ip_requests().is_some(),
        Capability::Tickets => provider.tickets().is_some(),
        Capability::DnsRecords => provider.dns().is_some(),
    }
}

/// Every capability `provider` offers, in [`Capability::ALL`] order.
pub fn capabilities(provider: &dyn Provider) -> Vec<Capability> {
    Capability::ALL
        .into_iter()
        .filter(|capability| offers(provider, *capability))
        .collect()
}

/// The error for something the provider's kind does not offer: `what` is
/// a capability's or a command's label, `operation` the attempted call.
pub fn not_offered(provider: &dyn Provider, what: &str, operation: &str) -> ProviderError {
    ProviderError::new(
        provider.account(),
        operation,
        ErrorKind::Unsupported,
        format!("{what} is not offered by {}", provider.kind()),
    )
}

/// Sends `command` to `target` through the API that carries it. Never
/// retried. A command whose API the provider lacks fails with
/// [`ErrorKind::Unsupported`]; a target of the wrong kind is refused
/// before anything is sent.
pub async fn execute(
    provider: &dyn Provider,
    command: &Command,
    target: &Ref,
) -> Result<Submitted> {
    check_target(provider, command, target)?;
    let id = target.id.as_str();
    match command {
        Command::Power(action) => power(provider, command, *action, id).await,
        Command::SetPtr {
            hostname,
            remarks,
            server,
        } => {
            let api = offered(provider, provider.reverse_dns(), command)?;
            let change = PtrChange {
                address: id,
                hostname,
                remarks: remarks.as_deref(),
                server: server.as_deref(),
            };
            api.set_ptr(change).await
        }
        Command::RequestIps {
            ipv6,
            count,
            reason,
        } => {
            let api = offered(provider, provider.ip_requests(), command)?;
            api.request_ips(id, *ipv6, *count, reason).await
        }
        Command::AddContact(fields) => {
            let api = offered(provider, provider.contacts(), command)?;
            api.add_contact(fields).await
        }
        Command::EditContact(fields) => {
            let api = offered(provider, provider.contacts(), command)?;
            api.edit_contact(id, fields).await
        }
        Command::DeleteContact => {
            let api = offered(provider, provider.contacts(), command)?;
            api.delete_contact(id).await
        }
        Command::RequestEpp => registry(provider, command)?.request_epp(id).await,
        Command::SetLock { locked } => registry(provider, command)?.set_lock(id, *locked).await,
        Command::SetNameservers { nameservers } => {
            let api = offered(provider, provider.domains(), command)?;
            api.set_nameservers(id, nameservers).await
        }
        Command::ResetNameservers => {
            let api = offered(provider, provider.nameserver_reset(), command)?;
            api.reset_nameservers(id).await
        }
        Command::SetDomainContacts { owner, admin, tech } => {
            let handles = DomainHandles { owner, admin, tech };
            registry(provider, command)?.set_contacts(id, handles).await
        }
        Command::CancelDomain { immediate } => {
            registry(provider, command)?.cancel(id, *immediate).await
        }
        Command::ReplyTicket { body } => tickets(provider, command)?.reply(id, body).await,
        Command::CloseTicket => tickets(provider, command)?.close(id).await,
        Command::ReopenTicket => tickets(provider, command)?.reopen(id).await,
        Command::OpenTicket(ticket) => tickets(provider, command)?.open(ticket).await,
        Command::AddRecord(fields) => dns(provider, command)?.add_record(id, fields).await,
        Command::EditRecord {
            id: record,
            listed,
            fields,
        } => {
            let change = RecordChange {
                id: record,
                listed,
                fields,
            };
            dns(provider, command)?.edit_record(id, change).await
        }
        Command::DeleteRecord { id: record, listed } => {
            let change = RecordChange {
                id: record,
                listed,
                fields: listed,
            };
            dns(provider, command)?.delete_record(id, change).await
        }
    }
}

/// The DNS API for a record command.
fn dns<'a>(provider: &'a dyn Provider, command: &Command) -> Result<&'a dyn DnsApi> {
    offered(provider, provider.dns(), command)
}

/// The ticket API for a ticket command.
fn tickets<'a>(provider: &'a dyn Provider, command: &Command) -> Result<&'a dyn TicketApi> {
    offered(provider, provider.tickets(), command)
}

/// The registry API for a registry action on a domain.
fn registry<'a>(provider: &'a dyn Provider, command: &Command) -> Result<&'a dyn RegistryApi> {
    offered(provider, provider.registry(), command)
}

/// A power action, when the provider has power actions and this one.
async fn power(
    provider: &dyn Provider,
    command: &Command,
    action: Action,
    id: &str,
) -> Result<Submitted> {
    let api = offered(provider, provider.power(), command)?;
    if !api.actions().contains(&action) {
        let mut error = not_offered(provider, action.label(), command.cli_name());
        let has: Vec<&str> = api.actions().iter().map(|a| a.label()).collect();
        error
            .cause
            .push_str(&format!(" (it has {})", has.join(", ")));
        return Err(error);
    }
    api.power(action, id).await
}

/// A command or a read, as the "not offered" error names it.
pub(super) trait Attempt {
    /// What it needs: a capability's label, or its own.
    fn needs(&self) -> String;
    /// The call it is.
    fn attempted(&self) -> String;
}

impl Attempt for Command {
    fn needs(&self) -> String {
        match self.capability() {
            Some(capability) => capability.label().to_string(),
            None => self.label(),
        }
    }

    fn attempted(&self) -> String {
        self.cli_name().to_string()
    }
}

/// `api`, or the "not offered" error naming what `attempt` needed.
pub(super) fn offered<'a, A: ?Sized>(
    provider: &dyn Provider,
    api: Option<&'a A>,
    attempt: &impl Attempt,
) -> Result<&'a A> {
    api.ok_or_else(|| not_offered(provider, &attempt.needs(), &attempt.attempted()))
}

/// Refuses a command aimed at the wrong kind of object.
fn check_target(provider: &dyn Provider, command: &Command, target: &Ref) -> Result<()> {
    if target.kind == command.target_kind() {
        return Ok(());
    }
    Err(ProviderError::new(
        provider.account(),
        command.cli_name(),
        ErrorKind::Refused,
        format!(
            "{} acts on a {:?}, not on a {:?}",
            command.label(),
            command.target_kind(),
            target.kind
        ),
    ))
}

/// Sends a power action to one server of `provider`'s account: the common
/// case of [`execute`], spelled out once.
pub async fn execute_power(
    provider: &dyn Provider,
    action: Action,
    server_id: &str,
) -> Result<Submitted> {
    let target = Ref::server(provider.account(), server_id);
    execute(provider, &Command::Power(action), &target).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ObjectKind, ProviderKind};
    use crate::provider::testing::Fake;

    #[test]
    fn capabilities_are_the_apis_a_provider_has() {
        assert!(capabilities(&Fake::bare()).is_empty());
        let full = Fake::full();
        assert_eq!(capabilities(&full), Capability::ALL.to_vec());
        for capability in Capability::ALL {
            assert!(offers(&full, capability), "{capability:?}");
        }
    }

    #[tokio::test]
    async fn a_missing_api_is_the_one_not_offered_error() {
        let bare = Fake::bare();
        let target = Ref::new("fake", ObjectKind::Ip, "10.0.0.1");
        let command = Command::SetPtr {
            hostname: "a.example".into(),
            remarks: None,
            server: None,
        };
        let error = execute(&bare, &command, &target).await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unsupported);
        assert_eq!(
            error.to_string(),
            format!(
                "fake: set-ptr: reverse DNS editing is not offered by {}",
                ProviderKind::I3d
            )
        );
        let error = execute_power(&bare, Action::Reboot, "s1")
            .await
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "fake: reboot: reboot is not offered by i3d"
        );
    }

    #[tokio::test]
    async fn commands_reach_their_api_and_power_actions_are_checked() {
        let full = Fake::full();
        let done = execute_power(&full, Action::Reboot, "s1").await.unwrap();
        assert_eq!(done, Submitted::Done("power reboot s1".into()));
        let error = execute_power(&full, Action::Pause, "s1").await.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Unsupported);
        assert!(
            error.cause.ends_with("(it has reboot, power on)"),
            "{error}"
        );
        let domain = Ref::new("fake", ObjectKind::Domain, "a.nl");
        let done = execute(&full, &Command::SetLock { locked: true }, &domain)
            .await
            .unwrap();
        assert_eq!(done, Submitted::Done("lock a.nl true".into()));
    }

    #[tokio::test]
    async fn record_commands_change_the_zone_that_the_next_list_shows() {
        use crate::model::RecordFields;
        use crate::provider::{fetch, Fetch, Fetched};
        let full = Fake::full();
        let domain = Ref::new("fake", ObjectKind::Domain, "a.nl");
        let fields = |content: &str| RecordFields::new("A", "www", content, None);
        let add = Command::AddRecord(Box::new(fields("192.0.2.1")));
        let done = execute(&full, &add, &domain).await.unwrap();
        assert_eq!(
            done,
            Submitted::Done("add-record a.nl A www → 192.0.2.1".into())
        );
        let list = || async {
            match fetch(&full, &Fetch::Records("a.nl".into())).await.unwrap() {
                Fetched::Records(records) => records,
                other => panic!("{other:?}"),
            }
        };
        let records = list().await;
        assert_eq!(records.len(), 1);
        let id = records[0].id.clone();
        let edit = Command::EditRecord {
            id: id.clone(),
            listed: Box::new(fields("192.0.2.1")),
            fields: Box::new(fields("192.0.2.2")),
        };
        execute(&full, &edit, &domain).await.unwrap();
        assert_eq!(list().await[0].content, "192.0.2.2");
        let stale = Command::DeleteRecord {
            id: id.clone(),
            listed: Box::new(fields("192.0.2.1")),
        };
        let error = execute(&full, &stale, &domain).await.unwrap_err();
        assert!(
            error.cause.contains("changed since it was listed"),
            "{error}"
        );
        let delete = Command::DeleteRecord {
            id,
            listed: Box::new(fields("192.0.2.2")),
        };
        execute(&full, &delete, &domain).await.unwrap();
        assert!(list().await.is_empty());
        let error = execute(&Fake::bare(), &add, &domain).await.unwrap_err();
        assert_eq!(
            error.to_string(),
            "fake: add-record: DNS records is not offered by i3d"
        );
    }

    #[tokio::test]
    async fn a_target_of_the_wrong_kind_is_refused_before_sending() {
        let full = Fake::full();
        let server = Ref::server("fake", "s1");
        let error = execute(&full, &Command::RequestEpp, &server)
            .await
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Refused);
        assert!(full.calls().is_empty(), "{:?}", full.calls());
    }
}
