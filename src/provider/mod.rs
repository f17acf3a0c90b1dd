//! The `Provider` trait every provider kind implements, and its error type.
//!
//! Providers know nothing of `app` or `ui`: they turn requests into model
//! values over HTTP and report failures as [`ProviderError`].

pub mod clc;
pub mod controlepaneel;
pub mod http;
pub mod lenient;
mod resource;

pub use resource::{execute, fetch, offers, Fetch, Fetched};

use crate::model::{
    Capability, Colocation, Command, Contact, Domain, HistoryEntry, MetricSeries, Missing, Ref,
    Server,
};
use std::future::Future;
use std::pin::Pin;

/// A boxed future, so the trait stays object-safe (`Box<dyn Provider>`).
pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Everything one inventory refresh of an account returns.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    pub servers: Vec<Server>,
    /// Gauges read during this refresh (e.g. load, cabinet amps). The store
    /// appends each to the server's ring buffer, so sparklines grow per poll.
    pub samples: Vec<ServerSample>,
    /// Enrichments that failed while the primary list arrived: the
    /// account is up, these parts are empty (see DESIGN.md, "Refreshes").
    pub missing: Vec<Missing>,
}

/// One gauge reading of one server, taken during an inventory refresh.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerSample {
    pub server_id: String,
    /// The series name, e.g. `load` or `amps A`.
    pub metric: String,
    pub unit: String,
    pub value: f64,
}

/// Every domain and domain contact of an account.
#[derive(Clone, Debug, Default)]
pub struct DomainInventory {
    pub domains: Vec<Domain>,
    pub contacts: Vec<Contact>,
    /// Parts that failed while the domain list arrived (one domain's
    /// details, the contacts).
    pub missing: Vec<Missing>,
}

/// How the provider took a mutating command.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// Done at once; the text says what happened.
    Done(String),
    /// Queued; poll [`Provider::job_status`] with this handle.
    Queued { handle: String },
}

/// Progress of a queued provider request.
#[derive(Clone, Debug, PartialEq)]
pub enum JobProgress {
    Running { percent: Option<u8>, note: String },
    Succeeded(String),
    Failed(String),
}

/// What went wrong, in a form the health model understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Credentials refused.
    Auth,
    /// Could not connect, connection dropped, or timed out.
    Transport,
    /// HTTP status other than success.
    Http,
    /// The answer could not be read (malformed body, unexpected shape).
    Parse,
    /// The API answered with an error code of its own.
    Api,
    /// The provider has no such capability.
    Unsupported,
    /// Refused before sending: bad input or read-only.
    Refused,
}

/// A provider failure. Its message names the account, the operation and the
/// cause, and never contains a secret.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{account}: {operation}: {cause}")]
pub struct ProviderError {
    pub account: String,
    pub operation: String,
    pub kind: ErrorKind,
    pub cause: String,
}

impl ProviderError {
    pub fn new(
        account: impl Into<String>,
        operation: impl Into<String>,
        kind: ErrorKind,
        cause: impl Into<String>,
    ) -> Self {
        ProviderError {
            account: account.into(),
            operation: operation.into(),
            kind,
            cause: cause.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, ProviderError>;

/// One configured account of one provider kind.
pub trait Provider: Send + Sync {
    /// The account name from the config.
    fn account(&self) -> &str;

    /// The provider kind, e.g. `clc`.
    fn kind(&self) -> &'static str;

    /// Logs in (or checks the credentials) and reports what it saw.
    fn check(&self) -> BoxFut<'_, Result<String>>;

    /// Fetches every server of the account, with their IPs.
    fn inventory(&self) -> BoxFut<'_, Result<Inventory>>;

    /// Fetches one server afresh.
    fn server(&self, id: &str) -> BoxFut<'_, Result<Server>>;

    /// Fetches telemetry series for one server (CLC: hourly cost).
    fn telemetry(&self, server_id: &str) -> BoxFut<'_, Result<Vec<MetricSeries>>>;

    /// Sends a mutating command to `target`. Never retried automatically.
    /// A command the provider cannot carry out fails with [`ErrorKind::Unsupported`].
    fn execute<'a>(
        &'a self,
        command: &'a Command,
        target: &'a Ref,
    ) -> BoxFut<'a, Result<Submitted>>;

    /// Polls a queued request.
    fn job_status(&self, handle: &str) -> BoxFut<'_, Result<JobProgress>>;

    /// What this account can do beyond servers and their power actions.
    fn capabilities(&self) -> Vec<Capability> {
        Vec::new()
    }

    /// Every domain (with details) and domain contact of the account.
    fn domains(&self) -> BoxFut<'_, Result<DomainInventory>> {
        refuse(self, Capability::Domains, "list domains")
    }

    /// Fetches one domain afresh; `id` is the domain name.
    fn domain(&self, _id: &str) -> BoxFut<'_, Result<Domain>> {
        refuse(self, Capability::Domains, "get domain")
    }

    /// The actions carried out earlier on a domain, newest first.
    fn domain_history(&self, _id: &str) -> BoxFut<'_, Result<Vec<HistoryEntry>>> {
        refuse(self, Capability::Domains, "get domain history")
    }

    /// Colocation visitors and visits.
    fn colocation(&self) -> BoxFut<'_, Result<Colocation>> {
        refuse(self, Capability::Colocation, "list colocation access")
    }
}

/// The answer of a method whose capability the provider lacks.
fn refuse<T: Send + 'static, P: Provider + ?Sized>(
    provider: &P,
    capability: Capability,
    operation: &str,
) -> BoxFut<'static, Result<T>> {
    let error = unsupported(provider.account(), provider.kind(), capability, operation);
    Box::pin(std::future::ready(Err(error)))
}

/// The error for a capability `kind` does not offer.
pub fn unsupported(
    account: &str,
    kind: &str,
    capability: Capability,
    operation: &str,
) -> ProviderError {
    ProviderError::new(
        account,
        operation,
        ErrorKind::Unsupported,
        format!("{} is not offered by {kind}", capability.label()),
    )
}

/// Sends a power action to one server of `provider`'s account: the common
/// case of [`Provider::execute`], spelled out once.
pub async fn execute_power(
    provider: &(impl Provider + ?Sized),
    action: crate::model::Action,
    server_id: &str,
) -> Result<Submitted> {
    let target = Ref::server(provider.account(), server_id);
    provider.execute(&Command::Power(action), &target).await
}
