//! `--base` reads a repository a pull request has written into: it must never run what the
//! pull request planted, never read another repository than the working directory's, and never
//! let the pull request change what the base revision holds.

use std::path::Path;
use std::process::Command;

use crate::support::{self, Run};

/// A template with one replication set, of two regions.
pub const TEMPLATE: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      DeletionProtected: true
      Regions:
        - RegionName: us-east-1
        - RegionName: us-west-2
";

/// Runs irlint in `dir` with a git configuration of the test's own (`HOME` for the global
/// one), as CI runs it.
pub fn irlint_with_home(dir: &Path, home: &Path, args: &[&str]) -> Run {
    support::run(
        support::irlint()
            .args(args)
            .current_dir(dir)
            .env("HOME", home)
            .env_remove("GIT_CONFIG_GLOBAL")
            .env("GIT_CONFIG_NOSYSTEM", "1"),
    )
}

/// A repository whose first commit holds `infra/set.yaml`, and an empty home directory.
pub struct Repo {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let dir = support::project(&[]);
        let home = support::project(&[]);
        support::git(dir.path(), &["init", "--quiet", "--initial-branch=main"]);
        let repo = Repo { dir, home };
        repo.write("infra/set.yaml", TEMPLATE);
        repo.commit("base");
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) {
        support::write(self.path(), name, text);
    }

    pub fn commit(&self, message: &str) {
        support::git(self.path(), &["add", "--all"]);
        support::git(self.path(), &["commit", "--quiet", "-m", message]);
    }

    pub fn head(&self) -> String {
        support::git(self.path(), &["rev-parse", "HEAD"])
            .trim()
            .to_owned()
    }

    pub fn lint(&self, args: &[&str]) -> Run {
        irlint_with_home(self.path(), self.home.path(), args)
    }
}

/// The rule ids of a JSON report's findings.
fn rules_of(run: &Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| finding["rule"].as_str().expect("a rule id").to_owned())
        .collect()
}

/// Makes `directory` of the working tree look like a git directory, its own work tree, whose
/// configuration runs a command (which creates `marker`) when git fetches a missing object
/// lazily from its promisor remote, or when it runs a hook or the file system monitor.
fn plant_git_directory(repo: &Repo, directory: &str, marker: &Path) {
    let command = format!("touch '{}'", marker.display());
    let planted = repo.path().join(directory);
    repo.write(&format!("{directory}/HEAD"), "ref: refs/heads/main\n");
    repo.write(
        &format!("{directory}/config"),
        &format!(
            "[core]\n\trepositoryformatversion = 1\n\tbare = false\n\tworktree = {}\n\
             \tfsmonitor = {command}\n\thooksPath = hooks\n\
             [extensions]\n\tpartialClone = origin\n\
             [remote \"origin\"]\n\turl = {}\n\tpromisor = true\n\tuploadpack = {command}; false\n",
            planted.display(),
            planted.display()
        ),
    );
    repo.write(&format!("{directory}/objects/info/.keep"), "");
    repo.write(&format!("{directory}/refs/heads/.keep"), "");
    repo.write(
        &format!("{directory}/hooks/post-checkout"),
        &format!("#!/bin/sh\n{command}\n"),
    );
}

