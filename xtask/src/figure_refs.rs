//! `{{#figure <bench>.<anchor>.<row>.<column>}}`: a measured figure quoted in a
//! chapter's prose, taken from a results table when the book is built, so that the
//! sentence still holds after the benchmarks are rerun.
//!
//! `<bench>` names `src/results/<bench>.md`, `<anchor>` a table's anchor in it, `<row>`
//! the row whose first cell has that slug and `<column>` the column whose header has
//! it. A slug is the text in lower case, each run of other characters than letters and
//! digits turned into one `_`, with none at either end: the row `std::sync::Mutex`
//! is `std_sync_mutex`, the column `2 threads at once` is `2_threads_at_once`. When a
//! header repeats, its columns are numbered from the left: `ratio_1`, `ratio_2`.
//!
//! The reference becomes the cell's figure: a cell written `median (fastest–slowest)`
//! gives its median (`37 µs (35–41)` gives `37 µs`), any other cell the whole of it.
//!
//! `cargo xtask figures` expands the references when the book is built, and the book's
//! integrity checks (`tests/book_checker`, which compile this same file) resolve them
//! too; either way a reference that names no single cell is an error.

#![allow(dead_code)] // xtask expands references and the checker only resolves them.

/// How a reference starts.
const OPEN: &str = "{{#figure";
const CLOSE: &str = "}}";

/// A reference as written in a chapter.
pub struct Reference<'a> {
    /// Byte offset of `{{#figure` in the text.
    pub offset: usize,
    /// The reference as written, `}}` included (to the end of its line if unclosed).
    pub text: &'a str,
}

/// Every reference in `text`, in order. A reference stays on one line.
pub fn references(text: &str) -> Vec<Reference<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(OPEN).map(|at| from + at) {
        let rest = &text[at + OPEN.len()..];
        from = at + OPEN.len();
        // `{{#figures` or the like is another word: not a reference.
        if !(rest.starts_with(char::is_whitespace) || rest.starts_with(CLOSE)) {
            continue;
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |end| at + end);
        let end = text[at..line_end]
            .find(CLOSE)
            .map_or(line_end, |close| at + close + CLOSE.len());
        found.push(Reference {
            offset: at,
            text: &text[at..end],
        });
        from = end;
    }
    found
}

/// `text` with every reference replaced by its figure; `results` gives the text of
/// `src/results/<bench>.md` for `<bench>`. The first reference that does not resolve
/// is the error, with its offset in `text`.
pub fn expand(
    text: &str,
    results: impl Fn(&str) -> Option<String>,
) -> Result<String, (usize, String)> {
    let mut expanded = String::with_capacity(text.len());
    let mut copied = 0;
    for reference in references(text) {
        let figure = resolve(reference.text, &results).map_err(|e| (reference.offset, e))?;
        expanded.push_str(&text[copied..reference.offset]);
        expanded.push_str(&figure);
        copied = reference.offset + reference.text.len();
    }
    expanded.push_str(&text[copied..]);
    Ok(expanded)
}

