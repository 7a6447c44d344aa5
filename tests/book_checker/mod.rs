//! The book's integrity checker: what mdBook lets through silently, caught here.
//!
//! mdBook 0.5 logs a missing `{{#include}}` file and still exits 0, renders a missing
//! anchor as an empty block, and happily builds a chapter that SUMMARY.md never links.
//! [`check`] looks at a book checkout (`src/`, `listings/`, `tests/`, `Cargo.toml`) and
//! returns every such problem with the file, the line, and what to do about it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// Listing-folder files that are support code, not listings: no chapter includes them.
/// (`mod.rs` files only declare modules and are support code too.)
pub const SUPPORT_FILES: &[&str] = &["listings/lib.rs", "listings/measure.rs", "listings/shim.rs"];

/// Chapters that show include directives as examples, escaped with a backslash.
pub const DOCUMENTS_DIRECTIVES: &[&str] = &["src/appendix/contributing.md"];

/// How a listing that rustc rejects without an error code states the message instead.
pub const ERROR_MESSAGE_MARKER: &str = "// error: ";

/// Crates the Rust Playground offers (it has the most downloaded ones).
pub const PLAYGROUND_CRATES: &[&str] = &[
    "tokio",
    "rayon",
    "crossbeam",
    "parking_lot",
    "futures",
    "serde",
    "serde_json",
];

/// One thing a contributor has to fix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the book's root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Checks the book rooted at `root` and returns every problem found, sorted.
pub fn check(root: &Path) -> Vec<Problem> {
    let mut book = Book::load(root);
    book.check_summary();
    book.check_chapters();
    book.check_listings();
    book.problems.sort();
    book.problems.dedup();
    book.problems
}

/// A file that a chapter includes, and the code block the directive sits in.
struct Inclusion {
    chapter: String,
    line: usize,
    /// The included file, relative to the root (`None` if it escapes the root).
    target: Option<String>,
    /// The fenced block's info string, `None` outside a fenced block.
    block_info: Option<String>,
}

struct Book {
    root: PathBuf,
    problems: Vec<Problem>,
    /// Every `.md` under `src/` (relative to the root), with its text.
    chapters: BTreeMap<String, String>,
    inclusions: Vec<Inclusion>,
}

impl Book {
    fn load(root: &Path) -> Book {
        let mut chapters = BTreeMap::new();
        for path in files_under(&root.join("src"), "md") {
            let text = fs::read_to_string(&path).unwrap_or_default();
            chapters.insert(relative(root, &path), text);
        }
        Book {
            root: root.to_path_buf(),
            problems: Vec::new(),
            chapters,
            inclusions: Vec::new(),
        }
    }

