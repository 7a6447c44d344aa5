//! Chapter 24's extension module (`python_ext/`), built for its Python tests: cargo
//! builds the `cdylib` in `target/debug`, where it shares the book's dependencies
//! (only PyO3 is its own), and it is copied to `target/python-ext/rust_primes.so`,
//! the name CPython imports. `tests/unit_rust_in_python.rs` runs the tests. For the
//! chapter's benchmark, `cargo xtask bench` builds it in release, into
//! `target/python-ext-release/`.

use std::fs;
use std::process::Command;

use crate::{Result, cargo, root, run, shown, test};

/// The test file that runs the module's Python tests, and needs it built first.
pub const TESTED_BY: &str = "unit_rust_in_python";

/// The benchmark that loads the module, and needs it built in release first.
pub const BENCHED_BY: &str = "rust_in_python";

pub const STEP: &str = "the Python extension module (python_ext), built for its tests";

/// Builds the module, linted like the book's crate, and copies it into place.
pub fn build() -> Result {
    let cargo = test::book_library_build()?;
    build_into(STEP, cargo, "debug", "python-ext")
}

/// The module in release, for Chapter 24's benchmark, in `target/python-ext-release/`.
pub fn build_release() -> Result {
    let mut cargo = cargo();
    cargo
        .args(["build", "--release", "-p", "rust_primes"])
        .env("PYO3_BUILD_EXTENSION_MODULE", "1");
    let step = "the Python extension module, in release";
    build_into(step, cargo, "release", "python-ext-release")
}

/// Runs `cargo` (a build of the module) as `step`, then copies the module from
/// `target/<profile>` to `target/<folder>/rust_primes.so`.
fn build_into(step: &str, mut cargo: Command, profile: &str, folder: &str) -> Result {
    run(step, &mut cargo)?;
    let built = root().join(format!("target/{profile}/librust_primes.so"));
    let module = root().join(format!("target/{folder}/rust_primes.so"));
    fs::create_dir_all(module.parent().unwrap())
        .and_then(|()| fs::copy(&built, &module))
        .map_err(|e| format!("cannot copy {} to {}: {e}", shown(&built), shown(&module)))?;
    println!("    {} ready", shown(&module));
    Ok(())
}
