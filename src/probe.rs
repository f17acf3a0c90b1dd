//! What polling costs, measured as a user would see it: the process's
//! resident memory and CPU time (read from `/proc/self`), around refreshes
//! of every configured account, read over HTTP, applied to a console store
//! and drawn, as the console does. `examples/scale.rs` prints the figures;
//! the RSS growth test (`tests/rss.rs`) holds them to a bound.

use crate::app::event::Event;
use crate::app::store::Store;
use crate::model::now_millis;
use crate::provider::{Fetch, Fetched};
use crate::setup::{prepare, Setup, StartOptions};
use crate::ui::{draw, theme::Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// Linux's clock tick for `/proc/self/stat` times (`getconf CLK_TCK`,
/// 100 on every common kernel).
const TICK: Duration = Duration::from_millis(10);

/// The process's resident memory and the CPU time it has used so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    pub rss_kb: u64,
    pub cpu: Duration,
}

/// This process's usage now; `None` off Linux or when `/proc` is unreadable.
pub fn usage() -> Option<Usage> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let rss_kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which may hold spaces: state is the
    // 3rd field of the line, utime the 14th and stime the 15th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index)?.parse::<u32>().ok();
    let cpu = TICK * (ticks(11)? + ticks(12)?);
    Some(Usage { rss_kb, cpu })
}

/// The accounts of a config, polled into a store that is drawn after each
/// refresh, on a terminal of the console's usual size.
pub struct Poller {
    setup: Setup,
    store: Store,
    terminal: Terminal<TestBackend>,
}

impl Poller {
    /// Builds the accounts of the config at `config`.
    pub async fn new(config: &Path) -> Result<Poller, String> {
        let options = StartOptions {
            config: Some(config.to_path_buf()),
            ..StartOptions::default()
        };
        let setup = prepare(&options).await?;
        let infos = setup.accounts.iter().map(|a| a.info()).collect();
        let mut store = Store::new(infos, false);
        store.apply(Event::Resize(120, 40));
        let terminal = Terminal::new(TestBackend::new(120, 40)).map_err(|e| e.to_string())?;
        Ok(Poller {
            setup,
            store,
            terminal,
        })
    }

    /// Servers in the store now.
    pub fn servers(&self) -> usize {
        self.store.state().servers().len()
    }

    /// One refresh of every account's inventory, applied and drawn; the
    /// first failed account's error.
    pub async fn poll(&mut self) -> Result<(), String> {
        let mut failed = None;
        for account in &self.setup.accounts {
            let started = Instant::now();
            let result = account.provider.servers().inventory().await;
            if let Err(error) = &result {
                failed.get_or_insert_with(|| error.to_string());
            }
            self.store.apply(Event::Fetched {
                account: account.config.name.clone(),
                fetch: Fetch::Inventory,
                at: now_millis(),
                latency_ms: started.elapsed().as_millis() as u64,
                result: result.map(Fetched::Inventory),
            });
        }
        let state = self.store.state();
        let theme = Theme::monochrome();
        let mut limits = None;
        self.terminal
            .draw(|frame| limits = Some(draw(frame, state, &theme)))
            .map_err(|e| e.to_string())?;
        if let Some(limits) = limits {
            self.store.apply(Event::Drawn(limits));
        }
        failed.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn usage_reads_this_process() {
        let usage = usage().expect("/proc/self is readable");
        assert!(usage.rss_kb > 0);
        assert!(usage.cpu < Duration::from_secs(24 * 3600));
    }
}
