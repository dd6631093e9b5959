//! One scenario, every language: the Pulumi front-ends must not drift apart.
//!
//! Each [`Scenario`] describes a Pulumi project once: stack regions, providers, KMS keys and
//! replication sets, and the findings it must give. A [`Language`] renders it as an idiomatic
//! program of its own (TypeScript, Python, Go, C#, Java, YAML), recording the line of each
//! marked construct ([`Mark`]: a set's declaration, a region's name, a region's key, a tag, a
//! key policy, a provider's region). Every language's projects are written into a directory of
//! their own and linted by one run of the binary with `--format json`; each project must give
//! exactly the expected rules at the lines its own rendering put the marks on, with the same
//! level, fix and message in every language, and no input error.
//!
//! A language that cannot say what a scenario says skips it, with the reason
//! ([`Scenario::skip`]), which hides no finding the language should give.
//!
//! A scenario is one more entry in [`scenarios`]; a construct is one more variant and a line in
//! each renderer. `IRLINT_LANGUAGES_KEEP=<dir>` keeps a copy of the programs linted.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

mod support;

/// A region name as a program writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Region {
    /// A string literal where it is used.
    Literal(&'static str),
    /// A variable of the program bound to a literal.
    Variable(&'static str),
    /// A helper function (a method in C# and Java) that returns a literal.
    Helper(&'static str),
    /// A helper that returns its parameter, given the literal by its one call:
    /// `usWest2Passed("us-west-2")`.
    Passed(&'static str),
    /// A constant of another file: a module, a package, a class.
    Constant(&'static str),
    /// The region a lookup names: `aws.getRegionOutput({ name: "us-west-2" }).name`.
    Lookup(&'static str),
    /// The stack's region, as a lookup without arguments gives it: `aws.getRegionOutput().name`.
    Stack,
    /// The stack's region, as the configuration gives it: `aws.config.region`.
    Configured,
}

/// The key of a region, as a program writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyUse {
    AwsOwned,
    /// A declared key's ARN: `key.arn`.
    Arn(&'static str),
    /// A declared key's ARN through a variable: `const keyArn = key.arn`.
    ArnVariable(&'static str),
    /// A declared key's id: `key.keyId`.
    Id(&'static str),
    /// A literal: a key ARN, an alias, an alias ARN.
    Text(&'static str),
    /// A required configuration value, `config.require("keyArn")`: some customer managed key.
    Required,
    /// An optional configuration value, `config.get("keyArn")`: a key or none.
    Optional,
    /// The ARN of a key looked up by its alias, `aws.kms.getKeyOutput({ keyId }).arn`: some
    /// customer managed key.
    LookedUp,
    /// The ARN of an alias the program declares, `alias.arn`: an alias, not a key.
    AliasArn(&'static str),
}

/// A KMS key the program declares.
#[derive(Clone, Copy, Debug)]
struct KeyDef {
    /// The key's variable (and resource name).
    name: &'static str,
    /// `aws.kms.ExternalKey` (imported key material) rather than `aws.kms.Key`.
    external: bool,
    /// The provider that creates it.
    provider: Option<&'static str>,
    /// pulumi-aws v7's per-resource `region` input.
    region: Option<&'static str>,
    spec: Option<&'static str>,
    usage: Option<&'static str>,
    custom_key_store: Option<&'static str>,
    enabled: Option<bool>,
    /// Statements of an explicit key policy, serialised as JSON: effect and actions.
    policy: Option<&'static [(&'static str, &'static [&'static str])]>,
    /// Created by a helper function that returns it, rather than where it is bound.
    helper: bool,
    /// The helper lives in another file: a module, a package, a class.
    module: bool,
}

const KEY: KeyDef = KeyDef {
    name: "",
    external: false,
    provider: None,
    region: None,
    spec: None,
    usage: None,
    custom_key_store: None,
    enabled: None,
    policy: None,
    helper: false,
    module: false,
};

fn key(name: &'static str) -> KeyDef {
    KeyDef { name, ..KEY }
}

/// Which input holds a set's regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Regions,
    /// pulumi-aws v7's deprecated `region` list.
    Region,
    /// `regions` with every entry but the last, `region` with the last.
    Both,
}

#[derive(Clone, Debug)]
struct SetDef {
    name: &'static str,
    entries: Vec<(Region, KeyUse)>,
    provider: Option<&'static str>,
    tags: &'static [(&'static str, &'static str)],
    syntax: Syntax,
    /// Created by a helper function the program calls, rather than by the program itself.
    helper: bool,
    /// Its tags are a map the program binds to a variable first.
    shared_tags: bool,
    built: Built,
}

/// How a set's list of regions is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Built {
    /// Each entry in the list.
    Written,
    /// A loop over the region names appends an entry for each to a list variable:
    /// `for (const name of […]) { regions.push({ name }); }`.
    Looped,
    /// The names mapped to entries: `[…].map(name => ({ name }))`, a comprehension, `Select`, a
    /// stream's `map`; Go, which has none, appends an entry bound in the loop's body.
    Mapped,
}

fn set(name: &'static str, entries: &[(Region, KeyUse)]) -> SetDef {
    SetDef {
        name,
        entries: entries.to_vec(),
        provider: None,
        tags: &[],
        syntax: Syntax::Regions,
        helper: false,
        shared_tags: false,
        built: Built::Written,
    }
}

/// A set whose regions are built by a loop over their names (each with the AWS-owned key).
fn built(name: &'static str, built: Built, regions: &[&'static str]) -> SetDef {
    let entries: Vec<Region> = regions.iter().map(|r| Region::Literal(r)).collect();
    SetDef {
        built,
        ..set(name, &owned(&entries))
    }
}

/// The region names of a set built by a loop, quoted and separated by commas.
fn looped_names(set: &SetDef) -> String {
    let names = set.entries.iter().map(|entry| match entry {
        (Region::Literal(name), KeyUse::AwsOwned) => quoted(name),
        other => panic!("a loop builds regions from names only: {other:?}"),
    });
    names.collect::<Vec<_>>().join(", ")
}

/// Marks the next line as the name and key of every entry: a loop's element is each of them.
fn mark_entries(out: &mut Out, set: &SetDef) {
    for index in 0..set.entries.len() {
        mark_entry(out, set, index);
    }
}

/// Regions with the AWS-owned key.
fn owned(regions: &[Region]) -> Vec<(Region, KeyUse)> {
    regions.iter().map(|r| (*r, KeyUse::AwsOwned)).collect()
}

/// A construct whose line a finding may point at.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Mark {
    /// Where a set is declared (its name).
    Set(&'static str),
    /// The name of a set's region, by index.
    Entry(&'static str, usize),
    /// The key of a set's region, by index (for the AWS-owned key, the region's name).
    KeyOf(&'static str, usize),
    /// A set's deprecated `region` input.
    RegionInput(&'static str),
    Tag(&'static str, &'static str),
    /// A key's policy document.
    Policy(&'static str),
    /// A provider's `region` input.
    Provider(&'static str),
    /// The `aws:region` of a stack file.
    Stack(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Lang {
    TypeScript,
    Python,
    Go,
    CSharp,
    Java,
    Yaml,
}

struct Scenario {
    name: &'static str,
    /// Stack files and their `aws:region`.
    stacks: &'static [(&'static str, &'static str)],
    /// Explicit providers and their regions.
    providers: Vec<(&'static str, Region)>,
    keys: Vec<KeyDef>,
    /// KMS aliases the program declares, and the key each names.
    aliases: &'static [(&'static str, &'static str)],
    sets: Vec<SetDef>,
    expected: Vec<(&'static str, Mark)>,
    /// Languages that cannot say what the scenario says, and why.
    skip: &'static [(Lang, &'static str)],
}

const SCENARIO: Scenario = Scenario {
    name: "",
    stacks: &[],
    providers: Vec::new(),
    keys: Vec::new(),
    aliases: &[],
    sets: Vec::new(),
    expected: Vec::new(),
    skip: &[],
};

impl Scenario {
    fn key_uses(&self) -> impl Iterator<Item = KeyUse> + '_ {
        self.sets
            .iter()
            .flat_map(|set| set.entries.iter().map(|(_, key)| *key))
    }

    /// Every region form the program writes, once each, in a stable order.
    fn regions(&self) -> BTreeSet<Region> {
        self.sets
            .iter()
            .flat_map(|set| set.entries.iter().map(|(region, _)| *region))
            .chain(self.providers.iter().map(|(_, region)| *region))
            .collect()
    }

    fn constants(&self) -> Vec<&'static str> {
        self.regions()
            .into_iter()
            .filter_map(|region| match region {
                Region::Constant(name) => Some(name),
                _ => None,
            })
            .collect()
    }

    fn helpers(&self) -> Vec<&'static str> {
        self.regions()
            .into_iter()
            .filter_map(|region| match region {
                Region::Helper(name) => Some(name),
                _ => None,
            })
            .collect()
    }

    fn passed(&self) -> Vec<&'static str> {
        self.regions()
            .into_iter()
            .filter_map(|region| match region {
                Region::Passed(name) => Some(name),
                _ => None,
            })
            .collect()
    }

    /// Whether a set's regions are built so.
    fn builds(&self, built: Built) -> bool {
        self.sets.iter().any(|set| set.built == built)
    }

    fn uses(&self, region: Region) -> bool {
        self.regions().contains(&region)
    }

    fn uses_config(&self) -> bool {
        self.key_uses()
            .any(|key| matches!(key, KeyUse::Required | KeyUse::Optional))
    }

    fn uses_lookups(&self) -> bool {
        self.regions()
            .iter()
            .any(|region| matches!(region, Region::Lookup(_) | Region::Stack))
    }

    fn uses_key_lookup(&self) -> bool {
        self.key_uses().any(|key| key == KeyUse::LookedUp)
    }

    fn uses_policy(&self) -> bool {
        self.keys
            .iter()
            .any(|key| key.policy.is_some() && !key.module)
    }

    /// The keys whose helper lives in the program's entry file.
    fn local_helpers(&self) -> impl Iterator<Item = &KeyDef> {
        self.keys.iter().filter(|key| key.helper && !key.module)
    }

    /// The keys whose helper lives in another file.
    fn module_helpers(&self) -> impl Iterator<Item = &KeyDef> {
        self.keys.iter().filter(|key| key.module)
    }

    /// Whether the program declares functions of its own.
    fn has_functions(&self) -> bool {
        !self.helpers().is_empty()
            || !self.passed().is_empty()
            || self.local_helpers().next().is_some()
            || self.sets.iter().any(|set| set.helper)
    }

    /// The variables bound to a declared key's ARN.
    fn arn_variables(&self) -> BTreeSet<&'static str> {
        self.key_uses()
            .filter_map(|key| match key {
                KeyUse::ArnVariable(name) => Some(name),
                _ => None,
            })
            .collect()
    }
}

// Names as each language spells them: `us-east-1` is `usEast1`, `UsEast1`, `us_east_1`,
// `US_EAST_1`.

fn words(text: &str) -> Vec<String> {
    text.split(['-', '_']).map(str::to_owned).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn camel(text: &str) -> String {
    let words = words(text);
    let mut name = words[0].clone();
    for word in &words[1..] {
        name += &capitalised(word);
    }
    name
}

fn pascal(text: &str) -> String {
    words(text).iter().map(|w| capitalised(w)).collect()
}

fn snake(text: &str) -> String {
    words(text).join("_")
}

fn upper(text: &str) -> String {
    snake(text).to_uppercase()
}

/// `customerMasterKeySpec` as Python spells it.
fn snake_of_camel(input: &str) -> String {
    let mut name = String::new();
    for c in input.chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// `", "` between items, none after the last (Java's argument lists).
fn comma(index: usize, count: usize) -> &'static str {
    if index + 1 < count { "," } else { "" }
}

/// A file being written, with the lines of its marks.
#[derive(Default)]
struct Out {
    text: String,
    marks: Vec<(Mark, usize)>,
}

impl Out {
    fn line(&mut self, text: impl AsRef<str>) {
        self.text += text.as_ref();
        self.text.push('\n');
    }

    /// An empty line, unless at the start of the file or of a block.
    fn blank(&mut self) {
        if !(self.text.is_empty() || self.text.ends_with("{\n") || self.text.ends_with("\n\n")) {
            self.line("");
        }
    }

    /// Marks the next line written.
    fn mark(&mut self, mark: Mark) {
        let line = self.text.matches('\n').count() + 1;
        self.marks.push((mark, line));
    }

    fn marked(&mut self, mark: Mark, text: impl AsRef<str>) {
        self.mark(mark);
        self.line(text);
    }
}

/// A scenario written in one language: its files and where its marks are.
#[derive(Default)]
struct Project {
    files: Vec<(String, String)>,
    marks: HashMap<Mark, (String, usize)>,
}

impl Project {
    fn add(&mut self, path: &str, out: Out) {
        for (mark, line) in out.marks {
            let previous = self.marks.insert(mark.clone(), (path.to_owned(), line));
            assert!(previous.is_none(), "{mark:?} marked twice");
        }
        self.files.push((path.to_owned(), out.text));
    }

    fn file(&mut self, path: &str, text: impl Into<String>) {
        self.files.push((path.to_owned(), text.into()));
    }

    /// `Pulumi.yaml` (unless the program is it) and a stack file per stack.
    fn stacks(&mut self, scenario: &Scenario, runtime: Option<&str>) {
        if let Some(runtime) = runtime {
            self.file(
                "Pulumi.yaml",
                format!("name: {}\nruntime: {runtime}\n", scenario.name),
            );
        }
        for (stack, region) in scenario.stacks {
            let mut out = Out::default();
            out.line("config:");
            out.marked(Mark::Stack(stack), format!("  aws:region: {region}"));
            self.add(&format!("Pulumi.{stack}.yaml"), out);
        }
    }
}

struct Language {
    lang: Lang,
    name: &'static str,
    render: fn(&Scenario) -> Project,
    /// How it spells an input of the schema (`region`): Go's struct fields and C#'s properties
    /// are capitalised.
    input: fn(&str) -> String,
    /// How it reads a key's ARN, `{key}` standing for the key's variable.
    key_arn: &'static str,
}

const LANGUAGES: &[Language] = &[
    Language {
        lang: Lang::TypeScript,
        name: "TypeScript",
        render: typescript,
        input: str::to_owned,
        key_arn: "{key}.arn",
    },
    Language {
        lang: Lang::Python,
        name: "Python",
        render: python,
        input: str::to_owned,
        key_arn: "{key}.arn",
    },
    Language {
        lang: Lang::Go,
        name: "Go",
        render: go,
        input: capitalised,
        key_arn: "{key}.Arn",
    },
    Language {
        lang: Lang::CSharp,
        name: "C#",
        render: csharp,
        input: capitalised,
        key_arn: "{key}.Arn",
    },
    Language {
        lang: Lang::Java,
        name: "Java",
        render: java,
        input: str::to_owned,
        key_arn: "{key}.arn()",
    },
    Language {
        lang: Lang::Yaml,
        name: "YAML",
        render: yaml,
        input: str::to_owned,
        key_arn: "${{key}.arn}",
    },
];

const ACCOUNT_ROOT: &str = "arn:aws:iam::111122223333:root";

/// The inputs of a key but its policy, one a line, as `(camelCase name, value)` with values
/// written by the language's `string` and `boolean`.
fn key_inputs(
    key: &KeyDef,
    string: impl Fn(&str) -> String,
    boolean: impl Fn(bool) -> String,
) -> Vec<(&'static str, String)> {
    let mut inputs = vec![("description", string("Incident Manager"))];
    if let Some(region) = key.region {
        inputs.push(("region", string(region)));
    }
    if let Some(spec) = key.spec {
        inputs.push(("customerMasterKeySpec", string(spec)));
    }
    if let Some(usage) = key.usage {
        inputs.push(("keyUsage", string(usage)));
    }
    if let Some(store) = key.custom_key_store {
        inputs.push(("customKeyStoreId", string(store)));
    }
    if let Some(enabled) = key.enabled {
        let name = if key.external { "enabled" } else { "isEnabled" };
        inputs.push((name, boolean(enabled)));
    }
    inputs
}

fn key_class(key: &KeyDef) -> &'static str {
    if key.external { "ExternalKey" } else { "Key" }
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// The quoted actions of a statement, joined by `, `.
fn actions(actions: &[&str]) -> String {
    let quoted: Vec<String> = actions.iter().map(|a| quoted(a)).collect();
    quoted.join(", ")
}

/// An entry of a set, with its index among the set's entries.
type Indexed = (usize, (Region, KeyUse));

/// The inputs that hold a set's entries, with the entries of each.
fn split(set: &SetDef) -> Vec<(&'static str, Vec<Indexed>)> {
    let indexed: Vec<Indexed> = set.entries.iter().copied().enumerate().collect();
    match set.syntax {
        Syntax::Regions => vec![("regions", indexed)],
        Syntax::Region => vec![("region", indexed)],
        Syntax::Both => {
            let (first, last) = indexed.split_at(indexed.len() - 1);
            vec![("regions", first.to_vec()), ("region", last.to_vec())]
        }
    }
}

/// Marks an entry's line as its region's name and its key.
fn mark_entry(out: &mut Out, set: &SetDef, index: usize) {
    out.mark(Mark::Entry(set.name, index));
    out.mark(Mark::KeyOf(set.name, index));
}

/// The sets whose tags are a variable of their own.
fn shared_tags(s: &Scenario) -> impl Iterator<Item = &SetDef> {
    s.sets.iter().filter(|set| set.shared_tags)
}

/// A map of tags: `open`, a line per tag (`entry` of key, value and the comma Java wants,
/// marked) at `indent`, and `close` unless empty.
fn tag_map(
    out: &mut Out,
    set: &SetDef,
    open: &str,
    indent: &str,
    entry: impl Fn(&str, &str, &str) -> String,
    close: &str,
) {
    out.line(open);
    for (index, (key, value)) in set.tags.iter().enumerate() {
        let comma = if index + 1 < set.tags.len() { "," } else { "" };
        out.marked(
            Mark::Tag(set.name, key),
            format!("{indent}{}", entry(key, value, comma)),
        );
    }
    if !close.is_empty() {
        out.line(close);
    }
}

fn assert_no_provider(provider: Option<&str>) {
    assert!(
        provider.is_none(),
        "what a helper creates has no provider: the helper could not see it in every language"
    );
}

// ---------------------------------------------------------------------------------------------
// TypeScript

fn ts_region(region: Region) -> String {
    match region {
        Region::Literal(name) => quoted(name),
        Region::Variable(name) => camel(name),
        Region::Helper(name) => format!("{}Region()", camel(name)),
        Region::Passed(name) => format!("{}Passed(\"{name}\")", camel(name)),
        Region::Constant(name) => format!("regions.{}", upper(name)),
        Region::Lookup(name) => format!("{}Lookup.name", camel(name)),
        Region::Stack => "current.name".to_owned(),
        Region::Configured => "aws.config.region".to_owned(),
    }
}

fn ts_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("{name}.arn"),
        KeyUse::ArnVariable(name) => format!("{name}Arn"),
        KeyUse::Id(name) => format!("{name}.keyId"),
        KeyUse::Text(text) => quoted(text),
        KeyUse::Required => "config.require(\"keyArn\")".to_owned(),
        KeyUse::Optional => "config.get(\"keyArn\")".to_owned(),
        KeyUse::LookedUp => "incidentsKey.arn".to_owned(),
        KeyUse::AliasArn(name) => format!("{name}.arn"),
    })
}

/// `new aws.kms.Key("name", { … }…)` from `new` on, ending in `end`.
fn ts_key_def(out: &mut Out, key: &KeyDef, indent: &str, start: &str, end: &str) {
    let class = key_class(key);
    out.line(format!(
        "{indent}{start}new aws.kms.{class}(\"{}\", {{",
        key.name
    ));
    for (input, value) in key_inputs(key, quoted, |b| b.to_string()) {
        out.line(format!("{indent}    {input}: {value},"));
    }
    if let Some(statements) = key.policy {
        out.marked(
            Mark::Policy(key.name),
            format!("{indent}    policy: JSON.stringify({{"),
        );
        out.line(format!("{indent}        Version: \"2012-10-17\","));
        out.line(format!("{indent}        Statement: ["));
        for (effect, list) in statements {
            out.line(format!(
                "{indent}            {{ Effect: \"{effect}\", Principal: {{ AWS: \"{ACCOUNT_ROOT}\" }}, Action: [{}], Resource: \"*\" }},",
                actions(list)
            ));
        }
        out.line(format!("{indent}        ],"));
        out.line(format!("{indent}    }}),"));
    }
    let options = key
        .provider
        .map(|p| format!(", {{ provider: {p} }}"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options}){end}"));
}

fn ts_set(out: &mut Out, set: &SetDef, indent: &str) {
    let variable = format!("{}Regions", camel(set.name));
    if set.built == Built::Looped {
        out.line(format!(
            "{indent}const {variable}: aws.types.input.ssmincidents.ReplicationSetRegion[] = [];"
        ));
        out.line(format!(
            "{indent}for (const name of [{}]) {{",
            looped_names(set)
        ));
        mark_entries(out, set);
        out.line(format!("{indent}    {variable}.push({{ name }});"));
        out.line(format!("{indent}}}"));
    }
    out.marked(
        Mark::Set(set.name),
        format!(
            "{indent}new aws.ssmincidents.ReplicationSet(\"{}\", {{",
            set.name
        ),
    );
    match set.built {
        Built::Written => {}
        Built::Looped => out.line(format!("{indent}    regions: {variable},")),
        Built::Mapped => {
            mark_entries(out, set);
            out.line(format!(
                "{indent}    regions: [{}].map(name => ({{ name }})),",
                looped_names(set)
            ));
        }
    }
    for (input, entries) in split(set)
        .into_iter()
        .filter(|_| set.built == Built::Written)
    {
        if input == "region" {
            out.mark(Mark::RegionInput(set.name));
        }
        out.line(format!("{indent}    {input}: ["));
        for (index, (region, key)) in entries {
            mark_entry(out, set, index);
            let key = ts_key(key)
                .map(|key| format!(", kmsKeyArn: {key}"))
                .unwrap_or_default();
            out.line(format!(
                "{indent}        {{ name: {}{key} }},",
                ts_region(region)
            ));
        }
        out.line(format!("{indent}    ],"));
    }
    if set.shared_tags {
        out.line(format!("{indent}    tags: {}Tags,", set.name));
    } else if !set.tags.is_empty() {
        let open = format!("{indent}    tags: {{");
        let close = format!("{indent}    }},");
        tag_map(
            out,
            set,
            &open,
            &format!("{indent}        "),
            ts_tag,
            &close,
        );
    }
    let options = set
        .provider
        .map(|p| format!(", {{ provider: {p} }}"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options});"));
}

fn ts_tag(key: &str, value: &str, _: &str) -> String {
    format!("{key}: \"{value}\",")
}

fn typescript(s: &Scenario) -> Project {
    let mut out = Out::default();
    if s.uses_config() {
        out.line("import * as pulumi from \"@pulumi/pulumi\";");
    }
    out.line("import * as aws from \"@pulumi/aws\";");
    if s.module_helpers().next().is_some() {
        out.line("");
        out.line("import * as keys from \"./keys\";");
    }
    if !s.constants().is_empty() {
        out.line("");
        out.line("import * as regions from \"./regions\";");
    }
    out.line("");
    if s.uses_config() {
        out.line("const config = new pulumi.Config();");
    }
    if s.uses_key_lookup() {
        out.line("const incidentsKey = aws.kms.getKeyOutput({ keyId: \"alias/incidents\" });");
    }
    for region in s.regions() {
        match region {
            Region::Variable(name) => out.line(format!("const {} = \"{name}\";", camel(name))),
            Region::Lookup(name) => out.line(format!(
                "const {}Lookup = aws.getRegionOutput({{ name: \"{name}\" }});",
                camel(name)
            )),
            Region::Stack => out.line("const current = aws.getRegionOutput();"),
            _ => {}
        }
    }
    for name in s.helpers() {
        out.line("");
        out.line(format!("function {}Region(): string {{", camel(name)));
        out.line(format!("    return \"{name}\";"));
        out.line("}");
    }
    for name in s.passed() {
        out.line("");
        out.line(format!(
            "function {}Passed(region: string): string {{",
            camel(name)
        ));
        out.line("    return region;");
        out.line("}");
    }
    for key in s.local_helpers() {
        assert_no_provider(key.provider);
        out.line("");
        out.line(format!(
            "function {}Key(): aws.kms.{} {{",
            key.name,
            key_class(key)
        ));
        ts_key_def(&mut out, key, "    ", "return ", ";");
        out.line("}");
    }
    for set in s.sets.iter().filter(|set| set.helper) {
        assert_no_provider(set.provider);
        out.line("");
        out.line(format!("function {}Set(): void {{", set.name));
        ts_set(&mut out, set, "    ");
        out.line("}");
    }
    if s.has_functions() {
        out.line("");
    }
    for (name, region) in &s.providers {
        out.marked(
            Mark::Provider(name),
            format!(
                "const {name} = new aws.Provider(\"{name}\", {{ region: {} }});",
                ts_region(*region)
            ),
        );
    }
    for key in &s.keys {
        if key.module {
            out.line(format!("const {} = keys.{}Key();", key.name, key.name));
        } else if key.helper {
            out.line(format!("const {} = {}Key();", key.name, key.name));
        } else {
            ts_key_def(&mut out, key, "", &format!("const {} = ", key.name), ";");
        }
    }
    for (alias, key) in s.aliases {
        out.line(format!(
            "const {alias} = new aws.kms.Alias(\"{alias}\", {{ name: \"alias/{alias}\", targetKeyId: {key}.keyId }});"
        ));
    }
    for name in s.arn_variables() {
        out.line(format!("const {name}Arn = {name}.arn;"));
    }
    for set in shared_tags(s) {
        let open = format!("const {}Tags = {{", set.name);
        tag_map(&mut out, set, &open, "    ", ts_tag, "};");
    }
    for set in &s.sets {
        out.blank();
        if set.helper {
            out.line(format!("{}Set();", set.name));
        } else {
            ts_set(&mut out, set, "");
        }
    }
    let mut project = Project::default();
    project.stacks(s, Some("nodejs"));
    project.add("index.ts", out);
    if s.module_helpers().next().is_some() {
        let mut keys = Out::default();
        keys.line("import * as aws from \"@pulumi/aws\";");
        for key in s.module_helpers() {
            assert_no_provider(key.provider);
            keys.line("");
            keys.line(format!(
                "export function {}Key(): aws.kms.{} {{",
                key.name,
                key_class(key)
            ));
            ts_key_def(&mut keys, key, "    ", "return ", ";");
            keys.line("}");
        }
        project.add("keys.ts", keys);
    }
    if !s.constants().is_empty() {
        let mut regions = Out::default();
        for name in s.constants() {
            regions.line(format!("export const {} = \"{name}\";", upper(name)));
        }
        project.add("regions.ts", regions);
    }
    project
}

// ---------------------------------------------------------------------------------------------
// Python

fn py_region(region: Region) -> String {
    match region {
        Region::Literal(name) => quoted(name),
        Region::Variable(name) => snake(name),
        Region::Helper(name) => format!("{}_region()", snake(name)),
        Region::Passed(name) => format!("{}_passed(\"{name}\")", snake(name)),
        Region::Constant(name) => format!("regions.{}", upper(name)),
        Region::Lookup(name) => format!("{}_lookup.name", snake(name)),
        Region::Stack => "current.name".to_owned(),
        Region::Configured => "aws.config.region".to_owned(),
    }
}

fn py_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("{name}.arn"),
        KeyUse::ArnVariable(name) => format!("{name}_arn"),
        KeyUse::Id(name) => format!("{name}.key_id"),
        KeyUse::Text(text) => quoted(text),
        KeyUse::Required => "config.require(\"keyArn\")".to_owned(),
        KeyUse::Optional => "config.get(\"keyArn\")".to_owned(),
        KeyUse::LookedUp => "incidents_key.arn".to_owned(),
        KeyUse::AliasArn(name) => format!("{name}.arn"),
    })
}

