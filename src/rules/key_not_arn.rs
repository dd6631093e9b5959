use crate::finding::Finding;
use crate::model::{
    Engine, Key, KeyAttribute, KeyChoice, KeyTarget, ReplicationSet, Schema, Unit, View,
};
use crate::rules::Rule;

declare_rule! {
    /// A region's key is given as a key id or an alias instead of a key ARN.
    KeyNotArn {
        id: "IRL009",
        name: "key-not-arn",
        level: Warning,
        summary: "A region's key is given as a key id or alias instead of a key ARN",
    }
}

impl Rule for KeyNotArn {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let unit = view.unit;
        for entry in set.listed_regions() {
            let KeyChoice::Customer(reference) = &entry.key else {
                continue;
            };
            let region = view.describe(&view.region(&entry.name));
            let finding = match &reference.target {
                KeyTarget::Declared {
                    key,
                    attribute: KeyAttribute::KeyId,
                } => {
                    let key = unit.key(*key);
                    let finding = Finding::new(
                        &META,
                        reference.span,
                        format!(
                            "the key of {region} is given as the key id of `{}`, not its ARN: {}",
                            key.identity,
                            consequence(unit, set)
                        ),
                    )
                    .label("a key id")
                    .related(key.span, "the key")
                    .help(format!("use the key's ARN: {}", arn_of(unit, key)));
                    match &key.name_in_code {
                        Some(name) => finding.expression_fix(
                            "use the key's ARN",
                            reference.span,
                            unit.key_arn.key_id_spellings(name),
                            unit.key_arn.of(name),
                        ),
                        None => finding,
                    }
                }
                KeyTarget::IdOrAlias(value) => {
                    let what = match value.known() {
                        Some(text) if is_alias(text) => format!("the alias `{text}`"),
                        Some(text) => format!("the key id `{text}`"),
                        None => "a key id or alias".to_owned(),
                    };
                    let mut finding = Finding::new(
                        &META,
                        reference.span,
                        format!(
                            "the key of {region} is given as {what}, not a key ARN: {}, and irlint cannot check the key's region",
                            consequence(unit, set)
                        ),
                    )
                    .label("not a key ARN")
                    .help(
                        "use the ARN of the key itself (`arn:aws:kms:<region>:<account>:key/<key id>`)",
                    );
                    if let Some(definition) = value.definition() {
                        finding = finding.related(definition, "the value is written here");
                    }
                    finding
                }
                _ => continue,
            };
            findings.push(finding);
        }
    }
}

/// Whether a key id or alias text names an alias (`alias/x`, an alias ARN).
fn is_alias(text: &str) -> bool {
    text.starts_with("alias/") || text.contains(":alias/")
}

/// What giving anything but a key ARN leads to: the AWS provider's schema requires a key ARN,
/// which Terraform checks when it plans; what CloudFormation's schema (and pulumi-aws) accept
/// depends on their versions.
fn consequence(unit: &Unit, set: &ReplicationSet) -> &'static str {
    match (set.schema, unit.engine) {
        (Schema::Terraform, Engine::Terraform) => "Terraform rejects it",
        _ => "the deployment may reject it",
    }
}

/// How the code reads a declared key's ARN, in the unit's language.
fn arn_of(unit: &Unit, key: &Key) -> String {
    match &key.name_in_code {
        Some(name) => format!("`{}`", unit.key_arn.of(name)),
        None => format!("`{}`, `<key>` being the key", unit.key_arn.of("<key>")),
    }
}

#[cfg(test)]
mod tests {
    use crate::frontend::fixture::Fixture;
    use crate::frontend::{Parsed, UnitFile, cloudformation, pulumi, terraform};
    use crate::rules::check_unit;

    /// The message and help of each IRL009 finding on the files.
    fn findings(
        directory: &str,
        files: &[(&str, &str)],
        parse: fn(&[UnitFile]) -> Parsed,
    ) -> Vec<(String, String)> {
        let fixture = Fixture::parse(directory, files, parse);
        check_unit(fixture.unit())
            .into_iter()
            .filter(|finding| finding.rule.id == "IRL009")
            .map(|finding| (finding.message, finding.help.unwrap_or_default()))
            .collect()
    }

