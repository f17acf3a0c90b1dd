//! The config file: the documented example parses, every mistake gives a
//! message naming the file, the account and the field, and secrets stay
//! out of errors and `Debug` output.

use hostdeck::config::{Config, ConfigError, KindOptions, Paths, ProviderKind, SecretSource};
use hostdeck::provider::clc::WireFormat;
use hostdeck::provider::controlepaneel::HttpMethod;
use hostdeck::provider::hostbill::{AuthMode, ServiceSpec};
use std::path::{Path, PathBuf};

const FILE: &str = "/home/ops/.config/hostdeck/hostdeck.toml";

/// The example from DESIGN.md "Config", verbatim.
const DESIGN_EXAMPLE: &str = r#"
read_only = false                     # true: no mutating command anywhere

[[accounts]]
name = "clc-prod"                     # unique; shown in every table
kind = "clc"                          # clc | controlepaneel | i3d | hostbill
base_url = "https://api.ctl.io/REST/"
api_key = "..."
password_cmd = "pass show clc/prod"   # any secret X may be given as X, X_env (a variable) or X_cmd (a command's stdout)

[[accounts]]
name = "nl-colo"
kind = "controlepaneel"
base_url = "https://.../api/"
account_id = "12345"
hash_env = "CP_HASH"
method = "post"                       # post (default) | get
read_only = true                      # per account as well

[[accounts]]
name = "i3d"
kind = "i3d"
base_url = "https://api.i3d.net/v3/"  # the default; the host alone works too
api_key_env = "I3D_API_KEY"           # sent as the PRIVATE-TOKEN header

[[accounts]]
name = "xs"
kind = "hostbill"
base_url = "https://cp.xsserver.gmbh/api/"
username = "ops@example.com"
password_cmd = "pass show xs"
auth = "basic"                        # basic | jwt
services = [1201, 1202]               # no call lists services; or { id = 1201, vms = [301] }
"#;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml_str(text, Path::new(FILE))
}

/// The error message for `text`, which must be invalid.
fn error_for(text: &str) -> String {
    match parse(text) {
        Ok(config) => panic!("expected an error, got {config:?}"),
        Err(e) => e.to_string(),
    }
}

fn assert_names(message: &str, wanted: &[&str]) {
    for part in wanted {
        assert!(message.contains(part), "{part:?} missing from: {message}");
    }
}

fn clc(extra: &str) -> String {
    format!(
        "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k-123\"\npassword = \"p-456\"\n{extra}\n"
    )
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("config-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn design_example_parses() {
    std::env::set_var("CP_HASH", "cp-hash-value");
    std::env::set_var("I3D_API_KEY", "i3d-key-value");
    let config = parse(DESIGN_EXAMPLE).unwrap();
    assert!(!config.read_only);
    assert_eq!(config.path.as_deref(), Some(Path::new(FILE)));
    let names: Vec<&str> = config.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["clc-prod", "nl-colo", "i3d", "xs"]);
    let kinds: Vec<ProviderKind> = config.accounts.iter().map(|a| a.kind()).collect();
    assert_eq!(kinds, ProviderKind::ALL);

    let clc = config.account("clc-prod").unwrap();
    assert_eq!(clc.base_url, "https://api.ctl.io/REST/");
    assert_eq!(clc.poll_interval_secs, 30);
    assert!(!clc.read_only);
    let clc_options = KindOptions::Clc {
        alias: None,
        hierarchy: false,
        format: WireFormat::Json,
        full_read_every: 10,
    };
    assert_eq!(clc.options, clc_options);
    assert_eq!(clc.secret("api_key").unwrap().expose(), "...");
    assert!(matches!(&clc.secrets["password"], SecretSource::Cmd(c) if c == "pass show clc/prod"));

    let colo = config.account("nl-colo").unwrap();
    assert!(colo.read_only);
    let colo_options = KindOptions::Controlepaneel {
        account_id: "12345".into(),
        method: HttpMethod::Post,
    };
    assert_eq!(colo.options, colo_options);
    assert_eq!(colo.secret("hash").unwrap().expose(), "cp-hash-value");

    let i3d = config.account("i3d").unwrap();
    assert_eq!(i3d.secret("api_key").unwrap().expose(), "i3d-key-value");
    assert_eq!(i3d.options, KindOptions::I3d);
    assert!(!i3d.has_secret("password"));

    let xs = config.account("xs").unwrap();
    let xs_options = KindOptions::Hostbill {
        username: "ops@example.com".into(),
        auth: AuthMode::Basic,
        services: vec![ServiceSpec::new(1201), ServiceSpec::new(1202)],
    };
    assert_eq!(xs.options, xs_options);
    assert!(xs.has_secret("password"));
}

