extern crate listings;
extern crate tokio;

use std::fs;
use std::process::Command;
use std::time::Instant;

use listings::choosing::measured::report::{
    Report, python3, python3_imports, python3_version, run_child,
};
use listings::choosing::measured::waits::{
    WAIT, peak_kib, thread_waits, tokio_futures, tokio_waits,
};
use listings::measure::{Table, mebibytes, ratio, time};

const SCRIPT: &str = "listings/choosing/measured/waits.py";

// ANCHOR: bench
/// The child: one case in a process of its own, so that the peak memory is its own.
fn child(how: &str, count: usize) {
    let started = Instant::now();
    // ANCHOR: cases
    let waited = match how {
        // The default runtime: multi-thread, one worker per core.
        "tokio" => tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(tokio_waits(count)),
        // The same loop run as a task: it spawns from a worker thread, as the tasks of
        // a server do, onto that worker's own queue.
        "tokio_in_task" => tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async { tokio::spawn(tokio_waits(count)).await.unwrap() }),
        "futures" => tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(tokio_futures(count)),
        "threads" => thread_waits(count),
        _ => panic!("unknown case {how}"),
    };
    // ANCHOR_END: cases
    println!("wall {}", started.elapsed().as_secs_f64());
    println!("starting {}", waited.starting.as_secs_f64());
    println!("most_alive {}", waited.most_alive);
    println!("finished {}", waited.finished);
    println!(
        "peak_kib {}",
        peak_kib().expect("no VmHWM in /proc/self/status")
    );
    if let Some(error) = waited.error {
        println!("error {error}");
    }
}

/// How a case starts its child: the Rust one is this program again.
fn command(language: &str, how: &str, count: usize) -> Command {
    let mut command = match language {
        "Python" => python3(),
        _ => Command::new(std::env::current_exe().unwrap()),
    };
    match language {
        "Python" => command.arg(SCRIPT),
        _ => command.arg("--child"),
    };
    command.args([how, &count.to_string()]);
    command
}

/// The report of the fastest of `runs` runs, and the largest peak of them all.
fn measure(language: &str, how: &str, count: usize, runs: usize) -> Result<(Report, u64), String> {
    let (mut fastest, mut peak): (Option<Report>, u64) = (None, 0);
    for _ in 0..runs {
        let report = run_child(&mut command(language, how, count))?;
        let wall = report
            .seconds("wall")
            .ok_or("the child printed no wall time")?;
        peak = peak.max(
            report
                .number("peak_kib")
                .ok_or("the child printed no peak")?,
        );
        if fastest
            .as_ref()
            .is_none_or(|f| Some(wall) < f.seconds("wall"))
        {
            fastest = Some(report);
        }
    }
    Ok((fastest.expect("at least one run"), peak * 1024))
}

/// What caps the number of threads alive at once, as this machine is set up.
fn thread_limits() {
    let read =
        |path: &str| fs::read_to_string(path).map_or("unknown".into(), |s| s.trim().to_string());
    // `Max processes   <soft limit>   <hard limit>   processes`
    let limits = read("/proc/self/limits");
    let nproc = limits
        .lines()
        .find_map(|line| {
            line.strip_prefix("Max processes")?
                .split_whitespace()
                .next()
        })
        .unwrap_or("unknown");
    let mut table = Table::new(
        "thread_limits",
        "What caps the threads alive at once on this machine",
        &["limit: what it counts", "value"],
        "read when the benchmark ran",
    );
    let rows = [
        (
            "`pid_max`: ids, shared by threads and processes",
            "/proc/sys/kernel/pid_max",
        ),
        (
            "`threads-max`: threads on the whole system",
            "/proc/sys/kernel/threads-max",
        ),
        (
            "`max_map_count`: memory mappings per process; each thread's stack adds some",
            "/proc/sys/vm/max_map_count",
        ),
    ];
    for (limit, path) in rows {
        table.row(&[&limit, &read(path)]);
    }
    table.row(&[
        &"`ulimit -u`: threads and processes per user (root is exempt)",
        &nproc,
    ]);
    table.print();
}

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--child") {
        let how = args
            .next()
            .expect("--child tokio|tokio_in_task|futures|threads COUNT");
        return child(
            &how,
            args.next().and_then(|n| n.parse().ok()).expect("COUNT"),
        );
    }
    let python = python3_version();
    if python.is_none() {
        eprintln!("python3 not found: the Python rows are skipped");
    }
    let uvloop = python.is_some() && python3_imports("uvloop");
    thread_limits();
    let cases = [
        ("tokio: no waits (the runtime alone)", "Rust", "tokio", 0, 3),
        (
            "tokio: 100,000 tasks, spawned from `block_on`",
            "Rust",
            "tokio",
            100_000,
            3,
        ),
        (
            "tokio: 100,000 tasks, spawned from a task",
            "Rust",
            "tokio_in_task",
            100_000,
            3,
        ),
        (
            "tokio: 100,000 futures in one task",
            "Rust",
            "futures",
            100_000,
            3,
        ),
        (
            "asyncio: no waits (the event loop alone)",
            "Python",
            "asyncio",
            0,
            3,
        ),
        ("asyncio: 100,000 tasks", "Python", "asyncio", 100_000, 3),
        ("uvloop: 100,000 tasks", "Python", "uvloop", 100_000, 3),
        ("Rust: 10,000 threads", "Rust", "threads", 10_000, 3),
        ("Python: 10,000 threads", "Python", "threads", 10_000, 3),
        ("Rust: 100,000 threads", "Rust", "threads", 100_000, 1),
        ("Python: 100,000 threads", "Python", "threads", 100_000, 1),
    ];
    let mut table = Table::new(
        "waits",
        format!(
            "Waits of {} each, all started at once; each case in a process of its own",
            time(WAIT)
        ),
        &[
            "waits",
            "wall time",
            "× ideal",
            "of which starting them",
            "most sleeping at once",
            "peak memory",
            "note",
        ],
        "wall: best of 3 runs, 100,000 threads 1 run; peak: VmHWM, the largest of the runs",
    );
    for (name, language, how, count, runs) in cases {
        let skipped = match (language, how) {
            ("Python", _) if python.is_none() => Some("skipped: python3 not found"),
            (_, "uvloop") if !uvloop => Some("skipped: uvloop not installed"),
            _ => None,
        };
        if let Some(skipped) = skipped {
            table.row(&[&name, &skipped, &"—", &"—", &"—", &"—", &""]);
            continue;
        }
        eprintln!("{name} ...");
        match measure(language, how, count, runs) {
            Ok((report, peak)) => {
                let wall = report.seconds("wall").unwrap();
                let ideal = if count == 0 {
                    "—".into()
                } else {
                    ratio(wall, WAIT)
                };
                let starting = report.seconds("starting").map_or("—".into(), time);
                let alive = report.get("most_alive").unwrap_or("—");
                let finished = report.number("finished");
                let note = match report.get("error") {
                    Some(error) => error.to_string(),
                    None if finished != Some(count as u64) => format!("finished: {finished:?}"),
                    None => String::new(),
                };
                let cells: [&dyn std::fmt::Display; 7] = [
                    &name,
                    &time(wall),
                    &ideal,
                    &starting,
                    &alive,
                    &mebibytes(peak),
                    &note,
                ];
                table.row(&cells);
            }
            Err(error) => table.row(&[&name, &"failed", &"—", &"—", &"—", &"—", &error]),
        }
    }
    table.print();
}
// ANCHOR_END: bench
