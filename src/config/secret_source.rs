//! Resolving a [`SecretSource`]: a plain value, an environment variable, or
//! the trimmed stdout of a shell command, which must finish within its
//! timeout (a hung one is killed, with its children). Errors never carry
//! the value or the command's output.

use super::{ConfigError, SecretSource};
use crate::secret::Secret;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How often a running secret command is checked for its end.
const CHECK_EVERY: Duration = Duration::from_millis(10);

impl SecretSource {
    /// The secret's value, read now; a command gets `cmd_timeout` to
    /// finish. `account` and `field` name it in errors.
    pub fn resolve(
        &self,
        account: &str,
        field: &str,
        cmd_timeout: Duration,
    ) -> Result<Secret, ConfigError> {
        let resolved = match self {
            SecretSource::Plain(secret) => Ok(secret.clone()),
            SecretSource::Env(var) => from_env(var, field),
            SecretSource::Cmd(command) => from_command(command, field, cmd_timeout),
        };
        resolved.map_err(|problem| ConfigError::Secret {
            account: account.to_string(),
            field: field.to_string(),
            problem,
        })
    }
}

fn from_env(var: &str, field: &str) -> Result<Secret, String> {
    let from = format!("(from `{field}_env`)");
    match std::env::var(var) {
        Ok(value) if value.trim().is_empty() => {
            Err(format!("environment variable {var} {from} is empty"))
        }
        Ok(value) => Ok(Secret::new(value.trim())),
        Err(std::env::VarError::NotPresent) => {
            Err(format!("environment variable {var} {from} is not set"))
        }
        Err(std::env::VarError::NotUnicode(_)) => Err(format!(
            "environment variable {var} {from} is not valid UTF-8"
        )),
    }
}

/// Runs `sh -c command` with no stdin, keeps stdout, and discards stderr
/// so nothing it says can reach a log or the screen. Past `timeout` the
/// command (and whatever it started) is killed.
fn from_command(command: &str, field: &str, timeout: Duration) -> Result<Secret, String> {
    let what = format!("the command in `{field}_cmd`");
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    own_process_group(&mut shell);
    let mut child = shell
        .spawn()
        .map_err(|e| format!("could not run {what} with sh: {e}"))?;
    let stdout = read_in_background(&mut child);
    let status = wait_at_most(&mut child, timeout).map_err(|e| match e {
        Some(e) => format!("could not wait for {what}: {e}"),
        None => format!(
            "{what} did not finish within {} s (secret_cmd_timeout_secs) and was stopped",
            timeout.as_secs_f64()
        ),
    })?;
    if !status.success() {
        return Err(format!("{what} failed ({status})"));
    }
    let stdout = stdout
        .recv_timeout(timeout)
        .map_err(|_| format!("{what} left its output open after it ended"))?;
    let text = String::from_utf8(stdout)
        .map_err(|_| format!("{what} printed something that is not UTF-8"))?;
    match text.trim() {
        "" => Err(format!("{what} printed nothing")),
        value => Ok(Secret::new(value)),
    }
}

/// Reads the child's whole stdout on a thread of its own, so a chatty
/// command cannot block on a full pipe while it is waited for.
fn read_in_background(child: &mut Child) -> std::sync::mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = std::sync::mpsc::channel();
    if let Some(mut stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stdout.read_to_end(&mut bytes);
            let _ = tx.send(bytes);
        });
    }
    rx
}

/// The child's exit status, or `Err(None)` when `timeout` passed first
/// (the child and its process group are then killed and reaped).
fn wait_at_most(
    child: &mut Child,
    timeout: Duration,
) -> Result<ExitStatus, Option<std::io::Error>> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().map_err(Some)? {
            return Ok(status);
        }
        if Instant::now() >= deadline {
            kill_group(child);
            let _ = child.kill();
            let _ = child.wait();
            return Err(None);
        }
        std::thread::sleep(CHECK_EVERY);
    }
}

/// Puts the command in a process group of its own, so a timeout can stop
/// what the shell started as well.
#[cfg(unix)]
fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_command: &mut Command) {}

#[cfg(unix)]
fn kill_group(child: &Child) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals that process group
        // only; the group is the child's own (see `own_process_group`).
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn kill_group(_child: &Child) {}
