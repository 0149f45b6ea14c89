//! TLSRPT505 `invalid-mta-sts-policy`: a `.well-known/mta-sts.txt` policy file that breaks
//! RFC 8461 §3.2.
//!
//! The extractor splits the file into `key: value` lines ([`StsPolicyFile`]); this rule judges
//! them against the `sts-policy-record` ABNF, line by line, then the file as a whole (the
//! fields required once, `mx` unless `mode: none`). Every finding is reported under this
//! one code, at the line or field it is about.

use std::ops::Range;

use super::context::RecordCtx;
use super::helpers::{code_point, shown, Finding};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::model::{LineEnd, StsPolicyFile, StsPolicyLine};
use crate::record::sts_policy::{
    allowed_values, is_foreign_in_value, line_end_len, max_age_problem, mode_needs_mx,
    mx_host_start, MaxAgeProblem, StsPolicyView, MAX_AGE, POLICY_FIELDS, REQUIRED,
};
use crate::record::{is_ext_name, is_foreign};
use crate::uri::host_name::host_problem;

declare_rule! {
    /// ## What it does
    /// Checks an MTA-STS policy file kept in the repository (an `mta-sts.txt` in a
    /// `.well-known` directory) against the grammar of RFC 8461 §3.2, with one message per
    /// problem at the line or field it is about.
    ///
    /// `version: STSv1`, `mode` (`enforce`, `testing` or `none`) and `max_age` are required
    /// once each, in any order, and `mx` at least once unless the mode is `none`. A field
    /// other than `mx` given twice is flagged: senders use the first and ignore the rest.
    /// Keys and the `version` and `mode` values are case-sensitive. `max_age` is a number
    /// of seconds up to 31557600: the grammar allows 10 digits, but no 9- or 10-digit value
    /// fits under the maximum (erratum 7282). An `mx` pattern is a host name, or `*.` and a
    /// domain: the wildcard only as the whole left-most label, no trailing dot, no `_`,
    /// internationalized names as A-labels (`xn--...`).
    ///
    /// Each line is a key, `:`, optional spaces or tabs, and the value. Whitespace before
    /// the key or the `:` is flagged; whitespace after the value is allowed. Lines end in LF
    /// or CRLF (erratum 6253: the ABNF allows both, though the prose says CRLF); bare CRs,
    /// blank lines and a byte order mark are flagged. Unknown keys are allowed when they are
    /// valid field names (a letter or digit, then up to 31 letters, digits, `_`, `-` or
    /// `.`); their values may hold UTF-8 but no control characters. Other values must be
    /// ASCII.
    ///
    /// ## Why is this bad?
    /// Senders fetch this file over HTTPS and must parse it before they can apply it. When
    /// no valid policy can be had, RFC 8461 §3.3 has them continue "as though the domain
    /// has not implemented MTA-STS": the `_mta-sts` record says MTA-STS is on while mail
    /// goes out unprotected. A missing or misspelt field is ignored (unknown keys are
    /// skipped, `Mode` is not `mode`), so the policy lacks a required field. A `max_age` of
    /// `1w`, a `mode: Enforce` or an `mx` pattern with a trailing dot are typical;
    /// checkdmarc rejects them too ("Line 3: max_age must be an integer value between 0
    /// and 31557600.", "enforce mode requires at least one mx value.").
    ///
    /// ## Example
    /// ```text .well-known/mta-sts.txt
    /// version: STSv1
    /// Mode: enforce
    /// mx: *mail.example.com
    /// max_age: 1w
    /// ```
    ///
    /// ## Use instead
    /// ```text .well-known/mta-sts.txt
    /// version: STSv1
    /// mode: enforce
    /// mx: mail.example.com
    /// mx: *.mail.example.com
    /// max_age: 604800
    /// ```
    ///
    /// ## Fix safety
    /// Removing a byte order mark, blank lines or stray whitespace, and ending lines with
    /// CRLF, are safe: the policy means the same. Writing a key or value in its right case
    /// and removing an `mx` pattern's final `.` are unsafe: senders read the policy
    /// differently afterwards (a key they ignored now counts).
    ///
    /// ## References
    /// - RFC 8461 §3.2 (`sts-policy-record`, the fields, duplicate fields)
    /// - RFC 8461 §4.1 (wildcards in `mx` patterns)
    /// - RFC 8461 errata 6253 (LF or CRLF) and 7282 (`max_age` digits)
    /// - RFC 5321 §4.1.2 (`Domain`)
    pub static INVALID_MTA_STS_POLICY = {
        code: "TLSRPT505",
        name: "invalid-mta-sts-policy",
        severity: Error,
        summary: "a `.well-known/mta-sts.txt` policy file in the repository that breaks RFC 8461 §3.2",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(policy) = ctx.record.sts_policy() {
        let text = &ctx.record.source.text;
        ctx.emit(&INVALID_MTA_STS_POLICY, findings(text, policy), out);
    }
}

/// What is wrong with a policy file, in source ranges.
pub(super) fn findings(text: &str, policy: &StsPolicyFile) -> Vec<Finding> {
    let p = StsPolicyView { text, policy };
    let mut out = Vec::new();
    if let Some(bom) = &policy.bom {
        out.push(
            Finding::new(bom.clone(), "policy file begins with a byte order mark")
                .help("save it as UTF-8 without a BOM: senders read the first key with U+FEFF in front")
                .fix_one("remove the byte order mark", Applicability::Safe, bom.clone(), ""),
        );
    }
    if p.fields().next().is_none() {
        let end = text.len() as u32;
        out.push(Finding::new(end..end, "policy file is empty").help(
            "a policy has `version: STSv1`, `mode`, `max_age` and, unless `mode: none`, `mx` lines",
        ));
        return out;
    }
    out.extend(p.blank_lines());
    out.extend(p.bare_crs());
    for (i, line) in p.fields() {
        out.extend(p.line_findings(i, line));
    }
    out.extend(p.missing());
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

/// The findings of a policy file, by what they are about.
impl StsPolicyView<'_> {
    /// Each run of blank lines, once.
    fn blank_lines(&self) -> Vec<Finding> {
        let lines = &self.policy.lines;
        let mut out = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].is_blank() {
                i += 1;
                continue;
            }
            let run = i;
            while i < lines.len() && lines[i].is_blank() {
                i += 1;
            }
            let (first, last) = (&lines[run], &lines[i - 1]);
            let removal = first.range.start..last.range.end + line_end_len(last.end);
            let (message, fix) = match i - run {
                1 => (
                    "blank line in policy file".to_string(),
                    "remove the blank line",
                ),
                n => (
                    format!("{n} blank lines in policy file"),
                    "remove the blank lines",
                ),
            };
            out.push(
                Finding::new(first.range.start..last.range.end, message)
                    .help("every line of a policy holds one `key: value` field")
                    .fix_one(fix, Applicability::Safe, removal, ""),
            );
        }
        out
    }

    /// Bare CRs, reported once for the file.
    fn bare_crs(&self) -> Option<Finding> {
        let crs: Vec<u32> = self
            .policy
            .lines
            .iter()
            .filter(|l| l.end == LineEnd::Cr)
            .map(|l| l.range.end)
            .collect();
        let first = *crs.first()?;
        let message = match crs.len() {
            1 => "line ends with a bare CR".to_string(),
            2 => "line ends with a bare CR (and 1 more line)".to_string(),
            n => format!("line ends with a bare CR (and {} more lines)", n - 1),
        };
        let edits = crs.iter().map(|&at| (at..at + 1, "\r\n".to_string()));
        Some(
            Finding::new(first..first + 1, message)
                .help("end lines with LF or CRLF")
                .fix("end lines with CRLF", Applicability::Safe, edits.collect()),
        )
    }

    /// What is wrong with line `index`.
    fn line_findings(&self, index: usize, line: &StsPolicyLine) -> Vec<Finding> {
        let mut out = Vec::new();
        let key = self.str(&line.key);
        if !line.leading_ws.is_empty() {
            out.push(
                Finding::new(line.leading_ws.clone(), "whitespace at the start of a line")
                    .help("keys begin at the start of the line")
                    .fix_one(
                        "remove the whitespace",
                        Applicability::Safe,
                        line.leading_ws.clone(),
                        "",
                    ),
            );
        }
        let Some(colon) = &line.colon else {
            out.push(
                Finding::new(
                    line.key.clone(),
                    format!("line `{}` has no `:`", shown(key)),
                )
                .help("write each field as `key: value`"),
            );
            return out;
        };
        if line.key.end < colon.start {
            let gap = line.key.end..colon.start;
            out.push(
                Finding::new(
                    gap.clone(),
                    format!("whitespace before `:` after `{}`", shown(key)),
                )
                .fix_one("remove the whitespace", Applicability::Safe, gap, ""),
            );
        }
        if let Some(finding) = self.key_problem(line) {
            out.push(finding);
            return out;
        }
        if key != "mx" {
            if let Some((_, first)) = self.first(key).filter(|(i, _)| *i < index) {
                out.push(
                    Finding::new(
                        line.key.clone(),
                        format!(
                            "duplicate `{key}` field is ignored: the first one (`{}`) applies",
                            shown(self.str(&first.value))
                        ),
                    )
                    .related(first.key.clone(), format!("first `{key}` here"))
                    .help("remove the duplicate"),
                );
                return out;
            }
        }
        out.extend(self.value_problem(line, key));
        out
    }

    /// A key that is not a field name, or a defined field in another case.
    fn key_problem(&self, line: &StsPolicyLine) -> Option<Finding> {
        let key = self.str(&line.key);
        if key.is_empty() {
            let colon = line.colon.clone()?;
            return Some(
                Finding::new(colon, "line has no key before `:`")
                    .help("write each field as `key: value`"),
            );
        }
        if let Some((i, c)) = key.char_indices().find(|&(_, c)| is_foreign(c)) {
            let at = line.key.start + i as u32;
            return Some(
                Finding::new(
                    at..at + c.len_utf8() as u32,
                    format!("key `{}` contains {}", shown(key), character(c)),
                )
                .help("keys are ASCII letters, digits, `_`, `-` and `.`"),
            );
        }
        if !is_ext_name(key) {
            return Some(
                Finding::new(
                    line.key.clone(),
                    format!("key `{key}` is not a valid field name"),
                )
                .help("a key is a letter or digit, then up to 31 letters, digits, `_`, `-` or `.`"),
            );
        }
        let field = POLICY_FIELDS
            .iter()
            .find(|f| key != **f && key.eq_ignore_ascii_case(f))?;
        Some(
            Finding::new(line.key.clone(), format!("key `{key}` has the wrong case"))
                .help(format!(
                    "keys are case-sensitive: senders ignore `{key}` as an unknown field"
                ))
                .fix_one(
                    format!("write `{field}`"),
                    Applicability::Unsafe,
                    line.key.clone(),
                    *field,
                ),
        )
    }

    /// What is wrong with the value of a field named `key`.
    fn value_problem(&self, line: &StsPolicyLine, key: &str) -> Option<Finding> {
        let range = line.value.clone();
        let value = self.str(&range);
        if value.is_empty() {
            let colon = line.colon.clone()?;
            return Some(Finding::new(colon, format!("`{key}` has no value")));
        }
        let foreign = value
            .char_indices()
            .find(|&(_, c)| is_foreign_in_value(key, c));
        if let Some((i, c)) = foreign {
            let at = range.start + i as u32;
            let help = match (key, c.is_ascii()) {
                (_, false) if c.is_whitespace() => {
                    "only a plain space or tab separates `:` and a value"
                }
                ("mx", false) => "write an internationalized name as its A-label (`xn--...`)",
                (_, false) => "only extension values may hold characters beyond ASCII",
                _ => "a value holds no control characters or tabs",
            };
            return Some(
                Finding::new(
                    at..at + c.len_utf8() as u32,
                    format!("`{key}` value contains {}", character(c)),
                )
                .help(help),
            );
        }
        if let Some(allowed) = allowed_values(key) {
            return literal(range, value, key, allowed);
        }
        match key {
            "max_age" => max_age_finding(range, value),
            "mx" => mx_problem(range, value),
            _ => None,
        }
    }

    /// Required fields that no line gives, and `mx` where the mode needs it.
    fn missing(&self) -> Vec<Finding> {
        let Some((_, first_line)) = self.fields().next() else {
            return Vec::new();
        };
        let at = first_line.range.clone();
        let mut out = Vec::new();
        for (key, example) in REQUIRED {
            if self.first(key).is_some() {
                continue;
            }
            let mut finding = Finding::new(at.clone(), format!("policy has no `{key}` field"))
                .label(format!("no `{key}` in this policy"))
                .help(format!("add a line `{example}`"));
            match self.near_miss(key) {
                // The wrong case has its own message; another spelling is pointed at.
                Some(l) if self.str(&l.key).eq_ignore_ascii_case(key) => continue,
                Some(l) => {
                    let near = self.str(&l.key);
                    finding = finding.related(
                        l.key.clone(),
                        format!("`{near}` is an unknown field, not `{key}`"),
                    );
                }
                None => {}
            }
            out.push(finding);
        }
        let mode = self
            .first("mode")
            .filter(|(_, l)| mode_needs_mx(self.str(&l.value)));
        if let (Some((_, mode)), None) = (mode, self.first("mx")) {
            if self.near_miss("mx").is_none() {
                let value = self.str(&mode.value);
                out.push(
                    Finding::new(
                        mode.value.clone(),
                        format!("policy in `{value}` mode has no `mx` field"),
                    )
                    .help("add an `mx:` line for each MX host (`mx: mail.example.com`) or domain (`mx: *.example.com`)"),
                );
            }
        }
        out
    }
}

