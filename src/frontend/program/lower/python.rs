//! Python: its scoping, imports and literals lowered into a [`Program`](super::super::Program).
//!
//! Python decides a name's scope by where it is bound: a name bound anywhere in a function
//! belongs to the function throughout it, even where it is used first. So each scope (the
//! module, a function, a lambda, a class body, a comprehension) has its names declared before
//! its statements are lowered; a class body's names are not seen by the scopes inside it.
//!
//! A module is a file: `__main__.py`, or the project's `main` (a file, or a directory holding
//! `__main__.py`). An import names a module of the project when the loader finds its file (in
//! the entry's directory, then in the project's, for an absolute one), and becomes
//! [`Expr::Module`] or [`Expr::Export`]; else it names a package's module or name, a
//! [`Expr::Global`] path.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::{
    Escapes, Language, Source, Turn, children, children_but, field, field_children, has_child,
    leaves_early, sum_operands, unescape,
};
use crate::frontend::UnitFile;
use crate::frontend::program::load::normalize;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{
    Argument, BindingId, Expr, ExprId, Function, FunctionId, ImportId, Item, Lowerer, Member, Part,
    Runs, push_text,
};
use crate::source::Span;

#[cfg(test)]
mod tests;

pub struct Python;

impl Language for Python {
    fn name(&self) -> &'static str {
        "Python"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter_python::LANGUAGE.into()
    }

    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String> {
        let entry = entry(project);
        match normalize(&entry).filter(|entry| project.source(entry).is_some()) {
            Some(entry) => Ok(vec![entry]),
            None => Err(format!(
                "the program's entry `{}` is not in the project",
                entry.display()
            )),
        }
    }

    fn files<'a>(&self, project: &ProgramFiles<'a>, module: &Path) -> Vec<UnitFile<'a>> {
        project.source(module).into_iter().collect()
    }

    /// A specifier is a dotted name after a dot per level of a relative import (`.` alone is
    /// the importing module's package). An absolute one is looked for in the entry's
    /// directory, then in the project's, where Python and Pulumi look.
    fn resolve(&self, project: &ProgramFiles, from: &Path, specifier: &str) -> Option<PathBuf> {
        let dotted = specifier.trim_start_matches('.');
        let level = specifier.len() - dotted.len();
        let path: PathBuf = dotted.split('.').filter(|part| !part.is_empty()).collect();
        let mut bases = Vec::new();
        if level > 0 {
            let mut base = from.parent()?.to_path_buf();
            for _ in 1..level {
                base.pop().then_some(())?;
            }
            bases.push(base);
        } else {
            bases.extend(entry(project).parent().map(Path::to_path_buf));
            if bases.first().is_none_or(|base| base != Path::new("")) {
                bases.push(PathBuf::new());
            }
        }
        bases.into_iter().find_map(|base| {
            let module = base.join(&path);
            let mut file = module.clone().into_os_string();
            file.push(".py");
            let file = (!dotted.is_empty()).then(|| PathBuf::from(file));
            file.into_iter()
                .chain([module.join("__init__.py")])
                .filter_map(|candidate| normalize(&candidate))
                .find(|candidate| project.source(candidate).is_some())
        })
    }

    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer) {
        for source in sources {
            Lowering {
                source,
                lowerer: &mut *lowerer,
                scopes: Vec::new(),
                runs: Runs::Once,
                frames: Vec::new(),
                imported: HashMap::new(),
                stars: Vec::new(),
                star_packages: None,
                imports: HashMap::new(),
                submodules: HashMap::new(),
                unparsed: HashSet::new(),
                nesting: 0,
                turn: None,
            }
            .module();
        }
    }
}

/// The file the program starts from, relative to the project directory.
fn entry(project: &ProgramFiles) -> PathBuf {
    match &project.main {
        Some(main) if project.source(Path::new(main)).is_some() => PathBuf::from(main),
        Some(main) => Path::new(main).join("__main__.py"),
        None => PathBuf::from("__main__.py"),
    }
}

/// A class's constructor.
const INIT: &str = "__init__";
const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const EXCEPT: &str = "inside an `except`, which may not run";
const CASE: &str = "inside a `case`, which may not run";
const CONDITIONAL: &str = "inside a conditional expression, which may not run";
const BOOLEAN: &str = "inside an `and`/`or`, which may not run";
const COMPREHENSION: &str = "inside a comprehension, which may run any number of times";
const UNPACKED: &str = "is unpacked from a sequence";
const UNPARSED: &str = "code that does not parse";
/// What may end a turn of a loop early.
const JUMPS: &str = "break_statement continue_statement return_statement";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Function,
    Class,
    Comprehension,
}

/// The names one scope binds.
struct Scope {
    kind: Kind,
    names: HashMap<String, BindingId>,
    /// The bindings in the order declared: a module's exports, a class's members.
    order: Vec<BindingId>,
    /// The names it declares `global` or `nonlocal`, which it reads and assigns from outside.
    outer: HashMap<String, &'static str>,
    /// A class's base classes, for its `__init__`.
    bases: Vec<ExprId>,
}

impl Scope {
    fn new(kind: Kind) -> Self {
        Scope {
            kind,
            names: HashMap::new(),
            order: Vec::new(),
            outer: HashMap::new(),
            bases: Vec::new(),
        }
    }

    /// The binding of a name in this scope, declared the first time.
    fn declare(&mut self, lowerer: &mut Lowerer, name: &str, span: Span) -> BindingId {
        if let Some(binding) = self.names.get(name) {
            return *binding;
        }
        let binding = lowerer.declare(name, span);
        self.names.insert(name.to_owned(), binding);
        self.order.push(binding);
        binding
    }
}

/// What the body of a function being lowered returns.
#[derive(Default)]
struct Frame {
    returns: usize,
    result: Option<ExprId>,
    generator: bool,
    /// In a class's `__init__`: its `self`, and the attributes its body sets on it.
    instance: Option<(BindingId, Vec<(String, BindingId)>)>,
}

/// What a target is given.
#[derive(Clone, Copy)]
enum Assigned {
    Value(ExprId),
    /// Unknown, as said of the name (`is a loop variable`).
    Unknown(&'static str),
    /// Nothing: `x: int` only declares.
    Nothing,
}

struct Lowering<'s, 'l, 'p> {
    source: &'s Source<'s>,
    lowerer: &'l mut Lowerer<'p>,
    scopes: Vec<Scope>,
    runs: Runs,
    /// The functions being lowered, innermost last.
    frames: Vec<Frame>,
    /// What each name an import binds imports, as an [`import_key`]: the same import written
    /// twice binds once, and `json.dumps(x)` is known.
    imported: HashMap<BindingId, u64>,
    /// The project's modules the module imports `*` from, in the order written.
    stars: Vec<ImportId>,
    /// The other packages it imports `*` from, as one global of them all, the last written
    /// first.
    star_packages: Option<ExprId>,
    /// The module's imports, once per specifier, and whether each names a module of the
    /// project.
    imports: HashMap<String, (ImportId, bool)>,
    /// The modules `import a.b.c` imports, by the binding of `a` and the rest of their name.
    submodules: HashMap<(BindingId, String), ImportId>,
    /// The code that does not parse lowered so far, by node.
    unparsed: HashSet<usize>,
    /// How many branches and loops enclose the code being lowered.
    nesting: usize,
    /// In the body of a `for x in list` that runs once and that no jump may cut short: the
    /// list, `x`, and the nesting of the body.
    turn: Option<Turn>,
}

