//! Measured figures: a chapter quotes only what a results file holds.
//!
//! `cargo xtask bench` writes every benchmark's tables to `src/results/`, and chapters
//! include them. A figure typed into the prose would not change when the benchmarks
//! are rerun, so every figure in prose must appear, as written, in a results file that
//! the chapter includes: the reader sees the table the figure comes from.
//!
//! A figure is a number with a unit of time (`ns`, `µs`, `ms`, `s`), of memory (`KiB`,
//! `MiB`, `GiB`) or a ratio (`×`). Numbers with a decimal point, nanoseconds,
//! microseconds and ratios are always measurements. Whole milliseconds, seconds and
//! sizes are usually the parameters of an example ("a 100 ms wait", "a 64 KiB pipe"),
//! so they are checked only in a paragraph, list item or table that cites the
//! machine the numbers were measured on.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::markdown::line_of;
use super::{Book, RESULTS_DIR};

/// Links that mark a passage as quoting measurements.
const CITES_MEASUREMENTS: &[&str] = &["#the-machine-behind-the-numbers", "measured.md"];

/// A figure as written, and whether it is a measurement wherever it appears.
struct Figure {
    text: String,
    normalized: String,
    offset: usize,
    always_measured: bool,
}

fn figures(text: &str, base: usize) -> Vec<Figure> {
    let pattern = regex!(r"(\d[\d,]*(?:\.\d+)?)[ \u{a0}]?(ns|µs|ms|s|KiB|MiB|GiB|×)(?:[^\w]|$)");
    pattern
        .captures_iter(text)
        .map(|c| {
            let (number, unit) = (&c[1], &c[2]);
            Figure {
                text: format!("{number} {unit}").replace(" ×", "×"),
                normalized: format!("{number}{unit}"),
                offset: base + c.get(0).unwrap().start(),
                always_measured: number.contains('.') || ["ns", "µs", "×"].contains(&unit),
            }
        })
        .collect()
}

impl Book {
    pub(super) fn check_measurements(&mut self) {
        let chapters = self.pages();
        for (chapter, text) in &chapters {
            // The results files this chapter shows: the only figures it may quote.
            let shown: BTreeSet<&String> = self
                .inclusions
                .iter()
                .filter(|i| &i.chapter == chapter)
                .filter_map(|i| i.target.as_ref())
                .filter(|target| self.results.contains_key(*target))
                .collect();
            let measured: BTreeSet<String> = shown
                .iter()
                .flat_map(|file| figures(&self.results[*file], 0))
                .map(|figure| figure.normalized)
                .collect();
            let sources = match shown.is_empty() {
                true => "this chapter includes no results file".to_owned(),
                false => {
                    let names: Vec<&str> = shown.iter().map(|f| f.as_str()).collect();
                    format!(
                        "it is not in the results this chapter includes ({})",
                        names.join(", ")
                    )
                }
            };
            let mut found = Vec::new();
            for passage in passages(text) {
                for figure in passage.figures {
                    if (figure.always_measured || passage.cites_measurements)
                        && !measured.contains(&figure.normalized)
                    {
                        found.push((line_of(text, figure.offset), figure.text));
                    }
                }
            }
            for (line, figure) in found {
                self.problem(
                    chapter,
                    line,
                    format!(
                        "`{figure}` cannot be checked against a measurement: {sources}. Quote a \
                         figure exactly as a results file ({RESULTS_DIR}/*.md) has it, and \
                         include its table (`{{{{#include ../results/<bench>.md:<anchor>}}}}`); \
                         `cargo xtask bench` rewrites the results files"
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

/// The passages of a chapter; code (blocks and inline) is not prose and is skipped.
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
            Event::Text(prose) => {
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
