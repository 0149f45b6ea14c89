//! The resources of one file and every string literal in them, decoded by the reader's own
//! path ([`Env::eval`]): what `tests/hcl_oracle.rs` compares with python-hcl2, an
//! independent HCL parser, so the parse and the literal decoding are checked against a
//! second implementation.

use std::sync::Arc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::Body;
use hcl_edit::template::Element;

use super::fold::{labels, Env, File, Folded, Scope};
use crate::text::Source;

/// `(key, value)` pairs: `type.name` (empty value) for each resource, and
/// `type.name.attr`, `type.name.attr.N` (list element), `type.name.block.N.attr` (nested
/// block) for each string literal. `None` when the file does not parse.
pub fn resource_literals(text: &str) -> Option<Vec<(String, String)>> {
    let body = hcl_edit::parser::parse_body(text).ok()?;
    let files = [File::native(Arc::new(Source::new("oracle.tf", text)), body)];
    let env = Env::new(&files);
    let mut out = Vec::new();
    for (_, rtype, block) in env.resources() {
        let key = format!("{rtype}.{}", labels(block)[1]);
        out.push((key.clone(), String::new()));
        body_literals(&env, &block.body, &key, &mut out);
    }
    Some(out)
}

fn body_literals(env: &Env<'_>, body: &Body, key: &str, out: &mut Vec<(String, String)>) {
    for attr in body.attributes() {
        let key = format!("{key}.{}", attr.key.as_str());
        match &attr.value {
            Expression::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    literal(env, item, format!("{key}.{i}"), out);
                }
            }
            other => literal(env, other, key, out),
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for block in body.blocks() {
        let ident = block.ident.as_str();
        let index = seen.iter().filter(|s| **s == ident).count();
        seen.push(ident);
        body_literals(env, &block.body, &format!("{key}.{ident}.{index}"), out);
    }
}

/// Records `expr` under `key` when it is a string with no interpolation or directive.
fn literal(env: &Env<'_>, expr: &Expression, key: String, out: &mut Vec<(String, String)>) {
    let plain =
        |t: &hcl_edit::template::Template| t.iter().all(|e| matches!(e, Element::Literal(_)));
    let is_literal = match expr {
        Expression::String(_) => true,
        Expression::StringTemplate(t) => plain(t),
        Expression::HeredocTemplate(h) => plain(&h.template),
        _ => false,
    };
    if let (true, Folded::Str(t)) = (is_literal, env.eval(expr, 0, &Scope::default())) {
        out.push((key, t.decoded.text().to_string()));
    }
}
