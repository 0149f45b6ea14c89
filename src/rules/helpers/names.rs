//! Owner names for the name rules (`policy-at-wrong-name`, `legacy-policy-name`,
//! `origin-appended-twice`): the leading labels people write instead of `_smtp._tls`, the
//! policy name they meant, and fixes that rewrite the name as it is written in the source.
//!
//! Fixes edit the written name, not the resolved one: `_smtp.tls` becomes `_smtp._tls` and
//! the origin stays implied. A name that is inherited (blank owner) or written with escapes
//! gets help but no fix, since its bytes do not map label by label onto the resolved name.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::{Format, Record};
use crate::rule::Rule;
use crate::rules::context::SetCtx;

/// The draft-era policy labels (draft-ietf-uta-smtp-tlsrpt-00 and -01).
pub const LEGACY: &[&str] = &["_smtp-tlsrpt", "_smtp_tlsrpt"];

/// Labels written where `_smtp._tls` belongs (the mention scanner's policy-name markers
/// are made from these, [`crate::mentions`]).
pub const MISSPELT: &[&str] = &[
    "_smtp",
    "_smpt",
    "_stmp",
    "_tls",
    "_smtp_tls",
    "_smtp-tls",
    "_smtptls",
    "_tlsrpt",
    "_mta-sts",
    "_smtp-tlsrpt",
    "_smtp_tlsrpt",
];

/// Whether a TXT value begins (after spaces and quotes) with `v=TLSRPT`, in any case: a
/// TLS-RPT policy or authorization record, wherever it is published.
pub fn is_tlsrpt_value(text: &str) -> bool {
    text.trim_start_matches([' ', '\t', '"', '\''])
        .get(..8)
        .is_some_and(|head| head.eq_ignore_ascii_case("v=tlsrpt"))
}

/// The first label of a name, in lowercase.
pub fn first_label(name: &str) -> String {
    name.split('.').next().unwrap_or("").to_ascii_lowercase()
}

/// How many leading labels of `name` stand where `_smtp._tls` should: 2 for
/// `_smtp.tls.example.com.`, `_tls._smtp.example.com.` and the typo `_stmp._tls.example.com.`,
/// 1 for `_smtp_tls.example.com.`, 0 for `example.com.` (a policy at the domain itself).
/// The last label is the domain's unless the name is `relative` to a zone not known
/// (`_smtp.tls` of `_smtp.tls.${var.domain}`), where every label may be misspelt.
pub fn misspelt_prefix(name: &str, relative: bool) -> usize {
    let name = name.trim_end_matches('.');
    let labels: Vec<String> = name.split('.').map(str::to_ascii_lowercase).collect();
    let last = if relative {
        labels.len()
    } else {
        labels.len() - 1
    };
    let mut n = 0;
    while n < last {
        let label = labels[n].as_str();
        let after_underscore = n > 0 && matches!(label, "tls" | "smtp");
        let typo = ["_smtp", "_tls"].iter().any(|t| one_typo(label, t));
        if !(MISSPELT.contains(&label) || after_underscore || typo) {
            break;
        }
        n += 1;
    }
    n
}

/// Whether `label` is `target` with one typo after its leading `_`: two neighbours
/// swapped (`_stmp`, `_smpt`, `_tsl`), one letter wrong (`_smtb`), missing (`_smp`) or
/// doubled (`_smttp`).
fn one_typo(label: &str, target: &str) -> bool {
    let (a, b) = (label.as_bytes(), target.as_bytes());
    if a == b || a.first() != Some(&b'_') {
        return false;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[common..], &b[common..]);
    match a.len() as isize - b.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// The policy name meant by `name` whose first `prefix` labels stand for `_smtp._tls`.
pub fn policy_name(name: &str, prefix: usize) -> String {
    let rest: Vec<&str> = name.split('.').skip(prefix).collect();
    if rest.is_empty() {
        return "_smtp._tls".to_string();
    }
    format!("_smtp._tls.{}", rest.join("."))
}

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
    let meant = policy_name(&record.name.text, prefix);
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
        (prefix == 0).then(|| "_smtp._tls".to_string())?
    } else {
        let labels: Vec<&str> = written.trim_end_matches('.').split('.').collect();
        let rest = labels.get(prefix..)?;
        let mut name = "_smtp._tls".to_string();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_the_policy_labels_are_part_of_the_prefix() {
        assert_eq!(
            misspelt_prefix("_stmp._tls.forms.service.gov.uk.", false),
            2
        );
        assert_eq!(
            policy_name("_stmp._tls.forms.service.gov.uk.", 2),
            "_smtp._tls.forms.service.gov.uk."
        );
        for typo in ["_stmp", "_smpt", "_smt", "_smttp", "_smtb"] {
            assert!(one_typo(typo, "_smtp"), "{typo}");
        }
        assert!(one_typo("_tsl", "_tls"));
        for other in ["_smtp", "_tcp", "_sip", "smtp", "_dmarc", "_st"] {
            assert!(
                !one_typo(other, "_smtp") && !one_typo(other, "_tls"),
                "{other}"
            );
        }
    }

    #[test]
    fn prefixes_and_meant_names() {
        for (name, prefix, meant) in [
            ("example.com.", 0, "_smtp._tls.example.com."),
            ("_smtp.tls.example.com.", 2, "_smtp._tls.example.com."),
            ("_tls._smtp.example.com.", 2, "_smtp._tls.example.com."),
            (
                "_SMTP_TLS.mail.example.com.",
                1,
                "_smtp._tls.mail.example.com.",
            ),
            ("_smtp-tlsrpt.example.com.", 1, "_smtp._tls.example.com."),
            ("_mta-sts.example.com.", 1, "_smtp._tls.example.com."),
            ("tls.example.com.", 0, "_smtp._tls.tls.example.com."),
        ] {
            assert_eq!(misspelt_prefix(name, false), prefix, "{name}");
            assert_eq!(policy_name(name, prefix), meant, "{name}");
        }
        // Relative to a zone not known, the last label may be misspelt too.
        for (name, prefix, meant) in [
            ("_smtp.tls", 2, "_smtp._tls"),
            ("_smpt._tls", 2, "_smtp._tls"),
            ("_smtp.tls.mail", 2, "_smtp._tls.mail"),
        ] {
            assert_eq!(misspelt_prefix(name, true), prefix, "{name}");
            assert_eq!(policy_name(name, prefix), meant, "{name}");
        }
        assert_eq!(misspelt_prefix("_smtp.tls", false), 1);
    }

    #[test]
    fn tlsrpt_values() {
        assert!(is_tlsrpt_value(" \"V=tlsrptv1; rua=x"));
        assert!(!is_tlsrpt_value("v=STSv1; id=1"));
        assert!(!is_tlsrpt_value("v=tls"));
    }
}
