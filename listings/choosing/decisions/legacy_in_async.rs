extern crate tokio;

use tokio::runtime::Handle;

// ANCHOR: legacy
/// A synchronous library you cannot change: it blocks, and it asks a callback for
/// each value it needs.
pub fn legacy_total(ids: &[u64], lookup: impl Fn(u64) -> u64) -> u64 {
    ids.iter().map(|&id| lookup(id)).sum()
}

/// The async lookup the callback has to use: here, a task on the runtime.
pub async fn lookup(id: u64) -> u64 {
    tokio::spawn(async move { id * 10 }).await.unwrap()
}

/// From async code: the library runs on the blocking pool, and its callback reaches
/// back into the runtime with `Handle::block_on`, which that thread may call.
pub async fn total(ids: Vec<u64>) -> u64 {
    let handle = Handle::current();
    tokio::task::spawn_blocking(move || legacy_total(&ids, |id| handle.block_on(lookup(id))))
        .await
        .unwrap()
}

/// The same call made straight from the task: `Handle::block_on` panics, because
/// this thread is already driving async tasks.
pub async fn total_in_task(ids: Vec<u64>) -> u64 {
    let handle = Handle::current();
    legacy_total(&ids, |id| handle.block_on(lookup(id)))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    assert_eq!(total(vec![1, 2, 3]).await, 60);
    // Called from inside a task, the same bridge panics, and the task with it.
    let outcome = tokio::spawn(total_in_task(vec![1, 2, 3])).await;
    assert!(outcome.unwrap_err().is_panic());
}
// ANCHOR_END: legacy
