//! The SARIF log is valid SARIF 2.1.0 as GitHub code scanning reads it: it passes the official
//! schema (formats included, so URIs must be valid references), its URIs are relative, every
//! result's `ruleIndex` points at its rule, and its fingerprints follow a finding across edits
//! that do not touch it.

use std::path::{Path, PathBuf};

use irlint::finding::Finding;
use irlint::input_error::InputError;
use irlint::outcome::Outcome;
use irlint::report::{SuppressedFindings, sarif};
use irlint::rule_meta::RuleMeta;
use irlint::rules;
use irlint::source::{SourceFile, Sources, Span};
use irlint::suppress::Suppressed;
use serde_json::Value;

#[path = "support/shared.rs"]
mod shared;

const MAIN_TF: &str = r#"provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "west" {
  provider = aws.west
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.west.arn
  }
  regions {
    name = "eu-west-1"
  }
}
"#;

const TEMPLATE: &str =
    "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: {\n";

fn span_of(sources: &Sources, file: irlint::source::FileId, needle: &str) -> Span {
    let start = sources
        .get(file)
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is in the file"));
    Span::new(file, start, start + needle.len())
}

fn rule(id: &str) -> &'static RuleMeta {
    rules::find(id).expect("a registered rule").meta()
}

/// An outcome with a finding of every rule, related locations in two files, a file of a base
/// revision (`origin/main:…`), a suppressed finding with a reason and one without, and each kind
/// of input error; the paths hold a space and a non-ASCII character that must be
/// percent-encoded.
fn outcome() -> Outcome {
    let mut sources = Sources::default();
    let main = sources.add(SourceFile::new(
        PathBuf::from("infra/main module/main.tf"),
        MAIN_TF.to_owned(),
    ));
    let template = sources.add(SourceFile::new(
        PathBuf::from("stacks/réponse.yaml"),
        TEMPLATE.to_owned(),
    ));
    let mut base_file = SourceFile::new(
        PathBuf::from("infra/main module/main.tf"),
        MAIN_TF.to_owned(),
    );
    base_file.display_path = "origin/main:infra/main module/main.tf".to_owned();
    let base = sources.add(base_file);
    let set = span_of(
        &sources,
        main,
        r#"resource "aws_ssmincidents_replication_set" "main""#,
    );
    let base_set = span_of(
        &sources,
        base,
        r#"resource "aws_ssmincidents_replication_set" "main""#,
    );
    let key = span_of(&sources, main, "aws_kms_key.west.arn");
    let west = span_of(&sources, main, r#""us-west-2""#);
    let east = span_of(&sources, main, r#""us-east-1""#);
    let findings = vec![
        Finding::new(rule("IRL001"), set, "some regions use the AWS-owned key")
            .related(key, "a customer managed key"),
        Finding::new(
            rule("IRL003"),
            set,
            "the deploying region is not in the set",
        ),
        Finding::new(rule("IRL004"), set, "a single region without protection").fix(
            "replace with us-east-2",
            east,
            "\"us-east-2\"",
        ),
        Finding::new(
            rule("IRL005"),
            key,
            "the key of region us-east-1 is in us-west-2",
        )
        .label("a key in us-west-2")
        .related(west, "the key's region is us-west-2")
        .related(east, "used for region us-east-1")
        .related(
            span_of(&sources, template, "Properties"),
            "a location in another file",
        )
        .help("use a customer managed key created in us-east-1"),
        Finding::new(
            rule("IRL002"),
            east,
            "replication set `aws_ssmincidents_replication_set.main` adds us-east-1 and eu-west-1",
        ),
        Finding::new(
            rule("IRL006"),
            key,
            "the key of region us-east-1 changes in place",
        ),
        Finding::new(rule("IRL007"), set, "the set switches key types"),
        Finding::new(rule("IRL008"), key, "us-east-1 uses an asymmetric key"),
        Finding::new(rule("IRL009"), key, "the key is given as an alias"),
        Finding::new(rule("IRL010"), east, "the set has 4 regions"),
        Finding::new(rule("IRL011"), east, "the set lists us-east-1 twice")
            .related(span_of(&sources, template, "Properties"), "us-east-1 first"),
        Finding::new(rule("IRL013"), set, "another replication set"),
        Finding::new(rule("IRL015"), key, "us-east-1 uses a disabled key"),
        Finding::new(
            rule("IRL012"),
            west,
            "unknown region `us-wset-2`: did you mean us-west-2?",
        ),
        Finding::new(rule("IRL014"), set, "a tag key holds an e-mail address"),
        Finding::new(rule("IRL016"), base_set, "the set is deleted")
            .label("deleted since origin/main"),
        Finding::new(rule("IRL017"), set, "deletion protection is disabled"),
        Finding::new(
            rule("IRL018"),
            set,
            "the set uses the deprecated `region` block",
        ),
        Finding::new(
            rule("IRL019"),
            key,
            "the key policy allows no one `kms:CreateGrant`",
        ),
        // A deletion's finding in the working tree, its place at the base related.
        Finding::new(rule("IRL020"), key, "the key is deleted with the set")
            .label("removed here since origin/main")
            .related(base_set, "replication set deleted since origin/main"),
        Finding::new(rule("IRL021"), set, "the protected set is deleted")
            .label("removed here since origin/main")
            .related(base_set, "deleted since origin/main"),
        Finding::new(
            rule("IRL022"),
            set,
            "`region_name` is not an argument of `regions`: did you mean `name`?",
        ),
        Finding::new(
            rule("IRL900"),
            east,
            "the suppression of IRL004 gives no reason",
        ),
        Finding::new(
            rule("IRL901"),
            west,
            "the suppression of IRL005 suppresses nothing",
        ),
    ];
    let suppressed = vec![
        Suppressed {
            finding: Finding::new(rule("IRL004"), set, "a single region without protection"),
            reason: Some("a sandbox account".to_owned()),
        },
        Suppressed {
            finding: Finding::new(rule("IRL001"), set, "some regions use the AWS-owned key"),
            reason: None,
        },
    ];
    let errors = vec![
        InputError {
            path: String::new(),
            span: None,
            message: "cannot walk infra/private: permission denied".to_owned(),
        },
        InputError {
            path: "infra/old key.tf".to_owned(),
            span: None,
            message: "cannot read the file".to_owned(),
        },
        InputError {
            path: "stacks/réponse.yaml".to_owned(),
            span: Some(span_of(&sources, template, "{")),
            message: "this flow mapping is never closed".to_owned(),
        },
    ];
    Outcome {
        sources,
        units: Vec::new(),
        findings,
        suppressed,
        errors,
        files_seen: 3,
        ..Outcome::default()
    }
}

fn render(outcome: &Outcome) -> String {
    let mut out = Vec::new();
    sarif::render(outcome, &mut out, SuppressedFindings::Include)
        .expect("rendering into memory succeeds");
    String::from_utf8(out).expect("the log is UTF-8")
}

fn every_uri(value: &Value, uris: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("uri", Value::String(uri)) => uris.push(uri.clone()),
                    _ => every_uri(value, uris),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| every_uri(item, uris)),
        _ => {}
    }
}

