//! Prints what a console costs at scale: the resident memory after the
//! first load and after every poll, and the CPU time of each poll, for
//! the accounts of a config (e.g. pointed at `hostdeck sim --demo-scale
//! 10000` running in its own process).
//!
//! ```sh
//! cargo run --release --example scale -- CONFIG [POLLS]
//! ```

use hostdeck::probe::{usage, Poller, Usage};
use std::path::PathBuf;

/// The allocator of the hostdeck binary, so the figures are the console's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main(worker_threads = 2)]
async fn main() {
    hostdeck::memory::return_memory_early();
    let mut args = std::env::args().skip(1);
    let Some(config) = args.next().map(PathBuf::from) else {
        eprintln!("usage: scale CONFIG [POLLS]");
        std::process::exit(2);
    };
    let polls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let start = now();
    let mut poller = match Poller::new(&config).await {
        Ok(poller) => poller,
        Err(error) => {
            eprintln!("scale: {error}");
            std::process::exit(1);
        }
    };
    println!("poll  servers  rss_mb  cpu_ms");
    let mut before = start;
    let mut first = None;
    for poll in 1..=polls {
        if let Err(error) = poller.poll().await {
            eprintln!("poll {poll}: {error}");
        }
        let after = now();
        let cpu = after.cpu.saturating_sub(before.cpu).as_millis();
        println!(
            "{poll:>4}  {:>7}  {:>6.1}  {cpu:>6}",
            poller.servers(),
            mb(after)
        );
        first.get_or_insert(after);
        before = after;
    }
    let first = first.unwrap_or(start);
    let spent = before.cpu.saturating_sub(first.cpu).as_millis();
    let later = polls.saturating_sub(1).max(1) as u128;
    println!(
        "first load {:.1} MB; after {polls} polls {:.1} MB; {} ms CPU per later poll",
        mb(first),
        mb(before),
        spent / later
    );
}

fn now() -> Usage {
    usage().unwrap_or(Usage {
        rss_kb: 0,
        cpu: std::time::Duration::ZERO,
    })
}

fn mb(usage: Usage) -> f64 {
    usage.rss_kb as f64 / 1024.0
}
