//! `docs/rules.md` is generated from the rule catalogue; this test fails when it is stale.
//! Run `UPDATE_DOCS=1 cargo test --test docs` to rewrite it.

use std::path::Path;

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = tlsrpt_lint::render::rule_docs::markdown_all();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}
