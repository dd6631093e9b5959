use crate::frontend::fixture::Fixture;
use crate::frontend::pulumi;
use crate::model::{
    KeyAttribute, KeyChoice, KeyId, KeyResource, KeyTarget, Protection, ProviderId, ProviderRegion,
    Region, Regions, ReplicationSet, Value, ValueKind,
};

use super::evaluate::{DEFAULT_AWS, DEFAULT_AWS_NATIVE};

/// Declarations that the expressions of the tests refer to; a replication set whose first
/// region's name and key are the expressions under test follows.
const PRELUDE: &str = r#"name: proj
runtime: yaml
config:
  cfgRegion:
    type: string
    default: eu-west-1
  plainRegion: ap-south-1
  noDefault:
    type: string
  stackRegion:
    default: us-east-1
  aws-native:region:
    value: eu-north-1
variables:
  region: us-east-2
  alias: ${region}
  regionList: [us-west-1, {name: ca-central-1}]
  account: "111122223333"
  arn: arn:aws:kms:${region}:${account}:key/abc
  cycleA: ${cycleB}
  cycleB: ${cycleA}
  here:
    fn::invoke:
      function: aws:getRegion
  west:
    fn::aws:index/getRegion:getRegion:
      {}
  westName:
    fn::invoke:
      function: aws:getRegion
      options:
        provider: ${westProvider}
      return: name
  ami:
    fn::invoke:
      function: aws:ec2:getAmi
      return: id
  chosen:
    fn::select: [1, "${regionList}"]
  secret:
    fn::secret: sa-east-1
resources:
  westProvider:
    type: pulumi:providers:aws
    properties:
      region: us-west-2
  key:
    type: aws:kms:Key
  bucket:
    type: aws:s3:Bucket
  set:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
"#;

fn parse_project(files: &[(&str, &str)]) -> Fixture {
    Fixture::parse("p", files, pulumi::parse)
}

fn parse_program(program: &str) -> Fixture {
    parse_project(&[("Pulumi.yaml", program)])
}

/// The prelude with a set whose only region entry has these fields (YAML, one per line).
fn with_entry(fields: &str) -> Fixture {
    let mut program = PRELUDE.to_owned();
    for (index, line) in fields.lines().enumerate() {
        let bullet = if index == 0 { "- " } else { "  " };
        program.push_str(&format!("        {bullet}{line}\n"));
    }
    parse_program(&program)
}

impl Fixture {
    fn set_named(&self, identity: &str) -> &ReplicationSet {
        self.unit()
            .replication_sets
            .iter()
            .find(|set| set.identity == identity)
            .expect("the set")
    }
}

/// A value without its spans: `literal X`, `resolved X`, `unknown: reason`.
fn shape<T: std::fmt::Debug>(value: &Value<T>) -> String {
    match &value.kind {
        ValueKind::Literal(value) => format!("literal {value:?}"),
        ValueKind::Resolved { value, .. } => format!("resolved {value:?}"),
        ValueKind::Unknown(reason) => format!("unknown: {}", reason.0),
    }
}

/// The shape of the key of each region of a set.
fn key_shapes(set: &ReplicationSet) -> Vec<String> {
    let entries = set.listed_regions();
    entries.iter().map(|entry| key_shape(&entry.key)).collect()
}

fn key_shape(key: &KeyChoice) -> String {
    match key {
        KeyChoice::AwsOwned => "aws-owned".to_owned(),
        KeyChoice::Unknown(value) => shape(value),
        KeyChoice::Customer(key) => match &key.target {
            KeyTarget::Arn(arn) => format!("arn {}", shape(arn)),
            KeyTarget::IdOrAlias(id) => format!("id {}", shape(id)),
            KeyTarget::Declared { key, attribute } => format!("{key:?} {attribute:?}"),
            KeyTarget::Unknown(reason) => format!("some key: {}", reason.0),
        },
    }
}

fn region_of(expression: &str) -> String {
    let fixture = with_entry(&format!("name: {expression}"));
    shape(&fixture.set_named("set").listed_regions()[0].name)
}

fn key_of(expression: &str) -> String {
    let fixture = with_entry(&format!("name: us-east-1\nkmsKeyArn: {expression}"));
    key_shape(&fixture.set_named("set").listed_regions()[0].key)
}

fn named(region: &str) -> String {
    format!("Named({region:?})")
}

#[test]
fn region_names_follow_variables_and_configuration() {
    for (expression, expected) in [
        ("us-east-1", format!("literal {}", named("us-east-1"))),
        ("'${region}'", format!("resolved {}", named("us-east-2"))),
        ("${alias}", format!("resolved {}", named("us-east-2"))),
        (
            "${regionList[1].name}",
            format!("resolved {}", named("ca-central-1")),
        ),
        (
            "${regionList[1][\"name\"]}",
            format!("resolved {}", named("ca-central-1")),
        ),
        (
            "${chosen.name}",
            format!("resolved {}", named("ca-central-1")),
        ),
        ("${secret}", format!("resolved {}", named("sa-east-1"))),
        ("${cfgRegion}", format!("resolved {}", named("eu-west-1"))),
        (
            "${plainRegion}",
            format!("resolved {}", named("ap-south-1")),
        ),
        (
            "${proj:cfgRegion}",
            format!("resolved {}", named("eu-west-1")),
        ),
        (
            "prefix-${region}",
            format!("resolved {}", named("prefix-us-east-2")),
        ),
        ("$${region}", format!("literal {}", named("${region}"))),
    ] {
        assert_eq!(region_of(expression), expected, "{expression}");
    }
}

