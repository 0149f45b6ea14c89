//! Tests of the dnscontrol reader: full names per domain, spans through escapes and
//! arrays, requires, the findings it reports, and its limits.

use std::sync::Arc;

use super::extract;
use crate::extract::{Extracted, Loader};
use crate::model::RData;
use crate::text::Source;

/// In-memory files by path; `require` paths are taken as written, without `./`. Paths
/// under `ignored/` are git-ignored.
struct Files(Vec<(&'static str, &'static str)>);

impl Loader for Files {
    fn load(&self, _from: &Source, path: &str) -> Result<Arc<Source>, String> {
        let path = path.trim_start_matches("./");
        self.0
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(p, text)| Arc::new(Source::new(*p, *text)))
            .ok_or_else(|| "file not found".to_string())
    }

    fn list(&self, _from: &Source, dir: &str) -> Vec<String> {
        let dir = dir.trim_start_matches("./").trim_start_matches('.');
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut names: Vec<String> = self
            .0
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(&prefix))
            .map(|rest| rest.split('/').next().unwrap_or_default().to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn is_ignored(&self, _from: &Source, path: &str) -> bool {
        path.trim_start_matches("./").starts_with("ignored/")
    }
}

fn read(text: &str, files: Vec<(&'static str, &'static str)>) -> Extracted {
    let source = Arc::new(Source::new("dnsconfig.js", text));
    extract(&source, &Files(files))
}

/// `name type value` of each record.
fn records(out: &Extracted) -> Vec<String> {
    out.records
        .iter()
        .map(|r| {
            let value = match &r.data {
                RData::Txt(txt) => txt.value.text().to_string(),
                RData::Cname { target, .. }
                | RData::Mx {
                    exchange: target, ..
                } => target.clone(),
                _ => String::new(),
            };
            format!("{} {} {value}", r.name.text, r.rtype)
        })
        .collect()
}

fn codes(out: &Extracted) -> Vec<String> {
    out.diagnostics
        .iter()
        .map(|d| {
            let at = &d.location.source.text[d.location.span.range()];
            format!("{} {at}", d.rule.code)
        })
        .collect()
}

#[test]
fn a_template_in_a_required_file_makes_one_record_per_domain() {
    let helper = r#"
        function name(service) { return "_" + service + "._tls"; }
        function MAIL(domain) {
            return [TXT(name("smtp"), "v=TLSRPTv1; rua=mailto:tlsrpt@" + domain), MX("@", 10, "mx")];
        }"#;
    let main = r#"require("./lib/mail.js");
        var REG = NewRegistrar("none");
        D("example.com", REG, MAIL("example.com"));
        D("example.org", REG, MAIL("example.org"));
        D("example.net", REG, MAIL("example.net"));"#;
    let out = read(main, vec![("lib/mail.js", helper)]);
    assert!(out.diagnostics.is_empty(), "{:?}", codes(&out));
    assert_eq!(
        records(&out),
        [
            "_smtp._tls.example.com. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
            "example.com. MX mx.example.com.",
            "_smtp._tls.example.org. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.org",
            "example.org. MX mx.example.org.",
            "_smtp._tls.example.net. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.net",
            "example.net. MX mx.example.net.",
        ]
    );
    let record = &out.records[0];
    assert_eq!(record.source.path, "lib/mail.js");
    assert_eq!(record.zone.as_deref(), Some("example.com."));
    // The part from `dnsconfig.js` points at the helper's parameter that brought it.
    let value = &record.txt().unwrap().value;
    let tail = value.source_span(value.len() - 11..value.len());
    assert_eq!(&record.source.text[tail.range()], "domain");
}

#[test]
fn spans_point_inside_literals_through_escapes_and_arrays() {
    let main = r#"D("example.com", "none",
        TXT("_smtp._tls", ["v=TLSRPTv1; ", "rua=mailto:tls\x72pt@example.com"]))"#;
    let out = read(main, Vec::new());
    let value = &out.records[0].txt().unwrap().value;
    assert_eq!(value.text(), "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
    let at = |from: u32, to: u32| &main[value.source_span(from..to).range()];
    assert_eq!(at(12, 15), "rua");
    assert_eq!(at(26, 27), r"\x72");
    assert_eq!(at(0, 1), "v");
}

