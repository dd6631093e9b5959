//! The base revision of a change, read through the `git` command.
//!
//! `--base REV` compares the units in the working tree with the same paths as they were at
//! `REV`. One `git ls-tree` lists the files below the linted paths at the revision and one
//! `git cat-file --batch` process reads them all; nothing here writes, so the working tree and
//! the index are never touched. A file of the revision keeps the path it would have in the
//! working tree, so that discovery groups it into the same unit, and shows as
//! `REV:path/from/the/top/level`, which `git show` accepts.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::thread::JoinHandle;

use crate::discover::{self, UnitPaths};

/// Why the base revision cannot be read: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("--base needs the `git` command: {0}")]
    NoGit(io::Error),
    #[error("--base: {} is not in a git repository", .0.display())]
    NotARepository(PathBuf),
    #[error("--base: `{revision}` is not a commit of the repository at {}", .toplevel.display())]
    UnknownRevision { revision: String, toplevel: PathBuf },
    #[error("--base: {} lies outside the repository at {}", .path.display(), .toplevel.display())]
    OutsideRepository { path: PathBuf, toplevel: PathBuf },
    #[error("--base: git {command} failed: {message}")]
    Failed {
        command: &'static str,
        message: String,
    },
}

fn failed(command: &'static str, message: impl Into<String>) -> GitError {
    GitError::Failed {
        command,
        message: message.into(),
    }
}

/// A file of the revision.
#[derive(Debug)]
struct Blob {
    /// The path from the repository's top level, as git spells it.
    name: String,
    object: String,
}

/// The files below the linted paths as they were at a revision.
#[derive(Debug)]
pub struct Snapshot {
    /// The revision as the user named it.
    revision: String,
    toplevel: PathBuf,
    /// Each file by the path it has (or would have) in the working tree, spelled from the linted
    /// path that holds it, as the walk of the working tree spells it.
    blobs: HashMap<PathBuf, Blob>,
    /// Linted paths that are files at the revision.
    named: Vec<PathBuf>,
    /// Files below linted directories.
    walked: Vec<PathBuf>,
    /// Linted paths that hold anything at the revision.
    present: Vec<PathBuf>,
}

fn run(command: &mut Command) -> Result<Output, GitError> {
    command
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::NoGit)
}

