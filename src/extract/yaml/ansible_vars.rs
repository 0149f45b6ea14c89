//! Ansible variables defined as literals, for folding `{{ var }}` in a task's record name or
//! value (and in a zone template's `$ORIGIN`).
//!
//! Ansible gives a variable the value of the place with the highest precedence that defines
//! it. The places read, highest first: the task's and its blocks' `vars:`, the role's
//! `vars/main.yml`, the play's `vars:`, `host_vars/`, `group_vars/`, the role's
//! `defaults/main.yml` (`group_vars/` and `host_vars/` are looked for in the file's
//! directory and the four above it, and under an `inventory/` there). A place that defines a
//! variable twice with different values (two groups, two hosts) leaves it unknown: which one
//! applies depends on the host, and a guess could be wrong. A value that is not a scalar, or
//! whose `{{ }}` cannot be folded in turn, is unknown too; extra variables (`-e`) are not
//! seen, so a literal is what the repository says, as with Terraform variable defaults.
//! A list or a mapping is kept as a [`Literal`] with the file that writes it, for the loops
//! that go through it ([`super::ansible_loop`], which also reads `set_fact`).
//!
//! The files are read through the [`Loader`] (never outside the linted root) and what a
//! directory defines is kept for the run ([`memoized`]), since every task file of a
//! repository shares the same `group_vars/`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::document::{parse, Kind, NodeId, Stream};
use super::scalar;
use crate::extract::{memoized, Loader};
use crate::text::{Decoded, Source, Span};

/// What one place defines: each name's literal value, or `None` where it is not known.
pub(crate) type Tier = HashMap<String, Option<Arc<Defined>>>;

/// A variable's literal value and the file that writes it.
#[derive(Debug)]
pub(crate) struct Defined {
    pub(crate) source: Arc<Source>,
    pub(crate) value: Literal,
}

/// A value as written: its bytes in its file, and its shape.
#[derive(Debug)]
pub(crate) struct Literal {
    pub(crate) span: Span,
    pub(crate) shape: Shape,
}

/// A scalar (decoded, mapped to its bytes), or a list or mapping of literals; past
/// [`MAX_LITERAL_DEPTH`] levels a value is not looked into (no loop reads that deep).
#[derive(Debug)]
pub(crate) enum Shape {
    Scalar(Decoded),
    List(Vec<Literal>),
    Map(Vec<(Decoded, Literal)>),
    Deep,
}

impl Literal {
    /// A scalar's decoded value.
    pub(crate) fn scalar(&self) -> Option<&Decoded> {
        match &self.shape {
            Shape::Scalar(value) => Some(value),
            _ => None,
        }
    }

    /// Whether two literals hold the same values, wherever they are written.
    fn same(&self, other: &Literal) -> bool {
        match (&self.shape, &other.shape) {
            (Shape::Scalar(a), Shape::Scalar(b)) => a.text() == b.text(),
            (Shape::List(a), Shape::List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Shape::Map(a), Shape::Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((k, x), (l, y))| k.text() == l.text() && x.same(y))
            }
            _ => false,
        }
    }
}

/// How many levels of a list or mapping are kept: a loop's list, a `with_items` list inside
/// it, an item's mapping and its scalars.
const MAX_LITERAL_DEPTH: usize = 4;

/// The literal written at `node` of `stream`, parsed from `source`.
pub(crate) fn literal(source: &Source, stream: &Stream, node: NodeId) -> Literal {
    literal_at(source, stream, node, 0)
}

fn literal_at(source: &Source, stream: &Stream, node: NodeId, depth: usize) -> Literal {
    let at = &stream.nodes[node];
    let shape = match &at.kind {
        Kind::Scalar { value, style } => {
            Shape::Scalar(scalar::decode(&source.text, at.span, *style, value))
        }
        _ if depth >= MAX_LITERAL_DEPTH => Shape::Deep,
        Kind::Seq(items) => Shape::List(
            items
                .iter()
                .map(|&i| literal_at(source, stream, i, depth + 1))
                .collect(),
        ),
        Kind::Map(entries) => Shape::Map(
            entries
                .iter()
                .filter_map(|&(k, v)| {
                    let key = literal_at(source, stream, k, depth + 1);
                    let Shape::Scalar(key) = key.shape else {
                        return None;
                    };
                    Some((key, literal_at(source, stream, v, depth + 1)))
                })
                .collect(),
        ),
    };
    Literal {
        span: at.span,
        shape,
    }
}

