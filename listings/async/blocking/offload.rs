extern crate rayon;
extern crate tokio;

use std::panic::{self, AssertUnwindSafe};

use tokio::sync::oneshot;

// ANCHOR: offload
/// CPU-heavy work: far too long to run between two `.await`s.
pub fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A blocking call (a file, a C library): give it a thread of the blocking pool.
pub async fn checksum_on_blocking_pool(data: Vec<u8>) -> u64 {
    tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .unwrap() // a panic in the closure arrives here as an `Err(JoinError)`
}

/// Computation: hand it to rayon's pool, sized for the cores, and await the answer.
pub async fn checksum_on_rayon(data: Vec<u8>) -> u64 {
    on_rayon(move || checksum(&data)).await
}

/// Runs `job` on rayon's global pool and awaits its result. A panic inside
/// `rayon::spawn` has no caller to go to, and rayon's default is to abort the process,
/// so the panic is caught there and resumed here, in the task that awaits.
pub async fn on_rayon<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    let (answer, result) = oneshot::channel();
    rayon::spawn(move || {
        let outcome = panic::catch_unwind(AssertUnwindSafe(job));
        let _ = answer.send(outcome); // the receiver may have given up
    });
    match result.await.expect("the job always sends its outcome") {
        Ok(value) => value,
        Err(payload) => panic::resume_unwind(payload),
    }
}

/// On the multi-threaded runtime only: turn the current worker into a blocking thread
/// for the duration of the closure, without moving the data.
pub async fn checksum_in_place(data: &[u8]) -> u64 {
    tokio::task::block_in_place(|| checksum(data))
}

#[tokio::main]
async fn main() {
    let data: Vec<u8> = (0..=255).cycle().take(1 << 20).collect();
    let expected = checksum(&data);
    assert_eq!(checksum_on_blocking_pool(data.clone()).await, expected);
    assert_eq!(checksum_on_rayon(data.clone()).await, expected);
    assert_eq!(checksum_in_place(&data).await, expected);

    // A panic on rayon reaches the task that awaits the job, not the whole process.
    let outcome = tokio::spawn(on_rayon(|| -> u64 { panic!("corrupt input") })).await;
    assert!(outcome.unwrap_err().is_panic());
}
// ANCHOR_END: offload
