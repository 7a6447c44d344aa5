//! `cargo xtask figures`: the mdBook preprocessor that draws the figures and fills in
//! the measured figures quoted in prose, and turns either that cannot render into a
//! build failure naming the chapter and the line.
//!
//! A quoted figure, `{{#figure <bench>.<anchor>.<row>.<column>}}`, becomes a cell of a
//! table in `src/results/` ([`figure_refs`] says how it is found).
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
//! mdBook expands the include (this preprocessor runs after its `links`, `after =
//! ["links"]` in book.toml), and each `bob` block becomes an inline SVG: the drawing
//! `cargo xtask draw` made of that file, `figures/<name>.svg` ([`draw`]), in the markup
//! of mdbook-svgbob 0.3.1, which theme/book.css and the browser check expect. Neither
//! mdBook nor svgbob fails on a broken figure: mdBook logs a missing file and leaves
//! the directive's text in the page, and svgbob draws whatever text it is given, so an
//! unclosed block would turn the rest of the chapter into one drawing. So this
//! preprocessor reads each chapter's source and stops the build at the first kind of
//! mistake it finds, a drawing older than its `.bob` file included.
//! It reads the sources for the quoted figures too, so that a reference that names no
//! cell is reported at its line in the chapter, not in the text mdBook expanded.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::{Result, draw, figure_refs, machines};

/// Wider than this, a figure is cut off at the edge of the page (svgbob draws a
/// character 8 px wide; mdBook's text column is 750 px).
const MAX_COLUMNS: usize = 90;

/// `cargo xtask figures [supports RENDERER]`, as mdBook calls it.
pub fn preprocess(args: &[String]) -> Result {
    if args.first().map(String::as_str) == Some("supports") {
        return Ok(()); // the figures are Markdown and inline SVG, for every renderer
    }
    let mut input = String::new();
    io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("figures: cannot read mdBook's input: {e}"))?;
    let book = process(&input)?;
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(book.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("figures: cannot hand the book back to mdBook: {e}"))
}

/// mdBook's `[context, book]` in, the book with its figures drawn out.
fn process(input: &str) -> Result<String> {
    let [context, mut book]: [serde_json::Value; 2] = serde_json::from_str(input)
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
        problems.extend(check_references(&shown, &text, results_in(&src)));
    }
    if !problems.is_empty() {
        return Err(format!(
            "{} figure(s) would not render:\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    let drawings = draw::sources(&src)
        .iter()
        .filter_map(|bob| draw::read(&bob.with_extension("svg")))
        .collect();
    draw_chapters(&mut book["items"], &src, &drawings)?;
    serde_json::to_string(&book).map_err(|e| format!("figures: cannot write the book: {e}"))
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

/// The text of `src/results/<bench>.md` for `<bench>`, if there is one.
fn results_in(src: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |bench| fs::read_to_string(src.join("results").join(format!("{bench}.md"))).ok()
}

/// Fills in the quoted figures and the table of machines, and draws the figures of
/// every chapter, in place.
fn draw_chapters(items: &mut serde_json::Value, src: &Path, drawings: &Drawings) -> Result {
    for item in items.as_array_mut().into_iter().flatten() {
        // A separator or a part title is a string or holds no chapter.
        let Some(chapter) = item.get_mut("Chapter") else {
            continue;
        };
        if let Some(content) = chapter["content"].as_str() {
            // The chapter's own references were checked; one in a file it includes
            // was not.
            let quoted = figure_refs::expand(content, results_in(src)).map_err(|(offset, e)| {
                format!(
                    "src/{}: {e} (on line {} of the chapter with its includes expanded)",
                    chapter["source_path"].as_str().unwrap_or("?"),
                    content[..offset].matches('\n').count() + 1
                )
            })?;
            let compared = machines::expand(&quoted, &src.join("results"));
            let drawn = draw_figures(&compared, drawings).map_err(|e| {
                format!(
                    "src/{}: {e}",
                    chapter["source_path"].as_str().unwrap_or("?")
                )
            })?;
            chapter["content"] = drawn.into();
        }
        if let Some(sub_items) = chapter.get_mut("sub_items") {
            draw_chapters(sub_items, src, drawings)?;
        }
    }
    Ok(())
}

/// The committed drawings, by the fingerprint of the text each was drawn from.
type Drawings = HashMap<String, draw::Drawn>;

/// `markdown` with each `bob` block replaced by its drawing, an HTML block of its own.
fn draw_figures(markdown: &str, drawings: &Drawings) -> Result<String> {
    let mut drawn = String::with_capacity(markdown.len());
    let mut copied = 0;
    let mut events = Parser::new_ext(markdown, Options::all()).into_offset_iter();
    while let Some((event, block)) = events.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else {
            continue;
        };
        if !is_figure(&info) {
            continue;
        }
        let mut drawing = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::Text(text) => drawing.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let Some(figure) = drawings.get(&draw::fingerprint(&drawing)) else {
            return Err(
                "a figure with no current drawing in a `figures/<name>.svg`: draw \
                        it in a `.bob` file and run `cargo xtask draw`"
                    .into(),
            );
        };
        drawn.push_str(&markdown[copied..block.start]);
        drawn.push_str(&html(figure));
        drawn.push_str("\n\n");
        copied = block.end;
    }
    drawn.push_str(&markdown[copied..]);
    Ok(drawn)
}

/// A drawing in the markup of mdbook-svgbob 0.3.1, which theme/book.css and the
/// browser check expect: on one line, inside a `<div>` as tall as the drawing.
fn html(figure: &draw::Drawn) -> String {
    format!(
        "<div style='width:100%; height:{}px;'><style type=\"text/css\">svg.svgbob \
         {{ width: 100% !important; }}</style>{}</div>",
        figure.height, figure.svg
    )
}

/// A `bob` block (its info string's first word) is a figure.
fn is_figure(info: &str) -> bool {
    info.split([',', ' ']).next() == Some("bob")
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
        if !is_figure(info) {
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
                let drawn = draw::read(&file.with_extension("svg"));
                if drawn.is_none_or(|(source, _)| source != draw::fingerprint(&drawing)) {
                    problem(
                        number + 1,
                        format!(
                            "`{target}` has changed since it was drawn, or was never drawn: \
                             run `cargo xtask draw` and commit the `.svg` beside it"
                        ),
                    );
                }
            }
        }
    }
    problems
}