/// The published 2.1.0 schema gives `language` (of a run and of a tool component) a pattern with
/// a stray `]`, which is not a valid regular expression (oasis-tcs/sarif-spec#490, fixed in the
/// errata), so a strict validator refuses to compile the schema. irlint never writes `language`;
/// the errata's pattern stands in for the broken one. `None` where `../shared` is absent.
fn sarif_schema() -> Option<Value> {
    const LANGUAGES: [&str; 2] = [
        "/definitions/run/properties/language/pattern",
        "/definitions/toolComponent/properties/language/pattern",
    ];
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    let path = shared::path("schemas/sarif-2.1.0.json")?;
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("the schema is JSON");
    for pointer in LANGUAGES {
        if let Some(pattern) = schema.pointer_mut(pointer).filter(|p| *p == BROKEN) {
            *pattern = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
        }
    }
    Some(schema)
}

fn assert_valid(schema: &Value, log: &Value) {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} schema violations:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn the_log_passes_the_sarif_schema() {
    let Some(schema) = sarif_schema() else {
        return;
    };
    let text = render(&outcome());
    assert!(text.ends_with("}\n"), "the log ends with a newline");
    assert_valid(
        &schema,
        &serde_json::from_str(&text).expect("the log is JSON"),
    );
}

/// Every fixture of the test corpus, findings, suppressed findings and parse errors alike, in
/// one log.
#[test]
fn the_log_of_the_whole_test_corpus_passes_the_sarif_schema() {
    let Some(schema) = sarif_schema() else {
        return;
    };
    let corpus = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/test-corpus"));
    let outcome = irlint::lint::run(&[corpus], &irlint::lint::Options::default())
        .expect("the test corpus exists");
    assert!(!outcome.findings.is_empty() && !outcome.errors.is_empty());
    assert!(!outcome.suppressed.is_empty());
    assert_valid(
        &schema,
        &serde_json::from_str(&render(&outcome)).expect("the log is JSON"),
    );
}

