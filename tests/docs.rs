//! The rule documentation, checked two ways. `docs/rules.md` is generated from the rule
//! catalogue and must be up to date (`UPDATE_EXPECTED=1 cargo test --test docs` rewrites
//! it). And the docs must be true: every rule's `## Example` is run through the binary as a
//! user would run it and must fire the rule, and its `## Use instead` must not.
//!
//! A section's fenced blocks are files in an empty directory. The info string after the
//! language may name the file (```` ```zone example.net.zone ````); without a name the
//! language gives one (`zone`: `example.com.zone`, `yaml`: `example.com.yaml`, `toml`:
//! `tlsrpt-lint.toml`). A `json` block is a fragment of a TLS report: its members replace
//! those of a valid report (`fixtures/report/ok/sts-with-failures.json`), in its policy or
//! at the top, and a failure-details entry (it has `result-type`) replaces the failure
//! details. Use instead shows the change: its files replace the Example's of the same name
//! and join the others (a configuration, another domain's zone, an included file), and its
//! JSON members replace the Example's. Report rules run under `report` (with the
//! directory as `--repo` too), the others under `check`, each with the default rules of its command and the rule itself.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;
use tlsrpt_lint::render::rule_docs;
use tlsrpt_lint::rule::Rule;
use tlsrpt_lint::rules;

#[test]
fn rules_md_is_up_to_date() {
    let generated = rule_docs::markdown_all();
    support::assert_expected(&support::crate_path("docs/rules.md"), &generated);
}

/// Which documented blocks of a rule are not run.
#[derive(Clone, Copy, PartialEq)]
enum NotRun {
    /// Neither the Example nor the Use instead.
    Either,
    /// The Use instead only.
    UseInstead,
}

/// The rules whose documentation cannot be run alone, and why. Keep it short: where an
/// example is wrong, fix the docs instead.
const NOT_RUN: &[(&str, NotRun, &str)] = &[
    (
        "TLSRPT308",
        NotRun::Either,
        "the 300-octet value is elided to fit the page",
    ),
    (
        "TLSRPT707",
        NotRun::Either,
        "a truncated download is described, not shown",
    ),
    (
        "TLSRPT708",
        NotRun::UseInstead,
        "it shows the missing part, not a whole message",
    ),
    (
        "TLSRPT709",
        NotRun::UseInstead,
        "it is a command line, not an input",
    ),
    (
        "TLSRPT710",
        NotRun::Either,
        "the rule needs `--max-failure-rate`, and its Use instead is advice",
    ),
];

/// A fenced block: its info string (language, then an optional file name) and its text.
struct Block {
    info: String,
    text: String,
}

/// The fenced blocks under `## {heading}` in a rule's docs.
fn blocks(docs: &str, heading: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut in_section = false;
    let mut open: Option<Block> = None;
    for line in docs.lines() {
        if let Some(block) = &mut open {
            if line.trim_start().starts_with("```") {
                out.extend(open.take());
            } else {
                block.text.push_str(line);
                block.text.push('\n');
            }
        } else if let Some(title) = line.strip_prefix("## ") {
            in_section = title.trim() == heading;
        } else if let Some(info) = line.trim_start().strip_prefix("```") {
            if in_section {
                open = Some(Block {
                    info: info.trim().to_string(),
                    text: String::new(),
                });
            }
        }
    }
    out
}

/// The files of a documented repository, and the report its JSON fragments make.
#[derive(Clone, Default)]
struct Repo {
    files: BTreeMap<String, String>,
    report: Option<Value>,
}

impl Repo {
    /// `base` with the files of `blocks` put in (see the module comment).
    fn with(base: &Repo, blocks: &[Block]) -> Result<Repo, String> {
        let mut repo = base.clone();
        let mut named = Vec::new();
        for block in blocks {
            let mut words = block.info.split_whitespace();
            let language = words.next().unwrap_or_default();
            if language == "json" {
                let report = repo.report.get_or_insert_with(valid_report);
                overlay(report, &block.text)?;
                continue;
            }
            let name = match (words.next(), language) {
                (Some(name), _) => name,
                (None, "zone") => "example.com.zone",
                (None, "yaml") => "example.com.yaml",
                (None, "toml") => "tlsrpt-lint.toml",
                (None, _) => return Err(format!("a `{language}` block names no file")),
            };
            if named.contains(&name) {
                return Err(format!(
                    "two blocks are `{name}`: name one after the language"
                ));
            }
            named.push(name);
            repo.files.insert(name.to_string(), block.text.clone());
        }
        Ok(repo)
    }

    fn write(&self, dir: &Path) {
        for (name, text) in &self.files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        if let Some(report) = &self.report {
            fs::write(dir.join("report.json"), report.to_string()).unwrap();
        }
    }
}

