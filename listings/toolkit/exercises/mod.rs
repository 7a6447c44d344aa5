//! Part V's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters unused until the reader writes
//! the body.

#[allow(unused_variables, unused_imports)]
pub mod bounded;
pub mod bounded_solution;
#[allow(unused_variables)]
pub mod weighted;
pub mod weighted_solution;
