use crate::finding::Finding;
use crate::model::{
    Argument, ArgumentValue, Arguments, Case, Engine, ReplicationSet, Schema, SetArguments, View,
};
use crate::rules::{Rule, listing};

declare_rule! {
    /// A replication set is given an argument its resource type does not have, lacks a
    /// required one, or gives one a value of the wrong shape.
    UnknownArgument {
        id: "IRL022",
        name: "unknown-argument",
        level: Error,
        summary: "The set is given an argument its resource type does not have, lacks a required one, or gives one the wrong type",
    }
}

/// What a field of a schema holds.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Text,
    Bool,
    /// A map of strings (Terraform's `tags`).
    TextMap,
    Object(&'static Shape),
    /// A list of objects, written as a list in every format (CloudFormation's `Regions`).
    List(&'static Shape, Items),
    /// Repeatable nested blocks in Terraform (`regions { … }`), which Pulumi's package built on
    /// the same provider takes as a list of objects.
    Blocks(&'static Shape, Items),
    /// One nested block, in Terraform only (`timeouts { … }`).
    Block(&'static Shape),
}

/// How many items a list must have.
#[derive(Clone, Copy, Debug)]
enum Items {
    Any,
    /// At least one, for the reason given.
    Some(&'static str),
}

/// A field of a schema.
#[derive(Debug)]
struct Field {
    /// The name's words joined by `_`, whatever the language (`region_name`).
    name: &'static str,
    kind: Kind,
    /// Whether code may set it: not an attribute that the service or the provider computes.
    settable: bool,
    /// Whether only Terraform has it, not Pulumi's package built on the same provider
    /// (`timeouts`, Terraform's SDK's own `id`).
    terraform_only: bool,
    /// What people write for it, taking it for another schema's field: normalised names
    /// ([`normalized`]) that suggest it.
    mistaken_for: &'static [&'static str],
}

impl Field {
    const fn new(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            settable: true,
            terraform_only: false,
            mistaken_for: &[],
        }
    }

    const fn computed(self) -> Field {
        Field {
            settable: false,
            ..self
        }
    }

    const fn terraform_only(self) -> Field {
        Field {
            terraform_only: true,
            ..self
        }
    }

    const fn mistaken_for(self, names: &'static [&'static str]) -> Field {
        Field {
            mistaken_for: names,
            ..self
        }
    }
}

/// An object of a schema: its fields, and the groups of them of which one must be given.
#[derive(Debug)]
struct Shape {
    fields: &'static [Field],
    required: &'static [&'static [&'static str]],
}

const REGIONS_NEEDED: &str = "Incident Manager needs 1 to 3 regions";

/// `AWS::SSMIncidents::ReplicationSet` (CloudFormation, CDK, Pulumi's aws-native, and the Cloud
/// Control provider's `awscc_ssmincidents_replication_set`, which adds `id`).
static CLOUDFORMATION: Shape = Shape {
    fields: &[
        Field::new(
            "regions",
            Kind::List(&REPLICATION_REGION, Items::Some(REGIONS_NEEDED)),
        )
        .mistaken_for(&["region", "replicationregions"]),
        Field::new("deletion_protected", Kind::Bool)
            .mistaken_for(&["deletionprotection", "deletionprotectionenabled"]),
        Field::new("tags", Kind::List(&CLOUDFORMATION_TAG, Items::Any)),
        Field::new("arn", Kind::Text).computed(),
        Field::new("id", Kind::Text).computed().terraform_only(),
    ],
    required: &[&["regions"]],
};

/// CloudFormation's schema does not require `RegionName`, but its handler keys the regions it
/// sends by their names: an entry without one fails the deployment.
static REPLICATION_REGION: Shape = Shape {
    fields: &[
        Field::new("region_name", Kind::Text).mistaken_for(&["region", "name"]),
        Field::new("region_configuration", Kind::Object(&REGION_CONFIGURATION))
            .mistaken_for(&["configuration", "regionconfig"]),
    ],
    required: &[&["region_name"]],
};

static REGION_CONFIGURATION: Shape = Shape {
    fields: &[Field::new("sse_kms_key_id", Kind::Text).mistaken_for(&[
        "kmskeyid",
        "kmskeyarn",
        "ssekmskeyarn",
        "kmskey",
    ])],
    required: &[&["sse_kms_key_id"]],
};

static CLOUDFORMATION_TAG: Shape = Shape {
    fields: &[
        Field::new("key", Kind::Text),
        Field::new("value", Kind::Text),
    ],
    required: &[&["key"], &["value"]],
};

/// `aws_ssmincidents_replication_set` (Terraform's AWS provider, and Pulumi's aws package built
/// on it): `regions` blocks (provider v6) or the `region` blocks v6 deprecates, exactly one of
/// the two.
static TERRAFORM: Shape = Shape {
    fields: &[
        Field::new(
            "regions",
            Kind::Blocks(&TERRAFORM_REGION, Items::Some(REGIONS_NEEDED)),
        )
        .mistaken_for(&["replicationregions"]),
        Field::new(
            "region",
            Kind::Blocks(&TERRAFORM_REGION, Items::Some(REGIONS_NEEDED)),
        ),
        Field::new("tags", Kind::TextMap),
        Field::new("tags_all", Kind::TextMap).computed(),
        Field::new("timeouts", Kind::Block(&TIMEOUTS)).terraform_only(),
        // Terraform's plugin SDK gives every resource an `id` that may be set.
        Field::new("id", Kind::Text).terraform_only(),
        Field::new("arn", Kind::Text).computed(),
        Field::new("created_by", Kind::Text).computed(),
        Field::new("deletion_protected", Kind::Bool).computed(),
        Field::new("last_modified_by", Kind::Text).computed(),
        Field::new("status", Kind::Text).computed(),
    ],
    required: &[&["regions", "region"]],
};

static TERRAFORM_REGION: Shape = Shape {
    fields: &[
        Field::new("name", Kind::Text).mistaken_for(&["regionname", "region"]),
        Field::new("kms_key_arn", Kind::Text).mistaken_for(&[
            "kmskeyid",
            "ssekmskeyid",
            "kmskey",
            "kmsarn",
        ]),
        Field::new("status", Kind::Text).computed(),
        Field::new("status_message", Kind::Text).computed(),
    ],
    required: &[&["name"]],
};

static TIMEOUTS: Shape = Shape {
    fields: &[
        Field::new("create", Kind::Text),
        Field::new("update", Kind::Text),
        Field::new("delete", Kind::Text),
    ],
    required: &[],
};

impl Rule for UnknownArgument {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let Some(arguments) = &set.arguments else {
            return;
        };
        let shape = match set.schema {
            Schema::CloudFormation => &CLOUDFORMATION,
            Schema::Terraform => &TERRAFORM,
        };
        let checker = Checker {
            set: arguments,
            engine: view.unit.engine,
        };
        checker.object(&arguments.arguments, shape, &Place::Resource, findings);
    }
}

/// Where arguments are written, as messages name it.
enum Place<'a> {
    /// The resource's own arguments.
    Resource,
    /// The value of an object argument (`RegionConfiguration`).
    Object(&'a str),
    /// An entry of a list argument (`Regions`).
    Entry(&'a str),
    /// A Terraform nested block (`regions`).
    Block(&'a str),
}

/// Where an argument is written: beside which others, in which shape and place.
struct Within<'a> {
    arguments: &'a Arguments,
    shape: &'static Shape,
    place: &'a Place<'a>,
}

struct Checker<'s> {
    set: &'s SetArguments,
    engine: Engine,
}

impl Checker<'_> {
    /// What the engine calls an argument: `argument`, `input`, `property`.
    fn word(&self) -> &'static str {
        match self.engine {
            Engine::Terraform => "argument",
            Engine::Pulumi => "input",
            Engine::CloudFormation => "property",
        }
    }

    fn plural(&self) -> &'static str {
        match self.engine {
            Engine::Terraform => "arguments",
            Engine::Pulumi => "inputs",
            Engine::CloudFormation => "properties",
        }
    }

    fn article(&self) -> &'static str {
        match self.engine {
            Engine::Terraform | Engine::Pulumi => "an",
            Engine::CloudFormation => "a",
        }
    }

    /// The arguments of `place` as a phrase: `` `regions` in `aws_ssmincidents_replication_set` ``.
    fn of(&self, place: &Place) -> String {
        let resource = self.set.resource_type;
        match place {
            Place::Resource => format!("`{resource}`"),
            Place::Object(name) | Place::Entry(name) | Place::Block(name) => {
                format!("`{name}` in `{resource}`")
            }
        }
    }

    /// Where required arguments are missing, as the subject of a sentence.
    fn holder(&self, place: &Place) -> String {
        let resource = self.set.resource_type;
        match place {
            Place::Resource => format!("`{resource}`"),
            Place::Object(name) => format!("`{name}` in `{resource}`"),
            Place::Entry(name) => format!("an entry of `{name}` in `{resource}`"),
            Place::Block(name) => format!("a `{name}` block in `{resource}`"),
        }
    }

    /// A field's name as the code should spell it where `written` stands.
    fn spelling(&self, field: &Field, written: Option<&str>) -> String {
        let naming = self.set.naming;
        let case = match written.and_then(case_of) {
            Some(case) if !naming.exact => case,
            _ => naming.case,
        };
        spelt(field.name, case)
    }

    fn fields(&self, shape: &'static Shape) -> impl Iterator<Item = &'static Field> + use<'_> {
        let terraform = self.engine == Engine::Terraform;
        (shape.fields.iter()).filter(move |field| terraform || !field.terraform_only)
    }

    fn object(
        &self,
        arguments: &Arguments,
        shape: &'static Shape,
        place: &Place,
        findings: &mut Vec<Finding>,
    ) {
        // The fields given, or meant by a name that is misspelt: a misspelling is one finding,
        // not also a missing field.
        let mut given: Vec<&'static str> = Vec::new();
        for argument in &arguments.written {
            let written = normalized(&argument.name);
            let field = self
                .fields(shape)
                .find(|field| normalized(field.name) == written);
            match field {
                Some(field) => {
                    given.push(field.name);
                    let spelling = self.spelling(field, Some(&argument.name));
                    if self.set.naming.exact && argument.name != spelling {
                        findings.push(self.unknown(argument, place, shape, Some(field)));
                    } else if !field.settable {
                        findings.push(self.computed(argument, place));
                    } else {
                        let within = Within {
                            arguments,
                            shape,
                            place,
                        };
                        self.value(argument, field, &within, findings);
                    }
                }
                None => {
                    let meant = self.meant(&written, arguments, shape);
                    given.extend(meant.map(|field| field.name));
                    findings.push(self.unknown(argument, place, shape, meant));
                }
            }
        }
        if !arguments.complete {
            return;
        }
        for group in shape.required {
            if group.iter().any(|name| given.contains(name)) {
                continue;
            }
            let fields: Vec<&Field> = (group.iter())
                .filter_map(|name| shape.fields.iter().find(|field| field.name == *name))
                .collect();
            findings.push(self.missing(arguments, &fields, place));
        }
    }

    /// The settable field a name no field has was meant for: one it is known to be mistaken
    /// for, else the nearest by spelling, among those not written already.
    fn meant(
        &self,
        written: &str,
        arguments: &Arguments,
        shape: &'static Shape,
    ) -> Option<&'static Field> {
        let candidates: Vec<&'static Field> = self
            .fields(shape)
            .filter(|field| field.settable)
            .filter(|field| {
                let name = normalized(field.name);
                !(arguments.written.iter()).any(|argument| normalized(&argument.name) == name)
            })
            .collect();
        if let Some(field) = (candidates.iter()).find(|field| field.mistaken_for.contains(&written))
        {
            return Some(field);
        }
        nearest(written, candidates)
    }

    fn unknown(
        &self,
        argument: &Argument,
        place: &Place,
        shape: &'static Shape,
        meant: Option<&Field>,
    ) -> Finding {
        let name = &argument.name;
        let word = self.word();
        let article = self.article();
        let of = self.of(place);
        let Some(field) = meant else {
            let known: Vec<String> = (self.fields(shape))
                .filter(|field| field.settable)
                .map(|field| format!("`{}`", self.spelling(field, Some(name))))
                .collect();
            return Finding::new(
                &META,
                argument.name_span,
                format!("`{name}` is not {article} {word} of {of}"),
            )
            .label(format!("unknown {word}"))
            .help(format!(
                "remove it: the {} of {of} are {}",
                self.plural(),
                listing(&known, "and")
            ));
        };
        let spelling = self.spelling(field, Some(name));
        let wrong_case = normalized(name) == normalized(field.name);
        let finding = Finding::new(
            &META,
            argument.name_span,
            format!("`{name}` is not {article} {word} of {of}: did you mean `{spelling}`?"),
        )
        .label(format!("did you mean `{spelling}`?"))
        .help(match wrong_case {
            true => format!("{word} names are case-sensitive: write `{spelling}`"),
            false => format!("rename it to `{spelling}`"),
        });
        // A shorthand property (TypeScript's `{ regionName }`) names its value too: renaming
        // it alone would change the value.
        if argument.value.span() == argument.name_span {
            return finding;
        }
        finding.string_fix(
            format!("rename `{name}` to `{spelling}`"),
            argument.name_span,
            name,
            spelling,
        )
    }

    fn computed(&self, argument: &Argument, place: &Place) -> Finding {
        let name = &argument.name;
        let setter = match self.engine {
            Engine::Terraform => "the provider",
            _ => "AWS",
        };
        Finding::new(
            &META,
            argument.name_span,
            format!(
                "`{name}` of {} is read-only: {setter} sets it, the code cannot",
                self.of(place)
            ),
        )
        .label("read-only")
        .help("remove it")
    }

    fn missing(&self, arguments: &Arguments, fields: &[&Field], place: &Place) -> Finding {
        let names: Vec<String> = (fields.iter())
            .map(|field| format!("`{}`", self.spelling(field, None)))
            .collect();
        let (first, alternatives) = match names.split_first() {
            Some((first, rest)) => (first.clone(), rest),
            None => (String::new(), &[][..]),
        };
        let what = match alternatives {
            [] => first.clone(),
            // The current name first, the deprecated one after (`regions` or `region`).
            others => format!("{first} (or the deprecated {})", listing(others, "or")),
        };
        let word = self.word();
        Finding::new(
            &META,
            arguments.span,
            format!("{} lacks the required {word} {what}", self.holder(place)),
        )
        .label(format!("{first} missing"))
        .help(match place {
            // An optional object left out takes its default (`RegionConfiguration`: the
            // AWS-owned key).
            Place::Object(name) => format!("add {first}, or leave `{name}` out"),
            _ => format!("add {first}"),
        })
    }

    /// Checks an argument's value against its field's kind.
    fn value(
        &self,
        argument: &Argument,
        field: &'static Field,
        within: &Within,
        findings: &mut Vec<Finding>,
    ) {
        let name = argument.name.as_str();
        let subject = || format!("`{name}` of {}", self.of(within.place));
        let value = &argument.value;
        match (field.kind, value) {
            (_, ArgumentValue::Unknown(_)) => {}
            // Values that may be a list or one value (Java's setters, C#'s `{ }`): a list where
            // one is wanted; else the only value, an empty object, or too many.
            (
                Kind::List(of, items) | Kind::Blocks(of, items),
                ArgumentValue::Values { items: list, .. },
            ) => {
                self.items(argument, list, of, items, within, findings);
            }
            (_, ArgumentValue::Values { items, span }) => match (field.kind, items.as_slice()) {
                (_, [one]) => {
                    let one = Argument {
                        value: one.clone(),
                        ..argument.clone()
                    };
                    self.value(&one, field, within, findings);
                }
                (Kind::Object(of), []) => {
                    let empty = Arguments {
                        span: *span,
                        written: Vec::new(),
                        complete: true,
                    };
                    self.object(&empty, of, &Place::Object(name), findings);
                }
                // An empty map.
                (Kind::TextMap, []) => {}
                (kind, []) => {
                    let got = "an empty object";
                    findings.push(self.wrong_type(value, &subject(), name, kind, got));
                }
                (kind, _) => {
                    findings.push(self.wrong_type(value, &subject(), name, kind, "a list"));
                }
            },
            (Kind::Text, ArgumentValue::Text { .. })
            | (Kind::Text, ArgumentValue::Number(_) | ArgumentValue::Bool(_))
            | (Kind::Bool, ArgumentValue::Bool(_)) => {}
            (Kind::Bool, ArgumentValue::Text { text, .. }) => {
                if let Some(text) = text.as_deref().filter(|text| !is_boolean_word(text)) {
                    let got = format!("the string `{text}`");
                    findings.push(self.wrong_type(value, &subject(), name, field.kind, &got));
                }
            }
            (Kind::TextMap, ArgumentValue::Object(map)) => {
                for entry in &map.written {
                    if let ArgumentValue::List { .. }
                    | ArgumentValue::Values { .. }
                    | ArgumentValue::Object(_)
                    | ArgumentValue::Block(_) = entry.value
                    {
                        let subject = format!(
                            "`{}` of `{name}` in `{}`",
                            entry.name, self.set.resource_type
                        );
                        let got = describe(&entry.value);
                        let wrong =
                            self.wrong_type(&entry.value, &subject, &entry.name, Kind::Text, got);
                        findings.push(wrong);
                    }
                }
            }
            (Kind::Object(of), ArgumentValue::Object(object)) => {
                self.object(object, of, &Place::Object(name), findings);
            }
            (Kind::List(of, items), ArgumentValue::List { items: list, .. }) => {
                self.items(argument, list, of, items, within, findings);
            }
            (Kind::Blocks(of, _), ArgumentValue::Block(block)) => {
                self.object(block, of, &Place::Block(name), findings);
            }
            // Pulumi's package takes the provider's blocks as a list of objects.
            (Kind::Blocks(of, items), ArgumentValue::List { items: list, .. })
                if self.engine != Engine::Terraform =>
            {
                self.items(argument, list, of, items, within, findings);
            }
            (Kind::Block(of), ArgumentValue::Block(block)) => {
                self.object(block, of, &Place::Block(name), findings);
            }
            (_, value) => {
                findings.push(self.wrong_type(
                    value,
                    &subject(),
                    name,
                    field.kind,
                    describe(value),
                ));
            }
        }
    }

    /// Checks the items of a list of objects.
    fn items(
        &self,
        argument: &Argument,
        list: &[ArgumentValue],
        of: &'static Shape,
        items: Items,
        within: &Within,
        findings: &mut Vec<Finding>,
    ) {
        let place = within.place;
        let name = argument.name.as_str();
        if let (Items::Some(reason), []) = (items, list)
            && !self.alternative_given(argument, within)
        {
            findings.push(
                Finding::new(
                    &META,
                    argument.value.span(),
                    format!("`{name}` of {} is empty: {reason}", self.of(place)),
                )
                .label("no items")
                .help(format!("give `{name}` 1 to 3 regions")),
            );
        }
        for item in list {
            match item {
                ArgumentValue::Object(object) => {
                    self.object(object, of, &Place::Entry(name), findings);
                }
                ArgumentValue::Unknown(_) => {}
                other => {
                    let subject = format!("an entry of `{name}` in {}", self.of(place));
                    let got = describe(other);
                    findings.push(self.wrong_type(other, &subject, name, Kind::Object(of), got));
                }
            }
        }
    }

    /// Whether another field of the argument's required group is written (pulumi-aws's
    /// `region` beside an empty `regions`): the group is satisfied, and the empty list is
    /// left out rather than wrong.
    fn alternative_given(&self, argument: &Argument, within: &Within) -> bool {
        let (siblings, shape) = (within.arguments, within.shape);
        let name = normalized(&argument.name);
        let Some(group) = (shape.required.iter())
            .find(|group| group.iter().any(|field| normalized(field) == name))
        else {
            return false;
        };
        (siblings.written.iter()).any(|sibling| {
            let other = normalized(&sibling.name);
            other != name && group.iter().any(|field| normalized(field) == other)
        })
    }

    /// A value of the wrong shape for its field. `subject` names it in a sentence; `name` is
    /// the field's name as written.
    fn wrong_type(
        &self,
        value: &ArgumentValue,
        subject: &str,
        name: &str,
        kind: Kind,
        got: &str,
    ) -> Finding {
        let block = matches!(value, ArgumentValue::Block(_));
        let (message, label, help) = match kind {
            // Terraform tells blocks from arguments: `regions { … }` is not `regions = […]`.
            _ if block => (
                format!("{subject} is an argument, not a block"),
                "a block".to_owned(),
                format!("write it as an argument: `{name} = …`"),
            ),
            Kind::Blocks(of, _) | Kind::Block(of) if self.engine == Engine::Terraform => (
                format!("{subject} is a block, not an argument"),
                format!("{got}, written as an argument"),
                format!(
                    "write a `{name} {{ … }}` block, without `=`, for each ({} inside)",
                    self.listed_fields(of)
                ),
            ),
            _ => {
                let (expected, help) = match kind {
                    Kind::Text => ("a string".to_owned(), "give a string".to_owned()),
                    Kind::Bool => ("a boolean".to_owned(), "give a boolean".to_owned()),
                    Kind::TextMap => (
                        "a map of strings".to_owned(),
                        "give a map of names to strings".to_owned(),
                    ),
                    Kind::List(of, _) | Kind::Blocks(of, _) => (
                        format!("a list of objects ({})", self.listed_fields(of)),
                        "write a list, one object per entry".to_owned(),
                    ),
                    Kind::Object(of) | Kind::Block(of) => (
                        format!("an object ({})", self.listed_fields(of)),
                        "write an object".to_owned(),
                    ),
                };
                (
                    format!("{subject} must be {expected}, not {got}"),
                    got.to_owned(),
                    help,
                )
            }
        };
        Finding::new(&META, value.span(), message)
            .label(label)
            .help(help)
    }

    /// The settable fields of a shape, as prose: `` `name` and `kms_key_arn` ``.
    fn listed_fields(&self, shape: &'static Shape) -> String {
        let names: Vec<String> = (self.fields(shape))
            .filter(|field| field.settable)
            .map(|field| format!("`{}`", self.spelling(field, None)))
            .collect();
        listing(&names, "and")
    }
}

