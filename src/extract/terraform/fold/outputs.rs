//! Outputs of a local module (`module.dns.zone_name`, `module.mta["a"].zone_id`): the
//! called module's `output` value folded in the module instantiated with the call's
//! arguments, as Terraform computes it. A zone is often created in one module and named by
//! its output in another, so this is what fills a record's zone.
//!
//! A value that comes whole from the caller (an argument, written in the caller's files)
//! keeps its bytes; a value the called module writes maps, as one piece, to the reference
//! (`module.dns.zone_name`): the caller's `Loc`s cannot name the called module's files.
//! Modules calling modules fold to [`MAX_NESTING`] calls deep, from the caller's step
//! budget (an instance costs a step per declaration it indexes), so a module that calls
//! itself ends as `Unknown`, never as a hang.

use std::collections::HashMap;

use hcl_edit::structure::Block;

use super::{labels, Env, Folded, Loc, Scope, Text, Unknown};
use crate::extract::terraform::module;
use crate::text::Decoded;

/// The arguments of a `module` block that are not the module's variables.
const META: &[&str] = &[
    "source",
    "version",
    "providers",
    "depends_on",
    "count",
    "for_each",
];

/// How many module calls deep an output is followed.
const MAX_NESTING: u32 = 8;

impl<'m> Env<'m> {
    /// The arguments of the call `block` (in `file`), folded with the `each` or
    /// `count.index` of one of its instances.
    pub(in crate::extract::terraform) fn arguments(
        &self,
        file: usize,
        block: &Block,
        scope: &Scope,
    ) -> HashMap<String, Folded> {
        block
            .body
            .attributes()
            .filter(|a| !META.contains(&a.key.as_str()))
            .map(|a| (a.key.as_str().to_string(), self.eval(&a.value, file, scope)))
            .collect()
    }

    /// The output `output` of the module call `name` (its element `key` where the call has
    /// `for_each` or `count`), referred to at `loc`.
    pub(super) fn module_output(
        &self,
        name: &str,
        key: Option<Folded>,
        output: &str,
        loc: Loc,
        depth: u32,
    ) -> Folded {
        let not_known = |why: String| self.unknown(loc.file, loc.span, why);
        let Some(loader) = self.loader else {
            return not_known("module outputs are known only when Terraform runs".into());
        };
        if self.nesting >= MAX_NESTING {
            return not_known(format!(
                "modules call modules more than {MAX_NESTING} deep here"
            ));
        }
        let call = self.files[self.own..]
            .iter()
            .enumerate()
            .find_map(|(i, f)| {
                f.body
                    .blocks()
                    .find(|b| b.ident.as_str() == "module" && labels(b) == [name])
                    .map(|b| (i + self.own, b))
            });
        let Some((file, block)) = call else {
            return not_known(format!("module `{name}` is not called in this module"));
        };
        let path = match block
            .body
            .get_attribute("source")
            .map(|s| self.eval_at(&s.value, file, &Scope::default(), depth + 1))
        {
            Some(Folded::Str(t)) => t.decoded.text().to_string(),
            _ => return not_known(format!("the `source` of module `{name}` is not known")),
        };
        if !(path.starts_with("./") || path.starts_with("../")) {
            return not_known(format!(
                "module `{name}` is not in this repository, so its outputs are known only when Terraform runs"
            ));
        }
        let expanded = ["count", "for_each"]
            .iter()
            .any(|m| block.body.has_attribute(m));
        let scope = match (expanded, key) {
            (false, None) => Scope::default(),
            (true, Some(key)) => match self.element_scope(file, block, key, loc, depth) {
                Ok(scope) => scope,
                Err(unknown) => return unknown,
            },
            (true, None) => {
                return not_known(format!(
                    "module `{name}` has `count` or `for_each`: name one instance"
                ))
            }
            (false, Some(_)) => {
                return not_known(format!("module `{name}` has no `count` or `for_each`"))
            }
        };
        let called = module::called_directory(loader, self.source(file), &path);
        let value = called.files.iter().enumerate().find_map(|(i, f)| {
            f.body
                .blocks()
                .find(|b| b.ident.as_str() == "output" && labels(b) == [output])
                .and_then(|b| b.body.get_attribute("value"))
                .map(|v| (i, &v.value))
        });
        let Some((i, value)) = value else {
            return not_known(format!("module `{name}` has no output `{output}`"));
        };
        // Indexing the instance costs a step per declaration, from the same budget.
        let cost: usize = called.files.iter().map(|f| f.body.len()).sum();
        let steps = self.steps.get();
        if cost >= steps as usize {
            self.steps.set(0);
            return not_known("it nests too deeply to fold".into());
        }
        self.steps.set(steps - cost as u32);
        let arguments = self.arguments(file, block, &scope);
        let mut instance = Env::instance(self.files.clone(), &called.files, arguments);
        instance.loader = self.loader;
        instance.nesting = self.nesting + 1;
        instance.steps.set(self.steps.get());
        let folded = instance.eval_at(value, instance.own + i, &Scope::default(), depth + 1);
        self.steps.set(instance.steps.get());
        let why = |inner: &str| format!("the output `{output}` of module `{name}`: {inner}");
        self.relocate(folded, self.files.len(), loc, &why)
    }

    /// `value`, folded in an instance whose files from `caller` on are the called module's,
    /// with what those files write mapped to `loc`.
    fn relocate(
        &self,
        value: Folded,
        caller: usize,
        loc: Loc,
        why: &dyn Fn(&str) -> String,
    ) -> Folded {
        let text = |t: Text| {
            if t.loc.file < caller {
                return t;
            }
            let mut decoded = Decoded::default();
            decoded.push_escape(t.decoded.text(), loc.span);
            Text { loc, decoded }
        };
        let at = |l: Loc| if l.file < caller { l } else { loc };
        match value {
            Folded::Str(t) => Folded::Str(text(t)),
            Folded::List(items, l) => Folded::List(
                items
                    .into_iter()
                    .map(|v| self.relocate(v, caller, loc, why))
                    .collect(),
                at(l),
            ),
            Folded::Map(entries, l) => Folded::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (text(k), self.relocate(v, caller, loc, why)))
                    .collect(),
                at(l),
            ),
            Folded::Unknown(u) if u.loc.file >= caller => Folded::Unknown(Unknown {
                loc,
                why: why(&u.why),
                known: None,
            }),
            other => other,
        }
    }
}
