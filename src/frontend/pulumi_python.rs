//! Pulumi Python programs, parsed with tree-sitter, never run.
//!
//! [`program`] loads the entry module and the project modules it imports ([`imports`] resolves
//! import statements the way Python does) and says what a name means where it is used, from the
//! names each scope binds ([`scopes`]); [`values`] reads expressions as strings, booleans, lists
//! and objects; [`sdk`] knows the SDK names that matter. The builder below finds the calls that
//! create replication sets, KMS keys and providers (of `pulumi_aws` and `pulumi_aws_native`) and
//! turns them into the model.

mod imports;
mod program;
mod scopes;
mod sdk;
#[cfg(test)]
mod tests;
mod values;

use std::collections::HashMap;

use crate::frontend::key_policy::{self, PolicyNode, Resolution};
use crate::frontend::pulumi::{Project, instances};
use crate::frontend::{Parsed, name_span};
use crate::model::{
    DeprecatedRegion, Engine, Format, Key, KeyArn, KeyAttribute, KeyChoice, KeyId, KeyPolicy,
    KeyRef, KeyResource, KeyTarget, Protection, Provider, ProviderId, ProviderRegion, Region,
    RegionEntry, RegionSyntax, Regions, ReplicationSet, Schema, Tag, Unit, Unknown, Value,
};
use crate::source::Span;
use program::{At, Meaning, ModuleId, Program, Reached};
use sdk::{Class, Package, is_configured_region};
use values::{Field, Fields, shorten, value_of};

/// Why a value that a `**` argument may hold is unknown.
const HIDDEN: &str = "it may come from a `**` argument";

/// The region a package's provider reads from the stack when the program sets none: pulumi-aws
/// reads `aws:region`, aws-native `aws-native:region`.
fn configured_region(package: Package) -> ProviderRegion {
    match package {
        Package::AwsNative => ProviderRegion::NativeDeployment,
        _ => ProviderRegion::Deployment,
    }
}

/// The nodes that run what they hold once when they run: a call inside any other (an `if`, a
/// loop, a function, a comprehension) may create any number of resources.
const RUNS_ONCE: &[&str] = &[
    "module",
    "expression_statement",
    "assignment",
    "parenthesized_expression",
    "await",
    "call",
    "argument_list",
    "keyword_argument",
    "attribute",
    "list",
    "tuple",
    "expression_list",
    "dictionary",
    "pair",
];

/// Reads the program of a project whose runtime is Python.
pub fn parse(project: &Project) -> Parsed {
    let mut loaded = program::load(project);
    let errors = std::mem::take(&mut loaded.errors);
    let program = Program::new(&loaded);
    let unit = Builder {
        program: &program,
        keys: Vec::new(),
        key_ids: HashMap::new(),
        providers: Vec::new(),
        provider_ids: HashMap::new(),
    }
    .build(project);
    Parsed { unit, errors }
}

/// The parts of a call that creates a resource.
struct Resource<'t> {
    call: At<'t>,
    /// The resource name, its first argument.
    name: Option<At<'t>>,
    /// The keyword arguments, and those of an input object (`args=ReplicationSetArgs(…)`).
    inputs: Fields<'t>,
    options: Field<'t>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum ProviderKey {
    Default(Package),
    Declared((ModuleId, usize)),
}

/// Turns the program's resources into the model, creating providers as they are used.
struct Builder<'p, 't> {
    program: &'p Program<'t>,
    keys: Vec<Key>,
    key_ids: HashMap<(ModuleId, usize), KeyId>,
    providers: Vec<Provider>,
    provider_ids: HashMap<ProviderKey, ProviderId>,
}

