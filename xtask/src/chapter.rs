//! `cargo xtask test --chapter <page or part>`: the checks of one chapter, or of every
//! chapter of one Part, for the loop of editing and checking. It runs what the page
//! touches, each step as `cargo xtask test` runs it (counted, with deadlines), and says
//! what it left out.

use std::fs;
use std::path::PathBuf;

use crate::{
    Result, browser, cargo, compile_errors, doctests, files_under, mdbook, python_ext, root, shown,
    test, test_binaries, timed,
};

/// `page` is a chapter (`threads/races.md`, `src/threads/races.md`, `threads/races`) or
/// a Part's folder (`threads`).
pub fn test_chapter(page: &str) -> Result {
    let started = std::time::Instant::now();
    test::clear_weakening_environment();
    let pages = pages(page)?;
    let names: Vec<String> = pages.iter().map(|p| shown(p)).collect();
    println!("xtask: checking {}", names.join(", "));
    crate::run(
        "format (cargo fmt --check)",
        cargo().args(["fmt", "--all", "--check"]),
    )?;
    timed(
        "the book's integrity checks (whole book: they relate chapters to each other)",
        || {
            test_binaries::build_and_run(
                test::book_cargo("test", false)?.args(["--test", "book_integrity"]),
                &[],
                |_| true,
            )
            .map(drop)
        },
    )?;
    let stems: Vec<String> = pages
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    let (plain, loom) = test_files(&stems);
    if plain.iter().any(|file| file == python_ext::TESTED_BY) {
        python_ext::build()?;
    }
    if !plain.is_empty() {
        timed(
            "the chapter's unit and property tests, each binary counted",
            || {
                let mut build = test::book_cargo("test", false)?;
                for file in &plain {
                    build.args(["--test", file]);
                }
                test_binaries::build_and_run(&mut build, &[], |_| true).map(drop)
            },
        )?;
    }
    if !loom.is_empty() {
        timed("the chapter's loom models, each binary counted", || {
            let mut build = test::book_cargo("test", true)?;
            for file in &loom {
                build.args(["--test", file]);
            }
            test_binaries::build_and_run(
                &mut build,
                &[("LOOM_MAX_PREEMPTIONS", test::LOOM_MAX_PREEMPTIONS)],
                |_| true,
            )
            .map(drop)
        })?;
    }
    let deps = timed(doctests::BOOK_DEPENDENCIES, doctests::book_dependencies)?;
    let mdbook = mdbook::installed()?;
    timed("the chapter's examples (mdbook test), counted", || {
        doctests::run_mdbook_test(&mdbook, &deps, &pages)
    })?;
    let stderr_files: Vec<PathBuf> = stems
        .iter()
        .zip(&pages)
        .flat_map(|(stem, page)| {
            let part = page
                .parent()
                .and_then(|p| p.file_name())
                .unwrap_or_default();
            files_under(&root().join("listings").join(part).join(stem), "stderr")
        })
        .collect();
    if !stderr_files.is_empty() {
        timed("the chapter's compile_fail listings", || {
            compile_errors::check_files(&stderr_files, &deps)
        })?;
    }
    let html: Vec<String> = names
        .iter()
        .map(|name| name.trim_start_matches("src/").replace(".md", ".html"))
        .collect();
    match browser::find() {
        Some(_) => browser::command(&html)?,
        None => println!("\nxtask: SKIPPED the browser check: no Chromium found"),
    }
    println!(
        "\nxtask: {} checked in {:.0?}. Not run here: the other chapters' tests and \
         examples, xtask's own tests, and the exercises' starting files; `cargo xtask \
         test` runs everything.",
        names.join(", "),
        started.elapsed()
    );
    Ok(())
}

/// The chapters `page` names: one page, or every page of a Part's folder.
fn pages(page: &str) -> Result<Vec<PathBuf>> {
    let src = root().join("src");
    let relative = page.trim_start_matches("src/").trim_end_matches('/');
    let folder = src.join(relative);
    let mut found = if folder.is_dir() {
        fs::read_dir(&folder)
            .map_err(|e| format!("cannot read {}: {e}", folder.display()))?
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .collect()
    } else {
        let file = src.join(relative).with_extension("md");
        match file.is_file() {
            true => vec![file],
            false => Vec::new(),
        }
    };
    let chapters = mdbook::chapters()?;
    found.retain(|path| chapters.contains(path));
    found.sort();
    if found.is_empty() {
        return Err(format!(
            "no chapter `{page}`: name a page (`threads/races.md`) or a Part's folder \
             (`threads`) under src/"
        ));
    }
    Ok(found)
}

/// The test files of chapters with these file stems, by the naming scheme: plain ones
/// (`unit_<stem>`, `prop_<stem>`) and loom models (`loom_<stem>`).
fn test_files(stems: &[String]) -> (Vec<String>, Vec<String>) {
    let exists = |name: &String| root().join("tests").join(format!("{name}.rs")).is_file();
    let named = |kinds: &[&str]| -> Vec<String> {
        stems
            .iter()
            .flat_map(|stem| kinds.iter().map(move |kind| format!("{kind}_{stem}")))
            .filter(exists)
            .collect()
    };
    (named(&["unit", "prop"]), named(&["loom"]))
}
