//! TLSRPT002 `unevaluated-value`: a name or value that cannot be known offline.

declare_rule! {
    /// ## What it does
    /// Points at a record name or value that is computed rather than written: a BIND
    /// `$GENERATE` directive that may make TLS-RPT or MTA-STS records, a Terraform
    /// interpolation such as `${var.domain}`, a JavaScript variable in `dnsconfig.js`, a
    /// placeholder a deploy step fills in a TXT value (`{{ domain }}`, `${DOMAIN}`,
    /// `%DOMAIN%`, `@DOMAIN@`: the finding covers the whole placeholder, and the URI holding
    /// it is not judged by the URI rules), a record whose owner name in a Jinja-templated
    /// zone file (`*.zone.j2`, `db.*.j2`, `templates/`) holds an expression, and a record
    /// type the zone's dialect does not know at a reporting name. The
    /// linter does not guess such values, so the records they make are not checked. In a zone
    /// file, a `$GENERATE` is reported only when its owner or data mentions `_smtp._tls`,
    /// `_report._tls`, `_mta-sts`, `v=TLSRPT` or `v=STS` and its type is TXT or CNAME; other
    /// `$GENERATE` lines are skipped silently.
    ///
    /// ## Why is this bad?
    /// It is not wrong in itself, so the rule is informational: it says which records were
    /// not checked. `$GENERATE` has traps of its own: BIND re-reads the generated text, so a
    /// quoted `"v=TLSRPTv1; rua=..."` in its right-hand side publishes only `v=TLSRPTv1` (the
    /// `;` starts a comment) and spaces split strings; Knot does not support `$GENERATE` at
    /// all.
    ///
    /// ## Example
    /// ```zone
    /// $GENERATE 1-3 _smtp._tls.host$ TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls.host1 TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls.host2 TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls.host3 TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    /// or silence the rule where the generated records are checked some other way.
    ///
    /// ## References
    /// - BIND 9 Administrator Reference Manual, "BIND Primary File Extension: the
    ///   `$GENERATE` Directive"
    /// - RFC 8460 §3 (the policy record that must be published as written)
    pub static UNEVALUATED_VALUE = {
        code: "TLSRPT002",
        name: "unevaluated-value",
        severity: Info,
        summary: "a name or value that cannot be known offline",
        check: None,
    }
}
