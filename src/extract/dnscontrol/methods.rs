//! What the evaluator does with `object.name` and `object.name(...)`: array methods
//! (`push`, `concat`, `forEach`, `map`, `join`), `Object.keys` and `Object.values`,
//! `length`, indexing and object properties.

use super::builtins::{Arg, Builtin};
use super::eval::{keys, Eval, MAX_ITEMS};
use super::expr::unknown;
use super::value::{number_text, At, JsValue};
use crate::text::Decoded;

impl<'a> Eval<'a> {
    /// `object.name(args)`.
    pub(super) fn method(
        &mut self,
        object: JsValue<'a>,
        name: &str,
        args: Vec<Arg<'a>>,
        at: At,
    ) -> JsValue<'a> {
        if let JsValue::Builtin(Builtin::Object) = object {
            return object_function(name, args.first(), at);
        }
        let JsValue::Array(items) = &object else {
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
                JsValue::Num(len as f64)
            }
            "concat" => {
                let mut all = items.borrow().clone();
                for a in args {
                    match a.value {
                        JsValue::Array(more) => all.extend(more.borrow().iter().cloned()),
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
                    return JsValue::Unknown(at);
                };
                if !self.charge(items.borrow().len(), at) {
                    return JsValue::Unknown(at);
                }
                let snapshot = items.borrow().clone();
                let mut results = Vec::new();
                for (i, item) in snapshot.into_iter().enumerate() {
                    let call_args = vec![
                        Arg { value: item, at },
                        Arg {
                            value: JsValue::Num(i as f64),
                            at,
                        },
                    ];
                    results.push(self.call(f.value.clone(), call_args, at));
                }
                if name == "map" {
                    self.array(results, at)
                } else {
                    JsValue::Undefined
                }
            }
            "join" => {
                let separator = match args.first().map(|a| &a.value) {
                    None => None,
                    Some(JsValue::Str(s)) => Some((s.clone(), args[0].at)),
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
                        JsValue::Str(s) => s.append_to(&mut text, at),
                        JsValue::Num(n) => text.push_escape(&number_text(*n), at.span),
                        other => return unknown(other.clone(), at),
                    }
                }
                self.string(text, at)
            }
            _ => JsValue::Unknown(at),
        }
    }
}

/// `Object.keys(value)` and `Object.values(value)`.
fn object_function<'a>(name: &str, arg: Option<&Arg<'a>>, at: At) -> JsValue<'a> {
    let Some(arg) = arg else {
        return JsValue::Unknown(at);
    };
    match (name, &arg.value) {
        ("keys", value) => {
            keys(value, at).map_or_else(|| unknown(value.clone(), at), JsValue::array)
        }
        ("values", JsValue::Object(props)) => {
            JsValue::array(props.borrow().iter().map(|(_, v)| v.clone()).collect())
        }
        ("values", JsValue::Array(items)) => JsValue::array(items.borrow().clone()),
        (_, value) => unknown(value.clone(), at),
    }
}

/// `object.name`.
pub(super) fn member<'a>(object: &JsValue<'a>, name: &str, at: At) -> JsValue<'a> {
    match (object, name) {
        (JsValue::Array(items), "length") => JsValue::Num(items.borrow().len() as f64),
        // `for...in` gives an array's indices as strings.
        (JsValue::Array(_), key) if key.parse::<u32>().is_ok_and(|n| n.to_string() == key) => {
            index(
                object,
                f64::from(key.parse::<u32>().unwrap_or_default()),
                at,
            )
        }
        (JsValue::Str(s), "length") => JsValue::Num(s.as_str().encode_utf16().count() as f64),
        (JsValue::Object(props), _) => props
            .borrow()
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map_or(JsValue::Undefined, |(_, v)| v.clone()),
        (JsValue::Unknown(_), _) => object.clone(),
        _ => JsValue::Unknown(at),
    }
}

/// `object[n]`.
pub(super) fn index<'a>(object: &JsValue<'a>, n: f64, at: At) -> JsValue<'a> {
    match object {
        JsValue::Array(items) if n >= 0.0 && n.fract() == 0.0 => items
            .borrow()
            .get(n as usize)
            .cloned()
            .unwrap_or(JsValue::Undefined),
        JsValue::Unknown(_) => object.clone(),
        _ => JsValue::Unknown(at),
    }
}
