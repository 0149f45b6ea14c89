//! OctoDNS YamlProvider zone files (octodns 1.x): records (TXT, SPF and CNAME; MX and TLSA
//! for DANE, see [`crate::extract::companions`]), the `escaped_semicolons` convention
//! (TLSRPT601/602) and keys that repeat the zone (TLSRPT307).
//!
//! A zone file is recognised by shape: a mapping from record names to a record (a mapping
//! with `type`) or a list of them. The zone is the one the settings name, else the file
//! name (`example.com.yaml`), or for a zone split by record (`split_extension`,
//! SplitYamlProvider) the directory (`example.com./`).
//!
//! The provider's settings come from the OctoDNS configuration ([`super::octodns_provider`]).
//! `octodns: {ignored: true}` skips a record; `lenient: true` is named in the help of a
//! finding, since OctoDNS then only logs the refusal and `octodns-validate` still fails.
//!
//! The semicolon findings copy OctoDNS's own `chunked-value-rfc` validator: a `;` right
//! after a word character is unescaped (so `v=TLSRPTv1 ;` passes, as in OctoDNS), `\\;` is
//! double escaped, and with `escaped_semicolons: false` the provider escapes every `;` on
//! load, so a written `\;` becomes double escaped. The record handed to the rules holds the
//! value OctoDNS publishes: `\;` decoded to `;`, and a value written as quoted strings
//! (`"part1" "part2"`) joined, as `_ChunkedValue` does. A semicolon escaped once too often
//! reads as the `;` it was meant to be, so the record rules do not report it a second time.

use std::path::Path;

use saphyr_parser::ScalarStyle;

use super::document::{NodeId, Stream};
use super::octodns_provider::{find_provider, is_true, Provider};
use super::scalar::replace_all;
use super::{Draft, Reader};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::extract::Loader;
use crate::model::RecordRef;
use crate::model::{Format, Name, Writing};
use crate::origin::from_file_name;
use crate::rules::octodns_double_escaped_semicolon::OCTODNS_DOUBLE_ESCAPED_SEMICOLON;
use crate::rules::octodns_unescaped_semicolon::OCTODNS_UNESCAPED_SEMICOLON;
use crate::rules::origin_appended_twice::ORIGIN_APPENDED_TWICE;
use crate::text::{Decoded, Span};

pub(super) fn read(reader: &mut Reader<'_>, loader: &dyn Loader, origin: Option<&str>) {
    let Some(&root) = reader.stream.documents.first() else {
        return;
    };
    if !is_zone(&reader.stream, root) {
        return;
    }
    let provider = find_provider(reader.source, loader);
    let zone = match origin {
        Some(origin) => Some(super::absolute(origin)),
        None => zone_from_path(&reader.source.path, provider.split_extension.as_deref()),
    };
    let name = Path::new(&reader.source.path).file_name();
    let shared = provider
        .shared
        .iter()
        .find(|(file, zones)| name.is_some_and(|n| n == file.as_str()) && !zones.is_empty());
    let Some((_, zones)) = shared else {
        read_zone(reader, zone.as_deref(), &provider);
        return;
    };
    // A shared file: its records once per zone that uses it; what the text itself gets
    // wrong (semicolons), once.
    let before = reader.out.diagnostics.len();
    for zone in zones {
        read_zone(reader, Some(zone), &provider);
    }
    let mut seen = std::collections::HashSet::new();
    let mut i = 0;
    reader.out.diagnostics.retain(|d| {
        i += 1;
        i <= before || seen.insert((d.rule.code, d.location.span, d.message.clone()))
    });
}

