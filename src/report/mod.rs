//! Reporters: turn a run's [`Outcome`](crate::lint::Outcome) into text, JSON or SARIF.

pub mod json;
pub mod sarif;
pub mod text;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source snippets.
    Text,
    /// One JSON document with findings and errors.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and editors.
    Sarif,
}
