//! The Pulumi SDKs as every language reaches them: one table from the global paths a lowering
//! gives (`@pulumi/aws` + `kms.Key`, `pulumi_aws.kms.Key`, `github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms`
//! + `NewKey`, `Pulumi.Aws.Kms.Key`, `com.pulumi.aws.kms.Key`) to what irlint reads.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::frontend::program::eval::canonical;
use crate::model::KeyResource;

/// A Pulumi package the front-end understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SdkPackage {
    /// pulumi-aws, whose resources follow Terraform's schemas.
    Aws,
    /// pulumi-aws-native, whose resources follow CloudFormation's schemas.
    AwsNative,
    /// The Pulumi SDK itself: configuration, resource options, outputs.
    Pulumi,
}

impl SdkPackage {
    /// The package's name in a `providers` map (`{"aws": p}`).
    pub fn provider_name(self) -> &'static str {
        match self {
            SdkPackage::Pulumi => "pulumi",
            SdkPackage::Aws => "aws",
            SdkPackage::AwsNative => "aws-native",
        }
    }
}

/// A name of a Pulumi package, its path below the package in canonical spelling
/// (`["ssmincidents", "replicationset"]`), with the modules that only some languages write
/// (Python's `replication_set` module, Java's `KmsFunctions` class) left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkName {
    pub package: SdkPackage,
    pub path: Vec<String>,
}

/// The package prefixes of each language, canonical, longest first where one begins another.
/// A Go module path may name any major version (`sdk/v6`, `sdk/v7`): `*` matches one segment.
const PREFIXES: &[(&[&str], SdkPackage)] = &[
    (&["@pulumi", "aws"], SdkPackage::Aws),
    (&["@pulumi", "aws-native"], SdkPackage::AwsNative),
    (&["@pulumi", "pulumi"], SdkPackage::Pulumi),
    (&["pulumiaws"], SdkPackage::Aws),
    (&["pulumiawsnative"], SdkPackage::AwsNative),
    (
        &[
            "github.com",
            "pulumi",
            "pulumi-aws",
            "sdk",
            "*",
            "go",
            "aws",
        ],
        SdkPackage::Aws,
    ),
    (
        &["github.com", "pulumi", "pulumi-aws", "sdk", "go", "aws"],
        SdkPackage::Aws,
    ),
    (
        &[
            "github.com",
            "pulumi",
            "pulumi-aws-native",
            "sdk",
            "go",
            "aws",
        ],
        SdkPackage::AwsNative,
    ),
    (
        &["github.com", "pulumi", "pulumi", "sdk", "*", "go", "pulumi"],
        SdkPackage::Pulumi,
    ),
    (
        &["github.com", "pulumi", "pulumi", "sdk", "*", "go"],
        SdkPackage::Pulumi,
    ),
    (&["pulumi", "aws"], SdkPackage::Aws),
    (&["pulumi", "awsnative"], SdkPackage::AwsNative),
    (&["com", "pulumi", "aws"], SdkPackage::Aws),
    (&["com", "pulumi", "awsnative"], SdkPackage::AwsNative),
    (&["com", "pulumi"], SdkPackage::Pulumi),
    (&["pulumi"], SdkPackage::Pulumi),
];

/// How many globals' readings a thread keeps: a program names the same few SDK functions and
/// classes thousands of times, and reading one lowers the case of every segment.
const NAMES_KEPT: usize = 4096;

thread_local! {
    static NAMES: RefCell<HashMap<Vec<Vec<String>>, Option<SdkName>>> = RefCell::new(HashMap::new());
}

impl SdkName {
    /// The candidate path of a global that names something this table knows, else the first
    /// that lies in a Pulumi package. A C# free name is a candidate in every namespace a `using`
    /// opens, and `using Pulumi;` puts each in the core SDK (`Pulumi.ReplicationSet`), so a
    /// prefix alone does not tell; the AWS packages are asked first, as the core SDK's names
    /// include Go's option functions (`Pulumi.Provider` is `pulumi.Provider(p)`, not a class).
    pub fn of(candidates: &[Vec<String>]) -> Option<SdkName> {
        NAMES.with_borrow_mut(|kept| {
            if let Some(name) = kept.get(candidates) {
                return name.clone();
            }
            if kept.len() >= NAMES_KEPT {
                kept.clear();
            }
            let name = SdkName::read(candidates);
            kept.insert(candidates.to_vec(), name.clone());
            name
        })
    }

