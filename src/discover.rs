//! Finds the files to lint and groups them into deployment units.
//!
//! A CloudFormation template is a unit of its own, with the SAM configuration of its directory
//! (`samconfig.toml`), whose environments deploy it; a Terraform module is the set of `*.tf` files
//! in one directory; a Pulumi project is the directory holding `Pulumi.yaml`, with its stack files
//! and the program sources below it. The walk honours `.gitignore` and skips directories that
//! hold no code of the user's (`.git`, `.terraform`, `node_modules`, Python virtual environments).

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

mod named;
pub use named::Named;

/// Directories that hold tools' caches or vendored code, never the user's infrastructure.
const SKIPPED_DIRECTORIES: &[&str] = &[".git", ".terraform", "node_modules", "venv", "__pycache__"];

/// Which front-end reads a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    CloudFormation,
    Terraform,
    /// A Pulumi project, whatever its language: its `Pulumi.yaml` says.
    Pulumi,
    /// An AWS CDK app: the directory holding `cdk.json`, whose `app` command names the entry.
    Cdk,
}

/// The files of one deployment unit, not yet read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitPaths {
    pub kind: UnitKind,
    /// What the unit is grouped by: the template file, the module directory, the project
    /// directory. It names the unit alike wherever its files are read from.
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
}

/// The names of a Pulumi project file.
pub(crate) const PULUMI_PROJECT_FILES: [&str; 2] = ["Pulumi.yaml", "Pulumi.yml"];

/// The names of a SAM configuration, in the order the SAM CLI prefers them when a directory
/// holds more than one.
pub(crate) const SAM_CONFIGURATIONS: [&str; 3] =
    ["samconfig.toml", "samconfig.yaml", "samconfig.yml"];

/// The SAM CLI reads one configuration in a directory: the rank of a file's name among
/// [`SAM_CONFIGURATIONS`], the one it reads lowest (`None` for any other name).
pub(crate) fn sam_configuration_rank(path: &Path) -> Option<usize> {
    let name = path.file_name().and_then(OsStr::to_str);
    (SAM_CONFIGURATIONS.iter()).position(|preferred| Some(*preferred) == name)
}

/// The file that makes its directory a CDK app.
pub(crate) const CDK_APP_FILE: &str = "cdk.json";

/// What a file may be, judged by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FileRole {
    Template,
    /// `samconfig.toml`, `samconfig.yaml` or `samconfig.yml`: the SAM CLI's settings for the
    /// templates of its directory.
    SamConfig,
    Terraform,
    /// `Pulumi.yaml`: its directory is a Pulumi project.
    PulumiProject,
    /// `Pulumi.<stack>.yaml`, beside the project file.
    PulumiStack,
    /// `cdk.json`: its directory is a CDK app.
    CdkApp,
    /// A TypeScript, JavaScript or Python source, part of the Pulumi project above it if any.
    ProgramSource,
}

/// Why a path could not be walked; the message leaves out the path, which [`DiscoverError::path`]
/// gives.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("no such file or directory")]
    Missing(PathBuf),
    /// A path that exists but cannot be followed: a symbolic link loop, a directory without
    /// permission to search it.
    #[error("{1}")]
    Inaccessible(PathBuf, std::io::Error),
    /// A named pipe, a socket, a device: reading one may never end.
    #[error("not a regular file or a directory")]
    Special(PathBuf),
    /// A directory below a linted path that cannot be entered, a file that cannot be listed.
    #[error(transparent)]
    Walk(ignore::Error),
}

impl DiscoverError {
    /// The path the error is about, when it names one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            DiscoverError::Missing(path)
            | DiscoverError::Inaccessible(path, _)
            | DiscoverError::Special(path) => Some(path),
            DiscoverError::Walk(_) => None,
        }
    }
}