fn py_key_def(out: &mut Out, key: &KeyDef, indent: &str, start: &str) {
    out.line(format!("{indent}{start}aws.kms.{}(", key_class(key)));
    out.line(format!("{indent}    \"{}\",", key.name));
    let boolean = |b: bool| if b { "True" } else { "False" }.to_owned();
    for (input, value) in key_inputs(key, quoted, boolean) {
        out.line(format!("{indent}    {}={value},", snake_of_camel(input)));
    }
    if let Some(statements) = key.policy {
        out.marked(
            Mark::Policy(key.name),
            format!("{indent}    policy=json.dumps({{"),
        );
        out.line(format!("{indent}        \"Version\": \"2012-10-17\","));
        out.line(format!("{indent}        \"Statement\": ["));
        for (effect, list) in statements {
            out.line(format!(
                "{indent}            {{\"Effect\": \"{effect}\", \"Principal\": {{\"AWS\": \"{ACCOUNT_ROOT}\"}}, \"Action\": [{}], \"Resource\": \"*\"}},",
                actions(list)
            ));
        }
        out.line(format!("{indent}        ],"));
        out.line(format!("{indent}    }}),"));
    }
    if let Some(provider) = key.provider {
        out.line(format!(
            "{indent}    opts=pulumi.ResourceOptions(provider={provider}),"
        ));
    }
    out.line(format!("{indent})"));
}