/// How many `{{ }}` levels a value's expansion may go through.
const MAX_EXPANSION_DEPTH: usize = 8;
/// The longest value an expansion makes.
const MAX_EXPANDED_LEN: usize = 4096;
/// How many variables one expansion may look up (ten `{{ }}` of empty values on each of
/// eight levels would otherwise be a hundred million).
const MAX_EXPANSION_STEPS: usize = 1024;
/// How many directories above a file `group_vars/` and `host_vars/` are looked for in.
const MAX_UP: usize = 4;
/// The most files of one `group_vars/` or `host_vars/` read.
const MAX_FILES: usize = 256;

/// The places a file's `{{ var }}` may be defined, highest precedence first.
#[derive(Clone, Default)]
pub(crate) struct Scope {
    tiers: Vec<Arc<Tier>>,
}

impl Scope {
    /// The scope a file of a role or playbook starts with: role `vars/`, inventory
    /// variables, role `defaults/`.
    pub(crate) fn of_file(source: &Source, loader: &dyn Loader) -> Scope {
        let role = role_dir(&source.path);
        let mut tiers = Vec::new();
        if let Some((up, _)) = &role {
            tiers.push(role_file(source, loader, up, "vars"));
        }
        tiers.push(inventory(source, loader, "host_vars"));
        tiers.push(inventory(source, loader, "group_vars"));
        if let Some((up, _)) = &role {
            tiers.push(role_file(source, loader, up, "defaults"));
        }
        Scope { tiers }
    }

    /// This scope under a place of higher precedence (a play's or a task's `vars:`); a
    /// play's vars go below the role's `vars/`, which `below_role` says.
    pub(crate) fn with(&self, tier: Arc<Tier>, below_role: bool) -> Scope {
        let mut tiers = self.tiers.clone();
        let at = usize::from(below_role && !tiers.is_empty());
        tiers.insert(at, tier);
        Scope { tiers }
    }

    /// What the place of highest precedence that defines `name` gives it; `None` when it is
    /// not known.
    pub(crate) fn lookup(&self, name: &str) -> Option<&Arc<Defined>> {
        self.tiers.iter().find_map(|t| t.get(name))?.as_ref()
    }

    /// The value of `name`, its own `{{ var }}`s folded; `None` when it is not known.
    pub(crate) fn resolve(&self, name: &str) -> Option<String> {
        self.resolve_at(name, 0, &mut { MAX_EXPANSION_STEPS })
    }

    fn resolve_at(&self, name: &str, depth: usize, steps: &mut usize) -> Option<String> {
        if depth > MAX_EXPANSION_DEPTH || *steps == 0 {
            return None;
        }
        *steps -= 1;
        let value = self.lookup(name)?.value.scalar()?.text();
        let mut out = String::new();
        for part in expressions(value) {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Expression(inner) => {
                    out.push_str(&self.resolve_at(variable(inner)?, depth + 1, steps)?);
                }
            }
            if out.len() > MAX_EXPANDED_LEN {
                return None;
            }
        }
        Some(out)
    }
}

/// A piece of a value: text, or the inside of a `{{ }}`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Part<'a> {
    Text(&'a str),
    Expression(&'a str),
}

/// `text` cut at its `{{ }}` expressions; an unclosed `{{` is text.
pub(crate) fn expressions(text: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        let Some(close) = text[open + 2..].find("}}").map(|i| open + 2 + i) else {
            break;
        };
        if open > rest {
            out.push(Part::Text(&text[rest..open]));
        }
        out.push(Part::Expression(&text[open + 2..close]));
        rest = close + 2;
    }
    if rest < text.len() {
        out.push(Part::Text(&text[rest..]));
    }
    out
}

/// The variable an expression is, when it is one name alone (`{{ domain }}`, not
/// `{{ domain | upper }}` or `{{ item.name }}`).
pub(crate) fn variable(expression: &str) -> Option<&str> {
    let name = expression.trim();
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then_some(name)
}

