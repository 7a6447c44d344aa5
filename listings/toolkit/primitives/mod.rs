//! Chapter 16: synchronization primitives side by side.