fn valid_report() -> Value {
    let text = fs::read_to_string(support::crate_path(
        "fixtures/report/ok/sts-with-failures.json",
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Puts the members of the JSON fragment `text` into `report`, each where the report's
/// policy has one of that name (`summary`, `failure-details`), else at the top.
fn overlay(report: &mut Value, text: &str) -> Result<(), String> {
    let text = text.trim().trim_end_matches(',');
    let object = if text.starts_with('{') {
        text.to_string()
    } else {
        format!("{{{text}}}")
    };
    let members: serde_json::Map<String, Value> =
        serde_json::from_str(&object).map_err(|e| format!("not a JSON fragment: {e}"))?;
    if members.contains_key("result-type") {
        report["policies"][0]["failure-details"] = Value::Array(vec![Value::Object(members)]);
        return Ok(());
    }
    for (key, value) in members {
        let owner = if report["policies"][0].get(&key).is_some() {
            &mut report["policies"][0]
        } else {
            &mut *report
        };
        owner[key] = value;
    }
    Ok(())
}

/// Whether the binary reports `rule` in `repo`, run with its command's default rules and
/// the rule itself.
fn fires(rule: &Rule, repo: &Repo) -> Result<bool, String> {
    let report = rule.group() == "report";
    let select: Vec<&str> = rules::ALL
        .iter()
        .filter(|r| (r.group() == "report") == report)
        .filter(|r| rules::is_default(r) || r.code == rule.code)
        .map(|r| r.code)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    repo.write(dir.path());
    let command = if report { "report" } else { "check" };
    let select = select.join(",");
    let mut args = vec![command, "--format", "json", "--select", &select];
    if report {
        // The documented files are the repository the report is compared with.
        args.extend(["--repo", "."]);
    }
    args.push(".");
    let output = support::run(dir.path(), &args);
    let json: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        format!("`{command}` printed no JSON ({e}): {stderr}")
    })?;
    let diagnostics = json["diagnostics"].as_array().cloned().unwrap_or_default();
    Ok(diagnostics.iter().any(|d| d["code"] == rule.code))
}

/// The repository of the blocks under `## {heading}`, put into `base`.
fn section(docs: &str, heading: &str, base: &Repo) -> Result<Repo, String> {
    let blocks = blocks(docs, heading);
    if blocks.is_empty() {
        return Err(format!("no block under `## {heading}`"));
    }
    Repo::with(base, &blocks).map_err(|e| format!("{heading}: {e}"))
}

/// Runs one rule's documented blocks; what is wrong with them, if anything.
fn check_rule(rule: &Rule, not_run: Option<NotRun>, ran: &mut [usize; 2]) -> Vec<String> {
    if not_run == Some(NotRun::Either) {
        return Vec::new();
    }
    let docs = rule_docs::docs(rule);
    let before = match section(&docs, "Example", &Repo::default()) {
        Ok(repo) => repo,
        Err(e) => return vec![e],
    };
    let mut problems = Vec::new();
    match fires(rule, &before) {
        Ok(true) => ran[0] += 1,
        Ok(false) => problems.push("the Example does not fire the rule".to_string()),
        Err(e) => problems.push(format!("Example: {e}")),
    }
    if not_run == Some(NotRun::UseInstead) {
        return problems;
    }
    let after = section(&docs, "Use instead", &before);
    match after.and_then(|after| fires(rule, &after).map_err(|e| format!("Use instead: {e}"))) {
        Ok(false) => ran[1] += 1,
        Ok(true) => problems.push("the Use instead fires the rule".to_string()),
        Err(e) => problems.push(e),
    }
    problems
}

#[test]
fn every_example_fires_its_rule_and_every_use_instead_does_not() {
    for (code, _, _) in NOT_RUN {
        assert!(rules::find(code).is_some(), "NOT_RUN: no rule {code}");
    }
    let mut failures = Vec::new();
    let mut ran = [0, 0];
    for rule in rules::ALL {
        let not_run = NOT_RUN
            .iter()
            .find(|(code, _, _)| *code == rule.code)
            .map(|(_, part, _)| *part);
        for problem in check_rule(rule, not_run, &mut ran) {
            failures.push(format!("{} {}: {problem}", rule.code, rule.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(the docs are the rules' doc comments, under src/rules/)",
        failures.join("\n")
    );
    let notice = format!(
        "rule docs: {} of {} rules' Examples fire their rule, {} Use instead stay silent\n",
        ran[0],
        rules::ALL.len(),
        ran[1]
    );
    std::io::Write::write_all(&mut std::io::stderr(), notice.as_bytes()).unwrap();
    assert!(ran[0] + NOT_RUN.len() >= rules::ALL.len());
}
