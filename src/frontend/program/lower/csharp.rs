//! The C# lowering. A C# project is one module: namespaces are global, a `using` names a
//! namespace rather than a file, and a class of any file is visible from every other, so the
//! files are lowered together, classes first declared from all of them, and nothing is imported.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use tree_sitter::Node;

use super::{Language, Source};
use crate::frontend::UnitFile;
use crate::frontend::program::{
    Argument, BindingId, BindingValue, Call, Expr, ExprId, Function, FunctionId, Item, Lowerer,
    Member, Object, Part, Runs,
};
use crate::frontend::pulumi::Project;

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
            relative.parent().is_some_and(|directory| {
                directory
                    .components()
                    .any(|c| matches!(c, Component::Normal(n) if n == "bin" || n == "obj"))
            })
        };
        let mut files: Vec<UnitFile<'a>> = project
            .sources
            .iter()
            .copied()
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
        Lowering::new(sources, lowerer).run();
    }
}

/// How many candidate paths the free names of a program may carry in all. Each free name has a
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

/// Methods of the standard collections that change the collection they are called on.
const MUTATORS: &[&str] = &[
    "Add",
    "AddRange",
    "Clear",
    "Insert",
    "InsertRange",
    "Remove",
    "RemoveAll",
    "RemoveAt",
    "RemoveRange",
    "Reverse",
    "Sort",
    "TryAdd",
];

const TYPE_DECLARATIONS: &[&str] = &[
    "class_declaration",
    "struct_declaration",
    "record_declaration",
    "interface_declaration",
    "enum_declaration",
    "delegate_declaration",
];

/// A class (struct, record, interface, enum) of the project.
struct Class {
    binding: BindingId,
    name: String,
    full_name: String,
    /// Its members by name (a method's overloads share one).
    members: HashMap<String, BindingId>,
}

/// The `return`s of the function being lowered.
struct Returns {
    count: usize,
    last: Option<ExprId>,
}

/// A member of an initialiser (`{ A = 1 }`, `{ ["k"] = v }`, `{ { "k", v } }`, `{ a, b }`).
enum Element<'s> {
    Named(Node<'s>, Node<'s>),
    Keyed(Node<'s>, Node<'s>),
    Add(usize),
    Plain,
}

struct Lowering<'s, 'l, 'p> {
    out: &'l mut Lowerer<'p>,
    sources: &'s [Source<'s>],
    src: &'s Source<'s>,
    file: usize,
    classes: Vec<Class>,
    by_full_name: HashMap<String, usize>,
    by_node: HashMap<(usize, usize), usize>,
    by_binding: HashMap<BindingId, usize>,
    /// Every namespace and class full name, and their prefixes: a dotted name is looked up only
    /// while it can still name a class.
    known: HashSet<String>,
    global_usings: Vec<Vec<String>>,
    global_aliases: HashMap<String, Vec<String>>,
    usings: Vec<Vec<String>>,
    aliases: HashMap<String, Vec<String>>,
    namespace: Vec<String>,
    /// Where a class name is looked up, in order: the enclosing namespaces and the `using`s
    /// that hold project classes, then the global namespace.
    bases: Vec<String>,
    scopes: Vec<HashMap<String, BindingId>>,
    enclosing: Vec<usize>,
    /// The binding of each declared name, by its identifier node, for names declared before
    /// their statement is lowered.
    declared: HashMap<usize, BindingId>,
    /// How many loops enclose each local's declaration.
    depths: HashMap<BindingId, u32>,
    loop_depth: u32,
    runs: Runs,
    returns: Option<Returns>,
    budget: usize,
}

fn kids(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| !n.is_extra())
        .collect()
}

fn is_statement(kind: &str) -> bool {
    matches!(
        kind,
        "block"
            | "break_statement"
            | "checked_statement"
            | "continue_statement"
            | "do_statement"
            | "empty_statement"
            | "expression_statement"
            | "fixed_statement"
            | "for_statement"
            | "foreach_statement"
            | "goto_statement"
            | "if_statement"
            | "labeled_statement"
            | "local_declaration_statement"
            | "local_function_statement"
            | "lock_statement"
            | "return_statement"
            | "switch_statement"
            | "throw_statement"
            | "try_statement"
            | "unsafe_statement"
            | "using_statement"
            | "while_statement"
            | "yield_statement"
    )
}

fn is_pattern(kind: &str) -> bool {
    kind.ends_with("_pattern") || kind == "discard"
}

/// Whether a node is an expression (what [`Lowering::inner`] lowers as one).
fn is_expression(kind: &str) -> bool {
    kind.ends_with("_expression")
        || kind.ends_with("_literal")
        || matches!(
            kind,
            "identifier" | "generic_name" | "qualified_name" | "this" | "base"
        )
}

/// The text of an escape sequence (`\n`, `\u0041`, `\x41`).
fn unescape(escape: &str) -> String {
    let mut chars = escape.chars();
    chars.next();
    let decoded = match chars.next() {
        Some('n') => '\n',
        Some('t') => '\t',
        Some('r') => '\r',
        Some('0') => '\0',
        Some('a') => '\x07',
        Some('b') => '\x08',
        Some('f') => '\x0C',
        Some('v') => '\x0B',
        Some('e') => '\x1B',
        Some('u' | 'U' | 'x') => match u32::from_str_radix(chars.as_str(), 16)
            .ok()
            .and_then(char::from_u32)
        {
            Some(c) => c,
            None => return escape.to_owned(),
        },
        Some(c) => c,
        None => return escape.to_owned(),
    };
    decoded.to_string()
}

fn push_text(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Text(last)) => last.push_str(text),
        _ => parts.push(Part::Text(text.to_owned())),
    }
}

/// A multi-line raw string's text: without its first and last lines, each line without the
/// last line's indentation.
fn dedent(parts: &mut Vec<Part>) {
    let opens_line = matches!(parts.first(), Some(Part::Text(first)) if first.starts_with('\n') || first.starts_with("\r\n"));
    let Some(Part::Text(last)) = parts.last_mut().filter(|_| opens_line) else {
        return;
    };
    let Some(cut) = last.rfind('\n') else {
        return;
    };
    let indent = last[cut + 1..].to_owned();
    if !indent.trim().is_empty() {
        return;
    }
    last.truncate(cut);
    if last.ends_with('\r') {
        last.pop();
    }
    if let Some(Part::Text(first)) = parts.first_mut() {
        let skip = if first.starts_with('\n') { 1 } else { 2 };
        first.drain(..skip.min(first.len()));
    }
    let mut line_start = true;
    for part in parts.iter_mut() {
        let Part::Text(text) = part else {
            line_start = false;
            continue;
        };
        let mut out = String::with_capacity(text.len());
        for (index, line) in text.split_inclusive('\n').enumerate() {
            if index > 0 || line_start {
                out.push_str(
                    line.strip_prefix(indent.as_str())
                        .unwrap_or_else(|| line.trim_start_matches([' ', '\t'])),
                );
            } else {
                out.push_str(line);
            }
        }
        line_start = if text.is_empty() {
            line_start
        } else {
            text.ends_with('\n')
        };
        *text = out;
    }
    parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
}

/// The parts of a `string.Format` format: text, and each argument by index (`true` when
/// formatted, `{0:N}`); `None` when the format is not well-formed.
fn format_items(format: &str) -> Option<Vec<(String, Option<(usize, bool)>)>> {
    let mut items = vec![(String::new(), None)];
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                items.last_mut()?.0.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                items.last_mut()?.0.push('}');
            }
            '{' => {
                let mut item = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => item.push(c),
                    }
                }
                let digits = item.find([',', ':']).unwrap_or(item.len());
                let index = item[..digits].trim().parse().ok()?;
                items.push((String::new(), Some((index, digits < item.len()))));
            }
            '}' => return None,
            c => items.last_mut()?.0.push(c),
        }
    }
    Some(items)
}

