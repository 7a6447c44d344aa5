//! Chapter 10: the process pool accounts for every job exactly once, whatever its
//! workers do, and agrees with a sequential reference.

mod proptest_cases;

use std::process::{Command, Stdio};
use std::time::Duration;

use listings::processes::processes::pool::{Failure, Fault, Job, Outcome, ProcessPool};
use proptest::prelude::*;

/// A worker is the `pool_demo` program started with `--worker`.
fn worker() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pool_demo"));
    command.arg("--worker").stderr(Stdio::null());
    command
}

// ANCHOR: reference
/// Inputs whose number of Collatz steps is known (OEIS A006577), so the reference
/// needs none of the pool's code.
const KNOWN_STEPS: [(u64, u64); 10] = [
    (1, 0),
    (2, 1),
    (3, 7),
    (7, 16),
    (9, 19),
    (27, 111),
    (97, 118),
    (871, 178),
    (6171, 261),
    (77031, 350),
];

/// What the pool must report for a job, worked out without any process: a job
/// whose fault outlasts its two attempts fails with that fault's failure; any
/// other job is answered.
fn expected(steps: u64, fault: Option<(Fault, u8)>) -> Outcome {
    match fault {
        Some((fault, times)) if times >= 2 => Outcome::Failed(match fault {
            Fault::Crash => Failure::Crashed,
            Fault::Hang => Failure::TimedOut,
            Fault::Garbage => Failure::Malformed,
        }),
        _ => Outcome::Done(steps),
    }
}

fn fault() -> impl Strategy<Value = Option<(Fault, u8)>> {
    let kind = prop_oneof![
        2 => Just(Fault::Crash),
        2 => Just(Fault::Garbage),
        1 => Just(Fault::Hang), // each hang costs a deadline: keep them rarer
    ];
    prop_oneof![3 => Just(None), 1 => (kind, 1..=2u8).prop_map(Some)]
}

proptest! {
    #![proptest_config(proptest_cases::cases(24))]

    #[test]
    fn every_job_is_reported_exactly_once(
        specs in prop::collection::vec((prop::sample::select(&KNOWN_STEPS[..]), fault()), 0..10),
        workers in 1usize..=2,
    ) {
        let jobs: Vec<Job> = (specs.iter().zip(0..))
            .map(|(&((input, _), fault), id)| Job { id, input, fault })
            .collect();
        // The deadline ends injected hangs; a ready worker answers a healthy job in
        // microseconds, thousands of times sooner.
        let mut pool = ProcessPool::new(workers, Duration::from_millis(500), worker);
        let mut reports = pool.run(&jobs);
        reports.sort_by_key(|&(id, _)| id);
        let reference: Vec<(u64, Outcome)> = (specs.iter().zip(0..))
            .map(|(&((_, steps), fault), id)| (id, expected(steps, fault)))
            .collect();
        prop_assert_eq!(reports, reference);
    }
}
// ANCHOR_END: reference
