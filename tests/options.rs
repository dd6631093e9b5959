//! The everyday options: exit status, rule selection, quiet and statistics output, standard
//! input, and where the report goes.

use std::path::Path;

mod support;

use support::{Run, irlint_without_colour, run};

/// The rule ids of the findings of a JSON report.
fn rules_of(run: &Run) -> Vec<String> {
    let report = run.json();
    let mut rules: Vec<String> = (report["findings"].as_array().expect("findings").iter())
        .map(|finding| finding["rule"].as_str().unwrap_or_default().to_owned())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn exit_zero_and_fail_level_never_pass_findings_but_not_input_errors() {
    let Run { code, .. } = run(irlint_without_colour().arg("examples/infra"));
    assert_eq!(code, 1);
    for option in [&["--exit-zero"][..], &["--fail-level", "never"]] {
        let Run {
            stdout: out, code, ..
        } = run(irlint_without_colour().args(option).arg("examples/infra"));
        assert_eq!(code, 0, "{option:?}");
        assert!(out.contains("error[IRL"), "the findings are still reported");
    }
    let dir = support::project(&[(
        "broken.yaml",
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: [\n",
    )]);
    let Run { code, .. } = run(irlint_without_colour().arg("--exit-zero").arg(dir.path()));
    assert_eq!(
        code, 2,
        "a file that cannot be parsed is no finding to pass"
    );
}

#[test]
fn select_and_ignore_on_the_command_line_take_ids_and_names() {
    let json = |args: &[&str]| {
        run(irlint_without_colour()
            .args(["--format", "json"])
            .args(args))
    };
    let all = rules_of(&json(&["examples/infra"]));
    assert!(all.len() > 2, "{all:?}");
    assert_eq!(
        rules_of(&json(&[
            "--select",
            "IRL005,mixed-key-types",
            "examples/infra"
        ])),
        ["IRL001", "IRL005"]
    );
    assert_eq!(
        rules_of(&json(&[
            "--select",
            "irl005",
            "--select",
            "IRL001",
            "examples/infra"
        ])),
        ["IRL001", "IRL005"]
    );
    let ignored = rules_of(&json(&[
        "--ignore",
        "IRL005",
        "--ignore",
        "IRL003",
        "examples/infra",
    ]));
    assert_eq!(ignored.len(), all.len() - 2);
    assert!(!ignored.contains(&"IRL005".to_owned()));
}

#[test]
fn select_on_the_command_line_wins_over_the_configuration() {
    let dir = support::project(&[
        ("irlint.toml", "ignore = [\"IRL004\"]\n"),
        (
            "set.yaml",
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      \
             Regions:\n        - RegionName: us-east-1\n",
        ),
    ]);
    let json = run(irlint_without_colour()
        .current_dir(dir.path())
        .args(["--format", "json", "."]));
    assert_eq!(rules_of(&json), Vec::<String>::new());
    let json = run(irlint_without_colour()
        .current_dir(dir.path())
        .args(["--format", "json", "--select", "IRL004", "."]));
    assert_eq!(rules_of(&json), ["IRL004"]);
}

#[test]
fn an_unknown_rule_is_a_usage_error_with_a_suggestion() {
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour().args(["--ignore", "IRL05", "examples/infra"]));
    assert_eq!(code, 2);
    assert!(
        errors.contains("did you mean `IRL005` (key-region-mismatch)?"),
        "{errors}"
    );
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour().args(["--select", "mixed-key-type", "."]));
    assert_eq!(code, 2);
    assert!(
        errors.contains("did you mean `IRL001` (mixed-key-types)?"),
        "{errors}"
    );
    let Run { stderr: errors, .. } =
        run(irlint_without_colour().args(["--select", "nothing-like-a-rule", "."]));
    assert!(
        errors.contains("names no rule; `irlint --list-rules` lists them"),
        "{errors}"
    );
}

#[test]
fn the_configuration_suggests_the_rule_an_unknown_name_misspells() {
    let dir = support::project(&[
        ("irlint.toml", "ignore = [\"singel-region-unprotected\"]\n"),
        // A configuration is read for the units it applies to.
        ("main.tf", ""),
    ]);
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour().current_dir(dir.path()).arg("."));
    assert_eq!(code, 2);
    assert!(
        errors.contains("irlint.toml:1:11: `singel-region-unprotected` names no rule: did you mean `IRL004` (single-region-unprotected)?"),
        "{errors}"
    );
}