    fn template(files: &[UnitFile]) -> Parsed {
        cloudformation::parse(files[0])
    }

    const TEMPLATE_YAML: &str = "Resources:
  Key:
    Type: AWS::KMS::Key
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
          RegionConfiguration:
            SseKmsKeyId: !Ref Key
";

    #[test]
    fn the_suggestion_is_written_in_the_units_language() {
        let yaml = findings("t", &[("t.yaml", TEMPLATE_YAML)], template);
        assert_eq!(yaml.len(), 1);
        assert!(
            yaml[0].0.ends_with("the deployment may reject it"),
            "{yaml:?}"
        );
        assert_eq!(yaml[0].1, "use the key's ARN: `!GetAtt Key.Arn`");

        let json = r#"{"Resources": {
            "Key": {"Type": "AWS::KMS::Key"},
            "Set": {"Type": "AWS::SSMIncidents::ReplicationSet", "Properties": {"Regions": [
                {"RegionName": "us-east-1", "RegionConfiguration": {"SseKmsKeyId": {"Ref": "Key"}}}
            ]}}
        }}"#;
        let json = findings("t", &[("t.json", json)], template);
        assert_eq!(
            json[0].1,
            r#"use the key's ARN: `{"Fn::GetAtt": ["Key", "Arn"]}`"#
        );

        let tf = r#"
resource "aws_kms_key" "k" {}
resource "aws_ssmincidents_replication_set" "s" {
  regions {
    name        = "us-east-1"
    kms_key_arn = aws_kms_key.k.key_id
  }
}
"#;
        let tf = findings("m", &[("main.tf", tf)], terraform::parse);
        assert!(tf[0].0.ends_with("Terraform rejects it"), "{tf:?}");
        assert_eq!(tf[0].1, "use the key's ARN: `aws_kms_key.k.arn`");

        let yaml_program = "name: p
runtime: yaml
resources:
  key:
    type: aws:kms:Key
  set:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
        - name: us-east-1
          kmsKeyArn: ${key.keyId}
";
        let yaml_program = findings("p", &[("Pulumi.yaml", yaml_program)], pulumi::parse);
        // pulumi-aws follows Terraform's schema, but the deployment is Pulumi's.
        assert!(yaml_program[0].0.ends_with("the deployment may reject it"));
        assert_eq!(yaml_program[0].1, "use the key's ARN: `${key.arn}`");
    }

    #[test]
    fn a_programs_suggestion_names_the_keys_variable() {
        let typescript = r#"import * as aws from "@pulumi/aws";
const eastKey = new aws.kms.Key("east", {});
new aws.ssmincidents.ReplicationSet("set", {
    regions: [
        { name: "us-east-1", kmsKeyArn: eastKey.keyId },
        { name: "us-west-2", kmsKeyArn: new aws.kms.Key("west", {}).keyId },
    ],
});
"#;
        let typescript = findings(
            "p",
            &[
                ("Pulumi.yaml", "name: p\nruntime: nodejs\n"),
                ("index.ts", typescript),
            ],
            pulumi::parse,
        );
        let helps: Vec<&str> = typescript.iter().map(|(_, help)| help.as_str()).collect();
        assert_eq!(
            helps,
            [
                "use the key's ARN: `eastKey.arn`",
                "use the key's ARN: `<key>.arn`, `<key>` being the key",
            ]
        );

        let python = r#"import pulumi_aws as aws
east_key = aws.kms.Key("east")
aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": "us-east-1", "kms_key_arn": east_key.key_id},
])
"#;
        let python = findings(
            "p",
            &[
                ("Pulumi.yaml", "name: p\nruntime: python\n"),
                ("__main__.py", python),
            ],
            pulumi::parse,
        );
        assert_eq!(python[0].1, "use the key's ARN: `east_key.arn`");
    }
}
