//! The book's integrity checker: what mdBook lets through silently, caught here.
//!
//! mdBook 0.5 logs a missing `{{#include}}` file and still exits 0, renders a missing
//! anchor as an empty block, and happily builds a chapter that SUMMARY.md never links.
//! [`check`] looks at a book checkout (`src/`, `listings/`, `tests/`, `Cargo.toml`) and
//! returns every such problem with the file, the line, and what to do about it.
//!
//! One module per area: `chapters` (SUMMARY.md, directives, anchors, links), `blocks`
//! (what a code block may contain and how it is marked), `captions`, `stderr`
//! (`compile_fail` listings and their shown errors), `listings` and `modules` (what
//! the crate compiles), `manifest` (Cargo.toml), `loom` (models for shared state),
//! `test_files` (the tests themselves and their names), `measurements` (measured numbers
//! quoted only from results files), `runs` (benchmark runs on a quiet machine, agreeing
//! with each other) and `references` (`Listing N-M` and `Chapter N`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// A regex compiled once (debug builds compile regexes slowly).
macro_rules! regex {
    ($pattern:expr) => {{
        static REGEX: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new($pattern).unwrap());
        &*REGEX
    }};
}

mod blocks;
mod captions;
mod chapters;
mod figures;
mod listings;
mod loom;
mod manifest;
pub mod markdown;
mod measurements;
// For the fault tests (tests/book_checker_faults.rs), which write results files.
#[allow(unused_imports)]
pub use measurements::sources_record;
mod modules;
mod references;
pub mod runs;
mod rust_source;
mod stderr;
mod test_files;

/// Listing-folder files that are support code, not listings: no chapter includes them.
/// (`mod.rs` files only declare modules and are support code too.)
pub const SUPPORT_FILES: &[&str] = &["listings/lib.rs", "listings/measure.rs", "listings/shim.rs"];

/// The Python extension module's Rust sources: compiled by its own build and run by its
/// Python tests (tests/unit_rust_in_python.rs), so a chapter shows them in `rs` blocks.
pub const EXTENSION_SOURCES: &str = "python_ext/src/";

/// Results files that `cargo xtask bench` writes and chapters include: not chapters.
pub const RESULTS_DIR: &str = "src/results";

/// First line of a listing that is shown `no_run` although it is not a benchmark,
/// followed by the reason it must not run, e.g. `// no_run: deadlocks on purpose`.
pub const NO_RUN_MARKER: &str = "// no_run: ";

