//! Reporters: turn a run's [`Outcome`](crate::lint::Outcome) into text, JSON, SARIF or GitHub
//! workflow commands.
//!
//! Spans become lines and columns here, through [`SourceFile::line_column`], and nowhere else.

use crate::source::{LineColumn, SourceFile, Sources, Span};

pub mod github;
pub mod json;
pub mod sarif;
mod summary;
pub mod text;

#[cfg(test)]
mod sample;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source snippets.
    Text,
    /// One JSON document with findings and errors.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and editors.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding, for runs without code
    /// scanning.
    Github,
}

/// Whether JSON and SARIF reports keep the findings that suppressions in the source cover
/// (`--include-suppressed`), marked as suppressed. Text reports only count them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SuppressedFindings {
    #[default]
    Omit,
    Include,
}

/// A span as the user sees it: the file's display path and where the span starts and ends.
/// `end` is the position just past the span's last character.
struct Located<'a> {
    path: &'a str,
    start: LineColumn,
    end: LineColumn,
}

fn locate(sources: &Sources, span: Span) -> Located<'_> {
    let file: &SourceFile = sources.get(span.file);
    Located {
        path: &file.display_path,
        start: file.line_column(span.start),
        end: file.line_column(span.end),
    }
}
