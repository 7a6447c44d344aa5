//! `cargo xtask test`: every check CI runs, in the order that gives the clearest
//! first failure. No step may pass having checked nothing: test binaries and doctests
//! are counted against what the sources declare.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{
    Result, STEPS, browser, cargo, compile_errors, doctests, exercise, files_under, mdbook,
    python_ext, root, run_all, test_binaries, timed, xtask_cargo,
};

/// Preemption bound for the loom models: enough to find every bug the book shows,
/// small enough to keep the whole loom suite to a couple of minutes on 2 cores.
pub const LOOM_MAX_PREEMPTIONS: &str = "3";

/// `cargo <subcommand>` (`test` or `build`) of the book's workspace, configured the one
/// way every xtask command builds it, so that none rebuilds what another built.
///
/// Builds go to `target/debug`, each crate of the book compiled by Clippy's driver,
/// the way `cargo clippy` runs it: the lints run while the code compiles, with
/// warnings denied, and the dependencies are compiled once, not once more for the
/// lints alone. Every build names the whole workspace, the extension module with the
/// book's crate, even where it builds nothing of the module: Cargo enables each
/// dependency's features for the packages a build names, and a build that named the
/// book's crate alone would leave out those PyO3 needs (`syn`'s, under every
/// proc-macro), then compile most dependencies again. The loom build adds the book's
/// `loom` feature, which compiles its crate with `cfg(loom)` (build.rs) on the same
/// dependencies: unoptimised, as the tests are, but for loom itself, which Cargo.toml
/// optimises.
pub fn book_cargo(subcommand: &str, loom: bool) -> Result<Command> {
    let mut command = cargo();
    command
        .args([subcommand, "--workspace"])
        // What maturin sets: an extension module does not link libpython, since the
        // interpreter that loads it already holds those symbols.
        .env("PYO3_BUILD_EXTENSION_MODULE", "1");
    if loom {
        command.args(["--features", "listings/loom"]);
    }
    linted_by_clippy(&mut command)?;
    Ok(command)
}

/// `cargo build` of the book's library and the extension module (`--lib`), on the
/// dependencies the tests link: `--test book_integrity`, which every run builds anyway,
/// brings in the dev-dependencies, and Cargo enables their features in the crates they
/// share with the library. Without it, those crates would be compiled a second time.
pub fn book_library_build() -> Result<Command> {
    let mut command = book_cargo("build", false)?;
    command.args(["--lib", "--test", "book_integrity"]);
    Ok(command)
}

/// Has `command`'s cargo compile the workspace's crates with Clippy's driver and
/// warnings denied, as `cargo clippy -- -D warnings` does, but in whatever build it
/// runs (`cargo clippy` itself only checks, so the dependencies would be compiled once
/// more). `test_binaries` fails the build on any warning that still gets through.
pub fn linted_by_clippy(command: &mut Command) -> Result<&mut Command> {
    let clippy = toolchain_program("clippy-driver")?;
    if !clippy.is_file() {
        return Err(format!(
            "{} not found: the lints need Clippy (`rustup component add clippy`)",
            clippy.display()
        ));
    }
    Ok(command
        .env("RUSTC_WORKSPACE_WRAPPER", clippy)
        // How `cargo clippy -- -D warnings` hands its arguments to the driver.
        .env(
            "CLIPPY_ARGS",
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
        ))
}

