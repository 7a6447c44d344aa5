//! Chapter 16: a task that blocks its worker starves its neighbours; the same wait
//! on the blocking pool does not. Asserted on what happened, never on how long it took.

use std::time::Duration;

use listings::async_rust::blocking::offload::{
    checksum, checksum_in_place, checksum_on_blocking_pool, checksum_on_rayon, on_rayon,
};
use listings::async_rust::blocking::small_files::{
    read_on_rayon, read_one_by_one, read_with_tokio_fs, write_files,
};
use listings::async_rust::blocking::starved::{wait_blocking, wait_on_blocking_pool};

// ANCHOR: starved
#[tokio::test(flavor = "current_thread")]
async fn blocking_the_only_worker_starves_the_neighbour() {
    // However long it waits, the neighbour task cannot run on the blocked thread.
    assert!(!wait_blocking(Duration::from_millis(100)).await);
}

#[tokio::test(flavor = "current_thread")]
async fn waiting_on_the_blocking_pool_lets_the_neighbour_run() {
    assert!(wait_on_blocking_pool(Duration::from_secs(60)).await);
}
// ANCHOR_END: starved

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_offload_computes_the_same_checksum() {
    let data: Vec<u8> = (0..=255).cycle().take(100_000).collect();
    let expected = checksum(&data);
    assert_eq!(checksum_on_blocking_pool(data.clone()).await, expected);
    assert_eq!(checksum_on_rayon(data.clone()).await, expected);
    assert_eq!(checksum_in_place(&data).await, expected);
}

#[tokio::test(flavor = "current_thread")]
#[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
async fn block_in_place_refuses_the_current_thread_runtime() {
    checksum_in_place(&[1, 2, 3]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "corrupt input")]
async fn a_panic_on_rayon_resumes_in_the_awaiting_task() {
    // Without the `catch_unwind` in `on_rayon`, rayon would abort the test process.
    on_rayon(|| -> u64 { panic!("corrupt input") }).await;
}

#[test]
fn every_way_reads_every_file_and_the_same_bytes() {
    let folder = tempfile::tempdir().unwrap();
    let paths = write_files(folder.path(), 300, 4096).unwrap();
    let one_by_one = read_one_by_one(&paths).unwrap();
    assert_eq!((one_by_one.files, one_by_one.bytes), (300, 300 * 4096));

    assert_eq!(
        read_on_rayon(&paths).unwrap(),
        one_by_one,
        "rayon's reads differ"
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let with_tokio_fs = runtime.block_on(read_with_tokio_fs(&paths)).unwrap();
    assert_eq!(with_tokio_fs, one_by_one, "tokio::fs's reads differ");
}

#[test]
fn a_changed_byte_changes_the_checksum() {
    let folder = tempfile::tempdir().unwrap();
    let paths = write_files(folder.path(), 3, 16).unwrap();
    let before = read_one_by_one(&paths).unwrap();
    let mut contents = std::fs::read(&paths[1]).unwrap();
    contents[5] ^= 1;
    std::fs::write(&paths[1], contents).unwrap();
    let after = read_one_by_one(&paths).unwrap();
    assert_eq!((after.files, after.bytes), (before.files, before.bytes));
    assert_ne!(
        after.checksum, before.checksum,
        "the checksum missed a changed bit"
    );
}
