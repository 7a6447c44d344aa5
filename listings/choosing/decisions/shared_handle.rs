extern crate tokio;

use std::thread;
use std::time::Duration;

use tokio::runtime::{Builder, Handle};

/// The async API the threads want to use.
pub async fn lookup(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    id * 10
}

// ANCHOR: handle
/// Plain threads that need async code, sharing one runtime through its `Handle`.
pub fn lookups_through_handle(handle: &Handle, ids: &[u64]) -> Vec<u64> {
    thread::scope(|scope| {
        let workers: Vec<_> = ids
            .iter()
            .map(|&id| scope.spawn(move || handle.block_on(lookup(id))))
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    })
}

/// Or every thread with a small runtime of its own: nothing is shared.
pub fn lookups_with_runtime_per_thread(ids: &[u64]) -> Vec<u64> {
    thread::scope(|scope| {
        let workers: Vec<_> = ids
            .iter()
            .map(|&id| {
                scope.spawn(move || {
                    let runtime = Builder::new_current_thread().enable_all().build().unwrap();
                    runtime.block_on(lookup(id))
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    })
}

fn main() {
    // A multi-threaded runtime: its workers drive timers and I/O for every caller of
    // `Handle::block_on`, whichever thread that caller is on.
    let runtime = Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let ids = [1, 2, 3, 4];
    assert_eq!(
        lookups_through_handle(runtime.handle(), &ids),
        [10, 20, 30, 40]
    );
    assert_eq!(lookups_with_runtime_per_thread(&ids), [10, 20, 30, 40]);
}
// ANCHOR_END: handle
