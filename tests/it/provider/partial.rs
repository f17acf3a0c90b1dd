//! Partial failure, one table for the four providers: the simulator fails
//! one enrichment call, the real provider (the demo's account, over
//! loopback) reads the account, and the result goes through the store.
//! Every row must leave the primary list standing and the account up, and
//! mark its part missing (or, for a side read that failed whole, keep its
//! last data with the error: stale) naming the cause.

use crate::support::screen::{render, text};
use hostdeck::app::event::Event;
use hostdeck::app::intent::Intent;
use hostdeck::app::panes::ViewKind;
use hostdeck::app::store::Store;
use hostdeck::config::KindOptions;
use hostdeck::model::{HealthState, Missing, ProviderKind};
use hostdeck::provider::{fetch, Coverage, Fetch, Fetched, Provider, ProviderError};
use hostdeck::setup::{build_accounts, demo_config};
use hostdeck::sim::{self, SimOptions, SimServer, Targeted};
use ProviderKind::{Clc, Controlepaneel as Cp, Hostbill, I3d};
use Read::{Colocation, Domains, Inventory, Telemetry};

/// The read a failed call belongs to.
#[derive(Clone, Copy, Debug)]
enum Read {
    Inventory,
    Domains,
    Colocation,
    /// The telemetry of the first server the inventory lists.
    Telemetry,
}

/// One row: which call fails, and what the user must see instead.
struct Case {
    kind: ProviderKind,
    read: Read,
    /// Every string the failed request holds (see `Targeted`).
    fail: &'static [&'static str],
    /// The part the read lists as missing for the account; `None`: the
    /// read fails whole and its last data stays, with the error.
    part: Option<&'static str>,
    /// The objects whose ids start with this, and the part each lists.
    on: Option<(&'static str, &'static str)>,
    /// How the cause names the failed call (it says HTTP 500 as well).
    cause: &'static str,
}

const CASES: &[Case] = &[
    // CenturyLink Cloud: one location's networks (of the account itself,
    // not of its sub-account), the hourly charges behind the cost series.
    Case {
        kind: Clc,
        read: Inventory,
        fail: &[
            "Network/GetNetworks/",
            r#""Location":"UC1""#,
            r#""AccountAlias":"DEMO""#,
        ],
        part: Some("networks in UC1"),
        on: Some(("UC1", "networks in UC1")),
        cause: "Network/GetNetworks UC1",
    },
    Case {
        kind: Clc,
        read: Telemetry,
        fail: &["Billing/GetServerHourlyCharges/"],
        part: None,
        on: None,
        cause: "Billing/GetServerHourlyCharges",
    },
    // controlepaneel: monitoring, the IP list, colocation (visitors; both
    // lists failing is the colocation read failing).
    Case {
        kind: Cp,
        read: Inventory,
        fail: &["Module=servers", "Action=list_mon"],
        part: Some("monitoring"),
        on: Some(("", "monitoring")),
        cause: "servers/list_mon",
    },
    Case {
        kind: Cp,
        read: Inventory,
        fail: &["Module=servers", "Action=list_ip"],
        part: Some("IP addresses"),
        on: Some(("", "IP addresses")),
        cause: "servers/list_ip",
    },
    Case {
        kind: Cp,
        read: Colocation,
        fail: &["Module=colocation", "Action=list_visitor"],
        part: Some("visitors"),
        on: None,
        cause: "colocation/list_visitor",
    },
    Case {
        kind: Cp,
        read: Colocation,
        fail: &["Module=colocation"],
        part: None,
        on: None,
        cause: "colocation/list_visitor",
    },
    // i3D.net: a colocation's PDU list, one PDU's history, network
    // telemetry, the overuse list, alerts.
    Case {
        kind: I3d,
        read: Inventory,
        fail: &["GET /v3/colocation/3301/pdu"],
        part: Some("PDU list of 1 colocation"),
        on: Some(("colo-3301", "PDUs")),
        cause: "GET /v3/colocation/3301/pdu",
    },
    Case {
        kind: I3d,
        read: Inventory,
        fail: &["GET /v3/telemetry/colocation/3301/pdu/7101"],
        part: Some("telemetry of 1 PDU"),
        on: Some(("colo-3301", "telemetry of PDU 7101")),
        cause: "GET /v3/telemetry/colocation/3301/pdu/7101",
    },
    Case {
        kind: I3d,
        read: Inventory,
        fail: &["GET /v3/telemetry/colocation/3302/network"],
        part: Some("network telemetry of 1 colocation"),
        on: Some(("colo-3302", "network telemetry")),
        cause: "GET /v3/telemetry/colocation/3302/network",
    },
    Case {
        kind: I3d,
        read: Inventory,
        fail: &["GET /v3/telemetry/colocation/overuse/current"],
        part: Some("bandwidth overuse"),
        on: Some(("colo-", "bandwidth overuse")),
        cause: "GET /v3/telemetry/colocation/overuse/current",
    },
    Case {
        kind: I3d,
        read: Inventory,
        fail: &["GET /v3/colocation/3302/alert"],
        part: Some("alerts of 1 colocation"),
        on: Some(("colo-3302", "alerts")),
        cause: "GET /v3/colocation/3302/alert",
    },
    // HostBill: a service's IPs, its rDNS, its PDU ports, a VM's
    // interfaces, one domain's details.
    Case {
        kind: Hostbill,
        read: Inventory,
        fail: &["GET /api/service/1201/ip"],
        part: Some("IP addresses of 1 service"),
        on: Some(("1201", "IP addresses")),
        cause: "GET /api/service/1201/ip",
    },
    Case {
        kind: Hostbill,
        read: Inventory,
        fail: &["GET /api/service/1201/rdns"],
        part: Some("rDNS of 1 service"),
        on: Some(("1201", "rDNS")),
        cause: "GET /api/service/1201/rdns",
    },
    Case {
        kind: Hostbill,
        read: Inventory,
        fail: &["GET /api/service/1203/pdu"],
        part: Some("PDU ports of 1 service"),
        on: Some(("1203", "PDU ports")),
        cause: "GET /api/service/1203/pdu",
    },
    Case {
        kind: Hostbill,
        read: Inventory,
        fail: &["GET /api/service/1202/vms/301/interfaces"],
        part: Some("interfaces of 1 VM"),
        on: Some(("1202", "interfaces of VM 301")),
        cause: "GET /api/service/1202/vms/301/interfaces",
    },
    Case {
        kind: Hostbill,
        read: Domains,
        fail: &["GET /api/domain/54\n"],
        part: Some("details of 1 domain"),
        on: Some(("becker-it.com/54", "details")),
        cause: "GET /api/domain/54",
    },
];

