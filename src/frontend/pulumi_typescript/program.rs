//! The modules of a program and the names they declare.
//!
//! The entry module and the project modules it imports (transitively, each once) are parsed with
//! tree-sitter. A name is looked up the way JavaScript scopes it: from the place it is used
//! outwards through blocks and functions to the module, whose imports lead to other modules or
//! to a Pulumi package.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use tree_sitter::{Node, Parser, Tree, TreeCursor};

use super::resolve::Evaluated;
use super::sdk::SdkName;
use crate::frontend::bounds::{Budget, Memo};
use crate::frontend::pulumi::{self, Project};
use crate::frontend::{InputError, UnitFile};
use crate::source::Span;

/// How deeply names and references may nest, so that following them stays well within the
/// thread's stack. Cycles are found before: a chain this long is code no one writes.
pub const MAX_DEPTH: usize = 32;

/// A syntax node together with the module it was parsed from.
#[derive(Clone, Copy, Debug)]
pub struct At<'p> {
    pub node: Node<'p>,
    pub module: usize,
}

impl<'p> At<'p> {
    /// Another node of the same module.
    pub fn with(&self, node: Node<'p>) -> At<'p> {
        At {
            node,
            module: self.module,
        }
    }

    pub fn kind(&self) -> &'p str {
        self.node.kind()
    }

    pub fn field(&self, name: &str) -> Option<At<'p>> {
        self.node.child_by_field_name(name).map(|n| self.with(n))
    }

    /// The named children, without comments.
    pub fn children(&self) -> Vec<At<'p>> {
        self.each_child().collect()
    }

    /// The named children, without comments, found one by one: a search that stops early
    /// does not pay for a module's thousands of statements.
    pub fn each_child(&self) -> Children<'p> {
        Children {
            cursor: self.node.walk(),
            module: self.module,
            started: false,
        }
    }

    /// Identifies the node across the program.
    pub fn id(&self) -> (usize, usize) {
        (self.module, self.node.id())
    }
}

/// See [`At::each_child`].
pub struct Children<'p> {
    cursor: TreeCursor<'p>,
    module: usize,
    started: bool,
}

impl<'p> Iterator for Children<'p> {
    type Item = At<'p>;

    fn next(&mut self) -> Option<At<'p>> {
        let moved = if self.started {
            self.cursor.goto_next_sibling()
        } else {
            self.started = true;
            self.cursor.goto_first_child()
        };
        if !moved {
            return None;
        }
        loop {
            let node = self.cursor.node();
            if node.is_named() && !node.is_extra() {
                return Some(At {
                    node,
                    module: self.module,
                });
            }
            if !self.cursor.goto_next_sibling() {
                return None;
            }
        }
    }
}

/// Every node below (and including) `node`, in source order.
pub struct Descendants<'t> {
    cursor: TreeCursor<'t>,
    done: bool,
}

pub fn descendants(node: Node<'_>) -> Descendants<'_> {
    Descendants {
        cursor: node.walk(),
        done: false,
    }
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.done {
            return None;
        }
        let node = self.cursor.node();
        if !self.cursor.goto_first_child() {
            while !self.cursor.goto_next_sibling() {
                if !self.cursor.goto_parent() {
                    self.done = true;
                    break;
                }
            }
        }
        Some(node)
    }
}

/// A parsed file of the program.
pub struct Module<'a> {
    file: UnitFile<'a>,
    tree: Tree,
    /// Its path relative to the project directory.
    path: PathBuf,
    /// The project modules its relative import specifiers resolve to.
    imports: HashMap<String, usize>,
}

/// What an import specifier leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Namespace {
    /// A Pulumi package, or a name inside one.
    Sdk(SdkName),
    /// A module of the project.
    Module(usize),
}

/// What a name stands for.
#[derive(Clone, Debug)]
pub enum Binding<'p> {
    /// A `const` (or a `let`/`var` never assigned again), an export: the expression it holds.
    Value(At<'p>),
    /// A property of an expression, bound by destructuring (`const { kms } = aws`).
    Member {
        object: At<'p>,
        name: String,
    },
    Namespace(Namespace),
}

