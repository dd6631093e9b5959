//! The deployment unit a document belongs to, and the files the server lints for it.
//!
//! The server lints a unit by naming its files, never by naming a directory: a directory named
//! to the linter is walked with everything below it, so that a Terraform file at the top of a
//! workspace would lint the whole workspace, and one outside every workspace folder
//! (`/main.tf`) the whole file system.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::discover::{self, FileRole, PULUMI_PROJECT_FILES, SAM_CONFIGURATIONS, UnitKind};
use crate::frontend::cloudformation::samconfig::DEFAULT_TEMPLATES;
use crate::source::display_path;
use crate::workspace::holds_git;

/// A unit as discovery groups it: a template, a Terraform module directory, a Pulumi project
/// directory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub kind: UnitKind,
    pub root: PathBuf,
}

impl Unit {
    /// The unit of the document at `path` (absolute): a Terraform file's module, the Pulumi
    /// project above a program source, a template itself, the template a SAM configuration
    /// deploys by default. A file whose name says nothing is taken for a template, as when the
    /// command line names it. `None` for a Pulumi file outside any project, or a SAM
    /// configuration beside no default template, which nothing deploys.
    pub fn of(path: &Path) -> Option<Unit> {
        let unit = |kind, root: &Path| {
            Some(Unit {
                kind,
                root: root.to_path_buf(),
            })
        };
        let directory = path.parent();
        match discover::role_of(path) {
            Some(FileRole::Terraform) => unit(UnitKind::Terraform, directory?),
            Some(FileRole::PulumiProject) => unit(UnitKind::Pulumi, directory?),
            Some(FileRole::CdkApp) => unit(UnitKind::Cdk, directory?),
            Some(FileRole::PulumiStack) => directory
                .filter(|directory| holds_project(directory))
                .and_then(|directory| unit(UnitKind::Pulumi, directory)),
            Some(FileRole::ProgramSource) => {
                project_above(path).and_then(|(kind, project)| unit(kind, project))
            }
            Some(FileRole::SamConfig) => (DEFAULT_TEMPLATES.iter())
                .map(|name| directory.map(|directory| directory.join(name)))
                .find(|template| template.as_ref().is_some_and(|template| template.is_file()))
                .flatten()
                .and_then(|template| unit(UnitKind::CloudFormation, &template)),
            Some(FileRole::Template) | None => unit(UnitKind::CloudFormation, path),
        }
    }

    /// The unit's files on disk, as the command line's walk finds them, and what could not be
    /// listed.
    pub fn files(&self) -> (Vec<PathBuf>, Vec<String>) {
        match self.kind {
            // The template, with the SAM configuration beside it that discovery would add.
            UnitKind::CloudFormation => {
                let is_file =
                    std::fs::metadata(&self.root).is_ok_and(|metadata| metadata.is_file());
                if !is_file {
                    return (Vec::new(), Vec::new());
                }
                let configuration = (self.root.parent().into_iter())
                    .flat_map(|directory| SAM_CONFIGURATIONS.map(|name| directory.join(name)))
                    .find(|configuration| configuration.is_file());
                let files = [self.root.clone()].into_iter().chain(configuration);
                (files.collect(), Vec::new())
            }
            UnitKind::Terraform => self.module_files(),
            UnitKind::Pulumi | UnitKind::Cdk => {
                // A project's sources may lie anywhere below it: discovery walks it and says
                // which files are the project's (not a nested project's, a template's, a
                // module's).
                let (units, errors) = discover::discover(
                    std::slice::from_ref(&self.root),
                    &std::collections::BTreeMap::new(),
                );
                let files = units
                    .into_iter()
                    .find(|unit| unit.kind == self.kind && unit.root == self.root)
                    .map(|unit| unit.files)
                    .unwrap_or_default();
                (files, errors.iter().map(ToString::to_string).collect())
            }
        }
    }

