use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::{Engine, ReplicationSet, Schema, View};
use crate::rules::Rule;

declare_rule! {
    /// A replication set lists the same region twice.
    DuplicateRegion {
        id: "IRL011",
        name: "duplicate-region",
        level: Error,
        summary: "A replication set lists the same region twice",
    }
}

impl Rule for DuplicateRegion {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let consequence = match (set.schema, view.unit.engine) {
            // The provider sends the regions as a map keyed by name.
            (Schema::Terraform, Engine::Terraform) => {
                "Terraform merges the entries into one region, with one of their keys"
            }
            _ => "a replication set holds each region once",
        };
        let entries = set.listed_regions();
        let regions: Vec<_> = entries
            .iter()
            .map(|entry| view.region(&entry.name))
            .collect();
        // The first entry of each region, found by hash: a set may list tens of thousands.
        let mut first_of = HashMap::new();
        for (later, region) in regions.iter().enumerate() {
            let Some(identity) = region.identity() else {
                continue;
            };
            let first = *first_of.entry(identity).or_insert(later);
            if first == later {
                continue;
            }
            let name = view.describe(region);
            let (first, later) = (&entries[first], &entries[later]);
            // Entries a `dynamic` block generates share the name's expression: each is
            // shown by its element instead.
            let (first_span, later_span) = if first.name.span == later.name.span {
                (first.span, later.span)
            } else {
                (first.name.span, later.name.span)
            };
            findings.push(
                Finding::new(
                    &META,
                    later_span,
                    format!(
                        "replication set `{}` lists {name} twice: {consequence}",
                        set.identity
                    ),
                )
                .label(format!("{name} again"))
                .related(first_span, format!("{name} first"))
                .help("remove one of the two entries"),
            );
        }
    }
}
