//! Fingerprints of findings, and baselines made of them.
//!
//! A finding's fingerprint names its rule and what it is about ([`Subject`]: the unit, the
//! resource, the part of it), never a line or the directory irlint runs from, so that it
//! survives edits around the finding. SARIF logs carry it as `partialFingerprints["irlint/v1"]`
//! and JSON reports as `fingerprint`.
//!
//! A baseline is the multiset of the fingerprints of findings already known: those of an
//! earlier JSON report or SARIF log (`--baseline`), or those the base revision has
//! (`--new-only`). A run reports only the findings it does not hold; a fingerprint held twice
//! absorbs two findings, so that a third of the same problem is still reported.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;
use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::source::Sources;
use crate::subject::Subject;

/// The key of irlint's fingerprint in a SARIF result's `partialFingerprints`; its version
/// changes with the algorithm, and a baseline of another version matches nothing.
pub const SARIF_KEY: &str = "irlint/v1";

/// The hash of a finding's fingerprint: the SHA-256, in lowercase hex, of the rule id and the
/// finding's [`Subject`] (unit, resource, part), each followed by a NUL byte, an absent one
/// empty. A finding without a subject is one on its file.
pub fn fingerprint_hash(sources: &Sources, finding: &Finding) -> String {
    let Subject {
        unit,
        resource,
        part,
    } = finding
        .subject
        .clone()
        .unwrap_or_else(|| Subject::file(finding.span.file, sources));
    let mut hasher = Sha256::new();
    for field in [
        finding.rule.id,
        &unit,
        resource.as_deref().unwrap_or_default(),
        part.as_deref().unwrap_or_default(),
    ] {
        hasher.update(field.as_bytes());
        hasher.update([0]);
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        // Into a string already made: a `format!` a byte took a twentieth of a large log's time.
        _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The fingerprints of a report's findings, in their order: the hash, `:` and the finding's
/// rank among the findings of the same hash (1 for the first), which tells apart findings of
/// one rule on one subject (such as those of two Pulumi stacks).
pub fn fingerprints<'a>(
    sources: &Sources,
    findings: impl IntoParallelIterator<Item = &'a Finding>,
) -> Vec<String> {
    let hashes: Vec<String> = (findings.into_par_iter())
        .map(|finding| fingerprint_hash(sources, finding))
        .collect();
    let mut ranks: HashMap<String, usize> = HashMap::new();
    hashes
        .into_iter()
        .map(|hash| {
            let rank = ranks.entry(hash.clone()).or_default();
            *rank += 1;
            format!("{hash}:{rank}")
        })
        .collect()
}

/// The largest baseline irlint reads. A report is parsed as it is read, keeping only the
/// fingerprints, so memory does not grow with it; the bound keeps the time finite (a JSON
/// report of 47,000 findings with their related locations takes tens of megabytes).
pub const MAX_BASELINE_SIZE: u64 = 512 * 1024 * 1024;

/// Fingerprint hashes, each with how many findings it may still absorb.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: HashMap<String, usize>,
}

/// Why a baseline could not be read: a usage error, which names the file.
#[derive(Debug, thiserror::Error)]
#[error("--baseline {}: {message}", path.display())]
pub struct BaselineError {
    pub path: PathBuf,
    pub message: String,
}

/// What of an irlint JSON report or a SARIF log a baseline needs; serde passes over the rest.
#[derive(Deserialize)]
struct Report {
    /// A JSON report's findings.
    findings: Option<Vec<JsonFinding>>,
    /// A SARIF log's runs.
    runs: Option<Vec<SarifRun>>,
}

