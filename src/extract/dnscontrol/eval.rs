//! A partial JavaScript evaluator over oxc's syntax tree: enough of ES5 (and the ES6
//! that goja-era configurations use) to run the way `dnsconfig.js` files build records.
//!
//! It runs literals, `var`/`let`/`const`, functions (declarations, expressions, arrows;
//! hoisted), `return`, `if`, `for`/`for...of`/`while`/`do...while`, `try` blocks, `+` on
//! strings and numbers, template literals, comparisons, `&&`/`||`/`??`/`?:`, arrays and
//! object literals with `push`, `concat`, `forEach`, `map`, `join`, `length` and indexing,
//! `require` of `.js` (run once, in the global scope) and `.json` files (read as the
//! expression they are, so their strings keep spans), and dnscontrol's functions
//! ([`super::builtins`]). Everything else evaluates to [`Value::Unknown`] at its
//! expression: nothing is guessed. Code the evaluator skips (a branch on an unknown test,
//! a statement kind it does not run) is reported (TLSRPT002) when its text mentions a
//! TLS-RPT or MTA-STS name or value, since records may hide there.
//!
//! Limits make every input finish: [`MAX_STEPS`] evaluation steps in all, [`MAX_DEPTH`]
//! nested expressions and calls, [`MAX_ITEMS`] array items, [`MAX_STRING`] string bytes.
//! What passes a limit is unknown, and the first limit hit is reported once.

use std::rc::Rc;
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, AssignmentOperator, AssignmentTarget, BinaryOperator,
    BindingPatternKind, Expression, ForStatementInit, ForStatementLeft, LogicalOperator,
    ObjectPropertyKind, Statement, StringLiteral, TemplateLiteral, UnaryOperator, UpdateOperator,
    VariableDeclaration,
};
use oxc_span::GetSpan;

use super::builtins::{self, Arg};
use super::literal;
use super::records::Output;
use super::scope::{Scope, Scopes};
use super::value::{number_text, At, Closure, FileId, Str, Value};
use crate::extract::Loader;
use crate::text::{Decoded, Source, Span};

/// Evaluation steps (expressions and statements) in one `dnsconfig.js` and its requires.
pub const MAX_STEPS: usize = 200_000;
/// Bytes of a string copied per step charged.
pub const BYTES_PER_STEP: usize = 64;
/// Files `require`d inside each other.
pub const MAX_REQUIRE_DEPTH: usize = 16;
/// Files read in all.
pub const MAX_FILES: usize = 256;
/// Nested expressions and function calls.
pub const MAX_DEPTH: usize = 200;
/// Items in one array.
pub const MAX_ITEMS: usize = 10_000;
/// Bytes in one string.
pub const MAX_STRING: usize = 1 << 16;

/// How a statement ended.
enum Flow<'a> {
    Normal,
    Return(Value<'a>),
    Break,
    Continue,
}

/// The file and scope an expression runs in.
#[derive(Clone)]
pub struct Ctx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub scope: Rc<Scope<'a>>,
}

pub struct Eval<'a> {
    pub out: Output,
    pub scopes: Scopes<'a>,
    pub global: Rc<Scope<'a>>,
    steps: usize,
    depth: usize,
    limit_reported: bool,
    /// The file being run and those that `require`d it.
    running: Vec<FileId>,
    alloc: &'a Allocator,
    loader: &'a dyn Loader,
    /// The text of each file read, as the syntax trees borrow it.
    texts: Vec<&'a str>,
    /// What each file `require`d so far gave, by path.
    required: Vec<(String, Value<'a>)>,
}

