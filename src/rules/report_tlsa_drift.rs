//! TLSRPT713 `report-tlsa-drift`: the TLSA records a received report's DANE policy was
//! made under differ from the repository's.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --repo DIR`, compares the `policy-string` of each `tlsa`
    /// policy in a received report (the TLSA records senders found, in presentation form)
    /// with the repository's `_25._tcp` TLSA records of the MX hosts the policy names (its
    /// `mx-host` names, else its failure details' `receiving-mx-hostname`s; all the
    /// domain's MX hosts when it names none), CNAMEs followed. Records compare as (usage,
    /// selector, matching type, data in lowercase hex), however each side spells them. A
    /// report record none of those hosts has is flagged at its string; a repository record
    /// every one of them has and the report lacks, at `policy-string`; each message names
    /// the repository's `path:line`. Hosts whose TLSA data the repository's source does not
    /// give (only zone files give it) are not compared.
    ///
    /// ## Why is this bad?
    /// A DANE sender checks the server's certificate against the TLSA records it found in
    /// DNS. When those differ from the repository's, the deploy did not happen, someone
    /// changed the records at the provider, or a certificate rollover left the DNS and the
    /// repository apart: the next certificate change may fail every DANE sender (a
    /// `tlsa-invalid` failure is mail not delivered).
    ///
    /// ## Example
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @            MX   10 mx1
    /// _25._tcp.mx1 TLSA 3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6
    /// _smtp._tls   TXT  "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    /// and a received report made under other records:
    /// ```json
    /// "policy": {"policy-type": "tlsa", "policy-domain": "example.net",
    ///            "policy-string": ["3 1 1 8CE14CBE1FCD5ACB2A52A4EE1B9B0A7C4A1E5C8F6B2D3E4F5A6B7C8D9E0F1A2B"],
    ///            "mx-host": ["mx1.example.net"]},
    /// "failure-details": []
    /// ```
    ///
    /// ## Use instead
    /// The repository's TLSA records as they are served:
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @            MX   10 mx1
    /// _25._tcp.mx1 TLSA 3 1 1 8ce14cbe1fcd5acb2a52a4ee1b9b0a7c4a1e5c8f6b2d3e4f5a6b7c8d9e0f1a2b
    /// _smtp._tls   TXT  "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`policy-string`), §4.5 (a `tlsa` policy)
    /// - RFC 6698 §2.2 (TLSA presentation form), RFC 7672 §3.1 (TLSA records of an MX host)
    pub static REPORT_TLSA_DRIFT = {
        code: "TLSRPT713",
        name: "report-tlsa-drift",
        severity: Warning,
        summary: "a report's TLSA policy differs from the repository's TLSA records",
        check: None,
    }
}
