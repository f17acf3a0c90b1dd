//! Secrets never leak: every account gets unique canary secrets (API keys,
//! passwords, hashes; HostBill's JWTs carry a canary mark), the simulators
//! accept exactly those, and a console session in the PTY, the headless
//! commands, `check` and `info` run against them, errors included (a wrong
//! password, a wrong hash the provider echoes back, sessions expired under
//! a running console, a failing command). No canary may appear on the
//! screen, on stdout or stderr, or in any file of the state directory (log
//! file, audit log, snapshot, drafts).
//!
//! Panic text: the `panic_probe` example reads the canary config and
//! panics with all of it in the message.

use super::{panic_probe, temp_state_dir, wait_until, Console};
use hostdeck::sim::{self, SimOptions, SimSecrets, SimServer, Targeted};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The JWT header segment the HostBill simulator's tokens start with: any
/// token that leaks shows it.
const JWT_HEADER: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9";
/// The variable the CLC password is read from (`password_env`).
const PASSWORD_VAR: &str = "HOSTDECK_CANARY_CLC_PASSWORD";

/// The canaries of one run: unique per run, letters and digits only.
struct Canaries {
    secrets: SimSecrets,
    clc_wrong_password: String,
    cp_wrong_hash: String,
}

impl Canaries {
    fn new() -> Canaries {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let nonce = format!("{:x}{:x}", std::process::id(), nanos);
        let canary = |label: &str| format!("cnry{label}{nonce}");
        // Passwords as people choose them: with characters that JSON, XML,
        // form bodies and URLs each write in their own way.
        let password = |label: &str| format!("cnry{label}{nonce}+&=!<");
        Canaries {
            secrets: SimSecrets {
                clc_api_key: canary("clckey"),
                clc_password: password("clcpass"),
                controlepaneel_hash: canary("cphash"),
                i3d_key: canary("i3dkey"),
                hostbill_password: password("hbpass"),
                hostbill_token_mark: canary("hbtoken"),
            },
            clc_wrong_password: password("clcwrong"),
            cp_wrong_hash: password("cpwrong"),
        }
    }

    /// Every text that must never show: the secrets as given, percent-
    /// encoded and XML-escaped, the token mark and header, and the Basic
    /// credentials as sent on the wire.
    fn all(&self) -> Vec<String> {
        let s = &self.secrets;
        let basic = format!("{}:{}", sim::hostbill::DEMO_EMAIL, s.hostbill_password);
        let secrets = [
            &s.clc_api_key,
            &s.clc_password,
            &s.controlepaneel_hash,
            &s.i3d_key,
            &s.hostbill_password,
            &self.clc_wrong_password,
            &self.cp_wrong_hash,
        ];
        let mut all: Vec<String> = secrets
            .iter()
            .flat_map(|secret| {
                [
                    secret.to_string(),
                    percent_encoded(secret),
                    xml_escaped(secret),
                ]
            })
            .collect();
        all.extend([
            s.hostbill_token_mark.clone(),
            JWT_HEADER.to_string(),
            base64(basic.as_bytes()),
        ]);
        all.sort();
        all.dedup();
        all
    }

