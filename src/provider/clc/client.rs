//! One exchange with the CLC v1 API and the session around it: lazy
//! `Auth/Logon`, one re-logon on StatusCode 100, reads retried on transport
//! trouble, mutations sent exactly once.

use super::delta::{ApiClock, Plan, PollState};
use super::wire::{self, Decoded, Outcome, Request};
use super::{ClcSettings, WireFormat};
use crate::provider::http::{excerpt, operation, retry_read, unsure_if_sent, Answer, HttpClient};
use crate::provider::{ErrorKind, ProviderError, Result};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt;
use tokio::sync::Mutex;

/// One API method: its area and name, as in `/REST/<Area>/<Method>/JSON`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Method {
    area: &'static str,
    name: &'static str,
    /// Answers with a whole inventory (megabytes at 10,000 servers).
    bulk: bool,
}

pub(super) const fn method(area: &'static str, name: &'static str) -> Method {
    Method {
        area,
        name,
        bulk: false,
    }
}

/// A method whose answer is a whole inventory. It is read on a connection
/// of its own, closed after the answer: the HTTP client's read buffer of a
/// connection grows to hold such an answer and keeps that size while the
/// connection idles in the pool (at 10,000 servers each idle connection
/// held about 0.4 MB, and the pool grew from one full read to the next).
/// One new connection per location every `full_read_every`th poll is the
/// price; the small reads of every poll keep their pooled connections.
pub(super) const fn bulk_method(area: &'static str, name: &'static str) -> Method {
    Method {
        bulk: true,
        ..method(area, name)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.area, self.name)
    }
}

/// The logon state. `generation` counts logons, so that several calls that
/// see an expired session at once log on again only once.
#[derive(Default)]
struct Session {
    logged_on: bool,
    generation: u64,
}

/// What one POST came back with, once the envelope was checked.
enum Reply {
    Answer(Decoded),
    /// StatusCode 100, with the API's message.
    SessionExpired(String),
}

/// A CenturyLink Cloud v1 account.
pub struct ClcProvider {
    pub(super) settings: ClcSettings,
    /// `base_url` with a trailing slash.
    base: String,
    pub(super) http: HttpClient,
    session: Mutex<Session>,
    /// Server name (upper case) -> the sub-account alias it was listed
    /// under (hierarchy mode), so later calls address the right account.
    aliases: std::sync::Mutex<HashMap<String, String>>,
    /// The API's clock, from its answers' `Date` headers.
    pub(super) clock: ApiClock,
    /// What the inventory polls remember between them.
    polls: std::sync::Mutex<PollState>,
}

