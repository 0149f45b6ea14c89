//! The SARIF 2.1.0 format, shaped for GitHub code scanning (`github/codeql-action/upload-sarif`)
//! and valid against the OASIS schema, so other SARIF viewers read it too.
//!
//! One run. `tool.driver.rules` lists every rule of [`rules::ALL`] (not only those that fired),
//! so `ruleIndex` is the rule's place in that list and the rule help is there for any alert.
//! Each rule carries its summary, the "What it does" section of its docs (at most 1,024
//! characters, GitHub's limit), its docs as help, a `helpUri` into `docs/rules.md`, tags,
//! `precision` and `problem.severity`.
//!
//! `properties.security-severity` (which makes GitHub file the alert as a security alert),
//! `precision` and the tags come from the rule's identity ([`crate::rule::Rule`]).
//!
//! Columns are UTF-16 code units (`run.columnKind` says so); `endColumn` is exclusive.
//! Paths are relative to the working directory (run from the repository root), written as
//! URIs with `uriBaseId: "%SRCROOT%"` and no `originalUriBaseIds`. The message is the
//! diagnostic's, then one embedded link `[label](id)` per secondary label (the label's own
//! location is in `relatedLocations`), then `help: ...`; literal `[` and `]` are escaped as
//! SARIF §3.11.6 asks. No `partialFingerprints` (upload-sarif computes
//! `primaryLocationLineHash` from the checkout) and no `automationDetails` unless a category
//! is given, since a fixed one would override upload-sarif's `category` input.
//!
//! GitHub rejects runs over 25,000 results and results over 1,000 locations: rather than
//! write such a file, the run keeps the first results in output order, each result its first
//! related locations, and says so in a `toolExecutionNotifications` entry ([`cut_notice`]
//! gives the same text for the command's stderr).

use std::io::{self, Write};

use serde::Serialize;

use super::{rule_docs, utf16_position};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::pipeline::Outcome;
use crate::rule::Rule;
use crate::rules;
use crate::text::{Source, Span};

/// GitHub's limit on results in one run.
const MAX_RESULTS: usize = 25_000;
/// GitHub's limit on the locations of one result (applied to `relatedLocations`).
const MAX_LOCATIONS: usize = 1_000;
/// GitHub's limit on `shortDescription` and `fullDescription`, in characters.
const MAX_DESCRIPTION: usize = 1_024;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    automation_details: Option<AutomationDetails>,
    invocations: [Invocation; 1],
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Message,
}

/// Writes the SARIF log; `category` becomes `automationDetails.id`.
pub fn write(outcome: &Outcome, category: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let notifications = cut_notice(outcome)
        .map(|text| Notification {
            level: "warning",
            message: Message { text },
        })
        .into_iter()
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules::ALL.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            automation_details: category.map(|category| AutomationDetails {
                id: automation_id(category),
            }),
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            results: outcome
                .diagnostics
                .iter()
                .take(MAX_RESULTS)
                .map(result)
                .collect(),
            column_kind: "utf16CodeUnits",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// What was cut to stay within GitHub's limits, if anything.
pub fn cut_notice(outcome: &Outcome) -> Option<String> {
    let total = outcome.diagnostics.len();
    let crowded = outcome
        .diagnostics
        .iter()
        .take(MAX_RESULTS)
        .filter(|d| d.labels.len() > MAX_LOCATIONS)
        .count();
    let mut cuts = Vec::new();
    if total > MAX_RESULTS {
        cuts.push(format!(
            "kept the first {MAX_RESULTS} of {total} results (GitHub accepts at most \
             {MAX_RESULTS} per run)"
        ));
    }
    if crowded > 0 {
        cuts.push(format!(
            "kept the first {MAX_LOCATIONS} related locations of {} (GitHub accepts at most \
             {MAX_LOCATIONS} per result)",
            super::plural(crowded, "result")
        ));
    }
    (!cuts.is_empty()).then(|| format!("SARIF output cut: {}", cuts.join("; ")))
}

/// `category/`: upload-sarif reads everything before the last `/` as the category.
fn automation_id(category: &str) -> String {
    if category.ends_with('/') {
        category.to_string()
    } else {
        format!("{category}/")
    }
}

fn descriptor(rule: &'static Rule) -> ReportingDescriptor {
    let docs = rule_docs::docs(rule);
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Message {
            text: truncated(rule.summary.to_string()),
        },
        full_description: Message {
            text: truncated(what_it_does(&docs).unwrap_or_else(|| rule.summary.to_string())),
        },
        help: Help {
            text: docs.clone(),
            markdown: docs,
        },
        help_uri: format!(
            "{}/blob/main/docs/rules.md#{}",
            env!("CARGO_PKG_REPOSITORY"),
            rule_docs::anchor(rule)
        ),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: rule.tags(),
            precision: rule.precision.as_str(),
            problem_severity: match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
            security_severity: rule.security_severity,
        },
    }
}

