//! How many calls into the module run at once, and the most that ever did: what the
//! Python tests read to see whether two calls overlapped, without timing anything.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Every call of the module's prime counters enters here.
pub static CALLS: CallsInProgress = CallsInProgress::new();

pub struct CallsInProgress {
    state: Mutex<State>,
    entered: Condvar,
}

struct State {
    running: usize,
    most: usize,
    /// How long a call waits, once in, for calls to have overlapped (zero: no wait).
    wait_for_overlap: Duration,
}

/// A call in progress; it leaves when dropped.
pub struct Call<'a>(&'a CallsInProgress);

impl CallsInProgress {
    const fn new() -> CallsInProgress {
        CallsInProgress {
            state: Mutex::new(State {
                running: 0,
                most: 0,
                wait_for_overlap: Duration::ZERO,
            }),
            entered: Condvar::new(),
        }
    }

    /// Counts a call in. When a wait is set, the call then waits, at most that long,
    /// until two calls have run at once: a call that can overlap with another does.
    pub fn enter(&self) -> Call<'_> {
        let mut state = self.state.lock().unwrap();
        state.running += 1;
        state.most = state.most.max(state.running);
        self.entered.notify_all();
        let wait = state.wait_for_overlap;
        drop(self.entered.wait_timeout_while(state, wait, |s| s.most < 2));
        Call(self)
    }

    /// How many calls are running now.
    pub fn running(&self) -> usize {
        self.state.lock().unwrap().running
    }

    /// The most calls that have run at once since the last [`reset`](Self::reset).
    pub fn most(&self) -> usize {
        self.state.lock().unwrap().most
    }

    pub fn reset(&self, wait_for_overlap: Duration) {
        let mut state = self.state.lock().unwrap();
        state.most = state.running;
        state.wait_for_overlap = wait_for_overlap;
    }
}

impl Drop for Call<'_> {
    fn drop(&mut self) {
        self.0.state.lock().unwrap().running -= 1;
    }
}
