//! Real examples written by others (`../shared/corpus`), linted with the findings the domain facts
//! predict. Each expectation says why it holds.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use irlint::lint::{self, Options};

#[path = "support/shared.rs"]
mod shared;

/// `../shared/corpus`, or `None` where it is absent (the test is then skipped).
fn corpus() -> Option<PathBuf> {
    shared::path("corpus")
}

/// Lints `paths` (relative to `root`, the corpus) and returns `RULE path:line` for every finding,
/// with paths relative to the corpus; input errors fail the test.
fn lint(root: &Path, paths: &[&str], region: Option<&str>) -> Vec<String> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
    let options = Options {
        region: region.map(str::to_owned),
        ..Options::default()
    };
    let outcome = lint::run(&paths, &options).expect("the corpus exists");
    assert!(
        outcome.errors.is_empty(),
        "the corpus must lint without errors: {:?}",
        outcome.errors
    );
    let mut found: Vec<String> = outcome
        .findings
        .iter()
        .map(|finding| {
            let file = outcome.sources.get(finding.span.file);
            let path = file.path.strip_prefix(root).unwrap_or(&file.path);
            format!(
                "{} {}:{}",
                finding.rule.id,
                path.to_string_lossy().replace('\\', "/"),
                file.line_column(finding.span.start).line
            )
        })
        .collect();
    found.sort();
    found
}

fn sorted(expected: &[&str]) -> Vec<String> {
    let mut expected: Vec<String> = expected.iter().map(|e| (*e).to_owned()).collect();
    expected.sort();
    expected
}

/// Every single-region set warns (Terraform cannot enable deletion protection); two-region sets
/// and the module's two `region` blocks are clean. Without a deploy region, no region comparison
/// can be made for the default provider, so IRL003 and IRL005 stay silent, and the only explicit
/// provider (`awsalternate`, us-east-1) always creates keys for and deploys into us-east-1. The
/// knowledge-base snippet also names its region with an argument the block does not have.
const TERRAFORM_SINGLE_REGION: &[&str] = &[
    // `data.aws_region.current.region`/`.name`: the provider's own region, one region.
    "IRL004 terraform/acceptance/ssmcontacts_testdata_contactChannel_base_v6/main.tf:26",
    "IRL004 terraform/acceptance/ssmcontacts_testdata_contact_base_v5/main.tf:18",
    "IRL004 terraform/acceptance/testAccReplicationSetConfig_basicOneRegion/main.tf:5",
    "IRL004 terraform/acceptance/testAccReplicationSetConfig_deprecatedRegion/main.tf:6",
    "IRL004 terraform/acceptance/testAccReplicationSetConfig_oneRegionWithCMK/main.tf:23",
    "IRL004 terraform/acceptance/testAccReplicationSetConfig_tags1/main.tf:6",
    "IRL004 terraform/acceptance/testAccReplicationSetConfig_tags2/main.tf:6",
    "IRL004 terraform/acceptance/testAccReplicationSetDataSourceConfig_basic/main.tf:5",
    // Deployed by `awsalternate` (us-east-1) into us-east-1: in the set, but alone.
    "IRL004 terraform/acceptance/testAccRotationConfig_regionOverride/main.tf:18",
    // `region_name` is not an attribute of the block: the region's name is unknown, yet there is
    // exactly one region.
    "IRL004 terraform/kb-snippet-wrong-attr/main.tf:7",
    "IRL004 terraform/steps/testAccReplicationSet_updateRegionsWithCMK/step1/main.tf:23",
    "IRL004 terraform/steps/testAccReplicationSet_updateRegionsWithCMK/step3/main.tf:23",
    "IRL004 terraform/steps/testAccReplicationSet_updateRegionsWithoutCMK/step1/main.tf:5",
    "IRL004 terraform/steps/testAccReplicationSet_updateRegionsWithoutCMK/step3/main.tf:5",
    // ... and `region_name` is CloudFormation's name: IRL022 suggests `name`, with a fix.
    "IRL022 terraform/kb-snippet-wrong-attr/main.tf:8",
];

#[test]
fn terraform_without_a_deploy_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["terraform"], None),
        sorted(TERRAFORM_SINGLE_REGION)
    );
}

/// The provider's acceptance tests run in us-west-2 (`acctest.Region()`): deployed there, every
/// configuration includes the deploying region and gives each region a key of its own region,
/// so nothing beyond the single-region warnings fires.
#[test]
fn terraform_acceptance_configurations_in_their_own_region_are_clean() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["terraform"], Some("us-west-2")),
        sorted(TERRAFORM_SINGLE_REGION)
    );
}