#[test]
fn uris_are_relative_references() {
    let log: Value = serde_json::from_str(&render(&outcome())).expect("the log is JSON");
    let mut uris = Vec::new();
    every_uri(&log, &mut uris);
    assert!(
        uris.contains(&"infra/main%20module/main.tf".to_owned()),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"stacks/r%C3%A9ponse.yaml".to_owned()),
        "{uris:?}"
    );
    assert!(uris.contains(&"infra/old%20key.tf".to_owned()), "{uris:?}");
    assert!(
        uris.contains(&"origin/main%3Ainfra/main%20module/main.tf".to_owned()),
        "{uris:?}"
    );
    for uri in &uris {
        let has_scheme = uri
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'));
        assert!(!has_scheme && !uri.starts_with('/'), "`{uri}` is absolute");
    }
}

#[test]
fn the_catalogue_is_complete_and_rule_indices_point_at_their_rule() {
    let log: Value = serde_json::from_str(&render(&outcome())).expect("the log is JSON");
    let run = &log["runs"][0];
    let catalogue: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("the driver lists its rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("a rule has an id"))
        .collect();
    let registered: Vec<&str> = rules::RULES.iter().map(|r| r.meta().id).collect();
    assert_eq!(catalogue, registered);

    let results = run["results"].as_array().expect("the run has results");
    let unsuppressed = results
        .iter()
        .filter(|result| result["suppressions"] == serde_json::json!([]))
        .count();
    assert_eq!(unsuppressed, rules::RULES.len());
    for result in results {
        let id = result["ruleId"].as_str().expect("a result has a ruleId");
        let index = result["ruleIndex"]
            .as_u64()
            .and_then(|index| usize::try_from(index).ok())
            .expect("a result has a ruleIndex");
        assert_eq!(catalogue.get(index), Some(&id), "ruleIndex of {id}");
    }
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

/// A set whose two regions both use a key of a third region: two IRL005 findings, one per region.
const TWO_MISMATCHED_REGIONS: &str = r#"provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "west" {
  provider = aws.west
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.west.arn
  }
  regions {
    name        = "eu-west-1"
    kms_key_arn = aws_kms_key.west.arn
  }
}
"#;

/// A finding of a log: its rule, the line it starts on and its fingerprint.
#[derive(Debug)]
struct Fingerprinted {
    rule: String,
    line: u64,
    fingerprint: String,
}

/// Lints a Terraform module holding `main_tf` and returns its results.
fn fingerprinted(module: &Path, main_tf: &str) -> Vec<Fingerprinted> {
    std::fs::write(module.join("main.tf"), main_tf).expect("the module is writable");
    let outcome = irlint::lint::run(&[module.to_path_buf()], &irlint::lint::Options::default())
        .expect("the module exists");
    let log: Value = serde_json::from_str(&render(&outcome)).expect("the log is JSON");
    log["runs"][0]["results"]
        .as_array()
        .expect("the run has results")
        .iter()
        .map(|result| Fingerprinted {
            rule: result["ruleId"].as_str().expect("a rule id").to_owned(),
            line: result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .expect("a start line"),
            fingerprint: result["partialFingerprints"]["irlint/v1"]
                .as_str()
                .expect("an irlint/v1 fingerprint")
                .to_owned(),
        })
        .collect()
}

