//! Files named on the command line are linted with the unit they belong to: `irlint main.tf`
//! reads the module's `variables.tf`, `irlint index.ts` the Pulumi project or CDK app above it,
//! `irlint Pulumi.yaml` the project's stacks. Only the findings that point into the named files
//! (where they are, or a related location) are reported for such a unit: pre-commit names the
//! files a commit changes, and asks about those. A manifest (`Pulumi.yaml`, `cdk.json`) decides
//! how its whole unit is read, so naming it reports every finding of the unit.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::{
    CDK_APP_FILE, FileRole, PACKAGE_MANIFESTS, PULUMI_PROJECT_FILES, UnitPaths, is_unit_manifest,
    role_of,
};
use crate::workspace::absolute;

/// The paths the user named, and what discovery walks to find the unit of each named file.
#[derive(Debug)]
pub struct Named {
    /// What discovery walks: each named path, and for a named file the directory of its unit
    /// besides (the file itself stays named: the walk passes over ignored and hidden files).
    walked: Vec<PathBuf>,
    /// The named paths that a unit was looked for around, made absolute as written.
    files: HashSet<PathBuf>,
    /// The other named paths (directories, files that belong to no unit), made absolute.
    whole: Vec<PathBuf>,
    /// The directories of named manifests, made absolute: every finding below is reported.
    manifests: Vec<PathBuf>,
    /// Each named file looked for in its unit, and how the walk of the unit spells it.
    respelled: Vec<(PathBuf, PathBuf)>,
}

impl Named {
    /// Finds the unit directory of each named file, looking no higher than `boundary` of it
    /// (the repository that holds it): a project above the repository is not the user's. A
    /// path `overlay` holds a text for is a file, whether or not it is on disk.
    pub fn of(
        paths: &[PathBuf],
        boundary: impl Fn(&Path) -> PathBuf,
        overlay: &BTreeMap<PathBuf, String>,
    ) -> Named {
        let mut named = Named {
            walked: Vec::with_capacity(paths.len()),
            files: HashSet::new(),
            whole: Vec::new(),
            manifests: Vec::new(),
            respelled: Vec::new(),
        };
        for path in paths {
            let is_file = overlay.contains_key(path)
                || std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file());
            let unit = is_file
                .then(|| unit_directory(path, &boundary(path)))
                .flatten();
            match unit {
                Some(directory) => {
                    let file = absolute(path);
                    // Spelled as the walk of its unit spells it, so that the two are one file.
                    let spelled = match (file.parent(), file.file_name()) {
                        (Some(parent), Some(name)) => directory
                            .join(
                                parent
                                    .strip_prefix(absolute(&directory))
                                    .unwrap_or(Path::new("")),
                            )
                            .join(name),
                        _ => path.clone(),
                    };
                    if is_unit_manifest(path) {
                        named.manifests.push(absolute(&directory));
                    }
                    named.files.insert(file);
                    if !named.walked.contains(&directory) {
                        named.walked.push(directory);
                    }
                    named.walked.push(spelled.clone());
                    named.respelled.push((path.clone(), spelled));
                }
                None => {
                    named.whole.push(absolute(path));
                    named.walked.push(path.clone());
                }
            }
        }
        named
    }

    /// The paths as they are, each linted whole.
    pub fn whole(paths: &[PathBuf]) -> Named {
        Named {
            walked: paths.to_vec(),
            files: HashSet::new(),
            whole: Vec::new(),
            manifests: Vec::new(),
            respelled: Vec::new(),
        }
    }

    /// The texts that stand in for files, keyed as the walk spells the named files.
    pub fn overlay<'a>(
        &self,
        overlay: &'a BTreeMap<PathBuf, String>,
    ) -> Cow<'a, BTreeMap<PathBuf, String>> {
        if overlay.is_empty() || self.respelled.is_empty() {
            return Cow::Borrowed(overlay);
        }
        let key = |path: &PathBuf| {
            (self.respelled.iter())
                .find(|(named, _)| named == path)
                .map_or_else(|| path.clone(), |(_, spelled)| spelled.clone())
        };
        Cow::Owned(
            (overlay.iter())
                .map(|(path, text)| (key(path), text.clone()))
                .collect(),
        )
    }

    /// What discovery walks.
    pub fn walked(&self) -> &[PathBuf] {
        &self.walked
    }

    /// Whether a unit discovery found is linted: one that holds a named file, or lies at or below
    /// a path named whole. Units found only because they share a directory with a named file's
    /// unit are not.
    pub fn keeps(&self, unit: &UnitPaths) -> bool {
        self.files.is_empty()
            || (unit.files.iter().chain([&unit.root])).any(|file| {
                let file = absolute(file);
                self.files.contains(&file) || self.whole.iter().any(|whole| file.starts_with(whole))
            })
    }

    /// Whether a finding that points into `files` (where it is, its related locations) is
    /// reported: one of them was named, lies below a path named whole, or belongs to the unit of
    /// a named manifest.
    pub fn reports<'a>(&self, mut files: impl Iterator<Item = &'a Path>) -> bool {
        self.files.is_empty()
            || files.any(|file| {
                let file = absolute(file);
                self.files.contains(&file)
                    || (self.whole.iter().chain(&self.manifests))
                        .any(|whole| file.starts_with(whole))
            })
    }
}