#[test]
fn a_resolved_value_points_at_its_definition() {
    let fixture = with_entry("name: ${regionList[1].name}");
    let name = &fixture.set_named("set").listed_regions()[0].name;
    assert_eq!(fixture.text(name.span), "${regionList[1].name}");
    assert_eq!(
        fixture.text(name.definition().expect("resolved")),
        "ca-central-1"
    );
    let fixture = with_entry("name: ${cfgRegion}");
    let name = &fixture.set_named("set").listed_regions()[0].name;
    let definition = name.definition().expect("resolved");
    assert_eq!(fixture.text(definition), "eu-west-1");
    assert_eq!(fixture.sources[0].line_column(definition.start).line, 6);
}

#[test]
fn provider_regions_come_from_config_and_get_region() {
    let of = |id: ProviderId| format!("literal OfProvider({id:?})");
    let west = ProviderId(2);
    for (expression, expected) in [
        ("${aws:region}", of(DEFAULT_AWS)),
        ("${here.name}", of(DEFAULT_AWS)),
        ("${here.region}", of(DEFAULT_AWS)),
        ("${west.id}", of(DEFAULT_AWS)),
        ("${westName}", of(west)),
    ] {
        assert_eq!(region_of(expression), expected, "{expression}");
    }
}

#[test]
fn what_is_known_only_when_deployed_is_unknown_with_a_reason() {
    for (expression, reason) in [
        (
            "${noDefault}",
            "configuration `noDefault`, required and set by each stack",
        ),
        (
            "${ami}",
            "the result of `aws:ec2:getAmi`, known when deployed",
        ),
        (
            "${bucket.region}",
            "an output of resource `bucket`, known once deployed",
        ),
        ("${pulumi.stack}", "`pulumi.stack` is known when deployed"),
        ("${cycleA}", "references that go round in a cycle"),
        ("${missing}", "`missing` is not declared in the program"),
        (
            "${here.description}",
            "`.description` of `aws:getRegion`, known when deployed",
        ),
        ("${here}", "the result of `aws:getRegion`, not a string"),
        (
            "{fn::aws:getRegion: {endpoint: ec2.eu-west-1.amazonaws.com}}",
            "`aws:getRegion` with neither `name` nor `region` is not evaluated",
        ),
        ("${regionList}", "a list, not a string"),
        ("${regionList[5]}", "the value has no `[5]`"),
        ("${key.arn}", "the ARN of key `key`, known once deployed"),
        ("'${region'", "a string with an unterminated `${`"),
        ("{fn::join: ['-', [a, b]]}", "`fn::join` is not evaluated"),
        (
            "arn-in-${aws:region}",
            "the region a provider deploys to, known when deployed",
        ),
    ] {
        assert_eq!(
            region_of(expression),
            format!("unknown: {reason}"),
            "{expression}"
        );
    }
}

/// `aws:getRegion` with a `name` (v7: `region`) describes that region, whatever its provider's,
/// in every form the call takes; its name is written in the argument.
#[test]
fn get_region_reads_the_region_its_arguments_name() {
    let variables = [
        "named: {fn::invoke: {function: aws:getRegion, arguments: {name: eu-west-3}, return: name}}",
        "v7: {fn::invoke: {function: aws:index/getRegion:getRegion, arguments: {region: ap-northeast-1}}}",
        "short: {fn::aws:getRegion: {name: '${chosen}', endpoint: ec2.sa-east-1.amazonaws.com}}",
        "chosen: sa-east-1",
        "byVariable: {fn::invoke: {function: aws:getRegion, arguments: '${arguments}', return: id}}",
        "arguments: {name: eu-north-1}",
        "none: {fn::invoke: {function: aws:getRegion, arguments: {}, return: name}}",
        "byEndpoint: {fn::invoke: {function: aws:getRegion, arguments: {endpoint: x}, return: name}}",
        "notObject: {fn::invoke: {function: aws:getRegion, arguments: [eu-west-1], return: name}}",
    ]
    .map(str::to_owned);
    let fixture = with_variables(
        &variables,
        &[
            "${named}",
            "${v7.name}",
            "${v7.id}",
            "${short.region}",
            "${byVariable}",
            "${none}",
            "${byEndpoint}",
            "${v7.endpoint}",
            "${notObject}",
        ],
    );
    assert_eq!(
        region_shapes(&fixture),
        [
            format!("resolved {}", named("eu-west-3")),
            format!("resolved {}", named("ap-northeast-1")),
            format!("resolved {}", named("ap-northeast-1")),
            format!("resolved {}", named("sa-east-1")),
            format!("resolved {}", named("eu-north-1")),
            format!("literal OfProvider({DEFAULT_AWS:?})"),
            "unknown: `aws:getRegion` with neither `name` nor `region` is not evaluated".to_owned(),
            "unknown: `.endpoint` of `aws:getRegion`, known when deployed".to_owned(),
            "unknown: `aws:getRegion` arguments that are no object".to_owned(),
        ]
    );
    let first = &fixture.set_named("set").listed_regions()[0].name;
    assert_eq!(
        fixture.text(first.definition().expect("resolved")),
        "eu-west-3"
    );
}

