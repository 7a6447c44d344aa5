extern crate listings;
extern crate tokio;

use std::time::{Duration, Instant};

use listings::measure::{METHOD, Table, interleaved_timed, spread};
use tokio::runtime::Builder;

// ANCHOR: stall
/// Runs a ticker that wants to tick every 10 ms, next to one task that spends 200 ms
/// in `work`, on a single-threaded runtime. Returns the ticker's worst lateness.
pub fn worst_ticker_delay(work: fn() -> tokio::task::JoinHandle<()>) -> Duration {
    let runtime = Builder::new_current_thread().enable_time().build().unwrap();
    runtime.block_on(async {
        let ticker = tokio::spawn(async {
            let mut worst = Duration::ZERO;
            for _ in 0..30 {
                let asked = Instant::now();
                tokio::time::sleep(Duration::from_millis(10)).await;
                worst = worst.max(asked.elapsed().saturating_sub(Duration::from_millis(10)));
            }
            worst
        });
        work().await.unwrap();
        ticker.await.unwrap()
    })
}

/// Blocks the runtime's only thread: nothing else on it can run meanwhile.
pub fn sleep_in_task() -> tokio::task::JoinHandle<()> {
    tokio::spawn(async { std::thread::sleep(Duration::from_millis(200)) })
}

/// Waits without blocking: the task yields, and the ticker keeps running.
pub fn sleep_async() -> tokio::task::JoinHandle<()> {
    tokio::spawn(tokio::time::sleep(Duration::from_millis(200)))
}

/// Blocks a thread of tokio's blocking pool instead of the runtime's thread.
pub fn sleep_on_blocking_pool() -> tokio::task::JoinHandle<()> {
    tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(200)))
}

fn main() {
    let ways = [
        ("`std::thread::sleep` in a task", sleep_in_task as fn() -> _),
        ("`tokio::time::sleep`", sleep_async),
        ("`spawn_blocking`", sleep_on_blocking_pool),
    ];
    // Each run's figure is the ticker's worst lateness, not the run's own time.
    let lateness = interleaved_timed(ways.len(), |way| worst_ticker_delay(ways[way].1));

    let title = "A ticker every 10 ms beside a task that waits 200 ms, one thread";
    let columns = ["the task waits with", "the ticker's worst lateness"];
    let mut table = Table::new("stall", title, &columns, METHOD);
    for ((name, _), lateness) in ways.iter().zip(&lateness) {
        table.row(&[name, &spread(lateness)]);
    }
    table.print();
}
// ANCHOR_END: stall
