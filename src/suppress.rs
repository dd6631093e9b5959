//! Suppressions written in the source, and the findings they take out of the reports.
//!
//! A suppression comment is `# irlint: ignore[IRL004] reason` or `// irlint: ignore[IRL004]
//! reason`, with one or more rule ids or names between the brackets (`ignore[IRL004,IRL001]`). It
//! is found by scanning the lines of every file, whatever its format, for a comment that starts
//! with `irlint:`: after `#` in YAML (where `#` starts a comment only at the start of a line or
//! after a space), HCL and Python, after `//` in HCL, TypeScript and JavaScript, outside the
//! quoted strings the line scan sees. A string or comment that spans lines (a heredoc, a Python
//! triple-quoted string, a template literal, a block comment) is not followed, so a marker inside
//! one is taken for a comment when its line looks like one.
//!
//! A comment after code applies to its own line; a comment alone on its line applies to the next
//! line that is not a comment (so that several can be stacked). It suppresses the findings of its
//! rules on that line, and every finding of a resource declared by the statement that starts on
//! that line: a replication set or key whose declaration lies on the line, or on the lines up to
//! where the brackets opened on it close (in HCL, Python and TypeScript). A finding belongs to the
//! nearest declaration at or before it in its file.
//!
//! CloudFormation JSON has no comments: a resource's `Metadata: { irlint: { ignore: [ { rule,
//! reason } ] } }`, read by the front-end into [`Unit::suppressions`], covers the resource's
//! findings the same way (in YAML templates too).

use std::path::Path;

use crate::finding::Finding;
use crate::model::Unit;
use crate::rule_meta::RuleMeta;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::subject::Subjects;

/// How a suppression is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A comment `irlint: ignore[…]`.
    Comment,
    /// An entry of a CloudFormation resource's `Metadata.irlint.ignore`.
    Metadata,
}

/// What naming a rule in a suppression did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// It suppressed at least one finding.
    Suppressed,
    /// The rule ran on the file and found nothing the suppression covers (the state of every
    /// known rule until a finding is matched).
    Unused,
    /// The rule did not run on the file (the configuration turns it off there, a change rule
    /// without `--base`, a unit that could not be parsed whole): whether it is used is unknown.
    NotChecked,
    /// The name is no rule's.
    UnknownRule,
    /// A rule about suppressions, whose findings cannot be suppressed in the source.
    SuppressionRule,
}

/// A rule as a suppression names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRule {
    /// The id or name as written.
    pub name: String,
    pub span: Span,
    /// The rule it names, if any.
    pub rule: Option<&'static RuleMeta>,
    pub effect: Effect,
}

/// What a suppression covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// A comment: the findings on 0-based `line` of `file`, and those of the resources declared
    /// on lines `line..=last` (the statement that starts on `line`).
    Lines {
        file: FileId,
        line: usize,
        last: usize,
    },
    /// The findings of the resource declared at this span.
    Resource(Span),
}

/// A suppression written in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub form: Form,
    /// The comment from its marker to the end of its line, or the metadata entry.
    pub span: Span,
    /// The rules it names; none when it could not be read.
    pub rules: Vec<NamedRule>,
    pub reason: Option<String>,
    scope: Scope,
}

/// A finding that a suppression took out of the reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub finding: Finding,
    /// The suppression's reason, when it gives one.
    pub reason: Option<String>,
}

/// The findings once suppressions are applied.
#[derive(Debug, Default)]
pub struct Applied {
    /// The findings no suppression covers.
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    /// The suppressions, each rule they name with what naming it did: what the rules about
    /// suppressions check.
    pub suppressions: Vec<Suppression>,
}

