//! SARIF 2.1.0 (serde-sarif), as GitHub code scanning accepts it.
//!
//! One run: the driver with the whole rule catalogue (each rule's document as its help), one
//! result per finding, and an invocation whose notifications are the input errors. Paths are
//! relative URI references against `%SRCROOT%`, the working directory, so that the log does not
//! depend on where the checkout lies.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Invocation, Location,
    Message, MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::{Located, SuppressedFindings, locate};
use crate::frontend::InputError;
use crate::lint::Outcome;
use crate::rules::{self, Finding, Fix, Level, RULES, Registered, RuleMeta};
use crate::source::{Sources, Span};

/// The base every artifact URI is relative to.
const SRCROOT: &str = "%SRCROOT%";

/// The schema GitHub's documentation points SARIF files at.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Empty when `Cargo.toml` names no repository.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Writes the log, pretty-printed, with a trailing newline. Findings that suppressions cover
/// are results with an in-source `suppressions` entry when they are included.
pub fn render(
    outcome: &Outcome,
    out: &mut dyn Write,
    suppressed: SuppressedFindings,
) -> std::io::Result<()> {
    let sources = &outcome.sources;
    let mut results: Vec<SarifResult> = outcome
        .findings
        .iter()
        .map(|finding| result(sources, finding))
        .collect();
    if suppressed == SuppressedFindings::Include {
        results.extend(outcome.suppressed.iter().map(|suppressed| {
            let mut justified = Suppression::builder().kind(json!("inSource")).build();
            justified.justification = suppressed.reason.clone();
            SarifResult {
                suppressions: Some(vec![justified]),
                ..result(sources, &suppressed.finding)
            }
        }));
    }
    let notifications: Vec<Notification> = outcome
        .errors
        .iter()
        .map(|error| notification(sources, error))
        .collect();
    let invocation = Invocation::builder()
        .execution_successful(outcome.errors.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let srcroot = ArtifactLocation::builder()
        .description(Message::from("The working directory irlint ran in."))
        .build();
    let run = Run::builder()
        .tool(Tool::from(driver()))
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_owned(), srcroot)]))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn driver() -> ToolComponent {
    let mut driver = ToolComponent::builder()
        .name("irlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(
            RULES
                .iter()
                .map(|rule| descriptor(rule.meta()))
                .collect::<Vec<_>>(),
        )
        .build();
    driver.information_uri = Some(REPOSITORY.to_owned()).filter(|uri| !uri.is_empty());
    driver
}

fn result_level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

/// The severity GitHub code scanning shows for a rule that is not tagged `security`.
fn problem_severity(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "recommendation",
    }
}

