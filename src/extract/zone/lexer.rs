//! The master-file lexer: turns a zone file into words, quoted strings and entry ends.
//!
//! RFC 1035 §5.1 tokenises on whitespace, with `( )` joining lines, `;` comments anywhere
//! outside quotes, and `\` escaping the next character. The lexer only finds token
//! boundaries; escapes are decoded later ([`super::decode`]) and only for tokens that
//! matter, so a token is a span and lexing allocates nothing. It tracks what the reader
//! cannot see from spans alone: whether a token starts its line (an owner name, not a blank
//! owner) and whether a `;` comment touches the end of an unquoted word (BIND then silently
//! publishes only the text before it).
//!
//! Like BIND's `isc_lex`, `"`, `(` and `)` end an unquoted word (`abc"def"` is two strings),
//! an unescaped line end inside quotes is an error, and `\n`, `\r\n` and a lone `\r` end
//! lines.

use crate::text::Span;

/// What went wrong while lexing; the reader turns it into `source-syntax-error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexError {
    UnterminatedQuote,
    UnbalancedClose,
    UnclosedOpen,
}

impl LexError {
    pub fn message(self) -> &'static str {
        match self {
            LexError::UnterminatedQuote => "unterminated quoted string: expected a closing `\"`",
            LexError::UnbalancedClose => "unbalanced `)`: expected a `(` before it",
            LexError::UnclosedOpen => "unclosed `(`: expected a `)` before the end of the file",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An unquoted run of characters (escapes included).
    Word,
    /// A `"`-delimited string; the span includes both quotes.
    Quoted,
    /// The end of an entry: a line end outside parentheses, or the end of the file (an
    /// empty span where the line ends).
    Eol,
    Error(LexError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
    /// The token begins its physical line (no whitespace before it).
    pub at_line_start: bool,
    /// A `;` comment that begins right after this unquoted word, without whitespace.
    pub glued_comment: Option<Span>,
}

/// A cursor over one file; `Copy`, so a caller may look ahead and rewind.
#[derive(Clone, Copy, Debug)]
pub struct Lexer<'a> {
    text: &'a [u8],
    pos: usize,
    depth: u32,
    open_paren: u32,
    line_start: usize,
    content_end: u32,
    /// The next `\r` at or after `pos` (or the text's length), found once per `\r` rather
    /// than once per string: `\r` rarely occurs, and quoted strings are a third of a zone.
    next_cr: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Lexer<'a> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            text: text.as_bytes(),
            pos: start,
            depth: 0,
            open_paren: 0,
            line_start: start,
            content_end: start as u32,
            next_cr: 0,
        }
    }

    /// Every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len() && self.depth == 0
    }

    /// The end of the last word, string or parenthesis read: where the current entry's
    /// content ends, before any trailing comment or line end.
    pub fn content_end(&self) -> u32 {
        self.content_end
    }

    pub fn next_token(&mut self) -> Token {
        loop {
            let Some(&byte) = self.text.get(self.pos) else {
                return self.end_of_file();
            };
            match byte {
                b' ' | b'\t' => self.pos += 1,
                b'\n' | b'\r' => {
                    let start = self.pos;
                    self.skip_line_end();
                    if self.depth == 0 {
                        return self.token(Kind::Eol, start, start);
                    }
                }
                b';' => self.pos = self.line_end(self.pos),
                b'(' => {
                    if self.depth == 0 {
                        self.open_paren = self.pos as u32;
                    }
                    self.depth += 1;
                    self.pos += 1;
                    self.content_end = self.pos as u32;
                }
                b')' => {
                    let start = self.pos;
                    self.pos += 1;
                    if self.depth == 0 {
                        return self.token(Kind::Error(LexError::UnbalancedClose), start, self.pos);
                    }
                    self.depth -= 1;
                    self.content_end = self.pos as u32;
                }
                b'"' => return self.quoted(),
                _ => return self.word(),
            }
        }
    }

    fn end_of_file(&mut self) -> Token {
        let end = self.text.len();
        if self.depth > 0 {
            self.depth = 0;
            let open = self.open_paren as usize;
            return self.token(Kind::Error(LexError::UnclosedOpen), open, open + 1);
        }
        self.token(Kind::Eol, end, end)
    }

    fn token(&self, kind: Kind, start: usize, end: usize) -> Token {
        Token {
            kind,
            span: Span::new(start as u32, end as u32),
            at_line_start: start == self.line_start && kind != Kind::Eol,
            glued_comment: None,
        }
    }

    fn skip_line_end(&mut self) {
        if self.text[self.pos] == b'\r' && self.text.get(self.pos + 1) == Some(&b'\n') {
            self.pos += 1;
        }
        self.pos += 1;
        self.line_start = self.pos;
    }

    /// The offset of the line end at or after `from` (or the end of the text).
    fn line_end(&self, from: usize) -> usize {
        memchr::memchr2(b'\n', b'\r', &self.text[from..]).map_or(self.text.len(), |i| from + i)
    }

    /// Moves past the plain characters of a quoted string: up to a `"`, `\\` or line end.
    fn skip_quoted_plain(&mut self) {
        if self.next_cr <= self.pos {
            let rest = &self.text[self.pos..];
            self.next_cr = memchr::memchr(b'\r', rest).map_or(self.text.len(), |i| self.pos + i);
        }
        let rest = &self.text[self.pos..self.next_cr.max(self.pos)];
        self.pos += memchr::memchr3(b'"', b'\\', b'\n', rest).unwrap_or(rest.len());
    }

    /// Moves past the plain characters of an unquoted word, one table lookup per byte
    /// (words are short: a SIMD search would not pay for its setup).
    fn skip_word_plain(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| WORD_STOP[usize::from(b)])
            .unwrap_or(rest.len());
    }

    /// The width of the character after a `\` at `self.pos`, or 0 when there is none or it
    /// ends a line (an escaped line end is not supported, like in BIND's unquoted words).
    fn escaped_width(&self) -> usize {
        match self.text.get(self.pos + 1) {
            None | Some(b'\n' | b'\r') => 0,
            Some(&lead) => utf8_width(lead),
        }
    }

    fn quoted(&mut self) -> Token {
        let start = self.pos;
        let at_line_start = start == self.line_start;
        self.pos += 1;
        loop {
            self.skip_quoted_plain();
            match self.text.get(self.pos) {
                None | Some(b'\n' | b'\r') => {
                    let kind = Kind::Error(LexError::UnterminatedQuote);
                    let mut token = self.token(kind, start, self.pos);
                    token.at_line_start = at_line_start;
                    return token;
                }
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => match self.text.get(self.pos + 1) {
                    Some(b'\r' | b'\n') => {
                        // An escaped line end inside quotes is part of the string.
                        self.pos += 1;
                        self.skip_line_end();
                    }
                    Some(&lead) => self.pos += 1 + utf8_width(lead),
                    None => self.pos += 1,
                },
                Some(_) => self.pos += 1,
            }
        }
        self.content_end = self.pos as u32;
        let mut token = self.token(Kind::Quoted, start, self.pos);
        // An escaped line end inside the string has moved the line start on.
        token.at_line_start = at_line_start;
        token
    }

    fn word(&mut self) -> Token {
        let start = self.pos;
        loop {
            self.skip_word_plain();
            if self.text.get(self.pos) != Some(&b'\\') {
                break;
            }
            self.pos += 1 + self.escaped_width();
        }
        self.content_end = self.pos as u32;
        let mut token = self.token(Kind::Word, start, self.pos);
        if self.text.get(self.pos) == Some(&b';') {
            let end = self.line_end(self.pos);
            token.glued_comment = Some(Span::new(self.pos as u32, end as u32));
        }
        token
    }
}