/// The modules of the program, the entry first.
pub struct Modules<'a> {
    modules: Vec<Module<'a>>,
}

/// The program: its modules, and what looking names up in them and evaluating them has found
/// so far. Each binding, export and composed value is worked out once and kept, so that no
/// input makes the work grow faster than the program: a chain of names each referring twice to
/// the one before, or modules re-exporting each other with `export *`, took minutes before.
pub struct Program<'p> {
    modules: &'p Modules<'p>,
    /// The names of each scope looked up so far, by [`At::id`] of the scope.
    scopes: RefCell<HashMap<(usize, usize), Rc<ScopeNames>>>,
    /// What each module exports under each name, by module and name.
    exports: Memo<(usize, String), Result<Binding<'p>, String>>,
    /// What evaluating expressions found, kept by [`resolve`](super::resolve).
    pub evaluated: Evaluated<'p>,
    /// The steps left to the evaluation of the whole program, shared by all its values.
    pub budget: Budget,
}

impl<'p> Deref for Program<'p> {
    type Target = Modules<'p>;

    fn deref(&self) -> &Modules<'p> {
        self.modules
    }
}

/// What one scope's statements may declare and assign, found in one walk, so that a lookup
/// visits only the statements that may declare its name: without it, looking up every name of
/// a generated module of thousands of statements took minutes.
#[derive(Default)]
struct ScopeNames {
    /// The start byte of each statement that may declare a name, in source order; a superset,
    /// which [`Program::declared_by`] decides.
    declared: HashMap<String, Vec<usize>>,
    /// The names assigned (`=`, `+=`, `++`) anywhere in the scope, nested functions included.
    assigned: HashSet<String>,
    /// The start byte of each statement that may export (`export …`, `exports.name = …`).
    exports: Vec<usize>,
}

impl<'a> Modules<'a> {
    /// Parses the entry module of the project and every project module it imports. A module
    /// with syntax errors is reported and still read, as far as tree-sitter recovered it.
    pub fn load(project: &'a Project) -> (Option<Modules<'a>>, Vec<InputError>) {
        let mut errors = Vec::new();
        let Some((path, file)) = entry(project) else {
            let expected = match &project.main {
                Some(main) => format!("`{main}`, `{main}/index.ts` or `{main}/index.js`"),
                None => "`index.ts` or `index.js`".to_owned(),
            };
            errors.push(InputError {
                path: project.project_file.source.display_path.clone(),
                span: None,
                message: format!(
                    "the program's entry module is not in the project: expected {expected}"
                ),
            });
            return (None, errors);
        };
        let mut parser = Parser::new();
        let mut loaded = Modules {
            modules: Vec::new(),
        };
        // The module of each path, `None` for a file that could not be read (read only once).
        let mut by_path = HashMap::new();
        let entry = loaded.add(&mut parser, path.clone(), file, &mut errors);
        by_path.insert(path, entry);
        let mut next = 0;
        while next < loaded.modules.len() {
            for specifier in loaded.relative_specifiers(next) {
                let Some((path, file)) =
                    resolve_specifier(project, &loaded.modules[next].path, &specifier)
                else {
                    continue;
                };
                let index = match by_path.get(&path) {
                    Some(index) => *index,
                    None => {
                        let index = loaded.add(&mut parser, path.clone(), file, &mut errors);
                        by_path.insert(path, index);
                        index
                    }
                };
                let Some(index) = index else {
                    continue;
                };
                loaded.modules[next].imports.insert(specifier, index);
            }
            next += 1;
        }
        let any = !loaded.modules.is_empty();
        (any.then_some(loaded), errors)
    }

