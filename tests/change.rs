//! `irlint --base REV`: the change rules on real temporary git repositories. Each test commits a
//! base, changes the working tree (committed or not), runs the binary and reads its JSON report.
//!
//! Sets are described once ([`Set`]) and written in every format by a [`Dialect`]; a format is
//! one more entry in [`DIALECTS`], and every rule test runs in each.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod support;
use irlint::rules::{RULES, Registered};

fn is_change_rule(id: &str) -> bool {
    RULES
        .iter()
        .any(|rule| matches!(rule, Registered::Change(_)) && rule.meta().id == id)
}

/// A region name that the code cannot know (a variable or parameter without default).
const UNKNOWN_REGION: &str = "<unknown>";

/// The region the set is deployed to, not known without `--region` (`!Ref AWS::Region`,
/// `data.aws_region.current.name` of a provider without region).
const DEPLOYED_REGION: &str = "<deployed>";

#[derive(Clone, Copy)]
enum Key {
    AwsOwned,
    /// A key declared beside the set, by name.
    Declared(&'static str),
    /// A literal key ARN.
    Arn(&'static str),
    /// Some key, which one the code cannot tell (a parameter without default, a data source).
    Unknown,
    /// A key or none, decided at deployment (a condition, a variable that may be null).
    Optional,
}

#[derive(Clone)]
struct Set {
    name: &'static str,
    regions: Vec<(&'static str, Key)>,
    protected: Option<bool>,
    /// Key rotation of every declared key: an attribute that changes nothing about which key
    /// it is.
    rotation: bool,
}

fn set(regions: &[&'static str]) -> Set {
    Set {
        name: "main",
        regions: regions
            .iter()
            .map(|region| (*region, Key::AwsOwned))
            .collect(),
        protected: None,
        rotation: true,
    }
}

fn keyed(regions: &[(&'static str, Key)]) -> Set {
    Set {
        regions: regions.to_vec(),
        ..set(&[])
    }
}

impl Set {
    fn declared_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&str> = self
            .regions
            .iter()
            .filter_map(|(_, key)| match key {
                Key::Declared(name) => Some(*name),
                _ => None,
            })
            .collect();
        keys.dedup();
        keys
    }
}

const ARN_1: &str = "arn:aws:kms:us-east-1:111122223333:key/11111111-1111-1111-1111-111111111111";
const ARN_2: &str = "arn:aws:kms:us-east-1:111122223333:key/22222222-2222-2222-2222-222222222222";

/// How one format writes a set.
struct Dialect {
    name: &'static str,
    /// The file that declares the set, relative to the repository's top level.
    file: &'static str,
    /// Where a rename moves it (for Terraform, another module directory); `None` when the file
    /// cannot move alone (a Pulumi program's entry file is fixed by its project).
    renamed: Option<&'static str>,
    render: fn(&Set) -> String,
    /// What the set's declaration line holds, where findings about the whole set point.
    declaration: fn(&str) -> String,
    /// The property that sets deletion protection, when the format has one.
    protection: Option<&'static str>,
    /// Files the unit needs beside the one that declares the set (a Pulumi project file beside
    /// its program), written with it.
    companions: &'static [(&'static str, &'static str)],
}

impl Dialect {
    /// Writes the set's file, and the files beside it, into the working tree.
    fn write(&self, repo: &Repo, set: &Set) {
        self.write_text(repo, &(self.render)(set));
    }

    fn write_text(&self, repo: &Repo, text: &str) {
        for (path, companion) in self.companions {
            repo.write(path, companion);
        }
        repo.write(self.file, text);
    }
}

const DIALECTS: &[Dialect] = &[
    Dialect {
        name: "CloudFormation",
        file: "stacks/incidents.yaml",
        renamed: Some("stacks/replication.yaml"),
        render: cloudformation,
        declaration: |name| format!("  {name}:"),
        protection: Some("DeletionProtected"),
        companions: &[],
    },
    Dialect {
        name: "Terraform",
        file: "infra/main.tf",
        renamed: Some("platform/incidents/main.tf"),
        render: terraform,
        declaration: |name| format!(r#"resource "aws_ssmincidents_replication_set" "{name}""#),
        protection: None,
        companions: &[],
    },
    Dialect {
        name: "Pulumi YAML",
        file: "pulumi/Pulumi.yaml",
        renamed: Some("platform/incidents/Pulumi.yaml"),
        render: pulumi_yaml,
        declaration: |name| format!("  {name}:\n    type: aws:ssmincidents:ReplicationSet"),
        protection: None,
        companions: &[],
    },
    Dialect {
        name: "Pulumi TypeScript",
        file: "pulumi/index.ts",
        renamed: None,
        render: pulumi_typescript,
        declaration: |name| format!(r#"ReplicationSet("{name}""#),
        protection: None,
        companions: &[(
            "pulumi/Pulumi.yaml",
            "name: incidents\nruntime: nodejs\nconfig:\n  incidents:region:\n    type: string\n",
        )],
    },
    Dialect {
        name: "Pulumi Python",
        file: "pulumi/__main__.py",
        renamed: None,
        render: pulumi_python,
        declaration: |name| format!(r#"ReplicationSet("{name}""#),
        protection: None,
        companions: &[("pulumi/Pulumi.yaml", "name: incidents\nruntime: python\n")],
    },
    Dialect {
        name: "CDK TypeScript",
        file: "cdk/app.ts",
        renamed: None,
        render: cdk_typescript,
        declaration: |name| format!(r#"CfnReplicationSet(this, "{name}""#),
        protection: Some("deletionProtected"),
        companions: &[("cdk/cdk.json", r#"{ "app": "npx ts-node app.ts" }"#)],
    },
    Dialect {
        name: "CDK Python",
        file: "cdk/app.py",
        renamed: None,
        render: cdk_python,
        declaration: |name| format!(r#"CfnReplicationSet(self, "{name}""#),
        protection: Some("deletion_protected"),
        companions: &[("cdk/cdk.json", r#"{ "app": "python3 app.py" }"#)],
    },
];

/// pulumi-aws cannot set deletion protection: `protected` is not written. Unknown values come
/// from configuration: a region without default, a key or none from a key defaulting to `""`
/// (a required one would be some key); the deployed region from `aws:getRegion`.
fn pulumi_yaml(set: &Set) -> String {
    let mut text = String::from(
        "name: incidents\nruntime: yaml\nconfig:\n  region:\n    type: string\n  keyArn:\n    type: string\n    default: \"\"\n\
         variables:\n  current:\n    fn::invoke:\n      function: aws:getRegion\n      return: name\n\
         \x20 someKey:\n    fn::invoke:\n      function: aws:kms:getKey\n      arguments:\n        keyId: alias/incidents\n      return: arn\n\
         resources:\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "  {key}:\n    type: aws:kms:Key\n    properties:\n      enableKeyRotation: {}\n",
            set.rotation
        );
    }
    text += &format!(
        "  {}:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n",
        set.name
    );
    for (region, key) in &set.regions {
        match *region {
            UNKNOWN_REGION => text += "        - name: ${region}\n",
            DEPLOYED_REGION => text += "        - name: ${current}\n",
            region => text += &format!("        - name: {region}\n"),
        }
        match key {
            Key::AwsOwned => {}
            Key::Declared(name) => text += &format!("          kmsKeyArn: ${{{name}.arn}}\n"),
            Key::Arn(arn) => text += &format!("          kmsKeyArn: {arn}\n"),
            Key::Unknown => text += "          kmsKeyArn: ${someKey}\n",
            Key::Optional => text += "          kmsKeyArn: ${keyArn}\n",
        }
    }
    text
}

/// A region as a TypeScript or Python program names it: the two read configuration and the
/// provider's region alike.
fn program_region(region: &str) -> String {
    match region {
        UNKNOWN_REGION => "config.require(\"region\")".to_owned(),
        DEPLOYED_REGION => "aws.config.region".to_owned(),
        region => format!("\"{region}\""),
    }
}

fn pulumi_typescript(set: &Set) -> String {
    let mut text = String::from(
        "import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\n\
         const config = new pulumi.Config();\n\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "const {key} = new aws.kms.Key(\"{key}\", {{ enableKeyRotation: {} }});\n",
            set.rotation
        );
    }
    text += &format!(
        "\nnew aws.ssmincidents.ReplicationSet(\"{}\", {{\n    regions: [\n",
        set.name
    );
    for (region, key) in &set.regions {
        let name = program_region(region);
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!(", kmsKeyArn: {name}.arn"),
            Key::Arn(arn) => format!(", kmsKeyArn: \"{arn}\""),
            Key::Unknown => ", kmsKeyArn: config.require(\"keyArn\")".to_owned(),
            Key::Optional => ", kmsKeyArn: config.get(\"keyArn\")".to_owned(),
        };
        text += &format!("        {{ name: {name}{key} }},\n");
    }
    text + "    ],\n});\n"
}

fn pulumi_python(set: &Set) -> String {
    let mut text =
        String::from("import pulumi\nimport pulumi_aws as aws\n\nconfig = pulumi.Config()\n\n");
    for key in set.declared_keys() {
        text += &format!(
            "{key} = aws.kms.Key(\"{key}\", enable_key_rotation={})\n",
            if set.rotation { "True" } else { "False" }
        );
    }
    text += &format!(
        "\naws.ssmincidents.ReplicationSet(\"{}\", regions=[\n",
        set.name
    );
    for (region, key) in &set.regions {
        let name = program_region(region);
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!(", \"kms_key_arn\": {name}.arn"),
            Key::Arn(arn) => format!(", \"kms_key_arn\": \"{arn}\""),
            Key::Unknown => {
                ", \"kms_key_arn\": aws.kms.get_key(key_id=\"alias/incidents\").arn".to_owned()
            }
            Key::Optional => ", \"kms_key_arn\": config.get(\"key_arn\")".to_owned(),
        };
        text += &format!("    {{\"name\": {name}{key}}},\n");
    }
    text + "])\n"
}

/// A CDK app of one environment-agnostic stack (deployed to the region `cdk deploy` is given),
/// whose set and keys are written in the stack's constructor. A region the code cannot know is
/// read from the context; a key it cannot tell is looked up by alias.
fn cdk_typescript(set: &Set) -> String {
    let mut text = String::from(
        "import * as cdk from \"aws-cdk-lib\";\nimport { Construct } from \"constructs\";\n\
         import * as kms from \"aws-cdk-lib/aws-kms\";\n\
         import * as ssmincidents from \"aws-cdk-lib/aws-ssmincidents\";\n\n\
         class IncidentsStack extends cdk.Stack {\n\
         \x20 constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n\
         \x20   super(scope, id, props);\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "    const {key} = new kms.Key(this, \"{key}\", {{ enableKeyRotation: {} }});\n",
            set.rotation
        );
    }
    text += &format!(
        "    new ssmincidents.CfnReplicationSet(this, \"{}\", {{\n",
        set.name
    );
    if let Some(protected) = set.protected {
        text += &format!("      deletionProtected: {protected},\n");
    }
    text += "      regions: [\n";
    for (region, key) in &set.regions {
        let name = match *region {
            UNKNOWN_REGION => "this.node.tryGetContext(\"region\")".to_owned(),
            DEPLOYED_REGION => "cdk.Aws.REGION".to_owned(),
            region => format!("\"{region}\""),
        };
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!("{name}.keyArn"),
            Key::Arn(arn) => format!("\"{arn}\""),
            Key::Unknown => {
                "kms.Key.fromLookup(this, \"Looked\", { aliasName: \"alias/incidents\" }).keyArn"
                    .to_owned()
            }
            Key::Optional => "this.node.tryGetContext(\"keyArn\")".to_owned(),
        };
        let configuration = match key.is_empty() {
            true => String::new(),
            false => format!(", regionConfiguration: {{ sseKmsKeyId: {key} }}"),
        };
        text += &format!("        {{ regionName: {name}{configuration} }},\n");
    }
    text + "      ],\n    });\n  }\n}\n\nconst app = new cdk.App();\n\
            new IncidentsStack(app, \"Incidents\");\n"
}

/// The CDK app of [`cdk_typescript`] in Python.
fn cdk_python(set: &Set) -> String {
    let mut text = String::from(
        "import aws_cdk as cdk\nfrom aws_cdk import aws_kms as kms, aws_ssmincidents as ssmincidents\n\
         from constructs import Construct\n\n\n\
         class IncidentsStack(cdk.Stack):\n\
         \x20   def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:\n\
         \x20       super().__init__(scope, construct_id, **kwargs)\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "        {key} = kms.Key(self, \"{key}\", enable_key_rotation={})\n",
            if set.rotation { "True" } else { "False" }
        );
    }
    text += &format!(
        "        ssmincidents.CfnReplicationSet(self, \"{}\",\n",
        set.name
    );
    if let Some(protected) = set.protected {
        let protected = if protected { "True" } else { "False" };
        text += &format!("            deletion_protected={protected},\n");
    }
    text += "            regions=[\n";
    for (region, key) in &set.regions {
        let name = match *region {
            UNKNOWN_REGION => "self.node.try_get_context(\"region\")".to_owned(),
            DEPLOYED_REGION => "cdk.Aws.REGION".to_owned(),
            region => format!("\"{region}\""),
        };
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!("{name}.key_arn"),
            Key::Arn(arn) => format!("\"{arn}\""),
            Key::Unknown => {
                "kms.Key.from_lookup(self, \"Looked\", alias_name=\"alias/incidents\").key_arn"
                    .to_owned()
            }
            Key::Optional => "self.node.try_get_context(\"key_arn\")".to_owned(),
        };
        let configuration = match key.is_empty() {
            true => String::new(),
            false => format!(", \"region_configuration\": {{\"sse_kms_key_id\": {key}}}"),
        };
        text += &format!("                {{\"region_name\": {name}{configuration}}},\n");
    }
    text + "            ],\n        )\n\n\napp = cdk.App()\nIncidentsStack(app, \"Incidents\")\napp.synth()\n"
}

fn cloudformation(set: &Set) -> String {
    let mut text = String::from(
        "Parameters:\n  Region:\n    Type: String\n  KeyArn:\n    Type: String\n  KeyMode:\n    Type: String\n\
         Conditions:\n  UseKey: !Equals [!Ref KeyMode, customer]\nResources:\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "  {key}:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: {}\n",
            set.rotation
        );
    }
    text += &format!(
        "  {}:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n",
        set.name
    );
    if let Some(protected) = set.protected {
        text += &format!("      DeletionProtected: {protected}\n");
    }
    text += "      Regions:\n";
    for (region, key) in &set.regions {
        match *region {
            UNKNOWN_REGION => text += "        - RegionName: !Ref Region\n",
            DEPLOYED_REGION => text += "        - RegionName: !Ref AWS::Region\n",
            region => text += &format!("        - RegionName: {region}\n"),
        }
        let key = match key {
            Key::AwsOwned => continue,
            Key::Declared(name) => format!("!GetAtt {name}.Arn"),
            Key::Arn(arn) => (*arn).to_owned(),
            Key::Unknown => "!Ref KeyArn".to_owned(),
            Key::Optional => "!If [UseKey, !Ref KeyArn, !Ref AWS::NoValue]".to_owned(),
        };
        text += &format!("          RegionConfiguration:\n            SseKmsKeyId: {key}\n");
    }
    text
}

/// Terraform cannot set deletion protection: `protected` is not written.
fn terraform(set: &Set) -> String {
    let mut text = String::from(
        "variable \"region\" {\n  type = string\n}\n\nvariable \"key_arn\" {\n  type = string\n}\n\n\
         data \"aws_kms_key\" \"by_alias\" {\n  key_id = \"alias/incidents\"\n}\n\n\
         data \"aws_region\" \"current\" {}\n\n",
    );
    for key in set.declared_keys() {
        text += &format!(
            "resource \"aws_kms_key\" \"{key}\" {{\n  enable_key_rotation = {}\n}}\n\n",
            set.rotation
        );
    }
    text += &format!(
        "resource \"aws_ssmincidents_replication_set\" \"{}\" {{\n",
        set.name
    );
    for (region, key) in &set.regions {
        text += "  regions {\n";
        match *region {
            UNKNOWN_REGION => text += "    name = var.region\n",
            DEPLOYED_REGION => text += "    name = data.aws_region.current.name\n",
            region => text += &format!("    name = \"{region}\"\n"),
        }
        match key {
            Key::AwsOwned => {}
            Key::Declared(name) => text += &format!("    kms_key_arn = aws_kms_key.{name}.arn\n"),
            Key::Arn(arn) => text += &format!("    kms_key_arn = \"{arn}\"\n"),
            Key::Unknown => text += "    kms_key_arn = data.aws_kms_key.by_alias.arn\n",
            Key::Optional => text += "    kms_key_arn = var.key_arn\n",
        }
        text += "  }\n";
    }
    text + "}\n"
}

/// A temporary git repository.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo.write("README.md", "infrastructure\n");
        repo.commit("start");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) {
        support::git(self.path(), args);
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories created");
        std::fs::write(path, text).expect("file written");
    }

    fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).expect("file removed");
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--allow-empty", "-m", message]);
    }

    /// Runs irlint in the repository with JSON output.
    fn lint(&self, args: &[&str]) -> Report {
        lint_in(self.path(), args)
    }
}

/// What irlint reported.
struct Report {
    code: i32,
    json: serde_json::Value,
    stderr: String,
}

/// A finding as `RULE path:line`.
fn located(finding: &serde_json::Value) -> String {
    format!(
        "{} {}:{}",
        finding["rule"].as_str().unwrap_or_default(),
        finding["path"].as_str().unwrap_or_default(),
        finding["start"]["line"]
    )
}

impl Report {
    fn findings(&self) -> Vec<&serde_json::Value> {
        self.json["findings"]
            .as_array()
            .map(|findings| findings.iter().collect())
            .unwrap_or_default()
    }

    /// The findings of change rules, as `RULE path:line`.
    fn changes(&self) -> Vec<String> {
        self.findings()
            .into_iter()
            .filter(|f| is_change_rule(f["rule"].as_str().unwrap_or_default()))
            .map(located)
            .collect()
    }

    /// The message of the only finding of `rule`.
    fn message(&self, rule: &str) -> String {
        let messages: Vec<&str> = self
            .findings()
            .into_iter()
            .filter(|f| f["rule"] == rule)
            .filter_map(|f| f["message"].as_str())
            .collect();
        assert_eq!(messages.len(), 1, "one {rule} finding: {messages:?}");
        messages[0].to_owned()
    }
}

fn lint_in(directory: &Path, args: &[&str]) -> Report {
    let output = Command::cargo_bin("irlint")
        .expect("the irlint binary is built")
        .current_dir(directory)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("irlint runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    Report {
        code: output.status.code().expect("an exit code"),
        json: serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in\n{text}"));
    text[..start].matches('\n').count() + 1
}

/// Commits the base (no file at all for `None`), writes the head into the working tree (removes
/// the file for `None`) without committing, and lints the repository against `HEAD`.
fn change(dialect: &Dialect, base: Option<&Set>, head: Option<&Set>) -> (Repo, Report) {
    let repo = Repo::new();
    if let Some(base) = base {
        dialect.write(&repo, base);
        repo.commit("base");
    }
    match head {
        Some(head) => dialect.write(&repo, head),
        None => repo.remove(dialect.file),
    }
    let report = repo.lint(&["--base", "HEAD"]);
    (repo, report)
}

/// `RULE file:line` at the line of `needle` in the head's text.
fn at(rule: &str, dialect: &Dialect, head: &Set, needle: &str) -> String {
    format!(
        "{rule} {}:{}",
        dialect.file,
        line_of(&(dialect.render)(head), needle)
    )
}

#[test]
fn two_added_regions_are_one_change_too_many() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "eu-west-1", "ap-southeast-2"]);
        let (_, report) = change(dialect, Some(&set(&["us-east-1"])), Some(&head));
        assert_eq!(
            report.changes(),
            [at("IRL002", dialect, &head, "eu-west-1")],
            "{}",
            dialect.name
        );
        assert_eq!(report.code, 1, "{}", dialect.name);
        assert!(
            report
                .message("IRL002")
                .contains("adds eu-west-1 and ap-southeast-2: deploy one region per change"),
            "{}: {}",
            dialect.name,
            report.message("IRL002")
        );
    }
}

#[test]
fn a_swapped_region_counts_two() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "eu-west-1"]);
        let (_, report) = change(
            dialect,
            Some(&set(&["us-east-1", "us-west-2"])),
            Some(&head),
        );
        assert_eq!(
            report.changes(),
            [at("IRL002", dialect, &head, "eu-west-1")],
            "{}",
            dialect.name
        );
        assert!(
            report
                .message("IRL002")
                .contains("adds eu-west-1, removes us-west-2"),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn two_removed_regions_point_at_the_set() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1"]);
        let base = set(&["us-east-1", "us-west-2", "eu-west-1"]);
        let (_, report) = change(dialect, Some(&base), Some(&head));
        let declaration = (dialect.declaration)("main");
        assert_eq!(
            report.changes(),
            [at("IRL002", dialect, &head, &declaration)],
            "{}",
            dialect.name
        );
        assert!(
            report
                .message("IRL002")
                .contains("removes us-west-2 and eu-west-1"),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn one_region_per_change_is_clean() {
    for dialect in DIALECTS {
        for (base, head) in [
            (set(&["us-east-1"]), set(&["us-east-1", "us-west-2"])),
            (set(&["us-east-1", "us-west-2"]), set(&["us-west-2"])),
            (
                set(&["us-east-1", "us-west-2"]),
                set(&["us-west-2", "us-east-1"]),
            ),
        ] {
            let (_, report) = change(dialect, Some(&base), Some(&head));
            assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
        }
    }
}

#[test]
fn creating_a_set_with_three_regions_is_exempt() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "us-west-2", "eu-west-1"]);
        let (_, report) = change(dialect, None, Some(&head));
        assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
    }
}

