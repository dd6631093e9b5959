//! What a file would cost hcl-edit to parse, found by a lexical scan before hcl-edit parses it:
//! how deep its expressions nest, how often its object literals' keys would be compared, and how
//! far it would read ahead for the end of empty heredocs. The scan reads strings, heredocs,
//! template directives and comments as hcl-edit does (a quoted string may span lines, a heredoc
//! ends at its marker and the line goes on as code, a directive's body is a template of its own):
//! where it took text for code or code for text, it would miss what it counts.
//!
//! When an operand of a chain of binary operators does not parse, hcl-edit parses it a second
//! time before it gives up, and so once more for every level of brackets around it: a broken
//! file of a few hundred bytes whose operands nest twenty levels deep (`a = b*c+(b*c+(b*c+(…`)
//! takes seconds to be refused, forty levels take days. Files that parse cost linear time. A
//! file whose expressions nest deeper than any configuration needs is refused before parsing.
//! Block bodies do not count: only the brackets and template interpolations of an attribute's
//! value, where hcl-edit's cost doubles.
//!
//! hcl-edit keeps an object literal's entries in a `VecMap` and looks each new key up among all
//! the keys before it, twice (to refuse a repeated key, then to insert it), comparing syntax
//! trees: an object of n keys costs n² comparisons. One of 30,000 short keys took 4.2 s to
//! parse, one of 100,000 (a 2 MiB file) more than two minutes, 3,000 keys of 150 bytes of
//! traversal (`(a.b.b.b…)`) 40 s. Tuples, function arguments, templates and block bodies parse
//! in linear time. The scan weighs each object's keys ([`key_weight`]) and refuses a file whose
//! objects together would cost more than [`MAX_KEY_COMPARISONS`]: a limit on each object alone
//! would let a 2 MiB file hold hundreds of objects at that limit.
//!
//! A heredoc whose first line is its end marker (`<<EOT` and `EOT`) is read by hcl-edit to the
//! end of the file for a later end first; only when there is none does it go back and take the
//! first line. The scan does the same and refuses a file whose heredocs would make hcl-edit read
//! ahead more than [`MAX_HEREDOC_LOOKAHEAD`], or in which a later line starts with such a
//! heredoc's marker: whether hcl-edit then takes the lines up to there for the heredoc's text or
//! for code depends on whether they parse as text, which a lexical scan cannot tell.

use hcl::edit::Ident;

/// The deepest nesting of brackets and interpolations within one expression that irlint parses:
/// far beyond what configurations use (a policy built with `jsonencode` nests about 8), and
/// cheap to parse even when broken.
pub const MAX_EXPRESSION_DEPTH: usize = 16;

/// The key comparisons, counted as comparisons of two short keys, that parsing one file's object
/// literals may take: at most about 0.2 s in a release build, measured over keys of many shapes
/// (identifiers, strings, traversals, templates, calls, objects). An object of 7,071 short keys
/// takes 49,999,041; the files of the test corpora take at most 121, a real map of about 170
/// security group rules 28,098. Messages state it in millions.
pub const MAX_KEY_COMPARISONS: u64 = 50_000_000;

/// How many bytes in all hcl-edit may read ahead for the end of heredocs whose first line is
/// their end marker (`<<EOT` and `EOT`): it looks for a later end to the end of the file before
/// it takes the first line, at about 60 ns a byte, so that 5,000 such heredocs in 107 KB took
/// 20 s. 2 MiB take about 0.13 s: one such heredoc at the top of a 2 MiB file.
pub const MAX_HEREDOC_LOOKAHEAD: usize = 2 << 20;

/// Why a file is refused before it is parsed.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The bracket or interpolation at this offset nests deeper than [`MAX_EXPRESSION_DEPTH`].
    TooDeep(usize),
    /// The file's objects up to some point would cost more than [`MAX_KEY_COMPARISONS`] to
    /// parse; of those, the one whose `{` is at `start`, with `keys` keys, costs the most.
    TooManyKeys { start: usize, keys: u64 },
    /// The heredoc whose `<<` is at this offset ends on its first line, and with the file's
    /// heredocs before it hcl-edit would read ahead more than [`MAX_HEREDOC_LOOKAHEAD`].
    HeredocLookahead(usize),
    /// The heredoc whose `<<` is at this offset ends on its first line, and a later line starts
    /// with its marker: hcl-edit reads the lines up to there as the heredoc's text when they
    /// parse as such, and as code when they do not, which no lexical scan can tell.
    AmbiguousHeredoc(usize),
}

