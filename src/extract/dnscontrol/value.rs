//! The values the dnscontrol evaluator computes with.
//!
//! A string is a [`Str`]: a [`Decoded`] whose pieces point into the string and template
//! literals it was built from, in the file ([`FileId`]) those literals are in. Concatenation
//! keeps the pieces, so a finding in a value built as `"v=TLSRPTv1; " + RUA` still lands
//! on the byte inside the literal. Pieces from another file (a helper that `require`d
//! values come from) are re-anchored, as one atomic piece, on the expression that brought
//! them into the current file: a record lives in one file.
//!
//! What cannot be known offline is [`JsValue::Unknown`], carrying the expression it came
//! from, so a record name or value built from it is reported there (TLSRPT002); a string
//! known up to such an expression is [`JsValue::Partial`], so the literal labels of a name
//! like `` `_smtp.tls.${domain}` `` can still be checked.

use std::cell::RefCell;
use std::rc::Rc;

use oxc_ast::ast::{FormalParameters, FunctionBody};

use super::builtins::Builtin;
use super::scope::Scope;
use crate::text::{Decoded, Span};

/// An index into the files the evaluator has read (0 is `dnsconfig.js`).
pub type FileId = usize;

/// Where something was written: a file and a span in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct At {
    pub file: FileId,
    pub span: Span,
}

/// A string value and where each of its bytes was written; cheap to clone.
#[derive(Clone, Debug)]
pub struct Str {
    pub file: FileId,
    pub text: Rc<Decoded>,
}

impl Str {
    /// This string as seen from `at.file`: itself, or, when it was written in another file,
    /// one piece over the expression at `at` that brought it here.
    pub fn anchored(&self, at: At) -> Str {
        let mut text = Decoded::default();
        self.append_to(&mut text, at);
        Str {
            file: at.file,
            text: Rc::new(text),
        }
    }

    /// Appends this string to `out`, a value in `at.file`, anchored as [`Str::anchored`].
    pub fn append_to(&self, out: &mut Decoded, at: At) {
        if self.file != at.file {
            out.push_escape(self.text.text(), at.span);
            return;
        }
        out.append(&self.text);
    }

    pub fn as_str(&self) -> &str {
        self.text.text()
    }
}

/// A user-defined function (declaration, expression or arrow) and the scope it closes over.
pub struct Closure<'a> {
    pub file: FileId,
    pub params: &'a FormalParameters<'a>,
    pub body: &'a FunctionBody<'a>,
    /// An arrow function whose body is one expression (`x => x + "."`).
    pub expression: bool,
    pub scope: Rc<Scope<'a>>,
}

/// A record made by `TXT()`, `CNAME()`, `MX()` or `TLSA()`, not yet placed in a domain:
/// the same call made once and used in three domains gives three records.
#[derive(Debug)]
pub struct RecordCall {
    pub rtype: &'static str,
    /// The whole call.
    pub at: At,
    /// The name as written (relative to the domain, `@` for the apex), anchored in the
    /// call's file.
    pub name: Result<Str, At>,
    /// The known leading part of a name that is not wholly known.
    pub partial_name: Option<Str>,
    /// The TXT value (arrays already joined), the CNAME target or the MX exchange, anchored
    /// likewise; empty for TLSA.
    pub target: Result<Str, At>,
    /// A `TTL()` modifier among the record's arguments.
    pub ttl: Option<(u32, At)>,
}

/// A modifier of a record or a domain that is not itself a record.
#[derive(Clone, Copy, Debug)]
pub enum Modifier {
    Ttl(u32, At),
    /// dnscontrol's other functions (registrars, providers, records of other types...):
    /// nothing here the linter reads.
    Other,
}

#[derive(Clone)]
pub enum JsValue<'a> {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    Str(Str),
    Array(Rc<RefCell<Vec<JsValue<'a>>>>),
    /// An object literal's properties, in order.
    Object(Rc<RefCell<Vec<(String, JsValue<'a>)>>>),
    Func(Rc<Closure<'a>>),
    Builtin(Builtin),
    Record(Rc<RecordCall>),
    Modifier(Modifier),
    /// Computed from something that cannot be known offline, at this expression.
    Unknown(At),
    /// A string whose leading part is known and whose rest is computed from what cannot be
    /// known offline (`` `_smtp.tls.${domain}` ``): the known part, and where the rest is
    /// unknown. Anything but string concatenation treats it as [`JsValue::Unknown`].
    Partial(Str, At),
}

impl<'a> JsValue<'a> {
    pub fn array(items: Vec<JsValue<'a>>) -> JsValue<'a> {
        JsValue::Array(Rc::new(RefCell::new(items)))
    }

    /// JavaScript truthiness; `None` for an unknown value.
    pub fn truthy(&self) -> Option<bool> {
        Some(match self {
            JsValue::Undefined | JsValue::Null => false,
            JsValue::Bool(b) => *b,
            JsValue::Num(n) => *n != 0.0 && !n.is_nan(),
            JsValue::Str(s) => !s.as_str().is_empty(),
            JsValue::Unknown(_) | JsValue::Partial(..) => return None,
            _ => true,
        })
    }

    /// Where an unknown (or partly known) value stops being known.
    pub fn unknown_at(&self) -> Option<At> {
        match self {
            JsValue::Unknown(at) | JsValue::Partial(_, at) => Some(*at),
            _ => None,
        }
    }
}

/// A number as JavaScript prints it (integers without a fraction).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
