//! The values the Nix evaluator computes with, and the lazy thunks that hold them.
//!
//! Nix is lazy and `let`/`rec` bindings may refer to each other in any order, so every
//! binding is a [`Thunk`]: an expression and its scope, forced once when first read. A
//! thunk read while it is being forced (a cycle) is unknown, never a hang.
//!
//! A string is a [`Decoded`] whose pieces point into the literals it was built from. What
//! cannot be known offline is [`Value::Unknown`] at the expression; a string known up to
//! such an expression is [`Value::Partial`]; an application of a function the evaluator
//! does not know (`dns.lib.toString "example.com" { ... }`, `lib.mkIf cond { ... }`,
//! `txt "..."`) is [`Value::Applied`], which keeps its arguments so that the record shapes
//! inside them are still found.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rnix::ast;

use crate::text::{Decoded, Span};

#[derive(Clone)]
pub enum Value {
    Str(Rc<Decoded>),
    /// A string whose leading part is known, and where the rest stops being known.
    Partial(Rc<Decoded>, Span),
    Int(i64),
    Bool(bool),
    Null,
    List(Rc<List>),
    Attrs(Rc<Attrs>),
    Lambda(Rc<Closure>),
    /// `function args...` of a function the evaluator does not know: the function's last
    /// name (`toString`, `mkIf`, `txt`), its arguments, and the whole application.
    Applied(Rc<Applied>),
    /// Computed from something that cannot be known offline, at this expression.
    Unknown(Span),
}

impl Value {
    /// Where a value stops being known, if it does.
    pub fn unknown_at(&self) -> Option<Span> {
        match self {
            Value::Unknown(at) | Value::Partial(_, at) => Some(*at),
            Value::Applied(a) => Some(a.span),
            _ => None,
        }
    }
}

pub struct List {
    pub items: Vec<(Span, Thunk)>,
    /// Where items of an unknown list were concatenated in (`unknown ++ [ ... ]`).
    pub open: Option<Span>,
}

/// An attribute set: its keys in the order written.
pub struct Attrs {
    pub entries: Vec<Entry>,
    index: HashMap<String, usize>,
    /// Where attributes of an unknown set were merged in (`unknown // { ... }`): any key
    /// not here may still be there.
    pub open: Option<Span>,
    pub span: Span,
}

pub struct Entry {
    /// `None`: a key computed from what cannot be known (`${name} = ...`).
    pub key: Option<String>,
    pub key_span: Span,
    pub value: Thunk,
}

impl Attrs {
    pub fn new(entries: Vec<Entry>, open: Option<Span>, span: Span) -> Attrs {
        let mut index = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(k) = &e.key {
                index.entry(k.clone()).or_insert(i);
            }
        }
        Attrs {
            entries,
            index,
            open,
            span,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&i| &self.entries[i])
    }
}

pub struct Closure {
    pub lambda: ast::Lambda,
    pub env: Rc<Env>,
}

pub struct Applied {
    pub function: String,
    pub args: Vec<Thunk>,
    pub span: Span,
}

/// A binding not yet forced, being forced, or forced.
#[derive(Clone)]
pub struct Thunk(Rc<RefCell<State>>);

pub enum State {
    Pending(Lazy),
    Forcing,
    Done(Value),
}

/// How a pending thunk gets its value.
pub enum Lazy {
    /// An expression in a scope.
    Expr(ast::Expr, Rc<Env>),
    /// `name` looked up in a scope (`inherit name;`), written at the span.
    Lookup(String, Span, Rc<Env>),
    /// Attribute `name` of another thunk (`inherit (from) name;`).
    Select(Thunk, String, Span),
}

impl Thunk {
    pub fn lazy(lazy: Lazy) -> Thunk {
        Thunk(Rc::new(RefCell::new(State::Pending(lazy))))
    }

    pub fn done(value: Value) -> Thunk {
        Thunk(Rc::new(RefCell::new(State::Done(value))))
    }

    /// Takes the pending work out (marking the thunk as being forced), or gives the value.
    pub fn take(&self) -> Result<Lazy, Option<Value>> {
        let mut state = self.0.borrow_mut();
        match std::mem::replace(&mut *state, State::Forcing) {
            State::Pending(lazy) => Ok(lazy),
            State::Done(value) => {
                let out = value.clone();
                *state = State::Done(value);
                Err(Some(out))
            }
            State::Forcing => Err(None),
        }
    }

    pub fn set(&self, value: Value) {
        *self.0.borrow_mut() = State::Done(value);
    }
}

/// A scope: names bound by `let`, `rec`, a function's parameters, or a `with`'s set.
pub struct Env {
    pub vars: RefCell<HashMap<String, Thunk>>,
    /// The namespace of a `with` (consulted after every lexical binding).
    pub with: Option<Thunk>,
    pub parent: Option<Rc<Env>>,
}

impl Env {
    pub fn new(parent: Option<Rc<Env>>) -> Env {
        Env {
            vars: RefCell::new(HashMap::new()),
            with: None,
            parent,
        }
    }

    /// The lexical binding of `name`.
    pub fn lexical(&self, name: &str) -> Option<Thunk> {
        let mut env = self;
        loop {
            if let Some(t) = env.vars.borrow().get(name) {
                return Some(t.clone());
            }
            env = env.parent.as_deref()?;
        }
    }

    /// The `with` namespaces in scope, innermost first.
    pub fn withs(&self) -> Vec<Thunk> {
        let mut out = Vec::new();
        let mut env = Some(self);
        while let Some(e) = env {
            out.extend(e.with.clone());
            env = e.parent.as_deref();
        }
        out
    }
}

/// Breaks the cycles between scopes and the thunks they hold (a `rec` set's thunks hold
/// the scope that holds them) so that the evaluation's memory is freed.
#[derive(Default)]
pub struct Envs(pub Vec<Rc<Env>>);

impl Drop for Envs {
    fn drop(&mut self) {
        for env in &self.0 {
            env.vars.borrow_mut().clear();
        }
    }
}