fn hostbill(extra: &str) -> String {
    format!(
        "[[accounts]]\nname = \"xs\"\nkind = \"hostbill\"\nusername = \"ops@example.com\"\npassword = \"p\"\n{extra}\n"
    )
}

#[test]
fn hostbill_services_are_ids_or_tables_with_vms_and_auth_defaults_to_basic() {
    let config = parse(&hostbill(
        "auth = \"JWT\"\nservices = [1201, { id = 1202, vms = [301, 301] }]",
    ))
    .unwrap();
    let KindOptions::Hostbill { auth, services, .. } = &config.accounts[0].options else {
        panic!("a hostbill account");
    };
    assert_eq!(*auth, AuthMode::Jwt);
    let with_vm = ServiceSpec {
        id: 1202,
        vms: vec![301],
    };
    assert_eq!(services, &[ServiceSpec::new(1201), with_vm]);
    let plain = parse(&hostbill("")).unwrap();
    let KindOptions::Hostbill { auth, services, .. } = &plain.accounts[0].options else {
        panic!("a hostbill account");
    };
    assert_eq!((*auth, services.len()), (AuthMode::Basic, 0));
}

#[test]
fn hostbill_options_name_the_field_and_entry_that_is_wrong() {
    let cases = [
        (
            "auth = \"bearer\"",
            "`auth`",
            "must be \"basic\" or \"jwt\"",
        ),
        (
            "services = 1201",
            "`services`",
            "expected a list of service ids",
        ),
        ("services = [1201, \"1202\"]", "`services`", "services[1]"),
        ("services = [1201, 1201]", "`services`", "listed twice"),
        ("services = [{ vms = [1] }]", "`services`", "has no id"),
        (
            "services = [{ id = 1, vm = [1] }]",
            "`services`",
            "unknown field `vm`",
        ),
        (
            "services = [{ id = 1, vms = [-3] }]",
            "`services`",
            "above 0",
        ),
    ];
    for (extra, field, problem) in cases {
        let message = error_for(&hostbill(extra));
        assert_names(&message, &[FILE, "\"xs\"", field, problem]);
    }
}

#[test]
fn defaults_fill_in_and_global_read_only_applies_to_all() {
    let text = format!(
        "read_only = true\npoll_interval_secs = 60\n{}\n[[accounts]]\nname = \"cp\"\nkind = \"controlepaneel\"\nbase_url = \"https://cp.example/api\"\naccount_id = 42\nhash = \"h\"\npoll_interval_secs = 10\n",
        clc("")
    );
    let config = parse(&text).unwrap();
    let clc = &config.accounts[0];
    assert!(config.read_only && clc.read_only);
    assert_eq!(clc.poll_interval_secs, 60);
    let cp = &config.accounts[1];
    assert_eq!(cp.poll_interval_secs, 10);
    let cp_options = KindOptions::Controlepaneel {
        account_id: "42".into(),
        method: HttpMethod::Post,
    };
    assert_eq!(cp.options, cp_options);
    assert_eq!(cp.base_url, "https://cp.example/api/");
    assert_eq!(clc.kind(), ProviderKind::Clc);
}

#[test]
fn empty_file_has_no_accounts() {
    let config = parse("").unwrap();
    assert!(config.accounts.is_empty() && !config.read_only);
}

#[test]
fn unknown_key_names_file_line_account_and_field_with_a_guess() {
    let message = error_for(&clc("pasword = \"x\""));
    assert_names(
        &message,
        &[
            FILE,
            "line 6",
            "\"clc-prod\"",
            "pasword",
            "did you mean `password`?",
        ],
    );
}

#[test]
fn field_of_another_kind_says_which_kind_uses_it() {
    let text = "[[accounts]]\nname = \"i3d\"\nkind = \"i3d\"\napi_key = \"t\"\nalias = \"AB\"\n";
    let message = error_for(text);
    assert_names(
        &message,
        &[FILE, "\"i3d\"", "`alias`", "only by clc accounts"],
    );
}

