//! SARIF 2.1.0 (serde-sarif), as GitHub code scanning accepts it.
//!
//! One run: the driver with the whole rule catalogue (each rule's document as its help), one
//! result per finding, and an invocation whose notifications are the input errors and, at level
//! `note`, the checks that could not be made (not results: code scanning raises no alert for
//! them). Paths are relative URI references against `%SRCROOT%`, the working directory, so that
//! the log does not depend on where the checkout lies.
//!
//! Each result carries a fingerprint, `partialFingerprints["irlint/v1"]`, by which code scanning
//! recognises an alert from one run to the next (see [`baseline::fingerprints`]); it leaves lines
//! out, so that an alert survives edits above it.

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Invocation, Location,
    Message, MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run, RunAutomationDetails, Sarif, Suppression, Tool, ToolComponent,
};

use super::{Elements, Located, SuppressedFindings, locate, write_pretty};
use crate::baseline;
use crate::finding::{Finding, Fix};
use crate::input_error::InputError;
use crate::outcome::Outcome;
use crate::rule_meta::{Level, REPOSITORY, RuleMeta};
use crate::rules::{RULES, Registered};
use crate::source::{Sources, Span};

/// The base every artifact URI is relative to.
const SRCROOT: &str = "%SRCROOT%";

/// The schema GitHub's documentation points SARIF files at.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The run's `automationDetails.id`: code scanning files the results under the category before
/// the last `/`, `irlint`.
const AUTOMATION_ID: &str = "irlint/";

/// Writes the log, pretty-printed, with a trailing newline. Findings that suppressions cover
/// are results with an in-source `suppressions` entry when they are included, and the others
/// then have an empty one.
pub fn render(
    outcome: &Outcome,
    out: &mut dyn Write,
    suppressed: SuppressedFindings,
) -> std::io::Result<()> {
    let sources = &outcome.sources;
    let covered: Vec<(&Finding, Option<&str>)> = match suppressed {
        SuppressedFindings::Include => outcome
            .suppressed
            .iter()
            .map(|suppressed| (&suppressed.finding, suppressed.reason.as_deref()))
            .collect(),
        SuppressedFindings::Omit => Vec::new(),
    };
    let all: Vec<(&Finding, Option<Option<&str>>)> = outcome
        .findings
        .iter()
        .map(|finding| (finding, None))
        .chain(
            covered
                .into_iter()
                .map(|(finding, reason)| (finding, Some(reason))),
        )
        .collect();
    // Ranks are those of every finding, whether or not the log keeps it.
    let fingerprints = baseline::fingerprints(sources, all.par_iter().map(|(finding, _)| *finding));
    let kept = kept_results(&all);
    let mut notifications: Vec<Notification> = outcome
        .errors
        .iter()
        .map(|error| notification(sources, error))
        .chain(outcome.unchecked.iter().map(|note| {
            let mut notification = Notification::builder()
                .level(json!("note"))
                .message(Message::from(note.message().as_str()))
                .build();
            notification.locations = Some(vec![location(sources, note.span, "", None)]);
            notification
        }))
        .collect();
    if kept.len() < all.len() {
        notifications.push(
            Notification::builder()
                .level(json!("warning"))
                .message(Message::from(&format!(
                    "{} of {} results are left out: code scanning takes at most {MAX_RESULTS} \
                     results in a run, so the log keeps the most severe; irlint --format json \
                     lists them all",
                    all.len() - kept.len(),
                    all.len()
                )))
                .build(),
        );
    }
    let invocation = Invocation::builder()
        .execution_successful(outcome.errors.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let srcroot = ArtifactLocation::builder()
        .description(Message::from("The working directory irlint ran in."))
        .build();
    // Which configuration files applied, and what they switched off: a pull request can add
    // one, and code scanning shows a run's properties beside its results.
    let properties = PropertyBag::builder()
        .additional_properties(BTreeMap::from([(
            "configurations".to_owned(),
            json!(outcome.configurations),
        )]))
        .build();
    let run = Run::builder()
        .tool(Tool::from(driver()))
        .invocations(vec![invocation])
        .properties(properties)
        .column_kind(json!("unicodeCodePoints"))
        .automation_details(RunAutomationDetails::builder().id(AUTOMATION_ID).build())
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_owned(), srcroot)]))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    // A value, so that the results sit among the run's members where serde_json sorts them.
    let log = serde_json::to_value(log)?;
    let log = |results: Elements| {
        let mut log = log;
        if let Some(run) = log.pointer_mut("/runs/0").and_then(Value::as_object_mut) {
            run.insert("results".to_owned(), json!(results));
        }
        log
    };
    write_pretty(out, log, kept.into_iter(), |index| {
        let (finding, suppression) = all[index];
        let mut result = result(sources, finding, fingerprints[index].clone());
        // SARIF wants `suppressions` on every result of a run or on none (§3.27.23): with
        // suppressed results in the log, an empty list says that a result is not suppressed.
        result.suppressions = match (suppressed, suppression) {
            (_, Some(reason)) => {
                let mut justified = Suppression::builder().kind(json!("inSource")).build();
                justified.justification = reason.map(str::to_owned);
                Some(vec![justified])
            }
            (SuppressedFindings::Include, None) => Some(Vec::new()),
            (SuppressedFindings::Omit, None) => None,
        };
        result
    })
}

/// The most results code scanning takes in a run: it rejects a log with more.
pub const MAX_RESULTS: usize = 25_000;

