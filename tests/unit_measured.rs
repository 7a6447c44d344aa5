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

// Chapter 21, "Measured": the code behind the side-by-side benchmarks, and the Python
// listings run in a tiny mode.
mod measured {
    use std::path::PathBuf;
    use std::process::Command;
    use std::time::Duration;

    use listings::choosing::measured::report::{Report, python3_version, run_child};
    use listings::choosing::measured::waits::{
        WAIT, parse_peak_kib, thread_waits, tokio_futures, tokio_waits,
    };

    #[test]
    fn the_peak_is_the_vmhwm_line_not_the_current_size() {
        let status =
            "Name:\tbench\nVmPeak:\t  900000 kB\nVmHWM:\t   47316 kB\nVmRSS:\t   40000 kB\n";
        assert_eq!(parse_peak_kib(status), Some(47_316));
        assert_eq!(parse_peak_kib("VmRSS:\t 40000 kB\n"), None);
        assert_eq!(parse_peak_kib("VmHWM:\t lots\n"), None);
    }

    #[test]
    fn this_process_has_a_peak() {
        let peak = listings::choosing::measured::waits::peak_kib();
        assert!(peak.is_some_and(|kib| kib > 0), "{peak:?}");
    }

    #[test]
    fn a_report_reads_both_languages_lines() {
        let report = Report::parse(
            "wall 0.25\npeak_kib 5124\nerror can't start new thread (after 9 threads)\n",
        );
        assert_eq!(report.seconds("wall"), Some(Duration::from_millis(250)));
        assert_eq!(report.number("peak_kib"), Some(5_124));
        assert_eq!(
            report.get("error"),
            Some("can't start new thread (after 9 threads)")
        );
        assert_eq!(report.seconds("starting"), None);
        // primes.py: `<way> <found> <seconds>`
        let report = Report::parse("sequential 25 1.5e-05\nthreads 25 0.5\n");
        assert_eq!(report.seconds("threads"), Some(Duration::from_millis(500)));
        assert_eq!(
            report.seconds("sequential"),
            Some(Duration::from_nanos(15_000))
        );
    }

    #[test]
    fn a_failing_child_is_an_error_that_shows_its_stderr() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo 'no such case' >&2; exit 3"]);
        let error = run_child(&mut command).unwrap_err();
        assert!(error.contains("no such case"), "{error}");
    }

    /// On the paused clock, 1,000 tasks waiting at once take one wait of virtual time,
    /// and all of them sleep at the same time.
    #[tokio::test(start_paused = true)]
    async fn tokio_waits_overlap() {
        let started = tokio::time::Instant::now();
        let waited = tokio_waits(1_000).await;
        assert_eq!(started.elapsed(), WAIT);
        assert_eq!((waited.most_alive, waited.finished), (1_000, 1_000));
        assert!(waited.error.is_none());
    }

    /// The same for 1,000 futures polled by one task.
    #[tokio::test(start_paused = true)]
    async fn tokio_futures_overlap() {
        let started = tokio::time::Instant::now();
        let waited = tokio_futures(1_000).await;
        assert_eq!(started.elapsed(), WAIT);
        assert_eq!((waited.most_alive, waited.finished), (1_000, 1_000));
    }

    #[test]
    fn thread_waits_start_and_join_every_thread() {
        let waited = thread_waits(8);
        assert!(waited.error.is_none(), "{:?}", waited.error);
        assert_eq!(waited.finished, 8);
        assert!((1..=8).contains(&waited.most_alive), "{waited:?}");
    }

    fn script(name: &str) -> Option<PathBuf> {
        if python3_version().is_none() {
            eprintln!("skipped: python3 not found, so {name} was not run");
            return None;
        }
        Some(
            [
                env!("CARGO_MANIFEST_DIR"),
                "listings/choosing/measured",
                name,
            ]
            .iter()
            .collect(),
        )
    }

    fn python(script: PathBuf, args: &[&str]) -> Report {
        run_child(Command::new("python3").arg(script).args(args)).unwrap()
    }

    /// 25 primes below 100 (one block), 367 below 2,500 (three blocks, the last one
    /// partial), found the same by every way.
    #[test]
    fn primes_py_counts_the_same_primes_every_way() {
        let Some(script) = script("primes.py") else {
            return;
        };
        for (limit, primes) in [("100", "25"), ("2500", "367")] {
            let report = python(script.clone(), &[limit, "2", "1"]);
            for way in ["sequential", "threads", "processes"] {
                let found = report.get(way).and_then(|v| v.split(' ').next());
                assert_eq!(found, Some(primes), "{way} below {limit}");
                assert!(report.seconds(way).is_some(), "{way}");
            }
        }
    }

    #[test]
    fn waits_py_reports_every_wait_and_its_peak() {
        let Some(script) = script("waits.py") else {
            return;
        };
        let report = python(script.clone(), &["asyncio", "50"]);
        // asyncio runs every task's first step before any timer fires.
        assert_eq!(report.number("most_alive"), Some(50));
        assert_eq!(report.number("finished"), Some(50));
        assert!(report.number("peak_kib").is_some_and(|kib| kib > 0));
        assert!(report.seconds("wall").is_some() && report.seconds("starting").is_some());
        assert_eq!(report.get("error"), None);
        let report = python(script, &["threads", "8"]);
        assert!((1..=8).contains(&report.number("most_alive").unwrap()));
        assert_eq!(report.number("finished"), Some(8));
        assert!(report.number("peak_kib").is_some_and(|kib| kib > 0));
        assert_eq!(report.get("error"), None);
    }

    #[test]
    fn waits_py_reads_the_high_water_mark() {
        let Some(script) = script("waits.py") else {
            return;
        };
        let mut status = tempfile::NamedTempFile::new().unwrap();
        let sample = "VmPeak:\t  900000 kB\nVmHWM:\t   47316 kB\nVmRSS:\t   40000 kB\n";
        std::io::Write::write_all(&mut status, sample.as_bytes()).unwrap();
        let program = format!(
            "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, {:?}); from waits import peak_kib; print('peak_kib', peak_kib({:?}))",
            script.parent().unwrap(),
            status.path(),
        );
        let report = run_child(Command::new("python3").args(["-c", &program])).unwrap();
        assert_eq!(report.number("peak_kib"), Some(47_316));
    }

    #[test]
    fn starts_py_times_each_kind_of_start() {
        let Some(script) = script("starts.py") else {
            return;
        };
        let report = python(script, &["0.01"]);
        for what in ["thread", "task", "process", "interpreter"] {
            assert!(
                report.seconds(what).is_some_and(|t| t > Duration::ZERO),
                "{what}"
            );
        }
        assert!(report.get("start_method").is_some());
    }
}
