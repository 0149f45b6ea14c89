//! A YAML (or JSON) stream as a tree of nodes with byte spans, built from `saphyr-parser`
//! events.
//!
//! `saphyr-parser` is an event parser that gives every event a span and every scalar its
//! style and tag, and it parses JSON too (JSON is YAML 1.2 flow syntax), so one layer serves
//! both. Its markers count characters; [`Offsets`] turns them into our byte offsets.
//!
//! The tree lives in one arena. An alias is the index of the node its anchor names, so a
//! "billion laughs" file shares nodes instead of copying them; what is bounded is the work a
//! reader could do walking it: every alias adds the size of the subtree it stands for, and
//! past [`MAX_EXPANDED`] nodes (or [`MAX_DEPTH`] levels of nesting) the file is reported as a
//! syntax error and nothing of it is read. Building is a loop over events with an explicit
//! stack, never recursion. YAML 1.1 merge keys (`<<: *defaults`), which OctoDNS and
//! CloudFormation files use for shared settings, are resolved as each mapping ends
//! ([`merge`]).

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::text::Span;

/// The most nodes a stream may stand for once its aliases are expanded.
pub const MAX_EXPANDED: u64 = 100_000;
/// The deepest nesting of collections read.
pub const MAX_DEPTH: usize = 128;

/// An index into [`Stream::nodes`].
pub type NodeId = usize;

/// Every document of one file.
#[derive(Debug, Default)]
pub struct Stream {
    pub nodes: Vec<Node>,
    /// The root node of each document, in order.
    pub documents: Vec<NodeId>,
}

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    /// The tag as written, `!Sub` or `tag:yaml.org,2002:str`.
    pub tag: Option<String>,
    /// The node's source bytes (a scalar with its quotes, tag and anchor).
    pub span: Span,
    /// Nodes this one stands for, aliases expanded (saturating).
    size: u64,
}

#[derive(Debug)]
pub enum Kind {
    Scalar { value: String, style: ScalarStyle },
    Seq(Vec<NodeId>),
    Map(Vec<(NodeId, NodeId)>),
}

/// Why a file was not read: where and what, as TLSRPT001 reports it.
#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub span: Span,
    pub message: String,
}

impl Stream {
    /// The value of a plain or quoted scalar node.
    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The style of a scalar node.
    pub fn style(&self, id: NodeId) -> Option<ScalarStyle> {
        match &self.nodes[id].kind {
            Kind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    pub fn seq(&self, id: NodeId) -> Option<&[NodeId]> {
        match &self.nodes[id].kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn map(&self, id: NodeId) -> Option<&[(NodeId, NodeId)]> {
        match &self.nodes[id].kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of the first entry of mapping `id` whose key is the scalar `key`.
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        self.entry(id, key).map(|(_, v)| v)
    }

    /// The first entry (key node, value node) of mapping `id` whose key is `key`.
    pub fn entry(&self, id: NodeId, key: &str) -> Option<(NodeId, NodeId)> {
        self.map(id)?
            .iter()
            .find(|(k, _)| self.scalar(*k) == Some(key))
            .copied()
    }

    /// The scalar value at `key` of mapping `id`.
    pub fn get_str(&self, id: NodeId, key: &str) -> Option<&str> {
        self.scalar(self.get(id, key)?)
    }

    /// A sequence's items, or the node itself when it is a single value.
    pub fn one_or_many(&self, id: NodeId) -> Vec<NodeId> {
        match self.seq(id) {
            Some(items) => items.to_vec(),
            None => vec![id],
        }
    }
}

/// Turns the parser's character indices into byte offsets.
pub struct Offsets {
    /// Byte offset of each character, and of the end; empty when the text is ASCII.
    starts: Vec<u32>,
    len: u32,
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        let starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i as u32)
                .chain([text.len() as u32])
                .collect()
        };
        Offsets {
            starts,
            len: text.len() as u32,
        }
    }

    pub fn byte(&self, char_index: usize) -> u32 {
        if self.starts.is_empty() {
            (char_index as u32).min(self.len)
        } else {
            self.starts[char_index.min(self.starts.len() - 1)]
        }
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        let start = self.byte(span.start.index());
        Span::new(start, self.byte(span.end.index()).max(start))
    }
}

/// A collection being built: its node and the items read so far.
struct Open {
    id: NodeId,
    items: Vec<NodeId>,
    anchor: usize,
}

