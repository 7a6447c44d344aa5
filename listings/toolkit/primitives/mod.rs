//! Chapter 18: synchronization primitives side by side.

pub mod async_barrier;
pub mod fixed_window;
pub mod limit_in_flight;
pub mod notify_permit;
pub mod rwlock_fifo;
pub mod token_bucket;
pub mod watch_pulse;