    fn add(
        &mut self,
        parser: &mut Parser,
        path: PathBuf,
        file: UnitFile<'a>,
        errors: &mut Vec<InputError>,
    ) -> Option<usize> {
        let typescript = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("ts" | "mts" | "cts")
        );
        let language = if typescript {
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT
        } else {
            // TSX is JavaScript with types and JSX, so it reads plain JavaScript too.
            tree_sitter_typescript::LANGUAGE_TSX
        };
        let error = |message: String| InputError {
            path: file.source.display_path.clone(),
            span: None,
            message,
        };
        if let Err(e) = parser.set_language(&language.into()) {
            errors.push(error(format!("cannot load the TypeScript grammar: {e}")));
            return None;
        }
        let Some(tree) = parser.parse(&file.source.text, None) else {
            errors.push(error("the parser gave up on this file".to_owned()));
            return None;
        };
        if let Some(too_deep) = pulumi::too_deep(&tree, file) {
            errors.push(too_deep);
            return None;
        }
        if let Some(syntax_error) = first_syntax_error(&tree, file, typescript) {
            errors.push(syntax_error);
        }
        let index = self.modules.len();
        self.modules.push(Module {
            file,
            tree,
            path,
            imports: HashMap::new(),
        });
        Some(index)
    }

    /// The relative specifiers a module imports, re-exports or requires.
    fn relative_specifiers(&self, module: usize) -> Vec<String> {
        let root = self.root(module);
        let mut specifiers = Vec::new();
        let mut seen = HashSet::new();
        for node in descendants(root.node) {
            let source = match node.kind() {
                "import_statement" | "export_statement" | "import_require_clause" => {
                    node.child_by_field_name("source")
                }
                "call_expression" => self.required_specifier(root.with(node)).map(|s| s.node),
                _ => None,
            };
            if let Some(text) = source.and_then(|s| self.string_literal(root.with(s)))
                && is_relative(&text)
                && seen.insert(text.clone())
            {
                specifiers.push(text);
            }
        }
        specifiers
    }

    /// The specifier of `require("…")` or of a dynamic `import("…")`.
    pub fn required_specifier<'p>(&self, call: At<'p>) -> Option<At<'p>> {
        let function = call.field("function")?;
        let loads = function.kind() == "import"
            || (function.kind() == "identifier" && self.text(function) == "require");
        if !loads {
            return None;
        }
        match call.field("arguments")?.children().as_slice() {
            [argument] if argument.kind() == "string" => Some(*argument),
            _ => None,
        }
    }

    fn each_module(&self) -> impl Iterator<Item = At<'_>> {
        (0..self.modules.len()).map(|module| self.root(module))
    }

    fn root(&self, module: usize) -> At<'_> {
        At {
            node: self.modules[module].tree.root_node(),
            module,
        }
    }

    pub fn text(&self, at: At) -> &'a str {
        self.modules[at.module]
            .file
            .source
            .text
            .get(at.node.byte_range())
            .unwrap_or_default()
    }

    pub fn span(&self, at: At) -> Span {
        let range = at.node.byte_range();
        Span::new(self.modules[at.module].file.id, range.start, range.end)
    }

    /// The text of a string literal (without substitutions), its escapes decoded.
    pub fn string_literal(&self, at: At) -> Option<String> {
        if !matches!(at.kind(), "string" | "template_string") {
            return None;
        }
        let mut text = String::new();
        for part in at.children() {
            match part.kind() {
                "string_fragment" => text.push_str(self.text(part)),
                "escape_sequence" => text.push_str(&unescape(self.text(part))),
                _ => return None,
            }
        }
        Some(text)
    }

    /// What an import specifier of a module leads to.
    pub fn namespace(&self, module: usize, specifier: &str) -> Result<Namespace, String> {
        if let Some(name) = SdkName::of_specifier(specifier) {
            return Ok(Namespace::Sdk(name));
        }
        if !is_relative(specifier) {
            return Err(format!("an import from package `{specifier}`"));
        }
        self.modules[module]
            .imports
            .get(specifier)
            .map(|index| Namespace::Module(*index))
            .ok_or_else(|| format!("module `{specifier}` is not in the project"))
    }
}

