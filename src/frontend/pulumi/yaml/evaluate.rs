//! What the expressions of a Pulumi YAML program are worth before deployment: literals, `${…}`
//! references to variables and to the project's configuration, interpolations of those,
//! `fn::secret`, `fn::select`, and `aws:getRegion` (the region of a provider, or the one its
//! arguments name). Resource outputs (but a declared key's ARN and id, and what an alias's
//! stand for), other functions and configuration that stacks set are unknown, with a reason.

use std::cell::RefCell;
use std::collections::HashMap;

use super::interpolation::{self, Access, Part, Step};
use crate::frontend::bounds::{Budget, MAX_DOCUMENT, MAX_TEXT, Memo};
use crate::frontend::document::{Entry, Node, NodeKind};
use crate::frontend::pulumi::Project;
use crate::model::{
    KeyAttribute, KeyChoice, KeyId, KeyRef, KeyResource, KeyTarget, ProviderId, Region, Unknown,
    Value, ValueKind,
};
use crate::source::Span;

/// How many references one evaluation may follow in a chain: the recursion stays within any
/// thread's stack. Cycles are found before, as an expression met again while it is followed.
const MAX_REFERENCES: usize = 64;

/// The `aws` provider that Pulumi creates for resources without one, configured by the stack's
/// `aws:region`.
pub const DEFAULT_AWS: ProviderId = ProviderId(0);
/// The `aws-native` provider that Pulumi creates for resources without one, configured by the
/// stack's `aws-native:region`.
pub const DEFAULT_AWS_NATIVE: ProviderId = ProviderId(1);
/// Provider resources are numbered after the two defaults, in document order.
const FIRST_DECLARED_PROVIDER: usize = 2;

/// The fields of `aws:getRegion`'s result that hold the region's name.
const REGION_FIELDS: &[&str] = &["name", "region", "id"];

/// The Pulumi packages whose resources irlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwsPackage {
    Aws,
    AwsNative,
}

impl AwsPackage {
    pub fn name(self) -> &'static str {
        match self {
            AwsPackage::Aws => "aws",
            AwsPackage::AwsNative => "aws-native",
        }
    }

    /// The provider Pulumi creates for resources of the package that name none.
    pub fn implicit_provider(self) -> ProviderId {
        match self {
            AwsPackage::Aws => DEFAULT_AWS,
            AwsPackage::AwsNative => DEFAULT_AWS_NATIVE,
        }
    }
}

/// What a resource declares, as far as irlint cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    ReplicationSet(AwsPackage),
    Key(AwsPackage, KeyResource),
    Provider(AwsPackage),
    /// `aws:kms:Alias`: a name for a key, whose ARN is not the key's.
    Alias,
    Other,
}

impl Kind {
    fn of(type_token: &str) -> Kind {
        match normalize_token(type_token).as_str() {
            "aws:ssmincidents:ReplicationSet" => Kind::ReplicationSet(AwsPackage::Aws),
            "aws-native:ssmincidents:ReplicationSet" => Kind::ReplicationSet(AwsPackage::AwsNative),
            "aws:kms:Key" => Kind::Key(AwsPackage::Aws, KeyResource::Key),
            "aws:kms:ReplicaKey" => Kind::Key(AwsPackage::Aws, KeyResource::ReplicaKey),
            "aws:kms:ExternalKey" => Kind::Key(AwsPackage::Aws, KeyResource::ExternalKey),
            "aws-native:kms:Key" => Kind::Key(AwsPackage::AwsNative, KeyResource::Key),
            "aws-native:kms:ReplicaKey" => {
                Kind::Key(AwsPackage::AwsNative, KeyResource::ReplicaKey)
            }
            "aws:kms:Alias" => Kind::Alias,
            "pulumi:providers:aws" => Kind::Provider(AwsPackage::Aws),
            "pulumi:providers:aws-native" => Kind::Provider(AwsPackage::AwsNative),
            _ => Kind::Other,
        }
    }
}

/// `aws:kms:Key` for `aws:kms/key:Key`: the module of a full token carries the path of the
/// file that defines the type, which the short token leaves out.
fn normalize_token(token: &str) -> String {
    let mut parts: Vec<&str> = token.split(':').collect();
    if let [_, module, _] = parts.as_mut_slice() {
        *module = module.split('/').next().unwrap_or_default();
    }
    parts.join(":")
}

/// `aws:index:getRegion` for `aws:getRegion` and `aws:index/getRegion:getRegion`: a function
/// of the package's top-level module may leave out the module.
fn normalize_function(token: &str) -> String {
    match token.split(':').collect::<Vec<_>>().as_slice() {
        [package, name] => format!("{package}:index:{name}"),
        _ => normalize_token(token),
    }
}

/// A field of one of Pulumi YAML's own records (the program, a resource, its options, an
/// invoke), whose names Pulumi matches without regard to case.
fn record_field<'n>(node: &'n Node, name: &str) -> Option<&'n Node> {
    node.entries()
        .iter()
        .find(|entry| entry.key.eq_ignore_ascii_case(name))
        .map(|entry| &entry.value)
}

