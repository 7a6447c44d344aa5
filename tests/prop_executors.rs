//! Chapter 17: every executor returns what a plain sequential `map` returns, in the
//! order it promises: submission order for the ordered ones, the order the jobs
//! finish for the others, whatever that order is.

mod paused_clock;
mod proptest_cases;

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use futures::StreamExt;
use listings::toolkit::executors::bounded::{as_they_finish, in_order as buffered, spawn_bounded};
use listings::toolkit::executors::task_orders::{futures_unordered, handles_in_order, join_set};
use listings::toolkit::executors::thread_orders::{Job, as_completed, in_order, par_map};
use proptest::prelude::*;
use tokio::time::{Instant, sleep};

/// Only stops a test that would otherwise hang; no test asserts on it.
const HANG: Duration = Duration::from_secs(10);

/// The work each job does, and what the sequential reference computes.
fn work(value: u32) -> u64 {
    u64::from(value) * 3 + 1
}

/// Jobs that each wait at a gate of their own, then report on `finished` that they
/// are done and return `work(value)`. The test opens the gates, so it decides the
/// order in which the jobs finish.
fn gated(values: &[u32]) -> (Vec<mpsc::Sender<()>>, mpsc::Receiver<usize>, Vec<Job<u64>>) {
    let (done, finished) = mpsc::channel();
    let mut gates = Vec::new();
    let mut jobs: Vec<Job<u64>> = Vec::new();
    for (index, &value) in values.iter().enumerate() {
        let (open, gate) = mpsc::channel::<()>();
        let done = done.clone();
        gates.push(open);
        jobs.push(Box::new(move || {
            gate.recv().unwrap();
            done.send(index).unwrap();
            work(value)
        }));
    }
    (gates, finished, jobs)
}

