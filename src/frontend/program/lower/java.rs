//! Lowering of Java. A project is one module: any file may name any class of the project, by
//! its simple name within its package or once imported, by its fully qualified name anywhere.
//!
//! Java keeps variables, methods and types apart, so a scope holds up to three bindings per
//! name. A class's members are declared before any code is lowered, as Java lets code use them
//! before their declaration; a local variable's scope starts at its declaration, as in Java, so
//! that code before it sees the field of the same name. A class's value is an object of its
//! members. A builder (`X.builder().a(v).build()`) is an object of class `X` whose fields hold
//! the setters' arguments; `Map.of`, `List.of` and `String.format` are the values they make.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use tree_sitter::Node;

use super::{Language, Source, children, sum_operands};
use crate::frontend::UnitFile;
use crate::frontend::program::{
    Argument, BindingId, Call, Expr, ExprId, Function, FunctionId, Item, Lowerer, Member, Object,
    Part, Runs, push_text,
};
use crate::frontend::pulumi::Project;
use crate::source::Span;

pub struct Java;

impl Language for Java {
    fn name(&self) -> &'static str {
        "Java"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter::Language::from(tree_sitter_java::LANGUAGE)
    }

    fn entries(&self, project: &Project) -> Result<Vec<PathBuf>, String> {
        if project
            .sources
            .iter()
            .any(|file| is_program_file(project, file))
        {
            Ok(vec![PathBuf::new()])
        } else {
            Err("the project has no Java source file (`.java`) outside `src/test`, `target` and `build`".to_owned())
        }
    }

    fn files<'a>(&self, project: &Project<'a>, _module: &Path) -> Vec<UnitFile<'a>> {
        let mut files: Vec<UnitFile<'a>> = project.sources.to_vec();
        files.retain(|file| is_program_file(project, file));
        files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        files
    }

    fn resolve(&self, _project: &Project, _from: &Path, _specifier: &str) -> Option<PathBuf> {
        None
    }

    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer) {
        let Some(first) = sources.first() else {
            return;
        };
        let mut lower = Lower::new(lowerer, first);
        let packages: Vec<String> = sources.iter().map(package).collect();
        // Every class of every file first: any file may name any of them.
        for (file, source) in sources.iter().enumerate() {
            (lower.source, lower.file) = (source, file);
            for node in children(source.tree.root_node()) {
                if is_class(node.kind()) {
                    lower.declare_class(node, Owner::Package(&packages[file]));
                }
            }
        }
        for (file, source) in sources.iter().enumerate() {
            (lower.source, lower.file) = (source, file);
            lower.lower_file(&packages[file]);
        }
    }
}

/// Whether a file is a `.java` file of the program: not a test's, not a build's output.
fn is_program_file(project: &Project, file: &UnitFile) -> bool {
    let path = &file.source.path;
    if path.extension().is_none_or(|extension| extension != "java") {
        return false;
    }
    let relative = path.strip_prefix(&project.directory).unwrap_or(path);
    let (mut in_sources, mut after_src) = (false, false);
    for component in relative.components() {
        let Component::Normal(name) = component else {
            continue;
        };
        let name = name.to_str().unwrap_or_default();
        // A package may be called `build`; a directory of that name above `src` is Gradle's.
        if (after_src && name == "test") || (!in_sources && matches!(name, "target" | "build")) {
            return false;
        }
        after_src = name == "src";
        in_sources |= after_src;
    }
    true
}

/// The package a file declares (`""` for the unnamed package).
fn package(source: &Source) -> String {
    children(source.tree.root_node())
        .into_iter()
        .filter(|node| node.kind() == "package_declaration")
        .flat_map(children)
        .find(|name| matches!(name.kind(), "identifier" | "scoped_identifier"))
        .map(|name| source.text(name).split_whitespace().collect())
        .unwrap_or_default()
}

fn is_class(kind: &str) -> bool {
    matches!(
        kind,
        "class_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "record_declaration"
            | "annotation_type_declaration"
    )
}

const EXPRESSIONS: &str = "assignment_expression binary_expression cast_expression \
    instanceof_expression lambda_expression ternary_expression unary_expression \
    update_expression switch_expression array_access array_creation_expression array_initializer \
    class_literal field_access identifier method_invocation method_reference \
    object_creation_expression parenthesized_expression template_expression this super \
    string_literal character_literal true false null_literal";

fn is_expression(kind: &str) -> bool {
    is_number(kind) || EXPRESSIONS.split(' ').any(|expression| expression == kind)
}

fn is_number(kind: &str) -> bool {
    kind.ends_with("_literal") && (kind.contains("integer") || kind.contains("floating"))
}

/// The members of a class body, those after an enum's constants included.
fn members<'t>(body: Node<'t>) -> Vec<Node<'t>> {
    let flatten = |member: Node<'t>| match member.kind() {
        "enum_body_declarations" => children(member),
        _ => vec![member],
    };
    children(body).into_iter().flat_map(flatten).collect()
}

fn declarators(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.children_by_field_name("declarator", &mut cursor)
        .collect()
}

fn is_static(member: Node) -> bool {
    children(member)
        .into_iter()
        .filter(|c| c.kind() == "modifiers")
        .any(|modifiers| {
            let mut cursor = modifiers.walk();
            modifiers
                .children(&mut cursor)
                .any(|modifier| modifier.kind() == "static")
        })
}

const MAP: &[&str] = &["java", "util", "Map"];
const LIST: &[&str] = &["java", "util", "List"];
const SET: &[&str] = &["java", "util", "Set"];
const ARRAYS: &[&str] = &["java", "util", "Arrays"];
const STRING: &[&str] = &["java", "lang", "String"];

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CONDITIONAL: &str = "inside a conditional expression, which may not run";
const LOGICAL: &str = "on the right of `&&` or `||`, which may not run";
const CATCH: &str = "inside a `catch`, which runs only on an error";
const ASSERT: &str = "inside an `assert`, which runs only when assertions are enabled";
const INSTANCE: &str = "in an instance initialiser, which runs once for each object made";
const UNPARSED: &str = "code that does not parse";

/// Real files import a handful of packages on demand; each is a candidate for every name not
/// otherwise found, so a hostile file's thousands would make the program that many times larger.
const MAX_WILDCARD_IMPORTS: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Var,
    Method,
    Type,
}

/// What one name means in one scope, in each namespace.
#[derive(Clone, Copy, Default)]
struct Slots {
    var: Option<BindingId>,
    method: Option<BindingId>,
    ty: Option<BindingId>,
}

