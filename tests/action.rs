//! The GitHub Action's own steps, run locally as the runner runs them.
//!
//! A composite action gets its inputs only as `${{ inputs.* }}` expressions, which the
//! runner substitutes into each step's `env:` before the step starts. These tests do the
//! same from `action.yml` itself: they read the declared inputs with their defaults and each
//! step's `env:`, substitute the expressions, and run the step's script (`action/*.sh`) with
//! `GITHUB_OUTPUT`, `GITHUB_ACTION_PATH` and `RUNNER_TEMP` set, in a fixture repository.
//! `locate` runs first and finds a `tlsrpt-lint` on PATH, so the cache and install steps,
//! which run only when it does not, are skipped as on a runner that has one.
//!
//! Two layers: the run step's plumbing against a fake linter that records its arguments
//! (inputs to flags, quoting, outputs, exit codes), and the real binary end to end
//! (annotations, the SARIF file, the counts).
#![cfg(unix)]

mod support;

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use support::BIN;

/// What the tests need from `action.yml`. It is kept in plain block style; this reads that
/// layout only, and fails loudly on anything else.
#[derive(Default)]
struct Action {
    /// Input name and default.
    inputs: Vec<(String, String)>,
    steps: Vec<Step>,
}

#[derive(Default)]
struct Step {
    id: String,
    /// Variable and value: `${{ x }}` kept as the expression `x`, else the literal.
    env: Vec<(String, Expr)>,
    run: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Expr {
    Literal(String),
    Expression(String),
}

fn action() -> Action {
    let text = fs::read_to_string(support::crate_path("action.yml")).unwrap();
    let mut action = Action::default();
    let mut section = String::new();
    let mut block = "";
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if indent == 0 {
            section = line.split(':').next().unwrap().to_string();
            continue;
        }
        match section.as_str() {
            "inputs" if indent == 2 => {
                let name = line.strip_suffix(':').expect("an input name");
                action.inputs.push((name.to_string(), String::new()));
            }
            "inputs" => {
                if let Some(default) = line.strip_prefix("default: ") {
                    action.inputs.last_mut().unwrap().1 = unquote(default).to_string();
                }
            }
            "runs" if indent >= 4 => {
                let property = match line.strip_prefix("- ") {
                    Some(first) => {
                        action.steps.push(Step::default());
                        Some(first)
                    }
                    None => (indent == 6).then_some(line),
                };
                let Some(step) = action.steps.last_mut() else {
                    continue;
                };
                match property {
                    Some(property) => {
                        let (key, value) = property.split_once(':').unwrap();
                        let value = value.trim();
                        block = key;
                        match key {
                            "id" => step.id = value.to_string(),
                            "run" if value != "|" => step.run = value.to_string(),
                            _ => {}
                        }
                    }
                    None if block == "env" => {
                        let (key, value) = line.split_once(": ").expect("`KEY: value`");
                        let expr = match value.strip_prefix("${{ ") {
                            Some(rest) => Expr::Expression(
                                rest.strip_suffix(" }}").expect("`}}`").to_string(),
                            ),
                            None => Expr::Literal(unquote(value).to_string()),
                        };
                        step.env.push((key.to_string(), expr));
                    }
                    None if block == "run" => {
                        step.run.push_str(line);
                        step.run.push('\n');
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    action
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

impl Action {
    fn step(&self, id: &str) -> &Step {
        self.steps
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no step `{id}`"))
    }
}

/// One run of the action: `with` as a workflow gives it, in a fixture repository, with
/// `bin_dir` first on PATH.
struct Run<'a> {
    with: &'a [(&'a str, &'a str)],
    workspace: &'a Path,
    bin_dir: &'a Path,
    /// More environment for the linter (the fake's controls).
    extra_env: &'a [(&'a str, &'a str)],
}

struct Ran {
    output: Output,
    /// The `run` step's outputs.
    outputs: HashMap<String, String>,
}

impl Ran {
    fn code(&self) -> i32 {
        self.output.status.code().expect("exited normally")
    }

    fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).unwrap()
    }

    fn output(&self, name: &str) -> &str {
        self.outputs
            .get(name)
            .unwrap_or_else(|| panic!("no output `{name}` in {:?}", self.outputs))
    }
}

impl Run<'_> {
    /// Runs `locate`, then `run`, as the runner would.
    fn go(&self) -> Ran {
        let action = action();
        let temp = tempfile::tempdir().unwrap();
        let mut steps: HashMap<String, HashMap<String, String>> = HashMap::new();
        let locate = self.step(&action, "locate", &steps, temp.path());
        assert!(
            locate.output.status.success(),
            "{locate:?}",
            locate = locate.output
        );
        assert!(
            !locate.outputs.contains_key("root"),
            "locate must find tlsrpt-lint on PATH and skip the install"
        );
        steps.insert("locate".into(), locate.outputs);
        self.step(&action, "run", &steps, temp.path())
    }

    fn step(
        &self,
        action: &Action,
        id: &str,
        steps: &HashMap<String, HashMap<String, String>>,
        temp: &Path,
    ) -> Ran {
        let step = action.step(id);
        let script = step
            .run
            .strip_prefix("bash \"$GITHUB_ACTION_PATH/")
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or_else(|| panic!("step `{id}` does not run a script: {}", step.run));
        let github_output = temp.join(format!("{id}.output"));
        let runner_temp = temp.join("runner");
        fs::create_dir_all(&runner_temp).unwrap();
        let path = std::env::join_paths(
            std::iter::once(self.bin_dir.to_path_buf())
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
        )
        .unwrap();
        let mut command = Command::new("bash");
        command
            .arg(support::crate_path(script))
            .current_dir(self.workspace);
        // What an outer workflow running these tests has set is not this action's.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if ["GITHUB_", "RUNNER_", "INPUT_", "TLSRPT_"]
                .iter()
                .any(|p| key.starts_with(p))
            {
                command.env_remove(&*key);
            }
        }
        command
            .env("PATH", path)
            .env("GITHUB_OUTPUT", &github_output)
            .env("GITHUB_ACTION_PATH", support::crate_path(""))
            .env("RUNNER_TEMP", &runner_temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .envs(self.extra_env.iter().copied());
        for (key, value) in &step.env {
            command.env(key, self.evaluate(action, value, steps));
        }
        let output = command.output().unwrap();
        let outputs = fs::read_to_string(&github_output)
            .unwrap_or_default()
            .lines()
            .map(|line| {
                let (key, value) = line.split_once('=').expect("`name=value`");
                (key.to_string(), value.to_string())
            })
            .collect();
        Ran { output, outputs }
    }

    /// The expressions action.yml uses in `env:`; any other is a test to extend.
    fn evaluate(
        &self,
        action: &Action,
        value: &Expr,
        steps: &HashMap<String, HashMap<String, String>>,
    ) -> String {
        let expression = match value {
            Expr::Literal(literal) => return literal.clone(),
            Expr::Expression(expression) => expression,
        };
        if let Some(name) = expression.strip_prefix("inputs.") {
            let default = action
                .inputs
                .iter()
                .find(|(input, _)| input == name)
                .unwrap_or_else(|| panic!("`{name}` is not a declared input"));
            let given = self.with.iter().find(|(input, _)| *input == name);
            return given.map_or(default.1.clone(), |(_, v)| v.to_string());
        }
        if let Some(rest) = expression.strip_prefix("steps.") {
            let (id, output) = rest
                .split_once(".outputs.")
                .expect("`steps.ID.outputs.NAME`");
            return steps[id].get(output).cloned().unwrap_or_default();
        }
        match expression.as_str() {
            // A local `uses: ./` has no ref.
            "github.action_ref" => String::new(),
            other => panic!("the test does not know `${{{{ {other} }}}}`"),
        }
    }
}

/// A stand-in for tlsrpt-lint: records its arguments, one a line, in `$FAKE_ARGS`; writes
/// `$FAKE_JSON` and an empty SARIF log where asked; prints one annotation; exits with
/// `$FAKE_EXIT`. Exit 2 is a usage error: nothing is written.
const FAKE: &str = r#"#!/usr/bin/env bash
printf '%s\n' "$@" >"$FAKE_ARGS"
[[ ${FAKE_EXIT:-0} != 2 ]] || exit 2
while (($#)); do
  case $1 in
    --) break ;;
    --output-json) printf '%s' "$FAKE_JSON" >"$2"; shift ;;
    --output-sarif) printf '{}' >"$2"; shift ;;
  esac
  shift
done
echo '::error file=zones/bad.zone,line=5::fake finding'
exit "${FAKE_EXIT:-0}"
"#;

/// A JSON document whose counts are 3 errors and 2 warnings, with a message that spells a
/// count key inside a string.
const FAKE_JSON: &str = r#"{"version":1,"diagnostics":[{"message":"\"errors\": 9, \"summary\": {\"errors\": 7}"}],"summary":{"files_scanned":2,"errors":3,"warnings":2,"infos":1}}"#;

struct Fake {
    dir: tempfile::TempDir,
    workspace: PathBuf,
}

impl Fake {
    fn new() -> Fake {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        fs::create_dir(&bin).unwrap();
        let fake = bin.join("tlsrpt-lint");
        fs::write(&fake, FAKE).unwrap();
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
        let workspace = dir.path().join("workspace");
        fs::create_dir_all(workspace.join("zones")).unwrap();
        fs::write(workspace.join("zones/a.zone"), "").unwrap();
        Fake { dir, workspace }
    }

