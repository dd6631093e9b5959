//! What bounds every front-end's evaluation, so that no input within the file limits keeps
//! irlint busy for long or makes it build gigabytes: a budget of steps shared by all the values
//! of a unit, a bound on the strings it builds, and values computed once.
//!
//! Each evaluator counts its steps its own way (a reference followed, a function applied, an
//! element read) and chooses its budget; the bytes of a string built count alike everywhere.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::Hash;

/// How long a string an evaluator builds or a reference yields may be before it is unknown.
/// Region names, ARNs and tags are far shorter (CloudFormation takes parameter values of at most
/// 4 KiB); without a bound, a string that doubles through twenty bindings fills gigabytes.
pub const MAX_TEXT: usize = 4 * 1024;

/// How long a key policy built as a string may be: KMS takes policies of at most 32 KiB.
pub const MAX_DOCUMENT: usize = 32 * 1024;

/// How many bytes of a string built count one step.
const BYTES_PER_STEP: usize = 16;

/// The steps a unit's evaluation has left.
#[derive(Debug)]
pub struct Budget {
    left: Cell<usize>,
    total: Cell<usize>,
    /// What the unit is, as the reason of an unknown value names it: `template`, `module`.
    unit: &'static str,
}

impl Budget {
    /// A budget of `total` steps for the evaluation of a `unit`.
    pub fn new(total: usize, unit: &'static str) -> Budget {
        Budget {
            left: Cell::new(total),
            total: Cell::new(total),
            unit,
        }
    }

    /// Takes `steps` from the budget, or says why the value is unknown once it is spent.
    pub fn spend(&self, steps: usize) -> Result<(), String> {
        match self.left.get().checked_sub(steps) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.left.set(0);
                Err(format!(
                    "the {} takes more than {} steps to evaluate",
                    self.unit,
                    self.total.get()
                ))
            }
        }
    }

    /// Appends `part` to a string being built, paying for the bytes copied; an error when the
    /// string would be longer than `limit`.
    pub fn push(&self, text: &mut String, part: &str, limit: usize) -> Result<(), String> {
        if text.len().saturating_add(part.len()) > limit {
            return Err(too_long(limit));
        }
        self.copy(part)?;
        text.push_str(part);
        Ok(())
    }

    /// Pays for copying `text`.
    pub fn copy(&self, text: &str) -> Result<(), String> {
        self.spend(1 + text.len() / BYTES_PER_STEP)
    }

    /// The steps spent so far.
    pub fn spent(&self) -> usize {
        self.total.get() - self.left.get()
    }

    /// Adds `steps` to the budget: the evaluation has grown (a module instance more).
    pub fn grant(&self, steps: usize) {
        self.left.set(self.left.get().saturating_add(steps));
        self.total.set(self.total.get().saturating_add(steps));
    }
}

/// Why a string longer than `limit` is unknown.
pub fn too_long(limit: usize) -> String {
    format!("a string too long to follow (over {} KiB)", limit / 1024)
}

/// Values an evaluation computes once (a binding's value, what a module exports under a name),
/// by key. A key whose value is being computed is marked, so that a value that depends on
/// itself is found instead of computed without end.
pub struct Memo<K, V> {
    /// `None` while the value is being computed.
    values: RefCell<HashMap<K, Option<V>>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Memo<K, V> {
        Memo {
            values: RefCell::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    /// The value of `key`: computed by `compute` the first time, `cycle()` when `compute` asks
    /// for it again before it ends.
    pub fn get(&self, key: K, compute: impl FnOnce() -> V, cycle: impl FnOnce() -> V) -> V {
        let known = self.values.borrow().get(&key).cloned();
        match known {
            Some(Some(value)) => return value,
            Some(None) => return cycle(),
            None => {}
        }
        self.values.borrow_mut().insert(key.clone(), None);
        let value = compute();
        self.values.borrow_mut().insert(key, Some(value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn a_budget_once_spent_stays_spent() {
        let budget = Budget::new(10, "module");
        assert_eq!(budget.spend(9), Ok(()));
        assert_eq!(
            budget.spend(2),
            Err("the module takes more than 10 steps to evaluate".to_owned())
        );
        assert!(budget.spend(1).is_err());
        assert_eq!(budget.spent(), 10);
    }

    #[test]
    fn strings_are_paid_for_and_bounded() {
        let budget = Budget::new(1_000, "template");
        let mut text = String::new();
        let part = "x".repeat(MAX_TEXT / 2);
        assert_eq!(budget.push(&mut text, &part, MAX_TEXT), Ok(()));
        assert_eq!(budget.push(&mut text, &part, MAX_TEXT), Ok(()));
        assert_eq!(budget.spent(), 2 * (1 + MAX_TEXT / 2 / BYTES_PER_STEP));
        assert_eq!(
            budget.push(&mut text, "x", MAX_TEXT),
            Err("a string too long to follow (over 4 KiB)".to_owned())
        );
        assert_eq!(text.len(), MAX_TEXT);
    }

    #[test]
    fn a_memo_computes_each_value_once_and_finds_values_that_depend_on_themselves() {
        let memo: Memo<u32, Result<u32, String>> = Memo::default();
        let computed = Cell::new(0);
        let square = |n: u32| {
            memo.get(
                n,
                || {
                    computed.set(computed.get() + 1);
                    Ok(n * n)
                },
                || Err("a cycle".to_owned()),
            )
        };
        assert_eq!(square(3), Ok(9));
        assert_eq!(square(3), Ok(9));
        assert_eq!(computed.get(), 1);

        // A value whose computation asks for itself gets the cycle's value there, and keeps
        // what its computation made of it.
        fn depends_on_itself(memo: &Memo<u32, Result<u32, String>>) -> Result<u32, String> {
            memo.get(
                7,
                || depends_on_itself(memo).map(|n| n + 1),
                || Err("a cycle".to_owned()),
            )
        }
        assert_eq!(depends_on_itself(&memo), Err("a cycle".to_owned()));
        assert_eq!(depends_on_itself(&memo), Err("a cycle".to_owned()));
    }
}
