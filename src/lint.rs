//! The pipeline: discover → read and prefilter → parse (front-ends) → check (rules).

use std::path::PathBuf;

use rayon::prelude::*;

use crate::discover::{self, DiscoverError, UnitKind, UnitPaths};
use crate::frontend::{self, InputError, Parsed, UnitFile};
use crate::model::{DeploymentRegion, Unit};
use crate::rules::{self, Finding};
use crate::source::{FileId, SourceFile, Sources, display_path};

/// What the run is asked to do beyond the paths.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The region of deployments that do not say their own (CloudFormation stacks).
    pub region: Option<String>,
}

/// Everything a run found, ready for a reporter.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: Sources,
    pub units: Vec<Unit>,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    /// How many files the walk found that irlint could read.
    pub files_seen: usize,
}

/// Byte strings of which a unit must contain one to be parsed at all: the replication set's
/// resource type as each format spells it (Pulumi's module is `ssmincidents` in every language
/// and in both the `aws` and `aws-native` providers). Everything else a rule needs (keys,
/// providers) only matters in a unit that holds a replication set.
fn needles(kind: UnitKind) -> &'static [&'static str] {
    match kind {
        UnitKind::CloudFormation => &["SSMIncidents::ReplicationSet"],
        UnitKind::Terraform => &["aws_ssmincidents_replication_set"],
        UnitKind::Pulumi => &["ssmincidents"],
    }
}

fn may_hold_a_replication_set(kind: UnitKind, bytes: &[u8]) -> bool {
    needles(kind)
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// A unit whose files were read and passed the prefilter.
struct ReadUnit {
    kind: UnitKind,
    files: Vec<SourceFile>,
}

fn read_unit(unit: UnitPaths) -> Result<Option<ReadUnit>, Vec<InputError>> {
    let mut contents = Vec::with_capacity(unit.files.len());
    let mut errors = Vec::new();
    for path in unit.files {
        match std::fs::read(&path) {
            Ok(bytes) => contents.push((path, bytes)),
            Err(error) => errors.push(InputError {
                path: display_path(&path),
                span: None,
                message: format!("cannot read the file: {error}"),
            }),
        }
    }
    if !contents
        .iter()
        .any(|(_, bytes)| may_hold_a_replication_set(unit.kind, bytes))
    {
        return if errors.is_empty() {
            Ok(None)
        } else {
            Err(errors)
        };
    }
    let mut files = Vec::with_capacity(contents.len());
    for (path, bytes) in contents {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                files.push(SourceFile::new(path, text));
            }
            Err(error) => errors.push(InputError {
                path: display_path(&path),
                span: None,
                message: format!(
                    "the file is not valid UTF-8 (at byte {})",
                    error.utf8_error().valid_up_to()
                ),
            }),
        }
    }
    if errors.is_empty() {
        Ok(Some(ReadUnit {
            kind: unit.kind,
            files,
        }))
    } else {
        Err(errors)
    }
}

fn parse(kind: UnitKind, files: &[UnitFile]) -> Parsed {
    match kind {
        UnitKind::CloudFormation => files
            .first()
            .map(|file| frontend::cloudformation::parse(*file))
            .unwrap_or_default(),
        UnitKind::Terraform => frontend::terraform::parse(files),
        UnitKind::Pulumi => frontend::pulumi::parse(files),
    }
}

/// Lints the given files and directories.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Outcome, DiscoverError> {
    let (units, walk_errors) = discover::discover(paths)?;
    let mut outcome = Outcome {
        files_seen: units.iter().map(|unit| unit.files.len()).sum(),
        ..Outcome::default()
    };
    outcome
        .errors
        .extend(walk_errors.into_iter().map(|error| InputError {
            path: String::new(),
            span: None,
            message: error.to_string(),
        }));

    let read: Vec<_> = units.into_par_iter().map(read_unit).collect();
    let mut unit_files: Vec<(UnitKind, Vec<FileId>)> = Vec::new();
    for result in read {
        match result {
            Ok(Some(unit)) => {
                let ids = unit
                    .files
                    .into_iter()
                    .map(|file| outcome.sources.add(file))
                    .collect();
                unit_files.push((unit.kind, ids));
            }
            Ok(None) => {}
            Err(errors) => outcome.errors.extend(errors),
        }
    }

    let sources = &outcome.sources;
    let parsed: Vec<Parsed> = unit_files
        .par_iter()
        .map(|(kind, ids)| {
            let files: Vec<UnitFile> = ids
                .iter()
                .map(|&id| UnitFile {
                    id,
                    source: sources.get(id),
                })
                .collect();
            parse(*kind, &files)
        })
        .collect();
    for parsed in parsed {
        outcome.errors.extend(parsed.errors);
        outcome.units.extend(parsed.unit);
    }
    if let Some(region) = &options.region {
        for deployment in outcome.units.iter_mut().flat_map(|u| &mut u.deployments) {
            deployment.region.get_or_insert_with(|| DeploymentRegion {
                name: region.clone(),
                span: None,
            });
        }
    }

    outcome.findings = outcome
        .units
        .par_iter()
        .flat_map_iter(rules::check_unit)
        .collect();
    let sources = &outcome.sources;
    outcome.findings.sort_by(|a, b| {
        (
            &sources.get(a.span.file).display_path,
            a.span.start,
            a.rule.id,
        )
            .cmp(&(
                &sources.get(b.span.file).display_path,
                b.span.start,
                b.rule.id,
            ))
    });
    outcome.errors.sort_by(|a, b| {
        (&a.path, a.span.map(|s| s.start)).cmp(&(&b.path, b.span.map(|s| s.start)))
    });
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilter_looks_for_the_resource_type() {
        assert!(may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_ssmincidents_replication_set\" \"x\" {}"
        ));
        assert!(!may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_s3_bucket\" \"x\" {}"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::CloudFormation,
            b"Type: AWS::SSMIncidents::ReplicationSet"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::Pulumi,
            b"new aws.ssmincidents.ReplicationSet(\"set\", {})"
        ));
    }
}
