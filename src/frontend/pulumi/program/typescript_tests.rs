use crate::frontend::fixture::{Fixture, unknown_reason};
use crate::frontend::pulumi;
use crate::model::{
    KeyAttribute, KeyChoice, KeyId, KeyResource, KeyTarget, Protection, ProviderRegion, Region,
    Regions, ValueKind,
};

fn project(files: &[(&str, &str)]) -> Fixture {
    project_with("name: p\nruntime: nodejs\n", files)
}

/// A project in directory `p` with this `Pulumi.yaml` and the given program files (paths
/// relative to `p`).
fn project_with(project_file: &str, files: &[(&str, &str)]) -> Fixture {
    let mut all = vec![("Pulumi.yaml", project_file)];
    all.extend_from_slice(files);
    Fixture::parse("p", &all, pulumi::parse)
}

/// A single-file program with the usual import.
fn program(body: &str) -> Fixture {
    project(&[(
        "index.ts",
        &format!(
            "import * as aws from \"@pulumi/aws\";\nimport * as pulumi from \"@pulumi/pulumi\";\n{body}"
        ),
    )])
}

impl Fixture {
    fn region(&self, index: usize) -> Region {
        let name = &self.entries()[index].name;
        name.known()
            .cloned()
            .unwrap_or_else(|| panic!("unknown region: {name:?}"))
    }

    fn unknown_region_reason(&self, index: usize) -> String {
        match &self.entries()[index].name.kind {
            ValueKind::Unknown(reason) => reason.0.clone(),
            known => panic!("a known region: {known:?}"),
        }
    }

    fn provider_region(&self, region: &Region) -> &ProviderRegion {
        let Region::OfProvider(id) = region else {
            panic!("not a provider's region: {region:?}");
        };
        &self.unit().provider(*id).region
    }

    fn code_region(&self, region: &Region) -> Option<&str> {
        match self.provider_region(region) {
            ProviderRegion::Code(value) => value.known().map(String::as_str),
            ProviderRegion::Deployment | ProviderRegion::NativeDeployment => {
                panic!("a deployment region")
            }
        }
    }
}

fn named(name: &str) -> Region {
    Region::Named(name.to_owned())
}

#[test]
fn a_set_with_literal_regions() {
    let fixture = program(
        r#"const set = new aws.ssmincidents.ReplicationSet("main", {
    regions: [
        { name: "us-east-1" },
        { name: `us-west-2`, kmsKeyArn: undefined },
    ],
});"#,
    );
    let set = fixture.set();
    assert_eq!(set.identity, "main");
    assert_eq!(fixture.text(set.span), "\"main\"");
    assert_eq!(set.deletion_protection, Protection::NotSettable);
    assert_eq!(fixture.region(0), named("us-east-1"));
    assert_eq!(fixture.region(1), named("us-west-2"));
    let first = &fixture.entries()[0];
    assert_eq!(fixture.text(first.span), "{ name: \"us-east-1\" }");
    assert_eq!(fixture.text(first.name.span), "\"us-east-1\"");
    assert!(matches!(first.name.kind, ValueKind::Literal(_)));
    assert!(
        fixture
            .entries()
            .iter()
            .all(|e| e.key == KeyChoice::AwsOwned)
    );
    let provider = fixture.unit().provider(set.provider);
    assert_eq!(provider.name, "the default provider");
    assert!(matches!(provider.region, ProviderRegion::Deployment));
}

#[test]
fn constants_are_followed_and_keep_their_definition() {
    let fixture = program(
        r#"const primary = "eu-west-1";
const secondary = { name: aws.Region.EUCentral1 };
const regions = [{ name: primary }, secondary];
new aws.ssmincidents.ReplicationSet("main", { regions });"#,
    );
    let entries = fixture.entries();
    assert_eq!(fixture.region(0), named("eu-west-1"));
    assert_eq!(fixture.text(entries[0].name.span), "primary");
    assert_eq!(
        entries[0].name.definition().map(|d| fixture.text(d)),
        Some("\"eu-west-1\"")
    );
    assert_eq!(fixture.region(1), named("eu-central-1"));
    assert_eq!(
        fixture.text(entries[1].span),
        "{ name: aws.Region.EUCentral1 }"
    );
    assert_eq!(fixture.text(entries[1].name.span), "aws.Region.EUCentral1");
}

