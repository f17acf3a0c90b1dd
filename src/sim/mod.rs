//! Loopback simulators of the provider APIs, written from the API documents
//! (never from the client code), with deterministic fixtures and fault
//! injection. `hostdeck sim`, `hostdeck --demo` and the tests start them.

pub mod clc;
pub mod controlepaneel;
pub mod faults;
pub mod hostbill;
pub mod i3d;

pub use faults::{FaultHandle, Faults, Targeted};

use crate::model::ProviderKind;
use axum::Router;
use std::time::Duration;
use tokio::sync::oneshot;

/// How a simulator is seeded and sized.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// Seed of every fixture; the same seed gives the same data.
    pub seed: u64,
    /// Total number of servers (all locations and accounts together).
    pub scale: usize,
    /// Time per step of a queued request (Not Started -> Executing 25/50/75 -> done).
    pub queue_step: Duration,
    /// Calls one access token serves before it expires (HostBill's JWTs).
    pub token_uses: u32,
    /// The credentials the simulators accept (the demo's by default).
    pub secrets: SimSecrets,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            seed: 42,
            scale: 24,
            queue_step: Duration::from_millis(700),
            token_uses: 3,
            secrets: SimSecrets::default(),
        }
    }
}

/// The secrets each simulator accepts, and a text the HostBill simulator
/// writes into every token it mints. The defaults are the demo's; a test
/// gives its own (e.g. canaries it then looks for in every output).
/// `Debug` hides the values.
#[derive(Clone, PartialEq, Eq)]
pub struct SimSecrets {
    pub clc_api_key: String,
    pub clc_password: String,
    pub controlepaneel_hash: String,
    pub i3d_key: String,
    pub hostbill_password: String,
    /// Written verbatim (base64url characters only) at the start of each
    /// JWT's signature segment and as the `mark` claim; empty: none.
    pub hostbill_token_mark: String,
}

impl Default for SimSecrets {
    fn default() -> Self {
        SimSecrets {
            clc_api_key: clc::DEMO_API_KEY.into(),
            clc_password: clc::DEMO_PASSWORD.into(),
            controlepaneel_hash: controlepaneel::DEMO_HASH.into(),
            i3d_key: i3d::DEMO_KEY.into(),
            hostbill_password: hostbill::DEMO_PASSWORD.into(),
            hostbill_token_mark: String::new(),
        }
    }
}

impl std::fmt::Debug for SimSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimSecrets([redacted])")
    }
}

/// A running simulator on a loopback port. Dropping it shuts the server down.
pub struct SimServer {
    /// The provider kind it simulates.
    pub kind: ProviderKind,
    /// Base URL of the API, e.g. `http://127.0.0.1:PORT/REST/`.
    pub base_url: String,
    /// Demo credentials, e.g. `[("api_key", ..), ("password", ..), ("alias", "DEMO")]`.
    pub credentials: Vec<(&'static str, String)>,
    /// The faults currently injected (also settable over HTTP at `/_sim/faults`).
    pub faults: FaultHandle,
    _shutdown: oneshot::Sender<()>,
}

impl SimServer {
    /// One line for humans: kind, URL and demo credentials.
    pub fn describe(&self) -> String {
        let mut line = format!("{} {}", self.kind, self.base_url);
        for (key, value) in &self.credentials {
            line.push_str(&format!(" {key}={value}"));
        }
        line
    }

    /// The demo credential named `key`, if this simulator has one.
    pub fn credential(&self, key: &str) -> Option<&str> {
        self.credentials
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value.as_str())
    }
}

/// Starts the CenturyLink Cloud API v1 simulator on `127.0.0.1:0`.
pub async fn start_clc(options: SimOptions) -> std::io::Result<SimServer> {
    let faults = FaultHandle::default();
    let app = clc::router(&options, faults.clone());
    let credentials = vec![
        ("api_key", options.secrets.clc_api_key.clone()),
        ("password", options.secrets.clc_password.clone()),
        ("alias", clc::DEMO_ALIAS.to_string()),
    ];
    serve(ProviderKind::Clc, "/REST/", app, faults, credentials).await
}

