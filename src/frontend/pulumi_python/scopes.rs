//! The names each scope binds. Python decides a name's scope by where it is bound: a name bound
//! anywhere in a function belongs to the function throughout it. One walk over a module records,
//! for every scope (the module, a function, a class, a lambda, a comprehension), each place that
//! binds each name, and whether that place runs unconditionally (directly in the scope's body).

use std::collections::HashMap;
use std::path::Path;

use tree_sitter::Node;

use super::imports::{Files, Target, node_text};
use super::program::{At, ModuleId};

/// How a scope binds a name at one place.
#[derive(Clone, Debug)]
enum Site<'t> {
    Value { value: Node<'t>, conditional: bool },
    Import(Target<'t>),
    Parameter { function: Option<&'t str> },
    Other(&'static str),
}

/// The names one scope binds.
#[derive(Default)]
pub struct Scope<'t> {
    names: HashMap<&'t str, Vec<Site<'t>>>,
    /// The modules of its `from m import *` statements.
    pub wildcards: Vec<Target<'t>>,
}

/// The scopes of the program, by module and scope node.
pub type Scopes<'t> = HashMap<(ModuleId, usize), Scope<'t>>;

/// What a name is bound to, once it is bound once.
#[derive(Clone)]
pub enum Binding<'t> {
    Value(At<'t>),
    Import(Target<'t>),
}

impl<'t> Scope<'t> {
    /// The binding of a name in this scope (whose node is `scope`), `None` when the scope does
    /// not bind it; an error when it binds it in a way that depends on how the program runs.
    pub fn binding(&self, scope: At<'t>, name: &str) -> Option<Result<Binding<'t>, String>> {
        let sites = self.names.get(name)?;
        Some(match sites.as_slice() {
            [
                Site::Value {
                    value,
                    conditional: false,
                },
            ] => Ok(Binding::Value(scope.with(*value))),
            [Site::Value { .. }] => Err(format!(
                "`{name}` is assigned inside an `if`, loop, `try` or `with` block"
            )),
            [Site::Parameter { function }] => Err(match function {
                Some(function) => format!("`{name}` is a parameter of `{function}`"),
                None => format!("`{name}` is a parameter of a lambda"),
            }),
            [Site::Other(what)] => Err(format!("`{name}` is {what}")),
            // The same import written twice is still one binding.
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
}

/// Node kinds that open a scope of their own (besides the module).
pub fn opens_scope(kind: &str) -> bool {
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

/// Records the names a module binds, scope by scope. `package` is the directory its relative
/// imports start from.
pub fn index<'t>(
    scopes: &mut Scopes<'t>,
    files: &Files,
    module: At<'t>,
    text: &'t str,
    package: &Path,
) {
    let mut indexer = Indexer {
        scopes,
        files,
        module: module.module,
        text,
        package,
        work: Vec::new(),
    };
    indexer.children(module.node, module.node, false);
    // The walk keeps its own stack: deeply nested code must not overflow the thread's.
    while let Some((node, scope, conditional)) = indexer.work.pop() {
        indexer.visit(node, scope, conditional);
    }
}

struct Indexer<'i, 't> {
    scopes: &'i mut Scopes<'t>,
    files: &'i Files<'i>,
    module: ModuleId,
    text: &'t str,
    package: &'i Path,
    /// Nodes left to visit, each with its scope and whether it runs conditionally.
    work: Vec<(Node<'t>, Node<'t>, bool)>,
}

impl<'t> Indexer<'_, 't> {
    fn scope(&mut self, scope: Node<'t>) -> &mut Scope<'t> {
        self.scopes.entry((self.module, scope.id())).or_default()
    }

    fn bind(&mut self, scope: Node<'t>, name: Node<'t>, site: Site<'t>) {
        let name = node_text(self.text, name);
        self.scope(scope).names.entry(name).or_default().push(site);
    }

    /// Binds every name a target pattern (`a`, `a, b`, `[a, *b]`) names.
    fn bind_pattern(&mut self, scope: Node<'t>, pattern: Node<'t>, site: &Site<'t>) {
        let mut patterns = vec![pattern];
        while let Some(pattern) = patterns.pop() {
            match pattern.kind() {
                "identifier" => self.bind(scope, pattern, site.clone()),
                // Assigning to an attribute or an element binds no name.
                "attribute" | "subscript" => {}
                _ => {
                    let mut cursor = pattern.walk();
                    patterns.extend(pattern.named_children(&mut cursor));
                }
            }
        }
    }

    fn children(&mut self, node: Node<'t>, scope: Node<'t>, conditional: bool) {
        let mut cursor = node.walk();
        let children: Vec<_> = node.named_children(&mut cursor).collect();
        self.work.extend(
            children
                .into_iter()
                .rev()
                .map(|child| (child, scope, conditional)),
        );
    }

    fn visit(&mut self, node: Node<'t>, scope: Node<'t>, conditional: bool) {
        let field = |name: &str| node.child_by_field_name(name);
        match node.kind() {
            "function_definition" | "class_definition" => {
                let what = if node.kind() == "class_definition" {
                    "a class"
                } else {
                    "a function"
                };
                if let Some(name) = field("name") {
                    self.bind(scope, name, Site::Other(what));
                }
                if let Some(superclasses) = field("superclasses") {
                    self.work.push((superclasses, scope, conditional));
                }
                if let Some(parameters) = field("parameters") {
                    let function = field("name").map(|name| node_text(self.text, name));
                    self.parameters(node, parameters, function);
                }
                if let Some(body) = field("body") {
                    self.children(body, node, false);
                }
            }
            "lambda" => {
                if let Some(parameters) = field("parameters") {
                    self.parameters(node, parameters, None);
                }
                if let Some(body) = field("body") {
                    self.work.push((body, node, false));
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
                for left in clauses
                    .into_iter()
                    .filter_map(|c| c.child_by_field_name("left"))
                {
                    self.bind_pattern(node, left, &Site::Other("a comprehension variable"));
                }
                self.children(node, node, false);
            }
            "assignment" => {
                // `a = b = value` binds both names to the value.
                let mut value = field("right");
                while let Some(chained) = value.filter(|v| v.kind() == "assignment") {
                    value = chained.child_by_field_name("right");
                }
                if let (Some(left), Some(value)) = (field("left"), value) {
                    let site = if left.kind() == "identifier" {
                        Site::Value { value, conditional }
                    } else {
                        Site::Other("unpacked from a sequence")
                    };
                    self.bind_pattern(scope, left, &site);
                }
                if let Some(right) = field("right") {
                    self.work.push((right, scope, conditional));
                }
            }
            "augmented_assignment"
            | "for_statement"
            | "named_expression"
            | "as_pattern"
            | "except_clause" => {
                let (target, what) = match node.kind() {
                    "augmented_assignment" => (field("left"), "changed in place"),
                    "for_statement" => (field("left"), "a loop variable"),
                    "named_expression" => (field("name"), "assigned with `:=`"),
                    _ => (field("alias"), "bound by `as`"),
                };
                if let Some(target) = target {
                    self.bind_pattern(scope, target, &Site::Other(what));
                }
                let loops = matches!(node.kind(), "for_statement" | "except_clause");
                self.children(node, scope, conditional || loops);
            }
            "import_statement" | "import_from_statement" => {
                for import in self.files.imports(self.package, node, self.text) {
                    let scope = self.scope(scope);
                    match import.name {
                        Some(name) => scope
                            .names
                            .entry(name)
                            .or_default()
                            .push(Site::Import(import.target)),
                        None => scope.wildcards.push(import.target),
                    }
                }
            }
            // The body of an `if`, a loop, a `try` or a `with`.
            "block" => self.children(node, scope, true),
            _ => self.children(node, scope, conditional),
        }
    }

    fn parameters(&mut self, function: Node<'t>, parameters: Node<'t>, name: Option<&'t str>) {
        let mut cursor = parameters.walk();
        let parameters: Vec<_> = parameters.named_children(&mut cursor).collect();
        for parameter in parameters {
            let bound = match parameter.kind() {
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

/// The parameter name in `x`, `x: int`, `*args`, `**kwargs`.
fn first_identifier(node: Node) -> Option<Node> {
    let mut nodes = vec![node];
    while let Some(node) = nodes.pop() {
        if node.kind() == "identifier" {
            return Some(node);
        }
        let mut cursor = node.walk();
        let children: Vec<_> = node.named_children(&mut cursor).collect();
        nodes.extend(children.into_iter().rev());
    }
    None
}
