//! The evaluator: follows what an expression refers to (bindings, exports of other modules,
//! fields of objects, elements of lists, results of helper functions) and reads what it reaches
//! as a string, a boolean, a list or an object. Whatever it cannot follow is unknown, with a
//! short reason.
//!
//! The program may be a stranger's, written to blow up: twenty-two constants each adding the one
//! before to itself make a string of 37 MiB. So what a binding holds is followed once and kept,
//! and so are the text of each template and each field looked up in an object; a value reached
//! again while it is worked out is a cycle; strings, lists and the evaluation of the whole
//! program have bounds. Past any of them the value is unknown.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::{
    Argument, BindingId, BindingValue, Call, Expr, ExprId, FunctionId, Item, Member, ModuleId,
    Part, Program,
};
use crate::frontend::bounds::{Budget, MAX_DOCUMENT, MAX_TEXT, Memo};
pub use crate::frontend::key_policy::Resolution;
use crate::model::Value;
use crate::source::{FileId, Span};

/// How deeply references may nest, so that following them stays well within the thread's
/// stack. Cycles are found before: a chain this long is code no one writes.
pub const MAX_DEPTH: usize = 64;

/// The most elements a list is read with, spreads expanded: a set has a few regions, a key
/// policy a few hundred actions.
const MAX_ELEMENTS: usize = 10_000;

/// Why a list built by a loop is not read: [`super::expand`] has not yet expanded it (and
/// tries again once the lists it is built from are).
pub(super) const UNEXPANDED: &str = "a list built by a loop over a list not yet read";

/// What a framework tells the evaluator about names from outside the project.
pub trait Globals {
    /// Whether a call of this global gives the value of its first argument
    /// (`pulumi.String("x")`, `Output.of(x)`).
    fn transparent(&self, path: &[String]) -> bool;

    /// The text a global constant stands for (`aws.Region.USWest2` is `us-west-2`).
    fn constant(&self, path: &[String]) -> Option<String>;
}

/// What an expression reaches once references are followed.
#[derive(Clone, Debug)]
pub struct Referent {
    /// The expression that holds the value (for a global or a module, the one that names it).
    pub expr: ExprId,
    pub target: Target,
    /// Whether a reference led there, so that the value is written elsewhere.
    pub via_reference: bool,
}

/// What kind of thing was reached.
#[derive(Clone, Debug)]
pub enum Target {
    /// The value of [`Referent::expr`].
    Value,
    /// A name from outside the project, as its candidate paths.
    Global(Rc<Vec<Vec<String>>>),
    /// A module of the project.
    Module(ModuleId),
}

/// A field of an object.
#[derive(Clone, Debug)]
pub enum Field {
    Value(ExprId),
    /// Not written, or written as `null`/`undefined`/`None`.
    Absent,
    Unknown(String),
}

/// A field as looked up in an object: one of its own, or one its base class declares.
#[derive(Clone, Debug)]
enum Slot {
    Value(ExprId),
    Absent,
    Unknown(String),
    /// Not written by the object, whose base class is a global: the base's member of the name,
    /// the base's candidate paths given (`this.region` of a class that extends `cdk.Stack`).
    Inherited(Rc<Vec<Vec<String>>>),
}

/// A value read where `span` uses it.
pub fn value_of<T>(span: Span, resolution: Resolution<T>) -> Value<T> {
    match resolution {
        Ok((value, Some(definition))) if definition != span => {
            Value::resolved(span, value, definition)
        }
        Ok((value, _)) => Value::literal(span, value),
        Err(reason) => Value::unknown(span, reason),
    }
}

/// A field name as every language's spelling of it compares: `kmsKeyArn`, `kms_key_arn` and
/// `KmsKeyArn` are one name.
pub fn canonical(name: &str) -> String {
    canonical_chars(name).collect()
}

fn canonical_chars(name: &str) -> impl Iterator<Item = char> {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
}

/// Whether a name as written is the [`canonical`] name `wanted`, without building its own.
fn is_named(written: &str, wanted: &str) -> bool {
    canonical_chars(written).eq(wanted.chars())
}

