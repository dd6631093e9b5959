//! Long lines cut down to the parts around a diagnostic's labels. A minified template is one
//! line of up to 2 MiB: shown whole, every finding on it would print all of it (thousands of
//! findings, gigabytes of output).

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{self, Files};

use crate::printable::printable;
use crate::source::{FileId, Sources};

/// Lines up to this many bytes are shown whole.
pub const LONGEST_SHOWN_LINE: usize = 240;

/// How much of a cut line is shown on each side of a label, in bytes.
const CONTEXT: usize = 60;

/// How much of a label on a cut line is shown, in bytes: the rest of it is cut too.
const LONGEST_SHOWN_LABEL: usize = 120;

const CUT: &str = "…";

/// Whether any label of the diagnostic lies on a line too long to show whole.
pub fn has_long_line(sources: &Sources, diagnostic: &Diagnostic<FileId>) -> bool {
    diagnostic.labels.iter().any(|label| {
        let file = sources.get(label.file_id);
        file.line_range(file.line_index(label.range.start))
            .is_some_and(|line| line.len() > LONGEST_SHOWN_LINE)
    })
}

/// The excerpts of one diagnostic's files, by the index [`Excerpts::of`] gave their labels.
pub struct Excerpts<'a>(Vec<Excerpt<'a>>);

/// The parts of a file's lines that one diagnostic's labels lie on, as codespan reads them: each
/// part a line of its own, numbered and with columns as in the file.
pub struct Excerpt<'a> {
    sources: &'a Sources,
    file: FileId,
    text: String,
    parts: Vec<Part>,
}

/// A part of a line of the file, shown as one line of the excerpt.
struct Part {
    /// Where it is in the excerpt's text.
    shown: Range<usize>,
    /// Where the file's text starts within it (after a leading cut mark).
    shown_from: usize,
    /// Where it is in the file.
    source: Range<usize>,
    line_index: usize,
}

impl<'a> Excerpts<'a> {
    /// The diagnostic with its labels moved into excerpts of their files, one per file.
    pub fn of(
        sources: &'a Sources,
        diagnostic: &Diagnostic<FileId>,
    ) -> (Excerpts<'a>, Diagnostic<usize>) {
        let mut files: Vec<FileId> = diagnostic.labels.iter().map(|l| l.file_id).collect();
        files.sort();
        files.dedup();
        let excerpts: Vec<Excerpt> = files
            .iter()
            .map(|&file| {
                let ranges = diagnostic
                    .labels
                    .iter()
                    .filter(|label| label.file_id == file)
                    .map(|label| label.range.clone());
                Excerpt::new(sources, file, ranges)
            })
            .collect();
        let labels = diagnostic
            .labels
            .iter()
            .map(|label| {
                let index = files.binary_search(&label.file_id).unwrap_or_default();
                let range = excerpts[index].shown(&label.range);
                Label::new(label.style, index, range).with_message(&label.message)
            })
            .collect();
        let moved = Diagnostic {
            severity: diagnostic.severity,
            code: diagnostic.code.clone(),
            message: diagnostic.message.clone(),
            labels,
            notes: diagnostic.notes.clone(),
        };
        (Excerpts(excerpts), moved)
    }

