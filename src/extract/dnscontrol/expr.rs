//! Expressions of the partial evaluator: literals, operators, functions and calls.
//!
//! Strings built here keep their pieces ([`Str`]): `+` and template literals append the
//! pieces of each operand, re-anchoring only what comes from another file.

use std::rc::Rc;

use oxc_ast::ast::{
    Argument, ArrayExpressionElement, AssignmentOperator, AssignmentTarget, BinaryOperator,
    BindingPatternKind, Expression, LogicalOperator, ObjectPropertyKind, Statement, StringLiteral,
    TemplateLiteral, UnaryOperator, UpdateOperator,
};
use oxc_span::GetSpan;

use super::builtins::{self, Arg};
use super::eval::{span, Ctx, Eval, Flow, BYTES_PER_STEP, MAX_DEPTH, MAX_ITEMS, MAX_STRING};
use super::literal;
use super::methods::{index, member};
use super::value::{number_text, At, Closure, JsValue, Str};
use crate::text::{Decoded, Span};

impl<'a> Eval<'a> {
    pub fn expr(&mut self, e: &'a Expression<'a>, ctx: &Ctx<'a>) -> JsValue<'a> {
        let at = At {
            file: ctx.file,
            span: span(e.span()),
        };
        if !self.step(at) {
            return JsValue::Unknown(at);
        }
        if self.depth >= MAX_DEPTH {
            self.limit(
                at,
                format!("expressions and calls nest more than {MAX_DEPTH} deep"),
            );
            return JsValue::Unknown(at);
        }
        self.depth += 1;
        let value = self.expr_inner(e, ctx, at);
        self.depth -= 1;
        value
    }

    fn expr_inner(&mut self, e: &'a Expression<'a>, ctx: &Ctx<'a>, at: At) -> JsValue<'a> {
        match e {
            Expression::StringLiteral(s) => JsValue::Str(string_literal(s, ctx)),
            Expression::TemplateLiteral(t) => self.template(t, ctx, at),
            Expression::NumericLiteral(n) => JsValue::Num(n.value),
            Expression::BooleanLiteral(b) => JsValue::Bool(b.value),
            Expression::NullLiteral(_) => JsValue::Null,
            Expression::Identifier(id) => match id.name.as_str() {
                "undefined" => JsValue::Undefined,
                name => ctx.scope.get(name).unwrap_or(JsValue::Unknown(at)),
            },
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression, ctx),
            Expression::SequenceExpression(s) => {
                let mut last = JsValue::Undefined;
                for e in &s.expressions {
                    last = self.expr(e, ctx);
                }
                last
            }
            Expression::ArrayExpression(a) => {
                let mut items = Vec::new();
                for element in &a.elements {
                    match element {
                        ArrayExpressionElement::SpreadElement(s) => {
                            match self.expr(&s.argument, ctx) {
                                JsValue::Array(inner) => {
                                    items.extend(inner.borrow().iter().cloned())
                                }
                                other => items.push(unknown(other, at)),
                            }
                        }
                        ArrayExpressionElement::Elision(_) => items.push(JsValue::Undefined),
                        other => match other.as_expression() {
                            Some(e) => items.push(self.expr(e, ctx)),
                            None => items.push(JsValue::Unknown(at)),
                        },
                    }
                }
                self.array(items, at)
            }
            Expression::ObjectExpression(o) => {
                let mut props = Vec::new();
                for p in &o.properties {
                    let ObjectPropertyKind::ObjectProperty(p) = p else {
                        continue;
                    };
                    if let Some(key) = p.key.static_name().filter(|_| !p.computed) {
                        let value = self.expr(&p.value, ctx);
                        props.push((key.into_owned(), value));
                    }
                }
                JsValue::Object(Rc::new(std::cell::RefCell::new(props)))
            }
            Expression::FunctionExpression(f) => match &f.body {
                Some(body) => JsValue::Func(Rc::new(Closure {
                    file: ctx.file,
                    params: &f.params,
                    body,
                    expression: false,
                    scope: Rc::clone(&ctx.scope),
                })),
                None => JsValue::Unknown(at),
            },
            Expression::ArrowFunctionExpression(f) => JsValue::Func(Rc::new(Closure {
                file: ctx.file,
                params: &f.params,
                body: &f.body,
                expression: f.expression,
                scope: Rc::clone(&ctx.scope),
            })),
            Expression::BinaryExpression(b) => {
                let left = self.expr(&b.left, ctx);
                let right = self.expr(&b.right, ctx);
                let right_at = At {
                    file: ctx.file,
                    span: span(b.right.span()),
                };
                let left_at = At {
                    file: ctx.file,
                    span: span(b.left.span()),
                };
                self.binary(b.operator, (left, left_at), (right, right_at), at)
            }
            Expression::LogicalExpression(l) => {
                let left = self.expr(&l.left, ctx);
                let Some(truthy) = left.truthy() else {
                    return left;
                };
                let take_left = match l.operator {
                    LogicalOperator::Or => truthy,
                    LogicalOperator::And => !truthy,
                    LogicalOperator::Coalesce => {
                        !matches!(left, JsValue::Null | JsValue::Undefined)
                    }
                };
                if take_left {
                    left
                } else {
                    self.expr(&l.right, ctx)
                }
            }
            Expression::ConditionalExpression(c) => {
                let test = self.expr(&c.test, ctx);
                match test.truthy() {
                    Some(true) => self.expr(&c.consequent, ctx),
                    Some(false) => self.expr(&c.alternate, ctx),
                    None => test,
                }
            }
            Expression::UnaryExpression(u) => {
                let value = self.expr(&u.argument, ctx);
                match (u.operator, &value) {
                    (_, v) if v.unknown_at().is_some() => unknown(value, at),
                    (UnaryOperator::LogicalNot, v) => {
                        v.truthy().map_or(value.clone(), |t| JsValue::Bool(!t))
                    }
                    (UnaryOperator::UnaryNegation, JsValue::Num(n)) => JsValue::Num(-n),
                    _ => JsValue::Unknown(at),
                }
            }
            Expression::AssignmentExpression(a) => self.assign(a, ctx, at),
            Expression::UpdateExpression(u) => {
                let Some(name) = u.argument.get_identifier_name() else {
                    return JsValue::Unknown(at);
                };
                match ctx.scope.get(name) {
                    Some(JsValue::Num(n)) => {
                        let new = match u.operator {
                            UpdateOperator::Increment => n + 1.0,
                            UpdateOperator::Decrement => n - 1.0,
                        };
                        ctx.scope.assign(name, JsValue::Num(new));
                        JsValue::Num(if u.prefix { new } else { n })
                    }
                    _ => {
                        ctx.scope.assign(name, JsValue::Unknown(at));
                        JsValue::Unknown(at)
                    }
                }
            }
            Expression::StaticMemberExpression(m) => {
                let object = self.expr(&m.object, ctx);
                member(&object, m.property.name.as_str(), at)
            }
            Expression::ComputedMemberExpression(m) => {
                let object = self.expr(&m.object, ctx);
                match self.expr(&m.expression, ctx) {
                    JsValue::Num(n) => index(&object, n, at),
                    JsValue::Str(key) => member(&object, key.as_str(), at),
                    other => unknown(other, at),
                }
            }
            Expression::CallExpression(c) => {
                let mut args = Vec::new();
                for a in &c.arguments {
                    let arg_at = At {
                        file: ctx.file,
                        span: span(a.span()),
                    };
                    let value = match a {
                        Argument::SpreadElement(_) => JsValue::Unknown(arg_at),
                        other => match other.as_expression() {
                            Some(e) => self.expr(e, ctx),
                            None => JsValue::Unknown(arg_at),
                        },
                    };
                    args.push(Arg { value, at: arg_at });
                }
                if let Expression::StaticMemberExpression(m) = &c.callee {
                    let object = self.expr(&m.object, ctx);
                    return self.method(object, m.property.name.as_str(), args, at);
                }
                let callee = self.expr(&c.callee, ctx);
                self.call(callee, args, at)
            }
            _ => JsValue::Unknown(at),
        }
    }

    pub(super) fn array(&mut self, items: Vec<JsValue<'a>>, at: At) -> JsValue<'a> {
        if !self.charge(items.len(), at) {
            return JsValue::Unknown(at);
        }
        if items.len() > MAX_ITEMS {
            self.limit(at, format!("an array grows past {MAX_ITEMS} items"));
            return JsValue::Unknown(at);
        }
        JsValue::array(items)
    }

    fn template(&mut self, t: &'a TemplateLiteral<'a>, ctx: &Ctx<'a>, at: At) -> JsValue<'a> {
        let mut text = Decoded::default();
        for (i, quasi) in t.quasis.iter().enumerate() {
            let Some(cooked) = &quasi.value.cooked else {
                return JsValue::Unknown(at);
            };
            let qspan = span(quasi.span);
            let raw = ctx.text.get(qspan.range()).unwrap_or_default();
            literal::decode(raw, qspan.start, cooked.as_str(), &mut text);
            if let Some(e) = t.expressions.get(i) {
                let e_at = At {
                    file: ctx.file,
                    span: span(e.span()),
                };
                match self.expr(e, ctx) {
                    JsValue::Str(s) => s.append_to(&mut text, e_at),
                    JsValue::Num(n) => text.push_escape(&number_text(n), e_at.span),
                    JsValue::Partial(known, inner) => {
                        known.append_to(&mut text, e_at);
                        return self.partial(text, inner, at);
                    }
                    JsValue::Unknown(inner) => return self.partial(text, inner, at),
                    other => return unknown(other, e_at),
                }
            }
        }
        self.string(text, at)
    }

    /// `text`, then what is unknown at `inner`: partly known, or unknown when `text` is
    /// empty.
    fn partial(&mut self, text: Decoded, inner: At, at: At) -> JsValue<'a> {
        if text.is_empty() {
            return JsValue::Unknown(inner);
        }
        match self.string(text, at) {
            JsValue::Str(known) => JsValue::Partial(known, inner),
            other => other,
        }
    }

    pub(super) fn string(&mut self, text: Decoded, at: At) -> JsValue<'a> {
        if !self.charge(text.len() as usize / BYTES_PER_STEP, at) {
            return JsValue::Unknown(at);
        }
        if text.len() as usize > MAX_STRING {
            self.limit(at, format!("a string grows past {MAX_STRING} bytes"));
            return JsValue::Unknown(at);
        }
        JsValue::Str(Str {
            file: at.file,
            text: Rc::new(text),
        })
    }

    fn binary(
        &mut self,
        op: BinaryOperator,
        (left, left_at): (JsValue<'a>, At),
        (right, right_at): (JsValue<'a>, At),
        at: At,
    ) -> JsValue<'a> {
        if let (BinaryOperator::Addition, JsValue::Str(known), Some(inner)) =
            (op, &left, right.unknown_at())
        {
            // A known string and then what is not known: partly known.
            let mut text = Decoded::default();
            known.append_to(&mut text, left_at);
            if let JsValue::Partial(more, _) = &right {
                more.append_to(&mut text, right_at);
            }
            return self.partial(text, inner, at);
        }
        if let (BinaryOperator::Addition, JsValue::Partial(..)) = (op, &left) {
            return left;
        }
        if let Some(inner) = left.unknown_at().or(right.unknown_at()) {
            return JsValue::Unknown(inner);
        }
        match (op, &left, &right) {
            (BinaryOperator::Addition, JsValue::Num(a), JsValue::Num(b)) => JsValue::Num(a + b),
            (BinaryOperator::Addition, JsValue::Str(_), _)
            | (BinaryOperator::Addition, _, JsValue::Str(_)) => {
                let mut text = Decoded::default();
                for (value, value_at) in [(&left, left_at), (&right, right_at)] {
                    match value {
                        JsValue::Str(s) => s.append_to(&mut text, value_at),
                        JsValue::Num(n) => text.push_escape(&number_text(*n), value_at.span),
                        _ => return JsValue::Unknown(value_at),
                    }
                }
                self.string(text, at)
            }
            (BinaryOperator::Subtraction, JsValue::Num(a), JsValue::Num(b)) => JsValue::Num(a - b),
            (BinaryOperator::Multiplication, JsValue::Num(a), JsValue::Num(b)) => {
                JsValue::Num(a * b)
            }
            (BinaryOperator::StrictEquality | BinaryOperator::Equality, a, b) => {
                equal(a, b).map_or(JsValue::Unknown(at), JsValue::Bool)
            }
            (BinaryOperator::StrictInequality | BinaryOperator::Inequality, a, b) => {
                equal(a, b).map_or(JsValue::Unknown(at), |e| JsValue::Bool(!e))
            }
            (BinaryOperator::LessThan, JsValue::Num(a), JsValue::Num(b)) => JsValue::Bool(a < b),
            (BinaryOperator::LessEqualThan, JsValue::Num(a), JsValue::Num(b)) => {
                JsValue::Bool(a <= b)
            }
            (BinaryOperator::GreaterThan, JsValue::Num(a), JsValue::Num(b)) => JsValue::Bool(a > b),
            (BinaryOperator::GreaterEqualThan, JsValue::Num(a), JsValue::Num(b)) => {
                JsValue::Bool(a >= b)
            }
            _ => JsValue::Unknown(at),
        }
    }

    fn assign(
        &mut self,
        a: &'a oxc_ast::ast::AssignmentExpression<'a>,
        ctx: &Ctx<'a>,
        at: At,
    ) -> JsValue<'a> {
        let right = self.expr(&a.right, ctx);
        let AssignmentTarget::AssignmentTargetIdentifier(id) = &a.left else {
            return JsValue::Unknown(at);
        };
        let name = id.name.as_str();
        let value = match a.operator {
            AssignmentOperator::Assign => right,
            AssignmentOperator::Addition => {
                let left = ctx.scope.get(name).unwrap_or(JsValue::Unknown(at));
                let left_at = At {
                    file: ctx.file,
                    span: span(id.span),
                };
                let right_at = At {
                    file: ctx.file,
                    span: span(a.right.span()),
                };
                self.binary(
                    BinaryOperator::Addition,
                    (left, left_at),
                    (right, right_at),
                    at,
                )
            }
            _ => JsValue::Unknown(at),
        };
        if !ctx.scope.assign(name, value.clone()) {
            self.global.declare(name, value.clone());
        }
        value
    }

    /// Calls a function value.
    pub fn call(&mut self, callee: JsValue<'a>, args: Vec<Arg<'a>>, at: At) -> JsValue<'a> {
        match callee {
            JsValue::Builtin(builtin) => builtins::call(self, builtin, args, at),
            JsValue::Func(closure) => self.call_closure(&closure, args, at),
            other => unknown(other, at),
        }
    }

