//! The README is the user's entry point: its rule table and its test command must stay true.

use irlint::rules::RULES;

mod support;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A cell of the rule table as the README writes `text`: a `|`, even inside a code span, would
/// end the cell in GitHub's tables, so it is escaped; backticks stay code spans.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The cells of a table row, split at the `|` that are not escaped (`\|` stays in its cell).
fn row_cells(row: &str) -> Vec<String> {
    let inner = row
        .trim()
        .strip_prefix('|')
        .and_then(|rest| rest.strip_suffix('|'))
        .unwrap_or_else(|| panic!("a table row starts and ends with `|`: {row}"));
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for character in inner.chars() {
        match (character, escaped) {
            ('|', false) => cells.push(String::new()),
            _ => cells
                .last_mut()
                .into_iter()
                .for_each(|cell| cell.push(character)),
        }
        escaped = character == '\\' && !escaped;
    }
    cells.iter().map(|cell| cell.trim().to_owned()).collect()
}

/// The body rows of the README's rule table, cell by cell.
fn rule_table_rows() -> Vec<Vec<String>> {
    let readme = read("README.md");
    let table = readme
        .split("\n## Rules\n")
        .nth(1)
        .and_then(|rest| {
            rest.split("| id | name | level | finds |\n|---|---|---|---|\n")
                .nth(1)
        })
        .expect("README.md has a Rules section with the table `| id | name | level | finds |`");
    table
        .lines()
        .take_while(|line| line.starts_with('|'))
        .map(row_cells)
        .collect()
}

#[test]
fn the_rule_table_lists_every_rule_with_its_name_and_level() {
    let rows = rule_table_rows();
    let expected: Vec<Vec<String>> = RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            vec![
                meta.id.to_owned(),
                meta.name.to_owned(),
                meta.level.as_str().to_owned(),
                table_cell(meta.summary),
            ]
        })
        .collect();
    for row in &expected {
        let listed = rows.iter().find(|listed| listed.first() == row.first());
        assert_eq!(
            listed,
            Some(row),
            "README.md's row for {} must be `| {} |` (the catalogue's metadata)",
            row[0],
            row.join(" | ")
        );
    }
    for row in &rows {
        assert!(
            expected.iter().any(|rule| rule.first() == row.first()),
            "README.md lists a rule irlint does not have: {row:?}"
        );
    }
    let order: Vec<&String> = rows.iter().filter_map(|row| row.first()).collect();
    let catalogue: Vec<&String> = expected.iter().filter_map(|row| row.first()).collect();
    assert_eq!(
        order, catalogue,
        "the README lists the rules once each, in the catalogue's order"
    );
}

#[test]
fn a_rule_table_cell_escapes_its_bars_and_keeps_its_code_spans() {
    let summary = "a `|` or `a || b` in `code`";
    let row = format!("| IRL000 | name | error | {} |", table_cell(summary));
    assert_eq!(
        row_cells(&row),
        ["IRL000", "name", "error", &table_cell(summary)]
    );
    assert_eq!(table_cell(summary), "a `\\|` or `a \\|\\| b` in `code`");
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
    let help = support::run(support::irlint().arg("--help")).stdout;
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
