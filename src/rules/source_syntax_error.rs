//! TLSRPT001 `source-syntax-error`: a file that its own format rejects.

declare_rule! {
    /// ## What it does
    /// Reports a file that its own format does not accept: a zone file with an unterminated
    /// quote, unbalanced parentheses, a bad TTL, an unknown directive or record type, an
    /// escape such as `\256` that is not a byte, or a record without data; likewise YAML,
    /// HCL, JavaScript or JSON that does not parse. The finding points where the parser
    /// stopped and says what it expected there. Reading goes on at the next record (for a
    /// zone file, the next line or the end of the parenthesised group), so later records are
    /// still checked, and the run goes on with the other files.
    ///
    /// ## Why is this bad?
    /// The tool that deploys the file refuses it: `named-checkzone` and BIND do not load a
    /// zone with a syntax error (`dns_master_load: ... syntax error`), so none of its records
    /// are served, the TLS-RPT policy included. Where a server is lenient instead, it may
    /// publish something other than what was written.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com
    /// _mta-sts    1x IN TXT "v=STSv1; id=20240101"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _mta-sts    1h IN TXT "v=STSv1; id=20240101"
    /// ```
    ///
    /// ## References
    /// - RFC 1035 §5.1 (master file format), RFC 2308 §4 (`$TTL`), RFC 3597 §5 (`TYPEnn`,
    ///   `\#` generic RDATA)
    /// - BIND 9 Administrator Reference Manual, "Zone File" (TTL units, `$GENERATE`)
    pub static SOURCE_SYNTAX_ERROR = {
        code: "TLSRPT001",
        name: "source-syntax-error",
        severity: Error,
        summary: "a file that its own format rejects",
        check: None,
    }
}