/// What the rule catalogue says a rule name written in a suppression stands for: the rule, if
/// any, and what naming it does before any finding is matched ([`Effect::Unused`],
/// [`Effect::UnknownRule`] or [`Effect::SuppressionRule`]). It is passed in because the
/// catalogue's rules check suppressions, so the catalogue builds on this module, not under it.
pub type ResolveName<'a> = &'a dyn Fn(&str) -> (Option<&'static RuleMeta>, Effect);

/// Finds the suppressions of `files` (comments) and `units` (declared in the model), takes the
/// findings they cover out of `findings` (a finding lies in the resource `subjects` finds it
/// declared in), the rule names they write resolved by `resolve`. `ran` says whether a rule ran
/// on a file, so that a suppression of a rule that did not is not called unused.
pub fn apply(
    sources: &Sources,
    files: &[FileId],
    units: &[&Unit],
    subjects: &Subjects,
    findings: Vec<Finding>,
    resolve: ResolveName,
    ran: impl Fn(&'static RuleMeta, FileId) -> bool,
) -> Applied {
    let mut suppressions: Vec<Suppression> = files
        .iter()
        .flat_map(|&file| comments(file, sources.get(file), resolve))
        .chain(units.iter().flat_map(|unit| declared(unit, resolve)))
        .collect();
    if suppressions.is_empty() {
        return Applied {
            findings,
            ..Applied::default()
        };
    }
    let mut applied = Applied::default();
    for finding in findings {
        let file = sources.get(finding.span.file);
        let resource = subjects.declaration_before(finding.span);
        let line = file.line_index(finding.span.start);
        let resource_line = resource.map(|resource| file.line_index(resource.start));
        // Set by the first suppression that covers the finding, to that suppression's reason;
        // every suppression that covers it is used.
        let mut suppressed_because: Option<Option<String>> = None;
        for suppression in &mut suppressions {
            if !suppression.covers(finding.span.file, line, resource, resource_line) {
                continue;
            }
            for rule in &mut suppression.rules {
                if rule.rule == Some(finding.rule)
                    && matches!(rule.effect, Effect::Unused | Effect::Suppressed)
                {
                    rule.effect = Effect::Suppressed;
                    suppressed_because.get_or_insert_with(|| suppression.reason.clone());
                }
            }
        }
        match suppressed_because {
            Some(reason) => applied.suppressed.push(Suppressed { finding, reason }),
            None => applied.findings.push(finding),
        }
    }
    for suppression in &mut suppressions {
        for rule in &mut suppression.rules {
            if rule.effect == Effect::Unused
                && rule
                    .rule
                    .is_some_and(|meta| !ran(meta, suppression.span.file))
            {
                rule.effect = Effect::NotChecked;
            }
        }
    }
    applied.suppressions = suppressions;
    applied
}

impl Suppression {
    /// Whether it covers a finding on `line` of `file`, in the resource declared at `resource`
    /// (on `resource_line`).
    fn covers(
        &self,
        file: FileId,
        line: usize,
        resource: Option<Span>,
        resource_line: Option<usize>,
    ) -> bool {
        match self.scope {
            Scope::Lines {
                file: own,
                line: first,
                last,
            } => {
                own == file
                    && (line == first
                        || resource_line.is_some_and(|declared| (first..=last).contains(&declared)))
            }
            Scope::Resource(own) => resource == Some(own),
        }
    }
}

/// A rule a suppression names, with what it resolves to before any finding is matched.
fn named(name: &str, span: Span, resolve: ResolveName) -> NamedRule {
    let (rule, effect) = resolve(name);
    NamedRule {
        name: name.to_owned(),
        span,
        rule,
        effect,
    }
}

/// The suppressions a unit declares in its format's syntax.
fn declared(unit: &Unit, resolve: ResolveName) -> Vec<Suppression> {
    unit.suppressions
        .iter()
        .map(|declared| Suppression {
            form: Form::Metadata,
            span: declared.span,
            rules: declared
                .rule
                .iter()
                .filter_map(|rule| Some(named(rule.known()?, rule.span, resolve)))
                .collect(),
            reason: declared.reason.clone(),
            scope: Scope::Resource(declared.resource),
        })
        .collect()
}

/// The comment syntax of a file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Language {
    /// YAML, and JSON, which has no comments and holds no `#` outside its strings.
    Yaml,
    Hcl,
    Python,
    /// TypeScript, JavaScript, Go, C# and Java: `//` comments.
    Script,
}

impl Language {
    fn of(path: &Path) -> Language {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match extension.as_str() {
            "tf" | "tfvars" | "hcl" => Language::Hcl,
            "py" => Language::Python,
            "ts" | "mts" | "cts" | "js" | "mjs" | "cjs" | "go" | "cs" | "java" => Language::Script,
            _ => Language::Yaml,
        }
    }

    /// The length of the comment marker at `index`, if a comment starts there (outside strings).
    fn comment_at(self, bytes: &[u8], index: usize) -> Option<usize> {
        let next = bytes.get(index + 1).copied();
        match (self, bytes[index]) {
            (Language::Yaml, b'#') => {
                (index == 0 || bytes[index - 1].is_ascii_whitespace()).then_some(1)
            }
            (Language::Hcl | Language::Python, b'#') => Some(1),
            (Language::Hcl | Language::Script, b'/') if next == Some(b'/') => Some(2),
            _ => None,
        }
    }

    /// Whether the quote at `index` opens a string. A YAML scalar is quoted only when the quote
    /// begins it, so that the apostrophe of `it's` opens nothing (JSON's `"key":"value"` too).
    fn opens_string(self, bytes: &[u8], index: usize) -> bool {
        match (self, bytes[index]) {
            (Language::Yaml, b'"' | b'\'') => {
                index == 0
                    || bytes[index - 1].is_ascii_whitespace()
                    || b"[{,:".contains(&bytes[index - 1])
            }
            (Language::Hcl, b'"') => true,
            (Language::Python, b'"' | b'\'') => true,
            (Language::Script, b'"' | b'\'' | b'`') => true,
            _ => false,
        }
    }

    /// Whether a backslash escapes the next character in a string opened by `quote`.
    fn escapes(self, quote: u8) -> bool {
        self != Language::Yaml || quote == b'"'
    }
}

/// What a line scan sees on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Line {
    /// Whether code precedes the comment (or fills the line).
    code: bool,
    /// Where a comment starts, and the length of its marker.
    comment: Option<(usize, usize)>,
    /// Brackets opened minus brackets closed, outside strings and comments.
    depth: i32,
}