impl<'s> Lowering<'s, '_, '_> {
    fn text(&self, node: Node) -> &'s str {
        let source: &'s Source<'s> = self.source;
        source.text(node)
    }

    fn span(&self, node: Node) -> Span {
        self.source.span(node)
    }

    fn add(&mut self, expr: Expr, node: Node) -> ExprId {
        let span = self.span(node);
        self.lowerer.add(expr, span)
    }

    fn opaque(&mut self, reason: &str, node: Node) -> ExprId {
        self.add(Expr::opaque(reason), node)
    }

    fn module(&mut self) {
        let root = self.source.tree.root_node();
        let statements = children(root);
        let mut scope = Scope::new(Kind::Module);
        self.declare(&mut scope, &statements);
        self.prepare(root, &mut scope);
        self.scopes.push(scope);
        for statement in statements {
            self.statement(statement);
        }
        for binding in self
            .scopes
            .pop()
            .map(|scope| scope.order)
            .unwrap_or_default()
        {
            let (name, value) = self.name_of(binding);
            self.lowerer.export(name, value);
        }
    }

    /// What only a walk of the whole module finds: the names its functions declare `global`
    /// (the module's, even where it does not assign them), and its `*` imports, which give the
    /// names nothing binds wherever they are used.
    fn prepare(&mut self, root: Node<'s>, scope: &mut Scope) {
        let mut cursor = root.walk();
        let mut stars = Vec::new();
        'walk: loop {
            let node = cursor.node();
            if node.kind() == "global_statement" {
                for name in children(node) {
                    scope.declare(self.lowerer, self.text(name), self.span(name));
                }
            }
            if node.kind() == "import_from_statement"
                && has_child(node, "wildcard_import")
                && let Some(module) = field(node, "module_name")
                && let Some((specifier, path)) = self.module_name(module)
            {
                let (import, project) = self.import_of(&specifier, module);
                stars.push((import, path.filter(|_| !project), module));
            }
            // Neither statement is found inside an expression: most of a module is not entered.
            let expression = matches!(node.kind(), "expression_statement" | "return_statement");
            if !expression && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        // The last module imported `*` from that has a name gives it (a module imported `*`
        // again counts where it is last). A name is looked for in a few packages only: each of
        // the many uses of names would copy them all.
        let mut seen = HashSet::new();
        stars.reverse();
        stars.retain(|(import, ..)| seen.insert(*import));
        let mut packages = Vec::new();
        for (import, package, module) in stars {
            self.lowerer.reexport(import);
            match package {
                Some(path) => packages.push((path, module)),
                None => self.stars.push(import),
            }
        }
        self.stars.reverse();
        if let Some((_, last)) = packages.first() {
            let last = *last;
            let paths = packages
                .into_iter()
                .take(16)
                .map(|(path, _)| path)
                .collect();
            self.star_packages = Some(self.add(Expr::Global(paths), last));
        }
    }

    /// Declares the names a scope binds in `roots`.
    fn declare(&mut self, scope: &mut Scope, roots: &[Node<'s>]) {
        let (names, outer) = bound_names(roots, &self.source.file.source.text);
        // `global` at the top level of a module changes nothing.
        if scope.kind != Kind::Module {
            for (name, keyword) in outer {
                scope.outer.insert(self.text(name).to_owned(), keyword);
            }
        }
        for name in names {
            if !scope.outer.contains_key(self.text(name)) {
                scope.declare(self.lowerer, self.text(name), self.span(name));
            }
        }
    }

    /// A binding as an expression where it is declared.
    fn name_of(&mut self, binding: BindingId) -> (String, ExprId) {
        let declared = self.lowerer.program().binding(binding);
        let (name, span) = (declared.name.clone(), declared.span);
        (name, self.lowerer.add(Expr::Name(binding), span))
    }

    /// The binding a name used here refers to, if the program binds it.
    fn resolve(&self, name: &str) -> Option<BindingId> {
        let innermost = self.scopes.len().saturating_sub(1);
        for (index, scope) in self.scopes.iter().enumerate().rev() {
            if scope.kind == Kind::Class && index != innermost {
                continue;
            }
            match scope.outer.get(name).copied() {
                Some("global") => return self.scopes.first()?.names.get(name).copied(),
                Some(_) => continue,
                None => {}
            }
            if let Some(binding) = scope.names.get(name) {
                return Some(*binding);
            }
        }
        None
    }

    /// Gives a name its value, or makes it unknown, in the scope it belongs to here: a `:=` in
    /// a comprehension assigns in the scope around it; a name declared `global` or `nonlocal`
    /// is another scope's, whose value it then is one of.
    fn assign(&mut self, name: Node, assigned: Assigned, walrus: bool) {
        let text = self.text(name);
        let mut index = self.scopes.len().saturating_sub(1);
        while walrus && index > 0 && self.scopes[index].kind == Kind::Comprehension {
            index -= 1;
        }
        let keyword = self
            .scopes
            .get(index)
            .and_then(|scope| scope.outer.get(text).copied());
        let outer = keyword.and_then(|_| self.resolve(text));
        let binding = match (outer, self.scopes.get_mut(index)) {
            (Some(binding), _) => binding,
            (None, Some(scope)) => scope.declare(self.lowerer, text, self.source.span(name)),
            (None, None) => return,
        };
        // A name assigned in the body of a loop whose turns are read holds a value in each.
        let in_turn = self
            .turn
            .is_some_and(|(.., nesting)| nesting == self.nesting);
        let reason = match (assigned, keyword, &self.runs) {
            (Assigned::Nothing, ..) => return,
            (Assigned::Unknown(why), ..) => format!("`{text}` {why}"),
            (_, Some(keyword), _) => {
                format!("`{text}` is assigned by a function that declares it `{keyword}`")
            }
            (_, None, Runs::Maybe(reason)) if !in_turn => format!("`{text}` is assigned {reason}"),
            (Assigned::Value(value), None, _) => return self.lowerer.assign(binding, value),
        };
        self.lowerer.unknown(binding, reason);
    }

    /// Gives each name a target (`a`, `a, b`, `[a, *b]`) binds its part of what is assigned:
    /// an element of a list written with as many, else unknown.
    fn assign_pattern(&mut self, pattern: Node<'s>, assigned: Assigned) {
        let mut work = vec![(pattern, assigned)];
        while let Some((pattern, assigned)) = work.pop() {
            let parts = children(pattern);
            let unpacked = match assigned {
                Assigned::Value(_) => Assigned::Unknown(UNPACKED),
                other => other,
            };
            match pattern.kind() {
                "identifier" => self.assign(pattern, assigned, false),
                "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list" => {
                    let values = match assigned {
                        Assigned::Value(value)
                            if !parts.iter().any(|p| p.kind().contains("splat")) =>
                        {
                            self.elements(value, parts.len())
                        }
                        _ => None,
                    };
                    for (index, part) in parts.into_iter().enumerate() {
                        let value = values.as_ref().and_then(|values| values.get(index));
                        work.push((
                            part,
                            value.map_or(unpacked, |value| Assigned::Value(*value)),
                        ));
                    }
                }
                "parenthesized_expression" => work.extend(parts.first().map(|p| (*p, assigned))),
                "list_splat_pattern" | "list_splat" => {
                    work.extend(parts.first().map(|part| (*part, unpacked)));
                }
                // `self.x = …` in `__init__` sets an attribute of the object it makes.
                "attribute" if let Some(member) = self.instance_attribute(pattern) => {
                    let text = self.text(pattern).to_owned();
                    match (assigned, &self.runs) {
                        (Assigned::Value(value), Runs::InFunction(_)) if self.nesting == 0 => {
                            self.lowerer.assign(member, value);
                        }
                        (Assigned::Nothing, _) => {}
                        (Assigned::Unknown(why), _) => {
                            self.lowerer.unknown(member, format!("`{text}` {why}"));
                        }
                        (_, Runs::Maybe(reason)) => {
                            let reason = format!("`{text}` is assigned {reason}");
                            self.lowerer.unknown(member, reason);
                        }
                        _ => self
                            .lowerer
                            .unknown(member, format!("`{text}` is assigned in a branch")),
                    }
                }
                // `obj.x = …`, `d[k] = …` bind no name, but may hold calls.
                _ => {
                    self.expr(pattern);
                }
            }
        }
    }

    /// The elements of a list expression, when it has `count` and no spreads.
    fn elements(&self, value: ExprId, count: usize) -> Option<Vec<ExprId>> {
        let Expr::List(items) = self.lowerer.program().expr(value) else {
            return None;
        };
        let values: Vec<ExprId> = items
            .iter()
            .filter_map(|item| match item {
                Item::One(value) => Some(*value),
                Item::Spread(_) => None,
            })
            .collect();
        (values.len() == count && items.len() == count).then_some(values)
    }

    /// Lowers code that may not run, or may run many times.
    fn maybe<R>(&mut self, reason: &str, lower: impl FnOnce(&mut Self) -> R) -> R {
        let saved = self.runs.clone();
        if !matches!(self.runs, Runs::Maybe(_)) {
            self.runs = Runs::Maybe(reason.to_owned());
        }
        self.nesting += 1;
        let result = lower(self);
        self.nesting -= 1;
        self.runs = saved;
        result
    }

    /// Lowers what a node holds, statement by statement.
    fn block(&mut self, node: Option<Node<'s>>) {
        for child in node.map(children).unwrap_or_default() {
            self.statement(child);
        }
    }

    fn exprs(&mut self, nodes: impl IntoIterator<Item = Node<'s>>) {
        for node in nodes {
            self.expr(node);
        }
    }

    fn statement(&mut self, node: Node<'s>) {
        self.statement_of(node);
        self.unparsed_in(node);
    }

    /// Lowers the code tree-sitter could not parse among a node's children that what reads the
    /// node's parts by name skipped (`broken = (` then a call, in an assignment).
    fn unparsed_in(&mut self, node: Node<'s>) {
        if node.has_error() && !node.is_error() {
            for child in children(node) {
                if child.is_error() && !self.unparsed.contains(&child.id()) {
                    self.expr(child);
                }
            }
        }
    }

    fn statement_of(&mut self, node: Node<'s>) {
        match node.kind() {
            "expression_statement" => {
                for child in children(node) {
                    match child.kind() {
                        "assignment" => self.assignment(child),
                        "augmented_assignment" => {
                            self.unparsed_in(child);
                            self.exprs(field(child, "right"));
                            if let Some(left) = field(child, "left") {
                                self.assign_pattern(left, Assigned::Unknown("is changed in place"));
                            }
                        }
                        _ => self.exprs([child]),
                    }
                }
            }
            "return_statement" => {
                let value = children(node).first().map(|value| self.expr(*value));
                if let (Some(value), Some(frame)) = (value, self.frames.last_mut()) {
                    frame.returns += 1;
                    frame.result = Some(value);
                }
            }
            "if_statement" => {
                let condition = field(node, "condition");
                self.exprs(condition);
                self.maybe(IF, |this| {
                    for part in children_but(node, &[condition]) {
                        this.statement(part);
                    }
                });
            }
            "for_statement" => {
                let list = field(node, "right").map(|right| self.expr(right));
                let once = !matches!(self.runs, Runs::Maybe(_));
                let whole = field(node, "body").is_some_and(|b| !leaves_early(b, JUMPS));
                self.maybe(LOOP, |this| {
                    let left = field(node, "left");
                    if let Some(left) = left {
                        this.assign_pattern(left, Assigned::Unknown("is a loop variable"));
                    }
                    let variable = left.filter(|l| l.kind() == "identifier" && once && whole);
                    let variable = variable.and_then(|l| this.resolve(this.text(l)));
                    let turn = list.zip(variable).map(|(l, v)| (l, v, this.nesting));
                    let outer = std::mem::replace(&mut this.turn, turn);
                    this.block(field(node, "body"));
                    this.turn = outer;
                    this.block(field(node, "alternative"));
                });
            }
            "while_statement" => self.maybe(LOOP, |this| this.block(Some(node))),
            "try_statement" => {
                for clause in children(node) {
                    match clause.kind() {
                        "except_clause" | "except_group_clause" => self.maybe(EXCEPT, |this| {
                            for part in children(clause) {
                                this.as_pattern(part, "is the exception caught");
                            }
                        }),
                        _ => self.statement(clause),
                    }
                }
            }
            "with_item" => {
                for part in children(node) {
                    self.as_pattern(part, "is bound by `with … as`");
                }
            }
            "match_statement" => {
                let body = field(node, "body");
                self.exprs(children_but(node, &[body]));
                self.maybe(CASE, |this| this.block(body));
            }
            "case_clause" => {
                for part in children(node) {
                    if part.kind() != "case_pattern" {
                        self.statement(part);
                        continue;
                    }
                    for name in captures(part) {
                        self.assign(name, Assigned::Unknown("is captured by a `case`"), false);
                    }
                }
            }
            "function_definition" => self.function(node),
            "class_definition" => self.class(node),
            "import_statement" => self.import(node),
            "import_from_statement" => self.import_from(node),
            "future_import_statement"
            | "global_statement"
            | "nonlocal_statement"
            | "pass_statement"
            | "break_statement"
            | "continue_statement"
            | "type_alias_statement" => {}
            "block"
            | "module"
            | "elif_clause"
            | "else_clause"
            | "finally_clause"
            | "with_statement"
            | "with_clause"
            | "decorated_definition"
            | "decorator"
            | "if_clause"
            | "print_statement"
            | "exec_statement"
            | "raise_statement"
            | "assert_statement"
            | "delete_statement"
            | "chevron" => self.block(Some(node)),
            _ => self.exprs([node]),
        }
    }

    /// `value as target` of a `with` or an `except`, or what is written there without `as`.
    fn as_pattern(&mut self, node: Node<'s>, why: &'static str) {
        if node.kind() != "as_pattern" {
            return self.statement(node);
        }
        let alias = field(node, "alias");
        for part in children(node) {
            if Some(part) != alias {
                self.expr(part);
                continue;
            }
            for target in children(part) {
                self.assign_pattern(target, Assigned::Unknown(why));
            }
        }
    }

    /// `a = b = value`, `a, b = 1, 2`, `x: int = 1`, `x: int`.
    fn assignment(&mut self, node: Node<'s>) {
        let mut targets = Vec::new();
        let mut link = Some(node);
        while let Some(assignment) = link.filter(|link| link.kind() == "assignment") {
            self.unparsed_in(assignment);
            targets.extend(field(assignment, "left"));
            link = field(assignment, "right");
        }
        let assigned = match link {
            Some(value) => Assigned::Value(self.expr(value)),
            None => Assigned::Nothing,
        };
        for target in targets {
            self.assign_pattern(target, assigned);
        }
    }

    /// A function or method, bound to its name; a class's `__init__` has the class's bases.
    fn function(&mut self, node: Node<'s>) {
        let name = field(node, "name");
        let text = name.map(|name| self.text(name).to_owned());
        let mut scope = Scope::new(Kind::Function);
        let parameters = self.parameters(node, text.as_deref(), &mut scope);
        let bases = match self.scopes.last_mut() {
            Some(class) if class.kind == Kind::Class && text.as_deref() == Some(INIT) => {
                std::mem::take(&mut class.bases)
            }
            _ => Vec::new(),
        };
        let in_class = matches!(self.scopes.last(), Some(scope) if scope.kind == Kind::Class);
        let receiver = parameters.first().copied().filter(|_| in_class);
        let constructor = receiver.filter(|_| text.as_deref() == Some(INIT));
        let function = Function::new(text, self.span(node), parameters, bases, self.runs.clone());
        let id = self.lowerer.function(function);
        if let Some(receiver) = receiver {
            self.lowerer.set_receiver(id, receiver);
        }
        let value = self.add(Expr::Function(id), node);
        if let Some(name) = name {
            self.assign(name, Assigned::Value(value), false);
        }
        let body = field_children(node, "body");
        self.body(id, scope, &body, |this| {
            if let (Some(receiver), Some(frame)) = (constructor, this.frames.last_mut()) {
                frame.instance = Some((receiver, Vec::new()));
            }
            for statement in &body {
                this.statement(*statement);
            }
            None
        });
    }

    fn lambda(&mut self, node: Node<'s>) -> ExprId {
        let mut scope = Scope::new(Kind::Function);
        let parameters = self.parameters(node, None, &mut scope);
        let (span, runs) = (self.span(node), self.runs.clone());
        let function = Function::new(None, span, parameters, Vec::new(), runs);
        let id = self.lowerer.function(function);
        let body: Vec<Node> = field(node, "body").into_iter().collect();
        self.body(id, scope, &body, |this| {
            body.first().map(|body| this.expr(*body))
        });
        self.add(Expr::Function(id), node)
    }

    /// Lowers a function's body in its scope, and sets what it returns: a lambda's expression,
    /// or the value of the only `return` with one.
    fn body(
        &mut self,
        id: FunctionId,
        mut scope: Scope,
        roots: &[Node<'s>],
        lower: impl FnOnce(&mut Self) -> Option<ExprId>,
    ) {
        self.declare(&mut scope, roots);
        self.scopes.push(scope);
        self.frames.push(Frame::default());
        let saved = std::mem::replace(&mut self.runs, Runs::InFunction(id));
        let expression = lower(self);
        self.runs = saved;
        self.scopes.pop();
        let frame = self.frames.pop().unwrap_or_default();
        let returned = frame
            .result
            .filter(|_| frame.returns == 1 && !frame.generator);
        self.lowerer.set_result(id, expression.or(returned));
        if let Some((_, members)) = frame.instance {
            self.made(id, members);
        }
    }

    /// What a class's `__init__` makes, as its result (as a TypeScript constructor's): an object
    /// of the attributes it sets on `self`, and of what the class extends.
    fn made(&mut self, constructor: FunctionId, members: Vec<(String, BindingId)>) {
        let function = self.lowerer.program().function(constructor);
        let (base, span) = (function.bases.first().copied(), function.span);
        let mut made: Vec<Member> = base.map(Member::Base).into_iter().collect();
        for (name, member) in members {
            let span = self.lowerer.program().binding(member).span;
            let value = self.lowerer.add(Expr::Name(member), span);
            made.push(Member::field(name, span, value, span));
        }
        let made = self.lowerer.add(Expr::object(None, made), span);
        self.lowerer.set_result(constructor, Some(made));
    }

    /// `self.name = …` in a class's `__init__`: the attribute of the object it makes, declared
    /// the first time. `None` for any other target.
    fn instance_attribute(&mut self, target: Node<'s>) -> Option<BindingId> {
        let object = field(target, "object").filter(|o| o.kind() == "identifier")?;
        let name = field(target, "attribute")?;
        let receiver = self.resolve(self.text(object))?;
        let (text, span) = (self.text(name).to_owned(), self.span(name));
        let (owner, members) = self.frames.last_mut()?.instance.as_mut()?;
        if *owner != receiver {
            return None;
        }
        if let Some((_, member)) = members.iter().find(|(known, _)| *known == text) {
            return Some(*member);
        }
        let member = self.lowerer.declare(text.clone(), span);
        if let Some((_, members)) = self.frames.last_mut().and_then(|f| f.instance.as_mut()) {
            members.push((text, member));
        }
        Some(member)
    }

    /// Declares a function's parameters in its scope; their defaults run where it is defined.
    fn parameters(
        &mut self,
        node: Node<'s>,
        function: Option<&str>,
        scope: &mut Scope,
    ) -> Vec<BindingId> {
        let mut bindings = Vec::new();
        // From `*`, `*args` or `**kwargs` on, arguments are collected or given by name only.
        let mut by_position = true;
        for parameter in field_children(node, "parameters") {
            by_position &= !self.text(parameter).starts_with('*');
            self.exprs(field(parameter, "value"));
            // `x`, `x=1`, `x: int`, `*args`, `**kwargs`, `*args: int`
            let name = match parameter.kind() {
                "identifier" => Some(parameter),
                _ => field(parameter, "name").or_else(|| {
                    let first = children(parameter).into_iter().next()?;
                    let mut names = [first].into_iter().chain(children(first));
                    names.find(|name| name.kind() == "identifier")
                }),
            };
            let Some(name) = name.filter(|name| name.kind() == "identifier") else {
                continue;
            };
            let (text, span) = (self.text(name), self.span(name));
            let binding =
                self.lowerer
                    .parameter(text, span, function.map(str::to_owned), !by_position);
            scope.names.insert(text.to_owned(), binding);
            bindings.push(binding);
        }
        bindings
    }

    /// A class, bound to its name as an object of what its body binds, methods included.
    fn class(&mut self, node: Node<'s>) {
        let mut scope = Scope::new(Kind::Class);
        for base in field_children(node, "superclasses") {
            match field(base, "value").filter(|_| base.kind() == "keyword_argument") {
                Some(metaclass) => self.exprs([metaclass]),
                None => scope.bases.push(self.expr(base)),
            }
        }
        let body = field_children(node, "body");
        self.declare(&mut scope, &body);
        self.scopes.push(scope);
        for statement in body {
            self.statement(statement);
        }
        let mut members = Vec::new();
        for binding in self
            .scopes
            .pop()
            .map(|scope| scope.order)
            .unwrap_or_default()
        {
            let (name, value) = self.name_of(binding);
            let span = self.lowerer.program().span(value);
            members.push(Member::field(name, span, value, span));
        }
        let object = self.add(Expr::object(None, members), node);
        if let Some(name) = field(node, "name") {
            self.assign(name, Assigned::Value(object), false);
        }
    }

    /// `import a.b.c` binds `a`, `import a.b.c as d` binds `d`, to what they name.
    fn import(&mut self, node: Node<'s>) {
        let mut cursor = node.walk();
        for name in node.children_by_field_name("name", &mut cursor) {
            let alias = field(name, "alias");
            let dotted = children(field(name, "name").unwrap_or(name));
            let Some(first) = dotted.first().copied() else {
                continue;
            };
            let path: Vec<String> = dotted
                .iter()
                .map(|part| self.text(*part).to_owned())
                .collect();
            let specifier = path.join(".");
            let (import, project) = self.import_of(&specifier, name);
            let (bound, expr, key) = match alias {
                Some(alias) if project => (alias, Expr::Module(import), import_key(&specifier, "")),
                Some(alias) => (alias, Expr::Global(vec![path]), import_key(&specifier, "")),
                None => {
                    let root = self.text(first);
                    let (root_import, root_project) = self.import_of(root, first);
                    let expr = if project || root_project {
                        Expr::Module(root_import)
                    } else {
                        Expr::Global(vec![vec![root.to_owned()]])
                    };
                    (first, expr, import_key(root, ""))
                }
            };
            let value = self.add(expr, name);
            self.bind_import(bound, value, key);
            // `a.b.c` is then that module, which `a` need not export (nor be a module of its own).
            if alias.is_none()
                && project
                && let Some(binding) = self.resolve(self.text(first))
                && let Some((_, rest)) = specifier.split_once('.')
            {
                self.submodules.insert((binding, rest.to_owned()), import);
            }
        }
    }

    /// `from m import a, b as c`: a module of the project (`from . import keys`), a name one
    /// binds (`from .keys import key`), or a name of a package's.
    fn import_from(&mut self, node: Node<'s>) {
        let Some(module) = field(node, "module_name") else {
            return;
        };
        if has_child(node, "wildcard_import") {
            return; // imported by `prepare`
        }
        let module_name = self.module_name(module);
        let (import, package) = match &module_name {
            Some((specifier, path)) => {
                let (import, project) = self.import_of(specifier, module);
                let package = match path {
                    Some(path) if !project => {
                        Some(self.add(Expr::Global(vec![path.clone()]), module))
                    }
                    _ => None,
                };
                (Some(import), package)
            }
            None => (None, None),
        };
        let mut cursor = node.walk();
        for name in node.children_by_field_name("name", &mut cursor) {
            let imported = field(name, "name").unwrap_or(name);
            let alias = field(name, "alias");
            let Some(bound) = alias.or_else(|| children(imported).first().copied()) else {
                continue;
            };
            let (Some((specifier, _)), Some(import)) = (&module_name, import) else {
                let value = self.opaque("an import of a module name too long to follow", name);
                self.assign(bound, Assigned::Value(value), false);
                continue;
            };
            let name_span = self.span(imported);
            let imported = self.text(imported);
            let separator = if specifier.ends_with('.') { "" } else { "." };
            // A module of that name is imported (and run) rather than a name the package binds.
            let submodule = format!("{specifier}{separator}{imported}");
            let (submodule, project) = self.import_of(&submodule, name);
            let expr = match package {
                _ if project => Expr::Module(submodule),
                Some(object) => Expr::member(object, imported, name_span),
                None => Expr::Export(import, imported.to_owned()),
            };
            let value = self.add(expr, name);
            self.bind_import(bound, value, import_key(specifier, imported));
        }
    }

    /// The specifier of a `from` import's module, and its path when it is absolute; `None`
    /// when it is longer than any module's name, since each name imported copies it.
    fn module_name(&self, module: Node) -> Option<(String, Option<Vec<String>>)> {
        if module.byte_range().len() > 256 {
            return None;
        }
        let mut level = 0;
        let mut path = Vec::new();
        for part in std::iter::once(module).chain(children(module)) {
            match part.kind() {
                "import_prefix" => level = self.text(part).matches('.').count(),
                "dotted_name" => {
                    path = children(part)
                        .iter()
                        .map(|name| self.text(*name).to_owned())
                        .collect();
                }
                _ => {}
            }
        }
        let specifier = format!("{}{}", ".".repeat(level), path.join("."));
        Some((specifier, (level == 0).then_some(path)))
    }

    fn bind_import(&mut self, name: Node, value: ExprId, key: u64) {
        let binding = self.resolve(self.text(name));
        if binding.is_none_or(|binding| self.imported.get(&binding) != Some(&key)) {
            self.imported.extend(binding.map(|binding| (binding, key)));
            self.assign(name, Assigned::Value(value), false);
        }
    }

    /// An import by this module, added the first time, and whether it names a module of the
    /// project.
    fn import_of(&mut self, specifier: &str, node: Node) -> (ImportId, bool) {
        if let Some(known) = self.imports.get(specifier) {
            return *known;
        }
        let project = self.lowerer.in_project(specifier);
        let import = self.lowerer.import(specifier, self.source.span(node));
        self.imports.insert(specifier.to_owned(), (import, project));
        (import, project)
    }

    /// A name nothing binds: a module's imported `*`, else a global (a package's imported `*`,
    /// or a builtin).
    fn free(&mut self, name: &str, node: Node) -> ExprId {
        let expr = match (self.stars.as_slice(), self.star_packages) {
            ([], Some(object)) => Expr::member(object, name, self.span(node)),
            ([], None) => Expr::Global(vec![vec![name.to_owned()]]),
            ([only], None) => Expr::Export(*only, name.to_owned()),
            // The project's modules first: their `import *` came after the package's.
            (stars, Some(object)) => {
                let stars: Vec<ImportId> = stars.iter().rev().take(16).copied().collect();
                let mut options: Vec<ExprId> = stars
                    .into_iter()
                    .map(|star| self.add(Expr::Export(star, name.to_owned()), node))
                    .collect();
                let member = Expr::member(object, name, self.span(node));
                options.push(self.add(member, node));
                Expr::FirstOf(options)
            }
            // The module itself re-exports them all, in the order Python looks.
            ([.., last], _) => {
                let path = &self.source.file.source.path;
                let itself = match path.file_stem().and_then(|stem| stem.to_str()) {
                    Some("__init__") => Some(".".to_owned()),
                    Some(stem) if !stem.contains('.') => Some(format!(".{stem}")),
                    _ => None,
                };
                let import = match itself {
                    Some(itself) => self.import_of(&itself, node).0,
                    None => *last,
                };
                Expr::Export(import, name.to_owned())
            }
        };
        self.add(expr, node)
    }

    fn expr_or(&mut self, node: Option<Node<'s>>, parent: Node) -> ExprId {
        match node {
            Some(node) => self.expr(node),
            None => self.opaque(UNPARSED, parent),
        }
    }

    fn expr(&mut self, node: Node<'s>) -> ExprId {
        let id = self.expr_of(node);
        self.unparsed_in(node);
        id
    }

    fn expr_of(&mut self, node: Node<'s>) -> ExprId {
        let operator = || field(node, "operator").map(|operator| self.text(operator));
        if node.kind() == "binary_operator"
            && let Some(operands) = sum_operands(node)
        {
            return self.concatenation(operands, node);
        }
        let expr = match node.kind() {
            "identifier" => match self.resolve(self.text(node)) {
                Some(binding) => Expr::Name(binding),
                None => return self.free(self.text(node), node),
            },
            "string" | "concatenated_string" => {
                let mut parts = Vec::new();
                let strings = if node.kind() == "string" {
                    vec![node]
                } else {
                    children(node)
                };
                for string in strings {
                    self.string(string, &mut parts);
                }
                return self.add(Expr::template(parts), node);
            }
            "integer" | "float" => Expr::Number(self.text(node).to_owned()),
            "unary_operator"
                if operator() == Some("-")
                    && field(node, "argument")
                        .is_some_and(|n| matches!(n.kind(), "integer" | "float")) =>
            {
                Expr::Number(self.text(node).split_whitespace().collect())
            }
            "true" | "false" => Expr::Bool(node.kind() == "true"),
            "none" => Expr::Null,
            "parenthesized_expression" | "await" => match children(node).as_slice() {
                [inner] => return self.expr(*inner),
                _ => return self.opaque_after("an expression in parentheses", node),
            },
            "list" | "tuple" | "expression_list" | "pattern_list" | "tuple_pattern"
            | "list_pattern" => Expr::List(self.items(node)),
            "dictionary" => return self.dictionary(node),
            "attribute" => {
                if let Some(module) = self.submodule(node) {
                    return module;
                }
                let object = self.expr_or(field(node, "object"), node);
                let Some(name) = field(node, "attribute") else {
                    return object;
                };
                Expr::member(object, self.text(name), self.span(name))
            }
            "subscript" => {
                let object = self.expr_or(field(node, "value"), node);
                let mut cursor = node.walk();
                let indexes: Vec<Node> = node
                    .children_by_field_name("subscript", &mut cursor)
                    .collect();
                let ids: Vec<ExprId> = indexes.iter().map(|index| self.expr(*index)).collect();
                match (indexes.as_slice(), ids.as_slice()) {
                    ([index], [id]) if index.kind() != "slice" => {
                        Expr::Index { object, index: *id }
                    }
                    _ => Expr::opaque("a slice"),
                }
            }
            "call" => return self.call(node),
            "conditional_expression" => {
                let parts = children(node);
                self.exprs(parts.get(1).copied());
                self.maybe(CONDITIONAL, |this| {
                    this.exprs(
                        parts
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| *i != 1)
                            .map(|(_, p)| *p),
                    );
                });
                Expr::opaque("a conditional expression")
            }
            "boolean_operator" => {
                self.exprs(field(node, "left"));
                self.maybe(BOOLEAN, |this| this.exprs(field(node, "right")));
                Expr::opaque("an `and`/`or` expression")
            }
            "named_expression" => {
                let value = self.expr_or(field(node, "value"), node);
                if let Some(name) = field(node, "name") {
                    self.assign(name, Assigned::Unknown("is assigned with `:=`"), true);
                }
                return value;
            }
            "lambda" => return self.lambda(node),
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => return self.comprehension(node),
            "yield" => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.generator = true;
                }
                return self.opaque_after("a `yield`", node);
            }
            "ellipsis" => Expr::opaque("`...`"),
            "ERROR" => {
                self.unparsed.insert(node.id());
                return self.opaque_after(UNPARSED, node);
            }
            "set" => return self.opaque_after("a set", node),
            "comparison_operator" => return self.opaque_after("a comparison", node),
            "not_operator" => return self.opaque_after("a `not`", node),
            "binary_operator" | "unary_operator" => return self.opaque_after("an operation", node),
            kind => return self.opaque_after(&format!("a `{kind}`"), node),
        };
        self.add(expr, node)
    }

    /// `a.b.c` where `import a.b.c` imports a module of the project.
    fn submodule(&mut self, node: Node<'s>) -> Option<ExprId> {
        if self.submodules.is_empty() {
            return None;
        }
        let mut path = Vec::new();
        let mut root = node;
        // No module's name has more parts: a longer chain is not looked up.
        while root.kind() == "attribute" && path.len() < 16 {
            path.push(self.text(field(root, "attribute")?));
            root = field(root, "object")?;
        }
        let binding = Some(root)
            .filter(|root| root.kind() == "identifier")
            .and_then(|root| self.resolve(self.text(root)))?;
        path.reverse();
        let import = *self.submodules.get(&(binding, path.join(".")))?;
        Some(self.add(Expr::Module(import), node))
    }

    /// Lowers what a node holds (calls it may make), then the node as opaque.
    fn opaque_after(&mut self, reason: &str, node: Node<'s>) -> ExprId {
        self.block(Some(node));
        self.opaque(reason, node)
    }

    /// The elements of a list or tuple; `*xs` spread.
    fn items(&mut self, node: Node<'s>) -> Vec<Item> {
        let mut items = Vec::new();
        for element in children(node) {
            items.push(match element.kind() {
                "list_splat" | "parenthesized_list_splat" | "list_splat_pattern" => {
                    Item::Spread(self.expr_or(children(element).first().copied(), element))
                }
                _ => Item::One(self.expr(element)),
            });
        }
        items
    }

    /// Adds a string literal's parts: its text with escapes decoded, an f-string's values.
    fn string(&mut self, node: Node<'s>, parts: &mut Vec<Part>) {
        let mut flags = String::new();
        for part in children(node) {
            match part.kind() {
                "string_start" => flags = self.text(part).to_ascii_lowercase(),
                "string_content" => {
                    let text = self.text(part);
                    let text = if flags.contains('r') {
                        text.to_owned()
                    } else {
                        unescape(text, &ESCAPES)
                    };
                    if flags.contains('f') || flags.contains('t') {
                        push_text(parts, &text.replace("{{", "{").replace("}}", "}"));
                    } else {
                        push_text(parts, &text);
                    }
                }
                "interpolation" => {
                    let value = self.expr_or(field(part, "expression"), part);
                    let specifier = field(part, "format_specifier");
                    self.block(specifier);
                    let formatted = specifier.is_some()
                        || has_child(part, "=")
                        || field(part, "type_conversion").is_some();
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
    }

    /// A dictionary, as an object: a key that is a string literal names a field.
    fn dictionary(&mut self, node: Node<'s>) -> ExprId {
        let mut members = Vec::new();
        for entry in children(node) {
            let span = self.span(entry);
            let (key, value) = (field(entry, "key"), field(entry, "value"));
            members.push(match (key, value, entry.kind()) {
                (Some(key), Some(value), _) => {
                    self.unparsed_in(entry);
                    let (key_id, value) = (self.expr(key), self.expr(value));
                    match self.lowerer.program().expr(key_id) {
                        Expr::Str(name) if key.kind().ends_with("string") => {
                            Member::field(name.clone(), self.span(key), value, span)
                        }
                        _ => Member::Computed {
                            key: key_id,
                            value,
                            span,
                        },
                    }
                }
                (.., "dictionary_splat") => {
                    Member::Spread(self.expr_or(children(entry).first().copied(), entry))
                }
                _ => {
                    self.expr(entry);
                    Member::opaque(None, UNPARSED)
                }
            });
        }
        self.add(Expr::object(None, members), node)
    }

    /// A comprehension: a scope of its own, which runs any number of times, except its first
    /// iterable, which runs where it is written.
    fn comprehension(&mut self, node: Node<'s>) -> ExprId {
        let parts = children(node);
        let clauses: Vec<Node> = parts
            .iter()
            .copied()
            .filter(|p| p.kind() == "for_in_clause")
            .collect();
        let mut scope = Scope::new(Kind::Comprehension);
        let (mut list, mut variable) = (None, None);
        for (index, clause) in clauses.iter().enumerate() {
            let (left, right) = (field(*clause, "left"), field(*clause, "right"));
            if index == 0 {
                list = right.map(|right| self.expr(right));
                self.exprs(children_but(*clause, &[left, right]));
            }
            for name in left.map(pattern_names).unwrap_or_default() {
                let text = self.text(name);
                let binding = scope.declare(self.lowerer, text, self.span(name));
                let reason = format!("`{text}` is a comprehension variable");
                self.lowerer.unknown(binding, reason);
                variable = (Some(name) == left).then_some(binding);
            }
        }
        self.scopes.push(scope);
        let body = field(node, "body");
        let mut element = None;
        self.maybe(COMPREHENSION, |this| {
            for part in parts {
                match part.kind() {
                    "for_in_clause" if clauses.first() != Some(&part) => {
                        let left = field(part, "left");
                        this.exprs(children_but(part, &[left]));
                    }
                    "for_in_clause" => {}
                    _ if Some(part) == body => element = Some(this.expr(part)),
                    _ => this.statement(part),
                }
            }
        });
        self.scopes.pop();
        // `[f(x) for x in xs]`, with no other clause: the list a loop builds.
        let mapped = node.kind() == "list_comprehension" && children(node).len() == 2;
        match (list, variable, element) {
            (Some(list), Some(variable), Some(element)) if mapped => {
                let element = Item::One(element);
                self.add(
                    Expr::Map {
                        list,
                        variable,
                        element,
                    },
                    node,
                )
            }
            _ => self.opaque("a comprehension", node),
        }
    }

    /// A call; `json.dumps(x)` is the JSON of `x`.
    fn call(&mut self, node: Node<'s>) -> ExprId {
        let function = field(node, "function");
        let json = function.is_some_and(|function| self.is_json_dumps(function));
        let callee = self.expr_or(function, node);
        let arguments = self.arguments(node);
        let first = arguments
            .iter()
            .find(|a| a.name.is_none() && !a.spread)
            .map(|a| a.value);
        let method = function
            .and_then(|f| field(f, "attribute"))
            .map(|a| self.text(a));
        if let (Some(function), Some("append" | "extend")) = (function, method) {
            self.append(function, &arguments, node);
        }
        let expr = match first {
            Some(first) if json => Expr::Json(first),
            _ => Expr::call(callee, arguments, false, self.runs.clone()),
        };
        self.add(expr, node)
    }

    /// `xs.append(x)`, `xs.extend(ys)` on a name of the innermost scope: what is added is added
    /// to the list it holds, where the call runs once for the list or once for each element of
    /// the loop around it.
    fn append(&mut self, function: Node<'s>, arguments: &[Argument], node: Node<'s>) {
        let object = field(function, "object").filter(|o| o.kind() == "identifier");
        let name = object.map(|o| self.text(o)).unwrap_or_default();
        let Some(binding) = self.resolve(name).filter(|_| object.is_some()) else {
            return;
        };
        let innermost = self.scopes.last().and_then(|s| s.names.get(name));
        if innermost != Some(&binding) {
            let reason = format!("`{name}` is appended to in a function or comprehension");
            return self.lowerer.unknown(binding, reason);
        }
        let turn = self.turn.filter(|(.., nesting)| *nesting == self.nesting);
        let [argument] = arguments else {
            return self
                .lowerer
                .unknown(binding, format!("`{name}` is changed in place"));
        };
        if matches!(self.runs, Runs::Maybe(_)) && turn.is_none() || argument.name.is_some() {
            let how = match &self.runs {
                Runs::Maybe(reason) => reason.as_str(),
                _ => "with a named argument",
            };
            return self
                .lowerer
                .unknown(binding, format!("`{name}` is appended to {how}"));
        }
        let method = field(function, "attribute").map(|a| self.text(a));
        let item = match method == Some("extend") || argument.spread {
            true => Item::Spread(argument.value),
            false => Item::One(argument.value),
        };
        let turn = turn.map(|(list, variable, _)| (list, variable));
        self.lowerer
            .append(binding, vec![item], turn, self.span(node));
    }

    /// Whether a callee is the standard library's `json.dumps`.
    fn is_json_dumps(&self, callee: Node) -> bool {
        let imports = |node: Node, name: &str| {
            node.kind() == "identifier"
                && self
                    .resolve(self.text(node))
                    .and_then(|binding| self.imported.get(&binding))
                    .is_some_and(|key| *key == import_key("json", name))
        };
        match (field(callee, "object"), field(callee, "attribute")) {
            (Some(object), Some(name)) => self.text(name) == "dumps" && imports(object, ""),
            _ => imports(callee, "dumps"),
        }
    }

    /// A call's arguments: `name=value` named, `*xs` spread, `**kw` spread under the name `**`.
    fn arguments(&mut self, node: Node<'s>) -> Vec<Argument> {
        let Some(list) = field(node, "arguments") else {
            return Vec::new();
        };
        let arguments = match list.kind() {
            "generator_expression" => vec![list],
            _ => children(list),
        };
        let mut lowered = Vec::new();
        for argument in arguments {
            let inner = children(argument).first().copied();
            let (name, value) = match argument.kind() {
                "keyword_argument" => (
                    field(argument, "name")
                        .map(|name| (self.text(name).to_owned(), self.span(name))),
                    field(argument, "value"),
                ),
                "dictionary_splat" => (Some(("**".to_owned(), self.span(argument))), inner),
                "list_splat" => (None, inner),
                _ => (None, Some(argument)),
            };
            self.unparsed_in(argument);
            let spread = argument.kind().ends_with("splat");
            lowered.push(Argument {
                name,
                value: self.expr_or(value, argument),
                spread,
            });
        }
        lowered
    }

    /// A chain of `+` at once, as a string of its operands.
    fn concatenation(&mut self, operands: Vec<Node<'s>>, node: Node<'s>) -> ExprId {
        let values: Vec<ExprId> = operands.into_iter().map(|o| self.expr(o)).collect();
        let joined = self.lowerer.joined(values);
        self.add(joined, node)
    }
}

/// What an import binds a name to: a module (`name` empty) or a name in one. Kept as a hash,
/// since a module's name would be copied for each name imported from it.
fn import_key(module: &str, name: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    (module, name).hash(&mut hasher);
    hasher.finish()
}

/// The identifiers a scope binds in `roots`, in the order written, without entering the scopes
/// nested there (a `:=` in a comprehension binds here, though), and the names it declares
/// `global` or `nonlocal`.
fn bound_names<'t>(
    roots: &[Node<'t>],
    text: &str,
) -> (Vec<Node<'t>>, Vec<(Node<'t>, &'static str)>) {
    let (mut names, mut outer) = (Vec::new(), Vec::new());
    for root in roots {
        // A cursor rather than lists of children: every node of a module is visited.
        let mut cursor = root.walk();
        // For each node entered, the child whose names were read already (an assignment's target).
        let mut read: Vec<Option<Node>> = Vec::new();
        'walk: loop {
            let node = cursor.node();
            let code = node.is_named() && (node.is_error() || !node.is_extra());
            let unread = read.last().copied().flatten() != Some(node);
            if code
                && unread
                && let Some(target) = binds(node, text, &mut names, &mut outer)
                && cursor.goto_first_child()
            {
                read.push(target);
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
                read.pop();
            }
        }
    }
    (names, outer)
}

/// Expressions made of others.
const COMPOUND_EXPRESSIONS: &[&str] = &[
    "argument_list",
    "attribute",
    "await",
    "binary_operator",
    "boolean_operator",
    "call",
    "comparison_operator",
    "concatenated_string",
    "conditional_expression",
    "dictionary",
    "dictionary_comprehension",
    "generator_expression",
    "list",
    "list_comprehension",
    "not_operator",
    "parenthesized_expression",
    "set",
    "set_comprehension",
    "string",
    "subscript",
    "tuple",
    "unary_operator",
];

/// Reads the names a node binds of its own; what it holds is to be read when `Some`, but for the
/// target given, whose names it read.
fn binds<'t>(
    node: Node<'t>,
    text: &str,
    names: &mut Vec<Node<'t>>,
    outer: &mut Vec<(Node<'t>, &'static str)>,
) -> Option<Option<Node<'t>>> {
    let (target, binds) = match node.kind() {
        "function_definition" | "class_definition" => {
            names.extend(field(node, "name"));
            return None;
        }
        "lambda" => return None,
        "global_statement" | "nonlocal_statement" => {
            let keyword = if node.kind() == "global_statement" {
                "global"
            } else {
                "nonlocal"
            };
            outer.extend(children(node).into_iter().map(|name| (name, keyword)));
            return None;
        }
        "import_statement" | "import_from_statement" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                let dotted = field(name, "name").unwrap_or(name);
                let first = || children(dotted).first().copied();
                names.extend(field(name, "alias").or_else(first));
            }
            return None;
        }
        "case_pattern" => {
            names.extend(captures(node));
            return None;
        }
        "assignment" | "augmented_assignment" | "for_statement" => (field(node, "left"), true),
        "named_expression" => (field(node, "name"), true),
        "as_pattern" => (field(node, "alias"), true),
        // The comprehension's own.
        "for_in_clause" => (field(node, "left"), false),
        // An expression binds a name only by `:=`; most have none, and need not be entered.
        kind if COMPOUND_EXPRESSIONS.contains(&kind)
            && !text
                .get(node.byte_range())
                .is_some_and(|code| code.contains(":=")) =>
        {
            return None;
        }
        _ => (None, false),
    };
    if binds {
        names.extend(target.map(pattern_names).unwrap_or_default());
    }
    Some(target)
}

