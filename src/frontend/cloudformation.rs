//! CloudFormation templates, JSON and YAML.
//!
//! [`document`] reads either syntax into one tree, [`evaluate`] works out what its expressions
//! are worth before deployment, and this module turns the replication sets and KMS keys of the
//! tree into the model. A template is one unit deployed by one stack, whose region is chosen at
//! deployment: by each environment of the SAM configuration beside it ([`samconfig`]) that
//! deploys it, else by `--region`.

mod evaluate;
pub mod samconfig;

use std::collections::HashSet;

use crate::discover;
use crate::frontend::document::{self, Node, NodeKind};
use crate::frontend::key_policy::{self, PolicyNode, Resolution};
use evaluate::{Inputs, Template, TemplateResource, condition_name, either_key, key_resource};

use crate::frontend::{Parsed, UnitFile};
use crate::input_error::InputError;
use crate::model::{
    DeclaredSuppression, Deployment, DeploymentRegion, Engine, Format, Key, KeyArn, KeyChoice,
    KeyPolicy, Protection, Provider, ProviderId, ProviderRegion, Region, RegionEntry, Regions,
    Renames, ReplicationSet, Schema, Tag, Unchecked, Unit, Value,
};
use crate::source::Span;

const REPLICATION_SET: &str = "AWS::SSMIncidents::ReplicationSet";

/// The stack, the template's only provider.
const STACK: ProviderId = ProviderId(0);

/// Reads one template alone, deployed to a region chosen at deployment.
pub fn parse(file: UnitFile) -> Parsed {
    parse_unit(&[file], None)
}

/// Reads the files of a template's unit: the template, and the SAM configuration beside it. The
/// stack deploys to `region` where the configuration names none. A file that is not a
/// CloudFormation template gives an empty result.
pub fn parse_unit(files: &[UnitFile], region: Option<&str>) -> Parsed {
    let (configurations, templates): (Vec<UnitFile>, Vec<UnitFile>) = (files.iter())
        .partition(|file| discover::sam_configuration_rank(&file.source.path).is_some());
    let Some(&file) = templates.first() else {
        return Parsed::default();
    };
    let error = |error: document::SyntaxError| InputError {
        path: file.source.display_path.clone(),
        span: Some(error.span),
        message: error.message,
    };
    let (root, mut errors) = match document::read(file.id, &file.source.text) {
        Ok(document::Document {
            root: Some(root),
            repeated_keys,
        }) if is_template(&root) => (
            root,
            repeated_keys.into_iter().map(error).collect::<Vec<_>>(),
        ),
        Ok(_) => return Parsed::default(),
        Err(e) => {
            return Parsed {
                unit: None,
                prior: None,
                errors: vec![error(e)],
                unread: Vec::new(),
            };
        }
    };
    let (deployments, inputs, mut configuration_errors, unread) =
        deployments(file, &configurations, region);
    errors.append(&mut configuration_errors);
    let template = Template::new(&root, STACK, inputs);
    let retained = retained_on_removal(&root);
    let kept = |resource: &TemplateResource| retained.contains(resource.logical_id);
    let keys = template
        .resources
        .iter()
        .filter_map(|resource| kms_key(&template, resource, kept(resource)))
        .collect();
    // A set whose values differ between deployments is read once for each.
    let replication_sets = (template.resources.iter())
        .filter(|resource| resource.type_name == REPLICATION_SET)
        .flat_map(|resource| {
            template.per_deployment(|| replication_set(&template, resource, kept(resource)))
        })
        .map(|(deployment, mut set)| {
            set.deployment = deployment.and_then(|index| deployments.get(index)?.name.clone());
            set
        })
        .collect();
    Parsed {
        unit: Some(Unit {
            format: Format::CloudFormation,
            engine: Engine::CloudFormation,
            key_arn: if file.source.display_path.ends_with(".json") {
                KeyArn::CLOUDFORMATION_JSON
            } else {
                KeyArn::CLOUDFORMATION_YAML
            },
            name: file.source.display_path.clone(),
            replication_sets,
            keys,
            providers: vec![Provider {
                name: "the stack".to_owned(),
                span: None,
                region: ProviderRegion::Deployment,
            }],
            deployments,
            aws_provider_major: None,
            suppressions: declared_suppressions(&template),
            renames: Renames::default(),
            module_calls: Vec::new(),
            unread: unread.into_iter().collect(),
        }),
        prior: None,
        errors,
        unread: Vec::new(),
    }
}

/// The deployments of a template: each environment of the SAM configuration beside it that
/// deploys it, else one whose region is chosen at deployment. With what each gives the
/// template's expressions (`region` being the region of those that name none), what is wrong
/// with the configuration, and a note on the environments past [`samconfig::MAX_ENVIRONMENTS`],
/// which are not read.
fn deployments(
    template: UnitFile,
    configurations: &[UnitFile],
    region: Option<&str>,
) -> (
    Vec<Deployment>,
    Vec<Inputs>,
    Vec<InputError>,
    Option<Unchecked>,
) {
    let given = region.map(|name| DeploymentRegion {
        name: name.to_owned(),
        span: None,
    });
    // The SAM CLI reads one configuration in a directory: the first of its names.
    let rank = |file: &&UnitFile| discover::sam_configuration_rank(&file.source.path);
    let Some(configuration) = configurations.iter().min_by_key(rank) else {
        let alone = Inputs {
            region: given,
            ..Inputs::default()
        };
        return (vec![Deployment::default()], vec![alone], Vec::new(), None);
    };
    let (environments, errors) = samconfig::read(*configuration);
    let mut deploying: Vec<samconfig::Environment> = (environments.into_iter())
        .filter(|environment| {
            environment.deploys(&configuration.source.path, &template.source.path)
        })
        .collect();
    let past_the_bound = deploying.split_off(deploying.len().min(samconfig::MAX_ENVIRONMENTS));
    let unread = (!past_the_bound.is_empty()).then(|| {
        const NAMED: usize = 3;
        let names: Vec<String> = (past_the_bound.iter().take(NAMED))
            .map(|environment| format!("`{}`", environment.name))
            .collect();
        let more = match past_the_bound.len().saturating_sub(NAMED) {
            0 => String::new(),
            more => format!(" and {more} more"),
        };
        Unchecked::new(
            Span::new(configuration.id, 0, 0),
            format!(
                "the deployments of samconfig environments {}{more} are not checked",
                names.join(", ")
            ),
            format!(
                "irlint checks the first {} environments by name that deploy a template",
                samconfig::MAX_ENVIRONMENTS
            ),
        )
    });
    let (mut deployments, mut inputs): (Vec<Deployment>, Vec<Inputs>) = (deploying.into_iter())
        .map(|environment| {
            let described = match &environment.region {
                Some(region) => format!(
                    "samconfig environment `{}` (region {})",
                    environment.name, region.name
                ),
                None => format!("samconfig environment `{}` (no region)", environment.name),
            };
            let deployment = Deployment {
                name: Some(described),
                region: environment.region.clone(),
                native_region: None,
            };
            let parameters = (environment.parameters.into_iter())
                .map(|given| (given.name, (given.value, given.span)))
                .collect();
            let region = environment.region.or_else(|| given.clone());
            (deployment, Inputs { region, parameters })
        })
        .unzip();
    if deployments.is_empty() {
        deployments.push(Deployment::default());
        inputs.push(Inputs {
            region: given,
            ..Inputs::default()
        });
    }
    (deployments, inputs, errors, unread)
}

/// Whether a document is a CloudFormation template: it says its format version, or declares AWS
/// resources.
fn is_template(root: &Node) -> bool {
    root.get("AWSTemplateFormatVersion").is_some()
        || root
            .get("Resources")
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|entry| entry.value.get("Type").and_then(Node::as_scalar))
            .any(|type_name| type_name.starts_with("AWS::"))
}

/// The logical ids of the resources whose `DeletionPolicy` keeps them when they leave the stack:
/// `Retain`, and `RetainExceptOnCreate` (which deletes only a resource whose creation failed).
/// `Snapshot` applies to neither replication sets nor keys.
fn retained_on_removal(root: &Node) -> HashSet<&str> {
    let resources = root.get("Resources").map(Node::entries).unwrap_or_default();
    (resources.iter())
        .filter(|entry| {
            let policy = entry.value.get("DeletionPolicy").and_then(Node::as_scalar);
            matches!(policy, Some("Retain" | "RetainExceptOnCreate"))
        })
        .map(|entry| entry.key.as_str())
        .collect()
}

fn kms_key(template: &Template, resource: &TemplateResource, kept_on_removal: bool) -> Option<Key> {
    let kind = key_resource(resource.type_name)?;
    let string = |name| resource.property(name).map(|node| template.string(node));
    Some(Key {
        identity: resource.logical_id.to_owned(),
        name_in_code: Some(resource.logical_id.to_owned()),
        span: resource.logical_id_span,
        resource: kind,
        region: Value::literal(resource.logical_id_span, Region::OfProvider(STACK)),
        spec: string("KeySpec"),
        usage: string("KeyUsage"),
        origin: string("Origin"),
        enabled: resource
            .property("Enabled")
            .map(|node| template.boolean(node)),
        custom_key_store: None,
        policy: resource
            .property("KeyPolicy")
            .filter(|node| !node.is_no_value())
            .map(|node| key_policy(template, node)),
        kept_on_removal,
    })
}

