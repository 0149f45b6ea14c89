//! `yamldecode(file("records.yaml"))` and `jsondecode(file(...))`: record data kept in a
//! YAML or JSON file beside the module, folded with spans in that file.
//!
//! A common layout keeps one YAML list of records per zone and turns it into resources
//! with `for_each`. The files such calls name are loaded once per module evaluation,
//! before anything is folded ([`Env::load_data`]): the calls are found by walking every
//! expression of the module (`hcl-edit`'s visitor; its parser bounds nesting), and each
//! file is parsed by the YAML layer's span-keeping tree (`yaml::document`, which reads
//! JSON too) and decoded scalar by scalar (`yaml::scalar`), so a value's bytes map back to
//! the file. A decoded file is one more file of the [`Env`] (its index after the module's
//! own), so its values are [`Text`]s like any other.
//!
//! The path is a literal, or a template of literals and `path.module` / `path.root`
//! (the module's directory, where the loader resolves paths anyway); the loader keeps it
//! inside the linted root. A file that cannot be loaded or parsed, or a path that is not
//! known offline, leaves the call `Unknown`, reported as `unevaluated-value` where a
//! record needs it.

use std::collections::HashMap;
use std::sync::Arc;

use hcl_edit::expr::{Expression, FuncCall};
use hcl_edit::template::Element;
use hcl_edit::visit::{visit_func_call, Visit};

use super::{Env, Folded, Loc, Text};
use crate::extract::yaml::{document, scalar};
use crate::extract::Loader;
use crate::text::Source;

/// The most data files one module loads.
const MAX_FILES: usize = 64;

/// The decoded files of a module, and what each decoding call gives.
#[derive(Default)]
pub(super) struct Data {
    /// The files, numbered after the module's own.
    pub sources: Vec<Arc<Source>>,
    /// The file of the module whose call loaded each file (records made of its values
    /// belong to that file's share).
    pub callers: Vec<usize>,
    /// Each file's first document, folded.
    values: Vec<Folded>,
    /// Each decoding call: its value, or why it has none.
    calls: HashMap<Loc, Result<Folded, String>>,
}

/// The decoding calls of one file: where, the function, and the path as written.
struct Calls<'e, 'm> {
    env: &'e Env<'m>,
    file: usize,
    found: Vec<(Loc, Result<String, String>)>,
}

impl Visit for Calls<'_, '_> {
    fn visit_func_call(&mut self, call: &FuncCall) {
        if let Some(path) = decoded_path(call) {
            let loc = Loc {
                file: self.file,
                span: self.env.span(self.file, call),
            };
            self.found.push((loc, path));
        }
        visit_func_call(self, call);
    }
}

/// The path of `yamldecode(file(path))` / `jsondecode(file(path))`, or why it is not
/// known; `None` for any other call.
fn decoded_path(call: &FuncCall) -> Option<Result<String, String>> {
    let name = call.name.name.as_str();
    if !call.name.namespace.is_empty() || !matches!(name, "yamldecode" | "jsondecode") {
        return None;
    }
    let mut args = call.args.iter();
    let (Some(Expression::FuncCall(inner)), None) = (args.next(), args.next()) else {
        return None;
    };
    if inner.name.name.as_str() != "file" || inner.args.len() != 1 {
        return None;
    }
    let arg = inner.args.iter().next()?;
    Some(path(arg).ok_or_else(|| {
        "the file's path is not a literal (or one built of `path.module`)".to_string()
    }))
}

/// A path written as a literal or a template of literals and `path.module` /
/// `path.root` (the directory the loader resolves from).
fn path(expr: &Expression) -> Option<String> {
    let template = match expr {
        Expression::String(s) => return Some(s.value().to_string()),
        Expression::StringTemplate(t) => t,
        _ => return None,
    };
    let mut out = String::new();
    for element in template.iter() {
        match element {
            Element::Literal(lit) => out.push_str(lit.as_str()),
            Element::Interpolation(i) => match &i.expr {
                Expression::Traversal(t)
                    if matches!(&t.expr, Expression::Variable(v) if v.as_str() == "path")
                        && t.operators.len() == 1
                        && matches!(
                            t.operators[0].value(),
                            hcl_edit::expr::TraversalOperator::GetAttr(a)
                                if matches!(a.as_str(), "module" | "root")
                        ) =>
                {
                    out.push('.')
                }
                _ => return None,
            },
            Element::Directive(_) => return None,
        }
    }
    Some(out)
}