/// What the scan is inside of.
enum Frame<'a> {
    /// A block's body (the file itself is the outermost body, below the stack).
    Block,
    /// An attribute's value, which ends at the end of its line.
    Attribute,
    /// `(` or `[` within an expression.
    Bracket,
    /// `{` within an expression.
    Object(Object),
    /// `${` or `%{` within a template.
    Interpolation,
    /// A quoted template, which may span lines.
    Quoted(Template),
    /// A heredoc template.
    Heredoc(Heredoc<'a>),
}

/// The directives (`%{ if … }`, `%{ for … }`) open in a template. hcl-edit reads their bodies as
/// templates of their own, in which a `"` or a heredoc's marker is text and `\` escapes nothing.
#[derive(Default)]
struct Template {
    directives: Vec<Directive>,
}

#[derive(PartialEq)]
enum Directive {
    If,
    For,
}

impl Template {
    /// Whether the scan is outside the template's directives.
    fn at_top(&self) -> bool {
        self.directives.is_empty()
    }

    /// Follows the directive whose `%{` ends at `at`: hcl-edit tells them apart by their first
    /// word after a `~` and spaces or comments. Directives that do not match are a parse error,
    /// or they end an empty heredoc's look-ahead, which is bounded anyway.
    fn directive(&mut self, bytes: &[u8], at: usize) {
        let after_strip = at + usize::from(bytes.get(at) == Some(&b'~'));
        let word = &bytes[skip_trivia(bytes, after_strip)..];
        if word.starts_with(b"if") {
            self.directives.push(Directive::If);
        } else if word.starts_with(b"for") {
            self.directives.push(Directive::For);
        } else if (word.starts_with(b"endif") && self.directives.last() == Some(&Directive::If))
            || (word.starts_with(b"endfor") && self.directives.last() == Some(&Directive::For))
        {
            self.directives.pop();
        }
    }
}

/// A heredoc template being read. hcl-edit ends it at a line break followed by spaces or tabs,
/// its marker and anything but a character of an identifier, outside its directives: the rest of
/// that line is code.
struct Heredoc<'a> {
    marker: &'a str,
    template: Template,
    /// Where it ends if its first line is its end (`<<EOT` and `EOT`): hcl-edit ends it there
    /// only after it read ahead to the end of the file, or to what does not parse, without
    /// finding a later end.
    empty_end: Option<usize>,
}

impl Frame<'_> {
    fn is_expression(&self) -> bool {
        matches!(
            self,
            Frame::Attribute | Frame::Bracket | Frame::Object(_) | Frame::Interpolation
        )
    }

    fn counts(&self) -> bool {
        matches!(
            self,
            Frame::Bracket | Frame::Object(_) | Frame::Interpolation
        )
    }
}

/// An object literal being read, and what its keys cost so far.
struct Object {
    /// The offset of its `{`.
    start: usize,
    keys: u64,
    /// The sum of its keys' weights.
    weight: u64,
    entry: Entry,
}

/// Where the scan is among an object literal's entries, at the literal's own depth.
enum Entry {
    /// Before a key: after the `{`, a `,` or a line break.
    Between,
    /// In the key that starts at `start`, until its `=` or `:`. Line breaks do not end it, so
    /// that no byte hcl-edit reads as part of a key is left out of its weight.
    Key {
        start: usize,
        /// The `?` of conditionals in the key whose `:` is still to come.
        conditionals: usize,
        /// How many object literals the scan had opened when the key started.
        objects_before: usize,
    },
    /// In a value, until a `,` or a line break.
    Value,
    /// A `for` expression (`{ for k, v in m : k => v }`): hcl-edit compares no keys.
    For,
}

impl Object {
    fn new(start: usize) -> Self {
        Object {
            start,
            keys: 0,
            weight: 0,
            entry: Entry::Between,
        }
    }

