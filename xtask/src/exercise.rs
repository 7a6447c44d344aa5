//! `cargo xtask exercise <name>`: runs one exercise's tests against the reader's file,
//! and, in `cargo xtask test`, checks that every starting file fails its tests.
//!
//! An exercise is two modules of the listings crate, `<name>.rs` (the starting file,
//! with `todo!()` where the reader works) and `<name>_solution.rs`, beside each other
//! in `listings/<part>/exercises/`. Both are always compiled; the tests pick one at run
//! time: the starting file when the environment variable `EXERCISE` names the
//! exercise, the solution otherwise (`tests/exercise/mod.rs`). So `cargo test` and the
//! loom step test every solution, and this module runs the same test binaries again
//! with `EXERCISE=<name>`, without building anything a second time.

use std::process::Command;

use crate::Result;
use crate::supervise::Finished;
use crate::test_binaries::{self, TestBinary};

/// The variable the tests read (`tests/exercise/mod.rs`).
pub const SELECTOR: &str = "EXERCISE";

/// What a `todo!()` panic says: a starting file fails for this reason.
const TODO_PANIC: &str = "not yet implemented";

pub struct Exercise {
    pub name: &'static str,
    /// The reader's file.
    pub start: &'static str,
    /// `tests/<file>.rs` holding a module `<name>` of tests, in the order they run:
    /// loom models first, since what loom reports (a wait that never returns, a
    /// deadlock) would hang a test on real threads; `cargo xtask exercise` stops at
    /// the first file that fails.
    pub tests: &'static [&'static str],
}

/// Every exercise of the book, in the order of the pages that pose them.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        name: "longest_chain",
        start: "listings/foundations/exercises/longest_chain.rs",
        tests: &["prop_exercises"],
    },
    Exercise {
        name: "gather",
        start: "listings/foundations/exercises/gather.rs",
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "dining",
        start: "listings/threads/exercises/dining.rs",
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "idle_pool",
        start: "listings/threads/exercises/idle_pool.rs",
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "frames",
        start: "listings/processes/exercises/frames.rs",
        tests: &["prop_exercises"],
    },
    Exercise {
        name: "prefix_sums",
        start: "listings/processes/exercises/prefix_sums.rs",
        tests: &["prop_exercises"],
    },
    Exercise {
        name: "lines",
        start: "listings/async/exercises/lines.rs",
        tests: &["prop_exercises"],
    },
    Exercise {
        name: "event",
        start: "listings/async/exercises/event.rs",
        tests: &["loom_exercises"],
    },
    Exercise {
        name: "weighted",
        start: "listings/toolkit/exercises/weighted.rs",
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "bounded",
        start: "listings/toolkit/exercises/bounded.rs",
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "robots",
        start: "listings/program/exercises/robots.rs",
        tests: &["prop_exercises"],
    },
];

