//! The exercises' property tests, one module per exercise. Each runs against the
//! solution, or against the reader's starting file when `EXERCISE` names the exercise
//! (`cargo xtask exercise <name>`; see `tests/exercise/mod.rs`).

#[macro_use]
mod exercise;
mod proptest_cases;

/// Exercise 3.1-1: the longest Collatz chain, on scoped threads.
mod longest_chain {
    use listings::foundations::exercises::{longest_chain, longest_chain_solution};
    use proptest::prelude::*;

    fn check(limit: u64, threads: usize) -> Result<(), TestCaseError> {
        let parallel = pick!(
            "longest_chain",
            longest_chain::longest_chain_parallel,
            longest_chain_solution::longest_chain_parallel,
        );
        let expected = longest_chain::longest_chain(limit);
        let got = parallel(limit, threads);
        prop_assert!(
            got == expected,
            "longest_chain_parallel({limit}, {threads}) returned {got:?}, but the \
             sequential longest_chain({limit}) returns {expected:?} (start, steps)"
        );
        Ok(())
    }

    /// Every small limit, on 1 to 8 threads: this reaches the ranges whose longest
    /// chain is their last number (27 below 28) and the ties (54 and 55 both take 112
    /// steps), which random limits seldom hit.
    #[test]
    fn every_limit_below_300_on_1_to_8_threads() {
        for limit in 0..300 {
            for threads in 1..=8 {
                if let Err(failure) = check(limit, threads) {
                    panic!("{failure}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        #[test]
        fn parallel_answer_equals_the_sequential_one(limit in 0u64..20_000, threads in 1usize..9) {
            check(limit, threads)?;
        }
    }
}

/// Exercise 3.1-2: the last worker out adds up every partial result.
mod gather {
    use std::sync::Barrier;
    use std::thread;

    use listings::foundations::exercises::{gather, gather_solution};
    use proptest::prelude::*;

    /// `partials.len()` workers start together at a barrier and each finish once;
    /// returns what every worker's `finish` returned.
    macro_rules! finish_together {
        ($gather:ty, $partials:expr) => {{
            let gather = <$gather>::new($partials.len());
            let start = Barrier::new($partials.len());
            thread::scope(|s| {
                let workers: Vec<_> = $partials
                    .iter()
                    .enumerate()
                    .map(|(worker, &partial)| {
                        let (gather, start) = (&gather, &start);
                        s.spawn(move || {
                            start.wait();
                            gather.finish(worker, partial)
                        })
                    })
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).collect::<Vec<_>>()
            })
        }};
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(64))]

        #[test]
        fn exactly_one_worker_gathers_the_whole_sum(
            partials in prop::collection::vec(0u64..1_000_000, 1..8),
        ) {
            let returned: Vec<Option<u64>> = if crate::exercise::on_starting_file("gather") {
                finish_together!(gather::Gather, partials)
            } else {
                finish_together!(gather_solution::Gather, partials)
            };
            let gatherers: Vec<u64> = returned.iter().flatten().copied().collect();
            let sum: u64 = partials.iter().sum();
            prop_assert!(
                gatherers.len() == 1,
                "{} of {} workers returned a total (exactly one must be last): {returned:?}",
                gatherers.len(),
                partials.len()
            );
            prop_assert!(
                gatherers[0] == sum,
                "the last worker returned {} but the partials {partials:?} add up to {sum}",
                gatherers[0]
            );
        }
    }
}

/// Exercise 9.1-1: the dining philosophers.
mod dining {
    use listings::threads::exercises::{dining, dining_solution};
    use proptest::prelude::*;

    fn pick_up_order() -> fn(usize, usize) -> (usize, usize) {
        pick!(
            "dining",
            dining::pick_up_order,
            dining_solution::pick_up_order
        )
    }

