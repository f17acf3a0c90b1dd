//! The runtime loop: one `select!` over terminal keys, worker events, the
//! frame timer (armed only when something changed), a tick (armed only
//! while a job runs) and the signals that end the session.

use super::editor;
use super::event::{Effect, Event, ScrollLimits};
use super::store::Store;
use super::terminal::{self, Tui};
use super::worker::{Request, WorkerHandle};
use crate::audit::{AuditEntry, AuditEvent, AuditLog};
use crate::model::now_millis;
use crate::ui::{self, keymap, theme::Theme};
use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use futures::StreamExt;
use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::time::Duration;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{interval, sleep_until, Instant, MissedTickBehavior};

/// Shortest time between two frames (about 60 per second).
pub const FRAME_INTERVAL: Duration = Duration::from_millis(16);
/// Animation tick while a job runs.
pub const TICK_INTERVAL: Duration = Duration::from_millis(250);
/// How long typed text may wait before it is written to the drafts file.
pub const DRAFTS_DELAY: Duration = Duration::from_millis(500);
/// How often changed data is written to the snapshot file.
pub const SNAPSHOT_INTERVAL: Duration = Duration::from_secs(60);

/// What the runtime needs besides the store.
pub struct Context {
    pub workers: HashMap<String, WorkerHandle>,
    pub audit: Option<AuditLog>,
    pub snapshot_path: Option<PathBuf>,
    /// Where unsent form drafts are kept.
    pub drafts_path: Option<PathBuf>,
    pub theme: Theme,
}

/// Runs the console until the user quits or a signal arrives; the
/// terminal is restored on every way out.
pub async fn run(store: Store, ctx: Context, events: UnboundedReceiver<Event>) -> io::Result<()> {
    let mut tui = terminal::enter()?;
    let result = event_loop(&mut tui, store, &ctx, events).await;
    terminal::restore();
    result
}

async fn event_loop(
    tui: &mut Tui,
    mut store: Store,
    ctx: &Context,
    mut events: UnboundedReceiver<Event>,
) -> io::Result<()> {
    let mut keys = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut tick = interval(TICK_INTERVAL);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut snapshot_timer = interval(SNAPSHOT_INTERVAL);
    snapshot_timer.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut snapshot_dirty = false;
    let mut drafts_due: Option<Instant> = None;
    // An event the loop itself made (the external editor's text).
    let mut queued: Option<Event> = None;
    let mut last_frame = Instant::now() - FRAME_INTERVAL;
    let mut frame_pending = false;
    if let Ok((w, h)) = crossterm::terminal::size() {
        store.apply(Event::Resize(w, h));
    }
    loop {
        frame_pending |= store.take_dirty();
        let frame_at = last_frame + FRAME_INTERVAL;
        let animating = store.state().has_running_jobs();
        let event = if let Some(event) = queued.take() {
            Some(event)
        } else {
            tokio::select! {
            key = keys.next() => match key {
                Some(Ok(term_event)) => translate(&store, term_event),
                Some(Err(error)) => return Err(error),
                None => break,
            },
            Some(event) = events.recv() => Some(event),
            _ = sleep_until(frame_at), if frame_pending => {
                let limits = draw(tui, &store, &ctx.theme)?;
                last_frame = Instant::now();
                frame_pending = false;
                Some(Event::Drawn(limits))
            }
            _ = tick.tick(), if animating => Some(Event::Tick(now_millis())),
            _ = snapshot_timer.tick(), if snapshot_dirty => {
                save_snapshot(&store, ctx);
                snapshot_dirty = false;
                None
            }
            _ = sleep_until(drafts_due.unwrap_or_else(Instant::now)), if drafts_due.is_some() => {
                save_drafts(&store, ctx);
                drafts_due = None;
                None
            }
            _ = sigterm.recv() => break,
            _ = sighup.recv() => break,
            }
        };
        let Some(event) = event else { continue };
        for effect in store.apply(event) {
            match effect {
                Effect::Quit => {
                    save_drafts(&store, ctx);
                    save_snapshot(&store, ctx);
                    return Ok(());
                }
                Effect::SaveSnapshot => snapshot_dirty = true,
                Effect::SaveDrafts => save_drafts(&store, ctx),
                Effect::SaveDraftsSoon => {
                    drafts_due.get_or_insert_with(|| Instant::now() + DRAFTS_DELAY);
                }
                Effect::EditExternally(text) => {
                    let edited = edit_externally(tui, &mut keys, text, ctx).await?;
                    queued = Some(Event::Edited(edited));
                }
                other => carry_out(other, ctx),
            }
        }
    }
    // A signal (e.g. a dropped SSH session): keep what an open form holds.
    store.keep_open_form();
    save_drafts(&store, ctx);
    save_snapshot(&store, ctx);
    Ok(())
}

