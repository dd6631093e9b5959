use std::path::PathBuf;

use super::*;
use crate::frontend::fixture::{Fixture, named, statement_shapes, unknown_reason};
use crate::model::{KeyAttribute, KeyChoice, KeyId, KeyRef, KeyTarget, ValueKind};

fn parse_module(files: &[(&str, &str)]) -> Fixture {
    Fixture::parse("module", files, parse)
}

fn parse_one(text: &str) -> Fixture {
    parse_module(&[("main.tf", text)])
}

impl Fixture {
    fn provider(&self, id: ProviderId) -> &Provider {
        self.unit().provider(id)
    }

    /// The region of the first entry.
    fn first_region(&self) -> &Value<Region> {
        &self.entries()[0].name
    }
}

/// A replication set with one region named by `name`, after `before`.
fn set_with_region(before: &str, name: &str) -> Fixture {
    parse_one(&format!(
        "{before}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  regions {{\n    name = {name}\n  }}\n}}\n"
    ))
}

#[test]
fn a_literal_region_is_literal() {
    let module = set_with_region("", "\"eu-west-1\"");
    let region = module.first_region();
    assert_eq!(
        region.kind,
        ValueKind::Literal(Region::Named("eu-west-1".into()))
    );
    assert_eq!(module.text(region.span), "\"eu-west-1\"");
}

#[test]
fn a_variable_default_resolves_to_where_it_is_written() {
    let module = set_with_region(
        "variable \"fallback\" {\n  default = \"eu-west-1\"\n}",
        "var.fallback",
    );
    let region = module.first_region();
    assert_eq!(named(region), Some("eu-west-1"));
    assert_eq!(module.text(region.span), "var.fallback");
    assert_eq!(
        module.text(region.definition().expect("resolved")),
        "\"eu-west-1\""
    );
}

#[test]
fn a_variable_without_default_is_unknown() {
    let module = set_with_region("variable \"home\" {\n  type = string\n}", "var.home");
    assert_eq!(
        unknown_reason(module.first_region()),
        "variable `home` has no default and no variable file sets it: lint the module's caller, or pass --var-file or --var"
    );
    let module = set_with_region("", "var.missing");
    assert_eq!(
        unknown_reason(module.first_region()),
        "variable `missing` is not declared"
    );
}

/// A set whose one region is `var.home`, declared with `declaration`, beside variable files.
fn set_with_variable_files(declaration: &str, variable_files: &[(&str, &str)]) -> Fixture {
    let main = format!(
        "variable \"home\" {{\n{declaration}}}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  regions {{\n    name = var.home\n  }}\n}}\n"
    );
    let mut files = vec![("main.tf", main.as_str())];
    files.extend_from_slice(variable_files);
    parse_module(&files)
}

/// The file and text of the region's definition.
fn definition_of(module: &Fixture, value: &Value<Region>) -> (String, String) {
    let definition = value.definition().expect("resolved");
    (
        module.sources[definition.file.0].display_path.clone(),
        module.text(definition).to_owned(),
    )
}

#[test]
fn a_variable_file_overrides_the_default_and_is_where_the_value_is_defined() {
    let module = set_with_variable_files(
        "  default = \"eu-west-1\"\n",
        &[("terraform.tfvars", "home = \"eu-north-1\"\n")],
    );
    let region = module.first_region();
    assert_eq!(named(region), Some("eu-north-1"));
    assert_eq!(module.text(region.span), "var.home");
    assert_eq!(
        definition_of(&module, region),
        ("module/terraform.tfvars".into(), "\"eu-north-1\"".into())
    );
}

#[test]
fn a_variable_file_makes_a_variable_without_default_known() {
    let module = set_with_variable_files(
        "  type = string\n",
        &[(
            "prod.auto.tfvars",
            "# chosen for prod\nhome = \"us-east-2\"\n",
        )],
    );
    let region = module.first_region();
    assert_eq!(named(region), Some("us-east-2"));
    assert_eq!(
        definition_of(&module, region),
        ("module/prod.auto.tfvars".into(), "\"us-east-2\"".into())
    );
}

#[test]
fn terraform_tfvars_loads_first_then_auto_files_by_name_whatever_the_order_given() {
    let terraform = ("terraform.tfvars", "home = \"us-east-1\"\n");
    let alpha = ("a.auto.tfvars", "home = \"us-west-1\"\n");
    let zulu = ("z.auto.tfvars", "home = \"us-west-2\"\n");
    let unrelated = ("b.auto.tfvars", "other = \"ap-south-1\"\n");
    for (files, winner) in [
        (
            vec![alpha, terraform],
            ("module/a.auto.tfvars", "us-west-1"),
        ),
        (
            vec![zulu, terraform, alpha, unrelated],
            ("module/z.auto.tfvars", "us-west-2"),
        ),
        (
            vec![terraform, unrelated],
            ("module/terraform.tfvars", "us-east-1"),
        ),
    ] {
        let module = set_with_variable_files("  default = \"eu-west-1\"\n", &files);
        let region = module.first_region();
        assert_eq!(named(region), Some(winner.1), "{files:?}");
        assert_eq!(
            definition_of(&module, region),
            (winner.0.into(), format!("\"{}\"", winner.1)),
            "{files:?}"
        );
    }
}

#[test]
fn variable_files_set_only_declared_variables_and_declare_nothing() {
    let module = set_with_variable_files(
        "  type = string\n",
        &[(
            "terraform.tfvars",
            "missing = \"us-east-1\"\nvariable \"home\" {\n  default = \"us-east-1\"\n}\n",
        )],
    );
    assert_eq!(
        unknown_reason(module.first_region()),
        "variable `home` has no default and no variable file sets it: lint the module's caller, or pass --var-file or --var"
    );
    let only_variables = parse_module(&[(
        "terraform.tfvars",
        "resource \"aws_ssmincidents_replication_set\" \"x\" {}\n",
    )]);
    assert!(only_variables.parsed.unit.is_none());
    assert!(only_variables.parsed.errors.is_empty());
}

#[test]
fn a_variable_file_that_does_not_parse_is_an_error_and_the_default_stays() {
    let module = set_with_variable_files(
        "  default = \"eu-west-1\"\n",
        &[("terraform.tfvars", "# broken\nhome = \n")],
    );
    let [error] = module.parsed.errors.as_slice() else {
        panic!("{:?}", module.parsed.errors);
    };
    assert_eq!(error.path, "module/terraform.tfvars");
    let span = error.span.expect("a location");
    assert_eq!(span.file, FileId(1));
    assert_eq!(module.sources[1].line_column(span.start).line, 2);
    let set = &module
        .parsed
        .unit
        .as_ref()
        .expect("main.tf is read")
        .replication_sets[0];
    let Regions::Listed(entries) = &set.regions else {
        panic!("{:?}", set.regions);
    };
    assert_eq!(named(&entries[0].name), Some("eu-west-1"));
}

