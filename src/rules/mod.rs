//! The rule catalogue. Each rule is one module; [`RULES`] registers them all, and nothing else
//! lists rules.
//!
//! A rule checks either a state (a [`Rule`], run on every unit), a change (a [`ChangeRule`], run
//! with `--base` on every replication set as it was at the base revision and as it is now), or
//! the suppressions written in the source (a [`SuppressionRule`], run once the findings of the
//! others are known).

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::change::{SetChange, SetPair};
use crate::model::{Deployment, ModuleCall, Unit, View};
use crate::source::{FileId, Sources, Span};
use crate::subject::Subject;
use crate::suppress::Suppression;

mod deletion_protection_disabled;
mod deprecated_region_block;
mod duplicate_region;
mod key_changed_in_place;
mod key_disabled;
mod key_not_arn;
mod key_policy_denies_incident_manager;
mod key_region_mismatch;
mod key_type_switch;
mod keys_retired_with_set;
mod mixed_key_types;
mod multiple_region_changes;
mod multiple_replication_sets;
mod protected_set_deleted;
mod provider_region_not_in_set;
mod replication_set_deleted;
mod sensitive_data_in_tags;
mod single_region_unprotected;
mod suppression_without_reason;
mod too_many_regions;
mod unknown_argument;
mod unknown_region;
mod unsupported_key;
mod unused_suppression;

pub use sensitive_data_in_tags::credential_spans;

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

/// A place in the source with a label, shown beside the primary location.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A mechanical fix: replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, in a few words (`replace with us-west-2`).
    pub description: String,
    pub span: Span,
    pub replacement: String,
    /// For a fix that rewrites a string value ([`Finding::string_fix`]), the value as the model
    /// read it, until [`Fix::settle`] has placed the fix on the string's characters.
    pub string_value: Option<String>,
    /// For a fix that rewrites an expression whole ([`Finding::expression_fix`]), the texts it
    /// may be written as, until [`Fix::settle`] has found one of them at the span.
    pub expression: Vec<String>,
}

impl Fix {
    /// Places a string fix, now that the source text is at hand: on the characters of the string
    /// inside its quotes, so that the quoting stays as written. `None` when the source does not
    /// spell the value out as it is (an escape, an interpolation, a concatenation): no edit of
    /// those characters alone would be right. Other fixes are kept as they are.
    pub fn settle(self, sources: &Sources) -> Option<Fix> {
        if !self.expression.is_empty() {
            let written = sources
                .get(self.span.file)
                .text
                .get(self.span.start..self.span.end)?;
            // An argument's span may take in the parentheses of its call (Java's builders).
            let inner = written.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
            let span = match () {
                _ if self.expression.iter().any(|text| text == written) => self.span,
                _ if (self.expression.iter()).any(|text| Some(text.as_str()) == inner) => {
                    Span::new(self.span.file, self.span.start + 1, self.span.end - 1)
                }
                _ => return None,
            };
            return Some(Fix {
                span,
                expression: Vec::new(),
                ..self
            });
        }
        let Some(value) = &self.string_value else {
            return Some(self);
        };
        let span = sources
            .get(self.span.file)
            .string_contents(self.span, value)?;
        Some(Fix {
            span,
            string_value: None,
            ..self
        })
    }
}