impl<'p> Program<'p> {
    pub fn new(modules: &'p Modules<'p>) -> Program<'p> {
        Program {
            modules,
            scopes: RefCell::default(),
            exports: Memo::default(),
            evaluated: Evaluated::default(),
            budget: pulumi::budget(),
        }
    }

    /// The root node of each module, the entry first.
    pub fn modules(&self) -> impl Iterator<Item = At<'p>> {
        self.modules.each_module()
    }

    /// What `name` stands for where `from` uses it.
    pub fn lookup(&self, name: &str, from: At<'p>, depth: usize) -> Result<Binding<'p>, String> {
        let mut inner = from.node;
        while let Some(scope) = inner.parent() {
            if let Some(binding) = self.declared_in(from.with(scope), name, depth)? {
                return Ok(binding);
            }
            inner = scope;
        }
        Err(format!("`{name}` is not declared in the program"))
    }

    /// The declaration of `name` in a scope: `Ok(None)` when the scope declares no such name,
    /// an error when it declares one whose value cannot be known.
    fn declared_in(
        &self,
        scope: At<'p>,
        name: &str,
        depth: usize,
    ) -> Result<Option<Binding<'p>>, String> {
        let declares = |pattern: Option<At>| pattern.is_some_and(|p| self.binds(p, name));
        match scope.kind() {
            "program" | "statement_block" | "switch_case" | "switch_default" => {
                let names = self.names_of(scope);
                for &start in names.declared.get(name).into_iter().flatten() {
                    let Some(statement) = child_at(scope, start) else {
                        continue;
                    };
                    if let Some(binding) = self.declared_by(statement, name, scope, depth)? {
                        return Ok(Some(binding));
                    }
                }
                Ok(None)
            }
            "arrow_function"
            | "function_expression"
            | "function_declaration"
            | "generator_function"
            | "generator_function_declaration"
            | "method_definition" => {
                let parameters = scope.field("parameters").map(|p| p.children());
                let bound = declares(scope.field("parameter"))
                    || parameters.into_iter().flatten().any(|parameter| {
                        declares(parameter.field("pattern").or(parameter.field("name")))
                    });
                if bound {
                    return Err(format!("`{name}` is a function parameter"));
                }
                Ok(None)
            }
            "for_in_statement" | "for_statement" | "catch_clause" => {
                let bound = ["left", "initializer", "parameter"]
                    .iter()
                    .any(|field| declares(scope.field(field)));
                if bound {
                    return Err(format!("`{name}` is a loop or catch variable"));
                }
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// Whether a pattern (or a declaration, for loops' initializers) binds `name`.
    fn binds(&self, pattern: At, name: &str) -> bool {
        descendants(pattern.node).any(|node| {
            matches!(
                node.kind(),
                "identifier" | "shorthand_property_identifier_pattern"
            ) && self.text(pattern.with(node)) == name
                && !is_in_value(node, pattern.node)
        })
    }

    /// The binding a statement of `scope` gives `name`, if it declares it.
    fn declared_by(
        &self,
        statement: At<'p>,
        name: &str,
        scope: At<'p>,
        depth: usize,
    ) -> Result<Option<Binding<'p>>, String> {
        let named = |field: &str| statement.field(field).is_some_and(|n| self.text(n) == name);
        match statement.kind() {
            "lexical_declaration" | "variable_declaration" => {
                let constant = statement
                    .field("kind")
                    .is_some_and(|k| self.text(k) == "const");
                for declarator in statement.children() {
                    if let Some(binding) = self.declarator(declarator, name, constant, scope)? {
                        return Ok(Some(binding));
                    }
                }
                Ok(None)
            }
            "export_statement" => match statement.field("declaration") {
                Some(declaration) => self.declared_by(declaration, name, scope, depth),
                None => Ok(None),
            },
            "import_statement" => self.imported(statement, name, depth),
            // `declare const region: string;` promises a value the program does not hold.
            "ambient_declaration" if self.binds(statement, name) => {
                Err(format!("`{name}` is declared without a value"))
            }
            "function_declaration" | "generator_function_declaration" if named("name") => {
                Err(format!("`{name}` is a function"))
            }
            "class_declaration" | "abstract_class_declaration" | "enum_declaration"
                if named("name") =>
            {
                Err(format!("`{name}` is a class or enum"))
            }
            _ => Ok(None),
        }
    }

    fn declarator(
        &self,
        declarator: At<'p>,
        name: &str,
        constant: bool,
        scope: At<'p>,
    ) -> Result<Option<Binding<'p>>, String> {
        let (Some(pattern), value) = (declarator.field("name"), declarator.field("value")) else {
            return Ok(None);
        };
        if !self.binds(pattern, name) {
            return Ok(None);
        }
        let value = value.ok_or_else(|| format!("`{name}` is declared without a value"))?;
        if !constant && self.reassigned(scope, name) {
            return Err(format!("`{name}` is assigned more than once"));
        }
        match pattern.kind() {
            "identifier" => Ok(Some(Binding::Value(value))),
            "object_pattern" => {
                for property in pattern.children() {
                    let bound = match property.kind() {
                        "shorthand_property_identifier_pattern" => {
                            Some((self.text(property), property))
                        }
                        "pair_pattern" => property
                            .field("key")
                            .zip(property.field("value"))
                            .filter(|(key, _)| key.kind() == "property_identifier")
                            .map(|(key, value)| (self.text(key), value)),
                        _ => None,
                    };
                    if let Some((key, target)) = bound
                        && matches!(
                            target.kind(),
                            "identifier" | "shorthand_property_identifier_pattern"
                        )
                        && self.text(target) == name
                    {
                        return Ok(Some(Binding::Member {
                            object: value,
                            name: key.to_owned(),
                        }));
                    }
                }
                Err(format!("`{name}` is destructured with a default or a rest"))
            }
            _ => Err(format!("`{name}` is destructured from an array")),
        }
    }

    /// Whether a `let` or `var` is assigned again anywhere in its scope (an assignment to a
    /// shadowing name counts too, which only makes the value unknown).
    fn reassigned(&self, scope: At<'p>, name: &str) -> bool {
        self.names_of(scope).assigned.contains(name)
    }

    /// The names of a scope, found on its first lookup.
    fn names_of(&self, scope: At<'p>) -> Rc<ScopeNames> {
        if let Some(names) = self.scopes.borrow().get(&scope.id()) {
            return Rc::clone(names);
        }
        let names = Rc::new(self.scan_scope(scope));
        self.scopes
            .borrow_mut()
            .insert(scope.id(), Rc::clone(&names));
        names
    }

    fn scan_scope(&self, scope: At<'p>) -> ScopeNames {
        let mut names = ScopeNames::default();
        for statement in scope.each_child() {
            let start = statement.node.start_byte();
            let mut declares = HashSet::new();
            self.may_declare(statement, &mut declares);
            for name in declares {
                names
                    .declared
                    .entry(name.to_owned())
                    .or_default()
                    .push(start);
            }
            let exports = match statement.kind() {
                "export_statement" => true,
                "expression_statement" => statement
                    .each_child()
                    .next()
                    .is_some_and(|expression| expression.kind() == "assignment_expression"),
                _ => false,
            };
            if exports {
                names.exports.push(start);
            }
        }
        for node in descendants(scope.node) {
            let target = match node.kind() {
                "assignment_expression" | "augmented_assignment_expression" => {
                    node.child_by_field_name("left")
                }
                "update_expression" => node.child_by_field_name("argument"),
                _ => None,
            };
            if let Some(target) = target.filter(|t| t.kind() == "identifier") {
                names
                    .assigned
                    .insert(self.text(scope.with(target)).to_owned());
            }
        }
        names
    }

    /// Every name [`Program::declared_by`] could find declared by `statement`, and maybe more.
    fn may_declare(&self, statement: At<'p>, names: &mut HashSet<&'p str>) {
        let mut identifiers_in = |at: At<'p>| {
            for node in descendants(at.node) {
                if matches!(
                    node.kind(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) {
                    names.insert(self.text(at.with(node)));
                }
            }
        };
        match statement.kind() {
            "lexical_declaration" | "variable_declaration" => {
                for declarator in statement.each_child() {
                    if let Some(pattern) = declarator.field("name") {
                        identifiers_in(pattern);
                    }
                }
            }
            "export_statement" => {
                if let Some(declaration) = statement.field("declaration") {
                    self.may_declare(declaration, names);
                }
            }
            "import_statement" | "ambient_declaration" => identifiers_in(statement),
            "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "enum_declaration" => {
                if let Some(name) = statement.field("name") {
                    names.insert(self.text(name));
                }
            }
            _ => {}
        }
    }

    /// The binding an import statement gives `name`, if it imports it.
    fn imported(
        &self,
        statement: At<'p>,
        name: &str,
        depth: usize,
    ) -> Result<Option<Binding<'p>>, String> {
        let specifier = |source: Option<At>| {
            source
                .and_then(|s| self.string_literal(s))
                .ok_or_else(|| "an import without a literal specifier".to_owned())
        };
        for clause in statement.children() {
            match clause.kind() {
                // `import aws = require("@pulumi/aws")`
                "import_require_clause"
                    if clause
                        .children()
                        .first()
                        .is_some_and(|n| self.text(*n) == name) =>
                {
                    let specifier = specifier(clause.field("source"))?;
                    return self
                        .namespace(statement.module, &specifier)
                        .map(|ns| Some(Binding::Namespace(ns)));
                }
                "import_clause" => {
                    for import in clause.children() {
                        let imported = match import.kind() {
                            // A default import of a package is the package (`esModuleInterop`).
                            "identifier" if self.text(import) == name => Some(None),
                            "namespace_import"
                                if import
                                    .children()
                                    .first()
                                    .is_some_and(|n| self.text(*n) == name) =>
                            {
                                Some(None)
                            }
                            "named_imports" => import
                                .children()
                                .into_iter()
                                .find(|s| {
                                    s.field("alias")
                                        .or(s.field("name"))
                                        .is_some_and(|local| self.text(local) == name)
                                })
                                .and_then(|s| s.field("name"))
                                .map(|exported| {
                                    Some(
                                        self.string_literal(exported)
                                            .unwrap_or_else(|| self.text(exported).to_owned()),
                                    )
                                }),
                            _ => None,
                        };
                        let Some(exported) = imported else {
                            continue;
                        };
                        let specifier = specifier(statement.field("source"))?;
                        let namespace = self.namespace(statement.module, &specifier)?;
                        let default_of_module = import.kind() == "identifier"
                            && matches!(namespace, Namespace::Module(_));
                        let exported = if default_of_module {
                            Some("default".to_owned())
                        } else {
                            exported
                        };
                        return match exported {
                            None => Ok(Some(Binding::Namespace(namespace))),
                            Some(exported) => self.member_of(namespace, &exported, depth).map(Some),
                        };
                    }
                }
                _ => {}
            }
        }
        Ok(None)
    }

    /// A name exported by a namespace.
    pub fn member_of(
        &self,
        namespace: Namespace,
        name: &str,
        depth: usize,
    ) -> Result<Binding<'p>, String> {
        match namespace {
            Namespace::Sdk(sdk) => Ok(Binding::Namespace(Namespace::Sdk(sdk.member(name)))),
            Namespace::Module(module) => self.export(module, name, depth + 1),
        }
    }

    /// What a module exports as `name`: ES exports, re-exports and CommonJS `exports.name`,
    /// found once per module and name however many modules re-export it.
    fn export(&self, module: usize, name: &str, depth: usize) -> Result<Binding<'p>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("imports nest more than {MAX_DEPTH} deep"));
        }
        // A name reached again while it is being looked up is re-exported in a cycle: `export
        // *` passes over it, as JavaScript does, and a named re-export of it is unknown.
        self.exports.get(
            (module, name.to_owned()),
            || self.find_export(module, name, depth),
            || Err(format!("`{name}` is re-exported in a cycle of modules")),
        )
    }

    fn find_export(&self, module: usize, name: &str, depth: usize) -> Result<Binding<'p>, String> {
        self.budget.spend(1)?;
        let root = self.modules.root(module);
        let mut star_errors = Vec::new();
        let names = self.names_of(root);
        for statement in names
            .exports
            .iter()
            .filter_map(|&start| child_at(root, start))
        {
            match statement.kind() {
                "export_statement" => {
                    if let Some(binding) =
                        self.exported_by(statement, name, depth, &mut star_errors)?
                    {
                        return Ok(binding);
                    }
                }
                "expression_statement" => {
                    if let Some(binding) = self.commonjs_export(statement, name) {
                        return Ok(binding);
                    }
                }
                _ => {}
            }
        }
        let path = self.modules.modules[module]
            .file
            .source
            .display_path
            .as_str();
        Err(star_errors
            .into_iter()
            .next()
            .unwrap_or_else(|| format!("`{name}` is not exported by `{path}`")))
    }

    fn exported_by(
        &self,
        statement: At<'p>,
        name: &str,
        depth: usize,
        star_errors: &mut Vec<String>,
    ) -> Result<Option<Binding<'p>>, String> {
        if let Some(declaration) = statement.field("declaration") {
            let scope = statement.with(statement.node.parent().unwrap_or(statement.node));
            return self.declared_by(declaration, name, scope, depth);
        }
        if let Some(value) = statement.field("value") {
            return Ok((name == "default").then_some(Binding::Value(value)));
        }
        let source = statement
            .field("source")
            .and_then(|s| self.string_literal(s));
        let children = statement.children();
        let clause = children.iter().find(|c| c.kind() == "export_clause");
        if let Some(clause) = clause {
            for specifier in clause.children() {
                let Some(local) = specifier.field("name") else {
                    continue;
                };
                let exported = specifier.field("alias").unwrap_or(local);
                if self.text(exported) != name {
                    continue;
                }
                let local_name = self.text(local);
                return match &source {
                    Some(source) => {
                        let namespace = self.namespace(statement.module, source)?;
                        self.member_of(namespace, local_name, depth).map(Some)
                    }
                    None => self.lookup(local_name, specifier, depth).map(Some),
                };
            }
            return Ok(None);
        }
        let Some(source) = source else {
            return Ok(None);
        };
        // `export * as keys from "./keys"`
        if let Some(namespace) = children.iter().find(|c| c.kind() == "namespace_export") {
            let named = namespace
                .children()
                .first()
                .is_some_and(|n| self.text(*n) == name);
            return if named {
                self.namespace(statement.module, &source)
                    .map(|ns| Some(Binding::Namespace(ns)))
            } else {
                Ok(None)
            };
        }
        // `export * from "./keys"`: the name may be one of that module's.
        match self.namespace(statement.module, &source) {
            Ok(Namespace::Module(module)) => match self.export(module, name, depth + 1) {
                Ok(binding) => Ok(Some(binding)),
                Err(reason) => {
                    star_errors.push(reason);
                    Ok(None)
                }
            },
            Ok(Namespace::Sdk(_)) => Ok(None),
            Err(reason) => {
                star_errors.push(reason);
                Ok(None)
            }
        }
    }

    /// `exports.name = …`, `module.exports.name = …`, `module.exports = { name, … }`.
    fn commonjs_export(&self, statement: At<'p>, name: &str) -> Option<Binding<'p>> {
        let assignment = statement.children().into_iter().next()?;
        if assignment.kind() != "assignment_expression" {
            return None;
        }
        let left = self.text(assignment.field("left")?);
        let right = assignment.field("right")?;
        let property = left
            .strip_prefix("module.exports.")
            .or_else(|| left.strip_prefix("exports."));
        match property {
            Some(property) => (property == name).then_some(Binding::Value(right)),
            None => (left == "module.exports").then(|| Binding::Member {
                object: right,
                name: name.to_owned(),
            }),
        }
    }
}

