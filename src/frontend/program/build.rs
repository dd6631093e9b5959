//! What every framework on the program layer reads alike: a set's region entries in either
//! schema, a region's key, a set's tags. A framework tells this reading the forms that are its
//! own ([`Reader`]): how it names a region (a provider's, a stack's) and a key (an attribute of
//! a key resource, a configuration read).

use super::eval::{Evaluator, Field, MAX_DEPTH, Referent};
use super::{Expr, ExprId, Member};
use crate::frontend::key_policy::{self, PolicyNode, Resolution};
use crate::model::{
    KeyChoice, KeyPolicy, KeyRef, KeyTarget, Region, RegionEntry, Schema, Tag, Unknown, Value,
};
use crate::source::Span;

/// What a framework tells the shared reading about the values it meets.
pub trait Reader<'p> {
    fn evaluator(&self) -> &Evaluator<'p>;

    /// A region: a region name, or the region of something that deploys (a provider, a stack).
    fn region(&mut self, at: ExprId) -> Value<Region>;

    /// The key a value reached from a key input names in the framework's own forms (`key.arn`,
    /// `key.keyArn`, a configuration read), where the input is written at `span`; `None` when it
    /// is none of them.
    fn key_form(&mut self, reached: &Referent, span: Span) -> Option<KeyChoice>;
}

/// A region of a set: CloudFormation's `{ regionName, regionConfiguration: { sseKmsKeyId } }`
/// (aws-native's, CDK's), or Terraform's `{ name, kmsKeyArn }` (pulumi-aws's).
pub fn region_entry<'p>(
    reader: &mut impl Reader<'p>,
    element: ExprId,
    schema: Schema,
) -> RegionEntry {
    let evaluator = reader.evaluator();
    let program = evaluator.program;
    let object = match evaluator.object(element) {
        Ok(object) => object,
        Err(reason) => {
            let span = program.span(element);
            return RegionEntry {
                span,
                name: Value::unknown(span, reason.clone()),
                key: KeyChoice::Unknown(Value::unknown(span, reason)),
                may_be_absent: false,
            };
        }
    };
    let span = program.span(object);
    let native = schema == Schema::CloudFormation;
    let name = evaluator.field(object, if native { "regionName" } else { "name" });
    let name = match name {
        Field::Value(name) => reader.region(name),
        Field::Absent => Value::unknown(span, "the region has no name"),
        Field::Unknown(reason) => Value::unknown(span, reason),
    };
    let evaluator = reader.evaluator();
    let key = if native {
        match evaluator.field(object, "regionConfiguration") {
            Field::Value(configuration) => match evaluator.object(configuration) {
                Ok(configuration) => {
                    let key = evaluator.field(configuration, "sseKmsKeyId");
                    key_choice(reader, key, program.span(configuration))
                }
                Err(reason) => {
                    KeyChoice::Unknown(Value::unknown(program.span(configuration), reason))
                }
            },
            other => key_choice(reader, other, span),
        }
    } else {
        let key = evaluator.field(object, "kmsKeyArn");
        key_choice(reader, key, span)
    };
    RegionEntry {
        span,
        name,
        key,
        may_be_absent: false,
    }
}

/// The arguments a set is given, as written, for checking against the resource type's schema:
/// the fields of its inputs objects (object literals, dictionaries, `Args` initialisers and
/// builders) and the named arguments of its call (Python's keywords) but `skipped` (the call's
/// own: the resource's name, its options), each value's shape as far as it can be followed.
/// Declared at `span`.
pub fn arguments(
    evaluator: &Evaluator,
    objects: &[ExprId],
    skipped: &[&str],
    span: Span,
) -> crate::model::Arguments {
    let mut reading = ArgumentReading {
        evaluator,
        budget: MAX_ARGUMENT_VALUES,
    };
    let mut arguments = crate::model::Arguments {
        span,
        written: Vec::new(),
        complete: true,
    };
    for object in objects {
        reading.members(*object, skipped, &mut arguments, 0);
    }
    arguments
}

