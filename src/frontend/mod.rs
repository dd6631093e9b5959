//! Front-ends: one module per format, each turning the files of one deployment unit into the
//! [`Unit`] model and nothing else.

use std::collections::HashSet;

use crate::input_error::InputError;
use crate::model::{Unchecked, Unit};
use crate::source::{FileId, SourceFile, Span};

pub(crate) mod bounds;
pub mod cdk;
pub mod cloudformation;
mod document;
#[cfg(test)]
pub(crate) mod fixture;
mod key_policy;
pub mod program;
pub mod pulumi;
pub mod terraform;
pub mod terraform_plan;

/// A file of a unit, ready to parse.
#[derive(Clone, Copy)]
pub struct UnitFile<'a> {
    pub id: FileId,
    pub source: &'a SourceFile,
}

/// What a front-end read from one unit: its model, if the unit holds anything irlint checks, and
/// the errors met on the way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub unit: Option<Unit>,
    /// The state the unit changes from, when the unit says it (a Terraform plan).
    pub prior: Option<Prior>,
    pub errors: Vec<InputError>,
    /// What names a replication set but is not read (a CDK app in Go, a Pulumi runtime irlint
    /// does not read): not an error, since nothing is wrong with it, but no check was made.
    pub unread: Vec<Unchecked>,
}

/// The state a Terraform plan changes from, which the change rules compare the unit with as
/// `--base` compares two revisions.
#[derive(Debug)]
pub struct Prior {
    /// The replication sets and keys as they are before the change.
    pub unit: Unit,
    /// The identities of the sets the change deletes to create anew: replacing a set deletes
    /// its data as deleting it does.
    pub replaced: HashSet<String>,
}

/// Frees a large value (a syntax tree, a program) on another thread, so that the unit's own
/// thread goes on at once: freeing a tree of a 2 MiB file takes as long as a tenth of reading it.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// The span of a name written bare or quoted (`region`, `"region"`, `'region'`): the name alone,
/// unless escapes make the quoted text longer than the name.
pub fn name_span(written: Span, name: &str) -> Span {
    if written.end - written.start == name.len() + 2 {
        Span::new(written.file, written.start + 1, written.end - 1)
    } else {
        written
    }
}
