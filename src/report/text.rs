//! rustc-style text diagnostics (codespan-reporting).

mod excerpt;

use std::borrow::Cow;
use std::io::Write;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::termcolor::{Ansi, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::summary::Summary;
use super::{UncheckedNotes, render_in_batches};
use crate::config::Applied;
use crate::finding::Finding;
use crate::input_error::InputError;
use crate::model;
use crate::outcome::Outcome;
use crate::printable::printable;
use crate::rule_meta::Level;
use crate::source::{FileId, SourceFile, Sources};
use excerpt::Excerpts;

/// Writes each finding and input error as a diagnostic with its source snippet (and with
/// [`UncheckedNotes::Show`] each check that could not be made), then a summary.
pub fn render(
    outcome: &Outcome,
    out: &mut dyn Write,
    color: bool,
    unchecked: UncheckedNotes,
) -> std::io::Result<()> {
    render_diagnostics(outcome, out, color, unchecked)?;
    render_summary(outcome, out, color, unchecked)
}

/// The diagnostics of [`render`] alone, without the summary (`--quiet`).
pub fn render_diagnostics(
    outcome: &Outcome,
    out: &mut dyn Write,
    color: bool,
    unchecked: UncheckedNotes,
) -> std::io::Result<()> {
    let findings = outcome.findings.iter().map(finding_diagnostic);
    let notes = (outcome.unchecked.iter())
        .filter(|_| unchecked == UncheckedNotes::Show)
        .map(unchecked_diagnostic);
    let diagnostics = findings
        .chain(outcome.errors.iter().map(error_diagnostic))
        .chain(notes);
    let lay_out = |diagnostic| lay_out(outcome, &diagnostic, color);
    render_in_batches(diagnostics, lay_out, |laid_out| {
        out.write_all(&laid_out.map_err(into_io_error)?)
    })
}

fn render_summary(
    outcome: &Outcome,
    out: &mut dyn Write,
    color: bool,
    unchecked: UncheckedNotes,
) -> std::io::Result<()> {
    let mut out = styled(out, color);
    out.set_color(ColorSpec::new().set_bold(true))?;
    let summary = Summary::of(outcome);
    write!(out, "{}", summary_line(&summary))?;
    out.reset()?;
    writeln!(out)?;
    if let Some(line) = unchecked_line(&summary, unchecked) {
        writeln!(out, "{line}")?;
    }
    for line in configuration_lines(&outcome.configurations) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A writer of text in colour (ANSI escapes) or without.
fn styled<'w>(out: impl Write + 'w, color: bool) -> Box<dyn WriteColor + 'w> {
    match color {
        true => Box::new(Ansi::new(out)),
        false => Box::new(NoColor::new(out)),
    }
}

/// A diagnostic as codespan lays it out, with its source snippet.
fn lay_out(
    outcome: &Outcome,
    diagnostic: &Diagnostic<FileId>,
    color: bool,
) -> Result<Vec<u8>, files::Error> {
    let mut buffer = Vec::new();
    let mut out = styled(&mut buffer, color);
    let (config, sources) = (Config::default(), &outcome.sources);
    if excerpt::needs_excerpt(sources, &outcome.masked, &config, diagnostic) {
        let (excerpts, diagnostic) = Excerpts::of(sources, &outcome.masked, &config, diagnostic);
        term::emit_to_write_style(&mut *out, &config, &excerpts, &diagnostic)?;
    } else {
        term::emit_to_write_style(&mut *out, &config, sources, diagnostic)?;
    }
    drop(out);
    Ok(without_trailing_blanks(&buffer))
}

/// Text with no line ending in a blank: codespan pads the gutter and the lines under a label
/// (`│ `, `│    │   `), and a source line may end in blanks itself. The colour codes after a
/// line's last visible character are kept, so that its colour is still reset.
fn without_trailing_blanks(text: &[u8]) -> Vec<u8> {
    let mut kept = Vec::with_capacity(text.len());
    // The colour codes after the visible text of a line.
    let mut codes_after = Vec::new();
    for (index, line) in text.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            kept.push(b'\n');
        }
        let (mut visible_end, mut at) = (0, 0);
        codes_after.clear();
        while at < line.len() {
            match line[at] {
                b'\x1b' if line.get(at + 1) == Some(&b'[') => {
                    // A control sequence ends with its final byte, `@` to `~` (`m` for colours).
                    let length = line[at + 2..]
                        .iter()
                        .position(|b| (0x40..=0x7e).contains(b))
                        .map_or(line.len() - at, |end| end + 3);
                    codes_after.push(at..at + length);
                    at += length;
                }
                b' ' | b'\t' => at += 1,
                _ => {
                    at += 1;
                    visible_end = at;
                    codes_after.clear();
                }
            }
        }
        kept.extend_from_slice(&line[..visible_end]);
        for code in codes_after.drain(..) {
            kept.extend_from_slice(&line[code]);
        }
    }
    kept
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Note => Severity::Note,
    }
}

