//! What a finding is about, named by identities that survive edits: the unit, the resource and
//! the part of the resource (a region entry, a tag). Rules report spans only; the pipeline
//! derives the subject from the model, so that reports can tell one problem from another
//! across runs (SARIF's fingerprints) however the lines around it move.

use std::path::Path;

use crate::model::{Key, Protection, Region, RegionEntry, Regions, ReplicationSet, Unit};
use crate::source::{FileId, Sources, Span, display_path};

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Subject {
    /// The unit's format and the path it is grouped by, relative to the working directory:
    /// ``Terraform infra/prod``. A unit at a base revision is named by its working-tree path,
    /// so that a set keeps its subject across a change.
    pub unit: String,
    /// The resource, by the identity the code gives it:
    /// ``replication set aws_ssmincidents_replication_set.main``, ``key aws_kms_key.west``.
    pub resource: Option<String>,
    /// The part of the resource: ``region us-east-1``, ``tag Owner``.
    pub part: Option<String>,
}

/// A unit with the path discovery grouped it by and the files it was read from.
pub struct UnitPlace<'a> {
    pub root: &'a Path,
    pub unit: &'a Unit,
    pub files: &'a [FileId],
}

fn within(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && outer.start <= inner.start && inner.end <= outer.end
}

/// The subject of a finding whose primary span is `span`, among the units of a run. A span in
/// no unit's files is its file's subject.
pub fn of(span: Span, units: &[UnitPlace], sources: &Sources) -> Subject {
    let Some(place) = units.iter().find(|place| place.files.contains(&span.file)) else {
        return Subject {
            unit: sources.get(span.file).display_path.clone(),
            resource: None,
            part: None,
        };
    };
    let unit = place.unit;
    let (resource, part) = match owning_set(unit, span)
        .map(|set| (set_name(set), set_part(set, span, sources)))
        .or_else(|| owning_key(unit, span).map(|key| (key_name(key), None)))
        .or_else(|| nearest_declaration(unit, span).map(|resource| (resource, None)))
    {
        Some((resource, part)) => (Some(resource), part),
        None => (None, None),
    };
    Subject {
        unit: format!("{} {}", unit.format.name(), display_path(place.root)),
        resource,
        part,
    }
}

fn set_name(set: &ReplicationSet) -> String {
    format!("replication set {}", set.identity)
}

fn key_name(key: &Key) -> String {
    format!("key {}", key.identity)
}

/// The set whose declaration, regions, tags or protection hold the span.
fn owning_set(unit: &Unit, span: Span) -> Option<&ReplicationSet> {
    unit.replication_sets.iter().find(|set| {
        let regions = match &set.regions {
            Regions::Listed(entries) => entries.iter().map(|entry| entry.span).collect(),
            Regions::Unknown(value) => vec![value.span],
        };
        let protection = match &set.deletion_protection {
            Protection::Set(value) => Some(value.span),
            _ => None,
        };
        std::iter::once(set.span)
            .chain(regions)
            .chain(set.tags.iter().map(|tag| tag.span))
            .chain(protection)
            .any(|outer| within(span, outer))
    })
}

/// The region entry or tag of the set that holds the span.
fn set_part(set: &ReplicationSet, span: Span, sources: &Sources) -> Option<String> {
    if let Some(entry) = set
        .listed_regions()
        .iter()
        .find(|entry| within(span, entry.span))
    {
        return Some(format!("region {}", region_name(entry, sources)));
    }
    set.tags
        .iter()
        .find(|tag| within(span, tag.span))
        .map(|tag| match tag.key.known() {
            Some(key) => format!("tag {key}"),
            None => format!("tag {}", sources.text(tag.key.span)),
        })
}

/// A region entry by the region it names, or by the expression that names it when the region
/// is not a known name.
fn region_name(entry: &RegionEntry, sources: &Sources) -> String {
    match entry.name.known() {
        Some(Region::Named(name)) => name.clone(),
        _ => sources.text(entry.name.span).to_owned(),
    }
}

