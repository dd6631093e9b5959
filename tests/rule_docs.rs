//! Every rule document's examples are linted: its "Example" code blocks must make the rule fire,
//! its "Fix" code blocks must leave it silent. A document is what `irlint --explain` prints, so
//! an example that no longer fires (or a fix that still does) misleads the user it is meant to
//! help.
//!
//! A block's language tag says its format (`hcl` is written as `main.tf`, `yaml` as
//! `template.yaml`, …); a block tagged `text` is printed output, not code. A change rule's
//! "Example" shows the base revision first and then the working tree, or only the base revision
//! when the change removes the file's resources (the file is deleted); each of its "Fix" blocks
//! is a working tree compared with that base. A block that is a fragment, not a whole file, is
//! marked by the line `<!-- fragment -->` right before it and is not linted.

use std::path::Path;

use irlint::rules::{RULES, Registered};

mod support;

/// The line that marks the next code block as a fragment, which cannot be linted alone.
const FRAGMENT_MARK: &str = "<!-- fragment -->";

/// A fenced code block of a rule document.
struct Block {
    language: String,
    code: String,
    fragment: bool,
}

/// The code blocks of the section `## {heading}` of a rule document, up to the next section.
fn blocks_of_section(document: &str, heading: &str) -> Vec<Block> {
    let start = format!("## {heading}\n");
    let Some(section) = document.split(&start).nth(1) else {
        return Vec::new();
    };
    let section = section.split("\n## ").next().unwrap_or_default();
    let mut blocks = Vec::new();
    let mut previous_line = "";
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(language) = line.strip_prefix("```") {
            let code: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push(Block {
                language: language.trim().to_owned(),
                code: code.join("\n") + "\n",
                fragment: previous_line.trim() == FRAGMENT_MARK,
            });
        }
        if !line.trim().is_empty() {
            previous_line = line;
        }
    }
    blocks
}

/// The file a block of this language is written to, and the files the format needs beside it.
fn project_files(language: &str) -> (&'static str, &'static [(&'static str, &'static str)]) {
    const PULUMI_NODEJS_PROJECT: &[(&str, &str)] =
        &[("Pulumi.yaml", "name: docs\nruntime: nodejs\n")];
    const PULUMI_PYTHON_PROJECT: &[(&str, &str)] =
        &[("Pulumi.yaml", "name: docs\nruntime: python\n")];
    match language {
        "hcl" | "terraform" => ("main.tf", &[]),
        "yaml" => ("template.yaml", &[]),
        "json" => ("template.json", &[]),
        "typescript" | "ts" => ("index.ts", PULUMI_NODEJS_PROJECT),
        "python" => ("__main__.py", PULUMI_PYTHON_PROJECT),
        other => panic!(
            "a rule document's code block has the language `{other}`, which the test does not know"
        ),
    }
}

/// Whether `rule` fires in `dir` (with `--base HEAD` when `base` is set), failing the test when
/// a file could not be read or parsed: an example must be valid code. The run selects only
/// `rule`, but for a suppression rule, which judges suppressions by the findings of the rules
/// they name: those rules must run too.
fn fires_in(dir: &Path, rule: &str, base: bool) -> bool {
    let judges_suppressions = RULES.iter().any(|registered| {
        matches!(registered, Registered::Suppression(_)) && registered.meta().id == rule
    });
    let mut command = support::irlint();
    command
        .current_dir(dir)
        .args(["--format", "json", "--exit-zero"]);
    if !judges_suppressions {
        command.args(["--select", rule]);
    }
    if base {
        command.args(["--base", "HEAD"]);
    }
    let report = support::run(command.arg(".")).json();
    let errors = report["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.is_empty(),
        "{rule}: the code does not parse: {errors:?}"
    );
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|finding| finding["rule"] == rule)
}

/// Writes `block` into a fresh project directory and returns the directory.
fn project_with(block: &Block) -> tempfile::TempDir {
    let (file, beside) = project_files(&block.language);
    let dir = support::project(beside);
    support::write(dir.path(), file, &block.code);
    dir
}

/// Whether the rule fires on `block` alone.
fn fires_on(rule: &str, block: &Block) -> bool {
    let dir = project_with(block);
    fires_in(dir.path(), rule, false)
}

/// Whether the rule fires on `working_tree` (the file deleted when `None`) against a git
/// repository whose base commit holds `base`.
fn fires_on_change(rule: &str, base: &Block, working_tree: Option<&Block>) -> bool {
    let dir = project_with(base);
    support::git(dir.path(), &["init", "-q"]);
    support::git(dir.path(), &["add", "-A"]);
    support::git(dir.path(), &["commit", "-q", "-m", "base"]);
    let (file, _) = project_files(&base.language);
    let path = dir.path().join(file);
    match working_tree {
        Some(block) => std::fs::write(&path, &block.code).expect("the working tree is written"),
        None => std::fs::remove_file(&path).expect("the file is removed"),
    }
    fires_in(dir.path(), rule, true)
}

