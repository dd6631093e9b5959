//! The AWS CDK's libraries as every language reaches them: one table from the global paths a
//! lowering gives (`aws-cdk-lib` + `aws_ssmincidents.CfnReplicationSet`,
//! `aws-cdk-lib/aws-kms` + `Key`, `aws_cdk.aws_kms.Key`, `constructs.Construct`) to what irlint
//! reads.

use crate::frontend::program::eval::canonical;

/// The CDK's replication set class, as every language names it: what a unit must hold to be read.
pub const SET_CLASS: &str = "CfnReplicationSet";

/// A name of the CDK's libraries: the module it is in (`kms`, `ssmincidents`; empty for the
/// core module, `constructs` for the constructs library) and the names after it, canonical
/// (`cfnreplicationset`, `keyarn`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CdkName {
    module: String,
    path: Vec<String>,
}

/// What constructing a class of the CDK creates, as irlint reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Construct {
    ReplicationSet,
    /// `kms.Key` (L2), whose policy is an `iam.PolicyDocument`.
    Key,
    /// `kms.CfnKey` (L1), whose `keyPolicy` is the document as an object.
    CfnKey,
    Alias,
    /// A stack: its resources deploy to its region.
    Stack,
    /// A nested stack deploys with its parent, in the parent's region.
    NestedStack,
    /// A stage's `env` is the default of the stacks in it.
    Stage,
}

impl CdkName {
    /// The first candidate path that lies in the CDK's libraries.
    pub fn of(candidates: &[Vec<String>]) -> Option<CdkName> {
        candidates.iter().find_map(|path| CdkName::of_path(path))
    }

    fn of_path(path: &[String]) -> Option<CdkName> {
        // TypeScript's module specifiers hold the module (`aws-cdk-lib/aws-kms`).
        let mut segments = path.iter().flat_map(|segment| segment.split('/'));
        let module = match segments.next()? {
            "aws-cdk-lib" | "aws_cdk" => String::new(),
            "constructs" => "constructs".to_owned(),
            _ => return None,
        };
        let mut segments = segments.peekable();
        let module = match segments.peek() {
            Some(next) if module.is_empty() => match next
                .strip_prefix("aws-")
                .or_else(|| next.strip_prefix("aws_"))
            {
                Some(service) => {
                    let service = service.replace('-', "_");
                    segments.next();
                    service
                }
                None => module,
            },
            _ => module,
        };
        Some(CdkName {
            module,
            path: segments.map(canonical).collect(),
        })
    }

    fn path(&self) -> Vec<&str> {
        self.path.iter().map(String::as_str).collect()
    }

    /// What constructing this class creates, if irlint reads it.
    pub fn construct(&self) -> Option<Construct> {
        match (self.module.as_str(), self.path().as_slice()) {
            ("ssmincidents", ["cfnreplicationset"]) => Some(Construct::ReplicationSet),
            ("kms", ["key"]) => Some(Construct::Key),
            ("kms", ["cfnkey"]) => Some(Construct::CfnKey),
            ("kms", ["alias" | "cfnalias"]) => Some(Construct::Alias),
            ("", ["stack"]) => Some(Construct::Stack),
            ("", ["nestedstack"]) => Some(Construct::NestedStack),
            ("", ["stage"]) => Some(Construct::Stage),
            _ => None,
        }
    }

    /// `kms.Key.fromKeyArn(scope, id, arn)`: a key of another stack or account, by its ARN.
    pub fn is_key_from_arn(&self) -> bool {
        self.module == "kms" && self.path() == ["key", "fromkeyarn"]
    }

    /// A key or alias imported otherwise (`Key.fromLookup`, `Alias.fromAliasName`): which key it
    /// is cannot be told.
    pub fn is_key_import(&self) -> bool {
        self.module == "kms"
            && matches!(self.path().as_slice(), ["key" | "alias", method] if method.starts_with("from"))
    }

    /// The region of the stack a construct is in: `Aws.REGION`, `this.region` of a stack
    /// (its base's member), `Stack.of(this).region`.
    pub fn is_stack_region(&self) -> bool {
        matches!(
            (self.module.as_str(), self.path().as_slice()),
            ("", ["aws" | "stack" | "nestedstack", "region"])
                | ("constructs", ["construct", "region"])
        )
    }

    /// `RemovalPolicy.RETAIN` (and `RETAIN_ON_UPDATE_OR_DELETE`): the resource outlives its
    /// removal from the stack.
    pub fn retains(&self) -> bool {
        self.module.is_empty()
            && matches!(
                self.path().as_slice(),
                ["removalpolicy", "retain" | "retainonupdateordelete"]
            )
    }

    /// Whether a call of this gives the value of its first argument: `Stack.of(construct)`,
    /// whose stack the construct's own members read.
    pub fn transparent(&self) -> bool {
        self.module.is_empty()
            && matches!(
                self.path().as_slice(),
                ["stack", "of"] | ["token", "asstring"]
            )
    }

    /// The text a constant stands for: the key specs and usages of `kms.KeySpec` and
    /// `kms.KeyUsage` are CloudFormation's own (`KeySpec.HMAC_256` is `HMAC_256`).
    pub fn constant(path: &[String]) -> Option<String> {
        let name = CdkName::of_path(path)?;
        if name.module != "kms" {
            return None;
        }
        match name.path().as_slice() {
            ["keyspec" | "keyusage", _] => path.last().cloned(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &[&str]) -> Option<CdkName> {
        CdkName::of(&[path.iter().map(|s| (*s).to_owned()).collect()])
    }

    #[test]
    fn every_language_names_the_replication_set_and_keys() {
        for path in [
            &["aws-cdk-lib", "aws_ssmincidents", "CfnReplicationSet"][..],
            &["aws-cdk-lib/aws-ssmincidents", "CfnReplicationSet"],
            &["aws_cdk", "aws_ssmincidents", "CfnReplicationSet"],
        ] {
            let construct = name(path).and_then(|name| name.construct());
            assert_eq!(construct, Some(Construct::ReplicationSet), "{path:?}");
        }
        let key = name(&["aws_cdk", "aws_kms", "Key"]).and_then(|n| n.construct());
        assert_eq!(key, Some(Construct::Key));
        let stack = name(&["aws-cdk-lib", "Stack"]).and_then(|n| n.construct());
        assert_eq!(stack, Some(Construct::Stack));
        assert!(
            name(&["aws-cdk-lib/aws-kms", "Key", "fromKeyArn"])
                .is_some_and(|n| n.is_key_from_arn())
        );
        assert!(
            name(&["aws_cdk", "aws_kms", "Key", "from_key_arn"])
                .is_some_and(|n| n.is_key_from_arn())
        );
        assert!(name(&["aws_cdk", "Aws", "REGION"]).is_some_and(|n| n.is_stack_region()));
        assert!(name(&["aws-cdk-lib", "Stack", "region"]).is_some_and(|n| n.is_stack_region()));
        assert!(name(&["@pulumi/aws", "kms", "Key"]).is_none());
        let constant = |path: &[&str]| {
            CdkName::constant(&path.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
        };
        assert_eq!(
            constant(&["aws-cdk-lib/aws-kms", "KeySpec", "HMAC_256"]).as_deref(),
            Some("HMAC_256")
        );
        assert_eq!(
            constant(&["aws_cdk", "aws_kms", "KeyUsage", "GENERATE_VERIFY_MAC"]).as_deref(),
            Some("GENERATE_VERIFY_MAC")
        );
        assert_eq!(constant(&["aws_cdk", "aws_kms", "Key"]), None);
    }
}
