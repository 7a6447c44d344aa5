extern crate listings;

use std::fs;
use std::path::Path;
use std::time::Duration;

use listings::choosing::measured::report::{Python, announce, pythons, run_child, skipped};
use listings::foundations::workloads::cpu_bound::count_primes;
use listings::measure::{
    METHOD, Samples, Table, interleaved_timed, ratios_to, separated, speedup, spread,
};

/// Each case runs in a new interpreter, which times its own work.
const SCRIPT: &str = "python_ext/bench/timed.py";
/// Where `cargo xtask bench` puts the module built in release, and its sources: a
/// module older than any of them is refused.
const MODULE: &str = "target/python-ext-release/rust_primes.so";
const MODULE_SOURCES: [&str; 4] = [
    "python_ext/src/lib.rs",
    "python_ext/src/calls.rs",
    "python_ext/src/asyncio.rs",
    "python_ext/src/runtime.rs",
];
/// What the script imports besides the module: the results are stale once either changes.
const IMPORTED: [&str; 2] = [
    "python_ext/examples/threads.py",
    "listings/choosing/measured/primes.py",
];
/// Each call counts the primes below this: 15 ms for Rust, a few tenths of a second
/// for CPython (Chapter 21).
const LIMIT: u64 = 200_000;
/// Each sum adds up the numbers below `NUMBERS`, `CALLS` times a run.
const NUMBERS: u64 = 100_000;
const CALLS: u64 = 5;
/// Each way to wait runs this many waits of `WAIT_MS` milliseconds.
const WAITS: u64 = 20_000;
const WAIT_MS: u64 = 100;

/// The counters the script calls, as the rows name them.
const COUNTERS: [(&str, &str); 4] = [
    ("pure Python", "python"),
    ("Rust holding the GIL", "holding"),
    ("Rust releasing the GIL (`detach`)", "releasing"),
    ("Rust releasing it, rayon inside the call", "rayon"),
];

/// The sums the script times, as the rows name them.
const SUMS: [(&str, &str); 3] = [
    ("pure Python `sum(numbers)`, the list", "python_sum"),
    ("Rust, the list converted to a `Vec<u64>`", "list"),
    (
        "Rust, the bytes of an `array('Q')` borrowed as `&[u8]`",
        "bytes",
    ),
];

/// The ways to wait the script times, as the rows name them.
const WAYS_TO_WAIT: [(&str, &str); 3] = [
    ("asyncio: a task per `asyncio.sleep`", "asyncio"),
    (
        "tokio: one call starts every wait, one awaitable",
        "tokio_one_call",
    ),
    ("tokio: a call and an awaitable per wait", "tokio_call_each"),
];

/// One run of a case of the script in a new `python`; checks what it returned.
fn python_run(python: &Python, case: &str, first: u64, second: u64, expected: u64) -> Duration {
    let module_dir = Path::new(MODULE).parent().unwrap().display().to_string();
    let mut command = python.command();
    let (first, second) = (first.to_string(), second.to_string());
    command.args([SCRIPT, &module_dir, case, &first, &second]);
    let report = run_child(&mut command).unwrap();
    assert_eq!(
        report.number("result"),
        Some(expected),
        "{case} {first} {second}"
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
    let primes = count_primes(LIMIT) as u64;
    // Each counter on 1 thread, then on 2 threads that make a call each.
    let counts = interleaved_timed(COUNTERS.len() * 2, |case| {
        let ((_, counter), threads) = (COUNTERS[case / 2], 1 + case as u64 % 2);
        python_run(python, counter, threads, LIMIT, primes * threads)
    });
    let total = CALLS * (NUMBERS * (NUMBERS - 1) / 2);
    let sums = interleaved_timed(SUMS.len(), |case| {
        python_run(python, SUMS[case].1, CALLS, NUMBERS, total)
    });
    let waits = interleaved_timed(WAYS_TO_WAIT.len(), |case| {
        python_run(python, WAYS_TO_WAIT[case].1, WAITS, WAIT_MS, WAITS)
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
    let mut crossing = Table::new(
        "crossing",
        format!(
            "Adding up {} numbers handed over by Python, {}",
            separated(NUMBERS),
            python.label()
        ),
        &[
            "how the numbers cross",
            "time a call",
            "over the borrowed bytes",
        ],
        METHOD,
    );
    let per_call: Vec<Samples> = sums.iter().map(|runs| runs.each(CALLS)).collect();
    let over_bytes = ratios_to(&per_call, 2);
    for (((name, _), runs), over) in SUMS.iter().zip(&per_call).zip(&over_bytes) {
        crossing.row(&[name, &spread(runs), over]);
    }
    let mut waiting = Table::new(
        "waits",
        format!(
            "{} waits of {WAIT_MS} ms in one `asyncio.run`, {}",
            separated(WAITS),
            python.label()
        ),
        &["how", "time", "over asyncio's"],
        METHOD,
    );
    let over_asyncio = ratios_to(&waits, 0);
    for (((name, _), runs), over) in WAYS_TO_WAIT.iter().zip(&waits).zip(&over_asyncio) {
        waiting.row(&[name, &spread(runs), over]);
    }
    calls.print();
    versus.print();
    crossing.print();
    waiting.print();
}