impl<'a> Eval<'a> {
    pub fn new(alloc: &'a Allocator, loader: &'a dyn Loader) -> Eval<'a> {
        let mut scopes = Scopes::default();
        let global = scopes.new_scope(None);
        for (name, builtin) in builtins::globals() {
            global.declare(name, Value::Builtin(builtin));
        }
        Eval {
            out: Output::default(),
            scopes,
            global,
            steps: 0,
            depth: 0,
            limit_reported: false,
            running: Vec::new(),
            alloc,
            loader,
            texts: Vec::new(),
            required: Vec::new(),
        }
    }

    /// Reads, parses and runs `source` in the global scope, as dnscontrol runs
    /// `dnsconfig.js` and each file it `require`s.
    pub fn run(&mut self, source: &Arc<Source>) -> Value<'a> {
        let file = self.texts.len();
        let text: &'a str = self.alloc.alloc_str(&source.text);
        self.texts.push(text);
        self.out.files.push(Arc::clone(source));
        let ctx = Ctx {
            file,
            text,
            scope: Rc::clone(&self.global),
        };
        self.running.push(file);
        let value = if source.path.ends_with(".json") {
            match super::parse_json(self.alloc, text) {
                Ok(data) => self.expr(data, &ctx),
                Err((span, message)) => {
                    self.out.syntax_error(At { file, span }, message);
                    Value::Unknown(At { file, span })
                }
            }
        } else {
            match super::parse(self.alloc, text) {
                Ok(program) => {
                    self.statements(&program.body, &ctx);
                }
                Err((span, message)) => self.out.syntax_error(At { file, span }, message),
            }
            Value::Undefined
        };
        self.running.pop();
        value
    }

    /// `require(path)` at `at`: runs a `.js` file, or reads a `.json` file, relative to the
    /// requiring file; a file required again gives what it gave the first time.
    pub fn require(&mut self, path: &str, at: At) -> Value<'a> {
        if self.running.len() >= MAX_REQUIRE_DEPTH || self.texts.len() >= MAX_FILES {
            let message = format!("`require` of `{path}` is over the limit of {MAX_REQUIRE_DEPTH} nested or {MAX_FILES} files");
            self.out.unreadable(at, message);
            return Value::Unknown(at);
        }
        let from = Arc::clone(&self.out.files[at.file]);
        match self.loader.load(&from, path) {
            Ok(source) => {
                if let Some((_, value)) = self.required.iter().find(|(p, _)| *p == source.path) {
                    return value.clone();
                }
                // A file that requires itself, directly or not, sees nothing yet.
                self.required.push((source.path.clone(), Value::Undefined));
                let value = self.run(&source);
                if let Some(slot) = self.required.iter_mut().find(|(p, _)| *p == source.path) {
                    slot.1 = value.clone();
                }
                value
            }
            Err(message) => {
                self.out.unreadable(
                    at,
                    format!("cannot read `require`d file `{path}`: {message}"),
                );
                Value::Unknown(at)
            }
        }
    }

    /// Counts a step; false (reported once) when the budget is spent.
    fn step(&mut self, at: At) -> bool {
        self.charge(1, at)
    }

    /// Counts `units` steps of work (copying items or bytes); false (reported once) when
    /// the budget is spent.
    pub fn charge(&mut self, units: usize, at: At) -> bool {
        self.steps = self.steps.saturating_add(units);
        if self.steps <= MAX_STEPS {
            return true;
        }
        self.limit(at, format!("evaluation stopped after {MAX_STEPS} steps"));
        false
    }

    /// The steps left.
    pub fn steps_left(&self) -> usize {
        MAX_STEPS.saturating_sub(self.steps)
    }

    fn limit(&mut self, at: At, message: String) {
        if !self.limit_reported {
            self.limit_reported = true;
            self.out.limit(at, message);
        }
    }

    fn statements(&mut self, body: &'a [Statement<'a>], ctx: &Ctx<'a>) -> Flow<'a> {
        for statement in body {
            if let Statement::FunctionDeclaration(f) = statement {
                if let (Some(id), Some(body)) = (&f.id, &f.body) {
                    let closure = Closure {
                        file: ctx.file,
                        params: &f.params,
                        body,
                        expression: false,
                        scope: Rc::clone(&ctx.scope),
                    };
                    ctx.scope
                        .declare(id.name.as_str(), Value::Func(Rc::new(closure)));
                }
            }
        }
        for statement in body {
            match self.statement(statement, ctx) {
                Flow::Normal => {}
                other => return other,
            }
        }
        Flow::Normal
    }

    fn statement(&mut self, statement: &'a Statement<'a>, ctx: &Ctx<'a>) -> Flow<'a> {
        let at = At {
            file: ctx.file,
            span: span(statement.span()),
        };
        if !self.step(at) {
            return Flow::Return(Value::Unknown(at));
        }
        match statement {
            Statement::VariableDeclaration(decl) => self.declare(decl, ctx),
            Statement::FunctionDeclaration(_) | Statement::EmptyStatement(_) => {}
            Statement::ExpressionStatement(s) => {
                self.expr(&s.expression, ctx);
            }
            Statement::ReturnStatement(r) => {
                let value = match &r.argument {
                    Some(e) => self.expr(e, ctx),
                    None => Value::Undefined,
                };
                return Flow::Return(value);
            }
            Statement::BlockStatement(b) => return self.statements(&b.body, ctx),
            Statement::IfStatement(s) => {
                let test = self.expr(&s.test, ctx);
                match test.truthy() {
                    Some(true) => return self.statement(&s.consequent, ctx),
                    Some(false) => {
                        if let Some(alternate) = &s.alternate {
                            return self.statement(alternate, ctx);
                        }
                    }
                    None => self.skipped(at, &test, ctx, "whether this code runs"),
                }
            }
            Statement::ForStatement(s) => {
                match &s.init {
                    Some(ForStatementInit::VariableDeclaration(decl)) => self.declare(decl, ctx),
                    Some(init) => {
                        if let Some(e) = init.as_expression() {
                            self.expr(e, ctx);
                        }
                    }
                    None => {}
                }
                return self.run_loop(s.test.as_ref(), &s.body, s.update.as_ref(), at, ctx);
            }
            Statement::WhileStatement(s) => {
                return self.run_loop(Some(&s.test), &s.body, None, at, ctx);
            }
            Statement::DoWhileStatement(s) => {
                match self.statement(&s.body, ctx) {
                    Flow::Return(v) => return Flow::Return(v),
                    Flow::Break => return Flow::Normal,
                    Flow::Normal | Flow::Continue => {}
                }
                return self.run_loop(Some(&s.test), &s.body, None, at, ctx);
            }
            Statement::TryStatement(s) => {
                // Nothing the evaluator runs throws: the block runs, then the finalizer.
                let flow = self.statements(&s.block.body, ctx);
                if let Some(finalizer) = &s.finalizer {
                    if let Flow::Return(v) = self.statements(&finalizer.body, ctx) {
                        return Flow::Return(v);
                    }
                }
                return flow;
            }
            Statement::ForOfStatement(s) => {
                let items = match self.expr(&s.right, ctx) {
                    Value::Array(items) if self.charge(items.borrow().len(), at) => {
                        items.borrow().clone()
                    }
                    other => {
                        self.skipped(at, &other, ctx, "what this loop runs over");
                        return Flow::Normal;
                    }
                };
                let name = match &s.left {
                    ForStatementLeft::VariableDeclaration(decl) => decl
                        .declarations
                        .first()
                        .and_then(|d| d.id.get_identifier_name()),
                    _ => None,
                };
                let Some(name) = name else {
                    self.skipped(at, &Value::Unknown(at), ctx, "what this loop binds");
                    return Flow::Normal;
                };
                for item in items {
                    ctx.scope.declare(name.as_str(), item);
                    match self.statement(&s.body, ctx) {
                        Flow::Break => break,
                        Flow::Return(v) => return Flow::Return(v),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            Statement::BreakStatement(_) => return Flow::Break,
            Statement::ContinueStatement(_) => return Flow::Continue,
            _ => {
                if mentions_reporting(ctx.text, at.span) {
                    self.out.not_run(at);
                }
            }
        }
        Flow::Normal
    }

    /// Runs `while (test) { body; update }`.
    fn run_loop(
        &mut self,
        test: Option<&'a Expression<'a>>,
        body: &'a Statement<'a>,
        update: Option<&'a Expression<'a>>,
        at: At,
        ctx: &Ctx<'a>,
    ) -> Flow<'a> {
        loop {
            if let Some(test) = test {
                let value = self.expr(test, ctx);
                match value.truthy() {
                    Some(true) => {}
                    Some(false) => break,
                    None => {
                        self.skipped(at, &value, ctx, "whether this loop runs");
                        break;
                    }
                }
            }
            match self.statement(body, ctx) {
                Flow::Break => break,
                Flow::Return(v) => return Flow::Return(v),
                Flow::Normal | Flow::Continue => {}
            }
            if let Some(update) = update {
                self.expr(update, ctx);
            }
        }
        Flow::Normal
    }

    /// Reports code at `at` that is not run because `what` depends on `value`, when the
    /// code may make TLS-RPT records.
    fn skipped(&mut self, at: At, value: &Value<'a>, ctx: &Ctx<'a>, what: &str) {
        if mentions_reporting(ctx.text, at.span) {
            let point = match value {
                Value::Unknown(inner) => *inner,
                _ => at,
            };
            self.out.unknown(point, what);
        }
    }

    fn declare(&mut self, decl: &'a VariableDeclaration<'a>, ctx: &Ctx<'a>) {
        for d in &decl.declarations {
            let value = match &d.init {
                Some(init) => self.expr(init, ctx),
                None => Value::Undefined,
            };
            match &d.id.kind {
                BindingPatternKind::BindingIdentifier(id) => {
                    ctx.scope.declare(id.name.as_str(), value)
                }
                _ => {
                    let at = At {
                        file: ctx.file,
                        span: span(d.span),
                    };
                    self.skipped(at, &Value::Unknown(at), ctx, "this destructuring");
                }
            }
        }
    }

    pub fn expr(&mut self, e: &'a Expression<'a>, ctx: &Ctx<'a>) -> Value<'a> {
        let at = At {
            file: ctx.file,
            span: span(e.span()),
        };
        if !self.step(at) {
            return Value::Unknown(at);
        }
        if self.depth >= MAX_DEPTH {
            self.limit(
                at,
                format!("expressions and calls nest more than {MAX_DEPTH} deep"),
            );
            return Value::Unknown(at);
        }
        self.depth += 1;
        let value = self.expr_inner(e, ctx, at);
        self.depth -= 1;
        value
    }

    fn expr_inner(&mut self, e: &'a Expression<'a>, ctx: &Ctx<'a>, at: At) -> Value<'a> {
        match e {
            Expression::StringLiteral(s) => Value::Str(string_literal(s, ctx)),
            Expression::TemplateLiteral(t) => self.template(t, ctx, at),
            Expression::NumericLiteral(n) => Value::Num(n.value),
            Expression::BooleanLiteral(b) => Value::Bool(b.value),
            Expression::NullLiteral(_) => Value::Null,
            Expression::Identifier(id) => match id.name.as_str() {
                "undefined" => Value::Undefined,
                name => ctx.scope.get(name).unwrap_or(Value::Unknown(at)),
            },
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression, ctx),
            Expression::SequenceExpression(s) => {
                let mut last = Value::Undefined;
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
                                Value::Array(inner) => items.extend(inner.borrow().iter().cloned()),
                                other => items.push(unknown(other, at)),
                            }
                        }
                        ArrayExpressionElement::Elision(_) => items.push(Value::Undefined),
                        other => match other.as_expression() {
                            Some(e) => items.push(self.expr(e, ctx)),
                            None => items.push(Value::Unknown(at)),
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
                Value::Object(Rc::new(std::cell::RefCell::new(props)))
            }
            Expression::FunctionExpression(f) => match &f.body {
                Some(body) => Value::Func(Rc::new(Closure {
                    file: ctx.file,
                    params: &f.params,
                    body,
                    expression: false,
                    scope: Rc::clone(&ctx.scope),
                })),
                None => Value::Unknown(at),
            },
            Expression::ArrowFunctionExpression(f) => Value::Func(Rc::new(Closure {
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
                    LogicalOperator::Coalesce => !matches!(left, Value::Null | Value::Undefined),
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
                    (_, Value::Unknown(_)) => value,
                    (UnaryOperator::LogicalNot, v) => {
                        v.truthy().map_or(value.clone(), |t| Value::Bool(!t))
                    }
                    (UnaryOperator::UnaryNegation, Value::Num(n)) => Value::Num(-n),
                    _ => Value::Unknown(at),
                }
            }
            Expression::AssignmentExpression(a) => self.assign(a, ctx, at),
            Expression::UpdateExpression(u) => {
                let Some(name) = u.argument.get_identifier_name() else {
                    return Value::Unknown(at);
                };
                match ctx.scope.get(name) {
                    Some(Value::Num(n)) => {
                        let new = match u.operator {
                            UpdateOperator::Increment => n + 1.0,
                            UpdateOperator::Decrement => n - 1.0,
                        };
                        ctx.scope.assign(name, Value::Num(new));
                        Value::Num(if u.prefix { new } else { n })
                    }
                    _ => {
                        ctx.scope.assign(name, Value::Unknown(at));
                        Value::Unknown(at)
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
                    Value::Num(n) => index(&object, n, at),
                    Value::Str(key) => member(&object, key.as_str(), at),
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
                        Argument::SpreadElement(_) => Value::Unknown(arg_at),
                        other => match other.as_expression() {
                            Some(e) => self.expr(e, ctx),
                            None => Value::Unknown(arg_at),
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
            _ => Value::Unknown(at),
        }
    }

    fn array(&mut self, items: Vec<Value<'a>>, at: At) -> Value<'a> {
        if !self.charge(items.len(), at) {
            return Value::Unknown(at);
        }
        if items.len() > MAX_ITEMS {
            self.limit(at, format!("an array grows past {MAX_ITEMS} items"));
            return Value::Unknown(at);
        }
        Value::array(items)
    }

    fn template(&mut self, t: &'a TemplateLiteral<'a>, ctx: &Ctx<'a>, at: At) -> Value<'a> {
        let mut text = Decoded::default();
        for (i, quasi) in t.quasis.iter().enumerate() {
            let Some(cooked) = &quasi.value.cooked else {
                return Value::Unknown(at);
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
                    Value::Str(s) => s.append_to(&mut text, e_at),
                    Value::Num(n) => text.push_escape(&number_text(n), e_at.span),
                    other => return unknown(other, e_at),
                }
            }
        }
        self.string(text, at)
    }

    fn string(&mut self, text: Decoded, at: At) -> Value<'a> {
        if !self.charge(text.len() as usize / BYTES_PER_STEP, at) {
            return Value::Unknown(at);
        }
        if text.len() as usize > MAX_STRING {
            self.limit(at, format!("a string grows past {MAX_STRING} bytes"));
            return Value::Unknown(at);
        }
        Value::Str(Str {
            file: at.file,
            text: Rc::new(text),
        })
    }

    fn binary(
        &mut self,
        op: BinaryOperator,
        (left, left_at): (Value<'a>, At),
        (right, right_at): (Value<'a>, At),
        at: At,
    ) -> Value<'a> {
        if let Value::Unknown(_) = left {
            return left;
        }
        if let Value::Unknown(_) = right {
            return right;
        }
        match (op, &left, &right) {
            (BinaryOperator::Addition, Value::Num(a), Value::Num(b)) => Value::Num(a + b),
            (BinaryOperator::Addition, Value::Str(_), _)
            | (BinaryOperator::Addition, _, Value::Str(_)) => {
                let mut text = Decoded::default();
                for (value, value_at) in [(&left, left_at), (&right, right_at)] {
                    match value {
                        Value::Str(s) => s.append_to(&mut text, value_at),
                        Value::Num(n) => text.push_escape(&number_text(*n), value_at.span),
                        _ => return Value::Unknown(value_at),
                    }
                }
                self.string(text, at)
            }
            (BinaryOperator::Subtraction, Value::Num(a), Value::Num(b)) => Value::Num(a - b),
            (BinaryOperator::Multiplication, Value::Num(a), Value::Num(b)) => Value::Num(a * b),
            (BinaryOperator::StrictEquality | BinaryOperator::Equality, a, b) => {
                equal(a, b).map_or(Value::Unknown(at), Value::Bool)
            }
            (BinaryOperator::StrictInequality | BinaryOperator::Inequality, a, b) => {
                equal(a, b).map_or(Value::Unknown(at), |e| Value::Bool(!e))
            }
            (BinaryOperator::LessThan, Value::Num(a), Value::Num(b)) => Value::Bool(a < b),
            (BinaryOperator::LessEqualThan, Value::Num(a), Value::Num(b)) => Value::Bool(a <= b),
            (BinaryOperator::GreaterThan, Value::Num(a), Value::Num(b)) => Value::Bool(a > b),
            (BinaryOperator::GreaterEqualThan, Value::Num(a), Value::Num(b)) => Value::Bool(a >= b),
            _ => Value::Unknown(at),
        }
    }

    fn assign(
        &mut self,
        a: &'a oxc_ast::ast::AssignmentExpression<'a>,
        ctx: &Ctx<'a>,
        at: At,
    ) -> Value<'a> {
        let right = self.expr(&a.right, ctx);
        let AssignmentTarget::AssignmentTargetIdentifier(id) = &a.left else {
            return Value::Unknown(at);
        };
        let name = id.name.as_str();
        let value = match a.operator {
            AssignmentOperator::Assign => right,
            AssignmentOperator::Addition => {
                let left = ctx.scope.get(name).unwrap_or(Value::Unknown(at));
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
            _ => Value::Unknown(at),
        };
        if !ctx.scope.assign(name, value.clone()) {
            self.global.declare(name, value.clone());
        }
        value
    }

    /// Calls a function value.
    pub fn call(&mut self, callee: Value<'a>, args: Vec<Arg<'a>>, at: At) -> Value<'a> {
        match callee {
            Value::Builtin(builtin) => builtins::call(self, builtin, args, at),
            Value::Func(closure) => self.call_closure(&closure, args, at),
            other => unknown(other, at),
        }
    }

    fn call_closure(&mut self, closure: &Rc<Closure<'a>>, args: Vec<Arg<'a>>, at: At) -> Value<'a> {
        if self.depth >= MAX_DEPTH {
            self.limit(
                at,
                format!("expressions and calls nest more than {MAX_DEPTH} deep"),
            );
            return Value::Unknown(at);
        }
        let scope = self.scopes.new_scope(Some(Rc::clone(&closure.scope)));
        let mut args = args.into_iter();
        for param in &closure.params.items {
            let value = args.next().map_or(Value::Undefined, |a| a.value);
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
                _ => Value::Unknown(at),
            }
        } else {
            match self.statements(&closure.body.statements, &ctx) {
                Flow::Return(value) => value,
                _ => Value::Undefined,
            }
        };
        self.depth -= 1;
        value
    }

    /// `object.name(args)`.
    fn method(&mut self, object: Value<'a>, name: &str, args: Vec<Arg<'a>>, at: At) -> Value<'a> {
        let Value::Array(items) = &object else {
            let callee = member(&object, name, at);
            return self.call(callee, args, at);
        };
        match name {
            "push" => {
                let len = {
                    let mut items = items.borrow_mut();
                    items.extend(args.into_iter().map(|a| a.value));
                    items.len()
                };
                if len > MAX_ITEMS {
                    self.limit(at, format!("an array grows past {MAX_ITEMS} items"));
                    items.borrow_mut().truncate(MAX_ITEMS);
                }
                Value::Num(len as f64)
            }
            "concat" => {
                let mut all = items.borrow().clone();
                for a in args {
                    match a.value {
                        Value::Array(more) => all.extend(more.borrow().iter().cloned()),
                        other => all.push(other),
                    }
                    if all.len() > MAX_ITEMS {
                        break;
                    }
                }
                self.array(all, at)
            }
            "forEach" | "map" => {
                let Some(f) = args.into_iter().next() else {
                    return Value::Unknown(at);
                };
                if !self.charge(items.borrow().len(), at) {
                    return Value::Unknown(at);
                }
                let snapshot = items.borrow().clone();
                let mut results = Vec::new();
                for (i, item) in snapshot.into_iter().enumerate() {
                    let call_args = vec![
                        Arg { value: item, at },
                        Arg {
                            value: Value::Num(i as f64),
                            at,
                        },
                    ];
                    results.push(self.call(f.value.clone(), call_args, at));
                }
                if name == "map" {
                    self.array(results, at)
                } else {
                    Value::Undefined
                }
            }
            "join" => {
                let separator = match args.first().map(|a| &a.value) {
                    None => None,
                    Some(Value::Str(s)) => Some((s.clone(), args[0].at)),
                    Some(other) => return unknown(other.clone(), at),
                };
                let mut text = Decoded::default();
                for (i, item) in items.borrow().iter().enumerate() {
                    if i > 0 {
                        match &separator {
                            Some((s, s_at)) => s.append_to(&mut text, *s_at),
                            None => text.push_escape(",", at.span),
                        }
                    }
                    match item {
                        Value::Str(s) => s.append_to(&mut text, at),
                        Value::Num(n) => text.push_escape(&number_text(*n), at.span),
                        other => return unknown(other.clone(), at),
                    }
                }
                self.string(text, at)
            }
            _ => Value::Unknown(at),
        }
    }
}

/// `object.name`.
fn member<'a>(object: &Value<'a>, name: &str, at: At) -> Value<'a> {
    match (object, name) {
        (Value::Array(items), "length") => Value::Num(items.borrow().len() as f64),
        (Value::Str(s), "length") => Value::Num(s.as_str().encode_utf16().count() as f64),
        (Value::Object(props), _) => props
            .borrow()
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map_or(Value::Undefined, |(_, v)| v.clone()),
        (Value::Unknown(_), _) => object.clone(),
        _ => Value::Unknown(at),
    }
}

/// `object[n]`.
fn index<'a>(object: &Value<'a>, n: f64, at: At) -> Value<'a> {
    match object {
        Value::Array(items) if n >= 0.0 && n.fract() == 0.0 => items
            .borrow()
            .get(n as usize)
            .cloned()
            .unwrap_or(Value::Undefined),
        Value::Unknown(_) => object.clone(),
        _ => Value::Unknown(at),
    }
}

