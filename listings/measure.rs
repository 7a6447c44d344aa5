//! Timing and reporting helpers shared by the book's benchmark programs.
//!
//! A benchmark prints its results as Markdown tables; `cargo xtask bench` saves them
//! under `src/results/`, headed by the machine they ran on, and the chapters include
//! them, so the text never retypes a measured number.

use std::fmt::Display;
use std::thread;
use std::time::{Duration, Instant};

/// How many timed runs each figure comes from.
pub const RUNS: usize = 10;

/// How the tables' timed figures are obtained, for their method line.
pub const METHOD: &str = "median of 10 interleaved runs (fastest–slowest)";

/// How long the machine idles before each timed run. Linux's scheduler decides where a
/// new thread runs from how busy each CPU has been lately, a record that takes tens of
/// milliseconds to fade (Chapter 21 measures what it changes); after this pause every
/// run starts from the same state, whatever ran before it.
pub const SETTLE: Duration = Duration::from_millis(50);

/// The times, in seconds, of one way of doing a job: one per round of [`interleaved`].
#[derive(Clone, Debug, PartialEq)]
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn new(seconds: Vec<f64>) -> Samples {
        assert!(!seconds.is_empty(), "a figure needs at least one run");
        Samples(seconds)
    }

    pub fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        match sorted.len() % 2 {
            1 => sorted[middle],
            _ => (sorted[middle - 1] + sorted[middle]) / 2.0,
        }
    }

    pub fn runs(&self) -> usize {
        self.0.len()
    }

    pub fn fastest(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    pub fn slowest(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }

    /// Each run's time divided by `count`: the time of one of `count` repetitions.
    pub fn each(&self, count: u64) -> Samples {
        Samples(self.0.iter().map(|s| s / count as f64).collect())
    }

    /// Each run's time with `seconds` added: the time the run would take with more to do.
    pub fn plus(&self, seconds: f64) -> Samples {
        Samples(self.0.iter().map(|s| s + seconds).collect())
    }

    /// Whether the two ranges of runs overlap: then the runs cannot tell them apart.
    pub fn overlaps(&self, other: &Samples) -> bool {
        self.fastest() <= other.slowest() && other.fastest() <= self.slowest()
    }
}

/// Times `ways` ways of doing a job: `run(way)` is timed once per way in each of
/// [`RUNS`] rounds, after one untimed warm-up round, each run after a [`SETTLE`] pause.
/// The order rotates from round to round, so no way always comes first or right after
/// the same other one, and a slow spell of the machine falls on every way alike.
pub fn interleaved(ways: usize, mut run: impl FnMut(usize)) -> Vec<Samples> {
    interleaved_timed(ways, |way| {
        let start = Instant::now();
        run(way);
        start.elapsed()
    })
}

/// [`interleaved`], for a job that times itself (say, a child process that reports
/// how long its work took, leaving out its own start-up): `run(way)` returns the time.
pub fn interleaved_timed(ways: usize, mut run: impl FnMut(usize) -> Duration) -> Vec<Samples> {
    let mut times = vec![Vec::with_capacity(RUNS); ways];
    for round in 0..=RUNS {
        for turn in 0..ways {
            let way = (round + turn) % ways;
            thread::sleep(SETTLE);
            let took = run(way).as_secs_f64();
            if round > 0 {
                times[way].push(took);
            }
        }
    }
    times.into_iter().map(Samples::new).collect()
}

