//! The machine a benchmark ran on and the run it made, as the results files record
//! them: enough for a reader to tell whether their own numbers should match.

use std::fs;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::{Result, cargo, root};

/// The machine a benchmark ran on, as far as a program can tell.
pub struct Machine {
    rows: Vec<(&'static str, String)>,
    short: String,
}

impl Machine {
    pub fn describe() -> Result<Machine> {
        let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
        // `key: value` (cpuinfo, meminfo) or `KEY="value"` (os-release).
        let field = |text: &str, key: &str| {
            text.lines().find_map(|line| {
                let value = line
                    .strip_prefix(key)?
                    .trim_start_matches([' ', '\t', ':', '=']);
                Some(value.trim_matches('"').trim().to_string())
            })
        };
        let cpu = field(&read("/proc/cpuinfo"), "model name").unwrap_or_else(|| "unknown".into());
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let memory = field(&read("/proc/meminfo"), "MemTotal")
            .and_then(|kib| kib.trim_end_matches(" kB").trim().parse::<f64>().ok())
            .map_or("unknown".into(), |kib| {
                format!("{:.0} GiB", kib / (1024.0 * 1024.0))
            });
        let os = field(&read("/etc/os-release"), "PRETTY_NAME")
            .unwrap_or_else(|| std::env::consts::OS.into());
        let kernel = read("/proc/sys/kernel/osrelease").trim().to_string();
        let rustc = output(
            Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
                .arg("--version"),
        )
        .ok_or("cannot run `rustc --version`")?;
        let python = output(Command::new("python3").arg("-VV"))
            .unwrap_or_else(|| "not found: the Python comparisons were skipped".into());
        let python_build = output(Command::new("python3").args(["-c", PYTHON_BUILD]))
            .unwrap_or_else(|| "unknown".into());
        let hypervisor = match hypervisor() {
            Some(name) => format!("{name} (a virtual machine: other guests can take its CPUs)"),
            None => "none detected".into(),
        };
        let idle = read("/sys/devices/system/cpu/cpuidle/current_driver");
        let short = format!(
            "<small>Measured on {cores} logical CPUs ({cpu}), {}, {}, release profile; \
             rerun with `COMMAND`.</small>",
            if kernel.is_empty() {
                os.clone()
            } else {
                format!("Linux {kernel}")
            },
            rustc.split(" (").next().unwrap_or(&rustc),
        );
        let rows = vec![
            ("CPU", cpu),
            ("hypervisor", hypervisor),
            (
                "cpuidle driver",
                match idle.trim() {
                    "" => "none".into(),
                    driver => driver.into(),
                },
            ),
            ("logical CPUs", cores.to_string()),
            ("memory", memory),
            (
                "OS",
                if kernel.is_empty() {
                    os
                } else {
                    format!("{os}, Linux {kernel}")
                },
            ),
            ("compiler", rustc),
            ("crates", crate_versions()?),
            ("profile", "release (`cargo build --release`)".into()),
            ("Python", python),
            ("Python build", python_build),
        ];
        Ok(Machine { rows, short })
    }

    /// The machine, then the `run` it made.
    pub fn table(&self, run: &[(&str, String)]) -> String {
        let mut table = String::from("| machine | |\n| --- | --- |\n");
        for (key, value) in self.rows.iter().chain(run) {
            table.push_str(&format!("| {key} | {value} |\n"));
        }
        table
    }