/// One violation of a rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub level: Level,
    pub message: String,
    pub span: Span,
    /// Short text under the primary span.
    pub label: String,
    pub related: Vec<Related>,
    /// How to fix it, in one sentence.
    pub help: Option<String>,
    /// The edit that fixes it, when the fix is mechanical.
    pub fix: Option<Fix>,
    /// What it is about, by names that survive edits; the pipeline fills it in from the model
    /// ([`crate::subject`]), rules leave it empty.
    pub subject: Option<Subject>,
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

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            level: rule.level,
            message: message.into(),
            span,
            label: String::new(),
            related: Vec::new(),
            help: None,
            fix: None,
            subject: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(
        mut self,
        description: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            span,
            replacement: replacement.into(),
            string_value: None,
            expression: Vec::new(),
        });
        self
    }

    /// A fix that rewrites the string `value`, written by the expression at `span`, into
    /// `replacement`; the pipeline narrows it to the string's characters ([`Fix::settle`]), so
    /// a rule need not know how the format quotes strings.
    pub fn string_fix(
        mut self,
        description: impl Into<String>,
        span: Span,
        value: &str,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            span,
            replacement: replacement.into(),
            string_value: Some(value.to_owned()),
            expression: Vec::new(),
        });
        self
    }

    /// A fix that replaces the expression at `span` whole, made only where the source writes it
    /// as one of `written` (not through a variable, a concatenation or another spelling the
    /// replacement would not stand for).
    pub fn expression_fix(
        mut self,
        description: impl Into<String>,
        span: Span,
        written: Vec<String>,
        replacement: impl Into<String>,
    ) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            span,
            replacement: replacement.into(),
            string_value: None,
            expression: written,
        });
        self
    }
}

/// A check over the model of one unit in one deployment.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, view: &View, findings: &mut Vec<Finding>);
}

/// A check over one replication set as it was at the base revision and as it is in the working
/// tree, in one deployment.
pub trait ChangeRule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>);
}

/// A check over one suppression of the source, once the findings it covers are known.
pub trait SuppressionRule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, suppression: &Suppression, findings: &mut Vec<Finding>);
}

