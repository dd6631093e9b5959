//! `irlint.toml` end to end: discovery, every key, errors with their line, `--config` and
//! `--init`.

use std::path::Path;

use serde_json::Value;

mod support;

/// A CloudFormation template with a single region and no deletion protection: IRL004, a warning.
const SINGLE_REGION: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
";

/// Two regions, neither of which may be the stack's: IRL003 once the stack's region is known.
const STACK_REGION: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
        - RegionName: us-west-2
";

/// A temporary tree that is the top of a git repository, so that discovery stops there.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = support::project(files);
    std::fs::create_dir(dir.path().join(".git")).expect(".git created");
    dir
}

/// What a JSON report said.
struct Reported {
    /// `RULE level path:line` of each finding.
    findings: Vec<String>,
    summary: Value,
    code: i32,
    stderr: String,
}

/// `irlint --format json ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> Reported {
    let (support::Run { stderr, code, .. }, report) = support::lint_json(dir, args);
    let mut findings: Vec<String> = report["findings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|finding| {
            format!(
                "{} {} {}:{}",
                finding["rule"].as_str().unwrap_or_default(),
                finding["level"].as_str().unwrap_or_default(),
                finding["path"].as_str().unwrap_or_default(),
                finding["start"]["line"]
            )
        })
        .collect();
    findings.sort();
    Reported {
        findings,
        summary: report["summary"].clone(),
        code,
        stderr,
    }
}

#[test]
fn the_nearest_configuration_applies_to_the_units_below_it() {
    let dir = tree(&[
        ("irlint.toml", "ignore = [\"IRL004\"]\n"),
        ("quiet/set.yaml", SINGLE_REGION),
        ("loud/irlint.toml", "[rules.IRL004]\nlevel = \"note\"\n"),
        ("loud/set.yaml", SINGLE_REGION),
        ("loud/deeper/set.yaml", SINGLE_REGION),
    ]);
    let run = run(dir.path(), &["."]);
    assert_eq!(
        run.findings,
        [
            "IRL004 note loud/deeper/set.yaml:6",
            "IRL004 note loud/set.yaml:6"
        ],
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0);
}

#[test]
fn discovery_stops_at_the_top_of_the_repository() {
    let dir = tree(&[("irlint.toml", "ignore = [\"IRL004\"]\n")]);
    let inner = dir.path().join("inner");
    std::fs::create_dir_all(inner.join(".git")).expect("nested repository");
    std::fs::write(inner.join("set.yaml"), SINGLE_REGION).expect("written");
    assert_eq!(run(&inner, &["."]).findings, ["IRL004 warning set.yaml:6"]);
}

#[test]
fn select_and_ignore_choose_the_rules() {
    let dir = tree(&[("set.yaml", SINGLE_REGION)]);
    let config = dir.path().join("irlint.toml");
    std::fs::write(
        &config,
        "select = [\"IRL001\", \"IRL004\"]\nignore = [\"IRL001\"]\n",
    )
    .expect("written");
    assert_eq!(
        run(dir.path(), &["."]).findings,
        ["IRL004 warning set.yaml:6"]
    );
    std::fs::write(&config, "select = [\"mixed-key-types\"]\n").expect("written");
    assert!(run(dir.path(), &["."]).findings.is_empty());
}

#[test]
fn the_rules_about_suppressions_are_configured_like_the_others() {
    let suppressed = SINGLE_REGION.replace(
        "  Set:\n",
        "  # irlint: ignore[IRL004]\n  Set:\n  # irlint: ignore[IRL001] nothing to suppress\n",
    );
    let dir = tree(&[("set.yaml", &suppressed)]);
    assert_eq!(
        run(dir.path(), &["."]).findings,
        ["IRL900 warning set.yaml:2", "IRL901 warning set.yaml:4"]
    );
    std::fs::write(
        dir.path().join("irlint.toml"),
        "ignore = [\"IRL901\"]\n[rules.IRL900]\nlevel = \"error\"\n",
    )
    .expect("written");
    let configured = run(dir.path(), &["."]);
    assert_eq!(configured.findings, ["IRL900 error set.yaml:2"]);
    assert_eq!(configured.code, 1);
}

#[test]
fn a_level_override_changes_the_exit_status() {
    let dir = tree(&[("set.yaml", SINGLE_REGION)]);
    let before = run(dir.path(), &["."]);
    assert_eq!(
        (before.code, before.findings.as_slice()),
        (0, &["IRL004 warning set.yaml:6".to_owned()][..])
    );
    std::fs::write(
        dir.path().join("irlint.toml"),
        "[rules.single-region-unprotected]\nlevel = \"error\"\n",
    )
    .expect("written");
    let after = run(dir.path(), &["."]);
    assert_eq!(after.findings, ["IRL004 error set.yaml:6"]);
    assert_eq!(after.code, 1);
    assert_eq!(after.summary["levels"]["error"], 1);
}

#[test]
fn the_region_is_the_deployments_unless_the_command_line_says_otherwise() {
    let dir = tree(&[
        ("set.yaml", STACK_REGION),
        ("irlint.toml", "region = \"eu-west-1\"\n"),
    ]);
    assert_eq!(
        run(dir.path(), &["."]).findings,
        ["IRL003 error set.yaml:2"]
    );
    assert!(
        run(dir.path(), &["--region", "us-west-2", "."])
            .findings
            .is_empty()
    );
}

