//! Part II's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters unused until the reader writes
//! the body.

#[allow(unused_variables)]
pub mod dining;
pub mod dining_solution;
#[allow(unused_variables)]
pub mod idle_pool;
pub mod idle_pool_solution;
