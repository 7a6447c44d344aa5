//! Chapter 18 on tokio's paused clock: the semaphore-limited runner and the token
//! bucket, for random job lengths, limits and arrival times, against sequential
//! references computed with plain arithmetic.

mod paused_clock;
mod proptest_cases;

use std::sync::{Arc, Mutex};
use std::time::Duration;

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

    /// Callers arriving at random times (in ms): each is admitted once, never more
    /// than `capacity + k` in any span of k periods, and exactly when the reference
    /// bucket admits them.
    #[test]
    fn token_bucket_admits_each_caller_once_within_its_rate(
        mut arrivals in prop::collection::vec(0u64..2_000, 0..30),
        capacity in 1u64..5,
        every in 1u64..300,
    ) {
        let runtime = paused_clock::runtime();
        let mut admitted = runtime.block_on(async {
            let start = Instant::now();
            let bucket = Arc::new(TokenBucket::new(capacity as u32, Duration::from_millis(every)));
            let callers: Vec<_> = arrivals
                .iter()
                .map(|&arrival| {
                    let bucket = Arc::clone(&bucket);
                    tokio::spawn(async move {
                        sleep(Duration::from_millis(arrival)).await;
                        bucket.acquire().await;
                        start.elapsed().as_millis() as u64
                    })
                })
                .collect();
            let mut admitted = Vec::new();
            for caller in callers {
                admitted.push(caller.await.unwrap());
            }
            admitted
        });
        admitted.sort();
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
