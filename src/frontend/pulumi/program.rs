//! Pulumi programs in general-purpose languages: the resources a program creates, found in its
//! [program representation](crate::frontend::program) whatever the language, turned into the
//! model. A resource is a construction (or Go's `New…` call) of an SDK class; its name, inputs
//! and options are read the way each SDK passes them: `new Set(name, args, opts)`,
//! `Set(name, args=…, opts=…, **inputs)`, `NewSet(ctx, name, &Args{…}, opts…)`.

#[cfg(test)]
mod python_tests;
#[cfg(test)]
mod typescript_tests;

use std::collections::{HashMap, HashSet};

use super::Project;
use super::sdk::{JsonBuilder, KmsLookup, ResourceKind, SdkName, SdkPackage};
use crate::frontend::key_policy::{PolicyNode, Resolution};
use crate::frontend::program::build::{self, PolicyValue, Reader};
use crate::frontend::program::eval::{
    Evaluator, Field, Globals, Referent, Target, positional, short, value_of,
};
use crate::frontend::program::lower::Language;
use crate::frontend::program::{BindingValue, Call, Expr, ExprId, FunctionId, Program, Runs};
use crate::frontend::{Parsed, name_span};
use crate::model::{
    DeprecatedRegion, Engine, Format, Key, KeyArn, KeyAttribute, KeyChoice, KeyId, KeyPolicy,
    KeyRef, KeyResource, KeyTarget, Protection, Provider, ProviderId, ProviderRegion, Region,
    RegionSyntax, Regions, Renames, ReplicationSet, Schema, Tag, Unit, Unknown, Value, ValueKind,
};
use crate::source::Span;

/// Reads the program of a project written in `language`.
pub fn parse(
    project: &Project,
    language: &dyn Language,
    format: Format,
    keep_without_sets: bool,
) -> Parsed {
    crate::frontend::program::read(
        &project.files,
        language,
        &Sdk,
        |_, _| (),
        |evaluator, ()| build(evaluator, project, format, keep_without_sets),
    )
}

/// The SDK table, as the evaluator asks it.
struct Sdk;

impl Globals for Sdk {
    fn transparent(&self, path: &[String]) -> bool {
        SdkName::of(std::slice::from_ref(&path.to_vec())).is_some_and(|name| name.transparent())
    }

    fn constant(&self, path: &[String]) -> Option<String> {
        SdkName::of(std::slice::from_ref(&path.to_vec()))
            .and_then(|name| name.region_constant())
            .map(str::to_owned)
    }
}

/// A call that creates something irlint reads.
struct Resource<'p> {
    id: ExprId,
    call: &'p Call,
    kind: ResourceKind,
    shape: Shape,
}

fn build(
    evaluator: &Evaluator,
    project: &Project,
    format: Format,
    keep_without_sets: bool,
) -> Option<Unit> {
    let program = evaluator.program;
    let resources: Vec<Resource> = program
        .calls()
        .filter_map(|(id, call)| {
            let name = SdkName::of(&evaluator.global(call.callee)?)?;
            Some(Resource {
                id,
                call,
                kind: name.resource()?,
                shape: Shape {
                    context: name.takes_context(),
                    named: true,
                },
            })
        })
        .collect();
    if !keep_without_sets
        && !resources
            .iter()
            .any(|resource| matches!(resource.kind, ResourceKind::ReplicationSet(_)))
    {
        return None;
    }
    let mut builder = Builder {
        evaluator,
        program,
        providers: Vec::new(),
        provider_ids: HashMap::new(),
        key_ids: HashMap::new(),
        names: program
            .bindings
            .iter()
            .filter_map(|binding| match binding.value {
                crate::frontend::program::BindingValue::Value(value) => {
                    Some((value, binding.name.as_str()))
                }
                _ => None,
            })
            .collect(),
        run_once: functions_run_once(evaluator),
    };
    let keys: Vec<(&Resource, SdkPackage, KeyResource)> = resources
        .iter()
        .filter_map(|resource| match resource.kind {
            ResourceKind::Key(package, kind) => Some((resource, package, kind)),
            _ => None,
        })
        .collect();
    for (index, (resource, ..)) in keys.iter().enumerate() {
        builder.key_ids.insert(resource.id, KeyId(index));
    }
    let keys = keys
        .into_iter()
        .map(|(resource, package, kind)| builder.key(resource, package, kind))
        .collect();
    let replication_sets = resources
        .iter()
        .filter_map(|resource| match resource.kind {
            ResourceKind::ReplicationSet(package) => {
                Some(builder.replication_set(resource, package, format))
            }
            _ => None,
        })
        .collect();
    Some(Unit {
        format,
        engine: Engine::Pulumi,
        key_arn: match format {
            Format::PulumiGo => KeyArn::GO,
            Format::PulumiCSharp => KeyArn::CSHARP,
            Format::PulumiJava => KeyArn::JAVA,
            Format::PulumiPython => KeyArn::PYTHON,
            _ => KeyArn::TYPESCRIPT,
        },
        name: project.files.unit_name(),
        deployments: project.deployments.clone(),
        aws_provider_major: None,
        suppressions: Vec::new(),
        renames: Renames::default(),
        module_calls: Vec::new(),
        unread: Vec::new(),
        providers: builder.providers,
        keys,
        replication_sets,
    })
}