    /// A deadlock needs a cycle: philosophers each holding their first fork while
    /// waiting for their second, which the next one in the cycle holds as its first.
    /// Returns such a cycle of seats, if the orders allow one.
    fn waiting_cycle(orders: &[(usize, usize)]) -> Option<Vec<usize>> {
        // The philosopher holding fork `f` as their first fork, if any.
        let first_holder = |fork: usize| orders.iter().position(|&(first, _)| first == fork);
        for start in 0..orders.len() {
            let mut path = vec![start];
            let mut seat = start;
            while let Some(next) = first_holder(orders[seat].1) {
                if next == start {
                    return Some(path);
                }
                if path.contains(&next) {
                    break;
                }
                path.push(next);
                seat = next;
            }
        }
        None
    }

    fn check_orders(seats: usize) -> Result<(), TestCaseError> {
        let pick_up_order = pick_up_order();
        let orders: Vec<(usize, usize)> = (0..seats).map(|s| pick_up_order(s, seats)).collect();
        for (seat, &(first, second)) in orders.iter().enumerate() {
            let mut got = [first, second];
            got.sort();
            let mut own = [seat, (seat + 1) % seats];
            own.sort();
            prop_assert!(
                got == own,
                "philosopher {seat} of {seats} must pick up their own forks {own:?}, \
                 but pick_up_order returned ({first}, {second})"
            );
        }
        if let Some(cycle) = waiting_cycle(&orders) {
            let who: Vec<String> = cycle.iter().map(|s| s.to_string()).collect();
            prop_assert!(
                false,
                "a deadlock is possible with {seats} philosophers: {} can each hold their \
                 first fork while waiting for their second, which the next one holds \
                 (orders {orders:?})",
                who.join(", ")
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        #[test]
        fn no_table_allows_a_cycle_of_waiting_philosophers(seats in 2usize..40) {
            check_orders(seats)?;
        }

        /// Real threads, once the orders are known to be free of cycles (a wrong
        /// order could deadlock here and hang the test instead of failing it).
        #[test]
        fn every_philosopher_eats_every_meal(seats in 2usize..8, meals in 1usize..50) {
            check_orders(seats)?;
            let dinner = pick!("dining", dining::dinner, dining_solution::dinner);
            let uses = dinner(seats, meals);
            prop_assert_eq!(uses, vec![2 * meals as u32; seats], "fork uses after the dinner");
        }
    }
}

/// Exercise 9.1-2: a pool that can wait until it is idle.
mod idle_pool {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use listings::threads::exercises::{idle_pool, idle_pool_solution};
    use proptest::prelude::*;

    /// Submits each round's jobs, waits until idle, and checks that every job of the
    /// round ran exactly once before `wait_idle` returned.
    macro_rules! rounds {
        ($pool:ty, $workers:expr, $rounds:expr) => {{
            let pool = <$pool>::new($workers);
            for (round, &jobs) in $rounds.iter().enumerate() {
                let runs: Arc<Vec<AtomicUsize>> =
                    Arc::new((0..jobs).map(|_| AtomicUsize::new(0)).collect());
                for job in 0..jobs {
                    let runs = Arc::clone(&runs);
                    pool.execute(move || {
                        // A little work, so that jobs are still running when the
                        // queue is already empty.
                        std::hint::black_box((0..job * 50).sum::<usize>());
                        runs[job].fetch_add(1, Ordering::Relaxed);
                    });
                }
                pool.wait_idle();
                let seen: Vec<usize> = runs.iter().map(|r| r.load(Ordering::Relaxed)).collect();
                prop_assert!(
                    seen.iter().all(|&r| r == 1),
                    "round {round}: wait_idle returned before every job had run once: \
                     runs per job {seen:?}"
                );
            }
        }};
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        #[test]
        fn after_wait_idle_every_job_has_run_once(
            workers in 1usize..5,
            rounds in prop::collection::vec(0usize..60, 1..4),
        ) {
            if crate::exercise::on_starting_file("idle_pool") {
                rounds!(idle_pool::ThreadPool, workers, rounds);
            } else {
                rounds!(idle_pool_solution::ThreadPool, workers, rounds);
            }
        }
    }
}
