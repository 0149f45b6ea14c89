//! The functions [`Env::eval`] folds: the identity-like `toset`, `tolist`, `tomap`, the
//! collection builders `concat` and `merge`, and the string makers `join`, `format` (`%s`,
//! `%d`, `%%`), `chomp` and `trimspace`, and `yamldecode(file(...))` / `jsondecode(file(...))`
//! of a file of the repository (`decode`). Any other function is `Unknown`: folding it wrong
//! would check a value Terraform never publishes.

use hcl_edit::expr::FuncCall;

use super::{Env, Folded, Loc, Scope, Text};
use crate::text::Decoded;

impl Env<'_> {
    pub(super) fn call(&self, call: &FuncCall, loc: Loc, scope: &Scope, depth: u32) -> Folded {
        if let Some(value) = self.decoded(loc) {
            return value;
        }
        let name = call.name.name.as_str();
        let mut args: Vec<Folded> = call
            .args
            .iter()
            .map(|e| self.eval_at(e, loc.file, scope, depth + 1))
            .collect();
        // `f(a, list...)`: the list's elements are the last arguments.
        if call.args.expand_final() {
            match args.pop() {
                Some(Folded::List(items, _)) => args.extend(items),
                Some(Folded::Unknown(u)) => return Folded::Unknown(u),
                _ => {
                    return self.unknown(
                        loc.file,
                        loc.span,
                        "`...` expands a value that is not a list",
                    )
                }
            }
        }
        if let Some(Folded::Unknown(u)) = args.iter().find(|a| matches!(a, Folded::Unknown(_))) {
            return Folded::Unknown(u.clone());
        }
        match (name, args.as_slice()) {
            ("toset" | "tolist" | "tomap", [one]) => one.clone(),
            ("concat", _) if args.iter().all(|a| matches!(a, Folded::List(..))) => Folded::List(
                args.into_iter()
                    .flat_map(|a| match a {
                        Folded::List(items, _) => items,
                        _ => Vec::new(),
                    })
                    .collect(),
                loc,
            ),
            ("merge", _) if args.iter().all(|a| matches!(a, Folded::Map(..))) => {
                let mut merged: Vec<(Text, Folded)> = Vec::new();
                for (k, v) in args.into_iter().flat_map(|a| match a {
                    Folded::Map(entries, _) => entries,
                    _ => Vec::new(),
                }) {
                    merged.retain(|(old, _)| old.decoded.text() != k.decoded.text());
                    merged.push((k, v));
                }
                Folded::Map(merged, loc)
            }
            ("chomp" | "trimspace", [Folded::Str(t)]) => {
                let text = t.decoded.text();
                let end = text.trim_end_matches(['\n', '\r']);
                let trimmed = if name == "chomp" { end } else { text.trim() };
                let start = if name == "chomp" {
                    0
                } else {
                    text.len() - text.trim_start().len()
                };
                let mut out = Text {
                    loc: t.loc,
                    decoded: Decoded::default(),
                };
                let range = start as u32..(start + trimmed.len()) as u32;
                out.decoded.append_range(&t.decoded, range);
                Folded::Str(out)
            }
            ("format", [Folded::Str(spec), rest @ ..]) => {
                match format(spec.decoded.text(), rest) {
                    Some(text) => {
                        // Like `join`: the result points at the call as a whole.
                        let mut decoded = Decoded::default();
                        decoded.push_escape(&text, loc.span);
                        Folded::Str(Text { loc, decoded })
                    }
                    None => self.unknown(
                        loc.file,
                        loc.span,
                        "only `%s`, `%d` and `%%` are folded in `format`",
                    ),
                }
            }
            ("join", [Folded::Str(sep), Folded::List(items, _)]) => {
                let mut joined = Vec::new();
                for item in items {
                    let Folded::Str(t) = item else {
                        return self.unknown(
                            loc.file,
                            loc.span,
                            "`join` of a value that is not a string",
                        );
                    };
                    joined.push(t.decoded.text());
                }
                // The parts come from anywhere: the result points at the call as a whole.
                let mut decoded = Decoded::default();
                decoded.push_escape(&joined.join(sep.decoded.text()), loc.span);
                Folded::Str(Text { loc, decoded })
            }
            _ => self.unknown(
                loc.file,
                loc.span,
                format!("the function `{name}` is not evaluated"),
            ),
        }
    }
}

/// Terraform's `format` for the verbs `%s`, `%d` and `%%`, with string arguments.
fn format(spec: &str, args: &[Folded]) -> Option<String> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' => out.push_str(args.next()?.text()?.decoded.text()),
            _ => return None,
        }
    }
    Some(out)
}
