//! Chapter 10: the process pool accounts for every job exactly once, whatever its
//! workers do, and agrees with a sequential reference.

mod proptest_cases;

use std::process::{Command, Stdio};
use std::time::Duration;

use listings::processes::processes::pool::{
    ATTEMPTS, Failure, Fault, Job, Outcome, ProcessPool, compute,
};
use proptest::prelude::*;

/// A worker is the `pool_demo` program started with `--worker`.
fn worker() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pool_demo"));
    command.arg("--worker").stderr(Stdio::null());
    command
}

// ANCHOR: reference
/// What the pool must report for `job`, worked out without any process: a job
/// whose fault outlasts its attempts fails with that fault's failure; any other
/// job is computed.
fn expected(job: &Job) -> Outcome {
    match job.fault {
        Some((fault, times)) if times >= ATTEMPTS => Outcome::Failed(match fault {
            Fault::Crash => Failure::Crashed,
            Fault::Hang => Failure::TimedOut,
            Fault::Garbage => Failure::Malformed,
        }),
        _ => Outcome::Done(compute(job.input)),
    }
}

fn fault() -> impl Strategy<Value = Option<(Fault, u8)>> {
    let kind = prop_oneof![
        2 => Just(Fault::Crash),
        2 => Just(Fault::Garbage),
        1 => Just(Fault::Hang), // each hang costs a deadline: keep them rarer
    ];
    prop_oneof![3 => Just(None), 1 => (kind, 1..=ATTEMPTS).prop_map(Some)]
}

proptest! {
    #![proptest_config(proptest_cases::cases(24))]

    #[test]
    fn every_job_is_reported_exactly_once(
        specs in prop::collection::vec((1u64..100_000, fault()), 0..10),
        workers in 1usize..=2,
    ) {
        let jobs: Vec<Job> = (specs.into_iter().zip(0..))
            .map(|((input, fault), id)| Job { id, input, fault })
            .collect();
        // The deadline ends injected hangs; a healthy job answers in microseconds.
        let mut pool = ProcessPool::new(workers, Duration::from_secs(2), worker);
        let mut reports = pool.run(&jobs);
        reports.sort_by_key(|&(id, _)| id);
        let reference: Vec<(u64, Outcome)> =
            jobs.iter().map(|job| (job.id, expected(job))).collect();
        prop_assert_eq!(reports, reference);
    }
}
// ANCHOR_END: reference
