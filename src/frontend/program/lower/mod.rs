//! One lowering per language: its syntax, scoping and imports in, a [`Program`](crate::frontend::program::Program) out.
//!
//! A lowering knows its language and nothing of any framework: it turns every expression it
//! meets into an [`Expr`](super::Expr) (what it cannot represent into an opaque one with the
//! reason), resolves each name the way its language scopes it (to a [`Binding`](super::Binding),
//! a global path, or a name another module exports), and records how many times each call runs.

pub mod csharp;
pub mod go;
pub mod java;
pub mod python;
pub mod typescript;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Tree};

use super::{BindingId, ExprId, Lowerer, Part, push_text};
use crate::frontend::UnitFile;
use crate::frontend::program::project::ProgramFiles;
use crate::model::Unchecked;

/// A file of a module, parsed.
pub struct Source<'a> {
    pub file: UnitFile<'a>,
    pub tree: Tree,
}

impl Source<'_> {
    /// The source text of a node.
    pub fn text(&self, node: Node) -> &str {
        self.file
            .source
            .text
            .get(node.byte_range())
            .unwrap_or_default()
    }

    pub fn span(&self, node: Node) -> crate::source::Span {
        let range = node.byte_range();
        crate::source::Span::new(self.file.id, range.start, range.end)
    }
}

/// The named children of a node that are code: comments left out, a node tree-sitter could not
/// parse kept (even where it made it an extra), so that it is lowered as what does not parse.
pub fn children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| child.is_error() || !child.is_extra())
        .collect()
}

/// The named children of a node that are code, but some.
pub fn children_but<'t>(node: Node<'t>, but: &[Option<Node<'t>>]) -> Vec<Node<'t>> {
    let children = children(node).into_iter();
    children
        .filter(|child| !but.contains(&Some(*child)))
        .collect()
}

/// The child a node has in a field of its grammar. tree-sitter finds a field by comparing its
/// name with each of the grammar's in turn (a tenth of a lowering's time), so each thread keeps
/// the ids it found in a small cache, by the name (a literal: its address) and the grammar; a
/// slot taken by another name is looked up again.
pub fn field<'t>(node: Node<'t>, name: &'static str) -> Option<Node<'t>> {
    // A literal may start where a longer one does: the name is its address and its length.
    type Slot = Option<((usize, usize), tree_sitter::Language, Option<NonZeroU16>)>;
    thread_local! {
        static IDS: RefCell<Vec<Slot>> = RefCell::new(vec![None; 512]);
    }
    let (address, language) = (name.as_ptr() as usize, node.language());
    let key = (address, name.len());
    let id = IDS.with_borrow_mut(|ids| {
        let slot = &mut ids[(address ^ (address >> 9)) % 512];
        match slot {
            Some((at, grammar, id)) if *at == key && grammar == &*language => *id,
            _ => {
                let id = language.field_id_for_name(name);
                *slot = Some((key, (*language).clone(), id));
                id
            }
        }
    });
    id.and_then(|id| node.child_by_field_id(id.get()))
}

/// The named children of the child a node has in a field (none without it).
pub fn field_children<'t>(node: Node<'t>, name: &'static str) -> Vec<Node<'t>> {
    field(node, name).map(children).unwrap_or_default()
}

/// The first named child of a node of a kind.
pub fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    children(node)
        .into_iter()
        .find(|child| child.kind() == kind)
}

/// Whether a node has a child of a kind, keywords and punctuation included.
pub fn has_child(node: Node, kind: &str) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor).any(|child| child.kind() == kind)
}

/// A loop whose body a lowering is in, when each of its turns may be read: the list it goes
/// over, its variable, and how many branches, loops and functions enclose its body.
pub type Turn = (ExprId, BindingId, usize);

/// How an append found where `here` branches, loops and functions enclose it runs, to a list
/// declared under `declared` of them: once (`Some(None)`) at the list's own level; for each
/// element of the loop (`Some(Some((list, variable)))`) directly in the body of the `turn` just
/// inside the list's level; not as one value (`None`) anywhere else.
pub fn appending(
    declared: Option<usize>,
    here: usize,
    turn: Option<Turn>,
) -> Option<Option<(ExprId, BindingId)>> {
    if declared == Some(here) {
        return Some(None);
    }
    let (list, variable, body) = turn?;
    let directly = body == here && declared.is_some_and(|declared| declared + 1 == here);
    directly.then_some(Some((list, variable)))
}

/// Whether a loop's body holds a statement of these kinds (`break`, `continue`, `return`): then a
/// turn may end before what the body appends, and what the loop builds is not read.
pub fn leaves_early(body: Node, kinds: &str) -> bool {
    let mut cursor = body.walk();
    loop {
        if among(kinds, cursor.node().kind()) {
            return true;
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node() == body {
                return false;
            }
        }
    }
}

