//! Timing and reporting helpers shared by the book's benchmark programs.
//!
//! A benchmark prints its results as Markdown tables; `cargo xtask bench` saves them
//! under `src/results/`, headed by the machine they ran on, and the chapters include
//! them, so the text never retypes a measured number.

use std::fmt::Display;
use std::time::{Duration, Instant};

/// The fastest of three runs: the one least disturbed by the rest of the machine.
pub fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Times `time(n)` for every `n` in `counts` (the first must be 1) and prints a
/// table of each time with its speedup over the first; `what` names the counts.
pub fn speedup_table(
    anchor: &'static str,
    title: impl Into<String>,
    what: &'static str,
    counts: &[usize],
    mut time: impl FnMut(usize) -> Duration,
) {
    assert_eq!(counts.first(), Some(&1), "the baseline is one");
    let mut table = Table::new(anchor, title, &[what, "time", "speedup"], "best of 3 runs");
    let times: Vec<Duration> = counts.iter().map(|&n| time(n)).collect();
    for (count, &elapsed) in counts.iter().zip(&times) {
        table.row(&[count, &self::time(elapsed), &ratio(times[0], elapsed)]);
    }
    table.print();
}

/// A table of results, printed as Markdown between two anchor lines so that a chapter
/// can include it by name: `{{#include ../results/<bench>.md:<anchor>}}`.
pub struct Table {
    anchor: &'static str,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    method: &'static str,
}

impl Table {
    /// `method` says how each figure was obtained, e.g. "best of 3 runs".
    pub fn new(
        anchor: &'static str,
        title: impl Into<String>,
        columns: &[&str],
        method: &'static str,
    ) -> Self {
        let title = title.into();
        let columns = columns.iter().map(|column| column.to_string()).collect();
        Table {
            anchor,
            title,
            columns,
            rows: Vec::new(),
            method,
        }
    }

    /// Adds a row; it must have one cell per column.
    pub fn row(&mut self, cells: &[&dyn Display]) {
        assert_eq!(cells.len(), self.columns.len(), "one cell per column");
        self.rows
            .push(cells.iter().map(|cell| cell.to_string()).collect());
    }

    /// Prints the table, with its title and method, between its anchors.
    pub fn print(&self) {
        println!("<!-- ANCHOR: {} -->", self.anchor);
        println!("**{}** ({})\n", self.title, self.method);
        println!("| {} |", self.columns.join(" | "));
        // Columns of numbers are set right, columns of words left.
        let alignment: Vec<&str> = (0..self.columns.len())
            .map(
                |column| match self.rows.iter().all(|row| is_number(&row[column])) {
                    true if column > 0 => "---:",
                    _ => "---",
                },
            )
            .collect();
        println!("| {} |", alignment.join(" | "));
        for row in &self.rows {
            println!("| {} |", row.join(" | "));
        }
        println!("<!-- ANCHOR_END: {} -->\n", self.anchor);
    }
}

/// A cell that holds a figure (or nothing, or a dash for "not applicable").
fn is_number(cell: &str) -> bool {
    cell.is_empty() || cell == "—" || cell.starts_with(|c: char| c.is_ascii_digit())
}

/// A duration to three significant digits, in the unit that suits it: `350 ns`,
/// `37.0 µs`, `1.11 ms`, `530 ms`, `1.30 s`.
pub fn time(duration: Duration) -> String {
    seconds(duration.as_secs_f64())
}

/// The time of one of `count` repetitions that took `total` together, to three
/// significant digits, finer than the nanosecond a `Duration` can hold: `0.90 ns`.
pub fn time_each(total: Duration, count: u64) -> String {
    seconds(total.as_secs_f64() / count as f64)
}

fn seconds(seconds: f64) -> String {
    let (value, unit) = match seconds {
        s if s < 1e-6 => (s * 1e9, "ns"),
        s if s < 1e-3 => (s * 1e6, "µs"),
        s if s < 1.0 => (s * 1e3, "ms"),
        s => (s, "s"),
    };
    format!("{} {unit}", three_digits(value))
}

/// `a / b` as a ratio to three significant digits: `1.99×`, `53.5×`, `3,170×`.
pub fn ratio(a: Duration, b: Duration) -> String {
    format!("{}×", three_digits(a.as_secs_f64() / b.as_secs_f64()))
}

/// A byte count in MiB, to three significant digits: `58.3 MiB`.
pub fn mebibytes(bytes: u64) -> String {
    format!("{} MiB", three_digits(bytes as f64 / (1024.0 * 1024.0)))
}

/// Three significant digits, with thousands separated by commas.
fn three_digits(value: f64) -> String {
    if value <= 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let step = 10f64.powi(value.log10().floor() as i32 - 2);
    let rounded = (value / step).round() * step;
    match rounded.log10().floor() as i32 {
        digits if digits >= 2 => separated(rounded.round() as u64),
        digits => format!("{rounded:.*}", (2 - digits) as usize),
    }
}

/// A whole number with its thousands separated by commas: `10,000,000`.
pub fn separated(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
