//! Chapter 8: coordinating threads.

pub mod barrier_phases;
pub mod bounded_queue;
pub mod event;
pub mod one_time_init;
pub mod per_thread;
pub mod semaphore;
