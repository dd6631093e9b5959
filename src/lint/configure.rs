//! The configure stage, on both sides of the checks: before files are read, each unit's
//! configuration (`irlint.toml`) leaves out the files it excludes; once the rules have run, it
//! keeps the findings of the rules it runs, at the level it gives them, and the notes on what
//! could not be checked that concern those rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::parse::LoadedSide;
use super::{Error, Options};
use crate::change::git;
use crate::config::{self, Applied, Config, ConfigError, Configs};
use crate::discover::{UnitKind, UnitPaths};
use crate::finding::Finding;
use crate::model::Unchecked;
use crate::rule_meta::RuleMeta;
use crate::rules::{self, Registered};
use crate::source::{FileId, Sources};
use crate::workspace::Workspace;

/// The run's configuration: the configuration files read, and which applies to each unit.
pub(super) struct UnitConfigurations {
    files: Configs,
    /// Each unit's configuration, by the root discovery grouped it by.
    of_unit: HashMap<PathBuf, Arc<Config>>,
}

impl UnitConfigurations {
    /// The configuration `--config` names, else each unit's nearest `irlint.toml`: in the
    /// working tree, or at the revision `--config-from` names; under the command line's rule
    /// choice.
    pub(super) fn new(
        options: &Options,
        workspace: &Workspace,
    ) -> Result<UnitConfigurations, Error> {
        let at_revision = (options.config_from.as_deref())
            .map(|revision| {
                git::files_named(
                    workspace,
                    revision,
                    config::FILE_NAME,
                    config::MAX_CONFIG_SIZE,
                )
            })
            .transpose()
            .map_err(Error::ConfigFrom)?;
        let files = Configs::new(
            options.config.as_deref(),
            at_revision,
            workspace,
            options.rules.clone(),
        )?;
        Ok(UnitConfigurations {
            files,
            of_unit: HashMap::new(),
        })
    }

    /// Finds each unit's configuration and leaves out the files it excludes (and the units left
    /// with none); says which configuration files applied and what they changed.
    pub(super) fn units(
        &mut self,
        units: Vec<UnitPaths>,
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
            let config = self.files.of_unit(directory)?;
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
                self.of_unit.insert(unit.root.clone(), config);
                kept.push(unit);
            }
        }
        let applied = applied
            .iter()
            .filter_map(|(config, units, excluded)| config.applied(*units, *excluded))
            .collect();
        Ok((kept, applied))
    }

    /// The configuration of the unit discovery grouped by `root` (the default when it has none).
    pub(super) fn of_unit(&self, root: &Path) -> Arc<Config> {
        self.of_unit.get(root).cloned().unwrap_or_default()
    }
}

/// What applies to each file of a unit that was parsed: its unit's configuration, whether the
/// unit was parsed whole, and whether the change rules run on it without a base revision (a
/// Terraform plan, which holds the state it changes from).
pub(super) struct FileSettings(HashMap<FileId, (Arc<Config>, bool, bool)>);

impl FileSettings {
    pub(super) fn of(head: &LoadedSide, base: &LoadedSide) -> FileSettings {
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
    pub(super) fn configure(&self, sources: &Sources, findings: Vec<Finding>) -> Vec<Finding> {
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
    pub(super) fn ran(
        &self,
        sources: &Sources,
        rule: &RuleMeta,
        file: FileId,
        with_base: bool,
    ) -> bool {
        let complete = self.0.get(&file).is_some_and(|(_, complete, _)| *complete);
        complete && self.runs(sources, rule.id, file, with_base) == Some(true)
    }

    /// Whether a note on what could not be checked concerns a rule that runs in its file (see
    /// [`FileSettings::ran`]), whether or not the file's unit was parsed whole. A note that may
    /// concern any rule, or on a file of no unit parsed, is kept.
    pub(super) fn concerns(&self, sources: &Sources, note: &Unchecked, with_base: bool) -> bool {
        let runs = |id| self.runs(sources, id, note.span.file, with_base);
        note.rules.is_empty() || (note.rules.iter()).any(|id| runs(id) != Some(false))
    }

    /// Whether the configuration of `file` runs a rule there, and the rule runs at all (a
    /// change rule with a base revision or on a plan, a state rule always); `None` when the file
    /// is of no unit parsed.
    fn runs(&self, sources: &Sources, id: &str, file: FileId, with_base: bool) -> Option<bool> {
        let (config, _, changes) = self.0.get(&file)?;
        let Some(rule) = rules::find(id) else {
            return Some(false);
        };
        let runs_at_all = match rule {
            Registered::State(_) => true,
            Registered::Change(_) => with_base || *changes,
            Registered::Suppression(_) => false,
        };
        Some(runs_at_all && config.runs(rule.meta(), &sources.get(file).path))
    }
}
