//! The C# lowering. A C# project is one module: namespaces are global, a `using` names a
//! namespace rather than a file, and a class of any file is visible from every other, so the
//! files are lowered together, every file's classes (and their members' names) declared before
//! any is lowered.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use tree_sitter::Node;

use super::{
    Escapes, Language, Source, Turn, among, appending, child_of_kind, children, field,
    field_children, has_child, leaves_early, sum_operands, unescape, unread_language,
};
use crate::frontend::UnitFile;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{
    Argument, BindingId, BindingValue, Call, Expr, ExprId, Function, FunctionId, Item, Lowerer,
    Member, Part, Runs, push_text,
};
use crate::model::Unchecked;
use crate::source::{FileId, Span};

pub struct CSharp;

impl Language for CSharp {
    fn name(&self) -> &'static str {
        "C#"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter::Language::from(tree_sitter_c_sharp::LANGUAGE)
    }

    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String> {
        if self.files(project, Path::new("")).is_empty() {
            return Err("no C# source file (`.cs`) in the project".to_owned());
        }
        Ok(vec![PathBuf::new()])
    }

    fn unread(&self, project: &ProgramFiles) -> Option<Unchecked> {
        if !self.files(project, Path::new("")).is_empty() {
            return None;
        }
        unread_language(
            project,
            &[("fs", "F#"), ("fsx", "F#"), ("vb", "Visual Basic")],
        )
    }

    /// Every `.cs` file but the build's output (`bin/`, `obj/`, where generated sources live).
    fn files<'a>(&self, project: &ProgramFiles<'a>, _module: &Path) -> Vec<UnitFile<'a>> {
        let read = |path: &Path| {
            let relative = path.strip_prefix(&project.directory).unwrap_or(path);
            let mut directories = relative.parent().into_iter().flat_map(Path::components);
            let built =
                directories.any(|c| matches!(c, Component::Normal(n) if n == "bin" || n == "obj"));
            !built
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("cs"))
        };
        let sources = project.sources.iter().copied();
        let mut files: Vec<UnitFile<'a>> = sources.filter(|f| read(&f.source.path)).collect();
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
        let mut lowering = Lowering::new(lowerer, first);
        for source in sources {
            lowering.src = source;
            lowering.collect(source.tree.root_node(), "", None);
        }
        // What `collect` read: the `global using`s.
        lowering.global = std::mem::take(&mut lowering.context);
        for source in sources {
            lowering.src = source;
            lowering.context = lowering.global.clone();
            lowering.refresh();
            lowering.scopes = vec![HashMap::new()];
            lowering.predeclare(source.tree.root_node());
            lowering.inner(source.tree.root_node());
        }
    }
}

/// How many candidate paths the free names of a program may carry in all. A free name has a
/// path per `using`, so a hostile file with many of both would hold their product; past the
/// budget a free name is its own path only.
const CANDIDATE_BUDGET: usize = 200_000;

const UNPARSED: &str = "code that does not parse";
const COMPUTED: &str = "a property computed each time it is read";
const PREPROCESSOR: &str = "inside `#if`, which may not be compiled";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CATCH: &str = "inside a `catch`, which may not run";

/// What may end a turn of a loop early.
const JUMPS: &str = "break_statement continue_statement return_statement goto_statement \
    yield_statement";

/// Methods of the standard collections that change the collection they are called on.
const MUTATORS: &str = "Add AddRange Clear Insert InsertRange Remove RemoveAll RemoveAt \
    RemoveRange Reverse Sort TryAdd";

const TYPES: &str = "class_declaration struct_declaration record_declaration \
    interface_declaration enum_declaration delegate_declaration";

const STATEMENTS: &str = "block break_statement checked_statement continue_statement \
    do_statement empty_statement expression_statement fixed_statement for_statement \
    foreach_statement goto_statement if_statement labeled_statement local_declaration_statement \
    local_function_statement lock_statement return_statement switch_statement throw_statement \
    try_statement unsafe_statement using_statement while_statement yield_statement preproc_if";

const NAMES: &str =
    "identifier generic_name qualified_name alias_qualified_name member_access_expression";

const STRINGS: &str = "string_literal character_literal verbatim_string_literal \
    raw_string_literal interpolated_string_expression";

/// Expressions whose value is the one they hold (and the `=> value` of a body).
const WRAPPERS: &str = "parenthesized_expression await_expression checked_expression \
    ref_expression cast_expression as_expression arrow_expression_clause";

const ARRAYS: &str = "array_creation_expression implicit_array_creation_expression \
    stackalloc_expression implicit_stackalloc_expression";

/// Syntax that declares the variables its `name` fields hold, and why their values are unknown.
const DECLARING: &[(&str, &str)] = &[
    ("declaration_expression", "an `out` variable"),
    ("catch_declaration", "a caught exception"),
    ("from_clause", "a query variable"),
    ("declaration_pattern", "a pattern variable"),
    ("recursive_pattern", "a pattern variable"),
    ("var_pattern", "a pattern variable"),
    ("list_pattern", "a pattern variable"),
    ("parenthesized_variable_designation", "a pattern variable"),
];

/// A class (struct, record, interface, enum, delegate) of the project.
struct Class {
    binding: BindingId,
    full_name: String,
    /// Its members by name (a method's overloads share one).
    members: HashMap<String, BindingId>,
}

/// What the names of a file resolve against: its `using`s and namespace.
#[derive(Clone, Default)]
struct Context {
    usings: Vec<Vec<String>>,
    aliases: HashMap<String, Vec<String>>,
    namespace: Vec<String>,
    /// Where a class name is looked up, in order: the enclosing namespaces and the `using`s
    /// that hold project classes, then the global namespace.
    bases: Vec<String>,
}

/// An element of an initialiser: `A = v`, `["k"] = v` or `{ "k", v }` (the key `None` where it
/// does not parse), or a value (`{ a, b }`).
enum Element<'s> {
    Named(Node<'s>, Node<'s>),
    Keyed(Option<Node<'s>>, Node<'s>),
    Plain,
}

struct Lowering<'s, 'l, 'p> {
    out: &'l mut Lowerer<'p>,
    src: &'s Source<'s>,
    classes: Vec<Class>,
    /// Every namespace and class full name and their prefixes, with the class a name names: a
    /// dotted name is looked up only while it can still name a class.
    by_name: HashMap<String, Option<usize>>,
    by_node: HashMap<(FileId, usize), usize>,
    by_binding: HashMap<BindingId, usize>,
    global: Context,
    context: Context,
    scopes: Vec<HashMap<String, BindingId>>,
    /// The classes being lowered, innermost last.
    enclosing: Vec<usize>,
    /// How many loops, and branches, loops and functions, enclose each local's declaration.
    depths: HashMap<BindingId, (u32, usize)>,
    loops: u32,
    /// How many branches, loops and functions enclose the code being lowered.
    nesting: usize,
    /// In the body of a `foreach (var x in list)` that no jump may cut short: the list, `x`,
    /// and the nesting of the body.
    turn: Option<Turn>,
    runs: Runs,
    /// The `return`s with a value of the function being lowered: how many, and the last.
    returns: Option<(usize, Option<ExprId>)>,
    budget: usize,
}

fn is_expression(kind: &str) -> bool {
    kind.ends_with("_expression")
        || kind.ends_with("_literal")
        || among(
            "identifier generic_name qualified_name predefined_type",
            kind,
        )
}

/// A dotted name inside another (the global namespace's is empty).
fn join(prefix: &str, name: &str) -> String {
    match prefix {
        "" => name.to_owned(),
        _ => format!("{prefix}.{name}"),
    }
}

