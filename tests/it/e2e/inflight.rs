//! A ticket reply in flight when hostdeck dies by `kill -9`. The i3D.net
//! simulator runs in the test (on its own runtime) and hostdeck in a PTY
//! with a config file pointing at it, so the test can hold the send and
//! count, on the simulator's side, the replies it accepted. Either the
//! reply was accepted exactly once, or it was not and its draft is on
//! disk; never lost, never twice, and the restarted console never sends
//! it by itself.

use super::tickets::{open_first_thread_of, state_file, ticket_id, CTRL_S, ENTER, TAB};
use super::wait_until;
use super::{temp_state_dir, Console};
use hostdeck::sim::{start_i3d, Faults, SimOptions, SimServer};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ACCOUNT: &str = "i3d-e2e";
const TEXT: &str = "in flight when the process dies ü";
/// How long the simulator holds every request in [`Hold::Request`].
const HOLD: Duration = Duration::from_secs(5);

/// Where the send is held while hostdeck is killed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hold {
    /// The simulator delays every request (its latency fault) before
    /// answering it: the kill lands before the reply is accepted.
    Request,
    /// A proxy in front of the simulator passes the reply on and holds its
    /// answer: the reply is accepted, hostdeck never hears so.
    Answer,
}

/// The simulator, the proxy in front of it, and the runtime serving both.
struct World {
    runtime: tokio::runtime::Runtime,
    sim: SimServer,
    answers_held: Arc<AtomicBool>,
    proxy: SocketAddr,
}

impl World {
    fn start() -> World {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let sim = runtime
            .block_on(start_i3d(SimOptions::default()))
            .expect("simulator");
        let target = address_of(&sim.base_url);
        let answers_held = Arc::new(AtomicBool::new(false));
        let proxy = runtime.block_on(answer_holding_proxy(target, answers_held.clone()));
        World {
            runtime,
            sim,
            answers_held,
            proxy,
        }
    }

    /// How many messages of ticket `id` the simulator keeps with [`TEXT`].
    fn replies(&self, id: &str) -> usize {
        let record = self.runtime.block_on(crate::support::sim::get(
            &self.sim,
            &format!("tickets/{id}"),
        ));
        let messages = record["messages"].as_array().cloned().unwrap_or_default();
        let holds = |m: &&serde_json::Value| m["content"].as_str().is_some_and(|c| c == TEXT);
        messages.iter().filter(holds).count()
    }

    fn hold(&self, hold: Hold) {
        match hold {
            Hold::Request => self.sim.faults.set(Faults {
                latency_ms: HOLD.as_millis() as u64,
                ..Faults::default()
            }),
            Hold::Answer => self.answers_held.store(true, Ordering::SeqCst),
        }
    }

    fn release(&self) {
        self.sim.faults.set(Faults::default());
        self.answers_held.store(false, Ordering::SeqCst);
    }

    /// A config with one i3D.net account, reached through the proxy.
    fn config(&self, state_dir: &Path) -> PathBuf {
        let key = self.sim.credential("api_key").expect("api_key");
        let target = address_of(&self.sim.base_url).to_string();
        let base_url = self.sim.base_url.replace(&target, &self.proxy.to_string());
        let text = format!(
            "[[accounts]]\nname = \"{ACCOUNT}\"\nkind = \"i3d\"\nbase_url = \"{base_url}\"\napi_key = \"{key}\"\n"
        );
        let config = state_dir.join("hostdeck.toml");
        std::fs::write(&config, text).expect("config");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600))
            .expect("a private config");
        config
    }
}

/// `127.0.0.1:PORT` of a simulator's base URL.
fn address_of(base_url: &str) -> SocketAddr {
    let url = reqwest::Url::parse(base_url).expect("URL");
    let port = url.port().expect("a port");
    SocketAddr::from(([127, 0, 0, 1], port))
}

/// A loopback TCP proxy to `target` that passes everything on at once,
/// except, while `held` is set, the answers on a connection that carried
/// a reply (`POST …/reply`): those wait until `held` is cleared.
async fn answer_holding_proxy(target: SocketAddr, held: Arc<AtomicBool>) -> SocketAddr {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(relay(client, target, held.clone()));
        }
    });
    address
}

/// Whether a chunk of a request holds the start of a reply.
fn is_reply(chunk: &[u8]) -> bool {
    let text = String::from_utf8_lossy(chunk);
    text.starts_with("POST ") && text.lines().next().is_some_and(|l| l.contains("/reply "))
}