/// The figure a reference (`{{#figure ...}}`, as written) stands for, or what is
/// missing.
pub fn resolve(
    reference: &str,
    results: impl Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let usage = "write `{{#figure <bench>.<anchor>.<row>.<column>}}`";
    let Some(path) = reference
        .strip_prefix(OPEN)
        .and_then(|rest| rest.strip_suffix(CLOSE))
        .map(str::trim)
    else {
        return Err(format!(
            "`{reference}`: it is not closed on its line: {usage}"
        ));
    };
    let parts: Vec<&str> = path.split('.').map(str::trim).collect();
    let &[bench, anchor, row, column] = parts.as_slice() else {
        return Err(format!(
            "`{reference}`: it does not name four parts: {usage}"
        ));
    };
    if parts.iter().any(|part| part.is_empty()) {
        return Err(format!("`{reference}`: one of its parts is empty: {usage}"));
    }
    let file = format!("src/results/{bench}.md");
    let Some(text) = results(bench) else {
        return Err(format!("`{reference}`: there is no results file {file}"));
    };
    let Some(region) = anchored(&text, anchor) else {
        return Err(format!(
            "`{reference}`: {file} has no anchor `{anchor}` (its anchors: {})",
            anchors(&text).join(", ")
        ));
    };
    let tables = tables(&region);
    let rows: Vec<(&Vec<String>, &Vec<String>)> = tables
        .iter()
        .flat_map(|(header, rows)| rows.iter().map(move |cells| (header, cells)))
        .collect();
    let matching: Vec<_> = rows
        .iter()
        .filter(|(_, cells)| cells.first().is_some_and(|first| slug(first) == row))
        .collect();
    let (header, cells) = match matching.as_slice() {
        [one] => **one,
        [] => {
            let names: Vec<String> = rows
                .iter()
                .filter_map(|(_, cells)| cells.first().map(|c| slug(c)))
                .collect();
            return Err(format!(
                "`{reference}`: the table `{anchor}` of {file} has no row `{row}` (its rows: {})",
                names.join(", ")
            ));
        }
        many => {
            return Err(format!(
                "`{reference}`: {} rows of the table `{anchor}` of {file} are `{row}`: \
                 the row is ambiguous",
                many.len()
            ));
        }
    };
    let columns = column_names(header);
    let Some(index) = columns.iter().position(|name| name == column) else {
        return Err(format!(
            "`{reference}`: the table `{anchor}` of {file} has no column `{column}` (its \
             columns: {})",
            columns.join(", ")
        ));
    };
    let cell = cells.get(index).map(String::as_str).unwrap_or_default();
    let figure = median(cell);
    // "—", or "no measurable difference": a sentence cannot quote it as a figure.
    if !figure.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "`{reference}`: the cell in row `{row}`, column `{column}` of the table \
             `{anchor}` of {file} holds no figure"
        ));
    }
    Ok(figure.to_owned())
}

/// Every row of the tables under `anchor` in a results file: its columns' names (as
/// references name them) and its cells; none if there is no such anchor.
pub fn rows(text: &str, anchor: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let region = anchored(text, anchor).unwrap_or_default();
    tables(&region)
        .into_iter()
        .flat_map(|(header, rows)| {
            let columns = column_names(&header);
            rows.into_iter().map(move |cells| (columns.clone(), cells))
        })
        .collect()
}

/// Lower case, each run of other characters than letters and digits one `_`, none at
/// either end.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    slug.trim_end_matches('_').to_owned()
}

/// The median of a `median (fastest–slowest)` cell, or the whole cell.
fn median(cell: &str) -> &str {
    match cell.strip_suffix(')').and_then(|c| c.rsplit_once(" (")) {
        Some((median, range)) if range.contains(['–', '-']) => median.trim(),
        _ => cell.trim(),
    }
}

/// The columns' slugs; a slug that several headers share is numbered from the left.
fn column_names(header: &[String]) -> Vec<String> {
    let slugs: Vec<String> = header.iter().map(|h| slug(h)).collect();
    slugs
        .iter()
        .enumerate()
        .map(
            |(i, s)| match slugs.iter().filter(|other| *other == s).count() {
                1 => s.clone(),
                _ => format!("{s}_{}", slugs[..=i].iter().filter(|o| *o == s).count()),
            },
        )
        .collect()
}

/// The lines between `<!-- ANCHOR: anchor -->` and `<!-- ANCHOR_END: anchor -->`.
fn anchored(text: &str, anchor: &str) -> Option<String> {
    let start = format!("<!-- ANCHOR: {anchor} -->");
    let end = format!("<!-- ANCHOR_END: {anchor} -->");
    let mut region = Vec::new();
    for line in text.lines().skip_while(|l| l.trim() != start).skip(1) {
        if line.trim() == end {
            return Some(region.join("\n"));
        }
        region.push(line);
    }
    None
}

/// The anchors a results file names.
fn anchors(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("<!-- ANCHOR: ")?.strip_suffix(" -->"))
        .collect()
}

/// Each Markdown table in `text`: its header's cells and its rows' cells.
fn tables(text: &str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut tables: Vec<(Vec<String>, Vec<Vec<String>>)> = Vec::new();
    let mut in_table = false;
    for line in text.lines().map(str::trim) {
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells = cells(line);
        match tables.last_mut() {
            Some((_, rows)) if in_table => rows.push(cells),
            _ => tables.push((cells, Vec::new())),
        }
        in_table = true;
    }
    // The line under each header is the delimiter row, not a row of figures.
    for (_, rows) in &mut tables {
        if !rows.is_empty() {
            rows.remove(0);
        }
    }
    tables
}

/// The cells of a table line, trimmed; `\|` is a `|` inside a cell.
fn cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(ch),
        }
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}
