//! `--statistics`: how many findings each rule has, the most first, instead of the findings.

use std::io::Write;

use serde::Serialize;

use crate::outcome::Outcome;
use crate::rule_meta::RuleMeta;

/// The findings of one rule: how many, and how many of them have a mechanical fix.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub name: &'static str,
    /// The level of the findings (`error`, `warning`, `note`); a configuration may have set it.
    pub level: &'static str,
    pub count: usize,
    pub fixable: usize,
}

/// Each rule with findings (by the level its findings have), the most findings first, then by id.
pub fn counts(outcome: &Outcome) -> Vec<RuleCount> {
    let mut counts: Vec<RuleCount> = Vec::new();
    for finding in &outcome.findings {
        let meta: &RuleMeta = finding.rule;
        let level = finding.level.as_str();
        let index = match (counts.iter()).position(|c| c.rule == meta.id && c.level == level) {
            Some(index) => index,
            None => {
                counts.push(RuleCount {
                    rule: meta.id,
                    name: meta.name,
                    level,
                    count: 0,
                    fixable: 0,
                });
                counts.len() - 1
            }
        };
        counts[index].count += 1;
        counts[index].fixable += usize::from(finding.fix.is_some());
    }
    counts.sort_by(|a, b| (b.count, a.rule, a.level).cmp(&(a.count, b.rule, b.level)));
    counts
}

/// One line a rule, as a table: `   3  IRL005  key-region-mismatch  error  (1 fixable)`.
pub fn render_text(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let counts = counts(outcome);
    let count_width = (counts.iter().map(|c| c.count.to_string().len()).max()).unwrap_or(1);
    let name_width = (counts.iter().map(|c| c.name.len()).max()).unwrap_or(0);
    for count in &counts {
        let fixable = match count.fixable {
            0 => String::new(),
            n => format!("  ({n} fixable)"),
        };
        writeln!(
            out,
            "{:>count_width$}  {}  {:<name_width$}  {}{fixable}",
            count.count, count.rule, count.name, count.level
        )?;
    }
    Ok(())
}

/// The counts as a JSON array of `{rule, name, level, count, fixable}`.
pub fn render_json(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &counts(outcome))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_counted_the_most_first() {
        let outcome = crate::report::sample::outcome();
        let counts = counts(&outcome);
        assert!(!counts.is_empty());
        assert_eq!(
            counts.iter().map(|c| c.count).sum::<usize>(),
            outcome.findings.len()
        );
        assert!(counts.windows(2).all(|pair| pair[0].count >= pair[1].count));
        let mut text = Vec::new();
        render_text(&outcome, &mut text).expect("written");
        let text = String::from_utf8(text).expect("UTF-8");
        assert_eq!(text.lines().count(), counts.len());
        assert!(text.contains(counts[0].rule), "{text}");
    }
}
