//! The pinned mdBook: installed on first use, and `cargo xtask serve`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, cargo, root, run};

/// The mdBook release the book is written for. `book.toml` relies on its options.
pub const VERSION: &str = "0.5.4";

/// The pinned mdBook for the checks (build, test, search index), installed under
/// `target/tools` with `cargo install --locked` the first time it is needed, without
/// the server and file watcher that only `cargo xtask serve` uses: they are more than
/// half of what the install compiles. The figures need no tool of their own: `cargo
/// xtask figures` draws them.
pub fn installed() -> Result<PathBuf> {
    install(
        "target/tools",
        &["--no-default-features", "--features", "search"],
    )
}

/// The whole pinned mdBook, with `mdbook serve`, in `target/tools/serve` (installed the
/// first time `cargo xtask serve` runs).
fn installed_with_server() -> Result<PathBuf> {
    install("target/tools/serve", &[])
}

fn install(folder: &str, features: &[&str]) -> Result<PathBuf> {
    let tools = root().join(folder);
    let mdbook = tools
        .join("bin")
        .join(format!("mdbook{}", env::consts::EXE_SUFFIX));
    // mdBook prints `mdbook v0.5.4`.
    let present = Command::new(&mdbook)
        .arg("--version")
        .output()
        .is_ok_and(|out| {
            String::from_utf8_lossy(&out.stdout).trim() == format!("mdbook v{VERSION}")
        });
    if !present {
        run(
            &format!("install mdbook {VERSION} into {folder} (once)"),
            cargo()
                .args(["install", "--locked", "mdbook", "--version", VERSION])
                .args(features)
                .arg("--root")
                .arg(&tools),
        )?;
    }
    Ok(mdbook)
}

/// `mdbook` with the figures preprocessor run as this very program. book.toml names it
/// `cargo xtask figures`, which works from any shell; from inside xtask, that would
/// start cargo again, and under `mdbook test` (which sets `RUSTC_BOOTSTRAP`) cargo
/// would rebuild xtask from scratch for the changed environment. The setting only
/// replaces the command of a preprocessor book.toml declares: it would add one that
/// book.toml lacks, and a book built without xtask would then miss its figures unseen.
pub fn command(mdbook: &Path) -> Command {
    let mut command = Command::new(mdbook);
    let declared = std::fs::read_to_string(root().join("book.toml"))
        .is_ok_and(|config| config.lines().any(|l| l.trim() == "[preprocessor.figures]"));
    if let (true, Ok(me)) = (declared, env::current_exe()) {
        command.env(
            "MDBOOK_PREPROCESSOR__FIGURES__COMMAND",
            format!("'{}' figures", me.display()),
        );
    }
    command
}

/// The chapters `src/SUMMARY.md` links to, in its order (other Markdown files under
/// `src/`, such as the results tables, are included by chapters, not chapters).
pub fn chapters() -> Result<Vec<PathBuf>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let src = root().join("src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md"))
        .map_err(|e| format!("cannot read src/SUMMARY.md: {e}"))?;
    Ok(Parser::new(&summary)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.ends_with(".md") => {
                Some(src.join(dest_url.as_ref()))
            }
            _ => None,
        })
        .collect())
}

pub fn serve(extra: &[String]) -> Result {
    let mdbook = installed_with_server()?;
    println!("\n==> serve the book (Ctrl-C to stop)");
    let status = command(&mdbook)
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
