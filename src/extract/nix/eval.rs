//! A small lazy partial evaluator over the `rnix` syntax tree: what a record's name and
//! value are, where they are written as literals or built from literals.
//!
//! Evaluated: strings (interpolations of known strings folded, each `${...}` one piece
//! over its bytes), integers, `true`/`false`/`null`, lists, attribute sets (nested
//! `a.b = ...` paths merged, `rec`, `inherit`, `inherit (set)`), `let ... in`, `with`,
//! attribute selection (`a.b or default`), `?`, `//`, `++`, `+`, `==`/`!=`, `if`,
//! functions written in the file and their application (parameters, patterns with
//! defaults). The file's own top-level function is applied to nothing: its parameters are
//! unknown, but a pattern default (`{ domain ? "example.com" }:`) is taken, as the
//! Terraform reader takes a variable's default (a caller may still pass another value).
//!
//! Not evaluated: `import`, `builtins` and `lib` functions, paths, floats, arithmetic
//! other than `+`. An application of such a function is [`Value::Applied`], so record
//! shapes in its arguments are still found; everything else unknown is [`Value::Unknown`]
//! at the innermost expression that could not be known.
//!
//! Work is bounded: a step budget per file and a depth limit, so bindings that refer to
//! each other in a cycle or recurse without end come out unknown, never as a hang.

use std::collections::BTreeMap;
use std::rc::Rc;

use rnix::ast::{self, HasEntry};
use rowan::ast::AstNode;

use super::operators::{add, concat, equal, update};
use super::string::{self, Part};
use super::tree::{Leaf, Node, Tree};
use super::value::{Applied, Attrs, Closure, Entry, Env, Envs, Lazy, List, Thunk, Value};
use crate::text::{Decoded, Span};

/// How deep evaluation may nest (expressions, thunks forcing thunks, calls).
const MAX_DEPTH: u32 = 150;

/// Steps (expressions evaluated) a file gets, beside one per byte of the file.
const BASE_STEPS: u64 = 100_000;

pub struct Eval {
    envs: Envs,
    /// The indented strings evaluated, start to end: a fix cannot rewrite their text
    /// (removing a byte there changes the indentation removed).
    indented: BTreeMap<u32, u32>,
    steps: u64,
    depth: u32,
}

pub fn span_of(node: &rnix::SyntaxNode) -> Span {
    let r = node.text_range();
    Span::new(r.start().into(), r.end().into())
}

impl Eval {
    pub fn new(text_len: usize) -> Eval {
        Eval {
            envs: Envs::default(),
            indented: BTreeMap::new(),
            steps: BASE_STEPS + text_len as u64,
            depth: 0,
        }
    }

    /// Whether any byte of `value` was written in an indented string.
    pub fn in_indented(&self, value: &Decoded) -> bool {
        value.pieces().any(|(_, source, _)| {
            self.indented
                .range(..=source.start)
                .next_back()
                .is_some_and(|(_, &end)| source.start < end)
        })
    }

    fn env(&mut self, env: Env) -> Rc<Env> {
        let env = Rc::new(env);
        self.envs.0.push(Rc::clone(&env));
        env
    }

    /// The value of the whole file: its expression, and a top-level function's body with
    /// its parameters unknown (or their defaults).
    pub fn root(&mut self, expr: ast::Expr) -> Value {
        let top = self.env(Env::new(None));
        match self.eval(&expr, &top) {
            Value::Lambda(closure) => {
                let unknown = Thunk::done(Value::Unknown(span_of(closure.lambda.syntax())));
                self.call(&closure, unknown)
            }
            other => other,
        }
    }

    /// Forces a thunk.
    pub fn force(&mut self, thunk: &Thunk) -> Value {
        let lazy = match thunk.take() {
            Ok(lazy) => lazy,
            Err(Some(value)) => return value,
            // Read while it is being forced: a cycle.
            Err(None) => return Value::Unknown(Span::default()),
        };
        let value = match lazy {
            Lazy::Expr(expr, env) => self.eval(&expr, &env),
            Lazy::Lookup(name, span, env) => self.lookup(&name, span, &env),
            Lazy::Select(from, name, span) => {
                let from = self.force(&from);
                self.attr(&from, &name, span)
            }
        };
        thunk.set(value.clone());
        value
    }

