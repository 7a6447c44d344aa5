//! Builds test binaries with cargo, runs each, and checks that it ran every test its
//! sources declare: a loom build that lost `cfg(loom)`, or a model that is no longer
//! a `#[test]`, fails here instead of passing having checked nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::supervise::{self, Finished};
use crate::{Result, at_a_time, files_under, root, shown};

/// One test executable that cargo built.
pub struct TestBinary {
    /// The source file of the target (`tests/loom_races.rs`, `listings/lib.rs`, ...).
    pub source: PathBuf,
    /// `lib`, `bin` or `test`.
    kind: String,
    executable: PathBuf,
    package_dir: PathBuf,
}

/// What libtest printed on its `test result:` line.
#[derive(Default)]
struct Outcome {
    passed: usize,
    failed: usize,
    ignored: usize,
}

/// Where each test binary's last run time is kept, to start the slowest first.
const DURATIONS: &str = "target/xtask/test-durations.tsv";

/// How long each thing took in the last run (`file` holds `<name>\t<seconds>` lines),
/// to start the slowest first.
pub fn read_durations(file: &str) -> BTreeMap<String, f64> {
    let text = fs::read_to_string(root().join(file)).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (source, seconds) = line.split_once('\t')?;
            Some((source.to_owned(), seconds.parse().ok()?))
        })
        .collect()
}

/// A file that cannot be written only loses the order of the next run.
pub fn write_durations(file: &str, durations: &BTreeMap<String, f64>) {
    let text: String = durations
        .iter()
        .map(|(source, seconds)| format!("{source}\t{seconds:.3}\n"))
        .collect();
    let path = root().join(file);
    let _ = fs::create_dir_all(path.parent().unwrap()).and_then(|()| fs::write(&path, text));
}

/// Whether `build` asks for warnings to be errors (in Clippy's arguments, or in
/// RUSTFLAGS).
fn denies_warnings(build: &Command) -> bool {
    build.get_envs().any(|(name, value)| {
        let value = value.map(|v| v.to_string_lossy().replace("__CLIPPY_HACKERY__", " "));
        matches!(name.to_str(), Some("CLIPPY_ARGS" | "RUSTFLAGS"))
            && value.is_some_and(|v| v.contains("-D warnings"))
    })
}