/// Reads the records of the zone file's root mapping as records of `zone`.
fn read_zone(reader: &mut Reader<'_>, zone: Option<&str>, provider: &Provider) {
    let Some(&root) = reader.stream.documents.first() else {
        return;
    };
    let entries = reader.stream.map(root).unwrap_or_default().to_vec();
    for (key, value) in entries {
        let in_list = reader.stream.seq(value).is_some();
        let mut repeats_reported = false;
        for item in reader.stream.one_or_many(value) {
            let span = if in_list {
                reader.span(item)
            } else {
                reader.span(key).cover(reader.span(item))
            };
            let record = Item { key, item, span };
            let found = read_record(reader, zone, record, provider);
            if let (Some(repeat), false) = (found, repeats_reported) {
                reader.emit(repeat);
                repeats_reported = true;
            }
        }
    }
}

/// A mapping from names to records (mappings with `type`) or lists of records.
fn is_zone(stream: &Stream, root: NodeId) -> bool {
    let Some(entries) = stream.map(root) else {
        return false;
    };
    let is_record = |id: NodeId| stream.get(id, "type").is_some();
    !entries.is_empty()
        && entries.iter().all(|&(key, value)| {
            stream.scalar(key).is_some()
                && match stream.seq(value) {
                    Some(items) => items.iter().all(|&i| is_record(i)),
                    None => is_record(value),
                }
        })
}

/// `zones/example.com.yaml` is the zone `example.com.`; a file split by record
/// (`split_extension`, `.` by default) takes its zone from its directory:
/// `zones/example.com./_smtp._tls.yaml`, or `zones/example.com.split/` for `.split`.
fn zone_from_path(path: &str, split_extension: Option<&str>) -> Option<String> {
    let path = Path::new(path);
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|d| d.to_str());
    let extension = split_extension.unwrap_or(".");
    if let Some(zone) = dir.and_then(|d| d.strip_suffix(extension)) {
        if !zone.is_empty() && !zone.ends_with('.') {
            return Some(format!("{zone}."));
        }
    }
    let stem = path.file_stem()?.to_str()?;
    from_file_name(stem)
}

/// One record of a zone file: the key it is under, its mapping, and its source.
struct Item {
    key: NodeId,
    item: NodeId,
    span: Span,
}

/// Reads one record; returns TLSRPT307 when its key repeats the zone and it is a record the
/// rules read (its caller reports that once per key).
fn read_record(
    reader: &mut Reader<'_>,
    zone: Option<&str>,
    Item { key, item, span }: Item,
    provider: &Provider,
) -> Option<Diagnostic> {
    let stream = &reader.stream;
    let meta = |key: &str| {
        stream
            .get(item, "octodns")
            .and_then(|meta| stream.get_str(meta, key))
            .is_some_and(is_true)
    };
    let (ignored, lenient) = (meta("ignored"), meta("lenient"));
    let rtype = stream.get_str(item, "type").map(str::to_ascii_uppercase)?;
    if ignored || !matches!(rtype.as_str(), "TXT" | "SPF" | "CNAME" | "MX" | "TLSA") {
        return None;
    }
    let key_text = reader.decoded(key)?;
    let values = stream
        .get(item, "values")
        .or_else(|| stream.get(item, "value"))
        .map(|v| stream.one_or_many(v))
        .unwrap_or_default();
    let (name, repeats) = record_name(reader, zone, key, &key_text, &rtype);
    let draft = || Draft {
        format: Format::OctoDns,
        name: name.clone(),
        zone: zone.map(str::to_string),
        rtype: rtype.clone(),
        // Without `ttl`, the provider's `default_ttl`, inherited at the record's start.
        ttl: reader
            .ttl(reader.stream.get(item, "ttl"))
            .or(Some((provider.default_ttl, Span::at(span.start)))),
        span,
    };
    let kept = reader.out.records.len();
    match rtype.as_str() {
        "CNAME" => {
            let target = *values.first()?;
            let target_name = target_name(reader.stream.scalar(target)?, zone);
            let target_span = reader.span(target);
            let draft = draft();
            reader.push_cname(draft, target_name, target_span);
            return repeats.filter(|_| reader.out.records.len() > kept);
        }
        "MX" => {
            // `exchange` (`value` before octodns 0.9.15), one record per value.
            let exchanges: Vec<(Draft, String, Span)> = values
                .iter()
                .filter_map(|&v| {
                    let node = stream
                        .get(v, "exchange")
                        .or_else(|| stream.get(v, "value"))?;
                    let exchange = target_name(stream.scalar(node)?, zone);
                    Some((draft(), exchange, reader.span(node)))
                })
                .collect();
            for (draft, exchange, span) in exchanges {
                reader.push_mx(draft, exchange, span);
            }
            return None;
        }
        "TLSA" => {
            let draft = draft();
            reader.push_tlsa(draft);
            return None;
        }
        _ => {}
    }
    let drafts: Vec<(Draft, Decoded, bool)> = values
        .iter()
        .filter_map(|&v| {
            let double = reader.stream.style(v) == Some(ScalarStyle::DoubleQuoted);
            Some((draft(), reader.decoded(v)?, double))
        })
        .collect();
    for (draft, written, double_quoted) in drafts {
        let record = RecordRef {
            name: draft.name.text.clone(),
            rtype: draft.rtype.clone(),
        };
        let how = How {
            provider,
            double_quoted,
            lenient,
        };
        semicolons(reader, &written, &how, record);
        let value = published(&written, provider.escaped_semicolons);
        let writing = match (provider.escaped_semicolons, double_quoted) {
            (false, _) => Writing::Format,
            (true, false) => Writing::Semicolon("\\;"),
            (true, true) => Writing::Semicolon("\\\\;"),
        };
        reader.push_txt(draft, value, None, writing);
    }
    repeats.filter(|_| reader.out.records.len() > kept)
}