/// Every text of a finding is escaped: messages name what the input names.
/// The most related locations a diagnostic shows: a person reads no more, and codespan's cost
/// grows with the square of the labels on a line (1,000 labels of one line took 24 s).
const MAX_SHOWN_RELATED: usize = 16;

fn finding_diagnostic(finding: &Finding) -> Diagnostic<FileId> {
    let primary = Label::primary(finding.span.file, finding.span.start..finding.span.end)
        .with_message(printable(&finding.label));
    let not_shown = finding.related.len().saturating_sub(MAX_SHOWN_RELATED);
    let not_shown = (not_shown > 0).then(|| {
        format!(
            "and {} not shown here (`--format json` lists them)",
            count(not_shown, "related location", "related locations")
        )
    });
    let related = finding
        .related
        .iter()
        .take(MAX_SHOWN_RELATED)
        .map(|related| {
            Label::secondary(related.span.file, related.span.start..related.span.end)
                .with_message(printable(&related.message))
        });
    // A fix is not drawn as a label of its own: its span is the primary's or a related one's,
    // already labelled, and the finding's help says it.
    let help = finding
        .help
        .iter()
        .map(|help| format!("help: {}", printable(help)));
    let see = format!("see: irlint --explain {}", finding.rule.id);
    Diagnostic::new(severity(finding.level))
        .with_code(finding.rule.id)
        .with_message(printable(&finding.message))
        .with_labels_iter(std::iter::once(primary).chain(related))
        .with_notes_iter(
            not_shown
                .into_iter()
                .chain(help)
                .chain(std::iter::once(see)),
        )
}

fn error_diagnostic(error: &InputError) -> Diagnostic<FileId> {
    let message = printable(&error.message);
    match error.span {
        Some(span) => Diagnostic::error()
            .with_message(message)
            .with_label(Label::primary(span.file, span.start..span.end)),
        None if error.path.is_empty() => Diagnostic::error().with_message(message),
        None => Diagnostic::error().with_message(format!("{}: {message}", printable(&error.path))),
    }
}

/// A check that could not be made: what, at the unknown value, and why under it.
fn unchecked_diagnostic(note: &model::Unchecked) -> Diagnostic<FileId> {
    let span = note.span;
    Diagnostic::note()
        .with_code(crate::unchecked::CODE)
        .with_message(printable(&note.what))
        .with_label(
            Label::primary(span.file, span.start..span.end).with_message(printable(&note.reason)),
        )
}

fn into_io_error(error: files::Error) -> std::io::Error {
    match error {
        files::Error::Io(error) => error,
        other => std::io::Error::other(other),
    }
}

/// `1 file`, `2 files`.
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A line per configuration file that applied, with what it switched off: a pull request can add
/// one that leaves everything out, which the summary alone would show as a clean run.
pub(super) fn configuration_lines(configurations: &[Applied]) -> Vec<String> {
    configurations
        .iter()
        .map(|applied| {
            let mut changes = Vec::new();
            if !applied.rules_off.is_empty() {
                changes.push(format!("rules off: {}", applied.rules_off.join(", ")));
            }
            if !applied.rules_off_on_some_paths.is_empty() {
                changes.push(format!(
                    "off on some paths: {}",
                    applied.rules_off_on_some_paths.join(", ")
                ));
            }
            if !applied.levels.is_empty() {
                let levels: Vec<String> = applied
                    .levels
                    .iter()
                    .map(|(rule, level)| format!("{rule} {level}"))
                    .collect();
                changes.push(format!("levels: {}", levels.join(", ")));
            }
            if applied.files_excluded > 0 {
                changes.push(format!(
                    "{} excluded",
                    count(applied.files_excluded, "file", "files")
                ));
            }
            let units = count(applied.units, "unit", "units");
            let path = printable(&applied.path);
            if changes.is_empty() {
                format!("Configuration {path} applied to {units}.")
            } else {
                format!(
                    "Configuration {path} applied to {units}: {}.",
                    changes.join("; ")
                )
            }
        })
        .collect()
}

