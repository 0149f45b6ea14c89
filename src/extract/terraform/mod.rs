//! Terraform (`*.tf`, `*.tf.json`, `*.tfvars`): DNS record resources and record-shaped
//! data, read with `hcl-edit`, a real HCL parser that keeps the span of every node.
//!
//! - [`literal`] maps every byte of a string fragment back to the source, through `\"`
//!   escapes, `$${` and heredoc indentation;
//! - [`fold`] folds expressions into values known offline: literals, templates of literals,
//!   `local.*`, `var.*` defaults, `each.*`/`count.index`, literal attributes of other
//!   resources, a few functions. What it cannot fold is reported as `unevaluated-value` at
//!   the innermost expression it could not know, and only for resources that mention TLS
//!   reporting (`_smtp`, `_tls`, `_mta-sts`, `_report`, `v=TLSRPT`, `v=STS`), so unrelated
//!   TXT records built from variables stay quiet;
//! - [`resources`] knows each supported resource type, [`quoting`] its provider's TXT
//!   quoting (`provider-txt-quoting`);
//! - [`shapes`] finds record-shaped objects (`type = "TXT"` with a name and values) in
//!   module arguments, locals, variable defaults and `*.tfvars`, following a local module
//!   (`source = "./modules/x"`) to learn the quoting and zone it applies;
//! - [`instance`] evaluates a local module's record resources once per call, with the
//!   call's arguments;
//! - [`json`] reads the JSON syntax into the same tree; [`listing`] lists resources and
//!   literals for the python-hcl2 differential test.
//!
//! A variable's value is the one in the module's `terraform.tfvars` / `*.auto.tfvars`, else
//! its `default`; a `-var`, another `*.tfvars` file or a module argument may still publish
//! something else. The linter checks what the repository states (docs/terraform.md says so
//! too).
//!
//! A Terraform module spans the files of one directory, so a file is never read alone:
//! [`module`] parses each file of the directory once per run and evaluates the module once,
//! and each linted file takes its share. Records belong to the file that holds their
//! value's literal (or the template around it), so each is reported once. Files that
//! mention no record type and no reporting marker cost a read and a byte scan
//! ([`worth_parsing`]); a file of the module is parsed only if it may declare something.
//! `hcl-edit` bounds its own nesting depth (64), so deep input is refused with a syntax
//! error, not a stack overflow.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Extracted, Loader};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{RData, Record};
use crate::names::is_dane_owner;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Source, Span};
use hcl_edit::structure::Block;

mod fold;
mod generic;
mod instance;
mod json;
mod listing;
mod literal;
mod module;
mod providers;
mod quoting;
mod resources;
mod shapes;
pub(crate) mod writer;

pub use listing::resource_literals;
pub use writer::{provider_of, writable_types};

// The provider table and quoting, for the Pulumi YAML reader: Pulumi's bridged providers
// are these Terraform providers, with the same attributes in camelCase.
pub(crate) use providers::{
    find as provider_kind, Kind as ProviderKind, Values as ProviderValues, ZONES as PROVIDER_ZONES,
};
pub(crate) use quoting::txt as provider_txt;
pub(crate) use resources::owner;

use fold::{Env, File, Loc, Text, Unknown};
use module::{Directory, Shares};
use resources::{Branch, Spec};

/// Reads `source` as a Terraform file; `origin` is the zone the settings name for it.
pub fn extract(source: &Arc<Source>, loader: &dyn Loader, origin: Option<&str>) -> Extracted {
    if !worth_parsing(&source.text) {
        return Extracted::default();
    }
    let name = source.path.rsplit('/').next().unwrap_or_default();
    if name.ends_with(".tfvars") && !is_auto_tfvars(name) {
        // A variables file named with `-var-file`: data of its own, not part of the module.
        let directory = match parse_files(source) {
            Ok(files) => Directory {
                files,
                errors: Vec::new(),
            },
            Err((span, message)) => Directory {
                files: Vec::new(),
                errors: vec![Diagnostic::new(
                    &SOURCE_SYNTAX_ERROR,
                    Location::new(source, span),
                    message,
                )],
            },
        };
        return share(&evaluate(&directory, loader, origin), source);
    }
    let shares = module::shares(loader, source, origin, |directory| {
        evaluate(directory, loader, origin)
    });
    share(&shares, source)
}

/// What a module's evaluation gives `source`.
fn share(shares: &Shares, source: &Source) -> Extracted {
    shares.get(&source.path).cloned().unwrap_or_default()
}