/// `build` is a `cargo test ...` command; `--no-run` and a JSON message format are
/// added here. Each binary whose source file name `wanted` accepts runs from its
/// package's folder with `env` set, two at a time (many of them mostly wait: on
/// processes, on the paused clock); the binaries that ran are returned.
pub fn build_and_run(
    build: &mut Command,
    env: &[(&str, &str)],
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<TestBinary>> {
    let mut binaries: Vec<TestBinary> = build_binaries(build)?
        .into_iter()
        .filter(|b| wanted(&b.source.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    // The slowest first (by the last run; a new one counts as slow), so that no long
    // binary starts last and runs alone while the other core idles.
    let took_before = read_durations(DURATIONS);
    let before = |b: &TestBinary| took_before.get(&shown(&b.source)).copied();
    binaries.sort_by(|a, b| {
        before(b)
            .unwrap_or(f64::MAX)
            .total_cmp(&before(a).unwrap_or(f64::MAX))
    });
    // Three at a time on two cores: many binaries spend their time waiting on sockets,
    // child processes (Python among them) or sleeps.
    let counted = at_a_time(3, &binaries, |binary| {
        let started = Instant::now();
        (run_and_count(binary, env), started.elapsed().as_secs_f64())
    });
    let mut durations = took_before;
    let mut total = 0;
    for (binary, (passed, took)) in binaries.iter().zip(counted) {
        durations.insert(shown(&binary.source), took);
        total += passed?;
    }
    write_durations(DURATIONS, &durations);
    println!(
        "\n    {total} tests passed in {} binaries, each as many as its source declares",
        binaries.len()
    );
    Ok(binaries)
}

/// Runs one binary, prints its output once it has finished (so that two binaries'
/// lines do not interleave), and checks it ran every test its sources declare;
/// returns how many passed.
fn run_and_count(binary: &TestBinary, env: &[(&str, &str)]) -> Result<usize> {
    let declared = declared_tests(binary);
    let file = shown(&binary.source);
    let (outcome, output) = run_binary(binary, env)?;
    println!("\n    ran {file} ({declared} tests declared)\n{output}");
    if outcome.failed > 0 {
        return Err(format!("{file}: {} test(s) failed", outcome.failed));
    }
    if outcome.ignored > 0 {
        return Err(format!(
            "{file}: {} test(s) are #[ignore]d; a test that does not run checks nothing: \
             make it pass or delete it",
            outcome.ignored
        ));
    }
    if outcome.passed < declared {
        let hint = if file.contains("loom_") {
            " Under loom, check that build.rs still sets `cfg(loom)` when the `loom` \
             feature is on, and that no model is hidden behind another `cfg`."
        } else {
            " A test behind a `cfg` that is off, or a `#[test]` line inside a string, \
             would explain it."
        };
        return Err(format!(
            "{file}: ran {} test(s) but its source declares {declared} \
             (`#[test]`/`#[tokio::test]` lines).{hint}",
            outcome.passed
        ));
    }
    if binary.kind == "test" && outcome.passed == 0 {
        return Err(format!(
            "{file}: ran no tests. A file in tests/ must hold at least one test; under \
             loom, check that build.rs still sets `cfg(loom)`."
        ));
    }
    Ok(outcome.passed)
}

pub fn build_binaries(build: &mut Command) -> Result<Vec<TestBinary>> {
    let denied = denies_warnings(build);
    let format = match std::io::stderr().is_terminal() {
        true => "--message-format=json-diagnostic-rendered-ansi",
        false => "--message-format=json",
    };
    let output = build
        .args(["--no-run", format])
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let messages: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let mut warnings = 0;
    for message in messages
        .iter()
        .filter(|m| m["reason"] == "compiler-message")
    {
        eprint!(
            "{}",
            message["message"]["rendered"].as_str().unwrap_or_default()
        );
        warnings += usize::from(message["message"]["level"] == "warning");
    }
    if !output.status.success() {
        return Err("the tests do not build (the compiler's messages are above)".into());
    }
    if denied && warnings > 0 {
        return Err(format!(
            "{warnings} warning(s) above, in a build that denies warnings: the denial did \
             not reach the compiler"
        ));
    }
    let mut binaries = Vec::new();
    for message in &messages {
        let (Some(executable), true) = (
            message["executable"].as_str(),
            message["profile"]["test"] == true,
        ) else {
            continue;
        };
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        binaries.push(TestBinary {
            source: PathBuf::from(message["target"]["src_path"].as_str().unwrap_or_default()),
            kind: message["target"]["kind"][0]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            executable: PathBuf::from(executable),
            package_dir: manifest.parent().unwrap_or(&root()).to_path_buf(),
        });
    }
    binaries.sort_by(|a, b| a.source.cmp(&b.source));
    if binaries.is_empty() {
        return Err("cargo built no test binaries".into());
    }
    Ok(binaries)
}

/// Runs one test binary and reads its `test result:` line; returns it with the output.
fn run_binary(binary: &TestBinary, env: &[(&str, &str)]) -> Result<(Outcome, String)> {
    let file = shown(&binary.source);
    let finished = binary.run(env, &[], false)?;
    let outcome = finished
        .output
        .lines()
        .filter_map(|line| line.strip_prefix("test result: "))
        .map(parse_summary)
        .next_back();
    match outcome {
        Some(outcome) if finished.status.success() || outcome.failed > 0 => {
            Ok((outcome, finished.output))
        }
        _ => Err(format!(
            "the tests of {file} stopped without a result ({}); a crash or an abort \
             (a panic while panicking, say) would explain it. Its output:\n{}",
            finished.status, finished.output
        )),
    }
}

impl TestBinary {
    /// Runs the binary from its package's folder with `env` set and `args` passed to
    /// libtest, under the deadline of [`supervise`].
    pub fn run(&self, env: &[(&str, &str)], args: &[&str], echo: bool) -> Result<Finished> {
        let command = || {
            let mut command = Command::new(&self.executable);
            command
                .current_dir(&self.package_dir)
                .env("CARGO_MANIFEST_DIR", &self.package_dir)
                .envs(env.iter().copied())
                .args(args)
                .stdin(Stdio::null());
            command
        };
        supervise::run(
            &mut command(),
            &shown(&self.source),
            || supervise::list(&mut command(), &supervise::LIST),
            supervise::TEST_LIMIT,
            echo,
        )
    }
}

/// `ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s`
fn parse_summary(summary: &str) -> Outcome {
    let mut outcome = Outcome::default();
    for part in summary.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let count = |i: usize| words.get(i).and_then(|w| w.parse().ok()).unwrap_or(0);
        match words.as_slice() {
            [.., _, "passed"] => outcome.passed = count(words.len() - 2),
            [_, "failed"] => outcome.failed = count(0),
            [_, "ignored"] => outcome.ignored = count(0),
            _ => {}
        }
    }
    outcome
}

/// The tests a target's sources declare: lines starting with `#[test]` or
/// `#[tokio::test`, outside raw string literals (`r#"..."#`, where fixtures live), in
/// the file itself for a file in `tests/`, and in every file of its folder for a
/// library or a program.
fn declared_tests(binary: &TestBinary) -> usize {
    let files = if binary.kind == "test" {
        vec![binary.source.clone()]
    } else {
        files_under(binary.source.parent().unwrap_or(Path::new(".")), "rs")
    };
    files
        .iter()
        .map(|file| test_attributes(&fs::read_to_string(file).unwrap_or_default()))
        .sum()
}

fn test_attributes(source: &str) -> usize {
    let (mut count, mut in_raw_string) = (0, false);
    for line in source.lines() {
        let mut rest = line;
        if in_raw_string {
            match rest.find("\"#") {
                Some(end) => (in_raw_string, rest) = (false, &rest[end + 2..]),
                None => continue,
            }
        } else {
            let attribute = line.trim_start();
            if attribute.starts_with("#[test]") || attribute.starts_with("#[tokio::test") {
                count += 1;
            }
        }
        while let Some(start) = rest.find("r#\"") {
            match rest[start + 3..].find("\"#") {
                Some(end) => rest = &rest[start + 3 + end + 2..],
                None => {
                    in_raw_string = true;
                    break;
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_attributes_in_raw_strings_are_fixtures_not_tests() {
        let source = concat!(
            "#[test]\nfn a() {}\n",
            "const F: &str = r#\"\n#[test]\nfn b() {}\n\"#;\n",
            "#[tokio::test(start_paused = true)]\nasync fn c() {}\n",
        );
        assert_eq!(test_attributes(source), 2);
    }

    #[test]
    fn summary_line_counts() {
        let outcome = parse_summary("FAILED. 3 passed; 2 failed; 1 ignored; 0 measured");
        assert_eq!((outcome.passed, outcome.failed, outcome.ignored), (3, 2, 1));
    }
}