/// A rule of the catalogue, by what it checks.
#[derive(Clone, Copy)]
pub enum Registered {
    State(&'static dyn Rule),
    Change(&'static dyn ChangeRule),
    Suppression(&'static dyn SuppressionRule),
}

impl Registered {
    pub fn meta(&self) -> &'static RuleMeta {
        match self {
            Registered::State(rule) => rule.meta(),
            Registered::Change(rule) => rule.meta(),
            Registered::Suppression(rule) => rule.meta(),
        }
    }
}

/// Every rule, in id order.
pub static RULES: &[Registered] = &[
    Registered::State(&mixed_key_types::MixedKeyTypes),
    Registered::Change(&multiple_region_changes::MultipleRegionChanges),
    Registered::State(&provider_region_not_in_set::ProviderRegionNotInSet),
    Registered::State(&single_region_unprotected::SingleRegionUnprotected),
    Registered::State(&key_region_mismatch::KeyRegionMismatch),
    Registered::Change(&key_changed_in_place::KeyChangedInPlace),
    Registered::Change(&key_type_switch::KeyTypeSwitch),
    Registered::State(&unsupported_key::UnsupportedKey),
    Registered::State(&key_not_arn::KeyNotArn),
    Registered::State(&too_many_regions::TooManyRegions),
    Registered::State(&duplicate_region::DuplicateRegion),
    Registered::State(&unknown_region::UnknownRegion),
    Registered::State(&multiple_replication_sets::MultipleReplicationSets),
    Registered::State(&sensitive_data_in_tags::SensitiveDataInTags),
    Registered::State(&key_disabled::KeyDisabled),
    Registered::Change(&replication_set_deleted::ReplicationSetDeleted),
    Registered::Change(&deletion_protection_disabled::DeletionProtectionDisabled),
    Registered::State(&deprecated_region_block::DeprecatedRegionBlock),
    Registered::State(&key_policy_denies_incident_manager::KeyPolicyDeniesIncidentManager),
    Registered::Change(&keys_retired_with_set::KeysRetiredWithSet),
    Registered::Change(&protected_set_deleted::ProtectedSetDeleted),
    Registered::State(&unknown_argument::UnknownArgument),
    Registered::Suppression(&suppression_without_reason::SuppressionWithoutReason),
    Registered::Suppression(&unused_suppression::UnusedSuppression),
];

/// The rule with this id or name.
pub fn find(id_or_name: &str) -> Option<&'static Registered> {
    RULES.iter().find(|rule| {
        let meta = rule.meta();
        meta.id.eq_ignore_ascii_case(id_or_name) || meta.name == id_or_name
    })
}

/// Runs every state rule on every deployment of a unit.
pub fn check_unit(unit: &Unit) -> Vec<Finding> {
    let mut findings = merge_deployments(
        unit.deployments
            .iter()
            .map(|deployment| {
                let view = View { unit, deployment };
                // In parallel: a unit of thousands of sets is otherwise checked on one core.
                let found = (RULES.par_iter())
                    .flat_map_iter(|rule| {
                        let mut found = Vec::new();
                        if let Registered::State(rule) = rule {
                            rule.check(&view, &mut found);
                        }
                        found
                    })
                    .collect();
                (deployment, found)
            })
            .collect(),
        |finding| &mut finding.message,
    );
    relate_module_calls(unit, &mut findings);
    findings
}

/// How many module instances a finding in their module's file names as related locations when
/// its message names none: beyond, the list says nothing a reader can use.
const MAX_INSTANCES_RELATED: usize = 8;

/// Names, as related locations, the module calls that create the instances a finding is about:
/// the instance whose address starts an identity the message names
/// (`` `module.a["x"].aws_kms_key.k` ``), else the instances (a few) of the module whose file
/// holds the finding; for each, every call that leads to it, from the outermost.
fn relate_module_calls(unit: &Unit, findings: &mut [Finding]) {
    if unit.module_calls.is_empty() {
        return;
    }
    let by_address: HashMap<&str, &ModuleCall> = (unit.module_calls.iter())
        .map(|call| (call.address.as_str(), call))
        .collect();
    let mut by_file: HashMap<FileId, Vec<&ModuleCall>> = HashMap::new();
    for call in &unit.module_calls {
        for file in &call.files {
            by_file.entry(*file).or_default().push(call);
        }
    }
    for finding in findings {
        let named = finding
            .message
            .split('`')
            .skip(1)
            .step_by(2)
            .find_map(|quoted| {
                // The longest prefix of the quoted identity that is an instance's address (a
                // deployment's name, `Prod`, is one whole).
                let ends = quoted.match_indices(['.', '/']).map(|(at, _)| at);
                let ends = ends.chain([quoted.len()]).rev();
                ends.filter_map(|end| by_address.get(&quoted[..end]).copied())
                    .next()
            });
        let in_file = by_file
            .get(&finding.span.file)
            .map_or(&[][..], Vec::as_slice);
        // The named instance, or the instances within it whose code holds the finding.
        let within: Vec<&ModuleCall>;
        let holding: &[&ModuleCall] = match &named {
            Some(named) => {
                within = (in_file.iter().copied())
                    .filter(|call| {
                        let rest = call.address.strip_prefix(named.address.as_str());
                        rest.is_some_and(|rest| rest.starts_with(['.', '/']))
                    })
                    .collect();
                if within.is_empty() {
                    std::slice::from_ref(named)
                } else {
                    &within
                }
            }
            None => in_file,
        };
        // Of the instances, those whose call passes a value the finding relates (`` `us-wset-2`
        // is written here ``), when there are such.
        let passing: Vec<&ModuleCall> = (holding.iter().copied())
            .filter(|call| finding.related.iter().any(|r| call.block.contains(r.span)))
            .collect();
        let instances = if passing.is_empty() {
            holding
        } else {
            &passing
        };
        if instances.len() > MAX_INSTANCES_RELATED {
            continue;
        }
        let mut related: Vec<&ModuleCall> = Vec::new();
        for instance in instances {
            // The calls leading to an instance are those of the addresses its address extends:
            // `module.a` and `module.a.module.b` for `module.a.module.b`, `Prod` and
            // `Prod/Incidents` for `Prod/Incidents`.
            let address = instance.address.as_str();
            let ends = address.match_indices(['.', '/']).map(|(end, _)| end);
            let leading = ends.chain([address.len()]);
            for call in leading.filter_map(|end| by_address.get(&address[..end])) {
                if !related.iter().any(|known| known.address == call.address) {
                    related.push(call);
                }
            }
        }
        // Instances of one call (its `count` or `for_each`) share its block: one location says
        // them all.
        let mut by_block: Vec<(Span, &str, Vec<&str>)> = Vec::new();
        for call in related {
            match by_block.iter_mut().find(|(span, ..)| *span == call.span) {
                Some((.., addresses)) => addresses.push(&call.address),
                None => by_block.push((call.span, call.verb, vec![&call.address])),
            }
        }
        finding
            .related
            .extend(by_block.into_iter().map(|(span, verb, addresses)| {
                let named = match addresses.as_slice() {
                    [one] => (*one).to_owned(),
                    [first, ..] => match first.rfind('[') {
                        Some(key) => format!("{}[…]", &first[..key]),
                        None => (*first).to_owned(),
                    },
                    [] => String::new(),
                };
                Related {
                    span,
                    message: format!("in `{named}`, {verb} here"),
                }
            }));
    }
}

/// Runs every change rule on a replication set's change, in every deployment.
pub fn check_change(pair: &SetPair) -> Vec<Finding> {
    merge_deployments(
        pair.changes()
            .iter()
            .map(|(deployment, change)| {
                let mut found = Vec::new();
                for rule in RULES {
                    if let Registered::Change(rule) = rule {
                        rule.check(change, &mut found);
                    }
                }
                (*deployment, found)
            })
            .collect(),
        |finding| &mut finding.message,
    )
}

/// Items as prose: `a`, `a and b`, `a, b and c` (or with `or`).
pub(crate) fn listing(items: &[impl AsRef<str>], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", init.join(", "), last.as_ref())
        }
    }
}

