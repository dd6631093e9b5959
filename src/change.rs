//! Changes between a base revision and the working tree: the revision's files ([`git`]), which
//! replication sets correspond, and what change rules read about each.
//!
//! A set is the same set on both sides when it has the same identity (Terraform address,
//! CloudFormation logical id, Pulumi resource name) in a unit of the same format family, or the
//! identity the head's code moves it to (Terraform's `moved`); a set the head's code removes but
//! keeps (`removed` with `destroy = false`), or whose base revision says its removal keeps it
//! (`DeletionPolicy: Retain`, `retainOnDelete`, the CDK's `RemovalPolicy.RETAIN`), is not
//! deleted. Files may be renamed: a set is followed to a unit elsewhere when that leaves no
//! doubt.
//!
//! A finding about something the change deletes names a file of the working tree, where a
//! reviewer can see it and a suppression comment can say why the deletion is intended
//! ([`relocate_deletions`]); the base revision's place is a related location.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::finding::{Finding, Related};
use crate::model::{
    Deployment, Format, Key, KeyChoice, KeyRef, KeyTarget, ProviderRegion, Region, RegionEntry,
    Regions, Renames, ReplicationSet, ResolvedRegion, Unit, Value, View,
};
use crate::source::{FileId, SourceFile, Sources, Span, display_path};
use crate::subject::{Placed, Subjects};
use crate::suppress;

pub mod git;

/// A replication set with the unit that declares it.
#[derive(Clone, Copy)]
pub struct Declared<'a> {
    pub unit: &'a Unit,
    pub set: &'a ReplicationSet,
}

impl<'a> Declared<'a> {
    /// The readings of a set whose values differ between the unit's deployments, which is read
    /// once for each of them (a template deployed by the environments of a SAM configuration):
    /// the sets of its identity that one deployment creates. `set` stands for them all.
    fn readings(&self) -> Vec<&'a ReplicationSet> {
        (self.unit.replication_sets.iter())
            .filter(|set| set.deployment.is_some() && set.identity == self.set.identity)
            .collect()
    }

    /// The deployments that create the set, in any of its readings.
    fn deployments(&self) -> Vec<&'a Deployment> {
        if self.set.deployment.is_none() {
            return self.unit.deployments_of(self.set);
        }
        let readings = self.readings();
        (self.unit.deployments.iter())
            .filter(|deployment| readings.iter().any(|set| set.deployment == deployment.name))
            .collect()
    }

    /// The set as a deployment reads it.
    fn reading(&self, deployment: &Deployment) -> &'a ReplicationSet {
        if self.set.deployment.is_none() {
            return self.set;
        }
        (self.readings().into_iter())
            .find(|set| set.deployment == deployment.name)
            .unwrap_or(self.set)
    }
}

/// One replication set at the base revision and in the working tree; a side is absent when the
/// change creates or deletes the set.
pub struct SetPair<'a> {
    /// The base revision as the user named it.
    pub revision: &'a str,
    pub base: Option<Declared<'a>>,
    pub head: Option<Declared<'a>>,
    /// What the working tree holds where the set is declared: the head's unit, or for a set the
    /// change deletes, the unit at the base unit's place.
    pub remains: Remains<'a>,
}

/// What the working tree holds of the unit a set of the base revision was declared in.
#[derive(Clone)]
pub enum Remains<'a> {
    /// The unit at the same place (of the same format family), or the unit the set is in now.
    Unit {
        place: Placed<'a>,
        /// Its keys by identity.
        keys: Arc<HashMap<&'a str, &'a Key>>,
    },
    /// Files at that place that were not read as a unit: what they hold is unknown.
    Unread,
    /// Nothing: the unit's files are all gone.
    Gone,
}

/// What became of a KMS key of the base revision in the working tree.
#[derive(Clone, Copy, Debug)]
pub enum KeyAfter<'a> {
    /// The same key, as the working tree declares it.
    Present(&'a Key),
    /// Gone from the code, its removal scheduling its deletion.
    Removed,
    /// Gone from the code, kept by what the code says (`DeletionPolicy: Retain`, a Terraform
    /// `removed` block with `destroy = false`, …): no deletion.
    Kept,
    /// The working tree's unit could not be read whole.
    Unknown,
}

