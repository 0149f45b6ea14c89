//! The rule catalogue: one rule per file, each declared once with `declare_rule!`
//! ([`crate::rule`]), and the one list of all rules ([`ALL`]) that the runner,
//! `tlsrpt-lint rule`, the generated `docs/rules.md` and the renderers read.
//!
//! A rule is its identity ([`Rule`], a leaf that diagnostics and extractors name) plus an
//! optional [`Check`]: over one record ([`RecordCtx`]), or over a record set, all records at
//! one owner name, with the whole model to look up other names ([`SetCtx`]). Rules whose
//! findings come from the extractors (a syntax error, an unreadable file) have no check:
//! they exist here so that their documentation, selection and severity work like every
//! other rule's; their files are public so that extractors can name them without this
//! catalogue. Rule files are leaves: they import [`context`] and [`helpers`], never each
//! other (`.ci/imports.py` keeps that true).

pub mod context;
pub mod helpers;
pub mod run;

pub use crate::rule::Rule;
pub use context::{Check, RecordCtx, SetCtx};

mod authorization_at_wrong_name;
mod cname_at_policy_name;
mod cname_with_other_data;
mod control_character;
mod duplicate_field;
mod duplicate_uri;
mod empty_field;
mod empty_uri;
mod external_destination;
pub mod invalid_authorization_record;
mod invalid_extension;
mod invalid_https_uri;
mod invalid_mailto;
pub mod invalid_mta_sts_policy;
pub mod invalid_mta_sts_record;
mod legacy_policy_name;
mod mail_domain_without_tlsrpt;
mod mailto_header_fields;
mod missing_authorization;
mod missing_delimiter;
mod missing_rua;
mod missing_uri_scheme;
mod mta_sts_record_at_wrong_name;
mod mta_sts_without_tlsrpt;
mod multiple_mta_sts_records;
mod multiple_policy_records;
mod non_ascii;
pub mod octodns_double_escaped_semicolon;
pub mod octodns_unescaped_semicolon;
pub mod origin_appended_twice;
mod placeholder_destination;
mod policy_at_wrong_name;
pub mod provider_txt_quoting;
mod short_ttl;
pub mod source_syntax_error;
mod stray_whitespace;
mod suspicious_field;
pub mod tlsrpt_without_mta_sts;
pub mod txt_string_too_long;
mod unencoded_uri_character;
pub mod unevaluated_value;
mod unknown_field;
pub mod unquoted_txt_value;
pub mod unread_mention;
pub mod unreadable_file;
mod unrelated_txt_at_policy_name;
mod unsupported_uri_scheme;
pub mod unused_suppression;
mod version_mismatch;
mod version_not_first;
mod whitespace_before_delimiter;
// The 7xx rules: findings of `tlsrpt-lint report` (`crate::report`), which names them.
pub mod empty_report_field;
pub mod failure_rate_exceeded;
pub mod invalid_date_range;
pub mod missing_report_part;
pub mod not_a_tlsrpt_report;
pub mod report_domain_not_in_repo;
pub mod report_for_other_destination;
pub mod report_missing_field;
pub mod report_mx_not_in_repo;
pub mod report_policy_drift;
pub mod report_tlsa_drift;
pub mod report_wrong_type;
pub mod summary_detail_mismatch;
pub mod unknown_result_type;
pub mod unreadable_report;

/// Lists every rule once: `ALL` (identities, in code order: the order of the docs) and the
/// check each rule file declares beside its identity.
macro_rules! catalogue {
    ($($module:ident::$rule:ident),* $(,)?) => {
        /// Every rule, in code order (the order of the docs).
        pub static ALL: &[&Rule] = &[$(&$module::$rule),*];

        /// Each rule of [`ALL`] with its check, in the same order.
        static CHECKS: &[(&Rule, Option<Check>)] = &[$((&$module::$rule, $module::CHECK)),*];

        /// Each rule's findings over a value in either dialect, where it declares them (in
        /// code order): handed to checks in [`RecordCtx::field_checks`].
        static FIELDS: &[Option<helpers::FieldCheck>] = &[$($module::FIELDS),*];
    };
}