/// Times `run(n)` for every `n` in `counts` (the first must be 1), interleaved, and
/// prints a table of each time with its speedup over the first; `what` names the counts.
pub fn speedup_table(
    anchor: &'static str,
    title: impl Into<String>,
    what: &'static str,
    counts: &[usize],
    mut run: impl FnMut(usize),
) {
    assert_eq!(counts.first(), Some(&1), "the baseline is one");
    let times = interleaved(counts.len(), |way| run(counts[way]));
    let mut table = Table::new(anchor, title, &[what, "time", "speedup"], METHOD);
    for (way, (count, samples)) in counts.iter().zip(&times).enumerate() {
        let speedup = match way {
            0 => BASELINE.to_owned(),
            _ => speedup(&times[0], samples),
        };
        table.row(&[count, &spread(samples), &speedup]);
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
    method: String,
}

impl Table {
    /// `method` says how each figure was obtained, usually [`METHOD`].
    pub fn new(
        anchor: &'static str,
        title: impl Into<String>,
        columns: &[&str],
        method: impl Into<String>,
    ) -> Self {
        let title = title.into();
        let columns = columns.iter().map(|column| column.to_string()).collect();
        Table {
            anchor,
            title,
            columns,
            rows: Vec::new(),
            method: method.into(),
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

/// A timed figure with its spread: the median, then the fastest and slowest runs,
/// as `37 µs (35–41)` (see [`ranged`]).
pub fn spread(samples: &Samples) -> String {
    let (median, fastest, slowest) = (samples.median(), samples.fastest(), samples.slowest());
    let (scale, unit) = match median {
        s if s < 1e-6 => (1e9, "ns"),
        s if s < 1e-3 => (1e6, "µs"),
        s if s < 1.0 => (1e3, "ms"),
        _ => (1.0, "s"),
    };
    ranged(
        median * scale,
        fastest * scale,
        slowest * scale,
        &format!(" {unit}"),
    )
}

/// How many times as long `a` took as `b`, from the ratios of runs in the same round
/// (`1.9× (1.7–2.1)`), or "no measurable difference" when their ranges overlap.
pub fn speedup(a: &Samples, b: &Samples) -> String {
    assert_eq!(a.0.len(), b.0.len(), "runs from the same rounds");
    if a.overlaps(b) {
        return "no measurable difference".to_owned();
    }
    let ratios = Samples::new(a.0.iter().zip(&b.0).map(|(a, b)| a / b).collect());
    ranged(ratios.median(), ratios.fastest(), ratios.slowest(), "×")
}

/// A median and its range, with `unit` after the median: `37 µs (35–41)`. The median
/// has as many digits as the range supports (at most three); the range is rounded
/// outwards, so it still holds every run.
fn ranged(median: f64, fastest: f64, slowest: f64, unit: &str) -> String {
    let place = decimal_place(median, slowest - fastest);
    format!(
        "{}{unit} ({}–{})",
        at_place(median, place, f64::round),
        at_place(fastest, place, f64::floor),
        at_place(slowest, place, f64::ceil)
    )
}

/// The cell of the figure that a column of ratios compares the others with.
pub const BASELINE: &str = "1× (the baseline)";

/// How many times as long each of `times` took as `times[baseline]`, as [`speedup`]
/// writes it, with [`BASELINE`] in the baseline's own cell.
pub fn ratios_to(times: &[Samples], baseline: usize) -> Vec<String> {
    let ratio = |(way, samples)| match way == baseline {
        true => BASELINE.to_owned(),
        false => speedup(samples, &times[baseline]),
    };
    times.iter().enumerate().map(ratio).collect()
}

/// How far apart two figures' medians land: the larger over the smaller, to three
/// significant digits (`1.04×`).
pub fn apart(a: &Samples, b: &Samples) -> String {
    let (a, b) = (a.median(), b.median());
    format!("{}×", three_digits(a.max(b) / a.min(b)))
}

/// The decimal place (as a power of ten) to round `value` to, given how widely its
/// runs spread: the place of the spread's first digit, but no finer than three
/// significant digits of `value`, and no coarser than its first digit.
fn decimal_place(value: f64, width: f64) -> i32 {
    let first = value.abs().log10().floor() as i32;
    match width > 0.0 {
        true => (width.log10().floor() as i32).clamp(first - 2, first),
        false => first - 2,
    }
}

/// `value` rounded (by `round`: nearest, down or up) at decimal place `place`, with
/// thousands separated by commas.
fn at_place(value: f64, place: i32, round: fn(f64) -> f64) -> String {
    let step = 10f64.powi(place);
    // 1.11 / 0.01 is 110.99999999999999 in floating point: settle such near-integers
    // first, so that rounding down does not lose a whole step.
    let steps = (value / step * 1e6).round() / 1e6;
    let rounded = round(steps) * step;
    match place {
        p if p >= 0 => separated(rounded.round() as u64),
        p => format!("{rounded:.*}", (-p) as usize),
    }
}

/// A duration to three significant digits, in the unit that suits it: `350 ns`,
/// `37.0 µs`, `1.11 ms`, `530 ms`, `1.30 s`.
pub fn time(duration: Duration) -> String {
    seconds(duration.as_secs_f64())
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