/// Every quoted figure of one chapter that names no cell of a results table.
fn check_references(
    shown: &Path,
    text: &str,
    results: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    figure_refs::references(text)
        .iter()
        .filter_map(|reference| {
            let message = figure_refs::resolve(reference.text, &results).err()?;
            let line = text[..reference.offset].matches('\n').count() + 1;
            Some(format!("{}:{line}: {message}", shown.display()))
        })
        .collect()
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
    /// drawing that renders, drawn, and one that is too wide.
    fn problems(chapter: &str) -> Vec<String> {
        let dir = scratch_dir();
        write_drawn(&dir, "ok", "a --> b\n");
        write_drawn(&dir, "wide", &format!("{}\n", "-".repeat(91)));
        let found = check_chapter(Path::new("src/x/ch.md"), chapter, &dir);
        fs::remove_dir_all(&dir).unwrap();
        found
    }

    /// `figures/<name>.bob` holding `drawing`, and a drawing of it as `cargo xtask
    /// draw` writes one (a stand-in SVG: what svgbob draws is not checked here).
    fn write_drawn(dir: &Path, name: &str, drawing: &str) -> PathBuf {
        let bob = dir.join(format!("figures/{name}.bob"));
        fs::write(&bob, drawing).unwrap();
        let drawn = draw::Drawn {
            height: "48".into(),
            svg: format!("<svg class=\"svgbob\"><text>{name}</text></svg>"),
        };
        draw::write_for_test(&bob, &drawn);
        bob
    }

    /// A new folder with an empty `figures` folder in it.
    fn scratch_dir() -> PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("figures-check-{}-{n}", std::process::id()));
        fs::create_dir_all(dir.join("figures")).unwrap();
        dir
    }

    #[test]
    fn a_figure_is_drawn_as_an_svg_in_every_chapter() {
        // As mdBook hands a book over: the includes expanded, the sources on disk.
        let dir = scratch_dir();
        write_drawn(&dir, "ok", "a --> b\n");
        let source = "# t\n\n```bob\n{{#include figures/ok.bob}}\n```\nafter\n";
        fs::write(dir.join("ch.md"), source).unwrap();
        let content = "# t\n\n```bob\na --> b\n```\nafter\n";
        let chapter = |sub_items| {
            serde_json::json!({"Chapter": {
                "content": content, "source_path": "ch.md", "sub_items": sub_items
            }})
        };
        let input = serde_json::json!([
            {"root": dir, "config": {"book": {"src": "."}}},
            {"items": ["Separator", chapter(serde_json::json!([chapter(serde_json::json!([]))]))]}
        ]);
        let output = process(&input.to_string());
        fs::remove_dir_all(&dir).unwrap();
        let book: serde_json::Value = serde_json::from_str(&output.unwrap()).unwrap();
        let outer = &book["items"][1]["Chapter"];
        for chapter in [outer, &outer["sub_items"][0]["Chapter"]] {
            let drawn = chapter["content"].as_str().unwrap();
            let (before, rest) = drawn
                .split_once("<div style='width:100%; height:48px;'>")
                .unwrap_or_else(|| panic!("no figure drawn in {drawn:?}"));
            let (div, after) = rest.split_once("</div>").unwrap();
            assert_eq!(before, "# t\n\n");
            // A blank line ends the HTML block before the text after the figure.
            assert!(after.starts_with("\n\n"), "{after:?}");
            assert_eq!(after.trim_start(), "after\n");
            // One line of HTML, ending in the committed drawing.
            assert!(!div.contains('\n'), "{div}");
            assert!(
                div.ends_with("<svg class=\"svgbob\"><text>ok</text></svg>"),
                "{div}"
            );
        }
    }

    #[test]
    fn a_figure_changed_since_it_was_drawn_is_refused() {
        let dir = scratch_dir();
        let bob = write_drawn(&dir, "ok", "a --> b\n");
        fs::write(&bob, "a --> c\n").unwrap();
        let chapter = "```bob\n{{#include figures/ok.bob}}\n```\n";
        let changed = check_chapter(Path::new("src/x/ch.md"), chapter, &dir);
        fs::remove_file(bob.with_extension("svg")).unwrap();
        let undrawn = check_chapter(Path::new("src/x/ch.md"), chapter, &dir);
        fs::remove_dir_all(&dir).unwrap();
        for found in [changed, undrawn] {
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].starts_with(
                    "src/x/ch.md:2: `figures/ok.bob` has changed since it was drawn, or was \
                     never drawn: run `cargo xtask draw`"
                ),
                "{found:?}"
            );
        }
    }

    /// What `cargo xtask draw` made of the book's own figures: svgbob's SVG, in the
    /// theme's colours, for every `.bob` file (the build refuses one that is stale).
    #[test]
    fn every_committed_drawing_is_svgbob_in_the_themes_colours() {
        let src = crate::root().join("src");
        let bobs = draw::sources(&src);
        assert!(!bobs.is_empty());
        for bob in bobs {
            let svg_file = bob.with_extension("svg");
            let (_, drawn) = draw::read(&svg_file).unwrap_or_else(|| {
                panic!("{} is not drawn: run `cargo xtask draw`", bob.display())
            });
            for expected in ["class=\"svgbob\"", "var(--fg, black)", "transparent"] {
                assert!(
                    drawn.svg.contains(expected),
                    "{}: {expected}",
                    svg_file.display()
                );
            }
            assert!(drawn.height.parse::<f64>().is_ok_and(|h| h > 0.0));
        }
    }

    /// A chapter, as mdBook hands it over, in a book with one results file.
    fn quoting(source: &str, content: &str) -> Result<String> {
        let dir = scratch_dir();
        fs::create_dir_all(dir.join("results")).unwrap();
        let results = "<!-- ANCHOR: t -->\n| run | time |\n| --- | --- |\n| one | 5 ms |\n\
                       <!-- ANCHOR_END: t -->\n";
        fs::write(dir.join("results/demo.md"), results).unwrap();
        fs::write(dir.join("ch.md"), source).unwrap();
        let input = serde_json::json!([
            {"root": dir, "config": {"book": {"src": "."}}},
            {"items": [{"Chapter": {"content": content, "source_path": "ch.md", "sub_items": []}}]}
        ]);
        let output = process(&input.to_string());
        fs::remove_dir_all(&dir).unwrap();
        let book: serde_json::Value = serde_json::from_str(&output?).unwrap();
        Ok(book["items"][0]["Chapter"]["content"]
            .as_str()
            .unwrap()
            .to_owned())
    }

    #[test]
    fn a_quoted_figure_is_filled_in() {
        let source = "# t\n\nIt took {{#figure demo.t.one.time}}.\n";
        assert_eq!(quoting(source, source).unwrap(), "# t\n\nIt took 5 ms.\n");
    }

    #[test]
    fn a_quoted_figure_that_names_no_cell_stops_the_build_at_its_line() {
        let source = "# t\n\nIt took {{#figure demo.t.two.time}}.\n";
        let error = quoting(source, source).unwrap_err();
        assert!(
            error.contains(
                "src/ch.md:3: `{{#figure demo.t.two.time}}`: the table `t` of \
                 src/results/demo.md has no row `two`"
            ),
            "{error}"
        );
        // One that only the included text holds: named with the chapter.
        let content = "# t\n\nIt took {{#figure demo.t.two.time}}.\n";
        let error = quoting("# t\n\n{{#include x.md}}\n", content).unwrap_err();
        assert!(
            error.starts_with("src/ch.md: `{{#figure demo.t.two.time}}`: the table `t`"),
            "{error}"
        );
        assert!(
            error.ends_with("(on line 3 of the chapter with its includes expanded)"),
            "{error}"
        );
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
