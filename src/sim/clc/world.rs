//! The simulated CLC account: locations, hardware groups, servers, networks,
//! sessions and the request queue. Queued requests advance with time and
//! apply their effect to the server when they succeed.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The account the API user is mapped to, and its one sub-account.
pub const HOME_ACCOUNT: &str = "DEMO";
pub const SUB_ACCOUNT: &str = "DEMS";
pub const ACCOUNTS: [&str; 2] = [HOME_ACCOUNT, SUB_ACCOUNT];

/// Data centers: alias and region (the only attributes the document gives a Location).
pub const LOCATIONS: [(&str, &str); 3] = [
    ("WA1", "US West (Seattle)"),
    ("UC1", "US West (Santa Clara)"),
    ("GB3", "Great Britain (Slough)"),
];

/// The account's primary data center, used when `Location` is omitted.
pub const HOME_LOCATION: &str = "WA1";

#[derive(Clone, Debug)]
pub struct Group {
    pub account: &'static str,
    pub location: &'static str,
    pub id: i64,
    pub uuid: String,
    pub parent_id: i64,
    pub parent_uuid: String,
    pub name: String,
    pub is_system: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Power {
    Started,
    Stopped,
    Paused,
}

impl Power {
    pub fn name(self) -> &'static str {
        match self {
            Power::Started => "Started",
            Power::Stopped => "Stopped",
            Power::Paused => "Paused",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpKind {
    Rip,
    Mip,
}

impl IpKind {
    pub fn name(self) -> &'static str {
        match self {
            IpKind::Rip => "RIP",
            IpKind::Mip => "MIP",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Ip {
    pub address: String,
    pub kind: IpKind,
}

#[derive(Clone, Debug)]
pub struct CustomField {
    pub id: String,
    pub name: &'static str,
    pub kind: &'static str,
    pub value: String,
}

#[derive(Clone, Debug)]
pub struct Server {
    pub account: &'static str,
    pub location: &'static str,
    pub group: usize,
    pub name: String,
    pub description: String,
    pub dns_name: Option<String>,
    pub cpu: u32,
    pub memory_gb: u32,
    pub disk_count: u32,
    pub total_disk_gb: u32,
    pub status: &'static str,
    pub server_type: u8,
    pub service_level: u8,
    pub os: u32,
    pub power: Power,
    pub in_maintenance: bool,
    pub ips: Vec<Ip>,
    pub custom_fields: Vec<CustomField>,
    pub modified_ms: i64,
    pub modified_by: &'static str,
}

impl Server {
    /// The primary IP: the first RIP, or "" while under construction.
    pub fn primary_ip(&self) -> &str {
        self.ips
            .iter()
            .find(|ip| ip.kind == IpKind::Rip)
            .map_or("", |ip| ip.address.as_str())
    }

    pub fn is_active(&self) -> bool {
        self.status == "Active"
    }
}

#[derive(Clone, Debug)]
pub struct Network {
    pub account: &'static str,
    pub location: &'static str,
    pub name: String,
    /// The first three octets, e.g. `10.81.14`.
    pub prefix: String,
    /// Host octet -> server index, for the claimed addresses.
    pub claims: HashMap<u8, usize>,
}

impl Network {
    pub fn gateway(&self) -> String {
        format!("{}.1", self.prefix)
    }
}

/// What a queued request does to its server when it succeeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    PowerOn,
    PowerOff,
    Shutdown,
    Reboot,
    Reset,
    Pause,
    Maintenance(bool),
}

impl Action {
    fn title(self) -> &'static str {
        match self {
            Action::PowerOn => "Power On Server",
            Action::PowerOff => "Power Off Server",
            Action::Shutdown => "Shutdown Server",
            Action::Reboot => "Reboot Server",
            Action::Reset => "Reset Server",
            Action::Pause => "Pause Server",
            Action::Maintenance(true) => "Start Maintenance Mode on Server",
            Action::Maintenance(false) => "Stop Maintenance Mode on Server",
        }
    }

    fn apply(self, server: &mut Server) {
        match self {
            Action::PowerOn | Action::Reboot | Action::Reset => server.power = Power::Started,
            Action::PowerOff | Action::Shutdown => server.power = Power::Stopped,
            Action::Pause => server.power = Power::Paused,
            Action::Maintenance(on) => server.in_maintenance = on,
        }
    }
}

/// Steps of a queued request: 0 Not Started, 1..=3 Executing, 4 done.
pub const FINAL_STEP: u32 = 4;

#[derive(Clone, Debug)]
pub struct Job {
    pub id: u64,
    pub title: String,
    pub server: usize,
    pub action: Action,
    pub fails: bool,
    pub created: Instant,
    pub created_ms: i64,
}

/// The status of a queued request at some moment.
#[derive(Clone, Debug, PartialEq)]
pub struct JobStatus {
    pub step: u32,
    pub current_status: &'static str,
    pub percent: u32,
    pub progress: &'static str,
    pub status_ms: i64,
}

impl Job {
    pub fn step_at(&self, now: Instant, step: Duration) -> u32 {
        if step.is_zero() {
            return FINAL_STEP;
        }
        let elapsed = now.saturating_duration_since(self.created).as_nanos();
        (elapsed / step.as_nanos()).min(u128::from(FINAL_STEP)) as u32
    }

    pub fn status_at(&self, now: Instant, step: Duration) -> JobStatus {
        let n = self.step_at(now, step);
        let (current_status, percent, progress) = match n {
            0 => ("Not Started", 0, "Waiting in queue"),
            FINAL_STEP if self.fails => ("Failed", 75, "Request failed"),
            FINAL_STEP => ("Succeeded", 100, "Request completed"),
            _ => ("Executing", 25 * n, "Executing"),
        };
        JobStatus {
            step: n,
            current_status,
            percent,
            progress,
            status_ms: self.created_ms + i64::from(n) * step.as_millis() as i64,
        }
    }
}

/// Everything the simulator knows.
#[derive(Debug, Default)]
pub struct World {
    pub seed: u64,
    pub groups: Vec<Group>,
    pub servers: Vec<Server>,
    pub networks: Vec<Network>,
    pub jobs: Vec<Job>,
    /// Session token -> fault epoch it was created in.
    pub sessions: HashMap<String, u64>,
    by_name: HashMap<(&'static str, String), usize>,
    pending: Vec<usize>,
}

impl World {
    pub fn new(
        seed: u64,
        groups: Vec<Group>,
        servers: Vec<Server>,
        networks: Vec<Network>,
    ) -> World {
        let by_name = servers
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.account, s.name.to_ascii_uppercase()), i))
            .collect();
        World {
            seed,
            groups,
            servers,
            networks,
            by_name,
            ..World::default()
        }
    }

