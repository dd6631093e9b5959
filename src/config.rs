//! `irlint.toml`: which rules run where and at which level, which files are not linted, and the
//! region of deployments whose code does not say it.
//!
//! Each unit takes the nearest `irlint.toml` at or above its root (the template file, the module
//! or project directory), looking no higher than the top of the git repository that holds it;
//! `--config FILE` names one file for every unit instead. Configurations do not merge: the one
//! found is the whole configuration, and a unit without one runs every rule at its own level.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::change::git::RevisionFile;
use crate::rule_meta::{Level, RuleMeta};
use crate::rules;
use crate::source::{SourceFile, display_path};
use crate::workspace::{Workspace, WorkspaceError, absolute};

#[cfg(test)]
mod schema;

/// The name of the file discovery looks for.
pub const FILE_NAME: &str = "irlint.toml";

/// The largest configuration irlint reads. Hand-written ones are a few hundred bytes.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// What `irlint --init` writes: every key, commented out or at its default, with what it does.
pub const TEMPLATE: &str = r#"# irlint configuration. It applies to every deployment unit (template, Terraform module,
# Pulumi project) at or below this directory that no nearer irlint.toml covers.

# Rules to run, by id or name; every rule when absent.
# select = ["IRL001", "IRL003", "IRL004", "IRL005"]

# Rules not to run, by id or name.
ignore = []

# The region that deployments whose code does not name one are deployed to: CloudFormation
# stacks, Terraform's default provider without `region`, Pulumi stacks without `aws:region`.
# The command line's --region wins over it.
# region = "us-east-1"

# Files and directories not to lint, as globs relative to this file's directory
# (`*` stays within one directory, `**` crosses directories).
exclude = []

# The level of a rule's findings: "error", "warning" or "note".
# [rules.IRL004]
# level = "error"

# Rules not to run on some files, as globs relative to this file's directory.
# [[per-path]]
# paths = ["legacy/**"]
# ignore = ["IRL004"]
"#;

/// The rule of an id (in any case) or name, or why there is none: with the rule the name is
/// likely a misspelling of.
pub fn rule_named(name: &str) -> Result<&'static RuleMeta, String> {
    if let Some(rule) = rules::find(name) {
        return Ok(rule.meta());
    }
    let written = name.to_ascii_lowercase();
    let nearest = (rules::RULES.iter().map(|rule| rule.meta()))
        .flat_map(|meta| {
            [
                (meta, meta.id.to_ascii_lowercase()),
                (meta, meta.name.to_owned()),
            ]
        })
        .map(|(meta, candidate)| (strsim::osa_distance(&written, &candidate), meta, candidate))
        .filter(|(distance, _, candidate)| *distance <= (candidate.len() / 4).max(1))
        .min_by_key(|(distance, ..)| *distance);
    Err(match nearest {
        Some((_, meta, _)) => format!(
            "`{name}` names no rule: did you mean `{}` ({})? `irlint --list-rules` lists them",
            meta.id, meta.name
        ),
        None => format!("`{name}` names no rule; `irlint --list-rules` lists them"),
    })
}

/// The rules the command line selects (`--select`) and ignores (`--ignore`), by id: over every
/// unit's configuration, as if written last in it. A selection replaces the configuration's
/// `select` and `ignore`; ignored rules are then left out. `per-path` still applies.
#[derive(Clone, Debug, Default)]
pub struct RuleChoice {
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
}

impl RuleChoice {
    fn apply(&self, mut config: Config) -> Config {
        if let Some(select) = &self.select {
            config.enabled = select.iter().copied().collect();
        }
        for id in &self.ignore {
            config.enabled.remove(id);
        }
        config
    }
}

/// Why a configuration cannot be used: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the configuration: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: the configuration is not a regular file")]
    NotAFile { path: String },
    #[error("{path}: the configuration is larger than {MAX_CONFIG_SIZE} bytes")]
    TooLarge { path: String },
    #[error(transparent)]
    Outside(#[from] WorkspaceError),
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path} already exists; remove it first to write a new one")]
    Exists { path: String },
    #[error("{path}: cannot write the configuration: {error}")]
    Write { path: String, error: std::io::Error },
}