#[test]
fn sdk_imports_with_any_alias() {
    let cases = [
        r#"import { ssmincidents as inc } from "@pulumi/aws";
new inc.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"import * as inc from "@pulumi/aws/ssmincidents";
new inc.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"import { ReplicationSet } from "@pulumi/aws/ssmincidents";
new ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"const cloud = require("@pulumi/aws");
new cloud.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"import cloud = require("@pulumi/aws");
new cloud.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"const { ssmincidents: inc } = require("@pulumi/aws");
new inc.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        r#"import aws from "@pulumi/aws";
const { ReplicationSet } = aws.ssmincidents;
new ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
    ];
    for case in cases {
        let fixture = project(&[("index.ts", case)]);
        let sets = fixture
            .parsed
            .unit
            .as_ref()
            .map(|u| u.replication_sets.len());
        assert_eq!(sets, Some(1), "{case}");
    }
}

#[test]
fn other_classes_named_replication_set_are_not_sets() {
    let fixture = project(&[(
        "index.ts",
        r#"import { ReplicationSet } from "./mine";
new ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
    )]);
    assert!(fixture.parsed.unit.is_none());
}

#[test]
fn keys_from_other_modules_and_their_providers() {
    let fixture = project(&[
        (
            "index.ts",
            r#"import * as aws from "@pulumi/aws";
import { key } from "./kms";
import * as keys from "./keys";
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: "us-west-2", kmsKeyArn: key.arn },
    { name: "us-east-1", kmsKeyArn: keys.eastKey.keyId },
] });"#,
        ),
        (
            "kms.ts",
            r#"import * as aws from "@pulumi/aws";
const west = new aws.Provider("west", { region: "us-west-2" });
export const key = new aws.kms.Key("west-key", { keyUsage: "ENCRYPT_DECRYPT" }, { provider: west });"#,
        ),
        ("keys/index.ts", r#"export * from "./east";"#),
        (
            "keys/east.ts",
            r#"import { kms } from "@pulumi/aws";
export const eastKey = new kms.ReplicaKey("east-key", { primaryKeyArn: "x" });"#,
        ),
    ]);
    let unit = fixture.unit();
    assert_eq!(unit.keys.len(), 2);
    let entries = fixture.entries();
    let KeyChoice::Customer(west) = &entries[0].key else {
        panic!("{:?}", entries[0].key);
    };
    assert_eq!(fixture.text(west.span), "key.arn");
    let KeyTarget::Declared { key, attribute } = west.target else {
        panic!("{:?}", west.target);
    };
    assert_eq!(attribute, KeyAttribute::Arn);
    let key = unit.key(key);
    assert_eq!(key.identity, "west-key");
    assert_eq!(fixture.text(key.span), "\"west-key\"");
    assert_eq!(
        key.usage
            .as_ref()
            .and_then(|u| u.known())
            .map(String::as_str),
        Some("ENCRYPT_DECRYPT")
    );
    let region = key.region.known().expect("the key's region");
    assert_eq!(fixture.text(key.region.span), "west");
    assert_eq!(fixture.code_region(region), Some("us-west-2"));
    let provider = match region {
        Region::OfProvider(id) => unit.provider(*id),
        other => panic!("{other:?}"),
    };
    assert_eq!(provider.name, "provider `west`");

    let KeyChoice::Customer(east) = &entries[1].key else {
        panic!("{:?}", entries[1].key);
    };
    let KeyTarget::Declared { key, attribute } = east.target else {
        panic!("{:?}", east.target);
    };
    assert_eq!(attribute, KeyAttribute::KeyId);
    assert_eq!(unit.key(key).resource, KeyResource::ReplicaKey);
    assert!(matches!(
        fixture.provider_region(unit.key(key).region.known().expect("known")),
        ProviderRegion::Deployment
    ));
}

#[test]
fn re_exports_and_commonjs_exports() {
    let fixture = project(&[
        (
            "index.js",
            r#"const aws = require("@pulumi/aws");
const { primary } = require("./regions");
const more = require("./more.js");
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: primary }, { name: more.secondary }] });"#,
        ),
        ("regions.js", r#"exports.primary = "us-east-1";"#),
        (
            "more.ts",
            r#"export { second as secondary } from "./second";"#,
        ),
        (
            "second.ts",
            r#"const value = "us-east-2"; export { value as second };"#,
        ),
    ]);
    assert_eq!(fixture.region(0), named("us-east-1"));
    assert_eq!(fixture.region(1), named("us-east-2"));
}

