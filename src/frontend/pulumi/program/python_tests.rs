use crate::frontend::Parsed;
use crate::frontend::fixture::{Fixture, named, unknown_reason};
use crate::model::{
    KeyAttribute, KeyChoice, KeyResource, KeyTarget, Protection, ProviderRegion, Region,
    RegionEntry, Regions, ReplicationSet, Unit, Value,
};
use crate::source::{SourceFile, Span};

const PROJECT: &str = "name: p\nruntime: python\n";

/// Reads a project of these files (paths below the project directory `p`).
fn parse(files: &[(&str, &str)]) -> (Vec<SourceFile>, Parsed) {
    let Fixture { sources, parsed } = Fixture::parse("p", files, crate::frontend::pulumi::parse);
    (sources, parsed)
}

/// Reads a project whose whole program is this `__main__.py`, which must parse.
fn main(program: &str) -> (Vec<SourceFile>, Unit) {
    let (sources, parsed) = parse(&[("Pulumi.yaml", PROJECT), ("__main__.py", program)]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    (sources, parsed.unit.expect("a unit"))
}

fn text(sources: &[SourceFile], span: Span) -> &str {
    &sources[span.file.0].text[span.start..span.end]
}

fn only_set(unit: &Unit) -> &ReplicationSet {
    assert_eq!(unit.replication_sets.len(), 1);
    &unit.replication_sets[0]
}

fn entries(set: &ReplicationSet) -> &[RegionEntry] {
    match &set.regions {
        Regions::Listed(entries) => entries,
        Regions::Unknown(unknown) => panic!("unknown regions: {unknown:?}"),
    }
}

#[test]
fn args_classes_under_an_alias_with_spans_at_the_keyword_values() {
    let (sources, unit) = main(
        r#"import pulumi
from pulumi_aws import kms, ssmincidents as inc

key = kms.Key("key", key_usage="ENCRYPT_DECRYPT")
inc.ReplicationSet(
    "set",
    regions=[
        inc.ReplicationSetRegionArgs(name="us-east-1", kms_key_arn=key.arn),
        inc.ReplicationSetRegionArgs(name="us-west-2", kms_key_arn=key.key_id),
    ],
    tags={"team": "ops"},
)
"#,
    );
    let set = only_set(&unit);
    assert_eq!(set.identity, "set");
    assert_eq!(text(&sources, set.span), "\"set\"");
    assert_eq!(set.deletion_protection, Protection::NotSettable);
    assert_eq!(set.tags.len(), 1);
    assert_eq!(set.tags[0].key.known().map(String::as_str), Some("team"));
    let [east, west] = entries(set) else {
        panic!("two regions")
    };
    assert!(
        text(&sources, east.span).starts_with("inc.ReplicationSetRegionArgs(name=\"us-east-1\"")
    );
    assert_eq!(named(&east.name), Some("us-east-1"));
    assert_eq!(text(&sources, east.name.span), "\"us-east-1\"");
    let KeyChoice::Customer(key) = &east.key else {
        panic!("a customer key")
    };
    assert_eq!(text(&sources, key.span), "key.arn");
    assert_eq!(
        key.target,
        KeyTarget::Declared {
            key: crate::model::KeyId(0),
            attribute: KeyAttribute::Arn
        }
    );
    assert!(matches!(
        &west.key,
        KeyChoice::Customer(key) if matches!(key.target, KeyTarget::Declared { attribute: KeyAttribute::KeyId, .. })
    ));
    assert_eq!(unit.keys[0].identity, "key");
    assert_eq!(
        unit.keys[0]
            .usage
            .as_ref()
            .and_then(Value::known)
            .map(String::as_str),
        Some("ENCRYPT_DECRYPT")
    );
    assert!(matches!(
        unit.provider(set.provider).region,
        ProviderRegion::Deployment
    ));
}

#[test]
fn dictionaries_in_camel_case_and_the_v7_region_list() {
    let (sources, unit) = main(
        r#"from pulumi_aws.ssmincidents import ReplicationSet

ReplicationSet("set", region=[
    {"name": "eu-west-1", "kmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/abc"},
    {"name": "eu-west-2", "kms_key_arn": "alias/incidents"},
    {"name": "eu-central-1", "kms_key_arn": None},
    {"name": "eu-north-1", "kms_key_arn": "DefaultKey"},
])
"#,
    );
    let [arn, alias, none, default] = entries(only_set(&unit)) else {
        panic!("four regions")
    };
    assert!(text(&sources, arn.span).starts_with("{\"name\": \"eu-west-1\""));
    assert!(
        matches!(&arn.key, KeyChoice::Customer(key) if matches!(key.target, KeyTarget::Arn(_)))
    );
    assert!(
        matches!(&alias.key, KeyChoice::Customer(key) if matches!(key.target, KeyTarget::IdOrAlias(_)))
    );
    assert_eq!(none.key, KeyChoice::AwsOwned);
    assert_eq!(default.key, KeyChoice::AwsOwned);
}

#[test]
fn module_names_resolve_to_where_they_are_written() {
    let (sources, unit) = main(
        r#"import pulumi_aws as aws

PRIMARY = "us-east-1"
SECONDARY = aws.Region.US_WEST2
ENTRY = {"name": PRIMARY}
REGIONS = [ENTRY, {"name": SECONDARY}]

aws.ssmincidents.ReplicationSet("set", regions=REGIONS)
"#,
    );
    let [primary, secondary] = entries(only_set(&unit)) else {
        panic!("two regions")
    };
    assert_eq!(named(&primary.name), Some("us-east-1"));
    assert_eq!(text(&sources, primary.span), "{\"name\": PRIMARY}");
    assert_eq!(text(&sources, primary.name.span), "PRIMARY");
    assert_eq!(
        primary.name.definition().map(|d| text(&sources, d)),
        Some("\"us-east-1\"")
    );
    assert_eq!(named(&secondary.name), Some("us-west-2"));
    assert_eq!(
        secondary.name.definition().map(|d| text(&sources, d)),
        Some("aws.Region.US_WEST2")
    );
}

#[test]
fn names_that_depend_on_how_the_program_runs_are_unknown() {
    let (_, unit) = main(
        r#"import pulumi
import pulumi_aws as aws

config = pulumi.Config()
TWICE = "us-east-1"
TWICE = "us-east-2"
if config.get_bool("west"):
    BRANCH = "us-west-2"
FORMATTED = f"{config.require('prefix')}-1"
aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": config.require("region")},
    {"name": TWICE},
    {"name": BRANCH},
    {"name": FORMATTED},
    {"name": UNDEFINED},
])
"#,
    );
    let reasons: Vec<&str> = entries(only_set(&unit))
        .iter()
        .map(|entry| unknown_reason(&entry.name))
        .collect();
    assert_eq!(
        reasons,
        [
            "the result of `config.require(\"region\")`",
            "`TWICE` is assigned more than once",
            "`BRANCH` is assigned inside an `if`, which may not run",
            "the result of `config.require('prefix')`",
            "`UNDEFINED`",
        ]
    );
}

