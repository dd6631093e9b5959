//! Terraform modules whose values blow up when evaluated naively (issue 12): locals that each join
//! the one before twice make a string of 2^24 copies of the first in 925 bytes. Evaluated afresh
//! at every reference, the 925-byte module took 50 s and the 4.7 KB one passed 3 GB; each local is
//! now evaluated once, and a string longer than 4 KiB is unknown.
//!
//! And modules that are slow to parse (issue 12): hcl-edit compares each key of an object literal
//! with every key before it, so an object of 100,000 keys (a 2 MiB file) took more than two
//! minutes. A file whose objects would take more than 50 million key comparisons is refused before
//! it is parsed, at its costliest object.

use super::{CONTROL_FINDING, case_dir, irlint, write};

/// The number of doublings: the last local is 2^24 times the first.
const LEVELS: usize = 24;

/// Locals `l1` to `l24`, each `l{n}` written by `level(n - 1)`, from `l0 = first`.
fn locals(first: &str, level: impl Fn(usize) -> String) -> String {
    let mut locals = format!("locals {{\n  l0 = {first}\n");
    for before in 0..LEVELS {
        locals += &format!("  l{} = {}\n", before + 1, level(before));
    }
    locals + "}\n"
}

/// `"${local.l{n}}…"`, the reference written `times` times.
fn joined(before: usize, times: usize) -> String {
    format!("\"{}\"", format!("${{local.l{before}}}").repeat(times))
}

/// A replication set whose only region is named by `name`, with `more` in its body.
fn set(name: &str, more: &str) -> String {
    format!(
        "\nresource \"aws_ssmincidents_replication_set\" \"set\" {{\n  regions {{\n    name = {name}\n  }}\n{more}}}\n"
    )
}

/// A module that blows up when evaluated naively.
struct Case {
    name: &'static str,
    module: String,
    /// Its size, for the inputs the issue gives.
    size: Option<usize>,
    /// What it reports besides the control file: its set has a single region (of unknown name
    /// where the region is the doubled string), or regions that cannot be known.
    finding: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    let doubling = |before| joined(before, 2);
    let region = set("local.l24", "");
    let dynamic = |more: &str| {
        format!(
            "\nresource \"aws_ssmincidents_replication_set\" \"set\" {{\n  dynamic \"regions\" {{\n    for_each = local.l24\n    content {{\n      name = regions.value\n    }}\n  }}\n{more}}}\n"
        )
    };
    vec![
        Case {
            name: "the issue's 925-byte module",
            module: locals("\"a\"", doubling) + &region,
            size: Some(925),
            finding: Some("IRL004 module/main.tf:31:12"),
        },
        Case {
            name: "a first local of 3,780 bytes, which grew past 3 GB",
            module: locals(&format!("\"{}\"", "x".repeat(3780)), doubling) + &region,
            size: Some(4704),
            finding: Some("IRL004 module/main.tf:31:12"),
        },
        Case {
            name: "four references per level",
            module: locals("\"a\"", |before| joined(before, 4)) + &region,
            size: None,
            finding: Some("IRL004 module/main.tf:31:12"),
        },
        Case {
            name: "a tag and a key policy",
            module: locals("\"a\"", doubling)
                + "resource \"aws_kms_key\" \"k\" {\n  policy = <<-EOF\n    {\"Statement\": \"${local.l24}\"}\n  EOF\n}\n"
                + &set("\"us-east-1\"", "  tags = { doubled = local.l24 }\n"),
            size: None,
            finding: Some("IRL004 module/main.tf:36:12"),
        },
        Case {
            name: "lists: each level a list whose element joins the one before twice",
            module: locals("[\"a\"]", |before| {
                format!("[\"${{local.l{before}[0]}}${{local.l{before}[0]}}\"]")
            }) + &dynamic(""),
            size: None,
            finding: Some("IRL004 module/main.tf:33:14"),
        },
        Case {
            name: "maps: each level an object whose value joins the one before twice",
            module: locals("{ k = \"a\" }", |before| {
                format!("{{ k = \"${{local.l{before}.k}}${{local.l{before}[\"k\"]}}\" }}")
            }) + &set("\"us-east-1\"", "  tags = local.l24\n"),
            size: None,
            finding: Some("IRL004 module/main.tf:31:12"),
        },
        Case {
            name: "concat and merge, which are not evaluated",
            module: locals("[\"a\"]", |before| {
                format!("concat(local.l{before}, local.l{before})")
            }) + "locals {\n  m0 = { a = \"b\" }\n  m1 = merge(local.m0, local.m0)\n}\n"
                + &dynamic("  tags = local.m1\n"),
            size: None,
            finding: None,
        },
    ]
}

