//! The resources a CDK app creates, stack by stack. Each object of a class of the project is
//! made with the arguments of the call that makes it ([`instantiate`]), so a stack class the app
//! instantiates twice creates its resources twice, each with its own properties. Each stack is a
//! deployment of its own, deployed to its `env.region` (or, without one, to the region
//! `--region` or the configuration gives): its replication sets are checked there, and not
//! compared with another stack's, which may be another account's.
//!
//! A resource is named by its construct path (`Prod/Incidents/Set`), as the CDK names it before
//! it derives a logical id, so that `--base` pairs it across revisions. A class no call of the
//! project makes (a construct library's) is read alone, its properties and region unknown.

use std::collections::{HashMap, HashSet};

use super::sdk::{CdkName, Construct};
use crate::frontend::Parsed;
use crate::frontend::program::build::{self, Reader};
use crate::frontend::program::eval::{
    Evaluator, Field, Globals, Referent, Target, canonical, positional, short,
};
use crate::frontend::program::instantiate::{self, InstanceId, Instances};
use crate::frontend::program::lower::Language;
use crate::frontend::program::project::ProgramFiles;
use crate::frontend::program::{Call, Expr, ExprId, FunctionId, Program, Runs};
use crate::model::{
    Deployment, DeploymentRegion, Engine, Format, Key, KeyArn, KeyAttribute, KeyChoice, KeyId,
    KeyRef, KeyResource, KeyTarget, ModuleCall, Protection, Provider, ProviderId, ProviderRegion,
    Region, RegionSyntax, Regions, Renames, ReplicationSet, Schema, Unchecked, Unit, Value,
    ValueKind,
};
use crate::source::Span;

/// Reads the program of an app written in `language`.
/// An app that declares no set is no unit, unless `keep_without_sets` asks for its keys (an
/// app whose set a change deletes).
pub fn parse(
    files: &ProgramFiles,
    language: &dyn Language,
    format: Format,
    keep_without_sets: bool,
) -> Parsed {
    crate::frontend::program::read(
        files,
        language,
        &Cdk,
        |program, texts| instantiate::instantiate(program, &Cdk, texts),
        |evaluator, instances| build(evaluator, &instances, files, format, keep_without_sets),
    )
}

/// The CDK's libraries, as the evaluator asks them.
struct Cdk;

impl Globals for Cdk {
    fn transparent(&self, path: &[String]) -> bool {
        CdkName::of(std::slice::from_ref(&path.to_vec())).is_some_and(|name| name.transparent())
    }

    fn constant(&self, path: &[String]) -> Option<String> {
        CdkName::constant(path)
    }
}

/// What a construct deploys with: a stack of the project's classes, one the app makes of the
/// CDK's own class (`new cdk.Stack(app, "S")`), or, for constructs in no stack the code shows, the
/// outermost object (a construct read alone) or the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum StackKey {
    Instance(InstanceId),
    Made(ExprId),
    App,
}

/// A construct of the CDK the app creates.
struct Resource<'p> {
    id: ExprId,
    call: &'p Call,
    construct: Construct,
    /// The object whose constructor creates it.
    owner: Option<InstanceId>,
}

