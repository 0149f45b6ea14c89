//! URI problems the 2xx rules share: a scheme's URI check run over every URI of a value,
//! and a scheme name that lost its `:` (`invalid-mailto`, `invalid-https-uri`).

use std::ops::Range;

use super::Finding;
use crate::diagnostic::Applicability;
use crate::record::dialect::Value;
use crate::uri::{Scheme, Uri};

/// A scheme's URI check: the first problem of a URI, with its range and message.
pub type UriCheck = fn(&str, &Uri) -> Option<(Range<u32>, String)>;

/// What `problem` finds in each URI of `scheme`, with `help`, and the scheme's name where it
/// lost its `:`. Used by
/// `invalid-mailto` and `invalid-https-uri`.
pub fn scheme_findings(
    v: &Value<'_>,
    scheme: Scheme,
    problem: UriCheck,
    help: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = v
        .checked_uris()
        .filter(|u| u.scheme_kind(v.text) == Some(scheme))
        .filter_map(|u| problem(v.text, &u))
        .map(|(range, message)| Finding::new(range, message).help(help))
        .collect();
    let name = match scheme {
        Scheme::Mailto => "mailto",
        Scheme::Https => "https",
        Scheme::Other => return out,
    };
    out.extend(bare_scheme_findings(v, name));
    out
}

/// `rua=mailto;a@example.com` and `rua=mailto`: a scheme name that lost its `:`.
fn bare_scheme_findings(v: &Value<'_>, scheme: &str) -> Vec<Finding> {
    let s = v.syntax;
    let mut out = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let Some(last) = f.uris.as_ref().and_then(|l| l.uris.last()) else {
            continue;
        };
        if !v.str(last).eq_ignore_ascii_case(scheme) {
            continue;
        }
        out.push(match v.scheme_then_semicolon(i) {
            Some((written, semicolon)) => Finding::new(
                semicolon.clone(),
                format!("`{written}` is followed by `;` instead of `:`"),
            )
            .label("this ends the field")
            .help(format!("write `{written}:`"))
            .fix_one("write `:`", Applicability::Safe, semicolon, ":"),
            None => Finding::new(
                last.clone(),
                format!("`{}` has no `:` and nothing after it", v.str(last)),
            )
            .help("give a full URI, like `mailto:tlsrpt@example.com`"),
        });
    }
    out
}
