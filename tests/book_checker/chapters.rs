//! Checks of the chapters: SUMMARY.md, code blocks, include directives, links and
//! listing captions.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use regex::Regex;

use super::markdown::{Directive, directives, heading_ids, line_of, links};
use super::{Book, DOCUMENTS_DIRECTIVES, ERROR_MESSAGE_MARKER, Inclusion, normalize};

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
        let unlisted: Vec<String> = self
            .chapters
            .keys()
            .filter(|file| *file != summary_file && !listed.contains(*file))
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
            self.check_captions(chapter, text);
            if !DOCUMENTS_DIRECTIVES.contains(&chapter.as_str())
                && let Some(at) = text.find("\\{{#")
            {
                self.problem(
                    chapter,
                    line_of(text, at),
                    "`\\{{#...}}` is an escaped directive: mdBook shows it as text and \
                     includes nothing. Remove the backslash",
                );
            }
        }
    }

    /// Listing captions are numbered `N-1`, `N-2`, ... in the order they appear.
    pub(super) fn check_captions(&mut self, chapter: &str, text: &str) {
        let caption = Regex::new(r#"<span class="caption">Listing (\d+)-(\d+)"#).unwrap();
        let code: Vec<_> = Parser::new_ext(text, Options::all())
            .into_offset_iter()
            .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_))))
            .map(|(_, range)| range)
            .collect();
        let captions = caption
            .captures_iter(text)
            .filter(|c| !code.iter().any(|r| r.contains(&c.get(0).unwrap().start())));
        for (expected, found) in (1..).zip(captions) {
            let number: usize = found[2].parse().unwrap_or(0);
            if number != expected {
                self.problem(
                    chapter,
                    line_of(text, found.get(0).unwrap().start()),
                    format!(
                        "caption `Listing {}-{number}` should be `Listing {}-{expected}`: \
                         captions are numbered in order; after inserting or removing one, \
                         renumber the later captions and every `Listing` reference to them",
                        &found[1], &found[1]
                    ),
                );
                break;
            }
        }
    }

    /// Code-block attributes, and every include directive (inside a block or not).
    pub(super) fn check_code_blocks(&mut self, chapter: &str, text: &str) {
        let mut blocks = Vec::new();
        for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
            if let Event::Start(Tag::CodeBlock(kind)) = event {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let line = line_of(text, range.start);
                self.check_block_info(chapter, line, &info, &text[range.clone()]);
                if info.trim() == "rs" {
                    self.check_display_block(chapter, line, &text[range.clone()]);
                }
                blocks.push((range, info));
            }
        }
        for directive in directives(text) {
            let info = blocks
                .iter()
                .find(|(range, _)| range.contains(&directive.offset))
                .map(|(_, info)| info.clone());
            self.check_directive(chapter, line_of(text, directive.offset), &directive, info);
        }
    }

    pub(super) fn check_block_info(&mut self, chapter: &str, line: usize, info: &str, block: &str) {
        let attributes: Vec<&str> = info
            .split([',', ' ', '\t'])
            .filter(|a| !a.is_empty())
            .collect();
        if attributes.contains(&"ignore") || attributes.iter().any(|a| a.starts_with("ignore-")) {
            self.problem(
                chapter,
                line,
                "code block marked `ignore` is never compiled or run: make it compile and \
                 run, mark it `no_run` and say in the text why it must not run, or \
                 `compile_fail,E....` if the point is that it does not build",
            );
        }
        let is_compile_fail = attributes.contains(&"compile_fail");
        let error_code = Regex::new(r"^E\d{4}$").unwrap();
        let names_code = attributes.iter().any(|a| error_code.is_match(a));
        if is_compile_fail && !names_code && !self.states_error_message(chapter, block) {
            self.problem(
                chapter,
                line,
                "`compile_fail` block names no error code: add the one rustc reports, e.g. \
                 `compile_fail,E0277`, so the block fails if the code breaks for another \
                 reason. If rustc reports this error without a code, start the listing with \
                 `// error: <rustc's message>`, which `cargo xtask test` checks instead",
            );
        }
    }

    /// Does the block include a listing whose first line states rustc's error message
    /// (`// error: ...`)? `cargo xtask test` compiles such listings and checks it.
    pub(super) fn states_error_message(&self, chapter: &str, block: &str) -> bool {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        directives(block).iter().any(|directive| {
            normalize(&base.join(&directive.path))
                .and_then(|file| fs::read_to_string(self.root.join(file)).ok())
                .is_some_and(|source| source.starts_with(ERROR_MESSAGE_MARKER))
        })
    }

    /// An `rs` block is highlighted as Rust but never compiled by `mdbook test`, so it
    /// may only show code that `cargo test` runs: an excerpt of a file under `tests/`.
    pub(super) fn check_display_block(&mut self, chapter: &str, line: usize, block: &str) {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let body: Vec<&str> = block
            .lines()
            .skip(1)
            .filter(|l| !l.trim_start().starts_with("```"))
            .collect();
        let only_test_excerpts = !body.is_empty()
            && body.iter().filter(|l| !l.trim().is_empty()).all(|l| {
                let found = directives(l);
                found.len() == 1
                    && found[0].kind == "include"
                    && normalize(&base.join(&found[0].path))
                        .is_some_and(|t| t.starts_with("tests/"))
            });
        if !only_test_excerpts {
            self.problem(
                chapter,
                line,
                "`rs` blocks are shown but never compiled by `mdbook test`: use one only for \
                 `{{#include ../../tests/...:anchor}}` excerpts of tests that cargo runs, and \
                 `rust` for everything else",
            );
        }
    }

    pub(super) fn check_directive(
        &mut self,
        chapter: &str,
        line: usize,
        directive: &Directive,
        block_info: Option<String>,
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
            target: target.filter(|_| readable.is_some()),
            block_info,
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
        let marker = |kind: &str| {
            let pattern = format!(r"\b{kind}:\s*{}\b", regex::escape(anchor));
            Regex::new(&pattern).unwrap().is_match(source)
        };
        let (start, end) = (marker("ANCHOR"), marker("ANCHOR_END"));
        if !(start && end) {
            let missing = match (start, end) {
                (false, false) => format!("`ANCHOR: {anchor}` and `ANCHOR_END: {anchor}`"),
                (false, true) => format!("`ANCHOR: {anchor}`"),
                _ => format!("`ANCHOR_END: {anchor}`"),
            };
            self.problem(
                chapter,
                line,
                format!(
                    "anchor `{anchor}` not found in {file}: it lacks {missing}, so mdBook would \
                     show an empty block; add the comment lines around the code or fix the name"
                ),
            );
        }
    }

    /// Relative links resolve to a file, and `#fragment`s to a heading in it.
    pub(super) fn check_links(&mut self, chapter: &str, text: &str) {
        if chapter == "src/SUMMARY.md" {
            return;
        }
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        for link in links(text) {
            let dest = link.dest.as_str();
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
