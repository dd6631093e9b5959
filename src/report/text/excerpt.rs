//! Source lines that cannot be printed as they are, shown through an excerpt of the file: a long
//! line cut down to the parts around a diagnostic's labels, a line's control characters escaped,
//! and credentials masked.
//!
//! A minified template is one line of up to 2 MiB: shown whole, every finding on it would print
//! all of it (thousands of findings, gigabytes of output). A line may hold ESC, BEL, a lone CR or
//! a line separator (in a comment, in a string of a format that allows them): printed raw, they
//! run terminal escape sequences and start lines of their own in a CI log. A line may hold a
//! credential, which the report must not copy further.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::Config;

use crate::printable::{needs_escape, printable, push_printable};
use crate::source::{FileId, SourceFile, Sources, Span};

/// Lines up to this many bytes are shown whole.
pub const LONGEST_SHOWN_LINE: usize = 240;

/// How much of a cut line is shown on each side of a label, in bytes.
const CONTEXT: usize = 60;

/// How much of a label on a cut line is shown, in bytes: the rest of it is cut too.
const LONGEST_SHOWN_LABEL: usize = 120;

const CUT: &str = "…";

/// What a masked character is shown as.
const MASK: char = '*';

/// Whether any line codespan shows for the diagnostic cannot be printed as it is: too long,
/// holding a character to escape, or a credential.
pub fn needs_excerpt(
    sources: &Sources,
    masked: &[Span],
    config: &Config,
    diagnostic: &Diagnostic<FileId>,
) -> bool {
    let mut shown: Vec<(FileId, usize)> = diagnostic
        .labels
        .iter()
        .flat_map(|label| {
            let file = sources.get(label.file_id);
            let first = file.line_index(label.range.start);
            let last = file.line_index(label.range.end);
            shown_lines(config, first, last).map(|line| (label.file_id, line))
        })
        .collect();
    shown.sort_unstable();
    shown.dedup();
    // codespan also shows the one line between two lines it shows.
    let between: Vec<(FileId, usize)> = shown
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0 && pair[1].1 == pair[0].1 + 2)
        .map(|pair| (pair[0].0, pair[0].1 + 1))
        .collect();
    shown.iter().chain(&between).any(|&(id, line)| {
        let file = sources.get(id);
        file.line_range(line)
            .is_some_and(|line| !is_plain(file, masked_in(masked, id, &line), &line))
    })
}

/// The lines codespan shows of a label from line `first` to line `last`: over several lines,
/// those up to `config.start_context_lines` after the first and `config.end_context_lines`
/// before the last, the lines between them being a break. (The report asks for no lines around
/// labels, `before_label_lines` and `after_label_lines`.)
fn shown_lines(config: &Config, first: usize, last: usize) -> impl Iterator<Item = usize> + Clone {
    let start_context = first..=last.min(first + config.start_context_lines);
    let end_context = last.saturating_sub(config.end_context_lines).max(first)..=last;
    start_context.chain(end_context)
}

/// Whether a line can be printed as it is: short, with no character to escape (a tab codespan
/// expands itself) and no credential.
fn is_plain(file: &SourceFile, masks: &[Span], line: &Range<usize>) -> bool {
    line.len() <= LONGEST_SHOWN_LINE
        && !file.text[line.clone()].contains(|c| c != '\t' && needs_escape(c))
        && !masks.iter().any(|mask| mask.end > line.start)
}

/// The masked spans of a file that may overlap `range`: those starting before its end (the
/// caller checks where each ends).
fn masked_in<'m>(masked: &'m [Span], file: FileId, range: &Range<usize>) -> &'m [Span] {
    let from = masked.partition_point(|span| span.file < file);
    let to = masked.partition_point(|span| (span.file, span.start) < (file, range.end));
    &masked[from..to.max(from)]
}

/// The excerpts of one diagnostic's files, by the index [`Excerpts::of`] gave their labels.
pub struct Excerpts<'a>(Vec<Excerpt<'a>>);

/// The parts of a file's lines that one diagnostic shows, as codespan reads them: each part a
/// line of its own, numbered and with columns as in the file.
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
    /// Its characters shown as text of another length (escapes, masks of multi-byte
    /// characters), in order: past each, offsets of the file and of the excerpt differ by
    /// another amount.
    shifts: Vec<Shift>,
}

/// A character of the file, and the text that shows it.
struct Shift {
    shown: Range<usize>,
    source: Range<usize>,
}