    fn args_file(&self) -> PathBuf {
        self.dir.path().join("args")
    }

    fn run(&self, with: &[(&str, &str)], exit: &str) -> Ran {
        let args = self.args_file();
        Run {
            with,
            workspace: &self.workspace,
            bin_dir: &self.dir.path().join("bin"),
            extra_env: &[
                ("FAKE_ARGS", args.to_str().unwrap()),
                ("FAKE_JSON", FAKE_JSON),
                ("FAKE_EXIT", exit),
            ],
        }
        .go()
    }

    /// The arguments the fake got, the temporary JSON path replaced by `<json>`.
    fn args(&self) -> Vec<String> {
        let text = fs::read_to_string(self.args_file()).unwrap();
        let mut args: Vec<String> = text.lines().map(str::to_string).collect();
        let json = args.iter().position(|a| a == "--output-json").unwrap();
        args[json + 1] = "<json>".into();
        args
    }
}

#[test]
fn every_input_reaches_the_run_step_through_env_only() {
    let action = action();
    let names: Vec<&str> = action.inputs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "paths",
            "args",
            "config",
            "fail-on",
            "sarif-file",
            "annotations",
            "summary"
        ]
    );
    let run = action.step("run");
    for name in names {
        let variable = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
        let expr = Expr::Expression(format!("inputs.{name}"));
        assert!(
            run.env.contains(&(variable.clone(), expr)),
            "`{variable}: ${{{{ inputs.{name} }}}}` missing from the run step's env"
        );
    }
    for step in &action.steps {
        assert!(
            !step.run.contains("${{"),
            "step `{}` splices an expression into its script",
            step.id
        );
    }
}

