//! `--fix` and `--diff`: the mechanical fixes findings carry ([`Fix`]), made in the files of the
//! working tree or shown as a unified diff.
//!
//! A run lints, makes the fixes in memory, and lints the fixed texts again (they stand in for the
//! files, as an editor's unsaved buffers do: [`Options::overlay`]), until no fix is left or
//! [`MAX_PASSES`] passes are made: a fix that overlapped another is made in the next pass, if
//! its finding is still there, so that fixing twice changes nothing the second time. The
//! findings reported are those of the fixed texts.
//!
//! A fix is made only where it is certain. Its span must lie in the text as irlint read it
//! (within a file: the pipeline has dropped the fixes of strings the source does not spell out
//! as they are, [`Fix::settle`]); of fixes that overlap in one file, the first (by position) is
//! made and the others wait; and a file is written only if it still holds, byte for byte, what
//! irlint read. Only files of the working tree below the paths linted are written (never a
//! file of a base revision, nor a `--var-file`), each replaced whole, with its permissions, its
//! byte order mark and every byte no fix touches (line endings, the last line's end) as they
//! were.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::finding::Fix;
use crate::lint::{self, Options};
use crate::outcome::Outcome;
use crate::printable::push_printable;
use crate::replace::Replacement;
use crate::source::{FileId, SourceFile, display_path};

/// How many times a run lints and fixes at most: fixes that keep undoing one another (a rule's
/// bug) end there.
pub const MAX_PASSES: usize = 8;

/// The UTF-8 byte order mark, which the pipeline leaves out of a file's text.
const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// What fixing the linted paths does or would do.
#[derive(Debug)]
pub struct Fixes {
    /// What the run finds once the fixes are made: the findings that remain.
    pub outcome: Outcome,
    /// The files the fixes change, in the order of their displayed paths.
    pub files: Vec<FixedFile>,
    /// The files whose fixes were not written, and why; their findings remain.
    pub not_written: Vec<NotWritten>,
}

/// One file's text before and after its fixes.
#[derive(Debug)]
pub struct FixedFile {
    pub path: PathBuf,
    pub display_path: String,
    /// The text as irlint read it, without a byte order mark.
    pub before: String,
    pub after: String,
    /// How many findings the fixes fix.
    pub findings: usize,
}

/// A file whose fixes were not written.
#[derive(Debug, thiserror::Error)]
#[error("{display_path} is not fixed: {why}")]
pub struct NotWritten {
    pub display_path: String,
    pub why: WriteError,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("it changed since irlint read it")]
    Changed,
    #[error("it is a symbolic link, which irlint never writes through")]
    SymbolicLink,
    #[error("it is not a regular file")]
    NotAFile,
    #[error("it is read-only")]
    ReadOnly,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Lints the paths and makes every fix that can be made, in memory: nothing is written.
pub fn prepare(paths: &[PathBuf], options: &Options) -> Result<Fixes, lint::Error> {
    let scope = Scope::new(paths, options);
    let mut outcome = lint::run(paths, options)?;
    let mut fixing = options.clone();
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let fixed = fix_texts(&outcome, &scope);
        if fixed.is_empty() {
            break;
        }
        for file in fixed {
            fixing.overlay.insert(file.path.clone(), file.after.clone());
            match files.get_mut(&file.path) {
                // The file was fixed in an earlier pass: it is still what it was before that.
                Some(known) => {
                    known.after = file.after;
                    known.findings += file.findings;
                }
                None => {
                    files.insert(file.path.clone(), file);
                }
            }
        }
        outcome = lint::run(paths, &fixing)?;
    }
    let mut files: Vec<FixedFile> = (files.into_values())
        .filter(|file| file.before != file.after)
        .collect();
    files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    Ok(Fixes {
        outcome,
        files,
        not_written: Vec::new(),
    })
}

impl Fixes {
    /// Writes each fixed file that still holds what irlint read. When one is not written, the
    /// paths are linted again, so that the outcome is what the files now hold.
    pub fn write(mut self, paths: &[PathBuf], options: &Options) -> Result<Fixes, lint::Error> {
        let mut written = Vec::with_capacity(self.files.len());
        for file in self.files {
            match write_file(&file) {
                Ok(()) => written.push(file),
                Err(why) => self.not_written.push(NotWritten {
                    display_path: file.display_path,
                    why,
                }),
            }
        }
        self.files = written;
        if !self.not_written.is_empty() {
            self.outcome = lint::run(paths, options)?;
        }
        Ok(self)
    }

