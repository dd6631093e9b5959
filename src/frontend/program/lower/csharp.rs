//! The C# lowering. A C# project is one module: namespaces are global, a `using` names a
//! namespace rather than a file, and a class of any file is visible from every other, so the
//! files are lowered together, every file's classes declared before any is lowered.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use tree_sitter::Node;

use super::{Language, Source, children, sum_operands};
use crate::frontend::UnitFile;
use crate::frontend::program::{
    Argument, BindingId, BindingValue, Call, Expr, ExprId, Function, FunctionId, Item, Lowerer,
    Member, Object, Part, Runs, push_text,
};
use crate::frontend::pulumi::Project;
use crate::source::Span;

pub struct CSharp;

impl Language for CSharp {
    fn name(&self) -> &'static str {
        "C#"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter::Language::from(tree_sitter_c_sharp::LANGUAGE)
    }

    fn entries(&self, project: &Project) -> Result<Vec<PathBuf>, String> {
        if self.files(project, Path::new("")).is_empty() {
            return Err("no C# source file (`.cs`) in the project".to_owned());
        }
        Ok(vec![PathBuf::new()])
    }

    /// Every `.cs` file but the build's output (`bin/`, `obj/`, where generated sources live).
    fn files<'a>(&self, project: &Project<'a>, _module: &Path) -> Vec<UnitFile<'a>> {
        let built = |path: &Path| {
            let relative = path.strip_prefix(&project.directory).unwrap_or(path);
            let mut directories = relative.parent().into_iter().flat_map(Path::components);
            directories.any(|c| matches!(c, Component::Normal(n) if n == "bin" || n == "obj"))
        };
        let mut files: Vec<UnitFile<'a>> = (project.sources.iter().copied())
            .filter(|file| {
                let path = &file.source.path;
                path.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("cs"))
                    && !built(path)
            })
            .collect();
        files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        files
    }

    fn resolve(&self, _project: &Project, _from: &Path, _specifier: &str) -> Option<PathBuf> {
        None
    }

    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer) {
        let mut lowering = Lowering::new(lowerer, sources);
        for (file, source) in sources.iter().enumerate() {
            (lowering.src, lowering.file) = (source, file);
            lowering.collect(source.tree.root_node(), "");
        }
        for (file, source) in sources.iter().enumerate() {
            (lowering.src, lowering.file) = (source, file);
            lowering.context = lowering.global.clone();
            lowering.refresh();
            lowering.scopes = vec![HashMap::new()];
            lowering.predeclare(source.tree.root_node());
            lowering.items(source.tree.root_node());
        }
    }
}

/// How many candidate paths the free names of a program may carry in all. A free name has a
/// path per `using`, so a hostile file with many of both would hold their product; past the
/// budget a free name is its own path only.
const CANDIDATE_BUDGET: usize = 200_000;

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const SWITCH: &str = "inside a `switch` case, which may not run";
const CATCH: &str = "inside a `catch`, which may not run";
const PREPROCESSOR: &str = "inside `#if`, which may not be compiled";
const CONDITIONAL: &str = "inside a conditional expression, which may not run";
const NULL_CONDITIONAL: &str = "after `?.`, which may not run";
const COMPUTED: &str = "a property computed each time it is read";

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
    name: String,
    full_name: String,
    /// Its members by name, once it is lowered (a method's overloads share one).
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

/// An element of an initialiser: `A = v`, `["k"] = v` or `{ "k", v }`, or a value (`{ a, b }`).
enum Element<'s> {
    Named(Node<'s>, Node<'s>),
    Keyed(Node<'s>, Node<'s>),
    Plain,
}

struct Lowering<'s, 'l, 'p> {
    out: &'l mut Lowerer<'p>,
    src: &'s Source<'s>,
    file: usize,
    classes: Vec<Class>,
    by_name: HashMap<String, usize>,
    by_node: HashMap<(usize, usize), usize>,
    by_binding: HashMap<BindingId, usize>,
    /// Every namespace and class full name, and their prefixes: a dotted name is looked up only
    /// while it can still name a class.
    known: HashSet<String>,
    global: Context,
    context: Context,
    scopes: Vec<HashMap<String, BindingId>>,
    enclosing: Vec<usize>,
    /// The binding of each name declared before its statement is lowered, by identifier node.
    declared: HashMap<usize, BindingId>,
    /// How many loops enclose each local's declaration.
    depths: HashMap<BindingId, u32>,
    loops: u32,
    runs: Runs,
    /// The `return`s with a value of the function being lowered: how many, and the last.
    returns: Option<(usize, Option<ExprId>)>,
    budget: usize,
}

fn member(object: ExprId, name: String, name_span: Span) -> Expr {
    Expr::Member {
        object,
        name,
        name_span,
    }
}

fn call(callee: ExprId, arguments: Vec<Argument>, new: bool, runs: Runs) -> Expr {
    Expr::Call(Call {
        callee,
        arguments,
        new,
        runs,
    })
}

fn object(class: Option<ExprId>, members: Vec<Member>) -> Expr {
    Expr::Object(Object { class, members })
}

/// Whether a list of words holds a word.
fn among(words: &str, word: &str) -> bool {
    words.split(' ').any(|w| w == word)
}

fn field<'s>(node: Node<'s>, name: &str) -> Option<Node<'s>> {
    node.child_by_field_name(name)
}

fn is_expression(kind: &str) -> bool {
    kind.ends_with("_expression")
        || kind.ends_with("_literal")
        || matches!(
            kind,
            "identifier" | "generic_name" | "qualified_name" | "predefined_type"
        )
}

