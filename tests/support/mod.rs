//! What several test suites need alike: one way to run the binary and read what it printed, to
//! write a temporary project, and to run git. Where `../shared` is (or that it is absent) is in
//! `shared.rs` beside this file, which the suites that read it include on their own.

// Each suite includes this file and uses only some of it (the hostile suite only `git` and
// `write`): what one suite leaves unused is not dead code.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// The irlint binary, run from the checkout's root (the suites name `examples/` and
/// `test-corpus/` from there; `current_dir` moves it) and without the developer's `NO_COLOR`,
/// so that a test's `--color` alone decides.
pub fn irlint() -> Command {
    let mut command = Command::cargo_bin("irlint").expect("the irlint binary is built");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    command
}

/// [`irlint`] with `--color never`, for the tests that read the text report as text.
pub fn irlint_without_colour() -> Command {
    let mut command = irlint();
    command.args(["--color", "never"]);
    command
}

/// What a run of irlint printed, and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// The report on standard output, parsed (`--format json`); fails the test, with both
    /// outputs, when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("{error}: {}\n{}", self.stdout, self.stderr))
    }
}

/// Runs `command` to its end.
pub fn run(command: &mut Command) -> Run {
    let output = command.output().expect("irlint runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
        code: output.status.code().expect("an exit code"),
    }
}

/// A temporary directory holding `files`, each a path below it and its text.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// Writes `contents` to `path` below `dir`, making the directories it needs; where it wrote.
pub fn write(dir: &Path, path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("a directory for the file");
    }
    std::fs::write(&path, contents).expect("the file is written");
    path
}

/// Runs git in `dir` with a configuration of its own, so that the tests run alike on a fresh
/// machine and on a developer's.
pub fn git(dir: &Path, args: &[&str]) {
    let output = Process::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args([
            "-c",
            "user.name=irlint tests",
            "-c",
            "user.email=tests@irlint.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