#[test]
fn providers_by_variable_shorthand_and_inline() {
    let fixture = program(
        r#"const provider = new aws.Provider("east", { region: aws.Region.USEast1 });
const key = new aws.kms.Key("k", {}, { provider });
const other = new aws.kms.Key("o", {}, { provider: new aws.Provider("inline", { region: "eu-west-1" }) });
const plain = new aws.Provider("plain", {});
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: "us-east-1", kmsKeyArn: key.arn },
    { name: "eu-west-1", kmsKeyArn: other.arn },
] }, { provider: plain });"#,
    );
    let unit = fixture.unit();
    let key_region = |index: usize| unit.keys[index].region.known().expect("known").clone();
    assert_eq!(fixture.code_region(&key_region(0)), Some("us-east-1"));
    assert_eq!(fixture.code_region(&key_region(1)), Some("eu-west-1"));
    let set_provider = unit.provider(fixture.set().provider);
    assert_eq!(set_provider.name, "provider `plain`");
    assert!(matches!(set_provider.region, ProviderRegion::Deployment));
}

#[test]
fn a_parent_may_choose_the_provider() {
    let fixture = program(
        r#"declare const component: any;
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }] }, { parent: component });"#,
    );
    let provider = fixture.unit().provider(fixture.set().provider);
    let ProviderRegion::Code(region) = &provider.region else {
        panic!("{provider:?}");
    };
    assert!(matches!(&region.kind, ValueKind::Unknown(reason) if reason.0.contains("`parent`")));
}

#[test]
fn the_region_of_a_provider() {
    let fixture = program(
        r#"const east = new aws.Provider("east", { region: "us-east-1" });
const current = aws.getRegionOutput();
const config = new pulumi.Config("aws");
async function regionOf() { return (await aws.getRegion({}, { provider: east })).name; }
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: aws.config.region },
    { name: current.name },
    { name: config.require("region") },
] });
const awaited = await aws.getRegion({}, { provider: east });
new aws.ssmincidents.ReplicationSet("t", { regions: [{ name: awaited.region }] });"#,
    );
    let unit = fixture.unit();
    for index in 0..3 {
        let region = fixture.region(index);
        assert!(
            matches!(fixture.provider_region(&region), ProviderRegion::Deployment),
            "{index}"
        );
        assert_eq!(
            unit.provider(match region {
                Region::OfProvider(id) => id,
                Region::Named(_) => unreachable!(),
            })
            .name,
            "the default provider"
        );
    }
    let other = &unit.replication_sets[1];
    let region = other.listed_regions()[0]
        .name
        .known()
        .expect("known")
        .clone();
    assert_eq!(fixture.code_region(&region), Some("us-east-1"));
}

#[test]
fn a_region_looked_up_by_endpoint_or_id_is_not_the_providers() {
    let fixture = program(
        r#"const byEndpoint = aws.getRegionOutput({ endpoint: "ec2.eu-west-1.amazonaws.com" });
const byId = aws.getRegionOutput({ id: "eu-west-1" });
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: byEndpoint.name },
    { name: byId.name },
] });"#,
    );
    assert_eq!(
        fixture.unknown_region_reason(0),
        "the region of an endpoint"
    );
    assert_eq!(fixture.region(1), Region::Named("eu-west-1".to_owned()));
}

