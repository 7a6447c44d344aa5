//! A `compile_fail` listing `<stem>.rs` has a sibling `<stem>.stderr` holding rustc's
//! error as the reader sees it, shown in a `text` block right after the listing's
//! block; the block names the error code of the file's first line, or none when rustc
//! reports none.

use std::path::Path;

use super::markdown::{attributes, is_error_code};
use super::{Book, files_under, relative};

impl Book {
    pub(super) fn check_stderr_files(&mut self) {
        for index in 0..self.blocks.len() {
            let block = &self.blocks[index];
            if !block.is_compiled() || !block.has("compile_fail") {
                continue;
            }
            let listing = self
                .inclusions
                .iter()
                .filter(|i| i.block == Some(index))
                .filter_map(|i| i.target.clone())
                .find(|t| t.starts_with("listings/") && t.ends_with(".rs"));
            if let Some(listing) = listing {
                self.check_compile_fail_block(index, &listing);
            }
        }
        for path in files_under(&self.root.join("listings"), "stderr") {
            let stderr = relative(&self.root, &path);
            let listing = stderr.replace(".stderr", ".rs");
            let shown: Vec<(String, usize, Option<usize>)> = self
                .inclusions_of(&stderr)
                .map(|i| (i.chapter.clone(), i.line, i.block))
                .collect();
            if shown.is_empty() {
                self.problem(
                    &stderr,
                    1,
                    format!(
                        "no chapter shows this error: include it in a `text` block right after \
                         the `compile_fail` block that shows {listing}, or delete it"
                    ),
                );
            }
            for (chapter, line, block) in shown {
                let after_its_block = block
                    .and_then(|b| b.checked_sub(1))
                    .is_some_and(|before| self.compile_fail_shows(before, &chapter, &listing));
                if !after_its_block {
                    self.problem(
                        &chapter,
                        line,
                        format!(
                            "{stderr} is rustc's error for {listing}: show it only in the \
                             `text` block right after the `compile_fail` block of {listing}"
                        ),
                    );
                }
            }
        }
    }

    /// Is block `index` of `chapter` a `compile_fail` block showing `listing`?
    fn compile_fail_shows(&self, index: usize, chapter: &str, listing: &str) -> bool {
        let block = &self.blocks[index];
        block.chapter == chapter
            && block.has("compile_fail")
            && self
                .inclusions
                .iter()
                .any(|i| i.block == Some(index) && i.target.as_deref() == Some(listing))
    }

    fn check_compile_fail_block(&mut self, index: usize, listing: &str) {
        let block = &self.blocks[index];
        let (chapter, line) = (block.chapter.clone(), block.line);
        let codes: Vec<String> = attributes(&block.info)
            .into_iter()
            .filter(|a| is_error_code(a))
            .map(str::to_owned)
            .collect();
        let stderr = listing.replace(".rs", ".stderr");
        let include = format!("{{{{#include {}}}}}", from_chapter(&chapter, &stderr));
        let Ok(error) = std::fs::read_to_string(self.root.join(&stderr)) else {
            self.problem(
                &chapter,
                line,
                format!(
                    "{listing} is shown as `compile_fail`, so readers should see rustc's \
                     error: save it (trimmed, as the reader sees it) in {stderr}, and show it \
                     in a `text` block right after this one: `{include}`"
                ),
            );
            return;
        };
        let next = self
            .blocks
            .get(index + 1)
            .filter(|next| next.chapter == chapter);
        let shown_next = next.is_some_and(|next| {
            next.info.trim() == "text"
                && next.body.trim().starts_with("{{#include")
                && self
                    .inclusions
                    .iter()
                    .filter(|i| i.block == Some(index + 1))
                    .all(|i| i.target.as_deref() == Some(stderr.as_str()) && i.anchor.is_none())
                && self.inclusions.iter().any(|i| i.block == Some(index + 1))
        });
        if !shown_next {
            self.problem(
                &chapter,
                line,
                format!(
                    "show rustc's error right after this `compile_fail` block: the next code \
                     block must be a `text` block holding only `{include}`"
                ),
            );
        }
        let first = error.lines().next().unwrap_or("");
        let coded = regex!(r"^error\[(E\d{4})\]: ");
        let stated = match coded.captures(first) {
            Some(c) => Some(c[1].to_owned()),
            None if first.starts_with("error: ") => None,
            None => {
                self.problem(
                    &stderr,
                    1,
                    "the first line must be rustc's first error line, `error[E....]: ...` or \
                     (for an error without a code) `error: ...`: paste rustc's output from \
                     that line on",
                );
                return;
            }
        };
        match stated {
            Some(code) if codes != [code.clone()] => self.problem(
                &chapter,
                line,
                format!(
                    "rustc reports {code} ({stderr}, line 1): the block must name exactly that \
                     code, `compile_fail,{code}`, so it fails if the code breaks for another \
                     reason"
                ),
            ),
            None if !codes.is_empty() => self.problem(
                &chapter,
                line,
                format!(
                    "{stderr} starts with an error without a code, but the block names {}: \
                     remove the code, or fix {stderr} if rustc's error changed",
                    codes.join(", ")
                ),
            ),
            _ => {}
        }
    }
}

/// `file` (relative to the root) as a chapter writes it in a directive.
fn from_chapter(chapter: &str, file: &str) -> String {
    let depth = Path::new(chapter).components().count().saturating_sub(1);
    format!("{}{file}", "../".repeat(depth))
}
