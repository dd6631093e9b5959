use crate::model::{Regions, View};
use crate::rules::{Finding, Level, Rule, RuleMeta};

/// IRL003: the deploying provider's region is known and is not one of the set's regions.
pub struct ProviderRegionNotInSet;

static META: RuleMeta = RuleMeta {
    id: "IRL003",
    name: "provider-region-not-in-set",
    level: Level::Error,
    summary: "The region the set is deployed from is not one of its regions",
    doc: include_str!("../../rules/IRL003.md"),
};

impl Rule for ProviderRegionNotInSet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for set in view.replication_sets() {
            let Regions::Listed(entries) = &set.regions else {
                continue;
            };
            let deploy_region = view.provider_region(set.provider);
            let Some(deploy_name) = deploy_region.name() else {
                continue;
            };
            let regions: Vec<_> = entries
                .iter()
                .map(|entry| view.region(&entry.name))
                .collect();
            let certainly_absent = regions
                .iter()
                .all(|region| region.same_as(&deploy_region) == Some(false));
            if entries.is_empty() || !certainly_absent {
                continue;
            }
            let listed: Vec<_> = regions.iter().map(|r| view.describe(r)).collect();
            let provider = view.unit.provider(set.provider);
            let mut finding = Finding::new(
                &META,
                set.span,
                format!(
                    "replication set `{}` is deployed by {} in {deploy_name}, which is not one of its regions ({})",
                    set.identity,
                    provider.name,
                    listed.join(", ")
                ),
            )
            .label(format!("deployed from {deploy_name}"))
            .help(format!(
                "add {deploy_name} to the regions, or deploy the set with a provider of one of its regions"
            ));
            if let crate::model::ResolvedRegion::Known {
                source: Some(source),
                ..
            } = deploy_region
            {
                finding = finding.related(source, format!("the deploying region is {deploy_name}"));
            }
            findings.push(finding);
        }
    }
}
