//! The book's integrity checks, run on the book itself.

mod book_checker;

use std::path::Path;

#[test]
fn the_book_has_no_broken_includes_links_or_orphans() {
    let problems = book_checker::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "\n{} problem(s) in the book:\n  {}\n",
        problems.len(),
        report.join("\n  ")
    );
}
