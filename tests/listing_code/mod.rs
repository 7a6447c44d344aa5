//! Reading a listing's code for tests that keep a deliberate pair of listings (a bug
//! and its fix) one lesson apart.

/// The lines of `text` without `//` comments and blank lines.
pub fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| match line.find("//") {
            Some(comment) => line[..comment].trim_end(),
            None => line,
        })
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}
