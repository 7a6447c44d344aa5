extern crate crossbeam;
extern crate listings;
extern crate parking_lot;
extern crate tokio;

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
    let rows: [(&str, Box<dyn Fn(usize) -> f64>); 8] = [
        (
            "AtomicU64::fetch_add (no lock)",
            Box::new(|n| {
                per_op(n, || {
                    ATOMIC.fetch_add(1, Ordering::Relaxed);
                })
            }),
        ),
        (
            "std::sync::Mutex",
            Box::new(|n| per_op(n, || *STD_MUTEX.lock().unwrap() += 1)),
        ),
        (
            "parking_lot::Mutex",
            Box::new(|n| per_op(n, || *PL_MUTEX.lock() += 1)),
        ),
        (
            "tokio::sync::Mutex",
            Box::new(|n| {
                per_op_async(n, || async {
                    *TOKIO_MUTEX.lock().await += 1;
                })
            }),
        ),
        (
            "std::sync::RwLock, read",
            Box::new(|n| {
                per_op(n, || {
                    std::hint::black_box(*STD_RWLOCK.read().unwrap());
                })
            }),
        ),
        (
            "parking_lot::RwLock, read",
            Box::new(|n| {
                per_op(n, || {
                    std::hint::black_box(*PL_RWLOCK.read());
                })
            }),
        ),
        (
            "crossbeam ShardedLock, read",
            Box::new(|n| {
                per_op(n, || {
                    std::hint::black_box(*sharded.read().unwrap());
                })
            }),
        ),
        (
            "tokio::sync::RwLock, read",
            Box::new(|n| {
                per_op_async(n, || async {
                    std::hint::black_box(*TOKIO_RWLOCK.read().await);
                })
            }),
        ),
    ];
    let times: Vec<(f64, f64)> = rows.iter().map(|(_, run)| (run(1), run(cores))).collect();
    let base = times[1]; // std::sync::Mutex
    println!("{cores} logical CPUs, {OPS} operations per thread, best of 3 runs:");
    println!("wall time over all operations, and the ratio to std::sync::Mutex\n");
    println!("| primitive | alone | ratio | {cores} threads at once | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for ((name, _), (alone, contended)) in rows.iter().zip(times) {
        println!(
            "| {name} | {alone:.1} ns | {:.2} | {contended:.1} ns | {:.2} |",
            alone / base.0,
            contended / base.1
        );
    }
}
// ANCHOR_END: bench