/// `values` and an order in which to let the jobs finish (a permutation of indices).
fn values_and_release() -> impl Strategy<Value = (Vec<u32>, Vec<usize>)> {
    prop::collection::vec(any::<u32>(), 1..8).prop_flat_map(|values| {
        let n = values.len();
        (
            Just(values),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

/// Seconds per job, and a limit on how many run at once.
fn secs_and_limit() -> impl Strategy<Value = (Vec<u64>, usize)> {
    (prop::collection::vec(1u64..10, 0..12), 1usize..5)
}

/// The sequential reference for a bounded pool that starts the next job as soon as
/// a slot is free: for each job, when it starts and when it ends.
fn list_schedule(secs: &[u64], limit: usize) -> Vec<(u64, u64)> {
    let mut free_at = vec![0u64; limit];
    secs.iter()
        .map(|&s| {
            let slot = (0..limit).min_by_key(|&k| free_at[k]).unwrap();
            let start = free_at[slot];
            free_at[slot] = start + s;
            (start, start + s)
        })
        .collect()
}

/// The sequential reference for `buffered(limit)`: outputs leave in order, and a job
/// starts only when the output `limit` places before it has left, since an output
/// held back for order keeps its place in the limit. For each job, when it starts
/// and when it ends.
fn ordered_schedule(secs: &[u64], limit: usize) -> Vec<(u64, u64)> {
    let mut schedule = Vec::new();
    let mut handed_out: Vec<u64> = Vec::new(); // output k leaves when jobs 0..=k are done
    for (k, &s) in secs.iter().enumerate() {
        let start = if k < limit { 0 } else { handed_out[k - limit] };
        let left = handed_out
            .last()
            .map_or(start + s, |&last| last.max(start + s));
        handed_out.push(left);
        schedule.push((start, start + s));
    }
    schedule
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    // ANCHOR: in_order
    /// The jobs finish in the order `release` gives: each gate opens only once the job
    /// before it in `release` has said it is done. `in_order` must still return
    /// exactly what a sequential `map` returns.
    #[test]
    fn in_order_matches_a_sequential_map_whatever_order_jobs_finish(
        (values, release) in values_and_release(),
    ) {
        let (gates, finished, jobs) = gated(&values);
        let releaser = thread::spawn(move || {
            for index in release {
                gates[index].send(()).unwrap();
                assert_eq!(finished.recv_timeout(HANG), Ok(index));
            }
        });
        let results: Vec<u64> = in_order(jobs).map(Result::unwrap).collect();
        releaser.join().unwrap();
        let expected: Vec<u64> = values.iter().map(|&v| work(v)).collect();
        prop_assert_eq!(results, expected);
    }
    // ANCHOR_END: in_order

    /// Here the test is the consumer, and opens the next gate only after receiving the
    /// previous result, so the order of completion is exactly `release`.
    #[test]
    fn as_completed_yields_every_job_once_in_the_order_they_finish(
        (values, release) in values_and_release(),
    ) {
        let (gates, _finished, jobs) = gated(&values);
        let results = as_completed(jobs);
        for &index in &release {
            gates[index].send(()).unwrap();
            let (got, outcome) = results
                .recv_timeout(HANG)
                .expect("no result: the job that finished is held back behind another");
            prop_assert_eq!(got, index);
            prop_assert_eq!(outcome.unwrap(), work(values[index]));
        }
        prop_assert!(results.recv_timeout(HANG).is_err(), "more results than jobs");
    }

    #[test]
    fn par_map_matches_a_sequential_map(values in prop::collection::vec(any::<u32>(), 0..2_000)) {
        let expected: Vec<u64> = values.iter().map(|&v| work(v)).collect();
        prop_assert_eq!(par_map(&values, |&v| work(v)), expected);
    }

    /// Spawned tasks on the paused clock: awaited in order, result `k` arrives when
    /// the slowest of jobs `0..=k` is done; through `join_next` or `FuturesUnordered`,
    /// each result arrives when its own job is done.
    #[test]
    fn ordered_results_wait_for_the_slowest_job_before_them(secs in prop::collection::vec(1u64..10, 0..12)) {
        let runtime = paused_clock::runtime();
        let s = Duration::from_secs;
        let mut slowest = 0;
        let ordered: Vec<(usize, Duration)> = secs
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                slowest = slowest.max(t);
                (i, s(slowest))
            })
            .collect();
        prop_assert_eq!(runtime.block_on(handles_in_order(&secs)), ordered);

        for arrivals in [runtime.block_on(join_set(&secs)), runtime.block_on(futures_unordered(&secs))] {
            let mut seen: Vec<usize> = arrivals.iter().map(|&(i, _)| i).collect();
            seen.sort();
            prop_assert_eq!(seen, (0..secs.len()).collect::<Vec<_>>(), "each job once");
            for &(index, at) in &arrivals {
                prop_assert_eq!(at, s(secs[index]), "job {} arrived when it finished", index);
            }
            prop_assert!(arrivals.is_sorted_by_key(|&(_, at)| at), "in the order they finished");
        }
    }

    // ANCHOR: bounded
    /// `buffer_unordered(limit)` behaves like a pool of `limit` workers that takes the
    /// next job the moment one is free: each job starts and ends when the sequential
    /// schedule says, and no more than `limit` run at once.
    #[test]
    fn buffer_unordered_follows_the_list_schedule((secs, limit) in secs_and_limit()) {
        let running = Cell::new(0);
        let most = Cell::new(0);
        let observed = paused_clock::runtime().block_on(async {
            let start = Instant::now(); // on the paused clock
            let jobs = secs.iter().enumerate().map(|(index, &s)| {
                let (running, most) = (&running, &most);
                async move {
                    let began = start.elapsed().as_secs();
                    running.set(running.get() + 1);
                    most.set(most.get().max(running.get()));
                    sleep(Duration::from_secs(s)).await;
                    running.set(running.get() - 1);
                    (index, began, start.elapsed().as_secs())
                }
            });
            let mut observed: Vec<_> = as_they_finish(jobs, limit).collect::<Vec<_>>().await;
            observed.sort();
            observed
        });
        prop_assert!(most.get() <= limit, "{} jobs ran at once, limit {}", most.get(), limit);
        let expected: Vec<(usize, u64, u64)> = list_schedule(&secs, limit)
            .into_iter()
            .enumerate()
            .map(|(index, (start, end))| (index, start, end))
            .collect();
        prop_assert_eq!(observed, expected);
    }
    // ANCHOR_END: bounded

    /// `buffered(limit)` hands the outputs over in submission order, and each job
    /// starts and ends when the ordered schedule says: never more than `limit` at
    /// once, and never fewer than the held-back outputs leave room for.
    #[test]
    fn buffered_keeps_submission_order_within_the_limit((secs, limit) in secs_and_limit()) {
        let running = Cell::new(0);
        let most = Cell::new(0);
        let observed = paused_clock::runtime().block_on(async {
            let start = Instant::now(); // on the paused clock
            let jobs = secs.iter().enumerate().map(|(index, &s)| {
                let (running, most) = (&running, &most);
                async move {
                    let began = start.elapsed().as_secs();
                    running.set(running.get() + 1);
                    most.set(most.get().max(running.get()));
                    sleep(Duration::from_secs(s)).await;
                    running.set(running.get() - 1);
                    (index, began, start.elapsed().as_secs())
                }
            });
            buffered(jobs, limit).collect::<Vec<_>>().await
        });
        prop_assert!(most.get() <= limit, "{} jobs ran at once, limit {}", most.get(), limit);
        let expected: Vec<(usize, u64, u64)> = ordered_schedule(&secs, limit)
            .into_iter()
            .enumerate()
            .map(|(index, (start, end))| (index, start, end))
            .collect();
        prop_assert_eq!(observed, expected, "(index, started, ended), in the order handed over");
    }

    /// Spawned tasks under a semaphore: each job starts and ends when the list
    /// schedule says, so the limit is reached as well as respected.
    #[test]
    fn spawn_bounded_runs_every_job_once_within_the_limit((secs, limit) in secs_and_limit()) {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut observed = paused_clock::runtime().block_on(async {
            let start = Instant::now(); // on the paused clock
            let jobs = secs.iter().enumerate().map(|(index, &s)| {
                let (running, most) = (Arc::clone(&running), Arc::clone(&most));
                async move {
                    let began = start.elapsed().as_secs();
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    sleep(Duration::from_secs(s)).await;
                    running.fetch_sub(1, Ordering::SeqCst);
                    (index, began, start.elapsed().as_secs())
                }
            });
            spawn_bounded(jobs, limit).await
        });
        let most = most.load(Ordering::SeqCst);
        prop_assert!(most <= limit, "{} jobs ran at once, limit {}", most, limit);
        observed.sort();
        let expected: Vec<(usize, u64, u64)> = list_schedule(&secs, limit)
            .into_iter()
            .enumerate()
            .map(|(index, (start, end))| (index, start, end))
            .collect();
        prop_assert_eq!(observed, expected, "(index, started, ended)");
    }
}

#[test]
fn the_list_schedule_is_right_on_a_worked_example() {
    // Two slots: 5 s and 1 s start at 0; the 1 s jobs then take turns in one slot.
    assert_eq!(
        list_schedule(&[5, 1, 1, 1, 1], 2),
        [(0, 5), (0, 1), (1, 2), (2, 3), (3, 4)]
    );
}

#[test]
fn the_ordered_schedule_is_right_on_a_worked_example() {
    // Two slots: job 1's output waits for job 0's until 5 s, and holds its slot.
    assert_eq!(
        ordered_schedule(&[5, 1, 1, 1, 1], 2),
        [(0, 5), (0, 1), (5, 6), (5, 6), (6, 7)]
    );
}
