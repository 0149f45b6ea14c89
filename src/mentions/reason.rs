//! Why a mention was not read, as precisely as the file tells: the language of a file no
//! reader reads (and the infrastructure program it is, for Pulumi and the AWS CDK), the
//! Terraform resource type or block the mention is in, a YAML file of no dialect the reader
//! knows, a Nix value the evaluator did not reach.

use std::path::Path;

use super::language::Language;
use super::Mentions;
use crate::extract::terraform;
use crate::extract::yaml;
use crate::extract::yaml::ansible;
use crate::model::Format;
use crate::text::Span;

/// A YAML or JSON file of no dialect read.
const NO_DIALECT: &str = "this file is none of the YAML or JSON tlsrpt-lint reads (OctoDNS zones, CloudFormation templates, external-dns manifests, Ansible tasks, Pulumi YAML programs, ARM templates)";

/// The reason, to follow "is in no record tlsrpt-lint read: ".
pub fn why(file: &Mentions, mention: Span, records_read: usize) -> String {
    let text = &file.source.text;
    match file.format {
        _ if records_read > 0 && file.format != Some(Format::Terraform) => {
            "no record was read here, though others in this file were".to_string()
        }
        None => unread_file(Path::new(&file.source.path), text),
        Some(Format::Terraform) => in_terraform(text, mention),
        Some(Format::Yaml)
            if ansible::in_layout(&file.source.path)
                || ansible::sniff(text) =>
        {
            "tlsrpt-lint reads Ansible tasks that call a DNS module, and variables only as the literal a task's `{{ var }}` names".to_string()
        }
        Some(Format::Yaml) => match yaml::dialect_name(text) {
            Some(dialect @ ("Pulumi YAML" | "ARM template")) => {
                format!("the {dialect} reader read no record here")
            }
            _ => NO_DIALECT.to_string(),
        },
        Some(Format::Nix) => {
            "the Nix reader did not reach this value (a function never applied, a name it cannot place, or a construct it does not evaluate)".to_string()
        }
        Some(Format::DnsControl) => {
            "the dnscontrol reader did not reach this code (a function never called, or a construct it does not evaluate)".to_string()
        }
        Some(format) => format!("the {} reader read no record here", reader(format)),
    }
}

fn reader(format: Format) -> &'static str {
    match format {
        Format::Zone => "zone",
        Format::MtaStsPolicy => "policy file",
        other => other.as_str(),
    }
}

/// A file no DNS reader reads.
fn unread_file(path: &Path, text: &str) -> String {
    let Some(language) = Language::of(path) else {
        return "this file is in no format tlsrpt-lint reads".to_string();
    };
    let program = [
        ("pulumi", "a Pulumi"),
        ("aws-cdk", "an AWS CDK"),
        ("aws_cdk", "an AWS CDK"),
        ("cdktf", "a CDK for Terraform"),
    ]
    .iter()
    .find(|(needle, _)| text.contains(needle));
    match (program, language.name) {
        (Some((_, tool)), name) => {
            format!("this file is {tool} {name} program, which tlsrpt-lint does not read")
        }
        (None, "JavaScript") => {
            "tlsrpt-lint reads JavaScript only as a `dnsconfig.js` and the files it `require`s"
                .to_string()
        }
        (None, name) => format!("this file is {name}, which tlsrpt-lint does not read"),
    }
}

/// A Terraform file: the top-level block the mention is in.
fn in_terraform(text: &str, mention: Span) -> String {
    let block = text[..mention.start as usize]
        .lines()
        .rev()
        .find(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()));
    let words: Vec<&str> = block
        .unwrap_or_default()
        .split(|c: char| c.is_whitespace() || c == '{')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('"'))
        .collect();
    match words.as_slice() {
        ["resource", rtype, ..] if terraform::reads_resource_type(rtype) => {
            format!("the Terraform reader made no record of this `{rtype}` resource")
        }
        ["resource", rtype, ..] => {
            format!("resource type `{rtype}` is not in tlsrpt-lint's provider table, and no record could be read from it by its shape")
        }
        ["data", rtype, ..] => format!("a `{rtype}` data source is not a record"),
        ["module", name, ..] => {
            format!("the Terraform reader did not follow this input of module `{name}` to a record")
        }
        ["locals", ..] | ["variable", ..] | ["output", ..] => {
            format!(
                "the Terraform reader did not follow this `{}` to a record",
                words[0]
            )
        }
        _ => "the Terraform reader read no record here".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::text::Source;

    fn reason(path: &str, format: Option<Format>, text: &str, records_read: usize) -> String {
        let at = text.find("_smtp").unwrap() as u32;
        let file = Mentions {
            source: Arc::new(Source::new(path, text)),
            format,
            spans: Vec::new(),
        };
        why(&file, Span::new(at, at + 10), records_read)
    }

    #[test]
    fn reasons_name_the_language_program_and_resource() {
        let pulumi = "import pulumi_cloudflare as cf\ncf.Record(\"t\", name=\"_smtp._tls\")\n";
        assert_eq!(
            reason("__main__.py", None, pulumi, 0),
            "this file is a Pulumi Python program, which tlsrpt-lint does not read"
        );
        assert_eq!(
            reason("x.sh", None, "echo _smtp._tls\n", 0),
            "this file is a shell script, which tlsrpt-lint does not read"
        );
        let tf = "resource \"selectel_domains_rrset_v2\" \"t\" {\n  name = \"_smtp._tls\"\n}\n";
        assert_eq!(
            reason("dns.tf", Some(Format::Terraform), tf, 0),
            "resource type `selectel_domains_rrset_v2` is not in tlsrpt-lint's provider table, and no record could be read from it by its shape"
        );
        let tf = "locals {\n  names = [\"_smtp._tls\"]\n}\n";
        assert_eq!(
            reason("dns.tf", Some(Format::Terraform), tf, 0),
            "the Terraform reader did not follow this `locals` to a record"
        );
        assert_eq!(
            reason(
                "a.yaml",
                Some(Format::Yaml),
                "x: &a {}\ny:\n  <<: *a\n  n: _smtp._tls\n",
                0
            ),
            NO_DIALECT
        );
        assert_eq!(
            reason(
                "group_vars/all.yml",
                Some(Format::Yaml),
                "dns_records:\n  - name: _smtp._tls\n    type: TXT\n",
                0
            ),
            "tlsrpt-lint reads Ansible tasks that call a DNS module, and variables only as the literal a task's `{{ var }}` names"
        );
        // Nix is read: a mention the evaluator did not reach says so, not "Nix is unread".
        assert_eq!(
            reason("dns.nix", Some(Format::Nix), "{ x = f \"_smtp._tls\"; }\n", 0),
            "the Nix reader did not reach this value (a function never applied, a name it cannot place, or a construct it does not evaluate)"
        );
        let pulumi = "runtime: yaml\nresources:\n  r:\n    type: cloudflare:Record\n    properties:\n      name: {fn::invoke: _smtp._tls}\n";
        assert_eq!(
            reason("Pulumi.yaml", Some(Format::Yaml), pulumi, 0),
            "the Pulumi YAML reader read no record here"
        );
    }
}
