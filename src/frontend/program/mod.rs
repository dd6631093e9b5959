//! Programs in general-purpose languages (Pulumi's TypeScript, JavaScript, Python, Go, C# and
//! Java), read the same way whatever their syntax.
//!
//! ```text
//! tree-sitter tree ──lower/<language>──▶ Program ──instantiate (CDK)──▶ ──expand──▶ Program
//!     ──eval──▶ values ──framework (pulumi, cdk)──▶ model
//! ```
//!
//! A [lowering](lower) turns a language's syntax, scoping and imports into the small
//! representation below; [`load`] parses the files a program is made of (each once) and hands
//! them to the lowering; [`instantiate`] copies a class's constructor for each object made of
//! it, with that call's arguments; [`expand`] writes out the lists loops build, one copy of the
//! element per element (both through [`substitute`]); [`eval`] follows bindings and reads strings, booleans, lists and fields from
//! it. Neither knows a framework: the Pulumi layer names the SDK's classes and builds the
//! model. A new language is one lowering file.

pub mod bounds;
pub mod build;
#[cfg(test)]
pub mod dump;
pub mod eval;
pub mod expand;
pub mod instantiate;
pub mod load;
pub mod lower;
pub mod project;
pub mod substitute;

use std::collections::HashMap;

use crate::source::{FileId, Span};

/// An expression of the program, by its index in [`Program::expressions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A name the program declares, by its index in [`Program::bindings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BindingId(pub u32);

/// A function, method or lambda, by its index in [`Program::functions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionId(pub u32);

/// A module of the program, by its index in [`Program::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub u32);

/// An import of a module by another, by its index in [`Program::imports`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImportId(pub u32);

/// A whole program: every expression of every module loaded, in one arena.
#[derive(Debug, Default)]
pub struct Program {
    pub expressions: Vec<Expression>,
    pub bindings: Vec<Binding>,
    pub functions: Vec<Function>,
    pub modules: Vec<SourceModule>,
    pub imports: Vec<Import>,
    /// How many of the expressions the lowerings wrote, once [`expand`] has added copies after
    /// them.
    written: Option<usize>,
    /// The object each call made, where [`instantiate`] made it (copying its class's
    /// constructor for the call): what a member of the call's result reads
    /// (`new KeyStack(app, "Keys").key`).
    pub made: HashMap<ExprId, ExprId>,
}

/// An expression and where it is written.
#[derive(Debug)]
pub struct Expression {
    pub expr: Expr,
    pub span: Span,
}

/// What an expression is. Everything a lowering cannot represent is [`Expr::Opaque`] with the
/// reason, so that the value it gives is unknown and says why.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A string literal, escapes decoded.
    Str(String),
    /// A number as written.
    Number(String),
    Bool(bool),
    /// `null`, `undefined`, `None`, `nil`.
    Null,
    /// A string built from parts: a template literal, an f-string, an interpolated string,
    /// `"a" + b`, `fmt.Sprintf("a%s", b)`.
    Template(Vec<Part>),
    /// An array, list, tuple or slice literal.
    List(Vec<Item>),
    /// An object literal, dictionary, map, composite literal or initialiser.
    Object(Object),
    /// A name the program declares.
    Name(BindingId),
    /// A name from outside the project: a package, or a name inside one, as a path of
    /// segments (`["@pulumi", "aws", "kms", "Key"]`, `["Pulumi", "Aws", "Kms", "Key"]`). Where
    /// the language cannot tell which import a name comes from (C#'s `using` directives, Java's
    /// `.*` imports), each possible path is a candidate, in the order the language tries them.
    Global(Vec<Vec<String>>),
    /// A module of the project as a whole (`import * as keys from "./keys"`, `import keys`).
    Module(ImportId),
    /// A name another module of the project exports (`import { key } from "./keys"`).
    Export(ImportId, String),
    /// `object.name`.
    Member {
        object: ExprId,
        name: String,
        name_span: Span,
    },
    /// `object[index]`.
    Index {
        object: ExprId,
        index: ExprId,
    },
    /// A call, `new` included.
    Call(Call),
    /// A function, method or lambda.
    Function(FunctionId),
    /// The arguments of a call that takes any number of values (Java's `regions(a, b)`), read
    /// as a list, or as its only element where one value is wanted.
    Arguments(Vec<ExprId>),
    /// The first of these whose value can be followed: a name that one of several wildcard
    /// imports defines (Python's `from keys import *` after `from pulumi_aws.kms import *`).
    FirstOf(Vec<ExprId>),
    /// A value serialised as JSON (`JSON.stringify(x)`, `json.dumps(x)`).
    Json(ExprId),
    /// A list with an element for each element of `list`: `element`, where `variable` holds
    /// that element (`xs.map(x => …)`, `[… for x in xs]`, a loop over `xs` that appends to a
    /// list). [`expand`] turns it into a list of copies before the program is read.
    Map {
        list: ExprId,
        variable: BindingId,
        element: Item,
    },
    /// Something the representation does not follow, and why.
    Opaque(String),
}

