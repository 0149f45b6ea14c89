//! The reporting names, in one place: which owner names are TLS-RPT policies
//! (`_smtp._tls.<domain>`), third-party authorizations (`<domain>._report._tls.<host>`),
//! MTA-STS records (`_mta-sts.<domain>`) or DANE for SMTP (`_25._tcp.<host>`); which TXT
//! values read as TLS-RPT or MTA-STS records wherever they are published; the labels
//! people write instead of `_smtp._tls` and the policy name they meant; and the markers
//! that make a piece of source worth reading closely. The extractors, the model, the
//! inventory, the mention scanner and the name rules all ask this module; it imports
//! nothing.

/// The labels of a policy name, before the policy domain.
pub const POLICY_LABELS: &str = "_smtp._tls";

/// The label of an MTA-STS record's name, before the policy domain.
pub const MTA_STS_LABEL: &str = "_mta-sts";

/// The draft-era policy labels (draft-ietf-uta-smtp-tlsrpt-00 and -01).
pub const LEGACY: &[&str] = &["_smtp-tlsrpt", "_smtp_tlsrpt"];

/// Labels written where `_smtp._tls` belongs (the mention scanner's policy-name markers
/// are made from these, [`crate::mentions`]).
pub const MISSPELT: &[&str] = &[
    "_smtp",
    "_smpt",
    "_stmp",
    "_tls",
    "_smtp_tls",
    "_smtp-tls",
    "_smtptls",
    "_tlsrpt",
    "_mta-sts",
    "_smtp-tlsrpt",
    "_smtp_tlsrpt",
];

/// What a record is for, decided by its owner name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// `_smtp._tls.<domain>`: an RFC 8460 policy.
    Policy,
    /// `<policy-domain>._report._tls.<destination>`: a third-party authorization.
    Authorization,
    /// `_mta-sts.<domain>`: the RFC 8461 companion.
    MtaSts,
    /// Anything else a rule looked at.
    Other,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Policy => "policy",
            RecordKind::Authorization => "authorization",
            RecordKind::MtaSts => "mta-sts",
            RecordKind::Other => "other",
        }
    }

    /// The labels that make a name this kind's (`_smtp._tls`; empty for [`RecordKind::Other`]).
    pub fn labels(self) -> &'static str {
        match self {
            RecordKind::Policy => POLICY_LABELS,
            RecordKind::MtaSts => MTA_STS_LABEL,
            RecordKind::Authorization => "_report._tls",
            RecordKind::Other => "",
        }
    }

    /// The kind of a record owned by `name` (absolute or relative; case-insensitive).
    pub fn of_name(name: &str) -> RecordKind {
        let lower = name.to_ascii_lowercase();
        let mut labels = lower.split('.');
        match (labels.next(), labels.next()) {
            (Some("_smtp"), Some("_tls")) => return RecordKind::Policy,
            // `_mta-sts._tls.example.com.` is a misplaced record of `example.com`, not the
            // MTA-STS record of a domain `_tls.example.com`.
            (Some("_mta-sts"), Some("_tls")) => return RecordKind::Other,
            (Some("_mta-sts"), _) => return RecordKind::MtaSts,
            _ => {}
        }
        let labels: Vec<&str> = lower.split('.').collect();
        if labels
            .windows(2)
            .skip(1)
            .any(|w| w[0] == "_report" && w[1] == "_tls")
        {
            return RecordKind::Authorization;
        }
        RecordKind::Other
    }
}

/// Whether a TXT value reads as a TLS-RPT or MTA-STS record: after any whitespace and
/// quotes it starts with `v=tlsrpt` or `v=sts`, in any case. Such a record is worth keeping
/// and checking whatever name it is published at.
pub fn is_reporting_value(value: &[u8]) -> bool {
    let lead = value
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'"' | b'\''))
        .count();
    let rest = &value[lead..];
    [&b"v=tlsrpt"[..], b"v=sts"]
        .iter()
        .any(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p))
}

