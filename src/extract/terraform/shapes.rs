//! Record-shaped data: objects with a literal `type = "TXT"` (or `"CNAME"`, `"MX"`,
//! `"TLSA"`), a name and values, wherever the linted file writes them (module arguments,
//! `locals`, variable defaults, `*.tfvars` assignments), as real repositories keep their
//! DNS in data that a module turns into resources with `for_each`.
//!
//! The search walks folded values, not syntax, so data built from locals is found too. An
//! object without a name of its own takes its map key (`{ "_smtp._tls" = { type = "TXT",
//! ... } }`). Values a resource of this module already made into records are skipped.
//!
//! A name only partly known (a map key or `name` `"_smtp._tls.${var.domain}"`) is read at
//! its literal labels with no zone, as a resource's is (`resources::known_labels`): a map
//! with such a key does not fold, so it is searched entry by entry in the syntax.
//!
//! The provider's quoting comes from the local module an object is passed to
//! (`source = "./modules/x"`: the first record resource type in its `main.tf` and
//! siblings), else from the field holding the values (`records`: Route 53, `rrdatas`:
//! Google, anything else: plain). The zone comes from the object (`zone`, `zone_name`), else
//! from a module argument naming it (`zone_name`, `zone`, `domain`, `dns_name`, or a
//! `zone_id` that folds to a zone resource), else from a variable the same variables file
//! assigns (`root_domain`, `domain`...), else from the settings.

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Structure};

use super::fold::{Folded, Loc, Scope, Text, Unknown};
use super::quoting::Quoting;
use super::resources::{absolute_zone, known_labels, quoting_of, Spec};
use super::{module, Emit, Loader};
use crate::model::RecordKind;
use crate::names::is_reporting_value;

/// How deep record-shaped objects are searched for inside data.
const MAX_DEPTH: u32 = 16;

const NAME_FIELDS: &[&str] = &["name", "subdomain", "record_name", "domain"];
const VALUE_FIELDS: &[&str] = &["records", "rrdatas", "values", "value", "content", "target"];
const ZONE_FIELDS: &[&str] = &["zone_name", "zone", "domain", "dns_name", "zone_id"];
/// The variables a variables file names its zone with.
const FILE_ZONE_FIELDS: &[&str] = &[
    "root_domain",
    "domain_name",
    "domain",
    "zone_name",
    "zone",
    "dns_name",
];

/// What the surroundings of some data say about the records in it.
#[derive(Clone, Debug, Default)]
struct Context {
    quoting: Option<Quoting>,
    zone: Option<String>,
}

/// Finds record-shaped objects in every file of the module.
pub(super) fn scan(emit: &mut Emit<'_, '_>, loader: &dyn Loader) {
    for file in 0..emit.env.files.len() {
        emit.env.refill();
        scan_file(emit, loader, file);
    }
}

fn scan_file(emit: &mut Emit<'_, '_>, loader: &dyn Loader, file: usize) {
    let env = emit.env;
    let none = Context {
        zone: file_zone(emit, file),
        ..Context::default()
    };
    for structure in env.files[file].body.iter() {
        match structure {
            Structure::Attribute(a) => visit_expr(emit, &a.value, file, &none),
            Structure::Block(b) => {
                let exprs: Vec<_> = match b.ident.as_str() {
                    "locals" => b.body.attributes().map(|a| &a.value).collect(),
                    "variable" => b
                        .body
                        .get_attribute("default")
                        .map(|a| &a.value)
                        .into_iter()
                        .collect(),
                    "module" => b.body.attributes().map(|a| &a.value).collect(),
                    _ => continue,
                };
                let context = match b.ident.as_str() {
                    "module" => {
                        not_in_repository(emit, b, file);
                        module_context(emit, loader, b, file)
                    }
                    _ => none.clone(),
                };
                for expr in exprs {
                    visit_expr(emit, expr, file, &context);
                }
            }
        }
    }
}