/// A CNAME target or MX exchange: OctoDNS wants full names, so one without its final dot
/// is read as relative to the zone, as a zone file would.
fn target_name(written: &str, zone: Option<&str>) -> String {
    match zone {
        Some(zone) if !written.ends_with('.') => format!("{written}.{zone}"),
        _ => written.to_string(),
    }
}

/// The owner name of a key, and TLSRPT307 when the key repeats the zone.
fn record_name(
    reader: &Reader<'_>,
    zone: Option<&str>,
    key: NodeId,
    written: &Decoded,
    rtype: &str,
) -> (Name, Option<Diagnostic>) {
    let span = reader.span(key);
    let text = written.text();
    let Some(zone) = zone else {
        let text = if text.is_empty() { "@" } else { text };
        let name = Name {
            text: text.to_string(),
            span,
        };
        return (name, None);
    };
    if text.is_empty() {
        let name = Name {
            text: zone.to_string(),
            span,
        };
        return (name, None);
    }
    let name = format!("{text}.{zone}");
    let bare = zone.trim_end_matches('.');
    let (lower, bare_lower) = (text.to_ascii_lowercase(), bare.to_ascii_lowercase());
    let repeats = lower == bare_lower || lower.ends_with(&format!(".{bare_lower}"));
    if !repeats {
        return (Name { text: name, span }, None);
    }
    let relative_len = text.len().saturating_sub(bare.len() + 1);
    let message = format!("`{text}` repeats the zone, so it names `{name}`");
    let d = reader
        .diagnostic(&ORIGIN_APPENDED_TWICE, span, message)
        .with_record(RecordRef {
            name: name.clone(),
            rtype: rtype.to_string(),
        })
        .with_primary_label("OctoDNS keys are relative to the zone");
    let d = if lower == bare_lower {
        d.with_help("use `''` for the zone apex")
    } else {
        let relative = &text[..relative_len];
        d.with_help(format!("write the key without the zone: `{relative}`"))
            .with_fix(Fix {
                message: format!("drop `.{bare}`"),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: written.source_span(relative_len as u32..text.len() as u32),
                    replacement: String::new(),
                }],
            })
    };
    (Name { text: name, span }, Some(d))
}

/// How a value is written: its provider, its YAML style, its record's `lenient` flag.
struct How<'p> {
    provider: &'p Provider,
    double_quoted: bool,
    lenient: bool,
}