/// The regions a region name written in the code may mean: the region itself, when AWS has a
/// region of that name; else the regions it may be a misspelling of, or `None` when it is a
/// misspelling of none, and what was meant cannot be told.
fn meant_regions(name: &str) -> Option<Vec<&str>> {
    if crate::regions::partition_of(name).is_some() {
        return Some(vec![name]);
    }
    Some(crate::regions::nearest(name)).filter(|nearest| !nearest.is_empty())
}

/// Whether two region names may mean the same region: `false` only when they certainly do not,
/// whatever region a name no region has was meant to be. One cause, one finding: a name no
/// region has is IRL012's to report, and a rule that compares regions stays silent when the
/// comparison rests on such a name (`usw2` is not shown to differ from `us-west-2`).
pub(crate) fn may_mean_the_same_region(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (meant_regions(a), meant_regions(b)) {
        (Some(a), Some(b)) => a.iter().any(|region| b.contains(region)),
        _ => true,
    }
}

/// A finding reported alike in every deployment is reported once; one that differs between
/// deployments (or appears in only some) is reported for each, its `message` prefixed with the
/// deployment's name. Unchecked notes are merged so too ([`crate::unchecked`]).
pub(crate) fn merge_deployments<'d, T: Eq + Hash>(
    per_deployment: Vec<(&'d Deployment, Vec<T>)>,
    message: impl Fn(&mut T) -> &mut String,
) -> Vec<T> {
    let found_in: Vec<HashSet<&T>> = match per_deployment.as_slice() {
        // One deployment: every finding is in every deployment, which needs no sets to tell.
        [_] => Vec::new(),
        _ => per_deployment
            .iter()
            .map(|(_, found)| found.iter().collect())
            .collect(),
    };
    let prefixes: Vec<Vec<Option<&'d str>>> = per_deployment
        .iter()
        .map(|&(deployment, ref found)| {
            found
                .iter()
                .map(|finding| match &deployment.name {
                    Some(name) if !found_in.iter().all(|found| found.contains(finding)) => {
                        Some(name.as_str())
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    let mut findings: Vec<T> = per_deployment
        .into_iter()
        .zip(prefixes)
        .flat_map(|((_, found), prefixes)| found.into_iter().zip(prefixes))
        .map(|(mut finding, prefix)| {
            if let Some(name) = prefix {
                let text = message(&mut finding);
                *text = format!("in {name}: {text}");
            }
            finding
        })
        .collect();
    let first: Vec<bool> = {
        let mut reported = HashSet::with_capacity(findings.len());
        findings
            .iter()
            .map(|finding| reported.insert(finding))
            .collect()
    };
    let mut first = first.into_iter();
    findings.retain(|_| first.next().unwrap_or(true));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(listing(&["a"], "and"), "a");
        assert_eq!(listing(&["a", "b"], "and"), "a and b");
        assert_eq!(listing(&["a", "b", "c"], "and"), "a, b and c");
        assert_eq!(listing(&["a", "b", "c"], "or"), "a, b or c");
    }

    #[test]
    fn region_names_no_region_has_may_mean_what_they_misspell() {
        assert!(may_mean_the_same_region("us-west-2", "us-west-2"));
        assert!(!may_mean_the_same_region("us-west-2", "us-east-1"));
        // A misspelling of one region, and a name that misspells none: either may mean it.
        assert!(may_mean_the_same_region("us-wset-2", "us-west-2"));
        assert!(may_mean_the_same_region("usw2", "us-west-2"));
        assert!(may_mean_the_same_region("eu-west-1", "usw2"));
        // A misspelling of another region certainly differs.
        assert!(!may_mean_the_same_region("eu-wset-1", "ap-southeast-2"));
        assert!(may_mean_the_same_region("us-west-3", "us-west-1"));
        assert!(!may_mean_the_same_region("us-west-3", "us-east-1"));
    }

    #[test]
    fn the_catalogue_is_in_id_order() {
        let ids: Vec<_> = RULES.iter().map(|r| r.meta().id).collect();
        assert!(ids.is_sorted(), "{ids:?}");
    }

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.meta().id).collect();
        let mut names: Vec<_> = RULES.iter().map(|r| r.meta().name).collect();
        ids.sort_unstable();
        names.sort_unstable();
        assert!(
            ids.windows(2).all(|w| w[0] != w[1]),
            "duplicate id: {ids:?}"
        );
        assert!(names.windows(2).all(|w| w[0] != w[1]), "duplicate name");
        for rule in RULES {
            let meta = rule.meta();
            assert!(
                meta.id.starts_with("IRL") && meta.id.len() == 6,
                "{}",
                meta.id
            );
            assert!(
                meta.doc
                    .starts_with(&format!("# {}: {}", meta.id, meta.name)),
                "{} document must start with `# {}: {}`",
                meta.id,
                meta.id,
                meta.name
            );
        }
    }

    #[test]
    fn every_document_has_the_required_sections() {
        for rule in RULES {
            let meta = rule.meta();
            for section in [
                "## What it checks",
                "## Why",
                "## Example",
                "## Fix",
                "## References",
            ] {
                assert!(meta.doc.contains(section), "{} lacks {section}", meta.id);
            }
            assert!(
                meta.doc
                    .contains(&format!("Default level: {}", meta.level.as_str())),
                "{} document must state its default level",
                meta.id
            );
        }
    }

    #[test]
    fn documents_are_linked_only_when_the_repository_is_known() {
        assert_eq!(
            document_uri_in("https://github.com/example/irlint/", "IRL005").as_deref(),
            Some("https://github.com/example/irlint/blob/HEAD/rules/IRL005.md")
        );
        assert_eq!(document_uri_in("", "IRL005"), None);
    }

    #[test]
    fn rules_are_found_by_id_or_name() {
        assert_eq!(find("irl001").map(|r| r.meta().id), Some("IRL001"));
        assert_eq!(find("mixed-key-types").map(|r| r.meta().id), Some("IRL001"));
        assert!(find("IRL999").is_none());
    }
}
