use std::collections::HashSet;

use crate::change::{RegionKey, SetChange};
use crate::finding::Finding;
use crate::rules::{ChangeRule, listing};

declare_rule! {
    /// A change adds and/or removes more than one region of an existing set.
    MultipleRegionChanges {
        id: "IRL002",
        name: "multiple-region-changes",
        level: Error,
        summary: "A change adds or removes more than one region of a replication set",
    }
}

impl ChangeRule for MultipleRegionChanges {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let Some((base, head)) = change.both() else {
            return;
        };
        let (Some(before), Some(after)) = (base.regions(), head.regions()) else {
            return;
        };
        // By hash: a set may list tens of thousands of regions.
        let missing_from = |side: &[(RegionKey, _)], others: &[(RegionKey, _)]| -> Vec<_> {
            let others: HashSet<&RegionKey> = others.iter().map(|(key, _)| key).collect();
            side.iter()
                .filter(|(key, _)| !others.contains(key))
                .cloned()
                .collect()
        };
        let added = missing_from(&after, &before);
        let removed = missing_from(&before, &after);
        // The region a deployment chooses may be the very region named on the other side.
        let undecided = added
            .iter()
            .chain(&removed)
            .any(|(key, _)| matches!(key, RegionKey::Deployed(_)));
        if added.len() + removed.len() < 2 || undecided {
            return;
        }
        let names = |regions: &[(RegionKey, _)]| -> Vec<String> {
            regions.iter().map(|(key, _)| key.to_string()).collect()
        };
        let mut what = Vec::new();
        if !added.is_empty() {
            what.push(format!("adds {}", listing(&names(&added), "and")));
        }
        if !removed.is_empty() {
            what.push(format!("removes {}", listing(&names(&removed), "and")));
        }
        let revision = change.revision;
        let (span, label) = match added.first() {
            Some((_, entry)) => (entry.name.span, format!("added since {revision}")),
            None => (
                head.set.span,
                format!("{} regions removed since {revision}", removed.len()),
            ),
        };
        let mut finding = Finding::new(
            &META,
            span,
            format!(
                "replication set `{}` {}: deploy one region per change",
                head.set.identity,
                what.join(", ")
            ),
        )
        .label(label)
        .help(
            "Incident Manager adds or removes one region per update: split the change into one deployment per region",
        );
        for (_, entry) in added.iter().skip(1) {
            finding = finding.related(entry.name.span, "also added");
        }
        for (key, entry) in &removed {
            finding = finding.related(entry.name.span, format!("{key} is removed"));
        }
        findings.push(finding);
    }
}
