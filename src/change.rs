//! Changes between a base revision and the working tree: which replication sets correspond,
//! and what change rules read about each.
//!
//! A set is the same set on both sides when it has the same identity (Terraform address,
//! CloudFormation logical id, Pulumi resource name) in a unit of the same format family, or the
//! identity the head's code moves it to (Terraform's `moved`); a set the head's code removes but
//! keeps (`removed` with `destroy = false`) is not deleted. Files may be renamed: a set is
//! followed to a unit elsewhere when that leaves no doubt.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use crate::model::{
    Deployment, Format, KeyChoice, KeyRef, KeyTarget, ProviderRegion, Region, RegionEntry, Regions,
    Renames, ReplicationSet, ResolvedRegion, Unit, Value, View,
};
use crate::source::FileId;

/// A unit with the path discovery grouped it by (its template, its module or project
/// directory), which names it alike on both sides.
#[derive(Clone, Copy)]
pub struct Placed<'a> {
    pub root: &'a Path,
    pub unit: &'a Unit,
    /// Whether its files were parsed without error. A set of a base unit that was not is
    /// paired, so that no other set is taken for it, but not compared: what it was is unknown.
    pub complete: bool,
    /// The files it was read from.
    pub files: &'a [FileId],
}

/// A replication set with the unit that declares it.
#[derive(Clone, Copy)]
pub struct Declared<'a> {
    pub unit: &'a Unit,
    pub set: &'a ReplicationSet,
}

/// One replication set at the base revision and in the working tree; a side is absent when the
/// change creates or deletes the set.
pub struct SetPair<'a> {
    /// The base revision as the user named it.
    pub revision: &'a str,
    pub base: Option<Declared<'a>>,
    pub head: Option<Declared<'a>>,
}

/// Formats whose units name a set alike: a Pulumi program keeps its resources when it moves to
/// another language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    CloudFormation,
    Terraform,
    /// A plan names its sets by their addresses as a module does, but holds no code: its sets
    /// are not taken for a module's.
    TerraformPlan,
    Pulumi,
    /// A CDK app names a set by its construct path, whatever its language.
    Cdk,
}

fn family(format: Format) -> Family {
    match format {
        Format::CloudFormation => Family::CloudFormation,
        Format::Terraform => Family::Terraform,
        Format::TerraformPlan => Family::TerraformPlan,
        Format::PulumiYaml
        | Format::PulumiTypeScript
        | Format::PulumiPython
        | Format::PulumiGo
        | Format::PulumiCSharp
        | Format::PulumiJava => Family::Pulumi,
        Format::CdkTypeScript | Format::CdkPython => Family::Cdk,
    }
}