#[test]
fn an_unknown_region_keeps_region_changes_silent() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "us-west-2", UNKNOWN_REGION]);
        let (_, report) = change(dialect, Some(&set(&["us-east-1"])), Some(&head));
        assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
    }
}

#[test]
fn the_deployed_region_compares_with_itself_only() {
    for dialect in DIALECTS {
        let head = set(&[DEPLOYED_REGION, "us-west-2", "eu-west-1"]);
        let (_, report) = change(dialect, Some(&set(&[DEPLOYED_REGION])), Some(&head));
        assert_eq!(
            report.changes(),
            [at("IRL002", dialect, &head, "us-west-2")],
            "{}",
            dialect.name
        );
        // Added here, it may be the region removed: one change or three.
        let (_, report) = change(
            dialect,
            Some(&set(&["us-east-1"])),
            Some(&set(&[DEPLOYED_REGION, "us-west-2"])),
        );
        assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
    }
}

#[test]
fn without_base_no_change_rule_runs() {
    for dialect in DIALECTS {
        let (repo, _) = change(
            dialect,
            Some(&set(&["us-east-1"])),
            Some(&set(&["us-east-1", "us-west-2", "eu-west-1"])),
        );
        assert_eq!(
            repo.lint(&[]).changes(),
            Vec::<String>::new(),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_committed_change_compares_with_an_older_revision() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "eu-west-1", "ap-southeast-2"]);
        let (repo, _) = change(dialect, Some(&set(&["us-east-1"])), Some(&head));
        repo.commit("head");
        let report = repo.lint(&["--base", "HEAD~1"]);
        assert_eq!(
            report.changes(),
            [at("IRL002", dialect, &head, "eu-west-1")],
            "{}",
            dialect.name
        );
        assert!(repo.lint(&["--base", "HEAD"]).changes().is_empty());
    }
}

