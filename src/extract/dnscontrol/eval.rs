//! A partial JavaScript evaluator over oxc's syntax tree: enough of ES5 (and the ES6
//! that goja-era configurations use) to run the way `dnsconfig.js` files build records.
//!
//! It runs literals, `var`/`let`/`const`, functions (declarations, expressions, arrows;
//! hoisted), `return`, `if`, `for`/`for...of`/`while`/`do...while`, `try` blocks, `+` on
//! strings and numbers, template literals, comparisons, `&&`/`||`/`??`/`?:`, arrays and
//! object literals with `push`, `concat`, `forEach`, `map`, `join`, `length` and indexing,
//! `require` of `.js` (run in the global scope at each `require`) and `.json` files (read
//! as the expression they are, so their strings keep spans), and dnscontrol's functions
//! ([`super::builtins`]). Everything else evaluates to [`JsValue::Unknown`] at its
//! expression: nothing is guessed. Code the evaluator skips (a branch on an unknown test,
//! a statement kind it does not run) is reported (TLSRPT002) when its text mentions a
//! TLS-RPT or MTA-STS name or value, since records may hide there.
//!
//! This module holds the evaluator's state, statements, bindings and `require`;
//! expressions are in [`super::expr`], properties and methods in [`super::methods`].
//!
//! Limits make every input finish: [`MAX_STEPS`] evaluation steps and more for larger
//! files (up to [`MAX_STEPS_IN_ALL`]), [`MAX_DEPTH`]
//! nested expressions and calls, [`MAX_ITEMS`] array items, [`MAX_STRING`] string bytes.
//! Copying array items and string bytes is charged to the same step budget
//! ([`BYTES_PER_STEP`]), so no loop can copy more than a bounded amount. What passes a limit
//! is unknown, and the first limit hit is reported once.

use std::rc::Rc;
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    BindingPatternKind, Expression, ForStatementInit, ForStatementLeft, Program, Statement,
    VariableDeclaration,
};
use oxc_span::GetSpan;

use super::builtins;
use super::records::Output;
use super::scope::{Scope, Scopes};
use super::value::{At, Closure, FileId, JsValue, Str};
use crate::extract::Loader;
use crate::text::{Decoded, Source, Span};