/// Evaluates a whole module once: every record and finding, by the file it belongs to.
fn evaluate(directory: &Directory, loader: &dyn Loader, origin: Option<&str>) -> Shares {
    let mut env = Env::new(&directory.files).with_loader(loader);
    env.load_data(loader);
    let mut emit = Emit {
        env: &env,
        origin: origin.and_then(resources::absolute_zone),
        out: Shares::new(),
        reported: HashSet::new(),
        emitted: HashSet::new(),
    };
    read_resources(&mut emit, |_, _, _| {});
    instance::calls(&mut emit, loader, &directory.files);
    shapes::scan(&mut emit, loader);
    for error in &directory.errors {
        emit.share(&error.location.source)
            .diagnostics
            .push(error.clone());
    }
    emit.out
}

/// Reads every record resource of the module, then calls `after` with what it read it
/// into and the resource.
fn read_resources(emit: &mut Emit<'_, '_>, mut after: impl FnMut(&mut Shares, usize, &Block)) {
    let env = emit.env;
    let mut current = None;
    for (file, rtype, block) in env.resources() {
        if current != Some(file) {
            // Each file of the module gets the evaluation budget one file alone would.
            env.refill();
            current = Some(file);
        }
        resources::resource(emit, file, rtype, block);
        after(&mut emit.out, file, block);
    }
}

/// A variables file Terraform loads by itself: `terraform.tfvars`, `*.auto.tfvars`.
fn is_auto_tfvars(name: &str) -> bool {
    name == "terraform.tfvars" || name.ends_with(".auto.tfvars")
}

/// A file of a module's configuration: `.tf` or `.tf.json`.
fn is_module_file(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// Parses a file in the syntax its name says: one [`File`], or one per block of a JSON
/// file. The error is where and what.
fn parse_files(source: &Arc<Source>) -> Result<Vec<File>, (Span, String)> {
    let text = &source.text;
    if source.path.ends_with(".json") {
        return json::parse(source);
    }
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(vec![File::native(Arc::clone(source), body)]),
        Err(error) => {
            let offset = error.location().offset().min(text.len()) as u32;
            let message = format!("invalid HCL: {}", first_line(error.message()));
            Err((Span::at(offset), message))
        }
    }
}

/// Whether a sibling may declare what a record refers to: locals, variables or a zone.
fn declares_values(text: &str) -> bool {
    ["locals", "variable", "_zone\"", "_zone_v2\"", "_domain\""]
        .iter()
        .any(|needle| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some())
}

/// Whether a file may hold DNS records: it names a record type (`type = "TXT"`,
/// `azurerm_dns_txt_record`, `"MX"`, `"TLSA"`), a reporting marker, a local path (a
/// call of a local module, whose instance may make records) or decodes a data file. Everything else costs
/// this one scan, one pass for all the needles.
pub fn worth_parsing(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new([
                "TXT",
                "_txt_record",
                "CNAME",
                "_cname_record",
                "\"MX\"",
                "\"TLSA\"",
                "_smtp",
                "._tls",
                "_mta-sts",
                "TLSRPT",
                "tlsrpt",
                "STSv1",
                // A local module call: its instance may make records.
                "\"./",
                "\"../",
                // Record data decoded from a YAML or JSON file.
                "yamldecode",
                "jsondecode",
            ])
            .expect("fixed needles build")
        });
    FINDER.is_match(text)
}

/// Whether resources of type `rtype` are DNS records this reader reads.
pub fn reads_resource_type(rtype: &str) -> bool {
    resources::quoting_of(rtype).is_some()
}

fn first_line(message: &str) -> &str {
    message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_end_matches('.')
}

/// What one module's evaluation collects: records and diagnostics, by file.
struct Emit<'e, 'm> {
    env: &'e Env<'m>,
    origin: Option<String>,
    out: Shares,
    /// Unevaluated expressions already reported (expansions repeat them), by file path.
    reported: HashSet<(String, Span)>,
    /// Values already made records (so record-shaped data a resource consumed is not
    /// read again as data).
    emitted: HashSet<Loc>,
}

impl Emit<'_, '_> {
    /// What `source` gets.
    fn share(&mut self, source: &Source) -> &mut Extracted {
        self.out.entry(source.path.clone()).or_default()
    }

