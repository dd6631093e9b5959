//! Lowering of TypeScript and JavaScript (the `nodejs` runtime).
//!
//! JavaScript scopes `let`, `const`, classes and functions by block and `var` by function, and
//! hoists them all: each scope's names are declared before its statements are lowered, so that a
//! name used before its declaration (a function called above it) resolves. A package's names
//! are global paths (`import * as aws from "@pulumi/aws"` is `["@pulumi", "aws"]`); a relative
//! specifier is a module of the project, ES or CommonJS alike.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::{
    Escapes, Language, Source, Turn, among, appending, children, children_but, field,
    field_children, has_child, leaves_early, sum_operands, unescape,
};
use crate::frontend::UnitFile;
use crate::frontend::program::load::normalize;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{
    Argument, BindingId, Expr, ExprId, Function, FunctionId, ImportId, Item, Lowerer, Member, Part,
    Runs, push_text,
};
use crate::source::Span;

pub struct TypeScript;

/// The files a module may be: others (`package.json`, Python) are never lowered as one.
const SCRIPTS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
/// Syntax whose value is the one expression it holds.
const UNWRAPPED: &str = "parenthesized_expression as_expression satisfies_expression \
    non_null_expression await_expression type_assertion instantiation_expression";
/// Scopes of their own `var`s, which the enclosing function's do not include.
const FUNCTIONS: &str = "function_declaration function_expression arrow_function \
    generator_function generator_function_declaration method_definition class_body";
/// Declarations of one name, hoisted to the top of their block.
const NAMED: &str = "function_declaration generator_function_declaration class_declaration \
    abstract_class_declaration enum_declaration internal_module module";
/// Expressions whose kind does not end in `_expression`.
const EXPRESSIONS: &str = "identifier string template_string number true false null undefined \
    array object arrow_function generator_function class type_assertion this super regex \
    internal_module module jsx_element jsx_self_closing_element";
/// What declares types only, which the compiled program leaves out.
const TYPES: &str = "interface_declaration implements_clause nested_type_identifier \
    asserts_annotation ambient_declaration import_alias import_statement";

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CATCH: &str = "inside a `catch`, which may not run";
const TERNARY: &str = "inside a conditional expression, which may not run";
const DEFAULT: &str = "inside a default value, which may not be used";
const FIELD: &str = "inside a field initialiser, which runs for each object of the class";
const OPTIONAL: &str = "after `?.`, which may not call it";
/// What may end a turn of a loop early.
const JUMPS: &str = "break_statement continue_statement return_statement";
/// Why a name assigned in a function may hold another value when it is read.
const IN_FUNCTION: &str = "inside a function, which may run any number of times";

impl Language for TypeScript {
    fn name(&self) -> &'static str {
        "TypeScript"
    }

    fn grammar(&self, path: &Path) -> tree_sitter::Language {
        match extension(path) {
            "ts" | "mts" | "cts" => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            // TSX is JavaScript with types and JSX, so it reads plain JavaScript too.
            _ => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }

    fn file_language(&self, path: &Path) -> &'static str {
        match extension(path) {
            "js" | "mjs" | "cjs" | "jsx" => "JavaScript",
            _ => "TypeScript",
        }
    }

    /// `main` of `Pulumi.yaml` (a file, or a directory holding `index.ts` / `index.js`), else
    /// `index.ts`, `index.js`, else the `main` of `package.json`, which Node.js runs.
    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String> {
        let found = |candidates: &[PathBuf]| {
            let mut paths = candidates.iter().filter_map(|path| normalize(path));
            paths.find(|path| project.source(path).is_some())
        };
        let expected = |what: String| {
            format!("the program's entry module is not in the project: expected {what}")
        };
        if let Some(main) = &project.main {
            let path = Path::new(main);
            let candidates = [path.into(), path.join("index.ts"), path.join("index.js")];
            let expected = expected(format!("`{main}`, `{main}/index.ts` or `{main}/index.js`"));
            return found(&candidates).map(|entry| vec![entry]).ok_or(expected);
        }
        if let Some(entry) = found(&["index.ts".into(), "index.js".into()]) {
            return Ok(vec![entry]);
        }
        let package = project.source(Path::new("package.json"));
        let package = package.and_then(|file| {
            let package: serde_json::Value = serde_json::from_str(&file.source.text).ok()?;
            package.get("main")?.as_str().map(str::to_owned)
        });
        let Some(main) = package else {
            return Err(expected("`index.ts` or `index.js`".to_owned()));
        };
        let expected = expected(format!(
            "`index.ts`, `index.js` or `{main}` (`main` in `package.json`)"
        ));
        let entry = module_file(project, Path::new(""), &format!("./{main}"));
        entry.map(|entry| vec![entry]).ok_or(expected)
    }

    fn files<'a>(&self, project: &ProgramFiles<'a>, module: &Path) -> Vec<UnitFile<'a>> {
        let Some(file) = project.source(module) else {
            return Vec::new();
        };
        let sources = project.sources.iter().copied();
        sources.filter(|source| source.id == file.id).collect()
    }

    fn resolve(&self, project: &ProgramFiles, from: &Path, specifier: &str) -> Option<PathBuf> {
        let directory = from.parent().unwrap_or(Path::new(""));
        is_relative(specifier).then(|| module_file(project, directory, specifier))?
    }

    /// Syntax of TypeScript newer than the grammar: `export type * from "./types"` (5.0) and
    /// variance annotations, `class Box<in out T>` (4.7).
    fn tolerates(&self, source: &Source, error: Node) -> bool {
        let Some(parent) = error.parent().filter(|_| error.is_error()) else {
            return false;
        };
        let sibling =
            |node: Option<Node>, kinds: &[&str]| node.is_some_and(|n| kinds.contains(&n.kind()));
        match parent.kind() {
            "export_statement" => {
                source.text(error) == "type"
                    && sibling(error.prev_sibling(), &["export"])
                    && sibling(error.next_sibling(), &["*", "namespace_export"])
            }
            "type_parameter" => variance(source, error, parent),
            "type_parameters" => error.prev_sibling().is_some_and(|parameter| {
                parameter.kind() == "type_parameter" && variance(source, error, parameter)
            }),
            _ => false,
        }
    }

    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer) {
        for source in sources {
            let mut lowering = Lowering {
                source,
                out: &mut *lowerer,
                names: HashMap::new(),
                scopes: Vec::new(),
                why: Vec::new(),
                depth_of: HashMap::new(),
                runs: Runs::Once,
                returns: None,
                instances: Vec::new(),
                turn: None,
            };
            let root = source.tree.root_node();
            lowering.scope(|s| s.body(root));
        }
    }
}