impl Expr {
    /// `object.name`, its name written at `name_span`.
    pub fn member(object: ExprId, name: impl Into<String>, name_span: Span) -> Expr {
        let name = name.into();
        Expr::Member {
            object,
            name,
            name_span,
        }
    }

    pub fn call(callee: ExprId, arguments: Vec<Argument>, new: bool, runs: Runs) -> Expr {
        Expr::Call(Call {
            callee,
            arguments,
            new,
            runs,
        })
    }

    pub fn object(class: Option<ExprId>, members: Vec<Member>) -> Expr {
        Expr::Object(Object { class, members })
    }

    /// A string of parts: a literal when it is all text.
    pub fn template(mut parts: Vec<Part>) -> Expr {
        match parts.pop() {
            None => Expr::Str(String::new()),
            Some(Part::Text(text)) if parts.is_empty() => Expr::Str(text),
            Some(last) => {
                parts.push(last);
                Expr::Template(parts)
            }
        }
    }

    pub fn opaque(reason: impl Into<String>) -> Expr {
        Expr::Opaque(reason.into())
    }

    /// The expressions this one is made of (not what a name refers to), to be replaced by
    /// copies.
    pub(super) fn operands_mut(&mut self) -> Vec<&mut ExprId> {
        match self {
            Expr::Template(parts) => (parts.iter_mut())
                .filter_map(|part| match part {
                    Part::Value(value) => Some(value),
                    Part::Text(_) => None,
                })
                .collect(),
            Expr::List(items) => items.iter_mut().map(Item::value_mut).collect(),
            Expr::Object(object) => {
                let members = object.members.iter_mut().flat_map(|member| match member {
                    Member::Field { value, .. } | Member::Spread(value) | Member::Base(value) => {
                        vec![value]
                    }
                    Member::Computed { key, value, .. } => vec![key, value],
                    Member::Opaque { .. } => vec![],
                });
                object.class.iter_mut().chain(members).collect()
            }
            Expr::Member { object, .. } | Expr::Json(object) => vec![object],
            Expr::Index { object, index } => vec![object, index],
            Expr::Call(call) => {
                let arguments = call.arguments.iter_mut().map(|a| &mut a.value);
                std::iter::once(&mut call.callee).chain(arguments).collect()
            }
            Expr::Arguments(values) | Expr::FirstOf(values) => values.iter_mut().collect(),
            Expr::Map { list, element, .. } => vec![list, element.value_mut()],
            _ => vec![],
        }
    }
}

/// A piece of a [`Expr::Template`].
#[derive(Clone, Debug)]
pub enum Part {
    Text(String),
    Value(ExprId),
}