/// The keys of each unit of the working tree by identity, by the unit's place: made once for
/// all the sets of a unit (which may declare thousands of keys).
type KeyIndexes<'a> = HashMap<(Family, &'a Path), Arc<HashMap<&'a str, &'a Key>>>;

impl<'a> Remains<'a> {
    fn of(place: Placed<'a>, indexes: &mut KeyIndexes<'a>) -> Self {
        let unit: &'a Unit = place.unit;
        let keys = indexes
            .entry((family(unit.format), place.root))
            .or_insert_with(|| {
                Arc::new(
                    unit.keys
                        .iter()
                        .map(|key| (key.identity.as_str(), key))
                        .collect(),
                )
            });
        Remains::Unit {
            place,
            keys: Arc::clone(keys),
        }
    }

    /// What a unit holds, alone: the state a Terraform plan leaves, for a set it replaces.
    pub fn in_unit(place: Placed<'a>) -> Self {
        Remains::of(place, &mut KeyIndexes::new())
    }

    /// What became of a key of the base revision: the key of the same identity (or the one a
    /// Terraform `moved` block moves it to), else its removal, which keeps it when the base
    /// revision says so (`kept_on_removal`) or a `removed` block does.
    pub fn key(&self, before: &Key) -> KeyAfter<'a> {
        match self {
            Remains::Unit { place, .. } if !place.complete => KeyAfter::Unknown,
            Remains::Unit { place, keys } => {
                let renames = &place.unit.renames;
                let identity = renames.moved_to(&before.identity);
                let identity = identity.as_deref().unwrap_or(&before.identity);
                match keys.get(identity) {
                    Some(key) => KeyAfter::Present(key),
                    None if before.kept_on_removal || renames.keeps(&before.identity) => {
                        KeyAfter::Kept
                    }
                    None => KeyAfter::Removed,
                }
            }
            Remains::Unread => KeyAfter::Unknown,
            Remains::Gone if before.kept_on_removal => KeyAfter::Kept,
            Remains::Gone => KeyAfter::Removed,
        }
    }
}