/// How a program in the language of `format` spells the names of arguments: its convention, and
/// any spelling compares (its SDK maps its own, and its compiler rejects what is no input).
pub fn naming(format: crate::model::Format) -> crate::model::Naming {
    use crate::model::{Case, Format};
    let case = match format {
        Format::PulumiPython | Format::CdkPython => Case::Snake,
        Format::PulumiGo | Format::PulumiCSharp => Case::Pascal,
        _ => Case::Camel,
    };
    crate::model::Naming { case, exact: false }
}

/// The most values read of one set's arguments, references followed: a few dozen are written;
/// constants that each hold two of the next would be 2^n.
const MAX_ARGUMENT_VALUES: usize = 10_000;

struct ArgumentReading<'e, 'p> {
    evaluator: &'e Evaluator<'p>,
    /// What is left of [`MAX_ARGUMENT_VALUES`].
    budget: usize,
}

impl ArgumentReading<'_, '_> {
    /// Adds the members of an object (or the named arguments of a call, but `skipped`) to
    /// `into`. What cannot be read (a spread of something unknown, a key that cannot be
    /// computed) makes `into` incomplete.
    fn members(
        &mut self,
        object: ExprId,
        skipped: &[&str],
        into: &mut crate::model::Arguments,
        depth: usize,
    ) {
        let evaluator = self.evaluator;
        if depth > MAX_DEPTH || self.budget == 0 {
            into.complete = false;
            return;
        }
        self.budget -= 1;
        match evaluator.program.expr(object) {
            Expr::Object(literal) => {
                for member in &literal.members {
                    match member {
                        Member::Field {
                            name,
                            name_span,
                            value,
                            ..
                        } => self.push(into, name.clone(), *name_span, *value, depth),
                        Member::Computed { key, value, .. } => match evaluator.text_of(*key) {
                            Ok((name, _)) => {
                                self.push(into, name, evaluator.span(*key), *value, depth);
                            }
                            Err(_) => into.complete = false,
                        },
                        Member::Spread(spread) => match evaluator.object(*spread) {
                            Ok(spread) => self.members(spread, &[], into, depth + 1),
                            Err(_) => into.complete = false,
                        },
                        Member::Base(_) | Member::Opaque { .. } => into.complete = false,
                    }
                }
            }
            Expr::Call(call) => {
                for argument in &call.arguments {
                    match &argument.name {
                        // `**inputs` spreads a dictionary's entries; `*values`, positions.
                        Some(_) if argument.spread => match evaluator.object(argument.value) {
                            Ok(spread) => self.members(spread, &[], into, depth + 1),
                            Err(_) => into.complete = false,
                        },
                        None if argument.spread => into.complete = false,
                        Some((name, name_span)) if !skipped.contains(&name.as_str()) => {
                            self.push(into, name.clone(), *name_span, argument.value, depth);
                        }
                        // Positions (a resource's name, a construct's scope) and the call's own.
                        _ => {}
                    }
                }
            }
            _ => into.complete = false,
        }
    }

    /// Adds an argument, unless its value is null, which leaves it unset.
    fn push(
        &mut self,
        into: &mut crate::model::Arguments,
        name: String,
        name_span: Span,
        value: ExprId,
        depth: usize,
    ) {
        if let Some(value) = self.value(value, depth + 1) {
            into.written.push(crate::model::Argument {
                name,
                name_span,
                value,
            });
        }
    }

