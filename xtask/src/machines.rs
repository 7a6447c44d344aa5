//! `{{#machines}}`: every machine the benchmarks ran on, side by side, in one table
//! that the figures preprocessor builds from the results files when the book is built.
//!
//! The book's own machine is the one whose results are in `src/results/`; `cargo xtask
//! bench --machine <name>` saves another machine's run in `src/results/machines/<name>/`,
//! and a reader who runs it on their laptop adds a row by pull request. A row shows the
//! machine, then a few figures that say the most about it: cells as the results files
//! have them, with their ranges, or "—" where a run has no such cell.

use std::fs;
use std::path::{Path, PathBuf};

use crate::figure_refs;

/// What a chapter writes where the table goes.
pub const DIRECTIVE: &str = "{{#machines}}";

/// The folder, under `src/results/`, of the other machines' runs.
pub const MACHINES_DIR: &str = "machines";

/// The machine record's rows each row of the table shows, from `workloads.md`.
const MACHINE_ROWS: &[&str] = &["CPU", "logical CPUs", "run"];

/// The figures compared: a column's header, then the results file, the table's anchor,
/// the row's slug and the column's slug. A row of `None` is the table's last row (the
/// newest CPython, in `python_cpu`), named before its cell.
const FIGURES: &[(&str, &str, &str, Option<&str>, &str)] = &[
    (
        "primes, 2 threads ÷ 1",
        "workloads",
        "cpu",
        Some("2"),
        "speedup",
    ),
    (
        "a thread start ÷ a task's",
        "spawn_costs",
        "spawn",
        Some("a_thread"),
        "ratio_to_the_cheapest",
    ),
    (
        "a process start ÷ a task's",
        "spawn_costs",
        "spawn",
        Some("a_process_this_program_again_exiting_at_once"),
        "ratio_to_the_cheapest",
    ),
    (
        "newest CPython ÷ Rust, primes, one thread",
        "python_cpu",
        "cpu_ratio",
        None,
        "sequential",
    ),
];

/// `markdown` with each [`DIRECTIVE`] replaced by the table of the machines whose
/// results are under `results` (`src/results`).
pub fn expand(markdown: &str, results: &Path) -> String {
    match markdown.contains(DIRECTIVE) {
        true => markdown.replace(DIRECTIVE, &table(results)),
        false => markdown.to_owned(),
    }
}

/// The table: the book's machine first, then each saved machine by name.
pub fn table(results: &Path) -> String {
    let mut machines = vec![("this book's machine".to_owned(), results.to_path_buf())];
    let mut others: Vec<(String, PathBuf)> = fs::read_dir(results.join(MACHINES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            )
        })
        .collect();
    others.sort();
    machines.extend(others);

    let headers: Vec<&str> = std::iter::once("machine")
        .chain(MACHINE_ROWS.iter().copied())
        .chain(FIGURES.iter().map(|figure| figure.0))
        .collect();
    let mut lines = vec![
        format!("| {} |", headers.join(" | ")),
        format!("| {} |", vec!["---"; headers.len()].join(" | ")),
    ];
    for (name, folder) in &machines {
        let read = |bench: &str| fs::read_to_string(folder.join(format!("{bench}.md"))).ok();
        let record = read("workloads").map_or(Vec::new(), |t| figure_refs::rows(&t, "machine"));
        let mut cells = vec![name.clone()];
        cells.extend(MACHINE_ROWS.iter().map(|&row| {
            let value = record.iter().find(|(_, cells)| cells[0] == row);
            value
                .and_then(|(_, cells)| cells.get(1))
                .map_or("—".to_owned(), String::clone)
        }));
        for &(_, bench, anchor, row, column) in FIGURES {
            let rows = read(bench).map_or(Vec::new(), |text| figure_refs::rows(&text, anchor));
            let found = match row {
                Some(row) => rows
                    .iter()
                    .find(|(_, cells)| cells.first().is_some_and(|c| figure_refs::slug(c) == row)),
                None => rows.last(),
            };
            let cell = found.and_then(|(columns, cells)| {
                let cell = cells.get(columns.iter().position(|c| c == column)?)?;
                Some(match row {
                    Some(_) => cell.clone(),
                    // "Python 3.13.0, configured ...": the version names the row.
                    None => format!("{}: {cell}", cells[0].split(',').next().unwrap_or("")),
                })
            });
            cells.push(cell.unwrap_or_else(|| "—".to_owned()));
        }
        lines.push(format!("| {} |", cells.join(" | ")));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKLOADS: &str = "<!-- ANCHOR: machine -->\n| machine | |\n| --- | --- |\n\
        | CPU | Xeon |\n| logical CPUs | 2 |\n| run | 2026-12-05, commit abc |\n\
        <!-- ANCHOR_END: machine -->\n<!-- ANCHOR: cpu -->\n| threads | time | speedup |\n\
        | --- | ---: | ---: |\n| 1 | 2 s (1–3) | 1× (the baseline) |\n\
        | 2 | 1 s (1–2) | 2.0× (1.9–2.1) |\n<!-- ANCHOR_END: cpu -->\n";

    const PYTHON: &str = "<!-- ANCHOR: cpu_ratio -->\n| language | sequential |\n| --- | ---: |\n\
        | Python 3.12.1, configured without PGO/LTO | 17× (16–22) |\n\
        | Python 3.13.0, configured without PGO/LTO | 18× (17–22) |\n\
        <!-- ANCHOR_END: cpu_ratio -->\n";

    #[test]
    fn each_machine_is_a_row_with_the_cells_its_run_has() {
        let dir = std::env::temp_dir().join(format!("xtask-machines-{}", std::process::id()));
        let laptop = dir.join(MACHINES_DIR).join("arm-laptop");
        fs::create_dir_all(&laptop).unwrap();
        fs::write(dir.join("workloads.md"), WORKLOADS).unwrap();
        fs::write(dir.join("python_cpu.md"), PYTHON).unwrap();
        fs::write(laptop.join("workloads.md"), WORKLOADS.replace("Xeon", "M2")).unwrap();
        let table = table(&dir);
        let _ = fs::remove_dir_all(&dir);
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(
            rows,
            [
                "| this book's machine | Xeon | 2 | 2026-12-05, commit abc | 2.0× (1.9–2.1) \
                 | — | — | Python 3.13.0: 18× (17–22) |",
                "| arm-laptop | M2 | 2 | 2026-12-05, commit abc | 2.0× (1.9–2.1) | — | — | — |",
            ]
        );
    }

    #[test]
    fn a_chapter_without_the_directive_is_left_as_it_is() {
        let text = "No table here: {{#figure a.b.c.d}}\n";
        assert_eq!(expand(text, Path::new("/nonexistent")), text);
    }
}
