//! Part IV's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters and locals unused until the
//! reader writes the body.

#[allow(unused_variables)]
pub mod event;
pub mod event_solution;
#[allow(unused_variables, unused_mut, unused_imports)]
pub mod lines;
pub mod lines_solution;