impl Slots {
    fn get(&self, ns: Ns) -> Option<BindingId> {
        match ns {
            Ns::Var => self.var,
            Ns::Method => self.method,
            Ns::Type => self.ty,
        }
    }
}

type Names = HashMap<String, Slots>;

fn slots<'n>(names: &'n mut Names, name: &str) -> &'n mut Slots {
    names.entry(name.to_owned()).or_default()
}

/// A class declared and not yet lowered.
struct Class {
    binding: Option<BindingId>,
    names: Names,
    /// Methods declared more than once: which one a call runs depends on types.
    overloaded: HashSet<String>,
}

/// Where a class is declared, which gives its fully qualified name.
#[derive(Clone, Copy)]
enum Owner<'x> {
    Package(&'x str),
    /// Nested in the class of this fully qualified name.
    Class(&'x str),
    /// In a method's body, or anonymous: it has no name outside.
    Local,
}

/// The imports of the file being lowered.
#[derive(Default)]
struct Imports {
    package: String,
    types: HashMap<String, Vec<String>>,
    statics: HashMap<String, Vec<String>>,
    /// `import a.b.*;` as `["a", "b"]` and `"a.b"`.
    wildcards: Vec<(Vec<String>, String)>,
}

/// What a name found in the project's scopes or imports means.
enum Found {
    Binding(BindingId),
    /// A static member of a class of the project, imported.
    Member(BindingId, String),
    Path(Vec<String>),
}

/// Where the code being lowered runs.
#[derive(Clone, Copy, Default)]
struct Context {
    function: Option<FunctionId>,
    maybe: Option<&'static str>,
    /// How many loops enclose the code: a variable declared outside one is assigned many times.
    loops: usize,
}

struct Lower<'t, 'l, 'p> {
    out: &'l mut Lowerer<'p>,
    source: &'t Source<'t>,
    file: usize,
    /// Declared classes, by file and their body's node.
    classes: HashMap<(usize, usize), Class>,
    fqns: HashMap<String, BindingId>,
    /// Top-level classes by package and simple name.
    packages: HashMap<String, HashMap<String, BindingId>>,
    /// The first segments of the project's packages, which may start a fully qualified name.
    roots: HashSet<String>,
    /// The most segments a fully qualified name of the project has.
    longest: usize,
    imports: Imports,
    scopes: Vec<Names>,
    /// The classes being lowered, innermost last: their scope's index and their binding.
    this: Vec<(usize, Option<BindingId>)>,
    ctx: Context,
    /// The values returned in each function being lowered.
    returns: Vec<Vec<ExprId>>,
    loops_of: HashMap<BindingId, usize>,
}

impl<'t, 'l, 'p> Lower<'t, 'l, 'p> {
    fn new(out: &'l mut Lowerer<'p>, source: &'t Source<'t>) -> Self {
        Lower {
            out,
            source,
            file: 0,
            classes: HashMap::new(),
            fqns: HashMap::new(),
            packages: HashMap::new(),
            roots: HashSet::new(),
            longest: 0,
            imports: Imports::default(),
            scopes: Vec::new(),
            this: Vec::new(),
            ctx: Context::default(),
            returns: Vec::new(),
            loops_of: HashMap::new(),
        }
    }

