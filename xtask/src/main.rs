//! `cargo xtask serve` and `cargo xtask test`: the two commands a contributor needs.
//! `cargo xtask browser` runs only the last step of `test`, the browser check.

mod bench;
mod bench_sources;
mod browser;
mod chapter;
mod compile_errors;
mod doctests;
mod draw;
mod exercise;
mod figure_refs;
#[cfg(test)]
mod figure_refs_tests;
mod figures;
mod machine;
mod machines;
mod mdbook;
mod python_ext;
mod static_server;
mod supervise;
mod test;
mod test_binaries;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    // `mdbook test` runs `rustdoc` from PATH; `cargo xtask test` puts a copy of this
    // program there under that name, so it can count the doctests each chapter ran.
    if doctests::invoked_as_rustdoc() {
        return doctests::run_as_rustdoc();
    }
    let args: Vec<String> = env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => mdbook::serve(&args[1..]),
        Some("test") => match (args.get(1).map(String::as_str), args.get(2)) {
            (None, _) => test::all(),
            (Some("--chapter"), Some(page)) => chapter::test_chapter(page),
            _ => Err("usage: cargo xtask test [--chapter <page or part>]".into()),
        },
        Some("browser") => browser::command(&args[1..]),
        Some("exercise") => {
            test::clear_weakening_environment();
            exercise::exercise(&args[1..])
        }
        Some("bench") => bench::command(&args[1..]),
        Some("mdbook") => mdbook::installed().map(|path| println!("{}", path.display())),
        // mdBook runs this itself, as the preprocessor named in book.toml.
        Some("figures") => figures::preprocess(&args[1..]),
        Some("draw") => draw::command(),
        _ => {
            eprintln!(
                "usage:\n  \
                 cargo xtask serve [mdbook serve options]   build the book, serve it, rebuild on change\n  \
                 cargo xtask test                           run every check CI runs\n  \
                 cargo xtask test --chapter PAGE|PART       the checks of one chapter or Part, fast\n  \
                 cargo xtask browser [PAGE...]              build the book, load its pages in headless Chromium\n  \
                 cargo xtask exercise [NAME] [--solution]   run an exercise's tests against your file (none: list them)\n  \
                 cargo xtask bench [NAME | --list]          run the benchmarks (or one) in release, write src/results/\n  \
                 cargo xtask bench --machine M [NAME]       the same, written to src/results/machines/M/\n  \
                 cargo xtask mdbook                         install mdBook {} if missing, print its path\n  \
                 cargo xtask draw                           draw each figure (src/*/figures/*.bob) into the .svg beside it\n  \
                 cargo xtask figures                        (run by mdBook) put the drawings and quoted figures in; fail on one that cannot",
                mdbook::VERSION
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

/// `path` relative to the repository root, for messages.
fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Runs one named step from the repository root; a failure names the step.
fn run(step: &str, command: &mut Command) -> Result {
    run_all(step, [command])
}

/// Runs `commands` one after another as one named step, stopping at the first that
/// fails.
fn run_all<'a>(step: &str, commands: impl IntoIterator<Item = &'a mut Command>) -> Result {
    timed(step, || {
        for command in commands {
            let status = command
                .current_dir(root())
                .status()
                .map_err(|e| format!("step failed to start: {step}: {e}"))?;
            if !status.success() {
                return Err(format!("step failed: {step} ({status})"));
            }
        }
        Ok(())
    })
}

/// `cargo <subcommand>` for xtask itself: a workspace of its own (its own lock file),
/// built into the book's target folder.
fn xtask_cargo(subcommand: &str) -> Command {
    let mut command = cargo();
    command.args([subcommand, "--manifest-path", "xtask/Cargo.toml"]);
    if subcommand != "fmt" {
        command.args(["--target-dir", "target"]);
    }
    command
}

/// Prints the step's name, runs it, and prints how long it took.
fn timed<T>(step: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {step}");
    let started = Instant::now();
    let value = body()?;
    let took = started.elapsed();
    println!("    ({step}: {took:.1?})");
    STEPS.lock().unwrap().push((step.to_owned(), took));
    Ok(value)
}

/// The steps that have passed and how long each took, for the closing summary and
/// `target/xtask-timings.json`.
static STEPS: Mutex<Vec<(String, Duration)>> = Mutex::new(Vec::new());

/// `work` on every item, `workers` items at a time; the results in the items' order.
fn at_a_time<T: Sync, R: Send>(
    workers: usize,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let worker = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else {
                    return done;
                };
                done.push((i, work(item)));
            }
        };
        let others: Vec<_> = (1..workers).map(|_| s.spawn(worker)).collect();
        let mut done = worker();
        for other in others {
            done.extend(other.join().expect("a worker thread panicked"));
        }
        done
    });
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// [`at_a_time`] with two workers: the machines this runs on have two cores, and much
/// of the work waits on processes.
fn two_at_a_time<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    at_a_time(2, items, work)
}

/// Every file under `dir` (recursively) whose name ends with `.{extension}`, sorted.
fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
