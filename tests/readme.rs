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
