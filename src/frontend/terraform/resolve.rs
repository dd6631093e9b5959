//! The resolver: follows what an expression refers to inside the module (variable values,
//! locals, a `dynamic` block's iterator, attributes and indexes of literal objects and lists) and
//! reads what it reaches as a string, a boolean, a region, a key or a list. Whatever it cannot
//! follow becomes unknown, with a short reason.
//!
//! The module may be a stranger's, written to blow up: twenty-four locals each joining the one
//! before twice make a string of 16 MiB. So the text of what a reference reaches is evaluated once
//! and kept, a value that includes itself is a cycle, strings and collections have a bound, and
//! the whole module has one budget of steps; past any of them the value is unknown.

use hcl::edit::expr::{Expression, Object, ObjectKey, Traversal, TraversalOperator};
use hcl::edit::template::{Element, StringTemplate};
use hcl::edit::{Decorated, Ident};

use super::configuration::Configuration;
use super::evaluation::{Entry, EntryKey, Memo};
use super::module::{At, Frame, InstanceId, KEY_TYPES, field};
use crate::frontend::bounds::{MAX_DOCUMENT, MAX_TEXT, too_long};
use crate::model::{
    KeyAttribute, KeyChoice, KeyRef, KeyTarget, ProviderId, Region, Unknown, Value,
};
use crate::source::Span;

/// How deeply references may nest, so that following them stays well within a thread's stack.
/// Cycles are found before: a chain this long is code no one writes.
const MAX_DEPTH: usize = 32;

/// The most elements a list or entries an object is read with: a set has a few regions, a key
/// policy a few hundred actions.
const MAX_ELEMENTS: usize = 10_000;

/// The current element of a `dynamic` block's `for_each` (`regions.value`, `regions.key`) while
/// its `content` is read.
#[derive(Clone, Copy)]
pub struct Iteration<'a> {
    pub iterator: &'a str,
    pub value: At<'a, Expression>,
    /// The element's key, where the module writes it as a value: an object's quoted key, a set's
    /// element (Terraform's key of a set is the element); not a list's index.
    pub key: Option<EntryKey<'a>>,
}

/// An expression after references were followed: the expression that holds the value, and
/// whether a reference led there.
#[derive(Clone, Copy)]
struct Reached<'a> {
    expr: At<'a, Expression>,
    via_reference: bool,
    /// The key written as a name that an iteration's `key` reached stands for (`expr` is the
    /// `key` reference): a string, which no expression of the module holds.
    name: Option<At<'a, Decorated<Ident>>>,
}

impl Reached<'_> {
    /// Where the value is written, when that is not where it is used.
    fn definition(&self) -> Option<Span> {
        match self.name {
            Some(name) => Some(name.span()),
            None => self.via_reference.then(|| self.expr.span()),
        }
    }
}

/// The attribute accesses and indexes that follow the start of a traversal.
type Operators<'a> = &'a [Decorated<TraversalOperator>];

pub use crate::frontend::key_policy::Resolution;

fn value_of<T>(span: Span, resolution: Resolution<T>) -> Value<T> {
    match resolution {
        Ok((value, None)) => Value::literal(span, value),
        Ok((value, Some(definition))) => Value::resolved(span, value, definition),
        Err(reason) => Value::unknown(span, reason),
    }
}

impl<'a> Configuration<'a> {
    pub fn string(&self, at: At<'a, Expression>, scope: Option<&Iteration<'a>>) -> Value<String> {
        value_of(at.span(), self.text(at, scope, 0))
    }

    /// A string argument that counts as set whenever it is not null (`custom_key_store_id`):
    /// `None` when it is null or may be (a conditional the files do not decide, a variable without
    /// a value), else its value, unknown when it is set to what irlint cannot read (a resource's
    /// attribute, a template of unknown parts).
    pub fn set_string(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
    ) -> Option<Value<String>> {
        let reached = self.follow(at, scope, 0).ok()?;
        match reached.expr.node {
            Expression::Null(_) => None,
            _ => Some(self.string(at, scope)),
        }
    }

    pub fn boolean(&self, at: At<'a, Expression>, scope: Option<&Iteration<'a>>) -> Value<bool> {
        value_of(at.span(), self.truth(at, scope, 0))
    }

