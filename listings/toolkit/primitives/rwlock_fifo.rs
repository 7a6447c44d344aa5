extern crate tokio;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::RwLock;
use tokio::time::{Instant, sleep};

// ANCHOR: fifo
type Log = Arc<Mutex<Vec<(&'static str, u64)>>>;

/// After `arrive` seconds, read-locks, notes when it got the lock, holds it `hold` s.
async fn read(lock: Arc<RwLock<u32>>, log: Log, who: &'static str, arrive: u64, hold: u64) {
    let start = Instant::now();
    sleep(Duration::from_secs(arrive)).await;
    let _guard = lock.read().await;
    log.lock().unwrap().push((who, start.elapsed().as_secs()));
    sleep(Duration::from_secs(hold)).await;
}

/// The same with a write lock.
async fn write(lock: Arc<RwLock<u32>>, log: Log, who: &'static str, arrive: u64, hold: u64) {
    let start = Instant::now();
    sleep(Duration::from_secs(arrive)).await;
    let _guard = lock.write().await;
    log.lock().unwrap().push((who, start.elapsed().as_secs()));
    sleep(Duration::from_secs(hold)).await;
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (lock, log) = (Arc::new(RwLock::new(0)), Log::default());
    let visits = [
        tokio::spawn(read(lock.clone(), log.clone(), "reader 1", 0, 10)),
        tokio::spawn(write(lock.clone(), log.clone(), "writer", 1, 1)),
        tokio::spawn(read(lock.clone(), log.clone(), "reader 2", 2, 1)),
    ];
    for visit in visits {
        visit.await.unwrap();
    }
    // Reader 2 arrives while the lock is only read-locked, yet waits behind the
    // writer that asked first: a stream of readers cannot starve a writer.
    let order = log.lock().unwrap().clone();
    assert_eq!(order, [("reader 1", 0), ("writer", 10), ("reader 2", 11)]);
}
// ANCHOR_END: fifo
