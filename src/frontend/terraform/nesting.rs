//! How deep a file's expressions nest, found by a lexical scan before hcl-edit parses the file.
//!
//! When an operand of a chain of binary operators does not parse, hcl-edit parses it a second
//! time before it gives up, and so once more for every level of brackets around it: a broken
//! file of a few hundred bytes whose operands nest twenty levels deep (`a = b*c+(b*c+(b*c+(…`)
//! takes seconds to be refused, forty levels take days. Files that parse cost linear time. A
//! file whose expressions nest deeper than any configuration needs is refused before parsing.
//! Block bodies do not count: only the brackets and template interpolations of an attribute's
//! value, where hcl-edit's cost doubles.

/// The deepest nesting of brackets and interpolations within one expression that irlint parses:
/// far beyond what configurations use (a policy built with `jsonencode` nests about 8), and
/// cheap to parse even when broken.
pub const MAX_EXPRESSION_DEPTH: usize = 16;

/// What the scan is inside of.
enum Frame<'a> {
    /// A block's body (the file itself is the outermost body, below the stack).
    Block,
    /// An attribute's value, which ends at the end of its line.
    Attribute,
    /// `(`, `[` or `{` within an expression.
    Bracket,
    /// `${` or `%{` within a template.
    Interpolation,
    /// A quoted template.
    Quoted,
    /// A heredoc template, ended by a line holding only its marker.
    Heredoc(&'a str),
}

impl Frame<'_> {
    fn is_expression(&self) -> bool {
        matches!(
            self,
            Frame::Attribute | Frame::Bracket | Frame::Interpolation
        )
    }

    fn counts(&self) -> bool {
        matches!(self, Frame::Bracket | Frame::Interpolation)
    }
}

/// The open frames, innermost last, and how many of them count towards the depth.
#[derive(Default)]
struct Stack<'a> {
    frames: Vec<Frame<'a>>,
    depth: usize,
}

impl<'a> Stack<'a> {
    fn top(&self) -> Option<&Frame<'a>> {
        self.frames.last()
    }

    /// Opens a frame; `false` when that nests too deep.
    fn open(&mut self, frame: Frame<'a>) -> bool {
        if frame.counts() {
            self.depth += 1;
            if self.depth > MAX_EXPRESSION_DEPTH {
                return false;
            }
        }
        self.frames.push(frame);
        true
    }

    fn close(&mut self) {
        if self.frames.pop().is_some_and(|frame| frame.counts()) {
            self.depth -= 1;
        }
    }
}

