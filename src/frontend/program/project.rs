//! The files of a program, whatever framework deploys it: the directory it lives in, the file that
//! declares it, its entry and its source files, indexed for the loader's lookups.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::frontend::UnitFile;

/// The files of one program.
pub struct ProgramFiles<'a> {
    /// The directory holding the file that declares the program.
    pub directory: PathBuf,
    /// The file that declares the program (`Pulumi.yaml`), which errors about the program as a
    /// whole name.
    pub manifest: UnitFile<'a>,
    /// The program's entry file or directory, relative to [`ProgramFiles::directory`], when the
    /// manifest names one.
    pub main: Option<String>,
    /// Every source file of the languages irlint reads (TypeScript, JavaScript, Python, Go, C#,
    /// Java) below the directory, for the loader to pick the entry and the modules it imports.
    pub sources: Vec<UnitFile<'a>>,
    /// The entries the framework names itself, relative to [`ProgramFiles::directory`] (a CDK
    /// construct library's files that declare a set), where no manifest names one; when empty,
    /// the language's rule finds the entry.
    pub entries: Vec<PathBuf>,
    /// The index in [`ProgramFiles::sources`] of each file, by its path in the form [`normal`]
    /// gives: a front-end looks up several candidate paths per import, and a scan of every source
    /// per candidate made a chain of 10,000 modules take minutes.
    by_path: HashMap<PathBuf, usize>,
    /// The indexes in [`ProgramFiles::sources`] of the files directly in each directory, by its
    /// path in the form [`normal`] gives: a Go package is a directory, and a program of thousands
    /// of packages would scan every source for each.
    by_directory: HashMap<PathBuf, Vec<usize>>,
}

/// A path without its `.` components, as the indexes key files.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

impl<'a> ProgramFiles<'a> {
    pub fn new(
        directory: PathBuf,
        manifest: UnitFile<'a>,
        main: Option<String>,
        sources: Vec<UnitFile<'a>>,
    ) -> Self {
        let mut by_path = HashMap::new();
        let mut by_directory: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        for (index, file) in sources.iter().enumerate() {
            let path = normal(&file.source.path);
            if let Some(directory) = path.parent() {
                by_directory
                    .entry(directory.to_path_buf())
                    .or_default()
                    .push(index);
            }
            // The first of two files of one path is the one found, as a search in order found it.
            by_path.entry(path).or_insert(index);
        }
        ProgramFiles {
            directory,
            manifest,
            main,
            sources,
            entries: Vec::new(),
            by_path,
            by_directory,
        }
    }

    /// The unit's name as shown to the user: the program's directory.
    pub fn unit_name(&self) -> String {
        let name = crate::source::display_path(&self.directory);
        if name.is_empty() {
            ".".to_owned()
        } else {
            name
        }
    }

    /// The source file at a path relative to the directory, if the program has it.
    pub fn source(&self, relative: &Path) -> Option<UnitFile<'a>> {
        let index = self.by_path.get(&normal(&self.directory.join(relative)))?;
        self.sources.get(*index).copied()
    }

    /// The source files directly in a directory relative to the program's directory, in the order
    /// of their paths.
    pub fn sources_in(&self, relative: &Path) -> Vec<UnitFile<'a>> {
        let indexes = self
            .by_directory
            .get(&normal(&self.directory.join(relative)));
        let mut files: Vec<UnitFile<'a>> = indexes
            .into_iter()
            .flatten()
            .filter_map(|index| self.sources.get(*index).copied())
            .collect();
        files.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        files
    }
}
