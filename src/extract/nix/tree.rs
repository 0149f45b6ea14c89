//! An attribute set's bindings as written, merged by path before evaluation: Nix lets a
//! set say `a.b = 1; a.c = 2;` for `a = { b = 1; c = 2; }`, and extend a set written in
//! place (`a = { b = 1; }; a.c = 2;`).

use std::collections::HashMap;
use std::rc::Rc;

use rnix::ast;

use super::value::{Env, Thunk};
use crate::text::Span;

/// A set's entries by path as written, merged: `a.b = 1; a.c = 2;` is `a = { b; c; }`.
#[derive(Default)]
pub(super) struct Tree {
    pub(super) entries: Vec<(Option<String>, Span, Node)>,
    index: HashMap<String, usize>,
}

pub(super) enum Node {
    Leaf(Leaf),
    Tree(Tree, Span),
}

pub(super) enum Leaf {
    Thunk(Thunk),
    /// A set written in place, which later paths may extend (`a = { b = 1; }; a.c = 2;`).
    Set(ast::AttrSet, Rc<Env>),
}

impl Tree {
    /// Puts `leaf` at `path`; `expand` turns a set written in place into a tree when a
    /// later path extends it.
    pub(super) fn insert(
        &mut self,
        path: &[(Option<String>, Span)],
        leaf: Leaf,
        expand: &mut dyn FnMut(ast::AttrSet, Rc<Env>) -> Tree,
    ) {
        let Some(((key, span), rest)) = path.split_first() else {
            return;
        };
        let existing = key.as_ref().and_then(|k| self.index.get(k).copied());
        let Some(i) = existing else {
            // A new key, or a computed one (kept, unknown, so what it holds is found).
            let node = if rest.is_empty() {
                Node::Leaf(leaf)
            } else {
                let mut sub = Tree::default();
                sub.insert(rest, leaf, expand);
                Node::Tree(sub, *span)
            };
            if let Some(k) = key {
                self.index.insert(k.clone(), self.entries.len());
            }
            self.entries.push((key.clone(), *span, node));
            return;
        };
        // Only sets may be extended; a second definition of a value is Nix's error.
        let node = std::mem::replace(&mut self.entries[i].2, Node::Tree(Tree::default(), *span));
        let mut sub = match node {
            Node::Leaf(Leaf::Set(set, env)) => expand(set, env),
            Node::Tree(sub, _) => sub,
            leaf @ Node::Leaf(Leaf::Thunk(_)) => {
                self.entries[i].2 = leaf;
                return;
            }
        };
        if rest.is_empty() {
            if let Leaf::Set(set, env) = leaf {
                let more = expand(set, env);
                for (key, span, node) in more.entries {
                    if let Some(k) = &key {
                        sub.index.entry(k.clone()).or_insert(sub.entries.len());
                    }
                    sub.entries.push((key, span, node));
                }
            }
        } else {
            sub.insert(rest, leaf, expand);
        }
        self.entries[i].2 = Node::Tree(sub, *span);
    }
}