    fn get(&self, id: usize) -> Result<&Excerpt<'a>, files::Error> {
        self.0.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'a> Excerpt<'a> {
    fn new(sources: &'a Sources, file: FileId, labels: impl Iterator<Item = Range<usize>>) -> Self {
        let source = sources.get(file);
        let text = &source.text;
        let mut wanted: Vec<(usize, Range<usize>)> = labels
            .map(|label| {
                let line_index = source.line_index(label.start);
                let line = source
                    .line_range(line_index)
                    .unwrap_or(label.start..label.start);
                if line.len() <= LONGEST_SHOWN_LINE {
                    return (line_index, line);
                }
                let end = label
                    .end
                    .min(line.end)
                    .min(label.start + LONGEST_SHOWN_LABEL);
                let start =
                    floor_char_boundary(text, label.start.saturating_sub(CONTEXT).max(line.start));
                let end = ceil_char_boundary(text, (end + CONTEXT).min(line.end));
                (line_index, start..end)
            })
            .collect();
        wanted.sort_by_key(|(line, range)| (*line, range.start));
        // Parts of one line that overlap or touch are shown as one.
        let mut merged: Vec<(usize, Range<usize>)> = Vec::new();
        for (line, range) in wanted {
            match merged.last_mut() {
                Some((last_line, last)) if *last_line == line && range.start <= last.end => {
                    last.end = last.end.max(range.end);
                }
                _ => merged.push((line, range)),
            }
        }
        let mut shown_text = String::new();
        let mut parts = Vec::new();
        for (line_index, range) in merged {
            if !shown_text.is_empty() {
                shown_text.push('\n');
            }
            let line = source.line_range(line_index).unwrap_or(range.clone());
            let begin = shown_text.len();
            if range.start > line.start {
                shown_text.push_str(CUT);
            }
            let shown_from = shown_text.len();
            shown_text.push_str(&text[range.clone()]);
            if range.end < line.end {
                shown_text.push_str(CUT);
            }
            parts.push(Part {
                shown: begin..shown_text.len(),
                shown_from,
                source: range,
                line_index,
            });
        }
        Excerpt {
            sources,
            file,
            text: shown_text,
            parts,
        }
    }

    /// Where a label's range is in the excerpt: within the part that holds its start, cut at
    /// the part's end.
    fn shown(&self, label: &Range<usize>) -> Range<usize> {
        let Some(part) = self
            .parts
            .iter()
            .find(|part| part.source.start <= label.start && label.start <= part.source.end)
        else {
            return 0..0;
        };
        let start = part.shown_from + (label.start - part.source.start);
        let end = part.shown_from + (label.end.min(part.source.end) - part.source.start);
        let end = ceil_char_boundary(&self.text, end.max(start));
        start..end
    }

    fn part(&self, index: usize) -> Result<&Part, files::Error> {
        self.parts.get(index).ok_or(files::Error::LineTooLarge {
            given: index,
            max: self.parts.len().saturating_sub(1),
        })
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

impl<'a> Files<'a> for Excerpts<'_> {
    type FileId = usize;
    type Name = Cow<'a, str>;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<Cow<'a, str>, files::Error> {
        let excerpt = self.get(id)?;
        Ok(printable(&excerpt.sources.get(excerpt.file).display_path))
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let excerpt = self.get(id)?;
        Ok(excerpt
            .parts
            .partition_point(|part| part.shown.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, files::Error> {
        let excerpt = self.get(id)?;
        Ok(excerpt.part(line_index)?.line_index + 1)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let excerpt = self.get(id)?;
        let part = excerpt.part(line_index)?;
        let source_byte = part.source.start + byte_index.saturating_sub(part.shown_from);
        let source = excerpt.sources.get(excerpt.file);
        Ok(source.line_column(source_byte.min(part.source.end)).column)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let excerpt = self.get(id)?;
        Ok(excerpt.part(line_index)?.shown.clone())
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use codespan_reporting::term::{self, Config, termcolor::NoColor};

    use super::*;
    use crate::source::SourceFile;

    /// Renders a diagnostic with one label per `(needle, message)` on `text`, through excerpts.
    fn render(text: &str, labels: &[(&str, &str)]) -> String {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(PathBuf::from("t.json"), text.to_owned()));
        let labels = labels.iter().map(|(needle, message)| {
            let start = text.find(needle).expect("the needle is in the text");
            Label::primary(file, start..start + needle.len()).with_message(*message)
        });
        let diagnostic = Diagnostic::error()
            .with_message("m")
            .with_labels_iter(labels);
        assert!(has_long_line(&sources, &diagnostic));
        let (excerpts, diagnostic) = Excerpts::of(&sources, &diagnostic);
        let mut out = NoColor::new(Vec::new());
        term::emit_to_write_style(&mut out, &Config::default(), &excerpts, &diagnostic)
            .expect("rendered");
        String::from_utf8(out.into_inner()).expect("UTF-8")
    }

    #[test]
    fn columns_count_characters_before_the_cut() {
        let text = format!("{}\"target\"{}\n", "é".repeat(300), "x".repeat(300));
        let shown = render(&text, &[("\"target\"", "here")]);
        // 300 two-byte characters: the label starts at column 301, byte 601.
        assert!(shown.contains("t.json:1:301"), "{shown}");
        assert!(
            shown.contains(&format!("…{}\"target\"{}…", "é".repeat(30), "x".repeat(60))),
            "{shown}"
        );
    }

    #[test]
    fn a_label_at_the_end_of_a_long_line_and_one_on_the_next() {
        let text = format!("{}end\nnext line\n", "y".repeat(400));
        let shown = render(&text, &[("end", "last"), ("next", "second")]);
        assert!(
            shown.contains(&format!("1 │ …{}end\n", "y".repeat(60))),
            "{shown}"
        );
        assert!(shown.contains("2 │ next line"), "{shown}");
    }

    #[test]
    fn a_label_running_past_its_long_line_is_cut_at_the_line_end() {
        let text = format!("{}start{}\nrest\n", "z".repeat(300), "w".repeat(300));
        let long_label = format!("start{}\nrest", "w".repeat(300));
        let shown = render(&text, &[(&long_label, "long")]);
        assert!(shown.contains("t.json:1:301"), "{shown}");
        assert!(!shown.contains(&"w".repeat(200)), "{shown}");
    }
}