/// Appends text to a template's parts, joining it to the text before it.
pub fn push_text(parts: &mut Vec<Part>, text: &str) {
    match parts.last_mut() {
        Some(Part::Text(last)) => last.push_str(text),
        _ if text.is_empty() => {}
        _ => parts.push(Part::Text(text.to_owned())),
    }
}

/// An element of a [`Expr::List`].
#[derive(Clone, Debug)]
pub enum Item {
    One(ExprId),
    /// `...xs`, `*xs`: every element of another list.
    Spread(ExprId),
}

impl Item {
    fn value_mut(&mut self) -> &mut ExprId {
        match self {
            Item::One(value) | Item::Spread(value) => value,
        }
    }
}

/// An object: its members in the order written (the last of two of one name wins).
#[derive(Clone, Debug, Default)]
pub struct Object {
    /// The type written with it, when the language writes one (`&ReplicationSetArgs{…}`,
    /// `new ReplicationSetArgs {…}`, `ReplicationSetArgs.builder()…build()`).
    ///
    /// A class of the project is an object too. Without a class, it holds every member an
    /// object of it has (Java's, C#'s); with one, it holds its static members only, and its
    /// class is its constructor, whose result is the object `new` makes (TypeScript's).
    pub class: Option<ExprId>,
    pub members: Vec<Member>,
}

/// A member of an [`Object`].
#[derive(Clone, Debug)]
pub enum Member {
    /// `name: value`, `"name": value`, `Name = value`, `.name(value)`. A shorthand property
    /// (`{ region }`) has the name's span as its value's.
    Field {
        name: String,
        name_span: Span,
        value: ExprId,
        /// The whole member.
        span: Span,
    },
    /// `[key]: value`, `{key: value}` with a key that is not a literal.
    Computed {
        key: ExprId,
        value: ExprId,
        span: Span,
    },
    /// `...other`, `**other`.
    Spread(ExprId),
    /// The members a base class declares, given the class it extends: a field the object does
    /// not set itself is the base's (`this.region` of a class that extends `cdk.Stack`).
    Base(ExprId),
    /// A member that cannot be read (a method, a getter): a field of this name, if known, is
    /// unknown.
    Opaque {
        name: Option<String>,
        reason: String,
    },
}

impl Member {
    /// `name: value`, its name written at `name_span` and the whole member at `span`.
    pub fn field(name: impl Into<String>, name_span: Span, value: ExprId, span: Span) -> Member {
        let name = name.into();
        Member::Field {
            name,
            name_span,
            value,
            span,
        }
    }

    pub fn opaque(name: Option<String>, reason: impl Into<String>) -> Member {
        let reason = reason.into();
        Member::Opaque { name, reason }
    }
}

/// A call.
#[derive(Clone, Debug)]
pub struct Call {
    /// What is called: a function, a class (`new`), a method (a [`Expr::Member`]).
    pub callee: ExprId,
    pub arguments: Vec<Argument>,
    /// Whether it constructs an object of a class (`new X(…)`, Python's `X(…)` cannot say).
    pub new: bool,
    /// How many times it runs each time the program runs.
    pub runs: Runs,
}

/// An argument of a call.
#[derive(Clone, Debug)]
pub struct Argument {
    /// The parameter it is given to by name (Python's keywords, C#'s `name:`), if any.
    pub name: Option<(String, Span)>,
    pub value: ExprId,
    /// `...xs`, `*xs`, `**kw`.
    pub spread: bool,
}

impl Argument {
    /// An argument given by position, not spread.
    pub fn positional(value: ExprId) -> Argument {
        Argument {
            name: None,
            value,
            spread: false,
        }
    }
}

/// How many times an expression runs when what holds it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runs {
    /// Once: at the top level of a module or of a function's body.
    Once,
    /// Once each time a function runs: the framework knows which functions its runtime calls
    /// once (`pulumi.Run(func…)`, a stack's constructor).
    InFunction(FunctionId),
    /// Maybe not, or many times: in a branch, a loop, a lambda passed to something else.
    Maybe(String),
}

/// A declared name.
#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    pub value: BindingValue,
}