/// A `KeyPolicy`: a mapping, or a string that holds the policy as JSON.
fn key_policy(template: &Template, policy: &Node) -> Value<KeyPolicy> {
    if policy.is_mapping() {
        return key_policy::read(
            policy.span,
            &Cfn {
                template,
                node: policy,
            },
            None,
        );
    }
    let text = template.document(policy);
    match key_policy::resolution(text) {
        Ok((text, definition)) => key_policy::read_json(policy.span, &text, definition),
        Err(reason) => Value::unknown(policy.span, reason),
    }
}

/// A node of a template read as a node of a policy document.
struct Cfn<'t> {
    template: &'t Template<'t>,
    node: &'t Node,
}

impl PolicyNode for Cfn<'_> {
    fn span(&self) -> Span {
        self.node.span
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        if !self.node.is_mapping() {
            return Err("a policy part that is not written out".to_owned());
        }
        Ok(self.node.get(name).map(|node| Cfn { node, ..*self }))
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let items = self.node.as_sequence().ok_or("not a list")?;
        Ok(items.iter().map(|node| Cfn { node, ..*self }).collect())
    }

    fn text(&self) -> Resolution<String> {
        key_policy::resolution(self.template.string(self.node))
    }
}

fn replication_set(
    template: &Template,
    resource: &TemplateResource,
    kept_on_removal: bool,
) -> ReplicationSet {
    let regions = match resource.property("Regions") {
        Some(regions) => region_entries(template, regions),
        None => Regions::Unknown(Value::unknown(
            resource.logical_id_span,
            "the set has no `Regions`",
        )),
    };
    let deletion_protection = match resource.property("DeletionProtected") {
        Some(node) if !node.is_no_value() => Protection::Set(template.boolean(node)),
        _ => Protection::Absent,
    };
    ReplicationSet {
        identity: resource.logical_id.to_owned(),
        span: resource.logical_id_span,
        schema: Schema::CloudFormation,
        regions,
        region_syntax: Default::default(),
        deletion_protection,
        tags: resource
            .property("Tags")
            .map(|node| tags(template, node))
            .unwrap_or_default(),
        arguments: Some(set_arguments(resource)),
        provider: STACK,
        provider_chosen: None,
        deployment: None,
        instances: match resource.condition {
            Some(condition) => Value::unknown(
                condition.span,
                format!(
                    "created only when condition `{}` holds",
                    condition.as_scalar().unwrap_or_default()
                ),
            ),
            None => Value::literal(resource.logical_id_span, 1),
        },
        kept_on_removal,
    }
}

/// The set's `Properties` as written, for checking against the resource type's schema: names
/// are matched exactly, as CloudFormation does.
fn set_arguments(resource: &TemplateResource) -> crate::model::SetArguments {
    use crate::model::{Arguments, Case, Naming, SetArguments};
    let span = resource.logical_id_span;
    let properties = (resource.properties).filter(|properties| properties.kind != NodeKind::Null);
    let arguments = match properties {
        None => Arguments {
            span,
            written: Vec::new(),
            complete: true,
        },
        Some(properties) if properties.is_mapping() => mapping_arguments(properties, span),
        // `Fn::If` choosing between property sets, say.
        Some(_) => Arguments::unread(span),
    };
    SetArguments {
        resource_type: REPLICATION_SET,
        naming: Naming {
            case: Case::Pascal,
            exact: true,
        },
        arguments,
    }
}

/// The entries of a mapping as arguments written at `span`. A key that is an intrinsic function
/// (`Fn::Transform`) may add any: the mapping is then not read whole.
fn mapping_arguments(mapping: &Node, span: Span) -> crate::model::Arguments {
    use crate::model::{Argument, Arguments};
    let mut arguments = Arguments {
        span,
        written: Vec::new(),
        complete: true,
    };
    for entry in mapping.entries() {
        if entry.key.starts_with("Fn::") {
            arguments.complete = false;
            continue;
        }
        if let Some(value) = argument_value(&entry.value) {
            arguments.written.push(Argument {
                name: entry.key.clone(),
                name_span: entry.key_span,
                value,
            });
        }
    }
    arguments
}

/// The shape of a property's value; `None` for `!Ref AWS::NoValue`, which removes it. Every
/// scalar is a string, as CloudFormation hands it on.
fn argument_value(node: &Node) -> Option<crate::model::ArgumentValue> {
    use crate::model::ArgumentValue;
    let span = node.span;
    Some(match &node.kind {
        NodeKind::Scalar(text) => ArgumentValue::Text {
            span,
            text: Some(text.clone()),
        },
        NodeKind::Sequence(items) => ArgumentValue::List {
            span,
            items: items.iter().filter_map(argument_value).collect(),
        },
        NodeKind::Mapping(_) => ArgumentValue::Object(mapping_arguments(node, span)),
        _ if node.is_no_value() => return None,
        NodeKind::Intrinsic { function, .. } if function == "Fn::Sub" || function == "Fn::Join" => {
            ArgumentValue::Text { span, text: None }
        }
        NodeKind::Null | NodeKind::Intrinsic { .. } => ArgumentValue::Unknown(span),
    })
}

/// The `Regions` list. An entry that is neither written out as a mapping nor chosen by an
/// `Fn::If` makes the whole list unknown, since even its length is then unknown.
fn region_entries(template: &Template, regions: &Node) -> Regions {
    let Some(items) = regions.as_sequence() else {
        return Regions::Unknown(Value::unknown(
            regions.span,
            "the regions are not a list written in the template",
        ));
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        match region_entry(template, item) {
            Ok(Some(entry)) => entries.push(entry),
            Ok(None) => {}
            Err(unknown) => return Regions::Unknown(unknown),
        }
    }
    Regions::Listed(entries)
}

/// An item of the `Regions` list: an entry written out, none (`AWS::NoValue`), or the entry an
/// `Fn::If` chooses. Such an entry is unknown unless both branches give the same region; when
/// one branch gives none, the entry may be absent. An item of another shape is unknown.
fn region_entry(template: &Template, item: &Node) -> Result<Option<RegionEntry>, Value<()>> {
    if item.is_no_value() {
        return Ok(None);
    }
    if item.is_mapping() {
        return Ok(Some(RegionEntry {
            span: item.span,
            name: match item.get("RegionName") {
                Some(name) => template.region(name),
                None => Value::unknown(item.span, "a region entry without `RegionName`"),
            },
            key: region_key(template, item.get("RegionConfiguration")),
            may_be_absent: false,
        }));
    }
    let unknown = |reason: &str| Value::unknown(item.span, reason);
    let Some(("Fn::If", argument)) = item.as_intrinsic() else {
        return Err(unknown("a region entry that is not written out"));
    };
    let Some([_, when_true, when_false]) = argument.as_sequence() else {
        return Err(unknown("an `Fn::If` without two branches"));
    };
    let condition = condition_name(argument);
    let entry = match (
        region_entry(template, when_true)?,
        region_entry(template, when_false)?,
    ) {
        (None, None) => return Ok(None),
        (Some(first), Some(second)) => RegionEntry {
            span: item.span,
            name: match (first.name.known(), second.name.known()) {
                (Some(a), Some(b)) if a == b => first.name,
                _ => Value::unknown(item.span, format!("chosen by {condition}")),
            },
            key: either_key(first.key, second.key, item.span, &condition),
            may_be_absent: first.may_be_absent || second.may_be_absent,
        },
        (Some(_), None) | (None, Some(_)) => {
            let reason = format!("{condition} may leave the region out");
            RegionEntry {
                span: item.span,
                name: Value::unknown(item.span, reason.clone()),
                key: KeyChoice::Unknown(Value::unknown(item.span, reason)),
                may_be_absent: true,
            }
        }
    };
    Ok(Some(entry))
}

/// The key of a region entry, from its `RegionConfiguration`.
fn region_key(template: &Template, configuration: Option<&Node>) -> KeyChoice {
    match configuration {
        None => KeyChoice::AwsOwned,
        Some(node) if node.is_no_value() || node.kind == NodeKind::Null => KeyChoice::AwsOwned,
        Some(node) if node.is_mapping() => node
            .get("SseKmsKeyId")
            .map_or(KeyChoice::AwsOwned, |key| template.key(key)),
        Some(node) => KeyChoice::Unknown(Value::unknown(
            node.span,
            "a `RegionConfiguration` that is not written out",
        )),
    }
}

