//! One exchange with the i3D.net API: the `PRIVATE-TOKEN` header on every
//! call, `RANGED-DATA` on every list call with the list read page by page
//! to its end, reads retried on transport trouble and 5xx, mutations sent
//! exactly once, and i3D's error object turned into the message.

use super::wire::{self, ErrorObject};
use super::I3dSettings;
use crate::provider::http::{
    api_root, excerpt, outcome_unknown, retry_read, status_kind, Answer, ApiBase, ApiPath,
    HttpClient,
};
use crate::provider::{ErrorKind, ProviderError, Result};
use reqwest::header::{HeaderValue, ACCEPT};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Items asked for per page; a shorter page is the last.
pub const PAGE_SIZE: usize = 100;
/// The most pages one list is read in (a guard against endless paging).
pub const MAX_PAGES: usize = 1000;

const PRIVATE_TOKEN: &str = "PRIVATE-TOKEN";
const RANGED_DATA: &str = "RANGED-DATA";

/// The root of i3D's paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct V3;

impl ApiBase for V3 {
    const BASE: &'static str = "/v3";
}

/// A path under `/v3/`.
pub(super) type Path = ApiPath<V3>;

/// An i3D.net account.
pub struct I3dProvider {
    pub(super) settings: I3dSettings,
    /// The API root, ending in `/v3/`.
    root: Url,
    /// The API key as a header value, marked sensitive.
    token: HeaderValue,
    pub(super) http: HttpClient,
}

impl std::fmt::Debug for I3dProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I3dProvider")
            .field("settings", &self.settings)
            .field("root", &self.root.as_str())
            .finish_non_exhaustive()
    }
}

impl I3dProvider {
    /// Sets up the account; nothing is sent until the first call.
    pub fn new(settings: I3dSettings) -> Result<Self> {
        let refuse = |cause: &str| {
            ProviderError::new(&settings.account, "set up", ErrorKind::Refused, cause)
        };
        let root = api_root(&settings.base_url, "v3").ok_or_else(|| {
            refuse("base_url must be an http:// or https:// URL, e.g. https://api.i3d.net/v3/")
        })?;
        if settings.api_key.expose().trim().is_empty() {
            return Err(refuse("api_key is empty"));
        }
        let mut token = HeaderValue::from_str(settings.api_key.expose().trim()).map_err(|_| {
            refuse("api_key holds characters an HTTP header cannot carry (a line break?)")
        })?;
        token.set_sensitive(true);
        let http = HttpClient::new(
            &settings.account,
            vec![settings.api_key.clone()],
            settings.timeouts,
        )?;
        Ok(I3dProvider {
            settings,
            root,
            token,
            http,
        })
    }

    fn url(&self, path: &Path) -> Url {
        path.url(&self.root)
    }

    fn request(&self, method: Method, path: &Path) -> reqwest::RequestBuilder {
        self.http
            .reqwest()
            .request(method, self.url(path))
            .header(PRIVATE_TOKEN, self.token.clone())
            .header(ACCEPT, "application/json")
    }

    /// A GET, retried; `range` is the `RANGED-DATA` of a list page.
    async fn read(&self, op: &str, path: &Path, range: Option<&str>) -> Result<Answer> {
        retry_read(|| async {
            let mut request = self.request(Method::GET, path);
            if let Some(range) = range {
                request = request.header(RANGED_DATA, range);
            }
            let answer = self.http.send_any(op, request).await?;
            self.accepted(op, answer)
        })
        .await
    }

    /// One object (bare or in an array of one).
    pub(super) async fn get_one<T: DeserializeOwned>(&self, path: &Path) -> Result<T> {
        let op = path.op(&Method::GET);
        let answer = self.read(&op, path, None).await?;
        wire::decode_one(&answer.body).map_err(|e| self.http.unreadable(&op, &e, &answer.body))
    }

    /// Any JSON answer, for shapes the document leaves out.
    pub(super) async fn get_value(&self, path: &Path) -> Result<Value> {
        let op = path.op(&Method::GET);
        let answer = self.read(&op, path, None).await?;
        wire::decode_value(&answer.body).map_err(|e| self.http.unreadable(&op, &e, &answer.body))
    }

    /// A whole list, page after page until a short one.
    pub(super) async fn list<T: DeserializeOwned>(&self, path: &Path) -> Result<Vec<T>> {
        let op = path.op(&Method::GET);
        let mut pager = Pager::default();
        loop {
            let answer = self.read(&op, path, Some(&pager.range())).await?;
            let more = pager
                .take(answer.body)
                .map_err(|cause| self.http.error(&op, ErrorKind::Parse, cause))?;
            if !more {
                return Ok(pager.items);
            }
        }
    }

    /// A mutation, sent exactly once. A failure in transport or a 5xx
    /// says the outcome is unknown and to look at `look_at` first.
    pub(super) async fn send_once<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &Path,
        body: Option<&B>,
        look_at: &str,
    ) -> Result<Answer> {
        let op = path.op(&method);
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(body);
        }
        let answer = self.http.send_any(&op, request).await;
        answer
            .and_then(|answer| self.accepted(&op, answer))
            .map_err(|e| outcome_unknown(e, look_at))
    }

    /// A 2xx answer, or the error its status and body tell: 401 and 403
    /// refuse the key, another 4xx is the API refusing the request (it
    /// was not carried out), a 5xx or an unfollowed redirect may be
    /// passing trouble. i3D's error object is the message where there is one.
    fn accepted(&self, op: &str, answer: Answer) -> Result<Answer> {
        let status = answer.status;
        let Some(kind) = status_kind(status) else {
            return Ok(answer);
        };
        let error = ErrorObject::parse(&answer.body);
        let said = error.map_or_else(|| excerpt(&answer.body), |e| e.message());
        Err(self
            .http
            .error(op, kind, format!("provider answered HTTP {status}: {said}")))
    }
}

