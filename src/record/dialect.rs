//! The field grammar's two dialects, and a parsed value seen in one.
//!
//! RFC 8460 §3 (TLS-RPT) and RFC 8461 §3.1 (MTA-STS) use the same `key=value` grammar with a
//! different version literal and required field. A [`ParsedValue`] carries its [`Dialect`], so the
//! 1xx rules are written once over it, `invalid-mta-sts-record` reuses them for `_mta-sts`
//! records through the dialect's data, and the inventory reads policies the same way.

use std::borrow::Cow;
use std::ops::Range;

use super::{slice, Field, Syntax};
use crate::uri::{self, Uri};

/// A family of `key=value` records.
pub struct Dialect {
    /// How messages name the record: "policy".
    pub record: &'static str,
    /// The version value: `TLSRPTv1`.
    pub version: &'static str,
    /// The lowercase start of a version value that shows intent: `tlsrpt`.
    pub stem: &'static str,
    /// The one required field besides `v`: `rua`.
    pub required: &'static str,
    /// Whether the required field lists report destinations: a bare URI then stands for it
    /// (a `rua=` that lost its name), and a field misspelt for it is found by what it
    /// holds, not only by its name in another case.
    pub required_lists_uris: bool,
    /// The help for a record without the required field: what to add.
    pub missing_help: &'static str,
}

pub static TLSRPT: Dialect = Dialect {
    record: "policy",
    version: "TLSRPTv1",
    stem: "tlsrpt",
    required: "rua",
    required_lists_uris: true,
    missing_help: "add a `rua=` field with a `mailto:` or `https:` destination",
};

pub static STS: Dialect = Dialect {
    record: "`_mta-sts` record",
    version: "STSv1",
    stem: "sts",
    required: "id",
    required_lists_uris: false,
    missing_help:
        "add an `id=` field (1 to 32 letters or digits) that changes with every policy update",
};

/// A parsed TXT value and the dialect it is judged in.
pub struct ParsedValue<'a> {
    pub text: &'a str,
    pub syntax: &'a Syntax,
    pub dialect: &'static Dialect,
}

impl<'a> ParsedValue<'a> {
    pub fn str(&self, range: &Range<u32>) -> &'a str {
        slice(self.text, range)
    }

    pub fn name(&self, field: &Field) -> Cow<'a, str> {
        field.name_in(self.text)
    }

    /// The first field with content, when it reads as an attempt at the version field.
    pub fn version(&self) -> Option<(usize, &'a Field)> {
        self.syntax
            .first()
            .filter(|(_, f)| is_version_attempt(self, f))
    }

    /// Whether `index` is the version field.
    pub fn is_version(&self, index: usize) -> bool {
        self.version().is_some_and(|(i, _)| i == index)
    }

    /// Whether a field has exactly this (cleaned) name.
    pub fn has_field(&self, name: &str) -> bool {
        self.syntax.fields.iter().any(|f| self.name(f) == name)
    }

    /// `v=TLSRPTv1`.
    pub fn version_field(&self) -> String {
        format!("v={}", self.dialect.version)
    }

    /// Every URI of every `rua` field: (field index, URI range).
    pub fn uris(&self) -> impl Iterator<Item = (usize, &'a Range<u32>)> + 'a {
        self.syntax.fields.iter().enumerate().flat_map(|(i, f)| {
            f.uris
                .iter()
                .flat_map(move |l| l.uris.iter().map(move |u| (i, u)))
        })
    }

    /// Every non-empty URI without a placeholder, parsed: what the URI checks judge (an empty
    /// URI is `empty-uri`'s, a placeholder `placeholder-destination`'s).
    pub fn checked_uris(&self) -> impl Iterator<Item = Uri> + 'a {
        let text = self.text;
        self.uris()
            .filter(move |(_, r)| !r.is_empty() && uri::placeholder(text, r).is_none())
            .map(move |(_, r)| Uri::parse(text, r.clone()))
    }

    /// `rua=mailto;a@example.com`: the URI at the end of field `index` is a bare scheme name
    /// and the `;` after it should have been `:`. Returns the scheme and the `;`.
    pub fn scheme_then_semicolon(&self, index: usize) -> Option<(&'a str, Range<u32>)> {
        let list = self.syntax.fields.get(index)?.uris.as_ref()?;
        let scheme = self.str(list.uris.last()?);
        let delimiter = self.syntax.delimiters.get(index)?;
        let next = self.syntax.fields.get(index + 1)?;
        (bare_scheme(scheme)
            && delimiter.kind.is_semicolon()
            && next.eq.is_none()
            && !next.is_empty())
        .then(|| (scheme, delimiter.range.clone()))
    }

    /// Whether field `index` is the address after `rua=mailto;` (reported as one problem by
    /// `invalid-mailto`).
    pub fn is_after_scheme_semicolon(&self, index: usize) -> bool {
        index > 0 && self.scheme_then_semicolon(index - 1).is_some()
    }
}

/// `mailto` or `https` alone, any case: a scheme that lost its `:`.
pub fn bare_scheme(text: &str) -> bool {
    text.eq_ignore_ascii_case("mailto") || text.eq_ignore_ascii_case("https")
}

/// Whether `field` reads as the version field: named `v` in any case (or `version`), or a
/// bare `TLSRPTv1` without `v=`.
pub fn is_version_attempt(value: &ParsedValue<'_>, field: &Field) -> bool {
    let name = value.name(field).to_ascii_lowercase();
    match field.eq {
        Some(_) => name == "v" || name == "version",
        None => name.starts_with(value.dialect.stem),
    }
}