fn scan_line(language: Language, text: &str) -> Line {
    let bytes = text.as_bytes();
    let mut line = Line::default();
    let mut quote = None;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if let Some(open) = quote {
            if byte == b'\\' && language.escapes(open) {
                index += 1;
            } else if byte == open {
                quote = None;
            }
            index += 1;
            continue;
        }
        if let Some(marker) = language.comment_at(bytes, index) {
            line.comment = Some((index, marker));
            return line;
        }
        match byte {
            b'(' | b'[' | b'{' => line.depth += 1,
            b')' | b']' | b'}' => line.depth -= 1,
            _ if language.opens_string(bytes, index) => quote = Some(byte),
            _ => {}
        }
        line.code |= !byte.is_ascii_whitespace();
        index += 1;
    }
    line
}

/// The suppression comments of a file.
fn comments(file: FileId, source: &SourceFile, resolve: ResolveName) -> Vec<Suppression> {
    const MARKER: &str = "irlint:";
    if memchr::memmem::find(source.text.as_bytes(), MARKER.as_bytes()).is_none() {
        return Vec::new();
    }
    let language = Language::of(&source.path);
    let ranges: Vec<std::ops::Range<usize>> = (0..source.line_starts().len())
        .filter_map(|line| source.line_range(line))
        .collect();
    let lines: Vec<Line> = ranges
        .iter()
        .map(|range| scan_line(language, &source.text[range.clone()]))
        .collect();
    let mut suppressions = Vec::new();
    for (index, (range, line)) in ranges.iter().zip(&lines).enumerate() {
        let Some((start, marker)) = line.comment else {
            continue;
        };
        let comment_start = range.start + start;
        let body_start = comment_start + marker;
        let body = &source.text[body_start..range.end];
        let Some(parsed) = parse_comment(body, body_start, file, resolve) else {
            continue;
        };
        let target = if line.code {
            index
        } else {
            (index + 1..lines.len())
                .find(|&next| lines[next].code || lines[next].comment.is_none())
                .unwrap_or(lines.len())
        };
        suppressions.push(Suppression {
            form: Form::Comment,
            span: Span::new(file, comment_start, range.end - trailing_space(body)),
            rules: parsed.rules,
            reason: parsed.reason,
            scope: Scope::Lines {
                file,
                line: target,
                last: statement_end(language, &lines, target),
            },
        });
    }
    suppressions
}

