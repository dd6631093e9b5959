//! What a run found, as the reporters read it: kept apart from the orchestrator ([`crate::lint`])
//! that fills it in, so that reporters need not import it.

use crate::config::Applied;
use crate::finding::Finding;
use crate::input_error::InputError;
use crate::model::{Unchecked, Unit};
use crate::source::{Sources, Span};
use crate::suppress::Suppressed;

/// Everything a run found, ready for a reporter.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The files read, in the working tree and at the base revision.
    pub sources: Sources,
    /// The units of the working tree.
    pub units: Vec<Unit>,
    pub findings: Vec<Finding>,
    /// The findings that suppressions in the source took out of `findings`.
    pub suppressed: Vec<Suppressed>,
    pub errors: Vec<InputError>,
    /// Where the files read write credentials in tags, as IRL014 judges them even where it does
    /// not run, sorted: reports that show source text mask them.
    pub masked: Vec<Span>,
    /// How many files the walk found that irlint could read (and no configuration excludes).
    pub files_seen: usize,
    /// The configuration files that applied to units of the working tree, and what they
    /// changed.
    pub configurations: Vec<Applied>,
    /// How many related locations were left out of findings that had more than
    /// [`MAX_RELATED`](crate::lint::MAX_RELATED).
    pub related_left_out: usize,
    /// How many findings of the units of named files were not reported: they point into none
    /// of the named files ([`crate::discover::Named`]).
    pub not_named: usize,
    /// The checks that could not be made on the working tree ([`crate::unchecked`]), in the order of
    /// their file's path and position: they are not findings, and nothing suppresses them.
    pub unchecked: Vec<Unchecked>,
    /// How many findings were left out because the baseline holds them (`--baseline`).
    pub baselined: usize,
    /// How many findings of the state rules were left out because the base revision has them
    /// already (`--new-only`).
    pub already_at_base: usize,
}
