//! Linting one unit for the editor, off the message loop, and its findings and input errors as
//! LSP diagnostics.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    MessageType, NumberOrString, Position, Range, Url,
};

use super::SOURCE;
use super::actions::FixData;
use super::unit::Unit;
use crate::finding::{Finding, Fix};
use crate::input_error::InputError;
use crate::lint::{self, Options};
use crate::model::Unchecked;
use crate::printable::printable;
use crate::rule_meta::Level;
use crate::source::{SourceFile, Sources, Span, display_path};

/// What to lint: a unit, with the open documents' texts in place of its files on disk.
pub struct Job {
    pub unit: Unit,
    /// The unit's generation when the job was made; a result of an older generation than the
    /// unit's is not published.
    pub generation: u64,
    pub overlay: BTreeMap<PathBuf, String>,
    pub options: Arc<Options>,
}

/// What a lint found, ready to publish.
pub struct Linted {
    pub unit: Unit,
    pub generation: u64,
    /// The unit's files that have diagnostics.
    pub diagnostics: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// What belongs to no file: a configuration the linter refused, a unit that could not be
    /// listed, an error without a location.
    pub logs: Vec<(MessageType, String)>,
}

impl Job {
    /// Lints the unit. A bug the input sets off costs this lint, not the server: a panic on
    /// rayon's pool would abort the process.
    pub fn run(self) -> Linted {
        let unit = self.unit.clone();
        let generation = self.generation;
        catch_unwind(AssertUnwindSafe(|| self.lint())).unwrap_or_else(|_| {
            let message = format!("irlint failed on {unit}: a bug, please report it");
            Linted {
                unit,
                generation,
                diagnostics: BTreeMap::new(),
                logs: vec![(MessageType::ERROR, message)],
            }
        })
    }

    fn lint(self) -> Linted {
        let mut linted = Linted {
            unit: self.unit,
            generation: self.generation,
            diagnostics: BTreeMap::new(),
            logs: Vec::new(),
        };
        let (files, problems) = linted.unit.files();
        linted.logs.extend(problems.into_iter().map(|problem| {
            let message = format!("cannot list {}: {problem}", linted.unit);
            (MessageType::WARNING, message)
        }));
        if files.is_empty() {
            return linted;
        }
        let options = Options {
            overlay: self.overlay,
            files_are_units: true,
            ..Options::clone(&self.options)
        };
        let outcome = match lint::run(&files, &options) {
            Ok(outcome) => outcome,
            Err(error) => {
                linted.logs.push((MessageType::WARNING, error.to_string()));
                return linted;
            }
        };
        let sources = &outcome.sources;
        for finding in &outcome.findings {
            linted
                .diagnostics
                .entry(sources.get(finding.span.file).path.clone())
                .or_default()
                .push(finding_diagnostic(sources, finding));
        }
        // What could not be checked is a hint, which editors show faintly: it is no problem of
        // the code, but says where a silence is no pass.
        for note in &outcome.unchecked {
            linted
                .diagnostics
                .entry(sources.get(note.span.file).path.clone())
                .or_default()
                .push(unchecked_diagnostic(sources, note));
        }
        for error in &outcome.errors {
            // An error without a span (a file too large or unreadable) names its file only by
            // its displayed path.
            let file = match error.span {
                Some(span) => Some(sources.get(span.file).path.clone()),
                None => files
                    .iter()
                    .find(|file| !error.path.is_empty() && display_path(file) == error.path)
                    .cloned(),
            };
            match file {
                Some(file) => linted
                    .diagnostics
                    .entry(file)
                    .or_default()
                    .push(error_diagnostic(sources, error)),
                None => linted.logs.push((MessageType::ERROR, error_text(error))),
            }
        }
        linted
    }
}

