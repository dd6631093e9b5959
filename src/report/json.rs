//! A JSON document of findings and errors, for scripts.
//!
//! The structs below are the format: every field is always present (`null` when it has no
//! value) but a finding's `suppressed`, present only on the findings a suppression covers
//! (`--include-suppressed`). Lines and columns are 1-based, columns count characters, and an
//! `end` is the position just past the last character. New fields may be added; existing ones
//! keep their meaning.
//!
//! ```json
//! {
//!   "version": "0.1.0",
//!   "findings": [
//!     {
//!       "rule": "IRL005", "name": "key-region-mismatch", "level": "error",
//!       "message": "the key of region us-west-2 is in us-east-1: …",
//!       "path": "infra/main.tf",
//!       "start": { "line": 10, "column": 35 }, "end": { "line": 10, "column": 60 },
//!       "label": "a key in us-east-1",
//!       "help": "use a customer managed key created in us-west-2",
//!       "fingerprint": "3f5c…e1:1",
//!       "related": [ { "path": "infra/main.tf", "start": …, "end": …, "message": "…" } ],
//!       "fix": null
//!     }
//!   ],
//!   "errors": [ { "path": "infra/legacy.tf", "start": null, "end": null, "message": "…" } ],
//!   "unchecked": [
//!     {
//!       "path": "infra/main.tf",
//!       "start": { "line": 3, "column": 13 }, "end": { "line": 3, "column": 24 },
//!       "message": "the set's regions are unknown: variable `regions` has no default …",
//!       "what": "the set's regions are unknown",
//!       "reason": "variable `regions` has no default …"
//!     }
//!   ],
//!   "summary": { "files": 4, "units": 1, "replication_sets": 1, "findings": 2,
//!                "levels": { "error": 1, "warning": 1, "note": 0 }, "suppressed": 0,
//!                "errors": 2, "failed_files": 2, "related_left_out": 0, "not_named": 0,
//!                "unchecked": 1, "baselined": 0, "already_at_base": 0 },
//!   "configurations": [ { "path": "irlint.toml", "units": 1, "files_excluded": 0,
//!                         "rules_off": ["IRL004"], "rules_off_on_some_paths": [],
//!                         "levels": { "IRL009": "error" } } ]
//! }
//! ```

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::summary::Summary;
use super::{Elements, Located, SuppressedFindings, locate, merge_sorted, write_pretty};
use crate::baseline;
use crate::config::Applied;
use crate::finding::{Finding, Related};
use crate::input_error::InputError;
use crate::model::Unchecked;
use crate::outcome::Outcome;
use crate::source::{LineColumn, Sources};
use crate::suppress::Suppressed;

/// The whole document.
#[derive(Serialize)]
struct Report<'a> {
    /// The version of irlint that wrote the document.
    version: &'static str,
    /// In the order of their file's path, then of their position; suppressed ones only with
    /// `--include-suppressed`.
    findings: Elements,
    /// Files that could not be read or parsed, paths that could not be walked.
    errors: Vec<ErrorEntry<'a>>,
    /// The checks that could not be made (values no one can know before deployment, code irlint
    /// does not read), in the order of their file's path and position.
    unchecked: Vec<UncheckedEntry<'a>>,
    summary: Summary,
    /// The configuration files that applied, and what each switched off or excluded.
    configurations: &'a [Applied],
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Position {
    line: usize,
    column: usize,
}

impl From<LineColumn> for Position {
    fn from(position: LineColumn) -> Self {
        Position {
            line: position.line,
            column: position.column,
        }
    }
}

#[derive(Serialize)]
struct FindingEntry<'a> {
    /// The rule's id, `IRL005`.
    rule: &'static str,
    /// The rule's name, `key-region-mismatch`.
    name: &'static str,
    /// `error`, `warning` or `note`.
    level: &'static str,
    message: &'a str,
    /// The file, relative to the working directory when it lies below it.
    path: &'a str,
    start: Position,
    end: Position,
    /// What the span shows, in a few words.
    label: Option<&'a str>,
    /// How to fix it, in one sentence.
    help: Option<&'a str>,
    /// What tells the finding from others across runs, as SARIF's
    /// `partialFingerprints["irlint/v1"]`: `--baseline` reads it.
    fingerprint: String,
    /// Other places that explain the finding.
    related: Vec<RelatedEntry<'a>>,
    /// The edit that fixes the finding, when the fix is mechanical.
    fix: Option<FixEntry<'a>>,
    /// Set when a suppression in the source covers the finding, absent otherwise: a report
    /// without `--include-suppressed` has no such finding, and says nothing of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<SuppressedEntry<'a>>,
}

#[derive(Serialize)]
struct SuppressedEntry<'a> {
    /// Why, as the suppression says; `null` when it gives no reason.
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct FixEntry<'a> {
    description: &'a str,
    /// The file to edit: the finding's, or another where the value it rewrites is written (a
    /// region name that a variable of another file holds).
    path: &'a str,
    /// The text from `start` to `end` in `path` is to be replaced by `replacement`.
    start: Position,
    end: Position,
    replacement: &'a str,
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    path: &'a str,
    start: Position,
    end: Position,
    message: &'a str,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    /// The file, or `null` when the error concerns no single file.
    path: Option<&'a str>,
    /// Where in the file, or `null` when the error has no position.
    start: Option<Position>,
    end: Option<Position>,
    message: &'a str,
}

