use crate::change::SetChange;
use crate::finding::Finding;
use crate::model::Protection;
use crate::rules::ChangeRule;

declare_rule! {
    /// Deletion protection is enabled at the base revision and not in the working tree.
    DeletionProtectionDisabled {
        id: "IRL017",
        name: "deletion-protection-disabled",
        level: Warning,
        summary: "A change disables the deletion protection of a replication set",
    }
}

impl ChangeRule for DeletionProtectionDisabled {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>) {
        let Some((base, head)) = change.both() else {
            return;
        };
        let Protection::Set(enabled) = &base.set.deletion_protection else {
            return;
        };
        if enabled.known() != Some(&true) {
            return;
        }
        let (span, label) = match &head.set.deletion_protection {
            Protection::Absent => (head.set.span, "deletion protection is no longer set"),
            Protection::Set(value) if value.known() == Some(&false) => {
                (value.span, "deletion protection is disabled")
            }
            _ => return,
        };
        let revision = change.revision;
        findings.push(
            Finding::new(
                &META,
                span,
                format!(
                    "replication set `{}` has deletion protection enabled at {revision} and not any more: deleting its last region would delete all incident data",
                    head.set.identity
                ),
            )
            .label(label)
            .related(enabled.span, format!("enabled at {revision}"))
            .help("keep deletion protection enabled"),
        );
    }
}
