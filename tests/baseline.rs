//! `--baseline`, `--write-baseline` and `--new-only` on real temporary git repositories: a
//! repository adopts irlint with the findings it has, and a pull request sees only what it
//! brings.

use std::path::{Path, PathBuf};

mod support;

use support::{Run, irlint_without_colour, run};

/// The baseline's name in these tests, as the README suggests it: hidden, so that the walk does
/// not take it for a template.
const BASELINE: &str = ".irlint-baseline.json";

/// A Terraform module whose set has one region and no way to protect it (IRL004), with
/// `before` written above the set and `inside` in its body.
fn module(before: &str, inside: &str) -> String {
    format!(
        r#"{before}resource "aws_ssmincidents_replication_set" "main" {{
  region {{
    name = "us-east-1"
  }}
{inside}}}
"#
    )
}

/// A tag holding an e-mail address (IRL014).
const PERSONAL_TAG: &str = "  tags = {\n    Owner = \"alice@example.com\"\n  }\n";

/// A temporary git repository with a first commit.
struct Repo {
    dir: tempfile::TempDir,
    /// Where the work tree is, below `dir`, so that it can be moved.
    top: PathBuf,
}

impl Repo {
    fn new(files: &[(&str, &str)]) -> Repo {
        let dir = support::project(&[]);
        let top = dir.path().join("repository");
        std::fs::create_dir(&top).expect("the work tree is made");
        let repo = Repo { dir, top };
        support::git(&repo.top, &["init", "--quiet", "--initial-branch=main"]);
        for (path, text) in files {
            repo.write(path, text);
        }
        support::git(&repo.top, &["add", "--all"]);
        support::git(&repo.top, &["commit", "--quiet", "-m", "base"]);
        repo
    }

    fn write(&self, path: &str, text: &str) {
        support::write(&self.top, path, text);
    }

    /// Moves the work tree, with its `.git`, elsewhere in the temporary directory.
    fn move_to(&mut self, name: &str) {
        let moved = self.dir.path().join(name);
        std::fs::rename(&self.top, &moved).expect("the repository is moved");
        self.top = moved;
    }
}

/// irlint run in `dir` with `args`.
fn irlint(dir: &Path, args: &[&str]) -> Run {
    run(irlint_without_colour().current_dir(dir).args(args))
}

/// A JSON report of irlint run in `dir`, with its exit status.
fn report(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let run = irlint(dir, &[&["--format", "json"], args].concat());
    (run.code, run.json())
}

/// The rules of a report's findings, in order.
fn rules(report: &serde_json::Value) -> Vec<&str> {
    (report["findings"].as_array().into_iter().flatten())
        .map(|finding| finding["rule"].as_str().unwrap_or_default())
        .collect()
}

#[test]
fn a_baseline_leaves_out_what_it_holds_and_reports_what_is_new() {
    let repo = Repo::new(&[("main.tf", &module("", ""))]);
    let written = irlint(&repo.top, &["--write-baseline", BASELINE, "."]);
    // The findings are shown, and do not fail the run: they are in the baseline now.
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(
        written.stdout.contains("warning[IRL004]"),
        "{}",
        written.stdout
    );
    assert_eq!(
        written.stderr,
        format!("irlint: wrote 1 finding to the baseline {BASELINE}\n")
    );
    let baseline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.top.join(BASELINE)).expect("the baseline is written"),
    )
    .expect("the baseline is a JSON report");
    assert_eq!(rules(&baseline), ["IRL004"]);

    let (code, unchanged) = report(&repo.top, &["--baseline", BASELINE, "."]);
    assert_eq!((code, rules(&unchanged)), (0, vec![]));
    assert_eq!(unchanged["summary"]["baselined"], 1);
    // The walk passes over the hidden baseline: the module is the only file.
    assert_eq!(unchanged["summary"]["files"], 1);

    repo.write("main.tf", &module("", PERSONAL_TAG));
    let (_, changed) = report(&repo.top, &["--baseline", BASELINE, "."]);
    assert_eq!(rules(&changed), ["IRL014"]);
    assert_eq!(changed["summary"]["baselined"], 1);
    let text = irlint(&repo.top, &["--baseline", BASELINE, "."]);
    assert!(
        (text.stdout.lines()).any(|line| line
            == "Found 1 problem (1 warning) in 1 replication set across 1 file; 1 in the baseline."),
        "{}",
        text.stdout
    );
}