#[test]
fn wrong_type_names_the_field_but_not_the_value() {
    let message = error_for(&clc("poll_interval_secs = \"30\""));
    assert_names(
        &message,
        &[FILE, "\"clc-prod\"", "poll_interval_secs", "found a string"],
    );

    let text =
        "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k\"\npassword = 987654\n";
    let message = error_for(text);
    assert_names(
        &message,
        &[
            FILE,
            "line 5",
            "\"clc-prod\"",
            "`password`",
            "found an integer",
        ],
    );
    assert!(!message.contains("987654"), "{message}");
}

#[test]
fn top_level_mistakes_name_the_file_and_field() {
    assert_names(
        &error_for("read_only = \"yes\""),
        &[FILE, "line 1", "read_only", "true or false"],
    );
    assert_names(
        &error_for("theme = \"dark\""),
        &[FILE, "theme", "unknown field"],
    );
    assert_names(&error_for("accounts = 3"), &[FILE, "accounts"]);
}

#[test]
fn syntax_error_inside_a_block_names_the_account_and_line() {
    let message = error_for(&clc("alias = \"unterminated"));
    assert_names(&message, &[FILE, "line 6", "\"clc-prod\"", "invalid TOML"]);
}

#[test]
fn duplicate_account_names_are_refused() {
    let message = error_for(&format!("{}{}", clc(""), clc("")));
    assert_names(
        &message,
        &[FILE, "\"clc-prod\"", "`name`", "already has this name"],
    );
}

#[test]
fn empty_or_missing_name_is_reported_by_position() {
    let message = error_for("[[accounts]]\nname = \"\"\nkind = \"i3d\"\napi_key = \"t\"\n");
    assert_names(&message, &[FILE, "accounts[0]", "`name`", "empty"]);
    let text = format!("{}[[accounts]]\nkind = \"i3d\"\napi_key = \"t\"\n", clc(""));
    assert_names(
        &error_for(&text),
        &[FILE, "accounts[1]", "`name`", "missing"],
    );
}

#[test]
fn base_url_must_be_http() {
    let message = error_for(&clc("base_url = \"ftp://files.example/\""));
    assert_names(
        &message,
        &[FILE, "\"clc-prod\"", "base_url", "http:// or https://"],
    );
    let message = error_for(&clc("base_url = \"api.ctl.io/REST\""));
    assert_names(
        &message,
        &[FILE, "\"clc-prod\"", "base_url", "not a valid URL"],
    );
}

#[test]
fn poll_interval_below_five_seconds_is_refused() {
    let message = error_for(&clc("poll_interval_secs = 2"));
    assert_names(
        &message,
        &[FILE, "\"clc-prod\"", "poll_interval_secs", "at least 5"],
    );
}

#[test]
fn full_read_every_is_a_number_of_polls_of_at_least_one() {
    let every = |extra: &str| match parse(&clc(extra)).expect("parses").accounts[0].options {
        KindOptions::Clc {
            full_read_every, ..
        } => full_read_every,
        ref other => panic!("not clc: {other:?}"),
    };
    assert_eq!(every(""), 10);
    assert_eq!(every("full_read_every = 1"), 1);
    let message = error_for(&clc("full_read_every = 0"));
    assert_names(&message, &["\"clc-prod\"", "full_read_every", "at least 1"]);
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let message = error_for("[[accounts]]\nname = \"x\"\nkind = \"aws\"\n");
    assert_names(
        &message,
        &[
            FILE,
            "\"x\"",
            "`kind`",
            "aws",
            "clc, controlepaneel, i3d, hostbill",
        ],
    );
}

#[test]
fn missing_credentials_per_kind() {
    let cases = [
        ("kind = \"clc\"\napi_key = \"k\"", "password"),
        ("kind = \"clc\"\npassword = \"p\"", "api_key"),
        (
            "kind = \"controlepaneel\"\nbase_url = \"https://cp.example/\"\nhash = \"h\"",
            "account_id",
        ),
        (
            "kind = \"controlepaneel\"\nbase_url = \"https://cp.example/\"\naccount_id = \"1\"",
            "hash",
        ),
        (
            "kind = \"controlepaneel\"\naccount_id = \"1\"\nhash = \"h\"",
            "base_url",
        ),
        ("kind = \"i3d\"", "api_key"),
        ("kind = \"hostbill\"\npassword = \"p\"", "username"),
        ("kind = \"hostbill\"\nusername = \"u\"", "password"),
    ];
    for (body, field) in cases {
        let message = error_for(&format!("[[accounts]]\nname = \"acct\"\n{body}\n"));
        assert_names(
            &message,
            &[FILE, "\"acct\"", &format!("`{field}`"), "missing"],
        );
    }
}