    /// Reports what could not be folded, in the file that writes it.
    fn unevaluated(&mut self, unknown: &Unknown, what: &str) {
        let source = Arc::clone(self.env.source(unknown.loc.file));
        if !self
            .reported
            .insert((source.path.clone(), unknown.loc.span))
        {
            return;
        }
        let written = &source.text[unknown.loc.span.range()];
        let shown: String = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = match shown.char_indices().nth(60) {
            Some((i, _)) => format!("{}...", &shown[..i]),
            None => shown,
        };
        let diagnostic = Diagnostic::new(
            &UNEVALUATED_VALUE,
            Location::new(&source, unknown.loc.span),
            format!("{what} `{shown}` cannot be evaluated offline: {}", unknown.why),
        )
        .with_help("write it as a literal, or a local or variable default with a literal value, to have the record checked");
        let home = Arc::clone(self.env.source(self.env.home(unknown.loc.file)));
        self.share(&home).diagnostics.push(diagnostic);
    }

    /// Makes a record of one value, in the file that writes the value.
    fn record(&mut self, spec: &Spec<'_>, value: &Text) {
        self.record_of(spec, value, None);
    }

    /// Makes a record of one value, one alternative of a conditional (`branch`) or the
    /// only value.
    fn record_of(&mut self, spec: &Spec<'_>, value: &Text, branch: Option<Branch<'_>>) {
        self.emitted.insert(value.loc);
        let source = Arc::clone(self.env.source(value.loc.file));
        let Some(branch) = branch else {
            return self.push(resources::build(spec, value, &source), value.loc.file);
        };
        // The alternative is located at its branch's value, so findings about it show
        // which branch they are about.
        let spec = Spec {
            spans: [Some(value.loc), spec.spans[1]],
            name: spec.name.clone(),
            rtype: spec.rtype.clone(),
            zone: spec.zone.clone(),
            via: None,
            ..*spec
        };
        let built = resources::build(&spec, value, &source).map(|(mut record, diagnostics)| {
            record.via = branch.via(self.env);
            (record, diagnostics)
        });
        self.push(built, value.loc.file);
    }

    /// Keeps a record of a value written in `file`, in the share of the module's file
    /// it belongs to (a decoded data file's records belong to the file decoding it).
    fn push(&mut self, built: Option<(Record, Vec<Diagnostic>)>, file: usize) {
        if let Some((record, mut diagnostics)) = built {
            let home = Arc::clone(self.env.source(self.env.home(file)));
            let share = self.share(&home);
            share.records.push(record);
            share.diagnostics.append(&mut diagnostics);
        }
    }

    /// Makes the TLSA record of a resource at `at`, when it is at a `_25._tcp` name.
    fn tlsa(&mut self, spec: &Spec<'_>, at: Loc) {
        let source = Arc::clone(self.env.source(at.file));
        let record = resources::record(spec, at, RData::Other, &source);
        if is_dane_owner(&record.name.text) {
            self.share(&source).records.push(record);
        }
    }

    fn was_emitted(&self, loc: Loc) -> bool {
        self.emitted.contains(&loc)
    }
}

/// The comments of a Terraform file (`#`, `//` and `/* */`), outside strings and heredocs,
/// in source order.
pub fn comments(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let line_end =
        |from: usize| memchr::memchr2(b'\n', b'\r', &b[from..]).map_or(b.len(), |e| from + e);
    while i < b.len() {
        match b[i] {
            b'#' => {
                let end = line_end(i);
                out.push(span(i, end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = line_end(i);
                out.push(span(i, end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |e| i + 2 + e + 2);
                out.push(span(i, end));
                i = end;
            }
            b'"' => i = string_end(b, i + 1),
            b'<' if b.get(i + 1) == Some(&b'<') => i = heredoc_end(text, i + 2),
            _ => i += 1,
        }
    }
    out
}

/// The offset after the quoted string whose content starts at `i` (nested `${ }` may hold
/// strings of their own).
fn string_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            b'"' if depth == 0 => return i + 1,
            b'\n' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The offset after a heredoc whose `<<` ends just before `i`.
fn heredoc_end(text: &str, i: usize) -> usize {
    let rest = &text[i..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let delim: &str = &rest[..rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len())];
    if delim.is_empty() {
        return i;
    }
    let mut offset = text.len() - rest.len() + delim.len();
    for (n, line) in text[offset..].split_inclusive('\n').enumerate() {
        offset += line.len();
        if n > 0 && line.trim() == delim {
            return offset;
        }
    }
    text.len()
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start as u32, end as u32)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_branches;
#[cfg(test)]
mod tests_decode;
#[cfg(test)]
mod tests_generic;