/// A character for a message: `é` (U+00E9) for a letter or digit, else the code point
/// alone (a no-break space or a tab is invisible in backticks).
fn character(c: char) -> String {
    if c.is_alphanumeric() {
        format!("`{c}` ({})", code_point(c))
    } else {
        code_point(c)
    }
}

/// A value that must be one of `allowed`, in that case.
fn literal(range: Range<u32>, value: &str, key: &str, allowed: &[&str]) -> Option<Finding> {
    if allowed.contains(&value) {
        return None;
    }
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(right) = allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
        return Some(
            Finding::new(range.clone(), format!("{key} `{value}` has the wrong case"))
                .help(format!("values are case-sensitive: write `{right}`"))
                .fix_one(
                    format!("write `{right}`"),
                    Applicability::Unsafe,
                    range,
                    *right,
                ),
        );
    }
    let help = match allowed {
        [one] => format!("the only {key} is `{one}`"),
        _ => format!("use one of {list}"),
    };
    Some(Finding::new(range, format!("unknown {key} `{}`", shown(value))).help(help))
}

/// A `max_age` that is not `1*10DIGIT` or is over [`MAX_AGE`].
fn max_age_finding(range: Range<u32>, value: &str) -> Option<Finding> {
    let help = "write the lifetime in seconds, at most `31557600` (`604800` is one week)";
    let message = match max_age_problem(value)? {
        MaxAgeProblem::NotANumber => format!(
            "`max_age` value `{}` is not a number of seconds",
            shown(value)
        ),
        MaxAgeProblem::OverMaximum => format!(
            "`max_age` value `{}` is over the maximum of {MAX_AGE} seconds",
            shown(value)
        ),
    };
    Some(Finding::new(range, message).help(help))
}

