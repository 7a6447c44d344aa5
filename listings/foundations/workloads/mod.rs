//! Chapter 2: I/O-bound vs CPU-bound.

pub mod cpu_bound;
pub mod io_bound;
