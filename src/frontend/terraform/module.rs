//! The declarations of one module that the front-end reads, indexed by name across its files.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use hcl::edit::expr::{Expression, Object, ObjectKey};
use hcl::edit::structure::{Block, Body};

use crate::source::{FileId, Span};

/// The replication set's resource types: the AWS provider's, and the Cloud Control provider's
/// (`awscc`), which follows CloudFormation's schema.
pub const REPLICATION_SETS: &[&str] = &[
    "aws_ssmincidents_replication_set",
    "awscc_ssmincidents_replication_set",
];

/// Resource types that declare a KMS key.
pub const KEY_TYPES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "awscc_kms_key",
];

/// A module instance of the configuration: the root module is instance 0, and each module call
/// creates one instance per element of its `count` or `for_each`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceId(pub usize);

/// Where an expression is evaluated: what its `var`, `local`, `module` and `each` references
/// name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frame {
    /// In the body of a module instance.
    Module(InstanceId),
    /// In the arguments of the module call that creates an instance: written in the caller, so
    /// `var` and `local` are the caller's, while `each` is the instance's element.
    Call(InstanceId),
}

impl Default for Frame {
    fn default() -> Frame {
        Frame::Module(InstanceId::default())
    }
}

/// A syntax node together with the file it was parsed from and the frame it is evaluated in.
#[derive(Debug)]
pub struct At<'a, T> {
    pub node: &'a T,
    pub file: FileId,
    pub frame: Frame,
}

impl<T> Clone for At<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for At<'_, T> {}

impl<'a, T: hcl::edit::Span> At<'a, T> {
    pub fn span(&self) -> Span {
        span_in(self.file, self.node)
    }

    /// Another node of the same file, in the same frame.
    pub fn with<U>(&self, node: &'a U) -> At<'a, U> {
        At {
            node,
            file: self.file,
            frame: self.frame,
        }
    }

    /// The same node, evaluated in another frame: a module's declarations are indexed once and
    /// read in each of its instances.
    pub fn within(&self, frame: Frame) -> Self {
        At { frame, ..*self }
    }
}

/// The span of a parsed node. The parser gives every node a span; a node without one (which the
/// parser never produces) gets an empty span at the start of the file rather than a panic.
pub fn span_in(file: FileId, node: &impl hcl::edit::Span) -> Span {
    let range = node.span().unwrap_or_default();
    Span::new(file, range.start, range.end)
}

/// From a block's keyword to the end of its last label: `resource "aws_kms_key" "k"`.
pub fn header(block: At<Block>) -> Span {
    let start = span_in(block.file, &block.node.ident);
    match block.node.labels.last() {
        Some(label) => start.to(span_in(block.file, label)),
        None => start,
    }
}

/// An attribute of a block's body, by name.
pub fn attribute<'a>(block: At<'a, Block>, name: &str) -> Option<At<'a, Expression>> {
    block
        .node
        .body
        .get_attribute(name)
        .map(|attribute| block.with(&attribute.value))
}

/// The value of an object's attribute, whether its key is a name or a string.
pub fn field<'a>(object: &'a Object, name: &str) -> Option<&'a Expression> {
    object.iter().find_map(|(key, value)| {
        let matches = match key {
            ObjectKey::Ident(ident) => ident.as_str() == name,
            ObjectKey::Expression(Expression::String(text)) => text.value() == name,
            ObjectKey::Expression(_) => false,
        };
        matches.then(|| value.expr())
    })
}

/// A `resource "<kind>" "<name>"` block.
#[derive(Clone, Debug)]
pub struct Resource<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub block: At<'a, Block>,
    /// The blocks of override files for the same resource, in the order Terraform merges them.
    pub overrides: Vec<At<'a, Block>>,
}

/// The address of a `provider "<name>"` block (`aws`, `aws.west`); `None` for an alias that is
/// not a literal, which Terraform rejects and nothing can reference.
fn provider_address(name: &str, block: At<Block>) -> Option<String> {
    match attribute(block, "alias").map(|alias| alias.node) {
        None => Some(name.to_owned()),
        Some(Expression::String(alias)) => Some(format!("{name}.{}", alias.as_str())),
        Some(_) => None,
    }
}

/// The type of blocks a nested block is: a `dynamic` block's is the type it generates.
fn nested_type<'a>(block: &At<'a, Block>) -> &'a str {
    match (block.node.ident.as_str(), block.node.labels.first()) {
        ("dynamic", Some(label)) => label.as_str(),
        (ident, _) => ident,
    }
}

impl<'a> Resource<'a> {
    /// The address Terraform gives it: `aws_kms_key.k`.
    pub fn address(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }

    /// An attribute, as the last override that sets it writes it.
    pub fn attribute(&self, name: &str) -> Option<At<'a, Expression>> {
        let overridden = self
            .overrides
            .iter()
            .rev()
            .find_map(|o| attribute(*o, name));
        overridden.or_else(|| attribute(self.block, name))
    }

    /// Its nested blocks, overrides merged: an override's blocks of a type replace all the
    /// blocks of that type before it.
    pub fn blocks(&self) -> Vec<At<'a, Block>> {
        let within = |block: At<'a, Block>| block.node.body.blocks().map(move |b| block.with(b));
        let mut blocks: Vec<At<'a, Block>> = within(self.block).collect();
        for block in &self.overrides {
            let replacing: Vec<At<'a, Block>> = within(*block).collect();
            blocks.retain(|b| !replacing.iter().any(|r| nested_type(r) == nested_type(b)));
            blocks.extend(replacing);
        }
        blocks
    }

    pub fn header(&self) -> Span {
        header(self.block)
    }

    /// The same resource, read in an instance of its module.
    pub fn within(&self, frame: Frame) -> Resource<'a> {
        Resource {
            block: self.block.within(frame),
            overrides: self.overrides.iter().map(|o| o.within(frame)).collect(),
            ..*self
        }
    }

    /// The provider that creates it when its `provider` meta-argument names none: `awscc` for
    /// the Cloud Control provider's resources, `aws` for the others.
    pub fn default_provider(&self) -> &'static str {
        match self.kind.starts_with("awscc_") {
            true => "awscc",
            false => "aws",
        }
    }
}

/// A `provider "<name>"` block, known by its address (`aws`, `aws.west`, `awsalternate`).
#[derive(Clone, Copy, Debug)]
pub struct ProviderBlock<'a> {
    pub block: At<'a, Block>,
    pub region: Option<At<'a, Expression>>,
}

/// A `data "aws_region" "<name>"` block.
#[derive(Clone, Copy, Debug)]
pub struct RegionDataSource<'a> {
    /// Its `provider` meta-argument.
    pub provider: Option<At<'a, Expression>>,
    /// The region it selects instead of its provider's: `name` (v5) or `region` (v6).
    pub selected: Option<At<'a, Expression>>,
}

/// What the module declares, across all its files. When a name is declared twice (which
/// Terraform rejects), the first declaration counts.
#[derive(Debug, Default)]
pub struct Module<'a> {
    /// Variables by name, with the value they take when no `-var` option sets them: the one
    /// the last variable file assigns, else their `default`, else none.
    pub variables: HashMap<&'a str, Option<At<'a, Expression>>>,
    pub locals: HashMap<&'a str, At<'a, Expression>>,
    pub providers: HashMap<String, ProviderBlock<'a>>,
    /// `moved` and `removed` blocks.
    pub moved: Vec<At<'a, Block>>,
    pub removed: Vec<At<'a, Block>>,
    pub region_data_sources: HashMap<&'a str, RegionDataSource<'a>>,
    pub replication_sets: Vec<Resource<'a>>,
    /// `data "aws_iam_policy_document"` blocks by name.
    pub policy_documents: HashMap<&'a str, At<'a, Block>>,
    /// The version constraints `required_providers` sets for the `aws` provider.
    pub aws_versions: Vec<At<'a, Expression>>,
    /// KMS key resources.
    pub keys: Vec<Resource<'a>>,
    /// Each key's position in `keys`, by its type and name.
    key_positions: HashMap<(&'a str, &'a str), usize>,
    /// `module "<name>"` blocks, in the order written.
    pub calls: Vec<ModuleCall<'a>>,
    /// `output "<name>"` values.
    pub outputs: HashMap<&'a str, At<'a, Expression>>,
}

/// A `module "<name>"` block: a call of another module.
#[derive(Clone, Copy, Debug)]
pub struct ModuleCall<'a> {
    pub name: &'a str,
    pub block: At<'a, Block>,
}

impl<'a> ModuleCall<'a> {
    /// An argument: a value for one of the called module's variables, or a meta-argument.
    pub fn argument(&self, name: &str) -> Option<At<'a, Expression>> {
        attribute(self.block, name)
    }

    /// The source, when it is written as a plain string (Terraform requires a literal).
    pub fn source(&self) -> Option<&'a str> {
        match self.argument("source")?.node {
            Expression::String(source) => Some(source.value().as_str()),
            _ => None,
        }
    }
}

