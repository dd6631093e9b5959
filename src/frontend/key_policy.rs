//! Key policy documents, read the same way from whatever tree a front-end holds them in: an HCL
//! object given to `jsonencode`, a YAML or JSON mapping, a TypeScript object literal given to
//! `JSON.stringify`, a Python dictionary given to `json.dumps`, or a JSON string. Only what the
//! rules read is kept: each statement's effect and actions.

use crate::model::{Effect, KeyPolicy, PolicyStatement, Value, ValueKind};
use crate::source::Span;

/// A value and where it is defined (`None`: where it is used), or why it is unknown.
pub type Resolution<T> = Result<(T, Option<Span>), String>;

/// A value as a resolution, for front-ends that read values.
pub fn resolution<T>(value: Value<T>) -> Resolution<T> {
    match value.kind {
        ValueKind::Literal(value) => Ok((value, None)),
        ValueKind::Resolved { value, definition } => Ok((value, Some(definition))),
        ValueKind::Unknown(reason) => Err(reason.0),
    }
}

/// A node of a policy document as a front-end reads it, references followed.
pub trait PolicyNode: Sized {
    fn span(&self) -> Span;
    /// The value of a field of an object: `None` when the object has no such field, an error
    /// when the node is not an object that can be read.
    fn field(&self, name: &str) -> Result<Option<Self>, String>;
    /// The elements of a list; an error when the node is not a list that can be read.
    fn elements(&self) -> Result<Vec<Self>, String>;
    /// The node as a string.
    fn text(&self) -> Resolution<String>;
}

/// The policy a document node holds, known at `span` (where the policy is given to the key),
/// with `definition` when the document is written elsewhere.
pub fn read(span: Span, document: &impl PolicyNode, definition: Option<Span>) -> Value<KeyPolicy> {
    match statements(document) {
        Ok(statements) => Value::known_at(span, KeyPolicy { statements }, definition),
        Err(reason) => Value::unknown(span, reason),
    }
}

/// The policy a JSON string holds. Its statements span the whole string: where they sit inside
/// the string cannot be told once escapes are decoded.
pub fn read_json(span: Span, text: &str, definition: Option<Span>) -> Value<KeyPolicy> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => read(
            span,
            &Json {
                value: &value,
                span: definition.unwrap_or(span),
            },
            definition,
        ),
        Err(error) => Value::unknown(span, format!("a policy that is not valid JSON: {error}")),
    }
}

fn statements(document: &impl PolicyNode) -> Result<Vec<PolicyStatement>, String> {
    let statement = document
        .field("Statement")?
        .ok_or("a policy without `Statement`")?;
    // `Statement` is a list of statements, or a single one.
    Ok(match statement.elements() {
        Ok(items) => items.iter().map(read_statement).collect(),
        Err(_) => vec![read_statement(&statement)],
    })
}

fn read_statement(statement: &impl PolicyNode) -> PolicyStatement {
    let span = statement.span();
    let effect = match statement.field("Effect") {
        Ok(Some(effect)) => effect_of(&effect),
        Ok(None) => Value::unknown(span, "a statement without `Effect`"),
        Err(reason) => Value::unknown(span, reason),
    };
    let actions = match (statement.field("NotAction"), statement.field("Action")) {
        (Ok(Some(not_action)), _) => Value::unknown(
            not_action.span(),
            "`NotAction` names the actions a statement leaves out",
        ),
        (_, Ok(Some(action))) => actions_of(&action),
        (_, Ok(None)) => Value::unknown(span, "a statement without `Action`"),
        (_, Err(reason)) => Value::unknown(span, reason),
    };
    PolicyStatement {
        span,
        effect,
        actions,
    }
}

/// `Effect`: `Allow` or `Deny`.
pub fn effect_of(node: &impl PolicyNode) -> Value<Effect> {
    let span = node.span();
    match text_of(node) {
        Ok((text, definition)) => match text.as_str() {
            "Allow" => Value::known_at(span, Effect::Allow, definition),
            "Deny" => Value::known_at(span, Effect::Deny, definition),
            _ => Value::unknown(span, format!("`{text}` is no effect")),
        },
        Err(reason) => Value::unknown(span, reason),
    }
}

