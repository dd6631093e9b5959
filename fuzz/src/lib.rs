//! What each fuzz target does with an input. `tests/fuzz_regressions.rs` in the main crate
//! includes this file, so that a kept input runs through the very code its target ran.
//!
//! An input is one or more files separated by NUL bytes. A front-end target names the first file
//! itself (its main file: the template, `main.tf`, `index.ts`); every other file, and every file
//! of the pipeline target, starts with its path on a line of its own (`Pulumi.prod.yaml`,
//! `infra/keys.py`). A path keeps only the characters `[A-Za-z0-9._-]` of up to three
//! components; one that keeps nothing is dropped with its file, and a path met twice keeps its
//! first file.

use std::path::{Path, PathBuf};

use irlint::config::Config;
use irlint::frontend::{Parsed, UnitFile, cloudformation, pulumi, terraform};
use irlint::lint::{self, Options};
use irlint::lsp::transport;
use irlint::report::{SuppressedFindings, UncheckedNotes, github, json, sarif, text};
use irlint::rules;
use irlint::source::{FileId, SourceFile};

/// The fuzz targets, one per front-end (and syntax of CloudFormation) and one for the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    CloudFormationYaml,
    CloudFormationJson,
    Terraform,
    PulumiYaml,
    PulumiTypeScript,
    PulumiPython,
    PulumiGo,
    PulumiCSharp,
    PulumiJava,
    Pipeline,
    /// `irlint.toml`: the input is the file.
    Configuration,
    /// The language server's framing: the input is what a client sends on standard input.
    LspTransport,
}

/// The directory the front-end targets place their files in: a Pulumi project is the directory
/// of its `Pulumi.yaml`.
const PROJECT: &str = "project";

impl Target {
    pub const ALL: [Target; 12] = [
        Target::CloudFormationYaml,
        Target::CloudFormationJson,
        Target::Terraform,
        Target::PulumiYaml,
        Target::PulumiTypeScript,
        Target::PulumiPython,
        Target::PulumiGo,
        Target::PulumiCSharp,
        Target::PulumiJava,
        Target::Pipeline,
        Target::Configuration,
        Target::LspTransport,
    ];

    /// The target's name for `cargo fuzz run` and its directory of kept inputs.
    pub fn name(self) -> &'static str {
        match self {
            Target::CloudFormationYaml => "cloudformation_yaml",
            Target::CloudFormationJson => "cloudformation_json",
            Target::Terraform => "terraform",
            Target::PulumiYaml => "pulumi_yaml",
            Target::PulumiTypeScript => "pulumi_typescript",
            Target::PulumiPython => "pulumi_python",
            Target::PulumiGo => "pulumi_go",
            Target::PulumiCSharp => "pulumi_csharp",
            Target::PulumiJava => "pulumi_java",
            Target::Pipeline => "pipeline",
            Target::Configuration => "configuration",
            Target::LspTransport => "lsp_transport",
        }
    }

    /// The name of the input's first file, which carries no path line; `None` for the pipeline,
    /// whose files all carry theirs.
    fn main_file(self) -> Option<&'static str> {
        match self {
            Target::CloudFormationYaml => Some("template.yaml"),
            Target::CloudFormationJson => Some("template.json"),
            Target::Terraform => Some("main.tf"),
            Target::PulumiYaml => Some("Pulumi.yaml"),
            Target::PulumiTypeScript => Some("index.ts"),
            Target::PulumiPython => Some("__main__.py"),
            Target::PulumiGo => Some("main.go"),
            Target::PulumiCSharp => Some("Program.cs"),
            Target::PulumiJava => Some("App.java"),
            Target::Pipeline | Target::Configuration | Target::LspTransport => None,
        }
    }

    /// The project file a program's input gets when it brings none.
    fn default_project_file(self) -> Option<&'static str> {
        match self {
            Target::PulumiTypeScript => Some("name: fuzz\nruntime: nodejs\n"),
            Target::PulumiPython => Some("name: fuzz\nruntime: python\n"),
            Target::PulumiGo => Some("name: fuzz\nruntime: go\n"),
            Target::PulumiCSharp => Some("name: fuzz\nruntime: dotnet\n"),
            Target::PulumiJava => Some("name: fuzz\nruntime: java\n"),
            _ => None,
        }
    }

    /// Runs one input. Whatever the input, this must return, and soon.
    pub fn run(self, data: &[u8]) {
        match self {
            Target::Configuration => {
                // Valid or not, a configuration is read into a result, never a panic.
                let _ = Config::parse(Path::new("irlint.toml"), &String::from_utf8_lossy(data));
                return;
            }
            Target::LspTransport => {
                // Every frame is read or refused, until the input ends or cannot be read on.
                let mut reader = transport::Reader::new(data);
                while let Ok(Some(_)) = reader.next_frame() {}
                return;
            }
            _ => {}
        }
        let mut files = split(data, self.main_file());
        if self == Target::Pipeline {
            pipeline(&files);
            return;
        }
        if let Some(project_file) = self.default_project_file()
            && !files
                .iter()
                .any(|(path, _)| path == Path::new("Pulumi.yaml"))
        {
            files.push((
                PathBuf::from("Pulumi.yaml"),
                project_file.as_bytes().to_vec(),
            ));
        }
        let sources: Vec<SourceFile> = files
            .into_iter()
            .map(|(path, bytes)| {
                SourceFile::new(
                    Path::new(PROJECT).join(path),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )
            })
            .collect();
        let unit_files: Vec<UnitFile> = sources
            .iter()
            .enumerate()
            .map(|(i, source)| UnitFile {
                id: FileId(i),
                source,
            })
            .collect();
        let parsed: Parsed = match self {
            Target::CloudFormationYaml | Target::CloudFormationJson => unit_files
                .first()
                .map(|file| cloudformation::parse(*file))
                .unwrap_or_default(),
            Target::Terraform => terraform::parse(&unit_files),
            _ => pulumi::parse(&unit_files),
        };
        if let Some(unit) = &parsed.unit {
            rules::check_unit(unit);
        }
    }
}

