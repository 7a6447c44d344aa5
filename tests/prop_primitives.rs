//! Chapter 18 on tokio's paused clock: the semaphore-limited runner, the fixed window
//! and the token bucket, for random job lengths, limits and arrival times, against
//! sequential references computed with plain arithmetic.

mod paused_clock;
mod proptest_cases;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::toolkit::primitives::fixed_window::FixedWindow;
use listings::toolkit::primitives::limit_in_flight::run_limited;
use listings::toolkit::primitives::token_bucket::TokenBucket;
use proptest::prelude::*;
use tokio::time::{Instant, sleep};

/// What the jobs saw: how many were running, the most ever, and when each started.
#[derive(Default)]
struct Seen {
    running: usize,
    most: usize,
    starts: Vec<(usize, u64)>,
}

/// When each job starts if the jobs start in order, each as soon as one of `limit`
/// slots is free: the schedule a correct limiter must follow.
fn reference_starts(lengths: &[u64], limit: usize) -> Vec<u64> {
    let mut free_at = vec![0; limit];
    let mut starts = Vec::new();
    for &length in lengths {
        let slot = (0..limit).min_by_key(|&s| free_at[s]).unwrap();
        starts.push(free_at[slot]);
        free_at[slot] += length;
    }
    starts
}

/// The admission times of a fixed window, from its rule: callers go in the order they
/// arrive, none before the one ahead of it; a window of `length` opens at the first
/// admission at or after the end of the previous one and admits at most `limit`; a
/// caller that finds it full goes when it ends, and opens the next.
fn reference_windows(arrivals: &[u64], limit: u32, length: u64) -> Vec<u64> {
    let (mut opened, mut count) = (None::<u64>, 0);
    let mut admitted: Vec<u64> = Vec::new();
    for &arrival in arrivals {
        let mut at = arrival.max(admitted.last().copied().unwrap_or(0));
        match opened {
            Some(start) if at < start + length && count < limit => {}
            Some(start) if at < start + length => {
                at = start + length;
                (opened, count) = (Some(at), 0);
            }
            _ => (opened, count) = (Some(at), 0),
        }
        count += 1;
        admitted.push(at);
    }
    admitted
}

/// The admission times of a token bucket (GCRA, "virtual scheduling"): another way
/// to write the same limit. `tat` is the time the next call would be due if calls
/// came exactly one per `every`; a call may run up to `capacity - 1` periods early.
fn reference_admissions(arrivals: &[u64], capacity: u64, every: u64) -> Vec<u64> {
    let mut tat: u64 = 0;
    let mut admitted = Vec::new();
    for &arrival in arrivals {
        let at = arrival.max(tat.saturating_sub((capacity - 1) * every));
        tat = tat.max(at) + every;
        admitted.push(at);
    }
    admitted
}

/// Callers that arrive at `arrivals` (in ms) and each await `acquire` once on the
/// limiter that `make` builds: when each was admitted, in ms, sorted.
fn admissions<L, F>(
    arrivals: &[u64],
    make: impl FnOnce() -> L,
    acquire: fn(Arc<L>) -> F,
) -> Vec<u64>
where
    L: Send + Sync + 'static,
    F: Future<Output = ()> + Send + 'static,
{
    paused_clock::runtime().block_on(async {
        let start = Instant::now();
        let limiter = Arc::new(make()); // built on the paused clock, which it reads
        let callers: Vec<_> = arrivals
            .iter()
            .map(|&arrival| {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move {
                    sleep(Duration::from_millis(arrival)).await;
                    acquire(limiter).await;
                    start.elapsed().as_millis() as u64
                })
            })
            .collect();
        let mut admitted = Vec::new();
        for caller in callers {
            admitted.push(caller.await.unwrap());
        }
        admitted.sort();
        admitted
    })
}

