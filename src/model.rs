//! The one model that every front-end produces and every rule reads.
//!
//! A front-end turns the files of one deployment unit (a CloudFormation template, a Terraform
//! module, …) into a [`Unit`]. Values keep the span they were read from and say whether they are
//! a literal, a resolved reference or unknown, so that a rule can point at the exact source and
//! stay silent when it cannot know.

use crate::source::{FileId, Span};

/// Why a value could not be determined statically; kept so that messages and debugging can say
/// why a rule was silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown(pub String);

/// A check irlint could not make, and why: a part of a unit a front-end could not read (a CDK
/// app in a language irlint does not read, an object past a bound), or a value a rule needed
/// that is unknown ([`crate::unchecked`] finds those in the model). Reports list them apart
/// from findings: they are no problem of the code, only what its lint did not cover.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unchecked {
    /// The unknown value, or what was not read.
    pub span: Span,
    /// What could not be checked, as a sentence without its reason: ``the key of region
    /// `us-east-1` is unknown``, `a CDK app in Go is not read`.
    pub what: String,
    /// Why, and what would tell: ``parameter `Key` has no default``, ``pass --region or set
    /// `region` in irlint.toml``.
    pub reason: String,
    /// The rules that could not decide, by id: the note is reported where one of them runs.
    /// None when any rule may be concerned (a program that is not read at all).
    pub rules: &'static [&'static str],
}

impl Unchecked {
    pub fn new(span: Span, what: impl Into<String>, reason: impl Into<String>) -> Self {
        Unchecked {
            span,
            what: what.into(),
            reason: reason.into(),
            rules: &[],
        }
    }

    /// The note, concerning only `rules` (ids).
    pub fn concerning(mut self, rules: &'static [&'static str]) -> Self {
        self.rules = rules;
        self
    }

    /// The note on one line: what, then why.
    pub fn message(&self) -> String {
        format!("{}: {}", self.what, self.reason)
    }
}

/// How a value was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueKind<T> {
    /// Written literally where it is used.
    Literal(T),
    /// Obtained by following a reference (a variable default, a local, a parameter default, a
    /// stack configuration value); `definition` is where the value itself is written.
    Resolved { value: T, definition: Span },
    /// Cannot be known without running or deploying the code.
    Unknown(Unknown),
}

/// A value with the span of the expression it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value<T> {
    pub span: Span,
    pub kind: ValueKind<T>,
}

impl<T> Value<T> {
    pub fn literal(span: Span, value: T) -> Self {
        Value {
            span,
            kind: ValueKind::Literal(value),
        }
    }

    pub fn resolved(span: Span, value: T, definition: Span) -> Self {
        Value {
            span,
            kind: ValueKind::Resolved { value, definition },
        }
    }

    pub fn unknown(span: Span, reason: impl Into<String>) -> Self {
        Value {
            span,
            kind: ValueKind::Unknown(Unknown(reason.into())),
        }
    }

    /// A known value: a literal, or resolved when `definition` says where else it is written.
    pub fn known_at(span: Span, value: T, definition: Option<Span>) -> Self {
        match definition {
            Some(definition) => Value::resolved(span, value, definition),
            None => Value::literal(span, value),
        }
    }

    /// The value when it is known, whether literally or through a reference.
    pub fn known(&self) -> Option<&T> {
        match &self.kind {
            ValueKind::Literal(value) | ValueKind::Resolved { value, .. } => Some(value),
            ValueKind::Unknown(_) => None,
        }
    }

    /// Where the value is written, when that differs from where it is used.
    pub fn definition(&self) -> Option<Span> {
        match &self.kind {
            ValueKind::Resolved { definition, .. } => Some(*definition),
            _ => None,
        }
    }

    /// Where the value is written: its definition, or where it is used when it is written there.
    pub fn written(&self) -> Span {
        self.definition().unwrap_or(self.span)
    }
}

/// The kind of deployment unit, i.e. which front-end read it, for display only (the format's name
/// in reports). Rules do not read it: what they need is said as meaning, by [`Unit::engine`],
/// [`Unit::key_arn`] and [`ReplicationSet::schema`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    CloudFormation,
    Terraform,
    /// A Terraform plan in JSON (`terraform show -json`).
    TerraformPlan,
    PulumiYaml,
    PulumiTypeScript,
    PulumiPython,
    PulumiGo,
    PulumiCSharp,
    PulumiJava,
    CdkTypeScript,
    CdkPython,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::CloudFormation => "CloudFormation",
            Format::Terraform => "Terraform",
            Format::TerraformPlan => "Terraform plan",
            Format::PulumiYaml => "Pulumi YAML",
            Format::PulumiTypeScript => "Pulumi TypeScript",
            Format::PulumiPython => "Pulumi Python",
            Format::PulumiGo => "Pulumi Go",
            Format::PulumiCSharp => "Pulumi C#",
            Format::PulumiJava => "Pulumi Java",
            Format::CdkTypeScript => "CDK TypeScript",
            Format::CdkPython => "CDK Python",
        }
    }
}