#[derive(Deserialize)]
struct JsonFinding {
    fingerprint: Option<String>,
    /// Present and not `null` when a suppression in the source covered the finding.
    #[serde(default)]
    suppressed: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct SarifRun {
    tool: SarifTool,
    #[serde(default)]
    results: Vec<SarifResult>,
}

#[derive(Deserialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Deserialize)]
struct SarifDriver {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    #[serde(default)]
    partial_fingerprints: HashMap<String, String>,
    /// Set when a suppression in the source covered the finding.
    #[serde(default)]
    suppressions: Vec<IgnoredAny>,
}

impl Baseline {
    /// The fingerprints of `findings`, whose subjects are set.
    pub fn of_findings(sources: &Sources, findings: &[Finding]) -> Baseline {
        let hashes: Vec<String> = (findings.par_iter())
            .map(|finding| fingerprint_hash(sources, finding))
            .collect();
        let mut baseline = Baseline::default();
        for hash in hashes {
            *baseline.counts.entry(hash).or_default() += 1;
        }
        baseline
    }

    /// Reads the JSON report or the SARIF log of irlint at `path`, as its content says: the
    /// fingerprints of the findings it reports (not of those it lists as suppressed).
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let error = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let file = std::fs::File::open(path).map_err(|e| error(format!("cannot read it: {e}")))?;
        let size = (file.metadata())
            .map_err(|e| error(format!("cannot read it: {e}")))?
            .len();
        if size > MAX_BASELINE_SIZE {
            return Err(error(format!(
                "it has {size} bytes, more than irlint reads in a baseline ({MAX_BASELINE_SIZE})"
            )));
        }
        // The stated size is a hint: the file may grow while it is read.
        let reader = BufReader::new(file.take(MAX_BASELINE_SIZE + 1));
        Baseline::parse(reader).map_err(error)
    }

    /// A baseline from the text of a report (see [`Baseline::read`]).
    fn parse(reader: impl Read) -> Result<Baseline, String> {
        let report: Report = serde_json::from_reader(reader).map_err(|e| match e.is_io() {
            true => format!("cannot read it: {e}"),
            false => format!("it is not a JSON report or SARIF log of irlint (as JSON: {e})"),
        })?;
        let fingerprints: Vec<String> = match report {
            Report {
                runs: Some(runs), ..
            } => {
                let mut fingerprints = Vec::new();
                for run in runs {
                    if run.tool.driver.name != "irlint" {
                        return Err(format!(
                            "it is a SARIF log of `{}`, not of irlint",
                            run.tool.driver.name
                        ));
                    }
                    for mut result in run.results {
                        if !result.suppressions.is_empty() {
                            continue;
                        }
                        match result.partial_fingerprints.remove(SARIF_KEY) {
                            Some(fingerprint) => fingerprints.push(fingerprint),
                            None => {
                                return Err(format!(
                                    "a result has no `partialFingerprints` `{SARIF_KEY}`: write \
                                     the baseline again with this irlint (--write-baseline)"
                                ));
                            }
                        }
                    }
                }
                fingerprints
            }
            Report {
                findings: Some(findings),
                ..
            } => {
                let mut fingerprints = Vec::new();
                for finding in findings {
                    if finding.suppressed.is_some() {
                        continue;
                    }
                    match finding.fingerprint {
                        Some(fingerprint) => fingerprints.push(fingerprint),
                        None => {
                            return Err("a finding has no `fingerprint` (a report of an older \
                                 irlint): write the baseline again (--write-baseline)"
                                .to_owned());
                        }
                    }
                }
                fingerprints
            }
            Report { .. } => {
                return Err(
                    "it has neither `findings` (a JSON report of irlint) nor `runs` (a SARIF log)"
                        .to_owned(),
                );
            }
        };
        let mut baseline = Baseline::default();
        for fingerprint in fingerprints {
            *baseline.counts.entry(hash_of(&fingerprint)?).or_default() += 1;
        }
        Ok(baseline)
    }

