//! Terraform modules: the `*.tf` files of one directory, with the values its auto-loaded variable
//! files (`terraform.tfvars`, `*.auto.tfvars` and their `.json` forms) give its variables.
//!
//! Each file is parsed with hcl-edit, which keeps byte spans; [`module`] indexes the declarations
//! of all files by name, [`resolve`] follows references within the module, and the builder below
//! turns replication sets, KMS keys and the providers they use into the model. Module calls are
//! not followed: what a child module declares is linted where that module lives.

mod configuration;
mod evaluation;
mod json_syntax;
mod module;
mod nesting;
mod policy;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use hcl::edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl::edit::structure::{Attribute, Block, Body};

use crate::frontend::{Parsed, UnitFile, name_span};
use crate::input_error::InputError;
use crate::model::{
    Deployment, DeprecatedRegion, Engine, Format, Key, KeyArn, KeyChoice, KeyResource, ModuleCall,
    Protection, Provider, ProviderId, ProviderRegion, Region, RegionEntry, RegionSyntax, Regions,
    Renames, ReplicationSet, Schema, Tag, Unit, Value, ValueKind,
};
use crate::source::{FileId, Span, display_path};
use crate::workspace::absolute;
use configuration::Configuration;
pub use configuration::{Directories, instance_limit};
use module::{At, Frame, InstanceId, Resource, attribute, header, span_in};
use resolve::Iteration;

/// Reads the files of one module alone, as a root module whose calls read nothing (the pipeline
/// reads modules with the modules they call: `lint::parse::modules`). A file that does not parse is
/// reported and left out; the unit is built from the others.
pub fn parse(files: &[UnitFile]) -> Parsed {
    let directory = read_directory(files, None);
    let limit = instance_limit(1);
    let unit = build(&directory, &[], &Directories::new(), limit, false).unit;
    Parsed {
        unit,
        prior: None,
        errors: directory.errors,
        unread: Vec::new(),
    }
}

/// The parsed files of one module directory.
pub struct Directory<'s> {
    /// Its absolute path, as module sources name it.
    pub path: PathBuf,
    /// How the user names it, as the name of its unit.
    name: String,
    files: Vec<UnitFile<'s>>,
    configuration: Vec<(FileId, Body)>,
    /// Its override files, in the order Terraform merges them.
    overrides: Vec<(FileId, Body)>,
    /// Its variable files, in the order Terraform loads them: read only where it is the root.
    variable_files: Vec<(FileId, Body)>,
    /// Where `terraform init` installed the modules it calls as a root, by module key (`a.b`,
    /// the calls' names from the root), from `.terraform/modules/modules.json`.
    installed: HashMap<String, PathBuf>,
    /// The files that did not parse.
    pub errors: Vec<InputError>,
}

impl Directory<'_> {
    /// The files it was read from.
    pub fn files(&self) -> impl Iterator<Item = FileId> {
        self.files.iter().map(|file| file.id)
    }

    /// The directories its module calls name, as far as reading it alone tells: local sources,
    /// and the modules `terraform init` installed for it.
    pub fn called(&self) -> Vec<PathBuf> {
        let mut called: Vec<PathBuf> = self.installed.values().cloned().collect();
        for (_, body) in &self.configuration {
            for block in body.get_blocks("module") {
                let source = block.body.get_attribute("source").map(|s| &s.value);
                if let Some(Expression::String(source)) = source
                    && configuration::is_local(source.value())
                {
                    called.push(absolute(&self.path.join(source.value().as_str())));
                }
            }
        }
        called
    }
}

/// The module sources a Terraform file writes (`source = "./modules/x"`), found without parsing
/// it: what the prefilter follows to the modules a directory calls. Other attributes named
/// `source` are found too; they only make irlint look at one more directory.
pub fn written_sources(text: &str) -> Vec<&str> {
    let mut sources = Vec::new();
    for (at, _) in text.match_indices("source") {
        let preceded = text[..at].chars().next_back();
        if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            continue;
        }
        let rest = text[at + "source".len()..].trim_start_matches('"');
        let rest = rest.trim_start_matches([' ', '\t']);
        let Some(rest) = rest.strip_prefix(['=', ':']) else {
            continue;
        };
        let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix('"') else {
            continue;
        };
        if let Some(end) = rest.find(['"', '\n']) {
            sources.push(&rest[..end]);
        }
    }
    sources
}

