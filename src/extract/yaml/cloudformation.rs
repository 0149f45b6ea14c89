//! AWS CloudFormation templates (YAML or JSON): `AWS::Route53::RecordSet` and the
//! `RecordSets` of `AWS::Route53::RecordSetGroup`. Route 53 takes every name as fully
//! qualified, so names, CNAME targets and MX exchanges (`"10 mx.example.com"`) are read as
//! absolute, final dot or not.
//!
//! Names and values are often built with intrinsic functions, in the short form (`!Sub`,
//! `!Join`, tags on a node) or the long one (`{"Fn::Sub": ...}`). [`eval`] folds what is
//! made of literals only: `!Sub` without `${...}` (or whose variables its own map gives),
//! `!Join` of literals; anything that needs a parameter, a resource or another function is
//! TLSRPT002 at the innermost expression that needs it (the `${Domain}` inside a `!Sub`),
//! where the record set mentions `_smtp`, `_tls`, `_mta-sts`, `v=TLSRPT` or `v=STS`.
//! A record whose name is a `!Sub` template is still read, under the template as a relative
//! name, so its value is checked; one whose name is otherwise unknown is not.
//!
//! Route 53 wants TXT values in zone-file quoting: one or more `"..."` strings with `\"`,
//! `\\` and `\NNN` (octal) escapes. [`route53`] decodes them; a value with spaces and no
//! quotes is refused by Route 53 (TLSRPT603).

use super::document::NodeId;
use super::{absolute, Draft, Reader};
use crate::model::{Format, Name, TxtString, Writing};
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Decoded, Span};

/// Words that make a record set with unknown parts worth a TLSRPT002.
pub(super) const RELEVANT: &[&str] = &["_smtp", "_tls", "_mta-sts", "v=tlsrpt", "v=sts"];

/// The deepest nesting of intrinsic functions folded.
const MAX_EVAL_DEPTH: usize = 16;

pub(super) fn read(reader: &mut Reader<'_>) {
    for document in reader.stream.documents.clone() {
        let Some(resources) = reader.stream.get(document, "Resources") else {
            continue;
        };
        let resources = reader.stream.map(resources).unwrap_or_default().to_vec();
        for (_, resource) in resources {
            let stream = &reader.stream;
            let Some(properties) = stream.get(resource, "Properties") else {
                continue;
            };
            match stream.get_str(resource, "Type") {
                Some("AWS::Route53::RecordSet") => {
                    let zone = hosted_zone(reader, properties);
                    record_set(reader, properties, zone);
                }
                Some("AWS::Route53::RecordSetGroup") => {
                    let zone = hosted_zone(reader, properties);
                    let sets = stream
                        .get(properties, "RecordSets")
                        .and_then(|s| stream.seq(s))
                        .unwrap_or_default()
                        .to_vec();
                    for set in sets {
                        record_set(reader, set, zone.clone());
                    }
                }
                _ => {}
            }
        }
    }
}

/// The zone from `HostedZoneName`, when it is a literal.
fn hosted_zone(reader: &Reader<'_>, properties: NodeId) -> Option<String> {
    let node = reader.stream.get(properties, "HostedZoneName")?;
    eval(reader, node, 0).ok().map(|d| absolute(d.text()))
}

fn record_set(reader: &mut Reader<'_>, set: NodeId, zone: Option<String>) {
    let stream = &reader.stream;
    let (Some(name_node), Some(rtype)) = (stream.get(set, "Name"), stream.get_str(set, "Type"))
    else {
        return;
    };
    let rtype = rtype.to_ascii_uppercase();
    if !matches!(rtype.as_str(), "TXT" | "SPF" | "CNAME" | "MX" | "TLSA") {
        return;
    }
    let values = stream
        .get(set, "ResourceRecords")
        .and_then(|r| stream.seq(r))
        .unwrap_or_default()
        .to_vec();
    let name_span = reader.span(name_node);
    // As for `$GENERATE` in zone files: what cannot be evaluated is reported only where the
    // record set mentions a name or value a rule reads.
    let relevant = relevant(&reader.source.text[reader.span(set).range()]);
    let name = match eval(reader, name_node, 0) {
        Ok(name) => Some(absolute(name.text())),
        Err(at) => {
            if relevant {
                unevaluated(reader, at, "record name", STACK);
            }
            sub_template(reader, name_node)
        }
    };
    let draft = name.map(|name| Draft {
        format: Format::CloudFormation,
        name: Name {
            text: name,
            span: name_span,
        },
        zone: zone.clone(),
        rtype: rtype.clone(),
        ttl: reader.ttl(reader.stream.get(set, "TTL")),
        span: reader.span(set),
    });
    for value in values {
        let written = match eval(reader, value, 0) {
            Ok(written) => written,
            Err(at) => {
                if relevant {
                    unevaluated(reader, at, "record value", STACK);
                }
                continue;
            }
        };
        // Values are evaluated (and reported when unknown) whatever the name; the records
        // are kept only where the name is known.
        let Some(draft) = draft.clone() else {
            continue;
        };
        match rtype.as_str() {
            "CNAME" => {
                let span = reader.span(value);
                reader.push_cname(draft, absolute(written.text()), span);
            }
            "MX" => reader.push_mx_data(draft, &written),
            "TLSA" => reader.push_tlsa(draft),
            _ => {
                if let Some((value, strings)) = route53(reader, &written, reader.span(value)) {
                    reader.push_txt(draft, value, Some(strings), Writing::Format);
                }
            }
        }
    }
}

