//! Zone files kept as Jinja templates (`*.zone.j2`, `db.*.j2`, and zone files under an
//! Ansible `templates/` directory), a common way mail-server playbooks ship their DNS.
//!
//! The template is read as the zone file it renders to, without rendering it: outside
//! quoted strings and comments, `{# #}` comments and `{% %}` statements become blanks, and a
//! `{{ }}` expression becomes a word of the same length that the reader recognises by its
//! span: a record whose owner holds one is not checked (an `unevaluated-value` info where
//! the line mentions a reporting name or value). A `{% for %}` body is read once, as
//! written, and its records are marked as repeated ([`mark_repeated`]: findings about them
//! show the loop), since the rendered zone has them once per item. The origin, where the
//! settings and the file name give none, is a `{% set domain = "..." %}` literal, or the
//! variable of `$ORIGIN {{ var }}` (else of a `{{ domain }}`-like expression) where an
//! Ansible literal defines it (the role's `defaults/` or `vars/`, `group_vars/`:
//! [`crate::extract::yaml::ansible_vars`]). Inside quoted strings nothing is masked:
//! `{{ }}` there is a deploy-time placeholder of the value (`crate::extract::placeholders`).
//! Masking keeps every byte offset, so spans point into the template as written.

use std::sync::Arc;

use crate::extract::yaml::ansible_vars::{variable, Scope};
use crate::extract::Loader;
use crate::model::{Record, Via};
use crate::text::Source;
use crate::text::Span;

/// A template file, by name: `*.j2`, `*.jinja`, `*.jinja2`, or under `templates/`.
pub fn is_template(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".j2", ".jinja", ".jinja2"]
        .iter()
        .any(|e| lower.ends_with(e))
        || lower.split(['/', '\\']).any(|dir| dir == "templates")
}

/// A template read as a zone file.
pub struct Masked {
    /// The text with statements and comments blanked and expressions made words.
    pub text: String,
    /// Where the `{{ }}` expressions outside quotes are, in order.
    pub expressions: Vec<Span>,
    /// The domain a `{% set domain = "..." %}` (or `zone`, `domain_name`) literal names.
    pub domain: Option<String>,
    /// The variable of `$ORIGIN {{ var }}`, else the first expression that is one of
    /// [`DOMAIN_VARIABLES`].
    pub origin_variable: Option<String>,
    /// Each `{% for %}` statement and the body up to its `{% endfor %}`, inner loops first.
    pub loops: Vec<(Span, Span)>,
}

/// Variables a template names its zone by.
const DOMAIN_VARIABLES: &[&str] = &["domain", "zone", "domain_name", "zone_name", "mail_domain"];

/// The origin a template's variables give: a `{% set %}` literal, or the Ansible literal
/// of its origin variable.
pub fn origin(masked: &Masked, source: &Source, loader: &dyn Loader) -> Option<String> {
    if let Some(domain) = &masked.domain {
        return Some(domain.clone());
    }
    let name = masked.origin_variable.as_deref()?;
    plausible_domain(&Scope::of_file(source, loader).resolve(name)?)
}

/// Gives each record of `source` written in a `{% for %}` body the loop as what repeats it.
pub fn mark_repeated(masked: &Masked, source: &Arc<Source>, records: &mut [Record]) {
    if masked.loops.is_empty() {
        return;
    }
    for record in records.iter_mut().filter(|r| r.source.path == source.path) {
        let inside = |&(_, body): &&(Span, Span)| {
            body.start <= record.span.start && record.span.end <= body.end
        };
        if let Some(&(statement, _)) = masked.loops.iter().find(inside) {
            record.via = Some(Via {
                source: Arc::clone(source),
                span: statement,
                label: "this loop repeats the record once per item when the template is rendered",
                alternative: None,
            });
        }
    }
}

/// Whether `span` holds part of one of `expressions` (sorted).
pub fn holds_expression(expressions: &[Span], span: Span) -> bool {
    let i = expressions.partition_point(|e| e.end <= span.start);
    expressions.get(i).is_some_and(|e| e.start < span.end)
}

