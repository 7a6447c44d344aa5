//! The CPythons the tests run, shared by the test files that run Python.

use std::sync::OnceLock;

use listings::choosing::measured::report::{OLDEST, Python, pythons};

/// Every CPython found. Without one a test fails, unless `BOOK_SKIP_PYTHON` is set:
/// then it is skipped, and `cargo xtask test` counts the Python step as skipped.
pub fn pythons_found(what: &str) -> Vec<Python> {
    // Asking every interpreter what it is starts each of them: the tests ask once.
    static FOUND: OnceLock<Vec<Python>> = OnceLock::new();
    let pythons = FOUND.get_or_init(pythons).clone();
    if !pythons.is_empty() {
        return pythons;
    }
    assert!(
        std::env::var_os("BOOK_SKIP_PYTHON").is_some(),
        "no CPython from {OLDEST:?} on found, so {what} cannot run: install python3, \
         or set BOOK_SKIP_PYTHON=1 to skip the Python comparisons"
    );
    eprintln!("skipped: no python3 found and BOOK_SKIP_PYTHON is set: {what}");
    Vec::new()
}
