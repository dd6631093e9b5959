//! Pulumi YAML programs: the resources of `Pulumi.yaml`.
//!
//! [`evaluate`] indexes the program's resources, variables and configuration and works out what
//! its expressions are worth before deployment; this module turns its replication sets
//! (`aws:ssmincidents:ReplicationSet`, `aws-native:ssmincidents:ReplicationSet`), KMS keys and
//! providers into the model. Each resource is deployed by its `provider` option's provider, or
//! by its package's default provider, whose region is the stack's.

mod evaluate;
mod interpolation;
#[cfg(test)]
mod tests;

use evaluate::{AwsPackage, DEFAULT_AWS, Kind, Term, YamlProgram, YamlResource};

use crate::frontend::key_policy::{self, PolicyNode, Resolution};
use crate::frontend::pulumi::Project;
use crate::frontend::{Parsed, name_span};
use crate::model::{
    DeprecatedRegion, Engine, Format, Key, KeyArn, KeyChoice, KeyPolicy, KeyResource, Protection,
    Provider, ProviderId, ProviderRegion, Region, RegionEntry, RegionSyntax, Regions, Renames,
    ReplicationSet, Schema, Tag, Unchecked, Unit, Value, ValueKind,
};
use crate::source::Span;

/// Reads the program of a project whose runtime is this language. A program that declares no set
/// is no unit, unless `keep_without_sets` asks for its keys (a project whose set a change
/// deletes).
pub fn parse(project: &Project, keep_without_sets: bool) -> Parsed {
    // With `main`, the program is `<main>/Main.yaml`, which is not among the files a project
    // hands over: such a project is not read (yet).
    if project.files.main.is_some() {
        let main = project.document.get("main");
        return Parsed {
            unread: vec![Unchecked::new(
                main.map_or(project.document.span, |main| main.span),
                "a Pulumi YAML program in another directory is not read",
                "irlint reads the program written in `Pulumi.yaml` itself, not one `main` names",
            )],
            ..Parsed::default()
        };
    }
    let program = YamlProgram::new(project);
    let has_set = program
        .resources
        .iter()
        .any(|resource| matches!(resource.kind, Kind::ReplicationSet(_)));
    if !has_set && !keep_without_sets {
        return Parsed::default();
    }
    let mut builder = Builder {
        program: &program,
        providers: Vec::new(),
    };
    builder.providers = builder.declared_providers();
    let keys = program
        .key_resources()
        .filter_map(|resource| match resource.kind {
            Kind::Key(package, kind) => Some(builder.key(resource, package, kind)),
            _ => None,
        })
        .collect();
    let replication_sets = program
        .resources
        .iter()
        .filter_map(|resource| match resource.kind {
            Kind::ReplicationSet(package) => Some(builder.replication_set(resource, package)),
            _ => None,
        })
        .collect();
    Parsed {
        unit: Some(Unit {
            format: Format::PulumiYaml,
            engine: Engine::Pulumi,
            key_arn: KeyArn::PULUMI_YAML,
            name: project.files.unit_name(),
            replication_sets,
            keys,
            providers: builder.providers,
            deployments: project.deployments.clone(),
            aws_provider_major: None,
            suppressions: Vec::new(),
            renames: Renames::default(),
            module_calls: Vec::new(),
            unread: Vec::new(),
        }),
        prior: None,
        errors: Vec::new(),
        unread: Vec::new(),
    }
}

struct Builder<'p, 'a> {
    program: &'p YamlProgram<'a>,
    /// Numbered as [`evaluate`] numbers them: the two defaults, the provider resources, then
    /// one for each `provider` option that cannot be followed.
    providers: Vec<Provider>,
}

