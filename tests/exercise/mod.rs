//! Which file an exercise's tests run against.
//!
//! Each exercise is two modules of the crate: the starting file `<name>` and
//! `<name>_solution`. The tests run against the starting file when the environment
//! variable `EXERCISE` names the exercise (`cargo xtask exercise <name>` sets it), and
//! against the solution otherwise, so a plain `cargo test` checks every solution.

/// Whether the tests of exercise `name` run against the reader's starting file.
pub fn on_starting_file(name: &str) -> bool {
    std::env::var("EXERCISE").is_ok_and(|chosen| chosen == name)
}

/// `pick!("dining", dining::f, dining_solution::f)`: the starting file's item or the
/// solution's, as `on_starting_file` decides. Both must have the same type once
/// coerced (functions become `fn` pointers). Declare this module with `#[macro_use]`.
macro_rules! pick {
    ($name:literal, $start:expr, $solution:expr $(,)?) => {
        if crate::exercise::on_starting_file($name) {
            $start
        } else {
            $solution
        }
    };
}
