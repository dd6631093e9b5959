//! Go: a module is a package, the `.go` files of one directory (tests left out). Package-level
//! names are seen from every file of the package, before they are declared; names inside
//! functions only after. An import names a package by path: one under the module path `go.mod`
//! declares is the project's, any other a global path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::{
    Conversion, Escapes, Language, Source, children, field, field_children, leaves_early, printf,
    sum_operands, unescape,
};
use crate::frontend::UnitFile;
use crate::frontend::program::load::normalize;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{
    Argument, BindingId, Expr, ExprId, Function, FunctionId, Item, Lowerer, Member, Runs,
};

#[cfg(test)]
mod tests;

pub struct Go;

const IF: &str = "inside an `if`, which may not run";
const LOOP: &str = "inside a loop, which may run any number of times";
const CASE: &str = "inside a `switch` or `select` case, which may not run";
const LOGIC: &str = "on the right of `&&` or `||`, which may not run";
const UNPARSED: &str = "code that does not parse";

/// What may end a turn of a loop early.
const JUMPS: &str = "break_statement continue_statement return_statement goto_statement";

/// How many packages imported with `.` a file may have for its names to be looked for in them.
/// The tokens after which a line break ends a statement (the Go specification's semicolon
/// rule); a string literal ends with its quote.
const ENDS_STATEMENT: &[&str] = &[
    "identifier",
    "field_identifier",
    "type_identifier",
    "package_identifier",
    "int_literal",
    "float_literal",
    "imaginary_literal",
    "rune_literal",
    "raw_string_literal",
    "\"",
    "`",
    "true",
    "false",
    "nil",
    "iota",
    "break",
    "continue",
    "fallthrough",
    "return",
    "++",
    "--",
    ")",
    "]",
    "}",
];

const MAX_DOTS: usize = 8;

/// Conversions to these predeclared types give their operand's value as far as a string or a
/// number read from it goes (`string(b)` of `b, _ := json.Marshal(x)`).
const CONVERSIONS: &[&str] = &[
    "string", "bool", "byte", "rune", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr", "float32", "float64",
];

impl Language for Go {
    fn name(&self) -> &'static str {
        "Go"
    }

    fn grammar(&self, _path: &Path) -> tree_sitter::Language {
        tree_sitter::Language::from(tree_sitter_go::LANGUAGE)
    }

    fn entries(&self, project: &ProgramFiles) -> Result<Vec<PathBuf>, String> {
        let main = project.main.as_deref().map(Path::new);
        // `main` names the package's directory; a file of it stands for the same package.
        let directory = match main {
            Some(main) if main.extension().is_some_and(|e| e == "go") => main.parent(),
            main => main,
        };
        let entry = normalize(directory.unwrap_or(Path::new(""))).ok_or_else(|| {
            let main = main.unwrap_or(Path::new("")).display();
            format!("the project's `main` ({main}) is outside the project directory")
        })?;
        if !self.files(project, &entry).is_empty() {
            return Ok(vec![entry]);
        }
        let place = match main {
            None => "the project directory".to_owned(),
            Some(_) => format!("`{}`, the project's `main`", entry.display()),
        };
        Err(format!("no Go file (other than tests) in {place}"))
    }

    /// The `.go` files of the package's directory, tests left out, by path.
    fn files<'a>(&self, project: &ProgramFiles<'a>, module: &Path) -> Vec<UnitFile<'a>> {
        let mut files = project.sources_in(module);
        files.retain(|file| {
            let name = file.source.path.file_name().unwrap_or_default();
            let name = name.to_string_lossy();
            name.ends_with(".go") && !name.ends_with("_test.go")
        });
        files
    }

    /// Go reads past a line break that ends no statement (after `,`, `(`, an operator) and
    /// reports the token it then meets; after a token that ends one, it reports the line break.
    fn missing_span(&self, source: &Source, missing: Node) -> crate::source::Span {
        let text = source.file.source.text.as_bytes();
        let (before, rest) = text
            .split_at_checked(missing.start_byte())
            .unwrap_or_default();
        let rest = rest.get(missing.byte_range().len()..).unwrap_or_default();
        let (previous, next) = (
            before.trim_ascii_end().len(),
            text.len() - rest.trim_ascii_start().len(),
        );
        let token_at = |at: usize| {
            let root = source.tree.root_node();
            root.descendant_for_byte_range(at, at)
                .filter(|_| at < text.len())
        };
        let ends_statement = (previous.checked_sub(1).and_then(token_at))
            .is_some_and(|token| ENDS_STATEMENT.contains(&token.kind()));
        let line_break = text
            .get(previous..next)
            .is_some_and(|gap| gap.contains(&b'\n'));
        match token_at(next).filter(|_| !(ends_statement && line_break)) {
            Some(token) => source.span(token),
            None => source.span(missing),
        }
    }

    fn resolve(&self, project: &ProgramFiles, _from: &Path, specifier: &str) -> Option<PathBuf> {
        let go_mod = project.source(Path::new("go.mod"))?;
        let directory = match specifier.strip_prefix(module_path(&go_mod.source.text)?)? {
            "" => "",
            under => under.strip_prefix('/')?,
        };
        let key = normalize(Path::new(directory))?;
        (!self.files(project, &key).is_empty()).then_some(key)
    }

    fn lower(&self, sources: &[Source], lowerer: &mut Lowerer) {
        let Some(first) = sources.first() else {
            return;
        };
        let mut lowering = Lowering {
            lowerer,
            source: first,
            scopes: vec![Scope::default()],
            imports: HashMap::new(),
            dots: Vec::new(),
            context: Context {
                runs: Runs::Once,
                loops: 0,
                depth: 0,
                over: None,
            },
            returns: Vec::new(),
            iota: None,
        };
        for source in sources {
            lowering.predeclare(source);
        }
        for source in sources {
            lowering.file(source);
        }
    }
}

