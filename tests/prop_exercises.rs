//! The exercises' property tests, one module per exercise. Each runs against the
//! solution, or against the reader's starting file when `EXERCISE` names the exercise
//! (`cargo xtask exercise <name>`; see `tests/exercise/mod.rs`).

#[macro_use]
mod exercise;
mod paused_clock;
mod proptest_cases;

/// Exercise 3.1-1: the longest Collatz chain, on scoped threads.
mod longest_chain {
    use listings::foundations::exercises::{longest_chain, longest_chain_solution};
    use proptest::prelude::*;

    /// The answer, written out here: the Collatz steps of every start below `limit`,
    /// and the first start with the most.
    fn expected(limit: u64) -> Option<(u64, u32)> {
        let mut best: Option<(u64, u32)> = None;
        for start in 1..limit {
            let (mut n, mut steps) = (start, 0);
            while n != 1 {
                n = if n.is_multiple_of(2) {
                    n / 2
                } else {
                    3 * n + 1
                };
                steps += 1;
            }
            if best.is_none_or(|(_, most)| steps > most) {
                best = Some((start, steps));
            }
        }
        best
    }

    fn check(limit: u64, threads: usize) -> Result<(), TestCaseError> {
        let parallel = pick!(
            "longest_chain",
            longest_chain::longest_chain_parallel,
            longest_chain_solution::longest_chain_parallel,
        );
        let expected = expected(limit);
        let got = parallel(limit, threads);
        prop_assert!(
            got == expected,
            "longest_chain_parallel({limit}, {threads}) returned {got:?}, but the start \
             below {limit} with the most steps is {expected:?} (start, steps)"
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
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap())
                    .collect::<Vec<_>>()
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

/// Exercise 11.1-1: a frame reader that refuses oversized frames.
mod frames {
    use std::io::{self, Read};

    use listings::processes::exercises::frames::{self, write_frame};
    use listings::processes::exercises::frames_solution;
    use proptest::prelude::*;

    /// A stream that hands out at most a few bytes per `read`, as a pipe may, and
    /// counts what it handed out.
    struct Pipe {
        data: Vec<u8>,
        taken: usize,
        pieces: Vec<usize>,
        reads: usize,
    }

    impl Read for Pipe {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let piece = self.pieces[self.reads % self.pieces.len()];
            self.reads += 1;
            let n = piece.min(buf.len()).min(self.data.len() - self.taken);
            buf[..n].copy_from_slice(&self.data[self.taken..self.taken + n]);
            self.taken += n;
            Ok(n)
        }
    }

    /// What the reader must return, frame after frame, for a stream.
    #[derive(Debug, PartialEq)]
    enum Expected {
        Frame(Vec<u8>),
        End,
        TooLarge { len: u32, consumed: usize },
        Truncated,
    }

    /// The sequential reference: the whole stream is in memory, so slicing says it all.
    fn reference(stream: &[u8], max: u32) -> Vec<Expected> {
        let mut outcomes = Vec::new();
        let mut at = 0;
        loop {
            let rest = &stream[at..];
            if rest.is_empty() {
                outcomes.push(Expected::End);
                return outcomes;
            }
            if rest.len() < 4 {
                outcomes.push(Expected::Truncated);
                return outcomes;
            }
            let len = u32::from_le_bytes(rest[..4].try_into().unwrap());
            if len > max {
                outcomes.push(Expected::TooLarge {
                    len,
                    consumed: at + 4,
                });
                return outcomes;
            }
            if rest.len() - 4 < len as usize {
                outcomes.push(Expected::Truncated);
                return outcomes;
            }
            outcomes.push(Expected::Frame(rest[4..4 + len as usize].to_vec()));
            at += 4 + len as usize;
        }
    }

    /// What one call of `read_frame` returned, from either file (each has its own
    /// `FrameError` type).
    #[derive(Debug)]
    enum Got {
        Frame(Vec<u8>),
        End,
        TooLarge { len: u32, max: u32 },
        Truncated,
        // Read only through `Debug`, in failure messages.
        Io(#[allow(dead_code)] io::ErrorKind),
    }

    macro_rules! read_with {
        ($module:ident, $pipe:expr, $max:expr) => {
            match $module::read_frame($pipe, $max) {
                Ok(Some(body)) => Got::Frame(body),
                Ok(None) => Got::End,
                Err($module::FrameError::TooLarge { len, max }) => Got::TooLarge { len, max },
                Err($module::FrameError::Truncated) => Got::Truncated,
                Err($module::FrameError::Io(e)) => Got::Io(e.kind()),
            }
        };
    }

    fn read_frame(pipe: &mut Pipe, max: u32) -> Got {
        if crate::exercise::on_starting_file("frames") {
            read_with!(frames, pipe, max)
        } else {
            read_with!(frames_solution, pipe, max)
        }
    }

    fn describe(got: &Got) -> String {
        match got {
            Got::Frame(body) => format!("a frame of {} bytes", body.len()),
            Got::End => "Ok(None), a clean end".to_owned(),
            other => format!("Err({other:?})"),
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(256))]

        /// Frames of up to 40 bytes, a limit that some of them exceed, a stream that
        /// may be cut anywhere, and reads that return 1 to 6 bytes at a time.
        #[test]
        fn reader_agrees_with_the_reference_on_any_stream(
            bodies in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..6),
            max in 0u32..48,
            cut in any::<prop::sample::Index>(),
            cut_it in any::<bool>(),
            pieces in prop::collection::vec(1usize..7, 1..5),
        ) {
            let mut stream = Vec::new();
            for body in &bodies {
                write_frame(&mut stream, body);
            }
            if cut_it && !stream.is_empty() {
                stream.truncate(cut.index(stream.len()));
            }
            let expected = reference(&stream, max);
            let mut pipe = Pipe { data: stream.clone(), taken: 0, pieces, reads: 0 };
            for (i, want) in expected.iter().enumerate() {
                let got = read_frame(&mut pipe, max);
                let matches = match (want, &got) {
                    (Expected::Frame(body), Got::Frame(frame)) => frame == body,
                    (Expected::End, Got::End) => true,
                    (Expected::TooLarge { len, consumed }, Got::TooLarge { len: l, max: m }) => {
                        prop_assert!(
                            pipe.taken == *consumed,
                            "call {i}: the frame of {len} bytes was refused, but after reading \
                             {} bytes of the stream instead of {consumed}: refuse it right \
                             after its 4-byte header, without reading its body",
                            pipe.taken
                        );
                        l == len && *m == max
                    }
                    (Expected::Truncated, Got::Truncated) => true,
                    _ => false,
                };
                prop_assert!(
                    matches,
                    "call {i} of read_frame (max {max}, stream of {} bytes, reads of at most \
                     {:?} bytes) returned {}, expected {want:?}",
                    stream.len(),
                    pipe.pieces,
                    describe(&got)
                );
            }
        }
    }
}

