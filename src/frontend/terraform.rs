//! Terraform modules: the `*.tf` files of one directory, with the values its auto-loaded variable
//! files (`terraform.tfvars`, `*.auto.tfvars` and their `.json` forms) give its variables.
//!
//! Each file is parsed with hcl-edit, which keeps byte spans; [`module`] indexes the declarations
//! of all files by name, [`resolve`] follows references within the module, and the builder below
//! turns replication sets, KMS keys and the providers they use into the model. Module calls are
//! not followed: what a child module declares is linted where that module lives.

mod module;
mod nesting;
mod policy;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use hcl::edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl::edit::structure::{Attribute, Block, Body};

use crate::frontend::{InputError, Parsed, UnitFile, name_span};
use crate::model::{
    Deployment, DeprecatedRegion, Engine, Format, Key, KeyArn, KeyChoice, KeyResource, Protection,
    Provider, ProviderId, ProviderRegion, Region, RegionEntry, RegionSyntax, Regions, Renames,
    ReplicationSet, Schema, Tag, Unit, Value, ValueKind,
};
use crate::source::{FileId, Span, display_path};
use module::{At, Module, Resource, attribute, header, span_in};
use resolve::Iteration;

/// Reads the files of one module. A file that does not parse is reported and left out; the
/// unit is built from the others.
pub fn parse(files: &[UnitFile]) -> Parsed {
    parse_with(files, &[])
}

/// Reads the files of one module, with the variable files the command line gives after those
/// the module loads itself (`command_line`, in order).
pub fn parse_with(files: &[UnitFile], command_line: &[UnitFile]) -> Parsed {
    let mut errors = Vec::new();
    let mut parse_body = |file: &UnitFile| {
        if let Err(refusal) = nesting::check(&file.source.text) {
            errors.push(refusal_error(*file, &refusal));
            return None;
        }
        let body = match file.source.path.extension() {
            Some(extension) if extension == "json" => json_variables(file),
            _ => parse_hcl(&file.source.text).map_err(|error| parse_error(*file, &error)),
        };
        match body {
            Ok(body) => Some((file.id, body)),
            Err(error) => {
                errors.push(error);
                None
            }
        }
    };
    let (mut variable_files, configuration): (Vec<&UnitFile>, Vec<&UnitFile>) = files
        .iter()
        .partition(|file| variable_file_order(file).is_some());
    variable_files.sort_by_key(|file| variable_file_order(file));
    variable_files.extend(command_line);
    // Override files merge over the others, in the order of their names.
    let (mut overrides, configuration): (Vec<&UnitFile>, Vec<&UnitFile>) = configuration
        .into_iter()
        .partition(|file| is_override(file));
    overrides.sort_by_key(|file| &file.source.path);
    let configuration: Vec<(FileId, Body)> = configuration
        .into_iter()
        .filter_map(&mut parse_body)
        .collect();
    let overrides: Vec<(FileId, Body)> =
        overrides.into_iter().filter_map(&mut parse_body).collect();
    let variable_files: Vec<(FileId, Body)> = variable_files
        .into_iter()
        .filter_map(&mut parse_body)
        .collect();
    let module = Module::new(&configuration, &overrides, &variable_files);
    // A module whose `removed` or `moved` blocks say what became of a set is a unit without
    // one: `--base` reads them.
    let declares = [
        module.replication_sets.len(),
        module.removed.len(),
        module.moved.len(),
    ];
    let unit = declares.iter().any(|count| *count > 0).then(|| {
        Builder {
            module: &module,
            texts: files
                .iter()
                .map(|f| (f.id, f.source.text.as_str()))
                .collect(),
            providers: Vec::new(),
            provider_ids: HashMap::new(),
        }
        .build(unit_name(files))
    });
    Parsed { unit, errors }
}

/// Whether Terraform merges the file over the module's others: `override.tf`, `*_override.tf`.
fn is_override(file: &UnitFile) -> bool {
    let stem = file.source.path.file_stem().and_then(|s| s.to_str());
    stem.is_some_and(|stem| stem == "override" || stem.ends_with("_override"))
}

