//! Inline suppressions: `; tlsrpt-lint: allow missing-rua -- reason` comments that silence
//! findings, and the `unused-suppression` (TLSRPT004) findings for those that silence
//! nothing.
//!
//! A directive is a comment that starts (after its leader) with `tlsrpt-lint:`, then
//! `allow` or `allow-file` and comma-separated rule codes or names, then an optional
//! `-- reason`. `allow` covers the line it ends (trailing form) or, on a line of its own, the
//! next line with content that is not a comment; either way it stretches to the whole
//! record on that line, so a finding anywhere in a multi-line record is covered.
//! `allow-file` covers its file. Findings match by path and by where their primary span
//! starts.
//!
//! Only the comment syntax differs between formats: [`comment_leader`] and [`comments`]
//! are the per-format hooks (zone files: `;`, found by the zone lexer so a `;` inside a
//! quoted TXT string is never one); YAML `#` and JS/HCL `//` plug in there.
//!
//! Decisions: a suppression of a rule that is not enabled is reported as unused (it
//! silences nothing in this run; ruff does the same); one naming an unknown rule or with a
//! malformed body is reported as TLSRPT004 too, without a fix; a suppression naming
//! TLSRPT004 itself is never reported as unused.

use std::collections::HashSet;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::extract::{terraform, yaml, zone, FileClass};
use crate::model::Record;
use crate::rule::Rule;
use crate::rules;
use crate::rules::unused_suppression::UNUSED_SUPPRESSION;
use crate::text::{Source, Span};

/// The word that makes a comment a directive.
const MARKER: &str = "tlsrpt-lint:";

/// The comment leaders of a file class (`None`: it has no comments).
pub fn comment_leader(class: FileClass) -> Option<&'static [&'static str]> {
    match class {
        FileClass::Zone => Some(&[";"]),
        FileClass::Yaml => Some(&["#"]),
        FileClass::Terraform => Some(&["#", "//"]),
        FileClass::DnsControl => Some(&["//"]),
        FileClass::Nix => Some(&["#"]),
        FileClass::MtaStsPolicy => None,
    }
}

/// The comments of `text` read as `class`, in source order, each from its leader to its
/// line end.
pub fn comments(class: FileClass, text: &str) -> Vec<Span> {
    match class {
        FileClass::Zone => zone::comments(text),
        FileClass::DnsControl => crate::extract::dnscontrol::comments(text),
        FileClass::Yaml => yaml::comments(text),
        FileClass::Terraform => terraform::comments(text),
        FileClass::Nix => crate::extract::nix::comments(text),
        FileClass::MtaStsPolicy => Vec::new(),
    }
}

/// The directives of one file.
#[derive(Clone, Debug)]
pub struct FileSuppressions {
    source: Arc<Source>,
    directives: Vec<Directive>,
}

impl FileSuppressions {
    /// The file's path as users see it.
    pub fn path(&self) -> &str {
        &self.source.path
    }
}

#[derive(Clone, Debug)]
struct Directive {
    /// The whole comment.
    comment: Span,
    /// What removing the directive removes: its line, or the comment and the space before.
    removal: Span,
    body: Body,
}

#[derive(Clone, Debug)]
enum Body {
    Allow {
        file_wide: bool,
        /// The line it covers (before stretching to records).
        target: Span,
        names: Vec<Named>,
    },
    Malformed(String),
}

/// A rule as a directive names it.
#[derive(Clone, Debug)]
struct Named {
    span: Span,
    rule: Option<&'static Rule>,
}

/// The directives in `source`, read as `class` (`None` when there are none).
pub fn scan(class: FileClass, source: &Arc<Source>) -> Option<FileSuppressions> {
    let leader = comment_leader(class)?;
    let text = &source.text;
    if !text.contains(MARKER) {
        return None;
    }
    let comments = comments(class, text);
    let directives: Vec<Directive> = comments
        .iter()
        .filter_map(|&comment| directive(source, &comments, comment, leader))
        .collect();
    (!directives.is_empty()).then(|| FileSuppressions {
        source: Arc::clone(source),
        directives,
    })
}