#[test]
fn a_file_nested_too_deep_is_an_error_before_parsing_and_the_others_are_read() {
    let broken = format!("locals {{\n  a = {}\n}}\n", "b*c+(".repeat(40));
    let module =
        set_with_variable_files("  default = \"eu-west-1\"\n", &[("x.auto.tfvars", &broken)]);
    let [error] = module.parsed.errors.as_slice() else {
        panic!("{:?}", module.parsed.errors);
    };
    assert!(
        error.message.contains("nests more than 16 brackets"),
        "{}",
        error.message
    );
    let span = error.span.expect("a location");
    assert_eq!(module.sources[1].line_column(span.start).line, 2);
    assert_eq!(&module.sources[1].text[span.start..span.end], "(");
    assert!(module.parsed.unit.is_some());
}

#[test]
fn a_file_whose_objects_cost_too_many_key_comparisons_is_an_error_and_the_others_are_read() {
    // 7,072 short keys: 7,072² comparisons, just past the limit.
    let keys: String = (0..7_072).map(|n| format!("    k{n} = \"a\"\n")).collect();
    let large = format!("locals {{\n  small = {{ a = 1 }}\n  large = {{\n{keys}  }}\n}}\n");
    let module = set_with_variable_files("  default = \"eu-west-1\"\n", &[("large.tf", &large)]);
    let [error] = module.parsed.errors.as_slice() else {
        panic!("{:?}", module.parsed.errors);
    };
    assert_eq!(
        error.message,
        "the object has 7072 keys, and the file's objects would take more than 50 million key \
         comparisons to parse, this one the most: irlint does not read such files"
    );
    let span = error.span.expect("a location");
    let position = module.sources[1].line_column(span.start);
    assert_eq!((position.line, position.column), (3, 11));
    assert_eq!(&module.sources[1].text[span.start..span.end], "{");
    let set = &module
        .parsed
        .unit
        .as_ref()
        .expect("main.tf is read")
        .replication_sets[0];
    let Regions::Listed(entries) = &set.regions else {
        panic!("{:?}", set.regions);
    };
    assert_eq!(named(&entries[0].name), Some("eu-west-1"));

    // One key fewer passes the scan; tests/hostile parses such a module, through the binary.
    let fits = large.replace("    k7071 = \"a\"\n", "");
    assert_eq!(nesting::check(&fits), Ok(()));
}

#[test]
fn dynamic_regions_iterate_over_a_list_from_a_variable_file() {
    let module = parse_module(&[
        (
            "main.tf",
            "variable \"regions\" {\n  type = list(string)\n}\nresource \"aws_ssmincidents_replication_set\" \"x\" {\n  dynamic \"regions\" {\n    for_each = var.regions\n    content {\n      name = regions.value\n    }\n  }\n}\n",
        ),
        (
            "terraform.tfvars",
            "regions = [\"eu-west-1\", \"eu-central-1\"]\n",
        ),
    ]);
    assert_eq!(
        region_names(&module),
        [Some("eu-west-1"), Some("eu-central-1")]
    );
    let entry = &module.entries()[1];
    assert_eq!(entry.span.file, FileId(1));
    assert_eq!(module.text(entry.span), "\"eu-central-1\"");
}

#[test]
fn locals_are_followed_through_other_locals_and_objects() {
    let module = set_with_region(
        "locals {\n  settings = { regions = [\"us-east-2\"] }\n  home = local.settings.regions[0]\n}",
        "local.home",
    );
    let region = module.first_region();
    assert_eq!(named(region), Some("us-east-2"));
    assert_eq!(
        module.text(region.definition().expect("resolved")),
        "\"us-east-2\""
    );
}

#[test]
fn a_cycle_of_locals_is_unknown_not_endless() {
    for (locals, region, reason) in [
        (
            "a = local.b\n  b = local.a",
            "local.a",
            "`local.a` depends on itself (a cycle)",
        ),
        (
            "a = { x = \"us-east-1\", y = local.a.x }",
            "local.a.y",
            "`local.a` depends on itself (a cycle)",
        ),
        (
            "a = \"${local.b}-1\"\n  b = \"${local.a}-2\"",
            "local.a",
            "a string that includes itself (a cycle)",
        ),
        // Doubling at each turn, 32 turns would be 2^32 evaluations.
        (
            "a = \"${local.a}${local.a}\"",
            "local.a",
            "a string that includes itself (a cycle)",
        ),
    ] {
        let module = set_with_region(&format!("locals {{\n  {locals}\n}}"), region);
        assert_eq!(unknown_reason(module.first_region()), reason, "{locals}");
    }
}

/// Locals `l1` to `l{levels}`, each joining the one before twice, from `l0 = "{base}"`.
fn doubling_locals(base: &str, levels: usize) -> String {
    let mut locals = format!("locals {{\n  l0 = \"{base}\"\n");
    for level in 1..=levels {
        let before = level - 1;
        locals += &format!("  l{level} = \"${{local.l{before}}}${{local.l{before}}}\"\n");
    }
    locals + "}"
}

#[test]
fn strings_longer_than_4_kib_are_unknown() {
    let too_long = "a string too long to follow (over 4 KiB)";
    // 2^24 bytes, built in 24 evaluations; 2^12 is the longest string read.
    let module = set_with_region(&doubling_locals("a", 24), "local.l24");
    assert_eq!(unknown_reason(module.first_region()), too_long);
    let module = set_with_region(&doubling_locals("a", 12), "local.l12");
    assert_eq!(named(module.first_region()).map(str::len), Some(4096));
    let module = set_with_region("", &format!("\"{}\"", "a".repeat(4097)));
    assert_eq!(unknown_reason(module.first_region()), too_long);
    // A key policy may be longer, up to the 32 KiB KMS takes.
    let padding = "x".repeat(5000);
    let heredoc = key_with_policy(
        "",
        &format!(
            "<<-EOF\n    {{\"Statement\": [{{\"Sid\": \"{padding}\", \"Effect\": \"Allow\", \"Action\": \"kms:*\"}}]}}\n  EOF"
        ),
    );
    assert_eq!(
        first_key_policy(&heredoc),
        Some(vec!["Allow kms:*".to_owned()])
    );
}

/// The value of the local `name` in a module of `locals`, and the steps evaluating it took.
fn evaluate_local(locals: &str, name: &str) -> (Value<String>, usize) {
    let body = hcl::edit::parser::parse_body(locals).expect("valid HCL");
    let directory = Directory {
        path: PathBuf::new(),
        name: String::new(),
        files: Vec::new(),
        configuration: vec![(FileId(0), body)],
        overrides: Vec::new(),
        variable_files: Vec::new(),
        installed: HashMap::new(),
        errors: Vec::new(),
    };
    let directories = Directories::new();
    let configuration = Configuration::new(&directory, &[], &directories, instance_limit(1));
    let local = configuration.module_of(InstanceId(0)).locals[name];
    (configuration.string(local, None), configuration.steps())
}

