//! The integrity checker, tested: a small sound book passes, and each fault a
//! contributor can make is caught with the file, the line and the fix.

mod book_checker;

use std::fs;
use std::path::Path;

use book_checker::Problem;

/// The smallest book that uses every feature the checker looks at. Each text starts
/// right after its opening quote, so line N of a file is line N of its literal.
const SOUND_BOOK: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        r#"[package]
name = "fixture"

[dependencies]
tokio = "1"

[dependencies.cpu-time]
version = "1"

[target.'cfg(unix)'.dependencies]
nix-dep = { package = "nix", version = "0.29" }

[[example]]
name = "bench_demo"
path = "listings/part/chapter/bench_demo.rs"
"#,
    ),
    (
        "src/SUMMARY.md",
        r#"# Summary

[Introduction](introduction.md)

# Part one

- [Not yet written]()

# Part two

- [Chapter](part/chapter.md)

---

[Running the examples](appendix/running.md)
"#,
    ),
    (
        "src/introduction.md",
        r#"# Introduction

See <a href="part/chapter.html#some-section">the chapter</a>.
"#,
    ),
    (
        "src/part/chapter.md",
        r#"# Chapter

## Some section

<span class="caption">Listing 2-1: `listings/part/chapter/demo.rs`: a demo</span>

```rust
{{#rustdoc_include ../../listings/part/chapter/demo.rs:shown}}
```

<span class="caption">From `tests/loom_chapter.rs`: its model</span>

```rs
{{#include ../../tests/loom_chapter.rs:model}}
```

<span class="caption">Listing 2-2: `listings/part/chapter/refused.rs`: refused</span>

```rust,compile_fail,E0277
{{#rustdoc_include ../../listings/part/chapter/refused.rs}}
```

```text
{{#include ../../listings/part/chapter/refused.stderr}}
```

<span class="caption">Listing 2-3: `listings/part/chapter/stuck.rs`: never ends</span>

```rust,no_run
{{#rustdoc_include ../../listings/part/chapter/stuck.rs:stuck}}
```

<span class="caption">Listing 2-4: `listings/part/chapter/bench_demo.rs`: timed</span>

```rust,no_run,noplayground
{{#rustdoc_include ../../listings/part/chapter/bench_demo.rs:bench}}
```

See [above](#some-section)
and [the summary](../SUMMARY.md).
"#,
    ),
    (
        "src/appendix/running.md",
        r#"# Running the examples

```rust
{{#rustdoc_include ../../listings/part/chapter/demo.rs}}
```
"#,
    ),
    (
        "listings/lib.rs",
        r#"#[allow(dead_code)]
#[path = "part/mod.rs"]
pub mod part_rust;
pub mod shim;
"#,
    ),
    ("listings/shim.rs", "pub use std::sync;\n"),
    ("listings/part/mod.rs", "pub mod chapter;\n"),
    (
        "listings/part/chapter/mod.rs",
        "pub mod demo;\npub mod stuck;\n",
    ),
    (
        "listings/part/chapter/demo.rs",
        r#"extern crate tokio;
#[cfg(loom)]
use crate::shim::sync;

// ANCHOR: shown
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread();
    assert!(format!("{runtime:?}").contains("Builder"));
}
// ANCHOR_END: shown
"#,
    ),
    ("listings/part/chapter/refused.rs", "fn main() {}\n"),
    (
        "listings/part/chapter/refused.stderr",
        "error[E0277]: `Rc<i32>` cannot be sent between threads safely\n",
    ),
    (
        "listings/part/chapter/stuck.rs",
        r#"// no_run: spins forever on purpose
use std::sync::Mutex;
use std::thread;

// ANCHOR: stuck
fn main() {
    let lock = Mutex::new(0);
    thread::scope(|s| {
        s.spawn(|| loop {
            *lock.lock().unwrap() += 1;
        });
    });
}
// ANCHOR_END: stuck
"#,
    ),
    (
        "listings/part/chapter/bench_demo.rs",
        r#"extern crate cpu_time;

// ANCHOR: bench
fn main() {
    let _ = cpu_time::ProcessTime::now();
}
// ANCHOR_END: bench
"#,
    ),
    (
        "tests/loom_chapter.rs",
        r#"//! Loom models of the chapter.
#![cfg(loom)]

use listings::part_rust::chapter::demo;

// ANCHOR: model
#[test]
#[should_panic(expected = "lost update")]
fn model() {
    demo::main();
}
// ANCHOR_END: model
"#,
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

const CHAPTER: &str = "src/part/chapter.md";
const APPENDIX: &str = "src/appendix/running.md";
const DEMO: &str = "listings/part/chapter/demo.rs";
const STUCK: &str = "listings/part/chapter/stuck.rs";
const BENCH: &str = "listings/part/chapter/bench_demo.rs";
const STDERR: &str = "listings/part/chapter/refused.stderr";
const MODEL: &str = "tests/loom_chapter.rs";

/// Appends `text` to the chapter.
fn append(root: &Path, file: &str, text: &str) {
    let old = fs::read_to_string(root.join(file)).unwrap();
    write(root, file, &format!("{old}{text}"));
}

#[test]
fn a_sound_book_has_no_problems() {
    let problems = check_with(|_| {});
    assert!(problems.is_empty(), "{problems:#?}");
}

// Includes and anchors.

#[test]
fn include_of_a_missing_file() {
    let problems = check_with(|root| {
        edit(root, APPENDIX, "chapter/demo.rs", "chapter/dmeo.rs");
    });
    assert_caught(
        &problems,
        APPENDIX,
        4,
        "no file `../../listings/part/chapter/dmeo.rs`",
    );
}

#[test]
fn include_of_a_missing_anchor() {
    let problems = check_with(|root| {
        edit(root, DEMO, "// ANCHOR_END: shown", "// ANCHOR_END: shwon");
    });
    assert_caught(&problems, CHAPTER, 8, "it lacks `ANCHOR_END: shown`");
}

#[test]
fn anchor_names_match_exactly_not_by_prefix() {
    // `shown-more` starts with `shown` followed by a word boundary: mdBook does not
    // take it for `shown`, and neither may the checker.
    let problems = check_with(|root| {
        edit(
            root,
            DEMO,
            "// ANCHOR_END: shown",
            "// ANCHOR_END: shown-more",
        );
    });
    assert_caught(&problems, CHAPTER, 8, "it lacks `ANCHOR_END: shown`");
}

#[test]
fn anchor_end_before_its_start() {
    let problems = check_with(|root| {
        edit(root, DEMO, "// ANCHOR_END: shown\n", "");
        edit(
            root,
            DEMO,
            "// ANCHOR: shown\n",
            "// ANCHOR_END: shown\n// ANCHOR: shown\n",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        8,
        "`ANCHOR_END: shown` (line 5) comes before `ANCHOR: shown` (line 6)",
    );
}

// Listings: included, compiled, runnable by rustdoc.

#[test]
fn listing_that_no_chapter_includes() {
    let problems =
        check_with(|root| write(root, "listings/part/chapter/stray.rs", "fn main() {}\n"));
    assert_caught(
        &problems,
        "listings/part/chapter/stray.rs",
        1,
        "orphan listing",
    );
}

#[test]
fn listing_that_its_folder_does_not_declare() {
    let problems =
        check_with(|root| write(root, "listings/part/chapter/mod.rs", "pub mod demo;\n"));
    assert_caught(
        &problems,
        STUCK,
        1,
        "it is not declared in listings/part/chapter/mod.rs; add `pub mod stuck;`",
    );
}

#[test]
fn program_declared_as_a_bin_needs_no_module() {
    // A listing that starts itself again as a worker process is a `[[bin]]`.
    let undeclared =
        |root: &Path| edit(root, "listings/part/chapter/mod.rs", "pub mod stuck;\n", "");
    let problems = check_with(undeclared);
    assert_caught(
        &problems,
        STUCK,
        1,
        "is not declared in listings/part/chapter/mod.rs",
    );
    let problems = check_with(|root| {
        undeclared(root);
        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let bin = "\n[[bin]]\nname = \"stuck\"\npath = \"listings/part/chapter/stuck.rs\"\n";
        write(root, "Cargo.toml", &(manifest + bin));
    });
    assert_eq!(problems, [], "a [[bin]] is compiled by cargo");
}

#[test]
fn listing_folder_missing_from_its_parent_module() {
    // The listing's own declaration is there; a link higher up the chain is not.
    let problems = check_with(|root| write(root, "listings/part/mod.rs", "\n"));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    for (problem, file) in problems.iter().zip([DEMO, STUCK]) {
        assert_caught(
            std::slice::from_ref(problem),
            file,
            1,
            "its folder listings/part/chapter/ is not declared in listings/part/mod.rs; add \
             `pub mod chapter;`",
        );
    }
}

#[test]
fn path_attribute_of_a_part_folder_is_honoured() {
    // Without `#[path]`, `part_rust` would be listings/part_rust.rs: nothing below
    // listings/part/ is compiled any more.
    let problems =
        check_with(|root| edit(root, "listings/lib.rs", "#[path = \"part/mod.rs\"]\n", ""));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    for (problem, file) in problems.iter().zip([DEMO, STUCK]) {
        assert_caught(
            std::slice::from_ref(problem),
            file,
            1,
            "its folder listings/part/ is not declared in listings/lib.rs",
        );
    }
}

#[test]
fn listing_needing_a_crate_the_playground_lacks() {
    let problems = check_with(|root| {
        edit(
            root,
            DEMO,
            "extern crate tokio;",
            "extern crate tokio;\nextern crate cpu_time;",
        );
    });
    // Both blocks that show the listing offer the Run button.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(&problems[1..], CHAPTER, 8, "add `noplayground`");
    assert_caught(&problems[..1], APPENDIX, 4, "add `noplayground`");
}

#[test]
fn crate_used_without_extern_crate() {
    let problems = check_with(|root| edit(root, DEMO, "extern crate tokio;\n", ""));
    assert_caught(&problems, DEMO, 6, "add that line at the top");
}

#[test]
fn dependency_declared_as_a_table_used_without_extern_crate() {
    // `[dependencies.cpu-time]`: a table of its own, which a line-by-line reader of
    // `[dependencies]` misses.
    let problems = check_with(|root| edit(root, BENCH, "extern crate cpu_time;\n", ""));
    assert_caught(
        &problems,
        BENCH,
        4,
        "uses `cpu_time` without `extern crate cpu_time;`",
    );
}

#[test]
fn renamed_target_dependency_used_without_extern_crate() {
    // `nix-dep = { package = "nix" }` under `[target.'cfg(unix)'.dependencies]`: the
    // code names it `nix_dep`.
    let problems = check_with(|root| {
        edit(
            root,
            DEMO,
            "    let runtime",
            "    nix_dep::unistd::getpid();\n    let runtime",
        );
    });
    assert_caught(
        &problems,
        DEMO,
        7,
        "uses `nix_dep` without `extern crate nix_dep;`",
    );
}

#[test]
fn listing_that_needs_nightly() {
    let problems = check_with(|root| {
        write(
            root,
            "listings/part/chapter/refused.rs",
            "#![feature(never_type)]\nfn main() {}\n",
        );
    });
    assert_caught(
        &problems,
        "listings/part/chapter/refused.rs",
        1,
        "must build on stable Rust",
    );
}

// Code blocks.

#[test]
fn block_marked_ignore() {
    let problems = check_with(|root| edit(root, CHAPTER, "```rust\n", "```rust,ignore\n"));
    assert_caught(&problems, CHAPTER, 7, "marked `ignore`");
}

#[test]
fn inline_rust_with_an_empty_info_string() {
    let problems = check_with(|root| append(root, CHAPTER, "\n```\nlet x = 1;\n```\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "move the code into a file under listings/",
    );
}

#[test]
fn inline_rust_in_an_indented_block() {
    let problems = check_with(|root| append(root, CHAPTER, "\n    let x = 1;\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "move the code into a file under listings/",
    );
}

#[test]
fn inline_rust_next_to_a_listing() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "demo.rs:shown}}\n",
            "demo.rs:shown}}\nlet more = 1;\n",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        7,
        "move the code into a file under listings/",
    );
}

#[test]
fn rust_block_with_an_attribute_before_its_language() {
    // rustdoc reads `no_run,text` as Rust (an attribute came before `text`).
    assert!(book_checker::markdown::is_rust("no_run,text"));
    assert!(!book_checker::markdown::is_rust("text,no_run"));
    assert!(book_checker::markdown::is_rust(""));
    assert!(book_checker::markdown::is_rust("rust,noplayground"));
    let problems = check_with(|root| append(root, CHAPTER, "\n```no_run,text\nloop {}\n```\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "move the code into a file under listings/",
    );
}

#[test]
fn rust_block_showing_a_test_file() {
    let problems = check_with(|root| {
        append(
            root,
            CHAPTER,
            "\n```rust\n{{#rustdoc_include ../../tests/loom_chapter.rs:model}}\n```\n",
        );
    });
    assert_caught(&problems, CHAPTER, 42, "which is not a listing");
}

#[test]
fn listing_shown_only_in_a_text_block() {
    let problems = check_with(|root| edit(root, CHAPTER, "```rust,no_run\n", "```text\n"));
    assert_caught(&problems, CHAPTER, 30, "readers see code that never ran");
}

#[test]
fn include_with_an_anchor_in_a_rust_block() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "{{#rustdoc_include ../../listings/part/chapter/demo.rs",
            "{{#include ../../listings/part/chapter/demo.rs",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        7,
        "write `{{#rustdoc_include ...:shown}}`",
    );
}

#[test]
fn whole_listing_with_include() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "{{#rustdoc_include ../../listings/part/chapter/refused.rs}}",
            "{{#include ../../listings/part/chapter/refused.rs}}",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        19,
        "show a listing with `{{#rustdoc_include",
    );
}