    /// How many findings the fixes fix.
    pub fn fixed(&self) -> usize {
        self.files.iter().map(|file| file.findings).sum()
    }

    /// What `--fix` did, in one line: `Fixed 3 problems; 2 remaining.`
    pub fn summary(&self) -> String {
        let remaining = self.outcome.findings.len();
        match self.fixed() {
            0 => format!("Nothing to fix; {} remaining.", problems(remaining)),
            fixed => format!("Fixed {}; {remaining} remaining.", problems(fixed)),
        }
    }

    /// What `--diff` shows, in one line: `Would fix 3 problems.`
    pub fn preview_summary(&self) -> String {
        match self.fixed() {
            0 => "Nothing to fix.".to_owned(),
            fixed => format!("Would fix {}.", problems(fixed)),
        }
    }

    /// The fixes as a unified diff, each file's headers naming it as reports do
    /// (`--- a/infra/main.tf`, `+++ b/infra/main.tf`), with three lines of context.
    ///
    /// The file's text is escaped as reports escape it ([`crate::printable`]) but for tabs and
    /// line ends, so that a line a pull request wrote cannot drive a terminal or a CI log; every
    /// other line applies with `git apply` and `patch` as it is.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            let path = escaped(&file.display_path);
            out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
            let diff = similar::TextDiff::from_lines(&file.before, &file.after);
            for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
                out.push_str(&format!("{}\n", hunk.header()));
                for change in hunk.iter_changes() {
                    push_line(&mut out, &change.tag().to_string(), change.value());
                    if change.missing_newline() {
                        out.push_str("\n\\ No newline at end of file\n");
                    }
                }
            }
        }
        out
    }
}

fn problems(count: usize) -> String {
    match count {
        1 => "1 problem".to_owned(),
        count => format!("{count} problems"),
    }
}

/// Appends a line of a diff after its tag (` `, `-`, `+`), its line end as it is and the rest
/// escaped but for tabs. GitHub Actions reads a log line that starts with `::` once its leading
/// blanks are trimmed as a workflow command: a context line ` ::error::…` of a pull request's
/// file would be one, so its first colon is escaped (that line no longer applies as it is).
fn push_line(out: &mut String, tag: &str, line: &str) {
    let (text, end) = match line.strip_suffix("\r\n") {
        Some(text) => (text, "\r\n"),
        None => match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        },
    };
    let printed = format!("{tag}{}", escaped(text));
    match printed.trim_start().starts_with("::") {
        true => out.push_str(&printed.replacen(':', "\\u{3a}", 1)),
        false => out.push_str(&printed),
    }
    out.push_str(end);
}

fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            c => push_printable(&mut out, c),
        }
    }
    out
}

/// The files a run may write.
struct Scope {
    /// The linted paths, each resolved.
    linted: Vec<PathBuf>,
    /// The `--var-file`s, resolved: files the command line gives, not files linted.
    variable_files: Vec<PathBuf>,
}

impl Scope {
    fn new(paths: &[PathBuf], options: &Options) -> Scope {
        // A file named through a symbolic link stays the link, which is then not written
        // through, and says so.
        let resolved = |paths: &[PathBuf]| {
            (paths.iter())
                .filter_map(|path| match path.is_dir() {
                    true => path.canonicalize().ok(),
                    false => place_of(path),
                })
                .collect()
        };
        Scope {
            linted: resolved(paths),
            variable_files: resolved(&options.var_files),
        }
    }

    /// Whether a file read may be written: a file of the working tree, at or below a linted
    /// path.
    fn writes(&self, file: &SourceFile) -> bool {
        // A file of a base revision is shown by the revision's name (`origin/main:main.tf`),
        // a file of the working tree by its path.
        if file.display_path != display_path(&file.path) {
            return false;
        }
        let Some(place) = place_of(&file.path) else {
            return false;
        };
        !self.variable_files.contains(&place)
            && self.linted.iter().any(|linted| place.starts_with(linted))
    }
}

