//! The integrity checker, tested: a small sound book passes, and each fault a
//! contributor can make is caught with the file, the line and the fix.

mod book_checker;

use std::fs;
use std::path::Path;

use book_checker::Problem;

/// The smallest book that uses every feature the checker looks at.
const SOUND_BOOK: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        "[package]\nname = \"fixture\"\n\n[dependencies]\ntokio = \"1\"\n",
    ),
    (
        "src/SUMMARY.md",
        "# Summary\n\n- [Chapter](part/chapter.md)\n- [Not yet written]()\n",
    ),
    (
        "src/part/chapter.md",
        "# Chapter\n\
         \n\
         ## Some section\n\
         \n\
         ```rust\n\
         {{#rustdoc_include ../../listings/part/demo.rs:shown}}\n\
         ```\n\
         \n\
         ```rs\n\
         {{#include ../../tests/loom_part.rs:model}}\n\
         ```\n\
         \n\
         ```rust,compile_fail,E0277\n\
         {{#rustdoc_include ../../listings/part/refused.rs}}\n\
         ```\n\
         \n\
         See [above](#some-section)\n\
         and [the summary](../SUMMARY.md).\n",
    ),
    ("listings/lib.rs", "pub mod part;\npub mod shim;\n"),
    ("listings/shim.rs", "pub use std::sync;\n"),
    ("listings/part/mod.rs", "pub mod demo;\n"),
    (
        "listings/part/demo.rs",
        "extern crate tokio;\n\
         #[cfg(loom)]\n\
         use crate::shim::sync;\n\
         \n\
         // ANCHOR: shown\n\
         fn main() {\n    tokio::runtime::Builder::new_current_thread();\n}\n\
         // ANCHOR_END: shown\n",
    ),
    ("listings/part/refused.rs", "fn main() {}\n"),
    (
        "tests/loom_part.rs",
        "#![cfg(loom)]\n// ANCHOR: model\n// the model for `demo`\n// ANCHOR_END: model\n",
    ),
];

fn write_book(root: &Path) {
    for (file, text) in SOUND_BOOK {
        write(root, file, text);
    }
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let text = fs::read_to_string(root.join(file)).unwrap();
    assert!(text.contains(from), "fixture {file} has no {from:?}");
    write(root, file, &text.replacen(from, to, 1));
}

/// Builds the sound book, applies `fault`, and returns what the checker reports.
fn check_with(fault: impl FnOnce(&Path)) -> Vec<Problem> {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path());
    fault(dir.path());
    book_checker::check(dir.path())
}

/// The checker reported exactly one problem, at `file:line`, mentioning `hint`.
fn assert_caught(problems: &[Problem], file: &str, line: usize, hint: &str) {
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems.len(),
        1,
        "expected one problem, got:\n{}",
        shown.join("\n")
    );
    let problem = &problems[0];
    assert_eq!(
        (problem.file.as_str(), problem.line),
        (file, line),
        "wrong place: {problem}"
    );
    assert!(
        problem.message.contains(hint),
        "message lacks {hint:?}: {problem}"
    );
}

#[test]
fn a_sound_book_has_no_problems() {
    let problems = check_with(|_| {});
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn include_of_a_missing_file() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "part/demo.rs:shown",
            "part/dmeo.rs:shown",
        );
    });
    // The listing is now included by nothing, so it is an orphan as well.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(
        &problems[1..],
        "src/part/chapter.md",
        6,
        "no file `../../listings/part/dmeo.rs`",
    );
    assert_caught(&problems[..1], "listings/part/demo.rs", 1, "orphan listing");
}

#[test]
fn include_of_a_missing_anchor() {
    let problems = check_with(|root| {
        edit(
            root,
            "listings/part/demo.rs",
            "// ANCHOR_END: shown",
            "// ANCHOR_END: shwon",
        );
    });
    assert_caught(
        &problems,
        "src/part/chapter.md",
        6,
        "it lacks `ANCHOR_END: shown`",
    );
}

#[test]
fn listing_that_no_chapter_includes() {
    let problems = check_with(|root| write(root, "listings/part/stray.rs", "fn main() {}\n"));
    assert_caught(&problems, "listings/part/stray.rs", 1, "orphan listing");
}

#[test]
fn listing_that_the_crate_does_not_compile() {
    let problems = check_with(|root| write(root, "listings/part/mod.rs", "\n"));
    assert_caught(
        &problems,
        "listings/part/demo.rs",
        1,
        "add `pub mod demo;` to listings/part/mod.rs",
    );
}

#[test]
fn program_listed_as_an_example_is_compiled() {
    let problems = check_with(|root| {
        write(root, "listings/part/mod.rs", "\n");
        let example = "\n[[example]]\nname = \"demo\"\npath = \"listings/part/demo.rs\"\n";
        edit(
            root,
            "Cargo.toml",
            "tokio = \"1\"\n",
            &format!("tokio = \"1\"\n{example}"),
        );
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn listing_needing_a_crate_the_playground_lacks() {
    let problems = check_with(|root| {
        edit(
            root,
            "listings/part/demo.rs",
            "extern crate tokio;",
            "extern crate tokio;\nextern crate cpu_time;",
        );
    });
    assert_caught(&problems, "src/part/chapter.md", 6, "add `noplayground`");
}

#[test]
fn chapter_missing_from_summary() {
    let problems = check_with(|root| write(root, "src/part/extra.md", "# Extra\n"));
    assert_caught(
        &problems,
        "src/part/extra.md",
        1,
        "add `- [Title](part/extra.md)`",
    );
}

#[test]
fn summary_entry_without_a_file() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/SUMMARY.md",
            "[Not yet written]()",
            "[Not yet written](part/later.md)",
        );
    });
    assert_caught(
        &problems,
        "src/SUMMARY.md",
        4,
        "`part/later.md` does not exist",
    );
}