    /// The config: two good CLC accounts (JSON and XML), one with a wrong
    /// password, a good and a wrong controlepaneel account, i3D, and
    /// HostBill with JWTs and with Basic; secrets given plainly, through
    /// a variable and through a command.
    fn config(&self, sims: &[SimServer]) -> String {
        let url = |kind| {
            sims.iter()
                .find(|s| s.kind == kind)
                .map(|s| s.base_url.clone())
                .expect("a simulator of each kind")
        };
        use hostdeck::model::ProviderKind::*;
        let (clc, cp, i3d, hb) = (url(Clc), url(Controlepaneel), url(I3d), url(Hostbill));
        let s = &self.secrets;
        let services = format!(
            "[{}, {{ id = {}, vms = [{}] }}]",
            sim::hostbill::SERVICE_IDS[0],
            sim::hostbill::SERVICE_IDS[1],
            sim::hostbill::VM_ID
        );
        let email = sim::hostbill::DEMO_EMAIL;
        let account_id = sim::controlepaneel::DEMO_ACCOUNT_ID;
        format!(
            r#"
[[accounts]]
name = "clc-canary"
kind = "clc"
base_url = "{clc}"
api_key = "{key}"
password_env = "{PASSWORD_VAR}"
alias = "DEMO"
hierarchy = true

[[accounts]]
name = "clc-xml"
kind = "clc"
base_url = "{clc}"
api_key = "{key}"
password = "{password}"
format = "xml"

[[accounts]]
name = "clc-wrong"
kind = "clc"
base_url = "{clc}"
api_key = "{key}"
password = "{wrong}"

[[accounts]]
name = "cp-canary"
kind = "controlepaneel"
base_url = "{cp}"
account_id = "{account_id}"
hash_cmd = "printf %s {hash}"

[[accounts]]
name = "cp-wrong"
kind = "controlepaneel"
base_url = "{cp}"
account_id = "{account_id}"
hash = "{wrong_hash}"

[[accounts]]
name = "cp-get"
kind = "controlepaneel"
base_url = "{cp}"
account_id = "{account_id}"
hash = "{hash}"
method = "get"

[[accounts]]
name = "i3d-canary"
kind = "i3d"
base_url = "{i3d}"
api_key = "{i3d_key}"

[[accounts]]
name = "hb-jwt"
kind = "hostbill"
base_url = "{hb}"
username = "{email}"
password = "{hb_password}"
auth = "jwt"
services = {services}

[[accounts]]
name = "hb-basic"
kind = "hostbill"
base_url = "{hb}"
username = "{email}"
password = "{hb_password}"
services = {services}
"#,
            key = s.clc_api_key,
            password = s.clc_password,
            wrong = self.clc_wrong_password,
            hash = s.controlepaneel_hash,
            wrong_hash = self.cp_wrong_hash,
            i3d_key = s.i3d_key,
            hb_password = s.hostbill_password,
        )
    }

    /// Fails naming the canary and the place if `text` holds any canary.
    fn assert_absent(&self, place: &str, text: &str) {
        for canary in self.all() {
            if let Some(at) = text.find(&canary) {
                let from = text[..at]
                    .char_indices()
                    .rev()
                    .nth(200)
                    .map_or(0, |(i, _)| i);
                let to = (at + canary.len() + 100).min(text.len());
                let context = text.get(from..to).unwrap_or(text);
                panic!("a canary secret leaked into {place}: …{context}…");
            }
        }
    }
}

/// Every byte but letters and digits as `%XX`, as URLs and form bodies
/// carry them.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b if b.is_ascii_alphanumeric() => char::from(b).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Standard base64 with padding, as `Authorization: Basic` carries it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One headless run: the real binary with the canary config.
struct Headless<'a> {
    config: &'a Path,
    state_dir: &'a Path,
    password: &'a str,
}

impl Headless<'_> {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hostdeck"))
            .arg("--config")
            .arg(self.config)
            .args(args)
            .env("HOSTDECK_STATE_DIR", self.state_dir)
            .env(PASSWORD_VAR, self.password)
            .env("HOSTDECK_LOG", "trace")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .expect("run hostdeck")
    }
}

fn text(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `dir`, with its path.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            files.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    files
}

/// `chmod 600`: the config holds plain secrets.
fn restrict_to_owner(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let permissions = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(path, permissions).expect("chmod 600");
}

fn sim_of(sims: &[SimServer], kind: hostdeck::model::ProviderKind) -> &SimServer {
    sims.iter().find(|s| s.kind == kind).expect("simulator")
}

/// Types each step's keys and waits for its text; keeps every screen.
fn steps(console: &mut Console, steps: &[(&str, &str)], screens: &mut Vec<String>) {
    for (keys, expect) in steps {
        console.keys(keys);
        screens.push(console.wait_for(expect));
    }
}

