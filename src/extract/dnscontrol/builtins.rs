//! dnscontrol's own functions, as the evaluator sees them: `D`, `D_EXTEND`, `TXT`,
//! `CNAME`, `TTL`/`DefaultTTL` and `require` do what dnscontrol does; every other function
//! of its language reference makes something no rule reads (records of other types,
//! registrars, providers, builders) and evaluates to an inert modifier, so it is neither
//! reported nor mistaken for a record. A name outside this list is an unknown value.

use std::rc::Rc;

use super::eval::Eval;
use super::value::{At, Modifier, RecordCall, Str, Value};
use crate::text::Decoded;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    D,
    DExtend,
    Txt,
    Cname,
    Ttl,
    Require,
    /// Any other function of dnscontrol's language.
    Other,
}

/// dnscontrol functions that make nothing a rule reads (v4 language reference).
const OTHER: &[&str] = &[
    "A",
    "AAAA",
    "ALIAS",
    "AUTODNSSEC_OFF",
    "AUTODNSSEC_ON",
    "AZURE_ALIAS",
    "CAA",
    "CAA_BUILDER",
    "CF_REDIRECT",
    "CF_SINGLE_REDIRECT",
    "CF_TEMP_REDIRECT",
    "CF_WORKER_ROUTE",
    "CLOUDNS_WR",
    "DHCID",
    "DISABLE_IGNORE_SAFETY_CHECK",
    "DISABLE_REPEATED_DOMAIN_CHECK",
    "DKIM_BUILDER",
    "DMARC_BUILDER",
    "DNAME",
    "DNSKEY",
    "DOMAIN_ELSEWHERE",
    "DOMAIN_ELSEWHERE_AUTO",
    "DS",
    "DnsProvider",
    "FRAME",
    "HTTPS",
    "IGNORE",
    "IGNORE_NAME",
    "IGNORE_TARGET",
    "INCLUDE",
    "IP",
    "LOC",
    "LOC_BUILDER_DD",
    "LOC_BUILDER_DMM_STR",
    "LOC_BUILDER_DMS_STR",
    "LOC_BUILDER_STR",
    "M365_BUILDER",
    "MX",
    "NAMESERVER",
    "NAMESERVER_TTL",
    "NAPTR",
    "NO_PURGE",
    "NS",
    "NS1_URLFWD",
    "NewDnsProvider",
    "NewRegistrar",
    "OPENPGPKEY",
    "PANIC",
    "PTR",
    "PURGE",
    "R53_ALIAS",
    "REV",
    "SMIMEA",
    "SOA",
    "SPF_BUILDER",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "UNMANAGED",
    "URL",
    "URL301",
];

/// The global bindings dnscontrol provides.
pub fn globals() -> impl Iterator<Item = (&'static str, Builtin)> {
    [
        ("D", Builtin::D),
        ("D_EXTEND", Builtin::DExtend),
        ("TXT", Builtin::Txt),
        ("CNAME", Builtin::Cname),
        ("TTL", Builtin::Ttl),
        ("DefaultTTL", Builtin::Ttl),
        ("require", Builtin::Require),
    ]
    .into_iter()
    .chain(OTHER.iter().map(|&name| (name, Builtin::Other)))
}

/// One argument: its value and where it was written.
pub struct Arg<'a> {
    pub value: Value<'a>,
    pub at: At,
}

/// Calls `builtin` at `at` with `args`.
pub fn call<'a>(eval: &mut Eval<'a>, builtin: Builtin, args: Vec<Arg<'a>>, at: At) -> Value<'a> {
    match builtin {
        Builtin::D | Builtin::DExtend => {
            eval.domain(builtin == Builtin::DExtend, args);
            Value::Undefined
        }
        Builtin::Txt | Builtin::Cname => record(builtin, args, at),
        Builtin::Ttl => match args.first().map(|a| &a.value) {
            Some(Value::Num(n)) if (0.0..=u32::MAX as f64).contains(n) => {
                Value::Modifier(Modifier::Ttl(*n as u32, args[0].at))
            }
            _ => Value::Modifier(Modifier::Other),
        },
        Builtin::Require => match args.first() {
            Some(Arg {
                value: Value::Str(path),
                at: path_at,
            }) => eval.require(path.as_str(), *path_at),
            Some(arg) => unknown_of(&arg.value, arg.at),
            None => Value::Unknown(at),
        },
        Builtin::Other => Value::Modifier(Modifier::Other),
    }
}

/// `TXT(name, value, ...)` or `CNAME(name, target, ...)`.
fn record<'a>(builtin: Builtin, args: Vec<Arg<'a>>, at: At) -> Value<'a> {
    let rtype = if builtin == Builtin::Txt {
        "TXT"
    } else {
        "CNAME"
    };
    let mut args = args.into_iter();
    let name = args.next().map_or(Err(at), |a| string(&a.value, a.at));
    let target = match args.next() {
        Some(Arg {
            value: Value::Array(items),
            at: arg_at,
        }) if builtin == Builtin::Txt => join(&items.borrow(), arg_at),
        Some(a) => string(&a.value, a.at),
        None => Err(at),
    };
    let ttl = args.find_map(|a| match a.value {
        Value::Modifier(Modifier::Ttl(ttl, at)) => Some((ttl, at)),
        _ => None,
    });
    Value::Record(Rc::new(RecordCall {
        rtype,
        at,
        name,
        target,
        ttl,
    }))
}

/// A string argument anchored in the call's file; `Err` with where it is unknown.
fn string(value: &Value<'_>, at: At) -> Result<Str, At> {
    match value {
        Value::Str(s) => Ok(s.anchored(at)),
        other => Err(unknown_at(other, at)),
    }
}

/// An array of strings joined with no separator, as dnscontrol has done since v4.7.2.
fn join(items: &[Value<'_>], at: At) -> Result<Str, At> {
    let mut text = Decoded::default();
    for item in items {
        match item {
            Value::Str(s) => s.append_to(&mut text, at),
            other => return Err(unknown_at(other, at)),
        }
    }
    Ok(Str {
        file: at.file,
        text,
    })
}

/// Where a value that is not a string is unknown: its own origin, or `at`.
fn unknown_at(value: &Value<'_>, at: At) -> At {
    match value {
        Value::Unknown(inner) => *inner,
        _ => at,
    }
}

fn unknown_of<'a>(value: &Value<'a>, at: At) -> Value<'a> {
    Value::Unknown(unknown_at(value, at))
}