/// A program whose variables are the given lines (`name: value`), and a set whose regions are
/// the given names, each an expression.
fn with_variables(variables: &[String], names: &[&str]) -> Fixture {
    let mut program = "name: p\nruntime: yaml\nvariables:\n".to_owned();
    for variable in variables {
        program.push_str(&format!("  {variable}\n"));
    }
    program.push_str(
        "resources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n",
    );
    for name in names {
        program.push_str(&format!("        - name: \"{name}\"\n"));
    }
    parse_program(&program)
}

fn region_shapes(fixture: &Fixture) -> Vec<String> {
    fixture
        .set_named("set")
        .listed_regions()
        .iter()
        .map(|entry| shape(&entry.name))
        .collect()
}

/// `v0: x`, then each variable the previous one twice.
fn doubling(levels: usize, first: &str) -> Vec<String> {
    std::iter::once(format!("v0: \"{first}\""))
        .chain((1..levels).map(|level| format!("v{level}: ${{v{}}}${{v{}}}", level - 1, level - 1)))
        .collect()
}

#[test]
fn strings_that_double_through_variables_stop_at_four_kib() {
    let fixture = with_variables(&doubling(40, "x"), &["${v39}", "${v3}", "${v12}", "${v13}"]);
    // Each string is built once for every reader, up to the 32 KiB a key policy may take.
    assert_eq!(
        region_shapes(&fixture),
        [
            "unknown: a string too long to follow (over 32 KiB)".to_owned(),
            format!("resolved {}", named("xxxxxxxx")),
            format!("resolved {}", named(&"x".repeat(4096))),
            "unknown: a string too long to follow (over 4 KiB)".to_owned(),
        ]
    );
}

#[test]
fn each_variable_is_evaluated_once() {
    // An empty string doubled sixty times is 2^60 references followed, were each variable
    // followed anew at each reference.
    let fixture = with_variables(&doubling(60, ""), &["a${v59}"]);
    assert_eq!(
        region_shapes(&fixture),
        [format!("resolved {}", named("a"))]
    );
}

#[test]
fn cycles_are_found_through_strings_and_paths() {
    let variables = [
        "selfish: x-${selfish}".to_owned(),
        "list: [\"${first}\", us-east-1]".to_owned(),
        "first: ${list[0]}".to_owned(),
        "second: ${list[1]}".to_owned(),
    ];
    let fixture = with_variables(&variables, &["${selfish}", "${first}", "${second}"]);
    assert_eq!(
        region_shapes(&fixture),
        [
            "unknown: references that go round in a cycle".to_owned(),
            "unknown: references that go round in a cycle".to_owned(),
            format!("resolved {}", named("us-east-1")),
        ]
    );
}

#[test]
fn a_chain_of_more_than_sixty_four_references_is_unknown() {
    let chain = |length: usize| -> Vec<String> {
        std::iter::once("c0: us-east-1".to_owned())
            .chain((1..length).map(|n| format!("c{n}: x${{c{}}}", n - 1)))
            .collect()
    };
    let fixture = with_variables(&chain(20), &["${c19}"]);
    assert_eq!(
        region_shapes(&fixture),
        [format!(
            "resolved {}",
            named(&format!("{}us-east-1", "x".repeat(19)))
        )]
    );
    let fixture = with_variables(&chain(100), &["${c99}"]);
    assert_eq!(
        region_shapes(&fixture),
        ["unknown: a chain of more than 64 references"]
    );
}

#[test]
fn text_reached_through_a_reference_is_bounded() {
    let long = "x".repeat(5000);
    let fixture = with_variables(&[format!("long: {long}")], &["${long}", &long]);
    assert_eq!(
        region_shapes(&fixture),
        [
            "unknown: a string too long to follow (over 4 KiB)".to_owned(),
            format!("literal {}", named(&long)),
        ]
    );
}

#[test]
fn reasons_that_quote_the_program_are_paid_for_each_time_they_are_handed_on() {
    // Each region's reason quotes the 100,000-byte name: 200 MB for the 2,000 regions, were the
    // copies free.
    let name = "a".repeat(100_000);
    let set = |set: &str, count: usize| {
        format!(
            "  {set}:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n{}",
            "        - name: ${v}\n".repeat(count)
        )
    };
    let program = format!(
        "name: p\nruntime: yaml\nvariables:\n  v: ${{{name}}}\nresources:\n{}{}",
        set("first", 1),
        set("many", 2000)
    );
    let fixture = parse_program(&program);
    let first = fixture.set_named("first").listed_regions();
    assert_eq!(
        shape(&first[0].name),
        format!("unknown: `{name}` is not declared in the program")
    );
    let Regions::Unknown(regions) = &fixture.set_named("many").regions else {
        panic!("the regions of `many` are unknown");
    };
    assert_eq!(
        shape(regions),
        "unknown: the program takes more than 1000000 steps to evaluate"
    );
}

