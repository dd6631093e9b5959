//! The place stage: the findings are made ready for the reports, each where a reader looks for
//! it (in the files named, with the subject it is about and a fix that still applies), in the
//! order of their files and positions.

use super::parse::LoadedSide;
use crate::discover::Named;
use crate::finding::Finding;
use crate::outcome::Outcome;
use crate::rules;
use crate::source::{Sources, Span};
use crate::subject::Subjects;

/// The most related locations a finding keeps, in every format: code scanning takes no more per
/// result, and a finding with thousands (a region listed 50,000 times) says nothing more with
/// them.
pub const MAX_RELATED: usize = 1_000;

/// Keeps the findings of a named file's unit that point into the named files, where they are
/// or through a related location, and counts the others.
pub(super) fn in_named_files(outcome: &mut Outcome, named: &Named) {
    let sources = &outcome.sources;
    let reported = |finding: &Finding| {
        let spans = std::iter::once(finding.span).chain(finding.related.iter().map(|r| r.span));
        named.reports(spans.map(|span| sources.get(span.file).path.as_path()))
    };
    let found = outcome.findings.len();
    outcome.findings.retain(reported);
    outcome.not_named = found - outcome.findings.len();
    outcome
        .suppressed
        .retain(|suppressed| reported(&suppressed.finding));
}

/// Gives each finding, reported or suppressed, the subject it is about, keeps its fix where
/// the fix still applies, and keeps at most [`MAX_RELATED`] related locations.
pub(super) fn settle(outcome: &mut Outcome, subjects: &Subjects) {
    let sources = &outcome.sources;
    let every_finding = outcome
        .findings
        .iter_mut()
        .chain(outcome.suppressed.iter_mut().map(|s| &mut s.finding));
    let mut related_left_out = 0;
    for finding in every_finding {
        // A finding moved out of the base revision keeps the subject it was given there.
        if finding.subject.is_none() {
            finding.subject = Some(subjects.of(finding.span, sources));
        }
        finding.fix = finding.fix.take().and_then(|fix| fix.settle(sources));
        if finding.related.len() > MAX_RELATED {
            related_left_out += finding.related.len() - MAX_RELATED;
            finding.related.truncate(MAX_RELATED);
        }
    }
    outcome.related_left_out = related_left_out;
}

/// Where the files of both sides write credentials in tags, sorted: reports that show source
/// text mask them.
pub(super) fn masked(sides: [&LoadedSide; 2], sources: &Sources) -> Vec<Span> {
    let mut masked: Vec<Span> = (sides.iter())
        .flat_map(|side| &side.units)
        .flat_map(|loaded| rules::credential_spans(&loaded.unit, sources))
        .collect();
    masked.sort_unstable();
    masked
}

/// Puts findings, suppressed findings, unchecked notes and errors in the order of their file's
/// path and position.
pub(super) fn order(outcome: &mut Outcome) {
    let sources = &outcome.sources;
    let order = |finding: &Finding| {
        (
            sources.get(finding.span.file).display_path.as_str(),
            finding.span.start,
            finding.rule.id,
        )
    };
    outcome.findings.sort_by_cached_key(order);
    outcome
        .suppressed
        .sort_by_cached_key(|suppressed| order(&suppressed.finding));
    outcome.unchecked.sort_by_cached_key(|note| {
        (
            sources.get(note.span.file).display_path.as_str(),
            note.span.start,
        )
    });
    outcome.errors.sort_by(|a, b| {
        (&a.path, a.span.map(|s| s.start)).cmp(&(&b.path, b.span.map(|s| s.start)))
    });
}
