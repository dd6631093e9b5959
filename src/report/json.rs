//! A JSON document of findings and errors, for scripts.

use std::io::Write;

use crate::lint::Outcome;

pub fn render(_outcome: &Outcome, _out: &mut dyn Write) -> std::io::Result<()> {
    Ok(())
}