/// Where a file that exists is, its directory resolved but not the file itself: a symbolic link
/// is then not taken for the file it leads to.
fn place_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    path.symlink_metadata().ok()?;
    Some(directory.canonicalize().ok()?.join(name))
}

/// One pass: the texts of the files whose fixes can be made, made.
fn fix_texts(outcome: &Outcome, scope: &Scope) -> Vec<FixedFile> {
    let mut by_file: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
    for fix in outcome
        .findings
        .iter()
        .filter_map(|finding| finding.fix.as_ref())
    {
        by_file
            .entry(fix.span.file)
            .or_default()
            .push(Edit::of(fix));
    }
    (by_file.into_iter())
        .filter_map(|(file, edits)| {
            let source = outcome.sources.get(file);
            if !scope.writes(source) {
                return None;
            }
            let edited = apply(&source.text, edits);
            (edited.findings > 0).then(|| FixedFile {
                path: source.path.clone(),
                display_path: source.display_path.clone(),
                before: source.text.clone(),
                after: edited.text,
                findings: edited.findings,
            })
        })
        .collect()
}

/// A fix's edit of its file's text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

impl<'a> Edit<'a> {
    fn of(fix: &'a Fix) -> Edit<'a> {
        Edit {
            start: fix.span.start,
            end: fix.span.end,
            replacement: &fix.replacement,
        }
    }

    fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A text with edits made.
#[derive(Debug, PartialEq, Eq)]
struct Edited {
    text: String,
    /// How many of the edits were made: an edit that two findings carry alike counts twice.
    findings: usize,
}

/// Makes the edits that can be made, in order of position: each that lies in the text, changes
/// it, and overlaps no edit made before it (two insertions at one place overlap: their order
/// would be a guess). The others are left for the next pass.
fn apply(text: &str, mut edits: Vec<Edit>) -> Edited {
    edits.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut last: Option<&Edit> = None;
    let mut findings = 0;
    for edit in &edits {
        if last == Some(edit) {
            findings += 1;
            continue;
        }
        let Some(current) = text.get(edit.range()) else {
            continue;
        };
        let overlaps = last.is_some_and(|last| {
            edit.start < last.end || (edit.start == edit.end && edit.range() == last.range())
        });
        if current == edit.replacement || overlaps {
            continue;
        }
        out.push_str(&text[copied..edit.start]);
        out.push_str(edit.replacement);
        copied = edit.end;
        last = Some(edit);
        findings += 1;
    }
    out.push_str(&text[copied..]);
    Edited {
        text: out,
        findings,
    }
}

/// Replaces a file with its fixed text, if it still holds what irlint read: the text, after a
/// byte order mark or not, which the new file keeps.
fn write_file(file: &FixedFile) -> Result<(), WriteError> {
    let metadata = file.path.symlink_metadata()?;
    if metadata.is_symlink() {
        return Err(WriteError::SymbolicLink);
    }
    if !metadata.is_file() {
        return Err(WriteError::NotAFile);
    }
    let permissions = metadata.permissions();
    if permissions.readonly() {
        return Err(WriteError::ReadOnly);
    }
    // One byte more than the text read with a mark is enough to tell that the file grew.
    let most = BYTE_ORDER_MARK.len() + file.before.len() + 1;
    let mut held = Vec::with_capacity(most);
    std::fs::File::open(&file.path)?
        .take(u64::try_from(most).unwrap_or(u64::MAX))
        .read_to_end(&mut held)?;
    let (mark, text) = match held.strip_prefix(BYTE_ORDER_MARK) {
        Some(text) => (BYTE_ORDER_MARK, text),
        None => (&[][..], &held[..]),
    };
    if text != file.before.as_bytes() {
        return Err(WriteError::Changed);
    }
    let mut replacement = Replacement::beside(&file.path, ".irlint-fix-", Some(permissions))?;
    let writer = replacement.writer();
    writer.write_all(mark)?;
    writer.write_all(file.after.as_bytes())?;
    replacement.persist()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, replacement: &str) -> Edit<'_> {
        Edit {
            start: range.start,
            end: range.end,
            replacement,
        }
    }

