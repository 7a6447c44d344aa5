//! Chapter 15: one API for pools and tasks.

pub mod thread_orders;
pub mod task_orders;
pub mod bounded;
pub mod future_api;
