extern crate crossbeam;
extern crate listings;
extern crate parking_lot;
extern crate tokio;

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::{self, available_parallelism};

use listings::measure::{METHOD, Table, interleaved, ratios_to, separated, spread};
use tokio::runtime::{Builder, Runtime};

// ANCHOR: bench
// ANCHOR: timed_loop
const OPS: u64 = 1_000_000; // lock, add one, unlock: per thread, per run

/// `threads` threads each run `op` OPS times, all at once, on the same lock.
fn all_ops(threads: usize, op: impl Fn() + Sync) {
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| (0..OPS).for_each(|_| op()));
        }
    })
}
// ANCHOR_END: timed_loop

/// The same for tokio's async locks: `tasks` tasks on `runtime`.
fn all_ops_async<F>(runtime: &Runtime, tasks: usize, op: fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
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
    // Two columns: one thread alone, and `cores` threads at once; the tokio locks run
    // on a runtime with as many workers, built before the timing starts.
    let threads = [1, cores];
    let runtimes = threads.map(|n| Builder::new_multi_thread().worker_threads(n).build());
    let runtimes = runtimes.map(Result::unwrap);
    type Run<'a> = &'a dyn Fn(usize);
    let primitives: [(&str, Run); 8] = [
        ("AtomicU64::fetch_add (no lock)", &|column| {
            all_ops(threads[column], || {
                _ = ATOMIC.fetch_add(1, Ordering::Relaxed)
            })
        }),
        ("std::sync::Mutex", &|column| {
            all_ops(threads[column], || *STD_MUTEX.lock().unwrap() += 1)
        }),
        ("parking_lot::Mutex", &|column| {
            all_ops(threads[column], || *PL_MUTEX.lock() += 1)
        }),
        ("tokio::sync::Mutex", &|column| {
            all_ops_async(&runtimes[column], threads[column], || async {
                *TOKIO_MUTEX.lock().await += 1
            })
        }),
        ("std::sync::RwLock, read", &|column| {
            all_ops(threads[column], || {
                _ = black_box(*STD_RWLOCK.read().unwrap())
            })
        }),
        ("parking_lot::RwLock, read", &|column| {
            all_ops(threads[column], || _ = black_box(*PL_RWLOCK.read()))
        }),
        ("crossbeam ShardedLock, read", &|column| {
            all_ops(threads[column], || _ = black_box(*sharded.read().unwrap()))
        }),
        ("tokio::sync::RwLock, read", &|column| {
            all_ops_async(&runtimes[column], threads[column], || async {
                _ = black_box(*TOKIO_RWLOCK.read().await)
            })
        }),
    ];
    // Every primitive in both columns: the ways take turns, round after round.
    let counts = threads.len();
    let times = interleaved(primitives.len() * counts, |way| {
        (primitives[way / counts].1)(way % counts)
    });

    // Wall time over all operations: per operation of one thread, and per operation
    // of all `cores` threads together; ratios to `std::sync::Mutex`, in the same column.
    let (alone, together): (Vec<_>, Vec<_>) = times
        .chunks(counts)
        .map(|pair| (pair[0].each(OPS), pair[1].each(cores as u64 * OPS)))
        .unzip();
    let (alone_ratios, together_ratios) = (ratios_to(&alone, 1), ratios_to(&together, 1));
    let title = format!(
        "Lock, add one, unlock, {} times per thread: wall time ÷ all threads' operations",
        separated(OPS)
    );
    let at_once = format!("{cores} threads at once");
    let columns = ["primitive", "alone", "ratio", &at_once, "ratio"];
    let mut table = Table::new("locks", title, &columns, METHOD);
    for (row, (name, _)) in primitives.iter().enumerate() {
        table.row(&[
            name,
            &spread(&alone[row]),
            &alone_ratios[row],
            &spread(&together[row]),
            &together_ratios[row],
        ]);
    }
    table.print();
}
// ANCHOR_END: bench
