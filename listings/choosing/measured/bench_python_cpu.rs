extern crate listings;
extern crate rayon;

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{
    Python, RATIO_METHOD, announce, pythons, run_child, skipped,
};
use listings::foundations::workloads::cpu_bound::{count_primes, count_primes_parallel, is_prime};
use listings::measure::{METHOD, Samples, Table, interleaved_timed, separated, speedup, spread};
use rayon::prelude::*;

/// Below this, CPython's sequential count takes a few tenths of a second.
const LIMIT: u64 = 200_000;
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

/// The four ways, as the tables' columns name them and as `primes.py` does.
const WAYS: [(&str, &str); 4] = [
    ("sequential", "sequential"),
    ("threads", "threads"),
    ("pool started before", "processes"),
    ("pool started in the run", "processes_cold"),
];

/// One run of `way` in a new `python`, timed by the script itself.
fn python_run(python: &Python, way: &str, cores: usize, expected: usize) -> Duration {
    let mut command = python.command();
    command.args([SCRIPT, way, &LIMIT.to_string(), &cores.to_string()]);
    let report = run_child(&mut command).unwrap();
    let found = report
        .get(way)
        .and_then(|v| v.split(' ').next()?.parse().ok());
    assert_eq!(found, Some(expected), "{}'s {way} count", python.label());
    report.seconds(way).unwrap()
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let expected = count_primes(LIMIT);
    let rust: [&dyn Fn() -> usize; 4] = [
        &|| count_primes(black_box(LIMIT)),
        &|| count_primes_parallel(black_box(LIMIT), cores),
        &|| count_primes_rayon(black_box(LIMIT)),
        &|| count_primes_new_pool(black_box(LIMIT)),
    ];
    let pythons = pythons();
    announce(&pythons);
    // Way `4 * language + way`: Rust's four, then each Python's four, every one of
    // them once a round, a new interpreter for each Python run.
    let samples = interleaved_timed(WAYS.len() * (1 + pythons.len()), |way| {
        let (language, way) = (way / WAYS.len(), way % WAYS.len());
        match language.checked_sub(1) {
            None => {
                let started = Instant::now();
                assert_eq!(black_box(rust[way]()), expected);
                started.elapsed()
            }
            Some(python) => python_run(&pythons[python], WAYS[way].1, cores, expected),
        }
    });
    let languages: Vec<String> = std::iter::once("Rust".to_string())
        .chain(pythons.iter().map(Python::label))
        .collect();
    let by_language: Vec<&[Samples]> = samples.chunks(WAYS.len()).collect();
    let ways: Vec<&str> = WAYS.iter().map(|(name, _)| *name).collect();

    let mut times = Table::new(
        "cpu",
        format!(
            "Counting the primes below {} by trial division, {cores} workers",
            separated(LIMIT)
        ),
        &[&["language"], &ways[..]].concat(),
        METHOD,
    );
    let mut speedups = Table::new(
        "cpu_speedup",
        "Speedup over the same language's sequential run",
        &[&["language"], &ways[1..]].concat(),
        RATIO_METHOD,
    );
    for (language, runs) in languages.iter().zip(&by_language) {
        row(&mut times, language, runs.iter().map(spread));
        let over_sequential = runs[1..].iter().map(|r| speedup(&runs[0], r));
        row(&mut speedups, language, over_sequential);
    }
    let mut versus = Table::new(
        "cpu_ratio",
        "How many times as long as Rust's, way by way",
        &[&["language"], &ways[..]].concat(),
        RATIO_METHOD,
    );
    for (language, runs) in languages.iter().zip(&by_language).skip(1) {
        let over_rust = runs.iter().zip(by_language[0]).map(|(p, r)| speedup(p, r));
        row(&mut versus, language, over_rust);
    }
    if pythons.is_empty() {
        row(&mut versus, &skipped(), WAYS.map(|_| "—".to_owned()));
    }
    print_pythons(&pythons);
    times.print();
    speedups.print();
    versus.print();
}

/// Prints a table of the interpreters compared: where each one is and how it was built.
pub fn print_pythons(pythons: &[Python]) {
    let mut table = Table::new(
        "pythons",
        "The CPythons compared",
        &["Python", "program", "build", "GIL"],
        "as each interpreter describes itself",
    );
    for python in pythons {
        let gil = match python.free_threaded {
            true => "none: a free-threaded build",
            false => "on",
        };
        let program = format!("`{}`", python.program.display());
        table.row(&[&python.label(), &program, &python.optimised, &gil]);
    }
    if pythons.is_empty() {
        table.row(&[&skipped(), &"—", &"—", &"—"]);
    }
    table.print();
}

/// Adds a row to `table`: the language, then its cells.
fn row(table: &mut Table, language: &str, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = std::iter::once(language.to_owned()).chain(cells).collect();
    let cells: Vec<&dyn std::fmt::Display> = cells.iter().map(|c| c as _).collect();
    table.row(&cells);
}
// ANCHOR_END: bench