#[test]
fn regions_built_by_a_comprehension_are_read_unless_it_filters_and_a_splat_is_read() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
NAMES = ["us-east-1", "us-west-2"]
OTHERS = [{"name": "eu-west-1"}]
aws.ssmincidents.ReplicationSet("a", regions=[{"name": n} for n in NAMES])
aws.ssmincidents.ReplicationSet("b", regions=[{"name": "us-east-1"}, *OTHERS])
aws.ssmincidents.ReplicationSet("c", regions=[{"name": n} for n in NAMES if n])
"#,
    );
    let [comprehension, splat, filtered] = unit.replication_sets.as_slice() else {
        panic!("three sets")
    };
    let names =
        |set| -> Vec<Option<&str>> { entries(set).iter().map(|e| named(&e.name)).collect() };
    assert_eq!(names(comprehension), [Some("us-east-1"), Some("us-west-2")]);
    assert_eq!(names(splat), [Some("us-east-1"), Some("eu-west-1")]);
    assert!(matches!(filtered.regions, Regions::Unknown(_)));
}

#[test]
fn keys_and_providers_from_other_modules_and_packages() {
    let (sources, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        (
            "__main__.py",
            r#"import pulumi_aws as aws
import infra.keys
from infra import providers
from infra.keys import key as imported

aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": "us-west-2", "kms_key_arn": infra.keys.key.arn},
    {"name": "eu-west-1", "kms_key_arn": imported.arn},
], opts=providers.OPTIONS)
"#,
        ),
        ("infra/__init__.py", ""),
        (
            "infra/keys.py",
            r#"import pulumi
import pulumi_aws
from .providers import west

key = pulumi_aws.kms.Key("west-key", opts=pulumi.ResourceOptions(provider=west))
"#,
        ),
        (
            "infra/providers.py",
            r#"from pulumi import ResourceOptions
import pulumi_aws as aws

west = aws.Provider("west", region="us-west-2")
OPTIONS = ResourceOptions(providers={"aws": west})
"#,
        ),
    ]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let unit = parsed.unit.expect("a unit");
    let set = only_set(&unit);
    let provider = unit.provider(set.provider);
    assert_eq!(provider.name, "provider `west`");
    let ProviderRegion::Code(region) = &provider.region else {
        panic!("a region in the code")
    };
    assert_eq!(region.known().map(String::as_str), Some("us-west-2"));
    assert_eq!(text(&sources, region.span), "\"us-west-2\"");
    assert_eq!(unit.keys.len(), 1);
    assert_eq!(
        unit.keys[0].region.known(),
        Some(&Region::OfProvider(set.provider))
    );
    for entry in entries(set) {
        assert!(matches!(
            &entry.key,
            KeyChoice::Customer(key) if matches!(key.target, KeyTarget::Declared { .. })
        ));
    }
}

