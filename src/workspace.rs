//! Where a run may read: the git repository that holds the working directory (or `--repo`), or
//! the working directory itself outside git.
//!
//! A pull request controls every file of the tree irlint lints, so nothing is read through a
//! symbolic link that leads out of that tree, and the repository `--base` reads is found from
//! the working directory by its `.git`, never by asking git to discover one from a linted path:
//! a pull request can make any directory of its own look like a git directory (`HEAD`,
//! `config`, `objects/`, `refs/`), whose configuration git would then obey.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The directories a run trusts.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The working directory, its symbolic links resolved.
    current: PathBuf,
    /// The top of the git work tree that holds the working directory, or the one `--repo`
    /// names, its symbolic links resolved.
    repository: Option<PathBuf>,
}

/// Why a run cannot read what it was asked to: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("cannot read the working directory: {0}")]
    WorkingDirectory(io::Error),
    #[error("--repo {}: not the top of a git work tree (it holds no `.git`)", .0.display())]
    NotARepository(PathBuf),
    #[error(
        "{}: leads through a symbolic link to {}, outside {}: irlint reads nothing outside the \
         repository (the working directory outside git); name the directory it leads to instead",
        .path.display(), .target.display(), .boundary.display()
    )]
    Outside {
        path: PathBuf,
        target: PathBuf,
        boundary: PathBuf,
    },
}

/// Whether a directory is the top of a git work tree: it holds `.git`, which git never lets a
/// commit hold, so only git itself (a clone, a submodule, a worktree) makes one.
pub fn holds_git(directory: &Path) -> bool {
    directory.join(".git").symlink_metadata().is_ok()
}

impl Workspace {
    /// The workspace of a run started in the working directory, or in the repository `--repo`
    /// names.
    pub fn find(repository: Option<&Path>) -> Result<Workspace, WorkspaceError> {
        let current = std::env::current_dir()
            .and_then(|directory| directory.canonicalize())
            .map_err(WorkspaceError::WorkingDirectory)?;
        let repository = match repository {
            Some(named) => {
                let top = absolute(named)
                    .canonicalize()
                    .ok()
                    .filter(|top| holds_git(top))
                    .ok_or_else(|| WorkspaceError::NotARepository(named.to_path_buf()))?;
                Some(top)
            }
            None => current
                .ancestors()
                .find(|directory| holds_git(directory))
                .map(Path::to_path_buf),
        };
        Ok(Workspace {
            current,
            repository,
        })
    }

    /// The top of the git work tree the run reads revisions from.
    pub fn repository(&self) -> Option<&Path> {
        self.repository.as_deref()
    }

    /// The working directory, as a usage error names it.
    pub fn current(&self) -> &Path {
        &self.current
    }

    /// What reports name files relative to where they must not depend on the working
    /// directory: the repository's top, or outside git the working directory.
    pub fn top(&self) -> &Path {
        self.repository.as_deref().unwrap_or(&self.current)
    }

    /// The directory nothing read for `path` may lie outside: the repository (or the working
    /// directory outside git) when `path` is written inside it; for a path the user wrote
    /// outside it, the work tree that holds the path, or else the path itself.
    pub fn boundary(&self, path: &Path) -> PathBuf {
        let path = absolute(path);
        let trusted = self.top();
        if path.starts_with(trusted) {
            return trusted.to_path_buf();
        }
        if let Some(top) = path.ancestors().find(|directory| holds_git(directory)) {
            return top.to_path_buf();
        }
        if path.is_dir() {
            path
        } else {
            path.parent().map_or(path.clone(), Path::to_path_buf)
        }
    }

    /// Fails when `path`, with its symbolic links followed, lies outside its boundary. A path
    /// that does not exist leads nowhere.
    pub fn check(&self, path: &Path) -> Result<(), WorkspaceError> {
        let boundary = self.boundary(path);
        match inside(&boundary, path) {
            Some(false) => Err(WorkspaceError::Outside {
                path: path.to_path_buf(),
                target: path.canonicalize().unwrap_or_default(),
                boundary,
            }),
            Some(true) | None => Ok(()),
        }
    }
}

/// Whether `path`, its symbolic links followed, lies inside `boundary`; `None` when it does not
/// exist.
pub fn inside(boundary: &Path, path: &Path) -> Option<bool> {
    let target = path.canonicalize().ok()?;
    let boundary = boundary
        .canonicalize()
        .unwrap_or_else(|_| boundary.to_path_buf());
    Some(target.starts_with(boundary))
}

/// The path made absolute against the working directory, with `.` and `..` resolved as written
/// (symbolic links are not followed: a file of a base revision need not exist).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute_as_written() {
        let current = std::env::current_dir().expect("a working directory");
        assert_eq!(absolute(Path::new("a/./b/../c")), current.join("a/c"));
        assert_eq!(absolute(Path::new("/x/y/../z")), PathBuf::from("/x/z"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_boundary_is_refused_and_one_inside_is_not() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let top = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(top.join("repo/.git")).expect("a repository");
        std::fs::create_dir_all(top.join("repo/real")).expect("a directory");
        std::fs::create_dir_all(top.join("elsewhere")).expect("a directory");
        std::os::unix::fs::symlink(top.join("elsewhere"), top.join("repo/out")).expect("a link");
        std::os::unix::fs::symlink("real", top.join("repo/in")).expect("a link");
        let workspace = Workspace {
            current: top.join("repo"),
            repository: Some(top.join("repo")),
        };
        assert_eq!(workspace.boundary(&top.join("repo/in")), top.join("repo"));
        assert!(workspace.check(&top.join("repo/in")).is_ok());
        assert!(matches!(
            workspace.check(&top.join("repo/out")),
            Err(WorkspaceError::Outside { .. })
        ));
        assert!(workspace.check(&top.join("repo/missing")).is_ok());
        // Named outside the repository: the user chose it, and it is its own boundary.
        assert_eq!(
            workspace.boundary(&top.join("elsewhere")),
            top.join("elsewhere")
        );
        assert!(workspace.check(&top.join("elsewhere")).is_ok());
    }
}