/// The members of a class body, those inside `#if` included.
fn flatten(body: Node) -> Vec<Node> {
    let mut members = Vec::new();
    for member in children(body) {
        match member.kind() {
            "preproc_if" | "preproc_elif" | "preproc_else" => members.extend(flatten(member)),
            _ => members.push(member),
        }
    }
    members
}

pub(super) const ESCAPES: Escapes = Escapes {
    simple: "n\nt\tr\r0\0a\u{7}b\u{8}f\u{c}v\u{b}e\u{1b}",
    hex: &[('x', 1, 4), ('u', 4, 4), ('U', 8, 8)],
    ..Escapes::BASE
};

/// A multi-line raw string's text: without its first and last lines, and each line without
/// the last line's indentation.
fn dedent(parts: &mut Vec<Part>) {
    let opens = matches!(parts.first(), Some(Part::Text(t)) if t.trim_start_matches('\r').starts_with('\n'));
    let Some(Part::Text(last)) = parts.last() else {
        return;
    };
    let indent = last.rsplit('\n').next().unwrap_or_default().to_owned();
    if !opens || !indent.trim().is_empty() {
        return;
    }
    if let Some(Part::Text(first)) = parts.first_mut() {
        first.drain(..first.find('\n').map_or(0, |end| end + 1));
    }
    if let Some(Part::Text(last)) = parts.last_mut() {
        last.truncate(last.rfind('\n').unwrap_or(0));
        last.truncate(last.trim_end_matches('\r').len());
    }
    let mut line_start = true;
    for part in parts.iter_mut() {
        let Part::Text(text) = part else {
            line_start = false;
            continue;
        };
        let mut dedented = String::with_capacity(text.len());
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let strip = number > 0 || line_start;
            let stripped = line.strip_prefix(&*indent).unwrap_or(line.trim_start());
            dedented.push_str(if strip { stripped } else { line });
        }
        line_start = text.ends_with('\n') || (text.is_empty() && line_start);
        *text = dedented;
    }
    parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
}

impl<'s, 'l, 'p> Lowering<'s, 'l, 'p> {
    fn new(out: &'l mut Lowerer<'p>, src: &'s Source<'s>) -> Self {
        Lowering {
            out,
            src,
            classes: Vec::new(),
            by_name: HashMap::new(),
            by_node: HashMap::new(),
            by_binding: HashMap::new(),
            global: Context::default(),
            context: Context::default(),
            scopes: Vec::new(),
            enclosing: Vec::new(),
            depths: HashMap::new(),
            loops: 0,
            nesting: 0,
            turn: None,
            runs: Runs::Once,
            returns: None,
            budget: CANDIDATE_BUDGET,
        }
    }