#[test]
fn options_bound_to_names_positional_args_and_provider_lists() {
    let (_, unit) = main(
        r#"import pulumi
import pulumi_aws as aws
from pulumi_aws.ssmincidents import ReplicationSet, ReplicationSetArgs

east = aws.Provider("east", region=aws.Region.US_EAST1)
west = aws.Provider("west", region="us-west-2")
opts = pulumi.ResourceOptions(provider=east)
ReplicationSet("a", regions=[{"name": "us-east-1"}], opts=opts)
ReplicationSet("b", ReplicationSetArgs(regions=[{"name": "us-west-2"}]), pulumi.ResourceOptions(providers=[west]))
ReplicationSet("c", regions=[{"name": "us-west-2"}], opts=pulumi.ResourceOptions(parent=west))
ReplicationSet("d", regions=[{"name": "us-west-2"}], opts=pulumi.ResourceOptions(provider=east, protect=True))
"#,
    );
    let provider = |identity: &str| {
        let set = unit
            .replication_sets
            .iter()
            .find(|set| set.identity == identity)
            .expect("the set");
        (unit.provider(set.provider).name.as_str(), set)
    };
    assert_eq!(provider("a").0, "provider `east`");
    let (west, b) = provider("b");
    assert_eq!(west, "provider `west`");
    assert_eq!(named(&entries(b)[0].name), Some("us-west-2"));
    assert_eq!(
        provider("c").0,
        "the provider chosen by `pulumi.ResourceOptions(parent=west)`"
    );
    assert_eq!(provider("d").0, "provider `east`");
    assert_eq!(unit.providers.len(), 3);
    let ProviderRegion::Code(east) = &unit.providers[0].region else {
        panic!("a region in the code")
    };
    assert_eq!(east.known().map(String::as_str), Some("us-east-1"));
}

#[test]
fn the_provider_region_and_lookups_of_it() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
current = aws.get_region()
aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": aws.config.region},
    {"name": current.name},
    {"name": aws.get_region(region="eu-west-1").region},
])
"#,
    );
    let set = only_set(&unit);
    let [configured, current, selected] = entries(set) else {
        panic!("three regions")
    };
    assert_eq!(
        configured.name.known(),
        Some(&Region::OfProvider(set.provider))
    );
    assert_eq!(
        current.name.known(),
        Some(&Region::OfProvider(set.provider))
    );
    assert_eq!(named(&selected.name), Some("eu-west-1"));
}

