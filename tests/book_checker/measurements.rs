//! Measured figures: a chapter quotes only what the tables it includes hold, and
//! each results file was written from the sources as they are now.
//!
//! `cargo xtask bench` writes every benchmark's tables to `src/results/`, and chapters
//! include them. A figure typed into the prose would not change when the benchmarks
//! are rerun, so every figure in prose must appear, as written, in a table that the
//! chapter itself includes (the anchor it includes, not any table of the same file):
//! the reader sees the table the figure comes from.
//!
//! A figure is a number with a unit of time (`ns`, `µs` or `μs`, `ms`, `s`, or the
//! words `seconds`, `milliseconds`, ...), of memory (`KiB`, `MiB`, `GiB`), a percentage,
//! or a ratio (`×`, `x` written after the number, `N times as …`). Numbers with a
//! decimal point, nanoseconds, microseconds and ratios are always measurements. Whole
//! milliseconds, seconds, sizes and percentages are usually the parameters of an
//! example ("a 100 ms wait", "a 64 KiB pipe"), so they are checked only in a paragraph,
//! list item or table that cites the machine the numbers were measured on. A ratio in
//! words ("about four times as long", "twice as fast") must be a ratio of the included
//! tables rounded to that whole number.
//!
//! A figure can also be quoted by reference, `{{#figure <bench>.<anchor>.<row>.<column>}}`,
//! which the build replaces with that cell of a results table (xtask/src/figure_refs.rs):
//! it cannot drift from the table, so it may name any results table, and it must name
//! exactly one cell.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[path = "../../xtask/src/bench_sources.rs"]
mod bench_sources;
#[path = "../../xtask/src/figure_refs.rs"]
pub(super) mod figure_refs;

use super::markdown::{anchor_lines, line_of};
use super::{Book, RESULTS_DIR};

/// Links that mark a passage as quoting measurements.
const CITES_MEASUREMENTS: &[&str] = &["#the-machine-behind-the-numbers", "measured.md"];

/// A figure as written, and whether it is a measurement wherever it appears.
struct Figure {
    text: String,
    /// The number and its unit, the unit spelled one way (`2.5s`, `40µs`, `3×`).
    normalized: String,
    offset: usize,
    always_measured: bool,
    /// For a ratio in words or a whole number of times: how a table's ratio must
    /// compare with it.
    rounded_ratio: Option<Bound>,
}

/// A whole-number ratio in words and what its words claim of the measured one.
#[derive(Clone, Copy)]
struct Bound {
    value: f64,
    /// "more than N" (or "over N"): above it; "less than N" ("under N"): below it;
    /// otherwise within the rounding the number implies: ±0.5 for 64, ±5 for fifty,
    /// ±50,000 for 200,000.
    claim: Ordering,
}

impl Bound {
    fn new(value: u64, qualifier: Option<&str>) -> Bound {
        let claim = match qualifier.map(str::to_lowercase).as_deref() {
            Some("more than" | "over") => Ordering::Greater,
            Some("less than" | "under") => Ordering::Less,
            _ => Ordering::Equal,
        };
        Bound {
            value: value as f64,
            claim,
        }
    }

    fn holds_for(&self, ratio: f64) -> bool {
        let mut zeros = 0;
        let mut rest = self.value as u64;
        while rest >= 10 && rest.is_multiple_of(10) {
            rest /= 10;
            zeros += 1;
        }
        let tolerance = 0.5 * 10f64.powi(zeros);
        match self.claim {
            Ordering::Greater => ratio > self.value,
            Ordering::Less => ratio < self.value,
            Ordering::Equal => (ratio - self.value).abs() <= tolerance,
        }
    }
}

/// Units as the results files write them.
fn unit(written: &str) -> &'static str {
    match written.trim_end_matches('s') {
        "n" | "nanosecond" => "ns",
        "µ" | "μ" | "microsecond" => "µs",
        "m" | "millisecond" => "ms",
        "" | "second" => "s",
        _ => match written {
            "KiB" => "KiB",
            "MiB" => "MiB",
            "GiB" => "GiB",
            "%" => "%",
            _ => "×", // `×`, `x`, `times`
        },
    }
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("twice", 2),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("a hundred", 100),
];