/// What a `vars:` mapping (of a play, a block or a task, or a `set_fact`) of `source`
/// defines, each value with its bytes there.
pub(crate) fn tier_of(source: &Arc<Source>, stream: &Stream, map: NodeId) -> Tier {
    let mut tier = Tier::new();
    for &(key, value) in stream.map(map).unwrap_or_default() {
        if let Some(key) = stream.scalar(key) {
            let defined = Defined {
                source: Arc::clone(source),
                value: literal(source, stream, value),
            };
            define(&mut tier, key, Some(Arc::new(defined)));
        }
    }
    tier
}

/// Adds a definition; two different ones leave the name unknown.
pub(crate) fn define(tier: &mut Tier, name: &str, value: Option<Arc<Defined>>) {
    let same = |a: &Option<Arc<Defined>>| match (a, &value) {
        (Some(a), Some(b)) => a.value.same(&b.value),
        _ => false,
    };
    match tier.get(name) {
        Some(old) if !same(old) => {
            tier.insert(name.to_string(), None);
        }
        Some(_) => {}
        None => {
            tier.insert(name.to_string(), value);
        }
    }
}

/// The role a file belongs to (`roles/<name>/tasks/main.yml`): how to go up from the file's
/// directory to the role's (`..`), and the role's directory.
fn role_dir(path: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    let at = parts.iter().rposition(|p| *p == "roles")?;
    // roles/<name>/<dir>/.../<file>: the file is `below` directories under `<dir>`.
    let below = parts.len().checked_sub(at + 4)?;
    let up = vec![".."; below + 1].join("/");
    Some((up, parts[..at + 2].join("/")))
}

/// The role's `vars/main.yml` or `defaults/main.yml` (or `.yaml`).
fn role_file(source: &Source, loader: &dyn Loader, up: &str, dir: &str) -> Arc<Tier> {
    let role = role_dir(&source.path).map(|(_, d)| d).unwrap_or_default();
    let key = format!("ansible-vars:{role}/{dir}");
    memoized(loader, &key, || {
        let mut tier = Tier::new();
        for file in ["main.yml", "main.yaml"] {
            read_into(&mut tier, source, loader, &format!("{up}/{dir}/{file}"));
        }
        tier
    })
}

/// Every `group_vars/` (or `host_vars/`) at or above the file's directory, merged.
fn inventory(source: &Source, loader: &dyn Loader, kind: &str) -> Arc<Tier> {
    let dir = Path::new(&source.path).parent().unwrap_or(Path::new(""));
    let mut tier = Tier::new();
    for (up, at) in dir.ancestors().take(MAX_UP + 1).enumerate() {
        let rel = if up == 0 {
            ".".to_string()
        } else {
            vec![".."; up].join("/")
        };
        for found in [kind.to_string(), format!("inventory/{kind}")] {
            let key = format!("ansible-vars:{}/{found}", at.display());
            let here = memoized(loader, &key, || {
                read_dir(source, loader, &format!("{rel}/{found}"))
            });
            for (name, value) in here.iter() {
                define(&mut tier, name, value.clone());
            }
        }
    }
    Arc::new(tier)
}

/// The variables of the files of a `group_vars/` directory: `all.yml`, `web.yml`, and the
/// files of `all/`, `web/` (one level).
fn read_dir(source: &Source, loader: &dyn Loader, dir: &str) -> Tier {
    let mut tier = Tier::new();
    let mut files = Vec::new();
    for entry in loader.list(source, dir) {
        let path = format!("{dir}/{entry}");
        let inner = loader.list(source, &path);
        if inner.is_empty() {
            files.push(path);
        } else {
            files.extend(inner.iter().map(|f| format!("{path}/{f}")));
        }
    }
    for path in files.iter().take(MAX_FILES) {
        let yaml = [".yml", ".yaml", ".json"].iter().any(|e| path.ends_with(e));
        if yaml || !path.rsplit('/').next().unwrap_or_default().contains('.') {
            read_into(&mut tier, source, loader, path);
        }
    }
    tier
}

