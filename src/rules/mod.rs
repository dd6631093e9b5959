//! The rule catalogue. Each rule is one module; [`RULES`] registers them all, and nothing else
//! lists rules.
//!
//! A rule checks either a state (a [`Rule`], run on every unit), a change (a [`ChangeRule`], run
//! with `--base` on every replication set as it was at the base revision and as it is now), or
//! the suppressions written in the source (a [`SuppressionRule`], run once the findings of the
//! others are known).
//!
//! A rule file declares its rule once, with `declare_rule!`, and implements one of the three
//! traits:
//!
//! ```ignore
//! declare_rule! {
//!     /// What the rule finds, for the reader of the code.
//!     MixedKeyTypes {
//!         id: "IRL001",
//!         name: "mixed-key-types",
//!         level: Error,
//!         summary: "Some regions use a customer managed key and others the AWS-owned key",
//!     }
//! }
//!
//! impl Rule for MixedKeyTypes {
//!     fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
//!         // … findings.push(Finding::new(&META, span, message)) …
//!     }
//! }
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use rayon::prelude::*;

use crate::change::{SetChange, SetPair};
use crate::finding::{Finding, Related};
use crate::model::{Deployment, ModuleCall, ReplicationSet, Unit, View};
use crate::rule_meta::RuleMeta;
use crate::source::{FileId, Span};
use crate::suppress::{Effect, Suppression};

/// Declares a rule: its unit struct, its `META` (which the rule's findings name, as
/// `Finding::new(&META, …)`) and its [`Described`] implementation. The id, name, level and summary
/// are written once, here; the document is `rules/<id>.md`, found from the id so that the two
/// cannot disagree.
macro_rules! declare_rule {
    (
        $(#[$attribute:meta])*
        $rule:ident {
            id: $id:literal,
            name: $name:literal,
            level: $level:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[$attribute])*
        ///
        #[doc = concat!("Rule `", $id, "` (`", $name, "`), documented in `rules/", $id, ".md`.")]
        pub struct $rule;

        static META: $crate::rule_meta::RuleMeta = $crate::rule_meta::RuleMeta {
            id: $id,
            name: $name,
            level: $crate::rule_meta::Level::$level,
            summary: $summary,
            // Relative to the rule's file, which calls this macro from `src/rules/`.
            doc: include_str!(concat!("../../rules/", $id, ".md")),
        };

        impl $crate::rules::Described for $rule {
            fn meta(&self) -> &'static $crate::rule_meta::RuleMeta {
                &META
            }
        }
    };
}

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

/// What every rule is: its identity and document. `declare_rule!` implements it.
pub trait Described {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check over the model of one unit in one deployment.
///
/// Most rules look at each replication set alone: they implement [`Rule::check_set`], and the
/// default [`Rule::check`] calls it for every set of the deployment. A rule that looks at the
/// unit as a whole (compares sets, carries what it learnt from one set to the next, or reads the
/// unit's keys) implements [`Rule::check`] instead. A rule that implements neither finds nothing:
/// `tests/rule_docs.rs` catches that, since each rule's documented example must fire it.
pub trait Rule: Described + Sync {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for set in view.replication_sets() {
            self.check_set(view, set, findings);
        }
    }

    /// Checks one replication set of the deployment; called only by the default [`Rule::check`].
    fn check_set(&self, _view: &View, _set: &ReplicationSet, _findings: &mut Vec<Finding>) {}
}

/// A check over one replication set as it was at the base revision and as it is in the working
/// tree, in one deployment.
pub trait ChangeRule: Described + Sync {
    fn check(&self, change: &SetChange, findings: &mut Vec<Finding>);
}

/// A check over one suppression of the source, once the findings it covers are known.
pub trait SuppressionRule: Described + Sync {
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

/// Runs the rules about suppressions on every suppression of the source, once the findings they
/// cover are known.
pub fn check_suppressions(suppressions: &[Suppression]) -> Vec<Finding> {
    let mut found = Vec::new();
    for suppression in suppressions {
        for rule in RULES {
            if let Registered::Suppression(rule) = rule {
                rule.check(suppression, &mut found);
            }
        }
    }
    found
}

/// What a rule name written in a suppression stands for ([`crate::suppress::ResolveName`]): the
/// rule, and whether its findings are ones a suppression can take out.
pub fn named_in_suppression(name: &str) -> (Option<&'static RuleMeta>, Effect) {
    let registered = find(name);
    let effect = match registered {
        None => Effect::UnknownRule,
        Some(Registered::Suppression(_)) => Effect::SuppressionRule,
        Some(_) => Effect::Unused,
    };
    (registered.map(Registered::meta), effect)
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
    fn rules_are_found_by_id_or_name() {
        assert_eq!(find("irl001").map(|r| r.meta().id), Some("IRL001"));
        assert_eq!(find("mixed-key-types").map(|r| r.meta().id), Some("IRL001"));
        assert!(find("IRL999").is_none());
    }

    #[test]
    fn names_in_suppressions_resolve_to_rules() {
        let resolved = |name: &str| {
            let (rule, effect) = named_in_suppression(name);
            (rule.map(|meta| meta.id), effect)
        };
        assert_eq!(resolved("irl004"), (Some("IRL004"), Effect::Unused));
        assert_eq!(
            resolved("mixed-key-types"),
            (Some("IRL001"), Effect::Unused)
        );
        assert_eq!(resolved("IRL999"), (None, Effect::UnknownRule));
        assert_eq!(
            resolved("IRL901"),
            (Some("IRL901"), Effect::SuppressionRule)
        );
    }
}
