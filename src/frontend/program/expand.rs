//! Lists a program builds by a loop: `xs.map(x => …)`, `[… for x in xs]`, `for _, x := range xs
//! { acc = append(acc, …) }`. The evaluator reads each expression as one value, so an
//! [`Expr::Map`] whose list it can read becomes a list of copies of the element, one for each
//! element of the list, in which the loop's variable holds that element. Only what uses the
//! variable (directly, or through names declared after it, inside the loop) is copied; the rest
//! is shared. A value read through the variable is, like one read through any name, used
//! where the element uses it and written where the list has it.
//!
//! Copies have a budget of their own ([`MAX_COPIES`], apart from the evaluation's, which they
//! must not starve), and a list of more than [`MAX_TURNS`] elements is not expanded: past
//! either, a loop's list is unknown rather than a hostile file's quadratic copy.

use std::collections::HashMap;

use super::eval::{Evaluator, Globals, MAX_DEPTH, UNEXPANDED};
use super::{Binding, BindingId, BindingValue, Expr, ExprId, Expression, Item, Program};
use crate::frontend::bounds::Budget;
use crate::source::FileId;

/// The most elements a list built by a loop is expanded for.
const MAX_TURNS: usize = 1_000;

/// How many expressions the expansion of a program's loops may visit (and copy): real loops
/// copy an element of a few dozen expressions for each of a few regions.
const MAX_COPIES: usize = 200_000;

/// How deeply lists built by loops may be built from one another (`ys` mapped from `xs`, then
/// `zs` from `ys`): each depth is one more pass over the program's loops.
const MAX_ROUNDS: usize = 8;

/// Expands every [`Expr::Map`] of a program whose list can be read; the others become unknown
/// with the reason.
pub fn expand(program: &mut Program, globals: &dyn Globals, texts: &HashMap<FileId, &str>) {
    program.written.get_or_insert(program.expressions.len());
    let budget = &Budget::new(MAX_COPIES, "expansion of the program's loops");
    let mut pending = maps(program, 0);
    for _ in 0..MAX_ROUNDS {
        if pending.is_empty() {
            return;
        }
        let evaluator = Evaluator::new(program, globals, texts.clone(), budget);
        let lists: Vec<(ExprId, Result<Vec<ExprId>, String>)> = (pending.iter())
            .map(|map| match program.expr(*map) {
                Expr::Map { list, .. } => (*map, evaluator.elements(*list)),
                _ => (*map, Err(UNEXPANDED.to_owned())),
            })
            .collect();
        drop(evaluator);
        let copied_from = program.expressions.len();
        let mut deferred = Vec::new();
        for (map, elements) in lists {
            let expansion = match elements {
                Ok(elements) if elements.len() <= MAX_TURNS => {
                    match turns(program, map, &elements, budget) {
                        Ok(items) => Expr::List(items),
                        Err(reason) => Expr::Opaque(reason),
                    }
                }
                Ok(_) => Expr::opaque(format!("a loop over more than {MAX_TURNS} elements")),
                Err(reason) if reason == UNEXPANDED => {
                    deferred.push(map);
                    continue;
                }
                Err(reason) => Expr::Opaque(reason),
            };
            program.expressions[map.0 as usize].expr = expansion;
        }
        // Lists built by loops inside an element were copied with it: they are read next.
        let progress = deferred.len() < pending.len();
        pending = deferred;
        pending.extend(maps(program, copied_from));
        if !progress {
            break;
        }
    }
    for map in pending {
        let reason = "a loop over a list built by loops nested too deep (or from itself)";
        program.expressions[map.0 as usize].expr = Expr::opaque(reason);
    }
}

/// The lists built by loops from the expression `from` on.
fn maps(program: &Program, from: usize) -> Vec<ExprId> {
    let expressions = program.expressions.iter().enumerate().skip(from);
    (expressions.filter(|(_, expression)| matches!(expression.expr, Expr::Map { .. })))
        .map(|(index, _)| ExprId(index as u32))
        .collect()
}

/// The items of a list built by a loop: its element once for each element of its list.
fn turns(
    program: &mut Program,
    map: ExprId,
    elements: &[ExprId],
    budget: &Budget,
) -> Result<Vec<Item>, String> {
    let Expr::Map {
        variable, element, ..
    } = program.expr(map).clone()
    else {
        return Ok(Vec::new());
    };
    let mut items = Vec::with_capacity(elements.len());
    for value in elements {
        let replacement = add_binding(program, program.binding(variable).clone(), *value);
        let mut turn = Turn {
            program,
            variable,
            replacement,
            copies: HashMap::new(),
            bindings: HashMap::new(),
            budget,
        };
        let item = match element {
            Item::One(value) => Item::One(turn.copy(value, 0)?.unwrap_or(value)),
            Item::Spread(value) => Item::Spread(turn.copy(value, 0)?.unwrap_or(value)),
        };
        items.push(item);
    }
    Ok(items)
}

fn add_binding(program: &mut Program, binding: Binding, value: ExprId) -> BindingId {
    let id = BindingId(program.bindings.len() as u32);
    program.bindings.push(Binding {
        value: BindingValue::Value(value),
        ..binding
    });
    id
}

/// One turn of a loop: the copy of its element where the variable holds one value.
struct Turn<'a> {
    program: &'a mut Program,
    variable: BindingId,
    /// The variable in this turn, holding one element of the list.
    replacement: BindingId,
    /// Each expression visited, and its copy when it uses the variable.
    copies: HashMap<ExprId, Option<ExprId>>,
    /// Each name declared inside the loop that was reached, and its copy when its value uses
    /// the variable.
    bindings: HashMap<BindingId, Option<BindingId>>,
    budget: &'a Budget,
}

impl Turn<'_> {
    /// The copy of an expression in this turn, `None` when it does not use the variable.
    fn copy(&mut self, id: ExprId, depth: usize) -> Result<Option<ExprId>, String> {
        if let Some(copy) = self.copies.get(&id) {
            return Ok(*copy);
        }
        if depth > MAX_DEPTH {
            return Err(format!(
                "a loop whose element nests more than {MAX_DEPTH} deep"
            ));
        }
        self.budget.spend(1)?;
        // A name reached again while it is copied is a cycle, which uses nothing new.
        self.copies.insert(id, None);
        let Expression { expr, span } = self.program.expression(id);
        let (mut expr, span) = (expr.clone(), *span);
        let changed = match &mut expr {
            Expr::Name(binding) if *binding == self.variable => {
                *binding = self.replacement;
                true
            }
            Expr::Name(binding) => match self.binding(*binding, depth)? {
                Some(copy) => {
                    *binding = copy;
                    true
                }
                None => false,
            },
            _ => {
                let mut changed = false;
                for operand in expr.operands_mut() {
                    if let Some(copy) = self.copy(*operand, depth + 1)? {
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

    /// The copy of a name declared after the variable (inside the loop, then) whose value uses
    /// it: a name declared before cannot see the variable.
    fn binding(&mut self, binding: BindingId, depth: usize) -> Result<Option<BindingId>, String> {
        if binding <= self.variable {
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
        let copy = match self.copy(value, depth + 1)? {
            Some(value) => Some(add_binding(self.program, declared, value)),
            None => None,
        };
        self.bindings.insert(binding, copy);
        Ok(copy)
    }

    fn add(&mut self, expr: Expr, span: crate::source::Span) -> ExprId {
        let id = ExprId(self.program.expressions.len() as u32);
        self.program.expressions.push(Expression { expr, span });
        id
    }
}
