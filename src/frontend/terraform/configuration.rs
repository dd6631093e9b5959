//! The configuration of a root module: the module instances its `module` calls create, as
//! `terraform plan` expands them. Each call reads the directory its source names (a local path,
//! or where `terraform init` installed a registry or git module), once per element of its
//! `count` or `for_each`; the instance's variables take the call's arguments.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hcl::edit::expr::{Expression, TraversalOperator};
use hcl::edit::structure::Body;

use super::Directory;
use super::evaluation::{Entry, Evaluation};
use super::module::{At, Frame, InstanceId, Module, ModuleCall};
use crate::model::{KeyId, Value};
use crate::source::FileId;
use crate::workspace::absolute;

/// How deeply module calls may nest. Configurations nest a few levels; a module that calls
/// itself would never end.
const MAX_NESTING: usize = 16;

/// How many module instances a configuration may have: a root of a thousand calls, each with a
/// few instances of its own, stays below.
const MAX_INSTANCES: usize = 4_096;

/// How many module instances the configurations of one run may have together: a thousand tiny
/// roots calling one module that multiplies its instances would otherwise build four million.
const MAX_RUN_INSTANCES: usize = 65_536;

/// How many module instances each configuration of a run with `roots` root modules may have:
/// an equal share of the run's, at least 64 and at most [`MAX_INSTANCES`]. The share depends on
/// the roots alone, so that every run of the same files reads the same instances.
pub fn instance_limit(roots: usize) -> usize {
    (MAX_RUN_INSTANCES / roots.max(1)).clamp(64, MAX_INSTANCES)
}

/// The evaluation steps each module instance adds to the configuration's budget: evaluating an
/// instance of the corpora's modules takes a few hundred.
const STEPS_PER_INSTANCE: usize = 10_000;

/// The module directories a configuration may read, by their absolute paths.
pub type Directories<'s> = HashMap<PathBuf, Directory<'s>>;

/// The root module and the instances its calls create.
pub struct Configuration<'a> {
    /// The modules read, each once however many instances it has.
    pub modules: Vec<Module<'a>>,
    /// The directory of each module.
    directories: Vec<&'a Directory<'a>>,
    /// Each module's position, by its directory's path.
    module_of_path: HashMap<&'a Path, usize>,
    /// The instances, the root first, each before the instances its calls create.
    pub instances: Vec<Instance<'a>>,
    pub(super) evaluation: Evaluation,
    /// Where each instance's keys start among the keys of the unit.
    key_offsets: Vec<usize>,
    /// How many instances it may have ([`instance_limit`]).
    max_instances: usize,
}

/// One instance of a module.
pub struct Instance<'a> {
    /// The position of its module in [`Configuration::modules`].
    pub module: usize,
    /// Its address: `module.a.module.b["x"]`; empty for the root.
    pub address: String,
    /// The call that creates it; `None` for the root.
    pub call: Option<Call<'a>>,
    /// The instances of each call of its module, by the call's name.
    children: HashMap<&'a str, Children>,
    /// The calls' names from the root to it, as `modules.json` keys modules: `a.b`.
    key: String,
    depth: usize,
}

/// An instance's key, and the element of the `for_each` it is for.
type Keyed<'a> = (Option<String>, Option<Entry<'a>>);

/// What a call created.
enum Children {
    /// Each instance, with its key (`None` without `count` or `for_each`).
    Known(Vec<(Option<String>, InstanceId)>),
    /// Why its module or its instances cannot be read.
    Unknown(String),
}

/// The module call that creates an instance.
pub struct Call<'a> {
    pub parent: InstanceId,
    /// The `module` block, evaluated in the parent.
    pub call: ModuleCall<'a>,
    /// The element of its `for_each` this instance is for.
    pub each: Option<Entry<'a>>,
    /// Its index among the instances of its `count`.
    pub index: Option<u64>,
    /// When the call's instances cannot be counted, this one instance stands for all of them:
    /// why.
    pub uncounted: Option<Value<u64>>,
}