/// The role a file may play, judged by its name. Terraform variable files join their module
/// only when Terraform loads them by itself (`terraform.tfvars`, `*.auto.tfvars`, and their
/// `.json` forms); others are chosen per deployment with `-var-file`.
pub(crate) fn role_of(path: &Path) -> Option<FileRole> {
    let name = path.file_name()?.to_str()?;
    // Terraform's JSON syntax: configurations (`*.tf.json`, which CDK for Terraform writes) and
    // the variable files Terraform loads by itself.
    if name.ends_with(".tf.json")
        || name == "terraform.tfvars.json"
        || name.ends_with(".auto.tfvars.json")
    {
        return Some(FileRole::Terraform);
    }
    if PULUMI_PROJECT_FILES.contains(&name) {
        return Some(FileRole::PulumiProject);
    }
    if SAM_CONFIGURATIONS.contains(&name) {
        return Some(FileRole::SamConfig);
    }
    if name == CDK_APP_FILE {
        return Some(FileRole::CdkApp);
    }
    // What a program's loading reads besides its sources: Go's module path, a JavaScript
    // program's entry; and what makes a directory a package (a CDK construct library).
    if name == "go.mod" || PACKAGE_MANIFESTS.contains(&name) {
        return Some(FileRole::ProgramSource);
    }
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    if name.starts_with("Pulumi.") && matches!(extension.as_str(), "yaml" | "yml") {
        return Some(FileRole::PulumiStack);
    }
    match extension.as_str() {
        "tf" => Some(FileRole::Terraform),
        "tfvars" if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") => {
            Some(FileRole::Terraform)
        }
        "yaml" | "yml" | "json" | "template" => Some(FileRole::Template),
        "ts" | "mts" | "cts" | "js" | "mjs" | "cjs" | "py" | "go" | "cs" | "java" => {
            Some(FileRole::ProgramSource)
        }
        // Languages the dotnet and java runtimes also run, which irlint does not read: read only
        // to say that a program in them is not checked.
        "fs" | "fsx" | "vb" | "kt" | "kts" | "scala" | "groovy" => Some(FileRole::ProgramSource),
        _ => None,
    }
}

/// Whether a file decides how the rest of its unit is read (`Pulumi.yaml`, `cdk.json`): when it
/// is broken, the unit's sources are not read, and a set among them is not known to be absent.
pub(crate) fn is_unit_manifest(path: &Path) -> bool {
    matches!(
        role_of(path),
        Some(FileRole::PulumiProject | FileRole::CdkApp)
    )
}

/// The files that make their directory a package of JavaScript or Python code.
const PACKAGE_MANIFESTS: &[&str] = &[
    "package.json",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
];

/// Whether a file makes its directory a package: one that uses the CDK without being an app (a
/// construct library) is linted as a unit of its own.
pub fn is_package_manifest(path: &Path) -> bool {
    (path.file_name().and_then(OsStr::to_str)).is_some_and(|name| PACKAGE_MANIFESTS.contains(&name))
}

/// Walks the given paths (files or directories) and groups what it finds into units. A path
/// that cannot be walked is an error of its own: the others are still walked. A path `overlay`
/// holds a text for is a file, whether or not it is on disk (standard input, an unsaved buffer).
pub fn discover(
    paths: &[PathBuf],
    overlay: &BTreeMap<PathBuf, String>,
) -> (Vec<UnitPaths>, Vec<DiscoverError>) {
    let mut named = Vec::new();
    let mut roots = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if overlay.contains_key(path) {
            named.push(path.clone());
            continue;
        }
        // One `stat`, following links as `is_file` and `is_dir` do.
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_file() => named.push(path.clone()),
            Ok(metadata) if metadata.is_dir() => roots.push(path.clone()),
            Ok(_) => errors.push(DiscoverError::Special(path.clone())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                errors.push(DiscoverError::Missing(path.clone()));
            }
            Err(error) => errors.push(DiscoverError::Inaccessible(path.clone(), error)),
        }
    }
    let (walked, walk_errors) = walk(&roots);
    errors.extend(walk_errors.into_iter().map(DiscoverError::Walk));
    (group_found(named, walked), errors)
}

/// Whether the walk skips a directory of this name.
fn skips_directory(name: &str) -> bool {
    SKIPPED_DIRECTORIES.contains(&name)
}