/// The text of an escape sequence (`\n`, `\u0041`, `\x41`).
fn unescape(escape: &str) -> String {
    let body = escape.get(1..).unwrap_or_default();
    let simple = match body {
        "n" => "\n",
        "t" => "\t",
        "r" => "\r",
        "0" => "\0",
        "a" => "\x07",
        "b" => "\x08",
        "f" => "\x0C",
        "v" => "\x0B",
        "e" => "\x1B",
        _ => "",
    };
    let hex = body
        .strip_prefix(['u', 'U', 'x'])
        .and_then(|h| u32::from_str_radix(h, 16).ok());
    match hex.and_then(char::from_u32) {
        _ if !simple.is_empty() => simple.to_owned(),
        Some(c) => c.to_string(),
        None => body.to_owned(),
    }
}

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
    let (count, mut line_start) = (parts.len(), false);
    for (index, part) in parts.iter_mut().enumerate() {
        let Part::Text(text) = part else {
            line_start = false;
            continue;
        };
        if index + 1 == count {
            text.truncate(text.rfind('\n').unwrap_or(0));
            text.truncate(text.trim_end_matches('\r').len());
        }
        let ends_line = text.ends_with('\n');
        let mut out = String::with_capacity(text.len());
        for (number, line) in text.split_inclusive('\n').enumerate() {
            match (index, number) {
                (0, 0) => {}
                (_, 0) if !line_start => out.push_str(line),
                _ => out.push_str(
                    line.strip_prefix(indent.as_str())
                        .unwrap_or(line.trim_start()),
                ),
            }
        }
        line_start = if text.is_empty() {
            line_start
        } else {
            ends_line
        };
        *text = out;
    }
    parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
}

