//! Fuzzing entry points. Each takes arbitrary bytes and must return without panicking, in
//! time and memory bounded by its input, whatever the bytes are. The cargo-fuzz targets in
//! `fuzz/` (nightly, libFuzzer) and the stable-toolchain harness in `tests/fuzz.rs` both call
//! exactly these, so the two exercise the same code: the parsers, every rule, every
//! renderer (with the `records` table and JSON) on what the rules found, and one pass of
//! their fixes; and the received report reader with every report view.

use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

use crate::config::Settings;
use crate::diagnostic::Edit;
use crate::extract::FileClass;
use crate::extract::NoIncludes;
use crate::fix::apply;
use crate::model::RecordKind;
use crate::pipeline::check_source;
use crate::pipeline::check_value;
use crate::pipeline::Outcome;
use crate::render::{self, OutputFormat};
use crate::text::Source;

/// A TXT value, judged as each kind of record; what all three found is rendered once.
pub fn record(data: &[u8]) {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let mut all = Outcome::default();
    for kind in [
        RecordKind::Policy,
        RecordKind::Authorization,
        RecordKind::MtaSts,
    ] {
        let mut outcome = check_value(
            value,
            "<fuzz>",
            kind,
            Some("example.com"),
            &Settings::default(),
        );
        all.diagnostics.append(&mut outcome.diagnostics);
        all.records.append(&mut outcome.records);
    }
    render_all(&all);
}

/// A zone file, with `$INCLUDE` refused (the fuzzer has no file system); the same text
/// as a Jinja-templated zone file and through the named.conf reader too.
pub fn zone(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    crate::named_conf::parse(text);
    for path in ["fuzz.zone", "fuzz.zone.j2"] {
        let source = Arc::new(Source::new(path, text));
        let outcome = check_source(&source, FileClass::Zone, &NO_INCLUDES, &Settings::default());
        render_all(&outcome);
    }
}

/// A `dnsconfig.js`, with `require` refused.
pub fn dnscontrol(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Arc::new(Source::new("dnsconfig.js", text));
    let outcome = check_source(
        &source,
        FileClass::DnsControl,
        &NO_INCLUDES,
        &Settings::default(),
    );
    render_all(&outcome);
}

/// A YAML or JSON file: the YAML layer on its own (every scalar decoded and its map to the
/// source checked), then the whole run as an OctoDNS zone file would get it, and as an
/// Ansible task file.
pub fn yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    crate::extract::yaml::check_layer(text);
    for path in ["zones/example.com.yaml", "roles/mail/tasks/main.yml"] {
        let source = Arc::new(Source::new(path, text));
        let outcome = check_source(&source, FileClass::Yaml, &NO_INCLUDES, &Settings::default());
        render_all(&outcome);
    }
}

/// An ARM template expression: parsed and folded (with one parameter known), its parts
/// checked to map back into the input; then the same text as a template's record value.
pub fn arm_expression(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    crate::extract::yaml::check_arm_expression(text);
    let json = serde_json::to_string(text).unwrap_or_default();
    let template = format!(
        "{{\"$schema\": \"deploymentTemplate\", \"parameters\": {{\"zone\": {{\"defaultValue\": \"example.com\"}}}}, \"resources\": [{{\"type\": \"Microsoft.Network/dnsZones/TXT\", \"name\": {json}, \"properties\": {{\"TXTRecords\": [{{\"value\": [{json}]}}]}}}}]}}"
    );
    let source = Arc::new(Source::new("azuredeploy.json", template));
    let outcome = check_source(&source, FileClass::Yaml, &NO_INCLUDES, &Settings::default());
    render_all(&outcome);
}

/// A Terraform file, alone in its module (no siblings, no local modules), read in the
/// native syntax and in the JSON syntax.
pub fn terraform(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for path in ["fuzz.tf", "fuzz.tf.json"] {
        let source = Arc::new(Source::new(path, text));
        let outcome = check_source(
            &source,
            FileClass::Terraform,
            &NO_INCLUDES,
            &Settings::default(),
        );
        render_all(&outcome);
    }
}