/// The named child of `scope` that starts at byte `start`.
fn child_at(scope: At, start: usize) -> Option<At> {
    let mut cursor = scope.node.walk();
    cursor.goto_first_child_for_byte(start)?;
    loop {
        let node = cursor.node();
        if node.start_byte() == start && node.is_named() && !node.is_extra() {
            return Some(scope.with(node));
        }
        if node.start_byte() > start || !cursor.goto_next_sibling() {
            return None;
        }
    }
}

/// Whether `node` sits in a default value inside `pattern` (`{ a = b }`), where names are used,
/// not bound.
fn is_in_value(node: Node, pattern: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.id() == pattern.id() {
            return false;
        }
        let is_value = parent
            .child_by_field_name("right")
            .or_else(|| parent.child_by_field_name("value"))
            .is_some_and(|value| value.id() == current.id())
            && parent.kind() != "pair_pattern";
        if is_value {
            return true;
        }
        current = parent;
    }
    false
}

fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// The entry module: `main` (a file, or a directory holding `index.ts` / `index.js`), else
/// `index.ts`, else `index.js`.
fn entry<'a>(project: &'a Project) -> Option<(PathBuf, UnitFile<'a>)> {
    let main = project.main.as_deref().map(Path::new);
    let candidates: Vec<PathBuf> = match main {
        Some(main) => vec![
            main.to_path_buf(),
            main.join("index.ts"),
            main.join("index.js"),
        ],
        None => vec![PathBuf::from("index.ts"), PathBuf::from("index.js")],
    };
    candidates.into_iter().find_map(|candidate| {
        let path = normalize(&candidate)?;
        project.source(&path).map(|file| (path, file))
    })
}

