//! Chapter 13: tasks and structured concurrency.

pub mod concurrent_waits;
pub mod failure_policies;
