//! Whether a TXT value tries to be the record its name calls for: judged once per record
//! (in `RecordCtx::new`), so rules do not flag unrelated TXT values at a policy name.

use crate::model::{Format, Record, RecordKind};

/// Versions of other protocols: a value starting with one of these is that protocol's
/// record, not a broken TLS-RPT policy, even when it mentions `rua=`.
const OTHER_VERSIONS: &[&str] = &["spf1", "dmarc1", "stsv1", "dkim1", "bimi1"];

/// The value with leading whitespace and quotes removed, in lowercase.
fn trimmed_lower(text: &str) -> String {
    text.trim_start_matches([' ', '\t', '"', '\''])
        .to_ascii_lowercase()
}

/// Whether a TXT value at a policy name tries to be a TLS-RPT policy: it starts with
/// `v=tlsrpt` (any case, spaces allowed around `=`), or mentions `tlsrpt` or `rua=`, and is
/// not another protocol's record (`v=spf1`, `v=DMARC1`...).
pub fn is_tlsrpt_attempt(text: &str) -> bool {
    let lower = trimmed_lower(text);
    let version = version_value(&lower);
    if OTHER_VERSIONS.iter().any(|v| version.starts_with(v)) {
        return false;
    }
    version.starts_with("tlsrpt") || lower.contains("tlsrpt") || has_rua(&lower)
}

/// The text after a leading `v` and `=` (spaces allowed around it), or "".
fn version_value(lower: &str) -> &str {
    lower
        .strip_prefix('v')
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .and_then(|rest| rest.strip_prefix('='))
        .map_or("", |rest| rest.trim_start_matches([' ', '\t']))
}

/// `rua=` with optional spaces before `=`.
fn has_rua(lower: &str) -> bool {
    lower.match_indices("rua").any(|(i, _)| {
        lower[i + 3..]
            .trim_start_matches([' ', '\t'])
            .starts_with('=')
    })
}

/// Whether `record` (of `kind`) has a TXT value that is a policy or `_mta-sts` attempt: a
/// value given to `validate` is one by the user's word. Judged once per record in
/// [`RecordCtx::new`], not by every rule that asks.
pub(crate) fn is_attempt(record: &Record, kind: RecordKind) -> bool {
    let Some(txt) = record.txt() else {
        return false;
    };
    let text = txt.value.text();
    record.format == Format::Value
        || match kind {
            RecordKind::Policy => is_tlsrpt_attempt(text),
            RecordKind::MtaSts => is_sts_attempt(text),
            RecordKind::Authorization | RecordKind::Other => false,
        }
}

/// Whether a TXT value at an `_mta-sts` name tries to be an MTA-STS record: it mentions
/// `sts` or `id=`, or starts with `v=`.
pub fn is_sts_attempt(text: &str) -> bool {
    let lower = trimmed_lower(text);
    lower.contains("sts") || lower.contains("id=") || lower.starts_with("v=")
}
