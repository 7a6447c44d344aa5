//! Reading Markdown the way mdBook 0.5 does: include directives, links, heading ids.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

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

pub(super) struct Link {
    pub(super) dest: String,
    pub(super) line: usize,
}

pub(super) fn links(text: &str) -> Vec<Link> {
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
