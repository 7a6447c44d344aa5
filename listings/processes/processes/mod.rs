//! Chapter 10: processes.

pub mod fork_hazard;
pub mod pool;
