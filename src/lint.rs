//! The pipeline: discover → read and prefilter → parse (front-ends) → check (rules).
//!
//! With a base revision, the same pipeline reads the linted paths as they were at that revision
//! (from git instead of the file system), and the change rules compare each replication set of
//! the two sides.
//!
//! Each unit's configuration (`irlint.toml`) leaves out the files it excludes before they are
//! read, gives the region of its deployments, and decides which findings are kept and at which
//! level; then suppressions written in the source take the findings they cover out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

mod modules;
use modules::ModuleDirectory;

use crate::baseline::{Baseline, BaselineError};
use crate::change::{self, Declared, Remains, SetPair};
use crate::config::{self, Applied, Config, ConfigError, Configs};
use crate::discover::{self, UnitKind, UnitPaths};
use crate::finding::Finding;
use crate::frontend::{self, Parsed, Prior, UnitFile};
use crate::git::{self, GitError, Snapshot};
use crate::input_error::InputError;
use crate::model::{DeploymentRegion, Unchecked, Unit};
use crate::outcome::Outcome;
use crate::rule_meta::RuleMeta;
use crate::rules::{self, Registered};
use crate::source::{FileId, SourceFile, Sources, Span, display_path};
use crate::subject::{Placed, Subjects};
use crate::suppress;
use crate::unchecked;
use crate::workspace::{Workspace, WorkspaceError};

/// What the run is asked to do beyond the paths.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The region of deployments that do not say their own (CloudFormation stacks); it wins
    /// over the configuration's.
    pub region: Option<String>,
    /// A git revision to compare the working tree with (`--base`): the change rules run on
    /// every replication set as it was there and as it is now.
    pub base: Option<String>,
    /// With `base`, leave out the findings of the state rules that the base revision has
    /// already (`--new-only`), by fingerprint ([`crate::baseline`]).
    pub new_only: bool,
    /// An earlier JSON report or SARIF log of irlint whose findings are not reported again
    /// (`--baseline`), by fingerprint.
    pub baseline: Option<PathBuf>,
    /// Texts that stand in for files of the working tree (an editor's unsaved buffers), by the
    /// path as discovery spells it: the linted path, joined with the names below it.
    pub overlay: BTreeMap<PathBuf, String>,
    /// The configuration of every unit (`--config`), instead of the nearest `irlint.toml`.
    pub config: Option<PathBuf>,
    /// Report what suppressions in the source would suppress, and nothing about them
    /// (`--no-suppressions`).
    pub ignore_suppressions: bool,
    /// The top of the git work tree the run trusts (`--repo`), instead of the one that holds the
    /// working directory.
    pub repository: Option<PathBuf>,
    /// A git revision whose configuration files apply instead of the working tree's
    /// (`--config-from`): a pull request's own `irlint.toml` then changes nothing.
    pub config_from: Option<String>,
    /// Terraform variable files applied to every module after those it loads itself
    /// (`--var-file`, in the order given), as `terraform plan -var-file` does.
    pub var_files: Vec<PathBuf>,
    /// Terraform variable values (`--var NAME=VALUE`), applied after the variable files.
    pub vars: Vec<(String, String)>,
    /// The rules the command line selects and ignores, over every unit's configuration.
    pub rules: config::RuleChoice,
    /// The named paths are every file of the units to lint (the language server names them):
    /// no unit is looked for around a named file, and every finding of the units is reported.
    pub files_are_units: bool,
}

/// Why a run could not start: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("--base: {0}")]
    Base(GitError),
    #[error("--config-from: {0}")]
    ConfigFrom(GitError),
    #[error("--var-file {}: {error}", path.display())]
    VarFile {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
}

/// The most related locations a finding keeps, in every format: code scanning takes no more per
/// result, and a finding with thousands (a region listed 50,000 times) says nothing more with
/// them.
pub const MAX_RELATED: usize = 1_000;

/// Byte strings of which a unit must contain one to be parsed at all: the replication set's
/// resource type as each format spells it (Terraform's `aws_` and `awscc_` types end alike;
/// Pulumi's module is `ssmincidents` in both the `aws` and `aws-native` providers, and in every
/// language but C#, which writes `SsmIncidents`).
/// Everything else a rule needs (keys, providers) only matters in a unit that holds a
/// replication set.
fn needles(kind: UnitKind) -> &'static [&'static str] {
    match kind {
        // A Terraform plan (`plan.json`) is read with the templates, and names the Terraform type.
        UnitKind::CloudFormation => &[
            "SSMIncidents::ReplicationSet",
            "ssmincidents_replication_set",
        ],
        UnitKind::Terraform => &["ssmincidents_replication_set"],
        UnitKind::Pulumi => &["ssmincidents", "SsmIncidents", "SSMIncidents"],
        // The CDK's L1 class, in every language.
        UnitKind::Cdk => &[frontend::cdk::sdk::SET_CLASS],
    }
}