/// A Nix file, read as a `dns.nix` zone named after a domain (so names are absolute).
pub fn nix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Arc::new(Source::new("example.com.nix", text));
    let outcome = check_source(&source, FileClass::Nix, &NO_INCLUDES, &Settings::default());
    render_all(&outcome);
}

/// The repository fuzzed reports are compared with (`--repo`): example.net's MX, TLSA and
/// TLS-RPT records, so a report for it reaches every comparison.
fn report_repo() -> Arc<crate::report::repo::Repo> {
    static REPO: std::sync::OnceLock<Arc<crate::report::repo::Repo>> = std::sync::OnceLock::new();
    let repo = REPO.get_or_init(|| {
        let zone = "$ORIGIN example.net.\n@ MX 10 mx1\n@ MX 20 mx2\n\
                    _25._tcp.mx1 TLSA 3 1 1 0c72ac70\n\
                    _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.net\"\n";
        let source = Arc::new(Source::new("example.net.zone", zone));
        let outcome = check_source(&source, FileClass::Zone, &NO_INCLUDES, &Settings::default());
        Arc::new(crate::report::repo::Repo::new("fuzz", &outcome))
    });
    Arc::clone(repo)
}

/// Received-report input: the bytes as a report file (JSON, or gzip of it), as one mail
/// message and as an mbox, compared with a repository; then every report view and
/// findings format.
pub fn report(data: &[u8]) {
    use crate::report::{mbox, message, payload, view, Options, Run};
    let options = Options {
        max_failure_rate: Some(0.01),
        repo: Some(report_repo()),
    };
    let mut run = Run::default();
    let mut found = Vec::new();
    let read = payload::read("fuzz.json", data, &options, &[], &mut found);
    run.reports.extend(read);
    message::read("fuzz.eml", data, &options, &mut run.reports, &mut found);
    mbox::split(data, |m| {
        if let Some(bytes) = m.bytes {
            message::read("fuzz.mbox", &bytes, &options, &mut run.reports, &mut found);
        }
    })
    .expect("reading a slice cannot fail");
    run.outcome.diagnostics = found;
    for format in [
        view::Format::Human,
        view::Format::Concise,
        view::Format::Json,
        view::Format::Sarif,
        view::Format::Github,
        view::Format::Csv,
        view::Format::Html,
    ] {
        view::write(&run, format, &render::Options::default(), &mut io::sink())
            .expect("writing to a sink cannot fail");
    }
}

/// Includes are not read while fuzzing.
const NO_INCLUDES: NoIncludes = NoIncludes("includes are not read while fuzzing");

fn render_all(outcome: &Outcome) {
    for format in [
        OutputFormat::Human,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
    ] {
        render::render(
            outcome,
            format,
            &render::Options::default(),
            &mut io::sink(),
        )
        .expect("writing to a sink cannot fail");
    }
    render::records_table(outcome, &mut io::sink()).expect("writing to a sink cannot fail");
    render::records_json(outcome, &mut io::sink()).expect("writing to a sink cannot fail");
    apply_fixes(outcome);
}

/// Every fix found, applied as one pass of `check --fix` would: the edits must fit the
/// text they were computed on (within it, on character boundaries).
fn apply_fixes(outcome: &Outcome) {
    let mut by_source: BTreeMap<&str, (&str, Vec<&[Edit]>)> = BTreeMap::new();
    for d in &outcome.diagnostics {
        if let Some(fix) = &d.fix {
            let source = &d.location.source;
            by_source
                .entry(&source.path)
                .or_insert((&source.text, Vec::new()))
                .1
                .push(&fix.edits);
        }
    }
    for (text, fixes) in by_source.values() {
        let chosen = apply::select(fixes, text.len(), usize::MAX);
        let edits: Vec<&Edit> = chosen.iter().flat_map(|&i| fixes[i]).collect();
        apply::apply(text, &edits).expect("fix edits fit the text they were computed on");
    }
}
