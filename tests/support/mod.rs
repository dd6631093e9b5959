//! What several test suites need alike. Where `../shared` is (or that it is absent) is in
//! `shared.rs` beside this file, which the suites that read it include on their own.

use std::path::Path;
use std::process::Command;

/// Runs git in `dir` with a configuration of its own, so that the tests run alike on a fresh
/// machine and on a developer's.
pub fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
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
