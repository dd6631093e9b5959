//! `irlint --base REV`: the change rules on real temporary git repositories. Each test commits a
//! base, changes the working tree (committed or not), runs the binary and reads its JSON report.
//!
//! Sets are described once ([`Set`]) and written in every format by a [`Dialect`]; a format is
//! one more entry in [`DIALECTS`], and every rule test runs in each.

use std::path::{Path, PathBuf};

#[path = "support/shared.rs"]
mod shared;
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

/// What removing the set and its keys from the code does, as the code says it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Removal {
    /// Nothing is written: the format's default (every resource is deleted, but a CDK
    /// `kms.Key`, which is retained).
    Default,
    /// The set and its keys are kept (`DeletionPolicy: Retain`, `retainOnDelete`,
    /// `RemovalPolicy.RETAIN`).
    Retain,
    /// Every key is deleted, a CDK `kms.Key` too (`RemovalPolicy.DESTROY`).
    Destroy,
}

#[derive(Clone)]
struct Set {
    name: &'static str,
    regions: Vec<(&'static str, Key)>,
    protected: Option<bool>,
    /// Key rotation of every declared key: an attribute that changes nothing about which key
    /// it is.
    rotation: bool,
    removal: Removal,
    /// Keys declared beside those of the regions.
    also_declared: &'static [&'static str],
    /// Declared keys written disabled.
    disabled: &'static [&'static str],
    /// Only the keys are written: the set is removed from the code.
    keys_only: bool,
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
        removal: Removal::Default,
        also_declared: &[],
        disabled: &[],
        keys_only: false,
    }
}

