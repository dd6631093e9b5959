//! Pulumi projects: what every Pulumi language shares.
//!
//! A project is the directory holding `Pulumi.yaml`; its `runtime` says which front-end reads
//! the program: [`yaml`] for YAML, [`program`] for every
//! general-purpose language (through its [lowering](crate::frontend::program::lower)). Each
//! `Pulumi.<stack>.yaml` is a deployment of its own, whose `aws:region` is the default
//! provider's region. A program is parsed, never run.

pub mod program;
pub mod sdk;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::Path;

use crate::frontend::document::{self, Node};
use crate::frontend::program::lower;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::{Parsed, UnitFile};
use crate::input_error::InputError;
use crate::model::{Deployment, DeploymentRegion, Format, Unchecked};
use crate::source::Span;

/// The configuration key that sets the default AWS provider's region.
const REGION_KEY: &str = "aws:region";
const NATIVE_REGION_KEY: &str = "aws-native:region";

/// The language a project's program is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runtime {
    Yaml,
    NodeJs,
    Python,
    Go,
    DotNet,
    Java,
    /// A runtime irlint does not read, by its name, written at `span`.
    NotRead {
        name: String,
        span: Span,
    },
}

/// A project as the language front-ends see it.
pub struct Project<'a> {
    /// The project's `name`, or its directory's name when it has none.
    pub name: String,
    /// `Pulumi.yaml` read as a tree.
    pub document: Node,
    /// The program's files: `Pulumi.yaml` (the program, for the YAML runtime), its `main` and
    /// its sources.
    pub files: ProgramFiles<'a>,
    /// One deployment per stack file, or a single one without a name when there is none.
    pub deployments: Vec<Deployment>,
    /// The configuration keys that some stack file sets, as written there (`aws:region`,
    /// `myproject:size`): a program's reading of them may differ between deployments.
    pub stack_config_keys: BTreeSet<String>,
}

fn file_name<'a>(file: &UnitFile<'a>) -> &'a str {
    file.source
        .path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
}

fn error(file: UnitFile, span: Option<Span>, message: impl Into<String>) -> InputError {
    InputError {
        path: file.source.display_path.clone(),
        span,
        message: message.into(),
    }
}

/// Reads a YAML file of the project, turning a syntax error into an input error; a repeated
/// key is an error added to `errors` that does not stop the reading.
fn read_yaml(file: UnitFile, errors: &mut Vec<InputError>) -> Result<Option<Node>, InputError> {
    let document = document::read(file.id, &file.source.text)
        .map_err(|e| error(file, Some(e.span), e.message))?;
    errors.extend(
        document
            .repeated_keys
            .into_iter()
            .map(|e| error(file, Some(e.span), e.message)),
    );
    Ok(document.root)
}

/// Reads the files of one project and hands the program to its language's front-end. A program
/// that declares no set is no unit.
pub fn parse(files: &[UnitFile]) -> Parsed {
    read(files, false)
}

/// Reads a project as [`parse`] does, and makes a unit of a program that declares no set too:
/// what a change that deletes its set leaves (its keys).
pub fn parse_without_sets(files: &[UnitFile]) -> Parsed {
    read(files, true)
}

fn read(files: &[UnitFile], keep_without_sets: bool) -> Parsed {
    let mut errors = Vec::new();
    let Some((project, runtime)) = project(files, &mut errors) else {
        return Parsed {
            unit: None,
            prior: None,
            errors,
            unread: Vec::new(),
        };
    };
    let mut parsed = match runtime {
        Runtime::Yaml => yaml::parse(&project, keep_without_sets),
        Runtime::NodeJs => program::parse(
            &project,
            &lower::typescript::TypeScript,
            Format::PulumiTypeScript,
            keep_without_sets,
        ),
        Runtime::Python => program::parse(
            &project,
            &lower::python::Python,
            Format::PulumiPython,
            keep_without_sets,
        ),
        Runtime::Go => program::parse(
            &project,
            &lower::go::Go,
            Format::PulumiGo,
            keep_without_sets,
        ),
        Runtime::DotNet => program::parse(
            &project,
            &lower::csharp::CSharp,
            Format::PulumiCSharp,
            keep_without_sets,
        ),
        Runtime::Java => program::parse(
            &project,
            &lower::java::Java,
            Format::PulumiJava,
            keep_without_sets,
        ),
        // Nothing is wrong with the project: it is only not checked.
        Runtime::NotRead { name, span } => Parsed {
            unread: vec![Unchecked::new(
                span,
                format!("a Pulumi program of the runtime `{name}` is not read"),
                "irlint reads the runtimes yaml, nodejs, python, go, dotnet and java",
            )],
            ..Parsed::default()
        },
    };
    errors.append(&mut parsed.errors);
    parsed.errors = errors;
    parsed
}

