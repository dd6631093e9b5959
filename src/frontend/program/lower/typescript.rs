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

use super::{Language, Source};
use crate::frontend::UnitFile;
use crate::frontend::program::load::normalize;
use crate::frontend::program::{
    Argument, BindingId, Call, Expr, ExprId, Function, FunctionId, ImportId, Item, Lowerer, Member,
    Object, Part, Runs,
};
use crate::frontend::pulumi::Project;
use crate::source::Span;

pub struct TypeScript;

/// The files a module may be: others (`package.json`, Python) are never lowered as one.
const SCRIPTS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CATCH: &str = "inside a `catch`, which may not run";
const TERNARY: &str = "inside a conditional expression, which may not run";
const DEFAULT: &str = "inside a default value, which may not be used";
const FIELD: &str = "inside a field initialiser, which runs for each object of the class";
const LOGICAL: &str = "on the right of a logical assignment, which may not run";
const OPTIONAL: &str = "after `?.`, which may not call it";
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
    fn entries(&self, project: &Project) -> Result<Vec<PathBuf>, String> {
        let found = |candidates: &[PathBuf]| {
            candidates
                .iter()
                .filter_map(|candidate| normalize(candidate))
                .find(|path| project.source(path).is_some())
        };
        let expected = |what: String| {
            format!("the program's entry module is not in the project: expected {what}")
        };
        if let Some(main) = &project.main {
            let path = Path::new(main);
            let candidates = [
                path.to_path_buf(),
                path.join("index.ts"),
                path.join("index.js"),
            ];
            return found(&candidates).map(|entry| vec![entry]).ok_or_else(|| {
                expected(format!("`{main}`, `{main}/index.ts` or `{main}/index.js`"))
            });
        }
        if let Some(entry) = found(&[PathBuf::from("index.ts"), PathBuf::from("index.js")]) {
            return Ok(vec![entry]);
        }
        let package_main = project
            .source(Path::new("package.json"))
            .and_then(|file| serde_json::from_str::<serde_json::Value>(&file.source.text).ok())
            .and_then(|package| package.get("main")?.as_str().map(str::to_owned));
        match package_main {
            Some(main) => module_file(project, Path::new(""), &format!("./{main}"))
                .map(|entry| vec![entry])
                .ok_or_else(|| {
                    expected(format!(
                        "`index.ts`, `index.js` or `{main}` (`main` in `package.json`)"
                    ))
                }),
            None => Err(expected("`index.ts` or `index.js`".to_owned())),
        }
    }

    fn files<'a>(&self, project: &Project<'a>, module: &Path) -> Vec<UnitFile<'a>> {
        let Some(file) = project.source(module) else {
            return Vec::new();
        };
        project
            .sources
            .iter()
            .copied()
            .filter(|source| source.id == file.id)
            .collect()
    }

    fn resolve(&self, project: &Project, from: &Path, specifier: &str) -> Option<PathBuf> {
        if !is_relative(specifier) {
            return None;
        }
        module_file(project, from.parent().unwrap_or(Path::new("")), specifier)
    }

    /// Syntax of TypeScript newer than the grammar: `export type * from "./types"` (5.0) and
    /// variance annotations, `class Box<in out T>` (4.7).
    fn tolerates(&self, source: &Source, error: Node) -> bool {
        if !error.is_error() {
            return false;
        }
        let Some(parent) = error.parent() else {
            return false;
        };
        match parent.kind() {
            "export_statement" => {
                source.text(error) == "type"
                    && error.prev_sibling().is_some_and(|n| n.kind() == "export")
                    && error
                        .next_sibling()
                        .is_some_and(|n| matches!(n.kind(), "*" | "namespace_export"))
            }
            "type_parameter" => variance(source, error, parent),
            "type_parameters" => error
                .prev_sibling()
                .is_some_and(|p| p.kind() == "type_parameter" && variance(source, error, p)),
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
            };
            let root = source.tree.root_node();
            lowering.scope(|s| s.body(root));
        }
    }
}

/// Whether an error the grammar made of a variance annotation is one: the grammar reads `in`
/// or `out` as the parameter's name, and the name (after `out`, for `in out`) as an error.
fn variance(source: &Source, error: Node, parameter: Node) -> bool {
    let modifier = parameter
        .child_by_field_name("name")
        .map(|n| source.text(n));
    let mut cursor = error.walk();
    let words: Vec<&str> = error
        .children(&mut cursor)
        .map(|n| {
            if n.kind() == "identifier" {
                source.text(n)
            } else {
                ""
            }
        })
        .collect();
    let written = match (modifier, words.as_slice()) {
        (Some("in"), ["out", name]) | (Some("in" | "out"), [name]) => !name.is_empty(),
        _ => false,
    };
    // Only classes, interfaces and type aliases declare variance, not functions.
    let declaration = parameter
        .parent()
        .and_then(|parameters| parameters.parent());
    written
        && declaration.is_some_and(|d| {
            matches!(
                d.kind(),
                "class_declaration"
                    | "abstract_class_declaration"
                    | "class"
                    | "interface_declaration"
                    | "type_alias_declaration"
            )
        })
}

fn extension(path: &Path) -> &str {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
}

fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// The project file a relative specifier names from a directory: `./kms` is `kms.ts`, `kms.js`
/// or `kms/index.ts`; `./kms.js` may be the `kms.ts` it is compiled from.
fn module_file(project: &Project, directory: &Path, specifier: &str) -> Option<PathBuf> {
    let base = normalize(&directory.join(specifier))?;
    let mut candidates = Vec::new();
    let compiled_from = match extension(&base) {
        "js" => Some("ts"),
        "mjs" => Some("mts"),
        "cjs" => Some("cts"),
        "jsx" => Some("tsx"),
        _ => None,
    };
    if let Some(source) = compiled_from {
        candidates.push(base.with_extension(source));
    }
    candidates.push(base.clone());
    for extension in ["ts", "tsx", "js", "jsx"] {
        let mut file = base.clone().into_os_string();
        file.push(".");
        file.push(extension);
        candidates.push(PathBuf::from(file));
    }
    candidates.push(base.join("index.ts"));
    candidates.push(base.join("index.js"));
    candidates
        .into_iter()
        .find(|path| SCRIPTS.contains(&extension(path)) && project.source(path).is_some())
}

/// The segments of a package specifier: `@pulumi/aws/ssmincidents` is
/// `["@pulumi", "aws", "ssmincidents"]`.
fn package_path(specifier: &str) -> Vec<String> {
    specifier
        .split('/')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The named children of a node, comments left out.
fn children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| !child.is_extra())
        .collect()
}

/// Whether a node has an anonymous child of this kind (a keyword, an operator).
fn has_token(node: Node, token: &str) -> bool {
    let mut cursor = node.walk();
    let found = node
        .children(&mut cursor)
        .any(|child| !child.is_named() && child.kind() == token);
    found
}

fn is_type(kind: &str) -> bool {
    kind.starts_with("type_")
        || kind.ends_with("_type")
        || kind.ends_with("type_annotation")
        || kind.ends_with("_signature")
        || matches!(
            kind,
            "interface_declaration"
                | "implements_clause"
                | "nested_type_identifier"
                | "asserts_annotation"
                | "ambient_declaration"
                | "import_alias"
        )
}