/// What a value is, for messages.
fn describe(value: &ArgumentValue) -> &'static str {
    match value {
        ArgumentValue::Text { .. } => "a string",
        ArgumentValue::Number(_) => "a number",
        ArgumentValue::Bool(_) => "a boolean",
        ArgumentValue::List { .. } | ArgumentValue::Values { .. } => "a list",
        ArgumentValue::Object(_) => "an object",
        ArgumentValue::Block(_) => "a block",
        ArgumentValue::Unknown(_) => "a value",
    }
}

/// Strings that CloudFormation (YAML 1.1), Terraform and Pulumi take for a boolean.
fn is_boolean_word(text: &str) -> bool {
    ["true", "false", "yes", "no", "on", "off"]
        .iter()
        .any(|word| text.eq_ignore_ascii_case(word))
}

/// A name as every spelling of it compares: `regionName`, `region_name` and `RegionName` are
/// `regionname`.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The way a name joins its words, when it shows: `None` for a single lowercase word.
fn case_of(name: &str) -> Option<Case> {
    let mut chars = name.chars();
    if name.contains('_') {
        Some(Case::Snake)
    } else if chars.next().is_some_and(char::is_uppercase) {
        Some(Case::Pascal)
    } else if chars.any(char::is_uppercase) {
        Some(Case::Camel)
    } else {
        None
    }
}