    /// Takes out of `findings`, whose subjects are set, those whose fingerprint the baseline
    /// holds, each fingerprint as many times as it holds it, the first findings first; says
    /// how many it took.
    pub fn absorb(&mut self, sources: &Sources, findings: &mut Vec<Finding>) -> usize {
        if self.counts.is_empty() {
            return 0;
        }
        let hashes: Vec<String> = (findings.par_iter())
            .map(|finding| fingerprint_hash(sources, finding))
            .collect();
        let mut hashes = hashes.into_iter();
        let before = findings.len();
        findings.retain(|_| {
            let held = (hashes.next())
                .and_then(|hash| self.counts.get_mut(&hash))
                .filter(|count| **count > 0);
            match held {
                Some(count) => {
                    *count -= 1;
                    false
                }
                None => true,
            }
        });
        before - findings.len()
    }
}

/// The hash of a fingerprint as reports write it (the hash, `:` and its rank).
fn hash_of(fingerprint: &str) -> Result<String, String> {
    let hash = fingerprint
        .split_once(':')
        .map_or(fingerprint, |(hash, _)| hash);
    match hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        true => Ok(hash.to_owned()),
        false => Err(format!(
            "`{}` is not a fingerprint of irlint",
            crate::printable::printable(fingerprint)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const HASH_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn parse(text: &str) -> Result<Baseline, String> {
        Baseline::parse(text.as_bytes())
    }

    fn counts(pairs: &[(&str, usize)]) -> Baseline {
        Baseline {
            counts: (pairs.iter())
                .map(|(hash, count)| ((*hash).to_owned(), *count))
                .collect(),
        }
    }

    #[test]
    fn a_json_report_gives_the_fingerprints_of_its_unsuppressed_findings() {
        let report = format!(
            r#"{{"version": "0.1.0", "findings": [
                {{"rule": "IRL004", "fingerprint": "{HASH_A}:1", "suppressed": null}},
                {{"rule": "IRL004", "fingerprint": "{HASH_A}:2"}},
                {{"rule": "IRL005", "fingerprint": "{HASH_B}:1",
                  "suppressed": {{"reason": null}}}}
            ], "summary": {{}}}}"#
        );
        assert_eq!(parse(&report), Ok(counts(&[(HASH_A, 2)])));
    }

    #[test]
    fn a_sarif_log_gives_the_fingerprints_of_its_unsuppressed_results() {
        let log = format!(
            r#"{{"version": "2.1.0", "runs": [{{"tool": {{"driver": {{"name": "irlint"}}}},
                "results": [
                    {{"ruleId": "IRL004", "partialFingerprints": {{"irlint/v1": "{HASH_A}:1"}}}},
                    {{"ruleId": "IRL005", "partialFingerprints": {{"irlint/v1": "{HASH_B}:1"}}}},
                    {{"ruleId": "IRL001", "partialFingerprints": {{"irlint/v1": "{HASH_B}:2"}},
                      "suppressions": [{{"kind": "inSource"}}]}}
                ]}}]}}"#
        );
        assert_eq!(parse(&log), Ok(counts(&[(HASH_A, 1), (HASH_B, 1)])));
        let empty = r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "irlint"}}}]}"#;
        assert_eq!(parse(empty), Ok(Baseline::default()));
    }

    #[test]
    fn what_is_no_report_of_irlint_is_refused_with_why() {
        let refused = |text: &str| parse(text).expect_err("refused");
        assert!(refused("").starts_with("it is not a JSON report or SARIF log of irlint"));
        assert!(refused("[1, 2]").starts_with("it is not a JSON report"));
        assert!(refused(r#"{"errors": []}"#).starts_with("it has neither `findings`"));
        assert_eq!(
            refused(r#"{"runs": [{"tool": {"driver": {"name": "tflint"}}, "results": []}]}"#),
            "it is a SARIF log of `tflint`, not of irlint"
        );
        assert!(
            refused(r#"{"runs": [{"tool": {"driver": {"name": "irlint"}}, "results": [{}]}]}"#)
                .starts_with("a result has no `partialFingerprints` `irlint/v1`")
        );
        assert!(refused(r#"{"findings": [{"rule": "IRL004"}]}"#).starts_with("a finding has no"));
        assert_eq!(
            refused(r#"{"findings": [{"fingerprint": "IRL004 main.tf:3\u001b[2J"}]}"#),
            "`IRL004 main.tf:3\\u{1b}[2J` is not a fingerprint of irlint"
        );
        // Nesting deeper than serde_json follows is an error, not an overflow of the stack.
        let deep = format!(
            r#"{{"findings": {}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(refused(&deep).starts_with("it is not a JSON report"));
    }

    /// Findings of IRL004 on the given regions of one set, in a file of `sources`.
    fn findings_on(sources: &mut Sources, regions: &[&str]) -> Vec<Finding> {
        let file = sources.add(crate::source::SourceFile::new(
            PathBuf::from("main.tf"),
            "resource {}\n".repeat(regions.len()),
        ));
        let rule = crate::rules::find("IRL004")
            .expect("IRL004 is a rule")
            .meta();
        (regions.iter().enumerate())
            .map(|(line, region)| {
                let span = crate::source::Span::new(file, line * 12, line * 12 + 8);
                let mut finding = Finding::new(rule, span, "a single region");
                finding.subject = Some(Subject {
                    unit: "Terraform .".to_owned(),
                    resource: Some("replication set aws_ssmincidents_replication_set.main".into()),
                    part: Some(format!("region {region}")),
                });
                finding
            })
            .collect()
    }

    #[test]
    fn a_fingerprint_absorbs_as_many_findings_as_the_baseline_holds_it() {
        let mut sources = Sources::default();
        let before = findings_on(&mut sources, &["us-east-1", "us-east-1", "eu-west-1"]);
        let mut baseline = Baseline::of_findings(&sources, &before);
        // The same problem once more, and on another region: both are new.
        let regions = [
            "us-west-2",
            "us-east-1",
            "us-east-1",
            "us-east-1",
            "eu-west-1",
        ];
        let mut now = findings_on(&mut sources, &regions);
        assert_eq!(baseline.absorb(&sources, &mut now), 3);
        let left: Vec<(Option<&str>, usize)> = (now.iter())
            .map(|finding| {
                let part = finding.subject.as_ref().and_then(|s| s.part.as_deref());
                (part, finding.span.start)
            })
            .collect();
        assert_eq!(
            left,
            [
                (Some("region us-west-2"), 0),
                (Some("region us-east-1"), 36)
            ]
        );
        // A baseline absorbs each finding once: a second pass takes nothing.
        assert_eq!(baseline.absorb(&sources, &mut now), 0);
    }

    #[test]
    fn reports_and_baselines_agree_on_fingerprints() {
        let mut sources = Sources::default();
        let findings = findings_on(&mut sources, &["us-east-1", "us-east-1", "eu-west-1"]);
        let written = fingerprints(&sources, &findings);
        assert!(written[0].ends_with(":1") && written[1].ends_with(":2"));
        assert_eq!(written[0].split(':').next(), written[1].split(':').next());
        let entries: Vec<String> = (written.iter())
            .map(|fingerprint| format!(r#"{{"fingerprint": "{fingerprint}"}}"#))
            .collect();
        let report = format!(r#"{{"findings": [{}]}}"#, entries.join(","));
        assert_eq!(
            parse(&report),
            Ok(Baseline::of_findings(&sources, &findings))
        );
    }

    #[test]
    fn an_unreadable_file_is_named() {
        let error = Baseline::read(Path::new("no/such/baseline.json")).expect_err("refused");
        assert!(
            error
                .to_string()
                .starts_with("--baseline no/such/baseline.json: cannot read it:"),
            "{error}"
        );
        let directory = tempfile::tempdir().expect("a temporary directory");
        let error = Baseline::read(directory.path()).expect_err("refused");
        assert!(error.message.starts_with("cannot read it:"), "{error}");
    }
}