/// The console: accounts view with the refused logons, a reboot that
/// fails because the session expired, a refresh after the sessions
/// expired, a ticket thread with a draft reply, the domains; then quit.
/// Returns what was on the screen along the way, every byte written and
/// the drafts file while the draft was open.
fn console_session(canaries: &Canaries, sims: &[SimServer], config: &Path, state: &Path) -> String {
    use hostdeck::model::ProviderKind::*;
    let config_arg = config.to_string_lossy().into_owned();
    let password = canaries.secrets.clc_password.clone();
    let mut console = Console::start_args(
        &["--config", &config_arg],
        state,
        &[(PASSWORD_VAR, &password), ("HOSTDECK_LOG", "trace")],
    );
    let mut screens = Vec::new();
    steps(
        &mut console,
        &[("", "Servers ["), ("A", "i3d-canary")],
        &mut screens,
    );
    let refused = |screen: &str, account: &str| {
        screen
            .lines()
            .any(|l| l.contains(account) && l.contains("auth failed"))
    };
    wait_until("both wrong accounts are refused", || {
        let screen = console.screen();
        refused(&screen, "clc-wrong") && refused(&screen, "cp-wrong")
    });
    screens.push(console.screen());
    console.keys("\x1b");

    for kind in [Clc, Hostbill] {
        sim_of(sims, kind)
            .faults
            .update(|f| f.expire_sessions = true);
    }
    // A powered-on server of the seeded fixtures, on clc-canary only (the
    // filter's regex sees one field per line).
    console.keys("/~clc-canary\\ngb3demoweb01\r");
    let selected = console.wait_for("Servers [1/");
    assert!(
        selected.contains("▶clc-canary GB3DEMOWEB01  on"),
        "{selected}"
    );
    steps(
        &mut console,
        &[
            ("b", "Confirm reboot"),
            ("\t", "> Reboot <"),
            ("\r", "reboot GB3DEMOWEB01 on clc-canary failed"),
        ],
        &mut screens,
    );
    let failed = screens.last().cloned().unwrap_or_default();
    assert!(failed.contains("the session"), "{failed}");
    steps(
        &mut console,
        &[
            ("\x1br", "Servers ["),
            ("T", "unread"),
            ("/hb-jwt\r", "filter:hb-jwt"),
            ("g\r", "Messages (oldest first)"),
            ("r", "Reply to ticket #"),
            ("a draft kept on disk", "a draft kept on disk"),
        ],
        &mut screens,
    );
    let drafts = state.join("drafts.json");
    let draft_on_disk = || std::fs::read_to_string(&drafts).unwrap_or_default();
    wait_until("the draft is on disk", || {
        draft_on_disk().contains("a draft kept on disk")
    });
    screens.push(format!("--- drafts.json\n{}", draft_on_disk()));
    steps(
        &mut console,
        &[("\x1b\x1bD", "Domains ["), ("J", "Jobs")],
        &mut screens,
    );
    console.keys("q");
    console.wait_exit();
    screens.push(console.screen());
    format!(
        "{}\n--- transcript\n{}",
        screens.join("\n---\n"),
        console.transcript()
    )
}

/// The `id` of the first row of `list KIND --json` on `account` that
/// `wanted` accepts.
fn first_id(listing: &Output, account: &str, wanted: fn(&serde_json::Value) -> bool) -> String {
    let rows: serde_json::Value =
        serde_json::from_slice(&listing.stdout).unwrap_or_else(|_| panic!("{}", text(listing)));
    rows.as_array()
        .into_iter()
        .flatten()
        .find(|row| row["account"] == account && wanted(row))
        .and_then(|row| row["id"].as_str())
        .unwrap_or_else(|| panic!("a row of {account} in {}", text(listing)))
        .to_string()
}

/// Answers that go wrong where secrets are near: the HostBill login and
/// token renewal garbled (the answer holds the tokens), controlepaneel's
/// GET calls (the Hash in the URL) dropped mid-answer and refused with
/// HTTP 502.
fn broken_answers(sims: &[SimServer], headless: &Headless) -> Vec<Output> {
    use hostdeck::model::ProviderKind::*;
    let hostbill = &sim_of(sims, Hostbill).faults;
    let controlepaneel = &sim_of(sims, Controlepaneel).faults;
    let mut outputs = Vec::new();
    for call in ["/api/login", "/api/token"] {
        hostbill.fail_only(Targeted {
            matches: vec![call.to_string()],
            malformed_body: true,
            ..Targeted::default()
        });
        outputs.push(headless.run(&["list", "tickets", "--account", "hb-jwt"]));
    }
    hostbill.set(Default::default());
    controlepaneel.update(|f| f.drop_mid_body = true);
    outputs.push(headless.run(&["list", "servers", "--account", "cp-get"]));
    controlepaneel.set(Default::default());
    controlepaneel.update(|f| f.http_status = Some(502));
    outputs.push(headless.run(&["list", "domains", "--account", "cp-get"]));
    controlepaneel.set(Default::default());
    outputs
}