    /// The shape of a value, references followed; `None` for null.
    fn value(&mut self, id: ExprId, depth: usize) -> Option<crate::model::ArgumentValue> {
        use crate::model::{ArgumentValue, Arguments};
        let evaluator = self.evaluator;
        let program = evaluator.program;
        let span = evaluator.span(id);
        if depth > MAX_DEPTH || self.budget == 0 {
            return Some(ArgumentValue::Unknown(span));
        }
        self.budget -= 1;
        // A setter's values are read before following them, which reads the only one; one
        // value that is a list is the list (Java's `regions(List.of(a, b))`).
        if let Expr::Arguments(values) = program.expr(id) {
            if let [only] = values.as_slice()
                && let Ok(reached) = evaluator.follow(*only)
                && let Expr::List(_) | Expr::Map { .. } | Expr::Arguments(_) =
                    program.expr(reached.expr)
            {
                return self.value(*only, depth + 1);
            }
            let items = (values.iter())
                .filter_map(|value| self.value(*value, depth + 1))
                .collect();
            return Some(ArgumentValue::Values { span, items });
        }
        let Ok(reached) = evaluator.follow(id) else {
            return Some(ArgumentValue::Unknown(span));
        };
        let text = || {
            evaluator
                .text_of_reached(&reached)
                .ok()
                .map(|(text, _)| text)
        };
        match reached.target {
            // A constant of the SDK (`aws.Region.USWest2`) is a string.
            super::eval::Target::Global(_) => {
                return Some(match text() {
                    Some(text) => ArgumentValue::Text {
                        span,
                        text: Some(text),
                    },
                    None => ArgumentValue::Unknown(span),
                });
            }
            super::eval::Target::Module(_) => return Some(ArgumentValue::Unknown(span)),
            super::eval::Target::Value => {}
        }
        Some(match program.expr(reached.expr) {
            Expr::Null => return None,
            Expr::Str(_) | Expr::Template(_) => ArgumentValue::Text { span, text: text() },
            Expr::Json(_) => ArgumentValue::Text { span, text: None },
            Expr::Number(_) => ArgumentValue::Number(span),
            Expr::Bool(_) => ArgumentValue::Bool(span),
            Expr::List(_) | Expr::Map { .. } => match evaluator.elements(id) {
                Ok(items) => ArgumentValue::List {
                    span,
                    items: (items.into_iter())
                        .filter_map(|item| self.value(item, depth + 1))
                        .collect(),
                },
                Err(_) => ArgumentValue::Unknown(span),
            },
            // An empty literal may be a list or an object. Pulumi's Go SDK names its list types
            // `…Array` (`ssmincidents.ReplicationSetRegionArray{}`); other types are objects; an
            // initialiser without a type is either (C#'s `Regions = { }`).
            Expr::Object(object) if object.members.is_empty() => {
                let class = object.class.and_then(|class| evaluator.global(class));
                let list = class.as_ref().is_some_and(|paths| {
                    (paths.iter())
                        .any(|path| path.last().is_some_and(|name| name.ends_with("Array")))
                });
                match (object.class, list) {
                    (_, true) => ArgumentValue::List {
                        span,
                        items: Vec::new(),
                    },
                    (None, false) => ArgumentValue::Values {
                        span,
                        items: Vec::new(),
                    },
                    (Some(_), false) => ArgumentValue::Object(Arguments {
                        span,
                        written: Vec::new(),
                        complete: true,
                    }),
                }
            }
            Expr::Object(_) | Expr::Call(_) => match evaluator.object(reached.expr) {
                Ok(object) => {
                    let mut arguments = Arguments {
                        span: evaluator.span(object),
                        written: Vec::new(),
                        complete: true,
                    };
                    self.members(object, &[], &mut arguments, depth + 1);
                    ArgumentValue::Object(arguments)
                }
                // A call's result.
                Err(_) => ArgumentValue::Unknown(span),
            },
            _ => ArgumentValue::Unknown(span),
        })
    }
}

/// The key of a region, from its key input (`entry` is the region's object).
pub fn key_choice<'p>(reader: &mut impl Reader<'p>, key: Field, entry: Span) -> KeyChoice {
    let at = match key {
        Field::Value(at) => at,
        Field::Absent => return KeyChoice::AwsOwned,
        Field::Unknown(reason) => return KeyChoice::Unknown(Value::unknown(entry, reason)),
    };
    let evaluator = reader.evaluator();
    let program = evaluator.program;
    let span = program.span(at);
    let unknown = |reason: String| KeyChoice::Unknown(Value::unknown(span, reason));
    let reached = match evaluator.follow(at) {
        Ok(reached) => reached,
        Err(reason) => return unknown(reason),
    };
    if matches!(program.expr(reached.expr), Expr::Null) {
        return KeyChoice::AwsOwned;
    }
    if let Some(choice) = reader.key_form(&reached, span) {
        return choice;
    }
    match reader.evaluator().text_of_reached(&reached) {
        Ok((text, definition)) => KeyChoice::from_text(span, text, definition),
        // A string built from parts is a string even when its parts are unknown: some key.
        Err(reason) if matches!(program.expr(reached.expr), Expr::Template(_)) => {
            some_key(span, reason)
        }
        Err(reason) => unknown(reason),
    }
}

