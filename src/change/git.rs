//! The base revision of a change, read through the `git` command.
//!
//! `--base REV` compares the units in the working tree with the same paths as they were at
//! `REV`. `git ls-tree` lists the files below the linted paths at the revision and one
//! `git cat-file --batch` process per repository reads them all; nothing here writes, so the
//! working tree and the index are never touched. A file of the revision keeps the path it would
//! have in the working tree, so that discovery groups it into the same unit, and shows as
//! `REV:path/from/the/top/level`, which `git show` accepts.
//!
//! The tree is a pull request's, so git is only ever run in the repository that holds the
//! working directory (and in the submodules its tree records), never asked to discover one from
//! a linted path, and with everything that would let a repository run a command or change what
//! a revision holds switched off (see [`Repository::command`]).

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::thread::JoinHandle;

use crate::discover::{self, UnitPaths};
use crate::workspace::{Workspace, holds_git};

/// Why a revision cannot be read: a usage error.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("reading a revision needs the `git` command: {0}")]
    NoGit(io::Error),
    #[error(
        "the working directory {} is not in a git repository; run irlint from the repository, \
         or name it with --repo",
        .0.display()
    )]
    NotARepository(PathBuf),
    #[error("git does not read the repository at {}: {message}", .top.display())]
    Refused { top: PathBuf, message: String },
    #[error(
        "`{0}` is not a revision irlint accepts: name a branch, a tag or a commit, \
         optionally followed by `~N` or `^N` (not ranges, `^REV`, `:/text` or `@{{…}}`)"
    )]
    RevisionSyntax(String),
    #[error("`{revision}` is not a commit of the repository at {}{hint}", .top.display())]
    UnknownRevision {
        revision: String,
        top: PathBuf,
        hint: &'static str,
    },
    #[error(
        "the commit {commit} that `{revision}` records for the submodule {path} is not \
         in the submodule's clone: fetch it there (`git -C {path} fetch origin {commit}`), or \
         check out submodules with fetch-depth: 0"
    )]
    SubmoduleCommitMissing {
        revision: String,
        path: String,
        commit: String,
    },
    #[error("{} lies outside the repository at {}", .path.display(), .top.display())]
    OutsideRepository { path: PathBuf, top: PathBuf },
    #[error("git {command} failed: {message}")]
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

/// How deep submodules inside submodules are followed.
const MAX_SUBMODULE_DEPTH: usize = 8;

/// Variables that would point git at another repository, index or object store than the one
/// irlint chose.
const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_REPLACE_REF_BASE",
    "GIT_SHALLOW_FILE",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
];

/// A git repository, by the top of its work tree.
#[derive(Debug)]
struct Repository {
    top: PathBuf,
}

impl Repository {
    /// The repository whose work tree `top` is the top of (it holds `.git`). Git checks that the
    /// repository is safe to read (`safe.directory`) as it finds it.
    fn open(top: &Path) -> Result<Repository, GitError> {
        let repository = Repository {
            top: top.to_path_buf(),
        };
        let output = run(repository.command().args(["rev-parse", "--git-dir"]))?;
        if !output.status.success() {
            return Err(GitError::Refused {
                top: top.to_path_buf(),
                message: stderr_of(&output),
            });
        }
        Ok(repository)
    }

