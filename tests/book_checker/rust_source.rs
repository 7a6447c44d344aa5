//! Reading Rust sources just enough to tell code from comments and string literals.

/// `source` with every comment and the contents of every string and char literal
/// blanked out (newlines kept), so byte offsets and line numbers stay the same and a
/// search finds only code.
pub(super) fn code_only(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for byte in &mut out[from..to.min(bytes.len())] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = find(bytes, i, b"\n").unwrap_or(bytes.len());
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if let Some(hashes) = raw_string_start(rest) {
            // r"..." or r#"..."#: keep the delimiters, blank the contents.
            let open = i + 2 + hashes;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let end = find(bytes, open, &close).unwrap_or(bytes.len());
            blank(&mut out, open, end);
            i = end + close.len();
        } else if bytes[i] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j);
            i = j + 1;
        } else if bytes[i] == b'\'' {
            // A char literal ('a', '\n', '"'), or a lifetime ('a) left alone.
            let end = if rest.get(1) == Some(&b'\\') {
                find(bytes, i + 2, b"'").map(|e| e + 1)
            } else {
                let width = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                (bytes.get(i + 1 + width) == Some(&b'\'')).then_some(i + 2 + width)
            };
            match end {
                Some(end) => {
                    blank(&mut out, i + 1, end - 1);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("blanking whole bytes keeps UTF-8 valid")
}

/// Number of `#` of a raw string starting here (`r"` → 0, `r#"` → 1), if one does.
fn raw_string_start(rest: &[u8]) -> Option<usize> {
    let after_r = rest
        .strip_prefix(b"r")
        .or_else(|| rest.strip_prefix(b"br"))?;
    let hashes = after_r.iter().take_while(|&&b| b == b'#').count();
    let prefix = rest.len() - after_r.len();
    (after_r.get(hashes) == Some(&b'"') && prefix == 1).then_some(hashes)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}
