//! Chapter 4: threads: spawning, joining, scoping.

pub mod builder;
pub mod join_panic;
pub mod main_returns;
pub mod scoped;
pub mod spawn_join;