/// Exercise 16.1-1: lines from chunks, with a heartbeat that cancels.
mod lines {
    use std::time::Duration;

    use listings::async_rust::exercises::{lines, lines_solution};
    use proptest::prelude::*;
    use tokio::sync::mpsc;
    use tokio::time::sleep;

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(64))]

        /// Random bytes (a third of them newlines) cut into random chunks, sent after
        /// random gaps, with a random heartbeat: on tokio's paused clock, the
        /// heartbeat wins the `select!` at points that vary from case to case.
        #[test]
        fn every_complete_line_arrives_whatever_the_heartbeat(
            bytes in prop::collection::vec(prop_oneof![Just(b'\n'), b'a'..=b'z', b'a'..=b'z'], 0..60),
            cuts in prop::collection::vec(1usize..8, 1..10),
            gaps in prop::collection::vec(0u64..300, 1..10),
            beat in 1u64..200,
        ) {
            let mut chunks = Vec::new();
            let mut rest = &bytes[..];
            for i in 0.. {
                if rest.is_empty() {
                    break;
                }
                let size = cuts[i % cuts.len()].min(rest.len());
                chunks.push(rest[..size].to_vec());
                rest = &rest[size..];
            }
            let runtime = crate::paused_clock::runtime();
            let got = runtime.block_on(async {
                let (sender, receiver) = mpsc::channel(2);
                let sending = chunks.clone();
                let gaps = gaps.clone();
                tokio::spawn(async move {
                    for (i, chunk) in sending.into_iter().enumerate() {
                        sleep(Duration::from_millis(gaps[i % gaps.len()])).await;
                        sender.send(chunk).await.unwrap();
                    }
                });
                let beat = Duration::from_millis(beat);
                if crate::exercise::on_starting_file("lines") {
                    lines::collect_lines(receiver, beat).await
                } else {
                    lines_solution::collect_lines(receiver, beat).await
                }
            });
            // The sequential answer: every piece that a newline ends.
            let mut expected: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            expected.pop(); // what follows the last newline is not a line
            prop_assert!(
                got == expected,
                "chunks {:?}, sent after gaps of {gaps:?} ms, with a heartbeat every {beat} ms, \
                 gave lines {:?}, expected {:?}",
                chunks.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>(),
                got.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect::<Vec<_>>(),
                expected.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect::<Vec<_>>(),
            );
        }
    }
}