/// Whether the walk passes over a file at `relative` (`/`-separated) below a linted directory,
/// judged by its name alone: a hidden file, or one in a hidden or skipped directory. Ignore files
/// (`.gitignore`, `.git/info/exclude`, git's global excludes file) are the other half of what
/// the walk skips, which a listing of a revision asks git about.
pub fn skips_by_name(relative: &str) -> bool {
    let mut components = relative.split('/');
    let file = components.next_back().unwrap_or_default();
    is_hidden(file)
        || components.any(|directory| is_hidden(directory) || skips_directory(directory))
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Groups files into units, wherever they were found (a walk of the file system, a listing of a
/// git tree). A file named explicitly is linted whatever its name: as what its name says, and as
/// a template when its name says nothing; a file found below a directory only when its name says
/// what it is.
pub fn group_found(named: Vec<PathBuf>, walked: Vec<PathBuf>) -> Vec<UnitPaths> {
    let mut files: Vec<(FileRole, PathBuf)> = named
        .into_iter()
        .map(|path| (role_of(&path).unwrap_or(FileRole::Template), path))
        .chain(
            walked
                .into_iter()
                .filter_map(|path| Some((role_of(&path)?, path))),
        )
        .collect();
    files.sort_by_cached_key(|(role, path)| (*role, component_order(path)));
    files.dedup();
    group(files)
}

/// A key that orders paths component by component, as `Path` does, but compares as bytes: the
/// components, each followed by a zero byte, which no component holds and which sorts before
/// every other byte. Paths equal as `Path`s have equal keys, so duplicates sort side by side.
/// (`Path`'s own order takes both paths apart again at every comparison: a tenth of the
/// instructions of a run over a large tree.)
fn component_order(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 1);
    for component in path.components() {
        key.extend_from_slice(component.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// The walk of `first` and `rest` with discovery's rules: ignore files honoured (`.gitignore`
/// even outside a git repository), hidden entries and [`SKIPPED_DIRECTORIES`] passed over,
/// symbolic links not followed.
pub(crate) fn walker(first: &Path, rest: &[PathBuf]) -> WalkBuilder {
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    // `.ignore` files are git's business only through `.gitignore`: a revision's listing asks
    // git which files its ignore rules leave out, and must leave out the same ones.
    builder
        .require_git(false)
        .ignore(false)
        .filter_entry(|entry| {
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && entry.file_name().to_str().is_some_and(skips_directory))
        });
    builder
}

fn walk(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<ignore::Error>) {
    let Some((first, rest)) = roots.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let builder = walker(first, rest);
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry)
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && role_of(entry.path()).is_some() =>
                {
                    push(&found, entry.into_path());
                }
                Ok(_) => {}
                Err(error) => push(&errors, error),
            }
            WalkState::Continue
        })
    });
    (
        found.into_inner().unwrap_or_else(|e| e.into_inner()),
        errors.into_inner().unwrap_or_else(|e| e.into_inner()),
    )
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock().unwrap_or_else(|e| e.into_inner()).push(item);
}