/// Whether an error the grammar made of a variance annotation is one: it reads `in` or `out`
/// as the parameter's name, and the name (after `out`, for `in out`) as an error.
fn variance(source: &Source, error: Node, parameter: Node) -> bool {
    let modifier = field(parameter, "name").map(|n| source.text(n));
    let mut cursor = error.walk();
    let words = error.children(&mut cursor);
    let identifier = |n: Node| (n.kind() == "identifier").then(|| source.text(n));
    let words: Vec<&str> = words.map(|n| identifier(n).unwrap_or_default()).collect();
    let written = match (modifier, words.as_slice()) {
        (Some("in"), ["out", name]) | (Some("in" | "out"), [name]) => !name.is_empty(),
        _ => false,
    };
    // Only classes, interfaces and type aliases declare variance, not functions.
    let declaration = parameter
        .parent()
        .and_then(|parameters| parameters.parent());
    let kinds = "class_declaration abstract_class_declaration class interface_declaration \
        type_alias_declaration";
    written && declaration.is_some_and(|d| among(kinds, d.kind()))
}

fn extension(path: &Path) -> &str {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
}

fn is_relative(specifier: &str) -> bool {
    matches!(specifier, "." | "..") || specifier.starts_with("./") || specifier.starts_with("../")
}

/// The project file a relative specifier names from a directory: `./kms` is `kms.ts`, `kms.js`
/// or `kms/index.ts`; `./kms.js` may be the `kms.ts` it is compiled from.
fn module_file(project: &ProgramFiles, directory: &Path, specifier: &str) -> Option<PathBuf> {
    let base = normalize(&directory.join(specifier))?;
    let compiled_from = match extension(&base) {
        "js" => Some("ts"),
        "mjs" => Some("mts"),
        "cjs" => Some("cts"),
        "jsx" => Some("tsx"),
        _ => None,
    };
    let mut candidates: Vec<PathBuf> = compiled_from
        .map(|e| base.with_extension(e))
        .into_iter()
        .collect();
    candidates.push(base.clone());
    for extension in ["ts", "tsx", "js", "jsx"] {
        candidates.push(format!("{}.{extension}", base.display()).into());
    }
    candidates.extend([base.join("index.ts"), base.join("index.js")]);
    let mut modules = candidates
        .into_iter()
        .filter(|path| SCRIPTS.contains(&extension(path)));
    modules.find(|path| project.source(path).is_some())
}

fn is_type(kind: &str) -> bool {
    kind.starts_with("type_")
        || kind.ends_with("_type")
        || kind.ends_with("type_annotation")
        || kind.ends_with("_signature")
        || among(TYPES, kind)
}

/// JavaScript's escapes: `\u{1F600}` besides `\u0041`, and the octal ones of sloppy mode.
pub(super) const ESCAPES: Escapes = Escapes {
    simple: "n\nt\tr\rb\u{8}f\u{c}v\u{b}",
    continued: "\n\r",
    hex: &[('x', 2, 2), ('u', 4, 4)],
    octal: Some((1, 0o377)),
    braces: true,
    ..Escapes::BASE
};

/// What a specifier names: a module of the project or a package.
enum Target {
    Module(ImportId),
    Package(Vec<String>),
}

/// A property name as written: a name, or an expression (`[key]`).
enum Key {
    Name(String, Span),
    Computed(ExprId),
}

/// The function whose body is being lowered, and the `return`s with a value met in it.
struct Returns {
    function: FunctionId,
    count: usize,
    /// The value of the last, when it runs on every path through the body.
    value: Option<ExprId>,
}

/// The members an object of the class being lowered has (its fields, what its constructor sets
/// on `this`, its methods and getters), each a binding given a value where it is set.
struct Instance {
    members: Vec<(String, BindingId)>,
    /// How many entries of `why` enclose where an assignment to one runs once: the constructor's
    /// body while it is lowered, the class afterwards.
    depth: usize,
    /// What `this` names in the constructor and each method: the object the class makes.
    receivers: Vec<BindingId>,
    /// Whether the function lowered next is the constructor or a method, whose `this` is one of
    /// the class's objects.
    next_is_member: bool,
}

/// The lowering of one file.
struct Lowering<'s, 'l, 'p> {
    source: &'s Source<'s>,
    out: &'l mut Lowerer<'p>,
    /// The bindings each name resolves to, the innermost scope's last.
    names: HashMap<String, Vec<BindingId>>,
    /// The names each enclosing scope declares, the innermost last.
    scopes: Vec<HashMap<String, BindingId>>,
    /// Why each enclosing branch, loop and function may run other than once, outermost first.
    why: Vec<&'static str>,
    /// How many entries of `why` enclosed each binding's scope: an assignment under more may
    /// not run once.
    depth_of: HashMap<BindingId, usize>,
    runs: Runs,
    returns: Option<Returns>,
    /// The classes being lowered, the innermost last.
    instances: Vec<Instance>,
    /// In the body of `for (const x of list)` that no jump may cut short: the list, `x`, and
    /// how many entries of `why` enclose the body.
    turn: Option<Turn>,
}

impl<'s> Lowering<'s, '_, '_> {
    fn text(&self, node: Node<'s>) -> &'s str {
        self.source.text(node)
    }

    fn span(&self, node: Node<'s>) -> Span {
        self.source.span(node)
    }

    fn add(&mut self, expr: Expr, node: Node<'s>) -> ExprId {
        let span = self.span(node);
        self.out.add(expr, span)
    }

    fn opaque(&mut self, reason: impl Into<String>, node: Node<'s>) -> ExprId {
        self.add(Expr::opaque(reason), node)
    }

    fn scope<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.scopes.push(HashMap::new());
        let result = f(self);
        for name in self.scopes.pop().unwrap_or_default().into_keys() {
            self.names.get_mut(&name).and_then(Vec::pop);
        }
        result
    }

    /// Lowers what may not run, or run many times (a branch, a loop), for the reason given.
    fn within<T>(&mut self, reason: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        let runs = self.runs.clone();
        if !matches!(runs, Runs::Maybe(_)) {
            self.runs = Runs::Maybe(reason.to_owned());
        }
        self.why.push(reason);
        let result = f(self);
        self.why.pop();
        self.runs = runs;
        result
    }

    /// Declares the name an identifier writes in the innermost scope, once.
    fn declare(&mut self, identifier: Node<'s>) {
        let name = self.text(identifier);
        if !self
            .scopes
            .last()
            .is_some_and(|scope| scope.contains_key(name))
        {
            let binding = self.out.declare(name, self.span(identifier));
            self.register(name, binding);
        }
    }

    fn register(&mut self, name: &str, binding: BindingId) {
        let Some(scope) = self
            .scopes
            .last_mut()
            .filter(|scope| !scope.contains_key(name))
        else {
            return;
        };
        scope.insert(name.to_owned(), binding);
        self.names.entry(name.to_owned()).or_default().push(binding);
        self.depth_of.insert(binding, self.why.len());
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.names
            .get(name)
            .and_then(|bindings| bindings.last())
            .copied()
    }

    /// A name where it is used: the binding it resolves to, or a global.
    fn name(&mut self, identifier: Node<'s>) -> ExprId {
        let name = self.text(identifier);
        let expr = match self.lookup(name) {
            Some(binding) => Expr::Name(binding),
            None => Expr::Global(vec![vec![name.to_owned()]]),
        };
        self.add(expr, identifier)
    }