/// What the documents' examples showed, for the summary the test prints.
#[derive(Default)]
struct Tally {
    examples_firing: usize,
    fixes_clean: usize,
    fragments: usize,
}

/// Fragment marks allowed over all documents: a document is read by users, who copy whole
/// examples, so a block is completed rather than marked wherever it can be.
const MAX_FRAGMENTS: usize = 2;

/// Lints the code blocks of the rule's document and returns what is wrong with them.
fn check_document(registered: &Registered, tally: &mut Tally) -> Vec<String> {
    let id = registered.meta().id;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("rules/{id}.md"));
    let document = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut lintable = |heading: &str| -> Vec<Block> {
        let (fragments, whole): (Vec<Block>, Vec<Block>) = blocks_of_section(&document, heading)
            .into_iter()
            .filter(|block| block.language != "text")
            .partition(|block| block.fragment);
        tally.fragments += fragments.len();
        whole
    };
    let examples = lintable("Example");
    let fixes = lintable("Fix");
    let Some(base) = examples.first() else {
        return vec![format!(
            "{id}: the Example section has no code block to lint"
        )];
    };
    let is_change_rule = matches!(registered, Registered::Change(_));
    let fires = |working_tree: &Block| {
        if is_change_rule {
            fires_on_change(id, base, Some(working_tree))
        } else {
            fires_on(id, working_tree)
        }
    };
    let examples_fire = if is_change_rule {
        fires_on_change(id, base, examples.get(1))
    } else {
        examples.iter().all(fires)
    };
    let mut failures = Vec::new();
    if examples_fire {
        tally.examples_firing += 1;
    } else {
        failures.push(format!("{id}: the Example does not fire the rule"));
    }
    if fixes.is_empty() {
        failures.push(format!("{id}: the Fix section has no code block to lint"));
    }
    for (index, fix) in fixes.iter().enumerate() {
        if fires(fix) {
            failures.push(format!(
                "{id}: Fix block {} still fires the rule",
                index + 1
            ));
        } else {
            tally.fixes_clean += 1;
        }
    }
    failures
}

#[test]
fn every_rule_document_example_fires_its_rule_and_its_fix_does_not() {
    let mut tally = Tally::default();
    let failures: Vec<String> = RULES
        .iter()
        .flat_map(|registered| check_document(registered, &mut tally))
        .collect();
    println!(
        "{} of {} examples fire their rule, {} fix blocks are clean, {} fragments are skipped",
        tally.examples_firing,
        RULES.len(),
        tally.fixes_clean,
        tally.fragments
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        tally.fragments <= MAX_FRAGMENTS,
        "fragments stay rare: complete the blocks instead ({} are marked)",
        tally.fragments
    );
}

#[test]
fn a_marked_block_is_a_fragment_and_a_text_block_is_kept_apart() {
    let document = "## Example\n```hcl\na\n```\n\n```text\nerror\n```\n## Fix\nprose\n<!-- fragment -->\n```yaml\nb: 1\n```\n## References\n```hcl\nc\n```\n";
    let examples = blocks_of_section(document, "Example");
    assert_eq!(examples.len(), 2);
    assert_eq!(
        (examples[0].language.as_str(), examples[0].code.as_str()),
        ("hcl", "a\n")
    );
    assert!(!examples[0].fragment);
    assert_eq!(examples[1].language, "text");
    let fixes = blocks_of_section(document, "Fix");
    assert_eq!(fixes.len(), 1);
    assert!(fixes[0].fragment);
    assert_eq!(fixes[0].code, "b: 1\n");
}

#[test]
fn a_program_block_is_linted_as_a_pulumi_project_of_its_language() {
    let typescript = Block {
        language: "typescript".to_owned(),
        code: "import * as aws from \"@pulumi/aws\";\n\nnew aws.ssmincidents.ReplicationSet(\"main\", {\n    regions: [{ name: \"us-east-1\" }],\n});\n".to_owned(),
        fragment: false,
    };
    let python = Block {
        language: "python".to_owned(),
        code: "import pulumi_aws as aws\n\naws.ssmincidents.ReplicationSet(\"main\", regions=[{\"name\": \"us-east-1\"}])\n".to_owned(),
        fragment: false,
    };
    assert!(fires_on("IRL004", &typescript));
    assert!(fires_on("IRL004", &python));
}