/// Whether a kind is one of a list of kinds separated by spaces.
pub fn among(kinds: &str, kind: &str) -> bool {
    // This runs for every node of a program: a substring search (vectorised) first, since most
    // kinds are in no list.
    kinds.contains(kind) && kinds.split(' ').any(|k| k == kind)
}

/// The operands of a chain `a + b + c`, left to right, found without recursion (a long chain
/// nests as deep as it is long); `None` when the node is no `+` of two operands. Every grammar
/// names a binary operation's parts `left`, `operator` and `right`.
pub fn sum_operands(node: Node) -> Option<Vec<Node>> {
    let mut operands = Vec::new();
    let mut current = node;
    while current.kind() == node.kind()
        && field(current, "operator").is_some_and(|operator| operator.kind() == "+")
        && let (Some(left), Some(right)) = (field(current, "left"), field(current, "right"))
    {
        operands.push(right);
        current = left;
    }
    if operands.is_empty() {
        return None;
    }
    operands.push(current);
    operands.reverse();
    Some(operands)
}

/// How a language escapes characters in its string literals: what the C family differs in (a
/// backslash at the end stands for itself everywhere).
pub struct Escapes {
    /// The letters that stand for a character, each followed by the character.
    pub simple: &'static str,
    /// The line ends a backslash continues a line over: it stands for nothing (a `\r` then
    /// a `\n` is one line end).
    pub continued: &'static str,
    /// The letters that start a character's code in hex, and the fewest and the most digits
    /// each takes.
    pub hex: &'static [(char, usize, usize)],
    /// The fewest digits of an octal escape (of three at the most) and the greatest value it
    /// may have; `None` where a digit escapes nothing.
    pub octal: Option<(usize, u32)>,
    /// Whether a hex escape may hold its digits in braces, as many as written (`\u{1F600}`).
    pub braces: bool,
    /// Whether the letter of a hex escape may be written more than once (`\uuu0041`).
    pub repeats: bool,
    /// Whether an octal or `\x` escape is a byte of the text's UTF-8 rather than a character.
    pub bytes: bool,
    /// Whether a hex escape of no character (no digits, or a code of none) stands for U+FFFD.
    pub replacement: bool,
    /// Whether an escape of none of these keeps its backslash (else it is what follows it).
    pub keeps_backslash: bool,
}

impl Escapes {
    /// No escapes but those of a quote and a backslash: what each language's adds to.
    pub const BASE: Escapes = Escapes {
        simple: "",
        continued: "",
        hex: &[],
        octal: None,
        braces: false,
        repeats: false,
        bytes: false,
        replacement: false,
        keeps_backslash: false,
    };
}

/// A string literal's text with its escapes decoded.
pub fn unescape(text: &str, escapes: &Escapes) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let escape = &rest[at + 1..];
        rest = &escape[decode(escape, escapes, &mut out)..];
    }
    out.extend_from_slice(rest.as_bytes());
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes the escape that follows a backslash, and says how many bytes of the text it takes.
fn decode(escape: &str, escapes: &Escapes, out: &mut Vec<u8>) -> usize {
    let Some(letter) = escape.chars().next() else {
        out.push(b'\\');
        return 0;
    };
    let mut taken = letter.len_utf8();
    let mut simple = escapes.simple.chars();
    while let (Some(simple), Some(character)) = (simple.next(), simple.next()) {
        if simple == letter {
            out.extend_from_slice(character.encode_utf8(&mut [0; 4]).as_bytes());
            return taken;
        }
    }
    if escapes.continued.contains(letter) {
        let crlf = letter == '\r' && escape[taken..].starts_with('\n');
        return taken + usize::from(crlf);
    }
    let hex = escapes.hex.iter().find(|(hex, ..)| *hex == letter);
    let (radix, mut fewest, mut most, max) = match (hex, escapes.octal) {
        (Some(&(_, fewest, most)), _) => (16, fewest, most, u32::MAX),
        // The first digit is the escape's.
        (None, Some((fewest, max))) if letter.is_digit(8) => (8, fewest, 3, max),
        _ => return otherwise(escape, taken, escapes, out),
    };
    if radix == 8 {
        taken = 0;
    } else if escapes.repeats {
        taken = escape.len() - escape[taken..].trim_start_matches(letter).len();
    }
    let braced = radix == 16 && escapes.braces && escape[taken..].starts_with('{');
    if braced {
        (fewest, most) = (1, usize::MAX);
    }
    let start = taken + usize::from(braced);
    let (mut end, mut value) = (start, 0u32);
    for digit in escape[start..].chars().map_while(|c| c.to_digit(radix)) {
        match value.checked_mul(radix).and_then(|v| v.checked_add(digit)) {
            Some(next) if end - start < most && next <= max => (value, end) = (next, end + 1),
            _ => break,
        }
    }
    let closed = !braced || escape[end..].starts_with('}');
    taken = end + usize::from(braced && closed);
    let complete = end - start >= fewest.max(1) && closed;
    let byte = escapes.bytes && (radix == 8 || letter == 'x');
    match char::from_u32(value).filter(|_| complete) {
        _ if complete && byte && value <= 0xff => out.push(value as u8),
        Some(c) if !byte => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        _ if escapes.replacement && radix == 16 => out.extend_from_slice("\u{fffd}".as_bytes()),
        _ => return otherwise(escape, taken, escapes, out),
    }
    taken
}

