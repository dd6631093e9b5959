//! Source files and spans.
//!
//! Every value in the model points back into a file by byte range. This module is the one place
//! that turns a byte offset into a line and a column; the reporters and the language server call
//! it, nothing else does.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    /// Whether `inner` lies within this span.
    pub fn contains(self, inner: Span) -> bool {
        inner.file == self.file && self.start <= inner.start && inner.end <= self.end
    }

    /// The smallest span that covers both (they must be in the same file).
    pub fn to(self, other: Span) -> Span {
        debug_assert_eq!(self.file, other.file);
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// A 0-based line and a 0-based column counted in UTF-16 code units: a position as the
/// Language Server Protocol counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utf16Position {
    pub line: usize,
    pub character: usize,
}

/// One file that was read, with its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it: relative to the working directory when possible.
    pub display_path: String,
    pub path: PathBuf,
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// Whether the text is ASCII, where a column is a byte count: a minified template is one
    /// line of up to 2 MiB, whose characters would otherwise be counted for every finding.
    ascii: OnceLock<bool>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        SourceFile {
            display_path: display_path(&path),
            path,
            text,
            line_starts: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// Byte offsets at which each line starts.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// 0-based index of the line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        let starts = self.line_starts();
        match starts.binary_search(&byte) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// The byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let starts = self.line_starts();
        let start = *starts.get(line)?;
        let end = starts.get(line + 1).copied().unwrap_or(self.text.len());
        let text = &self.text.as_bytes()[start..end];
        let trimmed = text
            .strip_suffix(b"\n")
            .map(|t| t.strip_suffix(b"\r").unwrap_or(t))
            .unwrap_or(text);
        Some(start..start + trimmed.len())
    }

    /// The 0-based line of a byte offset and the text of the line before it. An offset inside a
    /// multi-byte character is taken at that character's start.
    fn line_prefix(&self, byte: usize) -> (usize, &str) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_index(byte);
        (line, &self.text[self.line_starts()[line]..byte])
    }

    fn is_ascii(&self) -> bool {
        *self.ascii.get_or_init(|| self.text.is_ascii())
    }

    /// The line and column of a byte offset, both from 1, the column in characters.
    pub fn line_column(&self, byte: usize) -> LineColumn {
        let (line, prefix) = self.line_prefix(byte);
        let characters = if self.is_ascii() {
            prefix.len()
        } else {
            prefix.chars().count()
        };
        LineColumn {
            line: line + 1,
            column: characters + 1,
        }
    }

    /// The LSP position of a byte offset: line and UTF-16 code units, both from 0.
    pub fn utf16_position(&self, byte: usize) -> Utf16Position {
        let (line, prefix) = self.line_prefix(byte);
        let character = if self.is_ascii() {
            prefix.len()
        } else {
            prefix.encode_utf16().count()
        };
        Utf16Position { line, character }
    }

    /// Where the characters of the string `value` are, when the expression at `span` spells it
    /// out as it is: the whole span when it holds exactly `value` (a YAML plain scalar), or its
    /// inside when it holds `value` between two of the same quote (`"…"`, `'…'`, `` `…` ``) or
    /// in a C# verbatim string (`@"…"`). `None` for any other spelling: escapes (a verbatim
    /// string's `""`), interpolations, concatenations, other string prefixes (C#'s `$"…"`,
    /// Python's `r"…"`), raw strings (C#'s `"""…"""`).
    pub fn string_contents(&self, span: Span, value: &str) -> Option<Span> {
        let text = self.text.get(span.start..span.end)?;
        if text == value {
            return Some(span);
        }
        // A verbatim string takes every character as it is but the quote, which it doubles.
        if let Some(verbatim) = text.strip_prefix("@\"").and_then(|t| t.strip_suffix('"')) {
            return (verbatim == value && !value.contains('"'))
                .then(|| Span::new(span.file, span.start + 2, span.end - 1));
        }
        let quoted = ['"', '\'', '`'].into_iter().any(|quote| {
            text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) == Some(value)
        });
        quoted.then(|| Span::new(span.file, span.start + 1, span.end - 1))
    }
}

/// Converts character offsets (which YAML parsers give) into byte offsets, built once per file.
pub struct CharOffsets {
    /// Byte offset of each character, plus the text's length; empty when the text is ASCII and
    /// the two coincide.
    bytes: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(byte, _)| byte)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        CharOffsets {
            bytes,
            len: text.len(),
        }
    }

    pub fn byte(&self, char_offset: usize) -> usize {
        if self.bytes.is_empty() {
            char_offset.min(self.len)
        } else {
            self.bytes.get(char_offset).copied().unwrap_or(self.len)
        }
    }
}

