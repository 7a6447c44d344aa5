//! Checks of the chapters: SUMMARY.md, include directives and their anchors, links.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::markdown::{
    Directive, anchor_lines, code_blocks, directives, heading_ids, line_of, links,
};
use super::{Block, Book, Inclusion, normalize};

impl Book {
    /// Every SUMMARY.md link names a file, and every chapter file is in SUMMARY.md.
    pub(super) fn check_summary(&mut self) {
        let summary_file = "src/SUMMARY.md";
        let Some(summary) = self.chapters.get(summary_file).cloned() else {
            self.problem(summary_file, 1, "missing: mdBook needs src/SUMMARY.md");
            return;
        };
        let mut listed = HashSet::new();
        for link in links(&summary) {
            if link.dest.is_empty() {
                continue; // a draft chapter: listed, not yet written
            }
            let target = format!("src/{}", link.dest);
            if !self.chapters.contains_key(&target) {
                self.problem(
                    summary_file,
                    link.line,
                    format!(
                        "`{}` does not exist: create {target}, or make the entry a draft with `()`",
                        link.dest
                    ),
                );
            }
            listed.insert(target);
        }
        // A Markdown file that a chapter includes (a table a test writes) is part of
        // that chapter, not a chapter of its own.
        let included: HashSet<String> = self
            .chapters
            .iter()
            .flat_map(|(chapter, text)| {
                let base = Path::new(chapter)
                    .parent()
                    .unwrap_or(Path::new(""))
                    .to_owned();
                directives(text)
                    .into_iter()
                    .filter_map(move |d| normalize(&base.join(&d.path)))
            })
            .collect();
        let unlisted: Vec<String> = self
            .chapters
            .keys()
            .filter(|file| *file != summary_file && !listed.contains(*file))
            .filter(|file| !included.contains(*file))
            .cloned()
            .collect();
        for file in unlisted {
            let link = file.trim_start_matches("src/");
            self.problem(
                &file,
                1,
                format!(
                    "not in src/SUMMARY.md, so mdBook never builds it: add `- [Title]({link})` \
                     where it belongs, or delete the file"
                ),
            );
        }
    }

    pub(super) fn check_chapters(&mut self) {
        let chapters: Vec<(String, String)> = self
            .chapters
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (chapter, text) in &chapters {
            self.check_code_blocks(chapter, text);
            self.check_links(chapter, text);
            if chapter != "src/SUMMARY.md" {
                self.check_wording(chapter, text);
            }
            if let Some(at) = text.find("\\{{#") {
                self.problem(
                    chapter,
                    line_of(text, at),
                    "`\\{{#...}}` is an escaped directive: mdBook shows it as text and \
                     includes nothing. Remove the backslash",
                );
            }
        }
    }

    /// Sentences a reader has no use for: about how the book was made, or saying that a
    /// chapter is missing. A phrase may be broken across lines; case does not matter.
    pub(super) fn check_wording(&mut self, chapter: &str, text: &str) {
        static PHRASES: LazyLock<Vec<(&str, Regex, &str)>> = LazyLock::new(|| {
            let made = "words about how the book was made, which the reader has no use \
                        for: say what the reader should know instead, or cut the sentence";
            let missing = "the page says a chapter is missing, but every chapter in \
                           SUMMARY.md is written: cut the sentence";
            [
                ("the seed of this chapter", made),
                ("an earlier draft", made),
                ("the test harness", made),
                ("not yet written", missing),
                ("in preparation", missing),
                ("coming soon", missing),
            ]
            .into_iter()
            .map(|(phrase, why)| {
                let words: Vec<String> = phrase.split(' ').map(regex::escape).collect();
                let pattern = format!(r"(?i)\b{}\b", words.join(r"\s+"));
                (phrase, Regex::new(&pattern).unwrap(), why)
            })
            .collect()
        });
        for (phrase, pattern, why) in PHRASES.iter() {
            for found in pattern.find_iter(text) {
                self.problem(
                    chapter,
                    line_of(text, found.start()),
                    format!("`{phrase}`: {why}"),
                );
            }
        }
    }

    /// Records every code block and every include directive (inside a block or not).
    pub(super) fn check_code_blocks(&mut self, chapter: &str, text: &str) {
        let first = self.blocks.len();
        let mut ranges = Vec::new();
        for block in code_blocks(text) {
            ranges.push(block.range.clone());
            self.blocks.push(Block {
                chapter: chapter.to_owned(),
                line: block.line,
                info: block.info,
                body: block.body,
            });
        }
        for directive in directives(text) {
            let block = ranges
                .iter()
                .position(|range| range.contains(&directive.offset))
                .map(|index| first + index);
            self.check_directive(chapter, line_of(text, directive.offset), &directive, block);
        }
    }