    /// The Terraform files of the module directory itself, not of the directories below it,
    /// passed over as discovery's walk passes over them (hidden, ignored, not regular files).
    fn module_files(&self) -> (Vec<PathBuf>, Vec<String>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let walk = discover::walker(&self.root, &[]).max_depth(Some(1)).build();
        for entry in walk {
            match entry {
                Ok(entry)
                    if entry.depth() == 1
                        && entry.file_type().is_some_and(|t| t.is_file())
                        && discover::role_of(entry.path()) == Some(FileRole::Terraform) =>
                {
                    files.push(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => problems.push(error.to_string()),
            }
        }
        (files, problems)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            UnitKind::CloudFormation => "template",
            UnitKind::Terraform => "Terraform module",
            UnitKind::Pulumi => "Pulumi project",
            UnitKind::Cdk => "CDK app",
        };
        write!(f, "the {what} {}", display_path(&self.root))
    }
}

fn holds_project(directory: &Path) -> bool {
    PULUMI_PROJECT_FILES
        .iter()
        .any(|name| directory.join(name).is_file())
}

/// The unit a program source belongs to, as discovery groups it: the nearest directory above
/// `path` that holds a Pulumi project file or a CDK app's `cdk.json`, up to the top of the git
/// work tree that holds it, else the nearest package (`package.json`, `pyproject.toml`), read as
/// a CDK construct library. The root of the file system is never a project: linting one would
/// walk every mounted file system.
fn project_above(path: &Path) -> Option<(UnitKind, &Path)> {
    let mut package = None;
    for directory in path.ancestors().skip(1) {
        if directory.parent().is_none() {
            break;
        }
        if holds_project(directory) {
            return Some((UnitKind::Pulumi, directory));
        }
        if directory.join(discover::CDK_APP_FILE).is_file() {
            return Some((UnitKind::Cdk, directory));
        }
        if package.is_none() && holds_package_manifest(directory) {
            package = Some((UnitKind::Cdk, directory));
        }
        if holds_git(directory) {
            break;
        }
    }
    package
}

fn holds_package_manifest(directory: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return false;
    };
    (entries.flatten()).any(|entry| discover::is_package_manifest(&entry.path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
        std::fs::write(path, text).expect("a file");
    }

    fn unit(kind: UnitKind, root: PathBuf) -> Option<Unit> {
        Some(Unit { kind, root })
    }

    #[test]
    fn a_document_belongs_to_the_unit_discovery_groups_it_in() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let top = top.path();
        std::fs::create_dir_all(top.join(".git")).expect("a repository");
        write(
            &top.join("project/Pulumi.yaml"),
            "name: p\nruntime: nodejs\n",
        );
        use UnitKind::{CloudFormation, Pulumi, Terraform};
        let project = unit(Pulumi, top.join("project"));
        assert_eq!(Unit::of(&top.join("project/src/keys.ts")), project);
        assert_eq!(Unit::of(&top.join("project/Pulumi.prod.yaml")), project);
        assert_eq!(Unit::of(&top.join("project/Pulumi.yaml")), project);
        // A template or a module inside a project is a unit of its own.
        assert_eq!(
            Unit::of(&top.join("project/cfn/set.yaml")),
            unit(CloudFormation, top.join("project/cfn/set.yaml"))
        );
        assert_eq!(
            Unit::of(&top.join("project/tf/main.tf")),
            unit(Terraform, top.join("project/tf"))
        );
        assert_eq!(
            Unit::of(&top.join("module/terraform.tfvars")),
            unit(Terraform, top.join("module"))
        );
        assert_eq!(Unit::of(&top.join("scripts/tool.py")), None);
        // A CDK app's source, and one of a package (a construct library) outside every app.
        write(&top.join("app/cdk.json"), r#"{ "app": "python3 app.py" }"#);
        write(&top.join("app/pyproject.toml"), "");
        assert_eq!(
            Unit::of(&top.join("app/incidents/stack.py")),
            unit(UnitKind::Cdk, top.join("app"))
        );
        write(&top.join("constructs/package.json"), "{}");
        assert_eq!(
            Unit::of(&top.join("constructs/src/index.ts")),
            unit(UnitKind::Cdk, top.join("constructs"))
        );
        assert_eq!(Unit::of(&top.join("elsewhere/Pulumi.dev.yaml")), None);
        assert_eq!(
            Unit::of(Path::new("/main.tf")),
            unit(Terraform, PathBuf::from("/"))
        );
    }

    #[test]
    fn a_module_is_the_terraform_files_of_its_directory_alone() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let top = top.path();
        for name in [
            "main.tf",
            "terraform.tfvars",
            "prod.tfvars",
            ".hidden.tf",
            "template.yaml",
            "below/main.tf",
            ".terraform/modules/m/main.tf",
        ] {
            write(&top.join(name), "");
        }
        let module = Unit {
            kind: UnitKind::Terraform,
            root: top.to_path_buf(),
        };
        let (mut files, problems) = module.files();
        files.sort();
        assert_eq!(files, [top.join("main.tf"), top.join("terraform.tfvars")]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_project_is_its_files_without_the_units_below_it() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let top = top.path();
        for name in [
            "Pulumi.yaml",
            "Pulumi.prod.yaml",
            "index.ts",
            "src/keys.ts",
            "cfn/set.yaml",
            "tf/main.tf",
            "nested/Pulumi.yaml",
            "nested/__main__.py",
        ] {
            write(&top.join(name), "");
        }
        let project = Unit {
            kind: UnitKind::Pulumi,
            root: top.to_path_buf(),
        };
        let (mut files, problems) = project.files();
        files.sort();
        let mut expected = ["Pulumi.yaml", "Pulumi.prod.yaml", "index.ts", "src/keys.ts"]
            .map(|name| top.join(name))
            .to_vec();
        expected.sort();
        assert_eq!(files, expected);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_template_is_itself_when_it_exists() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let template = top.path().join("set.yaml");
        let unit = Unit {
            kind: UnitKind::CloudFormation,
            root: template.clone(),
        };
        assert_eq!(unit.files(), (Vec::new(), Vec::new()));
        write(&template, "");
        assert_eq!(unit.files(), (vec![template.clone()], Vec::new()));
        // With the SAM configuration the SAM CLI would read.
        write(&top.path().join("samconfig.yml"), "");
        write(&top.path().join("samconfig.yaml"), "");
        assert_eq!(
            unit.files(),
            (
                vec![template, top.path().join("samconfig.yaml")],
                Vec::new()
            )
        );
    }

    #[test]
    fn a_sam_configuration_belongs_to_the_default_template_beside_it() {
        let top = tempfile::tempdir().expect("a temporary directory");
        let top = top.path();
        write(&top.join("app/samconfig.toml"), "");
        write(&top.join("app/infra.yaml"), "");
        assert_eq!(Unit::of(&top.join("app/samconfig.toml")), None);
        write(&top.join("app/template.yml"), "");
        assert_eq!(
            Unit::of(&top.join("app/samconfig.toml")),
            unit(UnitKind::CloudFormation, top.join("app/template.yml"))
        );
    }
}
