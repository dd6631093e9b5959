//! The suppress stage: the suppressions written in the source ([`crate::suppress`]) take out
//! the findings they cover, and the rules about suppressions run on them.

use super::configure::FileSettings;
use super::parse::LoadedUnit;
use crate::finding::Finding;
use crate::model::Unit;
use crate::rules;
use crate::source::{FileId, Sources};
use crate::subject::Subjects;
use crate::suppress::{self, Suppressed};

/// The findings no suppression written in `files` (or declared in `units`) covers, with the
/// findings about the suppressions, at their configured levels; and the findings suppressed.
/// `with_base` says whether the change rules ran, for the verdict on a suppression of one.
pub(super) fn apply(
    findings: Vec<Finding>,
    (files, units): (&[FileId], &[LoadedUnit]),
    sources: &Sources,
    subjects: &Subjects,
    settings: &FileSettings,
    with_base: bool,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let units: Vec<&Unit> = units.iter().map(|loaded| &loaded.unit).collect();
    let applied = suppress::apply(
        sources,
        files,
        &units,
        subjects,
        findings,
        &rules::named_in_suppression,
        |rule, file| settings.ran(sources, rule, file, with_base),
    );
    let mut findings = applied.findings;
    let about_suppressions = rules::check_suppressions(&applied.suppressions);
    findings.extend(settings.configure(sources, about_suppressions));
    (findings, applied.suppressed)
}
