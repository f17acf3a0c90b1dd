//! One exchange with XSServer's client API: credentials on every call,
//! reads retried on transport trouble and 5xx, mutations sent exactly
//! once, and the document's error bodies (`{"error": [...]}`, `{"status":
//! false}`, on a 2xx as well as a 4xx) turned into the message.
//!
//! Credentials (`auth` in the config):
//! - `basic`: `Authorization: Basic` on every call (digest §1.2).
//! - `jwt`: `POST /login` once, then `Authorization: Bearer <token>` (the
//!   document does not say how the token is sent; Bearer is the JWT
//!   convention). A token is stale once a call was refused with 401, or
//!   when its `exp` claim has passed; the next call first renews it with
//!   `POST /token` and the refresh token, or logs in again once when that
//!   fails. A read refused with 401 is sent again once with the renewed
//!   token. A mutation is never sent twice: refused with 401, it is
//!   reported as failed (the provider did not carry it out), and the next
//!   command goes with a renewed token.
//!
//! Tokens live in this struct only, behind a lock: never in a message, a
//! log line, the snapshot or the audit log.

use super::wire::{self, Messages, TokenPair};
use super::{AuthMode, HostbillSettings};
use crate::model::now_millis;
use crate::provider::http::{
    api_root, excerpt, outcome_unknown, retry_read, status_kind, Answer, ApiBase, ApiPath,
    HttpClient, NO_BODY,
};
use crate::provider::{ErrorKind, ProviderError, Result};
use crate::secret::Secret;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::Mutex;

/// The root of the API's paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Api;

impl ApiBase for Api {
    const BASE: &'static str = "/api";
}

/// A path under `/api/`.
pub(super) type Path = ApiPath<Api>;

/// A token counts as stale this many seconds before its `exp`.
const EXPIRY_MARGIN_SECS: i64 = 30;

/// An XSServer client-portal account.
pub struct HostbillProvider {
    pub(super) settings: HostbillSettings,
    /// The API root, ending in `/api/`.
    root: Url,
    pub(super) http: HttpClient,
    /// The JWT session (`auth = "jwt"` only).
    session: Mutex<Session>,
}

impl std::fmt::Debug for HostbillProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostbillProvider")
            .field("settings", &self.settings)
            .field("root", &self.root.as_str())
            .finish_non_exhaustive()
    }
}

/// The tokens of a JWT login, and how many times they were replaced.
#[derive(Default)]
struct Session {
    tokens: Option<Tokens>,
    generation: u64,
    logins: u64,
    refreshes: u64,
}

struct Tokens {
    access: Secret,
    refresh: Secret,
    /// The access token's `exp`, where it has one.
    expires: Option<i64>,
    /// A call was refused with it.
    refused: bool,
}

impl Tokens {
    fn stale(&self, now_secs: i64) -> bool {
        self.refused
            || self
                .expires
                .is_some_and(|exp| exp <= now_secs + EXPIRY_MARGIN_SECS)
    }
}

/// What one call authenticates with.
#[derive(Clone)]
enum Credential {
    Basic,
    Bearer {
        header: HeaderValue,
        generation: u64,
    },
}

/// How often the JWT session logged in and renewed its token, for tests
/// and `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionCounts {
    pub logins: u64,
    pub refreshes: u64,
}

impl HostbillProvider {
    /// Sets up the account; nothing is sent until the first call.
    pub fn new(settings: HostbillSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let root = api_root(&settings.base_url, "api").ok_or_else(|| {
            refuse(
                "base_url must be an http:// or https:// URL, e.g. https://cp.xsserver.gmbh/api/",
            )
        })?;
        if settings.username.trim().is_empty() {
            return Err(refuse("username (the client-area e-mail address) is empty"));
        }
        if settings.password.expose().is_empty() {
            return Err(refuse("password is empty"));
        }
        let http = HttpClient::new(
            &settings.account,
            vec![settings.password.clone()],
            settings.timeouts,
        )?;
        Ok(HostbillProvider {
            settings,
            root,
            http,
            session: Mutex::new(Session::default()),
        })
    }

    /// Logins and token renewals so far (both 0 with Basic).
    pub async fn session_counts(&self) -> SessionCounts {
        let session = self.session.lock().await;
        SessionCounts {
            logins: session.logins,
            refreshes: session.refreshes,
        }
    }

    fn request(
        &self,
        method: Method,
        path: &Path,
        credential: &Credential,
    ) -> reqwest::RequestBuilder {
        let request = self
            .http
            .reqwest()
            .request(method, path.url(&self.root))
            .header(ACCEPT, "application/json");
        match credential {
            Credential::Basic => request.basic_auth(
                self.settings.username.trim(),
                Some(self.settings.password.expose()),
            ),
            Credential::Bearer { header, .. } => request.header(AUTHORIZATION, header.clone()),
        }
    }

    // -- credentials -----------------------------------------------------------

