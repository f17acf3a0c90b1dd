//! Headless DNS records: `list records DOMAIN`, and the domain and record
//! a record action names, with the record as listed (which the command
//! carries so the provider can check its id still names it).

use super::exit;
use super::query::{account_of, resolve_domain, split_reference, Miss};
use crate::app::policy;
use crate::model::{Capability, DnsRecord, ObjectKind, Ref};
use crate::provider::{fetch, Fetch, Fetched};
use crate::setup::{Account, Setup};

/// The domain `reference` names (`--account` qualifies a bare name). In
/// an account without DNS records (or without a domain list) it is taken
/// as typed, for the policy to refuse; else it is the listed domain.
pub async fn domain_target(
    setup: &Setup,
    reference: &str,
    only: Option<&str>,
) -> Result<Ref, Miss> {
    let (account, name) = split_reference(setup, reference);
    let account = account.or(only);
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    if let Some(account) = account {
        let provider = &account_of(setup, account)?.provider;
        if provider.dns().is_none() || provider.domains().is_none() {
            return Ok(Ref::new(account, ObjectKind::Domain, name));
        }
    }
    let reference = match account {
        Some(account) => format!("{account}:{name}"),
        None => name,
    };
    let (domain, _) = resolve_domain(setup, &reference).await?;
    Ok(domain.reference())
}

/// Why the account refuses DNS records, if it does (exit code 3).
fn refusal(account: &Account) -> Result<(), Miss> {
    match policy::not_offered(Capability::DnsRecords, &account.info()) {
        Some(why) => Err((exit::REFUSED, why)),
        None => Ok(()),
    }
}

/// Every record of the domain, as its provider lists them now.
pub async fn records(setup: &Setup, domain: &Ref) -> Result<Vec<DnsRecord>, Miss> {
    let account = account_of(setup, &domain.account)?;
    refusal(account)?;
    let what = Fetch::Records(domain.id.clone());
    match fetch(account.provider.as_ref(), &what).await {
        Ok(Fetched::Records(records)) => Ok(records),
        Ok(_) => Ok(Vec::new()),
        Err(error) => Err((exit::FAILED, error.to_string())),
    }
}

/// `list records DOMAIN [--account A] [--json]`.
pub async fn list(setup: &Setup, reference: Option<&str>, only: Option<&str>, json: bool) -> i32 {
    let listed = async {
        let reference = reference.ok_or((
            exit::USAGE,
            "list records needs a DOMAIN: hostdeck list records [ACCOUNT:]DOMAIN".to_string(),
        ))?;
        let domain = domain_target(setup, reference, only).await?;
        records(setup, &domain).await
    };
    match listed.await {
        Ok(records) => {
            out!("{}", crate::output::records(&records, json));
            exit::OK
        }
        Err((code, message)) => {
            eprintln!("hostdeck: {message}");
            code
        }
    }
}

/// The record `id` of `domain` as listed now; refused (exit 2) when the
/// domain has none with that id. An account without DNS records lists
/// nothing: `None`, for the policy to refuse.
pub async fn listed(setup: &Setup, domain: &Ref, id: &str) -> Result<Option<DnsRecord>, Miss> {
    let account = account_of(setup, &domain.account)?;
    if refusal(account).is_err() {
        return Ok(None);
    }
    let records = records(setup, domain).await?;
    match records.into_iter().find(|r| r.id == id) {
        Some(record) => Ok(Some(record)),
        None => Err((
            exit::USAGE,
            format!(
                "no record {id} in {} (`hostdeck list records {}:{}` shows them)",
                domain.id, domain.account, domain.id
            ),
        )),
    }
}
