//! Terraform plans, as `terraform show -json PLANFILE` prints them (Terraform's JSON Output
//! Format, `format_version` 0.x and 1.x), recognised by content: a `format_version` beside
//! `planned_values` or `resource_changes`.
//!
//! Terraform has resolved everything in a plan (registry modules, variables, `count` and
//! `for_each`), so the model is read from values rather than from expressions. A plan gives two
//! units:
//!
//! - the planned one, from `planned_values` (the root module and its `child_modules`), which the
//!   state rules check: each resource instance by its address, the provider that deploys it
//!   from `configuration` (`provider_config_key`, which Terraform already follows through the
//!   modules' provider mappings, and the configuration's `region`);
//! - the prior one, from each resource change's `before`, which the change rules compare the
//!   planned one with, as `--base` compares two revisions ([`Prior`]).
//!
//! A value known only after apply is absent or null in the plan's values and marked in the
//! change's `after_unknown`: it is unknown, never the absence it looks like (an absent key is
//! no AWS-owned key). The JSON is read with the span-keeping reader the CloudFormation
//! front-end uses, so that findings point into the plan file.

use std::collections::HashMap;

use crate::frontend::document::{self, Node, NodeKind};
use crate::frontend::key_policy;
use crate::frontend::{Parsed, Prior, UnitFile};
use crate::input_error::InputError;
use crate::model::{
    Deployment, Engine, Format, Key, KeyArn, KeyAttribute, KeyChoice, KeyId, KeyRef, KeyResource,
    KeyTarget, Protection, Provider, ProviderId, ProviderRegion, Region, RegionEntry, RegionSyntax,
    Regions, Renames, ReplicationSet, Schema, Tag, Unit, Value, arn_region,
};
use crate::source::Span;

/// What the change rules call the state a plan changes from, in their messages ("exists at the
/// prior state and is deleted by this change").
pub const PRIOR_STATE: &str = "the prior state";

/// Why a value of the plan is unknown.
const AFTER_APPLY: &str = "known only after apply";

/// Whether a file starts as `terraform show -json` starts a plan: `{"format_version":`, in one
/// line or formatted.
pub fn starts_like_one(start: &[u8]) -> bool {
    let inside = start.trim_ascii_start().strip_prefix(b"{");
    inside.is_some_and(|inside| inside.trim_ascii_start().starts_with(b"\"format_version\""))
}

/// Reads a plan, or `None` when the file is no plan (a template, a state, any other JSON): the
/// CloudFormation front-end reads those.
pub fn parse(file: UnitFile) -> Option<Parsed> {
    let text = &file.source.text;
    // Most JSON files are no plan: a look at the text spares them a second parse.
    let may_be_a_plan = text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\""));
    if !may_be_a_plan {
        return None;
    }
    // A file that does not parse is reported by the template reader, with the same message.
    let document = document::read(file.id, text).ok()?;
    let root = document.root.as_ref()?;
    let version = root.get("format_version")?;
    if root.get("planned_values").is_none() && root.get("resource_changes").is_none() {
        return None;
    }
    let error = |span, message| InputError {
        path: file.source.display_path.clone(),
        span: Some(span),
        message,
    };
    let mut errors: Vec<InputError> = document
        .repeated_keys
        .into_iter()
        .map(|repeated| error(repeated.span, repeated.message))
        .collect();
    let major = version.as_scalar().and_then(|v| v.split('.').next());
    if !matches!(major, Some("0" | "1")) {
        errors.push(error(
            version.span,
            "a plan of a JSON output format version irlint does not read (it reads 0.x and 1.x)"
                .to_owned(),
        ));
        return Some(Parsed {
            unit: None,
            prior: None,
            errors,
            unread: Vec::new(),
        });
    }
    let plan = Plan::new(root, &mut |span, message| errors.push(error(span, message)));
    let name = file.source.display_path.clone();
    let unit = Builder::new(&plan).planned(name.clone());
    let prior = Builder::new(&plan).prior(name);
    Some(Parsed {
        unit: Some(unit),
        prior: Some(prior),
        errors,
        unread: Vec::new(),
    })
}

/// The replication set types irlint reads, with the schema each follows.
fn set_schema(type_name: &str) -> Option<Schema> {
    match type_name {
        "aws_ssmincidents_replication_set" => Some(Schema::Terraform),
        "awscc_ssmincidents_replication_set" => Some(Schema::CloudFormation),
        _ => None,
    }
}

/// The KMS key types irlint reads.
fn key_resource(type_name: &str) -> Option<KeyResource> {
    match type_name {
        "aws_kms_key" | "awscc_kms_key" => Some(KeyResource::Key),
        "aws_kms_replica_key" | "awscc_kms_replica_key" => Some(KeyResource::ReplicaKey),
        "aws_kms_external_key" => Some(KeyResource::ExternalKey),
        _ => None,
    }
}

/// A resource instance of the plan: one of `planned_values`, or the `before` of a change.
#[derive(Clone, Copy)]
struct Instance<'a> {
    /// Its absolute address (`module.im.aws_kms_key.east[0]`).
    address: &'a str,
    /// Where the address is written: what findings about the resource point at.
    span: Span,
    /// The address of the module instance that holds it (`module.im`), empty in the root.
    module: &'a str,
    type_name: &'a str,
    /// Its local name (`east` of `aws_kms_key.east`).
    name: &'a str,
    values: Planned<'a>,
}

impl<'a> Instance<'a> {
    /// A resource object of `planned_values` or of `resource_changes` (whose `values` are the
    /// change's `before` or `after`), when it is a managed resource with an address.
    fn read(resource: &'a Node, module: &'a str, values: Planned<'a>) -> Option<Instance<'a>> {
        let text = |name| resource.get(name).and_then(Node::as_scalar);
        if text("mode").is_some_and(|mode| mode != "managed") {
            return None;
        }
        let address = resource.get("address")?;
        Some(Instance {
            address: address.as_scalar()?,
            span: address.span,
            module,
            type_name: text("type")?,
            name: text("name").unwrap_or_default(),
            values,
        })
    }

    /// Its address within its module (`aws_kms_key.east[0]`), as the module's code names it.
    fn local_address(&self) -> &'a str {
        match self.module {
            "" => self.address,
            module => self
                .address
                .strip_prefix(module)
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or(self.address),
        }
    }
}