    /// Reads the byte at `at`, which is at the object's own depth. `objects_opened` counts the
    /// object literals the scan has opened in the file.
    fn read(&mut self, bytes: &[u8], at: usize, objects_opened: usize) {
        let byte = bytes[at];
        match &mut self.entry {
            Entry::Between => {
                if matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'}') {
                    return;
                }
                // hcl-edit tells a `for` expression from a key by the same look-ahead.
                let is_for = bytes[at..].starts_with(b"for")
                    && bytes
                        .get(at + 3)
                        .is_some_and(|next| b" \t#/\n".contains(next));
                self.entry = if self.keys == 0 && is_for {
                    Entry::For
                } else {
                    self.keys += 1;
                    Entry::Key {
                        start: at,
                        conditionals: 0,
                        objects_before: objects_opened,
                    }
                };
            }
            Entry::Key { conditionals, .. } => match byte {
                b'?' => *conditionals += 1,
                b':' if *conditionals > 0 => *conditionals -= 1,
                b':' => self.end_key(bytes, at, objects_opened),
                b'=' if is_assignment(bytes, at) => self.end_key(bytes, at, objects_opened),
                // Not valid after a key; hcl-edit stops here.
                b',' => {
                    self.end_key(bytes, at, objects_opened);
                    self.entry = Entry::Between;
                }
                _ => {}
            },
            Entry::Value => {
                if matches!(byte, b',' | b'\n') {
                    self.entry = Entry::Between;
                }
            }
            Entry::For => {}
        }
    }

    fn end_key(&mut self, bytes: &[u8], at: usize, objects_opened: usize) {
        if let Entry::Key {
            start,
            objects_before,
            ..
        } = self.entry
        {
            let key = bytes[start..at].trim_ascii_end();
            let weight = key_weight(key, objects_opened > objects_before);
            self.weight = self.weight.saturating_add(weight);
            self.entry = Entry::Value;
        }
    }

    /// What parsing the object costs, its last key ending at `at`.
    fn cost(&mut self, bytes: &[u8], at: usize, objects_opened: usize) -> u64 {
        self.end_key(bytes, at, objects_opened);
        // Each key is compared twice with each key before it, at the cost of the cheaper of the
        // two: at most the sum of the keys' weights per key.
        self.keys.saturating_mul(self.weight)
    }
}

/// Whether the `=` at `at` assigns a value to a key, rather than being part of `==`, `!=`, `<=`,
/// `>=` or `=>`.
fn is_assignment(bytes: &[u8], at: usize) -> bool {
    !matches!(bytes.get(at + 1), Some(b'=' | b'>'))
        && !at
            .checked_sub(1)
            .is_some_and(|before| matches!(bytes[before], b'=' | b'!' | b'<' | b'>'))
}

/// What comparing `key` with another key costs, in comparisons of two short keys (3 to 5 ns
/// each, measured). An identifier, a number or a string without interpolations is compared at
/// once, the bytes after its first 64 by `memcmp`. Any other expression is compared node by
/// node, a node taking a byte or more: measured, up to 14 ns a byte, for keys too large to stay
/// in the cache. Objects are compared key by key, each key of one looked up among those of the
/// other: a key holding an object costs the square of its length over 16, an entry of that
/// object taking 4 bytes or more (`k=1,`).
fn key_weight(key: &[u8], holds_object: bool) -> u64 {
    let length = u64::try_from(key.len()).unwrap_or(u64::MAX);
    let expression = length.saturating_mul(4);
    if holds_object {
        (length.saturating_mul(length) / 16).max(expression)
    } else if is_plain(key) {
        1 + length / 64
    } else {
        expression
    }
}