impl<'a> Instance<'a> {
    /// The prefix of its resources' addresses: `module.a.`; empty for the root.
    pub fn prefix(&self) -> String {
        match self.address.is_empty() {
            true => String::new(),
            false => format!("{}.", self.address),
        }
    }
}

/// Whether a module source is a path on disk (`./modules/x`, `../shared`), which Terraform
/// reads in place.
pub(super) fn is_local(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../")
}

impl<'a> Configuration<'a> {
    /// The configuration whose root module is `root`, with the values its variable files
    /// assign (`variable_files`, in the order Terraform loads them), reading called modules
    /// from `directories`, with at most `max_instances` instances.
    pub fn new(
        root: &'a Directory<'a>,
        variable_files: &[&'a [(FileId, Body)]],
        directories: &'a Directories<'a>,
        max_instances: usize,
    ) -> Self {
        let module = Module::new(&root.configuration, &root.overrides, variable_files);
        let mut configuration = Configuration {
            modules: vec![module],
            directories: vec![root],
            module_of_path: HashMap::from([(root.path.as_path(), 0)]),
            instances: vec![Instance {
                module: 0,
                address: String::new(),
                call: None,
                children: HashMap::new(),
                key: String::new(),
                depth: 0,
            }],
            evaluation: Evaluation::default(),
            key_offsets: Vec::new(),
            max_instances,
        };
        configuration.expand(directories);
        let mut offset = 0;
        for instance in &configuration.instances {
            configuration.key_offsets.push(offset);
            offset += configuration.modules[instance.module].keys.len();
        }
        configuration
    }

    /// Creates the instances of every call, breadth first.
    fn expand(&mut self, directories: &'a Directories<'a>) {
        let mut next = 0;
        while let Some(instance) = self.instances.get(next) {
            let calls = self.modules[instance.module].calls.clone();
            let parent = InstanceId(next);
            next += 1;
            for call in calls {
                let call = ModuleCall {
                    block: call.block.within(Frame::Module(parent)),
                    ..call
                };
                let children = self.call(parent, call, directories);
                self.instances[parent.0]
                    .children
                    .insert(call.name, children);
            }
        }
    }

    /// The instances one call creates.
    fn call(
        &mut self,
        parent: InstanceId,
        call: ModuleCall<'a>,
        directories: &'a Directories<'a>,
    ) -> Children {
        let depth = self.instances[parent.0].depth + 1;
        if depth > MAX_NESTING {
            return Children::Unknown(format!("module calls nest more than {MAX_NESTING} deep"));
        }
        let module = match self.called_module(parent, call, directories) {
            Ok(module) => module,
            Err(reason) => return Children::Unknown(reason),
        };
        if self
            .ancestry(parent)
            .any(|instance| instance.module == module)
        {
            return Children::Unknown(format!(
                "module `{}` calls a module that calls it (a cycle)",
                call.name
            ));
        }
        let (keys, uncounted) = match self.instance_keys(call) {
            Ok(keys) => (keys, None),
            Err(unknown) => (vec![(Some("…".to_owned()), None)], Some(unknown)),
        };
        if self.instances.len() + keys.len() > self.max_instances {
            return Children::Unknown(format!(
                "the configuration has more than {} module instances",
                self.max_instances
            ));
        }
        let (parent_address, parent_key) = {
            let parent = &self.instances[parent.0];
            (parent.prefix(), parent.key.clone())
        };
        let mut created = Vec::with_capacity(keys.len());
        for (key, each) in keys {
            let id = InstanceId(self.instances.len());
            // `for_each` keys are strings, written quoted; `count` indexes are numbers.
            let index = match &key {
                Some(key) if each.is_some() => {
                    format!("[{}]", serde_json::Value::from(key.as_str()))
                }
                Some(key) => format!("[{key}]"),
                None => String::new(),
            };
            self.instances.push(Instance {
                module,
                address: format!("{parent_address}module.{}{index}", call.name),
                call: Some(Call {
                    parent,
                    call,
                    index: (call.argument("count").is_some() && uncounted.is_none())
                        .then(|| u64::try_from(created.len()).unwrap_or(u64::MAX)),
                    each,
                    uncounted: uncounted.clone(),
                }),
                children: HashMap::new(),
                key: match parent_key.is_empty() {
                    true => call.name.to_owned(),
                    false => format!("{parent_key}.{}", call.name),
                },
                depth,
            });
            self.evaluation.grant(STEPS_PER_INSTANCE);
            created.push((key.filter(|_| uncounted.is_none()), id));
        }
        Children::Known(created)
    }

    /// The module a call reads: from its local source, or where `terraform init` installed it.
    fn called_module(
        &mut self,
        parent: InstanceId,
        call: ModuleCall<'a>,
        directories: &'a Directories<'a>,
    ) -> Result<usize, String> {
        let name = call.name;
        let source = call
            .source()
            .ok_or_else(|| format!("module `{name}` has no source written as a string"))?;
        let parent = &self.instances[parent.0];
        let path = if is_local(source) {
            absolute(&self.directories[parent.module].path.join(source))
        } else {
            let key = match parent.key.is_empty() {
                true => name.to_owned(),
                false => format!("{}.{name}", parent.key),
            };
            let installed = self.directories[0].installed.get(&key).ok_or_else(|| {
                format!(
                    "module `{name}` comes from `{source}`, which irlint reads only where \
                     `terraform init` installed it (`.terraform/modules/modules.json`)"
                )
            })?;
            installed.clone()
        };
        if let Some(&known) = self.module_of_path.get(path.as_path()) {
            return Ok(known);
        }
        let directory = directories.get(&path).ok_or_else(|| {
            format!("module `{name}`: `{source}` is not a directory of Terraform files irlint read")
        })?;
        self.modules.push(Module::new(
            &directory.configuration,
            &directory.overrides,
            &[],
        ));
        self.directories.push(directory);
        let module = self.modules.len() - 1;
        self.module_of_path.insert(directory.path.as_path(), module);
        Ok(module)
    }

    /// The keys of a call's instances (its `for_each`'s keys, its `count`'s indexes), each with
    /// the element `each` stands for; one instance without a key when it has neither.
    fn instance_keys(&self, call: ModuleCall<'a>) -> Result<Vec<Keyed<'a>>, Value<u64>> {
        if let Some(count) = call.argument("count") {
            let count = self.count_instances(Some(count), None, count.span());
            let Some(&count) = count.known() else {
                return Err(count);
            };
            let count = usize::try_from(count)
                .unwrap_or(usize::MAX)
                .min(self.max_instances + 1);
            return Ok((0..count)
                .map(|index| (Some(index.to_string()), None))
                .collect());
        }
        let Some(for_each) = call.argument("for_each") else {
            return Ok(vec![(None, None)]);
        };
        let keyed = self
            .keyed_entries(for_each)
            .map_err(|reason| Value::unknown(for_each.span(), reason))?;
        Ok(keyed
            .into_iter()
            .map(|(key, entry)| (Some(key), Some(entry)))
            .collect())
    }

    /// An instance and the instances whose calls lead to it, innermost first.
    fn ancestry(&self, instance: InstanceId) -> impl Iterator<Item = &Instance<'a>> {
        let first = &self.instances[instance.0];
        std::iter::successors(Some(first), |instance| {
            let parent = instance.call.as_ref()?.parent;
            Some(&self.instances[parent.0])
        })
    }

    /// Why the instances of one of the calls that lead to an instance cannot be counted, if so.
    pub fn uncounted(&self, instance: InstanceId) -> Option<&Value<u64>> {
        (self.ancestry(instance)).find_map(|instance| instance.call.as_ref()?.uncounted.as_ref())
    }

    /// The module of an instance.
    pub fn module_of(&self, instance: InstanceId) -> &Module<'a> {
        &self.modules[self.instances[instance.0].module]
    }

