//! Pulumi TypeScript and JavaScript programs, parsed with tree-sitter, never run.
//!
//! [`program`] loads the entry module and the project modules it imports and looks names up the
//! way JavaScript scopes them; [`resolve`] follows references to the values they hold; [`sdk`]
//! knows the names the Pulumi packages export. The builder below finds the `new` expressions
//! that create replication sets, KMS keys and providers, wherever they are written, and turns
//! them into the model.

mod program;
mod resolve;
mod sdk;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::frontend::key_policy::{self, PolicyNode, Resolution};
use crate::frontend::pulumi::{Project, instances};
use crate::frontend::{Parsed, name_span};
use crate::model::{
    DeprecatedRegion, Engine, Format, Key, KeyArn, KeyAttribute, KeyChoice, KeyId, KeyPolicy,
    KeyRef, KeyResource, KeyTarget, Protection, Provider, ProviderId, ProviderRegion, Region,
    RegionEntry, RegionSyntax, Regions, ReplicationSet, Schema, Tag, Unit, Unknown, Value,
    ValueKind,
};
use crate::source::Span;
use program::{At, Modules, Program, descendants};
use resolve::{Property, Reached, short, value_of};
use sdk::{KmsLookup, Package, ResourceKind, SdkName};

/// Reads the program of a project whose runtime is this language.
pub fn parse(project: &Project) -> Parsed {
    let (modules, errors) = Modules::load(project);
    let unit = modules.and_then(|modules| {
        let program = Program::new(&modules);
        let resources = resources(&program);
        let has_set = resources
            .iter()
            .any(|r| matches!(r.kind, ResourceKind::ReplicationSet(_)));
        has_set.then(|| {
            Builder {
                program: &program,
                providers: Vec::new(),
                provider_ids: HashMap::new(),
                key_ids: HashMap::new(),
            }
            .build(project, &resources)
        })
    });
    Parsed { unit, errors }
}

/// A `new` expression that creates something irlint reads.
struct Resource<'p> {
    at: At<'p>,
    kind: ResourceKind,
}

/// Every such expression of the program, in module and source order.
fn resources<'p>(program: &Program<'p>) -> Vec<Resource<'p>> {
    program
        .modules()
        .flat_map(|root| {
            descendants(root.node)
                .filter(|node| node.kind() == "new_expression")
                .map(move |node| root.with(node))
        })
        .filter_map(|at| {
            Some(Resource {
                at,
                kind: resource_kind(program, at)?,
            })
        })
        .collect()
}

/// What a `new` expression creates, when its class is one irlint reads.
fn resource_kind<'p>(program: &Program<'p>, new: At<'p>) -> Option<ResourceKind> {
    let class = program.follow(new.field("constructor")?, 0).ok()?;
    class.sdk_name()?.resource()
}

/// The arguments of a call or `new` expression.
fn arguments(call: At) -> Vec<At> {
    call.field("arguments")
        .map(|arguments| arguments.children())
        .unwrap_or_default()
}

/// Who distinguishes providers: the default provider of each package, or a `new …Provider`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ProviderKey {
    Default(Package),
    Declared((usize, usize)),
}

/// A read of a `pulumi.Config`: `config.require("region")`.
struct ConfigRead {
    /// The configuration namespace the `Config` was created for (`aws`), if it names one.
    namespace: Option<String>,
    key: Option<String>,
    /// `require…` fails without a value; `get…` gives `undefined`.
    required: bool,
}

/// The inputs of a resource: its second argument, an object literal when it can be followed.
type Inputs<'p> = Result<Option<At<'p>>, String>;

/// Turns the program's resources into the model, creating providers as they are used.
struct Builder<'b, 'p> {
    program: &'b Program<'p>,
    providers: Vec<Provider>,
    provider_ids: HashMap<ProviderKey, ProviderId>,
    key_ids: HashMap<(usize, usize), KeyId>,
}