/// The project file a relative specifier of the module at `from` names: `./kms` is `kms.ts`,
/// `kms.js` or `kms/index.ts`; `./kms.js` may be the `kms.ts` it is compiled from.
fn resolve_specifier<'a>(
    project: &'a Project,
    from: &Path,
    specifier: &str,
) -> Option<(PathBuf, UnitFile<'a>)> {
    let base = normalize(&from.parent().unwrap_or(Path::new("")).join(specifier))?;
    let mut candidates = Vec::new();
    let extension = base.extension().and_then(|e| e.to_str());
    if let Some(source) = match extension {
        Some("js") => Some("ts"),
        Some("mjs") => Some("mts"),
        Some("cjs") => Some("cts"),
        _ => None,
    } {
        candidates.push(base.with_extension(source));
    }
    candidates.push(base.clone());
    for extension in ["ts", "js"] {
        let mut file = base.clone().into_os_string();
        file.push(".");
        file.push(extension);
        candidates.push(PathBuf::from(file));
    }
    candidates.push(base.join("index.ts"));
    candidates.push(base.join("index.js"));
    candidates
        .into_iter()
        .find_map(|path| project.source(&path).map(|file| (path, file)))
}

/// A path relative to the project with `.` and `..` resolved; `None` when it leaves the
/// project.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    return None;
                }
            }
            Component::Normal(part) => normal.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(normal)
}

