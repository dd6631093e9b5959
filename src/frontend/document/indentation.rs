//! Flow collections and quoted strings whose later lines are indented no more than the key they
//! are the value of:
//!
//! ```yaml
//!     Properties:
//!       Command: [
//!         "/bin/bash"
//!       ]
//!       Description: "first line
//!       continued here"
//! ```
//!
//! YAML 1.2 wants each line of such a node indented past its key, and saphyr holds to that.
//! libyaml (PyYAML, which cfn-lint and the AWS CLI read templates with) does not look at
//! indentation inside a flow collection or a quoted string at all, and CloudFormation deploys
//! such templates. When saphyr rejects a file for the indentation of a line inside one of these
//! nodes, the file is read again with spaces added at the start of those lines ([`repair`]).
//! Inside a flow collection or a quoted string, the blanks that start a line are no content, so
//! the values read are those libyaml reads; [`Padding`] maps each position of the padded text
//! back to the file's, so spans stay exact.
//!
//! The nodes are found by a lexical pass over the file ([`Lexer`]), which follows only what it
//! needs to tell where a flow collection or quoted string starts and ends in block context
//! (comments, plain scalars, block scalars, keys, sequence entries, document markers). The
//! padded text is accepted only when saphyr reads each padded node as one flow collection or
//! quoted string ([`Repair::holds`]): every added space is then inside one, whatever the pass
//! got wrong elsewhere.

use std::ops::Range;

use super::quoted_end;

/// Where spaces were added to a text.
#[derive(Debug, Default)]
pub(super) struct Padding {
    /// In the order of the text.
    insertions: Vec<Insertion>,
}

#[derive(Debug)]
struct Insertion {
    /// The byte of the original text the spaces were added before: the start of a line.
    at: usize,
    /// Where the spaces start in the padded text.
    padded_at: usize,
    spaces: usize,
    /// The spaces added here and before.
    total: usize,
}

impl Padding {
    /// The byte of the original text that a byte of the padded text stands for; an added space
    /// stands for the start of its line.
    pub(super) fn original(&self, padded: usize) -> usize {
        let after = self
            .insertions
            .partition_point(|insertion| insertion.padded_at <= padded);
        match after.checked_sub(1).map(|index| &self.insertions[index]) {
            None => padded,
            Some(insertion) if padded < insertion.padded_at + insertion.spaces => insertion.at,
            Some(insertion) => padded - insertion.total,
        }
    }
}

/// A file's under-indented nodes, and the file with their lines padded.
#[derive(Debug)]
pub(super) struct Repair {
    /// The padded text and where its spaces are; `None` when padding would more than double
    /// the file (a deeply indented key whose node has many short lines): such a file stays an
    /// error.
    pub(super) padded: Option<(String, Padding)>,
    /// The nodes to pad, as bytes of the original text from the opening bracket or quote to
    /// past the closing one, in order; when padding would take too much, those found until then.
    nodes: Vec<Range<usize>>,
}

impl Repair {
    /// Whether a byte of the original text lies inside a padded node.
    pub(super) fn covers(&self, byte: usize) -> bool {
        let after = self.nodes.partition_point(|node| node.start <= byte);
        after
            .checked_sub(1)
            .is_some_and(|index| self.nodes[index].contains(&byte))
    }

    /// Whether the padded text was read as the repair assumed: each padded node is a flow
    /// collection or a quoted string of what was read (`delimited`, their spans in the original
    /// text, from their tag or anchor if they have one), so that every space added is inside
    /// one, where it is no content. `delimited` is in the order of their ends.
    pub(super) fn holds(&self, delimited: &[Range<usize>]) -> bool {
        self.nodes.iter().all(|node| {
            delimited
                .binary_search_by_key(&node.end, |read| read.end)
                .is_ok_and(|index| delimited[index].start <= node.start)
        })
    }
}