    fn edited(text: &str, findings: usize) -> Edited {
        Edited {
            text: text.to_owned(),
            findings,
        }
    }

    #[test]
    fn edits_are_made_in_order_of_position_whatever_their_order() {
        let text = "name = \"us-wset-2\"\nregion = \"eu-wset-1\"\n";
        let at = |needle: &str| {
            let start = text.find(needle).expect("in the text");
            start..start + needle.len()
        };
        let edits = vec![
            edit(at("eu-wset-1"), "eu-west-1"),
            edit(at("us-wset-2"), "us-west-2"),
        ];
        assert_eq!(
            apply(text, edits),
            edited("name = \"us-west-2\"\nregion = \"eu-west-1\"\n", 2)
        );
    }

    #[test]
    fn of_overlapping_edits_the_first_is_made_and_the_rest_wait() {
        let text = "abcdefgh";
        // `1..4` and `2..5` overlap `0..3`, which comes first; `6..8` overlaps none.
        let edits = vec![
            edit(2..5, "X"),
            edit(0..3, "Y"),
            edit(1..4, "Z"),
            edit(6..8, "W"),
        ];
        assert_eq!(apply(text, edits), edited("YdefW", 2));
    }

    #[test]
    fn adjacent_edits_are_both_made() {
        assert_eq!(
            apply("abcd", vec![edit(2..4, "Y"), edit(0..2, "X")]),
            edited("XY", 2)
        );
        // An insertion where an edit ends, or before one that starts there.
        assert_eq!(
            apply("abcd", vec![edit(2..2, "-"), edit(0..2, "X")]),
            edited("X-cd", 2)
        );
        assert_eq!(
            apply("abcd", vec![edit(0..2, "X"), edit(0..0, "-")]),
            edited("-Xcd", 2)
        );
    }

    #[test]
    fn two_insertions_at_one_place_are_not_both_made() {
        assert_eq!(
            apply("ab", vec![edit(1..1, "Y"), edit(1..1, "X")]),
            edited("aXb", 1)
        );
    }

    #[test]
    fn one_edit_that_two_findings_carry_is_made_once_and_counts_twice() {
        assert_eq!(
            apply(
                "us-wset-2",
                vec![edit(0..9, "us-west-2"), edit(0..9, "us-west-2")]
            ),
            edited("us-west-2", 2)
        );
    }

    #[test]
    fn edits_outside_the_text_or_that_change_nothing_are_not_made() {
        let text = "é = 1";
        let edits = vec![
            // Inside `é`, which is two bytes.
            edit(1..2, "e"),
            edit(4..9, "2"),
            edit(5..6, "1"),
        ];
        assert_eq!(apply(text, edits), edited(text, 0));
    }

    #[test]
    fn line_ends_and_the_missing_last_one_are_kept() {
        let text = "a: us-wset-2\r\nb: x";
        assert_eq!(
            apply(text, vec![edit(3..12, "us-west-2"), edit(17..18, "y")]),
            edited("a: us-west-2\r\nb: y", 2)
        );
    }

    #[test]
    fn diff_lines_are_escaped_but_for_tabs_and_line_ends() {
        let mut out = String::new();
        push_line(&mut out, "", "\tname = \"\u{1b}]52;c;x\u{7}\"\r\n");
        assert_eq!(out, "\tname = \"\\u{1b}]52;c;x\\u{7}\"\r\n");
        let mut out = String::new();
        push_line(&mut out, "", "a\rb");
        assert_eq!(out, "a\\rb");
    }

    #[test]
    fn a_diff_line_is_never_a_workflow_command() {
        for (tag, line) in [
            (" ", "::error::forged\n"),
            (" ", "  ::add-mask::x\n"),
            ("", "::x"),
        ] {
            let mut out = String::new();
            push_line(&mut out, tag, line);
            assert!(!out.trim_start().starts_with("::"), "{out:?}");
            assert!(out.contains("\\u{3a}:"), "{out:?}");
        }
        let mut out = String::new();
        push_line(&mut out, "+", "::error::x\n");
        assert_eq!(
            out, "+::error::x\n",
            "a line after `+` or `-` is no command"
        );
    }