/// The file as written. Its JSON Schema (`irlint.schema.json`, which editors use to complete and
/// check `irlint.toml`) is generated from these types by a test, which fails when the checked-in
/// schema differs.
#[derive(Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(
    test,
    schemars(
        title = "irlint.toml",
        description = "The configuration of irlint, the linter of AWS Systems Manager Incident Manager replication sets: which rules run where and at which level, which files are not linted, and the region of deployments whose code does not say it."
    )
)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// Rules to run, by id or name; every rule when absent.
    #[cfg_attr(test, schemars(with = "Option<Vec<schema::Rule>>"))]
    select: Option<Vec<Spanned<String>>>,
    /// Rules not to run, by id or name.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<schema::Rule>"))]
    ignore: Vec<Spanned<String>>,
    /// The region that deployments whose code does not name one are deployed to: CloudFormation
    /// stacks, Terraform's default provider without `region`, Pulumi stacks without
    /// `aws:region`. The command line's `--region` wins over it.
    #[cfg_attr(test, schemars(with = "Option<schema::Region>"))]
    region: Option<Spanned<String>>,
    /// Files and directories not to lint, as globs relative to this file's directory (`*` stays
    /// within one directory, `**` crosses directories).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<String>"))]
    exclude: Vec<Spanned<String>>,
    /// Settings of a rule, by its id or name.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "BTreeMap<schema::Rule, RuleSettings>"))]
    rules: BTreeMap<Spanned<String>, RuleSettings>,
    /// Rules not to run on some files.
    #[serde(default, rename = "per-path")]
    per_path: Vec<PerPathFile>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RuleSettings {
    /// The level of the rule's findings.
    #[cfg_attr(test, schemars(with = "Option<schema::Level>"))]
    level: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PerPathFile {
    /// Globs relative to the configuration's directory.
    #[cfg_attr(test, schemars(with = "Vec<String>"))]
    paths: Vec<Spanned<String>>,
    /// Rules not to run on the files the globs match, by id or name.
    #[cfg_attr(test, schemars(with = "Vec<schema::Rule>"))]
    ignore: Vec<Spanned<String>>,
}

/// A configuration, read and checked.
#[derive(Debug)]
pub struct Config {
    /// How reports name the file it was read from (`irlint.toml`, `origin/main:irlint.toml`);
    /// `None` for the defaults.
    pub name: Option<String>,
    /// The absolute directory globs are relative to.
    directory: PathBuf,
    /// The deployment region of units whose code does not say it.
    pub region: Option<String>,
    /// The ids of the rules that run.
    enabled: HashSet<&'static str>,
    levels: HashMap<&'static str, Level>,
    exclude: GlobSet,
    /// Rules (by id) that do not run on the files the globs match.
    per_path: Vec<(GlobSet, HashSet<&'static str>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            name: None,
            directory: PathBuf::new(),
            region: None,
            enabled: rules::RULES.iter().map(|rule| rule.meta().id).collect(),
            levels: HashMap::new(),
            exclude: GlobSet::empty(),
            per_path: Vec::new(),
        }
    }
}

