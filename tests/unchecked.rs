//! What could not be checked: for each kind of unknown the front-ends produce, the note a run
//! reports, by its text and the text of the span it points at. Rules stay silent on unknowns;
//! these notes are what keeps that silence from reading as a pass.

mod support;

use irlint::lint::{self, Options};

/// A case: its files, the region given on the command line, and the notes expected, each as
/// `(file, the text its span covers, message)`, in order of file and position.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    region: Option<&'static str>,
    notes: Vec<(&'static str, &'static str, &'static str)>,
}

fn case(
    name: &'static str,
    files: &[(&'static str, &str)],
    notes: &[(&'static str, &'static str, &'static str)],
) -> Case {
    Case {
        name,
        files: (files.iter())
            .map(|(path, text)| (*path, (*text).to_owned()))
            .collect(),
        region: None,
        notes: notes.to_vec(),
    }
}

const DEPLOY_REGION: &str = "the deploy region is unknown: deploy it with a samconfig.toml that names the region, pass --region, or set `region` in irlint.toml";

/// The notes of a run over the case's files, as `(file, span text, message)`; the run must
/// report no error.
fn notes(case: &Case) -> Vec<(String, String, String)> {
    let dir = support::project(&[]);
    for (path, text) in &case.files {
        support::write(dir.path(), path, text);
    }
    let options = Options {
        region: case.region.map(str::to_owned),
        ..Options::default()
    };
    let outcome = lint::run(&[dir.path().to_path_buf()], &options).expect("a run");
    assert_eq!(outcome.errors, [], "{}", case.name);
    (outcome.unchecked.iter())
        .map(|note| {
            let file = outcome.sources.get(note.span.file);
            let relative = file.path.strip_prefix(dir.path()).unwrap_or(&file.path);
            (
                relative.to_string_lossy().replace('\\', "/"),
                file.text[note.span.start..note.span.end].to_owned(),
                note.message(),
            )
        })
        .collect()
}

const CLOUDFORMATION: &str = "\
Parameters:
  Standby:
    Type: String
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
          RegionConfiguration:
            SseKmsKeyId: !ImportValue IncidentKey
        - RegionName: !Ref Standby
";

/// A set's own values and a key's attributes, with the stack's region given.
const CLOUDFORMATION_ATTRIBUTES: &str = r#"Parameters:
  Protect:
    Type: String
  Spec:
    Type: String
Conditions:
  Primary: !Equals [!Ref AWS::AccountId, "111122223333"]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: !Ref Spec
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "*" }
            Action: "kms:*"
            Resource: "*"
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Condition: Primary
    Properties:
      DeletionProtected: !Ref Protect
      Regions:
        - RegionName: us-east-1
          RegionConfiguration:
            SseKmsKeyId: !GetAtt Key.Arn
      Tags:
        - Key: stack
          Value: !Ref AWS::StackName
"#;

const TERRAFORM_REGIONS: &str = r#"variable "regions" {
  type = list(string)
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "regions" {
    for_each = var.regions
    content {
      name = regions.value
    }
  }
}
"#;

const TERRAFORM_PROVIDER: &str = r#"variable "region" {}

provider "aws" {
  region = var.region
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    name = "us-west-2"
  }
}
"#;

const PULUMI_TYPESCRIPT: &str = r#"import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
new aws.ssmincidents.ReplicationSet("incidents", {
  regions: [{ name: "us-east-1", kmsKeyArn: config.require("kmsKey") }, { name: "us-west-2" }],
});
"#;

/// A key whose arguments are read from the stack's configuration as a whole.
const PULUMI_KEY_ARGUMENTS: &str = r#"import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const key = new aws.kms.Key("key", config.requireObject("keyArgs"));
new aws.ssmincidents.ReplicationSet("incidents", {
  regions: [{ name: "us-east-1", kmsKeyArn: key.arn }],
});
"#;

const CDK_STACK: &str = r#"import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
    });
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Dev");
new IncidentsStack(app, "Prod", { env: { region: "us-east-1" } });
"#;

