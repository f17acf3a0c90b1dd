//! Drafts: the unsent content of every form, per (form kind, target), kept
//! until its command has been sent successfully, and saved across restarts.
//!
//! The file is JSON, written atomically with mode 0600 like the snapshot.
//! Drafts hold only what was typed into forms (host names, contact
//! details), never a secret. A corrupt file is moved aside (so the next
//! save does not destroy what may still be recovered by hand) and the
//! console starts without drafts.

use crate::app::form::FormKind;
use crate::model::{JobId, Millis, Ref};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The drafts format this build reads and writes.
pub const DRAFTS_VERSION: u32 = 1;
/// At most this many drafts are kept; the oldest go first.
pub const MAX_DRAFTS: usize = 100;

/// The unsent content of one form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: FormKind,
    pub target: Ref,
    /// Field values by field label, exactly as typed.
    pub values: BTreeMap<String, String>,
    pub saved_at: Millis,
    /// The job sending this content, while it has not failed or been
    /// edited since; its success drops the draft. Not saved: after a
    /// restart the outcome of an earlier session's job is unknown.
    #[serde(skip)]
    pub sent_job: Option<JobId>,
    /// When a send of this content started, until it ends. Saved: a
    /// session killed mid-send leaves it, and the next one says the
    /// outcome is unknown before the draft can be sent again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sending_since: Option<Millis>,
}

impl Draft {
    /// Whether an earlier session stopped while sending this content, so
    /// the provider may have it already.
    pub fn send_interrupted(&self) -> Option<Millis> {
        self.sending_since.filter(|_| self.sent_job.is_none())
    }
}

/// Every draft, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Drafts {
    pub version: u32,
    drafts: Vec<Draft>,
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts {
            version: DRAFTS_VERSION,
            drafts: Vec::new(),
        }
    }
}

impl Drafts {
    pub fn get(&self, kind: FormKind, target: &Ref) -> Option<&Draft> {
        self.drafts
            .iter()
            .find(|d| d.kind == kind && d.target == *target)
    }

    /// Keeps `draft`, replacing the one for the same form and target;
    /// returns whether anything changed. Keeping the same values again
    /// keeps the earlier draft as it is (its job included).
    pub fn put(&mut self, draft: Draft) -> bool {
        if self
            .get(draft.kind, &draft.target)
            .is_some_and(|d| d.values == draft.values)
        {
            return false;
        }
        self.remove(draft.kind, &draft.target);
        self.drafts.push(draft);
        while self.drafts.len() > MAX_DRAFTS {
            self.drafts.remove(0);
        }
        true
    }

    /// Drops the draft of a form and target; returns whether there was one.
    pub fn remove(&mut self, kind: FormKind, target: &Ref) -> bool {
        let before = self.drafts.len();
        self.drafts
            .retain(|d| !(d.kind == kind && d.target == *target));
        self.drafts.len() != before
    }

    /// Notes that job `id`, started `at`, sends the draft of a form and
    /// target; returns whether there was one (to be saved now).
    pub fn mark_sent(&mut self, kind: FormKind, target: &Ref, id: JobId, at: Millis) -> bool {
        let Some(draft) = self
            .drafts
            .iter_mut()
            .find(|d| d.kind == kind && d.target == *target)
        else {
            return false;
        };
        draft.sent_job = Some(id);
        draft.sending_since = Some(at);
        true
    }

    /// Job `id` failed: its draft stays, no longer being sent. Returns
    /// whether a draft changed.
    pub fn send_failed(&mut self, id: JobId) -> bool {
        let mut changed = false;
        for draft in self.drafts.iter_mut().filter(|d| d.sent_job == Some(id)) {
            draft.sent_job = None;
            draft.sending_since = None;
            changed = true;
        }
        changed
    }

    /// Drops the draft that job `id` sent, if it was not edited since.
    pub fn remove_sent(&mut self, id: JobId) -> bool {
        let before = self.drafts.len();
        self.drafts.retain(|d| d.sent_job != Some(id));
        self.drafts.len() != before
    }

    pub fn iter(&self) -> impl Iterator<Item = &Draft> {
        self.drafts.iter()
    }

    pub fn len(&self) -> usize {
        self.drafts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }
}

/// The drafts at `path`: none if there is no file; if it cannot be read or
/// is corrupt, a warning in the log, the file moved aside, and none.
pub fn load(path: &Path) -> Drafts {
    match read(path) {
        Ok(drafts) => drafts,
        Err(message) => {
            let aside = set_aside(path);
            tracing::warn!(
                "drafts {} ignored ({message}); kept as {}",
                path.display(),
                aside.display()
            );
            Drafts::default()
        }
    }
}

fn read(path: &Path) -> Result<Drafts, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Drafts::default()),
        Err(e) => return Err(e.to_string()),
    };
    let drafts: Drafts = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if drafts.version != DRAFTS_VERSION {
        return Err(format!(
            "format version {}, this build uses {DRAFTS_VERSION}",
            drafts.version
        ));
    }
    Ok(drafts)
}

/// Renames an unreadable drafts file to `NAME.corrupt`; returns that path.
fn set_aside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".corrupt");
    let aside = path.with_file_name(name);
    if let Err(error) = std::fs::rename(path, &aside) {
        tracing::warn!("could not move {} aside: {error}", path.display());
    }
    aside
}

/// Writes the drafts atomically, mode 0600, creating the directory if needed.
pub fn save(path: &Path, drafts: &Drafts) -> std::io::Result<()> {
    crate::snapshot::save_json(path, drafts)
}
