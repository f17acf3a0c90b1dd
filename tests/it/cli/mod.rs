//! The headless commands, run as a script would: the real binary, its
//! stdout, stderr and exit code. `--demo` serves the simulators in-process.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod hostbill;
mod records;
mod tickets;

pub(super) fn state_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostdeck-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("state dir");
    dir
}

pub(super) fn hostdeck(state: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .args(args)
        .env("HOSTDECK_STATE_DIR", state)
        .env_remove("HOSTDECK_CONFIG")
        .stdin(Stdio::null())
        .output()
        .expect("run hostdeck")
}

pub(super) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(super) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A powered-on demo server's name, from `list servers --json`.
fn running_server(state: &PathBuf) -> String {
    let out = hostdeck(state, &["--demo", "list", "servers", "--json"]);
    let servers: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    servers
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["power"] == "on")
        .and_then(|s| s["name"].as_str())
        .expect("a running server")
        .to_string()
}

#[test]
fn list_servers_json_is_one_array_with_account_kind_and_id() {
    let state = state_dir("json");
    let out = hostdeck(&state, &["--demo", "list", "servers", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let servers: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON array");
    let servers = servers.as_array().expect("array");
    let of = |account: &str| servers.iter().filter(|s| s["account"] == account).count();
    assert_eq!(
        of("clc-demo"),
        24,
        "--demo-scale defaults to 24, sub-account included"
    );
    assert_eq!(of("cp-demo"), 6, "the controlepaneel demo servers");
    for server in servers {
        assert_eq!(server["kind"], "server");
        assert!(server["id"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(
            server.get("primary_ip").is_some(),
            "snake_case model fields"
        );
    }
}

#[test]
fn list_servers_table_has_no_colour_in_a_pipe() {
    let state = state_dir("table");
    let out = hostdeck(&state, &["--demo", "--demo-scale", "50", "list", "servers"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("ACCOUNT"), "{text}");
    assert!(!text.contains('\u{1b}'), "no escape sequences in a pipe");
    assert!(text.lines().count() > 40);
    let ips = hostdeck(&state, &["--demo", "list", "ips", "--account", "clc-demo"]);
    assert!(stdout(&ips).contains("RIP"), "{}", stdout(&ips));
}

#[test]
fn act_reboots_through_the_queue_and_audits() {
    let state = state_dir("act");
    let name = running_server(&state);
    let out = hostdeck(&state, &["--demo", "act", "reboot", &name, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let progress = stderr(&out);
    assert!(
        progress.contains("running") && progress.contains("succeeded"),
        "{progress}"
    );
    let audit = std::fs::read_to_string(state.join("demo/audit.jsonl")).expect("audit log");
    let events: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(events.len(), 2, "{audit}");
    assert_eq!(events[0]["event"], "sent");
    assert_eq!(events[0]["origin"], "cli");
    assert_eq!(events[1]["outcome"], "succeeded");
}

#[test]
fn act_without_yes_and_without_a_terminal_sends_nothing() {
    let state = state_dir("noyes");
    let name = running_server(&state);
    let out = hostdeck(&state, &["--demo", "act", "reboot", &name]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(
        !state.join("demo/audit.jsonl").exists()
            || !std::fs::read_to_string(state.join("demo/audit.jsonl"))
                .unwrap_or_default()
                .contains("\"sent\"")
    );
}

#[test]
fn read_only_refuses_and_audits_the_refusal() {
    let state = state_dir("ro");
    let name = running_server(&state);
    let out = hostdeck(
        &state,
        &["--demo", "--read-only", "act", "power-off", &name, "--yes"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    let audit = std::fs::read_to_string(state.join("demo/audit.jsonl")).expect("audit log");
    assert!(
        audit.contains("\"refused\"") && !audit.contains("\"sent\""),
        "{audit}"
    );
}

#[test]
fn unknown_or_unsupported_actions_are_refused_clearly() {
    let state = state_dir("unsupported");
    let out = hostdeck(&state, &["--demo", "act", "explode", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown action explode"));
    let list = hostdeck(&state, &["--demo", "list", "servers", "--json"]);
    let servers: serde_json::Value = serde_json::from_str(&stdout(&list)).expect("json");
    let off = servers
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["power"] == "off" && s["status"] == "Active")
        .unwrap();
    let name = off["name"].as_str().unwrap();
    let out = hostdeck(&state, &["--demo", "act", "reboot", name, "--yes"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("not available"), "{}", stderr(&out));
    let out = hostdeck(
        &state,
        &["--demo", "act", "reboot", "NOSUCHSERVER", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no server matches NOSUCHSERVER"));
}

pub(super) fn audit_events(state: &Path) -> Vec<serde_json::Value> {
    audit_events_in(&state.join("demo"))
}

/// The audit log's events in a state directory (`--demo` uses `demo/`).
fn audit_events_in(state: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(state.join("audit.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn act_request_ip_asks_controlepaneel_for_addresses_and_audits() {
    let state = state_dir("request-ip");
    let args = [
        "--demo",
        "act",
        "request-ip",
        "vps-web01",
        "--count",
        "2",
        "--reason",
        "more sites",
        "--yes",
    ];
    let out = hostdeck(&state, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("requested 2 IPv4 addresses for server "),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("the provider handles the request"));
    let events = audit_events(&state);
    assert_eq!(events.len(), 2, "{events:?}");
    for event in &events {
        assert_eq!(event["action"], "request-ip");
        assert_eq!(event["account"], "cp-demo");
        assert_eq!(event["target"], "vps-web01");
        assert_eq!(event["args"], "type=IPv4 count=2 reason=more sites");
    }
    assert_eq!(events[0]["event"], "sent");
    assert_eq!(events[1]["outcome"], "succeeded");
}

#[test]
fn act_request_ip_needs_yes_without_a_terminal() {
    let state = state_dir("request-ip-noyes");
    let args = [
        "--demo",
        "act",
        "request-ip",
        "vps-web01",
        "--count",
        "1",
        "--ipv6",
        "--reason",
        "mail",
    ];
    let out = hostdeck(&state, &args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("request 1 IPv6 address needs confirmation"),
        "{}",
        stderr(&out)
    );
    assert!(audit_events(&state).is_empty());
}

#[test]
fn act_request_ip_is_refused_where_the_provider_lacks_it() {
    let state = state_dir("request-ip-clc");
    let list = hostdeck(
        &state,
        &[
            "--demo",
            "list",
            "servers",
            "--account",
            "clc-demo",
            "--json",
        ],
    );
    let servers: serde_json::Value = serde_json::from_str(&stdout(&list)).expect("json");
    let name = servers[0]["name"]
        .as_str()
        .expect("a clc server")
        .to_string();
    let args = [
        "--demo",
        "act",
        "request-ip",
        &name,
        "--count",
        "2",
        "--reason",
        "more",
        "--yes",
    ];
    let out = hostdeck(&state, &args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("requesting IP addresses is not offered by clc (account clc-demo)"),
        "{}",
        stderr(&out)
    );
    let events = audit_events(&state);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"], "refused");
    assert_eq!(events[0]["action"], "request-ip");
}

#[test]
fn act_request_ip_checks_count_and_reason_before_anything_is_sent() {
    let state = state_dir("request-ip-usage");
    // NOSUCHSERVER: a check that looked the server up first would say so instead.
    let cases: [(&[&str], &str); 6] = [
        (
            &["--count", "0", "--reason", "x"],
            "count 0 refused: ask for 1 to 16",
        ),
        (&["--count", "17", "--reason", "x"], "count 17 refused"),
        (&["--count", "2", "--reason", "  "], "a reason is required"),
        (&["--count", "2"], "a reason is required"),
        (&["--reason", "x"], "--count N is required"),
        (
            &["--count", "2", "--reason", "x", "extra"],
            "takes no arguments",
        ),
    ];
    for (options, expected) in cases {
        let mut args = vec!["--demo", "act", "request-ip", "NOSUCHSERVER", "--yes"];
        args.extend_from_slice(options);
        let out = hostdeck(&state, &args);
        assert_eq!(out.status.code(), Some(2), "{options:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{options:?}: {}",
            stderr(&out)
        );
    }
    let out = hostdeck(
        &state,
        &[
            "--demo",
            "act",
            "reboot",
            "NOSUCHSERVER",
            "--count",
            "2",
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("belong to request-ip, not to reboot"),
        "{}",
        stderr(&out)
    );
    assert!(
        audit_events(&state).is_empty(),
        "nothing was sent or audited"
    );
}

#[test]
fn act_request_ip_is_refused_in_read_only_mode() {
    let state = state_dir("request-ip-ro");
    let args = [
        "--demo",
        "--read-only",
        "act",
        "request-ip",
        "vps-web01",
        "--count",
        "2",
        "--reason",
        "more",
        "--yes",
    ];
    let out = hostdeck(&state, &args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("read-only mode: request 2 IPv4 addresses refused for vps-web01 on cp-demo"),
        "{}",
        stderr(&out)
    );
    let events = audit_events(&state);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"], "refused");
}

#[test]
fn check_logs_in_and_reports_with_an_exit_code() {
    let state = state_dir("check");
    let out = hostdeck(&state, &["--demo", "check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("ok    clc-demo"), "{}", stdout(&out));
}

#[test]
fn check_fails_for_an_unreachable_account_and_names_it() {
    let state = state_dir("unreachable");
    let config = state.join("hostdeck.toml");
    std::fs::write(
        &config,
        "[[accounts]]\nname = \"clc-gone\"\nkind = \"clc\"\nbase_url = \"http://127.0.0.1:9/REST/\"\napi_key_env = \"HD_TEST_KEY\"\npassword_env = \"HD_TEST_PW\"\n",
    )
    .expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .args(["--config", config.to_str().unwrap(), "check"])
        .env("HOSTDECK_STATE_DIR", &state)
        .env("HD_TEST_KEY", "k3y-value")
        .env("HD_TEST_PW", "pw-value")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("FAIL  clc-gone") && text.contains("clc-gone: "),
        "{text}"
    );
    assert!(
        !text.contains("k3y-value") && !text.contains("pw-value"),
        "no secrets: {text}"
    );
}

#[test]
fn a_bad_config_names_file_account_and_field() {
    let state = state_dir("badconfig");
    let config = state.join("hostdeck.toml");
    std::fs::write(&config, "[[accounts]]\nname = \"prod\"\nkind = \"clc\"\napi_key = \"x\"\npassword = \"y\"\npoll_interval_secs = \"often\"\n").expect("config");
    let out = hostdeck(
        &state,
        &["--config", config.to_str().unwrap(), "list", "servers"],
    );
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains(config.to_str().unwrap()), "{message}");
    assert!(
        message.contains("prod") && message.contains("poll_interval_secs"),
        "{message}"
    );
}

#[test]
fn a_key_clash_or_unknown_action_in_keys_is_a_config_error_naming_the_line() {
    let state = state_dir("badkeys");
    let config = state.join("hostdeck.toml");
    let account =
        "[[accounts]]\nname = \"prod\"\nkind = \"clc\"\napi_key = \"x\"\npassword = \"y\"\n";
    for (keys, line, words) in [
        (
            "[keys]\nreboot = \"o\"\n",
            8,
            ["keys.reboot", "already bound to power-on"],
        ),
        (
            "[keys]\n\nreboto = \"B\"\n",
            9,
            ["keys.reboto", "unknown action"],
        ),
    ] {
        std::fs::write(&config, format!("{account}\n{keys}")).expect("config");
        let out = hostdeck(
            &state,
            &["--config", config.to_str().unwrap(), "list", "servers"],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let message = stderr(&out);
        assert!(message.contains(config.to_str().unwrap()), "{message}");
        assert!(message.contains(&format!("line {line}")), "{message}");
        for word in words {
            assert!(message.contains(word), "{word}: {message}");
        }
    }
}

#[test]
fn a_missing_config_points_to_the_demo() {
    let state = state_dir("missing");
    let out = hostdeck(
        &state,
        &["--config", "/nonexistent/hostdeck.toml", "list", "servers"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--demo"), "{}", stderr(&out));
}

#[test]
fn info_prints_every_path() {
    let state = state_dir("info");
    let out = hostdeck(&state, &["info"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for label in ["config", "state dir", "audit log", "log file", "snapshot"] {
        assert!(text.contains(label), "{label}: {text}");
    }
    assert!(text.contains(state.to_str().unwrap()));
}

#[test]
fn sim_prints_one_line_per_simulator_with_credentials() {
    let state = state_dir("sim");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .arg("sim")
        .env("HOSTDECK_STATE_DIR", &state)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("line");
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("clc http://127.0.0.1:"), "{line}");
    assert!(
        line.contains("/REST/")
            && line.contains("api_key=")
            && line.contains("password=")
            && line.contains("alias="),
        "{line}"
    );
}

#[test]
fn sim_prints_hostbill_fourth_with_its_login() {
    let state = state_dir("sim-hostbill");
    let (mut child, sims) = serve_sims(&state, 4);
    let _ = child.kill();
    let _ = child.wait();
    let hostbill = &sims[3];
    assert!(hostbill["url"].ends_with("/api/"), "{hostbill:?}");
    assert_eq!(
        hostbill.get("username").map(String::as_str),
        Some(hostdeck::sim::hostbill::DEMO_EMAIL)
    );
    assert_eq!(
        hostbill.get("password").map(String::as_str),
        Some(hostdeck::sim::hostbill::DEMO_PASSWORD)
    );
}

/// One simulator line of `hostdeck sim`: `url` and the credentials.
type SimLine = std::collections::HashMap<String, String>;

/// Starts `hostdeck sim` and returns it with the fields of its first
/// `count` lines (clc, then controlepaneel).
fn serve_sims(state: &PathBuf, count: usize) -> (std::process::Child, Vec<SimLine>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .arg("sim")
        .env("HOSTDECK_STATE_DIR", state)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sim");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let sims = (0..count)
        .map(|_| sim_line(&lines.next().expect("a line").expect("text")))
        .collect();
    (child, sims)
}

fn sim_line(line: &str) -> SimLine {
    let mut fields: SimLine = line
        .split_whitespace()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let url = line.split_whitespace().nth(1).expect("url").to_string();
    fields.insert("url".into(), url);
    fields
}

/// Starts `hostdeck sim` and returns it with its first line's fields.
fn serve_sim(state: &PathBuf) -> (std::process::Child, SimLine) {
    let (child, mut sims) = serve_sims(state, 1);
    (child, sims.remove(0))
}

#[test]
fn an_xml_format_account_from_a_config_file_lists_servers_from_hostdeck_sim() {
    let state = state_dir("xml");
    let (mut sim, fields) = serve_sim(&state);
    let config = state.join("hostdeck.toml");
    std::fs::write(
        &config,
        format!(
            "[[accounts]]\nname = \"clc-xml\"\nkind = \"clc\"\nbase_url = \"{}\"\napi_key = \"{}\"\npassword_env = \"HD_XML_PW\"\nformat = \"xml\"\n",
            fields["url"], fields["api_key"]
        ),
    )
    .expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "list",
            "servers",
            "--json",
        ])
        .env("HOSTDECK_STATE_DIR", &state)
        .env("HD_XML_PW", &fields["password"])
        .output()
        .expect("run");
    let _ = sim.kill();
    let _ = sim.wait();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let servers: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let servers = servers.as_array().expect("array");
    assert_eq!(
        servers.len(),
        22,
        "the API user's own account (no hierarchy)"
    );
    assert!(servers.iter().all(|s| s["account"] == "clc-xml"));
}

#[test]
fn a_bad_format_value_is_named() {
    let state = state_dir("badformat");
    let config = state.join("hostdeck.toml");
    std::fs::write(&config, "[[accounts]]\nname = \"p\"\nkind = \"clc\"\napi_key_env = \"A\"\npassword_env = \"B\"\nformat = \"yaml\"\n").expect("config");
    let out = hostdeck(&state, &["--config", config.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("format") && stderr(&out).contains("yaml"),
        "{}",
        stderr(&out)
    );
}

/// One plain HTTP exchange with the simulator serving `api_url`: asserts
/// a 200 answer and returns its body.
fn sim_http(api_url: &str, method: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let rest = api_url.strip_prefix("http://").expect("http URL");
    let host = rest.split('/').next().expect("host");
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let (_, body) = answer.split_once("\r\n\r\n").expect("a body");
    body.to_string()
}

/// Sets the faults of the simulator serving `api_url` over plain HTTP.
fn set_faults(api_url: &str, faults: &serde_json::Value) {
    sim_http(api_url, "POST", "/_sim/faults", &faults.to_string());
}

/// A config with one clc and one controlepaneel account on `hostdeck sim`.
fn two_account_config(state: &Path, sims: &[SimLine]) -> PathBuf {
    let (clc, cp) = (&sims[0], &sims[1]);
    let text = format!(
        "[[accounts]]\nname = \"clc-sim\"\nkind = \"clc\"\nbase_url = \"{}\"\napi_key = \"{}\"\npassword = \"{}\"\n\n\
         [[accounts]]\nname = \"cp-sim\"\nkind = \"controlepaneel\"\nbase_url = \"{}\"\naccount_id = \"{}\"\nhash = \"{}\"\n",
        clc["url"], clc["api_key"], clc["password"], cp["url"], cp["account_id"], cp["hash"]
    );
    let config = state.join("hostdeck.toml");
    std::fs::write(&config, text).expect("config");
    config
}

fn with_config(state: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("HOSTDECK_STATE_DIR", state)
        .stdin(Stdio::null())
        .output()
        .expect("run hostdeck")
}

/// Fails clc's networks in UC1 and controlepaneel's monitoring list.
fn fail_two_enrichments(sims: &[SimLine]) {
    let networks = serde_json::json!({"targeted": [
        {"matches": ["Network/GetNetworks/", "\"Location\":\"UC1\""]}
    ]});
    set_faults(&sims[0]["url"], &networks);
    let monitoring = serde_json::json!({"targeted": [
        {"matches": ["Action=list_mon"], "http_status": 500}
    ]});
    set_faults(&sims[1]["url"], &monitoring);
}

#[test]
fn list_warns_once_per_missing_part_and_still_lists_every_server() {
    let state = state_dir("partial-list");
    let (mut sim, sims) = serve_sims(&state, 2);
    let config = two_account_config(&state, &sims);
    fail_two_enrichments(&sims);
    let out = with_config(&state, &config, &["list", "servers", "--json"]);
    let _ = sim.kill();
    let _ = sim.wait();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let servers: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let servers = servers.as_array().expect("array");
    let of = |account: &str| servers.iter().filter(|s| s["account"] == account).count();
    assert_eq!(
        (of("clc-sim"), of("cp-sim")),
        (22, 6),
        "every server listed"
    );
    let err = stderr(&out);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("hostdeck: warning: "))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "hostdeck: warning: clc-sim: networks in UC1 not fetched: Network/GetNetworks UC1: StatusCode 2: "
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with(
            "hostdeck: warning: cp-sim: monitoring not fetched: servers/list_mon: provider answered HTTP 500"
        ),
        "{warnings:?}"
    );
    let uc1 = servers
        .iter()
        .find(|s| s["location"] == "UC1")
        .expect("UC1");
    assert_eq!(uc1["missing"][0]["part"], "networks in UC1", "{uc1}");
}

#[test]
fn check_logs_in_refreshes_and_reports_missing_parts_without_failing() {
    let state = state_dir("partial-check");
    let (mut sim, sims) = serve_sims(&state, 2);
    let config = two_account_config(&state, &sims);
    fail_two_enrichments(&sims);
    let out = with_config(&state, &config, &["check"]);
    let _ = sim.kill();
    let _ = sim.wait();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("ok    clc-sim "), "{text}");
    assert!(lines[0].ends_with("; inventory: 22 servers"), "{text}");
    assert!(
        lines[1].starts_with(
            "warn  clc-sim          networks in UC1 not fetched: Network/GetNetworks UC1: "
        ),
        "{text}"
    );
    assert!(
        lines[2].starts_with("ok    cp-sim ") && lines[2].ends_with("; inventory: 6 servers"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("warn  cp-sim           monitoring not fetched: servers/list_mon: "),
        "{text}"
    );
}

/// A demo object's field from `list WHAT --account ACCOUNT --json`.
fn first_of(state: &PathBuf, what: &str, account: &str, field: &str) -> String {
    let args = ["--demo", "list", what, "--account", account, "--json"];
    let out = hostdeck(state, &args);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    list[0][field].as_str().expect(field).to_string()
}

/// Runs `act LINE --yes` through `run` (which adds the global options) and
/// asserts its exit code and that stderr says `expected`.
fn assert_act(run: &dyn Fn(&[&str]) -> Output, line: &[&str], code: i32, expected: &str) {
    let mut args = vec!["act"];
    args.extend_from_slice(line);
    args.push("--yes");
    let out = run(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{line:?}: {err}");
    assert!(err.contains(expected), "{line:?}: {err}");
}

/// `hostdeck --demo [--read-only] ARGS` in `state`.
fn demo<'a>(state: &'a PathBuf, read_only: bool) -> impl Fn(&[&str]) -> Output + 'a {
    move |args| {
        let global: &[&str] = if read_only {
            &["--demo", "--read-only"]
        } else {
            &["--demo"]
        };
        hostdeck(state, &[global, args].concat())
    }
}

/// The server actions `act` has always taken.
const POWER_ACTIONS: [&str; 8] = [
    "power-on",
    "power-off",
    "shutdown",
    "reboot",
    "reset",
    "pause",
    "maintenance-on",
    "maintenance-off",
];

#[test]
fn act_help_lists_every_action_and_each_has_its_own_arguments() {
    let state = state_dir("act-help");
    let out = hostdeck(&state, &["act", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    let others = [
        "set-ptr",
        "request-epp",
        "lock",
        "unlock",
        "set-ns",
        "request-ip",
        "reply",
        "close-ticket",
        "reopen-ticket",
        "open-ticket",
    ];
    for action in POWER_ACTIONS.iter().chain(&others) {
        assert!(help.contains(&format!("  {action} ")), "{action}: {help}");
    }
    let cases: [(&str, &[&str], &[&str]); 4] = [
        ("reboot", &["<SERVER>", "--yes"], &["--count", "--reason"]),
        (
            "set-ptr",
            &["<IP> <HOSTNAME>", "--server <ACCOUNT:ID>", "--yes"],
            &[],
        ),
        (
            "request-ip",
            &["<SERVER>", "--count <N>", "--ipv6", "--reason <TEXT>"],
            &[],
        ),
        (
            "open-ticket",
            &[
                "<ACCOUNT>",
                "--subject <S>",
                "--message-file <FILE>",
                "--category <C>",
                "--department <D>",
            ],
            &[],
        ),
    ];
    for (action, shown, hidden) in cases {
        let out = hostdeck(&state, &["act", action, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{action}");
        let help = stdout(&out);
        for word in shown {
            assert!(help.contains(word), "{action} {word}: {help}");
        }
        for word in hidden {
            assert!(!help.contains(word), "{action} hides {word}: {help}");
        }
    }
}

/// Every spelling `act` took before it had one subcommand per action still
/// parses, finds its object and reaches the policy, which refuses it in
/// read-only mode (and audits the refusal).
#[test]
fn every_old_spelling_reaches_its_object_and_the_policy() {
    let state = state_dir("act-spellings");
    let server = running_server(&state);
    let domain = first_of(&state, "domains", "cp-demo", "id");
    let mut lines: Vec<Vec<String>> = POWER_ACTIONS
        .iter()
        .map(|action| vec![action.to_string(), server.clone()])
        .collect();
    for action in ["request-epp", "lock", "unlock"] {
        lines.push(vec![action.into(), domain.clone()]);
    }
    let words = |line: &str| line.split(' ').map(String::from).collect::<Vec<_>>();
    lines.push(words(&format!(
        "set-ns {domain} ns1.example.net ns2.example.net"
    )));
    lines.push(words("set-ptr 192.0.2.10 web01.example.nl"));
    lines.push(words("request-ip vps-web01 --count 2 --reason more"));
    for line in &lines {
        let line: Vec<&str> = line.iter().map(String::as_str).collect();
        assert_act(&demo(&state, true), &line, 3, "read-only mode: ");
    }
    let events = audit_events(&state);
    let refused: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = lines.iter().map(|l| l[0].as_str()).collect();
    assert_eq!(refused, expected);
    assert!(events.iter().all(|e| e["event"] == "refused"));
}

#[test]
fn an_unknown_action_names_the_spelling_it_is_close_to() {
    let state = state_dir("act-near");
    let near = "unknown action POWER_OFF; did you mean power-off?";
    assert_act(&demo(&state, false), &["POWER_OFF", "x"], 2, near);
}

/// A config whose only account cannot be reached: a check that asked it
/// anything would fail with exit code 1 instead.
fn unreachable_config(state: &Path) -> PathBuf {
    let config = state.join("hostdeck.toml");
    std::fs::write(
        &config,
        "[[accounts]]\nname = \"gone\"\nkind = \"controlepaneel\"\nbase_url = \"http://127.0.0.1:9/api/\"\naccount_id = \"1\"\nhash = \"h\"\n",
    )
    .expect("config");
    config
}

#[test]
fn bad_arguments_of_the_new_actions_are_refused_before_any_network() {
    let state = state_dir("act-usage");
    let config = unreachable_config(&state);
    let missing = state.join("no-such-message.txt");
    let missing = missing.to_str().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (
            &["reply", "gone:7", "--message", "  "],
            "reply gone:7: the message is empty; nothing sent",
        ),
        (
            &["reply", "gone:7", "--message-file", missing],
            "reply gone:7: cannot read the message file",
        ),
        (
            &["reply", "gone:7"],
            "--message <TEXT>|--message-file <FILE>",
        ),
        (
            &[
                "reply",
                "gone:7",
                "--message",
                "a",
                "--message-file",
                missing,
            ],
            "cannot be used with",
        ),
        (
            &["open-ticket", "gone", "--subject", " ", "--message", "m"],
            "open-ticket gone: --subject is empty",
        ),
        (
            &[
                "open-ticket",
                "gone",
                "--subject",
                "s",
                "--message",
                "m",
                "--category",
                "",
            ],
            "--category is empty",
        ),
        (
            &["set-ptr", "web01", "a.example.nl"],
            "\"web01\" is not an IP address",
        ),
        (
            &["set-ptr", "gone:10.0.0.1", "bad_host.example"],
            "PTR record \"bad_host.example\" refused",
        ),
        (
            &["close-ticket", "gone:7", "now"],
            "close-ticket takes no arguments after the reference",
        ),
    ];
    let run = |args: &[&str]| with_config(&state, &config, args);
    for (line, expected) in cases {
        assert_act(&run, line, 2, expected);
    }
    assert!(audit_events(&state).is_empty(), "nothing sent or audited");
}

#[test]
fn a_message_file_is_read_and_ticket_actions_are_refused_where_there_are_no_tickets() {
    let state = state_dir("act-tickets-cp");
    let message = state.join("reply.txt");
    std::fs::write(&message, "The disk in slot 3 is replaced.\n").expect("message");
    let message = message.to_str().unwrap();
    let lines: [&[&str]; 4] = [
        &["reply", "cp-demo:7", "--message-file", message],
        &["close-ticket", "cp-demo:7"],
        &["reopen-ticket", "cp-demo:7"],
        &[
            "open-ticket",
            "cp-demo",
            "--subject",
            "Disk",
            "--message-file",
            message,
        ],
    ];
    let refused = "support tickets is not offered by controlepaneel (account cp-demo)";
    for line in lines {
        assert_act(&demo(&state, false), line, 3, refused);
    }
    let events = audit_events(&state);
    assert_eq!(events.len(), 4, "{events:?}");
    assert!(events.iter().all(|e| e["event"] == "refused"));
    assert_eq!(
        events[0]["args"],
        "chars=31 first=\"The disk in slot 3 is replaced.\""
    );
    let show = hostdeck(&state, &["--demo", "show", "ticket", "cp-demo:7"]);
    assert_eq!(show.status.code(), Some(3), "{}", stderr(&show));
    let list = hostdeck(
        &state,
        &["--demo", "list", "tickets", "--account", "cp-demo"],
    );
    assert_eq!(list.status.code(), Some(1), "{}", stderr(&list));
    let all = hostdeck(&state, &["--demo", "list", "tickets", "--json"]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    let tickets: serde_json::Value = serde_json::from_str(&stdout(&all)).expect("json");
    let tickets = tickets.as_array().expect("array");
    assert!(tickets.iter().all(|t| t["account"] != "cp-demo"));
}

#[test]
fn list_telemetry_has_the_fetched_series_and_one_point_per_gauge() {
    let state = state_dir("telemetry");
    let out = hostdeck(&state, &["--demo", "list", "telemetry", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON array");
    let rows = rows.as_array().expect("array");
    for row in rows {
        for field in ["account", "kind", "id", "metric", "unit", "points"] {
            assert!(row.get(field).is_some(), "{field}: {row}");
        }
        let times: Vec<i64> = row["points"]
            .as_array()
            .expect("points")
            .iter()
            .map(|p| p[0].as_i64().expect("unix seconds"))
            .collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first: {row}");
        assert!(
            times
                .iter()
                .all(|t| *t > 1_600_000_000 && *t < 4_000_000_000),
            "{row}"
        );
    }
    let of = |account: &str, metric: &str| {
        rows.iter()
            .filter(|r| r["account"] == account && r["metric"] == metric)
            .collect::<Vec<_>>()
    };
    let cost = of("clc-demo", "cost");
    assert_eq!(cost.len(), 24, "one fetched series per clc server");
    assert!(cost
        .iter()
        .all(|r| r["points"].as_array().unwrap().len() > 1));
    let amps = of("cp-demo", "amps A");
    assert_eq!(amps.len(), 1, "the colocation's cabinet");
    assert_eq!(amps[0]["unit"], "A");
    assert_eq!(
        amps[0]["points"].as_array().unwrap().len(),
        1,
        "one poll, one point"
    );
    assert!(!of("cp-demo", "load").is_empty());
    let table = hostdeck(
        &state,
        &["--demo", "list", "telemetry", "--account", "cp-demo"],
    );
    let text = stdout(&table);
    assert!(text.starts_with("ACCOUNT  SERVER"), "{text}");
    assert!(
        text.contains("amps A") && !text.contains('\u{1b}'),
        "{text}"
    );
}