/// Whether `key` is an identifier, a number or one quoted string without interpolations.
fn is_plain(key: &[u8]) -> bool {
    let Some(inner) = key
        .strip_prefix(b"\"")
        .and_then(|key| key.strip_suffix(b"\""))
    else {
        // Bytes past ASCII can only be letters of an identifier here.
        return key.iter().all(|&byte| {
            byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-') || !byte.is_ascii()
        });
    };
    let mut bytes = inner.iter().peekable();
    while let Some(&byte) = bytes.next() {
        match byte {
            b'\\' => {
                bytes.next();
            }
            b'"' => return false,
            b'$' | b'%' => match bytes.peek() {
                Some(b'{') => return false,
                // `$${` and `%%{` are text.
                Some(&&next) if next == byte => {
                    bytes.next();
                }
                _ => {}
            },
            _ => {}
        }
    }
    true
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

    fn close(&mut self) -> Option<Frame<'a>> {
        let frame = self.frames.pop();
        if frame.as_ref().is_some_and(Frame::counts) {
            self.depth -= 1;
        }
        frame
    }
}

/// What the file's object literals cost so far.
struct Objects {
    /// What they may cost in all.
    budget: u64,
    /// How many the scan has opened.
    opened: usize,
    comparisons: u64,
    /// The cost, start and keys of the costliest so far: the one to name when the file costs
    /// too much, rather than whichever small object comes last.
    costliest: (u64, usize, u64),
}

impl Objects {
    /// Adds what `object`, whose last key ends at `at`, costs.
    fn charge(&mut self, mut object: Object, bytes: &[u8], at: usize) -> Result<(), Refusal> {
        let cost = object.cost(bytes, at, self.opened);
        if cost > self.costliest.0 {
            self.costliest = (cost, object.start, object.keys);
        }
        self.comparisons = self.comparisons.saturating_add(cost);
        if self.comparisons > self.budget {
            let (_, start, keys) = self.costliest;
            return Err(Refusal::TooManyKeys { start, keys });
        }
        Ok(())
    }
}

/// Scans `text` for what would cost hcl-edit too much to parse. Anything the scan does not
/// understand is left to the parser to report.
pub fn check(text: &str) -> Result<(), Refusal> {
    scan(text, MAX_KEY_COMPARISONS)
}

/// [`check`], the object literals' keys allowed `budget` comparisons.
fn scan(text: &str, budget: u64) -> Result<(), Refusal> {
    let mut scan = Scan {
        text,
        stack: Stack::default(),
        objects: Objects {
            budget,
            opened: 0,
            comparisons: 0,
            costliest: (0, 0, 0),
        },
        lookahead: 0,
    };
    let mut i = 0;
    loop {
        while i < text.len() {
            i = match scan.step(i)? {
                Step::Next => i + 1,
                Step::To(next) => next,
            };
        }
        match scan.end()? {
            Some(resume) => i = resume,
            None => return Ok(()),
        }
    }
}

/// Where the scan goes on after the byte at `i`.
enum Step {
    /// At the next byte.
    Next,
    /// At this offset.
    To(usize),
}

/// A scan under way.
struct Scan<'a> {
    text: &'a str,
    stack: Stack<'a>,
    objects: Objects,
    /// How far hcl-edit reads ahead for the end of empty heredocs.
    lookahead: usize,
}

impl<'a> Scan<'a> {
    /// Reads the byte at `i`, and what starts there.
    fn step(&mut self, i: usize) -> Result<Step, Refusal> {
        let text = self.text;
        let bytes = text.as_bytes();
        let rest = &bytes[i..];
        match self.stack.frames.last_mut() {
            Some(Frame::Quoted(template) | Frame::Heredoc(Heredoc { template, .. })) => {
                if rest.starts_with(b"$${") || rest.starts_with(b"%%{") {
                    return Ok(Step::To(i + 3));
                }
                if rest.starts_with(b"%{") {
                    template.directive(bytes, i + 2);
                }
                if rest.starts_with(b"${") || rest.starts_with(b"%{") {
                    if !self.stack.open(Frame::Interpolation) {
                        return Err(Refusal::TooDeep(i));
                    }
                    return Ok(Step::To(i + 2));
                }
                match (self.stack.top(), rest[0]) {
                    (Some(Frame::Quoted(template)), b'\\') if template.at_top() => {
                        return Ok(Step::To(i + 2));
                    }
                    (Some(Frame::Quoted(template)), b'"') if template.at_top() => {
                        self.stack.close();
                    }
                    (Some(Frame::Heredoc(heredoc)), b'\n') if heredoc.template.at_top() => {
                        if let Some(end) = heredoc_end(text, i + 1, heredoc.marker) {
                            self.stack.close();
                            return Ok(Step::To(end));
                        }
                    }
                    _ => {}
                }
                Ok(Step::Next)
            }
            _ => self.step_in_code(i),
        }
    }

