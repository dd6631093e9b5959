//! The program: the modules Pulumi runs, parsed with tree-sitter, and what a name means where it
//! is used.
//!
//! Loading starts at the entry module and follows the imports of the project's own modules,
//! each module once. Every scope (a module, a function, a class, a lambda, a comprehension) gets
//! an index of the names it binds. A name means something only when the nearest scope that binds
//! it binds it once, unconditionally: otherwise its value depends on how the program runs.
//!
//! The program may be a stranger's, written to blow up: forty levels of modules that each
//! `from … import *` two modules of the next level took minutes to search. So what a name's
//! binding holds is followed once and kept, and so is what a module defines under each name;
//! a name reached again while it is worked out is a cycle; the whole evaluation has one budget.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Parser, Tree};

use super::imports::{Files, Target, node_text};
use super::scopes::{self, Binding, Scopes, opens_scope};
use super::sdk::Package;
use super::values::{Evaluated, shorten};
use crate::frontend::bounds::{Budget, Memo};
use crate::frontend::pulumi::{self, Project};
use crate::frontend::{InputError, UnitFile};
use crate::source::{FileId, Span};

/// How deeply names may refer to names, so that following them stays well within the thread's
/// stack. Cycles (`a = b`, `b = a`) are found before: a chain this long is code no one writes.
pub const MAX_DEPTH: usize = 64;

/// Index of a module in [`Program::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModuleId(pub usize);

/// A parsed module of the project.
pub struct Module<'a> {
    pub file: UnitFile<'a>,
    /// The directory its relative imports start from.
    package: PathBuf,
    tree: Tree,
}

/// A node of a module's tree.
#[derive(Clone, Copy, Debug)]
pub struct At<'t> {
    pub module: ModuleId,
    pub file: FileId,
    pub node: Node<'t>,
}

impl<'t> At<'t> {
    pub fn span(&self) -> Span {
        Span::new(self.file, self.node.start_byte(), self.node.end_byte())
    }

    pub fn with(&self, node: Node<'t>) -> At<'t> {
        At { node, ..*self }
    }

    pub fn field(&self, name: &str) -> Option<At<'t>> {
        self.node
            .child_by_field_name(name)
            .map(|node| self.with(node))
    }

    /// The named children, without comments.
    pub fn children(&self) -> Vec<At<'t>> {
        let mut cursor = self.node.walk();
        self.node
            .named_children(&mut cursor)
            .filter(|child| child.kind() != "comment")
            .map(|child| self.with(child))
            .collect()
    }

    /// A key that tells nodes apart across modules.
    pub fn key(&self) -> (ModuleId, usize) {
        (self.module, self.node.id())
    }
}

/// What an expression means after names were followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Meaning<'t> {
    /// Something an SDK defines: `aws.ssmincidents`, `aws.Region.US_WEST2`.
    Sdk {
        package: Package,
        path: Vec<&'t str>,
    },
    /// A module of the project.
    Module(PathBuf),
    /// An expression that is not a name: the value is what [`Reached::at`] says.
    Expr,
}

/// An expression after names were followed: what it means, the node that says so, and whether
/// a name led there.
#[derive(Clone, Debug)]
pub struct Reached<'t> {
    pub meaning: Meaning<'t>,
    pub at: At<'t>,
    pub via_reference: bool,
}

impl<'t> Reached<'t> {
    /// Where the value is written, when that is not where it is used.
    pub fn definition(&self) -> Option<Span> {
        self.via_reference.then(|| self.at.span())
    }

    /// The node, when it is an expression of this kind.
    pub fn expr(&self, kind: &str) -> Option<At<'t>> {
        (self.meaning == Meaning::Expr && self.at.node.kind() == kind).then_some(self.at)
    }
}

/// The loaded modules, entry first, and the syntax errors met.
pub struct Loaded<'a> {
    pub modules: Vec<Module<'a>>,
    pub errors: Vec<InputError>,
    files: Files<'a>,
    /// The modules by dotted name as a path below the project directory: `infra/keys` for
    /// `infra.keys`, whose file is `infra/keys.py` or `infra/keys/__init__.py`.
    by_name: HashMap<PathBuf, ModuleId>,
}

