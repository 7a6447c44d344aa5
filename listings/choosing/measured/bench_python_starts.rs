extern crate listings;
extern crate tokio;

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{python3, python3_version, run_child};
use listings::measure::{Table, best_of_three, ratio, time};

const SCRIPT: &str = "listings/choosing/measured/starts.py";

// ANCHOR: bench
/// Time per repetition: the best of three runs of `count` repetitions.
fn per_item(count: u32, mut start_and_wait: impl FnMut()) -> Duration {
    best_of_three(|| (0..count).for_each(|_| start_and_wait())) / count
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--exit") {
        return; // the child process: started, and done
    }
    eprintln!("Rust ...");
    // ANCHOR: starts
    let thread = per_item(2_000, || thread::spawn(|| ()).join().unwrap());
    // A one-thread runtime, like asyncio's event loop.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let task = runtime.block_on(async {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            for _ in 0..100_000 {
                tokio::spawn(async {}).await.unwrap();
            }
            best = best.min(started.elapsed() / 100_000);
        }
        best
    });
    let this_program = std::env::current_exe().unwrap();
    let process = per_item(200, || {
        let status = Command::new(&this_program).arg("--exit").status().unwrap();
        assert!(status.success());
    });
    // ANCHOR_END: starts

    let python = python3_version().map(|_| {
        eprintln!("Python ...");
        run_child(python3().args([SCRIPT, "1"])).unwrap()
    });
    let process_row = match python.as_ref().and_then(|p| p.get("start_method")) {
        Some(method) => {
            format!("a process: this program again / `multiprocessing.Process` ({method})")
        }
        None => {
            eprintln!("python3 not found: the Python column is skipped");
            "a process: this program again / `multiprocessing.Process`".to_string()
        }
    };
    let rows = [
        (
            "a thread: spawn + join / `Thread` start + join",
            thread,
            "thread",
        ),
        (
            "a task, one-thread runtime: spawn + await / `create_task` + await",
            task,
            "task",
        ),
        (&process_row, process, "process"),
        (
            "a new program: this program again / `subprocess.run` of `python3 -I`",
            process,
            "interpreter",
        ),
    ];
    let mut table = Table::new(
        "starts",
        "Starting something and waiting for it to end, per item",
        &["what (Rust / Python)", "Rust", "Python", "Python / Rust"],
        "best of 3 runs of many repetitions",
    );
    for (what, rust, name) in rows {
        match python.as_ref().and_then(|report| report.seconds(name)) {
            Some(py) => table.row(&[&what, &time(rust), &time(py), &ratio(py, rust)]),
            None => {
                let skipped = "skipped: python3 not found";
                table.row(&[&what, &time(rust), &skipped, &"—"])
            }
        }
    }
    table.print();
}
// ANCHOR_END: bench