impl Config {
    /// Reads a configuration file: a regular file of at most [`MAX_CONFIG_SIZE`] bytes, read
    /// no further than that whatever size it states (`/proc` files state none).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let read_error = |error| ConfigError::Read {
            path: display_path(path),
            error,
        };
        let file = std::fs::File::open(path).map_err(read_error)?;
        if !file.metadata().map_err(read_error)?.is_file() {
            return Err(ConfigError::NotAFile {
                path: display_path(path),
            });
        }
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        Config::from_bytes(path, display_path(path), bytes)
    }

    /// A configuration from its bytes (at most one more than [`MAX_CONFIG_SIZE`] of them, to
    /// tell a file over the limit); `name` is how reports name it.
    fn from_bytes(path: &Path, name: String, bytes: Vec<u8>) -> Result<Config, ConfigError> {
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_CONFIG_SIZE {
            return Err(ConfigError::TooLarge { path: name });
        }
        let text = String::from_utf8(bytes).map_err(|error| ConfigError::Read {
            path: name.clone(),
            error: std::io::Error::new(std::io::ErrorKind::InvalidData, error),
        })?;
        Config::parse_named(path, name, &text)
    }

    /// Reads a configuration from its text; `path` says where globs are relative to and names
    /// the file in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        Config::parse_named(path, display_path(path), text)
    }

    fn parse_named(path: &Path, name: String, text: &str) -> Result<Config, ConfigError> {
        let mut source = SourceFile::new(path.to_path_buf(), text.to_owned());
        source.display_path = name;
        let invalid = |span: Option<std::ops::Range<usize>>, message: String| {
            let position = source.line_column(span.map_or(0, |span| span.start));
            ConfigError::Invalid {
                path: source.display_path.clone(),
                line: position.line,
                column: position.column,
                message,
            }
        };
        let file: ConfigFile =
            toml::from_str(text).map_err(|error| invalid(error.span(), error.message().into()))?;
        let rule = |name: &Spanned<String>| {
            rule_named(name.get_ref()).map_err(|message| invalid(Some(name.span()), message))
        };
        let rule_ids = |names: &[Spanned<String>]| {
            names
                .iter()
                .map(|name| rule(name).map(|meta| meta.id))
                .collect::<Result<HashSet<_>, _>>()
        };
        let globs = |patterns: &[Spanned<String>]| {
            let mut set = GlobSetBuilder::new();
            for pattern in patterns {
                let glob = GlobBuilder::new(pattern.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|error| {
                        invalid(
                            Some(pattern.span()),
                            format!("not a glob: {}", error.kind()),
                        )
                    })?;
                set.add(glob);
            }
            set.build()
                .map_err(|error| invalid(None, format!("the globs cannot be compiled: {error}")))
        };

        let mut enabled = match &file.select {
            Some(select) => rule_ids(select)?,
            None => rules::RULES.iter().map(|rule| rule.meta().id).collect(),
        };
        for id in rule_ids(&file.ignore)? {
            enabled.remove(id);
        }
        let mut levels = HashMap::new();
        for (name, settings) in &file.rules {
            let meta = rule(name)?;
            if let Some(level) = &settings.level {
                let parsed = Level::from_name(level.get_ref()).ok_or_else(|| {
                    invalid(
                        Some(level.span()),
                        format!(
                            "`{}` is not a level: use \"error\", \"warning\" or \"note\"",
                            level.get_ref()
                        ),
                    )
                })?;
                levels.insert(meta.id, parsed);
            }
        }
        let region = match file.region {
            Some(region) => match crate::regions::check_name(region.get_ref()) {
                Ok(()) => Some(region.into_inner()),
                Err(message) => return Err(invalid(Some(region.span()), message)),
            },
            None => None,
        };
        let per_path = file
            .per_path
            .iter()
            .map(|entry| Ok((globs(&entry.paths)?, rule_ids(&entry.ignore)?)))
            .collect::<Result<_, ConfigError>>()?;
        Ok(Config {
            name: Some(source.display_path.clone()),
            // Made absolute before taking the parent: a bare `irlint.toml` has an empty one.
            directory: absolute(path)
                .parent()
                .map_or_else(PathBuf::new, Path::to_path_buf),
            region,
            enabled,
            levels,
            exclude: globs(&file.exclude)?,
            per_path,
        })
    }

    /// Whether `path` (a file) is left out of the run.
    pub fn excludes(&self, path: &Path) -> bool {
        !self.exclude.is_empty()
            && self
                .relative(path)
                .is_some_and(|relative| matches(&self.exclude, &relative))
    }

    /// Whether a rule runs on the files of this configuration, and on `path` in particular.
    pub fn runs(&self, rule: &RuleMeta, path: &Path) -> bool {
        if !self.enabled.contains(rule.id) {
            return false;
        }
        let mut ignoring = self
            .per_path
            .iter()
            .filter(|(_, ignored)| ignored.contains(rule.id))
            .peekable();
        if ignoring.peek().is_none() {
            return true;
        }
        // Made relative once, for every entry that ignores the rule.
        let Some(relative) = self.relative(path) else {
            return true;
        };
        !ignoring.any(|(globs, _)| matches(globs, &relative))
    }

    /// The level the configuration gives a rule's findings, if it gives one.
    pub fn level_override(&self, rule: &RuleMeta) -> Option<Level> {
        self.levels.get(rule.id).copied()
    }

    /// What the configuration changed in a run where it applied to `units` units and left out
    /// `files_excluded` files; `None` for the defaults, which change nothing.
    pub fn applied(&self, units: usize, files_excluded: usize) -> Option<Applied> {
        let name = self.name.clone()?;
        let mut rules_off: Vec<&'static str> = rules::RULES
            .iter()
            .map(|rule| rule.meta().id)
            .filter(|id| !self.enabled.contains(id))
            .collect();
        rules_off.sort_unstable();
        let mut rules_off_on_some_paths: Vec<&'static str> = self
            .per_path
            .iter()
            .flat_map(|(_, ignored)| ignored.iter().copied())
            .filter(|id| self.enabled.contains(id))
            .collect();
        rules_off_on_some_paths.sort_unstable();
        rules_off_on_some_paths.dedup();
        Some(Applied {
            path: name,
            units,
            files_excluded,
            rules_off,
            rules_off_on_some_paths,
            levels: self
                .levels
                .iter()
                .map(|(id, level)| (*id, level.as_str()))
                .collect(),
        })
    }

    /// The path relative to the configuration's directory; `None` outside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        absolute(path)
            .strip_prefix(&self.directory)
            .ok()
            .map(Path::to_path_buf)
    }
}

