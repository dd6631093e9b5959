//! `--fix` and `--diff` end to end: the fixes of every format, made in copies of small projects
//! and compared byte for byte with what they must become; a second run that changes nothing; the
//! diff as a user sees it; and the files that are never written.

use std::path::Path;

mod support;

use support::{Run, irlint_without_colour, run};

/// A file of a case, as written and as its fixes must leave it.
struct File {
    path: &'static str,
    before: &'static str,
    after: &'static str,
}

/// A project in one format, and how many findings its fixes fix.
struct Case {
    name: &'static str,
    files: &'static [File],
    fixed: usize,
}

/// A file no fix touches.
const fn kept(path: &'static str, text: &'static str) -> File {
    File {
        path,
        before: text,
        after: text,
    }
}

const CLOUDFORMATION_YAML: Case = Case {
    name: "cloudformation-yaml",
    // A byte order mark, CRLF line ends and no line end after the last line, all kept. The
    // misspelt property hides the misspelt region until it is renamed: the second pass fixes it.
    files: &[File {
        path: "template.yaml",
        before: "\u{feff}Resources:\r\n  Set:\r\n    Type: AWS::SSMIncidents::ReplicationSet\r\n    \
                 Properties:\r\n      Regions:\r\n        - RegionName: us-east-1\r\n        \
                 - Region: us-wset-2\r\n      DeletionProtected: true",
        after: "\u{feff}Resources:\r\n  Set:\r\n    Type: AWS::SSMIncidents::ReplicationSet\r\n    \
                Properties:\r\n      Regions:\r\n        - RegionName: us-east-1\r\n        \
                - RegionName: us-west-2\r\n      DeletionProtected: true",
    }],
    fixed: 2,
};

const CLOUDFORMATION_JSON: Case = Case {
    name: "cloudformation-json",
    files: &[File {
        path: "template.json",
        before: r#"{
  "Resources": {
    "Set": {
      "Type": "AWS::SSMIncidents::ReplicationSet",
      "Properties": {
        "Regions": [{ "RegionName": "us-east-1" }, { "RegionName": "US-WEST-2" }],
        "DeletionProtected": true
      }
    }
  }
}
"#,
        after: r#"{
  "Resources": {
    "Set": {
      "Type": "AWS::SSMIncidents::ReplicationSet",
      "Properties": {
        "Regions": [{ "RegionName": "us-east-1" }, { "RegionName": "us-west-2" }],
        "DeletionProtected": true
      }
    }
  }
}
"#,
    }],
    fixed: 1,
};

const TERRAFORM: Case = Case {
    name: "terraform",
    // The region is misspelt where the local is defined, and the argument that reads it too.
    files: &[File {
        path: "main.tf",
        before: r#"locals {
  standby_region = "eu-wset-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    region_name = local.standby_region
  }
}
"#,
        after: r#"locals {
  standby_region = "eu-west-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    name = local.standby_region
  }
}
"#,
    }],
    fixed: 2,
};

const PULUMI_YAML: Case = Case {
    name: "pulumi-yaml",
    files: &[File {
        path: "Pulumi.yaml",
        before: "name: incidents
runtime: yaml
resources:
  replicationSet:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
        - regionName: us-east-1 # the primary
        - name: 'us-wset-2'
",
        after: "name: incidents
runtime: yaml
resources:
  replicationSet:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
        - name: us-east-1 # the primary
        - name: 'us-west-2'
",
    }],
    fixed: 2,
};

const PULUMI_TYPESCRIPT: Case = Case {
    name: "pulumi-typescript",
    // The shorthand property names its value: the rename keeps it.
    files: &[
        kept("Pulumi.yaml", "name: incidents\nruntime: nodejs\n"),
        File {
            path: "index.ts",
            before: r#"import * as aws from "@pulumi/aws";

const region = [{ name: "us-east-1" }, { name: "us-west-2" }];

new aws.ssmincidents.ReplicationSet("incidents", {
    region,
    tags: { team: "operations" },
});
"#,
            after: r#"import * as aws from "@pulumi/aws";

const region = [{ name: "us-east-1" }, { name: "us-west-2" }];

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: region,
    tags: { team: "operations" },
});
"#,
        },
    ],
    fixed: 1,
};

