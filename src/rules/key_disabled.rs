use crate::finding::Finding;
use crate::model::{KeyUse, View};
use crate::rules::Rule;

declare_rule! {
    /// A region uses a key that the code disables.
    KeyDisabled {
        id: "IRL015",
        name: "key-disabled",
        level: Error,
        summary: "A region's customer managed key is disabled",
    }
}

impl Rule for KeyDisabled {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for KeyUse {
            entry,
            reference,
            key,
            ..
        } in view.declared_key_uses()
        {
            let Some(enabled) = &key.enabled else {
                continue;
            };
            if enabled.known() != Some(&false) {
                continue;
            }
            let region = view.describe(&view.region(&entry.name));
            let mut finding = Finding::new(
                &META,
                reference.span,
                format!(
                    "{region} uses key `{}`, which is disabled: Incident Manager cannot encrypt with it",
                    key.identity
                ),
            )
            .label("a disabled key")
            .related(enabled.span, "the key is disabled here")
            .help("enable the key, or use an enabled key of the same region");
            if let Some(definition) = enabled.definition() {
                finding = finding.related(definition, "the value that disables it");
            }
            findings.push(finding);
        }
    }
}