#[test]
fn what_cannot_be_known_stays_unknown_with_a_reason() {
    let fixture = program(
        r#"const config = new pulumi.Config();
let moving = "us-east-1";
moving = "us-west-2";
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: config.require("primary") },
    { name: moving },
    { name: process.env.REGION ? "a" : "b" },
    { name: `${config.require("x")}-1` },
] });
function make(region: string) {
    return new aws.ssmincidents.ReplicationSet("f", { regions: [{ name: region }] });
}"#,
    );
    let reasons: Vec<String> = (0..4).map(|i| fixture.unknown_region_reason(i)).collect();
    assert!(
        reasons[0].contains("config.require(\"primary\")"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("assigned more than once"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("conditional"), "{reasons:?}");
    assert!(reasons[3].contains("config.require(\"x\")"), "{reasons:?}");
    let in_function = &fixture.unit().replication_sets[1];
    assert_eq!(in_function.identity, "f");
    let ValueKind::Unknown(reason) = &in_function.listed_regions()[0].name.kind else {
        panic!("known");
    };
    assert_eq!(reason.0, "`region` is a parameter of `make`");
}

/// A parameter holds what the one call of its function gives it, unless the function may be
/// called elsewhere: exported to a module that imports it, or called through a namespace import.
#[test]
fn a_parameter_is_what_the_one_call_gives_unless_other_modules_may_call() {
    let helper = "import * as aws from \"@pulumi/aws\";\n\
        export function make(region: string) {\n\
        \x20   return new aws.ssmincidents.ReplicationSet(\"s\", { regions: [{ name: region }] });\n\
        }\n\
        make(\"us-west-2\");\n";
    let alone = project(&[("index.ts", helper)]);
    assert_eq!(alone.region(0), named("us-west-2"));
    let rest = project(&[(
        "index.ts",
        &helper.replace("(region: string)", "(...region: string[])"),
    )]);
    assert_eq!(
        rest.unknown_region_reason(0),
        "a parameter that collects arguments, or follows one that does"
    );
    for importer in [
        "import { make } from \"./index\";\nmake(\"eu-west-1\");\n",
        "import * as helpers from \"./index\";\nhelpers.make(\"eu-west-1\");\n",
    ] {
        let fixture = project_with(
            "name: p\nruntime: nodejs\nmain: main.ts\n",
            &[("index.ts", helper), ("main.ts", importer)],
        );
        assert_eq!(
            fixture.unknown_region_reason(0),
            "`region` is a parameter of `make`",
            "{importer}"
        );
    }
}

#[test]
fn a_let_never_reassigned_and_templates_of_constants_are_known() {
    let fixture = program(
        r#"let region = "us-east-1";
const suffix = "2";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: region }, { name: `us-west-${suffix}` }, { name: "eu-" + "west-1" }] });"#,
    );
    assert_eq!(fixture.region(0), named("us-east-1"));
    assert_eq!(fixture.region(1), named("us-west-2"));
    assert_eq!(fixture.region(2), named("eu-west-1"));
}

#[test]
fn regions_mapped_by_a_lambda_are_read_and_other_maps_or_unknown_spreads_are_not() {
    let mapped = program(
        r#"new aws.ssmincidents.ReplicationSet("s", { regions: ["us-east-1", "eu-west-1"].map(name => ({ name })) });"#,
    );
    assert_eq!(mapped.region(0), named("us-east-1"));
    assert_eq!(mapped.region(1), named("eu-west-1"));

    let by_reference = program(
        r#"function entry(name: string) { return { name }; }
new aws.ssmincidents.ReplicationSet("s", { regions: ["us-east-1"].map(entry) });"#,
    );
    let Regions::Unknown(value) = &by_reference.set().regions else {
        panic!("listed");
    };
    assert!(matches!(&value.kind, ValueKind::Unknown(r) if r.0.contains(".map()")));

    let spread = program(
        r#"declare const extra: any[];
const base = [{ name: "us-east-1" }];
new aws.ssmincidents.ReplicationSet("a", { regions: [...base, { name: "us-west-2" }] });
new aws.ssmincidents.ReplicationSet("b", { regions: [...base, ...extra] });"#,
    );
    let sets = &spread.unit().replication_sets;
    assert_eq!(sets[0].listed_regions().len(), 2);
    assert!(matches!(sets[1].regions, Regions::Unknown(_)));
}

#[test]
fn spreads_of_inputs() {
    let fixture = program(
        r#"const common = { regions: [{ name: "us-east-1" }] };
declare const unknown: any;
new aws.ssmincidents.ReplicationSet("a", { ...common });
new aws.ssmincidents.ReplicationSet("b", { regions: [{ name: "us-east-1" }], ...unknown });"#,
    );
    let sets = &fixture.unit().replication_sets;
    assert_eq!(sets[0].listed_regions().len(), 1);
    assert!(matches!(sets[1].regions, Regions::Unknown(_)));
}

#[test]
fn the_deprecated_region_list() {
    let fixture = program(
        r#"new aws.ssmincidents.ReplicationSet("s", { region: [{ name: "us-east-1" }] });"#,
    );
    assert_eq!(fixture.region(0), named("us-east-1"));
}