/// Whether a resource's source text mentions a name or value a rule reads, so that what
/// cannot be evaluated in it is worth a TLSRPT002 (the Pulumi and ARM readers ask too).
pub(super) fn relevant(written: &str) -> bool {
    let written = written.to_ascii_lowercase();
    RELEVANT.iter().any(|m| written.contains(m))
}

/// The most characters of an expression a TLSRPT002 message shows.
const SHOWN: usize = 80;

/// When a CloudFormation value is known.
const STACK: &str = "the stack is deployed";

/// TLSRPT002 at an expression that needs a deploy-time value, known only `when`.
pub(super) fn unevaluated(reader: &mut Reader<'_>, at: Span, what: &str, when: &str) {
    let shown = &reader.source.text[at.range()];
    // A long expression (a hostile one, or one that does not parse) is shown by its start.
    let shown = match shown.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &shown[..cut]),
        None => shown.to_string(),
    };
    let message = format!("{what} needs `{shown}`, known only when {when}");
    let d = reader
        .diagnostic(&UNEVALUATED_VALUE, at, message)
        .with_primary_label("not evaluated")
        .with_help("the records this makes are checked only where the rest is literal");
    reader.emit(d);
}

/// The template of a `!Sub` name, as a relative name standing for the record.
fn sub_template(reader: &Reader<'_>, node: NodeId) -> Option<String> {
    let (function, argument) = intrinsic(reader, node)?;
    (function == "Sub")
        .then(|| reader.stream.scalar(argument))
        .flatten()
        .map(|t| t.trim_end_matches('.').to_string())
}

/// The intrinsic function a node calls, and its argument: `!Sub x` or `{"Fn::Sub": x}`.
fn intrinsic(reader: &Reader<'_>, node: NodeId) -> Option<(String, NodeId)> {
    let stream = &reader.stream;
    if let Some(tag) = stream.nodes[node].tag.as_deref() {
        let function = tag.strip_prefix('!')?;
        return (!function.starts_with('!') && !function.is_empty())
            .then(|| (function.to_string(), node));
    }
    match stream.map(node)? {
        [(key, value)] => {
            let key = stream.scalar(*key)?;
            let function = key.strip_prefix("Fn::").unwrap_or(key);
            (key == "Ref" || key.starts_with("Fn::")).then(|| (function.to_string(), *value))
        }
        _ => None,
    }
}

/// The literal string a node stands for, or the span of what needs a parameter.
fn eval(reader: &Reader<'_>, node: NodeId, depth: usize) -> Result<Decoded, Span> {
    let span = reader.span(node);
    if depth > MAX_EVAL_DEPTH {
        return Err(span);
    }
    let Some((function, argument)) = intrinsic(reader, node) else {
        return reader.decoded(node).ok_or(span);
    };
    let stream = &reader.stream;
    match function.as_str() {
        // A tagged scalar is its own argument: its value is the template.
        "Sub" => match stream.seq(argument) {
            Some([template, variables]) => sub(reader, *template, Some(*variables), depth),
            Some(_) => Err(span),
            None => sub(reader, argument, None, depth),
        },
        "Join" => {
            let Some([delimiter, items]) = stream.seq(argument) else {
                return Err(span);
            };
            let delimiter = eval(reader, *delimiter, depth + 1)?;
            let items = stream.seq(*items).ok_or(reader.span(*items))?;
            let mut out = Decoded::default();
            for (i, &item) in items.iter().enumerate() {
                if i > 0 {
                    out.append_range(&delimiter, 0..delimiter.len());
                }
                let item = eval(reader, item, depth + 1)?;
                out.append_range(&item, 0..item.len());
            }
            Ok(out)
        }
        _ => Err(span),
    }
}

