//! Part II: threads.

pub mod coordination;
pub mod deadlocks;
pub mod races;
pub mod spawning;