impl<'t> Builder<'_, 't> {
    fn build(mut self, project: &Project) -> Option<Unit> {
        let mut sets = Vec::new();
        let mut keys = Vec::new();
        for call in self.program.calls() {
            match self.program.class_of(call) {
                Some(Class::ReplicationSet(package)) => sets.push((call, package)),
                Some(Class::Key(resource, package)) => keys.push((call, resource, package)),
                _ => {}
            }
        }
        if sets.is_empty() {
            return None;
        }
        // Keys first: the sets refer to them.
        for (call, resource, package) in keys {
            let key = self.key(call, resource, package);
            self.key_ids.insert(call.key(), KeyId(self.keys.len()));
            self.keys.push(key);
        }
        let replication_sets = sets
            .into_iter()
            .map(|(call, package)| self.replication_set(call, package))
            .collect();
        Some(Unit {
            format: Format::PulumiPython,
            engine: Engine::Pulumi,
            key_arn: KeyArn::PYTHON,
            name: project.unit_name(),
            replication_sets,
            keys: self.keys,
            providers: self.providers,
            deployments: project.deployments.clone(),
            aws_provider_major: None,
            suppressions: Vec::new(),
        })
    }

    fn resource(&self, call: At<'t>) -> Resource<'t> {
        let program = self.program;
        let arguments = program.arguments(call);
        let keywords = &arguments.keywords;
        let given = |field| match field {
            Field::Given(at) => Some(at),
            _ => None,
        };
        let name = arguments
            .positional
            .first()
            .copied()
            .or_else(|| given(keywords.get(&["resource_name"])));
        let mut options = keywords.get(&["opts"]);
        let mut args = given(keywords.get(&["args"]));
        // The second positional argument is the input object or, in the other overload, the
        // options.
        if let Some(&second) = arguments.positional.get(1) {
            let is_options = program
                .follow(second)
                .is_ok_and(|reached| program.call_of(&reached, |c| c == Class::Options).is_some());
            if is_options {
                options = Field::Given(second);
            } else {
                args = Some(second);
            }
        }
        if let Some(&third) = arguments.positional.get(2) {
            options = Field::Given(third);
        }
        let mut inputs = arguments.keywords;
        if let Some(args) = args.filter(|args| !program.is_none(*args)) {
            match program.fields(args) {
                Ok((fields, _)) => inputs.extend(fields),
                Err(_) => inputs.hide(args),
            }
        }
        Resource {
            call,
            name,
            inputs,
            options,
        }
    }

    /// How the program names a resource (its resource name) and where: the name argument, or
    /// the call's head when it has none.
    fn identity(&self, resource: &Resource<'t>) -> (String, Span) {
        let program = self.program;
        match resource.name {
            Some(name) => {
                let identity = program
                    .text_value(name)
                    .map_or_else(|_| shorten(program.text(name)), |(text, _)| text);
                (identity, name.span())
            }
            None => {
                let head = resource.call.field("function").unwrap_or(resource.call);
                (program.text(head).to_owned(), head.span())
            }
        }
    }

    /// The variable a resource is assigned to where it is created (`key = aws.kms.Key(…)`).
    fn variable(&self, call: At<'t>) -> Option<String> {
        call.node
            .parent()
            .filter(|parent| parent.kind() == "assignment")
            .and_then(|assignment| assignment.child_by_field_name("left"))
            .filter(|left| left.kind() == "identifier")
            .map(|left| self.program.text(call.with(left)).to_owned())
    }

    fn key(&mut self, call: At<'t>, resource: KeyResource, package: Package) -> Key {
        let program = self.program;
        let declared = self.resource(call);
        let (identity, span) = self.identity(&declared);
        let provider = self.provider(package, declared.options);
        let region = match declared.inputs.get(&["region"]) {
            // pulumi-aws v7 lets a resource choose its region.
            Field::Given(region) if package == Package::Aws => self.region(region),
            _ => {
                let written = match declared.options {
                    Field::Given(options) | Field::Hidden(options) => options.span(),
                    Field::Absent => span,
                };
                Value::literal(written, Region::OfProvider(provider))
            }
        };
        let string = |names: &[&str]| match declared.inputs.get(names) {
            Field::Given(at) => Some(program.string(at)),
            Field::Absent => None,
            Field::Hidden(at) => Some(Value::unknown(at.span(), HIDDEN)),
        };
        let origin = match resource {
            KeyResource::ExternalKey => Some(Value::literal(span, "EXTERNAL".to_owned())),
            _ => string(&["origin"]),
        };
        Key {
            identity,
            name_in_code: self.variable(call),
            span,
            resource,
            region,
            spec: string(&["customer_master_key_spec", "key_spec"]),
            usage: string(&["key_usage"]),
            origin,
            enabled: match declared.inputs.get(&["is_enabled", "enabled"]) {
                Field::Given(at) => Some(program.boolean(at)),
                Field::Absent => None,
                Field::Hidden(at) => Some(Value::unknown(at.span(), HIDDEN)),
            },
            custom_key_store: string(&["custom_key_store_id"]),
            policy: match declared.inputs.get(match package {
                Package::Aws => &["policy"],
                _ => &["key_policy", "keyPolicy"],
            }) {
                Field::Given(policy) => Some(self.key_policy(policy)),
                Field::Absent => None,
                Field::Hidden(at) => Some(Value::unknown(at.span(), HIDDEN)),
            },
        }
    }

    /// A key policy: `json.dumps` (or `pulumi.Output.json_dumps`) of a document, a document
    /// written as a dictionary (aws-native's `key_policy`), or a JSON string.
    fn key_policy(&self, policy: At<'t>) -> Value<KeyPolicy> {
        let program = self.program;
        let span = policy.span();
        let reached = match program.follow(policy) {
            Ok(reached) => reached,
            Err(reason) => return Value::unknown(span, reason),
        };
        let dumped = reached.expr("call").filter(|call| {
            call.field("function").is_some_and(|function| {
                let function = program.text(function);
                function == "json.dumps" || function.ends_with("Output.json_dumps")
            })
        });
        let document = match dumped {
            Some(call) => program.arguments(call).positional.first().copied(),
            None => reached.expr("dictionary"),
        };
        if let Some(at) = document {
            return key_policy::read(span, &Python { program, at }, reached.definition());
        }
        match program.document_text(&reached) {
            Ok((text, definition)) => key_policy::read_json(span, &text, definition),
            Err(reason) => Value::unknown(span, reason),
        }
    }

    fn replication_set(&mut self, call: At<'t>, package: Package) -> ReplicationSet {
        let set = self.resource(call);
        let (identity, span) = self.identity(&set);
        let provider = self.provider(package, set.options);
        let deletion_protection = match (package, set.inputs.get(&["deletion_protected"])) {
            // pulumi-aws's `deletion_protected` is an output only.
            (Package::Aws, _) => Protection::NotSettable,
            (_, Field::Given(at)) => Protection::Set(self.program.boolean(at)),
            (_, Field::Absent) => Protection::Absent,
            (_, Field::Hidden(at)) => Protection::Set(Value::unknown(at.span(), HIDDEN)),
        };
        let region_syntax = match package {
            Package::Aws => region_syntax(&set),
            _ => RegionSyntax::default(),
        };
        ReplicationSet {
            identity,
            span,
            schema: match package {
                Package::Aws => Schema::Terraform,
                _ => Schema::CloudFormation,
            },
            regions: self.regions(&set, package),
            region_syntax,
            deletion_protection,
            tags: self.tags(&set),
            provider,
            instances: instances(call.node, span, RUNS_ONCE),
        }
    }

    fn regions(&mut self, set: &Resource<'t>, package: Package) -> Regions {
        let mut field = set.inputs.get(&["regions"]);
        if package == Package::Aws && matches!(field, Field::Absent) {
            // pulumi-aws v7 still accepts the deprecated `region` list of the same shape.
            field = set.inputs.get(&["region"]);
        }
        let list = match field {
            Field::Absent => return Regions::Listed(Vec::new()),
            Field::Hidden(at) => return Regions::Unknown(Value::unknown(at.span(), HIDDEN)),
            Field::Given(list) => list,
        };
        match self.program.elements(list) {
            Ok((elements, _)) => Regions::Listed(
                elements
                    .into_iter()
                    .map(|element| self.region_entry(element, package))
                    .collect(),
            ),
            Err(reason) => Regions::Unknown(Value::unknown(list.span(), reason)),
        }
    }

    fn region_entry(&mut self, element: At<'t>, package: Package) -> RegionEntry {
        let (fields, written) = match self.program.fields(element) {
            Ok(found) => found,
            // An element is one region even when what it holds cannot be read.
            Err(reason) => {
                let span = element.span();
                return RegionEntry {
                    span,
                    name: Value::unknown(span, reason.clone()),
                    key: KeyChoice::Unknown(Value::unknown(span, reason)),
                };
            }
        };
        let span = written.span();
        let name_field = match package {
            Package::Aws => fields.get(&["name"]),
            _ => fields.get(&["region_name", "regionName"]),
        };
        let name = match name_field {
            Field::Given(name) => self.region(name),
            Field::Absent => Value::unknown(span, "the region has no name"),
            Field::Hidden(at) => Value::unknown(at.span(), HIDDEN),
        };
        let key = match package {
            Package::Aws => self.key_choice(fields.get(&["kms_key_arn", "kmsKeyArn"])),
            _ => match fields.get(&["region_configuration", "regionConfiguration"]) {
                Field::Given(configuration) if !self.program.is_none(configuration) => {
                    match self.program.fields(configuration) {
                        Ok((configuration, _)) => {
                            self.key_choice(configuration.get(&["sse_kms_key_id", "sseKmsKeyId"]))
                        }
                        Err(reason) => {
                            KeyChoice::Unknown(Value::unknown(configuration.span(), reason))
                        }
                    }
                }
                other => self.key_choice(other),
            },
        };
        RegionEntry { span, name, key }
    }

    /// A region: a name, or the region of a provider (`aws.config.region`,
    /// `aws.get_region().name`).
    fn region(&mut self, at: At<'t>) -> Value<Region> {
        let program = self.program;
        let reached = match program.follow(at) {
            Ok(reached) => reached,
            Err(reason) => return Value::unknown(at.span(), reason),
        };
        let definition = reached.definition();
        if let Meaning::Sdk { package, path } = &reached.meaning
            && is_configured_region(*package, path)
        {
            let provider = self.default_provider(*package);
            return value_of(at.span(), Ok((Region::OfProvider(provider), definition)));
        }
        if let Some(region) = self.looked_up_region(at, &reached) {
            return region;
        }
        let resolution = program
            .text_of(&reached)
            .map(|(name, definition)| (Region::Named(name), definition));
        value_of(at.span(), resolution)
    }

    /// `aws.get_region().name` (or `.region`, `.id`): the region the data source selects, by
    /// default its provider's.
    fn looked_up_region(&mut self, at: At<'t>, reached: &Reached<'t>) -> Option<Value<Region>> {
        let program = self.program;
        let attribute = reached.expr("attribute")?;
        let name = program.text(attribute.field("attribute")?);
        if !matches!(name, "name" | "region" | "id") {
            return None;
        }
        let object = program.follow(attribute.field("object")?).ok()?;
        let call = program.call_of(&object, |class| matches!(class, Class::GetRegion(_)))?;
        let Some(Class::GetRegion(package)) = program.class_of(call) else {
            return None;
        };
        let arguments = program.arguments(call);
        if let Field::Given(selected) = arguments.keywords.get(&["region", "name"]) {
            return Some(self.region(selected));
        }
        let provider = self.provider(package, arguments.keywords.get(&["opts"]));
        Some(value_of(
            at.span(),
            Ok((Region::OfProvider(provider), reached.definition())),
        ))
    }

    /// The key of a region, from its `kms_key_arn` (`sse_kms_key_id` for aws-native).
    fn key_choice(&mut self, field: Field<'t>) -> KeyChoice {
        let program = self.program;
        let at = match field {
            Field::Absent => return KeyChoice::AwsOwned,
            Field::Hidden(at) => return KeyChoice::Unknown(Value::unknown(at.span(), HIDDEN)),
            Field::Given(at) => at,
        };
        let span = at.span();
        let reached = match program.follow(at) {
            Ok(reached) => reached,
            Err(reason) => return KeyChoice::Unknown(Value::unknown(span, reason)),
        };
        if reached.expr("none").is_some() {
            return KeyChoice::AwsOwned;
        }
        if let Some(choice) = reached
            .expr("attribute")
            .and_then(|attribute| self.key_attribute(attribute, span))
        {
            return choice;
        }
        match program.text_of(&reached) {
            Ok((text, definition)) => KeyChoice::from_text(span, text, definition),
            // An f-string is a string even when its parts are unknown: some key, never None.
            Err(reason) if program.is_string(&reached) => KeyChoice::Customer(KeyRef {
                span,
                target: KeyTarget::Unknown(Unknown(reason)),
            }),
            Err(reason) => KeyChoice::Unknown(Value::unknown(span, reason)),
        }
    }

    /// An attribute of a key, an alias or a key lookup (`key.arn`, `alias.arn`).
    fn key_attribute(&self, attribute: At<'t>, span: Span) -> Option<KeyChoice> {
        let program = self.program;
        let name = program.text(attribute.field("attribute")?);
        let object = program.follow(attribute.field("object")?).ok()?;
        let call = object.expr("call")?;
        let customer = |target| Some(KeyChoice::Customer(KeyRef { span, target }));
        match (program.class_of(call)?, name) {
            (Class::Key(..), "arn" | "key_id" | "id") => {
                let attribute = if name == "arn" {
                    KeyAttribute::Arn
                } else {
                    KeyAttribute::KeyId
                };
                let key = *self.key_ids.get(&call.key())?;
                customer(KeyTarget::Declared { key, attribute })
            }
            (Class::Alias, "arn" | "name" | "id") => customer(KeyTarget::IdOrAlias(
                Value::unknown(span, format!("an alias: {}", program.describe(&object))),
            )),
            (Class::Alias, "target_key_arn" | "target_key_id") => customer(KeyTarget::Unknown(
                Unknown("the key an alias points to".to_owned()),
            )),
            (Class::KeyLookup, _) => customer(KeyTarget::Unknown(Unknown(format!(
                "the key {} finds",
                program.describe(&object)
            )))),
            _ => None,
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

    /// The provider Pulumi creates for a package when a resource names none.
    fn default_provider(&mut self, package: Package) -> ProviderId {
        let key = ProviderKey::Default(package);
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let name = match package {
            Package::AwsNative => "the default aws-native provider",
            _ => "the default provider",
        };
        let region = configured_region(package);
        self.add_provider(
            Some(key),
            Provider {
                name: name.to_owned(),
                span: None,
                region,
            },
        )
    }

    /// A provider the program creates (`aws.Provider("p", region=…)`).
    fn declared_provider(&mut self, call: At<'t>, package: Package) -> ProviderId {
        let key = ProviderKey::Declared(call.key());
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let declared = self.resource(call);
        let (identity, span) = self.identity(&declared);
        let program = self.program;
        let region = match declared.inputs.get(&["region"]) {
            Field::Given(region) => {
                let configured =
                    program
                        .follow(region)
                        .ok()
                        .and_then(|reached| match &reached.meaning {
                            Meaning::Sdk { package, path }
                                if is_configured_region(*package, path) =>
                            {
                                Some(*package)
                            }
                            _ => None,
                        });
                match configured {
                    Some(package) => configured_region(package),
                    None => ProviderRegion::Code(program.string(region)),
                }
            }
            Field::Hidden(at) => ProviderRegion::Code(Value::unknown(at.span(), HIDDEN)),
            // Like the default provider, it reads its package's configured region.
            Field::Absent => configured_region(package),
        };
        self.add_provider(
            Some(key),
            Provider {
                name: format!("provider `{identity}`"),
                span: Some(span),
                region,
            },
        )
    }

    /// A provider that cannot be known; each is a provider of its own.
    fn unknown_provider(&mut self, at: At<'t>, reason: String) -> ProviderId {
        let span = at.span();
        self.add_provider(
            None,
            Provider {
                name: format!("the provider of `{}`", shorten(self.program.text(at))),
                span: Some(span),
                region: ProviderRegion::Code(Value::unknown(span, reason)),
            },
        )
    }

    /// The provider a resource's options (`opts=pulumi.ResourceOptions(provider=p)`) choose.
    fn provider(&mut self, package: Package, options: Field<'t>) -> ProviderId {
        let program = self.program;
        let options = match options {
            Field::Absent => return self.default_provider(package),
            Field::Hidden(at) => return self.unknown_provider(at, HIDDEN.to_owned()),
            Field::Given(at) => at,
        };
        let reached = match program.follow(options) {
            Ok(reached) => reached,
            Err(reason) => return self.unknown_provider(options, reason),
        };
        if reached.expr("none").is_some() {
            return self.default_provider(package);
        }
        let Some(call) = program.call_of(&reached, |class| class == Class::Options) else {
            let reason = format!("the options are {}", program.describe(&reached));
            return self.unknown_provider(options, reason);
        };
        let fields = program.arguments(call).keywords;
        match (
            fields.get(&["provider"]),
            fields.get(&["providers"]),
            fields.get(&["parent"]),
        ) {
            (Field::Given(provider), ..) => self.named_provider(package, provider),
            (Field::Hidden(at), ..) => self.unknown_provider(at, HIDDEN.to_owned()),
            (_, Field::Given(providers), _) => self.provider_among(package, providers),
            (.., Field::Given(parent)) => self.unknown_provider(
                parent,
                "a resource with a parent may inherit the parent's provider".to_owned(),
            ),
            _ => self.default_provider(package),
        }
    }

    /// The provider an expression names, for a resource of `package`.
    fn named_provider(&mut self, package: Package, at: At<'t>) -> ProviderId {
        let program = self.program;
        let reached = match program.follow(at) {
            Ok(reached) => reached,
            Err(reason) => return self.unknown_provider(at, reason),
        };
        if reached.expr("none").is_some() {
            return self.default_provider(package);
        }
        let declared = program
            .call_of(&reached, |class| matches!(class, Class::Provider(_)))
            .zip(reached.expr("call").and_then(|call| program.class_of(call)));
        match declared {
            Some((call, Class::Provider(of))) if of == package => {
                self.declared_provider(call, package)
            }
            // A provider of another package does not deploy the resource (Pulumi hands it on to
            // the resource's children).
            Some(_) => self.default_provider(package),
            None => {
                let reason = format!("the provider is {}", program.describe(&reached));
                self.unknown_provider(at, reason)
            }
        }
    }

    /// The provider for `package` in a `providers` map (`{"aws": p}`) or list (`[p]`).
    fn provider_among(&mut self, package: Package, providers: At<'t>) -> ProviderId {
        let program = self.program;
        if let Ok((map, _)) = program.fields(providers) {
            return match map.get(&[package.provider_name()]) {
                Field::Given(provider) => self.named_provider(package, provider),
                Field::Absent => self.default_provider(package),
                Field::Hidden(at) => self.unknown_provider(at, HIDDEN.to_owned()),
            };
        }
        let elements = match program.elements(providers) {
            Ok((elements, _)) => elements,
            Err(reason) => return self.unknown_provider(providers, reason),
        };
        for element in elements {
            let class = program
                .follow(element)
                .ok()
                .and_then(|reached| reached.expr("call"))
                .and_then(|call| program.class_of(call).map(|class| (call, class)));
            match class {
                Some((call, Class::Provider(of))) if of == package => {
                    return self.declared_provider(call, package);
                }
                Some((_, Class::Provider(_))) => {}
                _ => {
                    return self.unknown_provider(
                        element,
                        "a provider that cannot be followed".to_owned(),
                    );
                }
            }
        }
        self.default_provider(package)
    }

    /// The tags of a `tags={…}` dictionary (pulumi-aws) or a list of `{key, value}` objects
    /// (aws-native), where both are written as strings.
    fn tags(&self, set: &Resource<'t>) -> Vec<Tag> {
        let program = self.program;
        let Field::Given(tags) = set.inputs.get(&["tags"]) else {
            return Vec::new();
        };
        let Ok(reached) = program.follow(tags) else {
            return Vec::new();
        };
        if let Some(dictionary) = reached.expr("dictionary") {
            return dictionary
                .children()
                .into_iter()
                .filter_map(|pair| {
                    let (key, value) = (pair.field("key")?, pair.field("value")?);
                    Some(Tag {
                        span: pair.span(),
                        key: program.string(key),
                        value: program.string(value),
                    })
                })
                .collect();
        }
        let Ok((elements, _)) = program.elements(tags) else {
            return Vec::new();
        };
        elements
            .into_iter()
            .filter_map(|element| {
                let (fields, written) = program.fields(element).ok()?;
                let (Field::Given(key), Field::Given(value)) =
                    (fields.get(&["key"]), fields.get(&["value"]))
                else {
                    return None;
                };
                Some(Tag {
                    span: written.span(),
                    key: program.string(key),
                    value: program.string(value),
                })
            })
            .collect()
    }
}

/// Where pulumi-aws's set writes `regions`, and where v7's deprecated `region`.
fn region_syntax(set: &Resource) -> RegionSyntax {
    let name = |input| match set.inputs.get(&[input]) {
        Field::Given(value) => input_name(value),
        Field::Absent | Field::Hidden(_) => None,
    };
    RegionSyntax {
        current: name("regions").into_iter().collect(),
        deprecated: name("region")
            .map(|written| DeprecatedRegion {
                span: name_span(written, "region"),
                current: "regions".to_owned(),
                renaming_merges: false,
            })
            .into_iter()
            .collect(),
    }
}

/// Where the name of an input is written: a keyword argument's name, a dictionary's key.
fn input_name(value: At) -> Option<Span> {
    let parent = value.with(value.node.parent()?);
    let name = match parent.node.kind() {
        "keyword_argument" => parent.field("name")?,
        "pair" => parent.field("key")?,
        _ => return None,
    };
    Some(name.span())
}

/// An expression of the program read as a node of a policy document.
struct Python<'p, 't> {
    program: &'p Program<'t>,
    at: At<'t>,
}

impl PolicyNode for Python<'_, '_> {
    fn span(&self) -> Span {
        self.at.span()
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        let (fields, _) = self.program.fields(self.at)?;
        match fields.get(&[name]) {
            Field::Given(at) => Ok(Some(Python { at, ..*self })),
            Field::Absent => Ok(None),
            Field::Hidden(_) => Err(HIDDEN.to_owned()),
        }
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let (elements, _) = self.program.elements(self.at)?;
        Ok(elements
            .into_iter()
            .map(|at| Python { at, ..*self })
            .collect())
    }

    fn text(&self) -> Resolution<String> {
        self.program.text_value(self.at)
    }
}