/// Whether a TXT value begins (after spaces and quotes) with `v=TLSRPT`, in any case: a
/// TLS-RPT policy or authorization record, wherever it is published.
pub fn is_tlsrpt_value(text: &str) -> bool {
    begins_with(text, "v=tlsrpt")
}

/// Whether a TXT value begins (after spaces and quotes) with `v=STSv1`, in any case: an
/// MTA-STS record, wherever it is published.
pub fn is_sts_value(text: &str) -> bool {
    begins_with(text, "v=stsv1")
}

/// Whether a TXT value is a TLS-RPT policy as senders take it (RFC 8460 §3: it begins
/// with `v=TLSRPTv1`, exactly, case-sensitive): the records a sender would pick.
pub fn is_tlsrpt_policy(text: &str) -> bool {
    text.starts_with("v=TLSRPTv1")
}

/// Whether `text`, after spaces and quotes, begins with `head` (lowercase) in any case.
fn begins_with(text: &str, head: &str) -> bool {
    text.trim_start_matches([' ', '\t', '"', '\''])
        .get(..head.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(head))
}

/// The first label of a name, in lowercase.
pub fn first_label(name: &str) -> String {
    name.split('.').next().unwrap_or("").to_ascii_lowercase()
}

/// How many leading labels of `name` stand where `_smtp._tls` should: 2 for
/// `_smtp.tls.example.com.`, `_tls._smtp.example.com.` and the typo `_stmp._tls.example.com.`,
/// 1 for `_smtp_tls.example.com.`, 0 for `example.com.` (a policy at the domain itself).
/// The last label is the domain's unless the name is `relative` to a zone not known
/// (`_smtp.tls` of `_smtp.tls.${var.domain}`), where every label may be misspelt.
pub fn misspelt_prefix(name: &str, relative: bool) -> usize {
    let name = name.trim_end_matches('.');
    let labels: Vec<String> = name.split('.').map(str::to_ascii_lowercase).collect();
    let last = if relative {
        labels.len()
    } else {
        labels.len() - 1
    };
    let mut n = 0;
    while n < last {
        let label = labels[n].as_str();
        let after_underscore = n > 0 && matches!(label, "tls" | "smtp");
        let typo = ["_smtp", "_tls"].iter().any(|t| one_typo(label, t));
        if !(MISSPELT.contains(&label) || after_underscore || typo) {
            break;
        }
        n += 1;
    }
    n
}

/// Whether `label` is `target` with one typo after its leading `_`: two neighbours
/// swapped (`_stmp`, `_smpt`, `_tsl`), one letter wrong (`_smtb`), missing (`_smp`) or
/// doubled (`_smttp`).
fn one_typo(label: &str, target: &str) -> bool {
    let (a, b) = (label.as_bytes(), target.as_bytes());
    if a == b || a.first() != Some(&b'_') {
        return false;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[common..], &b[common..]);
    match a.len() as isize - b.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// The policy name meant by `name` whose first `prefix` labels stand for `_smtp._tls`.
pub fn meant_policy_name(name: &str, prefix: usize) -> String {
    let rest: Vec<&str> = name.split('.').skip(prefix).collect();
    if rest.is_empty() {
        return POLICY_LABELS.to_string();
    }
    format!("{POLICY_LABELS}.{}", rest.join("."))
}

/// Whether `name` is a `_25._tcp.<host>` name (any case), where a TLSA record is DANE for
/// SMTP (RFC 7672 §2.2).
pub fn is_dane_owner(name: &str) -> bool {
    name.len() > 9 && name.as_bytes()[..9].eq_ignore_ascii_case(b"_25._tcp.")
}

/// The policy domain of a policy name: `example.com.` for `_smtp._tls.example.com.`; `None`
/// for another name or a relative one (whose domain is not known).
pub fn policy_domain(name: &str) -> Option<&str> {
    let rest = after_policy_labels(name)?;
    (rest.len() > 1 && rest.ends_with('.')).then_some(rest)
}

/// What follows `_smtp._tls.` (any case) at the start of `name`.
pub fn after_policy_labels(name: &str) -> Option<&str> {
    after_labels(name, POLICY_LABELS)
}

/// What follows `_mta-sts.` (any case) at the start of `name`.
pub fn after_mta_sts_label(name: &str) -> Option<&str> {
    after_labels(name, MTA_STS_LABEL)
}

/// What follows `labels` and a `.` (any case) at the start of `name`.
fn after_labels<'n>(name: &'n str, labels: &str) -> Option<&'n str> {
    let n = labels.len();
    let b = name.as_bytes();
    (b.len() > n && b[..n].eq_ignore_ascii_case(labels.as_bytes()) && b[n] == b'.')
        .then(|| &name[n + 1..])
}

