use crate::finding::Finding;
use crate::rules::SuppressionRule;
use crate::suppress::{Effect, Form, Suppression};

declare_rule! {
    /// A suppression that suppresses nothing.
    UnusedSuppression {
        id: "IRL901",
        name: "unused-suppression",
        level: Warning,
        summary: "A suppression that suppresses nothing hides the next real finding",
    }
}

impl SuppressionRule for UnusedSuppression {
    fn check(&self, suppression: &Suppression, findings: &mut Vec<Finding>) {
        if suppression.rules.is_empty() {
            let (message, help) = match suppression.form {
                Form::Comment => (
                    "this `irlint:` comment is not a suppression irlint understands",
                    "write `irlint: ignore[IRL004] <reason>`, with one or more rule ids",
                ),
                Form::Metadata => (
                    "this `Metadata.irlint` entry names no rule",
                    "write `irlint: { ignore: [ { rule: IRL004, reason: <reason> } ] }`",
                ),
            };
            findings.push(
                Finding::new(&META, suppression.span, message)
                    .label("not understood")
                    .help(help),
            );
            return;
        }
        for named in &suppression.rules {
            let rule = match named.rule {
                Some(meta) => format!("{} ({})", meta.id, meta.name),
                None => format!("`{}`", named.name),
            };
            let (message, label) = match named.effect {
                Effect::Suppressed | Effect::NotChecked => continue,
                Effect::Unused => (
                    format!(
                        "the suppression of {rule} suppresses nothing: no such finding is here"
                    ),
                    "suppresses nothing",
                ),
                Effect::UnknownRule => (
                    format!("{rule} names no rule, so it suppresses nothing"),
                    "no such rule",
                ),
                Effect::SuppressionRule => (
                    format!(
                        "{rule} reports suppressions themselves and cannot be suppressed in the \
                         source"
                    ),
                    "cannot be suppressed here",
                ),
            };
            let help = match named.effect {
                Effect::SuppressionRule => {
                    "remove it from the suppression; to turn the rule off, `ignore` it in irlint.toml"
                }
                _ => {
                    "remove it from the suppression (and the suppression, if it names nothing else)"
                }
            };
            findings.push(
                Finding::new(&META, named.span, message)
                    .label(label)
                    .help(help),
            );
        }
    }
}