#[test]
fn quiet_reports_the_findings_without_the_summary() {
    let Run { stdout: full, .. } = run(irlint_without_colour().arg("examples/infra"));
    let Run {
        stdout: quiet,
        code,
        ..
    } = run(irlint_without_colour().args(["-q", "examples/infra"]));
    assert_eq!(code, 1);
    assert!(full.contains("Found "), "{full}");
    assert!(
        !quiet.contains("Found ") && !quiet.contains("could not be made"),
        "{quiet}"
    );
    assert!(
        full.starts_with(&quiet),
        "the findings are those of a full report"
    );
    let Run { stdout: github, .. } =
        run(irlint_without_colour().args(["--quiet", "--format", "github", "examples/infra"]));
    assert!(
        github.lines().all(|line| line.starts_with("::")),
        "{github}"
    );
}

#[test]
fn statistics_count_the_findings_of_each_rule() {
    let report = run(irlint_without_colour().args(["--format", "json", "examples/infra"])).json();
    let findings = report["findings"].as_array().expect("findings").len();
    let Run {
        stdout: text, code, ..
    } = run(irlint_without_colour().args(["--statistics", "examples/infra"]));
    assert_eq!(code, 1, "the exit status is the run's");
    insta::assert_snapshot!("statistics_of_the_example", text);
    let counts =
        run(irlint_without_colour().args(["--statistics", "--format", "json", "examples/infra"]))
            .json();
    let total: u64 = (counts.as_array().expect("an array").iter())
        .map(|count| count["count"].as_u64().unwrap_or_default())
        .sum();
    assert_eq!(usize::try_from(total).ok(), Some(findings));
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour().args(["--statistics", "--format", "sarif", "."]));
    assert_eq!(code, 2);
    assert!(
        errors.contains("--statistics reports in text or JSON"),
        "{errors}"
    );
}

#[test]
fn standard_input_is_linted_as_the_named_file_within_its_unit() {
    let dir = support::project(&[
        (
            "infra/variables.tf",
            "variable \"region\" {\n  default = \"eu-central-1\"\n}\n",
        ),
        // main.tf exists on disk as a clean file; standard input is the edited text.
        ("infra/main.tf", "# nothing yet\n"),
    ]);
    let edited = "provider \"aws\" {\n  region = var.region\n}\n\n\
                  resource \"aws_ssmincidents_replication_set\" \"main\" {\n  \
                  regions {\n    name = \"us-east-1\"\n  }\n  regions {\n    name = \"us-west-2\"\n  }\n}\n";
    let json = run(irlint_without_colour()
        .current_dir(dir.path())
        .args(["--format", "json", "--stdin-filename", "infra/main.tf", "-"])
        .write_stdin(edited));
    assert_eq!(json.code, 1, "{}", json.stdout);
    assert_eq!(
        rules_of(&json),
        ["IRL003"],
        "read with the module's variables.tf"
    );
    // A file that is not on disk yet.
    let json = run(irlint_without_colour()
        .current_dir(dir.path())
        .args(["--format", "json", "--stdin-filename", "infra/new.tf", "-"])
        .write_stdin(edited));
    assert_eq!(rules_of(&json), ["IRL003"]);
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(dir.path())
        .arg("-")
        .write_stdin(edited));
    assert_eq!(code, 2);
    assert!(errors.contains("needs --stdin-filename"), "{errors}");
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(dir.path())
        .args(["--stdin-filename", "infra/main.tf", "infra"])
        .write_stdin(edited));
    assert_eq!(code, 2);
    assert!(errors.contains("give `-` as the only path"), "{errors}");
}

#[test]
fn output_dash_is_standard_output_and_a_write_error_names_the_file() {
    let Run {
        stdout: to_stdout, ..
    } = run(irlint_without_colour().args(["-o", "-", "examples/infra"]));
    let Run { stdout: plain, .. } = run(irlint_without_colour().arg("examples/infra"));
    assert_eq!(to_stdout, plain);
    let dir = support::project(&[]);
    let missing = dir.path().join("no/such/directory/report.sarif");
    let Run {
        stderr: errors,
        code,
        ..
    } = run(irlint_without_colour()
        .args(["--format", "sarif", "-o"])
        .arg(&missing)
        .arg("examples/infra"));
    assert_eq!(code, 2);
    assert!(
        errors.contains("cannot write the report to ") && errors.contains("report.sarif"),
        "{errors}"
    );
    assert!(!Path::new(&missing).exists());
}