/// Writes the files to a temporary directory, lints it and renders the outcome in every format.
fn pipeline(files: &[(PathBuf, Vec<u8>)]) {
    let Ok(directory) = tempfile::tempdir() else {
        return;
    };
    for (path, bytes) in files {
        let path = directory.path().join(path);
        // A path may run through a file of an earlier one: then its file is not written.
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, bytes);
    }
    let options = Options {
        region: Some("us-east-1".to_owned()),
        ..Options::default()
    };
    let Ok(outcome) = lint::run(&[directory.path().to_path_buf()], &options) else {
        return;
    };
    let mut out = Vec::new();
    let rendered = [
        text::render(&outcome, &mut out, false, UncheckedNotes::Show),
        text::render(&outcome, &mut out, true, UncheckedNotes::Count),
        json::render(&outcome, &mut out, SuppressedFindings::Include),
        sarif::render(&outcome, &mut out, SuppressedFindings::Include),
        github::render(&outcome, &mut out),
    ];
    for result in rendered {
        if let Err(error) = result {
            // Writing to memory cannot fail: a reporter that says so has a bug.
            panic!("a reporter failed: {error}");
        }
    }
}

/// The files of an input, with their sanitized paths.
fn split(data: &[u8], main_file: Option<&str>) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (index, chunk) in data.split(|&byte| byte == 0).enumerate() {
        let (path, contents) = match main_file {
            Some(name) if index == 0 => (Some(PathBuf::from(name)), chunk),
            _ => {
                let line_end = chunk
                    .iter()
                    .position(|&byte| byte == b'\n')
                    .unwrap_or(chunk.len());
                let contents = chunk.get(line_end + 1..).unwrap_or_default();
                (sanitize(&chunk[..line_end]), contents)
            }
        };
        if let Some(path) = path
            && !files.iter().any(|(seen, _)| *seen == path)
        {
            files.push((path, contents.to_vec()));
        }
    }
    files
}

/// A relative path of up to three plain components, from whatever the fuzzer wrote.
fn sanitize(line: &[u8]) -> Option<PathBuf> {
    let components: Vec<String> = line
        .split(|&byte| byte == b'/')
        .map(|component| {
            component
                .iter()
                .filter(|byte| byte.is_ascii_alphanumeric() || b"._-".contains(byte))
                .map(|&byte| char::from(byte))
                .collect::<String>()
        })
        .filter(|component| !component.is_empty() && component != "." && component != "..")
        .take(3)
        .collect();
    (!components.is_empty()).then(|| components.iter().collect())
}
