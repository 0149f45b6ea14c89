//! Owner-name diagnostics for the name rules (`policy-at-wrong-name`, `legacy-policy-name`,
//! `origin-appended-twice`): fixes that rewrite the name as it is written in the source.
//! Which labels people write instead of `_smtp._tls`, and the policy name they meant, are
//! `crate::names`'s.
//!
//! Fixes edit the written name, not the resolved one: `_smtp.tls` becomes `_smtp._tls` and
//! the origin stays implied. A name that is inherited (blank owner) or written with escapes
//! gets help but no fix, since its bytes do not map label by label onto the resolved name.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::{Format, Record};
use crate::names::{meant_policy_name, POLICY_LABELS};
use crate::rule::Rule;
use crate::rules::context::SetCtx;

/// A diagnostic at the record's name (at its value where the name is inherited) for a
/// policy whose first `prefix` labels stand where `_smtp._tls` should: it names the policy
/// name meant and renames the record there, unless that name has records already.
pub fn at_wrong_name(
    ctx: &SetCtx<'_>,
    rule: &'static Rule,
    record: &Record,
    prefix: usize,
    message: String,
) -> Diagnostic {
    let meant = meant_policy_name(&record.name.text, prefix);
    let span = if record.name.span.is_empty() {
        record.value_span()
    } else {
        record.name.span
    };
    let d = ctx
        .diagnostic(rule, record, span, message)
        .with_primary_label(format!("senders query `{meant}`"));
    if ctx.model.lookup(&meant, &record.source).is_some() {
        return d.with_help(format!(
            "`{meant}` already has records in the repository: merge this one there, or remove it"
        ));
    }
    let d = d.with_help(format!("publish the policy at `{meant}`"));
    match rename_fix(record, prefix, &meant) {
        Some(fix) => d.with_fix(fix),
        None => d,
    }
}

/// A fix that writes `_smtp._tls` in place of the first `prefix` labels of the record's name
/// as written; `None` where that is not possible (see the module docs).
fn rename_fix(record: &Record, prefix: usize, meant: &str) -> Option<Fix> {
    let written = written_name(record)?;
    let replacement = if written == "@" {
        (prefix == 0).then(|| POLICY_LABELS.to_string())?
    } else {
        let labels: Vec<&str> = written.trim_end_matches('.').split('.').collect();
        let rest = labels.get(prefix..)?;
        let mut name = POLICY_LABELS.to_string();
        for label in rest {
            name.push('.');
            name.push_str(label);
        }
        name + dot(written)
    };
    Some(Fix {
        message: format!("rename to `{meant}`"),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            span: record.name.span,
            replacement,
        }],
    })
}

/// A trailing dot when `written` has one.
fn dot(written: &str) -> &'static str {
    if written.ends_with('.') {
        "."
    } else {
        ""
    }
}

/// The owner name as written in a zone file, when it is written there without escapes.
pub fn written_name(record: &Record) -> Option<&str> {
    if record.format != Format::Zone || record.name.span.is_empty() {
        return None;
    }
    let written = record.source.text.get(record.name.span.range())?;
    (!written.contains('\\')).then_some(written)
}

/// Whether the record's name was written as a full name without its trailing dot, so the
/// origin was appended to a name that already ended with it: `_smtp._tls.example.com` in
/// the zone `example.com.` is `_smtp._tls.example.com.example.com.`.
pub fn origin_appended_twice(record: &Record) -> bool {
    let Some(written) = written_name(record) else {
        return false;
    };
    let written = written.to_ascii_lowercase();
    let resolved = record.name.text.to_ascii_lowercase();
    if written.ends_with('.') || written == "@" {
        return false;
    }
    let Some(origin) = resolved
        .strip_prefix(&written)
        .and_then(|rest| rest.strip_prefix('.'))
    else {
        return false;
    };
    let origin = origin.trim_end_matches('.');
    !origin.is_empty() && (written == origin || written.ends_with(&format!(".{origin}")))
}