#[test]
fn no_run_without_a_reason() {
    let problems =
        check_with(|root| edit(root, STUCK, "// no_run: spins forever on purpose\n", ""));
    assert_caught(
        &problems,
        CHAPTER,
        29,
        "make its first line `// no_run: <why>`",
    );
}

#[test]
fn listing_shown_again_may_be_compiled_without_running_twice() {
    let again = "\n<span class=\"caption\">Listing 2-5: `listings/part/chapter/demo.rs`: again</span>\n\n```rust,no_run\n{{#rustdoc_include ../../listings/part/chapter/demo.rs:shown}}\n```\n";
    let problems = check_with(|root| append(root, CHAPTER, again));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn runnable_listing_that_asserts_nothing() {
    let problems = check_with(|root| {
        edit(
            root,
            DEMO,
            "    assert!(format!(\"{runtime:?}\").contains(\"Builder\"));\n",
            "    println!(\"{runtime:?}\"); // assert nothing\n",
        )
    });
    // Both blocks that show the listing run it.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(&problems[..1], APPENDIX, 3, "asserts nothing");
    assert_caught(&problems[1..], CHAPTER, 7, "asserts nothing");
}

#[test]
fn no_run_marker_with_an_empty_reason() {
    let problems = check_with(|root| edit(root, STUCK, "spins forever on purpose", ""));
    assert_caught(&problems, CHAPTER, 29, "which is not a benchmark");
}

#[test]
fn benchmark_that_mdbook_test_would_run() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "```rust,no_run,noplayground\n",
            "```rust,noplayground\n",
        )
    });
    assert_caught(&problems, CHAPTER, 35, "must never run a benchmark");
}