/// The policy name of `domain`: `_smtp._tls.<domain>`, or `_smtp._tls` alone for an empty
/// domain (a relative name).
pub fn policy_name_of(domain: &str) -> String {
    under(POLICY_LABELS, domain)
}

/// `labels.domain`, or `labels` alone for an empty domain.
fn under(labels: &str, domain: &str) -> String {
    if domain.is_empty() {
        labels.to_string()
    } else {
        format!("{labels}.{domain}")
    }
}

/// The name of `host`'s DANE records for SMTP: `_25._tcp.<host>` (RFC 7672 §2.2).
pub fn dane_name(host: &str) -> String {
    format!("_25._tcp.{host}")
}

/// The name where `host` authorizes reports about `domain` (both absolute, without their
/// trailing dots): `<domain>._report._tls.<host>.` (RFC 8460 §3.1).
pub fn authorization_name(domain: &str, host: &str) -> String {
    format!("{domain}._report._tls.{host}.")
}

/// The MTA-STS record's name for `domain`: `_mta-sts.<domain>`, or `_mta-sts` alone for an
/// empty domain.
pub fn mta_sts_name(domain: &str) -> String {
    under(MTA_STS_LABEL, domain)
}

/// Whether a name may be a misspelt policy name: it holds `_smtp` (any case). A CNAME there
/// matters beside a policy.
pub fn may_be_misspelt_policy(name: &str) -> bool {
    contains_ignore_case(name, "_smtp")
}

/// Whether source text mentions a reporting label or value, misspelt ones included (`_smtp`,
/// `_tls`, `_mta-sts`, `_report`, `v=tlsrpt`, `v=sts`; any case): what cannot be evaluated
/// in it is worth reporting.
pub fn mentions_reporting(text: &str) -> bool {
    ["_smtp", "_tls", "_mta-sts", "_report", "v=tlsrpt", "v=sts"]
        .iter()
        .any(|m| contains_ignore_case(text, m))
}

/// Whether source text names a reporting record exactly (`_smtp._tls`, `_report._tls`,
/// `_mta-sts`, `v=tlsrpt`, `v=sts`; any case).
pub fn names_reporting_record(text: &str) -> bool {
    [
        "_smtp._tls",
        "_report._tls",
        "_mta-sts",
        "v=tlsrpt",
        "v=sts",
    ]
    .iter()
    .any(|m| contains_ignore_case(text, m))
}

