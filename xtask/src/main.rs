//! `cargo xtask serve` and `cargo xtask test`: the two commands a contributor needs.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The mdBook release the book is written for. `book.toml` relies on its options.
const MDBOOK_VERSION: &str = "0.5.4";

/// Preemption bound for the loom models: enough to find every bug the book shows,
/// small enough to keep the whole loom suite to a couple of minutes on 2 cores.
const LOOM_MAX_PREEMPTIONS: &str = "3";

type Result<T = ()> = std::result::Result<T, String>;

const BOOK_DEPENDENCIES: &str = "dependencies for the book's examples (cargo build --lib)";
const STATED_ERRORS: &str = "compile_fail listings fail with the error they state";

/// How a listing states the error rustc reports without a code. The integrity checker
/// accepts a code-less `compile_fail` block on the same marker
/// (`ERROR_MESSAGE_MARKER` in `tests/book_checker/mod.rs`): keep the two equal.
const STATED_ERROR_MARKER: &str = "// error: ";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test_all(),
        Some("bench") => bench(args.get(1).map(String::as_str)),
        Some("mdbook") => mdbook().map(|path| println!("{}", path.display())),
        _ => {
            eprintln!(
                "usage:\n  \
                 cargo xtask serve [mdbook serve options]   build the book, serve it, rebuild on change\n  \
                 cargo xtask test                           run every check CI runs\n  \
                 cargo xtask bench [NAME]                   run a benchmark of the book in release (none: list them)\n  \
                 cargo xtask mdbook                         install mdBook {MDBOOK_VERSION} if missing, print its path"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The cargo that runs this xtask, so every step uses the same toolchain.
fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn serve(extra: &[String]) -> Result {
    let mdbook = mdbook()?;
    println!("\n==> serve the book (Ctrl-C to stop)");
    let status = Command::new(mdbook)
        .arg("serve")
        .args(extra)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start mdbook serve: {e}"))?;
    // Stopping the server with Ctrl-C ends it by a signal, which is no failure.
    match status.code() {
        Some(0) | None => Ok(()),
        Some(code) => Err(format!("mdbook serve failed (exit code {code})")),
    }
}

/// Runs `listings/**/bench_<name>.rs` (an `[[example]]` of the crate) in release.
fn bench(name: Option<&str>) -> Result {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let benches: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \"bench_")?.strip_suffix('"'))
        .collect();
    match name {
        Some(name) if benches.contains(&name) => run(
            &format!("benchmark {name} (release)"),
            cargo()
                .args(["run", "--release", "--example"])
                .arg(format!("bench_{name}"))
                .args(["--", "--bench"]),
        ),
        _ => Err(format!("usage: cargo xtask bench <{}>", benches.join("|"))),
    }
}

/// Every check, in the order that gives the clearest first failure.
fn test_all() -> Result {
    let started = Instant::now();

    run(
        "format (cargo fmt --check)",
        cargo().args(["fmt", "--all", "--check"]),
    )?;
    run(
        "lints (cargo clippy, warnings denied)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "unit, property and book-integrity tests (cargo test)",
        cargo().args(["test", "--workspace"]),
    )?;
    run(
        "loom models (release, --cfg loom)",
        cargo()
            .args(["test", "--release", "--target-dir", "target/loom"])
            .args(loom_test_targets()?)
            .env("RUSTFLAGS", "--cfg loom")
            .env("LOOM_MAX_PREEMPTIONS", LOOM_MAX_PREEMPTIONS),
    )?;
    let deps = timed(BOOK_DEPENDENCIES, book_dependencies)?;
    let mdbook = mdbook()?;
    run(
        "book examples (mdbook test)",
        Command::new(&mdbook)
            .arg("test")
            .arg("--library-path")
            .arg(&deps)
            // On a stable toolchain rustdoc only checks that a `compile_fail,E0499`
            // block fails to compile, not that it fails with E0499; it checks the code
            // when it takes itself for a nightly build. This turns that check on. The
            // integrity checks forbid `#![feature]` in listings, so nothing else changes.
            .env("RUSTC_BOOTSTRAP", "1"),
    )?;
    timed(STATED_ERRORS, || check_stated_errors(&deps))?;
    run(
        "book build (mdbook build)",
        Command::new(&mdbook).arg("build"),
    )?;
    println!("\nxtask: every check passed in {:.0?}", started.elapsed());
    println!(
        "steps: {} passed, 0 failed",
        STEPS_PASSED.load(Ordering::Relaxed)
    );
    Ok(())
}

/// `--test loom_<chapter>` for every `tests/loom_*.rs`.
fn loom_test_targets() -> Result<Vec<String>> {
    let dir = root().join("tests");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".rs")?;
            stem.starts_with("loom_").then(|| stem.to_owned())
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err("no tests/loom_*.rs found: the loom step would test nothing".into());
    }
    Ok(names
        .into_iter()
        .flat_map(|n| ["--test".to_owned(), n])
        .collect())
}

