//! A pull request can add an `irlint.toml` that switches rules off or excludes every file: the
//! reports say which configuration files applied and what they changed, and `--config-from`
//! takes them from the base revision instead.

use crate::git::{Repo, TEMPLATE};

/// The base holds a configuration that raises IRL004 to an error; the pull request replaces it
/// with one that switches IRL004 off and excludes every file, and adds one below.
fn pull_request() -> (Repo, String) {
    let repo = Repo::new();
    repo.write(
        "infra/single.yaml",
        &TEMPLATE
            .replace("        - RegionName: us-west-2\n", "")
            .replace("      DeletionProtected: true\n", ""),
    );
    repo.write("irlint.toml", "[rules.IRL004]\nlevel = \"error\"\n");
    repo.commit("configured");
    let base = repo.head();
    repo.write(
        "irlint.toml",
        "ignore = [\"IRL004\", \"IRL014\"]\nexclude = [\"**/*.yaml\"]\n\
         [[per-path]]\npaths = [\"legacy\"]\nignore = [\"IRL009\"]\n",
    );
    repo.commit("the pull request");
    (repo, base)
}

#[test]
fn reports_name_the_configuration_and_what_it_switched_off() {
    let (repo, _) = pull_request();
    let run = repo.lint(&["--format", "json", "."]);
    let report = run.json();
    assert_eq!(report["findings"], serde_json::json!([]), "{}", run.stdout);
    assert_eq!(
        report["configurations"],
        serde_json::json!([{
            "path": "irlint.toml",
            "units": 2,
            "files_excluded": 2,
            "rules_off": ["IRL004", "IRL014"],
            "rules_off_on_some_paths": ["IRL009"],
            "levels": {},
        }])
    );
    let run = repo.lint(&["--format", "sarif", "."]);
    assert_eq!(
        run.json()["runs"][0]["properties"]["configurations"][0]["rules_off"],
        serde_json::json!(["IRL004", "IRL014"])
    );
    let run = repo.lint(&["."]);
    assert!(
        run.stdout
            .contains("irlint.toml applied to 2 units: rules off: IRL004, IRL014"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 files excluded"), "{}", run.stdout);
}

#[test]
fn config_from_the_base_ignores_the_pull_requests_configuration() {
    let (repo, base) = pull_request();
    let run = repo.lint(&["--format", "json", "--config-from", &base, "."]);
    let report = run.json();
    let findings: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().expect("a rule"),
                finding["level"].as_str().expect("a level"),
            )
        })
        .collect();
    assert_eq!(findings, [("IRL004", "error")], "{}", run.stdout);
    assert_eq!(run.code, 1);
    assert_eq!(
        report["configurations"][0]["path"],
        format!("{base}:irlint.toml")
    );
    // With --base too, and a revision that is not a commit.
    let run = repo.lint(&[
        "--base",
        &base,
        "--config-from",
        &base,
        "--format",
        "json",
        ".",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = repo.lint(&["--config-from", "no-such-branch", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--config-from: `no-such-branch` is not a commit"),
        "{}",
        run.stderr
    );
}