/// The evaluation of one program, with what it found so far.
pub struct Evaluator<'p> {
    pub program: &'p Program,
    globals: &'p dyn Globals,
    texts: HashMap<FileId, &'p str>,
    budget: &'p Budget,
    /// What each followed value reaches, by the value.
    followed: Memo<ExprId, Result<Referent, String>>,
    /// The text of each template, and whether a part of it came from a reference.
    composed: Memo<ExprId, Result<(String, bool), String>>,
    /// Each field looked up in an object, by the object and the canonical name.
    fields: Memo<(ExprId, String), Slot>,
    /// What each module exports under each name looked up.
    exports: Memo<(ModuleId, String), Result<Referent, String>>,
    /// Where the functions are called, found when a parameter is first followed.
    calls: OnceCell<CallSites>,
}

/// The one call of each function that has one: a parameter of such a function holds what that
/// call gives it.
struct CallSites {
    /// Each parameter's function, and its position.
    parameters: HashMap<BindingId, (FunctionId, usize)>,
    /// The call of each function called by its name, `None` when it may be called in more than
    /// one place: called twice, used otherwise than called (passed, stored), a member of that
    /// name read anywhere (a method reached through its class or object), or exported from a
    /// module another imports.
    only_call: HashMap<FunctionId, Option<ExprId>>,
}

impl CallSites {
    fn of(program: &Program) -> CallSites {
        let mut parameters = HashMap::new();
        for (index, function) in program.functions.iter().enumerate() {
            for (position, parameter) in function.parameters.iter().enumerate() {
                parameters.insert(*parameter, (FunctionId(index as u32), position));
            }
        }
        let function = |value: ExprId| match program.expr(value) {
            Expr::Function(function) => Some(*function),
            _ => None,
        };
        let named: HashMap<BindingId, FunctionId> = (program.bindings.iter().enumerate())
            .filter_map(|(index, binding)| match binding.value {
                BindingValue::Value(value) => Some((BindingId(index as u32), function(value)?)),
                _ => None,
            })
            .collect();
        let function_of = |value: ExprId| match program.expr(value) {
            Expr::Name(binding) => named.get(binding).copied(),
            _ => function(value),
        };
        let callees: HashMap<ExprId, ExprId> = program
            .calls()
            .map(|(call, Call { callee, .. })| (*callee, call))
            .collect();
        let modules = program.modules.iter();
        let exported: HashSet<ExprId> = modules.flat_map(|m| m.exports.values()).copied().collect();
        let mut members = HashSet::new();
        let mut imported = Vec::new();
        let mut only_call: HashMap<FunctionId, Option<ExprId>> = HashMap::new();
        for (index, expression) in program.written().iter().enumerate() {
            let id = ExprId(index as u32);
            match &expression.expr {
                Expr::Member { name, .. } => _ = members.insert(name.as_str()),
                Expr::Export(import, name) => imported.push((*import, Some(name.as_str()))),
                Expr::Module(import) => imported.push((*import, None)),
                // An export is a use when another module imports it (below).
                Expr::Name(binding) if !exported.contains(&id) => {
                    if let Some(function) = named.get(binding) {
                        let call = callees.get(&id).copied();
                        let first = !only_call.contains_key(function);
                        only_call.insert(*function, call.filter(|_| first));
                    }
                }
                _ => {}
            }
        }
        for module in &program.modules {
            imported.extend(module.reexports.iter().map(|import| (*import, None)));
        }
        for (import, name) in imported {
            let Some(module) = program.import(import).target else {
                continue;
            };
            let exports = &program.module(module).exports;
            let values: Vec<ExprId> = match name {
                Some(name) => exports.get(name).copied().into_iter().collect(),
                None => exports.values().copied().collect(),
            };
            for function in values.into_iter().filter_map(function_of) {
                only_call.insert(function, None);
            }
        }
        for (binding, function) in &named {
            if members.contains(program.binding(*binding).name.as_str()) {
                only_call.insert(*function, None);
            }
        }
        CallSites {
            parameters,
            only_call,
        }
    }