/// Templates stay alone, with the SAM configuration of their directory (the one the SAM CLI
/// reads, when there are several); Terraform files join the others of their directory; Pulumi stack files
/// and program sources join the nearest project above them (sources outside any project are
/// not infrastructure code irlint reads). Modules and projects are looked up by hash: every
/// program source asks for each of its ancestors, which an ordered map answers only by comparing
/// paths component by component (a seventh of the instructions of a run over a large tree).
/// They are keyed by the paths' bytes, which hash in one step where a `Path` hashes component by
/// component; the walk spells every path alike.
fn group(files: Vec<(FileRole, PathBuf)>) -> Vec<UnitPaths> {
    let directory = |path: &Path| {
        path.parent()
            .map(|parent| parent.as_os_str().to_owned())
            .unwrap_or_default()
    };
    // The directories that hold a project, an app or a package, in one map: a source looks each
    // of its ancestors up once.
    let mut holders: HashMap<OsString, (Holds, Vec<PathBuf>)> = HashMap::new();
    for (role, path) in &files {
        let holds = match role {
            FileRole::PulumiProject => Holds::Project,
            FileRole::CdkApp => Holds::App,
            FileRole::ProgramSource if is_package_manifest(path) => Holds::Package,
            _ => continue,
        };
        let holder = holders
            .entry(directory(path))
            .or_insert((holds, Vec::new()));
        // A project's or an app's directory may hold a package manifest too: it is theirs.
        holder.0 = holder.0.min(holds);
    }
    let any_app = holders.values().any(|(holds, _)| *holds == Holds::App);
    // The SAM configuration of each directory that holds one.
    let mut sam_configurations: HashMap<OsString, PathBuf> = HashMap::new();
    for (_, path) in files
        .iter()
        .filter(|(role, _)| *role == FileRole::SamConfig)
    {
        let chosen = sam_configurations
            .entry(directory(path))
            .or_insert_with(|| path.clone());
        if sam_configuration_rank(path) < sam_configuration_rank(chosen) {
            chosen.clone_from(path);
        }
    }
    let mut modules: HashMap<OsString, Vec<PathBuf>> = HashMap::new();
    let mut units = Vec::new();
    for (role, path) in files {
        match role {
            // What `cdk synth` wrote from an app that is linted: the app's source is read instead.
            FileRole::Template if any_app && synthesized_by(&path, &holders) => {}
            FileRole::Template => {
                let configuration = sam_configurations.get(&directory(&path)).cloned();
                units.push(UnitPaths {
                    kind: UnitKind::CloudFormation,
                    root: path.clone(),
                    files: [path].into_iter().chain(configuration).collect(),
                });
            }
            // Read with the templates of its directory.
            FileRole::SamConfig => {}
            FileRole::Terraform => modules.entry(directory(&path)).or_default().push(path),
            FileRole::PulumiProject | FileRole::PulumiStack | FileRole::CdkApp => {
                let holds = match role {
                    FileRole::CdkApp => Holds::App,
                    _ => Holds::Project,
                };
                match holders.get_mut(&directory(&path)) {
                    Some((held, files)) if *held == holds => files.push(path),
                    _ => {}
                }
            }
            // A source joins the nearest project or app above it, else the nearest package.
            FileRole::ProgramSource => {
                let mut package = None;
                let mut owner = None;
                for ancestor in path.ancestors().skip(1).map(Path::as_os_str) {
                    match holders.get(ancestor) {
                        Some((Holds::Package, _)) => _ = package.get_or_insert(ancestor),
                        Some(_) => {
                            owner = Some(ancestor);
                            break;
                        }
                        None => {}
                    }
                }
                let holder = owner.or(package).map(OsStr::to_owned);
                if let Some((_, files)) = holder.and_then(|held| holders.get_mut(&held)) {
                    files.push(path);
                }
            }
        }
    }
    let in_order = |units: Vec<(OsString, Vec<PathBuf>)>| {
        let mut units: Vec<(PathBuf, Vec<PathBuf>)> = units
            .into_iter()
            .map(|(root, files)| (PathBuf::from(root), files))
            .collect();
        units.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        units
    };
    units.extend(
        in_order(modules.into_iter().collect())
            .into_iter()
            .map(|(root, files)| UnitPaths {
                kind: UnitKind::Terraform,
                root,
                files,
            }),
    );
    let mut held: [Vec<(OsString, Vec<PathBuf>)>; 3] = Default::default();
    for (root, (holds, files)) in holders {
        held[holds as usize].push((root, files));
    }
    let [projects, apps, packages] = held;
    units.extend(
        in_order(projects)
            .into_iter()
            .map(|(root, files)| UnitPaths {
                kind: UnitKind::Pulumi,
                root,
                files,
            }),
    );
    // A package is read as a CDK library: only when it names the CDK's set does it get parsed.
    let cdk = in_order(apps).into_iter().chain(in_order(packages));
    units.extend(
        cdk.filter(|(_, files)| !files.is_empty())
            .map(|(root, files)| UnitPaths {
                kind: UnitKind::Cdk,
                root,
                files,
            }),
    );
    units
}

/// What a directory holds that sources below it join, the strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Holds {
    /// A Pulumi project (`Pulumi.yaml`).
    Project,
    /// A CDK app (`cdk.json`).
    App,
    /// A package (`package.json`, `pyproject.toml`), read as a CDK construct library when it
    /// holds no project or app.
    Package,
}

