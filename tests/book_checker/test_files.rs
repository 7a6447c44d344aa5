//! The tests themselves: a bug test states the panic it expects, nothing is ignored,
//! and every file directly in `tests/` is named after the chapter it tests.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::markdown::line_of;
use super::rust_source::code_only;
use super::{Book, files_under, relative};

impl Book {
    pub(super) fn check_test_files(&mut self) {
        for path in files_under(&self.root.join("tests"), "rs") {
            let file = relative(&self.root, &path);
            let source = self.source(&file);
            self.check_test_attributes(&file, &source);
        }
        let chapters: BTreeSet<String> = self
            .chapters
            .keys()
            .filter(|c| *c != "src/SUMMARY.md")
            .filter_map(|c| Path::new(c).file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        let named = regex!(r"^(?:loom|prop|unit)_(\w+)\.rs$");
        let Ok(entries) = fs::read_dir(self.root.join("tests")) else {
            return;
        };
        let mut files: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .collect();
        files.sort();
        for name in files {
            let fits = name.starts_with("book_")
                || named
                    .captures(&name)
                    .is_some_and(|c| chapters.contains(&c[1]));
            if !fits {
                self.problem(
                    &format!("tests/{name}"),
                    1,
                    "test files are named after the chapter they test: `loom_<chapter>.rs` \
                     (loom models), `prop_<chapter>.rs` (property tests) or \
                     `unit_<chapter>.rs` (fixed-input tests), where <chapter> is the file \
                     stem of a chapter under src/ (e.g. races); or `book_<name>.rs` for the \
                     book's own checks. Rename the file (and its `cargo test --test` uses)",
                );
            }
        }
    }

    fn check_test_attributes(&mut self, file: &str, source: &str) {
        let code = code_only(source);
        let should_panic = regex!(r"#\s*\[\s*should_panic\b");
        let expected =
            regex!(r#"^#\s*\[\s*should_panic\s*\(\s*expected\s*=\s*"((?:[^"\\]|\\.)+)"\s*\)\s*\]"#);
        for found in should_panic.find_iter(&code) {
            if !expected.is_match(&source[found.start()..]) {
                self.problem(
                    file,
                    line_of(&code, found.start()),
                    "`should_panic` without a message passes on any panic, an unrelated bug \
                     included: write `#[should_panic(expected = \"<the panic message the bug \
                     causes>\")]`",
                );
            }
        }
        let ignore = regex!(r"#\s*\[\s*(?:ignore\b|cfg_attr\s*\([^\]]*\bignore\b)");
        for found in ignore.find_iter(&code) {
            self.problem(
                file,
                line_of(&code, found.start()),
                "`#[ignore]` turns a test off for good: make it pass, fix what it finds, or \
                 delete it",
            );
        }
    }
}
