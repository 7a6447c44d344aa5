//! Chapter 11: shared memory.

pub mod arc_slice;
pub mod padded_counters;
pub mod shared_ring;
pub mod split_in_place;
pub mod weak_ring;
