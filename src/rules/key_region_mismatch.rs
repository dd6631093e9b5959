use crate::model::{KeyChoice, ResolvedRegion, View};
use crate::rules::{Finding, Level, Rule, RuleMeta};

/// IRL005: a customer managed key lives in another region than the region that uses it.
pub struct KeyRegionMismatch;

static META: RuleMeta = RuleMeta {
    id: "IRL005",
    name: "key-region-mismatch",
    level: Level::Error,
    summary: "A region's customer managed key is in another region",
    doc: include_str!("../../rules/IRL005.md"),
};

impl Rule for KeyRegionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for set in view.replication_sets() {
            for entry in set.listed_regions() {
                let KeyChoice::Customer(key) = &entry.key else {
                    continue;
                };
                let region = view.region(&entry.name);
                let key_region = view.key_region(key);
                if key_region.same_as(&region) != Some(false) {
                    continue;
                }
                let (region_name, key_region_name) =
                    (view.describe(&region), view.describe(&key_region));
                let mut finding = Finding::new(
                    &META,
                    key.span,
                    format!(
                        "the key of region {region_name} is in {key_region_name}: Incident Manager needs a key in the region it encrypts"
                    ),
                )
                .label(format!("a key in {key_region_name}"))
                .related(entry.name.span, format!("used for region {region_name}"))
                .help(format!("use a customer managed key created in {region_name}"));
                if let ResolvedRegion::Known {
                    source: Some(source),
                    ..
                } = key_region
                    && source != key.span
                {
                    finding =
                        finding.related(source, format!("the key's region is {key_region_name}"));
                }
                findings.push(finding);
            }
        }
    }
}
