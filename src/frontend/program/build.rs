//! What every framework on the program layer reads alike: a set's region entries in either
//! schema, a region's key, a set's tags. A framework tells this reading the forms that are its
//! own ([`Reader`]): how it names a region (a provider's, a stack's) and a key (an attribute of
//! a key resource, a configuration read).

use super::eval::{Evaluator, Field, MAX_DEPTH, Reached};
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
    fn key_form(&mut self, reached: &Reached, span: Span) -> Option<KeyChoice>;
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
    RegionEntry { span, name, key }
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
    document: impl Fn(&Reached) -> Option<ExprId>,
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
