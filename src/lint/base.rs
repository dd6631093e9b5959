//! The `--base` stage: the linted paths as they were at a git revision ([`change::git`]) go
//! through the same read, configure and parse stages as the working tree's, and each
//! replication set of the two sides is paired with its other self ([`change`]) for the change
//! rules. With `--new-only`, the state rules' findings the base revision has already are named
//! here too.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::configure::{FileSettings, UnitConfigurations};
use super::parse::{self, LoadInputs, LoadedSide};
use super::read::Origin;
use super::{Error, suppress};
use crate::change;
use crate::change::git::Snapshot;
use crate::discover::{Named, UnitPaths};
use crate::finding::Finding;
use crate::rules;
use crate::source::{FileId, Sources};
use crate::subject::Subjects;
use crate::workspace::Workspace;

/// The revision `--base` names, with what the walk found in the working tree: a unit whose sets
/// the change deletes may no longer name their type, and is then read only once the base tells.
pub(super) struct Revision {
    pub(super) snapshot: Snapshot,
    pub(super) walked: Vec<UnitPaths>,
}

/// Opens the revision `--base` names, at the linted paths.
pub(super) fn open(
    options: &super::Options,
    workspace: &Workspace,
    paths: &[PathBuf],
) -> Result<Option<Snapshot>, Error> {
    (options.base.as_deref())
        .map(|revision| Snapshot::open(workspace, revision, paths))
        .transpose()
        .map_err(Error::Base)
}

/// What comparing with the base revision gave.
#[derive(Default)]
pub(super) struct Compared {
    /// The units of the base revision.
    pub(super) side: LoadedSide,
    /// The files the working tree holds where the base's sets were, by the place of their unit,
    /// read for the change whether or not they make a unit.
    left_behind: Vec<(PathBuf, Vec<FileId>)>,
    /// What the change rules find.
    pub(super) findings: Vec<Finding>,
}

impl Compared {
    /// The working tree's files by the place of their unit: the units of `head`, and what is
    /// left where the base's sets were.
    pub(super) fn working_tree<'a>(
        &'a self,
        head: &'a LoadedSide,
    ) -> Vec<(&'a Path, &'a [FileId])> {
        let left_behind =
            (self.left_behind.iter()).map(|(root, files)| (root.as_path(), files.as_slice()));
        (head.units.iter())
            .map(|loaded| (loaded.root.as_path(), loaded.files.as_slice()))
            .chain(left_behind)
            .collect()
    }
}

/// Reads the base revision's units and runs the change rules on every pair of sets. The
/// working tree's units where the base's sets were, that hold none any more, join `head`
/// (after its linted units) for what the change does to their keys. `head_read_whole` says
/// whether the working tree was read without error: else a set missing from it may still be
/// there.
pub(super) fn compare(
    revision: &Revision,
    named: &Named,
    configuration: &mut UnitConfigurations,
    head: &mut LoadedSide,
    sources: &mut Sources,
    inputs: &LoadInputs,
    head_read_whole: bool,
) -> Result<Compared, Error> {
    let Revision { snapshot, walked } = revision;
    // Files of the base that cannot be read or parsed are not reported: the change may be what
    // repairs them. No change rule compares what they hold.
    let mut units = snapshot.units();
    units.retain(|unit| named.keeps(unit));
    let (units, _) = configuration.units(units)?;
    let base = parse::load(
        &Origin::Revision(snapshot),
        units,
        sources,
        inputs,
        configuration,
    )
    .map_err(Error::Base)?;
    // The working tree's units where the base's sets were, that hold none any more (their
    // errors are no finding of the lint: the units are not linted).
    let read: HashSet<&Path> = (head.units.iter())
        .map(|loaded| loaded.root.as_path())
        .collect();
    let held_sets: HashSet<&Path> = (base.units.iter())
        .filter(|loaded| !loaded.unit.replication_sets.is_empty())
        .map(|loaded| loaded.root.as_path())
        .collect();
    let remaining: Vec<UnitPaths> = (walked.iter())
        .filter(|unit| {
            let root = unit.root.as_path();
            held_sets.contains(root) && !read.contains(root)
        })
        .cloned()
        .collect();
    let first_read = sources.len();
    let remains = parse::load(
        &Origin::Remains(inputs.overlay),
        remaining.clone(),
        sources,
        inputs,
        configuration,
    )
    .map_err(Error::Base)?;
    let read_now: HashMap<&Path, FileId> = (first_read..sources.len())
        .map(|index| (sources.get(FileId(index)).path.as_path(), FileId(index)))
        .collect();
    let left_behind = (remaining.iter())
        .map(|unit| {
            let files = (unit.files.iter()).filter_map(|path| read_now.get(path.as_path()));
            (unit.root.clone(), files.copied().collect())
        })
        .collect();
    head.units.extend(remains.units);
    let walked_roots: HashSet<&Path> = walked.iter().map(|unit| unit.root.as_path()).collect();
    let holds_files = |root: &Path| walked_roots.contains(root);
    let pairs = change::pair_sets(
        snapshot.revision(),
        &base.placed(),
        &head.placed(),
        &holds_files,
    );
    let findings = (pairs.iter())
        .filter(|pair| pair.head.is_some() || head_read_whole)
        .flat_map(rules::check_change)
        .collect();
    Ok(Compared {
        side: base,
        left_behind,
        findings,
    })
}

/// What a run at the base revision would have reported of the state rules' findings (a change
/// rule compares two revisions, so the base has none of its own): what the configuration runs,
/// less what suppressions written there cover, with the findings about suppressions; each
/// with its subject, for `--new-only`.
pub(super) fn reported_at_base(
    base: &LoadedSide,
    settings: &FileSettings,
    sources: &Sources,
    subjects: &Subjects,
    ignore_suppressions: bool,
) -> Vec<Finding> {
    let found = (base.units.par_iter())
        .flat_map_iter(|loaded| rules::check_unit(&loaded.unit))
        .collect();
    let mut reported = settings.configure(sources, found);
    if !ignore_suppressions {
        let base_files: Vec<FileId> = (base.units.iter())
            .flat_map(|loaded| loaded.files.iter().copied())
            .collect();
        // As the working tree's are judged with a base revision, for the same verdicts.
        (reported, _) = suppress::apply(
            reported,
            (&base_files, &base.units),
            sources,
            subjects,
            settings,
            true,
        );
    }
    for finding in &mut reported {
        finding.subject = Some(subjects.of(finding.span, sources));
    }
    reported
}
