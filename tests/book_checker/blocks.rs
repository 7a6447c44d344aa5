//! What a code block may contain and how it is marked: Rust that rustdoc compiles is
//! always a listing, shown with `rustdoc_include`; `no_run` only where a listing must
//! not run; `rs` only for excerpts of tests, of the Python extension module, and of
//! listings a Rust block of the same chapter compiles; never `ignore`.

use std::path::Path;

use super::markdown::{attributes, directives};
use super::{Book, EXTENSION_SOURCES, NO_RUN_MARKER, SUPPORT_FILES, normalize};

impl Book {
    pub(super) fn check_blocks(&mut self) {
        for index in 0..self.blocks.len() {
            let block = &self.blocks[index];
            let (chapter, line, info) = (block.chapter.clone(), block.line, block.info.clone());
            let attributes = attributes(&info);
            if attributes.contains(&"ignore") || attributes.iter().any(|a| a.starts_with("ignore-"))
            {
                self.problem(
                    &chapter,
                    line,
                    "code block marked `ignore` is never compiled or run: make it compile and \
                     run, mark it `no_run` and say in the text why it must not run, or \
                     `compile_fail,E....` if the point is that it does not build",
                );
            }
            if info.trim() == "rs" {
                self.check_display_block(index);
            }
            if super::markdown::is_rust(&info) {
                self.check_rust_block(index);
            }
        }
        for file in self.listing_files() {
            self.check_shown_compiled(&file);
        }
    }

    /// Rust that rustdoc compiles is exactly one `rustdoc_include` of a listing.
    fn check_rust_block(&mut self, index: usize) {
        let block = &self.blocks[index];
        let (chapter, line) = (block.chapter.clone(), block.line);
        let found = directives(&block.body);
        let single = found.len() == 1 && block.body.trim() == found[0].text;
        let inclusion = self.inclusions.iter().find(|i| i.block == Some(index));
        let Some(inclusion) = inclusion.filter(|_| single) else {
            self.problem(
                &chapter,
                line,
                "this block is Rust to rustdoc, so `mdbook test` compiles it, but it is not a \
                 listing: move the code into a file under listings/<part>/<chapter>/, declare \
                 it in that folder's mod.rs, and make `{{#rustdoc_include \
                 ../../listings/...rs:anchor}}` the block's only line (if it is not Rust, give \
                 the block a language such as `text`)",
            );
            return;
        };
        let Some(target) = inclusion.target.clone() else {
            return; // a missing file, reported with the directive
        };
        let (kind, anchor) = (inclusion.kind.clone(), inclusion.anchor.clone());
        let is_listing = target.starts_with("listings/")
            && target.ends_with(".rs")
            && !target.ends_with("/mod.rs")
            && !SUPPORT_FILES.contains(&target.as_str());
        match (is_listing, kind.as_str(), anchor) {
            (true, "rustdoc_include", _) => self.check_no_run(index, &target),
            (true, "include", Some(anchor)) => self.problem(
                &chapter,
                line,
                format!(
                    "`{{{{#include ...:{anchor}}}}}` in a Rust block: rustdoc then compiles \
                     only the anchored lines, without the listing's hidden header, so what \
                     runs is not the listing; write `{{{{#rustdoc_include ...:{anchor}}}}}`"
                ),
            ),
            (true, _, _) => self.problem(
                &chapter,
                line,
                "show a listing with `{{#rustdoc_include ../../listings/...rs:anchor}}`, which \
                 compiles the whole file and shows only the anchor",
            ),
            (false, _, _) => self.problem(
                &chapter,
                line,
                format!(
                    "this block is Rust to rustdoc but includes `{target}`, which is not a \
                     listing: show Rust only from listings/ with `{{{{#rustdoc_include}}}}` \
                     (excerpts of tests go in an `rs` block with `{{{{#include}}}}`)"
                ),
            ),
        }
    }

