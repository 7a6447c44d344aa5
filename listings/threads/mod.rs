//! Part II: threads.

pub mod atomics;
pub mod coordination;
pub mod deadlocks;
pub mod exercises;
pub mod pools;
pub mod races;
pub mod spawning;