/// Deployed from eu-west-1 instead, the default provider's key (`aws_kms_key.default`) lands in
/// eu-west-1 while it encrypts us-west-2, and eu-west-1 is not in the set; the alternate key,
/// created by the us-east-1 provider for us-east-1, stays clean.
#[test]
fn terraform_acceptance_configuration_deployed_from_another_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(
            &corpus,
            &["terraform/acceptance/testAccReplicationSetConfig_twoRegionWithCMK"],
            Some("eu-west-1")
        ),
        sorted(&[
            "IRL003 terraform/acceptance/testAccReplicationSetConfig_twoRegionWithCMK/main.tf:20",
            "IRL005 terraform/acceptance/testAccReplicationSetConfig_twoRegionWithCMK/main.tf:23",
        ])
    );
}

/// The module's regions are the provider's own region and `var.replication_set_fallback_region`
/// (default eu-west-1): two regions, one of them always the deploying one, so it is clean in any
/// other region; deployed from eu-west-1, both name eu-west-1, which Terraform merges into one
/// region (IRL011). The example that calls it declares no replication set itself.
#[test]
fn terraform_real_module_is_clean_unless_deployed_from_its_fallback_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    for region in [None, Some("us-east-1")] {
        assert_eq!(
            lint(&corpus, &["terraform/real"], region),
            Vec::<String>::new(),
            "{region:?}"
        );
    }
    assert_eq!(
        lint(&corpus, &["terraform/real"], Some("eu-west-1")),
        ["IRL011 terraform/real/haakond-terraform-aws-ssm-incident-manager/main.tf:7"]
    );
}

/// The AWS documentation's replication set is protected (`DeletionProtected: true`, JSON and
/// YAML); the response plan example and the CDK integration template each create a
/// single-region set without protection (one leaves it out, one sets it to false); the blog
/// fragment gives us-east-1 the AWS-owned key and us-west-2 a key. The contract test inputs are
/// property bags, not templates, and are passed over. All their regions are the stack's own or
/// literal, so without a deploy region no region comparison fires.
const CLOUDFORMATION: &[&str] = &[
    "IRL004 cloudformation/aws-cdk_integ_ssm-incident-alarm-action.template.json:57",
    "IRL004 cloudformation/aws-docs_responseplan_with_replicationset.yaml:35",
    "IRL001 cloudformation/blog-snippet_mixed-keys_fragment.yaml:47",
];

#[test]
fn cloudformation_without_a_deploy_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["cloudformation"], None),
        sorted(CLOUDFORMATION)
    );
}

/// Deployed to us-west-2, the blog fragment's set includes the stack's region; every other set
/// is made of `!Ref AWS::Region` and its key (`!GetAtt Key.Arn`) lives in that same region.
#[test]
fn cloudformation_deployed_to_a_region_of_the_set() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["cloudformation"], Some("us-west-2")),
        sorted(CLOUDFORMATION)
    );
}

/// Deployed to eu-west-1, the blog fragment's set (us-east-1, us-west-2) lacks the stack's
/// region. Its key, `!Ref KMSKey`, is not declared in the fragment, so its region stays unknown.
#[test]
fn cloudformation_deployed_to_a_region_outside_the_set() {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut expected = CLOUDFORMATION.to_vec();
    expected.push("IRL003 cloudformation/blog-snippet_mixed-keys_fragment.yaml:43");
    assert_eq!(
        lint(&corpus, &["cloudformation"], Some("eu-west-1")),
        sorted(&expected)
    );
}

/// The Pulumi examples (YAML, TypeScript, Python v6 and v7; Go, C# and Java from the Registry
/// guide, which has no `delete-region`): `basic`, `cmk` and `delete-region` are single-region sets
/// in us-west-2 that pulumi-aws cannot protect; `add-region` has two regions. No stack files: the
/// default provider's region is unknown, so nothing is compared.
const PULUMI_SINGLE_REGION: &[&str] = &[
    "IRL004 pulumi/official-examples/csharp/basic/Program.cs:15",
    "IRL004 pulumi/official-examples/csharp/cmk/Program.cs:17",
    "IRL004 pulumi/official-examples/go/basic/main.go:14",
    "IRL004 pulumi/official-examples/go/cmk/main.go:19",
    "IRL004 pulumi/official-examples/java/basic/src/main/java/generated_program/App.java:25",
    "IRL004 pulumi/official-examples/java/cmk/src/main/java/generated_program/App.java:28",
    "IRL004 pulumi/official-examples/python-v6/basic/__main__.py:7",
    "IRL004 pulumi/official-examples/python-v6/cmk/__main__.py:8",
    "IRL004 pulumi/official-examples/python-v6/delete-region/__main__.py:6",
    "IRL004 pulumi/official-examples/python-v7/basic/__main__.py:8",
    "IRL004 pulumi/official-examples/ts/basic/index.ts:8",
    "IRL004 pulumi/official-examples/ts/cmk/index.ts:9",
    "IRL004 pulumi/official-examples/ts/delete-region/index.ts:7",
    "IRL004 pulumi/official-examples/yaml/basic/Pulumi.yaml:9",
    "IRL004 pulumi/official-examples/yaml/cmk/Pulumi.yaml:11",
    "IRL004 pulumi/official-examples/yaml/delete-region/Pulumi.yaml:9",
];