fn may_hold_a_replication_set(kind: UnitKind, bytes: &[u8]) -> bool {
    needles(kind)
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// The largest file irlint reads. CloudFormation takes templates of at most 1 MB (from S3;
/// 51,200 bytes inline), and hand-written Terraform and Pulumi sources are smaller still: twice
/// that leaves room for formatting. At this size parsing one file takes up to 190 MB (a Python
/// program; 105 MB for Terraform, 75 MB for a YAML template), so a larger file (generated data,
/// a bundle) is only looked through for the resource type, in chunks, never held whole.
pub const MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// The largest Terraform plan irlint reads. `terraform show -json` writes every planned attribute
/// of every resource on one line, so the plan of a large configuration passes 2 MiB easily; it is
/// generated, not edited, and read in about 20 times its size of memory (a plan of 15.3 MiB in
/// 1.1 s and 320 MiB).
pub const MAX_PLAN_SIZE: u64 = 16 * 1024 * 1024;

/// How many bytes from the start of a file tell whether it is a Terraform plan.
const PLAN_START: u64 = 64;

/// The largest size a file may have: more for a Terraform plan, known by its first bytes.
fn size_limit(kind: UnitKind, start: &[u8]) -> u64 {
    let plan = kind == UnitKind::CloudFormation && frontend::terraform_plan::starts_like_one(start);
    if plan { MAX_PLAN_SIZE } else { MAX_FILE_SIZE }
}

/// What reading a file gave.
enum Contents {
    Bytes(Vec<u8>),
    /// A file over its size limit, of which only whether it names the resource type is known.
    TooLarge {
        size: u64,
        limit: u64,
        names_the_type: bool,
    },
}

impl Contents {
    fn of(kind: UnitKind, bytes: Vec<u8>) -> Contents {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        let limit = size_limit(kind, &bytes);
        if size > limit {
            Contents::TooLarge {
                size,
                limit,
                names_the_type: may_hold_a_replication_set(kind, &bytes),
            }
        } else {
            Contents::Bytes(bytes)
        }
    }

    fn may_hold_a_replication_set(&self, kind: UnitKind) -> bool {
        match self {
            Contents::Bytes(bytes) => may_hold_a_replication_set(kind, bytes),
            Contents::TooLarge { names_the_type, .. } => *names_the_type,
        }
    }
}

/// Reads a file of the working tree (see [`read_contents`]).
fn read_file(kind: UnitKind, path: &Path) -> std::io::Result<Contents> {
    let file = std::fs::File::open(path)?;
    let stated = file.metadata()?.len();
    read_contents(kind, file, stated)
}

/// Reads a file whose size is stated to be `stated`, unless it is over its size limit
/// ([`size_limit`]): such a file is streamed through the prefilter instead, in memory a chunk at
/// a time.
fn read_contents(kind: UnitKind, mut file: impl Read, stated: u64) -> std::io::Result<Contents> {
    const CHUNK: usize = 1 << 16;
    let mut bytes = Vec::new();
    (&mut file).take(PLAN_START).read_to_end(&mut bytes)?;
    let limit = size_limit(kind, &bytes);
    if stated <= limit {
        // The size the file system states is only a hint (files grow, `/proc` states 0).
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        (&mut file)
            .take((limit + 1).saturating_sub(read))
            .read_to_end(&mut bytes)?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) <= limit {
            return Ok(Contents::Bytes(bytes));
        }
    }
    // A needle may straddle two chunks: each chunk is searched with the end of the one before.
    let overlap = needles(kind)
        .iter()
        .map(|needle| needle.len())
        .max()
        .unwrap_or(1)
        - 1;
    let mut names_the_type = may_hold_a_replication_set(kind, &bytes);
    let mut size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let mut kept = bytes.len().min(overlap);
    bytes.drain(..bytes.len() - kept);
    bytes.resize(kept + CHUNK, 0);
    while !names_the_type {
        let read = match file.read(&mut bytes[kept..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        size += u64::try_from(read).unwrap_or(u64::MAX);
        let filled = kept + read;
        names_the_type = may_hold_a_replication_set(kind, &bytes[..filled]);
        kept = filled.min(overlap);
        bytes.copy_within(filled - kept..filled, 0);
    }
    Ok(Contents::TooLarge {
        size: size.max(stated),
        limit,
        names_the_type,
    })
}

/// Sizes as a person reads them: `50.0 MiB`.
fn mebibytes(size: u64) -> String {
    let mebibytes = size as f64 / (1024.0 * 1024.0);
    format!("{mebibytes:.1} MiB")
}

/// Where a side's files are read from.
enum Origin<'a> {
    /// The file system, where the overlay holds no text for the path.
    WorkingTree(&'a BTreeMap<PathBuf, String>),
    /// The working tree's units at the places of base units whose sets the change deletes,
    /// read whether or not they still name the set's type: for what the change does to their
    /// keys, and where findings about what it deleted point ([`change::relocate_deletions`]).
    Remains(&'a BTreeMap<PathBuf, String>),
    Revision(&'a Snapshot),
}

impl<'a> Origin<'a> {
    fn display_path(&self, path: &Path) -> String {
        match self {
            Origin::WorkingTree(_) | Origin::Remains(_) => display_path(path),
            Origin::Revision(snapshot) => snapshot.display_path(path),
        }
    }

    /// The texts that stand in for files, when the files are the working tree's.
    fn overlay(&self) -> Option<&'a BTreeMap<PathBuf, String>> {
        match self {
            Origin::WorkingTree(overlay) | Origin::Remains(overlay) => Some(overlay),
            Origin::Revision(_) => None,
        }
    }

    /// Reads every unit's files and keeps the units that may hold a replication set: in
    /// parallel from the file system, in order through one git process from a revision.
    fn read_units(&self, units: Vec<UnitPaths>) -> Result<Vec<Accepted>, GitError> {
        match self {
            Origin::WorkingTree(overlay) | Origin::Remains(overlay) => Ok(units
                .into_par_iter()
                .map(|UnitPaths { kind, root, files }| {
                    if kind == UnitKind::Cdk && !uses_the_cdk(&root, &files, overlay) {
                        return (None, Vec::new());
                    }
                    let contents = files
                        .into_iter()
                        .map(|path| {
                            let read = match overlay.get(&path) {
                                Some(text) => Ok(Contents::of(kind, text.clone().into_bytes())),
                                None => read_file(kind, &path),
                            };
                            (path, read)
                        })
                        .collect();
                    self.accept(kind, root, contents)
                })
                .collect()),
            Origin::Revision(snapshot) => {
                let mut blobs = snapshot.read(
                    units
                        .iter()
                        .flat_map(|unit| &unit.files)
                        .map(PathBuf::as_path),
                )?;
                units
                    .into_iter()
                    .map(|UnitPaths { kind, root, files }| {
                        let contents = files
                            .into_iter()
                            .map(|path| {
                                let blob = blobs.next_blob()?;
                                let size = blob.size;
                                Ok((path, read_contents(kind, blob, size)))
                            })
                            .collect::<Result<_, GitError>>()?;
                        Ok(self.accept(kind, root, contents))
                    })
                    .collect()
            }
        }
    }

    /// A unit whose files were read, `None` when none may hold a replication set, and the files
    /// that could not be read. Those are left out of the unit, which is built from the others;
    /// a file too large to read is only an error in a unit that is parsed.
    fn accept(
        &self,
        kind: UnitKind,
        root: PathBuf,
        contents: Vec<(PathBuf, std::io::Result<Contents>)>,
    ) -> Accepted {
        let mut read = Vec::with_capacity(contents.len());
        let mut unreadable = Vec::new();
        for (path, result) in contents {
            match result {
                Ok(contents) => read.push((path, contents)),
                Err(error) => unreadable.push(Unreadable {
                    path: self.display_path(&path),
                    message: format!("cannot read the file: {error}"),
                    shown: None,
                }),
            }
        }
        // A unit whose set the change deletes is read as if it held one.
        let holds_the_type = matches!(self, Origin::Remains(_))
            || read
                .iter()
                .any(|(_, contents)| contents.may_hold_a_replication_set(kind));
        // Which Terraform modules are parsed is decided with the modules they call.
        if !holds_the_type && kind != UnitKind::Terraform {
            return (None, unreadable);
        }
        let mut files = Vec::with_capacity(read.len());
        for (path, contents) in read {
            let display = self.display_path(&path);
            let bytes = match contents {
                Contents::Bytes(bytes) => bytes,
                Contents::TooLarge { .. } if !holds_the_type => continue,
                Contents::TooLarge { size, limit, .. } => {
                    unreadable.push(Unreadable {
                        path: display,
                        message: format!(
                            "the file is {}, larger than irlint reads ({}): it is not linted",
                            mebibytes(size),
                            mebibytes(limit)
                        ),
                        shown: None,
                    });
                    continue;
                }
            };
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let mut file = SourceFile::new(path, without_byte_order_mark(text));
                    file.display_path = display;
                    files.push(file);
                }
                Err(error) => {
                    let at = error.utf8_error().valid_up_to();
                    // Shown with the invalid bytes replaced, so that the error points at its
                    // line; up to `at` the replaced text is the file's.
                    let mut shown =
                        SourceFile::new(path, String::from_utf8_lossy(error.as_bytes()).into());
                    shown.display_path = display.clone();
                    unreadable.push(Unreadable {
                        path: display,
                        message: format!(
                            "the file is not valid UTF-8 (at byte {at}): it is not linted"
                        ),
                        shown: Some((shown, at..at + char::REPLACEMENT_CHARACTER.len_utf8())),
                    });
                }
            }
        }
        let unit = (!files.is_empty()).then_some(ReadUnit {
            kind,
            root,
            files,
            holds_the_type,
        });
        (unit, unreadable)
    }
}

/// Whether a CDK unit may use the CDK: an app (it has `cdk.json`), or a package whose manifest
/// names the CDK's library. A package of other code (a service, a tool) is passed over without
/// its sources being read: a monorepo holds many.
fn uses_the_cdk(root: &Path, files: &[PathBuf], overlay: &BTreeMap<PathBuf, String>) -> bool {
    const LIBRARY: &[u8] = b"aws-cdk-lib";
    let app = std::ffi::OsStr::new(frontend::cdk::APP_FILE);
    if files.iter().any(|path| path.file_name() == Some(app)) {
        return true;
    }
    let manifests = (files.iter())
        .filter(|path| path.parent() == Some(root) && crate::discover::is_package_manifest(path));
    manifests.into_iter().any(|path| match overlay.get(path) {
        Some(text) => memchr::memmem::find(text.as_bytes(), LIBRARY).is_some(),
        None => matches!(read_file(UnitKind::Cdk, path), Ok(Contents::Bytes(bytes))
            if memchr::memmem::find(&bytes, LIBRARY).is_some()),
    })
}

/// The text of a file without the byte order mark some editors write first.
fn without_byte_order_mark(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// A file that could not be read as text.
struct Unreadable {
    path: String,
    message: String,
    /// The text shown for the file, and where in it the error is.
    shown: Option<(SourceFile, Range<usize>)>,
}

impl Unreadable {
    fn into_error(self, sources: &mut Sources) -> InputError {
        let span = self.shown.map(|(file, range)| {
            let id = sources.add(file);
            Span::new(id, range.start, range.end)
        });
        InputError {
            path: self.path,
            span,
            message: self.message,
        }
    }
}

/// A unit whose files were read and passed the prefilter.
struct ReadUnit {
    kind: UnitKind,
    root: PathBuf,
    files: Vec<SourceFile>,
    /// Whether a file names the replication set's type; a Terraform module that does not may
    /// still call one that does.
    holds_the_type: bool,
}

type Accepted = (Option<ReadUnit>, Vec<Unreadable>);

/// Parses a template or a Pulumi project (Terraform modules are parsed with the modules they
/// call, [`modules::build`]); a template's stack deploys to `region` where its SAM configuration
/// names none.
/// `keep_without_sets` makes a unit of what declares no set (see [`Origin::Remains`]).
fn parse(
    kind: UnitKind,
    files: &[UnitFile],
    region: Option<&str>,
    keep_without_sets: bool,
) -> Parsed {
    match kind {
        // A JSON file is a Terraform plan when its content says so, else maybe a template.
        UnitKind::CloudFormation => files
            .first()
            .map(|file| {
                frontend::terraform_plan::parse(*file)
                    .unwrap_or_else(|| frontend::cloudformation::parse_unit(files, region))
            })
            .unwrap_or_default(),
        // `load` reads modules with the modules they call (`modules::build`); this reads one alone.
        UnitKind::Terraform => frontend::terraform::parse(files),
        UnitKind::Pulumi if keep_without_sets => frontend::pulumi::parse_without_sets(files),
        UnitKind::Pulumi => frontend::pulumi::parse(files),
        UnitKind::Cdk if keep_without_sets => frontend::cdk::parse_without_sets(files),
        UnitKind::Cdk => frontend::cdk::parse(files),
    }
}

/// A unit of one side, with the path discovery grouped it by and the files it was read from.
struct Loaded {
    root: PathBuf,
    files: Vec<FileId>,
    unit: Unit,
    /// The state the unit changes from, when it is a Terraform plan.
    prior: Option<Prior>,
    /// Whether all its files were read and parsed without error.
    complete: bool,
    config: Arc<Config>,
}

impl Loaded {
    fn placed<'a>(&'a self, unit: &'a Unit) -> Placed<'a> {
        Placed {
            root: &self.root,
            unit,
            complete: self.complete,
            files: &self.files,
        }
    }

    /// What the rules find in the unit: the state rules, and for a Terraform plan the change
    /// rules too, on each set as it is before the plan and as the plan leaves it.
    fn check(&self) -> Vec<Finding> {
        let mut findings = rules::check_unit(&self.unit);
        let Some(prior) = &self.prior else {
            return findings;
        };
        let revision = frontend::terraform_plan::PRIOR_STATE;
        let (before, after) = (self.placed(&prior.unit), self.placed(&self.unit));
        // What the plan leaves is all there is: nothing of the plan goes unread.
        let mut pairs = change::pair_sets(revision, &[before], &[after], &|_| true);
        // Replacing a set deletes it, whatever else the change compares.
        let replaced = (prior.unit.replication_sets.iter())
            .filter(|set| prior.replaced.contains(&set.identity))
            .map(|set| SetPair {
                revision,
                base: Some(Declared {
                    unit: &prior.unit,
                    set,
                }),
                head: None,
                remains: Remains::in_unit(after),
            });
        pairs.extend(replaced);
        findings.extend(pairs.iter().flat_map(rules::check_change));
        // A fix edits the code, and a plan is none: what the plan was made from is to fix.
        for finding in &mut findings {
            finding.fix = None;
        }
        findings
    }
}

/// The units of one side.
#[derive(Default)]
struct Side {
    units: Vec<Loaded>,
    errors: Vec<InputError>,
    /// What names a replication set but is not read ([`Parsed::unread`]).
    unread: Vec<Unchecked>,
}

impl Side {
    fn placed(&self) -> Vec<Placed<'_>> {
        self.units
            .iter()
            .map(|loaded| Placed {
                root: &loaded.root,
                unit: &loaded.unit,
                complete: loaded.complete,
                files: &loaded.files,
            })
            .collect()
    }

    /// The states the units that are Terraform plans change from, each placed as its plan.
    fn priors(&self) -> Vec<Placed<'_>> {
        (self.units.iter())
            .filter_map(|loaded| Some(loaded.placed(&loaded.prior.as_ref()?.unit)))
            .collect()
    }
}