#[test]
fn display_block_that_is_not_a_test_excerpt() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "{{#include ../../tests/loom_chapter.rs:model}}",
            "let x = 1;",
        );
    });
    // The caption above it now names a file the block does not show, too.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(
        &problems[..1],
        CHAPTER,
        11,
        "the caption names `tests/loom_chapter.rs`",
    );
    assert_caught(
        &problems[1..],
        CHAPTER,
        13,
        "never compiled by `mdbook test`",
    );
}

/// The Rust of the Python extension module (python_ext/src/) is compiled by its own
/// build and run by its Python tests, so an `rs` block may show it.
#[test]
fn display_block_of_the_extension_module() {
    let problems = check_with(|root| {
        write(
            root,
            "python_ext/src/lib.rs",
            "// ANCHOR: call\nfn call() {}\n// ANCHOR_END: call\n",
        );
        append(
            root,
            CHAPTER,
            "\n```rs\n{{#include ../../python_ext/src/lib.rs:call}}\n```\n",
        );
    });
    let in_chapter: Vec<_> = problems.iter().filter(|p| p.file == CHAPTER).collect();
    assert!(in_chapter.is_empty(), "{in_chapter:#?}");
}

/// A listing shown only in an `rs` block: nothing compiles what the reader sees there.
#[test]
fn display_block_of_a_listing_no_block_of_its_chapter_compiles() {
    let problems = check_with(|root| {
        append(
            root,
            APPENDIX,
            "\n```rs\n{{#include ../../listings/part/chapter/stuck.rs:stuck}}\n```\n",
        );
    });
    let in_appendix: Vec<_> = problems
        .into_iter()
        .filter(|p| p.file == APPENDIX)
        .collect();
    assert_caught(&in_appendix, APPENDIX, 7, "never compiled by `mdbook test`");
}

/// A second part of a listing that a `rust` block of the chapter compiles (the whole
/// file) may be an `rs` excerpt: compiling it again would check nothing more.
#[test]
fn display_block_of_a_listing_its_chapter_compiles() {
    let problems = check_with(|root| {
        append(
            root,
            CHAPTER,
            "\n```rs\n{{#include ../../listings/part/chapter/demo.rs:shown}}\n```\n",
        );
    });
    let in_chapter: Vec<_> = problems.iter().filter(|p| p.file == CHAPTER).collect();
    assert!(in_chapter.is_empty(), "{in_chapter:#?}");
}

// compile_fail blocks and their .stderr files.

#[test]
fn compile_fail_listing_without_its_stderr() {
    let problems = check_with(|root| fs::remove_file(root.join(STDERR)).unwrap());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(
        &problems[..1],
        CHAPTER,
        19,
        "save it (trimmed, as the reader sees it) in listings/part/chapter/refused.stderr",
    );
    assert_caught(
        &problems[1..],
        CHAPTER,
        24,
        "no file `../../listings/part/chapter/refused.stderr`",
    );
}