#[test]
fn another_key_for_a_kept_region() {
    for dialect in DIALECTS {
        let base = keyed(&[
            ("us-east-1", Key::Declared("east")),
            ("us-west-2", Key::Declared("west")),
        ]);
        let head = keyed(&[
            ("us-east-1", Key::Declared("replacement")),
            ("us-west-2", Key::Declared("west")),
        ]);
        let (_, report) = change(dialect, Some(&base), Some(&head));
        assert_eq!(
            report.changes(),
            [at("IRL006", dialect, &head, "replacement.")],
            "{}",
            dialect.name
        );
        assert!(
            report.message("IRL006").contains("of region us-east-1"),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn another_literal_key_arn_for_a_kept_region() {
    for dialect in DIALECTS {
        let head = keyed(&[("us-east-1", Key::Arn(ARN_2))]);
        let (_, report) = change(
            dialect,
            Some(&keyed(&[("us-east-1", Key::Arn(ARN_1))])),
            Some(&head),
        );
        assert_eq!(
            report.changes(),
            [at("IRL006", dialect, &head, ARN_2)],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn the_same_key_with_other_attributes_is_no_key_change() {
    for dialect in DIALECTS {
        let base = keyed(&[
            ("us-east-1", Key::Declared("east")),
            ("us-west-2", Key::Arn(ARN_1)),
        ]);
        let head = Set {
            rotation: false,
            ..base.clone()
        };
        let (_, report) = change(dialect, Some(&base), Some(&head));
        assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
    }
}

#[test]
fn an_unknown_key_keeps_key_changes_silent() {
    for dialect in DIALECTS {
        for unknown in [Key::Unknown, Key::Optional] {
            let (_, report) = change(
                dialect,
                Some(&keyed(&[("us-east-1", Key::Declared("east"))])),
                Some(&keyed(&[("us-east-1", unknown)])),
            );
            assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
        }
    }
}

#[test]
fn switching_key_types_either_way() {
    let aws_owned = set(&["us-east-1", "us-west-2"]);
    let customer = keyed(&[
        ("us-east-1", Key::Declared("east")),
        ("us-west-2", Key::Declared("west")),
    ]);
    for dialect in DIALECTS {
        for (base, head, to) in [
            (&aws_owned, &customer, "to customer managed keys"),
            (&customer, &aws_owned, "to AWS-owned keys"),
        ] {
            let (_, report) = change(dialect, Some(base), Some(head));
            let declaration = (dialect.declaration)("main");
            assert_eq!(
                report.changes(),
                [at("IRL007", dialect, head, &declaration)],
                "{}",
                dialect.name
            );
            assert!(report.message("IRL007").contains(to), "{}", dialect.name);
        }
        for unchanged in [&aws_owned, &customer] {
            let (_, report) = change(dialect, Some(unchanged), Some(unchanged));
            assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
        }
    }
}

#[test]
fn a_key_type_that_may_be_either_keeps_the_switch_silent() {
    for dialect in DIALECTS {
        let (_, report) = change(
            dialect,
            Some(&set(&["us-east-1"])),
            Some(&keyed(&[("us-east-1", Key::Optional)])),
        );
        assert!(
            !report.changes().iter().any(|f| f.starts_with("IRL007")),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_deleted_set_points_at_the_base_revision() {
    for dialect in DIALECTS {
        let base = set(&["us-east-1", "us-west-2"]);
        let (_, report) = change(dialect, Some(&base), None);
        let line = line_of(&(dialect.render)(&base), &(dialect.declaration)("main"));
        assert_eq!(
            report.changes(),
            [format!("IRL016 HEAD:{}:{line}", dialect.file)],
            "{}",
            dialect.name
        );
        assert_eq!(report.code, 0, "IRL016 is a warning");
    }
}

#[test]
fn a_set_removed_from_a_kept_file_is_deleted() {
    for dialect in DIALECTS {
        let base = set(&["us-east-1", "us-west-2"]);
        let renamed = Set {
            name: "other",
            ..base.clone()
        };
        let (_, report) = change(dialect, Some(&base), Some(&renamed));
        let line = line_of(&(dialect.render)(&base), &(dialect.declaration)("main"));
        assert_eq!(
            report.changes(),
            [format!("IRL016 HEAD:{}:{line}", dialect.file)],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_renamed_file_keeps_its_sets() {
    for dialect in DIALECTS {
        let repo = Repo::new();
        dialect.write(&repo, &set(&["us-east-1"]));
        repo.commit("base");
        repo.git(&[
            "mv",
            dialect.file.rsplit_once('/').expect("a directory").0,
            "moved",
        ]);
        let moved = dialect.file.replacen(
            dialect.file.rsplit_once('/').expect("a directory").0,
            "moved",
            1,
        );
        assert!(
            repo.lint(&["--base", "HEAD"]).changes().is_empty(),
            "{}",
            dialect.name
        );
        // Compared with the set as it was under its former name.
        let head = set(&["us-east-1", "us-west-2", "eu-west-1"]);
        repo.write(&moved, &(dialect.render)(&head));
        let line = line_of(&(dialect.render)(&head), "us-west-2");
        assert_eq!(
            repo.lint(&["--base", "HEAD"]).changes(),
            [format!("IRL002 {moved}:{line}")],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_set_moved_to_another_file_is_matched_by_identity() {
    for dialect in DIALECTS {
        let Some(renamed) = dialect.renamed else {
            continue;
        };
        let repo = Repo::new();
        dialect.write(&repo, &set(&["us-east-1"]));
        repo.commit("base");
        repo.remove(dialect.file);
        let head = set(&["us-east-1", "us-west-2", "eu-west-1"]);
        repo.write(renamed, &(dialect.render)(&head));
        let line = line_of(&(dialect.render)(&head), "us-west-2");
        assert_eq!(
            repo.lint(&["--base", "HEAD"]).changes(),
            [format!("IRL002 {renamed}:{line}")],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn disabling_deletion_protection() {
    for dialect in DIALECTS {
        let protected = Set {
            protected: Some(true),
            ..set(&["us-east-1", "us-west-2"])
        };
        let disabled = Set {
            protected: Some(false),
            ..protected.clone()
        };
        let absent = Set {
            protected: None,
            ..protected.clone()
        };
        let (_, report) = change(dialect, Some(&protected), Some(&disabled));
        let (_, removed) = change(dialect, Some(&protected), Some(&absent));
        let (_, kept) = change(dialect, Some(&protected), Some(&protected));
        assert!(kept.changes().is_empty(), "{}", dialect.name);
        let Some(property) = dialect.protection else {
            // The format cannot set deletion protection: nothing to disable.
            assert!(report.changes().is_empty(), "{}", dialect.name);
            assert!(removed.changes().is_empty(), "{}", dialect.name);
            continue;
        };
        assert_eq!(
            report.changes(),
            [at("IRL017", dialect, &disabled, property)],
            "{}",
            dialect.name
        );
        assert_eq!(
            removed.changes(),
            [at(
                "IRL017",
                dialect,
                &absent,
                &(dialect.declaration)("main")
            )],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_broken_base_file_is_not_reported() {
    for dialect in DIALECTS {
        let repo = Repo::new();
        dialect.write_text(&repo, &((dialect.render)(&set(&["us-east-1"])) + "\n{[\n"));
        repo.commit("base");
        dialect.write(&repo, &set(&["us-east-1", "us-west-2", "eu-west-1"]));
        let report = repo.lint(&["--base", "HEAD"]);
        assert_eq!(report.code, 0, "{}: {}", dialect.name, report.json);
        assert!(report.changes().is_empty(), "{}", dialect.name);
    }
}

/// Values a broken file would have given (a variable file, a local) are unknown at the base, so
/// the sets of a module read in part are not compared.
#[test]
fn a_module_read_in_part_at_the_base_is_not_compared() {
    let repo = Repo::new();
    repo.write("infra/main.tf", &terraform(&set(&["us-east-1"])));
    repo.write("infra/broken.tf", "locals {\n");
    repo.commit("base");
    repo.write("infra/broken.tf", "locals {}\n");
    repo.write(
        "infra/main.tf",
        &terraform(&set(&["us-east-1", "us-west-2", "eu-west-1"])),
    );
    let report = repo.lint(&["--base", "HEAD"]);
    assert_eq!(report.code, 0, "{}", report.json);
    assert!(report.changes().is_empty(), "{:?}", report.changes());
}

#[test]
fn a_set_in_a_broken_working_file_is_not_called_deleted() {
    for dialect in DIALECTS {
        let repo = Repo::new();
        dialect.write(&repo, &set(&["us-east-1"]));
        repo.commit("base");
        dialect.write_text(&repo, &((dialect.render)(&set(&["us-east-1"])) + "\n{[\n"));
        let report = repo.lint(&["--base", "HEAD"]);
        assert_eq!(report.code, 2, "{}: {}", dialect.name, report.json);
        assert!(report.changes().is_empty(), "{}", dialect.name);
    }
}

#[test]
fn a_linted_directory_deleted_from_the_working_tree_is_read_at_the_base() {
    for dialect in DIALECTS {
        let base = set(&["us-east-1"]);
        let repo = Repo::new();
        dialect.write(&repo, &base);
        repo.commit("base");
        let directory = dialect.file.split('/').next().expect("a directory");
        std::fs::remove_dir_all(repo.path().join(directory)).expect("directory removed");
        // Files of the base are named from the repository's top level, wherever irlint runs.
        let expected = [format!(
            "IRL016 HEAD:{}:{}",
            dialect.file,
            line_of(&(dialect.render)(&base), &(dialect.declaration)("main"))
        )];
        let report = repo.lint(&["--base", "HEAD", directory]);
        assert_eq!(report.changes(), expected, "{}", dialect.name);
        // From outside the repository, `--repo` names it.
        let absolute: PathBuf = repo.path().join(directory);
        let elsewhere = tempfile::tempdir().expect("temporary directory");
        let report = lint_in(
            elsewhere.path(),
            &[
                "--base",
                "HEAD",
                "--repo",
                repo.path().to_str().expect("a UTF-8 path"),
                absolute.to_str().expect("a UTF-8 path"),
            ],
        );
        assert_eq!(report.changes(), expected, "{}", dialect.name);
    }
}

#[test]
fn a_path_missing_on_both_sides_is_an_error() {
    let repo = Repo::new();
    let report = repo.lint(&["--base", "HEAD", "no/such/dir"]);
    assert_eq!(report.code, 2);
    assert_eq!(
        report.json["errors"][0]["path"], "no/such/dir",
        "{}",
        report.json
    );
}

#[test]
fn a_revision_that_does_not_exist_is_a_usage_error() {
    let repo = Repo::new();
    let report = repo.lint(&["--base", "no-such-branch"]);
    assert_eq!(report.code, 2);
    assert!(
        report.stderr.contains("`no-such-branch` is not a commit"),
        "{}",
        report.stderr
    );
    // Not an option of git's, nor git's other revision syntax.
    for refused in ["--output=x", "^HEAD", "HEAD..HEAD", ":/base", "HEAD@{0}"] {
        let report = repo.lint(&[&format!("--base={refused}")]);
        assert_eq!(report.code, 2);
        assert!(
            report.stderr.contains("is not a revision irlint accepts"),
            "{refused}: {}",
            report.stderr
        );
    }
}

#[test]
fn base_outside_a_repository_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = Command::cargo_bin("irlint")
        .expect("the irlint binary is built")
        .current_dir(dir.path())
        // Git must not find a repository above the temporary directory.
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("a parent"),
        )
        .args(["--base", "HEAD", "."])
        .output()
        .expect("irlint runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
}

const STEPS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/terraform/steps"
);

/// The step directories of each sequence, in order.
fn step_sequences() -> Vec<Vec<PathBuf>> {
    let directories = |path: &Path| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|entry| entry.expect("a readable entry").path())
            .filter(|path| path.is_dir())
            .collect();
        found.sort();
        found
    };
    let sequences: Vec<Vec<PathBuf>> = directories(Path::new(STEPS))
        .iter()
        .map(|sequence| directories(sequence))
        .collect();
    assert!(!sequences.is_empty(), "no step sequences in {STEPS}");
    sequences
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each step adds or removes exactly one region of the step before.
#[test]
fn the_acceptance_test_steps_change_one_region_at_a_time() {
    for steps in step_sequences() {
        let repo = Repo::new();
        repo.write("main.tf", &read(&steps[0].join("main.tf")));
        repo.commit("step 1");
        for step in &steps[1..] {
            repo.write("main.tf", &read(&step.join("main.tf")));
            let report = repo.lint(&["--base", "HEAD"]);
            assert!(
                report.json["errors"] == serde_json::json!([]),
                "{}",
                report.json
            );
            assert_eq!(report.changes(), Vec::<String>::new(), "{}", step.display());
            repo.commit("next step");
        }
    }
}

#[test]
fn adding_two_regions_to_an_acceptance_test_step_fires() {
    for steps in step_sequences() {
        let base = read(&steps[0].join("main.tf"));
        // The replication set is the last block of every step.
        let end = base.rfind('}').expect("a closing brace");
        let head = format!(
            "{}  regions {{\n    name = \"eu-west-1\"\n  }}\n  regions {{\n    name = \"ap-southeast-2\"\n  }}\n{}",
            &base[..end],
            &base[end..]
        );
        let repo = Repo::new();
        repo.write("main.tf", &base);
        repo.commit("step 1");
        repo.write("main.tf", &head);
        let report = repo.lint(&["--base", "HEAD"]);
        assert_eq!(
            report.changes(),
            [format!("IRL002 main.tf:{}", line_of(&head, "eu-west-1"))],
            "{}",
            steps[0].display()
        );
    }
}

/// The change rules that fire when the base commits `base` (paths and texts) and the working
/// tree then writes `head` as `infra/main.tf`, deployed in us-east-1.
fn terraform_change_rules(base: &[(&str, &str)], head: &str) -> Vec<String> {
    let repo = Repo::new();
    for (path, text) in base {
        repo.write(path, text);
    }
    repo.commit("base");
    repo.write("infra/main.tf", head);
    let report = repo.lint(&["--base", "HEAD", "--region", "us-east-1"]);
    let rules = report.changes().into_iter();
    rules
        .map(|f| f.split(' ').next().unwrap_or_default().to_owned())
        .collect()
}

/// Terraform's `moved` block pairs a renamed set with what it was (so a change across the move
/// is compared), and a `removed` block that keeps the set (`destroy = false`) is no deletion.
#[test]
fn terraform_moved_and_removed_blocks_say_what_became_of_a_set() {
    let set = |name: &str, second: &str| {
        format!(
            "resource \"aws_ssmincidents_replication_set\" \"{name}\" {{\n  regions {{\n    name = \"us-east-1\"\n  }}\n  regions {{\n    name = \"{second}\"\n  }}\n}}\n"
        )
    };
    let moved = "moved {\n  from = aws_ssmincidents_replication_set.main\n  to   = aws_ssmincidents_replication_set.primary\n}\n";
    let removed = |destroy: bool| {
        format!(
            "removed {{\n  from = aws_ssmincidents_replication_set.main\n  lifecycle {{\n    destroy = {destroy}\n  }}\n}}\n"
        )
    };
    let base = set("main", "us-west-2");
    let changes = |head: &str| terraform_change_rules(&[("infra/main.tf", &base)], head);
    // Moved, with a region swapped (two changes in one deployment): compared, not deleted.
    let swapped = set("primary", "eu-west-1") + moved;
    assert_eq!(changes(&swapped), ["IRL002"]);
    assert_eq!(
        changes(&(set("primary", "us-west-2") + moved)),
        Vec::<String>::new()
    );
    // Renamed without `moved`: the old set is deleted.
    assert_eq!(changes(&set("primary", "us-west-2")), ["IRL016"]);
    assert_eq!(changes(&removed(false)), Vec::<String>::new());
    assert_eq!(changes(&removed(true)), ["IRL016"]);
}

/// Sets in called modules pair by their full address: a change of what the call passes is
/// compared; a call renamed without `moved` deletes its sets; `moved` and `removed` blocks that
/// name the module cover the sets inside it.
#[test]
fn terraform_module_calls_pair_by_address_and_move_with_their_module() {
    let child = "variable \"regions\" {\n  type = list(string)\n}\n\nresource \"aws_ssmincidents_replication_set\" \"this\" {\n  dynamic \"regions\" {\n    for_each = var.regions\n    content {\n      name = regions.value\n    }\n  }\n}\n";
    let call = |name: &str, regions: &str| {
        format!(
            "module \"{name}\" {{\n  source  = \"./modules/incident-manager\"\n  regions = [{regions}]\n}}\n"
        )
    };
    let moved = "moved {\n  from = module.incident_manager\n  to   = module.incidents\n}\n";
    let removed =
        "removed {\n  from = module.incident_manager\n  lifecycle {\n    destroy = false\n  }\n}\n";
    let base_call = call("incident_manager", "\"us-east-1\", \"us-west-2\"");
    let base = [
        ("infra/modules/incident-manager/main.tf", child),
        ("infra/main.tf", base_call.as_str()),
    ];
    let changes = |head: &str| terraform_change_rules(&base, head);
    assert_eq!(changes(&base_call), Vec::<String>::new());
    // One region swapped for two others through the call's argument.
    let swapped = call(
        "incident_manager",
        "\"us-east-1\", \"eu-west-1\", \"ap-southeast-2\"",
    );
    assert_eq!(changes(&swapped), ["IRL002"]);
    // The call renamed: without `moved`, its set is deleted; with it, the set is the same.
    let renamed = call("incidents", "\"us-east-1\", \"us-west-2\"");
    assert_eq!(changes(&renamed), ["IRL016"]);
    assert_eq!(changes(&(renamed.clone() + moved)), Vec::<String>::new());
    let renamed_and_swapped = call(
        "incidents",
        "\"us-east-1\", \"eu-west-1\", \"ap-southeast-2\"",
    );
    assert_eq!(changes(&(renamed_and_swapped + moved)), ["IRL002"]);
    // The call removed from the code, its resources kept.
    assert_eq!(changes(removed), Vec::<String>::new());
    assert_eq!(changes(""), ["IRL016"]);
}
