//! The resolver: follows what an expression refers to (constants, imports, properties of object
//! literals, elements of arrays, names of a Pulumi package) and reads what it reaches as a
//! string, a boolean or a list. Whatever it cannot follow becomes unknown, with a short reason.
//!
//! The program may be a stranger's, written to blow up: twenty-two constants each adding the one
//! before to itself make a string of 37 MiB, and took minutes to follow. So what a declaration
//! holds is followed once and kept, and so are the text of each template literal and `+`, and
//! each property looked up in an object; a value reached again while it is worked out is a
//! cycle; strings, arrays and the program's evaluation have bounds. Past any of them the value is
//! unknown.

use super::program::{At, Binding, MAX_DEPTH, Namespace, Program, unescape};
use super::sdk::SdkName;
use crate::frontend::bounds::{MAX_DOCUMENT, MAX_TEXT, Memo};
use crate::model::Value;
use crate::source::Span;

/// The most elements an array is read with, spreads expanded: a set has a few regions, a key
/// policy a few hundred actions.
const MAX_ELEMENTS: usize = 10_000;

/// What evaluating the program's expressions found, kept so that each is worked out once.
#[derive(Default)]
pub struct Evaluated<'p> {
    /// What the value of each declaration reaches, by the value's node.
    bindings: Memo<(usize, usize), Result<Reached<'p>, String>>,
    /// The text of each template literal and `+`, by its node, and whether a part of it came
    /// from a reference.
    texts: Memo<(usize, usize), Result<(String, bool), String>>,
    /// Each property looked up in an object literal, by the object's node and the name.
    properties: Memo<((usize, usize), String), Property<'p>>,
}

/// An expression after references were followed.
#[derive(Clone, Debug)]
pub struct Reached<'p> {
    /// The expression that holds the value (for a namespace, the expression that names it).
    pub at: At<'p>,
    /// What the expression names when it is a package, a name in one, or a module.
    pub namespace: Option<Namespace>,
    /// Whether a reference led there, so that the value is written elsewhere.
    pub via_reference: bool,
}

impl Reached<'_> {
    /// The Pulumi name the expression stands for: `aws.kms.Key`, `aws.Region.USWest2`.
    pub fn sdk_name(&self) -> Option<&SdkName> {
        match &self.namespace {
            Some(Namespace::Sdk(name)) => Some(name),
            _ => None,
        }
    }
}

pub use crate::frontend::key_policy::Resolution;

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

/// A property of an object literal.
#[derive(Clone, Debug)]
pub enum Property<'p> {
    Value(At<'p>),
    /// Not written, or written as `undefined`.
    Absent,
    Unknown(String),
}