fn is_expression(kind: &str) -> bool {
    kind.ends_with("_expression")
        || matches!(
            kind,
            "identifier"
                | "string"
                | "template_string"
                | "number"
                | "true"
                | "false"
                | "null"
                | "undefined"
                | "array"
                | "object"
                | "arrow_function"
                | "generator_function"
                | "class"
                | "type_assertion"
                | "this"
                | "super"
                | "regex"
                | "internal_module"
                | "module"
                | "meta_property"
                | "jsx_element"
                | "jsx_self_closing_element"
        )
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
        self.add(Expr::Opaque(reason.into()), node)
    }

    // Scopes and names.

    fn scope<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.scopes.push(HashMap::new());
        let result = f(self);
        for name in self.scopes.pop().unwrap_or_default().into_keys() {
            if let Some(bindings) = self.names.get_mut(&name) {
                bindings.pop();
            }
        }
        result
    }

    /// Lowers what runs only maybe (a branch, a loop), for the reason given.
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
    fn declare(&mut self, identifier: Node<'s>) -> BindingId {
        let name = self.text(identifier);
        if let Some(binding) = self.scopes.last().and_then(|scope| scope.get(name)) {
            return *binding;
        }
        let binding = self.out.declare(name, self.span(identifier));
        self.register(name, binding);
        binding
    }

    fn register(&mut self, name: &str, binding: BindingId) {
        let Some(scope) = self.scopes.last_mut() else {
            return;
        };
        if scope.contains_key(name) {
            return;
        }
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

    /// Gives a declared name a value (`None`: one the lowering does not follow, as `+=`).
    fn assign(&mut self, name: &str, value: Option<ExprId>) {
        let Some(binding) = self.lookup(name) else {
            return;
        };
        let depth = self.depth_of.get(&binding).copied().unwrap_or_default();
        match (value, self.why.get(depth)) {
            (_, Some(why)) => self
                .out
                .unknown(binding, format!("`{name}` is assigned {why}")),
            (Some(value), None) => self.out.assign(binding, value),
            (None, None) => self
                .out
                .unknown(binding, format!("`{name}` is assigned more than once")),
        }
    }

    /// The identifiers a pattern binds (not those of its default values).
    fn pattern_names(pattern: Node<'s>, names: &mut Vec<Node<'s>>) {
        match pattern.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => names.push(pattern),
            "pair_pattern" => {
                if let Some(value) = pattern.child_by_field_name("value") {
                    Self::pattern_names(value, names);
                }
            }
            "object_assignment_pattern" | "assignment_pattern" => {
                if let Some(left) = pattern.child_by_field_name("left") {
                    Self::pattern_names(left, names);
                }
            }
            "object_pattern" | "array_pattern" | "rest_pattern" => {
                for child in children(pattern) {
                    Self::pattern_names(child, names);
                }
            }
            _ => {}
        }
    }

    fn declare_pattern(&mut self, pattern: Node<'s>) {
        let mut names = Vec::new();
        Self::pattern_names(pattern, &mut names);
        for name in names {
            self.declare(name);
        }
    }

    /// Declares what a statement of a scope declares there; imports get their value at once.
    fn hoist(&mut self, statement: Node<'s>) {
        let named = |field: &str| statement.child_by_field_name(field);
        match statement.kind() {
            "lexical_declaration" => {
                for declarator in children(statement) {
                    if let Some(pattern) = declarator.child_by_field_name("name") {
                        self.declare_pattern(pattern);
                    }
                }
            }
            "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "enum_declaration"
            | "internal_module"
            | "module" => {
                if let Some(name) = named("name")
                    .filter(|n| n.kind() == "identifier" || n.kind() == "type_identifier")
                {
                    self.declare(name);
                }
            }
            "export_statement" => {
                if let Some(declaration) = named("declaration") {
                    self.hoist(declaration);
                }
            }
            "expression_statement" | "ambient_declaration" => {
                for child in children(statement) {
                    self.hoist(child);
                }
            }
            "variable_declaration"
                if statement
                    .parent()
                    .is_some_and(|p| p.kind() == "ambient_declaration") =>
            {
                self.hoist_var(statement);
            }
            "function_signature" => {
                if let Some(name) = named("name") {
                    self.declare(name);
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
            let descend = match node.kind() {
                "function_declaration"
                | "function_expression"
                | "arrow_function"
                | "generator_function"
                | "generator_function_declaration"
                | "method_definition"
                | "class_body" => false,
                "variable_declaration" => {
                    self.hoist_var(node);
                    true
                }
                "for_in_statement" => {
                    let var = node
                        .child_by_field_name("kind")
                        .is_some_and(|k| k.kind() == "var");
                    if let Some(left) = node.child_by_field_name("left").filter(|_| var) {
                        self.declare_pattern(left);
                    }
                    true
                }
                kind => !is_type(kind),
            };
            if descend && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    fn hoist_var(&mut self, declaration: Node<'s>) {
        for declarator in children(declaration) {
            if let Some(pattern) = declarator.child_by_field_name("name") {
                self.declare_pattern(pattern);
            }
        }
    }

    /// A function's body or a module: a scope of its own for `var`s too.
    fn body(&mut self, body: Node<'s>) {
        let statements = children(body);
        for statement in &statements {
            self.hoist(*statement);
        }
        self.hoist_vars(body);
        for statement in statements {
            self.statement(statement);
        }
    }

    fn block(&mut self, block: Node<'s>) {
        self.scope(|s| {
            let statements = children(block);
            for statement in &statements {
                s.hoist(*statement);
            }
            for statement in statements {
                s.statement(statement);
            }
        });
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
                    match property.kind() {
                        "shorthand_property_identifier_pattern" => {
                            let name = self.text(property).to_owned();
                            let member = self.member(value, name, self.span(property), property);
                            self.bind(property, Ok(member));
                        }
                        "pair_pattern" => {
                            let (Some(key), Some(target)) = (
                                property.child_by_field_name("key"),
                                property.child_by_field_name("value"),
                            ) else {
                                continue;
                            };
                            let member = match self.key(key) {
                                Key::Name(name, span) => self.member(value, name, span, target),
                                Key::Computed(index) => self.add(
                                    Expr::Index {
                                        object: value,
                                        index,
                                    },
                                    target,
                                ),
                            };
                            self.bind(target, Ok(member));
                        }
                        _ => self.bind(property, Ok(value)),
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
                        let item = self.add(
                            Expr::Index {
                                object: value,
                                index: position,
                            },
                            element,
                        );
                        self.bind(element, Ok(item));
                    }
                }
            }
            "assignment_pattern" | "object_assignment_pattern" => {
                if let Some(default) = pattern.child_by_field_name("right") {
                    self.within(DEFAULT, |s| s.expr(default));
                }
                unknown(self, pattern, "destructured with a default value");
            }
            "rest_pattern" => unknown(self, pattern, "the rest of a destructuring"),
            _ => {
                // `obj.name = …`, `xs[0] = …` in a destructuring assignment.
                self.expr(pattern);
            }
        }
    }

    fn member(&mut self, object: ExprId, name: String, name_span: Span, node: Node<'s>) -> ExprId {
        self.add(
            Expr::Member {
                object,
                name,
                name_span,
            },
            node,
        )
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
        let field = |name: &str| node.child_by_field_name(name);
        match node.kind() {
            "lexical_declaration" | "variable_declaration" => {
                let lexical = node.kind() == "lexical_declaration";
                for declarator in children(node) {
                    let Some(pattern) = declarator.child_by_field_name("name") else {
                        continue;
                    };
                    if lexical {
                        self.declare_pattern(pattern);
                    }
                    if let Some(value) = declarator.child_by_field_name("value") {
                        let value = self.expr(value);
                        self.bind(pattern, Ok(value));
                    }
                }
            }
            "function_declaration" | "generator_function_declaration" => {
                let name = field("name").map(|n| self.text(n));
                let function = self.function(node, name.map(str::to_owned), Vec::new());
                if let Some(name) = name {
                    self.assign(name, Some(function));
                }
            }
            "class_declaration" | "abstract_class_declaration" => {
                let class = self.class(node);
                if let Some(name) = field("name") {
                    self.assign(self.text(name), Some(class));
                }
            }
            "enum_declaration" => self.enumeration(node),
            "export_statement" => self.export(node),
            "statement_block" => self.block(node),
            "if_statement" => {
                if let Some(condition) = field("condition") {
                    self.expr(condition);
                }
                self.within(IF, |s| {
                    for branch in [field("consequence"), field("alternative")]
                        .into_iter()
                        .flatten()
                    {
                        s.statement(branch);
                    }
                });
            }
            "else_clause" | "expression_statement" | "labeled_statement" => {
                for child in children(node) {
                    self.statement(child);
                }
            }
            "for_statement" => self.scope(|s| {
                if let Some(initializer) = field("initializer") {
                    s.statement(initializer);
                }
                s.within(LOOP, |s| {
                    for part in [field("condition"), field("increment"), field("body")]
                        .into_iter()
                        .flatten()
                    {
                        s.statement(part);
                    }
                });
            }),
            "for_in_statement" => {
                if let Some(right) = field("right") {
                    self.expr(right);
                }
                let lexical = field("kind").is_some_and(|k| k.kind() != "var");
                self.scope(|s| {
                    s.within(LOOP, |s| {
                        if let Some(left) = field("left") {
                            if lexical {
                                s.declare_pattern(left);
                            }
                            s.bind(left, Err("a loop variable"));
                        }
                        if let Some(body) = field("body") {
                            s.statement(body);
                        }
                    });
                });
            }
            "while_statement" | "do_statement" => self.within(LOOP, |s| {
                for child in children(node) {
                    s.statement(child);
                }
            }),
            "switch_statement" => {
                if let Some(value) = field("value") {
                    self.expr(value);
                }
                let cases = field("body").map(children).unwrap_or_default();
                // The cases share one block.
                self.scope(|s| {
                    for case in &cases {
                        for statement in children(*case) {
                            s.hoist(statement);
                        }
                    }
                    s.within(SWITCH, |s| {
                        for case in cases {
                            for child in children(case) {
                                s.statement(child);
                            }
                        }
                    });
                });
            }
            "try_statement" => {
                if let Some(body) = field("body") {
                    self.block(body);
                }
                if let Some(handler) = field("handler") {
                    self.within(CATCH, |s| {
                        s.scope(|s| {
                            if let Some(parameter) = handler.child_by_field_name("parameter") {
                                s.declare_pattern(parameter);
                                s.bind(parameter, Err("a caught exception"));
                            }
                            if let Some(body) = handler.child_by_field_name("body") {
                                s.block(body);
                            }
                        });
                    });
                }
                if let Some(body) = field("finalizer").and_then(|f| f.child_by_field_name("body")) {
                    self.block(body);
                }
            }
            "return_statement" => {
                let value = children(node).first().map(|value| self.expr(*value));
                if let (Some(returns), Some(value)) = (&mut self.returns, value) {
                    returns.count += 1;
                    returns.value =
                        (self.runs == Runs::InFunction(returns.function)).then_some(value);
                }
            }
            "ERROR" => {
                for child in children(node) {
                    self.statement(child);
                }
                self.opaque("code that does not parse", node);
            }
            kind if is_type(kind) || kind == "import_statement" => {}
            kind if is_expression(kind) => {
                self.expr(node);
            }
            _ => {
                for child in children(node) {
                    self.statement(child);
                }
            }
        }
    }

    /// `export …`: what the module exports by name (at its top level only: a namespace's
    /// exports are the namespace's).
    fn export(&mut self, node: Node<'s>) {
        let module_level = self.scopes.len() == 1;
        let export = |s: &mut Self, name: &str, value: ExprId| {
            if module_level {
                s.out.export(name, value);
            }
        };
        if self.type_only(node) {
            return;
        }
        if let Some(declaration) = node.child_by_field_name("declaration") {
            self.statement(declaration);
            let mut names = Vec::new();
            match declaration.kind() {
                "lexical_declaration" | "variable_declaration" => {
                    for declarator in children(declaration) {
                        if let Some(pattern) = declarator.child_by_field_name("name") {
                            Self::pattern_names(pattern, &mut names);
                        }
                    }
                }
                _ => names.extend(declaration.child_by_field_name("name")),
            }
            let default = has_token(node, "default");
            for name in names {
                let value = self.name(name);
                export(
                    self,
                    if default { "default" } else { self.text(name) },
                    value,
                );
            }
            return;
        }
        if let Some(value) = node.child_by_field_name("value") {
            let value = self.expr(value);
            return export(self, "default", value);
        }
        let statement_children = children(node);
        if has_token(node, "=") {
            // `export = value`, TypeScript's `module.exports = value`.
            if let Some(value) = statement_children.first() {
                let value = self.expr(*value);
                self.module_exports(value);
            }
            return;
        }
        let target = node
            .child_by_field_name("source")
            .map(|source| self.target(source));
        for child in statement_children {
            match child.kind() {
                "export_clause" => {
                    for specifier in children(child) {
                        let Some(local) = specifier.child_by_field_name("name") else {
                            continue;
                        };
                        let exported = specifier.child_by_field_name("alias").unwrap_or(local);
                        let exported = self.specifier_name(exported);
                        let value = match &target {
                            Some(target) => {
                                let local = self.specifier_name(local);
                                self.member_of(target, &local, specifier)
                            }
                            None => self.name(local),
                        };
                        export(self, &exported, value);
                    }
                }
                "namespace_export" => {
                    if let (Some(target), Some(name)) = (&target, children(child).first()) {
                        let value = self.whole(target, child);
                        let name = self.specifier_name(*name);
                        export(self, &name, value);
                    }
                }
                _ => {}
            }
        }
        let star = has_token(node, "*");
        if let (true, Some(Target::Module(import))) = (star && module_level, target) {
            self.out.reexport(import);
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
            let fields: Vec<(String, ExprId)> = object
                .members
                .iter()
                .filter_map(|member| match member {
                    Member::Field { name, value, .. } => Some((name.clone(), *value)),
                    _ => None,
                })
                .collect();
            for (name, value) in fields {
                self.out.export(name, value);
            }
        }
    }

    /// Whether an import or export is of types only, which the compiled program leaves out.
    fn type_only(&self, statement: Node<'s>) -> bool {
        let mut cursor = statement.walk();
        let found = statement.children(&mut cursor).any(|child| {
            (!child.is_named() && child.kind() == "type")
                || (child.kind() == "ERROR" && self.text(child) == "type")
        });
        found
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
        if is_relative(&specifier) {
            Target::Module(self.out.import(specifier, self.span(source)))
        } else {
            Target::Package(package_path(&specifier))
        }
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
                let mut path = path.clone();
                path.push(name.to_owned());
                self.add(Expr::Global(vec![path]), node)
            }
        }
    }

    /// `import … from "…"`, `import x = require("…")`: declares the names it imports.
    fn import(&mut self, statement: Node<'s>) {
        if self.type_only(statement) {
            return;
        }
        let imported = |s: &mut Self, local: Node<'s>, value: ExprId| {
            s.declare(local);
            s.assign(s.text(local), Some(value));
        };
        let target = statement
            .child_by_field_name("source")
            .map(|source| self.target(source));
        for clause in children(statement) {
            match clause.kind() {
                "import_require_clause" => {
                    let local = children(clause)
                        .into_iter()
                        .find(|n| n.kind() == "identifier");
                    let source = clause.child_by_field_name("source");
                    if let (Some(local), Some(source)) = (local, source) {
                        let target = self.target(source);
                        let value = self.whole(&target, clause);
                        imported(self, local, value);
                    }
                }
                "import_clause" => {
                    let Some(target) = &target else {
                        continue;
                    };
                    for part in children(clause) {
                        match part.kind() {
                            "identifier" => {
                                let value = self.member_of(target, "default", part);
                                imported(self, part, value);
                            }
                            "namespace_import" => {
                                if let Some(local) = children(part).first() {
                                    let value = self.whole(target, part);
                                    imported(self, *local, value);
                                }
                            }
                            "named_imports" => {
                                for specifier in children(part) {
                                    let Some(name) = specifier.child_by_field_name("name") else {
                                        continue;
                                    };
                                    let local =
                                        specifier.child_by_field_name("alias").unwrap_or(name);
                                    let name = self.specifier_name(name);
                                    let value = self.member_of(target, &name, specifier);
                                    imported(self, local, value);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }

    // Expressions.

    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let field = |name: &str| node.child_by_field_name(name);
        let expr = match node.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "await_expression"
            | "type_assertion"
            | "instantiation_expression" => {
                return match children(node).into_iter().find(|c| !is_type(c.kind())) {
                    Some(inner) => self.expr(inner),
                    None => self.opaque("an empty expression", node),
                };
            }
            "sequence_expression" => {
                let mut last = None;
                for child in children(node) {
                    last = Some(self.expr(child));
                }
                return last.unwrap_or_else(|| self.opaque("an empty expression", node));
            }
            "string" => Expr::Str(self.string(node)),
            "template_string" => {
                let mut parts = Vec::new();
                self.template(node, &mut parts);
                match parts.as_slice() {
                    [] => Expr::Str(String::new()),
                    [Part::Text(text)] => Expr::Str(text.clone()),
                    _ => Expr::Template(parts),
                }
            }
            "number" => Expr::Number(self.text(node).to_owned()),
            "true" => Expr::Bool(true),
            "false" => Expr::Bool(false),
            "null" | "undefined" => Expr::Null,
            "identifier" | "shorthand_property_identifier" => return self.name(node),
            "this" | "super" => Expr::Opaque(format!("`{}`", node.kind())),
            "regex" => Expr::Opaque("a regular expression".to_owned()),
            "member_expression" => {
                let (Some(object), Some(property)) = (field("object"), field("property")) else {
                    return self.unread(node, "an incomplete member expression");
                };
                let object = self.expr(object);
                Expr::Member {
                    object,
                    name: self.text(property).to_owned(),
                    name_span: self.span(property),
                }
            }
            "subscript_expression" => {
                let (Some(object), Some(index)) = (field("object"), field("index")) else {
                    return self.unread(node, "an incomplete index expression");
                };
                let object = self.expr(object);
                let index = self.expr(index);
                Expr::Index { object, index }
            }
            "call_expression" => return self.call(node),
            "new_expression" => {
                let Some(constructor) = field("constructor") else {
                    return self.unread(node, "an incomplete `new`");
                };
                let callee = self.expr(constructor);
                let arguments = field("arguments")
                    .map(|a| self.arguments(a))
                    .unwrap_or_default();
                Expr::Call(Call {
                    callee,
                    arguments,
                    new: true,
                    runs: self.runs.clone(),
                })
            }
            "array" => Expr::List(
                children(node)
                    .into_iter()
                    .map(|element| match element.kind() {
                        "spread_element" => Item::Spread(self.spread(element)),
                        _ => Item::One(self.expr(element)),
                    })
                    .collect(),
            ),
            "object" => Expr::Object(self.object(node)),
            "binary_expression" => return self.binary(node),
            "unary_expression" => {
                let argument = field("argument");
                let operator = field("operator").map(|o| o.kind());
                match (operator, argument) {
                    (Some("-"), Some(number)) if number.kind() == "number" => {
                        Expr::Number(format!("-{}", self.text(number)))
                    }
                    _ => return self.unread(node, "an operation"),
                }
            }
            "ternary_expression" => {
                if let Some(condition) = field("condition") {
                    self.expr(condition);
                }
                self.within(TERNARY, |s| {
                    for branch in [field("consequence"), field("alternative")]
                        .into_iter()
                        .flatten()
                    {
                        s.expr(branch);
                    }
                });
                Expr::Opaque("a conditional expression".to_owned())
            }
            "assignment_expression" => return self.assignment(node),
            "augmented_assignment_expression" | "update_expression" => {
                let target = field("left").or(field("argument"));
                match target {
                    Some(target) if target.kind() == "identifier" => {
                        self.assign(self.text(target), None)
                    }
                    Some(target) => {
                        self.expr(target);
                    }
                    None => {}
                }
                let operator = field("operator").map(|o| o.kind()).unwrap_or_default();
                if let Some(right) = field("right") {
                    match operator {
                        "&&=" | "||=" | "??=" => self.within(LOGICAL, |s| s.expr(right)),
                        _ => self.expr(right),
                    };
                }
                Expr::Opaque(format!("an assignment with `{operator}`"))
            }
            "arrow_function" | "function_expression" | "generator_function" => {
                let name = field("name").map(|n| self.text(n).to_owned());
                return self.function(node, name, Vec::new());
            }
            "class" => return self.class(node),
            "internal_module" | "module" => {
                // A namespace runs once, where it is written.
                if let Some(body) = field("body") {
                    self.scope(|s| s.body(body));
                }
                let value = self.opaque("a namespace", node);
                if let Some(name) = field("name").filter(|n| n.kind() == "identifier") {
                    self.assign(self.text(name), Some(value));
                }
                return value;
            }
            "ERROR" => return self.unread(node, "code that does not parse"),
            "yield_expression" => return self.unread(node, "a `yield`"),
            kind if kind.starts_with("jsx") => return self.unread(node, "JSX"),
            kind => return self.unread(node, kind.replace('_', " ")),
        };
        self.add(expr, node)
    }

    /// What the representation does not read: its parts are lowered all the same.
    fn unread(&mut self, node: Node<'s>, reason: impl Into<String>) -> ExprId {
        for child in children(node) {
            self.statement(child);
        }
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
        let mut text = String::new();
        for part in children(node) {
            match part.kind() {
                "escape_sequence" => text.push_str(&unescape(self.text(part))),
                _ => text.push_str(self.text(part)),
            }
        }
        text
    }

    /// The parts of a template literal, added to `parts`.
    fn template(&mut self, node: Node<'s>, parts: &mut Vec<Part>) {
        for piece in children(node) {
            match piece.kind() {
                "string_fragment" => push_text(parts, self.text(piece)),
                "escape_sequence" => push_text(parts, &unescape(self.text(piece))),
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

    fn object(&mut self, node: Node<'s>) -> Object {
        let mut members = Vec::new();
        for member in children(node) {
            let span = self.span(member);
            match member.kind() {
                "pair" => {
                    let (Some(key), Some(value)) = (
                        member.child_by_field_name("key"),
                        member.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    let key = self.key(key);
                    let value = self.expr(value);
                    members.push(match key {
                        Key::Name(name, name_span) => Member::Field {
                            name,
                            name_span,
                            value,
                            span,
                        },
                        Key::Computed(key) => Member::Computed { key, value, span },
                    });
                }
                "shorthand_property_identifier" => {
                    let value = self.name(member);
                    let name = self.text(member).to_owned();
                    members.push(Member::Field {
                        name,
                        name_span: span,
                        value,
                        span,
                    });
                }
                "spread_element" => members.push(Member::Spread(self.spread(member))),
                "method_definition" => members.push(self.method(member)),
                _ => {
                    self.statement(member);
                }
            }
        }
        Object {
            class: None,
            members,
        }
    }

    /// A method of an object or a static one of a class: a function, which cannot be read as
    /// a value where a getter computes one.
    fn method(&mut self, method: Node<'s>) -> Member {
        let key = method
            .child_by_field_name("name")
            .map(|name| self.key(name));
        let name = match &key {
            Some(Key::Name(name, _)) => Some(name.clone()),
            _ => None,
        };
        let function = self.function(method, name.clone(), Vec::new());
        let accessor = ["get", "set"]
            .into_iter()
            .find(|token| has_token(method, token));
        match (accessor, key) {
            (None, Some(Key::Name(name, name_span))) => Member::Field {
                name,
                name_span,
                value: function,
                span: self.span(method),
            },
            (accessor, _) => Member::Opaque {
                name,
                reason: match accessor {
                    Some("get") => "a getter".to_owned(),
                    Some(_) => "a setter".to_owned(),
                    None => "a method of a computed name".to_owned(),
                },
            },
        }
    }

    fn arguments(&mut self, arguments: Node<'s>) -> Vec<Argument> {
        children(arguments)
            .into_iter()
            .map(|argument| match argument.kind() {
                "spread_element" => Argument {
                    name: None,
                    value: self.spread(argument),
                    spread: true,
                },
                _ => Argument {
                    name: None,
                    value: self.expr(argument),
                    spread: false,
                },
            })
            .collect()
    }

    fn call(&mut self, node: Node<'s>) -> ExprId {
        let (Some(function), Some(arguments)) = (
            node.child_by_field_name("function"),
            node.child_by_field_name("arguments"),
        ) else {
            return self.unread(node, "an incomplete call");
        };
        let free = |s: &Self, name: &str| s.text(function) == name && s.lookup(name).is_none();
        // `require("./keys")`, `import("./keys")`.
        let loads = function.kind() == "import"
            || (function.kind() == "identifier" && free(self, "require"));
        if let (true, [specifier]) = (loads, children(arguments).as_slice())
            && specifier.kind() == "string"
        {
            let target = self.target(*specifier);
            return self.whole(&target, node);
        }
        if arguments.kind() == "template_string" {
            return self.unread(node, "a tagged template");
        }
        let json = function.kind() == "member_expression"
            && function.child_by_field_name("object").is_some_and(|o| {
                o.kind() == "identifier" && self.text(o) == "JSON" && self.lookup("JSON").is_none()
            })
            && function
                .child_by_field_name("property")
                .is_some_and(|p| self.text(p) == "stringify");
        let values = children(arguments);
        if let (true, Some(value)) = (
            json,
            values.first().filter(|v| v.kind() != "spread_element"),
        ) {
            let value = self.expr(*value);
            for other in &values[1..] {
                self.statement(*other);
            }
            return self.add(Expr::Json(value), node);
        }
        let callee = self.expr(function);
        let optional =
            has_token(node, "?.") || function.child_by_field_name("optional_chain").is_some();
        let runs = match (&self.runs, optional) {
            (Runs::Maybe(_), _) | (_, false) => self.runs.clone(),
            (_, true) => Runs::Maybe(OPTIONAL.to_owned()),
        };
        let arguments = self.arguments(arguments);
        self.add(
            Expr::Call(Call {
                callee,
                arguments,
                new: false,
                runs,
            }),
            node,
        )
    }

    fn binary(&mut self, node: Node<'s>) -> ExprId {
        let operator = node
            .child_by_field_name("operator")
            .map(|o| o.kind())
            .unwrap_or_default();
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return self.unread(node, "an incomplete operation");
        };
        match operator {
            "+" => {
                // The operands of a chain `a + b + c`, found without recursion: a long chain
                // nests as deep as it is long.
                let mut operands = vec![right];
                let mut first = left;
                while first.kind() == "binary_expression"
                    && first
                        .child_by_field_name("operator")
                        .is_some_and(|o| o.kind() == "+")
                    && let (Some(left), Some(right)) = (
                        first.child_by_field_name("left"),
                        first.child_by_field_name("right"),
                    )
                {
                    operands.push(right);
                    first = left;
                }
                operands.push(first);
                let mut parts = Vec::new();
                for operand in operands.into_iter().rev() {
                    match operand.kind() {
                        "string" => push_text(&mut parts, &self.string(operand)),
                        "template_string" => self.template(operand, &mut parts),
                        _ => parts.push(Part::Value(self.expr(operand))),
                    }
                }
                self.add(Expr::Template(parts), node)
            }
            "&&" | "||" | "??" => {
                self.expr(left);
                let reason = match operator {
                    "&&" => "on the right of `&&`, which may not run",
                    "||" => "on the right of `||`, which may not run",
                    _ => "on the right of `??`, which may not run",
                };
                self.within(reason, |s| s.expr(right));
                self.opaque(format!("a `{operator}` expression"), node)
            }
            _ => {
                self.expr(left);
                self.expr(right);
                self.opaque("an operation", node)
            }
        }
    }

    /// `x = value`, a destructuring assignment, or a CommonJS export: its value.
    fn assignment(&mut self, node: Node<'s>) -> ExprId {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return self.unread(node, "an incomplete assignment");
        };
        let commonjs = self.commonjs(left);
        let value = self.expr(right);
        match (commonjs, left.kind()) {
            (Some(Some(name)), _) => {
                if self.returns.is_none() {
                    self.out.export(name, value);
                }
            }
            (Some(None), _) => self.module_exports(value),
            (None, "identifier") => self.assign(self.text(left), Some(value)),
            (None, _) => self.bind(left, Ok(value)),
        }
        value
    }

    /// What an assignment's target exports: `exports.name`, `module.exports.name` (the name),
    /// `module.exports` (the whole module); `None` for anything else.
    fn commonjs(&self, target: Node<'s>) -> Option<Option<String>> {
        let free = |node: Node<'s>, name: &str| {
            node.kind() == "identifier" && self.text(node) == name && self.lookup(name).is_none()
        };
        let module_exports = |node: Node<'s>| {
            node.kind() == "member_expression"
                && node
                    .child_by_field_name("object")
                    .is_some_and(|o| free(o, "module"))
                && node
                    .child_by_field_name("property")
                    .is_some_and(|p| self.text(p) == "exports")
        };
        if module_exports(target) {
            return Some(None);
        }
        let object = target
            .child_by_field_name("object")
            .filter(|_| target.kind() == "member_expression")?;
        let property = target.child_by_field_name("property")?;
        (free(object, "exports") || module_exports(object))
            .then(|| Some(self.text(property).to_owned()))
    }

    /// A function, method or arrow function, and the names its parameters bind.
    fn function(&mut self, node: Node<'s>, name: Option<String>, bases: Vec<ExprId>) -> ExprId {
        let id = self.lambda(node, name, bases);
        self.add(Expr::Function(id), node)
    }

    fn lambda(&mut self, node: Node<'s>, name: Option<String>, bases: Vec<ExprId>) -> FunctionId {
        let runs = self.runs.clone();
        self.why.push(IN_FUNCTION);
        let id = self.scope(|s| {
            let written: Vec<Node<'s>> = match node.child_by_field_name("parameters") {
                Some(parameters) => children(parameters),
                None => node.child_by_field_name("parameter").into_iter().collect(),
            };
            let mut parameters = Vec::new();
            let mut patterns = Vec::new();
            let mut defaults = Vec::new();
            for parameter in written {
                let pattern = match parameter.kind() {
                    "identifier" => Some(parameter),
                    _ => parameter
                        .child_by_field_name("pattern")
                        .or(parameter.child_by_field_name("name")),
                };
                defaults.extend(parameter.child_by_field_name("value"));
                let Some(mut pattern) = pattern.filter(|p| p.kind() != "this") else {
                    continue;
                };
                if pattern.kind() == "rest_pattern"
                    && let Some(inner) = children(pattern).first()
                {
                    pattern = *inner;
                }
                let binding = s
                    .out
                    .parameter(s.text(pattern), s.span(pattern), name.clone());
                s.register(s.text(pattern), binding);
                parameters.push(binding);
                if pattern.kind() != "identifier" {
                    patterns.push((pattern, binding));
                }
            }
            let function = Function {
                name,
                span: s.span(node),
                parameters,
                result: None,
                bases,
                runs: s.runs.clone(),
            };
            let id = s.out.function(function);
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
            s.within(DEFAULT, |s| {
                for default in defaults {
                    s.expr(default);
                }
            });
            match node.child_by_field_name("body") {
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

    /// A class: the function its constructor is, whose bases are what it extends; without a
    /// constructor, the object of its static members.
    fn class(&mut self, node: Node<'s>) -> ExprId {
        let name = node
            .child_by_field_name("name")
            .map(|n| self.text(n).to_owned());
        let mut bases = Vec::new();
        let mut members = Vec::new();
        for child in children(node) {
            match child.kind() {
                "decorator" => self.statement(child),
                "class_heritage" => {
                    for clause in children(child)
                        .into_iter()
                        .filter(|c| c.kind() == "extends_clause")
                    {
                        if let Some(value) = clause.child_by_field_name("value") {
                            bases.push(self.expr(value));
                        }
                    }
                }
                "class_body" => members = children(child),
                _ => {}
            }
        }
        let constructor = members.iter().copied().find(|member| {
            member.kind() == "method_definition"
                && member
                    .child_by_field_name("name")
                    .is_some_and(|n| self.text(n) == "constructor")
        });
        let constructor = constructor.map(|c| self.lambda(c, name.clone(), bases));
        let mut statics = Vec::new();
        for member in members {
            let is_static = has_token(member, "static");
            match member.kind() {
                "method_definition"
                    if member
                        .child_by_field_name("name")
                        .is_some_and(|n| self.text(n) == "constructor") => {}
                "method_definition" => {
                    let method = self.method(member);
                    if is_static {
                        statics.push(method);
                    }
                }
                "public_field_definition" => {
                    let Some(name) = member.child_by_field_name("name") else {
                        continue;
                    };
                    let key = self.key(name);
                    let Some(value) = member.child_by_field_name("value") else {
                        continue;
                    };
                    let value = match (is_static, constructor) {
                        (true, _) => self.expr(value),
                        (false, Some(constructor)) => {
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
                    if let (true, Key::Name(name, name_span)) = (is_static, &key) {
                        let span = self.span(member);
                        statics.push(Member::Field {
                            name: name.clone(),
                            name_span: *name_span,
                            value,
                            span,
                        });
                    }
                }
                "class_static_block" => {
                    if let Some(body) = member.child_by_field_name("body") {
                        self.scope(|s| s.body(body));
                    }
                }
                "decorator" => self.statement(member),
                _ => {}
            }
        }
        match constructor {
            Some(constructor) => self.add(Expr::Function(constructor), node),
            None => self.add(
                Expr::Object(Object {
                    class: None,
                    members: statics,
                }),
                node,
            ),
        }
    }

    /// `enum Region { East = "us-east-1" }`: an object of its members.
    fn enumeration(&mut self, node: Node<'s>) {
        let mut members = Vec::new();
        for member in node
            .child_by_field_name("body")
            .map(children)
            .unwrap_or_default()
        {
            let span = self.span(member);
            let (name, value) = match member.kind() {
                "enum_assignment" => (
                    member.child_by_field_name("name"),
                    member.child_by_field_name("value"),
                ),
                _ => (Some(member), None),
            };
            let Some(Key::Name(name, name_span)) = name.map(|name| self.key(name)) else {
                continue;
            };
            let value = match value {
                Some(value) => self.expr(value),
                None => self.opaque("an enum member numbered by its position", member),
            };
            members.push(Member::Field {
                name,
                name_span,
                value,
                span,
            });
        }
        let value = self.add(
            Expr::Object(Object {
                class: None,
                members,
            }),
            node,
        );
        if let Some(name) = node.child_by_field_name("name") {
            self.assign(self.text(name), Some(value));
        }
    }
}

/// Adds text to a template's parts, joined to the text before it.
fn push_text(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Text(last)) => last.push_str(text),
        _ => parts.push(Part::Text(text.to_owned())),
    }
}

#[cfg(test)]
mod tests;