    fn text(&self, node: Node) -> &'t str {
        let source = self.source;
        source.text(node)
    }

    fn span(&self, node: Node) -> Span {
        self.source.span(node)
    }

    fn add(&mut self, expr: Expr, span: Span) -> ExprId {
        self.out.add(expr, span)
    }

    fn opaque(&mut self, reason: impl Into<String>, span: Span) -> ExprId {
        self.out.opaque(reason, span)
    }

    /// Lowers what a node holds, so that no call in it is missed, and makes it opaque.
    fn unknown(&mut self, node: Node<'t>, reason: impl Into<String>) -> ExprId {
        self.lower_unknown(node);
        self.opaque(reason, self.span(node))
    }

    fn runs(&self) -> Runs {
        match (self.ctx.maybe, self.ctx.function) {
            (Some(reason), _) => Runs::Maybe(reason.to_owned()),
            (None, Some(function)) => Runs::InFunction(function),
            (None, None) => Runs::Once,
        }
    }

    /// Lowers code that may not run, or may run many times.
    fn branch<T>(&mut self, reason: &'static str, lower: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.ctx;
        self.ctx.maybe = Some(reason);
        self.ctx.loops += usize::from(reason == LOOP);
        let result = lower(self);
        self.ctx = saved;
        result
    }

    fn scoped(&mut self, lower: impl FnOnce(&mut Self)) {
        self.scopes.push(Names::new());
        lower(self);
        self.scopes.pop();
    }

    // Declarations.

    fn declare_class(&mut self, node: Node<'t>, owner: Owner) -> BindingId {
        let name_node = node.child_by_field_name("name").unwrap_or(node);
        let name = self.text(name_node);
        let binding = self.out.declare(name, self.span(name_node));
        let fqn = match owner {
            Owner::Package("") => Some(name.to_owned()),
            Owner::Package(outer) | Owner::Class(outer) => Some(format!("{outer}.{name}")),
            Owner::Local => None,
        };
        if let Owner::Package(package) = owner {
            let classes = self.packages.entry(package.to_owned()).or_default();
            classes.entry(name.to_owned()).or_insert(binding);
            if let Some(root) = package.split('.').next().filter(|root| !root.is_empty()) {
                self.roots.insert(root.to_owned());
            }
        }
        if let Some(fqn) = &fqn {
            self.longest = self.longest.max(fqn.split('.').count());
            self.fqns.entry(fqn.clone()).or_insert(binding);
        }
        if let Some(body) = node.child_by_field_name("body") {
            let inner = fqn.as_deref().map_or(Owner::Local, Owner::Class);
            self.declare_members(node, body, Some(binding), inner);
        }
        binding
    }

    fn declare_members(
        &mut self,
        decl: Node<'t>,
        body: Node<'t>,
        binding: Option<BindingId>,
        owner: Owner,
    ) {
        let mut names = Names::new();
        let mut methods: HashMap<&str, usize> = HashMap::new();
        let components = match decl.child_by_field_name("parameters") {
            Some(parameters) if decl.kind() == "record_declaration" => {
                self.parameter_names(parameters)
            }
            _ => Vec::new(),
        };
        for component in components {
            let name = self.text(component);
            let component = self.out.declare(name, self.span(component));
            self.out.unknown(component, "a record's component");
            slots(&mut names, name).var = Some(component);
        }
        for member in members(body) {
            let name_node = member.child_by_field_name("name").unwrap_or(member);
            let (name, span) = (self.text(name_node), self.span(name_node));
            match member.kind() {
                "field_declaration" | "constant_declaration" => {
                    for declarator in declarators(member) {
                        let Some(name) = declarator.child_by_field_name("name") else {
                            continue;
                        };
                        let field = self.out.declare(self.text(name), self.span(name));
                        slots(&mut names, self.text(name)).var = Some(field);
                    }
                }
                "method_declaration" => {
                    let count = methods.entry(name).or_default();
                    *count += 1;
                    if *count == 1 {
                        slots(&mut names, name).method = Some(self.out.declare(name, span));
                    }
                }
                "enum_constant" => {
                    let constant = self.out.declare(name, span);
                    self.out.unknown(constant, "an enum constant");
                    slots(&mut names, name).var = Some(constant);
                }
                kind if is_class(kind) => {
                    slots(&mut names, name).ty = Some(self.declare_class(member, owner));
                }
                _ => {}
            }
        }
        let mut overloaded = HashSet::new();
        for (name, _) in methods.into_iter().filter(|(_, count)| *count > 1) {
            if let Some(method) = names.get(name).and_then(|slots| slots.method) {
                let reason = format!(
                    "`{name}` is overloaded: which method runs depends on the arguments' types"
                );
                self.out.unknown(method, reason);
            }
            overloaded.insert(name.to_owned());
        }
        let class = Class {
            binding,
            names,
            overloaded,
        };
        self.classes.insert((self.file, body.id()), class);
    }

    /// The names of a method's or a lambda's parameters.
    fn parameter_names(&self, parameters: Node<'t>) -> Vec<Node<'t>> {
        let name = |node: Node<'t>| match node.kind() {
            "formal_parameter" => node.child_by_field_name("name"),
            "spread_parameter" => children(node)
                .into_iter()
                .find(|child| child.kind() == "variable_declarator")
                .and_then(|declarator| declarator.child_by_field_name("name")),
            _ => Some(node),
        };
        let names = match parameters.kind() {
            "identifier" => vec![parameters],
            _ => children(parameters).into_iter().filter_map(name).collect(),
        };
        names
            .into_iter()
            .filter(|name| name.kind() == "identifier")
            .collect()
    }

    fn declare_local(&mut self, name: Node<'t>) -> BindingId {
        let text = self.text(name);
        let binding = self.out.declare(text, self.span(name));
        if self.ctx.loops > 0 {
            self.loops_of.insert(binding, self.ctx.loops);
        }
        if let Some(scope) = self.scopes.last_mut() {
            slots(scope, text).var = Some(binding);
        }
        binding
    }

    /// Gives a name declared earlier a value: in a loop it is given many.
    fn assign_to(&mut self, binding: BindingId, value: ExprId) {
        if self.ctx.loops > self.loops_of.get(&binding).copied().unwrap_or(0) {
            self.out.unknown(binding, "assigned in a loop");
        } else {
            self.out.assign(binding, value);
        }
    }

    // Names.

    fn import(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        let kinds: Vec<&str> = node
            .children(&mut cursor)
            .map(|child| child.kind())
            .collect();
        let Some(path) = children(node)
            .into_iter()
            .find(|child| matches!(child.kind(), "identifier" | "scoped_identifier"))
        else {
            return;
        };
        let path: Vec<String> = (self.text(path).split('.'))
            .map(|segment| segment.trim().to_owned())
            .filter(|segment| !segment.is_empty())
            .collect();
        if kinds.contains(&"asterisk") {
            if self.imports.wildcards.len() < MAX_WILDCARD_IMPORTS {
                let joined = path.join(".");
                self.imports.wildcards.push((path, joined));
            }
        } else if let Some(last) = path.last().cloned() {
            let imports = match kinds.contains(&"static") {
                true => &mut self.imports.statics,
                false => &mut self.imports.types,
            };
            imports.insert(last, path);
        }
    }

    /// A name as Java finds it: in the scopes (innermost first) and static imports, then as a
    /// type in the scopes, the imports, the file's package and the packages imported on demand.
    fn find(&self, name: &str, ns: Ns) -> Option<Found> {
        let scoped = |ns| {
            (self.scopes.iter().rev())
                .find_map(|scope| scope.get(name).and_then(|slots| slots.get(ns)))
        };
        if let Some(binding) = scoped(ns) {
            return Some(Found::Binding(binding));
        }
        if ns != Ns::Type
            && let Some(path) = self.imports.statics.get(name)
        {
            let class = path.split_last().and_then(|(member, class)| {
                Some((*self.fqns.get(&class.join("."))?, member.clone()))
            });
            return Some(match class {
                Some((class, member)) => Found::Member(class, member),
                None => Found::Path(path.clone()),
            });
        }
        if ns == Ns::Method {
            return None;
        }
        if let Some(binding) = scoped(Ns::Type) {
            return Some(Found::Binding(binding));
        }
        if let Some(path) = self.imports.types.get(name) {
            return Some(match self.fqns.get(&path.join(".")) {
                Some(class) => Found::Binding(*class),
                None => Found::Path(path.clone()),
            });
        }
        let in_package = |package: &str| self.packages.get(package)?.get(name).copied();
        let mut wildcards = self.imports.wildcards.iter();
        in_package(&self.imports.package)
            .or_else(|| wildcards.find_map(|(_, package)| in_package(package)))
            .map(Found::Binding)
    }

    fn found(&mut self, found: Found, span: Span) -> ExprId {
        match found {
            Found::Binding(binding) => self.add(Expr::Name(binding), span),
            Found::Member(class, name) => {
                let object = self.add(Expr::Name(class), span);
                self.add(
                    Expr::Member {
                        object,
                        name,
                        name_span: span,
                    },
                    span,
                )
            }
            Found::Path(path) => self.add(Expr::Global(vec![path]), span),
        }
    }

    fn name(&mut self, name: &str, ns: Ns, span: Span) -> ExprId {
        match self.find(name, ns) {
            Some(found) => self.found(found, span),
            None => self.global(name, span, false),
        }
    }

    /// A name from outside the project: in one of the packages imported on demand, in
    /// `java.lang`, or, where it starts a qualified name in lower case, a package.
    fn global(&mut self, name: &str, span: Span, head: bool) -> ExprId {
        let lower = name.chars().next().is_some_and(char::is_lowercase);
        let mut candidates = Vec::new();
        if !(head && lower) {
            for (package, _) in &self.imports.wildcards {
                candidates.push([package.as_slice(), &[name.to_owned()]].concat());
            }
            if !lower {
                candidates.push(vec!["java".to_owned(), "lang".to_owned(), name.to_owned()]);
            }
        }
        candidates.push(vec![name.to_owned()]);
        self.add(Expr::Global(candidates), span)
    }

    fn this_member(&self, name: &str, ns: Ns) -> Option<BindingId> {
        let (scope, _) = self.this.last()?;
        self.scopes.get(*scope)?.get(name)?.get(ns)
    }

    /// The first name of a qualified name (`a` of `a.b.C`, `Key` of `Key.builder()`), and how
    /// many of the names after it (`links`, innermost first) it took in: a project class's
    /// fully qualified name is read whole.
    fn chain_head(&mut self, head: Node<'t>, links: &[(Node<'t>, Node<'t>)]) -> (ExprId, usize) {
        let name = self.text(head);
        let ns = if head.kind() == "type_identifier" {
            Ns::Type
        } else {
            Ns::Var
        };
        if let Some(found) = self.find(name, ns) {
            return (self.found(found, self.span(head)), 0);
        }
        if self.roots.contains(name) {
            let mut path = name.to_owned();
            let mut class = None;
            for (index, (prefix, segment)) in links.iter().enumerate().take(self.longest) {
                path.push('.');
                path.push_str(self.text(*segment));
                if let Some(binding) = self.fqns.get(&path) {
                    class = Some((index, *prefix, *binding));
                }
            }
            if let Some((index, prefix, binding)) = class {
                return (self.add(Expr::Name(binding), self.span(prefix)), index + 1);
            }
        }
        (self.global(name, self.span(head), true), 0)
    }

    /// The object of a call or of a method reference.
    fn head(&mut self, node: Node<'t>) -> ExprId {
        match node.kind() {
            "identifier" | "type_identifier" => self.chain_head(node, &[]).0,
            _ => self.lower_expr(node),
        }
    }

    /// `a.b.c` or `a.b.C` (a field access or a qualified type), name by name.
    fn chain(&mut self, node: Node<'t>) -> ExprId {
        let mut links = Vec::new();
        let mut base = node;
        loop {
            let link = match base.kind() {
                "field_access" => (base.child_by_field_name("field"))
                    .filter(|field| field.kind() == "identifier")
                    .zip(base.child_by_field_name("object")),
                "scoped_type_identifier" => {
                    let parts: Vec<Node> = children(base)
                        .into_iter()
                        .filter(|part| !part.kind().ends_with("annotation"))
                        .collect();
                    parts.last().copied().zip(parts.first().copied())
                }
                _ => None,
            };
            let Some((name, inner)) = link.filter(|(name, inner)| name != inner) else {
                break;
            };
            links.push((base, name));
            base = inner;
        }
        if links.is_empty() {
            return self.unknown(node, UNPARSED);
        }
        links.reverse();
        let field = match base.kind() {
            "this" => self.this_member(self.text(links[0].1), Ns::Var),
            _ => None,
        };
        let (mut expr, taken) = match (base.kind(), field) {
            ("identifier" | "type_identifier", _) => self.chain_head(base, &links),
            (_, Some(field)) => (self.add(Expr::Name(field), self.span(links[0].0)), 1),
            ("generic_type", _) => (self.lower_type(base), 0),
            _ => (self.lower_expr(base), 0),
        };
        for (prefix, name) in &links[taken..] {
            let (name, name_span) = (self.text(*name).to_owned(), self.span(*name));
            expr = self.add(
                Expr::Member {
                    object: expr,
                    name,
                    name_span,
                },
                self.span(*prefix),
            );
        }
        expr
    }

    fn lower_type(&mut self, node: Node<'t>) -> ExprId {
        match node.kind() {
            "type_identifier" => self.name(self.text(node), Ns::Type, self.span(node)),
            "scoped_type_identifier" => self.chain(node),
            // Type arguments are left out: `List<String>` is `List`.
            "generic_type" | "annotated_type" => {
                let inner = children(node).into_iter().find(|child| {
                    let kind = child.kind();
                    kind.ends_with("type_identifier") || kind == "generic_type"
                });
                match inner {
                    Some(inner) => self.lower_type(inner),
                    None => self.opaque("a type", self.span(node)),
                }
            }
            _ => self.opaque("a primitive or array type", self.span(node)),
        }
    }

    // Classes and functions.

    fn lower_file(&mut self, package: &str) {
        self.imports = Imports {
            package: package.to_owned(),
            ..Imports::default()
        };
        let root = self.source.tree.root_node();
        for node in children(root) {
            if node.kind() == "import_declaration" {
                self.import(node);
            }
        }
        self.scopes = vec![Names::new()];
        self.ctx = Context::default();
        for node in children(root) {
            if is_class(node.kind()) {
                self.lower_class(node);
            } else {
                self.lower_statement(node);
            }
        }
    }

    fn lower_class(&mut self, decl: Node<'t>) {
        let Some(body) = decl.child_by_field_name("body") else {
            return self.lower_unknown(decl);
        };
        let mut bases = Vec::new();
        for base in children(decl) {
            let types = match base.kind() {
                "superclass" => children(base),
                "super_interfaces" | "extends_interfaces" => {
                    children(base).into_iter().flat_map(children).collect()
                }
                _ => continue,
            };
            for base in types {
                bases.push(self.lower_type(base));
            }
        }
        let name = decl.child_by_field_name("name").map(|name| self.text(name));
        self.lower_body(body, name, bases, self.span(decl));
    }

    fn anonymous(&mut self, body: Node<'t>) {
        self.declare_members(body, body, None, Owner::Local);
        self.lower_body(body, None, Vec::new(), self.span(body));
    }

    /// Lowers a class's members and gives the class its value: an object of them.
    fn lower_body(
        &mut self,
        body: Node<'t>,
        name: Option<&'t str>,
        bases: Vec<ExprId>,
        span: Span,
    ) {
        let Some(Class {
            binding,
            names,
            overloaded,
        }) = self.classes.remove(&(self.file, body.id()))
        else {
            return self.lower_unknown(body);
        };
        let scope = self.scopes.len();
        self.scopes.push(names);
        self.this.push((scope, binding));
        let definition = self.ctx;
        let mut fields = Vec::new();
        let mut overloads = HashSet::new();
        for member in members(body) {
            let name_node = member.child_by_field_name("name").unwrap_or(member);
            let (text, name_span) = (self.text(name_node), self.span(name_node));
            let slot = |lower: &Self, name: &str, ns| lower.scopes[scope].get(name)?.get(ns);
            let member_span = self.span(member);
            let field = |value| Member::Field {
                name: text.to_owned(),
                name_span,
                value,
                span: member_span,
            };
            let kind = member.kind();
            if kind == "block"
                || (kind == "field_declaration" && body.kind() != "interface_body")
                    && !is_static(member)
            {
                self.ctx = Context {
                    function: None,
                    maybe: Some(INSTANCE),
                    loops: 0,
                };
            }
            match kind {
                "field_declaration" | "constant_declaration" => {
                    for declarator in declarators(member) {
                        let value = declarator.child_by_field_name("value");
                        let value = value.map(|value| self.lower_expr(value));
                        let Some(name) = declarator.child_by_field_name("name") else {
                            continue;
                        };
                        let Some(binding) = slot(self, self.text(name), Ns::Var) else {
                            continue;
                        };
                        if let Some(value) = value {
                            self.assign_to(binding, value);
                        }
                        let name_span = self.span(name);
                        fields.push(Member::Field {
                            name: self.text(name).to_owned(),
                            name_span,
                            value: self.add(Expr::Name(binding), name_span),
                            span: self.span(declarator),
                        });
                    }
                }
                "method_declaration" => {
                    let function = self.method(member, Some(text), Vec::new());
                    if !overloaded.contains(text) {
                        if let Some(method) = slot(self, text, Ns::Method) {
                            self.out.assign(method, function);
                        }
                        fields.push(field(function));
                    } else if overloads.insert(text) {
                        let reason = format!("`{text}` is an overloaded method");
                        fields.push(Member::Opaque {
                            name: Some(text.to_owned()),
                            reason,
                        });
                    }
                }
                "constructor_declaration" | "compact_constructor_declaration" => {
                    self.method(member, name, bases.clone());
                }
                "enum_constant" => {
                    self.arguments(member.child_by_field_name("arguments"));
                    if let Some(body) = member.child_by_field_name("body") {
                        self.anonymous(body);
                    }
                    let reason = "an enum constant".to_owned();
                    fields.push(Member::Opaque {
                        name: Some(text.to_owned()),
                        reason,
                    });
                }
                kind if is_class(kind) => {
                    self.lower_class(member);
                    if let Some(class) = slot(self, text, Ns::Type) {
                        fields.push(field(self.add(Expr::Name(class), name_span)));
                    }
                }
                _ => self.lower_statement(member),
            }
            self.ctx = definition;
        }
        self.scopes.pop();
        self.this.pop();
        if let Some(binding) = binding {
            let object = self.add(
                Expr::Object(Object {
                    class: None,
                    members: fields,
                }),
                span,
            );
            self.out.assign(binding, object);
        }
    }

    fn method(&mut self, node: Node<'t>, name: Option<&'t str>, bases: Vec<ExprId>) -> ExprId {
        let parameters = node.child_by_field_name("parameters");
        let parameters = parameters
            .map(|p| self.parameter_names(p))
            .unwrap_or_default();
        self.function(node, name, parameters, bases)
    }

    fn function(
        &mut self,
        node: Node<'t>,
        name: Option<&'t str>,
        parameters: Vec<Node<'t>>,
        bases: Vec<ExprId>,
    ) -> ExprId {
        // A method runs whenever it is called; a lambda sees the variables of its loop.
        let loops = if node.kind() == "lambda_expression" {
            self.ctx.loops
        } else {
            0
        };
        let mut scope = Names::new();
        let mut ids = Vec::new();
        for parameter in parameters {
            let text = self.text(parameter);
            let binding = self
                .out
                .parameter(text, self.span(parameter), name.map(str::to_owned));
            if loops > 0 {
                self.loops_of.insert(binding, loops);
            }
            slots(&mut scope, text).var = Some(binding);
            ids.push(binding);
        }
        let id = self.out.function(Function {
            name: name.map(str::to_owned),
            span: self.span(node),
            parameters: ids,
            result: None,
            bases,
            runs: self.runs(),
        });
        let saved = self.ctx;
        self.ctx = Context {
            function: Some(id),
            maybe: None,
            loops,
        };
        self.scopes.push(scope);
        self.returns.push(Vec::new());
        let mut result = None;
        match node.child_by_field_name("body") {
            Some(body) if is_expression(body.kind()) => result = Some(self.lower_expr(body)),
            Some(body) => self.lower_statement(body),
            None => {}
        }
        let returns = self.returns.pop().unwrap_or_default();
        if let [value] = returns[..] {
            result = result.or(Some(value));
        }
        self.scopes.pop();
        self.ctx = saved;
        self.out.set_result(id, result);
        self.add(Expr::Function(id), self.span(node))
    }

    // Statements.

    fn lower_statement(&mut self, node: Node<'t>) {
        let field = |name| node.child_by_field_name(name);
        match node.kind() {
            "return_statement" => {
                for expression in children(node) {
                    let value = self.lower_expr(expression);
                    if let Some(returns) = self.returns.last_mut() {
                        returns.push(value);
                    }
                }
            }
            "local_variable_declaration" => {
                for declarator in declarators(node) {
                    let value = declarator.child_by_field_name("value");
                    let value = value.map(|value| self.lower_expr(value));
                    let name = declarator.child_by_field_name("name");
                    if let Some(name) = name.filter(|name| name.kind() == "identifier") {
                        let local = self.declare_local(name);
                        if let Some(value) = value {
                            self.out.assign(local, value);
                        }
                    }
                }
            }
            // A resource of a `try`, an exception caught.
            "resource" | "catch_formal_parameter" => {
                let value = field("value").map(|value| self.lower_expr(value));
                match field("name").filter(|name| name.kind() == "identifier") {
                    Some(name) => {
                        let local = self.declare_local(name);
                        match value {
                            Some(value) => self.out.assign(local, value),
                            None => self.out.unknown(local, "a caught exception"),
                        }
                    }
                    None => self.lower_unknown(node),
                }
            }
            "block" | "constructor_body" | "try_statement" | "try_with_resources_statement" => {
                self.scoped(|lower| lower.lower_unknown(node));
            }
            "catch_clause" => {
                self.branch(CATCH, |lower| {
                    lower.scoped(|lower| lower.lower_unknown(node))
                });
            }
            "if_statement" => {
                self.lower_each(field("condition"));
                self.branch(IF, |lower| {
                    lower.lower_each(
                        [field("consequence"), field("alternative")]
                            .into_iter()
                            .flatten(),
                    );
                });
            }
            "while_statement" | "do_statement" => {
                self.branch(LOOP, |lower| lower.lower_unknown(node))
            }
            "for_statement" => self.scoped(|lower| {
                let mut cursor = node.walk();
                for init in node.children_by_field_name("init", &mut cursor) {
                    lower.lower_statement(init);
                }
                lower.branch(LOOP, |lower| {
                    let mut cursor = node.walk();
                    let updates = node.children_by_field_name("update", &mut cursor);
                    lower.lower_each(
                        field("condition")
                            .into_iter()
                            .chain(updates)
                            .chain(field("body")),
                    );
                });
            }),
            "enhanced_for_statement" => {
                self.lower_each(field("value"));
                self.scoped(|lower| {
                    lower.branch(LOOP, |lower| {
                        if let Some(name) = field("name").filter(|n| n.kind() == "identifier") {
                            let variable = lower.declare_local(name);
                            lower.out.unknown(variable, "a loop variable");
                        }
                        lower.lower_each(field("body"));
                    });
                });
            }
            // A label's constants are names of the switched-on type; only a guard may call.
            "switch_label" => {
                for guard in children(node).into_iter().filter(|c| c.kind() == "guard") {
                    self.lower_unknown(guard);
                }
            }
            "assert_statement" => self.branch(ASSERT, |lower| lower.lower_unknown(node)),
            "explicit_constructor_invocation" => {
                self.lower_each(field("object"));
                let constructor = field("constructor").unwrap_or(node);
                let reason = "a constructor of this class or its superclass";
                let callee = self.opaque(reason, self.span(constructor));
                let values = self.arguments(field("arguments"));
                self.call(callee, values, false, self.span(node));
            }
            "method_declaration" | "constructor_declaration" => {
                let name = field("name").map(|name| self.text(name));
                self.method(node, name, Vec::new());
            }
            kind if is_class(kind) => {
                let class = self.declare_class(node, Owner::Local);
                if let Some(name) = field("name").map(|name| self.text(name))
                    && let Some(scope) = self.scopes.last_mut()
                {
                    slots(scope, name).ty = Some(class);
                }
                self.lower_class(node);
            }
            "labeled_statement" => self.lower_each(children(node).into_iter().skip(1)),
            "break_statement"
            | "continue_statement"
            | "package_declaration"
            | "import_declaration"
            | "modifiers" => {}
            kind if is_expression(kind) => {
                self.lower_expr(node);
            }
            _ => self.lower_unknown(node),
        }
    }

    /// Lowers the statements and expressions a node holds.
    fn lower_unknown(&mut self, node: Node<'t>) {
        self.lower_each(children(node));
    }

    fn lower_each(&mut self, nodes: impl IntoIterator<Item = Node<'t>>) {
        for node in nodes {
            self.lower_statement(node);
        }
    }

    // Expressions.

    fn lower_expr(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        if node.is_missing() {
            return self.opaque(UNPARSED, span);
        }
        let field = |name| node.child_by_field_name(name);
        let text = self.text(node);
        match node.kind() {
            "string_literal" | "character_literal" => self.string(node),
            kind if is_number(kind) => self.add(Expr::Number(text.to_owned()), span),
            "true" | "false" => self.add(Expr::Bool(text == "true"), span),
            "null_literal" => self.add(Expr::Null, span),
            "identifier" => self.name(text, Ns::Var, span),
            "this" => match self.this.last().and_then(|(_, class)| *class) {
                Some(class) => self.add(Expr::Name(class), span),
                None => self.opaque("`this` of an anonymous class", span),
            },
            "parenthesized_expression" | "cast_expression" => {
                let inner = field("value").or_else(|| children(node).last().copied());
                match inner {
                    Some(inner) => self.lower_expr(inner),
                    None => self.opaque(UNPARSED, span),
                }
            }
            "field_access" => match (field("field"), field("object")) {
                // `Outer.this`
                (Some(this), Some(object)) if this.kind() == "this" => self.lower_expr(object),
                _ => self.chain(node),
            },
            "array_access" => match (field("array"), field("index")) {
                (Some(array), Some(index)) => {
                    let (object, index) = (self.lower_expr(array), self.lower_expr(index));
                    self.add(Expr::Index { object, index }, span)
                }
                _ => self.unknown(node, UNPARSED),
            },
            "method_invocation" => self.invocation(node),
            "object_creation_expression" => self.creation(node),
            "array_creation_expression" => match field("value") {
                Some(value) => self.lower_expr(value),
                None => self.unknown(node, "an array of a given length"),
            },
            "array_initializer" => {
                let items = children(node).into_iter();
                let items = items.map(|item| Item::One(self.lower_expr(item))).collect();
                self.add(Expr::List(items), span)
            }
            "lambda_expression" => {
                let parameters = field("parameters").map(|p| self.parameter_names(p));
                self.function(node, None, parameters.unwrap_or_default(), Vec::new())
            }
            "method_reference" => self.method_reference(node),
            "binary_expression" => self.binary(node),
            "unary_expression" => {
                let operator = field("operator").map(|o| o.kind()).unwrap_or_default();
                match field("operand") {
                    Some(operand) if operator == "-" && is_number(operand.kind()) => {
                        self.add(Expr::Number(format!("-{}", self.text(operand))), span)
                    }
                    _ => self.unknown(node, format!("a `{operator}` expression")),
                }
            }
            "ternary_expression" => {
                self.lower_each(field("condition"));
                self.branch(CONDITIONAL, |lower| {
                    lower.lower_each(
                        [field("consequence"), field("alternative")]
                            .into_iter()
                            .flatten(),
                    );
                });
                self.opaque("a conditional expression", span)
            }
            "assignment_expression" => self.assignment(node),
            "update_expression" => {
                for operand in children(node) {
                    let Some(binding) = self.assigned(operand) else {
                        self.lower_expr(operand);
                        continue;
                    };
                    let name = &self.out.program().binding(binding).name;
                    let reason = format!("`{name}` is incremented or decremented");
                    self.out.unknown(binding, reason);
                }
                self.opaque("an increment or decrement", span)
            }
            "instanceof_expression" => {
                self.lower_each(field("left"));
                if let Some(name) = field("name").filter(|name| name.kind() == "identifier") {
                    let variable = self.declare_local(name);
                    self.out.unknown(variable, "a pattern's variable");
                }
                self.opaque("an `instanceof` test", span)
            }
            "switch_expression" => {
                self.lower_each(field("condition"));
                if let Some(body) = field("body") {
                    self.branch(SWITCH, |lower| {
                        lower.scoped(|lower| lower.lower_unknown(body))
                    });
                }
                self.opaque("a `switch` expression", span)
            }
            "ERROR" => self.unknown(node, UNPARSED),
            kind => self.unknown(node, format!("a `{kind}`")),
        }
    }

    /// The binding an assignment's left side names, when it is a variable or `this.field`.
    fn assigned(&self, left: Node<'t>) -> Option<BindingId> {
        match left.kind() {
            "identifier" => {
                (self.scopes.iter().rev()).find_map(|scope| scope.get(self.text(left))?.var)
            }
            "field_access" => {
                let object = left.child_by_field_name("object")?;
                let field = left.child_by_field_name("field")?;
                (object.kind() == "this").then_some(())?;
                self.this_member(self.text(field), Ns::Var)
            }
            "parenthesized_expression" => self.assigned(*children(left).first()?),
            _ => None,
        }
    }

    fn assignment(&mut self, node: Node<'t>) -> ExprId {
        let operator = node
            .child_by_field_name("operator")
            .map(|o| o.kind())
            .unwrap_or_default();
        let value = node
            .child_by_field_name("right")
            .map(|right| self.lower_expr(right));
        let left = node.child_by_field_name("left");
        match (left.and_then(|left| self.assigned(left)), value) {
            (Some(binding), Some(value)) if operator == "=" => self.assign_to(binding, value),
            (Some(binding), _) => {
                let name = &self.out.program().binding(binding).name;
                let reason = format!("`{name}` is changed with `{operator}`");
                self.out.unknown(binding, reason);
            }
            (None, _) => self.lower_each(left),
        }
        match value {
            Some(value) if operator == "=" => value,
            _ => self.opaque(format!("a `{operator}` assignment"), self.span(node)),
        }
    }

    fn binary(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        let operator = |node: Node<'t>| -> &'t str {
            node.child_by_field_name("operator")
                .map(|o| o.kind())
                .unwrap_or_default()
        };
        let operand = |node: Node<'t>, side| node.child_by_field_name(side);
        let Some(operands) = sum_operands(node) else {
            self.lower_each(operand(node, "left"));
            if let Some(right) = operand(node, "right") {
                match operator(node) {
                    "&&" | "||" => self.branch(LOGICAL, |lower| lower.lower_expr(right)),
                    _ => self.lower_expr(right),
                };
            }
            return self.opaque(format!("a `{}` expression", operator(node)), span);
        };
        let values: Vec<ExprId> = operands
            .into_iter()
            .map(|operand| self.lower_expr(operand))
            .collect();
        let joined = self.out.joined(values);
        self.add(joined, span)
    }

    fn string(&mut self, node: Node<'t>) -> ExprId {
        let raw = self.text(node);
        // Java 21's string templates (`STR."\{x}"`), withdrawn since.
        if children(node)
            .iter()
            .any(|child| child.kind() == "string_interpolation")
        {
            return self.unknown(node, "a string template");
        }
        let value = match raw.strip_prefix("\"\"\"") {
            Some(block) => text_block(block.strip_suffix("\"\"\"").unwrap_or(block)),
            None => {
                let end = raw.len().saturating_sub(1).max(1);
                unescape(raw.get(1..end).unwrap_or_default())
            }
        };
        self.add(Expr::Str(value), self.span(node))
    }

    fn arguments(&mut self, list: Option<Node<'t>>) -> Vec<ExprId> {
        let arguments = list.map(children).unwrap_or_default();
        arguments
            .into_iter()
            .map(|argument| self.lower_expr(argument))
            .collect()
    }

    fn call(&mut self, callee: ExprId, values: Vec<ExprId>, new: bool, span: Span) -> ExprId {
        let argument = |value| Argument {
            name: None,
            value,
            spread: false,
        };
        let arguments = values.into_iter().map(argument).collect();
        let runs = self.runs();
        self.add(
            Expr::Call(Call {
                callee,
                arguments,
                new,
                runs,
            }),
            span,
        )
    }

    fn creation(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        let parts = children(node);
        // `outer.new Inner()`
        for outer in parts.iter().filter(|part| is_expression(part.kind())) {
            self.lower_expr(*outer);
        }
        let callee = match node.child_by_field_name("type") {
            Some(class) => self.lower_type(class),
            None => self.opaque(UNPARSED, span),
        };
        let values = self.arguments(node.child_by_field_name("arguments"));
        let call = self.call(callee, values, true, span);
        if let Some(body) = parts.into_iter().find(|part| part.kind() == "class_body") {
            self.anonymous(body);
        }
        call
    }

    fn method_reference(&mut self, node: Node<'t>) -> ExprId {
        let object = children(node).first().copied();
        let name = node.child(node.child_count().saturating_sub(1));
        let (Some(object), Some(name)) = (object, name) else {
            return self.opaque(UNPARSED, self.span(node));
        };
        let object = match is_expression(object.kind()) {
            true => self.head(object),
            false => self.lower_type(object),
        };
        let (name, name_span) = (self.text(name).to_owned(), self.span(name));
        self.add(
            Expr::Member {
                object,
                name,
                name_span,
            },
            self.span(node),
        )
    }

    fn invocation(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        let arguments = node.child_by_field_name("arguments");
        let Some(name) = node.child_by_field_name("name") else {
            return self.unknown(node, UNPARSED);
        };
        let text = self.text(name);
        let callee_span = Span::new(span.file, span.start, name.end_byte());
        let object = node.child_by_field_name("object");
        let this_method = match object {
            Some(object) if object.kind() == "this" => self.this_member(text, Ns::Method),
            _ => None,
        };
        let Some(object) = object.filter(|_| this_method.is_none()) else {
            let callee = match this_method {
                Some(method) => self.add(Expr::Name(method), callee_span),
                None => self.name(text, Ns::Method, self.span(name)),
            };
            let values = self.arguments(arguments);
            return self.call(callee, values, false, span);
        };
        if text == "build"
            && arguments.is_none_or(|arguments| children(arguments).is_empty())
            && let Some(built) = self.builder(node, object)
        {
            return built;
        }
        let object = self.head(object);
        let values = self.arguments(arguments);
        let is = |lower: &Self, path: &[&str]| lower.is_path(object, path);
        match text {
            "of" if is(self, MAP) => return self.map(&values, span),
            "entry" if is(self, MAP) => return self.map(&values, span),
            "ofEntries" if is(self, MAP) => {
                let members = values.into_iter().map(Member::Spread).collect();
                return self.add(
                    Expr::Object(Object {
                        class: None,
                        members,
                    }),
                    span,
                );
            }
            "of" if is(self, LIST) || is(self, SET) => return self.list(values, span),
            "asList" if is(self, ARRAYS) => return self.list(values, span),
            "format" if is(self, STRING) => return self.format(&values, span),
            _ => {}
        }
        let (name, name_span) = (text.to_owned(), self.span(name));
        let callee = self.add(
            Expr::Member {
                object,
                name,
                name_span,
            },
            callee_span,
        );
        self.call(callee, values, false, span)
    }

    /// Whether an expression may name a class from outside the project (`Map` imported from
    /// `java.util`, `java.util.Map` written out).
    fn is_path(&self, expr: ExprId, path: &[&str]) -> bool {
        let program = self.out.program();
        let mut names = Vec::new();
        let mut current = expr;
        loop {
            match program.expr(current) {
                Expr::Member { object, name, .. } if names.len() < path.len() => {
                    names.push(name.as_str());
                    current = *object;
                }
                Expr::Global(candidates) => {
                    return candidates.iter().any(|candidate| {
                        let segments = candidate.iter().map(String::as_str);
                        candidate.len() + names.len() == path.len()
                            && segments
                                .chain(names.iter().rev().copied())
                                .eq(path.iter().copied())
                    });
                }
                _ => return false,
            }
        }
    }

    /// `X.builder().a(v).b(w, z).build()`: an object of class `X` with fields `a` and `b`.
    fn builder(&mut self, build: Node<'t>, object: Node<'t>) -> Option<ExprId> {
        let mut setters = Vec::new();
        let mut current = object;
        let class = loop {
            if current.kind() != "method_invocation" {
                return None;
            }
            let name = current.child_by_field_name("name")?;
            let arguments = current.child_by_field_name("arguments");
            let empty = arguments.is_none_or(|arguments| children(arguments).is_empty());
            let inner = current.child_by_field_name("object")?;
            match self.text(name) {
                "builder" if empty => break inner,
                // Another builder's end: the chain is not one builder.
                "build" if empty => return None,
                _ => setters.push((current, name, arguments)),
            }
            current = inner;
        };
        let class = self.head(class);
        let mut members = Vec::new();
        for (setter, name, arguments) in setters.into_iter().rev() {
            let values = self.arguments(arguments);
            let values_span = self.span(arguments.unwrap_or(setter));
            members.push(Member::Field {
                name: self.text(name).to_owned(),
                name_span: self.span(name),
                value: self.add(Expr::Arguments(values), values_span),
                span: Span::new(values_span.file, name.start_byte(), setter.end_byte()),
            });
        }
        let object = Object {
            class: Some(class),
            members,
        };
        Some(self.add(Expr::Object(object), self.span(build)))
    }

    fn list(&mut self, values: Vec<ExprId>, span: Span) -> ExprId {
        self.add(
            Expr::List(values.into_iter().map(Item::One).collect()),
            span,
        )
    }

    /// `Map.of(k, v, …)`, and `Map.entry(k, v)` as a map of one entry.
    fn map(&mut self, values: &[ExprId], span: Span) -> ExprId {
        if !values.len().is_multiple_of(2) {
            return self.opaque("a map of an odd number of keys and values", span);
        }
        let program = self.out.program();
        let entry = |pair: &[ExprId]| {
            let (key, value) = (pair[0], pair[1]);
            let (key_span, value_span) = (program.span(key), program.span(value));
            let span = key_span.to(value_span);
            match program.expr(key) {
                Expr::Str(name) => Member::Field {
                    name: name.clone(),
                    name_span: key_span,
                    value,
                    span,
                },
                _ => Member::Computed { key, value, span },
            }
        };
        let members = values.chunks(2).map(entry).collect();
        self.add(
            Expr::Object(Object {
                class: None,
                members,
            }),
            span,
        )
    }

    fn format(&mut self, values: &[ExprId], span: Span) -> ExprId {
        let Some(Expr::Str(format)) = values.first().map(|f| self.out.program().expr(*f).clone())
        else {
            return self.opaque("a format that is not a string literal", span);
        };
        let mut parts = Vec::new();
        let mut rest = values.iter().skip(1);
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            match (c, if c == '%' { chars.next() } else { None }) {
                ('%', Some('%')) => push_text(&mut parts, "%"),
                ('%', Some('n')) => push_text(&mut parts, "\n"),
                ('%', Some('s' | 'd')) => match rest.next() {
                    Some(value) => parts.push(Part::Value(*value)),
                    None => return self.opaque("`String.format` with too few arguments", span),
                },
                ('%', _) => {
                    let reason = "a `String.format` verb other than %s, %d, %n and %%";
                    return self.opaque(reason, span);
                }
                _ => push_text(&mut parts, c.encode_utf8(&mut [0; 4])),
            }
        }
        self.add(Expr::Template(parts), span)
    }
}