/// A call of a built-in function, a mapping with the single key `fn::name` (in any case), as the
/// key and its argument. The document reader makes a mapping whose key starts with `Fn::` an
/// intrinsic function, so both shapes are calls.
fn builtin(node: &Node) -> Option<(&str, &Node)> {
    let is_function = |key: &str| key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("fn::"));
    match &node.kind {
        NodeKind::Mapping(entries) => match entries.as_slice() {
            [entry] if is_function(&entry.key) => Some((&entry.key, &entry.value)),
            _ => None,
        },
        NodeKind::Intrinsic { function, argument } if is_function(function) => {
            Some((function, argument))
        }
        _ => None,
    }
}

/// A resource of a Pulumi YAML program's `resources` section.
pub struct YamlResource<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub kind: Kind,
    properties: Option<&'a Node>,
    options: Option<&'a Node>,
    /// `defaultProvider: true` on a provider: it replaces the package's default provider.
    default_provider: bool,
}

impl<'a> YamlResource<'a> {
    pub fn property(&self, name: &str) -> Option<Term<'a>> {
        self.properties
            .and_then(|properties| properties.get(name))
            .map(Term::expression)
    }

    /// Its `properties`, as written.
    pub fn properties(&self) -> Option<Term<'a>> {
        self.properties.map(Term::expression)
    }

    /// Where the name of a property is written.
    pub fn property_name_span(&self, name: &str) -> Option<Span> {
        let properties = self.properties?.entries();
        let entry = properties.iter().find(|entry| entry.key == name)?;
        Some(entry.key_span)
    }

    pub fn option(&self, name: &str) -> Option<&'a Node> {
        self.options.and_then(|options| record_field(options, name))
    }
}

/// A node, and whether it is an expression of the program (where `${…}` refers to something
/// and `fn::` calls a function) or a configuration value, taken as written.
#[derive(Clone, Copy, Debug)]
pub struct Term<'a> {
    pub node: &'a Node,
    expression: bool,
}

impl<'a> Term<'a> {
    pub fn expression(node: &'a Node) -> Self {
        Term {
            node,
            expression: true,
        }
    }

    fn data(node: &'a Node) -> Self {
        Term {
            node,
            expression: false,
        }
    }

    pub fn span(&self) -> Span {
        self.node.span
    }

    /// A property of a mapping, read the same way.
    pub fn field(&self, name: &str) -> Option<Term<'a>> {
        self.node.get(name).map(|node| self.with(node))
    }

    /// The entries of a mapping, their values read the same way.
    pub fn entries(&self) -> impl Iterator<Item = (&'a Entry, Term<'a>)> + use<'a> {
        let this = *self;
        self.node
            .entries()
            .iter()
            .map(move |entry| (entry, this.with(&entry.value)))
    }

    fn with(&self, node: &'a Node) -> Term<'a> {
        Term { node, ..*self }
    }
}

/// A configuration key of the project.
enum Setting<'a> {
    /// The project file gives it a value, which no stack file overrides.
    Written(&'a Node),
    /// A stack file sets it: it may differ between deployments, which share one model.
    PerStack,
    /// Declared without a value or default: Pulumi deploys no stack that leaves it unset, so it
    /// is certainly there, whatever each stack sets it to.
    Required,
}

/// What an expression stands for once references are followed.
#[derive(Clone, Copy, Debug)]
enum Reached<'a> {
    /// A value written in the program or its configuration; `referenced` when it was reached
    /// through a reference, and so is written elsewhere than where it is used.
    Written {
        term: Term<'a>,
        referenced: bool,
    },
    /// The region a provider deploys to (`${aws:region}`, `aws:getRegion`'s `name`).
    ProviderRegion(ProviderId),
    /// The whole result of `aws:getRegion`.
    RegionResult(Selected<'a>),
    KeyAttribute(KeyId, KeyAttribute),
    /// The name or ARN of an alias resource (`${alias.arn}`), or the key id it targets: not a
    /// key's ARN. `attribute` says which, in words.
    AliasAttribute {
        alias: &'a str,
        attribute: &'static str,
    },
}

/// The region an `aws:getRegion` call describes.
#[derive(Clone, Copy, Debug)]
enum Selected<'a> {
    /// The region of the provider it is invoked through.
    Provider(ProviderId),
    /// The region its `name` (v7: `region`) argument names, written there.
    Named(Term<'a>),
}

impl Reached<'_> {
    fn referenced(self) -> Self {
        match self {
            Reached::Written { term, .. } => Reached::Written {
                term,
                referenced: true,
            },
            other => other,
        }
    }
}

/// Why an expression's value cannot be known before deployment.
#[derive(Clone, Debug)]
struct Unresolved {
    reason: String,
    /// Whether a value is certainly there and not empty (a resource output, a function's
    /// result, a string with text of its own, a required configuration value), so that as a key
    /// it is some customer managed key; any other configuration value may be empty or
    /// `DefaultKey`, and a broken reference null.
    present: bool,
}

impl Unresolved {
    fn present(reason: impl Into<String>) -> Self {
        Unresolved {
            reason: reason.into(),
            present: true,
        }
    }

    fn maybe_absent(reason: impl Into<String>) -> Self {
        Unresolved {
            reason: reason.into(),
            present: false,
        }
    }
}