#[test]
fn a_key_policy_built_by_interpolation_may_take_32_kib() {
    let policy = |sid: usize| {
        let program = format!(
            "name: p\nruntime: yaml\nvariables:\n  sid: {}\nresources:\n  key:\n    type: aws:kms:Key\n    properties:\n      policy: '{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Sid\": \"${{sid}}\", \"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"*\"}}, \"Action\": \"kms:*\", \"Resource\": \"*\"}}]}}'\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions: [{{name: \"${{sid}}\"}}]\n",
            "x".repeat(sid)
        );
        let fixture = parse_program(&program);
        let unit = fixture.unit();
        let policy = unit.keys[0].policy.clone().expect("a policy");
        let known = !matches!(policy.kind, ValueKind::Unknown(_));
        (
            known,
            shape(&unit.replication_sets[0].listed_regions()[0].name),
        )
    };
    let too_long = "unknown: a string too long to follow (over 4 KiB)".to_owned();
    assert_eq!(policy(5000), (true, too_long.clone()));
    assert_eq!(policy(40_000), (false, too_long));
}

#[test]
fn the_program_shares_one_budget_and_stays_silent_past_it() {
    // Each use of the 4,000-byte string costs about 250 steps: the budget of 1,000,000 runs
    // out within the second set's thousands of regions, and what is left to read is unknown.
    let long = "x".repeat(4000);
    let set = |name: &str, count: usize| {
        format!(
            "  {name}:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n{}",
            "        - name: ${long}\n".repeat(count)
        )
    };
    let program = format!(
        "name: p\nruntime: yaml\nvariables:\n  long: {long}\nresources:\n{}{}{}",
        set("first", 1),
        set("many", 5000),
        set("last", 1)
    );
    let fixture = parse_program(&program);
    let first = fixture.set_named("first").listed_regions();
    assert_eq!(shape(&first[0].name), format!("resolved {}", named(&long)));
    for spent in ["many", "last"] {
        let Regions::Unknown(regions) = &fixture.set_named(spent).regions else {
            panic!("the regions of `{spent}` are unknown");
        };
        assert_eq!(
            shape(regions),
            "unknown: the program takes more than 1000000 steps to evaluate"
        );
    }
}

#[test]
fn configuration_that_stacks_set_is_unknown() {
    let program =
        format!("{PRELUDE}        - name: ${{stackRegion}}\n        - name: ${{cfgRegion}}\n");
    let fixture = parse_project(&[
        ("Pulumi.yaml", &program),
        (
            "Pulumi.dev.yaml",
            "config:\n  proj:stackRegion: eu-west-3\n",
        ),
        ("Pulumi.prod.yaml", "config:\n  aws:region: us-east-1\n"),
    ]);
    let regions: Vec<String> = fixture
        .set_named("set")
        .listed_regions()
        .iter()
        .map(|entry| shape(&entry.name))
        .collect();
    assert_eq!(
        regions,
        [
            "unknown: configuration `stackRegion` is set by the stacks".to_owned(),
            format!("resolved {}", named("eu-west-1")),
        ]
    );
}

/// A stack that sets a key the project requires gives it a value of its own; it stays some key.
/// One the project gives a default may be set to anything by a stack, `DefaultKey` too.
#[test]
fn a_required_key_stays_some_key_when_stacks_set_it() {
    let program = format!(
        "{PRELUDE}        - name: us-east-1\n          kmsKeyArn: ${{noDefault}}\n        - name: us-west-2\n          kmsKeyArn: ${{cfgRegion}}\n"
    );
    let fixture = parse_project(&[
        ("Pulumi.yaml", &program),
        (
            "Pulumi.dev.yaml",
            "config:\n  proj:noDefault: arn:aws:kms:us-east-1:1:key/x\n  proj:cfgRegion: DefaultKey\n",
        ),
    ]);
    let keys = key_shapes(fixture.set_named("set"));
    assert_eq!(
        keys,
        [
            "some key: configuration `noDefault`, required and set by each stack",
            "unknown: configuration `cfgRegion` is set by the stacks",
        ]
    );
}

#[test]
fn keys_are_declared_keys_arns_ids_or_aws_owned() {
    let arn = "arn:aws:kms:us-east-1:111122223333:key/abc";
    for (expression, expected) in [
        ("${key.arn}", "KeyId(0) Arn".to_owned()),
        ("${key.id}", "KeyId(0) KeyId".to_owned()),
        ("${key.keyId}", "KeyId(0) KeyId".to_owned()),
        (arn, format!("arn literal {arn:?}")),
        (
            "${arn}",
            "arn resolved \"arn:aws:kms:us-east-2:111122223333:key/abc\"".to_owned(),
        ),
        (
            "arn:aws:kms:us-east-1:111122223333:alias/incidents",
            "id literal \"arn:aws:kms:us-east-1:111122223333:alias/incidents\"".to_owned(),
        ),
        (
            "alias/incidents",
            "id literal \"alias/incidents\"".to_owned(),
        ),
        ("1234abcd-12ab", "id literal \"1234abcd-12ab\"".to_owned()),
        ("DefaultKey", "aws-owned".to_owned()),
        ("null", "aws-owned".to_owned()),
        ("", "aws-owned".to_owned()),
        ("''", "unknown: an empty key ARN".to_owned()),
        ("[a]", "unknown: neither a key id nor an ARN".to_owned()),
        ("${aws:region}", "unknown: a region, not a key".to_owned()),
        (
            "${missing}",
            "unknown: `missing` is not declared in the program".to_owned(),
        ),
        (
            "${bucket.arn}",
            "some key: an output of resource `bucket`, known once deployed".to_owned(),
        ),
        // Required: Pulumi deploys no stack without it, as `config.require` elsewhere.
        (
            "${noDefault}",
            "some key: configuration `noDefault`, required and set by each stack".to_owned(),
        ),
        (
            "arn:aws:kms:us-east-1:1:key/${noDefault}",
            "some key: configuration `noDefault`, required and set by each stack".to_owned(),
        ),
        ("${cfgRegion}", "id resolved \"eu-west-1\"".to_owned()),
        (
            "arn:aws:kms:${missing}:1:key/x",
            "some key: `missing` is not declared in the program".to_owned(),
        ),
    ] {
        assert_eq!(key_of(expression), expected, "{expression:?}");
    }
    let fixture = with_entry("name: us-east-1");
    assert_eq!(
        key_shape(&fixture.set_named("set").listed_regions()[0].key),
        "aws-owned"
    );
}

