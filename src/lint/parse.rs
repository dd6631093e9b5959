//! The parse stage: each unit read is parsed by its front-end into the model (Terraform modules
//! with the modules they call, [`modules`]), with the region the configuration or the command
//! line gives deployments that do not say their own.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::configure::UnitConfigurations;
use super::read::Origin;
use super::{Error, Options};
use crate::change::git::GitError;
use crate::config::Config;
use crate::discover::{self, UnitKind, UnitPaths};
use crate::frontend::{self, Parsed, Prior, UnitFile};
use crate::input_error::InputError;
use crate::model::{DeploymentRegion, Unchecked, Unit};
use crate::source::{FileId, SourceFile, Sources};
use crate::subject::Placed;
use crate::workspace::Workspace;

mod modules;
use modules::ModuleDirectory;

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
pub(super) struct LoadedUnit {
    pub(super) root: PathBuf,
    pub(super) files: Vec<FileId>,
    pub(super) unit: Unit,
    /// The state the unit changes from, when it is a Terraform plan.
    pub(super) prior: Option<Prior>,
    /// Whether all its files were read and parsed without error.
    pub(super) complete: bool,
    pub(super) config: Arc<Config>,
}

impl LoadedUnit {
    pub(super) fn placed<'a>(&'a self, unit: &'a Unit) -> Placed<'a> {
        Placed {
            root: &self.root,
            unit,
            complete: self.complete,
            files: &self.files,
        }
    }
}

/// The units of one side.
#[derive(Default)]
pub(super) struct LoadedSide {
    pub(super) units: Vec<LoadedUnit>,
    pub(super) errors: Vec<InputError>,
    /// What names a replication set but is not read ([`Parsed::unread`]).
    pub(super) unread: Vec<Unchecked>,
}

impl LoadedSide {
    pub(super) fn placed(&self) -> Vec<Placed<'_>> {
        (self.units.iter())
            .map(|loaded| loaded.placed(&loaded.unit))
            .collect()
    }

    /// The states the units that are Terraform plans change from, each placed as its plan.
    pub(super) fn priors(&self) -> Vec<Placed<'_>> {
        (self.units.iter())
            .filter_map(|loaded| Some(loaded.placed(&loaded.prior.as_ref()?.unit)))
            .collect()
    }
}

/// What loading a side takes besides its units and their configuration.
pub(super) struct LoadInputs<'a> {
    pub(super) options: &'a Options,
    pub(super) workspace: &'a Workspace,
    /// The texts that stand in for files of the working tree.
    pub(super) overlay: &'a BTreeMap<PathBuf, String>,
    /// The command line's Terraform variables ([`command_line_variables`]).
    variables: Vec<(PathBuf, String)>,
}

impl<'a> LoadInputs<'a> {
    pub(super) fn new(
        options: &'a Options,
        workspace: &'a Workspace,
        overlay: &'a BTreeMap<PathBuf, String>,
    ) -> Result<LoadInputs<'a>, Error> {
        Ok(LoadInputs {
            options,
            workspace,
            overlay,
            variables: command_line_variables(options)?,
        })
    }
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
/// command line's variables.
pub(super) fn load(
    origin: &Origin,
    units: Vec<UnitPaths>,
    sources: &mut Sources,
    inputs: &LoadInputs,
    configuration: &UnitConfigurations,
) -> Result<LoadedSide, GitError> {
    let LoadInputs {
        options,
        workspace,
        variables,
        ..
    } = inputs;
    let mut side = LoadedSide::default();
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
            let config = configuration.of_unit(&root);
            let region = (options.region.as_ref()).or(config.region.as_ref());
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
            let config = configuration.of_unit(&root);
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
            side.units.push(LoadedUnit {
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
