use std::collections::HashMap;

use crate::finding::Finding;
use crate::model::{Effect, KeyId, KeyUse, PolicyStatement, View};
use crate::rules::Rule;
use crate::source::Span;

declare_rule! {
    /// The explicit policy of a key a set uses allows no one the actions Incident Manager
    /// needs.
    KeyPolicyDeniesIncidentManager {
        id: "IRL019",
        name: "key-policy-denies-incident-manager",
        level: Warning,
        summary: "The explicit policy of a key a set uses lacks an allow for `kms:CreateGrant` or for `kms:DescribeKey`",
    }
}

/// What Incident Manager does with a customer managed key on behalf of the principal that
/// creates the set.
const NEEDED: &[&str] = &["kms:CreateGrant", "kms:DescribeKey"];

impl Rule for KeyPolicyDeniesIncidentManager {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for (key_id, uses) in keys_in_use(view) {
            let key = view.unit.key(key_id);
            let Some(policy) = &key.policy else {
                continue;
            };
            let Some(document) = policy.known() else {
                continue;
            };
            let missing: Vec<&str> = NEEDED
                .iter()
                .copied()
                .filter(|action| {
                    !document
                        .statements
                        .iter()
                        .any(|statement| may_allow(statement, action))
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let missing = missing
                .iter()
                .map(|action| format!("`{action}`"))
                .collect::<Vec<_>>()
                .join(" and ");
            let mut finding = Finding::new(
                &META,
                policy.span,
                format!(
                    "the key policy of `{}` allows no one {missing}: Incident Manager cannot use the key",
                    key.identity
                ),
            )
            .label(format!("no statement allows {missing}"))
            .help(
                "add a statement that allows `kms:CreateGrant` and `kms:DescribeKey` to the principal that creates the replication set",
            );
            if let Some(definition) = policy.definition() {
                finding = finding.related(definition, "the policy document");
            }
            for (span, description) in uses {
                finding = finding.related(span, description);
            }
            findings.push(finding);
        }
    }
}

/// The declared keys the unit's sets use, in order of first use, each with where and how it is
/// used.
fn keys_in_use(view: &View) -> Vec<(KeyId, Vec<(Span, String)>)> {
    let mut keys: Vec<(KeyId, Vec<(Span, String)>)> = Vec::new();
    let mut position: HashMap<KeyId, usize> = HashMap::new();
    for KeyUse {
        set,
        entry,
        reference,
        id,
        ..
    } in view.declared_key_uses()
    {
        let description = format!(
            "replication set `{}` uses it for {}",
            set.identity,
            view.describe(&view.region(&entry.name)),
        );
        let index = *position.entry(id).or_insert_with(|| {
            keys.push((id, Vec::new()));
            keys.len() - 1
        });
        keys[index].1.push((reference.span, description));
    }
    keys
}

/// Whether a statement may allow an action: it is not known to deny, and its actions are unknown
/// or cover the action.
fn may_allow(statement: &PolicyStatement, action: &str) -> bool {
    statement.effect.known() != Some(&Effect::Deny)
        && statement.actions.known().is_none_or(|actions| {
            actions
                .iter()
                .any(|pattern| action_matches(pattern, action))
        })
}

/// Whether an action pattern (`kms:*`, `kms:Create*`, `kms:Describe?ey`) covers an action; IAM
/// compares actions without regard to case.
fn action_matches(pattern: &str, action: &str) -> bool {
    let pattern: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let action: Vec<char> = action.to_ascii_lowercase().chars().collect();
    // The classic wildcard walk: on a mismatch after a `*`, let that `*` absorb one more
    // character and retry.
    let (mut p, mut a) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while a < action.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, a));
                p += 1;
            }
            Some(&c) if c == '?' || c == action[a] => {
                p += 1;
                a += 1;
            }
            _ => match star {
                Some((star_p, star_a)) => {
                    p = star_p + 1;
                    a = star_a + 1;
                    star = Some((star_p, star_a + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_case() {
        for (pattern, action) in [
            ("kms:*", "kms:CreateGrant"),
            ("*", "kms:DescribeKey"),
            ("KMS:creategrant", "kms:CreateGrant"),
            ("kms:Create*", "kms:CreateGrant"),
            ("kms:*Key", "kms:DescribeKey"),
            ("kms:Describe?ey", "kms:DescribeKey"),
            ("k*:*Grant", "kms:CreateGrant"),
        ] {
            assert!(action_matches(pattern, action), "{pattern} {action}");
        }
        for (pattern, action) in [
            ("kms:Encrypt", "kms:CreateGrant"),
            ("kms:Create", "kms:CreateGrant"),
            ("kms:CreateGrant2", "kms:CreateGrant"),
            ("s3:*", "kms:DescribeKey"),
            ("kms:Describe?", "kms:DescribeKey"),
        ] {
            assert!(!action_matches(pattern, action), "{pattern} {action}");
        }
    }
}
