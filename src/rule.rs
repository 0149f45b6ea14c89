//! A rule's identity: its code, name, default severity, summary, documentation and the
//! metadata code scanning reads (security severity, precision, tags), and [`declare_rule!`].
//!
//! This is a leaf. Diagnostics point at a [`Rule`], and extractors emit the rules whose
//! findings they make (`source-syntax-error`, `unevaluated-value`); both name a rule without
//! depending on any rule's logic. The checks live apart, in `rules::Check`, keyed by the
//! identity, so the catalogue of what a rule *is* does not import what rules *look at*.

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How often a rule's findings are right (SARIF `precision`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// The rule judges grammar: a finding is a fact.
    VeryHigh,
    /// The rule judges intent ("this was meant as a policy"), and so can be wrong.
    High,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
        }
    }
}

/// What a rule is, apart from what it checks.
#[derive(Debug)]
pub struct Rule {
    /// `TLSRPT105`: never reused.
    pub code: &'static str,
    /// `missing-rua`: reads well after "allow".
    pub name: &'static str,
    pub severity: Severity,
    /// One lowercase line, no final period.
    pub summary: &'static str,
    /// Markdown: What it does, Why is this bad?, Example, Use instead, References.
    pub docs: &'static str,
    /// SARIF `security-severity` (`"5.0"`), which makes GitHub file an alert as a security
    /// alert. Set only where a broken record means TLS failures go unreported, so mail can be
    /// downgraded to clear text without anyone hearing of it: the error rules of the policy
    /// (1xx) and its destinations (2xx), whose findings make senders discard the policy or
    /// leave them nowhere to send reports; `placeholder-destination`; the zone-file rules
    /// after which the published value is not the written one (308, 309); and
    /// `invalid-mta-sts-record` and `invalid-mta-sts-policy`, which turn MTA-STS itself off.
    /// Not set: source and third-party-authorization rules, and warnings about records that
    /// still work.
    pub security_severity: Option<&'static str>,
    pub precision: Precision,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code == other.code
    }
}

impl Rule {
    /// The rule group, from the hundreds digit of the code (as in `RULES.md`).
    pub fn group(&self) -> &'static str {
        match self.code.as_bytes().get(6) {
            Some(b'0') => "source",
            Some(b'1') => "policy",
            Some(b'2') => "destination",
            Some(b'3') => "record-set",
            Some(b'4') => "authorization",
            Some(b'5') => "mta-sts",
            Some(b'7') => "report",
            _ => "deploy",
        }
    }

    /// The tags code scanning shows: the tool's, the group's, and `security` for rules
    /// with a security severity.
    pub fn tags(&self) -> Vec<&'static str> {
        let mut tags = vec!["tls-rpt", "dns", self.group()];
        if self.security_severity.is_some() {
            tags.push("security");
        }
        tags
    }
}

/// Declares a rule in its own file: its identity as a `static` (the doc comment becomes its
/// documentation) and its check, if any, as `CHECK` beside it, which `rules::ALL` pairs
/// with the identity. `security_severity` and `precision` are optional (none, `VeryHigh`); `fields` names
/// a 1xx rule's findings over a value in either dialect, which `invalid-mta-sts-record`
/// reports for `_mta-sts` records (through `RecordCtx::field_checks`, not an import).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            $(security_severity: $security:literal,)?
            $(precision: $precision:ident,)?
            $(fields: $fields:path,)?
            check: $check:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rule::Rule = $crate::rule::Rule {
            code: $code,
            name: $name,
            severity: $crate::rule::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),+),
            security_severity: declare_rule!(@some $($security)?),
            precision: declare_rule!(@precision $($precision)?),
        };

        /// This rule's check, paired with its identity in `rules::ALL`.
        pub(super) const CHECK: Option<$crate::rules::context::Check> = $check;

        /// This rule's findings over a value in either dialect, for `_mta-sts` records.
        pub(super) const FIELDS: Option<$crate::rules::helpers::FieldCheck> =
            declare_rule!(@fields $($fields)?);
    };
    (@fields) => { None };
    (@fields $fields:path) => { Some($fields) };
    (@some) => { None };
    (@some $value:literal) => { Some($value) };
    (@precision) => { $crate::rule::Precision::VeryHigh };
    (@precision $precision:ident) => { $crate::rule::Precision::$precision };
}