    fn read(candidates: &[Vec<String>]) -> Option<SdkName> {
        let names: Vec<SdkName> = candidates
            .iter()
            .filter_map(|path| SdkName::of_path(path))
            .collect();
        let known = |aws: bool| {
            names
                .iter()
                .find(|name| name.in_aws() == aws && name.known())
                .cloned()
        };
        known(true)
            .or_else(|| known(false))
            .or_else(|| names.into_iter().next())
    }

    /// Whether the table reads this name as anything.
    fn known(&self) -> bool {
        self.resource().is_some()
            || self.takes_context()
            || self.is_go_config()
            || self.go_config_read().is_some()
            || self.configured_region().is_some()
            || self.region_lookup().is_some()
            || self.kms_lookup().is_some()
            || self.region_constant().is_some()
            || self.transparent()
            || self.json()
            || self.json_builder().is_some()
            || self.resource_option().is_some()
            || self.runs_program()
            || self.is_stack()
    }

    fn of_path(path: &[String]) -> Option<SdkName> {
        let lowered: Vec<String> = path
            .iter()
            .map(|segment| {
                if segment.contains('.') || segment.starts_with('@') || segment.contains('-') {
                    segment.to_ascii_lowercase()
                } else {
                    canonical(segment)
                }
            })
            .collect();
        let (prefix, package) = PREFIXES.iter().find(|(prefix, _)| {
            prefix.len() <= lowered.len()
                && prefix
                    .iter()
                    .zip(&lowered)
                    .all(|(want, have)| *want == "*" || want == have)
        })?;
        // Segments some languages write that do not change what a name is: Java's function
        // classes (`KmsFunctions.getKey`), C#'s `.Invoke` of a lookup; and between a service
        // and a name only the two count (Python's module of one resource, C#'s `Inputs`).
        let mut rest: Vec<String> = lowered[prefix.len()..]
            .iter()
            .filter(|segment| !segment.ends_with("functions"))
            .cloned()
            .collect();
        if rest.len() > 1 && rest.last().map(String::as_str) == Some("invoke") {
            rest.pop();
        }
        if rest.len() > 2 {
            rest.drain(1..rest.len() - 1);
        }
        Some(SdkName {
            package: *package,
            path: rest,
        })
    }

    fn path(&self) -> Vec<&str> {
        self.path.iter().map(String::as_str).collect()
    }

    pub fn in_aws(&self) -> bool {
        matches!(self.package, SdkPackage::Aws | SdkPackage::AwsNative)
    }

    /// What constructing this class (or calling this Go `New…` function) creates, if irlint
    /// reads it.
    pub fn resource(&self) -> Option<ResourceKind> {
        let path = self.path();
        let (last, modules) = path.split_last()?;
        self.class(modules, last).or_else(|| {
            // Go constructs with functions: `kms.NewKey`, `aws.NewProvider`.
            self.class(modules, last.strip_prefix("new")?)
        })
    }

    fn class(&self, modules: &[&str], class: &str) -> Option<ResourceKind> {
        let package = self.package;
        if package == SdkPackage::Pulumi {
            return match (modules, class) {
                ([], "config") | (["config"], "") => Some(ResourceKind::Config),
                _ => None,
            };
        }
        let key = |resource| Some(ResourceKind::Key(package, resource));
        match (modules, class) {
            (["ssmincidents"], "replicationset") => Some(ResourceKind::ReplicationSet(package)),
            ([], "provider") => Some(ResourceKind::Provider(package)),
            (["kms"], "key") => key(KeyResource::Key),
            (["kms"], "replicakey") => key(KeyResource::ReplicaKey),
            // aws-native imports key material into a `Key` with `origin: "EXTERNAL"`.
            (["kms"], "externalkey") if package == SdkPackage::Aws => key(KeyResource::ExternalKey),
            (["kms"], "alias") => Some(ResourceKind::Alias),
            _ => None,
        }
    }

    /// Whether the name is a Go `New…` constructor function, which takes the context first.
    pub fn takes_context(&self) -> bool {
        let path = self.path();
        path.split_last().is_some_and(|(last, modules)| {
            self.class(modules, last).is_none()
                && last
                    .strip_prefix("new")
                    .is_some_and(|class| self.class(modules, class).is_some())
        })
    }

    /// Whether this is `config.New` (Go's configuration constructor).
    pub fn is_go_config(&self) -> bool {
        self.package == SdkPackage::Pulumi && self.path() == ["config", "new"]
    }