/// The flow collections and quoted strings of a text whose lines need padding to be indented
/// past their key, and the text with those lines padded; `None` when it has none.
pub(super) fn repair(text: &str) -> Option<Repair> {
    let mut lexer = Lexer {
        text: text.as_bytes(),
        nodes: Vec::new(),
        lines: Vec::new(),
        spaces: 0,
    };
    lexer.read();
    if lexer.nodes.is_empty() {
        return None;
    }
    let padded = (lexer.spaces <= text.len()).then(|| {
        let mut padded = String::with_capacity(text.len() + lexer.spaces);
        let mut insertions = Vec::with_capacity(lexer.lines.len());
        let mut copied = 0;
        let mut total = 0;
        for &(at, spaces) in &lexer.lines {
            padded.push_str(&text[copied..at]);
            let padded_at = padded.len();
            padded.extend(std::iter::repeat_n(' ', spaces));
            total += spaces;
            insertions.push(Insertion {
                at,
                padded_at,
                spaces,
                total,
            });
            copied = at;
        }
        padded.push_str(&text[copied..]);
        (padded, Padding { insertions })
    });
    Some(Repair {
        padded,
        nodes: lexer.nodes,
    })
}

/// What the lines after a block-context line belong to, when not to new nodes.
#[derive(Clone, Copy)]
enum Continuation {
    None,
    /// A literal or folded block scalar, whose lines are those indented past `parent`, the
    /// column of its key or sequence entry.
    BlockScalar {
        parent: isize,
    },
    /// A plain scalar ending its line as a value: lines indented past `parent` continue it.
    Plain {
        parent: isize,
    },
}

/// Finds the flow collections and quoted strings that start in block context and span lines,
/// and the lines of each that need spaces to be indented past its key.
struct Lexer<'t> {
    text: &'t [u8],
    /// The nodes found with lines to pad.
    nodes: Vec<Range<usize>>,
    /// The lines to pad, each as the byte it starts at and the spaces it needs, in order.
    lines: Vec<(usize, usize)>,
    /// The spaces of `lines`, in all.
    spaces: usize,
}

