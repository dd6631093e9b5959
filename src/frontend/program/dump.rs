//! A program rendered as text, for tests of the lowerings: each module's bindings and calls,
//! one per line, in a syntax of its own that every language lowers into alike.

use std::fmt::Write;

use super::eval::{Evaluator, Globals};
use super::{BindingValue, Expr, ExprId, Item, Member, Part, Program, Runs};
use crate::frontend::bounds::Budget;
use crate::source::Sources;

/// Every binding with a value (`name = value`) and every call (`call value [runs]`), in the
/// order lowered.
pub fn dump(program: &Program) -> String {
    let mut out = String::new();
    for binding in &program.bindings {
        let value = match &binding.value {
            BindingValue::Value(value) => render(program, *value, 0),
            BindingValue::Parameter { function } => {
                format!("parameter of {}", function.as_deref().unwrap_or("a lambda"))
            }
            BindingValue::Unknown(reason) => format!("?({reason})"),
        };
        let _ = writeln!(out, "{} = {value}", binding.name);
    }
    for (id, call) in program.calls() {
        let runs = match &call.runs {
            Runs::Once => "once".to_owned(),
            Runs::InFunction(function) => format!(
                "in {}",
                program
                    .function(*function)
                    .name
                    .as_deref()
                    .unwrap_or("a lambda")
            ),
            Runs::Maybe(reason) => format!("maybe: {reason}"),
        };
        let _ = writeln!(out, "call {} [{runs}]", render(program, id, 0));
    }
    for (index, module) in program.modules.iter().enumerate() {
        let mut exports: Vec<_> = module.exports.iter().collect();
        exports.sort();
        for (name, value) in exports {
            let _ = writeln!(
                out,
                "export {index}.{name} = {}",
                render(program, *value, 0)
            );
        }
    }
    out
}

/// A framework that knows no globals, for tests of the program layer alone.
pub struct NoGlobals;

impl Globals for NoGlobals {
    fn transparent(&self, _path: &[String]) -> bool {
        false
    }
    fn constant(&self, _path: &[String]) -> Option<String> {
        None
    }
}

/// What the evaluator reads in each argument of the first call rendered as starting with `call`,
/// as text (or `?(why)`), no name from outside the project standing for anything.
pub fn argument_texts(sources: &Sources, program: &Program, call: &str) -> Vec<String> {
    let texts = sources.iter().map(|(id, file)| (id, file.text.as_str()));
    let budget = Budget::new(100_000, "program");
    let evaluator = Evaluator::new(program, &NoGlobals, texts.collect(), &budget);
    let (_, call) = (program.calls())
        .find(|(id, _)| render(program, *id, 0).starts_with(call))
        .expect("the call");
    let arguments = call.arguments.iter();
    let texts = arguments.map(|argument| match evaluator.text_of(argument.value) {
        Ok((text, _)) => text,
        Err(reason) => format!("?({reason})"),
    });
    texts.collect()
}

/// The source text of a span, for tests that check where an expression is.
pub fn text(sources: &Sources, program: &Program, id: ExprId) -> String {
    let span = program.span(id);
    sources.get(span.file).text[span.start..span.end].to_owned()
}

/// One expression, nested ones included up to a depth.
pub fn render(program: &Program, id: ExprId, depth: usize) -> String {
    if depth > 12 {
        return "…".to_owned();
    }
    let r = |id: ExprId| render(program, id, depth + 1);
    let list = |ids: &[ExprId]| ids.iter().map(|id| r(*id)).collect::<Vec<_>>().join(", ");
    match program.expr(id) {
        Expr::Str(text) => format!("{text:?}"),
        Expr::Number(number) => number.clone(),
        Expr::Bool(value) => value.to_string(),
        Expr::Null => "null".to_owned(),
        Expr::Template(parts) => {
            let parts: String = parts
                .iter()
                .map(|part| match part {
                    Part::Text(text) => text.clone(),
                    Part::Value(value) => format!("${{{}}}", r(*value)),
                })
                .collect();
            format!("`{parts}`")
        }
        Expr::List(items) => {
            let items: Vec<String> = items.iter().map(|item| item_text(item, &r)).collect();
            format!("[{}]", items.join(", "))
        }
        Expr::Map {
            list,
            variable,
            element,
        } => {
            let variable = &program.binding(*variable).name;
            let element = item_text(element, &r);
            format!("map({} as {variable}: {element})", r(*list))
        }
        Expr::Object(object) => {
            let members: Vec<String> = object
                .members
                .iter()
                .map(|member| match member {
                    Member::Field { name, value, .. } => format!("{name}: {}", r(*value)),
                    Member::Computed { key, value, .. } => format!("[{}]: {}", r(*key), r(*value)),
                    Member::Spread(value) => format!("...{}", r(*value)),
                    Member::Base(value) => format!("base {}", r(*value)),
                    Member::Opaque { name, reason } => {
                        format!("{}: ?({reason})", name.as_deref().unwrap_or("?"))
                    }
                })
                .collect();
            let class = object.class.map(r).unwrap_or_default();
            format!("{class}{{{}}}", members.join(", "))
        }
        Expr::Name(binding) => program.binding(*binding).name.clone(),
        Expr::Global(candidates) => {
            let candidates: Vec<String> = candidates.iter().map(|path| path.join(".")).collect();
            format!("global:{}", candidates.join("|"))
        }
        Expr::Module(import) => format!("module({})", program.import(*import).specifier),
        Expr::Export(import, name) => {
            format!("module({}).{name}", program.import(*import).specifier)
        }
        Expr::Member { object, name, .. } => format!("{}.{name}", r(*object)),
        Expr::Index { object, index } => format!("{}[{}]", r(*object), r(*index)),
        Expr::Call(call) => {
            let arguments: Vec<String> = call
                .arguments
                .iter()
                .map(|argument| {
                    let spread = if argument.spread { "..." } else { "" };
                    match &argument.name {
                        Some((name, _)) => format!("{name}={spread}{}", r(argument.value)),
                        None => format!("{spread}{}", r(argument.value)),
                    }
                })
                .collect();
            let new = if call.new { "new " } else { "" };
            format!("{new}{}({})", r(call.callee), arguments.join(", "))
        }
        Expr::Function(function) => {
            let function = program.function(*function);
            let parameters: Vec<&str> = function
                .parameters
                .iter()
                .map(|p| program.binding(*p).name.as_str())
                .collect();
            let result = function.result.map(r).unwrap_or_else(|| "…".to_owned());
            format!(
                "fn {}({}) => {result}",
                function.name.as_deref().unwrap_or(""),
                parameters.join(", ")
            )
        }
        Expr::Arguments(values) => format!("args({})", list(values)),
        Expr::Json(value) => format!("json({})", r(*value)),
        Expr::FirstOf(values) => format!("first({})", list(values)),
        Expr::Opaque(reason) => format!("?({reason})"),
    }
}

fn item_text(item: &Item, render: &impl Fn(ExprId) -> String) -> String {
    match item {
        Item::One(value) => render(*value),
        Item::Spread(value) => format!("...{}", render(*value)),
    }
}
