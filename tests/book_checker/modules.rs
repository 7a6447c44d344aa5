//! Which files the crate compiles: every `mod` declaration reachable from
//! `listings/lib.rs`, with `#[path = "..."]` attributes honoured. A listing
//! `listings/a/b/c.rs` is compiled only if every link of the chain is declared.

use std::collections::BTreeSet;
use std::path::Path;

use super::rust_source::code_only;
use super::{Book, normalize};

const CRATE_ROOT: &str = "listings/lib.rs";

impl Book {
    /// The files (relative to the root) that the library crate compiles.
    pub(super) fn crate_modules(&self) -> BTreeSet<String> {
        let mut compiled = BTreeSet::new();
        let mut pending = vec![CRATE_ROOT.to_owned()];
        while let Some(file) = pending.pop() {
            if !self.root.join(&file).is_file() || !compiled.insert(file.clone()) {
                continue;
            }
            for (name, path) in declarations(&self.source(&file)) {
                if let Some(child) = self.module_file(&file, &name, path.as_deref()) {
                    pending.push(child);
                }
            }
        }
        compiled
    }

    /// Where rustc looks for `mod name;` declared in `parent`.
    fn module_file(&self, parent: &str, name: &str, path: Option<&str>) -> Option<String> {
        let parent_path = Path::new(parent);
        let dir = parent_path.parent().unwrap_or(Path::new(""));
        if let Some(path) = path {
            return normalize(&dir.join(path));
        }
        let stem = parent_path.file_stem()?.to_string_lossy();
        // `lib.rs` and `mod.rs` own their folder; `foo.rs` owns `foo/`.
        let dir = if stem == "lib" || stem == "mod" {
            dir.to_path_buf()
        } else {
            dir.join(stem.as_ref())
        };
        let flat = normalize(&dir.join(format!("{name}.rs")))?;
        let nested = normalize(&dir.join(name).join("mod.rs"))?;
        Some(
            if self.root.join(&nested).is_file() && !self.root.join(&flat).is_file() {
                nested
            } else {
                flat
            },
        )
    }

    /// Explains which link of `file`'s module chain is missing.
    pub(super) fn missing_module_link(&self, file: &str, compiled: &BTreeSet<String>) -> String {
        // The folders from `listings/` down to the listing's own, and the module file
        // that should declare each next step.
        let path = Path::new(file);
        let mut parent = CRATE_ROOT.to_owned();
        let mut steps: Vec<String> = Vec::new();
        for ancestor in path.ancestors().collect::<Vec<_>>().into_iter().rev() {
            let text = ancestor.to_string_lossy();
            if text.is_empty() || text == "listings" {
                continue;
            }
            steps.push(text.into_owned());
        }
        for step in steps {
            let is_last = step == file;
            let module_file = if is_last {
                step.clone()
            } else {
                format!("{step}/mod.rs")
            };
            if !compiled.contains(&module_file) {
                let name = Path::new(&step)
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let what = if is_last {
                    "it".to_owned()
                } else {
                    format!("its folder {step}/")
                };
                return format!(
                    "not compiled by the crate, so no test can call it: {what} is not declared \
                     in {parent}; add `pub mod {name};` there (a folder whose name is a \
                     keyword takes `#[path = \"{name}/mod.rs\"] pub mod {name}_rust;`), or, for a \
                     program of its own such as a benchmark, an `[[example]]` with this path \
                     in Cargo.toml"
                );
            }
            parent = module_file;
        }
        format!(
            "not compiled by the crate: no chain of `mod` declarations from {CRATE_ROOT} reaches it"
        )
    }
}

/// `mod name;` declarations (not inline modules), each with its `#[path]` if any.
fn declarations(source: &str) -> Vec<(String, Option<String>)> {
    let code = code_only(source);
    let declaration = regex!(
        r"(?m)((?:^[ \t]*#\[[^\n]*\][ \t]*\n)*)^[ \t]*(?:#\[[^\n]*\][ \t]*)*(?:pub(?:\([^)]*\))?[ \t]+)?mod[ \t]+(\w+)[ \t]*;"
    );
    let path = regex!(r#"#\[\s*path\s*=\s*"([^"]*)"\s*\]"#);
    declaration
        .captures_iter(&code)
        .map(|c| {
            let whole = c.get(0).unwrap();
            // The path value is blanked in `code`: read it from the source.
            let attributes = &source[whole.start()..whole.end()];
            let path = path.captures(attributes).map(|p| p[1].to_owned());
            (c[2].to_owned(), path)
        })
        .collect()
}
