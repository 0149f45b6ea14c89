//! TLSRPT602 `octodns-double-escaped-semicolon`: `\\;`, or `\;` where OctoDNS wants `;`.
//!
//! The finding comes from the OctoDNS reader, which knows the provider's
//! `escaped_semicolons` setting; the rule exists here for its docs, selection and severity.

declare_rule! {
    /// ## What it does
    /// Flags a semicolon escaped once too often in an OctoDNS TXT (or SPF) value: `\\;` in
    /// the decoded value (written `\\;` in a plain or single-quoted YAML scalar, `"\\\\;"` in
    /// a double-quoted one), or any `\;` while the provider has `escaped_semicolons: false`.
    ///
    /// ## Why is this bad?
    /// OctoDNS refuses the zone (`double escaped ; in "..."`); were it accepted, the
    /// published record would hold a backslash before the `;`, and `v=TLSRPTv1\;` is not the
    /// version RFC 8460 §3 requires, so receivers would ignore the policy.
    ///
    /// ## Example
    /// ```yaml
    /// _smtp._tls:
    ///   type: TXT
    ///   value: "v=TLSRPTv1\\\\; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// _smtp._tls:
    ///   type: TXT
    ///   value: "v=TLSRPTv1\\; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - OctoDNS `octodns/record/chunked.py` (validator `chunked-value-rfc`)
    /// - OctoDNS 1.22 YamlProvider option `escaped_semicolons`
    pub static OCTODNS_DOUBLE_ESCAPED_SEMICOLON = {
        code: "TLSRPT602",
        name: "octodns-double-escaped-semicolon",
        severity: Error,
        summary: "`\\\\;`, or `\\;` where the OctoDNS provider has `escaped_semicolons: false`",
        check: None,
    }
}