/// A configuration file that applied to units of a run, and what it changed there: a pull
/// request can add one, so reports say which applied and what they switched off.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// How reports name the file.
    pub path: String,
    /// How many units of the working tree it applied to.
    pub units: usize,
    /// How many of their files it left out of the run.
    pub files_excluded: usize,
    /// The rules it does not run.
    pub rules_off: Vec<&'static str>,
    /// The rules it does not run on some paths.
    pub rules_off_on_some_paths: Vec<&'static str>,
    /// The rules whose findings it gives another level, with that level.
    pub levels: BTreeMap<&'static str, &'static str>,
}

/// Whether the globs match the path (relative to the configuration's directory) or one of the
/// directories it lies in, so that `legacy` and `legacy/**` both cover `legacy/main.tf`.
fn matches(globs: &GlobSet, relative: &Path) -> bool {
    relative
        .ancestors()
        .filter(|ancestor| !ancestor.as_os_str().is_empty())
        .any(|ancestor| globs.is_match(ancestor))
}

/// The configurations of a run: the one named on the command line, or those found above each
/// unit, each read once.
#[derive(Debug)]
pub struct Configs {
    explicit: Option<Arc<Config>>,
    /// With `--config-from REV`, the configuration files of that revision, by the absolute path
    /// of the directory each lies in: the working tree's are not read.
    at_revision: Option<HashMap<PathBuf, RevisionFile>>,
    /// Where configurations are looked for: no higher than the boundary of each unit.
    workspace: Workspace,
    defaults: Arc<Config>,
    /// The configuration that applies in each directory visited so far, by the path's bytes
    /// (which hash in one step, where a `Path` hashes component by component).
    by_directory: HashMap<OsString, Arc<Config>>,
    /// What the command line selects and ignores, over every configuration.
    choice: RuleChoice,
}