fn py_set(out: &mut Out, set: &SetDef, indent: &str) {
    let (variable, entry) = (
        format!("{}_regions", snake(set.name)),
        "aws.ssmincidents.ReplicationSetRegionArgs(name=name)",
    );
    if set.built == Built::Looped {
        out.line(format!("{indent}{variable} = []"));
        out.line(format!("{indent}for name in [{}]:", looped_names(set)));
        mark_entries(out, set);
        out.line(format!("{indent}    {variable}.append({entry})"));
    }
    out.line(format!("{indent}aws.ssmincidents.ReplicationSet("));
    out.marked(
        Mark::Set(set.name),
        format!("{indent}    \"{}\",", set.name),
    );
    match set.built {
        Built::Written => {}
        Built::Looped => out.line(format!("{indent}    regions={variable},")),
        Built::Mapped => {
            mark_entries(out, set);
            out.line(format!(
                "{indent}    regions=[{entry} for name in [{}]],",
                looped_names(set)
            ));
        }
    }
    for (input, entries) in split(set)
        .into_iter()
        .filter(|_| set.built == Built::Written)
    {
        if input == "region" {
            out.mark(Mark::RegionInput(set.name));
        }
        out.line(format!("{indent}    {input}=["));
        for (index, (region, key)) in entries {
            mark_entry(out, set, index);
            let key = py_key(key)
                .map(|key| format!(", kms_key_arn={key}"))
                .unwrap_or_default();
            out.line(format!(
                "{indent}        aws.ssmincidents.ReplicationSetRegionArgs(name={}{key}),",
                py_region(region)
            ));
        }
        out.line(format!("{indent}    ],"));
    }
    if set.shared_tags {
        out.line(format!("{indent}    tags={}_tags,", set.name));
    } else if !set.tags.is_empty() {
        let open = format!("{indent}    tags={{");
        let close = format!("{indent}    }},");
        tag_map(
            out,
            set,
            &open,
            &format!("{indent}        "),
            py_tag,
            &close,
        );
    }
    if let Some(provider) = set.provider {
        out.line(format!(
            "{indent}    opts=pulumi.ResourceOptions(provider={provider}),"
        ));
    }
    out.line(format!("{indent})"));
}

fn py_tag(key: &str, value: &str, _: &str) -> String {
    format!("\"{key}\": \"{value}\",")
}

fn python(s: &Scenario) -> Project {
    let mut out = Out::default();
    if s.uses_policy() {
        out.line("import json");
        out.line("");
    }
    out.line("import pulumi");
    out.line("import pulumi_aws as aws");
    if !s.constants().is_empty() || s.module_helpers().next().is_some() {
        out.line("");
    }
    if s.module_helpers().next().is_some() {
        out.line("import keys");
    }
    if !s.constants().is_empty() {
        out.line("import regions");
    }
    out.line("");
    if s.uses_config() {
        out.line("config = pulumi.Config()");
    }
    // Two blank lines around each function, as PEP 8 has them.
    for name in s.helpers() {
        out.line("");
        out.line("");
        out.line(format!("def {}_region():", snake(name)));
        out.line(format!("    return \"{name}\""));
    }
    for name in s.passed() {
        out.line("");
        out.line("");
        out.line(format!("def {}_passed(region):", snake(name)));
        out.line("    return region");
    }
    for key in s.local_helpers() {
        assert_no_provider(key.provider);
        out.line("");
        out.line("");
        out.line(format!("def {}_key():", key.name));
        py_key_def(&mut out, key, "    ", "return ");
    }
    for set in s.sets.iter().filter(|set| set.helper) {
        assert_no_provider(set.provider);
        out.line("");
        out.line("");
        out.line(format!("def {}_set():", set.name));
        py_set(&mut out, set, "    ");
    }
    if s.has_functions() {
        out.line("");
        out.line("");
    }
    for region in s.regions() {
        match region {
            Region::Variable(name) => out.line(format!("{} = \"{name}\"", snake(name))),
            Region::Lookup(name) => out.line(format!(
                "{}_lookup = aws.get_region(name=\"{name}\")",
                snake(name)
            )),
            Region::Stack => out.line("current = aws.get_region()"),
            _ => {}
        }
    }
    if s.uses_key_lookup() {
        out.line("incidents_key = aws.kms.get_key(key_id=\"alias/incidents\")");
    }
    for (name, region) in &s.providers {
        out.marked(
            Mark::Provider(name),
            format!(
                "{name} = aws.Provider(\"{name}\", region={})",
                py_region(*region)
            ),
        );
    }
    for key in &s.keys {
        if key.module {
            out.line(format!("{} = keys.{}_key()", key.name, key.name));
        } else if key.helper {
            out.line(format!("{} = {}_key()", key.name, key.name));
        } else {
            py_key_def(&mut out, key, "", &format!("{} = ", key.name));
        }
    }
    for (alias, key) in s.aliases {
        out.line(format!(
            "{alias} = aws.kms.Alias(\"{alias}\", name=\"alias/{alias}\", target_key_id={key}.key_id)"
        ));
    }
    for name in s.arn_variables() {
        out.line(format!("{name}_arn = {name}.arn"));
    }
    for set in shared_tags(s) {
        let open = format!("{}_tags = {{", set.name);
        tag_map(&mut out, set, &open, "    ", py_tag, "}");
    }
    for set in &s.sets {
        out.blank();
        if set.helper {
            out.line(format!("{}_set()", set.name));
        } else {
            py_set(&mut out, set, "");
        }
    }
    let mut project = Project::default();
    project.stacks(s, Some("python"));
    project.add("__main__.py", out);
    if s.module_helpers().next().is_some() {
        let mut keys = Out::default();
        keys.line("\"\"\"The KMS keys of the replication set.\"\"\"");
        keys.line("");
        if s.module_helpers().any(|key| key.policy.is_some()) {
            keys.line("import json");
            keys.line("");
        }
        keys.line("import pulumi_aws as aws");
        for key in s.module_helpers() {
            assert_no_provider(key.provider);
            keys.line("");
            keys.line("");
            keys.line(format!("def {}_key():", key.name));
            py_key_def(&mut keys, key, "    ", "return ");
        }
        project.add("keys.py", keys);
    }
    project.file(
        "requirements.txt",
        "pulumi>=3.0.0,<4.0.0\npulumi-aws>=7.0.0,<8.0.0\n",
    );
    if !s.constants().is_empty() {
        let mut regions = Out::default();
        regions.line("\"\"\"The regions of the replication set.\"\"\"");
        regions.line("");
        for name in s.constants() {
            regions.line(format!("{} = \"{name}\"", upper(name)));
        }
        project.add("regions.py", regions);
    }
    project
}

// ---------------------------------------------------------------------------------------------
// Go

fn go_region(region: Region) -> String {
    let value = match region {
        Region::Literal(name) => quoted(name),
        Region::Variable(name) => camel(name),
        Region::Helper(name) => format!("{}Region()", camel(name)),
        Region::Passed(name) => format!("{}Passed(\"{name}\")", camel(name)),
        Region::Constant(name) => format!("regions.{}", pascal(name)),
        Region::Lookup(name) => format!("{}Lookup.Name", camel(name)),
        Region::Stack => "current.Name".to_owned(),
        Region::Configured => "awsconfig.GetRegion(ctx)".to_owned(),
    };
    format!("pulumi.String({value})")
}

fn go_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("{name}.Arn"),
        KeyUse::ArnVariable(name) => format!("{name}Arn"),
        KeyUse::Id(name) => format!("{name}.KeyId"),
        KeyUse::Text(text) => format!("pulumi.String(\"{text}\")"),
        KeyUse::Required => "pulumi.String(cfg.Require(\"keyArn\"))".to_owned(),
        KeyUse::Optional => "pulumi.String(cfg.Get(\"keyArn\"))".to_owned(),
        KeyUse::LookedUp => "pulumi.String(incidentsKey.Arn)".to_owned(),
        KeyUse::AliasArn(name) => format!("{name}.Arn"),
    })
}

/// Go's `err`: declared by the first statement that assigns it.
struct GoErr(bool);

impl GoErr {
    /// `name, err :=`, or for a discarded result `_, err =` once `err` is declared.
    fn assign(&mut self, name: &str) -> String {
        let declared = std::mem::replace(&mut self.0, true);
        if name == "_" && declared {
            "_, err =".to_owned()
        } else {
            format!("{name}, err :=")
        }
    }

    /// `err :=`, or `err =` once `err` is declared.
    fn only(&mut self) -> &'static str {
        if std::mem::replace(&mut self.0, true) {
            "err ="
        } else {
            "err :="
        }
    }
}

/// `if err != nil { return … }`, returning `failed` (`err`, or `nil, err` in a helper that
/// returns a resource).
fn go_check(out: &mut Out, indent: &str, failed: &str) {
    out.line(format!("{indent}if err != nil {{"));
    out.line(format!("{indent}\treturn {failed}"));
    out.line(format!("{indent}}}"));
}

/// A key's policy document (`json.Marshal`) and the key, in a function body at `indent`; the
/// key's `start` is `key, err :=` or, in a helper, `return`.
fn go_key_def(out: &mut Out, key: &KeyDef, indent: &str, start: &str) {
    if let Some(statements) = key.policy {
        out.line(format!(
            "{indent}{}Policy, err := json.Marshal(map[string]interface{{}}{{",
            key.name
        ));
        out.line(format!("{indent}\t\"Version\": \"2012-10-17\","));
        out.line(format!("{indent}\t\"Statement\": []interface{{}}{{"));
        for (effect, list) in statements {
            out.line(format!(
                "{indent}\t\tmap[string]interface{{}}{{\"Effect\": \"{effect}\", \"Principal\": map[string]interface{{}}{{\"AWS\": \"{ACCOUNT_ROOT}\"}}, \"Action\": []string{{{}}}, \"Resource\": \"*\"}},",
                actions(list)
            ));
        }
        out.line(format!("{indent}\t}},"));
        out.line(format!("{indent}}})"));
        let failed = if start == "return" { "nil, err" } else { "err" };
        go_check(out, indent, failed);
    }
    let class = key_class(key);
    out.line(format!(
        "{indent}{start} kms.New{class}(ctx, \"{}\", &kms.{class}Args{{",
        key.name
    ));
    let string = |s: &str| format!("pulumi.String(\"{s}\")");
    let boolean = |b: bool| format!("pulumi.Bool({b})");
    for (input, value) in key_inputs(key, string, boolean) {
        out.line(format!("{indent}\t{}: {value},", capitalised(input)));
    }
    if key.policy.is_some() {
        out.marked(
            Mark::Policy(key.name),
            format!(
                "{indent}\tPolicy: pulumi.String(string({}Policy)),",
                key.name
            ),
        );
    }
    let options = key
        .provider
        .map(|p| format!(", pulumi.Provider({p})"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options})"));
}

