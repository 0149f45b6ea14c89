//! TLSRPT005 `unread-mention`: a reporting marker in a file where no record was read.

declare_rule! {
    /// ## What it does
    /// Reports a mention of a reporting record (`_smtp._tls` or a misspelling of it that
    /// `policy-at-wrong-name` knows, `_smtp-tlsrpt`, `v=TLSRPTv1` in any case,
    /// `_report._tls`, `_mta-sts`, `v=STSv1`) in a file that is not prose, where no record
    /// was read and no other finding points (on its lines, or in its block: see "Never
    /// silent" in docs/formats.md for what accounts for a mention). The message says what
    /// was not understood, as precisely as the file tells: the language of a file no reader
    /// reads (Nix, Lua, a shell script, a Pulumi Python program...), the Terraform resource
    /// type that is not read, a YAML file of no dialect the reader knows, dnscontrol code the
    /// reader did not reach.
    ///
    /// Prose never is searched: `*.md`, `*.rst`, `*.txt`, `*.adoc`, `*.html` and files named
    /// like `README`, `LICENSE` or `CHANGELOG`. A mention inside a comment (a zone file's
    /// `;`, a `#` in YAML, shell, Python or Nix, `//` and `/* */` in JavaScript, HCL or Go,
    /// `--` in Lua) is not a record either and stays silent. Binary files (a NUL byte in the
    /// first 8 KiB) and files that cannot be opened are skipped.
    ///
    /// ## Why is this bad?
    /// A linter that reads nothing and prints "no problems" looks exactly like one that
    /// read everything and found it fine. Real repositories define TLS-RPT and MTA-STS
    /// records in languages and constructs no offline reader evaluates; some of them are
    /// broken (`_smpt._tls`, `v=STSv1` at a zone apex, a policy without `rua`). This finding
    /// makes the gap visible: each one is a record to check by other means
    /// (`tlsrpt-lint validate`), or to move where the linter reads it.
    ///
    /// ## Example
    /// ```sh publish-records.sh
    /// # a shell script: read by no reader
    /// dnsctl record add example.com _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// ; example.com.zone, or any format in docs/formats.md
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    /// and a script that publishes that file:
    /// ```sh publish-records.sh
    /// dnsctl zone import example.com example.com.zone
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (the policy record), RFC 8461 §3.1 (the `_mta-sts` record)
    pub static UNREAD_MENTION = {
        code: "TLSRPT005",
        name: "unread-mention",
        severity: Info,
        summary: "a reporting marker in a non-prose file where no record was read and no other finding points",
        check: None,
    }
}