/// A line under the summary when some checks could not be made: a run that found nothing must
/// not read as a full pass when values it needed were unknown.
pub(super) fn unchecked_line(summary: &Summary, unchecked: UncheckedNotes) -> Option<String> {
    let (checks, them) = match summary.unchecked {
        0 => return None,
        1 => ("1 check".to_owned(), "it"),
        n => (format!("{n} checks"), "them"),
    };
    Some(match unchecked {
        UncheckedNotes::Count => {
            format!("{checks} could not be made; --show-unknown lists {them}.")
        }
        UncheckedNotes::Show => format!("{checks} could not be made: the notes above say why."),
    })
}

pub(super) fn summary_line(summary: &Summary) -> String {
    let files = count(summary.files, "file", "files");
    let sets = count(
        summary.replication_sets,
        "replication set",
        "replication sets",
    );
    let mut line = if summary.findings > 0 {
        let levels = summary.levels;
        let by_level: Vec<String> = [
            (levels.error, "error", "errors"),
            (levels.warning, "warning", "warnings"),
            (levels.note, "note", "notes"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, singular, plural)| count(n, singular, plural))
        .collect();
        format!(
            "Found {} ({}) in {sets} across {files}",
            count(summary.findings, "problem", "problems"),
            by_level.join(", ")
        )
    } else if summary.replication_sets > 0 {
        format!("No problems found in {sets} across {files}")
    } else {
        format!("No replication set found in {files}")
    };
    if summary.suppressed > 0 {
        // Text never shows them, whatever the options: `--include-suppressed` given with text
        // output must not read as ignored.
        let them = if summary.suppressed == 1 {
            "lists it"
        } else {
            "lists them"
        };
        line.push_str(&format!(
            "; {} suppressed (--include-suppressed {them} in JSON and SARIF output only)",
            summary.suppressed
        ));
    }
    if summary.baselined > 0 {
        line.push_str(&format!("; {} in the baseline", summary.baselined));
    }
    if summary.already_at_base > 0 {
        let already = summary.already_at_base;
        line.push_str(&format!("; {already} already at the base revision"));
    }
    if summary.related_left_out > 0 {
        line.push_str(&format!(
            "; {} left out",
            count(
                summary.related_left_out,
                "related location",
                "related locations"
            )
        ));
    }
    if summary.not_named > 0 {
        line.push_str(&format!(
            "; {} in files not named (name their directory to see them)",
            count(summary.not_named, "more problem", "more problems")
        ));
    }
    if summary.failed_files > 0 {
        let failed = count(summary.failed_files, "file", "files");
        line.push_str(&format!("; {failed} could not be read or parsed"));
    }
    line.push('.');
    line
}

/// The file of `id`, or the error codespan expects for a file it cannot find.
fn source_file(sources: &Sources, id: FileId) -> Result<&SourceFile, files::Error> {
    if id.0 < sources.len() {
        Ok(sources.get(id))
    } else {
        Err(files::Error::FileMissing)
    }
}

