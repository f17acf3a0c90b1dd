//! Logging to a file via tracing; never to the terminal while the TUI runs.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;

/// Starts file logging; keep the guard alive for the life of the process.
/// Failure to open the log file is not fatal: logging is then off.
pub fn init(log_file: &Path) -> Option<WorkerGuard> {
    let dir = log_file.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let name = log_file.file_name()?;
    let appender = tracing_appender::rolling::never(dir, name);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = std::env::var("HOSTDECK_LOG")
        .ok()
        .and_then(|level| level.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
