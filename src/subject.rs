//! What a finding is about, named by identities that survive edits: the unit, the resource and
//! the part of the resource (a region entry, a tag). Rules report spans only; the pipeline
//! derives the subject from the model, so that reports can tell one problem from another
//! across runs (SARIF's fingerprints) however the lines around it move.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Key, Protection, Region, RegionEntry, Regions, ReplicationSet, Unit};
use crate::source::{FileId, Sources, Span, display_path};
use crate::workspace::absolute;

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Subject {
    /// The unit's format and the path it is grouped by, relative to the top of the repository
    /// (outside git: the working directory), wherever irlint runs from: ``Terraform
    /// infra/prod``. A unit at a base revision is named by its working-tree path, so that a set
    /// keeps its subject across a change.
    pub unit: String,
    /// The resource, by the identity the code gives it:
    /// ``replication set aws_ssmincidents_replication_set.main``, ``key aws_kms_key.west``.
    pub resource: Option<String>,
    /// The part of the resource: ``region us-east-1``, ``tag Owner``.
    pub part: Option<String>,
}

impl Subject {
    /// A file as a whole, for a finding outside every unit.
    pub fn file(file: FileId, sources: &Sources) -> Subject {
        Subject {
            unit: sources.get(file).display_path.clone(),
            resource: None,
            part: None,
        }
    }
}

/// A unit with the path discovery grouped it by (its template, its module or project
/// directory), which names it alike on both sides.
#[derive(Clone, Copy)]
pub struct Placed<'a> {
    pub root: &'a Path,
    pub unit: &'a Unit,
    /// Whether its files were parsed without error. A set of a base unit that was not is
    /// paired, so that no other set is taken for it, but not compared: what it was is unknown.
    pub complete: bool,
    /// The files it was read from.
    pub files: &'a [FileId],
}

/// A path relative to `top`, `/`-separated; as reports show it when it lies outside.
fn name(top: &Path, path: &Path) -> String {
    match absolute(path).strip_prefix(top) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
        Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
        Err(_) => display_path(path),
    }
}

/// The units of a run, indexed so that naming the subject of each of many findings costs a few
/// binary searches, not a search of every unit, set and key (a unit of 10,000 sets with 30,000
/// findings took seconds).
pub struct Subjects<'a> {
    /// What paths are named relative to.
    top: PathBuf,
    places: Vec<Placed<'a>>,
    owners: Vec<Owners>,
    /// Each unit's format and path, as [`Subject::unit`] names it.
    unit_names: Vec<String>,
    /// The units read from each file, in the order given: a Terraform plan is read as the state
    /// it changes from and the state it plans, whose resources lie in different parts of it.
    place_of_file: HashMap<FileId, Vec<usize>>,
}

/// A resource of a unit: a replication set or a key, by its position in the unit.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Resource {
    Set(usize),
    Key(usize),
}

/// The part of a set that a span lies in, in the order a span in several is named by.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Region(usize),
    Tag(usize),
    /// The declaration, or another span of the resource that names no part.
    Whole,
}

/// A span the model gives a resource: its declaration, or a region entry, tag or attribute.
struct Extent {
    span: Span,
    resource: Resource,
    part: Part,
    /// The nearest extent before it that holds it. Spans come from syntax trees, so extents nest
    /// or lie apart: every extent holding a span is an ancestor of the last one to start before
    /// it, and a search walks only that chain (a set of 59,000 regions would otherwise be
    /// searched once for each of its findings).
    parent: Option<usize>,
}

/// The extents of one unit's resources, by file and start, and their declarations alone.
struct Owners {
    extents: Vec<Extent>,
    declarations: Vec<(Span, Resource)>,
}