    /// [`Scan::step`] outside templates.
    fn step_in_code(&mut self, i: usize) -> Result<Step, Refusal> {
        let text = self.text;
        let bytes = text.as_bytes();
        let rest = &bytes[i..];
        let top = self.stack.top();
        let in_attribute = matches!(top, Some(Frame::Attribute));
        let in_expression = top.is_some_and(Frame::is_expression);
        if rest.starts_with(b"#") || rest.starts_with(b"//") {
            return Ok(Step::To(
                memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| i + n),
            ));
        }
        if rest.starts_with(b"/*") {
            let end = memchr::memmem::find(&rest[2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
            return Ok(Step::To(end));
        }
        if let Some(Frame::Object(object)) = self.stack.frames.last_mut() {
            object.read(bytes, i, self.objects.opened);
        }
        if in_expression && let Some((marker, body)) = heredoc_start(text, i) {
            let empty_end = heredoc_end(text, body, marker);
            if empty_end.is_some() {
                self.look_ahead(i, body, marker)?;
            }
            self.stack.open(Frame::Heredoc(Heredoc {
                marker,
                template: Template::default(),
                empty_end,
            }));
            return Ok(Step::To(body));
        }
        if in_expression && matches!(rest[0], b'(' | b'[' | b'{') {
            let frame = if rest[0] == b'{' {
                self.objects.opened += 1;
                Frame::Object(Object::new(i))
            } else {
                Frame::Bracket
            };
            if !self.stack.open(frame) {
                return Err(Refusal::TooDeep(i));
            }
            return Ok(Step::Next);
        }
        match rest[0] {
            b'"' => {
                self.stack.open(Frame::Quoted(Template::default()));
            }
            b'{' => {
                self.stack.open(Frame::Block);
            }
            b'=' if !in_expression => {
                self.stack.open(Frame::Attribute);
            }
            b'\n' if in_attribute => {
                self.stack.close();
            }
            b')' | b']' | b'}' => {
                if let Some(Frame::Object(object)) = self.stack.close() {
                    self.objects.charge(object, bytes, i)?;
                }
                // An attribute on the line of its block's closing brace ends there, and the
                // brace closes the block.
                if in_attribute {
                    return Ok(Step::To(i));
                }
            }
            _ => {}
        }
        Ok(Step::Next)
    }

    /// What hcl-edit does with the heredoc at `start` whose first line, at `body`, is its end:
    /// it first reads ahead for a later end, to the end of the file when there is none.
    fn look_ahead(&mut self, start: usize, body: usize, marker: &str) -> Result<(), Refusal> {
        let bytes = self.text.as_bytes();
        if memchr::memchr_iter(b'\n', &bytes[body..])
            .any(|line_break| heredoc_end(self.text, body + line_break + 1, marker).is_some())
        {
            return Err(Refusal::AmbiguousHeredoc(start));
        }
        self.lookahead += bytes.len() - body;
        if self.lookahead > MAX_HEREDOC_LOOKAHEAD {
            return Err(Refusal::HeredocLookahead(start));
        }
        Ok(())
    }

    /// The end of the text: hcl-edit reads what is still open to here before it fails, or goes
    /// back to the first line of an empty heredoc, where the scan then resumes.
    fn end(&mut self) -> Result<Option<usize>, Refusal> {
        let bytes = self.text.as_bytes();
        while let Some(frame) = self.stack.close() {
            match frame {
                Frame::Object(object) => self.objects.charge(object, bytes, bytes.len())?,
                Frame::Heredoc(Heredoc {
                    empty_end: Some(end),
                    ..
                }) => return Ok(Some(end)),
                _ => {}
            }
        }
        Ok(None)
    }
}

/// The offset after the spaces, line breaks and comments at `at`, as hcl-edit skips them.
fn skip_trivia(bytes: &[u8], mut at: usize) -> usize {
    loop {
        at += bytes[at..]
            .iter()
            .take_while(|byte| byte.is_ascii_whitespace())
            .count();
        let rest = &bytes[at..];
        at = if rest.starts_with(b"#") || rest.starts_with(b"//") {
            memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| at + n)
        } else if rest.starts_with(b"/*")
            && let Some(n) = memchr::memmem::find(&rest[2..], b"*/")
        {
            at + n + 4
        } else {
            return at;
        };
    }
}

