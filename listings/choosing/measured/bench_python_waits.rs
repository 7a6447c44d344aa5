extern crate listings;
extern crate tokio;

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use listings::choosing::measured::report::{Python, Report, announce, pythons, run_child, skipped};
use listings::choosing::measured::waits::{
    WAIT, peak_kib, thread_waits, tokio_futures, tokio_waits,
};
use listings::measure::{
    RUNS, Samples, Table, interleaved_timed, mebibytes, separated, speedup, spread, time,
};

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

/// How many waits the cases start: as tasks or futures, and as threads.
const TASKS: usize = 20_000;
const THREADS: usize = 2_000;

/// A case: who runs it (Rust, or a Python), how, and how many waits.
struct Case<'a> {
    name: String,
    python: Option<&'a Python>,
    how: &'static str,
    count: usize,
}

impl Case<'_> {
    /// Its child: this program again for Rust, the script for a Python.
    fn command(&self) -> Command {
        let mut command = match self.python {
            Some(python) => {
                let mut command = python.command();
                command.arg(SCRIPT);
                command
            }
            None => {
                let mut command = Command::new(std::env::current_exe().unwrap());
                command.arg("--child");
                command
            }
        };
        command.args([self.how, &self.count.to_string()]);
        command
    }
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
    let pythons = pythons();
    announce(&pythons);
    thread_limits();
    let (tasks, threads) = (separated(TASKS as u64), separated(THREADS as u64));
    let rust = |name: String, how, count| Case {
        name: format!("Rust — {name}"),
        python: None,
        how,
        count,
    };
    let mut cases = vec![
        rust("tokio: no waits (the runtime alone)".into(), "tokio", 0),
        rust(
            format!("tokio: {tasks} tasks, spawned from `block_on`"),
            "tokio",
            TASKS,
        ),
        rust(
            format!("tokio: {tasks} tasks, spawned from a task"),
            "tokio_in_task",
            TASKS,
        ),
        rust(
            format!("tokio: {tasks} futures in one task"),
            "futures",
            TASKS,
        ),
        rust(format!("{threads} threads"), "threads", THREADS),
    ];
    let mut skipped_rows = Vec::new();
    for python in &pythons {
        let case = |name: String, how, count| Case {
            name: format!("{} — {name}", python.label()),
            python: Some(python),
            how,
            count,
        };
        cases.push(case(
            "asyncio: no waits (the event loop alone)".into(),
            "asyncio",
            0,
        ));
        cases.push(case(format!("asyncio: {tasks} tasks"), "asyncio", TASKS));
        match python.imports("uvloop") {
            true => cases.push(case(format!("uvloop: {tasks} tasks"), "uvloop", TASKS)),
            false => skipped_rows.push(format!("{} — uvloop", python.label())),
        }
        cases.push(case(format!("{threads} threads"), "threads", THREADS));
    }
    // Every case once a round, each run in a child process of its own.
    let mut reports: Vec<Vec<Result<Report, String>>> = cases.iter().map(|_| Vec::new()).collect();
    let walls = interleaved_timed(cases.len(), |case| {
        eprintln!("{} ...", cases[case].name);
        let report = run_child(&mut cases[case].command());
        let wall = report.as_ref().ok().and_then(|r| r.seconds("wall"));
        reports[case].push(report);
        wall.unwrap_or(Duration::ZERO)
    });
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
        "wall time and starting: median of the interleaved runs (fastest–slowest); \
         × ideal: per-run ratios; most sleeping: median (fewest–most); \
         peak: VmHWM, the largest of the runs",
    );
    let ideal = Samples::new(vec![WAIT.as_secs_f64(); RUNS]);
    for ((case, wall), reports) in cases.iter().zip(&walls).zip(&reports) {
        // The first run of each case was the warm-up round.
        let reports: Result<Vec<&Report>, &String> =
            reports[1..].iter().map(|r| r.as_ref()).collect();
        let reports = match reports {
            Ok(reports) => reports,
            Err(error) => {
                table.row(&[&case.name, &"failed", &"—", &"—", &"—", &"—", error]);
                continue;
            }
        };
        let each = |name: &str| -> Option<Samples> {
            let runs = reports.iter().map(|r| r.get(name)?.parse::<f64>().ok());
            Some(Samples::new(runs.collect::<Option<_>>()?))
        };
        let ideal = match case.count {
            0 => "—".into(),
            _ => speedup(wall, &ideal),
        };
        let starting = each("starting").map_or("—".into(), |s| spread(&s));
        let alive = each("most_alive").map_or("—".into(), |n| counted(&n));
        let peak = reports.iter().filter_map(|r| r.number("peak_kib")).max();
        let unfinished = reports
            .iter()
            .filter(|r| r.number("finished") != Some(case.count as u64))
            .count();
        let mut note: Vec<&str> = reports.iter().filter_map(|r| r.get("error")).collect();
        note.dedup();
        let unfinished = format!("{unfinished} runs did not finish every wait");
        if note.is_empty() && !unfinished.starts_with('0') {
            note.push(&unfinished);
        }
        let cells: [&dyn std::fmt::Display; 7] = [
            &case.name,
            &spread(wall),
            &ideal,
            &starting,
            &alive,
            &peak.map_or("—".into(), |kib| mebibytes(kib * 1024)),
            &note.join("; "),
        ];
        table.row(&cells);
    }
    for name in skipped_rows {
        table.row(&[
            &name,
            &"skipped: uvloop not installed",
            &"—",
            &"—",
            &"—",
            &"—",
            &"",
        ]);
    }
    if pythons.is_empty() {
        table.row(&[&"Python", &skipped(), &"—", &"—", &"—", &"—", &""]);
    }
    table.print();
}

/// A count that varies from run to run: the median, with the fewest and the most.
fn counted(runs: &Samples) -> String {
    let (median, fewest, most) = (runs.median(), runs.fastest(), runs.slowest());
    match fewest == most {
        true => separated(median as u64),
        false => format!(
            "{} ({}–{})",
            separated(median.round() as u64),
            separated(fewest as u64),
            separated(most as u64)
        ),
    }
}
// ANCHOR_END: bench
