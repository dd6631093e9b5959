//! The read stage: each unit's files, from the working tree (or an editor's buffers) or from a
//! git revision, each within its size limit, and the units that may hold a replication set,
//! known by the bytes that name its type before anything is parsed.

use std::collections::BTreeMap;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::change::git::{GitError, Snapshot};
use crate::discover::{self, UnitKind, UnitPaths};
use crate::frontend;
use crate::input_error::InputError;
use crate::source::{SourceFile, Sources, Span, display_path};

/// Byte strings of which a unit must contain one to be parsed at all: the replication set's
/// resource type as each format spells it (Terraform's `aws_` and `awscc_` types end alike;
/// Pulumi's module is `ssmincidents` in both the `aws` and `aws-native` providers, and in every
/// language but C#, which writes `SsmIncidents`).
/// Everything else a rule needs (keys, providers) only matters in a unit that holds a
/// replication set.
fn needles(kind: UnitKind) -> &'static [&'static str] {
    match kind {
        // A Terraform plan (`plan.json`) is read with the templates, and names the Terraform type.
        UnitKind::CloudFormation => &[
            "SSMIncidents::ReplicationSet",
            "ssmincidents_replication_set",
        ],
        UnitKind::Terraform => &["ssmincidents_replication_set"],
        UnitKind::Pulumi => &["ssmincidents", "SsmIncidents", "SSMIncidents"],
        // The CDK's L1 class, in every language.
        UnitKind::Cdk => &[frontend::cdk::sdk::SET_CLASS],
    }
}

pub(super) fn may_hold_a_replication_set(kind: UnitKind, bytes: &[u8]) -> bool {
    needles(kind)
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// The largest file irlint reads. CloudFormation takes templates of at most 1 MB (from S3;
/// 51,200 bytes inline), and hand-written Terraform and Pulumi sources are smaller still: twice
/// that leaves room for formatting. At this size parsing one file takes up to 190 MB (a Python
/// program; 105 MB for Terraform, 75 MB for a YAML template), so a larger file (generated data,
/// a bundle) is only looked through for the resource type, in chunks, never held whole.
pub const MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// The largest Terraform plan irlint reads. `terraform show -json` writes every planned attribute
/// of every resource on one line, so the plan of a large configuration passes 2 MiB easily; it is
/// generated, not edited, and read in about 20 times its size of memory (a plan of 15.3 MiB in
/// 1.1 s and 320 MiB).
pub const MAX_PLAN_SIZE: u64 = 16 * 1024 * 1024;

/// How many bytes from the start of a file tell whether it is a Terraform plan.
const PLAN_START: u64 = 64;

/// The largest size a file may have: more for a Terraform plan, known by its first bytes.
fn size_limit(kind: UnitKind, start: &[u8]) -> u64 {
    let plan = kind == UnitKind::CloudFormation && frontend::terraform_plan::starts_like_one(start);
    if plan { MAX_PLAN_SIZE } else { MAX_FILE_SIZE }
}

/// What reading a file gave.
pub(super) enum Contents {
    Bytes(Vec<u8>),
    /// A file over its size limit, of which only whether it names the resource type is known.
    TooLarge {
        size: u64,
        limit: u64,
        names_the_type: bool,
    },
}

impl Contents {
    pub(super) fn of(kind: UnitKind, bytes: Vec<u8>) -> Contents {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        let limit = size_limit(kind, &bytes);
        if size > limit {
            Contents::TooLarge {
                size,
                limit,
                names_the_type: may_hold_a_replication_set(kind, &bytes),
            }
        } else {
            Contents::Bytes(bytes)
        }
    }

    pub(super) fn may_hold_a_replication_set(&self, kind: UnitKind) -> bool {
        match self {
            Contents::Bytes(bytes) => may_hold_a_replication_set(kind, bytes),
            Contents::TooLarge { names_the_type, .. } => *names_the_type,
        }
    }
}

/// Reads a file of the working tree (see [`read_contents`]).
pub(super) fn read_file(kind: UnitKind, path: &Path) -> std::io::Result<Contents> {
    let file = std::fs::File::open(path)?;
    let stated = file.metadata()?.len();
    read_contents(kind, file, stated)
}

/// Reads a file whose size is stated to be `stated`, unless it is over its size limit
/// ([`size_limit`]): such a file is streamed through the prefilter instead, in memory a chunk at
/// a time.
pub(super) fn read_contents(
    kind: UnitKind,
    mut file: impl Read,
    stated: u64,
) -> std::io::Result<Contents> {
    const CHUNK: usize = 1 << 16;
    let mut bytes = Vec::new();
    (&mut file).take(PLAN_START).read_to_end(&mut bytes)?;
    let limit = size_limit(kind, &bytes);
    if stated <= limit {
        // The size the file system states is only a hint (files grow, `/proc` states 0).
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        (&mut file)
            .take((limit + 1).saturating_sub(read))
            .read_to_end(&mut bytes)?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) <= limit {
            return Ok(Contents::Bytes(bytes));
        }
    }
    // A needle may straddle two chunks: each chunk is searched with the end of the one before.
    let overlap = needles(kind)
        .iter()
        .map(|needle| needle.len())
        .max()
        .unwrap_or(1)
        - 1;
    let mut names_the_type = may_hold_a_replication_set(kind, &bytes);
    let mut size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let mut kept = bytes.len().min(overlap);
    bytes.drain(..bytes.len() - kept);
    bytes.resize(kept + CHUNK, 0);
    while !names_the_type {
        let read = match file.read(&mut bytes[kept..]) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        size += u64::try_from(read).unwrap_or(u64::MAX);
        let filled = kept + read;
        names_the_type = may_hold_a_replication_set(kind, &bytes[..filled]);
        kept = filled.min(overlap);
        bytes.copy_within(filled - kept..filled, 0);
    }
    Ok(Contents::TooLarge {
        size: size.max(stated),
        limit,
        names_the_type,
    })
}

