use std::process::Command;
use std::time::Duration;

// ANCHOR: report
/// What a child process measured. The Rust and the Python children print the same
/// format, one `name value` pair a line, e.g. `wall 0.1032`.
#[derive(Debug, PartialEq)]
pub struct Report(Vec<(String, String)>);

impl Report {
    pub fn parse(printed: &str) -> Report {
        let pairs = printed.lines().filter_map(|line| {
            let (name, value) = line.split_once(' ')?;
            Some((name.to_string(), value.trim().to_string()))
        });
        Report(pairs.collect())
    }

    /// The value printed after `name`, if the child printed one.
    pub fn get(&self, name: &str) -> Option<&str> {
        let (_, value) = self.0.iter().find(|(n, _)| n == name)?;
        Some(value)
    }

    /// A value in seconds, as both languages print them.
    pub fn seconds(&self, name: &str) -> Option<Duration> {
        let seconds: f64 = self.get(name)?.split(' ').next_back()?.parse().ok()?;
        Duration::try_from_secs_f64(seconds).ok()
    }

    pub fn number(&self, name: &str) -> Option<u64> {
        self.get(name)?.parse().ok()
    }
}

/// Runs a child to the end and reads its report; any failure is an error that
/// says what the child printed.
pub fn run_child(command: &mut Command) -> Result<Report, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{command:?} failed ({}): {stderr}", output.status));
    }
    Ok(Report::parse(&String::from_utf8_lossy(&output.stdout)))
}

/// `Python 3.x.y` if a `python3` is on the `PATH`, else `None`.
pub fn python3_version() -> Option<String> {
    let output = Command::new("python3").arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && !version.is_empty()).then_some(version)
}

// ANCHOR: python3
/// `python3 -I`: isolated mode, which ignores the `PYTHON*` environment variables and
/// the user's own site-packages, so that nothing in the environment changes a run.
pub fn python3() -> Command {
    let mut command = Command::new("python3");
    command.arg("-I");
    command
}
// ANCHOR_END: python3

/// Whether `python3 -I` can import `module` (uvloop is not in the standard library).
pub fn python3_imports(module: &str) -> bool {
    let mut command = python3();
    command.args(["-c", &format!("import {module}")]);
    command.output().is_ok_and(|output| output.status.success())
}
// ANCHOR_END: report

fn main() {
    let report = Report::parse("wall 0.25\npeak_kib 5124\nerror can't start new thread\n");
    assert_eq!(report.seconds("wall"), Some(Duration::from_millis(250)));
    assert_eq!(report.number("peak_kib"), Some(5_124));
    assert_eq!(report.get("error"), Some("can't start new thread"));
    assert_eq!(report.get("most_alive"), None);
    // `primes.py` prints `<way> <found> <seconds>`: the seconds come last.
    let report = Report::parse("threads 25 0.5\n");
    assert_eq!(report.seconds("threads"), Some(Duration::from_millis(500)));
    assert_eq!(report.get("threads"), Some("25 0.5"));
    if python3_version().is_some() {
        assert!(python3_imports("asyncio") && !python3_imports("no_such_module"));
    }
}