/// How a label is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// On one line of the excerpt, cut at the end of its first part.
    OnePart,
    /// Over the lines it covers, as codespan shows a label over several lines: those it shows
    /// are all short.
    Lines,
}

impl<'a> Excerpts<'a> {
    /// The diagnostic with its labels moved into excerpts of their files, one per file, for
    /// codespan to show with `config`.
    pub fn of(
        sources: &'a Sources,
        masked: &[Span],
        config: &Config,
        diagnostic: &Diagnostic<FileId>,
    ) -> (Excerpts<'a>, Diagnostic<usize>) {
        let mut files: Vec<FileId> = diagnostic.labels.iter().map(|l| l.file_id).collect();
        files.sort();
        files.dedup();
        let mut shown = vec![0..0; diagnostic.labels.len()];
        let excerpts: Vec<Excerpt> = files
            .iter()
            .map(|&file| {
                let (indices, ranges): (Vec<usize>, Vec<Range<usize>>) = diagnostic
                    .labels
                    .iter()
                    .enumerate()
                    .filter(|(_, label)| label.file_id == file)
                    .map(|(index, label)| (index, label.range.clone()))
                    .unzip();
                let (excerpt, ranges) = Excerpt::new(sources, masked, config, file, &ranges);
                for (index, range) in indices.into_iter().zip(ranges) {
                    shown[index] = range;
                }
                excerpt
            })
            .collect();
        let labels = diagnostic
            .labels
            .iter()
            .zip(shown)
            .map(|(label, range)| {
                let index = files.binary_search(&label.file_id).unwrap_or_default();
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
    /// The excerpt of a file for the labels on it, and where each label is in the excerpt.
    fn new(
        sources: &'a Sources,
        masked: &[Span],
        config: &Config,
        file: FileId,
        labels: &[Range<usize>],
    ) -> (Self, Vec<Range<usize>>) {
        let source = sources.get(file);
        let text = &source.text;
        let whole_line = |line_index: usize| {
            source
                .line_range(line_index)
                .filter(|line| line.len() <= LONGEST_SHOWN_LINE)
        };
        let mut layouts = Vec::with_capacity(labels.len());
        let mut wanted: Vec<(usize, Range<usize>)> = Vec::new();
        for label in labels {
            let first = source.line_index(label.start);
            let last = source.line_index(label.end);
            let lines = shown_lines(config, first, last);
            if first < last && lines.clone().all(|line| whole_line(line).is_some()) {
                layouts.push(Layout::Lines);
                wanted.extend(lines.filter_map(|line| Some((line, whole_line(line)?))));
                continue;
            }
            layouts.push(Layout::OnePart);
            let line = source.line_range(first).unwrap_or(label.start..label.start);
            wanted.push((first, around(text, &line, label)));
        }
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
        let mut excerpt = Excerpt {
            sources,
            file,
            text: String::new(),
            parts: Vec::new(),
        };
        let mut previous: Option<usize> = None;
        for (line_index, range) in merged {
            // codespan shows the one line between two lines it shows, and a break for more;
            // it counts lines by their index, which here is the index of a part.
            match previous.map(|previous| line_index - previous) {
                Some(2) => {
                    let between = line_index - 1;
                    let line = source
                        .line_range(between)
                        .unwrap_or(range.start..range.start);
                    let start = line.start;
                    excerpt.push(masked, between, around(text, &line, &(start..start)));
                }
                Some(gap) if gap > 2 => {
                    excerpt.push_filler(line_index - gap + 1);
                    excerpt.push_filler(line_index - 1);
                }
                _ => {}
            }
            previous = Some(line_index);
            excerpt.push(masked, line_index, range);
        }
        let shown = labels
            .iter()
            .zip(layouts)
            .map(|(label, layout)| excerpt.shown(label, layout))
            .collect();
        (excerpt, shown)
    }

    /// Adds a part of a line of the file: its characters to escape escaped, its masked ones
    /// masked, and cut marks where it is not the whole line.
    fn push(&mut self, masked: &[Span], line_index: usize, range: Range<usize>) {
        let source = self.sources.get(self.file);
        let text = &source.text;
        let line = source.line_range(line_index).unwrap_or(range.clone());
        if !self.parts.is_empty() {
            self.text.push('\n');
        }
        let begin = self.text.len();
        if range.start > line.start {
            self.text.push_str(CUT);
        }
        let shown_from = self.text.len();
        let masks = masked_in(masked, self.file, &range);
        let is_masked = |at: usize| masks.iter().any(|mask| mask.start <= at && at < mask.end);
        let mut shifts = Vec::new();
        for (offset, c) in text[range.clone()].char_indices() {
            let at = range.start + offset;
            let shown_start = self.text.len();
            if is_masked(at) {
                self.text.push(MASK);
            } else if c == '\t' {
                // codespan expands tabs to its tab stops.
                self.text.push(c);
            } else {
                push_printable(&mut self.text, c);
            }
            if self.text.len() - shown_start != c.len_utf8() {
                shifts.push(Shift {
                    shown: shown_start..self.text.len(),
                    source: at..at + c.len_utf8(),
                });
            }
        }
        if range.end < line.end {
            self.text.push_str(CUT);
        }
        self.parts.push(Part {
            shown: begin..self.text.len(),
            shown_from,
            source: range,
            line_index,
            shifts,
        });
    }

    /// Adds an empty line standing for lines not shown, so that codespan sees a gap where the
    /// file has one and shows a break.
    fn push_filler(&mut self, line_index: usize) {
        let source = self.sources.get(self.file);
        let start = source
            .line_starts()
            .get(line_index)
            .copied()
            .unwrap_or_default();
        if !self.parts.is_empty() {
            self.text.push('\n');
        }
        let at = self.text.len();
        self.parts.push(Part {
            shown: at..at,
            shown_from: at,
            source: start..start,
            line_index,
            shifts: Vec::new(),
        });
    }

    /// Where a label's range is in the excerpt: within the part that holds its start, and with
    /// its end in its own part when it is laid out over lines, or cut at its start part's end.
    fn shown(&self, label: &Range<usize>, layout: Layout) -> Range<usize> {
        let Some(start_part) = self.part_holding(label.start) else {
            return 0..0;
        };
        let start = start_part.shown_at(label.start);
        let end = match self.part_holding(label.end) {
            Some(end_part) if layout == Layout::Lines => end_part.shown_at(label.end),
            _ => start_part.shown_at(label.end.min(start_part.source.end)),
        };
        start..ceil_char_boundary(&self.text, end.max(start))
    }

    fn part_holding(&self, source: usize) -> Option<&Part> {
        let index = self
            .parts
            .partition_point(|part| part.source.start <= source)
            .checked_sub(1)?;
        let part = &self.parts[index];
        (source <= part.source.end).then_some(part)
    }

    fn part(&self, index: usize) -> Result<&Part, files::Error> {
        self.parts.get(index).ok_or(files::Error::LineTooLarge {
            given: index,
            max: self.parts.len().saturating_sub(1),
        })
    }
}

impl Part {
    /// Where an offset of the file within a part is shown: a character shown as an escape or
    /// a mask starts where its text starts.
    fn shown_at(&self, source: usize) -> usize {
        let before = self
            .shifts
            .partition_point(|shift| shift.source.start <= source);
        match before.checked_sub(1).map(|index| &self.shifts[index]) {
            Some(shift) if source < shift.source.end => shift.shown.start,
            Some(shift) => shift.shown.end + (source - shift.source.end),
            None => self.shown_from + (source - self.source.start),
        }
    }

    /// The offset of the file an offset of a part's text shows: the start of the character
    /// whose escape or mask it is in, and the part's start in a leading cut mark.
    fn source_at(&self, shown: usize) -> usize {
        let shown = shown.max(self.shown_from);
        let before = self
            .shifts
            .partition_point(|shift| shift.shown.start <= shown);
        let source = match before.checked_sub(1).map(|index| &self.shifts[index]) {
            Some(shift) if shown < shift.shown.end => shift.source.start,
            Some(shift) => shift.source.end + (shown - shift.shown.end),
            None => self.source.start + (shown - self.shown_from),
        };
        source.min(self.source.end)
    }
}

/// The part of a line shown for a label: the whole line when it is short, else the label (up to
/// a length) with some context on each side.
fn around(text: &str, line: &Range<usize>, label: &Range<usize>) -> Range<usize> {
    if line.len() <= LONGEST_SHOWN_LINE {
        return line.clone();
    }
    let end = label
        .end
        .min(line.end)
        .min(label.start + LONGEST_SHOWN_LABEL);
    let start = floor_char_boundary(text, label.start.saturating_sub(CONTEXT).max(line.start));
    let end = ceil_char_boundary(text, (end + CONTEXT).min(line.end));
    start..end
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
        let source = excerpt.sources.get(excerpt.file);
        Ok(source.line_column(part.source_at(byte_index)).column)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let excerpt = self.get(id)?;
        Ok(excerpt.part(line_index)?.shown.clone())
    }
}
#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use codespan_reporting::term::{self, termcolor::NoColor};

    use super::*;
    use crate::source::SourceFile;

    /// A file holding `text`, and a diagnostic with one label per `(needle, message)` on it.
    fn diagnostic(text: &str, labels: &[(&str, &str)]) -> (Sources, Diagnostic<FileId>) {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(PathBuf::from("t.json"), text.to_owned()));
        let labels = labels.iter().map(|(needle, message)| {
            let start = text.find(needle).expect("the needle is in the text");
            Label::primary(file, start..start + needle.len()).with_message(*message)
        });
        let diagnostic = Diagnostic::error()
            .with_message("m")
            .with_labels_iter(labels);
        (sources, diagnostic)
    }

