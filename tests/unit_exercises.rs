//! An exercise's starting file is its solution with the reader's part taken out: every
//! line of code in the starting file, apart from its `todo!()`s, must stand in the
//! solution too, in the same order. Otherwise a reader who completes the starting file
//! is solving a different problem from the one the tests and the solution check.

use std::fs;
use std::path::{Path, PathBuf};

mod listing_code;

/// Every `listings/<part>/exercises/<name>_solution.rs`, with its starting file.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for part in fs::read_dir("listings").unwrap().flatten() {
        let Ok(files) = fs::read_dir(part.path().join("exercises")) else {
            continue;
        };
        for file in files.flatten().map(|entry| entry.path()) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix("_solution.rs") {
                found.push((file.with_file_name(format!("{stem}.rs")), file));
            }
        }
    }
    found.sort();
    found
}

fn code(path: &Path) -> Vec<String> {
    listing_code::code_lines(&fs::read_to_string(path).unwrap())
}

/// `text` without its `todo!(...)` calls, which may span lines and hold strings.
fn without_todos(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("todo!(") {
        out.push_str(&rest[..at]);
        let (mut depth, mut in_string, mut end) = (0, false, rest.len());
        let mut chars = rest[at + "todo!".len()..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '"' => in_string = !in_string,
                '(' if !in_string => depth += 1,
                ')' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + "todo!".len() + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn each_starting_file_is_its_solution_with_todos() {
    let pairs = pairs();
    assert_eq!(pairs.len(), 10, "two exercises per Part, I to V: {pairs:?}");
    for (start, solution) in pairs {
        let solution_code = code(&solution);
        let mut rest = solution_code.iter();
        let start_code =
            listing_code::code_lines(&without_todos(&fs::read_to_string(&start).unwrap()));
        for line in &start_code {
            assert!(
                rest.any(|candidate| candidate == line),
                "{}: `{}` is not in {} (in this order): keep the two files the same \
                 outside the reader's part",
                start.display(),
                line.trim(),
                solution.display()
            );
        }
    }
}
