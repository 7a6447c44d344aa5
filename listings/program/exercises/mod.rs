//! Part VIII's exercise: the starting file beside its solution.
//!
//! The starting file leaves its `todo!()` parameters and helpers unused until the
//! reader writes the body.

#[allow(unused_variables, unused_imports)]
pub mod robots;
pub mod robots_solution;