fn find(name: &str) -> Result<&'static Exercise> {
    EXERCISES.iter().find(|e| e.name == name).ok_or_else(|| {
        format!(
            "no exercise `{name}`; the exercises are: {}",
            EXERCISES
                .iter()
                .map(|e| e.name)
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// `cargo xtask exercise [NAME] [--solution]`.
pub fn exercise(args: &[String]) -> Result {
    let solution = args.iter().any(|a| a == "--solution");
    let Some(name) = args.iter().find(|a| !a.starts_with("--")) else {
        println!("exercises (run one with `cargo xtask exercise NAME`):");
        for exercise in EXERCISES {
            println!("  {:<16} {}", exercise.name, exercise.start);
        }
        return Ok(());
    };
    let exercise = find(name)?;
    let file = if solution {
        exercise.start.replace(".rs", "_solution.rs")
    } else {
        exercise.start.to_owned()
    };
    let mut failed = None;
    for test_file in exercise.tests {
        println!(
            "\n==> {} against {file}: tests/{test_file}.rs",
            exercise.name
        );
        let built = test_binaries::build_binaries(&mut build_command(test_file)?)
            .map_err(|e| format!("{e}: {file} does not build? (cargo's errors are above)"))?;
        let selector = [(SELECTOR, exercise.name)];
        let env: &[(&str, &str)] = if solution { &[] } else { &selector };
        let finished = run_tests(&built, test_file, exercise.name, env, true)?;
        if !finished.status.success() {
            failed = Some(*test_file);
            break; // the next file may hang on what this one found
        }
    }
    match failed {
        None => {
            println!("\n{}: every test passes against {file}", exercise.name);
            Ok(())
        }
        Some(test_file) => Err(format!(
            "{}: tests in tests/{test_file}.rs fail against {file}; each failing test names \
             the property and what went wrong, and `not yet implemented` is a todo!() still \
             to write",
            exercise.name
        )),
    }
}

/// `cargo test --no-run` of one test file, as `cargo xtask test` builds it, so nothing
/// is built twice.
fn build_command(test_file: &str) -> Result<Command> {
    let loom = test_file.starts_with("loom_");
    let mut command = crate::test::book_cargo("test", loom)?;
    if !loom {
        // An answer being written may warn (an unused variable): the lints show, but
        // do not stop the build.
        command.env("CLIPPY_ARGS", "");
    }
    command.args(["--test", test_file]);
    Ok(command)
}

/// Runs the tests of module `name` in the binary built from `tests/<test_file>.rs`.
fn run_tests(
    binaries: &[TestBinary],
    test_file: &str,
    name: &str,
    env: &[(&str, &str)],
    echo: bool,
) -> Result<Finished> {
    let source = format!("tests/{test_file}.rs");
    let binary = binaries
        .iter()
        .find(|b| b.source.ends_with(&source))
        .ok_or_else(|| format!("no test binary was built from {source}"))?;
    let mut env = env.to_vec();
    if test_file.starts_with("loom_") {
        env.push(("LOOM_MAX_PREEMPTIONS", crate::test::LOOM_MAX_PREEMPTIONS));
    }
    binary.run(&env, &[&format!("{name}::")], echo)
}

/// For `cargo xtask test`, after the tests and the loom models have passed against
/// every solution: each starting file must fail each of its test files, and fail with
/// a `todo!()` panic in the starting file, which shows the tests reached the reader's
/// code. (A loom model may abort rather than fail once that panic unwinds through a
/// loom `Arc`; the panic has been printed by then, and that is what counts.) The test
/// binaries are those the earlier steps built and ran.
pub fn starting_files_fail(binaries: &[TestBinary]) -> Result {
    let runs: Vec<(&Exercise, &str)> = EXERCISES
        .iter()
        .flat_map(|exercise| exercise.tests.iter().map(move |test| (exercise, *test)))
        .collect();
    // Two at a time: each is one test binary, on one core much of the time.
    let outcomes = crate::two_at_a_time(&runs, |&(exercise, test_file)| {
        let env = [(SELECTOR, exercise.name)];
        run_tests(binaries, test_file, exercise.name, &env, false)
    });
    for (&(exercise, test_file), finished) in runs.iter().zip(outcomes) {
        let finished = finished?;
        let said = finished.output;
        if finished.status.success() {
            return Err(format!(
                "{}: tests/{test_file}.rs passed against the starting file {}: a \
                 starting file must fail its tests. Output:\n{said}",
                exercise.name, exercise.start
            ));
        }
        // The right reason: a todo!() panic located in the starting file itself.
        let in_start = format!("panicked at {}:", exercise.start);
        if !(said.contains(&in_start) && said.contains(TODO_PANIC)) {
            return Err(format!(
                "{}: tests/{test_file}.rs failed against {}, but not on one of its \
                 todo!()s: the starting file should fail because the reader's part is \
                 missing. Output:\n{said}",
                exercise.name, exercise.start
            ));
        }
        println!(
            "    {:<16} tests/{test_file}.rs fails on the todo!() in {}",
            exercise.name, exercise.start
        );
    }
    Ok(())
}