    fn call_closure(
        &mut self,
        closure: &Rc<Closure<'a>>,
        args: Vec<Arg<'a>>,
        at: At,
    ) -> JsValue<'a> {
        if self.depth >= MAX_DEPTH {
            self.limit(
                at,
                format!("expressions and calls nest more than {MAX_DEPTH} deep"),
            );
            return JsValue::Unknown(at);
        }
        let scope = self.scopes.new_scope(Some(Rc::clone(&closure.scope)));
        let mut args = args.into_iter();
        for param in &closure.params.items {
            let value = args.next().map_or(JsValue::Undefined, |a| a.value);
            if let BindingPatternKind::BindingIdentifier(id) = &param.pattern.kind {
                scope.declare(id.name.as_str(), value);
            }
        }
        let ctx = Ctx {
            file: closure.file,
            text: self.texts[closure.file],
            scope,
        };
        self.depth += 1;
        let value = if closure.expression {
            match closure.body.statements.first() {
                Some(Statement::ExpressionStatement(s)) => self.expr(&s.expression, &ctx),
                _ => JsValue::Unknown(at),
            }
        } else {
            match self.statements(&closure.body.statements, &ctx) {
                Flow::Return(value) => value,
                _ => JsValue::Undefined,
            }
        };
        self.depth -= 1;
        value
    }
}

