//! What several test suites need alike: one way to run the binary and read what it printed, to
//! write a temporary project, and to run git. Where `../shared` is (or that it is absent) is in
//! `shared.rs` beside this file, which the suites that read it include on their own.

// Each suite includes this file and uses only some of it: what one suite leaves unused is not
// dead code.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The irlint binary Cargo built for the tests.
const BINARY: &str = env!("CARGO_BIN_EXE_irlint");

/// The irlint binary, run from the checkout's root (the suites name `examples/` and
/// `test-corpus/` from there; `current_dir` moves it) and without the developer's `NO_COLOR`,
/// so that a test's `--color` alone decides.
pub fn irlint() -> Command {
    irlint_through::<&str>(&[])
}

/// [`irlint`] started by `wrapper`, a command line given the binary and its arguments after its
/// own ([`limit_memory`], `setpriv …` to run it as another user).
pub fn irlint_through<S: AsRef<OsStr>>(wrapper: &[S]) -> Command {
    Command::from_std(irlint_process(wrapper))
}

/// [`irlint_through`] as the standard library's command, for a test that talks with the binary
/// while it runs (the language server) or stops reading its output early.
pub fn irlint_process<S: AsRef<OsStr>>(wrapper: &[S]) -> Process {
    let mut command = match wrapper.split_first() {
        Some((program, wrapper_args)) => {
            let mut command = Process::new(program);
            command.args(wrapper_args).arg(BINARY);
            command
        }
        None => Process::new(BINARY),
    };
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    command
}

/// What a bounded run may use, in KiB: 200 MiB, plus the stacks of the worker threads (rayon's
/// and the file walker's, one each per core, 2 MiB each), which the limit counts though they are
/// hardly touched. Reading a 50 MB template whole took about 1 GB; before the language server
/// bounded `Content-Length`, a claim of 1 GB had it allocate 1 GB.
pub fn memory_limit_kib() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (200 + 4 * cores) * 1024
}

/// A wrapper for [`irlint_through`]: a shell that limits the binary's data segment to
/// [`memory_limit_kib`] (`ulimit -d`, `RLIMIT_DATA`, which counts the heap and every private
/// writable mapping), then becomes the binary (`$0`), so that an allocation past the limit
/// fails and the run aborts. The limit is Linux's: elsewhere `ulimit -d` may count less.
pub fn limit_memory() -> [String; 3] {
    [
        "sh".to_owned(),
        "-c".to_owned(),
        format!("ulimit -d {} && exec \"$0\" \"$@\"", memory_limit_kib()),
    ]
}

/// [`irlint`] with `--color never`, for the tests that read the text report as text.
pub fn irlint_without_colour() -> Command {
    let mut command = irlint();
    command.args(["--color", "never"]);
    command
}

/// What a run of irlint printed, how it exited and how long it took.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// From its start to its end.
    pub elapsed: Duration,
}

impl Run {
    /// The report on standard output, parsed (`--format json`); fails the test, with both
    /// outputs, when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("{error}: {}\n{}", self.stdout, self.stderr))
    }

    /// [`Run::json`], or `Null` when the run printed nothing, as a usage error does.
    pub fn report(&self) -> serde_json::Value {
        match self.stdout.is_empty() {
            true => serde_json::Value::Null,
            false => self.json(),
        }
    }
}

/// `irlint --format json ARGS` run in `dir`, and its report ([`Run::report`]).
pub fn lint_json(dir: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let run = run(irlint()
        .current_dir(dir)
        .args(["--format", "json"])
        .args(args));
    let report = run.report();
    (run, report)
}

/// Runs `command` to its end, which must be an exit code: a run a signal ends (as when an
/// allocation passes a memory limit or the stack overflows) fails the test. Every byte printed
/// must be UTF-8.
pub fn run(command: &mut Command) -> Run {
    run_bounded(command, None)
}

/// [`run`], the run killed, and the test failed, when it is still running after `deadline`.
pub fn run_within(command: &mut Command, deadline: Duration) -> Run {
    run_bounded(command.timeout(deadline), Some(deadline))
}

fn run_bounded(command: &mut Command, deadline: Option<Duration>) -> Run {
    let started = Instant::now();
    let output = command.output().expect("irlint runs");
    let elapsed = started.elapsed();
    let Some(code) = output.status.code() else {
        if let Some(deadline) = deadline.filter(|deadline| elapsed >= *deadline) {
            panic!("{command:?}: still running after {deadline:?}, killed");
        }
        panic!(
            "{command:?}: ended by a signal ({}) after {elapsed:?}, as when an allocation \
             passes the memory limit or the stack overflows:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    };
    Run {
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
        code,
        elapsed,
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
/// machine and on a developer's; what it printed on standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
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
    String::from_utf8(output.stdout).expect("UTF-8 from git")
}