    /// Go's configuration functions (`config.Require(ctx, "key")`, `config.Get`,
    /// `config.TryBool`…), which read a key of the stack without a `config.New`: their name.
    pub fn go_config_read(&self) -> Option<&str> {
        match self.path().as_slice() {
            ["config", read]
                if self.package == SdkPackage::Pulumi
                    && ["require", "get", "try"]
                        .iter()
                        .any(|prefix| read.starts_with(prefix)) =>
            {
                Some(self.path[1].as_str())
            }
            _ => None,
        }
    }

    /// The package whose default provider's region this is: `aws.config.region`, or the
    /// function that reads it in Go (`config.GetRegion(ctx)` of pulumi-aws's config package).
    pub fn configured_region(&self) -> Option<SdkPackage> {
        (self.in_aws() && matches!(self.path().as_slice(), ["config", "region" | "getregion"]))
            .then_some(self.package)
    }

    /// The package of a function that looks up the region of a provider.
    pub fn region_lookup(&self) -> Option<SdkPackage> {
        let path = self.path();
        (self.in_aws() && lookup_name(&path)? == "getregion").then_some(self.package)
    }

    /// Whether this is a function that looks up a KMS key or alias, and of which.
    pub fn kms_lookup(&self) -> Option<KmsLookup> {
        let path = self.path();
        if !self.in_aws() || path.first() != Some(&"kms") {
            return None;
        }
        // Go names the lookup of a kind of resource `Lookup…` (`kms.LookupKey`).
        match lookup_name(&path[1..])? {
            "getkey" | "lookupkey" => Some(KmsLookup::Key),
            "getalias" | "lookupalias" => Some(KmsLookup::Alias),
            _ => None,
        }
    }

    /// The region named by a member of pulumi-aws's `Region` enum (`aws.Region.USWest2`,
    /// Python's `Region.US_WEST2`, Go's `aws.RegionUSWest2`) or by one of the constants older
    /// versions exported (`aws.USWest2Region`).
    pub fn region_constant(&self) -> Option<&'static str> {
        if self.package != SdkPackage::Aws {
            return None;
        }
        let member = match self.path().as_slice() {
            ["region", member] => *member,
            [constant] => constant
                .strip_suffix("region")
                .filter(|member| !member.is_empty())
                .or_else(|| {
                    constant
                        .strip_prefix("region")
                        .filter(|member| !member.is_empty())
                })?,
            _ => return None,
        };
        region_of_member(member)
    }

    /// Whether a call of this gives its first argument's value: Go's `pulumi.String(…)` (and
    /// `pulumi.StringRef(…)` of a lookup's arguments), `Output.of(…)` (Java),
    /// `Output.Create(…)` (C#), `pulumi.output(…)`, `Output.from_input(…)`.
    pub fn transparent(&self) -> bool {
        if self.package != SdkPackage::Pulumi {
            return false;
        }
        match self.path().as_slice() {
            [wrapper] => matches!(
                *wrapper,
                "string"
                    | "stringptr"
                    | "stringref"
                    | "boolref"
                    | "intref"
                    | "bool"
                    | "boolptr"
                    | "int"
                    | "intptr"
                    | "output"
                    | "stringinput"
                    | "tooutput"
            ),
            ["output" | "core", .., function] => {
                matches!(*function, "of" | "create" | "frominput" | "from" | "output")
            }
            _ => false,
        }
    }

    /// Whether this serialises its argument as JSON: `pulumi.jsonStringify`,
    /// `Output.json_dumps`, `Output.JsonSerialize`, Java's `Serialization.serializeJson`.
    pub fn json(&self) -> bool {
        self.package == SdkPackage::Pulumi
            && self.path.last().is_some_and(|last| {
                matches!(
                    last.as_str(),
                    "jsonstringify" | "jsondumps" | "jsonserialize" | "serializejson"
                )
            })
    }

    /// What a call of this builds, among the JSON helpers of Java's SDK, with which `pulumi
    /// convert` writes a policy: `jsonObject(jsonProperty("Version", v), …)`, `jsonArray(…)`
    /// (`com.pulumi.codegen.internal.Serialization`).
    pub fn json_builder(&self) -> Option<JsonBuilder> {
        if self.package != SdkPackage::Pulumi {
            return None;
        }
        match self.path().as_slice() {
            ["codegen", "jsonobject"] => Some(JsonBuilder::Object),
            ["codegen", "jsonproperty"] => Some(JsonBuilder::Property),
            ["codegen", "jsonarray"] => Some(JsonBuilder::Array),
            _ => None,
        }
    }

    /// The Go resource option this function makes (`pulumi.Provider(p)`), by its option name.
    pub fn resource_option(&self) -> Option<&'static str> {
        if self.package != SdkPackage::Pulumi {
            return None;
        }
        match self.path().as_slice() {
            ["provider"] => Some("provider"),
            ["providers" | "providermap"] => Some("providers"),
            ["parent"] => Some("parent"),
            ["retainondelete"] => Some("retainOnDelete"),
            _ => None,
        }
    }

    /// Whether a function passed to this runs once per deployment: `pulumi.Run` (Go),
    /// `Deployment.RunAsync` (C#), `Pulumi.run` (Java).
    pub fn runs_program(&self) -> bool {
        self.package == SdkPackage::Pulumi
            && matches!(
                self.path().as_slice(),
                ["run"] | ["deployment", "runasync" | "run"] | ["pulumi", "run"]
            )
    }

    /// Whether this is the base class of a stack, whose constructor runs once (C#'s `Stack`).
    pub fn is_stack(&self) -> bool {
        self.package == SdkPackage::Pulumi && self.path() == ["stack"]
    }

    /// As the user would write it, for messages.
    pub fn display(&self) -> String {
        let root = match self.package {
            SdkPackage::Aws => "aws",
            SdkPackage::AwsNative => "aws-native",
            SdkPackage::Pulumi => "pulumi",
        };
        std::iter::once(root)
            .chain(self.path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// The name of a lookup function, without the suffix of its output form (`getRegionOutput`).
fn lookup_name<'a>(path: &[&'a str]) -> Option<&'a str> {
    let [name] = path else {
        return None;
    };
    Some(name.strip_suffix("output").unwrap_or(name))
}