impl<'p> Program<'p> {
    /// Follows references until an expression that is not one.
    pub fn follow(&self, at: At<'p>, depth: usize) -> Result<Reached<'p>, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        self.budget.spend(1)?;
        let unfollowed = Reached {
            at,
            namespace: None,
            via_reference: false,
        };
        match at.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "await_expression" => match at.children().first() {
                Some(inner) => self.follow(*inner, depth + 1),
                None => Ok(unfollowed),
            },
            // `<string>x`: the expression comes after the type.
            "type_assertion" => match at.children().last() {
                Some(inner) => self.follow(*inner, depth + 1),
                None => Ok(unfollowed),
            },
            "identifier" | "shorthand_property_identifier" => {
                let binding = self.lookup(self.text(at), at, depth)?;
                self.reach(binding, at, depth)
            }
            "member_expression" => {
                let (Some(object), Some(property)) = (at.field("object"), at.field("property"))
                else {
                    return Ok(unfollowed);
                };
                let object = self.follow(object, depth + 1)?;
                self.member(object, self.text(property), at, depth)
            }
            "subscript_expression" => {
                let (Some(object), Some(index)) = (at.field("object"), at.field("index")) else {
                    return Ok(unfollowed);
                };
                let object = self.follow(object, depth + 1)?;
                match index.kind() {
                    "string" => match self.string_literal(index) {
                        Some(name) => self.member(object, &name, at, depth),
                        None => Ok(unfollowed),
                    },
                    "number" => {
                        let element = self
                            .text(index)
                            .parse::<usize>()
                            .ok()
                            .filter(|_| object.at.kind() == "array")
                            .and_then(|i| {
                                self.elements_of(object.at, depth + 1).ok()?.get(i).copied()
                            });
                        match element {
                            Some(element) => self.reached_via_reference(element, depth),
                            None => Err(format!("an element of {}", self.describe(object.at))),
                        }
                    }
                    _ => Err(format!("an element of {}", self.describe(object.at))),
                }
            }
            "call_expression" => match self.required_specifier(at) {
                Some(specifier) => {
                    let specifier = self.string_literal(specifier).unwrap_or_default();
                    Ok(Reached {
                        namespace: Some(self.namespace(at.module, &specifier)?),
                        ..unfollowed
                    })
                }
                None => Ok(unfollowed),
            },
            _ => Ok(unfollowed),
        }
    }

    fn reach(&self, binding: Binding<'p>, at: At<'p>, depth: usize) -> Result<Reached<'p>, String> {
        match binding {
            Binding::Value(value) => self.evaluated.bindings.get(
                value.id(),
                || self.reached_via_reference(value, depth),
                || {
                    Err(format!(
                        "`{}` depends on itself (a cycle)",
                        short(self.text(at))
                    ))
                },
            ),
            Binding::Member { object, name } => {
                let object = self.follow(object, depth + 1)?;
                self.member(object, &name, at, depth)
            }
            Binding::Namespace(namespace) => Ok(Reached {
                at,
                namespace: Some(namespace),
                via_reference: false,
            }),
        }
    }

    fn reached_via_reference(&self, at: At<'p>, depth: usize) -> Result<Reached<'p>, String> {
        Ok(Reached {
            via_reference: true,
            ..self.follow(at, depth + 1)?
        })
    }

    /// `object.name`, where `at` is the whole member expression.
    fn member(
        &self,
        object: Reached<'p>,
        name: &str,
        at: At<'p>,
        depth: usize,
    ) -> Result<Reached<'p>, String> {
        if let Some(namespace) = object.namespace {
            let binding = self.member_of(namespace, name, depth)?;
            return self.reach(binding, at, depth);
        }
        if object.at.kind() != "object" {
            return Ok(Reached {
                at,
                namespace: None,
                via_reference: false,
            });
        }
        match self.property(object.at, name, depth + 1) {
            Property::Value(value) => self.reached_via_reference(value, depth),
            Property::Absent => Err(format!("`{name}` is not set")),
            Property::Unknown(reason) => Err(reason),
        }
    }

    /// A property of an object literal; the last one written wins, spreads included.
    pub fn property(&self, object: At<'p>, name: &str, depth: usize) -> Property<'p> {
        if depth > MAX_DEPTH {
            return Property::Unknown(too_deep());
        }
        self.evaluated.properties.get(
            (object.id(), name.to_owned()),
            || self.find_property(object, name, depth),
            || {
                Property::Unknown(format!(
                    "`{name}` of an object that spreads itself (a cycle)"
                ))
            },
        )
    }

    fn find_property(&self, object: At<'p>, name: &str, depth: usize) -> Property<'p> {
        let members = object.children();
        if let Err(reason) = self.budget.spend(members.len()) {
            return Property::Unknown(reason);
        }
        let mut found = Property::Absent;
        for member in members {
            match member.kind() {
                "pair" => {
                    let (Some(key), Some(value)) = (member.field("key"), member.field("value"))
                    else {
                        continue;
                    };
                    match self.key_name(key, depth) {
                        Ok(key) if key == name => found = Property::Value(value),
                        Ok(_) => {}
                        Err(reason) => found = Property::Unknown(reason),
                    }
                }
                "shorthand_property_identifier" if self.text(member) == name => {
                    found = Property::Value(member);
                }
                "method_definition"
                    if member.field("name").is_some_and(|n| self.text(n) == name) =>
                {
                    found = Property::Unknown(format!("`{name}` is a method"));
                }
                "spread_element" => {
                    let spread = member.children().first().copied();
                    let object = spread
                        .ok_or_else(|| "an empty spread".to_owned())
                        .and_then(|spread| self.object(spread, depth + 1));
                    match object {
                        Ok(object) => match self.property(object, name, depth + 1) {
                            Property::Absent => {}
                            other => found = other,
                        },
                        Err(reason) => {
                            found = Property::Unknown(format!("a spread of {reason}"));
                        }
                    }
                }
                _ => {}
            }
        }
        match found {
            Property::Value(value) if value.kind() == "undefined" => Property::Absent,
            other => other,
        }
    }

    /// Where a property of an object literal is named: the key of its last pair, or a shorthand
    /// property.
    pub fn property_name(&self, object: At<'p>, name: &str) -> Option<At<'p>> {
        object
            .children()
            .into_iter()
            .rev()
            .find_map(|member| match member.kind() {
                "pair" => member
                    .field("key")
                    .filter(|key| self.key_name(*key, 0).is_ok_and(|key| key == name)),
                "shorthand_property_identifier" => (self.text(member) == name).then_some(member),
                _ => None,
            })
    }

    fn key_name(&self, key: At<'p>, depth: usize) -> Result<String, String> {
        match key.kind() {
            "string" => self
                .string_literal(key)
                .ok_or_else(|| "a property name that is not a plain string".to_owned()),
            "computed_property_name" => match key.children().first() {
                Some(expression) => self.text_at(*expression, depth + 1).map(|(name, _)| name),
                None => Err("an empty computed property name".to_owned()),
            },
            _ => Ok(self.text(key).to_owned()),
        }
    }

    /// The object literal an expression holds.
    pub fn object(&self, at: At<'p>, depth: usize) -> Result<At<'p>, String> {
        let reached = self.follow(at, depth)?;
        if reached.at.kind() == "object" {
            Ok(reached.at)
        } else {
            Err(self.describe(reached.at))
        }
    }

    /// The elements of the array an expression holds, spreads of arrays expanded.
    pub fn elements(&self, at: At<'p>, depth: usize) -> Result<Vec<At<'p>>, String> {
        let reached = self.follow(at, depth)?;
        match reached.at.kind() {
            "array" => self.elements_of(reached.at, depth),
            "call_expression"
                if reached
                    .at
                    .field("function")
                    .and_then(|f| f.field("property"))
                    .is_some_and(|p| self.text(p) == "map") =>
            {
                Err("an array built by `.map()`".to_owned())
            }
            _ => Err(self.describe(reached.at)),
        }
    }

    /// The elements of an array literal, spreads expanded. Arrays are not kept: spreads can
    /// only make one as long as [`MAX_ELEMENTS`], which ends any doubling quickly.
    fn elements_of(&self, array: At<'p>, depth: usize) -> Result<Vec<At<'p>>, String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        let mut elements = Vec::new();
        for element in array.children() {
            if element.kind() == "spread_element" {
                let spread = element
                    .children()
                    .first()
                    .copied()
                    .ok_or_else(|| "an empty spread".to_owned())?;
                elements.extend(self.elements(spread, depth + 1)?);
            } else {
                elements.push(element);
            }
            if elements.len() > MAX_ELEMENTS {
                return Err(format!("an array of more than {MAX_ELEMENTS} elements"));
            }
        }
        self.budget.spend(elements.len())?;
        Ok(elements)
    }

    /// A string read where `at` uses it.
    pub fn string(&self, at: At<'p>) -> Value<String> {
        value_of(self.span(at), self.text_at(at, 0))
    }

    pub fn text_at(&self, at: At<'p>, depth: usize) -> Resolution<String> {
        let reached = self.follow(at, depth)?;
        self.text_of(&reached, depth)
    }

    /// The text of a string expression: a literal, a template or a concatenation whose parts
    /// resolve, or a member of the `Region` enum. It is defined where it is written if any part
    /// of it came from a reference.
    pub fn text_of(&self, reached: &Reached<'p>, depth: usize) -> Resolution<String> {
        self.text_within(reached, depth, MAX_TEXT)
    }

    /// The text of a key policy written as a JSON string, which may be longer than other strings
    /// (its parts may not).
    pub fn document_text(&self, reached: &Reached<'p>) -> Resolution<String> {
        self.text_within(reached, 0, MAX_DOCUMENT)
    }

    fn text_within(&self, reached: &Reached<'p>, depth: usize, limit: usize) -> Resolution<String> {
        let definition = reached.via_reference.then(|| self.span(reached.at));
        if let Some(name) = reached.sdk_name() {
            return match name.region_constant() {
                Some(region) => Ok((region.to_owned(), definition)),
                None => Err(format!("`{}`", name.display())),
            };
        }
        let at = reached.at;
        if let Some(text) = self.string_literal(at) {
            return Ok((text, definition));
        }
        let (text, via_parts) = match at.kind() {
            "template_string" | "binary_expression" if limit == MAX_TEXT => {
                self.evaluated.texts.get(
                    at.id(),
                    || self.compose(at, depth, limit),
                    || Err("a string that includes itself (a cycle)".to_owned()),
                )?
            }
            "template_string" | "binary_expression" => self.compose(at, depth, limit)?,
            "number" => (self.text(at).to_owned(), false),
            _ => return Err(self.describe(at)),
        };
        Ok((
            text,
            (reached.via_reference || via_parts).then(|| self.span(at)),
        ))
    }

    /// The text of a template literal or a `+` from the texts of its parts, and whether one of
    /// them came from a reference.
    fn compose(&self, at: At<'p>, depth: usize, limit: usize) -> Result<(String, bool), String> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        let part = |part: At<'p>| -> Result<(String, bool), String> {
            // A document's `+` chain (`'{"Statement": [' + statements + ']}'`) has the
            // document's limit throughout; what it refers to has the usual one.
            if limit > MAX_TEXT && self.is_concatenation(part) {
                return self.compose(part, depth + 1, limit);
            }
            let (text, definition) = self.text_at(part, depth + 1)?;
            Ok((text, definition.is_some()))
        };
        let mut via_reference = false;
        let mut text = String::new();
        match at.kind() {
            "template_string" => {
                for piece in at.children() {
                    let piece = match piece.kind() {
                        "string_fragment" => self.text(piece).to_owned(),
                        "escape_sequence" => unescape(self.text(piece)),
                        _ => match piece.children().as_slice() {
                            [expression] => {
                                let (piece, via_piece) = part(*expression).map_err(|reason| {
                                    format!("a template literal with a substitution of {reason}")
                                })?;
                                via_reference |= via_piece;
                                piece
                            }
                            _ => return Err("a template literal with a sequence".to_owned()),
                        },
                    };
                    self.budget.push(&mut text, &piece, limit)?;
                }
            }
            "binary_expression" if self.is_concatenation(at) => {
                for side in ["left", "right"] {
                    let side = at
                        .field(side)
                        .ok_or_else(|| "an incomplete operation".to_owned())?;
                    let (side, via_side) = part(side)?;
                    via_reference |= via_side;
                    self.budget.push(&mut text, &side, limit)?;
                }
            }
            _ => return Err(self.describe(at)),
        }
        Ok((text, via_reference))
    }

    /// Whether an expression is a `+`.
    fn is_concatenation(&self, at: At<'p>) -> bool {
        at.kind() == "binary_expression"
            && at
                .field("operator")
                .is_some_and(|operator| self.text(operator) == "+")
    }

    pub fn boolean(&self, at: At<'p>) -> Value<bool> {
        let resolution = self.follow(at, 0).and_then(|reached| {
            let definition = reached.via_reference.then(|| self.span(reached.at));
            match reached.at.kind() {
                "true" => Ok((true, definition)),
                "false" => Ok((false, definition)),
                _ => Err(self.describe(reached.at)),
            }
        });
        value_of(self.span(at), resolution)
    }

    /// A short noun phrase for an expression whose value cannot be known.
    pub fn describe(&self, at: At) -> String {
        let text = short(self.text(at));
        let phrase = match at.kind() {
            "call_expression" => return format!("the result of `{text}`"),
            "new_expression" => return format!("the object `{text}`"),
            "await_expression" => return format!("the awaited `{text}`"),
            "ternary_expression" => "a conditional expression",
            "binary_expression" | "unary_expression" => "an operation",
            "template_string" => "a template literal",
            "arrow_function" | "function_expression" => "a function",
            "array" => "an array",
            "object" => "an object",
            "number" => "a number",
            "true" | "false" => "a boolean",
            "string" => "a string",
            "undefined" | "null" => "no value",
            "ERROR" => "code that does not parse",
            _ => return format!("`{text}`"),
        };
        phrase.to_owned()
    }
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
