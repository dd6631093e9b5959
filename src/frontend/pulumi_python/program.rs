//! The program: the modules Pulumi runs, parsed with tree-sitter, and what a name means where it
//! is used.
//!
//! Loading starts at the entry module and follows the imports of the project's own modules,
//! each module once. Every scope (a module, a function, a class, a lambda, a comprehension) gets
//! an index of the names it binds. A name means something only when the nearest scope that binds
//! it binds it once, unconditionally: otherwise its value depends on how the program runs.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Parser, Tree};

use super::sdk::Package;
use crate::frontend::pulumi::Project;
use crate::frontend::{InputError, UnitFile};
use crate::source::{FileId, Span};

/// How deeply names may refer to names; deeper means a cycle (`a = b`, `b = a`).
const MAX_DEPTH: usize = 64;

/// Index of a module in [`Program::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModuleId(pub usize);

/// A parsed module of the project.
pub struct Module<'a> {
    pub file: UnitFile<'a>,
    /// The module's dotted name as a path below the project directory: `infra/keys` for
    /// `infra.keys`, whose file is `infra/keys.py` or `infra/keys/__init__.py`.
    name: PathBuf,
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

/// What an import statement binds a name to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target<'t> {
    /// A module, class, function or constant of a Pulumi SDK.
    Sdk {
        package: Package,
        path: Vec<&'t str>,
    },
    /// A module of the project, or a name it defines (`from keys import key`).
    Project {
        module: PathBuf,
        name: Option<&'t str>,
    },
    /// A library that is not part of the project.
    External(String),
}

/// One name an import statement binds (`None`: `from m import *`), and the project modules it
/// makes Python run.
struct Import<'t> {
    name: Option<&'t str>,
    target: Target<'t>,
    runs: Vec<PathBuf>,
}