fn directive(
    source: &Source,
    comments: &[Span],
    comment: Span,
    leaders: &[&str],
) -> Option<Directive> {
    let text = &source.text;
    let comment_text = &text[comment.range()];
    let leader = leaders.iter().find(|l| comment_text.starts_with(**l))?;
    let rest = comment_text
        .trim_start_matches(leader)
        .trim_start()
        .strip_prefix(MARKER)?;
    // Every piece parsed below is a slice of `text`: its offset is where it starts.
    let offset = |s: &str| (s.as_ptr() as usize - text.as_ptr() as usize) as u32;
    let lines = source.lines();
    let line = source.position(comment.start).line;
    let line_start = lines.line_start(line) as usize;
    let before = &text[line_start..comment.start as usize];
    let own_line = before.trim().is_empty();
    let removal = if own_line {
        let next = if (line as usize) < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            text.len() as u32
        };
        Span::new(line_start as u32, next)
    } else {
        Span::new((line_start + before.trim_end().len()) as u32, comment.end)
    };
    let body = rest.split("--").next().unwrap_or_default();
    let trimmed = body.trim_start();
    let verb_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let (verb, list) = trimmed.split_at(verb_len);
    let names: Vec<Named> = list
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Named {
            span: Span::new(offset(name), offset(name) + name.len() as u32),
            rule: rules::find(name),
        })
        .collect();
    let body = match verb {
        "allow" | "allow-file" if names.is_empty() => {
            Body::Malformed(format!("expected rule codes or names after `{verb}`"))
        }
        "allow" | "allow-file" => Body::Allow {
            file_wide: verb == "allow-file",
            target: if own_line {
                next_content_line(source, comments, line)
            } else {
                line_span(text, line_start)
            },
            names,
        },
        "" => Body::Malformed("expected `allow` or `allow-file`".to_string()),
        other => Body::Malformed(format!("expected `allow` or `allow-file`, found `{other}`")),
    };
    Some(Directive {
        comment,
        removal,
        body,
    })
}

/// The line starting at `start`, without its line end.
fn line_span(text: &str, start: usize) -> Span {
    let len = text[start..]
        .find(['\n', '\r'])
        .unwrap_or(text.len() - start);
    Span::new(start as u32, (start + len) as u32)
}

/// The first line after `line` with content other than a comment (an empty span at the end
/// of the text when there is none).
fn next_content_line(source: &Source, comments: &[Span], line: u32) -> Span {
    let text = &source.text;
    let lines = source.lines();
    for next in line + 1..=lines.line_count() as u32 {
        let span = line_span(text, lines.line_start(next) as usize);
        let content = &text[span.range()];
        let first = span.start + (content.len() - content.trim_start().len()) as u32;
        if first < span.end && comments.binary_search_by_key(&first, |c| c.start).is_err() {
            return span;
        }
    }
    Span::at(text.len() as u32)
}

/// A directive while findings are matched: where it applies and which names were used.
struct Active<'a> {
    source: &'a Arc<Source>,
    directive: &'a Directive,
    region: Span,
    used: Vec<bool>,
}

impl Active<'_> {
    /// Whether this directive silences `d`; marks the name that does as used.
    fn silences(&mut self, d: &Diagnostic) -> bool {
        let Body::Allow { names, .. } = &self.directive.body else {
            return false;
        };
        let at = d.location.span.start;
        if d.location.source.path != self.source.path
            || at < self.region.start
            || at > self.region.end
        {
            return false;
        }
        let Some(i) = names.iter().position(|n| n.rule == Some(d.rule)) else {
            return false;
        };
        self.used[i] = true;
        true
    }
}

/// Removes the findings the directives silence and returns the `unused-suppression`
/// findings (at the rule's default severity; the caller applies the settings). `enabled`
/// names the rules that ran, for the help text.
pub fn apply(
    files: &[FileSuppressions],
    records: &[Record],
    diagnostics: &mut Vec<Diagnostic>,
    enabled: &[&'static Rule],
) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut active: Vec<Active<'_>> = files
        .iter()
        .filter(|file| seen.insert(file.source.path.as_str()))
        .flat_map(|file| {
            file.directives.iter().map(|directive| Active {
                source: &file.source,
                directive,
                region: region(&file.source, directive, records),
                used: match &directive.body {
                    Body::Allow { names, .. } => vec![false; names.len()],
                    Body::Malformed(_) => Vec::new(),
                },
            })
        })
        .collect();
    diagnostics.retain(|d| !silence(&mut active, d));
    let mut unused: Vec<Diagnostic> = active
        .iter()
        .flat_map(|a| unused_findings(a, enabled))
        .collect();
    unused.retain(|d| !silence(&mut active, d));
    unused
}

