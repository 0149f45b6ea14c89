//! Jinja `{{ }}` in a task's argument, folded: a known variable replaced by its value
//! (mapped to the whole `{{ }}`), a loop's `{{ item... }}` by the item's scalar (mapped to
//! its bytes where the list is written in the same file). What stays unknown is kept as
//! written, and the first unknown expression is where `unevaluated-value` points.

use std::sync::Arc;

use super::{Call, Folded};
use crate::extract::yaml::ansible_vars::{expressions, variable, Part};
use crate::text::{Decoded, Source};

impl Call<'_> {
    /// `written` folded: each `{{ var }}` whose variable is known replaced by its value
    /// (mapped to the whole `{{ }}`), each `{{ item... }}` by the item's scalar (mapped to its
    /// bytes where it is written in this file).
    pub(super) fn fold(&self, home: &Source, written: Decoded) -> Folded {
        let text = written.text();
        if !text.contains("{{") {
            return Folded {
                value: written,
                unknown: None,
                whole_item: None,
            };
        }
        let parts = expressions(text);
        if let [Part::Expression(e)] = parts[..] {
            if let (Some(Some(value)), Some((found, _))) = (self.item_scalar(e), self.item) {
                return Folded {
                    value,
                    unknown: None,
                    whole_item: Some(Arc::clone(found.source())),
                };
            }
        }
        let mut out = Decoded::default();
        let mut unknown = None;
        let mut at = 0u32;
        for part in parts {
            let len = match part {
                Part::Text(t) => t.len() as u32,
                Part::Expression(e) => e.len() as u32 + 4,
            };
            let range = at..at + len;
            at = range.end;
            let Part::Expression(e) = part else {
                out.append_range(&written, range);
                continue;
            };
            let whole = written.source_span(range.clone());
            match self.item_scalar(e) {
                Some(Some(value))
                    if self.item.is_some_and(|(f, _)| f.source().path == home.path) =>
                {
                    out.append(&value)
                }
                Some(Some(value)) => out.push_escape(value.text(), whole),
                Some(None) => {
                    unknown.get_or_insert(whole);
                    out.append_range(&written, range);
                }
                None => match variable(e).and_then(|v| self.scope.resolve(v)) {
                    Some(value) => out.push_escape(&value, whole),
                    None => {
                        unknown.get_or_insert(whole);
                        out.append_range(&written, range);
                    }
                },
            }
        }
        Folded {
            value: out,
            unknown,
            whole_item: None,
        }
    }

    /// The item's scalar `expression` names, its own `{{ var }}`s folded: `None` when the
    /// expression is not about the item, `Some(None)` when it names nothing known.
    fn item_scalar(&self, expression: &str) -> Option<Option<Decoded>> {
        let (found, item) = self.item?;
        let value = found.field(item, expression)?;
        let Some(value) = value else {
            return Some(None);
        };
        if !value.text().contains("{{") {
            return Some(Some(value.clone()));
        }
        let inner = Call {
            item: None,
            ..*self
        };
        let folded = inner.fold(found.source(), value.clone());
        Some(folded.unknown.is_none().then_some(folded.value))
    }
}