/// How a scope binds a name at one place.
#[derive(Clone, Debug)]
enum Site<'t> {
    Value { value: Node<'t>, conditional: bool },
    Import(Target<'t>),
    Parameter { function: Option<&'t str> },
    Other(&'static str),
}

#[derive(Default)]
struct Scope<'t> {
    names: HashMap<&'t str, Vec<Site<'t>>>,
    wildcards: Vec<Target<'t>>,
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
    /// The directories absolute imports search, in order.
    roots: Vec<PathBuf>,
}

/// Parses the entry module and, transitively, the project modules it imports.
pub fn load<'a>(project: &'a Project<'a>) -> Loaded<'a> {
    let entry = match &project.main {
        Some(main) if project.source(Path::new(main)).is_some() => PathBuf::from(main),
        Some(main) => Path::new(main).join("__main__.py"),
        None => PathBuf::from("__main__.py"),
    };
    let mut loader = Loader {
        files: Files {
            project,
            roots: Vec::new(),
        },
        parser: Parser::new(),
        modules: Vec::new(),
        loaded: HashMap::new(),
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
        if let Some((file, package)) = loader.files.module_file(&name) {
            loader.parse(name, package, file, &mut queue);
        }
    }
    loader.finish()
}

/// The project's files as Python's import system sees them.
struct Files<'p> {
    project: &'p Project<'p>,
    /// The directories absolute imports search, in order.
    roots: Vec<PathBuf>,
}

impl<'p> Files<'p> {
    /// The file of a module and the directory its relative imports start from.
    fn module_file(&self, name: &Path) -> Option<(UnitFile<'p>, PathBuf)> {
        let mut file = name.as_os_str().to_owned();
        file.push(".py");
        if let Some(found) = self.project.source(Path::new(&file)) {
            let package = name.parent().map(Path::to_path_buf).unwrap_or_default();
            return Some((found, package));
        }
        let package = name.join("__init__.py");
        self.project
            .source(&package)
            .map(|found| (found, name.to_path_buf()))
    }

    /// Whether a module or package (with or without `__init__.py`) of that name exists.
    fn has_module(&self, name: &Path) -> bool {
        let directory = self.project.directory.join(name);
        self.module_file(name).is_some()
            || self
                .project
                .sources
                .iter()
                .any(|file| file.source.path.starts_with(&directory))
    }

    /// What `import a.b` (`level` 0) or `from ..a import b` (`level` 2) refers to, seen from a
    /// module whose relative imports start at `package`.
    fn locate<'t>(&self, package: &Path, level: usize, dotted: &[&'t str]) -> Target<'t> {
        if level > 0 {
            let mut base = package.to_path_buf();
            for _ in 1..level {
                base.pop();
            }
            return Target::Project {
                module: base.join(dotted.iter().collect::<PathBuf>()),
                name: None,
            };
        }
        let Some((first, rest)) = dotted.split_first() else {
            return Target::External(String::new());
        };
        if let Some(package) = Package::of_module(first) {
            return Target::Sdk {
                package,
                path: rest.to_vec(),
            };
        }
        for root in &self.roots {
            if self.has_module(&root.join(first)) {
                return Target::Project {
                    module: root.join(dotted.iter().collect::<PathBuf>()),
                    name: None,
                };
            }
        }
        Target::External(dotted.join("."))
    }

    /// The names an import statement binds.
    fn imports<'t>(&self, package: &Path, statement: Node<'t>, text: &'t str) -> Vec<Import<'t>> {
        let mut cursor = statement.walk();
        let dotted = |node: Node<'t>| -> Vec<&'t str> {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .filter(|part| part.kind() == "identifier")
                .map(|part| node_text(text, part))
                .collect()
        };
        let mut imports = Vec::new();
        if statement.kind() == "import_statement" {
            for name in statement.children_by_field_name("name", &mut cursor) {
                let (path, alias) = match name.kind() {
                    "aliased_import" => (
                        name.child_by_field_name("name").map(dotted),
                        name.child_by_field_name("alias")
                            .map(|alias| node_text(text, alias)),
                    ),
                    _ => (Some(dotted(name)), None),
                };
                let Some(path) = path.filter(|path| !path.is_empty()) else {
                    continue;
                };
                let whole = self.locate(package, 0, &path);
                let runs = match &whole {
                    Target::Project { module, .. } => vec![module.clone()],
                    _ => Vec::new(),
                };
                // `import a.b` binds `a`; `import a.b as x` binds `x` to `a.b`.
                let (name, target) = match alias {
                    Some(alias) => (alias, whole),
                    None => (path[0], self.locate(package, 0, &path[..1])),
                };
                imports.push(Import {
                    name: Some(name),
                    target,
                    runs,
                });
            }
            return imports;
        }
        let Some(module_name) = statement.child_by_field_name("module_name") else {
            return imports;
        };
        let (level, path) = match module_name.kind() {
            "relative_import" => {
                let mut cursor = module_name.walk();
                let mut level = 0;
                let mut path = Vec::new();
                for part in module_name.named_children(&mut cursor) {
                    match part.kind() {
                        "import_prefix" => level = node_text(text, part).len(),
                        "dotted_name" => path = dotted(part),
                        _ => {}
                    }
                }
                (level, path)
            }
            _ => (0, dotted(module_name)),
        };
        let module = self.locate(package, level, &path);
        let mut wildcard = false;
        let mut cursor = statement.walk();
        for child in statement.named_children(&mut cursor) {
            wildcard |= child.kind() == "wildcard_import";
        }
        if wildcard {
            imports.push(Import {
                name: None,
                runs: runs_of(&module, None),
                target: module,
            });
            return imports;
        }
        let mut cursor = statement.walk();
        for name in statement.children_by_field_name("name", &mut cursor) {
            let (imported, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name").map(|n| node_text(text, n)),
                    name.child_by_field_name("alias")
                        .map(|alias| node_text(text, alias)),
                ),
                _ => (Some(node_text(text, name)), None),
            };
            let Some(imported) = imported else {
                continue;
            };
            let target = match &module {
                Target::Sdk { package, path } => Target::Sdk {
                    package: *package,
                    path: path.iter().copied().chain([imported]).collect(),
                },
                Target::Project { module, .. } => Target::Project {
                    module: module.clone(),
                    name: Some(imported),
                },
                Target::External(name) => Target::External(format!("{name}.{imported}")),
            };
            imports.push(Import {
                name: Some(alias.unwrap_or(imported)),
                runs: runs_of(&module, Some(imported)),
                target,
            });
        }
        imports
    }
}