/// Builds the listings library without dev-dependencies in its own target folder and
/// gathers exactly the artifacts of that build into one folder for `rustdoc -L`.
///
/// `mdbook test` passes only `-L` to rustdoc, so a doctest's `extern crate tokio;` is
/// found by searching that folder. Two builds of one crate there (a stale version, or
/// one with other features) make rustdoc fail with E0464, so the folder is refilled
/// from this build's own artifact list every time.
fn book_dependencies() -> Result<PathBuf> {
    let step = BOOK_DEPENDENCIES;
    let output = cargo()
        .args([
            "build",
            "--lib",
            "--target-dir",
            "target/mdbook",
            "--message-format=json",
        ])
        .current_dir(root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("step failed to start: {step}: {e}"))?;
    if !output.status.success() {
        return Err(format!("step failed: {step}"));
    }
    let deps = root().join("target/mdbook/book-deps");
    let _ = fs::remove_dir_all(&deps);
    fs::create_dir_all(&deps).map_err(|e| format!("cannot create {}: {e}", deps.display()))?;
    let mut copied = 0;
    let mut builds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let crate_name = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .replace('-', "_");
        // A package id ends in `#name@version`.
        let package_id = message["package_id"].as_str().unwrap_or_default();
        let package = package_id.rsplit('#').next().unwrap_or_default().to_owned();
        builds.entry(crate_name).or_default().push(package);
        for file in message["filenames"].as_array().into_iter().flatten() {
            let file = Path::new(file.as_str().unwrap_or_default());
            let linkable = matches!(
                file.extension().and_then(OsStr::to_str),
                Some("rlib" | "so" | "dylib" | "dll")
            );
            if linkable {
                let target = deps.join(file.file_name().unwrap());
                fs::copy(file, &target)
                    .map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
                copied += 1;
            }
        }
    }
    println!("    {copied} libraries gathered in {}", deps.display());
    for name in crates_named_by_listings()? {
        if let Some(packages) = builds.get(&name).filter(|p| p.len() > 1) {
            return Err(format!(
                "the listings' dependencies hold {} builds of `{name}`:\n    {}\n\
                 A doctest's `extern crate {name};` cannot choose between them (rustdoc error \
                 E0464). Make the versions agree in Cargo.toml; `cargo tree -d` shows which \
                 dependency pulls in which.",
                packages.len(),
                packages.join("\n    ")
            ));
        }
    }
    Ok(deps)
}

/// Every crate that some listing declares with `extern crate`.
fn crates_named_by_listings() -> Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for (_, source) in listing_sources()? {
        for line in source.lines() {
            let declared = line
                .trim()
                .strip_prefix("extern crate ")
                .and_then(|rest| rest.strip_suffix(';'));
            names.extend(declared.map(|name| name.trim().to_owned()));
        }
    }
    Ok(names)
}

/// Every `.rs` file under `listings/`, with its text.
fn listing_sources() -> Result<Vec<(PathBuf, String)>> {
    let mut found = Vec::new();
    let mut dirs = vec![root().join("listings")];
    while let Some(dir) = dirs.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension() == Some(OsStr::new("rs")) {
                let source = fs::read_to_string(&path).unwrap_or_default();
                found.push((path, source));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A `compile_fail` listing whose error rustc reports without a code starts with
/// `// error: <message>`; rustdoc cannot check a message, so this compiles each such
/// listing and checks that it fails with exactly that error.
fn check_stated_errors(deps: &Path) -> Result {
    let step = STATED_ERRORS;
    let scratch = root().join("target/stated-errors");
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    for (path, source) in listing_sources()? {
        let Some(message) = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix(STATED_ERROR_MARKER))
        else {
            continue;
        };
        let output = Command::new(env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .args([
                "--edition",
                "2024",
                "--crate-type",
                "bin",
                "--emit",
                "metadata",
                "--out-dir",
            ])
            .arg(&scratch)
            .arg("-L")
            .arg(deps)
            .arg(&path)
            .output()
            .map_err(|e| format!("{step}: cannot run rustc: {e}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown = path.strip_prefix(root()).unwrap_or(&path).display();
        if output.status.success() {
            return Err(format!(
                "{shown} compiles, but its first line says it fails with `error: {message}`"
            ));
        }
        if !stderr.contains(&format!("error: {message}")) {
            return Err(format!(
                "{shown} fails, but not with the error its first line states (`error: {message}`). rustc said:\n{stderr}"
            ));
        }
        println!("    {shown}: error: {message}");
    }
    Ok(())
}

/// The pinned mdBook, installed under `target/tools` the first time it is needed.
fn mdbook() -> Result<PathBuf> {
    let tools = root().join("target/tools");
    let binary = tools
        .join("bin")
        .join(format!("mdbook{}", env::consts::EXE_SUFFIX));
    let wanted = format!("mdbook v{MDBOOK_VERSION}");
    let installed = Command::new(&binary)
        .arg("--version")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == wanted);
    if !installed {
        run(
            &format!("install mdBook {MDBOOK_VERSION} into target/tools (once)"),
            cargo()
                .args([
                    "install",
                    "--locked",
                    "mdbook",
                    "--version",
                    MDBOOK_VERSION,
                    "--root",
                ])
                .arg(&tools),
        )?;
    }
    Ok(binary)
}

/// Runs one named step from the repository root; a failure names the step.
fn run(step: &str, command: &mut Command) -> Result {
    timed(step, || {
        let status = command
            .current_dir(root())
            .status()
            .map_err(|e| format!("step failed to start: {step}: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("step failed: {step} ({status})"))
        }
    })
}

/// Prints the step's name, runs it, and prints how long it took.
fn timed<T>(step: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {step}");
    let started = Instant::now();
    let value = body()?;
    println!("    ({step}: {:.1?})", started.elapsed());
    STEPS_PASSED.fetch_add(1, Ordering::Relaxed);
    Ok(value)
}

/// How many steps have passed, for the closing summary line.
static STEPS_PASSED: AtomicUsize = AtomicUsize::new(0);