/// The declarations of a Pulumi YAML program that its expressions refer to.
pub struct YamlProgram<'a> {
    pub resources: Vec<YamlResource<'a>>,
    resource_index: HashMap<&'a str, usize>,
    variables: HashMap<&'a str, &'a Node>,
    /// By namespaced key (`myproject:size`, `aws-native:region`).
    config: HashMap<String, Setting<'a>>,
    project: &'a str,
    keys: HashMap<&'a str, KeyId>,
    /// The name of each key, by its [`KeyId`].
    key_names: Vec<&'a str>,
    providers: HashMap<&'a str, (ProviderId, AwsPackage)>,
    /// The providers that resources of `aws` and `aws-native` without one of their own use.
    default_providers: [ProviderId; 2],
    /// The entries of each mapping that an access has stepped into, by key, by the address of
    /// its node: strings without number may each step into one mapping of many entries.
    fields: RefCell<HashMap<*const Node, HashMap<&'a str, &'a Node>>>,
    /// What is left of the steps that evaluating every value of the program may take.
    budget: Budget,
    /// What each expression followed to, by the address of its node: a variable that many
    /// strings refer to, each of which again refers to several, is followed once.
    followed: Memo<*const Node, Result<Reached<'a>, Unresolved>>,
    /// The text of each string with `${…}` and where the first reference in it leads, by the
    /// address of its node.
    interpolated: Memo<*const Node, Result<(String, Option<Span>), Unresolved>>,
}

impl<'a> YamlProgram<'a> {
    pub fn new(project: &'a Project) -> Self {
        let document = &project.document;
        let section = |name| {
            record_field(document, name)
                .map(Node::entries)
                .unwrap_or_default()
        };
        let resources: Vec<YamlResource> = section("resources")
            .iter()
            .map(|entry| resource(&entry.key, entry.key_span, &entry.value))
            .collect();
        let key_names: Vec<&str> = resources
            .iter()
            .filter(|resource| matches!(resource.kind, Kind::Key(..)))
            .map(|resource| resource.name)
            .collect();
        let keys = key_names
            .iter()
            .enumerate()
            .map(|(index, name)| (*name, KeyId(index)))
            .collect();
        let providers = resources
            .iter()
            .filter_map(|resource| match resource.kind {
                Kind::Provider(package) => Some((resource.name, package)),
                _ => None,
            })
            .enumerate()
            .map(|(index, (name, package))| {
                (name, (ProviderId(FIRST_DECLARED_PROVIDER + index), package))
            })
            .collect();
        let mut program = YamlProgram {
            resource_index: resources
                .iter()
                .enumerate()
                .map(|(index, resource)| (resource.name, index))
                .collect(),
            resources,
            variables: section("variables")
                .iter()
                .map(|entry| (entry.key.as_str(), &entry.value))
                .collect(),
            config: HashMap::new(),
            project: &project.name,
            keys,
            key_names,
            providers,
            default_providers: [DEFAULT_AWS, DEFAULT_AWS_NATIVE],
            fields: RefCell::default(),
            budget: crate::frontend::program::bounds::budget(),
            followed: Memo::default(),
            interpolated: Memo::default(),
        };
        // `configuration` is the section's name from before Pulumi YAML read the project's
        // `config`; both still work.
        for entry in section("configuration").iter().chain(section("config")) {
            let setting = setting(&entry.value);
            program
                .config
                .insert(program.config_key(&entry.key), setting);
        }
        for key in &project.stack_config_keys {
            let key = program.config_key(key);
            // What a stack sets replaces the project's value; a required key stays required.
            if !matches!(program.config.get(&key), Some(Setting::Required)) {
                program.config.insert(key, Setting::PerStack);
            }
        }
        program.default_providers = [AwsPackage::Aws, AwsPackage::AwsNative]
            .map(|package| program.declared_default_provider(package));
        program
    }

    /// The namespaced form of a configuration key: a key without namespace is the project's.
    fn config_key(&self, key: &str) -> String {
        if key.contains(':') {
            key.to_owned()
        } else {
            format!("{}:{key}", self.project)
        }
    }

