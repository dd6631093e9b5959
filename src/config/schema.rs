//! The JSON Schema of `irlint.toml` (`irlint.schema.json` at the repository's top), generated from
//! the types the file is read into, so that what editors complete and check is what irlint
//! accepts. `IRLINT_UPDATE_SCHEMA=1 cargo test --lib config::schema` writes it anew.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::ConfigFile;
use crate::regions;
use crate::rule_meta::Level as RuleLevel;
use crate::rules;

/// A rule, by id (in any case, as the configuration matches it) or name.
pub(super) struct Rule;

impl JsonSchema for Rule {
    fn schema_name() -> Cow<'static, str> {
        "Rule".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let metas = || rules::RULES.iter().map(|rule| rule.meta());
        let names: Vec<String> = (metas().map(|meta| meta.id.to_owned()))
            .chain(metas().map(|meta| meta.id.to_ascii_lowercase()))
            .chain(metas().map(|meta| meta.name.to_owned()))
            .collect();
        one_of(
            "A rule, by id (`IRL004`) or name (`single-region-unprotected`).",
            &names,
        )
    }
}

/// A region of a partition AWS has, as the configuration checks it.
pub(super) struct Region;

impl JsonSchema for Region {
    fn schema_name() -> Cow<'static, str> {
        "Region".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names: Vec<&str> = regions::all_regions().collect();
        names.sort_unstable();
        one_of("An AWS region, such as `us-east-1`.", &names)
    }
}

/// The level of a rule's findings.
pub(super) struct Level;

impl JsonSchema for Level {
    fn schema_name() -> Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let levels = [RuleLevel::Error, RuleLevel::Warning, RuleLevel::Note].map(RuleLevel::as_str);
        one_of("The level of a rule's findings.", &levels)
    }
}

/// A string that is one of `values`.
fn one_of<T: AsRef<str>>(description: &str, values: &[T]) -> Schema {
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    json_schema!({
        "description": description,
        "type": "string",
        "enum": values,
    })
}

/// The schema as it is checked in: pretty JSON with a final newline.
fn generated() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("irlint.schema.json");
    let generated = generated();
    if std::env::var_os("IRLINT_UPDATE_SCHEMA").is_some_and(|value| !value.is_empty()) {
        std::fs::write(&path, &generated).expect("irlint.schema.json written");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "irlint.schema.json differs from the configuration's types: run \
         `IRLINT_UPDATE_SCHEMA=1 cargo test --lib config::schema` and review the change"
    );
}

#[test]
fn the_template_and_a_full_configuration_are_valid_and_unknown_keys_are_not() {
    let schema: serde_json::Value = serde_json::from_str(&generated()).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let as_json =
        |toml_text: &str| -> serde_json::Value { toml::from_str(toml_text).expect("TOML") };
    assert!(validator.is_valid(&as_json(super::TEMPLATE)));
    let full = r#"
        select = ["IRL001", "irl003", "single-region-unprotected"]
        ignore = ["IRL004"]
        region = "eu-west-1"
        exclude = ["legacy/**"]
        [rules.IRL004]
        level = "error"
        [[per-path]]
        paths = ["tests/**"]
        ignore = ["IRL014"]
    "#;
    assert!(validator.is_valid(&as_json(full)));
    super::Config::parse(std::path::Path::new("irlint.toml"), full).expect("irlint accepts it");
    for wrong in [
        "selct = []",
        "select = [\"IRL999\"]",
        "region = \"us-est-1\"",
        "[rules.IRL004]\nlevel = \"fatal\"",
        "[rules.IRL004]\nlvl = \"error\"",
        "[[per-path]]\npaths = []",
    ] {
        assert!(!validator.is_valid(&as_json(wrong)), "{wrong}");
        assert!(
            super::Config::parse(std::path::Path::new("irlint.toml"), wrong).is_err(),
            "irlint accepts what the schema rejects: {wrong}"
        );
    }
}