#[derive(Serialize)]
struct UncheckedEntry<'a> {
    /// The file of the unknown value, or of what is not read.
    path: &'a str,
    start: Position,
    end: Position,
    /// `what`, then `reason`, on one line.
    message: String,
    /// What could not be checked: ``the key of region `us-east-1` is unknown``.
    what: &'a str,
    /// Why, and what would tell: ``parameter `Key` has no default``.
    reason: &'a str,
}

fn unchecked_entry<'a>(sources: &'a Sources, note: &'a Unchecked) -> UncheckedEntry<'a> {
    let Located { path, start, end } = locate(sources, note.span);
    UncheckedEntry {
        path,
        start: start.into(),
        end: end.into(),
        message: note.message(),
        what: &note.what,
        reason: &note.reason,
    }
}

fn finding_entry<'a>(
    sources: &'a Sources,
    (finding, fingerprint): (&'a Finding, String),
    suppressed: Option<SuppressedEntry<'a>>,
) -> FindingEntry<'a> {
    let Located { path, start, end } = locate(sources, finding.span);
    FindingEntry {
        rule: finding.rule.id,
        name: finding.rule.name,
        level: finding.level.as_str(),
        message: &finding.message,
        path,
        start: start.into(),
        end: end.into(),
        label: Some(finding.label.as_str()).filter(|label| !label.is_empty()),
        help: finding.help.as_deref(),
        fingerprint,
        related: finding
            .related
            .iter()
            .map(|related| related_entry(sources, related))
            .collect(),
        fix: finding.fix.as_ref().map(|fix| {
            let Located { path, start, end } = locate(sources, fix.span);
            FixEntry {
                description: &fix.description,
                path,
                start: start.into(),
                end: end.into(),
                replacement: &fix.replacement,
            }
        }),
        suppressed,
    }
}

fn related_entry<'a>(sources: &'a Sources, related: &'a Related) -> RelatedEntry<'a> {
    let Located { path, start, end } = locate(sources, related.span);
    RelatedEntry {
        path,
        start: start.into(),
        end: end.into(),
        message: &related.message,
    }
}

fn error_entry<'a>(sources: &'a Sources, error: &'a InputError) -> ErrorEntry<'a> {
    let located = error.span.map(|span| locate(sources, span));
    ErrorEntry {
        path: Some(error.path.as_str()).filter(|path| !path.is_empty()),
        start: located.as_ref().map(|located| located.start.into()),
        end: located.as_ref().map(|located| located.end.into()),
        message: &error.message,
    }
}

/// Writes the document, pretty-printed, with a trailing newline.
pub fn render(
    outcome: &Outcome,
    out: &mut dyn Write,
    suppressed: SuppressedFindings,
) -> std::io::Result<()> {
    let sources = &outcome.sources;
    let covered: &[Suppressed] = match suppressed {
        SuppressedFindings::Include => &outcome.suppressed,
        SuppressedFindings::Omit => &[],
    };
    // Ranked as in a SARIF log: the findings reported, then those suppressed.
    let every_finding = (outcome.findings.par_iter()).chain(covered.par_iter().map(|s| &s.finding));
    let mut fingerprints = baseline::fingerprints(sources, every_finding);
    let covered_fingerprints = fingerprints.split_off(outcome.findings.len());
    let reported = (outcome.findings.iter().zip(fingerprints)).map(|finding| (finding, None));
    let covered = (covered.iter().zip(covered_fingerprints)).map(|(suppressed, fingerprint)| {
        let reason = suppressed.reason.as_deref();
        let entry = SuppressedEntry { reason };
        ((&suppressed.finding, fingerprint), Some(entry))
    });
    // Both are in the order of their file's path and their position already.
    let findings = merge_sorted(reported, covered, |((finding, _), _)| {
        (
            sources.get(finding.span.file).display_path.as_str(),
            finding.span.start,
            finding.rule.id,
        )
    });
    let report = |findings| Report {
        version: env!("CARGO_PKG_VERSION"),
        findings,
        errors: outcome
            .errors
            .iter()
            .map(|error| error_entry(sources, error))
            .collect(),
        unchecked: (outcome.unchecked.iter())
            .map(|note| unchecked_entry(sources, note))
            .collect(),
        summary: Summary::of(outcome),
        configurations: &outcome.configurations,
    };
    write_pretty(out, report, findings, |(finding, suppressed)| {
        finding_entry(sources, finding, suppressed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn findings_errors_and_summary() {
        let mut out = Vec::new();
        render(&sample::outcome(), &mut out, SuppressedFindings::Include)
            .expect("rendering into memory succeeds");
        let text = String::from_utf8(out).expect("the report is UTF-8");
        serde_json::from_str::<serde_json::Value>(&text).expect("the report is one JSON document");
        insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
    }

    #[test]
    fn suppressed_findings_are_left_out_unless_asked_for() {
        let render_findings = |suppressed| {
            let mut out = Vec::new();
            render(&sample::outcome(), &mut out, suppressed).expect("rendering succeeds");
            let report: serde_json::Value =
                serde_json::from_slice(&out).expect("one JSON document");
            report["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|finding| {
                    format!(
                        "{} {}",
                        finding["rule"].as_str().unwrap_or_default(),
                        finding["suppressed"]
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            render_findings(SuppressedFindings::Omit),
            ["IRL004 null", "IRL005 null"]
        );
        assert_eq!(
            render_findings(SuppressedFindings::Include),
            [
                "IRL004 null",
                "IRL001 {\"reason\":\"the key is replaced in the next change\"}",
                "IRL005 null"
            ]
        );
    }
}