impl Configs {
    /// With `explicit`, that file is the configuration of every unit: the user named it, so it
    /// may lie anywhere. With `at_revision`, the configuration files are those of that
    /// revision, which a pull request cannot change.
    pub fn new(
        explicit: Option<&Path>,
        at_revision: Option<Vec<RevisionFile>>,
        workspace: &Workspace,
        choice: RuleChoice,
    ) -> Result<Configs, ConfigError> {
        Ok(Configs {
            explicit: (explicit.map(Config::load).transpose()?)
                .map(|config| Arc::new(choice.apply(config))),
            at_revision: at_revision.map(|files| {
                files
                    .into_iter()
                    .map(|file| {
                        let directory = file.path.parent().unwrap_or(Path::new("")).to_path_buf();
                        (directory, file)
                    })
                    .collect()
            }),
            workspace: workspace.clone(),
            defaults: Arc::new(choice.apply(Config::default())),
            by_directory: HashMap::new(),
            choice,
        })
    }

    /// The configuration of the unit grouped by `root` (a file or a directory): the nearest
    /// `irlint.toml` at or above it, up to the top of its git repository (its boundary, see
    /// [`Workspace::boundary`]). A configuration reached through a symbolic link must lie inside
    /// that boundary too.
    pub fn of_unit(&mut self, root: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = &self.explicit {
            return Ok(Arc::clone(config));
        }
        let root = absolute(root);
        let boundary = self.workspace.boundary(&root);
        let mut visited = Vec::new();
        let mut found = None;
        for directory in root.ancestors() {
            if let Some(config) = self.by_directory.get(directory.as_os_str()) {
                found = Some(Arc::clone(config));
                break;
            }
            visited.push(directory.as_os_str().to_owned());
            let candidate = directory.join(FILE_NAME);
            if let Some(files) = &self.at_revision {
                if let Some(file) = files.get(directory) {
                    let config =
                        Config::from_bytes(&candidate, file.name.clone(), file.contents.clone())?;
                    found = Some(Arc::new(self.choice.apply(config)));
                    break;
                }
            } else if let Ok(metadata) = candidate.symlink_metadata() {
                if metadata.is_symlink() {
                    self.workspace.check(&candidate)?;
                }
                found = Some(Arc::new(self.choice.apply(Config::load(&candidate)?)));
                break;
            }
            if directory == boundary || !directory.starts_with(&boundary) {
                break;
            }
        }
        let config = found.unwrap_or_else(|| Arc::clone(&self.defaults));
        for directory in visited {
            self.by_directory.insert(directory, Arc::clone(&config));
        }
        Ok(config)
    }
}

