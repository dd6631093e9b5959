//! What evaluating a module carries from one expression to the next: its budget and memo
//! ([`Evaluation`]), and the elements a `for_each` iterates over ([`Entry`]). Both the module's
//! configuration, which holds them, and the resolution of its expressions, which fills them, read
//! them from here.

use std::cell::RefCell;
use std::collections::HashMap;

use hcl::edit::expr::Expression;
use hcl::edit::{Decorated, Ident};

use super::module::{At, Frame};
use crate::frontend::bounds::Budget;
use crate::frontend::key_policy::Resolution;
use crate::source::Span;

/// The steps that evaluating one module may take: following a reference or applying an index,
/// reading a part of a template, an element of a list or an entry of an object (a lookup in an
/// object reads all its entries), and copying text (a step for every 16 bytes). The modules
/// of the test corpora take at most 93 steps. Past the budget, every value still to be read is
/// unknown: evaluating a module costs at most milliseconds and 1.6 MB of text, and it yields at
/// most about 30,000 regions or tags, as many as a file of 1 MiB that writes them out.
const STEP_BUDGET: usize = 100_000;

/// What evaluating one module has spent and found so far; the module holds it, and every value
/// of the module shares it.
#[derive(Debug)]
pub struct Evaluation {
    pub(super) budget: Budget,
    /// The text of each expression a reference reached, by its span. What a reference points to
    /// is read outside any `dynamic` block's iterator (`follow` drops the scope), so its text is
    /// the same wherever the reference is written; a text read within an iteration is not kept.
    /// (A text that nested too deep where it was first read stays unknown where it would not.)
    pub(super) texts: RefCell<HashMap<(Frame, Span), Memo>>,
    /// The bindings whose references are being followed, innermost last.
    pub(super) following: RefCell<Vec<(Frame, Span)>>,
}

impl Evaluation {
    /// Adds `steps` to the budget, for a module instance more.
    pub fn grant(&self, steps: usize) {
        self.budget.grant(steps);
    }
}

impl Default for Evaluation {
    fn default() -> Evaluation {
        Evaluation {
            budget: Budget::new(STEP_BUDGET, "module"),
            texts: RefCell::default(),
            following: RefCell::default(),
        }
    }
}

#[derive(Debug)]
pub(super) enum Memo {
    /// Being evaluated: reaching it again is a cycle.
    Evaluating,
    Done(Resolution<String>),
}

/// An element a `for_each` iterates over, with its key where the module writes it.
pub type Entry<'a> = (Option<EntryKey<'a>>, At<'a, Expression>);

/// The key of an element a `for_each` iterates over, as the module writes it.
#[derive(Clone, Copy)]
pub enum EntryKey<'a> {
    /// A value: an object's quoted key, a set's element.
    Written(At<'a, Expression>),
    /// An object's key written as a name (`{ prod = "us-west-2" }`).
    Name(At<'a, Decorated<Ident>>),
}
