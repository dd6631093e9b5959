//! Reporters: turn a run's [`Outcome`](crate::outcome::Outcome) into text, JSON, SARIF or GitHub
//! workflow commands.
//!
//! Spans become lines and columns here, through [`SourceFile::line_column`], and nowhere else.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::Write;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::source::{LineColumn, SourceFile, Sources, Span};

pub mod github;
pub mod json;
pub mod sarif;
pub mod statistics;
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

/// Whether the text report shows each check that could not be made (`--show-unknown`), or only
/// counts them. JSON and SARIF reports always list them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UncheckedNotes {
    #[default]
    Count,
    /// A note for each, with its source snippet.
    Show,
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

/// How many items of a report are rendered at once, in parallel, before they are written:
/// enough to keep every core busy (a unit of thousands of findings spent a third of its time
/// rendering them), few enough that the report is still written as it goes and never held whole
/// (the worst unit's SARIF log took 340 MB when built whole).
const BATCH: usize = 256;

/// Renders items in parallel, a batch at a time, and writes each in order.
fn render_in_batches<T: Send, R: Send, E>(
    items: impl Iterator<Item = T>,
    render: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let mut items = items.peekable();
    while items.peek().is_some() {
        let batch: Vec<T> = items.by_ref().take(BATCH).collect();
        let rendered: Vec<R> = batch.into_par_iter().map(&render).collect();
        rendered.into_iter().try_for_each(&mut write)?;
    }
    Ok(())
}

/// Where the elements of a document's one long array go: the document holds it in place of the
/// array, and [`write_pretty`] writes the elements there.
struct Elements {
    /// A string no other value of the document holds: random, so that no file can spell it.
    placeholder: String,
    empty: bool,
}

impl Serialize for Elements {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let placeholder = Some(&self.placeholder).filter(|_| !self.empty);
        serializer.collect_seq(placeholder)
    }
}

/// Pretty-printed JSON with `indent` after each line break: every line break of it is its
/// layout (those of strings are escaped).
fn indent_lines(json: &[u8], indent: &[u8]) -> Vec<u8> {
    let mut indented = Vec::with_capacity(json.len() * 5 / 4);
    let mut start = 0;
    for line_break in memchr::memchr_iter(b'\n', json) {
        indented.extend_from_slice(&json[start..=line_break]);
        indented.extend_from_slice(indent);
        start = line_break + 1;
    }
    indented.extend_from_slice(&json[start..]);
    indented
}

/// Writes a document pretty-printed, with a trailing newline, exactly as
/// `serde_json::to_writer_pretty` would write it with `elements` in place of [`Elements`]: the
/// elements are rendered in parallel batches as they are written.
fn write_pretty<D: Serialize, T: Send, R: Serialize>(
    out: &mut dyn Write,
    document: impl FnOnce(Elements) -> D,
    elements: impl Iterator<Item = T>,
    render: impl Fn(T) -> R + Sync,
) -> std::io::Result<()> {
    let mut elements = elements.peekable();
    let random = RandomState::new().build_hasher().finish();
    let placeholder = format!("irlint-elements-{random:016x}");
    let slot = Elements {
        placeholder: placeholder.clone(),
        empty: elements.peek().is_none(),
    };
    let text = serde_json::to_string_pretty(&document(slot))?;
    let quoted = format!("\"{placeholder}\"");
    let (before, after) = text.split_once(&quoted).unwrap_or((&text, ""));
    out.write_all(before.as_bytes())?;
    // Each element, printed alone, is indented as deep as the placeholder was.
    let indent = &before.as_bytes()[before.rfind('\n').map_or(0, |at| at + 1)..];
    let render = |element| {
        let json = serde_json::to_vec_pretty(&render(element))?;
        serde_json::Result::Ok(indent_lines(&json, indent))
    };
    let mut first = true;
    render_in_batches(elements, render, |rendered| {
        if !std::mem::take(&mut first) {
            out.write_all(b",\n")?;
            out.write_all(indent)?;
        }
        out.write_all(&rendered?)
    })?;
    out.write_all(after.as_bytes())?;
    writeln!(out)
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
    use std::collections::BTreeMap;

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
    fn a_document_is_written_as_serde_json_pretty_prints_it() {
        #[derive(Serialize)]
        struct Document<E> {
            before: Vec<&'static str>,
            elements: E,
            after: &'static str,
        }
        let items = |count: usize| (0..count).map(|n| BTreeMap::from([("n", n), ("twice", 2 * n)]));
        for count in [0, 1, 2, BATCH, BATCH + 1, 3 * BATCH] {
            let mut written = Vec::new();
            let document = |elements| Document {
                before: vec!["a", "irlint-elements-0000000000000000"],
                elements,
                after: "\"\n",
            };
            write_pretty(&mut written, document, items(count), |item| item)
                .expect("writing into memory succeeds");
            let whole = Document {
                before: vec!["a", "irlint-elements-0000000000000000"],
                elements: items(count).collect::<Vec<_>>(),
                after: "\"\n",
            };
            let expected = serde_json::to_string_pretty(&whole).expect("JSON") + "\n";
            assert_eq!(
                String::from_utf8(written).expect("UTF-8"),
                expected,
                "{count} elements"
            );
        }
    }
}