/// Whether a Terraform file may hold a `moved` or `removed` block (`moved {` in native syntax,
/// `"moved":` in JSON), which `--base` reads even in a module without the set, found without
/// parsing it.
pub fn may_say_what_became_of_sets(text: &str) -> bool {
    ["moved", "removed"].iter().any(|keyword| {
        text.match_indices(keyword).any(|(at, _)| {
            let rest = &text[at + keyword.len()..];
            let native = rest.trim_start_matches([' ', '\t']).starts_with('{');
            let json = rest
                .strip_prefix('"')
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
            native || json
        })
    })
}

/// Whether a module source is a path read in place (`./modules/x`, `../shared`), not a module
/// `terraform init` downloads.
pub fn is_local_source(source: &str) -> bool {
    configuration::is_local(source)
}

/// The modules a manifest of `terraform init` (`.terraform/modules/modules.json`) lists, each
/// with its key (`a.b`) and directory relative to the root module.
fn manifest_entries(text: &str) -> serde_json::Result<Vec<(String, String)>> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        #[serde(rename = "Modules", default)]
        modules: Vec<Installed>,
    }
    #[derive(serde::Deserialize)]
    struct Installed {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Dir")]
        dir: String,
    }
    let manifest: Manifest = serde_json::from_str(text)?;
    let installed = manifest.modules.into_iter();
    // The root module itself is listed with an empty key.
    let installed = installed.filter(|installed| !installed.key.is_empty());
    Ok(installed
        .map(|installed| (installed.key, installed.dir))
        .collect())
}

/// The absolute directories of the modules a manifest lists; none when it cannot be read.
pub fn manifest_directories(root: &Path, text: &str) -> Vec<PathBuf> {
    let entries = manifest_entries(text).unwrap_or_default();
    entries
        .into_iter()
        .map(|(_, directory)| absolute(&root.join(directory)))
        .collect()
}

/// The modules `terraform init` installed for a root, by module key, each at its absolute path.
fn installed_modules(
    root: &Path,
    manifest: UnitFile,
) -> Result<HashMap<String, PathBuf>, InputError> {
    let text = &manifest.source.text;
    let entries = manifest_entries(text).map_err(|error| {
        let line_start: usize = (text.split_inclusive('\n'))
            .take(error.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let offset = (line_start + error.column().saturating_sub(1)).min(text.len());
        InputError {
            path: manifest.source.display_path.clone(),
            span: Some(Span::new(manifest.id, offset, offset)),
            message: format!("not a module manifest of `terraform init`: {error}"),
        }
    })?;
    Ok(entries
        .into_iter()
        .map(|(key, directory)| (key, absolute(&root.join(directory))))
        .collect())
}

/// Parses the variable files the command line gives (`--var-file`, `--var`).
pub fn read_variable_files(files: &[UnitFile]) -> (Vec<(FileId, Body)>, Vec<InputError>) {
    let mut errors = Vec::new();
    let bodies = files
        .iter()
        .filter_map(|file| parse_file(file, &mut errors))
        .collect();
    (bodies, errors)
}

/// Parses one file, a configuration or a variable file; `None`, with the error, when it does
/// not parse.
fn parse_file(file: &UnitFile, errors: &mut Vec<InputError>) -> Option<(FileId, Body)> {
    if let Err(refusal) = nesting::check(&file.source.text) {
        errors.push(refusal_error(*file, &refusal));
        return None;
    }
    let body = match file.source.path.extension() {
        _ if json_syntax::is_configuration(&file.source.path) => json_syntax::configuration(file),
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
}

/// Reads the files of one module directory, with the module manifest `terraform init` wrote
/// there, if any.
pub fn read_directory<'s>(files: &[UnitFile<'s>], manifest: Option<UnitFile>) -> Directory<'s> {
    let mut errors = Vec::new();
    let mut parse_body = |file: &UnitFile| parse_file(file, &mut errors);
    let (mut variable_files, configuration): (Vec<&UnitFile>, Vec<&UnitFile>) = files
        .iter()
        .partition(|file| variable_file_order(file).is_some());
    variable_files.sort_by_key(|file| variable_file_order(file));
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
    let path = files
        .first()
        .and_then(|file| file.source.path.parent())
        .map(absolute)
        .unwrap_or_default();
    let installed = match manifest.map(|manifest| installed_modules(&path, manifest)) {
        Some(Ok(installed)) => installed,
        Some(Err(error)) => {
            errors.push(error);
            HashMap::new()
        }
        None => HashMap::new(),
    };
    Directory {
        path,
        name: unit_name(files),
        files: files.to_vec(),
        configuration,
        overrides,
        variable_files,
        installed,
        errors,
    }
}

