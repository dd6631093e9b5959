//! What could not be checked. Rules stay silent on values they cannot know (a parameter without
//! a default, a key read from configuration at deployment, a stack without a region); so that
//! silence does not read as a pass, this finds, from the model alone, each unknown value some
//! rule needed, and says why it is unknown, in the front-end's words.
//!
//! A unit is looked at in each of its deployments, as rules look at it: a note that holds in
//! every deployment is one note, one that holds in only some names the deployment. What a
//! front-end could not read at all ([`Unit::unread`]) is added as it is.
//!
//! Each note names the rules its value keeps from deciding, so that a run reports it only where
//! one of them runs.

use std::collections::HashSet;

use crate::model::{
    Format, KeyChoice, KeyId, KeyTarget, Protection, ProviderId, ProviderRegion, Region, Regions,
    ReplicationSet, ResolvedRegion, Unchecked, Unit, Value, ValueKind, View,
};
use crate::source::Span;

/// What reports name these notes by where a finding names its rule: `note[unchecked]`.
pub const CODE: &str = "unchecked";

// The rules each kind of unknown value keeps from deciding, by id: a note is reported where one
// of them runs. Each list errs on the side of more rules: a note too many is noise, a note too
// few a silence that reads as a pass.
/// The rules that read the regions of a set (which, where a provider's region stands in, the
/// provider's region decides).
const REGIONS: &[&str] = &[
    "IRL001", "IRL002", "IRL003", "IRL004", "IRL005", "IRL006", "IRL007", "IRL008", "IRL009",
    "IRL010", "IRL011", "IRL012", "IRL015", "IRL019", "IRL020",
];
/// The rules that read the key a region uses.
const KEYS: &[&str] = &[
    "IRL001", "IRL005", "IRL006", "IRL007", "IRL008", "IRL009", "IRL015", "IRL019", "IRL020",
];
/// The rules that read the attributes of a declared key, each attribute's apart.
const KEY_ATTRIBUTES: &[&str] = &["IRL005", "IRL008", "IRL015", "IRL019"];
const KEY_REGION: &[&str] = &["IRL005"];
const KEY_KIND: &[&str] = &["IRL008"];
const KEY_ENABLED: &[&str] = &["IRL015"];
const KEY_POLICY: &[&str] = &["IRL019"];
const PROTECTION: &[&str] = &["IRL004", "IRL017", "IRL021"];
const TAGS: &[&str] = &["IRL014"];
const INSTANCES: &[&str] = &["IRL013"];
const PROVIDER_VERSION: &[&str] = &["IRL018"];
const ARGUMENTS: &[&str] = &["IRL022"];

/// What makes a deployment's region known, when neither its code nor the command line says it:
/// where the format itself says it, else `--region` or the configuration.
fn deploy_region_hint(format: Format, native: bool) -> &'static str {
    match format {
        Format::CloudFormation => {
            "deploy it with a samconfig.toml that names the region, pass --region, or set `region` in irlint.toml"
        }
        Format::Terraform | Format::TerraformPlan => {
            "set the provider's `region`, pass --region, or set `region` in irlint.toml"
        }
        Format::CdkTypeScript | Format::CdkPython => {
            "give the stack an `env` with a region, pass --region, or set `region` in irlint.toml"
        }
        _ if native => {
            "set `aws-native:region` in a stack file (Pulumi.<stack>.yaml), pass --region, or set `region` in irlint.toml"
        }
        _ => {
            "set `aws:region` in a stack file (Pulumi.<stack>.yaml), pass --region, or set `region` in irlint.toml"
        }
    }
}

/// The checks that could not be made on a unit's replication sets, one note per unknown value
/// and what it keeps unchecked, then what the front-end could not read.
pub fn of_unit(unit: &Unit) -> Vec<Unchecked> {
    let per_deployment = (unit.deployments.iter())
        .map(|deployment| {
            let view = View { unit, deployment };
            let mut notes = Notes {
                view: &view,
                found: Vec::new(),
                providers: HashSet::new(),
            };
            for set in view.replication_sets() {
                notes.set(set);
            }
            (deployment, notes.found)
        })
        .collect();
    let mut notes =
        crate::rules::merge_deployments(per_deployment, |note: &mut Unchecked| &mut note.what);
    notes.extend(unit.unread.iter().cloned());
    // One note per value and what it leaves unchecked: a value that module instances or stacks
    // share reads alike wherever it is used.
    let mut seen: HashSet<(Span, String)> = HashSet::with_capacity(notes.len());
    notes.retain(|note| seen.insert((note.span, note.what.clone())));
    notes
}