/// The pages of one list read so far.
#[derive(Debug)]
struct Pager<T> {
    items: Vec<T>,
    pages: usize,
    previous: Option<String>,
}

impl<T> Default for Pager<T> {
    fn default() -> Self {
        Pager {
            items: Vec::new(),
            pages: 0,
            previous: None,
        }
    }
}

impl<T: DeserializeOwned> Pager<T> {
    /// The `RANGED-DATA` of the next page.
    fn range(&self) -> String {
        format!("start={},results={PAGE_SIZE}", self.pages * PAGE_SIZE)
    }

    /// Takes one page; whether another may follow. A page the same as the
    /// one before (the API ignores `start`) or too many pages are errors,
    /// not endless reading.
    fn take(&mut self, body: String) -> std::result::Result<bool, String> {
        if self.previous.as_deref() == Some(body.as_str()) {
            return Err(format!(
                "page {} repeats the page before it: the API seems to ignore RANGED-DATA start, so the list cannot be read to its end",
                self.pages + 1
            ));
        }
        let items = wire::decode_list::<T>(&body)
            .map_err(|e| format!("{e}; the answer began: {}", excerpt(&body)))?;
        let count = items.len();
        self.items.extend(items);
        self.pages += 1;
        if count != PAGE_SIZE {
            // Shorter: the end. Longer: the API sent everything at once.
            return Ok(false);
        }
        if self.pages >= MAX_PAGES {
            return Err(format!(
                "still more after {MAX_PAGES} pages of {PAGE_SIZE}; stopped reading"
            ));
        }
        self.previous = Some(body);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(first: usize, count: usize) -> String {
        let items: Vec<Value> = (first..first + count)
            .map(|id| serde_json::json!({ "id": id }))
            .collect();
        Value::Array(items).to_string()
    }

    #[test]
    fn the_api_root_takes_the_host_alone_or_with_v3() {
        for given in [
            "https://api.i3d.net",
            "https://api.i3d.net/",
            "https://api.i3d.net/v3",
            " https://api.i3d.net/v3/ ",
        ] {
            let root = api_root(given, "v3").map(|u| u.to_string());
            assert_eq!(root.as_deref(), Some("https://api.i3d.net/v3/"), "{given}");
        }
        assert_eq!(
            api_root("http://127.0.0.1:9/sim/", "v3").map(|u| u.to_string()),
            Some("http://127.0.0.1:9/sim/v3/".to_string())
        );
        assert_eq!(api_root("ftp://api.i3d.net", "v3"), None);
        assert_eq!(api_root("not a url", "v3"), None);
    }

    #[test]
    fn segments_are_encoded_under_the_root() {
        let provider = I3dProvider::new(I3dSettings {
            account: "a".into(),
            timeouts: Default::default(),
            base_url: "https://api.i3d.net".into(),
            api_key: crate::secret::Secret::new("key"),
        })
        .expect("provider");
        let path = Path::new(&["colocation", "7", "network", "rdns", "2001:db8::1/x"]);
        assert_eq!(
            provider.url(&path).as_str(),
            "https://api.i3d.net/v3/colocation/7/network/rdns/2001:db8::1%2Fx"
        );
        assert_eq!(
            path.op(&Method::PUT),
            "PUT /v3/colocation/7/network/rdns/2001:db8::1/x"
        );
    }

    #[test]
    fn a_short_page_ends_the_list() {
        let mut pager = Pager::<Value>::default();
        assert_eq!(pager.range(), "start=0,results=100");
        assert_eq!(pager.take(page(0, PAGE_SIZE)), Ok(true));
        assert_eq!(pager.range(), "start=100,results=100");
        assert_eq!(pager.take(page(100, 3)), Ok(false));
        assert_eq!(pager.items.len(), PAGE_SIZE + 3);
        let mut empty = Pager::<Value>::default();
        assert_eq!(empty.take(String::new()), Ok(false));
        assert!(empty.items.is_empty());
    }

    #[test]
    fn paging_never_runs_forever() {
        let mut repeating = Pager::<Value>::default();
        assert_eq!(repeating.take(page(0, PAGE_SIZE)), Ok(true));
        let error = repeating.take(page(0, PAGE_SIZE)).unwrap_err();
        assert!(error.contains("ignore RANGED-DATA start"), "{error}");

        let mut endless = Pager::<Value>::default();
        let mut pages = 0;
        let error = loop {
            match endless.take(page(pages * PAGE_SIZE, PAGE_SIZE)) {
                Ok(true) => pages += 1,
                Ok(false) => panic!("a full page is not the end"),
                Err(error) => break error,
            }
        };
        assert_eq!(pages + 1, MAX_PAGES);
        assert!(error.contains("stopped reading"), "{error}");
    }

    #[test]
    fn everything_at_once_is_the_whole_list() {
        let mut pager = Pager::<Value>::default();
        assert_eq!(pager.take(page(0, PAGE_SIZE + 1)), Ok(false));
        assert_eq!(pager.items.len(), PAGE_SIZE + 1);
    }
}