#[test]
fn stderr_not_shown_right_after_its_block() {
    let problems = check_with(|root| edit(root, CHAPTER, "```text\n", "```console\n"));
    assert_caught(
        &problems,
        CHAPTER,
        19,
        "the next code block must be a `text` block",
    );
}

#[test]
fn stderr_shown_away_from_its_block() {
    let problems = check_with(|root| {
        append(
            root,
            CHAPTER,
            "\n```text\n{{#include ../../listings/part/chapter/refused.stderr}}\n```\n",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        43,
        "show it only in the `text` block right after",
    );
}

#[test]
fn stderr_that_no_chapter_shows() {
    let problems =
        check_with(|root| write(root, "listings/part/chapter/stuck.stderr", "error: nope\n"));
    assert_caught(
        &problems,
        "listings/part/chapter/stuck.stderr",
        1,
        "no chapter shows this error",
    );
}

#[test]
fn compile_fail_without_the_error_code_rustc_reports() {
    let problems = check_with(|root| edit(root, CHAPTER, "compile_fail,E0277", "compile_fail"));
    assert_caught(
        &problems,
        CHAPTER,
        19,
        "must name exactly that code, `compile_fail,E0277`",
    );
}

#[test]
fn compile_fail_naming_another_code_than_rustc() {
    let problems = check_with(|root| edit(root, STDERR, "E0277", "E0599"));
    assert_caught(&problems, CHAPTER, 19, "rustc reports E0599");
}

#[test]
fn compile_fail_without_a_code_when_rustc_reports_none() {
    let problems = check_with(|root| {
        edit(root, CHAPTER, "compile_fail,E0277", "compile_fail");
        write(
            root,
            STDERR,
            "error: future cannot be sent between threads safely\n",
        );
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn compile_fail_naming_a_code_when_rustc_reports_none() {
    let problems = check_with(|root| {
        write(
            root,
            STDERR,
            "error: future cannot be sent between threads safely\n",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        19,
        "starts with an error without a code",
    );
}

#[test]
fn stderr_that_does_not_start_with_the_error() {
    let problems =
        check_with(|root| write(root, STDERR, "   Compiling fixture\nerror[E0277]: x\n"));
    assert_caught(
        &problems,
        STDERR,
        1,
        "the first line must be rustc's first error line",
    );
}

// SUMMARY.md and captions.

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
        7,
        "`part/later.md` does not exist",
    );
}

#[test]
fn captions_out_of_order() {
    let problems = check_with(|root| edit(root, CHAPTER, "Listing 2-3", "Listing 2-4"));
    assert_caught(&problems, CHAPTER, 27, "should be `Listing 2-3`");
}

#[test]
fn caption_with_another_chapters_number() {
    let problems = check_with(|root| edit(root, CHAPTER, "Listing 2-1", "Listing 1-1"));
    assert_caught(&problems, CHAPTER, 5, "make it `Listing 2-1`");
}

#[test]
fn chapter_numbers_count_drafts_across_parts() {
    // Without the draft in part one, the chapter is chapter 1.
    let problems = check_with(|root| edit(root, "src/SUMMARY.md", "- [Not yet written]()\n", ""));
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [5, 17, 27, 33], "{problems:#?}");
    for (problem, m) in problems.iter().zip(1..) {
        assert!(
            problem
                .message
                .contains(&format!("make it `Listing 1-{m}`")),
            "{problem}"
        );
    }
}

#[test]
fn caption_naming_another_file_than_its_block() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "Listing 2-1: `listings/part/chapter/demo.rs`",
            "Listing 2-1: `listings/part/chapter/stuck.rs`",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        5,
        "the caption names `listings/part/chapter/stuck.rs` but the code block after it shows listings/part/chapter/demo.rs",
    );
}

#[test]
fn listing_caption_without_a_path() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "`listings/part/chapter/demo.rs`: a demo",
            "a demo",
        )
    });
    assert_caught(&problems, CHAPTER, 5, "a listing caption names its file");
}

#[test]
fn numbered_caption_in_an_unnumbered_chapter() {
    let caption = "<span class=\"caption\">Listing 3-1: `listings/part/chapter/demo.rs`</span>\n\n";
    let problems = check_with(|root| {
        edit(root, APPENDIX, "```rust\n", &format!("{caption}```rust\n"));
    });
    assert_caught(
        &problems,
        APPENDIX,
        3,
        "caption the example by its path alone",
    );
}

// Words for the reader.

#[test]
fn words_about_how_the_book_was_made() {
    for (words, phrase) in [
        (
            "The seed of this chapter was a bug report.",
            "the seed of this chapter",
        ),
        (
            "An earlier draft of this test found\nnothing.",
            "an earlier draft",
        ),
        (
            "Why it leaks is a matter of the test\nharness.",
            "the test harness",
        ),
    ] {
        let problems = check_with(|root| append(root, CHAPTER, &format!("\n{words}\n")));
        assert_caught(&problems, CHAPTER, 42, &format!("`{phrase}`"));
    }
}

#[test]
fn a_page_that_says_a_chapter_is_missing() {
    for (words, phrase) in [
        (
            "Chapters not yet written are greyed out.",
            "not yet written",
        ),
        (
            "Chapters marked *in preparation* come later.",
            "in preparation",
        ),
        ("More on this: coming\nsoon.", "coming soon"),
    ] {
        let problems = check_with(|root| append(root, CHAPTER, &format!("\n{words}\n")));
        assert_caught(&problems, CHAPTER, 42, &format!("`{phrase}`"));
    }
}

// Links.

#[test]
fn link_to_a_missing_chapter() {
    let problems = check_with(|root| edit(root, CHAPTER, "../SUMMARY.md", "../nowhere.md"));
    assert_caught(&problems, CHAPTER, 40, "`../nowhere.md`: no such file");
}

#[test]
fn link_to_a_missing_heading() {
    let problems = check_with(|root| edit(root, CHAPTER, "#some-section", "#some-sectoin"));
    assert_caught(&problems, CHAPTER, 39, "no heading with id `some-sectoin`");
}