/// The "What it does" section of a rule's docs, its lines unwrapped into paragraphs.
fn what_it_does(docs: &str) -> Option<String> {
    let rest = docs.split_once("## What it does\n")?.1;
    let section = rest.split("\n## ").next().unwrap_or(rest);
    let paragraphs: Vec<String> = section
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// At most [`MAX_DESCRIPTION`] characters, ending in `…` when cut.
fn truncated(text: String) -> String {
    if text.chars().count() <= MAX_DESCRIPTION {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
    cut.push('…');
    cut
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(d: &Diagnostic) -> SarifResult {
    let labels = &d.labels[..d.labels.len().min(MAX_LOCATIONS)];
    let mut text = escape_brackets(&d.message);
    for (i, label) in labels.iter().enumerate() {
        text.push_str(&format!(
            "\n[{}]({})",
            escape_brackets(&label.message),
            i + 1
        ));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {}", escape_brackets(help)));
    }
    let source = &d.location.source;
    SarifResult {
        rule_id: d.rule.code,
        rule_index: rules::ALL.iter().position(|r| *r == d.rule),
        level: level(d.severity),
        message: Message { text },
        locations: [Location {
            id: None,
            physical_location: physical(source, d.location.span),
            message: d.primary_label.clone().map(|text| Message { text }),
        }],
        related_locations: labels
            .iter()
            .enumerate()
            .map(|(i, label)| Location {
                id: Some(i + 1),
                physical_location: physical(&label.location.source, label.location.span),
                message: Some(Message {
                    text: label.message.clone(),
                }),
            })
            .collect(),
        fixes: d.fix.iter().map(|fix| sarif_fix(source, fix)).collect(),
    }
}

fn sarif_fix(source: &Source, fix: &Fix) -> SarifFix {
    SarifFix {
        description: Message {
            text: fix.message.clone(),
        },
        artifact_changes: [ArtifactChange {
            artifact_location: artifact(&source.path),
            replacements: fix
                .edits
                .iter()
                .map(|Edit { span, replacement }| Replacement {
                    deleted_region: region(source, *span),
                    inserted_content: Message {
                        text: replacement.clone(),
                    },
                })
                .collect(),
        }],
    }
}

fn physical(source: &Source, span: Span) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(&source.path),
        region: region(source, span),
    }
}

fn region(source: &Source, span: Span) -> Region {
    let (start_line, start_column) = utf16_position(source, span.start);
    let (end_line, end_column) = utf16_position(source, span.end);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

/// A relative path becomes a relative URI under `%SRCROOT%`; an absolute one a `file:` URI.
fn artifact(path: &str) -> ArtifactLocation {
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode_path(path)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_path(path),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// Percent-encodes every byte a URI path cannot hold raw (`:` too, which in a first segment
/// would read as a scheme).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `[` and `]` would start or end an embedded link (SARIF §3.11.6).
fn escape_brackets(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    fn log(outcome: &Outcome, category: Option<&str>) -> serde_json::Value {
        let mut out = Vec::new();
        write(outcome, category, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn results_point_at_rules_labels_and_fixes() {
        let log = log(&sample(), None);
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert!(run.get("automationDetails").is_none());
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        let result = &run["results"][0];
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "TLSRPT105");
        assert_eq!(
            result["message"]["text"],
            "the policy has no `rua` field\n[other record here](1)\nhelp: add `rua=mailto:...`"
        );
        assert_eq!(
            result["relatedLocations"][0],
            serde_json::json!({
                "id": 1,
                "physicalLocation": {
                    "artifactLocation": {"uri": "zones/other.zone", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},
                },
                "message": {"text": "other record here"},
            })
        );
        let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["deletedRegion"]["startColumn"], 32);
        assert_eq!(replacement["insertedContent"]["text"], "rua");
        assert_eq!(run["results"][1]["level"], "warning");
        assert!(run["results"][1].get("fixes").is_none());
    }

    #[test]
    fn category_becomes_the_automation_id() {
        let log = log(&sample(), Some("tlsrpt"));
        assert_eq!(log["runs"][0]["automationDetails"]["id"], "tlsrpt/");
        assert_eq!(automation_id("a/b/"), "a/b/");
    }

    #[test]
    fn rules_have_what_github_requires() {
        for rule in rules::ALL {
            let d = descriptor(rule);
            assert!(!d.full_description.text.is_empty());
            assert!(d.full_description.text.chars().count() <= MAX_DESCRIPTION);
            assert!(!d.full_description.text.contains("##"), "{}", rule.name);
            assert!(d.help_uri.ends_with(&rule_docs::anchor(rule)));
        }
        let missing_rua = descriptor(rules::find("missing-rua").unwrap());
        assert_eq!(missing_rua.properties.security_severity, Some("5.0"));
        assert!(missing_rua.properties.tags.contains(&"security"));
        let unknown = descriptor(rules::find("unknown-field").unwrap());
        assert_eq!(unknown.properties.security_severity, None);
        assert_eq!(unknown.default_configuration.level, "note");
    }

    #[test]
    fn descriptions_are_cut_at_github_limit() {
        let long = "x".repeat(2000);
        let cut = truncated(long);
        assert_eq!(cut.chars().count(), MAX_DESCRIPTION);
        assert!(cut.ends_with('…'));
        assert_eq!(
            what_it_does("## What it does\nFlags\nthis.\n\nAnd that.\n## Why\nNo."),
            Some("Flags this.\n\nAnd that.".to_string())
        );
    }

    #[test]
    fn paths_become_uris() {
        let relative = artifact("./zones/a b%.zone");
        assert_eq!(relative.uri, "zones/a%20b%25.zone");
        assert_eq!(relative.uri_base_id, Some("%SRCROOT%"));
        let absolute = artifact("/srv/dns/é.zone");
        assert_eq!(absolute.uri, "file:///srv/dns/%C3%A9.zone");
        assert_eq!(absolute.uri_base_id, None);
        assert_eq!(escape_brackets("raw `[` or `]`"), "raw `\\[` or `\\]`");
    }

    #[test]
    fn too_many_results_are_cut_and_said_so() {
        let mut outcome = sample();
        let first = outcome.diagnostics[0].clone();
        let mut crowded = first.clone();
        crowded.labels = vec![first.labels[0].clone(); MAX_LOCATIONS + 5];
        outcome.diagnostics = vec![crowded];
        outcome
            .diagnostics
            .extend(std::iter::repeat_n(first, MAX_RESULTS));
        let notice = cut_notice(&outcome).unwrap();
        assert!(notice.contains("first 25000 of 25001 results"), "{notice}");
        assert!(
            notice.contains("1000 related locations of 1 result"),
            "{notice}"
        );
        let log = log(&outcome, None);
        let run = &log["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), MAX_RESULTS);
        let related = run["results"][0]["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), MAX_LOCATIONS);
        assert_eq!(
            run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            notice
        );
        assert!(cut_notice(&sample()).is_none());
    }
}
