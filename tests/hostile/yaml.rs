//! YAML documents and the values of CloudFormation templates and Pulumi YAML programs that blow
//! up when read or evaluated naively (issue 12). A CloudFormation template of 1.8 MB with 120
//! nested anchors around a list of 900,000 items aborted past 8 GB (50 anchors: 21 s and 4.1 GB;
//! in a stack file, 9 s and 4.9 GB), each anchored node being copied into the anchor table; a
//! Pulumi YAML program whose 60,000 regions each name a variable that refers twice to the one
//! before, twenty times over, took more than a minute; a template whose region is an `Fn::Sub`
//! substituting twice the same again, a hundred levels deep, more than two minutes and 2.3 GB.
//! Anchored nodes are now shared, each variable is evaluated once, a string longer than 4 KiB is
//! unknown, and each unit has one budget of steps, which copies of the reasons why a value is
//! unknown are paid from too.

use super::{CONTROL_FINDING, Linted, case_dir, irlint, write};

/// The items of the list that the anchors nest around.
const ITEMS: usize = 900_000;

/// The items of the list in the cases that read it whole: a third of the issue's, since the
/// tests run the debug build, which takes 4 s over 900,000 (the release build 0.6 s). Copied by
/// each of 120 anchors, as before, they too would take gigabytes.
const READ_ITEMS: usize = 300_000;

/// The levels of the Pulumi YAML variables that each refer twice to the one before.
const FAN_OUT: usize = 20;

/// The regions of the Pulumi YAML set, each naming the last variable.
const REGIONS: usize = 60_000;

/// The levels of `Fn::Sub` that each substitute the one below twice.
const SUBSTITUTIONS: usize = 100;

/// A replication set in a template, its regions named by these expressions (YAML, one a line).
fn template(names: &[String], more: &str) -> String {
    let regions: String = names
        .iter()
        .map(|name| format!("        - RegionName: {name}\n"))
        .collect();
    format!(
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      Regions:\n{regions}{more}"
    )
}

/// `&a0 [&a1 [… [x,x,…]…]]`: `anchors` anchors nesting in flow style around the list.
fn flow_anchors(anchors: usize) -> String {
    let open: String = (0..anchors).map(|n| format!("&a{n} [")).collect();
    format!(
        "{open}{}{}",
        vec!["x"; ITEMS].join(","),
        "]".repeat(anchors)
    )
}

/// The same in block style around [`READ_ITEMS`], each anchor a mapping's value (`k: &aN`),
/// indented `indent` spaces more than the key that holds it; the list is no key there, so it is
/// read without holding it ahead.
fn block_anchors(anchors: usize, indent: usize) -> String {
    let mut text = String::new();
    for n in 0..anchors - 1 {
        text += &format!("&a{n}\n{}k: ", " ".repeat(indent + 2 * (n + 1)));
    }
    text + &format!("&a{} [{}]", anchors - 1, vec!["x"; READ_ITEMS].join(","))
}

/// A Pulumi YAML project whose program has a set with one region in us-east-1 and this stack
/// file.
fn pulumi_project(dir: &std::path::Path, stack: &str) {
    write(
        dir,
        "project/Pulumi.yaml",
        "name: p\nruntime: yaml\nresources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n        - name: us-east-1\n",
    );
    write(dir, "project/Pulumi.dev.yaml", stack);
}

fn assert_bounded(run: &Linted, name: &str) {
    assert!(
        [0, 1, 2].contains(&run.code),
        "{name}: exit code {}",
        run.code
    );
    run.assert_quick(name);
    assert!(run.has(CONTROL_FINDING), "{name}: {:?}", run.reported);
}