#[test]
fn aws_native_sets_carry_deletion_protection_and_region_configurations() {
    let (sources, unit) = main(
        r#"import pulumi_aws_native as native
from pulumi_aws_native.ssmincidents import (
    ReplicationSetReplicationRegionArgs as RegionArgs,
    ReplicationSetRegionConfigurationArgs,
)

native.ssmincidents.ReplicationSet("protected",
    regions=[RegionArgs(
        region_name="us-east-1",
        region_configuration=ReplicationSetRegionConfigurationArgs(
            sse_kms_key_id="arn:aws:kms:us-east-1:111122223333:key/abc",
        ),
    )],
    deletion_protected=True)
native.ssmincidents.ReplicationSet("plain", regions=[{"regionName": "us-east-1"}])
"#,
    );
    let [protected, plain] = unit.replication_sets.as_slice() else {
        panic!("two sets")
    };
    let Protection::Set(value) = &protected.deletion_protection else {
        panic!("protection set")
    };
    assert_eq!(value.known(), Some(&true));
    assert_eq!(text(&sources, value.span), "True");
    let KeyChoice::Customer(key) = &entries(protected)[0].key else {
        panic!("a customer key")
    };
    assert!(text(&sources, key.span).starts_with("\"arn:aws:kms:us-east-1"));
    assert_eq!(plain.deletion_protection, Protection::Absent);
    assert_eq!(entries(plain)[0].key, KeyChoice::AwsOwned);
    assert_eq!(named(&entries(plain)[0].name), Some("us-east-1"));
    assert_eq!(
        unit.provider(plain.provider).name,
        "the default aws-native provider"
    );
}

#[test]
fn keys_of_every_kind() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
key = aws.kms.Key("hmac", customer_master_key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC", is_enabled=False)
external = aws.kms.ExternalKey("external")
replica = aws.kms.ReplicaKey("replica", primary_key_arn=key.arn, region="eu-west-1")
alias = aws.kms.Alias("alias", target_key_id=key.key_id)
found = aws.kms.get_key(key_id="alias/x")
aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": "us-east-1", "kms_key_arn": external.arn},
    {"name": "us-east-2", "kms_key_arn": alias.arn},
    {"name": "us-west-1", "kms_key_arn": found.arn},
    {"name": "us-west-2", "kms_key_arn": f"arn:aws:kms:us-west-2:{account}:key/x"},
    {"name": "eu-west-1", "kms_key_arn": replica.arn},
])
"#,
    );
    assert_eq!(unit.keys.len(), 3);
    assert_eq!(
        unit.keys[0]
            .spec
            .as_ref()
            .and_then(Value::known)
            .map(String::as_str),
        Some("HMAC_256")
    );
    assert_eq!(
        unit.keys[0].enabled.as_ref().and_then(Value::known),
        Some(&false)
    );
    assert_eq!(unit.keys[1].resource, KeyResource::ExternalKey);
    assert_eq!(
        unit.keys[1]
            .origin
            .as_ref()
            .and_then(Value::known)
            .map(String::as_str),
        Some("EXTERNAL")
    );
    assert_eq!(unit.keys[2].resource, KeyResource::ReplicaKey);
    assert_eq!(named(&unit.keys[2].region), Some("eu-west-1"));
    let targets: Vec<&KeyTarget> = entries(only_set(&unit))
        .iter()
        .map(|entry| match &entry.key {
            KeyChoice::Customer(key) => &key.target,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(matches!(targets[0], KeyTarget::Declared { .. }));
    assert!(matches!(targets[1], KeyTarget::IdOrAlias(_)));
    assert!(matches!(targets[2], KeyTarget::Unknown(_)));
    assert!(matches!(targets[3], KeyTarget::Unknown(_)));
    assert!(matches!(targets[4], KeyTarget::Declared { .. }));
}

#[test]
fn function_scopes_see_their_own_names_the_module_and_their_one_call() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
DEFAULT = "us-east-1"

def make(name, region):
    local = "eu-west-1"
    return aws.ssmincidents.ReplicationSet(name, regions=[
        {"name": region},
        {"name": local},
        {"name": DEFAULT},
    ])

make("set", region="us-west-2")
"#,
    );
    let set = only_set(&unit);
    assert_eq!(set.identity, "set");
    let [parameter, local, global] = entries(set) else {
        panic!("three regions")
    };
    assert_eq!(named(&parameter.name), Some("us-west-2"));
    assert_eq!(named(&local.name), Some("eu-west-1"));
    assert_eq!(named(&global.name), Some("us-east-1"));
}

