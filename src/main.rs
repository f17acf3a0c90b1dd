//! The hostdeck binary: parses the command line and runs it.

use clap::Parser;

/// mimalloc rather than the system allocator: with glibc's, half of a
/// 10,000-server read went to malloc and free, and a console's memory
/// grew across polls with fragmentation between the runtime's threads
/// (README, "Memory and scale", has the figures before and after).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    hostdeck::memory::return_memory_early();
    let cli = hostdeck::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hostdeck: cannot start the async runtime: {error}");
            std::process::exit(hostdeck::cli::exit::FAILED);
        }
    };
    let code = runtime.block_on(hostdeck::cli::run(cli));
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    std::process::exit(code);
}