    /// A file fixed in a temporary directory, holding `before`.
    fn fixed_file(directory: &Path, before: &str) -> FixedFile {
        let path = directory.join("main.tf");
        std::fs::write(&path, before).expect("the file is written");
        FixedFile {
            path,
            display_path: "main.tf".to_owned(),
            before: before.to_owned(),
            after: before.replace("wset", "west"),
            findings: 1,
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary directory");
        let file = fixed_file(directory.path(), "name = \"us-wset-2\"\n");
        let mode = std::fs::Permissions::from_mode(0o640);
        std::fs::set_permissions(&file.path, mode).expect("permissions set");
        write_file(&file).expect("written");
        let metadata = std::fs::metadata(&file.path).expect("the file is there");
        assert_eq!(metadata.permissions().mode() & 0o777, 0o640);
        assert_eq!(
            std::fs::read_to_string(&file.path).expect("read"),
            file.after
        );
    }

    #[test]
    fn a_read_only_file_is_not_written() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let file = fixed_file(directory.path(), "name = \"us-wset-2\"\n");
        let mut permissions = std::fs::metadata(&file.path).expect("there").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&file.path, permissions).expect("permissions set");
        assert!(matches!(write_file(&file), Err(WriteError::ReadOnly)));
        assert_eq!(
            std::fs::read_to_string(&file.path).expect("read"),
            file.before
        );
    }

    #[test]
    fn a_file_that_grew_is_not_written() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let file = fixed_file(directory.path(), "name = \"us-wset-2\"\n");
        let grown = format!("{}# more\n", file.before);
        std::fs::write(&file.path, &grown).expect("written");
        assert!(matches!(write_file(&file), Err(WriteError::Changed)));
        assert_eq!(std::fs::read_to_string(&file.path).expect("read"), grown);
    }

    #[test]
    fn only_working_tree_files_at_or_below_the_linted_paths_are_written() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let infra = directory.path().join("infra");
        std::fs::create_dir(&infra).expect("a directory");
        for name in ["main.tf", "prod.tfvars"] {
            std::fs::write(infra.join(name), "").expect("written");
        }
        std::fs::write(directory.path().join("outside.tf"), "").expect("written");
        let options = Options {
            var_files: vec![infra.join("prod.tfvars")],
            ..Options::default()
        };
        let scope = Scope::new(std::slice::from_ref(&infra), &options);
        let file = |path: PathBuf| SourceFile::new(path, String::new());
        assert!(scope.writes(&file(infra.join("main.tf"))));
        let mut at_base = file(infra.join("main.tf"));
        at_base.display_path = format!("HEAD:{}", at_base.display_path);
        assert!(!scope.writes(&at_base), "a file of a base revision");
        assert!(
            !scope.writes(&file(infra.join("prod.tfvars"))),
            "a --var-file"
        );
        assert!(!scope.writes(&file(directory.path().join("outside.tf"))));
        assert!(
            !scope.writes(&file(PathBuf::from("--var"))),
            "the --var values"
        );
    }

    #[test]
    fn summaries_count_problems() {
        let fixes = |findings: &[usize], remaining: usize| {
            let mut outcome = Outcome::default();
            let rule = crate::rules::find("IRL004").expect("a rule").meta();
            let span = crate::source::Span::new(FileId(0), 0, 0);
            outcome.findings = vec![crate::finding::Finding::new(rule, span, "x"); remaining];
            let files = (findings.iter())
                .map(|&findings| FixedFile {
                    path: PathBuf::from("main.tf"),
                    display_path: "main.tf".to_owned(),
                    before: String::new(),
                    after: String::new(),
                    findings,
                })
                .collect();
            Fixes {
                outcome,
                files,
                not_written: Vec::new(),
            }
        };
        assert_eq!(
            fixes(&[2, 1], 2).summary(),
            "Fixed 3 problems; 2 remaining."
        );
        assert_eq!(fixes(&[1], 0).summary(), "Fixed 1 problem; 0 remaining.");
        assert_eq!(
            fixes(&[], 1).summary(),
            "Nothing to fix; 1 problem remaining."
        );
        assert_eq!(fixes(&[1], 0).preview_summary(), "Would fix 1 problem.");
        assert_eq!(fixes(&[], 0).preview_summary(), "Nothing to fix.");
    }
}