/// An alias's ARN and name name the key by an alias, and so does an alias the program reads
/// with `get`; the key id it targets is an id. Its `targetKeyArn` is some key's ARN.
#[test]
fn the_outputs_of_an_alias_are_an_alias_or_a_key_id() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
resources:
  key:
    type: aws:kms:Key
  incidents:
    type: aws:kms/alias:Alias
    properties:
      name: alias/incidents
      targetKeyId: ${key.keyId}
  existing:
    type: aws:kms:Alias
    get:
      id: alias/existing
  set:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions:
        - {name: us-east-1, kmsKeyArn: "${incidents.arn}"}
        - {name: us-east-2, kmsKeyArn: "${incidents.name}"}
        - {name: us-west-1, kmsKeyArn: "${incidents.id}"}
        - {name: us-west-2, kmsKeyArn: "${incidents.targetKeyId}"}
        - {name: eu-west-1, kmsKeyArn: "${existing.arn}"}
        - {name: eu-west-2, kmsKeyArn: "${incidents.targetKeyArn}"}
        - {name: "${incidents.arn}"}
"#,
    );
    let set = fixture.set_named("set");
    assert_eq!(
        key_shapes(set),
        [
            "id unknown: the ARN of alias `incidents`",
            "id unknown: the name of alias `incidents`",
            "id unknown: the name of alias `incidents`",
            "id unknown: the target key id of alias `incidents`",
            "id unknown: the ARN of alias `existing`",
            "some key: an output of resource `incidents`, known once deployed",
            "aws-owned",
        ]
    );
    assert_eq!(
        shape(&set.listed_regions()[6].name),
        "unknown: the ARN of alias `incidents`, known once deployed"
    );
    // An alias declares no key.
    assert_eq!(fixture.unit().keys.len(), 1);
}

#[test]
fn short_and_full_type_tokens_are_read() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
resources:
  short:
    type: aws:ssmincidents:ReplicationSet
    properties: {regions: [{name: us-east-1}]}
  full:
    type: aws:ssmincidents/replicationSet:ReplicationSet
    properties: {regions: [{name: us-east-1}]}
  native:
    type: aws-native:ssmincidents:ReplicationSet
    properties: {regions: [{regionName: us-east-1}]}
  existing:
    type: aws:ssmincidents:ReplicationSet
    get: {id: abc}
  other:
    type: aws:ssmincidents:ResponsePlan
"#,
    );
    let identities: Vec<&str> = fixture
        .unit()
        .replication_sets
        .iter()
        .map(|set| set.identity.as_str())
        .collect();
    assert_eq!(identities, ["short", "full", "native"]);
}

#[test]
fn each_resource_type_gives_its_protection_and_tags() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
resources:
  aws:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions: [{name: us-east-1}]
      tags: {team: ops, env: "${pulumi.stack}"}
  protected:
    type: aws-native:ssmincidents:ReplicationSet
    properties:
      regions: [{regionName: us-east-1}]
      deletionProtected: "true"
      tags: [{key: team, value: ops}, {key: incomplete}]
  unprotected:
    type: aws-native:ssmincidents:ReplicationSet
    properties:
      regions: [{regionName: us-east-1}]
      deletionProtected: null
  unknown:
    type: aws-native:ssmincidents:ReplicationSet
    properties:
      regions: [{regionName: us-east-1}]
      deletionProtected: ${flag}
"#,
    );
    let protection = |identity| match &fixture.set_named(identity).deletion_protection {
        Protection::Set(value) => shape(value),
        other => format!("{other:?}"),
    };
    assert_eq!(protection("aws"), "NotSettable");
    assert_eq!(protection("protected"), "literal true");
    assert_eq!(protection("unprotected"), "Absent");
    assert_eq!(
        protection("unknown"),
        "unknown: `flag` is not declared in the program"
    );
    let tags = |identity| -> Vec<String> {
        fixture
            .set_named(identity)
            .tags
            .iter()
            .map(|tag| format!("{}={}", shape(&tag.key), shape(&tag.value)))
            .collect()
    };
    assert_eq!(
        tags("aws"),
        [
            "literal \"team\"=literal \"ops\"",
            "literal \"env\"=unknown: `pulumi.stack` is known when deployed"
        ]
    );
    assert_eq!(tags("protected"), ["literal \"team\"=literal \"ops\""]);
    let tag = &fixture.set_named("aws").tags[0];
    assert_eq!(fixture.text(tag.span), "team: ops");
}

