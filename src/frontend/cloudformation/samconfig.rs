//! SAM CLI configuration files: `samconfig.toml` (or `samconfig.yaml`, `samconfig.yml`) beside a
//! template, whose environments are deployments of it.
//!
//! `sam deploy --config-env prod` reads `[prod.deploy.parameters]` over
//! `[prod.global.parameters]`, which apply to every command of the environment: `region` is the
//! stack's region, `template_file` (or its alias `template`) names the template, relative to the
//! configuration's directory, when it is not `template.yaml`, and `parameter_overrides` gives the
//! template's parameters their values. The other commands' tables (`local_invoke`, `build`,
//! `sync`, `validate`) deploy nothing here.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::frontend::UnitFile;
use crate::frontend::document::{self, Node, NodeKind};
use crate::input_error::InputError;
use crate::model::DeploymentRegion;
use crate::source::Span;

/// The templates an environment that names none deploys, in its configuration's directory.
pub const DEFAULT_TEMPLATES: [&str; 3] = ["template.yaml", "template.yml", "template.json"];

/// The most environments that deploy a template read as its deployments, the first by name: each
/// is a deployment that every rule runs for, whose findings are compared with every other's, and
/// that reads again a set whose values differ between them; the others are noted as not
/// checked. Projects have a few (`default`, `staging`, `prod`, one
/// per account). 16 environments each reporting 2,000 repeated regions of one set take 1.3 s and
/// 124 MiB (a debug build); 64 took 3.6 s and 380 MiB.
pub const MAX_ENVIRONMENTS: usize = 16;

/// The commands whose parameters `sam deploy` reads, the later winning.
const DEPLOY_COMMANDS: [&str; 2] = ["global", "deploy"];

/// An environment that `sam deploy` can deploy.
#[derive(Debug)]
pub struct Environment {
    pub name: String,
    /// Its `region`, where it is written.
    pub region: Option<DeploymentRegion>,
    /// The template it deploys, when it names one (`template_file`), as written.
    pub template: Option<String>,
    /// The values `parameter_overrides` gives the template's parameters.
    pub parameters: Vec<Override>,
}

/// A parameter's value given by `parameter_overrides`.
#[derive(Debug, PartialEq, Eq)]
pub struct Override {
    pub name: String,
    pub value: String,
    /// The string that gives it.
    pub span: Span,
}

impl Environment {
    /// Whether the environment deploys `template`, the configuration being at `configuration`:
    /// the template it names, or one of the default names beside the configuration.
    pub fn deploys(&self, configuration: &Path, template: &Path) -> bool {
        let directory = configuration.parent().unwrap_or(Path::new(""));
        match &self.template {
            Some(named) => lexically_normal(&directory.join(named)) == lexically_normal(template),
            None => {
                template.parent().unwrap_or(Path::new("")) == directory
                    && (template.file_name().and_then(|name| name.to_str()))
                        .is_some_and(|name| DEFAULT_TEMPLATES.contains(&name))
            }
        }
    }
}

