//! What the store made of an event: the message line's text, the jobs it
//! sent, and a job ending as the worker reports it.

use hostdeck::app::event::{Effect, Event};
use hostdeck::app::store::Store;
use hostdeck::model::{Job, JobId, JobState, Millis};

/// The message line's text; empty when there is none.
pub fn flash_text(store: &Store) -> String {
    store
        .state()
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// The jobs among `effects`.
pub fn sent(effects: &[Effect]) -> Vec<&Job> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(job) => Some(job),
            _ => None,
        })
        .collect()
}

/// Job `id` ended (or moved on) in `state` at `at`.
pub fn finish(store: &mut Store, id: JobId, state: JobState, at: Millis) -> Vec<Effect> {
    store.apply(Event::Job {
        id,
        state,
        handle: None,
        at,
    })
}