/// Lets codespan read the run's files, with lines and columns from [`SourceFile`]'s own index.
impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = Cow<'a, str>;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<Cow<'a, str>, files::Error> {
        Ok(printable(&source_file(self, id)?.display_path))
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&source_file(self, id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        Ok(source_file(self, id)?.line_index(byte_index))
    }

    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        Ok(source_file(self, id)?.line_column(byte_index).column)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = source_file(self, id)?;
        file.line_range(line_index)
            .ok_or_else(|| files::Error::LineTooLarge {
                given: line_index,
                max: file.line_starts().len() - 1,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    fn render_to_string(outcome: &Outcome, color: bool) -> String {
        render_notes(outcome, color, UncheckedNotes::Count)
    }

    fn render_notes(outcome: &Outcome, color: bool, unchecked: UncheckedNotes) -> String {
        let mut out = Vec::new();
        render(outcome, &mut out, color, unchecked).expect("rendering into memory succeeds");
        String::from_utf8(out).expect("the report is UTF-8")
    }

    #[test]
    fn findings_errors_and_summary() {
        insta::assert_snapshot!(render_to_string(&sample::outcome(), false));
    }

    /// `--show-unknown`: each check that could not be made is a note at the unknown value, which
    /// says why, after the findings and errors.
    #[test]
    fn unchecked_notes_are_shown_when_asked_for() {
        let shown = render_notes(&sample::outcome(), false, UncheckedNotes::Show);
        let counted = render_to_string(&sample::outcome(), false);
        assert!(!counted.contains("note[unchecked]"), "{counted}");
        insta::assert_snapshot!(shown);
    }

    #[test]
    fn no_line_ends_in_a_blank() {
        use crate::finding::Related;
        use crate::source::Span;

        let mut outcome = sample::outcome();
        // Two labels on one line: codespan draws the first one's `│` on a line of its own, padded
        // as far as the second.
        let key_elsewhere = &mut outcome.findings[1];
        let line_start = key_elsewhere.span.start - "    kms_key_arn = /* clé d'été */ ".len();
        let name = Span::new(key_elsewhere.span.file, line_start + 4, line_start + 15);
        key_elsewhere.related.push(Related {
            span: name,
            message: "the key's argument".to_owned(),
        });
        for color in [false, true] {
            let text = render_notes(&outcome, color, UncheckedNotes::Show);
            if !color {
                let pointer = (text.lines())
                    .find(|line| line.ends_with('│') && line.matches('│').count() == 2);
                assert!(pointer.is_some(), "{text}");
            }
            for line in text.lines() {
                assert!(!line.ends_with([' ', '\t']), "`{line}` in:\n{text}");
            }
        }
        assert_eq!(
            without_trailing_blanks(
                b"  \xe2\x94\x82   \n12 \x1b[34m\xe2\x94\x82\x1b[0m   \x1b[0m \n\n a \t"
            ),
            b"  \xe2\x94\x82\n12 \x1b[34m\xe2\x94\x82\x1b[0m\x1b[0m\n\n a"
        );
    }

    #[test]
    fn colour_is_only_written_when_asked_for() {
        let outcome = sample::outcome();
        assert!(!render_to_string(&outcome, false).contains('\u{1b}'));
        assert!(render_to_string(&outcome, true).contains("\u{1b}["));
    }

    #[test]
    fn a_clean_run_says_what_it_checked() {
        let mut outcome = sample::outcome();
        outcome.findings.clear();
        outcome.errors.clear();
        outcome.suppressed.clear();
        // Not a full pass: a check could not be made.
        assert_eq!(
            render_to_string(&outcome, false),
            "No problems found in 1 replication set across 4 files.\n\
             1 check could not be made; --show-unknown lists it.\n"
        );
        outcome.unchecked.push(outcome.unchecked[0].clone());
        assert_eq!(
            render_notes(&outcome, false, UncheckedNotes::Show)
                .lines()
                .last(),
            Some("2 checks could not be made: the notes above say why.")
        );
        outcome.unchecked.clear();
        assert_eq!(
            render_to_string(&outcome, false),
            "No problems found in 1 replication set across 4 files.\n"
        );
        outcome.units.clear();
        outcome.files_seen = 1;
        assert_eq!(
            render_to_string(&outcome, false),
            "No replication set found in 1 file.\n"
        );
    }

    #[test]
    fn texts_from_the_input_are_escaped() {
        for color in [false, true] {
            let text = render_notes(&sample::hostile_outcome(), color, UncheckedNotes::Show);
            for line in text.split(['\n', '\r', '\u{2028}']) {
                assert!(
                    !line.starts_with("::"),
                    "a forged line `{line}` in:\n{text}"
                );
            }
            assert!(!text.contains('\u{7}'), "{text}");
            assert_eq!(!color, !text.contains('\u{1b}'), "{text}");
            let escaped = printable(sample::HOSTILE);
            // The messages, the help, the label, a related location's, the file name, the
            // errors' and the unchecked note's (a fix is the help's to say).
            assert!(text.matches(&*escaped).count() >= 9, "{text}");
        }
    }

    #[test]
    fn configurations_say_what_they_switched_off() {
        let applied = |path: &str, rules_off: Vec<&'static str>, files_excluded| Applied {
            path: path.to_owned(),
            units: 2,
            files_excluded,
            rules_off,
            rules_off_on_some_paths: vec!["IRL009"],
            levels: [("IRL004", "error")].into(),
        };
        assert_eq!(
            configuration_lines(&[
                applied("irlint.toml", vec!["IRL004", "IRL014"], 3),
                Applied {
                    units: 1,
                    rules_off_on_some_paths: Vec::new(),
                    levels: Default::default(),
                    ..applied("infra/\n::error::x/irlint.toml", Vec::new(), 0)
                }
            ]),
            [
                "Configuration irlint.toml applied to 2 units: rules off: IRL004, IRL014; \
                 off on some paths: IRL009; levels: IRL004 error; 3 files excluded.",
                "Configuration infra/\\n::error::x/irlint.toml applied to 1 unit."
            ]
        );
    }

    #[test]
    fn an_error_without_a_file_is_its_message() {
        let outcome = Outcome {
            errors: vec![InputError {
                path: String::new(),
                span: None,
                message: "cannot walk infra: permission denied".to_owned(),
            }],
            ..Outcome::default()
        };
        insta::assert_snapshot!(render_to_string(&outcome, false));
    }
}
