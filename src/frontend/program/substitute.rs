//! Copies of a part of a program in which some names hold other values: one turn of a loop (its
//! variable holding one element), one object a class makes (its constructor's parameters
//! holding one call's arguments, `this` that object). Only what uses a replaced name (directly,
//! or through names declared after it, in its scope) is copied; the rest is shared, so a copy
//! costs what uses the names, not what the part holds.

use std::collections::HashMap;

use super::eval::MAX_DEPTH;
use super::{Binding, BindingId, BindingValue, Expr, ExprId, Expression, Program};
use crate::frontend::bounds::Budget;
use crate::source::Span;

/// A name declared again, holding `value`, as the replacement of `binding` in copies.
pub fn add_binding(program: &mut Program, binding: Binding, value: BindingValue) -> BindingId {
    let id = BindingId(program.bindings.len() as u32);
    program.bindings.push(Binding { value, ..binding });
    id
}

/// One copy: the names replaced, and what was copied so far.
pub struct Substitution<'a> {
    pub program: &'a mut Program,
    /// Each name replaced, and the name that replaces it in the copy.
    replaced: HashMap<BindingId, BindingId>,
    /// The first of the replaced names to be declared: a name declared before it cannot see
    /// any of them, so it is never copied.
    first: BindingId,
    /// Each expression visited, and its copy when it uses a replaced name.
    copies: HashMap<ExprId, Option<ExprId>>,
    /// Each name declared after the first replaced one that was reached, and its copy when its
    /// value uses a replaced name.
    bindings: HashMap<BindingId, Option<BindingId>>,
    budget: &'a Budget,
    /// Why a copy is too large, as its error names it: `a loop`, `a class`.
    what: &'static str,
}

impl<'a> Substitution<'a> {
    /// A copy in which each name of `replaced` is the name it maps to. `what` names what is
    /// copied, for the reason a copy too deep gives.
    pub fn new(
        program: &'a mut Program,
        replaced: HashMap<BindingId, BindingId>,
        budget: &'a Budget,
        what: &'static str,
    ) -> Self {
        let first = replaced
            .keys()
            .min()
            .copied()
            .unwrap_or(BindingId(u32::MAX));
        Substitution {
            program,
            replaced,
            first,
            copies: HashMap::new(),
            bindings: HashMap::new(),
            budget,
            what,
        }
    }

    /// The copy of an expression, `None` when it uses no replaced name (and is shared).
    pub fn copy(&mut self, id: ExprId) -> Result<Option<ExprId>, String> {
        self.copy_at(id, 0)
    }

    fn copy_at(&mut self, id: ExprId, depth: usize) -> Result<Option<ExprId>, String> {
        if let Some(copy) = self.copies.get(&id) {
            return Ok(*copy);
        }
        if depth > MAX_DEPTH {
            return Err(format!(
                "{} whose code nests more than {MAX_DEPTH} deep",
                self.what
            ));
        }
        self.budget.spend(1)?;
        // A name reached again while it is copied is a cycle, which uses nothing new.
        self.copies.insert(id, None);
        let Expression { expr, span } = self.program.expression(id);
        let (mut expr, span) = (expr.clone(), *span);
        let changed = match &mut expr {
            Expr::Name(binding) => match self.replaced.get(binding) {
                Some(replacement) => {
                    *binding = *replacement;
                    true
                }
                None => match self.binding(*binding, depth)? {
                    Some(copy) => {
                        *binding = copy;
                        true
                    }
                    None => false,
                },
            },
            _ => {
                let mut changed = false;
                for operand in expr.operands_mut() {
                    if let Some(copy) = self.copy_at(*operand, depth + 1)? {
                        *operand = copy;
                        changed = true;
                    }
                }
                changed
            }
        };
        let copy = changed.then(|| self.add(expr, span));
        self.copies.insert(id, copy);
        Ok(copy)
    }

    /// The copy of a name declared after the first replaced one (inside its scope, then) whose
    /// value uses a replaced name: a name declared before cannot see them.
    fn binding(&mut self, binding: BindingId, depth: usize) -> Result<Option<BindingId>, String> {
        if binding <= self.first {
            return Ok(None);
        }
        if let Some(copy) = self.bindings.get(&binding) {
            return Ok(*copy);
        }
        self.bindings.insert(binding, None);
        let declared = self.program.binding(binding).clone();
        let BindingValue::Value(value) = declared.value else {
            return Ok(None);
        };
        let copy = match self.copy_at(value, depth + 1)? {
            Some(value) => Some(add_binding(
                self.program,
                declared,
                BindingValue::Value(value),
            )),
            None => None,
        };
        self.bindings.insert(binding, copy);
        Ok(copy)
    }

    fn add(&mut self, expr: Expr, span: Span) -> ExprId {
        let id = ExprId(self.program.expressions.len() as u32);
        self.program.expressions.push(Expression { expr, span });
        id
    }
}