#[test]
fn link_to_a_file_outside_src() {
    let problems = check_with(|root| {
        edit(
            root,
            CHAPTER,
            "../SUMMARY.md",
            "../../listings/part/chapter/demo.rs",
        )
    });
    assert_caught(&problems, CHAPTER, 40, "leaves src/");
}

#[test]
fn html_link_to_a_missing_heading() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/introduction.md",
            "#some-section",
            "#some-sectoin",
        )
    });
    assert_caught(
        &problems,
        "src/introduction.md",
        3,
        "no heading with id `some-sectoin`",
    );
}

#[test]
fn html_link_to_a_missing_chapter() {
    let problems = check_with(|root| {
        edit(
            root,
            "src/introduction.md",
            "part/chapter.html",
            "part/chaptre.html",
        )
    });
    assert_caught(&problems, "src/introduction.md", 3, "no such file");
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
fn escaped_directive() {
    for (page, before, line) in [(CHAPTER, "See [above]", 39), (APPENDIX, "```rust", 3)] {
        let problems = check_with(|root| {
            edit(
                root,
                page,
                before,
                &format!("Write `\\{{{{#include a.rs}}}}`.\n{before}"),
            );
        });
        assert_caught(&problems, page, line, "Remove the backslash");
    }
}

// Loom.

#[test]
fn shared_state_listing_without_a_loom_model() {
    let problems = check_with(|root| {
        edit(
            root,
            MODEL,
            "use listings::part_rust::chapter::demo;",
            "use listings::part_rust::chapter::other;",
        );
        edit(root, MODEL, "demo::main()", "other::main()");
    });
    assert_caught(&problems, DEMO, 3, "never names `chapter::demo` in code");
}

#[test]
fn loom_model_named_only_in_a_comment() {
    let problems = check_with(|root| {
        edit(
            root,
            MODEL,
            "use listings::part_rust::chapter::demo;",
            "// models chapter::demo",
        );
        edit(root, MODEL, "demo::main()", "other::main()");
    });
    assert_caught(&problems, DEMO, 3, "comments do not count");
}

#[test]
fn loom_model_in_another_chapters_file() {
    let problems = check_with(|root| {
        let model = fs::read_to_string(root.join(MODEL)).unwrap();
        fs::remove_file(root.join(MODEL)).unwrap();
        write(root, "tests/loom_introduction.rs", &model);
        edit(
            root,
            CHAPTER,
            "tests/loom_chapter.rs",
            "tests/loom_introduction.rs",
        );
        edit(
            root,
            CHAPTER,
            "tests/loom_chapter.rs",
            "tests/loom_introduction.rs",
        );
    });
    assert_caught(&problems, DEMO, 3, "there is no tests/loom_chapter.rs");
}

#[test]
fn listing_with_scoped_and_unscoped_threads_without_the_shim() {
    let problems = check_with(|root| {
        edit(
            root,
            STUCK,
            "    thread::scope(|s| {",
            "    thread::spawn(|| {}).join().unwrap();\n    thread::scope(|s| {",
        );
    });
    assert_caught(
        &problems,
        STUCK,
        2,
        "take `sync` and `thread` from `crate::shim`",
    );
}

#[test]
fn listing_sharing_std_locks_without_the_shim() {
    let problems = check_with(|root| {
        edit(
            root,
            STUCK,
            "    thread::scope(|s| {\n        s.spawn(|| loop {",
            "    thread::spawn(move || loop {",
        );
    });
    assert_caught(
        &problems,
        STUCK,
        2,
        "take `sync` and `thread` from `crate::shim`",
    );
}

#[test]
fn loom_test_file_without_cfg_loom() {
    let problems = check_with(|root| edit(root, MODEL, "#![cfg(loom)]\n", ""));
    assert_caught(
        &problems,
        MODEL,
        1,
        "must start with the inner attribute `#![cfg(loom)]`",
    );
}

#[test]
fn loom_test_file_with_cfg_loom_in_a_comment() {
    let problems = check_with(|root| edit(root, MODEL, "#![cfg(loom)]\n", "// #![cfg(loom)]\n"));
    assert_caught(
        &problems,
        MODEL,
        1,
        "must start with the inner attribute `#![cfg(loom)]`",
    );
}

#[test]
fn loom_test_file_with_cfg_loom_after_an_item() {
    let problems = check_with(|root| {
        edit(root, MODEL, "#![cfg(loom)]\n", "");
        edit(
            root,
            MODEL,
            "chapter::demo;\n",
            "chapter::demo;\n#![cfg(loom)]\n",
        );
    });
    assert_caught(&problems, MODEL, 1, "before any item");
}

#[test]
fn shim_imports_inside_the_anchor() {
    let problems = check_with(|root| {
        let header = "#[cfg(loom)]\nuse crate::shim::sync;\n";
        edit(root, DEMO, &format!("{header}\n// ANCHOR: shown\n"), "");
        edit(
            root,
            DEMO,
            "fn main()",
            &format!("// ANCHOR: shown\n{header}fn main()"),
        );
    });
    assert_caught(&problems, DEMO, 4, "move them above the first `// ANCHOR:`");
}

// The tests themselves, and names.

#[test]
fn should_panic_without_an_expected_message() {
    let problems = check_with(|root| {
        edit(
            root,
            MODEL,
            "#[should_panic(expected = \"lost update\")]",
            "#[should_panic]",
        );
    });
    assert_caught(&problems, MODEL, 8, "write `#[should_panic(expected = ");
}

#[test]
fn should_panic_with_an_empty_message() {
    let problems = check_with(|root| edit(root, MODEL, "lost update", ""));
    assert_caught(&problems, MODEL, 8, "passes on any panic");
}

#[test]
fn ignored_test() {
    let problems =
        check_with(|root| edit(root, MODEL, "#[test]\n", "#[test]\n#[ignore = \"slow\"]\n"));
    assert_caught(&problems, MODEL, 8, "turns a test off for good");
}

#[test]
fn test_file_not_named_after_a_chapter() {
    let problems = check_with(|root| write(root, "tests/chapter.rs", "#[test]\nfn t() {}\n"));
    assert_caught(&problems, "tests/chapter.rs", 1, "`unit_<chapter>.rs`");
}

#[test]
fn test_files_named_after_a_chapter_or_the_book() {
    let problems = check_with(|root| {
        write(root, "tests/unit_chapter.rs", "#[test]\nfn t() {}\n");
        write(root, "tests/prop_introduction.rs", "#[test]\nfn t() {}\n");
        write(root, "tests/book_extra.rs", "#[test]\nfn t() {}\n");
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn benchmark_example_not_named_after_its_file() {
    let problems = check_with(|root| {
        edit(
            root,
            "Cargo.toml",
            "name = \"bench_demo\"",
            "name = \"bench_other\"",
        )
    });
    assert_caught(&problems, "Cargo.toml", 14, "so name and file stem agree");
}

#[test]
fn benchmark_example_outside_a_chapter_folder() {
    let problems = check_with(|root| {
        let source = fs::read_to_string(root.join(BENCH)).unwrap();
        fs::remove_file(root.join(BENCH)).unwrap();
        write(root, "listings/part/bench_demo.rs", &source);
        edit(
            root,
            "Cargo.toml",
            "listings/part/chapter/bench_demo.rs",
            "listings/part/bench_demo.rs",
        );
        edit(
            root,
            CHAPTER,
            "listings/part/chapter/bench_demo.rs",
            "listings/part/bench_demo.rs",
        );
        edit(
            root,
            CHAPTER,
            "listings/part/chapter/bench_demo.rs",
            "listings/part/bench_demo.rs",
        );
    });
    assert_caught(
        &problems,
        "Cargo.toml",
        14,
        "listings/<part>/<chapter>/bench_<name>.rs",
    );
}

#[test]
fn benchmark_file_not_declared_as_an_example() {
    let problems = check_with(|root| {
        edit(
            root,
            "Cargo.toml",
            "[[example]]\nname = \"bench_demo\"\npath = \"listings/part/chapter/bench_demo.rs\"\n",
            "",
        );
    });
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(
        &problems[..1],
        BENCH,
        1,
        "declare it in Cargo.toml as `[[example]]`",
    );
    assert_caught(&problems[1..], BENCH, 1, "not compiled by the crate");
}

// Measured figures and cross-references.

/// A results file as `cargo xtask bench` writes it: the record of its sources, then
/// its tables.
const RESULTS: &str = "src/results/demo.md";
const TABLES: &str = "| CPU time used by other programs | 0.4% of all CPU time during the run |\n\n<!-- ANCHOR: times -->\n| run | time | ratio |\n| --- | ---: | ---: |\n| one | 1.23 ms | 1.00× |\n| two | 4.06 ms | 3.30× |\n| all | 255 ms | 207× |\n<!-- ANCHOR_END: times -->\n\n<!-- ANCHOR: other -->\n| run | time |\n| --- | ---: |\n| three | 7.77 ms |\n<!-- ANCHOR_END: other -->\n";

fn write_results(root: &Path) {
    let record = book_checker::sources_record(root, BENCH);
    write(root, RESULTS, &format!("{record}\n{TABLES}"));
}

/// The chapter includes the `times` table and says `prose` after it.
fn quoting(prose: &str) -> Vec<Problem> {
    check_with(|root| {
        write_results(root);
        append(
            root,
            CHAPTER,
            &format!("\n{{{{#include ../results/demo.md:times}}}}\n\n{prose}\n"),
        );
    })
}

#[test]
fn figure_in_prose_that_no_results_file_holds() {
    let problems = check_with(|root| append(root, CHAPTER, "\nIt took 1.24 ms.\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "`1.24 ms` cannot be checked against a measurement: this chapter includes no results file",
    );
}

#[test]
fn figure_quoted_from_a_results_file_and_the_table_included() {
    let problems = quoting(
        "It took 1.23 ms (1.23 milliseconds), 3.30 times as long, 3.30x, about three times \
         as long, more than twice as long, about 200 times as long, over 200 times.",
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn figure_from_a_results_file_the_chapter_does_not_include() {
    let problems = check_with(|root| {
        write_results(root);
        append(root, CHAPTER, "\nIt took 1.23 ms.\n");
    });
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "this chapter includes no results file",
    );
}

#[test]
fn figure_from_a_table_of_the_file_that_the_chapter_does_not_include() {
    let problems = quoting("The third run took 7.77 ms.");
    assert_caught(
        &problems,
        CHAPTER,
        44,
        "`7.77 ms` cannot be checked against a measurement: it is not in the tables this \
         chapter includes (src/results/demo.md:times)",
    );
}

#[test]
fn every_unit_a_reader_reads_is_a_figure() {
    let problems =
        quoting("It took 1.24 μs, 1.24 µs, 2.5 seconds, 3.2x, 3.2 times as long and 12.5% more.");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 6, "{shown:#?}");
    for figure in [
        "`1.24 μs`",
        "`1.24 µs`",
        "`2.5 seconds`",
        "`3.2x`",
        "`3.2 times as`",
        "`12.5%`",
    ] {
        let caught: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.message.starts_with(figure))
            .collect();
        assert_eq!(caught.len(), 1, "{figure} in {shown:#?}");
        assert_eq!((caught[0].file.as_str(), caught[0].line), (CHAPTER, 44));
    }
}

#[test]
fn figure_in_inline_code_is_still_a_figure() {
    let problems = quoting("It took `1.24 ms`.");
    assert_caught(&problems, CHAPTER, 44, "`1.24 ms` cannot be checked");
}

#[test]
fn ratio_in_words_that_the_table_does_not_round_to() {
    for (words, figure) in [
        ("It took about four times as long.", "`four times as`"),
        ("It took twice as long.", "`twice as`"),
        (
            "It took more than 300 times as long.",
            "`more than 300 times as`",
        ),
        ("It took 100 times as long.", "`100 times as`"),
        ("It took about fifty times as long.", "`fifty times as`"),
    ] {
        let problems = quoting(words);
        assert_caught(
            &problems,
            CHAPTER,
            44,
            &format!("{figure} cannot be checked against a measurement: no ratio of the"),
        );
    }
}

#[test]
fn figure_quoted_by_reference_from_any_results_table() {
    // A reference is filled in from the table at build time: it may name a table the
    // chapter does not include.
    let problems = quoting(
        "It took {{#figure demo.times.two.time}} (`{{#figure demo.times.two.ratio}}`), \
         then {{#figure demo.other.three.time}}.",
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn figure_reference_that_names_no_cell() {
    for (reference, hint) in [
        (
            "demo.times.four.time",
            "the table `times` of src/results/demo.md has no row `four`",
        ),
        (
            "demo.times.two.speed",
            "the table `times` of src/results/demo.md has no column `speed` (its columns: run, time, ratio)",
        ),
        (
            "demo.gone.two.time",
            "src/results/demo.md has no anchor `gone`",
        ),
        (
            "gone.times.two.time",
            "there is no results file src/results/gone.md",
        ),
        ("demo.times.two", "it does not name four parts"),
    ] {
        let problems = quoting(&format!("It took {{{{#figure {reference}}}}}."));
        assert_caught(
            &problems,
            CHAPTER,
            44,
            &format!("`{{{{#figure {reference}}}}}`: {hint}"),
        );
    }
}

#[test]
fn results_file_of_a_run_that_shared_the_machine() {
    let problems = check_with(|root| {
        write_results(root);
        edit(root, RESULTS, "| 0.4% of all", "| 12.5% of all");
    });
    assert_caught(
        &problems,
        RESULTS,
        1,
        "other programs used more than 5% of the CPU time while it ran",
    );
    let problems = check_with(|root| {
        write_results(root);
        edit(
            root,
            RESULTS,
            "| CPU time used by other programs |",
            "| CPU time |",
        );
    });
    assert_caught(
        &problems,
        RESULTS,
        1,
        "it does not record how much CPU time other programs used while it ran",
    );
}

#[test]
fn copies_of_one_measurement_must_have_overlapping_ranges() {
    let table = |cell: &str| {
        format!(
            "<!-- ANCHOR: starts -->\n| way | time each |\n| --- | ---: |\n| a thread | {cell} |\n\
             <!-- ANCHOR_END: starts -->\n"
        )
    };
    let group: &[&[&str]] = &[&[
        "one.starts.a_thread.time_each",
        "two.starts.a_thread.time_each",
    ]];
    let found = |one: &str, two: &str| {
        book_checker::runs::disagreements(group, |bench| match bench {
            "one" => Some(table(one)),
            "two" => Some(table(two)),
            _ => None,
        })
    };
    // 20 µs (15–24) and 0.038 ms (0.036–0.040): the same unit once converted, apart.
    let apart = found("20 µs (15–24)", "0.038 ms (0.036–0.040)");
    assert_eq!(apart.len(), 1, "{apart:?}");
    assert_eq!(apart[0].0, "one");
    assert!(
        apart[0].1.contains("their ranges do not overlap"),
        "{apart:?}"
    );
    // Ranges that touch overlap; thousands are separated by commas.
    assert_eq!(found("20 µs (15–24)", "24,000 ns (24,000–30,000)"), vec![]);
    // A cell that holds no range is reported, not skipped.
    let missing = found("20 µs (15–24)", "—");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].1.contains("holds `—`"), "{missing:?}");
    // A benchmark without a results file is left to its own checks.
    let alone = book_checker::runs::disagreements(group, |bench| {
        (bench == "one").then(|| table("1 s (0–2)"))
    });
    assert_eq!(alone, vec![]);
}

#[test]
fn results_file_without_a_record_of_its_sources() {
    let problems = check_with(|root| write(root, RESULTS, TABLES));
    assert_caught(
        &problems,
        RESULTS,
        1,
        "it records no sources, so nothing shows it matches the benchmark as it is now: \
         rerun `cargo xtask bench demo`",
    );
}

#[test]
fn results_file_whose_benchmark_changed_since() {
    let problems = check_with(|root| {
        write_results(root);
        append(root, BENCH, "// one more line\n");
    });
    assert_caught(
        &problems,
        RESULTS,
        1,
        "written from other sources than the ones in the repository: \
         listings/part/chapter/bench_demo.rs changed since; rerun `cargo xtask bench demo`",
    );
}

#[test]
fn results_file_whose_listing_changed_since() {
    let problems = check_with(|root| {
        append(root, BENCH, "use listings::part::chapter::demo;\n");
        write_results(root);
        append(root, DEMO, "// one more line\n");
    });
    assert_caught(
        &problems,
        RESULTS,
        1,
        "listings/part/chapter/demo.rs changed since",
    );
}

/// Another machine's run, saved by `cargo xtask bench --machine laptop demo`.
const LAPTOP: &str = "src/results/machines/laptop/demo.md";

#[test]
fn another_machines_run_may_come_from_sources_changed_since() {
    let problems = check_with(|root| {
        let record = book_checker::sources_record(root, BENCH);
        write(root, LAPTOP, &format!("{record}\n{TABLES}"));
        append(root, BENCH, "// one more line\n");
        write_results(root);
    });
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn another_machines_run_still_names_its_sources_and_benchmark() {
    let problems = check_with(|root| {
        write_results(root);
        write(root, LAPTOP, TABLES);
    });
    assert_caught(&problems, LAPTOP, 1, "it records no sources");
    let problems = check_with(|root| {
        write_results(root);
        write(root, "src/results/machines/laptop/gone.md", TABLES);
    });
    assert_caught(
        &problems,
        "src/results/machines/laptop/gone.md",
        1,
        "no benchmark writes this file: Cargo.toml declares no example `bench_gone`",
    );
}

#[test]
fn results_file_that_no_benchmark_writes() {
    let problems = check_with(|root| write(root, "src/results/gone.md", TABLES));
    assert_caught(
        &problems,
        "src/results/gone.md",
        1,
        "no benchmark writes this file: Cargo.toml declares no example `bench_gone`",
    );
}

// Source links: a benchmark linked on the repository instead of shown.

const REPOSITORY: &str = "[output.html]\ngit-repository-url = \"https://example.org/book\"\n";
const SHOWN_BENCH: &str = "<span class=\"caption\">Listing 2-4: `listings/part/chapter/bench_demo.rs`: timed</span>\n\n```rust,no_run,noplayground\n{{#rustdoc_include ../../listings/part/chapter/bench_demo.rs:bench}}\n```\n";

/// The book with a repository address, its benchmark linked instead of shown, and
/// `link` at the end of the chapter.
fn linking(link: &str) -> Vec<Problem> {
    check_with(|root| {
        write(root, "book.toml", REPOSITORY);
        edit(root, CHAPTER, SHOWN_BENCH, "");
        append(root, CHAPTER, &format!("\n{link}\n"));
    })
}

#[test]
fn benchmark_linked_on_the_repository_instead_of_shown() {
    let problems = linking(
        "[The benchmark](https://example.org/book/blob/main/listings/part/chapter/bench_demo.rs).",
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn source_link_to_a_file_the_repository_does_not_have() {
    let problems = check_with(|root| {
        write(root, "book.toml", REPOSITORY);
        append(
            root,
            CHAPTER,
            "\n[Gone](https://example.org/book/blob/main/listings/part/chapter/gone.rs).\n",
        );
    });
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "the repository has no `listings/part/chapter/gone.rs`",
    );
}

#[test]
fn listing_linked_but_not_shown_is_an_orphan_unless_a_benchmark() {
    let problems = check_with(|root| {
        write(root, "book.toml", REPOSITORY);
        write(root, "listings/part/chapter/extra.rs", "fn main() {}\n");
        append(
            root,
            CHAPTER,
            "\n[Extra](https://example.org/book/blob/main/listings/part/chapter/extra.rs).\n",
        );
    });
    assert_caught(
        &problems,
        "listings/part/chapter/extra.rs",
        1,
        "orphan listing: no chapter includes it",
    );
}

#[test]
fn benchmark_neither_shown_nor_linked_is_an_orphan() {
    let problems = linking("");
    assert_caught(
        &problems,
        BENCH,
        1,
        "orphan listing: no chapter includes it",
    );
}

#[test]
fn ratio_and_nanoseconds_are_always_measurements() {
    let problems = check_with(|root| append(root, CHAPTER, "\nA 3× gain, or 40 ns.\n"));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(&problems[..1], CHAPTER, 42, "`3×`");
    assert_caught(&problems[1..], CHAPTER, 42, "`40 ns`");
}

#[test]
fn whole_milliseconds_are_parameters_unless_the_passage_cites_the_measurements() {
    let parameter = check_with(|root| append(root, CHAPTER, "\nEach job waits 100 ms.\n"));
    assert!(parameter.is_empty(), "{parameter:#?}");
    let problems = check_with(|root| {
        write(root, "src/choosing/measured.md", "# Measured\n");
        append(
            root,
            CHAPTER,
            "\nIt took [100 ms](../choosing/measured.md).\n",
        );
    });
    // The first problem is the fixture's own: the new page is not in SUMMARY.md.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_caught(&problems[1..], CHAPTER, 42, "`100 ms` cannot be checked");
}

#[test]
fn reference_to_a_listing_no_caption_has() {
    let problems = check_with(|root| append(root, CHAPTER, "\nAs Listings 2-1 and 2-5 show.\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "refers to listing 2-5, which no caption has",
    );
}

#[test]
fn chapter_link_whose_number_is_stale() {
    let problems = check_with(|root| append(root, CHAPTER, "\nSee [Chapter 1](chapter.md).\n"));
    assert_caught(
        &problems,
        CHAPTER,
        42,
        "leads to chapter 2: make its text `Chapter 2`",
    );
}

// Figures: svgbob drawings in `figures/*.bob`, captioned like listings.

/// Adds a captioned figure and a Markdown table the chapter includes; returns the
/// line of the caption.
fn add_figure(root: &Path) -> usize {
    write(root, "src/part/figures/flow.bob", "a --> b\n");
    write(
        root,
        "src/part/table.md",
        "| a | b |\n| - | - |\n| 1 | 2 |\n",
    );
    let before = fs::read_to_string(root.join(CHAPTER)).unwrap();
    append(
        root,
        CHAPTER,
        "\n<span class=\"caption\">Figure 2-1: a flow</span>\n\n```bob\n\
         {{#include figures/flow.bob}}\n```\n\n{{#include table.md}}\n",
    );
    before.lines().count() + 2
}

#[test]
fn a_captioned_figure_and_an_included_table_are_sound() {
    let problems = check_with(|root| {
        add_figure(root);
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn figure_captions_are_numbered_in_order_within_the_chapter() {
    let mut line = 0;
    let problems = check_with(|root| {
        line = add_figure(root);
        edit(root, CHAPTER, "Figure 2-1", "Figure 2-2");
    });
    assert_caught(&problems, CHAPTER, line, "should be `Figure 2-1`");
}

#[test]
fn figure_captions_carry_the_chapter_number() {
    let mut line = 0;
    let problems = check_with(|root| {
        line = add_figure(root);
        edit(root, CHAPTER, "Figure 2-1", "Figure 3-1");
    });
    assert_caught(&problems, CHAPTER, line, "make it `Figure 2-1`");
}

#[test]
fn a_figure_without_a_caption() {
    let mut line = 0;
    let problems = check_with(|root| {
        line = add_figure(root);
        edit(
            root,
            CHAPTER,
            "<span class=\"caption\">Figure 2-1: a flow</span>\n\n",
            "",
        );
    });
    assert_caught(&problems, CHAPTER, line, "a figure without a caption");
}

#[test]
fn a_figure_caption_above_something_else() {
    let mut line = 0;
    let problems = check_with(|root| {
        line = add_figure(root);
        edit(root, CHAPTER, "```bob\n", "Some text.\n\n```bob\n");
    });
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{}", shown.join("\n"));
    assert!(
        shown[0].contains(&format!(
            "{CHAPTER}:{line}: caption `Figure 2-1` is not directly above a figure"
        )),
        "{shown:?}"
    );
    assert!(shown[1].contains("a figure without a caption"), "{shown:?}");
}

#[test]
fn a_markdown_file_nothing_includes_is_still_an_orphan() {
    let problems = check_with(|root| {
        write(root, "src/part/table.md", "| a |\n| - |\n");
    });
    assert_caught(&problems, "src/part/table.md", 1, "not in src/SUMMARY.md");
}