fn figures(text: &str, base: usize) -> Vec<Figure> {
    let digits = regex!(
        r"(?i:\b(more than|less than|over|under)[ \u{a0}])?(\d[\d,]*(?:\.\d+)?)(?:[ \u{a0}]?(ns|[µμ]s|ms|s|KiB|MiB|GiB|×|%)|(x)|[ \u{a0}](seconds?|milliseconds?|microseconds?|nanoseconds?)|[ \u{a0}](times)[ \u{a0}](?:as|faster|slower|more|longer|less|fewer)\b)(?:[^\w]|$)"
    );
    let words = regex!(
        r"(?i)\b(?:(more than|less than|over|under)[ \u{a0}])?(twice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)(?:[ \u{a0}-]times)?[ \u{a0}](?:as|faster|slower|more|longer|less|fewer)\b"
    );
    let mut found: Vec<Figure> = digits
        .captures_iter(text)
        .map(|c| {
            let number = &c[2];
            let written = (3..=6).find_map(|i| c.get(i)).unwrap().as_str();
            let unit = unit(written);
            let whole_times = written == "times" && !number.contains('.');
            Figure {
                text: c[0]
                    .trim_end_matches(|ch: char| !ch.is_alphanumeric() && !"×%".contains(ch))
                    .to_owned(),
                normalized: format!("{number}{unit}"),
                offset: base + c.get(0).unwrap().start(),
                always_measured: number.contains('.') || ["ns", "µs", "×"].contains(&unit),
                rounded_ratio: whole_times
                    .then(|| number.replace(',', "").parse().ok())
                    .flatten()
                    .map(|value| Bound::new(value, c.get(1).map(|q| q.as_str()))),
            }
        })
        .collect();
    for c in words.captures_iter(text) {
        let word = c[2].to_lowercase();
        // "two" alone ("two threads as …") is no ratio: a word other than "twice" needs
        // "times".
        if word != "twice" && !c[0].to_lowercase().contains("times") {
            continue;
        }
        let value = NUMBER_WORDS.iter().find(|(w, _)| *w == word).unwrap().1;
        found.push(Figure {
            text: c[0].to_owned(),
            normalized: format!("{value}×"),
            offset: base + c.get(0).unwrap().start(),
            always_measured: true,
            rounded_ratio: Some(Bound::new(value.into(), c.get(1).map(|q| q.as_str()))),
        });
    }
    found
}

/// The record of the sources of the benchmark in `bench`, as `cargo xtask bench`
/// writes it into a results file (for the fault tests).
#[allow(dead_code)]
pub fn sources_record(root: &std::path::Path, bench: &str) -> String {
    bench_sources::record(&bench_sources::fingerprints(root, bench))
}

/// What the included tables hold: every figure as written, and every ratio.
#[derive(Default)]
struct Measured {
    figures: BTreeSet<String>,
    ratios: Vec<f64>,
}

impl Measured {
    fn add(&mut self, table: &str) {
        for figure in figures(table, 0) {
            if figure.normalized.ends_with('×') {
                let number = figure.normalized.trim_end_matches('×').replace(',', "");
                self.ratios.extend(number.parse::<f64>().ok());
            }
            self.figures.insert(figure.normalized);
        }
    }

    fn holds(&self, figure: &Figure) -> bool {
        match figure.rounded_ratio {
            Some(bound) => self.ratios.iter().any(|&ratio| bound.holds_for(ratio)),
            None => self.figures.contains(&figure.normalized),
        }
    }
}