    fn text(&self, node: Node<'s>) -> &'s str {
        let src: &'s Source<'s> = self.src;
        src.text(node)
    }

    /// A name without its type arguments.
    fn simple(&self, node: Node<'s>) -> &'s str {
        match node.kind() {
            "generic_name" => children(node).first().map_or("", |n| self.text(*n)),
            _ => self.text(node),
        }
    }

    fn add(&mut self, expr: Expr, node: Node<'s>) -> ExprId {
        let span = self.src.span(node);
        self.out.add(expr, span)
    }

    fn opaque(&mut self, reason: &str, node: Node<'s>) -> ExprId {
        self.add(Expr::opaque(reason), node)
    }

    fn lower(&mut self, node: Option<Node<'s>>) -> Option<ExprId> {
        node.map(|n| self.expr(n))
    }

    fn expr_or(&mut self, node: Option<Node<'s>>, at: Node<'s>) -> ExprId {
        match node {
            Some(node) => self.expr(node),
            None => self.opaque(UNPARSED, at),
        }
    }

    /// An object's member named by a node.
    fn named(&self, name: Node<'s>, value: ExprId, span: Span) -> Member {
        let (text, name_span) = (self.simple(name).to_owned(), self.src.span(name));
        Member::field(text, name_span, value, span)
    }

    /// The class of the project a type declaration declares.
    fn class_of(&self, declaration: Node<'s>) -> Option<usize> {
        (self.by_node.get(&(self.src.file.id, declaration.id()))).copied()
    }

    /// A namespace's or a `using`'s segments, without `global::` and type arguments.
    fn segments(&self, mut node: Node<'s>) -> Vec<String> {
        let mut segments = Vec::new();
        loop {
            segments.extend(field(node, "name").map(|n| self.simple(n).to_owned()));
            match (node.kind(), field(node, "qualifier")) {
                ("qualified_name", Some(qualifier)) => node = qualifier,
                ("alias_qualified_name", _) => {
                    let alias = field(node, "alias").map(|a| self.text(a));
                    segments.extend(alias.filter(|a| *a != "global").map(str::to_owned));
                    break;
                }
                ("qualified_name", None) => break,
                _ => {
                    segments.push(self.simple(node).to_owned());
                    break;
                }
            }
        }
        segments.reverse();
        segments
    }

    /// Declares the classes of a file (in its namespaces, classes and `#if`s) and the names of
    /// their members, so that any file may name them, and reads its `global using`s. `class` is
    /// the class whose body `node` is.
    fn collect(&mut self, node: Node<'s>, container: &str, class: Option<usize>) {
        let mut container = container.to_owned();
        for child in children(node) {
            let name = field(child, "name");
            let full_name = name.map(|n| join(&container, &self.segments(n).join(".")));
            match (child.kind(), name.zip(full_name)) {
                ("file_scoped_namespace_declaration", Some((_, full_name))) => {
                    container = full_name
                }
                ("namespace_declaration", Some((_, full_name))) => {
                    if let Some(body) = field(child, "body") {
                        self.collect(body, &full_name, None);
                    }
                }
                ("using_directive", _) if self.text(child).starts_with("global") => {
                    self.using(child)
                }
                (kind, Some((name, full_name))) if among(TYPES, kind) => {
                    let index = match self.by_name.get(&full_name).copied().flatten() {
                        Some(index) => index,
                        None => self.declare_class(name, full_name.clone()),
                    };
                    self.by_node.insert((self.src.file.id, child.id()), index);
                    let binding = self.classes[index].binding;
                    if let Some(outer) = class {
                        self.declare_member(outer, name, Some(binding));
                    }
                    if let Some(body) = field(child, "body") {
                        self.collect(body, &full_name, Some(index));
                    }
                }
                ("preproc_if" | "preproc_elif" | "preproc_else" | "ERROR", _) => {
                    self.collect(child, &container, class)
                }
                ("constructor_declaration" | "destructor_declaration", _) => {}
                _ => {
                    let Some(class) = class else {
                        continue;
                    };
                    let declarations = children(child).into_iter();
                    let declarations = declarations.filter(|k| k.kind() == "variable_declaration");
                    let declarators = declarations
                        .flat_map(children)
                        .filter_map(|d| field(d, "name"));
                    for name in name.into_iter().chain(declarators) {
                        self.declare_member(class, name, None);
                    }
                }
            }
        }
    }

    /// Declares the name of a member of a class (a nested class's is its binding): a method's
    /// overloads share the binding of the first.
    fn declare_member(&mut self, class: usize, name: Node<'s>, binding: Option<BindingId>) {
        if self.classes[class].members.contains_key(self.text(name)) {
            return;
        }
        let (text, span) = (self.text(name), self.src.span(name));
        let binding = binding.unwrap_or_else(|| self.out.declare(text, span));
        self.classes[class].members.insert(text.to_owned(), binding);
    }

    fn declare_class(&mut self, name: Node<'s>, full_name: String) -> usize {
        let binding = self.out.declare(self.text(name), self.src.span(name));
        let mut prefix = String::new();
        for segment in full_name.split('.') {
            prefix = join(&prefix, segment);
            self.by_name.entry(prefix.clone()).or_default();
        }
        let index = self.classes.len();
        self.by_name.insert(full_name.clone(), Some(index));
        self.by_binding.insert(binding, index);
        let members = HashMap::new();
        self.classes.push(Class {
            binding,
            full_name,
            members,
        });
        index
    }

    /// A `using` directive: a namespace (or a `static` class) searched for free names, or an
    /// alias.
    fn using(&mut self, node: Node<'s>) {
        let alias = field(node, "name");
        let target = children(node).into_iter().rfind(|k| Some(*k) != alias);
        let Some(segments) = target.map(|t| self.segments(t)) else {
            return;
        };
        match alias.map(|a| self.text(a).to_owned()) {
            Some(alias) => _ = self.context.aliases.insert(alias, segments),
            None => self.context.usings.push(segments),
        }
    }

    /// Recomputes where class names are looked up, after the namespace or `using`s changed.
    fn refresh(&mut self) {
        let context = &self.context;
        let namespaces = (1..=context.namespace.len())
            .rev()
            .map(|n| context.namespace[..n].join("."));
        let usings = context.usings.iter().map(|u| u.join("."));
        let bases = namespaces
            .chain(usings)
            .filter(|base| self.by_name.contains_key(base));
        self.context.bases = bases.chain([String::new()]).collect();
    }

    /// The paths a free name may have: each `using` namespace's, each enclosing namespace's
    /// (innermost first), then its own.
    fn candidates(&mut self, name: &str) -> Vec<Vec<String>> {
        let own = vec![name.to_owned()];
        let (usings, namespace) = (&self.context.usings, &self.context.namespace);
        let count = usings.len() + namespace.len() + 1;
        if count > self.budget {
            return vec![own];
        }
        self.budget -= count;
        let within = |prefix: &[String]| [prefix, &own].concat();
        let mut candidates: Vec<Vec<String>> = usings.iter().map(|u| within(u)).collect();
        candidates.extend((1..=namespace.len()).rev().map(|n| within(&namespace[..n])));
        candidates.push(own.clone());
        candidates
    }

    /// The project class a dotted name names from `base`, and how many of its names that takes
    /// (the most that name a class); `base` itself counts when it is an alias's target.
    fn walk(&self, base: &str, names: &[&str], alias: bool) -> Option<(usize, usize)> {
        let mut path = base.to_owned();
        let aliased = self.by_name.get(&path).copied().flatten().filter(|_| alias);
        let mut found = aliased.map(|class| (class, 0));
        for (index, name) in names.iter().enumerate() {
            path = join(&path, name);
            match self.by_name.get(&path) {
                Some(class) => found = class.map(|class| (class, index + 1)).or(found),
                None => break,
            }
        }
        found
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        let mut scopes = self.scopes.iter().rev();
        scopes.find_map(|scope| scope.get(name).copied())
    }

    /// What the first names of a dotted name are, and how many it takes: a local or member, a
    /// project class, an alias's target or a free name. In a type, only classes are in scope.
    fn resolve(&mut self, names: &[&str], global: bool, types: bool) -> (Expr, usize) {
        let first = names.first().copied().unwrap_or_default();
        let local = self.lookup(first);
        let local = local.filter(|b| !global && (!types || self.by_binding.contains_key(b)));
        if let Some(binding) = local {
            return (Expr::Name(binding), 1);
        }
        let alias = self.context.aliases.get(first).filter(|_| !global).cloned();
        let found = match &alias {
            Some(target) => self
                .walk(&target.join("."), &names[1..], true)
                .map(|(c, n)| (c, n + 1)),
            None if global => self.walk("", names, false),
            None => (self.context.bases.iter()).find_map(|base| self.walk(base, names, false)),
        };
        if let Some((class, taken)) = found {
            return (Expr::Name(self.classes[class].binding), taken);
        }
        let paths = match alias {
            Some(target) => vec![target],
            None if global => vec![vec![first.to_owned()]],
            None => self.candidates(first),
        };
        (Expr::Global(paths), 1)
    }

    /// A name or a dotted name (`a`, `Aws.Kms.Key`, `global::System.String`): its first names
    /// resolved, the others members. `None` when it does not start with a name.
    fn dotted(&mut self, node: Node<'s>, types: bool) -> Option<ExprId> {
        let (mut levels, mut leftmost, mut prefixed) = (Vec::new(), node, node);
        let global = loop {
            match leftmost.kind() {
                "member_access_expression" | "qualified_name" => levels.push(leftmost),
                "identifier" | "generic_name" => break false,
                "alias_qualified_name"
                    if field(leftmost, "alias").map(|a| self.text(a)) == Some("global") =>
                {
                    prefixed = leftmost;
                    leftmost = field(leftmost, "name")?;
                    break true;
                }
                _ => return None,
            }
            leftmost = field(leftmost, "expression").or(field(leftmost, "qualifier"))?;
        };
        if leftmost.is_missing() {
            return None;
        }
        levels.reverse();
        let mut names = vec![self.simple(leftmost)];
        let name_of = |level: &Node<'s>| field(*level, "name").map_or("", |n| self.simple(n));
        names.extend(levels.iter().map(name_of));
        let (expr, taken) = self.resolve(&names, global, types);
        let at = match taken {
            2.. => levels[taken - 2],
            _ if global => prefixed,
            _ => leftmost,
        };
        let mut id = self.add(expr, at);
        for (index, level) in levels.iter().enumerate().skip(taken - 1) {
            let name_span = self.src.span(field(*level, "name").unwrap_or(*level));
            let name = names[index + 1].to_owned();
            id = self.add(Expr::member(id, name, name_span), *level);
        }
        Some(id)
    }

    // Expressions.

    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let (kind, text) = (node.kind(), self.text(node));
        let first = || children(node).into_iter().next();
        match kind {
            kind if among(NAMES, kind) => self.name(node),
            kind if among(STRINGS, kind) => self.string(node),
            kind if among(WRAPPERS, kind) => {
                let value = field(node, "value").or(field(node, "left"));
                self.expr_or(value.or_else(first), node)
            }
            kind if among(ARRAYS, kind) => match child_of_kind(node, "initializer_expression") {
                Some(init) => self.initializer(init, None, node, true),
                None => self.fallback(node),
            },
            "predefined_type" => self.add(Expr::Global(vec![vec![text.to_owned()]]), node),
            "integer_literal" | "real_literal" => self.add(Expr::Number(text.to_owned()), node),
            "boolean_literal" => self.add(Expr::Bool(text == "true"), node),
            "null_literal" => self.add(Expr::Null, node),
            "binary_expression" => self.binary(node),
            "conditional_expression" => {
                let reason = "inside a conditional expression, which may not run";
                self.branches(node, reason);
                self.opaque("a conditional expression", node)
            }
            "switch_expression" => {
                self.branches(node, SWITCH);
                self.opaque("a `switch` expression", node)
            }
            "postfix_unary_expression" | "prefix_unary_expression" => self.unary(node, first()),
            "assignment_expression" => self.assignment(node),
            "invocation_expression" => self.call(node),
            "object_creation_expression" | "implicit_object_creation_expression" => {
                self.creation(node)
            }
            "initializer_expression" => self.initializer(node, None, node, false),
            "anonymous_object_creation_expression" => self.anonymous(node),
            "collection_expression" | "tuple_expression" => {
                let mut items = Vec::new();
                for element in children(node) {
                    // A collection's `expression_element` or `spread_element`; a tuple's argument.
                    let element = match kind {
                        "tuple_expression" => element,
                        _ => children(element).into_iter().next().unwrap_or(element),
                    };
                    let value = children(element).into_iter().last();
                    let value = self.expr_or(value, element);
                    items.push(match element.kind() {
                        "spread_element" => Item::Spread(value),
                        _ => Item::One(value),
                    });
                }
                self.add(Expr::List(items), node)
            }
            "lambda_expression" | "anonymous_method_expression" => {
                let body = field(node, "body").or(child_of_kind(node, "block"));
                let (parameters, runs) = (field(node, "parameters"), self.runs.clone());
                let function = self.function(node, None, parameters, body, runs);
                self.add(Expr::Function(function), node)
            }
            "element_access_expression" | "conditional_access_expression" => self.access(node),
            "declaration_expression" => match self.designate(node) {
                Some(binding) => self.add(Expr::Name(binding), node),
                None => self.opaque("a declaration", node),
            },
            _ => self.fallback(node),
        }
    }

    /// What the representation does not follow: what it holds is lowered all the same.
    fn fallback(&mut self, node: Node<'s>) -> ExprId {
        self.inner(node);
        match node.kind() {
            _ if node.is_missing() => self.opaque(UNPARSED, node),
            "ERROR" => self.opaque(UNPARSED, node),
            kind => {
                let reason = format!("a `{}` expression", kind.trim_end_matches("_expression"));
                self.opaque(&reason, node)
            }
        }
    }

    /// Lowers what a node holds, whatever it is: statements, expressions, declarations.
    fn inner(&mut self, node: Node<'s>) {
        for child in children(node) {
            self.one(child);
        }
    }

    fn one(&mut self, node: Node<'s>) {
        match node.kind() {
            kind if among(STATEMENTS, kind) => self.statement(node),
            kind if DECLARING.iter().any(|(k, _)| *k == kind) => _ = self.designate(node),
            kind if among(TYPES, kind) => self.class(node),
            "variable_declaration" => self.variables(node),
            "using_directive" if !self.text(node).starts_with("global") => {
                self.using(node);
                self.refresh();
            }
            "using_directive" => {}
            // A file-scoped namespace holds the rest of the file, a block-scoped one its body.
            "namespace_declaration" | "file_scoped_namespace_declaration" => {
                let saved = self.context.clone();
                let name = field(node, "name").map(|n| self.segments(n));
                self.context.namespace.extend(name.unwrap_or_default());
                self.refresh();
                if node.kind() == "namespace_declaration" {
                    if let Some(body) = field(node, "body") {
                        self.inner(body);
                    }
                    self.context = saved;
                }
            }
            "ERROR" => _ = self.fallback(node),
            kind if is_expression(kind) => _ = self.expr(node),
            _ => self.inner(node),
        }
    }

    /// Runs `lower` where what it lowers may not run (or may run many times).
    fn maybe<R>(&mut self, reason: &str, lower: impl FnOnce(&mut Self) -> R) -> R {
        let runs = self.runs.clone();
        if !matches!(runs, Runs::Maybe(_)) {
            self.runs = Runs::Maybe(reason.to_owned());
        }
        self.nesting += 1;
        let result = lower(self);
        self.nesting -= 1;
        self.runs = runs;
        result
    }

    /// Syntax that chooses what runs (`if`, `switch`, `c ? a : b`): its first part runs, the
    /// others may not.
    fn branches(&mut self, node: Node<'s>, reason: &str) {
        let mut parts = children(node).into_iter();
        if let Some(first) = parts.next() {
            self.one(first);
        }
        self.maybe(reason, |s| parts.for_each(|part| s.one(part)));
    }

    fn name(&mut self, node: Node<'s>) -> ExprId {
        if let Some(id) = self.dotted(node, false) {
            return id;
        }
        if node.kind() != "member_access_expression" {
            return self.fallback(node);
        }
        let (object, name_node) = (field(node, "expression"), field(node, "name"));
        let name = name_node.map_or("", |n| self.simple(n)).to_owned();
        if object.is_some_and(|o| o.kind() == "this")
            && let Some(binding) = self.this_member(&name)
        {
            return self.add(Expr::Name(binding), node);
        }
        let lowered = self.expr_or(object, node);
        // A member of a new object of a project class is what the class declares, as for `this`.
        if let Some(binding) = object.and_then(|o| self.created_member(o, lowered, &name)) {
            return self.add(Expr::Name(binding), node);
        }
        let name_span = self.src.span(name_node.unwrap_or(node));
        self.add(Expr::member(lowered, name, name_span), node)
    }

    /// The member of a project class that `new C(…)`, without an initialiser, creates.
    fn created_member(&self, node: Node<'s>, lowered: ExprId, name: &str) -> Option<BindingId> {
        let program = self.out.program();
        let Expr::Call(Call { callee, .. }) = program.expr(lowered) else {
            return None;
        };
        let Expr::Name(class) = program.expr(*callee) else {
            return None;
        };
        let initialised = child_of_kind(node, "initializer_expression").is_some();
        let created = node.kind() == "object_creation_expression" && !initialised;
        let class = self.by_binding.get(class).filter(|_| created)?;
        self.classes[*class].members.get(name).copied()
    }

    /// The member of the class being lowered that `this.name` is.
    fn this_member(&self, name: &str) -> Option<BindingId> {
        let class = &self.classes[*self.enclosing.last()?];
        class.members.get(name).copied()
    }

    /// `a[i]`, `a?.b`, `a?[i]`.
    fn access(&mut self, node: Node<'s>) -> ExprId {
        let object = field(node, "expression").or(field(node, "condition"));
        let object = self.expr_or(object, node);
        match children(node).into_iter().last() {
            Some(binding) if binding.kind() == "member_binding_expression" => {
                let name = field(binding, "name").unwrap_or(binding);
                let (text, name_span) = (self.simple(name).to_owned(), self.src.span(name));
                self.add(Expr::member(object, text, name_span), node)
            }
            subscript => match self.arguments(subscript)[..] {
                [Argument { value: index, .. }] => self.add(Expr::Index { object, index }, node),
                _ => self.opaque("an index of several values", node),
            },
        }
    }

    fn unary(&mut self, node: Node<'s>, operand: Option<Node<'s>>) -> ExprId {
        let postfix = node.kind() == "postfix_unary_expression";
        let operator = node.child(u32::from(postfix)).map_or("", |o| self.text(o));
        let literal = operand.is_some_and(|o| o.kind().ends_with("_literal"));
        match (operator, operand) {
            ("!", Some(operand)) if postfix => self.expr(operand),
            ("&" | "+", Some(operand)) => self.expr(operand),
            ("-", _) if literal => self.add(Expr::Number(self.text(node).to_owned()), node),
            ("++" | "--", Some(operand)) => {
                if let Some((binding, _)) = self.target(operand) {
                    let reason = format!("changed by `{operator}`");
                    self.out.unknown(binding, reason);
                }
                self.opaque(&format!("a `{operator}`"), node)
            }
            _ => {
                self.lower(operand);
                self.opaque(&format!("a `{operator}` expression"), node)
            }
        }
    }

    /// `a + b + c` as a template; other operators opaque, the right of `&&`, `||`, `??` maybe
    /// run.
    fn binary(&mut self, node: Node<'s>) -> ExprId {
        if let Some(operands) = sum_operands(node) {
            let values: Vec<ExprId> = operands.into_iter().map(|o| self.expr(o)).collect();
            let joined = self.out.joined(values);
            return self.add(joined, node);
        }
        let operator = field(node, "operator").map_or("", |o| self.text(o));
        self.lower(field(node, "left"));
        let reason = format!("on the right of `{operator}`, which may not run");
        let right = |s: &mut Self| _ = s.lower(field(node, "right"));
        match operator {
            "&&" | "||" | "??" => self.maybe(&reason, right),
            _ => right(self),
        }
        self.opaque(&format!("a `{operator}` expression"), node)
    }

    /// Every kind of string literal, interpolated ones as templates.
    fn string(&mut self, node: Node<'s>) -> ExprId {
        let written = self.text(node);
        let raw = written.trim_start_matches(['$', '@']).starts_with("\"\"\"");
        let verbatim = written.starts_with('@') || written.starts_with("$@");
        let mut parts = Vec::new();
        if node.kind() == "verbatim_string_literal" {
            let inner = written.trim_start_matches("@\"").trim_end_matches("u8");
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            push_text(&mut parts, &inner.replace("\"\"", "\""));
        }
        for part in children(node) {
            let text = self.text(part);
            match part.kind() {
                "escape_sequence" => push_text(&mut parts, &unescape(text, &ESCAPES)),
                "string_content" if !raw => {
                    let text = text.replace("{{", "{").replace("}}", "}");
                    let quote = if verbatim { "\"\"" } else { "\"" };
                    push_text(&mut parts, &text.replace(quote, "\""));
                }
                "string_literal_content"
                | "character_literal_content"
                | "raw_string_content"
                | "string_content" => push_text(&mut parts, text),
                "interpolation" => {
                    let inner = children(part);
                    let value = inner
                        .iter()
                        .find(|k| !k.kind().starts_with("interpolation_"));
                    let Some(value) = self.lower(value.copied()) else {
                        continue;
                    };
                    let formatted = inner.iter().any(|k| k.kind().ends_with("_clause"));
                    let formatted = formatted.then(|| self.opaque("a formatted value", part));
                    parts.push(Part::Value(formatted.unwrap_or(value)));
                }
                _ => {}
            }
        }
        if raw {
            dedent(&mut parts);
        }
        if node.kind() == "interpolated_string_expression" {
            return self.add(Expr::Template(parts), node);
        }
        let text = match parts.pop() {
            Some(Part::Text(text)) => text,
            _ => String::new(),
        };
        self.add(Expr::Str(text), node)
    }

    fn arguments(&mut self, list: Option<Node<'s>>) -> Vec<Argument> {
        let mut arguments = Vec::new();
        for node in list.map(children).unwrap_or_default() {
            let name = field(node, "name");
            let value = children(node).into_iter().rfind(|k| Some(*k) != name);
            let (Some(value), "argument") = (value, node.kind()) else {
                self.one(node);
                continue;
            };
            let value = self.expr(value);
            let name = name.map(|n| (self.text(n).to_owned(), self.src.span(n)));
            arguments.push(Argument {
                name,
                ..Argument::positional(value)
            });
        }
        arguments
    }

    fn call(&mut self, node: Node<'s>) -> ExprId {
        let function = field(node, "function");
        let method = function.filter(|f| f.kind() == "member_access_expression");
        let method =
            method.and_then(|f| Some((field(f, "expression")?, self.simple(field(f, "name")?))));
        // `a?.b.c()` runs only when `a` is not null.
        let mut link = function;
        while let Some(inner) = link.filter(|l| l.kind() != "conditional_access_expression") {
            link = field(inner, "expression").or(field(inner, "function"));
        }
        let lower = |s: &mut Self| {
            let callee = s.expr_or(function, node);
            let arguments = s.arguments(field(node, "arguments"));
            if let Some((object, name)) = method {
                let class = s.simple(field(object, "name").unwrap_or(object));
                match (class, name, arguments.first()) {
                    ("JsonSerializer", "Serialize", Some(value))
                    | ("JsonConvert", "SerializeObject", Some(value)) => {
                        return s.add(Expr::Json(value.value), node);
                    }
                    ("string" | "String", "Format", _) => {
                        if let Some(template) = s.format(&arguments) {
                            return s.add(template, node);
                        }
                    }
                    (_, "Select", _) => {
                        let span = s.src.span(node);
                        if let Some(map) = s.out.map_call(callee, &arguments, span) {
                            return map;
                        }
                    }
                    (_, "ToList" | "ToArray", None) => {
                        if let Some(list) = s.out.same_list(callee) {
                            return list;
                        }
                    }
                    _ => s.mutate(object, name, &arguments, node),
                }
            }
            let runs = s.runs.clone();
            s.add(Expr::call(callee, arguments, false, runs), node)
        };
        match link {
            Some(_) => self.maybe("after `?.`, which may not run", lower),
            None => lower(self),
        }
    }

    /// A local list or object that a method such as `Add` changes: what `Add` or `AddRange`
    /// adds to a local, where it runs once for the list or once for each element of the loop
    /// around it, is added to the list; else it holds no one value.
    fn mutate(&mut self, object: Node<'s>, method: &str, arguments: &[Argument], node: Node<'s>) {
        let changes = object.kind() == "identifier" && among(MUTATORS, method);
        let Some(binding) = self.lookup(self.text(object)).filter(|_| changes) else {
            return;
        };
        let declared = self.depths.get(&binding).map(|d| d.1);
        if let ("Add" | "AddRange", [argument]) = (method, arguments)
            && let Some(turn) = appending(declared, self.nesting, self.turn)
            && argument.name.is_none()
        {
            let item = match method {
                "Add" => Item::One(argument.value),
                _ => Item::Spread(argument.value),
            };
            return self
                .out
                .append(binding, vec![item], turn, self.src.span(node));
        }
        let program = self.out.program();
        if let BindingValue::Value(value) = &program.binding(binding).value
            && let Expr::List(_) | Expr::Object(_) | Expr::Call(Call { new: true, .. }) =
                program.expr(*value)
        {
            let reason = format!("changed by `.{method}(…)`");
            self.out.unknown(binding, reason);
        }
    }

    /// `string.Format("{0}-{1}", a, b)` as a template, when its format is a literal.
    fn format(&mut self, arguments: &[Argument]) -> Option<Expr> {
        let (format, values) = arguments.split_first()?;
        let Expr::Str(text) = self.out.program().expr(format.value) else {
            return None;
        };
        let mut chars = text.chars().collect::<Vec<_>>().into_iter().peekable();
        let mut parts = Vec::new();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('{', Some('{')) | ('}', Some('}')) => {
                    chars.next();
                    push_text(&mut parts, &c.to_string());
                }
                ('{', _) => {
                    let item: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    let digits = item.find([',', ':']).unwrap_or(item.len());
                    let index = item[..digits].trim().parse::<usize>().ok()?;
                    let value = values.get(index)?.value;
                    let span = self.out.program().span(format.value);
                    let formatted = Expr::opaque("a formatted value");
                    let formatted = (digits < item.len()).then(|| self.out.add(formatted, span));
                    parts.push(Part::Value(formatted.unwrap_or(value)));
                }
                ('}', _) => return None,
                _ => push_text(&mut parts, &c.to_string()),
            }
        }
        Some(Expr::Template(parts))
    }

    fn type_expr(&mut self, node: Node<'s>) -> ExprId {
        match node.kind() {
            "nullable_type" | "ref_type" | "scoped_type" => self.expr_or(field(node, "type"), node),
            "predefined_type" => self.expr(node),
            _ => match self.dotted(node, true) {
                Some(id) => id,
                None => self.opaque("a type", node),
            },
        }
    }

    /// `new T(…)`, `new T { … }`, `new() { … }`, `new T(…) { … }`: a call, unless an
    /// initialiser alone says what the object holds.
    fn creation(&mut self, node: Node<'s>) -> ExprId {
        let list = child_of_kind(node, "argument_list");
        let init = child_of_kind(node, "initializer_expression");
        let class = field(node, "type").map(|t| self.type_expr(t));
        if let Some(init) = init.filter(|_| list.is_none_or(|l| children(l).is_empty())) {
            return self.initializer(init, class, node, false);
        }
        let callee = match class {
            Some(class) => class,
            None => self.opaque("the type a target-typed `new` creates", node),
        };
        let mut arguments = self.arguments(list);
        for element in init.map(children).unwrap_or_default() {
            match self.element(element) {
                Element::Named(name, value) => {
                    let value = self.value(value);
                    let name = (self.text(name).to_owned(), self.src.span(name));
                    arguments.push(Argument {
                        name: Some(name),
                        ..Argument::positional(value)
                    });
                }
                _ => _ = self.expr(element),
            }
        }
        let runs = self.runs.clone();
        self.add(Expr::call(callee, arguments, true, runs), node)
    }

    fn element(&self, element: Node<'s>) -> Element<'s> {
        let (left, right) = (field(element, "left"), field(element, "right"));
        match (element.kind(), left.map(|l| (l, l.kind())), right) {
            ("assignment_expression", Some((left, "identifier")), Some(right)) => {
                Element::Named(left, right)
            }
            ("assignment_expression", Some((left, "element_binding_expression")), Some(right)) => {
                // `["k"] = v`: the key is the value of the bracket's argument.
                let key = children(left)
                    .first()
                    .map_or(Some(left), |a| children(*a).pop());
                Element::Keyed(key, right)
            }
            ("initializer_expression", ..) => match children(element)[..] {
                [key, value] => Element::Keyed(Some(key), value),
                _ => Element::Plain,
            },
            _ => Element::Plain,
        }
    }

    /// A member initialiser's value: `{ … }` without `new` initialises the member in place.
    fn value(&mut self, node: Node<'s>) -> ExprId {
        match node.kind() {
            "initializer_expression" => self.initializer(node, None, node, false),
            _ => self.expr(node),
        }
    }

    /// An initialiser: a list's elements (`{ a, b }`), or an object's members (`{ A = 1 }`,
    /// `{ ["k"] = v }`, `{ { "k", v } }`, the last two a dictionary's, without a class).
    fn initializer(
        &mut self,
        init: Node<'s>,
        class: Option<ExprId>,
        at: Node<'s>,
        list: bool,
    ) -> ExprId {
        let elements: Vec<(Node, Element)> = children(init)
            .into_iter()
            .map(|e| (e, self.element(e)))
            .collect();
        let plain = elements.iter().all(|(_, e)| matches!(e, Element::Plain));
        if list || (plain && !elements.is_empty()) {
            let items = elements.into_iter();
            let items = items.map(|(e, _)| Item::One(self.value(e))).collect();
            return self.add(Expr::List(items), at);
        }
        let keyed = elements
            .iter()
            .any(|(_, e)| matches!(e, Element::Keyed(..)));
        let mut members = Vec::new();
        for (element, kind) in elements {
            let span = self.src.span(element);
            members.push(match kind {
                Element::Named(name, value) => {
                    let value = self.value(value);
                    self.named(name, value, span)
                }
                Element::Keyed(key, value) => {
                    let (key, value) = (self.expr_or(key, element), self.value(value));
                    match self.out.program().expr(key) {
                        Expr::Str(name) => {
                            Member::field(name.clone(), self.out.program().span(key), value, span)
                        }
                        _ => Member::Computed { key, value, span },
                    }
                }
                Element::Plain => {
                    self.expr(element);
                    Member::opaque(None, "an element that is not a named member")
                }
            });
        }
        self.add(Expr::object(class.filter(|_| !keyed), members), at)
    }

    /// `new { A = 1, B, x.C }`.
    fn anonymous(&mut self, node: Node<'s>) -> ExprId {
        // Tree-sitter finds a node's sibling by descending from the root: the children are
        // read in one pass instead.
        let all: Vec<Node> = (node.children(&mut node.walk()))
            .filter(|n| !n.is_extra())
            .collect();
        let equals = |index: usize| all.get(index).is_some_and(|n| n.kind() == "=");
        let mut members = Vec::new();
        for (index, &first) in all.iter().enumerate() {
            // A value after `=` is lowered with its name.
            if !first.is_named() || index.checked_sub(1).is_some_and(equals) {
                continue;
            }
            let (name, value) = match all.get(index + 2).filter(|_| equals(index + 1)) {
                Some(&value) => (first, value),
                None => (field(first, "name").unwrap_or(first), first),
            };
            let span = self.src.span(first).to(self.src.span(value));
            let value = self.expr(value);
            members.push(self.named(name, value, span));
        }
        self.add(Expr::object(None, members), node)
    }

    // Names, statements and functions.

    /// Puts a name in the innermost scope.
    fn bind(&mut self, name: &str, binding: BindingId) -> BindingId {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name.to_owned(), binding);
        }
        self.depths.insert(binding, (self.loops, self.nesting));
        binding
    }

    fn declare(&mut self, name: Node<'s>) -> BindingId {
        let binding = self.out.declare(self.text(name), self.src.span(name));
        self.bind(self.text(name), binding)
    }

    /// The binding of a name its block declared before its statement is lowered, or a new one.
    fn binding(&mut self, name: Node<'s>) -> BindingId {
        let scope = self.scopes.last();
        match scope.and_then(|s| s.get(self.text(name))).copied() {
            Some(binding) => binding,
            None => self.declare(name),
        }
    }

    /// Declares the variables a pattern, an `out var` or a `catch` introduces.
    fn designate(&mut self, node: Node<'s>) -> Option<BindingId> {
        let reason = DECLARING.iter().find(|(k, _)| *k == node.kind());
        let reason = reason.map_or("", |(_, r)| *r);
        let mut cursor = node.walk();
        let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
        let types: Vec<Node> = node.children_by_field_name("type", &mut cursor).collect();
        let mut declared = None;
        for child in children(node) {
            if names.contains(&child) && child.kind() == "identifier" {
                let binding = self.declare(child);
                self.out.unknown(binding, reason);
                declared = Some(binding);
            } else if !types.contains(&child) {
                self.one(child);
            }
        }
        declared
    }

    /// Declares the locals and local functions of a block (or of a statement's sections) before
    /// its statements are lowered.
    fn predeclare(&mut self, node: Node<'s>) {
        for child in children(node) {
            match child.kind() {
                "local_declaration_statement" => {
                    for declarator in children(child).into_iter().flat_map(children) {
                        let tuple = child_of_kind(declarator, "tuple_pattern");
                        let tuple = tuple.map(children).unwrap_or_default();
                        let names = field(declarator, "name").into_iter().chain(tuple);
                        for name in names.filter(|n| n.kind() == "identifier") {
                            self.declare(name);
                        }
                    }
                }
                "local_function_statement" => _ = field(child, "name").map(|n| self.declare(n)),
                "global_statement" | "labeled_statement" | "preproc_if" | "preproc_elif"
                | "preproc_else" | "switch_body" | "switch_section" => self.predeclare(child),
                _ => {}
            }
        }
    }

    /// `var a = 1, b;`, `var (a, b) = …;`.
    fn variables(&mut self, declaration: Node<'s>) {
        let declarators = children(declaration).into_iter();
        for declarator in declarators.filter(|d| d.kind() == "variable_declarator") {
            let name = field(declarator, "name");
            let parts = children(declarator);
            let value = parts.iter().copied().find(|k| {
                Some(*k) != name && !matches!(k.kind(), "tuple_pattern" | "bracketed_argument_list")
            });
            let value = value.map(|v| self.value(v));
            if let Some(name) = name {
                let binding = self.binding(name);
                if let Some(value) = value {
                    self.out.assign(binding, value);
                }
            }
            let tuple = parts.into_iter().find(|k| k.kind() == "tuple_pattern");
            let names = tuple.map(children).unwrap_or_default().into_iter();
            for name in names.filter(|n| n.kind() == "identifier") {
                let binding = self.binding(name);
                self.out.unknown(binding, "set by a deconstruction");
            }
        }
    }

    /// What an assignment changes: a local or member, and whether it is the name itself
    /// (`x = …`, `this.X = …`, `Class.X = …`) or what it holds (`x.Y = …`, `x[k] = …`).
    fn target(&mut self, node: Node<'s>) -> Option<(BindingId, bool)> {
        if node.kind() == "tuple_expression" {
            for argument in children(node).into_iter().flat_map(children) {
                match self.target(argument) {
                    Some((binding, _)) => self.out.unknown(binding, "set by a deconstruction"),
                    None => self.one(argument),
                }
            }
            return None;
        }
        let mut target = self.expr(node);
        let program = self.out.program();
        let class = |object: ExprId| match program.expr(object) {
            Expr::Name(class) => self.by_binding.get(class).map(|c| &self.classes[*c]),
            _ => None,
        };
        if let Expr::Name(binding) = program.expr(target) {
            return Some((*binding, true));
        }
        if let Expr::Member { object, name, .. } = program.expr(target)
            && let Some(class) = class(*object)
        {
            return class.members.get(name).map(|b| (*b, true));
        }
        while let Expr::Member { object, .. } | Expr::Index { object, .. } = program.expr(target) {
            target = *object;
        }
        match program.expr(target) {
            Expr::Name(binding) if class(target).is_none() => Some((*binding, false)),
            _ => None,
        }
    }

    fn assignment(&mut self, node: Node<'s>) -> ExprId {
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return self.fallback(node);
        };
        let operator = field(node, "operator").map_or("=", |o| self.text(o));
        let value = self.value(right);
        let reason = match self.target(left) {
            Some((binding, true)) if operator == "=" => {
                self.out.assign(binding, value);
                let in_loop = self.depths.get(&binding).map_or(0, |d| d.0) < self.loops;
                in_loop.then(|| (binding, "assigned in a loop".to_owned()))
            }
            Some((binding, true)) => Some((binding, format!("changed by `{operator}`"))),
            Some((binding, false)) => {
                let written = self.text(left);
                let reason = format!("changed after it is given its value (`{written} = …`)");
                Some((binding, reason))
            }
            None => None,
        };
        if let Some((binding, reason)) = reason {
            self.out.unknown(binding, reason);
        }
        match operator {
            "=" => value,
            _ => self.opaque(&format!("a `{operator}` assignment"), node),
        }
    }

    fn scoped<R>(&mut self, lower: impl FnOnce(&mut Self) -> R) -> R {
        self.scopes.push(HashMap::new());
        let result = lower(self);
        self.scopes.pop();
        result
    }

    fn looping(&mut self, lower: impl FnOnce(&mut Self)) {
        self.loops += 1;
        self.maybe("inside a loop, which may run any number of times", lower);
        self.loops -= 1;
    }

    fn statement(&mut self, node: Node<'s>) {
        let part = |name: &'static str| field(node, name);
        match node.kind() {
            // Their locals are declared in the enclosing block.
            "local_declaration_statement" | "labeled_statement" => self.inner(node),
            // Pattern variables of the condition are the enclosing block's.
            "if_statement" => self.branches(node, "inside an `if`, which may not run"),
            "preproc_if" | "preproc_elif" | "preproc_else" => {
                self.maybe(PREPROCESSOR, |s| s.inner(node))
            }
            "local_function_statement" => {
                let Some(name) = part("name") else {
                    return self.inner(node);
                };
                let (binding, runs) = (self.binding(name), self.runs.clone());
                let label = Some(self.text(name).to_owned());
                let function = self.function(node, label, part("parameters"), part("body"), runs);
                let value = self.add(Expr::Function(function), node);
                self.out.assign(binding, value);
            }
            "return_statement" => {
                let value = self.lower(children(node).into_iter().next());
                if let (Some((count, last)), Some(value)) = (&mut self.returns, value) {
                    (*count, *last) = (*count + 1, Some(value));
                }
            }
            "foreach_statement" => self.scoped(|s| {
                let list = s.lower(part("right"));
                let left = part("left").map_or(vec![], |l| match l.kind() {
                    "identifier" => vec![l],
                    _ => children(l),
                });
                let mut variable = None;
                for name in left.iter().filter(|n| n.kind() == "identifier") {
                    let binding = s.declare(*name);
                    s.out.unknown(binding, "a loop variable");
                    variable = (left.len() == 1).then_some(binding);
                }
                if let Some(body) = part("body") {
                    let variable = variable.filter(|_| !leaves_early(body, JUMPS));
                    s.looping(|s| {
                        let turn = list.zip(variable).map(|(l, v)| (l, v, s.nesting));
                        let outer = std::mem::replace(&mut s.turn, turn);
                        s.one(body);
                        s.turn = outer;
                    });
                }
            }),
            "try_statement" => {
                for clause in children(node) {
                    match clause.kind() {
                        "catch_clause" => self.maybe(CATCH, |s| s.statement(clause)),
                        _ => self.one(clause),
                    }
                }
            }
            // A block, and any statement holding others, is a scope of its own.
            kind => self.scoped(|s| {
                s.predeclare(node);
                match kind {
                    "switch_statement" => s.branches(node, SWITCH),
                    "while_statement" | "do_statement" | "for_statement" => {
                        s.looping(|s| s.inner(node))
                    }
                    _ => s.inner(node),
                }
            }),
        }
    }

    /// A function's parameters, declared in the innermost scope.
    fn parameters(&mut self, list: Option<Node<'s>>, function: Option<&str>) -> Vec<BindingId> {
        let names = match list {
            Some(single) if single.kind() == "implicit_parameter" => vec![single],
            Some(list) => children(list)
                .iter()
                .filter_map(|p| field(*p, "name"))
                .collect(),
            None => vec![],
        };
        let mut bindings = Vec::new();
        for name in names {
            let (text, span) = (self.text(name), self.src.span(name));
            let collects = name.parent().is_some_and(|p| has_child(p, "params"));
            let function = function.map(str::to_owned);
            let binding = self.out.parameter(text, span, function, collects);
            bindings.push(self.bind(text, binding));
        }
        bindings
    }

    /// Declares a function (its parameters in the innermost scope), its body not yet lowered.
    fn declare_function(
        &mut self,
        node: Node<'s>,
        name: Option<String>,
        parameters: Option<Node<'s>>,
        bases: Vec<ExprId>,
        runs: Runs,
    ) -> FunctionId {
        let parameters = self.parameters(parameters, name.as_deref());
        let span = self.src.span(node);
        self.out
            .function(Function::new(name, span, parameters, bases, runs))
    }

    /// A function, method, accessor or lambda, its body lowered.
    fn function(
        &mut self,
        node: Node<'s>,
        name: Option<String>,
        parameters: Option<Node<'s>>,
        body: Option<Node<'s>>,
        runs: Runs,
    ) -> FunctionId {
        self.scoped(|s| {
            let id = s.declare_function(node, name, parameters, vec![], runs);
            s.body(id, body);
            id
        })
    }

    fn body(&mut self, id: FunctionId, body: Option<Node<'s>>) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(id));
        let returns = self.returns.replace((0, None));
        self.nesting += 1;
        let result = match body {
            Some(block) if block.kind() == "block" => {
                self.statement(block);
                None
            }
            expression => self.lower(expression),
        };
        let only = match std::mem::replace(&mut self.returns, returns) {
            Some((1, last)) => last,
            _ => None,
        };
        if let Some(result) = result.or(only) {
            self.out.set_result(id, Some(result));
        }
        self.nesting -= 1;
        self.runs = runs;
    }

    // Classes.

    /// A class: an object of its members, bound to its name; its constructors functions with
    /// its base classes.
    fn class(&mut self, node: Node<'s>) {
        let Some(index) = self.class_of(node) else {
            return;
        };
        let saved = (
            std::mem::replace(&mut self.runs, Runs::Once),
            self.returns.take(),
            std::mem::take(&mut self.loops),
            std::mem::take(&mut self.scopes),
        );
        for outer in &self.enclosing {
            self.scopes.push(self.classes[*outer].members.clone());
        }
        let (mut bases, mut base_arguments) = (vec![], None);
        let base_list = child_of_kind(node, "base_list");
        for base in base_list.map(children).unwrap_or_default() {
            match base.kind() {
                "argument_list" => base_arguments = Some(base),
                "primary_constructor_base_type" => {
                    bases.extend(field(base, "type").map(|t| self.type_expr(t)));
                    base_arguments = child_of_kind(base, "argument_list");
                }
                _ => bases.push(self.type_expr(base)),
            }
        }
        self.scopes.push(self.classes[index].members.clone());
        self.enclosing.push(index);
        // Instance initialisers run in the primary constructor, or in a constructor of their own.
        let primary = child_of_kind(node, "parameter_list");
        let kinds = "interface_declaration enum_declaration delegate_declaration";
        let objectless = among(kinds, node.kind()) || self.modified(node, "static");
        let constructs = primary.is_some() || !objectless;
        let initialiser = constructs.then(|| self.constructor(node, primary, index, &bases));
        if let (Some(list), Some(id)) = (base_arguments, initialiser) {
            self.base_call(list, id);
        }
        let mut fields = Vec::new();
        for member in field(node, "body").map(flatten).unwrap_or_default() {
            let instance = !self.modified(member, "static") && !self.modified(member, "const");
            let constructor = initialiser.filter(|_| instance);
            let runs = constructor.map_or(Runs::Once, Runs::InFunction);
            self.class_member(member, (index, &bases), &runs, &mut fields);
        }
        self.enclosing.pop();
        let object = self.add(Expr::object(None, fields), node);
        let binding = self.classes[index].binding;
        self.out.assign(binding, object);
        let exported = self.add(Expr::Name(binding), field(node, "name").unwrap_or(node));
        self.out
            .export(self.classes[index].full_name.clone(), exported);
        (self.runs, self.returns, self.loops, self.scopes) = saved;
    }

    fn modified(&self, node: Node<'s>, modifier: &str) -> bool {
        let mut modifiers = children(node).into_iter();
        modifiers.any(|k| k.kind() == "modifier" && self.text(k) == modifier)
    }

    /// A constructor of a class, named after it, its parameters declared in the innermost scope.
    fn constructor(
        &mut self,
        node: Node<'s>,
        parameters: Option<Node<'s>>,
        class: usize,
        bases: &[ExprId],
    ) -> FunctionId {
        let binding = self.classes[class].binding;
        let name = self.out.program().binding(binding).name.clone();
        self.declare_function(node, Some(name), parameters, bases.to_vec(), Runs::Once)
    }

    /// `: base(…)`, `: this(…)`, `class C(int x) : B(x)`: a call of another constructor.
    fn base_call(&mut self, list: Node<'s>, constructor: FunctionId) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(constructor));
        let callee = self.opaque("another constructor of the object", list);
        let arguments = self.arguments(Some(list));
        let call = Expr::call(callee, arguments, false, self.runs.clone());
        self.add(call, list);
        self.runs = runs;
    }

    /// The member of a class's object that a member of the class is: its binding, by name.
    fn member_field(&mut self, name: Node<'s>, binding: BindingId, whole: Node<'s>) -> Member {
        let value = self.add(Expr::Name(binding), name);
        self.named(name, value, self.src.span(whole))
    }

    /// Gives a member its initialiser, lowered where it runs: once, or in each construction.
    fn initialise(&mut self, binding: BindingId, value: Option<Node<'s>>, runs: &Runs) {
        let Some(value) = value else {
            return;
        };
        let saved = std::mem::replace(&mut self.runs, runs.clone());
        let value = self.value(value);
        self.runs = saved;
        self.out.assign(binding, value);
    }

    /// Lowers a member of a class (given with the class's bases), adding the members of the
    /// class's object it makes.
    fn class_member(
        &mut self,
        member: Node<'s>,
        (class, bases): (usize, &[ExprId]),
        runs: &Runs,
        fields: &mut Vec<Member>,
    ) {
        let (kind, part) = (member.kind(), |name: &'static str| field(member, name));
        let binding_of = |s: &Self, name| s.classes[class].members.get(s.text(name)).copied();
        if kind == "constructor_declaration" {
            return self.scoped(|s| {
                let id = s.constructor(member, part("parameters"), class, bases);
                let initializer = child_of_kind(member, "constructor_initializer");
                if let Some(list) = initializer.and_then(|i| children(i).into_iter().next()) {
                    s.base_call(list, id);
                }
                s.body(id, part("body"));
            });
        }
        if matches!(kind, "field_declaration" | "event_field_declaration") {
            for declarator in children(member).into_iter().flat_map(children) {
                let name = field(declarator, "name");
                let Some((name, binding)) = name.and_then(|n| Some((n, binding_of(self, n)?)))
                else {
                    continue;
                };
                let value = children(declarator).into_iter().find(|k| *k != name);
                self.initialise(binding, value, runs);
                fields.push(self.member_field(name, binding, declarator));
            }
            return;
        }
        let mut accessors = field_children(member, "accessors");
        accessors.retain(|a| field(*a, "body").is_some());
        let body = part("value").filter(|v| v.kind() == "arrow_expression_clause");
        let body = body.or(part("body"));
        let computed = body.is_some() || !accessors.is_empty();
        let name = part("name");
        let label = name.map_or_else(|| kind.replace('_', " "), |n| self.text(n).to_owned());
        let found = name.and_then(|n| Some((n, binding_of(self, n)?)));
        match (kind, found) {
            (kind, _) if among(TYPES, kind) => self.class(member),
            ("method_declaration", Some((_, binding))) => {
                let (parameters, body) = (part("parameters"), part("body"));
                let function = self.function(member, Some(label), parameters, body, Runs::Once);
                let value = self.add(Expr::Function(function), member);
                self.out.assign(binding, value);
            }
            ("enum_member_declaration", Some((_, binding))) if part("value").is_none() => {
                self.out.unknown(binding, "an enum member without a value")
            }
            ("enum_member_declaration" | "property_declaration", Some((_, binding)))
                if !computed =>
            {
                self.initialise(binding, part("value"), runs)
            }
            _ if !computed => return self.inner(member),
            _ => {
                // Computed properties, accessors, indexers, operators: functions of their own.
                let parameters = part("parameters");
                let mut getter = body.map(|body| {
                    let label = Some(label.clone());
                    self.function(member, label, parameters, Some(body), Runs::Once)
                });
                for accessor in accessors {
                    let role = field(accessor, "name").map_or("get", |n| self.text(n));
                    let name = format!("{label}.{role}");
                    let function = self.scoped(|s| {
                        if role != "get" {
                            let span = s.src.span(accessor);
                            let value = s.out.parameter("value", span, Some(name.clone()), false);
                            s.bind("value", value);
                        }
                        let body = field(accessor, "body");
                        s.function(accessor, Some(name), parameters, body, Runs::Once)
                    });
                    getter = (role == "get").then_some(function).or(getter);
                }
                // A property is what its getter returns, computed each time it is read.
                let program = self.out.program();
                let result = getter.and_then(|getter| program.function(getter).result);
                match (found, result.filter(|_| kind == "property_declaration")) {
                    (Some((_, binding)), Some(result)) => self.out.assign(binding, result),
                    (Some((name, binding)), None) => {
                        self.out.unknown(binding, COMPUTED);
                        let name = Some(self.text(name).to_owned());
                        return fields.push(Member::opaque(name, COMPUTED));
                    }
                    (None, _) => return,
                }
            }
        }
        if let Some((name, binding)) = found {
            fields.push(self.member_field(name, binding, member));
        }
    }
}

#[cfg(test)]
mod tests;
