//! Chapter 9: the lossy pool (Listing 9-2) and the pool it is a broken copy of
//! (Listing 9-1) must stay one lesson apart. Their code, comments and `main` aside,
//! must be identical except for the order of the two checks in `work`.

use std::fs;

mod listing_code;

/// The code of a listing up to its `main`, without comments or blank lines.
fn code(path: &str) -> Vec<String> {
    let source = fs::read_to_string(path).unwrap();
    let before_main = source
        .find("\nfn main")
        .map_or(&source[..], |at| &source[..at]);
    listing_code::code_lines(before_main)
}

/// The lines of the lesson: the check that ends a worker, which Listing 9-1 makes
/// after looking for a job and Listing 9-2 before.
const CLOSING_CHECK: [&str; 3] = [
    "                if queue.closing {",
    "                    return;",
    "                }",
];
const JOB_CHECK: &str = "                if let Some(job) = queue.jobs.pop_front() {";

#[test]
fn lossy_pool_differs_from_the_fixed_pool_only_in_the_order_of_the_checks() {
    let fixed = code("listings/threads/pools/thread_pool.rs");
    let lossy = code("listings/threads/pools/lossy_pool.rs");

    // Move the closing check of the fixed pool in front of its job check.
    let at = fixed
        .windows(3)
        .position(|w| w == CLOSING_CHECK)
        .expect("Listing 9-1 has its closing check");
    let mut moved = fixed.clone();
    let check: Vec<String> = moved.drain(at..at + 3).collect();
    let job = moved
        .iter()
        .position(|line| line == JOB_CHECK)
        .expect("Listing 9-1 looks for a job");
    assert!(
        job < at,
        "Listing 9-1 must look for a job before checking `closing`"
    );
    moved.splice(job..job, check);

    let first_difference = moved.iter().zip(&lossy).position(|(a, b)| a != b);
    assert!(
        moved == lossy,
        "lossy_pool.rs has drifted from thread_pool.rs: first difference at code line {:?}:\n  expected {:?}\n  found    {:?}",
        first_difference,
        first_difference.map(|i| &moved[i]),
        first_difference.map(|i| &lossy[i]),
    );
}
