//! Chapter 20: the bridges between sync and async code, the work each split hands
//! to other threads. Asserted on counts, answers and tokio's paused clock, never on how
//! long anything took.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use listings::choosing::decisions::boundaries::{
    Rounds, ServerRun, compute, in_slices, on_blocking_pool, on_rayon, percentile,
};
use listings::choosing::decisions::legacy_in_async::{total, total_in_task};
use listings::choosing::decisions::oversplit::{
    chunk_per_thread, round_trip_per_item, sequential, thread_per_item,
};
use listings::choosing::decisions::shared_handle::{
    lookups_through_handle, lookups_with_runtime_per_thread,
};
use listings::choosing::decisions::sync_facade::Fetcher;
use tokio::runtime::{Builder, Handle};

#[test]
fn per_item_strategies_hand_off_once_per_item() {
    let items: Vec<u64> = (0..50).collect();
    assert_eq!(thread_per_item(&items).handoffs, 50);
    assert_eq!(round_trip_per_item(&items).handoffs, 50);
    assert_eq!(sequential(&items).handoffs, 0);
}

#[test]
fn chunking_hands_off_at_most_once_per_thread() {
    // 5 items on 2 threads: chunks of 3 and 2, never a third chunk.
    assert_eq!(chunk_per_thread(&[1, 2, 3, 4, 5], 2).handoffs, 2);
    assert_eq!(chunk_per_thread(&[1, 2], 8).handoffs, 2);
    assert_eq!(chunk_per_thread(&[], 4).handoffs, 0);
}

#[test]
fn the_facade_overlaps_every_wait() {
    let fetcher = Fetcher::on_paused_clock().unwrap();
    let ids: Vec<u64> = (1..=20).collect();
    let (answers, took) = fetcher.fetch_all(&ids);
    assert_eq!(answers, ids.iter().map(|id| id * 10).collect::<Vec<_>>());
    assert_eq!(took, Duration::from_millis(100), "one wait, not twenty");
}

#[test]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
fn the_facade_called_from_async_code_panics() {
    let fetcher = Fetcher::on_paused_clock().unwrap();
    let outer = Builder::new_current_thread().build().unwrap();
    outer.block_on(async { fetcher.fetch_all(&[1]) });
}

#[test]
#[should_panic(expected = "Cannot drop a runtime in a context where blocking is not allowed")]
fn dropping_the_facade_inside_async_code_panics() {
    let outer = Builder::new_current_thread().build().unwrap();
    outer.block_on(async { drop(Fetcher::new().unwrap()) });
}

#[test]
fn the_facade_called_through_spawn_blocking_works() {
    let fetcher = Arc::new(Fetcher::on_paused_clock().unwrap());
    let outer = Builder::new_current_thread().build().unwrap();
    let (answers, _) = outer.block_on(async {
        let fetcher = Arc::clone(&fetcher);
        tokio::task::spawn_blocking(move || fetcher.fetch_all(&[1, 2]))
            .await
            .unwrap()
    });
    assert_eq!(answers, [10, 20]);
}

#[test]
fn current_thread_tasks_run_only_inside_block_on() {
    let runtime = Builder::new_current_thread().build().unwrap();
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    runtime.block_on(async move {
        tokio::spawn(async move {
            counter.fetch_add(1, Ordering::SeqCst);
        });
    });
    // `block_on` returned as soon as its own future was done; the task waits.
    assert_eq!(ran.load(Ordering::SeqCst), 0);
    runtime.block_on(tokio::task::yield_now());
    assert_eq!(ran.load(Ordering::SeqCst), 1);
}

#[test]
fn threads_share_one_runtime_through_its_handle() {
    let runtime = Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    assert_eq!(
        lookups_through_handle(runtime.handle(), &[3, 1, 2]),
        [30, 10, 20]
    );
    assert_eq!(lookups_with_runtime_per_thread(&[3, 1, 2]), [30, 10, 20]);
}

#[tokio::test(flavor = "current_thread")]
async fn the_blocking_library_runs_on_the_blocking_pool() {
    assert_eq!(total(vec![1, 2, 3]).await, 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bridge_works_on_the_multi_threaded_runtime_too() {
    assert_eq!(total((1..=10).collect()).await, 550);
}

#[tokio::test(flavor = "current_thread")]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
async fn handle_block_on_inside_a_task_panics() {
    total_in_task(vec![1]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
async fn handle_block_on_inside_a_task_panics_on_every_flavour() {
    let _ = Handle::current().block_on(async { 1 });
}

#[test]
fn percentiles_take_the_nearest_rank_of_unsorted_values() {
    let ms = Duration::from_millis;
    // Ten values, given out of order: the 95th percentile is the 10th of them (the
    // rank 9.5 rounds up), the median the 5th, the 10th percentile the 1st.
    let ten: Vec<Duration> = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5].map(ms).to_vec();
    assert_eq!(percentile(&ten, 95.0), ms(10));
    assert_eq!(percentile(&ten, 90.0), ms(9));
    assert_eq!(percentile(&ten, 50.0), ms(5));
    assert_eq!(percentile(&ten, 10.0), ms(1));
    assert_eq!(percentile(&ten, 0.0), ms(1));
    assert_eq!(percentile(&ten, 100.0), ms(10));
}

#[test]
fn a_server_run_reports_the_ticker_then_the_requests() {
    let us = Duration::from_micros;
    let run = ServerRun {
        lateness: (1..=5).map(us).collect(), // median 3, worst 5
        latency: (1..=200).rev().map(|n| us(1_000 * n)).collect(), // p50 100 ms, p99 198 ms
    };
    assert_eq!(run.figures(), [us(3), us(5), us(100_000), us(198_000)]);
    assert_eq!(ServerRun::FIGURES.len(), run.figures().len());
}

#[test]
fn rounds_leave_out_each_ways_warm_up_run() {
    // Rounds as `measure::interleaved` makes them: a warm-up round visits every way
    // once, then each timed round visits them all in a rotated order.
    let mut rounds = Rounds::new(3);
    let order = [0, 1, 2, 1, 2, 0, 2, 0, 1];
    for (call, &way) in order.iter().enumerate() {
        rounds.record(way, call);
    }
    assert_eq!(rounds.timed(), [vec![5, 7], vec![3, 8], vec![4, 6]]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_handler_computes_the_same_answer() {
    for (slices, steps) in [(1, 1), (3, 7), (10, 1_000)] {
        let expected = compute(0, slices * steps);
        assert_eq!(in_slices(slices, steps).await, expected);
        assert_eq!(on_rayon(slices, steps).await, expected);
        assert_eq!(on_blocking_pool(slices, steps).await, expected);
    }
}

#[test]
fn a_sliced_handler_lets_other_tasks_run_between_slices() {
    // One thread: the other task can run only where the handler awaits.
    let runtime = Builder::new_current_thread().build().unwrap();
    let ran = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ran);
    let seen_during = runtime.block_on(async move {
        tokio::spawn(async move { counter.fetch_add(1, Ordering::SeqCst) });
        in_slices(2, 1_000).await;
        ran.load(Ordering::SeqCst)
    });
    assert_eq!(
        seen_during, 1,
        "the other task ran before the handler finished"
    );
}
