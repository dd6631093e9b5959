use std::collections::HashMap;

use crate::change::SetChange;
use crate::finding::Finding;
use crate::model::KeyChoice;
use crate::rules::ChangeRule;

declare_rule! {
    /// A region kept by the change gets another customer managed key.
    KeyChangedInPlace {
        id: "IRL006",
        name: "key-changed-in-place",
        level: Error,
        summary: "A change gives a region of a replication set another customer managed key",
    }
}

impl ChangeRule for KeyChangedInPlace {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let Some((base, head)) = change.both() else {
            return;
        };
        let (Some(before), Some(after)) = (base.regions(), head.regions()) else {
            return;
        };
        // Each region's first entry at the base, by hash: a set may list tens of thousands.
        let mut at_base = HashMap::new();
        for (key, entry) in &before {
            at_base.entry(key).or_insert(*entry);
        }
        for (region, entry) in &after {
            let Some(earlier) = at_base.get(region) else {
                continue;
            };
            let (KeyChoice::Customer(old_key), KeyChoice::Customer(new_key)) =
                (&earlier.key, &entry.key)
            else {
                continue;
            };
            let (Some(old), Some(new)) = (base.key_identity(old_key), head.key_identity(new_key))
            else {
                continue;
            };
            if old.same_as(&new) != Some(false) {
                continue;
            }
            let revision = change.revision;
            findings.push(
                Finding::new(
                    &META,
                    new_key.span,
                    format!(
                        "the key of region {region} in replication set `{}` changes from {old} to {new}: Incident Manager cannot change a region's key in place",
                        head.set.identity
                    ),
                )
                .label(format!("another key than at {revision}"))
                .related(old_key.span, format!("the key at {revision}"))
                .help(
                    "remove the region in one change and add it back with the new key in the next; a set with a single region must be deleted and recreated",
                ),
            );
        }
    }
}
