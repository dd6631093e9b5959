//! AWS CDK apps, read from their source: the directory holding `cdk.json`, whose `app` command
//! names the program's entry (`npx ts-node --prefer-ts-exts bin/app.ts`, `python3 app.py`). The
//! program is read with the lowerings Pulumi programs are read with and never run: each stack
//! the app makes is a deployment of its own ([`app`]).
//!
//! A package without `cdk.json` (a construct library, a test that builds a stack) is read too:
//! each of its files that declares a replication set is an entry, and the stacks and constructs
//! no call makes are read alone, their properties and region unknown.

pub mod app;
pub mod sdk;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::discover::{self, CDK_APP_FILE};
use crate::frontend::document;
use crate::frontend::program::lower::{self, Language};
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::{Parsed, UnitFile};
use crate::input_error::InputError;
use crate::model::{Format, Unchecked};
use crate::source::Span;

/// Reads the app the files make and its program. An app that declares no set is no unit.
pub fn parse(files: &[UnitFile]) -> Parsed {
    read(files, false)
}

/// Reads an app as [`parse`] does, and makes a unit of an app that declares no set too: what a
/// change that deletes its set leaves (its keys).
pub fn parse_without_sets(files: &[UnitFile]) -> Parsed {
    read(files, true)
}

fn read(files: &[UnitFile], keep_without_sets: bool) -> Parsed {
    let mut errors = Vec::new();
    let mut unread = Vec::new();
    let unit = read_app(files, &mut errors, &mut unread).and_then(|(program, language, format)| {
        let mut parsed = app::parse(&program, language, format, keep_without_sets);
        errors.append(&mut parsed.errors);
        parsed.unit
    });
    Parsed {
        unit,
        prior: None,
        errors,
        unread,
    }
}