#[test]
fn a_local_referenced_a_thousand_times_is_evaluated_once() {
    let locals = format!(
        "locals {{\n  part = \"\"\n  shared = \"{}\"\n  uses = \"{}\"\n}}",
        "${local.part}".repeat(100),
        "${local.shared}".repeat(1000)
    );
    let (_, once) = evaluate_local(&locals, "shared");
    let (uses, thousand) = evaluate_local(&locals, "uses");
    assert_eq!(uses.known().map(String::as_str), Some(""));
    // Evaluating `shared` takes hundreds of steps; a thousand evaluations would take 300,000.
    assert!(once >= 300, "{once}");
    assert!(thousand < once + 5 * 1000, "{thousand}");
}

#[test]
fn a_template_in_a_dynamic_block_is_read_for_each_element() {
    let module = dynamic_set(
        "locals {\n  zone = \"1\"\n  suffix = \"-${local.zone}\"\n}",
        "[\"us-east\", \"eu-west\"]",
        "content {\n      name = \"${regions.value}${local.suffix}\"\n    }",
    );
    assert_eq!(
        region_names(&module),
        [Some("us-east-1"), Some("eu-west-1")]
    );
}

#[test]
fn a_module_past_its_step_budget_reads_what_is_left_as_unknown() {
    // Each tag copies 4,000 bytes, 251 steps: 400 of them are past the budget.
    let tags: String = (0..400).map(|i| format!("    t{i} = local.s\n")).collect();
    let module = parse_one(&format!(
        "locals {{\n  s = \"{}\"\n}}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  tags = {{\n{tags}  }}\n}}\n",
        "a".repeat(4000)
    ));
    let tags = &module.set().tags;
    assert_eq!(tags.len(), 400);
    assert_eq!(tags[0].value.known().map(String::len), Some(4000));
    assert_eq!(
        unknown_reason(&tags[399].value),
        "the module takes more than 100000 steps to evaluate"
    );
}

#[test]
fn collections_of_more_than_ten_thousand_elements_are_unknown() {
    let list = format!("[{}]", vec!["\"us-east-1\""; 10_001].join(", "));
    let module = dynamic_set(
        &format!("locals {{\n  regions = {list}\n}}"),
        "local.regions",
        "content {\n      name = regions.value\n    }",
    );
    let Regions::Unknown(unknown) = &module.set().regions else {
        panic!("{:?}", module.set().regions);
    };
    assert_eq!(
        unknown_reason(unknown),
        "a collection of more than 10000 elements: too long to follow"
    );
}

#[test]
fn templates_join_resolved_parts() {
    let module = set_with_region(
        "variable \"area\" {\n  default = \"eu-west\"\n}",
        "\"${var.area}-1\"",
    );
    assert_eq!(named(module.first_region()), Some("eu-west-1"));
    let module = set_with_region("", "\"${var.area}-1\"");
    assert_eq!(
        unknown_reason(module.first_region()),
        "variable `area` is not declared"
    );
    let module = set_with_region("", "\"${\"us-west-2\"}\"");
    assert_eq!(
        module.first_region().kind,
        ValueKind::Literal(Region::Named("us-west-2".into()))
    );
}

#[test]
fn what_cannot_be_known_statically_is_unknown() {
    for (expr, reason) in [
        ("lower(\"US-EAST-1\")", "the result of `lower()`"),
        (
            "local.missing ? \"us-east-1\" : \"us-west-2\"",
            "local `missing` is not declared",
        ),
        (
            "aws_instance.x.region",
            "an attribute of `aws_instance.x`, known after apply",
        ),
        ("module.m.region", "module `m` is not declared"),
        (
            "data.aws_regions.all.names[0]",
            "an attribute of data source `data.aws_regions.all`",
        ),
        ("each.value", "`each.value`"),
    ] {
        let module = set_with_region("variable \"a\" {\n  default = true\n}", expr);
        assert_eq!(unknown_reason(module.first_region()), reason, "{expr}");
    }
}

#[test]
fn a_conditional_the_files_decide_is_the_branch_it_takes() {
    for (flag, region) in [
        ("true", "us-east-1"),
        ("false", "us-west-2"),
        ("\"false\"", "us-west-2"),
    ] {
        let module = set_with_region(
            &format!("variable \"a\" {{\n  default = {flag}\n}}"),
            "var.a ? \"us-east-1\" : \"us-west-2\"",
        );
        let value = module.first_region();
        assert_eq!(
            value.known(),
            Some(&Region::Named(region.to_owned())),
            "{flag}"
        );
        // Read where the chosen branch writes it.
        let definition = value.definition().expect("a definition");
        assert_eq!(module.text(definition), format!("\"{region}\""), "{flag}");
    }
}

#[test]
fn the_region_data_source_is_its_providers_region() {
    for attribute in ["name", "region", "id"] {
        let module = set_with_region(
            "data \"aws_region\" \"current\" {}",
            &format!("data.aws_region.current.{attribute}"),
        );
        let region = module.first_region();
        let Some(Region::OfProvider(provider)) = region.known() else {
            panic!("{attribute}: {region:?}");
        };
        assert_eq!(module.provider(*provider).name, "provider `aws`");
        assert_eq!(region.definition(), None);
    }
    let module = set_with_region(
        "provider \"aws\" {\n  alias = \"west\"\n  region = \"us-west-2\"\n}\ndata \"aws_region\" \"west\" {\n  provider = aws.west\n}\nlocals {\n  west = data.aws_region.west.name\n}",
        "local.west",
    );
    let Some(Region::OfProvider(provider)) = module.first_region().known() else {
        panic!("{:?}", module.first_region());
    };
    assert_eq!(module.provider(*provider).name, "provider `aws.west`");
    let selected = set_with_region(
        "data \"aws_region\" \"ireland\" {\n  name = \"eu-west-1\"\n}",
        "data.aws_region.ireland.name",
    );
    assert_eq!(named(selected.first_region()), Some("eu-west-1"));
}

#[test]
fn the_default_provider_is_implicit_without_a_block() {
    let module = set_with_region("", "\"us-east-1\"");
    let provider = module.provider(module.set().provider);
    assert_eq!(provider.name, "provider `aws`");
    assert_eq!(provider.span, None);
    assert!(matches!(provider.region, ProviderRegion::Deployment));
}

