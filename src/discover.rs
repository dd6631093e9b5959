//! Finds the files to lint and groups them into deployment units.
//!
//! A CloudFormation template is a unit of its own; a Terraform module is the set of `*.tf` files
//! in one directory. The walk honours `.gitignore` and skips directories that hold no code of the
//! user's (`.git`, `.terraform`, `node_modules`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::model::Format;

/// Directories that hold tools' caches or vendored code, never the user's infrastructure.
const SKIPPED_DIRECTORIES: &[&str] = &[".git", ".terraform", "node_modules"];

/// The files of one deployment unit, not yet read.
#[derive(Debug, PartialEq, Eq)]
pub struct UnitPaths {
    pub format: Format,
    pub files: Vec<PathBuf>,
}

/// Why the paths could not be walked: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
}

/// The format a file may hold, judged by its name. Terraform variable files join their module
/// only when Terraform loads them by itself (`terraform.tfvars`, `*.auto.tfvars`); others are
/// chosen per deployment with `-var-file`.
fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "tf" => Some(Format::Terraform),
        "tfvars" if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") => {
            Some(Format::Terraform)
        }
        "yaml" | "yml" | "json" | "template" => Some(Format::CloudFormation),
        _ => None,
    }
}

/// Walks the given paths (files or directories) and groups what it finds into units. A file
/// named explicitly is linted whatever its name, as a Terraform file if it ends in `.tf` and as
/// a template otherwise.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<UnitPaths>, Vec<ignore::Error>), DiscoverError> {
    let mut files = Vec::new();
    let mut roots = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push((
                format_of(path).unwrap_or(Format::CloudFormation),
                path.clone(),
            ));
        } else if path.is_dir() {
            roots.push(path.clone());
        } else {
            return Err(DiscoverError::Missing(path.clone()));
        }
    }
    let (walked, errors) = walk(&roots);
    files.extend(walked);
    files.sort();
    files.dedup();
    Ok((group(files), errors))
}

fn walk(roots: &[PathBuf]) -> (Vec<(Format, PathBuf)>, Vec<ignore::Error>) {
    let Some((first, rest)) = roots.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder.require_git(false).filter_entry(|entry| {
        !(entry.file_type().is_some_and(|t| t.is_dir())
            && entry
                .file_name()
                .to_str()
                .is_some_and(|name| SKIPPED_DIRECTORIES.contains(&name)))
    });
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if let Some(format) = format_of(entry.path()) {
                        push(&found, (format, entry.into_path()));
                    }
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

/// Templates stay alone; Terraform files join the others of their directory.
fn group(files: Vec<(Format, PathBuf)>) -> Vec<UnitPaths> {
    let mut modules: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut units = Vec::new();
    for (format, path) in files {
        match format {
            Format::Terraform => modules
                .entry(path.parent().map(Path::to_path_buf).unwrap_or_default())
                .or_default()
                .push(path),
            Format::CloudFormation => units.push(UnitPaths {
                format,
                files: vec![path],
            }),
        }
    }
    units.extend(modules.into_values().map(|files| UnitPaths {
        format: Format::Terraform,
        files,
    }));
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_file_names() {
        assert_eq!(format_of(Path::new("a/main.tf")), Some(Format::Terraform));
        assert_eq!(
            format_of(Path::new("terraform.tfvars")),
            Some(Format::Terraform)
        );
        assert_eq!(
            format_of(Path::new("a/x.auto.tfvars")),
            Some(Format::Terraform)
        );
        assert_eq!(format_of(Path::new("a/prod.tfvars")), None);
        assert_eq!(format_of(Path::new("t.YAML")), Some(Format::CloudFormation));
        assert_eq!(
            format_of(Path::new("t.template")),
            Some(Format::CloudFormation)
        );
        assert_eq!(format_of(Path::new("README.md")), None);
        assert_eq!(format_of(Path::new("Makefile")), None);
    }

    #[test]
    fn terraform_files_group_by_directory() {
        let units = group(vec![
            (Format::Terraform, PathBuf::from("a/main.tf")),
            (Format::CloudFormation, PathBuf::from("a/t.yaml")),
            (Format::Terraform, PathBuf::from("a/providers.tf")),
            (Format::Terraform, PathBuf::from("b/main.tf")),
        ]);
        assert_eq!(units.len(), 3);
        assert_eq!(
            units[1].files,
            vec![PathBuf::from("a/main.tf"), PathBuf::from("a/providers.tf")]
        );
    }
}
