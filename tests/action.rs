//! The GitHub Action (`action.yml`) and the workflows in `.github/workflows/`: inputs reach
//! scripts only through the environment (an expression inside a script is template injection),
//! every script of the action names its shell (composite actions require it), every action used
//! is pinned by commit, and the README documents every input.
//!
//! The action's own scripts also run here, with bash, as a runner would run them: the install
//! step against a local directory standing in for the GitHub releases (`IRLINT_RELEASES_URL`),
//! the lint step with a stand-in irlint that records its arguments, and the report step on the
//! SARIF log the real irlint writes.
//!
//! The files are read as text: these checks need only YAML's block structure, which the files
//! keep simple (block sequences of steps, block scalars for scripts).

use std::path::Path;

mod support;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `action.yml` and every workflow, with their paths.
fn action_and_workflows() -> Vec<(String, String)> {
    let mut files = vec![("action.yml".to_owned(), read(&root().join("action.yml")))];
    let workflows = root().join(".github/workflows");
    let mut paths: Vec<_> = std::fs::read_dir(&workflows)
        .unwrap_or_else(|e| panic!("{}: {e}", workflows.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yml" || ext == "yaml")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no workflow in .github/workflows");
    for path in paths {
        let name = format!(
            ".github/workflows/{}",
            path.file_name().unwrap_or_default().display()
        );
        files.push((name, read(&path)));
    }
    files
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank lines and comments say nothing about structure.
fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// One item of a `steps:` sequence, its `- ` replaced by spaces so that every key of the step
/// has the same indentation.
struct Step {
    /// Where the step starts, 1-based.
    line: usize,
    lines: Vec<String>,
    key_indent: usize,
}

impl Step {
    /// The key's value: the rest of its line and every line indented deeper below it.
    fn value(&self, key: &str) -> Option<String> {
        let prefix = format!("{key}:");
        let start = self.lines.iter().position(|line| {
            indent(line) == self.key_indent && line.trim_start().starts_with(&prefix)
        })?;
        let mut value = vec![
            self.lines[start].trim_start()[prefix.len()..]
                .trim()
                .to_owned(),
        ];
        value.extend(
            self.lines[start + 1..]
                .iter()
                .take_while(|line| !is_content(line) || indent(line) > self.key_indent)
                .cloned(),
        );
        Some(value.join("\n"))
    }
}

/// Every step of every `steps:` sequence in the file.
fn steps(yaml: &str) -> Vec<Step> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut steps = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.trim() != "steps:" {
            continue;
        }
        let parent = indent(line);
        let mut items = lines[index + 1..]
            .iter()
            .enumerate()
            .map(|(offset, line)| (index + 2 + offset, *line))
            .take_while(|(_, line)| {
                !is_content(line)
                    || indent(line) > parent
                    || (indent(line) == parent && line.trim_start().starts_with("- "))
            })
            .peekable();
        let item_indent = items
            .peek()
            .map(|(_, line)| indent(line))
            .expect("a step follows `steps:`");
        for (number, line) in items {
            if indent(line) == item_indent && line.trim_start().starts_with("- ") {
                steps.push(Step {
                    line: number,
                    lines: vec![line.replacen("- ", "  ", 1)],
                    key_indent: item_indent + 2,
                });
            } else if let Some(step) = steps.last_mut() {
                step.lines.push(line.to_owned());
            }
        }
    }
    steps
}

#[test]
fn no_script_contains_an_expression() {
    for (path, yaml) in action_and_workflows() {
        for step in steps(&yaml) {
            if let Some(script) = step.value("run") {
                assert!(
                    !script.contains("${{"),
                    "{path}:{}: a script must read inputs and contexts from `env:`, not `${{{{ … }}}}`:\n{script}",
                    step.line
                );
            }
        }
    }
}

#[test]
fn every_script_of_the_action_names_its_shell() {
    let action = read(&root().join("action.yml"));
    let steps = steps(&action);
    let scripts: Vec<&Step> = steps
        .iter()
        .filter(|step| step.value("run").is_some())
        .collect();
    assert!(scripts.len() >= 3, "action.yml has its scripts");
    for step in scripts {
        assert!(
            step.value("shell").is_some_and(|shell| !shell.is_empty()),
            "action.yml:{}: a step with `run:` needs `shell:`",
            step.line
        );
    }
}