/// Exercise 19.1-1: a semaphore whose holders take several permits at once.
mod weighted {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier, mpsc};
    use std::thread;
    use std::time::{Duration, Instant};

    use listings::toolkit::exercises::{weighted, weighted_solution};
    use proptest::prelude::*;

    /// Threads start together; each takes its number of permits `rounds` times.
    /// Returns the most permits ever out at once.
    macro_rules! most_out {
        ($semaphore:ty, $capacity:expr, $needs:expr, $rounds:expr) => {{
            let semaphore = <$semaphore>::new($capacity);
            let (in_use, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let start = Barrier::new($needs.len());
            thread::scope(|s| {
                for &permits in &$needs {
                    let (semaphore, in_use, most, start) = (&semaphore, &in_use, &most, &start);
                    s.spawn(move || {
                        start.wait();
                        for _ in 0..$rounds {
                            let _permit = semaphore.acquire(permits);
                            let now = in_use.fetch_add(permits, Ordering::SeqCst) + permits;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::hint::spin_loop();
                            in_use.fetch_sub(permits, Ordering::SeqCst);
                        }
                    });
                }
            });
            most.load(Ordering::SeqCst)
        }};
    }

    /// Only stops a semaphore that makes a request wait for ever; no test asserts on it.
    const HANG: Duration = Duration::from_secs(10);

    /// One thread per request, each holding its permits until every request has been
    /// granted. Returns how many were granted (all of them, if the semaphore lets
    /// requests that fit go ahead together). A thread left waiting stays blocked.
    macro_rules! granted_at_once {
        ($semaphore:ty, $capacity:expr, $needs:expr) => {{
            let semaphore = Arc::new(<$semaphore>::new($capacity));
            let all_granted = Arc::new(Barrier::new($needs.len() + 1));
            let (granted, grants) = mpsc::channel();
            for &permits in &$needs {
                let (semaphore, all_granted) = (Arc::clone(&semaphore), Arc::clone(&all_granted));
                let granted = granted.clone();
                thread::spawn(move || {
                    let _permit = semaphore.acquire(permits);
                    granted.send(()).unwrap();
                    all_granted.wait();
                });
            }
            drop(granted); // a thread that panics then ends the wait at once
            let deadline = Instant::now() + HANG;
            let count = (0..$needs.len())
                .take_while(|_| {
                    let left = deadline.saturating_duration_since(Instant::now());
                    grants.recv_timeout(left).is_ok()
                })
                .count();
            if count == $needs.len() {
                all_granted.wait(); // lets the holders go
            }
            count
        }};
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        /// Requests that fit in the capacity together must all be granted together:
        /// a semaphore that lets fewer through at a time fails here.
        #[test]
        fn requests_that_fit_together_are_granted_together(
            needs in prop::collection::vec(1usize..5, 1..6),
            spare in 0usize..2,
        ) {
            let capacity = needs.iter().sum::<usize>() + spare;
            let granted = if crate::exercise::on_starting_file("weighted") {
                granted_at_once!(weighted::Semaphore, capacity, needs)
            } else {
                granted_at_once!(weighted_solution::Semaphore, capacity, needs)
            };
            prop_assert!(
                granted == needs.len(),
                "only {granted} of the requests {needs:?} were granted by a semaphore of \
                 {capacity}, though all of them fit at once: a request waited while enough \
                 permits were free, or its thread panicked"
            );
        }

        #[test]
        fn never_more_permits_out_than_the_capacity(
            capacity in 1usize..5,
            needs in prop::collection::vec(1usize..5, 1..6),
            rounds in 1usize..50,
        ) {
            let needs: Vec<usize> = needs.into_iter().map(|n| n.min(capacity)).collect();
            let most = if crate::exercise::on_starting_file("weighted") {
                most_out!(weighted::Semaphore, capacity, needs, rounds)
            } else {
                most_out!(weighted_solution::Semaphore, capacity, needs, rounds)
            };
            prop_assert!(
                most <= capacity,
                "{most} permits were out at once from a semaphore of {capacity} \
                 (holders taking {needs:?} each)"
            );
        }
    }
}