const PULUMI_PYTHON: Case = Case {
    name: "pulumi-python",
    files: &[
        kept("Pulumi.yaml", "name: incidents\nruntime: python\n"),
        File {
            path: "__main__.py",
            before: r#"import pulumi_aws as aws

STANDBY_REGION = "eu-wset-1"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "eu-central-1"}, {"name": STANDBY_REGION}],
)
"#,
            after: r#"import pulumi_aws as aws

STANDBY_REGION = "eu-west-1"

aws.ssmincidents.ReplicationSet(
    "replication-set",
    regions=[{"name": "eu-central-1"}, {"name": STANDBY_REGION}],
)
"#,
        },
    ],
    fixed: 1,
};

const PULUMI_GO: Case = Case {
    name: "pulumi-go",
    files: &[
        kept("Pulumi.yaml", "name: incidents\nruntime: go\n"),
        kept(
            "go.mod",
            "module incidents\n\ngo 1.22\n\nrequire (\n\tgithub.com/pulumi/pulumi-aws/sdk/v7 v7.7.0\n\tgithub.com/pulumi/pulumi/sdk/v3 v3.190.0\n)\n",
        ),
        File {
            path: "main.go",
            before: "package main

import (
\t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents\"
\t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"
)

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
\t\t_, err := ssmincidents.NewReplicationSet(ctx, \"incidents\", &ssmincidents.ReplicationSetArgs{
\t\t\tRegions: ssmincidents.ReplicationSetRegionArray{
\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{RegionName: pulumi.String(\"us-east-1\")},
\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(\"us-wset-2\")},
\t\t\t},
\t\t})
\t\treturn err
\t})
}
",
            after: "package main

import (
\t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents\"
\t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"
)

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
\t\t_, err := ssmincidents.NewReplicationSet(ctx, \"incidents\", &ssmincidents.ReplicationSetArgs{
\t\t\tRegions: ssmincidents.ReplicationSetRegionArray{
\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(\"us-east-1\")},
\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(\"us-west-2\")},
\t\t\t},
\t\t})
\t\treturn err
\t})
}
",
        },
    ],
    fixed: 2,
};

const PULUMI_CSHARP: Case = Case {
    name: "pulumi-csharp",
    files: &[
        kept("Pulumi.yaml", "name: incidents\nruntime: dotnet\n"),
        File {
            path: "Program.cs",
            before: r#"using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Region =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = @"us-wset-2" },
        },
    });
});
"#,
            after: r#"using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = @"us-west-2" },
        },
    });
});
"#,
        },
    ],
    fixed: 2,
};

const PULUMI_JAVA: Case = Case {
    name: "pulumi-java",
    files: &[
        kept("Pulumi.yaml", "name: incidents\nruntime: java\n"),
        File {
            path: "src/main/java/myproject/App.java",
            before: r#"package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().regionName("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .build());
    }
}
"#,
            after: r#"package myproject;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.ssmincidents.ReplicationSet;
import com.pulumi.aws.ssmincidents.ReplicationSetArgs;
import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        new ReplicationSet("incidents", ReplicationSetArgs.builder()
            .regions(
                ReplicationSetRegionArgs.builder().name("us-east-1").build(),
                ReplicationSetRegionArgs.builder().name("us-west-2").build())
            .build());
    }
}
"#,
        },
    ],
    fixed: 1,
};

const CDK_TYPESCRIPT: Case = Case {
    name: "cdk-typescript",
    files: &[
        kept(
            "cdk.json",
            "{\n  \"app\": \"npx ts-node --prefer-ts-exts app.ts\"\n}\n",
        ),
        File {
            path: "app.ts",
            before: r#"import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: `us-wset-2` }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
"#,
            after: r#"import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";

class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: `us-west-2` }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Incidents", { env: { region: "us-east-1" } });
"#,
        },
    ],
    fixed: 1,
};

