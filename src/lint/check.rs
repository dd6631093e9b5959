//! The check stage: the rules on each unit parsed, and on a Terraform plan the change rules too.

use rayon::prelude::*;

use super::parse::{LoadedSide, LoadedUnit};
use crate::change::{self, Declared, Remains, SetPair};
use crate::finding::Finding;
use crate::frontend;
use crate::model::Unchecked;
use crate::rules;
use crate::unchecked;

/// What the rules find in the units of a side.
pub(super) fn units(side: &LoadedSide) -> Vec<Finding> {
    side.units.par_iter().flat_map_iter(unit).collect()
}

/// The checks that could not be made on the units of a side ([`crate::unchecked`]), with what
/// names a replication set but was not read (taken from the side).
pub(super) fn unchecked(side: &mut LoadedSide) -> Vec<Unchecked> {
    let mut notes = std::mem::take(&mut side.unread);
    notes.par_extend(
        (side.units.par_iter()).flat_map_iter(|loaded| unchecked::of_unit(&loaded.unit)),
    );
    notes
}

/// What the rules find in the unit: the state rules, and for a Terraform plan the change
/// rules too, on each set as it is before the plan and as the plan leaves it.
fn unit(loaded: &LoadedUnit) -> Vec<Finding> {
    let mut findings = rules::check_unit(&loaded.unit);
    let Some(prior) = &loaded.prior else {
        return findings;
    };
    let revision = frontend::terraform_plan::PRIOR_STATE;
    let (before, after) = (loaded.placed(&prior.unit), loaded.placed(&loaded.unit));
    // What the plan leaves is all there is: nothing of the plan goes unread.
    let mut pairs = change::pair_sets(revision, &[before], &[after], &|_| true);
    // Replacing a set deletes it, whatever else the change compares.
    let replaced = (prior.unit.replication_sets.iter())
        .filter(|set| prior.replaced.contains(&set.identity))
        .map(|set| SetPair {
            revision,
            base: Some(Declared {
                unit: &prior.unit,
                set,
            }),
            head: None,
            remains: Remains::in_unit(after),
        });
    pairs.extend(replaced);
    findings.extend(pairs.iter().flat_map(rules::check_change));
    // A fix edits the code, and a plan is none: what the plan was made from is to fix.
    for finding in &mut findings {
        finding.fix = None;
    }
    findings
}
