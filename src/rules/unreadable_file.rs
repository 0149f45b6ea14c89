//! TLSRPT003 `unreadable-file`: a file that cannot be read or included.

declare_rule! {
    /// ## What it does
    /// Reports a file that could not be read: permission denied, not UTF-8 text (UTF-16 is
    /// named as such), over the size limit. In a zone file it also reports, at the
    /// `$INCLUDE` line, an included file that is missing, an `$INCLUDE` loop (a file that
    /// includes itself, directly or through others), and an include path that leaves the
    /// linted directory. Included files are found relative to the including file.
    ///
    /// ## Why is this bad?
    /// Nothing in an unreadable file is checked, and a server that cannot read an
    /// `$INCLUDE` refuses the whole zone (`dns_master_load: ... file not found`). A loop never
    /// finishes loading. A path outside the repository means the zone depends on a file the
    /// repository does not hold, so what is deployed cannot be reviewed.
    ///
    /// ## Example
    /// ```zone
    /// ; example.com.zone
    /// $INCLUDE tlsrpt.inc          ; no such file next to example.com.zone
    /// $INCLUDE example.com.zone    ; includes itself
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// $INCLUDE policies/tlsrpt.inc
    /// ```
    /// with the included file committed next to the zone:
    /// ```zone policies/tlsrpt.inc
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 1035 §5.1 (`$INCLUDE <file-name> [<domain-name>]`)
    /// - BIND resolves `$INCLUDE` against its working directory, Knot against the including
    ///   file's directory; this linter follows Knot, which is what a repository layout means
    pub static UNREADABLE_FILE = {
        code: "TLSRPT003",
        name: "unreadable-file",
        severity: Error,
        summary: "a file that cannot be read or included",
        check: None,
    }
}
