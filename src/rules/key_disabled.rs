use crate::finding::Finding;
use crate::model::{KeyUse, View};
use crate::rule_meta::{Level, RuleMeta};
use crate::rules::Rule;

/// IRL015: a region uses a key that the code disables.
pub struct KeyDisabled;

static META: RuleMeta = RuleMeta {
    id: "IRL015",
    name: "key-disabled",
    level: Level::Error,
    summary: "A region's customer managed key is disabled",
    doc: include_str!("../../rules/IRL015.md"),
};

impl Rule for KeyDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

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