async fn start(kind: ProviderKind) -> SimServer {
    let options = SimOptions::default();
    let started = match kind {
        Clc => sim::start_clc(options).await,
        Cp => sim::start_controlepaneel(options).await,
        I3d => sim::start_i3d(options).await,
        Hostbill => sim::start_hostbill(options).await,
    };
    started.expect("simulator starts")
}

/// What one case's account went through: its provider and the store the
/// results were applied to.
struct Run {
    provider: std::sync::Arc<dyn Provider>,
    store: Store,
    fetch: Fetch,
    at: i64,
}

impl Run {
    async fn new(sim: &SimServer) -> Run {
        let mut config = demo_config(std::slice::from_ref(sim));
        // Every read here is a full one: a clc poll for changes between
        // full reads would bring no servers (see `provider::clc_delta`).
        for account in &mut config.accounts {
            if let KindOptions::Clc {
                full_read_every, ..
            } = &mut account.options
            {
                *full_read_every = 1;
            }
        }
        let accounts = build_accounts(&config).expect("demo");
        let account = accounts.into_iter().next().expect("one demo account");
        let store = Store::new(vec![account.info()], false);
        Run {
            provider: account.provider,
            store,
            fetch: Fetch::Inventory,
            at: 1_000,
        }
    }

    fn account(&self) -> String {
        self.provider.account().to_string()
    }

    /// Reads `what` and applies the result to the store.
    async fn read(&mut self, what: &Fetch) -> Result<Fetched, ProviderError> {
        let result = fetch(self.provider.as_ref(), what).await;
        self.at += 1_000;
        let event = Event::fetched(self.account(), what.clone(), self.at, result.clone());
        self.store.apply(event);
        result
    }

    /// The inventory, then the case's read, all well: the baseline.
    async fn baseline(&mut self, read: Read) -> usize {
        let Ok(Fetched::Inventory(inventory)) = self.read(&Fetch::Inventory).await else {
            panic!("{}: the inventory before any fault", self.account());
        };
        assert!(inventory.missing.is_empty(), "{:?}", inventory.missing);
        self.fetch = match read {
            Inventory => Fetch::Inventory,
            Domains => Fetch::Domains,
            Colocation => Fetch::Colocation,
            Telemetry => Fetch::Telemetry(inventory.servers[0].id.clone()),
        };
        let fetch = self.fetch.clone();
        let whole = self.read(&fetch).await.expect("the read before any fault");
        assert!(gaps(&whole).is_empty(), "{:?}", gaps(&whole));
        inventory.servers.len()
    }
}

/// The account-wide gaps a read lists.
fn gaps(fetched: &Fetched) -> Vec<Missing> {
    match fetched {
        Fetched::Inventory(inventory) => inventory.missing.clone(),
        Fetched::Domains(domains) => domains.missing.clone(),
        Fetched::Colocation(colocation) => colocation.missing.clone(),
        _ => Vec::new(),
    }
}