#[test]
fn folding_of_bindings_templates_and_d_extend() {
    let main = r#"const RUA = `mailto:${"tls" + "rpt"}@example.com`;
        let id = 20240101;
        D("example.com", "none", DefaultTTL(3600), [[TXT("_mta-sts", "v=STSv1; id=" + id)]]);
        D_EXTEND("mail.example.com", TXT("_smtp._tls", "v=TLSRPTv1; rua=" + RUA, TTL(300)),
            CNAME("@", "target.example.net."));"#;
    let out = read(main, Vec::new());
    assert_eq!(
        records(&out),
        [
            "_mta-sts.example.com. TXT v=STSv1; id=20240101",
            "_smtp._tls.mail.example.com. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
        ]
    );
    assert_eq!(out.records[0].ttl, Some(3600));
    assert_eq!(out.records[1].ttl, Some(300));
}

#[test]
fn repeated_domains_dots_and_quotes_are_reported() {
    let main = r#"D("example.com", "none",
        TXT("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:a@example.com"),
        TXT("_mta-sts.", "\"v=STSv1; id=1\""),
        TXT("_smtp._tls.notexample.com", "v=TLSRPTv1; rua=mailto:a@example.com"))"#;
    let out = read(main, Vec::new());
    assert_eq!(
        codes(&out),
        [
            "TLSRPT307 _smtp._tls.example.com",
            "TLSRPT307 _mta-sts.",
            r#"TLSRPT603 \""#,
        ]
    );
    assert_eq!(
        out.records[0].name.text,
        "_smtp._tls.example.com.example.com."
    );
}

#[test]
fn what_cannot_be_known_is_reported_at_its_expression() {
    let main = r#"D("example.com", "none",
        TXT("_smtp._tls", "v=TLSRPTv1; rua=mailto:" + env.RUA),
        TXT(dkimName(), "v=DKIM1; p=x"),
        TXT(policyName(), "v=TLSRPTv1; rua=mailto:a@example.com"),
        UNKNOWN_MACRO);
        D(domainFromEnv, "none", TXT("_smtp._tls", "v=TLSRPTv1"));
        if (flag) { D("example.org", "none", TXT("_smtp._tls", "v=TLSRPTv1")); }
        require("./missing.js");
        while (true) {}"#;
    let out = read(main, Vec::new());
    assert_eq!(
        codes(&out),
        [
            "TLSRPT002 env",
            "TLSRPT002 policyName",
            "TLSRPT002 domainFromEnv",
            "TLSRPT002 flag",
            "TLSRPT003 \"./missing.js\"",
            // The step limit, which ends the endless loop.
            "TLSRPT002 true",
        ]
    );
}

#[test]
fn limits_end_loops_recursion_and_growth() {
    for main in [
        "for (;;) {} D('example.com', 'none', TXT('_smtp._tls', 'v=TLSRPTv1'));",
        "function f(x) { return f(x + 'a'); } f('');",
        "var s = 'ab'; for (var i = 0; i < 100; i++) { s = s + s; }",
        "var a = []; for (;;) { a.push(a); }",
        "var a = ['x', 'x']; a.push(a, a); D('example.com', 'none', a);",
        "var a = []; for (var i = 0; i < 9999; i++) { a.push(i); } for (;;) { for (var x of a) break; }",
        "var s = 'v=TLSRPTv1'; for (var i = 0; i < 12; i++) { s = s + s; } \
         var r = [TXT('_smtp._tls', s)]; for (var i = 0; i < 12; i++) { r = r.concat(r); } \
         for (;;) { D('example.com', 'none', r); }",
    ] {
        let started = std::time::Instant::now();
        let out = read(main, Vec::new());
        assert!(started.elapsed().as_secs() < 10, "{main}: slow");
        assert!(out.records.len() < 10_000, "{main}: {} records", out.records.len());
        let limits = codes(&out)
            .iter()
            .filter(|c| c.starts_with("TLSRPT002"))
            .count();
        assert_eq!(limits, 1, "{main}: {:?}", codes(&out));
    }
}

#[test]
fn syntax_errors_and_deep_nesting_are_reported_not_run() {
    let out = read(
        "D('example.com', 'none', TXT('_smtp._tls', 'v=TLSRPTv1')",
        Vec::new(),
    );
    assert_eq!(codes(&out), ["TLSRPT001 "]);
    let deep = "[".repeat(super::MAX_NESTING_TOKENS + 1);
    let source = Arc::new(Source::new("dnsconfig.js", deep));
    let out = extract(&source, &Files(Vec::new()));
    assert_eq!(out.diagnostics[0].rule.code, "TLSRPT001");
}

#[test]
fn line_comments_are_found() {
    let text = "// a\nD('x', 'y') /* b */ // c\nvar s = '// not';";
    let comments: Vec<&str> = super::comments(text)
        .iter()
        .map(|c| &text[c.range()])
        .collect();
    assert_eq!(comments, ["// a", "// c"]);
}