fn build(
    evaluator: &Evaluator,
    instances: &Instances,
    files: &ProgramFiles,
    format: Format,
    keep_without_sets: bool,
) -> Option<Unit> {
    let program = evaluator.program;
    let construct = |id: ExprId| -> Option<(&Call, Construct)> {
        let Expr::Call(call) = program.expr(id) else {
            return None;
        };
        let construct = CdkName::of(&evaluator.global(call.callee)?)?.construct()?;
        Some((call, construct))
    };
    let owned = instances
        .iter()
        .flat_map(|(owner, instance)| instance.calls.iter().map(move |call| (*call, Some(owner))));
    let outside = instances.outside.iter().map(|call| (*call, None));
    let resources: Vec<Resource> = owned
        .chain(outside)
        .filter_map(|(id, owner)| {
            let (call, construct) = construct(id)?;
            Some(Resource {
                id,
                call,
                construct,
                owner,
            })
        })
        .collect();
    if !keep_without_sets
        && !resources
            .iter()
            .any(|resource| resource.construct == Construct::ReplicationSet)
    {
        return None;
    }
    let mut builder = Builder {
        evaluator,
        program,
        instances,
        providers: Vec::new(),
        deployments: Vec::new(),
        stacks: HashMap::new(),
        key_ids: HashMap::new(),
        names: (program.bindings.iter())
            .filter_map(|binding| match binding.value {
                crate::frontend::program::BindingValue::Value(value) => {
                    Some((value, binding.name.as_str()))
                }
                _ => None,
            })
            .collect(),
        current: None,
        paths: Vec::new(),
        stacks_of: Vec::new(),
        retained: HashSet::new(),
    };
    builder.place_objects();
    builder.retained = builder.retained_by_calls(instances);
    let keys: Vec<&Resource> = (resources.iter())
        .filter(|resource| matches!(resource.construct, Construct::Key | Construct::CfnKey))
        .collect();
    for (index, resource) in keys.iter().enumerate() {
        builder.key_ids.insert(resource.id, KeyId(index));
    }
    let keys = (keys.into_iter())
        .map(|resource| builder.key(resource))
        .collect();
    let replication_sets = (resources.iter())
        .filter(|resource| resource.construct == Construct::ReplicationSet)
        .map(|resource| builder.replication_set(resource, format))
        .collect();
    let module_calls = builder.construct_calls();
    let unread = builder.unread_objects();
    let mut deployments = builder.deployments;
    if deployments.is_empty() {
        deployments.push(Deployment::default());
    }
    Some(Unit {
        format,
        engine: Engine::CloudFormation,
        key_arn: match format {
            Format::CdkPython => KeyArn::CDK_PYTHON,
            _ => KeyArn::CDK_TYPESCRIPT,
        },
        name: files.unit_name(),
        deployments,
        aws_provider_major: None,
        suppressions: Vec::new(),
        renames: Renames::default(),
        module_calls,
        unread,
        providers: builder.providers,
        keys,
        replication_sets,
    })
}

/// The `env` of a stack, as far as it tells the region.
enum EnvRegion {
    /// `env: { region: "eu-west-1" }`.
    Named(Value<String>),
    /// No `env`, or a region the CDK reads from the environment (`CDK_DEFAULT_REGION`): the
    /// region `--region` or the configuration gives, if any.
    Deployment,
    /// A region the code computes in a way irlint cannot follow.
    Unknown(Value<String>),
}

struct Builder<'e, 'p> {
    evaluator: &'e Evaluator<'p>,
    program: &'p Program,
    instances: &'e Instances,
    providers: Vec<Provider>,
    deployments: Vec<Deployment>,
    /// The provider (and deployment) of each stack, by the index both share.
    stacks: HashMap<StackKey, ProviderId>,
    key_ids: HashMap<ExprId, KeyId>,
    /// The name each value is bound to, for keys the code names only so.
    names: HashMap<ExprId, &'p str>,
    /// The stack of the resource being read: the one `Aws.REGION` and `this.region` name.
    current: Option<ProviderId>,
    /// Each object's construct path and the stack its constructs deploy with, by its id:
    /// worked out once, every resource of an object reads them.
    paths: Vec<String>,
    stacks_of: Vec<StackKey>,
    /// The constructions of resources that a call of theirs keeps when they leave the stack
    /// (`set.applyRemovalPolicy(RemovalPolicy.RETAIN)`).
    retained: HashSet<ExprId>,
}

/// The names a construct's scope, id and properties are passed by, in Python.
const SCOPE_ARGUMENTS: &[&str] = &["scope"];
const ID_ARGUMENTS: &[&str] = &["id", "construct_id"];
const PROPS_ARGUMENTS: &[&str] = &["props"];

