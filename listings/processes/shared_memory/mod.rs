//! Chapter 10: shared memory.

pub mod shared_ring;
pub mod weak_ring;