/// The first paragraph of the document's `## What it checks` section, on one line.
fn what_it_checks(meta: &RuleMeta) -> String {
    let paragraph: Vec<&str> = meta
        .doc
        .lines()
        .skip_while(|line| line.trim_end() != "## What it checks")
        .skip(1)
        .map(str::trim)
        .take_while(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    if paragraph.is_empty() {
        meta.summary.to_owned()
    } else {
        paragraph.join(" ")
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    // Every rule of the infrastructure finds a deployment that fails or can lose incident data,
    // and stays silent rather than guess when a value is unknown: reliability, high precision.
    // The rules about suppressions keep the source's suppressions true: maintainability.
    let tag = match rules::find(meta.id) {
        Some(Registered::Suppression(_)) => "maintainability",
        _ => "reliability",
    };
    let properties = PropertyBag::builder()
        .tags(vec![tag.to_owned()])
        .additional_properties(BTreeMap::from([
            ("precision".to_owned(), json!("high")),
            (
                "problem.severity".to_owned(),
                json!(problem_severity(meta.level)),
            ),
        ]))
        .build();
    ReportingDescriptor::builder()
        .id(meta.id)
        .name(meta.name)
        .short_description(
            MultiformatMessageString::builder()
                .text(meta.summary)
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(what_it_checks(meta))
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(meta.doc)
                .markdown(meta.doc)
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                // SARIF's levels have irlint's names.
                .level(json!(meta.level.as_str()))
                .build(),
        )
        .properties(properties)
        .build()
}

/// A path as a relative URI reference: every byte but unreserved characters and `/`
/// percent-encoded, so that spaces, `#`, `%` and non-ASCII names survive and a `:` in the first
/// segment is not read as a scheme.
fn uri_reference(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder()
        .uri(uri_reference(path))
        .uri_base_id(SRCROOT)
        .build()
}

/// The file and region of a span.
fn artifact_region(sources: &Sources, span: Span) -> (ArtifactLocation, Region) {
    let Located { path, start, end } = locate(sources, span);
    let as_number = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let region = Region::builder()
        .start_line(as_number(start.line))
        .start_column(as_number(start.column))
        .end_line(as_number(end.line))
        .end_column(as_number(end.column))
        .build();
    (artifact(path), region)
}

fn physical_location(sources: &Sources, span: Span) -> PhysicalLocation {
    let (artifact, region) = artifact_region(sources, span);
    PhysicalLocation::builder()
        .artifact_location(artifact)
        .region(region)
        .build()
}

/// A mechanical fix as SARIF's `fix`: one replacement in one file.
fn fix(sources: &Sources, fix: &Fix) -> SarifFix {
    let (artifact, region) = artifact_region(sources, fix.span);
    let replacement = Replacement::builder()
        .deleted_region(region)
        .inserted_content(
            ArtifactContent::builder()
                .text(fix.replacement.as_str())
                .build(),
        )
        .build();
    SarifFix::builder()
        .description(Message::from(fix.description.as_str()))
        .artifact_changes(vec![
            ArtifactChange::builder()
                .artifact_location(artifact)
                .replacements(vec![replacement])
                .build(),
        ])
        .build()
}

/// A location; `id` numbers a result's related locations, from 1.
fn location(sources: &Sources, span: Span, message: &str, id: Option<i64>) -> Location {
    Location {
        id,
        message: (!message.is_empty()).then(|| Message::from(message)),
        physical_location: Some(physical_location(sources, span)),
        ..Location::default()
    }
}

fn result(sources: &Sources, finding: &Finding) -> SarifResult {
    let text = match &finding.help {
        Some(help) => format!("{}\nhelp: {help}", finding.message),
        None => finding.message.clone(),
    };
    let related: Vec<Location> = finding
        .related
        .iter()
        .zip(1..)
        .map(|(related, id)| location(sources, related.span, &related.message, Some(id)))
        .collect();
    let mut result = SarifResult::builder()
        .rule_id(finding.rule.id)
        .level(result_level(finding.level))
        .message(Message::builder().text(text).build())
        .locations(vec![location(sources, finding.span, &finding.label, None)])
        .build();
    result.rule_index = RULES
        .iter()
        .position(|rule| rule.meta().id == finding.rule.id)
        .and_then(|index| i64::try_from(index).ok());
    result.related_locations = Some(related).filter(|related| !related.is_empty());
    result.fixes = finding.fix.as_ref().map(|f| vec![fix(sources, f)]);
    result
}

fn notification(sources: &Sources, error: &InputError) -> Notification {
    let location = match error.span {
        Some(span) => Some(location(sources, span, "", None)),
        None if error.path.is_empty() => None,
        None => Some(Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: Some(artifact(&error.path)),
                ..PhysicalLocation::default()
            }),
            ..Location::default()
        }),
    };
    let mut notification = Notification::builder()
        .level(json!("error"))
        .message(Message::from(error.message.as_str()))
        .build();
    notification.locations = location.map(|location| vec![location]);
    notification
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn findings_errors_and_catalogue() {
        let mut out = Vec::new();
        render(&sample::outcome(), &mut out, SuppressedFindings::Include)
            .expect("rendering into memory succeeds");
        let mut text = String::from_utf8(out).expect("the log is UTF-8");
        // Each rule's document is its help, as text and as markdown; the snapshot names the
        // document instead of repeating it, so that editing a document does not touch it.
        for rule in RULES {
            let meta = rule.meta();
            let doc = serde_json::to_string(meta.doc).expect("a string serializes");
            assert_eq!(text.matches(&doc).count(), 2, "{} help", meta.id);
            text = text.replace(&doc, &format!("\"[rules/{}.md]\"", meta.id));
        }
        insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
    }

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(uri_reference("infra/main.tf"), "infra/main.tf");
        assert_eq!(
            uri_reference("my stacks/a#b%c.yaml"),
            "my%20stacks/a%23b%25c.yaml"
        );
        assert_eq!(uri_reference("c:x/é.tf"), "c%3Ax/%C3%A9.tf");
    }

    #[test]
    fn the_full_description_is_the_first_paragraph_of_what_it_checks() {
        let meta = crate::rules::find("IRL004").expect("IRL004 exists").meta();
        assert_eq!(
            what_it_checks(meta),
            "A replication set with exactly one region and deletion protection not enabled."
        );
    }
}