impl<'a> Builder<'_, 'a> {
    /// The default providers and the provider resources.
    fn declared_providers(&self) -> Vec<Provider> {
        // In the order of `DEFAULT_AWS` and `DEFAULT_AWS_NATIVE`.
        let mut providers = vec![
            Provider {
                name: "the default provider".to_owned(),
                span: None,
                region: ProviderRegion::Deployment,
            },
            Provider {
                name: "the default aws-native provider".to_owned(),
                span: None,
                region: ProviderRegion::NativeDeployment,
            },
        ];
        for resource in self.program.provider_resources() {
            let Kind::Provider(package) = resource.kind else {
                continue;
            };
            providers.push(Provider {
                name: format!("provider `{}`", resource.name),
                span: Some(resource.name_span),
                region: self.provider_region(resource, package),
            });
        }
        providers
    }

    fn provider_region(&self, resource: &YamlResource<'a>, package: AwsPackage) -> ProviderRegion {
        // Without a region, it reads the same configuration and environment as the default
        // provider.
        let unset = match package {
            AwsPackage::Aws => ProviderRegion::Deployment,
            AwsPackage::AwsNative => ProviderRegion::NativeDeployment,
        };
        let Some(region) = resource.property("region") else {
            return unset;
        };
        let region = self.program.region(region);
        let kind = match region.kind {
            // `${aws:region}`: the stack's region.
            ValueKind::Literal(Region::OfProvider(DEFAULT_AWS)) => {
                return ProviderRegion::Deployment;
            }
            ValueKind::Literal(Region::OfProvider(_))
            | ValueKind::Resolved {
                value: Region::OfProvider(_),
                ..
            } => {
                return ProviderRegion::Code(Value::unknown(
                    region.span,
                    "the region of another provider",
                ));
            }
            ValueKind::Literal(Region::Named(name)) => ValueKind::Literal(name),
            ValueKind::Resolved {
                value: Region::Named(name),
                definition,
            } => ValueKind::Resolved {
                value: name,
                definition,
            },
            ValueKind::Unknown(reason) => ValueKind::Unknown(reason),
        };
        let region = Value {
            span: region.span,
            kind,
        };
        ProviderRegion::written(region, unset)
    }

    /// The provider of a resource; a `provider` option that cannot be followed becomes a
    /// provider of its own, whose region is unknown.
    fn provider(&mut self, resource: &YamlResource<'a>, package: AwsPackage) -> ProviderId {
        match self.program.provider_of(resource, package) {
            Ok(id) => id,
            Err((span, reason)) => {
                self.providers.push(Provider {
                    name: format!("the provider of `{}`", resource.name),
                    span: Some(span),
                    region: ProviderRegion::Code(Value::unknown(span, reason)),
                });
                ProviderId(self.providers.len() - 1)
            }
        }
    }

    fn key(&mut self, resource: &YamlResource<'a>, package: AwsPackage, kind: KeyResource) -> Key {
        let program = self.program;
        let provider = self.provider(resource, package);
        let string = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| resource.property(name))
                .map(|term| program.string(term))
        };
        let (spec, usage, origin, enabled, custom_key_store): (
            &[&str],
            &[&str],
            &[&str],
            &str,
            &[&str],
        ) = match (package, kind) {
            (AwsPackage::Aws, KeyResource::Key) => (
                &["keySpec", "customerMasterKeySpec"],
                &["keyUsage"],
                &[],
                "isEnabled",
                &["customKeyStoreId"],
            ),
            (AwsPackage::Aws, KeyResource::ExternalKey) => {
                (&["keySpec"], &["keyUsage"], &[], "enabled", &[])
            }
            (_, KeyResource::ReplicaKey) => (&[], &[], &[], "enabled", &[]),
            (AwsPackage::AwsNative, _) => {
                (&["keySpec"], &["keyUsage"], &["origin"], "enabled", &[])
            }
        };
        let origin = match kind {
            KeyResource::ExternalKey => {
                Some(Value::literal(resource.name_span, "EXTERNAL".to_owned()))
            }
            _ => string(origin),
        };
        // pulumi-aws v7 lets a resource name its own region instead of its provider's.
        let region = match (package, resource.property("region")) {
            (AwsPackage::Aws, Some(region)) => program.region(region),
            _ => Value::literal(resource.name_span, Region::OfProvider(provider)),
        };
        Key {
            identity: resource.name.to_owned(),
            name_in_code: Some(resource.name.to_owned()),
            span: resource.name_span,
            resource: kind,
            region,
            spec: string(spec),
            usage: string(usage),
            origin,
            enabled: resource.property(enabled).map(|term| program.boolean(term)),
            custom_key_store: string(custom_key_store),
            policy: resource
                .property(match package {
                    AwsPackage::Aws => "policy",
                    AwsPackage::AwsNative => "keyPolicy",
                })
                .map(|policy| self.key_policy(policy)),
            kept_on_removal: self.retained_on_delete(resource),
        }
    }

    /// Whether the resource's options keep it when it leaves the program
    /// (`options: { retainOnDelete: true }`).
    fn retained_on_delete(&self, resource: &YamlResource<'a>) -> bool {
        let retain = resource.option("retainOnDelete").map(Term::expression);
        retain.is_some_and(|term| self.program.boolean(term).known() == Some(&true))
    }

    /// A key policy: `fn::toJSON` of a document, a document written as an object (aws-native's
    /// `keyPolicy`), or a JSON string.
    fn key_policy(&self, policy: Term<'a>) -> Value<KeyPolicy> {
        let program = self.program;
        let span = policy.span();
        let document = program
            .json_document(policy)
            .or_else(|| program.mapping(policy).ok().flatten());
        if let Some(document) = document {
            let definition = (document.span() != span).then(|| document.span());
            return key_policy::read(
                span,
                &Yaml {
                    program,
                    term: document,
                },
                definition,
            );
        }
        match key_policy::resolution(program.document(policy)) {
            Ok((text, definition)) => key_policy::read_json(span, &text, definition),
            Err(reason) => Value::unknown(span, reason),
        }
    }

    fn replication_set(
        &mut self,
        resource: &YamlResource<'a>,
        package: AwsPackage,
    ) -> ReplicationSet {
        let program = self.program;
        let provider = self.provider(resource, package);
        let (regions, deletion_protection, tags) = match package {
            AwsPackage::Aws => (
                // v7 still takes the deprecated `region`: a list of the same shape.
                resource
                    .property("regions")
                    .or_else(|| resource.property("region"))
                    .map(|regions| {
                        self.regions(regions, "name", |entry| {
                            entry
                                .field("kmsKeyArn")
                                .map_or(KeyChoice::AwsOwned, |key| program.key(key))
                        })
                    }),
                Protection::NotSettable,
                resource
                    .property("tags")
                    .map(|tags| self.tag_map(tags))
                    .unwrap_or_default(),
            ),
            AwsPackage::AwsNative => (
                resource.property("regions").map(|regions| {
                    self.regions(regions, "regionName", |entry| self.native_key(entry))
                }),
                match resource.property("deletionProtected") {
                    Some(term) if !matches!(program.mapping(term), Ok(None)) => {
                        Protection::Set(program.boolean(term))
                    }
                    _ => Protection::Absent,
                },
                resource
                    .property("tags")
                    .map(|tags| self.tag_list(tags))
                    .unwrap_or_default(),
            ),
        };
        let region_syntax = match package {
            AwsPackage::Aws => RegionSyntax {
                current: resource.property_name_span("regions").into_iter().collect(),
                deprecated: resource
                    .property_name_span("region")
                    .map(|written| DeprecatedRegion {
                        span: name_span(written, "region"),
                        written: "region".to_owned(),
                        current: "regions".to_owned(),
                        renaming_merges: false,
                        replaced: None,
                        may_be_empty: false,
                    })
                    .into_iter()
                    .collect(),
            },
            AwsPackage::AwsNative => RegionSyntax::default(),
        };
        ReplicationSet {
            identity: resource.name.to_owned(),
            span: resource.name_span,
            schema: match package {
                AwsPackage::Aws => Schema::Terraform,
                AwsPackage::AwsNative => Schema::CloudFormation,
            },
            region_syntax,
            regions: regions.unwrap_or_else(|| {
                Regions::Unknown(Value::unknown(
                    resource.name_span,
                    "the set has no `regions`",
                ))
            }),
            deletion_protection,
            tags,
            arguments: Some(self.set_arguments(resource, package)),
            provider,
            provider_chosen: resource.option("provider").map(|provider| provider.span),
            // A Pulumi YAML program has no conditions or loops: each resource is created once.
            deployment: None,
            instances: Value::literal(resource.name_span, 1),
            kept_on_removal: self.retained_on_delete(resource),
        }
    }

    /// The set's `properties` as written, for checking against the resource type's schema:
    /// Pulumi YAML matches names exactly, in camelCase.
    fn set_arguments(
        &self,
        resource: &YamlResource<'a>,
        package: AwsPackage,
    ) -> crate::model::SetArguments {
        use crate::model::{ArgumentValue, Arguments, Case, Naming, SetArguments};
        /// The most values read of one set's properties, references followed: a few dozen
        /// are written; variables that each hold two of the next would be 2^n.
        const MAX_VALUES: usize = 10_000;
        let span = resource.name_span;
        let mut budget = MAX_VALUES;
        let arguments = match resource.properties() {
            None => Arguments {
                span,
                written: Vec::new(),
                complete: true,
            },
            Some(properties) => match self.argument_value(properties, &mut budget, 0) {
                None => Arguments {
                    span,
                    written: Vec::new(),
                    complete: true,
                },
                Some(ArgumentValue::Object(arguments)) => Arguments { span, ..arguments },
                Some(_) => Arguments::unread(span),
            },
        };
        SetArguments {
            resource_type: match package {
                AwsPackage::Aws => "aws:ssmincidents:ReplicationSet",
                AwsPackage::AwsNative => "aws-native:ssmincidents:ReplicationSet",
            },
            naming: Naming {
                case: Case::Camel,
                exact: true,
            },
            arguments,
        }
    }

    /// The shape of a value, references followed; `None` for null. Past `budget` values or
    /// `MAX_DEPTH` levels (a variable that holds itself), values are unknown.
    fn argument_value(
        &self,
        term: Term<'a>,
        budget: &mut usize,
        depth: usize,
    ) -> Option<crate::model::ArgumentValue> {
        use crate::model::{Argument, ArgumentValue, Arguments};
        const MAX_DEPTH: usize = 32;
        let program = self.program;
        let span = term.span();
        if depth > MAX_DEPTH || *budget == 0 {
            return Some(ArgumentValue::Unknown(span));
        }
        *budget -= 1;
        if let Ok(items) = program.elements(term) {
            let items = (items.into_iter())
                .filter_map(|item| self.argument_value(item, budget, depth + 1))
                .collect();
            return Some(ArgumentValue::List { span, items });
        }
        match program.mapping(term) {
            Ok(Some(mapping)) => {
                let written = (mapping.entries())
                    .filter_map(|(entry, value)| {
                        Some(Argument {
                            name: entry.key.clone(),
                            name_span: entry.key_span,
                            value: self.argument_value(value, budget, depth + 1)?,
                        })
                    })
                    .collect();
                return Some(ArgumentValue::Object(Arguments {
                    span,
                    written,
                    complete: true,
                }));
            }
            Ok(None) => return None,
            Err(_) => {}
        }
        Some(match term.node.as_scalar() {
            // A reference to what is neither a list nor an object: an output, a configuration
            // value.
            Some(text) if interpolation::symbol(text).is_some() => ArgumentValue::Unknown(span),
            Some(text) if text.contains("${") => ArgumentValue::Text { span, text: None },
            Some(text) => ArgumentValue::Text {
                span,
                text: Some(text.to_owned()),
            },
            None => ArgumentValue::Unknown(span),
        })
    }

    /// A list of region entries. An entry that is not an object makes the whole list unknown,
    /// since even its length is then unknown.
    fn regions(
        &self,
        regions: Term<'a>,
        name_field: &str,
        key: impl Fn(Term<'a>) -> KeyChoice,
    ) -> Regions {
        let program = self.program;
        let items = match program.elements(regions) {
            Ok(items) => items,
            Err(reason) => return Regions::Unknown(Value::unknown(regions.span(), reason)),
        };
        let mut entries = Vec::with_capacity(items.len());
        for item in items {
            let entry = match program.mapping(item) {
                Ok(Some(entry)) => entry,
                Ok(None) => {
                    return Regions::Unknown(Value::unknown(item.span(), "a null region entry"));
                }
                Err(reason) => return Regions::Unknown(Value::unknown(item.span(), reason)),
            };
            entries.push(RegionEntry {
                span: item.span(),
                name: match entry.field(name_field) {
                    Some(name) => program.region(name),
                    None => Value::unknown(
                        item.span(),
                        format!("a region entry without `{name_field}`"),
                    ),
                },
                key: key(entry),
                may_be_absent: false,
            });
        }
        Regions::Listed(entries)
    }

    /// The key of an `aws-native` region entry, in `regionConfiguration.sseKmsKeyId`.
    fn native_key(&self, entry: Term<'a>) -> KeyChoice {
        let Some(configuration) = entry.field("regionConfiguration") else {
            return KeyChoice::AwsOwned;
        };
        match self.program.mapping(configuration) {
            Ok(Some(configuration)) => configuration
                .field("sseKmsKeyId")
                .map_or(KeyChoice::AwsOwned, |key| self.program.key(key)),
            Ok(None) => KeyChoice::AwsOwned,
            Err(reason) => KeyChoice::Unknown(Value::unknown(configuration.span(), reason)),
        }
    }

    /// `tags: { key: value }` (pulumi-aws).
    fn tag_map(&self, tags: Term<'a>) -> Vec<Tag> {
        let Ok(Some(tags)) = self.program.mapping(tags) else {
            return Vec::new();
        };
        tags.entries()
            .map(|(entry, value)| Tag {
                span: entry.key_span.to(value.span()),
                key: Value::literal(entry.key_span, entry.key.clone()),
                value: self.program.string(value),
            })
            .collect()
    }

    /// `tags: [{ key, value }]` (aws-native).
    fn tag_list(&self, tags: Term<'a>) -> Vec<Tag> {
        let program = self.program;
        program
            .elements(tags)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|item| {
                let tag = program.mapping(item).ok()??;
                Some(Tag {
                    span: item.span(),
                    key: program.string(tag.field("key")?),
                    value: program.string(tag.field("value")?),
                })
            })
            .collect()
    }
}

/// A term of the program read as a node of a policy document.
struct Yaml<'p, 'a> {
    program: &'p YamlProgram<'a>,
    term: Term<'a>,
}

impl PolicyNode for Yaml<'_, '_> {
    fn span(&self) -> Span {
        self.term.span()
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        match self.program.mapping(self.term)? {
            Some(object) => Ok(object.field(name).map(|term| Yaml { term, ..*self })),
            None => Err("null, not an object".to_owned()),
        }
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let items = self.program.elements(self.term)?;
        Ok(items
            .into_iter()
            .map(|term| Yaml { term, ..*self })
            .collect())
    }

    fn text(&self) -> Resolution<String> {
        key_policy::resolution(self.program.string(self.term))
    }
}
