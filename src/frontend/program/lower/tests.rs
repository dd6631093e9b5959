//! What every lowering shares: the fields of a node, whatever the grammar; the decoder of
//! escapes, with each language's table (what the C family agrees on, and where each differs).

use super::{Escapes, csharp, field, go, java, python, typescript, unescape};

/// The text of a field of the first node of a kind in a program.
fn field_text(
    grammar: tree_sitter::Language,
    code: &str,
    kind: &str,
    name: &'static str,
) -> String {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&grammar).expect("a grammar");
    let tree = parser.parse(code, None).expect("a tree");
    let mut cursor = tree.walk();
    let node = loop {
        if cursor.node().kind() == kind {
            break cursor.node();
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            assert!(cursor.goto_parent(), "no {kind}");
        }
    };
    field(node, name).map_or("-".to_owned(), |child| code[child.byte_range()].to_owned())
}

#[test]
fn a_field_is_found_in_each_grammar_whose_ids_differ() {
    // The field ids a thread remembers are the grammar's own: asked in turn, every grammar
    // still finds its own child, and a field a grammar lacks stays absent.
    let python = || tree_sitter::Language::from(tree_sitter_python::LANGUAGE);
    let go = || tree_sitter::Language::from(tree_sitter_go::LANGUAGE);
    for _ in 0..2 {
        assert_eq!(
            field_text(python(), "x = a + b", "binary_operator", "left"),
            "a"
        );
        assert_eq!(
            field_text(
                go(),
                "package p\nvar x = c + d",
                "binary_expression",
                "left"
            ),
            "c"
        );
        assert_eq!(
            field_text(python(), "x = a + b", "binary_operator", "right"),
            "b"
        );
        assert_eq!(
            field_text(
                go(),
                "package p\nvar x = c + d",
                "binary_expression",
                "right"
            ),
            "d"
        );
        assert_eq!(
            field_text(python(), "x = a + b", "binary_operator", "alias"),
            "-"
        );
    }
}

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