/// Reports a call of a module that is not in the repository (a registry or Git `source`)
/// whose arguments mention TLS reporting: the records it makes of them cannot be read
/// offline. Record-shaped arguments are still checked as data.
fn not_in_repository(emit: &mut Emit<'_, '_>, block: &Block, file: usize) {
    let env = emit.env;
    let Some(source) = block.body.get_attribute("source") else {
        return;
    };
    let Folded::Str(path) = env.eval(&source.value, file, &Scope::default()) else {
        return;
    };
    let path = path.decoded.text();
    if path.starts_with("./") || path.starts_with("../") {
        return;
    }
    let text = &env.source(file).text[env.block_span(file, block).range()];
    if crate::names::mentions_reporting(text) {
        let unknown = Unknown {
            loc: Loc {
                file,
                span: env.span(file, &source.value),
            },
            why: "the module is not in this repository, so the records it makes are not read (its arguments that are record-shaped data are checked)".to_string(),
            known: None,
        };
        emit.unevaluated(&unknown, "the module");
    }
}

/// The quoting and zone a `module` block's local module applies.
fn module_context(emit: &Emit<'_, '_>, loader: &dyn Loader, block: &Block, file: usize) -> Context {
    let env = emit.env;
    let arg = |name: &str| {
        block
            .body
            .get_attribute(name)
            .map(|a| env.eval(&a.value, file, &Scope::default()))
    };
    let zone = ZONE_FIELDS
        .iter()
        .find_map(|f| zone_named(arg(f)?.text()?.decoded.text()));
    let quoting = arg("source").and_then(|source| {
        let path = source.text()?.decoded.text().to_string();
        if !(path.starts_with("./") || path.starts_with("../")) {
            return None;
        }
        let quoting = module::called(loader, env.source(file), &path, "quoting", |called| {
            // `main.tf` first: its record resource is the module's.
            let (main, others): (Vec<_>, Vec<_>) = called
                .files
                .iter()
                .partition(|f| f.source.path.ends_with("/main.tf"));
            main.into_iter().chain(others).find_map(|f| {
                f.body
                    .blocks()
                    .find_map(|b| match super::fold::labels(b).as_slice() {
                        [rtype, _] if b.ident.as_str() == "resource" => quoting_of(rtype),
                        _ => None,
                    })
            })
        });
        *quoting
    });
    Context { quoting, zone }
}

/// The zone a variables file names beside its records (`root_domain = "example.org"` in a
/// `*.tfvars`; only such files assign at the top level): where an object and its module
/// name none, the records are in it, so a misspelt `_stmp._tls` there is meant as
/// `_smtp._tls.example.org`.
fn file_zone(emit: &Emit<'_, '_>, file: usize) -> Option<String> {
    let env = emit.env;
    FILE_ZONE_FIELDS.iter().find_map(|field| {
        let attribute = env.files[file].body.get_attribute(field)?;
        let value = env.eval(&attribute.value, file, &Scope::default());
        zone_named(value.text()?.decoded.text())
    })
}

/// `text` as an absolute zone, where it names one (a domain, with a dot).
fn zone_named(text: &str) -> Option<String> {
    text.contains('.').then(|| absolute_zone(text)).flatten()
}

/// The map key a value was found under: whole, or only its first labels known
/// (`"_smtp._tls.${var.domain}" = { ... }`, with the unknown rest).
#[derive(Clone, Copy)]
enum Key<'k> {
    Whole(&'k Text),
    Partial(&'k Unknown),
}

/// Searches the value of `expr` (in `file`) for record-shaped objects. Where it does not
/// fold because a map key is only partly known, the object is searched entry by entry, so
/// its records are read at their known labels.
fn visit_expr(emit: &mut Emit<'_, '_>, expr: &Expression, file: usize, context: &Context) {
    let value = emit.env.eval(expr, file, &Scope::default());
    visit_partly(emit, expr, value, file, None, context, 0);
}

fn visit_partly(
    emit: &mut Emit<'_, '_>,
    expr: &Expression,
    value: Folded,
    file: usize,
    key: Option<Key<'_>>,
    context: &Context,
    depth: u32,
) {
    let env = emit.env;
    if !matches!(value, Folded::Unknown(_)) || depth > MAX_DEPTH {
        return visit(emit, &value, key, context, depth);
    }
    let eval = |e: &Expression| env.eval(e, file, &Scope::default());
    match expr {
        Expression::Object(object) => {
            for (k, v) in object.iter() {
                let key = match k {
                    ObjectKey::Expression(e) => eval(e),
                    ObjectKey::Ident(_) => Folded::Null,
                };
                let value = eval(v.expr());
                let key = match &key {
                    Folded::Str(t) => Some(Key::Whole(t)),
                    Folded::Unknown(u) => u.known.is_some().then_some(Key::Partial(u)),
                    _ => None,
                };
                visit_partly(emit, v.expr(), value, file, key, context, depth + 1);
            }
        }
        Expression::Array(items) => {
            for item in items.iter() {
                visit_partly(emit, item, eval(item), file, None, context, depth + 1);
            }
        }
        Expression::Parenthesis(p) => {
            let inner = p.inner();
            visit_partly(emit, inner, eval(inner), file, key, context, depth + 1);
        }
        _ => {}
    }
}

/// Searches `value` for record-shaped objects; `key` is the map key it was found under.
fn visit(
    emit: &mut Emit<'_, '_>,
    value: &Folded,
    key: Option<Key<'_>>,
    context: &Context,
    depth: u32,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Folded::Map(entries, _) if !record(emit, value, key, context) => {
            for (k, v) in entries {
                visit(emit, v, Some(Key::Whole(k)), context, depth + 1);
            }
        }
        Folded::List(items, _) => {
            for item in items {
                visit(emit, item, None, context, depth + 1);
            }
        }
        _ => {}
    }
}