#[test]
fn two_forms_of_one_secret_are_refused() {
    let text = "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k\"\npassword = \"plain-pw\"\npassword_cmd = \"pass show x\"\n";
    let message = error_for(text);
    assert_names(
        &message,
        &[
            FILE,
            "\"clc-prod\"",
            "`password`",
            "`password_cmd`",
            "keep one",
        ],
    );
    assert!(!message.contains("plain-pw"), "{message}");
}

#[test]
fn secret_cmd_runs_a_command_and_trims_its_output() {
    let text = "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k\"\npassword_cmd = \"printf ' s3cret\\\\n'\"\n";
    let config = parse(text).unwrap();
    let secret = config.accounts[0].secret("password").unwrap();
    assert_eq!(secret.expose(), "s3cret");
}

#[test]
fn failing_secret_cmd_reports_status_without_output() {
    let text = "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k\"\npassword_cmd = \"echo leaked-out; echo leaked-err >&2; exit 3\"\n";
    let config = parse(text).unwrap();
    let message = config.accounts[0]
        .secret("password")
        .unwrap_err()
        .to_string();
    assert_names(&message, &["\"clc-prod\"", "password", "failed", "3"]);
    assert!(!message.contains("leaked"), "{message}");
}

#[test]
fn secret_env_that_is_unset_names_the_variable() {
    let text = "[[accounts]]\nname = \"i3d\"\nkind = \"i3d\"\napi_key_env = \"HOSTDECK_TEST_SURELY_UNSET\"\n";
    let config = parse(text).unwrap();
    let message = config.accounts[0]
        .secret("api_key")
        .unwrap_err()
        .to_string();
    assert_names(
        &message,
        &[
            "\"i3d\"",
            "api_key",
            "HOSTDECK_TEST_SURELY_UNSET",
            "not set",
        ],
    );
}

#[test]
fn asking_for_an_unconfigured_secret_names_account_and_field() {
    let config = parse(&clc("")).unwrap();
    let message = config.accounts[0].secret("token").unwrap_err().to_string();
    assert_names(&message, &["\"clc-prod\"", "token"]);
}

#[test]
fn debug_output_never_shows_a_plain_secret() {
    let config = parse(&clc("")).unwrap();
    let debug = format!("{config:?} {:#?}", config.accounts);
    assert!(
        !debug.contains("k-123") && !debug.contains("p-456"),
        "{debug}"
    );
    assert!(debug.contains("[redacted]"));
}

#[test]
fn load_reports_a_missing_file_as_missing() {
    let path = fresh_dir("missing").join("hostdeck.toml");
    assert!(matches!(Config::load(&path), Err(ConfigError::Missing { path: p }) if p == path));
}

#[cfg(unix)]
#[test]
fn permission_warning_when_plain_secret_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fresh_dir("perm");
    let path = dir.join("hostdeck.toml");
    std::fs::write(&path, clc("")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let warning = Config::permission_warning(&path).expect("a warning for 0644");
    assert_names(&warning, &[&path.display().to_string(), "chmod 600"]);
    assert!(Config::load(&path).is_ok());

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(Config::permission_warning(&path), None);

    let indirect = "[[accounts]]\nname = \"i3d\"\nkind = \"i3d\"\napi_key_env = \"T\"\n";
    std::fs::write(&path, indirect).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(Config::permission_warning(&path), None);
}

#[test]
fn paths_follow_override_then_environment() {
    let state = fresh_dir("state");
    let mut env: std::collections::HashMap<&str, std::ffi::OsString> = [
        ("HOSTDECK_STATE_DIR", state.clone().into_os_string()),
        ("HOSTDECK_CONFIG", "/etc/from-env.toml".into()),
    ]
    .into();
    let paths = Paths::resolve_with(None, |var| env.get(var).cloned()).unwrap();
    assert_eq!(paths.config, PathBuf::from("/etc/from-env.toml"));
    assert_eq!(paths.state_dir, state);
    assert_eq!(paths.audit_log, state.join("audit.jsonl"));
    assert_eq!(paths.log_file, state.join("hostdeck.log"));
    assert_eq!(paths.snapshot, state.join("snapshot.json"));
    assert_eq!(paths.drafts, state.join("drafts.json"));

    let given = Some(PathBuf::from("/tmp/override.toml"));
    let paths = Paths::resolve_with(given, |var| env.get(var).cloned()).unwrap();
    assert_eq!(paths.config, PathBuf::from("/tmp/override.toml"));

    env.remove("HOSTDECK_CONFIG");
    let paths = Paths::resolve_with(None, |var| env.get(var).cloned()).unwrap();
    assert!(
        paths.config.ends_with("hostdeck/hostdeck.toml"),
        "{:?}",
        paths.config
    );
}