/// Exercise 11.1-2: prefix sums in place, on scoped threads.
mod prefix_sums {
    use listings::processes::exercises::{prefix_sums, prefix_sums_solution};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(64))]

        #[test]
        fn parallel_sums_equal_the_sequential_ones(
            values in prop::collection::vec(0u64..1_000_000, 0..2_000),
            threads in 1usize..9,
        ) {
            let parallel = pick!(
                "prefix_sums",
                prefix_sums::prefix_sums_parallel,
                prefix_sums_solution::prefix_sums_parallel,
            );
            let expected: Vec<u64> = values
                .iter()
                .scan(0, |total, &value| {
                    *total += value;
                    Some(*total)
                })
                .collect();
            let mut got = values.clone();
            parallel(&mut got, threads);
            if let Some(at) = (0..values.len()).find(|&i| got[i] != expected[i]) {
                prop_assert!(
                    false,
                    "{} values on {threads} threads: position {at} holds {}, but the sum of \
                     the values up to it is {}",
                    values.len(),
                    got[at],
                    expected[at]
                );
            }
        }
    }
}

/// Exercise 19.1-2: a bounded queue that can be closed.
mod bounded {
    use std::thread;

    use listings::toolkit::exercises::{bounded, bounded_solution};
    use proptest::prelude::*;

    /// Producers push `(producer, sequence)` items; once they are done the queue
    /// closes; returns what each consumer popped, in order.
    macro_rules! run {
        ($queue:ty, $capacity:expr, $producers:expr, $consumers:expr) => {{
            let queue = <$queue>::new($capacity);
            thread::scope(|s| {
                let consumers: Vec<_> = (0..$consumers)
                    .map(|_| {
                        s.spawn(|| {
                            let mut got = Vec::new();
                            while let Some(item) = queue.pop() {
                                got.push(item);
                            }
                            got
                        })
                    })
                    .collect();
                thread::scope(|p| {
                    for (producer, &items) in $producers.iter().enumerate() {
                        let queue = &queue;
                        p.spawn(move || {
                            for sequence in 0..items {
                                assert!(
                                    queue.push((producer, sequence)).is_ok(),
                                    "push refused before close"
                                );
                            }
                        });
                    }
                });
                queue.close();
                consumers
                    .into_iter()
                    .map(|c| c.join().unwrap())
                    .collect::<Vec<_>>()
            })
        }};
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        #[test]
        fn every_item_arrives_once_in_each_producers_order(
            capacity in 1usize..5,
            producers in prop::collection::vec(0usize..200, 1..4),
            consumers in 1usize..4,
        ) {
            let received: Vec<Vec<(usize, usize)>> = if crate::exercise::on_starting_file("bounded") {
                run!(bounded::Bounded<(usize, usize)>, capacity, producers, consumers)
            } else {
                run!(bounded_solution::Bounded<(usize, usize)>, capacity, producers, consumers)
            };
            for (consumer, got) in received.iter().enumerate() {
                for pair in got.windows(2) {
                    prop_assert!(
                        pair[0].0 != pair[1].0 || pair[0].1 < pair[1].1,
                        "consumer {consumer} got {:?} after {:?}: one producer's items out of order",
                        pair[1],
                        pair[0]
                    );
                }
            }
            let mut all: Vec<(usize, usize)> = received.concat();
            all.sort();
            let expected: Vec<(usize, usize)> = producers
                .iter()
                .enumerate()
                .flat_map(|(p, &n)| (0..n).map(move |i| (p, i)))
                .collect();
            prop_assert!(
                all == expected,
                "pushed {} items, popped {} (capacity {capacity}, {} producers, {consumers} consumers): \
                 items lost or duplicated",
                expected.len(),
                all.len(),
                producers.len()
            );
        }
    }
}

