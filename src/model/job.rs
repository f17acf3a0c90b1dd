//! Jobs: commands sent to a provider, tracked until they finish.

use super::{Command, Millis, Ref};
use serde::{Deserialize, Serialize};

pub type JobId = u64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "detail")]
pub enum JobState {
    Queued,
    Sent,
    Running(Option<u8>),
    Succeeded(String),
    Failed(String),
}

impl JobState {
    pub fn is_finished(&self) -> bool {
        matches!(self, JobState::Succeeded(_) | JobState::Failed(_))
    }

    pub fn label(&self) -> String {
        match self {
            JobState::Queued => "queued".into(),
            JobState::Sent => "sent".into(),
            JobState::Running(Some(pct)) => format!("running {pct}%"),
            JobState::Running(None) => "running".into(),
            JobState::Succeeded(_) => "succeeded".into(),
            JobState::Failed(_) => "failed".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: JobId,
    pub target: Ref,
    /// The target's display name at the time the job was created.
    pub target_name: String,
    pub command: Command,
    pub state: JobState,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// The provider's handle for a queued request (e.g. a CLC RequestID).
    pub provider_handle: Option<String>,
}
