//! AWS region names: the regions Incident Manager serves, and which partition a region belongs
//! to.
//!
//! Both come from botocore's `data/endpoints.json` and `data/partitions.json` (botocore 1.43):
//! `endpoints.json` lists the `ssm-incidents` endpoints, `partitions.json` the regions of every
//! partition. Incident Manager is closed to new customers (see `shared/domain.md`), so the
//! served list is not expected to grow; a region AWS opens later is reported as unknown until it
//! is added here.

/// The regions where Incident Manager serves, in the commercial partition (botocore
/// `endpoints.json`, service `ssm-incidents`; `shared/domain.md`).
pub const INCIDENT_MANAGER_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// A partition: a separate group of regions, with accounts of its own.
#[derive(Debug, PartialEq, Eq)]
pub struct Partition {
    /// How messages name it: `the commercial partition`, `the AWS GovCloud (US) partition`.
    pub name: &'static str,
    pub regions: &'static [&'static str],
}

/// The commercial partition (botocore's `aws`, "AWS Standard").
pub static COMMERCIAL: Partition = Partition {
    name: "the commercial partition",
    regions: &[
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ],
};

/// Every partition, the commercial one first.
pub static PARTITIONS: &[&Partition] = &[
    &COMMERCIAL,
    &Partition {
        name: "the AWS China partition",
        regions: &["cn-north-1", "cn-northwest-1"],
    },
    &Partition {
        name: "the AWS GovCloud (US) partition",
        regions: &["us-gov-east-1", "us-gov-west-1"],
    },
    &Partition {
        name: "the AWS European Sovereign Cloud partition",
        regions: &["eusc-de-east-1"],
    },
    &Partition {
        name: "the AWS ISO (US) partition",
        regions: &["us-iso-east-1", "us-iso-west-1"],
    },
    &Partition {
        name: "the AWS ISOB (US) partition",
        regions: &["us-isob-east-1", "us-isob-west-1"],
    },
    &Partition {
        name: "the AWS ISOE (Europe) partition",
        regions: &["eu-isoe-west-1"],
    },
    &Partition {
        name: "the AWS ISOF partition",
        regions: &["us-isof-east-1", "us-isof-south-1"],
    },
];

/// Whether Incident Manager serves a region.
pub fn is_served(name: &str) -> bool {
    INCIDENT_MANAGER_REGIONS.contains(&name)
}

/// The partition of a region AWS has, `None` for a name that is no region.
pub fn partition_of(name: &str) -> Option<&'static Partition> {
    PARTITIONS
        .iter()
        .copied()
        .find(|partition| partition.regions.contains(&name))
}

/// Every region of every partition.
pub fn all_regions() -> impl Iterator<Item = &'static str> {
    PARTITIONS
        .iter()
        .flat_map(|partition| partition.regions.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_regions_are_commercial_regions() {
        for region in INCIDENT_MANAGER_REGIONS {
            assert_eq!(partition_of(region), Some(&COMMERCIAL), "{region}");
        }
    }

    #[test]
    fn every_region_is_in_one_partition() {
        let mut regions: Vec<_> = all_regions().collect();
        let count = regions.len();
        regions.sort_unstable();
        regions.dedup();
        assert_eq!(regions.len(), count);
    }

    #[test]
    fn partitions_are_found_by_region() {
        assert_eq!(
            partition_of("us-gov-west-1").map(|p| p.name),
            Some("the AWS GovCloud (US) partition")
        );
        assert_eq!(partition_of("eu-south-1"), Some(&COMMERCIAL));
        assert_eq!(partition_of("us-wset-2"), None);
        assert!(!is_served("eu-south-1"));
        assert!(is_served("eu-north-1"));
    }
}