#[test]
fn keys_given_as_strings() {
    let fixture = program(
        r#"const config = new pulumi.Config();
const arn = "arn:aws:kms:us-east-1:111122223333:key/1234";
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: "us-east-1", kmsKeyArn: arn },
    { name: "us-east-2", kmsKeyArn: "alias/incidents" },
    { name: "us-west-1", kmsKeyArn: "DefaultKey" },
    { name: "us-west-2", kmsKeyArn: config.require("key") },
    { name: "eu-west-1", kmsKeyArn: config.get("key") },
    { name: "eu-west-2", kmsKeyArn: `arn:aws:kms:${config.require("r")}:1:key/x` },
    { name: "eu-west-3", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/x" },
] });"#,
    );
    let keys: Vec<&KeyChoice> = fixture.entries().iter().map(|e| &e.key).collect();
    let target = |index: usize| match keys[index] {
        KeyChoice::Customer(key) => &key.target,
        other => panic!("{index}: {other:?}"),
    };
    let KeyTarget::Arn(arn) = target(0) else {
        panic!("{:?}", target(0));
    };
    assert_eq!(
        arn.definition().map(|d| fixture.text(d)),
        Some("\"arn:aws:kms:us-east-1:111122223333:key/1234\"")
    );
    assert!(matches!(target(1), KeyTarget::IdOrAlias(_)));
    assert_eq!(keys[2], &KeyChoice::AwsOwned);
    assert!(matches!(target(3), KeyTarget::Unknown(_)));
    assert!(matches!(keys[4], KeyChoice::Unknown(_)));
    assert!(matches!(target(5), KeyTarget::Unknown(_)));
    assert!(matches!(target(6), KeyTarget::IdOrAlias(_)));
}