    fn truth(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
        depth: usize,
    ) -> Resolution<bool> {
        let reached = self.follow(at, scope, depth)?;
        if let Expression::Bool(value) = reached.expr.node {
            return Ok((*value.value(), reached.definition()));
        }
        // Terraform converts the strings "true" and "false" where a boolean is expected.
        let (text, definition) = self.text_of(reached, scope, depth)?;
        match text.as_str() {
            "true" => Ok((true, definition)),
            "false" => Ok((false, definition)),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }

    /// A region: a region name, or the region of the provider of a `data "aws_region"` source
    /// (`provider_of` turns that source's `provider` meta-argument, in the instance that
    /// declares it, into a provider).
    pub fn region(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
        provider_of: &mut dyn FnMut(InstanceId, Option<At<'a, Expression>>) -> ProviderId,
    ) -> Value<Region> {
        let resolution = self.follow(at, scope, 0).and_then(|reached| {
            let Some(name) = region_data_source(reached.expr.node) else {
                let (name, definition) = self.text_of(reached, scope, 0)?;
                return Ok((Region::Named(name), definition));
            };
            let instance = self.names_of(reached.expr.frame);
            let frame = Frame::Module(instance);
            let source = self
                .module_of(instance)
                .region_data_sources
                .get(name)
                .ok_or_else(|| format!("data source `data.aws_region.{name}` is not declared"))?;
            match source.selected.map(|selected| selected.within(frame)) {
                Some(selected) => {
                    let (name, definition) = self.text(selected, None, 1)?;
                    Ok((
                        Region::Named(name),
                        Some(definition.unwrap_or_else(|| selected.span())),
                    ))
                }
                None => Ok((
                    Region::OfProvider(provider_of(
                        instance,
                        source.provider.map(|provider| provider.within(frame)),
                    )),
                    reached.definition(),
                )),
            }
        });
        value_of(at.span(), resolution)
    }

    /// The key of a region, from its `kms_key_arn` attribute.
    pub fn key_choice(
        &self,
        attribute: Option<At<'a, Expression>>,
        scope: Option<&Iteration<'a>>,
    ) -> KeyChoice {
        let Some(at) = attribute else {
            return KeyChoice::AwsOwned;
        };
        let span = at.span();
        let unknown = |reason: String| KeyChoice::Unknown(Value::unknown(span, reason));
        let reached = match self.follow(at, scope, 0) {
            Ok(reached) => reached,
            Err(reason) => return unknown(reason),
        };
        match reached.expr.node {
            Expression::Null(_) => KeyChoice::AwsOwned,
            Expression::Traversal(traversal) => self
                .key_reference(traversal, span, reached.expr.frame)
                .unwrap_or_else(|| unknown(describe(reached.expr.node))),
            node => match self.text_of(reached, scope, 0) {
                Ok((text, definition)) => KeyChoice::from_text(span, text, definition),
                // A template is a string even when its parts are unknown: some key, never null.
                Err(reason) if matches!(node, Expression::StringTemplate(_)) => {
                    KeyChoice::Customer(KeyRef {
                        span,
                        target: KeyTarget::Unknown(Unknown(reason)),
                    })
                }
                Err(reason) => unknown(reason),
            },
        }
    }

    /// How many instances a resource declares: as many as its `count` says, or as its
    /// `for_each` has entries (an object's keys, a set's distinct strings); one without either.
    pub fn count_instances(
        &self,
        count: Option<At<'a, Expression>>,
        for_each: Option<At<'a, Expression>>,
        declaration: Span,
    ) -> Value<u64> {
        match (count, for_each) {
            (Some(count), _) => {
                let resolution = self.text(count, None, 0).and_then(|(text, definition)| {
                    let number = text
                        .parse()
                        .map_err(|_| format!("a count of `{text}`, not a whole number"))?;
                    Ok((number, definition))
                });
                value_of(count.span(), resolution)
            }
            (None, Some(for_each)) => value_of(for_each.span(), self.distinct_keys(for_each)),
            (None, None) => Value::literal(declaration, 1),
        }
    }

    fn distinct_keys(&self, for_each: At<'a, Expression>) -> Resolution<u64> {
        let reached = self.follow(for_each, None, 0)?;
        let count = match reached.expr.node {
            Expression::Object(object) => object.len(),
            _ => {
                let mut keys = std::collections::BTreeSet::new();
                for element in self.elements(for_each)? {
                    keys.insert(self.text(element, None, 0)?.0);
                }
                keys.len()
            }
        };
        let count = u64::try_from(count).map_err(|_| "too many instances".to_owned())?;
        Ok((count, reached.definition()))
    }

    /// The entries of a module call's `for_each`, each with the key that names its instance:
    /// an object's keys, a set's strings.
    pub fn keyed_entries(
        &self,
        for_each: At<'a, Expression>,
    ) -> Result<Vec<(String, Entry<'a>)>, String> {
        let reached = self.follow(for_each, None, 0)?;
        let mut keyed = Vec::new();
        match reached.expr.node {
            Expression::Object(object) => {
                self.charge_elements(object.len())?;
                for (key, value) in object.iter() {
                    let value = reached.expr.with(value.expr());
                    let (name, key) = match key {
                        ObjectKey::Ident(name) => {
                            let key = EntryKey::Name(reached.expr.with(name));
                            (name.as_str().to_owned(), key)
                        }
                        ObjectKey::Expression(key) => {
                            let key = reached.expr.with(key);
                            (self.text(key, None, 0)?.0, EntryKey::Written(key))
                        }
                    };
                    keyed.push((name, (Some(key), value)));
                }
            }
            _ => {
                for (key, value) in self.entries(for_each)? {
                    let Some(EntryKey::Written(key)) = key else {
                        return Err("a `for_each` over a list, which Terraform rejects".to_owned());
                    };
                    let name = self.text(key, None, 0)?.0;
                    keyed.push((name, (Some(EntryKey::Written(key)), value)));
                }
            }
        }
        Ok(keyed)
    }

    /// The object literal an expression is or refers to (`tags = local.tags`).
    pub fn object(&self, at: At<'a, Expression>) -> Option<At<'a, Object>> {
        let reached = self.follow(at, None, 0).ok()?;
        match reached.expr.node {
            Expression::Object(object) => {
                self.charge_elements(object.len()).ok()?;
                Some(reached.expr.with(object))
            }
            _ => None,
        }
    }

    /// The elements a `for_each` iterates over: a list, a set made with `toset`/`tolist`, or
    /// the values of an object.
    pub fn elements(&self, at: At<'a, Expression>) -> Result<Vec<At<'a, Expression>>, String> {
        let entries = self.entries_at(at, 0)?;
        Ok(entries.into_iter().map(|(_, value)| value).collect())
    }

    /// The elements a `for_each` iterates over, each with its key where the module writes it
    /// ([`Iteration::key`]).
    pub fn entries(&self, at: At<'a, Expression>) -> Result<Vec<Entry<'a>>, String> {
        self.entries_at(at, 0)
    }

    fn entries_at(&self, at: At<'a, Expression>, depth: usize) -> Result<Vec<Entry<'a>>, String> {
        let reached = self.follow(at, None, depth)?;
        let expr = reached.expr;
        match expr.node {
            Expression::Array(array) => {
                self.charge_elements(array.len())?;
                Ok(array.iter().map(|e| (None, expr.with(e))).collect())
            }
            Expression::Object(object) => {
                self.charge_elements(object.len())?;
                let key = |key: &'a ObjectKey| match key {
                    ObjectKey::Expression(key) => EntryKey::Written(expr.with(key)),
                    ObjectKey::Ident(name) => EntryKey::Name(expr.with(name)),
                };
                let entries = object
                    .iter()
                    .map(|(k, value)| (Some(key(k)), expr.with(value.expr())));
                Ok(entries.collect())
            }
            Expression::FuncCall(call)
                if call.name.namespace.is_empty()
                    && matches!(call.name.name.as_str(), "toset" | "tolist")
                    && call.args.len() == 1 =>
            {
                let Some(argument) = call.args.get(0) else {
                    return Err(describe(expr.node));
                };
                let entries = self.entries_at(expr.with(argument), depth + 1)?;
                // A set's key is its element; a list's is its index.
                let set = call.name.name.as_str() == "toset";
                let entries =
                    (entries.into_iter()).map(|(_, v)| (set.then_some(EntryKey::Written(v)), v));
                Ok(entries.collect())
            }
            other => Err(describe(other)),
        }
    }

    /// The expression that references lead to, with where it is written when a reference led
    /// there.
    pub fn reach(
        &self,
        at: At<'a, Expression>,
    ) -> Result<(At<'a, Expression>, Option<Span>), String> {
        let reached = self.follow(at, None, 0)?;
        Ok((reached.expr, reached.definition()))
    }

    /// An attribute of the object an expression holds: `None` when the object lacks it.
    pub fn object_field(
        &self,
        at: At<'a, Expression>,
        name: &str,
    ) -> Result<Option<At<'a, Expression>>, String> {
        let reached = self.follow(at, None, 0)?.expr;
        match reached.node {
            Expression::Object(object) => {
                self.charge(object.len())?;
                Ok(field(object, name).map(|value| reached.with(value)))
            }
            other => Err(describe(other)),
        }
    }

    /// The elements of the list (a tuple) an expression holds.
    pub fn list_elements(&self, at: At<'a, Expression>) -> Result<Vec<At<'a, Expression>>, String> {
        let reached = self.follow(at, None, 0)?.expr;
        match reached.node {
            Expression::Array(array) => {
                self.charge_elements(array.len())?;
                Ok(array.iter().map(|e| reached.with(e)).collect())
            }
            other => Err(describe(other)),
        }
    }

    /// A string as [`Configuration::string`] reads it, as a resolution.
    pub fn text_resolution(&self, at: At<'a, Expression>) -> Resolution<String> {
        self.text(at, None, 0)
    }

    /// The text of a string, template or heredoc that holds a document (a JSON policy). An
    /// interpolation that cannot be followed is kept as `${…}`: the document can still be read,
    /// and its reader takes any string holding `${` as unknown.
    pub fn document_text(&self, at: At<'a, Expression>) -> Result<String, String> {
        let reached = self.follow(at, None, 0)?;
        let template = match reached.expr.node {
            Expression::StringTemplate(template) => template.iter(),
            Expression::HeredocTemplate(heredoc) => heredoc.template.iter(),
            Expression::String(string) => {
                let mut text = String::new();
                self.push_bounded(&mut text, string.value(), MAX_DOCUMENT)?;
                return Ok(text);
            }
            _ => return self.text_of(reached, None, 0).map(|(text, _)| text),
        };
        let mut text = String::new();
        for element in template {
            self.charge(1)?;
            match element {
                Element::Literal(literal) => {
                    self.push_bounded(&mut text, literal.value(), MAX_DOCUMENT)?;
                }
                Element::Interpolation(interpolation) => {
                    let part = self.text(reached.expr.with(&interpolation.expr), None, 1);
                    let part = part.as_ref().map_or("${…}", |(part, _)| part.as_str());
                    self.push_bounded(&mut text, part, MAX_DOCUMENT)?;
                }
                Element::Directive(_) => return Err("a template directive".to_owned()),
            }
        }
        Ok(text)
    }

    /// Follows references until an expression that is not one.
    fn follow(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
        depth: usize,
    ) -> Result<Reached<'a>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("references nest more than {MAX_DEPTH} deep"));
        }
        let unfollowed = Reached {
            expr: at,
            via_reference: false,
            name: None,
        };
        match at.node {
            Expression::Parenthesis(inner) => self.follow(at.with(inner.inner()), scope, depth + 1),
            // `"${x}"` is how Terraform 0.11 wrote `x`.
            Expression::StringTemplate(template) => match interpolation_only(template) {
                Some(inner) => self.follow(at.with(inner), scope, depth + 1),
                None => Ok(unfollowed),
            },
            // `c ? a : b`, when the files decide `c` (a variable's default, a variable file).
            Expression::Conditional(conditional) => {
                let condition = at.with(&conditional.cond_expr);
                let (condition, definition) = self.truth(condition, scope, depth + 1)?;
                let chosen = match condition {
                    true => &conditional.true_expr,
                    false => &conditional.false_expr,
                };
                let reached = self.follow(at.with(chosen), scope, depth + 1)?;
                Ok(Reached {
                    via_reference: reached.via_reference || definition.is_some(),
                    ..reached
                })
            }
            Expression::Traversal(_) if let Some(name) = self.key_name(at, scope) => Ok(Reached {
                name: Some(name),
                ..unfollowed
            }),
            Expression::Traversal(traversal) => {
                let Some((target, operators)) = self.dereference(traversal, at.frame, scope)?
                else {
                    return Ok(unfollowed);
                };
                self.charge(1)?;
                let binding = (target.frame, target.span());
                if self.evaluation.following.borrow().contains(&binding) {
                    return Err(format!(
                        "`{}` depends on itself (a cycle)",
                        binding_name(traversal)
                    ));
                }
                self.evaluation.following.borrow_mut().push(binding);
                let reached = self.follow_binding(target, operators, at, depth);
                self.evaluation.following.borrow_mut().pop();
                Ok(Reached {
                    via_reference: true,
                    ..reached?
                })
            }
            _ => Ok(unfollowed),
        }
    }

    /// The value of a binding and then the attributes and indexes the reference (`written`)
    /// applies to it.
    fn follow_binding(
        &self,
        target: At<'a, Expression>,
        operators: Operators<'a>,
        written: At<'a, Expression>,
        depth: usize,
    ) -> Result<Reached<'a>, String> {
        // What a reference points to is written elsewhere, outside the iterator's scope.
        let mut reached = self.follow(target, None, depth + 1)?;
        for operator in operators {
            let element = match operator.value() {
                // An index computed where the reference is written: `var.regions[count.index]`.
                TraversalOperator::Index(index)
                    if !matches!(index, Expression::String(_) | Expression::Number(_)) =>
                {
                    let (key, _) = self.text(written.with(index), None, depth + 1)?;
                    self.select_key(reached.expr, &key)?
                }
                operator => self.select(reached.expr, operator)?,
            };
            reached = self.follow(element, None, depth + 1)?;
        }
        Ok(reached)
    }

    /// The element of a list or object that a computed key names.
    fn select_key(
        &self,
        from: At<'a, Expression>,
        key: &str,
    ) -> Result<At<'a, Expression>, String> {
        self.charge(match from.node {
            Expression::Object(object) => object.len().max(1),
            _ => 1,
        })?;
        let element = match from.node {
            Expression::Object(object) => field(object, key),
            Expression::Array(array) => key.parse::<usize>().ok().and_then(|i| array.get(i)),
            other => return Err(format!("an index of {}", describe(other))),
        };
        element
            .map(|element| from.with(element))
            .ok_or_else(|| format!("an index `{key}` that is not there"))
    }

    /// The key an iteration's `key` (`regions.key`, or `each.key` in a module call's arguments)
    /// stands for, when the object writes it as a name.
    fn key_name(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
    ) -> Option<At<'a, Decorated<Ident>>> {
        let (root, attribute) = root_and_attribute(at.node)?;
        if attribute != "key" {
            return None;
        }
        let key = match (scope, at.frame) {
            (Some(iteration), _) if iteration.iterator == root => iteration.key,
            (_, Frame::Call(instance)) if root == "each" => {
                self.instances[instance.0].call.as_ref()?.each?.0
            }
            _ => None,
        };
        match key? {
            EntryKey::Name(name) => Some(name),
            EntryKey::Written(_) => None,
        }
    }

