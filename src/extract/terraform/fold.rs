//! Folding HCL expressions into values known offline, remembering where each byte came from.
//!
//! Folded: string literals and heredocs, templates whose interpolations fold, numbers and
//! bools (as their source text), lists, tuples and objects, `local.x`, `var.x` (its value in
//! the module's `terraform.tfvars` / `*.auto.tfvars`, else its `default`, which a `-var`,
//! another `*.tfvars` file or a module argument can still override), `each.key`
//! / `each.value` / `count.index` inside an expanded resource, literal attributes of other
//! resources in the module (`aws_route53_zone.main.name`; a zone's `id`/`zone_id` reads as
//! its name, which is what a record needs from it), the same of a zone data source looked
//! up by a literal `name`, outputs of the local modules the module calls (`outputs`),
//! indexing and attribute access, and the
//! functions `toset`, `tolist`, `tomap`, `concat`, `merge`, `join`, `format` (`%s`, `%d`),
//! `chomp` and `trimspace` (heredoc values usually end in a line break). A part of a value
//! made by an interpolation, `join` or `format` maps to that expression as a whole, so
//! spans stay in source order and a fix replaces the expression.
//!
//! A conditional whose condition is unknown is read branch by branch (`branches`).
//! Everything else (other data sources and module outputs, operators, other functions,
//! attributes only known after apply) folds to
//! [`Folded::Unknown`], which names the innermost expression that could not be folded so the
//! caller can report it as `unevaluated-value` at the right bytes.
//!
//! Work is bounded: a step budget per file and a depth limit, so locals that refer to each
//! other in a cycle or fan out exponentially end as `Unknown`, never as a hang.
//!
//! This file holds the values, the module's index and the expression walk with its
//! templates; references and indexing are in `references`, module outputs in `outputs`,
//! functions in `functions`, `for` expressions, conditionals and operators in `logic`, the
//! reading of unknown conditionals branch by branch in `branches`.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;

use super::literal;
use super::providers::{ZONES, ZONE_DATA};

mod branches;
mod decode;
mod functions;
mod logic;
mod outputs;
mod references;
use crate::text::{Decoded, Source, Span};
use branches::Branches;
pub(super) use branches::{Choices, Fork};

/// How deep expressions may nest through locals and references.
const MAX_DEPTH: u32 = 64;

/// Evaluation steps per file; plenty for real modules, a wall for adversarial ones.
const MAX_STEPS: u32 = 200_000;

/// A place in one of the module's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Loc {
    pub file: usize,
    pub span: Span,
}

/// A string with the source of every byte, all in one file.
#[derive(Clone, Debug)]
pub(super) struct Text {
    pub loc: Loc,
    pub decoded: Decoded,
}

#[derive(Clone, Debug)]
pub(super) enum Folded {
    Str(Text),
    List(Vec<Folded>, Loc),
    /// Entries with their keys as written (an identifier key is its own source).
    Map(Vec<(Text, Folded)>, Loc),
    Null,
    Unknown(Unknown),
}

/// What could not be folded: the expression and why.
#[derive(Clone, Debug)]
pub(super) struct Unknown {
    pub loc: Loc,
    pub why: String,
    /// The literal text a template writes before what is unknown (`_smtp.tls.` of
    /// `"_smtp.tls.${var.domain}"`), when there is some: a name's known labels.
    pub known: Option<Text>,
}