/// The project modules `from module import name` runs: the module, and the submodule `name`
/// when there is one.
fn runs_of(module: &Target, name: Option<&str>) -> Vec<PathBuf> {
    let Target::Project { module, .. } = module else {
        return Vec::new();
    };
    let mut runs = vec![module.clone()];
    runs.extend(name.map(|name| module.join(name)));
    runs
}

fn node_text<'t>(text: &'t str, node: Node) -> &'t str {
    text.get(node.byte_range()).unwrap_or_default()
}

struct Loader<'p> {
    files: Files<'p>,
    parser: Parser,
    modules: Vec<Module<'p>>,
    loaded: HashMap<PathBuf, ModuleId>,
    errors: Vec<InputError>,
}

impl<'p> Loader<'p> {
    fn finish(self) -> Loaded<'p> {
        Loaded {
            modules: self.modules,
            errors: self.errors,
            roots: self.files.roots,
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
            return;
        };
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
        self.loaded
            .insert(name.clone(), ModuleId(self.modules.len()));
        self.modules.push(Module {
            file,
            name,
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
    files: Files<'t>,
    by_name: HashMap<&'t Path, ModuleId>,
    scopes: HashMap<(ModuleId, usize), Scope<'t>>,
}

/// Node kinds that open a scope of their own.
fn opens_scope(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "lambda"
            | "class_definition"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
    )
}

impl<'t> Program<'t> {
    pub fn new(project: &'t Project<'t>, loaded: &'t Loaded<'t>) -> Program<'t> {
        let modules = loaded.modules.as_slice();
        let mut program = Program {
            modules,
            files: Files {
                project,
                roots: loaded.roots.clone(),
            },
            by_name: modules
                .iter()
                .enumerate()
                .map(|(i, module)| (module.name.as_path(), ModuleId(i)))
                .collect(),
            scopes: HashMap::new(),
        };
        for (i, module) in modules.iter().enumerate() {
            let root = module.tree.root_node();
            let mut indexer = Indexer {
                program: &mut program,
                module: ModuleId(i),
                text: &module.file.source.text,
                package: &module.package,
            };
            indexer.block(root, root, false);
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
            return Err("names refer to each other too deeply (is there a cycle?)".to_owned());
        }
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
                self.meaning_of(self.lookup(at, name)?, at, depth + 1)
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
                        let binding = self.module_attribute(&module, attribute)?;
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
            Binding::Value(value) => Ok(Reached {
                via_reference: true,
                ..self.follow_at(value, depth)?
            }),
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
                let binding = self.module_attribute(&module, name)?;
                self.meaning_of(binding, used, depth + 1)
            }
            Binding::Import(Target::External(library)) => Err(format!(
                "`{}` comes from `{library}`, which is not part of the project",
                self.text(used)
            )),
        }
    }

    /// What a name means where it is used: the nearest scope that binds it decides.
    fn lookup(&self, at: At<'t>, name: &'t str) -> Result<Binding<'t>, String> {
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
            .or_else(|| self.wildcard(at.module, root, name))
            .unwrap_or_else(|| Err(format!("`{name}` is not defined in the program")))
    }

    /// The binding of a name in one scope, `None` when the scope does not bind it.
    fn binding_in(
        &self,
        module: ModuleId,
        scope: Node<'t>,
        name: &str,
    ) -> Option<Result<Binding<'t>, String>> {
        let sites = self.scopes.get(&(module, scope.id()))?.names.get(name)?;
        let at = At {
            module,
            file: self.modules[module.0].file.id,
            node: scope,
        };
        Some(match sites.as_slice() {
            [
                Site::Value {
                    value,
                    conditional: false,
                },
            ] => Ok(Binding::Value(at.with(*value))),
            [Site::Value { .. }] => Err(format!(
                "`{name}` is assigned inside an `if`, loop, `try` or `with` block"
            )),
            [Site::Parameter { function }] => Err(match function {
                Some(function) => format!("`{name}` is a parameter of `{function}`"),
                None => format!("`{name}` is a parameter of a lambda"),
            }),
            [Site::Other(what)] => Err(format!("`{name}` is {what}")),
            [Site::Import(first), rest @ ..]
                if rest
                    .iter()
                    .all(|site| matches!(site, Site::Import(other) if other == first)) =>
            {
                Ok(Binding::Import(first.clone()))
            }
            _ => Err(format!("`{name}` is assigned more than once")),
        })
    }

    /// A name that a `from m import *` of the module's scope provides.
    fn wildcard(
        &self,
        module: ModuleId,
        scope: Node<'t>,
        name: &'t str,
    ) -> Option<Result<Binding<'t>, String>> {
        let scope = self.scopes.get(&(module, scope.id()))?;
        scope.wildcards.iter().find_map(|target| match target {
            Target::Sdk { package, path } => Some(Ok(Binding::Import(Target::Sdk {
                package: *package,
                path: path.iter().copied().chain([name]).collect(),
            }))),
            Target::Project { module, .. } => self.module_attribute(module, name).ok().map(Ok),
            Target::External(_) => None,
        })
    }

    /// `name` in a project module: what the module binds, else its submodule.
    fn module_attribute(&self, module: &Path, name: &'t str) -> Result<Binding<'t>, String> {
        if let Some(&id) = self.by_name.get(module) {
            let root = self.modules[id.0].tree.root_node();
            if let Some(binding) = self
                .binding_in(id, root, name)
                .or_else(|| self.wildcard(id, root, name))
            {
                return binding;
            }
        }
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

/// `infra.keys` for the module path `infra/keys`.
fn dotted_name(module: &Path) -> String {
    module
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join(".")
}

/// What a name is bound to, once it is bound once.
enum Binding<'t> {
    Value(At<'t>),
    Import(Target<'t>),
}

/// Walks a module once, recording in each scope the names it binds.
struct Indexer<'i, 't> {
    program: &'i mut Program<'t>,
    module: ModuleId,
    text: &'t str,
    package: &'i Path,
}

impl<'t> Indexer<'_, 't> {
    fn bind(&mut self, scope: Node<'t>, name: Node<'t>, site: Site<'t>) {
        let name = node_text(self.text, name);
        self.program
            .scopes
            .entry((self.module, scope.id()))
            .or_default()
            .names
            .entry(name)
            .or_default()
            .push(site);
    }

    /// Binds every name a target pattern (`a`, `a, b`, `[a, *b]`) names.
    fn bind_pattern(&mut self, scope: Node<'t>, pattern: Node<'t>, site: &Site<'t>) {
        match pattern.kind() {
            "identifier" => self.bind(scope, pattern, site.clone()),
            // Assigning to an attribute or an element binds no name.
            "attribute" | "subscript" => {}
            _ => {
                let mut cursor = pattern.walk();
                let parts: Vec<_> = pattern.named_children(&mut cursor).collect();
                for part in parts {
                    self.bind_pattern(scope, part, site);
                }
            }
        }
    }

    fn block(&mut self, block: Node<'t>, scope: Node<'t>, conditional: bool) {
        let mut cursor = block.walk();
        let children: Vec<_> = block.named_children(&mut cursor).collect();
        for child in children {
            self.visit(child, scope, conditional);
        }
    }

    fn visit(&mut self, node: Node<'t>, scope: Node<'t>, conditional: bool) {
        match node.kind() {
            "function_definition" | "class_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    let what = if node.kind() == "class_definition" {
                        "a class"
                    } else {
                        "a function"
                    };
                    self.bind(scope, name, Site::Other(what));
                }
                if let Some(superclasses) = node.child_by_field_name("superclasses") {
                    self.visit(superclasses, scope, conditional);
                }
                if let Some(parameters) = node.child_by_field_name("parameters") {
                    let function = node
                        .child_by_field_name("name")
                        .map(|name| node_text(self.text, name));
                    self.parameters(node, parameters, function);
                }
                if let Some(body) = node.child_by_field_name("body") {
                    self.block(body, node, false);
                }
            }
            "lambda" => {
                if let Some(parameters) = node.child_by_field_name("parameters") {
                    self.parameters(node, parameters, None);
                }
                if let Some(body) = node.child_by_field_name("body") {
                    self.visit(body, node, false);
                }
            }
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => {
                let mut cursor = node.walk();
                let clauses: Vec<_> = node
                    .named_children(&mut cursor)
                    .filter(|child| child.kind() == "for_in_clause")
                    .collect();
                for clause in clauses {
                    if let Some(left) = clause.child_by_field_name("left") {
                        self.bind_pattern(node, left, &Site::Other("a comprehension variable"));
                    }
                }
                self.block(node, node, false);
            }
            "assignment" => {
                let mut value = node.child_by_field_name("right");
                while let Some(chained) = value.filter(|v| v.kind() == "assignment") {
                    value = chained.child_by_field_name("right");
                }
                if let (Some(left), Some(value)) = (node.child_by_field_name("left"), value) {
                    let site = if left.kind() == "identifier" {
                        Site::Value { value, conditional }
                    } else {
                        Site::Other("unpacked from a sequence")
                    };
                    self.bind_pattern(scope, left, &site);
                }
                if let Some(right) = node.child_by_field_name("right") {
                    self.visit(right, scope, conditional);
                }
            }
            "augmented_assignment" => {
                if let Some(left) = node.child_by_field_name("left") {
                    self.bind_pattern(scope, left, &Site::Other("changed in place"));
                }
                self.block(node, scope, conditional);
            }
            "for_statement" => {
                if let Some(left) = node.child_by_field_name("left") {
                    self.bind_pattern(scope, left, &Site::Other("a loop variable"));
                }
                self.block(node, scope, true);
            }
            "named_expression" => {
                if let Some(name) = node.child_by_field_name("name") {
                    self.bind(scope, name, Site::Other("assigned with `:=`"));
                }
                self.block(node, scope, conditional);
            }
            "as_pattern" => {
                if let Some(alias) = node.child_by_field_name("alias") {
                    self.bind_pattern(scope, alias, &Site::Other("bound by `as`"));
                }
                self.block(node, scope, conditional);
            }
            "except_clause" => {
                if let Some(alias) = node.child_by_field_name("alias") {
                    self.bind_pattern(scope, alias, &Site::Other("bound by `except … as`"));
                }
                self.block(node, scope, true);
            }
            "import_statement" | "import_from_statement" => {
                let imports = self.program.files.imports(self.package, node, self.text);
                for import in imports {
                    let scope_entry = self
                        .program
                        .scopes
                        .entry((self.module, scope.id()))
                        .or_default();
                    match import.name {
                        Some(name) => scope_entry
                            .names
                            .entry(name)
                            .or_default()
                            .push(Site::Import(import.target)),
                        None => scope_entry.wildcards.push(import.target),
                    }
                }
            }
            "block" => self.block(node, scope, true),
            _ => self.block(node, scope, conditional),
        }
    }

    fn parameters(&mut self, function: Node<'t>, parameters: Node<'t>, name: Option<&'t str>) {
        let mut cursor = parameters.walk();
        let parameters: Vec<_> = parameters.named_children(&mut cursor).collect();
        for parameter in parameters {
            let bound = match parameter.kind() {
                "identifier" => Some(parameter),
                "default_parameter" | "typed_default_parameter" => {
                    parameter.child_by_field_name("name")
                }
                _ => first_identifier(parameter),
            };
            if let Some(bound) = bound {
                self.bind(function, bound, Site::Parameter { function: name });
            }
        }
    }
}

fn first_identifier(node: Node) -> Option<Node> {
    if node.kind() == "identifier" {
        return Some(node);
    }
    let mut cursor = node.walk();
    let children: Vec<_> = node.named_children(&mut cursor).collect();
    children.into_iter().find_map(first_identifier)
}