const CDK_CYCLE: &str = r#"import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";
class Incidents extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
    });
    new Incidents(this, "Again");
  }
}
class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { env: { region: "us-east-1" } });
    new Incidents(this, "Incidents");
  }
}

const app = new cdk.App();
new IncidentsStack(app, "Prod");
"#;

const CDK_JSON: &str = r#"{ "app": "npx ts-node --prefer-ts-exts app.ts" }"#;

/// A CDK app whose stack makes a replication set and an object of `Level0`, and whose classes
/// `Level0` … `Level{levels - 1}` each make an object of the next for each of `ids`.
fn cdk_levels(levels: usize, ids: &[&str]) -> String {
    let mut app = String::from(
        "import * as cdk from \"aws-cdk-lib\";\n\
         import { Construct } from \"constructs\";\n\
         import * as ssmincidents from \"aws-cdk-lib/aws-ssmincidents\";\n",
    );
    for level in 0..levels {
        let next = level + 1;
        let made: String = (ids.iter())
            .filter(|_| next < levels)
            .map(|id| format!("    new Level{next}(this, \"{id}\");\n"))
            .collect();
        app.push_str(&format!(
            "class Level{level} extends Construct {{\n  constructor(scope: Construct, id: string) \
             {{\n    super(scope, id);\n{made}  }}\n}}\n"
        ));
    }
    app.push_str(
        r#"class IncidentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { env: { region: "us-east-1" } });
    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {
      regions: [{ regionName: "us-east-1" }, { regionName: "us-west-2" }],
    });
    new Level0(this, "Tree");
  }
}
const app = new cdk.App();
new IncidentsStack(app, "Prod");
"#,
    );
    app
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        // CloudFormation: the stack's region is chosen when it is deployed; a parameter without
        // a default; a value imported from another stack.
        case(
            "cloudformation",
            &[("template.yaml", CLOUDFORMATION)],
            &[
                ("template.yaml", "Set", DEPLOY_REGION),
                (
                    "template.yaml",
                    "!ImportValue IncidentKey",
                    "the key of region `us-east-1` is unknown: imported from another stack",
                ),
                (
                    "template.yaml",
                    "!Ref Standby",
                    "a region's name is unknown: parameter `Standby` has no default",
                ),
            ],
        ),
        // Terraform: regions generated from a variable that has no value here.
        case(
            "terraform regions",
            &[("main.tf", TERRAFORM_REGIONS)],
            &[(
                "main.tf",
                "var.regions",
                "the set's regions are unknown: variable `regions` has no default and no variable \
                 file sets it: lint the module's caller, or pass --var-file or --var",
            )],
        ),
        // Terraform: the provider's region is such a variable.
        case(
            "terraform provider",
            &[("main.tf", TERRAFORM_PROVIDER)],
            &[(
                "main.tf",
                "var.region",
                "the region of provider `aws` is unknown: variable `region` has no default and no \
                 variable file sets it: lint the module's caller, or pass --var-file or --var",
            )],
        ),
        // Pulumi: a key read from the stack's configuration; stacks with and without
        // `aws:region`.
        case(
            "pulumi",
            &[
                ("Pulumi.yaml", "name: incidents\nruntime: nodejs\n"),
                ("Pulumi.prod.yaml", "config:\n  aws:region: us-east-1\n"),
                ("Pulumi.dev.yaml", "config: {}\n"),
                ("index.ts", PULUMI_TYPESCRIPT),
            ],
            &[
                (
                    "index.ts",
                    "\"incidents\"",
                    "in stack `dev` (no aws:region): the deploy region is unknown: set \
                     `aws:region` in a stack file (Pulumi.<stack>.yaml), pass --region, or set \
                     `region` in irlint.toml",
                ),
                (
                    "index.ts",
                    "config.require(\"kmsKey\")",
                    "the key of region `us-east-1` is unknown: the result of \
                     `config.require(\"kmsKey\")`, a value of the stack's configuration",
                ),
            ],
        ),
        // Every attribute of a key unknown for one reason is one note.
        case(
            "pulumi key arguments",
            &[
                ("Pulumi.yaml", "name: incidents\nruntime: nodejs\n"),
                ("Pulumi.prod.yaml", "config:\n  aws:region: us-east-1\n"),
                ("index.ts", PULUMI_KEY_ARGUMENTS),
            ],
            &[(
                "index.ts",
                "\"key\"",
                "the region, key spec, key usage, origin, enabled state and policy of key `key` \
                 are unknown: the result of `config.requireObject(\"keyArgs\")`",
            )],
        ),
        // Arguments spread from what irlint cannot read: IRL022 cannot say one is missing.
        case(
            "pulumi spread arguments",
            &[
                ("Pulumi.yaml", "name: incidents\nruntime: nodejs\n"),
                ("Pulumi.prod.yaml", "config:\n  aws:region: us-east-1\n"),
                (
                    "index.ts",
                    "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\nconst config = new pulumi.Config();\nconst common = config.requireObject<object>(\"setArgs\");\nnew aws.ssmincidents.ReplicationSet(\"incidents\", { ...common, regions: [{ name: \"us-east-1\" }] });\n",
                ),
            ],
            &[(
                "index.ts",
                "\"incidents\"",
                "whether the set lacks a required argument is unknown: some of its arguments are \
                 not written out here (a spread, `**kwargs`, an object irlint cannot follow)",
            )],
        ),
        // A Pulumi runtime's program in a language irlint does not read.
        case(
            "pulumi f#",
            &[
                ("Pulumi.yaml", "name: incidents\nruntime: dotnet\n"),
                ("Program.fs", "open Pulumi.Aws.SsmIncidents\n"),
            ],
            &[(
                "Program.fs",
                "",
                "a program in F# is not read: of the languages the dotnet and java runtimes run, \
                 irlint reads C# and Java",
            )],
        ),
        // A Pulumi runtime irlint does not read.
        case(
            "pulumi runtime",
            &[
                ("Pulumi.yaml", "name: incidents\nruntime: fsharp\n"),
                ("Program.fs", "open Pulumi.Aws.SsmIncidents\n"),
            ],
            &[(
                "Pulumi.yaml",
                "fsharp",
                "a Pulumi program of the runtime `fsharp` is not read: irlint reads the runtimes \
                 yaml, nodejs, python, go, dotnet and java",
            )],
        ),
        // A Pulumi YAML program in the directory `main` names, which is not among the files of
        // the project: the project file names the set's type itself.
        case(
            "pulumi yaml main",
            &[
                (
                    "Pulumi.yaml",
                    "name: incidents\nruntime: yaml\nmain: infra/\n\
                     description: the aws:ssmincidents:ReplicationSet of the account\n",
                ),
                (
                    "infra/Main.yaml",
                    "resources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n",
                ),
            ],
            &[(
                "Pulumi.yaml",
                "infra/",
                "a Pulumi YAML program in another directory is not read: irlint reads the program \
                 written in `Pulumi.yaml` itself, not one `main` names",
            )],
        ),
        // CDK: a stack without `env`, beside one with it.
        case(
            "cdk stack without env",
            &[("cdk.json", CDK_JSON), ("app.ts", CDK_STACK)],
            &[(
                "app.ts",
                "new IncidentsStack(app, \"Dev\")",
                "in stack `Dev`: the deploy region is unknown: give the stack an `env` with a \
                 region, pass --region, or set `region` in irlint.toml",
            )],
        ),
        // CDK: a class whose objects make one another.
        case(
            "cdk cycle",
            &[("cdk.json", CDK_JSON), ("app.ts", CDK_CYCLE)],
            &[(
                "app.ts",
                "new Incidents(this, \"Again\")",
                "the object `Prod/Incidents/Again` is not read: an object whose class makes \
                 itself (a cycle)",
            )],
        ),
        // A CDK app in a language irlint does not read.
        case(
            "cdk go",
            &[
                (
                    "cdk.json",
                    r#"{ "app": "go mod download && go run incidents.go" }"#,
                ),
                ("incidents.go", "// awsssmincidents.NewCfnReplicationSet\n"),
            ],
            &[(
                "cdk.json",
                "\"go mod download && go run incidents.go\"",
                "a CDK app in Go is not read: irlint reads CDK apps in TypeScript, JavaScript and \
                 Python",
            )],
        ),
    ];
    // CloudFormation: what a set and its key are written with.
    let mut attributes = case(
        "cloudformation attributes",
        &[("template.yaml", CLOUDFORMATION_ATTRIBUTES)],
        &[
            (
                "template.yaml",
                "!Ref Spec",
                "the key spec of key `Key` is unknown: parameter `Spec` has no default",
            ),
            (
                "template.yaml",
                "Primary",
                "how many sets `Set` creates is unknown: created only when condition `Primary` \
                 holds",
            ),
            (
                "template.yaml",
                "!Ref Protect",
                "whether the set is protected from deletion is unknown: parameter `Protect` has no \
                 default",
            ),
            (
                "template.yaml",
                "!Ref AWS::StackName",
                "the value of tag `stack` is unknown: `AWS::StackName` is known once deployed",
            ),
        ],
    );
    attributes.region = Some("us-east-1");
    cases.push(attributes);
    // CDK: objects nested past the deepest irlint makes (16 constructors: the stack's and 15
    // levels), and more objects than it makes (4,096: the stack, then a tree of 8,191 in which
    // the 4,097th is the last leaf of the first half).
    let mut nested = case(
        "cdk nesting",
        &[("cdk.json", CDK_JSON)],
        &[(
            "app.ts",
            "new Level15(this, \"A\")",
            "the object `Prod/Tree/A/A/A/A/A/A/A/A/A/A/A/A/A/A/A` is not read: an object made \
             inside more than 16 nested constructors",
        )],
    );
    nested.files.push(("app.ts", cdk_levels(17, &["A"])));
    cases.push(nested);
    let mut many = case(
        "cdk objects",
        &[("cdk.json", CDK_JSON)],
        &[(
            "app.ts",
            "new Level12(this, \"B\")",
            "the object this call makes is not read: the app makes more than 4096 objects, the \
             most irlint makes",
        )],
    );
    many.files.push(("app.ts", cdk_levels(13, &["A", "B"])));
    cases.push(many);
    cases
}

