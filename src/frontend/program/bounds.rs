//! The bounds of reading a program, whatever its language and framework: how deep its syntax
//! may nest, and how many steps its evaluation may take.

use crate::frontend::UnitFile;
use crate::frontend::bounds::Budget;
use crate::input_error::InputError;
use crate::source::Span;

/// How deeply a program's syntax tree may nest. Real code stays far below: of 9,000 Python,
/// JavaScript and TypeScript files surveyed (Python's standard library, npm, minified jQuery),
/// the deepest tree nests 88 levels. The front-ends look names up by walking a node's ancestors,
/// and tree-sitter finds a node's parent by descending from the root, so that one walk costs the
/// square of the depth: a deeper file is an input error rather than minutes of work.
pub const MAX_PROGRAM_DEPTH: usize = 256;

/// An input error at the first node of a program's syntax tree that nests deeper than
/// [`MAX_PROGRAM_DEPTH`], if any.
pub fn too_deep(tree: &tree_sitter::Tree, file: UnitFile) -> Option<InputError> {
    let mut cursor = tree.walk();
    let mut depth = 0;
    loop {
        if depth > MAX_PROGRAM_DEPTH {
            let start = cursor.node().start_byte();
            return Some(InputError {
                path: file.source.display_path.clone(),
                span: Some(Span::new(file.id, start, start)),
                message: format!(
                    "the program nests more than {MAX_PROGRAM_DEPTH} levels deep: the file is not read"
                ),
            });
        }
        // A subtree of fewer nodes than the levels left cannot go too deep: most are not entered.
        let deepest = depth + cursor.node().descendant_count() - 1;
        if deepest > MAX_PROGRAM_DEPTH && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
            depth -= 1;
        }
    }
}

/// How many steps the evaluation of one program may take, shared by all its values: following a
/// reference, reading an element of an array or a property of an object, and copying bytes of
/// a string built. The programs of the test corpus take at most 135 steps, one of 10,000
/// resources 30,000. Past the budget, every value still to be read is unknown, so that no
/// program keeps irlint busy for more than about a second or builds more than a few MiB of
/// strings.
pub const MAX_STEPS: usize = 1_000_000;

/// The budget of one program's evaluation (in any language, YAML too).
pub fn budget() -> Budget {
    Budget::new(MAX_STEPS, "program")
}
