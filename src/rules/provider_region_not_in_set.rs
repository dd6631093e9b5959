use crate::finding::Finding;
use crate::model::{Regions, ReplicationSet, ResolvedRegion, View};
use crate::regions;
use crate::rules::{Rule, may_mean_the_same_region};

declare_rule! {
    /// The deploying provider's region is known and is not one of the set's regions.
    ProviderRegionNotInSet {
        id: "IRL003",
        name: "provider-region-not-in-set",
        level: Error,
        summary: "The region the set is deployed from is not one of its regions",
    }
}

impl Rule for ProviderRegionNotInSet {
    fn check_set(&self, view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let Regions::Listed(entries) = &set.regions else {
            return;
        };
        let deploy_region = view.provider_region(set.provider);
        let Some(deploy_name) = deploy_region.name() else {
            return;
        };
        // A deploying region that is no region is IRL012's to report (one cause, one
        // finding), whether the code or a stack's configuration names it.
        if regions::partition_of(deploy_name).is_none() {
            return;
        }
        let regions: Vec<_> = entries
            .iter()
            .map(|entry| view.region(&entry.name))
            .collect();
        // Absent whatever a region name no region has was meant to be: `us-wset-2` may be
        // the deploying us-west-2, misspelt, which IRL012 reports.
        let certainly_absent = regions.iter().all(|region| {
            region.same_as(&deploy_region) == Some(false)
                && (region.name()).is_some_and(|name| !may_mean_the_same_region(name, deploy_name))
        });
        if entries.is_empty() || !certainly_absent {
            return;
        }
        let listed: Vec<_> = regions.iter().map(|r| view.describe(r)).collect();
        let provider = view.unit.provider(set.provider);
        let mut finding = Finding::new(
            &META,
            set.span,
            format!(
                "replication set `{}` is deployed by {} in {deploy_name}, which is not one of its regions ({})",
                set.identity,
                provider.name,
                listed.join(", ")
            ),
        )
        .label(format!("deployed from {deploy_name}"))
        .help(format!(
            "add {deploy_name} to the regions, or deploy the set with a provider of one of its regions"
        ));
        // Where the set chooses its provider (`provider = aws.dr`), when it does: what to
        // change to deploy it with another.
        if let Some(chosen) = set.provider_chosen {
            finding = finding.related(chosen, format!("deployed by {}", provider.name));
        }
        if let ResolvedRegion::Known {
            source: Some(source),
            ..
        } = deploy_region
        {
            finding = finding.related(source, format!("the deploying region is {deploy_name}"));
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::frontend::fixture::Fixture;
    use crate::frontend::{Parsed, UnitFile, pulumi, terraform};
    use crate::rules::check_unit;

    /// Each IRL003 finding's related locations, as the text they point at and their label.
    fn related(files: &[(&str, &str)], parse: fn(&[UnitFile]) -> Parsed) -> Vec<Vec<String>> {
        let fixture = Fixture::parse("u", files, parse);
        check_unit(fixture.unit())
            .into_iter()
            .filter(|finding| finding.rule.id == "IRL003")
            .map(|finding| {
                (finding.related.iter())
                    .map(|related| format!("{}: {}", fixture.text(related.span), related.message))
                    .collect()
            })
            .collect()
    }

    const DR_MODULE: &str = r#"provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  provider = aws.dr

  regions {
    name = "us-east-1"
  }
  regions {
    name = "us-west-2"
  }
}
"#;

    #[test]
    fn the_providers_choice_is_related_with_its_region() {
        assert_eq!(
            related(&[("main.tf", DR_MODULE)], terraform::parse),
            [[
                "aws.dr: deployed by provider `aws.dr`",
                "\"eu-central-1\": the deploying region is eu-central-1"
            ]]
        );
        let yaml = "name: p
runtime: yaml
resources:
  dr:
    type: pulumi:providers:aws
    properties:
      region: eu-central-1
  set:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
        - name: us-east-1
    options:
      provider: ${dr}
";
        assert_eq!(
            related(&[("Pulumi.yaml", yaml)], pulumi::parse),
            [[
                "${dr}: deployed by provider `dr`",
                "eu-central-1: the deploying region is eu-central-1"
            ]]
        );
        let typescript = r#"import * as aws from "@pulumi/aws";
const dr = new aws.Provider("dr", { region: "eu-central-1" });
new aws.ssmincidents.ReplicationSet("set", { regions: [{ name: "us-east-1" }] }, { provider: dr });
"#;
        assert_eq!(
            related(
                &[
                    ("Pulumi.yaml", "name: p\nruntime: nodejs\n"),
                    ("index.ts", typescript)
                ],
                pulumi::parse
            ),
            [[
                "dr: deployed by provider `dr`",
                "\"eu-central-1\": the deploying region is eu-central-1"
            ]]
        );
    }

    #[test]
    fn a_region_that_is_no_region_is_left_to_irl012() {
        // The deploying region is no region: IRL012 reports it, and IRL003 cannot compare it.
        let misspelt_provider = DR_MODULE.replace("eu-central-1", "usw2");
        assert!(related(&[("main.tf", &misspelt_provider)], terraform::parse).is_empty());
        // A region of the set may be the deploying one, misspelt.
        let misspelt_region = DR_MODULE.replace("us-west-2", "eu-centrl-1");
        assert!(related(&[("main.tf", &misspelt_region)], terraform::parse).is_empty());
        // One that cannot be leaves the finding.
        let other_misspelling = DR_MODULE.replace("us-west-2", "us-wset-2");
        assert_eq!(
            related(&[("main.tf", &other_misspelling)], terraform::parse).len(),
            1
        );
    }
}
