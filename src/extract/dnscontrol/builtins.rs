//! dnscontrol's own functions, as the evaluator sees them: `D`, `D_EXTEND`, `TXT`,
//! `CNAME`, `MX`, `TLSA`, `TTL`/`DefaultTTL`, `require` and `require_glob` do what
//! dnscontrol does (`Object.keys` and `Object.values` too, for loops over domains); every
//! other function of its language reference makes something no rule reads (records of
//! other types, registrars, providers, builders) and evaluates to an inert modifier, so it
//! is neither
//! reported nor mistaken for a record. A name outside this list is an unknown value.

use std::rc::Rc;

use super::eval::{Eval, BYTES_PER_STEP};
use super::value::{At, JsValue, Modifier, RecordCall, Str};
use crate::text::Decoded;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    D,
    DExtend,
    Txt,
    Cname,
    /// `MX` and `TLSA`: the mail hosts and their DANE, which stands in for MTA-STS.
    Mx,
    Tlsa,
    Ttl,
    Require,
    RequireGlob,
    /// `Object`, for `Object.keys` and `Object.values`.
    Object,
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
    // Not a function: the empty object that allows a trailing comma.
    "END",
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
        ("MX", Builtin::Mx),
        ("TLSA", Builtin::Tlsa),
        ("TTL", Builtin::Ttl),
        ("DefaultTTL", Builtin::Ttl),
        ("require", Builtin::Require),
        ("require_glob", Builtin::RequireGlob),
        ("Object", Builtin::Object),
    ]
    .into_iter()
    .chain(OTHER.iter().map(|&name| (name, Builtin::Other)))
}

/// One argument: its value and where it was written.
pub struct Arg<'a> {
    pub value: JsValue<'a>,
    pub at: At,
}

/// Calls `builtin` at `at` with `args`.
pub fn call<'a>(eval: &mut Eval<'a>, builtin: Builtin, args: Vec<Arg<'a>>, at: At) -> JsValue<'a> {
    match builtin {
        Builtin::D | Builtin::DExtend => {
            eval.domain(builtin == Builtin::DExtend, args, at);
            JsValue::Undefined
        }
        Builtin::Txt | Builtin::Cname | Builtin::Mx | Builtin::Tlsa => {
            // The name and value are copied into the record: charge for the bytes.
            let bytes: usize = args
                .iter()
                .take(2)
                .map(|a| match &a.value {
                    JsValue::Str(s) => s.text.len() as usize,
                    JsValue::Array(items) => items.borrow().len(),
                    _ => 0,
                })
                .sum();
            if !eval.charge(bytes / BYTES_PER_STEP, at) {
                return JsValue::Unknown(at);
            }
            record(builtin, args, at)
        }
        Builtin::Ttl => {
            let ttl = match args.first().map(|a| &a.value) {
                Some(JsValue::Num(n)) if (0.0..=u32::MAX as f64).contains(n) => Some(*n as u32),
                Some(JsValue::Str(s)) => duration(s.as_str()),
                _ => None,
            };
            match ttl {
                Some(ttl) => JsValue::Modifier(Modifier::Ttl(ttl, args[0].at)),
                None => JsValue::Modifier(Modifier::Other),
            }
        }
        Builtin::Require => match args.first() {
            Some(Arg {
                value: JsValue::Str(path),
                at: path_at,
            }) => eval.require(path.as_str(), *path_at),
            Some(arg) => unknown_of(&arg.value, arg.at),
            None => JsValue::Unknown(at),
        },
        Builtin::RequireGlob => match args.first() {
            Some(Arg {
                value: JsValue::Str(path),
                at: path_at,
            }) => {
                let recursive = args.get(1).is_none_or(|a| a.value.truthy() != Some(false));
                eval.require_glob(path.as_str(), recursive, *path_at)
            }
            Some(arg) => unknown_of(&arg.value, arg.at),
            None => JsValue::Unknown(at),
        },
        Builtin::Object => JsValue::Unknown(at),
        Builtin::Other => JsValue::Modifier(Modifier::Other),
    }
}

/// A TTL written as dnscontrol's `TTL()` takes a string: seconds, or numbers with units
/// `s`, `m`, `h`, `d`, `w` (`"1h30m"`).
fn duration(text: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let mut number: Option<u32> = None;
    for c in text.trim().chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(digit)?);
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
    }
    match number {
        Some(seconds) => total.checked_add(seconds),
        None if !text.trim().is_empty() => Some(total),
        None => None,
    }
}

/// `TXT(name, value, ...)`, `CNAME(name, target, ...)`, `MX(name, priority, target, ...)`
/// or `TLSA(name, usage, selector, type, certificate, ...)`, whose data is not read.
fn record<'a>(builtin: Builtin, args: Vec<Arg<'a>>, at: At) -> JsValue<'a> {
    let (rtype, skipped) = match builtin {
        Builtin::Txt => ("TXT", 0),
        Builtin::Cname => ("CNAME", 0),
        Builtin::Mx => ("MX", 1),
        _ => ("TLSA", 3),
    };
    let mut args = args.into_iter();
    let first = args.next();
    let name = first.as_ref().map_or(Err(at), |a| string(&a.value, a.at));
    let partial_name = match &first {
        Some(Arg {
            value: JsValue::Partial(known, _),
            at,
        }) => Some(known.anchored(*at)),
        _ => None,
    };
    let target = match args.nth(skipped) {
        _ if builtin == Builtin::Tlsa => Ok(Str {
            file: at.file,
            text: Rc::new(Decoded::default()),
        }),
        Some(Arg {
            value: JsValue::Array(items),
            at: arg_at,
        }) if builtin == Builtin::Txt => join(&items.borrow(), arg_at),
        Some(a) => string(&a.value, a.at),
        None => Err(at),
    };
    let ttl = args.find_map(|a| match a.value {
        JsValue::Modifier(Modifier::Ttl(ttl, at)) => Some((ttl, at)),
        _ => None,
    });
    JsValue::Record(Rc::new(RecordCall {
        rtype,
        at,
        name,
        partial_name,
        target,
        ttl,
    }))
}

/// A string argument anchored in the call's file; `Err` with where it is unknown.
fn string(value: &JsValue<'_>, at: At) -> Result<Str, At> {
    match value {
        JsValue::Str(s) => Ok(s.anchored(at)),
        other => Err(unknown_at(other, at)),
    }
}

/// An array of strings joined with no separator, as dnscontrol has done since v4.7.2.
fn join(items: &[JsValue<'_>], at: At) -> Result<Str, At> {
    let mut text = Decoded::default();
    for item in items {
        match item {
            JsValue::Str(s) => s.append_to(&mut text, at),
            other => return Err(unknown_at(other, at)),
        }
    }
    Ok(Str {
        file: at.file,
        text: Rc::new(text),
    })
}

/// Where a value that is not a string is unknown: its own origin, or `at`.
fn unknown_at(value: &JsValue<'_>, at: At) -> At {
    value.unknown_at().unwrap_or(at)
}

fn unknown_of<'a>(value: &JsValue<'a>, at: At) -> JsValue<'a> {
    JsValue::Unknown(unknown_at(value, at))
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn ttl_strings() {
        assert_eq!(duration("300"), Some(300));
        assert_eq!(duration("1h30m"), Some(5400));
        assert_eq!(duration("1D"), Some(86_400));
        assert_eq!(duration("2w5"), Some(1_209_605));
        assert_eq!(duration(""), None);
        assert_eq!(duration("h"), None);
        assert_eq!(duration("1x"), None);
        assert_eq!(duration("99999999999"), None);
    }
}
