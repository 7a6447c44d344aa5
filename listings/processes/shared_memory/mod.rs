//! Chapter 10: shared memory.
