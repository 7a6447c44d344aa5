//! Figure captions: `<span class="caption">Figure N-M: ...</span>` directly above each
//! figure block (a ```` ```bob ```` block), N the chapter's number and M counting 1, 2,
//! ... in the chapter, like listing captions. Whether a figure renders at all (its
//! block closed, its file present) is checked by the build itself: `cargo xtask
//! figures`, the preprocessor named in book.toml.

use super::Book;
use super::markdown::{code_blocks, line_of};

impl Book {
    pub(super) fn check_figures(&mut self) {
        let numbers = self.chapter_numbers();
        let chapters = self.pages();
        for (chapter, text) in chapters {
            let number = numbers.get(&chapter).cloned();
            self.check_chapter_figures(&chapter, &text, number.as_deref());
        }
    }

    fn check_chapter_figures(&mut self, chapter: &str, text: &str, number: Option<&str>) {
        let caption = regex!(r#"(?s)<span class="caption">\s*Figure (\d+(?:\.\d+)*)-(\d+)"#);
        let blocks = code_blocks(text);
        let figures: Vec<_> = blocks
            .iter()
            .filter(|b| super::markdown::attributes(&b.info).first() == Some(&"bob"))
            .collect();
        let mut captions: Vec<(usize, String, usize)> = Vec::new();
        for found in caption.captures_iter(text) {
            let start = found.get(0).unwrap().start();
            if blocks.iter().any(|b| b.range.contains(&start)) {
                continue; // an example, inside a code block
            }
            let m = found[2].parse().unwrap_or(0);
            captions.push((start, found[1].to_owned(), m));
        }
        for (k, (start, n, m)) in captions.iter().enumerate() {
            let line = line_of(text, *start);
            match number {
                None => self.problem(
                    chapter,
                    line,
                    format!(
                        "caption `Figure {n}-{m}` in a chapter that mdBook does not number: \
                         caption the figure without a number"
                    ),
                ),
                Some(number) if n != number => self.problem(
                    chapter,
                    line,
                    format!(
                        "caption `Figure {n}-{m}` in chapter {number}: make it `Figure \
                         {number}-{m}`, and update every reference to it"
                    ),
                ),
                Some(_) => {}
            }
            if *m != k + 1 {
                self.problem(
                    chapter,
                    line,
                    format!(
                        "caption `Figure {n}-{m}` should be `Figure {n}-{}`: figures are \
                         numbered in order within the chapter",
                        k + 1
                    ),
                );
            }
            // The next block after the caption is the figure it names.
            let next = blocks.iter().find(|b| b.range.start > *start);
            let is_figure = next.is_some_and(|b| figures.iter().any(|f| f.range == b.range));
            let nothing_between = next.is_some_and(|b| {
                let between = &text[*start..b.range.start];
                between.matches("<span class=\"caption\">").count() == 1
                    && !between.contains("\n\n\n")
                    && between.trim_end().ends_with("</span>")
            });
            if !(is_figure && nothing_between) {
                self.problem(
                    chapter,
                    line,
                    format!(
                        "caption `Figure {n}-{m}` is not directly above a figure: put it on \
                         the line before the ```` ```bob ```` block it captions"
                    ),
                );
            }
        }
        for figure in &figures {
            let captioned = captions.iter().any(|(start, _, _)| {
                *start < figure.range.start
                    && text[*start..figure.range.start]
                        .trim_end()
                        .ends_with("</span>")
                    && !text[*start..figure.range.start].contains("```")
            });
            if !captioned {
                self.problem(
                    chapter,
                    figure.line,
                    "a figure without a caption: put `<span class=\"caption\">Figure N-M: what \
                     it shows</span>` on the line before it",
                );
            }
        }
    }
}