fn keyed(regions: &[(&'static str, Key)]) -> Set {
    Set {
        regions: regions.to_vec(),
        ..set(&[])
    }
}

impl Set {
    /// The keys the code declares: those of the regions, then the others.
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
        for key in self.also_declared.iter().chain(self.disabled) {
            if !keys.contains(key) {
                keys.push(key);
            }
        }
        keys
    }

    fn is_disabled(&self, key: &str) -> bool {
        self.disabled.contains(&key)
    }

    fn retained(&self) -> bool {
        self.removal == Removal::Retain
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
    /// What the declaration of a key of this name starts with.
    key_declaration: fn(&str) -> String,
    /// The setting that disables a key.
    disabled_setting: &'static str,
    /// What starts a comment, in which a suppression is written (`None`: JSON, which has none).
    comment: Option<&'static str>,
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
        key_declaration: |key| format!("  {key}:\n    Type: AWS::KMS::Key"),
        disabled_setting: "Enabled: false",
        comment: Some("#"),
        protection: Some("DeletionProtected"),
        companions: &[],
    },
    Dialect {
        name: "Terraform",
        file: "infra/main.tf",
        renamed: Some("platform/incidents/main.tf"),
        render: terraform,
        declaration: |name| format!(r#"resource "aws_ssmincidents_replication_set" "{name}""#),
        key_declaration: |key| format!(r#"resource "aws_kms_key" "{key}""#),
        disabled_setting: "is_enabled          = false",
        comment: Some("#"),
        protection: None,
        companions: &[],
    },
    Dialect {
        name: "Pulumi YAML",
        file: "pulumi/Pulumi.yaml",
        renamed: Some("platform/incidents/Pulumi.yaml"),
        render: pulumi_yaml,
        declaration: |name| format!("  {name}:\n    type: aws:ssmincidents:ReplicationSet"),
        key_declaration: |key| format!("  {key}:\n    type: aws:kms:Key"),
        disabled_setting: "isEnabled: false",
        comment: Some("#"),
        protection: None,
        companions: &[],
    },
    Dialect {
        name: "Pulumi TypeScript",
        file: "pulumi/index.ts",
        renamed: None,
        render: pulumi_typescript,
        declaration: |name| format!(r#"ReplicationSet("{name}""#),
        key_declaration: |key| format!("const {key} = new aws.kms.Key("),
        disabled_setting: "isEnabled: false",
        comment: Some("//"),
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
        key_declaration: |key| format!("{key} = aws.kms.Key("),
        disabled_setting: "is_enabled=False",
        comment: Some("#"),
        protection: None,
        companions: &[("pulumi/Pulumi.yaml", "name: incidents\nruntime: python\n")],
    },
    Dialect {
        name: "Pulumi Go",
        file: "pulumi/main.go",
        renamed: None,
        render: pulumi_go,
        declaration: |name| format!(r#"NewReplicationSet(ctx, "{name}""#),
        key_declaration: |key| format!(r#"kms.NewKey(ctx, "{key}""#),
        disabled_setting: "IsEnabled: pulumi.Bool(false)",
        comment: Some("//"),
        protection: None,
        companions: &[
            ("pulumi/Pulumi.yaml", "name: incidents\nruntime: go\n"),
            ("pulumi/go.mod", "module incidents\n\ngo 1.22\n"),
        ],
    },
    Dialect {
        name: "Pulumi C#",
        file: "pulumi/Program.cs",
        renamed: None,
        render: pulumi_csharp,
        declaration: |name| format!(r#"ReplicationSet("{name}""#),
        key_declaration: |key| format!(r#"new Aws.Kms.Key("{key}""#),
        disabled_setting: "IsEnabled = false",
        comment: Some("//"),
        protection: None,
        companions: &[
            ("pulumi/Pulumi.yaml", "name: incidents\nruntime: dotnet\n"),
            (
                "pulumi/incidents.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Pulumi.Aws\" Version=\"7.*\" />\n  </ItemGroup>\n</Project>\n",
            ),
        ],
    },
    Dialect {
        name: "Pulumi Java",
        file: "pulumi/src/main/java/myproject/App.java",
        renamed: None,
        render: pulumi_java,
        declaration: |name| format!(r#"new ReplicationSet("{name}""#),
        key_declaration: |key| format!(r#"new Key("{key}""#),
        disabled_setting: ".isEnabled(false)",
        comment: Some("//"),
        protection: None,
        companions: &[
            ("pulumi/Pulumi.yaml", "name: incidents\nruntime: java\n"),
            (
                "pulumi/pom.xml",
                "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>myproject</groupId>\n  <artifactId>incidents</artifactId>\n  <version>1.0</version>\n</project>\n",
            ),
        ],
    },
    Dialect {
        name: "CDK TypeScript",
        file: "cdk/app.ts",
        renamed: None,
        render: cdk_typescript,
        declaration: |name| format!(r#"CfnReplicationSet(this, "{name}""#),
        key_declaration: |key| format!("const {key} = new kms.Key(this"),
        disabled_setting: "enabled: false",
        comment: Some("//"),
        protection: Some("deletionProtected"),
        companions: &[("cdk/cdk.json", r#"{ "app": "npx ts-node app.ts" }"#)],
    },
    Dialect {
        name: "CDK Python",
        file: "cdk/app.py",
        renamed: None,
        render: cdk_python,
        declaration: |name| format!(r#"CfnReplicationSet(self, "{name}""#),
        key_declaration: |key| format!("{key} = kms.Key(self"),
        disabled_setting: "enabled=False",
        comment: Some("#"),
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
         resources:\n  topic:\n    type: aws:sns:Topic\n",
    );
    let options = match set.retained() {
        true => "    options:\n      retainOnDelete: true\n",
        false => "",
    };
    for key in set.declared_keys() {
        text += &format!(
            "  {key}:\n    type: aws:kms:Key\n{options}    properties:\n      enableKeyRotation: {}\n",
            set.rotation
        );
        if set.is_disabled(key) {
            text += "      isEnabled: false\n";
        }
    }
    if set.keys_only {
        return text;
    }
    text += &format!(
        "  {}:\n    type: aws:ssmincidents:ReplicationSet\n{options}    properties:\n      regions:\n",
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
    let options = match set.retained() {
        true => ", { retainOnDelete: true }",
        false => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ", isEnabled: false"
        } else {
            ""
        };
        text += &format!(
            "const {key} = new aws.kms.Key(\"{key}\", {{ enableKeyRotation: {}{disabled} }}{options});\n",
            set.rotation
        );
    }
    text += "\n";
    if set.keys_only {
        return text;
    }
    text += &format!(
        "new aws.ssmincidents.ReplicationSet(\"{}\", {{\n    regions: [\n",
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
    text + &format!("    ],\n}}{options});\n")
}

fn pulumi_python(set: &Set) -> String {
    let mut text =
        String::from("import pulumi\nimport pulumi_aws as aws\n\nconfig = pulumi.Config()\n\n");
    let options = match set.retained() {
        true => ", opts=pulumi.ResourceOptions(retain_on_delete=True)",
        false => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ", is_enabled=False"
        } else {
            ""
        };
        text += &format!(
            "{key} = aws.kms.Key(\"{key}\", enable_key_rotation={}{disabled}{options})\n",
            if set.rotation { "True" } else { "False" }
        );
    }
    text += "\n";
    if set.keys_only {
        return text;
    }
    text += &format!(
        "aws.ssmincidents.ReplicationSet(\"{}\", regions=[\n",
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
    text + &format!("]{options})\n")
}

/// A Go program in `pulumi.Run`; unknown values as in [`pulumi_typescript`], the deployed region
/// from the provider's configuration (`config.GetRegion`).
fn pulumi_go(set: &Set) -> String {
    let mut text = String::from(
        "package main\n\nimport (\n\
         \tawsconfig \"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/config\"\n\
         \t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms\"\n\
         \t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents\"\n\
         \t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"\n\
         \t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config\"\n)\n\n\
         func main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n",
    );
    let options = match set.retained() {
        true => ", pulumi.RetainOnDelete(true)",
        false => "",
    };
    for key in set.declared_keys() {
        let disabled = match set.is_disabled(key) {
            true => ", IsEnabled: pulumi.Bool(false)",
            false => "",
        };
        text += &format!(
            "\t\t{key}, err := kms.NewKey(ctx, \"{key}\", &kms.KeyArgs{{EnableKeyRotation: pulumi.Bool({}){disabled}}}{options})\n\t\tif err != nil {{\n\t\t\treturn err\n\t\t}}\n",
            set.rotation
        );
    }
    if set.keys_only {
        return text + "\t\treturn nil\n\t})\n}\n";
    }
    text += &format!(
        "\t\t_, err := ssmincidents.NewReplicationSet(ctx, \"{}\", &ssmincidents.ReplicationSetArgs{{\n\t\t\tRegions: ssmincidents.ReplicationSetRegionArray{{\n",
        set.name
    );
    for (region, key) in &set.regions {
        let name = match *region {
            UNKNOWN_REGION => "config.Require(ctx, \"region\")".to_owned(),
            DEPLOYED_REGION => "awsconfig.GetRegion(ctx)".to_owned(),
            region => format!("\"{region}\""),
        };
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!(", KmsKeyArn: {name}.Arn"),
            Key::Arn(arn) => format!(", KmsKeyArn: pulumi.String(\"{arn}\")"),
            Key::Unknown => {
                ", KmsKeyArn: pulumi.String(config.Require(ctx, \"keyArn\"))".to_owned()
            }
            Key::Optional => {
                ", KmsKeyArn: pulumi.StringPtr(config.Get(ctx, \"keyArn\"))".to_owned()
            }
        };
        text += &format!(
            "\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{{Name: pulumi.String({name}){key}}},\n"
        );
    }
    text + &format!("\t\t\t}},\n\t\t}}{options})\n\t\treturn err\n\t}})\n}}\n")
}

/// A C# program in `Deployment.RunAsync`; the deployed region from `GetRegion`.
fn pulumi_csharp(set: &Set) -> String {
    let mut text = String::from(
        "using Pulumi;\nusing Aws = Pulumi.Aws;\n\nreturn await Deployment.RunAsync(() =>\n{\n\
         \x20   var config = new Config();\n    var current = Aws.GetRegion.Invoke();\n",
    );
    let options = match set.retained() {
        true => ", new CustomResourceOptions { RetainOnDelete = true }",
        false => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ", IsEnabled = false"
        } else {
            ""
        };
        text += &format!(
            "    var {key} = new Aws.Kms.Key(\"{key}\", new() {{ EnableKeyRotation = {}{disabled} }}{options});\n",
            set.rotation
        );
    }
    if set.keys_only {
        return text + "});\n";
    }
    text += &format!(
        "    new Aws.SsmIncidents.ReplicationSet(\"{}\", new()\n    {{\n        Regions =\n        {{\n",
        set.name
    );
    for (region, key) in &set.regions {
        let name = match *region {
            UNKNOWN_REGION => "config.Require(\"region\")".to_owned(),
            DEPLOYED_REGION => "current.Apply(region => region.Region)".to_owned(),
            region => format!("\"{region}\""),
        };
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!(", KmsKeyArn = {name}.Arn"),
            Key::Arn(arn) => format!(", KmsKeyArn = \"{arn}\""),
            Key::Unknown => ", KmsKeyArn = config.Require(\"keyArn\")".to_owned(),
            Key::Optional => ", KmsKeyArn = config.Get(\"keyArn\")".to_owned(),
        };
        text += &format!(
            "            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs {{ Name = {name}{key} }},\n"
        );
    }
    text + &format!("        }},\n    }}{options});\n}});\n")
}

/// A Java program in `Pulumi.run`; the deployed region from `getRegion`.
fn pulumi_java(set: &Set) -> String {
    let mut text = String::from(
        "package myproject;\n\nimport com.pulumi.Context;\nimport com.pulumi.Pulumi;\n\
         import com.pulumi.aws.AwsFunctions;\nimport com.pulumi.aws.kms.Key;\n\
         import com.pulumi.aws.kms.KeyArgs;\nimport com.pulumi.aws.outputs.GetRegionResult;\n\
         import com.pulumi.aws.ssmincidents.ReplicationSet;\n\
         import com.pulumi.aws.ssmincidents.ReplicationSetArgs;\n\
         import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;\n\
         import com.pulumi.resources.CustomResourceOptions;\n\n\
         public class App {\n    public static void main(String[] args) {\n        Pulumi.run(App::stack);\n    }\n\n\
         \x20   public static void stack(Context ctx) {\n        var config = ctx.config();\n\
         \x20       var current = AwsFunctions.getRegion();\n",
    );
    let options = match set.retained() {
        true => ", CustomResourceOptions.builder().retainOnDelete(true).build()",
        false => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ".isEnabled(false)"
        } else {
            ""
        };
        text += &format!(
            "        var {key} = new Key(\"{key}\", KeyArgs.builder().enableKeyRotation({}){disabled}.build(){options});\n",
            set.rotation
        );
    }
    if set.keys_only {
        return text + "    }\n}\n";
    }
    text += &format!(
        "        new ReplicationSet(\"{}\", ReplicationSetArgs.builder()\n            .regions(\n",
        set.name
    );
    let count = set.regions.len();
    for (index, (region, key)) in set.regions.iter().enumerate() {
        let name = match *region {
            UNKNOWN_REGION => "config.require(\"region\")".to_owned(),
            DEPLOYED_REGION => "current.applyValue(GetRegionResult::region)".to_owned(),
            region => format!("\"{region}\""),
        };
        let key = match key {
            Key::AwsOwned => String::new(),
            Key::Declared(name) => format!(".kmsKeyArn({name}.arn())"),
            Key::Arn(arn) => format!(".kmsKeyArn(\"{arn}\")"),
            Key::Unknown => ".kmsKeyArn(config.require(\"keyArn\"))".to_owned(),
            Key::Optional => ".kmsKeyArn(config.get(\"keyArn\").orElse(null))".to_owned(),
        };
        let separator = if index + 1 < count { "," } else { ")" };
        text += &format!(
            "                ReplicationSetRegionArgs.builder().name({name}){key}.build(){separator}\n"
        );
    }
    text + &format!("            .build(){options});\n    }}\n}}\n")
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
    // A `kms.Key` is retained unless its removal policy says otherwise.
    let key_removal = match set.removal {
        Removal::Destroy => ", removalPolicy: cdk.RemovalPolicy.DESTROY",
        Removal::Default | Removal::Retain => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ", enabled: false"
        } else {
            ""
        };
        text += &format!(
            "    const {key} = new kms.Key(this, \"{key}\", {{ enableKeyRotation: {}{disabled}{key_removal} }});\n",
            set.rotation
        );
    }
    if set.keys_only {
        return text + CDK_TYPESCRIPT_APP;
    }
    let assigned = if set.retained() {
        "const replicationSet = "
    } else {
        ""
    };
    text += &format!(
        "    {assigned}new ssmincidents.CfnReplicationSet(this, \"{}\", {{\n",
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
    text += "      ],\n    });\n";
    if set.retained() {
        text += "    replicationSet.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);\n";
    }
    text + CDK_TYPESCRIPT_APP
}

/// The end of the stack class of [`cdk_typescript`], and the app that makes the stack.
const CDK_TYPESCRIPT_APP: &str =
    "  }\n}\n\nconst app = new cdk.App();\nnew IncidentsStack(app, \"Incidents\");\n";

/// The CDK app of [`cdk_typescript`] in Python.
fn cdk_python(set: &Set) -> String {
    let mut text = String::from(
        "import aws_cdk as cdk\nfrom aws_cdk import aws_kms as kms, aws_ssmincidents as ssmincidents\n\
         from constructs import Construct\n\n\n\
         class IncidentsStack(cdk.Stack):\n\
         \x20   def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:\n\
         \x20       super().__init__(scope, construct_id, **kwargs)\n",
    );
    let key_removal = match set.removal {
        Removal::Destroy => ", removal_policy=cdk.RemovalPolicy.DESTROY",
        Removal::Default | Removal::Retain => "",
    };
    for key in set.declared_keys() {
        let disabled = if set.is_disabled(key) {
            ", enabled=False"
        } else {
            ""
        };
        text += &format!(
            "        {key} = kms.Key(self, \"{key}\", enable_key_rotation={}{disabled}{key_removal})\n",
            if set.rotation { "True" } else { "False" }
        );
    }
    if set.keys_only {
        return text + CDK_PYTHON_APP;
    }
    let assigned = if set.retained() {
        "replication_set = "
    } else {
        ""
    };
    text += &format!(
        "        {assigned}ssmincidents.CfnReplicationSet(self, \"{}\",\n",
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
    text += "            ],\n        )\n";
    if set.retained() {
        text += "        replication_set.apply_removal_policy(cdk.RemovalPolicy.RETAIN)\n";
    }
    text + CDK_PYTHON_APP
}

/// The app of [`cdk_python`], which makes the stack.
const CDK_PYTHON_APP: &str =
    "\n\napp = cdk.App()\nIncidentsStack(app, \"Incidents\")\napp.synth()\n";

fn cloudformation(set: &Set) -> String {
    let mut text = String::from(
        "Parameters:\n  Region:\n    Type: String\n  KeyArn:\n    Type: String\n  KeyMode:\n    Type: String\n\
         Conditions:\n  UseKey: !Equals [!Ref KeyMode, customer]\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
    );
    let policy = match set.retained() {
        true => "    DeletionPolicy: Retain\n",
        false => "",
    };
    for key in set.declared_keys() {
        text += &format!(
            "  {key}:\n    Type: AWS::KMS::Key\n{policy}    Properties:\n      EnableKeyRotation: {}\n",
            set.rotation
        );
        if set.is_disabled(key) {
            text += "      Enabled: false\n";
        }
    }
    if set.keys_only {
        return text;
    }
    text += &format!(
        "  {}:\n    Type: AWS::SSMIncidents::ReplicationSet\n{policy}    Properties:\n",
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
        let disabled = if set.is_disabled(key) {
            "  is_enabled          = false\n"
        } else {
            ""
        };
        text += &format!(
            "resource \"aws_kms_key\" \"{key}\" {{\n  enable_key_rotation = {}\n{disabled}}}\n\n",
            set.rotation
        );
    }
    if set.keys_only {
        // Terraform says what removing a resource does where it is removed.
        if set.retained() {
            text += &format!(
                "removed {{\n  from = aws_ssmincidents_replication_set.{}\n  lifecycle {{\n    destroy = false\n  }}\n}}\n",
                set.name
            );
        }
        return text;
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
            dir: support::project(&[]),
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
        support::write(self.path(), path, text);
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

    /// irlint run in the repository with these arguments.
    fn run(&self, args: &[&str]) -> support::Run {
        support::run(support::irlint().current_dir(self.path()).args(args))
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

    /// The rules of the findings of change rules, in the order of [`Report::changes`].
    fn change_rules(&self) -> Vec<String> {
        self.changes()
            .iter()
            .map(|f| f.split(' ').next().unwrap_or_default().to_owned())
            .collect()
    }

    /// The related locations of the only finding of `rule`, as `path:line`.
    fn related(&self, rule: &str) -> Vec<String> {
        let found: Vec<&serde_json::Value> = (self.findings().into_iter())
            .filter(|f| f["rule"] == rule)
            .collect();
        assert_eq!(found.len(), 1, "one {rule} finding: {found:?}");
        (found[0]["related"].as_array().into_iter().flatten())
            .map(|related| {
                format!(
                    "{}:{}",
                    related["path"].as_str().unwrap_or_default(),
                    related["start"]["line"]
                )
            })
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
    let (run, json) = support::lint_json(directory, args);
    Report {
        code: run.code,
        json,
        stderr: run.stderr,
    }
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in\n{text}"));
    text[..start].matches('\n').count() + 1
}

/// A repository whose last commit holds `base`, written in `dialect`.
fn committed(dialect: &Dialect, base: &Set) -> Repo {
    let repo = Repo::new();
    dialect.write(&repo, base);
    repo.commit("base");
    repo
}

/// Commits the base (no file at all for `None`), writes the head into the working tree (removes
/// the file for `None`) without committing, and lints the repository against `HEAD`.
fn change(dialect: &Dialect, base: Option<&Set>, head: Option<&Set>) -> (Repo, Report) {
    let repo = base.map_or_else(Repo::new, |base| committed(dialect, base));
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

/// Fails unless changing `base` to `head` (as [`change`] does) gives no finding of a change rule.
fn assert_quiet(dialect: &Dialect, base: Option<&Set>, head: Option<&Set>) {
    let (_, report) = change(dialect, base, head);
    assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
}

/// Fails unless changing `base` to `head` (as [`change`] does) gives one finding of a change
/// rule, `rule` at the line of `needle` in the head's text; the report, for its messages.
fn assert_one_change(
    dialect: &Dialect,
    base: Option<&Set>,
    head: &Set,
    rule: &str,
    needle: &str,
) -> Report {
    let (_, report) = change(dialect, base, Some(head));
    assert_eq!(
        report.changes(),
        [at(rule, dialect, head, needle)],
        "{}",
        dialect.name
    );
    report
}

#[test]
fn two_added_regions_are_one_change_too_many() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "eu-west-1", "ap-southeast-2"]);
        let report = assert_one_change(
            dialect,
            Some(&set(&["us-east-1"])),
            &head,
            "IRL002",
            "eu-west-1",
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
        let report = assert_one_change(
            dialect,
            Some(&set(&["us-east-1", "us-west-2"])),
            &head,
            "IRL002",
            "eu-west-1",
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
        let declaration = (dialect.declaration)("main");
        let report = assert_one_change(dialect, Some(&base), &head, "IRL002", &declaration);
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
            assert_quiet(dialect, Some(&base), Some(&head));
        }
    }
}

#[test]
fn creating_a_set_with_three_regions_is_exempt() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "us-west-2", "eu-west-1"]);
        assert_quiet(dialect, None, Some(&head));
    }
}

#[test]
fn an_unknown_region_keeps_region_changes_silent() {
    for dialect in DIALECTS {
        let head = set(&["us-east-1", "us-west-2", UNKNOWN_REGION]);
        assert_quiet(dialect, Some(&set(&["us-east-1"])), Some(&head));
    }
}

#[test]
fn the_deployed_region_compares_with_itself_only() {
    for dialect in DIALECTS {
        let head = set(&[DEPLOYED_REGION, "us-west-2", "eu-west-1"]);
        assert_one_change(
            dialect,
            Some(&set(&[DEPLOYED_REGION])),
            &head,
            "IRL002",
            "us-west-2",
        );
        // Added here, it may be the region removed: one change or three.
        assert_quiet(
            dialect,
            Some(&set(&["us-east-1"])),
            Some(&set(&[DEPLOYED_REGION, "us-west-2"])),
        );
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
        let report = assert_one_change(dialect, Some(&base), &head, "IRL006", "replacement.");
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
        assert_one_change(
            dialect,
            Some(&keyed(&[("us-east-1", Key::Arn(ARN_1))])),
            &head,
            "IRL006",
            ARN_2,
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
        assert_quiet(dialect, Some(&base), Some(&head));
    }
}

#[test]
fn an_unknown_key_keeps_key_changes_silent() {
    for dialect in DIALECTS {
        for unknown in [Key::Unknown, Key::Optional] {
            assert_quiet(
                dialect,
                Some(&keyed(&[("us-east-1", Key::Declared("east"))])),
                Some(&keyed(&[("us-east-1", unknown)])),
            );
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
            let declaration = (dialect.declaration)("main");
            let report = assert_one_change(dialect, Some(base), head, "IRL007", &declaration);
            assert!(report.message("IRL007").contains(to), "{}", dialect.name);
        }
        for unchanged in [&aws_owned, &customer] {
            assert_quiet(dialect, Some(unchanged), Some(unchanged));
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

/// Where a finding about what the change deleted points when the set's file is deleted: into a
/// file left of its unit (at its first line; a Pulumi program's project file, a CDK app's
/// `cdk.json`), else, when the whole unit is gone, at the base revision's file.
fn deleted_file_location(dialect: &Dialect, base_line: usize) -> String {
    match dialect.companions.first() {
        Some((companion, _)) => format!("{companion}:1"),
        None => format!("HEAD:{}:{base_line}", dialect.file),
    }
}

#[test]
fn a_deleted_set_is_an_error_about_the_base_revision() {
    for dialect in DIALECTS {
        let base = set(&["us-east-1", "us-west-2"]);
        let (_, report) = change(dialect, Some(&base), None);
        let line = line_of(&(dialect.render)(&base), &(dialect.declaration)("main"));
        assert_eq!(
            report.changes(),
            [format!("IRL016 {}", deleted_file_location(dialect, line))],
            "{}",
            dialect.name
        );
        assert_eq!(report.code, 1, "IRL016 is an error: {}", dialect.name);
        // Moved into the working tree, the finding relates the set's declaration at the base.
        if !dialect.companions.is_empty() {
            assert_eq!(
                report.related("IRL016"),
                [format!("HEAD:{}:{line}", dialect.file)],
                "{}",
                dialect.name
            );
        }
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
        // Where the set was, in the working tree's file: its replacement's declaration.
        assert_one_change(
            dialect,
            Some(&base),
            &renamed,
            "IRL016",
            &(dialect.declaration)("other"),
        );
    }
}

/// The set removed from a file that keeps its keys: the finding points where the set was (the
/// line that now follows what the change removed), the base revision's declaration related.
#[test]
fn a_deleted_set_points_where_it_was_in_the_working_tree() {
    for dialect in DIALECTS {
        let base = keyed(&[("us-east-1", Key::Declared("east"))]);
        let head = Set {
            keys_only: true,
            ..base.clone()
        };
        let (repo, report) = change(dialect, Some(&base), Some(&head));
        let line = line_of(&(dialect.render)(&base), &(dialect.declaration)("main"));
        assert_eq!(
            report.changes(),
            [format!("IRL016 {}:{line}", dialect.file)],
            "{}",
            dialect.name
        );
        assert_eq!(
            report.related("IRL016"),
            [format!("HEAD:{}:{line}", dialect.file)],
            "{}",
            dialect.name
        );
        // SARIF and GitHub's annotations name a file of the working tree, which code scanning
        // and pull requests can place; the revision's file is related only.
        let sarif = repo.run(&["--base", "HEAD", "--format", "sarif"]).json();
        let result = &sarif["runs"][0]["results"][0];
        let uri = |location: &serde_json::Value| {
            location["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(result["ruleId"], "IRL016", "{}", dialect.name);
        assert_eq!(
            uri(&result["locations"][0]),
            dialect.file,
            "{}",
            dialect.name
        );
        assert_eq!(
            uri(&result["relatedLocations"][0]),
            format!("HEAD%3A{}", dialect.file),
            "{}",
            dialect.name
        );
        let github = repo.run(&["--base", "HEAD", "--format", "github"]).stdout;
        assert!(
            github.contains(&format!("::error file={},line={line},", dialect.file)),
            "{}: {github}",
            dialect.name
        );
    }
}

/// The README's `--base` section shows what irlint prints when a change removes a set and its key
/// from a module's file.
#[test]
fn the_readme_shows_a_deletion_as_irlint_prints_it() {
    let module = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n\
        resource \"aws_kms_key\" \"incidents\" {\n  deletion_window_in_days = 7\n}\n\n\
        resource \"aws_ssmincidents_replication_set\" \"main\" {\n  regions {\n    name        = \"us-east-1\"\n    kms_key_arn = aws_kms_key.incidents.arn\n  }\n}\n\n\
        resource \"aws_sns_topic\" \"alerts\" {\n  name = \"incident-alerts\"\n}\n";
    let repo = Repo::new();
    repo.write("infra/main.tf", module);
    repo.commit("base");
    let removed = module.find("resource \"aws_kms_key\"").expect("the key");
    let kept = module
        .find("resource \"aws_sns_topic\"")
        .expect("the topic");
    repo.write(
        "infra/main.tf",
        &format!("{}{}", &module[..removed], &module[kept..]),
    );
    repo.commit("retire incident manager");
    let printed = repo
        .run(&["--color", "never", "--base", "HEAD~1", "infra"])
        .stdout;
    let findings = printed
        .split("\nFound ")
        .next()
        .expect("the findings")
        .trim_end();
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    assert!(readme.contains(findings), "README.md lacks:\n{findings}");
}

/// A suppression comment written where the set was says why the deletion is intended.
#[test]
fn an_intended_deletion_is_suppressed_where_the_set_was() {
    for dialect in DIALECTS.iter().filter(|dialect| dialect.comment.is_some()) {
        let base = keyed(&[("us-east-1", Key::Declared("east"))]);
        let head = Set {
            keys_only: true,
            ..base.clone()
        };
        let repo = committed(dialect, &base);
        // On the line before the one the finding points at: where the set was.
        let line = line_of(&(dialect.render)(&base), &(dialect.declaration)("main"));
        let marker = dialect.comment.unwrap_or_default();
        let comment = format!("{marker} irlint: ignore[IRL016] decommissioned, data exported");
        let mut lines: Vec<String> = (dialect.render)(&head).lines().map(str::to_owned).collect();
        lines.insert(line - 1, comment);
        dialect.write_text(&repo, &(lines.join("\n") + "\n"));
        let report = repo.lint(&["--base", "HEAD"]);
        assert_eq!(report.changes(), Vec::<String>::new(), "{}", dialect.name);
        assert_eq!(report.code, 0, "{}: {}", dialect.name, report.json);
        assert_eq!(
            report.json["summary"]["suppressed"], 1,
            "{}: {}",
            dialect.name, report.json
        );
    }
}

/// Where no comment can be written (a template deleted whole), the configuration turns the rule
/// off for the path of the file that held the set.
#[test]
fn a_deleted_template_is_suppressed_by_the_configuration_of_its_path() {
    let dialect = &DIALECTS[0];
    assert_eq!(dialect.name, "CloudFormation");
    let config = "[[per-path]]\npaths = [\"stacks/incidents.yaml\"]\nignore = [\"IRL016\"]\n";
    let repo = Repo::new();
    dialect.write(&repo, &set(&["us-east-1", "us-west-2"]));
    repo.write("irlint.toml", config);
    repo.commit("base");
    repo.remove(dialect.file);
    let report = repo.lint(&["--base", "HEAD"]);
    assert_eq!(report.changes(), Vec::<String>::new(), "{}", report.json);
    assert_eq!(report.code, 0);
    // Another path's configuration leaves it reported.
    repo.write("irlint.toml", &config.replace("incidents", "other"));
    let report = repo.lint(&["--base", "HEAD"]);
    assert_eq!(report.changes().len(), 1, "{}", report.json);
}

/// CloudFormation's `RetainExceptOnCreate` keeps a resource that was created, as `Retain` does;
/// `Snapshot` applies to neither sets nor keys, and `Delete` deletes.
#[test]
fn cloudformation_deletion_policies() {
    let dialect = &DIALECTS[0];
    for (policy, deleted) in [
        ("RetainExceptOnCreate", false),
        ("Retain", false),
        ("Snapshot", true),
        ("Delete", true),
    ] {
        let base = Set {
            removal: Removal::Retain,
            ..set(&["us-east-1"])
        };
        let text = (dialect.render)(&base).replace(
            "DeletionPolicy: Retain",
            &format!("DeletionPolicy: {policy}"),
        );
        let repo = Repo::new();
        dialect.write_text(&repo, &text);
        repo.commit("base");
        repo.remove(dialect.file);
        let report = repo.lint(&["--base", "HEAD"]);
        assert_eq!(!report.changes().is_empty(), deleted, "{policy}");
    }
}

/// A removal that keeps the resource (CloudFormation's `DeletionPolicy: Retain`, Pulumi's
/// `retainOnDelete`, the CDK's `RemovalPolicy.RETAIN`, Terraform's `removed` block) deletes
/// nothing: no IRL016, IRL020 or IRL021.
#[test]
fn a_removal_that_keeps_the_set_is_no_deletion() {
    for dialect in DIALECTS {
        let base = Set {
            removal: Removal::Retain,
            protected: dialect.protection.map(|_| true),
            ..keyed(&[("us-east-1", Key::Declared("east"))])
        };
        // Terraform says it where the set leaves the code, which must then stay.
        let head = Set {
            keys_only: true,
            regions: Vec::new(),
            ..base.clone()
        };
        let head = (dialect.name == "Terraform").then_some(&head);
        assert_quiet(dialect, Some(&base), head);
    }
}

/// The set deleted with the keys of its regions (as the code of both is removed): IRL020 for
/// each key, where the key was.
#[test]
fn keys_deleted_with_their_set() {
    for dialect in DIALECTS {
        let base = Set {
            removal: Removal::Destroy,
            ..keyed(&[
                ("us-east-1", Key::Declared("east")),
                ("us-west-2", Key::Declared("west")),
            ])
        };
        let base_text = (dialect.render)(&base);
        // The file deleted. A program whose entry is gone cannot be read: what became of its
        // keys is unknown.
        let (_, report) = change(dialect, Some(&base), None);
        let keys_known = dialect.companions.is_empty();
        let expected: Vec<String> = [
            ("IRL016", (dialect.declaration)("main"), true),
            ("IRL020", (dialect.key_declaration)("east"), keys_known),
            ("IRL020", (dialect.key_declaration)("west"), keys_known),
        ]
        .iter()
        .filter(|(.., expected)| *expected)
        .map(|(rule, needle, _)| {
            let line = line_of(&base_text, needle);
            format!("{rule} {}", deleted_file_location(dialect, line))
        })
        .collect();
        let mut changes = report.changes();
        changes.sort();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort();
        assert_eq!(changes, expected_sorted, "{}", dialect.name);
        // The code of the set and its keys removed from a file that stays: both keys were
        // where the change starts.
        let head = Set {
            keys_only: true,
            regions: Vec::new(),
            ..base.clone()
        };
        let (_, report) = change(dialect, Some(&base), Some(&head));
        let first_key = line_of(&base_text, &(dialect.key_declaration)("east"));
        let mut changes = report.changes();
        changes.sort();
        assert_eq!(
            changes,
            [
                format!("IRL016 {}:{first_key}", dialect.file),
                format!("IRL020 {}:{first_key}", dialect.file),
                format!("IRL020 {}:{first_key}", dialect.file),
            ],
            "{}",
            dialect.name
        );
    }
}

#[test]
fn keys_kept_for_a_later_change_are_clean() {
    for dialect in DIALECTS {
        let base = Set {
            removal: Removal::Destroy,
            ..keyed(&[("us-east-1", Key::Declared("east"))])
        };
        let head = Set {
            keys_only: true,
            ..base.clone()
        };
        let (_, report) = change(dialect, Some(&base), Some(&head));
        assert_eq!(report.change_rules(), ["IRL016"], "{}", dialect.name);
    }
}

/// A CDK `kms.Key` is retained when it leaves the stack, unless its removal policy says
/// otherwise: removing it with the set schedules no deletion.
#[test]
fn a_cdk_key_is_retained_by_default() {
    for dialect in DIALECTS
        .iter()
        .filter(|dialect| dialect.name.starts_with("CDK"))
    {
        let base = keyed(&[("us-east-1", Key::Declared("east"))]);
        let (_, report) = change(dialect, Some(&base), None);
        assert!(
            !report.changes().iter().any(|f| f.starts_with("IRL020")),
            "{}: {:?}",
            dialect.name,
            report.changes()
        );
    }
}

/// A region removed with its key (the key's code removed, or the key disabled): IRL020, at the
/// key's removal or at the setting that disables it.
#[test]
fn a_key_retired_with_its_region() {
    for dialect in DIALECTS {
        let base = Set {
            removal: Removal::Destroy,
            ..keyed(&[
                ("us-east-1", Key::Declared("east")),
                ("us-west-2", Key::Declared("west")),
            ])
        };
        let removed = Set {
            regions: vec![("us-east-1", Key::Declared("east"))],
            ..base.clone()
        };
        let (_, report) = change(dialect, Some(&base), Some(&removed));
        let west = line_of(&(dialect.render)(&base), &(dialect.key_declaration)("west"));
        assert_eq!(
            report.changes(),
            [format!("IRL020 {}:{west}", dialect.file)],
            "{}",
            dialect.name
        );
        assert!(
            report
                .message("IRL020")
                .contains("removes region us-west-2 of replication set"),
            "{}: {}",
            dialect.name,
            report.message("IRL020")
        );
        let disabled = Set {
            disabled: &["west"],
            ..removed.clone()
        };
        let report = assert_one_change(
            dialect,
            Some(&base),
            &disabled,
            "IRL020",
            dialect.disabled_setting,
        );
        assert!(
            report.message("IRL020").contains("disables key"),
            "{}",
            dialect.name
        );
        // The region removed alone: its key is retired in a later change.
        let kept = Set {
            also_declared: &["west"],
            ..removed.clone()
        };
        assert_quiet(dialect, Some(&base), Some(&kept));
    }
}

/// Deletion protection on at the base revision: deleting the set fails.
#[test]
fn a_protected_set_deleted() {
    for dialect in DIALECTS {
        let protected = Set {
            protected: Some(true),
            ..set(&["us-east-1", "us-west-2"])
        };
        let (_, report) = change(dialect, Some(&protected), None);
        let rules = report.change_rules();
        match dialect.protection {
            Some(property) => {
                assert_eq!(rules, ["IRL016", "IRL021"], "{}", dialect.name);
                assert!(
                    report.related("IRL021").contains(&format!(
                        "HEAD:{}:{}",
                        dialect.file,
                        line_of(&(dialect.render)(&protected), property)
                    )),
                    "{}: {:?}",
                    dialect.name,
                    report.related("IRL021")
                );
            }
            // The format cannot set deletion protection.
            None => assert_eq!(rules, ["IRL016"], "{}", dialect.name),
        }
        let unprotected = Set {
            protected: Some(false),
            ..protected.clone()
        };
        let (_, report) = change(dialect, Some(&unprotected), None);
        assert!(
            !report.changes().iter().any(|f| f.starts_with("IRL021")),
            "{}",
            dialect.name
        );
    }
}

#[test]
fn a_renamed_file_keeps_its_sets() {
    for dialect in DIALECTS {
        let repo = committed(dialect, &set(&["us-east-1"]));
        // The unit's directory, which holds a Java program's package directories too.
        let directory = dialect.file.split('/').next().expect("a directory");
        repo.git(&["mv", directory, "moved"]);
        let moved = dialect.file.replacen(directory, "moved", 1);
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
        let repo = committed(dialect, &set(&["us-east-1"]));
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
        let repo = committed(dialect, &set(&["us-east-1"]));
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
        let repo = committed(dialect, &base);
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
        let elsewhere = support::project(&[]);
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
    let dir = support::project(&[]);
    let run = support::run(
        support::irlint()
            .current_dir(dir.path())
            // Git must not find a repository above the temporary directory.
            .env(
                "GIT_CEILING_DIRECTORIES",
                dir.path().parent().expect("a parent"),
            )
            .args(["--base", "HEAD", "."]),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
}

/// The step directories of each sequence of the provider's acceptance tests, in order; `None`
/// where `../shared` is absent.
fn step_sequences() -> Option<Vec<Vec<PathBuf>>> {
    let steps = shared::path("corpus/terraform/steps")?;
    let directories = |path: &Path| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|entry| entry.expect("a readable entry").path())
            .filter(|path| path.is_dir())
            .collect();
        found.sort();
        found
    };
    let sequences: Vec<Vec<PathBuf>> = directories(&steps)
        .iter()
        .map(|sequence| directories(sequence))
        .collect();
    assert!(
        !sequences.is_empty(),
        "no step sequences in {}",
        steps.display()
    );
    Some(sequences)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each step adds or removes exactly one region of the step before.
#[test]
fn the_acceptance_test_steps_change_one_region_at_a_time() {
    let Some(sequences) = step_sequences() else {
        return;
    };
    for steps in sequences {
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
    let Some(sequences) = step_sequences() else {
        return;
    };
    for steps in sequences {
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
    repo.lint(&["--base", "HEAD", "--region", "us-east-1"])
        .change_rules()
}

/// The Cloud Control provider's set can be protected: deleting it then fails (IRL021), unless
/// protection was off; Pulumi's aws-native set alike.
#[test]
fn protected_cloud_control_and_aws_native_sets_deleted() {
    let awscc = |protected: bool| {
        format!(
            "resource \"awscc_ssmincidents_replication_set\" \"main\" {{\n  deletion_protected = {protected}\n  regions = [{{ region_name = \"us-east-1\" }}, {{ region_name = \"us-west-2\" }}]\n}}\n"
        )
    };
    let base = awscc(true);
    assert_eq!(
        terraform_change_rules(&[("infra/main.tf", &base)], ""),
        ["IRL016", "IRL021"]
    );
    let base = awscc(false);
    assert_eq!(
        terraform_change_rules(&[("infra/main.tf", &base)], ""),
        ["IRL016"]
    );
    let native = "name: incidents\nruntime: yaml\nresources:\n  topic:\n    type: aws:sns:Topic\n  main:\n    type: aws-native:ssmincidents:ReplicationSet\n    properties:\n      deletionProtected: true\n      regions:\n        - regionName: us-east-1\n";
    let repo = Repo::new();
    repo.write("pulumi/Pulumi.yaml", native);
    repo.commit("base");
    repo.write(
        "pulumi/Pulumi.yaml",
        &native[..native.find("  main:").expect("the set")],
    );
    let report = repo.lint(&["--base", "HEAD"]);
    let main = line_of(native, "  main:");
    assert_eq!(
        report.changes(),
        [
            format!("IRL016 pulumi/Pulumi.yaml:{main}"),
            format!("IRL021 pulumi/Pulumi.yaml:{main}")
        ]
    );
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
