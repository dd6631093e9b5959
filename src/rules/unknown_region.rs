use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use crate::finding::Finding;
use crate::model::{
    DeploymentRegion, ProviderId, ProviderRegion, Region, ReplicationSet, ResolvedRegion, Value,
    View,
};
use crate::regions::{self, COMMERCIAL, INCIDENT_MANAGER_REGIONS, Offering, Partition};
use crate::rules::{Rule, listing};
use crate::source::Span;

declare_rule! {
    /// A region name that Incident Manager does not serve.
    UnknownRegion {
        id: "IRL012",
        name: "unknown-region",
        level: Error,
        summary: "A region name that Incident Manager does not serve",
    }
}

impl Rule for UnknownRegion {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        let mut reported: Vec<Span> = Vec::new();
        let mut providers_seen: Vec<ProviderId> = Vec::new();
        for set in view.replication_sets() {
            check_set_regions(set, findings, &mut reported);
            if !providers_seen.contains(&set.provider) {
                providers_seen.push(set.provider);
                check_deploying_region(view, set, findings, &mut reported);
            }
        }
    }
}

/// A region name that is known, with where it is used and written.
struct Named<'a> {
    name: &'a str,
    used: Span,
    /// Where the name itself is written, when a reference leads there from `used`.
    definition: Option<Span>,
}

impl<'a> Named<'a> {
    fn of<T>(value: &Value<T>, name: &'a str) -> Self {
        Named {
            name,
            used: value.span,
            definition: value.definition(),
        }
    }

    fn written(&self) -> Span {
        self.definition.unwrap_or(self.used)
    }

    /// A finding at the use, relating the definition and carrying the fix, if any, which its
    /// help says.
    fn finding(&self, message: String, label: &str, fix: Option<&str>) -> Finding {
        let mut finding = Finding::new(&META, self.used, message).label(label);
        if let Some(definition) = self.definition {
            finding = finding.related(definition, format!("`{}` is written here", self.name));
        }
        match fix {
            Some(replacement) => finding
                .help(format!("replace `{}` with `{replacement}`", self.name))
                .string_fix(
                    format!("replace with {replacement}"),
                    self.written(),
                    self.name,
                    replacement,
                ),
            None => finding.help(format!(
                "use a region Incident Manager serves: {}",
                INCIDENT_MANAGER_REGIONS.join(", ")
            )),
        }
    }
}

/// Where this rule reports a name no region has, when one is written there: the names of the
/// sets' regions and the regions the sets are deployed from. A rule that compares such a name
/// with a region it may be meant as leaves it to this rule (one cause, one finding).
pub(super) fn places_of_names_checked(view: &View) -> HashSet<Span> {
    let mut places = HashSet::new();
    for set in view.replication_sets() {
        for entry in set.listed_regions() {
            if let Some(Region::Named(_)) = entry.name.known() {
                places.insert(entry.name.written());
            }
        }
        if let ResolvedRegion::Known {
            source: Some(source),
            ..
        } = view.provider_region(set.provider)
        {
            places.insert(source);
        }
    }
    places
}

