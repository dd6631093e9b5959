//! Symbolic links a pull request commits: irlint reads nothing outside the repository (the
//! working directory outside git) through them, and writes its report through none.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::git::irlint_with_home;
use crate::support::{self, Run};

/// A template with a finding (IRL004) whose region names the file it came from.
fn template(region_comment: &str) -> String {
    format!(
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      \
         Regions:\n        - RegionName: us-east-1 # {region_comment}\n"
    )
}

/// A repository (a directory holding `.git`) beside a directory outside it, which holds a
/// template and a configuration that must never be read.
struct Layout {
    dir: tempfile::TempDir,
}

impl Layout {
    fn new() -> Layout {
        let dir = support::project(&[
            ("outside/t.yaml", &template("OUTSIDE-TEMPLATE")),
            (
                "outside/irlint.toml",
                "ignore = [\"OUTSIDE-SECRET-VALUE\"]\n",
            ),
        ]);
        let layout = Layout { dir };
        std::fs::create_dir_all(layout.repo().join(".git")).expect("a repository");
        layout
    }

    fn repo(&self) -> std::path::PathBuf {
        self.dir.path().join("repo")
    }

    fn outside(&self) -> std::path::PathBuf {
        self.dir.path().join("outside")
    }

    fn lint(&self, args: &[&str]) -> Run {
        irlint_with_home(&self.repo(), self.dir.path(), args)
    }
}

fn assert_nothing_from_outside(run: &Run) {
    for leaked in ["OUTSIDE-TEMPLATE", "OUTSIDE-SECRET-VALUE"] {
        assert!(
            !run.stdout.contains(leaked) && !run.stderr.contains(leaked),
            "{leaked} was read: {}{}",
            run.stdout,
            run.stderr
        );
    }
}

#[test]
fn a_linted_path_linked_out_of_the_repository_is_a_usage_error() {
    let layout = Layout::new();
    symlink(layout.outside(), layout.repo().join("infra")).expect("a link");
    symlink("/", layout.repo().join("root")).expect("a link");
    for path in ["infra", "root", "infra/t.yaml"] {
        let run = layout.lint(&[path]);
        assert_eq!(run.code, 2, "{path}: {}", run.stdout);
        assert!(
            run.stderr.contains(path) && run.stderr.contains("symbolic link"),
            "{path}: {}",
            run.stderr
        );
        assert_nothing_from_outside(&run);
    }
}

#[test]
fn a_link_inside_the_repository_is_followed_and_one_below_a_linted_directory_is_not() {
    let layout = Layout::new();
    let real = layout.repo().join("real");
    std::fs::create_dir_all(&real).expect("a directory");
    support::write(&real, "t.yaml", template("inside"));
    symlink("real", layout.repo().join("infra")).expect("a link");
    let run = layout.lint(&["--format", "json", "infra"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("IRL004"), "{}", run.stdout);
    // The walk never follows links: neither out of the repository nor within it.
    symlink(layout.outside(), real.join("elsewhere")).expect("a link");
    let run = layout.lint(&["--format", "json", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_nothing_from_outside(&run);
}

#[test]
fn a_configuration_linked_out_of_the_repository_is_refused_unread() {
    let layout = Layout::new();
    support::write(&layout.repo(), "t.yaml", template("inside"));
    for target in [
        layout.outside().join("irlint.toml"),
        Path::new("/proc/self/pagemap").to_path_buf(),
    ] {
        let link = layout.repo().join("irlint.toml");
        let _ = std::fs::remove_file(&link);
        symlink(&target, &link).expect("a link");
        let run = layout.lint(&["t.yaml"]);
        assert_eq!(run.code, 2, "{}: {}", target.display(), run.stdout);
        assert!(
            run.stderr.contains("irlint.toml") && run.stderr.contains("symbolic link"),
            "{}",
            run.stderr
        );
        assert_nothing_from_outside(&run);
    }
    // Outside git, the working directory is the boundary.
    std::fs::remove_dir(layout.repo().join(".git")).expect("no longer a repository");
    let run = layout.lint(&["t.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_nothing_from_outside(&run);
}

#[test]
fn a_configuration_is_read_no_further_than_its_limit() {
    let layout = Layout::new();
    support::write(&layout.repo(), "t.yaml", template("inside"));
    let large = format!("exclude = [{}]\n", "\"x\", ".repeat(300_000));
    support::write(&layout.repo(), "irlint.toml", large);
    let run = layout.lint(&["t.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("larger than"), "{}", run.stderr);
    // Named with --config, a file anywhere is read, within the same limit (reading pagemap may
    // also fail at once, depending on the kernel).
    let run = layout.lint(&["--config", "/proc/self/pagemap", "t.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pagemap"), "{}", run.stderr);
}

#[test]
fn the_report_is_never_written_through_a_link() {
    let layout = Layout::new();
    support::write(&layout.repo(), "t.yaml", template("inside"));
    let victim = layout.outside().join("victim");
    std::fs::write(&victim, "untouched\n").expect("written");
    symlink(&victim, layout.repo().join("irlint.sarif")).expect("a link");
    let run = layout.lint(&["--format", "sarif", "--output", "irlint.sarif", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("irlint.sarif") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "untouched\n"
    );
    // A regular file is replaced whole, and a new one written.
    std::fs::remove_file(layout.repo().join("irlint.sarif")).expect("removed");
    support::write(&layout.repo(), "irlint.sarif", "x".repeat(100_000));
    for _ in 0..2 {
        let run = layout.lint(&["--format", "json", "--output", "irlint.sarif", "."]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let written = std::fs::read_to_string(layout.repo().join("irlint.sarif")).expect("read");
        serde_json::from_str::<serde_json::Value>(&written).expect("the whole report");
    }
    // A device no commit can hold is written to as it is.
    let run = layout.lint(&["--format", "json", "--output", "/dev/null", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let leftovers = std::fs::read_dir(layout.repo())
        .expect("listed")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(".irlint"))
        .count();
    assert_eq!(leftovers, 0);
}
