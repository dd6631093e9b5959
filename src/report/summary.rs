//! Counts of what a run found, shared by the text summary line and the JSON `summary` object.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::outcome::Outcome;
use crate::rule_meta::Level;

/// How many findings there are of each level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LevelCounts {
    pub error: usize,
    pub warning: usize,
    pub note: usize,
}

impl LevelCounts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.note
    }

    fn add(&mut self, level: Level) {
        match level {
            Level::Error => self.error += 1,
            Level::Warning => self.warning += 1,
            Level::Note => self.note += 1,
        }
    }
}

/// What a run covered and found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files of a format irlint reads that the walk found.
    pub files: usize,
    /// Deployment units that hold something irlint checks and were parsed.
    pub units: usize,
    /// Replication sets in those units.
    pub replication_sets: usize,
    /// How many findings there are.
    pub findings: usize,
    /// The findings by level.
    pub levels: LevelCounts,
    /// How many findings suppressions in the source cover (not in `findings`).
    pub suppressed: usize,
    /// How many input errors there are (files that could not be read or parsed, paths that could
    /// not be walked).
    pub errors: usize,
    /// How many files those errors concern; an error that names no file (a directory that could
    /// not be walked) counts as one.
    pub failed_files: usize,
    /// How many related locations findings left out, past the first
    /// [`MAX_RELATED`](crate::lint::MAX_RELATED) of each.
    pub related_left_out: usize,
    /// How many findings were not reported because they point into none of the files named on
    /// the command line (the rest of those files' units).
    pub not_named: usize,
    /// How many checks could not be made: values no one can know before deployment, code
    /// irlint does not read ([`Outcome::unchecked`]).
    pub unchecked: usize,
    /// How many findings were not reported because the baseline holds them (`--baseline`).
    pub baselined: usize,
    /// How many findings were not reported because the base revision has them already
    /// (`--new-only`).
    pub already_at_base: usize,
}

impl Summary {
    pub fn of(outcome: &Outcome) -> Self {
        let mut levels = LevelCounts::default();
        for finding in &outcome.findings {
            levels.add(finding.level);
        }
        let failed_files: BTreeSet<&str> = outcome
            .errors
            .iter()
            .map(|error| error.path.as_str())
            .filter(|path| !path.is_empty())
            .collect();
        let errors_without_file = outcome
            .errors
            .iter()
            .filter(|error| error.path.is_empty())
            .count();
        Summary {
            files: outcome.files_seen,
            units: outcome.units.len(),
            replication_sets: outcome
                .units
                .iter()
                .map(|unit| unit.declared_sets().count())
                .sum(),
            findings: levels.total(),
            levels,
            suppressed: outcome.suppressed.len(),
            errors: outcome.errors.len(),
            failed_files: failed_files.len() + errors_without_file,
            related_left_out: outcome.related_left_out,
            not_named: outcome.not_named,
            unchecked: outcome.unchecked.len(),
            baselined: outcome.baselined,
            already_at_base: outcome.already_at_base,
        }
    }
}