/// A set's creation, from `start` (`_, err =`) to its closing parenthesis.
fn go_set(out: &mut Out, set: &SetDef, indent: &str, start: &str) {
    let variable = format!("{}Regions", camel(set.name));
    let entry = "&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(name)}";
    if set.built != Built::Written {
        match set.built {
            Built::Looped => out.line(format!(
                "{indent}var {variable} ssmincidents.ReplicationSetRegionArray"
            )),
            _ => out.line(format!(
                "{indent}{variable} := ssmincidents.ReplicationSetRegionArray{{}}"
            )),
        }
        out.line(format!(
            "{indent}for _, name := range []string{{{}}} {{",
            looped_names(set)
        ));
        mark_entries(out, set);
        if set.built == Built::Looped {
            out.line(format!(
                "{indent}\t{variable} = append({variable}, {entry})"
            ));
        } else {
            out.line(format!("{indent}\tentry := {entry}"));
            out.line(format!("{indent}\t{variable} = append({variable}, entry)"));
        }
        out.line(format!("{indent}}}"));
    }
    out.marked(
        Mark::Set(set.name),
        format!(
            "{indent}{start} ssmincidents.NewReplicationSet(ctx, \"{}\", &ssmincidents.ReplicationSetArgs{{",
            set.name
        ),
    );
    if set.built != Built::Written {
        out.line(format!("{indent}\tRegions: {variable},"));
    }
    for (input, entries) in split(set)
        .into_iter()
        .filter(|_| set.built == Built::Written)
    {
        if input == "region" {
            out.mark(Mark::RegionInput(set.name));
        }
        out.line(format!(
            "{indent}\t{}: ssmincidents.ReplicationSetRegionArray{{",
            capitalised(input)
        ));
        for (index, (region, key)) in entries {
            mark_entry(out, set, index);
            let key = go_key(key)
                .map(|key| format!(", KmsKeyArn: {key}"))
                .unwrap_or_default();
            out.line(format!(
                "{indent}\t\t&ssmincidents.ReplicationSetRegionArgs{{Name: {}{key}}},",
                go_region(region)
            ));
        }
        out.line(format!("{indent}\t}},"));
    }
    if set.shared_tags {
        out.line(format!("{indent}\tTags: {}Tags,", set.name));
    } else if !set.tags.is_empty() {
        let open = format!("{indent}\tTags: pulumi.StringMap{{");
        let close = format!("{indent}\t}},");
        tag_map(out, set, &open, &format!("{indent}\t\t"), go_tag, &close);
    }
    let options = set
        .provider
        .map(|p| format!(", pulumi.Provider({p})"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options})"));
}

fn go_tag(key: &str, value: &str, _: &str) -> String {
    format!("\"{key}\": pulumi.String(\"{value}\"),")
}

fn go(s: &Scenario) -> Project {
    let mut imports = Vec::new();
    if s.uses_policy() {
        imports.push("\"encoding/json\"".to_owned());
        imports.push(String::new());
    }
    if !s.providers.is_empty() || s.uses_lookups() {
        imports.push("\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws\"".to_owned());
    }
    if s.uses(Region::Configured) {
        imports.push("awsconfig \"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/config\"".to_owned());
    }
    if s.keys.iter().any(|key| !key.module) || s.uses_key_lookup() {
        imports.push("\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms\"".to_owned());
    }
    imports.push("\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents\"".to_owned());
    imports.push("\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"".to_owned());
    if s.uses_config() {
        imports.push("\"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config\"".to_owned());
    }
    if !s.constants().is_empty() || s.module_helpers().next().is_some() {
        imports.push(String::new());
    }
    if s.module_helpers().next().is_some() {
        imports.push("\"incidents/keys\"".to_owned());
    }
    if !s.constants().is_empty() {
        imports.push("\"incidents/regions\"".to_owned());
    }
    let mut out = Out::default();
    out.line("package main");
    out.line("");
    out.line("import (");
    for import in imports {
        if import.is_empty() {
            out.line("");
        } else {
            out.line(format!("\t{import}"));
        }
    }
    out.line(")");
    for name in s.helpers() {
        out.line("");
        out.line(format!("func {}Region() string {{", camel(name)));
        out.line(format!("\treturn \"{name}\""));
        out.line("}");
    }
    for name in s.passed() {
        out.line("");
        out.line(format!(
            "func {}Passed(region string) string {{",
            camel(name)
        ));
        out.line("\treturn region");
        out.line("}");
    }
    for key in s.local_helpers() {
        assert_no_provider(key.provider);
        out.line("");
        out.line(format!(
            "func new{}Key(ctx *pulumi.Context) (*kms.{}, error) {{",
            capitalised(key.name),
            key_class(key)
        ));
        go_key_def(&mut out, key, "\t", "return");
        out.line("}");
    }
    for set in s.sets.iter().filter(|set| set.helper) {
        assert_no_provider(set.provider);
        out.line("");
        out.line(format!(
            "func new{}Set(ctx *pulumi.Context) error {{",
            capitalised(set.name)
        ));
        go_set(&mut out, set, "\t", "_, err :=");
        out.line("\treturn err");
        out.line("}");
    }
    out.line("");
    out.line("func main() {");
    out.line("\tpulumi.Run(func(ctx *pulumi.Context) error {");
    let indent = "\t\t";
    let mut err = GoErr(false);
    if s.uses_config() {
        out.line(format!("{indent}cfg := config.New(ctx, \"\")"));
    }
    for region in s.regions() {
        match region {
            Region::Variable(name) => out.line(format!("{indent}{} := \"{name}\"", camel(name))),
            Region::Lookup(name) => {
                out.line(format!(
                    "{indent}{} aws.GetRegion(ctx, &aws.GetRegionArgs{{Name: pulumi.StringRef(\"{name}\")}}, nil)",
                    err.assign(&format!("{}Lookup", camel(name)))
                ));
                go_check(&mut out, indent, "err");
            }
            Region::Stack => {
                out.line(format!(
                    "{indent}{} aws.GetRegion(ctx, nil, nil)",
                    err.assign("current")
                ));
                go_check(&mut out, indent, "err");
            }
            _ => {}
        }
    }
    if s.uses_key_lookup() {
        out.line(format!(
            "{indent}{} kms.LookupKey(ctx, &kms.LookupKeyArgs{{KeyId: \"alias/incidents\"}}, nil)",
            err.assign("incidentsKey")
        ));
        go_check(&mut out, indent, "err");
    }
    for (name, region) in &s.providers {
        out.marked(
            Mark::Provider(name),
            format!(
                "{indent}{} aws.NewProvider(ctx, \"{name}\", &aws.ProviderArgs{{Region: {}}})",
                err.assign(name),
                go_region(*region)
            ),
        );
        go_check(&mut out, indent, "err");
    }
    for key in &s.keys {
        let start = err.assign(key.name);
        if key.module {
            out.line(format!(
                "{indent}{start} keys.New{}Key(ctx)",
                capitalised(key.name)
            ));
        } else if key.helper {
            out.line(format!(
                "{indent}{start} new{}Key(ctx)",
                capitalised(key.name)
            ));
        } else {
            go_key_def(&mut out, key, indent, &start);
        }
        go_check(&mut out, indent, "err");
    }
    for (alias, key) in s.aliases {
        out.line(format!(
            "{indent}{} kms.NewAlias(ctx, \"{alias}\", &kms.AliasArgs{{Name: pulumi.String(\"alias/{alias}\"), TargetKeyId: {key}.KeyId}})",
            err.assign(alias)
        ));
        go_check(&mut out, indent, "err");
    }
    for name in s.arn_variables() {
        out.line(format!("{indent}{name}Arn := {name}.Arn"));
    }
    for set in shared_tags(s) {
        let open = format!("{indent}{}Tags := pulumi.StringMap{{", set.name);
        let close = format!("{indent}}}");
        tag_map(&mut out, set, &open, &format!("{indent}\t"), go_tag, &close);
    }
    for set in &s.sets {
        if set.helper {
            let start = err.only();
            out.line(format!(
                "{indent}{start} new{}Set(ctx)",
                capitalised(set.name)
            ));
        } else {
            let start = err.assign("_");
            go_set(&mut out, set, indent, &start);
        }
        go_check(&mut out, indent, "err");
    }
    out.line(format!("{indent}return nil"));
    out.line("\t})");
    out.line("}");
    let mut project = Project::default();
    project.stacks(s, Some("go"));
    project.add("main.go", out);
    project.file(
        "go.mod",
        "module incidents\n\ngo 1.22\n\nrequire (\n\tgithub.com/pulumi/pulumi-aws/sdk/v7 v7.7.0\n\tgithub.com/pulumi/pulumi/sdk/v3 v3.190.0\n)\n",
    );
    if s.module_helpers().next().is_some() {
        let mut keys = Out::default();
        keys.line("// Package keys creates the KMS keys of the replication set.");
        keys.line("package keys");
        keys.line("");
        keys.line("import (");
        if s.module_helpers().any(|key| key.policy.is_some()) {
            keys.line("\t\"encoding/json\"");
            keys.line("");
        }
        keys.line("\t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms\"");
        keys.line("\t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"");
        keys.line(")");
        for key in s.module_helpers() {
            assert_no_provider(key.provider);
            keys.line("");
            keys.line(format!(
                "// New{}Key creates the key `{}`.",
                capitalised(key.name),
                key.name
            ));
            keys.line(format!(
                "func New{}Key(ctx *pulumi.Context) (*kms.{}, error) {{",
                capitalised(key.name),
                key_class(key)
            ));
            go_key_def(&mut keys, key, "\t", "return");
            keys.line("}");
        }
        project.add("keys/keys.go", keys);
    }
    if !s.constants().is_empty() {
        let mut regions = Out::default();
        regions.line("// Package regions names the regions of the replication set.");
        regions.line("package regions");
        regions.line("");
        regions.line("const (");
        for name in s.constants() {
            regions.line(format!("\t{} = \"{name}\"", pascal(name)));
        }
        regions.line(")");
        project.add("regions/regions.go", regions);
    }
    project
}

// ---------------------------------------------------------------------------------------------
// C#

fn cs_region(region: Region) -> String {
    match region {
        Region::Literal(name) => quoted(name),
        Region::Variable(name) => camel(name),
        Region::Helper(name) => format!("{}Region()", pascal(name)),
        Region::Passed(name) => format!("{}Passed(\"{name}\")", pascal(name)),
        Region::Constant(name) => format!("Regions.{}", pascal(name)),
        Region::Lookup(name) => format!("{}Lookup.Apply(region => region.Name)", camel(name)),
        Region::Stack => "current.Apply(region => region.Name)".to_owned(),
        Region::Configured => "Aws.Config.Region".to_owned(),
    }
}

fn cs_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("{name}.Arn"),
        KeyUse::ArnVariable(name) => format!("{name}Arn"),
        KeyUse::Id(name) => format!("{name}.KeyId"),
        KeyUse::Text(text) => quoted(text),
        KeyUse::Required => "config.Require(\"keyArn\")".to_owned(),
        KeyUse::Optional => "config.Get(\"keyArn\")".to_owned(),
        KeyUse::LookedUp => "incidentsKey.Apply(key => key.Arn)".to_owned(),
        KeyUse::AliasArn(name) => format!("{name}.Arn"),
    })
}

/// `new Aws.Kms.Key("name", new() { … }…)` from `new` on, ending in `end`.
fn cs_key_def(out: &mut Out, key: &KeyDef, indent: &str, start: &str, end: &str) {
    out.line(format!(
        "{indent}{start}new Aws.Kms.{}(\"{}\", new()",
        key_class(key),
        key.name
    ));
    out.line(format!("{indent}{{"));
    for (input, value) in key_inputs(key, quoted, |b| b.to_string()) {
        out.line(format!("{indent}    {} = {value},", capitalised(input)));
    }
    if let Some(statements) = key.policy {
        out.marked(
            Mark::Policy(key.name),
            format!(
                "{indent}    Policy = JsonSerializer.Serialize(new Dictionary<string, object?>"
            ),
        );
        out.line(format!("{indent}    {{"));
        out.line(format!("{indent}        [\"Version\"] = \"2012-10-17\","));
        out.line(format!("{indent}        [\"Statement\"] = new[]"));
        out.line(format!("{indent}        {{"));
        for (effect, list) in statements {
            out.line(format!(
                "{indent}            new Dictionary<string, object?> {{ [\"Effect\"] = \"{effect}\", [\"Principal\"] = new Dictionary<string, object?> {{ [\"AWS\"] = \"{ACCOUNT_ROOT}\" }}, [\"Action\"] = new[] {{ {} }}, [\"Resource\"] = \"*\" }},",
                actions(list)
            ));
        }
        out.line(format!("{indent}        }},"));
        out.line(format!("{indent}    }}),"));
    }
    let options = key
        .provider
        .map(|p| format!(", new CustomResourceOptions {{ Provider = {p} }}"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options}){end}"));
}

