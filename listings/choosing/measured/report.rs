use std::env;
use std::fs;
use std::path::{Path, PathBuf};
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

/// The oldest CPython the comparisons cover.
pub const OLDEST: (u32, u32) = (3, 10);

/// Whether a file's name is that of a CPython interpreter: `python3`, `python3.13`,
/// or `python3.13t`, whose `t` names a free-threaded build. The answer is whether the
/// name says free-threaded; `None` for anything else, such as `python3.13-config`.
pub fn interpreter_name(path: &Path) -> Option<bool> {
    let version = path.file_name()?.to_str()?.strip_prefix("python3")?;
    if version.is_empty() {
        return Some(false);
    }
    let minor = version.strip_prefix('.')?;
    let (minor, free_threaded) = match minor.strip_suffix('t') {
        Some(minor) => (minor, true),
        None => (minor, false),
    };
    let digits = !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit());
    digits.then_some(free_threaded)
}

/// The files among `paths` named like an interpreter, in their order, once each.
pub fn interpreter_candidates(paths: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    for path in paths {
        if interpreter_name(&path).is_some() && !candidates.contains(&path) {
            candidates.push(path);
        }
    }
    candidates
}

/// A CPython on this machine, as it describes itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Python {
    /// The program to run: `sys.executable`, which keeps a virtual environment's own.
    pub program: PathBuf,
    /// `3.13.0`
    pub version: String,
    /// Built without the GIL (`Py_GIL_DISABLED`).
    pub free_threaded: bool,
    /// `PGO+LTO`, `PGO`, `LTO` as its `configure` options record it, or `configured
    /// without PGO/LTO` (a distribution may optimise in ways these do not record).
    pub optimised: String,
}

/// What an interpreter prints about itself; `-I` and this run on
/// every version from 3.4 on, so that an older one is recognised and left out.
const DESCRIBE: &str = "import os, sys, sysconfig as s
a = s.get_config_var('CONFIG_ARGS') or ''
print('implementation', sys.implementation.name)
print('program', sys.executable)
print('real', os.path.realpath(sys.executable))
print('version', '%d.%d.%d' % sys.version_info[:3])
print('free_threaded', int(bool(s.get_config_var('Py_GIL_DISABLED'))))
o = [n for f, n in (('--enable-optimizations', 'PGO'), ('--with-lto', 'LTO')) if f in a]
print('optimised', '+'.join(o) or 'configured without PGO/LTO')";

impl Python {
    /// Its version, with a `t` for a free-threaded build as its program has, and how
    /// it was optimised: `Python 3.13.0t, PGO+LTO`.
    pub fn label(&self) -> String {
        let t = if self.free_threaded { "t" } else { "" };
        format!("Python {}{t}, {}", self.version, self.optimised)
    }

    // ANCHOR: python3
    /// `python -I`: isolated mode, which ignores the `PYTHON*` environment variables
    /// and the user's own site-packages, so that nothing in the environment changes a
    /// run.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.arg("-I");
        command
    }
    // ANCHOR_END: python3

    /// Whether it can import `module` (uvloop is not in the standard library).
    pub fn imports(&self, module: &str) -> bool {
        let mut command = self.command();
        command.args(["-c", &format!("import {module}")]);
        command.output().is_ok_and(|output| output.status.success())
    }

    /// Runs `program` and asks it what it is: `None` if it does not run (a link to
    /// nothing, say), is not CPython, or is older than [`OLDEST`]. The second value is
    /// the real file, to tell links to one interpreter apart.
    fn describe(program: &Path) -> Option<(Python, String)> {
        let mut command = Command::new(program);
        command.args(["-I", "-c", DESCRIBE]);
        let report = run_child(&mut command).ok()?;
        let version = report.get("version")?.to_owned();
        let mut numbers = version.split('.').map(|n| n.parse::<u32>().ok());
        let (major, minor) = (numbers.next()??, numbers.next()??);
        if report.get("implementation")? != "cpython" || (major, minor) < OLDEST {
            return None;
        }
        let python = Python {
            program: report.get("program")?.into(),
            version,
            free_threaded: report.number("free_threaded")? == 1,
            optimised: report.get("optimised")?.to_owned(),
        };
        Some((python, report.get("real")?.to_owned()))
    }
}

/// Every CPython from [`OLDEST`] on that this machine has: each `python3`,
/// `python3.X` and `python3.Xt` on the `PATH` and, when pyenv is installed, in each
/// of its versions. One entry per interpreter, oldest first, each build after the one
/// with the GIL.
pub fn pythons() -> Vec<Python> {
    let mut dirs: Vec<PathBuf> = env::var_os("PATH")
        .map(|path| env::split_paths(&path).collect())
        .unwrap_or_default();
    if let Ok(output) = Command::new("pyenv").arg("root").output() {
        let root = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        // pyenv's shims are scripts that run only the versions selected, each of
        // which is in its versions folder: those are asked directly instead.
        dirs.retain(|dir| !dir.starts_with(&root));
        let versions = fs::read_dir(root.join("versions")).into_iter().flatten();
        dirs.extend(versions.flatten().map(|version| version.path().join("bin")));
    }
    let files = dirs
        .iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten().map(|entry| entry.path()));
    // `python3` and `python3.13` are often links to one file: it is asked once.
    let mut files_seen = Vec::new();
    let mut candidates = interpreter_candidates(files);
    candidates.retain(|program| {
        let file = fs::canonicalize(program).unwrap_or_else(|_| program.clone());
        let new = !files_seen.contains(&file);
        files_seen.push(file);
        new
    });
    // Every candidate asked at once, the answers kept in the candidates' order.
    let answers: Vec<Option<(Python, String)>> = std::thread::scope(|scope| {
        let asking: Vec<_> = candidates
            .iter()
            .map(|program| scope.spawn(|| Python::describe(program)))
            .collect();
        asking.into_iter().map(|ask| ask.join().unwrap()).collect()
    });
    let mut found: Vec<(Python, String)> = Vec::new();
    for (python, real) in answers.into_iter().flatten() {
        if !found.iter().any(|(_, seen)| *seen == real) {
            found.push((python, real));
        }
    }
    let mut pythons: Vec<Python> = found.into_iter().map(|(python, _)| python).collect();
    pythons.sort_by_key(|python| {
        let numbers: Vec<u32> = python.version.split('.').flat_map(str::parse).collect();
        (numbers, python.free_threaded)
    });
    pythons
}

/// Says on stderr which interpreters were found, or that the Python side is skipped.
pub fn announce(pythons: &[Python]) {
    match pythons {
        [] => eprintln!("{}: the Python side is skipped", skipped()),
        _ => {
            let labels: Vec<String> = pythons.iter().map(Python::label).collect();
            eprintln!("comparing with {}", labels.join(", "));
        }
    }
}

/// What a Python cell says when there is no interpreter to run.
pub fn skipped() -> String {
    let (major, minor) = OLDEST;
    format!("skipped: no CPython {major}.{minor} or later found")
}

/// The method line of a table of ratios.
pub const RATIO_METHOD: &str =
    "each the median of the ratios of runs in the same round (lowest–highest)";
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
    assert_eq!(
        interpreter_name(Path::new("/usr/bin/python3.13t")),
        Some(true)
    );
    assert_eq!(
        interpreter_name(Path::new("/usr/bin/python3.13-config")),
        None
    );
    if let Some(python) = pythons().first() {
        assert!(python.imports("asyncio") && !python.imports("no_such_module"));
    }
}