    /// `count.index` in the arguments of a module call with `count`: the instance's index.
    fn count_index(&self, at: At<'a, Expression>) -> Option<u64> {
        let Frame::Call(instance) = at.frame else {
            return None;
        };
        match root_and_attribute(at.node)? {
            ("count", "index") => self.instances[instance.0].call.as_ref()?.index,
            _ => None,
        }
    }

    /// What the start of a traversal written in `frame` refers to (`var.x`, `local.x`,
    /// `module.x.y`, `each.value`, `regions.value`) and the operators left to apply to it;
    /// `None` when it is not a reference the configuration can follow.
    fn dereference(
        &self,
        traversal: &'a Traversal,
        frame: Frame,
        scope: Option<&Iteration<'a>>,
    ) -> Result<Option<(At<'a, Expression>, Operators<'a>)>, String> {
        let Expression::Variable(root) = &traversal.expr else {
            return Ok(None);
        };
        let Some((first, rest)) = traversal.operators.split_first() else {
            return Ok(None);
        };
        let TraversalOperator::GetAttr(name) = first.value() else {
            return Ok(None);
        };
        let name = name.as_str();
        // A `dynamic` block's iterator may have any name, `each` too (CDK for Terraform writes
        // `iterator = each`).
        if let Some(iteration) = scope.filter(|iteration| iteration.iterator == root.as_str()) {
            let target = match name {
                "value" => iteration.value,
                "key" => match iteration.key {
                    Some(EntryKey::Written(key)) => key,
                    // Read by `key_name`, where a string is expected.
                    Some(EntryKey::Name(_)) => {
                        return Err(format!("`{root}.key`, a key written as a name"));
                    }
                    None => return Err(format!("`{root}.key`, a list's index")),
                },
                _ => return Err(format!("`{root}.{name}` is not followed")),
            };
            return Ok(Some((target, rest)));
        }
        let instance = self.names_of(frame);
        let target = match root.as_str() {
            "var" => self.variable(instance, name)?,
            "local" => self
                .module_of(instance)
                .locals
                .get(name)
                .ok_or_else(|| format!("local `{name}` is not declared"))?
                .within(Frame::Module(instance)),
            "module" => return self.output(instance, name, rest).map(Some),
            // A module call's `for_each` element, in the call's arguments.
            "each" => {
                let Frame::Call(called) = frame else {
                    return Ok(None);
                };
                let each = self.instances[called.0].call.as_ref();
                let Some((key, value)) = each.and_then(|call| call.each) else {
                    return Err("`each` of a `for_each` irlint cannot read".to_owned());
                };
                match name {
                    "value" => value,
                    "key" => match key {
                        Some(EntryKey::Written(key)) => key,
                        // Read by `key_name`, where a string is expected.
                        _ => return Err("`each.key`, a key written as a name".to_owned()),
                    },
                    _ => return Err(format!("`each.{name}` is not followed")),
                }
            }
            _ => return Ok(None),
        };
        Ok(Some((target, rest)))
    }