/// A quoted scalar's span ends at its closing quote: saphyr-parser's may run on over the
/// blanks after it inside a flow collection (`[{ "a": "b" }]`).
fn quoted_span(text: &str, span: Span, style: ScalarStyle) -> Span {
    if !matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
        return span;
    }
    let slice = text.get(span.range()).unwrap_or_default();
    let trimmed = slice.trim_end_matches([' ', '\t']);
    Span::new(span.start, span.start + trimmed.len() as u32)
}

/// Parses `text` into its documents.
pub fn parse(text: &str) -> Result<Stream, Error> {
    let offsets = Offsets::new(text);
    let mut stream = Stream::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(usize, NodeId)> = Vec::new();
    let mut expanded: u64 = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| scan_error(text, &offsets, &e))?;
        let span = offsets.span(span);
        let (id, anchor) = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let span = quoted_span(text, span, style);
                let kind = Kind::Scalar {
                    value: value.into_owned(),
                    style,
                };
                (push(&mut stream, kind, tag.as_deref(), span), anchor)
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error {
                        span,
                        message: format!("nesting deeper than {MAX_DEPTH} levels"),
                    });
                }
                // The kind is settled when the collection ends.
                let id = push(&mut stream, Kind::Seq(Vec::new()), tag.as_deref(), span);
                stack.push(Open {
                    id,
                    items: Vec::new(),
                    anchor,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = stack.pop() else { continue };
                // A block collection ends with an empty event at the next token: it ends
                // with its last item instead.
                let last = open.items.last().map(|&i| stream.nodes[i].span);
                let end = match last {
                    Some(last) if span.is_empty() => last,
                    _ => span,
                };
                let node = &mut stream.nodes[open.id];
                node.span = node.span.cover(end);
                let size = open
                    .items
                    .iter()
                    .fold(1u64, |n, &i| n.saturating_add(stream.nodes[i].size));
                let kind = if matches!(event, Event::MappingEnd) {
                    let pairs = open.items.chunks_exact(2).map(|p| (p[0], p[1])).collect();
                    Kind::Map(merge(&stream, pairs))
                } else {
                    Kind::Seq(open.items)
                };
                let node = &mut stream.nodes[open.id];
                node.size = size;
                node.kind = kind;
                (open.id, open.anchor)
            }
            Event::Alias(anchor) => {
                let target = anchors
                    .iter()
                    .rev()
                    .find(|(a, _)| *a == anchor)
                    .map(|&(_, id)| id);
                let Some(target) = target else {
                    return Err(Error {
                        span,
                        message: "alias to an unknown anchor".to_string(),
                    });
                };
                expanded = expanded.saturating_add(stream.nodes[target].size);
                if expanded > MAX_EXPANDED {
                    return Err(Error {
                        span,
                        message: format!(
                            "aliases expand to more than {MAX_EXPANDED} nodes; not read"
                        ),
                    });
                }
                (target, 0)
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => continue,
        };
        if anchor != 0 {
            anchors.push((anchor, id));
        }
        match stack.last_mut() {
            Some(open) => open.items.push(id),
            None => stream.documents.push(id),
        }
    }
    Ok(stream)
}

/// A mapping's entries with YAML 1.1 merge keys resolved: `<<: *anchor` (or a list of
/// anchors, the first winning) adds the entries of the mappings it names whose keys the
/// mapping does not already have. The added entries are the merged mapping's own nodes, so
/// their spans stay at the anchor's bytes; the copies are bounded by the alias expansion
/// already counted for the merged mappings.
fn merge(stream: &Stream, pairs: Vec<(NodeId, NodeId)>) -> Vec<(NodeId, NodeId)> {
    if !pairs.iter().any(|&(key, _)| is_merge_key(stream, key)) {
        return pairs;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .partition(|&(key, _)| is_merge_key(stream, key));
    let mut keys: std::collections::HashSet<String> = own
        .iter()
        .filter_map(|&(key, _)| stream.scalar(key).map(str::to_string))
        .collect();
    for (_, value) in merges {
        for source in stream.one_or_many(value) {
            for &(key, item) in stream.map(source).unwrap_or_default() {
                let new = stream
                    .scalar(key)
                    .is_none_or(|name| keys.insert(name.to_string()));
                if new {
                    own.push((key, item));
                }
            }
        }
    }
    own
}

/// A `<<` key: plain and untagged, or tagged `!!merge`.
fn is_merge_key(stream: &Stream, id: NodeId) -> bool {
    let node = &stream.nodes[id];
    match &node.kind {
        Kind::Scalar { value, style } if value == "<<" => match &node.tag {
            None => *style == ScalarStyle::Plain,
            Some(tag) => tag == "tag:yaml.org,2002:merge",
        },
        _ => false,
    }
}

fn push(stream: &mut Stream, kind: Kind, tag: Option<&saphyr_parser::Tag>, span: Span) -> NodeId {
    stream.nodes.push(Node {
        kind,
        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix)),
        span,
        size: 1,
    });
    stream.nodes.len() - 1
}