    /// Evaluates `expr` in `env`, within the step and depth budgets.
    pub fn eval(&mut self, expr: &ast::Expr, env: &Rc<Env>) -> Value {
        let span = span_of(expr.syntax());
        if self.steps == 0 || self.depth >= MAX_DEPTH {
            return Value::Unknown(span);
        }
        self.steps -= 1;
        self.depth += 1;
        let value = self.eval_inner(expr, env, span);
        self.depth -= 1;
        value
    }

    fn eval_inner(&mut self, expr: &ast::Expr, env: &Rc<Env>, span: Span) -> Value {
        match expr {
            ast::Expr::Str(s) => self.string(s, env),
            ast::Expr::Literal(l) => match l.kind() {
                ast::LiteralKind::Integer(i) => i.value().map_or(Value::Unknown(span), Value::Int),
                _ => Value::Unknown(span),
            },
            ast::Expr::Ident(i) => {
                let name = i
                    .ident_token()
                    .map(|t| t.text().to_string())
                    .unwrap_or_default();
                self.lookup(&name, span, env)
            }
            ast::Expr::Paren(p) => self.sub(p.expr(), env, span),
            ast::Expr::List(list) => Value::List(Rc::new(List {
                items: list
                    .items()
                    .map(|item| {
                        let at = span_of(item.syntax());
                        (at, Thunk::lazy(Lazy::Expr(item, Rc::clone(env))))
                    })
                    .collect(),
                open: None,
            })),
            ast::Expr::AttrSet(set) => {
                if set.rec_token().is_some() {
                    let scope = self.env(Env::new(Some(Rc::clone(env))));
                    let attrs = self.entries(set, env, &scope, span);
                    for e in &attrs.entries {
                        if let Some(k) = &e.key {
                            scope
                                .vars
                                .borrow_mut()
                                .entry(k.clone())
                                .or_insert_with(|| e.value.clone());
                        }
                    }
                    Value::Attrs(Rc::new(attrs))
                } else {
                    Value::Attrs(Rc::new(self.entries(set, env, env, span)))
                }
            }
            ast::Expr::LetIn(l) => {
                let scope = self.env(Env::new(Some(Rc::clone(env))));
                let attrs = self.entries(l, env, &scope, span);
                for e in attrs.entries {
                    if let Some(k) = e.key {
                        scope.vars.borrow_mut().entry(k).or_insert(e.value);
                    }
                }
                self.sub(l.body(), &scope, span)
            }
            ast::Expr::With(w) => {
                let mut scope = Env::new(Some(Rc::clone(env)));
                scope.with = w
                    .namespace()
                    .map(|n| Thunk::lazy(Lazy::Expr(n, Rc::clone(env))));
                let scope = self.env(scope);
                self.sub(w.body(), &scope, span)
            }
            ast::Expr::Assert(a) => self.sub(a.body(), env, span),
            ast::Expr::Select(s) => self.select(s, env, span),
            ast::Expr::HasAttr(h) => {
                let Some(from) = h.expr() else {
                    return Value::Unknown(span);
                };
                let mut value = self.eval(&from, env);
                for attr in h.attrpath().into_iter().flat_map(|p| p.attrs()) {
                    let Some(key) = self.key(&attr, env) else {
                        return Value::Unknown(span);
                    };
                    value = match value {
                        Value::Attrs(a) => match a.get(&key) {
                            Some(e) => self.force(&e.value.clone()),
                            None if a.open.is_some() => return Value::Unknown(span),
                            None => return Value::Bool(false),
                        },
                        Value::Unknown(_) | Value::Applied(_) => return Value::Unknown(span),
                        _ => return Value::Bool(false),
                    };
                }
                Value::Bool(true)
            }
            ast::Expr::BinOp(b) => self.binop(b, env, span),
            ast::Expr::IfElse(i) => match i.condition().map(|c| self.eval(&c, env)) {
                Some(Value::Bool(true)) => self.sub(i.body(), env, span),
                Some(Value::Bool(false)) => self.sub(i.else_body(), env, span),
                _ => Value::Unknown(span),
            },
            ast::Expr::Lambda(l) => Value::Lambda(Rc::new(Closure {
                lambda: l.clone(),
                env: Rc::clone(env),
            })),
            ast::Expr::Apply(a) => self.apply(a, env, span),
            _ => Value::Unknown(span),
        }
    }