/// Sizes as a person reads them: `50.0 MiB`.
fn mebibytes(size: u64) -> String {
    let mebibytes = size as f64 / (1024.0 * 1024.0);
    format!("{mebibytes:.1} MiB")
}

/// Where a side's files are read from.
pub(super) enum Origin<'a> {
    /// The file system, where the overlay holds no text for the path.
    WorkingTree(&'a BTreeMap<PathBuf, String>),
    /// The working tree's units at the places of base units whose sets the change deletes,
    /// read whether or not they still name the set's type: for what the change does to their
    /// keys, and where findings about what it deleted point
    /// ([`crate::change::relocate_deletions`]).
    Remains(&'a BTreeMap<PathBuf, String>),
    Revision(&'a Snapshot),
}

impl<'a> Origin<'a> {
    pub(super) fn display_path(&self, path: &Path) -> String {
        match self {
            Origin::WorkingTree(_) | Origin::Remains(_) => display_path(path),
            Origin::Revision(snapshot) => snapshot.display_path(path),
        }
    }

    /// The texts that stand in for files, when the files are the working tree's.
    pub(super) fn overlay(&self) -> Option<&'a BTreeMap<PathBuf, String>> {
        match self {
            Origin::WorkingTree(overlay) | Origin::Remains(overlay) => Some(overlay),
            Origin::Revision(_) => None,
        }
    }

    /// Reads every unit's files and keeps the units that may hold a replication set: in
    /// parallel from the file system, in order through one git process from a revision.
    pub(super) fn read_units(&self, units: Vec<UnitPaths>) -> Result<Vec<Accepted>, GitError> {
        match self {
            Origin::WorkingTree(overlay) | Origin::Remains(overlay) => Ok(units
                .into_par_iter()
                .map(|UnitPaths { kind, root, files }| {
                    if kind == UnitKind::Cdk && !uses_the_cdk(&root, &files, overlay) {
                        return (None, Vec::new());
                    }
                    let contents = files
                        .into_iter()
                        .map(|path| {
                            let read = match overlay.get(&path) {
                                Some(text) => Ok(Contents::of(kind, text.clone().into_bytes())),
                                None => read_file(kind, &path),
                            };
                            (path, read)
                        })
                        .collect();
                    self.accept(kind, root, contents)
                })
                .collect()),
            Origin::Revision(snapshot) => {
                let mut blobs = snapshot.read(
                    units
                        .iter()
                        .flat_map(|unit| &unit.files)
                        .map(PathBuf::as_path),
                )?;
                units
                    .into_iter()
                    .map(|UnitPaths { kind, root, files }| {
                        let contents = files
                            .into_iter()
                            .map(|path| {
                                let blob = blobs.next_blob()?;
                                let size = blob.size;
                                Ok((path, read_contents(kind, blob, size)))
                            })
                            .collect::<Result<_, GitError>>()?;
                        Ok(self.accept(kind, root, contents))
                    })
                    .collect()
            }
        }
    }

    /// A unit whose files were read, `None` when none may hold a replication set, and the files
    /// that could not be read. Those are left out of the unit, which is built from the others;
    /// a file too large to read is only an error in a unit that is parsed.
    pub(super) fn accept(
        &self,
        kind: UnitKind,
        root: PathBuf,
        contents: Vec<(PathBuf, std::io::Result<Contents>)>,
    ) -> Accepted {
        let mut read = Vec::with_capacity(contents.len());
        let mut unreadable = Vec::new();
        for (path, result) in contents {
            match result {
                Ok(contents) => read.push((path, contents)),
                Err(error) => unreadable.push(Unreadable {
                    path: self.display_path(&path),
                    message: format!("cannot read the file: {error}"),
                    shown: None,
                }),
            }
        }
        // A unit whose set the change deletes is read as if it held one.
        let holds_the_type = matches!(self, Origin::Remains(_))
            || read
                .iter()
                .any(|(_, contents)| contents.may_hold_a_replication_set(kind));
        // Which Terraform modules are parsed is decided with the modules they call.
        if !holds_the_type && kind != UnitKind::Terraform {
            return (None, unreadable);
        }
        let mut files = Vec::with_capacity(read.len());
        for (path, contents) in read {
            let display = self.display_path(&path);
            let bytes = match contents {
                Contents::Bytes(bytes) => bytes,
                Contents::TooLarge { .. } if !holds_the_type => continue,
                Contents::TooLarge { size, limit, .. } => {
                    unreadable.push(Unreadable {
                        path: display,
                        message: format!(
                            "the file is {}, larger than irlint reads ({}): it is not linted",
                            mebibytes(size),
                            mebibytes(limit)
                        ),
                        shown: None,
                    });
                    continue;
                }
            };
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let mut file = SourceFile::new(path, without_byte_order_mark(text));
                    file.display_path = display;
                    files.push(file);
                }
                Err(error) => {
                    let at = error.utf8_error().valid_up_to();
                    // Shown with the invalid bytes replaced, so that the error points at its
                    // line; up to `at` the replaced text is the file's.
                    let mut shown =
                        SourceFile::new(path, String::from_utf8_lossy(error.as_bytes()).into());
                    shown.display_path = display.clone();
                    unreadable.push(Unreadable {
                        path: display,
                        message: format!(
                            "the file is not valid UTF-8 (at byte {at}): it is not linted"
                        ),
                        shown: Some((shown, at..at + char::REPLACEMENT_CHARACTER.len_utf8())),
                    });
                }
            }
        }
        let unit = (!files.is_empty()).then_some(ReadUnit {
            kind,
            root,
            files,
            holds_the_type,
        });
        (unit, unreadable)
    }
}