/// A parameter holds what the one call of its function gives it; a function that may be called
/// in more than one place gives its parameters no one value.
#[test]
fn parameters_of_a_function_called_in_more_than_one_place_are_unknown() {
    let body = r#"import pulumi_aws as aws

def make(region):
    return aws.ssmincidents.ReplicationSet("set", regions=[{"name": region}])

make("us-west-2")
"#;
    let called_elsewhere = "`region` is a parameter of `make`";
    // The argument at the position of `*regions`, or after it, is not the parameter's value.
    let collecting = "a parameter that collects arguments, or follows one that does";
    let collects = |parameters: &str| body.replace("(region)", &format!("({parameters})"));
    for (program, reason) in [
        (format!("{body}make(\"eu-west-1\")\n"), called_elsewhere),
        (format!("{body}callbacks = [make]\n"), called_elsewhere),
        (
            format!("{body}import __main__\n__main__.make(\"eu-west-1\")\n"),
            called_elsewhere,
        ),
        (
            format!("{body}def make_twice():\n    make(\"eu-west-1\")\n"),
            called_elsewhere,
        ),
        (collects("*region"), collecting),
        (collects("*others, region"), collecting),
        (collects("*, region"), collecting),
    ] {
        let (_, unit) = main(&program);
        let [region] = entries(only_set(&unit)) else {
            panic!("one region")
        };
        assert_eq!(unknown_reason(&region.name), reason, "{program}");
    }
}

#[test]
fn a_syntax_error_is_reported_and_the_rest_is_read() {
    let (sources, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        (
            "__main__.py",
            "import pulumi_aws as aws\n\nbroken = (\n\naws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": \"us-east-1\"}])\n",
        ),
    ]);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    let span = parsed.errors[0].span.expect("a span");
    assert_eq!(sources[1].line_column(span.start).line, 3);
    assert!(parsed.unit.is_some());
}

#[test]
fn the_entry_follows_main_and_a_missing_entry_is_an_error() {
    let (_, parsed) = parse(&[
        ("Pulumi.yaml", "name: p\nruntime: python\nmain: src/\n"),
        (
            "src/__main__.py",
            "import pulumi_aws as aws\nfrom regions import EAST\naws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": EAST}])\n",
        ),
        ("src/regions.py", "EAST = \"us-east-1\"\n"),
    ]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let unit = parsed.unit.expect("a unit");
    assert_eq!(named(&entries(only_set(&unit))[0].name), Some("us-east-1"));

    let (_, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        ("program.py", "import pulumi_aws.ssmincidents\n"),
    ]);
    assert!(parsed.unit.is_none());
    assert!(parsed.errors[0].message.contains("`__main__.py`"));
}

#[test]
fn modules_that_are_not_imported_are_not_read() {
    let (_, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        ("__main__.py", "import pulumi\n"),
        (
            "unused.py",
            "import pulumi_aws as aws\naws.ssmincidents.ReplicationSet(\"set\", regions=[])\n",
        ),
    ]);
    assert!(parsed.unit.is_none() && parsed.errors.is_empty());
}

