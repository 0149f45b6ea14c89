//! Ansible loops and `set_fact`: the items a task runs once for, and the facts the tasks
//! before it set.
//!
//! A task with `loop:`, `with_items:`, `with_list:` or `with_dict:` runs once per item, named
//! `item` (or `loop_control: loop_var:`). Where the list is a literal (written in the task,
//! or a variable defined as a literal list, or mapping for `with_dict`, in a place
//! [`super::ansible_vars`] reads, or set by `set_fact`), each item is known with the file and
//! the bytes that write it, and [`Loop::field`] gives the scalar `item`, `item.name` or
//! `item['name']` names (`item.key` and `item.value` of a `with_dict` entry). `with_items`
//! flattens one level of nested lists, as Ansible does. A list that is not known (a filter,
//! a lookup, a variable registered at run time), or longer than [`MAX_ITEMS`], leaves the
//! item unknown: `{{ item }}` stays as written, and is `unevaluated-value` as before; so
//! does every loop of a file past [`MAX_FILE_ITEMS`] items in all.
//!
//! `set_fact` with literal values defines variables for the tasks after it in the same play
//! (or task file), above every other place read, as in Ansible's precedence. Two `set_fact`s
//! that give a variable different values leave it unknown, as two groups that disagree do
//! ([`super::ansible_vars`]); so does one under `when:` or in a loop, which may not run.

use std::sync::Arc;

use super::ansible_vars::{define, expressions, literal, tier_of, variable, Defined, Part};
use super::ansible_vars::{Literal, Scope, Shape, Tier};
use super::document::NodeId;
use super::Reader;
use crate::text::{Decoded, Source, Span};

/// The most items a loop is read for (a longer one is left unknown).
const MAX_ITEMS: usize = 1000;
/// The most loop items one file's tasks are read for (ten thousand tasks that loop over the
/// same long list would otherwise make ten million records); past it, loops are unknown.
pub(super) const MAX_FILE_ITEMS: usize = 10 * MAX_ITEMS;
/// How many variables naming variables (`list: "{{ other }}"`) a loop's list goes through.
const MAX_INDIRECTION: usize = 8;

/// The loop keywords: the list's key, and what its items are.
const KEYS: &[(&str, Items)] = &[
    ("loop", Items::List),
    ("with_list", Items::List),
    ("with_items", Items::Flattened),
    ("with_dict", Items::Entries),
];

/// How a loop keyword makes items of its list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Items {
    /// Each element.
    List,
    /// Each element, a list element's own elements in its place.
    Flattened,
    /// Each entry of a mapping, as `key` and `value`.
    Entries,
}

/// A task's loop whose list is known.
pub(super) struct Loop {
    /// The variable the item is named by.
    var: String,
    /// The list (or mapping), with the file that writes it.
    list: Arc<Defined>,
    items: Items,
    /// The loop keyword, in the task's file.
    pub(super) at: Span,
}

/// One item of a loop.
#[derive(Clone, Copy)]
pub(super) enum Item<'a> {
    Element(&'a Literal),
    Entry(&'a Decoded, &'a Literal),
}

impl Item<'_> {
    /// The item's bytes in the file that writes the list.
    pub(super) fn span(&self) -> Span {
        match self {
            Item::Element(value) => value.span,
            Item::Entry(key, value) => key.source_span(0..key.len()).cover(value.span),
        }
    }
}

/// The loop of `task` when its list is a literal: written in the task, or a variable that
/// `scope` defines as one; `None` for a task without a loop keyword too (either way,
/// `{{ item }}` is unknown). [`Loop::items`] says whether the literal is of the right shape.
pub(super) fn of_task(reader: &Reader<'_>, task: NodeId, scope: &Scope) -> Option<Loop> {
    let stream = &reader.stream;
    let (key, node, items) = KEYS
        .iter()
        .find_map(|&(k, items)| stream.entry(task, k).map(|(key, node)| (key, node, items)))?;
    let var = stream
        .get(task, "loop_control")
        .and_then(|c| stream.get_str(c, "loop_var"))
        .unwrap_or("item")
        .to_string();
    let list = match reader.decoded(node) {
        Some(written) => named_list(&written, scope)?,
        None => Arc::new(Defined {
            source: Arc::clone(reader.source),
            value: literal(reader.source, stream, node),
        }),
    };
    Some(Loop {
        var,
        list,
        items,
        at: reader.span(key),
    })
}

/// The list a scalar `{{ var }}` names, through variables that name variables.
fn named_list(written: &Decoded, scope: &Scope) -> Option<Arc<Defined>> {
    let mut text = written.text().to_string();
    for _ in 0..MAX_INDIRECTION {
        let [Part::Expression(e)] = expressions(text.trim())[..] else {
            return None;
        };
        let defined = scope.lookup(variable(e)?)?;
        match defined.value.scalar() {
            Some(next) => text = next.text().to_string(),
            None => return Some(Arc::clone(defined)),
        }
    }
    None
}