/// Parses the entry module and, transitively, the project modules it imports.
pub fn load<'a>(project: &'a Project<'a>) -> Loaded<'a> {
    let entry = match &project.main {
        Some(main) if project.source(Path::new(main)).is_some() => PathBuf::from(main),
        Some(main) => Path::new(main).join("__main__.py"),
        None => PathBuf::from("__main__.py"),
    };
    let mut loader = Loader {
        files: Files::new(project),
        parser: Parser::new(),
        modules: Vec::new(),
        loaded: HashMap::new(),
        by_file: HashMap::new(),
        unread: HashSet::new(),
        errors: Vec::new(),
    };
    let Some(file) = project.source(&entry) else {
        loader.errors.push(InputError {
            path: project.project_file.source.display_path.clone(),
            span: None,
            message: format!(
                "the program's entry `{}` is not in the project",
                entry.display()
            ),
        });
        return loader.finish();
    };
    let entry_directory = entry.parent().map(Path::to_path_buf).unwrap_or_default();
    // Python searches the entry's directory first; Pulumi runs the program from the project
    // directory, which comes next.
    loader.files.roots.push(entry_directory.clone());
    if entry_directory != Path::new("") {
        loader.files.roots.push(PathBuf::new());
    }
    if let Err(message) = loader
        .parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
    {
        loader.errors.push(InputError {
            path: file.source.display_path.clone(),
            span: None,
            message: format!("cannot load the Python grammar: {message}"),
        });
        return loader.finish();
    }
    let mut queue = VecDeque::new();
    loader.parse(entry.with_extension(""), entry_directory, file, &mut queue);
    while let Some(name) = queue.pop_front() {
        if loader.loaded.contains_key(&name) {
            continue;
        }
        let Some((file, package)) = loader.files.module_file(&name) else {
            continue;
        };
        if loader.unread.contains(&file.id) {
            continue;
        }
        // A file reached under two names (through two search roots) is read once.
        match loader.by_file.get(&file.id) {
            Some(&read) => {
                loader.loaded.insert(name, read);
            }
            None => loader.parse(name, package, file, &mut queue),
        }
    }
    loader.finish()
}

struct Loader<'p> {
    files: Files<'p>,
    parser: Parser,
    modules: Vec<Module<'p>>,
    loaded: HashMap<PathBuf, ModuleId>,
    /// The module read from each file.
    by_file: HashMap<FileId, ModuleId>,
    /// The files that could not be read, reported once.
    unread: HashSet<FileId>,
    errors: Vec<InputError>,
}

impl<'p> Loader<'p> {
    fn finish(self) -> Loaded<'p> {
        Loaded {
            modules: self.modules,
            errors: self.errors,
            files: self.files,
            by_name: self.loaded,
        }
    }

    fn parse(
        &mut self,
        name: PathBuf,
        package: PathBuf,
        file: UnitFile<'p>,
        queue: &mut VecDeque<PathBuf>,
    ) {
        let Some(tree) = self.parser.parse(&file.source.text, None) else {
            self.errors.push(InputError {
                path: file.source.display_path.clone(),
                span: None,
                message: "the Python parser gave up on the file".to_owned(),
            });
            self.unread.insert(file.id);
            return;
        };
        if let Some(too_deep) = pulumi::too_deep(&tree, file) {
            self.errors.push(too_deep);
            self.unread.insert(file.id);
            return;
        }
        if let Some(error) = first_syntax_error(tree.root_node()) {
            let message = if error.is_missing() {
                format!("invalid Python: missing `{}`", error.kind())
            } else {
                "invalid Python syntax".to_owned()
            };
            self.errors.push(InputError {
                path: file.source.display_path.clone(),
                span: Some(Span::new(file.id, error.start_byte(), error.end_byte())),
                message,
            });
        }
        let text = file.source.text.as_str();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            if matches!(node.kind(), "import_statement" | "import_from_statement") {
                for import in self.files.imports(&package, node, text) {
                    queue.extend(import.runs);
                }
                continue;
            }
            let mut cursor = node.walk();
            stack.extend(node.named_children(&mut cursor));
        }
        let id = ModuleId(self.modules.len());
        self.loaded.insert(name, id);
        self.by_file.insert(file.id, id);
        self.modules.push(Module {
            file,
            package,
            tree,
        });
    }
}

/// The first node, in document order, that tree-sitter could not parse or had to invent.
fn first_syntax_error(root: Node) -> Option<Node> {
    if !root.has_error() {
        return None;
    }
    let mut node = root;
    'descend: loop {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.has_error() || child.is_missing() {
                node = child;
                continue 'descend;
            }
        }
        return Some(node);
    }
}

/// The loaded modules with their scopes indexed: what names mean.
pub struct Program<'t> {
    modules: &'t [Module<'t>],
    files: &'t Files<'t>,
    by_name: &'t HashMap<PathBuf, ModuleId>,
    scopes: Scopes<'t>,
    /// What the value of each binding reaches, by the value's node.
    bindings: Memo<(ModuleId, usize), Result<Reached<'t>, String>>,
    /// What each project module defines under each name, by module and name.
    attributes: Memo<(PathBuf, &'t str), Result<Binding<'t>, String>>,
    /// What evaluating expressions found, kept by [`values`](super::values).
    pub evaluated: Evaluated,
    /// The steps left to the evaluation of the whole program, shared by all its values.
    pub budget: Budget,
}

