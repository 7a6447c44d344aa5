//! Chapter 17: one API for pools and tasks.

pub mod bounded;
pub mod future_api;
pub mod task_orders;
pub mod thread_orders;
