extern crate listings;
extern crate tokio;

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{RATIO_METHOD, announce, pythons, run_child, skipped};
use listings::measure::{METHOD, Table, interleaved_timed, speedup, spread};

const SCRIPT: &str = "listings/choosing/measured/starts.py";

// ANCHOR: bench
/// Time per repetition of one run of `count` repetitions.
fn per_item(count: u32, mut start_and_wait: impl FnMut()) -> Duration {
    let started = Instant::now();
    (0..count).for_each(|_| start_and_wait());
    started.elapsed() / count
}

/// What `starts.py` times, with the repetitions of one Python run.
const PYTHON: [(&str, u32); 4] = [
    ("thread", 500),
    ("task", 10_000),
    ("process", 50),
    ("interpreter", 10),
];

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--exit") {
        return; // the child process: started, and done
    }
    // ANCHOR: starts
    // A one-thread runtime, like asyncio's event loop.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let this_program = std::env::current_exe().unwrap();
    let rust: [&dyn Fn() -> Duration; 3] = [
        &|| per_item(1_000, || thread::spawn(|| ()).join().unwrap()),
        &|| {
            runtime.block_on(async {
                let started = Instant::now();
                for _ in 0..50_000 {
                    tokio::spawn(async {}).await.unwrap();
                }
                started.elapsed() / 50_000
            })
        },
        &|| {
            per_item(100, || {
                let status = Command::new(&this_program).arg("--exit").status().unwrap();
                assert!(status.success());
            })
        },
    ];
    // ANCHOR_END: starts
    let pythons = pythons();
    announce(&pythons);
    let mut start_methods = vec![String::new(); pythons.len()];
    // Rust's three, then each Python's four, every one of them once a round.
    let samples = interleaved_timed(rust.len() + PYTHON.len() * pythons.len(), |way| {
        let Some(way) = way.checked_sub(rust.len()) else {
            return rust[way]();
        };
        let (python, (what, count)) = (way / PYTHON.len(), PYTHON[way % PYTHON.len()]);
        let mut command = pythons[python].command();
        command.args([SCRIPT, what, &count.to_string()]);
        let report = run_child(&mut command).unwrap();
        start_methods[python] = report.get("start_method").unwrap_or("").to_owned();
        report.seconds(what).unwrap()
    });
    // Rust's "new program" is its process: it has no interpreter to start.
    let (rust, python) = samples.split_at(rust.len());
    let rust = [&rust[0], &rust[1], &rust[2], &rust[2]];
    let columns = [
        "language",
        "a thread: spawn + join / `Thread` start + join",
        "a task, one-thread runtime: spawn + await / `create_task` + await",
        "a process: this program again / `multiprocessing.Process`",
        "a new program: this program again / `subprocess.run` of the interpreter with `-I`",
    ];
    let mut times = Table::new(
        "starts",
        "Starting something and waiting for it to end, per item",
        &columns,
        METHOD,
    );
    times.row(&[
        &"Rust",
        &spread(rust[0]),
        &spread(rust[1]),
        &spread(rust[2]),
        &spread(rust[3]),
    ]);
    let mut versus = Table::new(
        "starts_ratio",
        "How many times as long as Rust's",
        &columns,
        RATIO_METHOD,
    );
    for ((python, runs), method) in pythons
        .iter()
        .zip(python.chunks(PYTHON.len()))
        .zip(&start_methods)
    {
        let language = format!("{} (processes: `{method}`)", python.label());
        times.row(&[
            &language,
            &spread(&runs[0]),
            &spread(&runs[1]),
            &spread(&runs[2]),
            &spread(&runs[3]),
        ]);
        versus.row(&[
            &language,
            &speedup(&runs[0], rust[0]),
            &speedup(&runs[1], rust[1]),
            &speedup(&runs[2], rust[2]),
            &speedup(&runs[3], rust[3]),
        ]);
    }
    if pythons.is_empty() {
        versus.row(&[&skipped(), &"—", &"—", &"—", &"—"]);
    }
    times.print();
    versus.print();
}
// ANCHOR_END: bench