#[test]
fn json_data_loops_and_try_blocks_are_evaluated() {
    let data = r#"{"domains": ["example.com", "example.org"], "rua": "mailto:tlsrpt@example.com"}"#;
    let main = r#"var config = require("./domains.json");
        var again = require("./domains.json");
        var i = 0;
        while (i < again.domains.length) {
            try {
                D(config.domains[i], "none", TXT("_smtp._tls", "v=TLSRPTv1; rua=" + config["rua"]));
            } finally {
                i++;
            }
        }
        do { i--; } while (i > 0);
        switch (i) { case 0: D("example.net", "none", TXT("_smtp._tls", "v=TLSRPTv1")); }"#;
    let out = read(main, vec![("domains.json", data)]);
    assert_eq!(
        records(&out),
        [
            "_smtp._tls.example.com. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
            "_smtp._tls.example.org. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
        ]
    );
    // The value's address points into the JSON file, through the `+`'s right operand.
    let record = &out.records[1];
    let value = &record.txt().unwrap().value;
    let end = value.source_span(value.len() - 3..value.len());
    assert_eq!(&record.source.text[end.range()], "config[\"rua\"]");
    assert_eq!(codes(&out), ["TLSRPT002 switch (i) { case 0: D(\"example.net\", \"none\", TXT(\"_smtp._tls\", \"v=TLSRPTv1\")); }"]);
}

#[test]
fn template_literal_pieces_point_into_the_template() {
    let main = "const D0 = 'example.com';\nD(D0, 'none', TXT(`_smtp._tls`, `v=TLSRPTv1;\\trua=${'mailto:'}a@${D0}`));";
    let out = read(main, Vec::new());
    let value = &out.records[0].txt().unwrap().value;
    assert_eq!(value.text(), "v=TLSRPTv1;\trua=mailto:a@example.com");
    let at = |from: u32, to: u32| &main[value.source_span(from..to).range()];
    assert_eq!(at(0, 11), "v=TLSRPTv1;");
    assert_eq!(at(11, 12), "\\t");
    assert_eq!(at(16, 23), "mailto:");
    assert_eq!(at(23, 25), "a@");
    assert_eq!(at(25, 36), "example.com");
    assert_eq!(&main[out.records[0].name.span.range()], "_smtp._tls");
}

