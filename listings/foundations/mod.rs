//! Part I: foundations.

pub mod no_gil;
