//! Lowering of Java. A project is one module: any file may name any class of the project, by
//! its simple name within its package or once imported, by its fully qualified name anywhere.
//!
//! Java keeps variables, methods and types apart, so a scope holds up to three bindings per
//! name. A class's members are declared before any code is lowered, as Java lets code use them
//! before their declaration; a local variable's scope starts at its declaration, as in Java, so
//! that code before it sees the field of the same name. A class's value is an object of its
//! members. A builder (`X.builder().a(v).build()`) is an object of class `X` whose fields hold
//! the setters' arguments; `Map.of`, `List.of` and `String.format` are the values they make,
//! and `get` on such a map or list is an index.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::{
    Conversion, Escapes, Language, Source, Turn, Unread, among, appending, child_of_kind, children,
    field, has_child, leaves_early, printf, sum_operands, unescape, unread_language,
};
use crate::frontend::UnitFile;
use crate::frontend::program::eval::MAX_DEPTH;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{
    Argument, BindingId, BindingValue, Expr, ExprId, Function, FunctionId, Item, Lowerer, Member,
    Runs,
};
use crate::model::Unchecked;
use crate::source::Span;

pub struct Java;

impl Language for Java {
    fn name(&self) -> &'static str {
        "Java"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter::Language::from(tree_sitter_java::LANGUAGE)
    }

    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String> {
        match has_program_file(project) {
            true => Ok(vec![PathBuf::new()]),
            false => Err(
                "the project has no Java source file (`.java`) outside `src/test`, \
                          `target` and `build`"
                    .to_owned(),
            ),
        }
    }

    fn unread(&self, project: &ProgramFiles) -> Option<Unchecked> {
        let others = [
            ("kt", "Kotlin"),
            ("kts", "Kotlin"),
            ("scala", "Scala"),
            ("groovy", "Groovy"),
        ];
        match has_program_file(project) {
            true => None,
            false => unread_language(project, &others),
        }
    }

    fn files<'a>(&self, project: &ProgramFiles<'a>, _module: &Path) -> Vec<UnitFile<'a>> {
        let mut files: Vec<UnitFile<'a>> = project.sources.to_vec();
        files.retain(|file| is_program_file(project, file));
        files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        files
    }

    fn resolve(&self, _project: &ProgramFiles, _from: &Path, _specifier: &str) -> Option<PathBuf> {
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
                    lower.declare_class(node, Some(&packages[file]));
                }
            }
        }
        for (file, source) in sources.iter().enumerate() {
            (lower.source, lower.file) = (source, file);
            lower.lower_file(&packages[file]);
        }
        lower.index_gets();
    }
}

/// Whether a file is a `.java` file of the program: not a test's, not a build's output.
fn is_program_file(project: &ProgramFiles, file: &UnitFile) -> bool {
    let path = &file.source.path;
    if path.extension().is_none_or(|extension| extension != "java") {
        return false;
    }
    let relative = path.strip_prefix(&project.directory).unwrap_or(path);
    let names: Vec<&str> = relative.iter().filter_map(|name| name.to_str()).collect();
    // A package may be called `build`; a directory of that name above `src` is Gradle's.
    let mut above_src = names.iter().take_while(|name| **name != "src");
    let built = above_src.any(|name| matches!(*name, "target" | "build"));
    !built && !names.windows(2).any(|pair| pair == ["src", "test"])
}

fn has_program_file(project: &ProgramFiles) -> bool {
    (project.sources.iter()).any(|file| is_program_file(project, file))
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
    let declared = kind.strip_suffix("_declaration").unwrap_or_default();
    ["class", "interface", "enum", "record", "annotation_type"].contains(&declared)
}

const EXPRESSIONS: &str = "assignment_expression binary_expression cast_expression \
    instanceof_expression lambda_expression ternary_expression unary_expression \
    update_expression switch_expression array_access array_creation_expression array_initializer \
    class_literal field_access identifier method_invocation method_reference \
    object_creation_expression parenthesized_expression template_expression this super \
    string_literal character_literal true false null_literal";

fn is_expression(kind: &str) -> bool {
    is_number(kind) || among(EXPRESSIONS, kind)
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
    child_of_kind(member, "modifiers").is_some_and(|modifiers| has_child(modifiers, "static"))
}

fn no_arguments(arguments: Option<Node>) -> bool {
    arguments.is_none_or(|arguments| children(arguments).is_empty())
}

fn operator<'t>(node: Node<'t>) -> &'t str {
    field(node, "operator").map_or("", |operator| operator.kind())
}

/// What the standard library's factories make.
#[derive(Clone, Copy)]
enum Factory {
    /// `Map.of(k, v, …)`, and `Map.entry(k, v)` as a map of one entry.
    Map,
    /// `Map.ofEntries(e, …)`: a map of every entry.
    Entries,
    List,
    Format,
}

const FACTORIES: &[(&[&str], Factory)] = &[
    (&["java", "util", "Map", "of"], Factory::Map),
    (&["java", "util", "Map", "entry"], Factory::Map),
    (&["java", "util", "Map", "ofEntries"], Factory::Entries),
    (&["java", "util", "List", "of"], Factory::List),
    (&["java", "util", "Set", "of"], Factory::List),
    (&["java", "util", "Arrays", "asList"], Factory::List),
    (&["java", "util", "stream", "Stream", "of"], Factory::List),
    (&["java", "lang", "String", "format"], Factory::Format),
];

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CONDITIONAL: &str = "inside a conditional expression, which may not run";
const LOGICAL: &str = "on the right of `&&` or `||`, which may not run";
const CATCH: &str = "inside a `catch`, which runs only on an error";
const ASSERT: &str = "inside an `assert`, which runs only when assertions are enabled";
const INSTANCE: &str = "in an instance initialiser, which runs once for each object made";
const UNPARSED: &str = "code that does not parse";
/// What may end a turn of a loop early.
const JUMPS: &str = "break_statement continue_statement return_statement yield_statement";

