//! The number formats of the results tables (listings/measure.rs): the chapters quote
//! these strings, and the integrity checker looks for them in the results files.

mod pythons;

use std::time::Duration;

use listings::measure::{
    RUNS, Samples, apart, interleaved, mebibytes, ratios_to, speedup, spread, time,
};

#[test]
fn figures_have_three_significant_digits() {
    assert_eq!(time(Duration::from_nanos(350)), "350 ns");
    assert_eq!(time(Duration::from_nanos(37_040)), "37.0 µs");
    assert_eq!(time(Duration::from_micros(1_114)), "1.11 ms");
    assert_eq!(time(Duration::from_millis(530)), "530 ms");
    assert_eq!(time(Duration::from_millis(1_304)), "1.30 s");
    assert_eq!(mebibytes(61_132_800), "58.3 MiB");
}

#[test]
fn rounding_up_does_not_add_a_digit() {
    assert_eq!(time(Duration::from_micros(99_960)), "100 ms");
    assert_eq!(time(Duration::from_nanos(9_996)), "10.0 µs");
    assert_eq!(time(Duration::from_millis(999_600)), "1,000 s");
}

fn micros(times: &[f64]) -> Samples {
    Samples::new(times.iter().map(|t| t * 1e-6).collect())
}

#[test]
fn a_figure_keeps_the_digits_its_spread_supports() {
    assert_eq!(spread(&micros(&[35.2, 37.04, 41.0])), "37 µs (35–41)");
    assert_eq!(
        spread(&micros(&[1_110.0, 1_114.0, 1_118.0])),
        "1.11 ms (1.11–1.12)"
    );
    assert_eq!(spread(&micros(&[25.7, 38.0, 48.5, 33.8])), "40 µs (20–50)");
    // A range wider than the median still leaves the median one digit of its own.
    assert_eq!(spread(&micros(&[20.0, 10.0, 300.0])), "20 µs (10–300)");
    // Rounded outwards, the range still holds the runs: 37.04 is above 37.0.
    assert_eq!(spread(&micros(&[37.04, 37.04])), "37.0 µs (37.0–37.1)");
}

#[test]
fn a_ratio_comes_from_runs_of_the_same_round() {
    let (a, b) = (micros(&[3.0, 4.0, 2.7]), micros(&[1.5, 2.2, 1.2]));
    // Round by round: 2.0, 1.82, 2.25.
    assert_eq!(speedup(&a, &b), "2.0× (1.8–2.3)");
    assert_eq!(
        speedup(&micros(&[1.0, 1.2]), &micros(&[1.1, 1.3])),
        "no measurable difference"
    );
}

#[test]
fn every_way_runs_once_a_round_in_a_rotating_order() {
    let mut order = Vec::new();
    let times = interleaved(3, |way| order.push(way));
    assert_eq!(&order[..9], [0, 1, 2, 1, 2, 0, 2, 0, 1]);
    assert_eq!(
        order.len(),
        3 * (RUNS + 1),
        "a warm-up round, then RUNS rounds"
    );
    assert_eq!(times.len(), 3);
    assert!(times.iter().all(|samples| samples.runs() == RUNS));
}

#[test]
fn the_time_of_one_repetition_can_be_finer_than_a_nanosecond() {
    let runs = Samples::new(vec![0.018, 0.0182, 0.0181]);
    assert_eq!(spread(&runs.each(20_000_000)), "0.91 ns (0.90–0.91)");
}

#[test]
fn a_computed_figure_adds_to_every_run() {
    let runs = micros(&[1.0, 3.0, 2.0]).plus(10e-6);
    assert_eq!(spread(&runs), "12 µs (11–13)");
}

#[test]
fn the_baseline_of_a_column_of_ratios_says_so() {
    let times = [
        micros(&[2.0, 2.4]),
        micros(&[1.0, 1.0]),
        micros(&[0.9, 1.2]),
    ];
    assert_eq!(
        ratios_to(&times, 1),
        [
            "2.2× (2.0–2.4)",
            "1× (the baseline)",
            "no measurable difference"
        ]
        .map(String::from)
        .to_vec()
    );
}

#[test]
fn medians_apart_is_the_larger_over_the_smaller() {
    let (a, b) = (micros(&[1.0, 1.04, 5.0]), micros(&[1.2, 1.0, 0.9]));
    // Medians 1.04 and 1.0: the slowest run of `a` does not count.
    assert_eq!(apart(&a, &b), "1.04×");
    assert_eq!(apart(&b, &a), "1.04×");
}

// Chapter 21, "Measured": the code behind the side-by-side benchmarks, and the Python
// listings run in a tiny mode.
mod measured {
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::time::Duration;

