//! A hand-built outcome that exercises every part of the reporters: two files, a finding with a
//! label, related locations in two places and help, a bare finding, a finding a suppression
//! covers, an input error with a span and one without, and a check that could not be made (in a
//! third file). The primary finding's line holds multi-byte characters before the span, so a
//! column counted in bytes instead of characters shows in every snapshot.

use std::path::PathBuf;

use crate::finding::Finding;
use crate::input_error::InputError;
use crate::model::{
    Engine, Format, KeyArn, Protection, ProviderId, Regions, ReplicationSet, Schema, Unchecked,
    Unit, Value,
};
use crate::outcome::Outcome;
use crate::rule_meta::RuleMeta;
use crate::rules;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::suppress::Suppressed;

pub const MAIN_TF: &str = r#"provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "alternate" {}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-west-2"
    kms_key_arn = /* clé d'été */ aws_kms_key.alternate.arn
  }
}
"#;

pub const TEMPLATE: &str = "Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions: [us-east-1
";

pub const KEYS_TF: &str = r#"resource "aws_kms_key" "imported" {
  key_usage = var.key_usage
}
"#;

/// The span of the `occurrence`-th (0-based) occurrence of `needle` in the file.
fn span_of(file: FileId, text: &str, needle: &str, occurrence: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(occurrence)
        .map(|(start, _)| start)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", occurrence + 1));
    Span::new(file, start, start + needle.len())
}

fn rule(id: &str) -> &'static RuleMeta {
    rules::find(id).expect("a registered rule").meta()
}

pub fn outcome() -> Outcome {
    let mut sources = Sources::default();
    let main = sources.add(SourceFile::new(
        PathBuf::from("infra/main.tf"),
        MAIN_TF.to_owned(),
    ));
    let template = sources.add(SourceFile::new(
        PathBuf::from("stacks/incident manager.yaml"),
        TEMPLATE.to_owned(),
    ));
    let keys = sources.add(SourceFile::new(
        PathBuf::from("infra/keys.tf"),
        KEYS_TF.to_owned(),
    ));
    let at = |needle: &str, occurrence: usize| span_of(main, MAIN_TF, needle, occurrence);

    let single_region = Finding::new(
        rule("IRL004"),
        at(r#"resource "aws_ssmincidents_replication_set" "main""#, 0),
        "replication set `aws_ssmincidents_replication_set.main` has a single region and no \
         deletion protection",
    )
    .help("add a second region: this resource type cannot enable deletion protection");
    let key_elsewhere = Finding::new(
        rule("IRL005"),
        at("aws_kms_key.alternate.arn", 0),
        "the key of region us-west-2 is in us-east-1: Incident Manager needs a key in the region \
         it encrypts",
    )
    .label("a key in us-east-1")
    .related(at(r#""us-east-1""#, 0), "the key's region is us-east-1")
    .related(at(r#""us-west-2""#, 0), "used for region us-west-2")
    .help("use a customer managed key created in us-west-2")
    .fix(
        "use the key of us-west-2",
        at("aws_kms_key.alternate.arn", 0),
        "aws_kms_key.default.arn",
    );

    let suppressed = Suppressed {
        finding: Finding::new(
            rule("IRL001"),
            at("regions {", 0),
            "replication set `aws_ssmincidents_replication_set.main` mixes key types",
        )
        .help("use customer managed keys in every region, or the AWS-owned key in every region"),
        reason: Some("the key is replaced in the next change".to_owned()),
    };

    let unit = Unit {
        format: Format::Terraform,
        engine: Engine::Terraform,
        key_arn: KeyArn::TERRAFORM,
        name: "infra".to_owned(),
        replication_sets: vec![ReplicationSet {
            identity: "aws_ssmincidents_replication_set.main".to_owned(),
            span: single_region.span,
            schema: Schema::Terraform,
            regions: Regions::Listed(Vec::new()),
            region_syntax: Default::default(),
            deletion_protection: Protection::NotSettable,
            tags: Vec::new(),
            arguments: None,
            provider: ProviderId(0),
            provider_chosen: None,
            deployment: None,
            instances: Value::literal(single_region.span, 1),
            kept_on_removal: false,
        }],
        keys: Vec::new(),
        providers: Vec::new(),
        deployments: Vec::new(),
        aws_provider_major: None,
        suppressions: Vec::new(),
        renames: Default::default(),
        module_calls: Vec::new(),
        unread: Vec::new(),
    };

    Outcome {
        sources,
        units: vec![unit],
        findings: vec![single_region, key_elsewhere],
        suppressed: vec![suppressed],
        errors: vec![
            InputError {
                path: "infra/legacy.tf".to_owned(),
                span: None,
                message: "the file is not valid UTF-8 (at byte 42)".to_owned(),
            },
            InputError {
                path: "stacks/incident manager.yaml".to_owned(),
                span: Some(span_of(template, TEMPLATE, "[", 0)),
                message: "this flow sequence is never closed".to_owned(),
            },
        ],
        files_seen: 4,
        unchecked: vec![Unchecked::new(
            span_of(keys, KEYS_TF, "var.key_usage", 0),
            "the key usage of key `aws_kms_key.imported` is unknown",
            "variable `key_usage` has no default and no variable file sets it: lint the module's \
             caller, or pass --var-file or --var",
        )],
        ..Outcome::default()
    }
}

/// Text that, printed raw, forges workflow commands, writes the clipboard (OSC 52), rings the
/// bell and breaks a line where only Unicode-aware viewers see a break.
pub const HOSTILE: &str =
    "x\n::add-mask::***\r::error file=README.md::forged\u{1b}]52;c;aGVsbG8=\u{7}\u{2028}";

/// The sample outcome with [`HOSTILE`] in every text from the input that reporters print
/// (messages, labels, help, fixes, paths), and a finding in a file whose name holds it and
/// whose line holds controls.
pub fn hostile_outcome() -> Outcome {
    let mut outcome = outcome();
    // The source line holds controls too, in a comment.
    let text = "resource \"set\" {} # \u{1b}[2J\u{7}\u{2028}\n".to_owned();
    let file = outcome.sources.add(SourceFile::new(
        PathBuf::from(format!("infra/{HOSTILE}.tf")),
        text,
    ));
    outcome.findings.push(
        Finding::new(
            rule("IRL004"),
            Span::new(file, 9, 14),
            format!("set `{HOSTILE}`"),
        )
        .label(HOSTILE)
        .help(HOSTILE),
    );
    let key_elsewhere = &mut outcome.findings[1];
    key_elsewhere.message = format!("key `{HOSTILE}`");
    key_elsewhere.related[0].message = HOSTILE.to_owned();
    if let Some(fix) = &mut key_elsewhere.fix {
        fix.description = HOSTILE.to_owned();
        fix.replacement = format!("{HOSTILE}!");
    }
    for error in &mut outcome.errors {
        error.path.push_str(HOSTILE);
        error.message.push_str(HOSTILE);
    }
    for note in &mut outcome.unchecked {
        note.what.push_str(HOSTILE);
        note.reason.push_str(HOSTILE);
    }
    outcome
}