impl<'p> Builder<'_, 'p> {
    fn build(mut self, project: &Project, resources: &[Resource<'p>]) -> Unit {
        let keys: Vec<(At, Package, KeyResource)> = resources
            .iter()
            .filter_map(|resource| match resource.kind {
                ResourceKind::Key(package, kind) => Some((resource.at, package, kind)),
                _ => None,
            })
            .collect();
        for (index, (at, ..)) in keys.iter().enumerate() {
            self.key_ids.insert(at.id(), KeyId(index));
        }
        let keys = keys
            .into_iter()
            .map(|(at, package, resource)| self.key(at, package, resource))
            .collect();
        let replication_sets = resources
            .iter()
            .filter_map(|resource| match resource.kind {
                ResourceKind::ReplicationSet(package) => Some((resource.at, package)),
                _ => None,
            })
            .map(|(at, package)| self.replication_set(at, package))
            .collect();
        Unit {
            format: Format::PulumiTypeScript,
            engine: Engine::Pulumi,
            key_arn: KeyArn::TYPESCRIPT,
            name: project.unit_name(),
            deployments: project.deployments.clone(),
            aws_provider_major: None,
            suppressions: Vec::new(),
            providers: self.providers,
            keys,
            replication_sets,
        }
    }

    /// How the program names a resource: its name argument when that is known, else the
    /// variable it is assigned to, else its class.
    fn identity(&self, new: At<'p>) -> String {
        let program = self.program;
        if let Some(name) = arguments(new)
            .first()
            .and_then(|name| program.string(*name).known().cloned())
        {
            return name;
        }
        let variable = new
            .node
            .parent()
            .filter(|parent| parent.kind() == "variable_declarator")
            .and_then(|declarator| declarator.child_by_field_name("name"));
        match (variable, new.field("constructor")) {
            (Some(variable), _) => program.text(new.with(variable)).to_owned(),
            (None, Some(class)) => format!("new {}(…)", short(program.text(class))),
            (None, None) => short(program.text(new)),
        }
    }

    /// The variable a resource is assigned to where it is created (`const key = new …`).
    fn variable(&self, new: At<'p>) -> Option<String> {
        new.node
            .parent()
            .filter(|parent| parent.kind() == "variable_declarator")
            .and_then(|declarator| declarator.child_by_field_name("name"))
            .filter(|name| name.kind() == "identifier")
            .map(|name| self.program.text(new.with(name)).to_owned())
    }

    /// Where a resource is declared: its name argument, else `new` and its class.
    fn declaration(&self, new: At<'p>) -> Span {
        let program = self.program;
        match (arguments(new).first(), new.field("constructor")) {
            (Some(name), _) => program.span(*name),
            (None, Some(class)) => program.span(new).to(program.span(class)),
            (None, None) => program.span(new),
        }
    }

    fn inputs(&self, new: At<'p>) -> Inputs<'p> {
        match arguments(new).get(1) {
            Some(inputs) => self.program.object(*inputs, 0).map(Some),
            None => Ok(None),
        }
    }

    fn input(&self, inputs: &Inputs<'p>, name: &str) -> Property<'p> {
        match inputs {
            Ok(Some(object)) => self.program.property(*object, name, 0),
            Ok(None) => Property::Absent,
            Err(reason) => Property::Unknown(reason.clone()),
        }
    }

    /// A string input under the first of `names` that is set.
    fn string_input(
        &self,
        inputs: &Inputs<'p>,
        names: &[&str],
        span: Span,
    ) -> Option<Value<String>> {
        names
            .iter()
            .find_map(|name| match self.input(inputs, name) {
                Property::Value(value) => Some(self.program.string(value)),
                Property::Absent => None,
                Property::Unknown(reason) => Some(Value::unknown(span, reason)),
            })
    }

    fn key(&mut self, at: At<'p>, package: Package, resource: KeyResource) -> Key {
        let span = self.declaration(at);
        let inputs = self.inputs(at);
        let (provider, provider_span) =
            self.provider_option(arguments(at).get(2).copied(), package);
        // pulumi-aws v7 lets a resource choose its region.
        let region = match self.input(&inputs, "region") {
            Property::Value(region) if package == Package::Aws => self.region(region),
            Property::Unknown(reason) if package == Package::Aws => Value::unknown(span, reason),
            _ => Value::literal(provider_span.unwrap_or(span), Region::OfProvider(provider)),
        };
        let origin = match resource {
            KeyResource::ExternalKey => Some(Value::literal(span, "EXTERNAL".to_owned())),
            _ => self.string_input(&inputs, &["origin"], span),
        };
        let enabled =
            ["isEnabled", "enabled"]
                .iter()
                .find_map(|name| match self.input(&inputs, name) {
                    Property::Value(value) => Some(self.program.boolean(value)),
                    Property::Absent => None,
                    Property::Unknown(reason) => Some(Value::unknown(span, reason)),
                });
        Key {
            identity: self.identity(at),
            name_in_code: self.variable(at),
            span,
            resource,
            region,
            spec: self.string_input(&inputs, &["customerMasterKeySpec", "keySpec"], span),
            usage: self.string_input(&inputs, &["keyUsage"], span),
            origin,
            enabled,
            custom_key_store: self.string_input(&inputs, &["customKeyStoreId"], span),
            policy: match self.input(&inputs, policy_input(package)) {
                Property::Value(policy) => Some(self.key_policy(policy)),
                Property::Absent => None,
                Property::Unknown(reason) => Some(Value::unknown(span, reason)),
            },
        }
    }

    /// A key policy: `JSON.stringify` (or `pulumi.jsonStringify`) of a document, a document
    /// written as an object (aws-native's `keyPolicy`), or a JSON string.
    fn key_policy(&self, policy: At<'p>) -> Value<KeyPolicy> {
        let program = self.program;
        let span = program.span(policy);
        let reached = match program.follow(policy, 0) {
            Ok(reached) => reached,
            Err(reason) => return Value::unknown(span, reason),
        };
        let definition = reached.via_reference.then(|| program.span(reached.at));
        let document = match reached.at.kind() {
            "object" => Some(reached.at),
            "call_expression" if self.is_json_stringify(reached.at) => {
                arguments(reached.at).first().copied()
            }
            _ => None,
        };
        if let Some(at) = document {
            return key_policy::read(span, &Ts { program, at }, definition);
        }
        match program.document_text(&reached) {
            Ok((text, definition)) => key_policy::read_json(span, &text, definition),
            Err(reason) => Value::unknown(span, reason),
        }
    }

    fn is_json_stringify(&self, call: At<'p>) -> bool {
        let program = self.program;
        let Some(function) = call.field("function") else {
            return false;
        };
        program.text(function) == "JSON.stringify"
            || program.follow(function, 0).is_ok_and(|reached| {
                reached.sdk_name().is_some_and(|name| {
                    name.package == Package::Pulumi && name.path == ["jsonStringify"]
                })
            })
    }

    /// Where pulumi-aws's set writes `regions`, and where v7's deprecated `region`.
    fn region_syntax(&self, inputs: &Inputs<'p>) -> RegionSyntax {
        let program = self.program;
        let Ok(Some(object)) = inputs else {
            return RegionSyntax::default();
        };
        let deprecated = program.property_name(*object, "region").map(|name| {
            let span = program.span(name);
            if name.kind() == "shorthand_property_identifier" {
                DeprecatedRegion {
                    span,
                    current: "regions: region".to_owned(),
                    renaming_merges: false,
                }
            } else {
                DeprecatedRegion {
                    span: name_span(span, "region"),
                    current: "regions".to_owned(),
                    renaming_merges: false,
                }
            }
        });
        RegionSyntax {
            current: program
                .property_name(*object, "regions")
                .map(|name| program.span(name))
                .into_iter()
                .collect(),
            deprecated: deprecated.into_iter().collect(),
        }
    }

    fn replication_set(&mut self, new: At<'p>, package: Package) -> ReplicationSet {
        let span = self.declaration(new);
        let inputs = self.inputs(new);
        let (provider, _) = self.provider_option(arguments(new).get(2).copied(), package);
        let native = package == Package::AwsNative;
        let regions = match self.input(&inputs, "regions") {
            // pulumi-aws v7 still accepts the deprecated `region` list.
            Property::Absent if !native => self.input(&inputs, "region"),
            other => other,
        };
        let regions = match regions {
            Property::Value(regions) => match self.program.elements(regions, 0) {
                Ok(elements) => Regions::Listed(
                    elements
                        .into_iter()
                        .map(|element| self.region_entry(element, native))
                        .collect(),
                ),
                Err(reason) => Regions::Unknown(Value::unknown(self.program.span(regions), reason)),
            },
            Property::Absent => Regions::Listed(Vec::new()),
            Property::Unknown(reason) => Regions::Unknown(Value::unknown(span, reason)),
        };
        let deletion_protection = if native {
            match self.input(&inputs, "deletionProtected") {
                Property::Value(value) => Protection::Set(self.program.boolean(value)),
                Property::Absent => Protection::Absent,
                Property::Unknown(reason) => Protection::Set(Value::unknown(span, reason)),
            }
        } else {
            // pulumi-aws's `deletionProtected` is an output only.
            Protection::NotSettable
        };
        let region_syntax = if native {
            RegionSyntax::default()
        } else {
            self.region_syntax(&inputs)
        };
        ReplicationSet {
            identity: self.identity(new),
            span,
            schema: if native {
                Schema::CloudFormation
            } else {
                Schema::Terraform
            },
            regions,
            region_syntax,
            deletion_protection,
            tags: self.tags(&inputs, native),
            provider,
            instances: instances(new.node, span, RUNS_ONCE),
        }
    }

    /// A region of a set: `{ name, kmsKeyArn }`, or for aws-native
    /// `{ regionName, regionConfiguration: { sseKmsKeyId } }`.
    fn region_entry(&mut self, element: At<'p>, native: bool) -> RegionEntry {
        let program = self.program;
        let object = match program.object(element, 0) {
            Ok(object) => object,
            Err(reason) => {
                let span = program.span(element);
                return RegionEntry {
                    span,
                    name: Value::unknown(span, reason.clone()),
                    key: KeyChoice::Unknown(Value::unknown(span, reason)),
                };
            }
        };
        let span = program.span(object);
        let name = match program.property(object, if native { "regionName" } else { "name" }, 0) {
            Property::Value(name) => self.region(name),
            Property::Absent => Value::unknown(span, "the region has no name"),
            Property::Unknown(reason) => Value::unknown(span, reason),
        };
        let key = if native {
            match program.property(object, "regionConfiguration", 0) {
                Property::Value(configuration) => match program.object(configuration, 0) {
                    Ok(configuration) => {
                        let key = program.property(configuration, "sseKmsKeyId", 0);
                        self.key_choice(key, program.span(configuration))
                    }
                    Err(reason) => {
                        KeyChoice::Unknown(Value::unknown(program.span(configuration), reason))
                    }
                },
                other => self.key_choice(other, span),
            }
        } else {
            let key = program.property(object, "kmsKeyArn", 0);
            self.key_choice(key, span)
        };
        RegionEntry { span, name, key }
    }

    /// `tags: { Name: "x" }`, or for aws-native `tags: [{ key: "Name", value: "x" }]`.
    fn tags(&self, inputs: &Inputs<'p>, native: bool) -> Vec<Tag> {
        let program = self.program;
        let Property::Value(tags) = self.input(inputs, "tags") else {
            return Vec::new();
        };
        if native {
            let elements = program.elements(tags, 0).unwrap_or_default();
            return elements
                .into_iter()
                .filter_map(|element| program.object(element, 0).ok())
                .filter_map(|tag| {
                    let field = |name| match program.property(tag, name, 0) {
                        Property::Value(value) => Some(program.string(value)),
                        _ => None,
                    };
                    Some(Tag {
                        span: program.span(tag),
                        key: field("key")?,
                        value: field("value")?,
                    })
                })
                .collect();
        }
        let Ok(tags) = program.object(tags, 0) else {
            return Vec::new();
        };
        tags.children()
            .into_iter()
            .filter_map(|member| {
                let (key, value) = match member.kind() {
                    "pair" => {
                        let (key, value) = (member.field("key")?, member.field("value")?);
                        let key = match key.kind() {
                            "computed_property_name" => program.string(*key.children().first()?),
                            "string" => program.string(key),
                            _ => Value::literal(program.span(key), program.text(key).to_owned()),
                        };
                        (key, program.string(value))
                    }
                    "shorthand_property_identifier" => (
                        Value::literal(program.span(member), program.text(member).to_owned()),
                        program.string(member),
                    ),
                    _ => return None,
                };
                Some(Tag {
                    span: program.span(member),
                    key,
                    value,
                })
            })
            .collect()
    }

    /// The provider the options of a resource (or a lookup) choose, and where they choose it.
    fn provider_option(
        &mut self,
        options: Option<At<'p>>,
        package: Package,
    ) -> (ProviderId, Option<Span>) {
        let program = self.program;
        let Some(options) = options else {
            return (self.default_provider(package), None);
        };
        let unknown = |builder: &mut Self, at: At<'p>, reason: String| {
            (builder.unknown_provider(at, reason), Some(program.span(at)))
        };
        let options = match program.object(options, 0) {
            Ok(options) => options,
            Err(reason) => return unknown(self, options, reason),
        };
        match program.property(options, "provider", 0) {
            Property::Value(provider) => match program.follow(provider, 0) {
                Ok(reached) => match resource_kind(program, reached.at) {
                    Some(ResourceKind::Provider(package)) => (
                        self.declared_provider(reached.at, package),
                        Some(program.span(provider)),
                    ),
                    _ => {
                        let reason = program.describe(reached.at);
                        unknown(self, provider, reason)
                    }
                },
                Err(reason) => unknown(self, provider, reason),
            },
            Property::Unknown(reason) => unknown(self, options, reason),
            Property::Absent => {
                // Without `provider`, a resource takes its parent's provider for the package,
                // which `parent` and `providers` may set.
                let inherited = ["parent", "providers"]
                    .into_iter()
                    .find(|name| !matches!(program.property(options, name, 0), Property::Absent));
                match inherited {
                    Some(name) => unknown(
                        self,
                        options,
                        format!("the provider may come from `{name}`"),
                    ),
                    None => (self.default_provider(package), None),
                }
            }
        }
    }

    fn add_provider(&mut self, key: Option<ProviderKey>, provider: Provider) -> ProviderId {
        let id = ProviderId(self.providers.len());
        self.providers.push(provider);
        if let Some(key) = key {
            self.provider_ids.insert(key, id);
        }
        id
    }

    /// The default provider of a package.
    fn default_provider(&mut self, package: Package) -> ProviderId {
        let key = ProviderKey::Default(package);
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let name = match package {
            Package::AwsNative => "the default aws-native provider",
            Package::Aws | Package::Pulumi => "the default provider",
        };
        let provider = Provider {
            name: name.to_owned(),
            span: None,
            region: configured_region(package),
        };
        self.add_provider(Some(key), provider)
    }

    /// The provider a `new aws.Provider(…)` creates.
    fn declared_provider(&mut self, new: At<'p>, package: Package) -> ProviderId {
        let key = ProviderKey::Declared(new.id());
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let span = self.declaration(new);
        // Registered before its region is read, so that a region that depends on the provider
        // itself ends instead of recursing.
        let id = self.add_provider(
            Some(key),
            Provider {
                name: format!("provider `{}`", self.identity(new)),
                span: Some(span),
                region: ProviderRegion::Code(Value::unknown(
                    span,
                    "the provider's region depends on itself",
                )),
            },
        );
        let inputs = self.inputs(new);
        let region = match self.input(&inputs, "region") {
            Property::Value(region) => {
                let region = self.region(region);
                self.provider_region(region)
            }
            // Like the default provider, it reads its package's configured region.
            Property::Absent => configured_region(package),
            Property::Unknown(reason) => ProviderRegion::Code(Value::unknown(span, reason)),
        };
        self.providers[id.0].region = region;
        id
    }

    /// A provider the program chooses in a way that cannot be followed.
    fn unknown_provider(&mut self, at: At<'p>, reason: String) -> ProviderId {
        let span = self.program.span(at);
        self.add_provider(
            None,
            Provider {
                name: format!("the provider chosen by `{}`", short(self.program.text(at))),
                span: Some(span),
                region: ProviderRegion::Code(Value::unknown(span, reason)),
            },
        )
    }

    /// A provider's `region` input as the provider's region.
    fn provider_region(&self, region: Value<Region>) -> ProviderRegion {
        let Value { span, kind } = region;
        let named = match kind {
            ValueKind::Literal(Region::Named(name)) => Value::literal(span, name),
            ValueKind::Resolved {
                value: Region::Named(name),
                definition,
            } => Value::resolved(span, name, definition),
            ValueKind::Literal(Region::OfProvider(other))
            | ValueKind::Resolved {
                value: Region::OfProvider(other),
                ..
            } => return self.providers[other.0].region.clone(),
            ValueKind::Unknown(reason) => Value {
                span,
                kind: ValueKind::Unknown(reason),
            },
        };
        ProviderRegion::Code(named)
    }

    /// A region: a region name, or the region of a provider (`aws.config.region`,
    /// `aws.getRegionOutput().name`).
    fn region(&mut self, at: At<'p>) -> Value<Region> {
        let program = self.program;
        let resolution = program.follow(at, 0).and_then(|reached| {
            let definition = reached.via_reference.then(|| program.span(reached.at));
            match self.region_of_provider(&reached) {
                Some(provider) => Ok((Region::OfProvider(provider), definition)),
                None => program
                    .text_of(&reached, 0)
                    .map(|(name, definition)| (Region::Named(name), definition)),
            }
        });
        value_of(program.span(at), resolution)
    }

    fn region_of_provider(&mut self, reached: &Reached<'p>) -> Option<ProviderId> {
        let program = self.program;
        if let Some(package) = reached.sdk_name().and_then(SdkName::configured_region) {
            return Some(self.default_provider(package));
        }
        if let Some(read) = self.config_read(reached) {
            let package = match (read.namespace.as_deref(), read.key.as_deref()) {
                (Some("aws"), Some("region")) => Package::Aws,
                (Some("aws-native"), Some("region")) => Package::AwsNative,
                _ => return None,
            };
            return Some(self.default_provider(package));
        }
        let (lookup, property) = self.member_of_call(reached.at)?;
        if !matches!(property, "name" | "region" | "id") {
            return None;
        }
        let function = program.follow(lookup.field("function")?, 0).ok()?;
        let package = function.sdk_name()?.region_lookup()?;
        Some(
            self.provider_option(arguments(lookup).get(1).copied(), package)
                .0,
        )
    }

    /// `call(…).property`, the call followed through constants: the call and the property.
    fn member_of_call(&self, member: At<'p>) -> Option<(At<'p>, &'p str)> {
        if member.kind() != "member_expression" {
            return None;
        }
        let property = self.program.text(member.field("property")?);
        let object = self.program.follow(member.field("object")?, 0).ok()?;
        (object.at.kind() == "call_expression").then_some((object.at, property))
    }

    /// `config.require("x")` where `config` is a `new pulumi.Config(…)`.
    fn config_read(&self, reached: &Reached<'p>) -> Option<ConfigRead> {
        let program = self.program;
        let call = reached.at;
        if call.kind() != "call_expression" {
            return None;
        }
        let function = call.field("function")?;
        let method = program.text(function.field("property")?);
        let config = program.follow(function.field("object")?, 0).ok()?.at;
        if config.kind() != "new_expression"
            || resource_kind(program, config) != Some(ResourceKind::Config)
        {
            return None;
        }
        let first_string = |at: At<'p>| {
            arguments(at)
                .first()
                .and_then(|argument| program.string(*argument).known().cloned())
        };
        Some(ConfigRead {
            namespace: first_string(config),
            key: first_string(call),
            required: method.starts_with("require"),
        })
    }

    /// The key of a region, from its key input.
    fn key_choice(&mut self, key: Property<'p>, entry: Span) -> KeyChoice {
        let at = match key {
            Property::Value(at) => at,
            Property::Absent => return KeyChoice::AwsOwned,
            Property::Unknown(reason) => return KeyChoice::Unknown(Value::unknown(entry, reason)),
        };
        let program = self.program;
        let span = program.span(at);
        let unknown = |reason: String| KeyChoice::Unknown(Value::unknown(span, reason));
        let some_key = |reason: String| {
            KeyChoice::Customer(KeyRef {
                span,
                target: KeyTarget::Unknown(Unknown(reason)),
            })
        };
        let reached = match program.follow(at, 0) {
            Ok(reached) => reached,
            Err(reason) => return unknown(reason),
        };
        match reached.at.kind() {
            "undefined" | "null" => return KeyChoice::AwsOwned,
            "member_expression" => {
                if let Some(target) = self.key_attribute(reached.at, span) {
                    return KeyChoice::Customer(KeyRef { span, target });
                }
            }
            _ => {}
        }
        if let Some(read) = self.config_read(&reached) {
            let reason = format!("configuration value {}", program.describe(reached.at));
            // `require` gives a string or fails; `get` may give `undefined`, the AWS-owned key.
            return if read.required {
                some_key(reason)
            } else {
                unknown(reason)
            };
        }
        match program.text_of(&reached, 0) {
            Ok((text, definition)) => KeyChoice::from_text(span, text, definition),
            // A template literal is a string even when its parts are unknown: some key.
            Err(reason) if reached.at.kind() == "template_string" => some_key(reason),
            Err(reason) => unknown(reason),
        }
    }

    /// `key.arn`, `key.keyId`, `alias.arn`, `aws.kms.getKeyOutput(…).arn`: what a key input
    /// reads from a KMS resource or lookup.
    fn key_attribute(&self, member: At<'p>, span: Span) -> Option<KeyTarget> {
        let program = self.program;
        let property = program.text(member.field("property")?);
        let object = program.follow(member.field("object")?, 0).ok()?.at;
        let described = || Unknown(program.describe(member));
        let alias = |property: &str| match property {
            "arn" | "name" | "id" | "aliasName" => Some(KeyTarget::IdOrAlias(Value::unknown(
                span,
                format!("the alias {}", program.describe(object)),
            ))),
            "targetKeyArn" => Some(KeyTarget::Unknown(described())),
            "targetKeyId" => Some(KeyTarget::IdOrAlias(Value::unknown(span, described().0))),
            _ => None,
        };
        match object.kind() {
            "new_expression" => match resource_kind(program, object)? {
                ResourceKind::Key(..) => {
                    let attribute = match property {
                        "arn" => KeyAttribute::Arn,
                        "keyId" | "id" => KeyAttribute::KeyId,
                        _ => return None,
                    };
                    let key = *self.key_ids.get(&object.id())?;
                    Some(KeyTarget::Declared { key, attribute })
                }
                ResourceKind::Alias => alias(property),
                _ => None,
            },
            "call_expression" => {
                let function = program.follow(object.field("function")?, 0).ok()?;
                match function.sdk_name()?.kms_lookup()? {
                    KmsLookup::Key => match property {
                        "arn" => Some(KeyTarget::Unknown(described())),
                        "id" | "keyId" => {
                            Some(KeyTarget::IdOrAlias(Value::unknown(span, described().0)))
                        }
                        _ => None,
                    },
                    KmsLookup::Alias => alias(property),
                }
            }
            _ => None,
        }
    }
}