    fn text(
        &self,
        at: At<'a, Expression>,
        scope: Option<&Iteration<'a>>,
        depth: usize,
    ) -> Resolution<String> {
        if let Some(index) = self.count_index(at) {
            return Ok((index.to_string(), None));
        }
        let reached = self.follow(at, scope, depth)?;
        self.text_of(reached, scope, depth)
    }

    fn text_of(
        &self,
        reached: Reached<'a>,
        scope: Option<&Iteration<'a>>,
        depth: usize,
    ) -> Resolution<String> {
        if let Some(name) = reached.name {
            return Ok((name.node.as_str().to_owned(), reached.definition()));
        }
        let text = match reached.expr.node {
            Expression::String(text) => {
                let text = text.value();
                if text.len() > MAX_TEXT {
                    return Err(too_long(MAX_TEXT));
                }
                self.evaluation.budget.copy(text)?;
                text.clone()
            }
            Expression::Number(number) => number.value().to_string(),
            Expression::Bool(value) => value.value().to_string(),
            Expression::StringTemplate(template) if reached.via_reference => {
                let key = (reached.expr.frame, reached.expr.span());
                return self.memoised(key, || self.template_text(reached, template, None, depth));
            }
            Expression::StringTemplate(template) => {
                return self.template_text(reached, template, scope, depth);
            }
            other => return Err(describe(other)),
        };
        Ok((text, reached.definition()))
    }