    /// git, run in the work tree's top, where it finds `.git` at once: the ceiling keeps it
    /// from looking anywhere else. Replace refs (which can make a commit read as any other
    /// tree), lazy fetches of missing objects (which run a promisor remote's commands), every
    /// transport, hooks and the file system monitor are switched off.
    fn command(&self) -> Command {
        let mut command = Command::new("git");
        for variable in REPOSITORY_VARIABLES {
            command.env_remove(variable);
        }
        let ceiling: OsString = self
            .top
            .parent()
            .map(|parent| parent.as_os_str().to_owned())
            .unwrap_or_default();
        command
            .current_dir(&self.top)
            .env("GIT_CEILING_DIRECTORIES", ceiling)
            .env("GIT_NO_REPLACE_OBJECTS", "1")
            .env("GIT_NO_LAZY_FETCH", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .args([
                "--no-replace-objects",
                "-c",
                "core.fsmonitor=false",
                "-c",
                "protocol.allow=never",
                "-c",
                "core.hooksPath=/dev/null",
            ])
            .stdin(Stdio::null());
        command
    }

    /// The commit a revision names, `None` when the repository has no such commit.
    fn commit(&self, revision: &str) -> Result<Option<String>, GitError> {
        let output = run(self.command().args([
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{revision}^{{commit}}"),
        ]))?;
        Ok(output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
    }

    /// Whether the clone is shallow, so that a missing commit may only not have been fetched.
    fn is_shallow(&self) -> bool {
        run(self
            .command()
            .args(["rev-parse", "--is-shallow-repository"]))
        .is_ok_and(|output| output.stdout.starts_with(b"true"))
    }

    /// `git ls-tree -z` with the options and paths given.
    fn ls_tree(&self, options: &[&str], tree: &str, paths: &[&str]) -> Result<Vec<u8>, GitError> {
        let output = run(self
            .command()
            .args(["--literal-pathspecs", "ls-tree", "-z"])
            .args(options)
            .arg(tree)
            .arg("--")
            .args(paths))?;
        if !output.status.success() {
            return Err(failed("ls-tree", stderr_of(&output)));
        }
        Ok(output.stdout)
    }

    /// Which of `names` (relative to the top) the ignore rules of the working tree leave out:
    /// the same `.gitignore` files, `.git/info/exclude` and global excludes file the walk of the
    /// working tree honours, whether or not git tracks the file.
    fn ignored(&self, names: &[&str]) -> Result<Vec<String>, GitError> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let input: Vec<u8> = names
            .iter()
            .flat_map(|name| name.bytes().chain([0]))
            .collect();
        let output = pipe(
            self.command()
                .args(["check-ignore", "--no-index", "-z", "--stdin"]),
            input,
        )?;
        // 1: nothing is ignored.
        if !matches!(output.status.code(), Some(0 | 1)) {
            return Err(failed("check-ignore", stderr_of(&output)));
        }
        Ok(output
            .stdout
            .split(|&byte| byte == 0)
            .filter(|name| !name.is_empty())
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect())
    }
}

fn run(command: &mut Command) -> Result<Output, GitError> {
    command.output().map_err(GitError::NoGit)
}

/// Runs `command` with `input` on its standard input, written while its output is read: writing
/// it all first could fill the pipe of answers and block both processes.
fn pipe(command: &mut Command, input: Vec<u8>) -> Result<Output, GitError> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::NoGit)?;
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A process that stops reading has said why on its standard error.
            let _ = stdin.write_all(&input);
        }
    });
    let output = child.wait_with_output().map_err(GitError::NoGit)?;
    let _ = writer.join();
    Ok(output)
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_owned()
}

/// Whether `revision` is a revision irlint passes to git: a name (a branch, a tag, a remote
/// branch, a commit id, `HEAD`) followed by any number of `~N` and `^N`. Git's other syntax
/// names ranges (`A..B`, `^A`), searches (`:/text`), reflogs (`@{…}`) or files (`REV:path`),
/// none of which is a base to compare with.
fn accepted_revision(revision: &str) -> bool {
    let name_end = revision.find(['~', '^']).unwrap_or(revision.len());
    let (name, suffixes) = revision.split_at(name_end);
    let name_ok = !name.is_empty()
        && !name.starts_with(['-', '/', '.'])
        && !name.ends_with(['/', '.'])
        && !name.contains("..")
        && !name.contains("//")
        && !name.contains("@{")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '@' | '+'));
    let suffixes_ok = suffixes
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '~' | '^'));
    name_ok && suffixes_ok
}

/// A file of the revision.
#[derive(Debug)]
struct Blob {
    /// The path from the top of the working directory's repository, as git spells it.
    name: String,
    object: String,
    /// The index of its repository in [`Snapshot::repositories`].
    repository: usize,
}

/// A linted path as one repository sees it.
#[derive(Clone, Debug)]
struct Linted {
    /// The path as the user named it.
    named: PathBuf,
    /// Where the part below `relative` lies in the working tree.
    working: PathBuf,
    /// The path from the top of the repository, `/`-separated, empty for the top itself.
    relative: String,
}

