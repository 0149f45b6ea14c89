//! References and traversals [`Env::eval`] folds: `local.x`, `var.x`, `each.*`,
//! `count.index`, literal attributes of the module's resources and zone data sources (an
//! element of a resource's literal `for_each` or `count` too), module outputs (in
//! `outputs`), and indexing or attribute access into a folded value. What only
//! `terraform apply` knows is `Unknown`, with the reason.

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
                let looked_up = found.and_then(|&(f, block)| self.looked_up(f, block, depth));
                let listed = ZONE_LIST_DATA.contains(&(rtype.as_str(), field.as_str()));
                match looked_up {
                    Some(Folded::Str(t)) if listed => {
                        // A list of the zones found: the one zone of that name.
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
                    Some(name) if matches!(field.as_str(), "id" | "zone_id" | "name") || listed => {
                        name
                    }
                    _ => not_known("data sources are read when Terraform runs"),
                }
            }
            "module" => {
                // `module.name.output`, or `module.name[key].output` for one instance.
                let name = attr(false);
                let (Some(name), Some(output)) = (name, attr(true).or_else(|| attr(false))) else {
                    return not_known("the reference is not a module output");
                };
                self.module_output(&name, element, &output, loc, depth)
            }
            "path" | "terraform" | "self" => {
                not_known("the value is known only when Terraform runs")
            }
            rtype => {
                // `type.name.field`, or `type.name[key].field` for one element of a
                // resource with a literal `for_each`.
                let name = attr(false);
                let (Some(name), Some(field)) = (name, attr(true).or_else(|| attr(false))) else {
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

    /// The name a zone data source looks up (`file` writes it): its `name`, or the `name` of
    /// its `filter`, a block in Cloudflare's v4 provider and an object in v5.
    fn looked_up(&self, file: usize, block: &Block, depth: u32) -> Option<Folded> {
        let eval = |e| self.eval_at(e, file, &Scope::default(), depth + 1);
        if let Some(name) = block.body.get_attribute("name") {
            return Some(eval(&name.value));
        }
        if let Some(filter) = block.body.get_attribute("filter") {
            return match eval(&filter.value) {
                Folded::Unknown(u) => Some(Folded::Unknown(u)),
                filter => filter.get("name").cloned(),
            };
        }
        let filter = block.body.get_blocks("filter").next()?;
        Some(eval(&filter.body.get_attribute("name")?.value))
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
        let shown = key.text().map(|t| t.decoded.text().to_string());
        let scope = match self.element_scope(file, block, key, loc, depth) {
            Ok(scope) => scope,
            Err(unknown) => return unknown,
        };
        let zone_name = ZONES
            .iter()
            .find(|(t, _)| *t == rtype)
            .map(|(_, a)| *a)
            .filter(|_| matches!(field, "id" | "zone_id"));
        match block.body.get_attribute(zone_name.unwrap_or(field)) {
            Some(a) => self.eval_at(&a.value, file, &scope, depth + 1),
            None => self.unknown(
                loc.file,
                loc.span,
                format!(
                    "`{rtype}[\"{}\"].{field}` is known only after apply",
                    shown.unwrap_or_default()
                ),
            ),
        }
    }

    /// The `each` (or `count.index`) of the element `key` of a resource or module call with
    /// a literal `for_each` (or `count`), written in `file`; else what is not known, at `loc`.
    pub(super) fn element_scope(
        &self,
        file: usize,
        block: &Block,
        key: Folded,
        loc: Loc,
        depth: u32,
    ) -> Result<Scope, Folded> {
        let key = match key {
            Folded::Str(k) => k,
            Folded::Unknown(u) => return Err(Folded::Unknown(u)),
            _ => return Err(self.unknown(loc.file, loc.span, "the index is not a string")),
        };
        let wanted = key.decoded.text();
        if let Some(count) = block.body.get_attribute("count") {
            let count = self.eval_at(&count.value, file, &Scope::default(), depth + 1);
            let n = count
                .text()
                .and_then(|t| t.decoded.text().parse::<usize>().ok());
            return match (n, wanted.parse::<usize>()) {
                (Some(n), Ok(i)) if i < n => Ok(Scope {
                    count: Some(Folded::Str(key)),
                    ..Scope::default()
                }),
                _ if matches!(count, Folded::Unknown(_)) => Err(count),
                _ => {
                    Err(self.unknown(loc.file, loc.span, format!("the `count` has no `{wanted}`")))
                }
            };
        }
        let Some(for_each) = block.body.get_attribute("for_each") else {
            return Err(self.unknown(loc.file, loc.span, "the block has no `for_each`"));
        };
        let each = match self.eval_at(&for_each.value, file, &Scope::default(), depth + 1) {
            Folded::Map(entries, _) => entries
                .into_iter()
                .find(|(k, _)| k.decoded.text() == wanted)
                .map(|(k, v)| (Folded::Str(k), v)),
            Folded::List(items, _) => items
                .into_iter()
                .find(|i| i.text().is_some_and(|t| t.decoded.text() == wanted))
                .map(|i| (i.clone(), i)),
            Folded::Unknown(u) => return Err(Folded::Unknown(u)),
            _ => None,
        };
        match each {
            Some(each) => Ok(Scope {
                each: Some(each),
                ..Scope::default()
            }),
            None => Err(self.unknown(
                loc.file,
                loc.span,
                format!("the `for_each` has no `{wanted}`"),
            )),
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