    /// The server of `account` called `name` (any case).
    pub fn server_index(&self, account: &str, name: &str) -> Option<usize> {
        let account = ACCOUNTS.iter().find(|a| **a == account)?;
        self.by_name
            .get(&(*account, name.to_ascii_uppercase()))
            .copied()
    }

    /// Queues `action` on server `server`; returns the RequestID.
    pub fn enqueue(&mut self, server: usize, action: Action, fails: bool, now_ms: i64) -> u64 {
        let id = self.jobs.len() as u64 + 1;
        let title = format!("{} {}", action.title(), self.servers[server].name);
        self.pending.push(self.jobs.len());
        self.jobs.push(Job {
            id,
            title,
            server,
            action,
            fails,
            created: Instant::now(),
            created_ms: now_ms,
        });
        id
    }

    pub fn job(&self, id: u64) -> Option<&Job> {
        let index = usize::try_from(id.checked_sub(1)?).ok()?;
        self.jobs.get(index)
    }

    /// Applies the effect of every request that has finished by `now`.
    pub fn settle(&mut self, now: Instant, step: Duration) {
        let pending = std::mem::take(&mut self.pending);
        for index in pending {
            let job = &self.jobs[index];
            if job.step_at(now, step) < FINAL_STEP {
                self.pending.push(index);
                continue;
            }
            let status_ms = job.status_at(now, step).status_ms;
            let (server, action, fails) = (job.server, job.action, job.fails);
            if !fails {
                let target = &mut self.servers[server];
                action.apply(target);
                target.modified_ms = status_ms;
                target.modified_by = "api@demo.example";
            }
        }
    }

    /// Groups of `account` at `location`, in listing order.
    pub fn groups_at<'a>(
        &'a self,
        account: &'a str,
        location: &'a str,
    ) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups
            .iter()
            .filter(move |g| g.account == account && g.location == location)
    }

    /// Indexes of `root` and every group below it.
    pub fn subtree(&self, root: usize) -> Vec<bool> {
        let mut inside = vec![false; self.groups.len()];
        inside[root] = true;
        // Parents are created before their children, so one forward pass suffices.
        for (i, group) in self.groups.iter().enumerate() {
            let parent = self.groups.iter().position(|p| p.uuid == group.parent_uuid);
            if parent.is_some_and(|p| inside[p]) {
                inside[i] = true;
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(fails: bool) -> Job {
        Job {
            id: 1,
            title: "Reboot Server X".into(),
            server: 0,
            action: Action::Reboot,
            fails,
            created: Instant::now(),
            created_ms: 1_000,
        }
    }

    #[test]
    fn a_request_advances_one_step_per_queue_step() {
        let step = Duration::from_secs(10);
        let job = job(false);
        let at = |n: u32| job.status_at(job.created + step * n, step);
        assert_eq!((at(0).current_status, at(0).percent), ("Not Started", 0));
        assert_eq!((at(1).current_status, at(1).percent), ("Executing", 25));
        assert_eq!((at(3).current_status, at(3).percent), ("Executing", 75));
        assert_eq!((at(4).current_status, at(4).percent), ("Succeeded", 100));
        assert_eq!(at(9), at(4));
        assert_eq!(at(2).status_ms, 1_000 + 20_000);
    }

    #[test]
    fn a_failing_request_ends_failed() {
        let step = Duration::from_secs(1);
        let job = job(true);
        let done = job.status_at(job.created + step * 4, step);
        assert_eq!((done.current_status, done.percent), ("Failed", 75));
        assert_eq!(job.step_at(job.created, Duration::ZERO), FINAL_STEP);
    }
}