impl Owners {
    fn of(unit: &Unit) -> Owners {
        let mut extents = Vec::new();
        let mut declarations = Vec::new();
        for (index, set) in unit.replication_sets.iter().enumerate() {
            let resource = Resource::Set(index);
            declarations.push((set.span, resource));
            let regions: Vec<(Span, Part)> = match &set.regions {
                Regions::Listed(entries) => entries
                    .iter()
                    .enumerate()
                    .map(|(entry, region)| (region.span, Part::Region(entry)))
                    .collect(),
                Regions::Unknown(value) => vec![(value.span, Part::Whole)],
            };
            let protection = match &set.deletion_protection {
                Protection::Set(value) => Some((value.span, Part::Whole)),
                _ => None,
            };
            let tags = set
                .tags
                .iter()
                .enumerate()
                .map(|(tag, declared)| (declared.span, Part::Tag(tag)));
            let spans = std::iter::once((set.span, Part::Whole))
                .chain(regions)
                .chain(tags)
                .chain(protection);
            extents.extend(spans.map(|(span, part)| (span, resource, part)));
        }
        for (index, key) in unit.keys.iter().enumerate() {
            let resource = Resource::Key(index);
            declarations.push((key.span, resource));
            let attributes = [&key.spec, &key.usage, &key.origin, &key.custom_key_store]
                .into_iter()
                .flatten()
                .map(|value| value.span)
                .chain(key.enabled.as_ref().map(|value| value.span));
            extents.extend(
                std::iter::once(key.span)
                    .chain(attributes)
                    .map(|span| (span, resource, Part::Whole)),
            );
        }
        // Outer before inner at one start, so that a parent comes before its children.
        extents.sort_by_key(|(span, ..)| (span.file, span.start, Reverse(span.end)));
        let spans: Vec<Span> = extents.iter().map(|(span, ..)| *span).collect();
        let mut open: Vec<usize> = Vec::new();
        let extents = extents
            .into_iter()
            .enumerate()
            .map(|(index, (span, resource, part))| {
                while let Some(&last) = open.last() {
                    if spans[last].contains(span) {
                        break;
                    }
                    open.pop();
                }
                let parent = open.last().copied();
                open.push(index);
                Extent {
                    span,
                    resource,
                    part,
                    parent,
                }
            })
            .collect();
        // Stable: at one start, a key sorts after a set and wins, as the later declaration.
        declarations.sort_by_key(|(span, _)| (span.file, span.start));
        Owners {
            extents,
            declarations,
        }
    }

    /// The resource one of whose extents holds the span (the first set, else the first key),
    /// and the part of it that holds the span.
    fn holding(&self, span: Span) -> Option<(Resource, Part)> {
        let after = self.extents.partition_point(|extent| {
            (extent.span.file, extent.span.start) <= (span.file, span.start)
        });
        let mut holding = None;
        let mut next = after.checked_sub(1);
        while let Some(index) = next {
            let extent = &self.extents[index];
            if extent.span.contains(span) {
                let found = (extent.resource, extent.part);
                holding = Some(holding.map_or(found, |held: (Resource, Part)| held.min(found)));
            }
            next = extent.parent;
        }
        holding
    }

    /// The resource declared last before the span in its file: the one whose body a span
    /// that the model does not describe (a key policy, a lifecycle block) lies in.
    fn declared_before(&self, span: Span) -> Option<(Span, Resource)> {
        let after = self.declarations.partition_point(|(declared, _)| {
            (declared.file, declared.start) <= (span.file, span.start)
        });
        self.declarations[..after]
            .last()
            .filter(|(declared, _)| declared.file == span.file)
            .copied()
    }
}