/// What a name holds.
#[derive(Clone, Debug)]
pub enum BindingValue {
    /// The one value it is given (a constant, a variable assigned once).
    Value(ExprId),
    /// A parameter of a function (named when the function is).
    Parameter { function: Option<String> },
    /// Assigned more than once, in a loop, or otherwise not one value: why.
    Unknown(String),
}

/// A function, method, lambda or constructor.
#[derive(Clone, Debug)]
pub struct Function {
    pub name: Option<String>,
    pub span: Span,
    pub parameters: Vec<BindingId>,
    /// The value it returns, when its body returns one expression on every path.
    pub result: Option<ExprId>,
    /// For a constructor, the class's base classes (C#'s `class MyStack : Stack`).
    pub bases: Vec<ExprId>,
    /// How many times the function's own definition runs (whether, when it is called, is the
    /// framework's business).
    pub runs: Runs,
    /// What `this` (`self`) names in a constructor or method: the object it is called on, which
    /// a constructor makes ([`program::instantiate`](instantiate) binds it to each object made).
    pub receiver: Option<BindingId>,
}

impl Function {
    /// A function whose result is not known until its body is lowered
    /// ([`Lowerer::set_result`]).
    pub fn new(
        name: Option<String>,
        span: Span,
        parameters: Vec<BindingId>,
        bases: Vec<ExprId>,
        runs: Runs,
    ) -> Function {
        Function {
            name,
            span,
            parameters,
            result: None,
            bases,
            runs,
            receiver: None,
        }
    }
}

/// A module: a file (TypeScript, Python), a package (Go), a project (C#, Java).
#[derive(Clone, Debug, Default)]
pub struct SourceModule {
    pub files: Vec<FileId>,
    /// What it exports, by name.
    pub exports: HashMap<String, ExprId>,
    /// Modules whose exports it exports too (`export * from "./keys"`), searched in order for a
    /// name it does not export itself.
    pub reexports: Vec<ImportId>,
    /// Whether the program starts there.
    pub entry: bool,
}

/// An import of a module of the project by another.
#[derive(Clone, Debug)]
pub struct Import {
    /// The importing module.
    pub from: ModuleId,
    /// As written: `./keys`, `.keys`, `example.com/infra/keys`.
    pub specifier: String,
    pub span: Span,
    /// The module it names, once loaded; `None` when it is not the project's (or not found).
    pub target: Option<ModuleId>,
}

impl Program {
    pub fn expression(&self, id: ExprId) -> &Expression {
        &self.expressions[id.0 as usize]
    }

    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.expression(id).expr
    }

    pub fn span(&self, id: ExprId) -> Span {
        self.expression(id).span
    }

    pub fn binding(&self, id: BindingId) -> &Binding {
        &self.bindings[id.0 as usize]
    }

    pub fn function(&self, id: FunctionId) -> &Function {
        &self.functions[id.0 as usize]
    }

    pub fn import(&self, id: ImportId) -> &Import {
        &self.imports[id.0 as usize]
    }

    pub fn module(&self, id: ModuleId) -> &SourceModule {
        &self.modules[id.0 as usize]
    }

    /// The expressions the lowerings wrote, without the copies [`expand`] made of them: each
    /// is written once in the source.
    pub fn written(&self) -> &[Expression] {
        &self.expressions[..self.written.unwrap_or(self.expressions.len())]
    }

    /// Every call the program writes, in the order lowered (module by module, in source order).
    pub fn calls(&self) -> impl Iterator<Item = (ExprId, &Call)> {
        self.written()
            .iter()
            .enumerate()
            .filter_map(|(index, expression)| match &expression.expr {
                Expr::Call(call) => Some((ExprId(index as u32), call)),
                _ => None,
            })
    }
}

