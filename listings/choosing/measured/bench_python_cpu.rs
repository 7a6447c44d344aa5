extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{python3_version, run_child};
use listings::foundations::workloads::cpu_bound::{count_primes, count_primes_parallel, is_prime};
use listings::measure::{Table, ratio, separated, time};
use rayon::prelude::*;

/// Below this, CPython's sequential count takes a few seconds.
const LIMIT: u64 = 1_000_000;
const SCRIPT: &str = "listings/choosing/measured/primes.py";

// ANCHOR: bench
fn count_primes_rayon(limit: u64) -> usize {
    (0..limit).into_par_iter().filter(|&n| is_prime(n)).count()
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let expected = count_primes(LIMIT);
    let ways: [&dyn Fn() -> usize; 3] = [
        &|| count_primes(black_box(LIMIT)),
        &|| count_primes_parallel(black_box(LIMIT), cores),
        &|| count_primes_rayon(black_box(LIMIT)),
    ];
    // Three rounds in which the ways take turns, each keeping its best time, so that
    // a moment when the machine is busy does not fall on one way only.
    eprintln!("Rust ...");
    let mut rust = [Duration::MAX; 3];
    for _ in 0..3 {
        for (best, way) in rust.iter_mut().zip(ways) {
            let started = Instant::now();
            assert_eq!(black_box(way()), expected);
            *best = (*best).min(started.elapsed());
        }
    }

    // The same count in CPython: one child process runs the three ways in turn.
    let python: Option<[Duration; 3]> = python3_version().map(|_| {
        eprintln!("Python ...");
        let mut command = Command::new("python3");
        command.args([SCRIPT, &LIMIT.to_string(), &cores.to_string(), "3"]);
        let report = run_child(&mut command).unwrap();
        ["sequential", "threads", "processes"].map(|way| {
            let found = report
                .get(way)
                .and_then(|v| v.split(' ').next()?.parse().ok());
            assert_eq!(found, Some(expected), "Python's {way} count");
            report.seconds(way).unwrap()
        })
    });
    if python.is_none() {
        eprintln!("python3 not found: the Python columns are skipped");
    }

    let mut table = Table::new(
        "cpu",
        format!(
            "Counting the primes below {} by trial division, {cores} workers",
            separated(LIMIT)
        ),
        &[
            "way",
            "Rust",
            "speedup",
            "Python",
            "speedup",
            "Python / Rust",
        ],
        "best of 3 runs, the ways taking turns; each speedup is over the same language's sequential run",
    );
    let ways = [
        "sequential",
        "threads, one per core (`thread::scope` / `ThreadPoolExecutor`)",
        "a pool, one worker per core (rayon / `ProcessPoolExecutor`)",
    ];
    for (i, way) in ways.into_iter().enumerate() {
        let (rust_time, rust_speedup) = (time(rust[i]), ratio(rust[0], rust[i]));
        match python {
            Some(py) => table.row(&[
                &way,
                &rust_time,
                &rust_speedup,
                &time(py[i]),
                &ratio(py[0], py[i]),
                &ratio(py[i], rust[i]),
            ]),
            None => {
                let skipped = "skipped: python3 not found";
                table.row(&[&way, &rust_time, &rust_speedup, &skipped, &"—", &"—"])
            }
        }
    }
    table.print();

    let goal = 0.95 * cores as f64;
    let mut table = Table::new(
        "cpu_goal",
        format!("The goal for Rust: a speedup of at least 0.95 × {cores} cores"),
        &["way", "speedup", "goal", "met"],
        "from the table above",
    );
    for (i, way) in [(1, "threads, one per core"), (2, "rayon")] {
        let speedup = rust[0].as_secs_f64() / rust[i].as_secs_f64();
        let met = if speedup >= goal { "yes" } else { "no" };
        table.row(&[&way, &ratio(rust[0], rust[i]), &format!("{goal:.2}×"), &met]);
    }
    table.print();
}
// ANCHOR_END: bench