/// The configuration of each unit, by the root discovery grouped it by.
type UnitConfigs = HashMap<PathBuf, Arc<Config>>;

/// Finds each unit's configuration and leaves out the files it excludes (and the units left with
/// none); says which configuration files applied and what they changed.
fn configure(
    units: Vec<UnitPaths>,
    configs: &mut Configs,
    unit_configs: &mut UnitConfigs,
) -> Result<(Vec<UnitPaths>, Vec<Applied>), ConfigError> {
    let mut kept = Vec::with_capacity(units.len());
    // Each configuration by its address, with its units and the files it excluded.
    let mut applied: Vec<(Arc<Config>, usize, usize)> = Vec::new();
    for mut unit in units {
        // A template's configuration is its directory's: asking for the template's own path
        // would first look for `irlint.toml` and `.git` inside the file, two failing system
        // calls per template.
        let directory = match unit.kind {
            UnitKind::CloudFormation => unit
                .root
                .parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
            UnitKind::Terraform | UnitKind::Pulumi | UnitKind::Cdk => &unit.root,
        };
        let config = configs.of_unit(directory)?;
        let files = unit.files.len();
        unit.files.retain(|file| !config.excludes(file));
        let excluded = files - unit.files.len();
        match applied
            .iter_mut()
            .find(|(known, ..)| Arc::ptr_eq(known, &config))
        {
            Some((_, units, files_excluded)) => {
                *units += 1;
                *files_excluded += excluded;
            }
            None => applied.push((Arc::clone(&config), 1, excluded)),
        }
        if !unit.files.is_empty() {
            unit_configs.insert(unit.root.clone(), config);
            kept.push(unit);
        }
    }
    let applied = applied
        .iter()
        .filter_map(|(config, units, excluded)| config.applied(*units, *excluded))
        .collect();
    Ok((kept, applied))
}

