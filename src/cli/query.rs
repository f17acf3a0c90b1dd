//! Headless reads: fetching servers, domains and contacts of the selected
//! accounts, `list`, `show`, and finding one object by a reference typed
//! on the command line.

use super::{exit, ListKind, ShowKind};
use crate::model::{Capability, Contact, Domain, Ip, Missing, Server};
use crate::provider::{BoxFut, Inventory, Provider, ProviderError};
use crate::setup::{Account, Setup};

/// A failure to find what the user named: exit code and message.
pub type Miss = (i32, String);

/// The accounts `only` selects (all when `None`).
fn selected<'a>(setup: &'a Setup, only: Option<&str>) -> Vec<&'a Account> {
    setup
        .accounts
        .iter()
        .filter(|a| only.is_none_or(|name| a.config.name == name))
        .collect()
}

/// The selected accounts with the API `get` finds, saying on stderr when
/// the account named by `only` lacks it (`capability`), or no account has it.
pub fn offering<'a, A: ?Sized>(
    setup: &'a Setup,
    only: Option<&str>,
    capability: Capability,
    get: impl Fn(&'a dyn Provider) -> Option<&'a A>,
) -> Vec<(&'a Account, &'a A)> {
    let mut apis = Vec::new();
    for account in selected(setup, only) {
        match get(account.provider.as_ref()) {
            Some(api) => apis.push((account, api)),
            None if only.is_some() => eprintln!(
                "hostdeck: {} is not offered by {} (account {})",
                capability.label(),
                account.config.kind(),
                account.config.name
            ),
            None => {}
        }
    }
    if apis.is_empty() && only.is_none() {
        eprintln!("hostdeck: no account offers {}", capability.label());
    }
    apis
}

