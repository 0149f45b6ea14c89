//! TLSRPT601 `octodns-unescaped-semicolon`: a `;` that OctoDNS wants written `\;`.
//!
//! The finding comes from the OctoDNS reader, which knows the provider's
//! `escaped_semicolons` setting; the rule exists here for its docs, selection and severity.

declare_rule! {
    /// ## What it does
    /// Flags a `;` in an OctoDNS TXT (or SPF) value that is not written `\;` while the
    /// YamlProvider expects escaped semicolons (`escaped_semicolons: true`, the default in
    /// OctoDNS 1.x). The provider's setting is read from the OctoDNS configuration that names
    /// the zone's directory; without one, the default applies.
    ///
    /// ## Why is this bad?
    /// OctoDNS refuses the zone (`unescaped ; in "..."`), so the record is never published.
    /// A TLS-RPT policy always holds a `;` between its fields, so every policy in such a zone
    /// needs the escape. In a double-quoted YAML scalar the escape itself must be escaped:
    /// `"\\;"`, because `"\;"` is not a valid YAML escape at all.
    ///
    /// ## Example
    /// ```yaml
    /// _smtp._tls:
    ///   type: TXT
    ///   value: v=TLSRPTv1; rua=mailto:tlsrpt@example.com
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// _smtp._tls:
    ///   type: TXT
    ///   value: v=TLSRPTv1\; rua=mailto:tlsrpt@example.com
    /// ```
    /// or set `escaped_semicolons: false` on the provider and write plain `;` everywhere.
    ///
    /// ## Fix safety
    /// The fix writes `\;` for each unescaped `;`; it is safe: the published value is the one
    /// written, and OctoDNS accepts it.
    ///
    /// ## References
    /// - OctoDNS `octodns/record/chunked.py` (validator `chunked-value-rfc`)
    /// - OctoDNS 1.22 YamlProvider option `escaped_semicolons`
    pub static OCTODNS_UNESCAPED_SEMICOLON = {
        code: "TLSRPT601",
        name: "octodns-unescaped-semicolon",
        severity: Error,
        summary: "an OctoDNS TXT value with `;` not written `\\;` while the provider expects escaped semicolons",
        check: None,
    }
}