impl<'a> Subjects<'a> {
    /// The subjects of the units `places` hold, their paths named relative to `top`.
    pub fn new(places: Vec<Placed<'a>>, top: &Path) -> Subjects<'a> {
        let mut place_of_file = HashMap::new();
        for (index, place) in places.iter().enumerate() {
            for file in place.files {
                place_of_file
                    .entry(*file)
                    .or_insert_with(Vec::new)
                    .push(index);
            }
        }
        let owners = places.iter().map(|place| Owners::of(place.unit)).collect();
        let top = absolute(top);
        // Named once per unit, not once per finding (a unit may have tens of thousands).
        let unit_names = places
            .iter()
            .map(|place| format!("{} {}", place.unit.format.name(), name(&top, place.root)))
            .collect();
        Subjects {
            top,
            places,
            owners,
            unit_names,
            place_of_file,
        }
    }

    /// Where the replication set or key that a span lies in is declared: the nearest
    /// declaration at or before it in its file.
    pub fn declaration_before(&self, span: Span) -> Option<Span> {
        let &place = self.place_of_file.get(&span.file)?.first()?;
        self.owners[place]
            .declared_before(span)
            .map(|(declared, _)| declared)
    }

    /// The subject of a finding whose primary span is `span`. A span in no unit's files is its
    /// file's subject.
    pub fn of(&self, span: Span, sources: &Sources) -> Subject {
        let places = self
            .place_of_file
            .get(&span.file)
            .map_or(&[][..], Vec::as_slice);
        // The unit one of whose resources holds the span, else the first.
        let holding = places.iter().find_map(|&index| {
            let held = self.owners[index].holding(span)?;
            Some((index, Some(held)))
        });
        let Some((index, held)) = holding.or(places.first().map(|&index| (index, None))) else {
            return Subject {
                unit: name(&self.top, &sources.get(span.file).path),
                resource: None,
                part: None,
            };
        };
        let (place, owners) = (&self.places[index], &self.owners[index]);
        let unit = place.unit;
        let (resource, part) = match held {
            Some((Resource::Set(set), part)) => {
                let set = &unit.replication_sets[set];
                (Some(set_name(set)), set_part(set, part, sources))
            }
            Some((Resource::Key(key), _)) => (Some(key_name(&unit.keys[key])), None),
            None => {
                let declared = owners
                    .declared_before(span)
                    .map(|(_, resource)| match resource {
                        Resource::Set(set) => set_name(&unit.replication_sets[set]),
                        Resource::Key(key) => key_name(&unit.keys[key]),
                    });
                (declared, None)
            }
        };
        Subject {
            unit: self.unit_names[index].clone(),
            resource,
            part,
        }
    }
}

fn set_name(set: &ReplicationSet) -> String {
    format!("replication set {}", set.identity)
}

fn key_name(key: &Key) -> String {
    format!("key {}", key.identity)
}

/// The region entry or tag of the set, by name.
fn set_part(set: &ReplicationSet, part: Part, sources: &Sources) -> Option<String> {
    match part {
        Part::Region(entry) => {
            let entry = set.listed_regions().get(entry)?;
            Some(format!("region {}", region_name(entry, sources)))
        }
        Part::Tag(tag) => {
            let tag = set.tags.get(tag)?;
            Some(match tag.key.known() {
                Some(key) => format!("tag {key}"),
                None => format!("tag {}", sources.text(tag.key.span)),
            })
        }
        Part::Whole => None,
    }
}

/// A region entry by the region it names, or by the expression that names it when the region
/// is not a known name.
fn region_name(entry: &RegionEntry, sources: &Sources) -> String {
    match entry.name.known() {
        Some(Region::Named(name)) => name.clone(),
        _ => sources.text(entry.name.span).to_owned(),
    }
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
        let unit_file = UnitFile {
            id: file,
            source: sources.get(file),
        };
        let parsed = terraform::parse(&[unit_file]);
        let unit = parsed.unit.expect("the module holds a replication set");
        let start = MAIN_TF.find(needle).expect("the needle is in the module");
        let place = Placed {
            root: std::path::Path::new("infra/incidents"),
            unit: &unit,
            complete: true,
            files: &[file],
        };
        let top = std::env::current_dir().expect("a working directory");
        Subjects::new(vec![place], &top).of(Span::new(file, start, start + needle.len()), &sources)
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
