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

use std::process::{Command, Stdio};

use crate::{Result, cargo, root};

/// The variable the tests read (`tests/exercise/mod.rs`).
const SELECTOR: &str = "EXERCISE";

/// What a `todo!()` panic says: a starting file fails for this reason.
const TODO_PANIC: &str = "not yet implemented";

pub struct Exercise {
    pub name: &'static str,
    /// The reader's file.
    pub start: &'static str,
    /// `tests/<file>.rs` holding a module `<name>` of tests, in the order they run;
    /// `cargo xtask exercise` stops at the first file that fails.
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
        tests: &["prop_exercises", "loom_exercises"],
    },
    Exercise {
        name: "dining",
        start: "listings/threads/exercises/dining.rs",
        tests: &["prop_exercises", "loom_exercises"],
    },
    Exercise {
        name: "idle_pool",
        start: "listings/threads/exercises/idle_pool.rs",
        // loom first: it reports a wait_idle that never returns, which would hang
        // the property test on real threads.
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
        // loom first: a deadlock there is a hang on real threads.
        tests: &["loom_exercises", "prop_exercises"],
    },
    Exercise {
        name: "bounded",
        start: "listings/toolkit/exercises/bounded.rs",
        // loom first: a deadlock there is a hang on real threads.
        tests: &["loom_exercises", "prop_exercises"],
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
    let mut failed = Vec::new();
    for test_file in exercise.tests {
        let mut command = test_command(test_file, false);
        command.args(["--", &format!("{}::", exercise.name)]);
        if !solution {
            command.env(SELECTOR, exercise.name);
        }
        println!(
            "\n==> {} against {file}: tests/{test_file}.rs",
            exercise.name
        );
        let status = command
            .current_dir(root())
            .status()
            .map_err(|e| format!("cannot start cargo: {e}"))?;
        if !status.success() {
            failed.push(*test_file);
            break; // the next file may hang on what this one found
        }
    }
    if failed.is_empty() {
        println!("\n{}: every test passes against {file}", exercise.name);
        Ok(())
    } else {
        Err(format!(
            "{}: tests in {} fail against {file} (or it does not build: see cargo's \
             errors above); each failing test names the property and what went wrong, and \
             `not yet implemented` is a todo!() still to write",
            exercise.name,
            failed
                .iter()
                .map(|f| format!("tests/{f}.rs"))
                .collect::<Vec<_>>()
                .join(" and ")
        ))
    }
}

/// `cargo test` of one test file, as `cargo xtask test` builds it (loom files in
/// release, in `target/loom`, with the same flags, so nothing is built twice).
fn test_command(test_file: &str, quiet: bool) -> Command {
    let mut command = cargo();
    command.arg("test");
    if quiet {
        command.arg("-q");
    }
    if test_file.starts_with("loom_") {
        command
            .args(["--release", "--target-dir", "target/loom"])
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env("RUSTFLAGS", crate::test::LOOM_RUSTFLAGS)
            .env("LOOM_MAX_PREEMPTIONS", crate::test::LOOM_MAX_PREEMPTIONS);
    }
    command.args(["--test", test_file]);
    command
}

/// For `cargo xtask test`, after the tests and the loom models have passed against
/// every solution: each starting file must fail each of its test files, and fail with
/// a `todo!()` panic in the starting file, which shows the tests reached the reader's
/// code. (A loom model may abort rather than fail once that panic unwinds through a
/// loom `Arc`; the panic has been printed by then, and that is what counts.)
pub fn starting_files_fail() -> Result {
    for exercise in EXERCISES {
        for test_file in exercise.tests {
            let output = test_command(test_file, true)
                .args(["--", &format!("{}::", exercise.name)])
                .env(SELECTOR, exercise.name)
                .current_dir(root())
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("cannot start cargo: {e}"))?;
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            if output.status.success() {
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
    }
    Ok(())
}