    /// The text of the expression at `key`, evaluated the first time it is asked for.
    fn memoised(
        &self,
        key: (Frame, Span),
        evaluate: impl FnOnce() -> Resolution<String>,
    ) -> Resolution<String> {
        if let Some(memo) = self.evaluation.texts.borrow().get(&key) {
            return match memo {
                Memo::Evaluating => Err("a string that includes itself (a cycle)".to_owned()),
                Memo::Done(Ok((text, definition))) => {
                    self.evaluation.budget.copy(text)?;
                    Ok((text.clone(), *definition))
                }
                Memo::Done(Err(reason)) => Err(reason.clone()),
            };
        }
        self.evaluation
            .texts
            .borrow_mut()
            .insert(key, Memo::Evaluating);
        let result = evaluate();
        self.evaluation
            .texts
            .borrow_mut()
            .insert(key, Memo::Done(result.clone()));
        result
    }

    /// A template whose interpolations all resolve. It is defined where it is written if any
    /// part of it came from a reference.
    fn template_text(
        &self,
        reached: Reached<'a>,
        template: &'a StringTemplate,
        scope: Option<&Iteration<'a>>,
        depth: usize,
    ) -> Resolution<String> {
        let scope = if reached.via_reference { None } else { scope };
        let mut text = String::new();
        let mut via_reference = reached.via_reference;
        for element in template.iter() {
            self.charge(1)?;
            match element {
                Element::Literal(literal) => {
                    self.push_bounded(&mut text, literal.value(), MAX_TEXT)?;
                }
                Element::Interpolation(interpolation) => {
                    let (part, definition) =
                        self.text(reached.expr.with(&interpolation.expr), scope, depth + 1)?;
                    via_reference |= definition.is_some();
                    self.push_bounded(&mut text, &part, MAX_TEXT)?;
                }
                Element::Directive(_) => return Err("a template directive".to_owned()),
            }
        }
        Ok((text, via_reference.then(|| reached.expr.span())))
    }