#[test]
fn provider_blocks_give_the_region_of_what_uses_them() {
    let module = parse_one(
        r#"
provider "aws" {
  region = var.home
}
provider "aws" {
  alias = "west"
}
provider "awsalternate" {
  region = "us-east-1"
}
variable "home" {}
resource "aws_kms_key" "home" {}
resource "aws_kms_key" "alternate" {
  provider = awsalternate
}
resource "aws_kms_key" "west" {
  provider = aws.west
}
resource "aws_kms_key" "elsewhere" {
  provider = aws.elsewhere
}
resource "aws_ssmincidents_replication_set" "x" {
  provider = aws.west
  regions {
    name = "us-west-2"
  }
}
"#,
    );
    let unit = module.unit();
    let provider_of = |key: usize| match unit.keys[key].region.known() {
        Some(Region::OfProvider(id)) => *id,
        other => panic!("{other:?}"),
    };
    let code_region = |id: ProviderId| match &module.provider(id).region {
        ProviderRegion::Code(region) => region.clone(),
        ProviderRegion::Deployment | ProviderRegion::NativeDeployment => {
            panic!("{} has no region in the code", module.provider(id).name)
        }
    };

    let home = provider_of(0);
    assert_eq!(module.provider(home).name, "provider `aws`");
    assert_eq!(
        unknown_reason(&code_region(home)),
        "variable `home` has no default and no variable file sets it: lint the module's caller, or pass --var-file or --var"
    );

    let alternate = provider_of(1);
    assert_eq!(module.provider(alternate).name, "provider `awsalternate`");
    let span = module.provider(alternate).span.expect("declared");
    assert_eq!(module.text(span), "provider \"awsalternate\"");
    assert_eq!(
        code_region(alternate).known().map(String::as_str),
        Some("us-east-1")
    );

    let west = provider_of(2);
    assert_eq!(module.provider(west).name, "provider `aws.west`");
    assert!(matches!(
        module.provider(west).region,
        ProviderRegion::Deployment
    ));
    assert_eq!(module.set().provider, west);

    let elsewhere = provider_of(3);
    assert_eq!(
        unknown_reason(&code_region(elsewhere)),
        "provider `aws.elsewhere` is not configured in this module"
    );
    assert_eq!(unit.providers.len(), 4);
}

const KEYS: &str = r#"
resource "aws_kms_key" "k" {}
resource "aws_kms_replica_key" "replica" {}
resource "aws_kms_external_key" "external" {}
resource "aws_kms_alias" "alias" {}
data "aws_kms_key" "existing" {}
variable "arn" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}
variable "none" {
  default = null
}
variable "given" {}
variable "cmk" {
  default = true
}
"#;

/// The key choice of a region whose `kms_key_arn` is `expr` (no attribute when `None`).
fn key_choice(expr: Option<&str>) -> (Fixture, KeyChoice) {
    let attribute = expr.map_or(String::new(), |expr| format!("kms_key_arn = {expr}"));
    let module = parse_one(&format!(
        "{KEYS}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  regions {{\n    name = \"eu-west-1\"\n    {attribute}\n  }}\n}}\n"
    ));
    let key = module.entries()[0].key.clone();
    (module, key)
}

fn declared(expr: &str) -> (KeyId, KeyAttribute) {
    match key_choice(Some(expr)).1 {
        KeyChoice::Customer(KeyRef {
            target: KeyTarget::Declared { key, attribute },
            ..
        }) => (key, attribute),
        other => panic!("{expr}: {other:?}"),
    }
}

#[test]
fn references_to_declared_keys_name_the_key_and_attribute() {
    assert_eq!(declared("aws_kms_key.k.arn"), (KeyId(0), KeyAttribute::Arn));
    // A condition the files decide (`cmk` defaults to true) chooses its branch.
    let chosen = declared("var.cmk ? aws_kms_key.k.arn : null");
    assert_eq!(chosen, (KeyId(0), KeyAttribute::Arn));
    assert_eq!(
        declared("aws_kms_key.k.key_id"),
        (KeyId(0), KeyAttribute::KeyId)
    );
    assert_eq!(
        declared("aws_kms_key.k.id"),
        (KeyId(0), KeyAttribute::KeyId)
    );
    assert_eq!(
        declared("aws_kms_replica_key.replica.arn"),
        (KeyId(1), KeyAttribute::Arn)
    );
    assert_eq!(
        declared("aws_kms_external_key.external.arn"),
        (KeyId(2), KeyAttribute::Arn)
    );
    assert_eq!(
        declared("\"${aws_kms_key.k.arn}\""),
        (KeyId(0), KeyAttribute::Arn)
    );
}

#[test]
fn key_strings_are_classified() {
    let (module, key) = key_choice(Some("\"arn:aws:kms:us-east-1:111122223333:key/abcd\""));
    let KeyChoice::Customer(KeyRef {
        span,
        target: KeyTarget::Arn(arn),
    }) = key
    else {
        panic!("{key:?}");
    };
    assert_eq!(
        module.text(span),
        "\"arn:aws:kms:us-east-1:111122223333:key/abcd\""
    );
    assert!(matches!(arn.kind, ValueKind::Literal(_)));

    let (module, key) = key_choice(Some("var.arn"));
    let KeyChoice::Customer(KeyRef {
        target: KeyTarget::Arn(arn),
        ..
    }) = key
    else {
        panic!("{key:?}");
    };
    assert_eq!(
        arn.known().map(String::as_str),
        Some("arn:aws:kms:eu-west-1:111122223333:key/1234abcd")
    );
    assert_eq!(
        module.text(arn.definition().expect("resolved")),
        "\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd\""
    );

    for id_or_alias in [
        "\"arn:aws:kms:us-east-1:111122223333:alias/incidents\"",
        "\"alias/incidents\"",
        "\"1234abcd-12ab-34cd-56ef-1234567890ab\"",
    ] {
        let (_, key) = key_choice(Some(id_or_alias));
        assert!(
            matches!(key, KeyChoice::Customer(KeyRef { target: KeyTarget::IdOrAlias(ref value), .. }) if value.known().is_some()),
            "{id_or_alias}: {key:?}"
        );
    }
}

#[test]
fn no_key_null_and_default_key_are_aws_owned() {
    for expr in [None, Some("null"), Some("\"DefaultKey\""), Some("var.none")] {
        assert_eq!(key_choice(expr).1, KeyChoice::AwsOwned, "{expr:?}");
    }
}

#[test]
fn keys_that_cannot_be_followed_are_customer_keys_of_unknown_region() {
    let (_, alias) = key_choice(Some("aws_kms_alias.alias.arn"));
    assert!(
        matches!(alias, KeyChoice::Customer(KeyRef { target: KeyTarget::IdOrAlias(ref value), .. }) if value.known().is_none()),
        "{alias:?}"
    );
    let (_, template) = key_choice(Some("\"arn:aws:kms:us-east-1:${var.account}:key/abcd\""));
    assert!(
        matches!(
            template,
            KeyChoice::Customer(KeyRef {
                target: KeyTarget::Unknown(_),
                ..
            })
        ),
        "{template:?}"
    );
    let (_, data) = key_choice(Some("data.aws_kms_key.existing.arn"));
    assert!(
        matches!(
            data,
            KeyChoice::Customer(KeyRef {
                target: KeyTarget::Unknown(_),
                ..
            })
        ),
        "{data:?}"
    );
}

#[test]
fn a_key_that_may_be_null_is_an_unknown_choice() {
    for expr in [
        "var.given",
        "var.given ? aws_kms_key.k.arn : null",
        "module.kms.arn",
    ] {
        let (module, key) = key_choice(Some(expr));
        let KeyChoice::Unknown(unknown) = key else {
            panic!("{expr}: {key:?}");
        };
        assert_eq!(module.text(unknown.span), expr);
    }
}

