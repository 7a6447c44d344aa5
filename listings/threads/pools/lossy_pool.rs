#[cfg(loom)]
use crate::shim::{sync, thread};
#[cfg(not(loom))]
use std::{sync, thread};

use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use sync::atomic::{AtomicUsize, Ordering};
use sync::{Arc, Condvar, Mutex};
use thread::JoinHandle;

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Queue {
    jobs: VecDeque<Job>,
    closing: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    work_or_closing: Condvar,
}

/// The pool of Listing 9-1, except for the order of two checks in `work`.
pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    pub fn new(size: usize) -> Self {
        assert!(size > 0);
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                jobs: VecDeque::new(),
                closing: false,
            }),
            work_or_closing: Condvar::new(),
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
        drop(queue);
        self.shared.work_or_closing.notify_one();
    }
}

// ANCHOR: bug
/// A worker's life, with the checks the wrong way round: it stops as soon as the
/// pool is closing, even if jobs are still queued.
fn work(shared: &Shared) {
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap();
            loop {
                if queue.closing {
                    return; // jobs still in the queue are dropped, never run
                }
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                queue = shared.work_or_closing.wait(queue).unwrap();
            }
        }; // the lock is released before the job runs
        // A job that panics must not take its worker down with it.
        let _ = panic::catch_unwind(AssertUnwindSafe(job));
    }
}
// ANCHOR_END: bug

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.queue.lock().unwrap().closing = true;
        self.shared.work_or_closing.notify_all();
        for worker in self.workers.drain(..) {
            worker.join().unwrap();
        }
    }
}

fn main() {
    let done = Arc::new(AtomicUsize::new(0));
    {
        let pool = ThreadPool::new(3);
        for job in 0..20 {
            let done = Arc::clone(&done);
            pool.execute(move || {
                assert!(job != 13, "job 13 fails");
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
    } // dropping the pool may discard jobs that were still queued
    println!("{} of 19 jobs ran", done.load(Ordering::Relaxed));
}
