//! What a template's expressions are worth before deployment: literals, parameter defaults,
//! mapping entries, and the intrinsic functions that only combine those (`Fn::Sub`, `Fn::Join`,
//! `Fn::Select`, `Fn::Split`, `Fn::FindInMap`). What a deployment says ([`Inputs`]: the stack's
//! region, the values a SAM configuration gives parameters) is read too; everything else that
//! depends on the deployment (conditions, resource attributes, imports, other pseudo parameters)
//! is unknown, with a reason.
//!
//! A template may have several deployments (the environments of a SAM configuration) whose
//! inputs differ: what reads such an input is read once per deployment
//! ([`Template::per_deployment`]), and is unknown where it is read once for all of them.
//!
//! A template's parameters and mappings hold text as written, which nothing can refer back to,
//! so no evaluation goes round in a cycle; what one could build without end is a string, each
//! `Fn::Sub` doubling the one it substitutes. The text an expression yields is bounded
//! ([`MAX_TEXT`]) and so is the work of evaluating a whole template ([`MAX_STEPS`]).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use crate::frontend::bounds::{Budget, MAX_DOCUMENT, MAX_TEXT};
use crate::frontend::document::{Node, NodeKind};
use crate::model::{
    DeploymentRegion, KeyAttribute, KeyChoice, KeyId, KeyRef, KeyResource, KeyTarget, ProviderId,
    Region, Unknown, Value, ValueKind,
};
use crate::source::Span;

/// How many steps evaluating every value of one template may take: each function evaluated is a
/// step, and so is each few bytes of text that a reference yields or a function builds. The
/// templates of the test corpora take at most 33; past the budget, every value still to be read
/// is unknown, so that no template keeps irlint busy for more than about a second or makes it
/// hold more than a few MiB of text.
const MAX_STEPS: usize = 1_000_000;

/// What one deployment of the template gives its expressions.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The stack's region (`AWS::Region`), when known.
    pub region: Option<DeploymentRegion>,
    /// The values the deployment gives parameters (SAM's `parameter_overrides`), by name, each
    /// with where it is written.
    pub parameters: HashMap<String, (String, Span)>,
}

/// A resource of the template's `Resources` section.
pub struct TemplateResource<'a> {
    pub logical_id: &'a str,
    pub logical_id_span: Span,
    /// The `Type`, empty when it is not a string.
    pub type_name: &'a str,
    pub properties: Option<&'a Node>,
    /// The `Condition` that decides whether the stack creates it.
    pub condition: Option<&'a Node>,
    pub metadata: Option<&'a Node>,
}

impl<'a> TemplateResource<'a> {
    pub fn property(&self, name: &str) -> Option<&'a Node> {
        self.properties.and_then(|properties| properties.get(name))
    }
}

/// The parts of a template that expressions refer to.
pub struct Template<'a> {
    pub resources: Vec<TemplateResource<'a>>,
    parameters: HashMap<&'a str, Parameter<'a>>,
    /// Each entry of the `Mappings`, by its map, top-level key and second-level key: a template
    /// may look up a map of many entries from each of many expressions.
    mappings: HashMap<(&'a str, &'a str, &'a str), &'a Node>,
    /// The index in `resources` of each logical id.
    resource_index: HashMap<&'a str, usize>,
    /// The KMS keys, numbered in the order of `resources`.
    keys: HashMap<&'a str, KeyId>,
    stack: ProviderId,
    /// What each deployment gives the expressions; at least one.
    deployments: Vec<Inputs>,
    /// Whether the deployments deploy the stack to different regions (or some to an unknown
    /// one).
    region_varies: bool,
    /// The parameters the deployments give different values.
    varying_parameters: HashSet<String>,
    /// The deployment whose inputs the expressions read; `None` while a value is read once for
    /// every deployment (a key of the unit), where an input that varies is unknown.
    reading: Cell<Option<usize>>,
    /// Whether anything read since it was last cleared reads an input that varies.
    read_varying_input: Cell<bool>,
    /// What is left of [`MAX_STEPS`].
    budget: Budget,
}

