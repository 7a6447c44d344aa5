#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::collections::VecDeque;
use sync::atomic::{AtomicUsize, Ordering};
use sync::{Arc, Condvar, Mutex};
use thread::JoinHandle;

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Queue {
    jobs: VecDeque<Job>,
    /// Jobs submitted and not yet finished: queued, or running on a worker.
    unfinished: usize,
    closing: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    work_or_closing: Condvar,
    /// For `wait_idle`: signal it when `unfinished` may have reached zero.
    idle: Condvar,
}

/// Listing 9-1's pool, with one more method: `wait_idle`.
pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

// ANCHOR: solution
impl ThreadPool {
    /// Blocks until every job submitted so far has finished running. The pool stays
    /// open: more jobs can be submitted afterwards.
    pub fn wait_idle(&self) {
        // ANCHOR: answer
        let mut queue = self.shared.queue.lock().unwrap();
        // A loop, not an `if`: a wake-up is only a hint (another job may have been
        // submitted meanwhile, or the wake-up may be spurious), so check again.
        while queue.unfinished > 0 {
            queue = self.shared.idle.wait(queue).unwrap();
        }
        // ANCHOR_END: answer
    }
}

/// Called by a worker each time one of its jobs has finished.
fn finished(shared: &Shared) {
    // ANCHOR: answer
    let mut queue = shared.queue.lock().unwrap();
    queue.unfinished -= 1;
    if queue.unfinished == 0 {
        // Every caller of `wait_idle` waits for the same thing: wake them all.
        shared.idle.notify_all();
    }
    // ANCHOR_END: answer
}
// ANCHOR_END: solution

impl ThreadPool {
    pub fn new(size: usize) -> Self {
        assert!(size > 0);
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                jobs: VecDeque::new(),
                unfinished: 0,
                closing: false,
            }),
            work_or_closing: Condvar::new(),
            idle: Condvar::new(),
        });
        let workers = (0..size)
            .map(|_| {
                let shared = Arc::clone(&shared);
                thread::spawn(move || work(&shared))
            })
            .collect();
        ThreadPool { shared, workers }
    }

    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        let mut queue = self.shared.queue.lock().unwrap();
        queue.jobs.push_back(Box::new(job));
        queue.unfinished += 1;
        drop(queue);
        self.shared.work_or_closing.notify_one();
    }
}

fn work(shared: &Shared) {
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap();
            loop {
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                if queue.closing {
                    return;
                }
                queue = shared.work_or_closing.wait(queue).unwrap();
            }
        };
        job();
        finished(shared);
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.queue.lock().unwrap().closing = true;
        self.shared.work_or_closing.notify_all();
        for worker in self.workers.drain(..) {
            // A worker that panicked has already reported it; joining the rest
            // matters more than a second panic.
            let _ = worker.join();
        }
    }
}

fn main() {
    let pool = ThreadPool::new(3);
    let done = Arc::new(AtomicUsize::new(0));
    for round in 1..=3 {
        for _ in 0..10 {
            let done = Arc::clone(&done);
            pool.execute(move || {
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
        pool.wait_idle();
        // Every job of this round has run, and the pool is still open.
        assert_eq!(done.load(Ordering::Relaxed), 10 * round);
    }
}
