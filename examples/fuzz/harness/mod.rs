//! The fuzz harness: a seeded loop that mutates seed inputs with a
//! structure-aware mutator and runs one parser target on each inside
//! `catch_unwind`. Shared by the `fuzz` example and the smoke test in
//! `tests/it/fuzz.rs` (which includes this module by path).

pub mod mutate;
mod seeds;
mod targets;

use hostdeck::sim::SplitMix64;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

pub use targets::{Target, TARGETS};

/// Inputs that parsed are kept (up to this many) as further mutation bases.
const POOL_CAPACITY: usize = 512;

/// Larger inputs are not kept: they would slow every later execution.
const POOL_INPUT_LIMIT: usize = 16 * 1024;

/// One input that made a target panic.
#[derive(Debug)]
pub struct Crash {
    pub iteration: u64,
    pub message: String,
    pub input: Vec<u8>,
}

/// What one run did.
#[derive(Debug, Default)]
pub struct Report {
    pub seeds: usize,
    pub executions: u64,
    /// Executions whose input the target accepted (decoded as far as a model).
    pub accepted: u64,
    pub crashes: Vec<Crash>,
}

thread_local! {
    /// Set while this thread runs a target: its panics are recorded, not printed.
    static FUZZING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Installs (once) a panic hook that records the panics of fuzzing threads
/// and hands every other panic to the hook that was there before, so tests
/// running next to the smoke test keep their messages.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FUZZING.with(Cell::get) {
                LAST_PANIC.with(|last| *last.borrow_mut() = info.to_string());
            } else {
                previous(info);
            }
        }));
    });
}

/// The target named `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Runs `target` on `executions` inputs derived from `seed`: the seeds
/// themselves first, then mutants. Panics are caught and reported, never
/// propagated, and their messages are kept with the crash.
pub fn run(target: &Target, executions: u64, seed: u64) -> Report {
    install_panic_hook();
    FUZZING.with(|fuzzing| fuzzing.set(true));
    let report = run_loop(target, executions, seed);
    FUZZING.with(|fuzzing| fuzzing.set(false));
    report
}

fn run_loop(target: &Target, executions: u64, seed: u64) -> Report {
    let mut rng = SplitMix64::new(seed);
    let seeds = (target.seeds)();
    let dictionary = mutate::Dictionary::from_seeds(&seeds, target.format);
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut report = Report {
        seeds: seeds.len(),
        ..Report::default()
    };
    for iteration in 0..executions {
        let input = next_input(iteration, &seeds, &pool, &dictionary, target, &mut rng);
        match panic::catch_unwind(AssertUnwindSafe(|| (target.run)(&input))) {
            Ok(true) => {
                report.accepted += 1;
                remember(&mut pool, input, &mut rng);
            }
            Ok(false) => {}
            Err(_) => report.crashes.push(Crash {
                iteration,
                message: LAST_PANIC.with(|last| last.borrow().clone()),
                input,
            }),
        }
        report.executions += 1;
    }
    report
}

/// The seeds as they are, then mutants of a seed or of a kept input.
fn next_input(
    iteration: u64,
    seeds: &[Vec<u8>],
    pool: &[Vec<u8>],
    dictionary: &mutate::Dictionary,
    target: &Target,
    rng: &mut SplitMix64,
) -> Vec<u8> {
    if let Some(seed) = seeds.get(iteration as usize) {
        return seed.clone();
    }
    let base = if !pool.is_empty() && rng.below(3) == 0 {
        &pool[rng.below(pool.len() as u64) as usize]
    } else {
        &seeds[rng.below(seeds.len() as u64) as usize]
    };
    mutate::mutate(base, target.format, dictionary, rng)
}

fn remember(pool: &mut Vec<Vec<u8>>, input: Vec<u8>, rng: &mut SplitMix64) {
    if input.len() > POOL_INPUT_LIMIT {
        return;
    }
    if pool.len() < POOL_CAPACITY {
        pool.push(input);
    } else {
        let slot = rng.below(POOL_CAPACITY as u64) as usize;
        pool[slot] = input;
    }
}