#[test]
fn key_lookups_and_aliases() {
    let fixture = program(
        r#"const alias = new aws.kms.Alias("a", { name: "alias/x", targetKeyId: "k" });
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: "us-east-1", kmsKeyArn: aws.kms.getKeyOutput({ keyId: "alias/x" }).arn },
    { name: "us-east-2", kmsKeyArn: alias.arn },
    { name: "us-west-1", kmsKeyArn: alias.targetKeyArn },
] });"#,
    );
    let targets: Vec<&KeyTarget> = fixture
        .entries()
        .iter()
        .map(|e| match &e.key {
            KeyChoice::Customer(key) => &key.target,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(matches!(targets[0], KeyTarget::Unknown(_)));
    assert!(matches!(targets[1], KeyTarget::IdOrAlias(_)));
    assert!(matches!(targets[2], KeyTarget::Unknown(_)));
}

#[test]
fn aws_native_sets_keys_and_protection() {
    let fixture = project(&[(
        "index.ts",
        r#"import * as awsnative from "@pulumi/aws-native";
const key = new awsnative.kms.Key("k", { keySpec: "SYMMETRIC_DEFAULT", enabled: true });
new awsnative.ssmincidents.ReplicationSet("s", {
    regions: [
        { regionName: "us-east-1", regionConfiguration: { sseKmsKeyId: key.arn } },
        { regionName: "us-west-2" },
    ],
    deletionProtected: true,
    tags: [{ key: "team", value: "ops" }],
});"#,
    )]);
    let set = fixture.set();
    let Protection::Set(protected) = &set.deletion_protection else {
        panic!("{:?}", set.deletion_protection);
    };
    assert_eq!(protected.known(), Some(&true));
    assert_eq!(fixture.text(protected.span), "true");
    assert_eq!(fixture.region(0), named("us-east-1"));
    let KeyChoice::Customer(key) = &fixture.entries()[0].key else {
        panic!("{:?}", fixture.entries()[0].key);
    };
    assert_eq!(fixture.text(key.span), "key.arn");
    assert_eq!(
        key.target,
        KeyTarget::Declared {
            key: KeyId(0),
            attribute: KeyAttribute::Arn
        }
    );
    assert_eq!(fixture.entries()[1].key, KeyChoice::AwsOwned);
    assert_eq!(set.tags.len(), 1);
    assert_eq!(set.tags[0].value.known().map(String::as_str), Some("ops"));
    let unit = fixture.unit();
    assert_eq!(
        unit.keys[0].enabled.as_ref().and_then(|e| e.known()),
        Some(&true)
    );
    // The default aws-native provider reads the stack's `aws-native:region`.
    let provider = unit.provider(set.provider);
    assert!(matches!(provider.region, ProviderRegion::NativeDeployment));

    let unprotected = project(&[(
        "index.ts",
        r#"import * as awsnative from "@pulumi/aws-native";
new awsnative.ssmincidents.ReplicationSet("s", { regions: [{ regionName: "us-east-1" }] });"#,
    )]);
    assert_eq!(unprotected.set().deletion_protection, Protection::Absent);
}

#[test]
fn tags_of_a_set() {
    let fixture = program(
        r#"const team = "ops";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }], tags: { Name: "x", "cost-center": "1", team } });"#,
    );
    let tags: Vec<(String, String)> = fixture
        .set()
        .tags
        .iter()
        .map(|t| {
            (
                t.key.known().cloned().unwrap_or_default(),
                t.value.known().cloned().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [("Name", "x"), ("cost-center", "1"), ("team", "ops")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[test]
fn the_set_is_named_by_its_variable_when_its_name_is_not_known() {
    let fixture = program(
        r#"declare const prefix: string;
const incidents = new aws.ssmincidents.ReplicationSet(`${prefix}-set`, { regions: [{ name: "us-east-1" }] });"#,
    );
    assert_eq!(fixture.set().identity, "incidents");
    assert_eq!(fixture.text(fixture.set().span), "`${prefix}-set`");
}

#[test]
fn a_syntax_error_is_reported_and_the_rest_still_read() {
    let fixture = project(&[
        (
            "index.ts",
            r#"import * as aws from "@pulumi/aws";
import "./broken";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#,
        ),
        ("broken.ts", "const x = ;\n"),
    ]);
    let errors = &fixture.parsed.errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "p/broken.ts");
    let span = errors[0].span.expect("a span");
    assert_eq!(fixture.sources[span.file.0].line_column(span.start).line, 1);
    assert!(
        errors[0].message.starts_with("invalid TypeScript"),
        "{}",
        errors[0].message
    );
    assert_eq!(
        fixture
            .parsed
            .unit
            .as_ref()
            .map(|u| u.replication_sets.len()),
        Some(1)
    );
}

#[test]
fn the_entry_module() {
    let set = r#"import * as aws from "@pulumi/aws";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: "us-east-1" }] });"#;
    let by_main = project_with("runtime: nodejs\nmain: src/\n", &[("src/index.ts", set)]);
    assert_eq!(by_main.set().identity, "s");
    let main_file = project_with(
        "runtime: nodejs\nmain: app.ts\n",
        &[("app.ts", set), ("index.ts", "")],
    );
    assert_eq!(main_file.set().identity, "s");
    let javascript = project(&[("index.js", set)]);
    assert_eq!(javascript.set().identity, "s");
    let ignored = project(&[("index.ts", ""), ("unused.ts", set)]);
    assert!(ignored.parsed.unit.is_none() && ignored.parsed.errors.is_empty());
    let missing = project(&[("src/app.ts", set)]);
    assert!(missing.parsed.unit.is_none());
    assert_eq!(missing.parsed.errors.len(), 1);
    assert!(missing.parsed.errors[0].message.contains("`index.ts`"));
}

#[test]
fn imported_paths_resolve_like_typescript() {
    let fixture = project(&[
        (
            "index.ts",
            r#"import * as aws from "@pulumi/aws";
import { a } from "./a.js";
import { b } from "./lib";
import { c } from "../outside";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: a }, { name: b }, { name: c }] });"#,
        ),
        ("a.ts", r#"export const a = "us-east-1";"#),
        ("lib/index.ts", r#"export { b } from "../b";"#),
        ("b.js", r#"module.exports = { b: "us-east-2" };"#),
    ]);
    assert_eq!(fixture.region(0), named("us-east-1"));
    assert_eq!(fixture.region(1), named("us-east-2"));
    assert!(
        fixture
            .unknown_region_reason(2)
            .contains("not in the project")
    );
}

#[test]
fn import_cycles_end() {
    let fixture = project(&[
        (
            "index.ts",
            r#"import * as aws from "@pulumi/aws";
import { a } from "./a";
export * from "./a";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: a }] });"#,
        ),
        (
            "a.ts",
            r#"export * from "./index"; export { a } from "./index";"#,
        ),
    ]);
    assert!(!fixture.unknown_region_reason(0).is_empty());
}

#[test]
fn declared_but_not_defined_names_are_unknown() {
    let fixture = program(
        r#"declare const primary: string;
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: primary }] });"#,
    );
    assert!(
        fixture
            .unknown_region_reason(0)
            .contains("declared without a value")
    );
}

#[test]
fn the_deprecated_region_list_is_renamed_by_its_name_or_expanded_when_shorthand() {
    let both = program(
        "new aws.ssmincidents.ReplicationSet(\"s\", { regions: [], \"region\": [{ name: \"us-east-1\" }] });\n",
    );
    let syntax = &both.set().region_syntax;
    assert_eq!(both.text(syntax.current[0]), "regions");
    assert_eq!(both.text(syntax.deprecated[0].span), "region");
    assert_eq!(syntax.deprecated[0].current, "regions");
    let shorthand = program(
        "const region = [{ name: \"us-east-1\" }];\nnew aws.ssmincidents.ReplicationSet(\"s\", { region });\n",
    );
    let syntax = &shorthand.set().region_syntax;
    assert!(syntax.current.is_empty());
    assert_eq!(shorthand.text(syntax.deprecated[0].span), "region");
    assert_eq!(syntax.deprecated[0].current, "regions: region");
}