    /// Appends `part` to `text`, unless that makes it longer than `bound`.
    fn push_bounded(&self, text: &mut String, part: &str, bound: usize) -> Result<(), String> {
        self.evaluation.budget.push(text, part, bound)
    }

    /// Spends `steps` of the module's budget; an error once it is spent.
    fn charge(&self, steps: usize) -> Result<(), String> {
        self.evaluation.budget.spend(steps)
    }

    /// Spends a step for each element of a collection about to be read, if it is not too long.
    pub(super) fn charge_elements(&self, count: usize) -> Result<(), String> {
        if count > MAX_ELEMENTS {
            return Err(format!(
                "a collection of more than {MAX_ELEMENTS} elements: too long to follow"
            ));
        }
        self.charge(count)
    }

    /// The steps spent so far.
    #[cfg(test)]
    pub fn steps(&self) -> usize {
        self.evaluation.budget.spent()
    }

    /// An attribute or element of a literal object or list; a lookup in an object reads its
    /// entries.
    fn select(
        &self,
        from: At<'a, Expression>,
        operator: &'a TraversalOperator,
    ) -> Result<At<'a, Expression>, String> {
        self.charge(match from.node {
            Expression::Object(object) => object.len().max(1),
            _ => 1,
        })?;
        select(from, operator)
    }

    /// A reference to a key resource or data source, as `kms_key_arn` may hold, written in
    /// `frame`.
    fn key_reference(&self, traversal: &Traversal, span: Span, frame: Frame) -> Option<KeyChoice> {
        let Expression::Variable(root) = &traversal.expr else {
            return None;
        };
        let names = attribute_names(traversal)?;
        let customer = |target| Some(KeyChoice::Customer(KeyRef { span, target }));
        match (root.as_str(), names.as_slice()) {
            ("data", [kind, name, ..]) if kind.starts_with("aws_kms_") => customer(
                KeyTarget::Unknown(Unknown(format!("the key of `data.{kind}.{name}`"))),
            ),
            ("aws_kms_alias", [name, "arn" | "name" | "id"]) => customer(KeyTarget::IdOrAlias(
                Value::unknown(span, format!("the alias `aws_kms_alias.{name}`")),
            )),
            ("aws_kms_alias", [name, "target_key_arn" | "target_key_id"]) => customer(
                KeyTarget::Unknown(Unknown(format!("the target of `aws_kms_alias.{name}`"))),
            ),
            (kind, [name, attribute]) if KEY_TYPES.contains(&kind) => {
                let attribute = match *attribute {
                    "arn" => KeyAttribute::Arn,
                    "key_id" | "id" => KeyAttribute::KeyId,
                    _ => return None,
                };
                customer(match self.key_id(self.names_of(frame), kind, name) {
                    Some(key) => KeyTarget::Declared { key, attribute },
                    None => KeyTarget::Unknown(Unknown(format!(
                        "`{kind}.{name}` is not declared in this module"
                    ))),
                })
            }
            _ => None,
        }
    }
}