#[test]
fn keys_carry_their_attributes_and_region() {
    let module = parse_one(
        r#"
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_kms_key" "hmac" {
  provider                 = aws.west
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
  is_enabled               = false
  custom_key_store_id      = "cks-1234"
}
resource "aws_kms_external_key" "imported" {
  region  = "eu-central-1"
  enabled = "true"
}
resource "aws_kms_replica_key" "replica" {
  primary_key_arn = aws_kms_key.hmac.arn
}
resource "aws_ssmincidents_replication_set" "x" {
  regions {
    name = "us-west-2"
  }
}
"#,
    );
    let [hmac, imported, replica] = module.unit().keys.as_slice() else {
        panic!("{:?}", module.unit().keys);
    };
    assert_eq!(hmac.identity, "aws_kms_key.hmac");
    assert_eq!(module.text(hmac.span), "resource \"aws_kms_key\" \"hmac\"");
    assert_eq!(hmac.resource, KeyResource::Key);
    let Some(Region::OfProvider(west)) = hmac.region.known() else {
        panic!("{:?}", hmac.region);
    };
    assert_eq!(module.provider(*west).name, "provider `aws.west`");
    assert_eq!(module.text(hmac.region.span), "aws.west");
    let text = |value: &Option<Value<String>>| value.as_ref().and_then(|v| v.known().cloned());
    assert_eq!(text(&hmac.spec).as_deref(), Some("HMAC_256"));
    assert_eq!(text(&hmac.usage).as_deref(), Some("GENERATE_VERIFY_MAC"));
    assert_eq!(text(&hmac.custom_key_store).as_deref(), Some("cks-1234"));
    assert_eq!(
        hmac.enabled.as_ref().and_then(|v| v.known().copied()),
        Some(false)
    );
    assert_eq!(hmac.origin, None);

    assert_eq!(imported.resource, KeyResource::ExternalKey);
    assert_eq!(named(&imported.region), Some("eu-central-1"));
    assert_eq!(text(&imported.origin).as_deref(), Some("EXTERNAL"));
    assert_eq!(
        imported.enabled.as_ref().and_then(|v| v.known().copied()),
        Some(true)
    );

    assert_eq!(replica.resource, KeyResource::ReplicaKey);
    assert_eq!(text(&replica.spec), None);
    let Some(Region::OfProvider(default)) = replica.region.known() else {
        panic!("{:?}", replica.region);
    };
    assert_eq!(module.provider(*default).name, "provider `aws`");
}

/// A set whose regions come from `dynamic "regions"` over `for_each`.
fn dynamic_set(before: &str, for_each: &str, content: &str) -> Fixture {
    parse_one(&format!(
        "{before}\nresource \"aws_kms_key\" \"east\" {{}}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  dynamic \"regions\" {{\n    for_each = {for_each}\n    {content}\n  }}\n}}\n"
    ))
}

fn region_names(module: &Fixture) -> Vec<Option<&str>> {
    module
        .entries()
        .iter()
        .map(|entry| named(&entry.name))
        .collect()
}

#[test]
fn the_key_of_a_dynamic_element_is_a_maps_quoted_key_or_a_sets_element() {
    let by_key = "content {\n      name = regions.key\n    }";
    let map = dynamic_set("", "{ \"us-east-1\" = 1, \"eu-west-1\" = 2 }", by_key);
    assert_eq!(region_names(&map), [Some("us-east-1"), Some("eu-west-1")]);
    let set = dynamic_set("", "toset([\"us-east-1\"])", by_key);
    assert_eq!(region_names(&set), [Some("us-east-1")]);
    // A key written as a name is the name, defined where it is written.
    let named = dynamic_set("", "{ us-east-1 = 1 }", by_key);
    assert_eq!(region_names(&named), [Some("us-east-1")]);
    let region = &named.entries()[0].name;
    assert_eq!(
        named.text(region.definition().expect("resolved")),
        "us-east-1"
    );
    // A list's key is its index.
    let module = dynamic_set("", "[\"us-east-1\"]", by_key);
    let reason = unknown_reason(&module.entries()[0].name);
    assert!(reason.starts_with("`regions.key`"), "{reason}");
}

#[test]
fn dynamic_regions_over_a_literal_list_are_expanded() {
    let module = dynamic_set(
        "",
        "[\"us-east-1\", \"us-west-2\"]",
        "content {\n      name = regions.value\n    }",
    );
    assert_eq!(
        region_names(&module),
        [Some("us-east-1"), Some("us-west-2")]
    );
    let entries = module.entries();
    assert_eq!(module.text(entries[1].span), "\"us-west-2\"");
    assert_eq!(module.text(entries[1].name.span), "regions.value");
    assert_eq!(entries[0].key, KeyChoice::AwsOwned);
}

#[test]
fn dynamic_regions_read_fields_of_objects() {
    let objects = "[\n      { name = \"us-east-1\", kms_key_arn = aws_kms_key.east.arn },\n      { name = \"us-west-2\", kms_key_arn = null },\n    ]";
    for name in ["regions.value.name", "regions.value[\"name\"]"] {
        let module = dynamic_set(
            "",
            objects,
            &format!(
                "content {{\n      name = {name}\n      kms_key_arn = regions.value.kms_key_arn\n    }}"
            ),
        );
        assert_eq!(
            region_names(&module),
            [Some("us-east-1"), Some("us-west-2")],
            "{name}"
        );
        let entries = module.entries();
        assert!(
            matches!(
                &entries[0].key,
                KeyChoice::Customer(KeyRef { target: KeyTarget::Declared { key: KeyId(0), .. }, span })
                    if module.text(*span) == "regions.value.kms_key_arn"
            ),
            "{:?}",
            entries[0].key
        );
        assert_eq!(entries[1].key, KeyChoice::AwsOwned);
        assert!(
            module
                .text(entries[0].span)
                .starts_with("{ name = \"us-east-1\"")
        );
    }
}

#[test]
fn dynamic_regions_follow_variables_locals_sets_and_iterators() {
    let content = "content {\n      name = region.value\n    }\n    iterator = region";
    let module = dynamic_set(
        "variable \"regions\" {\n  default = [\"eu-west-1\", \"eu-north-1\"]\n}\nlocals {\n  regions = toset(var.regions)\n}",
        "local.regions",
        content,
    );
    assert_eq!(
        region_names(&module),
        [Some("eu-west-1"), Some("eu-north-1")]
    );
    assert_eq!(module.text(module.entries()[0].span), "\"eu-west-1\"");
    let map = dynamic_set("", "{ primary = \"us-east-2\" }", content);
    assert_eq!(region_names(&map), [Some("us-east-2")]);
}

#[test]
fn dynamic_regions_that_cannot_be_followed_are_unknown() {
    for (before, for_each) in [
        (
            "variable \"regions\" {\n  type = list(string)\n}",
            "var.regions",
        ),
        ("", "concat([\"us-east-1\"], [\"us-west-2\"])"),
        ("", "[for r in [\"us-east-1\"] : r]"),
    ] {
        let module = dynamic_set(
            before,
            for_each,
            "content {\n      name = regions.value\n    }",
        );
        let Regions::Unknown(unknown) = &module.set().regions else {
            panic!("{for_each}: {:?}", module.set().regions);
        };
        assert_eq!(module.text(unknown.span), for_each);
    }
}