/// What `lenient: true` changes, for the help of a 6xx finding.
const LENIENT: &str =
    " (`lenient: true` only makes OctoDNS log the refusal: `octodns-validate` still fails)";

/// TLSRPT601 and TLSRPT602 on a value as YAML decoded it.
fn semicolons(reader: &mut Reader<'_>, written: &Decoded, how: &How<'_>, record: RecordRef) {
    let How {
        provider,
        double_quoted,
        lenient,
    } = *how;
    let note = if lenient { LENIENT } else { "" };
    let text = written.text();
    let backslash = if double_quoted { "\\\\" } else { "\\" };
    if !provider.escaped_semicolons {
        for (i, _) in text.match_indices("\\;") {
            let span = written.source_span(i as u32..i as u32 + 2);
            let mut d = reader
                .diagnostic(
                    &OCTODNS_DOUBLE_ESCAPED_SEMICOLON,
                    span,
                    "`\\;` where the provider has `escaped_semicolons: false`",
                )
                .with_record(record.clone())
                .with_primary_label("OctoDNS escapes this `;` again")
                .with_help(format!(
                    "write a plain `;`: the provider escapes it on load{note}"
                ));
            if let Some(at) = &provider.set_at {
                d = d.with_label(at.clone(), "semicolons are not escaped in this provider");
            }
            reader.emit(d);
        }
        return;
    }
    for (i, _) in text.match_indices("\\\\;") {
        let span = written.source_span(i as u32..i as u32 + 3);
        let d = reader
            .diagnostic(
                &OCTODNS_DOUBLE_ESCAPED_SEMICOLON,
                span,
                "`;` is escaped twice: OctoDNS reads `\\\\;`",
            )
            .with_record(record.clone())
            .with_primary_label("one backslash too many")
            .with_help(format!("write `{backslash};`{note}"));
        reader.emit(d);
    }
    let unescaped: Vec<usize> = text
        .match_indices(';')
        .map(|(i, _)| i)
        .filter(|&i| text[..i].chars().next_back().is_some_and(is_word))
        .collect();
    let Some(&first) = unescaped.first() else {
        return;
    };
    let spans: Vec<Span> = unescaped
        .iter()
        .map(|&i| written.source_span(i as u32..i as u32 + 1))
        .collect();
    let mut d = reader
        .diagnostic(
            &OCTODNS_UNESCAPED_SEMICOLON,
            spans[0],
            format!(
                "`;` after `{}` is not escaped in an OctoDNS TXT value",
                &text[..first].rsplit([' ', ';', '\\']).next().unwrap_or("")
            ),
        )
        .with_record(record)
        .with_primary_label("OctoDNS wants `\\;` here")
        .with_help(format!(
            "write `{backslash};`, or set `escaped_semicolons: false` on the provider{note}"
        ));
    let source = &reader.source.text;
    if spans.iter().all(|s| &source[s.range()] == ";") {
        d = d.with_fix(Fix {
            message: "escape the semicolons".to_string(),
            applicability: Applicability::Safe,
            edits: spans
                .iter()
                .map(|s| Edit {
                    span: Span::at(s.start),
                    replacement: backslash.to_string(),
                })
                .collect(),
        });
    }
    if let Some(at) = &provider.set_at {
        d = d.with_label(at.clone(), "semicolons are escaped in this provider");
    }
    reader.emit(d);
}

/// Python's `\w` as OctoDNS's regex uses it.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The value OctoDNS publishes for the written one.
fn published(written: &Decoded, escaped_semicolons: bool) -> Decoded {
    // A semicolon escaped once too often is reported (TLSRPT602) and read as meant.
    let unescaped = if escaped_semicolons {
        replace_all(&replace_all(written, "\\\\;", ";"), "\\;", ";")
    } else {
        replace_all(written, "\\;", ";")
    };
    let text = unescaped.text();
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        let mut inner = Decoded::default();
        inner.append_range(&unescaped, 1..unescaped.len() - 1);
        return replace_all(&inner, "\" \"", "");
    }
    unescaped
}
