//! Loom coverage. A listing `listings/<part>/<chapter>/<stem>.rs` that shares state
//! through `crate::shim` has its model in `tests/loom_<chapter>.rs`, which names the
//! module in code; a listing that uses std's locks, atomics or `thread::spawn`
//! directly is either moved onto the shim, exempt (a benchmark, or threads that are all
//! scoped, which loom does not model) or listed in `NO_LOOM_MODEL` with the reason.

use std::path::Path;

use regex::Regex;

use super::markdown::line_of;
use super::rust_source::code_only;
use super::{Book, NO_LOOM_MODEL, files_under, relative};

impl Book {
    pub(super) fn check_loom(&mut self) {
        for path in files_under(&self.root.join("tests"), "rs") {
            let is_loom = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("loom_"));
            let file = relative(&self.root, &path);
            if is_loom && !starts_with_cfg_loom(&self.source(&file)) {
                self.problem(
                    &file,
                    1,
                    "a loom test file must start with the inner attribute `#![cfg(loom)]` on a \
                     line of its own, after the `//!` doc lines and before any item: an \
                     ordinary build has no `loom` crate. Do not add loom as a dependency, \
                     whatever rustc suggests",
                );
            }
        }
        for file in self.listing_files() {
            if self.is_compile_fail(&file) {
                continue; // never built, so there is nothing to explore
            }
            let code = code_only(&self.source(&file));
            if let Some(shim) = regex!(r"\bcrate\s*::\s*shim\b").find(&code) {
                let line = line_of(&code, shim.start());
                self.check_loom_model(&file, line);
            } else if let Some(at) = direct_std_sharing(&code) {
                let stem = stem(&file);
                let allowed = NO_LOOM_MODEL.iter().any(|(listed, _)| *listed == file);
                if !stem.starts_with("bench_") && !only_scoped_threads(&code) && !allowed {
                    self.problem(
                        &file,
                        line_of(&code, at),
                        "shares state between threads through std directly, so loom never \
                         explores it: take `sync` and `thread` from `crate::shim` in the hidden \
                         header (see listings/shim.rs) and add a model to \
                         tests/loom_<chapter>.rs, or add the file with the reason to \
                         NO_LOOM_MODEL in tests/book_checker/mod.rs",
                    );
                }
            }
        }
    }

    fn check_loom_model(&mut self, file: &str, line: usize) {
        let stem = stem(file);
        let chapter = Path::new(file)
            .parent()
            .and_then(Path::file_name)
            .map(|c| c.to_string_lossy().into_owned())
            .unwrap_or_default();
        let model_file = format!("tests/loom_{chapter}.rs");
        let Ok(model) = std::fs::read_to_string(self.root.join(&model_file)) else {
            self.problem(
                file,
                line,
                format!(
                    "shares state through the loom shim, but there is no {model_file}: add a \
                     loom model of `{stem}` there"
                ),
            );
            return;
        };
        // The module named as a path segment in code: `chapter::stem`, `stem::...`, or
        // an item of a grouped `use ...::{stem, ...}`.
        let named = Regex::new(&format!(
            r"\b{chapter}\s*::\s*{stem}\b|\b{stem}\s*::|[{{,]\s*{stem}\s*[,}}]"
        ))
        .unwrap()
        .is_match(&code_only(&model));
        if !named {
            self.problem(
                file,
                line,
                format!(
                    "shares state through the loom shim, but {model_file} never names \
                     `{chapter}::{stem}` in code (comments do not count): add a loom model \
                     that calls it (this check sees the name only, not what the model \
                     exercises)"
                ),
            );
        }
    }
}

fn stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Is `#![cfg(loom)]` an inner attribute before any item (comments and other inner
/// attributes may come first)?
fn starts_with_cfg_loom(source: &str) -> bool {
    let code = code_only(source);
    for line in code.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.replace(' ', "") == "#![cfg(loom)]" {
            return true;
        }
        if !line.starts_with("#![") {
            return false;
        }
    }
    false
}

/// Does the code start threads with `thread::scope` only? Loom has no scoped threads,
/// but a `thread::spawn` beside a scope starts threads that loom could explore.
fn only_scoped_threads(code: &str) -> bool {
    regex!(r"\bthread\s*::\s*scope\s*\(").is_match(code)
        && !regex!(r"\bthread\s*::\s*spawn\b").is_match(code)
}

/// Where the code uses std's locks, atomics or `thread::spawn` (not through the shim).
fn direct_std_sharing(code: &str) -> Option<usize> {
    let full_path = regex!(r"\bstd\s*::\s*sync\s*::\s*(Mutex|RwLock|Condvar|atomic)\b");
    let spawn = regex!(r"\bstd\s*::\s*thread\s*::\s*spawn\b");
    let uses = regex!(r"\buse\s+std\s*::[^;]*;");
    let primitive = regex!(r"\b(Mutex|RwLock|Condvar|atomic)\b");
    // `sync::Mutex` after `use std::sync;`, but not `tokio::sync::Mutex`.
    let via_module = regex!(r"(?:^|[^:\w])sync\s*::\s*(Mutex|RwLock|Condvar|atomic)\b");
    let spawn_call = regex!(r"(?:^|[^:\w])thread\s*::\s*spawn\b");
    let (sync, thread, spawn_word) = (
        regex!(r"\bsync\b"),
        regex!(r"\bthread\b"),
        regex!(r"\bspawn\b"),
    );
    let mut found: Vec<usize> = Vec::new();
    found.extend(full_path.find(code).map(|m| m.start()));
    found.extend(spawn.find(code).map(|m| m.start()));
    for statement in uses.find_iter(code) {
        let text = statement.as_str();
        let names_primitive =
            sync.is_match(text) && (primitive.is_match(text) || via_module.is_match(code));
        let names_spawn =
            thread.is_match(text) && spawn_call.is_match(code) || spawn_word.is_match(text);
        if names_primitive || names_spawn {
            found.push(statement.start());
        }
    }
    found.into_iter().min()
}