    fn sub(&mut self, expr: Option<ast::Expr>, env: &Rc<Env>, span: Span) -> Value {
        match expr {
            Some(e) => self.eval(&e, env),
            None => Value::Unknown(span),
        }
    }

    /// A name: its lexical binding, else the innermost `with` that has it, else a
    /// built-in constant; unknown where a `with` of an unknown set may hold it.
    fn lookup(&mut self, name: &str, span: Span, env: &Rc<Env>) -> Value {
        if let Some(thunk) = env.lexical(name) {
            return self.force(&thunk);
        }
        for with in env.withs() {
            match self.force(&with) {
                Value::Attrs(a) => {
                    if let Some(e) = a.get(name) {
                        return self.force(&e.value.clone());
                    }
                    if a.open.is_some() {
                        return Value::Unknown(span);
                    }
                }
                _ => return Value::Unknown(span),
            }
        }
        match name {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => Value::Unknown(span),
        }
    }

    /// A string literal, its interpolations folded where they are known.
    fn string(&mut self, s: &ast::Str, env: &Rc<Env>) -> Value {
        if string::is_indented(s) {
            let span = span_of(s.syntax());
            self.indented.insert(span.start, span.end);
        }
        let mut parts = string::parts(s);
        if let [Part::Text(_)] = parts.as_slice() {
            // A string without interpolation is its one part: no copy of a long value.
            if let Some(Part::Text(text)) = parts.pop() {
                return Value::Str(Rc::new(text));
            }
        }
        let mut out = Decoded::default();
        for part in parts {
            match part {
                Part::Text(text) => out.append(&text),
                Part::Interpolation(i) => {
                    let at = span_of(i.syntax());
                    let value = match i.expr() {
                        Some(e) => self.eval(&e, env),
                        None => Value::Unknown(at),
                    };
                    match value {
                        // Interpolated text maps to the whole `${...}`: spans stay in
                        // source order, and a fix replaces the interpolation.
                        Value::Str(t) => out.push_escape(t.text(), at),
                        Value::Int(n) => out.push_escape(&n.to_string(), at),
                        Value::Partial(t, unknown) => {
                            out.push_escape(t.text(), at);
                            return Value::Partial(Rc::new(out), unknown);
                        }
                        other => {
                            let unknown = match other {
                                Value::Unknown(u) if !u.is_empty() => u,
                                _ => at,
                            };
                            return Value::Partial(Rc::new(out), unknown);
                        }
                    }
                }
            }
        }
        Value::Str(Rc::new(out))
    }

    /// The entries of an attribute set or `let`: keys evaluated in `outer`, values in
    /// `scope` (the set's own scope for `rec` and `let`), nested paths merged.
    fn entries(
        &mut self,
        node: &impl HasEntry,
        outer: &Rc<Env>,
        scope: &Rc<Env>,
        span: Span,
    ) -> Attrs {
        let tree = self.tree(node, outer, scope);
        self.build(tree, span)
    }

