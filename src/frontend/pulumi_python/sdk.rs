//! The names of the Pulumi SDKs that matter to irlint, as a Python program reaches them.

use crate::model::KeyResource;

/// A Pulumi SDK package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Package {
    /// `pulumi`: resource options.
    Pulumi,
    /// `pulumi_aws`.
    Aws,
    /// `pulumi_aws_native`, CloudFormation-shaped.
    AwsNative,
}

impl Package {
    /// The package a top-level Python module name imports.
    pub fn of_module(name: &str) -> Option<Package> {
        match name {
            "pulumi" => Some(Package::Pulumi),
            "pulumi_aws" => Some(Package::Aws),
            "pulumi_aws_native" => Some(Package::AwsNative),
            _ => None,
        }
    }

    /// The Python module's name, for messages.
    pub fn module(self) -> &'static str {
        match self {
            Package::Pulumi => "pulumi",
            Package::Aws => "pulumi_aws",
            Package::AwsNative => "pulumi_aws_native",
        }
    }

    /// The package's name in a `providers` map (`{"aws": p}`).
    pub fn provider_name(self) -> &'static str {
        match self {
            Package::Pulumi => "pulumi",
            Package::Aws => "aws",
            Package::AwsNative => "aws-native",
        }
    }
}

/// What a call to an SDK name makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    ReplicationSet(Package),
    Key(KeyResource, Package),
    /// `aws.kms.Alias`: its attributes name an alias, not a key.
    Alias,
    /// `aws.kms.get_key()`, `aws.kms.get_alias()`: some existing key.
    KeyLookup,
    Provider(Package),
    /// `aws.get_region()`: the region of the provider it is invoked with.
    GetRegion(Package),
    /// `pulumi.ResourceOptions`, `pulumi.InvokeOptions`.
    Options,
    /// An input type (`ReplicationSetRegionArgs`, or the `…ArgsDict` typed dictionary), read
    /// like a dictionary.
    Args,
}

impl Class {
    /// The class an SDK path names. A class may be reached through the module that defines it
    /// (`pulumi_aws.ssmincidents.replication_set.ReplicationSet`), so only the service module
    /// (the first segment) and the name (the last) count.
    pub fn of(package: Package, path: &[&str]) -> Option<Class> {
        let name = *path.last()?;
        let service = if path.len() > 1 { Some(path[0]) } else { None };
        let class = match (package, service, name) {
            (
                Package::Pulumi,
                None,
                "ResourceOptions" | "InvokeOptions" | "InvokeOutputOptions",
            ) => Class::Options,
            (Package::Aws | Package::AwsNative, Some("ssmincidents"), "ReplicationSet") => {
                Class::ReplicationSet(package)
            }
            (Package::Aws | Package::AwsNative, Some("kms"), "Key") => {
                Class::Key(KeyResource::Key, package)
            }
            (Package::Aws | Package::AwsNative, Some("kms"), "ReplicaKey") => {
                Class::Key(KeyResource::ReplicaKey, package)
            }
            (Package::Aws, Some("kms"), "ExternalKey") => {
                Class::Key(KeyResource::ExternalKey, package)
            }
            (Package::Aws | Package::AwsNative, Some("kms"), "Alias") => Class::Alias,
            (
                Package::Aws,
                Some("kms"),
                "get_key" | "get_key_output" | "get_alias" | "get_alias_output",
            ) => Class::KeyLookup,
            (Package::Aws | Package::AwsNative, None, "Provider") => Class::Provider(package),
            (Package::Aws | Package::AwsNative, None, "get_region" | "get_region_output") => {
                Class::GetRegion(package)
            }
            (_, _, name) if name.ends_with("Args") || name.ends_with("ArgsDict") => Class::Args,
            _ => return None,
        };
        Some(class)
    }
}

/// Whether an SDK path is the region its default provider is configured with
/// (`aws.config.region`).
pub fn is_configured_region(package: Package, path: &[&str]) -> bool {
    package != Package::Pulumi && path == ["config", "region"]
}

/// The region a member of pulumi-aws's `Region` enum stands for: `US_WEST2` (the SDK's
/// spelling) and `US_WEST_2` both give `us-west-2`.
pub fn region_enum_member(package: Package, path: &[&str]) -> Option<String> {
    let [enum_name, member] = path else {
        return None;
    };
    if package != Package::Aws || *enum_name != "Region" {
        return None;
    }
    let mut parts: Vec<String> = member
        .split('_')
        .map(|part| part.to_ascii_lowercase())
        .collect();
    let last = parts.pop()?;
    let digits = last.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = &last[..last.len() - digits.len()];
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !letters.is_empty() {
        parts.push(letters.to_owned());
    }
    parts.push(digits.to_owned());
    (parts.len() >= 3 && parts.iter().all(|part| !part.is_empty())).then(|| parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_enum_members_become_region_names() {
        let region = |member| region_enum_member(Package::Aws, &["Region", member]);
        assert_eq!(region("US_WEST2").as_deref(), Some("us-west-2"));
        assert_eq!(region("US_WEST_2").as_deref(), Some("us-west-2"));
        assert_eq!(region("AP_SOUTHEAST1").as_deref(), Some("ap-southeast-1"));
        assert_eq!(region("US_GOV_WEST1").as_deref(), Some("us-gov-west-1"));
        assert_eq!(region("WEST"), None);
        assert_eq!(region("US2"), None);
        assert_eq!(
            region_enum_member(Package::AwsNative, &["Region", "US_WEST2"]),
            None
        );
    }

    #[test]
    fn classes_are_found_through_their_defining_module() {
        assert_eq!(
            Class::of(
                Package::Aws,
                &["ssmincidents", "replication_set", "ReplicationSet"]
            ),
            Some(Class::ReplicationSet(Package::Aws))
        );
        assert_eq!(
            Class::of(Package::AwsNative, &["ssmincidents", "ReplicationSet"]),
            Some(Class::ReplicationSet(Package::AwsNative))
        );
        assert_eq!(Class::of(Package::Aws, &["ssmincidents"]), None);
        assert_eq!(
            Class::of(Package::Pulumi, &["ResourceOptions"]),
            Some(Class::Options)
        );
    }
}
