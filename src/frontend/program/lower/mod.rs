//! One lowering per language: its syntax, scoping and imports in, a [`Program`] out.
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

use std::path::{Path, PathBuf};

use tree_sitter::Tree;

use super::Lowerer;
use crate::frontend::UnitFile;
use crate::frontend::pulumi::Project;

/// A file of a module, parsed.
pub struct Source<'a> {
    pub file: UnitFile<'a>,
    pub tree: Tree,
}

impl Source<'_> {
    /// The source text of a node.
    pub fn text(&self, node: tree_sitter::Node) -> &str {
        self.file
            .source
            .text
            .get(node.byte_range())
            .unwrap_or_default()
    }

    pub fn span(&self, node: tree_sitter::Node) -> crate::source::Span {
        let range = node.byte_range();
        crate::source::Span::new(self.file.id, range.start, range.end)
    }
}

/// The named children of a node that are code: comments left out, a node tree-sitter could not
/// parse kept (even where it made it an extra), so that it is lowered as what does not parse.
pub fn children(node: tree_sitter::Node) -> Vec<tree_sitter::Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| child.is_error() || !child.is_extra())
        .collect()
}

/// The operands of a chain `a + b + c`, left to right, found without recursion (a long chain
/// nests as deep as it is long); `None` when the node is no `+` of two operands. Every grammar
/// names a binary operation's parts `left`, `operator` and `right`.
pub fn sum_operands(node: tree_sitter::Node) -> Option<Vec<tree_sitter::Node>> {
    let mut operands = Vec::new();
    let mut current = node;
    while current.kind() == node.kind()
        && current
            .child_by_field_name("operator")
            .is_some_and(|operator| operator.kind() == "+")
        && let (Some(left), Some(right)) = (
            current.child_by_field_name("left"),
            current.child_by_field_name("right"),
        )
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
    fn entries(&self, project: &Project) -> Result<Vec<PathBuf>, String>;

    /// The source files of the module a key names, in the order they are lowered.
    fn files<'a>(&self, project: &Project<'a>, module: &Path) -> Vec<UnitFile<'a>>;

    /// The key of the project module an import names, when it is the project's own.
    fn resolve(&self, project: &Project, from: &Path, specifier: &str) -> Option<PathBuf>;

    /// Whether a node tree-sitter could not parse is valid code of the language all the same
    /// (syntax newer than the grammar): it is not reported.
    fn tolerates(&self, _source: &Source, _error: tree_sitter::Node) -> bool {
        false
    }

    /// Where to report a token tree-sitter found missing: by default where it is missing, just
    /// after the token before it.
    fn missing_span(&self, source: &Source, missing: tree_sitter::Node) -> crate::source::Span {
        source.span(missing)
    }

    /// Lowers the files of one module into the program.
    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer);
}