#[test]
fn defaults_lint_the_workspace_with_annotations() {
    let fake = Fake::new();
    let result = fake.run(&[], "1");
    assert_eq!(
        fake.args(),
        [
            "check",
            "--format",
            "github",
            "--fail-on",
            "error",
            "--output-json",
            "<json>",
            "--",
            "."
        ]
    );
    assert_eq!(result.code(), 1);
    assert!(result
        .stdout()
        .starts_with("::error file=zones/bad.zone,line=5::"));
    assert_eq!(result.output("sarif-file"), "");
    assert_eq!(result.output("errors"), "3");
    assert_eq!(result.output("warnings"), "2");
}

#[test]
fn inputs_become_flags() {
    let fake = Fake::new();
    fs::create_dir(fake.workspace.join("out dir")).unwrap();
    let result = fake.run(
        &[
            ("paths", " zones  more\n\tthird\n"),
            ("args", "--select TLSRPT105 --threads 1"),
            ("config", "conf dir/tlsrpt-lint.toml"),
            ("fail-on", "warning"),
            ("sarif-file", "out dir/results.sarif"),
            ("annotations", "false"),
        ],
        "0",
    );
    assert_eq!(
        fake.args(),
        [
            "check",
            "--format",
            "concise",
            "--fail-on",
            "warning",
            "--output-json",
            "<json>",
            "--config",
            "conf dir/tlsrpt-lint.toml",
            "--output-sarif",
            "out dir/results.sarif",
            "--select",
            "TLSRPT105",
            "--threads",
            "1",
            "--",
            "zones",
            "more",
            "third"
        ]
    );
    assert_eq!(result.code(), 0);
    assert_eq!(result.output("sarif-file"), "out dir/results.sarif");
    assert!(fake.workspace.join("out dir/results.sarif").is_file());
}

