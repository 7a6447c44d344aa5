//! The book's integrity checker: what mdBook lets through silently, caught here.
//!
//! mdBook 0.5 logs a missing `{{#include}}` file and still exits 0, renders a missing
//! anchor as an empty block, and happily builds a chapter that SUMMARY.md never links.
//! [`check`] looks at a book checkout (`src/`, `listings/`, `tests/`, `Cargo.toml`) and
//! returns every such problem with the file, the line, and what to do about it.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

mod chapters;
mod listings;
pub mod markdown;

/// Listing-folder files that are support code, not listings: no chapter includes them.
/// (`mod.rs` files only declare modules and are support code too.)
pub const SUPPORT_FILES: &[&str] = &["listings/lib.rs", "listings/measure.rs", "listings/shim.rs"];

/// Chapters that show include directives as examples, escaped with a backslash.
pub const DOCUMENTS_DIRECTIVES: &[&str] = &["src/appendix/contributing.md"];

/// How a listing that rustc rejects without an error code states the message instead.
pub const ERROR_MESSAGE_MARKER: &str = "// error: ";

/// Crates the Rust Playground offers (it has the most downloaded ones).
pub const PLAYGROUND_CRATES: &[&str] = &[
    "tokio",
    "rayon",
    "crossbeam",
    "parking_lot",
    "futures",
    "serde",
    "serde_json",
];

/// One thing a contributor has to fix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the book's root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Checks the book rooted at `root` and returns every problem found, sorted.
pub fn check(root: &Path) -> Vec<Problem> {
    let mut book = Book::load(root);
    book.check_summary();
    book.check_chapters();
    book.check_listings();
    book.problems.sort();
    book.problems.dedup();
    book.problems
}

/// A file that a chapter includes, and the code block the directive sits in.
struct Inclusion {
    chapter: String,
    line: usize,
    /// The included file, relative to the root (`None` if it escapes the root).
    target: Option<String>,
    /// The fenced block's info string, `None` outside a fenced block.
    block_info: Option<String>,
}

struct Book {
    root: PathBuf,
    problems: Vec<Problem>,
    /// Every `.md` under `src/` (relative to the root), with its text.
    chapters: BTreeMap<String, String>,
    inclusions: Vec<Inclusion>,
}

impl Book {
    fn load(root: &Path) -> Book {
        let mut chapters = BTreeMap::new();
        for path in files_under(&root.join("src"), "md") {
            let text = fs::read_to_string(&path).unwrap_or_default();
            chapters.insert(relative(root, &path), text);
        }
        Book {
            root: root.to_path_buf(),
            problems: Vec::new(),
            chapters,
            inclusions: Vec::new(),
        }
    }

    fn problem(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }
}

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `.` and `..` without touching the disk; `None` if it leaves the root.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}