/// The lines of `text` between `ANCHOR: anchor` and `ANCHOR_END: anchor` (all of it
/// without an anchor).
fn region(text: &str, anchor: Option<&str>) -> String {
    let Some(anchor) = anchor else {
        return text.to_owned();
    };
    let lines = anchor_lines(text, anchor);
    let (Some(&start), Some(&end)) = (lines.starts.first(), lines.ends.first()) else {
        return String::new();
    };
    text.lines()
        .skip(start)
        .take(end.saturating_sub(start + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Book {
    pub(super) fn check_measurements(&mut self) {
        let chapters = self.pages();
        for (chapter, text) in &chapters {
            // The tables this chapter shows: the only figures it may quote.
            let mut shown = Vec::new();
            let mut measured = Measured::default();
            for inclusion in self.inclusions.iter().filter(|i| &i.chapter == chapter) {
                let Some(file) = inclusion.target.as_ref() else {
                    continue;
                };
                let Some(results) = self.results.get(file) else {
                    continue;
                };
                measured.add(&region(results, inclusion.anchor.as_deref()));
                shown.push(match &inclusion.anchor {
                    Some(anchor) => format!("{file}:{anchor}"),
                    None => file.clone(),
                });
            }
            let sources = match shown.is_empty() {
                true => "this chapter includes no results file".to_owned(),
                false => format!(
                    "it is not in the tables this chapter includes ({})",
                    shown.join(", ")
                ),
            };
            for reference in figure_refs::references(text) {
                if let Err(message) = figure_refs::resolve(reference.text, |bench| {
                    self.results
                        .get(&format!("{RESULTS_DIR}/{bench}.md"))
                        .cloned()
                }) {
                    self.problem(chapter, line_of(text, reference.offset), message);
                }
            }
            let mut found = Vec::new();
            for passage in passages(text) {
                for figure in passage.figures {
                    if (figure.always_measured || passage.cites_measurements)
                        && !measured.holds(&figure)
                    {
                        let what = match figure.rounded_ratio {
                            Some(_) => {
                                "no ratio of the included tables is what its words say (rounded to that whole \
                                 number, or above or below it for `more than`, `less than`)"
                            }
                            None => "",
                        };
                        found.push((line_of(text, figure.offset), figure.text, what));
                    }
                }
            }
            for (line, figure, what) in found {
                let why = if what.is_empty() {
                    sources.clone()
                } else {
                    format!("{what} ({sources})")
                };
                self.problem(
                    chapter,
                    line,
                    format!(
                        "`{figure}` cannot be checked against a measurement: {why}. Quote a \
                         figure exactly as a results file ({RESULTS_DIR}/*.md) has it, and \
                         include its table (`{{{{#include ../results/<bench>.md:<anchor>}}}}`); \
                         `cargo xtask bench` rewrites the results files"
                    ),
                );
            }
        }
    }

    /// Each results file records the sources it was written from (`cargo xtask bench`
    /// adds the record); a source edited since then means the results are stale.
    pub(super) fn check_results_sources(&mut self) {
        let benches: Vec<(String, String)> = self
            .manifest()
            .examples
            .iter()
            .filter_map(|e| Some((e.name.strip_prefix("bench_")?.to_owned(), e.path.clone())))
            .collect();
        let results: Vec<(String, String)> = self
            .results
            .iter()
            .map(|(file, text)| (file.clone(), text.clone()))
            .collect();
        for (file, text) in results {
            let name = file
                .trim_start_matches(&format!("{RESULTS_DIR}/"))
                .trim_end_matches(".md");
            // Another machine's run (`cargo xtask bench --machine <name>`, saved in
            // `machines/<name>/`) ran the sources of its own commit, which its machine
            // record names: it must come from a benchmark and record its sources, but
            // they may have changed since.
            let (name, contributed) = match name.strip_prefix("machines/") {
                Some(run) => (run.rsplit('/').next().unwrap_or(run), true),
                None => (name, false),
            };
            let rerun = format!("cargo xtask bench {name}");
            let mut current: Vec<(String, String)> = benches
                .iter()
                .filter(|(bench, _)| bench == name)
                .flat_map(|(_, path)| bench_sources::fingerprints(&self.root, path))
                .collect();
            current.sort();
            current.dedup();
            if current.is_empty() {
                self.problem(
                    &file,
                    1,
                    format!(
                        "no benchmark writes this file: Cargo.toml declares no example \
                         `bench_{name}`; delete the file or restore the benchmark"
                    ),
                );
                continue;
            }
            let recorded = bench_sources::recorded(&text);
            if recorded.is_empty() {
                self.problem(
                    &file,
                    1,
                    format!(
                        "it records no sources, so nothing shows it matches the benchmark as it \
                         is now: rerun `{rerun}`"
                    ),
                );
                continue;
            }
            let changed: Vec<&str> = current
                .iter()
                .filter(|source| !recorded.contains(source))
                .map(|(path, _)| path.as_str())
                .chain(
                    recorded
                        .iter()
                        .filter(|(path, _)| !current.iter().any(|(p, _)| p == path))
                        .map(|(path, _)| path.as_str()),
                )
                .collect();
            if !changed.is_empty() && !contributed {
                self.problem(
                    &file,
                    1,
                    format!(
                        "written from other sources than the ones in the repository: {} \
                         changed since; rerun `{rerun}`",
                        changed.join(", ")
                    ),
                );
            }
        }
    }
}

/// A paragraph, list item, table or heading: its prose figures, and whether it links
/// to where the measurements come from.
struct Passage {
    figures: Vec<Figure>,
    cites_measurements: bool,
}

/// The passages of a chapter; code blocks are not prose and are skipped, inline code
/// is read like prose.
/// A table cites measurements when its lead-in paragraph does.
fn passages(text: &str) -> Vec<Passage> {
    let mut done: Vec<Passage> = Vec::new();
    let mut open: Vec<Passage> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(
                tag @ (Tag::Paragraph | Tag::Item | Tag::Table(_) | Tag::Heading { .. }),
            ) => {
                let lead_in_cites = done.last().is_some_and(|p: &Passage| p.cites_measurements);
                open.push(Passage {
                    figures: Vec::new(),
                    cites_measurements: matches!(tag, Tag::Table(_)) && lead_in_cites,
                })
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Table | TagEnd::Heading(_)) => {
                done.extend(open.pop());
            }
            Event::Start(Tag::Link { dest_url, .. })
                if CITES_MEASUREMENTS
                    .iter()
                    .any(|cite| dest_url.contains(cite)) =>
            {
                open.iter_mut().for_each(|p| p.cites_measurements = true);
            }
            // Inline code is checked too: a figure in backticks is still a figure.
            Event::Text(prose) | Event::Code(prose) => {
                // The event's text may differ from the source (entities, escapes):
                // find figures in the source range so that lines are right.
                let source = &text[range.clone()];
                let found = if source == prose.as_ref() {
                    figures(source, range.start)
                } else {
                    figures(&prose, range.start)
                };
                match open.last_mut() {
                    Some(passage) => passage.figures.extend(found),
                    None => done.push(Passage {
                        figures: found,
                        cites_measurements: false,
                    }),
                }
            }
            _ => {}
        }
    }
    done
}