/// The variables the command line gives Terraform modules, as variable files: each
/// `--var-file`, then the `--var` values as one file named `--var` (a string unless the value
/// is a list or an object, as Terraform takes them).
fn command_line_variables(options: &Options) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut variables = Vec::new();
    for path in &options.var_files {
        let text = std::fs::read_to_string(path).map_err(|error| Error::VarFile {
            path: path.clone(),
            error,
        })?;
        variables.push((path.clone(), text));
    }
    if !options.vars.is_empty() {
        let mut text = String::new();
        for (name, value) in &options.vars {
            let value = match value.trim_start().starts_with(['[', '{']) {
                true => value.clone(),
                false => serde_json::Value::from(value.as_str())
                    .to_string()
                    .replace("${", "$${")
                    .replace("%{", "%%{"),
            };
            text.push_str(&format!("{name} = {value}\n"));
        }
        variables.push((PathBuf::from("--var"), text));
    }
    Ok(variables)
}

/// Reads and parses the units of one side into `sources`, Terraform modules with the
/// command line's `variables` ([`command_line_variables`]).
fn load(
    origin: &Origin,
    units: Vec<UnitPaths>,
    sources: &mut Sources,
    (options, variables): (&Options, &[(PathBuf, String)]),
    (unit_configs, workspace): (&UnitConfigs, &Workspace),
) -> Result<Side, GitError> {
    let mut side = Side::default();
    let variables: Vec<FileId> = (variables.iter())
        .map(|(path, text)| sources.add(SourceFile::new(path.clone(), text.clone())))
        .collect();
    // Each unit with whether all its files could be read.
    let mut unit_files: Vec<(UnitKind, PathBuf, Vec<FileId>, bool)> = Vec::new();
    let mut terraform_modules = Vec::new();
    for (unit, unreadable) in origin.read_units(units)? {
        match unit {
            Some(unit) if unit.kind == UnitKind::Terraform => {
                terraform_modules.push(ModuleDirectory::linted(unit, unreadable.is_empty()));
            }
            Some(unit) => {
                let ids = unit
                    .files
                    .into_iter()
                    .map(|file| sources.add(file))
                    .collect();
                unit_files.push((unit.kind, unit.root, ids, unreadable.is_empty()));
            }
            None => {}
        }
        side.errors.extend(
            unreadable
                .into_iter()
                .map(|unreadable| unreadable.into_error(sources)),
        );
    }
    let terraform_modules =
        modules::select(origin, terraform_modules, &|root| workspace.boundary(root));
    let terraform_modules = modules::add(terraform_modules, sources);
    let keep_without_sets = matches!(origin, Origin::Remains(_));
    let sources = &*sources;
    let unit_file = |id: &FileId| UnitFile {
        id: *id,
        source: sources.get(*id),
    };
    let variables: Vec<UnitFile> = variables.iter().map(unit_file).collect();
    let mut parsed: Vec<(PathBuf, Vec<FileId>, bool, Parsed)> = unit_files
        .into_par_iter()
        .map(|(kind, root, ids, read_whole)| {
            let files: Vec<UnitFile> = ids.iter().map(unit_file).collect();
            let config = unit_configs.get(&root);
            let region = (options.region.as_ref())
                .or_else(|| config.and_then(|config| config.region.as_ref()));
            let parsed = parse(kind, &files, region.map(String::as_str), keep_without_sets);
            (root, ids, read_whole, parsed)
        })
        .collect();
    let (roots, module_errors) =
        modules::build(&terraform_modules, sources, &variables, keep_without_sets);
    parsed.extend(roots);
    let mut parse_errors = module_errors;
    let mut files_without_sets = HashSet::new();
    let mut files_of_sets = HashSet::new();
    for (root, files, read_whole, parsed) in parsed {
        let holds_a_set =
            (parsed.unit.as_ref()).is_some_and(|unit| !unit.replication_sets.is_empty());
        if holds_a_set {
            files_of_sets.extend(files.iter().copied());
        } else {
            files_without_sets.extend(files.iter().copied());
        }
        if let Some(mut unit) = parsed.unit {
            let config = unit_configs.get(&root).cloned().unwrap_or_default();
            let region = options.region.as_ref().or(config.region.as_ref());
            if let Some(region) = region {
                let given = || DeploymentRegion {
                    name: region.clone(),
                    span: None,
                };
                for deployment in &mut unit.deployments {
                    deployment.region.get_or_insert_with(given);
                    deployment.native_region.get_or_insert_with(given);
                }
            }
            side.units.push(Loaded {
                root,
                files,
                unit,
                prior: parsed.prior,
                complete: read_whole && parsed.errors.is_empty(),
                config,
            });
        }
        parse_errors.extend(parsed.errors);
        side.unread.extend(parsed.unread);
    }
    side.errors.extend(parse_errors.into_iter().filter(|error| {
        error.span.is_none_or(|span| {
            let file = sources.get(span.file);
            !files_without_sets.contains(&span.file)
                || files_of_sets.contains(&span.file)
                || names_a_replication_set(&file.text)
                || discover::is_unit_manifest(&file.path)
        })
    }));
    Ok(side)
}