#[test]
fn block_marked_ignore() {
    let problems =
        check_with(|root| edit(root, "src/part/chapter.md", "```rust\n", "```rust,ignore\n"));
    assert_caught(&problems, "src/part/chapter.md", 5, "marked `ignore`");
}

#[test]
fn compile_fail_without_an_error_code() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "compile_fail,E0277",
            "compile_fail",
        );
    });
    assert_caught(&problems, "src/part/chapter.md", 13, "names no error code");
}

#[test]
fn compile_fail_stating_rustcs_message_instead_of_a_code() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "compile_fail,E0277",
            "compile_fail",
        );
        write(
            root,
            "listings/part/refused.rs",
            "// error: future cannot be sent between threads safely\nfn main() {}\n",
        );
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn crate_used_without_extern_crate() {
    let problems =
        check_with(|root| edit(root, "listings/part/demo.rs", "extern crate tokio;\n", ""));
    assert_caught(
        &problems,
        "listings/part/demo.rs",
        6,
        "add that line at the top",
    );
}

#[test]
fn listing_that_needs_nightly() {
    let problems = check_with(|root| {
        write(
            root,
            "listings/part/refused.rs",
            "#![feature(never_type)]\nfn main() {}\n",
        );
    });
    assert_caught(
        &problems,
        "listings/part/refused.rs",
        1,
        "must build on stable Rust",
    );
}

#[test]
fn shared_state_listing_without_a_loom_model() {
    let problems = check_with(|root| edit(root, "tests/loom_part.rs", "`demo`", "`nothing`"));
    assert_caught(&problems, "listings/part/demo.rs", 3, "add a loom model");
}

#[test]
fn display_block_that_is_not_a_test_excerpt() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "{{#include ../../tests/loom_part.rs:model}}",
            "let x = 1;",
        );
    });
    assert_caught(
        &problems,
        "src/part/chapter.md",
        9,
        "never compiled by `mdbook test`",
    );
}

#[test]
fn link_to_a_missing_chapter() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "../SUMMARY.md",
            "../nowhere.md",
        )
    });
    assert_caught(
        &problems,
        "src/part/chapter.md",
        18,
        "`../nowhere.md`: no such file",
    );
}

#[test]
fn link_to_a_missing_heading() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "#some-section",
            "#some-sectoin",
        )
    });
    assert_caught(
        &problems,
        "src/part/chapter.md",
        17,
        "no heading with id `some-sectoin`",
    );
}

#[test]
fn heading_ids_follow_mdbook() {
    let ids = book_checker::markdown::heading_ids(
        "# Why `Send`?\n## Twice\n## Twice\n## Custom {#mine}\n",
    );
    let expected = ["why-send", "twice", "twice-1", "mine"];
    assert_eq!(ids, expected.iter().map(ToString::to_string).collect());
}

#[test]
fn escaped_directive_outside_the_appendix() {
    let escaped = "Write `\\{{#include a.rs}}`.\n";
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "See [above]",
            &format!("{escaped}See [above]"),
        );
        write(
            root,
            "src/appendix/contributing.md",
            &format!("# Contributing\n\n{escaped}"),
        );
        let entry = "- [Contributing](appendix/contributing.md)\n- [Not yet";
        edit(root, "src/SUMMARY.md", "- [Not yet", entry);
    });
    assert_caught(&problems, "src/part/chapter.md", 17, "Remove the backslash");
}

#[test]
fn loom_test_file_without_cfg_loom() {
    let problems = check_with(|root| edit(root, "tests/loom_part.rs", "#![cfg(loom)]\n", ""));
    assert_caught(
        &problems,
        "tests/loom_part.rs",
        1,
        "must start with `#![cfg(loom)]`",
    );
}

#[test]
fn shim_imports_inside_the_anchor() {
    let problems = check_with(|root| {
        let header = "#[cfg(loom)]\nuse crate::shim::sync;\n";
        edit(
            root,
            "listings/part/demo.rs",
            &format!("{header}\n// ANCHOR: shown\n"),
            "",
        );
        edit(
            root,
            "listings/part/demo.rs",
            "fn main()",
            &format!("// ANCHOR: shown\n{header}fn main()"),
        );
    });
    assert_caught(
        &problems,
        "listings/part/demo.rs",
        4,
        "move them above the first `// ANCHOR:`",
    );
}

#[test]
fn captions_out_of_order() {
    let caption = "<span class=\"caption\">Listing 9-1: demo</span>\n\n";
    let problems = check_with(|root| {
        edit(
            root,
            "src/part/chapter.md",
            "```rust\n",
            &format!("{caption}```rust\n"),
        );
        edit(
            root,
            "src/part/chapter.md",
            "```rs\n",
            &format!("{caption}```rs\n"),
        );
    });
    assert_caught(
        &problems,
        "src/part/chapter.md",
        11,
        "should be `Listing 9-2`",
    );
}