impl<'p> Builder<'_, 'p> {
    /// An argument of a construct's call: given by one of `names`, or at `position`.
    fn argument(call: &Call, names: &[&str], position: usize) -> Option<ExprId> {
        let named = call.arguments.iter().find_map(|argument| {
            let (name, _) = argument.name.as_ref().filter(|_| !argument.spread)?;
            names.contains(&name.as_str()).then_some(argument.value)
        });
        named.or_else(|| positional(&call.arguments).nth(position))
    }

    /// A property of a construct's call: Python's keyword argument, or a field of its props.
    fn property(&self, call: &Call, name: &str) -> Field {
        let wanted = canonical(name);
        let keyword = call.arguments.iter().rev().find(|argument| {
            (argument.name.as_ref()).is_some_and(|(written, _)| canonical(written) == wanted)
        });
        if let Some(argument) = keyword.filter(|argument| !argument.spread) {
            return Field::Value(argument.value);
        }
        let Some(props) = Self::argument(call, PROPS_ARGUMENTS, 2) else {
            return Field::Absent;
        };
        match self.evaluator.follow(props) {
            Ok(reached) if matches!(self.program.expr(reached.expr), Expr::Null) => Field::Absent,
            _ => match self.evaluator.object(props) {
                Ok(props) => self.evaluator.field(props, name),
                Err(reason) => Field::Unknown(reason),
            },
        }
    }

    /// A construct's id as written, when it is a string irlint reads.
    fn construct_id(&self, call: &Call) -> Option<String> {
        let id = Self::argument(call, ID_ARGUMENTS, 1)?;
        Some(match self.evaluator.string(id).known() {
            Some(id) => id.clone(),
            None => short(self.evaluator.text(id)),
        })
    }

    /// Where a construct is declared: its id, else the call.
    fn declaration(&self, id: ExprId, call: &Call) -> Span {
        match Self::argument(call, ID_ARGUMENTS, 1) {
            Some(argument) => self.program.span(argument),
            None => self.program.span(id),
        }
    }

    /// The name an object of a class has in a construct path: its id, else its class's name.
    fn instance_name(&self, instance: InstanceId) -> String {
        let instance = self.instances.get(instance);
        let call = instance
            .call
            .and_then(|call| match self.program.expr(call) {
                Expr::Call(call) => Some(call),
                _ => None,
            });
        call.and_then(|call| self.construct_id(call))
            .or_else(|| self.program.function(instance.constructor).name.clone())
            .unwrap_or_else(|| "construct".to_owned())
    }

    /// Works out each object's construct path (the ids of the objects that make it, outermost
    /// first, then its own) and the stack its constructs deploy with (the innermost stack among
    /// it and the objects that make it, else the outermost of them). An object comes after the
    /// one that makes it.
    fn place_objects(&mut self) {
        for (id, instance) in self.instances.iter() {
            let name = self.instance_name(id);
            let parent = instance.parent.map(|parent| parent.0);
            let (path, stack) = match parent {
                Some(parent) => (
                    format!("{}/{name}", self.paths[parent]),
                    self.stacks_of[parent],
                ),
                None => (name, StackKey::Instance(id)),
            };
            let stack = match self.extends(instance.constructor) {
                Some(Construct::Stack) => StackKey::Instance(id),
                _ => stack,
            };
            self.paths.push(path);
            self.stacks_of.push(stack);
        }
    }

    fn instance_path(&self, instance: InstanceId) -> &str {
        &self.paths[instance.0]
    }

    /// The construct path of a resource: its owner's, then its own id.
    fn path(&self, resource: &Resource) -> String {
        let id = (self.construct_id(resource.call)).unwrap_or_else(|| "resource".to_owned());
        match resource.owner {
            Some(owner) => format!("{}/{id}", self.instance_path(owner)),
            None => id,
        }
    }

    /// The calls that make the app's stacks and constructs, outermost first: a finding in a
    /// construct's code names those that made the object its message names (or, if none, the
    /// few objects of that code), as a Terraform finding names module calls.
    fn construct_calls(&self) -> Vec<ModuleCall> {
        let calls = self.instances.iter().filter_map(|(id, instance)| {
            let made_by = instance.call?;
            let Expr::Call(call) = self.program.expr(made_by) else {
                return None;
            };
            Some(ModuleCall {
                address: self.instance_path(id).to_owned(),
                verb: "made",
                span: self.declaration(made_by, call),
                block: self.program.span(made_by),
                files: vec![self.program.function(instance.constructor).span.file],
            })
        });
        calls.collect()
    }

    /// The objects whose constructors are not read (in a cycle of classes, past a bound), and
    /// the first the app makes past the most objects irlint makes: what they create is not
    /// checked.
    fn unread_objects(&self) -> Vec<Unchecked> {
        let unread = self.instances.iter().filter_map(|(id, instance)| {
            let reason = instance.unread.as_ref()?;
            let span = match instance.call {
                Some(call) => self.program.span(call),
                None => self.program.function(instance.constructor).span,
            };
            let what = format!("the object `{}` is not read", self.instance_path(id));
            Some(Unchecked::new(span, what, reason.clone()))
        });
        let unmade = self.instances.unmade.map(|call| {
            Unchecked::new(
                self.program.span(call),
                "the object this call makes is not read",
                format!(
                    "the app makes more than {} objects, the most irlint makes",
                    instantiate::MAX_INSTANCES
                ),
            )
        });
        unread.chain(unmade).collect()
    }

    /// What the class a constructor belongs to extends, among the CDK's classes: through the
    /// project's classes it extends.
    fn extends(&self, constructor: FunctionId) -> Option<Construct> {
        let mut constructor = constructor;
        for _ in 0..crate::frontend::program::eval::MAX_DEPTH {
            let base = *self.program.function(constructor).bases.first()?;
            let reached = self.evaluator.follow(base).ok()?;
            if let Target::Global(candidates) = &reached.target {
                return CdkName::of(candidates)?.construct();
            }
            let Expr::Object(class) = self.program.expr(reached.expr) else {
                return None;
            };
            constructor = match class.class.map(|class| self.program.expr(class)) {
                Some(Expr::Function(function)) => *function,
                _ => return None,
            };
        }
        None
    }

    fn stack_of(&self, instance: InstanceId) -> StackKey {
        self.stacks_of[instance.0]
    }

    /// The stack of a resource: its owner's, or for one made outside every class, the stack its
    /// scope names.
    fn resource_stack(&self, resource: &Resource) -> StackKey {
        if let Some(owner) = resource.owner {
            return self.stack_of(owner);
        }
        let Some(scope) = Self::argument(resource.call, SCOPE_ARGUMENTS, 0) else {
            return StackKey::App;
        };
        let Ok(reached) = self.evaluator.follow(scope) else {
            return StackKey::App;
        };
        if let Some(instance) = self.instances.by_call.get(&reached.expr) {
            return self.stack_of(*instance);
        }
        match self.program.expr(reached.expr) {
            Expr::Call(call)
                if (self.evaluator.global(call.callee))
                    .and_then(|candidates| CdkName::of(&candidates)?.construct())
                    == Some(Construct::Stack) =>
            {
                StackKey::Made(reached.expr)
            }
            _ => StackKey::App,
        }
    }

    /// The provider of a stack, and its deployment, made the first time.
    fn stack(&mut self, key: StackKey) -> ProviderId {
        if let Some(provider) = self.stacks.get(&key) {
            return *provider;
        }
        let (name, span, env) = match key {
            StackKey::Instance(instance) => {
                let made = self.instances.get(instance);
                let what = match self.extends(made.constructor) {
                    Some(Construct::Stack) => "stack",
                    _ => "construct",
                };
                // By its path: two stages may each hold a stack of one id.
                let name = format!("{what} `{}`", self.instance_path(instance));
                let span = made.call.map(|call| self.program.span(call));
                (name, span, self.instance_env(instance))
            }
            StackKey::Made(id) => {
                let Expr::Call(call) = self.program.expr(id) else {
                    return self.stack(StackKey::App);
                };
                let id_text = self
                    .construct_id(call)
                    .unwrap_or_else(|| "stack".to_owned());
                let env = self.env_region(self.property(call, "env"), self.program.span(id));
                (
                    format!("stack `{id_text}`"),
                    Some(self.program.span(id)),
                    env,
                )
            }
            StackKey::App => ("the app".to_owned(), None, EnvRegion::Deployment),
        };
        let (region, deployed, named) = match env {
            // The stack's own region, whatever deployment reads it: a key of this stack that
            // another stack's set uses is still in this stack's region.
            EnvRegion::Named(region) => {
                let written = region.known().cloned().unwrap_or_default();
                let deployed = DeploymentRegion {
                    name: written.clone(),
                    span: Some(region.written()),
                };
                (
                    ProviderRegion::Code(region),
                    Some(deployed),
                    format!("{name} (env {written})"),
                )
            }
            EnvRegion::Deployment => (ProviderRegion::Deployment, None, name.clone()),
            EnvRegion::Unknown(region) => (ProviderRegion::Code(region), None, name.clone()),
        };
        // A deployment's sets are those of its name: stacks whose ids cannot be read (made in a
        // loop) must not share one.
        let taken =
            |named: &str| (self.deployments.iter()).any(|d| d.name.as_deref() == Some(named));
        let named = match taken(&named) {
            false => named,
            true => (2..)
                .map(|n| format!("{named} (#{n})"))
                .find(|numbered| !taken(numbered))
                .unwrap_or(named),
        };
        let provider = ProviderId(self.providers.len());
        self.providers.push(Provider { name, span, region });
        self.deployments.push(Deployment {
            name: Some(named),
            region: deployed,
            native_region: None,
        });
        self.stacks.insert(key, provider);
        provider
    }

    /// The region of an object's `env`: its own call's, else what its constructor passes to the
    /// stack it extends (`super(scope, id, { env })`), else that of a stage that makes it.
    fn instance_env(&self, instance: InstanceId) -> EnvRegion {
        let mut current = Some(instance);
        while let Some(id) = current {
            let made = self.instances.get(id);
            let call = made.call.and_then(|call| match self.program.expr(call) {
                Expr::Call(call) => Some(call),
                _ => None,
            });
            // An `env` the call may pass but irlint cannot read is no stack without one: the
            // region is unknown, not `--region`'s.
            if let (Some(call), Some(made_by)) = (call, made.call) {
                match self.property(call, "env") {
                    Field::Absent => {}
                    env => return self.env_region(env, self.program.span(made_by)),
                }
            }
            let base = (made.calls.iter()).find_map(|call| match self.program.expr(*call) {
                Expr::Call(call) if self.is_base_constructor(call) => Some(call),
                _ => None,
            });
            // What the constructor passes on (`super(scope, id, props)`, `**kwargs`) is the call's
            // own, read above: only an `env` it writes counts.
            if let Some(base) = base
                && let Field::Value(env) = self.property(base, "env")
            {
                return self.env_region(Field::Value(env), self.program.span(env));
            }
            current = made.parent;
        }
        EnvRegion::Deployment
    }

    /// `super(scope, id, props)`, Python's `super().__init__(scope, id, **kwargs)` (or
    /// `super(Stack, self).__init__(…)`): the lowerings keep `super` unread, so its call is told
    /// by how it is written.
    fn is_base_constructor(&self, call: &Call) -> bool {
        let callee = self.evaluator.text(call.callee);
        callee == "super" || (callee.starts_with("super(") && callee.ends_with(".__init__"))
    }

    /// The region an `env` gives, passed `at`.
    fn env_region(&self, env: Field, at: Span) -> EnvRegion {
        let env = match env {
            Field::Value(env) => env,
            Field::Absent => return EnvRegion::Deployment,
            Field::Unknown(reason) => return EnvRegion::Unknown(Value::unknown(at, reason)),
        };
        let evaluator = self.evaluator;
        let span = self.program.span(env);
        let region = match evaluator.object(env) {
            Ok(env) => evaluator.field(env, "region"),
            Err(reason) => return EnvRegion::Unknown(Value::unknown(span, reason)),
        };
        let at = match region {
            Field::Value(at) => at,
            Field::Absent => return EnvRegion::Deployment,
            Field::Unknown(reason) => return EnvRegion::Unknown(Value::unknown(span, reason)),
        };
        if self.reads_environment(at) {
            return EnvRegion::Deployment;
        }
        let region = evaluator.string(at);
        match region.kind {
            ValueKind::Unknown(_) => EnvRegion::Unknown(region),
            _ => EnvRegion::Named(region),
        }
    }

    /// Whether a value is read from the environment the CDK runs in (`process.env.X`,
    /// `os.environ["X"]`, `os.getenv("X")`), which `cdk deploy` sets from the profile.
    fn reads_environment(&self, at: ExprId) -> bool {
        let environment = |candidates: &[Vec<String>]| {
            candidates.iter().any(|path| {
                matches!(
                    path.iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .as_slice(),
                    ["process", "env", ..] | ["os", "environ", ..] | ["os", "getenv"]
                )
            })
        };
        let Ok(reached) = self.evaluator.follow(at) else {
            return false;
        };
        match (&reached.target, self.program.expr(reached.expr)) {
            (Target::Global(candidates), _) => environment(candidates),
            (_, Expr::Call(call)) => self
                .evaluator
                .global(call.callee)
                .is_some_and(|candidates| environment(&candidates)),
            (_, Expr::Index { object, .. }) => self
                .evaluator
                .global(*object)
                .is_some_and(|candidates| environment(&candidates)),
            _ => false,
        }
    }

    /// How many times a resource is created: once, when its call and the calls that make its
    /// owners each run once where they are written.
    fn instances(&self, resource: &Resource, span: Span) -> Value<u64> {
        let runs_once = |runs: &Runs, within: Option<FunctionId>| match runs {
            Runs::Once => Ok(()),
            Runs::InFunction(function) if Some(*function) == within => Ok(()),
            Runs::InFunction(function) => Err(match &self.program.function(*function).name {
                Some(name) => {
                    format!("created in function `{name}`, which may run any number of times")
                }
                None => "created in a lambda, which may run any number of times".to_owned(),
            }),
            Runs::Maybe(reason) => Err(format!("created {reason}")),
        };
        let mut within = resource.owner.map(|owner| self.instances.get(owner));
        let mut runs = runs_once(&resource.call.runs, within.map(|made| made.constructor));
        while let (Ok(()), Some(made)) = (&runs, within) {
            let parent = made.parent.map(|parent| self.instances.get(parent));
            if let Some(Expr::Call(call)) = made.call.map(|call| self.program.expr(call)) {
                runs = runs_once(&call.runs, parent.map(|parent| parent.constructor));
            }
            within = parent;
        }
        match runs {
            Ok(()) => Value::literal(span, 1),
            Err(reason) => Value::unknown(span, reason),
        }
    }

    fn string_property(&self, call: &Call, names: &[&str], span: Span) -> Option<Value<String>> {
        names
            .iter()
            .find_map(|name| match self.property(call, name) {
                Field::Value(value) => Some(self.evaluator.string(value)),
                Field::Absent => None,
                Field::Unknown(reason) => Some(Value::unknown(span, reason)),
            })
    }

    fn key(&mut self, resource: &Resource) -> Key {
        let (id, call) = (resource.id, resource.call);
        let span = self.declaration(id, call);
        let stack = self.resource_stack(resource);
        let stack = self.stack(stack);
        let enabled = match self.property(call, "enabled") {
            Field::Value(value) => Some(self.evaluator.boolean(value)),
            Field::Absent => None,
            Field::Unknown(reason) => Some(Value::unknown(span, reason)),
        };
        let policy = match (resource.construct, self.property(call, "keyPolicy")) {
            (Construct::CfnKey, Field::Value(policy)) => {
                let evaluator = self.evaluator;
                let plain = |id| build::PolicyValue { evaluator, id };
                Some(build::key_policy(evaluator, policy, |_| None, plain))
            }
            (Construct::CfnKey, Field::Unknown(reason)) => Some(Value::unknown(span, reason)),
            _ => match self.property(call, "policy") {
                Field::Absent => None,
                Field::Value(policy) => Some(Value::unknown(
                    self.program.span(policy),
                    "an `iam.PolicyDocument`, which irlint does not read",
                )),
                Field::Unknown(reason) => Some(Value::unknown(span, reason)),
            },
        };
        Key {
            identity: self.path(resource),
            name_in_code: self.names.get(&id).map(|name| (*name).to_owned()),
            span,
            resource: KeyResource::Key,
            region: Value::literal(span, Region::OfProvider(stack)),
            spec: self.string_property(call, &["keySpec"], span),
            usage: self.string_property(call, &["keyUsage"], span),
            origin: self.string_property(call, &["origin"], span),
            enabled,
            custom_key_store: None,
            policy,
            kept_on_removal: self.kept_on_removal(resource),
        }
    }

    /// Whether a resource outlives its removal from the stack: its `removalPolicy` (a `kms.Key`'s
    /// default is `RETAIN`; L1 constructs default to deletion), or a call of its
    /// `applyRemovalPolicy` that says so.
    fn kept_on_removal(&self, resource: &Resource) -> bool {
        if self.retained.contains(&resource.id) {
            return true;
        }
        match self.property(resource.call, "removalPolicy") {
            Field::Value(policy) => self.is_retain(policy),
            Field::Absent => resource.construct == Construct::Key,
            Field::Unknown(_) => false,
        }
    }

    /// Whether an expression is `RemovalPolicy.RETAIN` (or `RETAIN_ON_UPDATE_OR_DELETE`).
    fn is_retain(&self, policy: ExprId) -> bool {
        let Ok(reached) = self.evaluator.follow(policy) else {
            return false;
        };
        match &reached.target {
            Target::Global(candidates) => {
                CdkName::of(candidates).is_some_and(|name| name.retains())
            }
            _ => false,
        }
    }

    /// The constructions that a call of theirs keeps when they leave the stack:
    /// `construct.applyRemovalPolicy(RemovalPolicy.RETAIN)`.
    fn retained_by_calls(&self, instances: &Instances) -> HashSet<ExprId> {
        let owned = (instances.iter()).flat_map(|(_, instance)| instance.calls.iter());
        (owned.chain(&instances.outside))
            .filter_map(|&id| {
                let Expr::Call(call) = self.program.expr(id) else {
                    return None;
                };
                let Expr::Member { object, name, .. } = self.program.expr(call.callee) else {
                    return None;
                };
                let policy = positional(&call.arguments).next()?;
                if canonical(name) != "applyremovalpolicy" || !self.is_retain(policy) {
                    return None;
                }
                Some(self.evaluator.follow(*object).ok()?.expr)
            })
            .collect()
    }

    fn replication_set(&mut self, resource: &Resource, format: Format) -> ReplicationSet {
        let (id, call) = (resource.id, resource.call);
        let span = self.declaration(id, call);
        let stack = self.resource_stack(resource);
        let provider = self.stack(stack);
        self.current = Some(provider);
        let regions = match self.property(call, "regions") {
            Field::Value(regions) => match self.evaluator.elements(regions) {
                Ok(elements) => Regions::Listed(
                    (elements.into_iter())
                        .map(|element| build::region_entry(self, element, Schema::CloudFormation))
                        .collect(),
                ),
                Err(reason) => Regions::Unknown(Value::unknown(self.program.span(regions), reason)),
            },
            Field::Absent => Regions::Unknown(Value::unknown(span, "the set has no `regions`")),
            Field::Unknown(reason) => Regions::Unknown(Value::unknown(span, reason)),
        };
        let deletion_protection = match self.property(call, "deletionProtected") {
            Field::Value(value) => Protection::Set(self.evaluator.boolean(value)),
            Field::Absent => Protection::Absent,
            Field::Unknown(reason) => Protection::Set(Value::unknown(span, reason)),
        };
        let tags = match self.property(call, "tags") {
            Field::Value(tags) => build::tag_list(self.evaluator, tags),
            _ => Vec::new(),
        };
        self.current = None;
        ReplicationSet {
            identity: self.path(resource),
            span,
            schema: Schema::CloudFormation,
            regions,
            region_syntax: RegionSyntax::default(),
            deletion_protection,
            tags,
            arguments: Some(self.set_arguments(id, call, span, format)),
            provider,
            // A construct deploys with its stack: its `env` is the deployment's region, which
            // findings relate already.
            provider_chosen: None,
            instances: self.instances(resource, span),
            deployment: self.deployments[provider.0].name.clone(),
            kept_on_removal: self.kept_on_removal(resource),
        }
    }

    /// The properties a set's construct is given, as written, for checking against the
    /// resource type's schema: its props object, and Python's keywords but the construct's
    /// scope and id.
    fn set_arguments(
        &self,
        id: ExprId,
        call: &Call,
        span: Span,
        format: Format,
    ) -> crate::model::SetArguments {
        let mut objects = vec![id];
        let mut unread_props = false;
        if let Some(props) = Self::argument(call, PROPS_ARGUMENTS, 2) {
            match self.evaluator.follow(props) {
                Ok(reached) if matches!(self.program.expr(reached.expr), Expr::Null) => {}
                _ => match self.evaluator.object(props) {
                    Ok(props) => objects.push(props),
                    Err(_) => unread_props = true,
                },
            }
        }
        let own = [SCOPE_ARGUMENTS, ID_ARGUMENTS, PROPS_ARGUMENTS].concat();
        let mut arguments = build::arguments(self.evaluator, &objects, &own, span);
        arguments.complete &= !unread_props;
        crate::model::SetArguments {
            resource_type: "aws_ssmincidents.CfnReplicationSet",
            naming: build::naming(format),
            arguments,
        }
    }

    /// The CDK construct a value was made by, and the call.
    fn made_by(&self, id: ExprId) -> Option<(&'p Call, CdkName)> {
        let reached = self.evaluator.follow(id).ok()?;
        let Expr::Call(call) = self.program.expr(reached.expr) else {
            return None;
        };
        Some((call, CdkName::of(&self.evaluator.global(call.callee)?)?))
    }
}

