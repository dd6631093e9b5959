use crate::finding::Finding;
use crate::model::{Protection, Regions, ReplicationSet, View};
use crate::rules::Rule;

declare_rule! {
    /// Exactly one region and deletion protection not enabled.
    SingleRegionUnprotected {
        id: "IRL004",
        name: "single-region-unprotected",
        level: Warning,
        summary: "A single-region set without deletion protection can lose all incident data",
    }
}

impl Rule for SingleRegionUnprotected {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let Regions::Listed(entries) = &set.regions else {
            return;
        };
        let [only] = entries.as_slice() else {
            return;
        };
        let (span, label, help) = match &set.deletion_protection {
            Protection::Set(value) => match value.known() {
                Some(true) | None => return,
                Some(false) => (
                    value.span,
                    "deletion protection is disabled",
                    "enable deletion protection, or add a second region",
                ),
            },
            Protection::Absent => (
                only.name.span,
                "the only region, unprotected",
                "enable deletion protection, or add a second region",
            ),
            Protection::NotSettable => (
                only.name.span,
                "the only region",
                "add a second region: this resource type cannot enable deletion protection",
            ),
        };
        let region = view.describe(&view.region(&only.name));
        findings.push(
            Finding::new(
                &META,
                span,
                format!(
                    "replication set `{}` has a single region ({region}) and no deletion protection: deleting that region deletes all incident data",
                    set.identity
                ),
            )
            .label(label)
            .help(help),
        );
    }
}