/// A linted path inside a submodule, and the submodule's entry in the tree that records it.
type InSubmodule = (Linted, TreeEntry);

/// The files below the linted paths as they were at a revision.
#[derive(Debug)]
pub struct Snapshot {
    /// The revision as the user named it.
    revision: String,
    /// The working directory's repository, then the submodules read.
    repositories: Vec<Repository>,
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

impl Snapshot {
    /// Lists the files of `paths` at `revision` in the workspace's repository.
    pub fn open(
        workspace: &Workspace,
        revision: &str,
        paths: &[PathBuf],
    ) -> Result<Snapshot, GitError> {
        let (repository, commit) = open_at(workspace, revision)?;
        let mut linted = Vec::with_capacity(paths.len());
        for path in paths {
            let relative = repo_relative(&repository.top, path).ok_or_else(|| {
                GitError::OutsideRepository {
                    path: path.clone(),
                    top: repository.top.clone(),
                }
            })?;
            linted.push(Linted {
                named: path.clone(),
                working: path.clone(),
                relative,
            });
        }
        let mut snapshot = Snapshot {
            revision: revision.to_owned(),
            repositories: vec![repository],
            blobs: HashMap::new(),
            named: Vec::new(),
            walked: Vec::new(),
            present: Vec::new(),
        };
        snapshot.list(0, &commit, "", linted, 0)?;
        Ok(snapshot)
    }

    /// Lists what `linted` holds in the tree of `commit` of a repository whose top is at
    /// `prefix` (`/`-terminated, empty for the working directory's repository), following the
    /// submodules the tree records.
    fn list(
        &mut self,
        repository: usize,
        commit: &str,
        prefix: &str,
        linted: Vec<Linted>,
        depth: usize,
    ) -> Result<(), GitError> {
        let (in_submodules, here) = self.split_by_submodule(repository, commit, linted)?;
        let mut submodules = in_submodules;
        if !here.is_empty() {
            let mut paths: Vec<&str> = here.iter().map(|linted| linted.relative.as_str()).collect();
            // The top level is every file; git refuses an empty pathspec.
            if paths.iter().any(|path| path.is_empty()) {
                paths.clear();
            }
            let listing = self.repositories[repository].ls_tree(&["-r"], commit, &paths)?;
            let mut found = Vec::new();
            for entry in listing.split(|&byte| byte == 0) {
                let Some(entry) = TreeEntry::parse(entry) else {
                    continue;
                };
                for linted in &here {
                    let Some(below) = below(&entry.name, &linted.relative) else {
                        continue;
                    };
                    if !below.is_empty() && discover::skips_by_name(below) {
                        continue;
                    }
                    match entry.kind {
                        EntryKind::File => {
                            found.push((linted.clone(), below.to_owned(), entry.clone()))
                        }
                        EntryKind::Submodule => submodules.push((
                            Linted {
                                named: linted.named.clone(),
                                working: if below.is_empty() {
                                    linted.working.clone()
                                } else {
                                    linted.working.join(below)
                                },
                                relative: String::new(),
                            },
                            entry.clone(),
                        )),
                    }
                }
            }
            let walked: Vec<&str> = found
                .iter()
                .filter(|(_, below, _)| !below.is_empty())
                .map(|(_, _, entry)| entry.name.as_str())
                .collect();
            let ignored: HashSet<String> = self.repositories[repository]
                .ignored(&walked)?
                .into_iter()
                .collect();
            for (linted, below, entry) in found {
                let working_path = if below.is_empty() {
                    self.named.push(linted.working.clone());
                    linted.working.clone()
                } else if ignored.contains(&entry.name) {
                    continue;
                } else {
                    let walked = linted.working.join(&below);
                    self.walked.push(walked.clone());
                    walked
                };
                if !self.present.contains(&linted.named) {
                    self.present.push(linted.named.clone());
                }
                self.blobs.insert(
                    working_path,
                    Blob {
                        name: format!("{prefix}{}", entry.name),
                        object: entry.object,
                        repository,
                    },
                );
            }
        }
        if depth >= MAX_SUBMODULE_DEPTH {
            return Ok(());
        }
        let mut by_submodule: Vec<(TreeEntry, Vec<Linted>)> = Vec::new();
        for (linted, entry) in submodules {
            match by_submodule
                .iter_mut()
                .find(|(known, _)| known.name == entry.name)
            {
                Some((_, list)) => list.push(linted),
                None => by_submodule.push((entry, vec![linted])),
            }
        }
        for (entry, linted) in by_submodule {
            let top = self.repositories[repository].top.join(&entry.name);
            // A submodule that is not checked out holds nothing in the working tree either.
            if !holds_git(&top) {
                continue;
            }
            let submodule = Repository::open(&top)?;
            if submodule.commit(&entry.object)?.is_none() {
                return Err(GitError::SubmoduleCommitMissing {
                    revision: self.revision.clone(),
                    path: format!("{prefix}{}", entry.name),
                    commit: entry.object,
                });
            }
            self.repositories.push(submodule);
            let index = self.repositories.len() - 1;
            let prefix = format!("{prefix}{}/", entry.name);
            self.list(index, &entry.object, &prefix, linted, depth + 1)?;
        }
        Ok(())
    }

