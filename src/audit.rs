//! The audit log: one JSON line per command sent, refused or finished,
//! appended to `audit.jsonl` in the state directory. Also the UTC time
//! formatters the audit log, the UI and the CLI share.
//!
//! An [`AuditEntry`] has no field for a secret, so none can be written;
//! callers must not put secrets in `detail` or `outcome` either.

pub use crate::model::time::{format_utc, rfc3339_utc};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// An append-only audit log file. Clones share the file; each record is
/// written with one `write` on an `O_APPEND` file, so lines from several
/// processes do not interleave.
#[derive(Clone, Debug)]
pub struct AuditLog {
    file: Arc<Mutex<File>>,
}

impl AuditLog {
    /// Opens (or creates) the log for appending, with mode 0600 on unix,
    /// creating missing parent directories (mode 0700).
    pub fn open(path: &Path) -> std::io::Result<AuditLog> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent)?;
        }
        let file = private_options().append(true).open(path)?;
        restrict_to_owner(&file)?;
        Ok(AuditLog {
            file: Arc::new(Mutex::new(file)),
        })
    }

    /// Appends the entry as one JSON line and flushes it.
    pub fn record(&self, entry: &AuditEntry) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(entry)?;
        line.push(b'\n');
        let mut file = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("audit log lock poisoned"))?;
        file.write_all(&line)?;
        file.flush()
    }
}

/// `OpenOptions` that create files readable by the owner only.
pub(crate) fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Narrows an existing file to mode 0600 (the create mode only applies to
/// new files).
pub(crate) fn restrict_to_owner(file: &File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Creates a directory and its parents, new ones with mode 0700 on unix.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// What an audit line records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditEvent {
    /// A command went to the provider.
    Sent,
    /// A command finished (succeeded or failed).
    Outcome,
    /// A command was refused before sending (read-only, unsupported, bad input).
    Refused,
}

/// One line of the audit log. There are deliberately no secret fields.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AuditEntry {
    /// RFC 3339, UTC, with milliseconds: `2026-11-22T13:05:09.123Z`.
    pub time: String,
    pub event: AuditEvent,
    pub account: String,
    /// The target, e.g. a `Ref` display `account:id`, or a name.
    pub target: String,
    /// The action's CLI name, e.g. `reboot`.
    pub action: String,
    /// The command's arguments, e.g. `ptr=host.example.nl` (never a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<String>,
    pub job_id: Option<u64>,
    pub outcome: Option<String>,
    pub detail: Option<String>,
    /// `tui` or `cli`.
    pub origin: String,
}

impl AuditEntry {
    /// An entry stamped with the current time.
    pub fn new(
        event: AuditEvent,
        account: impl Into<String>,
        target: impl Into<String>,
        action: impl Into<String>,
        origin: impl Into<String>,
    ) -> Self {
        AuditEntry {
            time: rfc3339_utc(crate::model::now_millis()),
            event,
            account: account.into(),
            target: target.into(),
            action: action.into(),
            args: None,
            job_id: None,
            outcome: None,
            detail: None,
            origin: origin.into(),
        }
    }

    pub fn with_job(mut self, job_id: u64) -> Self {
        self.job_id = Some(job_id);
        self
    }

    pub fn with_outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = Some(outcome.into());
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn format_utc_known_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00Z");
        // 2000-02-29 is 11_016 days after the epoch.
        assert_eq!(format_utc(11_016 * DAY + 1_000), "2000-02-29 00:00:01Z");
        assert_eq!(format_utc(11_017 * DAY - 1), "2000-02-29 23:59:59Z");
        assert_eq!(format_utc(1_795_352_709_000), "2026-11-22 13:05:09Z");
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59Z");
    }

    #[test]
    fn rfc3339_has_millis_and_zulu() {
        assert_eq!(rfc3339_utc(1_795_352_709_123), "2026-11-22T13:05:09.123Z");
        assert_eq!(rfc3339_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_utc(951_868_800_000), "2000-03-01T00:00:00.000Z");
        assert_eq!(rfc3339_utc(-86_400_000), "1969-12-31T00:00:00.000Z");
    }

    #[test]
    fn extreme_times_do_not_panic() {
        assert!(!format_utc(i64::MIN).is_empty());
        assert!(!rfc3339_utc(i64::MAX).is_empty());
    }
}