/// Real files import a handful of packages on demand; each is a candidate for every name not
/// otherwise found, so a hostile file's thousands would make the program that many times larger.
const MAX_WILDCARD_IMPORTS: usize = 64;

/// Java's namespaces, which index a name's [`Names`] entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Var,
    Method,
    Type,
}

/// What each name means in one scope, in each namespace.
type Names = HashMap<String, [Option<BindingId>; 3]>;

fn bind(names: &mut Names, name: &str, ns: Ns, binding: BindingId) {
    names.entry(name.to_owned()).or_default()[ns as usize] = Some(binding);
}

fn lookup(names: &Names, name: &str, ns: Ns) -> Option<BindingId> {
    names.get(name)?[ns as usize]
}

/// The imports of the file being lowered.
#[derive(Default)]
struct Imports {
    package: String,
    types: HashMap<String, Vec<String>>,
    statics: HashMap<String, Vec<String>>,
    /// `import a.b.*;` as `a.b`.
    wildcards: Vec<String>,
}

/// Where the code being lowered runs.
#[derive(Clone, Copy, Default)]
struct Context {
    function: Option<FunctionId>,
    maybe: Option<&'static str>,
    /// How many loops enclose the code: a variable declared outside one is assigned many times.
    loops: usize,
    /// How many branches, loops and functions enclose the code.
    nesting: usize,
    /// In the body of a `for (var x : list)` that no jump may cut short: the list, `x`, and
    /// the nesting of the body.
    turn: Option<Turn>,
}

struct Lower<'t, 'l, 'p> {
    out: &'l mut Lowerer<'p>,
    source: &'t Source<'t>,
    file: usize,
    /// Declared classes, by file and their declaration's node.
    declared: HashMap<(usize, usize), BindingId>,
    /// The classes of the project by their fully qualified name.
    fqns: HashMap<String, BindingId>,
    /// The most segments a fully qualified name of the project has.
    longest: usize,
    imports: Imports,
    scopes: Vec<Names>,
    /// The classes being lowered, innermost last: their scope's index and their binding.
    this: Vec<(usize, Option<BindingId>)>,
    ctx: Context,
    /// The values returned in the function being lowered.
    returns: Vec<ExprId>,
    /// How many loops, and branches, loops and functions, enclose each local's declaration.
    depths: HashMap<BindingId, (usize, usize)>,
    /// The maps and lists the standard library's factories make.
    collections: HashSet<ExprId>,
    /// Each `receiver.get(index)` call, an index if the receiver holds a map or a list.
    gets: Vec<(ExprId, ExprId, ExprId)>,
}

