//! Cargo.toml, parsed with the `toml` crate: the dependencies a listing may name, the
//! benchmarks declared as `[[example]]`s, and the programs declared as `[[bin]]`s
//! (listings that start themselves again as worker processes).

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::Book;
use super::markdown::line_of;

pub(super) struct Manifest {
    /// Every normal dependency (`[dependencies]`, `[dependencies.foo]`,
    /// `[target.'cfg(..)'.dependencies]`), as Rust code names it: the table key
    /// (which a `package = "..."` rename keeps), with `-` turned into `_`.
    pub(super) dependencies: Vec<String>,
    pub(super) examples: Vec<Example>,
    /// `[[bin]]` targets: listings that tests start as processes.
    pub(super) bins: Vec<Example>,
    /// The manifest's text, to turn byte offsets into lines.
    text: String,
}

pub(super) struct Example {
    pub(super) name: String,
    pub(super) path: String,
    /// Byte range of the `[[example]]` entry's name (or of the entry) in Cargo.toml.
    at: Range<usize>,
}

impl Book {
    pub(super) fn manifest(&self) -> Manifest {
        let text = self.source("Cargo.toml");
        let mut manifest = Manifest {
            dependencies: Vec::new(),
            examples: Vec::new(),
            bins: Vec::new(),
            text: text.clone(),
        };
        let Ok(document) = DeTable::parse(&text) else {
            return manifest;
        };
        let document = document.get_ref();
        let mut tables = vec![table(document, "dependencies")];
        if let Some(targets) = table(document, "target") {
            tables.extend(
                targets
                    .values()
                    .map(|t| table_of(t.get_ref(), "dependencies")),
            );
        }
        for dependencies in tables.into_iter().flatten() {
            for name in dependencies.keys() {
                manifest.dependencies.push(name.get_ref().replace('-', "_"));
            }
        }
        manifest.dependencies.sort();
        manifest.dependencies.dedup();
        manifest.examples = targets(document, "example");
        manifest.bins = targets(document, "bin");
        manifest
    }

    /// Benchmarks: `[[example]] name = "bench_<x>"`, path
    /// `listings/<part>/<chapter>/bench_<x>.rs`; every `bench_*` listing declared.
    pub(super) fn check_examples(&mut self) {
        let manifest = self.manifest();
        for example in &manifest.examples {
            let line = line_of(&manifest.text, example.at.start);
            let stem = Path::new(&example.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parts: Vec<&str> = example.path.split('/').collect();
            let in_a_chapter = parts.len() == 4
                && parts[0] == "listings"
                && self
                    .chapters
                    .contains_key(&format!("src/{}/{}.md", parts[1], parts[2]));
            if !example.name.starts_with("bench_") || example.name != stem || !in_a_chapter {
                self.problem(
                    "Cargo.toml",
                    line,
                    format!(
                        "example `{}` at `{}`: a benchmark is named `bench_<name>`, and its \
                         file is listings/<part>/<chapter>/bench_<name>.rs, in the folder of \
                         the chapter that shows it (src/<part>/<chapter>.md): rename the \
                         example or move the file so name and file stem agree",
                        example.name, example.path
                    ),
                );
            }
        }
        let declared: Vec<&str> = manifest.examples.iter().map(|e| e.path.as_str()).collect();
        for file in self.listing_files() {
            let is_bench = file
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("bench_"));
            if is_bench && !declared.contains(&file.as_str()) {
                let stem = file.rsplit('/').next().unwrap().trim_end_matches(".rs");
                self.problem(
                    &file,
                    1,
                    format!(
                        "a `bench_` file is a benchmark: declare it in Cargo.toml as \
                         `[[example]]` with `name = \"{stem}\"` and `path = \"{file}\"`, or \
                         rename it if it is an ordinary listing"
                    ),
                );
            }
        }
    }
}

pub(super) fn table<'a, 'i>(document: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    match document.get(key).map(|v| v.get_ref()) {
        Some(DeValue::Table(t)) => Some(t),
        _ => None,
    }
}

fn table_of<'a, 'i>(value: &'a DeValue<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    match value {
        DeValue::Table(t) => table(t, key),
        _ => None,
    }
}

/// The `[[example]]` or `[[bin]]` entries of the manifest.
fn targets(document: &DeTable, kind: &str) -> Vec<Example> {
    let Some(DeValue::Array(entries)) = document.get(kind).map(|v| v.get_ref()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries {
        let DeValue::Table(target) = entry.get_ref() else {
            continue;
        };
        let string = |key: &str| match target.get(key).map(|v| v.get_ref()) {
            Some(DeValue::String(s)) => s.to_string(),
            _ => String::new(),
        };
        let at = target
            .get("name")
            .map_or_else(|| entry.span(), |name| name.span());
        found.push(Example {
            name: string("name"),
            path: string("path"),
            at,
        });
    }
    found
}