    /// The linted paths that lie inside a submodule of the tree, each with its path inside it
    /// and the submodule's entry, and the others.
    fn split_by_submodule(
        &self,
        repository: usize,
        commit: &str,
        linted: Vec<Linted>,
    ) -> Result<(Vec<InSubmodule>, Vec<Linted>), GitError> {
        let ancestors: Vec<&str> = linted
            .iter()
            .flat_map(|linted| {
                linted
                    .relative
                    .match_indices('/')
                    .map(|(at, _)| &linted.relative[..at])
            })
            .collect();
        if ancestors.is_empty() {
            return Ok((Vec::new(), linted));
        }
        let listing = self.repositories[repository].ls_tree(&["-d"], commit, &ancestors)?;
        let submodules: Vec<TreeEntry> = listing
            .split(|&byte| byte == 0)
            .filter_map(TreeEntry::parse)
            .filter(|entry| entry.kind == EntryKind::Submodule)
            .collect();
        let mut inside = Vec::new();
        let mut here = Vec::new();
        for linted in linted {
            let holder = submodules.iter().find_map(|entry| {
                below(&linted.relative, &entry.name)
                    .filter(|rest| !rest.is_empty())
                    .map(|rest| (entry, rest.to_owned()))
            });
            match holder {
                Some((entry, rest)) => inside.push((
                    Linted {
                        relative: rest,
                        ..linted
                    },
                    entry.clone(),
                )),
                None => here.push(linted),
            }
        }
        Ok((inside, here))
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

    /// Starts reading the files, in this order, through one `git cat-file --batch` per
    /// repository.
    pub fn read<'a>(&self, paths: impl Iterator<Item = &'a Path>) -> Result<Blobs, GitError> {
        let mut order = VecDeque::new();
        let mut objects: Vec<Vec<String>> = vec![Vec::new(); self.repositories.len()];
        for path in paths {
            let blob = self
                .blobs
                .get(path)
                .ok_or_else(|| failed("cat-file", format!("{} is not listed", path.display())))?;
            order.push_back(blob.repository);
            objects[blob.repository].push(blob.object.clone());
        }
        let streams = objects
            .into_iter()
            .zip(&self.repositories)
            .map(|(objects, repository)| {
                (!objects.is_empty())
                    .then(|| Stream::start(repository, objects))
                    .transpose()
            })
            .collect::<Result<_, _>>()?;
        Ok(Blobs { streams, order })
    }
}

/// A file of a revision, read whole up to a limit.
#[derive(Debug)]
pub struct RevisionFile {
    /// Where it lies (or would lie) in the working tree, absolute.
    pub path: PathBuf,
    /// How reports name it: `origin/main:infra/irlint.toml`.
    pub name: String,
    /// Its contents, cut one byte past the limit, so that a file over it can be told.
    pub contents: Vec<u8>,
}

/// Every file called `file_name` in the tree of the working directory's repository at
/// `revision` (not in its submodules), each read up to `limit` bytes and one more.
pub fn files_named(
    workspace: &Workspace,
    revision: &str,
    file_name: &str,
    limit: u64,
) -> Result<Vec<RevisionFile>, GitError> {
    let (repository, commit) = open_at(workspace, revision)?;
    let top = repository.top.clone();
    let listing = repository.ls_tree(&["-r"], &commit, &[])?;
    let entries: Vec<TreeEntry> = listing
        .split(|&byte| byte == 0)
        .filter_map(TreeEntry::parse)
        .filter(|entry| {
            entry.kind == EntryKind::File && entry.name.rsplit('/').next() == Some(file_name)
        })
        .collect();
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let objects = entries.iter().map(|entry| entry.object.clone()).collect();
    let mut blobs = Blobs {
        order: entries.iter().map(|_| 0).collect(),
        streams: vec![Some(Stream::start(&repository, objects)?)],
    };
    let mut files = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut contents = Vec::new();
        blobs
            .next_blob()?
            .take(limit + 1)
            .read_to_end(&mut contents)
            .map_err(|error| failed("cat-file", error.to_string()))?;
        files.push(RevisionFile {
            path: top.join(&entry.name),
            name: format!("{revision}:{}", entry.name),
            contents,
        });
    }
    Ok(files)
}