#[test]
fn a_sarif_log_is_a_baseline_too() {
    let repo = Repo::new(&[("main.tf", &module("", ""))]);
    let written = irlint(&repo.top, &["--format", "sarif", "-o", "irlint.sarif", "."]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    repo.write("main.tf", &module("", PERSONAL_TAG));
    let (_, changed) = report(&repo.top, &["--baseline", "irlint.sarif", "."]);
    assert_eq!(rules(&changed), ["IRL014"]);
    assert_eq!(changed["summary"]["baselined"], 1);
}

#[test]
fn a_fingerprint_held_once_absorbs_one_finding() {
    // us-east-1 listed twice is one IRL011 finding, three times two of the same fingerprint.
    let regions = |count: usize| "  region {\n    name = \"us-east-1\"\n  }\n".repeat(count);
    let repo = Repo::new(&[("main.tf", &module("", &regions(1)))]);
    irlint(&repo.top, &["--write-baseline", BASELINE, "."]);
    repo.write("main.tf", &module("", &regions(2)));
    let (_, changed) = report(&repo.top, &["--baseline", BASELINE, "."]);
    assert_eq!(rules(&changed), ["IRL011"]);
    assert_eq!(changed["summary"]["baselined"], 1);
}

#[test]
fn a_baseline_matches_from_any_directory_and_after_the_repository_moves() {
    let mut repo = Repo::new(&[("infra/incidents/main.tf", &module("", ""))]);
    irlint(&repo.top, &["--write-baseline", BASELINE, "infra"]);
    repo.move_to("moved");
    let infra = repo.top.join("infra/incidents");
    let baseline = repo.top.join(BASELINE);
    let baseline = baseline.to_str().expect("a UTF-8 path");
    for (dir, path) in [(&repo.top, "infra"), (&infra, "."), (&infra, "main.tf")] {
        let (code, found) = report(dir, &["--baseline", baseline, path]);
        assert_eq!(
            (code, rules(&found)),
            (0, vec![]),
            "{} {path}",
            dir.display()
        );
        assert_eq!(found["summary"]["baselined"], 1);
    }
}

#[test]
fn edits_around_a_finding_keep_it_in_the_baseline_and_a_rename_makes_it_new() {
    let repo = Repo::new(&[("main.tf", &module("", ""))]);
    irlint(&repo.top, &["--write-baseline", BASELINE, "."]);
    // Lines and a key above the set move it down; the finding stays the same one.
    let above = "# Incident Manager\n\nresource \"aws_kms_key\" \"spare\" {\n  description = \"spare\"\n}\n\n";
    repo.write("main.tf", &module(above, ""));
    let (_, moved) = report(&repo.top, &["--baseline", BASELINE, "."]);
    assert_eq!(rules(&moved), Vec::<&str>::new());
    assert_eq!(moved["summary"]["baselined"], 1);
    // A fingerprint names the resource: renamed, the set's finding is another.
    let renamed = module(above, "").replace("\"main\"", "\"incidents\"");
    repo.write("main.tf", &renamed);
    let (_, renamed) = report(&repo.top, &["--baseline", BASELINE, "."]);
    assert_eq!(rules(&renamed), ["IRL004"]);
    assert_eq!(renamed["summary"]["baselined"], 0);
}

#[test]
fn new_only_reports_what_the_change_brings() {
    let repo = Repo::new(&[("main.tf", &module("# infrastructure\n", ""))]);
    repo.write("main.tf", &module("", PERSONAL_TAG));
    let (_, everything) = report(&repo.top, &["--base", "main", "."]);
    assert_eq!(rules(&everything), ["IRL004", "IRL014"]);
    let (code, new) = report(&repo.top, &["--base", "main", "--new-only", "."]);
    assert_eq!((code, rules(&new)), (0, vec!["IRL014"]));
    assert_eq!(new["summary"]["already_at_base"], 1);
    let text = irlint(&repo.top, &["--base", "main", "--new-only", "."]);
    assert!(
        text.stdout.contains("; 1 already at the base revision."),
        "{}",
        text.stdout
    );
}

#[test]
fn new_only_leaves_the_change_rules_alone() {
    let repo = Repo::new(&[("main.tf", &module("", ""))]);
    // Two regions added in one deployment (IRL002, a change rule); the set's single region
    // (IRL004) is gone with them.
    let added =
        "  region {\n    name = \"us-west-2\"\n  }\n  region {\n    name = \"eu-west-1\"\n  }\n";
    repo.write("main.tf", &module("", added));
    let (_, everything) = report(&repo.top, &["--base", "main", "."]);
    let (_, new) = report(&repo.top, &["--base", "main", "--new-only", "."]);
    assert_eq!(rules(&everything), ["IRL002"]);
    assert_eq!(rules(&new), rules(&everything));
    // Deleted, the set is reported by IRL016 whatever the base held.
    std::fs::remove_file(repo.top.join("main.tf")).expect("the module is removed");
    let (_, deleted) = report(&repo.top, &["--base", "main", "--new-only", "."]);
    assert_eq!(rules(&deleted), ["IRL016"]);
}

#[test]
fn new_only_reports_what_a_suppression_removed_by_the_change_covered() {
    let suppressed = module("", "").replace(
        "resource",
        "# irlint: ignore[IRL004] a sandbox, recreated by the bootstrap\nresource",
    );
    let repo = Repo::new(&[("main.tf", &suppressed)]);
    repo.write("main.tf", &module("", ""));
    let (_, new) = report(&repo.top, &["--base", "main", "--new-only", "."]);
    assert_eq!(rules(&new), ["IRL004"]);
    assert_eq!(new["summary"]["already_at_base"], 0);
}

#[test]
fn an_unusable_baseline_is_a_usage_error_naming_it() {
    let repo = Repo::new(&[("main.tf", &module("", ""))]);
    repo.write("other.sarif", r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "tflint"}}, "results": []}]}"#);
    repo.write("broken.json", "{\"findings\": [");
    let cases = [
        ("missing.json", "--baseline missing.json: cannot read it"),
        (
            "other.sarif",
            "--baseline other.sarif: it is a SARIF log of `tflint`, not of irlint",
        ),
        (
            "broken.json",
            "--baseline broken.json: it is not a JSON report or SARIF log of irlint",
        ),
    ];
    for (path, message) in cases {
        let run = irlint(&repo.top, &["--baseline", path, "."]);
        assert_eq!(run.code, 2, "{path}");
        assert!(
            run.stderr.starts_with(&format!("error: {message}")),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "nothing is linted");
    }
    let without_base = irlint(&repo.top, &["--new-only", "."]);
    assert_eq!(without_base.code, 2);
    assert!(
        without_base.stderr.contains("--base <REV>"),
        "{}",
        without_base.stderr
    );
}