#[test]
fn pulumi_without_a_deploy_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["pulumi"], None),
        sorted(PULUMI_SINGLE_REGION)
    );
}

/// Deployed from us-west-2, every set includes its deploying region, and the `cmk` examples'
/// key (created by the default provider) lives in us-west-2, the region it encrypts.
#[test]
fn pulumi_deployed_to_the_examples_region() {
    let Some(corpus) = corpus() else {
        return;
    };
    assert_eq!(
        lint(&corpus, &["pulumi"], Some("us-west-2")),
        sorted(PULUMI_SINGLE_REGION)
    );
}

/// Deployed from eu-west-1, no set includes it (`add-region` holds us-west-2 and
/// ap-southeast-2), and the `cmk` examples' key lands in eu-west-1 while it encrypts us-west-2.
#[test]
fn pulumi_deployed_from_a_region_outside_every_set() {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut expected = PULUMI_SINGLE_REGION.to_vec();
    expected.extend([
        "IRL003 pulumi/official-examples/csharp/add-region/Program.cs:9",
        "IRL003 pulumi/official-examples/csharp/basic/Program.cs:9",
        "IRL003 pulumi/official-examples/csharp/cmk/Program.cs:11",
        "IRL003 pulumi/official-examples/go/add-region/main.go:11",
        "IRL003 pulumi/official-examples/go/basic/main.go:11",
        "IRL003 pulumi/official-examples/go/cmk/main.go:16",
        "IRL003 pulumi/official-examples/java/add-region/src/main/java/generated_program/App.java:23",
        "IRL003 pulumi/official-examples/java/basic/src/main/java/generated_program/App.java:23",
        "IRL003 pulumi/official-examples/java/cmk/src/main/java/generated_program/App.java:26",
        "IRL003 pulumi/official-examples/python-v6/add-region/__main__.py:5",
        "IRL003 pulumi/official-examples/python-v6/basic/__main__.py:5",
        "IRL003 pulumi/official-examples/python-v6/cmk/__main__.py:6",
        "IRL003 pulumi/official-examples/python-v6/delete-region/__main__.py:5",
        "IRL003 pulumi/official-examples/python-v7/basic/__main__.py:6",
        "IRL003 pulumi/official-examples/ts/add-region/index.ts:6",
        "IRL003 pulumi/official-examples/ts/basic/index.ts:6",
        "IRL003 pulumi/official-examples/ts/cmk/index.ts:7",
        "IRL003 pulumi/official-examples/ts/delete-region/index.ts:6",
        "IRL003 pulumi/official-examples/yaml/add-region/Pulumi.yaml:5",
        "IRL003 pulumi/official-examples/yaml/basic/Pulumi.yaml:5",
        "IRL003 pulumi/official-examples/yaml/cmk/Pulumi.yaml:7",
        "IRL003 pulumi/official-examples/yaml/delete-region/Pulumi.yaml:5",
        "IRL005 pulumi/official-examples/csharp/cmk/Program.cs:18",
        "IRL005 pulumi/official-examples/go/cmk/main.go:20",
        "IRL005 pulumi/official-examples/java/cmk/src/main/java/generated_program/App.java:29",
        "IRL005 pulumi/official-examples/python-v6/cmk/__main__.py:9",
        "IRL005 pulumi/official-examples/ts/cmk/index.ts:10",
        "IRL005 pulumi/official-examples/yaml/cmk/Pulumi.yaml:12",
    ]);
    assert_eq!(
        lint(&corpus, &["pulumi"], Some("eu-west-1")),
        sorted(&expected)
    );
}

/// Without `../shared`, a test that reads it is skipped, and the reason names the directory.
#[test]
fn an_absent_shared_directory_skips_the_tests_that_read_it() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let absent = parent.path().join("shared");
    for requirement in [None, Some(OsStr::new(""))] {
        assert_eq!(
            shared::locate(&absent, requirement),
            Err(format!(
                "{} is absent (the real-world corpus and the SARIF schema beside the checkout); \
                 .ci/run requires it",
                absent.display()
            )),
            "{requirement:?}"
        );
    }
}

/// CI sets `IRLINT_REQUIRE_SHARED`: there a missing `../shared` fails instead of skipping.
#[test]
#[should_panic(expected = "IRLINT_REQUIRE_SHARED is set, so the tests that read it must run")]
fn an_absent_shared_directory_fails_where_it_is_required() {
    let parent = tempfile::tempdir().expect("a temporary directory");
    let _ = shared::locate(&parent.path().join("shared"), Some(OsStr::new("1")));
}

#[test]
fn a_present_shared_directory_is_read_whether_required_or_not() {
    let shared = tempfile::tempdir().expect("a temporary directory");
    for requirement in [None, Some(OsStr::new("1"))] {
        assert_eq!(
            shared::locate(shared.path(), requirement),
            Ok(shared.path().to_path_buf())
        );
    }
}