#[test]
fn mx_exchanges_and_tlsa_records_are_kept() {
    let text = r#"
var HASH = "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";
D("example.com", REG,
    MX("@", 10, "mx"),
    MX("@", 20, "mx.example.net.", TTL(300)),
    TLSA("_25._tcp.mx", 3, 1, 1, HASH),
    TLSA("_443._tcp.www", 3, 1, 1, HASH),
    TXT("_smtp._tls", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com")
);
D_EXTEND("sub.example.com", MX("@", 10, "mx"), TLSA("_25._tcp.mx", 3, 1, 1, unknown()));
"#;
    let out = read(text, vec![]);
    assert_eq!(
        records(&out),
        [
            "example.com. MX mx.example.com.",
            "example.com. MX mx.example.net.",
            "_25._tcp.mx.example.com. TLSA ",
            "_443._tcp.www.example.com. TLSA ",
            "_smtp._tls.example.com. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com",
            "sub.example.com. MX mx.example.com.",
            "_25._tcp.mx.sub.example.com. TLSA ",
        ]
    );
    assert_eq!(out.records[1].ttl, Some(300));
    let RData::Mx { span, .. } = &out.records[0].data else {
        panic!("not an MX");
    };
    assert_eq!(&text[span.range()], "mx");
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
}

#[test]
fn require_glob_runs_every_js_file_in_name_order() {
    let files = vec![
        (
            "globals/macros/b_mail.js",
            r#"var MAIL = [TXT("_smtp._tls", "v=TLSRPTv1; rua=" + RUA)];"#,
        ),
        (
            "globals/macros/a_rua.js",
            r#"var RUA = "mailto:tlsrpt@example.net";"#,
        ),
        ("globals/macros/notes.txt", "D('x.example', 'none', MAIL);"),
        (
            "globals/macros/sub/c.js",
            r#"var STS = [TXT("_mta-sts", "v=STSv1; id=1")];"#,
        ),
        ("domains/one.js", r#"D("one.example", "none", MAIL, STS);"#),
        ("domains/deep/two.js", r#"D("two.example", "none", MAIL);"#),
        ("domains/three.js", r#"D("three.example", "none", MAIL);"#),
    ];
    let main = r#"require_glob("./globals/macros/");
        require_glob("./domains", false);
        require_glob("./domains/deep/*.js");"#;
    let out = read(main, files);
    assert!(out.diagnostics.is_empty(), "{:?}", codes(&out));
    assert_eq!(
        records(&out),
        [
            "_smtp._tls.one.example. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.net",
            "_mta-sts.one.example. TXT v=STSv1; id=1",
            "_smtp._tls.three.example. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.net",
            "_smtp._tls.two.example. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.net",
        ]
    );
}

#[test]
fn a_template_reaches_every_domain_of_a_list_whatever_the_loop() {
    let main = r#"var T = function (d) { return [TXT("_smtp._tls", "v=TLSRPTv1; rua=mailto:r@" + d)]; };
        var LIST = ["a.example", "b.example"];
        var MAP = {"c.example": 1, "d.example": 2};
        for (var i in LIST) { D(LIST[i], "none", T(LIST[i])); }
        for (var name in MAP) { D(name, "none", T(name)); }
        Object.keys(MAP).forEach(function (d) { D_EXTEND("_x." + d, T(d)); });
        Object.values({e: "e.example"}).map(function (d) { D(d, "none", T(d)); });"#;
    let out = read(main, Vec::new());
    assert!(out.diagnostics.is_empty(), "{:?}", codes(&out));
    let names: Vec<String> = out.records.iter().map(|r| r.name.text.clone()).collect();
    assert_eq!(
        names,
        [
            "_smtp._tls.a.example.",
            "_smtp._tls.b.example.",
            "_smtp._tls.c.example.",
            "_smtp._tls.d.example.",
            "_smtp._tls._x.c.example.",
            "_smtp._tls._x.d.example.",
            "_smtp._tls.e.example.",
        ]
    );
}

#[test]
fn a_require_the_code_guards_or_that_is_generated_is_no_error() {
    let main = r#"var RUA = "mailto:tlsrpt@example.com";
        try {
            require("./local-overrides.js");
            RUA = "unreachable";
        } catch (e) {
            RUA = RUA + "?fallback";
        }
        try { require("./absent.js"); } catch (e) { throw e; }
        require("./ignored/secrets.js");
        D("example.com", "none", TXT("_smtp._tls", "v=TLSRPTv1; rua=" + RUA));"#;
    let out = read(main, Vec::new());
    assert_eq!(
        records(&out),
        ["_smtp._tls.example.com. TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.com?fallback"]
    );
    assert_eq!(
        codes(&out),
        [
            "TLSRPT003 \"./absent.js\"",
            "TLSRPT002 \"./ignored/secrets.js\"",
        ]
    );
}

#[test]
fn the_literal_labels_of_a_partly_known_name_are_kept() {
    let main = r#"D("example.com", "none",
        TXT(`_smtp.tls.${env.SUB}`, "v=TLSRPTv1; rua=mailto:a@example.com"),
        TXT("_smtp-tlsrpt." + env.SUB + ".x", "v=TLSRPTv1; rua=mailto:a@example.com"),
        TXT(`${env.SUB}._smtp._tls`, "v=TLSRPTv1; rua=mailto:a@example.com"),
        TXT(`_dkim.${env.SUB}`, "v=DKIM1; p=x"));
        D(env.DOMAIN, "none", TXT("_smtp._tls", "v=TLSRPTv1"));"#;
    let out = read(main, Vec::new());
    let names: Vec<(&str, Option<&str>, &str)> = out
        .records
        .iter()
        .map(|r| {
            let span = &main[r.name.span.range()];
            (r.name.text.as_str(), r.zone.as_deref(), span)
        })
        .collect();
    assert_eq!(
        names,
        [
            ("_smtp.tls", None, "_smtp.tls"),
            ("_smtp-tlsrpt", None, "_smtp-tlsrpt"),
            ("_smtp._tls", None, "_smtp._tls"),
        ]
    );
    assert_eq!(
        codes(&out),
        [
            "TLSRPT002 env",
            "TLSRPT002 env",
            "TLSRPT002 env",
            "TLSRPT002 env",
        ]
    );
}

#[test]
fn a_template_file_required_once_per_domain_runs_for_each() {
    let template = r#"D(DOMAIN, "none", TXT("_smtp._tls", "v=TLSRPTv1; rua=mailto:r@" + DOMAIN));
        require("./template.js");"#;
    let main = r#"var DOMAIN;
        function load(domain) { DOMAIN = domain; require("./template.js"); }
        load("a.example");
        load("b.example");
        load("c.example");"#;
    let out = read(main, vec![("template.js", template)]);
    assert!(out.diagnostics.is_empty(), "{:?}", codes(&out));
    let names: Vec<&str> = out.records.iter().map(|r| r.name.text.as_str()).collect();
    assert_eq!(
        names,
        [
            "_smtp._tls.a.example.",
            "_smtp._tls.b.example.",
            "_smtp._tls.c.example."
        ]
    );
}