fn git(directory: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(directory);
    command
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

impl Snapshot {
    /// Finds the repository that holds `paths` and lists their files at `revision`.
    pub fn open(revision: &str, paths: &[PathBuf]) -> Result<Snapshot, GitError> {
        let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
        let output = run(git(&existing_directory(first)).args(["rev-parse", "--show-toplevel"]))?;
        if !output.status.success() {
            return Err(GitError::NotARepository(first.to_path_buf()));
        }
        let toplevel = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim_end());
        // Compared with canonical paths below; git already resolves symbolic links, except on
        // systems where it reports a path of another spelling.
        let toplevel = toplevel.canonicalize().unwrap_or(toplevel);

        let unknown = || GitError::UnknownRevision {
            revision: revision.to_owned(),
            toplevel: toplevel.clone(),
        };
        // A leading dash would be read as an option.
        if revision.is_empty() || revision.starts_with('-') {
            return Err(unknown());
        }
        let output = run(git(&toplevel).args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{commit}}"),
        ]))?;
        if !output.status.success() {
            return Err(unknown());
        }
        let commit = String::from_utf8_lossy(&output.stdout).trim().to_owned();

        let mut linted = Vec::with_capacity(paths.len());
        for path in paths {
            let relative =
                repo_relative(&toplevel, path).ok_or_else(|| GitError::OutsideRepository {
                    path: path.clone(),
                    toplevel: toplevel.clone(),
                })?;
            linted.push((path.clone(), relative));
        }
        let mut list = git(&toplevel);
        list.args(["--literal-pathspecs", "ls-tree", "-r", "-z", &commit, "--"]);
        // The top level is every file; git refuses an empty pathspec.
        if linted.iter().all(|(_, relative)| !relative.is_empty()) {
            list.args(linted.iter().map(|(_, relative)| relative));
        }
        let output = run(&mut list)?;
        if !output.status.success() {
            return Err(failed("ls-tree", stderr_of(&output)));
        }

        let mut snapshot = Snapshot {
            revision: revision.to_owned(),
            toplevel,
            blobs: HashMap::new(),
            named: Vec::new(),
            walked: Vec::new(),
            present: Vec::new(),
        };
        for entry in output.stdout.split(|&byte| byte == 0) {
            let Some((object, name)) = tree_file(entry) else {
                continue;
            };
            for (path, relative) in &linted {
                let Some(below) = below(&name, relative) else {
                    continue;
                };
                let working_path = if below.is_empty() {
                    snapshot.named.push(path.clone());
                    path.clone()
                } else if in_skipped_directory(below) {
                    continue;
                } else {
                    let walked = path.join(below);
                    snapshot.walked.push(walked.clone());
                    walked
                };
                if !snapshot.present.contains(path) {
                    snapshot.present.push(path.clone());
                }
                snapshot.blobs.insert(
                    working_path,
                    Blob {
                        name: name.clone(),
                        object: object.to_owned(),
                    },
                );
            }
        }
        Ok(snapshot)
    }

    /// The revision as the user named it.
    pub fn revision(&self) -> &str {
        &self.revision
    }

    /// Whether a linted path holds anything at the revision.
    pub fn holds(&self, path: &Path) -> bool {
        self.present.iter().any(|present| present == path)
    }

    /// The units of the revision, grouped as discovery groups the working tree.
    pub fn units(&self) -> Vec<UnitPaths> {
        discover::group_found(self.named.clone(), self.walked.clone())
    }

    /// How reports name a file of the revision: `origin/main:infra/main.tf`.
    pub fn display_path(&self, path: &Path) -> String {
        match self.blobs.get(path) {
            Some(blob) => format!("{}:{}", self.revision, blob.name),
            None => format!("{}:{}", self.revision, path.display()),
        }
    }

    /// Starts reading the files, in this order, through one `git cat-file --batch`.
    pub fn read<'a>(&self, paths: impl Iterator<Item = &'a Path>) -> Result<Blobs, GitError> {
        let objects = paths
            .map(|path| {
                self.blobs
                    .get(path)
                    .map(|blob| blob.object.clone())
                    .ok_or_else(|| failed("cat-file", format!("{} is not listed", path.display())))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut child = git(&self.toplevel)
            // Every request is sent at once, so answers need not be flushed one by one.
            .args(["cat-file", "--batch", "--buffer"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::NoGit)?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(failed("cat-file", "no pipes to the process"));
        };
        // Requests are written while answers are read: writing them all first could fill the
        // pipe of answers and block both processes.
        let writer = std::thread::spawn(move || {
            let mut stdin = BufWriter::new(stdin);
            for object in objects {
                writeln!(stdin, "{object}")?;
            }
            stdin.flush()
        });
        Ok(Blobs {
            child,
            output: BufReader::new(stdout),
            writer: Some(writer),
        })
    }
}

/// The contents of the files asked for, in order.
pub struct Blobs {
    child: Child,
    output: BufReader<ChildStdout>,
    writer: Option<JoinHandle<io::Result<()>>>,
}

impl Blobs {
    /// The next file, to be read from git as the caller needs it: a file larger than irlint
    /// reads is never held whole. Any failure is the repository's or git's, not the file's.
    pub fn next_blob(&mut self) -> Result<BlobReader<'_>, GitError> {
        let mut header = String::new();
        self.output
            .read_line(&mut header)
            .map_err(|e| failed("cat-file", e.to_string()))?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        let size = match fields.as_slice() {
            [_, "blob", size] => size.parse::<u64>().ok(),
            _ => None,
        }
        .ok_or_else(|| failed("cat-file", format!("unexpected answer `{}`", header.trim())))?;
        Ok(BlobReader {
            size,
            contents: (&mut self.output).take(size),
        })
    }
}

