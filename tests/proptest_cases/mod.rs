//! How many cases a property test runs: its own modest number, or `PROPTEST_CASES`
//! when that is set. (`ProptestConfig::with_cases` alone ignores the variable.)

use proptest::test_runner::Config;

pub fn cases(modest: u32) -> Config {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        Config::default() // reads PROPTEST_CASES
    } else {
        Config::with_cases(modest)
    }
}
