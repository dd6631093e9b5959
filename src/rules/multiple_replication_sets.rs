use crate::finding::Finding;
use crate::model::View;
use crate::rules::Rule;

declare_rule! {
    /// A deployment unit creates more than one replication set.
    MultipleReplicationSets {
        id: "IRL013",
        name: "multiple-replication-sets",
        level: Error,
        summary: "A deployment unit creates more than one replication set",
    }
}

const HELP: &str = "keep one replication set per account: list all regions in one set, or deploy the others to other accounts";

impl Rule for MultipleReplicationSets {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        // Declarations that may create no set (a condition, an unknown count) do not count.
        let mut created = view.replication_sets().filter_map(|set| {
            let count = *set.instances.known()?;
            (count > 0).then_some((set, count))
        });
        let Some((first, count)) = created.next() else {
            return;
        };
        if count > 1 {
            let message = format!(
                "`{}` creates {count} replication sets: an account holds only one, so creating the others fails",
                first.identity
            );
            let mut finding = Finding::new(&META, first.instances.span, message)
                .label(format!("{count} replication sets"))
                .help(HELP);
            if let Some(definition) = first.instances.definition() {
                finding = finding.related(definition, format!("the count, {count}, is set here"));
            }
            findings.push(finding);
        }
        for (set, _) in created {
            findings.push(
                Finding::new(
                    &META,
                    set.span,
                    format!(
                        "replication set `{}` is another set besides `{}`: an account holds only one, so creating it fails",
                        set.identity, first.identity
                    ),
                )
                .label("another replication set")
                .related(first.span, "the first replication set")
                .help(HELP),
            );
        }
    }
}
