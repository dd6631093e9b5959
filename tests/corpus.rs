//! Runs irlint on every fixture under `test-corpus/<format>/<case>/` and compares what it reports
//! with the case's `expected.txt`, both ways.
//!
//! `expected.txt` holds one expected finding a line, `<RULE-ID> <file>:<line>`, a finding that a
//! suppression in the source covers, `<RULE-ID> <file>:<line> suppressed`, or an expected input
//! error, `error <file>[:<line>]`; `# args: --region R` sets options, `# clean: IRL00X …` marks
//! the case as one where those rules must stay silent, other `#` lines are comments.
//!
//! Each case's whole JSON report (messages, columns, labels, related locations, help, fixes) is
//! also recorded in `tests/snapshots/corpus__<format>__<case>.snap`; a snapshot without a case
//! fails too, so a case added, renamed or removed is one folder and its snapshot.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use irlint::finding::Finding;
use irlint::lint::{self, Options};
use irlint::report::{SuppressedFindings, json};
use irlint::rules::{RULES, Registered};

struct Case {
    dir: PathBuf,
    options: Options,
    expected: Vec<String>,
    clean: Vec<String>,
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus")
}

fn read_case(dir: &Path) -> Case {
    let text = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{}: expected.txt: {e}", dir.display()));
    let mut case = Case {
        dir: dir.to_path_buf(),
        options: Options::default(),
        expected: Vec::new(),
        clean: Vec::new(),
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(args) = line.strip_prefix("# args:") {
            let args: Vec<&str> = args.split_whitespace().collect();
            match args.as_slice() {
                ["--region", region] => case.options.region = Some((*region).to_owned()),
                other => panic!("{}: unknown args {other:?}", dir.display()),
            }
        } else if let Some(rules) = line.strip_prefix("# clean:") {
            case.clean
                .extend(rules.split_whitespace().map(str::to_owned));
        } else if !line.starts_with('#') {
            case.expected
                .push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    case.expected.sort();
    case
}

/// What irlint reports on a case, in the expectation syntax.
fn actual(case: &Case) -> Vec<String> {
    reported(std::slice::from_ref(&case.dir), &case.options, &case.dir)
}

/// What irlint reports on some paths, in the expectation syntax, with file names relative to
/// `base`.
fn reported(paths: &[PathBuf], options: &Options, base: &Path) -> Vec<String> {
    let outcome = lint::run(paths, options).unwrap_or_else(|e| panic!("{paths:?}: {e}"));
    let relative = |path: &Path| {
        path.strip_prefix(base)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let entry = |finding: &Finding| {
        let file = outcome.sources.get(finding.span.file);
        let line = file.line_column(finding.span.start).line;
        format!("{} {}:{line}", finding.rule.id, relative(&file.path))
    };
    let mut found: Vec<String> = outcome.findings.iter().map(entry).collect();
    found.extend(
        outcome
            .suppressed
            .iter()
            .map(|suppressed| format!("{} suppressed", entry(&suppressed.finding))),
    );
    for error in &outcome.errors {
        let entry = match error.span {
            Some(span) => {
                let file = outcome.sources.get(span.file);
                format!(
                    "error {}:{}",
                    relative(&file.path),
                    file.line_column(span.start).line
                )
            }
            None => format!("error {}", relative(Path::new(&error.path))),
        };
        found.push(entry);
    }
    found.sort();
    found
}

fn cases() -> BTreeMap<String, Vec<Case>> {
    let mut formats = BTreeMap::new();
    for format in std::fs::read_dir(corpus_root()).expect("test-corpus exists") {
        let format = format.expect("readable test-corpus").path();
        if !format.is_dir() {
            continue;
        }
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&format)
            .expect("readable format directory")
            .map(|entry| entry.expect("readable entry").path())
            // Every folder is a case: one without `expected.txt` fails in `read_case` rather
            // than being skipped.
            .filter(|path| path.is_dir())
            .collect();
        dirs.sort();
        let name = format
            .file_name()
            .expect("a directory name")
            .to_string_lossy()
            .into_owned();
        formats.insert(name, dirs.iter().map(|dir| read_case(dir)).collect());
    }
    formats
}

#[test]
fn every_case_reports_exactly_what_it_expects() {
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases().values().flatten() {
        count += 1;
        let actual = actual(case);
        let expected: BTreeSet<_> = case.expected.iter().collect();
        let got: BTreeSet<_> = actual.iter().collect();
        let missing: Vec<_> = expected.difference(&got).collect();
        let unexpected: Vec<_> = got.difference(&expected).collect();
        let silenced_but_fired: Vec<_> = actual
            .iter()
            .filter(|a| {
                case.clean
                    .iter()
                    .any(|rule| a.starts_with(&format!("{rule} ")))
            })
            .collect();
        if !missing.is_empty() || !unexpected.is_empty() || actual.len() != case.expected.len() {
            failures.push(format!(
                "{}:\n  missing:    {missing:?}\n  unexpected: {unexpected:?}\n  all:        {actual:?}",
                case.dir.display()
            ));
        }
        if !silenced_but_fired.is_empty() {
            failures.push(format!(
                "{}: declared clean but reported {silenced_but_fired:?}",
                case.dir.display()
            ));
        }
    }
    assert!(count > 0, "no fixtures found under test-corpus/");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Linting every case in one run, in parallel, reports exactly what linting each alone does:
/// units do not leak into one another whatever their format.
#[test]
fn the_whole_corpus_at_once_reports_each_case_as_alone() {
    let root = corpus_root();
    let cases: Vec<Case> = cases()
        .into_values()
        .flatten()
        .filter(|case| case.options.region.is_none())
        .collect();
    let paths: Vec<PathBuf> = cases.iter().map(|case| case.dir.clone()).collect();
    let mut expected: Vec<String> = cases
        .iter()
        .flat_map(|case| {
            let prefix = case
                .dir
                .strip_prefix(&root)
                .expect("cases lie below the corpus")
                .to_string_lossy()
                .replace('\\', "/");
            case.expected.iter().map(move |line| {
                let (kind, file) = line.split_once(' ').expect("`KIND FILE` lines");
                format!("{kind} {prefix}/{file}")
            })
        })
        .collect();
    expected.sort();
    assert_eq!(reported(&paths, &Options::default(), &root), expected);
}

/// Cases of broken and hostile input in every format (`tests/hostile/` checks more of them):
/// no format of their own that rules must fire in.
const HOSTILE: &str = "hostile";

/// The formats of the coverage matrix, one directory of `test-corpus/` each: a directory renamed
/// or lost must not take its format out of the matrix unnoticed.
const FORMATS: &[&str] = &[
    "cdk-python",
    "cdk-typescript",
    "cloudformation",
    "pulumi-csharp",
    "pulumi-go",
    "pulumi-java",
    "pulumi-python",
    "pulumi-typescript",
    "pulumi-yaml",
    "terraform",
    "terraform-plan",
];

#[test]
fn every_rule_fires_and_stays_silent_in_every_format() {
    let mut gaps = Vec::new();
    let formats: Vec<String> = cases()
        .into_iter()
        .filter(|(format, cases)| format != HOSTILE && !cases.is_empty())
        .map(|(format, _)| format)
        .collect();
    assert_eq!(formats, FORMATS, "the formats of test-corpus/");
    for (format, cases) in cases().into_iter().filter(|(format, _)| format != HOSTILE) {
        let inexpressible = inexpressible(&format);
        // Change rules compare two revisions; `tests/change.rs` covers them.
        for rule in RULES
            .iter()
            .filter(|rule| matches!(rule, Registered::State(_)))
        {
            let id = rule.meta().id;
            if inexpressible.iter().any(|rule| rule == id) {
                let fired = cases
                    .iter()
                    .any(|c| c.expected.iter().any(|e| e.starts_with(&format!("{id} "))));
                if fired {
                    gaps.push(format!(
                        "{format}: {id} is declared inexpressible but fires"
                    ));
                }
                continue;
            }
            let fires = cases
                .iter()
                .any(|c| c.expected.iter().any(|e| e.starts_with(&format!("{id} "))));
            let clean = cases.iter().any(|c| c.clean.iter().any(|r| r == id));
            if !fires {
                gaps.push(format!("{format}: no case where {id} fires"));
            }
            if !clean {
                gaps.push(format!("{format}: no `# clean: {id}` case"));
            }
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

/// The rules a format cannot express (CloudFormation has no deprecated region syntax, say),
/// listed in `test-corpus/<format>/inexpressible.txt` as `IRL0nn reason`.
fn inexpressible(format: &str) -> Vec<String> {
    let path = corpus_root().join(format).join("inexpressible.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (id, reason) = line.split_once(' ').unwrap_or((line, ""));
            assert!(
                RULES.iter().any(|r| r.meta().id == id),
                "{format}/inexpressible.txt: `{id}` names no rule"
            );
            assert!(
                !reason.trim().is_empty(),
                "{format}/inexpressible.txt: {id} needs a reason"
            );
            id.to_owned()
        })
        .collect()
}

#[test]
fn clean_declarations_name_registered_rules() {
    for case in cases().values().flatten() {
        for rule in &case.clean {
            assert!(
                RULES.iter().any(|r| r.meta().id == rule),
                "{}: `# clean: {rule}` names no rule",
                case.dir.display()
            );
        }
    }
}

/// A rule id and how many times a case expects it (an input error counts as `error`).
fn rule_counts(case: &Case) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for line in &case.expected {
        let kind = line.split_whitespace().next().unwrap_or_default();
        let suppressed = if line.ends_with(" suppressed") {
            " suppressed"
        } else {
            ""
        };
        *counts.entry(format!("{kind}{suppressed}")).or_insert(0) += 1;
    }
    counts
}

/// Formats whose corpora are one scenario written in two languages: each case of the first has a
/// twin of the same name in the second that expects the same rules as many times and keeps the
/// same rules clean, so the two front-ends cannot drift apart.
const TWINS: &[(&str, &str)] = &[("cdk-typescript", "cdk-python")];

#[test]
fn twin_corpora_expect_the_same_findings() {
    let cases = cases();
    let named = |format: &str| -> BTreeMap<String, &Case> {
        (cases
            .get(format)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter())
        .map(|case| {
            let name = case.dir.file_name().expect("a case name");
            (name.to_string_lossy().into_owned(), case)
        })
        .collect()
    };
    let mut gaps = Vec::new();
    for (first, second) in TWINS {
        let (first_cases, second_cases) = (named(first), named(second));
        let names: BTreeSet<&String> = first_cases.keys().chain(second_cases.keys()).collect();
        for name in names {
            match (first_cases.get(name), second_cases.get(name)) {
                (Some(a), Some(b)) => {
                    if rule_counts(a) != rule_counts(b) {
                        gaps.push(format!(
                            "{name}: {first} expects {:?}, {second} {:?}",
                            rule_counts(a),
                            rule_counts(b)
                        ));
                    }
                    let clean = |case: &Case| case.clean.iter().cloned().collect::<BTreeSet<_>>();
                    if clean(a) != clean(b) {
                        gaps.push(format!("{name}: the two keep different rules clean"));
                    }
                }
                (Some(_), None) => gaps.push(format!("{name}: no twin in {second}")),
                (None, _) => gaps.push(format!("{name}: no twin in {first}")),
            }
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

/// Every finding says how to fix it (the text report's `help:` line), and a mechanical fix lies
/// where the finding already points (at its location or a related one, or around it): reports
/// say the fix in the help, and draw no label of its own for it.
#[test]
fn every_finding_says_how_to_fix_it() {
    let cases: Vec<Case> = cases().into_values().flatten().collect();
    // The cases without options in one run, the others alone.
    let (alone, together): (Vec<&Case>, Vec<&Case>) =
        (cases.iter()).partition(|case| case.options.region.is_some());
    let default = Options::default();
    let mut runs: Vec<(Vec<PathBuf>, &Options)> = vec![(
        together.iter().map(|case| case.dir.clone()).collect(),
        &default,
    )];
    runs.extend(
        alone
            .iter()
            .map(|case| (vec![case.dir.clone()], &case.options)),
    );
    let (mut checked, mut gaps) = (0, Vec::new());
    for (paths, options) in runs {
        let outcome = lint::run(&paths, options).unwrap_or_else(|e| panic!("{paths:?}: {e}"));
        let suppressed = outcome
            .suppressed
            .iter()
            .map(|suppressed| &suppressed.finding);
        for finding in outcome.findings.iter().chain(suppressed) {
            checked += 1;
            let file = outcome.sources.get(finding.span.file);
            let place = format!(
                "{} {}:{}",
                finding.rule.id,
                file.path.display(),
                file.line_column(finding.span.start).line
            );
            if finding.help.as_deref().is_none_or(str::is_empty) {
                gaps.push(format!("{place}: no help"));
            }
            if let Some(fix) = &finding.fix {
                let shown = std::iter::once(finding.span)
                    .chain(finding.related.iter().map(|related| related.span))
                    .any(|span| {
                        // Or around it: a `dynamic "region"` block's fix takes its brace too.
                        span.file == fix.span.file
                            && span.start <= fix.span.end
                            && fix.span.start <= span.end
                    });
                if !shown {
                    gaps.push(format!(
                        "{place}: the fix is where the finding does not point"
                    ));
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} findings in the corpus");
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

/// The name of a case's snapshot, `corpus__<format>__<case>.snap` in `tests/snapshots/`.
fn snapshot_name(case: &Case) -> String {
    let name = |path: &Path| {
        path.file_name()
            .expect("a case has a name")
            .to_string_lossy()
            .into_owned()
    };
    let format = case
        .dir
        .parent()
        .expect("a case lies in its format's folder");
    format!("{}__{}", name(format), name(&case.dir))
}

/// A case's JSON report as `--format json --include-suppressed` prints it from the checkout's
/// root, the version redacted so that a release does not rewrite every snapshot.
fn json_report(case: &Case) -> String {
    let relative = case
        .dir
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("cases lie in the checkout");
    let outcome = lint::run(&[relative.to_path_buf()], &case.options)
        .unwrap_or_else(|e| panic!("{}: {e}", case.dir.display()));
    let mut printed = Vec::new();
    json::render(&outcome, &mut printed, SuppressedFindings::Include).expect("writes to memory");
    let printed = String::from_utf8(printed).expect("the report is UTF-8");
    // Replaced in the text, not in a parsed value, to keep the report's field order.
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(printed.contains(&version), "the report states its version");
    printed.replacen(&version, "\"version\": \"[version]\"", 1)
}

/// Every case's whole report matches its snapshot. All cases are compared before failing, so one
/// run (with `INSTA_UPDATE=always` to accept) shows every change. `.ci/run` sets
/// `INSTA_UPDATE=no`: there a case without a snapshot fails instead of writing one.
#[test]
fn every_case_reports_what_its_snapshot_records() {
    let cases: Vec<Case> = cases().into_values().flatten().collect();
    // The test runs from the checkout's root (cargo's rule), so reports show relative paths.
    assert!(
        Path::new("test-corpus").is_dir(),
        "run from the checkout's root"
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = snapshot_name(case);
        let report = json_report(case);
        let compared = std::panic::catch_unwind(|| {
            insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => true }, {
                insta::assert_snapshot!(name.as_str(), report);
            });
        });
        if compared.is_err() {
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from their snapshot: {}",
        failures.len(),
        cases.len(),
        failures.join(", ")
    );
}

/// A snapshot whose case was renamed or removed fails, as `cargo insta test --unreferenced
/// reject` would (without needing cargo-insta).
#[test]
fn every_corpus_snapshot_has_its_case() {
    let cases: BTreeSet<String> = cases()
        .values()
        .flatten()
        .map(|case| format!("corpus__{}.snap", snapshot_name(case)))
        .collect();
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let unreferenced: Vec<String> = std::fs::read_dir(snapshots)
        .expect("tests/snapshots exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with("corpus__") && !cases.contains(name))
        .collect();
    assert!(
        unreferenced.is_empty(),
        "snapshots without a corpus case (delete them): {unreferenced:?}"
    );
}
