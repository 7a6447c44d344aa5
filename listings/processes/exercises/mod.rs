//! Part III's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters unused until the reader writes
//! the body.

#[allow(unused_variables)]
pub mod frames;
pub mod frames_solution;
