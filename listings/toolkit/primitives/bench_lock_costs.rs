extern crate crossbeam;
extern crate listings;
extern crate parking_lot;
extern crate tokio;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::{self, available_parallelism};
use std::time::Duration;

use listings::measure::{Table, best_of_three, ratio, separated, time_each};

// ANCHOR: bench
// ANCHOR: timed_loop
const OPS: u64 = 5_000_000; // lock, add one, unlock: per thread, per run

/// The wall time for `threads` threads each to run `op` OPS times on the same lock
/// (best of three runs).
fn all_ops(threads: usize, op: impl Fn() + Sync) -> Duration {
    best_of_three(|| {
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| (0..OPS).for_each(|_| op()));
            }
        })
    })
}
// ANCHOR_END: timed_loop

/// The same for tokio's async locks: `tasks` tasks on a runtime with as many workers.
fn all_ops_async<F: Future<Output = ()> + Send + 'static>(tasks: usize, op: fn() -> F) -> Duration {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(tasks)
        .build()
        .unwrap();
    best_of_three(|| {
        runtime.block_on(async {
            let loops: Vec<_> = (0..tasks)
                .map(|_| {
                    tokio::spawn(async move {
                        for _ in 0..OPS {
                            op().await;
                        }
                    })
                })
                .collect();
            for one in loops {
                one.await.unwrap();
            }
        })
    })
}

static STD_MUTEX: std::sync::Mutex<u64> = std::sync::Mutex::new(0);
static PL_MUTEX: parking_lot::Mutex<u64> = parking_lot::const_mutex(0);
static TOKIO_MUTEX: tokio::sync::Mutex<u64> = tokio::sync::Mutex::const_new(0);
static STD_RWLOCK: std::sync::RwLock<u64> = std::sync::RwLock::new(0);
static PL_RWLOCK: parking_lot::RwLock<u64> = parking_lot::const_rwlock(0);
static TOKIO_RWLOCK: tokio::sync::RwLock<u64> = tokio::sync::RwLock::const_new(0);
static ATOMIC: AtomicU64 = AtomicU64::new(0);

fn main() {
    let cores = available_parallelism().map_or(1, |n| n.get());
    let sharded = crossbeam::sync::ShardedLock::new(0u64);
    // (name, time alone, time with `cores` threads), each for OPS operations per thread
    let mut rows = Vec::new();
    let mut measure = |name: &'static str, run: &dyn Fn(usize) -> Duration| {
        rows.push((name, run(1), run(cores)));
    };
    measure("AtomicU64::fetch_add (no lock)", &|n| {
        all_ops(n, || _ = ATOMIC.fetch_add(1, Ordering::Relaxed))
    });
    measure("std::sync::Mutex", &|n| {
        all_ops(n, || *STD_MUTEX.lock().unwrap() += 1)
    });
    measure("parking_lot::Mutex", &|n| {
        all_ops(n, || *PL_MUTEX.lock() += 1)
    });
    measure("tokio::sync::Mutex", &|n| {
        all_ops_async(n, || async { *TOKIO_MUTEX.lock().await += 1 })
    });
    measure("std::sync::RwLock, read", &|n| {
        all_ops(n, || _ = black_box(*STD_RWLOCK.read().unwrap()))
    });
    measure("parking_lot::RwLock, read", &|n| {
        all_ops(n, || _ = black_box(*PL_RWLOCK.read()))
    });
    measure("crossbeam ShardedLock, read", &|n| {
        all_ops(n, || _ = black_box(*sharded.read().unwrap()))
    });
    measure("tokio::sync::RwLock, read", &|n| {
        all_ops_async(n, || async { _ = black_box(*TOKIO_RWLOCK.read().await) })
    });

    // Wall time over all operations: per operation of one thread, and per operation
    // of all `cores` threads together; ratios to `std::sync::Mutex`.
    let (_, base_alone, base_contended) = rows[1];
    let title = format!(
        "Lock, add one, unlock, {} times per thread: wall time ÷ all threads' operations",
        separated(OPS)
    );
    let together = format!("{cores} threads at once");
    let columns = ["primitive", "alone", "ratio", &together, "ratio"];
    let mut table = Table::new("locks", title, &columns, "best of 3 runs");
    let all = cores as u64 * OPS;
    for (name, alone, contended) in rows {
        table.row(&[
            &name,
            &time_each(alone, OPS),
            &ratio(alone, base_alone),
            &time_each(contended, all),
            &ratio(contended, base_contended),
        ]);
    }
    table.print();
}
// ANCHOR_END: bench