/// The module path a `go.mod` declares.
fn module_path(go_mod: &str) -> Option<&str> {
    go_mod.lines().find_map(|line| {
        let line = line.split("//").next()?.trim();
        let path = line.strip_prefix("module")?;
        let path = path.strip_prefix(char::is_whitespace)?.trim();
        let path = path.trim_matches('"');
        (!path.is_empty()).then_some(path)
    })
}

/// The name a package is imported under when the import does not name it: its path's last
/// segment, a major version (`/v7`, `yaml.v3`) left out.
fn package_name(path: &str) -> &str {
    let version = |s: &str| {
        let digits = s.strip_prefix('v').unwrap_or_default();
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let last = path.rsplit('/').find(|s| !version(s)).unwrap_or(path);
    match last.rsplit_once('.') {
        Some((name, suffix)) if version(suffix) => name,
        _ => last,
    }
}

/// A block's names, and how deep in loops and in branches (loops and functions included) it
/// is: a name assigned deeper than it is declared may keep another value.
#[derive(Default)]
struct Scope {
    names: HashMap<String, BindingId>,
    loops: u32,
    depth: u32,
}

/// How often the code being lowered runs, and how deep in loops and branches it is.
#[derive(Clone)]
struct Context {
    runs: Runs,
    loops: u32,
    depth: u32,
    /// In the body of `for _, v := range list` that no `break`, `continue`, `return` or `goto`
    /// may cut short: the list and `v`.
    over: Option<(ExprId, BindingId)>,
}

/// The value a name is given, or why it is not known.
type Value = Result<ExprId, String>;

struct Lowering<'s, 'l, 'p> {
    lowerer: &'l mut Lowerer<'p>,
    source: &'s Source<'s>,
    /// The blocks around the code being lowered, the package block first: the `var`, `const`,
    /// `type` and `func` names of every file.
    scopes: Vec<Scope>,
    /// The file block: what each imported package's name stands for, and its import path.
    imports: HashMap<String, (Expr, String)>,
    /// Packages imported with `.`, whose exported names the file uses unqualified.
    dots: Vec<Expr>,
    context: Context,
    /// Per function being lowered: how many `return`s give a value, and the first one's.
    returns: Vec<(usize, Option<ExprId>)>,
    /// The index of the constant specification being lowered, which `iota` is.
    iota: Option<usize>,
}

/// The names a specification or a parameter declaration declares (a constant's field holds
/// the commas between them too).
fn names(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    let names = node.children_by_field_name("name", &mut cursor);
    names.filter(|name| name.is_named()).collect()
}

/// The specifications of a `var`, `const` or `type` declaration.
fn specs(declaration: Node) -> Vec<Node> {
    let mut specs = Vec::new();
    for child in children(declaration) {
        match child.kind() {
            "var_spec_list" => specs.extend(children(child)),
            "var_spec" | "const_spec" | "type_spec" | "type_alias" => specs.push(child),
            _ => {}
        }
    }
    specs
}

