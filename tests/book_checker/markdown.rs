//! Reading Markdown the way mdBook 0.5 and rustdoc do: include directives, code
//! blocks, anchors, links (Markdown and raw HTML), heading ids.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// `{{#include path:anchor}}` and friends.
pub(super) struct Directive {
    /// The directive as written, e.g. `{{#include ../../listings/a.rs:main}}`.
    pub(super) text: String,
    pub(super) kind: String,
    pub(super) path: String,
    pub(super) anchor: Option<String>,
    /// Byte offset of the directive in the chapter.
    pub(super) offset: usize,
}

pub(super) fn directives(text: &str) -> Vec<Directive> {
    let pattern = regex!(r"(\\)?\{\{\s*#(include|rustdoc_include|playground)\s+([^}\s]+)[^}]*\}\}");
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

pub(super) struct Link {
    pub(super) dest: String,
    pub(super) line: usize,
}

pub(super) fn links(text: &str) -> Vec<Link> {
    let href = regex!(r#"(?i)<a\s[^>]*?\bhref\s*=\s*["']([^"']*)["']"#);
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => found.push(Link {
                dest: dest_url.to_string(),
                line: line_of(text, range.start),
            }),
            // Raw HTML: `<a href="...">` links are checked like Markdown ones.
            Event::Html(html) | Event::InlineHtml(html) => {
                for c in href.captures_iter(&html) {
                    let at = range.start + c.get(0).unwrap().start();
                    found.push(Link {
                        dest: c[1].to_owned(),
                        line: line_of(text, at),
                    });
                }
            }
            _ => {}
        }
    }
    found
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

pub(super) fn id_from_content(content: &str) -> String {
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

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A code block of a chapter, as rustdoc and mdBook see it.
pub(super) struct CodeBlock {
    /// Line of the opening fence (or of the first indented line).
    pub(super) line: usize,
    /// The info string; empty for an indented block.
    pub(super) info: String,
    pub(super) body: String,
    /// Byte range of the whole block in the chapter.
    pub(super) range: std::ops::Range<usize>,
}

pub(super) fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<CodeBlock> = None;
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                current = Some(CodeBlock {
                    line: line_of(text, range.start),
                    info,
                    body: String::new(),
                    range,
                });
            }
            Event::Text(t) => {
                if let Some(block) = current.as_mut() {
                    block.body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The attributes of an info string, split as rustdoc splits them.
pub(super) fn attributes(info: &str) -> Vec<&str> {
    info.split([',', ' ', '\t'])
        .filter(|a| !a.is_empty())
        .collect()
}

/// Does rustdoc (and so `mdbook test`) treat a block with this info string as Rust?
/// rustdoc's rule: yes with no attribute or with `rust`; a known doctest attribute
/// counts as Rust only if no unknown word (a language such as `text`) came before it.
pub fn is_rust(info: &str) -> bool {
    let mut seen_rust = false;
    let mut seen_other = false;
    for attribute in attributes(info) {
        if attribute == "rust" {
            seen_rust = true;
        } else if is_doctest_attribute(attribute) {
            seen_rust = !seen_other;
        } else {
            seen_other = true;
        }
    }
    seen_rust || !seen_other
}

fn is_doctest_attribute(attribute: &str) -> bool {
    matches!(
        attribute,
        "should_panic" | "no_run" | "ignore" | "compile_fail" | "test_harness" | "standalone_crate"
    ) || attribute.starts_with("ignore-")
        || attribute.starts_with("edition")
        || is_error_code(attribute)
}

/// `E0277` and the like.
pub(super) fn is_error_code(attribute: &str) -> bool {
    attribute.len() == 5
        && attribute.starts_with('E')
        && attribute[1..].chars().all(|c| c.is_ascii_digit())
}

/// `ANCHOR: name` / `ANCHOR_END: name` lines, read as mdBook 0.5 reads them: the
/// name is `[\w_-]+` and must equal the requested one exactly.
pub(super) struct AnchorLines {
    /// Lines (1-based) of `ANCHOR: name` and of `ANCHOR_END: name`.
    pub(super) starts: Vec<usize>,
    pub(super) ends: Vec<usize>,
}

pub(super) fn anchor_lines(source: &str, anchor: &str) -> AnchorLines {
    let start = regex!(r"ANCHOR:\s*([\w_-]+)");
    let end = regex!(r"ANCHOR_END:\s*([\w_-]+)");
    let mut found = AnchorLines {
        starts: Vec::new(),
        ends: Vec::new(),
    };
    for (index, line) in source.lines().enumerate() {
        if end.captures(line).is_some_and(|c| &c[1] == anchor) {
            found.ends.push(index + 1);
        } else if start.captures(line).is_some_and(|c| &c[1] == anchor) {
            found.starts.push(index + 1);
        }
    }
    found
}