/// The byte offset of the first bracket or interpolation that nests deeper than
/// [`MAX_EXPRESSION_DEPTH`], if any. Anything the scan does not understand is left to the parser
/// to report.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut stack = Stack::default();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let line_end = || memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| i + n);
        match stack.top() {
            Some(Frame::Quoted | Frame::Heredoc(_)) => {
                if let Some(Frame::Heredoc(marker)) = stack.top()
                    && (i == 0 || bytes[i - 1] == b'\n')
                    && text[i..line_end()].trim() == *marker
                {
                    stack.close();
                    i = line_end();
                    continue;
                }
                if rest.starts_with(b"$${") || rest.starts_with(b"%%{") {
                    i += 3;
                    continue;
                }
                if rest.starts_with(b"${") || rest.starts_with(b"%{") {
                    if !stack.open(Frame::Interpolation) {
                        return Some(i);
                    }
                    i += 2;
                    continue;
                }
                if matches!(stack.top(), Some(Frame::Quoted)) {
                    match rest[0] {
                        b'\\' => i += 1,
                        b'"' | b'\n' => stack.close(),
                        _ => {}
                    }
                }
            }
            top => {
                let in_attribute = matches!(top, Some(Frame::Attribute));
                let in_expression = top.is_some_and(Frame::is_expression);
                if rest.starts_with(b"#") || rest.starts_with(b"//") {
                    i = line_end();
                    continue;
                }
                if rest.starts_with(b"/*") {
                    i = memchr::memmem::find(&rest[2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
                    continue;
                }
                if in_expression && let Some((marker, body)) = heredoc_start(text, i) {
                    stack.open(Frame::Heredoc(marker));
                    i = body;
                    continue;
                }
                if in_expression && matches!(rest[0], b'(' | b'[' | b'{') {
                    if !stack.open(Frame::Bracket) {
                        return Some(i);
                    }
                    i += 1;
                    continue;
                }
                match rest[0] {
                    b'"' => {
                        stack.open(Frame::Quoted);
                    }
                    b'{' => {
                        stack.open(Frame::Block);
                    }
                    b'=' if !in_expression => {
                        stack.open(Frame::Attribute);
                    }
                    b'\n' if in_attribute => stack.close(),
                    b')' | b']' | b'}' => {
                        stack.close();
                        // An attribute on the line of its block's closing brace ends there, and
                        // the brace closes the block.
                        if in_attribute {
                            continue;
                        }
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    None
}

/// The marker and the offset of the first line of a heredoc (`<<EOT` or `<<-EOT` and a line
/// break) starting at byte `at`, which need not be a character boundary.
fn heredoc_start(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let rest = bytes[at..].strip_prefix(b"<<")?;
    let marker_start = bytes.len() - rest.strip_prefix(b"-").unwrap_or(rest).len();
    let marker_end = marker_start
        + bytes[marker_start..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .count();
    let line_end = marker_end
        + bytes[marker_end..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
    // The marker is ASCII, so its ends are character boundaries.
    let marker = text.get(marker_start..marker_end)?;
    (!marker.is_empty() && bytes.get(line_end) == Some(&b'\n')).then_some((marker, line_end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(unit: &str, tail: &str, levels: usize) -> String {
        format!("a = {}{}\n", unit.repeat(levels), tail)
    }

    #[test]
    fn expressions_up_to_the_limit_pass_and_deeper_ones_are_found() {
        for (unit, tail) in [("(", ")"), ("[", "]"), ("{k = ", "}"), ("\"${", "}\"")] {
            let fits = nested(
                unit,
                &tail.repeat(MAX_EXPRESSION_DEPTH),
                MAX_EXPRESSION_DEPTH,
            );
            assert_eq!(too_deep(&fits), None, "{fits}");
            let deeper = nested(unit, "", MAX_EXPRESSION_DEPTH + 1);
            let offset = too_deep(&deeper).expect(&deeper);
            assert!(
                deeper[offset..].starts_with(['(', '[', '{', '$']),
                "{deeper}"
            );
            assert_eq!(too_deep(&deeper[..offset]), None, "{deeper}");
        }
    }

    #[test]
    fn block_bodies_do_not_count() {
        let blocks = "a {\n".repeat(40) + "b = (1)\n" + &"}\n".repeat(40);
        assert_eq!(too_deep(&blocks), None);
        let one_line = "a { b = [ { c = 1 } ] }\n".repeat(40);
        assert_eq!(too_deep(&one_line), None);
    }

    #[test]
    fn each_attribute_counts_on_its_own() {
        let attributes = format!("{}\n", "x = [[[[[[[[1]]]]]]]]\n".repeat(10));
        assert_eq!(too_deep(&attributes), None);
    }

    #[test]
    fn brackets_in_strings_comments_and_heredocs_do_not_count() {
        let text = [
            "a = \"((((((((((((((((((((\"",
            "b = \"\\\"((((((((((((((((((((\"",
            "# ((((((((((((((((((((",
            "// ((((((((((((((((((((",
            "/* (((((((((((((((((((( */",
            "c = <<-EOT\n  ((((((((((((((((((((\n  \"\n  EOT",
            "d = \"$${((((((((((((((((((((\"",
            "e = 1",
        ]
        .join("\n");
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn interpolations_in_heredocs_count() {
        let text = format!(
            "a = <<EOT\n{}\nEOT\n",
            "${".repeat(MAX_EXPRESSION_DEPTH + 1)
        );
        assert!(too_deep(&text).is_some());
    }
}
