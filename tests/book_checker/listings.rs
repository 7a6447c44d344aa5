//! Checks of the listings: none orphaned, each compiled by the crate, each with the
//! `extern crate` lines and Playground setting its doctest needs, each shared-state
//! listing loom-tested.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use regex::Regex;

use super::markdown::line_of;
use super::{Book, PLAYGROUND_CRATES, SUPPORT_FILES, files_under, relative};

impl Book {
    /// Listings: none orphaned, each compiled by the crate, each with the `extern
    /// crate` lines its doctest needs, and each shared-state listing loom-tested.
    pub(super) fn check_listings(&mut self) {
        let dependencies = crate_dependencies(&self.root.join("Cargo.toml"));
        let mut loom_tests = String::new();
        for path in files_under(&self.root.join("tests"), "rs") {
            let is_loom = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("loom_"));
            let source = fs::read_to_string(&path).unwrap_or_default();
            if is_loom && !source.contains("#![cfg(loom)]") {
                self.problem(
                    &relative(&self.root, &path),
                    1,
                    "a loom test file must start with `#![cfg(loom)]` (after its `//!` doc \
                     lines): an ordinary build has no `loom` crate. Do not add loom as a \
                     dependency, whatever rustc suggests",
                );
            }
            if is_loom {
                loom_tests.push_str(&source);
            }
        }
        let included: BTreeSet<String> = self
            .inclusions
            .iter()
            .filter_map(|i| i.target.clone())
            .collect();

        for path in files_under(&self.root.join("listings"), "rs") {
            let file = relative(&self.root, &path);
            let source = fs::read_to_string(&path).unwrap_or_default();
            if SUPPORT_FILES.contains(&file.as_str()) || file.ends_with("/mod.rs") {
                continue;
            }
            if !included.contains(&file) {
                self.problem(
                    &file,
                    1,
                    "orphan listing: no chapter includes it; include it with \
                     `{{#rustdoc_include ...}}`, delete it, or if it is support code add it to \
                     SUPPORT_FILES in tests/book_checker/mod.rs",
                );
                continue;
            }
            let compile_fail = self.inclusions.iter().any(|i| {
                i.target.as_deref() == Some(file.as_str())
                    && i.block_info
                        .as_deref()
                        .is_some_and(|info| info.contains("compile_fail"))
            });
            if !compile_fail {
                self.check_declared(&file);
            }
            self.check_extern_crates(&file, &source, &dependencies);
            self.check_playground(&file, &source);
            if let Some(at) = source.find("#![feature") {
                self.problem(
                    &file,
                    line_of(&source, at),
                    "uses an unstable feature: listings must build on stable Rust, as readers' do",
                );
            }
            let stem = Path::new(&file)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let uses_shim = source.contains("crate::shim");
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
            if uses_shim
                && !Regex::new(&format!(r"\b{stem}\b"))
                    .unwrap()
                    .is_match(&loom_tests)
            {
                self.problem(
                    &file,
                    line_of(&source, source.find("crate::shim").unwrap()),
                    format!(
                        "shares state through the loom shim but no tests/loom_*.rs mentions \
                         `{stem}`: add a loom model for it (this check only looks for the \
                         name; it cannot tell whether a model exercises the listing)"
                    ),
                );
            }
        }
    }

    /// A listing shown as working code must be a module of the crate, or `cargo test`
    /// and clippy never see it.
    pub(super) fn check_declared(&mut self, file: &str) {
        let path = Path::new(file);
        let stem = path.file_stem().unwrap().to_string_lossy();
        let dir = path.parent().unwrap();
        let parent = if dir == Path::new("listings") {
            "listings/lib.rs".to_owned()
        } else {
            format!("{}/mod.rs", dir.display())
        };
        let declarations = fs::read_to_string(self.root.join(&parent)).unwrap_or_default();
        let declared = Regex::new(&format!(r"(?m)^\s*(pub(\([^)]*\))?\s+)?mod\s+{stem}\s*;"))
            .unwrap()
            .is_match(&declarations);
        let manifest = fs::read_to_string(self.root.join("Cargo.toml")).unwrap_or_default();
        let example = manifest.contains(&format!("path = \"{file}\""));
        if !declared && !example {
            self.problem(
                file,
                1,
                format!(
                    "not compiled by the crate, so no test can call it: add `pub mod {stem};` \
                     to {parent} (or, for a program of its own such as a benchmark, an \
                     `[[example]]` with this path in Cargo.toml)"
                ),
            );
        }
    }

    /// A block gets a Run button that sends it to the Rust Playground, which has only
    /// the most popular crates: a listing that needs another must turn the button off.
    pub(super) fn check_playground(&mut self, file: &str, source: &str) {
        let declaration = Regex::new(r"(?m)^\s*extern\s+crate\s+(\w+)\s*;").unwrap();
        let Some(missing) = declaration
            .captures_iter(source)
            .map(|c| c[1].to_owned())
            .find(|name| !PLAYGROUND_CRATES.contains(&name.as_str()))
        else {
            return;
        };
        let offenders: Vec<(String, usize)> = self
            .inclusions
            .iter()
            .filter(|i| i.target.as_deref() == Some(file))
            .filter(|i| {
                i.block_info
                    .as_deref()
                    .is_some_and(|info| !info.contains("noplayground"))
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
            if let Some(found) = usage.find(source)
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

/// Names of the crate's normal dependencies, as Rust spells them (`-` becomes `_`).
fn crate_dependencies(manifest: &Path) -> Vec<String> {
    let text = fs::read_to_string(manifest).unwrap_or_default();
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
        } else if in_dependencies && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                names.push(name.replace('-', "_"));
            }
        }
    }
    names
}