/// An escape not decoded: as written, or without its backslash.
fn otherwise(escape: &str, taken: usize, escapes: &Escapes, out: &mut Vec<u8>) -> usize {
    if escapes.keeps_backslash {
        out.push(b'\\');
    }
    out.extend_from_slice(&escape.as_bytes()[..taken]);
    taken
}

/// What a conversion of a printf-style format (`%s`) writes.
pub enum Conversion {
    /// The next value, between these quotes (`"` for Go's `%q`).
    Value(&'static str),
    /// A text, and no value (Java's `%n`).
    Text(&'static str),
}

/// Why a printf-style format is not read.
pub enum Unread {
    /// A conversion `conversion` does not know, or a flag or a width.
    Conversion,
    TooFewValues,
}

/// The parts a printf-style format (Go's `fmt.Sprintf`, Java's `String.format`) writes with
/// these values, each conversion but `%%` read by `conversion`, and how many of the values it
/// takes.
pub fn printf(
    format: &str,
    values: &[ExprId],
    conversion: impl Fn(char) -> Option<Conversion>,
) -> Result<(Vec<Part>, usize), Unread> {
    let (mut parts, mut taken) = (Vec::new(), 0);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        let written = match (c == '%').then(|| chars.next()) {
            None => {
                push_text(&mut parts, c.encode_utf8(&mut [0; 4]));
                continue;
            }
            Some(Some('%')) => Conversion::Text("%"),
            Some(verb) => verb.and_then(&conversion).ok_or(Unread::Conversion)?,
        };
        match written {
            Conversion::Text(text) => push_text(&mut parts, text),
            Conversion::Value(quote) => {
                let value = values.get(taken).ok_or(Unread::TooFewValues)?;
                taken += 1;
                push_text(&mut parts, quote);
                parts.push(Part::Value(*value));
                push_text(&mut parts, quote);
            }
        }
    }
    Ok((parts, taken))
}

/// The note that a project's program is in a language irlint does not read, when one of its
/// files is of another language its runtime runs (`others`: extensions and names,
/// `("fs", "F#")`), at the start of that file.
pub fn unread_language(project: &ProgramFiles, others: &[(&str, &str)]) -> Option<Unchecked> {
    project.sources.iter().find_map(|file| {
        let extension = file.source.path.extension()?.to_str()?.to_ascii_lowercase();
        let (_, language) = others.iter().find(|(other, _)| *other == extension)?;
        Some(Unchecked::new(
            crate::source::Span::new(file.id, 0, 0),
            format!("a program in {language} is not read"),
            "of the languages the dotnet and java runtimes run, irlint reads C# and Java",
        ))
    })
}

/// A language a program may be written in.
pub trait Language: Sync {
    /// As the user names it: `TypeScript`, `Go`.
    fn name(&self) -> &'static str;

    /// The grammar of a source file of the language.
    fn grammar(&self, path: &Path) -> tree_sitter::Language;

    /// The language's name for a file, in messages (`JavaScript` for a `.js` file of a
    /// TypeScript program).
    fn file_language(&self, _path: &Path) -> &'static str {
        self.name()
    }

    /// The modules the program starts from, by the key [`Language::files`] reads: a file's or a
    /// directory's path relative to the project directory. An error says what was looked for.
    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String>;

    /// Why the program is not read, when it is written in another language the runtime runs
    /// (F# for `dotnet`): nothing is wrong with it, but it is not checked.
    fn unread(&self, _project: &ProgramFiles) -> Option<Unchecked> {
        None
    }

    /// The source files of the module a key names, in the order they are lowered.
    fn files<'a>(&self, project: &ProgramFiles<'a>, module: &Path) -> Vec<UnitFile<'a>>;

    /// The key of the project module an import names, when it is the project's own.
    fn resolve(&self, project: &ProgramFiles, from: &Path, specifier: &str) -> Option<PathBuf>;

    /// Whether a node tree-sitter could not parse is valid code of the language all the same
    /// (syntax newer than the grammar): it is not reported.
    fn tolerates(&self, _source: &Source, _error: tree_sitter::Node) -> bool {
        false
    }

    /// Where to report a token tree-sitter found missing: by default where it is missing, just
    /// after the token before it.
    fn missing_span(&self, source: &Source, missing: Node) -> crate::source::Span {
        source.span(missing)
    }

    /// Lowers the files of one module into the program.
    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer);
}