/// The path relative to the working directory when it lies below it, else as given. Reports
/// (SARIF in particular) must never carry absolute paths for files inside the checkout.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            let absolute = if path.is_absolute() {
                path.to_path_buf()
            } else {
                cwd.join(path)
            };
            pathdiff::diff_paths(absolute, cwd)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// Every file read during a run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn text(&self, span: Span) -> &str {
        self.get(span.file)
            .text
            .get(span.start..span.end)
            .unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("t.yaml"), text.to_owned())
    }

    #[test]
    fn line_and_column_are_one_based() {
        let f = file("ab\ncd\n");
        assert_eq!(f.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(f.line_column(4), LineColumn { line: 2, column: 2 });
        assert_eq!(f.line_column(6), LineColumn { line: 3, column: 1 });
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = file("é: x\n");
        assert_eq!(f.line_column(4), LineColumn { line: 1, column: 4 });
    }

    #[test]
    fn lsp_positions_count_utf16_code_units_from_zero() {
        // `é` is one UTF-16 unit in two bytes, `𝄞` two units in four bytes.
        let f = file("ab\né𝄞x\n");
        assert_eq!(
            f.utf16_position(1),
            Utf16Position {
                line: 0,
                character: 1
            }
        );
        let x = f.text.find('x').expect("x is in the text");
        assert_eq!(
            f.utf16_position(x),
            Utf16Position {
                line: 1,
                character: 3
            }
        );
        assert_eq!(f.utf16_position(x - 1), f.utf16_position(x - 4));
        assert_eq!(
            f.utf16_position(f.text.len()),
            Utf16Position {
                line: 2,
                character: 0
            }
        );
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let f = file("ab\r\ncd");
        assert_eq!(f.line_range(0), Some(0..2));
        assert_eq!(f.line_column(4), LineColumn { line: 2, column: 1 });
    }

    #[test]
    fn string_contents_leave_the_quotes_out() {
        let f = file("a: us-east-1\nb: \"us-east-1\"\nc: 'us-east-1'\nd: \"us-\\x65ast-1\"\n");
        let span = |start: usize, end: usize| Span::new(FileId(0), start, end);
        let at = |needle: &str| {
            let start = f.text.find(needle).expect("in the text");
            span(start, start + needle.len())
        };
        assert_eq!(
            f.string_contents(at("us-east-1"), "us-east-1"),
            Some(at("us-east-1"))
        );
        let double = at("\"us-east-1\"");
        assert_eq!(
            f.string_contents(double, "us-east-1"),
            Some(span(double.start + 1, double.end - 1))
        );
        let single = at("'us-east-1'");
        assert_eq!(
            f.string_contents(single, "us-east-1"),
            Some(span(single.start + 1, single.end - 1))
        );
        assert_eq!(
            f.string_contents(at("\"us-\\x65ast-1\""), "us-east-1"),
            None
        );
        assert_eq!(f.string_contents(at("b: \"us-east-1"), "us-east-1"), None);
    }

    #[test]
    fn string_contents_of_csharp_strings_are_inside_a_verbatim_string_only() {
        let f = file(concat!(
            r#"a = @"us-east-1"; b = @"C:\x"; c = @"sa-""east-1"; d = $"us-east-1"; "#,
            r#"e = $@"us-east-1"; f = @$"us-east-1"; g = """us-east-1"""; "#,
            r#"h = $"""us-east-1"""; i = @"us-east-1""; j = @""us-east-1"""#,
        ));
        let at = |name: &str| {
            let start = f.text.find(&format!("{name} = ")).expect("in the text") + 4;
            let end = f.text[start..]
                .find(';')
                .map_or(f.text.len(), |end| start + end);
            Span::new(FileId(0), start, end)
        };
        let inside = |name: &str| {
            let span = at(name);
            Some(Span::new(span.file, span.start + 2, span.end - 1))
        };
        assert_eq!(f.string_contents(at("a"), "us-east-1"), inside("a"));
        // No escape but the doubled quote.
        assert_eq!(f.string_contents(at("b"), r"C:\x"), inside("b"));
        // Renaming `sa-""east-1` as if it spelled `sa-"east-1` would break the string.
        assert_eq!(f.string_contents(at("c"), "sa-\"east-1"), None);
        assert_eq!(f.string_contents(at("c"), "sa-\"\"east-1"), None);
        // Interpolated and raw strings, verbatim or not, and strings that are no verbatim string.
        for name in ["d", "e", "f", "g", "h", "i", "j"] {
            assert_eq!(f.string_contents(at(name), "us-east-1"), None, "{name}");
        }
    }

    #[test]
    fn char_offsets_map_to_bytes() {
        let offsets = CharOffsets::new("éa");
        assert_eq!(offsets.byte(1), 2);
        assert_eq!(offsets.byte(5), 3);
        assert_eq!(CharOffsets::new("ab").byte(1), 1);
    }
}