/// What constructing a class creates, among what irlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    ReplicationSet(SdkPackage),
    Key(SdkPackage, KeyResource),
    Alias,
    Provider(SdkPackage),
    /// `new pulumi.Config(…)`, whose reads are configuration values.
    Config,
}

/// What a call of a JSON helper builds: an object of the properties given, one property (a key
/// and its value), a list of the values given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonBuilder {
    Object,
    Property,
    Array,
}

/// What a KMS lookup function finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KmsLookup {
    Key,
    Alias,
}

/// Enum members spell the region without hyphens, in any case (`USWest2`, `APSouthEast2`,
/// `US_WEST2`); one member lacks the region's number.
fn region_of_member(member: &str) -> Option<&'static str> {
    if member == "cacentral" {
        return Some("ca-central-1");
    }
    crate::regions::all_regions().find(|region| {
        region.len() - region.matches('-').count() == member.len()
            && region
                .chars()
                .filter(|c| *c != '-')
                .zip(member.chars())
                .all(|(r, m)| r == m.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &[&str]) -> Option<SdkName> {
        SdkName::of(&[path.iter().map(|s| (*s).to_owned()).collect()])
    }

    #[test]
    fn every_language_names_the_replication_set() {
        let set = Some(ResourceKind::ReplicationSet(SdkPackage::Aws));
        for path in [
            &["@pulumi", "aws", "ssmincidents", "ReplicationSet"][..],
            &["pulumi_aws", "ssmincidents", "ReplicationSet"],
            &[
                "pulumi_aws",
                "ssmincidents",
                "replication_set",
                "ReplicationSet",
            ],
            &[
                "github.com",
                "pulumi",
                "pulumi-aws",
                "sdk",
                "v7",
                "go",
                "aws",
                "ssmincidents",
                "NewReplicationSet",
            ],
            &["Pulumi", "Aws", "SsmIncidents", "ReplicationSet"],
            &["com", "pulumi", "aws", "ssmincidents", "ReplicationSet"],
        ] {
            assert_eq!(name(path).and_then(|n| n.resource()), set, "{path:?}");
        }
        assert_eq!(
            name(&["Pulumi", "AwsNative", "SSMIncidents", "ReplicationSet"])
                .and_then(|n| n.resource()),
            Some(ResourceKind::ReplicationSet(SdkPackage::AwsNative))
        );
        assert_eq!(
            name(&["@pulumi", "aws", "s3", "Bucket"]).and_then(|n| n.resource()),
            None
        );
        assert_eq!(name(&["lodash", "x"]), None);
    }

    #[test]
    fn a_csharp_name_is_the_candidate_the_table_knows() {
        let paths = |paths: &[&[&str]]| -> Vec<Vec<String>> {
            paths
                .iter()
                .map(|path| path.iter().map(|s| (*s).to_owned()).collect())
                .collect()
        };
        // `using Pulumi; using Pulumi.Aws; using Pulumi.Aws.SsmIncidents;`
        let usings: [&[&str]; 3] = [
            &["Pulumi"],
            &["Pulumi", "Aws"],
            &["Pulumi", "Aws", "SsmIncidents"],
        ];
        let of = |name: &str| {
            let mut candidates: Vec<Vec<&str>> = usings
                .iter()
                .map(|using| [*using, &[name]].concat())
                .collect();
            candidates.push(vec![name]);
            let candidates: Vec<&[&str]> = candidates.iter().map(Vec::as_slice).collect();
            SdkName::of(&paths(&candidates))
        };
        let kind = |name: &str| of(name).and_then(|n| n.resource());
        assert_eq!(
            kind("ReplicationSet"),
            Some(ResourceKind::ReplicationSet(SdkPackage::Aws))
        );
        assert_eq!(
            kind("Provider"),
            Some(ResourceKind::Provider(SdkPackage::Aws))
        );
        assert_eq!(kind("Config"), Some(ResourceKind::Config));
        assert!(of("Stack").is_some_and(|n| n.is_stack()));
        // A name the table does not know stays the first in a Pulumi package.
        assert_eq!(of("Bucket").map(|n| n.package), Some(SdkPackage::Pulumi));
    }

    #[test]
    fn lookups_options_and_entries() {
        let go = [
            "github.com",
            "pulumi",
            "pulumi",
            "sdk",
            "v3",
            "go",
            "pulumi",
        ];
        let with = |tail: &[&str]| {
            let mut path = go.to_vec();
            path.extend(tail);
            name(&path).expect("a Pulumi name")
        };
        assert!(with(&["String"]).transparent());
        assert!(with(&["Run"]).runs_program());
        assert_eq!(with(&["Provider"]).resource_option(), Some("provider"));
        assert!(name(&["Pulumi", "Deployment", "RunAsync"]).is_some_and(|n| n.runs_program()));
        assert!(name(&["com", "pulumi", "Pulumi", "run"]).is_some_and(|n| n.runs_program()));
        assert!(name(&["com", "pulumi", "core", "Output", "of"]).is_some_and(|n| n.transparent()));
        assert!(name(&["Pulumi", "Stack"]).is_some_and(|n| n.is_stack()));
        let serialization = ["com", "pulumi", "codegen", "internal", "Serialization"];
        let helper = |function: &str| name(&[&serialization[..], &[function]].concat());
        assert!(helper("serializeJson").is_some_and(|n| n.json()));
        assert_eq!(
            helper("jsonObject").and_then(|n| n.json_builder()),
            Some(JsonBuilder::Object)
        );
        assert_eq!(
            helper("jsonArray").and_then(|n| n.json_builder()),
            Some(JsonBuilder::Array)
        );
        assert_eq!(
            name(&["com", "pulumi", "aws", "kms", "KmsFunctions", "getKey"])
                .and_then(|n| n.kms_lookup()),
            Some(KmsLookup::Key)
        );
        assert_eq!(
            name(&[
                "github.com",
                "pulumi",
                "pulumi-aws",
                "sdk",
                "v7",
                "go",
                "aws",
                "kms",
                "LookupKey"
            ])
            .and_then(|n| n.kms_lookup()),
            Some(KmsLookup::Key)
        );
        assert_eq!(
            name(&["Pulumi", "Aws", "GetRegion", "Invoke"]).and_then(|n| n.region_lookup()),
            Some(SdkPackage::Aws)
        );
        assert_eq!(
            name(&["pulumi_aws", "get_region_output"]).and_then(|n| n.region_lookup()),
            Some(SdkPackage::Aws)
        );
    }

    #[test]
    fn region_enum_members_map_to_region_names() {
        let region = |path: &[&str]| name(path).and_then(|n| n.region_constant());
        assert_eq!(
            region(&["@pulumi", "aws", "Region", "USWest2"]),
            Some("us-west-2")
        );
        assert_eq!(
            region(&["pulumi_aws", "Region", "US_WEST2"]),
            Some("us-west-2")
        );
        assert_eq!(
            region(&["@pulumi", "aws", "Region", "CACentral"]),
            Some("ca-central-1")
        );
        assert_eq!(
            region(&["@pulumi", "aws", "APSouthEast2Region"]),
            Some("ap-southeast-2")
        );
        assert_eq!(
            region(&[
                "github.com",
                "pulumi",
                "pulumi-aws",
                "sdk",
                "v7",
                "go",
                "aws",
                "RegionUSWest2"
            ]),
            Some("us-west-2")
        );
        assert_eq!(region(&["@pulumi", "aws", "Region", "Mars1"]), None);
    }
}
