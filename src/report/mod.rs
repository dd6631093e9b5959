//! Reporters: turn a run's [`Outcome`](crate::lint::Outcome) into text, JSON, SARIF or GitHub
//! workflow commands.
//!
//! Spans become lines and columns here, through [`SourceFile::line_column`], and nowhere else.

use std::cell::RefCell;

use serde::{Serialize, Serializer};

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

/// A sequence serialized as it is produced, so that a report of many thousands of findings never
/// holds them all at once (the worst unit's SARIF log took 340 MB when built whole). It can be
/// serialized once; a second time it is empty.
struct Streamed<I>(RefCell<Option<I>>);

impl<I> Streamed<I> {
    fn new(items: I) -> Self {
        Streamed(RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Streamed<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => serializer.collect_seq(items),
            None => serializer.collect_seq(std::iter::empty::<I::Item>()),
        }
    }
}

/// Two sequences sorted by `key`, merged into one sorted sequence; among equal keys the first
/// sequence's items come first.
fn merge_sorted<T, K: Ord>(
    first: impl Iterator<Item = T>,
    second: impl Iterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> impl Iterator<Item = T> {
    let mut first = first.peekable();
    let mut second = second.peekable();
    std::iter::from_fn(move || match (first.peek(), second.peek()) {
        (Some(a), Some(b)) if key(b) < key(a) => second.next(),
        (Some(_), _) => first.next(),
        (None, _) => second.next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_sequences_merge_with_the_first_first_among_equals() {
        let merged: Vec<(u8, char)> = merge_sorted(
            [(1, 'a'), (3, 'a'), (3, 'b')].into_iter(),
            [(0, 'x'), (3, 'x'), (4, 'x')].into_iter(),
            |(key, _)| *key,
        )
        .collect();
        assert_eq!(
            merged,
            [(0, 'x'), (1, 'a'), (3, 'a'), (3, 'b'), (3, 'x'), (4, 'x')]
        );
    }

    #[test]
    fn a_streamed_sequence_serializes_as_a_list() {
        let streamed = Streamed::new([1, 2, 3].into_iter());
        assert_eq!(serde_json::to_string(&streamed).expect("JSON"), "[1,2,3]");
    }
}