#[test]
fn key_policies_are_read_from_stringified_objects_and_json_strings() {
    let fixture = program(
        "const statement = { Effect: \"Allow\", Action: [\"kms:CreateGrant\", \"kms:DescribeKey\"] };\n\
         new aws.kms.Key(\"a\", { policy: JSON.stringify({ Statement: [statement] }) });\n\
         new aws.kms.Key(\"b\", { policy: pulumi.jsonStringify({ Statement: { Effect: \"Deny\", Action: \"kms:*\" } }) });\n\
         new aws.kms.Key(\"c\", { policy: '{\"Statement\": [{\"Effect\": \"Allow\", \"NotAction\": \"kms:*\"}]}' });\n\
         new aws.kms.Key(\"d\", { policy: fs.readFileSync(\"policy.json\", \"utf8\") });\n\
         new aws.kms.Key(\"e\", {});\n\
         new aws.ssmincidents.ReplicationSet(\"s\", { regions: [] });\n",
    );
    let shapes: Vec<Option<Vec<String>>> = fixture
        .unit()
        .keys
        .iter()
        .map(|key| {
            let policy = key.policy.as_ref()?.known()?;
            Some(
                policy
                    .statements
                    .iter()
                    .map(|s| {
                        let actions = s.actions.known().map_or("?".to_owned(), |a| a.join(","));
                        format!("{:?} {actions}", s.effect.known())
                    })
                    .collect(),
            )
        })
        .collect();
    let statements = |lines: &[&str]| Some(lines.iter().map(|l| (*l).to_owned()).collect());
    assert_eq!(
        shapes,
        [
            statements(&["Some(Allow) kms:CreateGrant,kms:DescribeKey"]),
            statements(&["Some(Deny) kms:*"]),
            statements(&["Some(Allow) ?"]),
            None,
            None,
        ]
    );
    let keys = &fixture.unit().keys;
    assert!(
        keys[3].policy.is_some(),
        "an unknown policy is still a policy"
    );
    assert!(keys[4].policy.is_none());
}

/// `const l0 = "<first>";` and `levels` constants after it, each adding the one before to
/// itself: a string that doubles at each.
fn doubling(first: &str, levels: usize) -> String {
    let mut constants = format!("const l0 = \"{first}\";\n");
    for level in 1..=levels {
        let before = level - 1;
        constants.push_str(&format!("const l{level} = l{before} + l{before};\n"));
    }
    constants
}

#[test]
fn each_binding_and_export_is_evaluated_once() {
    // Thirty constants each adding the one before to itself, and thirty levels of modules that
    // each re-export two of the next: each followed once, not 2^30 times, so within the budget.
    let index = format!(
        "import * as aws from \"@pulumi/aws\";\nimport {{ region }} from \"./a0\";\n{}\
         new aws.ssmincidents.ReplicationSet(\"s\", {{ regions: [{{ name: region + l30 }}] }});\n",
        doubling("", 30)
    );
    let mut modules = vec![("index.ts".to_owned(), index)];
    for level in 0..30 {
        let next = level + 1;
        for side in ["a", "b"] {
            modules.push((
                format!("{side}{level}.ts"),
                format!("export * from \"./a{next}\";\nexport * from \"./b{next}\";\n"),
            ));
        }
    }
    for side in ["a", "b"] {
        modules.push((
            format!("{side}30.ts"),
            "export const region = \"us-east-1\";\n".to_owned(),
        ));
    }
    let files: Vec<(&str, &str)> = modules
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    assert_eq!(project(&files).region(0), named("us-east-1"));
}

#[test]
fn values_that_depend_on_themselves_are_unknown() {
    let fixture = project(&[
        (
            "index.ts",
            r#"import * as aws from "@pulumi/aws";
import { x } from "./a";
const a = b;
const b = a;
const s = s + "-1";
const o: any = { ...o };
new aws.ssmincidents.ReplicationSet("s", { regions: [
    { name: a }, { name: s }, { name: o.name }, { name: x },
] });"#,
        ),
        (
            "a.ts",
            "export * from \"./b\";\nexport { y as x } from \"./b\";\n",
        ),
        (
            "b.ts",
            "export * from \"./a\";\nexport { x as y } from \"./a\";\n",
        ),
    ]);
    let reasons: Vec<String> = (0..4).map(|i| fixture.unknown_region_reason(i)).collect();
    assert_eq!(
        reasons,
        [
            "`a` depends on itself (a cycle)",
            "a string that includes itself (a cycle)",
            "`name` of an object that spreads itself (a cycle)",
            "`x` is re-exported in a cycle of modules",
        ]
    );
}