/// A parameter's `Type` (empty when it is not a string) and `Default`.
struct Parameter<'a> {
    type_name: &'a str,
    default: Option<&'a Node>,
}

/// The kind of KMS key a resource type declares, if it declares one.
pub fn key_resource(type_name: &str) -> Option<KeyResource> {
    match type_name {
        "AWS::KMS::Key" => Some(KeyResource::Key),
        "AWS::KMS::ReplicaKey" => Some(KeyResource::ReplicaKey),
        _ => None,
    }
}

impl<'a> Template<'a> {
    /// The template `root`, deployed by the stack `stack` with each of `deployments` (none is
    /// read as one deployment that gives nothing).
    pub fn new(root: &'a Node, stack: ProviderId, mut deployments: Vec<Inputs>) -> Self {
        if deployments.is_empty() {
            deployments.push(Inputs::default());
        }
        // Inputs of the same value are read once for all, even where they are written in
        // different places: a value's definition is then where the first deployment writes it.
        fn region_name(inputs: &Inputs) -> Option<&str> {
            inputs.region.as_ref().map(|region| region.name.as_str())
        }
        fn given<'i>(inputs: &'i Inputs, name: &str) -> Option<&'i str> {
            inputs.parameters.get(name).map(|(value, _)| value.as_str())
        }
        let region_varies =
            (deployments.iter()).any(|inputs| region_name(inputs) != region_name(&deployments[0]));
        let overridden: HashSet<&String> = deployments
            .iter()
            .flat_map(|inputs| inputs.parameters.keys())
            .collect();
        let varying_parameters = (overridden.into_iter())
            .filter(|name| {
                (deployments.iter())
                    .any(|inputs| given(inputs, name) != given(&deployments[0], name))
            })
            .cloned()
            .collect();
        let resources: Vec<TemplateResource> = root
            .get("Resources")
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .map(|entry| TemplateResource {
                logical_id: &entry.key,
                logical_id_span: entry.key_span,
                type_name: entry
                    .value
                    .get("Type")
                    .and_then(Node::as_scalar)
                    .unwrap_or_default(),
                properties: entry.value.get("Properties"),
                metadata: entry.value.get("Metadata"),
                condition: entry.value.get("Condition"),
            })
            .collect();
        let keys = resources
            .iter()
            .filter(|resource| key_resource(resource.type_name).is_some())
            .enumerate()
            .map(|(index, resource)| (resource.logical_id, KeyId(index)))
            .collect();
        Template {
            parameters: root
                .get("Parameters")
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .map(|entry| {
                    let parameter = Parameter {
                        type_name: entry
                            .value
                            .get("Type")
                            .and_then(Node::as_scalar)
                            .unwrap_or_default(),
                        default: entry.value.get("Default"),
                    };
                    (entry.key.as_str(), parameter)
                })
                .collect(),
            mappings: mapping_entries(root.get("Mappings")),
            resource_index: resources
                .iter()
                .enumerate()
                .map(|(index, resource)| (resource.logical_id, index))
                .collect(),
            resources,
            keys,
            stack,
            reading: Cell::new((deployments.len() == 1).then_some(0)),
            read_varying_input: Cell::new(false),
            deployments,
            region_varies,
            varying_parameters,
            budget: Budget::new(MAX_STEPS, "template"),
        }
    }

    /// Reads something (a replication set) once, or once for each deployment when what it reads
    /// differs between them: each reading with the index of its deployment, `None` for one that
    /// holds for every deployment.
    pub fn per_deployment<T>(&self, read: impl Fn() -> T) -> Vec<(Option<usize>, T)> {
        let outer = self.reading.get();
        self.read_varying_input.set(false);
        let once = read();
        let readings = if self.read_varying_input.get() {
            (0..self.deployments.len())
                .map(|index| {
                    self.reading.set(Some(index));
                    (Some(index), read())
                })
                .collect()
        } else {
            vec![(None, once)]
        };
        self.reading.set(outer);
        readings
    }

    /// The inputs of the deployment being read, noting whether what reads them reads one that
    /// `varies` between deployments; `None` when such an input is read once for them all.
    fn inputs(&self, varies: bool) -> Option<&Inputs> {
        if varies {
            self.read_varying_input.set(true);
        }
        match self.reading.get() {
            Some(index) => self.deployments.get(index),
            None if varies => None,
            None => self.deployments.first(),
        }
    }

    /// Takes `steps` from the template's budget, or says why the value is unknown once it is
    /// spent.
    fn spend(&self, steps: usize) -> Result<(), Unknown> {
        self.budget.spend(steps).map_err(Unknown)
    }

    /// Appends a part to a string being built, paying for its bytes; an error once the string
    /// would be longer than its limit.
    fn push(&self, built: &mut Built, part: &str) -> Result<(), Unknown> {
        self.budget
            .push(&mut built.text, part, built.limit)
            .map_err(Unknown)
    }

    /// Text written elsewhere (a parameter's default, a mapping's entry, a deployment's
    /// setting; `definition` is where, if anywhere) as the value of an expression.
    fn reached(&self, span: Span, text: &str, definition: Option<Span>) -> Value<String> {
        let mut copy = Built::new(MAX_TEXT);
        match self.push(&mut copy, text) {
            Ok(()) => Value::known_at(span, copy.text, definition),
            Err(reason) => unknown(span, reason),
        }
    }

    /// A string value.
    pub fn string(&self, node: &Node) -> Value<String> {
        self.text(node, MAX_TEXT)
    }

    /// A string that holds a document (a key policy as JSON), which may be longer.
    pub fn document(&self, node: &Node) -> Value<String> {
        self.text(node, MAX_DOCUMENT)
    }

    /// A string value, which a function may build up to `limit` bytes long.
    fn text(&self, node: &Node, limit: usize) -> Value<String> {
        let span = node.span;
        let (function, argument) = match &node.kind {
            NodeKind::Scalar(text) => return Value::literal(span, text.clone()),
            NodeKind::Null => return Value::unknown(span, "null, not a string"),
            NodeKind::Sequence(_) => return Value::unknown(span, "a list, not a string"),
            NodeKind::Mapping(_) => return Value::unknown(span, "a mapping, not a string"),
            NodeKind::Intrinsic { function, argument } => (function.as_str(), argument.as_ref()),
        };
        if let Err(reason) = self.spend(1) {
            return unknown(span, reason);
        }
        match function {
            "Ref" => match argument.as_scalar() {
                Some(name) => self.reference(name, span),
                None => Value::unknown(span, "a `Ref` whose target is not a name"),
            },
            "Fn::Sub" => self.substitution(argument, span, limit),
            "Fn::Join" => self.join(argument, span, limit),
            "Fn::Select" => self.select(argument, span),
            "Fn::FindInMap" => self.find_in_map(argument, span),
            "Fn::If" => Value::unknown(span, format!("chosen by {}", condition_name(argument))),
            "Fn::ImportValue" => Value::unknown(span, "imported from another stack"),
            "Fn::GetAtt" => Value::unknown(span, "a resource attribute, known once deployed"),
            other => Value::unknown(span, format!("`{other}` is not evaluated")),
        }
    }

    /// A boolean, written as one or as the string `true` or `false`.
    pub fn boolean(&self, node: &Node) -> Value<bool> {
        let value = self.string(node);
        let parsed = value.known().and_then(|text| {
            if text.eq_ignore_ascii_case("true") {
                Some(true)
            } else if text.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        });
        match (parsed, value.kind) {
            (_, ValueKind::Unknown(reason)) => Value {
                span: value.span,
                kind: ValueKind::Unknown(reason),
            },
            (Some(boolean), ValueKind::Literal(_)) => Value::literal(value.span, boolean),
            (Some(boolean), ValueKind::Resolved { definition, .. }) => {
                Value::resolved(value.span, boolean, definition)
            }
            (None, _) => Value::unknown(value.span, "not a boolean"),
        }
    }

    /// A region name, or the stack's own region (`!Ref AWS::Region`).
    pub fn region(&self, node: &Node) -> Value<Region> {
        let stack_region = match node.as_intrinsic() {
            Some(("Ref", name)) => name.as_scalar() == Some("AWS::Region"),
            Some(("Fn::Sub", argument)) => {
                let template = argument.as_sequence().and_then(<[Node]>::first);
                template.unwrap_or(argument).as_scalar() == Some("${AWS::Region}")
            }
            _ => false,
        };
        if stack_region {
            return Value::literal(node.span, Region::OfProvider(self.stack));
        }
        map(self.string(node), Region::Named)
    }

    /// The key a `SseKmsKeyId` names.
    pub fn key(&self, node: &Node) -> KeyChoice {
        let span = node.span;
        let customer = |target| KeyChoice::Customer(KeyRef { span, target });
        let unknown_key = |reason: String| customer(KeyTarget::Unknown(Unknown(reason)));
        if node.is_no_value() || node.kind == NodeKind::Null {
            return KeyChoice::AwsOwned;
        }
        match node.as_intrinsic() {
            Some(("Ref", name)) => {
                let name = name.as_scalar().unwrap_or_default();
                if let Some(&key) = self.keys.get(name) {
                    return customer(KeyTarget::Declared {
                        key,
                        attribute: KeyAttribute::KeyId,
                    });
                }
                if self.resource_index.contains_key(name) {
                    return unknown_key(format!("resource `{name}` is not a KMS key"));
                }
            }
            Some(("Fn::GetAtt", argument)) => return customer(self.key_attribute(argument)),
            Some(("Fn::If", argument)) => return self.conditional_key(argument, span),
            Some(("Fn::ImportValue", _)) => {
                return unknown_key("imported from another stack".to_owned());
            }
            _ => {}
        }
        if matches!(node.kind, NodeKind::Sequence(_) | NodeKind::Mapping(_)) {
            return KeyChoice::Unknown(Value::unknown(span, "neither a key id nor an ARN"));
        }
        let value = self.string(node);
        match value.kind {
            ValueKind::Unknown(reason) => customer(KeyTarget::Unknown(reason)),
            ValueKind::Literal(text) => KeyChoice::from_text(span, text, None),
            ValueKind::Resolved { value, definition } => {
                KeyChoice::from_text(span, value, Some(definition))
            }
        }
    }

    /// The key an `Fn::GetAtt` reads an attribute of, in the list (`[Key, Arn]`) or the dotted
    /// (`Key.Arn`) form.
    fn key_attribute(&self, argument: &Node) -> KeyTarget {
        let unknown = |reason: String| KeyTarget::Unknown(Unknown(reason));
        let target = match (argument.as_scalar(), argument.as_sequence()) {
            (Some(dotted), _) => dotted.split_once('.'),
            (_, Some([resource, attribute])) => resource.as_scalar().zip(attribute.as_scalar()),
            _ => None,
        };
        let Some((resource, attribute)) = target else {
            return unknown("an attribute whose name is not literal".to_owned());
        };
        match (self.keys.get(resource), attribute) {
            (Some(&key), "Arn") => KeyTarget::Declared {
                key,
                attribute: KeyAttribute::Arn,
            },
            (Some(&key), "KeyId") => KeyTarget::Declared {
                key,
                attribute: KeyAttribute::KeyId,
            },
            (Some(_), _) => unknown(format!("attribute `{attribute}` of key `{resource}`")),
            (None, _) if self.resource_index.contains_key(resource) => {
                unknown(format!("resource `{resource}` is not a KMS key"))
            }
            (None, _) => unknown(format!("resource `{resource}` is not in the template")),
        }
    }

    /// `Fn::If [condition, a, b]` as a key: a customer managed key only when both branches are
    /// one, since the condition is not known.
    fn conditional_key(&self, argument: &Node, span: Span) -> KeyChoice {
        let Some([_, when_true, when_false]) = argument.as_sequence() else {
            return KeyChoice::Unknown(Value::unknown(span, "an `Fn::If` without two branches"));
        };
        let condition = condition_name(argument);
        either_key(self.key(when_true), self.key(when_false), span, &condition)
    }

    /// `Ref` to a parameter, a pseudo parameter or a resource, as a string.
    fn reference(&self, name: &str, span: Span) -> Value<String> {
        if let Some(parameter) = self.parameters.get(name) {
            if parameter
                .type_name
                .starts_with("AWS::SSM::Parameter::Value")
            {
                return Value::unknown(
                    span,
                    format!("parameter `{name}` is read from Systems Manager when deployed"),
                );
            }
            let varies = self.varying_parameters.contains(name);
            let Some(inputs) = self.inputs(varies) else {
                return Value::unknown(
                    span,
                    format!("parameter `{name}` is given different values by the deployments"),
                );
            };
            if let Some((text, definition)) = inputs.parameters.get(name) {
                return self.reached(span, text, Some(*definition));
            }
            return match parameter.default {
                Some(default) => match default.as_scalar() {
                    Some(text) => self.reached(span, text, Some(default.span)),
                    None => {
                        Value::unknown(span, format!("parameter `{name}` has no usable default"))
                    }
                },
                None => Value::unknown(span, format!("parameter `{name}` has no default")),
            };
        }
        if name == "AWS::Region" {
            let Some(inputs) = self.inputs(self.region_varies) else {
                return Value::unknown(
                    span,
                    "the deployments deploy the stack to different regions",
                );
            };
            if let Some(region) = &inputs.region {
                return self.reached(span, &region.name, region.span);
            }
        }
        let reason = if name.starts_with("AWS::") {
            format!("`{name}` is known once deployed")
        } else if self.resource_index.contains_key(name) {
            format!("resource `{name}` is known once deployed")
        } else {
            format!("`{name}` is not declared in the template")
        };
        Value::unknown(span, reason)
    }

    /// `Fn::Sub` with a template string and optionally a mapping of variables, each of which is
    /// evaluated once however often the template names it.
    fn substitution(&self, argument: &Node, span: Span, limit: usize) -> Value<String> {
        let (template, variables) = match argument.as_sequence() {
            Some([template, variables]) => (template, Some(variables)),
            Some(_) => return Value::unknown(span, "an `Fn::Sub` with neither one nor two parts"),
            None => (argument, None),
        };
        let Some(template) = template.as_scalar() else {
            return Value::unknown(span, "an `Fn::Sub` whose template is not literal");
        };
        let mut values: HashMap<&str, Value<String>> = HashMap::new();
        let mut built = Built::new(limit);
        let mut rest = template;
        while let Some((before, after)) = rest.split_once("${") {
            if let Err(reason) = self.push(&mut built, before) {
                return unknown(span, reason);
            }
            let Some((name, after)) = after.split_once('}') else {
                rest = &rest[before.len()..];
                break;
            };
            rest = after;
            if let Some(escaped) = name.strip_prefix('!') {
                if let Err(reason) = self.push(&mut built, &format!("${{{escaped}}}")) {
                    return unknown(span, reason);
                }
                continue;
            }
            let value = values.entry(name).or_insert_with(|| {
                match variables.and_then(|variables| variables.get(name)) {
                    Some(variable) => self.string(variable),
                    None if name.contains('.') => Value::unknown(
                        span,
                        format!("`{name}` is a resource attribute, known once deployed"),
                    ),
                    None => self.reference(name, span),
                }
            });
            if let Err(reason) = self.append(&mut built, value) {
                return unknown(span, reason);
            }
        }
        if let Err(reason) = self.push(&mut built, rest) {
            return unknown(span, reason);
        }
        built.value(span)
    }

    /// `Fn::Join [delimiter, list]`.
    fn join(&self, argument: &Node, span: Span, limit: usize) -> Value<String> {
        let Some([delimiter, items]) = argument.as_sequence() else {
            return Value::unknown(span, "an `Fn::Join` without a delimiter and a list");
        };
        let items = match self.list(items) {
            Ok(items) => items,
            Err(reason) => return Value::unknown(span, reason),
        };
        let delimiter = self.string(delimiter);
        if let ValueKind::Unknown(reason) = delimiter.kind {
            return unknown(span, reason);
        }
        let mut built = Built::new(limit);
        built.definition = delimiter.definition();
        for (index, item) in items.iter().enumerate() {
            let delimited = match index {
                0 => Ok(()),
                _ => self.append(&mut built, &delimiter),
            };
            if let Err(reason) = delimited.and_then(|()| self.append(&mut built, item)) {
                return unknown(span, reason);
            }
        }
        built.value(span)
    }

    /// Appends a part to a string being built, which is known as the parts are: resolved when
    /// one was reached through a reference (pointing at the first such part's definition).
    fn append(&self, built: &mut Built, part: &Value<String>) -> Result<(), Unknown> {
        match &part.kind {
            ValueKind::Literal(text) => self.push(built, text),
            ValueKind::Resolved { value, definition } => {
                built.definition.get_or_insert(*definition);
                self.push(built, value)
            }
            ValueKind::Unknown(reason) => Err(reason.clone()),
        }
    }

    /// `Fn::Select [index, list]`.
    fn select(&self, argument: &Node, span: Span) -> Value<String> {
        let Some([index, items]) = argument.as_sequence() else {
            return Value::unknown(span, "an `Fn::Select` without an index and a list");
        };
        let index = self.string(index);
        let position = match index.known().map(|text| text.trim().parse::<usize>()) {
            Some(Ok(position)) => position,
            Some(Err(_)) => return Value::unknown(span, "an `Fn::Select` index that is no number"),
            None => return with_span(index, span),
        };
        let item = match self
            .list(items)
            .map(|items| items.into_iter().nth(position))
        {
            Ok(Some(item)) => item,
            Ok(None) => return Value::unknown(span, "an `Fn::Select` index past the list's end"),
            Err(reason) => return Value::unknown(span, reason),
        };
        let definition = index.definition().or(item.definition());
        match item.kind {
            ValueKind::Literal(text) | ValueKind::Resolved { value: text, .. } => {
                Value::known_at(span, text, definition)
            }
            ValueKind::Unknown(reason) => unknown(span, reason),
        }
    }

    /// `Fn::FindInMap [map, top-level key, second-level key]`.
    fn find_in_map(&self, argument: &Node, span: Span) -> Value<String> {
        let Some([map, top, second, ..]) = argument.as_sequence() else {
            return Value::unknown(span, "an `Fn::FindInMap` without three keys");
        };
        let mut names = Vec::with_capacity(3);
        for name in [map, top, second] {
            let name = self.string(name);
            match name.known() {
                Some(text) => names.push(text.clone()),
                None => return with_span(name, span),
            }
        }
        let entry = self
            .mappings
            .get(&(names[0].as_str(), names[1].as_str(), names[2].as_str()));
        match entry {
            Some(entry) => match entry.as_scalar() {
                Some(text) => self.reached(span, text, Some(entry.span)),
                None => Value::unknown(span, "a mapping entry that is not a string"),
            },
            None => Value::unknown(
                span,
                format!(
                    "mapping `{}` has no entry `{}.{}`",
                    names[0], names[1], names[2]
                ),
            ),
        }
    }

    /// A list: written as one, split from a string, or a list parameter's default.
    fn list(&self, node: &Node) -> Result<Vec<Value<String>>, String> {
        if let Some(items) = node.as_sequence() {
            return Ok(items.iter().map(|item| self.string(item)).collect());
        }
        match node.as_intrinsic() {
            Some(("Fn::Split", argument)) => {
                let Some([delimiter, source]) = argument.as_sequence() else {
                    return Err("an `Fn::Split` without a delimiter and a string".to_owned());
                };
                let delimiter = self.string(delimiter);
                let Some(delimiter) = delimiter.known().filter(|text| !text.is_empty()) else {
                    return Err("an `Fn::Split` whose delimiter is not known".to_owned());
                };
                self.split(self.string(source), delimiter, node.span)
            }
            Some(("Ref", name)) => {
                let name = name.as_scalar().unwrap_or_default();
                let type_name = self
                    .parameters
                    .get(name)
                    .map_or("", |parameter| parameter.type_name);
                if type_name == "CommaDelimitedList" || type_name.starts_with("List<") {
                    self.split(self.reference(name, node.span), ",", node.span)
                } else {
                    Err(format!("`{name}` is not a list parameter"))
                }
            }
            Some(("Fn::GetAZs", _)) => Err("the availability zones are known once deployed".into()),
            _ => Err("not a list that can be read before deployment".to_owned()),
        }
    }

    /// The parts of a string value, each known in the same way as the whole; a step each.
    fn split(
        &self,
        value: Value<String>,
        delimiter: &str,
        span: Span,
    ) -> Result<Vec<Value<String>>, String> {
        let (text, definition) = match value.kind {
            ValueKind::Literal(text) => (text, None),
            ValueKind::Resolved { value, definition } => (value, Some(definition)),
            ValueKind::Unknown(Unknown(reason)) => return Err(reason),
        };
        self.spend(text.matches(delimiter).count() + 1)
            .map_err(|Unknown(reason)| reason)?;
        Ok(text
            .split(delimiter)
            .map(|part| Value::known_at(span, part.to_owned(), definition))
            .collect())
    }
}

