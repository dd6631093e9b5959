//! Reading expressions as values: strings, booleans, lists, and the keyword arguments or keys of
//! calls and dictionaries. Whatever cannot be read without running the program is unknown, with a
//! short reason.

use super::program::{At, MAX_DEPTH, Meaning, ModuleId, Program, Reached};
use super::sdk::{Class, region_enum_member};
use crate::frontend::bounds::{MAX_DOCUMENT, MAX_TEXT, Memo};
use crate::model::Value;
use crate::source::Span;

pub use crate::frontend::key_policy::Resolution;

/// What evaluating the program's expressions found, kept so that each is worked out once.
#[derive(Default)]
pub struct Evaluated {
    /// The text of each `+` of strings, by its node, and whether a part of it came from a
    /// reference: twenty-two names each adding the one before to itself took a minute to read
    /// without it.
    texts: Memo<(ModuleId, usize), Result<(String, bool), String>>,
}

pub fn value_of<T>(span: Span, resolution: Resolution<T>) -> Value<T> {
    match resolution {
        Ok((value, None)) => Value::literal(span, value),
        Ok((value, Some(definition))) => Value::resolved(span, value, definition),
        Err(reason) => Value::unknown(span, reason),
    }
}

/// An argument or dictionary entry looked up by name.
#[derive(Clone, Copy, Debug)]
pub enum Field<'t> {
    Given(At<'t>),
    Absent,
    /// Not written by name, but a `**splat` (or an input object that cannot be read) may hold it.
    Hidden(At<'t>),
}

/// The keyword arguments of a call, or the string keys of a dictionary.
#[derive(Clone, Debug, Default)]
pub struct Fields<'t> {
    entries: Vec<(String, At<'t>)>,
    hidden: Option<At<'t>>,
}

impl<'t> Fields<'t> {
    /// The first entry with one of these names (snake_case and camelCase spellings).
    pub fn get(&self, names: &[&str]) -> Field<'t> {
        if let Some((_, value)) = self
            .entries
            .iter()
            .rev()
            .find(|(name, _)| names.contains(&name.as_str()))
        {
            return Field::Given(*value);
        }
        match self.hidden {
            Some(splat) => Field::Hidden(splat),
            None => Field::Absent,
        }
    }

    /// Adds the entries of another object (a resource's `args`) after these.
    pub fn extend(&mut self, other: Fields<'t>) {
        let mut entries = other.entries;
        entries.append(&mut self.entries);
        self.entries = entries;
        self.hidden = self.hidden.or(other.hidden);
    }

    pub fn hide(&mut self, by: At<'t>) {
        self.hidden.get_or_insert(by);
    }
}

/// The arguments of a call: positional ones, and the keyword ones.
pub struct Arguments<'t> {
    pub positional: Vec<At<'t>>,
    pub keywords: Fields<'t>,
}