fn cs_set(out: &mut Out, set: &SetDef, indent: &str) {
    let (variable, entry) = (
        format!("{}Regions", camel(set.name)),
        "new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = name }",
    );
    if set.built == Built::Looped {
        out.line(format!(
            "{indent}var {variable} = new List<Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs>();"
        ));
        out.line(format!(
            "{indent}foreach (var name in new[] {{ {} }})",
            looped_names(set)
        ));
        out.line(format!("{indent}{{"));
        mark_entries(out, set);
        out.line(format!("{indent}    {variable}.Add({entry});"));
        out.line(format!("{indent}}}"));
    }
    out.marked(
        Mark::Set(set.name),
        format!(
            "{indent}new Aws.SsmIncidents.ReplicationSet(\"{}\", new()",
            set.name
        ),
    );
    out.line(format!("{indent}{{"));
    match set.built {
        Built::Written => {}
        Built::Looped => out.line(format!("{indent}    Regions = {variable},")),
        Built::Mapped => {
            mark_entries(out, set);
            out.line(format!(
                "{indent}    Regions = new[] {{ {} }}.Select(name => {entry}).ToList(),",
                looped_names(set)
            ));
        }
    }
    for (input, entries) in split(set)
        .into_iter()
        .filter(|_| set.built == Built::Written)
    {
        if input == "region" {
            out.mark(Mark::RegionInput(set.name));
        }
        out.line(format!("{indent}    {} =", capitalised(input)));
        out.line(format!("{indent}    {{"));
        for (index, (region, key)) in entries {
            mark_entry(out, set, index);
            let key = cs_key(key)
                .map(|key| format!(", KmsKeyArn = {key}"))
                .unwrap_or_default();
            out.line(format!(
                "{indent}        new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs {{ Name = {}{key} }},",
                cs_region(region)
            ));
        }
        out.line(format!("{indent}    }},"));
    }
    if set.shared_tags {
        out.line(format!("{indent}    Tags = {}Tags,", set.name));
    } else if !set.tags.is_empty() {
        out.line(format!("{indent}    Tags ="));
        let open = format!("{indent}    {{");
        let close = format!("{indent}    }},");
        tag_map(
            out,
            set,
            &open,
            &format!("{indent}        "),
            cs_tag,
            &close,
        );
    }
    let options = set
        .provider
        .map(|p| format!(", new CustomResourceOptions {{ Provider = {p} }}"))
        .unwrap_or_default();
    out.line(format!("{indent}}}{options});"));
}

fn cs_tag(key: &str, value: &str, _: &str) -> String {
    format!("{{ \"{key}\", \"{value}\" }},")
}

fn csharp(s: &Scenario) -> Project {
    let mut out = Out::default();
    if s.uses_policy() || s.builds(Built::Looped) {
        out.line("using System.Collections.Generic;");
    }
    if s.builds(Built::Mapped) {
        out.line("using System.Linq;");
    }
    if s.uses_policy() {
        out.line("using System.Text.Json;");
    }
    out.line("using Pulumi;");
    out.line("using Aws = Pulumi.Aws;");
    out.line("");
    out.line("return await Deployment.RunAsync(() =>");
    out.line("{");
    let indent = "    ";
    if s.uses_config() {
        out.line(format!("{indent}var config = new Config();"));
    }
    for region in s.regions() {
        match region {
            Region::Variable(name) => {
                out.line(format!("{indent}var {} = \"{name}\";", camel(name)));
            }
            Region::Lookup(name) => out.line(format!(
                "{indent}var {}Lookup = Aws.GetRegion.Invoke(new() {{ Name = \"{name}\" }});",
                camel(name)
            )),
            Region::Stack => out.line(format!("{indent}var current = Aws.GetRegion.Invoke();")),
            _ => {}
        }
    }
    if s.uses_key_lookup() {
        out.line(format!(
            "{indent}var incidentsKey = Aws.Kms.GetKey.Invoke(new() {{ KeyId = \"alias/incidents\" }});"
        ));
    }
    for (name, region) in &s.providers {
        out.marked(
            Mark::Provider(name),
            format!(
                "{indent}var {name} = new Aws.Provider(\"{name}\", new() {{ Region = {} }});",
                cs_region(*region)
            ),
        );
    }
    for key in &s.keys {
        if key.module {
            out.line(format!(
                "{indent}var {} = Keys.{}Key();",
                key.name,
                capitalised(key.name)
            ));
        } else if key.helper {
            out.line(format!(
                "{indent}var {} = {}Key();",
                key.name,
                capitalised(key.name)
            ));
        } else {
            cs_key_def(&mut out, key, indent, &format!("var {} = ", key.name), ";");
        }
    }
    for (alias, key) in s.aliases {
        out.line(format!(
            "{indent}var {alias} = new Aws.Kms.Alias(\"{alias}\", new() {{ Name = \"alias/{alias}\", TargetKeyId = {key}.KeyId }});"
        ));
    }
    for name in s.arn_variables() {
        out.line(format!("{indent}var {name}Arn = {name}.Arn;"));
    }
    for set in shared_tags(s) {
        out.line(format!(
            "{indent}var {}Tags = new InputMap<string>",
            set.name
        ));
        let open = format!("{indent}{{");
        let close = format!("{indent}}};");
        tag_map(
            &mut out,
            set,
            &open,
            &format!("{indent}    "),
            cs_tag,
            &close,
        );
    }
    for set in &s.sets {
        out.blank();
        if set.helper {
            out.line(format!("{indent}{}Set();", capitalised(set.name)));
        } else {
            cs_set(&mut out, set, indent);
        }
    }
    out.line("});");
    // Local functions of the top-level statements.
    for name in s.helpers() {
        out.line("");
        out.line(format!(
            "static string {}Region() => \"{name}\";",
            pascal(name)
        ));
    }
    for name in s.passed() {
        out.line("");
        out.line(format!(
            "static string {}Passed(string region) => region;",
            pascal(name)
        ));
    }
    for key in s.local_helpers() {
        assert_no_provider(key.provider);
        out.line("");
        out.line(format!(
            "static Aws.Kms.{} {}Key() =>",
            key_class(key),
            capitalised(key.name)
        ));
        cs_key_def(&mut out, key, "    ", "", ";");
    }
    for set in s.sets.iter().filter(|set| set.helper) {
        assert_no_provider(set.provider);
        out.line("");
        out.line(format!("static void {}Set()", capitalised(set.name)));
        out.line("{");
        cs_set(&mut out, set, "    ");
        out.line("}");
    }
    let mut project = Project::default();
    project.stacks(s, Some("dotnet"));
    project.add("Program.cs", out);
    project.file(
        "Incidents.csproj",
        "<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net8.0</TargetFramework>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n\n  <ItemGroup>\n    <PackageReference Include=\"Pulumi\" Version=\"3.*\" />\n    <PackageReference Include=\"Pulumi.Aws\" Version=\"7.*\" />\n  </ItemGroup>\n\n</Project>\n",
    );
    if s.module_helpers().next().is_some() {
        let mut keys = Out::default();
        if s.module_helpers().any(|key| key.policy.is_some()) {
            keys.line("using System.Collections.Generic;");
            keys.line("using System.Text.Json;");
        }
        keys.line("using Aws = Pulumi.Aws;");
        keys.line("");
        keys.line("/// <summary>The KMS keys of the replication set.</summary>");
        keys.line("static class Keys");
        keys.line("{");
        let mut first = true;
        for key in s.module_helpers() {
            assert_no_provider(key.provider);
            if !std::mem::take(&mut first) {
                keys.line("");
            }
            keys.line(format!(
                "    public static Aws.Kms.{} {}Key() =>",
                key_class(key),
                capitalised(key.name)
            ));
            cs_key_def(&mut keys, key, "        ", "", ";");
        }
        keys.line("}");
        project.add("Keys.cs", keys);
    }
    if !s.constants().is_empty() {
        let mut regions = Out::default();
        regions.line("/// <summary>The regions of the replication set.</summary>");
        regions.line("static class Regions");
        regions.line("{");
        for name in s.constants() {
            regions.line(format!(
                "    public const string {} = \"{name}\";",
                pascal(name)
            ));
        }
        regions.line("}");
        project.add("Regions.cs", regions);
    }
    project
}

// ---------------------------------------------------------------------------------------------
// Java

fn java_region(region: Region) -> String {
    match region {
        Region::Literal(name) => quoted(name),
        Region::Variable(name) => camel(name),
        Region::Helper(name) => format!("{}Region()", camel(name)),
        Region::Passed(name) => format!("{}Passed(\"{name}\")", camel(name)),
        Region::Constant(name) => format!("Regions.{}", upper(name)),
        Region::Lookup(name) => {
            format!("{}Lookup.applyValue(region -> region.name())", camel(name))
        }
        Region::Stack => "current.applyValue(region -> region.name())".to_owned(),
        Region::Configured => "ctx.config(\"aws\").require(\"region\")".to_owned(),
    }
}

fn java_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("{name}.arn()"),
        KeyUse::ArnVariable(name) => format!("{name}Arn"),
        KeyUse::Id(name) => format!("{name}.keyId()"),
        KeyUse::Text(text) => quoted(text),
        KeyUse::Required => "config.require(\"keyArn\")".to_owned(),
        KeyUse::Optional => "config.get(\"keyArn\").orElse(null)".to_owned(),
        KeyUse::LookedUp => "incidentsKey.applyValue(key -> key.arn())".to_owned(),
        KeyUse::AliasArn(name) => format!("{name}.arn()"),
    })
}

/// `new Key("name", KeyArgs.builder()…build()…)`, from `new` on, ending in `end`. The policy
/// is what `pulumi convert` writes: `serializeJson(jsonObject(jsonProperty(…), …))`.
fn java_key_def(out: &mut Out, key: &KeyDef, indent: &str, start: &str, end: &str) {
    let class = key_class(key);
    out.line(format!(
        "{indent}{start}new {class}(\"{}\", {class}Args.builder()",
        key.name
    ));
    for (input, value) in key_inputs(key, quoted, |b| b.to_string()) {
        out.line(format!("{indent}    .{input}({value})"));
    }
    if let Some(statements) = key.policy {
        out.marked(
            Mark::Policy(key.name),
            format!("{indent}    .policy(serializeJson("),
        );
        out.line(format!("{indent}        jsonObject("));
        out.line(format!(
            "{indent}            jsonProperty(\"Version\", \"2012-10-17\"),"
        ));
        out.line(format!(
            "{indent}            jsonProperty(\"Statement\", jsonArray("
        ));
        for (index, (effect, list)) in statements.iter().enumerate() {
            out.line(format!(
                "{indent}                jsonObject(jsonProperty(\"Effect\", \"{effect}\"), jsonProperty(\"Principal\", jsonObject(jsonProperty(\"AWS\", \"{ACCOUNT_ROOT}\"))), jsonProperty(\"Action\", jsonArray({})), jsonProperty(\"Resource\", \"*\")){}",
                actions(list),
                comma(index, statements.len())
            ));
        }
        out.line(format!("{indent}            ))"));
        out.line(format!("{indent}        )))"));
    }
    match key.provider {
        Some(provider) => out.line(format!(
            "{indent}    .build(), CustomResourceOptions.builder().provider({provider}).build()){end}"
        )),
        None => out.line(format!("{indent}    .build()){end}")),
    }
}

fn java_set(out: &mut Out, set: &SetDef, indent: &str) {
    let (variable, entry) = (
        format!("{}Regions", camel(set.name)),
        "ReplicationSetRegionArgs.builder().name(name).build()",
    );
    if set.built == Built::Looped {
        out.line(format!(
            "{indent}var {variable} = new ArrayList<ReplicationSetRegionArgs>();"
        ));
        out.line(format!(
            "{indent}for (var name : List.of({})) {{",
            looped_names(set)
        ));
        mark_entries(out, set);
        out.line(format!("{indent}    {variable}.add({entry});"));
        out.line(format!("{indent}}}"));
    }
    out.marked(
        Mark::Set(set.name),
        format!(
            "{indent}new ReplicationSet(\"{}\", ReplicationSetArgs.builder()",
            set.name
        ),
    );
    match set.built {
        Built::Written => {}
        Built::Looped => out.line(format!("{indent}    .regions({variable})")),
        Built::Mapped => {
            mark_entries(out, set);
            out.line(format!(
                "{indent}    .regions(Stream.of({}).map(name -> {entry}).toList())",
                looped_names(set)
            ));
        }
    }
    for (input, entries) in split(set)
        .into_iter()
        .filter(|_| set.built == Built::Written)
    {
        if input == "region" {
            out.mark(Mark::RegionInput(set.name));
        }
        out.line(format!("{indent}    .{input}("));
        let count = entries.len();
        for (position, (index, (region, key))) in entries.into_iter().enumerate() {
            mark_entry(out, set, index);
            let key = java_key(key)
                .map(|key| format!(".kmsKeyArn({key})"))
                .unwrap_or_default();
            out.line(format!(
                "{indent}        ReplicationSetRegionArgs.builder().name({}){key}.build(){}",
                java_region(region),
                comma(position, count)
            ));
        }
        out.line(format!("{indent}    )"));
    }
    if set.shared_tags {
        out.line(format!("{indent}    .tags({}Tags)", set.name));
    } else if !set.tags.is_empty() {
        let open = format!("{indent}    .tags(Map.ofEntries(");
        let close = format!("{indent}    ))");
        tag_map(
            out,
            set,
            &open,
            &format!("{indent}        "),
            java_tag,
            &close,
        );
    }
    match set.provider {
        Some(provider) => out.line(format!(
            "{indent}    .build(), CustomResourceOptions.builder().provider({provider}).build());"
        )),
        None => out.line(format!("{indent}    .build());")),
    }
}

fn java_tag(key: &str, value: &str, comma: &str) -> String {
    format!("Map.entry(\"{key}\", \"{value}\"){comma}")
}