/// A file's contents as git sends them. What is left unread when it is dropped is skipped, with
/// the newline that ends each answer, so that the next answer can be read.
pub struct BlobReader<'a> {
    pub size: u64,
    contents: io::Take<&'a mut BufReader<ChildStdout>>,
}

impl Read for BlobReader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.contents.read(buffer)
    }
}

impl Drop for BlobReader<'_> {
    fn drop(&mut self) {
        // A failure here leaves the stream out of step: the next header says so.
        let _ = io::copy(&mut self.contents, &mut io::sink());
        let _ = self.contents.get_mut().read_exact(&mut [0]);
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Ends git (and with it the writer) when not every answer was read.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// The object and the path of a regular file in a `git ls-tree -z` entry
/// (`<mode> <type> <object>\t<path>`); `None` for trees, submodules and symbolic links, which
/// the walk of the working tree passes over too.
fn tree_file(entry: &[u8]) -> Option<(&str, String)> {
    let tab = entry.iter().position(|&byte| byte == b'\t')?;
    let meta = std::str::from_utf8(&entry[..tab]).ok()?;
    let name = String::from_utf8_lossy(&entry[tab + 1..]).into_owned();
    match meta.split(' ').collect::<Vec<_>>().as_slice() {
        [mode, "blob", object] if *mode != "120000" => Some((object, name)),
        _ => None,
    }
}

/// The part of `name` below `prefix` (both relative to the top level, `/`-separated): empty
/// when they are the same, `None` when `name` is not below it.
fn below<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return Some(name);
    }
    let rest = name.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix('/')
    }
}

fn in_skipped_directory(relative: &str) -> bool {
    let mut directories = relative.split('/');
    directories.next_back();
    directories.any(discover::skips_directory)
}

/// The nearest directory that holds `path` and exists, for git to start from.
fn existing_directory(path: &Path) -> PathBuf {
    path.ancestors()
        .find(|ancestor| !ancestor.as_os_str().is_empty() && ancestor.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `path` relative to the repository's top level, `/`-separated, empty for the top level
/// itself; `None` when it lies outside. The part of the path that exists is resolved (so that
/// symbolic links agree with git's top level); the rest, deleted in the working tree, is kept
/// as written.
fn repo_relative(toplevel: &Path, path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let existing = absolute.ancestors().find(|ancestor| ancestor.exists())?;
    let missing = absolute.strip_prefix(existing).ok()?;
    let resolved = existing.canonicalize().ok()?.join(missing);
    let mut parts = Vec::new();
    for component in resolved.strip_prefix(toplevel).ok()?.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_entries_name_regular_files_only() {
        assert_eq!(
            tree_file(b"100644 blob 0123abcd\tinfra/main.tf"),
            Some(("0123abcd", "infra/main.tf".to_owned()))
        );
        assert_eq!(
            tree_file(b"100755 blob 0123abcd\tmy dir/run.py"),
            Some(("0123abcd", "my dir/run.py".to_owned()))
        );
        assert_eq!(tree_file(b"120000 blob 0123abcd\tlink.tf"), None);
        assert_eq!(tree_file(b"160000 commit 0123abcd\tvendor/lib"), None);
        assert_eq!(tree_file(b""), None);
    }

    #[test]
    fn names_below_a_prefix() {
        assert_eq!(below("infra/main.tf", "infra"), Some("main.tf"));
        assert_eq!(below("infra/main.tf", "infra/main.tf"), Some(""));
        assert_eq!(below("infrastructure/main.tf", "infra"), None);
        assert_eq!(below("main.tf", ""), Some("main.tf"));
    }

    #[test]
    fn skipped_directories_below_the_linted_path() {
        assert!(in_skipped_directory("app/node_modules/p/index.ts"));
        assert!(in_skipped_directory(".terraform/modules/m/main.tf"));
        assert!(!in_skipped_directory("infra/main.tf"));
        assert!(!in_skipped_directory("node_modules"));
    }
}
