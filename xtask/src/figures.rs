//! `cargo xtask figures`: the mdBook preprocessor that turns a figure that cannot
//! render into a build failure naming the chapter and the line.
//!
//! A figure is an svgbob drawing in `src/<part>/figures/<name>.bob`, shown by a block
//! that holds nothing but its include:
//!
//! ````text
//! ```bob
//! {{#include figures/<name>.bob}}
//! ```
//! ````
//!
//! mdBook expands the include and the pinned `mdbook-svgbob` draws the SVG. Neither
//! fails on a broken figure: mdBook logs a missing file and leaves the directive's text
//! in the page, and svgbob draws whatever text it is given, so an unclosed block would
//! turn the rest of the chapter into one drawing. This preprocessor runs first
//! (`before = ["svgbob"]` in book.toml), reads each chapter's source, and stops the
//! build at the first kind of mistake it finds; it hands the book on unchanged.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::Result;

/// Wider than this, a figure is cut off at the edge of the page (svgbob draws a
/// character 8 px wide; mdBook's text column is 750 px).
const MAX_COLUMNS: usize = 90;

/// `cargo xtask figures [supports RENDERER]`, as mdBook calls it.
pub fn preprocess(args: &[String]) -> Result {
    if args.first().map(String::as_str) == Some("supports") {
        return Ok(()); // the figures are Markdown for every renderer
    }
    let mut input = String::new();
    io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("figures: cannot read mdBook's input: {e}"))?;
    let [context, book]: [serde_json::Value; 2] = serde_json::from_str(&input)
        .map_err(|e| format!("figures: mdBook's input is not [context, book]: {e}"))?;
    let root = PathBuf::from(context["root"].as_str().unwrap_or("."));
    let src = root.join(context["config"]["book"]["src"].as_str().unwrap_or("src"));
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    chapter_sources(&book["items"], &mut sources);
    for source in sources {
        let path = src.join(&source);
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("figures: cannot read {}: {e}", path.display()))?;
        let shown = Path::new("src").join(&source);
        problems.extend(check_chapter(&shown, &text, path.parent().unwrap_or(&src)));
    }
    if !problems.is_empty() {
        return Err(format!(
            "{} figure(s) would not render:\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    let mut stdout = io::stdout().lock();
    serde_json::to_writer(&mut stdout, &book)
        .map_err(io::Error::from)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("figures: cannot hand the book back to mdBook: {e}"))
}

/// The source path of every chapter, in book order (drafts have none).
fn chapter_sources(items: &serde_json::Value, found: &mut Vec<String>) {
    for item in items.as_array().into_iter().flatten() {
        let chapter = &item["Chapter"];
        if let Some(source) = chapter["source_path"].as_str() {
            found.push(source.to_owned());
        }
        chapter_sources(&chapter["sub_items"], found);
    }
}

/// Every figure block of one chapter: `shown` names it in messages, `dir` is the folder
/// its includes are relative to.
pub fn check_chapter(shown: &Path, text: &str, dir: &Path) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut problems = Vec::new();
    let mut problem = |line: usize, message: String| {
        problems.push(format!("{}:{line}: {message}", shown.display()));
    };
    let mut fence: Option<&str> = None; // inside another code block: its fence
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if is_closing(trimmed, open) {
                fence = None;
            }
            continue;
        }
        let Some((marks, info)) = opening(trimmed) else {
            continue;
        };
        // Every block, figures included, runs to its closing fence.
        fence = Some(marks);
        if info.split([',', ' ']).next() != Some("bob") {
            continue;
        }
        // A figure block: exactly `{{#include figures/<name>.bob}}`, then the fence.
        let number = index + 1;
        let include = lines.get(index + 1).map(|l| l.trim()).unwrap_or_default();
        let Some(target) = include
            .strip_prefix("{{#include ")
            .and_then(|rest| rest.strip_suffix("}}"))
            .map(str::trim)
            .filter(|t| t.starts_with("figures/") && t.ends_with(".bob"))
        else {
            problem(
                number,
                "a figure block holds one line, `{{#include figures/<name>.bob}}`: draw the \
                 figure in that file, beside the chapter"
                    .into(),
            );
            continue;
        };
        if !lines
            .get(index + 2)
            .is_some_and(|l| is_closing(l.trim_start(), marks))
        {
            problem(
                number,
                format!(
                    "the figure block opened here is not closed on line {}: put the closing \
                     fence ({marks}) right after the include, or svgbob draws the rest of the \
                     chapter",
                    number + 2
                ),
            );
        }
        let file = dir.join(target);
        match fs::read_to_string(&file) {
            Err(e) => problem(
                number + 1,
                format!(
                    "`{target}`: cannot read {} ({e}); paths are relative to the chapter's \
                     folder",
                    file.display()
                ),
            ),
            Ok(drawing) => {
                for message in check_drawing(&drawing) {
                    problem(number + 1, format!("`{target}`: {message}"));
                }
            }
        }
    }
    problems
}