#[test]
fn locals_that_double_at_each_level_end_quickly_and_the_rest_is_linted() {
    for case in cases() {
        let name = case.name;
        if let Some(size) = case.size {
            assert_eq!(case.module.len(), size, "{name}");
        }
        let dir = case_dir();
        write(dir.path(), "module/main.tf", &case.module);
        let run = irlint(dir.path(), &["."]);
        assert!(
            [0, 1, 2].contains(&run.code),
            "{name}: exit code {}",
            run.code
        );
        run.assert_quick(name);
        let mut expected = vec![CONTROL_FINDING];
        expected.extend(case.finding);
        assert_eq!(run.reported, expected, "{name}");
    }
}

/// The attribute `name`, an object of `keys` short keys, on lines of their own.
fn object(name: &str, keys: usize) -> String {
    let entries: String = (0..keys).map(|n| format!("    k{n} = \"{n}\"\n")).collect();
    format!("  {name} = {{\n{entries}  }}\n")
}

/// The error for a file refused for its objects, the costliest of them with `keys` keys.
fn too_many_keys(at: &str, keys: usize) -> String {
    format!(
        "error {at} the object has {keys} keys, and the file's objects would take more than 50 \
         million key comparisons to parse, this one the most: irlint does not read such files"
    )
}

#[test]
fn an_object_of_a_hundred_thousand_keys_is_refused_quickly_wherever_it_is() {
    let large = object("large", 100_000);
    let cases = [
        (
            "a local",
            format!("locals {{\n{large}}}\n{}", set("\"us-east-1\"", "")),
            "module/main.tf:2:11",
        ),
        (
            "a resource argument",
            set("\"us-east-1\"", &large.replacen("large", "tags", 1)),
            "module/main.tf:6:10",
        ),
        (
            "an argument of jsonencode",
            format!(
                "locals {{\n{}}}\n{}",
                large
                    .replacen("{", "jsonencode({", 1)
                    .replacen("  }\n", "  })\n", 1),
                set("\"us-east-1\"", "")
            ),
            "module/main.tf:2:22",
        ),
        (
            "the collection of a for expression",
            format!(
                "locals {{\n{}}}\n{}",
                large
                    .replacen("{", "{ for k, v in {", 1)
                    .replacen("  }\n", "  } : k => v }\n", 1),
                set("\"us-east-1\"", "")
            ),
            "module/main.tf:2:25",
        ),
    ];
    for (name, module, at) in cases {
        assert!(
            (1_900_000..2 << 20).contains(&module.len()),
            "{name}: {} bytes",
            module.len()
        );
        let dir = case_dir();
        write(dir.path(), "module/main.tf", &module);
        let run = irlint(dir.path(), &["."]);
        run.assert_quick(name);
        assert_eq!(
            run.reported,
            [CONTROL_FINDING.to_owned(), too_many_keys(at, 100_000)],
            "{name}"
        );
        assert_eq!(run.code, 2, "{name}");
    }
}

/// The limit is on the file's objects together: a hundred of a thousand keys cost as much as one
/// of ten thousand, and the first of them is named.
#[test]
fn many_objects_of_a_thousand_keys_are_refused_at_the_first() {
    let objects: String = (0..100).map(|n| object(&format!("o{n}"), 1_000)).collect();
    let dir = case_dir();
    write(
        dir.path(),
        "module/main.tf",
        format!("locals {{\n{objects}}}\n{}", set("\"us-east-1\"", "")),
    );
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("a hundred objects of a thousand keys");
    assert_eq!(
        run.reported,
        [
            CONTROL_FINDING.to_owned(),
            too_many_keys("module/main.tf:2:8", 1_000)
        ]
    );
}