impl Folded {
    pub fn text(&self) -> Option<&Text> {
        match self {
            Folded::Str(t) => Some(t),
            _ => None,
        }
    }

    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Folded> {
        match self {
            Folded::Map(entries, _) => entries
                .iter()
                .find(|(k, _)| k.decoded.text() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn loc(&self) -> Option<Loc> {
        match self {
            Folded::Str(t) => Some(t.loc),
            Folded::List(_, loc) | Folded::Map(_, loc) => Some(*loc),
            Folded::Unknown(u) => Some(u.loc),
            Folded::Null => None,
        }
    }
}

/// One parsed file of the module, or one block of a JSON file: `hcl-edit` spans are
/// relative to `offset` (a JSON block is parsed on its own, see `json`), and `extent` is
/// what the body covers in the source.
pub(super) struct File {
    pub source: Arc<Source>,
    pub body: Body,
    pub offset: u32,
    pub extent: Span,
}

impl File {
    /// A whole file in the native syntax.
    pub fn native(source: Arc<Source>, body: Body) -> File {
        let extent = Span::new(0, source.text.len() as u32);
        File {
            source,
            body,
            offset: 0,
            extent,
        }
    }
}

/// `each.*` and `count.index` of one expanded resource.
#[derive(Clone, Debug, Default)]
pub(super) struct Scope {
    pub each: Option<(Folded, Folded)>,
    pub count: Option<Folded>,
    /// The variables of enclosing `for` expressions, innermost last.
    pub vars: Vec<(String, Folded)>,
}

impl Scope {
    fn var(&self, name: &str) -> Option<&Folded> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// The module's declarations, indexed for lookups, and the evaluation budget.
pub(super) struct Env<'m> {
    /// The files values may come from: a caller's files first when the module is
    /// instantiated for one call (see [`Env::instance`]), then the module's own.
    pub files: Vec<&'m File>,
    /// The index of the module's first own file in `files`.
    own: usize,
    /// The arguments of the call the module is instantiated for, already folded in the
    /// caller's files: they win over the variables' values.
    arguments: HashMap<String, Folded>,
    locals: HashMap<&'m str, (usize, &'m Expression)>,
    variables: HashMap<&'m str, (usize, Option<&'m Expression>)>,
    /// Values assigned in the module's `terraform.tfvars` / `*.auto.tfvars`, which
    /// Terraform loads by itself and which win over defaults.
    assigned: HashMap<&'m str, (usize, &'m Expression)>,
    resources: HashMap<(&'m str, &'m str), (usize, &'m Block)>,
    /// Zone data sources (`data "aws_route53_zone" "x" { name = ... }`): looked up by
    /// name, so their name is known.
    zone_data: HashMap<(&'m str, &'m str), (usize, &'m Block)>,
    steps: Cell<u32>,
    /// Conditionals pinned to a branch while a value is read branch by branch.
    branches: Branches,
    /// The YAML and JSON files the module decodes, numbered after `files`.
    data: decode::Data,
    /// What reads the local modules the module calls, for their outputs (none where no
    /// other file may be read), and how many module calls deep this evaluation is.
    loader: Option<&'m dyn crate::extract::Loader>,
    nesting: u32,
}

impl<'m> Env<'m> {
    pub fn new(files: &'m [File]) -> Env<'m> {
        Env::instance(Vec::new(), files, HashMap::new())
    }

    /// The same, reading the local modules it calls with `loader` for their outputs.
    pub fn with_loader(self, loader: &'m dyn crate::extract::Loader) -> Env<'m> {
        Env {
            loader: Some(loader),
            ..self
        }
    }

    /// The module of `files` instantiated for one call written in `caller` (the caller's
    /// files, as the caller's `Env` numbers them), with the call's folded `arguments`.
    pub fn instance(
        caller: Vec<&'m File>,
        files: &'m [File],
        arguments: HashMap<String, Folded>,
    ) -> Env<'m> {
        let own = caller.len();
        let mut env = Env {
            files: caller.into_iter().chain(files).collect(),
            own,
            arguments,
            locals: HashMap::new(),
            variables: HashMap::new(),
            assigned: HashMap::new(),
            resources: HashMap::new(),
            zone_data: HashMap::new(),
            steps: Cell::new(MAX_STEPS),
            branches: Branches::default(),
            data: decode::Data::default(),
            loader: None,
            nesting: 0,
        };
        for (file, f) in files.iter().enumerate() {
            let file = file + env.own;
            if super::is_auto_tfvars(f.source.path.rsplit('/').next().unwrap_or_default()) {
                for attr in f.body.attributes() {
                    env.assigned.insert(attr.key.as_str(), (file, &attr.value));
                }
            }
            for block in f.body.blocks() {
                match (block.ident.as_str(), labels(block).as_slice()) {
                    ("locals", []) => {
                        for attr in block.body.attributes() {
                            env.locals.insert(attr.key.as_str(), (file, &attr.value));
                        }
                    }
                    ("variable", [name]) => {
                        let default = block.body.get_attribute("default").map(|a| &a.value);
                        env.variables.insert(name, (file, default));
                    }
                    ("resource", [rtype, name]) => {
                        env.resources.insert((rtype, name), (file, block));
                    }
                    ("data", [rtype, name]) if ZONE_DATA.contains(rtype) => {
                        env.zone_data.insert((rtype, name), (file, block));
                    }
                    _ => {}
                }
            }
        }
        env
    }

    /// The resources of the module, in file order.
    pub fn resources(&self) -> impl Iterator<Item = (usize, &'m str, &'m Block)> + '_ {
        let own = self.own;
        self.files[own..]
            .iter()
            .enumerate()
            .flat_map(move |(file, f)| {
                let file = file + own;
                f.body
                    .blocks()
                    .filter_map(move |b| match labels(b).as_slice() {
                        [rtype, _] if b.ident.as_str() == "resource" => Some((file, *rtype, b)),
                        _ => None,
                    })
            })
    }

    pub fn source(&self, file: usize) -> &Arc<Source> {
        match self.files.get(file) {
            Some(f) => &f.source,
            None => &self.data.sources[file - self.files.len()],
        }
    }

    /// The file of the module whose share what is written in `file` goes to: the file
    /// itself, or for a decoded data file the file that decodes it.
    pub fn home(&self, file: usize) -> usize {
        match file.checked_sub(self.files.len()) {
            Some(data) => self.data.callers[data],
            None => file,
        }
    }

    /// A fresh evaluation budget, for the next file of the module.
    pub fn refill(&self) {
        self.steps.set(MAX_STEPS);
    }

    /// Where a node of `file` is in its source.
    pub fn span(&self, file: usize, node: &impl hcl_edit::Span) -> Span {
        let offset = self.files[file].offset;
        node.span().map_or(Span::default(), |r| {
            Span::new(r.start as u32 + offset, r.end as u32 + offset)
        })
    }

    /// Where a block is: its span, or for a JSON block the extent of its file.
    pub fn block_span(&self, file: usize, block: &Block) -> Span {
        match block.span() {
            Some(_) => self.span(file, block),
            None => self.files[file].extent,
        }
    }

    /// The DNS name of the zone a zone reference or literal names, when it folds.
    pub fn zone_resource(&self, rtype: &str, name: &str) -> Option<Folded> {
        let (_, attr) = ZONES.iter().find(|(t, _)| *t == rtype)?;
        let &(file, block) = self.resources.get(&(rtype, name))?;
        // Cloudflare's v5 provider names the zone `name` (v4: `zone`).
        let v5 = || Some(block.body.get_attribute("name")).filter(|_| rtype == "cloudflare_zone");
        let expr = &block
            .body
            .get_attribute(attr)
            .or_else(|| v5().flatten())?
            .value;
        Some(self.eval(expr, file, &Scope::default()))
    }

    /// The zone of a Google record, whose `managed_zone` names the zone resource by its
    /// `name` attribute, not by its DNS name.
    pub fn google_zone_named(&self, zone_name: &str) -> Option<Folded> {
        self.resources
            .iter()
            .filter(|((t, _), _)| *t == "google_dns_managed_zone")
            .find(|(_, (file, block))| {
                block.body.get_attribute("name").is_some_and(|a| {
                    let v = self.eval(&a.value, *file, &Scope::default());
                    v.text().is_some_and(|t| t.decoded.text() == zone_name)
                })
            })
            .and_then(|((t, n), _)| self.zone_resource(t, n))
    }

    pub fn eval(&self, expr: &Expression, file: usize, scope: &Scope) -> Folded {
        self.eval_at(expr, file, scope, 0)
    }

    fn unknown(&self, file: usize, span: Span, why: impl Into<String>) -> Folded {
        Folded::Unknown(Unknown {
            loc: Loc { file, span },
            why: why.into(),
            known: None,
        })
    }

    fn eval_at(&self, expr: &Expression, file: usize, scope: &Scope, depth: u32) -> Folded {
        let span = self.span(file, expr);
        let steps = self.steps.get();
        if steps == 0 || depth > MAX_DEPTH {
            return self.unknown(file, span, "it nests too deeply to fold");
        }
        self.steps.set(steps - 1);
        let loc = Loc { file, span };
        let source = &self.files[file].source;
        match expr {
            Expression::String(s) => Folded::Str(Text {
                loc,
                decoded: string_literal(source, span, s.value()),
            }),
            Expression::Number(_) | Expression::Bool(_) => Folded::Str(Text {
                loc,
                decoded: Decoded::verbatim(&source.text[span.range()], span.start),
            }),
            Expression::Null(_) => Folded::Null,
            Expression::Array(a) => Folded::List(
                a.iter()
                    .map(|e| self.eval_at(e, file, scope, depth + 1))
                    .collect(),
                loc,
            ),
            Expression::Object(o) => {
                let mut entries = Vec::new();
                for (key, value) in o.iter() {
                    let key = match key {
                        ObjectKey::Ident(i) => {
                            let span = self.span(file, i);
                            Text {
                                loc: Loc { file, span },
                                decoded: Decoded::verbatim(i.as_str(), span.start),
                            }
                        }
                        ObjectKey::Expression(e) => match self.eval_at(e, file, scope, depth + 1) {
                            Folded::Str(t) => t,
                            Folded::Unknown(u) => return Folded::Unknown(u),
                            _ => {
                                return self.unknown(
                                    file,
                                    self.span(file, e),
                                    "the key is not a string",
                                )
                            }
                        },
                    };
                    entries.push((key, self.eval_at(value.expr(), file, scope, depth + 1)));
                }
                Folded::Map(entries, loc)
            }
            Expression::StringTemplate(t) => self.template(t, None, loc, scope, depth),
            Expression::HeredocTemplate(h) => self.template(
                &h.template,
                Some(h.indent().unwrap_or(0)),
                loc,
                scope,
                depth,
            ),
            Expression::Parenthesis(p) => self.eval_at(p.inner(), file, scope, depth + 1),
            Expression::Traversal(t) => {
                let mut ops = t.operators.iter().map(|o| o.value()).peekable();
                let root = match &t.expr {
                    Expression::Variable(v) => {
                        self.reference(v.as_str(), &mut ops, loc, scope, depth)
                    }
                    other => self.eval_at(other, file, scope, depth + 1),
                };
                ops.fold(root, |value, op| {
                    self.operator(value, op, loc, scope, depth)
                })
            }
            Expression::FuncCall(call) => self.call(call, loc, scope, depth),
            Expression::Variable(v) => match scope.var(v.as_str()) {
                Some(value) => value.clone(),
                None => self.unknown(
                    file,
                    span,
                    format!("`{}` is not a value known offline", v.as_str()),
                ),
            },
            Expression::Conditional(c) => self.conditional(c, loc, scope, depth),
            Expression::UnaryOp(op) => self.unary(op, loc, scope, depth),
            Expression::BinaryOp(op) => self.binary(op, loc, scope, depth),
            Expression::ForExpr(f) => self.for_expr(f, loc, scope, depth),
        }
    }

    /// A quoted template (`indent: None`) or a heredoc with the indent `<<-` strips.
    fn template(
        &self,
        template: &Template,
        indent: Option<usize>,
        loc: Loc,
        scope: &Scope,
        depth: u32,
    ) -> Folded {
        let source = &self.files[loc.file].source;
        let mut out = Text {
            loc,
            decoded: Decoded::default(),
        };
        let mut at_line_start = true;
        for element in template.iter() {
            match element {
                Element::Literal(lit) => {
                    let span = self.span(loc.file, lit);
                    let raw = &source.text[span.range()];
                    let mut piece = Decoded::default();
                    match indent {
                        None => literal::quoted(raw, span.start, &mut piece),
                        Some(n) => literal::heredoc(raw, span.start, n, at_line_start, &mut piece),
                    }
                    if piece.text() != lit.as_str() {
                        piece = Decoded::default();
                        piece.push_escape(lit.as_str(), span);
                    }
                    out.decoded.append_range(&piece, 0..piece.len());
                    at_line_start = lit.ends_with('\n');
                }
                Element::Interpolation(i) => {
                    // The folded value maps to the whole `${...}`, so that spans stay in
                    // source order (the value may be written anywhere, even in another
                    // file) and a fix replaces the interpolation, not half of it.
                    let at = self.span(loc.file, i);
                    match self.eval_at(&i.expr, loc.file, scope, depth + 1) {
                        Folded::Str(t) => out.decoded.push_escape(t.decoded.text(), at),
                        // In a branch read on its own: kept as written, an
                        // `unevaluated-value` piece (see `branches`).
                        Folded::Unknown(_) if self.is_lenient() => out
                            .decoded
                            .push_verbatim(&source.text[at.range()], at.start),
                        Folded::Unknown(u) if out.decoded.is_empty() => return Folded::Unknown(u),
                        Folded::Unknown(u) => {
                            let known = Some(out);
                            return Folded::Unknown(Unknown { known, ..u });
                        }
                        _ => {
                            return self.unknown(
                                loc.file,
                                at,
                                "the interpolated value is not a string",
                            )
                        }
                    }
                    at_line_start = false;
                }
                Element::Directive(d) => {
                    return self.unknown(
                        loc.file,
                        self.span(loc.file, d.as_ref()),
                        "template directives are not evaluated",
                    )
                }
            }
        }
        Folded::Str(out)
    }
}

/// A quoted string literal (`span` covers its quotes): decoded with exact spans, or as one
/// coarse piece if our decoding ever differs from the parser's `value`.
fn string_literal(source: &Source, span: Span, value: &str) -> Decoded {
    let raw = &source.text[span.range()];
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let start = span.start + u32::from(raw.starts_with('"'));
    let mut d = Decoded::default();
    literal::quoted(inner, start, &mut d);
    if d.text() != value {
        d = Decoded::default();
        d.push_escape(value, span);
    }
    d
}

/// The labels of a block as strings.
pub(super) fn labels(block: &Block) -> Vec<&str> {
    block.labels.iter().map(|l| l.as_str()).collect()
}
