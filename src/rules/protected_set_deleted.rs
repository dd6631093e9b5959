use crate::change::SetChange;
use crate::finding::Finding;
use crate::model::Protection;
use crate::rules::ChangeRule;

declare_rule! {
    /// A set whose deletion protection is enabled at the base revision is deleted.
    ProtectedSetDeleted {
        id: "IRL021",
        name: "protected-set-deleted",
        level: Error,
        summary: "A change deletes a replication set whose deletion protection is enabled",
    }
}

impl ChangeRule for ProtectedSetDeleted {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let (Some(base), None) = (&change.base, &change.head) else {
            return;
        };
        // Protection enabled at the base revision is what the deployed set has.
        let Protection::Set(enabled) = &base.set.deletion_protection else {
            return;
        };
        if enabled.known() != Some(&true) {
            return;
        }
        let revision = change.revision;
        findings.push(
            Finding::new(
                &META,
                base.set.span,
                format!(
                    "replication set `{}` has deletion protection enabled at {revision} and is deleted by this change: Incident Manager refuses to delete its last region, and the deployment fails",
                    base.set.identity
                ),
            )
            .label(format!("deleted since {revision}"))
            .related(enabled.span, format!("deletion protection enabled at {revision}"))
            .help(
                "turn deletion protection off in a deployment of its own first, then delete the set in the next",
            ),
        );
    }
}