    /// The resources that declare KMS keys, in the order of their [`KeyId`]s.
    pub fn key_resources(&self) -> impl Iterator<Item = &YamlResource<'a>> {
        self.resources
            .iter()
            .filter(|resource| matches!(resource.kind, Kind::Key(..)))
    }

    /// The provider resources, in the order of their [`ProviderId`]s after the defaults.
    pub fn provider_resources(&self) -> impl Iterator<Item = &YamlResource<'a>> {
        self.resources
            .iter()
            .filter(|resource| matches!(resource.kind, Kind::Provider(_)))
    }

    /// The provider of a package that resources without a provider of their own use.
    fn default_provider(&self, package: AwsPackage) -> ProviderId {
        let [aws, aws_native] = self.default_providers;
        match package {
            AwsPackage::Aws => aws,
            AwsPackage::AwsNative => aws_native,
        }
    }

    /// The last provider resource of a package that declares itself the default, or Pulumi's
    /// own provider.
    fn declared_default_provider(&self, package: AwsPackage) -> ProviderId {
        self.provider_resources()
            .filter(|resource| {
                resource.kind == Kind::Provider(package) && resource.default_provider
            })
            .filter_map(|resource| self.providers.get(resource.name))
            .map(|(id, _)| *id)
            .last()
            .unwrap_or(package.implicit_provider())
    }

    /// The provider a resource of a package is created with: its `provider` option, the
    /// provider of its package among its `providers` option, or the package's default. An
    /// option that cannot be followed gives its span and why.
    pub fn provider_of(
        &self,
        resource: &YamlResource<'a>,
        package: AwsPackage,
    ) -> Result<ProviderId, (Span, String)> {
        let reference = |node: &'a Node| {
            self.provider_reference(node, 0)
                .map(|(id, _)| id)
                .map_err(|reason| (node.span, reason))
        };
        if let Some(provider) = resource.option("provider") {
            return reference(provider);
        }
        let Some(providers) = resource.option("providers") else {
            return Ok(self.default_provider(package));
        };
        if providers.is_mapping() {
            return providers
                .get(package.name())
                .map_or(Ok(self.default_provider(package)), reference);
        }
        for item in providers.as_sequence().unwrap_or_default() {
            let (id, of) = self
                .provider_reference(item, 0)
                .map_err(|reason| (item.span, reason))?;
            if of == package {
                return Ok(id);
            }
        }
        Ok(self.default_provider(package))
    }

    /// The provider resource that `${name}` names, directly or through variables.
    fn provider_reference(
        &self,
        node: &'a Node,
        depth: usize,
    ) -> Result<(ProviderId, AwsPackage), String> {
        self.budget.spend(1)?;
        let access = node
            .as_scalar()
            .and_then(interpolation::symbol)
            .filter(|access| access.path.is_empty())
            .ok_or("a provider that is not a reference to a provider resource")?;
        if let Some(provider) = self.providers.get(access.root.as_str()) {
            return Ok(*provider);
        }
        match self.variables.get(access.root.as_str()) {
            Some(_) if depth >= MAX_REFERENCES => Err("references that go round in a cycle".into()),
            Some(variable) => self.provider_reference(variable, depth + 1),
            None => Err(format!(
                "`{}` is not a provider declared in the program",
                access.root
            )),
        }
    }

    /// A string value.
    pub fn string(&self, term: Term<'a>) -> Value<String> {
        self.string_within(term, MAX_TEXT)
    }

    /// A string that holds a document (a key policy as JSON), which may be longer.
    pub fn document(&self, term: Term<'a>) -> Value<String> {
        self.string_within(term, MAX_DOCUMENT)
    }

    /// A string value, at most `limit` bytes long where references or `${…}` make it.
    fn string_within(&self, term: Term<'a>, limit: usize) -> Value<String> {
        let span = term.span();
        match self
            .evaluate(term)
            .and_then(|reached| self.text(reached, 0, limit))
        {
            Ok((text, None)) => Value::literal(span, text),
            Ok((text, Some(definition))) => Value::resolved(span, text, definition),
            Err(unresolved) => Value::unknown(span, unresolved.reason),
        }
    }

    /// A boolean, written as one or as the string `true` or `false`.
    pub fn boolean(&self, term: Term<'a>) -> Value<bool> {
        let value = self.string(term);
        let parsed = match value.known().map(String::as_str) {
            Some(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Some(text) if text.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        };
        let kind = match (parsed, value.kind) {
            (_, ValueKind::Unknown(reason)) => ValueKind::Unknown(reason),
            (Some(boolean), ValueKind::Literal(_)) => ValueKind::Literal(boolean),
            (Some(boolean), ValueKind::Resolved { definition, .. }) => ValueKind::Resolved {
                value: boolean,
                definition,
            },
            (None, _) => ValueKind::Unknown(Unknown("not a boolean".to_owned())),
        };
        Value {
            span: value.span,
            kind,
        }
    }

    /// A region name, or the region of a provider.
    pub fn region(&self, term: Term<'a>) -> Value<Region> {
        if let Ok(Reached::ProviderRegion(provider)) = self.evaluate(term) {
            return Value::literal(term.span(), Region::OfProvider(provider));
        }
        let value = self.string(term);
        Value {
            span: value.span,
            kind: match value.kind {
                ValueKind::Literal(name) => ValueKind::Literal(Region::Named(name)),
                ValueKind::Resolved { value, definition } => ValueKind::Resolved {
                    value: Region::Named(value),
                    definition,
                },
                ValueKind::Unknown(reason) => ValueKind::Unknown(reason),
            },
        }
    }

    /// The key a `kmsKeyArn` or `sseKmsKeyId` names.
    pub fn key(&self, term: Term<'a>) -> KeyChoice {
        let span = term.span();
        let customer = |target| KeyChoice::Customer(KeyRef { span, target });
        let some_key = |reason: String| customer(KeyTarget::Unknown(Unknown(reason)));
        let undecided = |reason: &str| KeyChoice::Unknown(Value::unknown(span, reason));
        let reached = match self.evaluate(term) {
            Ok(reached) => reached,
            Err(unresolved) if unresolved.present => return some_key(unresolved.reason),
            Err(unresolved) => return undecided(&unresolved.reason),
        };
        let written = match reached {
            Reached::KeyAttribute(key, attribute) => {
                return customer(KeyTarget::Declared { key, attribute });
            }
            Reached::AliasAttribute { alias, attribute } => {
                return customer(KeyTarget::IdOrAlias(Value::unknown(
                    span,
                    format!("the {attribute} of alias `{alias}`"),
                )));
            }
            Reached::ProviderRegion(_) | Reached::RegionResult(_) => {
                return undecided("a region, not a key");
            }
            Reached::Written { term, .. } => term.node,
        };
        match written.kind {
            NodeKind::Null => return KeyChoice::AwsOwned,
            NodeKind::Scalar(_) => {}
            _ => return undecided("neither a key id nor an ARN"),
        }
        // A string is some key even when a part of it is unknown: it is never null.
        let value = match self.text(reached, 0, MAX_TEXT) {
            Ok((text, None)) => Value::literal(span, text),
            Ok((text, Some(definition))) => Value::resolved(span, text, definition),
            Err(unresolved) => return some_key(unresolved.reason),
        };
        match value.kind {
            ValueKind::Literal(text) => KeyChoice::from_text(span, text, None),
            ValueKind::Resolved { value, definition } => {
                KeyChoice::from_text(span, value, Some(definition))
            }
            ValueKind::Unknown(reason) => some_key(reason.0),
        }
    }

    /// The document that `fn::toJSON` turns into a string, when the term is such a call or a
    /// variable that holds one.
    pub fn json_document(&self, term: Term<'a>) -> Option<Term<'a>> {
        let mut term = term;
        for _ in 0..MAX_REFERENCES {
            if !term.expression || self.budget.spend(1).is_err() {
                return None;
            }
            if let Some((function, argument)) = builtin(term.node) {
                return function[4..]
                    .eq_ignore_ascii_case("toJSON")
                    .then(|| Term::expression(argument));
            }
            let access = term
                .node
                .as_scalar()
                .and_then(interpolation::symbol)
                .filter(|access| access.path.is_empty())?;
            term = Term::expression(self.variables.get(access.root.as_str())?);
        }
        None
    }

    /// The elements of a list, each to be read in turn.
    pub fn elements(&self, term: Term<'a>) -> Result<Vec<Term<'a>>, String> {
        match self.evaluate(term) {
            Ok(Reached::Written { term, .. }) => match term.node.as_sequence() {
                Some(items) => Ok(items.iter().map(|item| term.with(item)).collect()),
                None => Err("not a list written in the program".to_owned()),
            },
            Ok(_) => Err("not a list".to_owned()),
            Err(unresolved) => Err(unresolved.reason),
        }
    }

    /// The mapping a term stands for, `None` when it is null.
    pub fn mapping(&self, term: Term<'a>) -> Result<Option<Term<'a>>, String> {
        match self.evaluate(term) {
            Ok(Reached::Written { term, .. }) => match term.node.kind {
                NodeKind::Mapping(_) => Ok(Some(term)),
                NodeKind::Null => Ok(None),
                _ => Err("not an object written in the program".to_owned()),
            },
            Ok(_) => Err("not an object".to_owned()),
            Err(unresolved) => Err(unresolved.reason),
        }
    }

    /// Starts an evaluation.
    fn evaluate(&self, term: Term<'a>) -> Result<Reached<'a>, Unresolved> {
        self.follow(term, 0)
    }

    /// Follows references and evaluates function calls until a written value or something the
    /// rules know (a provider's region, a key's attribute) is reached, once for each expression
    /// of the program.
    fn follow(&self, term: Term<'a>, depth: usize) -> Result<Reached<'a>, Unresolved> {
        let written = Reached::Written {
            term,
            referenced: false,
        };
        if !term.expression {
            return Ok(written);
        }
        if depth > MAX_REFERENCES {
            return Err(too_deep());
        }
        let followed = self.followed.get(
            std::ptr::from_ref(term.node),
            || {
                self.budget.spend(1).map_err(Unresolved::maybe_absent)?;
                if let Some((function, argument)) = builtin(term.node) {
                    return self.call(function, argument, depth + 1);
                }
                if let Some(access) = term.node.as_scalar().and_then(interpolation::symbol) {
                    return self.resolve(&access, depth + 1);
                }
                Ok(written)
            },
            cycle,
        );
        self.handed_on(followed)
    }

    /// A built-in function, by its key as written (`fn::invoke`, `Fn::Select`).
    fn call(
        &self,
        function: &str,
        argument: &'a Node,
        depth: usize,
    ) -> Result<Reached<'a>, Unresolved> {
        let name = function[4..].to_ascii_lowercase();
        match name.as_str() {
            "secret" => self.follow(Term::expression(argument), depth),
            "select" => self.select(argument, depth),
            "invoke" => {
                let field = |name| record_field(argument, name);
                let token = field("function").and_then(Node::as_scalar).ok_or_else(|| {
                    Unresolved::maybe_absent("an `fn::invoke` without a function name")
                })?;
                self.invoke(
                    token,
                    field("arguments"),
                    field("options"),
                    field("return"),
                    depth,
                )
            }
            // `fn::aws:getRegion: {…}` stands for `fn::invoke` of that function with these
            // arguments, returning the whole result.
            _ if name.contains(':') => {
                self.invoke(&function[4..], Some(argument), None, None, depth)
            }
            _ => Err(Unresolved::present(format!(
                "`{function}` is not evaluated"
            ))),
        }
    }

    /// `fn::select: [index, list]`.
    fn select(&self, argument: &'a Node, depth: usize) -> Result<Reached<'a>, Unresolved> {
        let Some([index, list]) = argument.as_sequence() else {
            return Err(Unresolved::maybe_absent(
                "an `fn::select` without an index and a list",
            ));
        };
        let index = self.follow(Term::expression(index), depth)?;
        let (index, _) = self.text(index, depth, MAX_TEXT)?;
        let index: usize = index
            .trim()
            .parse()
            .map_err(|_| Unresolved::maybe_absent("an `fn::select` index that is no number"))?;
        let list = self.follow(Term::expression(list), depth)?;
        self.step(list, &Step::Index(index), depth)
    }

    /// `aws:getRegion` through a provider; any other function's result is unknown.
    fn invoke(
        &self,
        token: &str,
        arguments: Option<&'a Node>,
        options: Option<&'a Node>,
        result_field: Option<&'a Node>,
        depth: usize,
    ) -> Result<Reached<'a>, Unresolved> {
        if normalize_function(token) != "aws:index:getRegion" {
            return Err(Unresolved::present(format!(
                "the result of `{token}`, known when deployed"
            )));
        }
        let selected = match self.region_argument(arguments, depth)? {
            Some(name) => Selected::Named(name),
            None => Selected::Provider(
                match options.and_then(|options| record_field(options, "provider")) {
                    Some(provider) => self
                        .provider_reference(provider, depth)
                        .map(|(id, _)| id)
                        .map_err(Unresolved::present)?,
                    None => self.default_provider(AwsPackage::Aws),
                },
            ),
        };
        let Some(field) = result_field else {
            return Ok(Reached::RegionResult(selected));
        };
        match field.as_scalar() {
            Some(name) if REGION_FIELDS.contains(&name) => self.selected_region(selected, depth),
            Some(name) => Err(Unresolved::present(format!(
                "`{name}` of `aws:getRegion`, known when deployed"
            ))),
            None => Err(Unresolved::maybe_absent(
                "an `fn::invoke` whose `return` is not a name",
            )),
        }
    }

    /// The argument of `aws:getRegion` that names the region it describes, `None` when it has no
    /// arguments and so describes its provider's. `name` and v7's `region` (which replaces it)
    /// name one; `endpoint` selects one known only when deployed.
    fn region_argument(
        &self,
        arguments: Option<&'a Node>,
        depth: usize,
    ) -> Result<Option<Term<'a>>, Unresolved> {
        let Some(arguments) = arguments else {
            return Ok(None);
        };
        let not_an_object =
            || Unresolved::maybe_absent("`aws:getRegion` arguments that are no object");
        let arguments = match self.follow(Term::expression(arguments), depth + 1)? {
            Reached::Written { term, .. } => term,
            _ => return Err(not_an_object()),
        };
        match &arguments.node.kind {
            NodeKind::Null => Ok(None),
            NodeKind::Mapping(entries) if entries.is_empty() => Ok(None),
            NodeKind::Mapping(_) => ["name", "region"]
                .into_iter()
                .find_map(|name| arguments.field(name))
                .map(Some)
                .ok_or_else(|| {
                    Unresolved::present(
                        "`aws:getRegion` with neither `name` nor `region` is not evaluated",
                    )
                }),
            _ => Err(not_an_object()),
        }
    }

    /// The name of the region an `aws:getRegion` call describes.
    fn selected_region(
        &self,
        selected: Selected<'a>,
        depth: usize,
    ) -> Result<Reached<'a>, Unresolved> {
        match selected {
            Selected::Provider(provider) => Ok(Reached::ProviderRegion(provider)),
            Selected::Named(name) => Ok(self.follow(name, depth + 1)?.referenced()),
        }
    }

    /// What `${root.path}` refers to: a variable, a resource's output, the project's
    /// configuration, or Pulumi's own values.
    fn resolve(&self, access: &Access, depth: usize) -> Result<Reached<'a>, Unresolved> {
        let root = access.root.as_str();
        let start = if let Some(variable) = self.variables.get(root) {
            self.follow(Term::expression(variable), depth)?
        } else if let Some(&index) = self.resource_index.get(root) {
            return self.output(&self.resources[index], &access.path);
        } else if root == "pulumi" {
            return Err(Unresolved::present(format!(
                "`{access}` is known when deployed"
            )));
        } else if root == "aws:region" && access.path.is_empty() {
            return Ok(Reached::ProviderRegion(DEFAULT_AWS));
        } else {
            match self.config.get(&self.config_key(root)) {
                Some(Setting::Written(node)) => Reached::Written {
                    term: Term::data(node),
                    referenced: true,
                },
                // The stack files would say, but the unit is one model for all of them.
                Some(Setting::PerStack) => {
                    return Err(Unresolved::maybe_absent(format!(
                        "configuration `{root}` is set by the stacks"
                    )));
                }
                // Like `config.require` in the other languages: some value, which each stack
                // sets.
                Some(Setting::Required) => {
                    return Err(Unresolved::present(format!(
                        "configuration `{root}`, required and set by each stack"
                    )));
                }
                None => {
                    return Err(Unresolved::maybe_absent(format!(
                        "`{root}` is not declared in the program"
                    )));
                }
            }
        };
        let mut reached = start.referenced();
        for step in &access.path {
            reached = self.step(reached, step, depth)?;
        }
        Ok(reached)
    }

    /// One step of an access into a value.
    fn step(
        &self,
        from: Reached<'a>,
        step: &Step,
        depth: usize,
    ) -> Result<Reached<'a>, Unresolved> {
        let (term, referenced) = match from {
            Reached::Written { term, referenced } => (term, referenced),
            Reached::RegionResult(selected) => {
                return match step {
                    Step::Property(name) if REGION_FIELDS.contains(&name.as_str()) => {
                        self.selected_region(selected, depth)
                    }
                    _ => Err(Unresolved::present(format!(
                        "`{step}` of `aws:getRegion`, known when deployed"
                    ))),
                };
            }
            _ => {
                return Err(Unresolved::maybe_absent(format!(
                    "`{step}` of a value that has no fields"
                )));
            }
        };
        let child = match (step, &term.node.kind) {
            (Step::Property(name), NodeKind::Mapping(_)) => self.field(term.node, name),
            (Step::Index(index), NodeKind::Sequence(items)) => items.get(*index),
            _ => None,
        };
        let child =
            child.ok_or_else(|| Unresolved::maybe_absent(format!("the value has no `{step}`")))?;
        let reached = self.follow(term.with(child), depth + 1)?;
        Ok(if referenced {
            reached.referenced()
        } else {
            reached
        })
    }

    /// The value of a mapping's key, looked up in an index of the mapping made the first time.
    fn field(&self, mapping: &'a Node, name: &str) -> Option<&'a Node> {
        let mut fields = self.fields.borrow_mut();
        let index = fields
            .entry(std::ptr::from_ref(mapping))
            .or_insert_with(|| {
                mapping
                    .entries()
                    .iter()
                    .map(|entry| (entry.key.as_str(), &entry.value))
                    .collect()
            });
        index.get(name).copied()
    }

    /// An attribute of a resource: a declared key's ARN or id, an alias's name or ARN, or an
    /// output known once deployed.
    fn output(
        &self,
        resource: &YamlResource<'a>,
        path: &[Step],
    ) -> Result<Reached<'a>, Unresolved> {
        let name = resource.name;
        if resource.kind == Kind::Alias
            && let [Step::Property(attribute)] = path
            && let Some(attribute) = alias_attribute(attribute)
        {
            return Ok(Reached::AliasAttribute {
                alias: name,
                attribute,
            });
        }
        let Some(&key) = self.keys.get(name) else {
            return Err(Unresolved::present(format!(
                "an output of resource `{name}`, known once deployed"
            )));
        };
        match path {
            [Step::Property(attribute)] => match attribute.as_str() {
                "arn" => Ok(Reached::KeyAttribute(key, KeyAttribute::Arn)),
                "id" | "keyId" => Ok(Reached::KeyAttribute(key, KeyAttribute::KeyId)),
                other => Err(Unresolved::present(format!(
                    "`{other}` of key `{name}`, known once deployed"
                ))),
            },
            _ => Err(Unresolved::present(format!(
                "key `{name}` itself, not one of its attributes"
            ))),
        }
    }

    /// The text of a reached value, with where it is written when that was reached through a
    /// reference, at most `limit` bytes long where references or `${…}` make it.
    fn text(
        &self,
        reached: Reached<'a>,
        depth: usize,
        limit: usize,
    ) -> Result<(String, Option<Span>), Unresolved> {
        let (term, referenced) = match reached {
            Reached::Written { term, referenced } => (term, referenced),
            Reached::ProviderRegion(_) => {
                return Err(Unresolved::present(
                    "the region a provider deploys to, known when deployed",
                ));
            }
            Reached::RegionResult(_) => {
                return Err(Unresolved::present(
                    "the result of `aws:getRegion`, not a string",
                ));
            }
            Reached::KeyAttribute(key, attribute) => {
                let name = self.key_names.get(key.0).copied().unwrap_or_default();
                let attribute = match attribute {
                    KeyAttribute::Arn => "ARN",
                    KeyAttribute::KeyId => "id",
                };
                return Err(Unresolved::present(format!(
                    "the {attribute} of key `{name}`, known once deployed"
                )));
            }
            Reached::AliasAttribute { alias, attribute } => {
                return Err(Unresolved::present(format!(
                    "the {attribute} of alias `{alias}`, known once deployed"
                )));
            }
        };
        let definition = referenced.then_some(term.span());
        let written = match &term.node.kind {
            NodeKind::Scalar(text) => text,
            NodeKind::Null => return Err(Unresolved::maybe_absent("null, not a string")),
            NodeKind::Sequence(_) => return Err(Unresolved::present("a list, not a string")),
            _ => return Err(Unresolved::present("an object, not a string")),
        };
        // Text written where it is used is taken whole; text that a reference or an
        // interpolation yields is bounded, since one definition may be used without end.
        let mut text = String::new();
        let first_definition = if term.expression && written.contains('$') {
            let (built, first_definition) = self.interpolated(term.node, written, depth)?;
            self.pay(&mut text, &built, limit)?;
            first_definition
        } else {
            self.pay(
                &mut text,
                written,
                if referenced { limit } else { usize::MAX },
            )?;
            None
        };
        Ok((text, definition.or(first_definition)))
    }

    /// The text of a string with `${…}`, and where the first reference in it leads; computed
    /// once for each such string of the program, up to the length of the longest string a
    /// reader takes (a key policy's), and bounded again by each reader.
    fn interpolated(
        &self,
        node: &'a Node,
        written: &str,
        depth: usize,
    ) -> Result<(String, Option<Span>), Unresolved> {
        if depth > MAX_REFERENCES {
            return Err(too_deep());
        }
        let interpolated = self.interpolated.get(
            std::ptr::from_ref(node),
            || {
                let parts = interpolation::parse(written)
                    .map_err(|problem| Unresolved::present(format!("a string with {problem}")))?;
                let mut joined = String::new();
                let mut first_definition = None;
                for part in parts {
                    match part {
                        Part::Text(text) => self.pay(&mut joined, &text, MAX_DOCUMENT)?,
                        Part::Access(access) => {
                            let reached = self.resolve(&access, depth + 1)?;
                            let (text, definition) = self.text(reached, depth + 1, MAX_DOCUMENT)?;
                            self.pay(&mut joined, &text, MAX_DOCUMENT)?;
                            first_definition = first_definition.or(definition);
                        }
                    }
                }
                Ok((joined, first_definition))
            },
            cycle,
        );
        self.handed_on(interpolated)
    }

    /// A result kept for an expression, handed on to one more value that refers to it. Why it
    /// is unknown may quote the program (a name of any length), and every value that refers to
    /// it gets a copy: each copy is paid for like text.
    fn handed_on<T>(&self, result: Result<T, Unresolved>) -> Result<T, Unresolved> {
        let Err(unresolved) = result else {
            return result;
        };
        match self
            .budget
            .push(&mut String::new(), &unresolved.reason, usize::MAX)
        {
            Ok(()) => Err(unresolved),
            Err(spent) => Err(Unresolved {
                reason: spent,
                ..unresolved
            }),
        }
    }

    /// Appends a part to a text, within the budget and the text's bound.
    fn pay(&self, text: &mut String, part: &str, limit: usize) -> Result<(), Unresolved> {
        self.budget
            .push(text, part, limit)
            .map_err(Unresolved::present)
    }
}