impl Loop {
    /// The items, in order; `None` where the list is not of the keyword's shape or has more
    /// than [`MAX_ITEMS`].
    pub(super) fn items(&self) -> Option<Vec<Item<'_>>> {
        let mut out = Vec::new();
        match (&self.list.value.shape, self.items) {
            (Shape::Map(entries), Items::Entries) => {
                out.extend(entries.iter().map(|(k, v)| Item::Entry(k, v)));
            }
            (Shape::List(elements), Items::List) => out.extend(elements.iter().map(Item::Element)),
            (Shape::List(elements), Items::Flattened) => {
                for element in elements {
                    match &element.shape {
                        Shape::List(inner) => out.extend(inner.iter().map(Item::Element)),
                        _ => out.push(Item::Element(element)),
                    }
                    if out.len() > MAX_ITEMS {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        (out.len() <= MAX_ITEMS).then_some(out)
    }

    /// The file that writes the list.
    pub(super) fn source(&self) -> &Arc<Source> {
        &self.list.source
    }

    /// What `expression` is in `item`: `None` when it is not about the loop's variable,
    /// `Some(None)` when it is but names no scalar of the item (a filter, a missing key).
    pub(super) fn field<'a>(
        &self,
        item: Item<'a>,
        expression: &str,
    ) -> Option<Option<&'a Decoded>> {
        let path = path(expression.trim());
        if path.first().copied()? != Some(self.var.as_str()) {
            return None;
        }
        let mut keys = path[1..].iter();
        let mut at = match item {
            Item::Element(value) => value,
            Item::Entry(key, value) => match keys.next() {
                Some(Some("key")) => return Some((keys.len() == 0).then_some(key)),
                Some(Some("value")) => value,
                _ => return Some(None),
            },
        };
        for key in keys {
            let Shape::Map(entries) = &at.shape else {
                return Some(None);
            };
            let key = key.and_then(|k| entries.iter().find(|(name, _)| name.text() == k));
            match key {
                Some((_, value)) => at = value,
                None => return Some(None),
            }
        }
        Some(at.scalar())
    }
}

/// An expression as a variable and the keys after it (`item.name`, `item['name']`,
/// `item["name"]`), each `None` where it is not one; empty where the expression does not
/// start with a variable.
fn path(expression: &str) -> Vec<Option<&str>> {
    let end = expression
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(expression.len());
    let Some(var) = variable(&expression[..end]) else {
        return Vec::new();
    };
    let mut out = vec![Some(var)];
    let mut rest = &expression[end..];
    while !rest.is_empty() {
        let (key, after) = if let Some(r) = rest.strip_prefix('.') {
            let end = r
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(r.len());
            (variable(&r[..end]), &r[end..])
        } else if let Some(r) = rest.strip_prefix("['").or_else(|| rest.strip_prefix("[\"")) {
            match r.find(['\'', '"']) {
                Some(end) if r[end + 1..].starts_with(']') => (Some(&r[..end]), &r[end + 2..]),
                _ => (None, ""),
            }
        } else {
            (None, "")
        };
        out.push(key);
        if key.is_none() {
            break;
        }
        rest = after;
    }
    out
}

/// The modules that set facts.
const SET_FACT: &[&str] = &[
    "set_fact",
    "ansible.builtin.set_fact",
    "ansible.legacy.set_fact",
];

/// The facts `set_fact` tasks set so far in a play.
#[derive(Default)]
pub(super) struct Facts(Arc<Tier>);

impl Facts {
    /// Reads `task` when it sets facts (and says so); `conditional` when a block around it
    /// has `when:`.
    pub(super) fn read(&mut self, reader: &Reader<'_>, task: NodeId, conditional: bool) -> bool {
        let stream = &reader.stream;
        let Some(args) = SET_FACT.iter().find_map(|m| stream.get(task, m)) else {
            return false;
        };
        let may_not_run = conditional
            || stream.get(task, "when").is_some()
            || KEYS.iter().any(|(k, _)| stream.get(task, k).is_some());
        let set = tier_of(reader.source, stream, args);
        let facts = Arc::make_mut(&mut self.0);
        for (name, value) in set {
            if name != "cacheable" {
                define(facts, &name, value.filter(|_| !may_not_run));
            }
        }
        true
    }

    /// `scope` under the facts set so far.
    pub(super) fn over(&self, scope: &Scope) -> Scope {
        match self.0.is_empty() {
            true => scope.clone(),
            false => scope.with(Arc::clone(&self.0), false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_item_expressions() {
        assert_eq!(path("item"), [Some("item")]);
        assert_eq!(path("item.name"), [Some("item"), Some("name")]);
        assert_eq!(
            path("item['a'][\"b\"].c"),
            [Some("item"), Some("a"), Some("b"), Some("c")]
        );
        assert_eq!(path("item | lower"), [Some("item"), None]);
        assert_eq!(path("item['a"), [Some("item"), None]);
        assert_eq!(path("item.0"), [Some("item"), None]);
        assert!(path("'text'").is_empty());
    }
}