impl Lexer<'_> {
    /// Reads the text line by line in block context, until its end or a node that does not
    /// end, or ends at a document marker (which libyaml rejects too).
    fn read(&mut self) {
        let mut line = if self.text.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        let mut continuation = Continuation::None;
        while line < self.text.len() {
            match self.block_line(line, &mut continuation) {
                Some(next) => line = next,
                None => return,
            }
            if self.spaces > self.text.len() {
                return;
            }
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.get(at).copied()
    }

    /// Whether the byte at `at` ends a token: a blank, a line break or the end of the text.
    fn is_blank_or_end(&self, at: usize) -> bool {
        matches!(self.byte(at), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
    }

    fn is_flow_indicator(&self, at: usize) -> bool {
        matches!(self.byte(at), Some(b',' | b'[' | b']' | b'{' | b'}'))
    }

    /// `---` or `...` alone at the start of a line.
    fn is_document_marker(&self, line: usize) -> bool {
        let marker = self.text.get(line..line + 3);
        (marker == Some(b"---") || marker == Some(b"...")) && self.is_blank_or_end(line + 3)
    }

    /// The byte of the line break ending the line that holds `at`, or the text's end.
    fn line_end(&self, at: usize) -> usize {
        memchr::memchr(b'\n', &self.text[at.min(self.text.len())..])
            .map_or(self.text.len(), |offset| at + offset)
    }

    /// The first byte at or after `at` that is not a space or tab (or a carriage return, which
    /// only ever comes before a line feed here).
    fn skip_blanks(&self, mut at: usize) -> usize {
        while matches!(self.byte(at), Some(b' ' | b'\t' | b'\r')) {
            at += 1;
        }
        at
    }

    /// Reads a line in block context, and the lines of the multi-line nodes that start on it;
    /// returns the start of the next line to read, or `None` to stop.
    fn block_line(&mut self, line: usize, continuation: &mut Continuation) -> Option<usize> {
        let indent = self.text[line..]
            .iter()
            .take_while(|&&byte| byte == b' ')
            .count() as isize;
        let content = self.skip_blanks(line);
        let end = self.line_end(line);
        if content >= end {
            return Some(end + 1);
        }
        let marker = self.is_document_marker(line);
        match *continuation {
            Continuation::BlockScalar { parent } if !marker && indent > parent => {
                return Some(end + 1);
            }
            Continuation::Plain { parent }
                if !marker && indent > parent && self.byte(content) != Some(b'#') =>
            {
                return Some(end + 1);
            }
            _ => *continuation = Continuation::None,
        }
        let mut end = end;
        let mut at = content;
        // A byte of the line and its column, counted on from token to token: a line holds
        // any number of tokens.
        let mut counted = (line, 0);
        // The column of the last sequence entry, key or explicit indicator of the line, and
        // that of its first token after its sequence entries: where its key starts.
        let mut parent: Option<isize> = None;
        let mut first: Option<usize> = None;
        loop {
            at = self.skip_blanks(at);
            if at >= end {
                return Some(end + 1);
            }
            let column = counted.1 + self.characters(counted.0, at);
            counted = (at, column);
            match self.text[at] {
                b'#' => return Some(end + 1),
                b'%' if column == 0 => return Some(end + 1),
                b'-' | b'.' if column == 0 && self.is_document_marker(at) => {
                    parent = Some(-1);
                    at += 3;
                }
                b'-' if self.is_blank_or_end(at + 1) => {
                    parent = Some(column as isize);
                    at += 1;
                }
                b'?' | b':' if self.is_blank_or_end(at + 1) => {
                    first.get_or_insert(column);
                    parent = Some(column as isize);
                    at += 1;
                }
                b'!' | b'&' | b'*' => {
                    first.get_or_insert(column);
                    while !self.is_blank_or_end(at) {
                        at += 1;
                    }
                }
                b'|' | b'>' => {
                    *continuation = Continuation::BlockScalar {
                        parent: parent.unwrap_or(indent - 1),
                    };
                    return Some(end + 1);
                }
                b'"' | b'\'' | b'[' | b'{' => {
                    let key = *first.get_or_insert(column);
                    // Past the key is enough for saphyr; the node's own column is too, and
                    // is less where the node is a sequence entry (`- [`).
                    let target = column.min(key + 1);
                    let mut lines = Vec::new();
                    let close = self.node(at, target, &mut lines)?;
                    if close > end {
                        // The node ends on a later line, which the next tokens are on.
                        let line = memchr::memrchr(b'\n', &self.text[..close])
                            .map_or(0, |line_break| line_break + 1);
                        counted = (line, 0);
                        end = self.line_end(close);
                    }
                    let open = at;
                    at = self.skip_blanks(close);
                    if at >= end || self.byte(at) == Some(b'#') {
                        // The node is a value: pad it. A key that spans lines is an error in
                        // libyaml too.
                        if !lines.is_empty() {
                            self.spaces += lines.iter().map(|(_, spaces)| spaces).sum::<usize>();
                            self.lines.append(&mut lines);
                            self.nodes.push(open..close);
                        }
                    } else if self.byte(at) == Some(b':') && self.is_blank_or_end(at + 1) {
                        parent = Some(key as isize);
                        at += 1;
                    }
                }
                _ => {
                    let key = *first.get_or_insert(column);
                    let stop = self.plain_end(at, end);
                    match self.byte(stop) {
                        Some(b':') if stop < end => {
                            parent = Some(key as isize);
                            at = stop + 1;
                        }
                        Some(b'#') if stop < end => return Some(end + 1),
                        _ => {
                            *continuation = Continuation::Plain {
                                parent: parent.unwrap_or(indent - 1),
                            };
                            return Some(end + 1);
                        }
                    }
                }
            }
        }
    }

    /// The characters from a byte to another, which is how saphyr counts columns.
    fn characters(&self, from: usize, to: usize) -> usize {
        // Counts the bytes that start a character (UTF-8 continuation bytes are 0b10xxxxxx).
        self.text[from..to]
            .iter()
            .filter(|&&byte| byte & 0xC0 != 0x80)
            .count()
    }

    /// Where a plain scalar of block context starting at `at` stops on its line: at a `:`
    /// followed by a blank, at a comment, or at the line's end.
    fn plain_end(&self, at: usize, end: usize) -> usize {
        (at..end)
            .find(|&index| match self.text[index] {
                b':' => self.is_blank_or_end(index + 1),
                b'#' => index > at && self.is_blank_or_end(index - 1),
                _ => false,
            })
            .unwrap_or(end)
    }

    /// Reads the flow collection or quoted string starting at `open`, adding each later line
    /// indented less than `target` to `lines`; returns the byte past its closing bracket or
    /// quote.
    fn node(&self, open: usize, target: usize, lines: &mut Vec<(usize, usize)>) -> Option<usize> {
        match self.text[open] {
            b'[' | b'{' => self.flow(open, target, lines),
            _ => self.quoted(open, target, lines),
        }
    }

    fn flow(&self, open: usize, target: usize, lines: &mut Vec<(usize, usize)>) -> Option<usize> {
        let mut depth = 0usize;
        // Inside a plain scalar, which may hold quotes and span lines.
        let mut plain = false;
        // After a quoted string or a collection, where `:` is a value indicator even when
        // something follows it (`{"a":"b"}`).
        let mut after_node = false;
        let mut at = open;
        while at < self.text.len() {
            let byte = self.text[at];
            match byte {
                b'\n' => {
                    at += 1;
                    self.next_line(at, target, plain, lines)?;
                    continue;
                }
                b' ' | b'\t' | b'\r' => {
                    at += 1;
                    continue;
                }
                // `open` is a bracket, so a `#` comes after it.
                b'#' if self.is_blank_or_end(at - 1) => {
                    plain = false;
                    at = self.line_end(at);
                    continue;
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(at + 1);
                    }
                }
                b',' => {}
                b'"' | b'\'' if !plain => {
                    at = self.quoted(at, target, lines)?;
                    after_node = true;
                    continue;
                }
                b':' if after_node
                    || self.is_blank_or_end(at + 1)
                    || self.is_flow_indicator(at + 1) => {}
                b'?' | b'-' if !plain && self.is_blank_or_end(at + 1) => {}
                b'!' | b'&' | b'*' if !plain => {
                    while !self.is_blank_or_end(at) && !self.is_flow_indicator(at) {
                        at += 1;
                    }
                    after_node = false;
                    continue;
                }
                _ => {
                    plain = true;
                    after_node = false;
                    at += 1;
                    continue;
                }
            }
            plain = false;
            after_node = matches!(byte, b']' | b'}');
            at += 1;
        }
        None
    }

    fn quoted(&self, open: usize, target: usize, lines: &mut Vec<(usize, usize)>) -> Option<usize> {
        let close = quoted_end(self.text, open)?;
        for line_break in memchr::memchr_iter(b'\n', &self.text[open..close]) {
            self.next_line(open + line_break + 1, target, false, lines)?;
        }
        Some(close)
    }

    /// Takes note of a line of a node that starts at `line`, which needs padding when it is
    /// indented less than `target`; `None` when it starts with a document marker, or when it
    /// continues a plain scalar (`in_plain`) with a tab where padding is needed: libyaml rejects
    /// both.
    fn next_line(
        &self,
        line: usize,
        target: usize,
        in_plain: bool,
        lines: &mut Vec<(usize, usize)>,
    ) -> Option<()> {
        if self.is_document_marker(line) {
            return None;
        }
        if !matches!(self.byte(self.skip_blanks(line)), None | Some(b'\n')) {
            // The spaces that start the line: saphyr rejects a tab before the target column
            // too, so the spaces go before it.
            let column = self.text[line..]
                .iter()
                .take_while(|&&byte| byte == b' ')
                .count();
            if column < target {
                if in_plain && self.byte(line + column) == Some(b'\t') {
                    return None;
                }
                lines.push((line, target - column));
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn padded(text: &str) -> Option<String> {
        repair(text)
            .and_then(|repair| repair.padded)
            .map(|(padded, _)| padded)
    }

    #[test]
    fn pads_the_lines_of_a_flow_collection_to_its_key() {
        let text = "a:\n  b: [\n    \"x\",\n  y\n]\n  c: [\n  ]\n";
        assert_eq!(
            padded(text).as_deref(),
            Some("a:\n  b: [\n    \"x\",\n   y\n   ]\n  c: [\n   ]\n")
        );
    }

    #[test]
    fn pads_a_sequence_entry_to_its_own_column() {
        assert_eq!(
            padded("- - [\n\"x\"\n]\n").as_deref(),
            Some("- - [\n    \"x\"\n    ]\n")
        );
    }

    #[test]
    fn pads_a_quoted_string_continued_at_its_key() {
        let text = "k: \"a\n b \\\nc\"\n'l': 'it''s\nd'\n";
        assert_eq!(
            padded(text).as_deref(),
            Some("k: \"a\n b \\\n c\"\n'l': 'it''s\n d'\n")
        );
    }

    #[test]
    fn pads_before_the_tabs_that_start_a_line() {
        assert_eq!(
            padded("k: \"a\n\tb\"\n").as_deref(),
            Some("k: \"a\n \tb\"\n")
        );
    }

    #[test]
    fn leaves_what_is_not_a_node_alone() {
        for text in [
            // Quotes and brackets inside plain scalars, comments and block scalars.
            "k: a \"b\n[c\n",
            "k: x # \"\nl: |\n  \"a\n m: [\n",
            "k: >-\n  [a,\n b]\n",
            // A key that spans lines, which libyaml rejects too.
            "k:\n  [a,\n b]: c\n",
            // A node that does not end, or ends past a document marker.
            "k: [a,\nb\n",
            "k: \"a\n---\nb\"\n",
            // Lines indented enough already.
            "k: [\n  a\n ]\n",
        ] {
            assert_eq!(padded(text), None, "{text:?}");
        }
    }

    #[test]
    fn maps_padded_bytes_back() {
        let text = "k: [\na,\nb]\n";
        let repair = repair(text).expect("a repair");
        let (padded, padding) = repair.padded.as_ref().expect("padded");
        assert_eq!(padded, "k: [\n a,\n b]\n");
        let original: Vec<usize> = (0..=padded.len())
            .map(|byte| padding.original(byte))
            .collect();
        assert_eq!(original, [0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11]);
        assert!(repair.covers(3) && repair.covers(9) && !repair.covers(10));
    }

    #[test]
    fn holds_when_each_padded_node_was_read_whole() {
        let repair = repair("k: [\na]\nl: \"b\nc\"\n").expect("a repair");
        assert_eq!(repair.nodes, [3..7, 11..16]);
        // As read: the flow sequence, a scalar inside it, the quoted string.
        assert!(repair.holds(&[5..6, 3..7, 11..16]));
        // A node read as something else, or starting past its bracket.
        assert!(!repair.holds(&[5..6, 3..7]));
        assert!(!repair.holds(&[5..7, 11..16]));
    }

    #[test]
    fn reads_a_line_of_many_tokens_once() {
        // Counting each token's column from the line's start took minutes.
        let text = format!("k: [\na]\n{}x\n", "- ".repeat(500_000));
        assert_eq!(
            padded(&text).map(|padded| padded.len()),
            Some(text.len() + 1)
        );
    }

    #[test]
    fn refuses_to_more_than_double_the_text() {
        let key = " ".repeat(40);
        let text = format!("{key}k: [\n{}]\n", "a,\n".repeat(100));
        let repair = repair(&text).expect("a repair");
        assert!(repair.padded.is_none() && repair.covers(text.find("a,").expect("a")));
        let line = format!("a,{}\n", " ".repeat(40));
        let text = format!("{key}k: [\n{}]\n", line.repeat(100));
        assert!(padded(&text).is_some());
    }
}