/// The functions Pulumi runs once per deployment: those passed to `pulumi.Run` (Go),
/// `Deployment.RunAsync` (C#), `Pulumi.run` (Java), and the constructors of stack classes.
fn functions_run_once(evaluator: &Evaluator) -> HashSet<FunctionId> {
    let program = evaluator.program;
    let sdk_name = |id: ExprId| SdkName::of(&evaluator.global(id)?);
    let mut once: HashSet<FunctionId> = program
        .calls()
        .filter(|(_, call)| sdk_name(call.callee).is_some_and(|name| name.runs_program()))
        .flat_map(|(_, call)| positional(&call.arguments))
        .filter_map(
            |argument| match program.expr(evaluator.follow(argument).ok()?.expr) {
                Expr::Function(function) => Some(*function),
                _ => None,
            },
        )
        .collect();
    once.extend(
        program
            .functions
            .iter()
            .enumerate()
            .filter(|(_, function)| {
                function
                    .bases
                    .iter()
                    .any(|base| sdk_name(*base).is_some_and(|name| name.is_stack()))
            })
            .map(|(index, _)| FunctionId(index as u32)),
    );
    once
}

/// How a call passes what the builder reads: `Set(name, args, opts)`, Go's
/// `NewSet(ctx, name, args, opts…)`, a lookup's `getRegion(args, opts)`.
#[derive(Clone, Copy)]
struct Shape {
    /// Whether Go's context comes first.
    context: bool,
    /// Whether a name comes before the inputs (a resource, not a lookup).
    named: bool,
}

/// Who distinguishes providers: the default provider of each package, or a declared one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ProviderKey {
    Default(SdkPackage),
    Declared(ExprId),
}

/// The inputs of a resource or a lookup.
enum Inputs {
    /// Objects, of which the last to set an input sets it: an inputs object, and the call
    /// itself when it takes inputs as named arguments (Python takes both at once).
    Given(Vec<ExprId>),
    None,
    Unknown(String),
}

/// A read of a Pulumi configuration: `config.require("region")`.
struct ConfigRead {
    /// The namespace the configuration was created for (`aws`), if it names one.
    namespace: Option<String>,
    key: Option<String>,
    /// `require…` fails without a value; `get…` gives nothing.
    required: bool,
}

/// Arguments that name a resource, its inputs object and its options in the SDKs that take
/// them by name (Python).
const NAME_ARGUMENTS: &[&str] = &["resource_name", "name"];
const INPUTS_ARGUMENTS: &[&str] = &["args", "props"];
const OPTIONS_ARGUMENTS: &[&str] = &["opts", "options"];

struct Builder<'e, 'p> {
    evaluator: &'e Evaluator<'p>,
    program: &'p Program,
    providers: Vec<Provider>,
    provider_ids: HashMap<ProviderKey, ProviderId>,
    key_ids: HashMap<ExprId, KeyId>,
    /// The name each value is bound to, for resources the program names only so.
    names: HashMap<ExprId, &'p str>,
    run_once: HashSet<FunctionId>,
}