/// The working directory's repository, and the commit `revision` names in it.
fn open_at(workspace: &Workspace, revision: &str) -> Result<(Repository, String), GitError> {
    let top = workspace
        .repository()
        .ok_or_else(|| GitError::NotARepository(workspace.current().to_path_buf()))?;
    let repository = Repository::open(top)?;
    let commit = resolve(&repository, revision)?;
    Ok((repository, commit))
}

/// The commit `revision` names in `repository`.
fn resolve(repository: &Repository, revision: &str) -> Result<String, GitError> {
    if !accepted_revision(revision) {
        return Err(GitError::RevisionSyntax(revision.to_owned()));
    }
    repository.commit(revision)?.ok_or_else(|| {
        let hint = if repository.is_shallow() {
            ": this clone is shallow, so it may only not have been fetched: fetch the base \
             commit (actions/checkout with fetch-depth: 0, or `git fetch origin <commit>`)"
        } else if revision.len() >= 7 && revision.chars().all(|c| c.is_ascii_hexdigit()) {
            ": fetch the base commit (`git fetch origin <commit>`)"
        } else {
            ""
        };
        GitError::UnknownRevision {
            revision: revision.to_owned(),
            top: repository.top.clone(),
            hint,
        }
    })
}

/// What a `git ls-tree` entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntryKind {
    File,
    Submodule,
}

/// An entry of `git ls-tree -z` (`<mode> <type> <object>\t<path>`) that irlint reads: a regular
/// file, or a submodule. Trees and symbolic links (which the walk of the working tree passes
/// over too) are not.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TreeEntry {
    kind: EntryKind,
    object: String,
    name: String,
}

impl TreeEntry {
    fn parse(entry: &[u8]) -> Option<TreeEntry> {
        let tab = entry.iter().position(|&byte| byte == b'\t')?;
        let meta = std::str::from_utf8(&entry[..tab]).ok()?;
        let name = String::from_utf8_lossy(&entry[tab + 1..]).into_owned();
        let fields: Vec<&str> = meta.split(' ').collect();
        let (kind, object) = match fields.as_slice() {
            [mode, "blob", object] if *mode != "120000" => (EntryKind::File, object),
            ["160000", "commit", object] => (EntryKind::Submodule, object),
            _ => return None,
        };
        Some(TreeEntry {
            kind,
            object: (*object).to_owned(),
            name,
        })
    }
}

/// One `git cat-file --batch` process and the thread that sends it its requests.
struct Stream {
    child: Child,
    output: BufReader<ChildStdout>,
    writer: Option<JoinHandle<io::Result<()>>>,
}