#[test]
fn wildcard_imports_and_their_cycles() {
    let (_, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        (
            "__main__.py",
            r#"from pulumi_aws.ssmincidents import *
from regions import *
ReplicationSet("set", regions=[ReplicationSetRegionArgsDict(name=EAST), {"name": MISSING}])
"#,
        ),
        ("regions.py", "from cycle import *\nEAST = \"us-east-1\"\n"),
        ("cycle.py", "from regions import *\n"),
    ]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let unit = parsed.unit.expect("a unit");
    let [east, missing] = entries(only_set(&unit)) else {
        panic!("two regions")
    };
    assert_eq!(named(&east.name), Some("us-east-1"));
    // Only the SDK's wildcard import can define it.
    assert_eq!(
        unknown_reason(&missing.name),
        "`pulumi_aws.ssmincidents.MISSING`"
    );
}

#[test]
fn keyword_splats_of_a_dictionary_are_read_as_its_entries() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
settings = {"regions": [{"name": "us-east-1"}]}
aws.ssmincidents.ReplicationSet("set", **settings)
"#,
    );
    let set = only_set(&unit);
    assert_eq!(named(&entries(set)[0].name), Some("us-east-1"));
    assert!(matches!(
        unit.provider(set.provider).region,
        ProviderRegion::Deployment
    ));
}

#[test]
fn deeply_nested_code_is_an_input_error_not_a_crash() {
    let program = |depth: usize| {
        let nested = format!("{}\"us-east-1\"{}", "(".repeat(depth), ")".repeat(depth));
        let concatenated = vec!["\"a\""; depth].join(" + ");
        format!(
            "import pulumi_aws as aws\nNESTED = {nested}\nJOINED = {concatenated}\n\
             aws.ssmincidents.ReplicationSet(\"set\", regions=[{{\"name\": NESTED}}, {{\"name\": JOINED}}])\n"
        )
    };
    let (sources, parsed) = parse(&[("Pulumi.yaml", PROJECT), ("__main__.py", &program(5000))]);
    assert!(parsed.unit.is_none());
    let [error] = parsed.errors.as_slice() else {
        panic!("one error: {:?}", parsed.errors);
    };
    assert!(
        error.message.contains("nests more than"),
        "{}",
        error.message
    );
    let span = error.span.expect("a location");
    assert_eq!(sources[span.file.0].line_column(span.start).line, 2);

    // Within the limit, parentheses and a chain of `+` are read as the one value they make.
    let (_, parsed) = parse(&[("Pulumi.yaml", PROJECT), ("__main__.py", &program(100))]);
    let unit = parsed.unit.expect("a unit");
    let [nested, joined] = entries(only_set(&unit)) else {
        panic!("two regions")
    };
    assert_eq!(named(&nested.name), Some("us-east-1"));
    assert_eq!(named(&joined.name).map(str::len), Some(100));
}