#[test]
fn static_and_dynamic_blocks_keep_their_order() {
    let module = parse_one(
        r#"
resource "aws_ssmincidents_replication_set" "x" {
  region {
    name = "us-east-1"
  }
  dynamic "region" {
    for_each = ["us-east-2"]
    content {
      name = region.value
    }
  }
  region {
    name = "us-west-2"
  }
}
"#,
    );
    assert_eq!(
        region_names(&module),
        [Some("us-east-1"), Some("us-east-2"), Some("us-west-2")]
    );
}

#[test]
fn the_set_spans_its_header_and_its_region_blocks() {
    let module = parse_one(
        "resource \"aws_ssmincidents_replication_set\" \"main\" {\n  region {\n    name = \"us-east-1\"\n  }\n  tags = {\n    team    = \"sre\"\n    \"cost\" = \"${var.unit}-x\"\n  }\n}\n",
    );
    let set = module.set();
    assert_eq!(set.identity, "aws_ssmincidents_replication_set.main");
    assert_eq!(
        module.text(set.span),
        "resource \"aws_ssmincidents_replication_set\" \"main\""
    );
    assert_eq!(set.deletion_protection, Protection::NotSettable);
    assert_eq!(
        module.text(module.entries()[0].span),
        "region {\n    name = \"us-east-1\"\n  }"
    );
    let [team, cost] = set.tags.as_slice() else {
        panic!("{:?}", set.tags);
    };
    assert_eq!(module.text(team.span), "team    = \"sre\"");
    assert_eq!(team.key.known().map(String::as_str), Some("team"));
    assert_eq!(team.value.known().map(String::as_str), Some("sre"));
    assert_eq!(cost.key.known().map(String::as_str), Some("cost"));
    assert_eq!(cost.value.known(), None);
}

#[test]
fn tags_of_a_local_are_read_where_they_are_written() {
    let module = parse_one(
        "locals {\n  tags = { owner = \"ops\" }\n}\nresource \"aws_ssmincidents_replication_set\" \"main\" {\n  tags = local.tags\n}\n",
    );
    let [owner] = module.set().tags.as_slice() else {
        panic!("{:?}", module.set().tags);
    };
    assert_eq!(owner.value.known().map(String::as_str), Some("ops"));
    assert_eq!(module.text(owner.span), "owner = \"ops\"");
}

#[test]
fn a_repeated_set_is_modelled_once_with_an_instance_address() {
    let module = parse_one(
        "resource \"aws_ssmincidents_replication_set\" \"x\" {\n  for_each = toset([\"a\"])\n  regions {\n    name = \"us-east-1\"\n  }\n}\n",
    );
    assert_eq!(module.unit().replication_sets.len(), 1);
    assert_eq!(
        module.set().identity,
        "aws_ssmincidents_replication_set.x[…]"
    );
}

#[test]
fn a_region_without_name_is_unknown_not_an_error() {
    let module = set_with_region("", "\"us-east-1\"");
    assert!(module.parsed.errors.is_empty());
    let module = parse_one(
        "resource \"aws_ssmincidents_replication_set\" \"x\" {\n  regions {\n    region_name = \"us-east-1\"\n  }\n}\n",
    );
    assert_eq!(
        unknown_reason(module.first_region()),
        "the region has no `name`"
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error_at_its_line_and_the_others_are_read() {
    let module = parse_module(&[
        (
            "broken.tf",
            "variable \"a\" {\n  default = \"x\"\n}\n\nresource \"aws_kms_key\" \"k\" {\n  description = \n}\n",
        ),
        (
            "main.tf",
            "resource \"aws_ssmincidents_replication_set\" \"x\" {\n  regions {\n    name = \"us-east-1\"\n  }\n}\n",
        ),
    ]);
    let [error] = module.parsed.errors.as_slice() else {
        panic!("{:?}", module.parsed.errors);
    };
    assert_eq!(error.path, "module/broken.tf");
    let span = error.span.expect("a location");
    assert_eq!(span.file, FileId(0));
    assert_eq!(module.sources[0].line_column(span.start).line, 6);
    assert!(error.message.contains("expected"), "{}", error.message);
    let unit = module.parsed.unit.as_ref().expect("the other file is read");
    assert_eq!(unit.replication_sets.len(), 1);
    assert_eq!(unit.name, "module");
}

#[test]
fn a_module_without_a_replication_set_gives_no_unit() {
    let module = parse_one("data \"aws_ssmincidents_replication_set\" \"x\" {}\n");
    assert!(module.parsed.unit.is_none());
    assert!(module.parsed.errors.is_empty());
}

#[test]
fn truncated_input_never_panics() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/test-corpus/terraform/irl005-key-from-other-region-provider/main.tf"
    ))
    .expect("the fixture exists");
    for (end, _) in text.char_indices() {
        let _ = parse_one(&text[..end]).parsed;
    }
}

#[test]
fn the_shared_corpus_parses_without_errors() {
    let Some(root) = crate::shared::path("corpus/terraform") else {
        return;
    };
    let mut directories = vec![root];
    let mut modules = 0;
    while let Some(directory) = directories.pop() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&directory).expect("readable corpus") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                directories.push(path);
            } else if path.extension().is_some_and(|e| e == "tf") {
                let text = std::fs::read_to_string(&path).expect("readable file");
                files.push((path, text));
            }
        }
        if files.is_empty() {
            continue;
        }
        let named: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.to_str().expect("a UTF-8 path"), text.as_str()))
            .collect();
        let module = parse_module(&named);
        assert!(
            module.parsed.errors.is_empty(),
            "{}: {:?}",
            directory.display(),
            module.parsed.errors
        );
        let declares_a_set = files
            .iter()
            .any(|(_, text)| text.contains("resource \"aws_ssmincidents_replication_set\""));
        assert_eq!(
            module.parsed.unit.is_some(),
            declares_a_set,
            "{}",
            directory.display()
        );
        // This snippet spells the region's name `region_name`, as CloudFormation does.
        if directory.ends_with("kb-snippet-wrong-attr") {
            assert_eq!(module.first_region().known(), None);
        }
        modules += 1;
    }
    assert!(modules >= 20, "only {modules} modules found");
}

#[test]
fn count_and_for_each_say_how_many_sets_a_declaration_creates() {
    let instances = |meta_argument: &str| {
        let module = parse_one(&format!(
            "variable \"n\" {{\n  default = \"2\"\n}}\nvariable \"flag\" {{}}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{\n  {meta_argument}\n  regions {{\n    name = \"us-east-1\"\n  }}\n}}\n"
        ));
        let Some(set) = module.unit().replication_sets.first() else {
            return "not created".to_owned();
        };
        match set.instances.known() {
            Some(count) => format!("{count}"),
            None => format!("unknown: {}", unknown_reason(&set.instances)),
        }
    };
    assert_eq!(instances(""), "1");
    assert_eq!(instances("count = 3"), "3");
    assert_eq!(instances("count = var.n"), "2");
    assert_eq!(instances("count = 0"), "not created");
    assert_eq!(instances("for_each = {}"), "not created");
    assert!(instances("count = var.n == \"2\" ? 0 : 1").starts_with("unknown"));
    assert_eq!(
        instances("count = 1.5"),
        "unknown: a count of `1.5`, not a whole number"
    );
    assert_eq!(
        instances("count = var.flag ? 1 : 0"),
        "unknown: variable `flag` has no default and no variable file sets it: lint the module's caller, or pass --var-file or --var"
    );
    assert_eq!(instances("for_each = { a = 1, b = 1 }"), "2");
    assert_eq!(instances("for_each = toset([\"a\", \"b\", \"a\"])"), "2");
    assert!(instances("for_each = toset(var.flag)").starts_with("unknown"));
}