/// The first node tree-sitter could not parse or had to invent, as an input error.
fn first_syntax_error(tree: &Tree, file: UnitFile, typescript: bool) -> Option<InputError> {
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let node = descendants(root).find(|n| n.is_error() || n.is_missing())?;
    let language = if typescript {
        "TypeScript"
    } else {
        "JavaScript"
    };
    let message = if node.is_missing() {
        format!("invalid {language}: missing `{}`", node.kind())
    } else {
        let text = file
            .source
            .text
            .get(node.byte_range())
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let text: String = text.chars().take(20).collect();
        if text.is_empty() {
            format!("invalid {language}")
        } else {
            format!("invalid {language}: unexpected `{text}`")
        }
    };
    let range = node.byte_range();
    Some(InputError {
        path: file.source.display_path.clone(),
        span: Some(Span::new(file.id, range.start, range.end)),
        message,
    })
}

/// Decodes one escape sequence of a string literal (`\n`, `\x41`, `\u{1F600}`).
pub fn unescape(escape: &str) -> String {
    let body = escape.strip_prefix('\\').unwrap_or(escape);
    let mut chars = body.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let code = |digits: &str| {
        u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
    };
    let decoded = match first {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'v' => Some('\u{b}'),
        '0' if body.len() == 1 => Some('\0'),
        'x' => code(&body[1..]),
        'u' => code(body[1..].trim_start_matches('{').trim_end_matches('}')),
        // A line continuation stands for nothing.
        '\n' | '\r' => return String::new(),
        _ => None,
    };
    decoded.map_or_else(|| body.to_owned(), String::from)
}
