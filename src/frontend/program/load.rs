//! The loader: parses the entry modules of a program and every project module they import,
//! breadth first, each file once, and lowers each module into one [`Program`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tree_sitter::Parser;

use super::lower::{Language, Source};
use super::project::ProgramFiles;
use super::{Lowerer, ModuleId, Program, SourceModule};
use crate::frontend::UnitFile;
use crate::input_error::InputError;

/// Loads the program of a project. A file with syntax errors is reported and still read, as far
/// as tree-sitter recovered it; a file that cannot be parsed at all is reported and left out.
/// `None` when no module could be loaded.
pub fn load(project: &ProgramFiles, language: &dyn Language) -> (Option<Program>, Vec<InputError>) {
    let mut errors = Vec::new();
    let entries = match project.entries.as_slice() {
        [] => language.entries(project),
        named => Ok(named.to_vec()),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(message) => {
            errors.push(InputError {
                path: project.manifest.source.display_path.clone(),
                span: None,
                message,
            });
            return (None, errors);
        }
    };
    let mut program = Program::default();
    let mut parser = Parser::new();
    let mut keys = Keys::default();
    for entry in entries {
        keys.add(entry, true, &mut program);
    }
    let mut next = 0;
    let mut imports_seen = 0;
    while next < program.modules.len() {
        let key = keys.paths[next].clone();
        let module = ModuleId(next as u32);
        let sources: Vec<Source> = language
            .files(project, &key)
            .into_iter()
            .filter_map(|file| parse(&mut parser, language, file, &mut errors))
            .collect();
        program.modules[next].files = sources.iter().map(|source| source.file.id).collect();
        // Room for as many expressions as a module of this size may hold, so that the arena is
        // never copied as it grows: room not filled takes no memory.
        let bytes: usize = sources.iter().map(|s| s.file.source.text.len()).sum();
        program.expressions.reserve(bytes / 4);
        let in_project = |specifier: &str| language.resolve(project, &key, specifier).is_some();
        language.lower(
            &sources,
            &mut Lowerer::new(&mut program, module, &in_project),
        );
        crate::frontend::drop_in_background(
            sources.into_iter().map(|s| s.tree).collect::<Vec<_>>(),
        );
        // The imports this module added, resolved now so that what they name is loaded next.
        while imports_seen < program.imports.len() {
            let import = &program.imports[imports_seen];
            if let Some(target) = language.resolve(project, &key, &import.specifier) {
                let target = keys.add(target, false, &mut program);
                program.imports[imports_seen].target = Some(target);
            }
            imports_seen += 1;
        }
        next += 1;
    }
    let loaded = program
        .modules
        .iter()
        .any(|module| !module.files.is_empty());
    (loaded.then_some(program), errors)
}

/// The key of each module loaded, by its id and the other way round.
#[derive(Default)]
struct Keys {
    paths: Vec<PathBuf>,
    ids: HashMap<PathBuf, ModuleId>,
}

impl Keys {
    /// The module of a key, added to the program (to be loaded) when it is new.
    fn add(&mut self, key: PathBuf, entry: bool, program: &mut Program) -> ModuleId {
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = ModuleId(program.modules.len() as u32);
        program.modules.push(SourceModule {
            entry,
            ..SourceModule::default()
        });
        self.ids.insert(key.clone(), id);
        self.paths.push(key);
        id
    }
}

/// Parses one file, reporting what is wrong with it.
fn parse<'a>(
    parser: &mut Parser,
    language: &dyn Language,
    file: UnitFile<'a>,
    errors: &mut Vec<InputError>,
) -> Option<Source<'a>> {
    let error = |message: String| InputError {
        path: file.source.display_path.clone(),
        span: None,
        message,
    };
    let name = language.file_language(&file.source.path);
    if let Err(e) = parser.set_language(&language.grammar(&file.source.path)) {
        errors.push(error(format!("cannot load the {name} grammar: {e}")));
        return None;
    }
    let Some(tree) = parser.parse(&file.source.text, None) else {
        errors.push(error("the parser gave up on this file".to_owned()));
        return None;
    };
    if let Some(too_deep) = super::bounds::too_deep(&tree, file) {
        errors.push(too_deep);
        return None;
    }
    let source = Source { file, tree };
    if let Some(syntax_error) = first_syntax_error(&source, language) {
        errors.push(syntax_error);
    }
    Some(source)
}

/// The first place tree-sitter could not parse, as an input error.
fn first_syntax_error(source: &Source, language: &dyn Language) -> Option<InputError> {
    let root = source.tree.root_node();
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    let node = loop {
        let node = cursor.node();
        if (node.is_error() || node.is_missing()) && !language.tolerates(source, node) {
            break node;
        }
        // Only a subtree that holds an error is worth entering.
        if node.has_error() && !node.is_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    };
    let name = language.file_language(&source.file.source.path);
    let message = if node.is_missing() {
        format!("invalid {name}: missing `{}`", node.kind())
    } else {
        let text = source
            .text(node)
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let text: String = text.chars().take(20).collect();
        if text.is_empty() {
            format!("invalid {name}")
        } else {
            format!("invalid {name}: unexpected `{text}`")
        }
    };
    let span = match node.is_missing() {
        true => language.missing_span(source, node),
        false => source.span(node),
    };
    Some(InputError {
        path: source.file.source.display_path.clone(),
        span: Some(span),
        message,
    })
}

/// A relative path without `.` and with `..` applied; `None` when it leaves its root.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !normal.pop() {
                    return None;
                }
            }
            std::path::Component::Normal(part) => normal.push(part),
            _ => return None,
        }
    }
    Some(normal)
}