/// list, show, failing acts, check and info; returns their output.
fn headless_commands(canaries: &Canaries, sims: &[SimServer], headless: &Headless) -> String {
    let mut outputs = broken_answers(sims, headless);
    let servers = headless.run(&["list", "servers", "--json"]);
    let server = first_id(&servers, "clc-canary", |row| row["power"] == "on");
    outputs.push(servers);
    let tickets = headless.run(&["list", "tickets", "--json"]);
    let ticket = first_id(&tickets, "hb-jwt", |_| true);
    outputs.push(tickets);
    outputs.push(headless.run(&["list", "tickets"]));
    outputs.push(headless.run(&["list", "domains"]));
    outputs.push(headless.run(&["show", "server", &format!("clc-canary:{server}")]));
    outputs.push(headless.run(&["show", "ticket", &format!("hb-jwt:{ticket}")]));

    let clc = sim_of(sims, hostdeck::model::ProviderKind::Clc);
    clc.faults
        .fail_only(Targeted::new(["RebootServer"]).with_status(500));
    let failed = headless.run(&["act", "reboot", &format!("clc-canary:{server}"), "--yes"]);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
    outputs.push(failed);
    clc.faults.set(Default::default());
    let refused = headless.run(&["act", "reboot", &format!("clc-wrong:{server}"), "--yes"]);
    assert_ne!(refused.status.code(), Some(0), "{}", text(&refused));
    outputs.push(refused);

    let check = headless.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    let check_text = text(&check);
    assert!(
        check_text.contains("clc-wrong") && check_text.contains("cp-wrong"),
        "{check_text}"
    );
    outputs.push(check);
    outputs.push(headless.run(&["info"]));
    let all: Vec<String> = outputs.iter().map(text).collect();
    for (i, output) in all.iter().enumerate() {
        canaries.assert_absent(&format!("headless command #{i}"), output);
    }
    all.join("\n")
}

#[test]
fn no_canary_secret_reaches_screen_output_or_state_files() {
    let canaries = Canaries::new();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sims = runtime
        .block_on(sim::start_all(SimOptions {
            secrets: canaries.secrets.clone(),
            queue_step: Duration::from_millis(50),
            // Every other HostBill call renews the token.
            token_uses: 1,
            ..SimOptions::default()
        }))
        .expect("simulators start");
    let state = temp_state_dir("canary");
    let config = state.join("hostdeck.toml");
    std::fs::write(&config, canaries.config(&sims)).expect("config written");
    restrict_to_owner(&config);
    let state_dir = state.join("state");

    let screen = console_session(&canaries, &sims, &config, &state_dir);
    canaries.assert_absent("the console's screen", &screen);
    assert!(screen.contains("clc-wrong"), "the accounts were drawn");

    let headless = Headless {
        config: &config,
        state_dir: &state_dir,
        password: &canaries.secrets.clc_password,
    };
    let outputs = headless_commands(&canaries, &sims, &headless);
    assert!(
        outputs.contains("audit"),
        "info names the audit log:\n{outputs}"
    );

    let panicked = Command::new(panic_probe())
        .arg(&config)
        .env(PASSWORD_VAR, &canaries.secrets.clc_password)
        .stdin(Stdio::null())
        .output()
        .expect("run the panic probe");
    let panic_text = text(&panicked);
    assert!(
        !panicked.status.success() && panic_text.contains("probe panic with the config"),
        "{panic_text}"
    );
    assert!(panic_text.contains("cp-canary"), "{panic_text}");
    canaries.assert_absent("panic text", &panic_text);

    let files = files_under(&state_dir);
    let paths: Vec<&PathBuf> = files.iter().map(|(path, _)| path).collect();
    for name in ["hostdeck.log", "audit.jsonl", "snapshot.json"] {
        assert!(
            files
                .iter()
                .any(|(path, text)| path.ends_with(name) && !text.is_empty()),
            "{name} was written: {paths:?}"
        );
    }
    for (path, text) in &files {
        canaries.assert_absent(&path.display().to_string(), text);
    }
    let _ = std::fs::remove_dir_all(&state);
}