/// The first line of a file (0-based), from line `from` on, that is not a comment alone on its
/// line; the line past the last when there is none. A suppression comment written just before
/// `from` applies to it: where a finding about something no longer in the file points.
pub fn statement_line_from(source: &SourceFile, from: usize) -> usize {
    let language = Language::of(&source.path);
    let lines = source.line_starts().len();
    (from..lines)
        .find(|&line| {
            source.line_range(line).is_none_or(|range| {
                let scanned = scan_line(language, &source.text[range]);
                scanned.code || scanned.comment.is_none()
            })
        })
        .unwrap_or(lines)
}

fn trailing_space(text: &str) -> usize {
    text.len() - text.trim_end().len()
}

/// The last line of the statement that starts on line `first`: where the brackets it opens
/// close. YAML has no brackets to follow (its blocks are indented), so its statements are lines.
fn statement_end(language: Language, lines: &[Line], first: usize) -> usize {
    if language == Language::Yaml {
        return first;
    }
    let mut depth = 0;
    for (index, line) in lines.iter().enumerate().skip(first) {
        depth += line.depth;
        if depth <= 0 {
            return index;
        }
    }
    lines.len().saturating_sub(1)
}

/// A suppression comment's rules and reason.
struct Parsed {
    rules: Vec<NamedRule>,
    reason: Option<String>,
}

