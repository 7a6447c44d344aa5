//! `mdbook test`, with each chapter's doctests counted.
//!
//! mdBook runs `rustdoc --test` once per chapter and prints nothing when it passes, so
//! a chapter whose examples stopped being compiled would go unnoticed. For this step,
//! a copy of this program named `rustdoc` stands first on mdBook's PATH: it runs the
//! real rustdoc, passes its output and exit code through, and records how many tests
//! each chapter ran. Each chapter must run one test per Rust block it shows.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::ffi::OsStr;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

use crate::{Result, files_under, root, supervise, test_binaries, two_at_a_time};

const REAL_RUSTDOC: &str = "XTASK_REAL_RUSTDOC";
const DOCTEST_LOG: &str = "XTASK_DOCTEST_LOG";

/// Each chapter's time in the last `mdbook test`, for the order of the next.
const DURATIONS: &str = "target/xtask/doctest-durations.tsv";

pub const BOOK_DEPENDENCIES: &str = "dependencies for the book's examples (cargo build --lib)";

pub fn invoked_as_rustdoc() -> bool {
    env::var_os(REAL_RUSTDOC).is_some()
        && env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.file_stem()?.to_str()? == "rustdoc"))
            .unwrap_or(false)
}

/// Stands in for rustdoc: runs the real one under the deadline of [`supervise`], then
/// logs `<chapter>\t<passed>`.
pub fn run_as_rustdoc() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let real = env::var_os(REAL_RUSTDOC).unwrap();
    let chapter = args.iter().find(|a| a.ends_with(".md"));
    let rustdoc = || {
        let mut command = Command::new(&real);
        command.args(&args);
        command
    };
    let what = format!(
        "the doctests of {}",
        chapter.map_or("a chapter", |c| c.as_str())
    );
    let finished = match supervise::run(
        &mut rustdoc(),
        &what,
        || supervise::list(&mut rustdoc(), &["--test-args", &supervise::LIST.join(" ")]),
        supervise::DOCTEST_LIMIT,
        true,
    ) {
        Ok(finished) => finished,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let passed = finished
        .output
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<usize>().ok())
        .sum::<usize>();
    if let (Some(chapter), Some(log)) = (chapter, env::var_os(DOCTEST_LOG)) {
        // One write of the whole line: chapters are tested two at a time, and
        // appends of whole lines do not interleave.
        let line = format!("{chapter}\t{passed}\n");
        let written = OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .and_then(|mut f| f.write_all(line.as_bytes()));
        if let Err(e) = written {
            eprintln!("cannot record the doctest count: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::from(finished.status.code().unwrap_or(1) as u8)
}

/// `mdbook test` of the whole book, or of the chapters in `pages` (`src/...md`) when
/// it names any; each chapter must run one doctest per Rust block it shows.
///
/// mdBook tests the chapters of one run one after another, and a chapter's doctests
/// are one rustc run and one program: the run is compile-bound on one core. So each
/// chapter gets an `mdbook test --chapter` run of its own, two at a time, the
/// chapters with the most Rust blocks first.
pub fn run_mdbook_test(mdbook: &Path, deps: &Path, pages: &[PathBuf]) -> Result {
    let proxy_dir = root().join("target/xtask/rustdoc-proxy");
    fs::create_dir_all(&proxy_dir).map_err(|e| format!("cannot create {proxy_dir:?}: {e}"))?;
    let proxy = proxy_dir.join(format!("rustdoc{}", env::consts::EXE_SUFFIX));
    let me = env::current_exe().map_err(|e| e.to_string())?;
    fs::copy(&me, &proxy).map_err(|e| format!("cannot copy {me:?} to {proxy:?}: {e}"))?;
    let log = proxy_dir.join("doctests.tsv");
    let _ = fs::remove_file(&log);
    let path = env::join_paths(
        std::iter::once(proxy_dir.clone())
            .chain(env::split_paths(&env::var_os("PATH").unwrap_or_default())),
    )
    .map_err(|e| e.to_string())?;
    let real_rustdoc = crate::test::toolchain_program("rustdoc")?;

    let checked = match pages {
        [] => crate::mdbook::chapters()?,
        pages => pages.to_vec(),
    };
    let mut chapters: Vec<(usize, PathBuf)> = checked
        .into_iter()
        .map(|page| {
            (
                rust_blocks(&fs::read_to_string(&page).unwrap_or_default()),
                page,
            )
        })
        .collect();
    // The slowest first, by the last run (a chapter not timed yet counts as slow), so
    // that no long chapter starts last while the other core idles.
    let took_before = test_binaries::read_durations(DURATIONS);
    let before = |page: &PathBuf| took_before.get(&crate::shown(page)).copied();
    chapters.sort_by(|(_, a), (_, b)| {
        let slow = |page| before(page).unwrap_or(f64::MAX);
        slow(b).total_cmp(&slow(a))
    });
    let test_one = |page: &PathBuf| {
        let chapter = crate::shown(page).trim_start_matches("src/").to_owned();
        let output = crate::mdbook::command(mdbook)
            .args(["test", "--chapter", &chapter, "--library-path"])
            .arg(deps)
            .current_dir(root())
            .env("PATH", &path)
            .env(REAL_RUSTDOC, &real_rustdoc)
            .env(DOCTEST_LOG, &log)
            // On a stable toolchain rustdoc only checks that a `compile_fail,E0499`
            // block fails to compile, not that it fails with E0499; it checks the code
            // when it takes itself for a nightly build. This turns that check on. The
            // integrity checks forbid `#![feature]` in listings, so nothing else
            // changes.
            .env("RUSTC_BOOTSTRAP", "1")
            .output()
            .map_err(|e| format!("cannot start mdbook test: {e}"))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "mdbook test failed on {chapter} ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    };
    let test_chapter = |(_, page): &(usize, PathBuf)| {
        let started = Instant::now();
        (test_one(page), started.elapsed().as_secs_f64())
    };
    let outcomes = two_at_a_time(&chapters, test_chapter);
    let mut durations = took_before.clone();
    for ((_, page), (_, took)) in chapters.iter().zip(&outcomes) {
        durations.insert(crate::shown(page), *took);
    }
    test_binaries::write_durations(DURATIONS, &durations);
    let failed: Vec<String> = (outcomes.into_iter())
        .filter_map(|(outcome, _)| outcome.err())
        .collect();
    if !failed.is_empty() {
        return Err(failed.join("\n"));
    }

    let ran: BTreeMap<String, usize> = fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (chapter, passed) = l.split_once('\t')?;
            Some((format!("src/{chapter}"), passed.parse().ok()?))
        })
        .collect();
    let mut total = 0;
    for (expected, chapter) in &chapters {
        let name = crate::shown(chapter);
        let tested = ran.get(&name).copied();
        if *expected > 0 && tested != Some(*expected) {
            return Err(format!(
                "{name} shows {expected} Rust block(s), but mdbook test ran {}: every Rust \
                 block must be compiled (and run, unless `no_run`)",
                tested.map_or("none of them".to_owned(), |n| n.to_string())
            ));
        }
        total += expected;
    }
    if total == 0 && pages.is_empty() {
        return Err("mdbook test ran no doctests: the book shows no Rust blocks".into());
    }
    println!(
        "    {total} doctests passed in {} chapters, as many as the chapters show Rust blocks",
        chapters.len()
    );
    Ok(())
}

/// Fenced blocks that rustdoc compiles: their info string names `rust`.
fn rust_blocks(markdown: &str) -> usize {
    Parser::new_ext(markdown, Options::all())
        .filter(|event| {
            let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else {
                return false;
            };
            info.split([',', ' ', '\t']).any(|token| token == "rust")
        })
        .count()
}

/// Builds the listings library (the build the tests link, [`book_library_build`]) and
/// gathers exactly the artifacts of that build into one folder, `target/book-deps`,
/// for `rustdoc -L`.
///
/// `mdbook test` passes only `-L` to rustdoc, so a doctest's `extern crate tokio;` is
/// found by searching that folder. Two builds of one crate there (a stale version, or
/// one with other features) make rustdoc fail with E0464, so the folder is refilled
/// from this build's own artifact list every time, and a crate some listing names must
/// have one build in it.
///
/// [`book_library_build`]: crate::test::book_library_build
pub fn book_dependencies() -> Result<PathBuf> {
    let step = BOOK_DEPENDENCIES;
    let output = crate::test::book_library_build()?
        .arg("--message-format=json")
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("step failed to start: {step}: {e}"))?;
    if !output.status.success() {
        return Err(format!("step failed: {step}"));
    }
    let deps = root().join("target/book-deps");
    let _ = fs::remove_dir_all(&deps);
    fs::create_dir_all(&deps).map_err(|e| format!("cannot create {}: {e}", deps.display()))?;
    let mut copied = 0;
    let mut builds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let crate_name = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .replace('-', "_");
        // A package id ends in `#name@version`.
        let package_id = message["package_id"].as_str().unwrap_or_default();
        let package = package_id.rsplit('#').next().unwrap_or_default().to_owned();
        builds.entry(crate_name).or_default().push(package);
        for file in message["filenames"].as_array().into_iter().flatten() {
            let file = Path::new(file.as_str().unwrap_or_default());
            let linkable = matches!(
                file.extension().and_then(OsStr::to_str),
                Some("rlib" | "so" | "dylib" | "dll")
            );
            if linkable {
                let target = deps.join(file.file_name().unwrap());
                fs::copy(file, &target)
                    .map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
                copied += 1;
            }
        }
    }
    println!("    {copied} libraries gathered in {}", deps.display());
    for name in crates_named_by_listings() {
        if let Some(packages) = builds.get(&name).filter(|p| p.len() > 1) {
            return Err(format!(
                "the listings' dependencies hold {} builds of `{name}`:\n    {}\n\
                 A doctest's `extern crate {name};` cannot choose between them (rustdoc error \
                 E0464). Make the versions agree in Cargo.toml; `cargo tree -d` shows which \
                 dependency pulls in which.",
                packages.len(),
                packages.join("\n    ")
            ));
        }
    }
    Ok(deps)
}

/// Every crate that some listing declares with `extern crate`.
fn crates_named_by_listings() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for path in files_under(&root().join("listings"), "rs") {
        let source = fs::read_to_string(&path).unwrap_or_default();
        for line in source.lines() {
            let declared = line
                .trim()
                .strip_prefix("extern crate ")
                .and_then(|rest| rest.strip_suffix(';'));
            names.extend(declared.map(|name| name.trim().to_owned()));
        }
    }
    names
}
