//! Python's import system over the project's files: which module an import statement names,
//! and what each name it binds refers to (an SDK, a project module or a name in one, another
//! library).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::sdk::Package;
use crate::frontend::UnitFile;
use crate::frontend::pulumi::Project;

/// What an import statement binds a name to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target<'t> {
    /// A module, class, function or constant of a Pulumi SDK.
    Sdk {
        package: Package,
        path: Vec<&'t str>,
    },
    /// A module of the project, or a name it defines (`from keys import key`).
    Project {
        module: PathBuf,
        name: Option<&'t str>,
    },
    /// A library that is not part of the project.
    External(String),
}

/// One name an import statement binds (`None`: `from m import *`), and the project modules it
/// makes Python run.
pub struct Import<'t> {
    pub name: Option<&'t str>,
    pub target: Target<'t>,
    pub runs: Vec<PathBuf>,
}

/// The project's files as Python's import system sees them.
pub struct Files<'p> {
    pub project: &'p Project<'p>,
    /// The directories absolute imports search, in order.
    pub roots: Vec<PathBuf>,
    /// Every directory that holds a source file, at any depth: the packages, with or without
    /// `__init__.py`. A search of every file per import made a chain of 10,000 modules that
    /// each import a library take minutes.
    directories: HashSet<PathBuf>,
}

impl<'p> Files<'p> {
    pub fn new(project: &'p Project<'p>) -> Files<'p> {
        let directories = project
            .sources
            .iter()
            .flat_map(|file| file.source.path.ancestors())
            .map(Path::to_path_buf)
            .collect();
        Files {
            project,
            roots: Vec::new(),
            directories,
        }
    }

    /// The file of a module and the directory its relative imports start from.
    pub fn module_file(&self, name: &Path) -> Option<(UnitFile<'p>, PathBuf)> {
        let mut file = name.as_os_str().to_owned();
        file.push(".py");
        if let Some(found) = self.project.source(Path::new(&file)) {
            let package = name.parent().map(Path::to_path_buf).unwrap_or_default();
            return Some((found, package));
        }
        let package = name.join("__init__.py");
        self.project
            .source(&package)
            .map(|found| (found, name.to_path_buf()))
    }

    /// Whether a module or package (with or without `__init__.py`) of that name exists.
    pub fn has_module(&self, name: &Path) -> bool {
        self.module_file(name).is_some()
            || self
                .directories
                .contains(&self.project.directory.join(name))
    }

    /// What `import a.b` (`level` 0) or `from ..a import b` (`level` 2) refers to, seen from a
    /// module whose relative imports start at `package`.
    fn locate<'t>(&self, package: &Path, level: usize, dotted: &[&'t str]) -> Target<'t> {
        if level > 0 {
            let mut base = package.to_path_buf();
            for _ in 1..level {
                base.pop();
            }
            return Target::Project {
                module: base.join(dotted.iter().collect::<PathBuf>()),
                name: None,
            };
        }
        let Some((first, rest)) = dotted.split_first() else {
            return Target::External(String::new());
        };
        if let Some(package) = Package::of_module(first) {
            return Target::Sdk {
                package,
                path: rest.to_vec(),
            };
        }
        for root in &self.roots {
            if self.has_module(&root.join(first)) {
                return Target::Project {
                    module: root.join(dotted.iter().collect::<PathBuf>()),
                    name: None,
                };
            }
        }
        Target::External(dotted.join("."))
    }

    /// The names an import statement binds.
    pub fn imports<'t>(
        &self,
        package: &Path,
        statement: Node<'t>,
        text: &'t str,
    ) -> Vec<Import<'t>> {
        let mut cursor = statement.walk();
        let dotted = |node: Node<'t>| -> Vec<&'t str> {
            let mut cursor = node.walk();
            node.named_children(&mut cursor)
                .filter(|part| part.kind() == "identifier")
                .map(|part| node_text(text, part))
                .collect()
        };
        let mut imports = Vec::new();
        if statement.kind() == "import_statement" {
            for name in statement.children_by_field_name("name", &mut cursor) {
                let (path, alias) = match name.kind() {
                    "aliased_import" => (
                        name.child_by_field_name("name").map(dotted),
                        name.child_by_field_name("alias")
                            .map(|alias| node_text(text, alias)),
                    ),
                    _ => (Some(dotted(name)), None),
                };
                let Some(path) = path.filter(|path| !path.is_empty()) else {
                    continue;
                };
                let whole = self.locate(package, 0, &path);
                let runs = match &whole {
                    Target::Project { module, .. } => vec![module.clone()],
                    _ => Vec::new(),
                };
                // `import a.b` binds `a`; `import a.b as x` binds `x` to `a.b`.
                let (name, target) = match alias {
                    Some(alias) => (alias, whole),
                    None => (path[0], self.locate(package, 0, &path[..1])),
                };
                imports.push(Import {
                    name: Some(name),
                    target,
                    runs,
                });
            }
            return imports;
        }
        let Some(module_name) = statement.child_by_field_name("module_name") else {
            return imports;
        };
        let (level, path) = match module_name.kind() {
            "relative_import" => {
                let mut cursor = module_name.walk();
                let mut level = 0;
                let mut path = Vec::new();
                for part in module_name.named_children(&mut cursor) {
                    match part.kind() {
                        "import_prefix" => level = node_text(text, part).len(),
                        "dotted_name" => path = dotted(part),
                        _ => {}
                    }
                }
                (level, path)
            }
            _ => (0, dotted(module_name)),
        };
        let module = self.locate(package, level, &path);
        let mut wildcard = false;
        let mut cursor = statement.walk();
        for child in statement.named_children(&mut cursor) {
            wildcard |= child.kind() == "wildcard_import";
        }
        if wildcard {
            imports.push(Import {
                name: None,
                runs: runs_of(&module, None),
                target: module,
            });
            return imports;
        }
        let mut cursor = statement.walk();
        for name in statement.children_by_field_name("name", &mut cursor) {
            let (imported, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name").map(|n| node_text(text, n)),
                    name.child_by_field_name("alias")
                        .map(|alias| node_text(text, alias)),
                ),
                _ => (Some(node_text(text, name)), None),
            };
            let Some(imported) = imported else {
                continue;
            };
            let target = match &module {
                Target::Sdk { package, path } => Target::Sdk {
                    package: *package,
                    path: path.iter().copied().chain([imported]).collect(),
                },
                Target::Project { module, .. } => Target::Project {
                    module: module.clone(),
                    name: Some(imported),
                },
                Target::External(name) => Target::External(format!("{name}.{imported}")),
            };
            imports.push(Import {
                name: Some(alias.unwrap_or(imported)),
                runs: runs_of(&module, Some(imported)),
                target,
            });
        }
        imports
    }
}

/// The project modules `from module import name` runs: the module, and the submodule `name`
/// when there is one.
fn runs_of(module: &Target, name: Option<&str>) -> Vec<PathBuf> {
    let Target::Project { module, .. } = module else {
        return Vec::new();
    };
    let mut runs = vec![module.clone()];
    runs.extend(name.map(|name| module.join(name)));
    runs
}

pub fn node_text<'t>(text: &'t str, node: Node) -> &'t str {
    text.get(node.byte_range()).unwrap_or_default()
}