/// The `;` comments of a master file, each up to its line end. Comments lie in the gaps
/// between tokens, so a `;` inside a quoted string or escaped in a word is never taken for
/// one (inline suppressions read these).
pub fn comments(text: &str) -> Vec<Span> {
    let mut lexer = Lexer::new(text);
    let mut comments = Vec::new();
    let bytes = text.as_bytes();
    let mut scan = |from: usize, to: usize| {
        let mut at = from;
        while let Some(i) = bytes[at..to].iter().position(|&b| b == b';') {
            let start = at + i;
            let end = bytes[start..to]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(to, |n| start + n);
            comments.push(Span::new(start as u32, end as u32));
            at = end;
        }
    };
    let mut gap_start = lexer.pos;
    while !lexer.at_end() {
        let token = lexer.next_token();
        // An unclosed `(` is reported at its opening: the rest is scanned at the end.
        if token.span.start as usize >= gap_start {
            scan(gap_start, token.span.start as usize);
            gap_start = token.span.end as usize;
        }
    }
    scan(gap_start, text.len());
    comments
}

/// The bytes that end a run of plain characters in an unquoted word: whitespace, line ends,
/// `"`, `(`, `)`, `;` and `\\`.
static WORD_STOP: [bool; 256] = {
    let mut set = [false; 256];
    let stops = b" \t\n\r\"();\\";
    let mut i = 0;
    while i < stops.len() {
        set[stops[i] as usize] = true;
        i += 1;
    }
    set
};