/// A value of the plan with the part of `after_unknown` at the same place, which says what of
/// it is known only after apply (where the value itself is absent or null).
#[derive(Clone, Copy)]
struct Planned<'a> {
    node: Option<&'a Node>,
    unknown: Option<&'a Node>,
    /// The node's span, or the nearest enclosing node's when it is absent.
    span: Span,
}

/// A scalar of the plan, as far as it is known.
enum Read<'a> {
    Known(&'a str),
    /// Null or absent, and not unknown.
    Null,
    Unknown(&'static str),
}

impl<'a> Planned<'a> {
    fn new(node: &'a Node, unknown: Option<&'a Node>) -> Self {
        Planned {
            node: Some(node),
            unknown,
            span: node.span,
        }
    }

    /// Whether the whole value is known only after apply.
    fn is_unknown(&self) -> bool {
        self.unknown.and_then(Node::as_scalar) == Some("true")
    }

    fn field(self, name: &str) -> Planned<'a> {
        let node = self.node.and_then(|node| node.get(name));
        let unknown = match self.is_unknown() {
            true => self.unknown,
            false => self.unknown.and_then(|unknown| unknown.get(name)),
        };
        Planned {
            node,
            unknown,
            span: node.map_or(self.span, |node| node.span),
        }
    }

    /// The first of these fields that the value has (or that is unknown).
    fn first_field(self, names: &[&str]) -> Option<Planned<'a>> {
        names.iter().map(|name| self.field(name)).find(|field| {
            field.node.is_some_and(|node| node.kind != NodeKind::Null) || field.is_unknown()
        })
    }

    /// The elements of a list, each with its part of `after_unknown` (Terraform lists it for
    /// every element, in order); `None` when the list is unknown or no list.
    fn elements(self) -> Option<Vec<Planned<'a>>> {
        if self.is_unknown() {
            return None;
        }
        let items = self.node?.as_sequence()?;
        let unknowns = self.unknown.and_then(Node::as_sequence).unwrap_or_default();
        Some(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| Planned::new(item, unknowns.get(index)))
                .collect(),
        )
    }

    fn text(self) -> Read<'a> {
        if self.is_unknown() {
            return Read::Unknown(AFTER_APPLY);
        }
        match self.node.map(|node| &node.kind) {
            Some(NodeKind::Scalar(text)) => Read::Known(text),
            None | Some(NodeKind::Null) => Read::Null,
            Some(_) => Read::Unknown("not a single value"),
        }
    }

    /// A string attribute: `None` when it is null.
    fn string(self) -> Option<Value<String>> {
        match self.text() {
            Read::Known(text) => Some(Value::literal(self.span, text.to_owned())),
            Read::Null => None,
            Read::Unknown(reason) => Some(Value::unknown(self.span, reason)),
        }
    }

    /// A boolean attribute: `None` when it is null.
    fn boolean(self) -> Option<Value<bool>> {
        match self.text() {
            Read::Known("true") => Some(Value::literal(self.span, true)),
            Read::Known("false") => Some(Value::literal(self.span, false)),
            Read::Known(_) => Some(Value::unknown(self.span, "not a boolean")),
            Read::Null => None,
            Read::Unknown(reason) => Some(Value::unknown(self.span, reason)),
        }
    }
}

/// A resource change of the plan, for the instance at its address.
struct Change<'a> {
    entry: &'a Node,
    change: &'a Node,
    module: &'a str,
}

impl<'a> Change<'a> {
    fn actions(&self) -> Vec<&'a str> {
        let actions = self.change.get("actions").and_then(Node::as_sequence);
        actions
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_scalar)
            .collect()
    }

    /// The instance as it is before the change, when it exists before and the change is one
    /// irlint knows: a change it does not know (a state-only `forget`) is not compared.
    fn before(&self) -> Option<Instance<'a>> {
        let actions = self.actions();
        let known = ["no-op", "create", "read", "update", "delete"];
        if actions.is_empty() || !actions.iter().all(|action| known.contains(action)) {
            return None;
        }
        let before = self
            .change
            .get("before")
            .filter(|before| before.is_mapping())?;
        Instance::read(self.entry, self.module, Planned::new(before, None))
    }

    /// Whether the change deletes the object to create another in its place.
    fn replaces(&self) -> bool {
        let actions = self.actions();
        actions.contains(&"delete") && actions.contains(&"create")
    }
}

/// The parts of the plan the units are built from, indexed.
struct Plan<'a> {
    root: &'a Node,
    /// The instances of `planned_values`.
    planned: Vec<Instance<'a>>,
    /// The changes of the instances' current objects (not of deposed ones), in plan order.
    changes: Vec<Change<'a>>,
    /// `configuration.provider_config`, by key.
    provider_configs: HashMap<&'a str, &'a document::Entry>,
    /// The configuration of each resource, by its module's path (`module.a.module.b`, instance
    /// keys left out; empty for the root) and its local address (`aws_kms_key.east`).
    configured: HashMap<(String, String), &'a Node>,
}

/// Reports the parts of a plan that do not have the shape the format gives them: such a part is
/// left out. A null one is as absent.
struct Shapes<'e> {
    error: &'e mut dyn FnMut(Span, String),
}

impl Shapes<'_> {
    fn object<'a>(&mut self, node: Option<&'a Node>, what: &str) -> Option<&'a Node> {
        let node = node.filter(|node| node.kind != NodeKind::Null)?;
        if !node.is_mapping() {
            let message = format!("{what} is not an object: irlint does not read it");
            (self.error)(node.span, message);
            return None;
        }
        Some(node)
    }

    fn list<'a>(&mut self, node: Option<&'a Node>, what: &str) -> &'a [Node] {
        let Some(node) = node.filter(|node| node.kind != NodeKind::Null) else {
            return &[];
        };
        node.as_sequence().unwrap_or_else(|| {
            let message = format!("{what} is not a list: irlint does not read it");
            (self.error)(node.span, message);
            &[]
        })
    }
}