/// The entries of a `Mappings` section, by map, top-level key and second-level key.
fn mapping_entries(mappings: Option<&Node>) -> HashMap<(&str, &str, &str), &Node> {
    let mut entries = HashMap::new();
    for map in mappings.map(Node::entries).unwrap_or_default() {
        for top in map.value.entries() {
            for second in top.value.entries() {
                entries.insert(
                    (map.key.as_str(), top.key.as_str(), second.key.as_str()),
                    &second.value,
                );
            }
        }
    }
    entries
}

/// The key of whichever of two keys a condition (`condition`, as messages name it) chooses,
/// written at `span`: a customer managed key only when both are one, since the condition is not
/// known.
pub fn either_key(first: KeyChoice, second: KeyChoice, span: Span, condition: &str) -> KeyChoice {
    match (first, second) {
        (KeyChoice::AwsOwned, KeyChoice::AwsOwned) => KeyChoice::AwsOwned,
        (KeyChoice::Customer(first), KeyChoice::Customer(second)) => KeyChoice::Customer(KeyRef {
            span,
            target: if first.target == second.target {
                first.target
            } else {
                KeyTarget::Unknown(Unknown(format!("chosen by {condition}")))
            },
        }),
        _ => KeyChoice::Unknown(Value::unknown(
            span,
            format!("{condition} chooses between a customer managed key and none"),
        )),
    }
}

