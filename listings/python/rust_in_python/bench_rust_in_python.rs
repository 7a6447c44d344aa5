extern crate listings;

use std::fs;
use std::path::Path;
use std::time::Duration;

use listings::choosing::measured::report::{Python, announce, pythons, run_child, skipped};
use listings::foundations::workloads::cpu_bound::count_primes;
use listings::measure::{METHOD, Table, interleaved_timed, separated, speedup, spread};

/// Each case runs in a new interpreter, which times its own work.
const SCRIPT: &str = "python_ext/bench/timed.py";
/// Where `cargo xtask bench` puts the module built in release, and its sources: a
/// module older than any of them is refused.
const MODULE: &str = "target/python-ext-release/rust_primes.so";
const MODULE_SOURCES: [&str; 2] = ["python_ext/src/lib.rs", "python_ext/src/calls.rs"];
/// What the script imports besides the module: the results are stale once either changes.
const IMPORTED: [&str; 2] = [
    "python_ext/examples/threads.py",
    "listings/choosing/measured/primes.py",
];
/// Each call counts the primes below this: 15 ms for Rust, a few tenths of a second
/// for CPython (Chapter 21).
const LIMIT: u64 = 200_000;

/// The counters the script calls, as the rows name them.
const COUNTERS: [(&str, &str); 4] = [
    ("pure Python", "python"),
    ("Rust holding the GIL", "holding"),
    ("Rust releasing the GIL (`detach`)", "releasing"),
    ("Rust releasing it, rayon inside the call", "rayon"),
];

/// One run of `counter` on `threads` threads in a new `python`; checks the counts.
fn python_run(python: &Python, counter: &str, threads: usize, expected: usize) -> Duration {
    let module_dir = Path::new(MODULE).parent().unwrap().display().to_string();
    let mut command = python.command();
    let (threads_arg, limit) = (threads.to_string(), LIMIT.to_string());
    command.args([SCRIPT, &module_dir, counter, &threads_arg, &limit]);
    let report = run_child(&mut command).unwrap();
    let counted = report.number("result");
    assert_eq!(
        counted,
        Some(expected as u64),
        "{counter} on {threads} threads"
    );
    report.seconds("seconds").unwrap()
}

fn main() {
    let modified = |file: &str| fs::metadata(file).and_then(|m| m.modified()).unwrap();
    for source in MODULE_SOURCES {
        assert!(
            modified(source) <= modified(MODULE),
            "{MODULE} is older than {source}"
        );
    }
    for script in IMPORTED {
        assert!(Path::new(script).is_file(), "{script} not found");
    }
    // The module is built for the stable ABI of GIL builds: the newest such Python.
    let pythons = pythons();
    announce(&pythons);
    let Some(python) = pythons.iter().rev().find(|python| !python.free_threaded) else {
        println!("{}", skipped());
        return;
    };
    let primes = count_primes(LIMIT);
    // Each counter on 1 thread, then on 2 threads that make a call each.
    let counts = interleaved_timed(COUNTERS.len() * 2, |case| {
        let ((_, counter), threads) = (COUNTERS[case / 2], 1 + case % 2);
        python_run(python, counter, threads, primes * threads)
    });

    let mut calls = Table::new(
        "calls",
        format!(
            "Python threads each counting the primes below {}, {}",
            separated(LIMIT),
            python.label()
        ),
        &[
            "each call",
            "1 thread",
            "2 threads, a call each",
            "2 calls took, over 1",
        ],
        METHOD,
    );
    for ((name, _), runs) in COUNTERS.iter().zip(counts.chunks(2)) {
        calls.row(&[
            name,
            &spread(&runs[0]),
            &spread(&runs[1]),
            &speedup(&runs[1], &runs[0]),
        ]);
    }
    let mut versus = Table::new(
        "versus_python",
        "How many times faster than pure Python on as many threads",
        &["each call", "1 thread", "2 threads, a call each"],
        METHOD,
    );
    for ((name, _), runs) in COUNTERS.iter().zip(counts.chunks(2)).skip(1) {
        let faster = |threads: usize| speedup(&counts[threads], &runs[threads]);
        versus.row(&[name, &faster(0), &faster(1)]);
    }
    calls.print();
    versus.print();
}
