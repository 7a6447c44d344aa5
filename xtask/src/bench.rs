//! `cargo xtask bench <name>`: one of the book's benchmarks, in release.

use std::fs;

use crate::{Result, cargo, root, run};

/// Runs `listings/**/bench_<name>.rs` (an `[[example]]` of the crate) in release.
pub fn bench(name: Option<&str>) -> Result {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let benches: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \"bench_")?.strip_suffix('"'))
        .collect();
    match name {
        Some(name) if benches.contains(&name) => run(
            &format!("benchmark {name} (release)"),
            cargo()
                .args(["run", "--release", "--example"])
                .arg(format!("bench_{name}"))
                .args(["--", "--bench"]),
        ),
        None => {
            println!("benchmarks (run one with `cargo xtask bench <name>`):");
            for bench in &benches {
                println!("  {bench}");
            }
            Ok(())
        }
        Some(other) => Err(format!(
            "no benchmark `{other}`; the benchmarks are: {}",
            benches.join(", ")
        )),
    }
}