#[test]
fn each_kind_of_unknown_is_noted_with_its_reason() {
    let mut failures = Vec::new();
    for case in cases() {
        let expected: Vec<(String, String, String)> = (case.notes.iter())
            .map(|(file, text, message)| {
                (
                    (*file).to_owned(),
                    (*text).to_owned(),
                    (*message).to_owned(),
                )
            })
            .collect();
        let actual = notes(&case);
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  actual   {actual:#?}",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A region the command line gives makes the deploy region known: no note says it.
#[test]
fn the_deploy_region_given_is_no_unknown() {
    let mut given = case(
        "cloudformation --region",
        &[("template.yaml", CLOUDFORMATION)],
        &[],
    );
    given.region = Some("us-east-1");
    let messages: Vec<String> = notes(&given).into_iter().map(|(.., m)| m).collect();
    assert!(
        !messages.iter().any(|m| m == DEPLOY_REGION),
        "{messages:#?}"
    );
    assert_eq!(messages.len(), 2, "{messages:#?}");
}

/// A file the configuration excludes is not read: it yields no note.
#[test]
fn excluded_files_yield_no_notes() {
    let excluded = case(
        "excluded",
        &[
            ("template.yaml", CLOUDFORMATION),
            ("irlint.toml", "exclude = [\"template.yaml\"]\n"),
        ],
        &[],
    );
    assert_eq!(notes(&excluded), []);
}

/// A note is reported where a rule it concerns runs: the rule choice of the command line and of
/// `irlint.toml` leave out the notes of the rules they switch off.
#[test]
fn notes_follow_the_rules_that_run() {
    let dir = support::project(&[("template.yaml", CLOUDFORMATION_ATTRIBUTES)]);
    let noted = |args: &[&str]| -> Vec<String> {
        let run = support::run(
            support::irlint()
                .current_dir(dir.path())
                .args(["--format", "json", "--region", "us-east-1"])
                .args(args)
                .arg("template.yaml"),
        );
        let json = run.json();
        let notes = json["unchecked"].as_array().cloned().unwrap_or_default();
        let whats = notes.iter().filter_map(|note| note["what"].as_str());
        whats.map(str::to_owned).collect()
    };
    let tag = "the value of tag `stack` is unknown";
    let protection = "whether the set is protected from deletion is unknown";
    let spec = "the key spec of key `Key` is unknown";
    let instances = "how many sets `Set` creates is unknown";
    let every = noted(&[]);
    for note in [tag, protection, spec, instances] {
        assert!(every.iter().any(|what| what == note), "{note}: {every:#?}");
    }
    assert_eq!(noted(&["--select", "IRL014"]), [tag]);
    assert_eq!(noted(&["--select", "unsupported-key"]), [spec]);
    // IRL004 alone of the rules that read deletion protection runs without a base revision.
    assert_eq!(noted(&["--select", "IRL004,IRL014"]), [protection, tag]);
    assert_eq!(noted(&["--select", "IRL017"]), Vec::<String>::new());
    let ignored = noted(&["--ignore", "IRL014"]);
    assert_eq!(ignored.len(), every.len() - 1, "{ignored:#?}");
    assert!(!ignored.iter().any(|what| what == tag), "{ignored:#?}");
    // The configuration's `per-path` ignores as the command line's `--ignore` does.
    support::write(
        dir.path(),
        "irlint.toml",
        "[[per-path]]\npaths = [\"template.yaml\"]\nignore = [\"IRL014\"]\n",
    );
    assert_eq!(noted(&[]), ignored);
}

/// Through the binary: text output counts the notes under the summary, and with
/// `--show-unknown` shows each after the findings (the template's IRL001 here); JSON lists them
/// and counts them in its summary. The exit status is the findings' alone.
#[test]
fn reports_count_or_show_the_notes() {
    let dir = support::project(&[
        ("template.yaml", CLOUDFORMATION),
        ("infra/main.tf", TERRAFORM_REGIONS),
    ]);
    let lint = |args: &[&str]| {
        let run = support::run(
            support::irlint_without_colour()
                .current_dir(dir.path())
                .args(args)
                .arg("."),
        );
        assert_eq!(run.code, 1, "{args:?}: one IRL001");
        run
    };
    let run = |args: &[&str]| lint(args).stdout;
    let counted = run(&[]);
    assert!(
        counted.ends_with(
            "Found 1 problem (1 error) in 2 replication sets across 2 files.\n\
             4 checks could not be made; --show-unknown lists them.\n"
        ),
        "{counted}"
    );
    assert!(!counted.contains("note[unchecked]"), "{counted}");
    insta::assert_snapshot!("show_unknown", run(&["--show-unknown"]));
    let json = lint(&["--format", "json"]).json();
    let listed = json["unchecked"].as_array().map_or(0, Vec::len);
    assert_eq!((listed, &json["summary"]["unchecked"]), (4, &4.into()));
    assert_eq!(
        (&json["unchecked"][0]["path"], &json["unchecked"][0]["what"]),
        (
            &"infra/main.tf".into(),
            &"the set's regions are unknown".into()
        ),
        "{json:#}"
    );
}