    /// `no_run` only for a benchmark or a listing that says why it must not run; a
    /// benchmark always `no_run`; a listing that runs asserts what it shows.
    fn check_no_run(&mut self, index: usize, listing: &str) {
        let block = &self.blocks[index];
        let (chapter, line) = (block.chapter.clone(), block.line);
        let no_run = block.has("no_run");
        let is_bench = Path::new(listing)
            .file_stem()
            .is_some_and(|s| s.to_string_lossy().starts_with("bench_"));
        if block.has("compile_fail") {
            return;
        }
        if is_bench && !no_run {
            self.problem(
                &chapter,
                line,
                format!(
                    "{listing} is a benchmark: mark the block `no_run` (e.g. \
                     `rust,no_run,noplayground`), since `mdbook test` must never run a benchmark"
                ),
            );
        }
        let source = self.source(listing);
        let reason = source
            .lines()
            .next()
            .and_then(|first| first.strip_prefix(NO_RUN_MARKER))
            .is_some_and(|reason| !reason.trim().is_empty());
        let asserts = super::rust_source::code_only(&source).contains("assert");
        if !no_run && !is_bench && !asserts {
            self.problem(
                &chapter,
                line,
                format!(
                    "{listing} runs in `mdbook test` but asserts nothing, so nothing checks \
                     what the text says it shows: state the claim in `main` with `assert!` or \
                     `assert_eq!`"
                ),
            );
        }
        if no_run && !is_bench && !reason && !self.runs_in_another_block(index, listing) {
            self.problem(
                &chapter,
                line,
                format!(
                    "`no_run` on {listing}, which is not a benchmark and no other block runs: \
                     let `mdbook test` run it (remove `no_run`), or, if it must not run, make \
                     its first line \
                     `{NO_RUN_MARKER}<why>` (e.g. `{NO_RUN_MARKER}deadlocks on purpose`) and \
                     say why in the text"
                ),
            );
        }
    }

    /// Whether a block other than block `index` includes `listing` and runs it. Each
    /// block compiles and runs the whole file, so a listing shown again (another
    /// anchor of it) may be `no_run` there: compiled, not run twice.
    fn runs_in_another_block(&self, index: usize, listing: &str) -> bool {
        self.inclusions.iter().any(|inclusion| {
            inclusion.block != Some(index)
                && inclusion.target.as_deref() == Some(listing)
                && self
                    .block_of(inclusion)
                    .is_some_and(|b| b.is_compiled() && !b.has("no_run") && !b.has("compile_fail"))
        })
    }

    /// A listing shown only in blocks that rustdoc never compiles shows code that never
    /// ran.
    fn check_shown_compiled(&mut self, file: &str) {
        let shown: Vec<(String, usize, bool)> = self
            .inclusions_of(file)
            .map(|i| {
                let compiled = self.block_of(i).is_some_and(|b| b.is_compiled());
                (i.chapter.clone(), i.line, compiled)
            })
            .collect();
        if let Some((chapter, line, _)) = shown.first()
            && shown.iter().all(|(_, _, compiled)| !compiled)
        {
            self.problem(
                chapter,
                *line,
                format!(
                    "{file} is shown only where rustdoc never compiles it (a `text`, `rs` or \
                     `console` block, or outside a block), so readers see code that never \
                     ran: show it in a `rust` block with `{{{{#rustdoc_include}}}}`"
                ),
            );
        }
    }

    /// An `rs` block is highlighted as Rust but never compiled by `mdbook test`, so it
    /// may only show code that something else compiles and runs: an excerpt of a file
    /// under `tests/` (cargo), of the Python extension module's sources (built by
    /// `cargo xtask test` and run by its Python tests), or of a listing that a `rust`
    /// block of the same chapter includes. That block compiles the whole file, so a
    /// second part of it shown in a `rust` block would compile the same code again.
    fn check_display_block(&mut self, index: usize) {
        let block = &self.blocks[index];
        let (chapter, line) = (block.chapter.clone(), block.line);
        let base = Path::new(&chapter).parent().unwrap_or(Path::new(""));
        let body: Vec<&str> = block
            .body
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let compiled_here = |target: &str| {
            self.inclusions.iter().any(|inclusion| {
                inclusion.chapter == chapter
                    && inclusion.kind == "rustdoc_include"
                    && inclusion.target.as_deref() == Some(target)
                    && self.block_of(inclusion).is_some_and(|b| b.is_compiled())
            })
        };
        let only_excerpts = !body.is_empty()
            && body.iter().all(|l| {
                let found = directives(l);
                found.len() == 1
                    && found[0].kind == "include"
                    && normalize(&base.join(&found[0].path)).is_some_and(|t| {
                        t.starts_with("tests/")
                            || t.starts_with(EXTENSION_SOURCES)
                            || compiled_here(&t)
                    })
            });
        if !only_excerpts {
            self.problem(
                &chapter,
                line,
                format!(
                    "`rs` blocks are shown but never compiled by `mdbook test`: use one only \
                     for `{{{{#include ...:anchor}}}}` excerpts of tests that cargo runs, of \
                     the Python extension module ({EXTENSION_SOURCES}), or of a listing a \
                     `rust` block of this chapter shows, and `rust` for everything else"
                ),
            );
        }
    }
}
