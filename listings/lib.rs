//! Every listing of the book, compiled as one library.
//!
//! Each chapter's listings live in `listings/<part>/<chapter>/`, one file per idea.
//! A listing is three things at once:
//!
//! - a doctest: the chapter pulls the whole file in with `{{#rustdoc_include}}` and
//!   `mdbook test` compiles and runs it, `main` included;
//! - a module of this crate, so the tests in `tests/` can call what it defines;
//! - under `RUSTFLAGS="--cfg loom"`, the same module built on loom's types.
//!
//! A listing that shares state between threads starts with two hidden `use` lines,
//! each under a `cfg`, that pick its `sync` and `thread` modules: std's in a doctest
//! and in a normal build, [`shim`]'s (that is, loom's) under `--cfg loom`.

// Listings that reuse another listing name it `listings::...` (see Cargo.toml).
extern crate self as listings;

pub mod measure;
pub mod shim;

// On every part: each listing has a `main` for `mdbook test` to run, which nothing in
// the crate calls; and a `Default` impl beside every `new` would be noise in a listing.

// `async` is a keyword, so the folder `listings/async/` is the module `async_rust`.
#[allow(dead_code, clippy::new_without_default)]
#[path = "async/mod.rs"]
pub mod async_rust;
#[allow(dead_code, clippy::new_without_default)]
pub mod choosing;
#[allow(dead_code, clippy::new_without_default)]
pub mod foundations;
#[allow(dead_code, clippy::new_without_default)]
pub mod processes;
// Part VIII uses tokio's signals, which tokio leaves out under `--cfg loom`; nothing
// in it has a loom model.
#[cfg(not(loom))]
#[allow(dead_code, clippy::new_without_default)]
pub mod program;
#[allow(dead_code, clippy::new_without_default)]
pub mod testing;
#[allow(dead_code, clippy::new_without_default)]
pub mod threads;
#[allow(dead_code, clippy::new_without_default)]
pub mod toolkit;
