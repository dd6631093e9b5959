//! Text from the input made safe to print where people and machines read lines: terminals and
//! CI logs.
//!
//! A pull request controls logical ids, resource names, values, file names and configuration.
//! Printed raw, a line break in one starts a line of its own (GitHub Actions reads a line
//! `::add-mask::…` or `::error file=…::…` as a workflow command), an ESC or BEL byte starts a
//! terminal escape sequence (OSC 52 writes the clipboard), and a bidirectional control reorders
//! what is shown. Everything that prints such text passes it through [`printable`].

use std::borrow::Cow;

/// The text with every character that could move the cursor, end a line or reorder text
/// written as an escape: `\n`, `\r` and `\t`, and the others as Rust spells them (`\u{1b}`).
/// Quotes and backslashes are left alone: the escapes are for reading, not for parsing back.
pub fn printable(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(needs_escape) else {
        return Cow::Borrowed(text);
    };
    let mut escaped = String::with_capacity(text.len() + 8);
    escaped.push_str(&text[..first]);
    for c in text[first..].chars() {
        push_printable(&mut escaped, c);
    }
    Cow::Owned(escaped)
}

/// Whether [`printable`] escapes the character: C0 and C1 controls and DEL (which holds U+0085,
/// the next-line control), the line and paragraph separators, and the bidirectional controls.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Appends the character as [`printable`] shows it.
pub fn push_printable(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => out.extend(c.escape_unicode()),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed() {
        for text in [
            "",
            "replication set `Set` in us-east-1",
            "clé d'été, \"quoted\" \\ back",
            "日本語 ✓",
        ] {
            assert!(
                matches!(printable(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    #[test]
    fn line_breaks_and_tabs_are_written_as_escapes() {
        assert_eq!(
            printable("a\n::add-mask::***\r\n\tb"),
            "a\\n::add-mask::***\\r\\n\\tb"
        );
    }

    #[test]
    fn terminal_controls_are_written_as_rust_escapes() {
        assert_eq!(
            printable("\u{1b}]52;c;aGVsbG8=\u{7}x\u{0}\u{7f}"),
            "\\u{1b}]52;c;aGVsbG8=\\u{7}x\\u{0}\\u{7f}"
        );
        assert_eq!(printable("\u{85}\u{9b}"), "\\u{85}\\u{9b}");
    }

    #[test]
    fn separators_and_bidirectional_controls_are_escaped() {
        assert_eq!(
            printable("a\u{2028}b\u{2029}c\u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}"),
            "a\\u{2028}b\\u{2029}c\\u{200e}\\u{200f}\\u{202a}\\u{202e}\\u{2066}\\u{2069}"
        );
        // Neighbours of the ranges stay.
        assert_eq!(
            printable("\u{200d}\u{202f}\u{2065}\u{206a}"),
            "\u{200d}\u{202f}\u{2065}\u{206a}"
        );
    }

    #[test]
    fn text_before_the_first_escape_is_kept_whole() {
        assert_eq!(printable("é日\u{1b}本"), "é日\\u{1b}本");
    }
}