/// The nodes that run what they hold once when they run: a `new` inside any other (an `if`, a
/// loop, a function, `&&`) may create any number of resources.
const RUNS_ONCE: &[&str] = &[
    "program",
    "statement_block",
    "expression_statement",
    "export_statement",
    "lexical_declaration",
    "variable_declaration",
    "variable_declarator",
    "assignment_expression",
    "parenthesized_expression",
    "await_expression",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
    "call_expression",
    "new_expression",
    "arguments",
    "member_expression",
    "object",
    "pair",
    "array",
];

/// The input that holds a key's policy.
fn policy_input(package: Package) -> &'static str {
    match package {
        Package::AwsNative => "keyPolicy",
        Package::Aws | Package::Pulumi => "policy",
    }
}

/// An expression of the program read as a node of a policy document.
struct Ts<'b, 'p> {
    program: &'b Program<'p>,
    at: At<'p>,
}

impl PolicyNode for Ts<'_, '_> {
    fn span(&self) -> Span {
        self.program.span(self.at)
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        let object = self.program.object(self.at, 0)?;
        match self.program.property(object, name, 0) {
            Property::Value(at) => Ok(Some(Ts { at, ..*self })),
            Property::Absent => Ok(None),
            Property::Unknown(reason) => Err(reason),
        }
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let elements = self.program.elements(self.at, 0)?;
        Ok(elements.into_iter().map(|at| Ts { at, ..*self }).collect())
    }

    fn text(&self) -> Resolution<String> {
        self.program.text_at(self.at, 0)
    }
}

/// The region a package's provider reads from the stack when the program sets none: pulumi-aws
/// reads `aws:region`, aws-native `aws-native:region`.
fn configured_region(package: Package) -> ProviderRegion {
    match package {
        Package::AwsNative => ProviderRegion::NativeDeployment,
        Package::Aws | Package::Pulumi => ProviderRegion::Deployment,
    }
}