    /// What the one call of a parameter's function gives the parameter, if it has one call.
    fn argument(&self, program: &Program, parameter: BindingId) -> Option<ExprId> {
        let (function, position) = self.parameters.get(&parameter)?;
        let call = (*self.only_call.get(function)?)?;
        let Expr::Call(Call { arguments, .. }) = program.expr(call) else {
            return None;
        };
        let name = &program.binding(parameter).name;
        let named = arguments
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|(n, _)| n == name));
        if let Some(argument) = named {
            return Some(argument.value).filter(|_| !argument.spread);
        }
        // Positions count only while no argument before is spread or given by name.
        let before = arguments.iter().take(position + 1);
        if before.clone().any(|a| a.spread || a.name.is_some()) {
            return None;
        }
        arguments.get(*position).map(|argument| argument.value)
    }
}

impl<'p> Evaluator<'p> {
    /// An evaluator of a program whose files have the texts given.
    pub fn new(
        program: &'p Program,
        globals: &'p dyn Globals,
        texts: HashMap<FileId, &'p str>,
        budget: &'p Budget,
    ) -> Self {
        Evaluator {
            program,
            globals,
            texts,
            budget,
            followed: Memo::default(),
            composed: Memo::default(),
            fields: Memo::default(),
            exports: Memo::default(),
            calls: OnceCell::new(),
        }
    }

    pub fn span(&self, id: ExprId) -> Span {
        self.program.span(id)
    }