impl<'p> Reader<'p> for Builder<'_, 'p> {
    fn evaluator(&self) -> &Evaluator<'p> {
        self.evaluator
    }

    /// A region name, or the region of the stack: `Aws.REGION`, `this.region`,
    /// `Stack.of(this).region`, `stack.region` of a stack the app makes.
    fn region(&mut self, at: ExprId) -> Value<Region> {
        let evaluator = self.evaluator;
        let mut span = self.program.span(at);
        let reached = match evaluator.follow(at) {
            Ok(reached) => reached,
            Err(reason) => return Value::unknown(span, reason),
        };
        let definition = (reached.via_reference).then(|| self.program.span(reached.expr));
        if !reached.via_reference {
            span = self.program.span(reached.expr);
        }
        let of_stack = match (&reached.target, self.program.expr(reached.expr)) {
            (Target::Global(candidates), _) => (CdkName::of(candidates))
                .is_some_and(|name| name.is_stack_region())
                .then_some(self.current)
                .flatten(),
            (_, Expr::Member { object, name, .. }) if canonical(name) == "region" => {
                match self.made_by(*object) {
                    Some((_, name)) if name.construct() == Some(Construct::Stack) => {
                        let made = evaluator.follow(*object).ok().map(|r| r.expr);
                        made.map(|made| self.stack(StackKey::Made(made)))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let resolution = match of_stack {
            Some(provider) => Ok((Region::OfProvider(provider), definition)),
            None => (evaluator.text_of_reached(&reached))
                .map(|(name, definition)| (Region::Named(name), definition)),
        };
        crate::frontend::program::eval::value_of(span, resolution)
    }

    /// `key.keyArn`, `cfnKey.attrArn`, `key.keyId`, `Key.fromKeyArn(this, id, "arn:…").keyArn`.
    fn key_form(&mut self, reached: &Referent, span: Span) -> Option<KeyChoice> {
        let Expr::Member { object, name, .. } = self.program.expr(reached.expr) else {
            return None;
        };
        let property = canonical(name);
        let (call, made) = self.made_by(*object)?;
        if made.is_key_from_arn() {
            let arn = Self::argument(call, &["key_arn"], 2)?;
            return Some(match property.as_str() {
                "keyarn" => match self.evaluator.text_of(arn) {
                    Ok((text, definition)) => KeyChoice::from_text(
                        span,
                        text,
                        definition.or(Some(self.program.span(arn))),
                    ),
                    Err(reason) => build::some_key(span, reason),
                },
                _ => KeyChoice::Customer(KeyRef {
                    span,
                    target: KeyTarget::IdOrAlias(Value::unknown(span, "the id of an imported key")),
                }),
            });
        }
        if made.is_key_import() {
            return Some(build::some_key(
                span,
                format!(
                    "a key imported by `{}`",
                    short(self.evaluator.text(call.callee))
                ),
            ));
        }
        let attribute = match (made.construct()?, property.as_str()) {
            (Construct::Key, "keyarn") | (Construct::CfnKey, "attrarn") => KeyAttribute::Arn,
            (Construct::Key, "keyid") | (Construct::CfnKey, "attrkeyid" | "ref") => {
                KeyAttribute::KeyId
            }
            (Construct::Alias, _) => {
                let reason = format!("the alias `{}`", short(self.evaluator.text(*object)));
                return Some(KeyChoice::Customer(KeyRef {
                    span,
                    target: KeyTarget::IdOrAlias(Value::unknown(span, reason)),
                }));
            }
            _ => return None,
        };
        let key_call = self.evaluator.follow(*object).ok()?.expr;
        let key = *self.key_ids.get(&key_call)?;
        Some(KeyChoice::Customer(KeyRef {
            span,
            target: KeyTarget::Declared { key, attribute },
        }))
    }
}