/// Adds the top-level variables of the YAML file at `path` (relative to `from`).
fn read_into(tier: &mut Tier, from: &Source, loader: &dyn Loader, path: &str) {
    let Ok(file) = loader.load(from, path) else {
        return;
    };
    let Ok(stream) = parse(&file.text) else {
        return;
    };
    if let Some(&root) = stream.documents.first() {
        for (name, value) in tier_of(&file, &stream, root) {
            define(tier, &name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Arc<Defined> {
        Arc::new(Defined {
            source: Arc::new(Source::new("vars.yml", value)),
            value: Literal {
                span: Span::new(0, value.len() as u32),
                shape: Shape::Scalar(Decoded::verbatim(value, 0)),
            },
        })
    }

    fn tier(pairs: &[(&str, Option<&str>)]) -> Tier {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(text)))
            .collect()
    }

    #[test]
    fn values_fold_through_their_own_variables_and_precedence_decides() {
        let defaults = tier(&[
            ("domain", Some("example.org")),
            ("mail_domain", Some("mail.{{ domain }}")),
            ("loop", Some("{{ loop }}")),
            ("filtered", Some("{{ domain | upper }}")),
        ]);
        let scope = Scope {
            tiers: vec![Arc::new(defaults)],
        };
        assert_eq!(
            scope.resolve("mail_domain").as_deref(),
            Some("mail.example.org")
        );
        assert_eq!(scope.resolve("loop"), None);
        assert_eq!(scope.resolve("filtered"), None);
        assert_eq!(scope.resolve("missing"), None);
        // Ten empty expansions on each of eight levels: stopped by the step budget.
        let mut bomb = tier(&[("v0", Some(""))]);
        for i in 1..=8 {
            bomb.insert(
                format!("v{i}"),
                Some(text(&format!("{{{{ v{} }}}}", i - 1).repeat(10))),
            );
        }
        let bomb = Scope {
            tiers: vec![Arc::new(bomb)],
        };
        assert_eq!(bomb.resolve("v2").as_deref(), Some(""));
        assert_eq!(bomb.resolve("v8"), None);
        let play = tier(&[("domain", Some("example.com"))]);
        let scope = scope.with(Arc::new(play), false);
        assert_eq!(
            scope.resolve("mail_domain").as_deref(),
            Some("mail.example.com")
        );
        let mut two = Tier::new();
        define(&mut two, "domain", Some(text("a.example")));
        define(&mut two, "domain", Some(text("a.example")));
        assert_eq!(
            scope.with(Arc::new(two.clone()), false).resolve("domain"),
            Some("a.example".to_string())
        );
        define(&mut two, "domain", Some(text("b.example")));
        assert_eq!(scope.with(Arc::new(two), false).resolve("domain"), None);
    }

    #[test]
    fn lists_and_mappings_are_kept_to_a_depth_and_compared_by_value() {
        let yaml = "a: [{name: x, value: 'y'}, [[[[deep]]]]]\nb:\n  - {name: x, value: y}\n  - [[[[other]]]]\n";
        let source = Arc::new(Source::new("vars.yml", yaml));
        let stream = parse(yaml).unwrap();
        let tier = tier_of(&source, &stream, stream.documents[0]);
        let a = &tier["a"].as_ref().unwrap().value;
        let Shape::List(items) = &a.shape else {
            panic!("{a:?}")
        };
        let Shape::Map(fields) = &items[0].shape else {
            panic!()
        };
        let value = fields[1].1.scalar().unwrap();
        assert_eq!(&yaml[value.source_span(0..1).range()], "y");
        // The list at depth 1 holds lists at 2 and 3; the one at depth 4 is not looked into.
        let mut at = &items[1];
        let mut depth = 1;
        while let Shape::List(inner) = &at.shape {
            at = &inner[0];
            depth += 1;
        }
        assert!(
            matches!(at.shape, Shape::Deep) && depth == 4,
            "{at:?} at {depth}"
        );
        // Written differently, the same values; but what is not looked into is never the same.
        let b = &tier["b"].as_ref().unwrap().value;
        let Shape::List(b) = &b.shape else { panic!() };
        assert!(items[0].same(&b[0]));
        assert!(!items[1].same(&b[1]));
    }

    #[test]
    fn expressions_and_variables() {
        assert_eq!(
            expressions("a{{ b }}c{{ d"),
            vec![
                Part::Text("a"),
                Part::Expression(" b "),
                Part::Text("c{{ d")
            ]
        );
        assert_eq!(variable(" domain_1 "), Some("domain_1"));
        assert_eq!(variable("item.name"), None);
        assert_eq!(variable(""), None);
        assert_eq!(
            role_dir("x/roles/mail/tasks/sub/dns.yml"),
            Some(("../..".to_string(), "x/roles/mail".to_string()))
        );
        assert_eq!(role_dir("roles/mail/main.yml"), None);
    }
}