/// What deploys a unit, and so what checks its code before AWS sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The CloudFormation service: a template, or what CDK synthesizes.
    CloudFormation,
    /// Terraform, which runs its providers' validation when it plans.
    Terraform,
    /// The Pulumi engine, whatever the program's language (YAML, TypeScript, Python, Go, C#,
    /// Java).
    Pulumi,
}

/// The resource schema a replication set follows, which decides how its regions reach the API.
/// A unit may hold sets of both (a Pulumi program using both `aws` and `aws-native`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Schema {
    /// CloudFormation's `AWS::SSMIncidents::ReplicationSet`: CloudFormation, Pulumi's
    /// `aws-native` package, CDK. Every entry of the region list is sent; there is a single
    /// region syntax (`Regions`).
    CloudFormation,
    /// Terraform's `aws_ssmincidents_replication_set` (AWS provider): Terraform, and Pulumi's
    /// `aws` package, built on it. The regions are sent as a map keyed by region name, so
    /// entries that name the same region become one; the `region` syntax is deprecated in favour
    /// of `regions` ([`RegionSyntax`]).
    Terraform,
}

/// How the unit's language writes a reference to the ARN of a key it declares, for suggestions
/// (IRL009): an expression in which `{key}` stands for how the code names the key
/// ([`Key::name_in_code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyArn(pub &'static str);

impl KeyArn {
    /// A CloudFormation template in YAML.
    pub const CLOUDFORMATION_YAML: KeyArn = KeyArn("!GetAtt {key}.Arn");
    /// A CloudFormation template in JSON.
    pub const CLOUDFORMATION_JSON: KeyArn = KeyArn(r#"{"Fn::GetAtt": ["{key}", "Arn"]}"#);
    /// Terraform, whose name for a key is its address (`aws_kms_key.k`).
    pub const TERRAFORM: KeyArn = KeyArn("{key}.arn");
    /// Pulumi YAML, whose name for a key is its resource name.
    pub const PULUMI_YAML: KeyArn = KeyArn("${{key}.arn}");
    /// A TypeScript program: the key's `arn` output, `{key}` being its variable.
    pub const TYPESCRIPT: KeyArn = KeyArn("{key}.arn");
    /// A Python program: the key's `arn` output.
    pub const PYTHON: KeyArn = KeyArn("{key}.arn");
    /// A Go program: the key's `Arn` output.
    pub const GO: KeyArn = KeyArn("{key}.Arn");
    /// A C# program: the key's `Arn` output.
    pub const CSHARP: KeyArn = KeyArn("{key}.Arn");
    /// A Java program: the key's `arn()` getter.
    pub const JAVA: KeyArn = KeyArn("{key}.arn()");
    /// A CDK app in TypeScript: the key construct's `keyArn`.
    pub const CDK_TYPESCRIPT: KeyArn = KeyArn("{key}.keyArn");
    /// A CDK app in Python: the key construct's `key_arn`.
    pub const CDK_PYTHON: KeyArn = KeyArn("{key}.key_arn");

    /// The expression that reads the ARN of the key the code names `key`.
    pub fn of(self, key: &str) -> String {
        self.0.replace("{key}", key)
    }

    /// The expressions of the unit's language that read the id of the key the code names `key`
    /// (`!Ref Key`, `aws_kms_key.k.key_id`, `key.keyId`): those [`KeyArn::of`] stands in for.
    pub fn key_id_spellings(self, key: &str) -> Vec<String> {
        let patterns: &[&str] = match self {
            KeyArn::CLOUDFORMATION_YAML => &["!Ref {key}", "!GetAtt {key}.KeyId"],
            KeyArn::CLOUDFORMATION_JSON => &[
                r#"{"Ref": "{key}"}"#,
                r#"{"Ref":"{key}"}"#,
                r#"{"Fn::GetAtt": ["{key}", "KeyId"]}"#,
            ],
            // Terraform, TypeScript and Python programs spell the ARN alike.
            KeyArn::TERRAFORM => &["{key}.key_id", "{key}.keyId", "{key}.id"],
            KeyArn::PULUMI_YAML => &["${{key}.keyId}", "${{key}.id}"],
            KeyArn::CDK_TYPESCRIPT => &["{key}.keyId"],
            KeyArn::CDK_PYTHON => &["{key}.key_id"],
            // Go and C# programs spell the ARN alike.
            KeyArn::GO => &["{key}.KeyId", "{key}.ID()", "{key}.Id"],
            KeyArn::JAVA => &["{key}.keyId()", "{key}.id()"],
            _ => &[],
        };
        (patterns.iter())
            .map(|pattern| pattern.replace("{key}", key))
            .collect()
    }
}

/// Index of a provider in [`Unit::providers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProviderId(pub usize);

/// Index of a key in [`Unit::keys`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub usize);

/// A region as the code names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Region {
    /// A region name such as `us-east-1`.
    Named(String),
    /// Whatever region a provider deploys to (`!Ref AWS::Region`,
    /// `data.aws_region.current.name`, a key created through that provider), which may itself be
    /// unknown. Two such regions of the same provider are equal even when the region is unknown.
    OfProvider(ProviderId),
}

