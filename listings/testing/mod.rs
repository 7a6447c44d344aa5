//! Part VII: testing.

pub mod testing;
