use std::collections::HashSet;

use crate::change::{KeyAfter, RegionKey, SetChange};
use crate::finding::Finding;
use crate::model::{KeyChoice, KeyId, KeyRef, KeyTarget, RegionEntry};
use crate::rules::ChangeRule;

declare_rule! {
    /// A change deletes or disables a customer managed key in the change that deletes the
    /// set, or the region, that the key encrypts.
    KeysRetiredWithSet {
        id: "IRL020",
        name: "keys-retired-with-set",
        level: Error,
        summary: "A change deletes or disables the key of a replication set it deletes (or of a region it removes)",
    }
}

/// What the change does to the data a key encrypts.
enum Retired {
    /// Deletes the whole set.
    Set,
    /// Removes a region of a set it keeps.
    Region(RegionKey),
}

impl ChangeRule for KeysRetiredWithSet {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let Some(base) = &change.base else {
            return;
        };
        let retired: Vec<(&RegionEntry, Retired)> = match &change.head {
            None => (base.set.listed_regions().iter())
                .map(|entry| (entry, Retired::Set))
                .collect(),
            Some(head) => {
                let (Some(before), Some(after)) = (base.regions(), head.regions()) else {
                    return;
                };
                let kept: HashSet<&RegionKey> = after.iter().map(|(key, _)| key).collect();
                let removed: Vec<(RegionKey, &RegionEntry)> = (before.iter())
                    .filter(|(key, _)| !kept.contains(key))
                    .cloned()
                    .collect();
                let listed: HashSet<&RegionKey> = before.iter().map(|(key, _)| key).collect();
                let added = after.iter().filter(|(key, _)| !listed.contains(key));
                // The region a deployment chooses may be the very region named on the other
                // side: whether a region is removed cannot be known.
                let deployed = |key: &RegionKey| matches!(key, RegionKey::Deployed(_));
                if removed
                    .iter()
                    .map(|(key, _)| key)
                    .chain(added.map(|(key, _)| key))
                    .any(deployed)
                {
                    return;
                }
                (removed.into_iter())
                    .map(|(key, entry)| (entry, Retired::Region(key)))
                    .collect()
            }
        };
        let revision = change.revision;
        let mut seen: HashSet<KeyId> = HashSet::new();
        for (entry, retired) in retired {
            let KeyChoice::Customer(KeyRef {
                target: KeyTarget::Declared { key: id, .. },
                ..
            }) = &entry.key
            else {
                continue;
            };
            if !seen.insert(*id) {
                continue;
            }
            let key = base.view.unit.key(*id);
            let (span, done, label) = match change.remains.key(key) {
                KeyAfter::Removed => (
                    key.span,
                    "schedules the deletion of",
                    format!("removed since {revision}, which schedules its deletion"),
                ),
                KeyAfter::Present(now) => match &now.enabled {
                    Some(enabled)
                        if enabled.known() == Some(&false)
                            && key.enabled.as_ref().and_then(|value| value.known())
                                != Some(&false) =>
                    {
                        (enabled.span, "disables", "disabled".to_owned())
                    }
                    _ => continue,
                },
                KeyAfter::Kept | KeyAfter::Unknown => continue,
            };
            let set = &base.set.identity;
            let region = match &retired {
                Retired::Set => base.view.describe(&base.view.region(&entry.name)),
                Retired::Region(region) => region.to_string(),
            };
            let (message, related, first) = match &retired {
                Retired::Set => (
                    format!(
                        "this change deletes replication set `{set}` and {done} key `{}`, which encrypts its region {region}: delete the set first, and retire its keys in a later deployment",
                        key.identity
                    ),
                    (
                        base.set.span,
                        format!("replication set deleted since {revision}"),
                    ),
                    "delete the set",
                ),
                Retired::Region(_) => (
                    format!(
                        "this change removes region {region} of replication set `{set}` and {done} key `{}`, which encrypts it: remove the region first, and retire its key in a later deployment",
                        key.identity
                    ),
                    (
                        entry.span,
                        format!("region {region} removed since {revision}"),
                    ),
                    "remove the region",
                ),
            };
            findings.push(
                Finding::new(&META, span, message)
                    .label(label)
                    .related(related.0, related.1)
                    .help(format!(
                        "keep the key enabled in this change and {first} alone; retire the key once that is deployed: AWS asks to delete the set before disabling or deleting its keys, and a key disabled or pending deletion makes the deletion fail until it is enabled again by hand"
                    )),
            );
        }
    }
}