/// Each object a read brought: its id and what it lists as missing.
fn objects(fetched: &Fetched) -> Vec<(String, Vec<Missing>)> {
    match fetched {
        Fetched::Inventory(inventory) => inventory
            .servers
            .iter()
            .map(|s| (s.id.clone(), s.missing.clone()))
            .collect(),
        Fetched::Domains(domains) => domains
            .domains
            .iter()
            .map(|d| (d.id.clone(), d.missing.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The cause names the call and the simulator's HTTP 500.
fn assert_cause(cause: &str, call: &str, row: &str) {
    assert!(cause.contains(call), "{row}: {cause}");
    assert!(cause.contains("HTTP 500"), "{row}: {cause}");
}

/// The one gap named `part`, whose cause names `call`.
fn assert_gap(missing: &[Missing], part: &str, call: &str, row: &str) {
    let parts: Vec<&str> = missing.iter().map(|m| m.part.as_str()).collect();
    assert_eq!(parts, [part], "{row}: {missing:?}");
    assert_cause(&missing[0].cause, call, row);
}

impl Case {
    fn row(&self) -> String {
        format!("{:?} {:?} {:?}", self.kind, self.read, self.fail)
    }

    fn fault(&self) -> Targeted {
        Targeted::new(self.fail.iter().copied()).with_status(500)
    }

    /// The read with the fault: the gap on the account and on the objects.
    fn check_read(&self, result: &Result<Fetched, ProviderError>) {
        let row = self.row();
        let Some(part) = self.part else {
            let error = result.as_ref().expect_err(&row);
            assert_cause(&error.to_string(), self.cause, &row);
            return;
        };
        let fetched = result.as_ref().expect(&row);
        assert_gap(&gaps(fetched), part, self.cause, &row);
        let Some((prefix, on)) = self.on else {
            return;
        };
        let objects = objects(fetched);
        let (hit, others): (Vec<_>, Vec<_>) =
            objects.iter().partition(|(id, _)| id.starts_with(prefix));
        assert!(!hit.is_empty(), "{row}: no object {prefix}*");
        for (id, missing) in hit {
            assert_gap(missing, on, self.cause, &format!("{row} {id}"));
        }
        for (id, missing) in others {
            assert!(missing.is_empty(), "{row} {id}: {missing:?}");
        }
    }

    /// What the store shows after the failed read: the account up, every
    /// server still listed, the part missing (or the last data kept with
    /// the error).
    fn check_store(&self, run: &Run, servers: usize) {
        let row = self.row();
        let account = run.account();
        let state = run.store.state();
        let info = state.account(&account).expect("the account");
        assert_eq!(info.health.state, HealthState::Ok, "{row}");
        assert_eq!(state.data.servers.count(&account), servers, "{row}");
        let data = &state.data;
        let (missing, error) = match (&run.fetch, self.read) {
            (_, Inventory) => (info.health.missing.clone(), None),
            (_, Domains) => {
                let slot = &data.domains[&account];
                let kept = slot.data.as_ref().map(|d| d.missing.clone());
                (kept.unwrap_or_default(), slot.error.clone())
            }
            (_, Colocation) => {
                let slot = &data.colocation[&account];
                let kept = slot.data.as_ref().map(|c| c.missing.clone());
                (kept.unwrap_or_default(), slot.error.clone())
            }
            (Fetch::Telemetry(id), Telemetry) => {
                let slot = &data.telemetry[&hostdeck::model::Ref::server(&account, id)];
                assert!(slot.data.is_some(), "{row}: the last series stay");
                (Vec::new(), slot.error.clone())
            }
            (other, Telemetry) => panic!("{row}: {other:?}"),
        };
        match self.part {
            Some(part) => {
                assert_gap(&missing, part, self.cause, &row);
                assert_eq!(error, None, "{row}");
            }
            None => {
                let error = error.unwrap_or_else(|| panic!("{row}: no error kept"));
                assert_cause(&error, self.cause, &row);
            }
        }
    }
}

impl Case {
    /// The accounts view (`A`) lists the missing part of an inventory
    /// with its cause.
    fn check_accounts_view(&self, run: &mut Run) {
        let (Inventory, Some(part)) = (self.read, self.part) else {
            return;
        };
        run.store.apply(Event::Resize(250, 40));
        run.store
            .apply(Event::Intent(Intent::ShowView(ViewKind::Accounts)));
        let screen = text(&render(&run.store));
        let line = format!("{}  {part}: {}: ", run.account(), run.account());
        let shown = screen.lines().find(|l| l.contains(&line));
        let shown = shown.unwrap_or_else(|| panic!("{}: {screen}", self.row()));
        assert!(shown.contains(self.cause), "{}: {shown}", self.row());
    }
}

#[tokio::test]
async fn one_enrichment_failing_leaves_the_primary_list_and_names_its_part() {
    for case in CASES {
        let sim = start(case.kind).await;
        let mut run = Run::new(&sim).await;
        let servers = run.baseline(case.read).await;
        sim.faults.fail_only(case.fault());
        let Ok(Fetched::Inventory(inventory)) = run.read(&Fetch::Inventory).await else {
            panic!("{}: the primary list must stand", case.row());
        };
        // A clc read after the first hands on only the servers that
        // changed: that every server still stands is checked in the store.
        if inventory.coverage == Coverage::Full {
            assert_eq!(inventory.servers.len(), servers, "{}", case.row());
        }
        let fetch = run.fetch.clone();
        let result = match case.read {
            Inventory => Ok(Fetched::Inventory(inventory)),
            _ => run.read(&fetch).await,
        };
        case.check_read(&result);
        case.check_store(&run, servers);
        case.check_accounts_view(&mut run);
    }
}