#[test]
fn nested_anchors_around_a_long_list_are_read_quickly() {
    for anchors in [120, 50] {
        // Nested in flow style, the list is read ahead whole by the parser, as a key it could
        // be: past 32,768 entries the file is an error.
        let dir = case_dir();
        let text = template(
            &["us-east-1".to_owned()],
            &format!("    Metadata:\n      list: {}\n", flow_anchors(anchors)),
        );
        assert!(text.len() < 2 * 1024 * 1024, "{}", text.len());
        write(dir.path(), "template.yaml", &text);
        pulumi_project(
            dir.path(),
            &format!("config:\n  p:list: {}\n", flow_anchors(anchors)),
        );
        let run = irlint(dir.path(), &["."]);
        let name = format!("{anchors} anchors in flow style");
        assert_bounded(&run, &name);
        let message = "a flow collection (`[…]` or `{…}`) with more than 32768 entries";
        run.assert_error("template.yaml:8:", message);
        run.assert_error("project/Pulumi.dev.yaml:2:", message);
        assert_eq!(run.code, 2, "{name}");

        // Nested in block style, the whole list is read, and shared by every anchor. The two
        // files are linted apart: each list takes about 100 MB.
        let name = format!("{anchors} anchors in block style");
        let dir = case_dir();
        let metadata = format!("    Metadata:\n      list: {}\n", block_anchors(anchors, 6));
        write(
            dir.path(),
            "template.yaml",
            template(&["us-east-1".to_owned()], &metadata),
        );
        let run = irlint(dir.path(), &["."]);
        assert_bounded(&run, &name);
        assert_eq!(
            run.reported,
            [CONTROL_FINDING, "IRL004 template.yaml:6:23"],
            "{name}"
        );
        let dir = case_dir();
        pulumi_project(
            dir.path(),
            &format!("config:\n  p:list: {}\n", block_anchors(anchors, 2)),
        );
        let run = irlint(dir.path(), &["."]);
        assert_bounded(&run, &name);
        assert_eq!(
            run.reported,
            [CONTROL_FINDING, "IRL004 project/Pulumi.yaml:8:17"],
            "{name}"
        );
    }
}

#[test]
fn an_alias_of_nested_anchors_counts_the_whole_list() {
    let dir = case_dir();
    let metadata = format!(
        "    Metadata:\n      list: {}\n      again: *a0\n",
        block_anchors(120, 6)
    );
    write(
        dir.path(),
        "template.yaml",
        template(&["us-east-1".to_owned()], &metadata),
    );
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "an alias of the outer anchor");
    run.assert_error("template.yaml:", "aliases expand to more than 8 MiB");
}

#[test]
fn pulumi_yaml_variables_that_fan_out_are_followed_once() {
    let dir = case_dir();
    let mut program = "name: p\nruntime: yaml\nvariables:\n  l0: us-east-1\n".to_owned();
    for level in 1..FAN_OUT {
        let before = level - 1;
        program += &format!("  l{level}: ${{l{before}}}${{l{before}}}\n");
    }
    program += "resources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n";
    program += &format!("        - name: ${{l{}}}\n", FAN_OUT - 1).repeat(REGIONS);
    write(dir.path(), "project/Pulumi.yaml", &program);
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "a fan-out of 2^19 references in 60,000 regions");
    // The regions' names are unknown: nothing more is reported.
    assert_eq!(run.reported, [CONTROL_FINDING]);
}

#[test]
fn a_reason_quoting_a_long_name_is_not_copied_without_end() {
    // Each region is unknown because the variable names something undeclared, and the reason
    // quotes that 1 MB name: 30,000 copies would take 30 GB (a run aborted at 4 GB).
    let dir = case_dir();
    let mut program = format!(
        "name: p\nruntime: yaml\nvariables:\n  v: ${{{}}}\nresources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n",
        "a".repeat(1_000_000)
    );
    program += &"        - name: ${v}\n".repeat(30_000);
    write(dir.path(), "project/Pulumi.yaml", &program);
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "a reason quoting a 1 MB name in 30,000 regions");
    assert_eq!(run.reported, [CONTROL_FINDING]);
}

#[test]
fn a_substitution_that_doubles_at_each_level_ends_quickly() {
    let doubling = (0..SUBSTITUTIONS).fold("us-east-1".to_owned(), |inner, _| {
        format!("!Sub ['${{a}}${{a}}', {{a: {inner}}}]")
    });
    let dir = case_dir();
    write(
        dir.path(),
        "template.yaml",
        template(
            std::slice::from_ref(&doubling),
            "      Tags:\n        - Key: doubled\n          Value: ",
        ) + &doubling
            + "\n",
    );
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "a hundred levels of Fn::Sub");
    assert_eq!(
        run.reported,
        [CONTROL_FINDING, "IRL004 template.yaml:6:23"],
        "{:?}",
        run.reported
    );
}