/// A parser error as TLSRPT001 shows it. An unknown escape in a double-quoted scalar is
/// reported by the parser at the opening quote; the finding points at the escape itself.
fn scan_error(text: &str, offsets: &Offsets, error: &ScanError) -> Error {
    let at = offsets.byte(error.marker().index()) as usize;
    let mut message = error.info().to_string();
    let mut span = char_span(text, at);
    if message.contains("unknown escape") {
        if let Some(escape) = bad_escape(text, at) {
            let shown = &text[escape.range()];
            message = format!("`{shown}` is not a YAML escape in a double-quoted scalar");
            span = escape;
        }
    }
    Error { span, message }
}

/// The span of the character at byte `at` (empty at the end of the text).
fn char_span(text: &str, at: usize) -> Span {
    let len = text[at.min(text.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    Span::new(at as u32, (at + len) as u32)
}

/// The first escape that YAML does not define in the double-quoted scalar opening at `at`.
fn bad_escape(text: &str, at: usize) -> Option<Span> {
    let body = text.get(at..)?.strip_prefix('"')?;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (_, next) = chars.next()?;
                if !super::scalar::is_escape(next) {
                    let start = at + 1 + i;
                    return Some(Span::new(
                        start as u32,
                        (start + 1 + next.len_utf8()) as u32,
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_sequences_aliases_and_documents() {
        let text = "a: &x [1, 2]\nb: *x\n---\nc: é\n";
        let stream = parse(text).unwrap();
        assert_eq!(stream.documents.len(), 2);
        let first = stream.documents[0];
        let a = stream.get(first, "a").unwrap();
        assert_eq!(stream.get(first, "b"), Some(a));
        assert_eq!(&text[stream.nodes[a].span.range()], "&x [1, 2]");
        let c = stream.get(stream.documents[1], "c").unwrap();
        assert_eq!(&text[stream.nodes[c].span.range()], "é");
    }

    #[test]
    fn merge_keys_add_the_entries_the_mapping_lacks() {
        let text = "base: &b {type: TXT, ttl: 60}\nmore: &m {ttl: 1, value: x}\n\
                    one: {<<: *b, ttl: 300}\nmany:\n  <<: [*b, *m]\n  value: y\n\
                    quoted: {\"<<\": *b}\n";
        let stream = parse(text).unwrap();
        let root = stream.documents[0];
        let field = |name: &str, key: &str| {
            let id = stream.get(stream.get(root, name).unwrap(), key).unwrap();
            &text[stream.nodes[id].span.range()]
        };
        assert_eq!(field("one", "type"), "TXT");
        assert_eq!(field("one", "ttl"), "300");
        assert_eq!(field("many", "ttl"), "60");
        assert_eq!(field("many", "value"), "y");
        assert!(stream.get(stream.get(root, "one").unwrap(), "<<").is_none());
        // A quoted `<<` is an ordinary key.
        assert!(stream
            .get(stream.get(root, "quoted").unwrap(), "type")
            .is_none());
        // The merged entry is the anchor's own node.
        let merged = stream
            .get(stream.get(root, "one").unwrap(), "type")
            .unwrap();
        let base = stream
            .get(stream.get(root, "base").unwrap(), "type")
            .unwrap();
        assert_eq!(merged, base);
    }

    #[test]
    fn a_bad_escape_is_reported_at_the_escape() {
        let text = "a: \"v=TLSRPTv1\\; rua=x\"\n";
        let error = parse(text).unwrap_err();
        assert_eq!(&text[error.span.range()], "\\;");
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let error = parse(&text).unwrap_err();
        assert!(
            error.message.contains("aliases expand"),
            "{}",
            error.message
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        assert!(parse(&text).is_err());
        let text: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(parse(&text).is_ok());
    }
}
