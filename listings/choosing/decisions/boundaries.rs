extern crate rayon;
extern crate tokio;

use std::hint::black_box;
use std::time::Duration;

/// Computing that takes `steps` dependent steps, each a multiply and a rotate: the
/// compiler can neither skip them nor run two at once.
pub fn compute(seed: u64, steps: u64) -> u64 {
    let mut x = black_box(seed);
    for _ in 0..steps {
        x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) ^ 1;
    }
    x
}

// ANCHOR: handlers
/// A handler that computes `slices` pieces of `steps` steps each, and awaits between
/// them: only there can its worker thread run another task.
pub async fn in_slices(slices: u64, steps: u64) -> u64 {
    let mut answer = 0;
    for _ in 0..slices {
        answer = compute(answer, steps);
        tokio::task::yield_now().await;
    }
    answer
}

/// The same computing on rayon's pool, one thread per core; the handler's task waits
/// for the answer without holding its worker.
pub async fn on_rayon(slices: u64, steps: u64) -> u64 {
    let (send, answer) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let _ = send.send(compute(0, slices * steps)); // the handler may have gone
    });
    answer.await.expect("rayon runs every job it is given")
}

/// The same computing on tokio's blocking pool, which starts a thread for each job
/// that finds no idle one.
pub async fn on_blocking_pool(slices: u64, steps: u64) -> u64 {
    tokio::task::spawn_blocking(move || compute(0, slices * steps))
        .await
        .expect("the computing does not panic")
}
// ANCHOR_END: handlers

/// The value that `percent` percent of `values` do not exceed (the nearest rank): the
/// 50th is the median, the 99th the slowest but one in a hundred, the 100th the worst.
pub fn percentile(values: &[Duration], percent: f64) -> Duration {
    assert!(!values.is_empty(), "a percentile of nothing");
    assert!((0.0..=100.0).contains(&percent), "a percentage");
    let mut sorted = values.to_vec();
    sorted.sort();
    let rank = (percent / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.max(1) - 1]
}

/// What one run of a server measured: how late each tick of the ticker came, and how
/// long each request took from its arrival to its answer.
#[derive(Debug, Default)]
pub struct ServerRun {
    pub lateness: Vec<Duration>,
    pub latency: Vec<Duration>,
}

impl ServerRun {
    /// What [`ServerRun::figures`] returns, in its order.
    pub const FIGURES: [&str; 4] = [
        "ticker: median lateness",
        "ticker: worst lateness",
        "request: p50",
        "request: p99",
    ];

    /// The ticker's median and worst lateness, and the requests' p50 and p99 latency.
    pub fn figures(&self) -> [Duration; 4] {
        [
            percentile(&self.lateness, 50.0),
            percentile(&self.lateness, 100.0),
            percentile(&self.latency, 50.0),
            percentile(&self.latency, 99.0),
        ]
    }
}

/// Each way's results from interleaved rounds that open with a warm-up round, in the
/// order the runs were made: the first run of every way is the warm-up, left out.
#[derive(Debug)]
pub struct Rounds<T> {
    runs: Vec<Vec<T>>,
}

impl<T> Rounds<T> {
    pub fn new(ways: usize) -> Rounds<T> {
        Rounds {
            runs: (0..ways).map(|_| Vec::new()).collect(),
        }
    }

    pub fn record(&mut self, way: usize, result: T) {
        self.runs[way].push(result);
    }

    /// Each way's results, its warm-up run left out.
    pub fn timed(self) -> Vec<Vec<T>> {
        let skip_warm_up = |runs: Vec<T>| runs.into_iter().skip(1).collect();
        self.runs.into_iter().map(skip_warm_up).collect()
    }
}

fn main() {
    // The three handlers do the same computing: only where it runs differs.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let expected = compute(0, 4 * 1_000);
    let answers = runtime.block_on(async {
        [
            in_slices(4, 1_000).await,
            on_rayon(4, 1_000).await,
            on_blocking_pool(4, 1_000).await,
        ]
    });
    assert_eq!(answers, [expected; 3]);

    let ms = Duration::from_millis;
    let hundred: Vec<Duration> = (1..=100).rev().map(ms).collect();
    assert_eq!(percentile(&hundred, 50.0), ms(50));
    assert_eq!(percentile(&hundred, 99.0), ms(99));
    assert_eq!(percentile(&hundred, 100.0), ms(100));
    assert_eq!(percentile(&[ms(7)], 99.0), ms(7));

    let mut rounds = Rounds::new(2);
    for (way, result) in [(0, "warm-up"), (1, "warm-up"), (1, "b1"), (0, "a1")] {
        rounds.record(way, result);
    }
    assert_eq!(rounds.timed(), [vec!["a1"], vec!["b1"]]);
}