/// Pairs the replication sets of the two sides. Sets of the same identity pair first within
/// the unit of the same place; what remains pairs when one set is left on each side (the unit
/// was renamed), is created or deleted when nothing is left on the other side, and is left out
/// when several are: which of them went where cannot be known.
pub fn pair_sets<'a>(
    revision: &'a str,
    base: &[Placed<'a>],
    head: &[Placed<'a>],
) -> Vec<SetPair<'a>> {
    type Candidates<'a> = Vec<(Placed<'a>, Declared<'a>)>;
    // What the head's code says became of the base's sets, by the unit's root.
    let renames: HashMap<&Path, &Renames> = (head.iter())
        .map(|placed| (placed.root, &placed.unit.renames))
        .collect();
    let mut groups: BTreeMap<(Family, Cow<str>), (Candidates, Candidates)> = BTreeMap::new();
    for (units, is_base) in [(base, true), (head, false)] {
        for placed in units {
            for set in &placed.unit.replication_sets {
                let mut identity = Cow::Borrowed(set.identity.as_str());
                if let Some(renames) = renames.get(placed.root).filter(|_| is_base) {
                    // Removed from the code but kept: no deletion, and nothing to compare.
                    if renames.keeps(&identity) {
                        continue;
                    }
                    if let Some(moved) = renames.moved_to(&identity) {
                        identity = Cow::Owned(moved);
                    }
                }
                let group = groups
                    .entry((family(placed.unit.format), identity))
                    .or_default();
                let side = if is_base { &mut group.0 } else { &mut group.1 };
                side.push((
                    *placed,
                    Declared {
                        unit: placed.unit,
                        set,
                    },
                ));
            }
        }
    }
    let mut pairs = Vec::new();
    let mut pair = |base: Option<&(Placed, Declared<'a>)>,
                    head: Option<&(Placed, Declared<'a>)>| {
        if base.is_none_or(|(placed, _)| placed.complete) {
            pairs.push(SetPair {
                revision,
                base: base.map(|(_, declared)| *declared),
                head: head.map(|(_, declared)| *declared),
            });
        }
    };
    for (mut bases, mut heads) in groups.into_values() {
        let mut index = 0;
        while index < bases.len() {
            match heads
                .iter()
                .position(|(placed, _)| placed.root == bases[index].0.root)
            {
                Some(found) => {
                    pair(Some(&bases.remove(index)), Some(&heads.remove(found)));
                }
                None => index += 1,
            }
        }
        match (bases.as_slice(), heads.as_slice()) {
            ([base], [head]) => pair(Some(base), Some(head)),
            (bases, []) => bases.iter().for_each(|base| pair(Some(base), None)),
            ([], heads) => heads.iter().for_each(|head| pair(None, Some(head))),
            _ => {}
        }
    }
    pairs
}

impl<'a> SetPair<'a> {
    /// The change in each deployment. Deployments correspond by name (a Pulumi stack), or
    /// whatever their names when each side has one (a stack whose region changed).
    pub fn changes(&self) -> Vec<(&'a Deployment, SetChange<'a>)> {
        let side = |declared: Declared<'a>, deployment: &'a Deployment| Side {
            view: View {
                unit: declared.unit,
                deployment,
            },
            set: declared.set,
        };
        let change = |base, head| SetChange {
            revision: self.revision,
            base,
            head,
        };
        match (self.base, self.head) {
            (Some(base), Some(head)) => {
                let before = base.unit.deployments_of(base.set);
                let after = head.unit.deployments_of(head.set);
                after
                    .iter()
                    .filter_map(|deployment| {
                        let earlier = match (before.as_slice(), after.as_slice()) {
                            ([only], [_]) => Some(*only),
                            _ => before.iter().copied().find(|d| d.name == deployment.name),
                        }?;
                        Some((
                            *deployment,
                            change(Some(side(base, earlier)), Some(side(head, deployment))),
                        ))
                    })
                    .collect()
            }
            (Some(base), None) => (base.unit.deployments_of(base.set).into_iter())
                .map(|deployment| (deployment, change(Some(side(base, deployment)), None)))
                .collect(),
            (None, Some(head)) => (head.unit.deployments_of(head.set).into_iter())
                .map(|deployment| (deployment, change(None, Some(side(head, deployment)))))
                .collect(),
            (None, None) => Vec::new(),
        }
    }
}

/// A replication set on one side of a change, seen in one deployment.
pub struct Side<'a> {
    pub view: View<'a>,
    pub set: &'a ReplicationSet,
}

/// What change rules check: one replication set at the base revision and in the working tree,
/// in one deployment. At least one side is present.
pub struct SetChange<'a> {
    /// The base revision as the user named it, for messages.
    pub revision: &'a str,
    pub base: Option<Side<'a>>,
    pub head: Option<Side<'a>>,
}

impl SetChange<'_> {
    /// Both sides, when the set exists on both.
    pub fn both(&self) -> Option<(&Side<'_>, &Side<'_>)> {
        self.base.as_ref().zip(self.head.as_ref())
    }
}

/// A region as it compares across the two sides of a change.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RegionKey {
    /// A region name, written or resolved.
    Named(String),
    /// The region a deployment chooses, of a provider that names none (`!Ref AWS::Region`
    /// linted without `--region`): the same on both sides for the provider of the same name.
    /// It may be any region named on one side only.
    Deployed(String),
}

impl fmt::Display for RegionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionKey::Named(name) => f.write_str(name),
            RegionKey::Deployed(provider) => write!(f, "the region of {provider}"),
        }
    }
}

/// Which kind of key encrypts every region of a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    AwsOwned,
    Customer,
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyType::AwsOwned => "AWS-owned keys",
            KeyType::Customer => "customer managed keys",
        })
    }
}

/// Which customer managed key a reference names, as far as the code tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyIdentity {
    /// A key declared in the unit, by its identity (`aws_kms_key.main`, `Key`): the same key
    /// whatever its attributes, or the attribute that names it.
    Declared(String),
    /// A key ARN, key id or alias, by value.
    Written(String),
}

