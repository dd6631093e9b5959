use std::collections::HashSet;

use crate::finding::Finding;
use crate::model::{RegionEntry, ReplicationSet, ResolvedRegion, Schema, View};
use crate::rules::Rule;

declare_rule! {
    /// A replication set with more than three regions.
    TooManyRegions {
        id: "IRL010",
        name: "too-many-regions",
        level: Error,
        summary: "A replication set has more than 3 regions",
    }
}

/// The most regions a replication set holds.
const MAX_REGIONS: usize = 3;

impl Rule for TooManyRegions {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        // An entry the deployment may leave out is not certainly one more region.
        let resolved: Vec<(&RegionEntry, ResolvedRegion)> = set
            .listed_regions()
            .iter()
            .filter(|entry| !entry.may_be_absent)
            .map(|entry| (entry, view.region(&entry.name)))
            .collect();
        // CloudFormation's schema (CloudFormation, aws-native) sends every entry of the
        // list; Terraform's (Terraform, and Pulumi's aws package, built on it) sends one
        // region per name, so there only entries whose names certainly differ count. A first
        // entry whose name is not known may be any of the others: it counts alone.
        let counted: Vec<&(&RegionEntry, ResolvedRegion)> = match set.schema {
            Schema::CloudFormation => resolved.iter().collect(),
            Schema::Terraform
                if resolved
                    .first()
                    .is_some_and(|(_, first)| first.name().is_some()) =>
            {
                let mut names = HashSet::new();
                resolved
                    .iter()
                    .filter(|(_, region)| region.name().is_some_and(|name| names.insert(name)))
                    .collect()
            }
            Schema::Terraform => resolved.iter().take(1).collect(),
        };
        let Some((first_extra, _)) = counted.get(MAX_REGIONS) else {
            return;
        };
        let regions: Vec<&ResolvedRegion> = counted.iter().map(|(_, region)| region).collect();
        let names = if regions.contains(&&ResolvedRegion::Unknown) {
            String::new()
        } else {
            let names: Vec<String> = regions.iter().map(|r| view.describe(r)).collect();
            format!(" ({})", names.join(", "))
        };
        let mut finding = Finding::new(
            &META,
            first_extra.span,
            format!(
                "replication set `{}` has {} regions{names}: Incident Manager allows at most {MAX_REGIONS}",
                set.identity,
                counted.len(),
            ),
        )
        .label(format!("a region beyond the limit of {MAX_REGIONS}"))
        .help(format!("keep at most {MAX_REGIONS} regions in the set"));
        for (later, _) in &counted[MAX_REGIONS + 1..] {
            finding = finding.related(later.span, "another region beyond the limit");
        }
        findings.push(finding);
    }
}