/// Code scanning takes a result marked suppressed for an open alert (see the README): the SARIF
/// log the action uploads holds only the findings no suppression covers.
#[test]
fn the_action_never_uploads_suppressed_findings() {
    let action = read(&root().join("action.yml"));
    let scripts: Vec<String> = (steps(&action).iter())
        .filter_map(|step| step.value("run"))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|script| script.contains("--format sarif"))
    );
    for script in scripts {
        assert!(!script.contains("--include-suppressed"), "{script}");
    }
}

/// `./`, or `owner/repository[/path]@` and a full commit sha.
fn is_pinned(action: &str) -> bool {
    if action.starts_with("./") {
        return true;
    }
    action.split_once('@').is_some_and(|(name, commit)| {
        name.split('/').count() >= 2
            && commit.len() == 40
            && commit.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[test]
fn every_action_used_is_pinned_by_commit() {
    let mut used = 0;
    for (path, yaml) in action_and_workflows() {
        for (number, line) in yaml.lines().enumerate() {
            let Some(value) = line
                .trim_start()
                .trim_start_matches("- ")
                .strip_prefix("uses:")
            else {
                continue;
            };
            let action = value.split('#').next().unwrap_or_default().trim();
            assert!(
                is_pinned(action),
                "{path}:{}: `{action}` must be pinned to a commit sha",
                number + 1
            );
            used += 1;
        }
    }
    assert!(used > 0, "the files use actions");
    assert!(is_pinned(
        "actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830"
    ));
    assert!(!is_pinned("actions/cache@v4"));
}

#[test]
fn checkouts_do_not_keep_credentials() {
    for (path, yaml) in action_and_workflows() {
        for step in steps(&yaml) {
            if step
                .value("uses")
                .is_some_and(|uses| uses.starts_with("actions/checkout@"))
            {
                let with = step.value("with").unwrap_or_default();
                assert!(
                    with.lines()
                        .any(|line| line.trim() == "persist-credentials: false"),
                    "{path}:{}: check out with `persist-credentials: false`",
                    step.line
                );
            }
        }
    }
}

/// The keys directly below a top-level key (`inputs:`, `outputs:`).
fn keys_of(yaml: &str, section: &str) -> Vec<String> {
    yaml.lines()
        .skip_while(|line| *line != format!("{section}:"))
        .skip(1)
        .take_while(|line| !is_content(line) || indent(line) > 0)
        .filter(|line| is_content(line) && indent(line) == 2)
        .filter_map(|line| line.trim().strip_suffix(':').map(str::to_owned))
        .collect()
}

#[test]
fn the_readme_documents_every_input_and_output() {
    let action = read(&root().join("action.yml"));
    let readme = read(&root().join("README.md"));
    let inputs = keys_of(&action, "inputs");
    assert_eq!(
        inputs,
        [
            "paths",
            "base",
            "format",
            "fail-on",
            "new-only",
            "config",
            "config-from-base",
            "sarif-file",
            "upload-sarif",
            "category",
            "version"
        ]
    );
    for name in inputs.iter().chain(&keys_of(&action, "outputs")) {
        let row = format!("| `{name}` |");
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}

#[test]
fn the_cache_is_saved_with_the_paths_it_is_restored_with() {
    let action = read(&root().join("action.yml"));
    let steps = steps(&action);
    let paths_of = |action_name: &str| {
        let step = steps
            .iter()
            .find(|step| {
                step.value("uses")
                    .is_some_and(|uses| uses.starts_with(action_name))
            })
            .unwrap_or_else(|| panic!("action.yml uses {action_name}"));
        let with = step.value("with").unwrap_or_default();
        let paths: Vec<String> = with
            .lines()
            .skip_while(|line| line.trim() != "path: |")
            .skip(1)
            .take_while(|line| line.trim().starts_with('~'))
            .map(|line| line.trim().to_owned())
            .collect();
        assert!(!paths.is_empty(), "{action_name} names its paths");
        paths
    };
    // The cache's version depends on its paths: a save with others is never restored.
    assert_eq!(
        paths_of("actions/cache/restore@"),
        paths_of("actions/cache/save@")
    );
}

/// The script of the step of `file` (relative to the repository) with this key and value, as the
/// runner hands it to bash: the literal block without its indentation.
fn script_of(file: &str, key: &str, value: &str) -> String {
    let yaml = read(&root().join(file));
    let step = steps(&yaml)
        .into_iter()
        .find(|step| step.value(key).as_deref() == Some(value))
        .unwrap_or_else(|| panic!("{file} has a step whose {key} is {value}"));
    let run = step.value("run").expect("the step has a script");
    let mut lines = run.lines();
    assert_eq!(lines.next(), Some("|"), "the script is a literal block");
    let body: Vec<&str> = lines.collect();
    let margin = body
        .iter()
        .find(|line| !line.trim().is_empty())
        .map_or(0, |line| indent(line));
    // The block ends at the first line indented less than its first (a comment before the next
    // step).
    let mut script = String::new();
    for line in body
        .iter()
        .take_while(|line| line.trim().is_empty() || indent(line) >= margin)
    {
        script.push_str(line.get(margin..).unwrap_or_default());
        script.push('\n');
    }
    script
}

/// A runner's job for the action's scripts: a workspace, a home, a temporary directory and the
/// files `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`, all in a temporary directory.
#[cfg(unix)]
struct Job {
    dir: tempfile::TempDir,
}

#[cfg(unix)]
struct StepRun {
    status: Option<i32>,
    /// Standard output and error, where the runner's log would show them.
    log: String,
    outputs: std::collections::HashMap<String, String>,
    summary: String,
}

#[cfg(unix)]
impl Job {
    fn new() -> Job {
        let dir = support::project(&[]);
        for sub in ["workspace", "home", "runner-temp"] {
            std::fs::create_dir(dir.path().join(sub)).expect("job directory");
        }
        Job { dir }
    }

    fn workspace(&self) -> std::path::PathBuf {
        self.dir.path().join("workspace")
    }

    fn home(&self) -> std::path::PathBuf {
        self.dir.path().join("home")
    }

    fn runner_temp(&self) -> std::path::PathBuf {
        self.dir.path().join("runner-temp")
    }

    /// Runs the step's script as `shell: bash` does (`bash --noprofile --norc -eo pipefail`) in
    /// the workspace, on a Linux X64 runner, with only the environment a runner gives and `env`
    /// (the step's `env:`).
    fn run(&self, id: &str, env: &[(&str, &str)]) -> StepRun {
        self.run_script(id, &script_of("action.yml", "id", id), env)
    }

    /// Runs a script as [`Job::run`] runs a step of the action; `id` names its files.
    fn run_script(&self, id: &str, text: &str, env: &[(&str, &str)]) -> StepRun {
        let script = self.dir.path().join(format!("{id}.sh"));
        std::fs::write(&script, text).expect("the script is written");
        let outputs = self.dir.path().join(format!("{id}.outputs"));
        let summary = self.dir.path().join(format!("{id}.summary"));
        for file in [&outputs, &summary] {
            std::fs::write(file, "").expect("a runner file");
        }
        let output = std::process::Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(self.workspace())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("RUNNER_TEMP", self.runner_temp())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_WORKSPACE", self.workspace())
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_PATH", self.dir.path().join("path"))
            .env("GITHUB_ENV", self.dir.path().join("env"))
            .envs(env.iter().copied())
            .output()
            .expect("bash runs");
        StepRun {
            status: output.status.code(),
            log: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            outputs: read(&outputs)
                .lines()
                .filter_map(|line| line.split_once('='))
                .map(|(key, value)| (key.to_owned(), value.to_owned()))
                .collect(),
            summary: read(&summary),
        }
    }
}

#[cfg(unix)]
fn make_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).expect("the script is written");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .expect("the script is executable");
}

#[cfg(unix)]
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The source hash the release workflow publishes, of the action's own source.
#[cfg(unix)]
fn own_source_hash() -> String {
    let output = std::process::Command::new(root().join(".github/source-hash.sh"))
        .output()
        .expect("source-hash.sh runs");
    assert!(output.status.success(), "source-hash.sh succeeds");
    let hash = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    assert_eq!(hash.len(), 40, "a git object id: {hash}");
    hash
}

#[cfg(unix)]
const LINUX_TARGET: &str = "x86_64-unknown-linux-musl";

/// A directory laid out as the GitHub releases are (`v<version>/<asset>`), holding one release
/// for Linux X64 whose binary is a shell script, `irlint-source.txt` saying `source`, and the
/// archive's checksum file saying `checksum`, or the real one.
#[cfg(unix)]
fn fake_releases(source: &str, checksum: Option<&str>) -> tempfile::TempDir {
    let releases = support::project(&[]);
    let release = releases
        .path()
        .join(format!("v{}", env!("CARGO_PKG_VERSION")));
    let unpacked = releases.path().join(format!("irlint-{LINUX_TARGET}"));
    std::fs::create_dir_all(&release).expect("release directory");
    std::fs::create_dir(&unpacked).expect("archive directory");
    make_executable(
        &unpacked.join("irlint"),
        "#!/bin/sh\necho 'irlint 0.0.0-fake'\n",
    );
    let archive = format!("irlint-{LINUX_TARGET}.tar.gz");
    let status = std::process::Command::new("tar")
        .arg("-czf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(releases.path())
        .arg(format!("irlint-{LINUX_TARGET}"))
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar packs the release");
    let real_checksum = sha256_hex(&std::fs::read(release.join(&archive)).expect("the archive"));
    std::fs::write(
        release.join(format!("{archive}.sha256")),
        format!("{}  {archive}\n", checksum.unwrap_or(&real_checksum)),
    )
    .expect("checksum file");
    std::fs::write(release.join("irlint-source.txt"), format!("{source}\n")).expect("source file");
    releases
}

#[cfg(unix)]
fn install(job: &Job, releases: &Path, version: &str) -> StepRun {
    let url = format!("file://{}", releases.display());
    job.run(
        "install",
        &[("IRLINT_RELEASES_URL", &url), ("IRLINT_VERSION", version)],
    )
}

#[cfg(unix)]
fn assert_installs_the_release(job: &Job, run: &StepRun) {
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(
        run.outputs.get("install").map(String::as_str),
        Some("release")
    );
    let binary = job
        .runner_temp()
        .join(format!("irlint-v{version}/irlint-{LINUX_TARGET}/irlint"));
    assert_eq!(
        run.outputs.get("binary").map(String::as_str),
        binary.to_str()
    );
    assert!(
        run.log.contains(&format!(
            "installed irlint 0.0.0-fake from release v{version} (irlint-{LINUX_TARGET}.tar.gz, SHA-256 verified)"
        )),
        "{}",
        run.log
    );
}

#[cfg(unix)]
fn assert_builds_instead(job: &Job, run: &StepRun, why: &str) {
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(
        run.outputs.get("install").map(String::as_str),
        Some("build")
    );
    let built = job.home().join(".irlint-action/bin/irlint");
    assert_eq!(
        run.outputs.get("binary").map(String::as_str),
        built.to_str()
    );
    assert!(
        run.log.contains("irlint: no release matches: ")
            && run.log.contains(why)
            && run.log.contains("building irlint from the action's source"),
        "{}",
        run.log
    );
}

#[cfg(unix)]
#[test]
fn the_release_built_from_the_actions_source_is_installed() {
    let releases = fake_releases(&own_source_hash(), None);
    let job = Job::new();
    let run = install(&job, releases.path(), "");
    assert_installs_the_release(&job, &run);
}

#[cfg(unix)]
#[test]
fn a_release_whose_checksum_does_not_match_fails_the_step() {
    let releases = fake_releases(&own_source_hash(), Some(&"0".repeat(64)));
    let job = Job::new();
    let run = install(&job, releases.path(), "");
    assert_eq!(run.status, Some(2), "{}", run.log);
    assert!(
        run.log.contains(
            "::error title=irlint::the SHA-256 checksum of irlint-x86_64-unknown-linux-musl.tar.gz"
        ) && run.log.contains("does not match"),
        "{}",
        run.log
    );
    assert!(
        !run.outputs.contains_key("install"),
        "no fallback to a build"
    );
    // An explicit version is checked the same way.
    let run = install(&job, releases.path(), env!("CARGO_PKG_VERSION"));
    assert_eq!(run.status, Some(2), "{}", run.log);
}

#[cfg(unix)]
#[test]
fn a_release_of_other_source_is_not_used_by_default() {
    let releases = fake_releases("0123456789abcdef0123456789abcdef01234567", None);
    let job = Job::new();
    let run = install(&job, releases.path(), "");
    assert_builds_instead(&job, &run, "was built from other source than the action's");
}

#[cfg(unix)]
#[test]
fn a_release_named_by_the_version_input_is_used_whatever_its_source() {
    let releases = fake_releases("0123456789abcdef0123456789abcdef01234567", None);
    let job = Job::new();
    let run = install(
        &job,
        releases.path(),
        &format!("v{}", env!("CARGO_PKG_VERSION")),
    );
    assert_installs_the_release(&job, &run);
}

#[cfg(unix)]
#[test]
fn without_a_release_the_action_builds_irlint() {
    let empty = support::project(&[]);
    let job = Job::new();
    let run = install(&job, empty.path(), "");
    assert_builds_instead(&job, &run, "has no irlint-source.txt");

    // A runner no release is built for.
    let releases = fake_releases(&own_source_hash(), None);
    let url = format!("file://{}", releases.path().display());
    let run = job.run(
        "install",
        &[("IRLINT_RELEASES_URL", &url), ("RUNNER_ARCH", "ARM")],
    );
    assert_builds_instead(&job, &run, "no release binary is built for Linux on ARM");
}

#[cfg(unix)]
#[test]
fn a_version_input_without_its_release_fails_the_step() {
    let empty = support::project(&[]);
    let job = Job::new();
    let run = install(&job, empty.path(), "9.9.9");
    assert_eq!(run.status, Some(2), "{}", run.log);
    assert!(
        run.log
            .contains("::error title=irlint::cannot install irlint 9.9.9: release v9.9.9 has no"),
        "{}",
        run.log
    );
    let run = install(&job, empty.path(), "../../etc");
    assert_eq!(run.status, Some(2), "{}", run.log);
    assert!(run.log.contains("version must be a release's version"));
}

/// Runs the Lint step with a stand-in for irlint that records its arguments and writes a SARIF
/// log where asked; the step's inputs are the defaults but for `inputs`. The run, and the
/// arguments of each call, one line each.
#[cfg(unix)]
fn lint_step(inputs: &[(&str, &str)]) -> (StepRun, String) {
    let job = Job::new();
    let arguments = job.dir.path().join("arguments");
    let irlint = job.dir.path().join("irlint");
    make_executable(
        &irlint,
        "#!/bin/sh\n\
         printf '[%s]' \"$@\" >> \"$ARGUMENTS\"\n\
         echo >> \"$ARGUMENTS\"\n\
         while [ $# -gt 0 ]; do\n\
         if [ \"$1\" = --output ]; then echo '{}' > \"$2\"; fi\n\
         shift\n\
         done\n",
    );
    let defaults = [
        ("IRLINT_PATHS", "."),
        ("IRLINT_BASE", ""),
        ("IRLINT_FORMAT", "text"),
        ("IRLINT_FAIL_ON", "error"),
        ("IRLINT_NEW_ONLY", "false"),
        ("IRLINT_CONFIG", ""),
        ("IRLINT_CONFIG_FROM_BASE", "false"),
        ("IRLINT_SARIF_FILE", "irlint.sarif"),
    ];
    let mut env = vec![
        ("ARGUMENTS", arguments.to_str().expect("a UTF-8 path")),
        ("IRLINT_BINARY", irlint.to_str().expect("a UTF-8 path")),
    ];
    for (name, default) in defaults {
        let given = inputs.iter().find(|(input, _)| *input == name);
        env.push(given.copied().unwrap_or((name, default)));
    }
    let run = job.run("lint", &env);
    let called = std::fs::read_to_string(&arguments).unwrap_or_default();
    (run, called)
}

#[cfg(unix)]
#[test]
fn the_lint_step_takes_one_path_per_line_spaces_included() {
    let paths = "infra stacks\n  dir with spaces \r\n\n-odd\n";
    let (run, called) = lint_step(&[("IRLINT_PATHS", paths)]);
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(run.outputs.get("status").map(String::as_str), Some("0"));
    assert_eq!(
        called,
        "[--format][sarif][--output][irlint.sarif][--][infra stacks][dir with spaces][-odd]\n\
         [--format][text][--color][always][--fail-level][error][--][infra stacks][dir with spaces][-odd]\n"
    );
}

/// `new-only` judges the job by what the change brings in, and leaves the SARIF log whole: code
/// scanning would read the findings left out as fixed.
#[cfg(unix)]
#[test]
fn new_only_narrows_the_log_and_its_verdict_not_the_sarif_log() {
    let with_base = [("IRLINT_BASE", "abc123"), ("IRLINT_NEW_ONLY", "true")];
    let (run, called) = lint_step(&with_base);
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(
        called,
        "[--base][abc123][--format][sarif][--output][irlint.sarif][--][.]\n\
         [--base][abc123][--new-only][--format][text][--color][always][--fail-level][error][--][.]\n"
    );
    // Without a base revision there is nothing to leave out, and irlint would refuse the option.
    let (run, called) = lint_step(&[("IRLINT_NEW_ONLY", "true")]);
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert!(!called.contains("--new-only"), "{called}");
    let (run, called) = lint_step(&[("IRLINT_NEW_ONLY", "yes")]);
    assert_eq!(run.status, Some(2), "{}", run.log);
    assert!(
        run.log
            .contains("::error title=irlint::new-only must be true or false"),
        "{}",
        run.log
    );
    assert_eq!(called, "", "irlint is not run");
}

/// The SARIF log irlint writes on a corpus case whose replication set has a hostile name.
#[cfg(unix)]
fn hostile_sarif(dir: &Path) -> support::Run {
    let case = root().join("test-corpus/cloudformation/irl004-single-region-unprotected");
    let template = read(&case.join("template.yaml"));
    let hostile = template.replacen("  ReplicationSet:", "  \"Set|<b>&`x`\":", 1);
    assert_ne!(template, hostile, "the case names its replication set");
    support::write(dir, "template.yaml", hostile);
    let run = support::run(
        support::irlint()
            .args(["--format", "sarif", "--", "template.yaml"])
            .current_dir(dir),
    );
    assert_eq!(run.code, 0, "a warning only");
    run
}

#[cfg(unix)]
fn report(job: &Job, category: &str) -> StepRun {
    job.run(
        "report",
        &[
            ("IRLINT_SARIF_FILE", "irlint.sarif"),
            ("IRLINT_CATEGORY", category),
        ],
    )
}

#[cfg(unix)]
#[test]
fn the_report_step_counts_and_summarizes_the_findings_as_plain_text() {
    let job = Job::new();
    let sarif_path = job.workspace().join("irlint.sarif");
    std::fs::write(&sarif_path, hostile_sarif(&job.workspace()).stdout)
        .expect("the log is written");
    let run = report(&job, "infra");
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(run.outputs.get("findings").map(String::as_str), Some("1"));
    let log: serde_json::Value = serde_json::from_str(&read(&sarif_path)).expect("JSON");
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "infra/");
    // `|` would end the cell, `<b>` would be HTML, backticks a code span.
    assert_eq!(
        run.summary,
        "### irlint: 1 finding (1 warning)\n\
         \n\
         Category infra, SARIF log irlint\\.sarif.\n\
         \n\
         | rule | level | location | message |\n\
         | --- | --- | --- | --- |\n\
         | IRL004 | warning | template\\.yaml\\:7 | replication set \\`Set\\|&lt;b&gt;&amp;\\`x\\`\\` \
         has a single region \\(the region of the stack\\) and no deletion protection\\: deleting \
         that region deletes all incident data |\n"
    );

    // The default category is irlint's own.
    let run = report(&job, "irlint");
    assert_eq!(run.status, Some(0), "{}", run.log);
    let log: serde_json::Value = serde_json::from_str(&read(&sarif_path)).expect("JSON");
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "irlint/");
}

#[cfg(unix)]
#[test]
fn the_summary_lists_the_first_hundred_findings_and_counts_the_rest() {
    let job = Job::new();
    let mut log = hostile_sarif(&job.workspace()).json();
    let result = log["runs"][0]["results"][0].clone();
    let mut results = vec![result; 130];
    // Suppressed findings are no findings.
    for suppressed in &mut results[120..] {
        suppressed["suppressions"] = serde_json::json!([{ "kind": "inSource" }]);
    }
    log["runs"][0]["results"] = serde_json::Value::Array(results);
    std::fs::write(job.workspace().join("irlint.sarif"), log.to_string()).expect("written");
    let run = report(&job, "irlint");
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(run.outputs.get("findings").map(String::as_str), Some("120"));
    assert!(
        run.summary
            .starts_with("### irlint: 120 findings (120 warnings)\n"),
        "{}",
        run.summary
    );
    let rows = run
        .summary
        .lines()
        .filter(|line| line.starts_with("| IRL004 |"))
        .count();
    assert_eq!(rows, 100);
    assert!(
        run.summary
            .ends_with("\n… and 20 more: see the SARIF log or the Lint step.\n"),
        "{}",
        run.summary
    );
}

#[cfg(unix)]
#[test]
fn the_action_installs_what_the_release_workflow_packs() {
    let job = Job::new();
    // A checkout after maturin's build for macOS on arm64, whose binary is a shell script.
    let target = "aarch64-apple-darwin";
    let built = job.workspace().join(format!("target/{target}/release"));
    std::fs::create_dir_all(&built).expect("target directory");
    make_executable(
        &built.join("irlint"),
        "#!/bin/sh\necho 'irlint 0.0.0-fake'\n",
    );
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "README.md"] {
        std::fs::copy(root().join(file), job.workspace().join(file)).expect("copied");
    }
    let wheel = "irlint-0.0.0-py3-none-macosx_11_0_arm64.whl";
    support::write(&job.workspace(), &format!("dist/{wheel}"), "a wheel");
    let package = script_of(
        ".github/workflows/release.yml",
        "name",
        "Package the binary with its checksum",
    );
    let run = job.run_script(
        "package",
        &package,
        &[("TARGET", target), ("RUNS_HERE", "false")],
    );
    assert_eq!(run.status, Some(0), "{}", run.log);

    // The release: what the job packed, and the source's hash.
    let releases = support::project(&[]);
    let release = releases
        .path()
        .join(format!("v{}", env!("CARGO_PKG_VERSION")));
    std::fs::rename(job.workspace().join("release"), &release).expect("moved");
    let mut files: Vec<String> = std::fs::read_dir(&release)
        .expect("the release")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            wheel.to_owned(),
            format!("irlint-{target}.tar.gz"),
            format!("irlint-{target}.tar.gz.sha256")
        ]
    );
    std::fs::write(release.join("irlint-source.txt"), own_source_hash()).expect("written");

    let url = format!("file://{}", releases.path().display());
    let run = job.run(
        "install",
        &[
            ("IRLINT_RELEASES_URL", &url),
            ("IRLINT_VERSION", ""),
            ("RUNNER_OS", "macOS"),
            ("RUNNER_ARCH", "ARM64"),
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.log);
    assert_eq!(
        run.outputs.get("install").map(String::as_str),
        Some("release"),
        "{}",
        run.log
    );
    assert!(
        run.log.contains(&format!(
            "installed irlint 0.0.0-fake from release v{} (irlint-{target}.tar.gz, SHA-256 verified)",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        run.log
    );
}
