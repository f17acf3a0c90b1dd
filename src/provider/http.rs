//! The one HTTP layer all providers share: a reqwest client with timeouts, a
//! cookie store, per-account timeouts and redirects kept to the same origin
//! (so a credential header never follows a redirect elsewhere),
//! classification of failures into [`ProviderError`]s (a 429 as a rate
//! limit carrying its `Retry-After`), retry of idempotent reads (never of
//! a rate limit), and redaction of secrets from every message.

use super::lenient::WireError;
use super::{ErrorKind, ProviderError, Result};
use crate::secret::{redact, Secret};
use std::future::Future;
use std::time::Duration;

/// Connect timeout for every provider request.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Whole-request timeout for every provider request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How many times an idempotent read is retried after a transport or 5xx failure.
pub const READ_RETRIES: u32 = 2;
/// The most redirects followed for one request.
pub const MAX_REDIRECTS: usize = 10;

/// How long an account's requests may take: to connect, and in all
/// (connect, send, and read the whole answer). Set per account in the
/// config (`connect_timeout_secs`, `request_timeout_secs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: CONNECT_TIMEOUT,
            request: REQUEST_TIMEOUT,
        }
    }
}

/// A raw HTTP answer: status and body text.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    /// The provider's clock when it answered (the `Date` header), if given.
    pub date: Option<std::time::SystemTime>,
}

/// A raw HTTP answer with the body as bytes, for APIs whose character set
/// is not certain (the caller decodes it).
#[derive(Clone, Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// The provider's clock when it answered (the `Date` header), if given.
    pub date: Option<std::time::SystemTime>,
}

/// The most of a body's announced length reserved before it arrives: a
/// `Content-Length` cannot make hostdeck reserve more than this.
const MOST_RESERVED: u64 = 64 << 20;