proptest! {
    #![proptest_config(proptest_cases::cases(64))]

    // ANCHOR: limit
    /// Jobs of random lengths (in ms) under a random limit: never more than `limit`
    /// running, each job runs once, and each starts exactly when a slot frees up.
    #[test]
    fn never_more_than_limit_in_flight_and_every_job_runs_once(
        lengths in prop::collection::vec(1u64..50, 0..40),
        limit in 1usize..6,
    ) {
        let seen = Arc::new(Mutex::new(Seen::default()));
        // Read the clock inside the paused runtime: outside it, `Instant::now` reads
        // the real clock, and any real time before the runtime starts would count.
        let runtime = paused_clock::runtime();
        let start = runtime.block_on(async { Instant::now() });
        let jobs: Vec<_> = lengths
            .iter()
            .enumerate()
            .map(|(id, &length)| {
                let seen = Arc::clone(&seen);
                async move {
                    {
                        let mut seen = seen.lock().unwrap();
                        seen.running += 1;
                        seen.most = seen.most.max(seen.running);
                        seen.starts.push((id, start.elapsed().as_millis() as u64));
                    }
                    sleep(Duration::from_millis(length)).await;
                    seen.lock().unwrap().running -= 1;
                    id
                }
            })
            .collect();
        let mut finished = runtime.block_on(run_limited(limit, jobs));

        let mut seen = seen.lock().unwrap();
        prop_assert!(
            seen.most <= limit,
            "{} jobs in flight at once with a limit of {}", seen.most, limit
        );
        finished.sort();
        prop_assert_eq!(finished, (0..lengths.len()).collect::<Vec<_>>(), "each job once");
        seen.starts.sort();
        let starts: Vec<u64> = seen.starts.iter().map(|&(_, at)| at).collect();
        prop_assert_eq!(starts, reference_starts(&lengths, limit), "start times");
    }
    // ANCHOR_END: limit

    /// Callers arriving at random times (in ms) at a fixed window: each is admitted
    /// once, no window admits more than `limit`, and each exactly when the rule says.
    #[test]
    fn fixed_window_admits_at_most_limit_per_window(
        mut arrivals in prop::collection::vec(0u64..2_000, 0..30),
        limit in 1u32..5,
        length in 1u64..300,
    ) {
        let make = || FixedWindow::new(limit, Duration::from_millis(length));
        let admitted = admissions(&arrivals, make, |w| async move { w.acquire().await });
        prop_assert_eq!(admitted.len(), arrivals.len(), "every caller admitted once");
        // Windows as the admissions draw them: each opens at the first admission
        // after the previous one ended.
        let (mut opened, mut count) = (0, 0);
        for (i, &at) in admitted.iter().enumerate() {
            if i == 0 || at >= opened + length {
                (opened, count) = (at, 0);
            }
            count += 1;
            prop_assert!(
                count <= limit,
                "{} calls in the window of {} ms opened at {} ms, allowed {}", count, length, opened, limit
            );
        }
        arrivals.sort();
        prop_assert_eq!(admitted, reference_windows(&arrivals, limit, length));
    }

    /// Callers arriving at random times (in ms): each is admitted once, never more
    /// than `capacity + k` in any span of k periods, and exactly when the reference
    /// bucket admits them.
    #[test]
    fn token_bucket_admits_each_caller_once_within_its_rate(
        mut arrivals in prop::collection::vec(0u64..2_000, 0..30),
        capacity in 1u64..5,
        every in 1u64..300,
    ) {
        let make = || TokenBucket::new(capacity as u32, Duration::from_millis(every));
        let admitted = admissions(&arrivals, make, |b| async move { b.acquire().await });
        prop_assert_eq!(admitted.len(), arrivals.len(), "every caller admitted once");
        for (i, &first) in admitted.iter().enumerate() {
            for (j, &last) in admitted.iter().enumerate().skip(i) {
                let allowed = capacity + (last - first) / every;
                prop_assert!(
                    (j - i + 1) as u64 <= allowed,
                    "{} calls between {} ms and {} ms, allowed {}", j - i + 1, first, last, allowed
                );
            }
        }
        arrivals.sort();
        prop_assert_eq!(admitted, reference_admissions(&arrivals, capacity, every));
    }
}