/// What deploys resources: a Terraform provider configuration, the CloudFormation stack, a
/// Pulumi provider.
#[derive(Clone, Debug)]
pub struct Provider {
    /// A noun phrase for messages: ``provider `aws.west` ``, `the stack`.
    pub name: String,
    /// Where it is declared, when it is declared at all.
    pub span: Option<Span>,
    pub region: ProviderRegion,
}

#[derive(Clone, Debug)]
pub enum ProviderRegion {
    /// The code sets the region (possibly to something unknown, such as a variable without
    /// default).
    Code(Value<String>),
    /// The region is chosen at deployment time (the CloudFormation stack's region, a Terraform
    /// provider without `region`, a Pulumi stack's `aws:region`); the [`Deployment`] says which.
    Deployment,
    /// Pulumi's aws-native provider without `region`: it reads the stack's `aws-native:region`,
    /// not `aws:region`; [`Deployment::native_region`] says which.
    NativeDeployment,
}

impl ProviderRegion {
    /// The region a provider's `region` input gives it. An empty string sets none: the
    /// provider reads its region as it does without the input (`unset`).
    pub fn written(region: Value<String>, unset: ProviderRegion) -> ProviderRegion {
        match region.known() {
            Some(name) if name.is_empty() => unset,
            _ => ProviderRegion::Code(region),
        }
    }
}

/// Whether the set protects its last region from deletion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protection {
    /// Set, to a value that may be unknown.
    Set(Value<bool>),
    /// Not written; the resource type's default (false) applies.
    Absent,
    /// This resource type cannot set it (Terraform's and pulumi-aws's replication set).
    NotSettable,
}

/// The key that encrypts a region's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyChoice {
    /// No customer managed key: the AWS-owned key (`DefaultKey`).
    AwsOwned,
    /// A customer managed key.
    Customer(KeyRef),
    /// Cannot tell whether a key is set (a variable without default that may be null, a
    /// condition choosing between a key and none).
    Unknown(Value<()>),
}

impl KeyChoice {
    /// A key given as a string written at `span` (its text `definition` may be elsewhere):
    /// `DefaultKey` is the AWS-owned key (the name the API gives it), a key ARN names a key, and
    /// anything else (an alias, an alias ARN, a key id) is not the ARN Incident Manager expects.
    pub fn from_text(span: Span, text: String, definition: Option<Span>) -> KeyChoice {
        if text == "DefaultKey" {
            return KeyChoice::AwsOwned;
        }
        if text.is_empty() {
            return KeyChoice::Unknown(Value::unknown(span, "an empty key ARN"));
        }
        let is_arn = is_key_arn(&text);
        let value = Value::known_at(span, text, definition);
        let target = if is_arn {
            KeyTarget::Arn(value)
        } else {
            KeyTarget::IdOrAlias(value)
        };
        KeyChoice::Customer(KeyRef { span, target })
    }
}

/// A reference to a customer managed key, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRef {
    pub span: Span,
    pub target: KeyTarget,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyTarget {
    /// A key ARN string, literal or resolved (`arn:aws:kms:us-east-1:111122223333:key/…`).
    Arn(Value<String>),
    /// A key declared in the same unit (`aws_kms_key.k.arn`, `!GetAtt Key.Arn`).
    Declared { key: KeyId, attribute: KeyAttribute },
    /// A key id or alias string instead of an ARN (`alias/x`, a bare key id).
    IdOrAlias(Value<String>),
    /// Some key, but which one cannot be known (a data source, a variable without default).
    Unknown(Unknown),
}

/// Which attribute of a declared key a reference reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAttribute {
    Arn,
    KeyId,
}

/// The kind of KMS key resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyResource {
    /// `aws_kms_key`, `AWS::KMS::Key`.
    Key,
    /// `aws_kms_replica_key`, `AWS::KMS::ReplicaKey`.
    ReplicaKey,
    /// `aws_kms_external_key` (imported key material).
    ExternalKey,
}