/// Writes [`TEMPLATE`] to `irlint.toml` in `directory`, never over an existing file.
pub fn init(directory: &Path) -> Result<PathBuf, ConfigError> {
    let path = directory.join(FILE_NAME);
    let shown = display_path(&path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => ConfigError::Exists {
                path: shown.clone(),
            },
            _ => ConfigError::Write {
                path: shown.clone(),
                error,
            },
        })?;
    file.write_all(TEMPLATE.as_bytes())
        .map_err(|error| ConfigError::Write { path: shown, error })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/repo/irlint.toml"), text)
    }

    fn meta(id: &str) -> &'static RuleMeta {
        rules::find(id).expect("a registered rule").meta()
    }

    /// `line:column: message` of an invalid configuration.
    fn error(text: &str) -> String {
        match parse(text) {
            Err(ConfigError::Invalid {
                line,
                column,
                message,
                ..
            }) => format!("{line}:{column}: {message}"),
            other => panic!("an invalid configuration: {other:?}"),
        }
    }

    #[test]
    fn select_and_ignore_take_ids_and_names() {
        let config = parse("select = [\"IRL001\", \"single-region-unprotected\", \"irl005\"]\nignore = [\"IRL005\"]\n")
            .expect("valid");
        let file = Path::new("/repo/main.tf");
        assert!(config.runs(meta("IRL001"), file));
        assert!(config.runs(meta("IRL004"), file));
        assert!(!config.runs(meta("IRL005"), file));
        assert!(!config.runs(meta("IRL003"), file));
        let config = parse("ignore = [\"IRL003\"]").expect("valid");
        assert!(config.runs(meta("IRL001"), file) && !config.runs(meta("IRL003"), file));
    }

    #[test]
    fn levels_are_overridden_per_rule() {
        let config =
            parse("[rules.IRL004]\nlevel = \"error\"\n[rules.mixed-key-types]\nlevel = \"note\"\n")
                .expect("valid");
        assert_eq!(config.level_override(meta("IRL004")), Some(Level::Error));
        assert_eq!(config.level_override(meta("IRL001")), Some(Level::Note));
        assert_eq!(config.level_override(meta("IRL005")), None);
    }

    #[test]
    fn globs_are_relative_to_the_configuration_and_cover_directories() {
        let config = parse(
            "exclude = [\"legacy\", \"**/*.json\"]\n[[per-path]]\npaths = [\"stacks/*.yaml\"]\nignore = [\"IRL004\"]\n",
        )
        .expect("valid");
        assert!(config.excludes(Path::new("/repo/legacy/main.tf")));
        assert!(config.excludes(Path::new("/repo/a/b/t.json")));
        assert!(config.excludes(Path::new("/repo/a/../legacy/x/main.tf")));
        assert!(!config.excludes(Path::new("/repo/infra/main.tf")));
        assert!(!config.excludes(Path::new("/elsewhere/legacy/main.tf")));
        assert!(!config.runs(meta("IRL004"), Path::new("/repo/stacks/a.yaml")));
        assert!(config.runs(meta("IRL004"), Path::new("/repo/stacks/deep/a.yaml")));
        assert!(config.runs(meta("IRL001"), Path::new("/repo/stacks/a.yaml")));
    }

    #[test]
    fn the_region_must_look_like_one() {
        assert_eq!(
            parse("region = \"eu-west-1\"").expect("valid").region,
            Some("eu-west-1".to_owned())
        );
        assert_eq!(
            error("\nregion = \"Europe\""),
            "2:10: `Europe` is not a region AWS has (such as us-east-1)"
        );
    }

    #[test]
    fn unknown_keys_and_rules_are_errors_with_their_line() {
        assert!(
            error("ignore = []\nselekt = [\"IRL001\"]\n")
                .starts_with("2:1: unknown field `selekt`")
        );
        assert!(
            error("[rules.IRL004]\nlevl = \"error\"\n").starts_with("2:1: unknown field `levl`")
        );
        assert_eq!(
            error("ignore = [\n  \"IRL001\",\n  \"IRL999\",\n]\n"),
            "3:3: `IRL999` names no rule; `irlint --list-rules` lists them"
        );
        assert_eq!(
            error("\n[rules.no-such-rule]\nlevel = \"error\"\n"),
            "2:8: `no-such-rule` names no rule; `irlint --list-rules` lists them"
        );
        assert_eq!(
            error("[rules.IRL004]\nlevel = \"fatal\"\n"),
            "2:9: `fatal` is not a level: use \"error\", \"warning\" or \"note\""
        );
        assert_eq!(
            error("[[per-path]]\npaths = [\"a/[\"]\nignore = [\"IRL004\"]\n"),
            "2:10: not a glob: unclosed character class; missing ']'"
        );
        assert!(error("select = \"IRL001\"").starts_with("1:10: invalid type"));
    }

    #[test]
    fn the_template_reads_back_as_the_defaults_and_its_examples_are_valid() {
        let config = parse(TEMPLATE).expect("the template is valid");
        let file = Path::new("/repo/main.tf");
        for rule in rules::RULES {
            assert!(config.runs(rule.meta(), file));
            assert_eq!(config.level_override(rule.meta()), None);
        }
        assert_eq!(config.region, None);
        // Every commented-out example line, uncommented, is a valid configuration too.
        let examples: String = TEMPLATE
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(example) if example.starts_with('[') || example.contains(" = ") => example,
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let config = parse(&examples).expect("the examples are valid");
        assert_eq!(config.region.as_deref(), Some("us-east-1"));
        assert_eq!(config.level_override(meta("IRL004")), Some(Level::Error));
        assert!(!config.runs(meta("IRL004"), Path::new("/repo/legacy/main.tf")));
    }
}
