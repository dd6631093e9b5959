//! The pipeline, its stages in the order they run, each a module of its own:
//!
//! 1. discover ([`crate::discover`]): the units below the linted paths, and the revision
//!    `--base` names ([`base`]);
//! 2. configure ([`configure`]): each unit's configuration leaves out the files it excludes;
//! 3. read ([`read`]): each unit's files, and only the units that may hold a replication set;
//! 4. parse ([`parse`]): the front-ends turn each unit into the model;
//! 5. check ([`check`]): the rules run on each unit, and with a base revision the change rules
//!    on each replication set as it was there and as it is now ([`base`]);
//! 6. configure: the findings of the rules each unit's configuration runs, at its levels, and the
//!    notes on what could not be checked that concern them;
//! 7. suppress ([`suppress`]): suppressions written in the source take out what they cover;
//! 8. place ([`place`]): findings where the reports show them, in order.

use std::collections::BTreeMap;
use std::path::PathBuf;

mod base;
mod check;
mod configure;
mod parse;
mod place;
mod read;
mod suppress;

use base::Compared;
use configure::{FileSettings, UnitConfigurations};
use parse::LoadInputs;
pub use place::MAX_RELATED;
use read::Origin;
pub use read::{MAX_FILE_SIZE, MAX_PLAN_SIZE};

use crate::baseline::{Baseline, BaselineError};
use crate::change::{self, git::GitError};
use crate::config::{self, ConfigError};
use crate::discover::{self, Named};
use crate::input_error::InputError;
use crate::outcome::Outcome;
use crate::source::{FileId, display_path};
use crate::subject::Subjects;
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

/// Lints the given files and directories, and with a base revision the change since.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Outcome, Error> {
    let mut baseline = (options.baseline.as_deref())
        .map(Baseline::read)
        .transpose()?;
    let workspace = Workspace::find(options.repository.as_deref())?;
    for path in paths {
        workspace.check(path)?;
    }

    // Discover.
    let named = match options.files_are_units {
        true => Named::whole(paths),
        false => Named::of(paths, |path| workspace.boundary(path), &options.overlay),
    };
    let overlay = named.overlay(&options.overlay);
    let paths = named.walked();
    let snapshot = base::open(options, &workspace, paths)?;
    // A path the change deleted is still linted at the base revision.
    let head_paths: Vec<PathBuf> = (paths.iter())
        .filter(|path| path.exists() || !snapshot.as_ref().is_some_and(|s| s.holds(path)))
        .cloned()
        .collect();
    let (mut units, walk_errors) = discover::discover(&head_paths, &overlay);
    units.retain(|unit| named.keeps(unit));

    // Configure.
    let mut configuration = UnitConfigurations::new(options, &workspace)?;
    let (units, configurations) = configuration.units(units)?;
    let revision = snapshot.map(|snapshot| base::Revision {
        snapshot,
        walked: units.clone(),
    });
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

    // Read and parse.
    let inputs = LoadInputs::new(options, &workspace, &overlay)?;
    let mut head = parse::load(
        &Origin::WorkingTree(inputs.overlay),
        units,
        &mut outcome.sources,
        &inputs,
        &configuration,
    )
    .map_err(Error::Base)?;
    outcome.errors.append(&mut head.errors);

    // Check, and compare with the base revision.
    outcome.unchecked = check::unchecked(&mut head);
    let mut findings = check::units(&head);
    // The units of the working tree that were linted; those read for a change come after.
    let linted = head.units.len();
    let mut compared = match &revision {
        Some(revision) => {
            let read_whole = outcome.errors.is_empty();
            let (configuration, sources) = (&mut configuration, &mut outcome.sources);
            base::compare(
                revision,
                &named,
                configuration,
                &mut head,
                sources,
                &inputs,
                read_whole,
            )?
        }
        None => Compared::default(),
    };
    findings.append(&mut compared.findings);

    // Configure the findings and notes.
    let places = [head.placed(), compared.side.placed(), head.priors()].concat();
    let subjects = Subjects::new(places, workspace.top());
    let settings = FileSettings::of(&head, &compared.side);
    // The configuration that applies to a finding about something the change deleted is that of
    // the file that held it, before the finding moves into the working tree.
    let mut findings = settings.configure(&outcome.sources, findings);
    // A note on what could not be checked matters where a rule it concerns runs.
    let with_base = revision.is_some();
    (outcome.unchecked).retain(|note| settings.concerns(&outcome.sources, note, with_base));
    let working_tree = compared.working_tree(&head);
    if let Some(revision) = &revision {
        change::relocate_deletions(
            &mut findings,
            revision.snapshot.revision(),
            (&compared.side.placed(), &working_tree),
            &outcome.sources,
            &subjects,
        );
    }

    // Suppress.
    if options.ignore_suppressions {
        outcome.findings = findings;
    } else {
        // Suppression comments are read in every file of the working tree that was read.
        let mut files: Vec<FileId> = (working_tree.iter())
            .flat_map(|(_, files)| files.iter().copied())
            .collect();
        files.sort_unstable();
        files.dedup();
        (outcome.findings, outcome.suppressed) = suppress::apply(
            findings,
            (&files, &head.units),
            &outcome.sources,
            &subjects,
            &settings,
            with_base,
        );
    }

    // Place.
    place::in_named_files(&mut outcome, &named);
    place::settle(&mut outcome, &subjects);
    // Named while the base's units are at hand; taken out once the findings are in order.
    let mut at_base = (options.new_only && revision.is_some()).then(|| {
        let sources = &outcome.sources;
        let ignore_suppressions = options.ignore_suppressions;
        let found = base::reported_at_base(
            &compared.side,
            &settings,
            sources,
            &subjects,
            ignore_suppressions,
        );
        Baseline::of_findings(sources, &found)
    });
    outcome.masked = place::masked([&head, &compared.side], &outcome.sources);
    outcome.units = (head.units.into_iter().take(linted))
        .map(|loaded| loaded.unit)
        .collect();
    place::order(&mut outcome);
    if let Some(at_base) = &mut at_base {
        outcome.already_at_base = at_base.absorb(&outcome.sources, &mut outcome.findings);
    }
    if let Some(baseline) = &mut baseline {
        outcome.baselined = baseline.absorb(&outcome.sources, &mut outcome.findings);
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
}