/// Runs `read` on every API at once. Failures are reported on stderr
/// (the error names the account) and make the flag true; naming an
/// account that lacks the API (`apis` empty while `only` is set) does too.
pub async fn read_each<'a, A: ?Sized, T>(
    apis: Vec<(&'a Account, &'a A)>,
    only: Option<&str>,
    read: impl Fn(&'a A) -> BoxFut<'a, Result<T, ProviderError>>,
) -> (Vec<(&'a Account, T)>, bool) {
    let mut failed = only.is_some() && apis.is_empty();
    let results = futures::future::join_all(apis.iter().map(|(_, api)| read(api))).await;
    let mut read = Vec::new();
    for ((account, _), result) in apis.into_iter().zip(results) {
        match result {
            Ok(value) => read.push((account, value)),
            Err(error) => {
                eprintln!("hostdeck: {error}");
                failed = true;
            }
        }
    }
    (read, failed)
}

/// The inventory of every selected account, read at once; the parts of
/// an account that could not be fetched are reported on stderr (the
/// servers that arrived are kept).
pub async fn read_inventories<'a>(
    setup: &'a Setup,
    only: Option<&str>,
) -> (Vec<(&'a Account, Inventory)>, bool) {
    let apis = selected(setup, only)
        .into_iter()
        .map(|a| (a, a.provider.servers()))
        .collect();
    let (read, failed) = read_each(apis, None, |api| api.inventory()).await;
    for (account, inventory) in &read {
        warn_missing(account, &inventory.missing);
    }
    (read, failed)
}

/// The servers of every selected account, by account and name.
pub async fn inventories(setup: &Setup, only: Option<&str>) -> (Vec<Server>, bool) {
    let (read, failed) = read_inventories(setup, only).await;
    let mut servers: Vec<Server> = read.into_iter().flat_map(|(_, i)| i.servers).collect();
    servers.sort_by(|a, b| (&a.account, &a.name).cmp(&(&b.account, &b.name)));
    (servers, failed)
}

/// One warning line on stderr per part of `account` that was not fetched.
pub fn warn_missing(account: &Account, missing: &[Missing]) {
    let name = &account.config.name;
    for gap in missing {
        eprintln!(
            "hostdeck: warning: {name}: {}",
            crate::output::not_fetched(name, gap)
        );
    }
}

/// Fetches domains and contacts of every selected account that offers
/// domains. Naming an account without domains is an error of its own.
pub async fn domain_inventories(
    setup: &Setup,
    only: Option<&str>,
) -> (Vec<Domain>, Vec<Contact>, bool) {
    let apis = offering(setup, only, Capability::Domains, |p| p.domains());
    let (read, failed) = read_each(apis, only, |api| api.domains()).await;
    let (mut domains, mut contacts) = (Vec::new(), Vec::new());
    for (account, inventory) in read {
        warn_missing(account, &inventory.missing);
        domains.extend(inventory.domains);
        contacts.extend(inventory.contacts);
    }
    domains.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
    contacts.sort_by(|a, b| (&a.account, &a.id).cmp(&(&b.account, &b.id)));
    (domains, contacts, failed)
}

/// `list servers --json`, written to stdout as it is serialized.
fn print_servers_json(servers: &[Server]) {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = crate::output::write_json_list(&mut out, "server", servers);
    let _ = out.flush();
}

pub async fn list(setup: &Setup, what: ListKind, account: Option<&str>, json: bool) -> i32 {
    if let Some(name) = account {
        if !setup.accounts.iter().any(|a| a.config.name == name) {
            eprintln!("hostdeck: no account named {name}");
            return exit::USAGE;
        }
    }
    let (output, failed) = match what {
        ListKind::Jobs => return list_jobs(setup, json),
        ListKind::Records => return super::records::list(setup, None, account, json).await,
        ListKind::Servers if json => {
            let (servers, failed) = inventories(setup, account).await;
            print_servers_json(&servers);
            return if failed { exit::FAILED } else { exit::OK };
        }
        ListKind::Servers | ListKind::Ips => {
            let (servers, failed) = inventories(setup, account).await;
            let output = match what {
                ListKind::Servers => crate::output::servers(&servers, json),
                _ => crate::output::ips(&servers, json),
            };
            (output, failed)
        }
        ListKind::Domains | ListKind::Contacts => {
            let (domains, contacts, failed) = domain_inventories(setup, account).await;
            let output = match what {
                ListKind::Domains => crate::output::domains(&domains, &contacts, json),
                _ => crate::output::contacts(&contacts, &domains, json),
            };
            (output, failed)
        }
        ListKind::Tickets => {
            let (tickets, failed) = super::tickets::ticket_inventories(setup, account).await;
            (crate::output::tickets(&tickets, json), failed)
        }
        ListKind::Telemetry => {
            let (rows, failed) = super::telemetry::rows(setup, account).await;
            (crate::output::telemetry(&rows, json), failed)
        }
    };
    out!("{output}");
    if failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

fn list_jobs(setup: &Setup, json: bool) -> i32 {
    match crate::snapshot::load(&setup.paths.snapshot) {
        Ok(snapshot) => {
            let jobs = snapshot.map(|s| s.jobs).unwrap_or_default();
            out!("{}", crate::output::jobs(&jobs, json));
            exit::OK
        }
        Err(error) => {
            eprintln!("hostdeck: {error}");
            exit::FAILED
        }
    }
}

pub async fn show(setup: &Setup, kind: ShowKind, reference: &str) -> i32 {
    let shown = match kind {
        ShowKind::Server => resolve_server(setup, reference)
            .await
            .map(|server| crate::output::server_details(&server)),
        ShowKind::Domain => show_domain(setup, reference).await,
        ShowKind::Ticket => super::tickets::show(setup, reference).await,
    };
    match shown {
        Ok(text) => {
            out!("{text}");
            exit::OK
        }
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

async fn show_domain(setup: &Setup, reference: &str) -> Result<String, Miss> {
    let (domain, contacts) = resolve_domain(setup, reference).await?;
    let account = account_of(setup, &domain.account)?;
    let history = match account.provider.registry() {
        Some(api) => api.history(&domain.id).await.unwrap_or_else(|error| {
            eprintln!("hostdeck: {error}");
            Vec::new()
        }),
        None => Vec::new(),
    };
    Ok(crate::output::domain_details(&domain, &contacts, &history))
}

pub fn account_of<'a>(setup: &'a Setup, name: &str) -> Result<&'a Account, Miss> {
    setup
        .accounts
        .iter()
        .find(|a| a.config.name == name)
        .ok_or((exit::USAGE, format!("no account named {name}")))
}

/// Splits `ACCOUNT:ID` when ACCOUNT is configured; else the whole text is the id.
pub fn split_reference<'a>(setup: &Setup, reference: &'a str) -> (Option<&'a str>, &'a str) {
    match reference.split_once(':') {
        Some((account, id)) if setup.accounts.iter().any(|a| a.config.name == account) => {
            (Some(account), id)
        }
        _ => (None, reference),
    }
}

/// The one match, or a message saying there was none or several.
pub fn exactly_one<T>(
    matches: Vec<T>,
    reference: &str,
    what: &str,
    failed: bool,
    name: impl Fn(&T) -> String,
) -> Result<T, Miss> {
    if matches.len() > 1 {
        let names: Vec<String> = matches.iter().map(name).collect();
        return Err((
            exit::USAGE,
            format!(
                "{reference} is ambiguous: {} (use ACCOUNT:ID)",
                names.join(", ")
            ),
        ));
    }
    match matches.into_iter().next() {
        Some(found) => Ok(found),
        None if failed => Err((
            exit::FAILED,
            format!("{reference} not found (some accounts failed to answer)"),
        )),
        None => Err((exit::USAGE, format!("no {what} matches {reference}"))),
    }
}

/// Finds one server by `ACCOUNT:ID`, or by a name or IP that is
/// unambiguous across accounts.
pub async fn resolve_server(setup: &Setup, reference: &str) -> Result<Server, Miss> {
    let (account, id) = split_reference(setup, reference);
    let (servers, failed) = inventories(setup, account).await;
    let matches: Vec<Server> = servers
        .into_iter()
        .filter(|s| {
            s.id.eq_ignore_ascii_case(id)
                || s.name.eq_ignore_ascii_case(id)
                || s.primary_ip.as_deref() == Some(id)
                || s.ips.iter().any(|ip| ip.address == id)
        })
        .collect();
    exactly_one(matches, reference, "server", failed, |s| {
        format!("{}:{}", s.account, s.id)
    })
}

/// Finds one IP address (and its server) by `ACCOUNT:ADDRESS` or an address.
pub async fn resolve_ip(setup: &Setup, reference: &str) -> Result<(Server, Ip), Miss> {
    let (account, address) = split_reference(setup, reference);
    let (servers, failed) = inventories(setup, account).await;
    let matches: Vec<(Server, Ip)> = servers
        .into_iter()
        .filter_map(|s| {
            let ip = s.ips.iter().find(|ip| same_address(&ip.address, address))?;
            let ip = ip.clone();
            Some((s, ip))
        })
        .collect();
    exactly_one(matches, reference, "IP address", failed, |(s, ip)| {
        format!("{}:{}", s.account, ip.address)
    })
}

/// Addresses compare as parsed IPs when they parse (IPv6 has many spellings).
pub fn same_address(a: &str, b: &str) -> bool {
    match (a.parse::<std::net::IpAddr>(), b.parse::<std::net::IpAddr>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// Finds one domain by `ACCOUNT:NAME` or a name unambiguous across accounts,
/// with the contacts of its account.
pub async fn resolve_domain(
    setup: &Setup,
    reference: &str,
) -> Result<(Domain, Vec<Contact>), Miss> {
    let (account, name) = split_reference(setup, reference);
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let (domains, contacts, failed) = domain_inventories(setup, account).await;
    let matches: Vec<Domain> = domains.into_iter().filter(|d| d.id == name).collect();
    let domain = exactly_one(matches, reference, "domain", failed, |d| {
        format!("{}:{}", d.account, d.id)
    })?;
    let contacts = contacts
        .into_iter()
        .filter(|c| c.account == domain.account)
        .collect();
    Ok((domain, contacts))
}