/// The identifiers a target pattern binds (`a`, `a, b`, `[a, *b]`, not `obj.x`).
fn pattern_names(pattern: Node) -> Vec<Node> {
    let mut names = Vec::new();
    let mut stack = vec![pattern];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "identifier" => names.push(node),
            "attribute" | "subscript" => {}
            _ => stack.extend(children(node).into_iter().rev()),
        }
    }
    names
}

/// The names a `case` pattern captures: bare names, `*rest`, `as x`, not a class's name nor a
/// keyword.
fn captures(pattern: Node) -> Vec<Node> {
    let mut names = Vec::new();
    let mut stack = vec![pattern];
    while let Some(node) = stack.pop() {
        let parts = children(node);
        match (node.kind(), parts.as_slice()) {
            ("dotted_name", [name]) => names.push(*name),
            ("dotted_name", _) => {}
            ("class_pattern" | "keyword_pattern", [_, rest @ ..]) => stack.extend(rest),
            ("as_pattern" | "splat_pattern", _) => {
                let (bare, nested): (Vec<Node>, Vec<Node>) =
                    parts.iter().partition(|part| part.kind() == "identifier");
                names.extend(bare);
                stack.extend(nested);
            }
            _ => stack.extend(parts.iter().copied()),
        }
    }
    names
}

/// Python's escapes; an unknown one is kept as written, as Python keeps it.
pub(super) const ESCAPES: Escapes = Escapes {
    simple: "n\nt\tr\ra\u{7}b\u{8}f\u{c}v\u{b}\\\\''\"\"",
    continued: "\n",
    hex: &[('x', 2, 2), ('u', 4, 4), ('U', 8, 8)],
    octal: Some((1, 0o777)),
    keeps_backslash: true,
    ..Escapes::BASE
};
