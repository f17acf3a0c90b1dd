//! The hostdeck binary: parses the command line and runs it.

use clap::Parser;

fn main() {
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