/// How many lines ending in an operator inside braces a file may continue (see [`parse_hcl`]):
/// each is one more parse of the file.
const MAX_CONTINUED_LINES: usize = 8;

/// Parses a file of HCL. hcl-edit 0.10 ends an expression inside braces at a line break even
/// after an operator, where Terraform goes on to the next line (`{ for k in ks : k => k == "a"
/// ? "x" :` then `"y" }`, as the widely used cloudposse null-label module writes): its parser
/// reads the space after `?` and `:` (and binary operators) with `ws_or_sp`, which takes line
/// breaks only where the enclosing brackets allow them, and an object's braces do not. Where the
/// parse fails at such a line break, it is read as a space (the same length, so every span
/// stays) and the file parsed again. Any other error is the first one's.
fn parse_hcl(text: &str) -> Result<Body, hcl::edit::parser::Error> {
    let first = match hcl::edit::parser::parse_body(text) {
        Ok(body) => return Ok(body),
        Err(error) => error,
    };
    let mut joined = text.to_owned();
    let mut error = first.clone();
    for _ in 0..MAX_CONTINUED_LINES {
        let offset = error.location().offset();
        let before = joined
            .get(..offset)
            .unwrap_or_default()
            .trim_end_matches([' ', '\t']);
        let after = joined.get(offset..).unwrap_or_default();
        let operator = ["?", ":", "&&", "||", "==", "!=", "+", "-", "*", "/", "%"];
        let line_break = ["\r\n", "\n"].into_iter().find(|b| after.starts_with(b));
        let (true, Some(line_break)) = (operator.iter().any(|o| before.ends_with(o)), line_break)
        else {
            break;
        };
        joined.replace_range(
            offset..offset + line_break.len(),
            &" ".repeat(line_break.len()),
        );
        match hcl::edit::parser::parse_body(&joined) {
            Ok(body) => return Ok(body),
            Err(next) => error = next,
        }
    }
    Err(first)
}

/// Where a variable file stands in the order Terraform loads them (`terraform.tfvars`, then
/// `terraform.tfvars.json`, then the `*.auto.tfvars` and `*.auto.tfvars.json` by file name);
/// `None` for a configuration file. Discovery only lets in the variable files Terraform loads
/// by itself.
fn variable_file_order<'s>(file: &UnitFile<'s>) -> Option<(u8, &'s str)> {
    let name = file.source.path.file_name()?.to_str()?;
    let rank = match name {
        "terraform.tfvars" => 0,
        "terraform.tfvars.json" => 1,
        _ => 2,
    };
    (name.ends_with(".tfvars") || name.ends_with(".tfvars.json")).then_some((rank, name))
}

/// A JSON variable file (`terraform.tfvars.json`) as the body of its assignments, each value
/// with its span in the file: a JSON object is an HCL object expression, so hcl-edit parses it.
fn json_variables(file: &UnitFile) -> Result<Body, InputError> {
    // The parser takes one expression, without the line break that ends the file.
    let text = file.source.text.trim_end();
    let expression = hcl::edit::parser::parse_expr(text).map_err(|e| parse_error(*file, &e))?;
    let Expression::Object(object) = expression else {
        return Err(InputError {
            path: file.source.display_path.clone(),
            span: Some(Span::new(file.id, 0, text.len().min(1))),
            message: "a JSON variable file holds one object, of variable names and values"
                .to_owned(),
        });
    };
    let mut body = Body::new();
    for (key, value) in object {
        let name = match key {
            ObjectKey::Expression(Expression::String(name)) => name.value().to_string(),
            ObjectKey::Ident(name) => name.value().to_string(),
            ObjectKey::Expression(_) => continue,
        };
        // A name that is no identifier names no variable.
        if let Ok(name) = hcl::edit::Ident::try_new(name) {
            body.push(Attribute::new(name, value.into_expr()));
        }
    }
    Ok(body)
}

