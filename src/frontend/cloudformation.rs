//! CloudFormation templates, JSON and YAML.

use crate::frontend::{Parsed, UnitFile};

/// Reads one template. A file that is not a CloudFormation template gives an empty result.
pub fn parse(_file: UnitFile) -> Parsed {
    Parsed::default()
}