/// A path without its `.` components and with each `..` taking out the name before it, as the
/// SAM CLI's `os.path.abspath` reads it.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) =>
            {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// A setting of a command's parameters, as far as deploying reads it.
enum Setting {
    Text(String),
    /// A list of strings (`parameter_overrides = ["A=b", "C=d"]`), each where it is written.
    List(Vec<(String, Span)>),
    /// A number, a table, a list of something else.
    Other,
}

/// The settings of an environment that deploying reads, each where it is written: the global
/// parameters, then the deploy command's over them.
type Settings = BTreeMap<String, (Setting, Span)>;

/// The deploying environments of a configuration, by name, with their settings; or why the file
/// does not parse, and where.
type Environments = Result<Vec<(String, Settings)>, (Option<Span>, String)>;

/// The environments of a configuration that deploy (those with `deploy` or `global`
/// parameters) by name, and what is wrong with the file, each at its location. A file that does
/// not parse gives none; a key repeated in a YAML mapping is an error that keeps its last value,
/// as in a template.
pub fn read(file: UnitFile) -> (Vec<Environment>, Vec<InputError>) {
    let error = |span: Option<Span>, message: String| InputError {
        path: file.source.display_path.clone(),
        span,
        message,
    };
    let is_toml = file
        .source
        .path
        .extension()
        .is_some_and(|extension| extension == "toml");
    let mut errors = Vec::new();
    let environments = if is_toml {
        toml_environments(file)
    } else {
        yaml_environments(file, &mut errors)
    };
    let mut errors: Vec<InputError> = errors
        .into_iter()
        .map(|(span, message)| error(Some(span), message))
        .collect();
    let environments = match environments {
        Ok(environments) => environments,
        Err((span, message)) => {
            errors.push(error(span, message));
            return (Vec::new(), errors);
        }
    };
    let mut deploying: Vec<Environment> = environments
        .into_iter()
        .map(|(name, settings)| environment(name, settings))
        .collect();
    deploying.sort_by(|a, b| a.name.cmp(&b.name));
    (deploying, errors)
}

/// An environment's deployment, from its settings.
fn environment(name: String, settings: Settings) -> Environment {
    let text = |key: &str| match settings.get(key) {
        Some((Setting::Text(text), span)) => Some((text.clone(), *span)),
        _ => None,
    };
    let region = text("region").map(|(name, span)| DeploymentRegion {
        name,
        span: Some(span),
    });
    let template = text("template_file")
        .or_else(|| text("template"))
        .map(|(path, _)| path);
    let parameters = match settings.get("parameter_overrides") {
        Some((Setting::Text(text), span)) => overrides(text, *span),
        Some((Setting::List(items), _)) => items
            .iter()
            .flat_map(|(text, span)| overrides(text, *span))
            .collect(),
        Some((Setting::Other, _)) | None => Vec::new(),
    };
    Environment {
        name,
        region,
        template,
        parameters,
    }
}

/// The deploying environments of a TOML configuration, with their settings.
fn toml_environments(file: UnitFile) -> Environments {
    let span = |range: std::ops::Range<usize>| Span::new(file.id, range.start, range.end);
    let root = DeTable::parse(&file.source.text).map_err(|error| {
        (
            error.span().map(span),
            format!("invalid TOML: {}", error.message().trim_end()),
        )
    })?;
    let mut environments = Vec::new();
    for (name, value) in root.get_ref().iter() {
        let DeValue::Table(commands) = value.get_ref() else {
            continue;
        };
        let mut settings = Settings::new();
        let mut deploys = false;
        for command in DEPLOY_COMMANDS {
            let parameters = table_entry(commands, command).and_then(|command| match command {
                DeValue::Table(command) => match table_entry(command, "parameters") {
                    Some(DeValue::Table(parameters)) => Some(parameters),
                    _ => None,
                },
                _ => None,
            });
            let Some(parameters) = parameters else {
                continue;
            };
            deploys = true;
            for (key, value) in parameters {
                let setting = match value.get_ref() {
                    DeValue::String(text) => Setting::Text(text.to_string()),
                    DeValue::Array(items) => items
                        .iter()
                        .map(|item| match item.get_ref() {
                            DeValue::String(text) => Some((text.to_string(), span(item.span()))),
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()
                        .map_or(Setting::Other, Setting::List),
                    _ => Setting::Other,
                };
                settings.insert(key.get_ref().to_string(), (setting, span(value.span())));
            }
        }
        if deploys {
            environments.push((name.get_ref().to_string(), settings));
        }
    }
    Ok(environments)
}

/// The value of a key of a TOML table.
fn table_entry<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t DeValue<'i>> {
    table
        .iter()
        .find(|(name, _)| name.get_ref() == key)
        .map(|(_, value)| value.get_ref())
}

/// The deploying environments of a YAML configuration, with their settings; each repeated key
/// is added to `repeated`.
fn yaml_environments(file: UnitFile, repeated: &mut Vec<(Span, String)>) -> Environments {
    let document = document::read(file.id, &file.source.text)
        .map_err(|error| (Some(error.span), error.message))?;
    repeated.extend((document.repeated_keys.into_iter()).map(|error| (error.span, error.message)));
    let mut environments = Vec::new();
    let Some(root) = document.root else {
        return Ok(environments);
    };
    for entry in root.entries() {
        let mut settings = Settings::new();
        let mut deploys = false;
        for command in DEPLOY_COMMANDS {
            let Some(parameters) = entry.value.get(command).and_then(|c| c.get("parameters"))
            else {
                continue;
            };
            deploys |= parameters.is_mapping();
            for parameter in parameters.entries() {
                settings.insert(
                    parameter.key.clone(),
                    (yaml_setting(&parameter.value), parameter.value.span),
                );
            }
        }
        if deploys {
            environments.push((entry.key.clone(), settings));
        }
    }
    Ok(environments)
}

fn yaml_setting(value: &Node) -> Setting {
    match &value.kind {
        NodeKind::Scalar(text) => Setting::Text(text.clone()),
        NodeKind::Sequence(items) => items
            .iter()
            .map(|item| Some((item.as_scalar()?.to_owned(), item.span)))
            .collect::<Option<Vec<_>>>()
            .map_or(Setting::Other, Setting::List),
        _ => Setting::Other,
    }
}

/// The parameter values of a `parameter_overrides` string written at `span`: `Key=Value` pairs,
/// or `ParameterKey=Key,ParameterValue=Value`, separated by spaces; a value may be quoted (`"a
/// b"`, `'a b'`) or escape a space or a quote with `\`. A part of another shape gives nothing
/// (the SAM CLI refuses it).
fn overrides(text: &str, span: Span) -> Vec<Override> {
    words(text)
        .into_iter()
        .filter_map(|word| {
            let (name, value) = match word.strip_prefix("ParameterKey=") {
                Some(rest) => rest.split_once(",ParameterValue=")?,
                None => word.split_once('=')?,
            };
            let name = unquoted(name);
            (!name.is_empty()).then(|| Override {
                name,
                value: unquoted(value),
                span,
            })
        })
        .collect()
}

/// The words of a string separated by spaces, a quoted part or an escaped character belonging to
/// its word.
fn words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote = None;
    let mut escaped = false;
    for (at, character) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (character, quote) {
            ('\\', _) => escaped = true,
            ('"' | '\'', None) => quote = Some(character),
            (_, Some(open)) if character == open => quote = None,
            (' ' | '\t' | '\n', None) => {
                if let Some(from) = start.take() {
                    words.push(&text[from..at]);
                }
                continue;
            }
            _ => {}
        }
        start.get_or_insert(at);
    }
    words.extend(start.map(|from| &text[from..]));
    words
}

