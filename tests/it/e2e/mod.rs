//! End to end: the real binary with `--demo` in a pseudo-terminal. The
//! screen is read back with vt100, keys are typed, and the test asserts
//! what a person would see.

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

mod canary;
mod hostbill;
mod inflight;
mod tickets;

const COLS: u16 = 100;
const ROWS: u16 = 30;
const WAIT: Duration = Duration::from_secs(30);

pub(super) struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicUsize>,
    /// Every byte the console wrote, as it came.
    transcript: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Console {
    pub(super) fn start(state_dir: &std::path::Path) -> Console {
        Console::start_with(state_dir, &[])
    }

    /// Starts `--demo` with extra environment variables (e.g. `EDITOR`).
    pub(super) fn start_with(state_dir: &std::path::Path, env: &[(&str, &str)]) -> Console {
        Console::start_args(&["--demo"], state_dir, env)
    }

    /// Starts the accounts of the config file `config` (no demo).
    pub(super) fn with_config(state_dir: &std::path::Path, config: &std::path::Path) -> Console {
        let config = config.to_str().expect("a UTF-8 config path");
        Console::start_args(&["--config", config], state_dir, &[])
    }

    /// Starts hostdeck with `args` (e.g. `--config FILE`) and extra
    /// environment variables.
    pub(super) fn start_args(
        args: &[&str],
        state_dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Console {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hostdeck"));
        cmd.args(args);
        cmd.env("HOSTDECK_STATE_DIR", state_dir);
        cmd.env("NO_COLOR", "1");
        cmd.env("TERM", "xterm-256color");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn hostdeck");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let bytes = Arc::new(AtomicUsize::new(0));
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let (p, b, t) = (parser.clone(), bytes.clone(), transcript.clone());
        thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                b.fetch_add(n, Ordering::SeqCst);
                t.lock().expect("transcript").extend_from_slice(&buf[..n]);
                p.lock().expect("parser").process(&buf[..n]);
            }
        });
        Console {
            parser,
            bytes,
            transcript,
            writer,
            child,
        }
    }

    /// Every byte written so far, lossily as text.
    pub(super) fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.transcript.lock().expect("transcript")).into_owned()
    }

    pub(super) fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub(super) fn wait_for(&self, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub(super) fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
        thread::sleep(Duration::from_millis(80));
    }

    /// Ends the process with SIGKILL: no handler runs, nothing is saved
    /// on the way out.
    pub(super) fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("pid");
        let sent = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let deadline = Instant::now() + WAIT;
        while self.child.try_wait().expect("wait").is_none() {
            assert!(Instant::now() < deadline, "hostdeck outlived SIGKILL");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the process to end (after `q`) and gives its status.
    pub(super) fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "hostdeck did not exit");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Idle: once settled, the console writes nothing at all.
    pub(super) fn assert_idle(&self) {
        self.settle(Duration::from_millis(1500));
        let before = self.bytes.load(Ordering::SeqCst);
        thread::sleep(Duration::from_secs(2));
        assert_eq!(
            self.bytes.load(Ordering::SeqCst),
            before,
            "an idle console must write zero bytes"
        );
    }

    /// Waits until the console has written nothing for `quiet`.
    fn settle(&self, quiet: Duration) {
        let deadline = Instant::now() + WAIT;
        let mut last = self.bytes.load(Ordering::SeqCst);
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            assert!(Instant::now() < deadline, "console never went quiet");
            thread::sleep(Duration::from_millis(50));
            let now = self.bytes.load(Ordering::SeqCst);
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }
}

/// Waits up to 30 s until `done` holds.
pub(super) fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        thread::sleep(Duration::from_millis(50));
    }
}