    fn problem(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_owned(),
            line,
            message: message.into(),
        });
    }

    /// Every SUMMARY.md link names a file, and every chapter file is in SUMMARY.md.
    fn check_summary(&mut self) {
        let summary_file = "src/SUMMARY.md";
        let Some(summary) = self.chapters.get(summary_file).cloned() else {
            self.problem(summary_file, 1, "missing: mdBook needs src/SUMMARY.md");
            return;
        };
        let mut listed = HashSet::new();
        for link in links(&summary) {
            if link.dest.is_empty() {
                continue; // a draft chapter: listed, not yet written
            }
            let target = format!("src/{}", link.dest);
            if !self.chapters.contains_key(&target) {
                self.problem(
                    summary_file,
                    link.line,
                    format!(
                        "`{}` does not exist: create {target}, or make the entry a draft with `()`",
                        link.dest
                    ),
                );
            }
            listed.insert(target);
        }
        let unlisted: Vec<String> = self
            .chapters
            .keys()
            .filter(|file| *file != summary_file && !listed.contains(*file))
            .cloned()
            .collect();
        for file in unlisted {
            let link = file.trim_start_matches("src/");
            self.problem(
                &file,
                1,
                format!(
                    "not in src/SUMMARY.md, so mdBook never builds it: add `- [Title]({link})` \
                     where it belongs, or delete the file"
                ),
            );
        }
    }

    fn check_chapters(&mut self) {
        let chapters: Vec<(String, String)> = self
            .chapters
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (chapter, text) in &chapters {
            self.check_code_blocks(chapter, text);
            self.check_links(chapter, text);
            self.check_captions(chapter, text);
            if !DOCUMENTS_DIRECTIVES.contains(&chapter.as_str())
                && let Some(at) = text.find("\\{{#")
            {
                self.problem(
                    chapter,
                    line_of(text, at),
                    "`\\{{#...}}` is an escaped directive: mdBook shows it as text and \
                     includes nothing. Remove the backslash",
                );
            }
        }
    }

    /// Listing captions are numbered `N-1`, `N-2`, ... in the order they appear.
    fn check_captions(&mut self, chapter: &str, text: &str) {
        let caption = Regex::new(r#"<span class="caption">Listing (\d+)-(\d+)"#).unwrap();
        let code: Vec<_> = Parser::new_ext(text, Options::all())
            .into_offset_iter()
            .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_))))
            .map(|(_, range)| range)
            .collect();
        let captions = caption
            .captures_iter(text)
            .filter(|c| !code.iter().any(|r| r.contains(&c.get(0).unwrap().start())));
        for (expected, found) in (1..).zip(captions) {
            let number: usize = found[2].parse().unwrap_or(0);
            if number != expected {
                self.problem(
                    chapter,
                    line_of(text, found.get(0).unwrap().start()),
                    format!(
                        "caption `Listing {}-{number}` should be `Listing {}-{expected}`: \
                         captions are numbered in order; after inserting or removing one, \
                         renumber the later captions and every `Listing` reference to them",
                        &found[1], &found[1]
                    ),
                );
                break;
            }
        }
    }

    /// Code-block attributes, and every include directive (inside a block or not).
    fn check_code_blocks(&mut self, chapter: &str, text: &str) {
        let mut blocks = Vec::new();
        for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
            if let Event::Start(Tag::CodeBlock(kind)) = event {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let line = line_of(text, range.start);
                self.check_block_info(chapter, line, &info, &text[range.clone()]);
                if info.trim() == "rs" {
                    self.check_display_block(chapter, line, &text[range.clone()]);
                }
                blocks.push((range, info));
            }
        }
        for directive in directives(text) {
            let info = blocks
                .iter()
                .find(|(range, _)| range.contains(&directive.offset))
                .map(|(_, info)| info.clone());
            self.check_directive(chapter, line_of(text, directive.offset), &directive, info);
        }
    }

    fn check_block_info(&mut self, chapter: &str, line: usize, info: &str, block: &str) {
        let attributes: Vec<&str> = info
            .split([',', ' ', '\t'])
            .filter(|a| !a.is_empty())
            .collect();
        if attributes.contains(&"ignore") || attributes.iter().any(|a| a.starts_with("ignore-")) {
            self.problem(
                chapter,
                line,
                "code block marked `ignore` is never compiled or run: make it compile and \
                 run, mark it `no_run` and say in the text why it must not run, or \
                 `compile_fail,E....` if the point is that it does not build",
            );
        }
        let is_compile_fail = attributes.contains(&"compile_fail");
        let error_code = Regex::new(r"^E\d{4}$").unwrap();
        let names_code = attributes.iter().any(|a| error_code.is_match(a));
        if is_compile_fail && !names_code && !self.states_error_message(chapter, block) {
            self.problem(
                chapter,
                line,
                "`compile_fail` block names no error code: add the one rustc reports, e.g. \
                 `compile_fail,E0277`, so the block fails if the code breaks for another \
                 reason. If rustc reports this error without a code, start the listing with \
                 `// error: <rustc's message>`, which `cargo xtask test` checks instead",
            );
        }
    }

    /// Does the block include a listing whose first line states rustc's error message
    /// (`// error: ...`)? `cargo xtask test` compiles such listings and checks it.
    fn states_error_message(&self, chapter: &str, block: &str) -> bool {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        directives(block).iter().any(|directive| {
            normalize(&base.join(&directive.path))
                .and_then(|file| fs::read_to_string(self.root.join(file)).ok())
                .is_some_and(|source| source.starts_with(ERROR_MESSAGE_MARKER))
        })
    }

    /// An `rs` block is highlighted as Rust but never compiled by `mdbook test`, so it
    /// may only show code that `cargo test` runs: an excerpt of a file under `tests/`.
    fn check_display_block(&mut self, chapter: &str, line: usize, block: &str) {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let body: Vec<&str> = block
            .lines()
            .skip(1)
            .filter(|l| !l.trim_start().starts_with("```"))
            .collect();
        let only_test_excerpts = !body.is_empty()
            && body.iter().filter(|l| !l.trim().is_empty()).all(|l| {
                let found = directives(l);
                found.len() == 1
                    && found[0].kind == "include"
                    && normalize(&base.join(&found[0].path))
                        .is_some_and(|t| t.starts_with("tests/"))
            });
        if !only_test_excerpts {
            self.problem(
                chapter,
                line,
                "`rs` blocks are shown but never compiled by `mdbook test`: use one only for \
                 `{{#include ../../tests/...:anchor}}` excerpts of tests that cargo runs, and \
                 `rust` for everything else",
            );
        }
    }

    fn check_directive(
        &mut self,
        chapter: &str,
        line: usize,
        directive: &Directive,
        block_info: Option<String>,
    ) {
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(&directive.path));
        let readable = target
            .as_ref()
            .and_then(|t| fs::read_to_string(self.root.join(t)).ok());
        match (&target, &readable) {
            (Some(file), Some(source)) => {
                if let Some(anchor) = &directive.anchor {
                    self.check_anchor(chapter, line, file, source, anchor);
                }
            }
            _ => self.problem(
                chapter,
                line,
                format!(
                    "`{}`: no file `{}` (paths are relative to the chapter's folder, {}): fix \
                     the path or add the file",
                    directive.text,
                    directive.path,
                    base.display()
                ),
            ),
        }
        self.inclusions.push(Inclusion {
            chapter: chapter.to_owned(),
            line,
            target: target.filter(|_| readable.is_some()),
            block_info,
        });
    }

    fn check_anchor(&mut self, chapter: &str, line: usize, file: &str, source: &str, anchor: &str) {
        let marker = |kind: &str| {
            let pattern = format!(r"\b{kind}:\s*{}\b", regex::escape(anchor));
            Regex::new(&pattern).unwrap().is_match(source)
        };
        let (start, end) = (marker("ANCHOR"), marker("ANCHOR_END"));
        if !(start && end) {
            let missing = match (start, end) {
                (false, false) => format!("`ANCHOR: {anchor}` and `ANCHOR_END: {anchor}`"),
                (false, true) => format!("`ANCHOR: {anchor}`"),
                _ => format!("`ANCHOR_END: {anchor}`"),
            };
            self.problem(
                chapter,
                line,
                format!(
                    "anchor `{anchor}` not found in {file}: it lacks {missing}, so mdBook would \
                     show an empty block; add the comment lines around the code or fix the name"
                ),
            );
        }
    }

    /// Relative links resolve to a file, and `#fragment`s to a heading in it.
    fn check_links(&mut self, chapter: &str, text: &str) {
        if chapter == "src/SUMMARY.md" {
            return;
        }
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        for link in links(text) {
            let dest = link.dest.as_str();
            if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match dest.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (dest, None),
            };
            let target = if path.is_empty() {
                Some(chapter.to_owned())
            } else {
                let as_md = path.strip_suffix(".html").map(|p| format!("{p}.md"));
                normalize(&base.join(as_md.as_deref().unwrap_or(path)))
            };
            let exists = target.as_ref().is_some_and(|t| self.root.join(t).exists());
            if !exists {
                self.problem(
                    chapter,
                    link.line,
                    format!(
                        "link to `{dest}`: no such file; fix the path (relative to {})",
                        base.display()
                    ),
                );
                continue;
            }
            let (Some(fragment), Some(target)) = (fragment, target) else {
                continue;
            };
            let Some(target_text) = self.chapters.get(&target) else {
                continue;
            };
            let ids = heading_ids(target_text);
            if !ids.contains(fragment) {
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.problem(
                    chapter,
                    link.line,
                    format!(
                        "link to `{dest}`: {target} has no heading with id `{fragment}`; its \
                         headings are: {}",
                        known.join(", ")
                    ),
                );
            }
        }
    }

    /// Listings: none orphaned, each compiled by the crate, each with the `extern
    /// crate` lines its doctest needs, and each shared-state listing loom-tested.
    fn check_listings(&mut self) {
        let dependencies = crate_dependencies(&self.root.join("Cargo.toml"));
        let mut loom_tests = String::new();
        for path in files_under(&self.root.join("tests"), "rs") {
            let is_loom = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("loom_"));
            let source = fs::read_to_string(&path).unwrap_or_default();
            if is_loom && !source.contains("#![cfg(loom)]") {
                self.problem(
                    &relative(&self.root, &path),
                    1,
                    "a loom test file must start with `#![cfg(loom)]` (after its `//!` doc \
                     lines): an ordinary build has no `loom` crate. Do not add loom as a \
                     dependency, whatever rustc suggests",
                );
            }
            if is_loom {
                loom_tests.push_str(&source);
            }
        }
        let included: BTreeSet<String> = self
            .inclusions
            .iter()
            .filter_map(|i| i.target.clone())
            .collect();

        for path in files_under(&self.root.join("listings"), "rs") {
            let file = relative(&self.root, &path);
            let source = fs::read_to_string(&path).unwrap_or_default();
            if SUPPORT_FILES.contains(&file.as_str()) || file.ends_with("/mod.rs") {
                continue;
            }
            if !included.contains(&file) {
                self.problem(
                    &file,
                    1,
                    "orphan listing: no chapter includes it; include it with \
                     `{{#rustdoc_include ...}}`, delete it, or if it is support code add it to \
                     SUPPORT_FILES in tests/book_checker/mod.rs",
                );
                continue;
            }
            let compile_fail = self.inclusions.iter().any(|i| {
                i.target.as_deref() == Some(file.as_str())
                    && i.block_info
                        .as_deref()
                        .is_some_and(|info| info.contains("compile_fail"))
            });
            if !compile_fail {
                self.check_declared(&file);
            }
            self.check_extern_crates(&file, &source, &dependencies);
            self.check_playground(&file, &source);
            if let Some(at) = source.find("#![feature") {
                self.problem(
                    &file,
                    line_of(&source, at),
                    "uses an unstable feature: listings must build on stable Rust, as readers' do",
                );
            }
            let stem = Path::new(&file)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let uses_shim = source.contains("crate::shim");
            if let (Some(anchor), Some(shim)) =
                (source.find("// ANCHOR:"), source.rfind("crate::shim"))
                && shim > anchor
            {
                self.problem(
                    &file,
                    line_of(&source, shim),
                    "the loom-shim `use` lines are inside the anchor, so readers would see \
                     `crate::shim`: move them above the first `// ANCHOR:` line",
                );
            }
            if uses_shim
                && !Regex::new(&format!(r"\b{stem}\b"))
                    .unwrap()
                    .is_match(&loom_tests)
            {
                self.problem(
                    &file,
                    line_of(&source, source.find("crate::shim").unwrap()),
                    format!(
                        "shares state through the loom shim but no tests/loom_*.rs mentions \
                         `{stem}`: add a loom model for it (this check only looks for the \
                         name; it cannot tell whether a model exercises the listing)"
                    ),
                );
            }
        }
    }

    /// A listing shown as working code must be a module of the crate, or `cargo test`
    /// and clippy never see it.
    fn check_declared(&mut self, file: &str) {
        let path = Path::new(file);
        let stem = path.file_stem().unwrap().to_string_lossy();
        let dir = path.parent().unwrap();
        let parent = if dir == Path::new("listings") {
            "listings/lib.rs".to_owned()
        } else {
            format!("{}/mod.rs", dir.display())
        };
        let declarations = fs::read_to_string(self.root.join(&parent)).unwrap_or_default();
        let declared = Regex::new(&format!(r"(?m)^\s*(pub(\([^)]*\))?\s+)?mod\s+{stem}\s*;"))
            .unwrap()
            .is_match(&declarations);
        let manifest = fs::read_to_string(self.root.join("Cargo.toml")).unwrap_or_default();
        let example = manifest.contains(&format!("path = \"{file}\""));
        if !declared && !example {
            self.problem(
                file,
                1,
                format!(
                    "not compiled by the crate, so no test can call it: add `pub mod {stem};` \
                     to {parent} (or, for a program of its own such as a benchmark, an \
                     `[[example]]` with this path in Cargo.toml)"
                ),
            );
        }
    }

    /// A block gets a Run button that sends it to the Rust Playground, which has only
    /// the most popular crates: a listing that needs another must turn the button off.
    fn check_playground(&mut self, file: &str, source: &str) {
        let declaration = Regex::new(r"(?m)^\s*extern\s+crate\s+(\w+)\s*;").unwrap();
        let Some(missing) = declaration
            .captures_iter(source)
            .map(|c| c[1].to_owned())
            .find(|name| !PLAYGROUND_CRATES.contains(&name.as_str()))
        else {
            return;
        };
        let offenders: Vec<(String, usize)> = self
            .inclusions
            .iter()
            .filter(|i| i.target.as_deref() == Some(file))
            .filter(|i| {
                i.block_info
                    .as_deref()
                    .is_some_and(|info| !info.contains("noplayground"))
            })
            .map(|i| (i.chapter.clone(), i.line))
            .collect();
        for (chapter, line) in offenders {
            self.problem(
                &chapter,
                line,
                format!(
                    "{file} needs crate `{missing}`, which the Rust Playground does not have: \
                     add `noplayground` to the block's attributes (e.g. `rust,noplayground`)"
                ),
            );
        }
    }

    /// `mdbook test` gives rustdoc only `-L`, so a doctest finds a crates.io crate only
    /// through an explicit `extern crate`.
    fn check_extern_crates(&mut self, file: &str, source: &str, dependencies: &[String]) {
        for name in dependencies {
            let usage = Regex::new(&format!(r"\b{name}::|\buse\s+{name}\b|#\[{name}::")).unwrap();
            let declaration = Regex::new(&format!(r"(?m)^\s*extern\s+crate\s+{name}\s*;")).unwrap();
            if let Some(found) = usage.find(source)
                && !declaration.is_match(source)
            {
                self.problem(
                    file,
                    line_of(source, found.start()),
                    format!(
                        "uses `{name}` without `extern crate {name};`: `mdbook test` passes \
                             only -L to rustdoc, so add that line at the top, outside the anchor"
                    ),
                );
            }
        }
    }
}

