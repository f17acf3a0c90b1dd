//! The snapshot file: the last-known servers, health, telemetry and jobs,
//! saved so the next start can draw at once, before the first refresh.
//!
//! Saving is atomic (temp file in the same directory, fsync, rename), so a
//! crash leaves either the old snapshot or the new one, never half a file.

use crate::audit::{create_private_dir, private_options, restrict_to_owner};
use crate::model::{Contact, Domain, Health, Job, MetricSeries, Millis, Server, Ticket};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufWriter, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The snapshot format this build reads and writes.
pub const SNAPSHOT_VERSION: u32 = 2;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Snapshot {
    /// [`SNAPSHOT_VERSION`] for snapshots made by this build.
    pub version: u32,
    pub saved_at: Millis,
    pub servers: Vec<Server>,
    /// By account name.
    pub health: BTreeMap<String, Health>,
    /// By `Ref` display, `account:id`.
    pub metrics: BTreeMap<String, Vec<MetricSeries>>,
    pub jobs: Vec<Job>,
    pub domains: Vec<Domain>,
    pub contacts: Vec<Contact>,
    /// The inbox as last seen, so it draws at once on the next start.
    pub tickets: Vec<Ticket>,
}

impl Default for Snapshot {
    /// An empty snapshot of the current version.
    fn default() -> Self {
        Snapshot {
            version: SNAPSHOT_VERSION,
            saved_at: 0,
            servers: Vec::new(),
            health: BTreeMap::new(),
            metrics: BTreeMap::new(),
            jobs: Vec::new(),
            domains: Vec::new(),
            contacts: Vec::new(),
            tickets: Vec::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("snapshot {} is corrupt ({message}); starting without it", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("snapshot {} has format version {found}, this build uses {expected}; starting without it", path.display())]
    Version {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
}

/// Writes the snapshot atomically, mode 0600, creating the directory if needed.
pub fn save(path: &Path, snapshot: &Snapshot) -> std::io::Result<()> {
    save_json(path, snapshot)
}

/// A [`Snapshot`] borrowed from the console's state, written as the same
/// JSON: saving 10,000 servers serializes them where they are instead of
/// copying them all first.
#[derive(Debug, Serialize)]
pub struct SnapshotView<'a> {
    pub version: u32,
    pub saved_at: Millis,
    pub servers: &'a [Server],
    pub health: BTreeMap<&'a str, &'a Health>,
    pub metrics: BTreeMap<String, &'a Vec<MetricSeries>>,
    pub jobs: Vec<&'a Job>,
    pub domains: Vec<&'a Domain>,
    pub contacts: Vec<&'a Contact>,
    pub tickets: Vec<&'a Ticket>,
}

/// Saves a borrowed snapshot; see [`save`].
pub fn save_view(path: &Path, view: &SnapshotView<'_>) -> std::io::Result<()> {
    save_json(path, view)
}

/// Writes `value` as JSON atomically (temp file, fsync, rename), mode
/// 0600, creating the directory if needed. Shared with the drafts file.
pub(crate) fn save_json<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let temp = temp_path(path);
    let written = write_synced(&temp, value).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        // Best effort: the temp file is ours and useless now.
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    sync_dir(dir);
    Ok(())
}

/// The snapshot at `path`: `Ok(None)` if there is none, an error if it
/// cannot be read, is corrupt, or has another format version.
pub fn load(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SnapshotError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let wrong_version = |found| SnapshotError::Version {
        path: path.to_path_buf(),
        found,
        expected: SNAPSHOT_VERSION,
    };
    match serde_json::from_slice::<Snapshot>(&bytes) {
        Ok(snapshot) if snapshot.version == SNAPSHOT_VERSION => Ok(Some(snapshot)),
        Ok(snapshot) => Err(wrong_version(snapshot.version)),
        Err(e) => match version_of(&bytes) {
            Some(found) if found != SNAPSHOT_VERSION => Err(wrong_version(found)),
            _ => Err(SnapshotError::Corrupt {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        },
    }
}

/// The `version` of a snapshot document, read without the rest of its
/// shape, so a newer or older format is reported as such, not as corrupt.
fn version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    serde_json::from_slice::<Probe>(bytes)
        .ok()
        .map(|p| p.version)
}

/// A temp file name beside `path`, unique per process and per save.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map_or("snapshot".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

fn write_synced<T: Serialize>(temp: &Path, value: &T) -> std::io::Result<()> {
    let file = private_options().write(true).truncate(true).open(temp)?;
    restrict_to_owner(&file)?;
    let mut writer = BufWriter::new(file);
    serde_json::to_writer(&mut writer, value)?;
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()
}

/// Makes the rename durable. Best effort: some file systems refuse to
/// sync a directory, and the snapshot is only a cache.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
