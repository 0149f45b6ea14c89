//! Placeholders a deploy step fills (`{{ domain }}`, `${DOMAIN}`, `%DOMAIN%`, `@DOMAIN@`)
//! in the TXT values of any format: the value published is not the one written, so each
//! placeholder is an `unevaluated-value` over its whole text, and the URI rules leave the
//! URI holding it alone (`uri::placeholder`). Placeholders a person forgot (`YOUR_EMAIL`,
//! `{domain}` copied from documentation) stay `placeholder-destination`'s.

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Record;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::uri;

/// One `unevaluated-value` per deploy-time placeholder in the TXT values of `records`.
pub fn unevaluated(records: &[Record]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for record in records {
        let Some(txt) = record.txt() else {
            continue;
        };
        let text = txt.value.text();
        for range in uri::deploy_placeholders(text) {
            let shown = &text[range.clone()];
            let span = txt.value.source_span(range.start as u32..range.end as u32);
            let message = format!(
                "`{shown}` is filled in at deploy time, so the value is checked without what it becomes"
            );
            out.push(
                Diagnostic::new(&UNEVALUATED_VALUE, Location::new(&record.source, span), message)
                    .with_primary_label("filled in at deploy time")
                    .with_help("check the deployed record, e.g. `tlsrpt-lint validate` on the value the deploy step writes"),
            );
        }
    }
    out
}