    /// The entries of a set or `let` as a tree of their paths.
    fn tree(&mut self, node: &impl HasEntry, outer: &Rc<Env>, scope: &Rc<Env>) -> Tree {
        let mut tree = Tree::default();
        for entry in node.entries() {
            match entry {
                ast::Entry::Inherit(inherit) => {
                    // `inherit (set) a;` reads `set` in the bindings' own scope (a `let`
                    // or `rec` is recursive); `inherit a;` reads `a` outside them.
                    let from = inherit
                        .from()
                        .and_then(|f| f.expr())
                        .map(|e| Thunk::lazy(Lazy::Expr(e, Rc::clone(scope))));
                    for attr in inherit.attrs() {
                        let key_span = span_of(attr.syntax());
                        let Some(key) = self.key(&attr, outer) else {
                            continue;
                        };
                        let lazy = match &from {
                            Some(f) => Lazy::Select(f.clone(), key.clone(), key_span),
                            None => Lazy::Lookup(key.clone(), key_span, Rc::clone(outer)),
                        };
                        let leaf = Leaf::Thunk(Thunk::lazy(lazy));
                        tree.insert(&[(Some(key), key_span)], leaf, &mut |set, env| {
                            self.tree(&set, &env, &env)
                        });
                    }
                }
                ast::Entry::AttrpathValue(binding) => {
                    let (Some(path), Some(value)) = (binding.attrpath(), binding.value()) else {
                        continue;
                    };
                    let keys: Vec<(Option<String>, Span)> = path
                        .attrs()
                        .map(|a| (self.key(&a, outer), span_of(a.syntax())))
                        .collect();
                    let leaf = match &value {
                        ast::Expr::AttrSet(set) if set.rec_token().is_none() => {
                            Leaf::Set(set.clone(), Rc::clone(scope))
                        }
                        _ => Leaf::Thunk(Thunk::lazy(Lazy::Expr(value, Rc::clone(scope)))),
                    };
                    tree.insert(&keys, leaf, &mut |set, env| self.tree(&set, &env, &env));
                }
            }
        }
        tree
    }

    /// A tree of nested paths as attribute sets.
    fn build(&mut self, tree: Tree, span: Span) -> Attrs {
        let mut entries = Vec::new();
        for (key, key_span, node) in tree.entries {
            let value = match node {
                Node::Leaf(Leaf::Thunk(t)) => t,
                Node::Leaf(Leaf::Set(set, env)) => {
                    let at = span_of(set.syntax());
                    Thunk::done(Value::Attrs(Rc::new(self.entries(&set, &env, &env, at))))
                }
                Node::Tree(sub, at) => {
                    let attrs = self.build(sub, at);
                    Thunk::done(Value::Attrs(Rc::new(attrs)))
                }
            };
            entries.push(Entry {
                key,
                key_span,
                value,
            });
        }
        Attrs::new(entries, None, span)
    }

    /// An attribute name: an identifier, a string, or `${...}` when it is known.
    fn key(&mut self, attr: &ast::Attr, env: &Rc<Env>) -> Option<String> {
        match attr {
            ast::Attr::Ident(i) => i.ident_token().map(|t| t.text().to_string()),
            ast::Attr::Str(s) => match self.string(s, env) {
                Value::Str(t) => Some(t.text().to_string()),
                _ => None,
            },
            ast::Attr::Dynamic(d) => match d.expr().map(|e| self.eval(&e, env)) {
                Some(Value::Str(t)) => Some(t.text().to_string()),
                _ => None,
            },
        }
    }

    fn select(&mut self, s: &ast::Select, env: &Rc<Env>, span: Span) -> Value {
        let Some(from) = s.expr() else {
            return Value::Unknown(span);
        };
        let mut value = self.eval(&from, env);
        for attr in s.attrpath().into_iter().flat_map(|p| p.attrs()) {
            let at = span_of(attr.syntax());
            let key = self.key(&attr, env);
            let next = match (&value, key) {
                (Value::Attrs(a), Some(key)) => match a.get(&key) {
                    Some(e) => Some(self.force(&e.value.clone())),
                    None if a.open.is_some() => return Value::Unknown(span),
                    None => None,
                },
                (Value::Unknown(_) | Value::Applied(_), _) => return Value::Unknown(span),
                _ => return Value::Unknown(at),
            };
            match next {
                Some(v) => value = v,
                None => {
                    return match s.default_expr() {
                        Some(d) => self.eval(&d, env),
                        None => Value::Unknown(at),
                    }
                }
            }
        }
        value
    }

    /// Attribute `name` of a value (`inherit (from) name;`).
    fn attr(&mut self, from: &Value, name: &str, span: Span) -> Value {
        match from {
            Value::Attrs(a) => match a.get(name) {
                Some(e) => self.force(&e.value.clone()),
                None => Value::Unknown(span),
            },
            _ => Value::Unknown(span),
        }
    }