pub(super) fn temp_state_dir(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("hostdeck-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("state dir");
    dir
}

/// The first server name (a demo CLC name like WA1...) on the screen.
fn first_server_name(screen: &str) -> String {
    screen
        .split_whitespace()
        .find(|w| {
            w.len() > 6
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().any(|c| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .expect("a server name on screen")
        .to_string()
}

#[test]
fn demo_filter_reboot_confirm_succeed_quit() {
    let state_dir = temp_state_dir("e2e");
    let mut console = Console::start(&state_dir);
    // The CLC account's servers are listed once it is up (the other demo
    // accounts may come up first, and their rows may fill the screen).
    console.wait_for("clc-demo ● ok");
    // Pick a running server: filter to the CLC account first, then to one name.
    const ACCOUNT: &str = "clc-demo";
    console.keys("/");
    console.keys(ACCOUNT);
    console.keys("\r");
    let screen = console.wait_for("filter:clc-demo");
    let running_line = screen
        .lines()
        .find(|l| l.contains(" on ") && l.contains(ACCOUNT))
        .unwrap_or_else(|| panic!("a powered-on server row in\n{screen}"))
        .to_string();
    let name = first_server_name(&running_line);

    console.keys("/");
    console.keys(&"\x7f".repeat(ACCOUNT.len()));
    console.keys(&name);
    console.keys("\r");
    let screen = console.wait_for("Servers [1/");
    assert!(screen.contains(&name));

    console.keys("b");
    let dialog = console.wait_for("Confirm reboot");
    assert!(
        dialog.contains(&format!("Reboot server {name}")),
        "{dialog}"
    );
    assert!(dialog.contains("on account clc-demo?"), "{dialog}");
    assert!(
        dialog.contains("> Cancel <"),
        "Cancel must have the focus:\n{dialog}"
    );
    console.keys("\t");
    console.wait_for("> Reboot <");
    console.keys("\r");
    let done = console.wait_for("succeeded");
    assert!(done.contains(&name));

    console.assert_idle();

    console.keys("q");
    let status = console.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    thread::sleep(Duration::from_millis(200));
    let parser = console.parser.lock().expect("parser");
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor shown again");
    assert!(!screen.bracketed_paste(), "bracketed paste off");

    let audit = std::fs::read_to_string(state_dir.join("demo/audit.jsonl")).expect("audit log");
    assert!(
        audit.contains("\"sent\"") && audit.contains("reboot") && audit.contains(&name),
        "{audit}"
    );
    assert!(audit.contains("succeeded"), "{audit}");
    let _ = std::fs::remove_dir_all(&state_dir);
}

/// A signal ends the console and leaves the terminal as it found it.
fn signal_restores_the_terminal(signal: &str) {
    let state_dir = temp_state_dir(signal);
    let mut console = Console::start(&state_dir);
    console.wait_for("Servers [");
    let pid = console.child.process_id().expect("pid");
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let deadline = Instant::now() + WAIT;
    while console.child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "hostdeck ignored SIG{signal}");
        thread::sleep(Duration::from_millis(50));
    }
    thread::sleep(Duration::from_millis(200));
    let parser = console.parser.lock().expect("parser");
    assert!(
        !parser.screen().alternate_screen(),
        "SIG{signal}: alternate screen left"
    );
    assert!(!parser.screen().hide_cursor(), "SIG{signal}: cursor shown");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

/// The `panic_probe` example, built by `cargo test` beside the test
/// binaries (target/<profile>/examples), or built now for a filtered run.
pub(super) fn panic_probe() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let probe = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| profile.join("examples/panic_probe"))
        .expect("examples dir");
    if !probe.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = std::process::Command::new(cargo)
            .args(["build", "--example", "panic_probe"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo build --example panic_probe");
        assert!(built.success());
    }
    assert!(probe.exists(), "{} is built by cargo test", probe.display());
    probe
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let probe = panic_probe();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut child = pty
        .slave
        .spawn_command(CommandBuilder::new(&probe))
        .expect("spawn probe");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let reading = thread::spawn(move || {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        let mut seen_alternate = false;
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            seen_alternate |= parser.screen().alternate_screen();
        }
        (parser, seen_alternate)
    });
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the probe panics");
    drop(pty.master);
    let (parser, seen_alternate) = reading.join().expect("reader thread");
    let screen = parser.screen();
    assert!(seen_alternate, "the probe did enter the alternate screen");
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor shown");
    assert!(
        screen.contents().contains("probe panic"),
        "the message lands on the normal screen:\n{}",
        screen.contents()
    );
}

/// Starts the demo and waits until both demo accounts have answered.
fn demo_with_controlepaneel(name: &str) -> (Console, std::path::PathBuf) {
    let state_dir = temp_state_dir(name);
    let console = Console::start(&state_dir);
    console.wait_for("cp-demo ● ok");
    console.wait_for("Servers [");
    (console, state_dir)
}

/// ctrl-u: clears the focused form field.
const CLEAR_FIELD: &str = "\x15";

#[test]
fn rdns_form_rejects_a_bad_hostname_keeps_it_then_sets_the_ptr() {
    let (mut console, state_dir) = demo_with_controlepaneel("ptr");
    console.keys("/vps-web01\r");
    console.wait_for("Servers [1/");
    console.keys("e");
    console.wait_for("Reverse DNS of 192.0.2.10");

    console.keys(CLEAR_FIELD);
    console.keys("bad_host.example.nl\r");
    let refused = console.wait_for("'_'");
    assert!(
        refused.contains("Reverse DNS of"),
        "the form stays open:\n{refused}"
    );
    assert!(
        refused.contains("bad_host.example.nl"),
        "the input is kept:\n{refused}"
    );
    assert!(!refused.contains("set PTR"), "nothing was sent:\n{refused}");

    console.keys(CLEAR_FIELD);
    console.keys("www.e2e-check.nl\r");
    console.wait_for("set PTR to www.e2e-check.nl");
    console.wait_for("succeeded");
    console.keys("\r");
    let details = console.wait_for("ptr www.e2e-check.nl");
    assert!(details.contains("192.0.2.10"), "{details}");

    let audit = std::fs::read_to_string(state_dir.join("demo/audit.jsonl")).expect("audit log");
    assert!(
        audit.contains("set-ptr") && audit.contains("www.e2e-check.nl"),
        "{audit}"
    );
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn ip_request_form_asks_first_then_the_request_succeeds() {
    let (mut console, state_dir) = demo_with_controlepaneel("request-ip");
    console.keys("/vps-web01\r");
    console.wait_for("Servers [1/");
    console.keys("i");
    console.wait_for("Request IP addresses for server vps-web01");
    console.keys(CLEAR_FIELD);
    console.keys("2\t\t");
    console.keys("e2e capacity check\r");
    let dialog = console.wait_for("> Cancel <");
    assert!(
        dialog.contains("Request 2 IPv4 addresses for server vps-web01"),
        "{dialog}"
    );
    assert!(dialog.contains("on account cp-demo?"), "{dialog}");
    assert!(dialog.contains("Reason: e2e capacity check"), "{dialog}");
    console.keys("\t\r");
    let done = console.wait_for("succeeded");
    assert!(
        done.contains("request 2 IPv4 addresses for vps-web01"),
        "{done}"
    );
    assert!(!done.contains("failed"), "{done}");

    let audit = std::fs::read_to_string(state_dir.join("demo/audit.jsonl")).expect("audit log");
    assert!(
        audit.contains("request-ip") && audit.contains("reason=e2e capacity check"),
        "{audit}"
    );
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn requesting_an_epp_code_reports_the_mail_as_a_success() {
    let (mut console, state_dir) = demo_with_controlepaneel("epp");
    console.keys("D");
    console.wait_for("Domains [");
    console.keys("/bakkerij-jansen\r");
    console.wait_for("Domains [1/");
    console.keys("e");
    let dialog = console.wait_for("> Cancel <");
    assert!(dialog.contains("bakkerij-jansen.nl"), "{dialog}");
    assert!(dialog.contains("cp-demo"), "{dialog}");
    console.keys("\t\r");
    let done = console.wait_for("sent by e-mail");
    assert!(done.contains("succeeded"), "{done}");
    assert!(!done.contains("failed"), "{done}");
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}

#[test]
fn a_lock_toggles_through_its_confirm_dialog() {
    let (mut console, state_dir) = demo_with_controlepaneel("lock");
    console.keys("D");
    console.wait_for("Domains [");
    console.keys("/hostdeck-demo\r");
    let row = console.wait_for("Domains [1/");
    assert!(row.contains("locked"), "{row}");
    console.keys("L");
    let dialog = console.wait_for("now: locked");
    assert!(dialog.contains("Unlock hostdeck-demo.nl"), "{dialog}");
    assert!(
        dialog.contains("> Cancel <"),
        "Cancel has the focus:\n{dialog}"
    );
    console.keys("\t\r");
    console.wait_for("is now unlocked");
    console.wait_for("unlocked ");
    console.keys("q");
    let _ = std::fs::remove_dir_all(&state_dir);
}