/// Reads the text of a comment (after its marker, at byte `offset` of the file): `None` when it
/// is no `irlint:` comment, no rules when it is one that cannot be read.
fn parse_comment(body: &str, offset: usize, file: FileId, resolve: ResolveName) -> Option<Parsed> {
    let directive = body.trim_start().strip_prefix("irlint:")?;
    let unreadable = Parsed {
        rules: Vec::new(),
        reason: None,
    };
    let Some(list) = directive
        .trim_start()
        .strip_prefix("ignore")
        .and_then(|rest| rest.trim_start().strip_prefix('['))
    else {
        return Some(unreadable);
    };
    let Some((names, reason)) = list.split_once(']') else {
        return Some(unreadable);
    };
    let names_offset = offset + (body.len() - list.len());
    let mut rules = Vec::new();
    let mut start = 0;
    for name in names.split(',') {
        let trimmed = name.trim();
        if !trimmed.is_empty() {
            let at = names_offset + start + (name.len() - name.trim_start().len());
            rules.push(named(
                trimmed,
                Span::new(file, at, at + trimmed.len()),
                resolve,
            ));
        }
        start += name.len() + 1;
    }
    let reason = reason.trim();
    Some(Parsed {
        rules,
        reason: (!reason.is_empty()).then(|| reason.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::rules;

    fn source(name: &str, text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from(name), text.to_owned())
    }

    /// `line:first-last rules | reason` of each suppression comment (1-based lines), each rule
    /// as `NAME@text`.
    fn found(name: &str, text: &str) -> Vec<String> {
        let file = source(name, text);
        comments(FileId(0), &file, &rules::named_in_suppression)
            .iter()
            .map(|suppression| {
                let Scope::Lines { line, last, .. } = suppression.scope else {
                    panic!("comments cover lines");
                };
                let rules: Vec<String> = suppression
                    .rules
                    .iter()
                    .map(|rule| {
                        assert_eq!(&file.text[rule.span.start..rule.span.end], rule.name);
                        rule.name.clone()
                    })
                    .collect();
                format!(
                    "{}-{} {} | {}",
                    line + 1,
                    last + 1,
                    rules.join(","),
                    suppression.reason.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    /// A comment alone on the line before the line `statement_line_from` finds applies to it.
    #[test]
    fn the_statement_line_is_the_one_a_comment_above_it_covers() {
        let text = "# license\n// not a comment in YAML\n\nkey: value\n";
        let file = source("t.yaml", text);
        assert_eq!(statement_line_from(&file, 0), 1);
        let script = source("index.ts", "// license\n// more\nconst x = 1;\n");
        assert_eq!(statement_line_from(&script, 0), 2);
        assert_eq!(statement_line_from(&script, 2), 2);
        let commented = "// irlint: ignore[IRL016] gone\n// license\nconst x = 1;\n";
        let [suppression] = found("index.ts", commented)
            .try_into()
            .expect("one suppression");
        let covered = statement_line_from(&source("index.ts", commented), 0);
        assert!(
            suppression.starts_with(&format!("{}-", covered + 1)),
            "{suppression}"
        );
        // A file of comments only: the empty line after its last line break, or the line past
        // its last line.
        assert_eq!(statement_line_from(&source("main.tf", "# only\n"), 0), 1);
        assert_eq!(statement_line_from(&source("main.tf", "# only"), 0), 1);
    }

    #[test]
    fn yaml_comments_start_after_a_space_outside_quoted_scalars() {
        let text = "\
a: 1 # irlint: ignore[IRL004] trailing
# irlint: ignore[ IRL001 , key-region-mismatch ]   spaced out  
b: \"# irlint: ignore[IRL004] in a string\"
c: it's#not # irlint: ignore[IRL003] after an apostrophe
d: x#irlint: ignore[IRL003] no space before the hash
";
        assert_eq!(
            found("t.yaml", text),
            [
                "1-1 IRL004 | trailing",
                "3-3 IRL001,key-region-mismatch | spaced out",
                "4-4 IRL003 | after an apostrophe",
            ]
        );
    }

    #[test]
    fn json_has_no_comments_even_without_spaces() {
        assert!(
            found(
                "template.json",
                "{\"Description\":\"a # irlint: ignore[IRL004] b\",\"x\": [\"# irlint: ignore[IRL001]\"]}\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn stacked_comments_apply_to_the_next_line_of_code() {
        let text = "\
# irlint: ignore[IRL004] one
# an ordinary comment
# irlint: ignore[IRL001] two
Set:
# irlint: ignore[IRL005] before a blank line

Other:
";
        assert_eq!(
            found("t.yaml", text),
            [
                "4-4 IRL004 | one",
                "4-4 IRL001 | two",
                "6-6 IRL005 | before a blank line"
            ]
        );
    }

    #[test]
    fn hcl_takes_both_markers_and_follows_the_block() {
        let text = "\
// irlint: ignore[IRL004] a block
resource \"aws_ssmincidents_replication_set\" \"main\" {
  regions {
    name = \"us-east-1 # irlint: ignore[IRL001] in a string\" # irlint: ignore[IRL003] after
  }
}
";
        assert_eq!(
            found("main.tf", text),
            ["2-6 IRL004 | a block", "4-4 IRL003 | after"]
        );
    }

    #[test]
    fn scripts_and_python_follow_open_brackets() {
        let ts = "\
// irlint: ignore[IRL004] the statement
export const set = new aws.ssmincidents.ReplicationSet(
    \"incidents\", { regions: [{ name: `// irlint: ignore[IRL001]` }] },
); // irlint: ignore[IRL003] last line
# irlint: ignore[IRL005] not a comment in TypeScript
";
        assert_eq!(
            found("index.ts", ts),
            ["2-4 IRL004 | the statement", "4-4 IRL003 | last line"]
        );
        let py = "\
# irlint: ignore[IRL004] call
aws.ssmincidents.ReplicationSet(
    \"set\", regions=[{'name': 'a#b'}],  # irlint: ignore[IRL001] inside
)
x = 1  // irlint: ignore[IRL003] not a comment in Python
";
        assert_eq!(
            found("__main__.py", py),
            ["2-4 IRL004 | call", "3-3 IRL001 | inside"]
        );
    }

    #[test]
    fn unreadable_comments_name_no_rule() {
        assert_eq!(
            found(
                "t.yaml",
                "# irlint: ignore IRL004 no brackets\n# irlint: ignore[IRL004 unclosed\n# irlint: disable[IRL004]\n# irlint: ignore[] empty\n"
            ),
            ["5-5  | -", "5-5  | -", "5-5  | -", "5-5  | empty"]
        );
        assert!(found("t.yaml", "# irlint ignore[IRL004] no colon\n# IRLINT: x\n").is_empty());
    }
}
