use crate::finding::Finding;
use crate::model::{KeyChoice, ReplicationSet, View};
use crate::rules::Rule;

declare_rule! {
    /// Some regions use a customer managed key and others the AWS-owned key.
    MixedKeyTypes {
        id: "IRL001",
        name: "mixed-key-types",
        level: Error,
        summary: "Some regions use a customer managed key and others the AWS-owned key",
    }
}

impl Rule for MixedKeyTypes {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let entries = set.listed_regions();
        let aws_owned: Vec<_> = entries
            .iter()
            .filter(|entry| matches!(entry.key, KeyChoice::AwsOwned))
            .collect();
        let customer: Vec<_> = entries
            .iter()
            .filter_map(|entry| match &entry.key {
                KeyChoice::Customer(key) => Some((entry, key)),
                _ => None,
            })
            .collect();
        let (Some(first_aws_owned), false) = (aws_owned.first(), customer.is_empty()) else {
            return;
        };
        let names = |entries: &mut dyn Iterator<Item = &crate::model::RegionEntry>| {
            entries
                .map(|entry| view.describe(&view.region(&entry.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = format!(
            "replication set `{}` mixes key types: {} use{} the AWS-owned key, {} a customer managed key",
            set.identity,
            names(&mut aws_owned.iter().copied()),
            if aws_owned.len() == 1 { "s" } else { "" },
            names(&mut customer.iter().map(|(entry, _)| *entry)),
        );
        let mut finding = Finding::new(&META, first_aws_owned.name.span, message)
            .label("this region uses the AWS-owned key")
            .help("give every region a customer managed key of its own region, or none of them");
        for (_, key) in &customer {
            finding = finding.related(key.span, "a customer managed key");
        }
        findings.push(finding);
    }
}