#[test]
fn native_region_entries_read_their_configuration() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
variables:
  configuration: {sseKmsKeyId: "${key.arn}"}
resources:
  key:
    type: aws-native:kms:Key
    properties: {keySpec: SYMMETRIC_DEFAULT, origin: AWS_KMS, enabled: false}
  set:
    type: aws-native:ssmincidents:ReplicationSet
    properties:
      regions:
        - regionName: us-east-1
          regionConfiguration: ${configuration}
        - regionName: us-west-2
          regionConfiguration: null
        - regionName: eu-west-1
          regionConfiguration: {}
        - regionName: eu-west-2
          regionConfiguration: [x]
"#,
    );
    let keys = key_shapes(fixture.set_named("set"));
    assert_eq!(
        keys,
        [
            "KeyId(0) Arn",
            "aws-owned",
            "aws-owned",
            "unknown: not an object written in the program"
        ]
    );
    let key = &fixture.unit().keys[0];
    assert_eq!(
        key.region.known(),
        Some(&Region::OfProvider(DEFAULT_AWS_NATIVE))
    );
    assert_eq!(
        (
            key.spec.as_ref().map(shape),
            key.origin.as_ref().map(shape),
            key.enabled.as_ref().map(shape)
        ),
        (
            Some("literal \"SYMMETRIC_DEFAULT\"".to_owned()),
            Some("literal \"AWS_KMS\"".to_owned()),
            Some("literal false".to_owned())
        )
    );
}

#[test]
fn kms_keys_keep_their_attributes_and_region() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
resources:
  west:
    type: pulumi:providers:aws
    properties: {region: us-west-2}
  key:
    type: aws:kms:Key
    properties:
      customerMasterKeySpec: RSA_2048
      keyUsage: SIGN_VERIFY
      isEnabled: false
      customKeyStoreId: cks-1
    options: {provider: "${west}"}
  newer:
    type: aws:kms/key:Key
    properties: {keySpec: HMAC_256, customerMasterKeySpec: RSA_2048, region: eu-west-1}
  external:
    type: aws:kms:ExternalKey
  replica:
    type: aws:kms:ReplicaKey
    properties: {primaryKeyArn: "${key.arn}", enabled: true}
  set:
    type: aws:ssmincidents:ReplicationSet
    properties: {regions: [{name: us-east-1}]}
"#,
    );
    let unit = fixture.unit();
    let lines: Vec<String> = unit
        .keys
        .iter()
        .map(|key| {
            format!(
                "{} {:?} {} spec={:?} usage={:?} origin={:?} enabled={:?} store={:?}",
                key.identity,
                key.resource,
                shape(&key.region),
                key.spec.as_ref().map(shape),
                key.usage.as_ref().map(shape),
                key.origin.as_ref().map(shape),
                key.enabled.as_ref().map(shape),
                key.custom_key_store.as_ref().map(shape),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "key Key literal OfProvider(ProviderId(2)) spec=Some(\"literal \\\"RSA_2048\\\"\") usage=Some(\"literal \\\"SIGN_VERIFY\\\"\") origin=None enabled=Some(\"literal false\") store=Some(\"literal \\\"cks-1\\\"\")",
            "newer Key literal Named(\"eu-west-1\") spec=Some(\"literal \\\"HMAC_256\\\"\") usage=None origin=None enabled=None store=None",
            "external ExternalKey literal OfProvider(ProviderId(0)) spec=None usage=None origin=Some(\"literal \\\"EXTERNAL\\\"\") enabled=None store=None",
            "replica ReplicaKey literal OfProvider(ProviderId(0)) spec=None usage=None origin=None enabled=Some(\"literal true\") store=None",
        ]
    );
    assert_eq!(unit.key(KeyId(2)).resource, KeyResource::ExternalKey);
    assert_eq!(fixture.text(unit.keys[0].span), "key");
}