    /// The spans of `needles` in the first file.
    fn spans(sources: &Sources, needles: &[&str]) -> Vec<Span> {
        let text = &sources.get(FileId(0)).text;
        needles
            .iter()
            .map(|needle| {
                let start = text.find(needle).expect("the needle is in the text");
                Span::new(FileId(0), start, start + needle.len())
            })
            .collect()
    }

    fn emit<'f, F: Files<'f>>(files: &'f F, diagnostic: &Diagnostic<F::FileId>) -> String {
        let mut out = NoColor::new(Vec::new());
        term::emit_to_write_style(&mut out, &Config::default(), files, diagnostic)
            .expect("rendered");
        String::from_utf8(out.into_inner()).expect("UTF-8")
    }

    /// Renders the diagnostic through excerpts, `masked` masked.
    fn render_masked(text: &str, labels: &[(&str, &str)], masked: &[&str]) -> String {
        let (sources, diagnostic) = diagnostic(text, labels);
        let masked = spans(&sources, masked);
        assert!(needs_excerpt(
            &sources,
            &masked,
            &Config::default(),
            &diagnostic
        ));
        let (excerpts, diagnostic) =
            Excerpts::of(&sources, &masked, &Config::default(), &diagnostic);
        emit(&excerpts, &diagnostic)
    }