    /// The source text of an expression.
    pub fn text(&self, id: ExprId) -> &'p str {
        self.span_text(self.span(id))
    }

    /// The source text at a span.
    pub fn span_text(&self, span: Span) -> &'p str {
        self.texts
            .get(&span.file)
            .and_then(|text| text.get(span.start..span.end))
            .unwrap_or_default()
    }

    /// Follows references until an expression that is not one.
    pub fn follow(&self, id: ExprId) -> Result<Referent, String> {
        self.follow_at(id, 0)
    }

    fn follow_at(&self, id: ExprId, depth: usize) -> Result<Referent, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        self.budget.spend(1)?;
        let unfollowed = Referent {
            expr: id,
            target: Target::Value,
            via_reference: false,
        };
        let program = self.program;
        match program.expr(id) {
            Expr::Name(binding_id) => {
                let binding = program.binding(*binding_id);
                match &binding.value {
                    BindingValue::Value(value) => {
                        self.reference(*value, Some(&binding.name), depth)
                    }
                    BindingValue::Parameter { .. }
                        if let Some(argument) = (self.calls)
                            .get_or_init(|| CallSites::of(program))
                            .argument(program, *binding_id) =>
                    {
                        self.reference(argument, Some(&binding.name), depth)
                    }
                    BindingValue::Parameter { function } => Err(match function {
                        Some(function) => {
                            format!("`{}` is a parameter of `{function}`", binding.name)
                        }
                        None => format!("`{}` is a parameter of a lambda", binding.name),
                    }),
                    BindingValue::Unknown(reason) if reason == super::DECLARED => {
                        Err(format!("`{}` is {reason}", binding.name))
                    }
                    BindingValue::Unknown(reason) => Err(reason.clone()),
                }
            }
            Expr::Global(candidates) => Ok(Referent {
                target: Target::Global(Rc::new(candidates.clone())),
                ..unfollowed
            }),
            Expr::Module(import) => {
                let import = program.import(*import);
                match import.target {
                    Some(module) => Ok(Referent {
                        target: Target::Module(module),
                        ..unfollowed
                    }),
                    None => Err(format!(
                        "module `{}` is not in the project",
                        import.specifier
                    )),
                }
            }
            Expr::Export(import, name) => {
                let import = program.import(*import);
                let module = import.target.ok_or_else(|| {
                    format!("module `{}` is not in the project", import.specifier)
                })?;
                self.export(module, name, depth)
            }
            Expr::Member { object, name, .. } => {
                let object = self.follow_at(*object, depth + 1)?;
                self.member(object, name, id, depth)
            }
            Expr::Index { object, index } => {
                let object = self.follow_at(*object, depth + 1)?;
                let index = self.follow_at(*index, depth + 1)?;
                match program.expr(index.expr) {
                    Expr::Str(name) => self.member(object, name, id, depth),
                    Expr::Number(number) => {
                        let element = number.parse::<usize>().ok().and_then(|i| {
                            self.elements_of(&object, depth + 1).ok()?.get(i).copied()
                        });
                        match element {
                            Some(element) => self.reference(element, None, depth),
                            None => Err(format!("an element of {}", self.describe(object.expr))),
                        }
                    }
                    _ => Err(format!("an element of {}", self.describe(object.expr))),
                }
            }
            Expr::Call(call) => {
                let callee = self.follow_at(call.callee, depth + 1);
                match callee {
                    Ok(Referent {
                        target: Target::Global(candidates),
                        ..
                    }) if candidates.iter().any(|path| self.globals.transparent(path)) => {
                        match positional(&call.arguments).next() {
                            Some(argument) => self.follow_at(argument, depth + 1),
                            None => Ok(unfollowed),
                        }
                    }
                    Ok(Referent {
                        expr: callee,
                        target: Target::Value,
                        ..
                    }) => match program.expr(callee) {
                        // A helper's result is the value of the call (its parameters unknown).
                        Expr::Function(function) => match program.function(*function).result {
                            Some(result) => self.reference(result, None, depth),
                            None => Ok(unfollowed),
                        },
                        _ => Ok(unfollowed),
                    },
                    _ => Ok(unfollowed),
                }
            }
            Expr::FirstOf(options) => {
                let mut last = Err("a name nothing defines".to_owned());
                for option in options {
                    last = self.follow_at(*option, depth + 1);
                    if last.is_ok() {
                        break;
                    }
                }
                last
            }
            Expr::Arguments(values) => match values.as_slice() {
                [only] => self.follow_at(*only, depth + 1),
                _ => Ok(unfollowed),
            },
            _ => Ok(unfollowed),
        }
    }

    /// Follows a value written elsewhere (under `name`, if it has one), once for the whole
    /// program.
    fn reference(
        &self,
        value: ExprId,
        name: Option<&str>,
        depth: usize,
    ) -> Result<Referent, String> {
        self.followed.get(
            value,
            || {
                Ok(Referent {
                    via_reference: true,
                    ..self.follow_at(value, depth + 1)?
                })
            },
            || {
                let name = name.map_or_else(|| short(self.text(value)), short);
                Err(format!("`{name}` depends on itself (a cycle)"))
            },
        )
    }

    /// What a module exports under a name, its re-exports searched after its own.
    /// Kept per module and name: modules re-exporting two of the next, forty levels deep, have
    /// 2^40 paths to search.
    fn export(&self, module: ModuleId, name: &str, depth: usize) -> Result<Referent, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        self.exports.get(
            (module, name.to_owned()),
            || self.find_export(module, name, depth),
            || Err(format!("`{name}` is re-exported in a cycle of modules")),
        )
    }

    fn find_export(&self, module: ModuleId, name: &str, depth: usize) -> Result<Referent, String> {
        self.budget.spend(1)?;
        let exporting = self.program.module(module);
        if let Some(value) = exporting.exports.get(name) {
            return self.reference(*value, Some(name), depth);
        }
        for import in &exporting.reexports {
            if let Some(target) = self.program.import(*import).target
                && target != module
                && let Ok(reached) = self.export(target, name, depth + 1)
            {
                return Ok(reached);
            }
        }
        Err(format!("`{name}` is not exported by the module"))
    }

    /// `object.name`, where `at` is the whole member expression.
    fn member(
        &self,
        object: Referent,
        name: &str,
        at: ExprId,
        depth: usize,
    ) -> Result<Referent, String> {
        match object.target {
            Target::Global(candidates) => Ok(Referent {
                expr: at,
                target: Target::Global(Rc::new(extended(&candidates, name))),
                via_reference: false,
            }),
            Target::Module(module) => self.export(module, name, depth),
            Target::Value => {
                let made = self.program.made.get(&object.expr);
                let object = match (made, self.program.expr(object.expr)) {
                    (Some(made), _) => self.reference(*made, None, depth).unwrap_or(object),
                    (None, Expr::Call(call)) if call.new => {
                        self.instance(call.callee, depth).unwrap_or(object)
                    }
                    _ => object,
                };
                // A call's named arguments are read as fields where an object is expected, not
                // where a member of what it returns is (`get_key(key_id=…).arn`).
                if !matches!(self.program.expr(object.expr), Expr::Object(_)) {
                    return Ok(Referent {
                        expr: at,
                        target: Target::Value,
                        via_reference: false,
                    });
                }
                match self.field_at(object.expr, name, depth + 1) {
                    Slot::Value(value) => self.reference(value, Some(name), depth),
                    Slot::Absent => Err(format!("`{name}` is not set")),
                    Slot::Unknown(reason) => Err(reason),
                    Slot::Inherited(base) => Ok(Referent {
                        expr: at,
                        target: Target::Global(Rc::new(extended(&base, name))),
                        via_reference: false,
                    }),
                }
            }
        }
    }

    /// The object whose members an object `new` makes of a class of the project has: the
    /// class's own, or what the constructor its class names makes.
    fn instance(&self, class: ExprId, depth: usize) -> Option<Referent> {
        let reached = self.follow_at(class, depth + 1).ok()?;
        let Expr::Object(object) = self.program.expr(reached.expr) else {
            return None;
        };
        match object.class.map(|class| self.program.expr(class)) {
            None => Some(reached),
            Some(Expr::Function(constructor)) => {
                let made = self.program.function(*constructor).result?;
                self.reference(made, None, depth).ok()
            }
            Some(_) => None,
        }
    }

    /// Whether an expression holds fields: an object, or a call with named arguments only
    /// (Python's `RegionArgs(name="x")`, `dict(a=1)`).
    fn is_object(&self, id: ExprId) -> bool {
        match self.program.expr(id) {
            Expr::Object(_) => true,
            Expr::Call(call) => {
                !call.arguments.is_empty()
                    && call
                        .arguments
                        .iter()
                        .all(|argument| argument.name.is_some())
            }
            _ => false,
        }
    }

    /// The object (or call with named arguments) an expression holds.
    pub fn object(&self, id: ExprId) -> Result<ExprId, String> {
        let reached = self.follow(id)?;
        if matches!(reached.target, Target::Value) && self.is_object(reached.expr) {
            Ok(reached.expr)
        } else {
            Err(self.describe_reached(&reached))
        }
    }

    /// A field of an object that [`Evaluator::object`] gave; the last one written wins,
    /// spreads included. One a global base class declares is unknown.
    pub fn field(&self, object: ExprId, name: &str) -> Field {
        match self.field_at(object, name, 0) {
            Slot::Value(value) => Field::Value(value),
            Slot::Absent => Field::Absent,
            Slot::Unknown(reason) => Field::Unknown(reason),
            Slot::Inherited(base) => Field::Unknown(match base.first() {
                Some(path) => format!("`{}`", short(&format!("{}.{name}", path.join(".")))),
                None => format!("`{name}` of the base class"),
            }),
        }
    }

    fn field_at(&self, object: ExprId, name: &str, depth: usize) -> Slot {
        if depth > MAX_DEPTH {
            return Slot::Unknown(too_deep());
        }
        let wanted = canonical(name);
        if let Expr::Object(literal) = self.program.expr(object)
            && (literal.members.iter()).all(|member| matches!(member, Member::Field { .. }))
        {
            // Nothing to follow, so nothing to remember: scanning costs less than a memo entry.
            return self.find_field(object, name, &wanted, depth);
        }
        self.fields.get(
            (object, wanted.clone()),
            || self.find_field(object, name, &wanted, depth),
            || {
                Slot::Unknown(format!(
                    "`{name}` of an object that spreads itself (a cycle)"
                ))
            },
        )
    }

    fn find_field(&self, object: ExprId, name: &str, wanted: &str, depth: usize) -> Slot {
        let mut found = Slot::Absent;
        let spread = |spread: ExprId, found: &mut Slot| match self
            .follow_at(spread, depth + 1)
            .and_then(|reached| self.object_reached(reached))
        {
            Ok(object) => match self.field_at(object, name, depth + 1) {
                Slot::Absent => {}
                other => *found = other,
            },
            Err(reason) => *found = Slot::Unknown(format!("a spread of {reason}")),
        };
        match self.program.expr(object) {
            Expr::Object(literal) => {
                if let Err(reason) = self.budget.spend(literal.members.len()) {
                    return Slot::Unknown(reason);
                }
                for member in &literal.members {
                    match member {
                        Member::Field {
                            name: written,
                            value,
                            ..
                        } if is_named(written, wanted) => found = Slot::Value(*value),
                        Member::Field { .. } => {}
                        Member::Computed { key, value, .. } => {
                            match self.text_at(*key, depth + 1) {
                                Ok((key, _)) if is_named(&key, wanted) => {
                                    found = Slot::Value(*value);
                                }
                                Ok(_) => {}
                                Err(reason) => found = Slot::Unknown(reason),
                            }
                        }
                        Member::Spread(value) => spread(*value, &mut found),
                        Member::Base(base) => {
                            found = match self.follow_at(*base, depth + 1) {
                                Ok(Referent {
                                    target: Target::Global(candidates),
                                    ..
                                }) => Slot::Inherited(candidates),
                                _ => Slot::Unknown(BASE_MEMBER.to_owned()),
                            }
                        }
                        Member::Opaque { name: None, reason } => {
                            found = Slot::Unknown(reason.clone());
                        }
                        Member::Opaque {
                            name: Some(written),
                            reason,
                        } if is_named(written, wanted) => {
                            found = Slot::Unknown(reason.clone());
                        }
                        Member::Opaque { .. } => {}
                    }
                }
            }
            Expr::Call(call) => {
                if let Err(reason) = self.budget.spend(call.arguments.len()) {
                    return Slot::Unknown(reason);
                }
                for argument in &call.arguments {
                    match &argument.name {
                        Some(_) if argument.spread => spread(argument.value, &mut found),
                        Some((written, _)) if is_named(written, wanted) => {
                            found = Slot::Value(argument.value);
                        }
                        _ => {}
                    }
                }
            }
            _ => return Slot::Unknown(self.describe(object)),
        }
        match found {
            Slot::Value(value) if matches!(self.program.expr(value), Expr::Null) => Slot::Absent,
            other => other,
        }
    }

    fn object_reached(&self, reached: Referent) -> Result<ExprId, String> {
        if matches!(reached.target, Target::Value) && self.is_object(reached.expr) {
            Ok(reached.expr)
        } else {
            Err(self.describe_reached(&reached))
        }
    }

    /// Where a field of an object literal is named (the last of its name), and the field.
    pub fn field_name(&self, object: ExprId, name: &str) -> Option<(Span, ExprId)> {
        let wanted = canonical(name);
        match self.program.expr(object) {
            Expr::Object(literal) => literal
                .members
                .iter()
                .rev()
                .find_map(|member| match member {
                    Member::Field {
                        name,
                        name_span,
                        value,
                        ..
                    } if is_named(name, &wanted) => Some((*name_span, *value)),
                    _ => None,
                }),
            Expr::Call(call) => call.arguments.iter().rev().find_map(|argument| {
                let (written, span) = argument.name.as_ref()?;
                (!argument.spread && is_named(written, &wanted)).then_some((*span, argument.value))
            }),
            _ => None,
        }
    }

    /// The elements of the list an expression holds, spreads expanded.
    pub fn elements(&self, id: ExprId) -> Result<Vec<ExprId>, String> {
        // Following the arguments of a setter would read its one value, not the list.
        let reached = match self.program.expr(id) {
            Expr::Arguments(_) => Referent {
                expr: id,
                target: Target::Value,
                via_reference: false,
            },
            _ => self.follow(id)?,
        };
        self.elements_of(&reached, 0)
    }

    fn elements_of(&self, reached: &Referent, depth: usize) -> Result<Vec<ExprId>, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        if !matches!(reached.target, Target::Value) {
            return Err(self.describe_reached(reached));
        }
        let program = self.program;
        let mut elements = Vec::new();
        match program.expr(reached.expr) {
            Expr::List(items) => {
                for item in items {
                    match item {
                        Item::One(value) => elements.push(*value),
                        Item::Spread(value) => {
                            let spread = self.follow_at(*value, depth + 1)?;
                            elements.extend(self.elements_of(&spread, depth + 1)?);
                        }
                    }
                    if elements.len() > MAX_ELEMENTS {
                        return Err(format!("a list of more than {MAX_ELEMENTS} elements"));
                    }
                }
            }
            // Java's `regions(a, b)`, or `regions(list)`.
            Expr::Arguments(values) => {
                // One value is the list, or its one element when it is an object; what cannot
                // be read may be either.
                if let [only] = values.as_slice() {
                    let only = self.follow_at(*only, depth + 1)?;
                    match (&only.target, program.expr(only.expr)) {
                        (_, Expr::List(_) | Expr::Arguments(_)) => {
                            return self.elements_of(&only, depth + 1);
                        }
                        (Target::Value, Expr::Object(_)) => {}
                        _ => return Err(self.describe_reached(&only)),
                    }
                }
                elements.extend(values.iter().copied());
            }
            Expr::Call(call) if matches!(program.expr(call.callee), Expr::Member { name, .. } if name == "map") =>
            {
                return Err("a list built by `.map()`".to_owned());
            }
            Expr::Map { .. } => return Err(UNEXPANDED.to_owned()),
            _ => return Err(self.describe_reached(reached)),
        }
        self.budget.spend(elements.len())?;
        Ok(elements)
    }

    /// A string read where `id` uses it.
    pub fn string(&self, id: ExprId) -> Value<String> {
        value_of(self.span(id), self.text_at(id, 0))
    }

    /// The text an expression holds, and where it is defined when a reference led there.
    pub fn text_of(&self, id: ExprId) -> Resolution<String> {
        self.text_at(id, 0)
    }

    fn text_at(&self, id: ExprId, depth: usize) -> Resolution<String> {
        let reached = self.follow_at(id, depth)?;
        self.text_reached(&reached, depth, MAX_TEXT)
    }

    /// The text of what was reached: a string, a number, a template whose parts resolve, a
    /// global constant.
    pub fn text_of_reached(&self, reached: &Referent) -> Resolution<String> {
        self.text_reached(reached, 0, MAX_TEXT)
    }

    /// The text of a key policy written as a JSON string, which may be longer than other
    /// strings (its parts may not).
    pub fn document_text(&self, reached: &Referent) -> Resolution<String> {
        self.text_reached(reached, 0, MAX_DOCUMENT)
    }

    fn text_reached(&self, reached: &Referent, depth: usize, limit: usize) -> Resolution<String> {
        let definition = reached.via_reference.then(|| self.span(reached.expr));
        if let Target::Global(candidates) = &reached.target {
            return match candidates
                .iter()
                .find_map(|path| self.globals.constant(path))
            {
                Some(text) => Ok((text, definition)),
                None => Err(self.describe_reached(reached)),
            };
        }
        if let Target::Module(_) = reached.target {
            return Err(self.describe_reached(reached));
        }
        let at = reached.expr;
        let (text, via_parts) = match self.program.expr(at) {
            Expr::Str(text) => {
                self.budget.copy(text)?;
                (text.clone(), false)
            }
            Expr::Number(number) => (number.clone(), false),
            Expr::Template(_) if limit == MAX_TEXT => self.composed.get(
                at,
                || self.compose(at, depth, limit),
                || Err("a string that includes itself (a cycle)".to_owned()),
            )?,
            Expr::Template(_) => self.compose(at, depth, limit)?,
            _ => return Err(self.describe(at)),
        };
        Ok((
            text,
            (reached.via_reference || via_parts).then(|| self.span(at)),
        ))
    }

    /// The text of a template from the texts of its parts, and whether one of them came from a
    /// reference.
    fn compose(&self, at: ExprId, depth: usize, limit: usize) -> Result<(String, bool), String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        let Expr::Template(parts) = self.program.expr(at) else {
            return Err(self.describe(at));
        };
        let mut via_reference = false;
        let mut text = String::new();
        for part in parts {
            match part {
                Part::Text(piece) => self.budget.push(&mut text, piece, limit)?,
                Part::Value(value) => {
                    // A document's chain of `+` has the document's limit throughout; what it
                    // refers to has the usual one.
                    let (piece, via_piece) = if limit > MAX_TEXT
                        && matches!(self.program.expr(*value), Expr::Template(_))
                    {
                        self.compose(*value, depth + 1, limit)?
                    } else {
                        let (piece, definition) = self.text_at(*value, depth + 1)?;
                        (piece, definition.is_some())
                    };
                    via_reference |= via_piece;
                    self.budget.push(&mut text, &piece, limit)?;
                }
            }
        }
        Ok((text, via_reference))
    }

    /// A boolean read where `id` uses it.
    pub fn boolean(&self, id: ExprId) -> Value<bool> {
        let resolution = self.follow(id).and_then(|reached| {
            let definition = reached.via_reference.then(|| self.span(reached.expr));
            match (&reached.target, self.program.expr(reached.expr)) {
                (Target::Value, Expr::Bool(value)) => Ok((*value, definition)),
                _ => Err(self.describe_reached(&reached)),
            }
        });
        value_of(self.span(id), resolution)
    }

    /// The candidate paths of a global that an expression reaches, if it reaches one.
    pub fn global(&self, id: ExprId) -> Option<Rc<Vec<Vec<String>>>> {
        match self.follow(id).ok()?.target {
            Target::Global(candidates) => Some(candidates),
            _ => None,
        }
    }

    fn describe_reached(&self, reached: &Referent) -> String {
        match &reached.target {
            Target::Value => self.describe(reached.expr),
            Target::Global(candidates) => match candidates.first() {
                Some(path) => format!("`{}`", short(&path.join("."))),
                None => format!("`{}`", short(self.text(reached.expr))),
            },
            Target::Module(_) => format!("the module `{}`", short(self.text(reached.expr))),
        }
    }

    /// A short noun phrase for an expression whose value cannot be known.
    pub fn describe(&self, id: ExprId) -> String {
        let text = short(self.text(id));
        match self.program.expr(id) {
            Expr::Call(call) if call.new => format!("the object `{text}`"),
            Expr::Call(_) => format!("the result of `{text}`"),
            Expr::Opaque(reason) => reason.clone(),
            Expr::Template(_) => "a string built from parts".to_owned(),
            Expr::Function(_) => "a function".to_owned(),
            Expr::List(_) | Expr::Arguments(_) => "a list".to_owned(),
            Expr::Map { .. } => "a list built by a loop".to_owned(),
            Expr::Object(_) => "an object".to_owned(),
            Expr::Number(_) => "a number".to_owned(),
            Expr::Bool(_) => "a boolean".to_owned(),
            Expr::Str(_) => "a string".to_owned(),
            Expr::Null => "no value".to_owned(),
            Expr::Json(_) => format!("the JSON text `{text}`"),
            _ => format!("`{text}`"),
        }
    }
}

/// The positional arguments of a call.
pub fn positional(arguments: &[Argument]) -> impl Iterator<Item = ExprId> + '_ {
    arguments
        .iter()
        .filter(|argument| argument.name.is_none() && !argument.spread)
        .map(|argument| argument.value)
}

/// Why a member a base class of the project (or one that cannot be followed) declares is not
/// read.
const BASE_MEMBER: &str = "a member the base may declare";

/// A global's candidate paths, each extended by a member's name.
fn extended(candidates: &[Vec<String>], name: &str) -> Vec<Vec<String>> {
    (candidates.iter())
        .map(|path| {
            let mut path = path.clone();
            path.push(name.to_owned());
            path
        })
        .collect()
}

fn too_deep() -> String {
    format!("references nest more than {MAX_DEPTH} deep")
}

/// Source text on one line, cut short.
pub fn short(text: &str) -> String {
    const LIMIT: usize = 60;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= LIMIT {
        line
    } else {
        let cut: String = line.chars().take(LIMIT).collect();
        format!("{cut}…")
    }
}