impl Env<'_> {
    /// Loads and decodes every file the module's `yamldecode(file(...))` and
    /// `jsondecode(file(...))` calls name.
    pub(in super::super) fn load_data(&mut self, loader: &dyn Loader) {
        let mut found = Vec::new();
        for file in self.own..self.files.len() {
            let text = &self.files[file].source.text;
            if memchr::memmem::find(text.as_bytes(), b"decode").is_none() {
                continue;
            }
            let mut calls = Calls {
                env: self,
                file,
                found: Vec::new(),
            };
            calls.visit_body(&self.files[file].body);
            found.append(&mut calls.found);
        }
        let mut by_path: HashMap<String, Result<usize, String>> = HashMap::new();
        for (loc, path) in found {
            let from = Arc::clone(&self.files[loc.file].source);
            let value = path.and_then(|path| {
                let key = format!("{}\0{path}", from.path);
                let index = by_path
                    .entry(key)
                    .or_insert_with(|| self.decode_file(loader, &from, loc.file, &path))
                    .clone()?;
                Ok(self.data.values[index].clone())
            });
            self.data.calls.insert(loc, value);
        }
    }

    /// Loads and parses one file; its index among the data files.
    fn decode_file(
        &mut self,
        loader: &dyn Loader,
        from: &Source,
        caller: usize,
        path: &str,
    ) -> Result<usize, String> {
        if self.data.sources.len() >= MAX_FILES {
            return Err(format!(
                "more than {MAX_FILES} files are decoded in this module"
            ));
        }
        let source = loader
            .load(from, path)
            .map_err(|why| format!("`{path}` cannot be read: {why}"))?;
        let stream = document::parse(&source.text)
            .map_err(|e| format!("`{path}` does not parse: {}", e.message))?;
        let file = self.files.len() + self.data.sources.len();
        let value = match stream.documents.first() {
            Some(&root) => fold_node(&stream, root, file, &source),
            None => Folded::Null,
        };
        self.data.sources.push(source);
        self.data.callers.push(caller);
        self.data.values.push(value);
        Ok(self.data.sources.len() - 1)
    }

    /// What a decoding call gives, when it is one.
    pub(super) fn decoded(&self, loc: Loc) -> Option<Folded> {
        Some(match self.data.calls.get(&loc)? {
            Ok(value) => value.clone(),
            Err(why) => self.unknown(loc.file, loc.span, why.clone()),
        })
    }
}

/// A node of a decoded file as a folded value, scalars mapped to their bytes. Nesting is
/// bounded by the parser (`document::MAX_DEPTH`), and aliases by its expansion bound.
fn fold_node(
    stream: &document::Stream,
    id: document::NodeId,
    file: usize,
    source: &Source,
) -> Folded {
    let node = &stream.nodes[id];
    let loc = Loc {
        file,
        span: node.span,
    };
    match &node.kind {
        document::Kind::Scalar { value, style } => {
            let plain = *style == saphyr_parser::ScalarStyle::Plain;
            if plain && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") {
                return Folded::Null;
            }
            Folded::Str(Text {
                loc,
                decoded: scalar::decode(&source.text, node.span, *style, value),
            })
        }
        document::Kind::Seq(items) => Folded::List(
            items
                .iter()
                .map(|&i| fold_node(stream, i, file, source))
                .collect(),
            loc,
        ),
        document::Kind::Map(entries) => Folded::Map(
            entries
                .iter()
                .filter_map(|&(k, v)| match fold_node(stream, k, file, source) {
                    Folded::Str(key) => Some((key, fold_node(stream, v, file, source))),
                    _ => None,
                })
                .collect(),
            loc,
        ),
    }
}
