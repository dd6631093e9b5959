//! The binary end to end: exit codes, options, and snapshots of what a user sees.

use std::path::Path;

mod support;

use support::{Run, irlint, run, write};

/// The JSON report of a run in `dir` on `.` deploying to `region`, parsed, and as written.
fn json_report(dir: &Path, region: &str) -> (serde_json::Value, String) {
    let output = run(irlint()
        .current_dir(dir)
        .args(["--format", "json", "--region", region, "."]));
    (output.json(), output.stdout)
}

const CLEAN_TEMPLATE: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
        - RegionName: us-west-2
";

#[test]
fn the_example_in_the_readme_shows_its_findings() {
    let Run {
        stdout: text, code, ..
    } = run(irlint().args(["--color", "never", "examples/infra"]));
    assert_eq!(code, 1, "{text}");
    // insta ignores trailing blanks when it compares: they are checked here.
    for line in text.lines() {
        assert!(
            !line.ends_with([' ', '\t']),
            "`{line}` ends in a blank in:\n{text}"
        );
    }
    insta::assert_snapshot!("example_text", text);
}

/// Help says what irlint reads: every format and language of the README.
#[test]
fn help_names_every_language_read() {
    let Run {
        stdout: help, code, ..
    } = run(irlint().arg("--help"));
    assert_eq!(code, 0, "{help}");
    let about = help
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    for read in [
        "CloudFormation",
        "SAM",
        "Terraform (modules and plans)",
        "Pulumi (YAML, TypeScript, JavaScript, Python, Go, C#, Java)",
        "AWS CDK apps (TypeScript, JavaScript, Python)",
    ] {
        assert!(about.contains(read), "{read} in: {about}");
    }
}

#[test]
fn sarif_of_the_example() {
    let sarif = run(irlint().args(["--format", "sarif", "examples/infra"]));
    assert_eq!(sarif.code, 1);
    let mut value = sarif.json();
    value["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    value["runs"][0]["tool"]["driver"]["semanticVersion"] = "[version]".into();
    // Rule documents have tests of their own; the snapshot names them rather than repeating them.
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("the rule catalogue");
    for rule in rules {
        let document = format!("[rules/{}.md]", rule["id"].as_str().unwrap_or_default());
        rule["help"] = serde_json::json!({ "text": document, "markdown": document });
    }
    insta::assert_json_snapshot!("example_sarif", value);
}

#[test]
fn a_clean_tree_exits_zero() {
    let dir = support::project(&[]);
    write(dir.path(), "set.yaml", CLEAN_TEMPLATE);
    let Run {
        stdout: text, code, ..
    } = run(irlint().arg("--color=never").arg(dir.path()));
    assert_eq!(code, 0, "{text}");
}

#[test]
fn warnings_fail_only_when_asked() {
    let dir = support::project(&[]);
    let single = CLEAN_TEMPLATE.replace("        - RegionName: us-west-2\n", "");
    write(dir.path(), "set.yaml", &single);
    let Run { code, .. } = run(irlint().arg(dir.path()));
    assert_eq!(code, 0, "IRL004 is a warning");
    let Run { code, .. } = run(irlint().args(["--fail-level", "warning"]).arg(dir.path()));
    assert_eq!(code, 1);
}

/// `irlint | head`: the reader stops reading, which is no error of the run.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = support::project(&[]);
    // Far more findings than a pipe holds, so that irlint writes after the reader has gone.
    let sets: String = (0..2_000)
        .map(|n| format!("  Set{n}:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      Regions:\n        - RegionName: us-east-1\n"))
        .collect();
    write(dir.path(), "sets.yaml", format!("Resources:\n{sets}"));
    let mut child = support::irlint_process::<&str>(&[])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("irlint starts");
    let mut head = [0; 100];
    let mut stdout = child.stdout.take().expect("standard output");
    stdout.read_exact(&mut head).expect("the report starts");
    drop(stdout);
    let output = child.wait_with_output().expect("irlint ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("cannot write"), "{stderr}");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the findings still fail the run: {stderr}"
    );
}

