use crate::change::SetChange;
use crate::finding::Finding;
use crate::rules::ChangeRule;

declare_rule! {
    /// The set switches between AWS-owned and customer managed keys.
    KeyTypeSwitch {
        id: "IRL007",
        name: "key-type-switch",
        level: Error,
        summary: "A change switches a replication set between AWS-owned and customer managed keys",
    }
}

impl ChangeRule for KeyTypeSwitch {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let Some((base, head)) = change.both() else {
            return;
        };
        let (Some(before), Some(after)) = (base.key_type(), head.key_type()) else {
            return;
        };
        if before == after {
            return;
        }
        let revision = change.revision;
        findings.push(
            Finding::new(
                &META,
                head.set.span,
                format!(
                    "replication set `{}` switches from {before} to {after}: switching key types deletes and recreates the set and all its incident data",
                    head.set.identity
                ),
            )
            .label(format!("uses {after}"))
            .related(base.set.span, format!("uses {before} at {revision}"))
            .help(format!(
                "keep {before} for this set; switch only if losing its incidents, response plans and contacts is intended"
            )),
        );
    }
}