/// Whether a CDK unit may use the CDK: an app (it has `cdk.json`), or a package whose manifest
/// names the CDK's library. A package of other code (a service, a tool) is passed over without
/// its sources being read: a monorepo holds many.
fn uses_the_cdk(root: &Path, files: &[PathBuf], overlay: &BTreeMap<PathBuf, String>) -> bool {
    const LIBRARY: &[u8] = b"aws-cdk-lib";
    let app = std::ffi::OsStr::new(discover::CDK_APP_FILE);
    if files.iter().any(|path| path.file_name() == Some(app)) {
        return true;
    }
    let manifests = (files.iter())
        .filter(|path| path.parent() == Some(root) && discover::is_package_manifest(path));
    manifests.into_iter().any(|path| match overlay.get(path) {
        Some(text) => memchr::memmem::find(text.as_bytes(), LIBRARY).is_some(),
        None => matches!(read_file(UnitKind::Cdk, path), Ok(Contents::Bytes(bytes))
            if memchr::memmem::find(&bytes, LIBRARY).is_some()),
    })
}

/// The text of a file without the byte order mark some editors write first.
pub(super) fn without_byte_order_mark(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// A file that could not be read as text.
pub(super) struct Unreadable {
    path: String,
    message: String,
    /// The text shown for the file, and where in it the error is.
    shown: Option<(SourceFile, Range<usize>)>,
}

impl Unreadable {
    pub(super) fn into_error(self, sources: &mut Sources) -> InputError {
        let span = self.shown.map(|(file, range)| {
            let id = sources.add(file);
            Span::new(id, range.start, range.end)
        });
        InputError {
            path: self.path,
            span,
            message: self.message,
        }
    }
}

/// A unit whose files were read and passed the prefilter.
pub(super) struct ReadUnit {
    pub(super) kind: UnitKind,
    pub(super) root: PathBuf,
    pub(super) files: Vec<SourceFile>,
    /// Whether a file names the replication set's type; a Terraform module that does not may
    /// still call one that does.
    pub(super) holds_the_type: bool,
}

pub(super) type Accepted = (Option<ReadUnit>, Vec<Unreadable>);

#[cfg(test)]
mod tests {
    use super::*;

    /// A Terraform plan, known by its first bytes, may be larger than a source file; a template
    /// of the same size is not read.
    #[test]
    fn a_plan_may_be_larger_than_a_template() {
        let padding = "x".repeat(3 * 1024 * 1024);
        let plan = format!(
            "{{\"format_version\":\"1.2\",\"planned_values\":{{}},\"padding\":\"{padding}\"}}"
        );
        let template = format!("{{\"Resources\": {{}}, \"Padding\": \"{padding}\"}}");
        let read = |text: &str, kind| {
            let stated = u64::try_from(text.len()).unwrap_or(u64::MAX);
            read_contents(kind, std::io::Cursor::new(text.as_bytes()), stated)
                .expect("read from memory")
        };
        let read_whole = |contents| matches!(contents, Contents::Bytes(_));
        assert!(read_whole(read(&plan, UnitKind::CloudFormation)));
        assert!(!read_whole(read(&template, UnitKind::CloudFormation)));
        // Where Terraform modules are read, a file is a configuration, whatever it starts with.
        assert!(!read_whole(read(&plan, UnitKind::Terraform)));
        let too_large = plan.clone() + &" ".repeat(14 * 1024 * 1024);
        assert!(matches!(
            read(&too_large, UnitKind::CloudFormation),
            Contents::TooLarge {
                limit: MAX_PLAN_SIZE,
                ..
            }
        ));
    }

    #[test]
    fn prefilter_looks_for_the_resource_type() {
        assert!(may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_ssmincidents_replication_set\" \"x\" {}"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"awscc_ssmincidents_replication_set\" \"x\" {}"
        ));
        assert!(!may_hold_a_replication_set(
            UnitKind::Terraform,
            b"resource \"aws_s3_bucket\" \"x\" {}"
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::CloudFormation,
            b"Type: AWS::SSMIncidents::ReplicationSet"
        ));
        // A Terraform plan in JSON is read with the templates.
        assert!(may_hold_a_replication_set(
            UnitKind::CloudFormation,
            br#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
                {"type": "aws_ssmincidents_replication_set"}]}}}"#
        ));
        assert!(may_hold_a_replication_set(
            UnitKind::Pulumi,
            b"new aws.ssmincidents.ReplicationSet(\"set\", {})"
        ));
    }
}