async fn relay(client: TcpStream, target: SocketAddr, held: Arc<AtomicBool>) {
    let Ok(server) = TcpStream::connect(target).await else {
        return;
    };
    let (from_client, to_client) = client.into_split();
    let (from_server, to_server) = server.into_split();
    let carried_reply = AtomicBool::new(false);
    let requests = pump(from_client, to_server, |chunk| {
        if is_reply(chunk) {
            carried_reply.store(true, Ordering::SeqCst);
        }
        false
    });
    let answers = pump(from_server, to_client, |_| {
        held.load(Ordering::SeqCst) && carried_reply.load(Ordering::SeqCst)
    });
    let _ = tokio::join!(requests, answers);
}

/// Copies `from` to `to` chunk by chunk; a chunk waits while `wait` says so.
async fn pump(
    mut from: impl AsyncReadExt + Unpin,
    mut to: impl AsyncWriteExt + Unpin,
    wait: impl Fn(&[u8]) -> bool,
) -> std::io::Result<()> {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = from.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        while wait(&buffer[..read]) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        to.write_all(&buffer[..read]).await?;
    }
}

/// Types a reply, holds it as told, confirms the send and kills hostdeck
/// while the send is held; then checks what the simulator kept, what is
/// on disk, and that a restarted console sends nothing by itself.
fn reply_killed_in_flight(hold: Hold) -> (usize, bool) {
    let world = World::start();
    let state_dir = temp_state_dir(&format!("e2e-inflight-{hold:?}"));
    let config = world.config(&state_dir);
    let mut console = Console::with_config(&state_dir, &config);
    let id = ticket_id(&open_first_thread_of(&mut console, ACCOUNT, ACCOUNT));
    assert_eq!(world.replies(&id), 0);
    console.keys("r");
    console.wait_for(&format!("Reply to ticket #{id}"));
    console.keys(TEXT);
    console.wait_for(TEXT);
    wait_until("the draft is on disk", || {
        state_file(&state_dir, "drafts.json").contains(TEXT)
    });

    world.hold(hold);
    console.keys(CTRL_S);
    console.wait_for("Send this reply to ticket");
    console.keys(TAB);
    console.keys(ENTER);
    // The audit's `sent` line is written just before the request goes out.
    wait_until("the send is under way", || {
        state_file(&state_dir, "audit.jsonl").contains("\"sent\"")
    });
    if hold == Hold::Answer {
        wait_until("the simulator accepted the reply", || {
            world.replies(&id) == 1
        });
    } else {
        thread::sleep(Duration::from_millis(300));
    }
    console.kill_hard();
    let audit = state_file(&state_dir, "audit.jsonl");
    assert!(
        !audit.contains("\"succeeded\""),
        "killed in flight: {audit}"
    );
    world.release();
    // A request the simulator still held ends by now, accepted or dropped.
    thread::sleep(HOLD + Duration::from_secs(1));
    let sent = world.replies(&id);
    let kept = state_file(&state_dir, "drafts.json").contains(TEXT);
    assert!(sent <= 1, "{hold:?}: sent {sent} times");
    assert!(sent == 1 || kept, "{hold:?}: neither sent nor kept");

    let mut again = Console::with_config(&state_dir, &config);
    // The same ticket, wherever it sorts now.
    let thread = open_first_thread_of(&mut again, ACCOUNT, &id);
    assert_eq!(ticket_id(&thread), id);
    again.assert_idle();
    assert_eq!(world.replies(&id), sent, "{hold:?}: the restart sent it");
    if kept {
        again.keys("r");
        let screen = again.wait_for(TEXT);
        // Saved while its send was out: the draft says the reply may
        // have arrived, so a second send is the user's informed choice.
        assert!(
            screen.contains("draft restored, but hostdeck stopped while sending it"),
            "{screen}"
        );
        again.keys("\x1b");
    }
    again.keys("q");
    thread::sleep(Duration::from_secs(1));
    assert_eq!(world.replies(&id), sent, "{hold:?}: sent on the way out");
    let _ = std::fs::remove_dir_all(&state_dir);
    (sent, kept)
}

/// The simulator holds the request; the kill drops the connection during
/// the hold, so the reply is never accepted and the draft stays.
#[test]
fn a_reply_held_by_the_simulator_at_kill_9_stays_a_draft() {
    assert_eq!(reply_killed_in_flight(Hold::Request), (0, true));
}

/// The reply is accepted but its answer held: accepted once, the draft
/// stays (hostdeck never heard of the success), and no restart sends it
/// a second time.
#[test]
fn a_reply_accepted_but_unanswered_at_kill_9_is_kept_and_not_sent_again() {
    assert_eq!(reply_killed_in_flight(Hold::Answer), (1, true));
}
