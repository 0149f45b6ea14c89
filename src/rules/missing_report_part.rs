//! TLSRPT708 `missing-report-part`: a TLS-RPT message without a report attachment.

declare_rule! {
    /// ## What it does
    /// Flags a mail message that says it is a TLS report (`Content-Type:
    /// multipart/report; report-type=tlsrpt`, or a `TLS-Report-Domain` header) but has no
    /// `application/tlsrpt+gzip` or `application/tlsrpt+json` part, nor an attachment
    /// named `*.json` or `*.json.gz`. The finding points at the message's `Content-Type`
    /// header.
    ///
    /// ## Why is this bad?
    /// The report was announced but not delivered: the sessions of that day and reporter
    /// are missing from the totals. It is usually a reporter bug or a mail gateway that
    /// stripped the attachment.
    ///
    /// ## Example
    /// ```text message.eml
    /// Content-Type: multipart/report; report-type="tlsrpt"; boundary="b"
    ///
    /// --b
    /// Content-Type: text/plain
    ///
    /// This is an aggregate TLS report from example.net
    /// --b--
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// --b
    /// Content-Type: application/tlsrpt+gzip
    /// Content-Transfer-Encoding: base64
    /// Content-Disposition: attachment; filename="example.net!example.com!1461974400!1462060799.json.gz"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §5.3 (the report message), §6.2 and §6.3 (the media types)
    pub static MISSING_REPORT_PART = {
        code: "TLSRPT708",
        name: "missing-report-part",
        severity: Warning,
        summary: "a TLS-RPT message without a report attachment",
        check: None,
    }
}