#[test]
fn a_broken_file_is_an_error_and_the_others_are_still_linted() {
    let dir = support::project(&[]);
    write(
        dir.path(),
        "broken.yaml",
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: [\n",
    );
    write(
        dir.path(),
        "mixed.yaml",
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      Regions:\n        - RegionName: us-east-1\n        - RegionName: us-west-2\n          RegionConfiguration:\n            SseKmsKeyId: arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
    );
    let output = run(irlint().args(["--format", "json"]).arg(dir.path()));
    let json = &output.stdout;
    assert_eq!(output.code, 2, "{json}");
    let report = output.json();
    let errors = report["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{json}");
    assert!(
        errors[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("broken.yaml"))
    );
    assert!(errors[0]["start"]["line"].as_u64().is_some(), "{json}");
    let rules: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(rules, ["IRL001"]);
}

#[test]
fn files_that_are_not_templates_are_passed_over() {
    let dir = support::project(&[]);
    write(
        dir.path(),
        "chart.yaml",
        "name: {{ .Release.Name }}\n  bad: [indent\n",
    );
    write(dir.path(), "data.json", "{ not json");
    let Run {
        stdout: text, code, ..
    } = run(irlint().arg("--color=never").arg(dir.path()));
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_missing_path_is_an_error_and_the_other_paths_are_still_linted() {
    let paths = ["no/such/dir", "examples/infra"];
    let Run {
        stdout: text, code, ..
    } = run(irlint().arg("--color=never").args(paths));
    assert_eq!(code, 2);
    assert!(
        text.contains("no/such/dir: no such file or directory"),
        "{text}"
    );
    assert!(text.contains("error[IRL005]"), "{text}");
    let output = run(irlint().args(["--format", "json"]).args(paths));
    assert_eq!(output.code, 2);
    let json = output.json();
    assert_eq!(json["errors"][0]["path"], "no/such/dir");
    assert!(!json["findings"].as_array().expect("findings").is_empty());
    let output = run(irlint().args(["--format", "sarif"]).args(paths));
    assert_eq!(output.code, 2);
    let sarif = output.json();
    let notification = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(
        notification.to_string().contains("no/such/dir"),
        "{notification}"
    );
    assert!(
        !sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .is_empty()
    );
}

#[test]
fn a_malformed_region_is_a_usage_error() {
    let Run { code, .. } = run(irlint().args(["--region", "useast1", "."]));
    assert_eq!(code, 2);
}

#[test]
fn explain_prints_the_rule_document() {
    let Run {
        stdout: text, code, ..
    } = run(irlint().args(["--explain", "IRL005"]));
    assert_eq!(code, 0);
    assert!(text.starts_with("# IRL005: key-region-mismatch"), "{text}");
    let Run {
        stdout: text, code, ..
    } = run(irlint().args(["--explain", "mixed-key-types"]));
    assert_eq!(code, 0);
    assert!(text.starts_with("# IRL001"), "{text}");
    let Run { code, .. } = run(irlint().args(["--explain", "IRL999"]));
    assert_eq!(code, 2);
}

#[test]
fn list_rules_names_every_rule() {
    let Run {
        stdout: text, code, ..
    } = run(irlint().arg("--list-rules"));
    assert_eq!(code, 0);
    for rule in irlint::rules::RULES {
        assert!(text.contains(rule.meta().id) && text.contains(rule.meta().name));
    }
}

#[test]
fn completions_are_printed_for_every_shell_and_name_the_options() {
    for (shell, marker) in [
        ("bash", "complete -F _irlint"),
        ("zsh", "#compdef irlint"),
        ("fish", "complete -c irlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[irlint]"),
    ] {
        let Run {
            stdout: text, code, ..
        } = run(irlint().args(["--completions", shell]));
        assert_eq!(code, 0, "{shell}");
        assert!(text.contains(marker), "{shell}: {text}");
        assert!(
            text.contains("show-unknown"),
            "{shell} completes the options"
        );
    }
    let Run { code, .. } = run(irlint().args(["--completions", "tcsh"]));
    assert_eq!(code, 2, "an unknown shell is a usage error");
}

#[test]
fn output_goes_to_the_named_file() {
    let dir = support::project(&[]);
    let out = dir.path().join("report.sarif");
    let Run {
        stdout: text, code, ..
    } = run(irlint()
        .args(["--format", "sarif", "--output"])
        .arg(&out)
        .arg("examples/infra"));
    assert_eq!(code, 1);
    assert!(text.is_empty());
    let written = std::fs::read_to_string(&out).expect("report written");
    assert!(written.contains("\"version\": \"2.1.0\""));
}

#[test]
fn color_follows_the_option() {
    let Run { stdout: plain, .. } = run(irlint().args(["--color", "never", "examples/infra"]));
    let Run {
        stdout: colored, ..
    } = run(irlint().args(["--color", "always", "examples/infra"]));
    assert!(!plain.contains('\u{1b}'));
    assert!(colored.contains('\u{1b}'));
}

#[test]
fn the_walk_skips_tool_directories_and_honours_gitignore() {
    let dir = support::project(&[]);
    let single = CLEAN_TEMPLATE.replace("        - RegionName: us-west-2\n", "");
    for sub in [
        ".terraform/modules/m",
        "node_modules/p",
        "ignored",
        "linted",
    ] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("directory created");
        write(&dir.path().join(sub), "set.yaml", &single);
    }
    write(dir.path(), ".gitignore", "ignored/\n");
    let report = run(irlint().args(["--format", "json"]).arg(dir.path())).json();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("linted/set.yaml"), "{paths:?}");
}

