//! Chapter 8: fixed-input tests of the primitives that loom cannot model
//! (`thread_local!`, `OnceLock`), on real threads lined up at a `Barrier`.

use std::collections::HashSet;
use std::sync::Barrier;
use std::sync::atomic::Ordering;
use std::thread;

use listings::threads::coordination::one_time_init::{self, LOADS};
use listings::threads::coordination::per_thread::query;

#[test]
fn each_thread_keeps_its_own_connection() {
    let ids: Vec<u32> = thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let (id, _) = query();
                    assert_eq!(query(), (id, 2), "reused within the thread");
                    id
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        4,
        "one connection per thread: {ids:?}"
    );
}

#[test]
fn settings_load_once_however_many_threads_ask() {
    let start = Barrier::new(16);
    thread::scope(|s| {
        for _ in 0..16 {
            s.spawn(|| {
                start.wait(); // all 16 ask at (nearly) the same moment
                assert_eq!(one_time_init::settings()["mode"], "strict");
            });
        }
    });
    assert_eq!(LOADS.load(Ordering::Relaxed), 1);
}
