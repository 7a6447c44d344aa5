//! Part VII: testing.

// The Part and its one chapter share the name, as the folders do.
#[allow(clippy::module_inception)]
pub mod testing;