impl<'s, 'l, 'p> Lowering<'s, 'l, 'p> {
    fn new(out: &'l mut Lowerer<'p>, sources: &'s [Source<'s>]) -> Self {
        Lowering {
            out,
            src: &sources[0],
            file: 0,
            classes: Vec::new(),
            by_name: HashMap::new(),
            by_node: HashMap::new(),
            by_binding: HashMap::new(),
            known: HashSet::new(),
            global: Context::default(),
            context: Context::default(),
            scopes: Vec::new(),
            enclosing: Vec::new(),
            declared: HashMap::new(),
            depths: HashMap::new(),
            loops: 0,
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
        self.add(Expr::Opaque(reason.to_owned()), node)
    }

    fn lower(&mut self, node: Option<Node<'s>>) -> Option<ExprId> {
        node.map(|n| self.expr(n))
    }

    fn expr_or(&mut self, node: Option<Node<'s>>, at: Node<'s>) -> ExprId {
        match node {
            Some(node) => self.expr(node),
            None => self.opaque("code that does not parse", at),
        }
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

    /// Declares the classes of a file (in its namespaces, classes and `#if`s), so that any file
    /// may name them, and reads its `global using`s.
    fn collect(&mut self, node: Node<'s>, container: &str) {
        let mut container = container.to_owned();
        for child in children(node) {
            let name = field(child, "name").map(|n| self.segments(n).join("."));
            let within = |name: &str| {
                format!("{container}.{name}")
                    .trim_start_matches('.')
                    .to_owned()
            };
            match child.kind() {
                "file_scoped_namespace_declaration" => container = name.unwrap_or_default(),
                "namespace_declaration" => {
                    if let (Some(name), Some(body)) = (name, field(child, "body")) {
                        self.collect(body, &within(&name));
                    }
                }
                "using_directive" if self.is_global(child) => self.using(child, true),
                kind if among(TYPES, kind) => {
                    let Some(name) = field(child, "name") else {
                        continue;
                    };
                    let full_name = within(self.text(name));
                    let index = match self.by_name.get(&full_name) {
                        Some(index) => *index,
                        None => self.class_binding(name, full_name.clone()),
                    };
                    self.by_node.insert((self.file, child.id()), index);
                    if let Some(body) = field(child, "body") {
                        self.collect(body, &full_name);
                    }
                }
                "preproc_if" | "preproc_elif" | "preproc_else" | "ERROR" => {
                    self.collect(child, &container)
                }
                _ => {}
            }
        }
    }

    fn class_binding(&mut self, name: Node<'s>, full_name: String) -> usize {
        let binding = self.out.declare(self.text(name), self.src.span(name));
        let index = self.classes.len();
        let mut prefix = String::new();
        for segment in full_name.split('.') {
            prefix = format!("{prefix}.{segment}")
                .trim_start_matches('.')
                .to_owned();
            self.known.insert(prefix.clone());
        }
        self.by_name.insert(full_name.clone(), index);
        self.by_binding.insert(binding, index);
        let name = self.text(name).to_owned();
        let members = HashMap::new();
        self.classes.push(Class {
            binding,
            name,
            full_name,
            members,
        });
        index
    }

    fn is_global(&self, using: Node<'s>) -> bool {
        let mut cursor = using.walk();
        using.children(&mut cursor).any(|c| c.kind() == "global")
    }

    /// A `using` directive: a namespace (or a `static` class) searched for free names, or an
    /// alias.
    fn using(&mut self, node: Node<'s>, global: bool) {
        let alias = field(node, "name");
        let target = children(node).into_iter().rfind(|k| Some(*k) != alias);
        let Some(segments) = target.map(|t| self.segments(t)) else {
            return;
        };
        let alias = alias.map(|a| self.text(a).to_owned());
        let context = if global {
            &mut self.global
        } else {
            &mut self.context
        };
        match alias {
            Some(alias) => _ = context.aliases.insert(alias, segments),
            None => context.usings.push(segments),
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
            .filter(|base| self.known.contains(base));
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
        let mut found = self
            .by_name
            .get(&path)
            .filter(|_| alias)
            .map(|class| (*class, 0));
        for (index, name) in names.iter().enumerate() {
            path = format!("{path}.{name}").trim_start_matches('.').to_owned();
            if !self.known.contains(&path) {
                break;
            }
            found = self
                .by_name
                .get(&path)
                .map(|class| (*class, index + 1))
                .or(found);
        }
        found
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(name).copied())
    }

    /// What the first names of a dotted name are, and how many it takes: a local or member, a
    /// project class, an alias's target or a free name. In a type, only classes are in scope.
    fn resolve(&mut self, names: &[&str], global: bool, types: bool) -> (Expr, usize) {
        let first = names.first().copied().unwrap_or_default();
        let local = self
            .lookup(first)
            .filter(|b| !global && (!types || self.by_binding.contains_key(b)));
        if let Some(binding) = local {
            return (Expr::Name(binding), 1);
        }
        let alias = self.context.aliases.get(first).filter(|_| !global).cloned();
        let found = match &alias {
            Some(target) => self
                .walk(&target.join("."), &names[1..], true)
                .map(|(c, n)| (c, n + 1)),
            None if global => self.walk("", names, false),
            None => self
                .context
                .bases
                .iter()
                .find_map(|base| self.walk(base, names, false)),
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
                "member_access_expression" => levels.push(leftmost),
                "qualified_name" => levels.push(leftmost),
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
        names.extend(
            levels
                .iter()
                .map(|l| field(*l, "name").map_or("", |n| self.simple(n))),
        );
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
            id = self.add(member(id, name, name_span), *level);
        }
        Some(id)
    }
}

/// Expressions.
impl<'s> Lowering<'s, '_, '_> {
    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let kind = node.kind();
        let first = || children(node).into_iter().next();
        match kind {
            "identifier"
            | "generic_name"
            | "qualified_name"
            | "alias_qualified_name"
            | "member_access_expression" => self.name(node),
            "predefined_type" => {
                self.add(Expr::Global(vec![vec![self.text(node).to_owned()]]), node)
            }
            "integer_literal" | "real_literal" => {
                self.add(Expr::Number(self.text(node).to_owned()), node)
            }
            "boolean_literal" => self.add(Expr::Bool(self.text(node) == "true"), node),
            "null_literal" => self.add(Expr::Null, node),
            "string_literal"
            | "character_literal"
            | "verbatim_string_literal"
            | "raw_string_literal"
            | "interpolated_string_expression" => self.string(node),
            "binary_expression" => self.binary(node),
            "conditional_expression" => {
                self.lower(field(node, "condition"));
                self.maybe(CONDITIONAL, |s| {
                    s.lower(field(node, "consequence"));
                    s.lower(field(node, "alternative"));
                });
                self.opaque("a conditional expression", node)
            }
            "parenthesized_expression"
            | "await_expression"
            | "checked_expression"
            | "ref_expression"
            | "cast_expression"
            | "as_expression" => {
                let value = field(node, "value").or(field(node, "left"));
                self.expr_or(value.or_else(first), node)
            }
            "postfix_unary_expression" | "prefix_unary_expression" => self.unary(node, first()),
            "assignment_expression" => self.assignment(node),
            "invocation_expression" => self.call(node),
            "object_creation_expression" | "implicit_object_creation_expression" => {
                self.creation(node)
            }
            "initializer_expression" => self.initializer(node, None, node, false),
            "array_creation_expression"
            | "implicit_array_creation_expression"
            | "stackalloc_expression"
            | "implicit_stackalloc_expression" => match children(node)
                .into_iter()
                .find(|k| k.kind() == "initializer_expression")
            {
                Some(init) => self.initializer(init, None, node, true),
                None => self.fallback(node),
            },
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
                    let spread = element.kind() == "spread_element";
                    items.push(if spread {
                        Item::Spread(value)
                    } else {
                        Item::One(value)
                    });
                }
                self.add(Expr::List(items), node)
            }
            "lambda_expression" | "anonymous_method_expression" => {
                let body = field(node, "body")
                    .or(children(node).into_iter().find(|k| k.kind() == "block"));
                let (parameters, runs) = (field(node, "parameters"), self.runs.clone());
                let function = self.function(node, None, parameters, body, vec![], runs);
                self.add(Expr::Function(function), node)
            }
            "element_access_expression" | "conditional_access_expression" => self.access(node),
            "declaration_expression" => match self.designate(node) {
                Some(binding) => self.add(Expr::Name(binding), node),
                None => self.opaque("a declaration", node),
            },
            "switch_expression" => {
                self.lower(first());
                self.maybe(SWITCH, |s| {
                    for arm in children(node).into_iter().skip(1) {
                        s.inner(arm);
                    }
                });
                self.opaque("a `switch` expression", node)
            }
            _ => self.fallback(node),
        }
    }

    /// What the representation does not follow: what it holds is lowered all the same.
    fn fallback(&mut self, node: Node<'s>) -> ExprId {
        self.inner(node);
        match node.kind() {
            _ if node.is_missing() => self.opaque("code that does not parse", node),
            "ERROR" => self.opaque("code that does not parse", node),
            kind => self.opaque(
                &format!("a `{}` expression", kind.trim_end_matches("_expression")),
                node,
            ),
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
        let result = lower(self);
        self.runs = runs;
        result
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
        let object = self.expr_or(object, node);
        let name_span = self.src.span(name_node.unwrap_or(node));
        self.add(member(object, name, name_span), node)
    }

    /// The member of the class being lowered that `this.name` is.
    fn this_member(&self, name: &str) -> Option<BindingId> {
        self.classes[*self.enclosing.last()?]
            .members
            .get(name)
            .copied()
    }

    /// `a[i]`, `a?.b`, `a?[i]`.
    fn access(&mut self, node: Node<'s>) -> ExprId {
        let object = field(node, "expression").or(field(node, "condition"));
        let object = self.expr_or(object, node);
        match children(node).into_iter().last() {
            Some(binding) if binding.kind() == "member_binding_expression" => {
                let name_node = field(binding, "name").unwrap_or(binding);
                let (name, name_span) =
                    (self.simple(name_node).to_owned(), self.src.span(name_node));
                self.add(member(object, name, name_span), node)
            }
            subscript => match self.arguments(subscript)[..] {
                [Argument { value: index, .. }] => self.add(Expr::Index { object, index }, node),
                _ => self.opaque("an index of several values", node),
            },
        }
    }

    fn unary(&mut self, node: Node<'s>, operand: Option<Node<'s>>) -> ExprId {
        let postfix = node.kind() == "postfix_unary_expression";
        let operator = node
            .child(if postfix { 1 } else { 0 })
            .map_or("", |o| self.text(o));
        let literal = operand.is_some_and(|o| o.kind().ends_with("_literal"));
        match (operator, operand) {
            ("!", Some(operand)) if postfix => self.expr(operand),
            ("&" | "+", Some(operand)) => self.expr(operand),
            ("-", _) if literal => self.add(Expr::Number(self.text(node).to_owned()), node),
            ("++" | "--", Some(operand)) => {
                if let Some((binding, _)) = self.target(operand) {
                    self.out
                        .unknown(binding, format!("changed by `{operator}`"));
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
        let operator = field(node, "operator").map_or("", |o| self.text(o));
        if let Some(operands) = sum_operands(node) {
            let values: Vec<ExprId> = operands.into_iter().map(|o| self.expr(o)).collect();
            let joined = self.out.joined(values);
            return self.add(joined, node);
        }
        self.lower(field(node, "left"));
        if matches!(operator, "&&" | "||" | "??") {
            let reason = format!("on the right of `{operator}`, which may not run");
            self.maybe(&reason, |s| s.lower(field(node, "right")));
        } else {
            self.lower(field(node, "right"));
        }
        self.opaque(&format!("a `{operator}` expression"), node)
    }

    /// Every kind of string literal, interpolated ones as templates.
    fn string(&mut self, node: Node<'s>) -> ExprId {
        let written = self.text(node);
        let raw = written.trim_start_matches(['$', '@']).starts_with("\"\"\"");
        let verbatim = written.starts_with('@') || written.starts_with("$@");
        let interpolated = node.kind() == "interpolated_string_expression";
        let mut parts = Vec::new();
        if node.kind() == "verbatim_string_literal" {
            let inner = written.trim_start_matches("@\"").trim_end_matches("u8");
            push_text(
                &mut parts,
                &inner
                    .strip_suffix('"')
                    .unwrap_or(inner)
                    .replace("\"\"", "\""),
            );
        }
        for part in children(node) {
            let text = self.text(part);
            match part.kind() {
                "escape_sequence" => push_text(&mut parts, &unescape(text)),
                "string_content" if !raw => {
                    let text = text.replace("{{", "{").replace("}}", "}");
                    push_text(
                        &mut parts,
                        &if verbatim {
                            text.replace("\"\"", "\"")
                        } else {
                            text
                        },
                    );
                }
                "string_literal_content"
                | "character_literal_content"
                | "raw_string_content"
                | "string_content" => push_text(&mut parts, text),
                "interpolation" => {
                    let inner = children(part);
                    let formatted = inner.iter().any(|k| k.kind().ends_with("_clause"));
                    let value = inner
                        .iter()
                        .find(|k| !k.kind().starts_with("interpolation_"));
                    let Some(value) = self.lower(value.copied()) else {
                        continue;
                    };
                    let value = if formatted {
                        self.opaque("a formatted value", part)
                    } else {
                        value
                    };
                    parts.push(Part::Value(value));
                }
                _ => {}
            }
        }
        if raw {
            dedent(&mut parts);
        }
        if interpolated {
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
        for argument in list.map(children).unwrap_or_default() {
            let name = field(argument, "name");
            let value = children(argument).into_iter().rfind(|k| Some(*k) != name);
            let (Some(value), "argument") = (value, argument.kind()) else {
                self.one(argument);
                continue;
            };
            let value = self.expr(value);
            let name = name.map(|n| (self.text(n).to_owned(), self.src.span(n)));
            arguments.push(Argument {
                name,
                value,
                spread: false,
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
                    _ => s.mutate(object, name),
                }
            }
            let runs = s.runs.clone();
            s.add(call(callee, arguments, false, runs), node)
        };
        match link {
            Some(_) => self.maybe(NULL_CONDITIONAL, lower),
            None => lower(self),
        }
    }

    /// A local list or object that a method such as `Add` changes holds no one value.
    fn mutate(&mut self, object: Node<'s>, method: &str) {
        let binding = self
            .lookup(self.text(object))
            .filter(|_| object.kind() == "identifier");
        let Some(binding) = binding.filter(|_| among(MUTATORS, method)) else {
            return;
        };
        let program = self.out.program();
        if let BindingValue::Value(value) = &program.binding(binding).value
            && let Expr::List(_) | Expr::Object(_) = program.expr(*value)
        {
            self.out
                .unknown(binding, format!("changed by `.{method}(…)`"));
        }
    }

    /// `string.Format("{0}-{1}", a, b)` as a template, when its format is a literal.
    fn format(&mut self, arguments: &[Argument]) -> Option<Expr> {
        let (format, values) = arguments.split_first()?;
        let Expr::Str(text) = self.out.program().expr(format.value) else {
            return None;
        };
        let mut chars = text
            .clone()
            .chars()
            .collect::<Vec<_>>()
            .into_iter()
            .peekable();
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
                    let value = values
                        .get(item[..digits].trim().parse::<usize>().ok()?)?
                        .value;
                    let span = self.out.program().span(format.value);
                    let formatted = Expr::Opaque("a formatted value".to_owned());
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
        let all = children(node);
        let list = all.iter().copied().find(|k| k.kind() == "argument_list");
        let init = all
            .iter()
            .copied()
            .find(|k| k.kind() == "initializer_expression");
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
                    let name = Some((self.text(name).to_owned(), self.src.span(name)));
                    arguments.push(Argument {
                        name,
                        value,
                        spread: false,
                    });
                }
                _ => _ = self.expr(element),
            }
        }
        let runs = self.runs.clone();
        self.add(call(callee, arguments, true, runs), node)
    }

    fn element(&self, element: Node<'s>) -> Element<'s> {
        let (left, right) = (field(element, "left"), field(element, "right"));
        let values = children(element);
        match (
            element.kind(),
            left.map(|l| (l, l.kind())),
            right,
            &values[..],
        ) {
            ("assignment_expression", Some((left, "identifier")), Some(right), _) => {
                Element::Named(left, right)
            }
            (
                "assignment_expression",
                Some((left, "element_binding_expression")),
                Some(right),
                _,
            ) => Element::Keyed(left, right),
            ("initializer_expression", _, _, [key, value]) => Element::Keyed(*key, *value),
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
            let items = elements
                .into_iter()
                .map(|(e, _)| Item::One(self.value(e)))
                .collect();
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
                    let (value, name_span) = (self.value(value), self.src.span(name));
                    Member::Field {
                        name: self.text(name).to_owned(),
                        name_span,
                        value,
                        span,
                    }
                }
                Element::Keyed(key, value) => {
                    let argument = children(key)
                        .into_iter()
                        .next()
                        .filter(|_| key.kind() == "element_binding_expression");
                    let key = self.expr_or(
                        argument.map_or(Some(key), |a| children(a).into_iter().last()),
                        key,
                    );
                    let value = self.value(value);
                    match self.out.program().expr(key) {
                        Expr::Str(name) => {
                            let (name, name_span) = (name.clone(), self.out.program().span(key));
                            Member::Field {
                                name,
                                name_span,
                                value,
                                span,
                            }
                        }
                        _ => Member::Computed { key, value, span },
                    }
                }
                Element::Plain => {
                    self.expr(element);
                    let reason = "an element that is not a named member".to_owned();
                    Member::Opaque { name: None, reason }
                }
            });
        }
        let class = class.filter(|_| !keyed);
        self.add(object(class, members), at)
    }

    /// `new { A = 1, B, x.C }`.
    fn anonymous(&mut self, node: Node<'s>) -> ExprId {
        // Tree-sitter finds a node's sibling by descending from the root: the children are
        // read in one pass instead.
        let mut cursor = node.walk();
        let all: Vec<Node> = node
            .children(&mut cursor)
            .filter(|n| !n.is_extra())
            .collect();
        let (mut members, mut index) = (Vec::new(), 0);
        while let Some(&first) = all.get(index) {
            index += 1;
            if !first.is_named() {
                continue;
            }
            let assigned = all.get(index).is_some_and(|n| n.kind() == "=");
            let (name, value, end) = match all.get(index + 1).filter(|_| assigned) {
                Some(&value) => {
                    index += 2;
                    (first, self.expr(value), value)
                }
                None => (
                    field(first, "name").unwrap_or(first),
                    self.expr(first),
                    first,
                ),
            };
            let span = self.src.span(first).to(self.src.span(end));
            let (name_span, name) = (self.src.span(name), self.simple(name).to_owned());
            members.push(Member::Field {
                name,
                name_span,
                value,
                span,
            });
        }
        self.add(object(None, members), node)
    }
}