/// The notes of one deployment.
struct Notes<'v, 'a> {
    view: &'v View<'a>,
    found: Vec<Unchecked>,
    /// The providers whose region is noted already: one note says it for every set, region and
    /// key it deploys.
    providers: HashSet<ProviderId>,
}

/// Why a value is unknown, when it is.
fn unknown<T>(value: &Value<T>) -> Option<&str> {
    match &value.kind {
        ValueKind::Unknown(reason) => Some(&reason.0),
        _ => None,
    }
}

/// Where a value is, and why it is unknown, when it is.
fn unknown_at<T>(value: &Value<T>) -> Option<(Span, &str)> {
    Some((value.span, unknown(value)?))
}

impl Notes<'_, '_> {
    fn push(&mut self, span: Span, rules: &'static [&'static str], what: String, reason: &str) {
        self.found
            .push(Unchecked::new(span, what, reason).concerning(rules));
    }

    /// A note on `value` when it is unknown, concerning `rules`.
    fn value<T>(
        &mut self,
        value: &Value<T>,
        rules: &'static [&'static str],
        what: impl FnOnce() -> String,
    ) {
        if let Some(reason) = unknown(value) {
            self.push(value.span, rules, what(), reason);
        }
    }

    fn set(&mut self, set: &ReplicationSet) {
        let unit = self.view.unit;
        // What deploys the set, for IRL003 (and IRL005 where keys are in its region).
        self.provider(set.provider, set.span);
        // IRL022 says a required argument is missing only when it saw every argument.
        if let Some(given) = &set.arguments
            && !given.arguments.complete
        {
            self.push(
                given.arguments.span,
                ARGUMENTS,
                "whether the set lacks a required argument is unknown".to_owned(),
                "some of its arguments are not written out here (a spread, `**kwargs`, an object irlint cannot follow)",
            );
        }
        match &set.regions {
            Regions::Unknown(regions) => self.value(regions, REGIONS, || {
                "the set's regions are unknown".to_owned()
            }),
            Regions::Listed(entries) => {
                for entry in entries {
                    match entry.name.known() {
                        Some(Region::OfProvider(provider)) => self.provider(*provider, entry.span),
                        Some(Region::Named(_)) => {}
                        None => self.value(&entry.name, REGIONS, || {
                            "a region's name is unknown".to_owned()
                        }),
                    }
                    self.key(&entry.key, &entry.name);
                }
            }
        }
        if let Protection::Set(protection) = &set.deletion_protection {
            self.value(protection, PROTECTION, || {
                "whether the set is protected from deletion is unknown".to_owned()
            });
        }
        for tag in &set.tags {
            self.value(&tag.key, TAGS, || "a tag's key is unknown".to_owned());
            let what = match tag.key.known() {
                Some(key) => format!("the value of tag `{key}` is unknown"),
                None => "a tag's value is unknown".to_owned(),
            };
            self.value(&tag.value, TAGS, || what);
        }
        self.value(&set.instances, INSTANCES, || {
            format!("how many sets `{}` creates is unknown", set.identity)
        });
        // IRL018 tells a deprecated `region` block from a valid one by the provider version the
        // module requires.
        let syntax = &set.region_syntax;
        if !syntax.deprecated.is_empty()
            && syntax.current.is_empty()
            && let Some(version) = &unit.aws_provider_major
        {
            self.value(version, PROVIDER_VERSION, || {
                "the AWS provider version the module requires is unknown".to_owned()
            });
        }
    }

    /// A note when the region a provider deploys to is unknown in this deployment: at the
    /// value that sets it, else at the provider, else at what it deploys (`at`).
    fn provider(&mut self, id: ProviderId, at: Span) {
        let known = !matches!(self.view.provider_region(id), ResolvedRegion::Provider(_));
        if known || !self.providers.insert(id) {
            return;
        }
        let provider = self.view.unit.provider(id);
        match &provider.region {
            ProviderRegion::Code(region) => self.value(region, REGIONS, || {
                format!("the region of {} is unknown", provider.name)
            }),
            ProviderRegion::Deployment | ProviderRegion::NativeDeployment => self.push(
                provider.span.unwrap_or(at),
                REGIONS,
                "the deploy region is unknown".to_owned(),
                deploy_region_hint(
                    self.view.unit.format,
                    matches!(provider.region, ProviderRegion::NativeDeployment),
                ),
            ),
        }
    }

    /// A note when the key a region uses is unknown, or a declared key's attribute that rules
    /// read. A key id or alias instead of an ARN is IRL009's finding, whatever it names.
    fn key(&mut self, key: &KeyChoice, region: &Value<Region>) {
        let view = self.view;
        // Named only for a note: a set may have thousands of regions.
        let what = || match view.region(region) {
            ResolvedRegion::Known { name, .. } => format!("the key of region `{name}` is unknown"),
            ResolvedRegion::Provider(id) => {
                format!(
                    "the key of the region of {} is unknown",
                    view.unit.provider(id).name
                )
            }
            ResolvedRegion::Unknown => "the key of a region is unknown".to_owned(),
        };
        match key {
            KeyChoice::AwsOwned => {}
            KeyChoice::Unknown(choice) => self.value(choice, KEYS, what),
            KeyChoice::Customer(reference) => match &reference.target {
                KeyTarget::Arn(arn) => self.value(arn, KEYS, what),
                KeyTarget::Unknown(reason) => self.push(reference.span, KEYS, what(), &reason.0),
                KeyTarget::Declared { key, .. } => self.declared_key(*key),
                KeyTarget::IdOrAlias(_) => {}
            },
        }
    }

    fn declared_key(&mut self, id: KeyId) {
        let key = self.view.unit.key(id);
        let name = &key.identity;
        if let Some(Region::OfProvider(provider)) = key.region.known() {
            self.provider(*provider, key.span);
        }
        // Not its custom key store: set to anything, even what cannot be known, it is IRL008's
        // finding.
        let unknowns = [
            ("region", KEY_REGION, unknown_at(&key.region)),
            ("key spec", KEY_KIND, key.spec.as_ref().and_then(unknown_at)),
            (
                "key usage",
                KEY_KIND,
                key.usage.as_ref().and_then(unknown_at),
            ),
            ("origin", KEY_KIND, key.origin.as_ref().and_then(unknown_at)),
            (
                "enabled state",
                KEY_ENABLED,
                key.enabled.as_ref().and_then(unknown_at),
            ),
            (
                "policy",
                KEY_POLICY,
                key.policy.as_ref().and_then(unknown_at),
            ),
        ];
        // Attributes unknown for one reason at one place (a key whose arguments are unknown as a
        // whole) are one note, which concerns the rules of each.
        let mut alike: Vec<(Span, &str, Vec<&str>, &'static [&'static str])> = Vec::new();
        for (attribute, rules, (span, reason)) in (unknowns.into_iter())
            .filter_map(|(attribute, rules, at)| Some((attribute, rules, at?)))
        {
            match alike
                .iter_mut()
                .find(|(s, r, ..)| *s == span && *r == reason)
            {
                Some((_, _, attributes, concerned)) => {
                    attributes.push(attribute);
                    if *concerned != rules {
                        *concerned = KEY_ATTRIBUTES;
                    }
                }
                None => alike.push((span, reason, vec![attribute], rules)),
            }
        }
        for (span, reason, attributes, rules) in alike {
            let verb = if attributes.len() == 1 { "is" } else { "are" };
            let attributes = crate::rules::listing(&attributes, "and");
            self.push(
                span,
                rules,
                format!("the {attributes} of key `{name}` {verb} unknown"),
                reason,
            );
        }
        let Some(policy) = &key.policy else {
            return;
        };
        for statement in policy.known().map_or(&[][..], |policy| &policy.statements) {
            self.value(&statement.effect, KEY_POLICY, || {
                format!("the effect of a statement in the policy of key `{name}` is unknown")
            });
            self.value(&statement.actions, KEY_POLICY, || {
                format!("the actions of a statement in the policy of key `{name}` are unknown")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{self, Registered};

    /// Each list names rules of the catalogue that check the code (not suppressions): a typo
    /// would keep a note from ever being reported for its rule.
    #[test]
    fn notes_concern_rules_of_the_catalogue() {
        let lists = [
            REGIONS,
            KEYS,
            KEY_ATTRIBUTES,
            KEY_REGION,
            KEY_KIND,
            KEY_ENABLED,
            KEY_POLICY,
            PROTECTION,
            TAGS,
            INSTANCES,
            PROVIDER_VERSION,
            ARGUMENTS,
        ];
        for id in lists.into_iter().flatten() {
            let rule = rules::find(id);
            assert!(
                matches!(rule, Some(Registered::State(_) | Registered::Change(_))),
                "{id} is no rule that checks the code"
            );
            assert_eq!(rule.map(|rule| rule.meta().id), Some(*id), "{id} is an id");
        }
        // A note on several attributes of a key concerns the rules of each.
        for attribute in [KEY_REGION, KEY_KIND, KEY_ENABLED, KEY_POLICY] {
            assert!(attribute.iter().all(|id| KEY_ATTRIBUTES.contains(id)));
        }
    }
}
