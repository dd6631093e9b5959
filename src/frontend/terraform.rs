//! Terraform modules: the `*.tf` files of one directory.

use crate::frontend::{Parsed, UnitFile};

/// Reads the files of one module.
pub fn parse(_files: &[UnitFile]) -> Parsed {
    Parsed::default()
}