/// Listings that use std's threads and locks directly, without the loom shim, and so
/// have no loom model, each with the reason. Everything else that shares state
/// between threads goes through `crate::shim` and has a model in
/// `tests/loom_<chapter>.rs`.
pub const NO_LOOM_MODEL: &[(&str, &str)] = &[
    (
        "listings/async/mental_model/socket_read.rs",
        "tasks on tokio's runtime reading real sockets, which loom cannot run; the `Arc`s only count polls and waiting clients; tests/unit_mental_model.rs checks it on one thread, under a deadline",
    ),
    (
        "listings/program/crawler/limits.rs",
        "its std `Mutex` only guards a map of hosts and is never held across an `.await`; the limits it hands out are tokio semaphores on real sockets, which loom cannot run; checked in tests/unit_crawler.rs and tests/prop_crawler.rs",
    ),
    (
        "listings/program/exercises/robots.rs",
        "the exercise's starting file: its std `Mutex` guards a map of hosts and must not be held across an `.await`; the rules are fetched over real sockets, which loom cannot run; tests/prop_exercises.rs checks the answer",
    ),
    (
        "listings/program/exercises/robots_solution.rs",
        "its std `Mutex` guards a map of hosts and is never held across an `.await`; the rules are fetched over real sockets, which loom cannot run; tests/prop_exercises.rs checks it",
    ),
    (
        "listings/program/crawler/site.rs",
        "an axum server on real sockets, which loom cannot run; its std `Mutex` only guards counters; the crawler's tests read those counts",
    ),
    (
        "listings/processes/processes/fork_hazard.rs",
        "the point is `fork`, which loom cannot model: the child is a real process that blocks on a lock copied in its locked state; its `main` and tests/unit_processes.rs check it",
    ),
    (
        "listings/processes/processes/pipe_deadlock.rs",
        "its threads block on a child process's pipes, which loom cannot model; its `main` runs the fix, then the deadlock under a deadline",
    ),
    (
        "listings/processes/processes/pool.rs",
        "the workers are child processes, which loom cannot model, and reader threads pass their frames over std's channels; checked in tests/unit_processes.rs and tests/prop_processes.rs",
    ),
    (
        "listings/processes/shared_memory/arc_slice.rs",
        "the threads only read an immutable `Arc<[u32]>`, so there is nothing to interleave; its `main` checks the sums, the shared address and the final count",
    ),
    (
        "listings/threads/coordination/per_thread.rs",
        "each thread has its own `thread_local!` copy; only an atomic id counter is shared, and its `main` checks both",
    ),
    (
        "listings/threads/deadlocks/message_passing.rs",
        "one thread owns the balances and others reach it over std's channels, which the shim does not replace; checked with real threads in tests/prop_deadlocks.rs",
    ),
    (
        "listings/threads/races/poisoning.rs",
        "shows poisoning, which loom's `Mutex` never reports; its `main` asserts every balance",
    ),
    (
        "listings/threads/spawning/join_panic.rs",
        "no shared state: the result or the panic comes back through `join`; checked by its `main` and the spawning tests",
    ),
    (
        "listings/threads/spawning/main_returns.rs",
        "shows the process ending when `main` returns, which a loom model cannot show",
    ),
    (
        "listings/threads/spawning/spawn_join.rs",
        "no shared state: the thread owns its input and returns its result through `join`",
    ),
    (
        "listings/toolkit/queues/crossbeam_workers.rs",
        "crossbeam's channels, which the shim does not replace; checked with real threads in tests/prop_queues.rs",
    ),
    (
        "listings/toolkit/queues/std_hangups.rs",
        "std's channels, which the shim does not replace; each hang-up is asserted in order by its `main`",
    ),
    (
        "listings/toolkit/queues/std_workers.rs",
        "std's channels, which the shim does not replace (the `Mutex` only shares the one `Receiver`); checked with real threads in tests/prop_queues.rs",
    ),
    (
        "listings/async/blocking/mutex_choice.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/async/cancellation/drop_cancels.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/async/cancellation/graceful_server.rs",
        "runs on tokio's runtime, which loom does not model; checked over real loopback connections",
    ),
    (
        "listings/async/cancellation/graceful_shutdown.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/async/mental_model/forgot_await.rs",
        "one thread: the atomic only records whether a future ran",
    ),
    (
        "listings/async/mental_model/lazy_future.rs",
        "one thread: the atomic only counts how often a future ran",
    ),
    (
        "listings/async/mental_model/tiny_executor.rs",
        "one thread polls every task; the `Mutex` only makes the waker `Send + Sync` (the loom model is of oneshot.rs)",
    ),
    (
        "listings/async/tasks/concurrent_waits.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/async/tasks/failure_policies.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/toolkit/primitives/async_barrier.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/toolkit/primitives/limit_in_flight.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/toolkit/primitives/rwlock_fifo.rs",
        "runs on tokio's runtime, which loom does not model; checked on the paused clock",
    ),
    (
        "listings/toolkit/executors/thread_orders.rs",
        "no shared state: each thread owns its job and hands the result back through `join` or a channel; tests/unit_executors.rs and tests/prop_executors.rs open gates to choose the order jobs finish in",
    ),
    (
        "listings/foundations/no_gil/arc_to_thread.rs",
        "read-only sharing: threads only read through the `Arc`, and its `main` checks what each saw",
    ),
];

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
    book.check_blocks();
    book.check_captions();
    book.check_figures();
    book.check_stderr_files();
    book.check_listings();
    book.check_loom();
    book.check_test_files();
    book.check_examples();
    book.check_measurements();
    book.check_results_sources();
    book.check_quiet_runs();
    book.check_same_measurements();
    book.check_references();
    book.problems.sort();
    book.problems.dedup();
    book.problems
}

/// A file that a chapter includes, and the code block the directive sits in.
struct Inclusion {
    chapter: String,
    line: usize,
    kind: String,
    anchor: Option<String>,
    /// The included file, relative to the root (`None` if it is missing).
    target: Option<String>,
    /// Index in `Book::blocks` of the code block holding the directive.
    block: Option<usize>,
}

