//! GitHub Actions workflow commands: one annotation per finding and input error, for runs that
//! do not upload SARIF to code scanning.
//!
//! ```text
//! ::error file=infra/main.tf,line=10,col=35,endLine=10,endColumn=60,title=IRL005 key-region-mismatch::the key of region us-west-2 is in us-east-1: …%0Ahelp: …
//! ```
//!
//! GitHub reads a command only when it is a whole line, so every value is escaped onto one line
//! the way the Actions toolkit does it: `%`, CR and LF in the message, and `:` and `,` as well in
//! the properties, where they would end a value. Before that, every text from the input is made
//! [`printable`]: the only line breaks left are those between the message's own lines, and no
//! control character reaches the log.

use std::io::Write;

use super::summary::Summary;
use super::{Located, UncheckedNotes, locate, text};
use crate::finding::Finding;
use crate::input_error::InputError;
use crate::outcome::Outcome;
use crate::printable::printable;
use crate::rule_meta::Level;
use crate::source::{Sources, Span};

/// Writes one workflow command per finding and input error, then the summary line, which GitHub
/// shows as plain log text. Checks that could not be made are counted there, not annotated: an
/// annotation for each unknown value would bury the findings.
pub fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    render_annotations(outcome, out)?;
    let summary = Summary::of(outcome);
    writeln!(out, "{}", text::summary_line(&summary))?;
    if let Some(line) = text::unchecked_line(&summary, UncheckedNotes::Count) {
        writeln!(out, "{line}")?;
    }
    for line in text::configuration_lines(&outcome.configurations) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The annotations of [`render`] alone, without the summary (`--quiet`).
pub fn render_annotations(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let sources = &outcome.sources;
    for finding in &outcome.findings {
        writeln!(out, "{}", finding_command(sources, finding))?;
    }
    for error in &outcome.errors {
        writeln!(out, "{}", error_command(sources, error))?;
    }
    Ok(())
}

/// The annotation command GitHub has for each level.
fn command(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    }
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `file`, `line` and `endLine` of a span, and its columns when it lies on one line: GitHub
/// only places columns within a single line.
fn position_properties(sources: &Sources, span: Span) -> Vec<(&'static str, String)> {
    let Located { path, start, end } = locate(sources, span);
    let on_one_line = start.line == end.line;
    let mut properties = vec![
        ("file", printable(path).into_owned()),
        ("line", start.line.to_string()),
    ];
    if on_one_line {
        properties.push(("col", start.column.to_string()));
    }
    properties.push(("endLine", end.line.to_string()));
    if on_one_line {
        properties.push(("endColumn", end.column.to_string()));
    }
    properties
}

/// `::command key=value,…::message`.
fn workflow_command(name: &str, properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let separator = if properties.is_empty() { "" } else { " " };
    format!(
        "::{name}{separator}{}::{}",
        properties.join(","),
        escape_data(message)
    )
}

/// `path:line:column`, where a related location is.
fn place(sources: &Sources, span: Span) -> String {
    let Located { path, start, .. } = locate(sources, span);
    format!("{}:{}:{}", printable(path), start.line, start.column)
}

/// The finding's message, then on lines of their own what the text report shows around it. A
/// fix is the help's to say, where the annotation or a related location is: it is not repeated.
fn finding_message(sources: &Sources, finding: &Finding) -> String {
    let mut lines = vec![printable(&finding.message).into_owned()];
    lines.extend(finding.related.iter().map(|related| {
        format!(
            "{}: {}",
            place(sources, related.span),
            printable(&related.message)
        )
    }));
    lines.extend(
        finding
            .help
            .iter()
            .map(|help| format!("help: {}", printable(help))),
    );
    lines.push(format!("see: irlint --explain {}", finding.rule.id));
    lines.join("\n")
}

