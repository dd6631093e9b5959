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

use super::eval::{Evaluator, Globals, UNEXPANDED};
use super::substitute::{Substitution, add_binding};
use super::{BindingValue, Expr, ExprId, Item, Program};
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
        let declared = program.binding(variable).clone();
        let replacement = add_binding(program, declared, BindingValue::Value(*value));
        let replaced = HashMap::from([(variable, replacement)]);
        let mut turn = Substitution::new(program, replaced, budget, "a loop");
        let item = match element {
            Item::One(value) => Item::One(turn.copy(value)?.unwrap_or(value)),
            Item::Spread(value) => Item::Spread(turn.copy(value)?.unwrap_or(value)),
        };
        items.push(item);
    }
    Ok(items)
}