impl KeyIdentity {
    /// Whether two references certainly name the same key (`Some(true)`), certainly two keys
    /// (`Some(false)`), or cannot tell (`None`).
    pub fn same_as(&self, other: &KeyIdentity) -> Option<bool> {
        match (self, other) {
            (KeyIdentity::Declared(a), KeyIdentity::Declared(b)) => Some(a == b),
            (KeyIdentity::Written(a), KeyIdentity::Written(b)) if a == b => Some(true),
            // An alias or a key id may name the key another reference names by ARN.
            (KeyIdentity::Written(a), KeyIdentity::Written(b)) => {
                (is_key_arn(a) && is_key_arn(b)).then_some(false)
            }
            _ => None,
        }
    }
}

impl fmt::Display for KeyIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyIdentity::Declared(name) | KeyIdentity::Written(name) => write!(f, "`{name}`"),
        }
    }
}

/// `arn:<partition>:kms:<region>:<account>:key/<id>`, not an alias ARN.
fn is_key_arn(text: &str) -> bool {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    matches!(fields.as_slice(), ["arn", _, "kms", _, _, resource] if resource.starts_with("key/"))
}

impl<'a> Side<'a> {
    /// Every region of the set as it compares across sides, with its entry; `None` when the
    /// regions are generated or any is unknown.
    pub fn regions(&self) -> Option<Vec<(RegionKey, &'a RegionEntry)>> {
        let Regions::Listed(entries) = &self.set.regions else {
            return None;
        };
        entries
            .iter()
            .map(|entry| Some((self.region_key(&entry.name)?, entry)))
            .collect()
    }

    fn region_key(&self, region: &Value<Region>) -> Option<RegionKey> {
        match self.view.region(region) {
            ResolvedRegion::Known { name, .. } => Some(RegionKey::Named(name)),
            ResolvedRegion::Provider(id) => {
                let provider = self.view.unit.provider(id);
                // A region in code that cannot be known may differ on the other side.
                matches!(
                    provider.region,
                    ProviderRegion::Deployment | ProviderRegion::NativeDeployment
                )
                .then(|| RegionKey::Deployed(provider.name.clone()))
            }
            ResolvedRegion::Unknown => None,
        }
    }

    /// The kind of key every region uses; `None` when the regions mix kinds or any is unknown.
    pub fn key_type(&self) -> Option<KeyType> {
        let Regions::Listed(entries) = &self.set.regions else {
            return None;
        };
        let mut types = entries.iter().map(|entry| match entry.key {
            KeyChoice::AwsOwned => Some(KeyType::AwsOwned),
            KeyChoice::Customer(_) => Some(KeyType::Customer),
            KeyChoice::Unknown(_) => None,
        });
        let first = types.next()??;
        types.all(|kind| kind == Some(first)).then_some(first)
    }

    /// Which key a reference names; `None` when that cannot be known.
    pub fn key_identity(&self, key: &KeyRef) -> Option<KeyIdentity> {
        match &key.target {
            KeyTarget::Declared { key, .. } => Some(KeyIdentity::Declared(
                self.view.unit.key(*key).identity.clone(),
            )),
            KeyTarget::Arn(value) | KeyTarget::IdOrAlias(value) => {
                value.known().cloned().map(KeyIdentity::Written)
            }
            KeyTarget::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Engine, KeyArn, Protection, ProviderId, Schema};
    use crate::source::{FileId, Span};

    fn unit(format: Format, identities: &[&str]) -> Unit {
        Unit {
            format,
            engine: Engine::Terraform,
            key_arn: KeyArn::TERRAFORM,
            name: String::new(),
            replication_sets: identities
                .iter()
                .map(|identity| ReplicationSet {
                    identity: (*identity).to_owned(),
                    span: Span::new(FileId(0), 0, 0),
                    schema: Schema::Terraform,
                    regions: Regions::Listed(Vec::new()),
                    region_syntax: Default::default(),
                    deletion_protection: Protection::Absent,
                    tags: Vec::new(),
                    provider: ProviderId(0),
                    deployment: None,
                    instances: Value::literal(Span::new(FileId(0), 0, 0), 1),
                })
                .collect(),
            keys: Vec::new(),
            providers: Vec::new(),
            deployments: vec![Deployment::default()],
            aws_provider_major: None,
            suppressions: Vec::new(),
            renames: Renames::default(),
            module_calls: Vec::new(),
        }
    }

    fn placed(units: &[Unit]) -> Vec<Placed<'_>> {
        units
            .iter()
            .map(|unit| Placed {
                root: Path::new(&unit.name),
                unit,
                complete: !unit.name.ends_with('!'),
                files: &[],
            })
            .collect()
    }