fn parse_error(file: UnitFile, error: &hcl::edit::parser::Error) -> InputError {
    let offset = error.location().offset().min(file.source.text.len());
    InputError {
        path: file.source.display_path.clone(),
        span: Some(Span::new(file.id, offset, offset)),
        message: error.message().to_owned(),
    }
}

fn refusal_error(file: UnitFile, refusal: &nesting::Refusal) -> InputError {
    let (offset, message) = match *refusal {
        nesting::Refusal::TooDeep(offset) => (
            offset,
            format!(
                "the expression nests more than {} brackets deep: irlint does not read such files",
                nesting::MAX_EXPRESSION_DEPTH
            ),
        ),
        nesting::Refusal::TooManyKeys { start, keys } => (
            start,
            format!(
                "the object has {keys} key{}, and the file's objects would take more than {} \
                 million key comparisons to parse, this one the most: irlint does not read such \
                 files",
                if keys == 1 { "" } else { "s" },
                nesting::MAX_KEY_COMPARISONS / 1_000_000
            ),
        ),
        nesting::Refusal::HeredocLookahead(start) => (
            start,
            format!(
                "the heredoc ends on its first line, which hcl-edit reads only after it found no \
                 later end: with the file's heredocs before it, that reads more than {} MiB \
                 ahead; irlint does not read such files",
                nesting::MAX_HEREDOC_LOOKAHEAD >> 20
            ),
        ),
        nesting::Refusal::AmbiguousHeredoc(start) => (
            start,
            "the heredoc ends on its first line, and a later line starts with its marker: \
             hcl-edit reads the lines up to there as its text when they parse as such, as code \
             when not; irlint does not read such files"
                .to_owned(),
        ),
    };
    InputError {
        path: file.source.display_path.clone(),
        span: Some(Span::new(file.id, offset, offset + 1)),
        message,
    }
}

/// The module directory as the user should see it.
fn unit_name(files: &[UnitFile]) -> String {
    let directory = files
        .first()
        .and_then(|file| file.source.path.parent())
        .map(display_path)
        .unwrap_or_default();
    if directory.is_empty() {
        ".".to_owned()
    } else {
        directory
    }
}

/// The address a `provider` meta-argument names: `aws.west`, `awsalternate`.
fn reference_address(reference: At<Expression>) -> String {
    // Anything else is not a provider reference Terraform accepts; it is named as written.
    let as_written = || reference.node.to_string().trim().to_owned();
    match reference.node {
        Expression::Variable(name) => name.as_str().to_owned(),
        Expression::Traversal(traversal) => {
            let Expression::Variable(root) = &traversal.expr else {
                return as_written();
            };
            let mut address = root.as_str().to_owned();
            for operator in &traversal.operators {
                let TraversalOperator::GetAttr(name) = operator.value() else {
                    return as_written();
                };
                address.push('.');
                address.push_str(name.as_str());
            }
            address
        }
        // Terraform 0.11 wrote the reference as a string.
        Expression::String(address) => address.value().clone(),
        _ => as_written(),
    }
}

/// The lowest major version a version constraint allows (`~> 6.0`, `>= 6.2, < 7.0`, `6.1.0`):
/// the highest of its lower bounds, 0 when it has none; `None` when it cannot be read.
fn lowest_major(constraint: &str) -> Option<u64> {
    let mut lowest = 0;
    for part in constraint.split(',') {
        let part = part.trim();
        let operator_end = part.find(|c: char| c.is_ascii_digit())?;
        let (operator, version) = part.split_at(operator_end);
        let major: u64 = version.split(['.', '-', '+']).next()?.parse().ok()?;
        match operator.trim() {
            "" | "=" | ">=" | ">" | "~>" => lowest = lowest.max(major),
            "<" | "<=" | "!=" => {}
            _ => return None,
        }
    }
    Some(lowest)
}

