use crate::finding::Finding;
use crate::model::{DeprecatedRegion, Engine, ReplicationSet, Schema, Unit, View};
use crate::rule_meta::Level;
use crate::rules::Rule;
use crate::source::Span;

declare_rule! {
    /// The set writes its regions in the deprecated `region` syntax, or in both syntaxes.
    DeprecatedRegionBlock {
        id: "IRL018",
        name: "deprecated-region-block",
        level: Warning,
        summary: "The set uses the deprecated `region` syntax (an error when `regions` is set too)",
    }
}

/// The first major version of Terraform's AWS provider that deprecates the `region` block.
const DEPRECATED_FROM: u64 = 6;

impl Rule for DeprecatedRegionBlock {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let unit = view.unit;
        let syntax = &set.region_syntax;
        if syntax.deprecated.is_empty() {
            return;
        }
        let deprecation = deprecation(unit, set);
        for deprecated in &syntax.deprecated {
            // Alternatives (a `dynamic "region"` whose `for_each` may be empty) are not both.
            let current = syntax.current.first().filter(|_| !deprecated.may_be_empty);
            match (current, &deprecation) {
                (Some(current), _) => findings.push(both(set, deprecated, *current)),
                (None, Some((reason, required))) => {
                    findings.push(deprecated_only(set, deprecated, reason, *required));
                }
                (None, None) => {}
            }
        }
    }
}

/// Why the set's `region` syntax is deprecated in what deploys it, and where the provider version
/// that deprecates it is required; `None` when it may still be the valid syntax.
fn deprecation(unit: &Unit, set: &ReplicationSet) -> Option<(String, Option<Span>)> {
    match (set.schema, unit.engine) {
        // CloudFormation's schema has a single syntax.
        (Schema::CloudFormation, _) => None,
        (Schema::Terraform, Engine::Terraform) => {
            let required = unit.aws_provider_major.as_ref()?;
            let version = *required.known()?;
            (version >= DEPRECATED_FROM).then(|| {
                (
                    format!(
                        "the `region` block is deprecated since AWS provider v{DEPRECATED_FROM}, and the module requires v{version} or later"
                    ),
                    Some(required.written()),
                )
            })
        }
        // pulumi-aws has the `region` list only from v7 on, which deprecates it.
        (Schema::Terraform, _) => Some((
            "pulumi-aws v7 deprecates the `region` list".to_owned(),
            None,
        )),
    }
}

fn deprecated_only(
    set: &ReplicationSet,
    deprecated: &DeprecatedRegion,
    reason: &str,
    required: Option<Span>,
) -> Finding {
    let finding = Finding::new(
        &META,
        deprecated.span,
        format!(
            "replication set `{}` writes its regions with the deprecated `region`: {reason}",
            set.identity
        ),
    )
    .label("deprecated")
    .help("write the regions as `regions`, which takes the same fields");
    let finding = rename(finding, deprecated);
    match required {
        Some(required) => finding.related(required, "the AWS provider version the module requires"),
        None => finding,
    }
}

fn both(set: &ReplicationSet, deprecated: &DeprecatedRegion, current: Span) -> Finding {
    let mut finding = Finding::new(
        &META,
        deprecated.span,
        format!(
            "replication set `{}` sets both `region` and `regions`: the provider accepts exactly one of them",
            set.identity
        ),
    )
    .label("the deprecated `region`")
    .related(current, "`regions` is set too");
    finding.level = Level::Error;
    // Terraform's blocks repeat, so renaming one merges it into the other syntax; two Pulumi
    // lists must be merged by hand.
    if deprecated.renaming_merges {
        rename(
            finding.help("write every region as a `regions` block"),
            deprecated,
        )
    } else {
        finding.help("move the entries of `region` into `regions`, and remove `region`")
    }
}

/// The fix that renames the deprecated input to the current one, as the program spells it (Go's
/// and C#'s `Region`, `region` elsewhere): on the name's characters, inside its quotes if it has
/// any; not where escapes spell it.
fn rename(finding: Finding, deprecated: &DeprecatedRegion) -> Finding {
    let written = &deprecated.written;
    // The current name is the deprecated one's plural, however it is spelt.
    let description = format!("rename `{written}` to `{written}s`");
    match deprecated.replaced {
        Some(replaced) => finding.fix(
            format!("{description}, keeping `{written}` as its iterator"),
            replaced,
            &deprecated.current,
        ),
        None => finding.string_fix(description, deprecated.span, written, &deprecated.current),
    }
}
