//! Part II: threads.

pub mod races;
pub mod spawning;
