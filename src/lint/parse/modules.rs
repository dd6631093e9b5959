//! Terraform modules and their calls: which module directories are read, which are roots, and
//! each root's unit built with the modules its calls read.
//!
//! A directory is parsed only when it holds the replication set or calls, directly or through
//! other modules, one that does (found without parsing: the sources its files write), and then
//! so is every module it calls, for the values their outputs give. A called module outside the
//! linted paths is read too (never outside the repository, nor through a symbolic link); a
//! linted module that another linted one calls is checked through its callers only.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::{FileRole, UnitKind, role_of};
use crate::frontend::terraform::{self, Directories, Directory};
use crate::frontend::{Parsed, UnitFile};
use crate::input_error::InputError;
use crate::lint::read::{
    Contents, MAX_FILE_SIZE, Origin, ReadUnit, may_hold_a_replication_set, read_file,
    without_byte_order_mark,
};
use crate::source::{FileId, SourceFile, Sources};
use crate::workspace::{self, absolute};

/// How many module directories outside the linted paths one run reads at most.
const MAX_CALLED_DIRECTORIES: usize = 10_000;

/// Where `terraform init` records the modules it installed, below a root module.
const MANIFEST: &str = ".terraform/modules/modules.json";

/// A module directory whose files were read.
pub struct ModuleDirectory {
    unit: ReadUnit,
    /// Whether discovery found it below a linted path (else a call led to it).
    linted: bool,
    /// `.terraform/modules/modules.json`, read from the working tree.
    manifest: Option<SourceFile>,
    /// Whether all its files could be read.
    read_whole: bool,
}

impl ModuleDirectory {
    /// A module discovery found, with whether all its files could be read.
    pub fn linted(unit: ReadUnit, read_whole: bool) -> Self {
        ModuleDirectory {
            unit,
            linted: true,
            manifest: None,
            read_whole,
        }
    }
}

/// The directories a module's files name as module sources, without parsing them: local
/// sources, and the modules its manifest says `terraform init` installed.
fn called_directories(module: &ModuleDirectory) -> Vec<PathBuf> {
    let root = absolute(&module.unit.root);
    let mut called: Vec<PathBuf> = (module.unit.files.iter())
        .flat_map(|file| terraform::written_sources(&file.text))
        .filter(|source| terraform::is_local_source(source))
        .map(|source| absolute(&root.join(source)))
        .collect();
    if let Some(manifest) = &module.manifest {
        called.extend(terraform::manifest_directories(&root, &manifest.text));
    }
    called.sort();
    called.dedup();
    called
}

/// The modules to parse: the linted ones that hold the set or call one that does, and every
/// module they call. Called modules that were not linted are read from the working tree.
pub fn select(
    origin: &Origin,
    linted: Vec<ModuleDirectory>,
    boundary: &dyn Fn(&Path) -> PathBuf,
) -> Vec<ModuleDirectory> {
    let mut modules = linted;
    if let Some(overlay) = origin.overlay() {
        for module in &mut modules {
            let boundary = boundary(&module.unit.root);
            module.manifest = read_manifest(&module.unit.root, &boundary, overlay);
        }
    }
    let mut index: HashMap<PathBuf, usize> = (modules.iter().enumerate())
        .map(|(position, module)| (absolute(&module.unit.root), position))
        .collect();
    let mut calls: Vec<Vec<usize>> = Vec::new();
    let mut read_outside = 0;
    while calls.len() < modules.len() {
        let caller = calls.len();
        let mut called = Vec::new();
        for directory in called_directories(&modules[caller]) {
            if let Some(&known) = index.get(&directory) {
                called.push(known);
                continue;
            }
            let Some(overlay) = origin.overlay() else {
                continue;
            };
            if read_outside == MAX_CALLED_DIRECTORIES {
                continue;
            }
            let boundary = boundary(&modules[caller].unit.root);
            if workspace::inside(&boundary, &directory) != Some(true) {
                continue;
            }
            read_outside += 1;
            if let Some(module) = read_called(&directory, overlay) {
                index.insert(directory, modules.len());
                called.push(modules.len());
                modules.push(module);
            }
        }
        calls.push(called);
    }
    // A module matters when it holds the set, says what became of one, or calls a module that
    // matters.
    let mut matters: Vec<bool> = (modules.iter())
        .map(|module| {
            let texts = || module.unit.files.iter().map(|file| file.text.as_str());
            module.unit.holds_the_type
                || (module.linted && texts().any(terraform::may_say_what_became_of_sets))
        })
        .collect();
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
    for (caller, called) in calls.iter().enumerate() {
        called
            .iter()
            .for_each(|&called| callers[called].push(caller));
    }
    let mut pending: Vec<usize> = (0..modules.len()).filter(|&m| matters[m]).collect();
    while let Some(module) = pending.pop() {
        for &caller in &callers[module] {
            if !std::mem::replace(&mut matters[caller], true) {
                pending.push(caller);
            }
        }
    }
    // What a module that matters calls is read for its outputs.
    let mut kept: Vec<bool> = (0..modules.len())
        .map(|m| matters[m] && modules[m].linted)
        .collect();
    let mut pending: Vec<usize> = (0..modules.len()).filter(|&m| kept[m]).collect();
    while let Some(caller) = pending.pop() {
        for &called in &calls[caller] {
            if !kept[called] {
                kept[called] = true;
                pending.push(called);
            }
        }
    }
    modules
        .into_iter()
        .zip(kept)
        .filter_map(|(module, kept)| kept.then_some(module))
        .collect()
}

