//! The operators on evaluated values: `//`, `++`, `+` and `==`, each as Nix defines it
//! where both sides are known, and as much as can be told where one is not (an update
//! over an unknown set still has its own keys; a string joined to an unknown one keeps its
//! known start).

use std::rc::Rc;

use super::value::{Attrs, Entry, List, Value};
use crate::text::Span;

/// `l // r`: `r`'s attributes over `l`'s. Where `l` is unknown, `r`'s keys are still
/// known, and any other key may be there.
pub(super) fn update(l: Value, r: Value, span: Span) -> Value {
    match (l, r) {
        (Value::Attrs(l), Value::Attrs(r)) => {
            let mut entries: Vec<Entry> = l
                .entries
                .iter()
                .filter(|e| e.key.as_ref().is_none_or(|k| r.get(k).is_none()))
                .map(clone_entry)
                .collect();
            entries.extend(r.entries.iter().map(clone_entry));
            Value::Attrs(Rc::new(Attrs::new(entries, l.open.or(r.open), span)))
        }
        (other, Value::Attrs(r)) => {
            let open = other.unknown_at().unwrap_or(span);
            let entries = r.entries.iter().map(clone_entry).collect();
            Value::Attrs(Rc::new(Attrs::new(entries, Some(open), span)))
        }
        _ => Value::Unknown(span),
    }
}

fn clone_entry(e: &Entry) -> Entry {
    Entry {
        key: e.key.clone(),
        key_span: e.key_span,
        value: e.value.clone(),
    }
}

/// `l ++ r`: the items of both; an unknown side leaves the list open.
pub(super) fn concat(l: Value, r: Value, span: Span) -> Value {
    let mut items = Vec::new();
    let mut open = None;
    for side in [l, r] {
        match side {
            Value::List(list) => {
                items.extend(list.items.iter().cloned());
                open = open.or(list.open);
            }
            other => open = open.or(Some(other.unknown_at().unwrap_or(span))),
        }
    }
    Value::List(Rc::new(List { items, open }))
}

/// `l + r`: strings joined piece by piece, integers added.
pub(super) fn add(l: Value, r: Value, span: Span) -> Value {
    match (l, r) {
        (Value::Int(a), Value::Int(b)) => a.checked_add(b).map_or(Value::Unknown(span), Value::Int),
        (Value::Str(a), Value::Str(b)) => {
            let mut out = (*a).clone();
            out.append(&b);
            Value::Str(Rc::new(out))
        }
        (Value::Str(a), Value::Partial(b, at)) => {
            let mut out = (*a).clone();
            out.append(&b);
            Value::Partial(Rc::new(out), at)
        }
        (Value::Str(a), other) => Value::Partial(a, other.unknown_at().unwrap_or(span)),
        (Value::Partial(a, at), _) => Value::Partial(a, at),
        (other, _) => Value::Unknown(other.unknown_at().unwrap_or(span)),
    }
}

/// Whether two known scalars are equal; `None` where that cannot be told.
pub(super) fn equal(l: &Value, r: &Value) -> Option<bool> {
    match (l, r) {
        (Value::Str(a), Value::Str(b)) => Some(a.text() == b.text()),
        (Value::Int(a), Value::Int(b)) => Some(a == b),
        (Value::Bool(a), Value::Bool(b)) => Some(a == b),
        (Value::Null, Value::Null) => Some(true),
        (
            Value::Str(_) | Value::Int(_) | Value::Bool(_) | Value::Null,
            Value::Str(_) | Value::Int(_) | Value::Bool(_) | Value::Null,
        ) => Some(false),
        _ => None,
    }
}