/// A minified template is one long line: each finding shows the parts of it around its labels,
/// never the whole line, with the line and column of the file.
#[test]
fn a_finding_on_a_long_line_shows_only_the_parts_around_its_labels() {
    let dir = support::project(&[]);
    let set = |name: &str, region: &str| {
        format!(
            "\"{name}\": {{\"Type\": \"AWS::SSMIncidents::ReplicationSet\", \"Properties\": \
             {{\"Regions\": [{{\"RegionName\": \"{region}\"}}]}}}}"
        )
    };
    let padding: Vec<String> = (0..100)
        .map(|i| format!("\"Topic{i}\": {{\"Type\": \"AWS::SNS::Topic\"}}"))
        .collect();
    let template = format!(
        "{{\"Resources\": {{{}, {}, {}}}}}\n",
        set("First", "us-east-1"),
        padding.join(", "),
        set("Second", "eu-west-9"),
    );
    write(dir.path(), "template.json", &template);
    let Run {
        stdout: text, code, ..
    } = run(irlint().current_dir(dir.path()).args([
        "--color",
        "never",
        "--region",
        "us-east-1",
        ".",
    ]));
    assert_eq!(code, 1, "{text}");
    // The topics between the sets are far from every label.
    assert!(!text.contains("Topic50"), "{text}");
    insta::assert_snapshot!("long_line_text", text);
}

/// A name spelt with escapes gets no fix: renaming its characters would break the string.
#[test]
fn the_deprecated_region_name_spelt_with_escapes_has_no_fix() {
    let dir = support::project(&[]);
    write(dir.path(), "Pulumi.yaml", "name: p\nruntime: nodejs\n");
    write(
        dir.path(),
        "index.ts",
        "import * as aws from \"@pulumi/aws\";\n\nnew aws.ssmincidents.ReplicationSet(\"s\", { \"reg\\u0069on\": [{ name: \"us-east-1\" }] });\n",
    );
    let (report, json) = json_report(dir.path(), "us-east-1");
    let findings = report["findings"].as_array().expect("findings");
    let deprecated: Vec<_> = findings.iter().filter(|f| f["rule"] == "IRL018").collect();
    assert_eq!(deprecated.len(), 1, "{json}");
    assert!(deprecated[0]["fix"].is_null(), "{json}");
}