/// A program of the toolchain that runs this xtask (`rustdoc`, `clippy-driver`), or
/// the one `RUSTDOC` names.
pub fn toolchain_program(name: &str) -> Result<PathBuf> {
    if let (Some(rustdoc), "rustdoc") = (env::var_os("RUSTDOC"), name) {
        return Ok(rustdoc.into());
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot ask rustc for its sysroot: {e}"))?;
    let sysroot = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok(Path::new(&sysroot)
        .join("bin")
        .join(format!("{name}{}", env::consts::EXE_SUFFIX)))
}

pub fn all() -> Result {
    let started = Instant::now();
    clear_weakening_environment();
    let mut skipped = Vec::new();
    if !python_found()? {
        skipped.push(format!(
            "the Python comparisons ({SKIP_PYTHON}=1: no python3)"
        ));
    }

    let mdbook = mdbook::install_in_background()?;
    run_all(
        "format (cargo fmt --check), the book's crate and xtask",
        [
            cargo().args(["fmt", "--all", "--check"]),
            xtask_cargo("fmt").arg("--check"),
        ],
    )?;
    python_ext::build()?;
    let mut binaries = timed(
        "unit, property and book-integrity tests (cargo test, linted by Clippy with \
         warnings denied), each binary counted",
        || {
            // xtask's own tests first, then the book's; the loom models compile to
            // nothing here, and the next step runs them.
            let mut xtask = xtask_cargo("test");
            linted_by_clippy(&mut xtask)?;
            let mut ran = test_binaries::build_and_run(&mut xtask, &[], |_| true)?;
            ran.extend(test_binaries::build_and_run(
                &mut book_cargo("test", false)?,
                &[],
                |file| !file.starts_with("loom_"),
            )?);
            Ok(ran)
        },
    )?;
    binaries.extend(timed(
        "loom models (--features loom: the book's crate with cfg(loom), warnings denied), each binary counted",
        || {
            let mut build = book_cargo("test", true)?;
            build.args(loom_test_targets()?);
            test_binaries::build_and_run(
                &mut build,
                &[("LOOM_MAX_PREEMPTIONS", LOOM_MAX_PREEMPTIONS)],
                |_| true,
            )
        },
    )?);
    timed(
        "exercises: each starting file fails its tests, on its todo!()",
        || exercise::starting_files_fail(&binaries),
    )?;
    let deps = timed(doctests::BOOK_DEPENDENCIES, doctests::book_dependencies)?;
    let mdbook = mdbook.wait()?;
    browser::build_book(&mdbook)?;
    // The browser reads the built book while the examples compile: each leaves a core
    // idle much of the time, so they run side by side.
    let browser = std::thread::scope(|scope| {
        let browser = scope.spawn(browser::step);
        timed(
            "book examples (mdbook test), each chapter's doctests counted",
            || doctests::run_mdbook_test(&mdbook, &deps, &[]),
        )?;
        timed(
            "compile_fail listings: the error each chapter shows is what rustc prints",
            || compile_errors::check(&deps),
        )?;
        browser.join().expect("the browser check does not panic")
    })?;
    if let browser::Ran::Skipped = browser {
        skipped.push("the browser check (no Chromium found)".to_owned());
    }
    for step in &skipped {
        println!("xtask: SKIPPED {step}");
    }
    let skipped = match skipped.len() {
        0 => String::new(),
        n => format!(", {n} skipped"),
    };
    let total = started.elapsed();
    let passed = write_timings(total)?;
    println!("\nxtask: every check passed in {total:.0?}; step times in {TIMINGS}");
    println!("steps: {passed} passed, 0 failed{skipped}");
    Ok(())
}

/// Where the step times of the last full run are written.
const TIMINGS: &str = "target/xtask-timings.json";

/// Writes each step's time and the total to [`TIMINGS`]; returns how many steps passed.
fn write_timings(total: Duration) -> Result<usize> {
    let steps = STEPS.lock().unwrap();
    let json = serde_json::json!({
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "total_seconds": total.as_secs_f64(),
        "steps": steps
            .iter()
            .map(|(step, took)| serde_json::json!({"step": step, "seconds": took.as_secs_f64()}))
            .collect::<Vec<_>>(),
    });
    let path = root().join(TIMINGS);
    fs::write(&path, format!("{json:#}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(steps.len())
}

/// The variable that lets a machine without `python3` pass without Chapter 21's Python
/// comparisons (`tests/unit_measured.rs` reads it too); it skips nothing where
/// `python3` is found.
pub const SKIP_PYTHON: &str = "BOOK_SKIP_PYTHON";

/// Whether `python3` runs; without it, an error unless [`SKIP_PYTHON`] is set.
fn python_found() -> Result<bool> {
    let found = std::process::Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    match found || env::var_os(SKIP_PYTHON).is_some() {
        true => Ok(found),
        false => Err(format!(
            "python3 not found: the tests run the Python programs that Chapter 21 compares \
             with Rust. Install it (`apt-get install python3`), or set {SKIP_PYTHON}=1 to \
             run every other check without them (the summary then counts them as skipped)"
        )),
    }
}

/// Removes every variable that would make this run check less than it says: loom's
/// limits on an exploration (`LOOM_MAX_PERMUTATIONS`, `LOOM_MAX_DURATION`, ...; the
/// preemption bound is set below), proptest's settings (`PROPTEST_CASES` stays, since
/// the tests only let it raise their case counts), a request to rewrite snapshots
/// instead of comparing them, and an exercise selected in place of its solution.
pub fn clear_weakening_environment() {
    let weakening: Vec<String> = env::vars_os()
        .filter_map(|(name, _)| name.into_string().ok())
        .filter(|name| {
            (name.starts_with("LOOM_") || name.starts_with("PROPTEST_")) && name != "PROPTEST_CASES"
                || name == "BOOK_UPDATE_SNAPSHOTS"
                || name == exercise::SELECTOR
        })
        .collect();
    for name in &weakening {
        // SAFETY: xtask has started no thread yet, so none reads the environment.
        unsafe { env::remove_var(name) };
    }
    if !weakening.is_empty() {
        println!(
            "xtask: ignoring {} for this run: every check runs as it is written",
            weakening.join(", ")
        );
    }
}

/// `--test loom_<chapter>` for every `tests/loom_*.rs`.
fn loom_test_targets() -> Result<Vec<String>> {
    let names: Vec<String> = files_under(&root().join("tests"), "rs")
        .iter()
        .filter(|path| path.parent() == Some(&root().join("tests")))
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_owned))
        .filter(|stem| stem.starts_with("loom_"))
        .collect();
    if names.is_empty() {
        return Err("no tests/loom_*.rs found: the loom step would test nothing".into());
    }
    Ok(names
        .into_iter()
        .flat_map(|n| ["--test".to_owned(), n])
        .collect())
}
