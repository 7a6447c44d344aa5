//! `--features loom` compiles the book's crate with `cfg(loom)`: its listings take
//! their threads and atomics from loom (listings/shim.rs), and its loom models
//! (tests/loom_*.rs) exist.

fn main() {
    // Without this line, Cargo would run the script again after any edit in the
    // package, a chapter's text included, and compile the crate again.
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_LOOM").is_some() {
        println!("cargo::rustc-cfg=loom");
    }
}
