//! The source files behind a benchmark's results, each with a hash of its text.
//!
//! `cargo xtask bench` records them in the results file it writes, and the book's
//! integrity checks (`tests/book_checker`, which compile this same file) compute them
//! again: a benchmark, a listing it calls, `listings/measure.rs` or a Python script
//! edited since the results were written makes the check fail, naming the file.
//!
//! A benchmark's sources are its own file, every listing module it names by path
//! (`listings::a::b`, `crate::a::b`, `super::b`), followed from file to file, and every
//! `.py` file it names in a string.

#![allow(dead_code)] // xtask writes the records and the checker reads them: each uses half.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The line that opens the record in a results file; one `path hash` line per source
/// follows, then `-->`.
pub const RECORD_START: &str = "<!-- sources (rerun the benchmark after changing any):";

/// `(path, hash)` for each source of the benchmark in `bench` (paths relative to `root`).
pub fn fingerprints(root: &Path, bench: &str) -> Vec<(String, String)> {
    let mut found = BTreeSet::new();
    let mut queue = vec![bench.to_owned()];
    while let Some(file) = queue.pop() {
        if !found.insert(file.clone()) {
            continue;
        }
        let text = fs::read_to_string(root.join(&file)).unwrap_or_default();
        if file.ends_with(".rs") {
            queue.extend(named_files(root, &file, &text));
        }
    }
    found
        .into_iter()
        .map(|file| {
            let hash = match fs::read(root.join(&file)) {
                Ok(bytes) => format!("{:016x}", fnv1a(&bytes)),
                Err(_) => "missing".to_owned(),
            };
            (file, hash)
        })
        .collect()
}

/// The record of `sources` as a results file holds it.
pub fn record(sources: &[(String, String)]) -> String {
    let mut out = format!("{RECORD_START}\n");
    for (file, hash) in sources {
        out.push_str(&format!("{file} {hash}\n"));
    }
    out.push_str("-->\n");
    out
}

/// The sources recorded in a results file's text (none if it has no record).
pub fn recorded(results: &str) -> Vec<(String, String)> {
    results
        .lines()
        .skip_while(|line| *line != RECORD_START)
        .skip(1)
        .take_while(|line| *line != "-->")
        .filter_map(|line| {
            let (file, hash) = line.split_once(' ')?;
            Some((file.to_owned(), hash.to_owned()))
        })
        .collect()
}

/// The files that the Rust source `file` names: listing modules, and Python scripts and
/// Rust sources named by their paths in strings.
fn named_files(root: &Path, file: &str, text: &str) -> Vec<String> {
    let mut named = Vec::new();
    let folder = Path::new(file).parent().unwrap_or(Path::new(""));
    for (prefix, base) in [
        ("listings::", Path::new("listings")),
        ("crate::", Path::new("listings")),
        ("super::", folder),
    ] {
        for (at, _) in text.match_indices(prefix) {
            let preceded_by_word = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            if preceded_by_word {
                continue;
            }
            let path: Vec<&str> = text[at + prefix.len()..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or_default()
                .split("::")
                .filter(|part| !part.is_empty())
                .collect();
            named.extend(module_file(root, base, &path));
        }
    }
    for piece in text.split('"').skip(1).step_by(2) {
        let script_or_source = piece.ends_with(".py") || piece.ends_with(".rs");
        if script_or_source && root.join(piece).is_file() {
            named.push(piece.to_owned());
        }
    }
    named
}

/// The file of the longest prefix of `path` that is a module under `base`.
fn module_file(root: &Path, base: &Path, path: &[&str]) -> Option<String> {
    (1..=path.len()).rev().find_map(|len| {
        let module = base.join(path[..len].join("/"));
        [module.with_extension("rs"), module.join("mod.rs")]
            .into_iter()
            .find(|candidate| root.join(candidate).is_file())
            .map(|candidate| candidate.to_string_lossy().into_owned())
    })
}

/// The 64-bit FNV-1a hash: enough to notice an edit, with no dependency.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