/// The marker and the offset of the first line of a heredoc starting at byte `at`, which need
/// not be a character boundary: `<<` or `<<-`, an identifier and a line break, as hcl-edit reads
/// it (anything else there is an error to hcl-edit).
fn heredoc_start(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let rest = bytes[at..].strip_prefix(b"<<")?;
    let marker_start = bytes.len() - rest.strip_prefix(b"-").unwrap_or(rest).len();
    let marker_end = marker_start
        + bytes[marker_start..]
            .iter()
            .take_while(|&&b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-') || !b.is_ascii()
            })
            .count();
    let body = if bytes[marker_end..].starts_with(b"\n") {
        marker_end + 1
    } else if bytes[marker_end..].starts_with(b"\r\n") {
        marker_end + 2
    } else {
        return None;
    };
    // The marker's ends are ASCII bytes or the end of the text, so character boundaries.
    let marker = text.get(marker_start..marker_end)?;
    Ident::try_new(marker).is_ok().then_some((marker, body))
}

/// Where the line at `at` ends a heredoc marked `marker`, as hcl-edit reads it: after spaces or
/// tabs, the marker and then anything but a character of an identifier (`EOT`, `EOT]`); the
/// offset after the marker, where code goes on.
fn heredoc_end(text: &str, at: usize, marker: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let start = at
        + bytes[at..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t'))
            .count();
    if !bytes[start..].starts_with(marker.as_bytes()) {
        return None;
    }
    let end = start + marker.len();
    match text.get(end..)?.chars().next() {
        None => Some(end),
        Some(next) if next.is_ascii() => {
            (!(next.is_ascii_alphanumeric() || matches!(next, '_' | '-'))).then_some(end)
        }
        // The marker followed by `next` is an identifier exactly when `next` may continue one.
        Some(next) => Ident::try_new(format!("{marker}{next}"))
            .is_err()
            .then_some(end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `text` nests too deep, if it does.
    fn too_deep(text: &str) -> Option<usize> {
        match check(text) {
            Ok(()) => None,
            Err(Refusal::TooDeep(offset)) => Some(offset),
            Err(refusal) => panic!("{refusal:?}: {text}"),
        }
    }

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

    /// Asserts that the object literals of `text` cost `expected` comparisons: the scan passes
    /// with that budget and refuses the last object with one less.
    fn assert_costs(text: &str, expected: u64) {
        assert_eq!(scan(text, expected), Ok(()), "{text}");
        if expected > 0 {
            assert!(
                matches!(scan(text, expected - 1), Err(Refusal::TooManyKeys { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn each_key_of_an_object_is_compared_with_every_other() {
        // Identifiers, numbers and plain strings weigh 1: three keys, 3 × 3.
        assert_costs("a = { k = 1, \"s\" = 2, 3 = 3 }\n", 9);
        assert_costs("a = {\n  k = 1\n  \"s\": 2\n  3 = 3\n}\n", 9);
        assert_costs("a = {\r\n  k = 1\r\n  l = 2\r\n}\r\n", 4);
        assert_costs("a = {}\nb = { k = 1, }\n", 1);
        // A plain string weighs 1 more for every 64 bytes.
        assert_costs(&format!("a = {{ \"{}\" = 1 }}\n", "x".repeat(126)), 3);
    }

    #[test]
    fn strings_comments_and_heredocs_hold_no_keys() {
        assert_costs("a = { \"x,{ }=:\" = \"y,{ }=: z = 1,\", b = \"}\" }\n", 4);
        assert_costs(
            "a = {\n  # c = 1, d = 2\n  k = 1 // e = 3, f = 4\n  /* g = 5, */ l = 2\n}\n",
            4,
        );
        assert_costs(
            "a = {\n  k = <<-EOT\n    x = 1, y = 2\n    }\n  EOT\n  l = \"${x}\"\n}\n",
            4,
        );
        // An escaped interpolation is text; a real one makes the key an expression.
        assert_costs("a = { \"$${k}\" = 1 }\n", 1);
        assert_costs("a = { \"${k}\" = 1 }\n", 24);
    }

    #[test]
    fn nested_objects_count_on_their_own_and_tuples_not_at_all() {
        // The outer object's two keys, 2 × 2, and the inner object's three, 3 × 3.
        assert_costs("a = { k = { x = 1, y = 2, z = 3 }, l = [1, 2] }\n", 13);
        assert_costs("a = [{ x = 1 }, { x = 1, y = 2 }]\n", 5);
        assert_costs("a = [1, 2, 3, 4, 5, 6, 7, 8]\nb = f(1, 2, 3)\n", 0);
        assert_costs("a = jsonencode({ x = { y = { z = 1 } } })\n", 3);
        assert_costs("a = \"${ { x = 1, y = 2 } }\"\n", 4);
        // A block is not an object: its attributes are not compared.
        assert_costs("locals {\n  a = 1\n  b = 2\n}\n", 0);
    }

    #[test]
    fn a_for_expression_compares_no_keys() {
        assert_costs("a = { for k, v in { x = 1, y = 2 } : k => v }\n", 4);
        assert_costs(
            "a = {\n  # c\n  for k, v in m : k => v if v != \"\"\n}\n",
            0,
        );
        // `format` is a key, not a `for`.
        assert_costs("a = { format = 1, b = 2 }\n", 4);
    }

    #[test]
    fn an_expression_key_weighs_four_per_byte() {
        // `(var.a)` is 7 bytes: 28, once.
        assert_costs("a = { (var.a) = 1 }\n", 28);
        // The `:` of a conditional and the `=` of a comparison are part of the key.
        assert_costs("a = { a ? b : c = 1 }\n", 36);
        assert_costs("a = { (a) == (b) = 1 }\n", 40);
        assert_costs("a = { a != b: 1, c <= d = 2 }\n", 2 * (24 + 24));
    }

    #[test]
    fn a_key_holding_an_object_weighs_the_square_of_its_length() {
        let inner = (0..10).map(|n| format!("k{n} = 1")).collect::<Vec<_>>();
        let key = format!("({{ {} }}.k0)", inner.join(", "));
        let length = key.len() as u64;
        assert!(length * length / 16 > 4 * length, "{key}");
        assert_costs(
            &format!("a = {{ {key} = 1 }}\n"),
            length * length / 16 + 10 * 10,
        );
    }

    #[test]
    fn an_object_never_closed_is_counted_to_the_end_of_the_file() {
        assert_costs("a = { k = 1, l = 2, m = 3", 9);
        // `(m` weighs 8, and there are three keys.
        assert_costs("a = { k = 1, l = 2, (m", 3 * (1 + 1 + 8));
    }

    #[test]
    fn the_costliest_object_is_named_when_the_file_costs_too_much() {
        let text = "a = { k = 1 }\nb = { k = 1, l = 2, m = 3 }\nc = { k = 1, l = 2 }\n";
        assert_eq!(
            scan(text, 13),
            Err(Refusal::TooManyKeys {
                start: text.find("{ k = 1, l = 2, m").expect("the second object"),
                keys: 3
            })
        );
        let nested = "a = { k = 1, l = { x = 1, y = 2, z = 3 } }\n";
        assert_eq!(
            scan(nested, 12),
            Err(Refusal::TooManyKeys {
                start: nested.find("{ x").expect("the inner object"),
                keys: 3
            })
        );
    }

    /// The objects' cost is counted where hcl-edit reads code: wherever the scan took text for
    /// code or code for text, an object could be hidden from it.
    #[test]
    fn strings_and_heredocs_end_where_hcl_edit_ends_them() {
        // A quoted string may span lines.
        assert_costs("a = \"x\n\" == { k = 1, l = 2 }\n", 4);
        assert_costs("a = \"x\n{ k = 1, l = 2 }\"\n", 0);
        // A heredoc ends at its marker after spaces or tabs, and the line goes on as code.
        assert_costs("a = [<<EOT\nx\nEOT, { k = 1, l = 2 }]\n", 4);
        assert_costs("a = [<<-EOT\n  x\n\t EOT\n, { k = 1, l = 2 }]\n", 4);
        assert_costs("a = <<EOT\r\nx\r\nEOT\r\nb = { k = 1 }\r\n", 1);
        // A longer identifier is not its marker.
        assert_costs("a = <<EOT\nEOTX = { k = 1 }\nEOT-1 = { k = 1 }\nEOT\n", 0);
        // Markers may be any identifier; a character that cannot continue one ends it.
        assert_costs("a = <<ÉOT\n{ (\nÉOT\nb = { k = 1 }\n", 1);
        assert_costs("a = <<EOT\nEOTé = { k = 1 }\nEOT\n", 0);
        // (hcl-edit then fails at `→`.)
        assert_costs("a = [<<EOT\nx\nEOT→ { k = 1, l = 2 }]\n", 4);
        // Not a heredoc to hcl-edit, which fails there: code to the scan.
        assert_costs("a = [<<EOT , { k = 1 }]\nEOT\n", 1);
    }

    #[test]
    fn an_empty_heredoc_is_read_ahead_of_then_read_as_code() {
        assert_costs("a = <<EOT\nEOT\nb = { k = 1, l = 2 }\n", 4);
        // An object in an interpolation is read once while hcl-edit looks ahead and once as code.
        assert_costs("a = <<EOT\nEOT\nb = \"${ { k = 1, l = 2 } }\"\n", 8);
        assert_costs("a = <<EOT\nEOT\n# ${ { k = 1, l = 2 } }\n", 4);
    }

    #[test]
    fn an_empty_heredoc_with_its_marker_on_a_later_line_is_refused() {
        for text in [
            "a = <<EOT\nEOT\nb = { k = 1, l = 2 }\nEOT\n",
            "a = <<EOT\nEOT\nb = <<ZZZ\n  EOT]\nc = 1\n",
            "a = [<<EOT\n  EOT, 1]\nb = \"\nEOT\"\n",
        ] {
            let start = text.find("<<").expect("a heredoc");
            assert_eq!(check(text), Err(Refusal::AmbiguousHeredoc(start)), "{text}");
        }
        assert_costs("a = <<EOT\nEOT\nb = <<EOT\nx\nEOTX\n", 0);
    }

    #[test]
    fn quotes_markers_and_backslashes_are_text_in_directives() {
        // hcl-edit reads a directive's body as a template of its own.
        assert_costs(
            "a = \"%{ if c }x\" == { k = 1 }%{ endif }\"\nb = { k = 1 }\n",
            1,
        );
        assert_costs(
            "a = <<EOT\n%{ for x in y }\nEOT\nb = { k = 1 }\n%{ endfor }\nEOT\n",
            0,
        );
        assert_costs("a = \"%{ if c }\\${ { k = 1 } }%{ endif }\"\n", 1);
        // Its first word comes after a strip marker, spaces or comments.
        assert_costs(
            "a = \"%{~ /* c */\n if c }\" == { k = 1 }%{ else }\"%{ endif }\"\nb = { k = 1 }\n",
            1,
        );
        // Directives nest, and what closes none is left to hcl-edit to refuse.
        assert_costs(
            "a = \"%{ if c }%{ for x in y }\"%{ endif }\"%{ endfor }\"%{ endif }\"\nb = { k = 1 }\n",
            1,
        );
    }

    #[test]
    fn looking_ahead_for_the_end_of_empty_heredocs_is_bounded() {
        let heredocs: String = (0..300).map(|n| format!("x{n} = <<M{n}\nM{n}\n")).collect();
        let text = format!("{heredocs}# {}\n", "x".repeat(20_000));
        let Err(Refusal::HeredocLookahead(start)) = check(&text) else {
            panic!("{:?}", check(&text));
        };
        assert!(text[start..].starts_with("<<M"), "{}", &text[start..]);
        // Each reads 20 KB ahead and more: 2 MiB is passed before the 105th.
        let before = text[..start].matches("<<").count();
        assert!((80..105).contains(&before), "{before}");
        assert_eq!(
            check(&format!("{heredocs}# {}\n", "x".repeat(2_000))),
            Ok(())
        );
    }
}