    /// `(base unit, head unit)` of each pair, `-` for an absent side; each unit is named after
    /// its root and holds sets of the given identities.
    fn pairs(base: &[(Format, &str, &[&str])], head: &[(Format, &str, &[&str])]) -> Vec<String> {
        let units = |side: &[(Format, &str, &[&str])]| -> Vec<Unit> {
            side.iter()
                .map(|(format, root, identities)| Unit {
                    name: (*root).to_owned(),
                    ..unit(*format, identities)
                })
                .collect()
        };
        let (base, head) = (units(base), units(head));
        let name = |side: Option<Declared>| side.map_or("-".to_owned(), |d| d.unit.name.clone());
        pair_sets("HEAD", &placed(&base), &placed(&head))
            .into_iter()
            .map(|pair| format!("{} -> {}", name(pair.base), name(pair.head)))
            .collect()
    }

    const TF: Format = Format::Terraform;

    #[test]
    fn sets_pair_by_identity_in_the_same_place_first() {
        assert_eq!(
            pairs(
                &[(TF, "a", &["main"]), (TF, "b", &["main"])],
                &[(TF, "b", &["main"]), (TF, "a", &["main"])]
            ),
            ["a -> a", "b -> b"]
        );
        assert_eq!(
            pairs(
                &[(TF, "a", &["main"]), (TF, "b", &["main"])],
                &[(TF, "a", &["main"]), (TF, "c", &["main"])]
            ),
            ["a -> a", "b -> c"]
        );
    }

    #[test]
    fn a_set_follows_its_renamed_unit() {
        assert_eq!(
            pairs(&[(TF, "old", &["main"])], &[(TF, "new", &["main"])]),
            ["old -> new"]
        );
    }

    #[test]
    fn sets_left_on_one_side_are_created_or_deleted() {
        assert_eq!(
            pairs(
                &[(TF, "a", &["main", "gone"])],
                &[(TF, "a", &["main", "new"])]
            ),
            ["a -> -", "a -> a", "- -> a"]
        );
    }

    #[test]
    fn several_candidates_elsewhere_are_not_guessed() {
        assert_eq!(
            pairs(
                &[(TF, "a", &["main"]), (TF, "b", &["main"])],
                &[(TF, "c", &["main"]), (TF, "d", &["main"])]
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn sets_of_a_base_unit_read_in_part_are_paired_but_not_compared() {
        // `a!` could not be read whole: its set keeps `b` from being taken for a rename.
        assert_eq!(
            pairs(
                &[(TF, "a!", &["main"]), (TF, "b", &["main"])],
                &[(TF, "a!", &["main"])]
            ),
            ["b -> -"]
        );
    }

    #[test]
    fn identities_match_within_a_format_family() {
        assert_eq!(
            pairs(
                &[(Format::PulumiYaml, "p", &["set"])],
                &[(Format::PulumiTypeScript, "p", &["set"])]
            ),
            ["p -> p"]
        );
        assert_eq!(
            pairs(
                &[(Format::CloudFormation, "t", &["Set"])],
                &[(TF, "t", &["Set"])]
            ),
            ["t -> -", "- -> t"]
        );
    }

    #[test]
    fn key_identities_compare_by_what_they_name() {
        let declared = |name: &str| KeyIdentity::Declared(name.to_owned());
        let written = |text: &str| KeyIdentity::Written(text.to_owned());
        let arn = |id: &str| format!("arn:aws:kms:us-east-1:111122223333:key/{id}");
        assert_eq!(
            declared("aws_kms_key.a").same_as(&declared("aws_kms_key.a")),
            Some(true)
        );
        assert_eq!(
            declared("aws_kms_key.a").same_as(&declared("aws_kms_key.b")),
            Some(false)
        );
        assert_eq!(written(&arn("1")).same_as(&written(&arn("1"))), Some(true));
        assert_eq!(written(&arn("1")).same_as(&written(&arn("2"))), Some(false));
        assert_eq!(written("alias/a").same_as(&written(&arn("2"))), None);
        assert_eq!(written("alias/a").same_as(&written("alias/b")), None);
        assert_eq!(declared("Key").same_as(&written(&arn("1"))), None);
    }
}