/// `["*."] Domain`: a host name, or a wildcard for the whole left-most label.
fn mx_problem(range: Range<u32>, value: &str) -> Option<Finding> {
    let pattern = format!("mx pattern `{}`", shown(value));
    let help =
        "an mx pattern is a host name (`mail.example.com`) or `*.` and a domain (`*.example.com`)";
    let host_start = mx_host_start(value);
    let host = &value[host_start..];
    let at = |i: usize| range.start + (host_start + i) as u32;
    if let Some(i) = host.find('*') {
        return Some(
            Finding::new(
                at(i)..at(i + 1),
                format!("`*` in {pattern} is not the whole left-most label"),
            )
            .help(help),
        );
    }
    if host.is_empty() {
        return Some(Finding::new(range, format!("{pattern} has no domain after `*.`")).help(help));
    }
    if let Some(i) = host.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.')) {
        let c = host[i..].chars().next().unwrap_or_default();
        return Some(
            Finding::new(
                at(i)..at(i + c.len_utf8()),
                format!("{pattern} contains `{c}`"),
            )
            .help(help),
        );
    }
    if host.len() > 1 && host.ends_with('.') {
        let dot = at(host.len() - 1);
        return Some(
            Finding::new(dot..dot + 1, format!("{pattern} ends with `.`"))
                .help("remove the final `.`: senders match MX names without it")
                .fix_one(
                    "remove the final `.`",
                    Applicability::Unsafe,
                    dot..dot + 1,
                    "",
                ),
        );
    }
    let chars: Vec<(u32, char)> = host.char_indices().map(|(i, c)| (at(i), c)).collect();
    host_problem(&chars, &pattern, false).map(|(r, message)| Finding::new(r, message).help(help))
}

#[cfg(test)]
mod tests;