/// Whether a text names the replication set's type, as every format spells it
/// (`aws_ssmincidents_replication_set`, `AWS::SSMIncidents::ReplicationSet`, `CfnReplicationSet`,
/// `ssmincidents.ReplicationSet`, …). A file of a unit that was read and holds no set, and that
/// does not name the type, cannot hide one: that it does not parse is no error of the lint (a
/// module beside one that only looks a set up, a project with response plans only), as files that
/// cannot matter are not parsed at all. A file that names it may hold a set its error hides, and a
/// unit whose manifest could not be read ([`discover::is_unit_manifest`]) may hold any.
fn names_a_replication_set(text: &str) -> bool {
    ["ReplicationSet", "replication_set"]
        .iter()
        .any(|needle| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some())
}

/// Lints the given files and directories, and with a base revision the change since.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Outcome, Error> {
    let mut baseline = (options.baseline.as_deref())
        .map(Baseline::read)
        .transpose()?;
    let workspace = Workspace::find(options.repository.as_deref())?;
    for path in paths {
        workspace.check(path)?;
    }
    let named = match options.files_are_units {
        true => discover::Named::whole(paths),
        false => discover::Named::of(paths, |path| workspace.boundary(path), &options.overlay),
    };
    let overlay = named.overlay(&options.overlay);
    let paths = named.walked();
    let snapshot = options
        .base
        .as_deref()
        .map(|revision| Snapshot::open(&workspace, revision, paths))
        .transpose()
        .map_err(Error::Base)?;
    // A path the change deleted is still linted at the base revision.
    let head_paths: Vec<PathBuf> = paths
        .iter()
        .filter(|path| {
            path.exists()
                || !snapshot
                    .as_ref()
                    .is_some_and(|snapshot| snapshot.holds(path))
        })
        .cloned()
        .collect();
    let configs_at_revision = options
        .config_from
        .as_deref()
        .map(|revision| {
            git::files_named(
                &workspace,
                revision,
                config::FILE_NAME,
                config::MAX_CONFIG_SIZE,
            )
        })
        .transpose()
        .map_err(Error::ConfigFrom)?;
    let mut configs = Configs::new(
        options.config.as_deref(),
        configs_at_revision,
        &workspace,
        options.rules.clone(),
    )?;
    let mut unit_configs = UnitConfigs::new();
    let (mut units, walk_errors) = discover::discover(&head_paths, &overlay);
    units.retain(|unit| named.keeps(unit));
    let (units, configurations) = configure(units, &mut configs, &mut unit_configs)?;
    // With a base revision, what the walk found is kept: a unit whose sets the change deletes
    // may no longer name their type, and is then read only once the base tells.
    let walked: Vec<UnitPaths> = match &snapshot {
        Some(_) => (units.iter())
            .map(|unit| UnitPaths {
                kind: unit.kind,
                root: unit.root.clone(),
                files: unit.files.clone(),
            })
            .collect(),
        None => Vec::new(),
    };
    let mut outcome = Outcome {
        files_seen: units.iter().map(|unit| unit.files.len()).sum(),
        configurations,
        ..Outcome::default()
    };
    outcome
        .errors
        .extend(walk_errors.into_iter().map(|error| InputError {
            path: error.path().map(display_path).unwrap_or_default(),
            span: None,
            message: error.to_string(),
        }));
    let variables = command_line_variables(options)?;
    let mut head = load(
        &Origin::WorkingTree(&overlay),
        units,
        &mut outcome.sources,
        (options, &variables),
        (&unit_configs, &workspace),
    )
    .map_err(Error::Base)?;
    outcome.errors.append(&mut head.errors);
    outcome.unchecked = std::mem::take(&mut head.unread);
    (outcome.unchecked).par_extend(
        head.units
            .par_iter()
            .flat_map_iter(|loaded| unchecked::of_unit(&loaded.unit)),
    );
    let mut findings: Vec<Finding> = head.units.par_iter().flat_map_iter(Loaded::check).collect();
    // The units of the working tree that were linted; those read for a change come after.
    let linted = head.units.len();
    let mut base = Side::default();
    // The files the working tree holds where the base's sets were, by the place of their unit,
    // read for the change whether or not they make a unit.
    let mut left_behind: Vec<(PathBuf, Vec<FileId>)> = Vec::new();
    if let Some(snapshot) = &snapshot {
        // Files of the base that cannot be read or parsed are not reported: the change may be
        // what repairs them. No change rule compares what they hold.
        let mut units = snapshot.units();
        units.retain(|unit| named.keeps(unit));
        let (units, _) = configure(units, &mut configs, &mut unit_configs)?;
        base = load(
            &Origin::Revision(snapshot),
            units,
            &mut outcome.sources,
            (options, &variables),
            (&unit_configs, &workspace),
        )
        .map_err(Error::Base)?;
        // The working tree's units where the base's sets were, that hold none any more (its
        // errors are no finding of the lint: the units are not linted).
        let read: HashSet<&Path> = (head.units.iter())
            .map(|loaded| loaded.root.as_path())
            .collect();
        let held_sets: HashSet<&Path> = (base.units.iter())
            .filter(|loaded| !loaded.unit.replication_sets.is_empty())
            .map(|loaded| loaded.root.as_path())
            .collect();
        let remaining: Vec<&UnitPaths> = (walked.iter())
            .filter(|unit| {
                let root = unit.root.as_path();
                held_sets.contains(root) && !read.contains(root)
            })
            .collect();
        let first_read = outcome.sources.len();
        let remains = load(
            &Origin::Remains(&overlay),
            (remaining.iter())
                .map(|unit| UnitPaths {
                    kind: unit.kind,
                    root: unit.root.clone(),
                    files: unit.files.clone(),
                })
                .collect(),
            &mut outcome.sources,
            (options, &variables),
            (&unit_configs, &workspace),
        )
        .map_err(Error::Base)?;
        let sources = &outcome.sources;
        let read_now: HashMap<&Path, FileId> = (first_read..sources.len())
            .map(|index| (sources.get(FileId(index)).path.as_path(), FileId(index)))
            .collect();
        left_behind = (remaining.iter())
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
        findings.extend(
            pairs
                .iter()
                // A set missing from a working tree that could not be read whole may still be
                // there.
                .filter(|pair| pair.head.is_some() || outcome.errors.is_empty())
                .flat_map(rules::check_change),
        );
    }

    let places = [head.placed(), base.placed(), head.priors()].concat();
    let subjects = Subjects::new(places, workspace.top());
    let files = FileSettings::of(&head, &base);
    // The configuration that applies to a finding about something the change deleted is that of
    // the file that held it, before the finding moves into the working tree.
    let mut findings = files.configure(&outcome.sources, findings);
    let left_behind = (left_behind.iter()).map(|(root, files)| (root.as_path(), files.as_slice()));
    let working_tree: Vec<(&Path, &[FileId])> = (head.units.iter())
        .map(|loaded| (loaded.root.as_path(), loaded.files.as_slice()))
        .chain(left_behind)
        .collect();
    if let Some(snapshot) = &snapshot {
        change::relocate_deletions(
            &mut findings,
            snapshot.revision(),
            (&base.placed(), &working_tree),
            &outcome.sources,
            &subjects,
        );
    }
    if options.ignore_suppressions {
        outcome.findings = findings;
    } else {
        // Suppression comments are read in every file of the working tree that was read.
        let mut working_tree: Vec<FileId> = (working_tree.iter())
            .flat_map(|(_, files)| files.iter().copied())
            .collect();
        working_tree.sort_unstable();
        working_tree.dedup();
        let units: Vec<&Unit> = head.units.iter().map(|loaded| &loaded.unit).collect();
        let with_base = snapshot.is_some();
        let applied = suppress::apply(
            &outcome.sources,
            &working_tree,
            &units,
            &subjects,
            findings,
            &rules::named_in_suppression,
            |rule, file| files.ran(&outcome.sources, rule, file, with_base),
        );
        outcome.findings = applied.findings;
        outcome.suppressed = applied.suppressed;
        let reports = rules::check_suppressions(&applied.suppressions);
        outcome
            .findings
            .extend(files.configure(&outcome.sources, reports));
    }
    // The findings of a named file's unit are reported where they point into the named files.
    let sources = &outcome.sources;
    let reported = |finding: &Finding| {
        let spans = std::iter::once(finding.span).chain(finding.related.iter().map(|r| r.span));
        named.reports(spans.map(|span| sources.get(span.file).path.as_path()))
    };
    let found = outcome.findings.len();
    outcome.findings.retain(reported);
    outcome.not_named = found - outcome.findings.len();
    outcome
        .suppressed
        .retain(|suppressed| reported(&suppressed.finding));
    let every_finding = outcome
        .findings
        .iter_mut()
        .chain(outcome.suppressed.iter_mut().map(|s| &mut s.finding));
    let mut related_left_out = 0;
    for finding in every_finding {
        // A finding moved out of the base revision keeps the subject it was given there.
        if finding.subject.is_none() {
            finding.subject = Some(subjects.of(finding.span, sources));
        }
        finding.fix = finding.fix.take().and_then(|fix| fix.settle(sources));
        if finding.related.len() > MAX_RELATED {
            related_left_out += finding.related.len() - MAX_RELATED;
            finding.related.truncate(MAX_RELATED);
        }
    }
    outcome.related_left_out = related_left_out;
    // Named while the base's units are at hand; taken out once the findings are in order.
    let mut at_base = (options.new_only && snapshot.is_some()).then(|| {
        let found = reported_at_base(&base, &files, sources, &subjects, options);
        Baseline::of_findings(sources, &found)
    });
    outcome.masked = head
        .units
        .iter()
        .chain(&base.units)
        .flat_map(|loaded| rules::credential_spans(&loaded.unit, &outcome.sources))
        .collect();
    outcome.masked.sort_unstable();
    outcome.units = (head.units.into_iter().take(linted))
        .map(|loaded| loaded.unit)
        .collect();

    let sources = &outcome.sources;
    let order = |finding: &Finding| {
        (
            sources.get(finding.span.file).display_path.as_str(),
            finding.span.start,
            finding.rule.id,
        )
    };
    outcome.findings.sort_by_cached_key(order);
    outcome
        .suppressed
        .sort_by_cached_key(|suppressed| order(&suppressed.finding));
    outcome.unchecked.sort_by_cached_key(|note| {
        (
            sources.get(note.span.file).display_path.as_str(),
            note.span.start,
        )
    });
    outcome.errors.sort_by(|a, b| {
        (&a.path, a.span.map(|s| s.start)).cmp(&(&b.path, b.span.map(|s| s.start)))
    });
    if let Some(at_base) = &mut at_base {
        outcome.already_at_base = at_base.absorb(&outcome.sources, &mut outcome.findings);
    }
    if let Some(baseline) = &mut baseline {
        outcome.baselined = baseline.absorb(&outcome.sources, &mut outcome.findings);
    }
    Ok(outcome)
}