/// `{{#include path:anchor}}` and friends.
struct Directive {
    /// The directive as written, e.g. `{{#include ../../listings/a.rs:main}}`.
    text: String,
    kind: String,
    path: String,
    anchor: Option<String>,
    /// Byte offset of the directive in the chapter.
    offset: usize,
}

fn directives(text: &str) -> Vec<Directive> {
    let pattern =
        Regex::new(r"(\\)?\{\{\s*#(include|rustdoc_include|playground)\s+([^}\s]+)[^}]*\}\}")
            .unwrap();
    pattern
        .captures_iter(text)
        .filter(|c| c.get(1).is_none()) // `\{{#include ...}}` is an escaped example
        .map(|c| {
            let spec = &c[3];
            let (path, selector) = match spec.split_once(':') {
                Some((path, selector)) => (path, Some(selector)),
                None => (spec, None),
            };
            // A selector made of digits and colons is a line range; anything else an anchor.
            let anchor = selector
                .filter(|s| !s.chars().all(|ch| ch.is_ascii_digit() || ch == ':'))
                .map(str::to_owned);
            Directive {
                text: c[0].to_owned(),
                kind: c[2].to_owned(),
                path: path.to_owned(),
                anchor,
                offset: c.get(0).unwrap().start(),
            }
        })
        .collect()
}

