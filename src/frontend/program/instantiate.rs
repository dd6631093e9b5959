//! The objects a program's classes make: each call that makes an object of a class of the
//! project (`new IncidentsStack(app, "Prod", { env })`, `IncidentsStack(app, "Prod", env=…)`)
//! gets its own copy of what the class's constructor does, in which the constructor's
//! parameters hold that call's arguments and `this` (`self`) that object. So a stack class
//! instantiated twice creates its resources twice, each with its own properties, as a
//! Terraform module called twice does; and the objects a constructor makes are made, in turn,
//! inside each copy (a construct of a stack).
//!
//! A class that no call of the project makes (a construct library's) is read once, alone, its
//! parameters unknown. Copies share [`MAX_COPIES`] with nothing else, objects nest at most
//! [`MAX_NESTING`] deep and a program makes at most [`MAX_INSTANCES`]: past a bound, or in a
//! cycle of classes making one another, an object's constructor is not read, and says why.

use std::collections::{HashMap, HashSet};

use super::eval::{Evaluator, Globals, positional};
use super::substitute::{Substitution, add_binding};
use super::{BindingValue, Call, Expr, ExprId, FunctionId, Member, Program, Runs};
use crate::frontend::bounds::Budget;
use crate::source::FileId;

/// How many expressions the copies of a program's constructors may visit (and copy).
const MAX_COPIES: usize = 200_000;

/// How deeply objects may be made inside one another's constructors: a CDK app nests a stage,
/// a stack and a few constructs.
pub const MAX_NESTING: usize = 16;

/// How many objects a program's classes may make.
pub const MAX_INSTANCES: usize = 4_096;

/// An object of [`Instances::all`], by its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InstanceId(pub usize);

/// One object a class of the project makes.
#[derive(Debug)]
pub struct Instance {
    pub constructor: FunctionId,
    /// The call that makes it, as the program holds it in the object that makes it (a copy
    /// there); `None` for a class no call of the project makes, read alone.
    pub call: Option<ExprId>,
    /// The object whose constructor makes this one.
    pub parent: Option<InstanceId>,
    /// The calls its constructor makes, as this object's copies, in the order written.
    pub calls: Vec<ExprId>,
    /// Why its constructor is not read, when it is not: [`Instance::calls`] is then empty.
    pub unread: Option<String>,
}

/// The objects a program's classes make.
#[derive(Debug, Default)]
pub struct Instances {
    pub all: Vec<Instance>,
    /// The object each call outside every constructor makes, by the call.
    pub by_call: HashMap<ExprId, InstanceId>,
    /// The calls made outside every constructor, in the order written.
    pub outside: Vec<ExprId>,
    /// The first call whose object is not made because the program makes [`MAX_INSTANCES`]
    /// already.
    pub unmade: Option<ExprId>,
}

impl Instances {
    pub fn get(&self, id: InstanceId) -> &Instance {
        &self.all[id.0]
    }

    /// The objects, each with its id.
    pub fn iter(&self) -> impl Iterator<Item = (InstanceId, &Instance)> {
        (self.all.iter().enumerate()).map(|(index, instance)| (InstanceId(index), instance))
    }
}

/// What the program's classes are, found before it is copied.
struct Classes {
    /// The constructor each call of a class of the project calls.
    made_by: HashMap<ExprId, FunctionId>,
    /// The calls each constructor makes, in the order written.
    calls: HashMap<FunctionId, Vec<ExprId>>,
    /// The calls made outside every constructor, in the order written.
    outside: Vec<ExprId>,
}

/// Makes the objects of a program's classes, copying their constructors into the program.
pub fn instantiate(
    program: &mut Program,
    globals: &dyn Globals,
    texts: &HashMap<FileId, &str>,
) -> Instances {
    program.written.get_or_insert(program.expressions.len());
    let budget = &Budget::new(MAX_COPIES, "copies of the program's classes");
    let classes = {
        let evaluator = Evaluator::new(program, globals, texts.clone(), budget);
        classes(&evaluator)
    };
    let mut instances = Instances {
        outside: classes.outside.clone(),
        ..Instances::default()
    };
    let made: HashSet<FunctionId> = classes.made_by.values().copied().collect();
    let mut roots: Vec<(FunctionId, Option<ExprId>)> = (classes.outside.iter())
        .filter_map(|call| Some((*classes.made_by.get(call)?, Some(*call))))
        .collect();
    let mut alone: Vec<FunctionId> = (classes.calls.keys())
        .filter(|constructor| !made.contains(constructor))
        .copied()
        .collect();
    alone.sort();
    roots.extend(alone.into_iter().map(|constructor| (constructor, None)));
    let mut maker = Maker {
        program,
        classes: &classes,
        instances: &mut instances,
        budget,
    };
    for (constructor, call) in roots {
        if let Some(call) = call
            && maker.instances.all.len() < MAX_INSTANCES
        {
            let made = InstanceId(maker.instances.all.len());
            maker.instances.by_call.insert(call, made);
        }
        maker.make(constructor, call, None, &mut Vec::new());
    }
    instances
}