/// Exercise 23.1-1: each host's robots.txt, fetched once however many ask at once.
mod robots {
    use std::sync::Arc;
    use std::time::Duration;

    use listings::program::crawler::fetch::client;
    use listings::program::crawler::site::{PageSpec, Reply, Site, SiteSpec};
    use listings::program::exercises::{robots, robots_solution};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use tokio::task::JoinSet;
    use tokio::time::timeout;

    /// Asks about every page of the site `times` times, all at once, on real sockets.
    /// Returns each page's answers and the robots.txt requests each host received.
    macro_rules! ask_all {
        ($robots:ty, $spec:expr, $times:expr) => {{
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let pages = $spec.pages.len();
                let site = Arc::new(Site::start($spec.clone()).await);
                let robots = Arc::new(<$robots>::new());
                let client = client();
                let mut asking = JoinSet::new();
                for _ in 0..$times {
                    for page in 0..pages {
                        let (site, robots) = (Arc::clone(&site), Arc::clone(&robots));
                        let client = client.clone();
                        asking.spawn(async move {
                            (page, robots.allows(&client, &site.url(page)).await)
                        });
                    }
                }
                let mut answers = vec![Vec::new(); pages];
                let every_answer = async {
                    while let Some(answer) = asking.join_next().await {
                        let (page, allowed) = answer.unwrap();
                        answers[page].push(allowed);
                    }
                };
                timeout(Duration::from_secs(10), every_answer)
                    .await
                    .expect("every call of `allows` returned within 10 s");
                (answers, site.robots_requests())
            })
        }};
    }

    /// Up to 14 pages on 1 to 3 hosts, about a quarter of them private: enough for
    /// `/1` to be a prefix of `/10` to `/13`.
    fn site() -> impl Strategy<Value = SiteSpec> {
        (1usize..=3).prop_flat_map(|hosts| {
            let page = (0..hosts, prop::bool::weighted(0.25), 0u64..=3).prop_map(
                |(host, private, latency)| PageSpec {
                    host,
                    links: vec![],
                    latency: Duration::from_millis(latency),
                    reply: if private { Reply::Private } else { Reply::Page },
                },
            );
            vec(page, 1..=14).prop_map(move |pages| SiteSpec {
                hosts,
                host_limit: usize::MAX,
                pages,
            })
        })
    }

    /// The answer, written out here: page `i` is allowed unless a private page of its
    /// host has a path that `/i` starts with (`/1` keeps crawlers out of `/10` too).
    fn expected(spec: &SiteSpec) -> Vec<bool> {
        let private = |j: usize| matches!(spec.pages[j].reply, Reply::Private);
        (0..spec.pages.len())
            .map(|i| {
                !(0..spec.pages.len()).any(|j| {
                    private(j)
                        && spec.pages[j].host == spec.pages[i].host
                        && format!("/{i}").starts_with(&format!("/{j}"))
                })
            })
            .collect()
    }

    proptest! {
        #![proptest_config(crate::proptest_cases::cases(32))]

        #[test]
        fn every_answer_is_right_and_each_host_is_asked_once(spec in site(), times in 1usize..=4) {
            let (answers, requests) = if crate::exercise::on_starting_file("robots") {
                ask_all!(robots::Robots, spec, times)
            } else {
                ask_all!(robots_solution::Robots, spec, times)
            };
            for (page, (asked, right)) in answers.iter().zip(expected(&spec)).enumerate() {
                prop_assert!(
                    asked.iter().all(|&allowed| allowed == right),
                    "page {page}: `allows` said {asked:?}, robots.txt says {right}"
                );
            }
            let hosts_with_pages: Vec<usize> = (0..spec.hosts)
                .map(|host| usize::from(spec.pages.iter().any(|page| page.host == host)))
                .collect();
            prop_assert_eq!(
                requests,
                hosts_with_pages,
                "robots.txt requests per host: one for each host asked about"
            );
        }
    }
}
