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
//! - [`json`] reads the JSON syntax into the same tree; [`listing`] lists resources and
//!   literals for the python-hcl2 differential test.
//!
//! A variable's value is the one in the module's `terraform.tfvars` / `*.auto.tfvars`, else
//! its `default`; a `-var`, another `*.tfvars` file or a module argument may still publish
//! something else. The linter checks what the repository states (docs/terraform.md says so
//! too).
//!
//! A Terraform module spans the files of one directory, so each file is read with its
//! siblings (listed through the [`Loader`]) for locals, variables and zones; records are
//! emitted by the file that holds their value's literal (or the template around it), so
//! each is reported once. Files that mention no record type and no reporting marker cost a
//! read and a byte scan ([`worth_parsing`]); siblings are parsed only if they may declare
//! something, within a byte budget. `hcl-edit` bounds its own nesting depth (64), so deep
//! input is refused with a syntax error, not a stack overflow.

use std::collections::HashSet;
use std::sync::Arc;

use super::companions::is_dane_owner;
use super::{Extracted, Loader};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::RData;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Source, Span};

mod fold;
mod json;
mod listing;
mod literal;
mod quoting;
mod resources;
mod shapes;

pub use listing::resource_literals;

use fold::{Env, File, Loc, Text, Unknown};
use resources::Spec;

/// The most sibling files read as one module with the linted file.
const MAX_SIBLINGS: usize = 64;

/// The most bytes of sibling files parsed for one linted file: a directory of large
/// generated files must not make every DNS file in it parse them all.
const MAX_SIBLING_BYTES: usize = 8 << 20;

/// Reads `source` as a Terraform file; `origin` is the zone the settings name for it.
pub fn extract(source: &Arc<Source>, loader: &dyn Loader, origin: Option<&str>) -> Extracted {
    let mut out = Extracted::default();
    if !worth_parsing(&source.text) {
        return out;
    }
    let mut files = match parse_files(source) {
        Ok(files) => files,
        Err((span, message)) => {
            out.diagnostics.push(Diagnostic::new(
                &SOURCE_SYNTAX_ERROR,
                Location::new(source, span),
                message,
            ));
            return out;
        }
    };
    if !source.path.ends_with(".tfvars") {
        files.extend(siblings(source, loader));
    }
    let env = Env::new(&files);
    let mut emit = Emit {
        env: &env,
        origin: origin.and_then(resources::absolute_zone),
        out,
        reported: HashSet::new(),
        emitted: HashSet::new(),
    };
    for (file, rtype, block) in env.resources() {
        resources::resource(&mut emit, file, rtype, block);
    }
    shapes::scan(&mut emit, loader);
    emit.out
}

/// The other `.tf` files of the linted file's directory, parsed; unreadable or invalid ones
/// are skipped (their own run reports them).
fn siblings(source: &Source, loader: &dyn Loader) -> Vec<File> {
    let own = source.path.rsplit('/').next().unwrap_or_default();
    let mut budget = MAX_SIBLING_BYTES;
    loader
        .list(source, ".")
        .into_iter()
        .filter(|name| (is_module_file(name) || is_auto_tfvars(name)) && name != own)
        .take(MAX_SIBLINGS)
        .filter_map(|name| {
            let sibling = loader.load(source, &name).ok()?;
            let useful = worth_parsing(&sibling.text)
                || declares_values(&sibling.text)
                || is_auto_tfvars(&name);
            budget = budget.checked_sub(sibling.text.len())?;
            useful.then(|| parse_files(&sibling).ok()).flatten()
        })
        .flatten()
        .collect()
}

/// Loads and parses one file relative to `from` (nothing if it cannot be read or parsed).
fn load(from: &Source, loader: &dyn Loader, path: &str) -> Vec<File> {
    loader
        .load(from, path)
        .ok()
        .and_then(|source| parse_files(&source).ok())
        .unwrap_or_default()
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
    ["locals", "variable", "_zone\"", "_domain\""]
        .iter()
        .any(|needle| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some())
}

/// Whether a file may hold DNS records: it names a record type (`type = "TXT"`,
/// `azurerm_dns_txt_record`, `"MX"`, `"TLSA"`) or a reporting marker. Everything else costs
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
            ])
            .expect("fixed needles build")
        });
    FINDER.is_match(text)
}

/// Whether resources of type `rtype` are DNS records this reader reads.
pub fn reads_resource_type(rtype: &str) -> bool {
    resources::quoting_of(rtype).is_some()
}

/// Whether source text mentions TLS reporting, so that what cannot be folded in it is worth
/// reporting.
pub(super) fn mentions_reporting(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["_smtp", "_tls", "_mta-sts", "_report", "v=tlsrpt", "v=sts"]
        .iter()
        .any(|m| lower.contains(m))
}

fn first_line(message: &str) -> &str {
    message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_end_matches('.')
}

/// What one run collects: records and diagnostics for the linted file (file 0).
struct Emit<'e, 'm> {
    env: &'e Env<'m>,
    origin: Option<String>,
    out: Extracted,
    /// Unevaluated expressions already reported (expansions repeat them).
    reported: HashSet<Span>,
    /// Values already made records (so record-shaped data a resource consumed is not
    /// read again as data).
    emitted: HashSet<Loc>,
}

impl Emit<'_, '_> {
    /// Reports what could not be folded, when it is in the linted file.
    fn unevaluated(&mut self, unknown: &Unknown, what: &str) {
        if !self.env.is_linted(unknown.loc.file) || !self.reported.insert(unknown.loc.span) {
            return;
        }
        let source = self.env.source(0);
        let written = &source.text[unknown.loc.span.range()];
        let shown: String = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = match shown.char_indices().nth(60) {
            Some((i, _)) => format!("{}...", &shown[..i]),
            None => shown,
        };
        let diagnostic = Diagnostic::new(
            &UNEVALUATED_VALUE,
            Location::new(source, unknown.loc.span),
            format!("{what} `{shown}` cannot be evaluated offline: {}", unknown.why),
        )
        .with_help("write it as a literal, or a local or variable default with a literal value, to have the record checked");
        self.out.diagnostics.push(diagnostic);
    }

    /// Makes a record of one value, when the value is written in the linted file.
    fn record(&mut self, spec: &Spec<'_>, value: &Text) {
        if !self.env.is_linted(value.loc.file) {
            return;
        }
        self.emitted.insert(value.loc);
        if let Some((record, mut diagnostics)) = resources::build(spec, value, self.env.source(0)) {
            self.out.records.push(record);
            self.out.diagnostics.append(&mut diagnostics);
        }
    }

    /// Makes the TLSA record of a resource at `at`, when it is in the linted file and at a
    /// `_25._tcp` name.
    fn tlsa(&mut self, spec: &Spec<'_>, at: Loc) {
        if !self.env.is_linted(at.file) {
            return;
        }
        let record = resources::record(spec, at, RData::Other, self.env.source(0));
        if is_dane_owner(&record.name.text) {
            self.out.records.push(record);
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