#[test]
fn a_module_reached_under_two_names_is_read_once() {
    let (_, parsed) = parse(&[
        ("Pulumi.yaml", "name: p\nruntime: python\nmain: src\n"),
        (
            "src/__main__.py",
            r#"import pulumi_aws as aws
import keys
import src.keys as again
aws.ssmincidents.ReplicationSet("set", regions=[
    {"name": "us-east-1", "kms_key_arn": keys.key.arn},
    {"name": "us-west-2", "kms_key_arn": again.key.arn},
])
"#,
        ),
        (
            "src/keys.py",
            "import pulumi_aws as aws\nkey = aws.kms.Key(\"key\")\n",
        ),
    ]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let unit = parsed.unit.expect("a unit");
    assert_eq!(unit.keys.len(), 1);
    for entry in entries(only_set(&unit)) {
        assert!(matches!(
            &entry.key,
            KeyChoice::Customer(key) if matches!(key.target, KeyTarget::Declared { .. })
        ));
    }
}

#[test]
fn the_deprecated_region_keyword_and_key_policies() {
    let (sources, unit) = main(
        "import json\nimport pulumi_aws as aws\n\
         statement = {\"Effect\": \"Allow\", \"Action\": [\"kms:CreateGrant\"]}\n\
         a = aws.kms.Key(\"a\", policy=json.dumps({\"Statement\": [statement]}))\n\
         b = aws.kms.Key(\"b\", policy='{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"kms:*\"}}')\n\
         c = aws.kms.Key(\"c\", policy=open(\"policy.json\").read())\n\
         aws.ssmincidents.ReplicationSet(\"s\", region=[{\"name\": \"us-east-1\"}])\n",
    );
    let syntax = &only_set(&unit).region_syntax;
    assert!(syntax.current.is_empty());
    assert_eq!(text(&sources, syntax.deprecated[0].span), "region");
    assert_eq!(syntax.deprecated[0].current, "regions");
    let shapes: Vec<Option<String>> = unit
        .keys
        .iter()
        .map(|key| {
            let policy = key.policy.as_ref().expect("a policy").known()?;
            let [statement] = policy.statements.as_slice() else {
                panic!("one statement: {policy:?}");
            };
            Some(format!(
                "{:?} {:?}",
                statement.effect.known(),
                statement.actions.known()
            ))
        })
        .collect();
    assert_eq!(
        shapes,
        [
            Some("Some(Allow) Some([\"kms:CreateGrant\"])".to_owned()),
            Some("Some(Deny) Some([\"kms:*\"])".to_owned()),
            None,
        ]
    );
}

/// `l0 = "<first>"` and `levels` names after it, each adding the one before to itself: a string
/// that doubles at each.
fn doubling(first: &str, levels: usize) -> String {
    let mut names = format!("l0 = \"{first}\"\n");
    for level in 1..=levels {
        let before = level - 1;
        names.push_str(&format!("l{level} = l{before} + l{before}\n"));
    }
    names
}

#[test]
fn each_binding_and_module_name_is_evaluated_once() {
    // Thirty names each adding the one before to itself, and thirty levels of modules that each
    // import everything from two of the next: each followed once, not 2^30 times, so within
    // the budget.
    let main = format!(
        "import pulumi_aws as aws\nfrom a0 import *\n{}\
         aws.ssmincidents.ReplicationSet(\"s\", regions=[{{\"name\": region + l30}}])\n",
        doubling("", 30)
    );
    let mut modules = vec![
        ("Pulumi.yaml".to_owned(), PROJECT.to_owned()),
        ("__main__.py".to_owned(), main),
    ];
    for level in 0..30 {
        let next = level + 1;
        for side in ["a", "b"] {
            modules.push((
                format!("{side}{level}.py"),
                format!("from a{next} import *\nfrom b{next} import *\n"),
            ));
        }
    }
    for side in ["a", "b"] {
        modules.push((
            format!("{side}30.py"),
            "region = \"us-east-1\"\n".to_owned(),
        ));
    }
    let files: Vec<(&str, &str)> = modules
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    let (_, parsed) = parse(&files);
    let unit = parsed.unit.expect("a unit");
    assert_eq!(named(&entries(only_set(&unit))[0].name), Some("us-east-1"));
}

#[test]
fn values_that_depend_on_themselves_are_unknown() {
    let (_, parsed) = parse(&[
        ("Pulumi.yaml", PROJECT),
        (
            "__main__.py",
            r#"import pulumi_aws as aws
from a import x
a = b
b = a
s = s + "-1"
aws.ssmincidents.ReplicationSet("s", regions=[{"name": a}, {"name": s}, {"name": x}])
"#,
        ),
        ("a.py", "from b import *\nfrom b import y as x\n"),
        ("b.py", "from a import *\nfrom a import x as y\n"),
    ]);
    let unit = parsed.unit.expect("a unit");
    let reasons: Vec<&str> = entries(only_set(&unit))
        .iter()
        .map(|entry| unknown_reason(&entry.name))
        .collect();
    assert_eq!(
        reasons,
        [
            "`a` depends on itself (a cycle)",
            "a string that includes itself (a cycle)",
            "`x` is re-exported in a cycle of modules",
        ]
    );
}

#[test]
fn values_past_the_step_budget_are_unknown() {
    // Each tag copies 4,000 bytes, 250 steps: 5,000 of them take more than the budget, and
    // once it is spent the rest are unknown without being read.
    let tags: String = (0..5000)
        .map(|i| format!("\"t{i}\": long + long, "))
        .collect();
    let (_, unit) = main(&format!(
        "import pulumi_aws as aws\nlong = \"{}\"\n\
         aws.ssmincidents.ReplicationSet(\"s\", regions=[{{\"name\": \"us-east-1\"}}], tags={{{tags}}})\n",
        "x".repeat(2000)
    ));
    let tags = &only_set(&unit).tags;
    assert_eq!(tags[0].value.known().map(String::len), Some(4000));
    assert_eq!(
        unknown_reason(&tags[4999].value),
        "the program takes more than 1000000 steps to evaluate"
    );
    assert_eq!(named(&entries(only_set(&unit))[0].name), Some("us-east-1"));
}

#[test]
fn strings_longer_than_4_kib_are_unknown_and_key_policies_up_to_32_kib_are_read() {
    // Twenty-two doublings of a region name would make 37 MiB.
    let actions: Vec<String> = (0..400).map(|i| format!("\"kms:Action{i}\"")).collect();
    let (_, unit) = main(&format!(
        "import pulumi_aws as aws\n{}actions = '{}'\n\
         aws.kms.Key(\"k\", policy='{{\"Statement\": [{{\"Effect\": \"Allow\", \"Action\": [' + actions + ']}}]}}')\n\
         aws.ssmincidents.ReplicationSet(\"s\", regions=[{{\"name\": \"us-east-1\"}}], tags={{\"short\": l8, \"long\": l22}})\n",
        doubling("us-east-1", 22),
        actions.join(", ")
    ));
    let tags = &only_set(&unit).tags;
    assert_eq!(tags[0].value.known().map(String::len), Some(9 << 8));
    assert_eq!(
        unknown_reason(&tags[1].value),
        "a string too long to follow (over 4 KiB)"
    );
    let policy = unit.keys[0].policy.as_ref().expect("a policy");
    let policy = policy.known().expect("a policy of 8 KiB is read");
    assert_eq!(
        policy.statements[0].actions.known().map(Vec::len),
        Some(400)
    );
}

#[test]
fn a_list_appended_to_once_or_in_each_turn_of_a_whole_loop_is_read() {
    let (_, unit) = main(
        r#"import pulumi_aws as aws
regions = [{"name": "us-east-1"}]
regions.append({"name": "us-west-2"})
for name in ["eu-west-1"]:
    entry = aws.ssmincidents.ReplicationSetRegionArgs(name=name)
    regions.append(entry)
regions.extend([{"name": "eu-central-1"}])
aws.ssmincidents.ReplicationSet("s", regions=regions)
"#,
    );
    let names: Vec<Option<&str>> = entries(&unit.replication_sets[0])
        .iter()
        .map(|e| named(&e.name))
        .collect();
    let expected = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
    assert_eq!(names, expected.map(Some));

    // Each of these may append other than once per element, or not at all.
    for appends in [
        "if ready:\n    regions.append({\"name\": \"us-west-2\"})",
        "for name in names:\n    if not name:\n        continue\n    regions.append({\"name\": name})",
        "for name in names:\n    for other in names:\n        regions.append({\"name\": name})",
        "def more():\n    regions.append({\"name\": \"us-west-2\"})",
        "[regions.append({\"name\": n}) for n in names]",
        "while names:\n    regions.append({\"name\": names.pop()})",
    ] {
        let (_, unit) = main(&format!(
            "import pulumi_aws as aws\nready = True\nnames = [\"us-east-1\"]\n\
             regions = [{{\"name\": \"eu-west-1\"}}]\n{appends}\n\
             aws.ssmincidents.ReplicationSet(\"s\", regions=regions)\n"
        ));
        let regions = &unit.replication_sets[0].regions;
        assert!(
            matches!(regions, Regions::Unknown(_)),
            "{appends}: {regions:?}"
        );
    }
}
