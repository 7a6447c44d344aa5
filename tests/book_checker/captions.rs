//! Listing captions: `<span class="caption">Listing N-M: `path`: ...</span>` above the
//! block it captions. N is the chapter's number as mdBook gives it, M counts 1, 2, ...
//! in the chapter, and the path is the file that the next code block includes.
//! Chapters that mdBook leaves unnumbered (the introduction, the appendices) caption
//! their examples by path only, without `Listing N-M`.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Book;
use super::markdown::{code_blocks, line_of};

impl Book {
    pub(super) fn check_captions(&mut self) {
        let numbers = self.chapter_numbers();
        let chapters = self.pages();
        for (chapter, text) in chapters {
            self.check_chapter_captions(&chapter, &text, numbers.get(&chapter));
        }
    }

    fn check_chapter_captions(&mut self, chapter: &str, text: &str, number: Option<&String>) {
        let caption = regex!(r#"(?s)<span class="caption">(.*?)</span>"#);
        let listing = regex!(r"^\s*Listing (\d+(?:\.\d+)*)-(\d+)");
        let path = regex!(r"`([^`\s]+/[^`\s]+\.\w+)`");
        let code = code_blocks(text);
        // This chapter's blocks in `self.blocks`, in the same order as `code`.
        let indices: Vec<usize> = (0..self.blocks.len())
            .filter(|&i| self.blocks[i].chapter == chapter)
            .collect();
        let mut expected = 1;
        for found in caption.captures_iter(text) {
            let whole = found.get(0).unwrap();
            if code.iter().any(|b| b.range.contains(&whole.start())) {
                continue; // an example of a caption, inside a code block
            }
            let line = line_of(text, whole.start());
            let content = &found[1];
            let named = path.captures(content).map(|c| c[1].to_owned());
            if let Some(label) = listing.captures(content) {
                let (n, m) = (&label[1], label[2].parse::<usize>().unwrap_or(0));
                match number {
                    None => self.problem(
                        chapter,
                        line,
                        format!(
                            "caption `Listing {n}-{m}` in a chapter that mdBook does not \
                             number (it is not a `- [...]` entry of SUMMARY.md's numbered \
                             list): caption the example by its path alone, without `Listing`"
                        ),
                    ),
                    Some(number) if n != number => self.problem(
                        chapter,
                        line,
                        format!(
                            "caption `Listing {n}-{m}` in chapter {number} (its place in \
                             SUMMARY.md): make it `Listing {number}-{m}`, and update every \
                             `Listing {n}-...` reference to this chapter's listings"
                        ),
                    ),
                    Some(_) => {}
                }
                if expected > 0 && m != expected {
                    self.problem(
                        chapter,
                        line,
                        format!(
                            "caption `Listing {n}-{m}` should be `Listing {n}-{expected}`: \
                             captions are numbered in order; after inserting or removing one, \
                             renumber the later captions and every `Listing` reference to them"
                        ),
                    );
                    expected = 0; // one report: the later ones follow from it
                } else if expected > 0 {
                    expected += 1;
                }
                if named.is_none() {
                    self.problem(
                        chapter,
                        line,
                        "a listing caption names its file: write `Listing N-M: \
                         `listings/<part>/<chapter>/<file>.rs`: ...`",
                    );
                }
            }
            let Some(named) = named else { continue };
            let next = code
                .iter()
                .position(|b| b.range.start >= whole.end())
                .and_then(|k| indices.get(k).copied());
            let shown: Vec<String> = self
                .inclusions
                .iter()
                .filter(|i| next.is_some() && i.block == next)
                .filter_map(|i| i.target.clone())
                .collect();
            if !shown.contains(&named) {
                let actual = if shown.is_empty() {
                    "nothing from a file".to_owned()
                } else {
                    shown.join(", ")
                };
                self.problem(
                    chapter,
                    line,
                    format!(
                        "the caption names `{named}` but the code block after it shows \
                         {actual}: fix the caption's path, or move the caption above the \
                         block that includes `{named}`"
                    ),
                );
            }
        }
    }
}

/// The number mdBook gives each chapter file listed in SUMMARY.md (`src/...` → `5` or
/// `5.2`): entries of the numbered list count from 1 in order, drafts (`()`) included,
/// across part titles; nested lists number `N.1`, `N.2`, ... Prefix chapters (before
/// the list) and suffix chapters (after `---`) are links outside the list: unnumbered.
pub(super) fn chapter_numbers(summary: &str) -> BTreeMap<String, String> {
    let mut numbers = BTreeMap::new();
    let mut counters: Vec<u32> = Vec::new();
    // Each part title starts a new Markdown list, but mdBook keeps counting.
    let mut top_level = 0;
    let mut numbered_item = false;
    for event in Parser::new_ext(summary, Options::all()) {
        match event {
            Event::Start(Tag::List(_)) => {
                counters.push(if counters.is_empty() { top_level } else { 0 });
            }
            Event::End(TagEnd::List(_)) => {
                let last = counters.pop();
                if counters.is_empty() {
                    top_level = last.unwrap_or(top_level);
                }
            }
            Event::Start(Tag::Item) => {
                if let Some(last) = counters.last_mut() {
                    *last += 1;
                    numbered_item = true;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if numbered_item => {
                numbered_item = false;
                if !dest_url.is_empty() {
                    let number: Vec<String> = counters.iter().map(u32::to_string).collect();
                    numbers.insert(format!("src/{dest_url}"), number.join("."));
                }
            }
            _ => {}
        }
    }
    numbers
}