/// What building a root module's configuration gave.
pub struct Built {
    pub unit: Option<Unit>,
    /// The directories of the modules its calls read, besides its own.
    pub modules: Vec<PathBuf>,
}

/// The unit of a root module, whose calls read their modules from `directories`, with the
/// variable files the command line gives (`command_line`, in order) after its own, and at most
/// `max_instances` module instances. A root that declares no set, and says nothing of one, is
/// no unit, unless `keep_without_sets` asks for its keys (a module whose set a change deletes).
pub fn build(
    root: &Directory,
    command_line: &[(FileId, Body)],
    directories: &Directories,
    max_instances: usize,
    keep_without_sets: bool,
) -> Built {
    let configuration = Configuration::new(
        root,
        &[root.variable_files.as_slice(), command_line],
        directories,
        max_instances,
    );
    let modules = configuration
        .paths()
        .skip(1)
        .map(Path::to_path_buf)
        .collect();
    // A module whose `removed` or `moved` blocks say what became of a set is a unit without
    // one: `--base` reads them.
    let declares = configuration.modules.iter().any(|module| {
        !module.replication_sets.is_empty()
            || !module.removed.is_empty()
            || !module.moved.is_empty()
    });
    let texts = (0..configuration.modules.len())
        .flat_map(|module| &configuration.directory(module).files)
        .map(|file| (file.id, file.source.text.as_str()))
        .collect();
    let unit = (declares || keep_without_sets).then(|| {
        Builder {
            configuration: &configuration,
            texts,
            providers: Vec::new(),
            provider_ids: HashMap::new(),
        }
        .build(root.name.clone())
    });
    Built { unit, modules }
}