/// A customer managed key that cannot be told, for the reason given.
pub fn some_key(span: Span, reason: String) -> KeyChoice {
    KeyChoice::Customer(KeyRef {
        span,
        target: KeyTarget::Unknown(Unknown(reason)),
    })
}

/// CloudFormation's tags: a list of `{ key, value }`.
pub fn tag_list(evaluator: &Evaluator, tags: ExprId) -> Vec<Tag> {
    let elements = evaluator.elements(tags).unwrap_or_default();
    elements
        .into_iter()
        .filter_map(|element| evaluator.object(element).ok())
        .filter_map(|tag| {
            let field = |name| match evaluator.field(tag, name) {
                Field::Value(value) => Some(evaluator.string(value)),
                _ => None,
            };
            Some(Tag {
                span: evaluator.span(tag),
                key: field("key")?,
                value: field("value")?,
            })
        })
        .collect()
}

/// Terraform's tags: the entries of a map, those of the maps it spreads (Java's
/// `Map.ofEntries(Map.entry(k, v), …)`) included, or a call's named arguments.
pub fn tag_map(evaluator: &Evaluator, tags: ExprId) -> Vec<Tag> {
    tag_map_at(evaluator, tags, 0)
}

fn tag_map_at(evaluator: &Evaluator, tags: ExprId, depth: usize) -> Vec<Tag> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    match evaluator.program.expr(tags) {
        Expr::Object(object) => (object.members.iter())
            .flat_map(|member| match member {
                Member::Field {
                    name,
                    name_span,
                    value,
                    span,
                } => vec![Tag {
                    span: *span,
                    key: Value::literal(*name_span, name.clone()),
                    value: evaluator.string(*value),
                }],
                Member::Computed { key, value, span } => vec![Tag {
                    span: *span,
                    key: evaluator.string(*key),
                    value: evaluator.string(*value),
                }],
                Member::Spread(spread) => (evaluator.object(*spread))
                    .map(|spread| tag_map_at(evaluator, spread, depth + 1))
                    .unwrap_or_default(),
                _ => Vec::new(),
            })
            .collect(),
        Expr::Call(call) => (call.arguments.iter())
            .filter_map(|argument| {
                let (name, name_span) = argument.name.as_ref().filter(|_| !argument.spread)?;
                Some(Tag {
                    span: name_span.to(evaluator.span(argument.value)),
                    key: Value::literal(*name_span, name.clone()),
                    value: evaluator.string(argument.value),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A key policy written as a document (an object, a dictionary), serialised as JSON
/// (`JSON.stringify(x)`, `json.dumps(x)`), or as a JSON string. A framework may know other
/// documents (`document`: the document a call of its own builds or serialises) and read their
/// nodes its own way (`node`).
pub fn key_policy<N: PolicyNode>(
    evaluator: &Evaluator,
    policy: ExprId,
    document: impl Fn(&Referent) -> Option<ExprId>,
    node: impl Fn(ExprId) -> N,
) -> Value<KeyPolicy> {
    let span = evaluator.span(policy);
    let reached = match evaluator.follow(policy) {
        Ok(reached) => reached,
        Err(reason) => return Value::unknown(span, reason),
    };
    let definition = (reached.via_reference).then(|| evaluator.span(reached.expr));
    let written = match evaluator.program.expr(reached.expr) {
        Expr::Json(document) => Some(*document),
        Expr::Object(_) => Some(reached.expr),
        _ => document(&reached),
    };
    if let Some(id) = written {
        return key_policy::read(span, &node(id), definition);
    }
    match evaluator.document_text(&reached) {
        Ok((text, definition)) => key_policy::read_json(span, &text, definition),
        Err(reason) => Value::unknown(span, reason),
    }
}

/// An expression of the program read as a node of a policy document.
pub struct PolicyValue<'e, 'p> {
    pub evaluator: &'e Evaluator<'p>,
    pub id: ExprId,
}

impl PolicyNode for PolicyValue<'_, '_> {
    fn span(&self) -> Span {
        self.evaluator.span(self.id)
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        let object = self.evaluator.object(self.id)?;
        match self.evaluator.field(object, name) {
            Field::Value(id) => Ok(Some(PolicyValue { id, ..*self })),
            Field::Absent => Ok(None),
            Field::Unknown(reason) => Err(reason),
        }
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let elements = self.evaluator.elements(self.id)?;
        Ok(elements
            .into_iter()
            .map(|id| PolicyValue { id, ..*self })
            .collect())
    }

    fn text(&self) -> Resolution<String> {
        self.evaluator.text_of(self.id)
    }
}

#[cfg(test)]
mod tests {
    use crate::frontend::fixture::Fixture;
    use crate::model::{ArgumentValue, Arguments};

    /// The arguments of the one set of a Pulumi project whose program is `file`.
    fn arguments(runtime: &str, file: (&str, &str)) -> (Fixture, Arguments) {
        let project = format!("name: p\nruntime: {runtime}\n");
        let fixture = Fixture::parse(
            "p",
            &[("Pulumi.yaml", &project), file],
            crate::frontend::pulumi::parse,
        );
        let set = fixture.set().arguments.as_ref().expect("arguments");
        let arguments = set.arguments.clone();
        (fixture, arguments)
    }

    fn names<'a>(fixture: &'a Fixture, arguments: &Arguments) -> Vec<&'a str> {
        (arguments.written.iter())
            .map(|argument| fixture.text(argument.name_span))
            .collect()
    }

    #[test]
    fn a_call_gives_its_keywords_but_its_own() {
        let (fixture, arguments) = arguments(
            "python",
            (
                "__main__.py",
                r#"import pulumi
import pulumi_aws as aws
aws.ssmincidents.ReplicationSet(
    resource_name="set",
    regions=[{"name": "us-east-1", "kms_key_arn": None}],
    tags=dict(team="ops"),
    opts=pulumi.ResourceOptions(protect=True),
)
"#,
            ),
        );
        assert!(arguments.complete);
        assert_eq!(names(&fixture, &arguments), ["regions", "tags"]);
        let ArgumentValue::List { items, .. } = &arguments.written[0].value else {
            panic!("a list: {:?}", arguments.written[0].value);
        };
        // A null value leaves its argument unset.
        let [ArgumentValue::Object(region)] = items.as_slice() else {
            panic!("one object: {items:?}");
        };
        assert_eq!(names(&fixture, region), ["\"name\""]);
        assert!(matches!(
            arguments.written[1].value,
            ArgumentValue::Object(_)
        ));
    }

    #[test]
    fn what_cannot_be_read_leaves_the_arguments_incomplete() {
        let read = |call: &str| {
            let program = format!("import pulumi_aws as aws\nunknown = get()\n{call}\n");
            arguments("python", ("__main__.py", &program)).1
        };
        // `**unknown` may give any input; the written `tags` are still read.
        let spread = read("aws.ssmincidents.ReplicationSet(\"set\", tags={}, **unknown)");
        assert!(!spread.complete);
        assert_eq!(spread.written.len(), 1);
        // A key that cannot be computed may be any.
        let keyed = read("aws.ssmincidents.ReplicationSet(\"set\", tags={unknown: \"v\"})");
        assert!(keyed.complete);
        let ArgumentValue::Object(tags) = &keyed.written[0].value else {
            panic!("an object: {:?}", keyed.written[0].value);
        };
        assert!(!tags.complete);
        assert!(tags.written.is_empty());
    }

    /// Inputs objects each spreading two of the next, forty levels deep, would be 2^40 members
    /// read: the reading stops at its budget, its arguments incomplete.
    #[test]
    fn spreads_that_double_forty_times_are_read_within_the_budget() {
        let mut program = String::from(
            "import * as aws from \"@pulumi/aws\";\nconst o40 = { regions: [{ name: \"us-east-1\" }] };\n",
        );
        for level in (0..40).rev() {
            let next = level + 1;
            program += &format!("const o{level} = {{ ...o{next}, ...o{next} }};\n");
        }
        program += "new aws.ssmincidents.ReplicationSet(\"set\", o0);\n";
        let (_, arguments) = arguments("nodejs", ("index.ts", &program));
        assert!(!arguments.complete);
        assert!(arguments.written.len() <= super::MAX_ARGUMENT_VALUES);
    }
}
