//! `#` comments in YAML, for suppression directives.
//!
//! A line scan, not the parser (which drops comments): a `#` starts a comment at the start
//! of a line or after whitespace, outside a quoted scalar opened on the same line. A `#`
//! inside a multi-line quoted or block scalar could be misread, but only a comment that
//! holds a `tlsrpt-lint:` directive matters, and such text is no value. JSON has no
//! comments; a JSON string with ` #` and a directive in it would be misread the same way.

use crate::text::Span;

/// Every comment of `text`, from `#` to its line end.
pub fn comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = comment_start(line) {
            let end = line.trim_end_matches(['\n', '\r']).len();
            out.push(Span::new(
                (line_start + at) as u32,
                (line_start + end.max(at)) as u32,
            ));
        }
        line_start += line.len();
    }
    out
}

fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                return Some(i)
            }
            // A quote opens a scalar only where a value or key starts.
            None if matches!(b, b'"' | b'\'')
                && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',')) =>
            {
                quote = Some(b)
            }
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_quotes() {
        let text = "# a\nk: 'x # y' # b\nv: a#b\nw: \"q \\\" # z\"\n";
        let found: Vec<&str> = comments(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(found, ["# a", "# b"]);
    }
}