/// Masks `text`; bounded by its length (each byte is looked at a fixed number of times).
pub fn mask(text: &str) -> Masked {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut expressions = Vec::new();
    let mut domain = None;
    let (mut origin_variable, mut named_variable) = (None, None);
    let (mut loops, mut open_loops) = (Vec::new(), Vec::new());
    let (mut i, mut quoted, mut comment) = (0, false, false);
    while i < b.len() {
        let c = b[i];
        if comment {
            comment = c != b'\n' && c != b'\r';
        } else if quoted {
            match c {
                b'\\' => i += 1,
                b'"' => quoted = false,
                _ => {}
            }
        } else if c == b'{' && matches!(b.get(i + 1), Some(b'{' | b'%' | b'#')) {
            let close: &[u8] = match b[i + 1] {
                b'{' => b"}}",
                b'%' => b"%}",
                _ => b"#}",
            };
            let end = memchr::memmem::find(&b[i + 2..], close).map_or(b.len(), |k| i + 2 + k + 2);
            let inside = &text[i + 2..end.saturating_sub(2).max(i + 2)];
            if b[i + 1] == b'{' {
                if let Some(name) = variable(inside) {
                    let line = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    if text[line..i].trim().eq_ignore_ascii_case("$ORIGIN") {
                        origin_variable.get_or_insert(name.to_string());
                    } else if DOMAIN_VARIABLES.contains(&name) {
                        named_variable.get_or_insert(name.to_string());
                    }
                }
                // A word the lexer reads whole: no blanks, quotes, parentheses or `;`.
                for byte in &mut out[i..end] {
                    if !matches!(*byte, b'\n' | b'\r') {
                        *byte = b'_';
                    }
                }
                expressions.push(Span::new(i as u32, end as u32));
            } else {
                let statement = inside.trim_matches(['-', '+']).trim();
                let word = statement.split_whitespace().next().unwrap_or_default();
                if b[i + 1] == b'%' && domain.is_none() {
                    domain = set_domain(statement);
                }
                if b[i + 1] == b'%' && word == "for" {
                    open_loops.push(Span::new(i as u32, end as u32));
                } else if b[i + 1] == b'%' && word == "endfor" {
                    if let Some(statement) = open_loops.pop() {
                        loops.push((statement, Span::new(statement.end, i as u32)));
                    }
                }
                for byte in &mut out[i..end] {
                    if !matches!(*byte, b'\n' | b'\r') {
                        *byte = b' ';
                    }
                }
            }
            i = end;
            continue;
        } else if c == b'"' {
            quoted = true;
        } else if c == b';' {
            comment = true;
        }
        i += 1;
    }
    Masked {
        // Only ASCII bytes outside quotes changed, each to an ASCII byte.
        text: String::from_utf8(out).expect("masking keeps UTF-8"),
        expressions,
        domain,
        origin_variable: origin_variable.or(named_variable),
        loops,
    }
}

/// `set domain = "example.com"` (a statement's inside): the domain, when the variable is
/// one a template names its zone by.
fn set_domain(statement: &str) -> Option<String> {
    let rest = statement.trim().strip_prefix("set ")?;
    let (name, value) = rest.split_once('=')?;
    let known = ["domain", "zone", "domain_name", "zone_name", "mail_domain"];
    if !known.contains(&name.trim()) {
        return None;
    }
    let value = value.trim();
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))?;
    plausible_domain(inner)
}

/// `name` as an absolute domain, when it looks like one.
fn plausible_domain(name: &str) -> Option<String> {
    let plausible = name.contains('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    plausible.then(|| format!("{}.", name.trim_end_matches('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_blank_expressions_become_words_quotes_stay() {
        let text = "{% set domain = \"mail.example.org\" %}\n{# note #}\n\
                    {% for h in hosts %}\n{{ h }} IN A 192.0.2.1 ; {{ not }}\n{% endfor %}\n\
                    _smtp._tls IN TXT \"rua=mailto:a@{{ domain }}\"\n";
        let m = mask(text);
        assert_eq!(m.text.len(), text.len());
        assert_eq!(m.domain.as_deref(), Some("mail.example.org."));
        let lines: Vec<&str> = m.text.lines().collect();
        assert_eq!(lines[0].trim(), "");
        assert_eq!(lines[1].trim(), "");
        assert_eq!(lines[3], "_______ IN A 192.0.2.1 ; {{ not }}");
        assert_eq!(lines[5], "_smtp._tls IN TXT \"rua=mailto:a@{{ domain }}\"");
        assert_eq!(m.expressions.len(), 1);
        let e = m.expressions[0];
        assert!(holds_expression(
            &m.expressions,
            Span::new(e.start + 3, e.end)
        ));
        assert!(!holds_expression(&m.expressions, Span::new(0, e.start)));
    }

    #[test]
    fn loops_and_the_origin_variable_are_found() {
        let text = "$ORIGIN {{ mail_domain }}.\n{%- for a in b %}\n{% for c in d -%}\nx\n{% endfor %}\ny\n{% endfor %}\n{{ domain }}\n";
        let m = mask(text);
        assert_eq!(m.origin_variable.as_deref(), Some("mail_domain"));
        let shown: Vec<(&str, &str)> = m
            .loops
            .iter()
            .map(|(s, b)| (&text[s.range()], &text[b.range()]))
            .collect();
        assert_eq!(
            shown,
            [
                ("{% for c in d -%}", "\nx\n"),
                (
                    "{%- for a in b %}",
                    "\n{% for c in d -%}\nx\n{% endfor %}\ny\n"
                ),
            ]
        );
        // Without `$ORIGIN`, a variable named like a domain; an `{% endfor %}` alone is
        // nothing.
        let m = mask("{% endfor %}\n@ IN SOA {{ zone }}. x 1 2 3 4 5\n");
        assert_eq!(m.origin_variable.as_deref(), Some("zone"));
        assert!(m.loops.is_empty());
    }

    #[test]
    fn template_names() {
        assert!(is_template("roles/dns/templates/db.example.com"));
        assert!(is_template("zones/example.com.zone.j2"));
        assert!(!is_template("zones/example.com.zone"));
        // An unclosed tag blanks the rest: bounded, never a panic.
        assert_eq!(mask("a {% if x\nb").text, "a        \n ");
    }

    #[test]
    fn hostile_templates_are_masked_in_one_pass() {
        // 10,000-deep nesting (one expression: Jinja has no nesting) and a megabyte of
        // openers: each tag is searched for once, to its close or the end.
        let nested = format!("{}x{}", "{{".repeat(10_000), "}}".repeat(10_000));
        let m = mask(&nested);
        assert_eq!(m.text.len(), nested.len());
        assert_eq!(m.expressions.len(), 1);
        let openers = "{%{{{#\"".repeat(200_000);
        assert_eq!(mask(&openers).text.len(), openers.len());
    }
}
