//! The audit log appends parseable JSON lines to a private file; the
//! snapshot round-trips, saves atomically, and reports bad files clearly.

use hostdeck::audit::{AuditEntry, AuditEvent, AuditLog};
use hostdeck::model::{
    Action, Command, Health, HealthState, Ip, Job, JobState, MetricSeries, PowerState, Ref, Sample,
    Server,
};
use hostdeck::snapshot::{self, Snapshot, SnapshotError, SNAPSHOT_VERSION};
use std::path::{Path, PathBuf};

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("audit-snapshot-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_entries(path: &Path) -> Vec<AuditEntry> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn audit_lines_append_and_parse_back() {
    let path = fresh_dir("append").join("state/nested/audit.jsonl");
    let sent = AuditEntry::new(
        AuditEvent::Sent,
        "clc-prod",
        "clc-prod:WA1WEB01",
        "reboot",
        "tui",
    )
    .with_job(7);
    let outcome = AuditEntry::new(
        AuditEvent::Outcome,
        "clc-prod",
        "clc-prod:WA1WEB01",
        "reboot",
        "tui",
    )
    .with_job(7)
    .with_outcome("succeeded");
    let log = AuditLog::open(&path).unwrap();
    log.record(&sent).unwrap();
    log.record(&outcome).unwrap();
    drop(log);

    let refused = AuditEntry::new(
        AuditEvent::Refused,
        "nl-colo",
        "nl-colo:42",
        "power-off",
        "cli",
    )
    .with_detail("account is read-only");
    AuditLog::open(&path).unwrap().record(&refused).unwrap();

    assert_eq!(read_entries(&path), vec![sent, outcome, refused]);
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains("\"event\":\"refused\""), "{raw}");
    assert!(raw.ends_with('\n'));
}

#[test]
fn audit_time_is_rfc3339_utc() {
    let entry = AuditEntry::new(AuditEvent::Sent, "a", "a:1", "reboot", "cli");
    let t = entry.time.as_bytes();
    assert_eq!(t.len(), 24, "{}", entry.time);
    assert_eq!(
        (t[4], t[7], t[10], t[13], t[16], t[19], t[23]),
        (b'-', b'-', b'T', b':', b':', b'.', b'Z')
    );
    assert!(entry.time.as_str() > "2024-01-01T00:00:00.000Z");
}

#[test]
fn audit_log_clones_write_whole_lines_from_many_threads() {
    let path = fresh_dir("threads").join("audit.jsonl");
    let log = AuditLog::open(&path).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|thread| {
            let log = log.clone();
            std::thread::spawn(move || {
                for n in 0..25 {
                    let entry = AuditEntry::new(
                        AuditEvent::Sent,
                        "acct",
                        format!("acct:{thread}"),
                        "reset",
                        "cli",
                    )
                    .with_job(thread * 100 + n);
                    log.record(&entry).unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let mut jobs: Vec<u64> = read_entries(&path)
        .iter()
        .filter_map(|e| e.job_id)
        .collect();
    jobs.sort_unstable();
    let expected: Vec<u64> = (0..4)
        .flat_map(|t| (0..25).map(move |n| t * 100 + n))
        .collect();
    assert_eq!(jobs, expected);
}

#[cfg(unix)]
#[test]
fn audit_log_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let path = fresh_dir("mode").join("audit.jsonl");
    AuditLog::open(&path).unwrap();
    assert_eq!(mode_of(&path), 0o600);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    AuditLog::open(&path).unwrap();
    assert_eq!(mode_of(&path), 0o600, "reopening narrows a widened file");
}

fn sample_snapshot() -> Snapshot {
    let server = Server {
        account: "clc-prod".into(),
        id: "WA1WEB01".into(),
        name: "web 1".into(),
        power: PowerState::Unknown("Stopping".into()),
        status: "Active".into(),
        primary_ip: Some("10.0.0.5".into()),
        location: "WA1".into(),
        group: "Web".into(),
        os: "ubuntu".into(),
        cpu: Some(2),
        memory_gb: Some(4.5),
        in_maintenance: false,
        ips: vec![Ip {
            address: "10.0.0.5".into(),
            kind: "RIP".into(),
            claimed: Some(true),
            server_id: Some("WA1WEB01".into()),
            ptr: None,
            subnet: None,
            gateway: None,
            remarks: None,
        }],
        details: vec![hostdeck::model::Detail::new("Hardware", "standard")],
        actions: vec![Action::Reboot, Action::PowerOff],
        actions_note: None,
        warnings: Vec::new(),
        fetched_at: 1_795_352_709_000,
        missing: Vec::new(),
    };
    let mut series = MetricSeries::new("cpu", "%", 10);
    series.push(Sample { at: 1, value: 12.5 });
    series.push(Sample { at: 2, value: 80.0 });
    let job = Job {
        id: 3,
        target: Ref::server("clc-prod", "WA1WEB01"),
        target_name: "web 1".into(),
        command: Command::Power(Action::Reboot),
        state: JobState::Running(Some(40)),
        created_at: 10,
        updated_at: 20,
        provider_handle: Some("req-9".into()),
    };
    let health = Health {
        state: HealthState::Degraded,
        last_error: Some("clc-prod: inventory: timed out".into()),
        last_success_at: Some(5),
        last_latency_ms: Some(250),
        consecutive_failures: 2,
        missing: Vec::new(),
    };
    Snapshot {
        saved_at: 1_795_352_709_000,
        metrics: [(server.reference().to_string(), vec![series])].into(),
        health: [("clc-prod".to_string(), health)].into(),
        servers: vec![server],
        jobs: vec![job],
        ..Snapshot::default()
    }
}

#[test]
fn snapshot_round_trips_and_leaves_no_temp_file() {
    let dir = fresh_dir("round-trip");
    let path = dir.join("state/snapshot.json");
    let original = sample_snapshot();
    snapshot::save(&path, &original).unwrap();
    let mut second = original.clone();
    second.saved_at += 1;
    snapshot::save(&path, &second).unwrap();

    assert_eq!(snapshot::load(&path).unwrap(), Some(second));
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["snapshot.json"]);
    #[cfg(unix)]
    assert_eq!(mode_of(&path), 0o600);
}

#[test]
fn missing_snapshot_is_none() {
    let path = fresh_dir("missing").join("snapshot.json");
    assert_eq!(snapshot::load(&path).unwrap(), None);
}

#[test]
fn corrupt_snapshot_is_an_error_naming_the_file() {
    let path = fresh_dir("corrupt").join("snapshot.json");
    std::fs::write(&path, b"{\"version\": 1, \"servers\": [ {\"acc").unwrap();
    let error = snapshot::load(&path).unwrap_err();
    assert!(matches!(error, SnapshotError::Corrupt { .. }), "{error:?}");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );

    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    assert!(matches!(
        snapshot::load(&path),
        Err(SnapshotError::Corrupt { .. })
    ));
}

#[test]
fn snapshot_of_another_version_is_reported_as_such() {
    let path = fresh_dir("version").join("snapshot.json");
    let future = format!(
        "{{\"version\": {}, \"servers\": \"a new shape\"}}",
        SNAPSHOT_VERSION + 1
    );
    std::fs::write(&path, future).unwrap();
    let error = snapshot::load(&path).unwrap_err();
    assert!(
        matches!(error, SnapshotError::Version { found, expected, .. } if found == SNAPSHOT_VERSION + 1 && expected == SNAPSHOT_VERSION),
        "{error:?}"
    );
    assert!(error.to_string().contains("version"), "{error}");
}