    /// Gives a declared name a value (`None`: one the lowering does not follow, as `+=`'s).
    fn assign(&mut self, name: &str, value: Option<ExprId>) {
        if let Some(binding) = self.lookup(name) {
            self.give(binding, value);
        }
    }

    /// Gives a binding a value where it runs once, where its scope does.
    fn give(&mut self, binding: BindingId, value: Option<ExprId>) {
        let depth = self.depth_of.get(&binding).copied().unwrap_or_default();
        let how = match (value, self.why.get(depth)) {
            (Some(value), None) => return self.out.assign(binding, value),
            (_, Some(why)) => format!("is assigned {why}"),
            (None, None) => "is assigned more than once".to_owned(),
        };
        let name = &self.out.program().binding(binding).name;
        let reason = format!("`{name}` {how}");
        self.out.unknown(binding, reason);
    }

    /// The member of the class being lowered of this name, declared the first time.
    fn instance_member(&mut self, name: &str, span: Span) -> Option<BindingId> {
        let instance = self.instances.last()?;
        if let Some((_, binding)) = instance.members.iter().find(|(n, _)| n == name) {
            return Some(*binding);
        }
        let (binding, depth) = (self.out.declare(name, span), instance.depth);
        self.depth_of.insert(binding, depth);
        let instance = self.instances.last_mut()?;
        instance.members.push((name.to_owned(), binding));
        Some(binding)
    }

    /// The member `this.name` is, as an assignment's target.
    fn this_member(&mut self, target: Node<'s>) -> Option<BindingId> {
        field(target, "object").filter(|object| object.kind() == "this")?;
        let property =
            field(target, "property").filter(|_| target.kind() == "member_expression")?;
        self.instance_member(self.text(property), self.span(property))
    }