    fn render(text: &str, labels: &[(&str, &str)]) -> String {
        render_masked(text, labels, &[])
    }

    /// The diagnostic as codespan shows it from the file, and through excerpts.
    fn both_ways(text: &str, labels: &[(&str, &str)]) -> (String, String) {
        let (sources, diagnostic) = diagnostic(text, labels);
        let (excerpts, moved) = Excerpts::of(&sources, &[], &Config::default(), &diagnostic);
        (emit(&sources, &diagnostic), emit(&excerpts, &moved))
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

    #[test]
    fn controls_in_a_line_are_escaped_under_the_file_s_columns() {
        let text = "a: \"\u{1b}]52;c;aGk=\u{7}\r::x\u{2028}\" target # \u{202e}\n";
        let shown = render(text, &[("target", "here")]);
        assert!(!shown.contains(|c| c != '\n' && needs_escape(c)), "{shown}");
        // `target` is the 24th character of the line.
        assert!(shown.contains("t.json:1:24"), "{shown}");
        let line = "a: \"\\u{1b}]52;c;aGk=\\u{7}\\r::x\\u{2028}\" target # \\u{202e}";
        let carets = " ".repeat(line.find("target").unwrap_or_default());
        assert!(
            shown.contains(&format!("1 │ {line}\n  │ {carets}^^^^^^ here\n")),
            "{shown}"
        );
    }

    #[test]
    fn a_label_starting_on_a_control_starts_on_its_escape() {
        let text = "k: \u{1b}[2J then\n";
        let shown = render(text, &[("\u{1b}[2J", "clears the screen")]);
        assert!(shown.contains("t.json:1:4"), "{shown}");
        assert!(
            shown.contains("1 │ k: \\u{1b}[2J then\n  │    ^^^^^^^^^ clears the screen"),
            "{shown}"
        );
    }

    #[test]
    fn masked_characters_are_stars() {
        let text = "Tags: [{Key: k, Value: AKIAIOSFODNN7EXAMPLE}, {Key: é, Value: sécret}]\n";
        let shown = render_masked(
            text,
            &[("Key: é", "here")],
            &["AKIAIOSFODNN7EXAMPLE", "sécret"],
        );
        assert!(
            !shown.contains("AKIA") && !shown.contains("cret"),
            "{shown}"
        );
        assert!(
            shown.contains("Value: ********************}, {Key: é, Value: ******}]"),
            "{shown}"
        );
        // The two bytes of `é` are one star: columns after it are still the file's.
        assert!(shown.contains("t.json:1:48"), "{shown}");
    }

    #[test]
    fn masks_hold_on_cut_lines() {
        let text = format!(
            "{}Value: AKIAIOSFODNN7EXAMPLE, other{}\n",
            "y".repeat(300),
            "y".repeat(300)
        );
        let shown = render_masked(&text, &[("other", "here")], &["AKIAIOSFODNN7EXAMPLE"]);
        assert!(
            shown.contains("Value: ********************, other"),
            "{shown}"
        );
    }

    #[test]
    fn labels_over_short_lines_are_shown_as_codespan_shows_them() {
        let text: String = (1..=14).map(|n| format!("line {n}: value {n}\n")).collect();
        for labels in [
            // Over 3 lines, 5 lines (one between the contexts) and 9 (a break).
            &[("line 2: value 2\nline 3: value 3\nline 4", "three")][..],
            &[(
                "value 2\nline 3: value 3\nline 4: value 4\nline 5: value 5\nline 6: value 6\nline 7",
                "six",
            )],
            &[
                (
                    "2: value 2\nline 3: value 3\nline 4: value 4\nline 5: value 5\nline 6: value 6\nline 7: value 7\nline 8: value 8\nline 9: value 9\nline 10",
                    "nine",
                ),
                ("value 12", "after"),
            ],
            // Single lines one apart (the line between is shown) and far apart (a break).
            &[
                ("value 1\n", "first"),
                ("value 3", "third"),
                ("value 9", "ninth"),
            ],
        ] {
            let (from_file, from_excerpt) = both_ways(&text, labels);
            assert_eq!(from_excerpt, from_file);
        }
    }

    #[test]
    fn a_label_over_lines_with_a_credential_is_shown_as_codespan_shows_it_masked() {
        let long = "x".repeat(300);
        let text = format!("start\nkey: SECRET\n2\n3\n4\n{long}\n6\n7\nend\n");
        let labels = [(&text[..text.len() - 1], "the set")];
        let (sources, diagnostic) = diagnostic(&text, &labels);
        let from_file = emit(&sources, &diagnostic);
        let shown = render_masked(&text, &labels, &["SECRET"]);
        assert_eq!(shown, from_file.replace("SECRET", "******"));
    }

    #[test]
    fn lines_that_print_as_they_are_need_no_excerpt() {
        let cases = [
            ("a: b\r\n\tc: \"d\"\r\n", &["c"][..], &[][..], false),
            ("a: b\n\u{1b}\nc\n", &["a"], &[], false),
            ("a: b\n\u{1b}\nc\n", &["a", "c"], &[], true),
            ("a: \u{7}b\n", &["a"], &[], true),
            ("a: b\rc\n", &["a"], &[], true),
            ("a: b\n", &["a"], &["b"], true),
            ("a: b\nc: d\n", &["a"], &["d"], false),
            // Lines 5 and 6 of the label are a break.
            (
                "a\nb\nc\nd\n\u{1b}\ne\nf\ng\n",
                &["a\nb\nc\nd\n\u{1b}\ne\nf\ng"],
                &[],
                false,
            ),
            ("a\nb\nc\nd\n\u{1b}\ne\nf\ng\n", &["a\nb\nc"], &[], false),
            (
                "a\nb\nc\nd\n\u{1b}\ne\nf\ng\n",
                &["a\nb\nc\nd\n\u{1b}"],
                &[],
                true,
            ),
        ];
        for (text, needles, masked, expected) in cases {
            let labels: Vec<(&str, &str)> = needles.iter().map(|needle| (*needle, "")).collect();
            let (sources, diagnostic) = diagnostic(text, &labels);
            let masked = spans(&sources, masked);
            let needs = needs_excerpt(&sources, &masked, &Config::default(), &diagnostic);
            assert_eq!(needs, expected, "{text:?}");
        }
    }
}