impl<'a> Plan<'a> {
    /// Indexes the plan; a part of the wrong shape is reported with `error` and left out.
    fn new(root: &'a Node, error: &mut dyn FnMut(Span, String)) -> Plan<'a> {
        let mut plan = Plan {
            root,
            planned: Vec::new(),
            changes: Vec::new(),
            provider_configs: HashMap::new(),
            configured: HashMap::new(),
        };
        let mut shapes = Shapes { error };
        plan.index_changes(&mut shapes);
        plan.index_planned_values(&mut shapes);
        plan.index_configuration(&mut shapes);
        plan
    }

    fn index_changes(&mut self, shapes: &mut Shapes) {
        let changes = shapes.list(self.root.get("resource_changes"), "`resource_changes`");
        for entry in changes {
            let Some(entry) = shapes.object(Some(entry), "a resource change") else {
                continue;
            };
            let Some(change) = shapes.object(entry.get("change"), "a resource change's `change`")
            else {
                continue;
            };
            // A deposed object is an old copy left by a replacement, not the resource.
            if entry.get("deposed").is_some() {
                continue;
            }
            let module = entry.get("module_address").and_then(Node::as_scalar);
            self.changes.push(Change {
                entry,
                change,
                module: module.unwrap_or_default(),
            });
        }
    }

    /// Reads the instances of `planned_values`, each with its change's `after_unknown`.
    fn index_planned_values(&mut self, shapes: &mut Shapes) {
        let after_unknown: HashMap<&str, &Node> = (self.changes.iter())
            .filter_map(|change| {
                let address = change.entry.get("address")?.as_scalar()?;
                Some((address, change.change.get("after_unknown")?))
            })
            .collect();
        let values = shapes.object(self.root.get("planned_values"), "`planned_values`");
        let root_module = values.and_then(|values| {
            shapes.object(values.get("root_module"), "`planned_values.root_module`")
        });
        let mut modules: Vec<&Node> = root_module.into_iter().collect();
        while let Some(module) = modules.pop() {
            let address = module.get("address").and_then(Node::as_scalar);
            for resource in shapes.list(module.get("resources"), "a module's `resources`") {
                let Some(resource) = shapes.object(Some(resource), "a resource") else {
                    continue;
                };
                let Some(values) = resource.get("values").filter(|v| v.is_mapping()) else {
                    continue;
                };
                let unknown = (resource.get("address").and_then(Node::as_scalar))
                    .and_then(|address| after_unknown.get(address).copied());
                let values = Planned::new(values, unknown);
                let module = address.unwrap_or_default();
                self.planned
                    .extend(Instance::read(resource, module, values));
            }
            let children = shapes.list(module.get("child_modules"), "a module's `child_modules`");
            for child in children {
                modules.extend(shapes.object(Some(child), "a child module"));
            }
        }
        // Children were taken last in, first out: back in the plan's order.
        self.planned.sort_by_key(|instance| instance.span.start);
    }

    /// Reads the provider configurations and each module's resources, by module path.
    fn index_configuration(&mut self, shapes: &mut Shapes) {
        let configuration = shapes.object(self.root.get("configuration"), "`configuration`");
        let Some(configuration) = configuration else {
            return;
        };
        let providers = shapes.object(
            configuration.get("provider_config"),
            "`configuration.provider_config`",
        );
        for entry in providers.map(Node::entries).unwrap_or_default() {
            self.provider_configs.insert(entry.key.as_str(), entry);
        }
        let root_module = configuration.get("root_module");
        let mut modules: Vec<(String, &Node)> = root_module
            .map(|module| (String::new(), module))
            .into_iter()
            .collect();
        while let Some((path, module)) = modules.pop() {
            let resources = module.get("resources").and_then(Node::as_sequence);
            for resource in resources.unwrap_or_default() {
                if let Some(address) = resource.get("address").and_then(Node::as_scalar) {
                    let key = (path.clone(), address.to_owned());
                    self.configured.insert(key, resource);
                }
            }
            let calls = module.get("module_calls").map(Node::entries);
            for call in calls.unwrap_or_default() {
                if let Some(child) = call.value.get("module") {
                    let child_path = match path.as_str() {
                        "" => format!("module.{}", call.key),
                        parent => format!("{parent}.module.{}", call.key),
                    };
                    modules.push((child_path, child));
                }
            }
        }
    }

    /// The configuration of an instance's resource.
    fn configuration(&self, instance: &Instance) -> Option<&'a Node> {
        let local = format!("{}.{}", instance.type_name, instance.name);
        let key = (module_path(instance.module), local);
        self.configured.get(&key).copied()
    }

    /// The value of a root module variable, as the plan was made with it.
    fn variable(&self, name: &str) -> Option<&'a Node> {
        self.root.get("variables")?.get(name)?.get("value")
    }
}

/// The path of a module in the configuration (`module.a.module.b`): its instance address
/// (`module.a["x"].module.b[0]`) without the instance keys.
fn module_path(instance: &str) -> String {
    let mut path = String::with_capacity(instance.len());
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for c in instance.chars() {
        match (depth, quoted, escaped, c) {
            (_, true, true, _) => escaped = false,
            (_, true, false, '\\') => escaped = true,
            (_, true, false, '"') => quoted = false,
            (_, true, false, _) => {}
            (_, false, _, '"') if depth > 0 => quoted = true,
            (_, false, _, '[') => depth += 1,
            (_, false, _, ']') => depth = depth.saturating_sub(1),
            (0, false, _, c) => path.push(c),
            _ => {}
        }
    }
    path
}

/// Turns the instances of one side of the plan into a unit, creating providers as resources
/// use them.
struct Builder<'p, 'a> {
    plan: &'p Plan<'a>,
    providers: Vec<Provider>,
    provider_ids: HashMap<String, ProviderId>,
}

impl<'p, 'a> Builder<'p, 'a> {
    fn new(plan: &'p Plan<'a>) -> Self {
        Builder {
            plan,
            providers: Vec::new(),
            provider_ids: HashMap::new(),
        }
    }

    /// The unit of `planned_values`.
    fn planned(self, name: String) -> Unit {
        let plan = self.plan;
        self.unit(name, &plan.planned)
    }

    /// The unit of the changes' `before`, and the sets the plan replaces.
    fn prior(self, name: String) -> Prior {
        let plan = self.plan;
        let instances: Vec<Instance> = plan.changes.iter().filter_map(Change::before).collect();
        let replaced = (plan.changes.iter())
            .filter(|change| change.replaces())
            .filter_map(|change| change.before())
            .filter(|instance| set_schema(instance.type_name).is_some())
            .map(|instance| instance.address.to_owned())
            .collect();
        Prior {
            unit: self.unit(name, &instances),
            replaced,
        }
    }