    /// The credential for the next call: Basic, or a bearer token that is
    /// not known to be stale (logging in or renewing first when needed).
    async fn credential(&self) -> Result<Credential> {
        if self.settings.auth == AuthMode::Basic {
            return Ok(Credential::Basic);
        }
        let mut session = self.session.lock().await;
        let now = now_millis() / 1000;
        let fresh = session.tokens.as_ref().filter(|t| !t.stale(now));
        if let Some(tokens) = fresh {
            return Ok(bearer(tokens, session.generation));
        }
        let pair = match session.tokens.take() {
            Some(old) => match self.renew(&old.refresh).await {
                Ok(pair) => {
                    session.refreshes += 1;
                    pair
                }
                Err(_) => self.log_in(&mut session).await?,
            },
            None => self.log_in(&mut session).await?,
        };
        session.generation += 1;
        let credential = bearer(&pair, session.generation);
        session.tokens = Some(pair);
        Ok(credential)
    }

    /// Marks the token of `credential` stale after a 401, unless it was
    /// replaced meanwhile.
    async fn refused(&self, credential: &Credential) {
        let Credential::Bearer { generation, .. } = credential else {
            return;
        };
        let mut session = self.session.lock().await;
        if session.generation == *generation {
            if let Some(tokens) = session.tokens.as_mut() {
                tokens.refused = true;
            }
        }
    }

    async fn log_in(&self, session: &mut Session) -> Result<Tokens> {
        let body = wire::Login {
            username: self.settings.username.trim(),
            password: self.settings.password.expose(),
        };
        let tokens = self.token_call(&["login"], &body).await?;
        session.logins += 1;
        Ok(tokens)
    }

    async fn renew(&self, refresh: &Secret) -> Result<Tokens> {
        let body = wire::Refresh {
            refresh_token: refresh.expose(),
        };
        self.token_call(&["token"], &body).await
    }

    /// `POST /login` or `POST /token`: a token pair. Their answers hold
    /// secrets, so no message quotes them.
    async fn token_call<B: Serialize>(&self, segments: &[&str], body: &B) -> Result<Tokens> {
        let path = Path::new(segments);
        let op = path.op(&Method::POST);
        let request = self
            .http
            .reqwest()
            .post(path.url(&self.root))
            .header(ACCEPT, "application/json")
            .json(body);
        let answer = self.http.send(&op, request).await?;
        let refused = Messages::of(&answer.body);
        if !(200..300).contains(&answer.status) || refused.refused() {
            let said = match refused.error.is_empty() {
                true => format!("HTTP {}", answer.status),
                false => format!("HTTP {}: {}", answer.status, refused.error.join("; ")),
            };
            return Err(self.http.error(
                &op,
                ErrorKind::Auth,
                format!("the login was refused ({said})"),
            ));
        }
        let pair: Option<TokenPair> = wire::decode(&answer.body).ok();
        let (access, refresh) = pair
            .and_then(|p| {
                Some((
                    p.token.filter(|t| !t.is_empty())?,
                    p.refresh.unwrap_or_default(),
                ))
            })
            .ok_or_else(|| {
                self.http.error(
                    &op,
                    ErrorKind::Parse,
                    "the answer holds no token (its text is not shown: it may hold secrets)",
                )
            })?;
        if HeaderValue::from_str(&format!("Bearer {access}")).is_err() {
            return Err(self.http.error(
                &op,
                ErrorKind::Parse,
                "the token holds characters an HTTP header cannot carry",
            ));
        }
        Ok(Tokens {
            expires: wire::jwt_expiry(&access),
            access: Secret::new(access),
            refresh: Secret::new(refresh),
            refused: false,
        })
    }

    // -- calls -----------------------------------------------------------------

    /// A GET, retried on transport trouble and 5xx; refused with 401 on a
    /// token, sent once more with a renewed one.
    async fn read(&self, path: &Path) -> Result<Answer> {
        let op = path.op(&Method::GET);
        retry_read(|| async {
            let mut credential = self.credential().await?;
            let mut answer = self
                .send(&op, Method::GET, path, &credential, NO_BODY)
                .await?;
            if answer.status == 401 && matches!(credential, Credential::Bearer { .. }) {
                self.refused(&credential).await;
                credential = self.credential().await?;
                answer = self
                    .send(&op, Method::GET, path, &credential, NO_BODY)
                    .await?;
                if answer.status == 401 {
                    self.refused(&credential).await;
                }
            }
            self.accepted(&op, answer)
        })
        .await
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        op: &str,
        method: Method,
        path: &Path,
        credential: &Credential,
        body: Option<&B>,
    ) -> Result<Answer> {
        let mut request = self.request(method, path, credential);
        if let Some(body) = body {
            request = request.json(body);
        }
        self.http.send_any(op, request).await
    }

    /// Any JSON answer, for the shapes the document leaves out.
    pub(super) async fn get_value(&self, path: &Path) -> Result<Value> {
        let answer = self.read(path).await?;
        wire::decode_value(&answer.body).map_err(|e| {
            self.http
                .unreadable(&path.op(&Method::GET), &e, &answer.body)
        })
    }

