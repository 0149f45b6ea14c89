//! TLSRPT004 `unused-suppression`: an inline suppression that silences nothing. The
//! findings come from [`crate::suppress`], which reads the directives.

declare_rule! {
    /// ## What it does
    /// Flags an inline suppression that silenced nothing in this run: the rule it names
    /// reported nothing where it applies, or is not enabled. It also flags a suppression
    /// that names an unknown rule, and a `tlsrpt-lint:` comment that is not a well-formed
    /// suppression.
    ///
    /// Suppressions are comments in the source's own syntax (zone files: `;`):
    ///
    /// - `; tlsrpt-lint: allow RULE[, RULE...] [-- reason]` at the end of a line silences
    ///   those rules on that line and in the whole record the line belongs to;
    /// - the same comment on a line of its own silences them on the next line with content
    ///   that is not a comment (and its whole record);
    /// - `; tlsrpt-lint: allow-file RULE[, RULE...] [-- reason]` anywhere silences them in
    ///   the whole file.
    ///
    /// Rules are named by code (`TLSRPT105`, any case) or name (`missing-rua`). A finding is
    /// covered when its primary location starts where the suppression applies. A `;`
    /// inside a quoted TXT string is data, never a comment. A suppression naming
    /// `unused-suppression` itself is never reported.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it excused: once the record is fixed, moved or
    /// deleted, the comment still promises a reviewer that something here is known to be
    /// wrong, and it would silently hide the next, different problem of the same rule. A
    /// misspelt rule or a malformed comment suppresses nothing, so the finding its author
    /// meant to excuse is still reported, or worse, the author believes it is.
    ///
    /// ## Example
    /// ```zone
    /// ; the record was fixed, the suppression stayed
    /// ; tlsrpt-lint: allow missing-rua -- reports go to the vendor
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls.b IN TXT "v=TLSRPTv1" ; tlsrpt-lint: allow mising-rua
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls.b IN TXT "v=TLSRPTv1" ; tlsrpt-lint: allow missing-rua -- not live yet
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the suppression comment (or the unused name in it); it is safe: nothing
    /// it suppressed is reported, so no finding appears or goes.
    ///
    /// ## References
    /// - ruff `RUF100` (unused `noqa` directive), which this rule follows
    /// - tflint annotations (`# tflint-ignore: rule -- reason`), shellcheck `disable=`
    /// - `docs/configuration.md` (suppressions and the configuration file)
    pub static UNUSED_SUPPRESSION = {
        code: "TLSRPT004",
        name: "unused-suppression",
        severity: Warning,
        summary: "a suppression comment that suppressed nothing",
        check: None,
    }
}