impl<'t, 'l, 'p> Lower<'t, 'l, 'p> {
    fn new(out: &'l mut Lowerer<'p>, source: &'t Source<'t>) -> Self {
        Lower {
            out,
            source,
            file: 0,
            declared: HashMap::new(),
            fqns: HashMap::new(),
            longest: 0,
            imports: Imports::default(),
            scopes: Vec::new(),
            this: Vec::new(),
            ctx: Context::default(),
            returns: Vec::new(),
            depths: HashMap::new(),
            collections: HashSet::new(),
            gets: Vec::new(),
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

    fn member(&mut self, object: ExprId, name: Node<'t>, span: Span) -> ExprId {
        let member = Expr::member(object, self.text(name), self.span(name));
        self.add(member, span)
    }

    /// A map or a list a factory of the standard library makes.
    fn collection(&mut self, expr: Expr, span: Span) -> ExprId {
        let id = self.add(expr, span);
        self.collections.insert(id);
        id
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
        self.ctx.nesting += 1;
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

    /// Declares a class, and the classes nested in it, by the qualified name of the package or
    /// class it is declared in (none for a local class, which has no name outside).
    fn declare_class(&mut self, node: Node<'t>, outer: Option<&str>) -> BindingId {
        let name_node = field(node, "name").unwrap_or(node);
        let (name, binding) = (self.text(name_node), self.declare(name_node));
        self.declared.insert((self.file, node.id()), binding);
        let fqn = match outer {
            Some("") => name.to_owned(),
            Some(outer) => format!("{outer}.{name}"),
            None => return binding,
        };
        self.longest = self.longest.max(fqn.split('.').count());
        self.fqns.entry(fqn.clone()).or_insert(binding);
        let body = field(node, "body");
        for member in body.map(members).unwrap_or_default() {
            if is_class(member.kind()) {
                self.declare_class(member, Some(&fqn));
            }
        }
        binding
    }

    /// Declares the members of a class in a scope of their own (Java lets code use them before
    /// their declaration), and says which methods are overloaded.
    fn declare_members(&mut self, decl: Node<'t>, body: Node<'t>) -> (Names, HashSet<&'t str>) {
        let mut names = Names::new();
        let mut overloaded = HashSet::new();
        if decl.kind() == "record_declaration"
            && let Some(parameters) = field(decl, "parameters")
        {
            for component in self.parameter_names(parameters) {
                let binding = self.declare_unknown(component, "a record's component");
                bind(&mut names, self.text(component), Ns::Var, binding);
            }
        }
        for member in members(body) {
            let name_node = field(member, "name").unwrap_or(member);
            let name = self.text(name_node);
            match member.kind() {
                "field_declaration" | "constant_declaration" => {
                    for declarator in declarators(member) {
                        if let Some(name) = field(declarator, "name") {
                            bind(&mut names, self.text(name), Ns::Var, self.declare(name));
                        }
                    }
                }
                "method_declaration" => match lookup(&names, name, Ns::Method) {
                    None => bind(&mut names, name, Ns::Method, self.declare(name_node)),
                    // Which of two methods of one name a call runs depends on types.
                    Some(method) if overloaded.insert(name) => {
                        let reason = format!(
                            "`{name}` is overloaded: which method runs depends on the arguments' types"
                        );
                        self.out.unknown(method, reason);
                    }
                    Some(_) => {}
                },
                "enum_constant" => {
                    let constant = self.declare_unknown(name_node, "an enum constant");
                    bind(&mut names, name, Ns::Var, constant);
                }
                kind if is_class(kind) => {
                    let declared = self.declared.get(&(self.file, member.id())).copied();
                    let class = declared.unwrap_or_else(|| self.declare_class(member, None));
                    bind(&mut names, name, Ns::Type, class);
                }
                _ => {}
            }
        }
        (names, overloaded)
    }

    /// The names of a method's or a lambda's parameters.
    fn parameter_names(&self, parameters: Node<'t>) -> Vec<Node<'t>> {
        let name = |node: Node<'t>| match node.kind() {
            "formal_parameter" => field(node, "name"),
            "spread_parameter" => children(node)
                .into_iter()
                .find(|child| child.kind() == "variable_declarator")
                .and_then(|declarator| field(declarator, "name")),
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

    fn declare(&mut self, name: Node<'t>) -> BindingId {
        self.out.declare(self.text(name), self.span(name))
    }

    /// Declares a name whose value the lowering does not know.
    fn declare_unknown(&mut self, name: Node<'t>, reason: &str) -> BindingId {
        let binding = self.declare(name);
        self.out.unknown(binding, reason);
        binding
    }

    fn declare_local(&mut self, name: Node<'t>) -> BindingId {
        let binding = self.declare(name);
        self.local(self.text(name), binding)
    }

    /// Puts a variable in the innermost scope, as declared inside the loops around it.
    fn local(&mut self, name: &str, binding: BindingId) -> BindingId {
        self.depths
            .insert(binding, (self.ctx.loops, self.ctx.nesting));
        if let Some(scope) = self.scopes.last_mut() {
            bind(scope, name, Ns::Var, binding);
        }
        binding
    }

    /// A local variable the code gives a value the lowering does not know (a loop's, a
    /// pattern's, an exception caught).
    fn unknown_local(&mut self, name: Option<Node<'t>>, reason: &str) {
        if let Some(name) = name.filter(|name| name.kind() == "identifier") {
            let local = self.declare_local(name);
            self.out.unknown(local, reason);
        }
    }

    /// The variable of this name the innermost scope declares.
    fn find_local(&self, name: &str) -> Option<BindingId> {
        lookup(self.scopes.last()?, name, Ns::Var)
    }

    /// Gives a name declared earlier a value: in a loop it is given many.
    fn assign_to(&mut self, binding: BindingId, value: ExprId) {
        if self.ctx.loops > self.depths.get(&binding).map_or(0, |d| d.0) {
            self.out.unknown(binding, "assigned in a loop");
        } else {
            self.out.assign(binding, value);
        }
    }

    /// Makes a variable unknown: the code changes it otherwise than by giving it a value.
    fn changed(&mut self, binding: BindingId, how: &str) {
        let name = &self.out.program().binding(binding).name;
        let reason = format!("`{name}` {how}");
        self.out.unknown(binding, reason);
    }

    // Names.

    fn import(&mut self, node: Node<'t>) {
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
        if has_child(node, "asterisk") {
            if self.imports.wildcards.len() < MAX_WILDCARD_IMPORTS {
                self.imports.wildcards.push(path.join("."));
            }
        } else if let Some(last) = path.last().cloned() {
            let imports = match has_child(node, "static") {
                true => &mut self.imports.statics,
                false => &mut self.imports.types,
            };
            imports.insert(last, path);
        }
    }

    /// A name as Java finds it: in the scopes (innermost first) and static imports, then as a
    /// type in the scopes, the imports, the file's package and the packages imported on demand.
    fn find(&mut self, name: &str, ns: Ns, span: Span) -> Option<ExprId> {
        let scoped = |lower: &Self, ns| {
            (lower.scopes.iter().rev()).find_map(|scope| lookup(scope, name, ns))
        };
        let found = if let Some(binding) = scoped(self, ns) {
            Expr::Name(binding)
        } else if let Some(path) = self.imports.statics.get(name).filter(|_| ns != Ns::Type) {
            let (member, class) = path.split_last()?;
            match self.fqns.get(&class.join(".")) {
                // A static member of a class of the project.
                Some(class) => Expr::member(self.out.add(Expr::Name(*class), span), member, span),
                None => Expr::Global(vec![path.clone()]),
            }
        } else if ns == Ns::Method {
            return None;
        } else if let Some(binding) = scoped(self, Ns::Type) {
            Expr::Name(binding)
        } else if let Some(path) = self.imports.types.get(name) {
            match self.fqns.get(&path.join(".")) {
                Some(class) => Expr::Name(*class),
                None => Expr::Global(vec![path.clone()]),
            }
        } else {
            let in_package = |package: &String| {
                let fqn = format!("{package}.{name}");
                self.fqns.get(fqn.trim_start_matches('.')).copied()
            };
            let mut wildcards = self.imports.wildcards.iter();
            let class =
                in_package(&self.imports.package).or_else(|| wildcards.find_map(in_package))?;
            Expr::Name(class)
        };
        Some(self.add(found, span))
    }

    fn name(&mut self, name: &str, ns: Ns, span: Span) -> ExprId {
        match self.find(name, ns, span) {
            Some(found) => found,
            None => self.global(name, span, false),
        }
    }

    /// A name from outside the project: in one of the packages imported on demand, in
    /// `java.lang`, or, where it starts a qualified name in lower case, a package.
    fn global(&mut self, name: &str, span: Span, head: bool) -> ExprId {
        let lower = name.starts_with(char::is_lowercase);
        let mut candidates = Vec::new();
        if !(head && lower) {
            for package in &self.imports.wildcards {
                let path = package.split('.').chain([name]);
                candidates.push(path.map(str::to_owned).collect());
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
        lookup(self.scopes.get(*scope)?, name, ns)
    }

    /// The first name of a qualified name (`a` of `a.b.C`, `Key` of `Key.builder()`), and how
    /// many of the names after it (`links`, innermost first) it took in: a project class's
    /// fully qualified name is read whole.
    fn chain_head(&mut self, head: Node<'t>, links: &[(Node<'t>, Node<'t>)]) -> (ExprId, usize) {
        let (name, span) = (self.text(head), self.span(head));
        let ns = match head.kind() {
            "type_identifier" => Ns::Type,
            _ => Ns::Var,
        };
        if let Some(found) = self.find(name, ns, span) {
            return (found, 0);
        }
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
        (self.global(name, span, true), 0)
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
        // Each `.name` with what it is a member of, outermost first.
        let mut links = Vec::new();
        let mut base = node;
        while let Some((name, inner)) = link(base) {
            links.push((base, name));
            base = inner;
        }
        let Some(&(first, first_name)) = links.last() else {
            return self.unknown(node, UNPARSED);
        };
        links.reverse();
        let field = match base.kind() {
            "this" => self.this_member(self.text(first_name), Ns::Var),
            _ => None,
        };
        let (mut expr, taken) = match (base.kind(), field) {
            ("identifier" | "type_identifier", _) => self.chain_head(base, &links),
            (_, Some(field)) => (self.add(Expr::Name(field), self.span(first)), 1),
            ("generic_type", _) => (self.lower_type(base), 0),
            _ => (self.lower_expr(base), 0),
        };
        for (prefix, name) in &links[taken..] {
            expr = self.member(expr, *name, self.span(*prefix));
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
        self.scopes = vec![Names::new()];
        self.ctx = Context::default();
        // Java writes a file's imports before its classes.
        for node in children(self.source.tree.root_node()) {
            match node.kind() {
                "import_declaration" => self.import(node),
                kind if is_class(kind) => self.lower_class(node),
                _ => self.lower_statement(node),
            }
        }
    }

    fn lower_class(&mut self, decl: Node<'t>) {
        let Some(body) = field(decl, "body") else {
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
        let binding = self.declared.get(&(self.file, decl.id())).copied();
        self.lower_body(decl, body, binding, bases);
    }

    fn anonymous(&mut self, body: Node<'t>) {
        self.lower_body(body, body, None, Vec::new());
    }

    /// Lowers a class's members and gives the class its value: an object of them.
    fn lower_body(
        &mut self,
        decl: Node<'t>,
        body: Node<'t>,
        binding: Option<BindingId>,
        bases: Vec<ExprId>,
    ) {
        let (names, overloaded) = self.declare_members(decl, body);
        let name = field(decl, "name").map(|name| self.text(name));
        let scope = self.scopes.len();
        self.scopes.push(names);
        self.this.push((scope, binding));
        let definition = self.ctx;
        let mut fields = Vec::new();
        let mut overloads = HashSet::new();
        let slot = |lower: &Self, name: &str, ns| lookup(&lower.scopes[scope], name, ns);
        for member in members(body) {
            let name_node = field(member, "name").unwrap_or(member);
            let (text, name_span) = (self.text(name_node), self.span(name_node));
            let kind = member.kind();
            if kind == "block"
                || (kind == "field_declaration"
                    && body.kind() != "interface_body"
                    && !is_static(member))
            {
                self.ctx = Context {
                    maybe: Some(INSTANCE),
                    ..Context::default()
                };
            }
            match kind {
                "field_declaration" | "constant_declaration" => {
                    for declarator in declarators(member) {
                        let value = field(declarator, "value");
                        let value = value.map(|value| self.lower_expr(value));
                        let Some(name) = field(declarator, "name") else {
                            continue;
                        };
                        let Some(binding) = slot(self, self.text(name), Ns::Var) else {
                            continue;
                        };
                        if let Some(value) = value {
                            self.assign_to(binding, value);
                        }
                        let (name_span, span) = (self.span(name), self.span(declarator));
                        let value = self.add(Expr::Name(binding), name_span);
                        fields.push(Member::field(self.text(name), name_span, value, span));
                    }
                }
                "method_declaration" => {
                    let function = self.function(member, Some(text), Vec::new());
                    // An overloaded method's binding is unknown already, and stays so.
                    if let Some(method) = slot(self, text, Ns::Method) {
                        self.out.assign(method, function);
                    }
                    if !overloaded.contains(text) {
                        fields.push(Member::field(text, name_span, function, self.span(member)));
                    } else if overloads.insert(text) {
                        let reason = format!("`{text}` is an overloaded method");
                        fields.push(Member::opaque(Some(text.to_owned()), reason));
                    }
                }
                "constructor_declaration" | "compact_constructor_declaration" => {
                    self.function(member, name, bases.clone());
                }
                "enum_constant" => {
                    self.arguments(field(member, "arguments"));
                    if let Some(body) = field(member, "body") {
                        self.anonymous(body);
                    }
                    fields.push(Member::opaque(Some(text.to_owned()), "an enum constant"));
                }
                kind if is_class(kind) => {
                    self.lower_class(member);
                    if let Some(class) = slot(self, text, Ns::Type) {
                        let value = self.add(Expr::Name(class), name_span);
                        fields.push(Member::field(text, name_span, value, self.span(member)));
                    }
                }
                _ => self.lower_statement(member),
            }
            self.ctx = definition;
        }
        self.scopes.pop();
        self.this.pop();
        if let Some(binding) = binding {
            let object = self.add(Expr::object(None, fields), self.span(decl));
            self.out.assign(binding, object);
        }
    }

    /// A method, a constructor or a lambda, with its parameters.
    fn function(&mut self, node: Node<'t>, name: Option<&'t str>, bases: Vec<ExprId>) -> ExprId {
        let runs = self.runs();
        let outer = (self.ctx, std::mem::take(&mut self.returns));
        // A method runs whenever it is called; a lambda sees the variables of its loop.
        if node.kind() != "lambda_expression" {
            self.ctx.loops = 0;
        }
        self.ctx.nesting += 1;
        self.scopes.push(Names::new());
        let parameters = field(node, "parameters");
        let parameters = parameters.map(|parameters| self.parameter_names(parameters));
        let mut ids = Vec::new();
        for parameter in parameters.unwrap_or_default() {
            let (text, span) = (self.text(parameter), self.span(parameter));
            let declarator = parameter.parent().and_then(|d| d.parent());
            let collects = declarator.is_some_and(|d| d.kind() == "spread_parameter");
            let binding = self
                .out
                .parameter(text, span, name.map(str::to_owned), collects);
            ids.push(self.local(text, binding));
        }
        let function = Function::new(name.map(str::to_owned), self.span(node), ids, bases, runs);
        let id = self.out.function(function);
        (self.ctx.function, self.ctx.maybe) = (Some(id), None);
        let result = match field(node, "body") {
            Some(body) if is_expression(body.kind()) => Some(self.lower_expr(body)),
            body => {
                self.lower_each(body);
                match self.returns[..] {
                    [value] => Some(value),
                    _ => None,
                }
            }
        };
        self.scopes.pop();
        (self.ctx, self.returns) = outer;
        self.out.set_result(id, result);
        self.add(Expr::Function(id), self.span(node))
    }

    // Statements.

    fn lower_statement(&mut self, node: Node<'t>) {
        match node.kind() {
            "return_statement" => {
                for expression in children(node) {
                    let value = self.lower_expr(expression);
                    self.returns.push(value);
                }
            }
            "local_variable_declaration" => {
                declarators(node).into_iter().for_each(|d| self.variable(d));
            }
            // `try (existing)`.
            "resource" if field(node, "name").is_none() => self.lower_unknown(node),
            "resource" => self.variable(node),
            "catch_formal_parameter" => {
                self.unknown_local(field(node, "name"), "a caught exception")
            }
            "block" | "constructor_body" | "try_statement" | "try_with_resources_statement" => {
                self.scoped(|lower| lower.lower_unknown(node));
            }
            "catch_clause" => self.nested(node, CATCH),
            "if_statement" => self.conditional(node, IF),
            "while_statement" | "do_statement" => self.nested(node, LOOP),
            "for_statement" => self.scoped(|lower| {
                let mut cursor = node.walk();
                let inits: Vec<Node> = node.children_by_field_name("init", &mut cursor).collect();
                lower.lower_each(inits.iter().copied());
                let rest = children(node)
                    .into_iter()
                    .filter(|child| !inits.contains(child));
                lower.branch(LOOP, |lower| lower.lower_each(rest));
            }),
            "enhanced_for_statement" => {
                let list = field(node, "value").map(|value| self.lower_expr(value));
                let body = field(node, "body");
                let whole = body.is_some_and(|body| !leaves_early(body, JUMPS));
                self.scoped(|lower| {
                    lower.branch(LOOP, |lower| {
                        let name = field(node, "name");
                        lower.unknown_local(name, "a loop variable");
                        let variable = name.and_then(|n| lower.find_local(lower.text(n)));
                        let turn = list.zip(variable.filter(|_| whole));
                        lower.ctx.turn = turn.map(|(l, v)| (l, v, lower.ctx.nesting));
                        lower.lower_each(body);
                    });
                });
            }
            "assert_statement" => self.nested(node, ASSERT),
            "method_declaration" | "constructor_declaration" => {
                let name = field(node, "name").map(|name| self.text(name));
                self.function(node, name, Vec::new());
            }
            kind if is_class(kind) => {
                let class = self.declare_class(node, None);
                let name = field(node, "name").map(|name| self.text(name));
                if let Some(name) = name
                    && let Some(scope) = self.scopes.last_mut()
                {
                    bind(scope, name, Ns::Type, class);
                }
                self.lower_class(node);
            }
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

    /// A local variable's declarator, or a `try`'s resource.
    fn variable(&mut self, node: Node<'t>) {
        let value = field(node, "value");
        let value = value.map(|value| self.lower_expr(value));
        let name = field(node, "name");
        if let Some(name) = name.filter(|name| name.kind() == "identifier") {
            let local = self.declare_local(name);
            if let Some(value) = value {
                self.out.assign(local, value);
            }
        }
    }

    /// Lowers what a node holds, in a scope of its own, as code that may not run.
    fn nested(&mut self, node: Node<'t>, reason: &'static str) {
        self.branch(reason, |lower| {
            lower.scoped(|lower| lower.lower_unknown(node))
        });
    }

    /// An `if` or a `?:`: the condition runs, one of the branches may.
    fn conditional(&mut self, node: Node<'t>, reason: &'static str) {
        self.lower_each(field(node, "condition"));
        let branches = ["consequence", "alternative"].map(|name| field(node, name));
        self.branch(reason, |lower| {
            lower.lower_each(branches.into_iter().flatten())
        });
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
                let inner = field(node, "value").or_else(|| children(node).last().copied());
                match inner {
                    Some(inner) => self.lower_expr(inner),
                    None => self.opaque(UNPARSED, span),
                }
            }
            "field_access" => match (field(node, "field"), field(node, "object")) {
                // `Outer.this`
                (Some(this), Some(object)) if this.kind() == "this" => self.lower_expr(object),
                _ => self.chain(node),
            },
            "array_access" => match (field(node, "array"), field(node, "index")) {
                (Some(array), Some(index)) => {
                    let (object, index) = (self.lower_expr(array), self.lower_expr(index));
                    self.add(Expr::Index { object, index }, span)
                }
                _ => self.unknown(node, UNPARSED),
            },
            "method_invocation" => self.invocation(node),
            "object_creation_expression" => self.creation(node),
            "array_creation_expression" => match field(node, "value") {
                Some(value) => self.lower_expr(value),
                None => self.unknown(node, "an array of a given length"),
            },
            "array_initializer" => {
                let items = self.arguments(Some(node));
                self.list(items, span)
            }
            "lambda_expression" => self.function(node, None, Vec::new()),
            "method_reference" => self.method_reference(node),
            "binary_expression" => self.binary(node),
            "unary_expression" => match field(node, "operand") {
                Some(operand) if operator(node) == "-" && is_number(operand.kind()) => {
                    self.add(Expr::Number(format!("-{}", self.text(operand))), span)
                }
                _ => self.unknown(node, format!("a `{}` expression", operator(node))),
            },
            "ternary_expression" => {
                self.conditional(node, CONDITIONAL);
                self.opaque("a conditional expression", span)
            }
            "assignment_expression" => self.assignment(node),
            "update_expression" => {
                for operand in children(node) {
                    if let Some(binding) = self.target(operand) {
                        self.changed(binding, "is incremented or decremented");
                    }
                }
                self.opaque("an increment or decrement", span)
            }
            "instanceof_expression" => {
                self.lower_each(field(node, "left"));
                self.unknown_local(field(node, "name"), "a pattern's variable");
                self.opaque("an `instanceof` test", span)
            }
            "switch_expression" => {
                self.lower_each(field(node, "condition"));
                if let Some(body) = field(node, "body") {
                    self.nested(body, SWITCH);
                }
                self.opaque("a `switch` expression", span)
            }
            "ERROR" => self.unknown(node, UNPARSED),
            kind => self.unknown(node, format!("a `{kind}`")),
        }
    }

    /// Lowers what an assignment changes, and gives the variable it names (`x`, `this.x`).
    fn target(&mut self, node: Node<'t>) -> Option<BindingId> {
        let target = self.lower_expr(node);
        match self.out.program().expr(target) {
            Expr::Name(binding) => Some(*binding),
            _ => None,
        }
    }

    fn assignment(&mut self, node: Node<'t>) -> ExprId {
        let operator = operator(node);
        let value = field(node, "right");
        let value = value.map(|right| self.lower_expr(right));
        let left = field(node, "left");
        match (left.and_then(|left| self.target(left)), value) {
            (Some(binding), Some(value)) if operator == "=" => self.assign_to(binding, value),
            (Some(binding), _) => self.changed(binding, &format!("is changed with `{operator}`")),
            (None, _) => {}
        }
        match value {
            Some(value) if operator == "=" => value,
            _ => self.opaque(format!("a `{operator}` assignment"), self.span(node)),
        }
    }

    fn binary(&mut self, node: Node<'t>) -> ExprId {
        if let Some(operands) = sum_operands(node) {
            let values = self.lower_all(operands);
            let joined = self.out.joined(values);
            return self.add(joined, self.span(node));
        }
        let operator = operator(node);
        self.lower_each(field(node, "left"));
        let right = field(node, "right");
        match operator {
            "&&" | "||" => self.branch(LOGICAL, |lower| lower.lower_each(right)),
            _ => self.lower_each(right),
        }
        self.opaque(format!("a `{operator}` expression"), self.span(node))
    }

    fn string(&mut self, node: Node<'t>) -> ExprId {
        let raw = self.text(node);
        // Java 21's string templates (`STR."\{x}"`), withdrawn since.
        if has_child(node, "string_interpolation") {
            return self.unknown(node, "a string template");
        }
        let value = match raw.strip_prefix("\"\"\"") {
            Some(block) => text_block(block.strip_suffix("\"\"\"").unwrap_or(block)),
            None => {
                let end = raw.len().saturating_sub(1).max(1);
                unescape(raw.get(1..end).unwrap_or_default(), &ESCAPES)
            }
        };
        self.add(Expr::Str(value), self.span(node))
    }

    fn arguments(&mut self, list: Option<Node<'t>>) -> Vec<ExprId> {
        self.lower_all(list.map(children).unwrap_or_default())
    }

    fn lower_all(&mut self, nodes: Vec<Node<'t>>) -> Vec<ExprId> {
        nodes
            .into_iter()
            .map(|node| self.lower_expr(node))
            .collect()
    }

    fn call(&mut self, callee: ExprId, values: Vec<ExprId>, new: bool, span: Span) -> ExprId {
        let arguments = values.into_iter().map(Argument::positional).collect();
        self.add(Expr::call(callee, arguments, new, self.runs()), span)
    }

    fn creation(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        let parts = children(node);
        // `outer.new Inner()`
        for outer in parts.iter().filter(|part| is_expression(part.kind())) {
            self.lower_expr(*outer);
        }
        let callee = match field(node, "type") {
            Some(class) => self.lower_type(class),
            None => self.opaque(UNPARSED, span),
        };
        let values = self.arguments(field(node, "arguments"));
        let call = self.call(callee, values, true, span);
        if let Some(body) = parts.into_iter().find(|part| part.kind() == "class_body") {
            self.anonymous(body);
            // Its members are not its project base class's: the object is not one of that class.
            if let Expr::Name(class) = self.out.program().expr(callee) {
                let reason = format!(
                    "an anonymous subclass of `{}`",
                    self.out.program().binding(*class).name
                );
                self.out.set(callee, Expr::Opaque(reason));
            }
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
        self.member(object, name, self.span(node))
    }

    fn invocation(&mut self, node: Node<'t>) -> ExprId {
        let span = self.span(node);
        let arguments = field(node, "arguments");
        let Some(name) = field(node, "name") else {
            return self.unknown(node, UNPARSED);
        };
        let text = self.text(name);
        let callee_span = Span::new(span.file, span.start, name.end_byte());
        let object = field(node, "object");
        let this_method = object
            .filter(|object| object.kind() == "this")
            .and_then(|_| self.this_member(text, Ns::Method));
        let (callee, receiver) = match (object, this_method) {
            (_, Some(method)) => (self.add(Expr::Name(method), callee_span), None),
            (None, None) => (self.name(text, Ns::Method, self.span(name)), None),
            (Some(object), None) => {
                if text == "build"
                    && no_arguments(arguments)
                    && let Some(built) = self.builder(node, object)
                {
                    return built;
                }
                let object = self.head(object);
                (self.member(object, name, callee_span), Some(object))
            }
        };
        let values = self.arguments(arguments);
        if let Some(made) = self.factory(callee, &values, span) {
            return made;
        }
        let first = arguments.and_then(|list| children(list).first().map(|a| self.text(*a)));
        let converts = match (text, &values[..]) {
            ("stream" | "toList", []) => true,
            ("collect", [_]) => first == Some("Collectors.toList()"),
            _ => false,
        };
        if converts && let Some(list) = self.out.same_list(callee) {
            return list;
        }
        let positional: Vec<Argument> = values.iter().copied().map(Argument::positional).collect();
        if text == "map"
            && let Some(map) = self.out.map_call(callee, &positional, span)
        {
            return map;
        }
        if let (Some(receiver), "add" | "addAll", [value]) = (receiver, text, &values[..]) {
            self.add_to(receiver, text, *value, span);
        }
        let index = match values[..] {
            [index] if text == "get" => Some(index),
            _ => None,
        };
        let call = self.call(callee, values, false, span);
        if let (Some(receiver), Some(index)) = (receiver, index) {
            self.gets.push((call, receiver, index));
        }
        call
    }

    /// `list.add(x)`, `list.addAll(xs)` on a local: what is added is added to the list it holds,
    /// where the call runs once for the list or once for each element of the loop around it.
    fn add_to(&mut self, receiver: ExprId, method: &str, value: ExprId, span: Span) {
        let Expr::Name(binding) = *self.out.program().expr(receiver) else {
            return;
        };
        let Some(&(_, declared)) = self.depths.get(&binding) else {
            return;
        };
        let Some(turn) = appending(Some(declared), self.ctx.nesting, self.ctx.turn) else {
            let reason = self.ctx.maybe.unwrap_or(LOOP);
            return self.changed(binding, &format!("is added to {reason}"));
        };
        let item = match method {
            "add" => Item::One(value),
            _ => Item::Spread(value),
        };
        self.out.append(binding, vec![item], turn, span);
    }

    /// What a factory of the standard library makes, when the callee is one.
    fn factory(&mut self, callee: ExprId, values: &[ExprId], span: Span) -> Option<ExprId> {
        let (_, factory) = FACTORIES
            .iter()
            .find(|(path, _)| self.is_path(callee, path))?;
        Some(match factory {
            Factory::Map => self.map(values, span),
            Factory::Entries => {
                let members = values.iter().copied().map(Member::Spread).collect();
                self.collection(Expr::object(None, members), span)
            }
            Factory::List => self.list(values.to_vec(), span),
            Factory::Format => self.format(values, span),
        })
    }

    /// Whether an expression may name something from outside the project (`Map.of` imported
    /// from `java.util`, or written out `java.util.Map.of`).
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
            (current.kind() == "method_invocation").then_some(())?;
            let name = field(current, "name")?;
            let arguments = field(current, "arguments");
            let inner = field(current, "object")?;
            match self.text(name) {
                "builder" if no_arguments(arguments) => break inner,
                // Another builder's end: the chain is not one builder.
                "build" if no_arguments(arguments) => return None,
                _ => setters.push((current, name, arguments)),
            }
            current = inner;
        };
        let class = self.head(class);
        let mut members = Vec::new();
        for (setter, name, arguments) in setters.into_iter().rev() {
            let values = self.arguments(arguments);
            let values_span = self.span(arguments.unwrap_or(setter));
            let value = self.add(Expr::Arguments(values), values_span);
            let span = Span::new(values_span.file, name.start_byte(), setter.end_byte());
            members.push(Member::field(self.text(name), self.span(name), value, span));
        }
        Some(self.add(Expr::object(Some(class), members), self.span(build)))
    }

    fn list(&mut self, values: Vec<ExprId>, span: Span) -> ExprId {
        let items = values.into_iter().map(Item::One).collect();
        self.collection(Expr::List(items), span)
    }

    fn map(&mut self, values: &[ExprId], span: Span) -> ExprId {
        if !values.len().is_multiple_of(2) {
            return self.opaque("a map of an odd number of keys and values", span);
        }
        let program = self.out.program();
        let entry = |pair: &[ExprId]| {
            let (key, value) = (pair[0], pair[1]);
            let key_span = program.span(key);
            let span = key_span.to(program.span(value));
            match program.expr(key) {
                Expr::Str(name) => Member::field(name, key_span, value, span),
                _ => Member::Computed { key, value, span },
            }
        };
        let members = values.chunks(2).map(entry).collect();
        self.collection(Expr::object(None, members), span)
    }

    fn format(&mut self, values: &[ExprId], span: Span) -> ExprId {
        let Some(Expr::Str(format)) = values.first().map(|f| self.out.program().expr(*f).clone())
        else {
            return self.opaque("a format that is not a string literal", span);
        };
        let verb = |verb| match verb {
            's' | 'd' => Some(Conversion::Value("")),
            'n' => Some(Conversion::Text("\n")),
            _ => None,
        };
        match printf(&format, &values[1..], verb) {
            Ok((parts, _)) => self.add(Expr::Template(parts), span),
            Err(Unread::TooFewValues) => {
                self.opaque("`String.format` with too few arguments", span)
            }
            Err(Unread::Conversion) => {
                let reason = "a `String.format` verb other than %s, %d, %n and %%";
                self.opaque(reason, span)
            }
        }
    }

    /// Makes each `get` whose receiver holds a map or a list of the standard library an
    /// index, now that every name has its value.
    fn index_gets(&mut self) {
        for (call, receiver, index) in std::mem::take(&mut self.gets) {
            let value = self.value_of(receiver, 0);
            if value.is_some_and(|value| self.collections.contains(&value)) {
                let object = receiver;
                self.out.set(call, Expr::Index { object, index });
            }
        }
    }

    /// What an expression holds, followed through names and the fields of classes.
    fn value_of(&self, expr: ExprId, depth: usize) -> Option<ExprId> {
        let program = self.out.program();
        match program.expr(expr) {
            _ if depth > MAX_DEPTH => None,
            Expr::Name(binding) => match program.binding(*binding).value {
                BindingValue::Value(value) => self.value_of(value, depth + 1),
                _ => None,
            },
            Expr::Member { object, name, .. } => {
                let object = self.value_of(*object, depth + 1)?;
                let Expr::Object(object) = program.expr(object) else {
                    return None;
                };
                for member in object.members.iter().rev() {
                    if let Member::Field {
                        name: field, value, ..
                    } = member
                        && field == name
                    {
                        return self.value_of(*value, depth + 1);
                    }
                }
                None
            }
            _ => Some(expr),
        }
    }
}

/// The last name of a qualified name (`c` of `a.b.c`) and what it qualifies.
fn link(node: Node) -> Option<(Node, Node)> {
    let (name, inner) = match node.kind() {
        "field_access" => (
            field(node, "field").filter(|field| field.kind() == "identifier")?,
            field(node, "object")?,
        ),
        "scoped_type_identifier" => {
            let parts: Vec<Node> = children(node)
                .into_iter()
                .filter(|part| !part.kind().ends_with("annotation"))
                .collect();
            (*parts.last()?, *parts.first()?)
        }
        _ => return None,
    };
    (name != inner).then_some((name, inner))
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
    unescape(
        &lines.into_iter().map(strip).collect::<Vec<_>>().join("\n"),
        &ESCAPES,
    )
}

/// Java's escapes: `\s`, a text block's line continuations, `\uuu0041`.
pub(super) const ESCAPES: Escapes = Escapes {
    simple: "b\u{8}t\tn\nf\u{c}r\rs ",
    continued: "\n\r",
    hex: &[('u', 1, 4)],
    octal: Some((1, 0o377)),
    repeats: true,
    replacement: true,
    ..Escapes::BASE
};

#[cfg(test)]
mod tests;