/// Evaluation steps (expressions and statements) in one `dnsconfig.js` and its requires,
/// to start with: each byte of code read adds [`STEPS_PER_BYTE`], so a configuration of
/// thousands of domains is run to its end, up to [`MAX_STEPS_IN_ALL`].
pub const MAX_STEPS: usize = 200_000;
/// Steps each byte of code read adds to the budget.
pub const STEPS_PER_BYTE: usize = 16;
/// The most steps any run may take (a few seconds).
pub const MAX_STEPS_IN_ALL: usize = 20_000_000;
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
pub(super) enum Flow<'a> {
    Normal,
    Return(JsValue<'a>),
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
    /// The steps this run may take: grows with the code read.
    budget: usize,
    pub(super) depth: usize,
    limit_reported: bool,
    /// The file being run and those that `require`d it.
    pub(super) running: Vec<FileId>,
    alloc: &'a Allocator,
    pub(super) loader: &'a dyn Loader,
    /// The text of each file read, as the syntax trees borrow it.
    pub(super) texts: Vec<&'a str>,
    /// Each file `require`d so far: its path, its id, and what it gave (a `.json` file's
    /// data is read once; a `.js` file is run again at each `require`, as dnscontrol does).
    pub(super) required: Vec<(String, FileId, JsValue<'a>)>,
    /// The syntax tree of each `.js` file read, by id, to run it again.
    programs: Vec<Option<&'a Program<'a>>>,
    /// `try` blocks being run whose `catch` handles a failure.
    pub(super) guarded: usize,
    /// A `require` failed inside such a block: the rest of the block is skipped, as the
    /// exception would skip it, and the `catch` runs.
    pub(super) thrown: bool,
}

impl<'a> Eval<'a> {
    pub fn new(alloc: &'a Allocator, loader: &'a dyn Loader) -> Eval<'a> {
        let mut scopes = Scopes::default();
        let global = scopes.new_scope(None);
        for (name, builtin) in builtins::globals() {
            global.declare(name, JsValue::Builtin(builtin));
        }
        Eval {
            out: Output::default(),
            scopes,
            global,
            steps: 0,
            budget: MAX_STEPS,
            depth: 0,
            limit_reported: false,
            running: Vec::new(),
            alloc,
            loader,
            texts: Vec::new(),
            required: Vec::new(),
            programs: Vec::new(),
            guarded: 0,
            thrown: false,
        }
    }

    /// Reads, parses and runs `source` in the global scope, as dnscontrol runs
    /// `dnsconfig.js` and each file it `require`s.
    pub fn run(&mut self, source: &Arc<Source>) -> JsValue<'a> {
        let file = self.texts.len();
        let text: &'a str = self.alloc.alloc_str(&source.text);
        self.texts.push(text);
        self.budget = (self.budget + STEPS_PER_BYTE * text.len()).min(MAX_STEPS_IN_ALL);
        self.out.files.push(Arc::clone(source));
        let ctx = Ctx {
            file,
            text,
            scope: Rc::clone(&self.global),
        };
        self.programs.push(None);
        if source.path.ends_with(".json") {
            self.running.push(file);
            let value = match super::parse_json(self.alloc, text) {
                Ok(data) => self.expr(data, &ctx),
                Err((span, message)) => {
                    self.out.syntax_error(At { file, span }, message);
                    JsValue::Unknown(At { file, span })
                }
            };
            self.running.pop();
            return value;
        }
        match super::parse(self.alloc, text) {
            Ok(program) => {
                self.programs[file] = Some(program);
                self.run_again(file);
            }
            Err((span, message)) => self.out.syntax_error(At { file, span }, message),
        }
        JsValue::Undefined
    }

    /// Runs the `.js` file `file`, read before, in the global scope.
    pub(super) fn run_again(&mut self, file: FileId) -> JsValue<'a> {
        let Some(program) = self.programs[file] else {
            return JsValue::Undefined;
        };
        let ctx = Ctx {
            file,
            text: self.texts[file],
            scope: Rc::clone(&self.global),
        };
        self.running.push(file);
        self.statements(&program.body, &ctx);
        self.running.pop();
        JsValue::Undefined
    }

    /// Counts a step; false (reported once) when the budget is spent.
    pub(super) fn step(&mut self, at: At) -> bool {
        self.charge(1, at)
    }

    /// Counts `units` steps of work (copying items or bytes); false (reported once) when
    /// the budget is spent.
    pub fn charge(&mut self, units: usize, at: At) -> bool {
        self.steps = self.steps.saturating_add(units);
        if self.steps <= self.budget {
            return true;
        }
        let budget = self.budget;
        self.limit(at, format!("evaluation stopped after {budget} steps"));
        false
    }

    /// The steps left.
    pub fn steps_left(&self) -> usize {
        self.budget.saturating_sub(self.steps)
    }

    pub(super) fn limit(&mut self, at: At, message: String) {
        if !self.limit_reported {
            self.limit_reported = true;
            self.out.limit(at, message);
        }
    }

    pub(super) fn statements(&mut self, body: &'a [Statement<'a>], ctx: &Ctx<'a>) -> Flow<'a> {
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
                        .declare(id.name.as_str(), JsValue::Func(Rc::new(closure)));
                }
            }
        }
        for statement in body {
            match self.statement(statement, ctx) {
                Flow::Normal if self.thrown => return Flow::Normal,
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
            return Flow::Return(JsValue::Unknown(at));
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
                    None => JsValue::Undefined,
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
                // Only a failed `require` throws, and only where a `catch` handles it:
                // the block runs, then the handler if it threw, then the finalizer.
                let handler = s.handler.as_ref().filter(|h| handles(&h.body.body));
                self.guarded += usize::from(handler.is_some());
                let mut flow = self.statements(&s.block.body, ctx);
                self.guarded -= usize::from(handler.is_some());
                if let Some(handler) = handler.filter(|_| std::mem::take(&mut self.thrown)) {
                    let scope = self.scopes.new_scope(Some(Rc::clone(&ctx.scope)));
                    let name = handler
                        .param
                        .as_ref()
                        .and_then(|p| p.pattern.get_identifier_name());
                    if let Some(name) = name {
                        scope.declare(name.as_str(), JsValue::Unknown(at));
                    }
                    let inner = Ctx {
                        scope,
                        ..ctx.clone()
                    };
                    flow = self.statements(&handler.body.body, &inner);
                }
                if let Some(finalizer) = &s.finalizer {
                    if let Flow::Return(v) = self.statements(&finalizer.body, ctx) {
                        return Flow::Return(v);
                    }
                }
                return flow;
            }
            Statement::ForOfStatement(s) => {
                let items = match self.expr(&s.right, ctx) {
                    JsValue::Array(items) if self.charge(items.borrow().len(), at) => {
                        items.borrow().clone()
                    }
                    other => {
                        self.skipped(at, &other, ctx, "what this loop runs over");
                        return Flow::Normal;
                    }
                };
                return self.each(items, &s.left, &s.body, at, ctx);
            }
            Statement::ForInStatement(s) => {
                let right = self.expr(&s.right, ctx);
                let Some(keys) = keys(&right, at) else {
                    self.skipped(at, &right, ctx, "what this loop runs over");
                    return Flow::Normal;
                };
                if !self.charge(keys.len(), at) {
                    return Flow::Normal;
                }
                return self.each(keys, &s.left, &s.body, at, ctx);
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

    /// Runs `body` with `left` bound to each of `items` (`for...of`, `for...in`).
    fn each(
        &mut self,
        items: Vec<JsValue<'a>>,
        left: &'a ForStatementLeft<'a>,
        body: &'a Statement<'a>,
        at: At,
        ctx: &Ctx<'a>,
    ) -> Flow<'a> {
        // A declared name is bound in the loop's scope; a bare one is assigned.
        let (name, declared) = match left {
            ForStatementLeft::VariableDeclaration(decl) => (
                decl.declarations
                    .first()
                    .and_then(|d| d.id.get_identifier_name()),
                true,
            ),
            ForStatementLeft::AssignmentTargetIdentifier(id) => (Some(id.name), false),
            _ => (None, false),
        };
        let Some(name) = name else {
            self.skipped(at, &JsValue::Unknown(at), ctx, "what this loop binds");
            return Flow::Normal;
        };
        for item in items {
            if declared || !ctx.scope.assign(name.as_str(), item.clone()) {
                ctx.scope.declare(name.as_str(), item);
            }
            match self.statement(body, ctx) {
                Flow::Break => break,
                Flow::Return(v) => return Flow::Return(v),
                Flow::Normal | Flow::Continue => {}
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
    fn skipped(&mut self, at: At, value: &JsValue<'a>, ctx: &Ctx<'a>, what: &str) {
        if mentions_reporting(ctx.text, at.span) {
            let point = value.unknown_at().unwrap_or(at);
            self.out.unknown(point, what);
        }
    }

    fn declare(&mut self, decl: &'a VariableDeclaration<'a>, ctx: &Ctx<'a>) {
        for d in &decl.declarations {
            let value = match &d.init {
                Some(init) => self.expr(init, ctx),
                None => JsValue::Undefined,
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
                    self.skipped(at, &JsValue::Unknown(at), ctx, "this destructuring");
                }
            }
        }
    }
}

/// Whether a `catch` body handles what it caught: it does not throw it on.
fn handles(body: &[Statement<'_>]) -> bool {
    !body
        .iter()
        .any(|s| matches!(s, Statement::ThrowStatement(_)))
}

/// The keys `for...in` visits: an object's property names, an array's indices, as
/// strings written at `at`.
pub(super) fn keys<'a>(value: &JsValue<'a>, at: At) -> Option<Vec<JsValue<'a>>> {
    let key = |text: &str| {
        let mut decoded = Decoded::default();
        decoded.push_escape(text, at.span);
        JsValue::Str(Str {
            file: at.file,
            text: Rc::new(decoded),
        })
    };
    match value {
        JsValue::Object(props) => Some(props.borrow().iter().map(|(k, _)| key(k)).collect()),
        JsValue::Array(items) => Some(
            (0..items.borrow().len())
                .map(|i| key(&i.to_string()))
                .collect(),
        ),
        _ => None,
    }
}

pub(super) fn span(s: oxc_span::Span) -> Span {
    Span::new(s.start, s.end)
}

/// Whether the code at `span` mentions a TLS-RPT or MTA-STS name or value (ASCII
/// case-insensitive).
pub fn mentions_reporting(text: &str, span: Span) -> bool {
    crate::names::names_reporting_record(text.get(span.range()).unwrap_or_default())
}
