//! Benchmark runs the reader can trust: each ran on a quiet machine, and the same
//! measurement taken by two benchmarks agrees.
//!
//! `cargo xtask bench` records in each results file how much CPU time other programs
//! used while the benchmark ran; a run that shared the machine with a build, say, is
//! refused. Some measurements appear in more than one benchmark (a thread spawned and
//! joined is timed beside a process start and beside Python's `Thread.start`): each
//! copy's range must overlap every other copy's, or the book would give two answers
//! to one question.

use super::measurements::figure_refs::{rows, slug};
use super::{Book, RESULTS_DIR};

/// The most CPU time, as a share of the machine's, that other programs may have used
/// during a run.
const MOST_CPU_FOR_OTHERS: f64 = 5.0;

/// The record's row naming it (xtask/src/machine.rs writes it).
const OTHER_PROGRAMS: &str = "CPU time used by other programs";

/// Cells (`<bench>.<anchor>.<row>.<column>`, as `{{#figure}}` names them) that time the
/// same code: each group's ranges must overlap.
const SAME_MEASUREMENT: &[&[&str]] = &[
    // `thread::spawn(|| ()).join()`, in a loop.
    &[
        "noise.noise.a_thread_spawned_and_joined.copy_a",
        "noise.noise.a_thread_spawned_and_joined.copy_b",
        "noise.placement.idles_50_ms_first.time_of_one",
        "spawn_costs.spawn.a_thread.time_each",
        "python_starts.starts.rust.a_thread_spawn_join_thread_start_join",
    ],
    // `tokio::spawn(async {}).await` on a current-thread runtime, in a loop.
    &[
        "noise.noise.a_tokio_task_spawned_and_awaited.copy_a",
        "noise.noise.a_tokio_task_spawned_and_awaited.copy_b",
        "spawn_costs.spawn.a_tokio_task_current_thread_runtime.time_each",
        "python_starts.starts.rust.a_task_one_thread_runtime_spawn_await_create_task_await",
    ],
    // The benchmark's own program started again with `--exit`, and waited for.
    &[
        "spawn_costs.spawn.a_process_this_program_again_exiting_at_once.time_each",
        "python_starts.starts.rust.a_process_this_program_again_multiprocessing_process",
    ],
];

impl Book {
    /// Every run recorded how much CPU time other programs used, and it was little.
    pub(super) fn check_quiet_runs(&mut self) {
        let results: Vec<(String, String)> = self.results.clone().into_iter().collect();
        for (file, text) in results {
            let recorded = text
                .lines()
                .find_map(|line| line.strip_prefix(&format!("| {OTHER_PROGRAMS} | ")));
            let share =
                recorded.and_then(|rest| rest.split('%').next()?.trim().parse::<f64>().ok());
            let problem = match share {
                None => "it does not record how much CPU time other programs used while it ran",
                Some(share) if share > MOST_CPU_FOR_OTHERS => {
                    "other programs used more than 5% of the CPU time while it ran"
                }
                Some(_) => continue,
            };
            self.problem(
                &file,
                1,
                format!(
                    "{problem}: rerun the benchmark on a quiet machine (`cargo xtask bench <name>`)"
                ),
            );
        }
    }

    /// The copies of one measurement in different benchmarks agree within their ranges.
    pub(super) fn check_same_measurements(&mut self) {
        let results = |bench: &str| {
            self.results
                .get(&format!("{RESULTS_DIR}/{bench}.md"))
                .cloned()
        };
        for (bench, message) in disagreements(SAME_MEASUREMENT, results) {
            self.problem(&format!("{RESULTS_DIR}/{bench}.md"), 1, message);
        }
    }
}

/// What stops each group of `groups` from agreeing: a cell that is not there or holds
/// no range, or two cells whose ranges do not overlap; each with the benchmark whose
/// results file it concerns. `results(bench)` is a benchmark's results file; a cell of
/// a benchmark without one is left out (the benchmark's other checks speak for it).
pub fn disagreements(
    groups: &[&[&str]],
    results: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for group in groups {
        let mut ranges = Vec::new();
        for name in *group {
            let bench = name.split('.').next().unwrap_or_default();
            let Some(text) = results(bench) else { continue };
            match cell_range(&text, name) {
                Ok(range) => ranges.push((*name, range)),
                Err(problem) => found.push((bench.to_owned(), problem)),
            }
        }
        for (i, (a, (a_low, a_high))) in ranges.iter().enumerate() {
            for (b, (b_low, b_high)) in &ranges[i + 1..] {
                if a_low > b_high || b_low > a_high {
                    let bench = a.split('.').next().unwrap_or_default().to_owned();
                    found.push((
                        bench,
                        format!(
                            "{a} and {b} time the same code, but their ranges do not overlap: \
                             find what differs between the two runs (what ran just before, \
                             the machine's load) before quoting either"
                        ),
                    ));
                }
            }
        }
    }
    found
}

/// The fastest and slowest run, in seconds, of the cell `name` of a results file.
fn cell_range(text: &str, name: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = name.split('.').collect();
    let &[_, anchor, row, column] = parts.as_slice() else {
        return Err(format!(
            "`{name}` does not name <bench>.<anchor>.<row>.<column>"
        ));
    };
    let cell = rows(text, anchor)
        .into_iter()
        .filter(|(_, cells)| cells.first().is_some_and(|first| slug(first) == row))
        .find_map(|(columns, cells)| {
            let index = columns.iter().position(|c| c == column)?;
            cells.get(index).cloned()
        });
    let Some(cell) = cell else {
        return Err(format!(
            "no cell `{name}`, which is compared with the other copies of its measurement \
             (tests/book_checker/runs.rs)"
        ));
    };
    range_in_seconds(&cell)
        .ok_or_else(|| format!("`{name}` holds `{cell}`, not `median unit (fastest–slowest)`"))
}

/// `20 µs (15–24)` as (15e-6, 24e-6).
fn range_in_seconds(cell: &str) -> Option<(f64, f64)> {
    let (median, range) = cell.strip_suffix(')')?.split_once(" (")?;
    let scale = match median.split_whitespace().nth(1)? {
        "ns" => 1e-9,
        "µs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1.0,
        _ => return None,
    };
    let (low, high) = range.split_once('–')?;
    let number = |text: &str| text.replace(',', "").parse::<f64>().ok();
    Some((number(low)? * scale, number(high)? * scale))
}