/// Emits the records of a record-shaped object; false when `object` is not one.
fn record(
    emit: &mut Emit<'_, '_>,
    object: &Folded,
    key: Option<Key<'_>>,
    context: &Context,
) -> bool {
    let field = |names: &[&'static str]| names.iter().find_map(|n| object.get(n).map(|v| (*n, v)));
    let Some(rtype) = object.get("type").and_then(Folded::text) else {
        return false;
    };
    let rtype = rtype.decoded.text().to_ascii_uppercase();
    let Some((value_field, values)) = field(VALUE_FIELDS) else {
        return false;
    };
    if !matches!(rtype.as_str(), "TXT" | "CNAME" | "MX" | "TLSA") {
        return false;
    }
    // A name whose domain is unknown is read at its known labels, with no zone, where the
    // value is a TLS-RPT or MTA-STS record (as a resource's partly known name is).
    let (name, unknown_name) = match field(NAME_FIELDS).map(|(_, v)| v).cloned() {
        Some(Folded::Str(t)) => (Some(t), None),
        Some(Folded::Unknown(u)) => (known_labels(&u), Some(u)),
        _ => match key {
            Some(Key::Whole(k)) => (Some(k.clone()), None),
            Some(Key::Partial(u)) => (known_labels(u), Some(u.clone())),
            None => (None, None),
        },
    };
    let partial = unknown_name.is_some();
    let items = match values {
        Folded::List(items, _) => items.as_slice(),
        one => std::slice::from_ref(one),
    };
    let reporting = items.iter().any(|i| {
        i.text()
            .is_some_and(|t| is_reporting_value(t.decoded.text().as_bytes()))
    });
    if let Some(u) = unknown_name.as_ref().filter(|_| name.is_none()) {
        // No label of the name is known: the record cannot be placed.
        if reporting {
            emit.unevaluated(u, "the record name");
        }
        return true;
    }
    let zone = ["zone_name", "zone"]
        .iter()
        .find_map(|f| object.get(f)?.text())
        .and_then(|t| absolute_zone(t.decoded.text()))
        .filter(|z| z.contains('.'))
        .or_else(|| context.zone.clone())
        .or_else(|| emit.origin.clone())
        .filter(|_| !partial);
    let quoting = context.quoting.unwrap_or(match value_field {
        "records" => Quoting::Route53,
        "rrdatas" => Quoting::Google,
        _ => Quoting::Plain,
    });
    let ttl = object.get("ttl").and_then(Folded::text);
    let spec = Spec {
        kind_quoting: quoting,
        rtype,
        name,
        fqdn: false,
        zone,
        ttl,
        spans: [object.loc(), None],
        via: None,
    };
    let relevant = spec
        .name
        .as_ref()
        .is_some_and(|n| RecordKind::of_name(n.decoded.text()) != RecordKind::Other);
    for item in items {
        match item {
            Folded::Str(t) if partial && !is_reporting_value(t.decoded.text().as_bytes()) => {}
            Folded::Str(t) if !emit.was_emitted(t.loc) => emit.record(&spec, t),
            Folded::Unknown(u) if relevant => emit.unevaluated(u, "the record value"),
            _ => {}
        }
    }
    if let Some(u) = unknown_name.filter(|_| reporting || relevant) {
        emit.unevaluated(&u, "the record name");
    }
    true
}
