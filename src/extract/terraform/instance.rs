//! A local module (`module "a" { source = "./modules/mtasts" domain = "a.example" }`)
//! instantiated once per call, as Terraform does: the called module's record resources are
//! evaluated again with the call's arguments, folded in the caller's files, as the values of
//! its variables. A value that comes whole from an argument (`records = [var.policy]`) is
//! located at the argument in the caller; a value the module builds around it
//! (`"v=TLSRPTv1; rua=${var.rua}"`) at the module's bytes, its interpolation standing for
//! the argument. Either way the record is given to the file that writes the call, since the
//! call is what makes it.
//!
//! The called module is still read on its own with its defaults (it may be called from a
//! directory that is not linted). What the instance cannot fold in the module's own files
//! is left to that reading, so it is reported once; what it cannot fold in the call's
//! arguments is reported at the argument. A call with `count` or `for_each` is instantiated
//! once per element, as a resource is expanded. Calls inside a called module are not
//! instantiated; past [`MAX_CALLS`] instances in one module, a call is `unevaluated-value`
//! at its `source`.

use std::sync::Arc;

use hcl_edit::structure::Block;
use hcl_edit::Span as _;

use super::fold::{Env, File, Folded, Loc, Scope, Unknown};
use super::module::{self, Directory, Shares};
use super::{resources, Emit, Loader};
use crate::model::Via;
use crate::names::mentions_reporting;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::Span;

/// The most calls one module instantiates: each costs an evaluation of the called module,
/// so a generated file of thousands of calls must not multiply the run.
pub(super) const MAX_CALLS: usize = 256;

/// Instantiates every call of a local module written in the caller's files: once, or once
/// per element of its `for_each` or `count` (an unknown one is `unevaluated-value` there
/// when the call or the module mentions TLS reporting).
pub(super) fn calls(emit: &mut Emit<'_, '_>, loader: &dyn Loader, caller: &[File]) {
    let env = emit.env;
    let mut made = 0;
    for (file, f) in caller.iter().enumerate() {
        for block in f.body.blocks().filter(|b| b.ident.as_str() == "module") {
            let Some((path, at)) = local_source(env, file, block) else {
                continue;
            };
            let called = module::called_directory(loader, env.source(file), &path);
            let written = &env.source(file).text[env.block_span(file, block).range()];
            let relevant = mentions_reporting(written)
                || called
                    .files
                    .iter()
                    .any(|f| mentions_reporting(&f.source.text));
            for (scope, _) in resources::expansions(emit, file, block, relevant) {
                if made == MAX_CALLS {
                    let why = format!(
                        "only the first {MAX_CALLS} local module calls of a module are instantiated"
                    );
                    let unknown = Unknown {
                        loc: at,
                        why,
                        known: None,
                    };
                    emit.unevaluated(&unknown, "the module call");
                    break;
                }
                made += 1;
                let site = Site {
                    file,
                    block,
                    scope: &scope,
                };
                call(emit, loader, caller, &called, &site);
            }
        }
    }
}

/// The directory of a call of a local module, and where it is written.
fn local_source(env: &Env<'_>, file: usize, block: &Block) -> Option<(String, Loc)> {
    let source = block.body.get_attribute("source")?;
    let Folded::Str(path) = env.eval(&source.value, file, &Scope::default()) else {
        return None;
    };
    let path = path.decoded.text();
    (path.starts_with("./") || path.starts_with("../")).then(|| {
        let span = env.span(file, &source.value);
        (path.to_string(), Loc { file, span })
    })
}

/// One instance of a call: the `module` block, in which file of the caller, with the
/// `each` or `count.index` of its element.
struct Site<'s> {
    file: usize,
    block: &'s Block,
    scope: &'s Scope,
}

fn call(
    emit: &mut Emit<'_, '_>,
    loader: &dyn Loader,
    caller: &[File],
    called: &Directory,
    site: &Site<'_>,
) {
    let env = emit.env;
    let arguments = env.arguments(site.file, site.block, site.scope);
    let instance =
        Env::instance(caller.iter().collect(), &called.files, arguments).with_loader(loader);
    let mut made = Emit {
        env: &instance,
        origin: emit.origin.clone(),
        out: Shares::new(),
        reported: std::mem::take(&mut emit.reported),
        emitted: std::mem::take(&mut emit.emitted),
    };
    super::read_resources(&mut made, |out, f, resource| {
        // A record of an argument written whole in the call: the resource made it.
        let maker = Via {
            source: Arc::clone(instance.source(f)),
            span: header(&instance, f, resource),
            label: "the called module's resource that makes this record",
            alternative: None,
        };
        for share in out.values_mut() {
            let from_call = share.records.iter_mut().filter(|r| {
                r.via.is_none() && caller.iter().any(|c| c.source.path == r.source.path)
            });
            for record in from_call {
                record.via = Some(maker.clone());
            }
        }
    });
    // Values the call made records of are not read again as record-shaped data.
    emit.reported = made.reported;
    emit.emitted = made.emitted;
    let site = &env.source(site.file).path;
    for (path, mut extracted) in made.out {
        let in_caller = caller.iter().any(|f| f.source.path == path);
        if !in_caller {
            extracted
                .diagnostics
                .retain(|d| d.rule.code != UNEVALUATED_VALUE.code);
        }
        let share = emit.out.entry(if in_caller { path } else { site.clone() });
        let share = share.or_default();
        share.records.append(&mut extracted.records);
        share.diagnostics.append(&mut extracted.diagnostics);
    }
}

/// Where a resource block is named: `resource "type" "name"`, or the whole block where the
/// syntax keeps no spans (JSON).
fn header(env: &Env<'_>, file: usize, block: &Block) -> Span {
    let whole = env.block_span(file, block);
    match block.labels.last().filter(|l| l.span().is_some()) {
        Some(label) => Span::new(whole.start, env.span(file, label).end),
        None => whole,
    }
}