/// The fix of a `dynamic "region"` block without `iterator`: from the label's word to the
/// block's opening brace, renamed and declaring the iterator its content names `region`.
fn iterator_fix(text: &str, word: Span, block: Span) -> Option<(Span, String)> {
    let brace = word.end + text.get(word.end..)?.find('{')? + 1;
    let line_start = text.get(..block.start)?.rfind('\n').map_or(0, |at| at + 1);
    let indent = text.get(line_start..block.start)?;
    let replacement = format!("regions\" {{\n{indent}  iterator = region");
    Some((Span::new(word.file, word.start, brace), replacement))
}

/// Turns the module's declarations into the model, creating providers as they are used.
struct Builder<'m, 'a> {
    module: &'m Module<'a>,
    /// The text of each file, for the fixes that insert code.
    texts: HashMap<FileId, &'a str>,
    providers: Vec<Provider>,
    provider_ids: HashMap<String, ProviderId>,
}

impl<'a> Builder<'_, 'a> {
    fn build(mut self, name: String) -> Unit {
        let module = self.module;
        let keys = module.keys.iter().map(|key| self.key(key)).collect();
        // A set the files say is created no time (`count = 0`, `count = var.enabled ? 1 : 0`
        // with `enabled` false, `for_each = {}`) is not there to lint.
        let replication_sets = module
            .replication_sets
            .iter()
            .map(|set| self.replication_set(set))
            .filter(|set| set.instances.known() != Some(&0))
            .collect();
        let (aws_provider_major, renames) = (self.aws_provider_major(), self.renames());
        Unit {
            format: Format::Terraform,
            engine: Engine::Terraform,
            key_arn: KeyArn::TERRAFORM,
            name,
            replication_sets,
            keys,
            providers: self.providers,
            deployments: vec![Deployment::default()],
            aws_provider_major,
            suppressions: Vec::new(),
            renames,
        }
    }

    /// What the module's `moved` and `removed` blocks say became of sets: a move, or a removal
    /// from the code that keeps the set (`lifecycle { destroy = false }`).
    fn renames(&self) -> Renames {
        let module = self.module;
        let address = |block, name| attribute(block, name).map(reference_address);
        let moved = module.moved.iter();
        let moved = moved.filter_map(|block| address(*block, "from").zip(address(*block, "to")));
        let kept = module.removed.iter().filter(|block| {
            let lifecycle = block.node.body.get_blocks("lifecycle").next();
            let destroy = lifecycle.and_then(|l| attribute(block.with(l), "destroy"));
            destroy.is_some_and(|destroy| module.boolean(destroy, None).known() == Some(&false))
        });
        Renames {
            moved: moved.collect(),
            kept: kept.filter_map(|block| address(*block, "from")).collect(),
        }
    }

    /// The lowest major version of the AWS provider that all the module's constraints allow:
    /// the highest of what each allows; unknown only when no constraint can be read.
    fn aws_provider_major(&self) -> Option<Value<u64>> {
        let (known, unknown): (Vec<Value<u64>>, Vec<Value<u64>>) = self
            .module
            .aws_versions
            .iter()
            .map(|constraint| {
                let text = self.module.string(*constraint, None);
                match &text.kind {
                    ValueKind::Unknown(reason) => Value::unknown(text.span, reason.0.clone()),
                    _ => match text.known().and_then(|text| lowest_major(text)) {
                        Some(major) => Value::known_at(text.span, major, text.definition()),
                        None => {
                            Value::unknown(text.span, "a version constraint irlint cannot read")
                        }
                    },
                }
            })
            .partition(|major| major.known().is_some());
        known
            .into_iter()
            .max_by_key(|major| major.known().copied())
            .or_else(|| unknown.into_iter().next())
    }

    /// The provider a `provider` meta-argument names, or the default `aws` provider.
    fn provider(&mut self, reference: Option<At<'a, Expression>>) -> ProviderId {
        self.provider_or(reference, "aws")
    }

    /// The provider a `provider` meta-argument names, or the default one of that name.
    fn provider_or(&mut self, reference: Option<At<'a, Expression>>, default: &str) -> ProviderId {
        let address = reference.map_or_else(|| default.to_owned(), reference_address);
        if let Some(id) = self.provider_ids.get(&address) {
            return *id;
        }
        let block = self.module.providers.get(&address);
        let region = match (block, reference) {
            (Some(block), _) => match block.region {
                Some(region) => {
                    let region = self.module.string(region, None);
                    ProviderRegion::written(region, ProviderRegion::Deployment)
                }
                None => ProviderRegion::Deployment,
            },
            // An aliased provider the module does not configure is passed in by its caller.
            (None, Some(reference)) if address != default => ProviderRegion::Code(Value::unknown(
                reference.span(),
                format!("provider `{address}` is not configured in this module"),
            )),
            // Without a `provider "aws"` block, the default provider takes its region from the
            // environment (or the calling module).
            (None, _) => ProviderRegion::Deployment,
        };
        let id = ProviderId(self.providers.len());
        self.providers.push(Provider {
            name: format!("provider `{address}`"),
            span: block.map(|block| header(block.block)),
            region,
        });
        self.provider_ids.insert(address, id);
        id
    }

    fn region(&mut self, at: At<'a, Expression>, scope: Option<&Iteration<'a>>) -> Value<Region> {
        let module = self.module;
        module.region(at, scope, &mut |reference| self.provider(reference))
    }

    fn key(&mut self, key: &Resource<'a>) -> Key {
        let module = self.module;
        let span = key.header();
        let provider_reference = key.attribute("provider");
        let provider = self.provider_or(provider_reference, key.default_provider());
        let region = match key.attribute("region") {
            // Provider v6 lets a resource choose its region.
            Some(region) => self.region(region, None),
            None => Value::literal(
                provider_reference.map_or(span, |reference| reference.span()),
                Region::OfProvider(provider),
            ),
        };
        let first = |names: &[&str]| names.iter().find_map(|name| key.attribute(name));
        let string = |names: &[&str]| first(names).map(|at| module.string(at, None));
        let resource = match key.kind {
            "aws_kms_replica_key" => KeyResource::ReplicaKey,
            "aws_kms_external_key" => KeyResource::ExternalKey,
            _ => KeyResource::Key,
        };
        Key {
            identity: key.address(),
            name_in_code: Some(key.address()),
            span,
            resource,
            region,
            spec: string(&["customer_master_key_spec", "key_spec"]),
            usage: string(&["key_usage"]),
            // `awscc_kms_key` writes CloudFormation's `origin`.
            origin: match resource {
                KeyResource::ExternalKey => Some(Value::literal(span, "EXTERNAL".to_owned())),
                _ => string(&["origin"]),
            },
            enabled: first(&["is_enabled", "enabled"]).map(|at| module.boolean(at, None)),
            custom_key_store: string(&["custom_key_store_id"]),
            policy: first(&["policy", "key_policy"]).map(|at| module.key_policy(at)),
        }
    }

    fn replication_set(&mut self, set: &Resource<'a>) -> ReplicationSet {
        let (count, for_each) = (set.attribute("count"), set.attribute("for_each"));
        let identity = if count.is_some() || for_each.is_some() {
            format!("{}[…]", set.address())
        } else {
            set.address()
        };
        let provider = self.provider_or(set.attribute("provider"), set.default_provider());
        let instances = self.module.instances(count, for_each, set.header());
        if set.default_provider() == "awscc" {
            return ReplicationSet {
                identity,
                span: set.header(),
                schema: Schema::CloudFormation,
                regions: self.cloud_control_regions(set),
                region_syntax: RegionSyntax::default(),
                deletion_protection: match set.attribute("deletion_protected") {
                    Some(at) => Protection::Set(self.module.boolean(at, None)),
                    None => Protection::Absent,
                },
                tags: self.cloud_control_tags(set),
                provider,
                instances,
            };
        }
        ReplicationSet {
            identity,
            span: set.header(),
            schema: Schema::Terraform,
            regions: self.regions(set),
            region_syntax: self.region_syntax(set),
            // Terraform's `deletion_protected` is read-only.
            deletion_protection: Protection::NotSettable,
            tags: self.tags(set),
            provider,
            instances,
        }
    }

    /// The Cloud Control set's `regions`: a list of `{ region_name, region_configuration = {
    /// sse_kms_key_id } }`, CloudFormation's shape.
    fn cloud_control_regions(&mut self, set: &Resource<'a>) -> Regions {
        let module = self.module;
        let Some(regions) = set.attribute("regions") else {
            return Regions::Listed(Vec::new());
        };
        let elements = match module.list_elements(regions) {
            Ok(elements) => elements,
            Err(reason) => return Regions::Unknown(Value::unknown(regions.span(), reason)),
        };
        let mut entries = Vec::new();
        for element in elements {
            let field = |object: At<'a, Expression>, name| module.object_field(object, name);
            let name = match field(element, "region_name") {
                Ok(Some(name)) => self.region(name, None),
                Ok(None) => Value::unknown(element.span(), "the region has no `region_name`"),
                Err(reason) => Value::unknown(element.span(), reason),
            };
            let configuration = field(element, "region_configuration");
            let key = match configuration.map(|c| c.map(|c| field(c, "sse_kms_key_id"))) {
                Ok(None) => module.key_choice(None, None),
                Ok(Some(Ok(key))) => module.key_choice(key, None),
                Err(reason) | Ok(Some(Err(reason))) => {
                    KeyChoice::Unknown(Value::unknown(element.span(), reason))
                }
            };
            entries.push(RegionEntry {
                span: element.span(),
                name,
                key,
            });
        }
        Regions::Listed(entries)
    }

    /// The Cloud Control set's `tags`: a list of `{ key, value }`.
    fn cloud_control_tags(&self, set: &Resource<'a>) -> Vec<Tag> {
        let module = self.module;
        let elements = set.attribute("tags").map(|tags| module.list_elements(tags));
        let mut tags = Vec::new();
        for element in elements.and_then(Result::ok).unwrap_or_default() {
            let part = |name| match module.object_field(element, name) {
                Ok(Some(at)) => module.string(at, None),
                Ok(None) => Value::unknown(element.span(), format!("the tag has no `{name}`")),
                Err(reason) => Value::unknown(element.span(), reason),
            };
            tags.push(Tag {
                span: element.span(),
                key: part("key"),
                value: part("value"),
            });
        }
        tags
    }

    /// Where the set uses `regions` blocks and where the `region` blocks provider v6 deprecates. A
    /// `dynamic` block whose `for_each` is empty generates none; one whose `for_each` may be
    /// empty may generate none (an alternative to the other syntax, not a use beside it).
    fn region_syntax(&self, set: &Resource<'a>) -> RegionSyntax {
        let mut syntax = RegionSyntax::default();
        for block in set.blocks() {
            let (keyword, name, may_be_empty) =
                match (block.node.ident.as_str(), block.node.labels.as_slice()) {
                    ("dynamic", [label]) => {
                        let for_each = attribute(block, "for_each");
                        let count = for_each.map(|e| self.module.elements(e).map(|e| e.len()));
                        if let Some(Ok(0)) = count {
                            continue;
                        }
                        let keyword = span_in(block.file, label);
                        (keyword, label.as_str(), !matches!(count, Some(Ok(_))))
                    }
                    (name, []) => (span_in(block.file, &block.node.ident), name, false),
                    _ => continue,
                };
            match name {
                "regions" if !may_be_empty => syntax.current.push(keyword),
                "region" => {
                    let span = name_span(keyword, name);
                    let dynamic = block.node.ident.as_str() == "dynamic";
                    let fix = (dynamic && attribute(block, "iterator").is_none())
                        .then(|| self.texts.get(&block.file))
                        .flatten()
                        .and_then(|text| iterator_fix(text, span, block.span()));
                    let (replaced, current) = fix.unzip();
                    syntax.deprecated.push(DeprecatedRegion {
                        span,
                        written: "region".to_owned(),
                        current: current.unwrap_or_else(|| "regions".to_owned()),
                        renaming_merges: true,
                        replaced,
                        may_be_empty,
                    });
                }
                _ => {}
            }
        }
        syntax
    }

    /// The `region` (v5) and `regions` (v6) blocks, written or generated by `dynamic` blocks.
    fn regions(&mut self, set: &Resource<'a>) -> Regions {
        let mut entries = Vec::new();
        for block in set.blocks() {
            let labels: Vec<&str> = block.node.labels.iter().map(|l| l.as_str()).collect();
            match (block.node.ident.as_str(), labels.as_slice()) {
                ("region" | "regions", []) => {
                    entries.push(self.region_entry(block.span(), block, None));
                }
                ("dynamic", ["region" | "regions"]) => match self.expand(block) {
                    Ok(generated) => entries.extend(generated),
                    Err(unknown) => return Regions::Unknown(unknown),
                },
                _ => {}
            }
        }
        Regions::Listed(entries)
    }

    fn region_entry(
        &mut self,
        span: Span,
        block: At<'a, Block>,
        scope: Option<&Iteration<'a>>,
    ) -> RegionEntry {
        let name = match attribute(block, "name") {
            Some(name) => self.region(name, scope),
            None => Value::unknown(span, "the region has no `name`"),
        };
        RegionEntry {
            span,
            name,
            key: self
                .module
                .key_choice(attribute(block, "kms_key_arn"), scope),
        }
    }

    /// The entries a `dynamic` block generates, one per element of its `for_each`, each spanning
    /// its element; unknown when the `for_each` cannot be followed to a literal collection.
    fn expand(&mut self, dynamic: At<'a, Block>) -> Result<Vec<RegionEntry>, Value<()>> {
        let unknown = |reason: &str| Value::unknown(header(dynamic), reason);
        let for_each = attribute(dynamic, "for_each")
            .ok_or_else(|| unknown("the dynamic block has no `for_each`"))?;
        let content = dynamic
            .node
            .body
            .get_blocks("content")
            .next()
            .map(|content| dynamic.with(content))
            .ok_or_else(|| unknown("the dynamic block has no `content`"))?;
        let iterator = match attribute(dynamic, "iterator") {
            None => dynamic
                .node
                .labels
                .first()
                .map_or("", |label| label.as_str()),
            Some(At {
                node: Expression::Variable(name),
                ..
            }) => name.as_str(),
            Some(other) => {
                return Err(Value::unknown(
                    other.span(),
                    "an iterator that is not a name",
                ));
            }
        };
        let entries = self
            .module
            .entries(for_each)
            .map_err(|reason| Value::unknown(for_each.span(), reason))?;
        Ok(entries
            .into_iter()
            .map(|(key, value)| {
                let iteration = Iteration {
                    iterator,
                    value,
                    key,
                };
                self.region_entry(value.span(), content, Some(&iteration))
            })
            .collect())
    }

    /// The tags of a `tags = { … }` map, written there or in the variable or local it names.
    fn tags(&self, set: &Resource<'a>) -> Vec<Tag> {
        let Some(tags) = set
            .attribute("tags")
            .and_then(|tags| self.module.object(tags))
        else {
            return Vec::new();
        };
        tags.node
            .iter()
            .map(|(key, value)| {
                let key = match key {
                    ObjectKey::Ident(name) => {
                        Value::literal(span_in(tags.file, name), name.as_str().to_owned())
                    }
                    ObjectKey::Expression(expr) => self.module.string(tags.with(expr), None),
                };
                let value = self.module.string(tags.with(value.expr()), None);
                Tag {
                    span: key.span.to(value.span),
                    key,
                    value,
                }
            })
            .collect()
    }
}
