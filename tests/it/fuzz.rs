//! A smoke run of the fuzzer (`examples/fuzz`, whose harness is included
//! here by path): every target, a couple of thousand mutated inputs from a
//! fixed seed, no panic. Keeps the harness compiling and its seeds found;
//! the million-input runs are in README.md "Reliability".

#[path = "../../examples/fuzz/harness/mod.rs"]
mod harness;

const EXECUTIONS: u64 = 2_000;
const SEED: u64 = 11;

/// Runs the target `name` briefly and checks it found seeds, parsed some
/// inputs and never panicked.
fn smoke(name: &str) {
    let target = harness::target(name).expect("a fuzz target of that name");
    let report = harness::run(target, EXECUTIONS, SEED);
    let crashes: Vec<String> = report
        .crashes
        .iter()
        .map(|c| {
            let input = String::from_utf8_lossy(&c.input);
            format!("iteration {}: {}\n{input:?}", c.iteration, c.message)
        })
        .collect();
    assert!(crashes.is_empty(), "{name}: {crashes:#?}");
    assert_eq!(report.executions, EXECUTIONS, "{name}");
    assert!(report.seeds >= 3, "{name}: only {} seeds", report.seeds);
    assert!(report.accepted > 0, "{name}: no input parsed");
}

/// One test per target, so they run side by side.
macro_rules! smoke_tests {
    ($($test:ident => $name:literal),+ $(,)?) => {
        $(#[test]
        fn $test() {
            smoke($name);
        })+

        #[test]
        fn every_target_has_a_smoke_test() {
            let tested = [$($name),+];
            let targets: Vec<&str> = harness::TARGETS.iter().map(|t| t.name).collect();
            assert_eq!(targets, tested);
        }
    };
}

smoke_tests! {
    clc_json_survives_a_short_fuzz_run => "clc-json",
    clc_xml_survives_a_short_fuzz_run => "clc-xml",
    controlepaneel_survives_a_short_fuzz_run => "controlepaneel",
    i3d_survives_a_short_fuzz_run => "i3d",
    hostbill_survives_a_short_fuzz_run => "hostbill",
    config_survives_a_short_fuzz_run => "config",
    filter_survives_a_short_fuzz_run => "filter",
}

#[test]
fn a_panicking_target_is_reported_as_a_crash_with_its_input() {
    let target = harness::Target {
        name: "panics-on-bang",
        format: harness::mutate::Format::Filter,
        seeds: || vec![b"ok".to_vec(), b"!".to_vec()],
        run: |input| {
            assert!(!input.starts_with(b"!"), "bang");
            true
        },
    };
    let report = harness::run(&target, 50, SEED);
    let first = report.crashes.first().expect("the `!` seed crashes");
    assert_eq!((first.iteration, first.input.as_slice()), (1, &b"!"[..]));
    assert!(first.message.contains("bang"), "{}", first.message);
    assert_eq!(report.executions, 50);
}