struct Maker<'a> {
    program: &'a mut Program,
    classes: &'a Classes,
    instances: &'a mut Instances,
    budget: &'a Budget,
}

impl Maker<'_> {
    /// Makes the object `call` makes with `constructor` (a class read alone without a call),
    /// inside `parent`, whose makers' constructors are `making`.
    fn make(
        &mut self,
        constructor: FunctionId,
        call: Option<ExprId>,
        parent: Option<InstanceId>,
        making: &mut Vec<FunctionId>,
    ) {
        if self.instances.all.len() >= MAX_INSTANCES {
            self.instances.unmade = self.instances.unmade.or(call);
            return;
        }
        let id = InstanceId(self.instances.all.len());
        let function = self.program.function(constructor).clone();
        self.instances.all.push(Instance {
            constructor,
            call,
            parent,
            calls: Vec::new(),
            unread: None,
        });
        let unread = if making.contains(&constructor) {
            Some("an object whose class makes itself (a cycle)".to_owned())
        } else if making.len() >= MAX_NESTING {
            Some(format!(
                "an object made inside more than {MAX_NESTING} nested constructors"
            ))
        } else {
            None
        };
        if let Some(reason) = unread {
            self.instances.all[id.0].unread = Some(reason);
            return;
        }
        let written = (self.classes.calls.get(&constructor)).map_or(&[][..], Vec::as_slice);
        let copied = match call {
            None => Ok(written.to_vec()),
            Some(call) => self.copy(call, &function, written),
        };
        let calls = match copied {
            Ok(copied) => copied,
            Err(reason) => {
                self.instances.all[id.0].unread = Some(reason);
                return;
            }
        };
        self.instances.all[id.0].calls = calls.clone();
        making.push(constructor);
        for (original, copy) in written.iter().zip(calls) {
            if let Some(made) = self.classes.made_by.get(original) {
                self.make(*made, Some(copy), Some(id), making);
            }
        }
        making.pop();
    }

    /// The copies of a constructor's calls where its parameters hold the arguments of `call` and
    /// its receiver the object made, which the program then keeps as what `call` made.
    fn copy(
        &mut self,
        call: ExprId,
        function: &super::Function,
        written: &[ExprId],
    ) -> Result<Vec<ExprId>, String> {
        let Expr::Call(Call { arguments, .. }) = self.program.expr(call).clone() else {
            return Err("not a call".to_owned());
        };
        let program = &mut *self.program;
        let mut replaced = HashMap::new();
        // Python's `self` is the first parameter.
        let skip = usize::from(
            function.receiver.is_some()
                && function.receiver == function.parameters.first().copied(),
        );
        let mut given = positional(&arguments).collect::<Vec<_>>().into_iter();
        let mut by_position = !arguments.iter().any(|argument| argument.spread);
        for parameter in function.parameters.iter().skip(skip) {
            let declared = program.binding(*parameter).clone();
            let named = arguments.iter().find(|argument| {
                !argument.spread
                    && argument
                        .name
                        .as_ref()
                        .is_some_and(|(name, _)| *name == declared.name)
            });
            by_position &= matches!(declared.value, BindingValue::Parameter { .. });
            let value = match (named, by_position.then(|| given.next()).flatten()) {
                (Some(argument), _) => BindingValue::Value(argument.value),
                (None, Some(value)) => BindingValue::Value(value),
                (None, None) => BindingValue::Unknown(match &declared.value {
                    BindingValue::Unknown(reason) => reason.clone(),
                    _ => format!("`{}` is not passed", declared.name),
                }),
            };
            replaced.insert(*parameter, add_binding(program, declared, value));
        }
        let receiver = function.receiver.map(|receiver| {
            let declared = program.binding(receiver).clone();
            let placeholder = BindingValue::Unknown("the object being made".to_owned());
            let replacement = add_binding(program, declared, placeholder);
            replaced.insert(receiver, replacement);
            (receiver, replacement)
        });
        let mut substitution = Substitution::new(program, replaced, self.budget, "a class");
        let mut calls = Vec::with_capacity(written.len());
        for call in written {
            calls.push(substitution.copy(*call)?.unwrap_or(*call));
        }
        let Some((receiver, replacement)) = receiver else {
            return Ok(calls);
        };
        // The object is what the constructor makes: the members it sets on `this` or `self`,
        // and those its base declares.
        let made = match substitution.program.binding(receiver).value.clone() {
            BindingValue::Value(made) => Some(made),
            // Python's `self` is a parameter; its `__init__` results in what it makes.
            _ => function.result,
        };
        let value = match made {
            Some(made) => Some(substitution.copy(made)?.unwrap_or(made)),
            None => None,
        };
        let program = substitution.program;
        let value = value.or_else(|| {
            let base = *function.bases.first()?;
            let span = program.span(base);
            let object = Expr::object(None, vec![Member::Base(base)]);
            Some(add_expression(program, object, span))
        });
        if let Some(value) = value {
            program.bindings[replacement.0 as usize].value = BindingValue::Value(value);
            program.made.insert(call, value);
        }
        Ok(calls)
    }
}

