//! Where the tests find `../shared`, the real-world corpus and the SARIF schema kept beside the
//! checkout. A fresh clone elsewhere has no such directory: there the tests that read it say they
//! are skipped and pass, so that the rest of the suite runs. CI sets `IRLINT_REQUIRE_SHARED` so
//! that it never skips them silently.
//!
//! One file for both the crate's unit tests (`src/lib.rs` includes it) and the integration tests
//! that read `../shared` (each includes it with `#[path]`); it stays out of `support/mod.rs`
//! because the suites that include that file only for git would find it unused.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Set to anything but the empty string, a missing `../shared` fails the tests that read it.
const REQUIRE_SHARED: &str = "IRLINT_REQUIRE_SHARED";

/// `relative` inside `../shared`, or `None` when that directory is absent: the test, having said
/// that it is skipped, returns without checking anything.
///
/// # Panics
///
/// When `../shared` is absent and `IRLINT_REQUIRE_SHARED` is set.
pub fn path(relative: &str) -> Option<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let requirement = std::env::var_os(REQUIRE_SHARED);
    match locate(&shared, requirement.as_deref()) {
        Ok(shared) => Some(shared.join(relative)),
        Err(absent) => {
            // libtest names each test's thread after the test.
            let test = std::thread::current()
                .name()
                .map_or_else(String::new, |name| format!(" {name}"));
            // Straight to stderr: libtest captures `eprintln!` and shows it only when a test
            // fails, and a skip must be seen. One write, so that no other line cuts it.
            let _ = std::io::stderr().write_all(format!("skipped{test}: {absent}\n").as_bytes());
            None
        }
    }
}

/// `shared` when it is a directory; otherwise why the tests that read it are skipped.
///
/// # Panics
///
/// When `shared` is absent and `requirement` (the value of `IRLINT_REQUIRE_SHARED`) is set and
/// not empty.
pub fn locate(shared: &Path, requirement: Option<&OsStr>) -> Result<PathBuf, String> {
    if shared.is_dir() {
        return Ok(shared.to_path_buf());
    }
    let absent = format!(
        "{} is absent (the real-world corpus and the SARIF schema beside the checkout); \
         .ci/run requires it",
        shared.display()
    );
    if requirement.is_some_and(|value| !value.is_empty()) {
        panic!("{REQUIRE_SHARED} is set, so the tests that read it must run: {absent}");
    }
    Err(absent)
}