/// `===` on values the evaluator can compare; `None` otherwise.
fn equal(a: &Value<'_>, b: &Value<'_>) -> Option<bool> {
    Some(match (a, b) {
        (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
        (Value::Num(a), Value::Num(b)) => a == b,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Undefined | Value::Null, Value::Undefined | Value::Null) => true,
        (Value::Undefined | Value::Null, Value::Str(_) | Value::Num(_) | Value::Bool(_))
        | (Value::Str(_) | Value::Num(_) | Value::Bool(_), Value::Undefined | Value::Null) => false,
        _ => return None,
    })
}

/// `value` if it is unknown (it knows where), else unknown at `at`.
fn unknown<'a>(value: Value<'a>, at: At) -> Value<'a> {
    match value {
        Value::Unknown(_) => value,
        _ => Value::Unknown(at),
    }
}

fn span(s: oxc_span::Span) -> Span {
    Span::new(s.start, s.end)
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

/// Whether the code at `span` mentions a TLS-RPT or MTA-STS name or value (ASCII
/// case-insensitive).
pub fn mentions_reporting(text: &str, span: Span) -> bool {
    let lower = text
        .get(span.range())
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "_smtp._tls",
        "_report._tls",
        "_mta-sts",
        "v=tlsrpt",
        "v=sts",
    ]
    .iter()
    .any(|m| lower.contains(m))
}