impl<'s, 'l, 'p> Lowering<'s, 'l, 'p> {
    fn new(sources: &'s [Source<'s>], out: &'l mut Lowerer<'p>) -> Self {
        Lowering {
            out,
            sources,
            src: &sources[0],
            file: 0,
            classes: Vec::new(),
            by_full_name: HashMap::new(),
            by_node: HashMap::new(),
            by_binding: HashMap::new(),
            known: HashSet::new(),
            global_usings: Vec::new(),
            global_aliases: HashMap::new(),
            usings: Vec::new(),
            aliases: HashMap::new(),
            namespace: Vec::new(),
            bases: Vec::new(),
            scopes: Vec::new(),
            enclosing: Vec::new(),
            declared: HashMap::new(),
            depths: HashMap::new(),
            loop_depth: 0,
            runs: Runs::Once,
            returns: None,
            budget: CANDIDATE_BUDGET,
        }
    }

    fn run(mut self) {
        let sources = self.sources;
        for (file, source) in sources.iter().enumerate() {
            self.src = source;
            self.file = file;
            self.collect(source.tree.root_node(), "", None);
        }
        for (file, source) in sources.iter().enumerate() {
            self.src = source;
            self.file = file;
            self.declared.clear();
            self.usings = self.global_usings.clone();
            self.aliases = self.global_aliases.clone();
            self.namespace.clear();
            self.refresh();
            self.scopes = vec![HashMap::new()];
            let root = source.tree.root_node();
            self.predeclare(root);
            self.items(root);
        }
    }

    fn text(&self, node: Node<'s>) -> &'s str {
        let src: &'s Source<'s> = self.src;
        src.text(node)
    }

    /// A name without its type arguments.
    fn simple(&self, node: Node<'s>) -> &'s str {
        match node.kind() {
            "generic_name" => kids(node).first().map_or("", |n| self.text(*n)),
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

    /// A namespace or `using` name's segments, without `global::` and type arguments.
    fn segments(&self, mut node: Node<'s>) -> Vec<String> {
        let mut segments = Vec::new();
        loop {
            let name = node.child_by_field_name("name");
            match node.kind() {
                "qualified_name" => {
                    segments.extend(name.map(|n| self.simple(n).to_owned()));
                    match node.child_by_field_name("qualifier") {
                        Some(qualifier) => node = qualifier,
                        None => break,
                    }
                }
                "alias_qualified_name" => {
                    segments.extend(name.map(|n| self.simple(n).to_owned()));
                    let alias = node.child_by_field_name("alias").map(|a| self.text(a));
                    segments.extend(alias.filter(|a| *a != "global").map(str::to_owned));
                    break;
                }
                _ => {
                    segments.push(self.simple(node).to_owned());
                    break;
                }
            }
        }
        segments.reverse();
        segments
    }

    /// Declares the classes of a file and their members, so that any file may name them.
    fn collect(&mut self, node: Node<'s>, container: &str, outer: Option<usize>) {
        let mut container = container.to_owned();
        for child in kids(node) {
            let name = child.child_by_field_name("name");
            match child.kind() {
                "file_scoped_namespace_declaration" => {
                    if let Some(name) = name {
                        container = self.segments(name).join(".");
                    }
                }
                "namespace_declaration" => {
                    let (Some(name), Some(body)) = (name, child.child_by_field_name("body")) else {
                        continue;
                    };
                    let mut inner = self.segments(name);
                    if !container.is_empty() {
                        inner.insert(0, container.clone());
                    }
                    self.collect(body, &inner.join("."), None);
                }
                "using_directive" if self.is_global(child) => self.using(child, true),
                "preproc_if" | "preproc_elif" | "preproc_else" | "ERROR" => {
                    self.collect(child, &container, outer)
                }
                kind if TYPE_DECLARATIONS.contains(&kind) => {
                    self.register(child, &container, outer)
                }
                _ => {}
            }
        }
    }

    fn register(&mut self, node: Node<'s>, container: &str, outer: Option<usize>) {
        let Some(name_node) = node.child_by_field_name("name") else {
            return;
        };
        let name = self.text(name_node);
        let full_name = if container.is_empty() {
            name.to_owned()
        } else {
            format!("{container}.{name}")
        };
        let index = match self.by_full_name.get(&full_name) {
            Some(index) => *index,
            None => {
                let binding = self.out.declare(name, self.src.span(name_node));
                let index = self.classes.len();
                self.classes.push(Class {
                    binding,
                    name: name.to_owned(),
                    full_name: full_name.clone(),
                    members: HashMap::new(),
                });
                self.by_full_name.insert(full_name.clone(), index);
                self.by_binding.insert(binding, index);
                let mut prefix = String::new();
                for segment in full_name.split('.') {
                    if !prefix.is_empty() {
                        prefix.push('.');
                    }
                    prefix.push_str(segment);
                    self.known.insert(prefix.clone());
                }
                index
            }
        };
        self.by_node.insert((self.file, node.id()), index);
        if let Some(outer) = outer {
            let binding = self.classes[index].binding;
            self.classes[outer].members.insert(name.to_owned(), binding);
        }
        if let Some(body) = node.child_by_field_name("body") {
            self.collect_members(body, &full_name, index);
        }
    }

    fn collect_members(&mut self, body: Node<'s>, full_name: &str, index: usize) {
        for member in kids(body) {
            let mut names = Vec::new();
            match member.kind() {
                "field_declaration" | "event_field_declaration" => {
                    for declaration in kids(member) {
                        for declarator in kids(declaration) {
                            names.extend(declarator.child_by_field_name("name"));
                        }
                    }
                }
                "property_declaration"
                | "method_declaration"
                | "event_declaration"
                | "enum_member_declaration" => names.extend(member.child_by_field_name("name")),
                "preproc_if" | "preproc_elif" | "preproc_else" => {
                    self.collect_members(member, full_name, index)
                }
                kind if TYPE_DECLARATIONS.contains(&kind) => {
                    self.register(member, full_name, Some(index))
                }
                _ => {}
            }
            for name in names {
                let text = self.text(name);
                if !self.classes[index].members.contains_key(text) {
                    let binding = self.out.declare(text, self.src.span(name));
                    self.classes[index].members.insert(text.to_owned(), binding);
                }
            }
        }
    }

    fn is_global(&self, using: Node<'s>) -> bool {
        let mut cursor = using.walk();
        let global = using.children(&mut cursor).any(|c| c.kind() == "global");
        global
    }

    /// Records a `using` directive: a namespace (or `static` class) searched for free names, or
    /// an alias.
    fn using(&mut self, node: Node<'s>, global: bool) {
        let Some(target) = kids(node)
            .into_iter()
            .rfind(|k| Some(k.id()) != node.child_by_field_name("name").map(|n| n.id()))
        else {
            return;
        };
        let segments = self.segments(target);
        match node.child_by_field_name("name") {
            Some(alias) if global => {
                self.global_aliases
                    .insert(self.text(alias).to_owned(), segments);
            }
            Some(alias) => {
                self.aliases.insert(self.text(alias).to_owned(), segments);
            }
            None if global => self.global_usings.push(segments),
            None => self.usings.push(segments),
        }
    }

    /// Recomputes where class names are looked up, after the namespace or `using`s changed.
    fn refresh(&mut self) {
        let namespaces = (1..=self.namespace.len())
            .rev()
            .map(|n| self.namespace[..n].join("."));
        let usings = self.usings.iter().map(|u| u.join("."));
        self.bases = namespaces
            .chain(usings)
            .filter(|base| self.known.contains(base))
            .chain([String::new()])
            .collect();
    }

    /// The paths a free name may have: each `using` namespace's, the enclosing namespaces',
    /// then its own.
    fn candidates(&mut self, name: &str) -> Vec<Vec<String>> {
        let own = vec![name.to_owned()];
        let count = self.usings.len() + self.namespace.len() + 1;
        if count > self.budget {
            return vec![own];
        }
        self.budget -= count;
        let within = |prefix: &[String]| {
            let mut path = prefix.to_vec();
            path.push(name.to_owned());
            path
        };
        let mut candidates: Vec<Vec<String>> = self.usings.iter().map(|u| within(u)).collect();
        candidates.extend(
            (1..=self.namespace.len())
                .rev()
                .map(|n| within(&self.namespace[..n])),
        );
        candidates.push(own);
        candidates
    }

    /// The project class a dotted name starting at `base` names, with how many of the names
    /// it takes (the longest that names a class).
    fn walk(&self, base: &str, names: &[&str], base_counts: bool) -> Option<(usize, usize)> {
        let mut path = base.to_owned();
        let mut found = None;
        if base_counts && let Some(class) = self.by_full_name.get(&path) {
            found = Some((*class, 0));
        }
        for (index, name) in names.iter().enumerate() {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            if !self.known.contains(&path) {
                break;
            }
            if let Some(class) = self.by_full_name.get(&path) {
                found = Some((*class, index + 1));
            }
        }
        found
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(name).copied())
    }

    /// What the first names of a dotted name are, and how many of them it takes: a local or
    /// member, a project class, an alias's target or a free name. In a type (`types`), only
    /// classes are looked up in scope.
    fn resolve(&mut self, names: &[&str], global: bool, types: bool) -> (Expr, usize) {
        let first = names.first().copied().unwrap_or_default();
        if !global
            && let Some(binding) = self.lookup(first)
            && (!types || self.by_binding.contains_key(&binding))
        {
            return (Expr::Name(binding), 1);
        }
        let alias = if global {
            None
        } else {
            self.aliases.get(first).cloned()
        };
        let found = match &alias {
            Some(target) => self
                .walk(&target.join("."), &names[1..], true)
                .map(|(class, taken)| (class, taken + 1)),
            None if global => self.walk("", names, false),
            None => self
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
    /// resolved, the others members.
    fn dotted(&mut self, node: Node<'s>, types: bool) -> Option<ExprId> {
        let mut levels = Vec::new();
        let mut leftmost = node;
        let mut prefixed = node;
        let global = loop {
            match leftmost.kind() {
                "member_access_expression" | "qualified_name" => {
                    levels.push(leftmost);
                    let field = if leftmost.kind() == "qualified_name" {
                        "qualifier"
                    } else {
                        "expression"
                    };
                    leftmost = leftmost.child_by_field_name(field)?;
                }
                "identifier" | "generic_name" => break false,
                "alias_qualified_name" => {
                    let alias = leftmost.child_by_field_name("alias")?;
                    if self.text(alias) != "global" {
                        return None;
                    }
                    prefixed = leftmost;
                    leftmost = leftmost.child_by_field_name("name")?;
                    break true;
                }
                _ => return None,
            }
        };
        if leftmost.is_missing() {
            return None;
        }
        levels.reverse();
        let mut names = vec![self.simple(leftmost)];
        for level in &levels {
            names.push(
                level
                    .child_by_field_name("name")
                    .map_or("", |n| self.simple(n)),
            );
        }
        let (expr, taken) = self.resolve(&names, global, types);
        let at = match taken {
            2.. => levels[taken - 2],
            _ if global => prefixed,
            _ => leftmost,
        };
        let mut id = self.add(expr, at);
        for (index, level) in levels.iter().enumerate().skip(taken - 1) {
            let Some(name) = level.child_by_field_name("name") else {
                continue;
            };
            let name_span = self.src.span(name);
            id = self.add(
                Expr::Member {
                    object: id,
                    name: names[index + 1].to_owned(),
                    name_span,
                },
                *level,
            );
        }
        Some(id)
    }
}

/// Expressions.
impl<'s> Lowering<'s, '_, '_> {
    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let first = || kids(node).into_iter().next();
        match node.kind() {
            "identifier" | "generic_name" | "qualified_name" | "alias_qualified_name" => {
                match self.dotted(node, false) {
                    Some(id) => id,
                    None => self.opaque("a name that does not parse", node),
                }
            }
            "member_access_expression" => self.member(node),
            "predefined_type" => {
                let name = self.text(node).to_owned();
                self.add(Expr::Global(vec![vec![name]]), node)
            }
            "integer_literal" | "real_literal" => {
                self.add(Expr::Number(self.text(node).to_owned()), node)
            }
            "boolean_literal" => self.add(Expr::Bool(self.text(node) == "true"), node),
            "null_literal" => self.add(Expr::Null, node),
            "string_literal" | "character_literal" => {
                let mut text = String::new();
                for part in kids(node) {
                    match part.kind() {
                        "escape_sequence" => text.push_str(&unescape(self.text(part))),
                        "string_literal_encoding" => {}
                        _ => text.push_str(self.text(part)),
                    }
                }
                self.add(Expr::Str(text), node)
            }
            "verbatim_string_literal" => {
                let written = self.text(node);
                let inner = written.strip_prefix("@\"").unwrap_or(written);
                let inner = inner.strip_suffix("u8").unwrap_or(inner);
                let inner = inner.strip_suffix('"').unwrap_or(inner);
                self.add(Expr::Str(inner.replace("\"\"", "\"")), node)
            }
            "raw_string_literal" => {
                let content: String = kids(node)
                    .into_iter()
                    .filter(|k| k.kind() == "raw_string_content")
                    .map(|k| self.text(k))
                    .collect();
                let mut parts = vec![Part::Text(content)];
                dedent(&mut parts);
                let text = match parts.first() {
                    Some(Part::Text(text)) => text.clone(),
                    _ => String::new(),
                };
                self.add(Expr::Str(text), node)
            }
            "interpolated_string_expression" => self.interpolated(node),
            "binary_expression" => self.binary(node),
            "conditional_expression" => {
                if let Some(condition) = node.child_by_field_name("condition") {
                    self.expr(condition);
                }
                self.maybe(CONDITIONAL, |s| {
                    for field in ["consequence", "alternative"] {
                        if let Some(branch) = node.child_by_field_name(field) {
                            s.expr(branch);
                        }
                    }
                });
                self.opaque("a conditional expression", node)
            }
            "parenthesized_expression"
            | "await_expression"
            | "checked_expression"
            | "ref_expression" => match first() {
                Some(inner) => self.expr(inner),
                None => self.opaque("an empty expression", node),
            },
            "cast_expression" => match node.child_by_field_name("value") {
                Some(value) => self.expr(value),
                None => self.opaque("a cast that does not parse", node),
            },
            "as_expression" => match node.child_by_field_name("left") {
                Some(value) => self.expr(value),
                None => self.opaque("an `as` that does not parse", node),
            },
            "postfix_unary_expression" | "prefix_unary_expression" => self.unary(node),
            "is_pattern_expression" => {
                if let Some(value) = node.child_by_field_name("expression") {
                    self.expr(value);
                }
                if let Some(pattern) = node.child_by_field_name("pattern") {
                    self.patterns(pattern);
                }
                self.opaque("an `is` test", node)
            }
            "assignment_expression" => self.assignment(node),
            "invocation_expression" => self.call(node),
            "object_creation_expression" => self.creation(node),
            "implicit_object_creation_expression" => {
                let all = kids(node);
                let arguments = all.iter().copied().find(|k| k.kind() == "argument_list");
                let init = all
                    .iter()
                    .copied()
                    .find(|k| k.kind() == "initializer_expression");
                let class = self.opaque("the type a target-typed `new` creates", node);
                self.construct(node, class, arguments, init, false)
            }
            "array_creation_expression"
            | "implicit_array_creation_expression"
            | "stackalloc_expression"
            | "implicit_stackalloc_expression" => {
                match kids(node)
                    .into_iter()
                    .find(|k| k.kind() == "initializer_expression")
                {
                    Some(init) => self.initializer(init, None, node, true),
                    None => {
                        self.inner(node);
                        self.opaque("an array of a given size", node)
                    }
                }
            }
            "initializer_expression" => self.initializer(node, None, node, false),
            "anonymous_object_creation_expression" => self.anonymous(node),
            "with_expression" => {
                let mut members = Vec::new();
                for part in kids(node) {
                    if part.kind() != "with_initializer" {
                        members.push(Member::Spread(self.expr(part)));
                        continue;
                    }
                    let fields = kids(part);
                    if let [name, value] = fields[..] {
                        let value = self.expr(value);
                        members.push(Member::Field {
                            name: self.text(name).to_owned(),
                            name_span: self.src.span(name),
                            value,
                            span: self.src.span(part),
                        });
                    }
                }
                self.add(
                    Expr::Object(Object {
                        class: None,
                        members,
                    }),
                    node,
                )
            }
            "collection_expression" => {
                let mut items = Vec::new();
                for element in kids(node) {
                    let Some(inner) = kids(element).into_iter().next() else {
                        continue;
                    };
                    let Some(value) = kids(inner).into_iter().next() else {
                        continue;
                    };
                    let value = self.expr(value);
                    items.push(match inner.kind() {
                        "spread_element" => Item::Spread(value),
                        _ => Item::One(value),
                    });
                }
                self.add(Expr::List(items), node)
            }
            "tuple_expression" => {
                let items = self
                    .arguments(Some(node))
                    .into_iter()
                    .map(|a| Item::One(a.value));
                let items = items.collect();
                self.add(Expr::List(items), node)
            }
            "lambda_expression" | "anonymous_method_expression" => self.lambda(node),
            "element_access_expression" => {
                let object = node.child_by_field_name("expression");
                let subscript = node.child_by_field_name("subscript");
                self.index(node, object, subscript)
            }
            "conditional_access_expression" => {
                let object = node.child_by_field_name("condition");
                let binding = kids(node).into_iter().last();
                match binding {
                    Some(b) if b.kind() == "member_binding_expression" => {
                        let object = match object {
                            Some(object) => self.expr(object),
                            None => self.opaque("a value that does not parse", node),
                        };
                        let name = b.child_by_field_name("name");
                        let (name, name_span) = match name {
                            Some(n) => (self.simple(n).to_owned(), self.src.span(n)),
                            None => (String::new(), self.src.span(b)),
                        };
                        self.add(
                            Expr::Member {
                                object,
                                name,
                                name_span,
                            },
                            node,
                        )
                    }
                    Some(b) if b.kind() == "element_binding_expression" => {
                        self.index(node, object, Some(b))
                    }
                    _ => {
                        self.inner(node);
                        self.opaque("a `?.` that does not parse", node)
                    }
                }
            }
            "declaration_expression" => match node.child_by_field_name("name") {
                Some(name) => {
                    let binding = self.declare(name);
                    self.out.unknown(binding, "an `out` variable");
                    self.add(Expr::Name(binding), name)
                }
                None => self.opaque("a declaration", node),
            },
            "switch_expression" => {
                let all = kids(node);
                if let Some(value) = all.first() {
                    self.expr(*value);
                }
                self.maybe(SWITCH, |s| {
                    for arm in all.iter().skip(1) {
                        s.arm(*arm);
                    }
                });
                self.opaque("a `switch` expression", node)
            }
            "query_expression" => {
                self.scopes.push(HashMap::new());
                self.maybe(LOOP, |s| {
                    for clause in kids(node) {
                        for part in kids(clause) {
                            match part.kind() {
                                "identifier" if clause.kind() != "select_clause" => {
                                    let binding = s.declare(part);
                                    s.out.unknown(binding, "a query variable");
                                }
                                kind if is_expression(kind) => {
                                    s.expr(part);
                                }
                                _ => {}
                            }
                        }
                    }
                });
                self.scopes.pop();
                self.opaque("a query expression", node)
            }
            "this" => self.opaque("the object `this`", node),
            "base" => self.opaque("the base object `base`", node),
            "ERROR" => {
                self.inner(node);
                self.opaque("code that does not parse", node)
            }
            kind => {
                self.inner(node);
                let reason = format!("a {} expression", kind.trim_end_matches("_expression"));
                self.opaque(&reason.replace('_', " "), node)
            }
        }
    }

    /// Lowers what a node holds, whatever it is: statements, expressions, classes.
    fn inner(&mut self, node: Node<'s>) {
        for child in kids(node) {
            match child.kind() {
                kind if is_statement(kind) => self.statement(child),
                kind if is_expression(kind) => {
                    self.expr(child);
                }
                kind if TYPE_DECLARATIONS.contains(&kind) => self.class(child),
                _ => self.inner(child),
            }
        }
    }

    /// Runs `lower` where what it lowers may not run (or runs many times).
    fn maybe<R>(&mut self, reason: &str, lower: impl FnOnce(&mut Self) -> R) -> R {
        let runs = self.runs.clone();
        if !matches!(runs, Runs::Maybe(_)) {
            self.runs = Runs::Maybe(reason.to_owned());
        }
        let result = lower(self);
        self.runs = runs;
        result
    }

    fn looping(&mut self, lower: impl FnOnce(&mut Self)) {
        self.loop_depth += 1;
        self.maybe(LOOP, lower);
        self.loop_depth -= 1;
    }

    fn member(&mut self, node: Node<'s>) -> ExprId {
        if let Some(id) = self.dotted(node, false) {
            return id;
        }
        let name_node = node.child_by_field_name("name");
        let name = name_node.map_or("", |n| self.simple(n)).to_owned();
        let object = node.child_by_field_name("expression");
        if let Some(object) = object.filter(|o| o.kind() == "this")
            && let Some(binding) = self.this_member(&name)
        {
            let _ = object;
            return self.add(Expr::Name(binding), node);
        }
        let object = match object {
            Some(object) => self.expr(object),
            None => self.opaque("a value that does not parse", node),
        };
        let name_span = self.src.span(name_node.unwrap_or(node));
        self.add(
            Expr::Member {
                object,
                name,
                name_span,
            },
            node,
        )
    }

    /// The member of the class being lowered that `this.name` is.
    fn this_member(&self, name: &str) -> Option<BindingId> {
        let class = *self.enclosing.last()?;
        self.classes[class].members.get(name).copied()
    }

    fn index(
        &mut self,
        node: Node<'s>,
        object: Option<Node<'s>>,
        subscript: Option<Node<'s>>,
    ) -> ExprId {
        let object = match object {
            Some(object) => self.expr(object),
            None => self.opaque("a value that does not parse", node),
        };
        let arguments = self.arguments(subscript);
        match arguments[..] {
            [Argument { value, .. }] => self.add(
                Expr::Index {
                    object,
                    index: value,
                },
                node,
            ),
            _ => self.opaque("an index of several values", node),
        }
    }

    fn unary(&mut self, node: Node<'s>) -> ExprId {
        let operator = node
            .child(if node.kind() == "prefix_unary_expression" {
                0
            } else {
                1
            })
            .map_or("", |o| self.text(o));
        let Some(operand) = kids(node).into_iter().next() else {
            return self.opaque("an operator without a value", node);
        };
        match operator {
            "!" if node.kind() == "postfix_unary_expression" => self.expr(operand),
            "&" => self.expr(operand),
            "-" if matches!(operand.kind(), "integer_literal" | "real_literal") => {
                self.add(Expr::Number(self.text(node).to_owned()), node)
            }
            "++" | "--" => {
                if let Some(binding) = self.target(operand) {
                    let reason = format!("changed by `{operator}`");
                    self.out.unknown(binding.0, reason);
                }
                self.opaque(&format!("a `{operator}`"), node)
            }
            _ => {
                self.expr(operand);
                self.opaque(&format!("a `{operator}` expression"), node)
            }
        }
    }

    fn binary(&mut self, node: Node<'s>) -> ExprId {
        let operator = node
            .child_by_field_name("operator")
            .map_or("", |o| self.text(o));
        let left = node.child_by_field_name("left").map(|l| self.expr(l));
        let right = node.child_by_field_name("right");
        if matches!(operator, "&&" | "||" | "??") {
            let reason = format!("on the right of `{operator}`, which may not run");
            self.maybe(&reason, |s| right.map(|r| s.expr(r)));
            return self.opaque(&format!("a `{operator}` expression"), node);
        }
        let right = right.map(|r| self.expr(r));
        let (Some(left), Some(right), "+") = (left, right, operator) else {
            return self.opaque(&format!("a `{operator}` expression"), node);
        };
        let mut parts = Vec::new();
        for side in [left, right] {
            match self.out.program().expr(side) {
                Expr::Str(text) => push_text(&mut parts, &text.clone()),
                Expr::Template(inner) => {
                    for part in inner.clone() {
                        match part {
                            Part::Text(text) => push_text(&mut parts, &text),
                            value => parts.push(value),
                        }
                    }
                }
                _ => parts.push(Part::Value(side)),
            }
        }
        self.add(Expr::Template(parts), node)
    }

    fn interpolated(&mut self, node: Node<'s>) -> ExprId {
        let all = kids(node);
        let start = all.iter().find(|k| k.kind() == "interpolation_start");
        let verbatim = start.is_some_and(|s| self.text(*s).contains('@'));
        let raw = all
            .iter()
            .any(|k| k.kind() == "interpolation_quote" && self.text(*k).starts_with("\"\"\""));
        let mut parts = Vec::new();
        for part in all {
            match part.kind() {
                "string_content" if raw => push_text(&mut parts, self.text(part)),
                "string_content" => {
                    let text = self.text(part).replace("{{", "{").replace("}}", "}");
                    let text = if verbatim {
                        text.replace("\"\"", "\"")
                    } else {
                        text
                    };
                    push_text(&mut parts, &text);
                }
                "escape_sequence" => push_text(&mut parts, &unescape(self.text(part))),
                "interpolation" => {
                    let inner = kids(part);
                    let formatted = inner.iter().any(|k| {
                        matches!(
                            k.kind(),
                            "interpolation_alignment_clause" | "interpolation_format_clause"
                        )
                    });
                    let value = inner.iter().find(|k| {
                        !matches!(
                            k.kind(),
                            "interpolation_brace"
                                | "interpolation_alignment_clause"
                                | "interpolation_format_clause"
                        )
                    });
                    if let Some(value) = value {
                        let mut value = self.expr(*value);
                        if formatted {
                            value = self.opaque("a formatted value", part);
                        }
                        parts.push(Part::Value(value));
                    }
                }
                _ => {}
            }
        }
        if raw {
            dedent(&mut parts);
        }
        self.add(Expr::Template(parts), node)
    }

    fn arguments(&mut self, list: Option<Node<'s>>) -> Vec<Argument> {
        let mut arguments = Vec::new();
        for argument in list.map(kids).unwrap_or_default() {
            if argument.kind() != "argument" {
                self.inner(argument);
                continue;
            }
            let name = argument.child_by_field_name("name");
            let value = kids(argument)
                .into_iter()
                .find(|k| Some(k.id()) != name.map(|n| n.id()));
            let Some(value) = value else { continue };
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
        let Some(function) = node.child_by_field_name("function") else {
            self.inner(node);
            return self.opaque("a call that does not parse", node);
        };
        let list = node.child_by_field_name("arguments");
        let method = (function.kind() == "member_access_expression")
            .then(|| function.child_by_field_name("expression"))
            .flatten()
            .zip(function.child_by_field_name("name").map(|n| self.simple(n)));
        if function.kind() == "identifier"
            && self.text(function) == "nameof"
            && self.lookup("nameof").is_none()
        {
            let named = list
                .and_then(|l| kids(l).into_iter().next())
                .and_then(|a| kids(a).into_iter().last());
            if let Some(named) = named {
                let last = named.child_by_field_name("name").unwrap_or(named);
                return self.add(Expr::Str(self.simple(last).to_owned()), node);
            }
        }
        let conditional = {
            let mut link = function;
            loop {
                let next = match link.kind() {
                    "conditional_access_expression" => break true,
                    "member_access_expression" | "element_access_expression" => "expression",
                    "invocation_expression" => "function",
                    _ => break false,
                };
                match link.child_by_field_name(next) {
                    Some(inner) => link = inner,
                    None => break false,
                }
            }
        };
        let lower = |s: &mut Self| {
            let callee = s.expr(function);
            let arguments = s.arguments(list);
            let serialised = method.is_some_and(|(object, name)| {
                let class = object.child_by_field_name("name").unwrap_or(object);
                matches!(
                    (s.simple(class), name),
                    ("JsonSerializer", "Serialize") | ("JsonConvert", "SerializeObject")
                )
            });
            if serialised && let Some(first) = arguments.first() {
                return s.add(Expr::Json(first.value), node);
            }
            let format = method.is_some_and(|(object, name)| {
                let class = object.child_by_field_name("name").unwrap_or(object);
                name == "Format" && matches!(s.simple(class), "string" | "String")
            });
            if format && let Some(template) = s.format(&arguments) {
                return s.add(template, node);
            }
            let runs = s.runs.clone();
            let call = Call {
                callee,
                arguments,
                new: false,
                runs,
            };
            let id = s.add(Expr::Call(call), node);
            if let Some((object, name)) = method
                && object.kind() == "identifier"
                && MUTATORS.contains(&name)
                && let Some(binding) = s.lookup(s.text(object))
                && let BindingValue::Value(value) = &s.out.program().binding(binding).value
                && matches!(
                    s.out.program().expr(*value),
                    Expr::List(_) | Expr::Object(_)
                )
            {
                let reason = format!("changed by `.{name}(…)`");
                s.out.unknown(binding, reason);
            }
            id
        };
        if conditional {
            self.maybe(NULL_CONDITIONAL, lower)
        } else {
            lower(self)
        }
    }

    /// `string.Format("{0}-{1}", a, b)` as a template, when its format is a literal.
    fn format(&mut self, arguments: &[Argument]) -> Option<Expr> {
        let (first, values) = arguments.split_first()?;
        let Expr::Str(format) = self.out.program().expr(first.value) else {
            return None;
        };
        let items = format_items(format)?;
        let span = self.out.program().span(first.value);
        let mut parts = Vec::new();
        for (text, argument) in items {
            if let Some((index, formatted)) = argument {
                let value = values.get(index)?.value;
                let value = if formatted {
                    self.out
                        .add(Expr::Opaque("a formatted value".to_owned()), span)
                } else {
                    value
                };
                parts.push(Part::Value(value));
            }
            push_text(&mut parts, &text);
        }
        parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
        Some(Expr::Template(parts))
    }

    fn type_expr(&mut self, node: Node<'s>) -> ExprId {
        match node.kind() {
            "nullable_type" | "ref_type" | "scoped_type" => {
                match node.child_by_field_name("type") {
                    Some(inner) => self.type_expr(inner),
                    None => self.opaque("a type", node),
                }
            }
            "predefined_type" => self.expr(node),
            _ => match self.dotted(node, true) {
                Some(id) => id,
                None => self.opaque("a type", node),
            },
        }
    }

    fn creation(&mut self, node: Node<'s>) -> ExprId {
        let class = match node.child_by_field_name("type") {
            Some(class) => self.type_expr(class),
            None => self.opaque("a type that does not parse", node),
        };
        let arguments = node.child_by_field_name("arguments");
        let init = node.child_by_field_name("initializer");
        self.construct(node, class, arguments, init, true)
    }

    /// `new T(…)`, `new T { … }`, `new T(…) { … }`: a call, unless an initialiser alone says
    /// what the object holds.
    fn construct(
        &mut self,
        node: Node<'s>,
        class: ExprId,
        list: Option<Node<'s>>,
        init: Option<Node<'s>>,
        typed: bool,
    ) -> ExprId {
        let has_arguments = list.is_some_and(|l| !kids(l).is_empty());
        if let Some(init) = init.filter(|_| !has_arguments) {
            return self.initializer(init, typed.then_some(class), node, false);
        }
        let mut arguments = self.arguments(list);
        for element in init.map(kids).unwrap_or_default() {
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
                _ => {
                    self.expr(element);
                }
            }
        }
        let runs = self.runs.clone();
        self.add(
            Expr::Call(Call {
                callee: class,
                arguments,
                new: true,
                runs,
            }),
            node,
        )
    }

    fn element(&self, element: Node<'s>) -> Element<'s> {
        let left = element.child_by_field_name("left");
        let right = element.child_by_field_name("right");
        match (element.kind(), left.map(|l| l.kind()), right) {
            ("assignment_expression", Some("identifier"), Some(right)) => {
                Element::Named(left.unwrap_or(element), right)
            }
            ("assignment_expression", Some("element_binding_expression"), Some(right)) => {
                Element::Keyed(left.unwrap_or(element), right)
            }
            ("initializer_expression", _, _) => match kids(element)[..] {
                [key, value] => Element::Keyed(key, value),
                ref values => Element::Add(values.len()),
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

    /// An initialiser: the elements of a list (`{ a, b }`), or the members of an object
    /// (`{ A = 1 }`, `{ ["k"] = v }`, `{ { "k", v } }`).
    fn initializer(
        &mut self,
        init: Node<'s>,
        class: Option<ExprId>,
        at: Node<'s>,
        list: bool,
    ) -> ExprId {
        let elements = kids(init);
        let plain = elements
            .iter()
            .all(|e| matches!(self.element(*e), Element::Plain));
        if list || (plain && !elements.is_empty()) {
            let items = elements
                .into_iter()
                .map(|e| Item::One(self.value(e)))
                .collect();
            return self.add(Expr::List(items), at);
        }
        let keyed = elements
            .iter()
            .any(|e| matches!(self.element(*e), Element::Keyed(..) | Element::Add(_)));
        let mut members = Vec::new();
        for element in elements {
            let span = self.src.span(element);
            match self.element(element) {
                Element::Named(name, value) => {
                    let value = self.value(value);
                    let name_span = self.src.span(name);
                    members.push(Member::Field {
                        name: self.text(name).to_owned(),
                        name_span,
                        value,
                        span,
                    });
                }
                Element::Keyed(key, value) => {
                    let key_node = match key.kind() {
                        "element_binding_expression" => kids(key)
                            .into_iter()
                            .next()
                            .and_then(|a| kids(a).into_iter().last()),
                        _ => Some(key),
                    };
                    let key = match key_node {
                        Some(key) => self.expr(key),
                        None => self.opaque("a key that does not parse", key),
                    };
                    let value = self.value(value);
                    members.push(match self.out.program().expr(key) {
                        Expr::Str(name) => Member::Field {
                            name: name.clone(),
                            name_span: self.out.program().span(key),
                            value,
                            span,
                        },
                        _ => Member::Computed { key, value, span },
                    });
                }
                Element::Add(count) => {
                    self.inner(element);
                    let reason = format!("an `Add` of {count} values");
                    members.push(Member::Opaque { name: None, reason });
                }
                Element::Plain => {
                    self.expr(element);
                    let reason = "an element among named members".to_owned();
                    members.push(Member::Opaque { name: None, reason });
                }
            }
        }
        let class = if keyed { None } else { class };
        self.add(Expr::Object(Object { class, members }), at)
    }

    /// `new { A = 1, B, x.C }`.
    fn anonymous(&mut self, node: Node<'s>) -> ExprId {
        let mut members = Vec::new();
        // Tree-sitter finds a sibling through the parent, from the root: the tokens are read
        // in one pass instead.
        let mut cursor = node.walk();
        let all: Vec<Node> = node
            .children(&mut cursor)
            .filter(|n| !n.is_extra())
            .collect();
        let mut index = 0;
        while let Some(&first) = all.get(index) {
            index += 1;
            if !first.is_named() {
                continue;
            }
            let value_node = all
                .get(index + 1)
                .filter(|_| all.get(index).is_some_and(|n| n.kind() == "="));
            let (name, value, span) = if let Some(&value_node) = value_node {
                index += 2;
                let span = self.src.span(first).to(self.src.span(value_node));
                (first, self.expr(value_node), span)
            } else {
                let name = first.child_by_field_name("name").unwrap_or(first);
                (name, self.expr(first), self.src.span(first))
            };
            members.push(Member::Field {
                name: self.simple(name).to_owned(),
                name_span: self.src.span(name),
                value,
                span,
            });
        }
        self.add(
            Expr::Object(Object {
                class: None,
                members,
            }),
            node,
        )
    }
}

/// Names, statements and functions.
impl<'s> Lowering<'s, '_, '_> {
    fn declare(&mut self, name: Node<'s>) -> BindingId {
        let binding = self.out.declare(self.text(name), self.src.span(name));
        let text = self.text(name).to_owned();
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(text, binding);
        }
        self.depths.insert(binding, self.loop_depth);
        self.declared.insert(name.id(), binding);
        binding
    }

    /// The binding of a declared name, declared before its statement or now.
    fn binding(&mut self, name: Node<'s>) -> BindingId {
        match self.declared.get(&name.id()) {
            Some(binding) => *binding,
            None => self.declare(name),
        }
    }

    /// Gives a name a value where it is assigned (in a loop: any number of values).
    fn set(&mut self, binding: BindingId, value: ExprId) {
        self.out.assign(binding, value);
        if self.depths.get(&binding).copied().unwrap_or(0) < self.loop_depth {
            self.out.unknown(binding, "assigned in a loop");
        }
    }

    /// Declares the locals and local functions of a block before its statements are lowered.
    fn predeclare(&mut self, node: Node<'s>) {
        for child in kids(node) {
            match child.kind() {
                "global_statement" | "labeled_statement" | "preproc_if" | "preproc_elif"
                | "preproc_else" => self.predeclare(child),
                "local_declaration_statement" => {
                    for declarator in kids(child).into_iter().flat_map(kids) {
                        let names = match declarator.child_by_field_name("name") {
                            Some(name) => vec![name],
                            None => kids(declarator)
                                .into_iter()
                                .filter(|k| k.kind() == "tuple_pattern")
                                .flat_map(kids)
                                .filter(|k| k.kind() == "identifier")
                                .collect(),
                        };
                        for name in names {
                            self.declare(name);
                        }
                    }
                }
                "local_function_statement" => {
                    if let Some(name) = child.child_by_field_name("name") {
                        self.declare(name);
                    }
                }
                _ => {}
            }
        }
    }

    /// `var a = 1, b;`, `var (a, b) = …;`.
    fn variables(&mut self, declaration: Node<'s>) {
        for declarator in kids(declaration) {
            if declarator.kind() != "variable_declarator" {
                self.inner(declarator);
                continue;
            }
            let name = declarator.child_by_field_name("name");
            let parts = kids(declarator);
            let tuple = parts.iter().copied().find(|k| k.kind() == "tuple_pattern");
            let value = parts.iter().copied().find(|k| {
                Some(k.id()) != name.map(|n| n.id())
                    && !matches!(k.kind(), "tuple_pattern" | "bracketed_argument_list")
            });
            let value = value.map(|v| self.expr(v));
            if let Some(name) = name {
                let binding = self.binding(name);
                if let Some(value) = value {
                    self.out.assign(binding, value);
                }
            }
            for name in tuple.map(kids).unwrap_or_default() {
                if name.kind() == "identifier" {
                    let binding = self.binding(name);
                    self.out.unknown(binding, "set by a deconstruction");
                }
            }
        }
    }

    /// Declares the variables a pattern introduces (`is Foo f`, `case var x`).
    fn patterns(&mut self, node: Node<'s>) {
        let mut cursor = node.walk();
        let children: Vec<(Option<&str>, Node<'s>)> = node
            .children(&mut cursor)
            .enumerate()
            .map(|(index, child)| (node.field_name_for_child(index as u32), child))
            .collect();
        for (field, child) in children {
            if field == Some("name") && child.kind() == "identifier" {
                let binding = self.declare(child);
                self.out.unknown(binding, "a pattern variable");
            } else if child.is_named() && child.kind() != "identifier" {
                self.patterns(child);
            }
        }
    }

    /// A `switch` expression's arm or a `switch` statement's section.
    fn arm(&mut self, arm: Node<'s>) {
        for part in kids(arm) {
            match part.kind() {
                kind if is_pattern(kind) => self.patterns(part),
                "when_clause" => self.inner(part),
                kind if is_statement(kind) => self.statement(part),
                _ => {
                    self.expr(part);
                }
            }
        }
    }

    /// What an assignment changes: a local or member, and whether it is the name itself
    /// (`x = …`) or what it holds (`x.Y = …`, `x[k] = …`). Lowers what the target computes.
    fn target(&mut self, node: Node<'s>) -> Option<(BindingId, bool)> {
        match node.kind() {
            "identifier" => self.lookup(self.text(node)).map(|b| (b, true)),
            "parenthesized_expression" => {
                kids(node).into_iter().next().and_then(|n| self.target(n))
            }
            "member_access_expression" | "element_access_expression" => {
                let object = node.child_by_field_name("expression")?;
                let name = node.child_by_field_name("name").map(|n| self.simple(n));
                if object.kind() == "this" {
                    return name.and_then(|n| self.this_member(n)).map(|b| (b, true));
                }
                let lowered = self.expr(node);
                if let Expr::Member { object, name, .. } = self.out.program().expr(lowered)
                    && let Expr::Name(class) = self.out.program().expr(*object)
                    && let Some(class) = self.by_binding.get(class)
                {
                    return self.classes[*class].members.get(name).map(|b| (*b, true));
                }
                let mut root = object;
                while let Some(inner) = root.child_by_field_name("expression") {
                    root = inner;
                }
                let binding = self
                    .lookup(self.text(root))
                    .filter(|_| root.kind() == "identifier")?;
                Some((binding, false))
            }
            "tuple_expression" => {
                for argument in kids(node).into_iter().flat_map(kids) {
                    if let Some((binding, _)) = self.target(argument) {
                        self.out.unknown(binding, "set by a deconstruction");
                    } else if argument.kind() == "declaration_expression" {
                        self.expr(argument);
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
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            self.inner(node);
            return self.opaque("an assignment that does not parse", node);
        };
        let operator = node
            .child_by_field_name("operator")
            .map_or("=", |o| self.text(o));
        let value = self.value(right);
        let name = self.text(left);
        match self.target(left) {
            Some((binding, true)) if operator == "=" => self.set(binding, value),
            Some((binding, true)) => self
                .out
                .unknown(binding, format!("changed by `{operator}`")),
            Some((binding, false)) => self.out.unknown(
                binding,
                format!("changed after it is given its value (`{name} = …`)"),
            ),
            None => {}
        }
        if operator == "=" {
            value
        } else {
            self.opaque(&format!("a `{operator}` assignment"), node)
        }
    }

    fn statement(&mut self, node: Node<'s>) {
        let field = |name: &str| node.child_by_field_name(name);
        match node.kind() {
            "block" => {
                self.scopes.push(HashMap::new());
                self.predeclare(node);
                for statement in kids(node) {
                    self.statement(statement);
                }
                self.scopes.pop();
            }
            "local_declaration_statement" => {
                for declaration in kids(node) {
                    self.variables(declaration);
                }
            }
            "local_function_statement" => {
                let Some(name) = field("name") else {
                    return self.inner(node);
                };
                let binding = self.binding(name);
                let name = self.text(name).to_owned();
                let runs = self.runs.clone();
                let function = self.function(
                    node,
                    Some(name),
                    field("parameters"),
                    field("body"),
                    vec![],
                    runs,
                );
                let value = self.add(Expr::Function(function), node);
                self.out.assign(binding, value);
            }
            "return_statement" => {
                if let Some(value) = kids(node).into_iter().next() {
                    let value = self.expr(value);
                    if let Some(returns) = &mut self.returns {
                        returns.count += 1;
                        returns.last = Some(value);
                    }
                }
            }
            "if_statement" => {
                if let Some(condition) = field("condition") {
                    self.expr(condition);
                }
                self.maybe(IF, |s| {
                    s.statement_in(field("consequence"));
                    s.statement_in(field("alternative"));
                });
            }
            "while_statement" | "do_statement" => self.looping(|s| {
                if let Some(condition) = field("condition") {
                    s.expr(condition);
                }
                s.statement_in(field("body"));
            }),
            "for_statement" => {
                self.scopes.push(HashMap::new());
                let mut cursor = node.walk();
                let initializers: Vec<Node> = node
                    .children_by_field_name("initializer", &mut cursor)
                    .collect();
                for initializer in initializers.into_iter().filter(|n| n.is_named()) {
                    match initializer.kind() {
                        "variable_declaration" => self.variables(initializer),
                        _ => {
                            self.expr(initializer);
                        }
                    }
                }
                self.looping(|s| {
                    for part in kids(node) {
                        if Some(part.id()) != field("body").map(|b| b.id())
                            && part.kind() != "variable_declaration"
                            && is_expression(part.kind())
                        {
                            s.expr(part);
                        }
                    }
                    s.statement_in(field("body"));
                });
                self.scopes.pop();
            }
            "foreach_statement" => {
                if let Some(values) = field("right") {
                    self.expr(values);
                }
                self.scopes.push(HashMap::new());
                if let Some(left) = field("left") {
                    let names = match left.kind() {
                        "identifier" => vec![left],
                        _ => kids(left)
                            .into_iter()
                            .filter(|k| k.kind() == "identifier")
                            .collect(),
                    };
                    for name in names {
                        let binding = self.declare(name);
                        self.out.unknown(binding, "a loop variable");
                    }
                }
                self.looping(|s| s.statement_in(field("body")));
                self.scopes.pop();
            }
            "switch_statement" => {
                if let Some(value) = field("value") {
                    self.expr(value);
                }
                self.scopes.push(HashMap::new());
                let sections = field("body").map(kids).unwrap_or_default();
                for section in &sections {
                    self.predeclare(*section);
                }
                self.maybe(SWITCH, |s| {
                    for section in sections {
                        s.arm(section);
                    }
                });
                self.scopes.pop();
            }
            "try_statement" => {
                for part in kids(node) {
                    match part.kind() {
                        "catch_clause" => self.maybe(CATCH, |s| {
                            s.scopes.push(HashMap::new());
                            for piece in kids(part) {
                                match piece.kind() {
                                    "catch_declaration" => {
                                        if let Some(name) = piece.child_by_field_name("name") {
                                            let binding = s.declare(name);
                                            s.out.unknown(binding, "a caught exception");
                                        }
                                    }
                                    "block" => s.statement(piece),
                                    _ => s.inner(piece),
                                }
                            }
                            s.scopes.pop();
                        }),
                        "finally_clause" => self.inner(part),
                        _ => self.statement(part),
                    }
                }
            }
            "using_statement" | "fixed_statement" | "lock_statement" | "checked_statement"
            | "unsafe_statement" | "labeled_statement" => {
                self.scopes.push(HashMap::new());
                for part in kids(node) {
                    match part.kind() {
                        "variable_declaration" => self.variables(part),
                        "identifier" if node.kind() == "labeled_statement" => {}
                        kind if is_statement(kind) => self.statement(part),
                        _ => {
                            self.expr(part);
                        }
                    }
                }
                self.scopes.pop();
            }
            "preproc_if" | "preproc_elif" | "preproc_else" => {
                self.maybe(PREPROCESSOR, |s| s.inner(node))
            }
            "empty_statement" | "break_statement" | "continue_statement" => {}
            _ => self.inner(node),
        }
    }

    /// A statement that is the body of another (`if (c) x = 1;`), in a scope of its own.
    fn statement_in(&mut self, node: Option<Node<'s>>) {
        if let Some(node) = node {
            self.scopes.push(HashMap::new());
            self.statement(node);
            self.scopes.pop();
        }
    }

    fn parameters(&mut self, list: Option<Node<'s>>, function: Option<&str>) -> Vec<BindingId> {
        let names = match list {
            Some(single) if single.kind() == "implicit_parameter" => vec![single],
            Some(list) => kids(list)
                .into_iter()
                .filter(|p| p.kind() == "parameter")
                .filter_map(|p| p.child_by_field_name("name"))
                .collect(),
            None => vec![],
        };
        let mut bindings = Vec::new();
        for name in names {
            let binding = self.out.parameter(
                self.text(name),
                self.src.span(name),
                function.map(str::to_owned),
            );
            let text = self.text(name).to_owned();
            if let Some(scope) = self.scopes.last_mut() {
                scope.insert(text, binding);
            }
            self.depths.insert(binding, self.loop_depth);
            bindings.push(binding);
        }
        bindings
    }

    /// A function, method or constructor, its body lowered.
    fn function(
        &mut self,
        node: Node<'s>,
        name: Option<String>,
        parameters: Option<Node<'s>>,
        body: Option<Node<'s>>,
        bases: Vec<ExprId>,
        runs: Runs,
    ) -> FunctionId {
        self.scopes.push(HashMap::new());
        let parameters = self.parameters(parameters, name.as_deref());
        let span = self.src.span(node);
        let id = self.out.function(Function {
            name,
            span,
            parameters,
            result: None,
            bases,
            runs,
        });
        self.body(id, body);
        self.scopes.pop();
        id
    }

    fn body(&mut self, id: FunctionId, body: Option<Node<'s>>) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(id));
        let returns = self.returns.replace(Returns {
            count: 0,
            last: None,
        });
        let mut result = None;
        match body {
            Some(block) if block.kind() == "block" => self.statement(block),
            Some(arrow) if arrow.kind() == "arrow_expression_clause" => {
                result = kids(arrow).into_iter().next().map(|e| self.expr(e));
            }
            Some(expression) => result = Some(self.expr(expression)),
            None => {}
        }
        if let Some(Returns { count: 1, last }) = std::mem::replace(&mut self.returns, returns) {
            result = result.or(last);
        }
        if result.is_some() {
            self.out.set_result(id, result);
        }
        self.runs = runs;
    }

    fn lambda(&mut self, node: Node<'s>) -> ExprId {
        let body = node
            .child_by_field_name("body")
            .or_else(|| kids(node).into_iter().find(|k| k.kind() == "block"));
        let runs = self.runs.clone();
        let function = self.function(
            node,
            None,
            node.child_by_field_name("parameters"),
            body,
            vec![],
            runs,
        );
        self.add(Expr::Function(function), node)
    }
}

/// Namespaces and classes.
impl<'s> Lowering<'s, '_, '_> {
    /// The members of a compilation unit or a namespace, in order.
    fn items(&mut self, node: Node<'s>) {
        let condition = node.child_by_field_name("condition").map(|c| c.id());
        for item in kids(node) {
            match item.kind() {
                "using_directive" if !self.is_global(item) => {
                    self.using(item, false);
                    self.refresh();
                }
                "global_statement" => self.inner(item),
                "file_scoped_namespace_declaration" => {
                    if let Some(name) = item.child_by_field_name("name") {
                        self.namespace.extend(self.segments(name));
                        self.refresh();
                    }
                }
                "namespace_declaration" => {
                    let saved = (
                        self.usings.len(),
                        self.aliases.clone(),
                        self.namespace.len(),
                    );
                    if let Some(name) = item.child_by_field_name("name") {
                        self.namespace.extend(self.segments(name));
                    }
                    self.refresh();
                    if let Some(body) = item.child_by_field_name("body") {
                        self.items(body);
                    }
                    self.usings.truncate(saved.0);
                    self.aliases = saved.1;
                    self.namespace.truncate(saved.2);
                    self.refresh();
                }
                "preproc_if" | "preproc_elif" | "preproc_else" => {
                    self.maybe(PREPROCESSOR, |s| s.items(item))
                }
                kind if TYPE_DECLARATIONS.contains(&kind) => self.class(item),
                kind if is_statement(kind) && Some(item.id()) != condition => self.statement(item),
                "ERROR" => self.inner(item),
                _ => {}
            }
        }
    }

    fn class(&mut self, node: Node<'s>) {
        let Some(&index) = self.by_node.get(&(self.file, node.id())) else {
            return;
        };
        let runs = std::mem::replace(&mut self.runs, Runs::Once);
        let returns = self.returns.take();
        let loop_depth = std::mem::replace(&mut self.loop_depth, 0);
        let scopes = std::mem::take(&mut self.scopes);
        for outer in self.enclosing.clone() {
            self.scopes.push(self.classes[outer].members.clone());
        }
        let name = self.classes[index].name.clone();
        let mut bases = Vec::new();
        let mut base_arguments = None;
        for base in node
            .children(&mut node.walk())
            .filter(|c| c.kind() == "base_list")
            .flat_map(kids)
        {
            match base.kind() {
                "argument_list" => base_arguments = Some(base),
                "primary_constructor_base_type" => {
                    if let Some(class) = base.child_by_field_name("type") {
                        bases.push(self.type_expr(class));
                    }
                    base_arguments = kids(base).into_iter().find(|k| k.kind() == "argument_list");
                }
                _ => bases.push(self.type_expr(base)),
            }
        }
        self.scopes.push(self.classes[index].members.clone());
        self.enclosing.push(index);
        let members = node
            .child_by_field_name("body")
            .map(flatten)
            .unwrap_or_default();
        // The constructors come first: instance initialisers run in them.
        let mut constructors = HashMap::new();
        let mut initialiser = None;
        if let Some(list) = kids(node)
            .into_iter()
            .find(|k| k.kind() == "parameter_list")
        {
            let parameters = self.parameters(Some(list), Some(&name));
            let span = self.src.span(node);
            let function = Function {
                name: Some(name.clone()),
                span,
                parameters,
                result: None,
                bases: bases.clone(),
                runs: Runs::Once,
            };
            initialiser = Some(self.out.function(function));
        }
        for constructor in members
            .iter()
            .filter(|m| m.kind() == "constructor_declaration")
        {
            self.scopes.push(HashMap::new());
            let parameters =
                self.parameters(constructor.child_by_field_name("parameters"), Some(&name));
            let span = self.src.span(*constructor);
            let function = Function {
                name: Some(name.clone()),
                span,
                parameters,
                result: None,
                bases: bases.clone(),
                runs: Runs::Once,
            };
            let id = self.out.function(function);
            initialiser.get_or_insert(id);
            constructors.insert(
                constructor.id(),
                (id, self.scopes.pop().unwrap_or_default()),
            );
        }
        let instantiable = matches!(
            node.kind(),
            "class_declaration" | "struct_declaration" | "record_declaration"
        );
        if initialiser.is_none() && instantiable && !self.modified(node, "static") {
            let span = self.src.span(node);
            let function = Function {
                name: Some(name.clone()),
                span,
                parameters: vec![],
                result: None,
                bases: bases.clone(),
                runs: Runs::Once,
            };
            initialiser = Some(self.out.function(function));
        }
        if let (Some(list), Some(id)) = (base_arguments, initialiser) {
            self.base_call(list, id);
        }
        let mut fields = Vec::new();
        for member in members {
            self.member_declaration(member, index, initialiser, &constructors, &mut fields);
        }
        self.scopes.pop();
        self.enclosing.pop();
        let object = self.add(
            Expr::Object(Object {
                class: None,
                members: fields,
            }),
            node,
        );
        let class = &self.classes[index];
        let (binding, full_name) = (class.binding, class.full_name.clone());
        self.out.assign(binding, object);
        let name_node = node.child_by_field_name("name").unwrap_or(node);
        let exported = self.add(Expr::Name(binding), name_node);
        self.out.export(full_name, exported);
        self.scopes = scopes;
        self.loop_depth = loop_depth;
        self.returns = returns;
        self.runs = runs;
    }

    fn modified(&self, node: Node<'s>, modifier: &str) -> bool {
        kids(node)
            .into_iter()
            .any(|k| k.kind() == "modifier" && self.text(k) == modifier)
    }

    /// `: base(…)`, `: this(…)`, `class C(int x) : B(x)`: a call of another constructor.
    fn base_call(&mut self, list: Node<'s>, constructor: FunctionId) {
        let runs = std::mem::replace(&mut self.runs, Runs::InFunction(constructor));
        let callee = self.opaque("another constructor of the object", list);
        let arguments = self.arguments(Some(list));
        let call = Call {
            callee,
            arguments,
            new: false,
            runs: self.runs.clone(),
        };
        self.add(Expr::Call(call), list);
        self.runs = runs;
    }

    fn member_declaration(
        &mut self,
        member: Node<'s>,
        class: usize,
        initialiser: Option<FunctionId>,
        constructors: &HashMap<usize, (FunctionId, HashMap<String, BindingId>)>,
        fields: &mut Vec<Member>,
    ) {
        let field = |name: &str| member.child_by_field_name(name);
        let binding_of =
            |s: &Self, name: Node<'s>| s.classes[class].members.get(s.text(name)).copied();
        let static_runs = |s: &Self| match initialiser {
            Some(id) if !s.modified(member, "static") && !s.modified(member, "const") => {
                Runs::InFunction(id)
            }
            _ => Runs::Once,
        };
        let mut field_of = |s: &mut Self, name: Node<'s>, binding: BindingId, span: Node<'s>| {
            let value = s.add(Expr::Name(binding), name);
            let (name_span, span) = (s.src.span(name), s.src.span(span));
            fields.push(Member::Field {
                name: s.text(name).to_owned(),
                name_span,
                value,
                span,
            });
        };
        match member.kind() {
            "field_declaration" | "event_field_declaration" => {
                let runs = static_runs(self);
                for declarator in kids(member).into_iter().flat_map(kids) {
                    let Some(name) = declarator.child_by_field_name("name") else {
                        continue;
                    };
                    let Some(binding) = binding_of(self, name) else {
                        continue;
                    };
                    let value = kids(declarator).into_iter().find(|k| k.id() != name.id());
                    if let Some(value) = value {
                        let saved = std::mem::replace(&mut self.runs, runs.clone());
                        let value = self.value(value);
                        self.runs = saved;
                        self.out.assign(binding, value);
                    }
                    field_of(self, name, binding, declarator);
                }
            }
            "property_declaration" | "event_declaration" | "indexer_declaration" => {
                let name = field("name");
                let binding = name.and_then(|n| binding_of(self, n));
                let label = name.map_or("this[]", |n| self.text(n)).to_owned();
                let accessors: Vec<Node> = field("accessors").map(kids).unwrap_or_default();
                let computed = field("value").filter(|v| v.kind() == "arrow_expression_clause");
                let bodies: Vec<Node> = accessors
                    .iter()
                    .copied()
                    .filter(|a| a.child_by_field_name("body").is_some())
                    .collect();
                if computed.is_some() || !bodies.is_empty() {
                    if let Some(arrow) = computed {
                        self.function(
                            member,
                            Some(label.clone()),
                            field("parameters"),
                            Some(arrow),
                            vec![],
                            Runs::Once,
                        );
                    }
                    for accessor in bodies {
                        let kind = accessor
                            .child_by_field_name("name")
                            .map_or("get", |n| self.text(n));
                        let name = Some(format!("{label}.{kind}"));
                        self.scopes.push(HashMap::new());
                        if kind != "get" {
                            let value =
                                self.out
                                    .parameter("value", self.src.span(accessor), name.clone());
                            self.scopes
                                .last_mut()
                                .map(|scope| scope.insert("value".to_owned(), value));
                        }
                        self.function(
                            accessor,
                            name,
                            field("parameters"),
                            accessor.child_by_field_name("body"),
                            vec![],
                            Runs::Once,
                        );
                        self.scopes.pop();
                    }
                    if let Some(binding) = binding {
                        self.out
                            .unknown(binding, "a property computed each time it is read");
                    }
                    let reason = "a property computed each time it is read".to_owned();
                    fields.push(Member::Opaque {
                        name: name.map(|n| self.text(n).to_owned()),
                        reason,
                    });
                    return;
                }
                let (Some(name), Some(binding)) = (name, binding) else {
                    return;
                };
                if let Some(value) = field("value") {
                    let runs = static_runs(self);
                    let saved = std::mem::replace(&mut self.runs, runs);
                    let value = self.value(value);
                    self.runs = saved;
                    self.out.assign(binding, value);
                }
                field_of(self, name, binding, member);
            }
            "method_declaration" => {
                let Some(name) = field("name") else { return };
                let label = Some(self.text(name).to_owned());
                let function = self.function(
                    member,
                    label,
                    field("parameters"),
                    field("body"),
                    vec![],
                    Runs::Once,
                );
                if let Some(binding) = binding_of(self, name) {
                    let value = self.add(Expr::Function(function), member);
                    self.out.assign(binding, value);
                    field_of(self, name, binding, member);
                }
            }
            "constructor_declaration" => {
                let Some((id, scope)) = constructors.get(&member.id()) else {
                    return;
                };
                self.scopes.push(scope.clone());
                if let Some(list) = kids(member)
                    .into_iter()
                    .find(|k| k.kind() == "constructor_initializer")
                    .and_then(|i| kids(i).into_iter().next())
                {
                    self.base_call(list, *id);
                }
                self.body(*id, field("body"));
                self.scopes.pop();
            }
            "destructor_declaration"
            | "operator_declaration"
            | "conversion_operator_declaration" => {
                let label = Some(format!(
                    "{} of {}",
                    member
                        .kind()
                        .trim_end_matches("_declaration")
                        .replace('_', " "),
                    self.classes[class].name
                ));
                self.function(
                    member,
                    label,
                    field("parameters"),
                    field("body"),
                    vec![],
                    Runs::Once,
                );
            }
            "enum_member_declaration" => {
                let Some(name) = field("name") else { return };
                let Some(binding) = binding_of(self, name) else {
                    return;
                };
                match field("value") {
                    Some(value) => {
                        let value = self.expr(value);
                        self.out.assign(binding, value);
                    }
                    None => self.out.unknown(binding, "an enum member without a value"),
                }
                field_of(self, name, binding, member);
            }
            "delegate_declaration" => {
                if let Some(&index) = self.by_node.get(&(self.file, member.id())) {
                    let binding = self.classes[index].binding;
                    self.out.unknown(binding, "a delegate type");
                }
            }
            kind if TYPE_DECLARATIONS.contains(&kind) => {
                self.class(member);
                if let (Some(name), Some(&index)) =
                    (field("name"), self.by_node.get(&(self.file, member.id())))
                {
                    let binding = self.classes[index].binding;
                    field_of(self, name, binding, member);
                }
            }
            _ => self.inner(member),
        }
    }
}

/// The members of a class body, those inside `#if` included.
fn flatten(body: Node) -> Vec<Node> {
    let mut members = Vec::new();
    for member in kids(body) {
        match member.kind() {
            "preproc_if" | "preproc_elif" | "preproc_else" => members.extend(flatten(member)),
            _ => members.push(member),
        }
    }
    members
}

#[cfg(test)]
mod tests;
