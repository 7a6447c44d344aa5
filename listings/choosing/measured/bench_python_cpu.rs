extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{python3, python3_version, run_child};
use listings::foundations::workloads::cpu_bound::{count_primes, count_primes_parallel, is_prime};
use listings::measure::{Table, ratio, separated, time};
use rayon::prelude::*;

/// Below this, CPython's sequential count takes a few seconds.
const LIMIT: u64 = 1_000_000;
const SCRIPT: &str = "listings/choosing/measured/primes.py";

// ANCHOR: bench
// ANCHOR: rayon_pool
fn count_primes_rayon(limit: u64) -> usize {
    (0..limit).into_par_iter().filter(|&n| is_prime(n)).count()
}

/// The same on a rayon pool built for this run alone, like a new `ProcessPoolExecutor`.
fn count_primes_new_pool(limit: u64) -> usize {
    let pool = rayon::ThreadPoolBuilder::new().build().unwrap();
    pool.install(|| count_primes_rayon(limit))
}
// ANCHOR_END: rayon_pool

/// What `primes.py` calls the four ways, in the order of `ways` below.
const PYTHON_WAYS: [&str; 4] = ["sequential", "threads", "processes", "processes_cold"];

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let expected = count_primes(LIMIT);
    let ways: [&dyn Fn() -> usize; 4] = [
        &|| count_primes(black_box(LIMIT)),
        &|| count_primes_parallel(black_box(LIMIT), cores),
        &|| count_primes_rayon(black_box(LIMIT)),
        &|| count_primes_new_pool(black_box(LIMIT)),
    ];
    // A round to warm up (rayon's global pool starts), then three rounds in which the
    // ways take turns, each keeping its best time, so that a moment when the machine
    // is busy does not fall on one way only.
    eprintln!("Rust ...");
    ways.iter().for_each(|way| assert_eq!(way(), expected));
    let mut rust = [Duration::MAX; 4];
    for _ in 0..3 {
        for (best, way) in rust.iter_mut().zip(ways) {
            let started = Instant::now();
            assert_eq!(black_box(way()), expected);
            *best = (*best).min(started.elapsed());
        }
    }

    // The same count in CPython: one child process runs the four ways in turn.
    let python: Option<[Duration; 4]> = python3_version().map(|_| {
        eprintln!("Python ...");
        let mut command = python3();
        command.args([SCRIPT, &LIMIT.to_string(), &cores.to_string(), "3"]);
        let report = run_child(&mut command).unwrap();
        PYTHON_WAYS.map(|way| {
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
        "best of 3 runs, the ways taking turns, Rust's after a warm-up round; each speedup is over the same language's sequential run",
    );
    let rows = [
        "sequential",
        "threads, one per core, started in each run (`thread::scope` / `ThreadPoolExecutor`)",
        "a pool started before the runs (rayon's global pool / `ProcessPoolExecutor`)",
        "a pool started inside each run (a new rayon `ThreadPool` / `ProcessPoolExecutor`)",
    ];
    for (i, row) in rows.into_iter().enumerate() {
        let (rust_time, rust_speedup) = (time(rust[i]), ratio(rust[0], rust[i]));
        match python {
            Some(py) => table.row(&[
                &row,
                &rust_time,
                &rust_speedup,
                &time(py[i]),
                &ratio(py[0], py[i]),
                &ratio(py[i], rust[i]),
            ]),
            None => {
                let skipped = "skipped: python3 not found";
                table.row(&[&row, &rust_time, &rust_speedup, &skipped, &"—", &"—"])
            }
        }
    }
    table.print();
}
// ANCHOR_END: bench