/// The indices of the results the log keeps, in order: all of them, or the [`MAX_RESULTS`] most
/// severe (the first of each level).
fn kept_results(all: &[(&Finding, Option<Option<&str>>)]) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..all.len()).collect();
    if kept.len() > MAX_RESULTS {
        kept.sort_by_key(|&index| std::cmp::Reverse(all[index].0.level));
        kept.truncate(MAX_RESULTS);
        kept.sort_unstable();
    }
    kept
}

fn driver() -> ToolComponent {
    let mut driver = ToolComponent::builder()
        .name("irlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(RULES.iter().map(descriptor).collect::<Vec<_>>())
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

/// How code scanning files a rule's alerts.
#[derive(Debug, PartialEq, Eq)]
struct Classification {
    tags: Vec<&'static str>,
    /// How often a finding is right: `high` for rules that read the model and stay silent on
    /// what is unknown, `medium` for rules that guess from the shape of a text.
    precision: &'static str,
    /// For rules whose findings expose data: a CVSS-like score (GitHub: 0.1–3.9 low, 4.0–6.9
    /// medium, 7.0–8.9 high, 9.0 and above critical) that makes the alert a security alert.
    security_severity: Option<&'static str>,
}

/// Most rules find a deployment that fails or loses incident data: reliability. Only IRL014,
/// personal data or credentials in tags (which feed billing and diagnostic logs), exposes data;
/// it guesses from the shape of the text (an address, a number, a high-entropy string), so its
/// precision is medium. Unusable or misconfigured keys (IRL008, IRL015, IRL019) make the
/// deployment fail, never encrypt less, so they stay reliability rules.
fn classification(meta: &RuleMeta) -> Classification {
    match meta.id {
        "IRL014" => Classification {
            tags: vec!["security", "external/cwe/cwe-359", "external/cwe/cwe-312"],
            precision: "medium",
            security_severity: Some("5.0"),
        },
        _ => Classification {
            tags: vec!["reliability"],
            precision: "high",
            security_severity: None,
        },
    }
}

fn descriptor(rule: &Registered) -> ReportingDescriptor {
    let meta = rule.meta();
    let Classification {
        mut tags,
        precision,
        security_severity,
    } = classification(meta);
    match rule {
        Registered::Change(_) => tags.push("change"),
        // The rules about suppressions keep the source's suppressions true.
        Registered::Suppression(_) => tags = vec!["maintainability"],
        Registered::State(_) => {}
    }
    let mut properties = BTreeMap::from([
        ("precision".to_owned(), json!(precision)),
        (
            "problem.severity".to_owned(),
            json!(problem_severity(meta.level)),
        ),
    ]);
    if let Some(severity) = security_severity {
        properties.insert("security-severity".to_owned(), json!(severity));
    }
    let properties = PropertyBag::builder()
        .tags(tags.into_iter().map(str::to_owned).collect::<Vec<_>>())
        .additional_properties(properties)
        .build();
    let mut descriptor = ReportingDescriptor::builder()
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
        .build();
    descriptor.help_uri = meta.document_uri();
    descriptor
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

fn result(sources: &Sources, finding: &Finding, fingerprint: String) -> SarifResult {
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
    result.partial_fingerprints = Some(BTreeMap::from([(
        baseline::SARIF_KEY.to_owned(),
        fingerprint,
    )]));
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

    /// IRL014 as the catalogue will register it, to see how the log files it.
    struct SensitiveDataInTags;

    static SENSITIVE_DATA_IN_TAGS: RuleMeta = RuleMeta {
        id: "IRL014",
        name: "sensitive-data-in-tags",
        level: Level::Warning,
        summary: "a tag holds an e-mail address, a phone number or a credential",
        doc: "# IRL014: sensitive-data-in-tags\n",
    };

    impl crate::rules::Described for SensitiveDataInTags {
        fn meta(&self) -> &'static RuleMeta {
            &SENSITIVE_DATA_IN_TAGS
        }
    }

    // Finds nothing: only its descriptor is looked at.
    impl crate::rules::Rule for SensitiveDataInTags {}

    #[test]
    fn sensitive_data_in_tags_is_a_security_rule_of_medium_precision() {
        let descriptor = serde_json::to_value(descriptor(&Registered::State(&SensitiveDataInTags)))
            .expect("a descriptor serializes");
        let properties = &descriptor["properties"];
        assert_eq!(properties["security-severity"], "5.0");
        assert_eq!(properties["precision"], "medium");
        assert_eq!(properties["tags"][0], "security");
        assert_eq!(
            descriptor
                .get("helpUri")
                .and_then(serde_json::Value::as_str),
            SENSITIVE_DATA_IN_TAGS.document_uri().as_deref()
        );
    }

    #[test]
    fn the_other_rules_are_reliability_or_maintainability_rules_without_security_severity() {
        for rule in RULES.iter().filter(|rule| rule.meta().id != "IRL014") {
            let descriptor =
                serde_json::to_value(descriptor(rule)).expect("a descriptor serializes");
            let properties = &descriptor["properties"];
            let tag = match rule {
                Registered::Suppression(_) => "maintainability",
                _ => "reliability",
            };
            assert_eq!(properties["tags"][0], tag, "{}", rule.meta().id);
            assert_eq!(properties["precision"], "high", "{}", rule.meta().id);
            assert!(properties.get("security-severity").is_none());
        }
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