catalogue! {
    source_syntax_error::SOURCE_SYNTAX_ERROR,
    unevaluated_value::UNEVALUATED_VALUE,
    unreadable_file::UNREADABLE_FILE,
    unused_suppression::UNUSED_SUPPRESSION,
    unread_mention::UNREAD_MENTION,
    version_not_first::VERSION_NOT_FIRST,
    version_mismatch::VERSION_MISMATCH,
    missing_delimiter::MISSING_DELIMITER,
    whitespace_before_delimiter::WHITESPACE_BEFORE_DELIMITER,
    missing_rua::MISSING_RUA,
    empty_field::EMPTY_FIELD,
    stray_whitespace::STRAY_WHITESPACE,
    invalid_extension::INVALID_EXTENSION,
    unknown_field::UNKNOWN_FIELD,
    suspicious_field::SUSPICIOUS_FIELD,
    duplicate_field::DUPLICATE_FIELD,
    non_ascii::NON_ASCII,
    control_character::CONTROL_CHARACTER,
    missing_uri_scheme::MISSING_URI_SCHEME,
    unsupported_uri_scheme::UNSUPPORTED_URI_SCHEME,
    invalid_mailto::INVALID_MAILTO,
    invalid_https_uri::INVALID_HTTPS_URI,
    unencoded_uri_character::UNENCODED_URI_CHARACTER,
    empty_uri::EMPTY_URI,
    duplicate_uri::DUPLICATE_URI,
    mailto_header_fields::MAILTO_HEADER_FIELDS,
    placeholder_destination::PLACEHOLDER_DESTINATION,
    multiple_policy_records::MULTIPLE_POLICY_RECORDS,
    unrelated_txt_at_policy_name::UNRELATED_TXT_AT_POLICY_NAME,
    cname_with_other_data::CNAME_WITH_OTHER_DATA,
    cname_at_policy_name::CNAME_AT_POLICY_NAME,
    policy_at_wrong_name::POLICY_AT_WRONG_NAME,
    legacy_policy_name::LEGACY_POLICY_NAME,
    origin_appended_twice::ORIGIN_APPENDED_TWICE,
    txt_string_too_long::TXT_STRING_TOO_LONG,
    unquoted_txt_value::UNQUOTED_TXT_VALUE,
    short_ttl::SHORT_TTL,
    external_destination::EXTERNAL_DESTINATION,
    missing_authorization::MISSING_AUTHORIZATION,
    invalid_authorization_record::INVALID_AUTHORIZATION_RECORD,
    authorization_at_wrong_name::AUTHORIZATION_AT_WRONG_NAME,
    invalid_mta_sts_record::INVALID_MTA_STS_RECORD,
    multiple_mta_sts_records::MULTIPLE_MTA_STS_RECORDS,
    mta_sts_without_tlsrpt::MTA_STS_WITHOUT_TLSRPT,
    tlsrpt_without_mta_sts::TLSRPT_WITHOUT_MTA_STS,
    invalid_mta_sts_policy::INVALID_MTA_STS_POLICY,
    mta_sts_record_at_wrong_name::MTA_STS_RECORD_AT_WRONG_NAME,
    mail_domain_without_tlsrpt::MAIL_DOMAIN_WITHOUT_TLSRPT,
    octodns_unescaped_semicolon::OCTODNS_UNESCAPED_SEMICOLON,
    octodns_double_escaped_semicolon::OCTODNS_DOUBLE_ESCAPED_SEMICOLON,
    provider_txt_quoting::PROVIDER_TXT_QUOTING,
    report_missing_field::REPORT_MISSING_FIELD,
    report_wrong_type::REPORT_WRONG_TYPE,
    unknown_result_type::UNKNOWN_RESULT_TYPE,
    empty_report_field::EMPTY_REPORT_FIELD,
    invalid_date_range::INVALID_DATE_RANGE,
    summary_detail_mismatch::SUMMARY_DETAIL_MISMATCH,
    unreadable_report::UNREADABLE_REPORT,
    missing_report_part::MISSING_REPORT_PART,
    not_a_tlsrpt_report::NOT_A_TLSRPT_REPORT,
    failure_rate_exceeded::FAILURE_RATE_EXCEEDED,
    report_policy_drift::REPORT_POLICY_DRIFT,
    report_mx_not_in_repo::REPORT_MX_NOT_IN_REPO,
    report_tlsa_drift::REPORT_TLSA_DRIFT,
    report_for_other_destination::REPORT_FOR_OTHER_DESTINATION,
    report_domain_not_in_repo::REPORT_DOMAIN_NOT_IN_REPO,
}

/// Rules that run only when selected (`--select`, `select` or `[severity]` in the
/// configuration): audits that not every repository wants.
pub static OPT_IN: &[&Rule] = &[&mail_domain_without_tlsrpt::MAIL_DOMAIN_WITHOUT_TLSRPT];

/// Whether a rule runs unless told otherwise.
pub fn is_default(rule: &Rule) -> bool {
    !OPT_IN.contains(&rule)
}

/// Finds a rule by code (`TLSRPT105`, any case) or name (`missing-rua`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The check of a rule of [`ALL`].
pub fn check_of(rule: &Rule) -> Option<Check> {
    CHECKS
        .iter()
        .find(|(r, _)| *r == rule)
        .and_then(|(_, check)| *check)
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            assert!(rule.code.len() == 9 && rule.code.starts_with("TLSRPT"));
            assert!(rule.code[6..].bytes().all(|b| b.is_ascii_digit()));
            assert!(rule
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(!rule.summary.ends_with('.'), "{}", rule.name);
            assert!(
                rule.summary.starts_with(|c: char| !c.is_ascii_uppercase()),
                "{}",
                rule.name
            );
        }
        let in_order: Vec<_> = ALL.iter().map(|r| r.code).collect();
        assert_eq!(in_order, codes, "ALL is in code order");
    }

    #[test]
    fn every_rule_documents_every_section() {
        for rule in ALL {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## References",
            ] {
                assert!(rule.docs.contains(section), "{} lacks {section}", rule.name);
            }
        }
    }
}

#[cfg(test)]
mod tests;