/// The suppressions that resources declare in `Metadata: { irlint: { ignore: [...] } }`, each
/// entry `{ rule, reason }` (a plain string is a rule without a reason). A part of another
/// shape gives a suppression that names no rule, for the unused-suppression rule to report.
fn declared_suppressions(template: &Template) -> Vec<DeclaredSuppression> {
    let mut suppressions = Vec::new();
    for resource in &template.resources {
        let Some(irlint) = resource
            .metadata
            .and_then(|metadata| metadata.get("irlint"))
        else {
            continue;
        };
        let declared = |span, rule: Option<&Node>, reason: Option<&Node>| DeclaredSuppression {
            resource: resource.logical_id_span,
            span,
            rule: rule
                .and_then(|rule| Some(Value::literal(rule.span, rule.as_scalar()?.to_owned()))),
            reason: reason
                .and_then(Node::as_scalar)
                .map(str::trim)
                .filter(|reason| !reason.is_empty())
                .map(str::to_owned),
        };
        let Some(entries) = irlint.get("ignore").and_then(Node::as_sequence) else {
            suppressions.push(declared(irlint.span, None, None));
            continue;
        };
        for entry in entries {
            suppressions.push(if entry.is_mapping() {
                declared(entry.span, entry.get("rule"), entry.get("reason"))
            } else {
                declared(entry.span, Some(entry), None)
            });
        }
    }
    suppressions
}

