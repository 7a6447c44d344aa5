//! The pinned mdBook: installed on first use, and `cargo xtask serve`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::{Result, cargo, root, run, timed};

/// The mdBook release the book is written for. `book.toml` relies on its options.
pub const VERSION: &str = "0.5.4";

/// The pinned mdBook for the checks (build, test, search index), installed under
/// `target/tools` with `cargo install --locked` the first time it is needed, without
/// the server and file watcher that only `cargo xtask serve` uses: they are more than
/// half of what the install compiles. The figures need no tool of their own: `cargo
/// xtask figures` draws them.
pub fn installed() -> Result<PathBuf> {
    install(CHECKS.0, CHECKS.1)
}

/// Where the checks' mdBook goes, and the `cargo install` options that leave out its
/// server and watcher.
const CHECKS: (&str, &[&str]) = (
    "target/tools",
    &["--no-default-features", "--features", "search"],
);

/// The whole pinned mdBook, with `mdbook serve`, in `target/tools/serve` (installed the
/// first time `cargo xtask serve` runs).
fn installed_with_server() -> Result<PathBuf> {
    install("target/tools/serve", &[])
}

fn install(folder: &str, options: &[&str]) -> Result<PathBuf> {
    let mdbook = binary(folder);
    if !present(&mdbook) {
        run(
            &format!("install mdbook {VERSION} into {folder} (once)"),
            &mut cargo_install(folder, options),
        )?;
    }
    Ok(mdbook)
}

fn binary(folder: &str) -> PathBuf {
    root()
        .join(folder)
        .join("bin")
        .join(format!("mdbook{}", env::consts::EXE_SUFFIX))
}

/// Whether `mdbook` is the pinned version (it prints `mdbook v0.5.4`).
fn present(mdbook: &Path) -> bool {
    Command::new(mdbook)
        .arg("--version")
        .output()
        .is_ok_and(|out| {
            String::from_utf8_lossy(&out.stdout).trim() == format!("mdbook v{VERSION}")
        })
}

fn cargo_install(folder: &str, options: &[&str]) -> Command {
    let mut command = cargo();
    command
        .args(["install", "--locked", "mdbook", "--version", VERSION])
        .args(options)
        .arg("--root")
        .arg(root().join(folder));
    command
}

/// The checks' mdBook, present or being installed while other steps run.
pub struct Install {
    mdbook: PathBuf,
    running: Option<Child>,
}

/// Where a background install writes what cargo prints.
const INSTALL_LOG: &str = "target/tools-install.log";

/// Starts installing the checks' mdBook if it is missing, in the background and at the
/// lowest CPU priority (`nice -n 19`, where there is one), so that on a clean clone it
/// compiles in the time the test builds leave a core idle; [`Install::wait`] waits for
/// it.
pub fn install_in_background() -> Result<Install> {
    let mdbook = binary(CHECKS.0);
    if present(&mdbook) {
        return Ok(Install {
            mdbook,
            running: None,
        });
    }
    let log = root().join(INSTALL_LOG);
    let output = || {
        fs::create_dir_all(root().join("target"))?;
        let file = fs::File::create(&log)?;
        Ok::<_, std::io::Error>((Stdio::from(file.try_clone()?), Stdio::from(file)))
    };
    let install = cargo_install(CHECKS.0, CHECKS.1);
    let mut niced = Command::new("nice");
    niced
        .args(["-n", "19"])
        .arg(install.get_program())
        .args(install.get_args());
    let (out, err) = output().map_err(|e| format!("cannot write {INSTALL_LOG}: {e}"))?;
    let child = match niced.stdout(out).stderr(err).spawn() {
        Ok(child) => child,
        Err(_) => {
            let (out, err) = output().map_err(|e| format!("cannot write {INSTALL_LOG}: {e}"))?;
            let mut install = cargo_install(CHECKS.0, CHECKS.1);
            (install.stdout(out).stderr(err).spawn())
                .map_err(|e| format!("cannot start cargo install: {e}"))?
        }
    };
    println!(
        "\n==> install mdbook {VERSION} into {} (once), in the background at low priority \
         (cargo's output: {INSTALL_LOG})",
        CHECKS.0
    );
    Ok(Install {
        mdbook,
        running: Some(child),
    })
}

impl Install {
    /// The installed mdBook, once the background install (if any) has finished.
    pub fn wait(mut self) -> Result<PathBuf> {
        if let Some(mut child) = self.running.take() {
            timed("finish installing mdbook (begun in the background)", || {
                let status = child.wait().map_err(|e| e.to_string())?;
                match status.success() && present(&self.mdbook) {
                    true => Ok(()),
                    false => Err(format!(
                        "cargo install mdbook failed ({status}):\n{}",
                        fs::read_to_string(root().join(INSTALL_LOG)).unwrap_or_default()
                    )),
                }
            })?;
        }
        Ok(self.mdbook.clone())
    }
}

impl Drop for Install {
    /// A run that stops early stops the install too: the next run starts it afresh.
    fn drop(&mut self) {
        if let Some(child) = &mut self.running {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
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