#[test]
fn version_constraints_give_the_lowest_major_they_allow() {
    for (constraint, major) in [
        ("~> 6.0", Some(6)),
        (">= 6.2, < 7.0", Some(6)),
        ("6.1.0", Some(6)),
        ("= 6.0.0-beta1", Some(6)),
        (">= 5.0", Some(5)),
        ("~> 5.53.0", Some(5)),
        ("< 7.0", Some(0)),
        (">= 5.0, >= 6.1, != 6.3.0", Some(6)),
        ("latest", None),
        ("=> 6.0", None),
        ("", None),
    ] {
        assert_eq!(lowest_major(constraint), major, "{constraint:?}");
    }
}

#[test]
fn the_aws_provider_version_is_the_highest_lower_bound_of_the_module() {
    let set = "resource \"aws_ssmincidents_replication_set\" \"x\" {}\n";
    let required =
        |aws: &str| format!("terraform {{\n  required_providers {{\n    aws = {aws}\n  }}\n}}\n");
    let module = parse_module(&[
        ("main.tf", set),
        (
            "a.tf",
            &required("{ source = \"hashicorp/aws\", version = \">= 5.0\" }"),
        ),
        ("b.tf", &required("\"~> 6.1\"")),
    ]);
    let major = module
        .unit()
        .aws_provider_major
        .as_ref()
        .expect("a version");
    assert_eq!(major.known(), Some(&6));
    assert_eq!(module.text(major.span), "\"~> 6.1\"");
    let unconstrained = parse_module(&[
        ("main.tf", set),
        ("a.tf", &required("{ source = \"hashicorp/aws\" }")),
    ]);
    assert!(unconstrained.unit().aws_provider_major.is_none());
}

#[test]
fn region_syntax_spans_the_word_each_form_is_written_with() {
    let module = parse_one(
        "variable \"names\" {}\nresource \"aws_ssmincidents_replication_set\" \"x\" {\n  regions {\n    name = \"us-east-1\"\n  }\n  region {\n    name = \"us-west-2\"\n  }\n  dynamic \"region\" {\n    for_each = var.names\n    content {}\n  }\n  dynamic \"region\" {\n    iterator = r\n    for_each = [\"eu-west-1\"]\n    content {}\n  }\n  dynamic \"regions\" {\n    for_each = var.names\n    content {}\n  }\n  dynamic \"region\" {\n    for_each = []\n    content {}\n  }\n}\n",
    );
    let syntax = &module.set().region_syntax;
    // A `dynamic "regions"` that may generate nothing is not certainly written.
    let current: Vec<&str> = syntax.current.iter().map(|s| module.text(*s)).collect();
    assert_eq!(current, ["regions"]);
    // A dynamic block over an empty list generates nothing at all.
    let deprecated: Vec<(&str, &str, bool)> = syntax
        .deprecated
        .iter()
        .map(|d| (module.text(d.span), d.current.as_str(), d.may_be_empty))
        .collect();
    assert_eq!(
        deprecated,
        [
            ("region", "regions", false),
            ("region", "regions\" {\n    iterator = region", true),
            ("region", "regions", false),
        ]
    );
    // The label's word, inside its quotes; renaming a dynamic block without an `iterator`
    // replaces the word to the opening brace, so that the block declares the old iterator.
    let label = syntax.deprecated[1].span;
    assert_eq!(
        &module.sources[0].text[label.start - 1..label.end + 1],
        "\"region\""
    );
    let replaced = syntax.deprecated[1].replaced.expect("a wider fix");
    assert_eq!(module.text(replaced), "region\" {");
    assert_eq!(syntax.deprecated[0].replaced, None);
    assert_eq!(syntax.deprecated[2].replaced, None);
}

/// The policy of the module's first key, each statement as `effect actions` (`?` when unknown).
fn first_key_policy(module: &Fixture) -> Option<Vec<String>> {
    let policy = module.unit().keys[0].policy.as_ref().expect("a policy");
    policy.known().map(statement_shapes)
}

fn key_with_policy(before: &str, policy: &str) -> Fixture {
    parse_one(&format!(
        "{before}\nresource \"aws_kms_key\" \"k\" {{\n  policy = {policy}\n}}\nresource \"aws_ssmincidents_replication_set\" \"x\" {{}}\n"
    ))
}

#[test]
fn key_policies_are_read_from_jsonencode_strings_heredocs_and_documents() {
    let encoded = key_with_policy(
        "locals {\n  actions = [\"kms:Describe*\"]\n  doc = { Statement = [{ Effect = \"Allow\", Action = local.actions }, { \"Effect\" = \"Deny\", Action = \"kms:*\" }] }\n}",
        "jsonencode(local.doc)",
    );
    assert_eq!(
        first_key_policy(&encoded),
        Some(vec![
            "Allow kms:Describe*".to_owned(),
            "Deny kms:*".to_owned()
        ])
    );
    let heredoc = key_with_policy(
        "",
        "<<-EOF\n    {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"${data.x.y.arn}\", \"Action\": \"kms:${var.missing}\"}}\n  EOF",
    );
    assert_eq!(first_key_policy(&heredoc), Some(vec!["Allow ?".to_owned()]));
    let quoted = key_with_policy(
        "",
        "\"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"kms:*\\\"}]}\"",
    );
    assert_eq!(
        first_key_policy(&quoted),
        Some(vec!["Allow kms:*".to_owned()])
    );
    let document = key_with_policy(
        "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions = [\"kms:CreateGrant\"]\n  }\n  statement {\n    effect = \"Deny\"\n    not_actions = [\"kms:*\"]\n  }\n}",
        "data.aws_iam_policy_document.d.json",
    );
    assert_eq!(
        first_key_policy(&document),
        Some(vec![
            "Allow kms:CreateGrant".to_owned(),
            "Deny ?".to_owned()
        ])
    );
    let policy = document.unit().keys[0].policy.as_ref().expect("a policy");
    assert_eq!(
        document.text(policy.definition().expect("written elsewhere")),
        "data \"aws_iam_policy_document\" \"d\""
    );
    for unknown in [
        "file(\"policy.json\")",
        "var.policy",
        "data.aws_iam_policy_document.missing.json",
    ] {
        let module = key_with_policy("variable \"policy\" {}", unknown);
        assert_eq!(first_key_policy(&module), None, "{unknown}");
    }
    let merged = key_with_policy(
        "data \"aws_iam_policy_document\" \"d\" {\n  source_policy_documents = []\n}",
        "data.aws_iam_policy_document.d.json",
    );
    assert_eq!(first_key_policy(&merged), None);
    let without = parse_one(
        "resource \"aws_kms_key\" \"k\" {}\nresource \"aws_ssmincidents_replication_set\" \"x\" {}\n",
    );
    assert!(without.unit().keys[0].policy.is_none());
}