/// Names, statements and functions.
impl<'s> Lowering<'s, '_, '_> {
    fn declare(&mut self, name: Node<'s>) -> BindingId {
        let (text, span) = (self.text(name), self.src.span(name));
        let binding = self.out.declare(text, span);
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(text.to_owned(), binding);
        }
        self.depths.insert(binding, self.loops);
        self.declared.insert(name.id(), binding);
        binding
    }

    /// The binding of a name declared before its statement is lowered, or declared now.
    fn binding(&mut self, name: Node<'s>) -> BindingId {
        match self.declared.get(&name.id()) {
            Some(binding) => *binding,
            None => self.declare(name),
        }
    }

    /// Declares the variables a pattern, an `out var` or a `catch` introduces.
    fn designate(&mut self, node: Node<'s>) -> Option<BindingId> {
        let reason = DECLARING
            .iter()
            .find(|(k, _)| *k == node.kind())
            .map_or("", |(_, r)| *r);
        let mut cursor = node.walk();
        let children: Vec<(Option<&str>, Node)> = (node.children(&mut cursor).enumerate())
            .map(|(index, child)| (node.field_name_for_child(index as u32), child))
            .collect();
        let mut declared = None;
        for (role, child) in children {
            match (role, child.kind()) {
                (Some("name"), "identifier") => {
                    let binding = self.declare(child);
                    self.out.unknown(binding, reason);
                    declared = Some(binding);
                }
                (Some("type"), _) => {}
                _ if child.is_named() => self.one(child),
                _ => {}
            }
        }
        declared
    }

    /// Gives a name a value where it is assigned (in a loop: any number of values).
    fn set(&mut self, binding: BindingId, value: ExprId) {
        self.out.assign(binding, value);
        if self.depths.get(&binding).copied().unwrap_or(0) < self.loops {
            self.out.unknown(binding, "assigned in a loop");
        }
    }

    /// Declares a block's locals and local functions before its statements are lowered.
    fn predeclare(&mut self, node: Node<'s>) {
        for child in children(node) {
            match child.kind() {
                "global_statement" | "labeled_statement" | "preproc_if" | "preproc_elif"
                | "preproc_else" => self.predeclare(child),
                "local_declaration_statement" => {
                    for declarator in children(child).into_iter().flat_map(children) {
                        let tuple = children(declarator)
                            .into_iter()
                            .filter(|k| k.kind() == "tuple_pattern");
                        let names = field(declarator, "name")
                            .into_iter()
                            .chain(tuple.flat_map(children));
                        for name in names.filter(|n| n.kind() == "identifier") {
                            self.declare(name);
                        }
                    }
                }
                "local_function_statement" => _ = field(child, "name").map(|n| self.declare(n)),
                _ => {}
            }
        }
    }

    /// `var a = 1, b;`, `var (a, b) = …;`.
    fn variables(&mut self, declaration: Node<'s>) {
        for declarator in children(declaration)
            .into_iter()
            .filter(|d| d.kind() == "variable_declarator")
        {
            let name = field(declarator, "name");
            let parts = children(declarator);
            let tuple = parts.iter().copied().find(|k| k.kind() == "tuple_pattern");
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
            for name in tuple
                .map(children)
                .unwrap_or_default()
                .into_iter()
                .filter(|n| n.kind() == "identifier")
            {
                let binding = self.binding(name);
                self.out.unknown(binding, "set by a deconstruction");
            }
        }
    }

    /// What an assignment changes: a local or member, and whether it is the name itself
    /// (`x = …`) or what it holds (`x.Y = …`, `x[k] = …`). Lowers what the target computes.
    fn target(&mut self, node: Node<'s>) -> Option<(BindingId, bool)> {
        match node.kind() {
            "identifier" => self.lookup(self.text(node)).map(|b| (b, true)),
            "parenthesized_expression" => children(node)
                .into_iter()
                .next()
                .and_then(|n| self.target(n)),
            "member_access_expression" | "element_access_expression" => {
                let object = field(node, "expression")?;
                let name = field(node, "name").map(|n| self.simple(n));
                if object.kind() == "this" {
                    return self.this_member(name?).map(|b| (b, true));
                }
                let lowered = self.expr(node);
                let program = self.out.program();
                if let Expr::Member { object, name, .. } = program.expr(lowered)
                    && let Expr::Name(class) = program.expr(*object)
                    && let Some(class) = self.by_binding.get(class)
                {
                    return self.classes[*class].members.get(name).map(|b| (*b, true));
                }
                let mut root = object;
                while let Some(inner) = field(root, "expression") {
                    root = inner;
                }
                let binding = self
                    .lookup(self.text(root))
                    .filter(|_| root.kind() == "identifier");
                binding.map(|b| (b, false))
            }
            "tuple_expression" => {
                for argument in children(node).into_iter().flat_map(children) {
                    match self.target(argument) {
                        Some((binding, _)) => self.out.unknown(binding, "set by a deconstruction"),
                        None => self.one(argument),
                    }
                }
                None
            }
            _ => {
                self.expr(node);
                None
            }
        }
    }

    fn assignment(&mut self, node: Node<'s>) -> ExprId {
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return self.fallback(node);
        };
        let operator = field(node, "operator").map_or("=", |o| self.text(o));
        let value = self.value(right);
        let written = self.text(left);
        match self.target(left) {
            Some((binding, true)) if operator == "=" => self.set(binding, value),
            Some((binding, true)) => self
                .out
                .unknown(binding, format!("changed by `{operator}`")),
            Some((binding, false)) => {
                let reason = format!("changed after it is given its value (`{written} = …`)");
                self.out.unknown(binding, reason);
            }
            None => {}
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

    /// A statement that is the body of another (`if (c) x = 1;`), in a scope of its own.
    fn nested(&mut self, node: Option<Node<'s>>) {
        if let Some(node) = node {
            self.scoped(|s| s.statement(node));
        }
    }

    fn looping(&mut self, lower: impl FnOnce(&mut Self)) {
        self.loops += 1;
        self.maybe(LOOP, lower);
        self.loops -= 1;
    }

    fn statement(&mut self, node: Node<'s>) {
        let part = |name: &str| field(node, name);
        match node.kind() {
            "block" => self.scoped(|s| {
                s.predeclare(node);
                children(node)
                    .into_iter()
                    .for_each(|statement| s.statement(statement));
            }),
            "local_declaration_statement" => self.inner(node),
            "local_function_statement" => {
                let Some(name) = part("name") else {
                    return self.inner(node);
                };
                let (binding, runs) = (self.binding(name), self.runs.clone());
                let label = Some(self.text(name).to_owned());
                let function =
                    self.function(node, label, part("parameters"), part("body"), vec![], runs);
                let value = self.add(Expr::Function(function), node);
                self.out.assign(binding, value);
            }
            "return_statement" => {
                let value = self.lower(children(node).into_iter().next());
                if let (Some((count, last)), Some(value)) = (&mut self.returns, value) {
                    (*count, *last) = (*count + 1, Some(value));
                }
            }
            "if_statement" => {
                self.lower(part("condition"));
                self.maybe(IF, |s| {
                    s.nested(part("consequence"));
                    s.nested(part("alternative"));
                });
            }
            "while_statement" | "do_statement" | "for_statement" => {
                self.scoped(|s| s.looping(|s| s.inner(node)))
            }
            "foreach_statement" => {
                self.lower(part("right"));
                self.scoped(|s| {
                    let left = part("left").map(|l| {
                        if l.kind() == "identifier" {
                            vec![l]
                        } else {
                            children(l)
                        }
                    });
                    for name in left
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|n| n.kind() == "identifier")
                    {
                        let binding = s.declare(name);
                        s.out.unknown(binding, "a loop variable");
                    }
                    s.looping(|s| s.nested(part("body")));
                });
            }
            "switch_statement" => {
                self.lower(part("value"));
                let sections = part("body").map(children).unwrap_or_default();
                self.scoped(|s| {
                    sections.iter().for_each(|section| s.predeclare(*section));
                    s.maybe(SWITCH, |s| {
                        sections.iter().for_each(|section| s.inner(*section))
                    });
                });
            }
            "try_statement" => {
                for clause in children(node) {
                    match clause.kind() {
                        "catch_clause" => self.maybe(CATCH, |s| s.scoped(|s| s.inner(clause))),
                        _ => self.one(clause),
                    }
                }
            }
            "preproc_if" | "preproc_elif" | "preproc_else" => {
                self.maybe(PREPROCESSOR, |s| s.inner(node))
            }
            "empty_statement" | "break_statement" | "continue_statement" => {}
            _ => self.scoped(|s| s.inner(node)),
        }
    }

    fn parameters(&mut self, list: Option<Node<'s>>, function: Option<&str>) -> Vec<BindingId> {
        let names = match list {
            Some(single) if single.kind() == "implicit_parameter" => vec![single],
            Some(list) => children(list)
                .into_iter()
                .filter_map(|p| field(p, "name"))
                .collect(),
            None => vec![],
        };
        let mut bindings = Vec::new();
        for name in names {
            let (text, span) = (self.text(name), self.src.span(name));
            let binding = self.out.parameter(text, span, function.map(str::to_owned));
            if let Some(scope) = self.scopes.last_mut() {
                scope.insert(text.to_owned(), binding);
            }
            self.depths.insert(binding, self.loops);
            bindings.push(binding);
        }
        bindings
    }

    /// A function, method, accessor or lambda, its body lowered.
    fn function(
        &mut self,
        node: Node<'s>,
        name: Option<String>,
        parameters: Option<Node<'s>>,
        body: Option<Node<'s>>,
        bases: Vec<ExprId>,
        runs: Runs,
    ) -> FunctionId {
        self.scoped(|s| {
            let parameters = s.parameters(parameters, name.as_deref());
            let span = s.src.span(node);
            let id = s.out.function(Function {
                name,
                span,
                parameters,
                result: None,
                bases,
                runs,
            });
            s.body(id, body);
            id
        })
    }

    fn body(&mut self, id: FunctionId, body: Option<Node<'s>>) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(id));
        let returns = self.returns.replace((0, None));
        let result = match body {
            Some(block) if block.kind() == "block" => {
                self.statement(block);
                None
            }
            Some(arrow) if arrow.kind() == "arrow_expression_clause" => {
                self.lower(children(arrow).into_iter().next())
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
        self.runs = runs;
    }
}

/// Namespaces and classes.
impl<'s> Lowering<'s, '_, '_> {
    /// The members of a compilation unit or a namespace, in order.
    fn items(&mut self, node: Node<'s>) {
        let condition = field(node, "condition");
        for item in children(node)
            .into_iter()
            .filter(|item| Some(*item) != condition)
        {
            match item.kind() {
                "using_directive" if !self.is_global(item) => {
                    self.using(item, false);
                    self.refresh();
                }
                "file_scoped_namespace_declaration" => {
                    let name = field(item, "name")
                        .map(|n| self.segments(n))
                        .unwrap_or_default();
                    self.context.namespace.extend(name);
                    self.refresh();
                }
                "namespace_declaration" => {
                    let saved = self.context.clone();
                    let name = field(item, "name")
                        .map(|n| self.segments(n))
                        .unwrap_or_default();
                    self.context.namespace.extend(name);
                    self.refresh();
                    if let Some(body) = field(item, "body") {
                        self.items(body);
                    }
                    self.context = saved;
                }
                "preproc_if" | "preproc_elif" | "preproc_else" => {
                    self.maybe(PREPROCESSOR, |s| s.items(item))
                }
                "global_statement" | "ERROR" => self.inner(item),
                kind if among(STATEMENTS, kind) || among(TYPES, kind) => self.one(item),
                _ => {}
            }
        }
    }

    /// A class: an object of its members, bound to its name; its constructors functions with
    /// its base classes.
    fn class(&mut self, node: Node<'s>) {
        let Some(&index) = self.by_node.get(&(self.file, node.id())) else {
            return;
        };
        let saved = (
            std::mem::replace(&mut self.runs, Runs::Once),
            self.returns.take(),
        );
        let (loops, scopes) = (
            std::mem::take(&mut self.loops),
            std::mem::take(&mut self.scopes),
        );
        for outer in &self.enclosing {
            self.scopes.push(self.classes[*outer].members.clone());
        }
        let (name, mut bases, mut base_arguments) =
            (self.classes[index].name.clone(), vec![], None);
        let base_list = children(node)
            .into_iter()
            .filter(|k| k.kind() == "base_list");
        for base in base_list.flat_map(children) {
            match base.kind() {
                "argument_list" => base_arguments = Some(base),
                "primary_constructor_base_type" => {
                    bases.extend(field(base, "type").map(|t| self.type_expr(t)));
                    base_arguments = children(base)
                        .into_iter()
                        .find(|k| k.kind() == "argument_list");
                }
                _ => bases.push(self.type_expr(base)),
            }
        }
        let members = field(node, "body").map(flatten).unwrap_or_default();
        let mut scope = std::mem::take(&mut self.classes[index].members);
        for member in &members {
            let declarations = children(*member).into_iter();
            let declarations = declarations.filter(|k| k.kind() == "variable_declaration");
            let declarators = declarations
                .flat_map(children)
                .filter_map(|d| field(d, "name"));
            let names = field(*member, "name").into_iter().chain(declarators);
            let named = !matches!(
                member.kind(),
                "constructor_declaration" | "destructor_declaration"
            );
            // A method's overloads share the binding of the first.
            for name in names.filter(|_| named) {
                if scope.contains_key(self.text(name)) {
                    continue;
                }
                let nested = self.by_node.get(&(self.file, member.id()));
                let binding = match nested {
                    Some(class) => self.classes[*class].binding,
                    None => self.out.declare(self.text(name), self.src.span(name)),
                };
                scope.insert(self.text(name).to_owned(), binding);
            }
        }
        self.classes[index].members = scope.clone();
        self.scopes.push(scope);
        self.enclosing.push(index);
        // The constructors come first: instance initialisers run in them.
        let constructor = |s: &mut Self, node: Node<'s>, list: Option<Node<'s>>| {
            let parameters = s.parameters(list, Some(&name));
            let (name, span, bases) = (Some(name.clone()), s.src.span(node), bases.clone());
            s.out.function(Function {
                name,
                span,
                parameters,
                result: None,
                bases,
                runs: Runs::Once,
            })
        };
        let primary = children(node)
            .into_iter()
            .find(|k| k.kind() == "parameter_list");
        let mut initialiser = primary.map(|list| constructor(self, node, Some(list)));
        let mut constructors = HashMap::new();
        for member in members
            .iter()
            .filter(|m| m.kind() == "constructor_declaration")
        {
            self.scopes.push(HashMap::new());
            let id = constructor(self, *member, field(*member, "parameters"));
            constructors.insert(member.id(), (id, self.scopes.pop().unwrap_or_default()));
            initialiser.get_or_insert(id);
        }
        let instantiable = !matches!(
            node.kind(),
            "interface_declaration" | "enum_declaration" | "delegate_declaration"
        );
        if initialiser.is_none() && instantiable && !self.modified(node, "static") {
            initialiser = Some(constructor(self, node, None));
        }
        if let (Some(list), Some(id)) = (base_arguments, initialiser) {
            self.base_call(list, id);
        }
        let mut fields = Vec::new();
        for member in members {
            let runs = match initialiser {
                Some(id) if !self.modified(member, "static") && !self.modified(member, "const") => {
                    Runs::InFunction(id)
                }
                _ => Runs::Once,
            };
            fields.extend(self.class_member(member, index, runs, &constructors));
        }
        self.scopes.pop();
        self.enclosing.pop();
        let object = self.add(object(None, fields), node);
        let (binding, full_name) = (
            self.classes[index].binding,
            self.classes[index].full_name.clone(),
        );
        self.out.assign(binding, object);
        let exported = self.add(Expr::Name(binding), field(node, "name").unwrap_or(node));
        self.out.export(full_name, exported);
        (self.runs, self.returns) = saved;
        (self.loops, self.scopes) = (loops, scopes);
    }

    fn modified(&self, node: Node<'s>, modifier: &str) -> bool {
        children(node)
            .into_iter()
            .any(|k| k.kind() == "modifier" && self.text(k) == modifier)
    }

    /// `: base(…)`, `: this(…)`, `class C(int x) : B(x)`: a call of another constructor.
    fn base_call(&mut self, list: Node<'s>, constructor: FunctionId) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(constructor));
        let callee = self.opaque("another constructor of the object", list);
        let arguments = self.arguments(Some(list));
        let call = call(callee, arguments, false, self.runs.clone());
        self.add(call, list);
        self.runs = runs;
    }

    /// Lowers a member of a class: the members of the class's object it makes.
    fn class_member(
        &mut self,
        member: Node<'s>,
        class: usize,
        runs: Runs,
        constructors: &HashMap<usize, (FunctionId, HashMap<String, BindingId>)>,
    ) -> Vec<Member> {
        let part = |name: &str| field(member, name);
        let binding_of =
            |s: &Self, name: Node<'s>| s.classes[class].members.get(s.text(name)).copied();
        let field_of = |s: &mut Self, name: Node<'s>, binding: BindingId, whole: Node<'s>| {
            let (value, span) = (s.add(Expr::Name(binding), name), s.src.span(whole));
            let (name, name_span) = (s.text(name).to_owned(), s.src.span(name));
            vec![Member::Field {
                name,
                name_span,
                value,
                span,
            }]
        };
        // An initialiser, lowered where it runs: once, or in each construction.
        let initialise = |s: &mut Self, binding: BindingId, value: Option<Node<'s>>| {
            let Some(value) = value else { return };
            let saved = std::mem::replace(&mut s.runs, runs.clone());
            let value = s.value(value);
            s.runs = saved;
            s.out.assign(binding, value);
        };
        let accessors = part("accessors").map(children).unwrap_or_default();
        let bodies: Vec<Node> = accessors
            .into_iter()
            .filter(|a| field(*a, "body").is_some())
            .collect();
        let arrow = part("value").filter(|v| v.kind() == "arrow_expression_clause");
        let name = part("name");
        let label = name.map_or_else(
            || member.kind().replace('_', " "),
            |n| self.text(n).to_owned(),
        );
        match (
            member.kind(),
            name.and_then(|n| binding_of(self, n).zip(Some(n))),
        ) {
            ("field_declaration" | "event_field_declaration", _) => {
                let mut fields = Vec::new();
                for declarator in children(member).into_iter().flat_map(children) {
                    let Some(name) = field(declarator, "name") else {
                        continue;
                    };
                    let Some(binding) = binding_of(self, name) else {
                        continue;
                    };
                    initialise(
                        self,
                        binding,
                        children(declarator).into_iter().find(|k| *k != name),
                    );
                    fields.extend(field_of(self, name, binding, declarator));
                }
                fields
            }
            ("constructor_declaration", _) => {
                let Some((id, scope)) = constructors.get(&member.id()) else {
                    return vec![];
                };
                self.scopes.push(scope.clone());
                let initializer = children(member)
                    .into_iter()
                    .find(|k| k.kind() == "constructor_initializer");
                if let Some(list) = initializer.and_then(|i| children(i).into_iter().next()) {
                    self.base_call(list, *id);
                }
                self.body(*id, part("body"));
                self.scopes.pop();
                vec![]
            }
            (kind, found) if among(TYPES, kind) => {
                self.class(member);
                found
                    .map(|(binding, name)| field_of(self, name, binding, member))
                    .unwrap_or_default()
            }
            ("method_declaration", Some((binding, name))) => {
                let (parameters, body) = (part("parameters"), part("body"));
                let function =
                    self.function(member, Some(label), parameters, body, vec![], Runs::Once);
                let value = self.add(Expr::Function(function), member);
                self.out.assign(binding, value);
                field_of(self, name, binding, member)
            }
            ("enum_member_declaration", Some((binding, name))) => {
                match part("value") {
                    Some(value) => initialise(self, binding, Some(value)),
                    None => self.out.unknown(binding, "an enum member without a value"),
                }
                field_of(self, name, binding, member)
            }
            ("property_declaration", Some((binding, name)))
                if arrow.is_none() && bodies.is_empty() =>
            {
                initialise(self, binding, part("value"));
                field_of(self, name, binding, member)
            }
            _ if arrow.or(part("body")).is_none() && bodies.is_empty() => {
                self.inner(member);
                vec![]
            }
            (_, found) => {
                // Computed properties, accessors, indexers, operators: functions of their own.
                let parameters = part("parameters");
                if let Some(body) = arrow.or(part("body")) {
                    self.function(
                        member,
                        Some(label.clone()),
                        parameters,
                        Some(body),
                        vec![],
                        Runs::Once,
                    );
                }
                for accessor in bodies {
                    let kind = field(accessor, "name").map_or("get", |n| self.text(n));
                    let name = format!("{label}.{kind}");
                    self.scoped(|s| {
                        if kind != "get" {
                            let value =
                                s.out
                                    .parameter("value", s.src.span(accessor), Some(name.clone()));
                            if let Some(scope) = s.scopes.last_mut() {
                                scope.insert("value".to_owned(), value);
                            }
                        }
                        let body = field(accessor, "body");
                        s.function(accessor, Some(name), parameters, body, vec![], Runs::Once);
                    });
                }
                let Some((binding, name)) = found else {
                    return vec![];
                };
                self.out.unknown(binding, COMPUTED);
                let name = Some(self.text(name).to_owned());
                vec![Member::Opaque {
                    name,
                    reason: COMPUTED.to_owned(),
                }]
            }
        }
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

#[cfg(test)]
mod tests;
