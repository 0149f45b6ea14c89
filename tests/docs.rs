//! `docs/rules.md` is generated from the rule catalogue; this test fails when it is stale.
//! Run `UPDATE_EXPECTED=1 cargo test --test docs` to rewrite it.

mod support;

#[test]
fn rules_md_is_up_to_date() {
    let generated = tlsrpt_lint::render::rule_docs::markdown_all();
    support::assert_expected(&support::crate_path("docs/rules.md"), &generated);
}