fn java(s: &Scenario) -> Project {
    let mut out = Out::default();
    out.line("package incidents;");
    out.line("");
    let mut imports = vec!["com.pulumi.Context", "com.pulumi.Pulumi"];
    if s.uses_lookups() {
        imports.extend([
            "com.pulumi.aws.AwsFunctions",
            "com.pulumi.aws.inputs.GetRegionArgs",
        ]);
    }
    if !s.providers.is_empty() {
        imports.extend(["com.pulumi.aws.Provider", "com.pulumi.aws.ProviderArgs"]);
    }
    if s.keys.iter().any(|key| key.external) {
        imports.extend([
            "com.pulumi.aws.kms.ExternalKey",
            "com.pulumi.aws.kms.ExternalKeyArgs",
        ]);
    }
    if s.keys.iter().any(|key| !key.external) {
        imports.extend(["com.pulumi.aws.kms.Key", "com.pulumi.aws.kms.KeyArgs"]);
    }
    if !s.aliases.is_empty() {
        imports.extend(["com.pulumi.aws.kms.Alias", "com.pulumi.aws.kms.AliasArgs"]);
    }
    if s.uses_key_lookup() {
        imports.extend([
            "com.pulumi.aws.kms.KmsFunctions",
            "com.pulumi.aws.kms.inputs.GetKeyArgs",
        ]);
    }
    imports.extend([
        "com.pulumi.aws.ssmincidents.ReplicationSet",
        "com.pulumi.aws.ssmincidents.ReplicationSetArgs",
        "com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs",
    ]);
    if !s.providers.is_empty() {
        imports.push("com.pulumi.resources.CustomResourceOptions");
    }
    if s.builds(Built::Looped) {
        imports.extend(["java.util.ArrayList", "java.util.List"]);
    }
    if s.sets.iter().any(|set| !set.tags.is_empty()) {
        imports.push("java.util.Map");
    }
    if s.builds(Built::Mapped) {
        imports.push("java.util.stream.Stream");
    }
    for import in imports {
        out.line(format!("import {import};"));
    }
    if s.uses_policy() {
        out.line("");
        out.line("import static com.pulumi.codegen.internal.Serialization.*;");
    }
    out.line("");
    out.line("public class App {");
    out.line("    public static void main(String[] args) {");
    out.line("        Pulumi.run(App::stack);");
    out.line("    }");
    out.line("");
    out.line("    public static void stack(Context ctx) {");
    let indent = "        ";
    if s.uses_config() {
        out.line(format!("{indent}var config = ctx.config();"));
    }
    for region in s.regions() {
        match region {
            Region::Variable(name) => {
                out.line(format!("{indent}var {} = \"{name}\";", camel(name)));
            }
            Region::Lookup(name) => out.line(format!(
                "{indent}var {}Lookup = AwsFunctions.getRegion(GetRegionArgs.builder().name(\"{name}\").build());",
                camel(name)
            )),
            Region::Stack => out.line(format!("{indent}var current = AwsFunctions.getRegion();")),
            _ => {}
        }
    }
    if s.uses_key_lookup() {
        out.line(format!(
            "{indent}var incidentsKey = KmsFunctions.getKey(GetKeyArgs.builder().keyId(\"alias/incidents\").build());"
        ));
    }
    for (name, region) in &s.providers {
        out.marked(
            Mark::Provider(name),
            format!(
                "{indent}var {name} = new Provider(\"{name}\", ProviderArgs.builder().region({}).build());",
                java_region(*region)
            ),
        );
    }
    for key in &s.keys {
        if key.module {
            out.line(format!(
                "{indent}var {} = Keys.{}Key();",
                key.name, key.name
            ));
        } else if key.helper {
            out.line(format!("{indent}var {} = {}Key();", key.name, key.name));
        } else {
            java_key_def(&mut out, key, indent, &format!("var {} = ", key.name), ";");
        }
    }
    for (alias, key) in s.aliases {
        out.line(format!(
            "{indent}var {alias} = new Alias(\"{alias}\", AliasArgs.builder().name(\"alias/{alias}\").targetKeyId({key}.keyId()).build());"
        ));
    }
    for name in s.arn_variables() {
        out.line(format!("{indent}var {name}Arn = {name}.arn();"));
    }
    for set in shared_tags(s) {
        let open = format!("{indent}var {}Tags = Map.ofEntries(", set.name);
        let close = format!("{indent});");
        tag_map(
            &mut out,
            set,
            &open,
            &format!("{indent}    "),
            java_tag,
            &close,
        );
    }
    for set in &s.sets {
        out.blank();
        if set.helper {
            out.line(format!("{indent}{}Set();", set.name));
        } else {
            java_set(&mut out, set, indent);
        }
    }
    out.line("    }");
    for name in s.helpers() {
        out.line("");
        out.line(format!(
            "    private static String {}Region() {{",
            camel(name)
        ));
        out.line(format!("        return \"{name}\";"));
        out.line("    }");
    }
    for name in s.passed() {
        out.line("");
        out.line(format!(
            "    private static String {}Passed(String region) {{",
            camel(name)
        ));
        out.line("        return region;");
        out.line("    }");
    }
    for key in s.local_helpers() {
        assert_no_provider(key.provider);
        out.line("");
        out.line(format!(
            "    private static {} {}Key() {{",
            key_class(key),
            key.name
        ));
        java_key_def(&mut out, key, "        ", "return ", ";");
        out.line("    }");
    }
    for set in s.sets.iter().filter(|set| set.helper) {
        assert_no_provider(set.provider);
        out.line("");
        out.line(format!("    private static void {}Set() {{", set.name));
        java_set(&mut out, set, "        ");
        out.line("    }");
    }
    out.line("}");
    let mut project = Project::default();
    project.stacks(s, Some("java"));
    project.add("src/main/java/incidents/App.java", out);
    project.file(
        "pom.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n    <modelVersion>4.0.0</modelVersion>\n    <groupId>com.example</groupId>\n    <artifactId>incidents</artifactId>\n    <version>1.0-SNAPSHOT</version>\n    <properties>\n        <maven.compiler.release>17</maven.compiler.release>\n        <mainClass>incidents.App</mainClass>\n    </properties>\n    <dependencies>\n        <dependency>\n            <groupId>com.pulumi</groupId>\n            <artifactId>pulumi</artifactId>\n            <version>[1.0,2.0)</version>\n        </dependency>\n        <dependency>\n            <groupId>com.pulumi</groupId>\n            <artifactId>aws</artifactId>\n            <version>[7.0,8.0)</version>\n        </dependency>\n    </dependencies>\n</project>\n",
    );
    if s.module_helpers().next().is_some() {
        let mut keys = Out::default();
        keys.line("package incidents;");
        keys.line("");
        keys.line("import com.pulumi.aws.kms.ExternalKey;");
        keys.line("import com.pulumi.aws.kms.ExternalKeyArgs;");
        keys.line("import com.pulumi.aws.kms.Key;");
        keys.line("import com.pulumi.aws.kms.KeyArgs;");
        if s.module_helpers().any(|key| key.policy.is_some()) {
            keys.line("");
            keys.line("import static com.pulumi.codegen.internal.Serialization.*;");
        }
        keys.line("");
        keys.line("/** The KMS keys of the replication set. */");
        keys.line("final class Keys {");
        for key in s.module_helpers() {
            assert_no_provider(key.provider);
            keys.line(format!(
                "    static {} {}Key() {{",
                key_class(key),
                key.name
            ));
            java_key_def(&mut keys, key, "        ", "return ", ";");
            keys.line("    }");
            keys.line("");
        }
        keys.line("    private Keys() {}");
        keys.line("}");
        project.add("src/main/java/incidents/Keys.java", keys);
    }
    if !s.constants().is_empty() {
        let mut regions = Out::default();
        regions.line("package incidents;");
        regions.line("");
        regions.line("/** The regions of the replication set. */");
        regions.line("final class Regions {");
        for name in s.constants() {
            regions.line(format!(
                "    static final String {} = \"{name}\";",
                upper(name)
            ));
        }
        regions.line("");
        regions.line("    private Regions() {}");
        regions.line("}");
        project.add("src/main/java/incidents/Regions.java", regions);
    }
    project
}

// ---------------------------------------------------------------------------------------------
// YAML

/// Pulumi YAML has no functions, modules or classes: a helper's region and another file's
/// constant are variables, a key a helper would return is a resource.
fn yaml_region(region: Region) -> String {
    match region {
        // YAML reads nothing at all as null: an empty name is quoted.
        Region::Literal("") => quoted(""),
        Region::Literal(name) => name.to_owned(),
        Region::Variable(name) => format!("${{{}}}", camel(name)),
        Region::Helper(name) => format!("${{{}Region}}", camel(name)),
        Region::Passed(name) => format!("${{{}Passed}}", camel(name)),
        Region::Constant(name) => format!("${{regions{}}}", pascal(name)),
        Region::Lookup(name) => format!("${{{}Lookup}}", camel(name)),
        Region::Stack => "${current}".to_owned(),
        Region::Configured => "${aws:region}".to_owned(),
    }
}

fn yaml_key(key: KeyUse) -> Option<String> {
    Some(match key {
        KeyUse::AwsOwned => return None,
        KeyUse::Arn(name) => format!("${{{name}.arn}}"),
        KeyUse::ArnVariable(name) => format!("${{{name}Arn}}"),
        KeyUse::Id(name) => format!("${{{name}.keyId}}"),
        KeyUse::Text(text) => quoted(text),
        // A configuration value without a default is required.
        KeyUse::Required => "${keyArn}".to_owned(),
        KeyUse::Optional => panic!("{YAML_HAS_NO_OPTIONAL_CONFIG}"),
        KeyUse::LookedUp => "${incidentsKey}".to_owned(),
        KeyUse::AliasArn(name) => format!("${{{name}.arn}}"),
    })
}

fn yaml_tag(key: &str, value: &str, _: &str) -> String {
    format!("{key}: \"{value}\"")
}

fn yaml(s: &Scenario) -> Project {
    let mut out = Out::default();
    out.line(format!("name: {}", s.name));
    out.line("runtime: yaml");
    if s.uses_config() {
        out.line("config:");
        out.line("  keyArn:");
        out.line("    type: string");
    }
    let mut variables = Vec::new();
    for region in s.regions() {
        match region {
            Region::Variable(name) => variables.push(format!("  {}: {name}", camel(name))),
            Region::Helper(name) => variables.push(format!("  {}Region: {name}", camel(name))),
            Region::Passed(name) => variables.push(format!("  {}Passed: {name}", camel(name))),
            Region::Constant(name) => {
                variables.push(format!("  regions{}: {name}", pascal(name)));
            }
            Region::Lookup(name) => variables.push(format!(
                "  {}Lookup:\n    fn::invoke:\n      function: aws:getRegion\n      arguments:\n        name: {name}\n      return: name",
                camel(name)
            )),
            Region::Stack => variables.push(
                "  current:\n    fn::invoke:\n      function: aws:getRegion\n      return: name"
                    .to_owned(),
            ),
            Region::Literal(_) | Region::Configured => {}
        }
    }
    if s.uses_key_lookup() {
        variables.push(
            "  incidentsKey:\n    fn::invoke:\n      function: aws:kms:getKey\n      arguments:\n        keyId: alias/incidents\n      return: arn"
                .to_owned(),
        );
    }
    for name in s.arn_variables() {
        variables.push(format!("  {name}Arn: ${{{name}.arn}}"));
    }
    if !variables.is_empty() || shared_tags(s).next().is_some() {
        out.line("variables:");
        for variable in variables {
            out.line(variable);
        }
        for set in shared_tags(s) {
            tag_map(
                &mut out,
                set,
                &format!("  {}Tags:", set.name),
                "    ",
                yaml_tag,
                "",
            );
        }
    }
    out.line("resources:");
    for (name, region) in &s.providers {
        out.line(format!("  {name}:"));
        out.line("    type: pulumi:providers:aws");
        out.line("    properties:");
        out.marked(
            Mark::Provider(name),
            format!("      region: {}", yaml_region(*region)),
        );
    }
    for key in &s.keys {
        out.line(format!("  {}:", key.name));
        out.line(format!("    type: aws:kms:{}", key_class(key)));
        out.line("    properties:");
        for (input, value) in key_inputs(key, quoted, |b| b.to_string()) {
            out.line(format!("      {input}: {value}"));
        }
        if let Some(statements) = key.policy {
            // The document is the value, on the line after its key.
            out.line("      policy:");
            out.marked(Mark::Policy(key.name), "        fn::toJSON:");
            out.line("          Version: \"2012-10-17\"");
            out.line("          Statement:");
            for (effect, list) in statements {
                out.line(format!("            - Effect: {effect}"));
                out.line("              Principal:");
                out.line(format!("                AWS: \"{ACCOUNT_ROOT}\""));
                out.line(format!("              Action: [{}]", actions(list)));
                out.line("              Resource: \"*\"");
            }
        }
        if let Some(provider) = key.provider {
            out.line("    options:");
            out.line(format!("      provider: ${{{provider}}}"));
        }
    }
    for (alias, key) in s.aliases {
        out.line(format!("  {alias}:"));
        out.line("    type: aws:kms:Alias");
        out.line("    properties:");
        out.line(format!("      name: alias/{alias}"));
        out.line(format!("      targetKeyId: ${{{key}.keyId}}"));
    }
    for set in &s.sets {
        out.marked(Mark::Set(set.name), format!("  {}:", set.name));
        out.line("    type: aws:ssmincidents:ReplicationSet");
        out.line("    properties:");
        for (input, entries) in split(set) {
            if input == "region" {
                out.mark(Mark::RegionInput(set.name));
            }
            out.line(format!("      {input}:"));
            for (index, (region, key)) in entries {
                match yaml_key(key) {
                    Some(key) => {
                        out.marked(
                            Mark::Entry(set.name, index),
                            format!("        - name: {}", yaml_region(region)),
                        );
                        out.marked(
                            Mark::KeyOf(set.name, index),
                            format!("          kmsKeyArn: {key}"),
                        );
                    }
                    // The AWS-owned key is written nowhere: the region's name stands for it.
                    None => {
                        mark_entry(&mut out, set, index);
                        out.line(format!("        - name: {}", yaml_region(region)));
                    }
                }
            }
        }
        if set.shared_tags {
            out.line(format!("      tags: ${{{}Tags}}", set.name));
        } else if !set.tags.is_empty() {
            tag_map(&mut out, set, "      tags:", "        ", yaml_tag, "");
        }
        if let Some(provider) = set.provider {
            out.line("    options:");
            out.line(format!("      provider: ${{{provider}}}"));
        }
    }
    let mut project = Project::default();
    project.stacks(s, None);
    project.add("Pulumi.yaml", out);
    project
}