impl<'p> Builder<'_, 'p> {
    fn named_argument(call: &Call, names: &[&str]) -> Option<ExprId> {
        call.arguments.iter().find_map(|argument| {
            let (name, _) = argument.name.as_ref()?;
            names.contains(&name.as_str()).then_some(argument.value)
        })
    }

    /// The positional arguments after Go's context.
    fn positional(call: &Call, shape: Shape) -> Vec<ExprId> {
        positional(&call.arguments)
            .skip(usize::from(shape.context))
            .collect()
    }

    fn name_argument(call: &Call, shape: Shape) -> Option<ExprId> {
        if !shape.named {
            return None;
        }
        Self::named_argument(call, NAME_ARGUMENTS)
            .or_else(|| Self::positional(call, shape).first().copied())
    }

    /// How the program names a resource: its name argument when that is known, else the
    /// variable it is assigned to, else how the name argument is written, else its class.
    fn identity(&self, id: ExprId, call: &Call, shape: Shape) -> String {
        if let Some(name) = Self::name_argument(call, shape)
            .and_then(|name| self.evaluator.string(name).known().cloned())
        {
            return name;
        }
        if let Some(variable) = self.names.get(&id) {
            return (*variable).to_owned();
        }
        match Self::name_argument(call, shape) {
            Some(name) => short(self.evaluator.text(name)),
            None => format!("{}(…)", short(self.evaluator.text(call.callee))),
        }
    }

    /// Where a resource is declared: its name argument, else the call.
    fn declaration(&self, id: ExprId, call: &Call, shape: Shape) -> Span {
        match Self::name_argument(call, shape) {
            Some(name) => self.program.span(name),
            None => self.program.span(id),
        }
    }

    fn inputs(&self, id: ExprId, call: &Call, shape: Shape) -> Inputs {
        let mut objects = Vec::new();
        let given = Self::named_argument(call, INPUTS_ARGUMENTS).or_else(|| {
            Self::positional(call, shape)
                .get(usize::from(shape.named))
                .copied()
        });
        if let Some(given) = given {
            match self.evaluator.follow(given) {
                Ok(reached) if matches!(self.program.expr(reached.expr), Expr::Null) => {}
                _ => match self.evaluator.object(given) {
                    Ok(object) => objects.push(object),
                    Err(reason) => return Inputs::Unknown(reason),
                },
            }
        }
        // A lookup has no name of its own: its `name=` is an input (`get_region(name="…")`).
        let names = if shape.named { NAME_ARGUMENTS } else { &[] };
        let reserved: Vec<&str> = [names, INPUTS_ARGUMENTS, OPTIONS_ARGUMENTS].concat();
        let named_inputs = call.arguments.iter().any(|argument| match &argument.name {
            Some((name, _)) => !reserved.contains(&name.as_str()),
            None => false,
        });
        if named_inputs {
            objects.push(id);
        }
        if objects.is_empty() {
            Inputs::None
        } else {
            Inputs::Given(objects)
        }
    }

    fn input(&self, inputs: &Inputs, name: &str) -> Field {
        match inputs {
            Inputs::Given(objects) => {
                objects.iter().fold(Field::Absent, |found, object| {
                    match self.evaluator.field(*object, name) {
                        Field::Absent => found,
                        other => other,
                    }
                })
            }
            Inputs::None => Field::Absent,
            Inputs::Unknown(reason) => Field::Unknown(reason.clone()),
        }
    }

    /// A string input under the first of `names` that is set.
    fn string_input(&self, inputs: &Inputs, names: &[&str], span: Span) -> Option<Value<String>> {
        names
            .iter()
            .find_map(|name| match self.input(inputs, name) {
                Field::Value(value) => Some(self.evaluator.string(value)),
                Field::Absent => None,
                Field::Unknown(reason) => Some(Value::unknown(span, reason)),
            })
    }

    /// A string input that counts as set whenever it is given (`customKeyStoreId`): its value
    /// when it is certainly given — a string, a template, a required configuration value, an
    /// output of an AWS resource or lookup (`store.id`) — else `None`, since what may be
    /// `undefined` (`config.get(…)`, a condition) may not set it at all.
    fn set_string_input(&self, inputs: &Inputs, name: &str) -> Option<Value<String>> {
        let Field::Value(value) = self.input(inputs, name) else {
            return None;
        };
        let string = self.evaluator.string(value);
        let reached = self.evaluator.follow(value).ok()?;
        let certain = string.known().is_some()
            || matches!(self.program.expr(reached.expr), Expr::Template(_))
            || self.config_read(&reached).is_some_and(|read| read.required)
            || self.is_aws_output(reached.expr);
        certain.then_some(string)
    }

    /// Whether an expression reads an output of an AWS resource or lookup (`store.id`), which is
    /// never `undefined`.
    fn is_aws_output(&self, expr: ExprId) -> bool {
        let Some((object, _)) = self.attribute(expr) else {
            return false;
        };
        let Ok(made) = self.evaluator.follow(object) else {
            return false;
        };
        let Expr::Call(call) = self.program.expr(made.expr) else {
            return false;
        };
        (self.evaluator.global(call.callee))
            .and_then(|candidates| SdkName::of(&candidates))
            .is_some_and(|name| name.in_aws())
    }

    /// How many resources a call creates: one when it runs once per deployment.
    fn instances(&self, call: &Call, span: Span) -> Value<u64> {
        match &call.runs {
            Runs::Once => Value::literal(span, 1),
            Runs::InFunction(function) if self.run_once.contains(function) => {
                Value::literal(span, 1)
            }
            Runs::InFunction(function) => {
                let reason = match &self.program.function(*function).name {
                    Some(name) => {
                        format!("created in function `{name}`, which may run any number of times")
                    }
                    None => "created in a lambda, which may run any number of times".to_owned(),
                };
                Value::unknown(span, reason)
            }
            Runs::Maybe(reason) => Value::unknown(span, format!("created {reason}")),
        }
    }

    fn key(&mut self, resource: &Resource, package: SdkPackage, kind: KeyResource) -> Key {
        let (id, call, context) = (resource.id, resource.call, resource.shape);
        let span = self.declaration(id, call, context);
        let inputs = self.inputs(id, call, context);
        let (provider, provider_span) = self.provider_option(call, context, package);
        // pulumi-aws v7 lets a resource choose its region.
        let region = match self.input(&inputs, "region") {
            Field::Value(region) if package == SdkPackage::Aws => self.region(region),
            Field::Unknown(reason) if package == SdkPackage::Aws => Value::unknown(span, reason),
            _ => Value::literal(provider_span.unwrap_or(span), Region::OfProvider(provider)),
        };
        let origin = match kind {
            KeyResource::ExternalKey => Some(Value::literal(span, "EXTERNAL".to_owned())),
            _ => self.string_input(&inputs, &["origin"], span),
        };
        let enabled =
            ["isEnabled", "enabled"]
                .iter()
                .find_map(|name| match self.input(&inputs, name) {
                    Field::Value(value) => Some(self.evaluator.boolean(value)),
                    Field::Absent => None,
                    Field::Unknown(reason) => Some(Value::unknown(span, reason)),
                });
        let policy_input = match package {
            SdkPackage::AwsNative => "keyPolicy",
            SdkPackage::Aws | SdkPackage::Pulumi => "policy",
        };
        Key {
            identity: self.identity(id, call, context),
            name_in_code: self.names.get(&id).map(|name| (*name).to_owned()),
            span,
            resource: kind,
            region,
            spec: self.string_input(&inputs, &["customerMasterKeySpec", "keySpec"], span),
            usage: self.string_input(&inputs, &["keyUsage"], span),
            origin,
            enabled,
            custom_key_store: self.set_string_input(&inputs, "customKeyStoreId"),
            policy: match self.input(&inputs, policy_input) {
                Field::Value(policy) => Some(self.key_policy(policy)),
                Field::Absent => None,
                Field::Unknown(reason) => Some(Value::unknown(span, reason)),
            },
            kept_on_removal: self.retained_on_delete(call, context),
        }
    }

    /// A key policy: a document serialised as JSON, a document written as an object
    /// (aws-native's `keyPolicy`), or a JSON string.
    fn key_policy(&self, policy: ExprId) -> Value<KeyPolicy> {
        let evaluator = self.evaluator;
        // The SDKs' own: `pulumi.jsonStringify(x)`, Java's `serializeJson(jsonObject(…))`.
        let sdk_document = |reached: &Referent| {
            let Expr::Call(call) = self.program.expr(reached.expr) else {
                return None;
            };
            match sdk_function(evaluator, call) {
                Some(name) if name.json() => positional(&call.arguments).next(),
                Some(name) if name.json_builder() == Some(JsonBuilder::Object) => {
                    Some(reached.expr)
                }
                _ => None,
            }
        };
        build::key_policy(evaluator, policy, sdk_document, |id| Node { evaluator, id })
    }

    /// Where pulumi-aws's set writes `regions`, and where v7's deprecated `region`.
    fn region_syntax(&self, inputs: &Inputs) -> RegionSyntax {
        let Inputs::Given(objects) = inputs else {
            return RegionSyntax::default();
        };
        let named = |name| {
            objects
                .iter()
                .filter_map(move |object| self.evaluator.field_name(*object, name))
        };
        let deprecated = named("region").map(|(span, value)| {
            let span = name_span(span, "region");
            // Go and C# capitalise inputs (`Region:`, `Region =`); the current name is spelt
            // alike. A name spelt otherwise (with escapes) is not renamed.
            let written = Some(self.evaluator.span_text(span))
                .filter(|written| written.eq_ignore_ascii_case("region"))
                .unwrap_or("region")
                .to_owned();
            // A shorthand property, `{ region }`, keeps its value's name.
            let current = match self.program.span(value) == span {
                true => format!("{written}s: {written}"),
                false => format!("{written}s"),
            };
            DeprecatedRegion {
                span,
                written,
                current,
                renaming_merges: false,
                replaced: None,
                may_be_empty: false,
            }
        });
        RegionSyntax {
            current: named("regions").map(|(span, _)| span).collect(),
            deprecated: deprecated.collect(),
        }
    }

    fn replication_set(
        &mut self,
        resource: &Resource,
        package: SdkPackage,
        format: Format,
    ) -> ReplicationSet {
        let (id, call, context) = (resource.id, resource.call, resource.shape);
        let span = self.declaration(id, call, context);
        let inputs = self.inputs(id, call, context);
        let (provider, provider_chosen) = self.provider_option(call, context, package);
        let native = package == SdkPackage::AwsNative;
        let schema = if native {
            Schema::CloudFormation
        } else {
            Schema::Terraform
        };
        let regions = match self.input(&inputs, "regions") {
            // pulumi-aws v7 still accepts the deprecated `region` list.
            Field::Absent if !native => self.input(&inputs, "region"),
            other => other,
        };
        let regions = match regions {
            Field::Value(regions) => match self.evaluator.elements(regions) {
                Ok(elements) => Regions::Listed(
                    elements
                        .into_iter()
                        .map(|element| build::region_entry(self, element, schema))
                        .collect(),
                ),
                Err(reason) => Regions::Unknown(Value::unknown(self.program.span(regions), reason)),
            },
            Field::Absent => Regions::Unknown(Value::unknown(span, "the set has no `regions`")),
            Field::Unknown(reason) => Regions::Unknown(Value::unknown(span, reason)),
        };
        let deletion_protection = if native {
            match self.input(&inputs, "deletionProtected") {
                Field::Value(value) => Protection::Set(self.evaluator.boolean(value)),
                Field::Absent => Protection::Absent,
                Field::Unknown(reason) => Protection::Set(Value::unknown(span, reason)),
            }
        } else {
            // pulumi-aws's `deletionProtected` is an output only.
            Protection::NotSettable
        };
        ReplicationSet {
            identity: self.identity(id, call, context),
            span,
            schema,
            regions,
            region_syntax: if native {
                RegionSyntax::default()
            } else {
                self.region_syntax(&inputs)
            },
            deletion_protection,
            tags: self.tags(&inputs, native),
            arguments: Some(self.set_arguments(&inputs, span, package, format)),
            provider,
            provider_chosen,
            deployment: None,
            instances: self.instances(call, span),
            kept_on_removal: self.retained_on_delete(call, context),
        }
    }

    /// The inputs a set is given, as written, for checking against the resource type's schema:
    /// the call's own arguments (its name, inputs object and options) are no inputs.
    fn set_arguments(
        &self,
        inputs: &Inputs,
        span: Span,
        package: SdkPackage,
        format: Format,
    ) -> crate::model::SetArguments {
        use crate::model::{Arguments, SetArguments};
        let arguments = match inputs {
            Inputs::Given(objects) => {
                let own = [NAME_ARGUMENTS, INPUTS_ARGUMENTS, OPTIONS_ARGUMENTS].concat();
                build::arguments(self.evaluator, objects, &own, span)
            }
            Inputs::None => Arguments {
                span,
                written: Vec::new(),
                complete: true,
            },
            Inputs::Unknown(_) => Arguments::unread(span),
        };
        SetArguments {
            resource_type: match package {
                SdkPackage::AwsNative => "aws-native:ssmincidents:ReplicationSet",
                SdkPackage::Aws | SdkPackage::Pulumi => "aws:ssmincidents:ReplicationSet",
            },
            naming: build::naming(format),
            arguments,
        }
    }

    /// `tags: { Name: "x" }`, or for aws-native `tags: [{ key: "Name", value: "x" }]`.
    fn tags(&self, inputs: &Inputs, native: bool) -> Vec<Tag> {
        let Field::Value(tags) = self.input(inputs, "tags") else {
            return Vec::new();
        };
        if native {
            return build::tag_list(self.evaluator, tags);
        }
        match self.evaluator.object(tags) {
            Ok(tags) => build::tag_map(self.evaluator, tags),
            Err(_) => Vec::new(),
        }
    }

    /// The options of a resource: an object (`{ provider }`, `ResourceOptions(provider=…)`,
    /// `new CustomResourceOptions { … }`), or Go's option calls (`pulumi.Provider(p)`).
    fn options(call: &Call, shape: Shape) -> Vec<ExprId> {
        match Self::named_argument(call, OPTIONS_ARGUMENTS) {
            Some(options) => vec![options],
            None => Self::positional(call, shape)
                .into_iter()
                .skip(1 + usize::from(shape.named))
                .collect(),
        }
    }

    /// Whether the options of a resource keep it when it leaves the program: `retainOnDelete`
    /// true in an options object (`{ retainOnDelete: true }`,
    /// `ResourceOptions(retain_on_delete=True)`, `new CustomResourceOptions { RetainOnDelete =
    /// true }`, Java's builder), or Go's `pulumi.RetainOnDelete(true)`.
    fn retained_on_delete(&self, call: &Call, shape: Shape) -> bool {
        let evaluator = self.evaluator;
        let retains = |value| evaluator.boolean(value).known() == Some(&true);
        Self::options(call, shape).into_iter().any(|options| {
            let Ok(reached) = evaluator.follow(options) else {
                return false;
            };
            // Go: `pulumi.RetainOnDelete(true)`.
            if let Expr::Call(option) = self.program.expr(reached.expr)
                && let Some(kind) = evaluator
                    .global(option.callee)
                    .and_then(|candidates| SdkName::of(&candidates))
                    .and_then(|name| name.resource_option())
            {
                return kind == "retainOnDelete"
                    && positional(&option.arguments).next().is_some_and(retains);
            }
            match evaluator.object(options) {
                Ok(options) => match evaluator.field(options, "retainOnDelete") {
                    Field::Value(value) => retains(value),
                    Field::Absent | Field::Unknown(_) => false,
                },
                Err(_) => false,
            }
        })
    }

    /// The provider the options of a resource (or a lookup) choose, and where they choose it.
    fn provider_option(
        &mut self,
        call: &Call,
        shape: Shape,
        package: SdkPackage,
    ) -> (ProviderId, Option<Span>) {
        let evaluator = self.evaluator;
        for options in Self::options(call, shape) {
            let span = self.program.span(options);
            let reached = match evaluator.follow(options) {
                Ok(reached) => reached,
                Err(reason) => return (self.unknown_provider(options, reason), Some(span)),
            };
            if matches!(self.program.expr(reached.expr), Expr::Null) {
                continue;
            }
            // Go: `pulumi.Provider(p)`, `pulumi.Parent(x)`.
            if let Expr::Call(option) = self.program.expr(reached.expr)
                && let Some(kind) = evaluator
                    .global(option.callee)
                    .and_then(|candidates| SdkName::of(&candidates))
                    .and_then(|name| name.resource_option())
            {
                let Some(argument) = positional(&option.arguments).next() else {
                    continue;
                };
                // Says nothing of the provider.
                if kind == "retainOnDelete" {
                    continue;
                }
                return match kind {
                    "provider" => (self.named_provider(package, argument), Some(span)),
                    "providers" => (self.provider_among(package, argument), Some(span)),
                    _ => (
                        self.unknown_provider(
                            options,
                            "the provider may come from `parent`, whose provider the resource inherits".to_owned(),
                        ),
                        Some(span),
                    ),
                };
            }
            let options = match evaluator.object(options) {
                Ok(options) => options,
                Err(reason) => return (self.unknown_provider(options, reason), Some(span)),
            };
            return match (
                evaluator.field(options, "provider"),
                evaluator.field(options, "providers"),
                evaluator.field(options, "parent"),
            ) {
                (Field::Value(provider), ..) => {
                    let span = self.program.span(provider);
                    (self.named_provider(package, provider), Some(span))
                }
                (Field::Unknown(reason), ..) => {
                    (self.unknown_provider(options, reason), Some(span))
                }
                (_, Field::Value(providers), _) => {
                    (self.provider_among(package, providers), Some(span))
                }
                (.., Field::Value(_)) => (
                    self.unknown_provider(
                        options,
                        "the provider may come from `parent`, whose provider the resource inherits"
                            .to_owned(),
                    ),
                    Some(span),
                ),
                _ => (self.default_provider(package), None),
            };
        }
        (self.default_provider(package), None)
    }

    /// The provider an expression names, for a resource of `package`.
    fn named_provider(&mut self, package: SdkPackage, at: ExprId) -> ProviderId {
        let reached = match self.evaluator.follow(at) {
            Ok(reached) => reached,
            Err(reason) => return self.unknown_provider(at, reason),
        };
        if matches!(self.program.expr(reached.expr), Expr::Null) {
            return self.default_provider(package);
        }
        match self.resource_kind(&reached) {
            Some(ResourceKind::Provider(of)) if of == package => {
                self.declared_provider(reached.expr, package)
            }
            // A provider of another package does not deploy the resource (Pulumi hands it on to
            // the resource's children).
            Some(ResourceKind::Provider(_)) => self.default_provider(package),
            _ => {
                let reason = format!("the provider is {}", self.evaluator.describe(reached.expr));
                self.unknown_provider(at, reason)
            }
        }
    }

    /// The provider for `package` in a `providers` map (`{"aws": p}`) or list (`[p]`).
    fn provider_among(&mut self, package: SdkPackage, providers: ExprId) -> ProviderId {
        let evaluator = self.evaluator;
        if let Ok(map) = evaluator.object(providers) {
            return match evaluator.field(map, package.provider_name()) {
                Field::Value(provider) => self.named_provider(package, provider),
                Field::Absent => self.default_provider(package),
                Field::Unknown(reason) => self.unknown_provider(providers, reason),
            };
        }
        let elements = match evaluator.elements(providers) {
            Ok(elements) => elements,
            Err(reason) => return self.unknown_provider(providers, reason),
        };
        for element in elements {
            let reached = evaluator.follow(element).ok();
            match reached
                .as_ref()
                .and_then(|reached| self.resource_kind(reached))
            {
                Some(ResourceKind::Provider(of)) if of == package => {
                    let call = reached.map(|reached| reached.expr).unwrap_or(element);
                    return self.declared_provider(call, package);
                }
                Some(ResourceKind::Provider(_)) => {}
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

    /// What the call reached creates, if it is a resource irlint reads.
    fn resource_kind(&self, reached: &Referent) -> Option<ResourceKind> {
        let Expr::Call(call) = self.program.expr(reached.expr) else {
            return None;
        };
        SdkName::of(&self.evaluator.global(call.callee)?)?.resource()
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
    fn default_provider(&mut self, package: SdkPackage) -> ProviderId {
        let key = ProviderKey::Default(package);
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let name = match package {
            SdkPackage::AwsNative => "the default aws-native provider",
            SdkPackage::Aws | SdkPackage::Pulumi => "the default provider",
        };
        let provider = Provider {
            name: name.to_owned(),
            span: None,
            region: configured_region(package),
        };
        self.add_provider(Some(key), provider)
    }

    /// The provider a provider's construction creates.
    fn declared_provider(&mut self, id: ExprId, package: SdkPackage) -> ProviderId {
        let key = ProviderKey::Declared(id);
        if let Some(provider) = self.provider_ids.get(&key) {
            return *provider;
        }
        let Expr::Call(call) = self.program.expr(id) else {
            return self.unknown_provider(id, "not a provider".to_owned());
        };
        let shape = Shape {
            context: SdkName::of(&self.evaluator.global(call.callee).unwrap_or_default())
                .is_some_and(|name| name.takes_context()),
            named: true,
        };
        let span = self.declaration(id, call, shape);
        // Registered before its region is read, so that a region that depends on the provider
        // itself ends instead of recursing.
        let provider = self.add_provider(
            Some(key),
            Provider {
                name: format!("provider `{}`", self.identity(id, call, shape)),
                span: Some(span),
                region: ProviderRegion::Code(Value::unknown(
                    span,
                    "the provider's region depends on itself",
                )),
            },
        );
        let inputs = self.inputs(id, call, shape);
        let region = match self.input(&inputs, "region") {
            Field::Value(region) => {
                let region = self.region(region);
                self.provider_region(region, package)
            }
            // Like the default provider, it reads its package's configured region.
            Field::Absent => configured_region(package),
            Field::Unknown(reason) => ProviderRegion::Code(Value::unknown(span, reason)),
        };
        self.providers[provider.0].region = region;
        provider
    }

    /// A provider the program chooses in a way that cannot be followed.
    fn unknown_provider(&mut self, at: ExprId, reason: String) -> ProviderId {
        let span = self.program.span(at);
        self.add_provider(
            None,
            Provider {
                name: format!(
                    "the provider chosen by `{}`",
                    short(self.evaluator.text(at))
                ),
                span: Some(span),
                region: ProviderRegion::Code(Value::unknown(span, reason)),
            },
        )
    }

    /// A provider's `region` input as the provider's region.
    fn provider_region(&self, region: Value<Region>, package: SdkPackage) -> ProviderRegion {
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
        ProviderRegion::written(named, configured_region(package))
    }

    /// A region: a region name, or the region of a provider (`aws.config.region`,
    /// `aws.getRegionOutput().name`, a configuration read of `aws:region`).
    fn region(&mut self, at: ExprId) -> Value<Region> {
        let evaluator = self.evaluator;
        let mut span = self.program.span(at);
        let resolution: Resolution<Region> = evaluator.follow(at).and_then(|reached| {
            let definition = reached
                .via_reference
                .then(|| self.program.span(reached.expr));
            // A value wrapped where it is used (Go's `pulumi.String("…")`, a Java setter's
            // arguments) is read where it is written, so that a fix edits the string.
            if !reached.via_reference {
                span = self.program.span(reached.expr);
            }
            if let Some(region) = self.looked_up_region(&reached) {
                return region;
            }
            match self.region_of_provider(&reached) {
                Some(provider) => Ok((Region::OfProvider(provider), definition)),
                None => evaluator
                    .text_of_reached(&reached)
                    .map(|(name, definition)| (Region::Named(name), definition)),
            }
        });
        value_of(span, resolution)
    }

    /// `getRegion({ name: "us-west-2" }).name`: the region the lookup names. One that selects
    /// its region by endpoint is a region irlint cannot tell, not the provider's.
    fn looked_up_region(&self, reached: &Referent) -> Option<Resolution<Region>> {
        let (lookup, call, shape, _) = self.region_lookup(reached)?;
        let inputs = self.inputs(lookup, call, shape);
        let given = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| match self.input(&inputs, name) {
                    Field::Absent => None,
                    other => Some(other),
                })
        };
        let name = match given(&["name", "region", "id"]) {
            Some(name) => name,
            None => {
                given(&["endpoint"])?;
                return Some(Err("the region of an endpoint".to_owned()));
            }
        };
        Some(match name {
            Field::Value(name) => self
                .evaluator
                .text_of(name)
                .map(|(name, definition)| (Region::Named(name), definition)),
            Field::Absent => return None,
            Field::Unknown(reason) => Err(reason),
        })
    }

    /// A call to `getRegion` whose `name` (or `region`, `id`) is read, and its package.
    fn region_lookup(&self, reached: &Referent) -> Option<(ExprId, &'p Call, Shape, SdkPackage)> {
        let (object, property) = self.attribute(reached.expr)?;
        if !matches!(property.as_str(), "name" | "region" | "id") {
            return None;
        }
        let lookup = self.evaluator.follow(object).ok()?.expr;
        let Expr::Call(call) = self.program.expr(lookup) else {
            return None;
        };
        let name = SdkName::of(&self.evaluator.global(call.callee)?)?;
        let package = name.region_lookup()?;
        let shape = Shape {
            context: self.is_go_function(call),
            named: false,
        };
        Some((lookup, call, shape, package))
    }

    /// Whether a lookup is written the Go way, with the context first (`aws.GetRegion(ctx, …)`).
    fn is_go_function(&self, call: &Call) -> bool {
        positional(&call.arguments).next().is_some_and(|first| {
            matches!(
                self.evaluator.follow(first),
                Err(reason) if reason.contains("parameter")
            )
        })
    }

    fn region_of_provider(&mut self, reached: &Referent) -> Option<ProviderId> {
        if let Target::Global(candidates) = &reached.target
            && let Some(package) = SdkName::of(candidates).and_then(|name| name.configured_region())
        {
            return Some(self.default_provider(package));
        }
        // Go reads it with a call: `config.GetRegion(ctx)`.
        if let Expr::Call(call) = self.program.expr(reached.expr)
            && let Some(package) = self
                .evaluator
                .global(call.callee)
                .and_then(|candidates| SdkName::of(&candidates))
                .and_then(|name| name.configured_region())
        {
            return Some(self.default_provider(package));
        }
        if let Some(read) = self.config_read(reached) {
            let package = match (read.namespace.as_deref(), read.key.as_deref()) {
                (Some("aws"), Some("region")) | (_, Some("aws:region")) => SdkPackage::Aws,
                (Some("aws-native"), Some("region")) | (_, Some("aws-native:region")) => {
                    SdkPackage::AwsNative
                }
                _ => return None,
            };
            return Some(self.default_provider(package));
        }
        let (_, call, shape, package) = self.region_lookup(reached)?;
        Some(self.provider_option(call, shape, package).0)
    }

    /// `object.name`, a getter `object.name()`, or either read by a callback of the object's
    /// output (C#'s `lookup.Apply(r => r.Name)`, Java's `lookup.applyValue(r -> r.name())`):
    /// the object and the canonical name.
    fn attribute(&self, id: ExprId) -> Option<(ExprId, String)> {
        match self.program.expr(id) {
            Expr::Member { object, name, .. } => Some((*object, canonical_name(name))),
            Expr::Call(call) if call.arguments.is_empty() => match self.program.expr(call.callee) {
                Expr::Member { object, name, .. } => Some((*object, canonical_name(name))),
                _ => None,
            },
            Expr::Call(call) => self.applied_attribute(call),
            _ => None,
        }
    }

    /// `object.apply(r => r.name)`: `object` and `name`, when the callback reads an attribute of
    /// its own parameter.
    fn applied_attribute(&self, call: &Call) -> Option<(ExprId, String)> {
        let Expr::Member { object, name, .. } = self.program.expr(call.callee) else {
            return None;
        };
        if !matches!(canonical_name(name).as_str(), "apply" | "applyvalue") {
            return None;
        }
        let mut arguments = positional(&call.arguments);
        let (Some(callback), None) = (arguments.next(), arguments.next()) else {
            return None;
        };
        let callback = self.evaluator.follow(callback).ok()?;
        // Java's method reference of the result's getter: `applyValue(GetRegionResult::region)`.
        if let Expr::Member {
            object: class,
            name: property,
            ..
        } = self.program.expr(callback.expr)
            && let Some(candidates) = self.evaluator.global(*class)
            && candidates
                .iter()
                .any(|path| path.last().is_some_and(|name| name.ends_with("Result")))
        {
            return Some((*object, canonical_name(property)));
        }
        let Expr::Function(function) = self.program.expr(callback.expr) else {
            return None;
        };
        let function = self.program.function(*function);
        let (read, property) = match self.program.expr(function.result?) {
            Expr::Member { object, name, .. } => (*object, name),
            Expr::Call(getter) if getter.arguments.is_empty() => {
                match self.program.expr(getter.callee) {
                    Expr::Member { object, name, .. } => (*object, name),
                    _ => return None,
                }
            }
            _ => return None,
        };
        match (self.program.expr(read), function.parameters.as_slice()) {
            (Expr::Name(binding), [parameter]) if binding == parameter => {
                Some((*object, canonical_name(property)))
            }
            _ => None,
        }
    }

    /// `config.require("x")` where `config` is a Pulumi configuration (`new Config(…)`, Go's
    /// `config.New(ctx, …)`, Java's `ctx.config(…)`), or Go's `config.Require(ctx, "x")`.
    fn config_read(&self, reached: &Referent) -> Option<ConfigRead> {
        let evaluator = self.evaluator;
        let Expr::Call(read) = self.program.expr(reached.expr) else {
            return None;
        };
        let first_string = |call: &Call, skip: usize| {
            positional(&call.arguments)
                .nth(skip)
                .and_then(|argument| evaluator.string(argument).known().cloned())
        };
        let function = evaluator
            .global(read.callee)
            .and_then(|candidates| SdkName::of(&candidates));
        if let Some(function) = function.as_ref().and_then(|name| name.go_config_read()) {
            return Some(ConfigRead {
                namespace: None,
                key: first_string(read, 1),
                required: function.starts_with("require"),
            });
        }
        let Expr::Member { object, name, .. } = self.program.expr(read.callee) else {
            return None;
        };
        let config = evaluator.follow(*object).ok()?.expr;
        let Expr::Call(constructed) = self.program.expr(config) else {
            return None;
        };
        let skip = if self.is_java_context_config(constructed) {
            0
        } else {
            let class = SdkName::of(&evaluator.global(constructed.callee)?)?;
            if class.resource() != Some(ResourceKind::Config) && !class.is_go_config() {
                return None;
            }
            usize::from(class.is_go_config())
        };
        Some(ConfigRead {
            namespace: first_string(constructed, skip),
            key: first_string(read, 0),
            required: canonical_name(name).starts_with("require"),
        })
    }

    /// Java's `ctx.config()` and `ctx.config("aws")`: the configuration the context of the
    /// program (a parameter, whose type the program does not tell) gives.
    fn is_java_context_config(&self, call: &Call) -> bool {
        let Expr::Member { object, name, .. } = self.program.expr(call.callee) else {
            return false;
        };
        name == "config"
            && matches!(
                self.program.expr(*object),
                Expr::Name(binding) if matches!(
                    self.program.binding(*binding).value,
                    BindingValue::Parameter { .. }
                )
            )
    }

    /// `key.arn`, `key.keyId`, `alias.arn`, `kms.getKeyOutput(…).arn`: what a key input reads
    /// from a KMS resource or lookup.
    fn key_attribute(&self, attribute: ExprId, span: Span) -> Option<KeyTarget> {
        let evaluator = self.evaluator;
        let (object, property) = self.attribute(attribute)?;
        let object = evaluator.follow(object).ok()?.expr;
        let described = || Unknown(evaluator.describe(attribute));
        let alias = |property: &str| match property {
            "arn" | "name" | "id" | "aliasname" => Some(KeyTarget::IdOrAlias(Value::unknown(
                span,
                format!("the alias {}", evaluator.describe(object)),
            ))),
            "targetkeyarn" => Some(KeyTarget::Unknown(described())),
            "targetkeyid" => Some(KeyTarget::IdOrAlias(Value::unknown(span, described().0))),
            _ => None,
        };
        let Expr::Call(call) = self.program.expr(object) else {
            return None;
        };
        let name = SdkName::of(&evaluator.global(call.callee)?)?;
        if let Some(kind) = name.resource() {
            return match kind {
                ResourceKind::Key(..) => {
                    let attribute = match property.as_str() {
                        "arn" => KeyAttribute::Arn,
                        "keyid" | "id" => KeyAttribute::KeyId,
                        _ => return None,
                    };
                    let key = *self.key_ids.get(&object)?;
                    Some(KeyTarget::Declared { key, attribute })
                }
                ResourceKind::Alias => alias(&property),
                _ => None,
            };
        }
        match name.kms_lookup()? {
            KmsLookup::Key => match property.as_str() {
                "arn" => Some(KeyTarget::Unknown(described())),
                "id" | "keyid" => Some(KeyTarget::IdOrAlias(Value::unknown(span, described().0))),
                _ => None,
            },
            KmsLookup::Alias => alias(&property),
        }
    }
}

impl<'p> Reader<'p> for Builder<'_, 'p> {
    fn evaluator(&self) -> &Evaluator<'p> {
        self.evaluator
    }

    fn region(&mut self, at: ExprId) -> Value<Region> {
        Builder::region(self, at)
    }

    fn key_form(&mut self, reached: &Referent, span: Span) -> Option<KeyChoice> {
        if let Some(target) = self.key_attribute(reached.expr, span) {
            return Some(KeyChoice::Customer(KeyRef { span, target }));
        }
        let read = self.config_read(reached)?;
        let reason = format!(
            "{}, a value of the stack's configuration",
            self.evaluator.describe(reached.expr)
        );
        // `require` gives a string or fails: some key; `get` may give nothing, the AWS-owned
        // key.
        Some(if read.required {
            build::some_key(span, reason)
        } else {
            KeyChoice::Unknown(Value::unknown(span, reason))
        })
    }
}

