//! What identifies and documents a rule, and how serious its findings are: what every stage
//! (the rules, suppressions, configuration, reports) names a rule by, kept apart from the rule
//! catalogue so that those stages need not import it.

use std::hash::{Hash, Hasher};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The level of this name (`error`, `warning`, `note`).
    pub fn from_name(name: &str) -> Option<Level> {
        [Level::Note, Level::Warning, Level::Error]
            .into_iter()
            .find(|level| level.as_str() == name)
    }
}

/// What identifies and documents a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, `IRL001`.
    pub id: &'static str,
    /// Stable kebab-case name, `mixed-key-types`.
    pub name: &'static str,
    pub level: Level,
    /// One sentence: what the rule finds.
    pub summary: &'static str,
    /// The rule's document (`rules/IRL001.md`), embedded in the binary.
    pub doc: &'static str,
}

/// The project's repository (`Cargo.toml`'s `repository`), empty when it names none.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a repository shows a rule's document, in GitHub's form: the default branch's copy.
fn document_uri_in(repository: &str, id: &str) -> Option<String> {
    let repository = repository.trim_end_matches('/');
    (!repository.is_empty()).then(|| format!("{repository}/blob/HEAD/rules/{id}.md"))
}

impl RuleMeta {
    /// The rule's document in the project's repository, when `Cargo.toml` names one.
    pub fn document_uri(&self) -> Option<String> {
        document_uri_in(REPOSITORY, self.id)
    }

    /// The document's text without its title line.
    pub fn doc_body(&self) -> &'static str {
        let body = self
            .doc
            .strip_prefix('#')
            .and_then(|rest| rest.split_once('\n'))
            .map_or(self.doc, |(_, body)| body);
        body.trim()
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for RuleMeta {}

impl Hash for RuleMeta {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_linked_only_when_the_repository_is_known() {
        assert_eq!(
            document_uri_in("https://github.com/example/irlint/", "IRL005").as_deref(),
            Some("https://github.com/example/irlint/blob/HEAD/rules/IRL005.md")
        );
        assert_eq!(document_uri_in("", "IRL005"), None);
    }
}
