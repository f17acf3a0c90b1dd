//! A console left open must not grow: 100 polls of unchanged data from
//! `hostdeck sim` (its own process), read over HTTP, applied to a store
//! and drawn, hold their memory within 10% of where it stood after the
//! first load: the bytes allocated and not freed (exact, so a leak of
//! 8 KB a poll fails) and the resident memory (which the allocator moves
//! in steps of a few MB). Its own test binary, so no other test shares the process.

use hostdeck::probe::{usage, Poller};
use std::alloc::{GlobalAlloc, Layout};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The allocator of the hostdeck binary, so the process behaves as it
/// does, counting the bytes live.
#[global_allocator]
static ALLOCATOR: Counting = Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// mimalloc, with a count of the bytes allocated and not yet freed.
struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

const SERVERS: &str = "1000";
const POLLS: usize = 100;
/// One allocator step of slack beside the 10% for the resident memory,
/// which mimalloc takes from the system in steps of a few MB (the live
/// heap gets none).
const STEP_KB: u64 = 2048;

/// `hostdeck sim`, stopped when dropped.
struct Sim(Child);

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the simulators and returns the clc line's URL and credentials.
fn start_sim() -> (Sim, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostdeck"))
        .args(["sim", "--demo-scale", SERVERS])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hostdeck sim starts");
    let stdout = child.stdout.take().expect("its stdout");
    let sim = Sim(child);
    let clc = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.starts_with("clc "))
        .expect("hostdeck sim prints the clc simulator");
    (sim, clc)
}

/// A config with the clc simulator as its one account.
fn config_for(clc_line: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let words: Vec<&str> = clc_line.split_whitespace().collect();
    let value = |key: &str| {
        let prefix = format!("{key}=");
        words
            .iter()
            .find_map(|w| w.strip_prefix(prefix.as_str()))
            .unwrap_or_default()
            .to_string()
    };
    let config = format!(
        "[[accounts]]\nname = \"clc-rss\"\nkind = \"clc\"\nbase_url = \"{}\"\napi_key = \"{}\"\npassword = \"{}\"\nalias = \"{}\"\n",
        words[1],
        value("api_key"),
        value("password"),
        value("alias")
    );
    std::fs::create_dir_all(dir).expect("temp dir");
    let path = dir.join("hostdeck.toml");
    std::fs::write(&path, config).expect("config written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rss_stays_flat_across_100_polls_of_unchanged_data() {
    hostdeck::memory::return_memory_early();
    if usage().is_none() {
        // Off Linux there is no /proc to read.
        return;
    }
    let (_sim, clc) = start_sim();
    let dir = std::env::temp_dir().join(format!("hostdeck-rss-{}", std::process::id()));
    let config = config_for(&clc, &dir);
    let mut poller = Poller::new(&config).await.expect("the account builds");
    let mut rss = Vec::new();
    let mut live = Vec::new();
    for poll in 1..=POLLS {
        poller
            .poll()
            .await
            .unwrap_or_else(|e| panic!("poll {poll}: {e}"));
        rss.push(usage().expect("usage").rss_kb);
        live.push(LIVE_BYTES.load(Ordering::Relaxed) as u64 / 1024);
    }
    let _ = std::fs::remove_dir_all(&dir);
    // The simulator keeps a few of its servers in a sub-account.
    assert!(poller.servers() > 900, "{} servers", poller.servers());
    eprintln!("RSS by poll (kB): {rss:?}\nlive heap by poll (kB): {live:?}");
    let highest = |values: &[u64]| values.iter().max().copied().unwrap_or_default();
    let (live_first, live_most) = (live[0], highest(&live));
    assert!(
        live_most * 10 <= live_first * 11,
        "the live heap grew from {live_first} kB after the first load to {live_most} kB: {live:?}"
    );
    let (first, most) = (rss[0], highest(&rss));
    assert!(
        most * 10 <= first * 11 + STEP_KB * 10,
        "RSS grew from {first} kB after the first load to {most} kB: {rss:?}"
    );
}
