//! Cross-references: `Listing N-M` names a listing that exists, and a link whose text
//! is `Chapter N` leads to chapter N. Both go stale when a chapter is inserted and the
//! later chapters are renumbered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::markdown::{code_blocks, line_of};
use super::{Book, normalize};

impl Book {
    pub(super) fn check_references(&mut self) {
        let caption = regex!(r#"<span class="caption">\s*Listing (\d+(?:\.\d+)*-\d+)"#);
        let numbers = self.chapter_numbers();
        let listings: BTreeSet<String> = self
            .chapters
            .values()
            .flat_map(|text| caption.captures_iter(text).map(|c| c[1].to_owned()))
            .collect();
        let chapters = self.pages();
        for (chapter, text) in &chapters {
            self.check_listing_references(chapter, text, &listings);
            self.check_chapter_links(chapter, text, &numbers);
        }
    }

    fn check_listing_references(&mut self, chapter: &str, text: &str, listings: &BTreeSet<String>) {
        let reference = regex!(
            r"\bListings?\s+\d+(?:\.\d+)*-\d+(?:(?:,\s*|\s+and\s+|\s+to\s+|\s+or\s+)\d+(?:\.\d+)*-\d+)*"
        );
        let label = regex!(r"\d+(?:\.\d+)*-\d+");
        let caption = regex!(r#"(?s)<span class="caption">.*?</span>"#);
        // Prose only: code blocks and captions themselves are not references.
        let mut prose = text.to_owned();
        let skipped = code_blocks(text)
            .into_iter()
            .map(|block| block.range)
            .chain(caption.find_iter(text).map(|m| m.range()));
        for range in skipped {
            let blank: String = text[range.clone()]
                .chars()
                .map(|c| if c == '\n' { c } else { ' ' })
                .collect();
            prose.replace_range(range, &blank);
        }
        for found in reference.find_iter(&prose) {
            for named in label.find_iter(found.as_str()) {
                if !listings.contains(named.as_str()) {
                    self.problem(
                        chapter,
                        line_of(text, found.start() + named.start()),
                        format!(
                            "`{}` refers to listing {}, which no caption has: after \
                             renumbering, update the reference to the listing's new number",
                            found.as_str(),
                            named.as_str()
                        ),
                    );
                }
            }
        }
    }

    fn check_chapter_links(
        &mut self,
        chapter: &str,
        text: &str,
        numbers: &BTreeMap<String, String>,
    ) {
        let chapter_text = regex!(r"^Chapter (\d+(?:\.\d+)*)$");
        let base = Path::new(chapter).parent().unwrap_or(Path::new(""));
        let mut open: Option<(String, usize, String)> = None;
        for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    open = Some((dest_url.to_string(), range.start, String::new()));
                }
                Event::Text(words) | Event::Code(words) => {
                    if let Some((_, _, link_text)) = &mut open {
                        link_text.push_str(&words);
                    }
                }
                Event::End(TagEnd::Link) => {
                    let Some((dest, at, link_text)) = open.take() else {
                        continue;
                    };
                    let Some(said) = chapter_text.captures(link_text.trim()) else {
                        continue;
                    };
                    let path = dest.split('#').next().unwrap_or_default();
                    let target = if path.is_empty() {
                        Some(chapter.to_owned())
                    } else {
                        normalize(
                            &base.join(
                                path.strip_suffix(".html")
                                    .map(|p| format!("{p}.md"))
                                    .as_deref()
                                    .unwrap_or(path),
                            ),
                        )
                    };
                    let Some(actual) = target.and_then(|t| numbers.get(&t)) else {
                        continue;
                    };
                    if &said[1] != actual {
                        self.problem(
                            chapter,
                            line_of(text, at),
                            format!(
                                "the link `[Chapter {}]({dest})` leads to chapter {actual}: make \
                                 its text `Chapter {actual}`",
                                &said[1]
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