/// The tags written as `{Key, Value}` mappings, their strings evaluated like any other (a
/// parameter's default is known, a resource attribute is not).
fn tags(template: &Template, tags: &Node) -> Vec<Tag> {
    tags.as_sequence()
        .unwrap_or_default()
        .iter()
        .filter_map(|tag| {
            let (key, value) = (tag.get("Key")?, tag.get("Value")?);
            Some(Tag {
                span: tag.span,
                key: template.string(key),
                value: template.string(value),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::{KeyAttribute, KeyId, KeyTarget, ValueKind};
    use crate::source::{FileId, SourceFile, Span};

    /// Parameters, mappings and resources that the expressions of the tests refer to; the
    /// replication set's properties follow, indented by six spaces.
    const PRELUDE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyParameter: {Type: String, Default: "arn:aws:kms:eu-west-1:111122223333:key/abc"}
  RegionParameter: {Type: String, Default: eu-west-1}
  NoDefault: {Type: String}
  Flag: {Type: String, Default: "true"}
  Names: {Type: CommaDelimitedList, Default: "us-east-1,us-east-2,us-west-1"}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /incident/region}
Mappings:
  Regions: {prod: {primary: us-west-2}}
Resources:
  Key: {Type: AWS::KMS::Key, Properties: {KeySpec: SYMMETRIC_DEFAULT, Enabled: "false"}}
  Replica: {Type: AWS::KMS::ReplicaKey, Properties: {PrimaryKeyArn: !GetAtt Key.Arn}}
  Bucket: {Type: AWS::S3::Bucket}
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
"#;

    fn source(name: &str, text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from(name), text.to_owned())
    }

    fn parse_source(source: &SourceFile) -> Parsed {
        parse(UnitFile {
            id: FileId(0),
            source,
        })
    }

    fn unit_of(source: &SourceFile) -> Unit {
        let parsed = parse_source(source);
        assert_eq!(parsed.errors, Vec::new());
        parsed.unit.expect("a template")
    }

    /// A template whose replication set has the given properties (YAML, one per line).
    fn with_properties(properties: &str) -> SourceFile {
        let mut text = PRELUDE.to_owned();
        for line in properties.lines() {
            text.push_str(&format!("      {line}\n"));
        }
        source("template.yaml", &text)
    }

    fn only_entry(source: &SourceFile) -> RegionEntry {
        let unit = unit_of(source);
        let entries = unit.replication_sets[0].listed_regions();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].clone()
    }

    fn key_of(expression: &str) -> KeyChoice {
        only_entry(&with_properties(&format!(
            "Regions:\n  - RegionName: us-east-1\n    RegionConfiguration:\n      SseKmsKeyId: {expression}"
        )))
        .key
    }

    fn region_of(expression: &str) -> (SourceFile, Value<Region>) {
        let source = with_properties(&format!("Regions:\n  - RegionName: {expression}"));
        let name = only_entry(&source).name;
        (source, name)
    }

    fn text(source: &SourceFile, span: Span) -> &str {
        &source.text[span.start..span.end]
    }

    /// A value without its spans: `literal X`, `resolved X`, `unknown: reason`.
    fn shape<T: std::fmt::Debug>(value: &Value<T>) -> String {
        match &value.kind {
            ValueKind::Literal(value) => format!("literal {value:?}"),
            ValueKind::Resolved { value, .. } => format!("resolved {value:?}"),
            ValueKind::Unknown(reason) => format!("unknown: {}", reason.0),
        }
    }

    fn key_shape(key: &KeyChoice) -> String {
        match key {
            KeyChoice::AwsOwned => "aws-owned".to_owned(),
            KeyChoice::Unknown(_) => "unknown".to_owned(),
            KeyChoice::Customer(key) => match &key.target {
                KeyTarget::Arn(arn) => format!("arn {}", shape(arn)),
                KeyTarget::IdOrAlias(id) => format!("id {}", shape(id)),
                KeyTarget::Declared { key, attribute } => format!("{key:?} {attribute:?}"),
                KeyTarget::Unknown(_) => "some key".to_owned(),
            },
        }
    }

    /// Everything the rules read from a unit, without spans.
    fn unit_shape(unit: &Unit) -> Vec<String> {
        let mut lines = Vec::new();
        for set in &unit.replication_sets {
            lines.push(format!(
                "set {} {:?}",
                set.identity,
                match &set.deletion_protection {
                    Protection::Set(value) => shape(value),
                    other => format!("{other:?}"),
                }
            ));
            for entry in set.listed_regions() {
                lines.push(format!("{} {}", shape(&entry.name), key_shape(&entry.key)));
            }
            for tag in &set.tags {
                lines.push(format!("tag {} {}", shape(&tag.key), shape(&tag.value)));
            }
        }
        for key in &unit.keys {
            lines.push(format!(
                "key {} {:?} {:?} {:?}",
                key.identity,
                key.resource,
                key.spec.as_ref().map(shape),
                key.enabled.as_ref().map(shape)
            ));
        }
        lines
    }

    #[test]
    fn yaml_short_forms_and_json_long_forms_give_the_same_model() {
        let yaml = source(
            "template.yaml",
            r#"Parameters:
  Other: {Type: String, Default: us-west-2}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeySpec: SYMMETRIC_DEFAULT, Enabled: true}
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      DeletionProtected: false
      Regions:
        - RegionName: !Ref AWS::Region
          RegionConfiguration:
            SseKmsKeyId: !GetAtt Key.Arn
        - RegionName: !Ref Other
          RegionConfiguration:
            SseKmsKeyId: !Sub "arn:aws:kms:${Other}:111122223333:key/${!x}"
        - RegionName: !Select [1, !Split [",", "a,eu-west-1"]]
      Tags:
        - {Key: team, Value: ops}
"#,
        );
        let json = source(
            "template.json",
            r#"{
  "Parameters": {"Other": {"Type": "String", "Default": "us-west-2"}},
  "Resources": {
    "Key": {
      "Type": "AWS::KMS::Key",
      "Properties": {"KeySpec": "SYMMETRIC_DEFAULT", "Enabled": true}
    },
    "Set": {
      "Type": "AWS::SSMIncidents::ReplicationSet",
      "Properties": {
        "DeletionProtected": false,
        "Regions": [
          {
            "RegionName": {"Ref": "AWS::Region"},
            "RegionConfiguration": {"SseKmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}
          },
          {
            "RegionName": {"Ref": "Other"},
            "RegionConfiguration": {
              "SseKmsKeyId": {"Fn::Sub": "arn:aws:kms:${Other}:111122223333:key/${!x}"}
            }
          },
          {"RegionName": {"Fn::Select": ["1", {"Fn::Split": [",", "a,eu-west-1"]}]}}
        ],
        "Tags": [{"Key": "team", "Value": "ops"}]
      }
    }
  }
}"#,
        );
        let expected = vec![
            "set Set \"literal false\"",
            "literal OfProvider(ProviderId(0)) KeyId(0) Arn",
            "resolved Named(\"us-west-2\") arn resolved \"arn:aws:kms:us-west-2:111122223333:key/${x}\"",
            "literal Named(\"eu-west-1\") aws-owned",
            "tag literal \"team\" literal \"ops\"",
            "key Key Key Some(\"literal \\\"SYMMETRIC_DEFAULT\\\"\") Some(\"literal true\")",
        ];
        assert_eq!(unit_shape(&unit_of(&yaml)), expected);
        assert_eq!(unit_shape(&unit_of(&json)), expected);
    }

    #[test]
    fn the_unit_is_one_stack_deployed_to_a_region_chosen_at_deployment() {
        let unit = unit_of(&with_properties("Regions: [{RegionName: us-east-1}]"));
        assert_eq!(unit.format, Format::CloudFormation);
        assert_eq!(unit.name, "template.yaml");
        assert_eq!(unit.deployments.len(), 1);
        assert!(unit.deployments[0].region.is_none());
        let [stack] = unit.providers.as_slice() else {
            panic!("one provider: {:?}", unit.providers);
        };
        assert_eq!(stack.name, "the stack");
        assert!(matches!(stack.region, ProviderRegion::Deployment));
        assert_eq!(unit.replication_sets[0].provider, STACK);
    }

    #[test]
    fn key_references_name_the_declared_key_and_attribute() {
        let declared = |key, attribute: KeyAttribute| format!("KeyId({key}) {attribute:?}");
        assert_eq!(
            key_shape(&key_of("!GetAtt Key.Arn")),
            declared(0, KeyAttribute::Arn)
        );
        assert_eq!(
            key_shape(&key_of("!GetAtt [Replica, Arn]")),
            declared(1, KeyAttribute::Arn)
        );
        assert_eq!(
            key_shape(&key_of("{Fn::GetAtt: Key.KeyId}")),
            declared(0, KeyAttribute::KeyId)
        );
        assert_eq!(
            key_shape(&key_of("{Fn::GetAtt: [Key, Arn]}")),
            declared(0, KeyAttribute::Arn)
        );
        // `Ref` of a key gives its key id, not its ARN.
        assert_eq!(
            key_shape(&key_of("!Ref Key")),
            declared(0, KeyAttribute::KeyId)
        );
        assert_eq!(
            key_shape(&key_of("{Ref: Replica}")),
            declared(1, KeyAttribute::KeyId)
        );
        for reference in [
            "!GetAtt Bucket.Arn",
            "!GetAtt Missing.Arn",
            "!GetAtt Key.Origin",
            "!Ref Bucket",
            "!Ref Missing",
            "!Ref NoDefault",
            "!ImportValue shared-key",
            "!Sub 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/x'",
            "!If [Cond, !GetAtt Key.Arn, !Ref KeyParameter]",
        ] {
            assert_eq!(key_shape(&key_of(reference)), "some key", "{reference}");
        }
    }

    #[test]
    fn key_strings_are_classified() {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assert_eq!(key_shape(&key_of(arn)), format!("arn literal {arn:?}"));
        assert_eq!(
            key_shape(&key_of("!Ref KeyParameter")),
            "arn resolved \"arn:aws:kms:eu-west-1:111122223333:key/abc\""
        );
        for id in [
            "alias/incidents",
            "arn:aws:kms:us-east-1:111122223333:alias/incidents",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
        ] {
            assert_eq!(key_shape(&key_of(id)), format!("id literal {id:?}"));
        }
        for aws_owned in [
            "DefaultKey",
            "!Ref AWS::NoValue",
            "",
            "!If [c, DefaultKey, !Ref AWS::NoValue]",
        ] {
            assert_eq!(key_shape(&key_of(aws_owned)), "aws-owned", "{aws_owned:?}");
        }
        for maybe_none in [
            "!If [UseKey, !GetAtt Key.Arn, !Ref AWS::NoValue]",
            "!If [UseKey, !Ref AWS::NoValue, !Ref Key]",
            "\"\"",
            "[a, b]",
        ] {
            assert_eq!(key_shape(&key_of(maybe_none)), "unknown", "{maybe_none}");
        }
    }

    #[test]
    fn the_region_configuration_decides_between_none_and_a_key() {
        let key = |configuration: &str| {
            key_shape(
                &only_entry(&with_properties(&format!(
                    "Regions:\n  - RegionName: us-east-1\n    RegionConfiguration: {configuration}"
                )))
                .key,
            )
        };
        assert_eq!(key("{}"), "aws-owned");
        assert_eq!(key(""), "aws-owned");
        assert_eq!(key("!Ref AWS::NoValue"), "aws-owned");
        assert_eq!(key("{SseKmsKeyId: !Ref Key}"), "KeyId(0) KeyId");
        assert_eq!(
            key("!If [c, {SseKmsKeyId: !Ref Key}, !Ref AWS::NoValue]"),
            "unknown"
        );
    }

    #[test]
    fn region_names_resolve_through_the_stack_and_parameter_defaults() {
        assert_eq!(
            shape(&region_of("us-east-1").1),
            "literal Named(\"us-east-1\")"
        );
        assert_eq!(
            shape(&region_of("!Ref AWS::Region").1),
            "literal OfProvider(ProviderId(0))"
        );
        assert_eq!(
            shape(&region_of("{Fn::Sub: '${AWS::Region}'}").1),
            "literal OfProvider(ProviderId(0))"
        );
        let (source, region) = region_of("!Ref RegionParameter");
        assert_eq!(shape(&region), "resolved Named(\"eu-west-1\")");
        assert_eq!(text(&source, region.span), "!Ref RegionParameter");
        assert_eq!(
            text(&source, region.definition().expect("a definition")),
            "eu-west-1"
        );
        assert_eq!(
            shape(&region_of("!FindInMap [Regions, prod, primary]").1),
            "resolved Named(\"us-west-2\")"
        );
        assert_eq!(
            shape(&region_of("!Select [2, !Ref Names]").1),
            "resolved Named(\"us-west-1\")"
        );
        assert_eq!(
            shape(&region_of("!Join ['-', [us, !Select [0, [east, west]], '1']]").1),
            "literal Named(\"us-east-1\")"
        );
        for unknown in [
            ("!Ref NoDefault", "parameter `NoDefault` has no default"),
            (
                "!Ref FromSsm",
                "parameter `FromSsm` is read from Systems Manager when deployed",
            ),
            (
                "!If [Cond, us-east-1, us-west-2]",
                "chosen by condition `Cond`",
            ),
            ("!ImportValue region", "imported from another stack"),
            (
                "!GetAtt Bucket.RegionName",
                "a resource attribute, known once deployed",
            ),
            ("!Ref Missing", "`Missing` is not declared in the template"),
            (
                "!Ref AWS::AccountId",
                "`AWS::AccountId` is known once deployed",
            ),
            (
                "!Select [5, [a]]",
                "an `Fn::Select` index past the list's end",
            ),
            (
                "!Select [0, !GetAZs '']",
                "the availability zones are known once deployed",
            ),
            (
                "!FindInMap [Regions, test, primary]",
                "mapping `Regions` has no entry `test.primary`",
            ),
            ("!Base64 us-east-1", "`Fn::Base64` is not evaluated"),
            ("!Custom us-east-1", "`!Custom` is not evaluated"),
        ] {
            assert_eq!(
                shape(&region_of(unknown.0).1),
                format!("unknown: {}", unknown.1)
            );
        }
    }

    #[test]
    fn substitutions_use_their_variables_then_parameters() {
        let (source, region) = region_of(
            "!Sub ['${Prefix}-${RegionParameter}${!Literal}', {Prefix: !Select [0, [ap, x]]}]",
        );
        assert_eq!(shape(&region), "resolved Named(\"ap-eu-west-1${Literal}\")");
        assert_eq!(
            text(&source, region.definition().expect("a definition")),
            "eu-west-1"
        );
        assert_eq!(
            shape(&region_of("!Sub '${Key.Arn}'").1),
            "unknown: `Key.Arn` is a resource attribute, known once deployed"
        );
        assert_eq!(
            shape(&region_of("!Sub 'us-${unclosed'").1),
            "literal Named(\"us-${unclosed\")"
        );
    }

    #[test]
    fn regions_that_are_not_written_out_are_unknown() {
        for regions in [
            "Regions: !If [Cond, [{RegionName: a}], [{RegionName: b}]]",
            "Regions: !Ref Names",
            "Regions:\n  - RegionName: us-east-1\n  - !Ref RegionParameter",
            "Regions:\n  - RegionName: us-east-1\n  - !If [Cond, {RegionName: b}]",
            "Regions:\n  - !If [Cond, {RegionName: b}, !Ref RegionParameter]",
            "DeletionProtected: true",
        ] {
            let unit = unit_of(&with_properties(regions));
            assert!(
                matches!(unit.replication_sets[0].regions, Regions::Unknown(_)),
                "{regions}"
            );
        }
    }

    /// The entries of a set with the given `Regions` items (YAML, one per line): name, key and
    /// whether the entry may be absent.
    fn entries_of(items: &[&str]) -> Vec<String> {
        let regions: String = items.iter().map(|item| format!("\n  - {item}")).collect();
        let unit = unit_of(&with_properties(&format!("Regions:{regions}")));
        (unit.replication_sets[0].listed_regions().iter())
            .map(|entry| {
                let presence = if entry.may_be_absent {
                    "maybe"
                } else {
                    "certain"
                };
                let key = key_shape(&entry.key);
                format!("{} | {key} | {presence}", shape(&entry.name))
            })
            .collect()
    }

    #[test]
    fn an_entry_behind_an_if_is_unknown_and_the_others_are_read() {
        let left_out = "unknown: condition `Cond` may leave the region out | unknown | maybe";
        assert_eq!(
            entries_of(&[
                "RegionName: us-east-1",
                "!If [Cond, {RegionName: eu-west-1}, !Ref AWS::NoValue]",
                "{Fn::If: [Cond, {Ref: AWS::NoValue}, {RegionName: eu-west-1}]}",
                "!Ref AWS::NoValue",
                "!If [Cond, !Ref AWS::NoValue, !Ref AWS::NoValue]",
                "RegionName: us-west-2",
            ]),
            [
                "literal Named(\"us-east-1\") | aws-owned | certain",
                left_out,
                left_out,
                "literal Named(\"us-west-2\") | aws-owned | certain",
            ]
        );
    }

    #[test]
    fn an_if_between_two_entries_is_an_entry() {
        let key = "RegionConfiguration: {SseKmsKeyId: !GetAtt Key.Arn}";
        assert_eq!(
            entries_of(&[
                "!If [Cond, {RegionName: us-east-1}, {RegionName: us-west-2}]",
                &format!(
                    "!If [Cond, {{RegionName: eu-west-1, {key}}}, {{RegionName: eu-west-1, {key}}}]"
                ),
                &format!("!If [Cond, {{RegionName: eu-west-2, {key}}}, {{RegionName: eu-west-2}}]"),
                "!If [Outer, !If [Inner, {RegionName: a}, !Ref AWS::NoValue], {RegionName: a}]",
            ]),
            [
                "unknown: chosen by condition `Cond` | aws-owned | certain",
                "literal Named(\"eu-west-1\") | KeyId(0) Arn | certain",
                "literal Named(\"eu-west-2\") | unknown | certain",
                "unknown: chosen by condition `Outer` | unknown | maybe",
            ]
        );
    }

    /// A template whose set `ByRegion` looks its regions up by the stack's region, whose set
    /// `ByParameter` reads a parameter, and whose set `Plain` reads neither.
    const LOOKUPS: &str = r#"Parameters:
  Env: {Type: String, Default: dev}
Mappings:
  Regions:
    eu-west-1: {primary: eu-west-1, secondary: eu-central-1}
    us-east-1: {primary: us-east-1, secondary: us-west-2}
  Keys:
    dev: {arn: "arn:aws:kms:us-east-1:111122223333:key/dev"}
    prod: {arn: "arn:aws:kms:eu-west-1:111122223333:key/prod"}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {KeyUsage: !FindInMap [Regions, !Ref AWS::Region, primary]}
  ByRegion:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: !FindInMap [Regions, !Ref AWS::Region, primary]
        - RegionName: !FindInMap [Regions, {Ref: AWS::Region}, secondary]
  ByParameter:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
          RegionConfiguration: {SseKmsKeyId: !FindInMap [Keys, !Ref Env, arn]}
  Plain:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties: {Regions: [{RegionName: us-east-1}]}
"#;

    /// `app/template.yaml` read with the files beside it and `--region`.
    fn deployed(
        template: &str,
        beside: &[(&str, &str)],
        region: Option<&str>,
    ) -> (Vec<SourceFile>, Parsed) {
        let sources: Vec<SourceFile> = [("template.yaml", template)]
            .iter()
            .chain(beside)
            .map(|(name, text)| source(&format!("app/{name}"), text))
            .collect();
        let files: Vec<UnitFile> = (sources.iter().enumerate())
            .map(|(id, source)| UnitFile {
                id: FileId(id),
                source,
            })
            .collect();
        let parsed = parse_unit(&files, region);
        (sources, parsed)
    }

    /// Each set as `identity (deployment): regions and keys`, and each key's usage.
    fn readings(unit: &Unit) -> Vec<String> {
        let mut lines: Vec<String> = (unit.replication_sets.iter())
            .map(|set| {
                let entries: Vec<String> = (set.listed_regions().iter())
                    .map(|entry| format!("{} {}", shape(&entry.name), key_shape(&entry.key)))
                    .collect();
                let deployment = set.deployment.as_deref().unwrap_or("every deployment");
                format!("{} ({deployment}): {}", set.identity, entries.join(", "))
            })
            .collect();
        lines.extend(
            unit.keys
                .iter()
                .map(|key| format!("key {:?}", key.usage.as_ref().map(shape))),
        );
        lines
    }

    const TWO_ENVIRONMENTS: &str = r#"version = 0.1
[default.deploy.parameters]
region = "us-east-1"
[prod.global.parameters]
region = "eu-central-1"
[prod.deploy.parameters]
region = "eu-west-1"
parameter_overrides = "Env=prod"
[local.local_invoke.parameters]
region = "sa-east-1"
"#;

    #[test]
    fn each_samconfig_environment_is_a_deployment_and_reads_what_varies_alone() {
        let (sources, parsed) = deployed(
            LOOKUPS,
            &[("samconfig.toml", TWO_ENVIRONMENTS)],
            Some("ap-south-1"),
        );
        assert_eq!(parsed.errors, []);
        let unit = parsed.unit.expect("a template");
        let deployments: Vec<(Option<&str>, Option<&str>)> = (unit.deployments.iter())
            .map(|deployment| {
                let region = deployment.region.as_ref().map(|region| {
                    let span = region.span.expect("written in the configuration");
                    assert_eq!(span.file, FileId(1));
                    text(&sources[1], span)
                });
                (deployment.name.as_deref(), region)
            })
            .collect();
        assert_eq!(
            deployments,
            [
                (
                    Some("samconfig environment `default` (region us-east-1)"),
                    Some("\"us-east-1\"")
                ),
                (
                    Some("samconfig environment `prod` (region eu-west-1)"),
                    Some("\"eu-west-1\"")
                ),
            ]
        );
        let default = "samconfig environment `default` (region us-east-1)";
        let prod = "samconfig environment `prod` (region eu-west-1)";
        let dev_key = "arn resolved \"arn:aws:kms:us-east-1:111122223333:key/dev\"";
        let prod_key = "arn resolved \"arn:aws:kms:eu-west-1:111122223333:key/prod\"";
        assert_eq!(
            readings(&unit),
            [
                format!(
                    "ByRegion ({default}): resolved Named(\"us-east-1\") aws-owned, resolved Named(\"us-west-2\") aws-owned"
                ),
                format!(
                    "ByRegion ({prod}): resolved Named(\"eu-west-1\") aws-owned, resolved Named(\"eu-central-1\") aws-owned"
                ),
                format!("ByParameter ({default}): literal Named(\"us-east-1\") {dev_key}"),
                format!("ByParameter ({prod}): literal Named(\"us-east-1\") {prod_key}"),
                "Plain (every deployment): literal Named(\"us-east-1\") aws-owned".to_owned(),
                "key Some(\"unknown: the deployments deploy the stack to different regions\")"
                    .to_owned(),
            ]
        );
        // A looked-up value is written where the map holds it.
        let secondary = &unit.replication_sets[1].listed_regions()[1].name;
        assert_eq!(
            text(&sources[0], secondary.span),
            "!FindInMap [Regions, {Ref: AWS::Region}, secondary]"
        );
        let definition = secondary.definition().expect("resolved");
        assert_eq!(
            source_line(&sources[0], definition),
            "    eu-west-1: {primary: eu-west-1, secondary: eu-central-1}"
        );
        assert_eq!(text(&sources[0], definition), "eu-central-1");
    }

    fn source_line(source: &SourceFile, span: Span) -> &str {
        let line = source.line_column(span.start).line;
        source.text.lines().nth(line - 1).unwrap_or_default()
    }

    #[test]
    fn the_deploy_region_given_alone_is_read_in_lookups() {
        let (sources, parsed) = deployed(LOOKUPS, &[], Some("eu-west-1"));
        let unit = parsed.unit.expect("a template");
        assert_eq!(unit.deployments.len(), 1);
        assert!(unit.deployments[0].name.is_none() && unit.deployments[0].region.is_none());
        let lines = readings(&unit);
        assert_eq!(
            lines[0],
            "ByRegion (every deployment): resolved Named(\"eu-west-1\") aws-owned, resolved Named(\"eu-central-1\") aws-owned"
        );
        assert_eq!(lines[3], "key Some(\"resolved \\\"eu-west-1\\\"\")");
        let primary = &unit.replication_sets[0].listed_regions()[0].name;
        assert_eq!(
            source_line(&sources[0], primary.written()),
            "    eu-west-1: {primary: eu-west-1, secondary: eu-central-1}"
        );
        // Without a region, the lookup is unknown.
        let unit = deployed(LOOKUPS, &[], None).1.unit.expect("a template");
        assert_eq!(
            readings(&unit)[0],
            "ByRegion (every deployment): unknown: `AWS::Region` is known once deployed aws-owned, unknown: `AWS::Region` is known once deployed aws-owned"
        );
    }

    /// The bound counts the environments that deploy the template: past it, the first by name
    /// are its deployments, and the others are noted as not checked.
    #[test]
    fn environments_past_the_bound_are_noted_as_not_checked() {
        let environments = |names: std::ops::Range<usize>, template: &str| -> String {
            names
                .map(|index| {
                    format!("[e{index:02}.deploy.parameters]\ntemplate_file = \"{template}\"\n")
                })
                .collect()
        };
        let bound = samconfig::MAX_ENVIRONMENTS;
        let elsewhere = environments(100..140, "other.yaml");
        let configuration = environments(0..bound, "template.yaml") + &elsewhere;
        let (_, parsed) = deployed(LOOKUPS, &[("samconfig.toml", &configuration)], None);
        let unit = parsed.unit.expect("a template");
        assert_eq!((unit.deployments.len(), unit.unread.len()), (bound, 0));
        let configuration = environments(0..bound + 1, "template.yaml") + &elsewhere;
        let (sources, parsed) = deployed(LOOKUPS, &[("samconfig.toml", &configuration)], None);
        assert_eq!(parsed.errors, []);
        let unit = parsed.unit.expect("a template");
        assert_eq!(unit.deployments.len(), bound);
        let notes: Vec<(&str, String)> = (unit.unread.iter())
            .map(|note| {
                (
                    sources[note.span.file.0].path.to_str().unwrap_or_default(),
                    note.message(),
                )
            })
            .collect();
        assert_eq!(
            notes,
            [(
                "app/samconfig.toml",
                "the deployments of samconfig environments `e16` are not checked: irlint checks \
                 the first 16 environments by name that deploy a template"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn environments_that_deploy_another_template_are_not_its_deployments() {
        for (name, configuration) in [
            (
                "samconfig.toml",
                "[prod.deploy.parameters]\nregion = \"eu-west-1\"\ntemplate_file = \"infra.yaml\"\n",
            ),
            (
                "samconfig.yaml",
                "prod:\n  global:\n    parameters: {template: ./infra.yaml, region: eu-west-1}\n",
            ),
            (
                "samconfig.toml",
                "[prod.local_invoke.parameters]\nregion = \"eu-west-1\"\n",
            ),
        ] {
            let (_, parsed) = deployed(LOOKUPS, &[(name, configuration)], Some("us-east-1"));
            assert_eq!(parsed.errors, [], "{configuration}");
            let unit = parsed.unit.expect("a template");
            assert_eq!(unit.deployments.len(), 1, "{configuration}");
            assert!(unit.deployments[0].name.is_none());
            assert!(readings(&unit)[0].contains("us-west-2"), "{configuration}");
        }
        // The one it names is deployed from it, with the region of `--region` where it names none.
        let sources = [
            source("app/infra.yaml", LOOKUPS),
            source(
                "app/samconfig.yaml",
                "prod:\n  deploy:\n    parameters: {template_file: infra.yaml}\n",
            ),
        ];
        let files: Vec<UnitFile> = (sources.iter().enumerate())
            .map(|(id, source)| UnitFile {
                id: FileId(id),
                source,
            })
            .collect();
        // The configuration comes first when the template could not be read first.
        let unit = parse_unit(&[files[1], files[0]], Some("us-east-1"))
            .unit
            .expect("a template");
        assert_eq!(unit.name, "app/infra.yaml");
        assert_eq!(unit.deployments.len(), 1);
        assert_eq!(
            unit.deployments[0].name.as_deref(),
            Some("samconfig environment `prod` (no region)")
        );
        assert!(unit.deployments[0].region.is_none());
        assert!(readings(&unit)[0].contains("us-west-2"));
    }

    #[test]
    fn a_broken_samconfig_is_an_error_and_the_template_is_still_read() {
        let (sources, parsed) = deployed(
            LOOKUPS,
            &[("samconfig.toml", "[default.deploy.parameters\nregion = 1\n")],
            None,
        );
        let [error] = parsed.errors.as_slice() else {
            panic!("one error: {:?}", parsed.errors);
        };
        assert_eq!(error.path, "app/samconfig.toml");
        let span = error.span.expect("a location");
        assert_eq!(
            (span.file, sources[1].line_column(span.start).line),
            (FileId(1), 1)
        );
        let unit = parsed.unit.expect("the template is read");
        assert_eq!(unit.replication_sets.len(), 3);
        assert!(unit.deployments[0].name.is_none());
        // A configuration beside something that is no template says nothing.
        let (_, parsed) = deployed("a: b\n", &[("samconfig.toml", "[")], None);
        assert!(parsed.unit.is_none() && parsed.errors.is_empty());
    }

    /// The change rules' findings between two revisions of a template deployed by a SAM
    /// configuration, each `RULE message`.
    fn change_findings(base: (&str, &str), head: (&str, &str)) -> Vec<String> {
        use crate::change::pair_sets;
        use crate::subject::Placed;
        let base = deployed(base.0, &[("samconfig.toml", base.1)], None);
        let head = deployed(head.0, &[("samconfig.toml", head.1)], None);
        let root = std::path::Path::new("app/template.yaml");
        let files = [FileId(0), FileId(1)];
        let (base_unit, head_unit) = (
            base.1.unit.expect("a template"),
            head.1.unit.expect("a template"),
        );
        let placed = |unit| Placed {
            root,
            unit,
            complete: true,
            files: &files,
        };
        let (base, head) = (placed(&base_unit), placed(&head_unit));
        // Each set is read once for each environment, but is one set.
        assert_eq!(base_unit.replication_sets.len(), 2);
        assert_eq!(base_unit.declared_sets().count(), 1);
        let pairs = pair_sets("main", &[base], &[head], &|_| false);
        assert_eq!(pairs.len(), 1);
        (pairs.iter().flat_map(crate::rules::check_change))
            .map(|finding| format!("{} {}", finding.rule.id, finding.message))
            .collect()
    }

    #[test]
    fn a_set_read_per_environment_changes_per_environment() {
        let environments = "[default.deploy.parameters]\nregion = \"us-east-1\"\n[prod.deploy.parameters]\nregion = \"eu-west-1\"\n";
        let template = |prod: &str| {
            format!(
                "Mappings:\n  Regions:\n    us-east-1: {{primary: us-east-1, secondary: us-west-2}}\n    eu-west-1: {prod}\nResources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      DeletionProtected: true\n      Regions:\n        - RegionName: !FindInMap [Regions, !Ref AWS::Region, primary]\n        - RegionName: !FindInMap [Regions, !Ref AWS::Region, secondary]\n"
            )
        };
        let base = template("{primary: eu-west-1, secondary: eu-central-1}");
        let head = template("{primary: eu-north-1, secondary: eu-south-1}");
        let findings = change_findings((&base, environments), (&head, environments));
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].starts_with("IRL002 in samconfig environment `prod` (region eu-west-1): "),
            "{findings:?}"
        );
        assert_eq!(
            change_findings((&base, environments), (&base, environments)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn deletion_protection_reads_booleans_strings_and_defaults() {
        let protection = |value: &str| {
            let source = with_properties(&format!(
                "Regions: [{{RegionName: us-east-1}}]\nDeletionProtected: {value}"
            ));
            let unit = unit_of(&source);
            match &unit.replication_sets[0].deletion_protection {
                Protection::Set(value) => (
                    shape(value),
                    value.definition().map(|d| text(&source, d).to_owned()),
                ),
                other => (format!("{other:?}"), None),
            }
        };
        assert_eq!(protection("true"), ("literal true".to_owned(), None));
        assert_eq!(protection("False"), ("literal false".to_owned(), None));
        assert_eq!(protection("'false'"), ("literal false".to_owned(), None));
        assert_eq!(
            protection("!Ref Flag"),
            ("resolved true".to_owned(), Some("\"true\"".to_owned()))
        );
        assert_eq!(protection("!Ref AWS::NoValue"), ("Absent".to_owned(), None));
        assert_eq!(
            protection("!Ref NoDefault"),
            (
                "unknown: parameter `NoDefault` has no default".to_owned(),
                None
            )
        );
        assert_eq!(
            protection("yes"),
            ("unknown: not a boolean".to_owned(), None)
        );
        let unit = unit_of(&with_properties("Regions: [{RegionName: us-east-1}]"));
        assert_eq!(
            unit.replication_sets[0].deletion_protection,
            Protection::Absent
        );
    }

    #[test]
    fn metadata_suppressions_name_their_resource_rule_and_reason() {
        let source = source(
            "template.yaml",
            r#"Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Metadata:
      irlint:
        ignore:
          - {rule: IRL004, reason: "  a sandbox  "}
          - IRL001
          - {reason: no rule}
          - {rule: [IRL005], reason: "  "}
    Properties: {Regions: [{RegionName: us-east-1}]}
  Key:
    Type: AWS::KMS::Key
    Metadata: {irlint: {ignore: IRL005}}
  Bucket:
    Type: AWS::S3::Bucket
    Metadata: {other: {ignore: [IRL005]}}
"#,
        );
        let unit = unit_of(&source);
        let shapes: Vec<String> = unit
            .suppressions
            .iter()
            .map(|suppression| {
                format!(
                    "{} {:?} {:?} | {}",
                    text(&source, suppression.resource),
                    suppression.rule.as_ref().map(shape),
                    suppression.reason,
                    text(&source, suppression.span)
                )
            })
            .collect();
        assert_eq!(
            shapes,
            [
                r#"Set Some("literal \"IRL004\"") Some("a sandbox") | {rule: IRL004, reason: "  a sandbox  "}"#,
                r#"Set Some("literal \"IRL001\"") None | IRL001"#,
                r#"Set None Some("no rule") | {reason: no rule}"#,
                r#"Set None None | {rule: [IRL005], reason: "  "}"#,
                r#"Key None None | {ignore: IRL005}"#,
            ]
        );
    }

    #[test]
    fn tags_are_evaluated_like_other_strings() {
        let unit = unit_of(&with_properties(
            "Regions: [{RegionName: us-east-1}]\nTags:\n  - {Key: team, Value: ops}\n  - {Key: cost, Value: 42}\n  - {Key: home, Value: !Ref RegionParameter}\n  - {Key: env, Value: !Ref AWS::StackName}\n  - just-a-string",
        ));
        let tags: Vec<_> = unit.replication_sets[0]
            .tags
            .iter()
            .map(|tag| format!("{}={}", shape(&tag.key), shape(&tag.value)))
            .collect();
        assert_eq!(
            tags,
            [
                "literal \"team\"=literal \"ops\"",
                "literal \"cost\"=literal \"42\"",
                "literal \"home\"=resolved \"eu-west-1\"",
                "literal \"env\"=unknown: `AWS::StackName` is known once deployed",
            ]
        );
    }

    #[test]
    fn kms_keys_live_in_the_stack_region() {
        let unit = unit_of(&with_properties("Regions: [{RegionName: us-east-1}]"));
        let lines = unit_shape(&unit);
        assert_eq!(
            lines[2..],
            [
                "key Key Key Some(\"literal \\\"SYMMETRIC_DEFAULT\\\"\") Some(\"literal false\")",
                "key Replica ReplicaKey None None",
            ]
        );
        for key in &unit.keys {
            assert_eq!(key.region.known(), Some(&Region::OfProvider(STACK)));
            assert!(key.usage.is_none() && key.origin.is_none() && key.custom_key_store.is_none());
        }
        assert_eq!(unit.key(KeyId(1)).identity, "Replica");
    }

    #[test]
    fn spans_point_at_the_written_text() {
        let source = with_properties(
            "Regions:\n  - RegionName: !Ref AWS::Region\n    RegionConfiguration:\n      SseKmsKeyId: !GetAtt Key.Arn   # the key\n\n  - RegionName: \"us-west-2\"\nDeletionProtected: false",
        );
        let unit = unit_of(&source);
        let set = &unit.replication_sets[0];
        assert_eq!(text(&source, set.span), "Set");
        let [first, second] = set.listed_regions() else {
            panic!("two regions");
        };
        assert_eq!(
            text(&source, first.span),
            "RegionName: !Ref AWS::Region\n          RegionConfiguration:\n            SseKmsKeyId: !GetAtt Key.Arn"
        );
        assert_eq!(text(&source, first.name.span), "!Ref AWS::Region");
        let KeyChoice::Customer(key) = &first.key else {
            panic!("a customer managed key");
        };
        assert_eq!(text(&source, key.span), "!GetAtt Key.Arn");
        assert_eq!(text(&source, second.span), "RegionName: \"us-west-2\"");
        assert_eq!(text(&source, second.name.span), "\"us-west-2\"");
        let Protection::Set(protection) = &set.deletion_protection else {
            panic!("protection is set");
        };
        assert_eq!(text(&source, protection.span), "false");
        assert_eq!(text(&source, unit.keys[0].span), "Key");

        let json = source_json_span_check();
        let unit = unit_of(&json);
        let set = &unit.replication_sets[0];
        assert_eq!(text(&json, set.span), "\"Set\"");
        assert_eq!(
            text(&json, set.listed_regions()[0].span),
            "{\"RegionName\": \"eu-west-1\"}"
        );
    }

    fn source_json_span_check() -> SourceFile {
        source(
            "template.json",
            "{\"Resources\": {\"Set\": {\"Type\": \"AWS::SSMIncidents::ReplicationSet\",\n\t\"Properties\": {\"Regions\": [{\"RegionName\": \"eu-west-1\"}]}}}}",
        )
    }

    #[test]
    fn multibyte_text_before_a_value_keeps_spans_on_bytes() {
        for template in [
            "Description: Überwachung – 事件 😀\nResources:\n  Set: {Type: AWS::SSMIncidents::ReplicationSet, Properties: {Regions: [{RegionName: ü-1}]}}\n",
            "{\"Description\": \"Überwachung – 事件 \\ud83d\\ude00 😀\",\n \"Resources\": {\"Set\": {\"Type\": \"AWS::SSMIncidents::ReplicationSet\", \"Properties\": {\"Regions\": [{\"RegionName\": \"ü-1\"}]}}}}",
        ] {
            let source = source("t", template);
            let unit = unit_of(&source);
            let entry = &unit.replication_sets[0].listed_regions()[0];
            assert_eq!(shape(&entry.name), "literal Named(\"ü-1\")");
            assert!(text(&source, entry.name.span).contains("ü-1"), "{template}");
            assert!(text(&source, unit.replication_sets[0].span).contains("Set"));
        }
    }

    #[test]
    fn crlf_line_endings_stay_out_of_values_and_spans() {
        let source = source(
            "template.yaml",
            "Resources:\r\n  Set:\r\n    Type: AWS::SSMIncidents::ReplicationSet\r\n    Properties:\r\n      Regions:\r\n        - RegionName: us-east-1\r\n      DeletionProtected: false\r\n",
        );
        let unit = unit_of(&source);
        let set = &unit.replication_sets[0];
        let entry = &set.listed_regions()[0];
        assert_eq!(shape(&entry.name), "literal Named(\"us-east-1\")");
        assert_eq!(text(&source, entry.span), "RegionName: us-east-1");
        let Protection::Set(protection) = &set.deletion_protection else {
            panic!("protection is set");
        };
        assert_eq!(text(&source, protection.span), "false");
        assert_eq!(source.line_column(protection.span.start).line, 7);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        for template in [
            "\u{feff}Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: {Regions: [{RegionName: us-east-1}]}\n",
            "\u{feff}{\"Resources\": {\"Set\": {\"Type\": \"AWS::SSMIncidents::ReplicationSet\", \"Properties\": {\"Regions\": [{\"RegionName\": \"us-east-1\"}]}}}}",
        ] {
            let source = source("t", template);
            let unit = unit_of(&source);
            let set = &unit.replication_sets[0];
            assert!(text(&source, set.span).contains("Set"), "{template}");
            assert!(text(&source, set.listed_regions()[0].name.span).contains("us-east-1"));
        }
    }

    #[test]
    fn a_broken_file_is_an_error_on_its_line() {
        for (name, template, line, message) in [
            (
                "template.yaml",
                "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      Regions: [{RegionName: us-east-1}\n",
                6,
                "invalid YAML: ",
            ),
            (
                "template.json",
                "{\"Resources\": {\n  \"Set\": {\"Type\": \"AWS::SSMIncidents::ReplicationSet\"}\n  \"Other\": {}}}",
                2,
                "invalid JSON: Expected comma",
            ),
            ("t.yaml", "a: &x 1\nb: *y\n", 2, "invalid YAML: "),
        ] {
            let source = source(name, template);
            let parsed = parse_source(&source);
            assert!(parsed.unit.is_none());
            let [error] = parsed.errors.as_slice() else {
                panic!("one error for {template:?}: {:?}", parsed.errors);
            };
            assert_eq!(error.path, name);
            assert!(error.message.starts_with(message), "{}", error.message);
            let span = error.span.expect("a location");
            assert_eq!(source.line_column(span.start).line, line, "{template:?}");
        }
    }

    #[test]
    fn a_document_that_is_no_template_gives_nothing() {
        for text in [
            "",
            "# SSMIncidents::ReplicationSet\n",
            "notes: AWS::SSMIncidents::ReplicationSet\n",
            "[AWS::SSMIncidents::ReplicationSet]",
            "Resources:\n  Set:\n    Type: Custom::SSMIncidents::ReplicationSet\n",
            "{\"Resources\": []}",
        ] {
            let parsed = parse_source(&source("t", text));
            assert!(
                parsed.unit.is_none() && parsed.errors.is_empty(),
                "{text:?}"
            );
        }
        let versioned = parse_source(&source("t", "AWSTemplateFormatVersion: 2010-09-09\n"));
        assert!(
            versioned
                .unit
                .is_some_and(|unit| unit.replication_sets.is_empty())
        );
    }

    #[test]
    fn a_flow_style_yaml_template_is_not_mistaken_for_json() {
        let unit = unit_of(&source(
            "template.yaml",
            "{Resources: {Set: {Type: AWS::SSMIncidents::ReplicationSet, Properties: {Regions: [{RegionName: !Ref AWS::Region}]}}}}",
        ));
        assert_eq!(
            unit_shape(&unit)[1],
            "literal OfProvider(ProviderId(0)) aws-owned"
        );
    }

    #[test]
    fn a_repeated_key_is_an_error_and_keeps_its_last_value() {
        let source = source(
            "template.json",
            "{\"Resources\": {\"Set\": {\"Type\": \"AWS::SSMIncidents::ReplicationSet\", \"Properties\": {\"Regions\": [{\"RegionName\": \"a\",\n \"RegionName\": \"b\"}]}}}}",
        );
        let parsed = parse_source(&source);
        let [error] = parsed.errors.as_slice() else {
            panic!("one error: {:?}", parsed.errors);
        };
        assert!(error.message.contains("`RegionName` is repeated"));
        let span = error.span.expect("a location");
        assert_eq!(source.line_column(span.start).line, 2);
        let unit = parsed.unit.expect("the template is still read");
        assert_eq!(unit_shape(&unit)[1], "literal Named(\"b\") aws-owned");
    }

    #[test]
    fn aliases_are_expanded_within_a_budget() {
        let unit = unit_of(&with_properties(
            "Regions:\n  - &primary {RegionName: us-east-1, RegionConfiguration: {SseKmsKeyId: !GetAtt Key.Arn}}\n  - *primary",
        ));
        assert_eq!(unit.replication_sets[0].listed_regions().len(), 2);
        let mut bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
        for level in 1..9 {
            let previous = format!("*a{}", level - 1);
            bomb.push_str(&format!(
                "a{level}: &a{level} [{}]\n",
                [previous.as_str(); 10].join(", ")
            ));
        }
        let parsed = parse_source(&source("t.yaml", &bomb));
        assert_eq!(parsed.errors.len(), 1);
        assert!(
            parsed.errors[0]
                .message
                .contains("aliases expand to more than")
        );
        // One long string, repeated, costs its length each time.
        let long = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(1 << 20),
            ["*a"; 10].join(", ")
        );
        let parsed = parse_source(&source("t.yaml", &long));
        assert!(
            parsed.errors[0]
                .message
                .contains("aliases expand to more than")
        );
    }

    /// The names of the regions of a template whose parameter `Long` defaults to `long`.
    fn region_names(long: &str, names: &[String]) -> Vec<String> {
        let regions: String = names
            .iter()
            .map(|name| format!("        - RegionName: {name}\n"))
            .collect();
        let template = format!(
            "Parameters:\n  Long: {{Type: String, Default: {long}}}\nResources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      Regions:\n{regions}"
        );
        let unit = unit_of(&source("template.yaml", &template));
        unit.replication_sets[0]
            .listed_regions()
            .iter()
            .map(|entry| shape(&entry.name))
            .collect()
    }

    /// `!Sub` of `${a}${a}`, `a` being the same again, `levels` deep around `inner`.
    fn doubling_sub(levels: usize, inner: &str) -> String {
        (0..levels).fold(inner.to_owned(), |inner, _| {
            format!("!Sub ['${{a}}${{a}}', {{a: {inner}}}]")
        })
    }

    #[test]
    fn a_string_built_past_four_kib_is_unknown() {
        let names = [
            doubling_sub(3, "ab"),
            doubling_sub(11, "ab"),
            doubling_sub(12, "ab"),
        ];
        assert_eq!(
            region_names("x", &names),
            [
                format!("literal Named({:?})", "ab".repeat(8)),
                format!("literal Named({:?})", "ab".repeat(2048)),
                "unknown: a string too long to follow (over 4 KiB)".to_owned(),
            ]
        );
        let join = "!Join ['', [!Ref Long, !Ref Long]]".to_owned();
        assert_eq!(
            region_names(&"x".repeat(3000), &[join]),
            ["unknown: a string too long to follow (over 4 KiB)"]
        );
    }

    #[test]
    fn each_variable_of_a_sub_is_evaluated_once() {
        // 2^80 evaluations, were `a` evaluated at each of its uses.
        assert_eq!(
            region_names("x", &[doubling_sub(80, "''")]),
            ["literal Named(\"\")"]
        );
    }

    #[test]
    fn text_reached_through_a_reference_is_bounded() {
        assert_eq!(
            region_names(&"x".repeat(5000), &["!Ref Long".to_owned()]),
            ["unknown: a string too long to follow (over 4 KiB)"]
        );
        assert_eq!(
            region_names(&"x".repeat(4096), &["!Ref Long".to_owned()]),
            [format!("resolved Named({:?})", "x".repeat(4096))]
        );
    }

    #[test]
    fn a_key_policy_built_as_a_string_may_take_32_kib() {
        let policy = |sid: usize| {
            let template = format!(
                "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: !Sub '{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Sid\": \"{}\", \"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"*\"}}, \"Action\": \"kms:*\", \"Resource\": \"*\"}}]}}'\n",
                "x".repeat(sid)
            );
            let unit = unit_of(&source("template.yaml", &template));
            let policy = unit.keys[0].policy.clone().expect("a policy");
            match policy.kind {
                ValueKind::Unknown(reason) => Err(reason.0),
                _ => Ok(()),
            }
        };
        assert_eq!(policy(5000), Ok(()));
        assert_eq!(
            policy(40_000),
            Err("a string too long to follow (over 32 KiB)".to_owned())
        );
    }

    #[test]
    fn the_template_shares_one_budget_and_stays_silent_past_it() {
        // Each reference to the 4,000-byte default costs about 250 steps: the budget of
        // 1,000,000 runs out within the template's 5,000 regions.
        let names = vec!["!Ref Long".to_owned(); 5000];
        let shapes = region_names(&"x".repeat(4000), &names);
        assert_eq!(shapes[0], format!("resolved Named({:?})", "x".repeat(4000)));
        assert_eq!(
            shapes[4999],
            "unknown: the template takes more than 1000000 steps to evaluate"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let block: String = (0..1000)
            .map(|depth| format!("{}a:\n", " ".repeat(depth)))
            .collect();
        let flow_yaml = "[".repeat(100_000);
        let json = format!("{{\"a\": {}", "[".repeat(100_000));
        let nested_aliases = format!(
            "a: &a {}1{}\nb: {}*a{}\n",
            "[".repeat(200),
            "]".repeat(200),
            "[".repeat(200),
            "]".repeat(200)
        );
        for text in [block.as_str(), &flow_yaml, &json, &nested_aliases] {
            let parsed = parse_source(&source("t", text));
            assert_eq!(parsed.errors.len(), 1, "{}", &text[..40]);
        }
        let allowed: String = (0..200)
            .map(|depth| format!("{}a:\n", " ".repeat(depth)))
            .collect();
        assert!(parse_source(&source("t", &allowed)).errors.is_empty());
    }

    #[test]
    fn odd_shapes_never_panic() {
        let set = "Type: AWS::SSMIncidents::ReplicationSet";
        for properties in [
            "[1]",
            "{Regions: 5}",
            "{Regions: [1, null, {}, []]}",
            "{Regions: [{RegionName: [a], RegionConfiguration: []}]}",
            "{Regions: [{RegionName: !Sub [1, 2, 3]}], Tags: {a: b}, DeletionProtected: [x]}",
            "{Regions: [{RegionName: !Select [x, [a]]}, {RegionName: !Join [',', !Ref Bucket]}]}",
            "{Regions: [{RegionName: !FindInMap [a]}, {RegionName: !Split ['', abc]}]}",
            "{Regions: [{RegionName: !Select [0, !Split ['', abc]]}, {RegionName: !Ref [a]}]}",
            "{Regions: [{RegionConfiguration: {SseKmsKeyId: !GetAtt [Key]}}]}",
            "{Regions: [{RegionConfiguration: {SseKmsKeyId: !If [a]}}]}",
            "{Regions: [{RegionName: !Join [[], [a]]}, {RegionName: !Sub ['${x}', [y]]}]}",
            "{Regions: [{? [complex, key] : value, RegionName: ~}]}",
            "!Ref Properties",
        ] {
            let text = format!(
                "Resources:\n  Set: {{{set}, Properties: {properties}}}\n  Key: {{Type: AWS::KMS::Key, Properties: [1]}}\n"
            );
            let parsed = parse_source(&source("t.yaml", &text));
            assert!(parsed.errors.is_empty(), "{text}: {:?}", parsed.errors);
            assert!(parsed.unit.is_some(), "{text}");
        }
        for text in [
            "Resources: [1, 2]",
            "Resources: {AWS::X: 1}",
            "---\n...\n",
            "~",
            "'AWS::'",
            "--- a\n--- [b\n",
        ] {
            parse_source(&source("t.yaml", text));
        }
    }
}