/// A KMS key declared in the unit. Attributes that are absent hold `None` and take the AWS
/// default (symmetric, `ENCRYPT_DECRYPT`, `AWS_KMS` origin, enabled).
#[derive(Clone, Debug)]
pub struct Key {
    /// How the code names it: `aws_kms_key.default`, `Key961B73FD`.
    pub identity: String,
    /// How an expression of the unit's language names it, which [`Unit::key_arn`] reads the
    /// ARN of: the logical id, the Terraform address, the Pulumi YAML resource name (all the same
    /// as `identity`), the variable a program assigns the key to (`eastKey`, where `identity` is
    /// its resource name). `None` when no such name is known (a program's key that is not
    /// assigned to a variable).
    pub name_in_code: Option<String>,
    pub span: Span,
    pub resource: KeyResource,
    pub region: Value<Region>,
    pub spec: Option<Value<String>>,
    pub usage: Option<Value<String>>,
    pub origin: Option<Value<String>>,
    pub enabled: Option<Value<bool>>,
    pub custom_key_store: Option<Value<String>>,
    /// Its explicit key policy; `None` when it has none, and the default policy (which gives the
    /// account `kms:*`) applies.
    pub policy: Option<Value<KeyPolicy>>,
    /// Whether the key outlives its removal from the code ([`ReplicationSet::kept_on_removal`]):
    /// removing it does not schedule its deletion.
    pub kept_on_removal: bool,
}

/// A key policy, as far as rules read it: the effect and actions of each statement. Principals,
/// resources and conditions are not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPolicy {
    pub statements: Vec<PolicyStatement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyStatement {
    pub span: Span,
    pub effect: Value<Effect>,
    /// The actions of `Action` (`kms:CreateGrant`, `kms:*`), as written; unknown for a
    /// statement with `NotAction`, which names the actions it leaves out instead.
    pub actions: Value<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// One region of a replication set.
#[derive(Clone, Debug)]
pub struct RegionEntry {
    /// The whole entry (a `regions {}` block, a list item).
    pub span: Span,
    pub name: Value<Region>,
    pub key: KeyChoice,
    /// Whether the deployment may leave the entry out of the set (CloudFormation's `Fn::If`
    /// with an `AWS::NoValue` branch): such an entry is not certainly one of the set's regions,
    /// and counts for none of them where their number matters.
    pub may_be_absent: bool,
}

/// The regions of a replication set.
#[derive(Clone, Debug)]
pub enum Regions {
    Listed(Vec<RegionEntry>),
    /// Generated in a way that cannot be followed (a loop over a variable, a condition).
    Unknown(Value<()>),
}

/// How a replication set's regions are written, for resource types that know two syntaxes:
/// Terraform's `regions {}` blocks and the `region {}` blocks provider v6 deprecates, pulumi-aws's
/// `regions` list and v7's deprecated `region` list. Both lists are empty for resource types with
/// one syntax only (CloudFormation, aws-native).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionSyntax {
    /// Where the current syntax is certainly used: the keyword of each `regions` block (not of a
    /// `dynamic` one that may generate none), the `regions` input's name.
    pub current: Vec<Span>,
    /// Where the deprecated syntax is used.
    pub deprecated: Vec<DeprecatedRegion>,
}

/// A use of the deprecated region syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeprecatedRegion {
    /// The word `region` alone: a block's keyword, a `dynamic` block's label inside its quotes,
    /// an input's name.
    pub span: Span,
    /// The name as the program spells it: `region`, or `Region` for Go's struct fields and C#'s
    /// properties.
    pub written: String,
    /// The text that replaces it in the current syntax, spelt alike: `regions`, `Regions`, or
    /// `regions: region` for a TypeScript shorthand property.
    pub current: String,
    /// Whether replacing it with `current` still gives valid code when the current syntax is
    /// written too: `true` for Terraform's blocks, which repeat (each is one region), `false` for
    /// a list input (pulumi-aws's `region`), which would then be given twice.
    pub renaming_merges: bool,
    /// What the fix replaces with `current` when that is more than the name: a Terraform
    /// `dynamic "region"` block's label to its opening brace, so that the renamed block declares
    /// the iterator (`region`) its label used to name.
    pub replaced: Option<Span>,
    /// Whether it may generate no region at all (a `dynamic` block whose `for_each` may be
    /// empty): then it is not certainly written beside `regions`.
    pub may_be_empty: bool,
}

/// A resource tag.
#[derive(Clone, Debug)]
pub struct Tag {
    pub span: Span,
    pub key: Value<String>,
    pub value: Value<String>,
}

/// The arguments a replication set is given, as its code writes them, for checking against the
/// schema of its resource type (IRL022).
#[derive(Clone, Debug)]
pub struct SetArguments {
    /// The resource type as the format names it, for messages:
    /// `aws_ssmincidents_replication_set`, `AWS::SSMIncidents::ReplicationSet`,
    /// `aws:ssmincidents:ReplicationSet`.
    pub resource_type: &'static str,
    pub naming: Naming,
    pub arguments: Arguments,
}