/// Reads the program of `files` with a framework and builds what it makes of it: loads the
/// program, lets the framework `prepare` it (make its classes' objects), writes out the lists
/// loops build, and hands an evaluator of the program's budget to the framework's `build`. The
/// program is dropped in the background.
pub fn read<P>(
    files: &project::ProgramFiles,
    language: &dyn lower::Language,
    globals: &dyn eval::Globals,
    prepare: impl FnOnce(&mut Program, &HashMap<FileId, &str>) -> P,
    build: impl FnOnce(&eval::Evaluator, P) -> Option<crate::model::Unit>,
) -> crate::frontend::Parsed {
    if let Some(unread) = language.unread(files) {
        return crate::frontend::Parsed {
            unread: vec![unread],
            ..crate::frontend::Parsed::default()
        };
    }
    let (program, errors) = load::load(files, language);
    let unit = program.and_then(|mut program| {
        let texts: HashMap<_, _> = (files.sources.iter())
            .map(|file| (file.id, file.source.text.as_str()))
            .collect();
        let prepared = prepare(&mut program, &texts);
        expand::expand(&mut program, globals, &texts);
        let budget = bounds::budget();
        let evaluator = eval::Evaluator::new(&program, globals, texts, &budget);
        let unit = build(&evaluator, prepared);
        drop(evaluator);
        crate::frontend::drop_in_background(program);
        unit
    });
    crate::frontend::Parsed {
        unit,
        prior: None,
        errors,
        unread: Vec::new(),
    }
}

/// What a name declared without a value holds until it is given one.
const DECLARED: &str = "declared without a value";

/// Why a parameter that collects arguments, or follows one that does, has no one value.
const COLLECTING: &str = "a parameter that collects arguments, or follows one that does";

/// Builds a [`Program`]: what a lowering writes into.
pub struct Lowerer<'p> {
    program: &'p mut Program,
    module: ModuleId,
    /// Whether an import specifier names a module of the project.
    in_project: &'p dyn Fn(&str) -> bool,
}

impl<'p> Lowerer<'p> {
    pub(crate) fn new(
        program: &'p mut Program,
        module: ModuleId,
        in_project: &'p dyn Fn(&str) -> bool,
    ) -> Self {
        Lowerer {
            program,
            module,
            in_project,
        }
    }

    /// Whether an import names a module of the project (which [`Lowerer::import`] then loads),
    /// rather than a package: where the syntax cannot tell (Python's `import keys`, a Go import
    /// path), the project's files do.
    pub fn in_project(&self, specifier: &str) -> bool {
        (self.in_project)(specifier)
    }

    /// The module being lowered.
    pub fn module(&self) -> ModuleId {
        self.module
    }

    pub fn add(&mut self, expr: Expr, span: Span) -> ExprId {
        let id = ExprId(self.program.expressions.len() as u32);
        self.program.expressions.push(Expression { expr, span });
        id
    }

    /// Replaces an expression added before (a placeholder for something lowered later).
    pub fn set(&mut self, id: ExprId, expr: Expr) {
        self.program.expressions[id.0 as usize].expr = expr;
    }

    pub fn opaque(&mut self, reason: impl Into<String>, span: Span) -> ExprId {
        self.add(Expr::Opaque(reason.into()), span)
    }

    /// Declares a name; its value is set with [`Lowerer::assign`] (or stays unknown).
    pub fn declare(&mut self, name: impl Into<String>, span: Span) -> BindingId {
        let id = BindingId(self.program.bindings.len() as u32);
        self.program.bindings.push(Binding {
            name: name.into(),
            span,
            value: BindingValue::Unknown(DECLARED.to_owned()),
        });
        id
    }

    /// Declares a parameter of a function (named when the function is). One that `collects` the
    /// arguments that remain (`...xs`, `*args`, `params T[] xs`, `xs ...T`), or follows one that
    /// does, is unknown: no one argument of a call is its value.
    pub fn parameter(
        &mut self,
        name: impl Into<String>,
        span: Span,
        function: Option<String>,
        collects: bool,
    ) -> BindingId {
        let id = self.declare(name, span);
        self.program.bindings[id.0 as usize].value = match collects {
            true => BindingValue::Unknown(COLLECTING.to_owned()),
            false => BindingValue::Parameter { function },
        };
        id
    }

