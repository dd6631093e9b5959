use crate::change::SetChange;
use crate::finding::Finding;
use crate::rules::ChangeRule;

declare_rule! {
    /// The set exists at the base revision and is gone from the working tree.
    ReplicationSetDeleted {
        id: "IRL016",
        name: "replication-set-deleted",
        level: Error,
        summary: "A change deletes a replication set and with it all incident data",
    }
}

impl ChangeRule for ReplicationSetDeleted {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let (Some(base), None) = (&change.base, &change.head) else {
            return;
        };
        let revision = change.revision;
        findings.push(
            Finding::new(
                &META,
                base.set.span,
                format!(
                    "replication set `{}` exists at {revision} and is deleted by this change: deleting it deletes all incident data (incidents, response plans, contacts, escalation plans)",
                    base.set.identity
                ),
            )
            .label(format!("deleted since {revision}"))
            .help(
                "keep the set; if it was renamed, keep its former name; if the deletion is intended, export the incident data first and suppress this finding with the reason (`irlint: ignore[IRL016] …` where the set was)",
            ),
        );
    }
}