const CDK_PYTHON: Case = Case {
    name: "cdk-python",
    files: &[
        kept("cdk.json", "{\n  \"app\": \"python3 app.py\"\n}\n"),
        File {
            path: "app.py",
            before: r#"import aws_cdk as cdk
from aws_cdk import Stack, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(region="us-east-1"),
                {"region_name": "us-west-2"},
            ],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
"#,
            after: r#"import aws_cdk as cdk
from aws_cdk import Stack, aws_ssmincidents as ssmincidents
from constructs import Construct


class IncidentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        ssmincidents.CfnReplicationSet(
            self,
            "ReplicationSet",
            regions=[
                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(region_name="us-east-1"),
                {"region_name": "us-west-2"},
            ],
        )


app = cdk.App()
IncidentsStack(app, "Incidents", env=cdk.Environment(region="us-east-1"))
app.synth()
"#,
        },
    ],
    fixed: 1,
};

const CASES: &[Case] = &[
    CLOUDFORMATION_YAML,
    CLOUDFORMATION_JSON,
    TERRAFORM,
    PULUMI_YAML,
    PULUMI_TYPESCRIPT,
    PULUMI_PYTHON,
    PULUMI_GO,
    PULUMI_CSHARP,
    PULUMI_JAVA,
    CDK_TYPESCRIPT,
    CDK_PYTHON,
];

/// Writes the case's files below `directory`.
fn write_case(directory: &Path, case: &Case) {
    for file in case.files {
        let path = directory.join(file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a directory");
        }
        std::fs::write(path, file.before).expect("a writable file");
    }
}

/// Each file of the case below `directory` holds, byte for byte, its text before or after.
fn assert_files(directory: &Path, case: &Case, fixed: bool) {
    for file in case.files {
        let held = std::fs::read(directory.join(file.path)).expect("the file is there");
        let expected = if fixed { file.after } else { file.before };
        assert_eq!(
            String::from_utf8_lossy(&held),
            expected,
            "{}/{}",
            case.name,
            file.path
        );
    }
}

fn problems(count: usize) -> String {
    match count {
        1 => "1 problem".to_owned(),
        count => format!("{count} problems"),
    }
}

#[test]
fn the_fixes_of_every_format_are_made_byte_for_byte_and_once() {
    for case in CASES {
        let directory = support::project(&[]);
        write_case(directory.path(), case);
        let Run { stdout, stderr, .. } = run(irlint_without_colour()
            .current_dir(directory.path())
            .args(["--fix", "."]));
        assert_files(directory.path(), case, true);
        let summary = format!("Fixed {}; ", problems(case.fixed));
        let last = stdout.lines().last().unwrap_or_default();
        assert!(
            last.starts_with(&summary) && last.ends_with(" remaining."),
            "{}: {stdout}{stderr}",
            case.name
        );
        assert_eq!(stderr, "", "{}", case.name);

        let Run { stdout: again, .. } = run(irlint_without_colour()
            .current_dir(directory.path())
            .args(["--fix", "."]));
        assert_files(directory.path(), case, true);
        let last = again.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("Nothing to fix; "),
            "{}: {again}",
            case.name
        );
        let Run {
            stdout: diff,
            stderr,
            code,
            ..
        } = run(irlint_without_colour()
            .current_dir(directory.path())
            .args(["--diff", "."]));
        assert_eq!((diff.as_str(), code), ("", 0), "{}: {stderr}", case.name);
        assert_eq!(stderr, "Nothing to fix.\n", "{}", case.name);
    }
}

