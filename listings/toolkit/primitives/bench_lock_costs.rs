extern crate crossbeam;
extern crate listings;
extern crate parking_lot;
extern crate tokio;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::{self, available_parallelism};
use std::time::Duration;

use listings::measure::best_of_three;

// ANCHOR: bench
const OPS: u64 = 5_000_000; // lock, add one, unlock: per thread, per run

/// Nanoseconds per operation when `threads` threads each run `op` OPS times on the
/// same lock (best of three runs).
fn per_op(threads: usize, op: impl Fn() + Sync) -> f64 {
    let best = best_of_three(|| {
        thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| (0..OPS).for_each(|_| op()));
            }
        })
    });
    best.as_nanos() as f64 / (threads as u64 * OPS) as f64
}

/// The same for tokio's async locks: `tasks` tasks on a runtime with as many workers.
fn per_op_async<F: Future<Output = ()> + Send + 'static>(tasks: usize, op: fn() -> F) -> f64 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(tasks)
        .build()
        .unwrap();
    let best: Duration = best_of_three(|| {
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
    });
    best.as_nanos() as f64 / (tasks as u64 * OPS) as f64
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
    // (name, ns per operation alone, ns per operation with `cores` threads)
    let mut rows = Vec::new();
    let mut measure = |name: &'static str, run: &dyn Fn(usize) -> f64| {
        rows.push((name, run(1), run(cores)));
    };
    measure("AtomicU64::fetch_add (no lock)", &|n| {
        per_op(n, || _ = ATOMIC.fetch_add(1, Ordering::Relaxed))
    });
    measure("std::sync::Mutex", &|n| {
        per_op(n, || *STD_MUTEX.lock().unwrap() += 1)
    });
    measure("parking_lot::Mutex", &|n| {
        per_op(n, || *PL_MUTEX.lock() += 1)
    });
    measure("tokio::sync::Mutex", &|n| {
        per_op_async(n, || async { *TOKIO_MUTEX.lock().await += 1 })
    });
    measure("std::sync::RwLock, read", &|n| {
        per_op(n, || _ = black_box(*STD_RWLOCK.read().unwrap()))
    });
    measure("parking_lot::RwLock, read", &|n| {
        per_op(n, || _ = black_box(*PL_RWLOCK.read()))
    });
    measure("crossbeam ShardedLock, read", &|n| {
        per_op(n, || _ = black_box(*sharded.read().unwrap()))
    });
    measure("tokio::sync::RwLock, read", &|n| {
        per_op_async(n, || async { _ = black_box(*TOKIO_RWLOCK.read().await) })
    });

    let (_, base_alone, base_contended) = rows[1]; // std::sync::Mutex
    println!("{cores} logical CPUs, {OPS} operations per thread, best of 3 runs:");
    println!("wall time over all operations, and the ratio to std::sync::Mutex\n");
    println!("| primitive | alone | ratio | {cores} threads at once | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, alone, contended) in rows {
        println!(
            "| {name} | {alone:.1} ns | {:.2} | {contended:.1} ns | {:.2} |",
            alone / base_alone,
            contended / base_contended
        );
    }
}
// ANCHOR_END: bench