    use listings::choosing::measured::report::{
        OLDEST, Python, Report, interpreter_candidates, interpreter_name, pythons, run_child,
    };

    use crate::pythons::pythons_found;
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

    #[test]
    fn interpreters_are_recognised_by_name() {
        let name = |file: &str| interpreter_name(Path::new(file));
        assert_eq!(name("/usr/bin/python3"), Some(false));
        assert_eq!(name("/usr/bin/python3.13"), Some(false));
        assert_eq!(
            name("/usr/local/bin/python3.13t"),
            Some(true),
            "free-threaded"
        );
        assert_eq!(name("/usr/bin/python3.10"), Some(false));
        for not_one in [
            "/usr/bin/python3.13-config",
            "/usr/bin/python3.13t-config",
            "/usr/bin/python3-config",
            "/root/.pyenv/shims/python3.12-gdb.py",
            "/usr/bin/python3.7m",
            "/usr/bin/python3.",
            "/usr/bin/python3.t",
            "/usr/bin/python2.7",
            "/usr/bin/python",
            "/usr/bin/pypy3",
        ] {
            assert_eq!(name(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn a_python_is_labelled_by_version_and_build() {
        let python = |free_threaded, optimised: &str| Python {
            program: PathBuf::from("/usr/bin/python3.13t"),
            version: "3.13.0".into(),
            free_threaded,
            optimised: optimised.into(),
        };
        assert_eq!(python(true, "PGO+LTO").label(), "Python 3.13.0t, PGO+LTO");
        assert_eq!(
            python(false, "configured without PGO/LTO").label(),
            "Python 3.13.0, configured without PGO/LTO"
        );
    }

    #[test]
    fn the_candidates_are_the_interpreters_once_each_in_order() {
        let paths = [
            "/a/python3.12",
            "/a/python3.12-config",
            "/a/python3.13t",
            "/a/python3",
            "/a/python3.12",
            "/b/python3.12",
        ];
        let found = interpreter_candidates(paths.iter().map(PathBuf::from));
        let expected = [
            "/a/python3.12",
            "/a/python3.13t",
            "/a/python3",
            "/b/python3.12",
        ];
        assert_eq!(
            found,
            expected.iter().map(PathBuf::from).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_python_found_is_cpython_from_the_oldest_on_once_each() {
        let pythons = pythons();
        let mut labels: Vec<String> = pythons.iter().map(Python::label).collect();
        for python in &pythons {
            let version: Vec<u32> = python.version.split('.').flat_map(str::parse).collect();
            assert!((version[0], version[1]) >= OLDEST, "{python:?}");
            let report = run_child(python.command().args([
                "-c",
                "import sys, sysconfig as s; print('cpython', sys.implementation.name); \
                 print('free_threaded', int(bool(s.get_config_var('Py_GIL_DISABLED'))))",
            ]))
            .unwrap();
            assert_eq!(report.get("cpython"), Some("cpython"));
            assert_eq!(
                report.number("free_threaded"),
                Some(python.free_threaded as u64)
            );
        }
        labels.dedup();
        assert_eq!(labels.len(), pythons.len(), "{labels:?}");
    }

    /// The directory of the Python scripts.
    fn scripts() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("listings/choosing/measured")
    }

    /// The script run as the benchmarks run it, with `-I`.
    fn run(python: &Python, name: &str, args: &[&str]) -> Report {
        run_child(python.command().arg(scripts().join(name)).args(args)).unwrap()
    }

    /// Runs `program` with the directory of the scripts on `sys.path`, to call their
    /// functions one by one.
    fn calling(python: &Python, program: &str) -> Report {
        let program = format!(
            "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, {:?}); {program}",
            scripts(),
        );
        run_child(python.command().args(["-c", &program])).unwrap()
    }

    #[test]
    fn every_python_imports_only_what_is_installed() {
        for python in pythons_found("imports") {
            assert!(python.imports("asyncio"), "{}", python.label());
            assert!(!python.imports("no_such_module"), "{}", python.label());
        }
    }

    /// Every Python runs isolated from the environment (`-I`), and so do the
    /// children and the new interpreter of `starts.py`.
    #[test]
    fn every_python_start_is_isolated() {
        for python in pythons_found("starts.py") {
            let report = run_child(
                python
                    .command()
                    .args(["-c", "import sys; print('isolated', sys.flags.isolated)"]),
            );
            assert_eq!(report.unwrap().number("isolated"), Some(1));
            let program = "import subprocess, starts; started = []; \
                subprocess.run = lambda args, **options: started.append(args); \
                starts.interpreter(); print('flags', *started[0][1:])";
            let report = calling(&python, program);
            assert_eq!(
                report.get("flags"),
                Some("-I -c pass"),
                "{}",
                python.label()
            );
        }
    }

    /// 25 primes below 100 (one block), 367 below 2,500 (three blocks, the last one
    /// partial), 9,592 below 100,000 (100 blocks, sent to the processes three at a
    /// time), found the same by every way in every Python.
    #[test]
    fn primes_py_counts_the_same_primes_every_way() {
        // Every size on the first interpreter (below one block, a few blocks, many);
        // the others count the largest, which splits into many blocks.
        let sizes = [("100", "25"), ("2500", "367"), ("100000", "9592")];
        for (i, python) in pythons_found("primes.py").into_iter().enumerate() {
            let sizes = if i == 0 { &sizes[..] } else { &sizes[2..] };
            for &(limit, primes) in sizes {
                for way in ["sequential", "threads", "processes", "processes_cold"] {
                    let report = run(&python, "primes.py", &[way, limit, "2"]);
                    let found = report.get(way).and_then(|v| v.split(' ').next());
                    let label = python.label();
                    assert_eq!(found, Some(primes), "{label}: {way} below {limit}");
                    assert!(report.seconds(way).is_some(), "{label}: {way}");
                }
            }
        }
    }

    #[test]
    fn waits_py_reports_every_wait_and_its_peak() {
        for python in pythons_found("waits.py") {
            let report = run(&python, "waits.py", &["asyncio", "50"]);
            let default_loop = "asyncio.unix_events._UnixSelectorEventLoop";
            assert_eq!(report.get("loop"), Some(default_loop));
            // asyncio runs every task's first step before any timer fires.
            assert_eq!(report.number("most_alive"), Some(50));
            assert_eq!(report.number("finished"), Some(50));
            assert!(report.number("peak_kib").is_some_and(|kib| kib > 0));
            assert!(report.seconds("wall").is_some() && report.seconds("starting").is_some());
            assert_eq!(report.get("error"), None);
            let report = run(&python, "waits.py", &["threads", "8"]);
            assert!((1..=8).contains(&report.number("most_alive").unwrap()));
            assert_eq!(report.number("finished"), Some(8));
            assert!(report.number("peak_kib").is_some_and(|kib| kib > 0));
            assert_eq!(report.get("error"), None);
        }
    }

    /// The uvloop case runs on uvloop's loop, or fails where uvloop is missing: it never
    /// reports asyncio's own loop under uvloop's name.
    #[test]
    fn waits_py_runs_the_uvloop_case_on_uvloop_only() {
        for python in pythons_found("waits.py") {
            let run = run_child(
                python
                    .command()
                    .arg(scripts().join("waits.py"))
                    .args(["uvloop", "5"]),
            );
            if python.imports("uvloop") {
                let report = run.unwrap();
                assert_eq!(report.get("loop"), Some("uvloop.Loop"));
                assert_eq!(report.number("finished"), Some(5));
            } else {
                let error = run.unwrap_err();
                assert!(error.contains("No module named 'uvloop'"), "{error}");
            }
        }
    }

    #[test]
    fn waits_py_reads_the_high_water_mark() {
        let mut status = tempfile::NamedTempFile::new().unwrap();
        let sample = "VmPeak:\t  900000 kB\nVmHWM:\t   47316 kB\nVmRSS:\t   40000 kB\n";
        std::io::Write::write_all(&mut status, sample.as_bytes()).unwrap();
        let program = format!(
            "from waits import peak_kib; print('peak_kib', peak_kib({:?}))",
            status.path()
        );
        for python in pythons_found("waits.py") {
            let report = calling(&python, &program);
            assert_eq!(report.number("peak_kib"), Some(47_316));
        }
    }

    #[test]
    fn starts_py_times_each_kind_of_start() {
        for python in pythons_found("starts.py") {
            for (what, count) in [
                ("thread", "3"),
                ("task", "3"),
                ("process", "1"),
                ("interpreter", "1"),
            ] {
                let report = run(&python, "starts.py", &[what, count]);
                assert!(
                    report.seconds(what).is_some_and(|t| t > Duration::ZERO),
                    "{}: {what}",
                    python.label()
                );
                assert!(report.get("start_method").is_some());
            }
        }
    }

    /// Every Python timing runs with the garbage collector on, as an ordinary program
    /// does (`timeit` would turn it off while it times).
    #[test]
    fn starts_py_times_with_the_garbage_collector_on() {
        let program = "import gc; from starts import per_item; seen = []; \
            per_item(lambda: seen.append(gc.isenabled()), 2); \
            print('runs', len(seen)); print('gc_off', seen.count(False))";
        for python in pythons_found("starts.py") {
            let report = calling(&python, program);
            assert_eq!(report.number("runs"), Some(2), "one run of 2 repetitions");
            assert_eq!(report.number("gc_off"), Some(0));
        }
    }
}