/// Whether `needle` occurs in `haystack`, ASCII case ignored. Candidates are found by
/// searching for the needle's first byte in either case (run on every owner name).
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay).any(|at| {
        hay.get(at..at + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_values_leniently_policies_exactly() {
        // Lenient: what someone meant as a TLS-RPT or MTA-STS record, to be checked.
        assert!(is_tlsrpt_value(" \"V=TLSRPTv1;"));
        assert!(is_sts_value("'v=stsv1; id=1"));
        assert!(!is_sts_value("v=STS; id=1"));
        // Exact: what a sender takes for a policy (RFC 8460 §3).
        assert!(is_tlsrpt_policy("v=TLSRPTv1; rua=mailto:a@example.com"));
        assert!(!is_tlsrpt_policy("V=TLSRPTv1; rua=mailto:a@example.com"));
        assert!(!is_tlsrpt_policy(" v=TLSRPTv1;"));
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(RecordKind::of_name("_smtp._tls"), RecordKind::Policy);
        assert_eq!(
            RecordKind::of_name("_SMTP._TLS.Example.com."),
            RecordKind::Policy
        );
        assert_eq!(
            RecordKind::of_name("example.com._report._tls.collector.example."),
            RecordKind::Authorization
        );
        assert_eq!(
            RecordKind::of_name("_mta-sts.example.com."),
            RecordKind::MtaSts
        );
        assert_eq!(RecordKind::of_name("_report._tls.x."), RecordKind::Other);
        assert_eq!(RecordKind::of_name("_smtp.tls.x."), RecordKind::Other);
        assert_eq!(RecordKind::of_name("_mta-sts._tls.x."), RecordKind::Other);
    }

    #[test]
    fn policy_domains() {
        assert_eq!(
            policy_domain("_SMTP._TLS.example.com."),
            Some("example.com.")
        );
        assert_eq!(policy_domain("_smtp._tls"), None);
        assert_eq!(policy_domain("_smtp._tls.b"), None);
        assert_eq!(policy_domain("_smtp._tls.."), None);
        assert_eq!(policy_domain("x._smtp._tls.example.com."), None);
    }

    #[test]
    fn dane_owners() {
        assert!(is_dane_owner("_25._TCP.mx.example.com."));
        assert!(!is_dane_owner("_25._tcp."));
        assert!(!is_dane_owner("_443._tcp.www.example.com."));
    }

    #[test]
    fn typos_of_the_policy_labels_are_part_of_the_prefix() {
        assert_eq!(
            misspelt_prefix("_stmp._tls.forms.service.gov.uk.", false),
            2
        );
        assert_eq!(
            meant_policy_name("_stmp._tls.forms.service.gov.uk.", 2),
            "_smtp._tls.forms.service.gov.uk."
        );
        for typo in ["_stmp", "_smpt", "_smt", "_smttp", "_smtb"] {
            assert!(one_typo(typo, "_smtp"), "{typo}");
        }
        assert!(one_typo("_tsl", "_tls"));
        for other in ["_smtp", "_tcp", "_sip", "smtp", "_dmarc", "_st"] {
            assert!(
                !one_typo(other, "_smtp") && !one_typo(other, "_tls"),
                "{other}"
            );
        }
    }

    #[test]
    fn prefixes_and_meant_names() {
        for (name, prefix, meant) in [
            ("example.com.", 0, "_smtp._tls.example.com."),
            ("_smtp.tls.example.com.", 2, "_smtp._tls.example.com."),
            ("_tls._smtp.example.com.", 2, "_smtp._tls.example.com."),
            (
                "_SMTP_TLS.mail.example.com.",
                1,
                "_smtp._tls.mail.example.com.",
            ),
            ("_smtp-tlsrpt.example.com.", 1, "_smtp._tls.example.com."),
            ("_mta-sts.example.com.", 1, "_smtp._tls.example.com."),
            ("tls.example.com.", 0, "_smtp._tls.tls.example.com."),
        ] {
            assert_eq!(misspelt_prefix(name, false), prefix, "{name}");
            assert_eq!(meant_policy_name(name, prefix), meant, "{name}");
        }
        // Relative to a zone not known, the last label may be misspelt too.
        for (name, prefix, meant) in [
            ("_smtp.tls", 2, "_smtp._tls"),
            ("_smpt._tls", 2, "_smtp._tls"),
            ("_smtp.tls.mail", 2, "_smtp._tls.mail"),
        ] {
            assert_eq!(misspelt_prefix(name, true), prefix, "{name}");
            assert_eq!(meant_policy_name(name, prefix), meant, "{name}");
        }
        assert_eq!(misspelt_prefix("_smtp.tls", false), 1);
    }

    #[test]
    fn tlsrpt_values() {
        assert!(is_tlsrpt_value(" \"V=tlsrptv1; rua=x"));
        assert!(!is_tlsrpt_value("v=STSv1; id=1"));
        assert!(!is_tlsrpt_value("v=tls"));
    }
}