/// A code block of a chapter.
struct Block {
    chapter: String,
    line: usize,
    /// The info string (empty for an indented block).
    info: String,
    body: String,
}

impl Block {
    fn has(&self, attribute: &str) -> bool {
        markdown::attributes(&self.info).contains(&attribute)
    }

    /// rustdoc compiles it (and runs it unless `no_run` or `compile_fail`).
    fn is_compiled(&self) -> bool {
        markdown::is_rust(&self.info)
            && !self.has("ignore")
            && !markdown::attributes(&self.info)
                .iter()
                .any(|a| a.starts_with("ignore-"))
    }
}

struct Book {
    root: PathBuf,
    problems: Vec<Problem>,
    /// Every `.md` under `src/` (relative to the root), with its text, except results.
    chapters: BTreeMap<String, String>,
    /// Every results file under `RESULTS_DIR`, with its text.
    results: BTreeMap<String, String>,
    /// Every code block of every chapter, in chapter order then in text order.
    blocks: Vec<Block>,
    inclusions: Vec<Inclusion>,
}

impl Book {
    fn load(root: &Path) -> Book {
        let (mut chapters, mut results) = (BTreeMap::new(), BTreeMap::new());
        for path in files_under(&root.join("src"), "md") {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let file = relative(root, &path);
            match file.starts_with(&format!("{RESULTS_DIR}/")) {
                true => results.insert(file, text),
                false => chapters.insert(file, text),
            };
        }
        Book {
            root: root.to_path_buf(),
            problems: Vec::new(),
            chapters,
            results,
            blocks: Vec::new(),
            inclusions: Vec::new(),
        }
    }

    /// Each chapter's number as mdBook gives it (`5`, `9.1`), from SUMMARY.md.
    fn chapter_numbers(&self) -> BTreeMap<String, String> {
        self.chapters
            .get("src/SUMMARY.md")
            .map(|summary| captions::chapter_numbers(summary))
            .unwrap_or_default()
    }

    /// Every page but SUMMARY.md, with its text: copied, so that a check can record
    /// problems while it reads them.
    fn pages(&self) -> Vec<(String, String)> {
        self.chapters
            .iter()
            .filter(|(chapter, _)| *chapter != "src/SUMMARY.md")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Where readers see the repository's files: book.toml's `git-repository-url`
    /// followed by `/blob/main/`. A link there to a listing's path is a source link.
    fn source_url(&self) -> Option<String> {
        use toml::de::{DeTable, DeValue};
        let text = self.source("book.toml");
        let config = DeTable::parse(&text).ok()?;
        let html = manifest::table(manifest::table(config.get_ref(), "output")?, "html")?;
        let Some(DeValue::String(url)) = html.get("git-repository-url").map(|v| v.get_ref()) else {
            return None;
        };
        Some(format!("{}/blob/main/", url.trim_end_matches('/')))
    }

    /// Every file of the repository that some chapter links with a source link.
    fn source_linked(&self) -> BTreeSet<String> {
        let Some(url) = self.source_url() else {
            return BTreeSet::new();
        };
        self.chapters
            .values()
            .flat_map(|text| markdown::links(text))
            .filter_map(|link| Some(link.dest.strip_prefix(&url)?.to_owned()))
            .collect()
    }

    /// The code block holding an inclusion.
    fn block_of(&self, inclusion: &Inclusion) -> Option<&Block> {
        inclusion.block.map(|index| &self.blocks[index])
    }

    /// Inclusions of `file` (relative to the root).
    fn inclusions_of<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a Inclusion> + 'a {
        self.inclusions
            .iter()
            .filter(move |i| i.target.as_deref() == Some(file))
    }

    /// Every listing: `listings/**/*.rs` except support files and `mod.rs` files.
    fn listing_files(&self) -> Vec<String> {
        files_under(&self.root.join("listings"), "rs")
            .iter()
            .map(|path| relative(&self.root, path))
            .filter(|file| !SUPPORT_FILES.contains(&file.as_str()) && !file.ends_with("/mod.rs"))
            .collect()
    }

    fn source(&self, file: &str) -> String {
        fs::read_to_string(self.root.join(file)).unwrap_or_default()
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
