//! One exchange with the controlepaneel API (variables out, XML in, auth
//! and status codes checked), reads retried on transport trouble, and
//! mutations sent exactly once.

use super::map;
use super::pull::FromAnswer;
use super::wire::{self, Call, Reply, Step, WireError};
use super::{codes, ControlepaneelSettings, HttpMethod};
use crate::provider::http::{
    excerpt, operation, retry_read, unsure_if_sent, HttpClient, RawAnswer,
};
use crate::provider::{ErrorKind, ProviderError, Result};

/// The variables of one call after the four connection variables, in the
/// document's order.
#[derive(Clone, Debug, Default)]
pub(super) struct Vars(Vec<(&'static str, String)>);

impl Vars {
    pub(super) fn new() -> Self {
        Vars::default()
    }

    /// A required variable: always sent.
    pub(super) fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// An optional variable: left out when not given or blank.
    pub(super) fn opt(self, name: &'static str, value: Option<&str>) -> Self {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    pub(super) fn sld_tld(sld: &str, tld: &str) -> Self {
        Vars::new().with("SLD", sld).with("TLD", tld)
    }

    pub(super) fn identifier(id: &str) -> Self {
        Vars::new().with("Identifier", id)
    }
}

/// A controlepaneel.com account.
pub struct ControlepaneelProvider {
    pub(super) settings: ControlepaneelSettings,
    pub(super) http: HttpClient,
}

impl std::fmt::Debug for ControlepaneelProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControlepaneelProvider")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ControlepaneelProvider {
    /// Sets up the account; nothing is sent until the first call. An empty
    /// base URL, account id or hash is refused with a message naming the
    /// account.
    pub fn new(settings: ControlepaneelSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let url = settings.base_url.trim();
        if url.is_empty() {
            return Err(refuse(
                "base_url is empty; the controlepaneel document names no endpoint, so give the API's URL",
            ));
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(refuse("base_url must start with http:// or https://"));
        }
        if settings.account_id.trim().is_empty() {
            return Err(refuse("account_id is empty"));
        }
        if settings.hash.is_empty() {
            return Err(refuse("hash is empty"));
        }
        let http = HttpClient::new(
            &settings.account,
            vec![settings.hash.clone()],
            settings.timeouts,
        )?;
        Ok(ControlepaneelProvider { settings, http })
    }

    /// Sends `call` once and reads its answer (auth checked, status not yet).
    pub(super) async fn exchange<T: FromAnswer>(
        &self,
        call: &Call,
        op: &str,
        vars: &Vars,
    ) -> Result<T> {
        let mut params: Vec<(&str, &str)> = vec![
            ("Account", self.settings.account_id.trim()),
            ("Hash", self.settings.hash.expose()),
            ("Module", call.module),
            ("Action", call.action),
        ];
        params.extend(vars.0.iter().map(|(name, value)| (*name, value.as_str())));
        let url = self.settings.base_url.trim();
        let client = self.http.reqwest();
        let request = match self.settings.method {
            HttpMethod::Post => client.post(url).form(&params),
            HttpMethod::Get => client.get(url).query(&params),
        };
        let answer = self.http.send_raw(op, request).await?;
        self.decode(call, op, &answer)
    }

    fn decode<T: FromAnswer>(&self, call: &Call, op: &str, answer: &RawAnswer) -> Result<T> {
        match wire::parse::<T>(&answer.body, call) {
            Ok(value) => Ok(value),
            Err(WireError::Auth(failure)) => {
                Err(self.http.error(op, ErrorKind::Auth, failure.to_string()))
            }
            Err(e) => Err(self.unreadable(op, answer, &e)),
        }
    }

    /// The error for an answer without the expected element, by HTTP status.
    fn unreadable(&self, op: &str, answer: &RawAnswer, e: &WireError) -> ProviderError {
        let body = wire::redact_echoes(&wire::decode_text(&answer.body));
        let shown = excerpt(&body);
        let status = answer.status;
        match status {
            401 | 403 => self.http.error(
                op,
                ErrorKind::Auth,
                format!("provider answered HTTP {status}: {shown}"),
            ),
            400.. => self.http.error(
                op,
                ErrorKind::Http,
                format!("provider answered HTTP {status}: {shown}"),
            ),
            _ if *e == WireError::Empty => self.http.error(op, ErrorKind::Parse, e.to_string()),
            _ => self.http.error(
                op,
                ErrorKind::Parse,
                format!("{e}; the answer began: {shown}"),
            ),
        }
    }

    /// Checks `Status` and every `ActionN` block: each must be a success,
    /// and a mutation must carry every result block the document shows.
    fn check_outcome<T: Reply>(&self, call: &Call, op: &str, answer: &T) -> Result<()> {
        let api = |cause: String| self.http.error(op, ErrorKind::Api, cause);
        match Step::of(answer.status()) {
            Step::Succeeded(_) => {}
            Step::Failed(code) => {
                return Err(api(codes::explain(
                    call,
                    "Status",
                    &code,
                    answer.description(),
                )))
            }
            Step::Unknown(code) => return Err(api(unknown_outcome(call, "Status", code))),
        }
        let steps = answer.steps();
        let mut done: Option<String> = None;
        for step in &steps {
            match Step::of(step.status) {
                Step::Succeeded(code) => done = Some(code),
                Step::Failed(code) => {
                    let explained = codes::explain(call, step.label, &code, step.description);
                    return Err(api(match &done {
                        Some(_) => partly_done(call, &explained),
                        None => explained,
                    }));
                }
                Step::Unknown(code) => return Err(api(unknown_outcome(call, step.label, code))),
            }
        }
        if steps.len() < usize::from(call.steps) {
            let missing = format!("Action{}", steps.len() + 1);
            return Err(api(format!(
                "the answer has no {missing} result, so it is not known whether the change was made; check before sending it again"
            )));
        }
        Ok(())
    }

    /// An idempotent read: retried on transport trouble and 5xx.
    pub(super) async fn read<T: FromAnswer + Reply>(
        &self,
        call: &Call,
        what: &str,
        vars: Vars,
    ) -> Result<T> {
        let op = operation(call, what);
        retry_read(|| async {
            let answer: T = self.exchange(call, &op, &vars).await?;
            self.check_outcome(call, &op, &answer)?;
            Ok(answer)
        })
        .await
    }

    /// A mutation: sent exactly once.
    pub(super) async fn mutate<T: FromAnswer + Reply>(
        &self,
        call: &Call,
        what: &str,
        vars: Vars,
    ) -> Result<T> {
        let op = operation(call, what);
        let answer: T = self
            .exchange(call, &op, &vars)
            .await
            .map_err(unsure_if_sent)?;
        self.check_outcome(call, &op, &answer)?;
        Ok(answer)
    }

    pub(super) fn refuse(&self, op: &str, cause: impl AsRef<str>) -> ProviderError {
        self.http.error(op, ErrorKind::Refused, cause)
    }

    /// The (SLD, TLD) of a domain id, or a refusal naming `call`.
    pub(super) fn split<'a>(&self, call: &Call, id: &'a str) -> Result<(&'a str, &'a str)> {
        map::split_domain(id).ok_or_else(|| {
            self.refuse(
                &operation(call, id),
                format!("{id:?} is not a domain name (expected name.tld)"),
            )
        })
    }
}

/// The message for a status that is neither a success nor an error.
fn unknown_outcome(call: &Call, field: &str, code: Option<String>) -> String {
    let seen = match code {
        Some(code) => format!("{field} is {code:?}, which is neither a success nor an error"),
        None => format!("the answer has no {field}"),
    };
    if call.mutates() {
        format!(
            "{seen}, so it is not known whether the change was made; check before sending it again"
        )
    } else {
        format!("{seen}, so the answer cannot be trusted")
    }
}

/// The message for a mutation whose first step succeeded and a later one failed.
fn partly_done(call: &Call, failed: &str) -> String {
    if *call == wire::DOMAINS_EDIT_DETAILS {
        format!(
            "the new contacts were stored by controlepaneel but NOT applied at the registrar ({failed})"
        )
    } else {
        format!("partly done: the first step succeeded, but {failed}")
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
