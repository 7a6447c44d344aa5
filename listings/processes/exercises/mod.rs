//! Part III's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters unused until the reader writes
//! the body.

#[allow(unused_variables)]
pub mod frames;
pub mod frames_solution;
#[allow(unused_variables, unused_imports)]
pub mod prefix_sums;
pub mod prefix_sums_solution;