fn canonical_name(name: &str) -> String {
    crate::frontend::program::eval::canonical(name)
}

/// The region a package's provider reads from the stack when the program sets none: pulumi-aws
/// reads `aws:region`, aws-native `aws-native:region`.
fn configured_region(package: SdkPackage) -> ProviderRegion {
    match package {
        SdkPackage::AwsNative => ProviderRegion::NativeDeployment,
        SdkPackage::Aws | SdkPackage::Pulumi => ProviderRegion::Deployment,
    }
}

/// The SDK function a call calls, if it calls one.
fn sdk_function(evaluator: &Evaluator, call: &Call) -> Option<SdkName> {
    SdkName::of(&evaluator.global(call.callee)?)
}

/// An expression of the program read as a node of a policy document.
struct Node<'e, 'p> {
    evaluator: &'e Evaluator<'p>,
    id: ExprId,
}

impl<'e, 'p> Node<'e, 'p> {
    /// The node as a document that no JSON helper builds.
    fn plain(&self) -> PolicyValue<'e, 'p> {
        PolicyValue {
            evaluator: self.evaluator,
            id: self.id,
        }
    }

    /// The arguments of the call of a JSON helper (Java's `jsonObject(…)`) the node holds.
    fn json_arguments(&self, id: ExprId, builder: JsonBuilder) -> Option<Vec<ExprId>> {
        let reached = self.evaluator.follow(id).ok()?;
        let Expr::Call(call) = self.evaluator.program.expr(reached.expr) else {
            return None;
        };
        let name = sdk_function(self.evaluator, call)?;
        (name.json_builder() == Some(builder)).then(|| positional(&call.arguments).collect())
    }