/// Starts the controlepaneel.com XML API simulator on `127.0.0.1:0`.
pub async fn start_controlepaneel(options: SimOptions) -> std::io::Result<SimServer> {
    let faults = FaultHandle::default();
    let app = controlepaneel::router(&options, faults.clone());
    let credentials = vec![
        ("account_id", controlepaneel::DEMO_ACCOUNT_ID.to_string()),
        ("hash", options.secrets.controlepaneel_hash.clone()),
    ];
    serve(
        ProviderKind::Controlepaneel,
        "/api/",
        app,
        faults,
        credentials,
    )
    .await
}

/// Starts the i3D.net API v3 simulator on `127.0.0.1:0`; its base URL
/// ends in `/v3/`.
pub async fn start_i3d(options: SimOptions) -> std::io::Result<SimServer> {
    let faults = FaultHandle::default();
    let app = i3d::router(&options, faults.clone());
    let credentials = vec![("api_key", options.secrets.i3d_key.clone())];
    serve(ProviderKind::I3d, "/v3/", app, faults, credentials).await
}

/// Starts the HostBill (XSServer client portal) simulator on
/// `127.0.0.1:0`; its base URL ends in `/api/`, and its demo credentials
/// are the client's e-mail address (`username`) and `password`.
pub async fn start_hostbill(options: SimOptions) -> std::io::Result<SimServer> {
    let faults = FaultHandle::default();
    let app = hostbill::router(&options, faults.clone());
    let credentials = vec![
        ("username", hostbill::DEMO_EMAIL.to_string()),
        ("password", options.secrets.hostbill_password.clone()),
    ];
    serve(ProviderKind::Hostbill, "/api/", app, faults, credentials).await
}

/// Starts the simulator of `kind` on `127.0.0.1:0`.
pub async fn start(kind: ProviderKind, options: SimOptions) -> std::io::Result<SimServer> {
    match kind {
        ProviderKind::Clc => start_clc(options).await,
        ProviderKind::Controlepaneel => start_controlepaneel(options).await,
        ProviderKind::I3d => start_i3d(options).await,
        ProviderKind::Hostbill => start_hostbill(options).await,
    }
}

/// Starts every simulator: CLC, controlepaneel, i3D, then HostBill.
pub async fn start_all(options: SimOptions) -> std::io::Result<Vec<SimServer>> {
    Ok(vec![
        start_clc(options.clone()).await?,
        start_controlepaneel(options.clone()).await?,
        start_i3d(options.clone()).await?,
        start_hostbill(options).await?,
    ])
}

/// Binds `app` to a loopback port and serves it until the returned
/// [`SimServer`] is dropped.
async fn serve(
    kind: ProviderKind,
    base_path: &str,
    app: Router,
    faults: FaultHandle,
    credentials: Vec<(&'static str, String)>,
) -> std::io::Result<SimServer> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            // Either an explicit send or the sender being dropped ends the wait.
            let _ = stopped.await;
        });
        if let Err(error) = server.await {
            tracing::warn!("{kind} simulator stopped: {error}");
        }
    });
    Ok(SimServer {
        kind,
        base_url: format!("http://{addr}{base_path}"),
        credentials,
        faults,
        _shutdown: shutdown,
    })
}

/// Labels of letters, digits and inner hyphens, at most 63 characters
/// each and 253 in all.
pub(crate) fn valid_hostname(name: &str) -> bool {
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    name.len() <= 253 && name.split('.').all(label_ok)
}

/// A tiny deterministic random generator (splitmix64) for fixtures and fault rolls.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// 32 lower-case hex digits (the document's UUID form, without dashes).
    pub fn hex32(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::valid_hostname;

    #[test]
    fn host_names_follow_dns_label_rules() {
        for good in ["ns1.demo-ops.example", "a", "x1-2.example.com"] {
            assert!(valid_hostname(good), "{good}");
        }
        let long_label = format!("{}.example", "a".repeat(64));
        for bad in [
            "-a.example",
            "a..example",
            "a_b.example",
            "sp ace.example",
            &long_label,
        ] {
            assert!(!valid_hostname(bad), "{bad}");
        }
    }
}