    fn unit(mut self, name: String, instances: &[Instance<'a>]) -> Unit {
        let declared: Vec<(&Instance<'a>, KeyResource)> = (instances.iter())
            .filter_map(|instance| Some((instance, key_resource(instance.type_name)?)))
            .collect();
        let known = KnownKeys::of(declared.iter().map(|(instance, _)| *instance));
        let keys = (declared.iter())
            .map(|(instance, resource)| self.key(instance, *resource))
            .collect();
        let replication_sets = (instances.iter())
            .filter_map(|instance| Some((instance, set_schema(instance.type_name)?)))
            .map(|(instance, schema)| self.replication_set(instance, schema, &known))
            .collect();
        Unit {
            format: Format::TerraformPlan,
            engine: Engine::Terraform,
            key_arn: KeyArn::TERRAFORM,
            name,
            replication_sets,
            keys,
            providers: self.providers,
            deployments: vec![Deployment::default()],
            // Read only for the deprecated region syntax, which a plan does not show.
            aws_provider_major: None,
            suppressions: Vec::new(),
            renames: Renames::default(),
            module_calls: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// The provider configuration that deploys an instance: the one its configuration names
    /// (through the modules' provider mappings, which Terraform has followed), else its
    /// module's default one.
    fn provider(&mut self, instance: &Instance) -> ProviderId {
        let configured = self.plan.configuration(instance);
        let key = configured
            .and_then(|resource| resource.get("provider_config_key"))
            .and_then(Node::as_scalar)
            .map(str::to_owned)
            .unwrap_or_else(|| {
                let local = instance.type_name.split('_').next().unwrap_or_default();
                match module_path(instance.module).as_str() {
                    "" => local.to_owned(),
                    module => format!("{module}:{local}"),
                }
            });
        if let Some(id) = self.provider_ids.get(&key) {
            return *id;
        }
        let config = self.plan.provider_configs.get(key.as_str()).copied();
        let region = match config {
            Some(config) => self.provider_region(&config.value),
            // A key the plan does not configure: the provider takes its region from the
            // environment Terraform ran in.
            None => ProviderRegion::Deployment,
        };
        let name = match key.split_once(':') {
            Some((module, local)) => format!("provider `{local}` of `{module}`"),
            None => format!("provider `{key}`"),
        };
        let id = ProviderId(self.providers.len());
        self.providers.push(Provider {
            name,
            span: config.map(|config| config.key_span),
            region,
        });
        self.provider_ids.insert(key, id);
        id
    }

    /// A provider configuration's region: a constant, or a root module variable the region is
    /// given as (`region = var.region`, whose value the plan holds).
    fn provider_region(&self, config: &'a Node) -> ProviderRegion {
        let Some(region) = config.get("expressions").and_then(|e| e.get("region")) else {
            return ProviderRegion::Deployment;
        };
        if let Some(constant) = region.get("constant_value") {
            let value = match constant.as_scalar() {
                Some(name) => Value::literal(constant.span, name.to_owned()),
                None => Value::unknown(constant.span, "a region that is not a string"),
            };
            return ProviderRegion::written(value, ProviderRegion::Deployment);
        }
        let references: Vec<&str> = (region.get("references").and_then(Node::as_sequence))
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_scalar)
            .collect();
        let in_root = config.get("module_address").is_none();
        let variable = match references.as_slice() {
            [reference] if in_root => reference.strip_prefix("var."),
            _ => None,
        };
        let value = variable
            .and_then(|name| self.plan.variable(name))
            .and_then(|value| Some((value.as_scalar()?, value.span)));
        ProviderRegion::written(
            match value {
                Some((name, definition)) => {
                    Value::resolved(region.span, name.to_owned(), definition)
                }
                None if references.is_empty() => {
                    Value::unknown(region.span, "a region the configuration does not hold")
                }
                None => Value::unknown(
                    region.span,
                    format!("a region computed from {}", references.join(", ")),
                ),
            },
            ProviderRegion::Deployment,
        )
    }

    fn key(&mut self, instance: &Instance<'a>, resource: KeyResource) -> Key {
        let values = instance.values;
        let provider = self.provider(instance);
        let string = |names: &[&str]| values.first_field(names).and_then(Planned::string);
        // Its ARN names its region; provider v6 also gives each resource a `region` of its own.
        let (arn, own_region) = (values.field("arn"), values.field("region"));
        let region_of_arn = match arn.text() {
            Read::Known(text) => arn_region(text),
            _ => None,
        };
        let region = match (region_of_arn, own_region.text()) {
            (Some(name), _) => Value::literal(arn.span, Region::Named(name.to_owned())),
            (None, Read::Known(name)) => {
                Value::literal(own_region.span, Region::Named(name.to_owned()))
            }
            _ => Value::literal(instance.span, Region::OfProvider(provider)),
        };
        // A key without a policy of its own has the default one (`None`).
        let policy = values.first_field(&["policy", "key_policy"]);
        let policy = policy.and_then(|policy| match policy.text() {
            Read::Known(text) => Some(key_policy::read_json(policy.span, text, None)),
            Read::Null => None,
            Read::Unknown(reason) => Some(Value::unknown(policy.span, reason)),
        });
        Key {
            identity: instance.address.to_owned(),
            name_in_code: Some(instance.local_address().to_owned()),
            span: instance.span,
            resource,
            region,
            spec: string(&["customer_master_key_spec", "key_spec"]),
            usage: string(&["key_usage"]),
            origin: match resource {
                KeyResource::ExternalKey => {
                    Some(Value::literal(instance.span, "EXTERNAL".to_owned()))
                }
                _ => string(&["origin"]),
            },
            enabled: values
                .first_field(&["is_enabled", "enabled"])
                .and_then(Planned::boolean),
            custom_key_store: string(&["custom_key_store_id"]),
            policy,
            kept_on_removal: false,
        }
    }

    fn replication_set(
        &mut self,
        instance: &Instance<'a>,
        schema: Schema,
        keys: &KnownKeys,
    ) -> ReplicationSet {
        let values = instance.values;
        let provider = self.provider(instance);
        let (regions, deletion_protection, tags) = match schema {
            Schema::Terraform => (
                self.regions(instance, keys),
                // Terraform's `deletion_protected` is read-only.
                Protection::NotSettable,
                map_tags(values.field("tags")),
            ),
            Schema::CloudFormation => (
                cloud_control_regions(values.field("regions"), keys),
                match values.field("deletion_protected").boolean() {
                    Some(value) => Protection::Set(value),
                    None => Protection::Absent,
                },
                list_tags(values.field("tags")),
            ),
        };
        ReplicationSet {
            identity: instance.address.to_owned(),
            span: instance.span,
            schema,
            regions,
            // How the code writes the regions is the source's: a plan holds values.
            region_syntax: RegionSyntax::default(),
            deletion_protection,
            tags,
            // Terraform plans only arguments its providers accept: a plan holds values, not
            // how the code writes them.
            arguments: None,
            provider,
            // A plan records the provider's configuration key, not where the code chose it.
            provider_chosen: None,
            deployment: None,
            instances: Value::literal(instance.span, 1),
            kept_on_removal: false,
        }
    }

    /// The regions of the AWS provider's set: `regions` (provider v6), else the `region`
    /// list of provider v5 (which v6 still takes, deprecated).
    fn regions(&self, instance: &Instance<'a>, keys: &KnownKeys) -> Regions {
        let values = instance.values;
        let lists = [values.field("regions"), values.field("region")];
        let listed = lists.iter().find_map(|list| {
            let elements = list.elements()?;
            (!elements.is_empty()).then_some(elements)
        });
        let Some(elements) = listed else {
            return match lists.iter().find(|list| list.is_unknown()) {
                Some(list) => Regions::Unknown(Value::unknown(list.span, AFTER_APPLY)),
                None => Regions::Listed(Vec::new()),
            };
        };
        let configured = self.configured_keys(instance, keys);
        let entries = elements
            .into_iter()
            .map(|element| {
                let name = region_name(element.field("name"), element.span);
                let arn = element.field("kms_key_arn");
                let key = match arn.text() {
                    Read::Known(text) => key_choice(arn.span, text, keys),
                    // The provider's default: the AWS-owned key.
                    Read::Null => KeyChoice::AwsOwned,
                    Read::Unknown(reason) => {
                        let configured = match name.known() {
                            Some(Region::Named(name)) => configured.get(name.as_str()).copied(),
                            _ => None,
                        };
                        match configured.flatten() {
                            Some(key) => KeyChoice::Customer(KeyRef {
                                span: element.span,
                                target: KeyTarget::Declared {
                                    key,
                                    attribute: KeyAttribute::Arn,
                                },
                            }),
                            None => KeyChoice::Unknown(Value::unknown(arn.span, reason)),
                        }
                    }
                };
                RegionEntry {
                    span: element.span,
                    name,
                    key,
                    may_be_absent: false,
                }
            })
            .collect();
        Regions::Listed(entries)
    }

    /// The key each region's `kms_key_arn` names in the set's configuration, by the region's
    /// name, for the values known only after apply (a key the same plan creates): the one
    /// region block of that name whose `kms_key_arn` refers to nothing but the ARN of one key of
    /// the set's module. `None` for a name that several blocks have.
    fn configured_keys(
        &self,
        set: &Instance<'a>,
        keys: &KnownKeys,
    ) -> HashMap<&'a str, Option<KeyId>> {
        let mut configured = HashMap::new();
        let expressions = self
            .plan
            .configuration(set)
            .and_then(|c| c.get("expressions"));
        let blocks = ["regions", "region"]
            .iter()
            .filter_map(|name| expressions?.get(name)?.as_sequence())
            .flatten();
        for block in blocks {
            let name = block
                .get("name")
                .and_then(|name| name.get("constant_value"));
            let Some(name) = name.and_then(Node::as_scalar) else {
                continue;
            };
            let key = block
                .get("kms_key_arn")
                .and_then(|arn| referenced_key(arn, set.module, keys));
            configured
                .entry(name)
                .and_modify(|repeated| *repeated = None)
                .or_insert(key);
        }
        configured
    }
}

/// The key of the module an expression of the configuration reads the ARN of, when it refers
/// to nothing else. Terraform lists each reference with the objects it goes through:
/// `aws_kms_key.k[0].arn`, `aws_kms_key.k[0]`, `aws_kms_key.k`.
fn referenced_key(expression: &Node, module: &str, keys: &KnownKeys) -> Option<KeyId> {
    let references = expression.get("references")?.as_sequence()?;
    let mut named: Vec<&str> = Vec::new();
    for reference in references {
        let reference = reference.as_scalar()?;
        named.push(reference.strip_suffix(".arn").unwrap_or(reference));
    }
    let key = *named.iter().max_by_key(|name| name.len())?;
    let unindexed = key.split('[').next().unwrap_or(key);
    if !named.iter().all(|name| *name == key || *name == unindexed) {
        return None;
    }
    let address = match module {
        "" => key.to_owned(),
        module => format!("{module}.{key}"),
    };
    keys.by_address.get(address.as_str()).copied()
}

/// The keys of a unit (in the order of [`Unit::keys`]) by what tells the sets that use them
/// which they are: their addresses, and their ARNs and key ids where the plan knows them. A
/// value two keys share names the first.
#[derive(Default)]
struct KnownKeys<'a> {
    by_address: HashMap<&'a str, KeyId>,
    by_arn: HashMap<&'a str, KeyId>,
    by_key_id: HashMap<&'a str, KeyId>,
}

impl<'a> KnownKeys<'a> {
    fn of<'i>(instances: impl Iterator<Item = &'i Instance<'a>>) -> Self
    where
        'a: 'i,
    {
        let mut keys = KnownKeys::default();
        for (index, instance) in instances.enumerate() {
            let id = KeyId(index);
            let known = |name| match instance.values.field(name).text() {
                Read::Known(text) if !text.is_empty() => Some(text),
                _ => None,
            };
            keys.by_address.entry(instance.address).or_insert(id);
            if let Some(arn) = known("arn") {
                keys.by_arn.entry(arn).or_insert(id);
            }
            if let Some(key_id) = known("key_id") {
                keys.by_key_id.entry(key_id).or_insert(id);
            }
        }
        keys
    }
}

/// A region's name, unknown when it is known only after apply or missing.
fn region_name(name: Planned, entry: Span) -> Value<Region> {
    match name.text() {
        Read::Known(text) => Value::literal(name.span, Region::Named(text.to_owned())),
        Read::Null => Value::unknown(entry, "the region has no name"),
        Read::Unknown(reason) => Value::unknown(name.span, reason),
    }
}

/// A key given as text: a key of the plan when the text is its ARN or key id, else what the
/// text says (`DefaultKey`, a key ARN, an alias).
fn key_choice(span: Span, text: &str, keys: &KnownKeys) -> KeyChoice {
    let declared = [
        (KeyAttribute::Arn, &keys.by_arn),
        (KeyAttribute::KeyId, &keys.by_key_id),
    ]
    .into_iter()
    .find_map(|(attribute, known)| {
        let key = *known.get(text)?;
        Some(KeyTarget::Declared { key, attribute })
    });
    match declared {
        Some(target) => KeyChoice::Customer(KeyRef { span, target }),
        None => KeyChoice::from_text(span, text.to_owned(), None),
    }
}

/// The regions of the Cloud Control provider's set: `regions` of `{ region_name,
/// region_configuration = { sse_kms_key_id } }`, CloudFormation's shape.
fn cloud_control_regions(regions: Planned, keys: &KnownKeys) -> Regions {
    let Some(elements) = regions.elements() else {
        return match regions.is_unknown() {
            true => Regions::Unknown(Value::unknown(regions.span, AFTER_APPLY)),
            false => Regions::Listed(Vec::new()),
        };
    };
    let entries = elements
        .into_iter()
        .map(|element| {
            let configuration = element.field("region_configuration");
            let key_id = configuration.field("sse_kms_key_id");
            // Without a configuration, or a key in it, the region uses the AWS-owned key.
            let key = match key_id.text() {
                Read::Known(text) => key_choice(key_id.span, text, keys),
                Read::Null => KeyChoice::AwsOwned,
                Read::Unknown(reason) => KeyChoice::Unknown(Value::unknown(key_id.span, reason)),
            };
            RegionEntry {
                span: element.span,
                name: region_name(element.field("region_name"), element.span),
                key,
                may_be_absent: false,
            }
        })
        .collect();
    Regions::Listed(entries)
}

/// The tags of a `tags` map.
fn map_tags(tags: Planned) -> Vec<Tag> {
    let entries = tags.node.map(Node::entries).unwrap_or_default();
    entries
        .iter()
        .map(|entry| {
            let value = (tags.field(&entry.key).string())
                .unwrap_or_else(|| Value::unknown(entry.value.span, "a null tag value"));
            Tag {
                span: entry.key_span.to(entry.value.span),
                key: Value::literal(entry.key_span, entry.key.clone()),
                value,
            }
        })
        .collect()
}

/// The tags of a `tags` list of `{ key, value }`.
fn list_tags(tags: Planned) -> Vec<Tag> {
    let part = |tag: Planned, name| {
        tag.field(name)
            .string()
            .unwrap_or_else(|| Value::unknown(tag.span, format!("the tag has no `{name}`")))
    };
    (tags.elements().unwrap_or_default().into_iter())
        .map(|tag| Tag {
            span: tag.span,
            key: part(tag, "key"),
            value: part(tag, "value"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::frontend::fixture::{Fixture, named, unknown_reason};
    use crate::model::{ResolvedRegion, View};

    fn plan(text: &str) -> Fixture {
        Fixture::parse("infra", &[("plan.json", text)], |files| {
            parse(files[0]).unwrap_or_default()
        })
    }

    /// A plan of a set in a child module that the root passes `aws.west` to, with two keys:
    /// one that exists (its ARN known) and one the plan creates (its ARN known after apply).
    const MODULE_PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "variables": { "home": { "value": "us-east-1" } },
  "planned_values": {
    "root_module": {
      "child_modules": [
        {
          "address": "module.incident_manager",
          "resources": [
            {
              "address": "module.incident_manager.aws_kms_key.east",
              "mode": "managed", "type": "aws_kms_key", "name": "east",
              "values": {
                "arn": "arn:aws:kms:us-east-1:111122223333:key/1111",
                "key_id": "1111",
                "customer_master_key_spec": "SYMMETRIC_DEFAULT",
                "is_enabled": true, "key_usage": "ENCRYPT_DECRYPT",
                "custom_key_store_id": ""
              }
            },
            {
              "address": "module.incident_manager.aws_kms_key.west",
              "mode": "managed", "type": "aws_kms_key", "name": "west",
              "values": { "customer_master_key_spec": "RSA_2048", "is_enabled": true }
            },
            {
              "address": "module.incident_manager.aws_ssmincidents_replication_set.this",
              "mode": "managed", "type": "aws_ssmincidents_replication_set", "name": "this",
              "values": {
                "region": [],
                "regions": [
                  { "name": "us-east-1", "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/1111" },
                  { "name": "us-west-2" }
                ],
                "tags": { "Team": "sre" }
              }
            }
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "module.incident_manager.aws_kms_key.west",
      "module_address": "module.incident_manager",
      "mode": "managed", "type": "aws_kms_key", "name": "west",
      "change": { "actions": ["create"], "before": null, "after": {}, "after_unknown": { "arn": true, "key_id": true } }
    },
    {
      "address": "module.incident_manager.aws_ssmincidents_replication_set.this",
      "module_address": "module.incident_manager",
      "mode": "managed", "type": "aws_ssmincidents_replication_set", "name": "this",
      "change": {
        "actions": ["update"],
        "before": {
          "region": [],
          "regions": [ { "name": "us-east-1", "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/1111" } ]
        },
        "after": {},
        "after_unknown": { "regions": [ {}, { "kms_key_arn": true } ] }
      }
    }
  ],
  "configuration": {
    "provider_config": {
      "aws": { "name": "aws", "expressions": { "region": { "references": ["var.home"] } } },
      "aws.west": { "name": "aws", "alias": "west", "expressions": { "region": { "constant_value": "us-west-2" } } }
    },
    "root_module": {
      "module_calls": {
        "incident_manager": {
          "source": "./modules/incident-manager",
          "module": {
            "resources": [
              { "address": "aws_kms_key.east", "mode": "managed", "type": "aws_kms_key", "name": "east", "provider_config_key": "aws" },
              { "address": "aws_kms_key.west", "mode": "managed", "type": "aws_kms_key", "name": "west", "provider_config_key": "aws.west" },
              {
                "address": "aws_ssmincidents_replication_set.this",
                "mode": "managed", "type": "aws_ssmincidents_replication_set", "name": "this",
                "provider_config_key": "aws.west",
                "expressions": {
                  "regions": [
                    { "name": { "constant_value": "us-east-1" }, "kms_key_arn": { "references": ["aws_kms_key.east.arn", "aws_kms_key.east"] } },
                    { "name": { "constant_value": "us-west-2" }, "kms_key_arn": { "references": ["aws_kms_key.west.arn", "aws_kms_key.west"] } }
                  ]
                }
              }
            ]
          }
        }
      }
    }
  }
}"#;

    fn declared_key<'u>(unit: &'u Unit, entry: &RegionEntry) -> Option<&'u str> {
        match &entry.key {
            KeyChoice::Customer(KeyRef {
                target: KeyTarget::Declared { key, .. },
                ..
            }) => Some(unit.key(*key).identity.as_str()),
            _ => None,
        }
    }

    #[test]
    fn a_set_of_a_child_module_is_read_from_the_planned_values() {
        let fixture = plan(MODULE_PLAN);
        let unit = fixture.unit();
        assert_eq!(unit.format, Format::TerraformPlan);
        let set = fixture.set();
        assert_eq!(
            set.identity,
            "module.incident_manager.aws_ssmincidents_replication_set.this"
        );
        assert_eq!(
            fixture.text(set.span),
            "\"module.incident_manager.aws_ssmincidents_replication_set.this\""
        );
        let names: Vec<_> = fixture.entries().iter().map(|e| named(&e.name)).collect();
        assert_eq!(names, [Some("us-east-1"), Some("us-west-2")]);
        assert_eq!(
            fixture.text(fixture.entries()[0].name.span),
            "\"us-east-1\""
        );
        assert_eq!(set.deletion_protection, Protection::NotSettable);
        assert_eq!(set.tags.len(), 1);
    }

    #[test]
    fn the_provider_comes_through_the_module_mapping() {
        let fixture = plan(MODULE_PLAN);
        let unit = fixture.unit();
        let view = View {
            unit,
            deployment: &unit.deployments[0],
        };
        let set = fixture.set();
        assert_eq!(unit.provider(set.provider).name, "provider `aws.west`");
        assert_eq!(view.provider_region(set.provider).name(), Some("us-west-2"));
        // A key's ARN names its region.
        assert_eq!(named(&unit.keys[0].region), Some("us-east-1"));
    }

    #[test]
    fn keys_are_found_by_their_arn_or_through_the_configuration() {
        let fixture = plan(MODULE_PLAN);
        let unit = fixture.unit();
        let entries = fixture.entries();
        assert_eq!(
            declared_key(unit, &entries[0]),
            Some("module.incident_manager.aws_kms_key.east")
        );
        // Known only after apply: the configuration says which key it is.
        assert_eq!(
            declared_key(unit, &entries[1]),
            Some("module.incident_manager.aws_kms_key.west")
        );
        let west = &unit.keys[1];
        assert_eq!(west.name_in_code.as_deref(), Some("aws_kms_key.west"));
        let view = View {
            unit,
            deployment: &unit.deployments[0],
        };
        assert_eq!(view.region(&west.region).name(), Some("us-west-2"));
        assert_eq!(
            west.spec
                .as_ref()
                .and_then(Value::known)
                .map(String::as_str),
            Some("RSA_2048")
        );
    }

    #[test]
    fn the_prior_state_is_read_from_the_changes() {
        let fixture = plan(MODULE_PLAN);
        let prior = fixture.parsed.prior.as_ref().expect("a prior state");
        assert!(prior.replaced.is_empty());
        let [set] = prior.unit.replication_sets.as_slice() else {
            panic!("one set before");
        };
        assert_eq!(
            set.identity,
            "module.incident_manager.aws_ssmincidents_replication_set.this"
        );
        assert_eq!(set.listed_regions().len(), 1);
        // The change's address, not the planned values'.
        assert!(set.span.start > fixture.set().span.start);
    }

    fn with_values(values: &str, unknown: &str) -> String {
        format!(
            r#"{{"format_version": "1.2",
  "planned_values": {{"root_module": {{"resources": [
    {{"address": "aws_ssmincidents_replication_set.main", "mode": "managed",
      "type": "aws_ssmincidents_replication_set", "name": "main", "values": {values}}}]}}}},
  "resource_changes": [
    {{"address": "aws_ssmincidents_replication_set.main", "mode": "managed",
      "type": "aws_ssmincidents_replication_set", "name": "main",
      "change": {{"actions": ["create"], "before": null, "after": {values},
                  "after_unknown": {unknown}}}}}]}}"#
        )
    }

    #[test]
    fn a_key_known_only_after_apply_is_no_aws_owned_key() {
        let fixture = plan(&with_values(
            r#"{"region": [{"name": "us-east-1"}, {"name": "us-west-2", "kms_key_arn": "DefaultKey"}]}"#,
            r#"{"region": [{"kms_key_arn": true}, {}]}"#,
        ));
        let entries = fixture.entries();
        assert_eq!(
            unknown_reason(match &entries[0].key {
                KeyChoice::Unknown(value) => value,
                other => panic!("unknown, not {other:?}"),
            }),
            AFTER_APPLY
        );
        assert_eq!(entries[1].key, KeyChoice::AwsOwned);
    }

    #[test]
    fn regions_known_only_after_apply_are_unknown() {
        let fixture = plan(&with_values(
            r#"{"regions": [], "region": []}"#,
            r#"{"regions": true}"#,
        ));
        assert!(matches!(fixture.set().regions, Regions::Unknown(_)));
        let provider = fixture.unit().provider(fixture.set().provider);
        assert!(matches!(provider.region, ProviderRegion::Deployment));
    }

    #[test]
    fn a_cloud_control_set_has_cloudformation_shaped_regions() {
        let text = with_values(
            r#"{"deletion_protected": true, "tags": [{"key": "Owner", "value": "sre"}],
                "regions": [{"region_name": "us-east-1", "region_configuration": {"sse_kms_key_id": "alias/incidents"}},
                            {"region_name": "us-west-2", "region_configuration": null}]}"#,
            "{}",
        )
        .replace("\"aws_ssmincidents", "\"awscc_ssmincidents");
        let fixture = plan(&text);
        let set = fixture.set();
        assert_eq!(set.schema, Schema::CloudFormation);
        assert!(matches!(&set.deletion_protection, Protection::Set(v) if v.known() == Some(&true)));
        let entries = fixture.entries();
        assert!(matches!(
            &entries[0].key,
            KeyChoice::Customer(KeyRef {
                target: KeyTarget::IdOrAlias(_),
                ..
            })
        ));
        assert_eq!(entries[1].key, KeyChoice::AwsOwned);
        assert_eq!(set.tags[0].key.known().map(String::as_str), Some("Owner"));
    }

    #[test]
    fn changes_give_the_prior_state_and_what_is_replaced() {
        let set = |name: &str, actions: &str, extra: &str| {
            format!(
                r#"{{"address": "aws_ssmincidents_replication_set.{name}", "mode": "managed",
                    "type": "aws_ssmincidents_replication_set", "name": "{name}"{extra},
                    "change": {{"actions": {actions}, "before": {{"region": [{{"name": "us-east-1"}}]}},
                                "after": null}}}}"#
            )
        };
        let changes = [
            set("kept", r#"["no-op"]"#, ""),
            set("updated", r#"["update"]"#, ""),
            set("deleted", r#"["delete"]"#, ""),
            set("replaced", r#"["delete", "create"]"#, ""),
            set("replaced_first", r#"["create", "delete"]"#, ""),
            set("forgotten", r#"["forget"]"#, ""),
            set("old_copy", r#"["delete"]"#, r#", "deposed": "00000001""#),
        ];
        let text = format!(
            r#"{{"format_version": "1.2", "resource_changes": [{}]}}"#,
            changes.join(",")
        );
        let fixture = plan(&text);
        let prior = fixture.parsed.prior.as_ref().expect("a prior state");
        let identities: Vec<&str> = (prior.unit.replication_sets.iter())
            .map(|set| {
                set.identity
                    .strip_prefix("aws_ssmincidents_replication_set.")
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            identities,
            ["kept", "updated", "deleted", "replaced", "replaced_first"]
        );
        assert_eq!(
            prior.replaced,
            HashSet::from([
                "aws_ssmincidents_replication_set.replaced".to_owned(),
                "aws_ssmincidents_replication_set.replaced_first".to_owned()
            ])
        );
        assert!(fixture.unit().replication_sets.is_empty());
    }

    #[test]
    fn a_root_provider_region_given_by_a_variable_is_its_value() {
        let text = with_values(r#"{"region": [{"name": "us-east-1"}]}"#, "{}").replace(
            r#""resource_changes""#,
            r#""variables": {"region": {"value": "eu-west-1"}},
  "configuration": {"provider_config": {"aws": {"name": "aws",
    "expressions": {"region": {"references": ["var.region"]}}}},
    "root_module": {"resources": [{"address": "aws_ssmincidents_replication_set.main",
      "type": "aws_ssmincidents_replication_set", "name": "main", "provider_config_key": "aws"}]}},
  "resource_changes""#,
        );
        let fixture = plan(&text);
        let unit = fixture.unit();
        let view = View {
            unit,
            deployment: &unit.deployments[0],
        };
        let ResolvedRegion::Known { name, source } = view.provider_region(fixture.set().provider)
        else {
            panic!("a known region");
        };
        assert_eq!(name, "eu-west-1");
        assert_eq!(fixture.text(source.expect("a source")), "\"eu-west-1\"");
    }

    #[test]
    fn files_that_are_no_plan_are_left_to_the_template_reader() {
        for text in [
            r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#,
            r#"{"format_version": "1.0", "values": {"root_module": {}}}"#,
            r#"["format_version", "planned_values"]"#,
            r#"{"format_version": "1.2", "planned_values": "#,
            "",
        ] {
            let source = crate::source::SourceFile::new("plan.json".into(), text.to_owned());
            let file = UnitFile {
                id: crate::source::FileId(0),
                source: &source,
            };
            assert!(parse(file).is_none(), "{text}");
        }
    }

    #[test]
    fn a_later_major_version_is_refused() {
        let fixture = plan(r#"{"format_version": "2.0", "planned_values": {}}"#);
        let [error] = fixture.parsed.errors.as_slice() else {
            panic!("one error: {:?}", fixture.parsed.errors);
        };
        assert_eq!(fixture.text(error.span.expect("a span")), "\"2.0\"");
        assert!(fixture.parsed.unit.is_none());
    }

    #[test]
    fn parts_of_the_wrong_shape_are_reported_or_skipped() {
        for (text, errors) in [
            (
                r#"{"format_version": "1.2", "planned_values": [], "resource_changes": {}}"#,
                2,
            ),
            (
                r#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [1, {"values": []}], "child_modules": {}}}}"#,
                2,
            ),
            (
                r#"{"format_version": "1.2", "resource_changes": [null, {"change": 3}, {"address": 4, "change": {"actions": "delete", "before": []}}]}"#,
                1,
            ),
            (
                &with_values(
                    r#"{"regions": {"name": 1}, "tags": [1]}"#,
                    r#"{"regions": [true, 2]}"#,
                ),
                0,
            ),
            (
                &with_values(
                    r#"{"regions": [{"name": ["us-east-1"], "kms_key_arn": {}}, 7]}"#,
                    r#"[]"#,
                ),
                0,
            ),
        ] {
            let fixture = plan(text);
            assert_eq!(
                fixture.parsed.errors.len(),
                errors,
                "{text}: {:?}",
                fixture.parsed.errors
            );
            assert!(fixture.parsed.unit.is_some(), "{text}");
        }
    }

    #[test]
    fn module_paths_leave_out_instance_keys() {
        assert_eq!(module_path(""), "");
        assert_eq!(module_path("module.a"), "module.a");
        assert_eq!(
            module_path(r#"module.a["x.y]\"z"].module.b[0]"#),
            "module.a.module.b"
        );
    }
}
