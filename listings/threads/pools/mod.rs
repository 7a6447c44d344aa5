//! Chapter 9: thread pools.

pub mod lossy_pool;
pub mod thread_pool;
pub mod with_rayon;
