//! Suppressions end to end: what each report shows of suppressed findings, and the audit that
//! ignores suppressions. The corpus (`test-corpus/*/suppress*`) covers where suppressions apply
//! in each format.

mod support;

use serde_json::Value;
use support::{Run, irlint, run};

/// A Terraform module with a finding suppressed without a reason (IRL004, and IRL900 for the
/// suppression) and an unused suppression (IRL901).
const CASE: &str = "test-corpus/terraform/suppressions-without-reason-or-use";

/// Standard output and the exit code of irlint run with `args` from the checkout's root.
fn output(args: &[&str]) -> (String, i32) {
    let Run { stdout, code, .. } = run(irlint().args(args));
    (stdout, code)
}

/// `RULE suppressed-reason` of each finding of a JSON report.
fn json_findings(args: &[&str]) -> Vec<String> {
    let report = run(irlint().args([&["--format", "json"], args].concat())).json();
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            format!(
                "{} {}",
                finding["rule"].as_str().unwrap_or_default(),
                finding["suppressed"]
            )
        })
        .collect()
}

#[test]
fn suppressed_findings_are_counted_but_not_shown_in_text() {
    let (text, code) = output(&["--color", "never", CASE]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("warning[IRL004]"), "{text}");
    // Whatever the options: text never shows them, and says where they can be seen.
    let (with_option, _) = output(&["--color", "never", "--include-suppressed", CASE]);
    for text in [text, with_option] {
        assert!(!text.contains("warning[IRL004]"), "{text}");
        assert!(
            text.trim_end().ends_with(
                "; 1 suppressed (--include-suppressed lists it in JSON and SARIF output only)."
            ),
            "{text}"
        );
    }
}

#[test]
fn json_keeps_suppressed_findings_only_when_asked() {
    assert_eq!(
        json_findings(&[CASE]),
        [
            "IRL900 null",
            "IRL901 null",
            "IRL901 null",
            "IRL901 null",
            "IRL901 null"
        ]
    );
    assert_eq!(
        json_findings(&["--include-suppressed", CASE]),
        [
            "IRL900 null",
            "IRL004 {\"reason\":null}",
            "IRL901 null",
            "IRL901 null",
            "IRL901 null",
            "IRL901 null"
        ]
    );
}

#[test]
fn the_audit_ignores_every_suppression() {
    assert_eq!(json_findings(&["--no-suppressions", CASE]), ["IRL004 null"]);
    let (_, code) = output(&["--no-suppressions", "--fail-level", "warning", CASE]);
    assert_eq!(code, 1);
}

#[test]
fn sarif_marks_suppressed_results_in_source() {
    let log = run(irlint().args(["--format", "sarif", "--include-suppressed", CASE])).json();
    let suppressed: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|result| result["suppressions"] != serde_json::json!([]))
        .collect();
    assert_eq!(suppressed.len(), 1);
    // SARIF §3.27.23: every result has `suppressions` when one has, empty when not suppressed.
    assert!(
        (log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter())
        .all(|result| result["suppressions"].is_array())
    );
    assert_eq!(suppressed[0]["ruleId"], "IRL004");
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    let (sarif, _) = output(&["--format", "sarif", CASE]);
    assert!(!sarif.contains("\"suppressions\""));
}

#[test]
fn suppression_rules_are_in_the_catalogue() {
    let (text, code) = output(&["--explain", "IRL901"]);
    assert_eq!(code, 0);
    assert!(text.starts_with("# IRL901: unused-suppression"), "{text}");
    let (list, _) = output(&["--list-rules"]);
    assert!(list.contains("IRL900") && list.contains("suppression-without-reason"));
}

#[test]
fn the_audit_and_keeping_suppressed_findings_exclude_each_other() {
    let (_, code) = output(&["--no-suppressions", "--include-suppressed", CASE]);
    assert_eq!(code, 2);
}
