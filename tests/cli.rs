//! The headless commands, run as a script would: the real binary, its
//! stdout, stderr and exit code. `--demo` serves the simulators in-process.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn state_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostdeck-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("state dir");
    dir
}

fn hostdeck(state: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .args(args)
        .env("HOSTDECK_STATE_DIR", state)
        .env_remove("HOSTDECK_CONFIG")
        .stdin(Stdio::null())
        .output()
        .expect("run hostdeck")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
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

/// Starts `hostdeck sim` and returns it with its first line's fields.
fn serve_sim(
    state: &PathBuf,
) -> (
    std::process::Child,
    std::collections::HashMap<String, String>,
) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .arg("sim")
        .env("HOSTDECK_STATE_DIR", state)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sim");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("line");
    let mut fields: std::collections::HashMap<String, String> = line
        .split_whitespace()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let url = line.split_whitespace().nth(1).expect("url").to_string();
    fields.insert("url".into(), url);
    (child, fields)
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