    fn binop(&mut self, b: &ast::BinOp, env: &Rc<Env>, span: Span) -> Value {
        use ast::BinOpKind as K;
        let (Some(op), Some(lhs), Some(rhs)) = (b.operator(), b.lhs(), b.rhs()) else {
            return Value::Unknown(span);
        };
        let l = self.eval(&lhs, env);
        let r = self.eval(&rhs, env);
        match op {
            K::Update => update(l, r, span),
            K::Concat => concat(l, r, span),
            K::Add => add(l, r, span),
            K::Equal | K::NotEqual => match equal(&l, &r) {
                Some(same) => Value::Bool(same == (op == K::Equal)),
                None => Value::Unknown(span),
            },
            _ => Value::Unknown(span),
        }
    }

    fn apply(&mut self, a: &ast::Apply, env: &Rc<Env>, span: Span) -> Value {
        let (Some(function), Some(arg)) = (a.lambda(), a.argument()) else {
            return Value::Unknown(span);
        };
        let arg = Thunk::lazy(Lazy::Expr(arg, Rc::clone(env)));
        match self.eval(&function, env) {
            Value::Lambda(closure) => self.call(&closure, arg),
            Value::Applied(applied) => {
                let mut args = applied.args.clone();
                args.push(arg);
                Value::Applied(Rc::new(Applied {
                    function: applied.function.clone(),
                    args,
                    span,
                }))
            }
            _ => Value::Applied(Rc::new(Applied {
                function: last_name(&function),
                args: vec![arg],
                span,
            })),
        }
    }

    /// A function written in the file, applied to `arg`.
    fn call(&mut self, closure: &Closure, arg: Thunk) -> Value {
        let span = span_of(closure.lambda.syntax());
        if self.depth >= MAX_DEPTH {
            return Value::Unknown(span);
        }
        let scope = self.env(Env::new(Some(Rc::clone(&closure.env))));
        match closure.lambda.param() {
            Some(ast::Param::IdentParam(p)) => {
                if let Some(name) = p.ident().and_then(|i| i.ident_token()) {
                    scope.vars.borrow_mut().insert(name.text().to_string(), arg);
                }
            }
            Some(ast::Param::Pattern(pattern)) => {
                self.depth += 1;
                let given = self.force(&arg);
                self.depth -= 1;
                if let Some(name) = pattern
                    .pat_bind()
                    .and_then(|b| b.ident())
                    .and_then(|i| i.ident_token())
                {
                    scope.vars.borrow_mut().insert(name.text().to_string(), arg);
                }
                for entry in pattern.pat_entries() {
                    let Some(ident) = entry.ident() else {
                        continue;
                    };
                    let at = span_of(ident.syntax());
                    let name = ident
                        .ident_token()
                        .map(|t| t.text().to_string())
                        .unwrap_or_default();
                    let passed = match &given {
                        Value::Attrs(a) => a.get(&name).map(|e| e.value.clone()),
                        _ => None,
                    };
                    let thunk = passed.unwrap_or_else(|| match entry.default() {
                        Some(d) => Thunk::lazy(Lazy::Expr(d, Rc::clone(&scope))),
                        None => Thunk::done(Value::Unknown(at)),
                    });
                    scope.vars.borrow_mut().insert(name, thunk);
                }
            }
            None => {}
        }
        self.sub(closure.lambda.body(), &scope, span)
    }
}

/// The last name of a function expression: `toString` of `dns.lib.toString`.
fn last_name(function: &ast::Expr) -> String {
    match function {
        ast::Expr::Ident(i) => i
            .ident_token()
            .map(|t| t.text().to_string())
            .unwrap_or_default(),
        ast::Expr::Select(s) => s
            .attrpath()
            .and_then(|p| p.attrs().last())
            .map(|a| a.syntax().text().to_string())
            .unwrap_or_default(),
        ast::Expr::Paren(p) => p.expr().map(|e| last_name(&e)).unwrap_or_default(),
        _ => String::new(),
    }
}