impl Stream {
    fn start(repository: &Repository, objects: Vec<String>) -> Result<Stream, GitError> {
        let mut child = repository
            .command()
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
        Ok(Stream {
            child,
            output: BufReader::new(stdout),
            writer: Some(writer),
        })
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // Ends git (and with it the writer) when not every answer was read.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// The contents of the files asked for, in order.
pub struct Blobs {
    /// A stream per repository, `None` for those no file is read from.
    streams: Vec<Option<Stream>>,
    /// The repository of each file still to be read.
    order: VecDeque<usize>,
}

impl Blobs {
    /// The next file, to be read from git as the caller needs it: a file larger than irlint
    /// reads is never held whole. Any failure is the repository's or git's, not the file's.
    pub fn next_blob(&mut self) -> Result<BlobReader<'_>, GitError> {
        let stream = self
            .order
            .pop_front()
            .and_then(|repository| self.streams.get_mut(repository))
            .and_then(Option::as_mut)
            .ok_or_else(|| failed("cat-file", "more files read than asked for"))?;
        let mut header = String::new();
        stream
            .output
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
            contents: (&mut stream.output).take(size),
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

/// `path` relative to the repository's top level, `/`-separated, empty for the top level
/// itself; `None` when it lies outside. The part of the path that exists is resolved (so that
/// symbolic links agree with the top level, which is resolved too); the rest, deleted in the
/// working tree, is kept as written.
fn repo_relative(top: &Path, path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let existing = absolute.ancestors().find(|ancestor| ancestor.exists())?;
    let missing = absolute.strip_prefix(existing).ok()?;
    let resolved = existing.canonicalize().ok()?.join(missing);
    let mut parts = Vec::new();
    for component in resolved.strip_prefix(top).ok()?.components() {
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

    fn entry(kind: EntryKind, object: &str, name: &str) -> Option<TreeEntry> {
        Some(TreeEntry {
            kind,
            object: object.to_owned(),
            name: name.to_owned(),
        })
    }

    #[test]
    fn tree_entries_name_regular_files_and_submodules() {
        assert_eq!(
            TreeEntry::parse(b"100644 blob 0123abcd\tinfra/main.tf"),
            entry(EntryKind::File, "0123abcd", "infra/main.tf")
        );
        assert_eq!(
            TreeEntry::parse(b"100755 blob 0123abcd\tmy dir/run.py"),
            entry(EntryKind::File, "0123abcd", "my dir/run.py")
        );
        assert_eq!(
            TreeEntry::parse(b"160000 commit 0123abcd\tvendor/lib"),
            entry(EntryKind::Submodule, "0123abcd", "vendor/lib")
        );
        assert_eq!(TreeEntry::parse(b"120000 blob 0123abcd\tlink.tf"), None);
        assert_eq!(TreeEntry::parse(b"040000 tree 0123abcd\tinfra"), None);
        assert_eq!(TreeEntry::parse(b""), None);
    }

    #[test]
    fn names_below_a_prefix() {
        assert_eq!(below("infra/main.tf", "infra"), Some("main.tf"));
        assert_eq!(below("infra/main.tf", "infra/main.tf"), Some(""));
        assert_eq!(below("infrastructure/main.tf", "infra"), None);
        assert_eq!(below("main.tf", ""), Some("main.tf"));
    }

    #[test]
    fn revisions_are_names_with_ancestry_suffixes() {
        for accepted in [
            "HEAD",
            "HEAD~2",
            "HEAD^",
            "HEAD^2~1",
            "origin/main",
            "refs/remotes/origin/release-1.2",
            "v1.0.0",
            "0123abcd",
            "3f1c0a0e3d9b5e44a8a0c2d8e0e3f6b1a2c3d4e5",
            "feature/x+y",
            "@",
        ] {
            assert!(accepted_revision(accepted), "{accepted}");
        }
        for refused in [
            "",
            "^HEAD",
            "-rf",
            "--output=x",
            "main..feature",
            "main...feature",
            ":/fix",
            "HEAD:infra/main.tf",
            "@{-1}",
            "main@{yesterday}",
            "HEAD^{tree}",
            "a b",
            "main~x",
            "/main",
            "main/",
        ] {
            assert!(!accepted_revision(refused), "{refused}");
        }
    }
}