    pub fn summary(&self, command: &str) -> String {
        self.short.replace("COMMAND", command)
    }
}

/// How the interpreter was built: optimised by PGO and LTO or not, with or without
/// the GIL.
const PYTHON_BUILD: &str = "import sysconfig as s; a = s.get_config_var('CONFIG_ARGS') or ''; \
    print(('PGO' if '--enable-optimizations' in a else 'no PGO') + ', ' + \
    ('LTO' if '--with-lto' in a else 'no LTO') + ', ' + \
    ('free-threaded (Py_GIL_DISABLED=1)' if s.get_config_var('Py_GIL_DISABLED') else 'with the GIL'))";

/// The hypervisor the kernel found at boot, if any.
fn hypervisor() -> Option<String> {
    let log = output(&mut Command::new("dmesg")).unwrap_or_default();
    let named = log.lines().find_map(|line| {
        Some(
            line.split_once("Hypervisor detected: ")?
                .1
                .trim()
                .to_owned(),
        )
    });
    let flagged = fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .any(|line| {
            line.starts_with("flags") && line.split_whitespace().any(|f| f == "hypervisor")
        });
    named.or_else(|| flagged.then(|| "unnamed".to_owned()))
}

/// The row of a run's record that says how much CPU time programs other than the
/// benchmark used while it ran.
pub const OTHER_PROGRAMS: &str = "CPU time used by other programs";

/// The machine's load and CPU time at one moment, to describe a run.
pub struct Snapshot {
    /// `/proc/loadavg`'s first three fields: the load over 1, 5 and 15 minutes.
    load: String,
    /// CPU time stolen by the hypervisor, CPU time spent running anything, and all CPU
    /// time, in ticks (`/proc/stat`).
    steal: u64,
    busy: u64,
    total: u64,
    /// CPU time used by this program and the children it has waited for, in ticks
    /// (`/proc/self/stat`): the benchmark's own share of `busy`.
    own: u64,
}

impl Snapshot {
    pub fn take() -> Snapshot {
        let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
        let ticks: Vec<u64> = stat
            .lines()
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .skip(1)
            .filter_map(|t| t.parse().ok())
            .collect();
        // /proc/self/stat: utime, stime, cutime and cstime are fields 14 to 17, the
        // 12th to 15th after the command's name in parentheses.
        let own_stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let own_fields = own_stat.rsplit(')').next().unwrap_or_default();
        let own = own_fields
            .split_whitespace()
            .skip(11)
            .take(4)
            .filter_map(|t| t.parse::<u64>().ok())
            .sum();
        // /proc/stat's first line: user nice system idle iowait irq softirq steal.
        let busy = [0, 1, 2, 5, 6].iter().filter_map(|&i| ticks.get(i)).sum();
        Snapshot {
            load: load
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
            steal: ticks.get(7).copied().unwrap_or(0),
            busy,
            total: ticks.iter().take(8).sum(),
            own,
        }
    }

    /// The rows that describe a run from this snapshot to `after`.
    pub fn record(&self, after: &Snapshot) -> Vec<(&'static str, String)> {
        let total = after.total.saturating_sub(self.total).max(1);
        let share =
            |before: u64, after: u64| after.saturating_sub(before) as f64 * 100.0 / total as f64;
        let steal = share(self.steal, after.steal);
        let others = share(self.busy + after.own, after.busy + self.own);
        let date = output(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
            .unwrap_or_else(|| "unknown".into());
        let commit = output(Command::new("git").args(["rev-parse", "--short", "HEAD"]))
            .unwrap_or_else(|| "unknown".into());
        let changed = output(Command::new("git").args(["status", "--porcelain"])).is_some();
        vec![
            (
                "run",
                format!(
                    "{date}, commit {commit}{}",
                    if changed {
                        " with uncommitted changes"
                    } else {
                        ""
                    }
                ),
            ),
            (
                "load average (1, 5, 15 min)",
                format!("{} before, {} after", self.load, after.load),
            ),
            (
                "CPU time stolen by the hypervisor",
                format!("{steal:.1}% during the run"),
            ),
            (
                OTHER_PROGRAMS,
                format!("{others:.1}% of all CPU time during the run"),
            ),
        ]
    }
}

/// What a command prints, trimmed, if it runs, succeeds and prints something.
fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok().filter(|out| out.status.success())?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The versions Cargo.lock resolves for the crates the listings depend on.
fn crate_versions() -> Result<String> {
    let out = cargo()
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let metadata: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let version_of = |id: &Value| {
        let packages = metadata["packages"].as_array()?;
        let package = packages.iter().find(|p| &p["id"] == id)?;
        Some(format!(
            "{} {}",
            package["name"].as_str()?,
            package["version"].as_str()?
        ))
    };
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no resolve")?;
    let listings = nodes
        .iter()
        .find(|node| version_of(&node["id"]).is_some_and(|v| v.starts_with("listings ")))
        .ok_or("cargo metadata: no `listings` package")?;
    let mut versions: Vec<String> = listings["deps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|dep| {
            // Normal dependencies for every target: not loom, not the test-only crates.
            dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|kind| kind["kind"].is_null() && kind["target"].is_null())
        })
        .filter_map(|dep| version_of(&dep["pkg"]))
        .collect();
    versions.sort();
    Ok(versions.join(", "))
}
