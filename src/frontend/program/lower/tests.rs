//! The decoder of escapes every lowering shares, with each language's table: what the C family
//! agrees on, and where each language differs.

use super::{Escapes, csharp, go, java, python, typescript, unescape};

fn decodes(escapes: &Escapes, cases: &[(&str, &str)]) {
    for (written, decoded) in cases {
        assert_eq!(unescape(written, escapes), *decoded, "{written:?}");
    }
}

#[test]
fn quotes_and_backslashes_stand_for_themselves_everywhere() {
    for escapes in [
        &typescript::ESCAPES,
        &go::ESCAPES,
        &csharp::ESCAPES,
        &java::ESCAPES,
        &python::ESCAPES,
    ] {
        decodes(
            escapes,
            &[
                (r#"a\"b\'c\\d"#, "a\"b'c\\d"),
                ("\\n", "\n"),
                ("end\\", "end\\"),
            ],
        );
    }
}

#[test]
fn typescript_escapes() {
    decodes(
        &typescript::ESCAPES,
        &[
            ("\\x41\\u0042", "AB"),
            ("\\u{1F600}", "😀"),
            ("\\u{110000}", "u{110000}"),
            ("\\0", "\0"),
            // Sloppy mode's octal escapes.
            ("\\101\\477", "A'7"),
            ("a\\\r\nb", "ab"),
            ("\\q\\`", "q`"),
        ],
    );
}

#[test]
fn go_escapes() {
    decodes(
        &go::ESCAPES,
        &[
            // `\x` and octal escapes are bytes of UTF-8.
            ("\\xc3\\xa9\\303\\251", "éé"),
            ("\\x414", "A4"),
            ("\\a\\v", "\u{7}\u{b}"),
            ("\\U0001F600", "😀"),
            ("\\uD800", "\u{fffd}"),
            ("\\12\\q", "\\12\\q"),
        ],
    );
}

#[test]
fn csharp_escapes() {
    decodes(
        &csharp::ESCAPES,
        &[
            ("\\e\\a\\0", "\u{1b}\u{7}\0"),
            ("\\x41\\x0042", "AB"),
            ("\\U0001F600", "😀"),
            ("\\uD800", "uD800"),
            ("\\q", "q"),
        ],
    );
}

#[test]
fn java_escapes() {
    decodes(
        &java::ESCAPES,
        &[
            ("\\s", " "),
            ("\\uuu0041", "A"),
            // Octal escapes of at most `\377`.
            ("\\101\\477", "A'7"),
            ("\\uD800\\u", "\u{fffd}\u{fffd}"),
            ("a\\\nb\\\r\nc", "abc"),
            ("\\q", "q"),
        ],
    );
}

#[test]
fn python_escapes() {
    decodes(
        &python::ESCAPES,
        &[
            ("\\x41\\u0042\\U0001F600", "AB😀"),
            ("\\777", "\u{1ff}"),
            ("a\\\nb", "ab"),
            // Kept as written, as Python keeps them.
            ("\\x4\\ud800\\N{DASH}\\q", "\\x4\\ud800\\N{DASH}\\q"),
        ],
    );
}