/// The manifest of the modules `terraform init` installed for a root, if it wrote one (and no
/// symbolic link leads it out of `boundary`).
fn read_manifest(
    root: &Path,
    boundary: &Path,
    overlay: &BTreeMap<PathBuf, String>,
) -> Option<SourceFile> {
    let path = root.join(MANIFEST);
    let text = match overlay.get(&path) {
        Some(text) => text.clone(),
        None => {
            let metadata = path.symlink_metadata().ok()?;
            let inside = workspace::inside(boundary, &path) == Some(true);
            if !inside || !metadata.is_file() || metadata.len() > MAX_FILE_SIZE {
                return None;
            }
            std::fs::read_to_string(&path).ok()?
        }
    };
    Some(SourceFile::new(path, text))
}

/// The Terraform files of a directory a call names, read from the working tree: its
/// configuration files, not its variable files (which a called module does not load), and not
/// through symbolic links.
fn read_called(directory: &Path, overlay: &BTreeMap<PathBuf, String>) -> Option<ModuleDirectory> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(directory)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.path())
        .filter(|path| role_of(path) == Some(FileRole::Terraform))
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            !name.ends_with(".tfvars") && !name.ends_with(".tfvars.json")
        })
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    let mut holds_the_type = false;
    for path in paths {
        let text = match overlay.get(&path) {
            Some(text) => text.clone(),
            None => match read_file(UnitKind::Terraform, &path) {
                // A file that is not text is not read, as a linted module's would not be.
                Ok(Contents::Bytes(bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => without_byte_order_mark(text),
                    Err(_) => continue,
                },
                _ => continue,
            },
        };
        holds_the_type |= may_hold_a_replication_set(UnitKind::Terraform, text.as_bytes());
        files.push(SourceFile::new(path, text));
    }
    (!files.is_empty()).then(|| ModuleDirectory {
        unit: ReadUnit {
            kind: UnitKind::Terraform,
            root: directory.to_path_buf(),
            files,
            holds_the_type,
        },
        linted: false,
        manifest: None,
        read_whole: true,
    })
}

/// A module directory whose files were added to the sources.
pub struct Added {
    root: PathBuf,
    files: Vec<FileId>,
    manifest: Option<FileId>,
    linted: bool,
    read_whole: bool,
}

/// Adds the selected modules' files to the sources.
pub fn add(modules: Vec<ModuleDirectory>, sources: &mut Sources) -> Vec<Added> {
    modules
        .into_iter()
        .map(|module| Added {
            root: module.unit.root,
            files: module
                .unit
                .files
                .into_iter()
                .map(|f| sources.add(f))
                .collect(),
            manifest: module.manifest.map(|manifest| sources.add(manifest)),
            linted: module.linted,
            read_whole: module.read_whole,
        })
        .collect()
}

