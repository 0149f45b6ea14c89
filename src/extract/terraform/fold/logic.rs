//! `for` expressions, conditionals and the operators their conditions use, folded when
//! what they read is known: real repositories filter a literal record map
//! (`{ for k, r in local.records : k => r if r.type == "TXT" }`) and pick a value by a
//! literal flag. A condition that is not known offline makes the whole expression
//! `Unknown`, never a guess, unless the branch is pinned (`branches`: each branch is then
//! read as one alternative value).
//!
//! Booleans are their text (`true`, `false`), as numbers are, so `==` compares text; `<`
//! and friends and arithmetic stay unknown.

use hcl_edit::expr::{BinaryOp, BinaryOperator, Conditional, ForExpr, UnaryOp, UnaryOperator};

use super::{Env, Folded, Fork, Loc, Scope, Text};
use crate::text::Decoded;

impl Env<'_> {
    pub(super) fn for_expr(&self, f: &ForExpr, loc: Loc, scope: &Scope, depth: u32) -> Folded {
        let items: Vec<(Folded, Folded)> =
            match self.eval_at(&f.intro.collection_expr, loc.file, scope, depth + 1) {
                Folded::Map(entries, _) => entries
                    .into_iter()
                    .map(|(k, v)| (Folded::Str(k), v))
                    .collect(),
                Folded::List(items, list) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (index(i, list), v))
                    .collect(),
                Folded::Unknown(u) => return Folded::Unknown(u),
                _ => {
                    return self.unknown(
                        loc.file,
                        loc.span,
                        "the `for` collection is not a list or map",
                    )
                }
            };
        if f.grouping {
            return self.unknown(
                loc.file,
                loc.span,
                "grouping `for` expressions are not evaluated",
            );
        }
        let mut entries = Vec::new();
        let mut list = Vec::new();
        for (key, value) in items {
            let mut inner = scope.clone();
            if let Some(k) = &f.intro.key_var {
                inner.vars.push((k.as_str().to_string(), key));
            }
            inner
                .vars
                .push((f.intro.value_var.as_str().to_string(), value));
            if let Some(cond) = &f.cond {
                match self.truth(&cond.expr, loc, &inner, depth) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(unknown) => return unknown,
                }
            }
            let value = self.eval_at(&f.value_expr, loc.file, &inner, depth + 1);
            match &f.key_expr {
                Some(k) => match self.eval_at(k, loc.file, &inner, depth + 1) {
                    Folded::Str(key) => {
                        entries.retain(|(old, _): &(Text, Folded)| {
                            old.decoded.text() != key.decoded.text()
                        });
                        entries.push((key, value));
                    }
                    Folded::Unknown(u) => return Folded::Unknown(u),
                    _ => return self.unknown(loc.file, loc.span, "the key is not a string"),
                },
                None => list.push(value),
            }
        }
        match f.key_expr {
            Some(_) => Folded::Map(entries, loc),
            None => Folded::List(list, loc),
        }
    }

    /// `c ? a : b` with a condition known offline, or with the branch pinned while the
    /// value is read branch by branch (`branches`).
    pub(super) fn conditional(
        &self,
        c: &Conditional,
        loc: Loc,
        scope: &Scope,
        depth: u32,
    ) -> Folded {
        let branch = |taken: bool| {
            let expr = if taken { &c.true_expr } else { &c.false_expr };
            self.eval_at(expr, loc.file, scope, depth + 1)
        };
        match self.truth(&c.cond_expr, loc, scope, depth) {
            Ok(taken) => branch(taken),
            Err(unknown) => {
                let Folded::Unknown(u) = &unknown else {
                    return unknown;
                };
                let fork = Fork {
                    at: loc,
                    condition: self.span(loc.file, &c.cond_expr),
                };
                match self.branch_at(fork, u.loc) {
                    Some(taken) => self.leniently(|| branch(taken)),
                    None => unknown,
                }
            }
        }
    }

    /// `==`, `!=`, `&&`, `||` on known values; the rest is unknown.
    pub(super) fn binary(&self, op: &BinaryOp, loc: Loc, scope: &Scope, depth: u32) -> Folded {
        let operator = *op.operator.value();
        let truth = match operator {
            BinaryOperator::Eq | BinaryOperator::NotEq => {
                let lhs = self.eval_at(&op.lhs_expr, loc.file, scope, depth + 1);
                let rhs = self.eval_at(&op.rhs_expr, loc.file, scope, depth + 1);
                let equal = match (&lhs, &rhs) {
                    (Folded::Unknown(u), _) | (_, Folded::Unknown(u)) => {
                        return Folded::Unknown(u.clone())
                    }
                    (Folded::Str(a), Folded::Str(b)) => a.decoded.text() == b.decoded.text(),
                    (Folded::Null, Folded::Null) => true,
                    (Folded::Null, _) | (_, Folded::Null) => false,
                    _ => return self.unknown(loc.file, loc.span, "collections are not compared"),
                };
                equal == (operator == BinaryOperator::Eq)
            }
            BinaryOperator::And | BinaryOperator::Or => {
                let lhs = match self.truth(&op.lhs_expr, loc, scope, depth) {
                    Ok(b) => b,
                    Err(unknown) => return unknown,
                };
                let rhs = match self.truth(&op.rhs_expr, loc, scope, depth) {
                    Ok(b) => b,
                    Err(unknown) => return unknown,
                };
                if operator == BinaryOperator::And {
                    lhs && rhs
                } else {
                    lhs || rhs
                }
            }
            _ => {
                return self.unknown(
                    loc.file,
                    loc.span,
                    "operators other than `==`, `!=`, `&&`, `||` and `!` are not evaluated",
                )
            }
        };
        boolean(truth, loc)
    }

    pub(super) fn unary(&self, op: &UnaryOp, loc: Loc, scope: &Scope, depth: u32) -> Folded {
        match op.operator.value() {
            UnaryOperator::Not => match self.truth(&op.expr, loc, scope, depth) {
                Ok(b) => boolean(!b, loc),
                Err(unknown) => unknown,
            },
            UnaryOperator::Neg => self.unknown(
                loc.file,
                loc.span,
                "operators other than `==`, `!=`, `&&`, `||` and `!` are not evaluated",
            ),
        }
    }

    /// An expression as a boolean; the `Unknown` value when it is not one known offline.
    fn truth(
        &self,
        expr: &hcl_edit::expr::Expression,
        loc: Loc,
        scope: &Scope,
        depth: u32,
    ) -> Result<bool, Folded> {
        match self.strictly(|| self.eval_at(expr, loc.file, scope, depth + 1)) {
            Folded::Str(t) if t.decoded.text() == "true" => Ok(true),
            Folded::Str(t) if t.decoded.text() == "false" => Ok(false),
            unknown @ Folded::Unknown(_) => Err(unknown),
            _ => Err(self.unknown(loc.file, loc.span, "the condition is not a boolean")),
        }
    }
}

/// A boolean made by an operator: its text, pointing at the expression.
fn boolean(b: bool, loc: Loc) -> Folded {
    let mut decoded = Decoded::default();
    decoded.push_escape(if b { "true" } else { "false" }, loc.span);
    Folded::Str(Text { loc, decoded })
}

/// A list index as the key a `for` expression binds.
fn index(i: usize, list: Loc) -> Folded {
    let mut decoded = Decoded::default();
    decoded.push_escape(&i.to_string(), list.span);
    Folded::Str(Text { loc: list, decoded })
}