/// The condition an `Fn::If` argument names, for messages.
pub fn condition_name(argument: &Node) -> String {
    match argument
        .as_sequence()
        .and_then(<[Node]>::first)
        .and_then(Node::as_scalar)
    {
        Some(name) => format!("condition `{name}`"),
        None => "a condition".to_owned(),
    }
}

/// A string being built from parts, where the first part reached through a reference is
/// written, and how long the string may grow.
struct Built {
    text: String,
    definition: Option<Span>,
    limit: usize,
}

impl Built {
    fn new(limit: usize) -> Self {
        Built {
            text: String::new(),
            definition: None,
            limit,
        }
    }

    fn value(self, span: Span) -> Value<String> {
        Value::known_at(span, self.text, self.definition)
    }
}

fn unknown<T>(span: Span, reason: Unknown) -> Value<T> {
    Value {
        span,
        kind: ValueKind::Unknown(reason),
    }
}

fn map<T, U>(value: Value<T>, convert: impl FnOnce(T) -> U) -> Value<U> {
    Value {
        span: value.span,
        kind: match value.kind {
            ValueKind::Literal(value) => ValueKind::Literal(convert(value)),
            ValueKind::Resolved { value, definition } => ValueKind::Resolved {
                value: convert(value),
                definition,
            },
            ValueKind::Unknown(reason) => ValueKind::Unknown(reason),
        },
    }
}

fn with_span<T>(value: Value<T>, span: Span) -> Value<T> {
    Value { span, ..value }
}
