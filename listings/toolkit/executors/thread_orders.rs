extern crate rayon;

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

use rayon::prelude::*;

// ANCHOR: orders
/// A job for a thread: any closure that computes a `T`.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// Submission order: one thread per job, joined in the order the jobs were given.
/// Each result waits for every job before it, however early it finished itself.
/// A job that panicked comes back as an `Err` in its place.
pub fn in_order<T: Send + 'static>(jobs: Vec<Job<T>>) -> impl Iterator<Item = thread::Result<T>> {
    let handles: Vec<_> = jobs.into_iter().map(thread::spawn).collect();
    handles.into_iter().map(|handle| handle.join())
}

/// Completion order: every thread sends its job's index and outcome down one channel
/// the moment it has them. The receiver ends once every thread has sent.
pub fn as_completed<T: Send + 'static>(
    jobs: Vec<Job<T>>,
) -> mpsc::Receiver<(usize, thread::Result<T>)> {
    let (sender, receiver) = mpsc::channel();
    for (index, job) in jobs.into_iter().enumerate() {
        let sender = sender.clone();
        thread::spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(job));
            // Fails only if nobody is listening any more; then nobody needs the result.
            let _ = sender.send((index, outcome));
        });
    }
    receiver
}

/// rayon: `collect` puts each result at its item's position, whatever finished first.
pub fn par_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    items.par_iter().map(f).collect()
}
// ANCHOR_END: orders

// ANCHOR: main
/// Four jobs: job 0 waits until its gate is opened; jobs 1 to 3 report on `quick`
/// that they are done, and return at once.
fn gated_jobs() -> (mpsc::Sender<()>, mpsc::Receiver<usize>, Vec<Job<usize>>) {
    let (open, gate) = mpsc::channel::<()>();
    let (done, quick) = mpsc::channel();
    let mut jobs: Vec<Job<usize>> = vec![Box::new(move || {
        gate.recv().unwrap();
        0
    })];
    for index in 1..4 {
        let done = done.clone();
        jobs.push(Box::new(move || {
            done.send(index).unwrap();
            index
        }));
    }
    (open, quick, jobs)
}

fn main() {
    // Completion order: the three quick results arrive while job 0 is still waiting.
    let (open, _quick, jobs) = gated_jobs();
    let finished = as_completed(jobs);
    let mut first_three: Vec<usize> = (0..3).map(|_| finished.recv().unwrap().0).collect();
    first_three.sort();
    assert_eq!(first_three, [1, 2, 3]);
    open.send(()).unwrap();
    assert_eq!(finished.recv().unwrap().0, 0, "the slow job arrives last");
    assert!(finished.recv().is_err(), "every thread has sent its result");

    // Submission order: job 0 is released only after the others are done,
    // and still comes back first.
    let (open, quick, jobs) = gated_jobs();
    let results = in_order(jobs);
    for _ in 1..4 {
        quick.recv().unwrap();
    }
    open.send(()).unwrap();
    let results: Vec<usize> = results.map(Result::unwrap).collect();
    assert_eq!(results, [0, 1, 2, 3]);

    // rayon keeps the order of the input.
    let words = ["a", "slow", "job", "holds", "back"];
    assert_eq!(par_map(&words, |w| w.len()), [1, 4, 3, 5, 4]);
}
// ANCHOR_END: main
