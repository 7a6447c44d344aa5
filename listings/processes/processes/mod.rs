//! Chapter 9: processes.

// The chapter and its folder are both named `processes`, inside Part III's `processes`.
#![allow(clippy::module_inception)]
pub mod fork_hazard;
pub mod pool;