#[test]
fn a_planted_git_directory_runs_nothing() {
    let repo = Repo::new();
    let base = repo.head();
    plant_git_directory(&repo, "infra", &repo.path().join("PWNED"));
    repo.commit("a pull request");
    // What the action runs, with `paths: infra`.
    let run = repo.lint(&[
        "--base",
        &base,
        "--format",
        "sarif",
        "--output",
        "irlint.sarif",
        "--",
        "infra",
    ]);
    assert!(
        !repo.path().join("PWNED").exists(),
        "the planted command ran: {}",
        run.stderr
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // And from inside the planted directory: the repository is still the one above it.
    let run = irlint_with_home(
        &repo.path().join("infra"),
        repo.home.path(),
        &["--base", &base, "--format", "json", "."],
    );
    assert!(!repo.path().join("PWNED").exists(), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn replace_refs_and_alternates_do_not_change_the_base() {
    let repo = Repo::new();
    let base = repo.head();
    // The pull request deletes the set, and steers git to read the base as an empty tree: a
    // replace ref of the base commit in a planted git directory, objects from elsewhere.
    std::fs::remove_file(repo.path().join("infra/set.yaml")).expect("the set is deleted");
    repo.write("infra/README.md", "nothing here\n");
    support::git(repo.path(), &["add", "--all"]);
    support::git(
        repo.path(),
        &["commit", "--quiet", "-m", "delete the replication set"],
    );
    let empty_tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    let fake = support::git(repo.path(), &["commit-tree", empty_tree, "-m", "fake"])
        .trim()
        .to_owned();
    repo.write("infra/HEAD", "ref: refs/heads/main\n");
    repo.write(
        "infra/config",
        &format!(
            "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = {}\n",
            repo.path().join("infra").display()
        ),
    );
    repo.write(&format!("infra/refs/replace/{base}"), &format!("{fake}\n"));
    repo.write(
        "infra/objects/info/alternates",
        &format!("{}\n", repo.path().join(".git/objects").display()),
    );
    // The same in the repository itself: the user's clone may carry replace refs too.
    support::git(repo.path(), &["replace", &base, &fake]);
    let run = repo.lint(&["--base", &base, "--format", "json", "infra"]);
    // The deleted set was protected: IRL021 too.
    assert_eq!(rules_of(&run), ["IRL016", "IRL021"], "{}", run.stderr);
}

#[test]
fn a_checkout_with_safe_directory_in_the_global_configuration_still_works() {
    let repo = Repo::new();
    let base = repo.head();
    repo.write(
        "infra/set.yaml",
        &TEMPLATE.replace("us-west-2", "eu-west-1"),
    );
    // As actions/checkout leaves it: the workspace marked safe in the global configuration.
    std::fs::write(
        repo.home.path().join(".gitconfig"),
        format!("[safe]\n\tdirectory = {}\n", repo.path().display()),
    )
    .expect("a global configuration");
    let run = repo.lint(&["--base", &base, "--format", "json", "infra"]);
    assert_eq!(rules_of(&run), ["IRL002"], "{}", run.stderr);
    // Owned by another user, the repository is read only because of that configuration.
    if !is_root() {
        return;
    }
    let chown = Command::new("chown")
        .args(["-R", "12345:12345"])
        .arg(repo.path())
        .status()
        .expect("chown runs");
    assert!(chown.success());
    let run = repo.lint(&["--base", &base, "--format", "json", "infra"]);
    assert_eq!(rules_of(&run), ["IRL002"], "{}", run.stderr);
    std::fs::remove_file(repo.home.path().join(".gitconfig")).expect("removed");
    let run = repo.lint(&["--base", &base, "--format", "json", "infra"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("safe.directory"), "{}", run.stderr);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

#[test]
fn linted_paths_must_lie_in_the_working_directorys_repository() {
    let repo = Repo::new();
    let other = Repo::new();
    let run = repo.lint(&[
        "--base",
        "HEAD",
        other.path().join("infra").to_str().expect("UTF-8"),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("lies outside the repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_shallow_clone_without_the_base_says_to_fetch_it() {
    let origin = Repo::new();
    let first = origin.head();
    origin.write("infra/other.yaml", TEMPLATE);
    origin.commit("second");
    let clone = support::project(&[]);
    let url = format!("file://{}", origin.path().display());
    support::git(
        clone.path(),
        &["clone", "--quiet", "--depth=1", &url, "shallow"],
    );
    let run = irlint_with_home(
        &clone.path().join("shallow"),
        origin.home.path(),
        &["--base", &first, "."],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
}

#[test]
fn files_in_a_submodule_are_read_at_the_commit_the_base_records() {
    let library = Repo::new();
    let top = Repo::new();
    let url = library.path().to_str().expect("UTF-8").to_owned();
    support::git(
        top.path(),
        &[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "--quiet",
            &url,
            "vendored",
        ],
    );
    top.commit("add the submodule");
    let base = top.head();
    // The submodule moves on to a commit that deletes the set, and the pull request takes it.
    std::fs::remove_file(library.path().join("infra/set.yaml")).expect("deleted");
    library.write("infra/README.md", "moved\n");
    library.commit("delete the set");
    support::git(
        &top.path().join("vendored"),
        &["-c", "protocol.file.allow=always", "pull", "--quiet"],
    );
    top.commit("update the submodule");
    for path in ["vendored", "vendored/infra", "."] {
        let run = top.lint(&["--base", &base, "--format", "json", path]);
        // The deleted set was protected: IRL021 too.
        assert_eq!(
            rules_of(&run),
            ["IRL016", "IRL021"],
            "{path}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_base_skips_what_the_walk_skips() {
    let repo = Repo::new();
    repo.write(".infra/set.yaml", TEMPLATE);
    repo.write("ignored/set.yaml", TEMPLATE);
    repo.write("node_modules/p/set.yaml", TEMPLATE);
    repo.write(".gitignore", "ignored/\n");
    support::git(repo.path(), &["add", "--all", "--force"]);
    support::git(repo.path(), &["commit", "--quiet", "-m", "more"]);
    let run = repo.lint(&["--base", "HEAD", "--format", "json", "."]);
    assert_eq!(rules_of(&run), Vec::<String>::new(), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(replication_sets(&run), 1, "{}", run.stdout);
    // Named, a hidden directory is linted on both sides alike.
    let run = repo.lint(&["--base", "HEAD", "--format", "json", ".infra"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(replication_sets(&run), 1, "{}", run.stdout);
}

fn replication_sets(run: &Run) -> u64 {
    run.json()["summary"]["replication_sets"]
        .as_u64()
        .expect("a count")
}