/// A `!Sub` template with `${Name}` taken from `variables` where they give a literal.
fn sub(
    reader: &Reader<'_>,
    template: NodeId,
    variables: Option<NodeId>,
    depth: usize,
) -> Result<Decoded, Span> {
    let template = reader.decoded(template).ok_or(reader.span(template))?;
    let text = template.text();
    let mut out = Decoded::default();
    let mut last = 0;
    while let Some(open) = text[last..].find("${").map(|i| i + last) {
        let Some(close) = text[open..].find('}').map(|i| i + open) else {
            break;
        };
        out.append_range(&template, last as u32..open as u32);
        let variable = &text[open + 2..close];
        let whole = open as u32..close as u32 + 1;
        if let Some(literal) = variable.strip_prefix('!') {
            // `${!Literal}` is the text `${Literal}`.
            let kept = format!("${{{literal}}}");
            out.push_escape(&kept, template.source_span(whole));
        } else {
            let value = variables
                .and_then(|v| reader.stream.get(v, variable))
                .ok_or_else(|| template.source_span(whole.clone()))?;
            let value = eval(reader, value, depth + 1)?;
            out.append_range(&value, 0..value.len());
        }
        last = close + 1;
    }
    out.append_range(&template, last as u32..template.len());
    Ok(out)
}

/// A Route 53 TXT value: its strings decoded and joined, or TLSRPT603 when it is not
/// quoted as Route 53 needs (the value is then kept as written, so its content is still
/// checked).
pub(super) fn route53(
    reader: &mut Reader<'_>,
    written: &Decoded,
    span: Span,
) -> Option<(Decoded, Vec<TxtString>)> {
    let text = written.text();
    if !text.starts_with('"') {
        if text.contains([' ', '\t']) {
            let shown = written.source_span(0..written.len());
            let d = reader
                .diagnostic(
                    &PROVIDER_TXT_QUOTING,
                    shown,
                    "Route 53 TXT value with spaces is not in double quotes",
                )
                .with_primary_label("Route 53 refuses this (`InvalidTXTRDATA`)")
                .with_help("write the value inside double quotes: `'\"v=TLSRPTv1; ...\"'`");
            reader.emit(d);
        }
        let strings = vec![TxtString {
            range: 0..written.len(),
            quoted: false,
        }];
        return Some((written.clone(), strings));
    }
    match quoted_strings(written) {
        Ok(decoded) => Some(decoded),
        Err(at) => {
            let at = if at.is_empty() { span } else { at };
            let d = reader
                .diagnostic(
                    &PROVIDER_TXT_QUOTING,
                    at,
                    "Route 53 TXT value is not a sequence of quoted strings",
                )
                .with_primary_label("Route 53 refuses this (`InvalidTXTRDATA`)")
                .with_help("write each string inside double quotes, separated by spaces");
            reader.emit(d);
            None
        }
    }
}

/// `"a" "b"` as `ab` with its two strings; the error is where the quoting breaks.
pub(super) fn quoted_strings(written: &Decoded) -> Result<(Decoded, Vec<TxtString>), Span> {
    let text = written.text();
    let bytes = text.as_bytes();
    let mut out = Decoded::default();
    let mut strings = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        if bytes[i] != b'"' {
            return Err(written.source_span(i as u32..i as u32 + 1));
        }
        let open = i;
        let start = out.len();
        i += 1;
        let mut run = i;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(written.source_span(open as u32..open as u32 + 1));
            };
            match b {
                b'"' => break,
                b'\\' => {
                    out.append_range(written, run as u32..i as u32);
                    let digits = bytes[i + 1..]
                        .iter()
                        .take(3)
                        .take_while(|b| (b'0'..=b'7').contains(b))
                        .count();
                    let (decoded, len) = if digits == 3 {
                        let n = u32::from_str_radix(&text[i + 1..i + 4], 8).unwrap_or(0);
                        (char::from_u32(n).unwrap_or('\u{fffd}'), 4)
                    } else {
                        let c = text[i + 1..].chars().next().unwrap_or('\\');
                        (c, 1 + c.len_utf8())
                    };
                    let len = len.min(bytes.len() - i);
                    out.push_escape_char(decoded, written.source_span(i as u32..(i + len) as u32));
                    i += len;
                    run = i;
                }
                _ => i += 1,
            }
        }
        out.append_range(written, run as u32..i as u32);
        strings.push(TxtString {
            range: start..out.len(),
            quoted: true,
        });
        i += 1;
    }
    Ok((out, strings))
}