fn add_expression(program: &mut Program, expr: Expr, span: crate::source::Span) -> ExprId {
    let id = ExprId(program.expressions.len() as u32);
    program.expressions.push(super::Expression { expr, span });
    id
}

/// The classes of the project, their constructors' calls and the calls that make their objects.
fn classes(evaluator: &Evaluator) -> Classes {
    let program = evaluator.program;
    let constructors = constructors(program);
    let mut made_by = HashMap::new();
    for (id, call) in program.calls() {
        if let Some(constructor) = constructor_called(evaluator, call)
            && constructors.contains(&constructor)
        {
            made_by.insert(id, constructor);
        }
    }
    let enclosing = Enclosing::of(program);
    let mut calls: HashMap<FunctionId, Vec<ExprId>> =
        constructors.iter().map(|c| (*c, Vec::new())).collect();
    let mut outside = Vec::new();
    for (id, call) in program.calls() {
        // A field's initialiser runs in the constructor, which it is not written in.
        let owner = match &call.runs {
            Runs::InFunction(function) if constructors.contains(function) => Some(*function),
            _ => {
                let mut function = enclosing.calls.get(&id).copied();
                while let Some(inner) = function.filter(|f| !constructors.contains(f)) {
                    function = enclosing.functions.get(&inner).copied();
                }
                function
            }
        };
        match owner.and_then(|owner| calls.get_mut(&owner)) {
            Some(owned) => owned.push(id),
            None => outside.push(id),
        }
    }
    Classes {
        made_by,
        calls,
        outside,
    }
}

/// The constructors of the project's classes: each class's (TypeScript's object whose class is
/// its constructor), or its `__init__` (Python's).
fn constructors(program: &Program) -> HashSet<FunctionId> {
    let function = |value: ExprId| function_of(program, value);
    let mut constructors = HashSet::new();
    for expression in program.written() {
        let Expr::Object(object) = &expression.expr else {
            continue;
        };
        constructors.extend(object.class.and_then(function));
        constructors.extend(object.members.iter().filter_map(|member| match member {
            Member::Field { name, value, .. } if name == INIT => function(*value),
            _ => None,
        }));
    }
    constructors.retain(|constructor| program.function(*constructor).receiver.is_some());
    constructors
}

/// Python's constructor.
const INIT: &str = "__init__";

/// The constructor of a class of the project that a call makes an object of: `new C(…)`, or
/// Python's `C(…)`.
fn constructor_called(evaluator: &Evaluator, call: &Call) -> Option<FunctionId> {
    let program = evaluator.program;
    let class = evaluator.follow(call.callee).ok()?;
    let Expr::Object(object) = program.expr(class.expr) else {
        return None;
    };
    let constructor = match (call.new, object.class) {
        (true, Some(constructor)) => constructor,
        (false, None) => object
            .members
            .iter()
            .rev()
            .find_map(|member| match member {
                Member::Field { name, value, .. } if name == INIT => Some(*value),
                _ => None,
            })?,
        _ => return None,
    };
    function_of(program, constructor)
}