/// The two names of a reference such as `count.index` or `each.key`.
fn root_and_attribute(expr: &Expression) -> Option<(&str, &str)> {
    let Expression::Traversal(traversal) = expr else {
        return None;
    };
    let (Expression::Variable(root), [operator]) =
        (&traversal.expr, traversal.operators.as_slice())
    else {
        return None;
    };
    match operator.value() {
        TraversalOperator::GetAttr(attribute) => Some((root.as_str(), attribute.as_str())),
        _ => None,
    }
}

/// The source named by `data.aws_region.<name>.name` (v5), `.region` (v6) or `.id`.
fn region_data_source(expr: &Expression) -> Option<&str> {
    let Expression::Traversal(traversal) = expr else {
        return None;
    };
    let Expression::Variable(root) = &traversal.expr else {
        return None;
    };
    match (root.as_str(), attribute_names(traversal)?.as_slice()) {
        ("data", ["aws_region", name, "name" | "region" | "id"]) => Some(name),
        _ => None,
    }
}

/// The attribute names of a traversal, skipping indexes (`aws_kms_key.k[0].arn` gives `k`,
/// `arn`); `None` for a splat, which makes a list.
fn attribute_names(traversal: &Traversal) -> Option<Vec<&str>> {
    let mut names = Vec::new();
    for operator in &traversal.operators {
        match operator.value() {
            TraversalOperator::GetAttr(name) => names.push(name.as_str()),
            TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_) => {}
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => return None,
        }
    }
    Some(names)
}