/// What in a drawing would render wrongly.
fn check_drawing(drawing: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if drawing.trim().is_empty() {
        problems.push("the drawing is empty".to_owned());
    }
    for (index, line) in drawing.lines().enumerate() {
        let number = index + 1;
        if line.contains('\t') {
            problems.push(format!(
                "line {number} has a tab, which svgbob counts as one column: use spaces"
            ));
        }
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            problems.push(format!(
                "line {number} is a code fence, which would end the figure block early"
            ));
        }
        let width = line.chars().count();
        if width > MAX_COLUMNS {
            problems.push(format!(
                "line {number} is {width} columns wide; past {MAX_COLUMNS} the figure is cut \
                 off at the edge of the page"
            ));
        }
    }
    problems
}

/// An opening fence: its marks (three or more backticks or tildes) and its info string.
fn opening(line: &str) -> Option<(&str, &str)> {
    let mark = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = line.chars().take_while(|c| *c == mark).count();
    (count >= 3).then(|| (&line[..count], line[count..].trim()))
}

fn is_closing(line: &str, open: &str) -> bool {
    let mark = open.chars().next().unwrap_or('`');
    let count = line.chars().take_while(|c| *c == mark).count();
    count >= open.len() && line[count..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `chapter` in a folder of its own (tests run in parallel), beside a
    /// drawing that renders and one that is too wide.
    fn problems(chapter: &str) -> Vec<String> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("figures-check-{}-{n}", std::process::id()));
        fs::create_dir_all(dir.join("figures")).unwrap();
        fs::write(dir.join("figures/ok.bob"), "a --> b\n").unwrap();
        fs::write(
            dir.join("figures/wide.bob"),
            format!("{}\n", "-".repeat(91)),
        )
        .unwrap();
        let found = check_chapter(Path::new("src/x/ch.md"), chapter, &dir);
        fs::remove_dir_all(&dir).unwrap();
        found
    }

    #[test]
    fn a_figure_that_renders_passes() {
        let chapter =
            "text\n\n```bob\n{{#include figures/ok.bob}}\n```\n\n```rust\nlet a = 1;\n```\n";
        assert_eq!(problems(chapter), Vec::<String>::new());
    }

    #[test]
    fn an_unclosed_figure_block_names_its_line() {
        let chapter = "# t\n\n```bob\n{{#include figures/ok.bob}}\n\nmore text\n";
        let found = problems(chapter);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("src/x/ch.md:3: the figure block opened here is not closed"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_figure_file_names_the_line_of_the_include() {
        let found = problems("```bob\n{{#include figures/gone.bob}}\n```\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("src/x/ch.md:2: `figures/gone.bob`: cannot read"),
            "{found:?}"
        );
    }

    #[test]
    fn a_drawing_in_the_chapter_or_too_wide_is_refused() {
        let found =
            problems("```bob\na --> b\n```\n\n```bob\n{{#include figures/wide.bob}}\n```\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("src/x/ch.md:1: a figure block holds one line"));
        assert!(found[1].contains("src/x/ch.md:6: `figures/wide.bob`: line 1 is 91 columns"));
    }

    #[test]
    fn a_bob_block_inside_another_block_is_not_a_figure() {
        let chapter = "````markdown\n```bob\nanything\n```\n````\n";
        assert_eq!(problems(chapter), Vec::<String>::new());
    }
}