#[test]
fn excluded_files_are_not_read() {
    let dir = tree(&[
        (
            "irlint.toml",
            "exclude = [\"legacy\", \"**/*.generated.yaml\"]\n",
        ),
        ("legacy/set.yaml", "Resources: [broken\n"),
        ("stacks/set.generated.yaml", SINGLE_REGION),
        ("stacks/set.yaml", SINGLE_REGION),
    ]);
    let run = run(dir.path(), &["."]);
    assert_eq!(
        run.findings,
        ["IRL004 warning stacks/set.yaml:6"],
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.summary["files"], 1);
    // A file named on the command line is excluded too, so that hooks that pass files work.
    let named = self::run(dir.path(), &["legacy/set.yaml"]);
    assert_eq!(
        (named.code, named.summary["errors"].clone()),
        (0, Value::from(0))
    );
}

#[test]
fn per_path_ignores_apply_to_the_files_they_match() {
    let dir = tree(&[
        (
            "irlint.toml",
            "[[per-path]]\npaths = [\"legacy/**\"]\nignore = [\"IRL004\"]\n",
        ),
        ("legacy/old/set.yaml", SINGLE_REGION),
        ("current/set.yaml", SINGLE_REGION),
    ]);
    assert_eq!(
        run(dir.path(), &["."]).findings,
        ["IRL004 warning current/set.yaml:6"]
    );
}

#[test]
fn an_invalid_configuration_names_its_line_and_exits_2() {
    for (config, message) in [
        (
            "ignore = []\nselekt = [\"IRL001\"]\n",
            "irlint.toml:2:1: unknown field `selekt`",
        ),
        (
            "ignore = [\n  \"IRL004\",\n  \"IRL042\",\n]\n",
            "irlint.toml:3:3: `IRL042` names no rule",
        ),
        (
            "[rules.IRL004]\nlevel = \"error\"\n[rules.IRL777]\nlevel = \"note\"\n",
            "irlint.toml:3:8: `IRL777` names no rule",
        ),
        (
            "[[per-path]]\npaths = [\"legacy\"]\nignore = [\"IRL004\"]\nreason = \"old\"\n",
            "irlint.toml:4:1: unknown field `reason`",
        ),
    ] {
        let dir = tree(&[("irlint.toml", config), ("set.yaml", SINGLE_REGION)]);
        let run = run(dir.path(), &["."]);
        assert_eq!(run.code, 2, "{config}");
        assert!(run.stderr.contains(message), "{config}: {}", run.stderr);
    }
}

#[test]
fn an_explicit_configuration_replaces_discovery() {
    let dir = tree(&[
        ("irlint.toml", "ignore = [\"IRL004\"]\n"),
        ("set.yaml", SINGLE_REGION),
        ("ci/strict.toml", "[rules.IRL004]\nlevel = \"error\"\n"),
    ]);
    assert!(run(dir.path(), &["."]).findings.is_empty());
    let strict = run(dir.path(), &["--config", "ci/strict.toml", "."]);
    assert_eq!(strict.findings, ["IRL004 error set.yaml:6"]);
    // A bare file name: its globs are relative to the working directory.
    std::fs::write(
        dir.path().join("bare.toml"),
        "exclude = [\"legacy\"]\n[[per-path]]\npaths = [\"set.yaml\"]\nignore = [\"IRL004\"]\n",
    )
    .expect("written");
    std::fs::create_dir(dir.path().join("legacy")).expect("a directory");
    std::fs::write(dir.path().join("legacy/old.yaml"), SINGLE_REGION).expect("written");
    let bare = run(dir.path(), &["--config", "bare.toml", "."]);
    assert_eq!(bare.findings, Vec::<String>::new());
    assert_eq!(bare.summary["files"], 1);
    let missing = run(dir.path(), &["--config", "no/such.toml", "."]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no/such.toml"),
        "{}",
        missing.stderr
    );
}

#[test]
fn init_writes_a_configuration_that_reads_back_and_never_overwrites() {
    let dir = tree(&[("set.yaml", SINGLE_REGION)]);
    let output = support::run(support::irlint().current_dir(dir.path()).arg("--init"));
    assert_eq!(output.code, 0);
    let written = std::fs::read_to_string(dir.path().join("irlint.toml")).expect("written");
    assert_eq!(written, irlint::config::TEMPLATE);
    // The defaults change nothing.
    assert_eq!(
        run(dir.path(), &["."]).findings,
        ["IRL004 warning set.yaml:6"]
    );

    std::fs::write(dir.path().join("irlint.toml"), "ignore = [\"IRL004\"]\n").expect("written");
    let again = support::run(support::irlint().current_dir(dir.path()).arg("--init"));
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("irlint.toml")).expect("kept"),
        "ignore = [\"IRL004\"]\n"
    );
}

#[test]
fn the_readme_example_is_a_valid_configuration() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let example = readme
        .split("## Configuration")
        .nth(1)
        .and_then(|section| section.split("```toml").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("the Configuration section has a toml block");
    let config = irlint::config::Config::parse(Path::new("irlint.toml"), example)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(config.region.as_deref(), Some("us-east-1"));
}

/// The README's sample configuration is one irlint reads, and the rule it sets a level for
/// runs: a sample that selected and ignored it would show a setting with no effect.
#[test]
fn the_readme_sample_configuration_is_read_and_consistent() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let section = readme
        .split_once("\n## Configuration\n")
        .expect("a Configuration section")
        .1;
    let sample = section
        .split_once("```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a TOML sample")
        .0;
    let config = irlint::config::Config::parse(Path::new("irlint.toml"), sample)
        .unwrap_or_else(|e| panic!("the README's sample: {e}\n{sample}"));
    let single_region = irlint::rules::find("IRL004").expect("IRL004").meta();
    assert!(config.runs(single_region, Path::new("infra/main.tf")));
    assert_eq!(
        config.level_override(single_region),
        Some(irlint::rule_meta::Level::Error)
    );
    let key_not_arn = irlint::rules::find("IRL009").expect("IRL009").meta();
    assert!(!config.runs(key_not_arn, Path::new("infra/main.tf")));
}