/// The key whose declaration or attributes hold the span. Its region is left out: the span it
/// was read from may be a provider's, shared by other resources.
fn owning_key(unit: &Unit, span: Span) -> Option<&Key> {
    unit.keys.iter().find(|key| {
        let attributes = [&key.spec, &key.usage, &key.origin, &key.custom_key_store]
            .into_iter()
            .flatten()
            .map(|value| value.span)
            .chain(key.enabled.as_ref().map(|value| value.span));
        std::iter::once(key.span)
            .chain(attributes)
            .any(|outer| within(span, outer))
    })
}

/// The replication set or key declared last before the span in its file: the resource whose
/// body a span that the model does not describe (a key policy, a lifecycle block) lies in.
fn nearest_declaration(unit: &Unit, span: Span) -> Option<String> {
    let sets = unit
        .replication_sets
        .iter()
        .map(|set| (set.span, set_name(set)));
    let keys = unit.keys.iter().map(|key| (key.span, key_name(key)));
    sets.chain(keys)
        .filter(|(declared, _)| declared.file == span.file && declared.start <= span.start)
        .max_by_key(|(declared, _)| declared.start)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::frontend::{UnitFile, terraform};
    use crate::source::SourceFile;

    const MAIN_TF: &str = r#"provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "east" {
  deletion_window_in_days = 7
  is_enabled              = true
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.east.arn
  }
  regions {
    name = var.second_region
  }
  tags = {
    Owner = "incident-response"
  }
}
"#;

    /// The subject of a finding at the first occurrence of `needle` in `MAIN_TF`, as a
    /// Terraform module `infra/incidents`.
    fn subject_at(needle: &str) -> Subject {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(
            PathBuf::from("infra/incidents/main.tf"),
            MAIN_TF.to_owned(),
        ));
        let parsed = terraform::parse(&[UnitFile {
            id: file,
            source: sources.get(file),
        }]);
        let unit = parsed.unit.expect("the module holds a replication set");
        let start = MAIN_TF.find(needle).expect("the needle is in the module");
        let place = UnitPlace {
            root: Path::new("infra/incidents"),
            unit: &unit,
            files: &[file],
        };
        of(
            Span::new(file, start, start + needle.len()),
            &[place],
            &sources,
        )
    }

    fn subject(resource: Option<&str>, part: Option<&str>) -> Subject {
        Subject {
            unit: "Terraform infra/incidents".to_owned(),
            resource: resource.map(str::to_owned),
            part: part.map(str::to_owned),
        }
    }

    const SET: Option<&str> = Some("replication set aws_ssmincidents_replication_set.main");

    #[test]
    fn a_span_in_a_region_entry_is_about_that_region() {
        assert_eq!(
            subject_at("aws_kms_key.east.arn"),
            subject(SET, Some("region us-east-1"))
        );
        assert_eq!(
            subject_at("var.second_region"),
            subject(SET, Some("region var.second_region"))
        );
    }

    #[test]
    fn a_span_in_a_tag_is_about_the_tag_and_the_declaration_about_the_set() {
        assert_eq!(
            subject_at(r#""incident-response""#),
            subject(SET, Some("tag Owner"))
        );
        assert_eq!(
            subject_at(r#"resource "aws_ssmincidents_replication_set" "main""#),
            subject(SET, None)
        );
    }

    #[test]
    fn a_span_in_a_key_is_about_the_key_even_where_the_model_does_not_look() {
        let key = Some("key aws_kms_key.east");
        assert_eq!(
            subject_at("is_enabled              = true"),
            subject(key, None)
        );
        assert_eq!(subject_at("deletion_window_in_days"), subject(key, None));
    }

    #[test]
    fn a_span_before_every_resource_is_about_the_unit() {
        assert_eq!(subject_at(r#"region = "us-east-1""#), subject(None, None));
    }
}
