//! Resolving a [`SecretSource`]: a plain value, an environment variable, or
//! the trimmed stdout of a shell command. Errors never carry the value or
//! the command's output.

use super::{ConfigError, SecretSource};
use crate::secret::Secret;
use std::process::{Command, Stdio};

impl SecretSource {
    /// The secret's value, read now. `account` and `field` name it in errors.
    pub fn resolve(&self, account: &str, field: &str) -> Result<Secret, ConfigError> {
        let resolved = match self {
            SecretSource::Plain(secret) => Ok(secret.clone()),
            SecretSource::Env(var) => from_env(var, field),
            SecretSource::Cmd(command) => from_command(command, field),
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
/// so nothing it says can reach a log or the screen.
fn from_command(command: &str, field: &str) -> Result<Secret, String> {
    let what = format!("the command in `{field}_cmd`");
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("could not run {what} with sh: {e}"))?;
    if !output.status.success() {
        return Err(format!("{what} failed ({})", output.status));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| format!("{what} printed something that is not UTF-8"))?;
    match text.trim() {
        "" => Err(format!("{what} printed nothing")),
        value => Ok(Secret::new(value)),
    }
}