#[test]
fn samconfig_environments_are_bounded() {
    // Each of the most environments a SAM configuration may have deploys from one of four
    // regions, and the set's 2,000 regions are looked up by the stack's region: the set is read
    // once for each environment, and each reading lists one region 2,000 times.
    const ENVIRONMENTS: usize = 16;
    const LOOKUPS: usize = 2_000;
    let regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
    let mappings: String = (regions.iter())
        .map(|region| format!("    {region}: {{name: {region}}}\n"))
        .collect();
    let lookup = "!FindInMap [Regions, !Ref AWS::Region, name]".to_owned();
    let text = format!("Mappings:\n  Regions:\n{mappings}") + &template(&vec![lookup; LOOKUPS], "");
    let configuration = |environments: usize| -> String {
        (0..environments)
            .map(|index| {
                let region = regions[index % regions.len()];
                format!("[e{index}.deploy.parameters]\nregion = \"{region}\"\n")
            })
            .collect()
    };
    let count = |run: &Linted, rule: &str| {
        (run.reported.iter())
            .filter(|line| line.starts_with(&format!("{rule} template.yaml:")))
            .count()
    };
    let dir = case_dir();
    write(dir.path(), "template.yaml", &text);
    write(dir.path(), "samconfig.toml", configuration(ENVIRONMENTS));
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "16 environments reading 2,000 regions each");
    assert_eq!(count(&run, "IRL010"), ENVIRONMENTS);
    assert_eq!(count(&run, "IRL011"), ENVIRONMENTS * (LOOKUPS - 1));
    // Past the bound, the first environments by name are checked, and the others noted as not.
    write(
        dir.path(),
        "samconfig.toml",
        configuration(ENVIRONMENTS + 20),
    );
    let run = irlint(dir.path(), &["."]);
    assert_bounded(&run, "36 environments");
    assert_eq!(run.errors_of("samconfig.toml"), Vec::<&str>::new());
    assert_eq!(count(&run, "IRL010"), ENVIRONMENTS);
    let json = run.run.json();
    let notes: Vec<&str> = (json["unchecked"].as_array().map(Vec::as_slice))
        .unwrap_or_default()
        .iter()
        .filter(|note| note["path"] == "samconfig.toml")
        .filter_map(|note| note["what"].as_str())
        .collect();
    // By name: `e0`, `e1`, `e10` to `e19`, `e2`, `e20` to `e22` are checked.
    assert_eq!(
        notes,
        [
            "the deployments of samconfig environments `e23`, `e24`, `e25` and 17 more are not checked"
        ]
    );
}

/// Flow collections closed at their key's indentation and quoted strings continued there, which
/// libyaml reads and saphyr rejects, are read by padding their lines and parsing the file once
/// more (issue 16): a file of 2 MiB of them is padded and read once, and one whose padding would
/// more than double it is an error where saphyr stopped.
#[test]
fn under_indented_flow_collections_and_strings_are_read_in_one_more_pass() {
    let pairs: String = (0..)
        .map(|n| format!("      k{n}: [\n        \"x\"\n      ]\n      s{n}: \"a\n      b\"\n"))
        .scan(0, |size, pair| {
            *size += pair.len();
            (*size < 2 * 1024 * 1024 - 1024).then_some(pair)
        })
        .collect();
    let text = template(
        &["us-east-1".to_owned()],
        &format!("    Metadata:\n{pairs}"),
    );
    let dir = case_dir();
    write(dir.path(), "template.yaml", &text);
    let run = irlint(dir.path(), &["."]);
    let name = "45,000 flow sequences and strings";
    assert_bounded(&run, name);
    assert_eq!(
        run.reported,
        [CONTROL_FINDING, "IRL004 template.yaml:6:23"],
        "{name}"
    );

    // Items at column 0 under a key at column 6: 7 spaces for each line of 3 bytes.
    let items = "x,\n".repeat(600_000);
    let text = template(
        &["us-east-1".to_owned()],
        &format!("    Metadata:\n      list: [\n{items}]\n"),
    );
    let dir = case_dir();
    write(dir.path(), "template.yaml", &text);
    let run = irlint(dir.path(), &["."]);
    let name = "a flow sequence padded to more than twice the file";
    assert_bounded(&run, name);
    run.assert_error(
        "template.yaml:9:1",
        "invalid YAML: invalid indentation: indent the lines of this flow collection or quoted \
         string past its key",
    );
}