/// `===` on values the evaluator can compare; `None` otherwise.
fn equal(a: &JsValue<'_>, b: &JsValue<'_>) -> Option<bool> {
    Some(match (a, b) {
        (JsValue::Str(a), JsValue::Str(b)) => a.as_str() == b.as_str(),
        (JsValue::Num(a), JsValue::Num(b)) => a == b,
        (JsValue::Bool(a), JsValue::Bool(b)) => a == b,
        (JsValue::Undefined | JsValue::Null, JsValue::Undefined | JsValue::Null) => true,
        (
            JsValue::Undefined | JsValue::Null,
            JsValue::Str(_) | JsValue::Num(_) | JsValue::Bool(_),
        )
        | (
            JsValue::Str(_) | JsValue::Num(_) | JsValue::Bool(_),
            JsValue::Undefined | JsValue::Null,
        ) => false,
        _ => return None,
    })
}

/// `value` if it is unknown (it knows where), else unknown at `at`.
pub(super) fn unknown<'a>(value: JsValue<'a>, at: At) -> JsValue<'a> {
    match value.unknown_at() {
        Some(inner) => JsValue::Unknown(inner),
        None => JsValue::Unknown(at),
    }
}

/// A string literal, decoded with a map to its source bytes (inside the quotes).
fn string_literal(s: &StringLiteral<'_>, ctx: &Ctx<'_>) -> Str {
    let whole = span(s.span);
    let mut text = Decoded::default();
    let inner = Span::new(
        whole.start + 1,
        whole.end.saturating_sub(1).max(whole.start + 1),
    );
    let raw = ctx.text.get(inner.range()).unwrap_or_default();
    literal::decode(raw, inner.start, s.value.as_str(), &mut text);
    Str {
        file: ctx.file,
        text: Rc::new(text),
    }
}
