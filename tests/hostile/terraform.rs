//! Terraform modules whose values blow up when evaluated naively (issue 12): locals that each join
//! the one before twice make a string of 2^24 copies of the first in 925 bytes. Evaluated afresh
//! at every reference, the 925-byte module took 50 s and the 4.7 KB one passed 3 GB; each local is
//! now evaluated once, and a string longer than 4 KiB is unknown.

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