impl<'t> Program<'t> {
    pub fn arguments(&self, call: At<'t>) -> Arguments<'t> {
        let mut arguments = Arguments {
            positional: Vec::new(),
            keywords: Fields::default(),
        };
        let Some(list) = call.field("arguments") else {
            return arguments;
        };
        for argument in list.children() {
            match argument.node.kind() {
                "keyword_argument" => {
                    if let (Some(name), Some(value)) =
                        (argument.field("name"), argument.field("value"))
                    {
                        arguments
                            .keywords
                            .entries
                            .push((self.text(name).to_owned(), value));
                    }
                }
                "dictionary_splat" => arguments.keywords.hide(argument),
                // After `*args`, positions are unknown: nothing positional is read.
                "list_splat" => {
                    arguments.keywords.hide(argument);
                    arguments.positional.clear();
                    break;
                }
                _ => arguments.positional.push(argument),
            }
        }
        arguments
    }

    /// What an SDK call makes, when the callee is an SDK name.
    pub fn class_of(&self, call: At<'t>) -> Option<Class> {
        let callee = self.follow(call.field("function")?).ok()?;
        match callee.meaning {
            Meaning::Sdk { package, path } => Class::of(package, &path),
            _ => None,
        }
    }

    /// A call to one of these classes, after following names.
    pub fn call_of(&self, reached: &Reached<'t>, wanted: impl Fn(Class) -> bool) -> Option<At<'t>> {
        let call = reached.expr("call")?;
        self.class_of(call).filter(|class| wanted(*class))?;
        Some(call)
    }

    /// The entries of an object written as a dictionary, `dict(…)` or an SDK input type
    /// (`ReplicationSetRegionArgs(…)`), and the node that holds them.
    pub fn fields(&self, at: At<'t>) -> Result<(Fields<'t>, At<'t>), String> {
        let reached = self.follow(at)?;
        if let Some(dictionary) = reached.expr("dictionary") {
            let mut fields = Fields::default();
            for entry in dictionary.children() {
                match (entry.node.kind(), entry.field("key"), entry.field("value")) {
                    ("pair", Some(key), Some(value)) => match self.text_value(key) {
                        Ok((key, _)) => fields.entries.push((key, value)),
                        Err(_) => fields.hide(key),
                    },
                    _ => fields.hide(entry),
                }
            }
            return Ok((fields, dictionary));
        }
        if let Some(call) = reached.expr("call") {
            let is_dict = call
                .field("function")
                .is_some_and(|function| self.text(function) == "dict");
            if is_dict || self.class_of(call) == Some(Class::Args) {
                let arguments = self.arguments(call);
                let mut fields = arguments.keywords;
                if let Some(first) = arguments.positional.first() {
                    fields.hide(*first);
                }
                return Ok((fields, call));
            }
        }
        Err(self.describe(&reached))
    }

    /// The elements of a list or tuple, and the node that holds them.
    pub fn elements(&self, at: At<'t>) -> Result<(Vec<At<'t>>, At<'t>), String> {
        let reached = self.follow(at)?;
        let sequence = reached
            .expr("list")
            .or_else(|| reached.expr("tuple"))
            .ok_or_else(|| self.describe(&reached))?;
        let elements = sequence.children();
        if elements
            .iter()
            .any(|e| matches!(e.node.kind(), "list_splat" | "parenthesized_list_splat"))
        {
            return Err("a list with `*` elements".to_owned());
        }
        Ok((elements, sequence))
    }

    pub fn is_none(&self, at: At<'t>) -> bool {
        self.follow(at)
            .is_ok_and(|reached| reached.expr("none").is_some())
    }

    pub fn string(&self, at: At<'t>) -> Value<String> {
        value_of(at.span(), self.text_value(at))
    }

    pub fn boolean(&self, at: At<'t>) -> Value<bool> {
        let resolution = self.follow(at).and_then(|reached| {
            let value = match reached.at.node.kind() {
                _ if reached.meaning != Meaning::Expr => return Err(self.describe(&reached)),
                "true" => true,
                "false" => false,
                _ => return Err(self.describe(&reached)),
            };
            Ok((value, reached.definition()))
        });
        value_of(at.span(), resolution)
    }

    /// A string: a literal (an f-string without expressions too), literals joined by
    /// juxtaposition or `+`, or a member of the SDK's `Region` enum.
    pub fn text_value(&self, at: At<'t>) -> Resolution<String> {
        self.text_at(at, 0)
    }

    pub fn text_of(&self, reached: &Reached<'t>) -> Resolution<String> {
        self.text_reached(reached, 0, MAX_TEXT)
    }

    /// The text of a key policy written as a JSON string, which may be longer than other strings
    /// (its parts may not).
    pub fn document_text(&self, reached: &Reached<'t>) -> Resolution<String> {
        self.text_reached(reached, 0, MAX_DOCUMENT)
    }

    fn text_at(&self, at: At<'t>, depth: usize) -> Resolution<String> {
        let reached = self.follow(at)?;
        self.text_reached(&reached, depth, MAX_TEXT)
    }

    fn text_reached(
        &self,
        reached: &Reached<'t>,
        depth: usize,
        limit: usize,
    ) -> Resolution<String> {
        if depth > MAX_DEPTH {
            return Err(format!("a string built more than {MAX_DEPTH} deep"));
        }
        let definition = reached.definition();
        if let Meaning::Sdk { package, path } = &reached.meaning {
            return match region_enum_member(*package, path) {
                Some(region) => Ok((region, definition)),
                None => Err(self.describe(reached)),
            };
        }
        let at = reached.at;
        match at.node.kind() {
            _ if reached.meaning != Meaning::Expr => Err(self.describe(reached)),
            "string" => Ok((self.string_literal(at)?, definition)),
            "concatenated_string" => {
                let mut text = String::new();
                for part in at.children() {
                    text.push_str(&self.string_literal(part)?);
                }
                Ok((text, definition))
            }
            "binary_operator" if self.is_concatenation(at) => {
                let (text, via_parts) = if limit == MAX_TEXT {
                    self.evaluated.texts.get(
                        at.key(),
                        || self.concatenation(at, depth, limit),
                        || Err("a string that includes itself (a cycle)".to_owned()),
                    )?
                } else {
                    self.concatenation(at, depth, limit)?
                };
                Ok((text, (definition.is_some() || via_parts).then(|| at.span())))
            }
            _ => Err(self.describe(reached)),
        }
    }

    /// The text of `left + right` from the texts of its sides, and whether one of them came from
    /// a reference.
    fn concatenation(
        &self,
        at: At<'t>,
        depth: usize,
        limit: usize,
    ) -> Result<(String, bool), String> {
        if depth > MAX_DEPTH {
            return Err(format!("a string built more than {MAX_DEPTH} deep"));
        }
        let mut text = String::new();
        let mut via_reference = false;
        for side in ["left", "right"] {
            let side = at
                .field(side)
                .ok_or_else(|| "an incomplete operation".to_owned())?;
            // A document's `+` chain (`'{"Statement": [' + statements + ']}'`) has the
            // document's limit throughout; what it refers to has the usual one.
            let side = if limit > MAX_TEXT && self.is_concatenation(side) {
                let (side, via_side) = self.concatenation(side, depth + 1, limit)?;
                via_reference |= via_side;
                side
            } else {
                let (side, definition) = self.text_at(side, depth + 1)?;
                via_reference |= definition.is_some();
                side
            };
            self.budget.push(&mut text, &side, limit)?;
        }
        Ok((text, via_reference))
    }

    /// Whether an expression is a `+`.
    fn is_concatenation(&self, at: At<'t>) -> bool {
        at.node.kind() == "binary_operator"
            && at
                .field("operator")
                .is_some_and(|operator| self.text(operator) == "+")
    }

    /// Whether an expression is a string, though perhaps not a known one (an f-string with
    /// expressions, a concatenation).
    pub fn is_string(&self, reached: &Reached<'t>) -> bool {
        let mut reached = reached.clone();
        for _ in 0..MAX_DEPTH {
            if reached.meaning != Meaning::Expr {
                return false;
            }
            match reached.at.node.kind() {
                "string" | "concatenated_string" => return true,
                // A `+` whose left side is a string makes a string.
                "binary_operator" => match reached.at.field("left").map(|left| self.follow(left)) {
                    Some(Ok(left)) => reached = left,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    fn string_literal(&self, at: At<'t>) -> Result<String, String> {
        let mut prefix = "";
        let mut text = String::new();
        for part in at.children() {
            match part.node.kind() {
                "string_start" => prefix = self.text(part),
                "string_content" => text.push_str(self.text(part)),
                "interpolation" => return Err("an f-string with expressions".to_owned()),
                _ => {}
            }
        }
        let flags = prefix.trim_end_matches(['"', '\'']).to_ascii_lowercase();
        let formatted = flags.contains('f') || flags.contains('t');
        if flags.contains('r') {
            return Ok(if formatted {
                unescape_braces(&text)
            } else {
                text
            });
        }
        let text = unescape(&text);
        Ok(if formatted {
            unescape_braces(&text)
        } else {
            text
        })
    }

    /// A short noun phrase for a value that cannot be known.
    pub fn describe(&self, reached: &Reached<'t>) -> String {
        let at = reached.at;
        match &reached.meaning {
            Meaning::Sdk { package, path } => {
                return format!("`{}.{}`", package.module(), path.join("."));
            }
            Meaning::Module(_) => return format!("the module `{}`", self.text(at)),
            Meaning::Expr => {}
        }
        let phrase = match at.node.kind() {
            "call" => {
                let function = at.field("function").map_or("", |f| self.text(f));
                return format!("the result of `{}()`", shorten(function));
            }
            "attribute" | "subscript" => return format!("`{}`", shorten(self.text(at))),
            "string" => "an f-string with expressions",
            "none" => "`None`",
            "true" | "false" => "a boolean",
            "integer" | "float" => "a number",
            "list" | "tuple" => "a list",
            "dictionary" => "a dictionary",
            "list_comprehension" | "generator_expression" => "a comprehension",
            "dictionary_comprehension" | "set_comprehension" => "a comprehension",
            "conditional_expression" => "a conditional expression",
            "boolean_operator" => "an `and`/`or` expression",
            "binary_operator" | "unary_operator" | "comparison_operator" | "not_operator" => {
                "an operation"
            }
            "lambda" => "a lambda",
            "await" => "an awaited value",
            _ => return format!("`{}`", shorten(self.text(at))),
        };
        phrase.to_owned()
    }
}

/// Source text short enough for a message.
pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= LIMIT && line.len() == text.len() {
        return line.to_owned();
    }
    let mut short: String = line.chars().take(LIMIT).collect();
    short.push('…');
    short
}

/// Decodes the escape sequences of a Python string literal.
fn unescape(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            decoded.push(c);
            continue;
        }
        let Some(escaped) = chars.next() else {
            decoded.push('\\');
            break;
        };
        let simple = match escaped {
            '\n' => Some(None),
            '\\' | '\'' | '"' => Some(Some(escaped)),
            'n' => Some(Some('\n')),
            't' => Some(Some('\t')),
            'r' => Some(Some('\r')),
            'a' => Some(Some('\u{7}')),
            'b' => Some(Some('\u{8}')),
            'f' => Some(Some('\u{c}')),
            'v' => Some(Some('\u{b}')),
            _ => None,
        };
        if let Some(simple) = simple {
            decoded.extend(simple);
            continue;
        }
        let digits = match escaped {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        let code: String = (0..digits).filter_map(|_| chars.next()).collect();
        match u32::from_str_radix(&code, 16).ok().and_then(char::from_u32) {
            Some(decoded_char) if code.len() == digits && digits > 0 => decoded.push(decoded_char),
            // Anything else (an octal or named escape, an unknown one) is kept as written.
            _ => {
                decoded.push('\\');
                decoded.push(escaped);
                decoded.push_str(&code);
            }
        }
    }
    decoded
}

/// `{{` and `}}` in an f-string stand for single braces.
fn unescape_braces(text: &str) -> String {
    text.replace("{{", "{").replace("}}", "}")
}
