//! Chapter 18 on tokio's paused clock: the rate limiters with callers waiting at
//! once, tokio's RwLock under a stream of readers, and `Notify` with two waiters.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::toolkit::primitives::fixed_window::FixedWindow;
use listings::toolkit::primitives::token_bucket::TokenBucket;
use tokio::sync::{Notify, RwLock};
use tokio::time::{Instant, sleep};

/// Starts `callers` tasks at once, each calling `acquire`, and returns
/// (caller, ms since start when admitted) in the order they were admitted.
async fn admit_all<L, Acquire, Admitted>(
    limiter: L,
    callers: usize,
    acquire: Acquire,
) -> Vec<(usize, u64)>
where
    L: Send + Sync + 'static,
    Acquire: Fn(Arc<L>) -> Admitted + Copy + Send + 'static,
    Admitted: Future<Output = ()> + Send,
{
    let (limiter, log) = (Arc::new(limiter), Arc::new(Mutex::new(Vec::new())));
    let start = Instant::now();
    let tasks: Vec<_> = (0..callers)
        .map(|id| {
            let (limiter, log) = (Arc::clone(&limiter), Arc::clone(&log));
            tokio::spawn(async move {
                acquire(limiter).await;
                log.lock()
                    .unwrap()
                    .push((id, start.elapsed().as_millis() as u64));
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    Arc::try_unwrap(log).unwrap().into_inner().unwrap()
}

#[tokio::test(start_paused = true)]
async fn fixed_window_admits_waiting_callers_in_order_three_per_window() {
    let limiter = FixedWindow::new(3, Duration::from_secs(1));
    let log = admit_all(limiter, 7, |l| async move { l.acquire().await }).await;
    let expected = [0, 0, 0, 1000, 1000, 1000, 2000];
    assert_eq!(log, expected.into_iter().enumerate().collect::<Vec<_>>());
}

#[tokio::test(start_paused = true)]
async fn token_bucket_admits_waiting_callers_in_order_a_burst_then_one_per_period() {
    let limiter = TokenBucket::new(3, Duration::from_secs(1));
    let log = admit_all(limiter, 6, |l| async move { l.acquire().await }).await;
    let expected = [0, 0, 0, 1000, 2000, 3000];
    assert_eq!(log, expected.into_iter().enumerate().collect::<Vec<_>>());
}

/// Readers arrive every second and each reads for two seconds, so the lock is never
/// free of readers. A writer that arrives at 1.5 s still gets it once the readers
/// already inside leave, and a reader arriving after the writer waits for it.
#[tokio::test(start_paused = true)]
async fn tokio_rwlock_does_not_let_new_readers_starve_a_waiting_writer() {
    let (lock, log) = (Arc::new(RwLock::new(())), Arc::new(Mutex::new(Vec::new())));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for reader in 0..10u64 {
        let (lock, log) = (Arc::clone(&lock), Arc::clone(&log));
        tasks.push(tokio::spawn(async move {
            sleep(Duration::from_secs(reader)).await;
            let _read = lock.read().await;
            let at = start.elapsed().as_millis() as u64;
            log.lock().unwrap().push((format!("reader {reader}"), at));
            sleep(Duration::from_secs(2)).await;
        }));
    }
    let (writer_lock, writer_log) = (Arc::clone(&lock), Arc::clone(&log));
    tasks.push(tokio::spawn(async move {
        sleep(Duration::from_millis(1500)).await;
        let _write = writer_lock.write().await;
        let at = start.elapsed().as_millis() as u64;
        writer_log.lock().unwrap().push(("writer".into(), at));
        sleep(Duration::from_secs(1)).await;
    }));
    sleep(Duration::from_millis(1600)).await;
    assert!(
        lock.try_read().is_err(),
        "read-locked, but a writer is queued"
    );
    for task in tasks {
        task.await.unwrap();
    }
    let log = log.lock().unwrap().clone();
    let at = |who: &str| log.iter().find(|(w, _)| w == who).unwrap().1;
    assert_eq!(at("writer"), 3000, "as soon as readers 0 and 1 had left");
    assert_eq!(
        at("reader 2"),
        4000,
        "after the writer, though it came at 2 s"
    );
}

/// `notify_one` with two tasks waiting wakes exactly one of them.
#[tokio::test(start_paused = true)]
async fn notify_one_wakes_one_of_two_waiters() {
    let (notify, woken) = (Arc::new(Notify::new()), Arc::new(Mutex::new(0)));
    for _ in 0..2 {
        let (notify, woken) = (Arc::clone(&notify), Arc::clone(&woken));
        tokio::spawn(async move {
            notify.notified().await;
            *woken.lock().unwrap() += 1;
        });
    }
    tokio::task::yield_now().await; // both tasks are now waiting
    notify.notify_one();
    sleep(Duration::from_secs(1)).await;
    assert_eq!(*woken.lock().unwrap(), 1);
    notify.notify_one();
    sleep(Duration::from_secs(1)).await;
    assert_eq!(*woken.lock().unwrap(), 2);
}
