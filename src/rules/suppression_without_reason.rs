use crate::finding::Finding;
use crate::rules::SuppressionRule;
use crate::suppress::{Form, Suppression};

declare_rule! {
    /// A suppression that does not say why.
    SuppressionWithoutReason {
        id: "IRL900",
        name: "suppression-without-reason",
        level: Warning,
        summary: "A suppression must say why the finding does not apply",
    }
}

impl SuppressionRule for SuppressionWithoutReason {
    fn check(&self, suppression: &Suppression, findings: &mut Vec<Finding>) {
        if suppression.reason.is_some() || suppression.rules.is_empty() {
            return;
        }
        let names: Vec<&str> = suppression
            .rules
            .iter()
            .map(|rule| rule.name.as_str())
            .collect();
        let help = match suppression.form {
            Form::Comment => format!(
                "write the reason after the brackets: `irlint: ignore[{}] <why it does not apply>`",
                names.join(",")
            ),
            Form::Metadata => "give the entry a `reason`: `{ rule, reason }`".to_owned(),
        };
        findings.push(
            Finding::new(
                &META,
                suppression.span,
                format!("the suppression of {} gives no reason", names.join(", ")),
            )
            .label("no reason")
            .help(help),
        );
    }
}
