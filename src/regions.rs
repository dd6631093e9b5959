//! AWS region names: the regions Incident Manager serves, and which partition a region belongs
//! to.
//!
//! Both come from botocore's `data/endpoints.json` and `data/partitions.json` (botocore 1.43):
//! `endpoints.json` lists the `ssm-incidents` endpoints, `partitions.json` the regions of every
//! partition. Outside the commercial partition, `endpoints.json` lists no `ssm-incidents`
//! endpoint in any partition; AWS says as much for GovCloud in its documentation, and the SDK's
//! data is public and complete for China, so both are taken as not offering Incident Manager,
//! while the isolated partitions, whose endpoint data is not all public, stay undecided. Incident Manager is closed to new customers (see `shared/domain.md`), so the
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
    pub incident_manager: Offering,
}

/// Whether a partition offers Incident Manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offering {
    /// In some of its regions: [`INCIDENT_MANAGER_REGIONS`].
    InSomeRegions,
    /// In none of its regions: AWS says so (GovCloud), or the SDK's public endpoint data has no
    /// endpoint there (China).
    Not,
    /// Not known: the partition's endpoint data is not all public.
    Unknown,
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
    incident_manager: Offering::InSomeRegions,
};

/// Every partition, the commercial one first.
pub static PARTITIONS: &[&Partition] = &[
    &COMMERCIAL,
    &Partition {
        name: "the AWS China partition",
        regions: &["cn-north-1", "cn-northwest-1"],
        incident_manager: Offering::Not,
    },
    &Partition {
        name: "the AWS GovCloud (US) partition",
        regions: &["us-gov-east-1", "us-gov-west-1"],
        incident_manager: Offering::Not,
    },
    &Partition {
        name: "the AWS European Sovereign Cloud partition",
        regions: &["eusc-de-east-1"],
        incident_manager: Offering::Unknown,
    },
    &Partition {
        name: "the AWS ISO (US) partition",
        regions: &["us-iso-east-1", "us-iso-west-1"],
        incident_manager: Offering::Unknown,
    },
    &Partition {
        name: "the AWS ISOB (US) partition",
        regions: &["us-isob-east-1", "us-isob-west-1"],
        incident_manager: Offering::Unknown,
    },
    &Partition {
        name: "the AWS ISOE (Europe) partition",
        regions: &["eu-isoe-west-1"],
        incident_manager: Offering::Unknown,
    },
    &Partition {
        name: "the AWS ISOF partition",
        regions: &["us-isof-east-1", "us-isof-south-1"],
        incident_manager: Offering::Unknown,
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

/// How many edits (a character inserted, deleted, replaced, or two neighbours swapped) a name
/// may be from a region's name to be taken for a misspelling of it. Region names differ from
/// each other by one edit at least (`us-east-1`, `us-east-2`), so a name one or two edits away
/// from exactly one region points at it; names further away are guesses.
pub const MAX_TYPO_DISTANCE: usize = 2;

/// The regions a name no region has may be a misspelling of: those nearest to it, within
/// [`MAX_TYPO_DISTANCE`] edits, compared without case and surrounding spaces.
pub fn nearest(name: &str) -> Vec<&'static str> {
    let normalized = name.trim().to_ascii_lowercase();
    let distances: Vec<(usize, &'static str)> = all_regions()
        .map(|region| (strsim::osa_distance(&normalized, region), region))
        .collect();
    let nearest = distances.iter().map(|(distance, _)| *distance).min();
    (distances.into_iter())
        .filter(|(distance, _)| Some(*distance) == nearest && *distance <= MAX_TYPO_DISTANCE)
        .map(|(_, region)| region)
        .collect()
}

/// Checks a region named on the command line or in the configuration, where a misspelling would
/// be taken for the deployments' region: a region of a partition AWS has (whether Incident
/// Manager serves it is for the rules to say), else an error that suggests what it may be a
/// misspelling of.
pub fn check_name(name: &str) -> Result<(), String> {
    if partition_of(name).is_some() {
        return Ok(());
    }
    Err(match nearest(name).as_slice() {
        [] => format!("`{name}` is not a region AWS has (such as us-east-1)"),
        regions => {
            let quoted: Vec<String> = regions.iter().map(|r| format!("`{r}`")).collect();
            format!(
                "`{name}` is not a region AWS has: did you mean {}?",
                quoted.join(" or ")
            )
        }
    })
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

    #[test]
    fn a_region_given_to_irlint_is_checked_with_a_suggestion() {
        assert_eq!(check_name("us-gov-west-1"), Ok(()));
        assert_eq!(check_name("eu-south-1"), Ok(()));
        assert_eq!(
            check_name("us-esat-1"),
            Err("`us-esat-1` is not a region AWS has: did you mean `us-east-1`?".to_owned())
        );
        assert_eq!(
            check_name("Europe"),
            Err("`Europe` is not a region AWS has (such as us-east-1)".to_owned())
        );
        assert_eq!(nearest("US-WEST-2 "), ["us-west-2"]);
    }
}