impl<'a> Module<'a> {
    /// The module of the given configuration files (`*.tf`), with the values its variable files
    /// (`*.tfvars`) assign, in the order Terraform loads them: each overrides the ones before.
    pub fn new(
        configuration: &'a [(FileId, Body)],
        overrides: &'a [(FileId, Body)],
        variable_files: &[&'a [(FileId, Body)]],
    ) -> Self {
        let mut module = Module::default();
        for (file, body) in configuration {
            for block in body.blocks() {
                module.declare(At {
                    node: block,
                    file: *file,
                    frame: Frame::default(),
                });
            }
        }
        for (file, body) in overrides {
            for block in body.blocks() {
                module.override_with(At {
                    node: block,
                    file: *file,
                    frame: Frame::default(),
                });
            }
        }
        for (file, body) in variable_files.iter().copied().flatten() {
            for assignment in body.attributes() {
                // Terraform ignores (with a warning) values for variables the module lacks.
                if let Some(value) = module.variables.get_mut(assignment.key.as_str()) {
                    *value = Some(At {
                        node: &assignment.value,
                        file: *file,
                        frame: Frame::default(),
                    });
                }
            }
        }
        module
    }

    fn declare(&mut self, block: At<'a, Block>) {
        let labels: Vec<&'a str> = block.node.labels.iter().map(|l| l.as_str()).collect();
        match (block.node.ident.as_str(), labels.as_slice()) {
            ("variable", [name]) => {
                self.variables
                    .entry(name)
                    .or_insert_with(|| attribute(block, "default"));
            }
            ("locals", []) => {
                for local in block.node.body.attributes() {
                    self.locals
                        .entry(local.key.as_str())
                        .or_insert_with(|| block.with(&local.value));
                }
            }
            ("provider", [name]) => {
                let Some(address) = provider_address(name, block) else {
                    return;
                };
                self.providers
                    .entry(address)
                    .or_insert_with(|| ProviderBlock {
                        block,
                        region: attribute(block, "region"),
                    });
            }
            ("data", ["aws_region", name]) => {
                self.region_data_sources
                    .entry(name)
                    .or_insert_with(|| RegionDataSource {
                        provider: attribute(block, "provider"),
                        selected: attribute(block, "region").or_else(|| attribute(block, "name")),
                    });
            }
            ("moved", []) => self.moved.push(block),
            ("removed", []) => self.removed.push(block),
            ("data", ["aws_iam_policy_document", name]) => {
                self.policy_documents.entry(name).or_insert(block);
            }
            ("terraform", []) => {
                for required in block.node.body.get_blocks("required_providers") {
                    let Some(aws) = attribute(block.with(required), "aws") else {
                        continue;
                    };
                    // `aws = { source, version }`, or Terraform 0.12's `aws = "<version>"`.
                    let version = match aws.node {
                        Expression::Object(object) => {
                            field(object, "version").map(|version| aws.with(version))
                        }
                        _ => Some(aws),
                    };
                    self.aws_versions.extend(version);
                }
            }
            ("resource", [kind, name]) => {
                let resource = Resource {
                    kind,
                    name,
                    block,
                    overrides: Vec::new(),
                };
                if REPLICATION_SETS.contains(kind) {
                    self.replication_sets.push(resource);
                } else if KEY_TYPES.contains(kind)
                    && let Entry::Vacant(slot) = self.key_positions.entry((kind, name))
                {
                    slot.insert(self.keys.len());
                    self.keys.push(resource);
                }
            }
            ("module", [name]) if !self.calls.iter().any(|call| call.name == *name) => {
                self.calls.push(ModuleCall { name, block });
            }
            ("output", [name]) => {
                if let Some(value) = attribute(block, "value") {
                    self.outputs.entry(name).or_insert(value);
                }
            }
            _ => {}
        }
    }

    /// Merges a block of an override file over the declaration of the same name: a resource's
    /// attributes and nested blocks, a provider's region, a variable's default, locals.
    fn override_with(&mut self, block: At<'a, Block>) {
        let labels: Vec<&'a str> = block.node.labels.iter().map(|l| l.as_str()).collect();
        match (block.node.ident.as_str(), labels.as_slice()) {
            ("resource", [kind, name]) => {
                let resources = self.replication_sets.iter_mut().chain(self.keys.iter_mut());
                for resource in resources.filter(|r| r.kind == *kind && r.name == *name) {
                    resource.overrides.push(block);
                }
            }
            ("provider", [name]) => {
                let Some(address) = provider_address(name, block) else {
                    return;
                };
                let region = attribute(block, "region");
                if let (Some(provider), Some(region)) = (self.providers.get_mut(&address), region) {
                    provider.region = Some(region);
                }
            }
            ("variable", [name]) => {
                let default = attribute(block, "default");
                if let (Some(value), Some(default)) = (self.variables.get_mut(name), default) {
                    *value = Some(default);
                }
            }
            ("locals", []) => {
                for local in block.node.body.attributes() {
                    self.locals
                        .insert(local.key.as_str(), block.with(&local.value));
                }
            }
            _ => {}
        }
    }

    /// The position in `keys` of the key declared as `<kind>.<name>`.
    pub fn key_position(&self, kind: &str, name: &str) -> Option<usize> {
        self.key_positions.get(&(kind, name)).copied()
    }
}