/// How the code spells the names of arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Naming {
    /// The language's convention: CloudFormation's, Go's and C#'s `RegionName`, TypeScript's,
    /// Java's and Pulumi YAML's `regionName`, Terraform's and Python's `region_name`.
    pub case: Case,
    /// Whether a name is matched exactly as written (a template's, Terraform's, Pulumi YAML's
    /// names reach a case-sensitive schema), or in any spelling (a program's SDK maps its own
    /// names, and its compiler rejects the rest).
    pub exact: bool,
}

/// A way of joining the words of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `RegionName`.
    Pascal,
    /// `regionName`.
    Camel,
    /// `region_name`.
    Snake,
}

/// Arguments written together: a resource's, an object's, a nested block's.
#[derive(Clone, Debug)]
pub struct Arguments {
    /// Where they are written: the resource's declaration, the object, the block's keyword.
    pub span: Span,
    pub written: Vec<Argument>,
    /// Whether `written` holds every argument given. It does not when some may come from what
    /// the front-end cannot read (a spread `...args`, `**kwargs`, an object it cannot follow, a
    /// key it cannot compute): an argument not written may then still be given.
    pub complete: bool,
}

impl Arguments {
    /// Arguments the front-end cannot read at all.
    pub fn unread(span: Span) -> Arguments {
        Arguments {
            span,
            written: Vec::new(),
            complete: false,
        }
    }
}

/// An argument as written.
#[derive(Clone, Debug)]
pub struct Argument {
    /// The name as written: `RegionName`, `kms_key_arn`, `regions`.
    pub name: String,
    /// Where the name is written, with its quotes if it has any.
    pub name_span: Span,
    pub value: ArgumentValue,
}

/// The shape of an argument's value, as far as it is written or can be followed.
#[derive(Clone, Debug)]
pub enum ArgumentValue {
    /// A string, with its text when that is known.
    Text {
        span: Span,
        text: Option<String>,
    },
    Number(Span),
    Bool(Span),
    List {
        span: Span,
        items: Vec<ArgumentValue>,
    },
    /// Values written where the syntax does not tell a list from one value: the arguments of a
    /// call that takes any number of them (Java's builder setters), and an initialiser without a
    /// type and without items (C#'s `Regions = { }`). A list where a list is wanted, its only
    /// value (or an empty object) where one value is.
    Values {
        span: Span,
        items: Vec<ArgumentValue>,
    },
    Object(Arguments),
    /// A Terraform nested block (`regions { … }`, the `content` of a `dynamic "regions"`).
    Block(Arguments),
    /// A value of a shape that cannot be told (a reference, a function's result).
    Unknown(Span),
}

impl ArgumentValue {
    pub fn span(&self) -> Span {
        match self {
            ArgumentValue::Text { span, .. }
            | ArgumentValue::Number(span)
            | ArgumentValue::Bool(span)
            | ArgumentValue::List { span, .. }
            | ArgumentValue::Values { span, .. }
            | ArgumentValue::Unknown(span) => *span,
            ArgumentValue::Object(arguments) | ArgumentValue::Block(arguments) => arguments.span,
        }
    }
}

/// An Incident Manager replication set.
#[derive(Clone, Debug)]
pub struct ReplicationSet {
    /// How the code names it: a Terraform address, a CloudFormation logical id.
    pub identity: String,
    /// The resource's declaration (its header or logical id), the default place to point at.
    pub span: Span,
    /// The schema of the set's resource type: CloudFormation's (`AWS::SSMIncidents::…`,
    /// aws-native's) or Terraform's (`aws_ssmincidents_replication_set`, pulumi-aws's).
    pub schema: Schema,
    pub regions: Regions,
    pub region_syntax: RegionSyntax,
    pub deletion_protection: Protection,
    pub tags: Vec<Tag>,
    /// The arguments the set is given, as written; `None` where the front-end reads values, not
    /// how the code writes them (a Terraform plan).
    pub arguments: Option<SetArguments>,
    /// The provider that deploys the set.
    pub provider: ProviderId,
    /// Where the set's code chooses that provider (Terraform's `provider = aws.dr`, a Pulumi
    /// resource's `provider` option), for findings about its region to point at; `None` where
    /// the set takes its default provider, or the front-end does not record the choice.
    pub provider_chosen: Option<Span>,
    /// How many sets the declaration creates: one, unless the code repeats it (Terraform
    /// `count`, `for_each`) or may skip it (a CloudFormation `Condition`, a Pulumi program's
    /// `if`, loop or function).
    pub instances: Value<u64>,
    /// The name of the deployment that creates it, when only one of the unit's deployments does
    /// (a stack of a CDK app); `None` when every deployment does.
    pub deployment: Option<String>,
    /// Whether the resource outlives its removal from the code, as the revision that declares it
    /// says: CloudFormation's `DeletionPolicy: Retain` (or `RetainExceptOnCreate`), the CDK's
    /// `RemovalPolicy.RETAIN`, Pulumi's `retainOnDelete`. Its removal then deletes nothing.
    /// (Terraform says it in the code that removes it instead: [`Renames::kept`].)
    pub kept_on_removal: bool,
}

