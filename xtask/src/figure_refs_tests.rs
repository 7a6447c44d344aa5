//! Resolving `{{#figure ...}}` references (figure_refs.rs, which the book's checker
//! compiles too: its tests live here so that they run once).

use crate::figure_refs::{expand, references, resolve, slug};

/// A results file as `cargo xtask bench` writes one: figures of both formats, a cell
/// with no figure, a header used twice, a row name used twice.
const LOCKS: &str = "<!-- Written by `cargo xtask bench locks` -->

<!-- ANCHOR: locks -->
**Lock and unlock** (best of 3 runs)

| primitive | alone | ratio | 2 threads at once | ratio |
| --- | ---: | ---: | ---: | ---: |
| std::sync::Mutex | 14.2 ns | 1.00× | 37 µs (35–41) | 1.9× (1.7–2.1) |
| `Arc`, 2 threads | 7.04 ns | 0.496× | — | no measurable difference |
| twice | 1 ns | 1.00× | 1 ns | 1.00× |
| twice | 2 ns | 2.00× | 2 ns | 2.00× |

<small>Measured on 2 logical CPUs; rerun with `cargo xtask bench locks`.</small>
<!-- ANCHOR_END: locks -->

<!-- ANCHOR: other -->
| run | time |
| --- | ---: |
| one | 5 ms |
<!-- ANCHOR_END: other -->
";

fn results(bench: &str) -> Option<String> {
    (bench == "locks").then(|| LOCKS.to_owned())
}

fn figure(path: &str) -> Result<String, String> {
    resolve(&format!("{{{{#figure {path}}}}}"), results)
}

/// The error for `path`, which must name the reference and contain `expected`.
fn error(path: &str, expected: &str) {
    let message = figure(path).expect_err(path);
    assert!(
        message.starts_with(&format!("`{{{{#figure {path}}}}}`: ")),
        "{message}"
    );
    assert!(
        message.contains(expected),
        "{expected:?} not in {message:?}"
    );
}

#[test]
fn a_slug_is_lower_case_with_one_underscore_for_each_run_of_other_characters() {
    assert_eq!(slug("std::sync::Mutex"), "std_sync_mutex");
    assert_eq!(slug("`Arc`, 2 threads"), "arc_2_threads");
    assert_eq!(slug("× ideal"), "ideal");
    assert_eq!(slug("2 threads at once"), "2_threads_at_once");
}

#[test]
fn a_reference_gives_the_cell_of_its_row_and_column() {
    assert_eq!(
        figure("locks.locks.std_sync_mutex.alone").unwrap(),
        "14.2 ns"
    );
    assert_eq!(
        figure("locks.locks.arc_2_threads.alone").unwrap(),
        "7.04 ns"
    );
    assert_eq!(figure("locks.other.one.time").unwrap(), "5 ms");
    // Spaces inside the braces do not matter.
    assert_eq!(
        resolve("{{#figure  locks.other.one.time }}", results).unwrap(),
        "5 ms"
    );
}

#[test]
fn a_cell_with_its_spread_gives_its_median() {
    assert_eq!(
        figure("locks.locks.std_sync_mutex.2_threads_at_once").unwrap(),
        "37 µs"
    );
    assert_eq!(
        figure("locks.locks.std_sync_mutex.ratio_2").unwrap(),
        "1.9×"
    );
}

#[test]
fn a_header_used_twice_is_numbered_from_the_left() {
    assert_eq!(
        figure("locks.locks.std_sync_mutex.ratio_1").unwrap(),
        "1.00×"
    );
    error(
        "locks.locks.std_sync_mutex.ratio",
        "has no column `ratio` (its columns: primitive, alone, ratio_1, 2_threads_at_once, ratio_2)",
    );
}

#[test]
fn a_missing_results_file_is_named() {
    error(
        "lock.locks.std_sync_mutex.alone",
        "there is no results file src/results/lock.md",
    );
}

#[test]
fn a_missing_anchor_is_named_with_the_anchors_there_are() {
    error(
        "locks.lock.std_sync_mutex.alone",
        "src/results/locks.md has no anchor `lock` (its anchors: locks, other)",
    );
}

#[test]
fn a_missing_row_is_named_with_the_rows_there_are() {
    error(
        "locks.locks.std_mutex.alone",
        "the table `locks` of src/results/locks.md has no row `std_mutex` (its rows: \
         std_sync_mutex, arc_2_threads, twice, twice)",
    );
}

#[test]
fn a_row_name_used_twice_is_ambiguous() {
    error(
        "locks.locks.twice.alone",
        "2 rows of the table `locks` of src/results/locks.md are `twice`: the row is \
         ambiguous",
    );
}

#[test]
fn a_cell_without_a_figure_is_refused() {
    error(
        "locks.locks.arc_2_threads.2_threads_at_once",
        "the cell in row `arc_2_threads`, column `2_threads_at_once` of the table `locks` \
         of src/results/locks.md holds no figure",
    );
    error(
        "locks.locks.arc_2_threads.ratio_2",
        "the cell in row `arc_2_threads`, column `ratio_2` of the table `locks` of \
         src/results/locks.md holds no figure",
    );
}

#[test]
fn a_reference_must_have_four_parts() {
    error("locks.locks.std_sync_mutex", "does not name four parts");
    error(
        "locks.locks.std_sync_mutex.alone.x",
        "does not name four parts",
    );
    error("locks..std_sync_mutex.alone", "one of its parts is empty");
}

#[test]
fn text_is_expanded_and_an_unclosed_reference_is_an_error() {
    let text = "Alone, {{#figure locks.locks.std_sync_mutex.alone}}; {{#figures}} stays.\n";
    assert_eq!(
        expand(text, results).unwrap(),
        "Alone, 14.2 ns; {{#figures}} stays.\n"
    );
    let text = "a\nb {{#figure locks.other.one.time\n}}\n";
    assert_eq!(references(text).len(), 1);
    let (offset, message) = expand(text, results).unwrap_err();
    assert_eq!(offset, 4);
    assert!(message.contains("is not closed on its line"), "{message}");
}
