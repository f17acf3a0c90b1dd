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
use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{interval, sleep_until, Instant, Interval, MissedTickBehavior};

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
    let mut session = Session::new(tui, ctx)?;
    if let Ok((w, h)) = crossterm::terminal::size() {
        store.apply(Event::Resize(w, h));
    }
    loop {
        let event = match session.next_event(&mut store, &mut events).await? {
            Next::Event(event) => event,
            Next::Nothing => continue,
            Next::Signal => break,
        };
        let effects = store.apply(event);
        if let Flow::Quit = session.carry_out_all(&store, effects).await? {
            return Ok(());
        }
    }
    // A signal (e.g. a dropped SSH session): keep what an open form holds.
    store.keep_open_form();
    save_drafts(&store, ctx);
    save_snapshot(&store, ctx);
    Ok(())
}

/// What the loop waits on besides the store: the key reader, the timers,
/// the signals, and what is due (a frame, the snapshot, the drafts).
struct Session<'a> {
    tui: &'a mut Tui,
    ctx: &'a Context,
    keys: EventStream,
    sigterm: Signal,
    sighup: Signal,
    tick: Interval,
    snapshot_timer: Interval,
    snapshot_dirty: bool,
    drafts_due: Option<Instant>,
    /// An event the loop itself made (the external editor's text).
    queued: Option<Event>,
    last_frame: Instant,
    frame_pending: bool,
}

/// What the wait brought.
enum Next {
    Event(Event),
    /// A timer did its work; nothing for the store.
    Nothing,
    /// SIGTERM or SIGHUP, or the end of the key stream.
    Signal,
}

/// Whether the user quit.
enum Flow {
    Go,
    Quit,
}

impl<'a> Session<'a> {
    fn new(tui: &'a mut Tui, ctx: &'a Context) -> io::Result<Self> {
        let mut tick = interval(TICK_INTERVAL);
        tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let mut snapshot_timer = interval(SNAPSHOT_INTERVAL);
        snapshot_timer.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Ok(Session {
            tui,
            ctx,
            keys: EventStream::new(),
            sigterm: signal(SignalKind::terminate())?,
            sighup: signal(SignalKind::hangup())?,
            tick,
            snapshot_timer,
            snapshot_dirty: false,
            drafts_due: None,
            queued: None,
            last_frame: Instant::now() - FRAME_INTERVAL,
            frame_pending: false,
        })
    }

    /// Waits for the next thing to do: a key, a worker's event, a frame
    /// (only when something changed), a tick (only while a job runs), a
    /// snapshot or drafts write that is due, or a signal.
    async fn next_event(
        &mut self,
        store: &mut Store,
        events: &mut UnboundedReceiver<Event>,
    ) -> io::Result<Next> {
        if let Some(event) = self.queued.take() {
            return Ok(Next::Event(event));
        }
        self.frame_pending |= store.take_dirty();
        let frame_at = self.last_frame + FRAME_INTERVAL;
        let animating = store.state().has_running_jobs();
        let drafts_at = self.drafts_due.unwrap_or_else(Instant::now);
        let next = tokio::select! {
            key = self.keys.next() => match key {
                Some(Ok(term_event)) => translate(store, term_event).map_or(Next::Nothing, Next::Event),
                Some(Err(error)) => return Err(error),
                None => Next::Signal,
            },
            Some(event) = events.recv() => Next::Event(event),
            _ = sleep_until(frame_at), if self.frame_pending => {
                let limits = draw(self.tui, store, &self.ctx.theme)?;
                self.last_frame = Instant::now();
                self.frame_pending = false;
                Next::Event(Event::Drawn(limits))
            }
            _ = self.tick.tick(), if animating => Next::Event(Event::Tick(now_millis())),
            _ = self.snapshot_timer.tick(), if self.snapshot_dirty => {
                save_snapshot(store, self.ctx);
                self.snapshot_dirty = false;
                Next::Nothing
            }
            _ = sleep_until(drafts_at), if self.drafts_due.is_some() => {
                save_drafts(store, self.ctx);
                self.drafts_due = None;
                Next::Nothing
            }
            _ = self.sigterm.recv() => Next::Signal,
            _ = self.sighup.recv() => Next::Signal,
        };
        Ok(next)
    }

    /// Carries out what the store asked for; the terminal-bound effects
    /// (quit, the drafts timer, the external editor) here, the rest through
    /// [`carry_out`].
    async fn carry_out_all(&mut self, store: &Store, effects: Vec<Effect>) -> io::Result<Flow> {
        for effect in effects {
            match effect {
                Effect::Quit => {
                    save_drafts(store, self.ctx);
                    save_snapshot(store, self.ctx);
                    return Ok(Flow::Quit);
                }
                Effect::SaveSnapshot => self.snapshot_dirty = true,
                Effect::SaveDrafts => save_drafts(store, self.ctx),
                Effect::SaveDraftsSoon => {
                    self.drafts_due
                        .get_or_insert_with(|| Instant::now() + DRAFTS_DELAY);
                }
                Effect::EditExternally(text) => {
                    let edited = edit_externally(self.tui, &mut self.keys, text, self.ctx).await?;
                    self.queued = Some(Event::Edited(edited));
                }
                other => carry_out(other, self.ctx),
            }
        }
        Ok(Flow::Go)
    }
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
    if let Err(error) = crate::snapshot::save_view(path, &store.snapshot_view()) {
        tracing::warn!("could not save snapshot {}: {error}", path.display());
    }
}