impl<'t> Program<'t> {
    pub fn new(loaded: &'t Loaded<'t>) -> Program<'t> {
        let modules = loaded.modules.as_slice();
        let mut program = Program {
            modules,
            files: &loaded.files,
            by_name: &loaded.by_name,
            scopes: HashMap::new(),
            bindings: Memo::default(),
            attributes: Memo::default(),
            evaluated: Evaluated::default(),
            budget: pulumi::budget(),
        };
        let roots: Vec<At<'t>> = program.modules().collect();
        for (at, module) in roots.into_iter().zip(modules) {
            scopes::index(
                &mut program.scopes,
                program.files,
                at,
                &module.file.source.text,
                &module.package,
            );
        }
        program
    }

    pub fn modules(&self) -> impl Iterator<Item = At<'t>> + '_ {
        self.modules.iter().enumerate().map(|(i, module)| At {
            module: ModuleId(i),
            file: module.file.id,
            node: module.tree.root_node(),
        })
    }

    pub fn text(&self, at: At<'t>) -> &'t str {
        node_text(&self.modules[at.module.0].file.source.text, at.node)
    }

    /// Every call in the program, in module order.
    pub fn calls(&self) -> Vec<At<'t>> {
        let mut calls = Vec::new();
        for module in self.modules() {
            let mut stack = vec![module.node];
            while let Some(node) = stack.pop() {
                if node.kind() == "call" {
                    calls.push(module.with(node));
                }
                let mut cursor = node.walk();
                let children: Vec<_> = node.named_children(&mut cursor).collect();
                stack.extend(children.into_iter().rev());
            }
        }
        calls
    }

    /// Follows names and attributes of modules and SDKs until an expression that is neither.
    pub fn follow(&self, at: At<'t>) -> Result<Reached<'t>, String> {
        self.follow_at(at, 0)
    }

    fn follow_at(&self, at: At<'t>, depth: usize) -> Result<Reached<'t>, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        self.budget.spend(1)?;
        let expression = Reached {
            meaning: Meaning::Expr,
            at,
            via_reference: false,
        };
        match at.node.kind() {
            "parenthesized_expression" => match at.children().first() {
                Some(inner) => self.follow_at(*inner, depth + 1),
                None => Ok(expression),
            },
            "identifier" => {
                let name = self.text(at);
                self.meaning_of(self.lookup(at, name, depth)?, at, depth + 1)
            }
            "attribute" => {
                let (Some(object), Some(attribute)) = (at.field("object"), at.field("attribute"))
                else {
                    return Ok(expression);
                };
                let attribute = self.text(attribute);
                let object = self.follow_at(object, depth + 1)?;
                match object.meaning {
                    Meaning::Sdk { package, mut path } => {
                        path.push(attribute);
                        Ok(Reached {
                            meaning: Meaning::Sdk { package, path },
                            at,
                            via_reference: false,
                        })
                    }
                    Meaning::Module(module) => {
                        let binding = self.module_attribute(&module, attribute, depth + 1)?;
                        self.meaning_of(binding, at, depth + 1)
                    }
                    Meaning::Expr => Ok(expression),
                }
            }
            _ => Ok(expression),
        }
    }

    fn meaning_of(
        &self,
        binding: Binding<'t>,
        used: At<'t>,
        depth: usize,
    ) -> Result<Reached<'t>, String> {
        match binding {
            Binding::Value(value) => self.bindings.get(
                value.key(),
                || {
                    Ok(Reached {
                        via_reference: true,
                        ..self.follow_at(value, depth)?
                    })
                },
                || {
                    Err(format!(
                        "`{}` depends on itself (a cycle)",
                        shorten(self.text(used))
                    ))
                },
            ),
            Binding::Import(Target::Sdk { package, path }) => Ok(Reached {
                meaning: Meaning::Sdk { package, path },
                at: used,
                via_reference: false,
            }),
            Binding::Import(Target::Project { module, name: None }) => Ok(Reached {
                meaning: Meaning::Module(module),
                at: used,
                via_reference: false,
            }),
            Binding::Import(Target::Project {
                module,
                name: Some(name),
            }) => {
                let binding = self.module_attribute(&module, name, depth + 1)?;
                self.meaning_of(binding, used, depth + 1)
            }
            Binding::Import(Target::External(library)) => Err(format!(
                "`{}` comes from `{library}`, which is not part of the project",
                self.text(used)
            )),
        }
    }

    /// What a name means where it is used: the nearest scope that binds it decides.
    fn lookup(&self, at: At<'t>, name: &'t str, depth: usize) -> Result<Binding<'t>, String> {
        let mut left_function = false;
        let mut ancestor = at.node.parent();
        while let Some(node) = ancestor {
            ancestor = node.parent();
            if !opens_scope(node.kind()) {
                continue;
            }
            // A class body's names are not visible to the functions inside it.
            if node.kind() == "class_definition" && left_function {
                continue;
            }
            left_function |= node.kind() != "class_definition";
            if let Some(binding) = self.binding_in(at.module, node, name) {
                return binding;
            }
        }
        let root = self.modules[at.module.0].tree.root_node();
        self.binding_in(at.module, root, name)
            .or_else(|| self.wildcard(at.module, root, name, depth + 1))
            .unwrap_or_else(|| Err(format!("`{name}` is not defined in the program")))
    }

    /// The binding of a name in one scope, `None` when the scope does not bind it.
    fn binding_in(
        &self,
        module: ModuleId,
        scope: Node<'t>,
        name: &str,
    ) -> Option<Result<Binding<'t>, String>> {
        let at = At {
            module,
            file: self.modules[module.0].file.id,
            node: scope,
        };
        self.scopes.get(&(module, scope.id()))?.binding(at, name)
    }

    /// A name that a `from m import *` of the module's scope provides. A project module's names
    /// are known (the last import that defines the name wins); an SDK module is taken to define
    /// whatever no project module does.
    fn wildcard(
        &self,
        module: ModuleId,
        scope: Node<'t>,
        name: &'t str,
        depth: usize,
    ) -> Option<Result<Binding<'t>, String>> {
        let wildcards = &self.scopes.get(&(module, scope.id()))?.wildcards;
        let from_project = wildcards.iter().rev().find_map(|target| match target {
            Target::Project { module, .. } => self.module_attribute(module, name, depth + 1).ok(),
            _ => None,
        });
        let from_sdk = || {
            wildcards.iter().rev().find_map(|target| match target {
                Target::Sdk { package, path } => Some(Binding::Import(Target::Sdk {
                    package: *package,
                    path: path.iter().copied().chain([name]).collect(),
                })),
                _ => None,
            })
        };
        from_project.or_else(from_sdk).map(Ok)
    }

    /// `name` in a project module: what the module binds (followed to the module that defines
    /// it), else its submodule; found once per module and name however many modules import it.
    fn module_attribute(
        &self,
        module: &Path,
        name: &'t str,
        depth: usize,
    ) -> Result<Binding<'t>, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        // A name reached again while it is being looked up is imported in a cycle: `import *`
        // passes over it, and a name imported from it is unknown.
        self.attributes.get(
            (module.to_path_buf(), name),
            || self.find_attribute(module, name, depth),
            || {
                Err(format!(
                    "`{name}` of module `{}` is imported in a cycle of modules",
                    dotted_name(module)
                ))
            },
        )
    }

    fn find_attribute(
        &self,
        module: &Path,
        name: &'t str,
        depth: usize,
    ) -> Result<Binding<'t>, String> {
        self.budget.spend(1)?;
        if let Some(&id) = self.by_name.get(module) {
            let root = self.modules[id.0].tree.root_node();
            let binding = self
                .binding_in(id, root, name)
                .or_else(|| self.wildcard(id, root, name, depth + 1));
            // A name the module imports from another is followed here, so that a chain of
            // imports is followed once, and a cycle of them is found.
            return match binding {
                Some(Ok(Binding::Import(Target::Project {
                    module,
                    name: Some(name),
                }))) => self.module_attribute(&module, name, depth + 1),
                Some(binding) => binding,
                None => self.submodule(module, name),
            };
        }
        self.submodule(module, name)
    }

    /// The submodule `name` of a project module, if the project has it.
    fn submodule(&self, module: &Path, name: &'t str) -> Result<Binding<'t>, String> {
        let submodule = module.join(name);
        if self.files.has_module(&submodule) {
            return Ok(Binding::Import(Target::Project {
                module: submodule,
                name: None,
            }));
        }
        Err(format!(
            "`{name}` is not defined in module `{}`",
            dotted_name(module)
        ))
    }
}

fn too_deep() -> String {
    format!("names refer to each other more than {MAX_DEPTH} deep")
}

/// `infra.keys` for the module path `infra/keys`.
fn dotted_name(module: &Path) -> String {
    module
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join(".")
}
