//! A structure-aware fuzzer for hostdeck's parsers (no nightly needed):
//! every provider's answer decoding up to the model, the config parser and
//! the `/` filter. Each execution runs inside `catch_unwind`; a panic is a
//! crash, printed with target, seed and iteration and written to a file.
//!
//! `cargo run --release --example fuzz -- [TARGET|all] [--execs N] [--seed S] [--out DIR]`

mod harness;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    target: String,
    executions: u64,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        target: "all".to_string(),
        executions: 1_000_000,
        seed: 1,
        out: PathBuf::from("target/fuzz-crashes"),
    };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        let mut value = |name: &str| given.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--execs" => args.executions = number(&value("--execs")?)?,
            "--seed" => args.seed = number(&value("--seed")?)?,
            "--out" => args.out = PathBuf::from(value("--out")?),
            name if !name.starts_with('-') => args.target = name.to_string(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

fn number(text: &str) -> Result<u64, String> {
    text.replace('_', "")
        .parse()
        .map_err(|_| format!("not a number: {text}"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            let names: Vec<&str> = harness::TARGETS.iter().map(|t| t.name).collect();
            eprintln!("fuzz: {problem}\ntargets: all {}", names.join(" "));
            return ExitCode::from(2);
        }
    };
    let targets: Vec<&harness::Target> = match args.target.as_str() {
        "all" => harness::TARGETS.iter().collect(),
        name => match harness::target(name) {
            Some(target) => vec![target],
            None => {
                eprintln!("fuzz: no target {name}");
                return ExitCode::from(2);
            }
        },
    };
    let crashes: usize = targets.into_iter().map(|t| fuzz(t, &args)).sum();
    if crashes == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs one target, prints its summary and crashes; the crash count.
fn fuzz(target: &harness::Target, args: &Args) -> usize {
    let started = Instant::now();
    let report = harness::run(target, args.executions, args.seed);
    for crash in &report.crashes {
        let file = args.out.join(format!(
            "{}-seed{}-iter{}.bin",
            target.name, args.seed, crash.iteration
        ));
        let written = std::fs::create_dir_all(&args.out)
            .and_then(|_| std::fs::write(&file, &crash.input))
            .map_or_else(
                |e| format!("not written: {e}"),
                |_| file.display().to_string(),
            );
        println!(
            "CRASH target={} seed={} iteration={} input={written}\n  {}",
            target.name, args.seed, crash.iteration, crash.message
        );
    }
    println!(
        "{}: {} executions from {} seeds ({} accepted) in {:.1}s, seed {}, {} crashes",
        target.name,
        report.executions,
        report.seeds,
        report.accepted,
        started.elapsed().as_secs_f64(),
        args.seed,
        report.crashes.len()
    );
    report.crashes.len()
}