impl ReplicationSet {
    pub fn listed_regions(&self) -> &[RegionEntry] {
        match &self.regions {
            Regions::Listed(entries) => entries,
            Regions::Unknown(_) => &[],
        }
    }
}

/// What the whole deployment is run with that the code may not say: for a CloudFormation stack
/// or a Pulumi stack, its region.
#[derive(Clone, Debug, Default)]
pub struct Deployment {
    /// A name for messages, such as ``stack `prod` (aws:region eu-west-1)``; findings that
    /// differ between deployments are prefixed with it.
    pub name: Option<String>,
    /// The region that providers without a region of their own deploy to.
    pub region: Option<DeploymentRegion>,
    /// The region Pulumi's aws-native providers without a region of their own deploy to
    /// (`aws-native:region`).
    pub native_region: Option<DeploymentRegion>,
}

#[derive(Clone, Debug)]
pub struct DeploymentRegion {
    pub name: String,
    /// Where the region is configured; `None` when it came from the command line.
    pub span: Option<Span>,
}

/// Everything a front-end read from one deployment unit.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Which front-end read the unit, for display only: rules read `engine`, `key_arn` and each
    /// set's [`ReplicationSet::schema`] instead.
    pub format: Format,
    /// What deploys the unit.
    pub engine: Engine,
    /// How the unit's language writes a declared key's ARN: [`KeyArn::CLOUDFORMATION_YAML`],
    /// [`KeyArn::GO`], ….
    pub key_arn: KeyArn,
    /// The unit's path as shown to the user (a template file, a module directory).
    pub name: String,
    pub replication_sets: Vec<ReplicationSet>,
    pub keys: Vec<Key>,
    pub providers: Vec<Provider>,
    /// The deployments of the unit; rules run once for each. Front-ends give at least one.
    pub deployments: Vec<Deployment>,
    /// The lowest major version of the AWS provider the unit's version constraints allow
    /// (Terraform's `required_providers`); `None` when the unit does not constrain it.
    pub aws_provider_major: Option<Value<u64>>,
    /// Suppressions written in the format's own syntax (CloudFormation's resource `Metadata`);
    /// suppression comments are found in the source text instead, alike for every format.
    pub suppressions: Vec<DeclaredSuppression>,
    /// What the code says became of sets an earlier revision declared.
    pub renames: Renames,
    /// The calls that create the instances the unit's resources are declared in: Terraform's
    /// module calls, a CDK app's constructions of its stacks and constructs; outermost first.
    pub module_calls: Vec<ModuleCall>,
    /// What of the unit the front-end could not read (an object of a CDK app past a bound).
    pub unread: Vec<Unchecked>,
}

/// A call that creates one instance: a Terraform module call, the construction of a CDK stack or
/// construct.
#[derive(Clone, Debug)]
pub struct ModuleCall {
    /// The instance's address: `module.a["x"].module.b`, the construct path `Prod/Incidents`.
    /// The addresses of the instances it is made in are its prefixes that end before a `.` or a
    /// `/`.
    pub address: String,
    /// What the call does, as a related location says it: `called`, `made`.
    pub verb: &'static str,
    /// The `module` block's header.
    pub span: Span,
    /// The whole block, with the arguments the call passes.
    pub block: Span,
    /// The files of the module the instance is of.
    pub files: Vec<FileId>,
}

/// What the code says became of sets an earlier revision declared: Terraform's `moved` and
/// `removed` blocks, which `--base` pairs sets by.
#[derive(Clone, Debug, Default)]
pub struct Renames {
    /// `moved { from, to }`: the set that was `from` is `to`.
    pub moved: Vec<(String, String)>,
    /// `removed { from; lifecycle { destroy = false } }`: the set left the code but is kept.
    pub kept: Vec<String>,
}

/// What of `identity` an address names: all of it, or the set within the module it names
/// (`module.a` of `module.a.aws_ssmincidents_replication_set.x`), or an instance of it
/// (`aws_x.y` of `aws_x.y[…]`). The rest of the identity, if so.
fn within_address<'i>(identity: &'i str, address: &str) -> Option<&'i str> {
    let rest = identity.strip_prefix(address)?;
    (rest.is_empty() || rest.starts_with(['.', '['])).then_some(rest)
}

impl Renames {
    /// The identity a set of the earlier revision has now: where a `moved` block of it, or of a
    /// module that holds it, moved it.
    pub fn moved_to(&self, identity: &str) -> Option<String> {
        self.moved
            .iter()
            .find_map(|(from, to)| within_address(identity, from).map(|rest| format!("{to}{rest}")))
    }

    /// Whether a `removed` block of the set, or of a module that holds it, keeps it.
    pub fn keeps(&self, identity: &str) -> bool {
        self.kept
            .iter()
            .any(|kept| within_address(identity, kept).is_some())
    }
}