/// What is wrong with a region name that Incident Manager does not serve.
enum Problem {
    /// A region of the commercial partition that Incident Manager does not serve.
    NotServed,
    /// No region has that name.
    Unknown(Diagnosis),
    /// A region of a partition that does not offer Incident Manager at all (AWS GovCloud (US),
    /// China).
    PartitionNotOffered(&'static Partition),
    /// A region of a partition where irlint does not know whether Incident Manager is offered:
    /// a problem only beside regions of another partition.
    OtherPartition(&'static Partition),
}

/// A name no region has: what it may be a misspelling of.
#[derive(Clone)]
struct Diagnosis {
    /// `: did you mean us-west-2?`, or why there is no suggestion.
    suggestion: String,
    /// The one region it is a misspelling of, when the fix is mechanical.
    fix: Option<&'static str>,
}

fn problem(name: &str) -> Option<Problem> {
    if regions::is_served(name) {
        return None;
    }
    Some(match regions::partition_of(name) {
        Some(partition) => match partition.incident_manager {
            Offering::InSomeRegions => Problem::NotServed,
            Offering::Not => Problem::PartitionNotOffered(partition),
            Offering::Unknown => Problem::OtherPartition(partition),
        },
        None => Problem::Unknown(diagnose(name)),
    })
}

/// How many diagnoses a thread keeps: a unit of thousands of sets that misspell a few names
/// alike compares each name with every region once, not once per set.
const DIAGNOSES_KEPT: usize = 1024;

thread_local! {
    static DIAGNOSES: RefCell<HashMap<String, Diagnosis>> = RefCell::new(HashMap::new());
}

fn diagnose(name: &str) -> Diagnosis {
    DIAGNOSES.with_borrow_mut(|kept| {
        if let Some(diagnosis) = kept.get(name) {
            return diagnosis.clone();
        }
        if kept.len() >= DIAGNOSES_KEPT {
            kept.clear();
        }
        let diagnosis = nearest_regions(name);
        kept.insert(name.to_owned(), diagnosis.clone());
        diagnosis
    })
}

/// What a name no region has may be a misspelling of.
fn nearest_regions(name: &str) -> Diagnosis {
    match regions::nearest(name).as_slice() {
        [region] => {
            let commercial = regions::partition_of(region) == Some(&COMMERCIAL);
            if commercial && !regions::is_served(region) {
                Diagnosis {
                    suggestion: format!(
                        ": did you mean {region}? Incident Manager does not serve that region either"
                    ),
                    fix: None,
                }
            } else {
                Diagnosis {
                    suggestion: format!(": did you mean {region}?"),
                    fix: Some(region),
                }
            }
        }
        [] => Diagnosis {
            suggestion: ": Incident Manager serves no region of that name".to_owned(),
            fix: None,
        },
        regions => Diagnosis {
            suggestion: format!(": did you mean {}?", listing(regions, "or")),
            fix: None,
        },
    }
}

/// The names of the set's regions. A name written once and used for two regions is reported
/// once per use, with the fix on the one place it is written.
fn check_set_regions(set: &ReplicationSet, findings: &mut Vec<Finding>, reported: &mut Vec<Span>) {
    let named: Vec<Named> = set
        .listed_regions()
        .iter()
        .filter_map(|entry| match entry.name.known() {
            Some(Region::Named(name)) => Some(Named::of(&entry.name, name)),
            _ => None,
        })
        .collect();
    // The first region of a partition, and the first of another: a region of a partition is
    // set against whichever of the two is not in its own (a search per region would cost the
    // square of the regions).
    let partitions: Vec<(&Named, &Partition)> = named
        .iter()
        .filter_map(|region| regions::partition_of(region.name).map(|p| (region, p)))
        .collect();
    let first = partitions.first();
    let first_elsewhere = first.and_then(|(_, first_partition)| {
        partitions
            .iter()
            .find(|(_, partition)| partition != first_partition)
    });
    for region in &named {
        let finding = match problem(region.name) {
            None => continue,
            Some(Problem::NotServed) => region.finding(
                format!("Incident Manager does not serve {}", region.name),
                "not served by Incident Manager",
                None,
            ),
            Some(Problem::Unknown(diagnosis)) => region.finding(
                format!("unknown region `{}`{}", region.name, diagnosis.suggestion),
                "no region has this name",
                diagnosis.fix,
            ),
            Some(Problem::PartitionNotOffered(partition)) => {
                not_offered(region, partition, format!("{} is a region of", region.name))
            }
            Some(Problem::OtherPartition(partition)) => {
                let other = match first {
                    Some((_, first_partition)) if *first_partition == partition => first_elsewhere,
                    _ => first,
                };
                let Some((other, other_partition)) = other else {
                    continue;
                };
                Finding::new(
                    &META,
                    region.used,
                    format!(
                        "{} is a region of {}, but {} of {}: the regions of a replication set are in the partition of its account",
                        region.name, partition.name, other.name, other_partition.name
                    ),
                )
                .label(format!("a region of {}", partition.name))
                .related(other.used, format!("a region of {}", other_partition.name))
                .help("use regions of the partition the set is deployed in")
            }
        };
        reported.push(region.written());
        findings.push(finding);
    }
}

/// The region the set is deployed from, when the code names it: Incident Manager must serve it
/// too. A region a file gives the deployment (a stack's configuration, a SAM environment, a CDK
/// stack's `env`) is reported when no region has its name, where IRL003 stays silent; one AWS
/// has is left to IRL003, which reports it when the set does not include it. `--region` must be
/// a region AWS has.
fn check_deploying_region(
    view: &View,
    set: &ReplicationSet,
    findings: &mut Vec<Finding>,
    reported: &mut Vec<Span>,
) {
    let provider = view.unit.provider(set.provider);
    let region = match &provider.region {
        ProviderRegion::Code(value) => value.known().map(|name| Named::of(value, name)),
        ProviderRegion::Deployment => no_region_named_in_a_file(view.deployment.region.as_ref()),
        ProviderRegion::NativeDeployment => {
            no_region_named_in_a_file(view.deployment.native_region.as_ref())
        }
    };
    let Some(region) = region else {
        return;
    };
    if reported.contains(&region.written()) {
        return;
    }
    let name = region.name;
    let deploys = format!(
        "{} deploys replication set `{}` from",
        provider.name, set.identity
    );
    let finding = match problem(name) {
        None | Some(Problem::OtherPartition(_)) => return,
        Some(Problem::NotServed) => region.finding(
            format!("{deploys} {name}, which Incident Manager does not serve"),
            "not served by Incident Manager",
            None,
        ),
        Some(Problem::Unknown(diagnosis)) => region.finding(
            format!("{deploys} unknown region `{name}`{}", diagnosis.suggestion),
            "no region has this name",
            diagnosis.fix,
        ),
        Some(Problem::PartitionNotOffered(partition)) => {
            not_offered(&region, partition, format!("{deploys} {name}, a region of"))
        }
    };
    reported.push(region.written());
    findings.push(finding);
}

/// A deployment's region that a file names, when no region has its name.
fn no_region_named_in_a_file(region: Option<&DeploymentRegion>) -> Option<Named<'_>> {
    let region = region?;
    match region.span {
        Some(span) if regions::partition_of(&region.name).is_none() => Some(Named {
            name: &region.name,
            used: span,
            definition: None,
        }),
        _ => None,
    }
}

/// A region of a partition that does not offer Incident Manager; `subject` starts the message
/// and ends before the partition's name.
fn not_offered(region: &Named, partition: &Partition, subject: String) -> Finding {
    let mut finding = Finding::new(
        &META,
        region.used,
        format!(
            "{subject} {}, which does not offer Incident Manager",
            partition.name
        ),
    )
    .label(format!("Incident Manager is not offered in {}", partition.name))
    .help(
        "manage incidents from an account of the commercial partition, with regions Incident Manager serves there",
    );
    if let Some(definition) = region.definition {
        finding = finding.related(definition, format!("`{}` is written here", region.name));
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(name: &str) -> (String, Option<&'static str>) {
        let diagnosis = diagnose(name);
        (diagnosis.suggestion, diagnosis.fix)
    }

    #[test]
    fn misspellings_point_at_one_region() {
        for typo in [
            "us-wset-2",
            "us-west2",
            "US-WEST-2",
            " us-west-2",
            "uswest-2",
        ] {
            assert_eq!(
                suggestion(typo),
                (": did you mean us-west-2?".to_owned(), Some("us-west-2")),
                "{typo}"
            );
        }
        assert_eq!(suggestion("us-gov-wset-1").1, Some("us-gov-west-1"));
    }

    #[test]
    fn ties_and_far_names_give_no_fix() {
        assert_eq!(
            suggestion("us-west-3"),
            (": did you mean us-west-1 or us-west-2?".to_owned(), None)
        );
        assert_eq!(
            suggestion("mars-north-1"),
            (
                ": Incident Manager serves no region of that name".to_owned(),
                None
            )
        );
        assert_eq!(suggestion("").1, None);
    }

    #[test]
    fn a_misspelt_region_that_is_not_served_gets_no_fix() {
        let (text, fix) = suggestion("eu-sotuh-1");
        assert_eq!(fix, None);
        assert!(text.contains("eu-south-1"), "{text}");
    }

    #[test]
    fn real_regions_are_not_taken_for_misspellings() {
        assert!(matches!(problem("eu-south-1"), Some(Problem::NotServed)));
        assert!(matches!(
            problem("ap-southeast-3"),
            Some(Problem::NotServed)
        ));
        assert!(matches!(
            problem("cn-north-1"),
            Some(Problem::PartitionNotOffered(_))
        ));
        assert!(matches!(
            problem("us-gov-west-1"),
            Some(Problem::PartitionNotOffered(_))
        ));
        assert!(matches!(
            problem("us-iso-east-1"),
            Some(Problem::OtherPartition(_))
        ));
        assert!(problem("eu-north-1").is_none());
    }
}
