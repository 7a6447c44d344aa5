//! Chapter 9: processes.

pub mod fork_hazard;
pub mod pool;
