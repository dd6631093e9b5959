//! The errors a run meets reading its input, which reports print beside the findings: kept apart
//! from the front-ends that make most of them, so that reporters need not import those.

use crate::source::Span;

/// A file that could not be read or parsed. The run goes on with the other files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file as shown to the user.
    pub path: String,
    /// Where in the file, when the parser says.
    pub span: Option<Span>,
    pub message: String,
}
