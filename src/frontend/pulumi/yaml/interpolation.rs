//! Pulumi YAML's string syntax: text with `${…}` property accesses, `$$` standing for `$`.
//!
//! An access is a root name (a resource, variable or configuration key, which may hold `-` and
//! `:`) followed by `.name`, `["quoted name"]` and `[index]` steps.

use std::fmt;

/// A piece of a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Access(Access),
}

/// `${root.path[0]}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub root: String,
    pub path: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Property(String),
    Index(usize),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Step::Property(name) => write!(f, ".{name}"),
            Step::Index(index) => write!(f, "[{index}]"),
        }
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.root)?;
        self.path.iter().try_for_each(|step| step.fmt(f))
    }
}

/// Splits a string into its text and its accesses. An access that Pulumi could not parse is an
/// error, with a phrase saying what is wrong.
pub fn parse(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        literal.push_str(&rest[..dollar]);
        rest = &rest[dollar..];
        if let Some(after) = rest.strip_prefix("$$") {
            literal.push('$');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("${") {
            let (access, after) = parse_access(after)?;
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(Part::Access(access));
            rest = after;
        } else {
            literal.push('$');
            rest = &rest[1..];
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(Part::Text(literal));
    }
    Ok(parts)
}

/// The access of a string that is nothing but one `${…}`, which Pulumi reads as the value
/// referred to itself (a list stays a list) rather than as text.
pub fn symbol(text: &str) -> Option<Access> {
    let mut parts = parse(text).ok()?;
    match (parts.pop(), parts.is_empty()) {
        (Some(Part::Access(access)), true) => Some(access),
        _ => None,
    }
}

/// An access up to its closing `}`, and the text after it.
fn parse_access(text: &str) -> Result<(Access, &str), String> {
    let mut steps = Vec::new();
    let mut rest = text;
    loop {
        let Some(first) = rest.chars().next() else {
            return Err("an unterminated `${`".to_owned());
        };
        match first {
            '}' => {
                rest = &rest[1..];
                break;
            }
            '.' => rest = &rest[1..],
            '[' => {
                let (step, after) = parse_subscript(&rest[1..])?;
                if steps.is_empty() && matches!(step, Step::Index(_)) {
                    return Err("an access that starts with a list index".to_owned());
                }
                steps.push(step);
                rest = after;
            }
            _ => {
                let end = rest.find(['.', '[', '}']).unwrap_or(rest.len());
                steps.push(Step::Property(rest[..end].to_owned()));
                rest = &rest[end..];
            }
        }
    }
    let mut steps = steps.into_iter();
    let Some(Step::Property(root)) = steps.next() else {
        return Err("an empty `${}`".to_owned());
    };
    Ok((
        Access {
            root,
            path: steps.collect(),
        },
        rest,
    ))
}

/// `"name"]` or `12]`, after the opening bracket.
fn parse_subscript(text: &str) -> Result<(Step, &str), String> {
    let Some(quoted) = text.strip_prefix('"') else {
        let close = text.find(']').ok_or("a list index without `]`")?;
        let index = text[..close]
            .parse()
            .map_err(|_| format!("`{}` is no list index", &text[..close]))?;
        return Ok((Step::Index(index), &text[close + 1..]));
    };
    let mut name = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let after = quoted[at + 1..]
                    .strip_prefix(']')
                    .ok_or("a quoted name without `]`")?;
                return Ok((Step::Property(name), after));
            }
            '\\' if quoted[at + 1..].starts_with('"') => {
                name.push('"');
                chars.next();
            }
            c => name.push(c),
        }
    }
    Err("a quoted name without its closing quote".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(root: &str, path: Vec<Step>) -> Part {
        Part::Access(Access {
            root: root.to_owned(),
            path,
        })
    }

    fn text(text: &str) -> Part {
        Part::Text(text.to_owned())
    }

    #[test]
    fn text_and_accesses_alternate() {
        assert_eq!(parse("plain"), Ok(vec![text("plain")]));
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(
            parse("arn:aws:kms:${region}:${account.id}:key/x"),
            Ok(vec![
                text("arn:aws:kms:"),
                access("region", vec![]),
                text(":"),
                access("account", vec![Step::Property("id".to_owned())]),
                text(":key/x"),
            ])
        );
    }

    #[test]
    fn dollars_escape_and_stand_alone() {
        assert_eq!(parse("$${x} costs $5"), Ok(vec![text("${x} costs $5")]));
        assert_eq!(parse("$$$${x}"), Ok(vec![text("$${x}")]));
        assert_eq!(parse("$$${x}"), Ok(vec![text("$"), access("x", vec![])]));
        assert_eq!(parse("ends in $"), Ok(vec![text("ends in $")]));
    }

    #[test]
    fn accesses_take_names_subscripts_and_indexes() {
        assert_eq!(
            parse(r#"${my-key.arn}${aws:region}${a["b.c"][2].d}${["x \"y\""]}"#),
            Ok(vec![
                access("my-key", vec![Step::Property("arn".to_owned())]),
                access("aws:region", vec![]),
                access(
                    "a",
                    vec![
                        Step::Property("b.c".to_owned()),
                        Step::Index(2),
                        Step::Property("d".to_owned()),
                    ]
                ),
                access("x \"y\"", vec![]),
            ])
        );
        let access = symbol("${regions[1].name}").expect("a symbol");
        assert_eq!(access.to_string(), "regions[1].name");
    }

    #[test]
    fn only_a_lone_access_is_a_symbol() {
        assert!(symbol("${x}").is_some());
        for text in ["${x}${y}", "a${x}", "${x} ", "x", "$${x}", "${x"] {
            assert!(symbol(text).is_none(), "{text}");
        }
    }

    #[test]
    fn malformed_accesses_are_errors() {
        for text in [
            "${x",
            "${}",
            "${[0]}",
            "${a[x]}",
            "${a[1}",
            r#"${a["b}"#,
            r#"${a["b"}"#,
            "${ü.",
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
    }
}
