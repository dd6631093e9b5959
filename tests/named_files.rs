//! Files named on the command line (as pre-commit and editors' "lint this file" name them) are
//! linted with the unit they belong to, and the findings that point into them are reported.

mod support;

use std::path::Path;

use support::{irlint, project, run, write};

/// `RULE path:line` of every finding of `irlint --format json ARGS` run in `dir`, with the exit
/// code and the summary.
fn lint(dir: &Path, args: &[&str]) -> (Vec<String>, i32, serde_json::Value) {
    let run = run(irlint()
        .current_dir(dir)
        .args(["--format", "json"])
        .args(args));
    let report = run.json();
    let findings = (report["findings"].as_array().expect("findings").iter())
        .map(|finding| {
            format!(
                "{} {}:{}",
                finding["rule"].as_str().unwrap_or_default(),
                finding["path"].as_str().unwrap_or_default(),
                finding["start"]["line"]
            )
        })
        .collect();
    (findings, run.code, report["summary"].clone())
}

/// A module whose provider's region comes from `variables.tf`: IRL003 fires on `main.tf` only
/// when the module is read whole. A module below it has a finding of its own.
const MODULE: &[(&str, &str)] = &[
    (
        "infra/main.tf",
        "provider \"aws\" {\n  region = var.region\n}\n\n\
         resource \"aws_ssmincidents_replication_set\" \"main\" {\n  \
         regions {\n    name = \"us-east-1\"\n  }\n  \
         regions {\n    name = \"us-west-2\"\n  }\n}\n",
    ),
    (
        "infra/variables.tf",
        "variable \"region\" {\n  type    = string\n  default = \"eu-central-1\"\n}\n",
    ),
    (
        "infra/modules/single/main.tf",
        "resource \"aws_ssmincidents_replication_set\" \"one\" {\n  \
         regions {\n    name = \"us-east-1\"\n  }\n}\n",
    ),
];

#[test]
fn a_named_terraform_file_is_read_with_its_module() {
    let dir = project(MODULE);
    let (findings, code, _) = lint(dir.path(), &["infra/main.tf"]);
    assert_eq!(findings, ["IRL003 infra/main.tf:5"]);
    assert_eq!(code, 1);
    // The module below is not the named file's unit; naming its directory lints it.
    let (findings, ..) = lint(dir.path(), &["infra"]);
    assert!(
        findings.contains(&"IRL004 infra/modules/single/main.tf:3".to_owned()),
        "{findings:?}"
    );
}

#[test]
fn findings_are_reported_where_they_point_into_a_named_file() {
    let dir = project(MODULE);
    // IRL003 is on main.tf and points at the variable's default as its related location.
    let (findings, ..) = lint(dir.path(), &["infra/variables.tf"]);
    assert_eq!(findings, ["IRL003 infra/main.tf:5"]);
    // From inside the module, with the path as the user types it.
    let (findings, ..) = lint(&dir.path().join("infra"), &["main.tf"]);
    assert_eq!(findings, ["IRL003 main.tf:5"]);
}

#[test]
fn a_named_program_source_is_read_with_its_pulumi_project() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/infra/pulumi");
    let (findings, code, _) = lint(&example, &["index.ts"]);
    assert_eq!(findings, ["IRL003 index.ts:12", "IRL005 index.ts:14"]);
    assert_eq!(code, 1);
}

#[test]
fn a_named_project_file_reports_its_whole_unit() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/infra/pulumi");
    let (findings, ..) = lint(&example, &["Pulumi.yaml"]);
    assert_eq!(findings, ["IRL003 index.ts:12", "IRL005 index.ts:14"]);
}

#[test]
fn a_named_stack_file_reports_what_it_causes_and_counts_the_rest() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/infra/pulumi");
    // The staging stack's region is what the findings are about: they relate its line.
    let (findings, ..) = lint(&example, &["Pulumi.staging.yaml"]);
    assert_eq!(findings, ["IRL003 index.ts:12", "IRL005 index.ts:14"]);
    // The prod stack causes none; the summary says that the unit has findings elsewhere.
    let (findings, code, summary) = lint(&example, &["Pulumi.prod.yaml"]);
    assert_eq!((findings.len(), code), (0, 0));
    assert_eq!(summary["not_named"], 2);
    let text = run(irlint().current_dir(&example).arg("Pulumi.prod.yaml")).stdout;
    assert!(
        text.contains("2 more problems in files not named"),
        "{text}"
    );
}

#[test]
fn a_named_cdk_source_is_read_with_its_app() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/infra/cdk");
    let (findings, ..) = lint(&example, &["lib/incident-manager.ts"]);
    assert_eq!(findings, ["IRL003 lib/incident-manager.ts:11"]);
}

#[test]
fn named_files_of_several_units_are_each_read_with_their_own() {
    let dir = project(&[
        MODULE[0],
        MODULE[1],
        MODULE[2],
        (
            "templates/set.yaml",
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    \
             Properties:\n      Regions:\n        - RegionName: us-est-1\n",
        ),
        ("templates/other.yaml", "Resources: {}\n"),
    ]);
    let (findings, ..) = lint(
        dir.path(),
        &["infra/main.tf", "templates/set.yaml", "infra/variables.tf"],
    );
    assert!(
        findings.contains(&"IRL003 infra/main.tf:5".to_owned()),
        "{findings:?}"
    );
    assert!(
        findings.contains(&"IRL012 templates/set.yaml:6".to_owned()),
        "{findings:?}"
    );
    assert!(
        !findings
            .iter()
            .any(|finding| finding.contains("modules/single")),
        "{findings:?}"
    );
}

#[test]
fn a_named_file_the_walk_would_pass_over_is_still_linted() {
    let dir = project(&[
        (".gitignore", "ignored.yaml\n"),
        (
            "ignored.yaml",
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    \
             Properties:\n      Regions:\n        - RegionName: us-est-1\n",
        ),
    ]);
    let (findings, ..) = lint(dir.path(), &["ignored.yaml"]);
    assert!(
        findings.contains(&"IRL012 ignored.yaml:6".to_owned()),
        "{findings:?}"
    );
}

#[test]
fn a_named_file_is_read_with_its_unit_at_the_base_revision_too() {
    let main = "resource \"aws_ssmincidents_replication_set\" \"main\" {\n  \
                dynamic \"regions\" {\n    for_each = var.regions\n    \
                content {\n      name = regions.value\n    }\n  }\n}\n";
    let variables =
        |regions: &str| format!("variable \"regions\" {{\n  default = [{regions}]\n}}\n");
    let dir = project(&[
        ("infra/main.tf", main),
        (
            "infra/variables.tf",
            &variables("\"us-east-1\", \"us-west-2\""),
        ),
    ]);
    support::git(dir.path(), &["init", "--quiet"]);
    support::git(dir.path(), &["add", "."]);
    support::git(dir.path(), &["commit", "--quiet", "-m", "base"]);
    write(dir.path(), "infra/variables.tf", variables("\"us-east-1\""));
    let (findings, ..) = lint(dir.path(), &["--base", "HEAD", "infra/variables.tf"]);
    assert!(
        findings.is_empty(),
        "one region removed is allowed: {findings:?}"
    );
    write(dir.path(), "infra/variables.tf", variables(""));
    // Both regions removed: seen only when the module is read whole at the base as well.
    let (findings, ..) = lint(dir.path(), &["--base", "HEAD", "infra/main.tf"]);
    assert!(
        findings
            .iter()
            .any(|finding| finding.starts_with("IRL002 ")),
        "{findings:?}"
    );
}