// ---- [keys]: remapped keys ----

/// An account, then `[keys]`: its header on line 7, `entries` from line 8.
fn with_keys(entries: &str) -> String {
    format!("{}[keys]\n{entries}", clc(""))
}

#[test]
fn keys_table_parses_in_file_order_with_lines() {
    use hostdeck::keys::KeySpec;
    let text = with_keys(
        "reboot = \"B\"                  # one key\nrefresh = [\"ctrl-r\", \"F5\"]\n\"power-off\" = [\n  \"alt-f\",\n]\n",
    );
    let config = parse(&text).unwrap();
    let entries: Vec<(&str, Option<usize>)> = config
        .keys
        .iter()
        .map(|o| (o.action.as_str(), o.line))
        .collect();
    assert_eq!(
        entries,
        [
            ("reboot", Some(8)),
            ("refresh", Some(9)),
            ("power-off", Some(10))
        ]
    );
    let refresh = config.keys.get("refresh").unwrap();
    let shown: Vec<String> = refresh.keys.iter().map(KeySpec::to_string).collect();
    assert_eq!(shown, ["ctrl-r", "f5"]);
    assert_eq!(
        config.keys.get("reboot").unwrap().keys,
        [KeySpec::char('B')]
    );
    assert!(config.keys.get("quit").is_none());
}

#[test]
fn without_a_keys_table_nothing_is_remapped() {
    assert!(parse(&clc("")).unwrap().keys.is_empty());
    assert!(parse(&with_keys("")).unwrap().keys.is_empty());
}

#[test]
fn dotted_and_inline_keys_get_their_lines() {
    let dotted = parse("read_only = true\nkeys.reboot = \"B\"\n").unwrap();
    assert_eq!(dotted.keys.get("reboot").unwrap().line, Some(2));
    let inline = parse("\nkeys = { quit = \"Q\" }\n").unwrap();
    assert_eq!(inline.keys.get("quit").unwrap().line, Some(2));
}

#[test]
fn keys_that_are_not_strings_name_file_line_and_field() {
    let cases = [
        ("reboot = 5", "found an integer"),
        ("reboot = [\"b\", 5]", "a list holding an integer"),
        ("reboot = { key = \"b\" }", "found a table"),
    ];
    for (entry, problem) in cases {
        let message = error_for(&with_keys(&format!("quit = \"Q\"\n{entry}\n")));
        assert_names(
            &message,
            &[
                FILE,
                "line 9",
                "field `keys.reboot`",
                "expected a key",
                problem,
            ],
        );
    }
    assert_names(
        &error_for("keys = \"B\"\n"),
        &[FILE, "line 1", "field `keys`", "a [keys] table"],
    );
}

#[test]
fn an_empty_key_list_is_refused() {
    let message = error_for(&with_keys("reboot = []\n"));
    assert_names(
        &message,
        &[
            FILE,
            "line 8",
            "field `keys.reboot`",
            "empty list",
            "at least one key",
        ],
    );
}

#[test]
fn an_unparseable_key_gives_the_parse_message_but_not_the_text() {
    let message = error_for(&with_keys("refresh = [\"ctrl-r\", \"sk-live-9f8e7d\"]\n"));
    assert_names(
        &message,
        &[
            FILE,
            "line 8",
            "field `keys.refresh`",
            "key 2 of 2",
            "not a key name",
            "ctrl-",
        ],
    );
    assert!(!message.contains("sk-live-9f8e7d"), "{message}");
    let message = error_for(&with_keys("reboot = \"shift-b\"\n"));
    assert_names(&message, &[FILE, "line 8", "keys.reboot", "B, not shift-b"]);
}

#[test]
fn a_habit_key_is_refused() {
    for key in ["ctrl-d", "ctrl-K", "c-d"] {
        let message = error_for(&with_keys(&format!(
            "quit = \"q\"\nreboot = [\"B\", \"{key}\"]\n"
        )));
        assert_names(
            &message,
            &[
                FILE,
                "line 9",
                "field `keys.reboot`",
                "no action may be bound to a habit key",
            ],
        );
    }
}

