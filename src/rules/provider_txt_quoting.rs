//! TLSRPT603 `provider-txt-quoting`: a value quoted otherwise than its provider expects.
//!
//! Each infrastructure-code reader knows its provider's quoting convention and reports
//! this finding itself; the rule exists here for its docs, selection and severity.

declare_rule! {
    /// ## What it does
    /// Flags a TXT value whose quoting differs from what the tool or provider that deploys
    /// it expects, so the value is refused or published differently from what was written:
    /// - a Route 53 value in CloudFormation (`ResourceRecords`) with spaces and no
    ///   surrounding double quotes (Route 53 needs zone-file quoting);
    /// - a Terraform `aws_route53_record` value that carries its own surrounding quotes (the
    ///   provider adds them, so they end up inside the record);
    /// - a Terraform `google_dns_record_set` `rrdatas` value with spaces and no embedded
    ///   `\"...\"` (Cloud DNS splits it at the spaces);
    /// - a dnscontrol `TXT()` value with literal quotes, which become part of the record.
    ///
    /// ## Why is this bad?
    /// Either the deployment fails, or the published record is not the one in the
    /// repository: split into several strings at spaces, or wrapped in stray quotes so that
    /// it no longer begins with `v=TLSRPTv1` and receivers ignore it (RFC 8460 §3).
    ///
    /// ## Example
    /// ```yaml template.yaml
    /// Resources:
    ///   TlsRpt:
    ///     Type: AWS::Route53::RecordSet
    ///     Properties:
    ///       Name: _smtp._tls.example.com.
    ///       Type: TXT
    ///       ResourceRecords:
    ///         - v=TLSRPTv1; rua=mailto:tlsrpt@example.com
    /// ```
    ///
    /// ## Use instead
    /// ```yaml template.yaml
    /// Resources:
    ///   TlsRpt:
    ///     Type: AWS::Route53::RecordSet
    ///     Properties:
    ///       Name: _smtp._tls.example.com.
    ///       Type: TXT
    ///       ResourceRecords:
    ///         - '"v=TLSRPTv1; rua=mailto:tlsrpt@example.com"'
    /// ```
    ///
    /// ## References
    /// - Amazon Route 53 Developer Guide, "Supported DNS record types: TXT record type"
    /// - Terraform AWS provider, `aws_route53_record` (`records`, the `\"\"` split)
    /// - Terraform Google provider, `google_dns_record_set` (`rrdatas` quoting)
    /// - dnscontrol `TXT()` documentation
    pub static PROVIDER_TXT_QUOTING = {
        code: "TLSRPT603",
        name: "provider-txt-quoting",
        severity: Error,
        summary: "the value's quoting differs from what the provider expects, so it is refused or published differently",
        check: None,
    }
}