    pub(super) fn check_directive(
        &mut self,
        chapter: &str,
        line: usize,
        directive: &Directive,
        block: Option<usize>,
    ) {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(&directive.path));
        let readable = target
            .as_ref()
            .and_then(|t| fs::read_to_string(self.root.join(t)).ok());
        match (&target, &readable) {
            (Some(file), Some(source)) => {
                if let Some(anchor) = &directive.anchor {
                    self.check_anchor(chapter, line, file, source, anchor);
                }
            }
            _ => self.problem(
                chapter,
                line,
                format!(
                    "`{}`: no file `{}` (paths are relative to the chapter's folder, {}): fix \
                     the path or add the file",
                    directive.text,
                    directive.path,
                    base.display()
                ),
            ),
        }
        self.inclusions.push(Inclusion {
            chapter: chapter.to_owned(),
            line,
            kind: directive.kind.clone(),
            anchor: directive.anchor.clone(),
            target: target.filter(|_| readable.is_some()),
            block,
        });
    }

    pub(super) fn check_anchor(
        &mut self,
        chapter: &str,
        line: usize,
        file: &str,
        source: &str,
        anchor: &str,
    ) {
        let found = anchor_lines(source, anchor);
        let missing = match (found.starts.first(), found.ends.first()) {
            (Some(&start), Some(_)) if found.ends.iter().any(|&end| end > start) => return,
            (Some(&start), Some(&end)) => {
                self.problem(
                    chapter,
                    line,
                    format!(
                        "anchor `{anchor}` in {file}: `ANCHOR_END: {anchor}` (line {end}) comes \
                         before `ANCHOR: {anchor}` (line {start}), so mdBook shows everything \
                         from line {start} to the end of the file: swap the two comment lines"
                    ),
                );
                return;
            }
            (None, None) => format!("`ANCHOR: {anchor}` and `ANCHOR_END: {anchor}`"),
            (None, Some(_)) => format!("`ANCHOR: {anchor}`"),
            (Some(_), None) => format!("`ANCHOR_END: {anchor}`"),
        };
        self.problem(
            chapter,
            line,
            format!(
                "anchor `{anchor}` not found in {file}: it lacks {missing} (mdBook matches \
                 the name exactly), so mdBook would show an empty or runaway block; add the \
                 comment lines around the code or fix the name"
            ),
        );
    }

    /// Relative links resolve to a file, and `#fragment`s to a heading in it.
    pub(super) fn check_links(&mut self, chapter: &str, text: &str) {
        if chapter == "src/SUMMARY.md" {
            return;
        }
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let sources = self.source_url();
        for link in links(text) {
            let dest = link.dest.as_str();
            if let Some(file) = sources.as_deref().and_then(|url| dest.strip_prefix(url)) {
                if !self.root.join(file).is_file() {
                    self.problem(
                        chapter,
                        link.line,
                        format!(
                            "link to `{dest}`: the repository has no `{file}`; fix the path \
                             after `{}`",
                            sources.as_deref().unwrap_or_default()
                        ),
                    );
                }
                continue;
            }
            if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match dest.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (dest, None),
            };
            let target = if path.is_empty() {
                Some(chapter.to_owned())
            } else {
                let as_md = path.strip_suffix(".html").map(|p| format!("{p}.md"));
                normalize(&base.join(as_md.as_deref().unwrap_or(path)))
            };
            let exists = target.as_ref().is_some_and(|t| self.root.join(t).exists());
            if exists && !target.as_ref().is_some_and(|t| t.starts_with("src/")) {
                self.problem(
                    chapter,
                    link.line,
                    format!(
                        "link to `{dest}` leaves src/: the file exists in the repository but \
                         not in the built book, so readers get a 404. Link to a chapter, or \
                         quote the path as `code` instead of linking it"
                    ),
                );
                continue;
            }
            if !exists {
                self.problem(
                    chapter,
                    link.line,
                    format!(
                        "link to `{dest}`: no such file; fix the path (relative to {})",
                        base.display()
                    ),
                );
                continue;
            }
            let (Some(fragment), Some(target)) = (fragment, target) else {
                continue;
            };
            let Some(target_text) = self.chapters.get(&target) else {
                continue;
            };
            let ids = heading_ids(target_text);
            if !ids.contains(fragment) {
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.problem(
                    chapter,
                    link.line,
                    format!(
                        "link to `{dest}`: {target} has no heading with id `{fragment}`; its \
                         headings are: {}",
                        known.join(", ")
                    ),
                );
            }
        }
    }
}
