use crate::model::{Format, Key, KeyAttribute, KeyChoice, KeyTarget, Unit, View};
use crate::rules::{Finding, Level, Rule, RuleMeta};

/// IRL009: a region's key is given as a key id or an alias instead of a key ARN.
pub struct KeyNotArn;

static META: RuleMeta = RuleMeta {
    id: "IRL009",
    name: "key-not-arn",
    level: Level::Warning,
    summary: "A region's key is given as a key id or alias instead of a key ARN",
    doc: include_str!("../../rules/IRL009.md"),
};

impl Rule for KeyNotArn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        let unit = view.unit;
        for set in &unit.replication_sets {
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
                        Finding::new(
                            &META,
                            reference.span,
                            format!(
                                "the key of {region} is given as the key id of `{}`, not its ARN: {}",
                                key.identity,
                                consequence(unit.format)
                            ),
                        )
                        .label("a key id")
                        .related(key.span, "the key")
                        .help(format!("use the key's ARN: {}", arn_of(unit, key)))
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
                                consequence(unit.format)
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
}

/// Whether a key id or alias text names an alias (`alias/x`, an alias ARN).
fn is_alias(text: &str) -> bool {
    text.starts_with("alias/") || text.contains(":alias/")
}

/// What giving anything but a key ARN leads to, by format.
fn consequence(format: Format) -> &'static str {
    match format {
        Format::Terraform => "Terraform rejects it",
        _ => "the deployment may reject it",
    }
}

/// How the code reads a declared key's ARN.
fn arn_of(unit: &Unit, key: &Key) -> String {
    let name = &key.identity;
    match unit.format {
        Format::CloudFormation if unit.name.ends_with(".json") => {
            format!("`{{\"Fn::GetAtt\": [\"{name}\", \"Arn\"]}}`")
        }
        Format::CloudFormation => format!("`!GetAtt {name}.Arn`"),
        Format::Terraform => format!("`{name}.arn`"),
        Format::PulumiYaml => format!("`${{{name}.arn}}`"),
        Format::PulumiTypeScript | Format::PulumiPython => "its `arn` output".to_owned(),
    }
}