/// A field's name (words joined by `_`) spelt in a case.
fn spelt(name: &str, case: Case) -> String {
    if case == Case::Snake {
        return name.to_owned();
    }
    let mut spelt = String::with_capacity(name.len());
    for (index, word) in name.split('_').enumerate() {
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if index > 0 || case == Case::Pascal => {
                spelt.extend(first.to_uppercase());
                spelt.extend(chars);
            }
            _ => spelt.push_str(word),
        }
    }
    spelt
}

/// How many edits a misspelling of a name of this length may be away from it.
fn typo_distance(length: usize) -> usize {
    match length {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    }
}

/// The one field nearest to a normalised name by spelling, within a few edits.
fn nearest(written: &str, candidates: Vec<&'static Field>) -> Option<&'static Field> {
    let distances: Vec<(usize, &'static Field)> = (candidates.into_iter())
        .map(|field| {
            (
                strsim::osa_distance(written, &normalized(field.name)),
                field,
            )
        })
        .filter(|(distance, _)| *distance <= typo_distance(written.len()))
        .collect();
    let least = distances.iter().map(|(distance, _)| *distance).min()?;
    match distances
        .iter()
        .filter(|(distance, _)| *distance == least)
        .collect::<Vec<_>>()[..]
    {
        [(_, field)] => Some(field),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_in_every_spelling() {
        for written in ["regionName", "region_name", "RegionName", "REGION_NAME"] {
            assert_eq!(normalized(written), "regionname");
        }
        assert_eq!(case_of("region_name"), Some(Case::Snake));
        assert_eq!(case_of("RegionName"), Some(Case::Pascal));
        assert_eq!(case_of("regionName"), Some(Case::Camel));
        assert_eq!(case_of("region"), None);
    }

    #[test]
    fn names_are_spelt_in_each_case() {
        assert_eq!(spelt("sse_kms_key_id", Case::Pascal), "SseKmsKeyId");
        assert_eq!(spelt("sse_kms_key_id", Case::Camel), "sseKmsKeyId");
        assert_eq!(spelt("sse_kms_key_id", Case::Snake), "sse_kms_key_id");
        assert_eq!(spelt("name", Case::Pascal), "Name");
        assert_eq!(spelt("name", Case::Camel), "name");
    }

    #[test]
    fn misspellings_find_the_one_nearest_field() {
        let fields = |shape: &'static Shape| shape.fields.iter().collect::<Vec<_>>();
        let name = |field: Option<&Field>| field.map(|field| field.name);
        assert_eq!(
            name(nearest("regionnme", fields(&REPLICATION_REGION))),
            Some("region_name")
        );
        assert_eq!(
            name(nearest("kmskeyarm", fields(&TERRAFORM_REGION))),
            Some("kms_key_arn")
        );
        // Too far from every field, or as near to two.
        assert_eq!(name(nearest("colour", fields(&TERRAFORM_REGION))), None);
        assert_eq!(name(nearest("taga", fields(&CLOUDFORMATION_TAG))), None);
        assert_eq!(
            name(nearest("kez", fields(&CLOUDFORMATION_TAG))),
            Some("key")
        );
    }

    /// Every name a schema's fields are mistaken for is no field of the same shape, and is
    /// normalised (or it could never match).
    #[test]
    fn schema_tables_are_consistent() {
        let shapes: [&Shape; 7] = [
            &REPLICATION_REGION,
            &REGION_CONFIGURATION,
            &CLOUDFORMATION_TAG,
            &TERRAFORM,
            &TERRAFORM_REGION,
            &TIMEOUTS,
            &CLOUDFORMATION,
        ];
        for shape in shapes {
            for field in shape.fields {
                assert!(
                    field
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_')
                );
                for mistaken in field.mistaken_for {
                    assert_eq!(normalized(mistaken), *mistaken);
                    assert!(
                        !(shape.fields.iter()).any(|other| normalized(other.name) == *mistaken),
                        "{mistaken} is a field"
                    );
                }
            }
            for group in shape.required {
                for name in *group {
                    let field = shape.fields.iter().find(|field| field.name == *name);
                    assert!(field.is_some_and(|field| field.settable), "{name}");
                }
            }
        }
    }

    /// The tables say what the schemas say (CloudFormation's resource schema; the AWS
    /// provider's and the Cloud Control provider's resource schemas).
    #[test]
    fn schema_tables_hold_the_schemas_fields() {
        let settable = |shape: &Shape, terraform: bool| -> Vec<&str> {
            (shape.fields.iter())
                .filter(|field| field.settable && (terraform || !field.terraform_only))
                .map(|field| field.name)
                .collect()
        };
        assert_eq!(
            settable(&CLOUDFORMATION, false),
            ["regions", "deletion_protected", "tags"]
        );
        assert_eq!(
            settable(&REPLICATION_REGION, false),
            ["region_name", "region_configuration"]
        );
        assert_eq!(settable(&REGION_CONFIGURATION, false), ["sse_kms_key_id"]);
        assert_eq!(settable(&TERRAFORM, false), ["regions", "region", "tags"]);
        assert_eq!(
            settable(&TERRAFORM, true),
            ["regions", "region", "tags", "timeouts", "id"]
        );
        assert_eq!(settable(&TERRAFORM_REGION, true), ["name", "kms_key_arn"]);
        assert_eq!(TERRAFORM.required, [&["regions", "region"][..]]);
        assert_eq!(REGION_CONFIGURATION.required, [&["sse_kms_key_id"][..]]);
    }
}
