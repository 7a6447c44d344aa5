//! The one place where the listings meet loom.
//!
//! Under `--cfg loom` the modules below are loom's, so that loom can explore every
//! interleaving of the code that uses them; otherwise they are std's. A listing
//! imports them like this, outside its anchor so the reader sees plain std:
//!
//! ```text
//! #[cfg(loom)]
//! use crate::shim::{sync, thread};
//! #[cfg(not(loom))]
//! use std::{sync, thread};
//! ```
//!
//! A listing that spins takes `hint` from here as well, so that under loom
//! `hint::spin_loop()` lets another thread run instead of spinning forever.
//!
//! Loom models only part of std: it has no `thread::scope`, no `Barrier` and no
//! `OnceLock`. A listing that needs those takes them from std and is tested without
//! loom.

#[cfg(loom)]
pub use loom::{hint, sync, thread};
#[cfg(not(loom))]
pub use std::{hint, sync, thread};

/// Under loom only: an `AtomicU64` that writes down each `load` and `store` of the
/// execution loom is running (which thread, which operation, which value), so that
/// `tests/loom_races.rs` can check the schedule Figure 5-1 draws against the failing
/// executions loom explores. The log is a plain
/// thread-local: loom runs a model's threads on the test's own thread and does not
/// see the log, so recording adds no step to the exploration. Outside loom this
/// module does not exist, and listings use std's `AtomicU64` itself.
#[cfg(loom)]
pub mod recorded {
    use std::cell::RefCell;

    use loom::sync::atomic::Ordering;

    /// One atomic access of the execution.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Step {
        /// Loom's number for the thread: 0 is the model's own thread.
        pub thread: usize,
        pub operation: Operation,
        /// The value read by a `load`, or written by a `store`.
        pub value: u64,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Operation {
        Load,
        Store,
    }

    thread_local! {
        static LOG: RefCell<Vec<Step>> = const { RefCell::new(Vec::new()) };
    }

    /// Forgets the steps of earlier executions: call it first in the model.
    pub fn clear() {
        LOG.with(|log| log.borrow_mut().clear());
    }

    /// The steps of the last execution, oldest first.
    pub fn take() -> Vec<Step> {
        LOG.with(|log| std::mem::take(&mut *log.borrow_mut()))
    }

    fn record(operation: Operation, value: u64) {
        // Loom's `ThreadId` prints as `ThreadId(N)`; N is what the log keeps.
        let id = format!("{:?}", loom::thread::current().id());
        let thread = id
            .trim_start_matches("ThreadId(")
            .trim_end_matches(')')
            .parse()
            .expect("loom's ThreadId prints as ThreadId(N)");
        LOG.with(|log| {
            log.borrow_mut().push(Step {
                thread,
                operation,
                value,
            })
        });
    }

    /// Loom's `AtomicU64`, with `load` and `store` written down.
    #[derive(Debug)]
    pub struct AtomicU64(loom::sync::atomic::AtomicU64);

    impl AtomicU64 {
        pub fn new(value: u64) -> Self {
            AtomicU64(loom::sync::atomic::AtomicU64::new(value))
        }

        pub fn load(&self, order: Ordering) -> u64 {
            let value = self.0.load(order);
            record(Operation::Load, value);
            value
        }

        pub fn store(&self, value: u64, order: Ordering) {
            self.0.store(value, order);
            record(Operation::Store, value);
        }
    }
}