impl fmt::Debug for ClcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClcProvider")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ClcProvider {
    /// Sets up the account. Nothing is sent until the first call, which
    /// logs on first.
    pub fn new(settings: ClcSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let url = settings.base_url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(refuse("base_url must start with http:// or https://"));
        }
        if settings.api_key.is_empty() || settings.password.is_empty() {
            return Err(refuse("api_key and password must both be given"));
        }
        let base = format!("{}/", url.trim_end_matches('/'));
        let secrets = vec![settings.api_key.clone(), settings.password.clone()];
        let http = HttpClient::new(&settings.account, secrets, settings.timeouts)?;
        Ok(ClcProvider {
            settings,
            base,
            http,
            session: Mutex::new(Session::default()),
            aliases: std::sync::Mutex::new(HashMap::new()),
            clock: ApiClock::default(),
            polls: std::sync::Mutex::new(PollState::default()),
        })
    }

    fn format(&self) -> WireFormat {
        self.settings.format
    }

    fn url(&self, method: Method) -> String {
        let segment = self.format().segment();
        format!("{}{}/{}/{segment}", self.base, method.area, method.name)
    }

    /// The account alias to address a server with.
    pub(super) fn alias_for(&self, server: &str) -> Option<String> {
        let learned = self
            .aliases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&server.to_ascii_uppercase())
            .cloned();
        learned.or_else(|| self.settings.account_alias.clone())
    }

    /// Whether the next inventory poll reads every server or the changes.
    pub(super) fn poll_plan(&self) -> Plan {
        self.polls().plan(self.settings.full_read_every)
    }

    /// Whether the next inventory reads every server (the first, every
    /// `full_read_every`th, and after a read that missed a location).
    pub fn next_read_is_full(&self) -> bool {
        self.poll_plan() == Plan::Full
    }

    /// Makes the next inventory read every server and hand all of them
    /// on, as the first one does (for a consumer that starts afresh).
    pub fn hand_on_whole_next(&self) {
        let mut polls = self.polls();
        *polls = PollState::default();
    }

    pub(super) fn polls(&self) -> std::sync::MutexGuard<'_, PollState> {
        self.polls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) fn remember_aliases(&self, alias: &str, servers: &[wire::Server]) {
        let mut aliases = self
            .aliases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for name in servers.iter().filter_map(|s| s.name.as_deref()) {
            let name = name.to_ascii_uppercase();
            // Kept as it is when known: a poll does not rebuild what stays.
            if aliases.get(&name).map(String::as_str) != Some(alias) {
                aliases.insert(name, alias.to_string());
            }
        }
    }

    // -- one exchange ------------------------------------------------------

    /// POSTs `request` to `url` once and checks the envelope;
    /// `own_connection` closes the connection after it (see
    /// [`bulk_method`]).
    async fn exchange<R: Request>(
        &self,
        op: &str,
        url: &str,
        request: &R,
        own_connection: bool,
    ) -> Result<Reply> {
        let (body, content_type) = wire::encode(request, self.format()).map_err(|e| {
            self.http.error(
                op,
                ErrorKind::Refused,
                format!("cannot encode the request: {e}"),
            )
        })?;
        let builder = self
            .http
            .reqwest()
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body);
        let builder = if own_connection {
            builder.header(reqwest::header::CONNECTION, "close")
        } else {
            builder
        };
        let Answer {
            status, body, date, ..
        } = self.http.send(op, builder).await?;
        self.clock.observe(date);
        let head = excerpt(&body);
        let value = self.decode(op, status, body, &head)?;
        self.check_envelope(op, status, &head, value)
    }

    /// The answer decoded (the body moves into it, not copied); `head` is
    /// its beginning, for the error.
    fn decode(&self, op: &str, status: u16, body: String, head: &str) -> Result<Decoded> {
        wire::decode_answer(body, self.format()).map_err(|e| match status {
            401 | 403 => self.http.error(
                op,
                ErrorKind::Auth,
                format!("provider answered HTTP {status}: {head}"),
            ),
            400.. => self.http.error(
                op,
                ErrorKind::Http,
                format!("provider answered HTTP {status}: {head}"),
            ),
            _ => self.http.error(
                op,
                ErrorKind::Parse,
                format!("unreadable answer ({e}): {head}"),
            ),
        })
    }

    fn check_envelope(&self, op: &str, status: u16, head: &str, value: Decoded) -> Result<Reply> {
        match value.envelope().outcome() {
            Outcome::SessionExpired(message) => Ok(Reply::SessionExpired(message)),
            Outcome::Failed { code, message } => {
                Err(self
                    .http
                    .error(op, ErrorKind::Api, format!("StatusCode {code}: {message}")))
            }
            _ if status >= 400 => Err(self.http.error(
                op,
                ErrorKind::Http,
                format!("provider answered HTTP {status}: {head}"),
            )),
            Outcome::Ok => Ok(Reply::Answer(value)),
            Outcome::NoEnvelope => Err(self.http.error(
                op,
                ErrorKind::Parse,
                format!("the answer has no Success/StatusCode: {head}"),
            )),
        }
    }

    pub(super) fn typed<T: DeserializeOwned>(&self, op: &str, value: &Decoded) -> Result<T> {
        value.typed().map_err(|e| {
            let excerpt = excerpt(&value.text());
            self.http.error(
                op,
                ErrorKind::Parse,
                format!("unexpected answer shape ({e}): {excerpt}"),
            )
        })
    }

    // -- session -----------------------------------------------------------

    /// `Auth/Logon` (no format segment); retried like a read.
    async fn logon(&self) -> Result<()> {
        let url = format!("{}Auth/Logon/", self.base);
        let request = wire::LogonRequest {
            api_key: self.settings.api_key.expose(),
            password: self.settings.password.expose(),
        };
        let op = "log on";
        match retry_read(|| self.exchange(op, &url, &request, false)).await? {
            Reply::Answer(_) => Ok(()),
            Reply::SessionExpired(message) => Err(self.http.error(
                op,
                ErrorKind::Auth,
                format!("credentials refused (StatusCode 100): {message}"),
            )),
        }
    }

    /// Logs on unless logged on; returns the session generation.
    async fn session(&self) -> Result<u64> {
        let mut session = self.session.lock().await;
        if !session.logged_on {
            self.logon().await?;
            session.logged_on = true;
            session.generation += 1;
        }
        Ok(session.generation)
    }

    /// Logs on again after generation `seen` expired, unless another call
    /// already did.
    async fn renew(&self, seen: u64) -> Result<()> {
        let mut session = self.session.lock().await;
        if session.logged_on && session.generation != seen {
            return Ok(());
        }
        self.logon_afresh(&mut session).await
    }

    /// Logs on now, whatever the session's state (`check`).
    pub(super) async fn relogon(&self) -> Result<()> {
        let mut session = self.session.lock().await;
        self.logon_afresh(&mut session).await
    }

    async fn logon_afresh(&self, session: &mut Session) -> Result<()> {
        session.logged_on = false;
        self.logon().await?;
        session.logged_on = true;
        session.generation += 1;
        Ok(())
    }

    // -- reads and mutations -----------------------------------------------

    /// An idempotent read: retried on transport/5xx failures, and sent once
    /// more after logging on again if the session had expired.
    pub(super) async fn read<R: Request, T: DeserializeOwned>(
        &self,
        method: Method,
        what: &str,
        request: &R,
    ) -> Result<T> {
        let op = operation(method, what);
        let url = self.url(method);
        let seen = self.session().await?;
        let send = || retry_read(|| self.exchange(&op, &url, request, method.bulk));
        let reply = match send().await? {
            Reply::SessionExpired(_) => {
                self.renew(seen).await?;
                send().await?
            }
            answer => answer,
        };
        let value = match reply {
            Reply::Answer(value) => value,
            Reply::SessionExpired(message) => {
                let cause = format!(
                    "session refused right after logging on again (StatusCode 100): {message}"
                );
                return Err(self.http.error(&op, ErrorKind::Auth, cause));
            }
        };
        self.typed(&op, &value)
    }

    /// A mutating call: sent exactly once. If the session had expired the
    /// command was not carried out; log on again so the next try works and
    /// say so.
    pub(super) async fn mutate<R: Request>(
        &self,
        method: Method,
        what: &str,
        request: &R,
    ) -> Result<Decoded> {
        let op = operation(method, what);
        let seen = self.session().await?;
        match self.exchange(&op, &self.url(method), request, false).await {
            Ok(Reply::Answer(value)) => Ok(value),
            Ok(Reply::SessionExpired(message)) => {
                let relogon = match self.renew(seen).await {
                    Ok(()) => "logged on again; the command can be sent again".to_string(),
                    Err(e) => format!("logging on again failed: {}", e.cause),
                };
                Err(self.http.error(
                    &op,
                    ErrorKind::Api,
                    format!(
                        "the session had expired (StatusCode 100: {message}); the command was NOT carried out; {relogon}"
                    ),
                ))
            }
            Err(e) => Err(unsure_if_sent(e)),
        }
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