/// The byte length of the UTF-8 character that starts with `lead` (1 for stray bytes, which
/// valid UTF-8 text never has at a character start).
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let mut lexer = Lexer::new(text);
        let mut out = Vec::new();
        while !lexer.at_end() {
            let t = lexer.next_token();
            out.push((t.kind, &text[t.span.range()]));
        }
        out
    }

    #[test]
    fn words_strings_parens_and_comments() {
        use Kind::*;
        assert_eq!(
            kinds("a TXT ( \"x y\" ; c\n b\\ c )\nnext"),
            vec![
                (Word, "a"),
                (Word, "TXT"),
                (Quoted, "\"x y\""),
                (Word, "b\\ c"),
                (Eol, ""),
                (Word, "next"),
            ]
        );
        assert_eq!(
            kinds("abc\"def\""),
            vec![(Word, "abc"), (Quoted, "\"def\"")]
        );
    }

    #[test]
    fn line_starts_and_glued_comments() {
        let text = "x TXT v=1;rua\r\n  TXT y ;z";
        let mut lexer = Lexer::new(text);
        let x = lexer.next_token();
        assert!(x.at_line_start);
        lexer.next_token();
        let v = lexer.next_token();
        assert_eq!(&text[v.glued_comment.unwrap().range()], ";rua");
        assert_eq!(lexer.next_token().kind, Kind::Eol);
        let txt = lexer.next_token();
        assert!(!txt.at_line_start);
        assert_eq!(lexer.next_token().glued_comment, None);
    }

    #[test]
    fn errors() {
        use Kind::*;
        assert_eq!(
            kinds("a \"open\nb )\n(c"),
            vec![
                (Word, "a"),
                (Error(LexError::UnterminatedQuote), "\"open"),
                (Eol, ""),
                (Word, "b"),
                (Error(LexError::UnbalancedClose), ")"),
                (Eol, ""),
                (Word, "c"),
                (Error(LexError::UnclosedOpen), "("),
            ]
        );
    }

    #[test]
    fn comments_outside_quotes_and_escapes() {
        let text = "a TXT \"x;y\" b\\;c ; one\n( \"p\" ; two\n;three\n) ; four";
        let found: Vec<&str> = comments(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(found, ["; one", "; two", ";three", "; four"]);
        let glued = "x TXT v=1;rua\n(a ;open";
        let found: Vec<&str> = comments(glued).iter().map(|s| &glued[s.range()]).collect();
        assert_eq!(found, [";rua", ";open"]);
    }
}