/// The project the files make, and its runtime; `None` when they hold no project whose program
/// irlint reads (what is wrong with them added to `errors`).
pub fn project<'a>(
    files: &[UnitFile<'a>],
    errors: &mut Vec<InputError>,
) -> Option<(Project<'a>, Runtime)> {
    let project_file = files
        .iter()
        .copied()
        .find(|file| matches!(file_name(file), "Pulumi.yaml" | "Pulumi.yml"))?;
    let document = match read_yaml(project_file, errors) {
        Ok(Some(document)) => document,
        Ok(None) => {
            let start = Span::new(project_file.id, 0, 0);
            errors.push(error(
                project_file,
                Some(start),
                "the project file is empty",
            ));
            return None;
        }
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let runtime = match runtime(&document) {
        Ok(runtime) => runtime,
        Err(message) => {
            errors.push(error(project_file, Some(document.span), message));
            return None;
        }
    };
    let directory = project_file
        .source
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let project_region = config_region(&document, REGION_KEY);
    let project_native_region = config_region(&document, NATIVE_REGION_KEY);
    let mut deployments = Vec::new();
    let mut stack_config_keys = BTreeSet::new();
    let mut stacks: Vec<UnitFile> = files
        .iter()
        .copied()
        .filter(|file| stack_name(file_name(file)).is_some())
        .collect();
    stacks.sort_by(|a, b| file_name(a).cmp(file_name(b)));
    for stack in stacks {
        let name = stack_name(file_name(&stack)).unwrap_or_default();
        match read_yaml(stack, errors) {
            Ok(stack_document) => {
                let config = stack_document
                    .as_ref()
                    .and_then(|document| document.get("config"));
                stack_config_keys.extend(
                    config
                        .map(Node::entries)
                        .unwrap_or_default()
                        .iter()
                        .map(|entry| entry.key.clone()),
                );
                let configured = |key: &str, in_project: &Option<DeploymentRegion>| {
                    stack_document
                        .as_ref()
                        .and_then(|document| config_region(document, key))
                        .or_else(|| in_project.clone())
                };
                deployments.push(stack_deployment(
                    name,
                    configured(REGION_KEY, &project_region),
                    configured(NATIVE_REGION_KEY, &project_native_region),
                ));
            }
            Err(e) => errors.push(e),
        }
    }
    if deployments.is_empty() {
        deployments.push(Deployment {
            name: None,
            region: project_region,
            native_region: project_native_region,
        });
    }
    let sources: Vec<UnitFile> = files
        .iter()
        .copied()
        .filter(|file| file.id != project_file.id && stack_name(file_name(file)).is_none())
        .collect();
    let name = document
        .get("name")
        .and_then(Node::as_scalar)
        .map(str::to_owned)
        .unwrap_or_else(|| {
            directory
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let main = document
        .get("main")
        .and_then(Node::as_scalar)
        .map(str::to_owned);
    let project = Project {
        name,
        document,
        files: ProgramFiles::new(directory, project_file, main, sources),
        deployments,
        stack_config_keys,
    };
    Some((project, runtime))
}

/// The runtime named by `runtime: yaml` or `runtime: { name: yaml }`.
fn runtime(document: &Node) -> Result<Runtime, String> {
    let runtime = document
        .get("runtime")
        .ok_or("the project file has no `runtime`: Pulumi cannot tell the program's language")?;
    let named = match runtime.as_scalar() {
        Some(_) => Some(runtime),
        None => runtime.get("name"),
    };
    let (name, span) = named
        .and_then(|node| Some((node.as_scalar()?, node.span)))
        .ok_or("the project's `runtime` names no language")?;
    match name {
        "yaml" => Ok(Runtime::Yaml),
        "nodejs" => Ok(Runtime::NodeJs),
        "python" => Ok(Runtime::Python),
        "go" => Ok(Runtime::Go),
        "dotnet" => Ok(Runtime::DotNet),
        "java" => Ok(Runtime::Java),
        other => Ok(Runtime::NotRead {
            name: other.to_owned(),
            span,
        }),
    }
}

/// `prod` for `Pulumi.prod.yaml`.
fn stack_name(file_name: &str) -> Option<&str> {
    let stem = file_name
        .strip_suffix(".yaml")
        .or_else(|| file_name.strip_suffix(".yml"))?;
    stem.strip_prefix("Pulumi.").filter(|name| !name.is_empty())
}

/// A region key (`aws:region`, `aws-native:region`) in a `config` section: a plain value (stack
/// files, project files) or a `{ default: … }` / `{ value: … }` declaration (project files).
fn config_region(document: &Node, key: &str) -> Option<DeploymentRegion> {
    let value = document.get("config")?.get(key)?;
    let value = value
        .as_scalar()
        .map(|_| value)
        .or_else(|| value.get("value").or_else(|| value.get("default")))?;
    Some(DeploymentRegion {
        name: value.as_scalar()?.to_owned(),
        span: Some(value.span),
    })
}

fn stack_deployment(
    stack: &str,
    region: Option<DeploymentRegion>,
    native_region: Option<DeploymentRegion>,
) -> Deployment {
    let mut described = match &region {
        Some(region) => format!("stack `{stack}` ({REGION_KEY} {}", region.name),
        None => format!("stack `{stack}` (no {REGION_KEY}"),
    };
    if let Some(native) = &native_region {
        described.push_str(&format!(", {NATIVE_REGION_KEY} {}", native.name));
    }
    described.push(')');
    Deployment {
        name: Some(described),
        region,
        native_region,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};
    use std::path::PathBuf;

    fn files(texts: &[(&str, &str)]) -> Vec<SourceFile> {
        texts
            .iter()
            .map(|(path, text)| SourceFile::new(PathBuf::from(path), (*text).to_owned()))
            .collect()
    }

    fn unit_files(sources: &[SourceFile]) -> Vec<UnitFile<'_>> {
        sources
            .iter()
            .enumerate()
            .map(|(i, source)| UnitFile {
                id: FileId(i),
                source,
            })
            .collect()
    }

    #[test]
    fn stack_names_come_from_file_names() {
        assert_eq!(stack_name("Pulumi.prod.yaml"), Some("prod"));
        assert_eq!(stack_name("Pulumi.dev.eu.yml"), Some("dev.eu"));
        assert_eq!(stack_name("Pulumi.yaml"), None);
        assert_eq!(stack_name("Pulumi..yaml"), None);
    }

    #[test]
    fn a_project_without_runtime_is_an_error() {
        let sources = files(&[("p/Pulumi.yaml", "name: p\nresources: {}\n")]);
        let parsed = parse(&unit_files(&sources));
        assert!(parsed.unit.is_none());
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].message.contains("no `runtime`"));
    }

    #[test]
    fn a_runtime_irlint_does_not_read_is_noted_by_name() {
        let sources = files(&[("p/Pulumi.yaml", "name: p\nruntime: fsharp\n")]);
        let parsed = parse(&unit_files(&sources));
        assert!(parsed.unit.is_none());
        assert_eq!(parsed.errors, []);
        let [note] = parsed.unread.as_slice() else {
            panic!("one note: {:?}", parsed.unread);
        };
        assert_eq!(
            note.what,
            "a Pulumi program of the runtime `fsharp` is not read"
        );
        assert_eq!(&sources[0].text[note.span.start..note.span.end], "fsharp");
    }

    #[test]
    fn runtime_may_be_a_mapping() {
        let sources = files(&[("Pulumi.yaml", "runtime:\n  name: python\n  options: {}\n")]);
        let document = read_yaml(unit_files(&sources)[0], &mut Vec::new())
            .unwrap()
            .unwrap();
        assert_eq!(runtime(&document), Ok(Runtime::Python));
    }

    #[test]
    fn stack_regions_override_the_project_default() {
        let sources = files(&[(
            "Pulumi.yaml",
            "runtime: yaml\nconfig:\n  aws:region:\n    default: us-east-1\n",
        )]);
        let document = read_yaml(unit_files(&sources)[0], &mut Vec::new())
            .unwrap()
            .unwrap();
        let region = config_region(&document, REGION_KEY).unwrap();
        assert_eq!(region.name, "us-east-1");
        let span = region.span.unwrap();
        assert_eq!(&sources[0].text[span.start..span.end], "us-east-1");

        let stack = files(&[(
            "Pulumi.prod.yaml",
            "config:\n  aws:region: eu-west-1\n  aws-native:region: eu-west-2\n",
        )]);
        let document = read_yaml(unit_files(&stack)[0], &mut Vec::new())
            .unwrap()
            .unwrap();
        let region = config_region(&document, REGION_KEY);
        let native_region = config_region(&document, NATIVE_REGION_KEY);
        assert_eq!(region.as_ref().unwrap().name, "eu-west-1");
        assert_eq!(native_region.as_ref().unwrap().name, "eu-west-2");
        assert_eq!(
            stack_deployment("prod", region.clone(), None)
                .name
                .as_deref(),
            Some("stack `prod` (aws:region eu-west-1)")
        );
        assert_eq!(
            stack_deployment("prod", region, native_region)
                .name
                .as_deref(),
            Some("stack `prod` (aws:region eu-west-1, aws-native:region eu-west-2)")
        );
    }
}