/// What a run at the base revision would have reported of the state rules' findings (a change
/// rule compares two revisions, so the base has none of its own): what the configuration runs,
/// less what suppressions written there cover, with the findings about suppressions; each
/// with its subject, for `--new-only`.
fn reported_at_base(
    base: &Side,
    files: &FileSettings,
    sources: &Sources,
    subjects: &Subjects,
    options: &Options,
) -> Vec<Finding> {
    let found = (base.units.par_iter())
        .flat_map_iter(|loaded| rules::check_unit(&loaded.unit))
        .collect();
    let mut reported = files.configure(sources, found);
    if !options.ignore_suppressions {
        let base_files: Vec<FileId> = (base.units.iter())
            .flat_map(|loaded| loaded.files.iter().copied())
            .collect();
        let units: Vec<&Unit> = base.units.iter().map(|loaded| &loaded.unit).collect();
        // As the working tree's are judged with a base revision, for the same verdicts.
        let ran = |rule, file| files.ran(sources, rule, file, true);
        let applied = suppress::apply(
            sources,
            &base_files,
            &units,
            subjects,
            reported,
            &rules::named_in_suppression,
            ran,
        );
        reported = applied.findings;
        let reports = rules::check_suppressions(&applied.suppressions);
        reported.extend(files.configure(sources, reports));
    }
    for finding in &mut reported {
        finding.subject = Some(subjects.of(finding.span, sources));
    }
    reported
}

