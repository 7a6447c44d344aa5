//! How many cases a property test runs: its own modest number, or `PROPTEST_CASES`
//! when that asks for more. The variable can raise the count, never lower it, so no
//! setting makes a run check less than its source says.

use proptest::test_runner::Config;

pub fn cases(modest: u32) -> Config {
    let asked = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(0);
    Config::with_cases(modest.max(asked))
}