impl<'s> Lowering<'s, '_, '_> {
    fn text(&self, node: Node) -> &'s str {
        self.source.text(node)
    }

    fn add(&mut self, expr: Expr, node: Node) -> ExprId {
        self.lowerer.add(expr, self.source.span(node))
    }

    fn opaque(&mut self, reason: impl Into<String>, node: Node) -> ExprId {
        self.add(Expr::opaque(reason), node)
    }

    fn expressions(&mut self, nodes: impl IntoIterator<Item = Node<'s>>) -> Vec<ExprId> {
        nodes.into_iter().map(|n| self.expression(n)).collect()
    }

    fn statements(&mut self, nodes: impl IntoIterator<Item = Node<'s>>) {
        nodes.into_iter().for_each(|node| self.statement(node));
    }

    /// Declares the package-level names of a file, so that any file of the package finds them
    /// wherever they are used (their values are given as the file is lowered).
    fn predeclare(&mut self, source: &'s Source<'s>) {
        self.source = source;
        for child in children(source.tree.root_node()) {
            let names: Vec<Node> = match child.kind() {
                "function_declaration" => field(child, "name").into_iter().collect(),
                _ => specs(child).into_iter().flat_map(names).collect(),
            };
            for node in names {
                let name = self.text(node);
                if name == "_" || name == "init" {
                    continue;
                }
                let binding = self.declare(node);
                if name.starts_with(char::is_uppercase) {
                    let value = self.add(Expr::Name(binding), node);
                    self.lowerer.export(name, value);
                }
            }
        }
    }

    fn file(&mut self, source: &'s Source<'s>) {
        self.source = source;
        self.imports.clear();
        self.dots.clear();
        self.scopes.truncate(1);
        self.statements(children(source.tree.root_node()));
    }

    fn import(&mut self, spec: Node<'s>) {
        let Some(path_node) = field(spec, "path") else {
            return;
        };
        let path = self.string(path_node);
        let expr = if self.lowerer.in_project(&path) {
            let span = self.source.span(path_node);
            Expr::Module(self.lowerer.import(path.clone(), span))
        } else {
            Expr::Global(vec![path.split('/').map(str::to_owned).collect()])
        };
        let name = match field(spec, "name") {
            Some(name) if name.kind() == "dot" => return self.dots.push(expr),
            // Imported for its side effects only (a project package's are loaded all the same).
            Some(name) if name.kind() == "blank_identifier" => return,
            Some(name) => self.text(name),
            None => package_name(&path),
        };
        self.imports.insert(name.to_owned(), (expr, path));
    }

    fn lookup(&self, name: &str) -> Option<(BindingId, u32, u32)> {
        let mut scopes = self.scopes.iter().rev();
        scopes.find_map(|scope| Some((*scope.names.get(name)?, scope.loops, scope.depth)))
    }

    fn resolve(&self, name: &str) -> Expr {
        if let Some((binding, ..)) = self.lookup(name) {
            return Expr::Name(binding);
        }
        if let Some((expr, _)) = self.imports.get(name) {
            return expr.clone();
        }
        let exported = name.starts_with(char::is_uppercase);
        // A name each use of which lists more candidates than real programs have costs too much.
        if exported && self.dots.len() > MAX_DOTS {
            return Expr::Opaque(format!("a name of one of {} packages", self.dots.len()));
        }
        let mut candidates = Vec::new();
        let in_package = |path: &Vec<String>| [&path[..], &[name.to_owned()]].concat();
        // Only exported (capitalised) names come from a package imported with `.`.
        for dot in self.dots.iter().filter(|_| exported) {
            match dot {
                Expr::Module(import) => return Expr::Export(*import, name.to_owned()),
                Expr::Global(paths) => candidates.extend(paths.iter().map(in_package)),
                _ => {}
            }
        }
        candidates.push(vec![name.to_owned()]);
        Expr::Global(candidates)
    }

    fn push_scope(&mut self) {
        let (loops, depth) = (self.context.loops, self.context.depth);
        self.scopes.push(Scope {
            names: HashMap::new(),
            loops,
            depth,
        });
    }

    /// Declares a name in the innermost block.
    fn declare(&mut self, node: Node) -> BindingId {
        let span = self.source.span(node);
        let binding = self.lowerer.declare(self.text(node), span);
        self.add_name(node, binding);
        binding
    }

    /// Enters a declared name in the innermost block (`_` is no name: no use finds it).
    fn add_name(&mut self, node: Node, binding: BindingId) {
        let name = self.text(node);
        if let (Some(scope), false) = (self.scopes.last_mut(), name == "_") {
            scope.names.insert(name.to_owned(), binding);
        }
    }

    /// Gives a name of the innermost block its value, declaring it unless the block has it
    /// already: a package-level name is declared beforehand, `:=` declares a name again.
    fn bind(&mut self, node: Node, value: Option<Value>) {
        let name = self.text(node);
        let declared = self.scopes.last().and_then(|scope| scope.names.get(name));
        if name != "_" {
            let binding = declared.copied().unwrap_or_else(|| self.declare(node));
            value.into_iter().for_each(|value| self.set(binding, value));
        }
    }

    fn set(&mut self, binding: BindingId, value: Value) {
        match value {
            Ok(value) => self.lowerer.assign(binding, value),
            Err(reason) => self.lowerer.unknown(binding, reason),
        }
    }

    /// Enters a branch or a loop: what runs inside may not, or many times.
    fn enter(&mut self, reason: &str, is_loop: bool) -> Context {
        let saved = self.context.clone();
        let runs = match &saved.runs {
            Runs::Maybe(outer) if !is_loop => Runs::Maybe(outer.clone()),
            _ => Runs::Maybe(reason.to_owned()),
        };
        let loops = saved.loops + u32::from(is_loop);
        self.context = Context {
            runs,
            loops,
            depth: saved.depth + 1,
            over: None,
        };
        saved
    }

    /// The values of the right side of an assignment to `count` names: one each, or a call's
    /// (or a lookup's) first result and its others unknown.
    fn values(&mut self, right: &[Node<'s>], count: usize) -> Vec<Value> {
        let values = self.expressions(right.iter().copied());
        match values[..] {
            _ if values.len() == count => values.into_iter().map(Ok).collect(),
            [first] => {
                let mut values = vec![Ok(first), Err("a second result".to_owned())];
                values.resize(count, Err("a further result".to_owned()));
                values
            }
            _ => vec![Err("one of values of another number".to_owned()); count],
        }
    }

    fn statement(&mut self, node: Node<'s>) {
        match node.kind() {
            "import_spec" => self.import(node),
            "block" => {
                self.push_scope();
                self.statements(children(node));
                self.scopes.pop();
            }
            "short_var_declaration" | "assignment_statement" | "receive_statement" => {
                self.assignment(node)
            }
            "inc_statement" | "dec_statement" => {
                for target in children(node) {
                    self.assign_to(target, Err("incremented or decremented".to_owned()));
                }
            }
            "var_declaration" | "const_declaration" | "type_declaration" => self.declaration(node),
            "function_declaration" | "method_declaration" => self.function_declaration(node),
            "return_statement" => self.return_statement(node),
            "if_statement" | "for_statement" | "select_statement" => self.control(node),
            "expression_switch_statement" | "type_switch_statement" => self.control(node),
            // Any other statement (`go`, `defer`, a send, a label's, a jump), and the lists of
            // statements and imports: their parts, but for the names of labels and packages.
            kind if kind.ends_with("_statement")
                || kind.ends_with("_list")
                || matches!(kind, "package_clause" | "import_declaration") =>
            {
                for child in children(node) {
                    if !matches!(child.kind(), "label_name" | "package_identifier") {
                        self.statement(child);
                    }
                }
            }
            _ => {
                self.expression(node);
            }
        }
    }

    /// `:=`, `=`, `+=`, `v, ok := <-ch`.
    fn assignment(&mut self, node: Node<'s>) {
        let (left, right) = (field_children(node, "left"), field_children(node, "right"));
        let operator = field(node, "operator").map(|o| self.text(o));
        if let ([target], [call], Some("=")) = (&left[..], &right[..], operator)
            && self.append(*target, *call)
        {
            return;
        }
        let values = match operator {
            _ if node.kind() == "receive_statement" => {
                self.expressions(right);
                vec![Err("received from a channel".to_owned()); left.len()]
            }
            Some(operator) if operator != "=" => {
                self.expressions(right);
                vec![Err(format!("updated with `{operator}`")); left.len()]
            }
            _ => self.values(&right, left.len()),
        };
        self.assign_all(node, left, values);
    }

    /// `list = append(list, …)` where `list` is declared in the same block, or just outside the
    /// `range` loop around it: what is appended is added to the list, once or for each turn.
    fn append(&mut self, target: Node<'s>, call: Node<'s>) -> bool {
        let function = field(call, "function").map(|f| self.text(f));
        let arguments = field_children(call, "arguments");
        let name = self.text(target);
        let appends = function == Some("append") && self.lookup("append").is_none();
        let Some((first, added)) = arguments.split_first().filter(|_| appends) else {
            return false;
        };
        let Some((binding, loops, depth)) = self.lookup(name).filter(|_| self.text(*first) == name)
        else {
            return false;
        };
        let context = &self.context;
        let turn = (context.loops, context.depth) == (loops + 1, depth + 1);
        let over = context.over.filter(|_| turn);
        if (context.loops, context.depth) != (loops, depth) && over.is_none() {
            return false;
        }
        let mut items = Vec::new();
        for argument in added {
            items.push(match argument.kind() {
                "variadic_argument" => match argument.named_child(0) {
                    Some(inner) => Item::Spread(self.expression(inner)),
                    None => Item::One(self.opaque(UNPARSED, *argument)),
                },
                _ => Item::One(self.expression(*argument)),
            });
        }
        let span = self.source.span(call);
        self.lowerer.append(binding, items, over, span);
        true
    }

    /// Gives the names on the left of a statement their values: declared with `:=`, assigned
    /// with `=`.
    fn assign_all(&mut self, statement: Node, targets: Vec<Node<'s>>, values: Vec<Value>) {
        let mut cursor = statement.walk();
        let define = statement.children(&mut cursor).any(|c| c.kind() == ":=");
        for (target, value) in targets.into_iter().zip(values) {
            match target.kind() {
                "identifier" if define => self.bind(target, Some(value)),
                _ => self.assign_to(target, value),
            }
        }
    }

    fn assign_to(&mut self, target: Node<'s>, value: Value) {
        if target.kind() == "parenthesized_expression" {
            for inner in children(target) {
                self.assign_to(inner, value.clone());
            }
            return;
        }
        if target.kind() != "identifier" {
            self.expression(target);
        }
        let Some((binding, loops, depth)) = self.root(target) else {
            return;
        };
        let reason = if target.kind() != "identifier" {
            // A field or an element set after the value was written: what was written is not
            // all there is to it.
            "a field or an element of it is assigned"
        } else if self.context.loops > loops {
            "assigned in a loop"
        } else if self.context.depth > depth {
            "assigned in a branch or another function, which may not run"
        } else {
            return self.set(binding, value);
        };
        self.lowerer.unknown(binding, reason);
    }

    /// The name a target is, or the name a field, element or pointer target belongs to.
    fn root(&self, mut node: Node) -> Option<(BindingId, u32, u32)> {
        loop {
            node = match node.kind() {
                "identifier" => return self.lookup(self.text(node)),
                "parenthesized_expression" => node.named_child(0)?,
                // A field, an element, a slice or a pointer's target: of the operand.
                _ => field(node, "operand")?,
            };
        }
    }

    /// A `var`, `const` or `type` declaration.
    fn declaration(&mut self, node: Node<'s>) {
        let outer = self.iota;
        for (index, spec) in specs(node).into_iter().enumerate() {
            let (names, right) = (names(spec), field_children(spec, "value"));
            let count = names.len();
            if node.kind() == "const_declaration" {
                self.iota = Some(index);
            }
            let values = match node.kind() {
                _ if !right.is_empty() => {
                    self.values(&right, count).into_iter().map(Some).collect()
                }
                "const_declaration" => {
                    let reason = "a constant that repeats the expression before it in its group";
                    vec![Some(Err(reason.to_owned())); count]
                }
                "type_declaration" => {
                    vec![Some(Err("a type the program declares".to_owned())); count]
                }
                // The zero value until assigned: the one assignment that follows is the value.
                _ => vec![None; count],
            };
            for (name, value) in names.into_iter().zip(values) {
                self.bind(name, value);
            }
        }
        self.iota = outer;
    }

    /// A function or a method: only a package-level function is a name of the package.
    fn function_declaration(&mut self, node: Node<'s>) {
        let name = field(node, "name").map(|name| self.text(name));
        let function = self.function(node, name);
        let package = self.scopes.first().map(|package| &package.names);
        let binding = package.zip(name).and_then(|(names, name)| names.get(name));
        if let (Some(&binding), "function_declaration") = (binding, node.kind()) {
            let value = self.add(Expr::Function(function), node);
            self.lowerer.assign(binding, value);
        }
    }

    fn function(&mut self, node: Node<'s>, name: Option<&str>) -> FunctionId {
        let outer = self.context.clone();
        (self.context.depth, self.context.over) = (self.context.depth + 1, None);
        self.push_scope();
        let mut parameters = Vec::new();
        let lists = ["receiver", "parameters"].map(|list| field(node, list));
        let declarations = lists.into_iter().flatten().flat_map(children);
        for declaration in declarations {
            for parameter in names(declaration) {
                let span = self.source.span(parameter);
                let function = name.map(str::to_owned);
                let collects = declaration.kind() == "variadic_parameter_declaration";
                let text = self.text(parameter);
                let binding = self.lowerer.parameter(text, span, function, collects);
                self.add_name(parameter, binding);
                parameters.push(binding);
            }
        }
        // Named results: variables of the body, the zero value until assigned.
        let results = field(node, "result").filter(|r| r.kind() == "parameter_list");
        for result in results.into_iter().flat_map(children).flat_map(names) {
            self.declare(result);
        }
        let (name, span) = (name.map(str::to_owned), self.source.span(node));
        let function = Function::new(name, span, parameters, Vec::new(), outer.runs.clone());
        let function = self.lowerer.function(function);
        self.context.runs = Runs::InFunction(function);
        self.returns.push((0, None));
        // The body's block is the parameters' scope.
        self.statements(field_children(node, "body"));
        if let Some((1, result)) = self.returns.pop() {
            self.lowerer.set_result(function, result);
        }
        self.scopes.pop();
        self.context = outer;
        function
    }

    fn return_statement(&mut self, node: Node<'s>) {
        let values = children(node)
            .into_iter()
            .flat_map(|value| match value.kind() {
                "expression_list" => children(value),
                _ => vec![value],
            });
        let values = self.expressions(values);
        // `return nil, err`, `return "", fmt.Errorf(…)`: an error, which fails the program, is
        // not the function's result.
        let error = |value: &ExprId| !matches!(self.lowerer.program().expr(*value), Expr::Null);
        let fails = values.len() > 1 && values.last().is_some_and(error);
        if let (Some(first), Some((count, result)), false) =
            (values.first(), self.returns.last_mut(), fails)
        {
            *count += 1;
            result.get_or_insert(*first);
        }
    }

    /// `if`, `for`, `switch` and `select`, in a block of their own: their initializer, an
    /// `if`'s condition, the value switched on and the list a loop ranges over run once; the
    /// rest may not run, or many times.
    fn control(&mut self, node: Node<'s>) {
        let (reason, is_loop) = match node.kind() {
            "if_statement" => (IF, false),
            "for_statement" => (LOOP, true),
            _ => (CASE, false),
        };
        self.push_scope();
        let aliases = field_children(node, "alias");
        let mut outer = None;
        let mut cursor = node.walk();
        let mut more = cursor.goto_first_child();
        while more {
            let (child, field_name) = (cursor.node(), cursor.field_name());
            more = cursor.goto_next_sibling();
            match (field_name, child.kind()) {
                _ if !child.is_named() || child.is_extra() && !child.is_error() => {}
                (Some("initializer" | "condition" | "value"), _) => self.statement(child),
                (Some("alias"), _) => {}
                (_, "for_clause" | "range_clause") => {
                    self.statements(field(child, "initializer"));
                    let list = self.expressions(field(child, "right"));
                    outer.get_or_insert_with(|| self.enter(reason, is_loop));
                    self.expressions(field(child, "condition"));
                    self.statements(field(child, "update"));
                    let left = field_children(child, "left");
                    let values = vec![Err("a loop variable".to_owned()); left.len()];
                    self.assign_all(child, left.clone(), values);
                    let body = field(node, "body").filter(|b| !leaves_early(*b, JUMPS));
                    if let (Some(_), [_, value], [list]) = (body, &left[..], &list[..]) {
                        let variable = self.lookup(self.text(*value)).map(|(b, ..)| b);
                        self.context.over = variable.map(|variable| (*list, variable));
                    }
                }
                (_, kind) => {
                    outer.get_or_insert_with(|| self.enter(reason, is_loop));
                    if !kind.ends_with("_case") {
                        self.statement(child);
                        continue;
                    }
                    // A case is a block, where a type switch's name is the value of the case's
                    // type.
                    self.push_scope();
                    for alias in &aliases {
                        self.bind(*alias, Some(Err("the value of a type switch".to_owned())));
                    }
                    self.statements(children(child));
                    self.scopes.pop();
                }
            }
        }
        if let Some(outer) = outer {
            self.context = outer;
        }
        self.scopes.pop();
    }

    fn expression(&mut self, node: Node<'s>) -> ExprId {
        if node.is_missing() {
            return self.opaque(UNPARSED, node);
        }
        let (kind, text) = (node.kind(), self.text(node));
        let expr = match kind {
            // `true` and `false` are names a program may declare again.
            "true" | "false" if self.lookup(kind).is_none() => Expr::Bool(kind == "true"),
            "identifier" | "type_identifier" | "package_identifier" | "true" | "false" => {
                self.resolve(text)
            }
            "int_literal" | "float_literal" | "imaginary_literal" => Expr::Number(text.to_owned()),
            "interpreted_string_literal" | "raw_string_literal" => Expr::Str(self.string(node)),
            "nil" => Expr::Null,
            "iota" => match self.iota {
                Some(iota) => Expr::Number(iota.to_string()),
                None => Expr::opaque("`iota` outside a constant declaration"),
            },
            "rune_literal" => Expr::opaque("a rune literal"),
            // What gives its operand's value: parentheses, pointers, type assertions,
            // conversions and the elements of composite literals.
            "parenthesized_expression"
            | "parenthesized_type"
            | "pointer_type"
            | "generic_type"
            | "type_assertion_expression"
            | "type_conversion_expression"
            | "literal_element" => {
                let operand = field(node, "operand").or_else(|| field(node, "type"));
                return match operand.or_else(|| node.named_child(0)) {
                    Some(operand) => self.expression(operand),
                    None => self.opaque(UNPARSED, node),
                };
            }
            "unary_expression" => return self.unary(node),
            "binary_expression" => return self.binary(node),
            "selector_expression" | "qualified_type" | "index_expression" => {
                let (object, name) = match kind {
                    "qualified_type" => ("package", "name"),
                    "index_expression" => ("operand", "index"),
                    _ => ("operand", "field"),
                };
                let (Some(object), Some(name)) = (field(node, object), field(node, name)) else {
                    return self.opaque(UNPARSED, node);
                };
                let object = self.expression(object);
                match kind {
                    "index_expression" => Expr::Index {
                        object,
                        index: self.expression(name),
                    },
                    _ => Expr::member(object, self.text(name), self.source.span(name)),
                }
            }
            "call_expression" => return self.call(node),
            "composite_literal" => return self.composite(node),
            "literal_value" => return self.literal(node, node, Shape::Object, None),
            "func_literal" => Expr::Function(self.function(node, None)),
            _ => {
                self.statements(children(node));
                Expr::Opaque(match kind {
                    "ERROR" => UNPARSED.to_owned(),
                    "slice_expression" => "a slice of a list or a string".to_owned(),
                    _ => format!("a `{kind}`"),
                })
            }
        };
        self.add(expr, node)
    }

    /// A string literal's value, escapes decoded.
    fn string(&self, node: Node) -> String {
        let text = self.text(node);
        if node.kind() == "raw_string_literal" {
            let text = text.strip_prefix('`').unwrap_or(text);
            // Carriage returns are dropped from raw strings, as Go does.
            return text.strip_suffix('`').unwrap_or(text).replace('\r', "");
        }
        // Decoded whole: the bytes of a character may be escaped one by one (`\xc3\xa9`).
        let parts: String = children(node)
            .into_iter()
            .map(|part| self.text(part))
            .collect();
        unescape(&parts, &ESCAPES)
    }

    fn unary(&mut self, node: Node<'s>) -> ExprId {
        let operator = field(node, "operator").map(|o| self.text(o));
        let Some(operand) = field(node, "operand") else {
            return self.opaque(UNPARSED, node);
        };
        let operand = self.expression(operand);
        match (operator, self.lowerer.program().expr(operand)) {
            // Address-of and dereference: the value pointed at.
            (Some("&" | "*" | "+"), _) => operand,
            (Some("-"), Expr::Number(number)) => {
                let negative = match number.strip_prefix('-') {
                    Some(positive) => positive.to_owned(),
                    None => format!("-{number}"),
                };
                self.add(Expr::Number(negative), node)
            }
            (Some("<-"), _) => self.opaque("a value received from a channel", node),
            _ => self.opaque("a negation", node),
        }
    }

    fn binary(&mut self, node: Node<'s>) -> ExprId {
        // `a + b + c`: a string built of its operands (numbers are read as text as well).
        if let Some(operands) = sum_operands(node) {
            let values = self.expressions(operands);
            let joined = self.lowerer.joined(values);
            return self.add(joined, node);
        }
        let operator = field(node, "operator").map(|o| self.text(o));
        self.expressions(field(node, "left"));
        let logical = matches!(operator, Some("&&" | "||"));
        let outer = logical.then(|| self.enter(LOGIC, false));
        self.expressions(field(node, "right"));
        if let Some(outer) = outer {
            self.context = outer;
        }
        let reason = match operator {
            _ if logical => "a logical expression",
            Some("==" | "!=" | "<" | "<=" | ">" | ">=") => "a comparison",
            _ => "an arithmetic expression",
        };
        self.opaque(reason, node)
    }

    fn call(&mut self, node: Node<'s>) -> ExprId {
        let function = field(node, "function");
        let arguments = field_children(node, "arguments");
        let spread = arguments.iter().any(|a| a.kind() == "variadic_argument");
        let identifier = function.filter(|f| f.kind() == "identifier");
        // A predeclared function, unless the program declares its name.
        let predeclared = identifier.map(|f| self.text(f));
        let predeclared = predeclared.filter(|name| self.lookup(name).is_none());
        let qualified = function.and_then(|f| self.qualified(f));
        match (predeclared, qualified, &arguments[..]) {
            (Some(name @ ("new" | "make")), ..) => {
                // The first argument is a type.
                self.expressions(arguments.iter().skip(1).copied());
                return self.opaque(format!("a value made by `{name}`"), node);
            }
            (Some(name), _, [operand]) if CONVERSIONS.contains(&name) && !spread => {
                return self.expression(*operand);
            }
            (_, Some(("fmt", "Sprintf")), _) => return self.sprintf(node, &arguments, spread),
            (_, Some(("encoding/json", "Marshal" | "MarshalIndent")), [value, others @ ..]) => {
                let value = self.expression(*value);
                self.expressions(others.iter().copied());
                return self.add(Expr::Json(value), node);
            }
            _ => {}
        }
        let callee = match function {
            Some(function) => self.expression(function),
            None => self.opaque(UNPARSED, node),
        };
        let arguments = arguments.into_iter().map(|argument| {
            let spread = argument.kind() == "variadic_argument";
            let value = argument.named_child(0).filter(|_| spread);
            let value = self.expression(value.unwrap_or(argument));
            Argument {
                spread,
                ..Argument::positional(value)
            }
        });
        let arguments = arguments.collect();
        let call = Expr::call(callee, arguments, false, self.context.runs.clone());
        self.add(call, node)
    }

    /// The import path of the package and the name of a callee `package.Name`.
    fn qualified(&self, function: Node) -> Option<(&str, &'s str)> {
        let package = self.text(field(function, "operand").filter(|p| p.kind() == "identifier")?);
        let name = self.text(field(function, "field")?);
        let (_, path) = self.imports.get(package)?;
        self.lookup(package)
            .is_none()
            .then_some((path.as_str(), name))
    }

    /// `fmt.Sprintf` with a literal format of `%s`, `%v`, `%d`, `%q` and `%%` only.
    fn sprintf(&mut self, node: Node<'s>, arguments: &[Node<'s>], spread: bool) -> ExprId {
        let literal = ["interpreted_string_literal", "raw_string_literal"];
        let format = arguments.first().filter(|f| literal.contains(&f.kind()));
        let format = format.filter(|_| !spread).map(|f| self.string(*f));
        let values = self.expressions(arguments.iter().skip(1).copied());
        let verb = |verb| match verb {
            's' | 'v' | 'd' => Some(Conversion::Value("")),
            'q' => Some(Conversion::Value("\"")),
            _ => None,
        };
        // Every value is printed, or the format is not what the program means.
        match format.map(|format| printf(&format, &values, verb)) {
            Some(Ok((parts, taken))) if taken == values.len() => {
                self.add(Expr::Template(parts), node)
            }
            _ => self.opaque("a `fmt.Sprintf` of a format not read", node),
        }
    }

    fn composite(&mut self, node: Node<'s>) -> ExprId {
        let (Some(kind), Some(body)) = (field(node, "type"), field(node, "body")) else {
            return self.opaque(UNPARSED, node);
        };
        let shape = match kind.kind() {
            "slice_type" | "array_type" | "implicit_length_array_type" => Shape::List,
            "map_type" => Shape::Map,
            _ => Shape::Object,
        };
        // A named type is the object's class; a struct type written out is none.
        let named = shape == Shape::Object && kind.kind() != "struct_type";
        let class = named.then(|| self.expression(kind));
        self.literal(node, body, shape, class)
    }

    /// The `{…}` of a literal written at `at`: a list when its elements have no keys, else an
    /// object.
    fn literal(&mut self, at: Node, body: Node<'s>, shape: Shape, class: Option<ExprId>) -> ExprId {
        let elements = children(body);
        let keyed = elements.iter().any(|e| e.kind() == "keyed_element");
        // `{}` of a type that is not a list is an object.
        let list = !keyed && shape != Shape::Map && (shape == Shape::List || !elements.is_empty());
        if list || shape == Shape::List {
            let items = self.expressions(elements).into_iter().map(Item::One);
            return match list {
                true => self.add(Expr::List(items.collect()), at),
                false => self.opaque("a list literal with indices", at),
            };
        }
        let members = elements.into_iter().map(|e| self.member(e, shape));
        let members = members.collect();
        self.add(Expr::object(class, members), at)
    }

    /// An element of an object literal: a field, one whose key is a value, or one without key.
    fn member(&mut self, element: Node<'s>, shape: Shape) -> Member {
        let (Some(key), Some(value)) = (field(element, "key"), field(element, "value")) else {
            self.expression(element);
            return Member::opaque(None, "an element without a key");
        };
        let key = key.named_child(0).unwrap_or(key);
        let span = self.source.span(element);
        let name = match key.kind() {
            // In a map literal, a name is a variable holding the key.
            "identifier" if shape != Shape::Map => Some(self.text(key).to_owned()),
            "interpreted_string_literal" | "raw_string_literal" => Some(self.string(key)),
            _ => None,
        };
        let Some(name) = name else {
            let key = self.expression(key);
            let value = self.expression(value);
            return Member::Computed { key, value, span };
        };
        let name_span = self.source.span(key);
        let value = self.expression(value);
        Member::field(name, name_span, value, span)
    }
}

/// Go's escapes: `\x` and octal ones are bytes of the text's UTF-8.
pub(super) const ESCAPES: Escapes = Escapes {
    simple: "a\u{7}b\u{8}t\tn\nv\u{b}f\u{c}r\r\\\\''\"\"",
    hex: &[('x', 2, 2), ('u', 4, 4), ('U', 8, 8)],
    octal: Some((3, 0o377)),
    bytes: true,
    replacement: true,
    keeps_backslash: true,
    ..Escapes::BASE
};

/// What a composite literal's type says of its elements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A slice or an array type: a list.
    List,
    /// A map type: keys are values.
    Map,
    /// A struct type, a named type (of a struct, or a slice or a map that has a name) or a type
    /// left out (`[]*Args{{…}}`): an object, or a list when no element has a key.
    Object,
}