/// A suppression that a resource declares in the format's own syntax: CloudFormation's
/// `Metadata: { irlint: { ignore: [ { rule, reason } ] } }`.
#[derive(Clone, Debug)]
pub struct DeclaredSuppression {
    /// The declaration of the resource it is written in (a logical id), whose findings it covers.
    pub resource: Span,
    /// The entry that declares it.
    pub span: Span,
    /// The rule as written (an id or a name); `None` when the entry names none.
    pub rule: Option<Value<String>>,
    pub reason: Option<String>,
}

impl Unit {
    /// The sets the code declares. A set whose values differ between the unit's deployments is
    /// read once for each of them (a template deployed by the environments of a SAM
    /// configuration), each reading scoped to its deployment: its first reading stands for it.
    pub fn declared_sets(&self) -> impl Iterator<Item = &ReplicationSet> {
        let mut read = std::collections::HashSet::new();
        (self.replication_sets.iter())
            .filter(move |set| set.deployment.is_none() || read.insert(set.identity.as_str()))
    }

    /// The deployments that create a set: its own, or all.
    pub fn deployments_of<'a>(&'a self, set: &'a ReplicationSet) -> Vec<&'a Deployment> {
        (self.deployments.iter())
            .filter(|deployment| set.deployment.is_none() || set.deployment == deployment.name)
            .collect()
    }

    pub fn key(&self, id: KeyId) -> &Key {
        &self.keys[id.0]
    }

    pub fn provider(&self, id: ProviderId) -> &Provider {
        &self.providers[id.0]
    }
}

/// A region after following providers and the deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolvedRegion {
    /// A region name, with where it was found (for related locations in messages).
    Known {
        name: String,
        source: Option<Span>,
    },
    /// The region of a provider whose region is not known; equal only to itself.
    Provider(ProviderId),
    Unknown,
}

impl ResolvedRegion {
    pub fn name(&self) -> Option<&str> {
        match self {
            ResolvedRegion::Known { name, .. } => Some(name),
            _ => None,
        }
    }

    /// What two regions that are certainly the same share: `a.same_as(b) == Some(true)`
    /// exactly when both have an identity and the identities are equal.
    pub fn identity(&self) -> Option<RegionIdentity<'_>> {
        match self {
            ResolvedRegion::Known { name, .. } => Some(RegionIdentity::Named(name)),
            ResolvedRegion::Provider(id) => Some(RegionIdentity::Provider(*id)),
            ResolvedRegion::Unknown => None,
        }
    }

    /// Whether two regions are certainly the same (`Some(true)`), certainly different
    /// (`Some(false)`), or whether that cannot be known (`None`).
    pub fn same_as(&self, other: &ResolvedRegion) -> Option<bool> {
        match (self, other) {
            (ResolvedRegion::Known { name: a, .. }, ResolvedRegion::Known { name: b, .. }) => {
                Some(a == b)
            }
            (ResolvedRegion::Provider(a), ResolvedRegion::Provider(b)) if a == b => Some(true),
            _ => None,
        }
    }
}

/// See [`ResolvedRegion::identity`]; a key for finding the same region among many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionIdentity<'a> {
    Named(&'a str),
    Provider(ProviderId),
}

/// A region of a replication set that uses a key declared in the unit.
pub struct KeyUse<'a> {
    pub set: &'a ReplicationSet,
    pub entry: &'a RegionEntry,
    /// The reference to the key.
    pub reference: &'a KeyRef,
    pub id: KeyId,
    pub key: &'a Key,
}

/// A unit seen in one of its deployments: what rules read.
pub struct View<'a> {
    pub unit: &'a Unit,
    pub deployment: &'a Deployment,
}