fn translate(store: &Store, event: TermEvent) -> Option<Event> {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::intent_for(store.state(), key).map(Event::Intent)
        }
        TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        _ => None,
    }
}

/// Draws one frame; returns how far its scrollable text can scroll.
fn draw(tui: &mut Tui, store: &Store, theme: &Theme) -> io::Result<ScrollLimits> {
    crossterm::queue!(tui.backend_mut(), BeginSynchronizedUpdate)?;
    let mut limits = ScrollLimits::default();
    tui.draw(|frame| limits = ui::draw(frame, store.state(), theme))?;
    crossterm::execute!(tui.backend_mut(), EndSynchronizedUpdate)?;
    Ok(limits)
}

/// Hands an effect to the worker of its account (or the audit log).
pub fn carry_out(effect: Effect, ctx: &Context) {
    let worker = |account: &str| ctx.workers.get(account);
    match effect {
        Effect::Send(job) => {
            if let Some(w) = worker(&job.target.account) {
                w.send(Request::Send(Box::new(job)));
            }
        }
        Effect::Fetch(account, fetch) => {
            if let Some(w) = worker(&account) {
                w.send(Request::Fetch(fetch));
            }
        }
        Effect::AuditRefused {
            target,
            action,
            reason,
        } => {
            if let Some(audit) = &ctx.audit {
                let mut entry = AuditEntry::new(
                    AuditEvent::Refused,
                    &target.account,
                    &target.id,
                    &action,
                    "tui",
                );
                entry.detail = Some(reason);
                if let Err(error) = audit.record(&entry) {
                    tracing::error!("audit log write failed: {error}");
                }
            }
        }
        Effect::SaveSnapshot
        | Effect::SaveDrafts
        | Effect::SaveDraftsSoon
        | Effect::EditExternally(_)
        | Effect::Quit => {}
    }
}

/// Runs the external editor on `text` with the terminal handed over: the
/// key reader stops (so it does not steal the editor's keys) and starts
/// anew afterwards, and the next frame is drawn whole.
async fn edit_externally(
    tui: &mut Tui,
    keys: &mut EventStream,
    text: String,
    ctx: &Context,
) -> io::Result<Result<String, String>> {
    drop(std::mem::replace(keys, EventStream::new()));
    let dir = scratch_dir(ctx);
    terminal::suspend()?;
    let editor = editor::command();
    let edited = tokio::task::spawn_blocking(move || editor::edit(&editor, &text, &dir))
        .await
        .unwrap_or_else(|error| Err(format!("the editor task failed: {error}")));
    terminal::resume(tui)?;
    Ok(edited)
}

/// Where the external editor's file goes: beside the drafts (a private
/// directory of the user's), or the system's temporary directory.
fn scratch_dir(ctx: &Context) -> PathBuf {
    ctx.drafts_path
        .as_ref()
        .and_then(|path| path.parent())
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
}

fn save_drafts(store: &Store, ctx: &Context) {
    let Some(path) = &ctx.drafts_path else {
        return;
    };
    if let Err(error) = crate::drafts::save(path, &store.state().drafts) {
        tracing::warn!("could not save drafts {}: {error}", path.display());
    }
}

fn save_snapshot(store: &Store, ctx: &Context) {
    let Some(path) = &ctx.snapshot_path else {
        return;
    };
    if let Err(error) = crate::snapshot::save(path, &store.snapshot()) {
        tracing::warn!("could not save snapshot {}: {error}", path.display());
    }
}