#[test]
fn a_line_that_ends_in_an_operator_inside_braces_goes_on_and_other_errors_stay() {
    let text = "locals {\n  t = { for k in [\"a\"] : k => k == \"a\" ? \"x\" :\n  \"y\" }\n}\n";
    // hcl-edit alone refuses it: once it does not, `parse_hcl` can go.
    assert!(hcl::edit::parser::parse_body(text).is_err());
    let body = parse_hcl(text).expect("Terraform reads it");
    // Spans are the file's own: the line break was read as a space of the same length.
    let locals = body.blocks().next().expect("the locals block");
    let value = &locals.body.get_attribute("t").expect("t").value;
    let range = hcl::edit::Span::span(value).expect("a span");
    assert_eq!(
        &text[range],
        "{ for k in [\"a\"] : k => k == \"a\" ? \"x\" :\n  \"y\" }"
    );

    let broken = "locals {\n  t = { for k in [\"a\"] : k => k ==\n  }\n  u = \n}\n";
    let direct = hcl::edit::parser::parse_body(broken).expect_err("broken");
    let error = parse_hcl(broken).expect_err("still broken");
    assert_eq!(error.location().offset(), direct.location().offset());
}

#[test]
fn json_syntax_files_are_read_with_the_native_ones_of_their_module() {
    let keys = r#"{
  "//": "The keys, written by a generator.",
  "variable": {"home": {"default": "us-east-1"}},
  "provider": {"aws": [{"region": "us-east-1"}, {"alias": "west", "region": "us-west-2"}]},
  "resource": {"aws_kms_key": {"west": {"provider": "aws.west"}}}
}
"#;
    let main = "resource \"aws_ssmincidents_replication_set\" \"x\" {\n  regions {\n    name        = var.home\n    kms_key_arn = aws_kms_key.west.arn\n  }\n}\n";
    let module = parse_module(&[("main.tf", main), ("keys.tf.json", keys)]);
    let region = module.first_region();
    assert_eq!(named(region), Some("us-east-1"));
    let definition = region.definition().expect("resolved");
    assert_eq!(
        (definition.file, module.text(definition)),
        (FileId(1), "\"us-east-1\"")
    );
    let key = &module.unit().keys[0];
    assert_eq!(
        (key.span.file, module.text(key.span)),
        (FileId(1), "\"west\"")
    );
    let Some(Region::OfProvider(west)) = key.region.known() else {
        panic!("{:?}", key.region);
    };
    let west = module.provider(*west);
    assert_eq!(west.name, "provider `aws.west`");
    assert_eq!(module.text(west.span.expect("declared")), "\"aws\"");
    let ProviderRegion::Code(west_region) = &west.region else {
        panic!("{:?}", west.region);
    };
    assert_eq!(module.text(west_region.span), "\"us-west-2\"");
}

#[test]
fn a_json_syntax_set_points_at_its_name_and_reads_its_blocks() {
    let module = parse_module(&[(
        "main.tf.json",
        r#"{"resource": {"aws_ssmincidents_replication_set": {
  "x": {"regions": [{"name": "us-east-1"}, {"name": "us-west-2"}], "tags": {"team": "a"}}
}}}"#,
    )]);
    let set = module.set();
    assert_eq!(set.identity, "aws_ssmincidents_replication_set.x");
    assert_eq!(module.text(set.span), "\"x\"");
    let entries: Vec<(&str, &str)> = module
        .entries()
        .iter()
        .map(|entry| (module.text(entry.span), module.text(entry.name.span)))
        .collect();
    assert_eq!(
        entries,
        [
            (r#"{"name": "us-east-1"}"#, "\"us-east-1\""),
            (r#"{"name": "us-west-2"}"#, "\"us-west-2\"")
        ]
    );
    let current: Vec<&str> = set
        .region_syntax
        .current
        .iter()
        .map(|s| module.text(*s))
        .collect();
    assert_eq!(current, ["\"regions\"", "\"regions\""]);
    assert_eq!(module.text(set.tags[0].span), "\"team\": \"a\"");
}

#[test]
fn json_syntax_override_files_merge_over_the_module() {
    let main = "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n";
    let set = r#"{"resource": {"aws_ssmincidents_replication_set": {"x": {"regions": {"name": "us-east-1"}}}}}"#;
    let override_file = r#"{"provider": {"aws": {"region": "us-west-2"}}}"#;
    let module = parse_module(&[
        ("main.tf", main),
        ("set.tf.json", set),
        ("a_override.tf.json", override_file),
    ]);
    let provider = module.provider(module.set().provider);
    let ProviderRegion::Code(region) = &provider.region else {
        panic!("{:?}", provider.region);
    };
    assert_eq!(region.known().map(String::as_str), Some("us-west-2"));
    assert_eq!(region.span.file, FileId(2));
}

#[test]
fn json_syntax_moved_and_removed_blocks_name_sets_by_strings() {
    let module = parse_module(&[(
        "main.tf.json",
        r#"{
  "moved": [{"from": "aws_ssmincidents_replication_set.a", "to": "aws_ssmincidents_replication_set.b"}],
  "removed": {"from": "aws_ssmincidents_replication_set.c", "lifecycle": {"destroy": false}}
}"#,
    )]);
    let renames = &module.unit().renames;
    assert_eq!(
        renames.moved,
        [(
            "aws_ssmincidents_replication_set.a".to_owned(),
            "aws_ssmincidents_replication_set.b".to_owned()
        )]
    );
    assert_eq!(renames.kept, ["aws_ssmincidents_replication_set.c"]);
}

#[test]
fn the_iterator_fix_of_a_json_syntax_dynamic_region_writes_json() {
    let text = "{\"resource\": {\"aws_ssmincidents_replication_set\": {\"x\": {\n  \"dynamic\": {\n    \"region\": {\n      \"for_each\": [\"us-east-1\"],\n      \"content\": {\"name\": \"${region.value}\"}\n    }\n  }\n}}}}\n";
    let module = parse_module(&[("main.tf.json", text)]);
    let deprecated = &module.set().region_syntax.deprecated[0];
    assert_eq!(module.text(deprecated.span), "region");
    let replaced = deprecated.replaced.expect("a wider fix");
    assert_eq!(module.text(replaced), "region\": {");
    assert_eq!(
        deprecated.current,
        "regions\": {\n      \"iterator\": \"region\","
    );
    // On one line, the property goes after the brace.
    let minified = text.replace('\n', "").replace("  ", "");
    let module = parse_module(&[("main.tf.json", &minified)]);
    let deprecated = &module.set().region_syntax.deprecated[0];
    assert_eq!(deprecated.current, "regions\": {\"iterator\": \"region\",");
}