#[test]
fn the_same_key_twice_in_one_entry_is_refused() {
    let message = error_for(&with_keys("refresh = [\"ctrl-R\", \"F5\", \"c-r\"]\n"));
    assert_names(
        &message,
        &[FILE, "line 8", "field `keys.refresh`", "lists ctrl-r twice"],
    );
}

#[test]
fn the_first_bad_entry_in_the_file_is_reported() {
    let message = error_for(&with_keys("zoom = 1\napply = 2\n"));
    assert_names(&message, &["line 8", "keys.zoom"]);
}

#[test]
fn keys_error_names_the_line_of_the_entry() {
    let config = parse(&with_keys("quit = \"q\"\nrebot = \"B\"\n")).unwrap();
    let error = config.keys_error("rebot", "unknown action; did you mean `reboot`?");
    assert!(matches!(error, ConfigError::Invalid { line: Some(9), .. }));
    assert_eq!(
        error.to_string(),
        format!("{FILE}, line 9: field `keys.rebot`: unknown action; did you mean `reboot`?")
    );
    let elsewhere = config.keys_error("absent", "clashes with quit");
    assert_eq!(
        elsewhere.to_string(),
        format!("{FILE}: field `keys.absent`: clashes with quit")
    );
}

#[test]
fn keys_error_without_a_config_file_says_so() {
    let demo = hostdeck::setup::demo_config(&[]);
    assert!(demo.keys.is_empty());
    assert_eq!(
        demo.keys_error("reboot", "clashes with quit").to_string(),
        "(no config file): field `keys.reboot`: clashes with quit"
    );
}

#[test]
fn timeouts_default_to_the_http_layer_and_are_set_per_account() {
    use hostdeck::provider::http::Timeouts;
    use std::time::Duration;
    let config = parse(&clc("")).unwrap();
    assert_eq!(config.accounts[0].timeouts, Timeouts::default());
    assert_eq!(
        config.accounts[0].secret_cmd_timeout,
        Duration::from_secs(10)
    );
    let set = "connect_timeout_secs = 2\nrequest_timeout_secs = 7\nsecret_cmd_timeout_secs = 3";
    let account = parse(&clc(set)).unwrap().accounts.remove(0);
    assert_eq!(account.timeouts.connect, Duration::from_secs(2));
    assert_eq!(account.timeouts.request, Duration::from_secs(7));
    assert_eq!(account.secret_cmd_timeout, Duration::from_secs(3));
    // A short whole-request timeout shortens the default connect one.
    let short = parse(&clc("request_timeout_secs = 2")).unwrap();
    assert_eq!(short.accounts[0].timeouts.connect, Duration::from_secs(2));
}

#[test]
fn bad_timeouts_name_the_file_account_and_key() {
    for (line, key, problem) in [
        (
            "request_timeout_secs = 0",
            "request_timeout_secs",
            "from 1 to 3600",
        ),
        (
            "connect_timeout_secs = 99999",
            "connect_timeout_secs",
            "from 1 to 3600",
        ),
        (
            "secret_cmd_timeout_secs = -1",
            "secret_cmd_timeout_secs",
            "from 1 to 3600",
        ),
        (
            "request_timeout_secs = \"5\"",
            "request_timeout_secs",
            "found a string",
        ),
        (
            "connect_timeout_secs = 9\nrequest_timeout_secs = 3",
            "connect_timeout_secs",
            "must not be longer than request_timeout_secs",
        ),
    ] {
        let message = error_for(&clc(line));
        assert_names(&message, &[FILE, "\"clc-prod\"", key, problem]);
    }
}

#[test]
fn a_hung_secret_cmd_is_stopped_and_names_the_account_and_field() {
    let text = "[[accounts]]\nname = \"clc-prod\"\nkind = \"clc\"\napi_key = \"k\"\npassword_cmd = \"echo leaked; sleep 30\"\nsecret_cmd_timeout_secs = 1\n";
    let config = parse(text).unwrap();
    let started = std::time::Instant::now();
    let message = config.accounts[0]
        .secret("password")
        .unwrap_err()
        .to_string();
    assert_names(
        &message,
        &[
            "\"clc-prod\"",
            "password_cmd",
            "did not finish within 1 s",
            "stopped",
        ],
    );
    assert!(!message.contains("leaked"), "{message}");
    // Generous: the point is that it did not wait for `sleep 30`.
    assert!(started.elapsed().as_secs() < 25, "{:?}", started.elapsed());
}