/// A region name that a variable of another file holds is fixed there: the fix names that file,
/// not the finding's.
#[test]
fn a_fix_in_another_file_names_its_file() {
    let dir = support::project(&[]);
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_ssmincidents_replication_set\" \"main\" {\n  regions {\n    name = var.primary\n  }\n  regions {\n    name = \"us-west-2\"\n  }\n}\n",
    );
    write(
        dir.path(),
        "variables.tf",
        "variable \"primary\" {\n  default = \"us-wset-1\"\n}\n",
    );
    let (report, json) = json_report(dir.path(), "us-west-2");
    let findings = report["findings"].as_array().expect("findings");
    let [unknown] = findings.as_slice() else {
        panic!("one finding: {json}");
    };
    assert_eq!(unknown["rule"], "IRL012", "{json}");
    assert_eq!(unknown["path"], "main.tf", "{json}");
    assert_eq!(
        unknown["fix"],
        serde_json::json!({
            "description": "replace with us-west-1",
            "path": "variables.tf",
            "start": { "line": 2, "column": 14 },
            "end": { "line": 2, "column": 23 },
            "replacement": "us-west-1",
        }),
        "{json}"
    );
}

/// A misspelt region in a C# verbatim string is fixed inside its quotes; in an interpolated or a
/// raw string, whose characters are not the value's alone, it gets no fix.
#[test]
fn a_csharp_verbatim_string_is_fixed_and_other_prefixed_strings_are_not() {
    let dir = support::project(&[]);
    write(dir.path(), "Pulumi.yaml", "name: p\nruntime: dotnet\n");
    let entry = |name: &str| {
        format!(
            "            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs {{ Name = {name} }},\n"
        )
    };
    let program = [
        "using Pulumi;\nusing Aws = Pulumi.Aws;\n\nreturn await Deployment.RunAsync(() =>\n{\n",
        "    new Aws.SsmIncidents.ReplicationSet(\"incidents\", new()\n    {\n        Regions =\n        {\n",
        &entry(r#"@"us-east-1x""#),
        &entry(r#"$"us-wset-2""#),
        &entry(r#""""eu-wset-1""""#),
        "        },\n    });\n});\n",
    ]
    .concat();
    write(dir.path(), "Program.cs", &program);
    let (report, json) = json_report(dir.path(), "us-west-2");
    let fixes: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "IRL012")
        .map(|finding| {
            let fix = &finding["fix"];
            format!(
                "{}: {} {}-{}",
                finding["start"]["line"],
                fix["replacement"],
                fix["start"]["column"],
                fix["end"]["column"]
            )
        })
        .collect();
    // `@"` is at columns 75 and 76: the fix takes the ten characters inside the quotes.
    assert_eq!(
        fixes,
        [
            "10: \"us-east-1\" 77-87",
            "11: null null-null",
            "12: null null-null"
        ],
        "{json}"
    );
}

/// The fingerprints of a SARIF log, in order.
fn fingerprints(dir: &Path, path: &str) -> Vec<String> {
    let sarif = run(irlint().current_dir(dir).args(["--format", "sarif", path])).json();
    sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|result| result["partialFingerprints"]["irlint/v1"].to_string())
        .collect()
}

#[test]
fn fingerprints_do_not_depend_on_the_working_directory() {
    let dir = support::project(&[]);
    std::fs::create_dir_all(dir.path().join(".git")).expect("a repository");
    std::fs::create_dir_all(dir.path().join("infra/stacks")).expect("a directory");
    write(
        &dir.path().join("infra/stacks"),
        "set.yaml",
        CLEAN_TEMPLATE.replace("        - RegionName: us-west-2\n", ""),
    );
    let from_the_top = fingerprints(dir.path(), "infra");
    assert_eq!(from_the_top.len(), 1);
    assert_eq!(fingerprints(&dir.path().join("infra"), "."), from_the_top);
    assert_eq!(
        fingerprints(&dir.path().join("infra/stacks"), "set.yaml"),
        from_the_top
    );
}

#[test]
fn a_pulumi_program_in_a_language_irlint_does_not_read_is_reported_not_passed() {
    // The dotnet and java runtimes run F#, Visual Basic, Kotlin, Scala and Groovy too: such a
    // program is not checked, and irlint says so rather than "No replication set found": not as
    // an error (nothing is wrong with it), as a check that could not be made.
    let cases = [
        (
            "dotnet",
            "Program.fs",
            "F#",
            "open Pulumi.Aws.SsmIncidents\n",
        ),
        (
            "dotnet",
            "Program.vb",
            "Visual Basic",
            "Imports Pulumi.Aws.SsmIncidents\n",
        ),
        (
            "java",
            "App.kt",
            "Kotlin",
            "import com.pulumi.aws.ssmincidents.ReplicationSet\n",
        ),
        (
            "java",
            "App.scala",
            "Scala",
            "import com.pulumi.aws.ssmincidents.ReplicationSet\n",
        ),
    ];
    for (runtime, file, language, program) in cases {
        let dir = support::project(&[]);
        write(
            dir.path(),
            "Pulumi.yaml",
            format!("name: p\nruntime: {runtime}\n"),
        );
        write(dir.path(), file, program);
        let Run {
            stdout: report,
            code,
            ..
        } = run(irlint()
            .args(["--color=never", "--show-unknown", "--region", "us-east-1"])
            .arg(dir.path()));
        assert_eq!(code, 0, "{file}: {report}");
        assert!(
            report.contains(&format!(
                "note[unchecked]: a program in {language} is not read"
            )) && report.contains(file)
                && report.contains("1 check could not be made"),
            "{file}: {report}"
        );
    }
}

/// Renaming a `dynamic "region"` block keeps the name its content uses for the iterator: the
/// fixed module parses and lints clean. Beside a `dynamic "regions"` whose `for_each` may be
/// empty, the two are alternatives, not both: a warning, not the error for both.
#[test]
fn the_fix_of_a_dynamic_region_block_keeps_its_iterator() {
    let requirement = "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.0\"\n    }\n  }\n}\n";
    let dynamic = |label: &str, for_each: &str| {
        format!(
            "  dynamic \"{label}\" {{\n    for_each = {for_each}\n    content {{\n      name = {label}.value\n    }}\n  }}\n"
        )
    };
    let module = |blocks: &str| {
        format!(
            "{requirement}variable \"v6\" {{}}\nresource \"aws_ssmincidents_replication_set\" \"main\" {{\n{blocks}}}\n"
        )
    };
    let dir = support::project(&[]);
    let written = module(&dynamic("region", "[\"us-east-1\", \"us-west-2\"]"));
    write(dir.path(), "main.tf", &written);
    let (report, json) = json_report(dir.path(), "us-east-1");
    let [deprecated] = report["findings"].as_array().expect("findings").as_slice() else {
        panic!("one finding: {json}");
    };
    assert_eq!(deprecated["rule"], "IRL018", "{json}");
    let fix = &deprecated["fix"];
    let offset = |at: &serde_json::Value| {
        let line = at["line"].as_u64().expect("a line") as usize;
        let column = at["column"].as_u64().expect("a column") as usize;
        let before: usize = written
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        before + column - 1
    };
    let (start, end) = (offset(&fix["start"]), offset(&fix["end"]));
    let replacement = fix["replacement"].as_str().expect("a replacement");
    let fixed = format!("{}{replacement}{}", &written[..start], &written[end..]);
    assert!(
        fixed.contains("dynamic \"regions\" {\n    iterator = region\n"),
        "{fixed}"
    );
    write(dir.path(), "main.tf", &fixed);
    let (report, json) = json_report(dir.path(), "us-east-1");
    assert_eq!(report["findings"], serde_json::json!([]), "{json}");
    assert_eq!(report["summary"]["replication_sets"], 1, "{json}");

    let alternatives = dynamic("regions", "var.v6 ? [\"us-east-1\", \"us-west-2\"] : []")
        + &dynamic("region", "var.v6 ? [] : [\"us-east-1\", \"us-west-2\"]");
    write(dir.path(), "main.tf", module(&alternatives));
    let (report, json) = json_report(dir.path(), "us-east-1");
    let levels: Vec<(&str, &str)> = (report["findings"].as_array().expect("findings").iter())
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or(""),
                f["level"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(levels, [("IRL018", "warning")], "{json}");
}

/// `--var-file` applies after the variable files a module loads itself and `--var` after both,
/// as `terraform plan` takes them; a variable file that cannot be read is a usage error.
#[test]
fn variables_from_the_command_line_apply_after_the_modules_own() {
    let dir = support::project(&[]);
    std::fs::create_dir(dir.path().join("infra")).expect("a module directory");
    write(
        dir.path(),
        "infra/main.tf",
        "variable \"region\" {}\nprovider \"aws\" {\n  region = var.region\n}\nresource \"aws_ssmincidents_replication_set\" \"main\" {\n  regions {\n    name = \"us-east-1\"\n  }\n  regions {\n    name = \"us-west-2\"\n  }\n}\n",
    );
    write(
        dir.path(),
        "infra/terraform.tfvars",
        "region = \"us-east-1\"\n",
    );
    write(dir.path(), "prod.tfvars", "region = \"eu-west-1\"\n");
    let deploying = |args: &[&str]| {
        let output = run(irlint()
            .current_dir(dir.path())
            .args(["--format", "json"])
            .args(args)
            .arg("infra"));
        let code = output.code;
        let report = output.json();
        let findings = report["findings"].as_array().expect("findings").clone();
        let messages: Vec<String> = findings
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
            .collect();
        (code, messages)
    };
    assert_eq!(deploying(&[]), (0, vec![]));
    let (code, messages) = deploying(&["--var-file", "prod.tfvars"]);
    assert_eq!(code, 1);
    assert!(
        messages[0].contains("in eu-west-1, which is not one of its regions"),
        "{messages:?}"
    );
    let (code, messages) = deploying(&["--var-file", "prod.tfvars", "--var", "region=us-west-2"]);
    assert_eq!((code, messages), (0, vec![]));
    let Run { stdout, code, .. } =
        run(irlint()
            .current_dir(dir.path())
            .args(["--var-file", "missing.tfvars", "infra"]));
    assert_eq!(code, 2, "{stdout}");
}

/// A finding in a called module points at the child's line, with the caller's values and the
/// call (each instance of a `for_each`, as one location) related.
#[test]
fn findings_in_called_modules_name_their_calls() {
    for case in [
        "module-call-local-child-typo-too-many-regions-provider-outside",
        "module-call-for-each-instances",
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-corpus/terraform")
            .join(case);
        let Run {
            stdout: text, code, ..
        } = run(irlint().current_dir(&dir).args(["--color", "never", "."]));
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("called here"), "{text}");
        insta::assert_snapshot!(case, text);
    }
}

/// Of the calls of one module, a finding names the one that passes the value it is about.
#[test]
fn a_finding_names_the_call_that_passes_its_value() {
    let dir = support::project(&[]);
    std::fs::create_dir(dir.path().join("m")).expect("module directory");
    write(
        &dir.path().join("m"),
        "main.tf",
        "variable \"regions\" {}\nresource \"aws_ssmincidents_replication_set\" \"this\" {\n  dynamic \"regions\" {\n    for_each = var.regions\n    content {\n      name = regions.value\n    }\n  }\n}\n",
    );
    write(
        dir.path(),
        "main.tf",
        "module \"good\" {\n  source  = \"./m\"\n  regions = [\"us-east-1\", \"us-west-2\"]\n}\n\nmodule \"typo\" {\n  source  = \"./m\"\n  regions = [\"us-east-1\", \"us-wset-2\"]\n}\n",
    );
    let (report, _) = json_report(dir.path(), "us-east-1");
    let findings = report["findings"].as_array().expect("findings");
    let typo = (findings.iter())
        .find(|finding| finding["rule"] == "IRL012")
        .expect("the misspelt region");
    let calls: Vec<&str> = (typo["related"].as_array().expect("related").iter())
        .filter_map(|related| related["message"].as_str())
        .filter(|message| message.ends_with("called here"))
        .collect();
    assert_eq!(calls, ["in `module.typo`, called here"]);
}
