//! Replacing a file whole: the new contents are written to a new file beside it, which is renamed
//! over it once complete. A reader never sees half a file, and the target is replaced, never
//! written through: a symbolic link that a pull request left where a file was is not followed
//! (the callers refuse one before they start).

use std::fs::Permissions;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The new contents of a file, being written.
pub struct Replacement {
    writer: BufWriter<NamedTempFile>,
    target: PathBuf,
}

impl Replacement {
    /// Starts a new file in `target`'s directory (so that renaming it over `target` stays on
    /// one file system), named `prefix` and random characters. It takes `permissions` when
    /// given (those of the file it replaces), else those a file created in place would have.
    pub fn beside(
        target: &Path,
        prefix: &str,
        permissions: Option<Permissions>,
    ) -> io::Result<Replacement> {
        let directory = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(prefix);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // As a file created in place would be (less the umask); a temporary file is private
            // by default.
            builder.permissions(Permissions::from_mode(0o644));
        }
        let file = builder.tempfile_in(directory)?;
        if let Some(permissions) = permissions {
            // Exactly the replaced file's, which the umask has no say in.
            file.as_file().set_permissions(permissions)?;
        }
        Ok(Replacement {
            writer: BufWriter::new(file),
            target: target.to_path_buf(),
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.writer
    }

    /// Puts the new file in the target's place. Dropped before, it is removed.
    pub fn persist(self) -> io::Result<()> {
        let file = self
            .writer
            .into_inner()
            .map_err(|error| error.into_error())?;
        file.persist(&self.target).map_err(|error| error.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_replaced_only_when_persisted() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let target = directory.path().join("main.tf");
        std::fs::write(&target, "old").expect("the target is written");
        let mut replacement =
            Replacement::beside(&target, ".irlint-test-", None).expect("a replacement");
        replacement.writer().write_all(b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&target).expect("readable"), "old");
        replacement.persist().expect("persisted");
        assert_eq!(std::fs::read_to_string(&target).expect("readable"), "new");
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .expect("listable")
            .map(|entry| entry.expect("an entry").file_name())
            .collect();
        assert_eq!(names, ["main.tf"], "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn given_permissions_are_kept_exactly() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().expect("a temporary directory");
        let target = directory.path().join("deploy.py");
        std::fs::write(&target, "old").expect("the target is written");
        let mode = Permissions::from_mode(0o750);
        let mut replacement =
            Replacement::beside(&target, ".irlint-test-", Some(mode)).expect("a replacement");
        replacement.writer().write_all(b"new").expect("written");
        replacement.persist().expect("persisted");
        let metadata = std::fs::metadata(&target).expect("the target is there");
        assert_eq!(metadata.permissions().mode() & 0o777, 0o750);
    }
}