impl View<'_> {
    /// The region a provider deploys to in this deployment.
    pub fn provider_region(&self, id: ProviderId) -> ResolvedRegion {
        match &self.unit.provider(id).region {
            ProviderRegion::Code(value) => match value.known() {
                Some(name) => ResolvedRegion::Known {
                    name: name.clone(),
                    source: Some(value.written()),
                },
                None => ResolvedRegion::Provider(id),
            },
            ProviderRegion::Deployment => self.deployed_to(id, self.deployment.region.as_ref()),
            ProviderRegion::NativeDeployment => {
                self.deployed_to(id, self.deployment.native_region.as_ref())
            }
        }
    }

    fn deployed_to(&self, id: ProviderId, region: Option<&DeploymentRegion>) -> ResolvedRegion {
        match region {
            Some(region) => ResolvedRegion::Known {
                name: region.name.clone(),
                source: region.span,
            },
            None => ResolvedRegion::Provider(id),
        }
    }

    pub fn region(&self, region: &Value<Region>) -> ResolvedRegion {
        match region.known() {
            Some(Region::Named(name)) => ResolvedRegion::Known {
                name: name.clone(),
                source: Some(region.written()),
            },
            Some(Region::OfProvider(id)) => self.provider_region(*id),
            None => ResolvedRegion::Unknown,
        }
    }

    /// The region a customer managed key lives in.
    pub fn key_region(&self, key: &KeyRef) -> ResolvedRegion {
        match &key.target {
            KeyTarget::Arn(arn) => match arn.known().and_then(|arn| arn_region(arn)) {
                Some(name) => ResolvedRegion::Known {
                    name: name.to_owned(),
                    source: Some(arn.written()),
                },
                None => ResolvedRegion::Unknown,
            },
            KeyTarget::Declared { key, .. } => self.region(&self.unit.key(*key).region),
            KeyTarget::IdOrAlias(_) | KeyTarget::Unknown(_) => ResolvedRegion::Unknown,
        }
    }

    /// The replication sets this deployment creates.
    pub fn replication_sets(&self) -> impl Iterator<Item = &ReplicationSet> {
        let name = self.deployment.name.as_ref();
        (self.unit.replication_sets.iter())
            .filter(move |set| set.deployment.is_none() || set.deployment.as_ref() == name)
    }

    /// Every use of a key declared in the unit by a region of a replication set.
    pub fn declared_key_uses(&self) -> impl Iterator<Item = KeyUse<'_>> {
        let unit = self.unit;
        self.replication_sets()
            .flat_map(|set| set.listed_regions().iter().map(move |entry| (set, entry)))
            .filter_map(move |(set, entry)| match &entry.key {
                KeyChoice::Customer(
                    reference @ KeyRef {
                        target: KeyTarget::Declared { key, .. },
                        ..
                    },
                ) => Some(KeyUse {
                    set,
                    entry,
                    reference,
                    id: *key,
                    key: unit.key(*key),
                }),
                _ => None,
            })
    }

    /// A region as messages name it: `us-east-1`, or `the region of provider \`aws\`` when the
    /// region is not known.
    pub fn describe(&self, region: &ResolvedRegion) -> String {
        match region {
            ResolvedRegion::Known { name, .. } => name.clone(),
            ResolvedRegion::Provider(id) => {
                format!("the region of {}", self.unit.provider(*id).name)
            }
            ResolvedRegion::Unknown => "an unknown region".to_owned(),
        }
    }
}

/// Whether a string is shaped like an AWS region name (`us-east-1`, `us-gov-west-1`): at least
/// two lowercase words and a number, joined by dashes. Whether Incident Manager serves it is for
/// the rules to say.
pub fn is_region_name(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let Some((number, words)) = parts.split_last() else {
        return false;
    };
    words.len() >= 2
        && words
            .iter()
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()))
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a string is a KMS key ARN, `arn:<partition>:kms:<region>:<account>:key/<id>` (an
/// alias ARN ends in `alias/<name>` instead).
pub fn is_key_arn(text: &str) -> bool {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    matches!(fields.as_slice(), ["arn", _, "kms", _, _, resource] if resource.starts_with("key/"))
}

/// The region field of an ARN (`arn:partition:service:region:account:resource`).
pub fn arn_region(arn: &str) -> Option<&str> {
    let mut fields = arn.splitn(6, ':');
    if fields.next()? != "arn" {
        return None;
    }
    let region = fields.nth(2)?;
    fields.next()?;
    fields.next()?;
    (!region.is_empty()).then_some(region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_text_is_classified() {
        let span = Span::new(crate::source::FileId(0), 0, 1);
        assert_eq!(
            KeyChoice::from_text(span, "DefaultKey".into(), None),
            KeyChoice::AwsOwned
        );
        assert!(matches!(
            KeyChoice::from_text(span, "".into(), None),
            KeyChoice::Unknown(_)
        ));
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd".to_owned();
        assert!(matches!(
            KeyChoice::from_text(span, arn, None),
            KeyChoice::Customer(KeyRef {
                target: KeyTarget::Arn(_),
                ..
            })
        ));
        for not_an_arn in [
            "alias/incidents",
            "arn:aws:kms:us-east-1:111122223333:alias/x",
            "1234abcd",
        ] {
            assert!(matches!(
                KeyChoice::from_text(span, not_an_arn.to_owned(), None),
                KeyChoice::Customer(KeyRef {
                    target: KeyTarget::IdOrAlias(_),
                    ..
                })
            ));
        }
    }

    #[test]
    fn arn_region_reads_the_fourth_field() {
        assert_eq!(
            arn_region("arn:aws:kms:eu-west-1:111122223333:key/1234"),
            Some("eu-west-1")
        );
        assert_eq!(arn_region("arn:aws:kms::111122223333:key/1234"), None);
        assert_eq!(arn_region("alias/my-key"), None);
        assert_eq!(arn_region("arn:aws:kms:eu-west-1"), None);
    }
}