/// Whether any directive silences `d`. Every directive that covers it counts as used, not
/// only the first.
fn silence(active: &mut [Active<'_>], d: &Diagnostic) -> bool {
    let mut silenced = false;
    for a in active {
        silenced |= a.silences(d);
    }
    silenced
}

/// Where a directive applies: its file, or its target line stretched over the records
/// that line is part of.
fn region(source: &Source, directive: &Directive, records: &[Record]) -> Span {
    match &directive.body {
        Body::Allow {
            file_wide: true, ..
        } => Span::new(0, source.text.len() as u32),
        Body::Allow { target, .. } if !target.is_empty() => records
            .iter()
            .filter(|r| r.source.path == source.path)
            .filter(|r| r.span.start <= target.end && r.span.end >= target.start)
            .fold(*target, |region, r| region.cover(r.span)),
        Body::Allow { target, .. } => *target,
        Body::Malformed(_) => Span::default(),
    }
}

/// The TLSRPT004 findings of one directive.
fn unused_findings(active: &Active<'_>, enabled: &[&'static Rule]) -> Vec<Diagnostic> {
    let directive = active.directive;
    let at = |span: Span| Location::new(active.source, span);
    let names = match &directive.body {
        Body::Malformed(message) => {
            let d = Diagnostic::new(
                &UNUSED_SUPPRESSION,
                at(directive.comment),
                format!("malformed suppression: {message}"),
            )
            .with_help("write `tlsrpt-lint: allow RULE[, RULE...] [-- reason]`");
            return vec![d];
        }
        Body::Allow { names, .. } => names,
    };
    let mut out: Vec<Diagnostic> = names
        .iter()
        .filter(|n| n.rule.is_none())
        .map(|n| {
            let written = &active.source.text[n.span.range()];
            Diagnostic::new(
                &UNUSED_SUPPRESSION,
                at(n.span),
                format!("suppression names unknown rule `{written}`"),
            )
            .with_help("use a rule code or name; `tlsrpt-lint rule --all` lists every rule")
        })
        .collect();
    let unused: Vec<&Named> = names
        .iter()
        .zip(&active.used)
        .filter(|(n, used)| !**used && n.rule.is_some_and(|r| *r != UNUSED_SUPPRESSION))
        .map(|(n, _)| n)
        .collect();
    if unused.is_empty() {
        return out;
    }
    let file_wide = matches!(
        directive.body,
        Body::Allow {
            file_wide: true,
            ..
        }
    );
    let label = if file_wide {
        "nothing in this file to suppress"
    } else {
        "nothing here to suppress"
    };
    let help = |named: &[&Named]| {
        let off = named
            .iter()
            .filter_map(|n| n.rule)
            .any(|r| !enabled.contains(&r));
        if off {
            "the rule is not enabled in this run; remove the suppression"
        } else {
            "remove the suppression"
        }
    };
    let fix = |span: Span| Fix {
        message: "remove the unused suppression".to_string(),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span,
            replacement: String::new(),
        }],
    };
    let written = |n: &Named| format!("`{}`", &active.source.text[n.span.range()]);
    let whole = active.used.iter().all(|u| !u) && out.is_empty();
    if whole {
        let list: Vec<String> = unused.iter().map(|n| written(n)).collect();
        let d = Diagnostic::new(
            &UNUSED_SUPPRESSION,
            at(directive.comment),
            format!("unused suppression of {}", list.join(", ")),
        )
        .with_primary_label(label)
        .with_help(help(&unused))
        .with_fix(fix(directive.removal));
        out.push(d);
        return out;
    }
    for n in &unused {
        let i = names.iter().position(|m| m.span == n.span).unwrap_or(0);
        // The name with the comma after it, or (for the last name) the comma before it.
        let removal = match (names.get(i + 1), i.checked_sub(1)) {
            (Some(next), _) => Span::new(n.span.start, next.span.start),
            (None, Some(prev)) => Span::new(names[prev].span.end, n.span.end),
            (None, None) => n.span,
        };
        let d = Diagnostic::new(
            &UNUSED_SUPPRESSION,
            at(n.span),
            format!("unused suppression of {}", written(n)),
        )
        .with_primary_label(label)
        .with_help(help(&[n]))
        .with_fix(fix(removal));
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Loader;
    use crate::pipeline::check_value;
    use crate::rules::find;

    struct NoFiles;

    impl Loader for NoFiles {
        fn load(&self, _: &Source, _: &str) -> Result<Arc<Source>, String> {
            Err("no files".to_string())
        }
    }

    fn run(text: &str, enabled: &[&str]) -> (Vec<String>, Vec<String>) {
        let source = Arc::new(Source::new("example.com.zone", text));
        let extracted = zone::extract(&source, &NoFiles, None, None);
        let enabled: Vec<&'static Rule> = enabled.iter().map(|n| find(n).unwrap()).collect();
        let mut diagnostics = extracted.diagnostics;
        for record in &extracted.records {
            let checks = rules::run::Checks::of(&enabled);
            rules::run::check_record(record, record.kind(), &checks, &mut diagnostics);
        }
        let files: Vec<FileSuppressions> = scan(FileClass::Zone, &source).into_iter().collect();
        let unused = apply(&files, &extracted.records, &mut diagnostics, &enabled);
        let show = |ds: &[Diagnostic]| -> Vec<String> {
            ds.iter()
                .map(|d| {
                    let at = source.position(d.location.span.start);
                    format!("{}:{} {} {}", at.line, at.column, d.rule.name, d.message)
                })
                .collect()
        };
        (show(&diagnostics), show(&unused))
    }

    const BAD: &str = "_smtp._tls IN TXT \"v=TLSRPTv1\"";

    #[test]
    fn trailing_and_own_line_directives_silence_their_record() {
        let text = format!(
            "$ORIGIN example.com.\n{BAD} ; tlsrpt-lint: allow missing-rua\n\
             ; tlsrpt-lint: allow TLSRPT105 -- reviewed\n; plain comment\n\n{BAD}\n{BAD}\n"
        );
        let (left, unused) = run(&text, &["missing-rua"]);
        assert_eq!(left, ["7:20 missing-rua policy has no `rua=` field"]);
        assert!(unused.is_empty(), "{unused:?}");
    }

    #[test]
    fn a_semicolon_in_a_string_is_not_a_comment() {
        let text =
            "$ORIGIN example.com.\n_smtp._tls TXT \"v=TLSRPTv1; tlsrpt-lint: allow missing-rua\"\n";
        let (left, unused) = run(text, &["missing-rua"]);
        assert_eq!(left.len(), 1);
        assert!(unused.is_empty());
    }

    #[test]
    fn multi_line_records_and_file_wide_directives() {
        let text = "$ORIGIN example.com.\n_smtp._tls TXT ( \"v=TLSRPTv1\"\n  ) ; tlsrpt-lint: allow missing-rua\n\
             ; tlsrpt-lint: allow-file stray-whitespace\n_smtp._tls.b TXT \"v=TLSRPTv1; rua=mailto:a@example.com \"\n";
        let (left, unused) = run(text, &["missing-rua", "stray-whitespace"]);
        assert!(left.is_empty(), "{left:?}");
        assert!(unused.is_empty(), "{unused:?}");
    }

    #[test]
    fn unused_unknown_and_malformed_directives_are_reported() {
        let text = format!(
            "$ORIGIN example.com.\n; tlsrpt-lint: allow empty-field\n{BAD}\n\
             {BAD} ; tlsrpt-lint: allow missing-rua, empty-field, mising-rua\n\
             ; tlsrpt-lint: alow missing-rua\n; tlsrpt-lint: allow\n"
        );
        let (left, unused) = run(&text, &["missing-rua", "empty-field"]);
        assert_eq!(left, ["3:20 missing-rua policy has no `rua=` field"]);
        assert_eq!(
            unused,
            [
                "2:1 unused-suppression unused suppression of `empty-field`",
                "4:79 unused-suppression suppression names unknown rule `mising-rua`",
                "4:66 unused-suppression unused suppression of `empty-field`",
                "5:1 unused-suppression malformed suppression: expected `allow` or `allow-file`, found `alow`",
                "6:1 unused-suppression malformed suppression: expected rule codes or names after `allow`",
            ]
        );
    }

    #[test]
    fn fixes_remove_the_line_or_the_name() {
        let text = "a A 192.0.2.1\n; tlsrpt-lint: allow missing-rua\nb A 192.0.2.1 ; tlsrpt-lint: allow-file empty-field, missing-rua\n";
        let source = Arc::new(Source::new("x.zone", text));
        let files: Vec<FileSuppressions> = scan(FileClass::Zone, &source).into_iter().collect();
        let unused = apply(&files, &[], &mut Vec::new(), &[]);
        let removed: Vec<&str> = unused
            .iter()
            .map(|d| &text[d.fix.as_ref().unwrap().edits[0].span.range()])
            .collect();
        assert_eq!(
            removed,
            [
                "; tlsrpt-lint: allow missing-rua\n",
                " ; tlsrpt-lint: allow-file empty-field, missing-rua"
            ]
        );
    }

    #[test]
    fn values_have_no_comments() {
        let outcome = check_value(
            "v=TLSRPTv1; tlsrpt-lint: allow missing-rua",
            "<value>",
            crate::model::RecordKind::Policy,
            None,
            &crate::config::Settings::default(),
        );
        assert!(outcome
            .diagnostics
            .iter()
            .any(|d| d.rule.name == "missing-rua"));
    }
}