fn finding_command(sources: &Sources, finding: &Finding) -> String {
    let mut properties = position_properties(sources, finding.span);
    properties.push((
        "title",
        format!("{} {}", finding.rule.id, finding.rule.name),
    ));
    workflow_command(
        command(finding.level),
        &properties,
        &finding_message(sources, finding),
    )
}

fn error_command(sources: &Sources, error: &InputError) -> String {
    let mut properties = match error.span {
        Some(span) => position_properties(sources, span),
        None if error.path.is_empty() => Vec::new(),
        None => vec![("file", printable(&error.path).into_owned())],
    };
    properties.push(("title", "irlint: input error".to_owned()));
    workflow_command("error", &properties, &printable(&error.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    fn render_to_string(outcome: &Outcome) -> String {
        let mut out = Vec::new();
        render(outcome, &mut out).expect("rendering into memory succeeds");
        String::from_utf8(out).expect("the report is UTF-8")
    }

    #[test]
    fn findings_errors_and_summary() {
        insta::assert_snapshot!(render_to_string(&sample::outcome()));
    }

    #[test]
    fn every_finding_and_error_is_one_line() {
        let outcome = sample::outcome();
        let text = render_to_string(&outcome);
        let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
        assert_eq!(
            commands.len(),
            outcome.findings.len() + outcome.errors.len()
        );
    }

    #[test]
    fn texts_from_the_input_cannot_forge_commands() {
        let outcome = sample::hostile_outcome();
        let text = render_to_string(&outcome);
        let lines: Vec<&str> = text.lines().collect();
        // Then the summary line, and the count of checks that could not be made.
        assert_eq!(
            lines.len(),
            outcome.findings.len() + outcome.errors.len() + 2,
            "{text}"
        );
        for line in &lines[..lines.len() - 2] {
            assert!(
                ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|command| line.starts_with(command)),
                "{line}"
            );
            assert!(!line.contains(crate::printable::needs_escape), "{line}");
        }
        // The escaped file name stays one property: its `:` and `,` are escaped too.
        assert!(
            text.contains(
                "file=infra/x\\n%3A%3Aadd-mask%3A%3A***\\r%3A%3Aerror file=README.md%3A%3Aforged"
            ),
            "{text}"
        );
    }

    /// The help says the fix; the annotation does not say it again.
    #[test]
    fn a_fix_is_not_repeated() {
        let outcome = sample::outcome();
        let fixed = &outcome.findings[1];
        let fix = fixed
            .fix
            .as_ref()
            .expect("the sample's second finding has a fix");
        let message = finding_message(&outcome.sources, fixed);
        assert!(!message.contains(&fix.description), "{message}");
        assert!(!message.contains(&fix.replacement), "{message}");
        assert!(!message.contains("fix:"), "{message}");
        assert_eq!(message.matches("help: ").count(), 1, "{message}");
    }

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("c:\\infra,old\n50%"),
            "c%3A\\infra%2Cold%0A50%25"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns() {
        let outcome = sample::outcome();
        let first = &outcome.findings[0];
        let file = outcome.sources.get(first.span.file);
        let through_next_line = Span::new(
            first.span.file,
            first.span.start,
            file.text[first.span.start..]
                .find("kms_key_arn")
                .map(|offset| first.span.start + offset)
                .expect("the set has a key"),
        );
        let keys: Vec<&str> = position_properties(&outcome.sources, through_next_line)
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        assert_eq!(keys, ["file", "line", "endLine"]);
    }

    #[test]
    fn an_error_without_a_file_has_only_a_title() {
        let error = InputError {
            path: String::new(),
            span: None,
            message: "cannot walk infra: permission denied".to_owned(),
        };
        assert_eq!(
            error_command(&Sources::default(), &error),
            "::error title=irlint%3A input error::cannot walk infra: permission denied"
        );
    }

    #[test]
    fn levels_map_to_annotation_commands() {
        assert_eq!(command(Level::Error), "error");
        assert_eq!(command(Level::Warning), "warning");
        assert_eq!(command(Level::Note), "notice");
    }
}
