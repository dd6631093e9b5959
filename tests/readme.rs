//! The README is the user's entry point: its rule table and its test command must stay true.

use irlint::rules::RULES;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_rule_table_lists_every_rule_with_its_name_and_level() {
    let readme = read("README.md");
    for rule in RULES {
        let meta = rule.meta();
        let row = format!("| {} | {} | {} |", meta.id, meta.name, meta.level.as_str());
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}

#[test]
fn ci_runs_the_test_command_the_readme_gives() {
    let readme = read("README.md");
    let setup = readme
        .split("## Set-up")
        .nth(1)
        .and_then(|rest| rest.split("```sh").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("README.md has a Set-up section with a sh block");
    let commands: Vec<&str> = setup
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        commands.len(),
        2,
        "the set-up is two commands: {commands:?}"
    );
    let ci = read(".ci/run");
    assert!(
        ci.lines().any(|line| line.trim() == commands[1]),
        ".ci/run must run `{}`",
        commands[1]
    );
}

/// The options `irlint --help` lists (`--format`, `-o, --output`), without help and version.
fn options_in_help() -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_irlint"))
        .arg("--help")
        .output()
        .expect("irlint --help runs");
    let help = String::from_utf8(output.stdout).expect("UTF-8 help");
    help.lines()
        .map(str::trim_start)
        .filter(|line| line.starts_with("--") || (line.starts_with('-') && line.contains(", --")))
        .filter_map(|line| line.split_whitespace().find(|word| word.starts_with("--")))
        .map(|option| option.trim_end_matches(',').to_owned())
        .filter(|option| option != "--help" && option != "--version")
        .collect()
}

/// The options the README's Usage table has a row for.
fn options_in_readme() -> Vec<String> {
    let readme = read("README.md");
    let usage = readme
        .split("## Usage")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README.md has a Usage section");
    usage
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|cell| cell.split('`').next())
        .filter_map(|cell| cell.split_whitespace().find(|word| word.starts_with("--")))
        .map(|option| option.trim_end_matches(',').to_owned())
        .collect()
}

#[test]
fn the_usage_table_documents_every_option_of_the_help_and_no_other() {
    let help = options_in_help();
    let readme = options_in_readme();
    assert!(help.len() > 20, "the help lists the options: {help:?}");
    let undocumented: Vec<&String> = help.iter().filter(|o| !readme.contains(o)).collect();
    let unknown: Vec<&String> = readme.iter().filter(|o| !help.contains(o)).collect();
    assert!(
        undocumented.is_empty(),
        "README.md's Usage table lacks {undocumented:?}"
    );
    assert!(
        unknown.is_empty(),
        "README.md's Usage table documents options irlint does not have: {unknown:?}"
    );
}
