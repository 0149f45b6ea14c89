//! Conditionals whose condition is not known offline, read branch by branch.
//!
//! `var.rua != "" ? "v=TLSRPTv1; rua=${var.rua}" : "v=TLSRPTv1; rua=mailto:..."` publishes
//! one of two values, and both are written in the repository: a broken `rua=` in either is
//! a finding even though the condition is unknown. When a value folds to `Unknown` because
//! of such a conditional, [`Env::alternatives`] evaluates it again once per branch, the
//! branch pinned, and hands back each result with the choices that made it. Inside a
//! pinned branch an interpolation that does not fold stays as written (`${var.rua}`): the
//! extractors' deploy-placeholder pass reports it as `unevaluated-value` and the URI rules
//! leave the URI holding it alone, so the branch's literal parts are still checked.
//!
//! Pinning is state of the [`Env`] (the fold is a tree walk over shared references), set
//! only for the duration of one re-evaluation. At most [`MAX_ALTERNATIVES`] results are
//! made for one value; a value with more choices keeps what could not be chosen unknown.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::{Env, Folded, Loc};
use crate::text::Span;

/// The most alternatives one value is read as (three nested unknown conditions).
const MAX_ALTERNATIVES: usize = 8;

/// A conditional whose condition is unknown: where it is, and its condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in super::super) struct Fork {
    pub at: Loc,
    pub condition: Span,
}

/// One way a value may come out: the branches taken, outermost choice first.
pub(in super::super) type Choices = Vec<(Fork, bool)>;

/// The pinning state of an [`Env`].
#[derive(Default)]
pub(super) struct Branches {
    /// The branch to take at each conditional while a value is re-evaluated.
    pinned: RefCell<Vec<(Fork, bool)>>,
    /// The conditional behind each `Unknown` a conditional yielded, by the unknown's place.
    behind: RefCell<HashMap<Loc, Fork>>,
    /// How many pinned branches are being evaluated around the current expression (a
    /// condition inside one resets it: a condition is never read leniently).
    lenient: Cell<u32>,
}

impl Env<'_> {
    /// The branch pinned at `fork`, or (none pinned) a note that the unknown at `unknown`
    /// came from it.
    pub(super) fn branch_at(&self, fork: Fork, unknown: Loc) -> Option<bool> {
        let pinned = self.branches.pinned.borrow();
        let branch = pinned
            .iter()
            .find(|(f, _)| f.at == fork.at)
            .map(|&(_, b)| b);
        if branch.is_none() {
            self.branches.behind.borrow_mut().insert(unknown, fork);
        }
        branch
    }

    /// `eval` with unknown interpolations kept as written (inside a pinned branch).
    pub(super) fn leniently(&self, eval: impl FnOnce() -> Folded) -> Folded {
        self.with_lenient(self.branches.lenient.get() + 1, eval)
    }

    /// `eval` read strictly (a condition).
    pub(super) fn strictly(&self, eval: impl FnOnce() -> Folded) -> Folded {
        self.with_lenient(0, eval)
    }

    fn with_lenient(&self, level: u32, eval: impl FnOnce() -> Folded) -> Folded {
        let before = self.branches.lenient.replace(level);
        let value = eval();
        self.branches.lenient.set(before);
        value
    }

    /// Whether an unknown interpolation stays as written.
    pub(super) fn is_lenient(&self) -> bool {
        self.branches.lenient.get() > 0
    }

    /// The values `read` gives once per way the unknown conditionals behind its unknowns
    /// may go, each with its choices; one result with no choices where nothing was
    /// chosen.
    pub(in super::super) fn alternatives(
        &self,
        read: impl Fn() -> Vec<Folded>,
    ) -> Vec<(Choices, Vec<Folded>)> {
        let mut todo = vec![(Choices::new(), read())];
        let mut done = Vec::new();
        while let Some((choices, values)) = todo.pop() {
            let fork = values.iter().find_map(|v| match v {
                Folded::Unknown(u) => self
                    .branches
                    .behind
                    .borrow()
                    .get(&u.loc)
                    .map(|&f| (f, u.loc))
                    .filter(|(f, _)| choices.iter().all(|(c, _)| c.at != f.at)),
                _ => None,
            });
            let Some((fork, unknown)) =
                fork.filter(|_| done.len() + todo.len() + 2 <= MAX_ALTERNATIVES)
            else {
                done.push((choices, values));
                continue;
            };
            let branches = [false, true].map(|branch| {
                let mut pinned = choices.clone();
                pinned.push((fork, branch));
                *self.branches.pinned.borrow_mut() = pinned.clone();
                let values = read();
                self.branches.pinned.borrow_mut().clear();
                (pinned, values)
            });
            // An unknown that a branch does not settle was not this conditional's (an
            // unknown local may feed a condition and a value alike).
            let unsettled = |values: &[Folded]| {
                values
                    .iter()
                    .filter(|v| matches!(v, Folded::Unknown(u) if u.loc == unknown))
                    .count()
            };
            let before = unsettled(&values);
            if branches.iter().all(|(_, v)| unsettled(v) >= before) {
                done.push((choices, values));
                continue;
            }
            todo.extend(branches);
        }
        // The `true` branches first, as the source writes them.
        done.sort_by_key(|(choices, _)| choices.iter().map(|&(_, b)| !b).collect::<Vec<_>>());
        done
    }
}