/// A span as an LSP range, in UTF-16 code units.
fn range(sources: &Sources, span: Span) -> Range {
    let file: &SourceFile = sources.get(span.file);
    let position = |byte| {
        let at = file.utf16_position(byte);
        Position {
            line: u32::try_from(at.line).unwrap_or(u32::MAX),
            character: u32::try_from(at.character).unwrap_or(u32::MAX),
        }
    };
    Range {
        start: position(span.start),
        end: position(span.end),
    }
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The finding's texts are escaped: editors show them in lists and hovers, one message a line.
fn finding_diagnostic(sources: &Sources, finding: &Finding) -> Diagnostic {
    let text = printable(&finding.message);
    let message = match &finding.help {
        Some(help) => format!("{text}\nhelp: {}", printable(help)),
        None => text.into_owned(),
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let uri = Url::from_file_path(&sources.get(related.span.file).path).ok()?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri,
                    range: range(sources, related.span),
                },
                message: printable(&related.message).into_owned(),
            })
        })
        .collect();
    Diagnostic {
        range: range(sources, finding.span),
        severity: Some(severity(finding.level)),
        code: Some(NumberOrString::String(finding.rule.id.to_owned())),
        code_description: finding
            .rule
            .document_uri()
            .and_then(|uri| Url::parse(&uri).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: Some(related).filter(|related| !related.is_empty()),
        data: finding
            .fix
            .as_ref()
            .and_then(|fix| fix_data(sources, finding, fix)),
        ..Diagnostic::default()
    }
}

/// What a diagnostic carries of its finding's fix, for the quick fix that makes it
/// ([`super::actions`]).
fn fix_data(sources: &Sources, finding: &Finding, fix: &Fix) -> Option<serde_json::Value> {
    let uri = Url::from_file_path(&sources.get(fix.span.file).path).ok()?;
    let data = FixData {
        title: format!("{}: {}", finding.rule.id, printable(&fix.description)),
        uri,
        range: range(sources, fix.span),
        replaced: sources.text(fix.span).to_owned(),
        new_text: fix.replacement.clone(),
    };
    serde_json::to_value(data).ok()
}

fn error_diagnostic(sources: &Sources, error: &InputError) -> Diagnostic {
    Diagnostic {
        range: error
            .span
            .map(|span| range(sources, span))
            .unwrap_or_default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: printable(&error.message).into_owned(),
        ..Diagnostic::default()
    }
}

fn unchecked_diagnostic(sources: &Sources, note: &Unchecked) -> Diagnostic {
    Diagnostic {
        range: range(sources, note.span),
        severity: Some(DiagnosticSeverity::HINT),
        code: Some(NumberOrString::String(crate::unchecked::CODE.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: printable(&note.message()).into_owned(),
        ..Diagnostic::default()
    }
}

fn error_text(error: &InputError) -> String {
    if error.path.is_empty() {
        error.message.clone()
    } else {
        format!("{}: {}", error.path, error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_from_the_input_are_escaped() {
        let hostile = "x\n::add-mask::***\u{1b}]52;c;aGVsbG8=\u{7}";
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(
            PathBuf::from("/work/infra/main.tf"),
            "resource {}\n".to_owned(),
        ));
        let span = Span::new(file, 0, 8);
        let rule = crate::rules::find("IRL004").expect("a rule").meta();
        let finding = Finding::new(rule, span, hostile)
            .help(hostile)
            .related(span, hostile);
        let diagnostic = finding_diagnostic(&sources, &finding);
        let escaped = "x\\n::add-mask::***\\u{1b}]52;c;aGVsbG8=\\u{7}";
        assert_eq!(diagnostic.message, format!("{escaped}\nhelp: {escaped}"));
        let related = diagnostic.related_information.expect("a related location");
        assert_eq!(related[0].message, escaped);
        let error = InputError {
            path: String::new(),
            span: Some(span),
            message: hostile.to_owned(),
        };
        assert_eq!(error_diagnostic(&sources, &error).message, escaped);
        let note = unchecked_diagnostic(&sources, &Unchecked::new(span, hostile, hostile));
        assert_eq!(note.message, format!("{escaped}: {escaped}"));
        assert_eq!(note.severity, Some(DiagnosticSeverity::HINT));
    }
}