/// What applies to each file of a unit that was parsed: its unit's configuration, whether the
/// unit was parsed whole, and whether the change rules run on it without a base revision (a
/// Terraform plan, which holds the state it changes from).
struct FileSettings(HashMap<FileId, (Arc<Config>, bool, bool)>);

impl FileSettings {
    fn of(head: &Side, base: &Side) -> FileSettings {
        FileSettings(
            head.units
                .iter()
                .chain(&base.units)
                .flat_map(|loaded| {
                    let changes = loaded.prior.is_some();
                    loaded.files.iter().map(move |&file| {
                        (file, (Arc::clone(&loaded.config), loaded.complete, changes))
                    })
                })
                .collect(),
        )
    }

    fn config(&self, file: FileId) -> Arc<Config> {
        self.0
            .get(&file)
            .map(|(config, ..)| Arc::clone(config))
            .unwrap_or_default()
    }

    /// The findings of the rules the configuration of their file runs there, at the level it
    /// gives them.
    fn configure(&self, sources: &Sources, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut finding| {
                let config = self.config(finding.span.file);
                if !config.runs(finding.rule, &sources.get(finding.span.file).path) {
                    return None;
                }
                if let Some(level) = config.level_override(finding.rule) {
                    finding.level = level;
                }
                Some(finding)
            })
            .collect()
    }

    /// Whether a rule ran on a file of the working tree, whose unit was parsed whole: the
    /// configuration runs it there, and a change rule runs only with a base revision or on a
    /// plan.
    fn ran(&self, sources: &Sources, rule: &RuleMeta, file: FileId, with_base: bool) -> bool {
        let Some((config, complete, changes)) = self.0.get(&file) else {
            return false;
        };
        let runs_at_all = match rules::find(rule.id) {
            Some(Registered::State(_)) => true,
            Some(Registered::Change(_)) => with_base || *changes,
            Some(Registered::Suppression(_)) | None => false,
        };
        *complete && runs_at_all && config.runs(rule, &sources.get(file).path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_fixes_land_inside_the_quotes_or_are_dropped() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let module = r#"locals { geography = "us" }
resource "aws_ssmincidents_replication_set" "main" {
  regions { name = "us-wset-2" }
  regions { name = "${local.geography}-wset-1" }
}
"#;
        std::fs::write(dir.path().join("main.tf"), module).expect("the module is written");
        let outcome = run(&[dir.path().to_path_buf()], &Options::default()).expect("a run");
        let fixes: Vec<(&str, Option<&str>)> = outcome
            .findings
            .iter()
            .filter(|finding| finding.rule.id == "IRL012")
            .map(|finding| {
                let fix = finding.fix.as_ref();
                (
                    outcome.sources.text(finding.span),
                    fix.map(|fix| outcome.sources.text(fix.span)),
                )
            })
            .collect();
        assert_eq!(
            fixes,
            [
                ("\"us-wset-2\"", Some("us-wset-2")),
                ("\"${local.geography}-wset-1\"", None)
            ]
        );
    }

    /// Findings on a Terraform plan name the resource they are about, in the state before the
    /// plan as in the planned one, and carry no fix: the plan is not what to edit.
    #[test]
    fn plan_findings_name_their_resource_and_carry_no_fix() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus/terraform-plan");
        let cases = [
            "irl016-set-deleted",
            "irl012-misspelt-region-from-a-module-variable",
        ];
        let paths: Vec<PathBuf> = cases.iter().map(|case| corpus.join(case)).collect();
        let outcome = run(&paths, &Options::default()).expect("a run");
        let found: Vec<(&str, Option<&str>, bool)> = (outcome.findings.iter())
            .map(|finding| {
                let subject = finding.subject.as_ref().and_then(|s| s.resource.as_deref());
                (finding.rule.id, subject, finding.fix.is_some())
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "IRL012",
                    Some(
                        "replication set module.incident_manager.aws_ssmincidents_replication_set.this"
                    ),
                    false
                ),
                (
                    "IRL016",
                    Some("replication set aws_ssmincidents_replication_set.main"),
                    false
                ),
            ]
        );
    }

    /// A Terraform plan, known by its first bytes, may be larger than a source file; a template
    /// of the same size is not read.
    #[test]
    fn a_plan_may_be_larger_than_a_template() {
        let padding = "x".repeat(3 * 1024 * 1024);
        let plan = format!(
            "{{\"format_version\":\"1.2\",\"planned_values\":{{}},\"padding\":\"{padding}\"}}"
        );
        let template = format!("{{\"Resources\": {{}}, \"Padding\": \"{padding}\"}}");
        let read = |text: &str, kind| {
            let stated = u64::try_from(text.len()).unwrap_or(u64::MAX);
            read_contents(kind, std::io::Cursor::new(text.as_bytes()), stated)
                .expect("read from memory")
        };
        let read_whole = |contents| matches!(contents, Contents::Bytes(_));
        assert!(read_whole(read(&plan, UnitKind::CloudFormation)));
        assert!(!read_whole(read(&template, UnitKind::CloudFormation)));
        // Where Terraform modules are read, a file is a configuration, whatever it starts with.
        assert!(!read_whole(read(&plan, UnitKind::Terraform)));
        let too_large = plan.clone() + &" ".repeat(14 * 1024 * 1024);
        assert!(matches!(
            read(&too_large, UnitKind::CloudFormation),
            Contents::TooLarge {
                limit: MAX_PLAN_SIZE,
                ..
            }
        ));
    }

    #[test]
    fn prefilter_looks_for_the_resource_type() {
        assert!(may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_ssmincidents_replication_set\" \"x\" {}"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"awscc_ssmincidents_replication_set\" \"x\" {}"
        ));
        assert!(!may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_s3_bucket\" \"x\" {}"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::CloudFormation,
            b"Type: AWS::SSMIncidents::ReplicationSet"
        ));
        // A Terraform plan in JSON is read with the templates.
        assert!(may_hold_a_replication_set(
            UnitKind::CloudFormation,
            br#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                {"type": "aws_ssmincidents_replication_set"}]}}}"#
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::Pulumi,
            b"new aws.ssmincidents.ReplicationSet(\"set\", {})"
        ));
    }
}
