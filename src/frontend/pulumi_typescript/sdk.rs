//! The Pulumi packages a program imports and the names it reaches through them: resource
//! classes, the `Region` enum, the region of a provider.

use crate::model::KeyResource;

/// A Pulumi package the front-end understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Package {
    /// `@pulumi/aws`.
    Aws,
    /// `@pulumi/aws-native`, whose resources follow CloudFormation's schemas.
    AwsNative,
    /// `@pulumi/pulumi`, for `Config`.
    Pulumi,
}

/// A name exported by a Pulumi package: `aws.ssmincidents.ReplicationSet` is
/// `Aws` / `["ssmincidents", "ReplicationSet"]`, however the program imported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkName {
    pub package: Package,
    pub path: Vec<String>,
}

impl SdkName {
    /// The package and submodule path an import specifier names (`@pulumi/aws/ssmincidents`);
    /// `None` for any other package.
    pub fn of_specifier(specifier: &str) -> Option<SdkName> {
        let mut parts = specifier.strip_prefix("@pulumi/")?.split('/');
        let package = match parts.next()? {
            "aws" => Package::Aws,
            "aws-native" => Package::AwsNative,
            "pulumi" => Package::Pulumi,
            _ => return None,
        };
        Some(SdkName {
            package,
            path: parts
                .filter(|part| !part.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }

    pub fn member(mut self, name: &str) -> SdkName {
        self.path.push(name.to_owned());
        self
    }

    /// Whether this is `path` in one of the two AWS packages.
    fn in_aws(&self, path: &[&str]) -> Option<Package> {
        (matches!(self.package, Package::Aws | Package::AwsNative) && self.path == path)
            .then_some(self.package)
    }

    /// What a `new` expression of this class creates, if irlint reads it.
    pub fn resource(&self) -> Option<ResourceKind> {
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        let package = self.package;
        if package == Package::Pulumi {
            return (path == ["Config"]).then_some(ResourceKind::Config);
        }
        let key = |resource| Some(ResourceKind::Key(package, resource));
        match path.as_slice() {
            ["ssmincidents", "ReplicationSet"] => Some(ResourceKind::ReplicationSet(package)),
            ["Provider"] => Some(ResourceKind::Provider(package)),
            ["kms", "Key"] => key(KeyResource::Key),
            ["kms", "ReplicaKey"] => key(KeyResource::ReplicaKey),
            // aws-native imports key material into a `Key` with `origin: "EXTERNAL"`.
            ["kms", "ExternalKey"] if package == Package::Aws => key(KeyResource::ExternalKey),
            ["kms", "Alias"] => Some(ResourceKind::Alias),
            _ => None,
        }
    }

    /// The package whose default provider's region this is: `aws.config.region`.
    pub fn configured_region(&self) -> Option<Package> {
        self.in_aws(&["config", "region"])
    }

    /// The package of a function that looks up the region of a provider:
    /// `aws.getRegion`, `aws.getRegionOutput`.
    pub fn region_lookup(&self) -> Option<Package> {
        self.in_aws(&["getRegion"])
            .or_else(|| self.in_aws(&["getRegionOutput"]))
    }

    /// Whether this is a function that looks up a KMS key or alias (`aws.kms.getKey`,
    /// `aws.kms.getAliasOutput`), and of which.
    pub fn kms_lookup(&self) -> Option<KmsLookup> {
        let [module, function] = self.path.as_slice() else {
            return None;
        };
        if module != "kms" || !matches!(self.package, Package::Aws | Package::AwsNative) {
            return None;
        }
        let function = function.strip_suffix("Output").unwrap_or(function);
        match function {
            "getKey" => Some(KmsLookup::Key),
            "getAlias" => Some(KmsLookup::Alias),
            _ => None,
        }
    }

    /// The region named by a member of `@pulumi/aws`'s `Region` enum (`aws.Region.USWest2`) or
    /// by one of the constants older versions exported (`aws.USWest2Region`).
    pub fn region_constant(&self) -> Option<&'static str> {
        if self.package != Package::Aws {
            return None;
        }
        let member = match self.path.as_slice() {
            [enumeration, member] if enumeration == "Region" => member.as_str(),
            [constant] => constant.strip_suffix("Region").filter(|m| !m.is_empty())?,
            _ => return None,
        };
        region_of_member(member)
    }

    /// As written in a program that imported the package as `aws`: `aws.kms.Key`.
    pub fn display(&self) -> String {
        let root = match self.package {
            Package::Aws => "aws",
            Package::AwsNative => "awsnative",
            Package::Pulumi => "pulumi",
        };
        std::iter::once(root)
            .chain(self.path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// What a `new` expression creates, among what irlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    ReplicationSet(Package),
    Key(Package, KeyResource),
    Alias,
    Provider(Package),
    /// `new pulumi.Config(…)`, whose reads are configuration values.
    Config,
}

/// What a KMS lookup function finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KmsLookup {
    Key,
    Alias,
}

/// Enum members spell the region without hyphens, in any case (`USWest2`, `APSouthEast2`);
/// one member lacks the region's number.
fn region_of_member(member: &str) -> Option<&'static str> {
    if member == "CACentral" {
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

    fn aws(path: &[&str]) -> SdkName {
        SdkName {
            package: Package::Aws,
            path: path.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    #[test]
    fn specifiers_name_packages_and_submodules() {
        assert_eq!(
            SdkName::of_specifier("@pulumi/aws/ssmincidents"),
            Some(aws(&["ssmincidents"]))
        );
        assert_eq!(
            SdkName::of_specifier("@pulumi/aws-native").map(|n| n.package),
            Some(Package::AwsNative)
        );
        assert_eq!(SdkName::of_specifier("@pulumi/awsx"), None);
        assert_eq!(SdkName::of_specifier("aws-sdk"), None);
    }

    #[test]
    fn region_enum_members_map_to_region_names() {
        assert_eq!(
            aws(&["Region", "USWest2"]).region_constant(),
            Some("us-west-2")
        );
        assert_eq!(
            aws(&["Region", "APNortheast1"]).region_constant(),
            Some("ap-northeast-1")
        );
        assert_eq!(
            aws(&["Region", "USGovEast1"]).region_constant(),
            Some("us-gov-east-1")
        );
        assert_eq!(
            aws(&["Region", "CACentral"]).region_constant(),
            Some("ca-central-1")
        );
        assert_eq!(
            aws(&["APSouthEast2Region"]).region_constant(),
            Some("ap-southeast-2")
        );
        assert_eq!(aws(&["Region", "Mars1"]).region_constant(), None);
        assert_eq!(aws(&["Region"]).region_constant(), None);
    }

    #[test]
    fn resource_classes_are_recognised_in_both_aws_packages() {
        assert_eq!(
            aws(&["ssmincidents", "ReplicationSet"]).resource(),
            Some(ResourceKind::ReplicationSet(Package::Aws))
        );
        let native = SdkName {
            package: Package::AwsNative,
            path: vec!["kms".to_owned(), "Key".to_owned()],
        };
        assert_eq!(
            native.resource(),
            Some(ResourceKind::Key(Package::AwsNative, KeyResource::Key))
        );
        assert_eq!(aws(&["s3", "Bucket"]).resource(), None);
    }
}