/// The binding a traversal starts from: `local.a` of `local.a.b[0]`.
fn binding_name(traversal: &Traversal) -> String {
    let root = match &traversal.expr {
        Expression::Variable(root) => root.as_str(),
        _ => "",
    };
    match traversal.operators.first().map(|operator| operator.value()) {
        Some(TraversalOperator::GetAttr(name)) => format!("{root}.{}", name.as_str()),
        _ => root.to_owned(),
    }
}

fn interpolation_only(template: &StringTemplate) -> Option<&Expression> {
    match template.as_single_element()? {
        Element::Interpolation(interpolation) => Some(&interpolation.expr),
        _ => None,
    }
}

/// An attribute or element of a literal object or list.
fn select<'a>(
    from: At<'a, Expression>,
    operator: &'a TraversalOperator,
) -> Result<At<'a, Expression>, String> {
    let index = |index: Option<u64>| index.and_then(|i| usize::try_from(i).ok());
    let element = match (from.node, operator) {
        (Expression::Object(object), TraversalOperator::GetAttr(name)) => {
            field(object, name.as_str())
        }
        (Expression::Object(object), TraversalOperator::Index(Expression::String(key))) => {
            field(object, key.value())
        }
        (Expression::Array(array), TraversalOperator::Index(Expression::Number(number))) => {
            index(number.value().as_u64()).and_then(|i| array.get(i))
        }
        (Expression::Array(array), TraversalOperator::LegacyIndex(number)) => {
            index(Some(*number.value())).and_then(|i| array.get(i))
        }
        (_, TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_)) => {
            return Err("a splat expression".to_owned());
        }
        (other, _) => return Err(format!("an attribute or index of {}", describe(other))),
    };
    element
        .map(|element| from.with(element))
        .ok_or_else(|| "an attribute or index that is not there".to_owned())
}

/// A short noun phrase for an expression whose value cannot be known.
fn describe(expr: &Expression) -> String {
    let phrase = match expr {
        Expression::Null(_) => "null",
        Expression::Bool(_) => "a boolean",
        Expression::Number(_) => "a number",
        Expression::String(_) | Expression::StringTemplate(_) => "a string",
        Expression::HeredocTemplate(_) => "a heredoc",
        Expression::Array(_) => "a list",
        Expression::Object(_) => "an object",
        Expression::Parenthesis(inner) => return describe(inner.inner()),
        Expression::Variable(name) => return format!("`{}`", name.as_str()),
        Expression::Conditional(_) => "a conditional expression",
        Expression::FuncCall(call) => return format!("the result of `{}()`", call.name.name),
        Expression::Traversal(traversal) => return describe_traversal(traversal),
        Expression::UnaryOp(_) | Expression::BinaryOp(_) => "an operation",
        Expression::ForExpr(_) => "a `for` expression",
    };
    phrase.to_owned()
}

fn describe_traversal(traversal: &Traversal) -> String {
    let Some(names) = attribute_names(traversal) else {
        return "a splat expression".to_owned();
    };
    let Expression::Variable(root) = &traversal.expr else {
        return format!("an attribute of {}", describe(&traversal.expr));
    };
    match (root.as_str(), names.as_slice()) {
        ("data", [kind, name, ..]) => format!("an attribute of data source `data.{kind}.{name}`"),
        ("each" | "count" | "path" | "terraform" | "self", _) | (_, []) => {
            format!(
                "`{}`",
                [root.as_str()]
                    .iter()
                    .chain(&names)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(".")
            )
        }
        (kind, [name, ..]) => format!("an attribute of `{kind}.{name}`, known after apply"),
    }
}
