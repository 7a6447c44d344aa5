//! A tokio runtime on the paused clock, for property tests that run many cases: one
//! thread, timers only, and time that jumps to the next timer whenever every task
//! waits, so a case of many seconds of sleeps runs in microseconds.

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
}
