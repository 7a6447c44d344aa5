//! An exercise's starting file is its solution with the reader's part taken out. The
//! solution marks that part with `ANCHOR: answer` … `ANCHOR_END: answer` regions
//! (which mdBook does not show); with each region replaced by nothing, or by one of the
//! starting file's `todo!()`s, the two files must hold the same code, line for line.
//! Otherwise a reader who completes the starting file is solving a different problem
//! from the one the tests and the solution check: a line missing outside the reader's
//! part would make a correct answer hang or add up zeros.

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

/// Stands for one `answer` region of a solution.
const ANSWER: &str = "<answer>";

/// The solution's code lines, each `answer` region folded into one [`ANSWER`] line.
fn solution_code(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let mut folded = String::new();
    let mut in_answer = false;
    for line in text.lines() {
        if line.contains("ANCHOR: answer") {
            assert!(!in_answer, "{}: `answer` regions nest", path.display());
            in_answer = true;
            folded.push_str(ANSWER);
            folded.push('\n');
        } else if line.contains("ANCHOR_END: answer") {
            in_answer = false;
        } else if !in_answer {
            folded.push_str(line);
            folded.push('\n');
        }
    }
    assert!(
        !in_answer,
        "{}: an `answer` region is not closed",
        path.display()
    );
    listing_code::code_lines(&folded)
}

/// The starting file's code lines, each `todo!(...)` call written `todo!()`.
fn starting_code(path: &Path) -> Vec<String> {
    listing_code::code_lines(&with_bare_todos(&fs::read_to_string(path).unwrap()))
}

/// `text` with its `todo!(...)` calls, which may span lines and hold strings, as
/// `todo!()`.
fn with_bare_todos(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("todo!(") {
        out.push_str(&rest[..at]);
        out.push_str("todo!()");
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

/// Whether `start` is `solution` with each [`ANSWER`] line taken out or turned into a
/// `todo!()`; the first line where they part, if not.
fn differences(start: &[String], solution: &[String]) -> Option<String> {
    let mut start = start.iter().map(|line| line.trim()).peekable();
    let mut todos = 0;
    for line in solution.iter().map(|line| line.trim()) {
        if line == ANSWER {
            todos += start.next_if(|l| l.starts_with("todo!()")).is_some() as usize;
            continue;
        }
        match start.next() {
            Some(same) if same == line => {}
            Some(other) => return Some(format!("`{other}` where the solution has `{line}`")),
            None => return Some(format!("nothing where the solution has `{line}`")),
        }
    }
    if let Some(extra) = start.next() {
        return Some(format!("`{extra}` after the solution's last line"));
    }
    (todos == 0).then(|| "no `todo!()` where the solution has an `answer` region".into())
}

#[test]
fn each_starting_file_is_its_solution_without_the_answer() {
    let pairs = pairs();
    assert_eq!(
        pairs.len(),
        11,
        "two exercises per Part, I to V, and one for Part VIII: {pairs:?}"
    );
    for (start, solution) in pairs {
        if let Some(difference) = differences(&starting_code(&start), &solution_code(&solution)) {
            panic!(
                "{} differs from {} outside the reader's part (the solution's `answer` \
                 regions): {difference}",
                start.display(),
                solution.display()
            );
        }
    }
}