struct Link {
    dest: String,
    line: usize,
}

fn links(text: &str) -> Vec<Link> {
    Parser::new_ext(text, Options::all())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(Link {
                dest: dest_url.to_string(),
                line: line_of(text, range.start),
            }),
            _ => None,
        })
        .collect()
}

/// The ids mdBook 0.5 gives a chapter's headings: an explicit `{#id}`, or the
/// heading's text lowercased with spaces turned into `-` and punctuation dropped,
/// made unique with `-1`, `-2`, ... suffixes.
pub fn heading_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(|id| id.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, content)) = heading.as_mut() {
                    content.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((explicit, content)) = heading.take() else {
                    continue;
                };
                let base = explicit.unwrap_or_else(|| id_from_content(&content));
                let mut id = base.clone();
                let mut counter = 1;
                while !ids.insert(id.clone()) {
                    id = format!("{base}-{counter}");
                    counter += 1;
                }
            }
            _ => {}
        }
    }
    ids
}

fn id_from_content(content: &str) -> String {
    content
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|ch| match ch {
            ch if ch.is_alphanumeric() || ch == '_' || ch == '-' => Some(ch),
            ch if ch.is_whitespace() => Some('-'),
            _ => None,
        })
        .collect()
}

/// Names of the crate's normal dependencies, as Rust spells them (`-` becomes `_`).
fn crate_dependencies(manifest: &Path) -> Vec<String> {
    let text = fs::read_to_string(manifest).unwrap_or_default();
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
        } else if in_dependencies && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                names.push(name.replace('-', "_"));
            }
        }
    }
    names
}

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `.` and `..` without touching the disk; `None` if it leaves the root.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}
