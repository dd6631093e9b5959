use std::collections::{HashMap, HashSet};

use crate::finding::Finding;
use crate::model::{KeyChoice, KeyId, KeyRef, KeyTarget, ResolvedRegion, View};
use crate::regions;
use crate::rules::{Rule, may_mean_the_same_region, unknown_region};
use crate::source::Span;

declare_rule! {
    /// A customer managed key lives in another region than the region that uses it.
    KeyRegionMismatch {
        id: "IRL005",
        name: "key-region-mismatch",
        level: Error,
        summary: "A region's customer managed key is in another region",
    }
}

impl Rule for KeyRegionMismatch {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        // Found when a comparison needs it: rarely.
        let mut checked_by_irl012: Option<HashSet<Span>> = None;
        for set in view.replication_sets() {
            // The first named region that uses each declared key of a region not known: a key
            // lives in one region, so a second, different region using it is in another region
            // than its key, whichever region the key turns out to be in.
            let mut first_use: HashMap<KeyId, (String, Span)> = HashMap::new();
            for entry in set.listed_regions() {
                let KeyChoice::Customer(key) = &entry.key else {
                    continue;
                };
                let region = view.region(&entry.name);
                let key_region = view.key_region(key);
                match key_region.same_as(&region) {
                    Some(false) => {
                        let checked = checked_by_irl012
                            .get_or_insert_with(|| unknown_region::places_of_names_checked(view));
                        if !left_to_irl012(&region, &key_region, checked) {
                            findings.push(mismatch(
                                view,
                                key,
                                &region,
                                &key_region,
                                entry.name.span,
                            ))
                        }
                    }
                    None if key_region.name().is_none() => {
                        if let (KeyTarget::Declared { key: id, .. }, Some(name)) =
                            (&key.target, region.name())
                        {
                            match first_use.get(id) {
                                None => {
                                    first_use.insert(*id, (name.to_owned(), key.span));
                                }
                                // Regions that may be one, misspelt, are IRL012's.
                                Some((first, first_key))
                                    if !may_mean_the_same_region(first, name) =>
                                {
                                    findings.push(shared(
                                        view,
                                        key,
                                        *id,
                                        name,
                                        entry.name.span,
                                        first,
                                        *first_key,
                                    ));
                                }
                                Some(_) => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Whether two regions that differ by name may be the same region, one of them being a name no
/// region has that IRL012 reports (`us-wset-2` beside a key in us-west-2, a provider region
/// `usw2`): that finding says what to change. A name no region has that IRL012 does not see (a
/// key ARN's) is compared as written.
fn left_to_irl012(
    region: &ResolvedRegion,
    key_region: &ResolvedRegion,
    checked_by_irl012: &HashSet<Span>,
) -> bool {
    let (Some(name), Some(key_name)) = (region.name(), key_region.name()) else {
        return false;
    };
    let reported_if_no_region = |region: &ResolvedRegion| match region {
        ResolvedRegion::Known { name, source } => {
            regions::partition_of(name).is_some()
                || source.is_some_and(|source| checked_by_irl012.contains(&source))
        }
        _ => true,
    };
    may_mean_the_same_region(name, key_name)
        && reported_if_no_region(region)
        && reported_if_no_region(key_region)
}

/// A key whose region is known to differ from the region that uses it.
fn mismatch(
    view: &View,
    key: &KeyRef,
    region: &ResolvedRegion,
    key_region: &ResolvedRegion,
    region_span: Span,
) -> Finding {
    let (region_name, key_region_name) = (view.describe(region), view.describe(key_region));
    let mut finding = Finding::new(
        &META,
        key.span,
        format!(
            "the key of region {region_name} is in {key_region_name}: Incident Manager needs a key in the region it encrypts"
        ),
    )
    .label(format!("a key in {key_region_name}"))
    .related(region_span, format!("used for region {region_name}"))
    .help(format!("use a customer managed key created in {region_name}"));
    if let ResolvedRegion::Known {
        source: Some(source),
        ..
    } = key_region
        && *source != key.span
    {
        finding = finding.related(*source, format!("the key's region is {key_region_name}"));
    }
    finding
}

/// A declared key of a region not known, used by `region` after `first` used it.
fn shared(
    view: &View,
    key: &KeyRef,
    id: KeyId,
    region: &str,
    region_span: Span,
    first: &str,
    first_key: Span,
) -> Finding {
    let declared = view.unit.key(id);
    let key_region = view.describe(&view.region(&declared.region));
    Finding::new(
        &META,
        key.span,
        format!(
            "regions {first} and {region} use the same key `{}`, which lives in one region ({key_region}): at least one of them is in another region than its key",
            declared.identity
        ),
    )
    .label(format!("the key of {first} too"))
    .related(region_span, format!("used for region {region}"))
    .related(first_key, format!("used for region {first}"))
    .related(declared.span, "the key is declared here")
    .help(format!(
        "give each region a customer managed key of its own, created in that region (here, {region})"
    ))
}