#[test]
fn inputs_are_data_not_code() {
    let fake = Fake::new();
    fake.run(
        &[
            ("paths", "$(touch pwned) * `touch pwned`"),
            ("args", "--select=TLSRPT105;touch pwned"),
            ("config", "$(touch pwned)"),
        ],
        "0",
    );
    let args = fake.args();
    let dash = args.iter().position(|a| a == "--").unwrap();
    assert_eq!(
        args[dash - 3..],
        [
            "$(touch pwned)",
            "--select=TLSRPT105;touch",
            "pwned",
            "--",
            "$(touch",
            "pwned)",
            "*",
            "`touch",
            "pwned`"
        ]
    );
    assert!(!fake.workspace.join("pwned").exists());
}

#[test]
fn annotations_must_be_true_or_false() {
    let fake = Fake::new();
    let result = fake.run(&[("annotations", "yes")], "0");
    assert_eq!(result.code(), 2);
    assert_eq!(
        result.stdout(),
        "::error title=tlsrpt-lint action::input annotations must be true or false\n"
    );
    assert!(!fake.args_file().exists(), "the linter must not run");
}

#[test]
fn a_usage_error_passes_through_with_empty_outputs_even_over_a_stale_sarif_file() {
    let fake = Fake::new();
    fs::write(fake.workspace.join("results.sarif"), "{}").unwrap();
    let result = fake.run(&[("sarif-file", "results.sarif")], "2");
    assert_eq!(result.code(), 2);
    assert_eq!(result.output("sarif-file"), "");
    assert_eq!(result.output("errors"), "");
    assert_eq!(result.output("warnings"), "");
}

/// A repository with `zones/bad.zone` (TLSRPT105 and TLSRPT110 on line 5) and
/// `zones/good.zone`, and the real binary's directory.
fn real_run(with: &[(&str, &str)]) -> (tempfile::TempDir, Ran) {
    let workspace = tempfile::tempdir().unwrap();
    fs::create_dir(workspace.path().join("zones")).unwrap();
    for name in ["bad.zone", "good.zone"] {
        let from = support::crate_path("tests/ship").join(name);
        fs::copy(from, workspace.path().join("zones").join(name)).unwrap();
    }
    let result = Run {
        with,
        workspace: workspace.path(),
        bin_dir: Path::new(BIN).parent().unwrap(),
        extra_env: &[],
    }
    .go();
    (workspace, result)
}

