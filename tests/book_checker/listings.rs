//! Checks of the listings: none orphaned, each compiled by the crate, each with the
//! `extern crate` lines and Playground setting its doctest needs.

use std::collections::BTreeSet;

use regex::Regex;

use super::markdown::line_of;
use super::rust_source::code_only;
use super::{Book, PLAYGROUND_CRATES};

impl Book {
    pub(super) fn check_listings(&mut self) {
        let manifest = self.manifest();
        let compiled = self.crate_modules();
        let included: BTreeSet<String> = self
            .inclusions
            .iter()
            .filter_map(|i| i.target.clone())
            .collect();
        // A benchmark's code is rarely the lesson: a chapter may link it on the
        // repository (a source link) instead of showing it.
        let linked = self.source_linked();
        for file in self.listing_files() {
            let source = self.source(&file);
            let is_bench = file
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("bench_"));
            if is_bench && linked.contains(&file) && !included.contains(&file) {
                continue;
            }
            if !included.contains(&file) {
                self.problem(
                    &file,
                    1,
                    "orphan listing: no chapter includes it; include it with \
                     `{{#rustdoc_include ...}}` (a benchmark may instead be linked on the \
                     repository: book.toml's git-repository-url, then `/blob/main/<path>`), \
                     delete it, or if it is support code add it to SUPPORT_FILES in \
                     tests/book_checker/mod.rs",
                );
                continue;
            }
            let is_program = manifest
                .examples
                .iter()
                .chain(&manifest.bins)
                .any(|e| e.path == file);
            if !self.is_compile_fail(&file) && !is_program && !compiled.contains(&file) {
                let message = self.missing_module_link(&file, &compiled);
                self.problem(&file, 1, message);
            }
            self.check_extern_crates(&file, &source, &manifest.dependencies);
            self.check_playground(&file, &source);
            if let Some(at) = source.find("#![feature") {
                self.problem(
                    &file,
                    line_of(&source, at),
                    "uses an unstable feature: listings must build on stable Rust, as readers' do",
                );
            }
            if let (Some(anchor), Some(shim)) =
                (source.find("// ANCHOR:"), source.rfind("crate::shim"))
                && shim > anchor
            {
                self.problem(
                    &file,
                    line_of(&source, shim),
                    "the loom-shim `use` lines are inside the anchor, so readers would see \
                     `crate::shim`: move them above the first `// ANCHOR:` line",
                );
            }
        }
    }

    /// Is the listing shown in a `compile_fail` block (so the crate must not compile it)?
    pub(super) fn is_compile_fail(&self, file: &str) -> bool {
        self.inclusions_of(file)
            .any(|i| self.block_of(i).is_some_and(|b| b.has("compile_fail")))
    }

    /// A `rust` block gets a Run button that sends it to the Rust Playground, which has
    /// only the most popular crates: a listing that needs another must turn it off.
    pub(super) fn check_playground(&mut self, file: &str, source: &str) {
        let declaration = regex!(r"(?m)^\s*extern\s+crate\s+(\w+)\s*;");
        let Some(missing) = declaration
            .captures_iter(source)
            .map(|c| c[1].to_owned())
            .find(|name| !PLAYGROUND_CRATES.contains(&name.as_str()))
        else {
            return;
        };
        let offenders: Vec<(String, usize)> = self
            .inclusions_of(file)
            .filter(|i| {
                self.block_of(i)
                    .is_some_and(|b| b.is_compiled() && !b.has("noplayground"))
            })
            .map(|i| (i.chapter.clone(), i.line))
            .collect();
        for (chapter, line) in offenders {
            self.problem(
                &chapter,
                line,
                format!(
                    "{file} needs crate `{missing}`, which the Rust Playground does not have: \
                     add `noplayground` to the block's attributes (e.g. `rust,noplayground`)"
                ),
            );
        }
    }

    /// `mdbook test` gives rustdoc only `-L`, so a doctest finds a crates.io crate only
    /// through an explicit `extern crate`.
    pub(super) fn check_extern_crates(
        &mut self,
        file: &str,
        source: &str,
        dependencies: &[String],
    ) {
        for name in dependencies {
            let usage = Regex::new(&format!(r"\b{name}::|\buse\s+{name}\b|#\[{name}::")).unwrap();
            let declaration = Regex::new(&format!(r"(?m)^\s*extern\s+crate\s+{name}\s*;")).unwrap();
            if let Some(found) = usage.find(&code_only(source))
                && !declaration.is_match(source)
            {
                self.problem(
                    file,
                    line_of(source, found.start()),
                    format!(
                        "uses `{name}` without `extern crate {name};`: `mdbook test` passes \
                             only -L to rustdoc, so add that line at the top, outside the anchor"
                    ),
                );
            }
        }
    }
}
