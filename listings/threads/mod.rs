//! Part II: threads.

pub mod deadlocks;
pub mod races;
pub mod spawning;