/// The root modules: the linted modules that no other linted module calls, and then, of the
/// modules in a cycle of calls (which Terraform rejects), each linted one no root reaches.
fn roots(modules: &[Added], directories: &[Directory]) -> Vec<usize> {
    let position: HashMap<&Path, usize> = (directories.iter().enumerate())
        .map(|(position, directory)| (directory.path.as_path(), position))
        .collect();
    let calls: Vec<Vec<usize>> = (directories.iter().enumerate())
        .map(|(caller, directory)| {
            let called = directory.called();
            let called = called
                .iter()
                .filter_map(|path| position.get(path.as_path()));
            called.copied().filter(|&called| called != caller).collect()
        })
        .collect();
    let mut called_by_linted = vec![false; modules.len()];
    for (caller, called) in calls.iter().enumerate() {
        if modules[caller].linted {
            called
                .iter()
                .for_each(|&called| called_by_linted[called] = true);
        }
    }
    let mut roots: Vec<usize> = (0..modules.len())
        .filter(|&m| modules[m].linted && !called_by_linted[m])
        .collect();
    let mut reached = vec![false; modules.len()];
    let mut pending = roots.clone();
    let mut next = 0;
    loop {
        while let Some(module) = pending.pop() {
            if !std::mem::replace(&mut reached[module], true) {
                pending.extend(&calls[module]);
            }
        }
        let Some(unreached) = (next..modules.len()).find(|&m| modules[m].linted && !reached[m])
        else {
            return roots;
        };
        next = unreached + 1;
        roots.push(unreached);
        pending.push(unreached);
    }
}

/// A root module's unit, as the pipeline loads every unit: its path, the files it was read from
/// (its called modules' too), whether they were all read and parsed whole, and what parsing
/// gave.
pub type Built = (PathBuf, Vec<FileId>, bool, Parsed);

/// Parses every module, then builds the unit of each root (a linted module no other linted
/// module calls) with the modules its calls read; with the errors of every module's files and
/// of the command line's variable files, each once. A root that declares no set is a unit only
/// with `keep_without_sets` ([`terraform::build`]).
pub fn build(
    modules: &[Added],
    sources: &Sources,
    command_line: &[UnitFile],
    keep_without_sets: bool,
) -> (Vec<Built>, Vec<InputError>) {
    let unit_file = |id: &FileId| UnitFile {
        id: *id,
        source: sources.get(*id),
    };
    let directories: Vec<Directory> = modules
        .par_iter()
        .map(|module| {
            let files: Vec<UnitFile> = module.files.iter().map(unit_file).collect();
            terraform::read_directory(&files, module.manifest.as_ref().map(unit_file))
        })
        .collect();
    let (variables, mut errors) = terraform::read_variable_files(command_line);
    let complete: HashMap<PathBuf, (bool, Vec<FileId>)> = (modules.iter().zip(&directories))
        .map(|(module, directory)| {
            let whole = module.read_whole && directory.errors.is_empty();
            (directory.path.clone(), (whole, module.files.clone()))
        })
        .collect();
    let roots = roots(modules, &directories);
    for directory in &directories {
        errors.extend(directory.errors.iter().cloned());
    }
    let directories: Directories = directories
        .into_iter()
        .map(|directory| (directory.path.clone(), directory))
        .collect();
    let max_instances = terraform::instance_limit(roots.len());
    let built: Vec<Built> = roots
        .par_iter()
        .filter_map(|&root| {
            let path = absolute(&modules[root].root);
            let directory = directories.get(&path)?;
            let built = terraform::build(
                directory,
                &variables,
                &directories,
                max_instances,
                keep_without_sets,
            );
            let (mut whole, mut files) = complete.get(&path).cloned().unwrap_or_default();
            for module in &built.modules {
                if let Some((module_whole, module_files)) = complete.get(module) {
                    whole &= module_whole;
                    files.extend(module_files);
                }
            }
            let parsed = Parsed {
                unit: built.unit,
                ..Parsed::default()
            };
            Some((modules[root].root.clone(), files, whole, parsed))
        })
        .collect();
    (built, errors)
}