/// Reads a body chunk by chunk into one buffer of its announced length:
/// a large answer (a list of 10,000 servers) is held once, not once as
/// received and again as a copy.
async fn read_body(mut response: reqwest::Response) -> reqwest::Result<Vec<u8>> {
    let announced = response.content_length().unwrap_or(0).min(MOST_RESERVED);
    let mut body = Vec::with_capacity(announced as usize);
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The body as text without a copy when it is valid UTF-8 (the usual
/// case); otherwise each bad sequence becomes U+FFFD.
fn utf8_text(body: Vec<u8>) -> String {
    match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

impl RawAnswer {
    /// The body as text (invalid UTF-8 replaced).
    fn into_text(self) -> Answer {
        Answer {
            status: self.status,
            content_type: self.content_type,
            body: utf8_text(self.body),
            date: self.date,
        }
    }
}

/// The HTTP client of one account.
#[derive(Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    account: String,
    secrets: Vec<Secret>,
    timeouts: Timeouts,
}

impl HttpClient {
    /// Builds the client of `account`. `secrets` are scrubbed from every
    /// error message this client produces; `timeouts` bound every request.
    pub fn new(account: &str, secrets: Vec<Secret>, timeouts: Timeouts) -> Result<Self> {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .user_agent(concat!("hostdeck/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::custom(same_origin))
            .build()
            .map_err(|e| {
                ProviderError::new(
                    account,
                    "set up HTTP client",
                    ErrorKind::Transport,
                    e.to_string(),
                )
            })?;
        Ok(HttpClient {
            client,
            account: account.to_string(),
            secrets,
            timeouts,
        })
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The underlying reqwest client, for building requests.
    pub fn reqwest(&self) -> &reqwest::Client {
        &self.client
    }

    /// An error of this account, with secrets scrubbed from the cause.
    pub fn error(&self, operation: &str, kind: ErrorKind, cause: impl AsRef<str>) -> ProviderError {
        let secrets: Vec<&Secret> = self.secrets.iter().collect();
        ProviderError::new(
            &self.account,
            operation,
            kind,
            redact(cause.as_ref(), &secrets),
        )
    }

    /// A request refused before sending (bad input, nothing to act on).
    pub fn refuse(&self, operation: &str, cause: impl AsRef<str>) -> ProviderError {
        self.error(operation, ErrorKind::Refused, cause)
    }

    /// An answer that could not be read, with the start of its body (an
    /// empty one says so).
    pub fn unreadable(&self, operation: &str, e: &WireError, body: &str) -> ProviderError {
        let cause = match e {
            WireError::Empty => e.to_string(),
            _ => format!("{e}; the answer began: {}", excerpt(body)),
        };
        self.error(operation, ErrorKind::Parse, cause)
    }

    /// Sends a request and reads the whole body. Transport failures, a
    /// rate limit (429) and HTTP 5xx become errors; other statuses are returned for the caller to
    /// interpret (many APIs put their error in a 4xx body).
    pub async fn send(&self, operation: &str, request: reqwest::RequestBuilder) -> Result<Answer> {
        Ok(self.send_raw(operation, request).await?.into_text())
    }

    /// Sends a request and reads the whole body whatever its status: only
    /// transport failures and a rate limit (429) are errors. For APIs that explain a 5xx in their
    /// body; the caller classifies every status.
    pub async fn send_any(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<Answer> {
        Ok(self.receive(operation, request).await?.into_text())
    }

    /// Like [`HttpClient::send`], but keeps the body as bytes.
    pub async fn send_raw(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<RawAnswer> {
        let raw = self.receive(operation, request).await?;
        if raw.status >= 500 {
            let text = String::from_utf8_lossy(&raw.body);
            let excerpt: String = text.chars().take(120).collect();
            return Err(self.error(
                operation,
                ErrorKind::Http,
                format!("provider answered HTTP {}: {}", raw.status, excerpt.trim()),
            ));
        }
        Ok(raw)
    }

    /// Sends a request and reads the whole body; transport failures and a
    /// rate limit (HTTP 429) only.
    async fn receive(
        &self,
        operation: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<RawAnswer> {
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(operation, e))?;
        let status = response.status().as_u16();
        if status == 429 {
            return Err(self.rate_limited(operation, response.headers()));
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let date = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        let body = read_body(response)
            .await
            .map_err(|e| self.transport_error(operation, e))?;
        Ok(RawAnswer {
            status,
            content_type,
            body,
            date,
        })
    }

    /// A 429: the provider asks to wait; how long, when it says so in
    /// `Retry-After` (seconds; an HTTP date or nothing counts as unknown).
    fn rate_limited(&self, operation: &str, headers: &reqwest::header::HeaderMap) -> ProviderError {
        let wait = retry_after(headers);
        let cause = match wait {
            Some(wait) => format!(
                "rate limited by the provider; retry after {} s",
                wait.as_secs()
            ),
            None => "rate limited by the provider; retry later".to_string(),
        };
        let mut error = self.error(operation, ErrorKind::RateLimited, cause);
        error.retry_after = wait;
        error
    }

    fn transport_error(&self, operation: &str, e: reqwest::Error) -> ProviderError {
        let cause = if e.is_timeout() && e.is_connect() {
            format!("cannot connect within {}", seconds(self.timeouts.connect))
        } else if e.is_timeout() {
            format!("no answer within {}", seconds(self.timeouts.request))
        } else if e.is_connect() {
            format!("cannot connect: {}", root_cause(&e))
        } else if e.is_body() || e.is_decode() {
            format!(
                "connection dropped while reading the answer: {}",
                root_cause(&e)
            )
        } else {
            root_cause(&e)
        };
        self.error(operation, ErrorKind::Transport, cause)
    }
}

/// The wait a `Retry-After` header asks for, in whole seconds.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse().ok().map(Duration::from_secs)
}

/// A duration as messages say it: `20s`, `0.5s`.
fn seconds(duration: Duration) -> String {
    format!("{}s", duration.as_secs_f64())
}

/// Follows a redirect only to the origin the request was sent to: a
/// redirect elsewhere is answered as it is (a 3xx), since reqwest would
/// carry provider headers such as `PRIVATE-TOKEN` along.
fn same_origin(attempt: reqwest::redirect::Attempt) -> reqwest::redirect::Action {
    let origin = |url: &reqwest::Url| {
        let host = url.host_str().map(str::to_string);
        (url.scheme().to_string(), host, url.port_or_known_default())
    };
    let first = attempt.previous().first().map(origin);
    let stays = first.as_ref() == Some(&origin(attempt.url()));
    if stays && attempt.previous().len() <= MAX_REDIRECTS {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

/// The innermost cause of an error chain, without the URL.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// No request body (a GET, or a PUT the document sends without one).
pub const NO_BODY: Option<&()> = None;

/// The root a REST API's paths hang under, as messages name it (`/v3`,
/// `/api`).
pub trait ApiBase {
    const BASE: &'static str;
}

/// A path under an API's root, as its segments (each encoded on its own),
/// and the query parameters sent with it (none for most calls).
pub struct ApiPath<B> {
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
    base: std::marker::PhantomData<B>,
}

impl<B> Clone for ApiPath<B> {
    fn clone(&self) -> Self {
        ApiPath {
            segments: self.segments.clone(),
            query: self.query.clone(),
            base: std::marker::PhantomData,
        }
    }
}

impl<B> std::fmt::Debug for ApiPath<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiPath")
            .field("segments", &self.segments)
            .field("query", &self.query)
            .finish()
    }
}

impl<B> PartialEq for ApiPath<B> {
    fn eq(&self, other: &Self) -> bool {
        self.segments == other.segments && self.query == other.query
    }
}

impl<B: ApiBase> ApiPath<B> {
    pub fn new(segments: &[&str]) -> Self {
        ApiPath {
            segments: segments.iter().map(|s| s.to_string()).collect(),
            query: Vec::new(),
            base: std::marker::PhantomData,
        }
    }

    /// The same path with the query parameter `name=value` added.
    pub fn with_query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// The call as messages name it: `GET /v3/colocation/12/pdu` (the
    /// query left out).
    pub fn op(&self, method: &reqwest::Method) -> String {
        format!("{method} {}/{}", B::BASE, self.segments.join("/"))
    }

    /// Its URL under `root` (which ends in `/`).
    pub fn url(&self, root: &reqwest::Url) -> reqwest::Url {
        let mut url = root.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().extend(&self.segments);
        }
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        url
    }
}

/// An API root ending in `/{last}/` (`/v3/`, `/api/`) from the configured
/// URL, given with or without that last segment; `None` for anything but
/// an http(s) URL with a host.
pub fn api_root(base_url: &str, last: &str) -> Option<reqwest::Url> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let root = match trimmed.strip_suffix(&format!("/{last}")) {
        Some(_) => format!("{trimmed}/"),
        None => format!("{trimmed}/{last}/"),
    };
    let url = reqwest::Url::parse(&root).ok()?;
    let web = matches!(url.scheme(), "http" | "https");
    (web && url.host_str().is_some_and(|h| !h.is_empty())).then_some(url)
}

/// One call as every message names it: the API's own name for the call
/// (`Server/GetAllServers`, `servers/get_details`), then what it is about
/// (`WA1`, `1001`) when anything.
pub fn operation(call: impl std::fmt::Display, what: &str) -> String {
    match what {
        "" => call.to_string(),
        what => format!("{call} {what}"),
    }
}

/// What a REST API's HTTP status says went wrong: nothing for a 2xx; 401
/// and 403 refuse the credentials; another 4xx is the API refusing the
/// request (it was not carried out); a 5xx or an unfollowed redirect may
/// be passing trouble.
pub fn status_kind(status: u16) -> Option<ErrorKind> {
    match status {
        200..=299 => None,
        401 | 403 => Some(ErrorKind::Auth),
        400..=499 => Some(ErrorKind::Api),
        _ => Some(ErrorKind::Http),
    }
}

/// A short single-line excerpt of a body for error messages.
pub fn excerpt(body: &str) -> String {
    const MAX: usize = 80;
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return "(empty body)".into();
    }
    let short: String = flat.chars().take(MAX).collect();
    if flat.chars().count() > MAX {
        format!("{short}…")
    } else {
        short
    }
}

/// Adds the warning a mutation needs when it failed in transport or with a
/// 5xx: it may have been carried out all the same.
pub fn unsure_if_sent(e: ProviderError) -> ProviderError {
    when_unsure(
        e,
        "the command may have reached the provider: check the object before sending it again",
    )
}

/// Like [`unsure_if_sent`], naming what to look at: `outcome unknown: look
/// at the ticket before sending again`.
pub fn outcome_unknown(e: ProviderError, look_at: &str) -> ProviderError {
    when_unsure(
        e,
        &format!("outcome unknown: look at {look_at} before sending again"),
    )
}

fn when_unsure(mut e: ProviderError, note: &str) -> ProviderError {
    if matches!(e.kind, ErrorKind::Transport | ErrorKind::Http) {
        e.cause.push_str("; ");
        e.cause.push_str(note);
    }
    e
}

/// Whether a failed read may be tried again at once: transport trouble
/// and 5xx only (a rate limit waits for the next poll).
pub fn is_retryable(e: &ProviderError) -> bool {
    matches!(e.kind, ErrorKind::Transport | ErrorKind::Http)
}

/// Runs an idempotent read, retrying transport and 5xx failures up to
/// [`READ_RETRIES`] times with a short backoff. Never use for mutations.
pub async fn retry_read<T, F, Fut>(mut attempt: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut tries = 0;
    loop {
        match attempt().await {
            Err(e) if tries < READ_RETRIES && is_retryable(&e) => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(150 * u64::from(tries))).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn err(kind: ErrorKind) -> ProviderError {
        ProviderError::new("a", "op", kind, "x")
    }

    #[tokio::test]
    async fn retry_read_retries_transport_but_not_api_errors() {
        let calls = AtomicU32::new(0);
        let r: Result<()> = retry_read(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(err(ErrorKind::Transport))
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1 + READ_RETRIES);

        let calls = AtomicU32::new(0);
        let r: Result<()> = retry_read(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(err(ErrorKind::Api))
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn an_operation_is_the_call_and_what_it_is_about() {
        assert_eq!(
            operation("Server/GetAllServers", "WA1"),
            "Server/GetAllServers WA1"
        );
        assert_eq!(operation("servers/list", ""), "servers/list");
    }

    #[test]
    fn an_unknown_outcome_names_what_to_look_at_only_when_unsure() {
        let sent = outcome_unknown(err(ErrorKind::Transport), "the ticket");
        assert_eq!(
            sent.cause,
            "x; outcome unknown: look at the ticket before sending again"
        );
        assert_eq!(
            outcome_unknown(err(ErrorKind::Api), "the ticket").cause,
            "x"
        );
        assert!(unsure_if_sent(err(ErrorKind::Http))
            .cause
            .ends_with("check the object before sending it again"));
    }

    #[test]
    fn errors_are_redacted() {
        let c = HttpClient::new("acct", vec![Secret::new("s3cr3t")], Timeouts::default())
            .expect("client");
        let e = c.error("logon", ErrorKind::Auth, "bad key s3cr3t");
        assert_eq!(e.to_string(), "acct: logon: bad key [redacted]");
    }
}