/// A text block's value, from what its delimiters hold: its lines without the indentation
/// they share (the closing delimiter's line counts) nor trailing spaces, escapes decoded.
fn text_block(inner: &str) -> String {
    // The opening delimiter's line holds nothing of the value.
    let content = inner.find('\n').map_or("", |newline| &inner[newline + 1..]);
    let lines: Vec<&str> = content
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let blank = |line: &str| line.trim().is_empty();
    let indent = (lines.iter().enumerate())
        .filter(|(index, line)| *index + 1 == lines.len() || !blank(line))
        .map(|(_, line)| line.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0);
    let strip = |line: &str| match line.char_indices().nth(indent) {
        Some((start, _)) if !blank(line) => line[start..].trim_end().to_owned(),
        _ => String::new(),
    };
    unescape(&lines.into_iter().map(strip).collect::<Vec<_>>().join("\n"))
}

/// A string literal's text with its escapes decoded.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('b') => '\u{8}',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('f') => '\u{c}',
            Some('r') => '\r',
            Some('s') => ' ',
            // A text block's line continuation.
            Some('\n') => continue,
            Some('\r') => {
                chars.next_if_eq(&'\n');
                continue;
            }
            Some('u') => {
                while chars.next_if_eq(&'u').is_some() {}
                let hex: String = (0..4)
                    .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                    .collect();
                let code = u32::from_str_radix(&hex, 16).ok();
                code.and_then(char::from_u32).unwrap_or('\u{fffd}')
            }
            Some(digit @ '0'..='7') => {
                let most = if digit <= '3' { 2 } else { 1 };
                let mut code = digit.to_digit(8).unwrap_or(0);
                for _ in 0..most {
                    match chars.next_if(|c| ('0'..='7').contains(c)) {
                        Some(next) => code = code * 8 + next.to_digit(8).unwrap_or(0),
                        None => break,
                    }
                }
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            Some(other) => other,
            None => '\\',
        };
        out.push(decoded);
    }
    out
}

#[cfg(test)]
mod tests;