/// 7,071 short keys take 49,999,041 comparisons, within the limit: the module is linted. Tuples
/// parse in linear time and have no limit but the file's size.
#[test]
fn an_object_just_within_the_limit_and_a_tuple_of_a_hundred_thousand_are_linted() {
    let within = object("large", 7_071);
    let elements: String = (0..100_000).map(|n| format!("    \"v{n}\",\n")).collect();
    let tuple = format!("  large = [\n{elements}  ]\n");
    for (name, values, lines) in [
        ("7,071 keys", within.as_str(), 7_071),
        ("a tuple of 100,000", tuple.as_str(), 100_000),
    ] {
        let dir = case_dir();
        write(
            dir.path(),
            "module/main.tf",
            format!("locals {{\n{values}}}\n{}", set("\"us-east-1\"", "")),
        );
        let run = irlint(dir.path(), &["."]);
        run.assert_quick(name);
        assert_eq!(
            run.reported,
            [
                CONTROL_FINDING.to_owned(),
                format!("IRL004 module/main.tf:{}:12", lines + 8)
            ],
            "{name}"
        );
    }
    let dir = case_dir();
    write(
        dir.path(),
        "module/main.tf",
        format!(
            "locals {{\n{}}}\n{}",
            object("large", 7_072),
            set("\"us-east-1\"", "")
        ),
    );
    let run = irlint(dir.path(), &["."]);
    assert_eq!(
        run.reported,
        [
            CONTROL_FINDING.to_owned(),
            too_many_keys("module/main.tf:2:11", 7_072)
        ]
    );
}

/// The scan before parsing reads strings and heredocs as hcl-edit does, so that no object hides
/// from it in what it would take for text: a quoted string spanning lines, a heredoc whose line
/// goes on after its marker, a quote or a marker in a directive's body (text to hcl-edit), an
/// empty heredoc with its marker on a later line (hcl-edit takes the lines between for its text
/// or for code depending on whether they parse: refused).
#[test]
fn an_object_after_strings_and_heredocs_is_counted_where_hcl_edit_reads_it() {
    let large = object("large", 100_000);
    let cases = [
        (
            "a string spanning lines",
            format!(
                "locals {{\n  a = \"x\n\" == {}",
                large.trim_start_matches("  large = ")
            ),
            too_many_keys("module/main.tf:3:6", 100_000),
        ),
        (
            "a heredoc ended by `EOT]`",
            format!("locals {{\n  a = [<<EOT\nx\nEOT]\n{large}"),
            too_many_keys("module/main.tf:5:11", 100_000),
        ),
        (
            "a quote in a directive",
            format!("locals {{\n  a = \"%{{ if true }}\" x%{{ endif }}\"\n{large}  z = \"\"\n"),
            too_many_keys("module/main.tf:3:11", 100_000),
        ),
        (
            "a heredoc's marker in a directive",
            format!(
                "locals {{\n  a = <<EOT\n%{{ if true }}\nEOT\n  x = <<NEVER\n%{{ endif }}\nEOT\n{large}"
            ),
            too_many_keys("module/main.tf:8:11", 100_000),
        ),
        (
            "an empty heredoc with its marker on a later line",
            format!("locals {{\n  a = <<EOT\nEOT\n  b = <<ZZZ\nEOT\n{large}"),
            "error module/main.tf:2:7 the heredoc ends on its first line, and a later line starts \
             with its marker: hcl-edit reads the lines up to there as its text when they parse as \
             such, as code when not; irlint does not read such files"
                .to_owned(),
        ),
    ];
    for (name, locals, error) in cases {
        let dir = case_dir();
        write(
            dir.path(),
            "module/main.tf",
            format!("{locals}}}\n{}", set("\"us-east-1\"", "")),
        );
        let run = irlint(dir.path(), &["."]);
        run.assert_quick(name);
        assert_eq!(run.reported, [CONTROL_FINDING.to_owned(), error], "{name}");
    }
}

