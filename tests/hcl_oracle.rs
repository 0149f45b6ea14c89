//! Differential test of the Terraform reader: on every `.tf` file under `fixtures/` (and a
//! few hand-written edge cases), tlsrpt-lint's HCL reader and python-hcl2, an independent
//! parser, must find the same resources and the same decoded string literals (escapes,
//! `$${`, heredocs with and without `<<-` indentation). `tests/oracle/hcl2_literals.py`
//! prints python-hcl2's side; it needs a Python with python-hcl2 (`TLSRPT_ORACLE_PYTHON`,
//! else the crate's `.venv`, as `.ci/run` installs it), so without one the test skips,
//! except under `CI`.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use tlsrpt_lint::extract::terraform::resource_literals;

#[derive(Deserialize)]
struct Oracle {
    path: String,
    pairs: Option<Vec<(String, String)>>,
    error: Option<String>,
}

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            tf_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "tf") {
            out.push(path);
        }
    }
}

/// Edge cases the fixtures do not all cover.
const EDGES: &str = r#"
resource "aws_route53_record" "escapes" {
  name    = "a\"b\\c\u00e9\U0001F600 $${not} %%{not}"
  records = ["one", "t\two", "\"\"split"]
}
resource "azurerm_dns_txt_record" "heredocs" {
  record {
    value = <<-EOT
      indented
        more $${x}
    EOT
  }
  record {
    value = <<EOT
  kept as is
EOT
  }
}
"#;

#[test]
fn reader_agrees_with_python_hcl2() {
    let Some(python) = support::oracle_python("the python-hcl2 differential test", "hcl2") else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let edges = scratch.path().join("edges.tf");
    fs::write(&edges, EDGES).unwrap();
    let mut paths = vec![edges];
    tf_files(&support::crate_path("fixtures"), &mut paths);
    paths.sort();
    assert!(paths.len() >= 10, "only {} .tf files", paths.len());
    let out = Command::new(&python)
        .arg(support::crate_path("tests/oracle/hcl2_literals.py"))
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut failures = Vec::new();
    let mut compared = 0;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let oracle: Oracle = serde_json::from_str(line).unwrap();
        let text = fs::read_to_string(&oracle.path).unwrap();
        let ours = resource_literals(&text);
        match (oracle.pairs, ours) {
            (Some(theirs), Some(ours)) => {
                let theirs: BTreeMap<_, _> = theirs.into_iter().collect();
                let ours: BTreeMap<_, _> = ours.into_iter().collect();
                compared += theirs.len();
                if theirs != ours {
                    failures.push(format!(
                        "{}:\n  python-hcl2: {theirs:?}\n  tlsrpt-lint: {ours:?}",
                        oracle.path
                    ));
                }
            }
            (None, None) => {}
            (theirs, ours) => failures.push(format!(
                "{}: python-hcl2 {}, tlsrpt-lint {}",
                oracle.path,
                theirs.map_or(format!("fails ({:?})", oracle.error), |_| "parses".into()),
                if ours.is_some() { "parses" } else { "fails" },
            )),
        }
    }
    eprintln!(
        "hcl oracle: {} files, {compared} resources and literals compared",
        paths.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