    /// The identifiers a pattern binds (not those of its default values).
    fn pattern_names(pattern: Node<'s>, names: &mut Vec<Node<'s>>) {
        match pattern.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => names.push(pattern),
            "object_pattern" | "array_pattern" | "rest_pattern" => {
                for child in children(pattern) {
                    Self::pattern_names(child, names);
                }
            }
            _ => {
                let inner = field(pattern, "value").or(field(pattern, "left"));
                if let Some(inner) = inner.filter(|_| pattern.kind().ends_with("pattern")) {
                    Self::pattern_names(inner, names);
                }
            }
        }
    }

    fn declare_pattern(&mut self, pattern: Node<'s>) {
        let mut names = Vec::new();
        Self::pattern_names(pattern, &mut names);
        for name in names {
            self.declare(name);
        }
    }

    fn declare_declarators(&mut self, declaration: Node<'s>) {
        for pattern in children(declaration)
            .into_iter()
            .filter_map(|d| field(d, "name"))
        {
            self.declare_pattern(pattern);
        }
    }

    /// Declares what a statement declares in its block; imports get their value at once.
    fn hoist(&mut self, statement: Node<'s>) {
        match statement.kind() {
            "lexical_declaration" => self.declare_declarators(statement),
            kind if among(NAMED, kind) => {
                let name = field(statement, "name");
                if let Some(name) =
                    name.filter(|n| matches!(n.kind(), "identifier" | "type_identifier"))
                {
                    self.declare(name);
                }
            }
            "export_statement" | "expression_statement" | "ambient_declaration" => {
                for child in children(statement) {
                    self.hoist(child);
                }
            }
            "import_statement" => self.import(statement),
            _ => {}
        }
    }

    /// Declares the `var`s of a function's body (or a module's), nested functions left out.
    fn hoist_vars(&mut self, body: Node<'s>) {
        let mut cursor = body.walk();
        loop {
            let node = cursor.node();
            let kind = node.kind();
            if kind == "variable_declaration" {
                self.declare_declarators(node);
            }
            if kind == "for_in_statement"
                && field(node, "kind").is_some_and(|k| k.kind() == "var")
                && let Some(left) = field(node, "left")
            {
                self.declare_pattern(left);
            }
            let own = among(FUNCTIONS, kind) || (is_type(kind) && kind != "ambient_declaration");
            // A statement is inside an expression only within a function, which has its own.
            let statementless = kind.ends_with("_expression")
                || among(
                    "lexical_declaration arguments array object string template_string",
                    kind,
                );
            if !own && !statementless && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// A function's body or a module: a scope of its own for `var`s too.
    fn body(&mut self, body: Node<'s>) {
        self.hoist_vars(body);
        self.statements(children(body));
    }

    /// The statements of a block, its names declared first.
    fn statements(&mut self, statements: Vec<Node<'s>>) {
        for statement in &statements {
            self.hoist(*statement);
        }
        self.lower_all(statements);
    }

    fn lower_all(&mut self, nodes: impl IntoIterator<Item = Node<'s>>) {
        for node in nodes {
            self.statement(node);
        }
    }

    /// Gives the names of a pattern their values: `const { kms } = aws` makes `kms`
    /// `aws.kms`, `const [a] = xs` makes `a` `xs[0]`. An error is why the values are unknown.
    fn bind(&mut self, pattern: Node<'s>, value: Result<ExprId, &'static str>) {
        let unknown = |s: &mut Self, node: Node<'s>, why: &str| {
            let mut names = Vec::new();
            Self::pattern_names(node, &mut names);
            for name in names {
                let name = s.text(name);
                if let Some(binding) = s.lookup(name) {
                    s.out.unknown(binding, format!("`{name}` is {why}"));
                }
            }
        };
        let value = match value {
            Ok(value) => value,
            Err(why) => return unknown(self, pattern, why),
        };
        match pattern.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                self.assign(self.text(pattern), Some(value));
            }
            "object_pattern" => {
                for property in children(pattern) {
                    let (key, target) = match property.kind() {
                        "pair_pattern" => (field(property, "key"), field(property, "value")),
                        "shorthand_property_identifier_pattern" => (Some(property), Some(property)),
                        _ => (None, Some(property)),
                    };
                    let member = match key.map(|key| self.key(key)) {
                        Some(Key::Name(name, span)) => {
                            self.add(Expr::member(value, name, span), property)
                        }
                        Some(Key::Computed(index)) => self.index(value, index, property),
                        None => value,
                    };
                    if let Some(target) = target {
                        self.bind(target, Ok(member));
                    }
                }
            }
            "array_pattern" => {
                let mut index = 0;
                let mut cursor = pattern.walk();
                let elements: Vec<Node<'s>> = pattern.children(&mut cursor).collect();
                for element in elements {
                    if element.kind() == "," {
                        index += 1;
                    } else if element.is_named() && !element.is_extra() {
                        let position = self.add(Expr::Number(index.to_string()), element);
                        let item = self.index(value, position, element);
                        self.bind(element, Ok(item));
                    }
                }
            }
            "assignment_pattern" | "object_assignment_pattern" => {
                if let Some(default) = field(pattern, "right") {
                    self.within(DEFAULT, |s| s.expr(default));
                }
                unknown(self, pattern, "destructured with a default value");
            }
            "rest_pattern" => unknown(self, pattern, "the rest of a destructuring"),
            // `obj.name = …`, `xs[0] = …` in a destructuring assignment.
            _ => _ = self.expr(pattern),
        }
    }

    fn index(&mut self, object: ExprId, index: ExprId, node: Node<'s>) -> ExprId {
        self.add(Expr::Index { object, index }, node)
    }

    /// A property name: an identifier, a string, a number, or `[expression]`.
    fn key(&mut self, key: Node<'s>) -> Key {
        match key.kind() {
            "string" => Key::Name(self.string(key), self.span(key)),
            "computed_property_name" => match children(key).first() {
                Some(expression) => Key::Computed(self.expr(*expression)),
                None => Key::Computed(self.opaque("an empty property name", key)),
            },
            _ => Key::Name(self.text(key).to_owned(), self.span(key)),
        }
    }

    // Statements.

    fn statement(&mut self, node: Node<'s>) {
        let kind = node.kind();
        match kind {
            "lexical_declaration" | "variable_declaration" => {
                for declarator in children(node) {
                    let Some(pattern) = field(declarator, "name") else {
                        continue;
                    };
                    if kind == "lexical_declaration" {
                        self.declare_pattern(pattern);
                    }
                    if let Some(value) = field(declarator, "value") {
                        let value = self.expr(value);
                        self.bind(pattern, Ok(value));
                    }
                }
            }
            "function_declaration" | "generator_function_declaration" | "enum_declaration" => {
                let value = match kind {
                    "enum_declaration" => self.enumeration(node),
                    _ => self.function(node),
                };
                if let Some(name) = field(node, "name") {
                    self.assign(self.text(name), Some(value));
                }
            }
            "class_declaration" | "abstract_class_declaration" => _ = self.expr(node),
            "export_statement" => self.export(node),
            "statement_block" => self.scope(|s| s.statements(children(node))),
            "if_statement" => {
                let condition = field(node, "condition");
                self.lower_all(condition);
                self.within(IF, |s| s.lower_all(children_but(node, &[condition])));
            }
            "for_statement" | "for_in_statement" | "while_statement" | "do_statement" => {
                // A `for`'s initialiser, and what a `for … of` reads, run once.
                let (once, left) = (
                    field(node, "initializer").or(field(node, "right")),
                    field(node, "left"),
                );
                let of = field(node, "operator").is_some_and(|o| o.kind() == "of");
                let whole = field(node, "body").is_some_and(|b| !leaves_early(b, JUMPS));
                self.scope(|s| {
                    let list = match once {
                        Some(list) if of => Some(s.expr(list)),
                        _ => {
                            s.lower_all(once);
                            None
                        }
                    };
                    s.within(LOOP, |s| {
                        if let Some(left) = left {
                            if field(node, "kind").is_some_and(|k| k.kind() != "var") {
                                s.declare_pattern(left);
                            }
                            s.bind(left, Err("a loop variable"));
                        }
                        let variable = left.filter(|l| l.kind() == "identifier" && whole);
                        let variable = variable.and_then(|l| s.lookup(s.text(l)));
                        let turn = list.zip(variable).map(|(l, v)| (l, v, s.why.len()));
                        let outer = std::mem::replace(&mut s.turn, turn);
                        s.lower_all(children_but(node, &[once, left]));
                        s.turn = outer;
                    });
                });
            }
            "switch_statement" => {
                let value = field(node, "value");
                self.lower_all(value);
                let cases = field_children(node, "body");
                // The cases share one block.
                let statements = cases.into_iter().flat_map(children).collect();
                self.scope(|s| s.within(SWITCH, |s| s.statements(statements)));
            }
            "catch_clause" => self.within(CATCH, |s| {
                s.scope(|s| {
                    let parameter = field(node, "parameter");
                    if let Some(parameter) = parameter {
                        s.declare_pattern(parameter);
                        s.bind(parameter, Err("a caught exception"));
                    }
                    s.lower_all(children_but(node, &[parameter]));
                });
            }),
            "return_statement" => {
                let value = children(node).first().map(|value| self.expr(*value));
                if let (Some(returns), Some(value)) = (&mut self.returns, value) {
                    returns.count += 1;
                    returns.value =
                        (self.runs == Runs::InFunction(returns.function)).then_some(value);
                }
            }
            "ERROR" => _ = self.unread(node, "code that does not parse"),
            kind if is_type(kind) => {}
            kind if kind.ends_with("_expression") || among(EXPRESSIONS, kind) => {
                _ = self.expr(node)
            }
            _ => self.lower_all(children(node)),
        }
    }

    /// `export …`: what the module exports by name (at its top level only: a namespace's
    /// exports are the namespace's).
    fn export(&mut self, node: Node<'s>) {
        if self.type_only(node) {
            return;
        }
        let mut exports = Vec::new();
        let statement_children = children(node);
        if let Some(declaration) = field(node, "declaration") {
            if is_type(declaration.kind()) {
                return;
            }
            self.statement(declaration);
            let mut names = Vec::new();
            match field(declaration, "name") {
                Some(name) => names.push(name),
                None => {
                    for pattern in children(declaration)
                        .into_iter()
                        .filter_map(|d| field(d, "name"))
                    {
                        Self::pattern_names(pattern, &mut names);
                    }
                }
            }
            let default = has_child(node, "default");
            for name in names {
                let exported = if default { "default" } else { self.text(name) };
                exports.push((exported.to_owned(), self.name(name)));
            }
        } else if let Some(value) = field(node, "value") {
            exports.push(("default".to_owned(), self.expr(value)));
        } else if has_child(node, "=") {
            // `export = value`, TypeScript's `module.exports = value`.
            if let Some(value) = statement_children.first() {
                let value = self.expr(*value);
                self.module_exports(value);
            }
        }
        let target = field(node, "source").map(|source| self.target(source));
        for child in statement_children {
            match (child.kind(), &target) {
                ("export_clause", _) => {
                    for specifier in children(child) {
                        let Some(local) = field(specifier, "name") else {
                            continue;
                        };
                        let exported =
                            self.specifier_name(field(specifier, "alias").unwrap_or(local));
                        let value = match &target {
                            Some(target) => {
                                let local = self.specifier_name(local);
                                self.member_of(target, &local, specifier)
                            }
                            None => self.name(local),
                        };
                        exports.push((exported, value));
                    }
                }
                ("namespace_export", Some(target)) => {
                    if let Some(name) = children(child).first() {
                        exports.push((self.specifier_name(*name), self.whole(target, child)));
                    }
                }
                _ => {}
            }
        }
        if self.scopes.len() == 1 {
            if let (true, Some(Target::Module(import))) = (has_child(node, "*"), target) {
                self.out.reexport(import);
            }
            exports
                .into_iter()
                .for_each(|(name, value)| self.out.export(name, value));
        }
    }

    /// `module.exports = value`: the module's default export, and an object's fields its
    /// named exports.
    fn module_exports(&mut self, value: ExprId) {
        if self.returns.is_some() {
            return;
        }
        self.out.export("default", value);
        if let Expr::Object(object) = self.out.program().expr(value) {
            let fields: Vec<(String, ExprId)> = (object.members.iter())
                .filter_map(|member| match member {
                    Member::Field { name, value, .. } => Some((name.clone(), *value)),
                    _ => None,
                })
                .collect();
            fields
                .into_iter()
                .for_each(|(name, value)| self.out.export(name, value));
        }
    }

    /// Whether an import or export is of types only, which the compiled program leaves out.
    fn type_only(&self, statement: Node<'s>) -> bool {
        let mut cursor = statement.walk();
        let mut children = statement.children(&mut cursor);
        children.any(|child| {
            (!child.is_named() && child.kind() == "type")
                || (child.kind() == "ERROR" && self.text(child) == "type")
        })
    }

    fn specifier_name(&self, node: Node<'s>) -> String {
        match node.kind() {
            "string" => self.string(node),
            _ => self.text(node).to_owned(),
        }
    }

    /// The module or package a specifier (a string literal) names.
    fn target(&mut self, source: Node<'s>) -> Target {
        let specifier = self.string(source);
        if !is_relative(&specifier) {
            let path = specifier.split('/').filter(|part| !part.is_empty());
            return Target::Package(path.map(str::to_owned).collect());
        }
        Target::Module(self.out.import(specifier, self.span(source)))
    }

    fn whole(&mut self, target: &Target, node: Node<'s>) -> ExprId {
        match target {
            Target::Module(import) => self.add(Expr::Module(*import), node),
            Target::Package(path) => self.add(Expr::Global(vec![path.clone()]), node),
        }
    }

    /// A name a module or package exports; a package's default export is the package.
    fn member_of(&mut self, target: &Target, name: &str, node: Node<'s>) -> ExprId {
        match target {
            Target::Module(import) => self.add(Expr::Export(*import, name.to_owned()), node),
            Target::Package(_) if name == "default" => self.whole(target, node),
            Target::Package(path) => {
                let path = path.iter().cloned().chain([name.to_owned()]).collect();
                self.add(Expr::Global(vec![path]), node)
            }
        }
    }

    /// `import … from "…"`, `import x = require("…")`: declares the names it imports.
    fn import(&mut self, statement: Node<'s>) {
        if self.type_only(statement) {
            return;
        }
        let target = field(statement, "source").map(|source| self.target(source));
        let mut imported = Vec::new();
        for clause in children(statement) {
            if clause.kind() == "import_require_clause"
                && let (Some(local), Some(source)) =
                    (children(clause).first(), field(clause, "source"))
            {
                let target = self.target(source);
                imported.push((*local, self.whole(&target, clause)));
            }
            let Some(target) = target.as_ref().filter(|_| clause.kind() == "import_clause") else {
                continue;
            };
            for part in children(clause) {
                match part.kind() {
                    "identifier" => imported.push((part, self.member_of(target, "default", part))),
                    "namespace_import" => {
                        if let Some(local) = children(part).first() {
                            imported.push((*local, self.whole(target, part)));
                        }
                    }
                    _ => {
                        for specifier in children(part) {
                            let Some(name) = field(specifier, "name") else {
                                continue;
                            };
                            let local = field(specifier, "alias").unwrap_or(name);
                            let name = self.specifier_name(name);
                            imported.push((local, self.member_of(target, &name, specifier)));
                        }
                    }
                }
            }
        }
        for (local, value) in imported {
            self.declare(local);
            self.assign(self.text(local), Some(value));
        }
    }

    // Expressions.

    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let kind = node.kind();
        let expr = match kind {
            // What tree-sitter supposed to recover from an error (an identifier of no text).
            _ if node.is_missing() => Expr::opaque("code that does not parse"),
            kind if among(UNWRAPPED, kind) => {
                return match children(node).into_iter().find(|c| !is_type(c.kind())) {
                    Some(inner) => self.expr(inner),
                    None => self.opaque("an empty expression", node),
                };
            }
            "sequence_expression" => {
                let values: Vec<ExprId> =
                    children(node).into_iter().map(|c| self.expr(c)).collect();
                return values
                    .last()
                    .copied()
                    .unwrap_or_else(|| self.opaque("nothing", node));
            }
            "string" => Expr::Str(self.string(node)),
            "template_string" => {
                let mut parts = Vec::new();
                self.template(node, &mut parts);
                Expr::template(parts)
            }
            "number" => Expr::Number(self.text(node).to_owned()),
            "true" | "false" => Expr::Bool(kind == "true"),
            "null" | "undefined" => Expr::Null,
            "identifier" | "shorthand_property_identifier" => return self.name(node),
            "this" => match self.lookup("this") {
                Some(receiver) => return self.add(Expr::Name(receiver), node),
                None => Expr::opaque("`this`"),
            },
            "super" => Expr::opaque("`super`"),
            "regex" => Expr::opaque("a regular expression"),
            "member_expression" | "subscript_expression" => {
                let (Some(object), Some(property)) = (
                    field(node, "object"),
                    field(node, "property").or(field(node, "index")),
                ) else {
                    return self.unread(node, "an incomplete member");
                };
                let object = self.expr(object);
                return match kind {
                    "member_expression" => {
                        let name = self.text(property);
                        self.add(Expr::member(object, name, self.span(property)), node)
                    }
                    _ => {
                        let index = self.expr(property);
                        self.index(object, index, node)
                    }
                };
            }
            "call_expression" => return self.call(node),
            "new_expression" => {
                let Some(constructor) = field(node, "constructor") else {
                    return self.unread(node, "an incomplete `new`");
                };
                let callee = self.expr(constructor);
                let arguments = field(node, "arguments")
                    .map(|a| self.arguments(a))
                    .unwrap_or_default();
                Expr::call(callee, arguments, true, self.runs.clone())
            }
            "array" => {
                let elements = children(node)
                    .into_iter()
                    .map(|element| match element.kind() {
                        "spread_element" => Item::Spread(self.spread(element)),
                        _ => Item::One(self.expr(element)),
                    });
                Expr::List(elements.collect())
            }
            "object" => self.object(node),
            "binary_expression" => return self.binary(node),
            "unary_expression" => match (
                field(node, "operator").map(|o| o.kind()),
                field(node, "argument"),
            ) {
                (Some("-"), Some(number)) if number.kind() == "number" => {
                    Expr::Number(format!("-{}", self.text(number)))
                }
                _ => return self.unread(node, "an operation"),
            },
            "ternary_expression" => {
                let condition = field(node, "condition");
                self.lower_all(condition);
                self.within(TERNARY, |s| s.lower_all(children_but(node, &[condition])));
                Expr::opaque("a conditional expression")
            }
            "assignment_expression" => return self.assignment(node),
            "augmented_assignment_expression" | "update_expression" => {
                let operator = field(node, "operator")
                    .map(|o| o.kind())
                    .unwrap_or_default();
                match field(node, "left").or(field(node, "argument")) {
                    Some(target) if target.kind() == "identifier" => {
                        self.assign(self.text(target), None)
                    }
                    Some(target) => match self.this_member(target) {
                        Some(member) => self.give(member, None),
                        None => _ = self.expr(target),
                    },
                    None => {}
                }
                if let Some(right) = field(node, "right") {
                    match operator {
                        "&&=" | "||=" | "??=" => self.within(TERNARY, |s| s.expr(right)),
                        _ => self.expr(right),
                    };
                }
                Expr::Opaque(format!("an assignment with `{operator}`"))
            }
            "arrow_function" | "function_expression" | "generator_function" => {
                return self.function(node);
            }
            "class" | "class_declaration" | "abstract_class_declaration" => {
                return self.class(node);
            }
            "internal_module" | "module" => {
                // A namespace runs once, where it is written.
                if let Some(body) = field(node, "body") {
                    self.scope(|s| s.body(body));
                }
                Expr::opaque("a namespace")
            }
            "ERROR" => return self.unread(node, "code that does not parse"),
            "yield_expression" => return self.unread(node, "a `yield`"),
            kind if kind.starts_with("jsx") => return self.unread(node, "JSX"),
            kind => return self.unread(node, kind.replace('_', " ")),
        };
        let value = self.add(expr, node);
        if let Some(name) =
            field(node, "name").filter(|_| matches!(kind, "internal_module" | "module"))
        {
            self.assign(self.text(name), Some(value));
        }
        value
    }

    /// What the representation does not read: its parts are lowered all the same.
    fn unread(&mut self, node: Node<'s>, reason: impl Into<String>) -> ExprId {
        self.lower_all(children(node));
        self.opaque(reason, node)
    }

    fn spread(&mut self, spread: Node<'s>) -> ExprId {
        match children(spread).first() {
            Some(inner) => self.expr(*inner),
            None => self.opaque("an empty spread", spread),
        }
    }

    /// The text of a string literal, escapes decoded.
    fn string(&self, node: Node<'s>) -> String {
        let parts = children(node).into_iter().map(|part| match part.kind() {
            "escape_sequence" => unescape(self.text(part), &ESCAPES),
            _ => self.text(part).to_owned(),
        });
        parts.collect()
    }

    /// The parts of a template literal, added to `parts`.
    fn template(&mut self, node: Node<'s>, parts: &mut Vec<Part>) {
        for piece in children(node) {
            match piece.kind() {
                "string_fragment" => push_text(parts, self.text(piece)),
                "escape_sequence" => push_text(parts, &unescape(self.text(piece), &ESCAPES)),
                _ => {
                    let value = match children(piece).first() {
                        Some(value) => self.expr(*value),
                        None => self.opaque("an empty substitution", piece),
                    };
                    parts.push(Part::Value(value));
                }
            }
        }
    }

    fn object(&mut self, node: Node<'s>) -> Expr {
        let mut members = Vec::new();
        for member in children(node) {
            let span = self.span(member);
            match member.kind() {
                "pair" => {
                    let (Some(key), Some(value)) = (field(member, "key"), field(member, "value"))
                    else {
                        continue;
                    };
                    let key = self.key(key);
                    let value = self.expr(value);
                    members.push(match key {
                        Key::Name(name, name_span) => Member::field(name, name_span, value, span),
                        Key::Computed(key) => Member::Computed { key, value, span },
                    });
                }
                "shorthand_property_identifier" => {
                    let value = self.name(member);
                    members.push(Member::field(
                        self.text(member).to_owned(),
                        span,
                        value,
                        span,
                    ));
                }
                "spread_element" => members.push(Member::Spread(self.spread(member))),
                // A method is no value of the object's to read (a class's ones are).
                "method_definition" => {
                    let getter = has_child(member, "get");
                    members.push(match self.method(member) {
                        Member::Field { name, .. } if !getter => {
                            Member::opaque(Some(name), "a method")
                        }
                        read => read,
                    });
                }
                _ => self.statement(member),
            }
        }
        Expr::object(None, members)
    }

    /// A method: a function; a getter is what it returns, when it returns one value.
    fn method(&mut self, method: Node<'s>) -> Member {
        let key = field(method, "name").map(|name| self.key(name));
        let written = field(method, "name").map(|n| self.text(n).to_owned());
        let function = self.lambda(method, written, Vec::new());
        let accessor = ["get", "set"]
            .into_iter()
            .find(|token| has_child(method, token));
        let value = match accessor {
            None => Some(self.add(Expr::Function(function), method)),
            Some("get") => self.out.program().function(function).result,
            Some(_) => None,
        };
        let (name, reason) = match (key, accessor, value) {
            (Some(Key::Name(name, name_span)), _, Some(value)) => {
                return Member::field(name, name_span, value, self.span(method));
            }
            (Some(Key::Name(name, _)), Some("get"), None) => {
                (Some(name), "a getter that returns no one value")
            }
            (Some(Key::Name(name, _)), _, None) => (Some(name), "a setter"),
            _ => (None, "a method of a computed name"),
        };
        Member::opaque(name, reason)
    }

    fn arguments(&mut self, arguments: Node<'s>) -> Vec<Argument> {
        let arguments = children(arguments).into_iter().map(|argument| {
            let spread = argument.kind() == "spread_element";
            let value = if spread {
                self.spread(argument)
            } else {
                self.expr(argument)
            };
            Argument {
                spread,
                ..Argument::positional(value)
            }
        });
        arguments.collect()
    }

    fn call(&mut self, node: Node<'s>) -> ExprId {
        let (Some(function), Some(arguments)) = (field(node, "function"), field(node, "arguments"))
        else {
            return self.unread(node, "an incomplete call");
        };
        let free = |s: &Self, node: Node<'s>, name: &str| {
            node.kind() == "identifier" && s.text(node) == name && s.lookup(name).is_none()
        };
        let values = children(arguments);
        // `require("./keys")`, `import("./keys")`.
        if (function.kind() == "import" || free(self, function, "require"))
            && let [specifier] = values.as_slice()
            && specifier.kind() == "string"
        {
            let target = self.target(*specifier);
            return self.whole(&target, node);
        }
        if arguments.kind() == "template_string" {
            return self.unread(node, "a tagged template");
        }
        let json = function.kind() == "member_expression"
            && field(function, "object").is_some_and(|object| free(self, object, "JSON"))
            && field(function, "property").is_some_and(|p| self.text(p) == "stringify");
        if let (true, Some(value)) = (
            json,
            values.first().filter(|v| v.kind() != "spread_element"),
        ) {
            let value = self.expr(*value);
            self.lower_all(values[1..].iter().copied());
            return self.add(Expr::Json(value), node);
        }
        let callee = self.expr(function);
        let optional = has_child(node, "?.") || field(function, "optional_chain").is_some();
        let runs = match &self.runs {
            Runs::Once | Runs::InFunction(_) if optional => Runs::Maybe(OPTIONAL.to_owned()),
            runs => runs.clone(),
        };
        let arguments = self.arguments(arguments);
        let method = field(function, "property").map(|p| self.text(p));
        if method == Some("map")
            && let Some(map) = self.out.map_call(callee, &arguments, self.span(node))
        {
            return map;
        }
        if method == Some("push") {
            self.push(function, &arguments, node);
        }
        self.add(Expr::call(callee, arguments, false, runs), node)
    }

    /// `list.push(…)` on a local: what is pushed is added to the list it holds, where the call
    /// runs once for the list or once for each element of the loop around it.
    fn push(&mut self, function: Node<'s>, arguments: &[Argument], node: Node<'s>) {
        let object = field(function, "object").filter(|o| o.kind() == "identifier");
        let Some(binding) = object.and_then(|o| self.lookup(self.text(o))) else {
            return;
        };
        let declared = self.depth_of.get(&binding).copied();
        let Some(turn) = appending(declared, self.why.len(), self.turn) else {
            let (name, why) = (self.text(function), self.why.last().unwrap_or(&LOOP));
            let reason = format!("`{name}(…)` is called {why}");
            return self.out.unknown(binding, reason);
        };
        let items = arguments.iter().map(|argument| match argument.spread {
            true => Item::Spread(argument.value),
            false => Item::One(argument.value),
        });
        self.out
            .append(binding, items.collect(), turn, self.span(node));
    }

    fn binary(&mut self, node: Node<'s>) -> ExprId {
        if let Some(operands) = sum_operands(node) {
            let values: Vec<ExprId> = operands.into_iter().map(|o| self.expr(o)).collect();
            let joined = self.out.joined(values);
            return self.add(joined, node);
        }
        let operator = field(node, "operator")
            .map(|o| o.kind())
            .unwrap_or_default();
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return self.unread(node, "an incomplete operation");
        };
        let reason = match operator {
            "&&" => "on the right of `&&`, which may not run",
            "||" => "on the right of `||`, which may not run",
            "??" => "on the right of `??`, which may not run",
            _ => {
                self.expr(left);
                self.expr(right);
                return self.opaque("an operation", node);
            }
        };
        self.expr(left);
        self.within(reason, |s| s.expr(right));
        self.opaque(format!("a `{operator}` expression"), node)
    }

    /// `x = value`, a destructuring assignment, or a CommonJS export: its value.
    fn assignment(&mut self, node: Node<'s>) -> ExprId {
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return self.unread(node, "an incomplete assignment");
        };
        let commonjs = self.commonjs(left);
        let value = self.expr(right);
        match (commonjs, left.kind()) {
            (Some(Some(name)), _) if self.returns.is_none() => self.out.export(name, value),
            (Some(Some(_)), _) => {}
            (Some(None), _) => self.module_exports(value),
            (None, "identifier") => self.assign(self.text(left), Some(value)),
            (None, _) => match self.this_member(left) {
                Some(member) => self.give(member, Some(value)),
                None => self.bind(left, Ok(value)),
            },
        }
        value
    }

    /// What an assignment's target exports: `exports.name`, `module.exports.name` (the name),
    /// `module.exports` (the whole module); `None` for anything else.
    fn commonjs(&self, target: Node<'s>) -> Option<Option<String>> {
        let free = |node: Option<Node<'s>>, name: &str| {
            node.is_some_and(|n| n.kind() == "identifier" && self.text(n) == name)
                && self.lookup(name).is_none()
        };
        let property = |node: Node<'s>| {
            Some(field(node, "property").map(|p| self.text(p)))
                .filter(|_| node.kind() == "member_expression")?
        };
        let module_exports = |node: Node<'s>| {
            property(node) == Some("exports") && free(field(node, "object"), "module")
        };
        if module_exports(target) {
            return Some(None);
        }
        let object = field(target, "object")?;
        let exports = free(Some(object), "exports") || module_exports(object);
        exports
            .then(|| property(target).map(str::to_owned))?
            .map(Some)
    }

    /// A function, method or arrow function, named as it is written.
    fn function(&mut self, node: Node<'s>) -> ExprId {
        let name = field(node, "name").map(|n| self.text(n).to_owned());
        let id = self.lambda(node, name, Vec::new());
        self.add(Expr::Function(id), node)
    }

    fn lambda(&mut self, node: Node<'s>, name: Option<String>, bases: Vec<ExprId>) -> FunctionId {
        let runs = self.runs.clone();
        self.why.push(IN_FUNCTION);
        let id = self.scope(|s| {
            let receiver = s.receiver(node);
            let written: Vec<Node<'s>> = match field(node, "parameters") {
                Some(parameters) => children(parameters),
                None => field(node, "parameter").into_iter().collect(),
            };
            let (mut parameters, mut patterns, mut defaults) = (Vec::new(), Vec::new(), Vec::new());
            for parameter in written {
                defaults.extend(field(parameter, "value"));
                let pattern = match parameter.kind() {
                    "identifier" => Some(parameter),
                    _ => field(parameter, "pattern").or(field(parameter, "name")),
                };
                let Some(mut pattern) = pattern.filter(|p| p.kind() != "this") else {
                    continue;
                };
                let rest = pattern.kind() == "rest_pattern";
                if let Some(inner) = children(pattern).first().filter(|_| rest) {
                    pattern = *inner;
                }
                // A destructuring is named as written, on one line.
                let written = s
                    .text(pattern)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let span = s.span(pattern);
                let binding = s.out.parameter(&written, span, name.clone(), rest);
                s.register(&written, binding);
                parameters.push(binding);
                if pattern.kind() != "identifier" {
                    patterns.push((pattern, binding));
                }
            }
            let (span, runs) = (s.span(node), s.runs.clone());
            let id = s
                .out
                .function(Function::new(name, span, parameters, bases, runs));
            if let Some(receiver) = receiver {
                s.out.set_receiver(id, receiver);
            }
            s.runs = Runs::InFunction(id);
            let outer = s.returns.replace(Returns {
                function: id,
                count: 0,
                value: None,
            });
            // A destructured parameter binds its names to members of the argument.
            for (pattern, binding) in patterns {
                s.declare_pattern(pattern);
                let argument = s.add(Expr::Name(binding), pattern);
                s.bind(pattern, Ok(argument));
            }
            s.within(DEFAULT, |s| s.lower_all(defaults));
            match field(node, "body") {
                Some(body) if body.kind() == "statement_block" => {
                    s.body(body);
                    if let Some(Returns {
                        count: 1, value, ..
                    }) = &s.returns
                    {
                        s.out.set_result(id, *value);
                    }
                }
                Some(body) => {
                    let value = s.expr(body);
                    s.out.set_result(id, Some(value));
                }
                None => {}
            }
            s.returns = outer;
            id
        });
        self.why.pop();
        self.runs = runs;
        id
    }

    /// What `this` names in a function: in a constructor or method, one of its class's objects
    /// (declared here); in another function but an arrow function, which has the `this` of where
    /// it is written, nothing known.
    fn receiver(&mut self, function: Node<'s>) -> Option<BindingId> {
        let member = (self.instances.last_mut())
            .is_some_and(|instance| std::mem::take(&mut instance.next_is_member));
        if !member && function.kind() == "arrow_function" {
            return None;
        }
        let receiver = self.out.declare("this", self.span(function));
        self.register("this", receiver);
        if !member {
            self.out.unknown(receiver, "`this` of a function");
            return None;
        }
        if let Some(instance) = self.instances.last_mut() {
            instance.receivers.push(receiver);
        }
        Some(receiver)
    }

    /// Lowers the constructor or a method of the class being lowered, whose `this` is one of
    /// the class's objects.
    fn member_function<T>(&mut self, lower: impl FnOnce(&mut Self) -> T) -> T {
        if let Some(instance) = self.instances.last_mut() {
            instance.next_is_member = true;
        }
        lower(self)
    }

    /// A class: the object of its static members, whose class is its constructor (written or
    /// not), whose bases are what the class extends and whose result is the object of the
    /// members an object of the class has.
    fn class(&mut self, node: Node<'s>) -> ExprId {
        let name = field(node, "name").map(|n| self.text(n).to_owned());
        let (mut bases, mut members) = (Vec::new(), Vec::new());
        for child in children(node) {
            match child.kind() {
                "class_heritage" => {
                    let clauses = children(child)
                        .into_iter()
                        .filter(|c| c.kind() == "extends_clause");
                    for value in clauses.filter_map(|clause| field(clause, "value")) {
                        bases.push(self.expr(value));
                    }
                }
                "class_body" => members = children(child),
                "decorator" => self.statement(child),
                _ => {}
            }
        }
        let is_constructor = |member: &Node<'s>| {
            member.kind() == "method_definition"
                && field(*member, "name").is_some_and(|n| self.text(n) == "constructor")
        };
        let written = members
            .iter()
            .find(|member| is_constructor(member))
            .copied();
        let mut made: Vec<Member> = bases
            .first()
            .copied()
            .map(Member::Base)
            .into_iter()
            .collect();
        let depth = self.why.len();
        let instance = Instance {
            members: Vec::new(),
            depth: depth + 1,
            receivers: Vec::new(),
            next_is_member: false,
        };
        self.instances.push(instance);
        let constructor = match written {
            Some(written) => self.member_function(|s| s.lambda(written, name.clone(), bases)),
            None => {
                // Written nowhere: at the class's name, so that it holds none of the class's code.
                let at = field(node, "name").unwrap_or(node);
                let (span, runs) = (self.span(at), self.runs.clone());
                let function = Function::new(name.clone(), span, Vec::new(), bases, runs);
                let function = self.out.function(function);
                let receiver = self.out.declare("this", span);
                self.out.set_receiver(function, receiver);
                if let Some(instance) = self.instances.last_mut() {
                    instance.receivers.push(receiver);
                }
                function
            }
        };
        // A parameter property (`constructor(readonly region: string)`) holds an argument.
        let parameters = written.and_then(|written| field(written, "parameters"));
        for parameter in parameters.map(children).unwrap_or_default() {
            let property =
                has_child(parameter, "accessibility_modifier") || has_child(parameter, "readonly");
            if let Some(pattern) = field(parameter, "pattern").filter(|_| property)
                && let Some(member) = self.instance_member(self.text(pattern), self.span(pattern))
            {
                let reason = format!("`{}` is a parameter of the constructor", self.text(pattern));
                self.out.unknown(member, reason);
            }
        }
        // Past the constructor, what sets a member may not run, or run many times.
        if let Some(instance) = self.instances.last_mut() {
            instance.depth = depth;
            let members = instance.members.iter();
            self.depth_of
                .extend(members.map(|(_, member)| (*member, depth)));
        }
        let mut statics = Vec::new();
        for member in members
            .into_iter()
            .filter(|member| Some(*member) != written)
        {
            let is_static = has_child(member, "static");
            match member.kind() {
                "method_definition" if is_static => statics.push(self.method(member)),
                "method_definition" => {
                    if let Member::Field { name, value, .. } =
                        self.member_function(|s| s.method(member))
                        && let Some(member) = self.instance_member(&name, self.span(member))
                    {
                        self.out.assign(member, value);
                    }
                }
                "public_field_definition" => {
                    let (Some(key), Some(value)) = (field(member, "name"), field(member, "value"))
                    else {
                        continue;
                    };
                    let key = self.key(key);
                    let value = match (is_static, written) {
                        (true, _) => self.expr(value),
                        (false, Some(_)) => {
                            let runs =
                                std::mem::replace(&mut self.runs, Runs::InFunction(constructor));
                            self.why.push(IN_FUNCTION);
                            let value = self.expr(value);
                            self.why.pop();
                            self.runs = runs;
                            value
                        }
                        (false, None) => self.within(FIELD, |s| s.expr(value)),
                    };
                    match (is_static, key) {
                        (true, Key::Name(name, name_span)) => {
                            statics.push(Member::field(name, name_span, value, self.span(member)));
                        }
                        (false, Key::Name(name, name_span)) => {
                            if let Some(member) = self.instance_member(&name, name_span) {
                                self.out.assign(member, value);
                            }
                        }
                        (_, Key::Computed(_)) => {}
                    }
                }
                "class_static_block" => {
                    if let Some(body) = field(member, "body") {
                        self.scope(|s| s.body(body));
                    }
                }
                _ => self.statement(member),
            }
        }
        let instance = self.instances.pop();
        let (members, receivers) = instance
            .map(|i| (i.members, i.receivers))
            .unwrap_or_default();
        for (name, member) in members {
            let span = self.out.program().binding(member).span;
            let value = self.out.add(Expr::Name(member), span);
            made.push(Member::field(name, span, value, span));
        }
        let made = self.add(Expr::object(None, made), node);
        for receiver in receivers {
            self.out.assign(receiver, made);
        }
        self.out.set_result(constructor, Some(made));
        let constructor = self.add(Expr::Function(constructor), node);
        let class = self.add(Expr::object(Some(constructor), statics), node);
        if let Some(name) = field(node, "name").filter(|_| node.kind() != "class") {
            self.assign(self.text(name), Some(class));
        }
        class
    }

    /// `enum Region { East = "us-east-1" }`: an object of its members.
    fn enumeration(&mut self, node: Node<'s>) -> ExprId {
        let mut members = Vec::new();
        for member in field_children(node, "body") {
            let (name, value) = match member.kind() {
                "enum_assignment" => (field(member, "name"), field(member, "value")),
                _ => (Some(member), None),
            };
            let Some(Key::Name(name, name_span)) = name.map(|name| self.key(name)) else {
                continue;
            };
            let value = match value {
                Some(value) => self.expr(value),
                None => self.opaque("an enum member numbered by its position", member),
            };
            members.push(Member::field(name, name_span, value, self.span(member)));
        }
        self.add(Expr::object(None, members), node)
    }
}

#[cfg(test)]
mod tests;