fn fingerprints(results: &[Fingerprinted]) -> Vec<&str> {
    results
        .iter()
        .map(|result| result.fingerprint.as_str())
        .collect()
}

#[test]
fn fingerprints_tell_apart_the_regions_of_one_set() {
    let module = tempfile::tempdir().expect("a temporary directory");
    let results = fingerprinted(module.path(), TWO_MISMATCHED_REGIONS);
    assert_eq!(
        results.iter().map(|r| r.rule.as_str()).collect::<Vec<_>>(),
        ["IRL005", "IRL005"],
        "{results:?}"
    );
    assert_ne!(results[0].fingerprint, results[1].fingerprint);
    for result in &results {
        let (hash, rank) = result
            .fingerprint
            .split_once(':')
            .expect("a hash and a rank");
        assert!(
            hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{hash}"
        );
        assert_eq!(rank, "1");
    }
}

#[test]
fn fingerprints_survive_lines_inserted_above_and_an_unrelated_resource() {
    let module = tempfile::tempdir().expect("a temporary directory");
    let before = fingerprinted(module.path(), TWO_MISMATCHED_REGIONS);

    let moved = format!("# Incident Manager\n\n\n{TWO_MISMATCHED_REGIONS}");
    let after_lines = fingerprinted(module.path(), &moved);
    assert_eq!(
        after_lines.iter().map(|r| r.line).collect::<Vec<_>>(),
        before.iter().map(|r| r.line + 3).collect::<Vec<_>>(),
        "the findings moved down three lines"
    );
    assert_eq!(fingerprints(&after_lines), fingerprints(&before));

    let with_bucket = TWO_MISMATCHED_REGIONS.replace(
        "resource \"aws_ssmincidents_replication_set\"",
        "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"incident-logs\"\n}\n\n\
         resource \"aws_kms_key\" \"spare\" {}\n\n\
         resource \"aws_ssmincidents_replication_set\"",
    );
    let after_resources = fingerprinted(module.path(), &with_bucket);
    assert_ne!(after_resources[0].line, before[0].line);
    assert_eq!(fingerprints(&after_resources), fingerprints(&before));
}

#[test]
fn fingerprints_follow_a_region_when_the_regions_are_reordered() {
    let module = tempfile::tempdir().expect("a temporary directory");
    let before = fingerprinted(module.path(), TWO_MISMATCHED_REGIONS);
    let swapped = TWO_MISMATCHED_REGIONS
        .replace("\"us-east-1\"\n", "\"SWAP\"\n")
        .replace("\"eu-west-1\"\n", "\"us-east-1\"\n")
        .replace("\"SWAP\"\n", "\"eu-west-1\"\n");
    let after = fingerprinted(module.path(), &swapped);
    assert_eq!(
        fingerprints(&after),
        fingerprints(&before).into_iter().rev().collect::<Vec<_>>()
    );
}

#[test]
fn suppressed_results_say_so_with_their_justification() {
    let log: Value = serde_json::from_str(&render(&outcome())).expect("the log is JSON");
    let suppressions: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .expect("the run has results")
        .iter()
        .filter_map(|result| {
            // §3.27.23: on every result of the run, empty where a result is not suppressed.
            let suppressions = result
                .get("suppressions")
                .expect("suppressions on every result");
            Some(format!("{} {suppressions}", result["ruleId"]))
                .filter(|_| suppressions != &serde_json::json!([]))
        })
        .collect();
    assert_eq!(
        suppressions,
        [
            r#""IRL004" [{"justification":"a sandbox account","kind":"inSource"}]"#,
            r#""IRL001" [{"kind":"inSource"}]"#,
        ]
    );
    let mut out = Vec::new();
    sarif::render(&outcome(), &mut out, SuppressedFindings::Omit).expect("rendering succeeds");
    assert!(
        !String::from_utf8(out)
            .expect("UTF-8")
            .contains("\"suppressions\"")
    );
}
