//! Inputs on which a fuzz target (`fuzz/`) once panicked, hung or overflowed its stack, kept in
//! `tests/fuzz-regressions/<target>/<name>`. Each runs through its target's own entry, the
//! fuzz crate's `src/lib.rs` included below, and must return without a panic in bounded time.

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use fuzz::Target;

/// Far above what any kept input needs in a debug build; a hang runs into it.
const TIME_LIMIT: Duration = Duration::from_secs(10);

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    files
}

/// Runs one input on a thread of its own, whose default stack is that of the rayon threads irlint
/// parses on, and says what went wrong, if anything.
fn failure(target: Target, input: &Path) -> Option<String> {
    let data = std::fs::read(input).expect("the input is read");
    let (done, finished) = mpsc::channel();
    std::thread::Builder::new()
        .name(format!("{} {}", target.name(), input.display()))
        .spawn(move || {
            target.run(&data);
            done.send(()).expect("the test waits");
        })
        .expect("a thread starts");
    match finished.recv_timeout(TIME_LIMIT) {
        Ok(()) => None,
        Err(RecvTimeoutError::Timeout) => Some(format!("took more than {TIME_LIMIT:?}")),
        Err(RecvTimeoutError::Disconnected) => Some("panicked".to_owned()),
    }
}

#[test]
fn kept_inputs_run_through_their_target_without_panic_in_bounded_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut failures = Vec::new();
    let mut inputs = 0;
    for dir in files_in(&root) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let target = Target::ALL
            .into_iter()
            .find(|target| target.name() == name)
            .unwrap_or_else(|| panic!("{}: no fuzz target has that name", dir.display()));
        for input in files_in(&dir) {
            inputs += 1;
            if let Some(failure) = failure(target, &input) {
                failures.push(format!("{}: {failure}", input.display()));
            }
        }
    }
    assert!(inputs > 0, "{} holds no input", root.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