/// Formats whose units name a set alike: a Pulumi program keeps its resources when it moves to
/// another language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
/// when several are: which of them went where cannot be known. A set whose removal keeps it is
/// not deleted. `holds_files` says whether the working tree has files of a unit at a place,
/// read or not: what a deleted set leaves there ([`SetPair::remains`]).
pub fn pair_sets<'a>(
    revision: &'a str,
    base: &[Placed<'a>],
    head: &[Placed<'a>],
    holds_files: &dyn Fn(&Path) -> bool,
) -> Vec<SetPair<'a>> {
    type Candidates<'a> = Vec<(Placed<'a>, Declared<'a>)>;
    // What the head's code says became of the base's sets, by the unit's root.
    let renames: HashMap<&Path, &Renames> = (head.iter())
        .map(|placed| (placed.root, &placed.unit.renames))
        .collect();
    let mut groups: BTreeMap<(Family, Cow<str>), (Candidates, Candidates)> = BTreeMap::new();
    for (units, is_base) in [(base, true), (head, false)] {
        for placed in units {
            for set in placed.unit.declared_sets() {
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
    let at_place: HashMap<(Family, &Path), Placed<'a>> = (head.iter().rev())
        .map(|placed| ((family(placed.unit.format), placed.root), *placed))
        .collect();
    let mut indexes = HashMap::new();
    let mut pairs = Vec::new();
    let mut pair = |base: Option<&(Placed<'a>, Declared<'a>)>,
                    head: Option<&(Placed<'a>, Declared<'a>)>| {
        let remains = match (base, head) {
            (_, Some((place, _))) => Remains::of(*place, &mut indexes),
            // Removed from the code, kept by what the base revision says: no deletion.
            (Some((_, declared)), None) if declared.set.kept_on_removal => return,
            (Some((place, _)), None) => {
                match at_place.get(&(family(place.unit.format), place.root)) {
                    Some(remaining) => Remains::of(*remaining, &mut indexes),
                    None if holds_files(place.root) => Remains::Unread,
                    None => Remains::Gone,
                }
            }
            (None, None) => return,
        };
        if base.is_none_or(|(placed, _)| placed.complete) {
            pairs.push(SetPair {
                revision,
                base: base.map(|(_, declared)| *declared),
                head: head.map(|(_, declared)| *declared),
                remains,
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
            set: declared.reading(deployment),
        };
        let change = |base, head| SetChange {
            revision: self.revision,
            base,
            head,
            remains: self.remains.clone(),
        };
        match (self.base, self.head) {
            (Some(base), Some(head)) => {
                let before = base.deployments();
                let after = head.deployments();
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
            (Some(base), None) => (base.deployments().into_iter())
                .map(|deployment| (deployment, change(Some(side(base, deployment)), None)))
                .collect(),
            (None, Some(head)) => (head.deployments().into_iter())
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
    /// What the working tree holds where the set is declared ([`SetPair::remains`]).
    pub remains: Remains<'a>,
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

/// Moves the findings about what the change deleted, which rules place in files of the base
/// revision (`REV:path`, which neither code scanning nor GitHub's annotations can place), into
/// the working tree, the base revision's place becoming the first related location with the
/// rule's label:
///
/// - into the file that held it, when the working tree still has it: at the line where it was
///   (the first line after the text the change replaced around it), so that a suppression
///   comment written there, in place of what was deleted, covers the finding;
/// - else into a file left of its unit (one in the same language when there is one), at its
///   first line that is not a comment, so that a suppression comment at the top of the file
///   covers it;
/// - else (the whole unit is gone) nowhere else: the finding stays in the base revision's file.
///
/// `working_tree` holds the files read from the working tree by the place of their unit, whether
/// or not they could be read as a unit. The subject of a moved finding is still what it is
/// about, named from the base revision.
pub fn relocate_deletions(
    findings: &mut [Finding],
    revision: &str,
    (base, working_tree): (&[Placed], &[(&Path, &[FileId])]),
    sources: &Sources,
    subjects: &Subjects,
) {
    let base_places: HashMap<FileId, &Placed> = (base.iter())
        .flat_map(|placed| placed.files.iter().map(move |file| (*file, placed)))
        .collect();
    if base_places.is_empty() {
        return;
    }
    let head_files: HashMap<&Path, FileId> = (working_tree.iter())
        .flat_map(|(_, files)| files.iter())
        .map(|file| (sources.get(*file).path.as_path(), *file))
        .collect();
    let mut head_places: HashMap<&Path, Vec<FileId>> = HashMap::new();
    for (root, files) in working_tree {
        head_places.entry(*root).or_default().extend(files.iter());
    }
    let mut shared_texts: HashMap<(FileId, FileId), SharedText> = HashMap::new();
    for finding in findings {
        let Some(place) = base_places.get(&finding.span.file) else {
            continue;
        };
        let before = sources.get(finding.span.file);
        let (span, label) = match head_files.get(before.path.as_path()) {
            Some(&file) => {
                let after = sources.get(file);
                let shared = *shared_texts
                    .entry((finding.span.file, file))
                    .or_insert_with(|| SharedText::of(&before.text, &after.text));
                let at = shared.place(finding.span.start);
                let at = statement_start(after, after.line_index(at));
                (
                    Span::new(file, at, at),
                    format!("removed here since {revision}"),
                )
            }
            None => {
                let files = head_places.get(place.root).map_or(&[][..], Vec::as_slice);
                let same_language = |file: &&FileId| {
                    sources.get(**file).path.extension() == before.path.extension()
                };
                let Some(&file) = files.iter().find(same_language).or(files.first()) else {
                    continue;
                };
                let at = statement_start(sources.get(file), 0);
                let held = display_path(&before.path);
                (
                    Span::new(file, at, at),
                    format!("`{held}`, which held it, is deleted since {revision}"),
                )
            }
        };
        let base_span = finding.span;
        finding.subject = Some(subjects.of(base_span, sources));
        let message = std::mem::replace(&mut finding.label, label);
        finding.related.insert(
            0,
            Related {
                span: base_span,
                message,
            },
        );
        finding.span = span;
        // An edit of the base revision's file edits nothing.
        if finding
            .fix
            .as_ref()
            .is_some_and(|fix| base_places.contains_key(&fix.span.file))
        {
            finding.fix = None;
        }
    }
}

/// What two versions of a file share at their start and at their end, in bytes: found once for
/// all the findings about the file (which may hold thousands of deleted sets).
#[derive(Clone, Copy, Debug)]
struct SharedText {
    prefix: usize,
    suffix: usize,
    before_len: usize,
    after_len: usize,
}

impl SharedText {
    fn of(before: &str, after: &str) -> SharedText {
        let (before_bytes, after_bytes) = (before.as_bytes(), after.as_bytes());
        let prefix = (before_bytes.iter().zip(after_bytes))
            .take_while(|(a, b)| a == b)
            .count();
        let longest_suffix = before.len().min(after.len()) - prefix;
        let suffix = (before_bytes.iter().rev().zip(after_bytes.iter().rev()))
            .take(longest_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        SharedText {
            prefix,
            suffix,
            before_len: before.len(),
            after_len: after.len(),
        }
    }

    /// Where the text at `offset` of the earlier version is in the later one, as a byte whose
    /// line is the place: the same text when it lies in what the two share at their start or
    /// end; else the first byte the change replaced, on the first line it replaced (where a
    /// suppression comment written in place of the deleted text goes). In bytes, which may
    /// fall inside a character the two versions spell differently: only its line is read.
    fn place(&self, offset: usize) -> usize {
        if offset >= self.before_len - self.suffix && offset >= self.prefix {
            // The shared end is no longer than either side: `offset + after_len >= before_len`.
            return offset + self.after_len - self.before_len;
        }
        offset.min(self.prefix)
    }
}

/// The start of the first line of a file, from 0-based line `from` on, that is not a comment
/// alone ([`suppress::statement_line_from`]); the end of the file when there is none.
fn statement_start(file: &SourceFile, from: usize) -> usize {
    let line = suppress::statement_line_from(file, from);
    file.line_starts()
        .get(line)
        .copied()
        .unwrap_or(file.text.len())
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
                    arguments: None,
                    provider: ProviderId(0),
                    provider_chosen: None,
                    deployment: None,
                    instances: Value::literal(Span::new(FileId(0), 0, 0), 1),
                    kept_on_removal: false,
                })
                .collect(),
            keys: Vec::new(),
            providers: Vec::new(),
            deployments: vec![Deployment::default()],
            aws_provider_major: None,
            suppressions: Vec::new(),
            renames: Renames::default(),
            module_calls: Vec::new(),
            unread: Vec::new(),
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
        pair_sets("HEAD", &placed(&base), &placed(&head), &|_| false)
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

    /// The 1-based line of `after` where [`SharedText::place`] places the first occurrence of
    /// `needle` in `before`.
    fn placed_line(before: &str, after: &str, needle: &str) -> usize {
        let offset = before.find(needle).expect("the needle is in the base");
        let at = SharedText::of(before, after).place(offset);
        let file = SourceFile::new("main.tf".into(), after.to_owned());
        file.line_index(at) + 1
    }

    #[test]
    fn a_deleted_block_is_placed_where_it_was() {
        let before = "a {}\n\nset {\n  x = 1\n}\n\nb {}\n";
        // Removed: the line that now follows what was removed.
        assert_eq!(placed_line(before, "a {}\n\nb {}\n", "set {"), 3);
        // Replaced by a comment: the comment's line, which a suppression written there covers
        // once the lines that are comments alone are passed over.
        let commented = "a {}\n\n# irlint: ignore[IRL016] gone\nb {}\n";
        assert_eq!(placed_line(before, commented, "set {"), 3);
        // Removed at the end of the file: the end.
        assert_eq!(placed_line("a {}\nset {}\n", "a {}\n", "set {}"), 2);
        // Renamed on its line: that line.
        assert_eq!(
            placed_line("a {}\nset {}\nb {}\n", "a {}\nother {}\nb {}\n", "set"),
            2
        );
    }

    #[test]
    fn text_the_change_keeps_is_placed_on_its_own_line() {
        let before = "keep {}\nset { count = 1 }\nlast {}\n";
        let after = "keep {}\nset { count = 0 }\nlast {}\n";
        assert_eq!(placed_line(before, after, "set"), 2);
        assert_eq!(placed_line(before, after, "last"), 3);
        // Lines added before it: the same text, further down.
        assert_eq!(
            placed_line("x\nlast {}\n", "x\nnew\nnew\nlast {}\n", "last"),
            4
        );
    }

    #[test]
    fn characters_spelt_differently_at_the_edge_of_a_change_are_no_panic() {
        // `é` and `ĩ` share their last byte: the shared end starts inside a character.
        assert_eq!(placed_line("x\né\n", "x\nĩ\n", "é"), 2);
        assert_eq!(placed_line("é", "ĩ", "é"), 1);
        // A shorter version whose shared end holds the text.
        assert_eq!(placed_line("aaaa\nend\n", "a\nend\n", "end"), 2);
    }

    fn key(identity: &str, kept_on_removal: bool) -> Key {
        let span = Span::new(FileId(0), 0, 0);
        Key {
            identity: identity.to_owned(),
            name_in_code: None,
            span,
            resource: crate::model::KeyResource::Key,
            region: Value::literal(span, Region::OfProvider(ProviderId(0))),
            spec: None,
            usage: None,
            origin: None,
            enabled: None,
            custom_key_store: None,
            policy: None,
            kept_on_removal,
        }
    }

    #[test]
    fn what_became_of_a_key() {
        let mut unit = unit(TF, &[]);
        unit.keys = vec![
            key("aws_kms_key.kept", false),
            key("aws_kms_key.new", false),
        ];
        unit.renames = Renames {
            moved: vec![("aws_kms_key.old".to_owned(), "aws_kms_key.new".to_owned())],
            kept: vec!["aws_kms_key.left".to_owned()],
        };
        let place = |complete| Placed {
            root: Path::new("infra"),
            unit: &unit,
            complete,
            files: &[],
        };
        let after = |remains: &Remains, identity, kept| match remains.key(&key(identity, kept)) {
            KeyAfter::Present(key) => format!("present {}", key.identity),
            KeyAfter::Removed => "removed".to_owned(),
            KeyAfter::Kept => "kept".to_owned(),
            KeyAfter::Unknown => "unknown".to_owned(),
        };
        let read = Remains::in_unit(place(true));
        assert_eq!(
            after(&read, "aws_kms_key.kept", false),
            "present aws_kms_key.kept"
        );
        assert_eq!(
            after(&read, "aws_kms_key.old", false),
            "present aws_kms_key.new"
        );
        assert_eq!(after(&read, "aws_kms_key.gone", false), "removed");
        assert_eq!(after(&read, "aws_kms_key.gone", true), "kept");
        assert_eq!(after(&read, "aws_kms_key.left", false), "kept");
        assert_eq!(
            after(&Remains::in_unit(place(false)), "aws_kms_key.gone", false),
            "unknown"
        );
        assert_eq!(
            after(&Remains::Unread, "aws_kms_key.gone", false),
            "unknown"
        );
        assert_eq!(after(&Remains::Gone, "aws_kms_key.gone", false), "removed");
        assert_eq!(after(&Remains::Gone, "aws_kms_key.gone", true), "kept");
    }

    #[test]
    fn a_set_whose_removal_keeps_it_is_not_deleted() {
        let mut base = unit(TF, &["kept", "gone"]);
        base.replication_sets[0].kept_on_removal = true;
        let base = [Unit {
            name: "a".to_owned(),
            ..base
        }];
        let pairs = pair_sets("HEAD", &placed(&base), &[], &|_| false);
        let deleted: Vec<&str> = (pairs.iter())
            .filter_map(|pair| Some(pair.base?.set.identity.as_str()))
            .collect();
        assert_eq!(deleted, ["gone"]);
        assert!(matches!(pairs[0].remains, Remains::Gone));
        let pairs = pair_sets("HEAD", &placed(&base), &[], &|_| true);
        assert!(matches!(pairs[0].remains, Remains::Unread));
    }
}