/// A key or value without the quotes around it, its escapes read.
fn unquoted(text: &str) -> String {
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    let inner = if quoted {
        &text[1..text.len() - 1]
    } else {
        text
    };
    inner
        .replace("\\ ", " ")
        .replace("\\\"", "\"")
        .replace("\\'", "'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};

    fn read_text(name: &str, text: &str) -> (SourceFile, (Vec<Environment>, Vec<InputError>)) {
        let source = SourceFile::new(PathBuf::from(name), text.to_owned());
        let read = read(UnitFile {
            id: FileId(0),
            source: &source,
        });
        (source, read)
    }

    /// Each environment as `name region template [parameter=value …]`, `-` for what it lacks.
    fn shapes(name: &str, text: &str) -> Vec<String> {
        let (source, (environments, errors)) = read_text(name, text);
        assert_eq!(errors, [], "{name}");
        environments
            .iter()
            .map(|environment| {
                let region = environment
                    .region
                    .as_ref()
                    .map_or("-".to_owned(), |region| {
                        let span = region.span.expect("written in the file");
                        format!("{}@{}", region.name, &source.text[span.start..span.end])
                    });
                let mut shape = format!(
                    "{} {region} {}",
                    environment.name,
                    environment.template.as_deref().unwrap_or("-")
                );
                for parameter in &environment.parameters {
                    shape.push_str(&format!(" {}={}", parameter.name, parameter.value));
                }
                shape
            })
            .collect()
    }

    const TOML: &str = r#"version = 0.1

[default.global.parameters]
stack_name = "incidents"
region = "us-east-1"

[default.deploy.parameters]
capabilities = "CAPABILITY_IAM"
parameter_overrides = "Env=dev Primary=\"us-east-1\" ParameterKey=Secondary,ParameterValue=us-west-2"

[prod.deploy.parameters]
region = "eu-west-1"
template_file = "infra.yaml"
parameter_overrides = ["Env=prod", "Note='a b'"]

[prod.global.parameters]
region = "eu-central-1"
template_file = "other.yaml"

[staging.global.parameters]
region = "ap-south-1"

[dev.local_invoke.parameters]
region = "sa-east-1"

[dev.sync.parameters]
region = "sa-east-1"
"#;

    #[test]
    fn toml_environments_take_deploy_over_global_parameters() {
        assert_eq!(
            shapes("samconfig.toml", TOML),
            [
                r#"default us-east-1@"us-east-1" - Env=dev Primary=us-east-1 Secondary=us-west-2"#,
                r#"prod eu-west-1@"eu-west-1" infra.yaml Env=prod Note=a b"#,
                r#"staging ap-south-1@"ap-south-1" -"#,
            ]
        );
    }

    #[test]
    fn yaml_environments_read_alike() {
        let yaml = r#"version: 0.1
default:
  global:
    parameters:
      region: us-east-1
  deploy:
    parameters:
      parameter_overrides: "Env=dev Primary=us-east-1"
prod:
  deploy:
    parameters:
      region: "eu-west-1"
      template: infra.yaml
      parameter_overrides:
        - Env=prod
dev:
  local_invoke:
    parameters:
      region: sa-east-1
"#;
        for name in ["samconfig.yaml", "samconfig.yml"] {
            assert_eq!(
                shapes(name, yaml),
                [
                    "default us-east-1@us-east-1 - Env=dev Primary=us-east-1",
                    r#"prod eu-west-1@"eu-west-1" infra.yaml Env=prod"#,
                ]
            );
        }
        assert_eq!(shapes("samconfig.yaml", ""), Vec::<String>::new());
    }

    #[test]
    fn a_configuration_that_does_not_parse_is_an_error_at_its_line() {
        for (name, text, line, message) in [
            (
                "samconfig.toml",
                "version = 0.1\n[default.deploy.parameters]\nregion = \"us-east-1\n",
                3,
                "invalid TOML: ",
            ),
            (
                "samconfig.toml",
                "[default.deploy.parameters]\nregion = \"a\"\nregion = \"b\"\n",
                3,
                "invalid TOML: ",
            ),
            (
                "samconfig.yaml",
                "default:\n  deploy:\n    parameters: [region: x\n",
                4,
                "invalid YAML: ",
            ),
        ] {
            let (source, (environments, errors)) = read_text(name, text);
            assert!(environments.is_empty());
            let [error] = errors.as_slice() else {
                panic!("one error for {text:?}: {errors:?}");
            };
            assert_eq!(error.path, name);
            assert!(error.message.starts_with(message), "{}", error.message);
            let span = error.span.expect("a location");
            assert_eq!(source.line_column(span.start).line, line, "{text}");
        }
    }

    #[test]
    fn a_repeated_yaml_key_is_an_error_that_keeps_its_last_value() {
        let text = "default:\n  deploy: {parameters: {region: a}}\ndefault:\n  deploy: {parameters: {region: b}}\n";
        let (source, (environments, errors)) = read_text("samconfig.yaml", text);
        let [error] = errors.as_slice() else {
            panic!("one error: {errors:?}");
        };
        assert!(error.message.contains("the key `default` is repeated"));
        let span = error.span.expect("a location");
        assert_eq!(source.line_column(span.start).line, 3);
        let regions: Vec<_> = (environments.iter())
            .map(|environment| environment.region.as_ref().map(|r| r.name.as_str()))
            .collect();
        assert_eq!(regions, [Some("b")]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash_and_every_environment_is_read() {
        for (name, deep) in [
            ("samconfig.toml", format!("a = {}", "[".repeat(100_000))),
            ("samconfig.toml", format!("{}\n", "[a.".repeat(50_000))),
            ("samconfig.yaml", "[".repeat(100_000)),
        ] {
            let (environments, errors) = read_text(name, &deep).1;
            assert!(environments.is_empty() && errors.len() == 1, "{name}");
        }
        // How many become deployments is the template's to bound, by those that deploy it.
        let many: String = (0..=MAX_ENVIRONMENTS)
            .map(|index| format!("[e{index}.deploy.parameters]\nregion = \"us-east-1\"\n"))
            .collect();
        let (environments, errors) = read_text("samconfig.toml", &many).1;
        assert_eq!(
            (environments.len(), errors.len()),
            (MAX_ENVIRONMENTS + 1, 0)
        );
    }

    #[test]
    fn odd_shapes_give_no_setting() {
        assert_eq!(
            shapes(
                "samconfig.toml",
                "default = 1\n[prod.deploy]\nparameters = 5\n[dev.deploy.parameters]\nregion = 5\nparameter_overrides = [1, \"A=b\"]\ntemplate_file = {}\n",
            ),
            ["dev - -"]
        );
    }

    #[test]
    fn parameter_overrides_read_as_the_sam_cli_reads_them() {
        let span = Span::new(FileId(0), 0, 0);
        let read = |text: &str| -> Vec<(String, String)> {
            overrides(text, span)
                .into_iter()
                .map(|parameter| (parameter.name, parameter.value))
                .collect()
        };
        let pair = |name: &str, value: &str| (name.to_owned(), value.to_owned());
        assert_eq!(
            read(
                "  A=1   B='two words' C=\"x\\\"y\" D=a\\ b E= novalue ParameterKey=F,ParameterValue=6 =7 G=h=i"
            ),
            [
                pair("A", "1"),
                pair("B", "two words"),
                pair("C", "x\"y"),
                pair("D", "a b"),
                pair("E", ""),
                pair("F", "6"),
                pair("G", "h=i"),
            ]
        );
        assert_eq!(read(""), []);
        assert_eq!(read("unclosed=\"a b"), [pair("unclosed", "\"a b")]);
    }

    #[test]
    fn an_environment_deploys_the_template_it_names_or_the_default() {
        let environment = |template: Option<&str>| Environment {
            name: "prod".to_owned(),
            region: None,
            template: template.map(str::to_owned),
            parameters: Vec::new(),
        };
        let configuration = Path::new("app/samconfig.toml");
        let deploys = |template: Option<&str>, path: &str| {
            environment(template).deploys(configuration, Path::new(path))
        };
        assert!(deploys(None, "app/template.yaml"));
        assert!(deploys(None, "app/template.yml"));
        assert!(deploys(None, "app/template.json"));
        assert!(!deploys(None, "app/infra.yaml"));
        assert!(!deploys(None, "other/template.yaml"));
        assert!(deploys(Some("infra.yaml"), "app/infra.yaml"));
        assert!(deploys(Some("./cfn/../infra.yaml"), "app/infra.yaml"));
        assert!(!deploys(Some("infra.yaml"), "app/template.yaml"));
        assert!(deploys(Some("../shared/t.yaml"), "shared/t.yaml"));
        assert!(environment(None).deploys(Path::new("samconfig.toml"), Path::new("template.yaml")));
    }
}
