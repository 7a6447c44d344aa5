//! `cargo xtask bench [NAME]`: the book's benchmarks, in release, and their results.
//!
//! Each benchmark prints Markdown tables between anchor lines; this command saves
//! them as `src/results/<name>.md` under a table of the machine they ran on, and adds
//! a one-line machine summary to each table, so a chapter that includes a table
//! (`{{#include ../results/<name>.md:<anchor>}}`) shows where its numbers came from.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::machine::{Machine, Snapshot};
use crate::{Result, bench_sources, cargo, machines, root, run};

/// Where the results files live, relative to the repository root.
pub const RESULTS_DIR: &str = "src/results";

/// `cargo xtask bench [--machine <name>] [<bench> | --list]`.
pub fn command(args: &[String]) -> Result {
    let (folder, args) = match args {
        [flag, name, rest @ ..] if flag == "--machine" => {
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                return Err(format!(
                    "`--machine {name}`: name the machine with letters, digits, `-` and `_` \
                     (e.g. `--machine m2-laptop`)"
                ));
            }
            (
                format!("{RESULTS_DIR}/{}/{name}", machines::MACHINES_DIR),
                rest,
            )
        }
        [flag] if flag == "--machine" => {
            return Err("usage: cargo xtask bench --machine <name> [<bench>]".into());
        }
        args => (RESULTS_DIR.to_owned(), args),
    };
    match args {
        [] => bench(None, &folder),
        [name] => bench(Some(name), &folder),
        _ => Err("usage: cargo xtask bench [--machine <name>] [<bench> | --list]".into()),
    }
}

/// `None`: every benchmark. `--list`: their names. Results go to `folder`.
fn bench(name: Option<&str>, folder: &str) -> Result {
    let benches = names()?;
    let chosen: Vec<&str> = match name {
        Some("--list") => {
            println!(
                "benchmarks (run one with `cargo xtask bench <name>`, all with `cargo xtask bench`):"
            );
            benches.iter().for_each(|bench| println!("  {bench}"));
            return Ok(());
        }
        Some(name) if benches.iter().any(|b| b == name) => vec![name],
        Some(other) => {
            return Err(format!(
                "no benchmark `{other}`; the benchmarks are: {}",
                benches.join(", ")
            ));
        }
        None => benches.iter().map(String::as_str).collect(),
    };
    let mut build = cargo();
    build.args(["build", "--release"]);
    for bench in &chosen {
        build.args(["--example", &format!("bench_{bench}")]);
    }
    run("build the benchmarks (release)", &mut build)?;
    if chosen.contains(&crate::python_ext::BENCHED_BY) {
        crate::python_ext::build_release()?;
    }
    let machine = Machine::describe()?;
    let started = Instant::now();
    for bench in &chosen {
        let sources = bench_sources::fingerprints(&root(), &bench_file(bench)?);
        run_one(bench, &machine, &sources, folder)?;
    }
    println!(
        "\n{} benchmark(s) in {:.0?}; results in {folder}/",
        chosen.len(),
        started.elapsed()
    );
    Ok(())
}

/// The benchmark names: every `[[example]]` called `bench_<name>` in Cargo.toml.
fn names() -> Result<Vec<String>> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    Ok(manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \"bench_")?.strip_suffix('"'))
        .map(String::from)
        .collect())
}

/// The source file of benchmark `bench`: the `path` of its `[[example]]`.
fn bench_file(bench: &str) -> Result<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let name = format!("name = \"bench_{bench}\"");
    manifest
        .lines()
        .skip_while(|line| *line != name)
        .find_map(|line| line.strip_prefix("path = \"")?.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("Cargo.toml: no `path` for the example bench_{bench}"))
}

/// Runs one benchmark, echoing what it prints, and writes its results file with the
/// `sources` it was built from.
fn run_one(bench: &str, machine: &Machine, sources: &[(String, String)], folder: &str) -> Result {
    println!("\n==> benchmark {bench}");
    let before = Snapshot::take();
    let started = Instant::now();
    let program = root().join(format!("target/release/examples/bench_{bench}"));
    let mut child = Command::new(&program)
        .arg("--bench")
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let mut printed = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        printed.push(line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!(
            "benchmark {bench} failed ({status}); its results file is unchanged"
        ));
    }
    let run = before.record(&Snapshot::take());
    let results = results_file(
        &format!("cargo xtask bench {bench}"),
        &printed,
        machine,
        &run,
        sources,
    );
    if !results.contains("<!-- ANCHOR: ") {
        return Err(format!(
            "benchmark {bench} printed no table (see listings/measure.rs)"
        ));
    }
    write_results(bench, &results, folder)?;
    let took = started.elapsed();
    println!("    ({bench}: {took:.1?}; wrote {folder}/{bench}.md)");
    Ok(())
}

fn write_results(name: &str, results: &str, folder: &str) -> Result {
    let path = root().join(folder).join(format!("{name}.md"));
    fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
    fs::write(&path, results).map_err(|e| e.to_string())
}

/// The results file that `command` writes: the sources it ran, the machine, then the
/// tables, each closed by a one-line summary of the machine.
fn results_file(
    command: &str,
    printed: &[String],
    machine: &Machine,
    run: &[(&str, String)],
    sources: &[(String, String)],
) -> String {
    let mut out = format!(
        "<!-- Written by `{command}`: rerun it rather than edit this file. -->\n\n{}\n\
         <!-- ANCHOR: machine -->\n{}<!-- ANCHOR_END: machine -->\n\n",
        bench_sources::record(sources),
        machine.table(run)
    );
    let summary = machine.summary(command);
    for line in printed.iter().filter(|line| is_table_output(line)) {
        if line.starts_with("<!-- ANCHOR_END: ") && !line.contains("ANCHOR_END: machine") {
            out.push_str(&format!("\n{summary}\n"));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What belongs in a results file: the tables between anchors and the blank lines
/// around them, not the progress a benchmark prints for the person running it.
fn is_table_output(line: &str) -> bool {
    line.is_empty()
        || line.starts_with("<!-- ANCHOR")
        || line.starts_with("**")
        || line.starts_with('|')
}