/// Whether Terraform merges the file over the module's others: `override.tf`, `*_override.tf`,
/// and their JSON forms (`override.tf.json`).
fn is_override(file: &UnitFile) -> bool {
    let stem = file.source.path.file_stem().and_then(|s| s.to_str());
    // The stem of `override.tf.json` is `override.tf`.
    let stem = stem.map(|stem| stem.strip_suffix(".tf").unwrap_or(stem));
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
    let object = json_syntax::parse_object(
        file,
        "a JSON variable file holds one object, of variable names and values",
    )?;
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

/// The caller's provider that a call's `providers` map passes for `address` (`aws = aws.west`):
/// `None` when it passes none for it, unknown when the map cannot be read.
fn passed_provider(
    providers: Option<At<Expression>>,
    address: &str,
) -> Option<Result<String, Value<String>>> {
    let providers = providers?;
    let Expression::Object(object) = providers.node else {
        return Some(Err(Value::unknown(
            providers.span(),
            "a `providers` argument that is not a map written out",
        )));
    };
    object.iter().find_map(|(key, value)| {
        let passed_for = match key {
            ObjectKey::Ident(name) => name.as_str().to_owned(),
            ObjectKey::Expression(key) => reference_address(providers.with(key)),
        };
        (passed_for == address).then(|| Ok(reference_address(providers.with(value.expr()))))
    })
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
/// block's opening brace, renamed and declaring the iterator its content names `region`, in the
/// file's syntax: in JSON's (`"region": {`), the label and the iterator are properties.
fn iterator_fix(text: &str, word: Span, block: Span) -> Option<(Span, String)> {
    let brace = word.end + text.get(word.end..)?.find('{')? + 1;
    let line_start = text.get(..block.start)?.rfind('\n').map_or(0, |at| at + 1);
    let indent = text.get(line_start..block.start)?;
    let replacement = if text.get(word.end..brace)?.contains(':') {
        // In a file written on one line, the block does not start its line.
        let line_break = if indent.trim_start_matches([' ', '\t']).is_empty() {
            format!("\n{indent}  ")
        } else {
            String::new()
        };
        format!("regions\": {{{line_break}\"iterator\": \"region\",")
    } else {
        format!("regions\" {{\n{indent}  iterator = region")
    };
    Some((Span::new(word.file, word.start, brace), replacement))
}

/// Turns the configuration's declarations into the model, creating providers as they are used.
struct Builder<'c, 'a> {
    configuration: &'c Configuration<'a>,
    /// The text of each file, for the fixes that insert code.
    texts: HashMap<FileId, &'a str>,
    providers: Vec<Provider>,
    /// The providers created, by the instance and address they were asked for in.
    provider_ids: HashMap<(InstanceId, String), ProviderId>,
}

impl<'a> Builder<'_, 'a> {
    fn build(mut self, name: String) -> Unit {
        let configuration = self.configuration;
        let instances = || {
            (0..configuration.instances.len()).map(|index| {
                let instance = InstanceId(index);
                (instance, configuration.module_of(instance))
            })
        };
        let mut keys = Vec::new();
        for (instance, module) in instances() {
            for key in &module.keys {
                keys.push(self.key(instance, &key.within(Frame::Module(instance))));
            }
        }
        let mut replication_sets = Vec::new();
        for (instance, module) in instances() {
            for set in &module.replication_sets {
                let set = self.replication_set(instance, &set.within(Frame::Module(instance)));
                // A set the files say is created no time (`count = 0`, `count = var.enabled ? 1
                // : 0` with `enabled` false, `for_each = {}`) is not there to lint.
                if set.instances.known() != Some(&0) {
                    replication_sets.push(set);
                }
            }
        }
        let (aws_provider_major, renames) = (self.aws_provider_major(), self.renames());
        let module_calls = (configuration.instances.iter())
            .filter_map(|instance| {
                let call = instance.call.as_ref()?;
                let directory = configuration.directory(instance.module);
                Some(ModuleCall {
                    address: instance.address.clone(),
                    verb: "called",
                    span: header(call.call.block),
                    block: call.call.block.span(),
                    files: directory.files().collect(),
                })
            })
            .collect();
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
            module_calls,
            unread: Vec::new(),
        }
    }

    /// What the `moved` and `removed` blocks of every module instance say became of sets: a
    /// move, or a removal from the code that keeps the set (`lifecycle { destroy = false }`),
    /// each address within its instance.
    fn renames(&self) -> Renames {
        let configuration = self.configuration;
        let mut renames = Renames::default();
        for (index, instance) in configuration.instances.iter().enumerate() {
            let frame = Frame::Module(InstanceId(index));
            let module = &configuration.modules[instance.module];
            let prefix = instance.prefix();
            let address = |block: At<'a, Block>, name| {
                attribute(block, name).map(|at| format!("{prefix}{}", reference_address(at)))
            };
            for block in module.moved.iter().map(|block| block.within(frame)) {
                if let (Some(from), Some(to)) = (address(block, "from"), address(block, "to")) {
                    renames.moved.push((from, to));
                }
            }
            for block in module.removed.iter().map(|block| block.within(frame)) {
                let lifecycle = block.node.body.get_blocks("lifecycle").next();
                let destroy = lifecycle.and_then(|l| attribute(block.with(l), "destroy"));
                let kept = destroy.is_some_and(|destroy| {
                    configuration.boolean(destroy, None).known() == Some(&false)
                });
                if let (true, Some(from)) = (kept, address(block, "from")) {
                    renames.kept.push(from);
                }
            }
        }
        renames
    }

    /// The lowest major version of the AWS provider that the constraints of all the modules read
    /// allow: the highest of what each allows; unknown only when no constraint can be read.
    fn aws_provider_major(&self) -> Option<Value<u64>> {
        let configuration = self.configuration;
        // Each module's constraints once, read in the first of its instances.
        let mut modules_seen = HashSet::new();
        let first_instances: Vec<InstanceId> = (configuration.instances.iter().enumerate())
            .filter(|(_, instance)| modules_seen.insert(instance.module))
            .map(|(index, _)| InstanceId(index))
            .collect();
        let constraints = first_instances.into_iter().flat_map(|instance| {
            let module = configuration.module_of(instance);
            let frame = Frame::Module(instance);
            module.aws_versions.iter().map(move |at| at.within(frame))
        });
        let (known, unknown): (Vec<Value<u64>>, Vec<Value<u64>>) = constraints
            .map(|constraint| {
                let text = configuration.string(constraint, None);
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

    /// The provider a `provider` meta-argument written in an instance names, or the default
    /// one of that name.
    fn provider_or(
        &mut self,
        instance: InstanceId,
        reference: Option<At<'a, Expression>>,
        default: &str,
    ) -> ProviderId {
        let address = reference.map_or_else(|| default.to_owned(), reference_address);
        self.provider_at(
            instance,
            address,
            reference.map(|reference| reference.span()),
        )
    }

    /// The provider an address names in an instance: the instance's module configures it, or
    /// its call passes one of the caller's (`providers = { aws = aws.west }`), or it inherits
    /// the caller's default provider of that name. `used` is where the address is written.
    fn provider_at(
        &mut self,
        instance: InstanceId,
        address: String,
        used: Option<Span>,
    ) -> ProviderId {
        if let Some(id) = self.provider_ids.get(&(instance, address.clone())) {
            return *id;
        }
        let configuration = self.configuration;
        let module = configuration.module_of(instance);
        let of_instance = &configuration.instances[instance.0];
        let frame = Frame::Module(instance);
        let in_module = match of_instance.address.as_str() {
            "" => String::new(),
            address => format!(" of {address}"),
        };
        let id = match (module.providers.get(&address), &of_instance.call) {
            (Some(block), _) => {
                let region = match block.region {
                    Some(region) => {
                        let region = configuration.string(region.within(frame), None);
                        ProviderRegion::written(region, ProviderRegion::Deployment)
                    }
                    None => ProviderRegion::Deployment,
                };
                self.new_provider(
                    format!("provider `{address}`{in_module}"),
                    Some(header(block.block)),
                    region,
                )
            }
            (None, Some(call)) => {
                let (parent, call_span) = (call.parent, call.call.block.span());
                match passed_provider(call.call.argument("providers"), &address) {
                    Some(Ok(passed)) => self.provider_at(parent, passed, used),
                    Some(Err(unknown)) => self.new_provider(
                        format!("provider `{address}`{in_module}"),
                        None,
                        ProviderRegion::Code(unknown),
                    ),
                    // Only default providers (without an alias) are inherited.
                    None if !address.contains('.') => {
                        self.provider_at(parent, address.clone(), used)
                    }
                    None => self.new_provider(
                        format!("provider `{address}`{in_module}"),
                        None,
                        ProviderRegion::Code(Value::unknown(
                            used.unwrap_or(call_span),
                            format!(
                                "provider `{address}` is not passed to {}",
                                of_instance.address
                            ),
                        )),
                    ),
                }
            }
            (None, None) => {
                let region = match used {
                    // An aliased provider the root does not configure is passed in by its
                    // caller, if any.
                    Some(used) if address.contains('.') => ProviderRegion::Code(Value::unknown(
                        used,
                        format!("provider `{address}` is not configured in this module"),
                    )),
                    // Without a `provider "aws"` block, the default provider takes its region
                    // from the environment.
                    _ => ProviderRegion::Deployment,
                };
                self.new_provider(format!("provider `{address}`"), None, region)
            }
        };
        self.provider_ids.insert((instance, address), id);
        id
    }

    fn new_provider(
        &mut self,
        name: String,
        span: Option<Span>,
        region: ProviderRegion,
    ) -> ProviderId {
        let id = ProviderId(self.providers.len());
        self.providers.push(Provider { name, span, region });
        id
    }

    fn region(&mut self, at: At<'a, Expression>, scope: Option<&Iteration<'a>>) -> Value<Region> {
        let configuration = self.configuration;
        configuration.region(at, scope, &mut |instance, reference| {
            self.provider_or(instance, reference, "aws")
        })
    }

    fn key(&mut self, instance: InstanceId, key: &Resource<'a>) -> Key {
        let configuration = self.configuration;
        let span = key.header();
        let provider_reference = key.attribute("provider");
        let provider = self.provider_or(instance, provider_reference, key.default_provider());
        let region = match key.attribute("region") {
            // Provider v6 lets a resource choose its region.
            Some(region) => self.region(region, None),
            None => Value::literal(
                provider_reference.map_or(span, |reference| reference.span()),
                Region::OfProvider(provider),
            ),
        };
        let first = |names: &[&str]| names.iter().find_map(|name| key.attribute(name));
        let string = |names: &[&str]| first(names).map(|at| configuration.string(at, None));
        let resource = match key.kind {
            "aws_kms_replica_key" => KeyResource::ReplicaKey,
            "aws_kms_external_key" => KeyResource::ExternalKey,
            _ => KeyResource::Key,
        };
        Key {
            identity: format!(
                "{}{}",
                configuration.instances[instance.0].prefix(),
                key.address()
            ),
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
            enabled: first(&["is_enabled", "enabled"]).map(|at| configuration.boolean(at, None)),
            custom_key_store: first(&["custom_key_store_id"])
                .and_then(|at| configuration.set_string(at, None)),
            policy: first(&["policy", "key_policy"]).map(|at| configuration.key_policy(at)),
            kept_on_removal: false,
        }
    }

    fn replication_set(&mut self, instance: InstanceId, set: &Resource<'a>) -> ReplicationSet {
        let configuration = self.configuration;
        let (count, for_each) = (set.attribute("count"), set.attribute("for_each"));
        let address = format!(
            "{}{}",
            configuration.instances[instance.0].prefix(),
            set.address()
        );
        let identity = if count.is_some() || for_each.is_some() {
            format!("{address}[…]")
        } else {
            address
        };
        let provider_reference = set.attribute("provider");
        let provider = self.provider_or(instance, provider_reference, set.default_provider());
        let provider_chosen = provider_reference.map(|reference| reference.span());
        let instances = match configuration.uncounted(instance) {
            Some(uncounted) => uncounted.clone(),
            None => configuration.count_instances(count, for_each, set.header()),
        };
        if set.default_provider() == "awscc" {
            return ReplicationSet {
                identity,
                span: set.header(),
                schema: Schema::CloudFormation,
                regions: self.cloud_control_regions(set),
                region_syntax: RegionSyntax::default(),
                deletion_protection: match set.attribute("deletion_protected") {
                    Some(at) => Protection::Set(configuration.boolean(at, None)),
                    None => Protection::Absent,
                },
                tags: self.cloud_control_tags(set),
                arguments: Some(Self::set_arguments(set)),
                provider,
                provider_chosen,
                deployment: None,
                instances,
                kept_on_removal: false,
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
            arguments: Some(Self::set_arguments(set)),
            provider,
            provider_chosen,
            deployment: None,
            instances,
            kept_on_removal: false,
        }
    }

    /// The set's arguments and nested blocks as written, override files merged, for checking
    /// against the resource type's schema; the meta-arguments every resource takes are left
    /// out. Names are matched exactly, as Terraform does.
    fn set_arguments(set: &Resource<'a>) -> crate::model::SetArguments {
        use crate::model::{Argument, Case, Naming, SetArguments};
        const META_ARGUMENTS: &[&str] = &[
            "count",
            "for_each",
            "provider",
            "lifecycle",
            "depends_on",
            "provisioner",
            "connection",
        ];
        let mut attributes: Vec<At<'a, Attribute>> = Vec::new();
        for block in std::iter::once(&set.block).chain(&set.overrides) {
            for attribute in block.node.body.attributes() {
                let name = attribute.key.as_str();
                // An override's attribute replaces the one it overrides.
                attributes.retain(|known| known.node.key.as_str() != name);
                attributes.push(block.with(attribute));
            }
        }
        let mut arguments = crate::model::Arguments {
            span: set.header(),
            written: Vec::new(),
            complete: true,
        };
        for attribute in attributes {
            if META_ARGUMENTS.contains(&attribute.node.key.as_str()) {
                continue;
            }
            if let Some(argument) = Self::attribute_argument(attribute) {
                arguments.written.push(argument);
            }
        }
        for block in set.blocks() {
            let argument: Argument = Self::block_argument(block);
            if !META_ARGUMENTS.contains(&argument.name.as_str()) {
                arguments.written.push(argument);
            }
        }
        // The type's name as the module table holds it, which outlives the files.
        let resource_type = (module::REPLICATION_SETS.iter())
            .find(|kind| **kind == set.kind)
            .copied()
            .unwrap_or("aws_ssmincidents_replication_set");
        SetArguments {
            resource_type,
            naming: Naming {
                case: Case::Snake,
                exact: true,
            },
            arguments,
        }
    }

    /// An attribute as an argument; `None` when it is `null`, which leaves it unset.
    fn attribute_argument(attribute: At<'a, Attribute>) -> Option<crate::model::Argument> {
        Some(crate::model::Argument {
            name: attribute.node.key.as_str().to_owned(),
            name_span: span_in(attribute.file, &attribute.node.key),
            value: Self::expression_value(attribute.with(&attribute.node.value))?,
        })
    }

    /// A nested block as an argument of its type: a `dynamic` block as one block of the type it
    /// generates, its `content`.
    fn block_argument(block: At<'a, Block>) -> crate::model::Argument {
        use crate::model::{Argument, ArgumentValue, Arguments};
        let node = block.node;
        let keyword = span_in(block.file, &node.ident);
        match (node.ident.as_str(), node.labels.as_slice()) {
            ("dynamic", [label]) => Argument {
                name: label.as_str().to_owned(),
                name_span: span_in(block.file, label),
                value: ArgumentValue::Block(match node.body.get_blocks("content").next() {
                    Some(content) => Self::body_arguments(block.with(content), keyword),
                    None => Arguments::unread(keyword),
                }),
            },
            (name, _) => Argument {
                name: name.to_owned(),
                name_span: keyword,
                value: ArgumentValue::Block(Self::body_arguments(block, keyword)),
            },
        }
    }

    /// The attributes and nested blocks of a block's body, written at `span`.
    fn body_arguments(block: At<'a, Block>, span: Span) -> crate::model::Arguments {
        let body = &block.node.body;
        let attributes = (body.attributes())
            .filter_map(|attribute| Self::attribute_argument(block.with(attribute)));
        let blocks = (body.blocks()).map(|nested| Self::block_argument(block.with(nested)));
        crate::model::Arguments {
            span,
            written: attributes.chain(blocks).collect(),
            complete: true,
        }
    }

    /// The shape of an expression as written; `None` for `null`. References, calls and
    /// conditions are of a shape not read.
    fn expression_value(at: At<'a, Expression>) -> Option<crate::model::ArgumentValue> {
        use crate::model::{Argument, ArgumentValue, Arguments};
        let span = at.span();
        Some(match at.node {
            Expression::Null(_) => return None,
            Expression::Bool(_) => ArgumentValue::Bool(span),
            Expression::Number(_) => ArgumentValue::Number(span),
            Expression::String(text) => ArgumentValue::Text {
                span,
                text: Some(text.as_str().to_owned()),
            },
            Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
                ArgumentValue::Text { span, text: None }
            }
            Expression::Array(array) => ArgumentValue::List {
                span,
                items: (array.iter())
                    .filter_map(|item| Self::expression_value(at.with(item)))
                    .collect(),
            },
            Expression::Object(object) => {
                let mut arguments = Arguments {
                    span,
                    written: Vec::new(),
                    complete: true,
                };
                for (key, value) in object.iter() {
                    let (name, name_span) = match key {
                        ObjectKey::Ident(name) => (name.as_str(), span_in(at.file, name)),
                        ObjectKey::Expression(Expression::String(name)) => {
                            (name.as_str(), span_in(at.file, name))
                        }
                        // A key computed from an expression may be any.
                        ObjectKey::Expression(_) => {
                            arguments.complete = false;
                            continue;
                        }
                    };
                    if let Some(value) = Self::expression_value(at.with(value.expr())) {
                        arguments.written.push(Argument {
                            name: name.to_owned(),
                            name_span,
                            value,
                        });
                    }
                }
                ArgumentValue::Object(arguments)
            }
            Expression::Parenthesis(inner) => {
                return Self::expression_value(at.with(inner.inner()));
            }
            _ => ArgumentValue::Unknown(span),
        })
    }

    /// The Cloud Control set's `regions`: a list of `{ region_name, region_configuration = {
    /// sse_kms_key_id } }`, CloudFormation's shape.
    fn cloud_control_regions(&mut self, set: &Resource<'a>) -> Regions {
        let module = self.configuration;
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
                may_be_absent: false,
            });
        }
        Regions::Listed(entries)
    }

    /// The Cloud Control set's `tags`: a list of `{ key, value }`.
    fn cloud_control_tags(&self, set: &Resource<'a>) -> Vec<Tag> {
        let module = self.configuration;
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
                        let count =
                            for_each.map(|e| self.configuration.elements(e).map(|e| e.len()));
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
                .configuration
                .key_choice(attribute(block, "kms_key_arn"), scope),
            may_be_absent: false,
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
            .configuration
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
            .and_then(|tags| self.configuration.object(tags))
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
                    ObjectKey::Expression(expr) => self.configuration.string(tags.with(expr), None),
                };
                let value = self.configuration.string(tags.with(value.expr()), None);
                Tag {
                    span: key.span.to(value.span),
                    key,
                    value,
                }
            })
            .collect()
    }
}