    /// A field of `jsonObject(jsonProperty(key, value), …)`: the last property of its name.
    fn json_field(&self, properties: &[ExprId], name: &str) -> Result<Option<Self>, String> {
        let wanted = canonical_name(name);
        let mut found = Ok(None);
        for property in properties {
            match self
                .json_arguments(*property, JsonBuilder::Property)
                .as_deref()
            {
                Some([key, value]) => match self.evaluator.text_of(*key) {
                    Ok((key, _)) if canonical_name(&key) == wanted => {
                        found = Ok(Some(Node {
                            id: *value,
                            ..*self
                        }));
                    }
                    Ok(_) => {}
                    Err(reason) => found = Err(reason),
                },
                _ => found = Err(self.evaluator.describe(*property)),
            }
        }
        found
    }
}

impl PolicyNode for Node<'_, '_> {
    fn span(&self) -> Span {
        self.evaluator.span(self.id)
    }

    fn field(&self, name: &str) -> Result<Option<Self>, String> {
        if let Some(properties) = self.json_arguments(self.id, JsonBuilder::Object) {
            return self.json_field(&properties, name);
        }
        let field = self.plain().field(name)?;
        Ok(field.map(|field| Node {
            id: field.id,
            ..*self
        }))
    }

    fn elements(&self) -> Result<Vec<Self>, String> {
        let elements = match self.json_arguments(self.id, JsonBuilder::Array) {
            Some(elements) => elements,
            None => (self.plain().elements()?.into_iter())
                .map(|element| element.id)
                .collect(),
        };
        Ok(elements
            .into_iter()
            .map(|id| Node { id, ..*self })
            .collect())
    }

    fn text(&self) -> Resolution<String> {
        self.plain().text()
    }
}
