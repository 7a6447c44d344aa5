//! The number formats of the results tables (listings/measure.rs): the chapters quote
//! these strings, and the integrity checker looks for them in the results files.

use std::time::Duration;

use listings::measure::{mebibytes, ratio, time, time_each};

#[test]
fn figures_have_three_significant_digits() {
    assert_eq!(time(Duration::from_nanos(350)), "350 ns");
    assert_eq!(time(Duration::from_nanos(37_040)), "37.0 µs");
    assert_eq!(time(Duration::from_micros(1_114)), "1.11 ms");
    assert_eq!(time(Duration::from_millis(530)), "530 ms");
    assert_eq!(time(Duration::from_millis(1_304)), "1.30 s");
    let ms = Duration::from_millis;
    assert_eq!(ratio(ms(530), ms(266)), "1.99×");
    assert_eq!(ratio(ms(31_680), ms(10)), "3,170×");
    assert_eq!(mebibytes(61_132_800), "58.3 MiB");
}

#[test]
fn rounding_up_does_not_add_a_digit() {
    assert_eq!(time(Duration::from_micros(99_960)), "100 ms");
    assert_eq!(time(Duration::from_nanos(9_996)), "10.0 µs");
    assert_eq!(time(Duration::from_millis(999_600)), "1,000 s");
}

#[test]
fn a_time_each_can_be_finer_than_a_nanosecond() {
    assert_eq!(time_each(Duration::from_millis(18), 20_000_000), "0.900 ns");
}
