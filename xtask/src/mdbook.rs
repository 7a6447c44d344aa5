//! The pinned mdBook: installed on first use, and `cargo xtask serve`.

use std::env;
use std::path::PathBuf;
use std::process::Command;

use crate::{Result, cargo, root, run};

/// The mdBook release the book is written for. `book.toml` relies on its options.
pub const VERSION: &str = "0.5.4";

/// The svgbob preprocessor that draws the figures (`[preprocessor.svgbob]` in
/// book.toml). 0.3 is the first release for mdBook 0.5's preprocessor protocol.
pub const SVGBOB_VERSION: &str = "0.3.1";

/// The pinned mdBook, installed under `target/tools` the first time it is needed,
/// together with the pinned `mdbook-svgbob` that book.toml runs from there.
pub fn installed() -> Result<PathBuf> {
    let mdbook = tool("mdbook", VERSION)?;
    tool("mdbook-svgbob", SVGBOB_VERSION)?;
    Ok(mdbook)
}

/// `target/tools/bin/<name>`, installed with `cargo install --locked` unless that
/// version is already there.
fn tool(name: &str, version: &str) -> Result<PathBuf> {
    let tools = root().join("target/tools");
    let binary = tools
        .join("bin")
        .join(format!("{name}{}", env::consts::EXE_SUFFIX));
    // mdBook prints `mdbook v0.5.4`, mdbook-svgbob `mdbook-svgbob 0.3.1` (and exits 1).
    let present = Command::new(&binary)
        .arg("--version")
        .output()
        .is_ok_and(|out| {
            let shown = String::from_utf8_lossy(&out.stdout);
            let shown = shown.trim();
            shown == format!("{name} v{version}") || shown == format!("{name} {version}")
        });
    if !present {
        run(
            &format!("install {name} {version} into target/tools (once)"),
            cargo()
                .args(["install", "--locked", name, "--version", version, "--root"])
                .arg(&tools),
        )?;
    }
    Ok(binary)
}

pub fn serve(extra: &[String]) -> Result {
    let mdbook = installed()?;
    println!("\n==> serve the book (Ctrl-C to stop)");
    let status = Command::new(mdbook)
        .arg("serve")
        .args(extra)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start mdbook serve: {e}"))?;
    // Stopping the server with Ctrl-C ends it by a signal, which is no failure.
    match status.code() {
        Some(0) | None => Ok(()),
        Some(code) => Err(format!("mdbook serve failed (exit code {code})")),
    }
}
