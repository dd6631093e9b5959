//! The GitHub Action (`action.yml`) and the workflows in `.github/workflows/`: inputs reach
//! scripts only through the environment (an expression inside a script is template injection),
//! every script of the action names its shell (composite actions require it), every action used
//! is pinned by commit, and the README documents every input.
//!
//! The files are read as text: these checks need only YAML's block structure, which the files
//! keep simple (block sequences of steps, block scalars for scripts).

use std::path::Path;

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
            "config",
            "config-from-base",
            "sarif-file",
            "upload-sarif"
        ]
    );
    for name in inputs.iter().chain(&keys_of(&action, "outputs")) {
        let row = format!("| `{name}` |");
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}
