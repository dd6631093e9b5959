//! CloudFormation templates, JSON and YAML.
//!
//! [`document`] reads either syntax into one tree, [`evaluate`] works out what its expressions
//! are worth before deployment, and this module turns the replication sets and KMS keys of the
//! tree into the model. A template is one unit deployed by one stack, whose region is chosen at
//! deployment (`--region`).

mod document;
mod evaluate;

use document::Node;
use evaluate::{Resource, Template, key_resource};

use crate::frontend::{InputError, Parsed, UnitFile};
use crate::model::{
    Deployment, Format, Key, KeyChoice, Protection, Provider, ProviderId, ProviderRegion,
    RegionEntry, Regions, ReplicationSet, Tag, Unit, Value,
};

const REPLICATION_SET: &str = "AWS::SSMIncidents::ReplicationSet";

/// The stack, the template's only provider.
const STACK: ProviderId = ProviderId(0);

/// Reads one template. A file that is not a CloudFormation template gives an empty result.
pub fn parse(file: UnitFile) -> Parsed {
    let root = match document::read(file.id, &file.source.text) {
        Ok(Some(root)) if is_template(&root) => root,
        Ok(_) => return Parsed::default(),
        Err(error) => {
            return Parsed {
                unit: None,
                errors: vec![InputError {
                    path: file.source.display_path.clone(),
                    span: Some(error.span),
                    message: error.message,
                }],
            };
        }
    };
    let template = Template::new(&root, STACK);
    let keys = template
        .resources
        .iter()
        .filter_map(|resource| kms_key(&template, resource))
        .collect();
    let replication_sets = template
        .resources
        .iter()
        .filter(|resource| resource.type_name == REPLICATION_SET)
        .map(|resource| replication_set(&template, resource))
        .collect();
    Parsed {
        unit: Some(Unit {
            format: Format::CloudFormation,
            name: file.source.display_path.clone(),
            replication_sets,
            keys,
            providers: vec![Provider {
                name: "the stack".to_owned(),
                span: None,
                region: ProviderRegion::Deployment,
            }],
            deployments: vec![Deployment::default()],
        }),
        errors: Vec::new(),
    }
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

fn kms_key(template: &Template, resource: &Resource) -> Option<Key> {
    let kind = key_resource(resource.type_name)?;
    let property = |name| {
        resource
            .properties
            .and_then(|properties| properties.get(name))
    };
    let string = |name| property(name).map(|node| template.string(node));
    Some(Key {
        identity: resource.logical_id.to_owned(),
        span: resource.logical_id_span,
        resource: kind,
        region: Value::literal(
            resource.logical_id_span,
            crate::model::Region::OfProvider(STACK),
        ),
        spec: string("KeySpec"),
        usage: string("KeyUsage"),
        origin: string("Origin"),
        enabled: property("Enabled").map(|node| template.boolean(node)),
        custom_key_store: None,
    })
}

fn replication_set(template: &Template, resource: &Resource) -> ReplicationSet {
    let property = |name| {
        resource
            .properties
            .and_then(|properties| properties.get(name))
    };
    let regions = match property("Regions") {
        Some(regions) => region_entries(template, regions),
        None => Regions::Unknown(Value::unknown(
            resource.logical_id_span,
            "the set has no `Regions`",
        )),
    };
    let deletion_protection = match property("DeletionProtected") {
        Some(node) if !is_no_value(node) => Protection::Set(template.boolean(node)),
        _ => Protection::Absent,
    };
    ReplicationSet {
        identity: resource.logical_id.to_owned(),
        span: resource.logical_id_span,
        regions,
        deletion_protection,
        tags: property("Tags").map(tags).unwrap_or_default(),
        provider: STACK,
    }
}

/// The `Regions` list. Any entry that is not written out as a mapping (an `Fn::If` that may
/// drop it, say) makes the whole list unknown, since even its length is then unknown.
fn region_entries(template: &Template, regions: &Node) -> Regions {
    let Some(items) = regions.as_sequence() else {
        return Regions::Unknown(Value::unknown(
            regions.span,
            "the regions are not a list written in the template",
        ));
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        if !item.is_mapping() {
            return Regions::Unknown(Value::unknown(
                item.span,
                "a region entry that is not written out",
            ));
        }
        entries.push(RegionEntry {
            span: item.span,
            name: match item.get("RegionName") {
                Some(name) => template.region(name),
                None => Value::unknown(item.span, "a region entry without `RegionName`"),
            },
            key: region_key(template, item.get("RegionConfiguration")),
        });
    }
    Regions::Listed(entries)
}

/// The key of a region entry, from its `RegionConfiguration`.
fn region_key(template: &Template, configuration: Option<&Node>) -> KeyChoice {
    let Some(configuration) = configuration.filter(|node| !is_no_value(node)) else {
        return KeyChoice::AwsOwned;
    };
    if configuration.is_mapping() {
        return match configuration.get("SseKmsKeyId") {
            Some(key) => template.key(key),
            None => KeyChoice::AwsOwned,
        };
    }
    match configuration.kind {
        document::NodeKind::Null => KeyChoice::AwsOwned,
        _ => KeyChoice::Unknown(Value::unknown(
            configuration.span,
            "a `RegionConfiguration` that is not written out",
        )),
    }
}

/// The tags whose key and value are written as plain strings.
fn tags(tags: &Node) -> Vec<Tag> {
    tags.as_sequence()
        .unwrap_or_default()
        .iter()
        .filter_map(|tag| {
            let (key, value) = (tag.get("Key")?, tag.get("Value")?);
            Some(Tag {
                span: tag.span,
                key: Value::literal(key.span, key.as_scalar()?.to_owned()),
                value: Value::literal(value.span, value.as_scalar()?.to_owned()),
            })
        })
        .collect()
}

/// `!Ref AWS::NoValue`, which removes the property it is the value of.
fn is_no_value(node: &Node) -> bool {
    matches!(node.as_intrinsic(), Some(("Ref", name)) if name.as_scalar() == Some("AWS::NoValue"))
}
