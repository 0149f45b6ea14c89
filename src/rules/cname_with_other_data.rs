//! TLSRPT303 `cname-with-other-data`: a CNAME beside other records at one name.

use super::context::{Check, SetCtx};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::RData;

declare_rule! {
    /// ## What it does
    /// Flags every record that shares its owner name with a CNAME (a second CNAME too), with
    /// a label at the CNAME, whichever files define them. tlsrpt-lint reads CNAME records at
    /// policy, authorization and `_mta-sts` names and at names with an `_smtp` label, and
    /// the TXT records rules read, so this is where it looks.
    ///
    /// ## Why is this bad?
    /// A CNAME makes its name an alias: "If a CNAME RR is present at a node, no other data
    /// should be present" (RFC 1034 §3.6.2; RFC 2181 §10.1). BIND refuses to load such a
    /// zone ("CNAME and other data"), and providers reject the change; where it does get
    /// published, resolvers follow the CNAME and the TXT beside it is never seen. It happens
    /// when a policy is delegated to a collector by CNAME and the old TXT stays behind.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN CNAME _smtp._tls.collector.example.net.
    /// _smtp._tls  IN TXT   "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN CNAME _smtp._tls.collector.example.net.
    /// ```
    ///
    /// ## References
    /// - RFC 1034 §3.6.2 (CNAME and other data)
    /// - RFC 2181 §10.1 (a CNAME is the only record at its name)
    pub static CNAME_WITH_OTHER_DATA = {
        code: "TLSRPT303",
        name: "cname-with-other-data",
        severity: Error,
        summary: "a CNAME beside other records at one name",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some((cname, _)) = ctx.model.cname(ctx.set) else {
        return;
    };
    for record in ctx.records().filter(|r| !std::ptr::eq(*r, cname)) {
        let what = match record.data {
            RData::Cname { .. } => "a second CNAME",
            _ => "other data",
        };
        let d = ctx
            .diagnostic(
                &CNAME_WITH_OTHER_DATA,
                record,
                record.value_span(),
                format!(
                    "`{}` record beside a CNAME at `{}`",
                    record.rtype, record.name.text
                ),
            )
            .with_primary_label(what)
            .with_label(
                Location::new(&cname.source, cname.span),
                "the CNAME makes this name an alias",
            )
            .with_help(
                "a name with a CNAME holds no other records (RFC 1034 §3.6.2): remove the CNAME, or this record",
            );
        out.push(d);
    }
}
