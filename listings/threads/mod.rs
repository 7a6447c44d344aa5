//! Part II: threads.

pub mod races;