// ---------------------------------------------------------------------------------------------
// The scenarios

use KeyUse::*;
use Region::{Configured, Constant, Helper, Literal, Lookup, Passed, Stack, Variable};

const YAML_HAS_NO_OPTIONAL_CONFIG: &str = "a Pulumi YAML configuration value without a default \
    is required, and one with a default is known: YAML cannot read a key that may be absent";

const YAML_HAS_NO_FUNCTIONS: &str = "Pulumi YAML has no functions: every resource it declares is \
    created once";

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "irl001-mixed-keys",
            stacks: &[("prod", "us-east-1")],
            providers: vec![("oregon", Literal("us-west-2"))],
            keys: vec![KeyDef {
                provider: Some("oregon"),
                ..key("secondary")
            }],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), AwsOwned),
                    (Literal("us-west-2"), Arn("secondary")),
                ],
            )],
            expected: vec![("IRL001", Mark::Entry("main", 0))],
            ..SCENARIO
        },
        Scenario {
            // Each key lives in its region (the stack's, a provider's, pulumi-aws v7's
            // `region`), reached through a variable and a helper: IRL001 and IRL005 stay silent.
            name: "irl001-clean-every-region-keyed",
            stacks: &[("prod", "us-east-1")],
            providers: vec![("oregon", Literal("us-west-2"))],
            keys: vec![
                KeyDef {
                    helper: true,
                    region: Some("us-east-1"),
                    ..key("primary")
                },
                KeyDef {
                    provider: Some("oregon"),
                    ..key("secondary")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Variable("us-east-1"), ArnVariable("primary")),
                    (Helper("us-west-2"), Arn("secondary")),
                ],
            )],
            ..SCENARIO
        },
        Scenario {
            // Decided: a required configuration value is some customer managed key.
            name: "irl001-required-config-key",
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), AwsOwned),
                    (Literal("us-west-2"), Required),
                ],
            )],
            expected: vec![("IRL001", Mark::Entry("main", 0))],
            ..SCENARIO
        },
        Scenario {
            // A key looked up by its alias is some customer managed key.
            name: "irl001-looked-up-key",
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), AwsOwned),
                    (Literal("us-west-2"), LookedUp),
                ],
            )],
            expected: vec![("IRL001", Mark::Entry("main", 0))],
            ..SCENARIO
        },
        Scenario {
            // An optional configuration value may be no key at all: unknown.
            name: "irl001-clean-optional-config-key",
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), AwsOwned),
                    (Literal("us-west-2"), Optional),
                ],
            )],
            skip: &[(Lang::Yaml, YAML_HAS_NO_OPTIONAL_CONFIG)],
            ..SCENARIO
        },
        Scenario {
            // `dev` deploys to us-east-1, one of the regions; `prod` to eu-central-1.
            name: "irl003-stack-region-not-in-set",
            stacks: &[("dev", "us-east-1"), ("prod", "eu-central-1")],
            sets: vec![set(
                "main",
                &owned(&[Literal("us-east-1"), Constant("us-west-2")]),
            )],
            expected: vec![("IRL003", Mark::Set("main"))],
            ..SCENARIO
        },
        Scenario {
            name: "irl003-clean-stack-region-in-set",
            stacks: &[("prod", "us-west-2")],
            sets: vec![set(
                "main",
                &owned(&[Variable("us-east-1"), Helper("us-west-2")]),
            )],
            ..SCENARIO
        },
        Scenario {
            // The set's provider deploys to eu-west-1; the stack's region does not matter.
            name: "irl003-provider-region-not-in-set",
            stacks: &[("prod", "us-east-1")],
            providers: vec![("ireland", Literal("eu-west-1"))],
            sets: vec![SetDef {
                provider: Some("ireland"),
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                )
            }],
            expected: vec![("IRL003", Mark::Set("main"))],
            ..SCENARIO
        },
        Scenario {
            // A provider whose region is an empty string sets none: like one without a
            // region, it deploys to the stack's (not to a region named ``, a false IRL012).
            name: "irl003-provider-region-empty-is-the-stack-region",
            stacks: &[("prod", "eu-central-1")],
            providers: vec![("blank", Literal(""))],
            sets: vec![SetDef {
                provider: Some("blank"),
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                )
            }],
            expected: vec![("IRL003", Mark::Set("main"))],
            ..SCENARIO
        },
        Scenario {
            name: "irl003-clean-provider-region-in-set",
            stacks: &[("prod", "eu-central-1")],
            providers: vec![("oregon", Helper("us-west-2"))],
            sets: vec![SetDef {
                provider: Some("oregon"),
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Variable("us-west-2")]),
                )
            }],
            ..SCENARIO
        },
        Scenario {
            // The finding points at the only region.
            name: "irl004-single-region",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set("main", &owned(&[Helper("us-east-1")]))],
            expected: vec![("IRL004", Mark::Entry("main", 0))],
            ..SCENARIO
        },
        Scenario {
            // Each region is given by the one call of a helper that returns its parameter.
            name: "irl012-region-passed-to-a-helper",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set(
                "main",
                &owned(&[Passed("us-east-1"), Passed("eu-west-9")]),
            )],
            expected: vec![("IRL012", Mark::Entry("main", 1))],
            ..SCENARIO
        },
        Scenario {
            name: "irl005-key-of-another-region",
            providers: vec![("oregon", Variable("us-west-2"))],
            keys: vec![KeyDef {
                provider: Some("oregon"),
                ..key("secondary")
            }],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("secondary")),
                    (Literal("us-west-2"), Arn("secondary")),
                    (
                        Literal("eu-west-1"),
                        Text(
                            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        ),
                    ),
                ],
            )],
            expected: vec![
                ("IRL005", Mark::KeyOf("main", 0)),
                ("IRL005", Mark::KeyOf("main", 2)),
            ],
            ..SCENARIO
        },
        Scenario {
            // The lookup names us-west-2, the key lives in the stack's us-east-1: a lookup whose
            // name were not read would be the stack's region, and the key would match it.
            name: "irl005-lookup-names-another-region",
            stacks: &[("prod", "us-east-1")],
            keys: vec![KeyDef {
                region: Some("us-east-1"),
                ..key("primary")
            }],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("primary")),
                    (Lookup("us-west-2"), Arn("primary")),
                ],
            )],
            expected: vec![("IRL005", Mark::KeyOf("main", 1))],
            ..SCENARIO
        },
        Scenario {
            name: "irl008-unsupported-keys",
            keys: vec![
                KeyDef {
                    spec: Some("RSA_2048"),
                    usage: Some("SIGN_VERIFY"),
                    ..key("signing")
                },
                KeyDef {
                    external: true,
                    ..key("imported")
                },
                KeyDef {
                    custom_key_store: Some("cks-1234567890abcdef0"),
                    ..key("hsm")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("signing")),
                    (Literal("us-west-2"), Arn("imported")),
                    (Literal("eu-west-1"), ArnVariable("hsm")),
                ],
            )],
            expected: vec![
                ("IRL008", Mark::KeyOf("main", 0)),
                ("IRL008", Mark::KeyOf("main", 1)),
                ("IRL008", Mark::KeyOf("main", 2)),
            ],
            ..SCENARIO
        },
        Scenario {
            name: "irl008-hmac-key-and-clean-symmetric-key",
            keys: vec![
                KeyDef {
                    spec: Some("HMAC_256"),
                    usage: Some("GENERATE_VERIFY_MAC"),
                    helper: true,
                    ..key("mac")
                },
                KeyDef {
                    spec: Some("SYMMETRIC_DEFAULT"),
                    usage: Some("ENCRYPT_DECRYPT"),
                    ..key("plain")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("mac")),
                    (Literal("us-west-2"), Arn("plain")),
                ],
            )],
            expected: vec![("IRL008", Mark::KeyOf("main", 0))],
            ..SCENARIO
        },
        Scenario {
            name: "irl009-key-id-and-aliases",
            keys: vec![key("primary")],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Id("primary")),
                    (Literal("us-west-2"), Text("alias/incidents")),
                    (
                        Literal("eu-west-1"),
                        Text("arn:aws:kms:eu-west-1:111122223333:alias/incidents"),
                    ),
                ],
            )],
            expected: vec![
                ("IRL009", Mark::KeyOf("main", 0)),
                ("IRL009", Mark::KeyOf("main", 1)),
                ("IRL009", Mark::KeyOf("main", 2)),
            ],
            ..SCENARIO
        },
        Scenario {
            name: "irl009-alias-resource",
            keys: vec![key("primary")],
            aliases: &[("incidents", "primary")],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), AliasArn("incidents")),
                    (Literal("us-west-2"), Arn("primary")),
                ],
            )],
            expected: vec![("IRL009", Mark::KeyOf("main", 0))],
            ..SCENARIO
        },
        Scenario {
            name: "irl010-four-regions",
            sets: vec![set(
                "main",
                &owned(&[
                    Literal("us-east-1"),
                    Variable("us-west-2"),
                    Helper("eu-west-1"),
                    Constant("ap-southeast-2"),
                ]),
            )],
            expected: vec![("IRL010", Mark::Entry("main", 3))],
            ..SCENARIO
        },
        Scenario {
            // The regions are the entries a loop builds from a list of names: the fourth is
            // too many, and it is reported where the loop's element is written.
            name: "irl010-four-regions-mapped",
            sets: vec![built(
                "main",
                Built::Mapped,
                &["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"],
            )],
            expected: vec![("IRL010", Mark::Entry("main", 3))],
            ..SCENARIO
        },
        Scenario {
            name: "irl012-region-misspelt-in-a-loop",
            stacks: &[("prod", "us-east-1")],
            sets: vec![built("main", Built::Looped, &["us-east-1", "eu-west-9"])],
            expected: vec![("IRL012", Mark::Entry("main", 1))],
            ..SCENARIO
        },
        Scenario {
            // Read, the regions a loop appends do not hold the stack's.
            name: "irl003-stack-region-not-among-looped-regions",
            stacks: &[("prod", "eu-central-1")],
            sets: vec![built("main", Built::Looped, &["us-east-1", "us-west-2"])],
            expected: vec![("IRL003", Mark::Set("main"))],
            ..SCENARIO
        },
        Scenario {
            name: "irl011-region-twice",
            sets: vec![set(
                "main",
                &owned(&[
                    Literal("us-east-1"),
                    Constant("us-west-2"),
                    Variable("us-east-1"),
                ]),
            )],
            expected: vec![("IRL011", Mark::Entry("main", 2))],
            ..SCENARIO
        },
        Scenario {
            // A lookup of the stack's region and the configured region are the same region,
            // whichever the stack's is.
            name: "irl011-stack-region-twice",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set(
                "main",
                &owned(&[Stack, Literal("us-west-2"), Configured]),
            )],
            expected: vec![("IRL011", Mark::Entry("main", 2))],
            ..SCENARIO
        },
        Scenario {
            name: "irl011-clean-stack-region-once",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set("main", &owned(&[Stack, Literal("us-west-2")]))],
            ..SCENARIO
        },
        Scenario {
            name: "irl011-clean-configured-region-once",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set("main", &owned(&[Configured, Literal("us-west-2")]))],
            ..SCENARIO
        },
        Scenario {
            // A lookup whose name were not read would be the stack's us-east-1, not a repeat.
            name: "irl011-lookup-names-a-region-twice",
            stacks: &[("prod", "us-east-1")],
            sets: vec![set(
                "main",
                &owned(&[
                    Literal("us-east-1"),
                    Lookup("us-west-2"),
                    Literal("us-west-2"),
                ]),
            )],
            expected: vec![("IRL011", Mark::Entry("main", 2))],
            ..SCENARIO
        },
        Scenario {
            // A misspelt name written where it is used and in another file: the finding points
            // at the use.
            name: "irl012-misspelt-regions",
            sets: vec![set(
                "main",
                &owned(&[
                    Literal("us-east-1"),
                    Literal("us-wset-2"),
                    Constant("eu-wset-1"),
                ]),
            )],
            expected: vec![
                ("IRL012", Mark::Entry("main", 1)),
                ("IRL012", Mark::Entry("main", 2)),
            ],
            ..SCENARIO
        },
        Scenario {
            name: "irl012-provider-region-misspelt",
            stacks: &[("prod", "eu-west-1")],
            providers: vec![("frankfurt", Literal("eu-centrla-1"))],
            sets: vec![SetDef {
                provider: Some("frankfurt"),
                ..set(
                    "main",
                    &owned(&[Literal("eu-central-1"), Literal("eu-west-1")]),
                )
            }],
            // One cause, one finding: IRL003 compares only regions AWS has.
            expected: vec![("IRL012", Mark::Provider("frankfurt"))],
            ..SCENARIO
        },
        Scenario {
            // A stack's `aws:region` that no region has is IRL012's too, in the stack file.
            name: "irl012-stack-region-no-region-has",
            stacks: &[("prod", "usw2")],
            sets: vec![set(
                "main",
                &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
            )],
            expected: vec![("IRL012", Mark::Stack("prod"))],
            ..SCENARIO
        },
        Scenario {
            name: "irl013-two-sets",
            sets: vec![
                set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                ),
                set(
                    "second",
                    &owned(&[Literal("eu-west-1"), Literal("eu-central-1")]),
                ),
            ],
            expected: vec![("IRL013", Mark::Set("second"))],
            ..SCENARIO
        },
        Scenario {
            // A set a function creates may be created any number of times, or none: only sets
            // certainly created count.
            name: "irl013-clean-second-set-in-a-function",
            sets: vec![
                set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                ),
                SetDef {
                    helper: true,
                    ..set(
                        "second",
                        &owned(&[Literal("eu-west-1"), Literal("eu-central-1")]),
                    )
                },
            ],
            skip: &[(Lang::Yaml, YAML_HAS_NO_FUNCTIONS)],
            ..SCENARIO
        },
        Scenario {
            name: "irl014-sensitive-tags",
            sets: vec![SetDef {
                tags: &[
                    ("Owner", "jane.doe@example.com"),
                    ("Team", "platform-reliability-engineering"),
                    ("OnCall", "+4799887766"),
                    ("CostCenter", "1234"),
                    ("Deployer", "AKIAIOSFODNN7EXAMPLE"),
                ],
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                )
            }],
            expected: vec![
                ("IRL014", Mark::Tag("main", "Owner")),
                ("IRL014", Mark::Tag("main", "OnCall")),
                ("IRL014", Mark::Tag("main", "Deployer")),
            ],
            ..SCENARIO
        },
        Scenario {
            // The map is a variable: the finding points at the tag where it is written.
            name: "irl014-tags-through-a-variable",
            sets: vec![SetDef {
                tags: &[
                    ("Owner", "incidents@example.com"),
                    ("Team", "incident-response"),
                ],
                shared_tags: true,
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                )
            }],
            expected: vec![("IRL014", Mark::Tag("main", "Owner"))],
            ..SCENARIO
        },
        Scenario {
            // The disabled key is made by a function of another file.
            name: "irl015-disabled-key",
            keys: vec![
                KeyDef {
                    enabled: Some(false),
                    helper: true,
                    module: true,
                    ..key("primary")
                },
                KeyDef {
                    enabled: Some(true),
                    ..key("secondary")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), ArnVariable("primary")),
                    (Literal("us-west-2"), Arn("secondary")),
                ],
            )],
            expected: vec![("IRL015", Mark::KeyOf("main", 0))],
            ..SCENARIO
        },
        Scenario {
            name: "irl018-deprecated-region",
            sets: vec![SetDef {
                syntax: Syntax::Region,
                ..set(
                    "main",
                    &owned(&[Literal("us-east-1"), Literal("us-west-2")]),
                )
            }],
            expected: vec![("IRL018", Mark::RegionInput("main"))],
            ..SCENARIO
        },
        Scenario {
            // An error rather than a warning: the provider takes one of the two only.
            name: "irl018-region-and-regions",
            sets: vec![SetDef {
                syntax: Syntax::Both,
                ..set(
                    "main",
                    &owned(&[
                        Literal("us-east-1"),
                        Literal("eu-west-1"),
                        Literal("us-west-2"),
                    ]),
                )
            }],
            expected: vec![("IRL018", Mark::RegionInput("main"))],
            ..SCENARIO
        },
        Scenario {
            // `primary` denies everything and allows encryption only; `secondary` allows the
            // two actions in two statements, one through a wildcard.
            name: "irl019-policy-without-grants",
            keys: vec![
                KeyDef {
                    policy: Some(&[
                        ("Deny", &["kms:*"]),
                        ("Allow", &["kms:Encrypt", "kms:Decrypt"]),
                    ]),
                    ..key("primary")
                },
                KeyDef {
                    policy: Some(&[
                        ("Allow", &["kms:CreateGrant"]),
                        ("Allow", &["kms:Describe*"]),
                    ]),
                    ..key("secondary")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("primary")),
                    (Literal("us-west-2"), Arn("secondary")),
                ],
            )],
            expected: vec![("IRL019", Mark::Policy("primary"))],
            ..SCENARIO
        },
        Scenario {
            name: "irl019-helper-key-policy",
            keys: vec![
                KeyDef {
                    policy: Some(&[("Allow", &["kms:Encrypt", "kms:DescribeKey"])]),
                    helper: true,
                    ..key("primary")
                },
                KeyDef {
                    policy: Some(&[("Allow", &["kms:*"])]),
                    ..key("secondary")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("primary")),
                    (Literal("us-west-2"), ArnVariable("secondary")),
                ],
            )],
            expected: vec![("IRL019", Mark::Policy("primary"))],
            ..SCENARIO
        },
        Scenario {
            // The policy is written in another file, where the finding points.
            name: "irl019-key-policy-in-another-file",
            keys: vec![
                KeyDef {
                    policy: Some(&[("Allow", &["kms:CreateGrant"])]),
                    helper: true,
                    module: true,
                    ..key("primary")
                },
                KeyDef {
                    helper: true,
                    module: true,
                    ..key("secondary")
                },
            ],
            sets: vec![set(
                "main",
                &[
                    (Literal("us-east-1"), Arn("primary")),
                    (Literal("us-west-2"), Arn("secondary")),
                ],
            )],
            expected: vec![("IRL019", Mark::Policy("primary"))],
            ..SCENARIO
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// The run

/// A finding as compared: rule, file relative to the scenario's directory, line.
type Located = (String, String, usize);

struct Finding {
    located: Located,
    /// The level, which every language must give alike.
    level: String,
    /// The replacement of the fix, which every language must give alike (a renamed input, as it
    /// spells inputs).
    fix: Option<String>,
    message: String,
}

/// What one run of irlint over a language's scenarios reported, by scenario.
struct Report {
    findings: BTreeMap<String, Vec<Finding>>,
    errors: BTreeMap<String, Vec<String>>,
}

fn lint(directory: &Path) -> Report {
    let report = support::run(
        support::irlint()
            .current_dir(directory)
            .args(["--format", "json", "."]),
    )
    .json();
    // `<scenario>/<file>`.
    let split = |path: &str| -> (String, String) {
        let (scenario, file) = path.split_once('/').unwrap_or(("", path));
        (scenario.to_owned(), file.to_owned())
    };
    let mut findings: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for finding in report["findings"].as_array().expect("findings") {
        let (scenario, file) = split(finding["path"].as_str().unwrap_or_default());
        let line = finding["start"]["line"].as_u64().unwrap_or_default() as usize;
        findings.entry(scenario).or_default().push(Finding {
            located: (
                finding["rule"].as_str().unwrap_or_default().to_owned(),
                file,
                line,
            ),
            level: finding["level"].as_str().unwrap_or_default().to_owned(),
            fix: finding["fix"]["replacement"].as_str().map(str::to_owned),
            message: finding["message"].as_str().unwrap_or_default().to_owned(),
        });
    }
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for error in report["errors"].as_array().expect("errors") {
        let (scenario, file) = split(error["path"].as_str().unwrap_or_default());
        errors.entry(scenario).or_default().push(format!(
            "{file}:{}: {}",
            error["start"]["line"],
            error["message"].as_str().unwrap_or_default()
        ));
    }
    Report { findings, errors }
}

/// The level (and fix), or the message, of each finding expected, by scenario, rule and mark, in
/// each language.
type Levels = BTreeMap<(&'static str, String, Mark), BTreeMap<&'static str, String>>;

fn write(root: &Path, project: &Project) {
    for (path, text) in &project.files {
        support::write(root, path, text);
    }
}

/// A fix's replacement as every language must give it: the new name of an input (at the input's
/// mark) as the schema spells it, and only when the language spells it its own way; any other
/// replacement as it is.
fn schema_spelling(language: &Language, mark: &Mark, replacement: &str) -> String {
    // A key's ARN is read in each language's own way: alike when it names the same key.
    if let Mark::KeyOf(..) = mark {
        let (before, after) = language.key_arn.split_once("{key}").unwrap_or_default();
        return match replacement
            .strip_prefix(before)
            .and_then(|r| r.strip_suffix(after))
        {
            Some(key) => format!("the ARN of `{key}`"),
            None => format!("{replacement}, not as {} reads a key's ARN", language.name),
        };
    }
    let Mark::RegionInput(_) = mark else {
        return replacement.to_owned();
    };
    let mut chars = replacement.chars();
    let schema: String = chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    if (language.input)(&schema) == replacement {
        schema
    } else {
        format!("{replacement}, not as {} spells inputs", language.name)
    }
}

/// Compares what irlint reported for one scenario in one language with what it should report,
/// adding each difference to `failures`, and the level and message of each finding expected to
/// `levels` and `messages`.
fn compare(
    scenario: &Scenario,
    language: &Language,
    project: &Project,
    report: &Report,
    failures: &mut Vec<String>,
    levels: &mut Levels,
    messages: &mut Levels,
) {
    let context = format!("{} in {}", scenario.name, language.name);
    if let Some(errors) = report.errors.get(scenario.name) {
        failures.push(format!("{context}: input errors {errors:#?}"));
    }
    let mut expected: BTreeMap<Located, Mark> = BTreeMap::new();
    for (rule, mark) in &scenario.expected {
        let (file, line) = project
            .marks
            .get(mark)
            .unwrap_or_else(|| panic!("{context}: {mark:?} is not rendered"))
            .clone();
        expected.insert(((*rule).to_owned(), file, line), mark.clone());
    }
    let found: Vec<&Finding> = report
        .findings
        .get(scenario.name)
        .map(|found| found.iter().collect())
        .unwrap_or_default();
    for finding in &found {
        match expected.get(&finding.located) {
            Some(mark) => {
                let key = (scenario.name, finding.located.0.clone(), mark.clone());
                let level = match &finding.fix {
                    Some(replacement) => format!(
                        "{}, fixed by `{}`",
                        finding.level,
                        schema_spelling(language, mark, replacement)
                    ),
                    None => finding.level.clone(),
                };
                (levels.entry(key.clone()).or_default()).insert(language.name, level);
                (messages.entry(key).or_default()).insert(language.name, finding.message.clone());
            }
            None => {
                let (rule, file, line) = &finding.located;
                let marks: Vec<&Mark> = project
                    .marks
                    .iter()
                    .filter(|(_, (f, l))| f == file && l == line)
                    .map(|(mark, _)| mark)
                    .collect();
                failures.push(format!(
                    "{context}: unexpected {rule} at {file}:{line} {marks:?}: {}",
                    finding.message
                ));
            }
        }
    }
    for (located, mark) in &expected {
        if !found.iter().any(|finding| finding.located == *located) {
            let (rule, file, line) = located;
            let all: Vec<String> = found
                .iter()
                .map(|f| format!("{} {}:{}", f.located.0, f.located.1, f.located.2))
                .collect();
            failures.push(format!(
                "{context}: missing {rule} at {mark:?} ({file}:{line}); found {all:?}"
            ));
        }
    }
}

#[test]
fn every_language_reports_every_scenario_alike() {
    let started = Instant::now();
    let scenarios = scenarios();
    let names: BTreeSet<&str> = scenarios.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), scenarios.len(), "scenario names are unique");
    let root = support::project(&[]);
    // Each language's projects, rendered and written into a directory of its own.
    let rendered: Vec<Vec<Option<Project>>> = LANGUAGES
        .iter()
        .map(|language| {
            scenarios
                .iter()
                .map(|scenario| {
                    let skipped = scenario.skip.iter().any(|(lang, _)| *lang == language.lang);
                    (!skipped).then(|| {
                        let project = (language.render)(scenario);
                        write(
                            &root.path().join(language.name).join(scenario.name),
                            &project,
                        );
                        project
                    })
                })
                .collect()
        })
        .collect();
    // One run of the binary per language, all at once.
    let reports: Vec<Report> = std::thread::scope(|scope| {
        let runs: Vec<_> = LANGUAGES
            .iter()
            .map(|language| {
                let directory = root.path().join(language.name);
                scope.spawn(move || lint(&directory))
            })
            .collect();
        runs.into_iter()
            .map(|run| run.join().expect("the lint thread ends"))
            .collect()
    });
    if let Some(keep) = std::env::var_os("IRLINT_LANGUAGES_KEEP") {
        for language in LANGUAGES {
            let from = root.path().join(language.name);
            let status = std::process::Command::new("cp")
                .arg("-r")
                .arg(&from)
                .arg(&keep)
                .status()
                .expect("cp runs");
            assert!(status.success(), "{from:?} copied");
        }
    }
    let mut failures = Vec::new();
    let mut levels = Levels::new();
    let mut messages = Levels::new();
    for ((language, projects), report) in LANGUAGES.iter().zip(&rendered).zip(&reports) {
        for (scenario, project) in scenarios.iter().zip(projects) {
            if let Some(project) = project {
                compare(
                    scenario,
                    language,
                    project,
                    report,
                    &mut failures,
                    &mut levels,
                    &mut messages,
                );
            }
        }
    }
    for ((name, rule, mark), by_language) in &messages {
        if by_language.values().collect::<BTreeSet<_>>().len() > 1 {
            failures.push(format!(
                "{name}: {rule} at {mark:?} has different messages: {by_language:#?}"
            ));
        }
    }
    for ((name, rule, mark), by_language) in &levels {
        if by_language.values().collect::<BTreeSet<_>>().len() > 1 {
            failures.push(format!(
                "{name}: {rule} at {mark:?} has different levels or fixes: {by_language:?}"
            ));
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{} scenarios in {} languages in {elapsed:?}",
        scenarios.len(),
        LANGUAGES.len()
    );
    assert!(
        failures.is_empty(),
        "{} disagreement(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