    /// The directory of a module, by its position.
    pub fn directory(&self, module: usize) -> &'a Directory<'a> {
        self.directories[module]
    }

    /// The instance whose module's names a frame's `var`, `local` and `module` references are.
    pub fn names_of(&self, frame: Frame) -> InstanceId {
        match frame {
            Frame::Module(instance) => instance,
            Frame::Call(instance) => self.instances[instance.0]
                .call
                .as_ref()
                .map_or(instance, |call| call.parent),
        }
    }

    /// The value of `var.<name>` in an instance: the argument its call passes, else the
    /// variable's default (for the root: the value its variable files assign).
    pub fn variable(&self, instance: InstanceId, name: &str) -> Result<At<'a, Expression>, String> {
        let call = self.instances[instance.0].call.as_ref();
        if let Some(argument) = call.and_then(|call| call.call.argument(name)) {
            return Ok(argument.within(Frame::Call(instance)));
        }
        match self.module_of(instance).variables.get(name) {
            Some(Some(value)) => Ok(value.within(Frame::Module(instance))),
            Some(None) => Err(match call {
                Some(_) => format!(
                    "variable `{name}` has no default and `{}` does not pass it",
                    self.instances[instance.0].address
                ),
                None => format!(
                    "variable `{name}` has no default and no variable file sets it: lint the \
                     module's caller, or pass --var-file or --var"
                ),
            }),
            None => Err(format!("variable `{name}` is not declared")),
        }
    }

    /// The value of an output of a module call (`module.keys.arn`, `module.keys["eu"].arn`), and
    /// the operators that follow it.
    pub fn output<'o>(
        &self,
        instance: InstanceId,
        name: &str,
        operators: &'o [hcl::edit::Decorated<TraversalOperator>],
    ) -> Result<
        (
            At<'a, Expression>,
            &'o [hcl::edit::Decorated<TraversalOperator>],
        ),
        String,
    > {
        let children = match self.instances[instance.0].children.get(name) {
            None => return Err(format!("module `{name}` is not declared")),
            Some(Children::Unknown(reason)) => return Err(reason.clone()),
            Some(Children::Known(children)) => children,
        };
        let (child, operators) = match (children.as_slice(), operators.split_first()) {
            ([(None, only)], _) => (*only, operators),
            (_, Some((index, rest))) => {
                let key = match index.value() {
                    TraversalOperator::Index(Expression::String(key)) => key.value().clone(),
                    TraversalOperator::Index(Expression::Number(number)) => number.to_string(),
                    TraversalOperator::LegacyIndex(index) => index.value().to_string(),
                    _ => {
                        return Err(format!(
                            "module `{name}`'s instances, selected by an expression"
                        ));
                    }
                };
                let child = children
                    .iter()
                    .find(|(known, _)| known.as_deref() == Some(key.as_str()))
                    .ok_or_else(|| format!("module `{name}` has no instance `{key}`"))?;
                (child.1, rest)
            }
            (_, None) => return Err(format!("all instances of module `{name}`")),
        };
        let Some((output, rest)) = operators.split_first() else {
            return Err(format!("module `{name}` as a whole"));
        };
        let TraversalOperator::GetAttr(output) = output.value() else {
            return Err(format!("module `{name}` as a whole"));
        };
        let value = self
            .module_of(child)
            .outputs
            .get(output.as_str())
            .ok_or_else(|| format!("module `{name}` has no output `{}`", output.as_str()))?;
        Ok((value.within(Frame::Module(child)), rest))
    }

    /// The key `<kind>.<name>` of an instance's module, by its position among the unit's keys.
    pub fn key_id(&self, instance: InstanceId, kind: &str, name: &str) -> Option<KeyId> {
        let position = self.module_of(instance).key_position(kind, name)?;
        Some(KeyId(self.key_offsets.get(instance.0)? + position))
    }

    /// The path of each module read, in the order first read.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.directories
            .iter()
            .map(|directory| directory.path.as_path())
    }
}