    /// Gives a name its value. A name given a value twice (or once after being declared with
    /// one) holds neither: the program may run either assignment last.
    pub fn assign(&mut self, binding: BindingId, value: ExprId) {
        let binding = &mut self.program.bindings[binding.0 as usize];
        binding.value = match &binding.value {
            BindingValue::Unknown(reason) if reason == DECLARED => BindingValue::Value(value),
            BindingValue::Parameter { .. } | BindingValue::Value(_) => {
                BindingValue::Unknown(format!("`{}` is assigned more than once", binding.name))
            }
            BindingValue::Unknown(reason) => BindingValue::Unknown(reason.clone()),
        };
    }

    /// `list.map(x => …)` (C#'s `Select`, a Java stream's `map`) given the callee `list.map`: a
    /// list built by a loop, when the function returns one value.
    pub fn map_call(
        &mut self,
        callee: ExprId,
        arguments: &[Argument],
        span: Span,
    ) -> Option<ExprId> {
        let program = &self.program;
        let Expr::Member { object, .. } = program.expr(callee) else {
            return None;
        };
        let [argument] = arguments
            .iter()
            .filter(|a| !a.spread && a.name.is_none())
            .collect::<Vec<_>>()[..]
        else {
            return None;
        };
        let Expr::Function(function) = program.expr(argument.value) else {
            return None;
        };
        let function = program.function(*function);
        let variable = *function.parameters.first()?;
        let element = Item::One(function.result?);
        let list = *object;
        Some(self.add(
            Expr::Map {
                list,
                variable,
                element,
            },
            span,
        ))
    }

    /// The list a conversion gives (`xs.ToList()`, `xs.stream()`, `xs.toList()`, given the callee
    /// `xs.ToList`): `xs`, when it is a list literal, one a loop builds, or a name.
    pub fn same_list(&self, callee: ExprId) -> Option<ExprId> {
        let Expr::Member { object, .. } = self.program.expr(callee) else {
            return None;
        };
        let list = matches!(
            self.program.expr(*object),
            Expr::List(_) | Expr::Map { .. } | Expr::Name(_)
        );
        list.then_some(*object)
    }

    /// Appends to the list a local holds (`acc.push(x, y)`, `acc = append(acc, xs...)`): once,
    /// or, where the call is the body of a loop over `list` with `variable` (`turn`), for each
    /// element of the list. The local holds the list it held and these after it. Only a list
    /// literal or an empty collection (Go's nil slice or `T{}`, `new List<T>()`) is appended to.
    pub fn append(
        &mut self,
        binding: BindingId,
        mut items: Vec<Item>,
        turn: Option<(ExprId, BindingId)>,
        span: Span,
    ) {
        if let Some((list, variable)) = turn {
            let element = match items[..] {
                [Item::One(value)] => Item::One(value),
                _ => Item::Spread(self.add(Expr::List(items), span)),
            };
            items = vec![Item::Spread(self.add(
                Expr::Map {
                    list,
                    variable,
                    element,
                },
                span,
            ))];
        }
        let program = &self.program;
        let before = match &program.binding(binding).value {
            BindingValue::Unknown(reason) if reason == DECLARED => None,
            BindingValue::Value(value) => match program.expr(*value) {
                Expr::List(_) => Some(Item::Spread(*value)),
                Expr::Null => None,
                Expr::Object(object) if object.members.is_empty() => None,
                Expr::Call(call) if call.new && call.arguments.is_empty() => None,
                _ => {
                    let name = &program.binding(binding).name;
                    let reason = format!("`{name}` is appended to, and is not a list literal");
                    return self.unknown(binding, reason);
                }
            },
            BindingValue::Unknown(_) => return,
            BindingValue::Parameter { .. } => {
                let name = &program.binding(binding).name;
                return self.unknown(binding, format!("`{name}` is a parameter appended to"));
            }
        };
        let list = self.add(Expr::List(before.into_iter().chain(items).collect()), span);
        self.program.bindings[binding.0 as usize].value = BindingValue::Value(list);
    }