#[test]
fn providers_come_from_options_and_defaults() {
    let fixture = parse_project(&[
        (
            "Pulumi.yaml",
            r#"name: p
runtime: yaml
config:
  aws-native:region:
    value: eu-north-1
variables:
  chosen: ${east}
resources:
  east:
    type: pulumi:providers:aws
    properties: {region: us-east-1}
  plain:
    type: pulumi:providers:aws
  stackRegion:
    type: pulumi:providers:aws
    properties: {region: "${aws:region}"}
  native:
    type: pulumi:providers:aws-native
  byOption:
    type: aws:ssmincidents:ReplicationSet
    properties: {regions: [{name: us-east-1}]}
    options: {provider: "${east}"}
  byVariable:
    type: aws:ssmincidents:ReplicationSet
    options: {provider: "${chosen}"}
  byList:
    type: aws:ssmincidents:ReplicationSet
    options: {providers: ["${native}", "${plain}"]}
  byMap:
    type: aws-native:ssmincidents:ReplicationSet
    options: {providers: {aws-native: "${native}"}}
  byDefault:
    type: aws-native:ssmincidents:ReplicationSet
  byUnknown:
    type: aws:ssmincidents:ReplicationSet
    options: {provider: "${bucket}"}
"#,
        ),
        ("Pulumi.dev.yaml", "config:\n  aws:region: us-west-2\n"),
    ]);
    let unit = fixture.unit();
    let region = |id: ProviderId| match &unit.provider(id).region {
        ProviderRegion::Code(value) => shape(value),
        ProviderRegion::Deployment => "deployment".to_owned(),
        ProviderRegion::NativeDeployment => "aws-native deployment".to_owned(),
    };
    let providers: Vec<String> = (0..unit.providers.len())
        .map(|id| format!("{}: {}", unit.providers[id].name, region(ProviderId(id))))
        .collect();
    assert_eq!(
        providers,
        [
            "the default provider: deployment",
            "the default aws-native provider: aws-native deployment",
            "provider `east`: literal \"us-east-1\"",
            "provider `plain`: deployment",
            "provider `stackRegion`: deployment",
            "provider `native`: aws-native deployment",
            "the provider of `byUnknown`: unknown: `bucket` is not a provider declared in the program",
        ]
    );
    let provider_of = |identity| fixture.set_named(identity).provider.0;
    assert_eq!(provider_of("byOption"), 2);
    assert_eq!(provider_of("byVariable"), 2);
    assert_eq!(provider_of("byList"), 3);
    assert_eq!(provider_of("byMap"), 5);
    assert_eq!(provider_of("byDefault"), 1);
    assert_eq!(provider_of("byUnknown"), 6);
    let unknown_provider = unit.provider(ProviderId(6));
    assert_eq!(
        fixture.text(unknown_provider.span.expect("a span")),
        "\"${bucket}\""
    );
    assert_eq!(
        fixture.text(unit.provider(ProviderId(2)).span.expect("a span")),
        "east"
    );
    assert!(matches!(
        fixture.set_named("byVariable").regions,
        Regions::Unknown(_)
    ));
}

#[test]
fn a_declared_default_provider_replaces_pulumis() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
variables:
  current:
    fn::invoke: {function: aws:getRegion, return: name}
resources:
  central:
    type: pulumi:providers:aws
    defaultProvider: true
    properties: {region: eu-central-1}
  key:
    type: aws:kms:Key
  set:
    type: aws:ssmincidents:ReplicationSet
    properties:
      regions: [{name: "${current}"}, {name: "${aws:region}"}]
"#,
    );
    let unit = fixture.unit();
    let central = Region::OfProvider(ProviderId(2));
    assert_eq!(fixture.set_named("set").provider, ProviderId(2));
    assert_eq!(unit.keys[0].region.known(), Some(&central));
    let names: Vec<_> = fixture
        .set_named("set")
        .listed_regions()
        .iter()
        .map(|entry| entry.name.known().cloned())
        .collect();
    // `aws:region` is the stack's configuration, whatever the default provider.
    assert_eq!(
        names,
        [Some(central), Some(Region::OfProvider(DEFAULT_AWS))]
    );
}

#[test]
fn spans_point_at_the_written_text() {
    let fixture = parse_program(
        r#"name: p
runtime: yaml
resources:
  key:
    type: aws:kms:Key
  incidentSet:
    type: aws-native:ssmincidents:ReplicationSet
    properties:
      regions:
        - regionName: us-east-1   # primary
          regionConfiguration:
            sseKmsKeyId: ${key.arn}

        - regionName: "us-west-2"
      deletionProtected: false
"#,
    );
    let set = fixture.set_named("incidentSet");
    assert_eq!(fixture.text(set.span), "incidentSet");
    let [first, second] = set.listed_regions() else {
        panic!("two regions");
    };
    assert_eq!(
        fixture.text(first.span),
        "regionName: us-east-1   # primary\n          regionConfiguration:\n            sseKmsKeyId: ${key.arn}"
    );
    assert_eq!(fixture.text(first.name.span), "us-east-1");
    let KeyChoice::Customer(key) = &first.key else {
        panic!("a customer managed key");
    };
    assert_eq!(fixture.text(key.span), "${key.arn}");
    assert_eq!(
        key.target,
        KeyTarget::Declared {
            key: KeyId(0),
            attribute: KeyAttribute::Arn
        }
    );
    assert_eq!(fixture.text(second.name.span), "\"us-west-2\"");
    let Protection::Set(protection) = &set.deletion_protection else {
        panic!("protection is set");
    };
    assert_eq!(fixture.text(protection.span), "false");
}

#[test]
fn the_unit_is_the_project_with_its_deployments() {
    let fixture = parse_project(&[
        (
            "Pulumi.yaml",
            "name: p\nruntime: yaml\nresources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n",
        ),
        ("Pulumi.dev.yaml", "config:\n  aws:region: us-east-1\n"),
        ("Pulumi.prod.yaml", "config:\n  aws:region: eu-west-1\n"),
    ]);
    let unit = fixture.unit();
    assert_eq!(unit.format, crate::model::Format::PulumiYaml);
    assert_eq!(unit.name, "p");
    let names: Vec<_> = unit
        .deployments
        .iter()
        .map(|deployment| deployment.name.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        [
            "stack `dev` (aws:region us-east-1)",
            "stack `prod` (aws:region eu-west-1)"
        ]
    );
    let Regions::Unknown(reason) = &unit.replication_sets[0].regions else {
        panic!("no regions");
    };
    assert_eq!(shape(reason), "unknown: the set has no `regions`");
}

