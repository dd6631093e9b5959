//! irlint: a policy linter for AWS Systems Manager Incident Manager replication sets in
//! CloudFormation, Terraform and Pulumi (YAML, TypeScript, Python).
//!
//! The pipeline is the module tree: [`discover`] finds units, [`frontend`] turns each into the
//! [`model`], [`rules`] check the model, [`unchecked`] says which checks the values no one can
//! know kept from being made, [`report`] renders both; [`lint`] runs the stages in order. With a
//! base revision, [`change`] reads the units as they were (`change::git`) and pairs their
//! replication sets with today's.
//! [`subject`] names what each finding is about, for reports that follow findings across runs,
//! and [`baseline`] fingerprints findings by it, to report only those an earlier run did not;
//! [`lsp`] serves the same pipeline to editors; [`fix`] makes the fixes findings carry,
//! replacing files whole with [`replace`];
//! [`config`] reads `irlint.toml`, and [`suppress`] applies the suppressions written in the
//! source. Whatever prints text from the input to a terminal or a log escapes it with
//! [`printable`]. [`workspace`] says where a run may read: a pull request's tree is untrusted.

pub mod baseline;
pub mod change;
pub mod config;
pub mod discover;
pub mod finding;
pub mod fix;
pub mod frontend;
pub mod input_error;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod outcome;
pub mod printable;
pub mod regions;
pub mod replace;
pub mod report;
pub mod rule_meta;
pub mod rules;
pub mod source;
pub mod subject;
pub mod suppress;
pub mod unchecked;
pub mod workspace;

/// Where the unit tests find `../shared`; the integration tests include the same file.
#[cfg(test)]
#[path = "../tests/support/shared.rs"]
mod shared;