    /// Makes a name's value unknown, whatever it was given (assigned in a loop, by a
    /// destructuring the lowering does not follow).
    pub fn unknown(&mut self, binding: BindingId, reason: impl Into<String>) {
        self.program.bindings[binding.0 as usize].value = BindingValue::Unknown(reason.into());
    }

    pub fn function(&mut self, function: Function) -> FunctionId {
        let id = FunctionId(self.program.functions.len() as u32);
        self.program.functions.push(function);
        id
    }

    /// Sets what `this` (`self`) names in a constructor or method.
    pub fn set_receiver(&mut self, function: FunctionId, receiver: BindingId) {
        self.program.functions[function.0 as usize].receiver = Some(receiver);
    }

    /// Sets what a function returns, once its body is lowered.
    pub fn set_result(&mut self, function: FunctionId, result: Option<ExprId>) {
        self.program.functions[function.0 as usize].result = result;
    }

    /// An import of another module of the project, which the loader resolves and loads.
    pub fn import(&mut self, specifier: impl Into<String>, span: Span) -> ImportId {
        let id = ImportId(self.program.imports.len() as u32);
        self.program.imports.push(Import {
            from: self.module,
            specifier: specifier.into(),
            span,
            target: None,
        });
        id
    }

    pub fn export(&mut self, name: impl Into<String>, value: ExprId) {
        self.program.modules[self.module.0 as usize]
            .exports
            .insert(name.into(), value);
    }

    /// Exports every name another module exports (`export * from "./keys"`).
    pub fn reexport(&mut self, import: ImportId) {
        self.program.modules[self.module.0 as usize]
            .reexports
            .push(import);
    }

    /// The template of values joined (`a + b + c`): a string or a template among them is its
    /// parts, so that a text written in pieces is one text (a string when it is all text).
    pub fn joined(&self, values: impl IntoIterator<Item = ExprId>) -> Expr {
        let mut parts = Vec::new();
        for value in values {
            match self.program.expr(value) {
                Expr::Str(text) => push_text(&mut parts, text),
                Expr::Template(inner) => {
                    for part in inner {
                        match part {
                            Part::Text(text) => push_text(&mut parts, text),
                            Part::Value(value) => parts.push(Part::Value(*value)),
                        }
                    }
                }
                _ => parts.push(Part::Value(value)),
            }
        }
        Expr::template(parts)
    }

    /// Reads what was lowered so far (a lowering may look at an expression it built).
    pub fn program(&self) -> &Program {
        self.program
    }
}

/// Loads a program from files given as `(path, text)` with a language's lowering, for tests:
/// the files, the program (if any module loaded) and the errors met.
#[cfg(test)]
pub fn load_for_test(
    language: &dyn lower::Language,
    files: &[(&str, &str)],
) -> (
    crate::source::Sources,
    Option<Program>,
    Vec<crate::input_error::InputError>,
) {
    let mut sources = crate::source::Sources::default();
    for (path, text) in files {
        sources.add(crate::source::SourceFile::new(
            std::path::PathBuf::from(path),
            (*text).to_owned(),
        ));
    }
    let unit_files: Vec<crate::frontend::UnitFile> = (0..files.len())
        .map(|index| crate::frontend::UnitFile {
            id: FileId(index),
            source: sources.get(FileId(index)),
        })
        .collect();
    let mut errors = Vec::new();
    let program =
        crate::frontend::pulumi::project(&unit_files, &mut errors).and_then(|(project, _)| {
            let (program, mut load_errors) = load::load(&project.files, language);
            errors.append(&mut load_errors);
            program
        });
    (sources, program, errors)
}