/// The directory whose walk finds the unit `file` belongs to, spelled as `file` is (relative
/// paths stay relative, through `..` when the unit lies above the working directory); `None`
/// when the file's name says it belongs to none.
fn unit_directory(file: &Path, boundary: &Path) -> Option<PathBuf> {
    let role = role_of(file)?;
    let at = absolute(file);
    let directory = at.parent()?;
    let unit = match role {
        // A template is a unit with the SAM configuration of its directory, a module is its
        // directory, a stack file or a manifest belongs to the project or app of its directory.
        FileRole::Template
        | FileRole::SamConfig
        | FileRole::Terraform
        | FileRole::PulumiProject
        | FileRole::PulumiStack
        | FileRole::CdkApp => directory.to_path_buf(),
        // As discovery groups a source: the nearest project or app above it, else the nearest
        // package.
        FileRole::ProgramSource => {
            let within = directory
                .ancestors()
                .take_while(|ancestor| ancestor.starts_with(boundary));
            let mut package = None;
            let mut owner = None;
            for ancestor in within {
                if holds_any(ancestor, &PULUMI_PROJECT_FILES)
                    || holds_any(ancestor, &[CDK_APP_FILE])
                {
                    owner = Some(ancestor);
                    break;
                }
                if package.is_none() && holds_any(ancestor, PACKAGE_MANIFESTS) {
                    package = Some(ancestor);
                }
            }
            owner.or(package)?.to_path_buf()
        }
    };
    if file.is_absolute() {
        return Some(unit);
    }
    let current = std::env::current_dir().ok()?;
    let relative = pathdiff::diff_paths(&unit, absolute(&current))?;
    Some(if relative.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        relative
    })
}

fn holds_any(directory: &Path, names: &[&str]) -> bool {
    names.iter().any(|name| directory.join(name).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
            std::fs::write(path, "").expect("a file");
        }
        dir
    }

    #[test]
    fn a_named_file_is_looked_for_in_the_unit_its_name_says() {
        let dir = project(&[
            "infra/main.tf",
            "infra/variables.tf",
            "infra/modules/x/main.tf",
            "app/Pulumi.yaml",
            "app/Pulumi.prod.yaml",
            "app/src/lib/index.ts",
            "app/package.json",
            "lib/package.json",
            "lib/src/stack.py",
            "cdk/cdk.json",
            "cdk/bin/app.ts",
            "loose/script.py",
            "templates/set.yaml",
        ]);
        let top = dir.path();
        let unit = |file: &str| unit_directory(&top.join(file), top);
        assert_eq!(unit("infra/main.tf"), Some(top.join("infra")));
        assert_eq!(unit("app/Pulumi.prod.yaml"), Some(top.join("app")));
        assert_eq!(unit("app/src/lib/index.ts"), Some(top.join("app")));
        assert_eq!(unit("lib/src/stack.py"), Some(top.join("lib")));
        assert_eq!(unit("cdk/bin/app.ts"), Some(top.join("cdk")));
        assert_eq!(unit("templates/set.yaml"), Some(top.join("templates")));
        assert_eq!(unit("loose/script.py"), None);
        // A project above the boundary is not looked at.
        assert_eq!(
            unit_directory(&top.join("app/src/lib/index.ts"), &top.join("app/src")),
            None
        );
    }

    #[test]
    fn only_the_named_files_units_are_kept_and_only_their_findings_reported() {
        let dir = project(&[
            "infra/main.tf",
            "infra/variables.tf",
            "infra/modules/x/main.tf",
        ]);
        let top = dir.path();
        let none = BTreeMap::new();
        let named = Named::of(&[top.join("infra/main.tf")], |_| top.to_path_buf(), &none);
        assert_eq!(
            named.walked(),
            [top.join("infra"), top.join("infra/main.tf")]
        );
        let module = |root: &str, files: &[&str]| UnitPaths {
            kind: super::super::UnitKind::Terraform,
            root: top.join(root),
            files: files.iter().map(|file| top.join(file)).collect(),
        };
        assert!(named.keeps(&module("infra", &["infra/main.tf", "infra/variables.tf"])));
        assert!(!named.keeps(&module("infra/modules/x", &["infra/modules/x/main.tf"])));
        let reports =
            |named: &Named, file: &str| named.reports([top.join(file).as_path()].into_iter());
        assert!(reports(&named, "infra/main.tf"));
        assert!(!reports(&named, "infra/variables.tf"));

        let whole = Named::of(&[top.join("infra")], |_| top.to_path_buf(), &none);
        assert!(whole.keeps(&module("infra/modules/x", &["infra/modules/x/main.tf"])));
        assert!(reports(&whole, "infra/variables.tf"));
    }
}