#[test]
fn values_past_the_step_budget_are_unknown() {
    // Each tag copies 4,000 bytes, 250 steps: 5,000 of them take more than the budget, and
    // once it is spent the rest are unknown without being read.
    let tags: String = (0..5000).map(|i| format!("t{i}: long + long, ")).collect();
    let fixture = program(&format!(
        "const long = \"{}\";\n\
         new aws.ssmincidents.ReplicationSet(\"s\", {{ regions: [{{ name: \"us-east-1\" }}], tags: {{ {tags} }} }});",
        "x".repeat(2000)
    ));
    let tags = &fixture.set().tags;
    assert_eq!(tags[0].value.known().map(String::len), Some(4000));
    assert_eq!(
        unknown_reason(&tags[4999].value),
        "the program takes more than 1000000 steps to evaluate"
    );
    assert_eq!(fixture.region(0), named("us-east-1"));
}

#[test]
fn strings_longer_than_4_kib_are_unknown_and_key_policies_up_to_32_kib_are_read() {
    // Twenty-two doublings of a region name would make 37 MiB.
    let actions: Vec<String> = (0..400).map(|i| format!("\\\"kms:Action{i}\\\"")).collect();
    let fixture = program(&format!(
        "{}const sid = \"grants\";\n\
         new aws.kms.Key(\"k\", {{ policy: `{{\"Statement\": [{{\"Sid\": \"${{sid}}\", \"Effect\": \"Allow\", \"Action\": [{}]}}]}}` }});\n\
         new aws.ssmincidents.ReplicationSet(\"s\", {{ regions: [{{ name: \"us-east-1\" }}], tags: {{ short: l8, long: l22, template: `${{l9}}` }} }});",
        doubling("us-east-1", 22),
        actions.join(", ")
    ));
    let tags = &fixture.set().tags;
    assert_eq!(tags[0].value.known().map(String::len), Some(9 << 8));
    assert_eq!(
        unknown_reason(&tags[1].value),
        "a string too long to follow (over 4 KiB)"
    );
    assert_eq!(
        unknown_reason(&tags[2].value),
        "a string too long to follow (over 4 KiB)"
    );
    let policy = fixture.unit().keys[0].policy.as_ref().expect("a policy");
    let policy = policy.known().expect("a policy of 8 KiB is read");
    assert_eq!(
        policy.statements[0].actions.known().map(Vec::len),
        Some(400)
    );
}

#[test]
fn a_list_pushed_to_once_or_in_each_turn_of_a_whole_loop_is_read() {
    let read = program(
        r#"const regions = [{ name: "us-east-1" }];
regions.push({ name: "us-west-2" });
for (const name of ["eu-west-1", "eu-central-1"]) {
    const entry = { name };
    regions.push(entry);
}
new aws.ssmincidents.ReplicationSet("s", { regions });"#,
    );
    let names: Vec<Region> = (0..4).map(|index| read.region(index)).collect();
    let expected = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
    assert_eq!(names, expected.map(named));

    // Each of these may push other than once per element, or not at all: the list is unknown.
    for pushes in [
        "if (ready) { regions.push({ name: \"us-west-2\" }); }",
        "for (const name of names) { if (!name) { continue; } regions.push({ name }); }",
        "for (const name of names) { if (name) { regions.push({ name }); } }",
        "for (const name of names) for (const other of names) regions.push({ name });",
        "names.forEach(name => regions.push({ name }));",
        "for (let i = 0; i < 2; i++) { regions.push({ name: names[i] }); }",
    ] {
        let fixture = program(&format!(
            "declare const ready: boolean;\nconst names = [\"us-east-1\", \"us-west-2\"];\n\
             const regions = [{{ name: \"eu-west-1\" }}];\n{pushes}\n\
             new aws.ssmincidents.ReplicationSet(\"s\", {{ regions }});"
        ));
        assert!(
            matches!(fixture.set().regions, Regions::Unknown(_)),
            "{pushes}: {:?}",
            fixture.set().regions
        );
    }
}
