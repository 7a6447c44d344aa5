use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

// ANCHOR: io
/// Stands in for a request to another machine: the thread does nothing but wait.
pub fn fetch(id: usize, latency: Duration) -> usize {
    thread::sleep(latency);
    id * 2
}

/// Serves requests `0..requests` with `workers` threads, each taking the next
/// unserved request until none are left. Returns the responses in request order.
pub fn serve_all(requests: usize, workers: usize, latency: Duration) -> Vec<usize> {
    let next = AtomicUsize::new(0);
    let responses = Mutex::new(vec![0; requests]);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let id = next.fetch_add(1, Ordering::Relaxed);
                    if id >= requests {
                        break;
                    }
                    let response = fetch(id, latency);
                    responses.lock().unwrap()[id] = response;
                }
            });
        }
    });
    responses.into_inner().unwrap()
}
// ANCHOR_END: io

fn main() {
    let responses = serve_all(20, 10, Duration::from_millis(5));
    assert_eq!(responses, (0..20).map(|id| id * 2).collect::<Vec<_>>());
}