    /// A documented answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(&self, path: &Path) -> Result<T> {
        let answer = self.read(path).await?;
        wire::decode(&answer.body).map_err(|e| {
            self.http
                .unreadable(&path.op(&Method::GET), &e, &answer.body)
        })
    }

    /// A mutation, sent exactly once, with a token renewed first when it
    /// is known to be stale. Refused for its credentials, it failed (and
    /// is not sent again); a failure in transport or a 5xx says the
    /// outcome is unknown and to look at `look_at` first.
    pub(super) async fn send_once<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &Path,
        body: Option<&B>,
        look_at: &str,
    ) -> Result<Answer> {
        let op = path.op(&method);
        let credential = self.credential().await.map_err(|mut e| {
            e.cause.push_str("; nothing was sent");
            e
        })?;
        let answer = self.send(&op, method, path, &credential, body).await;
        if let Ok(answer) = &answer {
            if answer.status == 401 {
                self.refused(&credential).await;
                let said = Messages::of(&answer.body).error.join("; ");
                return Err(self.http.error(
                    &op,
                    ErrorKind::Auth,
                    format!(
                        "the provider refused the credentials (HTTP 401: {said}); it did not carry the command out, and hostdeck does not send it again by itself"
                    ),
                ));
            }
        }
        answer
            .and_then(|answer| self.accepted(&op, answer))
            .map_err(|e| outcome_unknown(e, look_at))
    }

    /// A 2xx answer that refuses nothing, or the error its status and body
    /// tell: 401 and 403 refuse the credentials, another 4xx or a 2xx
    /// with `{"error": [...]}` or `{"status": false}` is the API refusing
    /// the request (it was not carried out), a 5xx or an unfollowed
    /// redirect may be passing trouble. The error messages are the cause.
    fn accepted(&self, op: &str, answer: Answer) -> Result<Answer> {
        let status = answer.status;
        let messages = Messages::of(&answer.body);
        let (kind, cause) = match status {
            200..=299 if !messages.refused() => return Ok(answer),
            200..=299 => (ErrorKind::Api, format!("refused: {}", messages.refusal())),
            _ => {
                let kind = status_kind(status).unwrap_or(ErrorKind::Http);
                let said = match messages.error.is_empty() {
                    true => excerpt(&answer.body),
                    false => messages.error.join("; "),
                };
                (kind, format!("provider answered HTTP {status}: {said}"))
            }
        };
        Err(self.http.error(op, kind, cause))
    }

    pub(super) fn account(&self) -> &str {
        &self.settings.account
    }
}

/// The `Authorization` header of a token, marked sensitive.
fn bearer(tokens: &Tokens, generation: u64) -> Credential {
    let mut header = HeaderValue::from_str(&format!("Bearer {}", tokens.access.expose()))
        .unwrap_or_else(|_| HeaderValue::from_static("Bearer -"));
    header.set_sensitive(true);
    Credential::Bearer { header, generation }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::hostbill::ServiceSpec;

    fn provider(base_url: &str) -> Result<HostbillProvider> {
        HostbillProvider::new(HostbillSettings {
            account: "xs".into(),
            timeouts: Default::default(),
            base_url: base_url.into(),
            username: "ops@example.com".into(),
            password: Secret::new("pw"),
            auth: AuthMode::Basic,
            services: vec![ServiceSpec::new(1201)],
        })
    }

    #[test]
    fn the_api_root_takes_the_host_alone_or_with_api() {
        for given in ["https://cp.xsserver.gmbh", "https://cp.xsserver.gmbh/api/"] {
            let hb = provider(given).expect("provider");
            assert_eq!(hb.root.as_str(), "https://cp.xsserver.gmbh/api/");
        }
        assert!(provider("ftp://cp.xsserver.gmbh").is_err());
    }

    #[test]
    fn segments_are_encoded_under_the_root_and_named_as_the_document_does() {
        let hb = provider("https://cp.xsserver.gmbh/api/").expect("provider");
        let path = Path::new(&["domain", "name", "a b.de"]);
        assert_eq!(
            path.url(&hb.root).as_str(),
            "https://cp.xsserver.gmbh/api/domain/name/a%20b.de"
        );
        assert_eq!(
            Path::new(&["tickets", "736633"]).op(&Method::POST),
            "POST /api/tickets/736633"
        );
    }

    #[test]
    fn a_token_is_stale_once_refused_or_near_its_expiry() {
        let tokens = |expires, refused| Tokens {
            access: Secret::new("a"),
            refresh: Secret::new("r"),
            expires,
            refused,
        };
        assert!(!tokens(None, false).stale(1_000));
        assert!(tokens(None, true).stale(1_000));
        assert!(tokens(Some(1_010), false).stale(1_000));
        assert!(!tokens(Some(2_000), false).stale(1_000));
    }
}