/// hcl-edit reads a heredoc whose first line is its marker to the end of the file for a later
/// end first: 5,000 of them in 107 KB took 20 s. The file is refused where the reading ahead
/// passes 2 MiB.
#[test]
fn empty_heredocs_are_refused_quickly() {
    let heredocs: String = (0..5_000)
        .map(|n| format!("  x{n} = <<M{n}\nM{n}\n"))
        .collect();
    let dir = case_dir();
    write(
        dir.path(),
        "module/main.tf",
        format!("locals {{\n{heredocs}}}\n{}", set("\"us-east-1\"", "")),
    );
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("5,000 empty heredocs");
    let [control, error] = run.reported.as_slice() else {
        panic!("{:?}", run.reported);
    };
    assert_eq!(control, CONTROL_FINDING);
    assert!(
        error.starts_with("error module/main.tf:")
            && error.ends_with(
                ":9 the heredoc ends on its first line, which hcl-edit reads only after it found \
                 no later end: with the file's heredocs before it, that reads more than 2 MiB \
                 ahead; irlint does not read such files"
            ),
        "{error}"
    );
}

/// Module calls that never end as written (a module calling itself, two calling each other), or
/// multiply (each instance calling the module ten times more, twice): the cycle is cut where it
/// closes, instances stop at their bound, and the run ends quickly with the rest linted.
#[test]
fn module_calls_in_cycles_or_multiplying_end_quickly() {
    let dir = case_dir();
    let one_region = "resource \"aws_ssmincidents_replication_set\" \"this\" {\n  regions {\n    name = \"us-east-1\"\n  }\n}\n";
    write(
        dir.path(),
        "self/main.tf",
        format!("{one_region}module \"again\" {{\n  source = \"./\"\n}}\n"),
    );
    write(
        dir.path(),
        "ping/main.tf",
        "module \"pong\" {\n  source = \"../pong\"\n}\n",
    );
    write(
        dir.path(),
        "pong/main.tf",
        format!("{one_region}module \"ping\" {{\n  source = \"../ping\"\n}}\n"),
    );
    let multiplying = "module \"b\" {\n  source = \"../m\"\n  count  = 10\n}\nmodule \"c\" {\n  source = \"../m\"\n  count  = 10\n}\n";
    write(
        dir.path(),
        "fan/root/main.tf",
        "module \"a\" {\n  source = \"../m\"\n  count  = 10\n}\n",
    );
    write(
        dir.path(),
        "fan/m/main.tf",
        format!("{one_region}{multiplying}"),
    );
    // A call that leads out of the linted tree and the repository reads nothing there.
    write(
        dir.path(),
        "outside/main.tf",
        format!("{one_region}module \"etc\" {{\n  source = \"../../../../../../../../etc\"\n}}\n"),
    );
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("module calls in cycles");
    // The instances of `fan/m` are several sets in one account (IRL013, an error).
    assert_eq!(run.code, 1, "{}", run.stderr);
    for module in ["self", "pong", "fan/m", "outside"] {
        let line = format!("IRL004 {module}/main.tf:3:12");
        assert!(run.has(&line), "{line} in {:?}", run.reported);
    }
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
}

/// Many small roots calling one module that multiplies its instances share one bound: the run's
/// instances stay within 65,536 however many roots call it, and it ends quickly.
#[test]
fn many_roots_calling_a_multiplying_module_share_the_bound() {
    let dir = case_dir();
    let one_region = "resource \"aws_ssmincidents_replication_set\" \"this\" {\n  regions {\n    name = \"us-east-1\"\n  }\n}\n";
    let multiplying = "module \"b\" {\n  source = \"../m\"\n  count  = 10\n}\nmodule \"c\" {\n  source = \"../m\"\n  count  = 10\n}\n";
    write(
        dir.path(),
        "fan/m/main.tf",
        format!("{one_region}{multiplying}"),
    );
    for root in 0..500 {
        write(
            dir.path(),
            &format!("fan/root{root}/main.tf"),
            "module \"a\" {\n  source = \"../m\"\n  count  = 10\n}\n",
        );
    }
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("500 roots of multiplying calls");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
}
