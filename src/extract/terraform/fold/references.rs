//! References and traversals [`Env::eval`] folds: `local.x`, `var.x`, `each.*`,
//! `count.index`, literal attributes of the module's resources and zone data sources (an
//! element of a resource's literal `for_each` too), and indexing or attribute access into a
//! folded value. What only `terraform apply` knows is `Unknown`, with the reason.

use hcl_edit::expr::TraversalOperator;
use hcl_edit::structure::Block;

use super::{Env, Folded, Loc, Scope, Text};
use crate::extract::terraform::providers::{ZONES, ZONE_LIST_DATA};
use crate::text::Decoded;

impl Env<'_> {
    /// `local.x`, `var.x`, `each.*`, `count.index` or `<resource type>.<name>.<attr>`; takes
    /// the operators it consumes from `ops`.
    pub(super) fn reference<'o>(
        &self,
        root: &str,
        ops: &mut std::iter::Peekable<impl Iterator<Item = &'o TraversalOperator>>,
        loc: Loc,
        scope: &Scope,
        depth: u32,
    ) -> Folded {
        let file = loc.file;
        let mut element = None;
        let mut attr = |index: bool| match ops.peek() {
            Some(TraversalOperator::GetAttr(name)) => {
                let name = name.as_str().to_string();
                ops.next();
                Some(name)
            }
            Some(TraversalOperator::Index(e)) if index => {
                element = Some(self.eval_at(e, file, scope, depth + 1));
                ops.next();
                None
            }
            _ => None,
        };
        let not_known = |what: &str| self.unknown(file, loc.span, what.to_string());
        if let Some(value) = scope.var(root) {
            return value.clone();
        }
        match root {
            "local" => match attr(false).and_then(|n| self.locals.get(n.as_str()).copied()) {
                Some((f, e)) => self.eval_at(e, f, &Scope::default(), depth + 1),
                None => not_known("the local value is not defined in this module"),
            },
            "var" => {
                let Some(name) = attr(false) else {
                    return not_known("`var` needs a variable name");
                };
                if let Some(value) = self.arguments.get(&name) {
                    return value.clone();
                }
                let assigned = self.assigned.get(name.as_str()).map(|&(f, e)| (f, Some(e)));
                match assigned.as_ref().or(self.variables.get(name.as_str())) {
                    Some((f, Some(e))) => self.eval_at(e, *f, &Scope::default(), depth + 1),
                    Some((_, None)) => not_known(&format!(
                        "`var.{name}` has no default, so its value is set elsewhere"
                    )),
                    None => not_known(&format!("`var.{name}` is not declared in this module")),
                }
            }
            "each" => match (attr(false).as_deref(), &scope.each) {
                (Some("key"), Some((k, _))) => k.clone(),
                (Some("value"), Some((_, v))) => v.clone(),
                _ => not_known("`each` is only known inside a resource with a literal `for_each`"),
            },
            "count" => match (attr(false).as_deref(), &scope.count) {
                (Some("index"), Some(i)) => i.clone(),
                _ => not_known(
                    "`count.index` is only known inside a resource with a literal `count`",
                ),
            },
            "data" => {
                let (Some(rtype), Some(name), Some(field)) =
                    (attr(false), attr(false), attr(false))
                else {
                    return not_known("data sources are read when Terraform runs");
                };
                let found = self.zone_data.get(&(rtype.as_str(), name.as_str()));
                let literal_name = found.and_then(|&(f, block)| {
                    // The name looked up: `name`, or a `filter { name }` block (Cloudflare v4).
                    let expr = match block.body.get_attribute("name") {
                        Some(a) => &a.value,
                        None => {
                            &block
                                .body
                                .get_blocks("filter")
                                .next()?
                                .body
                                .get_attribute("name")?
                                .value
                        }
                    };
                    Some((f, expr))
                });
                let listed = ZONE_LIST_DATA.contains(&(rtype.as_str(), field.as_str()));
                match literal_name {
                    Some((f, expr)) if listed => {
                        // A list of the zones found: the one zone of that name.
                        match self.eval_at(expr, f, &Scope::default(), depth + 1) {
                            Folded::Str(t) => {
                                let field = |key: &str| {
                                    let mut decoded = Decoded::default();
                                    decoded.push_escape(key, t.loc.span);
                                    (
                                        Text {
                                            loc: t.loc,
                                            decoded,
                                        },
                                        Folded::Str(t.clone()),
                                    )
                                };
                                let zone = Folded::Map(vec![field("id"), field("name")], t.loc);
                                Folded::List(vec![zone], t.loc)
                            }
                            other => other,
                        }
                    }
                    Some((f, expr)) if matches!(field.as_str(), "id" | "zone_id" | "name") => {
                        self.eval_at(expr, f, &Scope::default(), depth + 1)
                    }
                    _ => not_known("data sources are read when Terraform runs"),
                }
            }
            "module" => not_known("module outputs are known only when Terraform runs"),
            "path" | "terraform" | "self" => {
                not_known("the value is known only when Terraform runs")
            }
            rtype => {
                // `type.name.field`, or `type.name[key].field` for one element of a
                // resource with a literal `for_each`.
                let name = attr(false);
                let field = match attr(true) {
                    Some(field) => Some(field),
                    None => attr(false),
                };
                let (Some(name), Some(field)) = (name, field) else {
                    return not_known("the reference is not a resource attribute");
                };
                let Some(&(f, block)) = self.resources.get(&(rtype, name.as_str())) else {
                    return not_known(&format!("`{rtype}.{name}` is not defined in this module"));
                };
                if let Some(key) = element {
                    return self.element_attr((rtype, f, block), key, &field, loc, depth);
                }
                let is_zone_id = matches!(field.as_str(), "id" | "zone_id");
                if is_zone_id {
                    if let Some(zone) = self.zone_resource(rtype, &name) {
                        return zone;
                    }
                }
                let expanded = ["count", "for_each"]
                    .iter()
                    .any(|k| block.body.has_attribute(k));
                match block.body.get_attribute(&field) {
                    Some(a) if !expanded => self.eval_at(&a.value, f, &Scope::default(), depth + 1),
                    _ => not_known(&format!(
                        "`{rtype}.{name}.{field}` is known only after apply"
                    )),
                }
            }
        }
    }

    /// The attribute `field` of the element `key` of a resource with a literal `for_each`
    /// (a zone's `id` reads as its name).
    fn element_attr(
        &self,
        (rtype, file, block): (&str, usize, &Block),
        key: Folded,
        field: &str,
        loc: Loc,
        depth: u32,
    ) -> Folded {
        let key = match key {
            Folded::Str(k) => k.decoded.text().to_string(),
            Folded::Unknown(u) => return Folded::Unknown(u),
            _ => return self.unknown(loc.file, loc.span, "the index is not a string"),
        };
        let Some(for_each) = block.body.get_attribute("for_each") else {
            return self.unknown(loc.file, loc.span, "the resource has no `for_each`");
        };
        let each = match self.eval_at(&for_each.value, file, &Scope::default(), depth + 1) {
            Folded::Map(entries, _) => entries
                .into_iter()
                .find(|(k, _)| k.decoded.text() == key)
                .map(|(k, v)| (Folded::Str(k), v)),
            Folded::List(items, _) => items
                .into_iter()
                .find(|i| i.text().is_some_and(|t| t.decoded.text() == key))
                .map(|i| (i.clone(), i)),
            Folded::Unknown(u) => return Folded::Unknown(u),
            _ => None,
        };
        let Some(each) = each else {
            return self.unknown(loc.file, loc.span, format!("the `for_each` has no `{key}`"));
        };
        let zone_name = ZONES
            .iter()
            .find(|(t, _)| *t == rtype)
            .map(|(_, a)| *a)
            .filter(|_| matches!(field, "id" | "zone_id"));
        let scope = Scope {
            each: Some(each),
            ..Scope::default()
        };
        match block.body.get_attribute(zone_name.unwrap_or(field)) {
            Some(a) => self.eval_at(&a.value, file, &scope, depth + 1),
            None => self.unknown(
                loc.file,
                loc.span,
                format!("`{rtype}[\"{key}\"].{field}` is known only after apply"),
            ),
        }
    }

    pub(super) fn operator(
        &self,
        value: Folded,
        op: &TraversalOperator,
        loc: Loc,
        scope: &Scope,
        depth: u32,
    ) -> Folded {
        let key = match op {
            TraversalOperator::GetAttr(name) => name.as_str().to_string(),
            TraversalOperator::LegacyIndex(i) => i.value().to_string(),
            TraversalOperator::Index(e) => match self.eval_at(e, loc.file, scope, depth + 1) {
                Folded::Str(t) => t.decoded.text().to_string(),
                Folded::Unknown(u) => return Folded::Unknown(u),
                _ => {
                    return self.unknown(
                        loc.file,
                        self.span(loc.file, e),
                        "the index is not a string or number",
                    )
                }
            },
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                return self.unknown(loc.file, loc.span, "splat expressions are not evaluated")
            }
        };
        match value {
            Folded::Unknown(u) => Folded::Unknown(u),
            Folded::Map(entries, _) => {
                match entries.into_iter().find(|(k, _)| k.decoded.text() == key) {
                    Some((_, v)) => v,
                    None => self.unknown(loc.file, loc.span, format!("the object has no `{key}`")),
                }
            }
            Folded::List(items, _) => match key
                .parse::<usize>()
                .ok()
                .and_then(|i| items.into_iter().nth(i))
            {
                Some(v) => v,
                None => self.unknown(
                    loc.file,
                    loc.span,
                    format!("the list has no element `{key}`"),
                ),
            },
            _ => self.unknown(
                loc.file,
                loc.span,
                format!("`{key}` of a value that is not a collection"),
            ),
        }
    }
}