#[test]
fn fields_of_pulumi_records_ignore_case() {
    let fixture = parse_program(
        r#"Name: p
runtime: yaml
Configuration:
  primary: {Default: us-east-1}
Variables:
  current:
    Fn::Invoke: {Function: aws:getRegion, Return: name}
Resources:
  set:
    Type: aws:ssmincidents:ReplicationSet
    Properties:
      regions: [{name: "${primary}"}, {name: "${current}"}]
"#,
    );
    let names: Vec<String> = fixture
        .set_named("set")
        .listed_regions()
        .iter()
        .map(|entry| shape(&entry.name))
        .collect();
    assert_eq!(
        names,
        [
            format!("resolved {}", named("us-east-1")),
            format!("literal OfProvider({DEFAULT_AWS:?})"),
        ]
    );
}

#[test]
fn programs_without_a_set_or_with_main_give_nothing() {
    for program in [
        "name: p\nruntime: yaml\nresources:\n  key: {type: aws:kms:Key}\n",
        "name: p\nruntime: yaml\nresources: [aws:ssmincidents:ReplicationSet]\n",
        "name: p\nruntime: yaml\nmain: infra/\nresources:\n  set: {type: aws:ssmincidents:ReplicationSet}\n",
        "name: p\nruntime: yaml\n",
    ] {
        let fixture = parse_program(program);
        assert!(fixture.parsed.errors.is_empty(), "{program}");
        assert!(fixture.parsed.unit.is_none(), "{program}");
    }
}

#[test]
fn odd_shapes_never_panic() {
    for properties in [
        "[1]",
        "{regions: 5}",
        "{regions: [1, null, {}, []]}",
        "{regions: [{name: [a], kmsKeyArn: {}}]}",
        "{regions: '${regions}', tags: [a]}",
        "{regions: [{name: '${a.b[0][\"c\"]}'}], tags: 5}",
        "{regions: [{name: {fn::select: [x, [a]]}}, {name: {fn::select: [9, [a]]}}]}",
        "{regions: [{name: {fn::select: a}}, {name: {fn::invoke: 5}}, {name: {fn::: x}}]}",
        "{regions: [{name: {fn::invoke: {function: aws:getRegion, return: [x]}}}]}",
        "{regions: [{name: {fn::invoke: {function: aws:getRegion, arguments: {region: x}}}}]}",
        "{regions: [{name: {fn::invoke: {function: aws:getRegion, arguments: [x]}}}]}",
        "{regions: [{name: '${ü}'}, {name: '${[0]}'}, {name: '$'}, {name: '${'}]}",
        "{regions: {fn::secret: [{name: us-east-1}]}}",
        "{regions: [{? [complex, key] : value, name: ~}]}",
        "!Ref Properties",
    ] {
        let program = format!(
            "name: p\nruntime: yaml\nvariables:\n  regions: ${{regions}}\nresources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties: {properties}\n    options: {{provider: [x], providers: 5}}\n  key: {{type: aws:kms:Key, properties: [1], options: {{providers: {{aws: 1}}}}}}\n"
        );
        let fixture = parse_program(&program);
        assert!(
            fixture.parsed.errors.is_empty(),
            "{program}: {:?}",
            fixture.parsed.errors
        );
        assert!(fixture.parsed.unit.is_some(), "{program}");
    }
}

#[test]
fn the_official_examples_lint_without_errors() {
    let Some(examples) = crate::shared::path("corpus/pulumi/official-examples/yaml") else {
        return;
    };
    let outcome = crate::lint::run(&[examples], &Default::default()).expect("the examples exist");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.units.len(), 4);
    assert!(
        outcome
            .units
            .iter()
            .all(|unit| unit.replication_sets.len() == 1)
    );
}

#[test]
fn the_deprecated_region_list_and_key_policies() {
    let fixture = parse_program(
        "name: p\nruntime: yaml\nvariables:\n  document:\n    fn::toJSON:\n      Statement:\n        - Effect: Allow\n          Action: [kms:CreateGrant]\nresources:\n  a:\n    type: aws:kms:Key\n    properties:\n      policy: ${document}\n  b:\n    type: aws-native:kms:Key\n    properties:\n      keyPolicy:\n        Statement: {Effect: Deny, Action: \"kms:*\"}\n  c:\n    type: aws:kms:Key\n    properties:\n      policy: '{\"Statement\": [{\"Effect\": \"Allow\", \"NotAction\": \"kms:*\"}]}'\n  s:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions: []\n      \"region\": []\n",
    );
    let syntax = &fixture.set_named("s").region_syntax;
    assert_eq!(fixture.text(syntax.current[0]), "regions");
    assert_eq!(fixture.text(syntax.deprecated[0].span), "region");
    let shapes: Vec<String> = fixture
        .unit()
        .keys
        .iter()
        .map(|key| {
            let policy = key.policy.as_ref().expect("a policy");
            let policy = policy.known().expect("a known policy");
            format!(
                "{:?} {:?}",
                policy.statements[0].effect.known(),
                policy.statements[0].actions.known()
            )
        })
        .collect();
    assert_eq!(
        shapes,
        [
            "Some(Allow) Some([\"kms:CreateGrant\"])",
            "Some(Deny) Some([\"kms:*\"])",
            "Some(Allow) None",
        ]
    );
    let definition = fixture.unit().keys[0]
        .policy
        .as_ref()
        .and_then(|policy| policy.definition())
        .expect("the document is a variable");
    assert!(fixture.text(definition).starts_with("Statement:"));
}
