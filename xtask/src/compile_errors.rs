//! A `compile_fail` listing `x.rs` has a sibling `x.stderr`: rustc's error as the
//! chapter shows it, trimmed to what matters. This compiles every such listing and
//! checks that rustc still prints exactly that: one error, the one shown, and every
//! shown line, in order. A line `...` in the file marks where lines were left out.

use std::env;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::{Result, files_under, root, shown, two_at_a_time};

/// Marks lines left out of a shown error.
const ELISION: &str = "...";

/// Checks every `compile_fail` listing under `listings/`, two at a time (each is one
/// rustc run).
pub fn check(deps: &Path) -> Result {
    let stderr_files = files_under(&root().join("listings"), "stderr");
    if stderr_files.is_empty() {
        return Err("no listings/**/*.stderr found: no compile_fail listing was checked".into());
    }
    check_files(&stderr_files, deps)
}

/// Checks the `compile_fail` listings of these `.stderr` files.
pub fn check_files(stderr_files: &[std::path::PathBuf], deps: &Path) -> Result {
    let scratch = root().join("target/compile-errors");
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let checked = two_at_a_time(stderr_files, |f| check_one(f, deps, &scratch));
    for line in checked {
        println!("    {}", line?);
    }
    Ok(())
}

/// Compiles the listing beside `stderr_file` and compares rustc's error with the file;
/// returns the line to print.
fn check_one(stderr_file: &Path, deps: &Path, scratch: &Path) -> Result<String> {
    let listing = stderr_file.with_extension("rs");
    let (stderr_name, listing_name) = (shown(stderr_file), shown(&listing));
    if !listing.exists() {
        return Err(format!(
            "{stderr_name} shows a compiler error, but there is no {listing_name}"
        ));
    }
    let output = Command::new(env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .args(["--color", "never", "--error-format", "human", "--out-dir"])
        .arg(scratch)
        .arg("-L")
        .arg(deps)
        // Relative, so that rustc's `-->` lines read as the chapter shows them.
        .arg(&listing_name)
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let printed = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        return Err(format!(
            "{listing_name} compiles, but its chapter says it fails with the error in \
             {stderr_name}"
        ));
    }
    let expected = fs::read_to_string(stderr_file).unwrap_or_default();
    compare(&expected, &printed).map_err(|why| {
        format!(
            "{stderr_name} no longer matches what rustc prints for {listing_name}: {why}\n\
             Copy the lines that matter from rustc's output into {stderr_name} \
             (`{ELISION}` on a line of its own marks lines left out). rustc printed:\n\n\
             {printed}"
        )
    })?;
    Ok(format!(
        "{listing_name}: {}",
        expected.lines().next().unwrap_or_default()
    ))
}

/// Rustc reported exactly one error, the shown one, and the shown lines appear in
/// rustc's output in the same order.
fn compare(expected: &str, printed: &str) -> std::result::Result<(), String> {
    let errors: Vec<&str> = printed
        .lines()
        .filter(|l| l.starts_with("error") && !l.starts_with("error: aborting due to"))
        .collect();
    let shown_first = expected.lines().next().unwrap_or_default().trim_end();
    match errors.as_slice() {
        [only] if only.trim_end() == shown_first => {}
        [only] => {
            return Err(format!(
                "rustc's error is `{only}`, the file shows `{shown_first}`"
            ));
        }
        [] => return Err("rustc failed without an `error` line".into()),
        many => {
            return Err(format!(
                "rustc reports {} errors; a listing must fail with exactly the one it shows:\n  {}",
                many.len(),
                many.join("\n  ")
            ));
        }
    }
    let mut printed_lines = printed.lines().map(str::trim_end);
    for line in expected.lines().map(str::trim_end) {
        if line == ELISION {
            continue;
        }
        if !printed_lines.any(|p| p == line) {
            return Err(format!(
                "the shown line `{line}` is not in rustc's output (in order)"
            ));
        }
    }
    Ok(())
}
