//! Variable scopes of the dnscontrol evaluator: one per file run (the global scope, which
//! `require`d files share, as in dnscontrol) and one per function call.
//!
//! Closures hold their scope and scopes hold closures, so the `Rc`s form cycles; the
//! [`Scopes`] registry clears every scope when the evaluation ends to free them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::value::JsValue;

pub struct Scope<'a> {
    vars: RefCell<HashMap<&'a str, JsValue<'a>>>,
    parent: Option<Rc<Scope<'a>>>,
}

impl<'a> Scope<'a> {
    pub fn declare(&self, name: &'a str, value: JsValue<'a>) {
        self.vars.borrow_mut().insert(name, value);
    }

    pub fn get(&self, name: &str) -> Option<JsValue<'a>> {
        if let Some(value) = self.vars.borrow().get(name) {
            return Some(value.clone());
        }
        self.parent.as_ref()?.get(name)
    }

    /// Assigns to the nearest binding of `name`; false when there is none.
    pub fn assign(&self, name: &str, value: JsValue<'a>) -> bool {
        if let Some(slot) = self.vars.borrow_mut().get_mut(name) {
            *slot = value;
            return true;
        }
        self.parent
            .as_ref()
            .is_some_and(|parent| parent.assign(name, value))
    }
}

/// Every scope made during one evaluation.
#[derive(Default)]
pub struct Scopes<'a>(Vec<Rc<Scope<'a>>>);

impl<'a> Scopes<'a> {
    pub fn new_scope(&mut self, parent: Option<Rc<Scope<'a>>>) -> Rc<Scope<'a>> {
        let scope = Rc::new(Scope {
            vars: RefCell::new(HashMap::new()),
            parent,
        });
        self.0.push(Rc::clone(&scope));
        scope
    }
}

impl Drop for Scopes<'_> {
    fn drop(&mut self) {
        for scope in &self.0 {
            scope.vars.borrow_mut().clear();
        }
    }
}
