//! Chapter 24: the extension module's Python tests (`python_ext/tests/test_*.py`), run
//! with the standard library's `unittest` by every CPython with a GIL found.
//! `cargo xtask test` builds the module into `target/python-ext/` first.

mod pythons;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::SystemTime;

use pythons::pythons_found;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The module as CPython imports it, once `cargo xtask test` has copied it there.
fn module() -> PathBuf {
    root().join("target/python-ext/rust_primes.so")
}

/// Every file under `dir` whose name ends with `extension`.
fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path, extension));
        } else if path.to_string_lossy().ends_with(extension) {
            found.push(path);
        }
    }
    found
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).and_then(|m| m.modified()).unwrap()
}

/// `unittest` run from `-c` (Python::command starts with `-I`, which ignores
/// PYTHONPATH): the module's folder and the examples the tests use go first on
/// `sys.path`, and no `__pycache__` is written beside the tests.
fn unittest_program() -> String {
    format!(
        "import sys; sys.dont_write_bytecode = True; sys.path[:0] = [{:?}, {:?}]; \
         import unittest; unittest.main(module=None, argv=['unittest', 'discover', '-v', \
         '-s', {:?}])",
        module().parent().unwrap(),
        root().join("python_ext/examples"),
        root().join("python_ext/tests"),
    )
}

#[test]
fn the_extension_passes_its_python_tests_on_every_cpython() {
    let module = module();
    let build = "`cargo xtask test --chapter python/rust_in_python.md` builds it";
    assert!(module.is_file(), "{} not found: {build}", module.display());
    let sources = [
        files(&root().join("python_ext/src"), ".rs"),
        files(&root().join("listings"), ".rs"),
    ];
    for source in sources.iter().flatten() {
        assert!(
            modified(source) <= modified(&module),
            "{} is older than {}: {build} again",
            module.display(),
            source.display()
        );
    }
    let tests = files(&root().join("python_ext/tests"), ".py");
    let declared = tests
        .iter()
        .map(|file| fs::read_to_string(file).unwrap())
        .map(|text| {
            text.lines()
                .filter(|l| l.trim_start().starts_with("def test_"))
                .count()
        })
        .sum::<usize>();
    assert!(declared > 0, "no `def test_` in python_ext/tests");
    // Every interpreter at once: most of each run is threads waiting on each other.
    let runs: Vec<_> = pythons_found("the extension's Python tests")
        .into_iter()
        .filter(|python| {
            // A build for the stable ABI (abi3) does not load into a free-threaded
            // CPython, which needs a build of the module of its own.
            if python.free_threaded {
                eprintln!("not run with {}: free-threaded", python.label());
            }
            !python.free_threaded
        })
        .map(|python| {
            let child = python
                .command()
                .args(["-c", &unittest_program()])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (python, child)
        })
        .collect();
    for (python, child) in runs {
        let output = child.wait_with_output().unwrap();
        let printed = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{}:\n{printed}", python.label());
        assert!(
            printed.contains(&format!("\nRan {declared} tests in ")),
            "{} ran other tests than the {declared} declared:\n{printed}",
            python.label()
        );
        eprintln!("{}: {declared} tests passed", python.label());
    }
}