/// How an output of an alias that stands for no key's ARN reads, in words: the alias's ARN, its
/// name (which is also its `id`), the id of the key it targets. `targetKeyArn` is some key's ARN.
fn alias_attribute(output: &str) -> Option<&'static str> {
    match output {
        "arn" => Some("ARN"),
        "name" | "id" => Some("name"),
        "targetKeyId" => Some("target key id"),
        _ => None,
    }
}

/// Why a value met again while it is being followed is unknown.
fn cycle<T>() -> Result<T, Unresolved> {
    Err(Unresolved::maybe_absent(
        "references that go round in a cycle",
    ))
}

fn too_deep() -> Unresolved {
    Unresolved::maybe_absent(format!("a chain of more than {MAX_REFERENCES} references"))
}

fn resource<'a>(name: &'a str, name_span: Span, declaration: &'a Node) -> YamlResource<'a> {
    let type_token = record_field(declaration, "type")
        .and_then(Node::as_scalar)
        .unwrap_or_default();
    // A resource with `get` reads an existing one: it declares nothing, and its inputs are not
    // written in the program. An alias read so still names its key by an alias.
    let kind = match Kind::of(type_token) {
        Kind::Alias => Kind::Alias,
        _ if record_field(declaration, "get").is_some() => Kind::Other,
        kind => kind,
    };
    YamlResource {
        name,
        name_span,
        kind,
        properties: record_field(declaration, "properties"),
        options: record_field(declaration, "options"),
        default_provider: record_field(declaration, "defaultProvider")
            .and_then(Node::as_scalar)
            .is_some_and(|flag| flag.eq_ignore_ascii_case("true")),
    }
}

/// A configuration entry of the project file: a plain value, or a declaration with a `value`
/// (for another package's key) or a `default`.
fn setting(value: &Node) -> Setting<'_> {
    const DECLARATION_FIELDS: &[&str] =
        &["type", "description", "items", "default", "value", "secret"];
    let is_declaration = value.is_mapping()
        && !value.entries().is_empty()
        && value.entries().iter().all(|entry| {
            DECLARATION_FIELDS
                .iter()
                .any(|field| entry.key.eq_ignore_ascii_case(field))
        });
    if !is_declaration {
        return Setting::Written(value);
    }
    match record_field(value, "value").or_else(|| record_field(value, "default")) {
        Some(written) => Setting::Written(written),
        None => Setting::Required,
    }
}