/// Whether a template lies in the `cdk.out` directory of an app that is linted, which `cdk
/// synth` writes from the app's source.
fn synthesized_by(template: &Path, holders: &HashMap<OsString, (Holds, Vec<PathBuf>)>) -> bool {
    // Most templates are not below a `cdk.out`: their bytes say so before any path is taken apart.
    let bytes = template.as_os_str().as_encoded_bytes();
    if memchr::memmem::find(bytes, b"cdk.out").is_none() {
        return false;
    }
    template.ancestors().skip(1).any(|directory| {
        directory.file_name() == Some(OsStr::new("cdk.out"))
            && directory
                .parent()
                .is_some_and(|app| matches!(holders.get(app.as_os_str()), Some((Holds::App, _))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_file_names() {
        assert_eq!(role_of(Path::new("a/main.tf")), Some(FileRole::Terraform));
        assert_eq!(
            role_of(Path::new("terraform.tfvars")),
            Some(FileRole::Terraform)
        );
        assert_eq!(
            role_of(Path::new("a/x.auto.tfvars")),
            Some(FileRole::Terraform)
        );
        assert_eq!(role_of(Path::new("a/prod.tfvars")), None);
        for json_syntax in [
            "terraform.tfvars.json",
            "a/x.auto.tfvars.json",
            "a/main.tf.json",
            "cdktf.out/stacks/prod/cdk.tf.json",
            "a/override.tf.json",
        ] {
            assert_eq!(role_of(Path::new(json_syntax)), Some(FileRole::Terraform));
        }
        // Chosen per deployment with `-var-file`, or a template like any other JSON file.
        assert_eq!(
            role_of(Path::new("prod.tfvars.json")),
            Some(FileRole::Template)
        );
        assert_eq!(role_of(Path::new("t.YAML")), Some(FileRole::Template));
        assert_eq!(role_of(Path::new("t.template")), Some(FileRole::Template));
        assert_eq!(
            role_of(Path::new("p/Pulumi.yaml")),
            Some(FileRole::PulumiProject)
        );
        assert_eq!(
            role_of(Path::new("p/Pulumi.prod.yaml")),
            Some(FileRole::PulumiStack)
        );
        assert_eq!(
            role_of(Path::new("p/index.ts")),
            Some(FileRole::ProgramSource)
        );
        assert_eq!(
            role_of(Path::new("p/__main__.py")),
            Some(FileRole::ProgramSource)
        );
        for source in [
            "p/main.go",
            "p/go.mod",
            "p/Program.cs",
            "p/src/main/java/App.java",
            "p/package.json",
        ] {
            assert_eq!(
                role_of(Path::new(source)),
                Some(FileRole::ProgramSource),
                "{source}"
            );
        }
        assert_eq!(
            role_of(Path::new("p/__main__.py")),
            Some(FileRole::ProgramSource)
        );
        for configuration in ["samconfig.toml", "app/samconfig.yaml", "app/samconfig.yml"] {
            assert_eq!(
                role_of(Path::new(configuration)),
                Some(FileRole::SamConfig),
                "{configuration}"
            );
        }
        assert_eq!(
            role_of(Path::new("samconfig.json")),
            Some(FileRole::Template)
        );
        assert_eq!(role_of(Path::new("README.md")), None);
        assert_eq!(role_of(Path::new("Makefile")), None);
    }

    #[test]
    fn component_order_sorts_paths_component_by_component() {
        let mut paths = [
            "a-b/x.tf",
            "a/b.tf",
            "a/b/c.tf",
            "ab/c.tf",
            "a/b.tf.json",
            "a/b/c/d.tf",
            "a//b/./c.tf",
        ]
        .map(PathBuf::from)
        .to_vec();
        let mut by_key = paths.clone();
        paths.sort();
        by_key.sort_by_cached_key(|path| component_order(path));
        assert_eq!(by_key, paths);
        assert_eq!(
            component_order(Path::new("a//b/./c.tf")),
            component_order(Path::new("a/b/c.tf"))
        );
    }

    #[test]
    fn terraform_files_group_by_directory() {
        let units = group(vec![
            (FileRole::Terraform, PathBuf::from("a/main.tf")),
            (FileRole::Template, PathBuf::from("a/t.yaml")),
            (FileRole::Terraform, PathBuf::from("a/providers.tf")),
            (FileRole::Terraform, PathBuf::from("b/main.tf")),
        ]);
        assert_eq!(units.len(), 3);
        assert_eq!(
            units[1].files,
            vec![PathBuf::from("a/main.tf"), PathBuf::from("a/providers.tf")]
        );
    }

    #[test]
    fn a_template_is_read_with_the_sam_configuration_of_its_directory() {
        let units = group_found(
            Vec::new(),
            [
                "app/template.yaml",
                "app/infra.yaml",
                "app/samconfig.yml",
                "app/samconfig.toml",
                "app/nested/template.yaml",
                "other/samconfig.yaml",
                "other/template.yaml",
                "lonely/samconfig.toml",
            ]
            .map(PathBuf::from)
            .to_vec(),
        );
        let files: Vec<Vec<&str>> = (units.iter())
            .map(|unit| {
                assert_eq!(unit.kind, UnitKind::CloudFormation);
                assert_eq!(unit.root, unit.files[0]);
                (unit.files.iter())
                    .map(|path| path.to_str().unwrap_or_default())
                    .collect()
            })
            .collect();
        assert_eq!(
            files,
            [
                vec!["app/infra.yaml", "app/samconfig.toml"],
                vec!["app/nested/template.yaml"],
                vec!["app/template.yaml", "app/samconfig.toml"],
                vec!["other/template.yaml", "other/samconfig.yaml"],
            ]
        );
    }

    #[test]
    fn pulumi_files_join_the_nearest_project() {
        let units = group(vec![
            (FileRole::PulumiProject, PathBuf::from("p/Pulumi.yaml")),
            (FileRole::PulumiStack, PathBuf::from("p/Pulumi.prod.yaml")),
            (FileRole::ProgramSource, PathBuf::from("p/index.ts")),
            (FileRole::ProgramSource, PathBuf::from("p/src/keys.ts")),
            (
                FileRole::PulumiProject,
                PathBuf::from("p/nested/Pulumi.yaml"),
            ),
            (
                FileRole::ProgramSource,
                PathBuf::from("p/nested/__main__.py"),
            ),
            (FileRole::ProgramSource, PathBuf::from("scripts/tool.py")),
            (
                FileRole::PulumiStack,
                PathBuf::from("elsewhere/Pulumi.dev.yaml"),
            ),
        ]);
        assert_eq!(
            units,
            vec![
                UnitPaths {
                    kind: UnitKind::Pulumi,
                    root: PathBuf::from("p"),
                    files: [
                        "p/Pulumi.yaml",
                        "p/Pulumi.prod.yaml",
                        "p/index.ts",
                        "p/src/keys.ts"
                    ]
                    .map(PathBuf::from)
                    .to_vec(),
                },
                UnitPaths {
                    kind: UnitKind::Pulumi,
                    root: PathBuf::from("p/nested"),
                    files: ["p/nested/Pulumi.yaml", "p/nested/__main__.py"]
                        .map(PathBuf::from)
                        .to_vec(),
                },
            ]
        );
    }

    #[test]
    fn cdk_apps_and_packages_gather_their_sources() {
        let units = group_found(
            Vec::new(),
            [
                "app/cdk.json",
                "app/bin/app.ts",
                "app/lib/stack.ts",
                "app/cdk.out/Prod.template.json",
                "app/pulumi/Pulumi.yaml",
                "app/pulumi/index.ts",
                "constructs/package.json",
                "constructs/src/index.ts",
                "constructs/test/index.test.ts",
                "scripts/tool.py",
                "synthesized/cdk.out/Other.template.json",
            ]
            .map(PathBuf::from)
            .to_vec(),
        );
        let unit = |kind, root: &str, files: &[&str]| UnitPaths {
            kind,
            root: PathBuf::from(root),
            files: files.iter().map(PathBuf::from).collect(),
        };
        assert_eq!(
            units,
            vec![
                // A template written by `cdk synth` of an app that is not linted is read.
                unit(
                    UnitKind::CloudFormation,
                    "synthesized/cdk.out/Other.template.json",
                    &["synthesized/cdk.out/Other.template.json"]
                ),
                unit(
                    UnitKind::Pulumi,
                    "app/pulumi",
                    &["app/pulumi/Pulumi.yaml", "app/pulumi/index.ts"]
                ),
                unit(
                    UnitKind::Cdk,
                    "app",
                    &["app/cdk.json", "app/bin/app.ts", "app/lib/stack.ts"]
                ),
                unit(
                    UnitKind::Cdk,
                    "constructs",
                    &[
                        "constructs/package.json",
                        "constructs/src/index.ts",
                        "constructs/test/index.test.ts"
                    ]
                ),
            ]
        );
    }
}