/// The function an expression is, or a name of a class's body holds (Python's methods).
fn function_of(program: &Program, value: ExprId) -> Option<FunctionId> {
    match program.expr(value) {
        Expr::Function(function) => Some(*function),
        Expr::Name(binding) => match program.binding(*binding).value {
            BindingValue::Value(value) => match program.expr(value) {
                Expr::Function(function) => Some(*function),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The innermost function each call and each function is written in.
#[derive(Default)]
struct Enclosing {
    calls: HashMap<ExprId, FunctionId>,
    functions: HashMap<FunctionId, FunctionId>,
}

impl Enclosing {
    /// Sweeps the program's functions and calls in the order they are written, each file's
    /// functions open on a stack: linear in the program (after sorting), however it nests.
    fn of(program: &Program) -> Enclosing {
        #[derive(Clone, Copy)]
        enum Item {
            Function(FunctionId),
            Call(ExprId),
        }
        let functions = (program.functions.iter().enumerate())
            .map(|(index, function)| (function.span, Item::Function(FunctionId(index as u32))));
        let calls = program
            .calls()
            .map(|(id, _)| (program.span(id), Item::Call(id)));
        let mut items: Vec<_> = functions.chain(calls).collect();
        // Outer first: by file, start, then the longer; a function before a call of its span.
        items.sort_by_key(|(span, item)| {
            let kind = matches!(item, Item::Call(_));
            (span.file, span.start, std::cmp::Reverse(span.end), kind)
        });
        let mut enclosing = Enclosing::default();
        let mut open: Vec<(FunctionId, crate::source::Span)> = Vec::new();
        for (span, item) in items {
            while let Some((_, outer)) = open.last()
                && !outer.contains(span)
            {
                open.pop();
            }
            let outer = open.last().map(|(function, _)| *function);
            match item {
                Item::Function(function) => {
                    if let Some(outer) = outer {
                        enclosing.functions.insert(function, outer);
                    }
                    open.push((function, span));
                }
                Item::Call(call) => {
                    if let Some(outer) = outer {
                        enclosing.calls.insert(call, outer);
                    }
                }
            }
        }
        enclosing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::program::dump::NoGlobals;
    use crate::frontend::program::load_for_test;
    use crate::frontend::program::lower::Language;
    use crate::frontend::program::lower::python::Python;
    use crate::frontend::program::lower::typescript::TypeScript;

    /// The objects a TypeScript program makes, each as its class's name and the texts of the
    /// arguments of the calls of `probe` its constructor makes.
    fn made(text: &str, probe: &str) -> Vec<(String, Vec<String>)> {
        let files = [
            ("p/Pulumi.yaml", "name: p\nruntime: nodejs\n"),
            ("p/index.ts", text),
        ];
        made_in(&TypeScript, &files, probe)
    }

    fn made_in(
        language: &dyn Language,
        files: &[(&str, &str)],
        probe: &str,
    ) -> Vec<(String, Vec<String>)> {
        let (sources, program, errors) = load_for_test(language, files);
        assert!(errors.is_empty(), "{errors:?}");
        let mut program = program.expect("a program");
        let texts: HashMap<FileId, &str> = (sources.iter())
            .map(|(id, file)| (id, file.text.as_str()))
            .collect();
        let instances = instantiate(&mut program, &NoGlobals, &texts);
        let budget = Budget::new(100_000, "program");
        let evaluator = Evaluator::new(&program, &NoGlobals, texts, &budget);
        let mut made = Vec::new();
        for (_, instance) in instances.iter() {
            let class = program.function(instance.constructor).name.clone();
            let mut texts = Vec::new();
            for call in &instance.calls {
                let Expr::Call(call) = program.expr(*call) else {
                    continue;
                };
                if evaluator.text(call.callee) != probe {
                    continue;
                }
                for argument in positional(&call.arguments) {
                    texts.push(match evaluator.text_of(argument) {
                        Ok((text, _)) => text,
                        Err(reason) => format!("?({reason})"),
                    });
                }
            }
            if let Some(reason) = &instance.unread {
                texts.push(format!("unread: {reason}"));
            }
            made.push((class.unwrap_or_default(), texts));
        }
        made
    }

    fn strings(made: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        (made.iter())
            .map(|(class, texts)| {
                let texts = texts.iter().map(|text| (*text).to_owned()).collect();
                ((*class).to_owned(), texts)
            })
            .collect()
    }

    #[test]
    fn each_object_gets_the_arguments_of_the_call_that_makes_it() {
        let text = r#"import * as cdk from "aws-cdk-lib";
class Leaf {
    constructor(scope: any, id: string, props: { region: string }) {
        probe(id, props.region, this.home);
    }
}
class Incidents {
    home = "ap-south-1";
    constructor(scope: any, id: string, props: { regions: string[] }) {
        const first = props.regions[0];
        new Leaf(this, `${id}-leaf`, { region: first });
        [1].forEach(() => probe(id));
    }
}
class IncidentsStack extends cdk.Stack {
    constructor(scope: any, id: string, props: { regions: string[] }) {
        super(scope, id, props);
        new Incidents(this, "Incidents", { regions: props.regions });
        probe(this.region);
    }
}
new IncidentsStack(app, "Prod", { regions: ["eu-west-1"] });
new IncidentsStack(app, "Dev", { regions: ["us-east-1"] });
class Alone { constructor(props: { region: string }) { probe(props.region); } }
class Self { constructor() { new Self(); } }
new Self();
"#;
        assert_eq!(
            made(text, "probe"),
            strings(&[
                ("IncidentsStack", &["?(`aws-cdk-lib.Stack.region`)"]),
                ("Incidents", &["Incidents"]),
                (
                    "Leaf",
                    &["Incidents-leaf", "eu-west-1", "?(`home` is not set)"]
                ),
                ("IncidentsStack", &["?(`aws-cdk-lib.Stack.region`)"]),
                ("Incidents", &["Incidents"]),
                (
                    "Leaf",
                    &["Incidents-leaf", "us-east-1", "?(`home` is not set)"]
                ),
                ("Self", &[]),
                (
                    "Self",
                    &["unread: an object whose class makes itself (a cycle)"]
                ),
                ("Alone", &["?(`props` is a parameter of `Alone`)"]),
            ])
        );
    }

    #[test]
    fn python_objects_take_arguments_by_position_and_keyword() {
        let text = r#"import aws_cdk as cdk
from constructs import Construct

class Incidents(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, regions: list) -> None:
        super().__init__(scope, construct_id)
        probe(construct_id, regions[0], self.region)

class IncidentsStack(cdk.Stack):
    def __init__(self, scope, construct_id, regions, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        Incidents(self, "Incidents", regions=regions)
        probe(self.region, kwargs)

app = cdk.App()
IncidentsStack(app, "Prod", ["eu-west-1"], env=cdk.Environment(region="eu-west-1"))
IncidentsStack(app, "Dev", regions=["us-east-1"])
"#;
        let files = [
            ("p/Pulumi.yaml", "name: p\nruntime: python\n"),
            ("p/__main__.py", text),
        ];
        let collecting = "?(a parameter that collects arguments, or follows one that does)";
        assert_eq!(
            made_in(&Python, &files, "probe"),
            strings(&[
                ("__init__", &["?(`aws_cdk.Stack.region`)", collecting]),
                (
                    "__init__",
                    &["Incidents", "eu-west-1", "?(`constructs.Construct.region`)"]
                ),
                ("__init__", &["?(`aws_cdk.Stack.region`)", collecting]),
                (
                    "__init__",
                    &["Incidents", "us-east-1", "?(`constructs.Construct.region`)"]
                ),
            ])
        );
    }

    #[test]
    fn classes_that_each_make_two_of_the_next_make_a_bounded_number_of_objects() {
        let mut text = String::new();
        for level in 0..40 {
            let next = level + 1;
            text.push_str(&format!(
                "class C{level} {{ constructor(p: any) {{ new C{next}(p); new C{next}(p); }} }}\n"
            ));
        }
        text.push_str("class C40 { constructor(p: any) { probe(p); } }\nnew C0(\"x\");\n");
        let made = made(&text, "probe");
        assert_eq!(made.len(), MAX_INSTANCES);
        let deepest = made.iter().filter(|(class, _)| class == "C16").count();
        assert!(deepest > 0, "objects are made {MAX_NESTING} deep");
        assert!(made.iter().all(|(class, _)| class != "C17"));
    }
}
