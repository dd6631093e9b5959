//! The largest reports a unit within the limits makes: code scanning must accept the SARIF log
//! as it is, and no format may hold the whole report in memory.

use crate::{Run, bounded, case_dir, write};

/// A JSON template just under the 2 MiB limit with 11,000 sets, each with a duplicate region,
/// a misspelt one and one too many: 44,000 findings.
fn many_sets() -> String {
    let set = r#"{"Type":"AWS::SSMIncidents::ReplicationSet","Properties":{"Regions":[{"RegionName":"us-east-1"},{"RegionName":"us-east-1"},{"RegionName":"us-esat-1"},{"RegionName":"eu-west-1"}]}}"#;
    let sets: Vec<String> = (0..11_000).map(|n| format!("\"S{n}\":{set}")).collect();
    format!("{{\"Resources\":{{{}}}}}", sets.join(","))
}

/// One set of 3,000 regions: IRL010 relates each region past the third.
fn one_long_set() -> String {
    let region = r#"{"RegionName":"us-east-1"}"#;
    let regions = vec![region; 3_000].join(",");
    format!(
        "{{\"Resources\":{{\"Set\":{{\"Type\":\"AWS::SSMIncidents::ReplicationSet\",\
         \"Properties\":{{\"Regions\":[{regions}]}}}}}}}}"
    )
}

fn report_of(format: &str) -> (Run, tempfile::TempDir) {
    let dir = case_dir();
    let template = many_sets();
    assert!(template.len() < 2 * 1024 * 1024);
    write(dir.path(), "many.json", template);
    write(dir.path(), "long.json", one_long_set());
    let run = bounded(&[], dir.path(), &["--format", format, "."]);
    assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    assert!(
        run.elapsed < crate::QUICK,
        "{format}: took {:?}",
        run.elapsed
    );
    (run, dir)
}

#[test]
fn the_sarif_log_keeps_what_code_scanning_accepts_and_says_what_it_left_out() {
    let (run, _dir) = report_of("sarif");
    let log = run.json();
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    let most_related = results
        .iter()
        .map(|result| result["relatedLocations"].as_array().map_or(0, Vec::len))
        .max();
    assert_eq!(most_related, Some(1_000));
    let notifications = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert!(
        notifications
            .iter()
            .any(|notification| notification["message"]["text"]
                .as_str()
                .is_some_and(|text| text.starts_with("22000 of 47000 results are left out"))),
        "{notifications:?}"
    );
}

#[test]
fn json_and_text_keep_every_finding_and_say_what_they_left_out() {
    let (run, _dir) = report_of("json");
    let report = run.json();
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(47_000));
    assert_eq!(report["summary"]["related_left_out"], 1_996);
    let (run, _dir) = report_of("text");
    assert!(
        run.stdout
            .contains("= and 984 related locations not shown here (`--format json` lists them)"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(500)..]
    );
    assert!(
        run.stdout.contains("; 1996 related locations left out"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(500)..]
    );
    let (run, _dir) = report_of("github");
    assert_eq!(
        run.stdout
            .lines()
            .filter(|line| line.starts_with("::error ") || line.starts_with("::warning "))
            .count(),
        47_000
    );
}