#[test]
fn end_to_end_annotations_sarif_and_counts() {
    let (workspace, result) = real_run(&[("sarif-file", "results.sarif")]);
    let stdout = result.stdout();
    assert_eq!(result.code(), 1, "{stdout}");
    let annotation = |kind: &str, code: &str| {
        stdout.lines().any(|line| {
            line.starts_with(&format!("::{kind} "))
                && line.contains("file=zones/bad.zone,")
                && line.contains("line=5,")
                && line.contains(code)
        })
    };
    assert!(annotation("error", "TLSRPT105"), "{stdout}");
    assert!(annotation("warning", "TLSRPT110"), "{stdout}");

    assert_eq!(result.output("sarif-file"), "results.sarif");
    let sarif: Value =
        serde_json::from_slice(&fs::read(workspace.path().join("results.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let mut rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    assert_eq!(rules, ["TLSRPT105", "TLSRPT110"]);
    for r in results {
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "zones/bad.zone");
        assert_eq!(location["region"]["startLine"], 5);
    }

    assert_eq!(result.output("errors"), "1");
    assert_eq!(result.output("warnings"), "1");
}

#[test]
fn end_to_end_the_job_summary_gets_the_posture() {
    let workspace = tempfile::tempdir().unwrap();
    fs::write(
        workspace.path().join("example.com.zone"),
        "$ORIGIN example.com.\n@ 3600 IN MX 10 mx.example.com.\n",
    )
    .unwrap();
    let summary = workspace.path().join("summary.md");
    let summary_env = summary.to_str().unwrap();
    let run = |with: &[(&str, &str)]| {
        Run {
            with,
            workspace: workspace.path(),
            bin_dir: Path::new(BIN).parent().unwrap(),
            extra_env: &[("GITHUB_STEP_SUMMARY", summary_env)],
        }
        .go()
    };
    let result = run(&[]);
    assert_eq!(result.code(), 0, "{}", result.stdout());
    let text = fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("## TLS posture of the mail domains"),
        "{text}"
    );
    assert!(text.contains("| `example.com` | **F** 30 |"), "{text}");
    fs::remove_file(&summary).unwrap();
    let result = run(&[("summary", "false")]);
    assert_eq!(result.code(), 0);
    assert!(!summary.exists());
}

#[test]
fn end_to_end_plain_lines_and_fail_on_never() {
    let (_workspace, result) = real_run(&[("annotations", "false"), ("fail-on", "never")]);
    let stdout = result.stdout();
    assert_eq!(result.code(), 0, "{stdout}");
    assert!(
        stdout.contains("zones/bad.zone:5:20: error[TLSRPT105"),
        "{stdout}"
    );
    assert!(!stdout.contains("::"), "{stdout}");
    assert_eq!(result.output("sarif-file"), "");
    assert_eq!(result.output("errors"), "1");
    assert_eq!(result.output("warnings"), "1");
}

#[test]
fn the_docs_show_the_example_workflow() {
    let example = fs::read_to_string(support::crate_path("docs/examples/tlsrpt-lint.yml")).unwrap();
    let body = &example[example.find("name:").unwrap()..];
    let docs = fs::read_to_string(support::crate_path("docs/github-action.md")).unwrap();
    assert!(
        docs.contains(&format!("```yaml\n{body}```")),
        "docs/github-action.md must show docs/examples/tlsrpt-lint.yml from `name:` on"
    );
}

/// `locate` on a runner without tlsrpt-lint: a cache key, then, once `cargo install` has
/// filled the root, nothing more to do.
#[test]
fn locate_keys_the_cache_on_os_ref_and_sources() {
    let temp = tempfile::tempdir().unwrap();
    let locate = |github_output: &Path| {
        let status = Command::new("bash")
            .arg(support::crate_path("action/locate.sh"))
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("GITHUB_OUTPUT", github_output)
            .env("GITHUB_ACTION_PATH", support::crate_path(""))
            .env("RUNNER_TEMP", temp.path())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("ACTION_REF", "v0,1")
            .status()
            .unwrap();
        assert!(status.success());
        let text = fs::read_to_string(github_output).unwrap();
        text.lines()
            .map(|l| l.split_once('=').unwrap())
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<HashMap<_, _>>()
    };
    let first = locate(&temp.path().join("first"));
    let root = Path::new(&first["root"]);
    assert!(root.starts_with(temp.path()));
    assert_eq!(Path::new(&first["bin"]), root.join("bin/tlsrpt-lint"));
    let key = &first["key"];
    assert!(key.starts_with("tlsrpt-lint-Linux-X64-v0_1-"), "{key}");
    assert_eq!(key.len(), "tlsrpt-lint-Linux-X64-v0_1-".len() + 16, "{key}");

    fs::create_dir_all(root.join("bin")).unwrap();
    fs::copy(BIN, root.join("bin/tlsrpt-lint")).unwrap();
    let second = locate(&temp.path().join("second"));
    assert_eq!(second["bin"], first["bin"]);
    assert!(!second.contains_key("root") && !second.contains_key("key"));
}
