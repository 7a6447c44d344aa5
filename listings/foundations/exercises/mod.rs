//! Part I's exercises: each starting file beside its solution.
//!
//! The starting files leave their `todo!()` parameters unused until the reader writes
//! the body, and some of their imports serve only the code the reader will write.

#[allow(unused_variables, unused_imports)]
pub mod gather;
pub mod gather_solution;
#[allow(unused_variables, unused_imports)]
pub mod longest_chain;
pub mod longest_chain_solution;