/// The program of the app the files make, in its language; `None` (with the reason in
/// `errors`, or in `unread` for an app in a language irlint does not read) when irlint cannot
/// read it.
fn read_app<'a>(
    files: &[UnitFile<'a>],
    errors: &mut Vec<InputError>,
    unread: &mut Vec<Unchecked>,
) -> Option<(ProgramFiles<'a>, &'static dyn Language, Format)> {
    let Some(manifest) = files.iter().copied().find(|file| {
        file.source.path.file_name().and_then(|name| name.to_str()) == Some(CDK_APP_FILE)
    }) else {
        return read_package(files);
    };
    let error = |span: Option<Span>, message: String| InputError {
        path: manifest.source.display_path.clone(),
        span,
        message,
    };
    let document = match document::read(manifest.id, &manifest.source.text) {
        Ok(document) => document.root,
        Err(e) => {
            errors.push(error(Some(e.span), e.message));
            return None;
        }
    };
    let app = document.as_ref().and_then(|document| document.get("app"));
    let Some((command, span)) = app.and_then(|app| Some((app.as_scalar()?, app.span))) else {
        let span = document.as_ref().map(|document| document.span);
        let message = "`cdk.json` has no `app` command: the CDK cannot tell how to run the app";
        errors.push(error(span, message.to_owned()));
        return None;
    };
    let (language, format, main): (&'static dyn Language, Format, String) = match entry(command) {
        Ok(Entry::TypeScript(main)) => {
            (&lower::typescript::TypeScript, Format::CdkTypeScript, main)
        }
        Ok(Entry::Python(main)) => (&lower::python::Python, Format::CdkPython, main),
        // Nothing is wrong with the app: it is only not checked.
        Ok(Entry::NotRead(language)) => {
            unread.push(Unchecked::new(
                span,
                format!("a CDK app in {language} is not read"),
                "irlint reads CDK apps in TypeScript, JavaScript and Python",
            ));
            return None;
        }
        Err(message) => {
            errors.push(error(Some(span), message));
            return None;
        }
    };
    let directory = (manifest.source.path.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let sources = (files.iter().copied())
        .filter(|file| file.id != manifest.id)
        .collect();
    let program = ProgramFiles::new(directory, manifest, Some(main), sources);
    Some((program, language, format))
}

/// The program of a package that uses the CDK without being an app: its files that declare a
/// replication set are its entries, in the language of the first of them.
fn read_package<'a>(
    files: &[UnitFile<'a>],
) -> Option<(ProgramFiles<'a>, &'static dyn Language, Format)> {
    let declaring: Vec<UnitFile> = (files.iter().copied())
        .filter(|file| {
            file.source
                .text
                .contains(crate::frontend::cdk::sdk::SET_CLASS)
        })
        .collect();
    let is_python = |file: &UnitFile| file.source.path.extension() == Some(OsStr::new("py"));
    let python = is_python(declaring.first()?);
    let (language, format): (&'static dyn Language, Format) = match python {
        true => (&lower::python::Python, Format::CdkPython),
        false => (&lower::typescript::TypeScript, Format::CdkTypeScript),
    };
    // The package's manifest (`package.json`, `pyproject.toml`), by which discovery grouped it:
    // the outermost.
    let manifest = (files.iter().copied())
        .filter(|file| discover::is_package_manifest(&file.source.path))
        .min_by_key(|file| file.source.path.components().count())?;
    let directory = PathBuf::from(manifest.source.path.parent()?);
    let entries = (declaring.iter())
        .filter(|file| is_python(file) == python)
        .filter_map(|file| {
            Some(
                file.source
                    .path
                    .strip_prefix(&directory)
                    .ok()?
                    .to_path_buf(),
            )
        })
        .collect();
    let sources = files.to_vec();
    let mut program = ProgramFiles::new(directory, manifest, None, sources);
    program.entries = entries;
    Some((program, language, format))
}

/// What an app command runs.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    /// A TypeScript or JavaScript entry, relative to the app's directory.
    TypeScript(String),
    Python(String),
    /// A language irlint does not read CDK apps in, by name.
    NotRead(&'static str),
}

/// The entry an app command runs: the first source file it names (`bin/app.ts` of
/// `npx ts-node --prefer-ts-exts bin/app.ts`), or the language of its build tool (`go run`,
/// `mvn`, `dotnet`).
fn entry(command: &str) -> Result<Entry, String> {
    let words = command
        .split(|c: char| c.is_whitespace() || matches!(c, '&' | ';' | '|' | '"' | '\''))
        .filter(|word| !word.is_empty());
    for word in words {
        let extension = word.rsplit_once('.').map(|(_, extension)| extension);
        match extension {
            Some("ts" | "mts" | "cts" | "js" | "mjs" | "cjs") => {
                return Ok(Entry::TypeScript(word.to_owned()));
            }
            Some("py") => return Ok(Entry::Python(word.to_owned())),
            Some("go") => return Ok(Entry::NotRead("Go")),
            Some("csproj" | "cs" | "fsproj") => return Ok(Entry::NotRead("C#")),
            Some("java" | "jar") => return Ok(Entry::NotRead("Java")),
            _ => {}
        }
        match word {
            "go" => return Ok(Entry::NotRead("Go")),
            "dotnet" => return Ok(Entry::NotRead("C#")),
            "mvn" | "gradle" | "./gradlew" | "java" => return Ok(Entry::NotRead("Java")),
            _ => {}
        }
    }
    Err(format!(
        "the app command `{command}` names no source file irlint reads as the app's entry"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_is_what_the_app_command_runs() {
        let typescript = |main: &str| Ok(Entry::TypeScript(main.to_owned()));
        assert_eq!(
            entry("npx ts-node --prefer-ts-exts bin/app.ts"),
            typescript("bin/app.ts")
        );
        assert_eq!(entry("node bin/app.js"), typescript("bin/app.js"));
        assert_eq!(
            entry("python3 app.py"),
            Ok(Entry::Python("app.py".to_owned()))
        );
        assert_eq!(
            entry(".venv/bin/python \"infra/app.py\""),
            Ok(Entry::Python("infra/app.py".to_owned()))
        );
        assert_eq!(
            entry("go mod download && go run app.go"),
            Ok(Entry::NotRead("Go"))
        );
        assert_eq!(
            entry("mvn -e -q compile exec:java"),
            Ok(Entry::NotRead("Java"))
        );
        assert_eq!(
            entry("dotnet run --project src/App/App.csproj"),
            Ok(Entry::NotRead("C#"))
        );
        assert!(entry("make synth").is_err());
    }
}