/// Where it matters, the remaining findings are those of the fixed files: the report, its
/// summary and the exit code.
#[test]
fn the_report_and_exit_code_are_those_of_the_fixed_files() {
    let directory = support::project(&[]);
    write_case(directory.path(), &PULUMI_YAML);
    let Run {
        stdout: before,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .arg("."));
    assert_eq!(code, 1, "{before}");
    assert!(
        before.contains("IRL012") && before.contains("IRL022"),
        "{before}"
    );
    let Run {
        stdout: after,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--fix", "."]));
    assert_eq!(code, 0, "{after}");
    assert!(
        !after.contains("IRL012") && !after.contains("IRL022"),
        "{after}"
    );
    assert!(
        after.ends_with("Fixed 2 problems; 0 remaining.\n"),
        "{after}"
    );
}

/// Every format's diff at once, as `git apply` takes it, named by the paths reports show.
#[test]
fn the_diff_of_every_format() {
    let directory = support::project(&[]);
    // The CRLF case is checked on its own below: a snapshot keeps no carriage returns.
    let cases: Vec<&Case> = (CASES.iter())
        .filter(|case| case.name != CLOUDFORMATION_YAML.name)
        .collect();
    for case in &cases {
        write_case(&directory.path().join(case.name), case);
    }
    let Run {
        stdout: diff,
        stderr,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--diff", "."]));
    assert_eq!(code, 1, "{stderr}");
    let fixed: usize = cases.iter().map(|case| case.fixed).sum();
    assert_eq!(stderr, format!("Would fix {}.\n", problems(fixed)));
    for case in &cases {
        assert_files(&directory.path().join(case.name), case, false);
    }
    insta::assert_snapshot!("diff_of_every_format", diff);
}

#[test]
fn the_diff_keeps_carriage_returns_and_says_the_last_line_has_no_end() {
    let directory = support::project(&[]);
    write_case(directory.path(), &CLOUDFORMATION_YAML);
    let Run {
        stdout: diff, code, ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--diff", "template.yaml"]));
    assert_eq!(code, 1);
    let expected = "--- a/template.yaml\n+++ b/template.yaml\n@@ -4,5 +4,5 @@\n     \
                    Properties:\r\n       Regions:\r\n         - RegionName: us-east-1\r\n\
                    -        - Region: us-wset-2\r\n+        - RegionName: us-west-2\r\n       \
                    DeletionProtected: true\n\\ No newline at end of file\n";
    assert_eq!(diff, expected);
}

/// A file that changed between the run's reading and its writing keeps the change, and the
/// findings reported are those of the file as it now is.
#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let directory = support::project(&[]);
    write_case(directory.path(), &TERRAFORM);
    let main_tf = directory.path().join("main.tf");
    let paths = [directory.path().to_path_buf()];
    let options = irlint::lint::Options::default();
    let prepared = irlint::fix::prepare(&paths, &options).expect("a run");
    assert_eq!(prepared.fixed(), 2);
    let edited = TERRAFORM.files[0].before.replace("us-east-1", "us-east-2");
    std::fs::write(&main_tf, &edited).expect("the module is writable");

    let fixes = prepared.write(&paths, &options).expect("a run");
    assert_eq!(std::fs::read_to_string(&main_tf).expect("readable"), edited);
    assert_eq!(fixes.fixed(), 0);
    assert!(fixes.files.is_empty());
    let [not_written] = fixes.not_written.as_slice() else {
        panic!("one file is not written: {:?}", fixes.not_written);
    };
    assert!(
        matches!(not_written.why, irlint::fix::WriteError::Changed),
        "{not_written}"
    );
    assert!(
        not_written
            .to_string()
            .ends_with("main.tf is not fixed: it changed since irlint read it"),
        "{not_written}"
    );
    let rules: Vec<&str> = (fixes.outcome.findings.iter())
        .map(|finding| finding.rule.id)
        .collect();
    assert!(rules.contains(&"IRL022"), "{rules:?}");
}

/// A file named on the command line is linted with its module, but only it is written: the
/// fix of a variable's default in `variables.tf` waits for the module to be linted.
#[test]
fn only_the_linted_files_are_written() {
    let directory = support::project(&[]);
    let main_tf = "resource \"aws_ssmincidents_replication_set\" \"main\" {\n  regions {\n    \
                   name = \"us-east-1\"\n  }\n  regions {\n    name = var.standby\n  }\n}\n";
    let variables_tf = "variable \"standby\" {\n  default = \"us-wset-2\"\n}\n";
    support::write(directory.path(), "main.tf", main_tf);
    support::write(directory.path(), "variables.tf", variables_tf);

    let Run { stdout, code, .. } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--fix", "main.tf"]));
    assert_eq!(code, 1, "the finding remains: {stdout}");
    assert!(stdout.contains("IRL012"), "{stdout}");
    assert!(
        stdout.ends_with("Nothing to fix; 1 problem remaining.\n"),
        "{stdout}"
    );
    let read = |name: &str| std::fs::read_to_string(directory.path().join(name)).expect("read");
    assert_eq!(read("variables.tf"), variables_tf);

    let Run { stdout, code, .. } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--fix", "."]));
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(read("variables.tf"), variables_tf.replace("wset", "west"));
    assert_eq!(read("main.tf"), main_tf);
}

/// What a suppression covers is not reported, and not fixed either.
#[test]
fn suppressed_findings_are_not_fixed() {
    let directory = support::project(&[]);
    let template = "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    \
                    Properties:\n      Regions:\n        - RegionName: us-east-1\n        \
                    - RegionName: us-wset-2 # irlint: ignore[IRL012] a region of tomorrow\n      \
                    DeletionProtected: true\n";
    let path = directory.path().join("template.yaml");
    std::fs::write(&path, template).expect("writable");
    let Run {
        stdout: diff, code, ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--diff", "."]));
    assert_eq!((diff.as_str(), code), ("", 0));
    let Run { stdout, .. } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--fix", "."]));
    assert!(
        stdout.ends_with("Nothing to fix; 0 problems remaining.\n"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), template);
}

/// Fixes are written through no symbolic link: the link's target keeps its text, and the
/// run says why.
#[cfg(unix)]
#[test]
fn a_symbolic_link_is_not_written_through() {
    let directory = support::project(&[]);
    write_case(&directory.path().join("real"), &CLOUDFORMATION_JSON);
    std::fs::create_dir(directory.path().join("linked")).expect("a directory");
    std::os::unix::fs::symlink(
        "../real/template.json",
        directory.path().join("linked/set.json"),
    )
    .expect("a symbolic link");
    let Run {
        stdout,
        stderr,
        code,
        ..
    } = run(irlint_without_colour()
        .current_dir(directory.path())
        .args(["--fix", "linked/set.json"]));
    assert_files(&directory.path().join("real"), &CLOUDFORMATION_JSON, false);
    assert_eq!(code, 1, "the finding remains: {stdout}");
    assert!(
        stdout.ends_with("Nothing to fix; 1 problem remaining.\n"),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "warning: linked/set.json is not fixed: it is a symbolic link, which irlint never \
         writes through\n"
    );
}

#[test]
fn the_diff_and_fixes_are_no_language_server_options() {
    let directory = support::project(&[]);
    for options in [
        &["--diff", "--lsp"][..],
        &["--fix", "--lsp"],
        &["--fix", "--diff"],
        &["--diff", "--format", "json"],
    ] {
        let Run { stderr, code, .. } = run(irlint_without_colour()
            .current_dir(directory.path())
            .args(options));
        assert_eq!(code, 2, "{options:?}: {stderr}");
        assert!(
            stderr.contains("cannot be used with"),
            "{options:?}: {stderr}"
        );
    }
}

/// Copies a directory tree of the test corpus below `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a directory");
    for entry in std::fs::read_dir(from).expect("a readable directory") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

/// IRL009's fix: the key id expression of a key the code declares becomes its ARN expression,
/// in every language; a key given through anything else (an alias, a literal) keeps its finding.
#[test]
fn a_key_id_of_a_declared_key_becomes_its_arn_in_every_language() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus");
    let mut cases = 0;
    for format in std::fs::read_dir(&corpus).expect("the corpus") {
        let format = format.expect("a directory entry").path();
        let Ok(case_dirs) = std::fs::read_dir(&format) else {
            continue;
        };
        for case in case_dirs {
            let case = case.expect("a directory entry").path();
            let name = case
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !name.starts_with("irl009-key-id-and-alias") && name != "irl009-ref-key-id-and-alias"
            {
                continue;
            }
            cases += 1;
            let directory = support::project(&[]);
            copy_tree(&case, directory.path());
            let key_ids = |directory: &Path| {
                let report = run(irlint_without_colour()
                    .current_dir(directory)
                    .args(["--format", "json", "--select", "IRL009", "."]))
                .json();
                (report["findings"].as_array().expect("findings").iter())
                    .filter(|finding| {
                        finding["message"]
                            .as_str()
                            .unwrap_or_default()
                            .contains("given as the key id of")
                    })
                    .count()
            };
            assert_eq!(key_ids(directory.path()), 1, "{name}");
            let Run { stdout, stderr, .. } = run(irlint_without_colour()
                .current_dir(directory.path())
                .args(["--fix", "--select", "IRL009", "."]));
            assert!(
                stdout.contains("Fixed 1 problem"),
                "{name}: {stdout}{stderr}"
            );
            assert_eq!(key_ids(directory.path()), 0, "{name}");
        }
    }
    assert_eq!(cases, 10, "a case in each language");
}