/// `Action`: one action, or a list of them.
pub fn actions_of(node: &impl PolicyNode) -> Value<Vec<String>> {
    let span = node.span();
    let Ok(items) = node.elements() else {
        return match text_of(node) {
            Ok((action, definition)) => Value::known_at(span, vec![action], definition),
            Err(reason) => Value::unknown(span, reason),
        };
    };
    let actions: Result<Vec<String>, String> = items
        .iter()
        .map(|item| text_of(item).map(|(action, _)| action))
        .collect();
    match actions {
        Ok(actions) => Value::literal(span, actions),
        Err(reason) => Value::unknown(span, reason),
    }
}

/// A string of the document. A string holding `${…}` is unknown: an interpolation a front-end
/// could not follow is kept as written, and IAM's own policy variables never name an effect or
/// an action.
fn text_of(node: &impl PolicyNode) -> Resolution<String> {
    let (text, definition) = node.text()?;
    if text.contains("${") {
        return Err(format!("`{text}` holds an interpolation"));
    }
    Ok((text, definition))
}

/// A node of a parsed JSON string; every node spans the string.
struct Json<'j> {
    value: &'j serde_json::Value,
    span: Span,
}

impl PolicyNode for Json<'_> {
    fn span(&self) -> Span {
        self.span
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        match self.value {
            serde_json::Value::Object(object) => Ok(object.get(name).map(|value| Json {
                value,
                span: self.span,
            })),
            _ => Err("a policy document that is not a JSON object".to_owned()),
        }
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        match self.value {
            serde_json::Value::Array(items) => Ok(items
                .iter()
                .map(|value| Json {
                    value,
                    span: self.span,
                })
                .collect()),
            _ => Err("not a JSON list".to_owned()),
        }
    }

    fn text(&self) -> Resolution<String> {
        match self.value {
            serde_json::Value::String(text) => Ok((text.clone(), None)),
            _ => Err("not a JSON string".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::fixture::statement_shapes;
    use crate::model::ValueKind;
    use crate::source::FileId;

    fn span() -> Span {
        Span::new(FileId(0), 0, 1)
    }

    /// Each statement as `effect actions`, `?` for what is unknown.
    fn shape(policy: &Value<KeyPolicy>) -> Vec<String> {
        match policy.known() {
            Some(policy) => statement_shapes(policy),
            None => vec!["unknown".to_owned()],
        }
    }

    #[test]
    fn statements_are_a_list_or_a_single_object() {
        let listed = read_json(
            span(),
            r#"{"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "kms:*", "Principal": {"AWS": "*"}},
                {"Effect": "Deny", "Action": ["kms:CreateGrant", "kms:DescribeKey"]}
            ]}"#,
            None,
        );
        assert_eq!(
            shape(&listed),
            ["Allow kms:*", "Deny kms:CreateGrant,kms:DescribeKey"]
        );
        let single = read_json(
            span(),
            r#"{"Statement": {"Effect": "Allow", "Action": "kms:Describe*"}}"#,
            None,
        );
        assert_eq!(shape(&single), ["Allow kms:Describe*"]);
    }

    #[test]
    fn what_cannot_be_read_is_unknown() {
        let policy = read_json(
            span(),
            r#"{"Statement": [
                {"Effect": "Allow", "NotAction": "kms:ScheduleKeyDeletion"},
                {"Effect": "Permit", "Action": "kms:*"},
                {"Effect": "Allow", "Action": "kms:${aws:username}"},
                {"Effect": "Allow", "Action": [1]},
                {"Action": "kms:*"}
            ]}"#,
            None,
        );
        assert_eq!(
            shape(&policy),
            ["Allow ?", "? kms:*", "Allow ?", "Allow ?", "? kms:*"]
        );
        for broken in ["{", "[]", r#"{"Version": "2012-10-17"}"#] {
            assert!(
                matches!(read_json(span(), broken, None).kind, ValueKind::Unknown(_)),
                "{broken}"
            );
        }
    }
}
