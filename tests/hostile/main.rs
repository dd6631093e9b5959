//! Broken and hostile input. For each case: a clear error naming the file (and its line where it
//! has one), no panic, an end within a deadline, memory within a limit, and every other file of
//! the run still linted: each case holds, beside its hostile files, a file with a known finding.
//!
//! The small cases are fixtures in `test-corpus/hostile/<case>/`: `tests/corpus.rs` checks the
//! files and lines of what they report; this file runs them through the binary and checks the
//! messages and columns. The large cases (deep nesting, a 50 MB file) and those the file system
//! must set up (symbolic link loops, files that cannot be read) are made here, at run time.
//!
//! What is measured: every run of the binary must end within [`DEADLINE`], or it is killed and
//! the test fails; on Linux it runs under a limit on its data segment (the shell's `ulimit -d`,
//! `RLIMIT_DATA`, which counts the heap and every private writable mapping), so that going past
//! [`support::memory_limit_kib`] makes an allocation fail and the run abort, which fails the
//! test. What is not: the peak resident memory itself, and time beyond "within the deadline".

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

#[path = "../support/mod.rs"]
mod support;

use support::{Run, write};

mod programs;
mod reports;
mod terraform;
mod yaml;

/// How long a run may take. Every case ends in well under a second; the margin is for a loaded
/// machine running the tests in parallel.
const DEADLINE: Duration = Duration::from_secs(30);

/// The size of each generated "large file".
const LARGE: u64 = 50 * 1024 * 1024;

/// The nesting depth of the generated deeply nested files.
const DEEP: usize = 10_000;

const CONTROL: &str = "\
Resources:
  Set:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
";

/// The finding the control file gives.
const CONTROL_FINDING: &str = "IRL004 control.yaml:6:23";

/// How long a run of an input within the documented limits may take: the guarantee is 5 s on
/// 2 cores, with a margin for a machine that runs the other tests beside it.
const QUICK: Duration = Duration::from_secs(10);

/// A run of `irlint --format json`, and what its report says.
struct Linted {
    run: Run,
    /// Each finding as `IRL004 file:line:column` and each error as
    /// `error file[:line:column] message`, sorted.
    reported: Vec<String>,
}

/// The run's code, output and time are read as a run's.
impl std::ops::Deref for Linted {
    type Target = Run;

    fn deref(&self) -> &Run {
        &self.run
    }
}

impl Linted {
    fn has(&self, line: &str) -> bool {
        self.reported.iter().any(|reported| reported == line)
    }

    /// The errors reported for a file, with their positions and messages.
    fn errors_of(&self, file: &str) -> Vec<&str> {
        self.reported
            .iter()
            .filter(|line| {
                line.strip_prefix("error ")
                    .is_some_and(|rest| rest.starts_with(&format!("{file}:")))
                    || line.starts_with(&format!("error {file} "))
            })
            .map(String::as_str)
            .collect()
    }

    /// Fails when the run took longer than an input within the limits may.
    fn assert_quick(&self, what: &str) {
        assert!(
            self.elapsed < QUICK,
            "{what}: took {:?}, more than {QUICK:?}",
            self.elapsed
        );
    }

    fn assert_error(&self, at: &str, fragment: &str) {
        let file = at.split(':').next().unwrap_or(at);
        assert!(
            self.errors_of(file)
                .iter()
                .any(|error| error.starts_with(&format!("error {at}")) && error.contains(fragment)),
            "expected an error at {at} saying `{fragment}`:\n{}",
            self.reported.join("\n")
        );
    }
}

/// Runs `irlint --format json ARGS` in `dir` with the deadline and the memory limit.
fn irlint(dir: &Path, args: &[&str]) -> Linted {
    irlint_as(&[], dir, args)
}

/// The same, the command prefixed by `wrapper` (which runs it as another user).
fn irlint_as(wrapper: &[&str], dir: &Path, args: &[&str]) -> Linted {
    let json_args: Vec<&str> = ["--format", "json"].iter().chain(args).copied().collect();
    let run = bounded(wrapper, dir, &json_args);
    let reported = if run.stdout.is_empty() {
        Vec::new()
    } else {
        report_lines(&run.json())
    };
    Linted { run, reported }
}

/// Runs `irlint ARGS` in `dir` with the deadline and the memory limit, the command prefixed by
/// `wrapper`: it must end with an exit code (not a signal) and without a panic.
fn bounded(wrapper: &[&str], dir: &Path, args: &[&str]) -> Run {
    let mut wrapper: Vec<String> = wrapper.iter().map(ToString::to_string).collect();
    if !wrapper.is_empty() || cfg!(target_os = "linux") {
        wrapper.extend(support::limit_memory());
    }
    let run = support::run_within(
        support::irlint_through(&wrapper)
            .current_dir(dir)
            .args(args),
        DEADLINE,
    );
    assert!(
        !run.stderr.contains("panicked"),
        "irlint {args:?} in {}: {}",
        dir.display(),
        run.stderr
    );
    run
}

fn position(value: &Value) -> String {
    match (value["line"].as_u64(), value["column"].as_u64()) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        _ => String::new(),
    }
}

fn report_lines(report: &Value) -> Vec<String> {
    let list = |key: &str| report[key].as_array().cloned().unwrap_or_default();
    let mut lines: Vec<String> = list("findings")
        .iter()
        .map(|finding| {
            format!(
                "{} {}{}",
                finding["rule"].as_str().unwrap_or_default(),
                finding["path"].as_str().unwrap_or_default(),
                position(&finding["start"])
            )
        })
        .chain(list("errors").iter().map(|error| {
            format!(
                "error {}{} {}",
                error["path"].as_str().unwrap_or_default(),
                position(&error["start"]),
                error["message"].as_str().unwrap_or_default()
            )
        }))
        .collect();
    lines.sort();
    lines
}

/// A temporary directory holding the control file.
fn case_dir() -> tempfile::TempDir {
    support::project(&[("control.yaml", CONTROL)])
}

fn hostile_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-corpus/hostile")
}

/// What each error of the fixtures says, by case and file.
const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "alias-bombs",
        "billion-laughs.yaml",
        "aliases expand to more than 8 MiB",
    ),
    (
        "alias-bombs",
        "project/Pulumi.yaml",
        "aliases expand to more than 8 MiB",
    ),
    ("binary-files", "archive.yaml", "not valid UTF-8"),
    ("binary-files", "module/state.tf", "not valid UTF-8"),
    (
        "duplicate-keys",
        "template.yaml",
        "the key `Regions` is repeated",
    ),
    (
        "duplicate-keys",
        "template.json",
        "the key `Regions` is repeated",
    ),
    ("duplicate-keys", "module/main.tf", "redefined attribute"),
    (
        "duplicate-keys",
        "project/Pulumi.yaml",
        "the key `name` is repeated",
    ),
    (
        "empty-files",
        "project/Pulumi.yaml",
        "the project file is empty",
    ),
    ("invalid-utf8", "template.yaml", "not valid UTF-8"),
    ("invalid-utf8", "module/notes.tf", "not valid UTF-8"),
    (
        "pulumi-without-runtime",
        "project/Pulumi.yaml",
        "no `runtime`",
    ),
    ("truncated", "template.yaml", "invalid YAML"),
    ("truncated", "template.json", "invalid JSON"),
    ("truncated", "module/main.tf", "expected `}`"),
    ("truncated", "ts-project/index.ts", "invalid TypeScript"),
    ("truncated", "py-project/__main__.py", "invalid Python"),
];

/// `expected.txt` of a fixture: `KIND file:line` lines.
fn expected(case: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_fixture_ends_with_clear_errors_and_its_other_files_linted() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(hostile_corpus())
        .expect("test-corpus/hostile")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "{cases:?}");
    for case in cases {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let run = irlint(&case, &["."]);
        // `error file:line:column message` and `IRL004 file:line:column` as `KIND file:line`.
        let mut located: Vec<String> = run
            .reported
            .iter()
            .map(|line| {
                let mut words = line.split(' ');
                let kind = words.next().unwrap_or_default();
                let place = words.next().unwrap_or_default();
                let mut parts = place.split(':');
                let file = parts.next().unwrap_or_default();
                match parts.next() {
                    Some(line) => format!("{kind} {file}:{line}"),
                    None => format!("{kind} {file}"),
                }
            })
            .collect();
        located.sort();
        assert_eq!(located, expected(&case), "{name}: {:?}", run.reported);
        let has_errors = located.iter().any(|line| line.starts_with("error "));
        assert_eq!(run.code, if has_errors { 2 } else { 0 }, "{name}");
        for line in run
            .reported
            .iter()
            .filter(|line| line.starts_with("error "))
        {
            let explained = MESSAGES.iter().any(|(case, file, fragment)| {
                *case == name
                    && line.starts_with(&format!("error {file}:"))
                    && line.contains(fragment)
            });
            assert!(explained, "{name}: an error without its message: {line}");
        }
    }
}

/// Where each file of the CRLF and BOM fixtures has its finding, as its plain twin has it.
const POSITIONS: &[&str] = &[
    "IRL004 module/main.tf:3:12",
    "IRL004 py-project/__main__.py:3:58",
    "IRL004 template.json:5:49",
    "IRL004 template.yaml:6:23",
    "IRL004 ts-project/index.ts:4:23",
    "IRL004 yaml-project/Pulumi.yaml:8:17",
];

#[test]
fn crlf_line_endings_and_byte_order_marks_keep_lines_and_columns() {
    for case in ["crlf-line-endings", "byte-order-mark"] {
        let run = irlint(&hostile_corpus().join(case), &["."]);
        assert_eq!(run.reported, POSITIONS, "{case}");

        // The same files with LF endings and no mark report the same positions.
        let plain = support::project(&[]);
        let case_dir = hostile_corpus().join(case);
        for file in POSITIONS
            .iter()
            .filter_map(|line| line.split([' ', ':']).nth(1))
            .chain(["ts-project/Pulumi.yaml", "py-project/Pulumi.yaml"])
        {
            let text = std::fs::read_to_string(case_dir.join(file)).expect("a fixture file");
            assert!(
                text.contains('\r') == (case == "crlf-line-endings")
                    && text.starts_with('\u{feff}') == (case == "byte-order-mark"),
                "{case}/{file} lost its line endings or mark (see .gitattributes)"
            );
            let text = text.replace("\r\n", "\n");
            write(plain.path(), file, text.trim_start_matches('\u{feff}'));
        }
        assert_eq!(irlint(plain.path(), &["."]).reported, POSITIONS);
    }
}

/// One case of deep nesting: the file, its text, and what its error says.
struct Deep {
    file: &'static str,
    text: String,
    message: &'static str,
}

fn nested(open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(DEEP), close.repeat(DEEP))
}

fn deep_cases() -> Vec<Deep> {
    let cfn = |properties: String| {
        format!(
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: {properties}\n"
        )
    };
    let terraform = |body: String| {
        format!("resource \"aws_ssmincidents_replication_set\" \"set\" {{\n{body}\n}}\n")
    };
    let typescript = |expression: String| {
        format!(
            "import * as aws from \"@pulumi/aws\";\nconst name = {expression};\n\
             new aws.ssmincidents.ReplicationSet(\"set\", {{ regions: [{{ name }}] }});\n"
        )
    };
    let python = |expression: String| {
        format!(
            "import pulumi_aws as aws\nNAME = {expression}\n\
             aws.ssmincidents.ReplicationSet(\"set\", regions=[{{\"name\": NAME}}])\n"
        )
    };
    let region = "\"us-east-1\"";
    let too_deep = "the program nests more than 256 levels deep";
    vec![
        Deep {
            file: "template.yaml",
            text: cfn(nested("[", "x", "]")),
            message: "invalid YAML: flow collections nest more than 255 levels deep",
        },
        Deep {
            file: "mapping.yaml",
            text: cfn(nested("{a: ", "x", "}")),
            message: "invalid YAML: the document nests more than 256 levels deep",
        },
        Deep {
            // Block sequences nest on one line, each entry indented by the one before.
            file: "block.yaml",
            text: cfn(format!("\n      - {}x", "- ".repeat(DEEP))),
            message: "invalid YAML: the document nests more than 256 levels deep",
        },
        Deep {
            file: "template.json",
            text: format!(
                "{{\"Resources\": {{\"Set\": {{\"Type\": \"AWS::SSMIncidents::ReplicationSet\",\n\"Properties\": {}}}}}}}",
                nested("{\"a\": ", "1", "}")
            ),
            message: "invalid JSON: Maximum nesting depth exceeded",
        },
        Deep {
            file: "yaml-project/Pulumi.yaml",
            text: format!(
                "name: p\nruntime: yaml\nresources:\n  set:\n    type: aws:ssmincidents:ReplicationSet\n    properties: {}\n",
                nested("[", "x", "]")
            ),
            message: "flow collections nest more than 255 levels deep",
        },
        Deep {
            file: "lists/main.tf",
            text: terraform(format!("  tags = {}", nested("[", "1", "]"))),
            message: "the expression nests more than 16 brackets deep",
        },
        Deep {
            file: "blocks/main.tf",
            text: terraform(nested("a {\n", "", "}\n")),
            message: "invalid nesting depth; expected at most 64 nested levels",
        },
        Deep {
            file: "operators/main.tf",
            text: terraform(format!("  count = {}", vec!["1"; DEEP].join(" + "))),
            message: "expected at most 128 chained binary operators",
        },
        Deep {
            file: "ts-parentheses/index.ts",
            text: typescript(nested("(", region, ")")),
            message: too_deep,
        },
        Deep {
            file: "ts-arrays/index.ts",
            text: typescript(nested("[", region, "]")),
            message: too_deep,
        },
        Deep {
            file: "ts-calls/index.ts",
            text: typescript(nested("f(", region, ")")),
            message: too_deep,
        },
        Deep {
            file: "ts-objects/index.ts",
            text: typescript(nested("{ a: ", region, " }")),
            message: too_deep,
        },
        Deep {
            file: "ts-sum/index.ts",
            text: typescript(vec![region; DEEP].join(" + ")),
            message: too_deep,
        },
        Deep {
            file: "ts-blocks/index.ts",
            text: format!(
                "import * as aws from \"@pulumi/aws\";\n{}\n",
                nested(
                    "{\n",
                    "new aws.ssmincidents.ReplicationSet(\"set\", { regions: [{ name: \"us-east-1\" }] });\n",
                    "}\n"
                )
            ),
            message: too_deep,
        },
        Deep {
            file: "py-parentheses/__main__.py",
            text: python(nested("(", region, ")")),
            message: too_deep,
        },
        Deep {
            file: "py-lists/__main__.py",
            text: python(nested("[", region, "]")),
            message: too_deep,
        },
        Deep {
            file: "py-calls/__main__.py",
            text: python(nested("f(", region, ")")),
            message: too_deep,
        },
        Deep {
            file: "py-dictionaries/__main__.py",
            text: python(nested("{\"a\": ", region, "}")),
            message: too_deep,
        },
        Deep {
            file: "py-sum/__main__.py",
            text: python(vec![region; DEEP].join(" + ")),
            message: too_deep,
        },
    ]
}

#[test]
fn ten_thousand_levels_of_nesting_are_an_error_in_every_format() {
    for deep in deep_cases() {
        let dir = case_dir();
        write(dir.path(), deep.file, &deep.text);
        let project = Path::new(deep.file).parent().unwrap_or(Path::new(""));
        let runtime = match deep.file.rsplit('.').next() {
            Some("ts") => Some("nodejs"),
            Some("py") => Some("python"),
            _ => None,
        };
        if let Some(runtime) = runtime {
            write(
                &dir.path().join(project),
                "Pulumi.yaml",
                format!("name: p\nruntime: {runtime}\n"),
            );
        }
        let run = irlint(dir.path(), &["."]);
        assert!(
            run.has(CONTROL_FINDING),
            "{}: {:?}",
            deep.file,
            run.reported
        );
        let errors = run.errors_of(deep.file);
        assert!(
            errors.len() == 1 && errors[0].contains(deep.message),
            "{}: {:?}",
            deep.file,
            run.reported
        );
        // The error has a line: the second, where the nesting starts, or a later one.
        assert!(
            errors[0].starts_with(&format!("error {}:", deep.file)),
            "{}: no line in {}",
            deep.file,
            errors[0]
        );
        assert_eq!(run.code, 2, "{}", deep.file);
    }
}

/// Programs of ten thousand resources (buckets, then the replication set). A name is looked up
/// through the statements of its scope; reading all of them before the first (the import) made
/// each lookup cost the whole module, and such a TypeScript module took minutes.
#[test]
fn ten_thousand_statements_are_linted_within_the_deadline() {
    let dir = case_dir();
    let program = |import: &str, bucket: &dyn Fn(usize) -> String, set: &str| -> String {
        let buckets: String = (0..10_000).map(|index| bucket(index) + "\n").collect();
        format!("{import}\n{buckets}{set}\n")
    };
    write(dir.path(), "ts/Pulumi.yaml", "name: p\nruntime: nodejs\n");
    write(
        dir.path(),
        "ts/index.ts",
        program(
            "import * as aws from \"@pulumi/aws\";",
            &|index| format!("new aws.s3.Bucket(\"b{index}\", {{ bucket: \"b-{index}\" }});"),
            "new aws.ssmincidents.ReplicationSet(\"set\", { regions: [{ name: \"us-east-1\" }] });",
        ),
    );
    write(dir.path(), "py/Pulumi.yaml", "name: p\nruntime: python\n");
    write(
        dir.path(),
        "py/__main__.py",
        program(
            "import pulumi_aws as aws",
            &|index| format!("aws.s3.Bucket(\"b{index}\", bucket=\"b-{index}\")"),
            "aws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": \"us-east-1\"}])",
        ),
    );
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("ten thousand statements");
    assert_eq!(
        run.reported,
        [
            CONTROL_FINDING,
            "IRL004 py/__main__.py:10002:58",
            "IRL004 ts/index.ts:10002:64"
        ]
    );
}

/// A Go program importing five thousand packages of its own: a package is a directory, and
/// finding each one's files by a look at every file of the project took 16 s.
#[test]
fn five_thousand_go_packages_are_linted_within_the_deadline() {
    let dir = case_dir();
    const PACKAGES: usize = 5_000;
    write(dir.path(), "go/Pulumi.yaml", "name: p\nruntime: go\n");
    write(dir.path(), "go/go.mod", "module example.com/p\n\ngo 1.22\n");
    let imports: String = (0..PACKAGES)
        .map(|index| format!("\tp{index} \"example.com/p/p{index}\"\n"))
        .collect();
    let uses: String = (1..PACKAGES)
        .map(|index| format!("\t_ = p{index}.Region\n"))
        .collect();
    write(
        dir.path(),
        "go/main.go",
        format!(
            "package main\n\nimport (\n{imports}\t\"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents\"\n\
             \t\"github.com/pulumi/pulumi/sdk/v3/go/pulumi\"\n)\n\nfunc main() {{\n{uses}\
             \tpulumi.Run(func(ctx *pulumi.Context) error {{\n\
             \t\t_, err := ssmincidents.NewReplicationSet(ctx, \"s\", &ssmincidents.ReplicationSetArgs{{\
             Regions: ssmincidents.ReplicationSetRegionArray{{&ssmincidents.ReplicationSetRegionArgs{{\
             Name: pulumi.String(p0.Region)}}}}}})\n\t\treturn err\n\t}})\n}}\n"
        ),
    );
    for index in 0..PACKAGES {
        let region = if index == 0 {
            "us-east-1x"
        } else {
            "us-east-1"
        };
        write(
            dir.path(),
            &format!("go/p{index}/p.go"),
            format!("package p{index}\n\nconst Region = \"{region}\"\n"),
        );
    }
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("five thousand Go packages");
    assert!(
        run.reported
            .iter()
            .any(|line| line == "IRL012 go/main.go:10009:180"),
        "{}",
        run.reported.join("\n")
    );
}

#[test]
fn aliases_repeating_a_long_string_are_bounded_too() {
    let dir = case_dir();
    // Ten aliases of a 1 MiB string would copy 10 MiB.
    let text = format!(
        "# AWS::SSMIncidents::ReplicationSet\nlong: &long {}\ncopies: [{}]\n",
        "x".repeat(1 << 20),
        ["*long"; 10].join(", ")
    );
    write(dir.path(), "template.yaml", text);
    let run = irlint(dir.path(), &["."]);
    run.assert_error("template.yaml:3:", "aliases expand to more than 8 MiB");
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
}

#[test]
fn files_over_the_size_limit_are_reported_and_never_read_whole() {
    let dir = case_dir();
    let mut template = String::from(CONTROL);
    let mut index = 0;
    while (template.len() as u64) < LARGE {
        template.push_str(&format!(
            "  Bucket{index}:\n    Type: AWS::S3::Bucket\n    Properties: {{BucketName: bucket-{index}}}\n"
        ));
        index += 1;
    }
    write(dir.path(), "large/template.yaml", template);
    // Sparse files of zeros: as large, without the disk. A module with a replication set reads
    // all its files, so the large one is an error there; a large file in no unit that is read
    // (data, a lock file) is passed over like any other.
    write(
        dir.path(),
        "module/main.tf",
        "resource \"aws_ssmincidents_replication_set\" \"set\" {\n  region {\n    name = \"us-east-1\"\n  }\n}\n",
    );
    for name in ["module/generated.tf", "data.json"] {
        let file = std::fs::File::create(dir.path().join(name)).expect("a file");
        file.set_len(LARGE).expect("a sparse file");
    }
    let run = irlint(dir.path(), &["."]);
    let says = "larger than irlint reads (2.0 MiB): it is not linted";
    run.assert_error(
        "large/template.yaml",
        &format!("the file is 50.0 MiB, {says}"),
    );
    run.assert_error(
        "module/generated.tf",
        &format!("the file is 50.0 MiB, {says}"),
    );
    assert!(run.errors_of("data.json").is_empty(), "{:?}", run.reported);
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
    assert!(run.has("IRL004 module/main.tf:3:12"), "{:?}", run.reported);
    assert_eq!(run.code, 2);
}

/// With `--base`, the base revision's files come from git: one larger than the limit, and
/// larger than the memory irlint may use, is looked through in chunks as in the working tree,
/// and the files after it are still read.
#[test]
fn files_over_the_size_limit_at_the_base_revision_are_never_read_whole() {
    let dir = case_dir();
    let root = dir.path();
    let beyond_memory = (support::memory_limit_kib() as u64 + 16 * 1024) * 1024;
    let mut template = String::from(CONTROL);
    template
        .push_str("  Padding:\n    Type: AWS::CloudFormation::WaitConditionHandle\n    Metadata: ");
    let large = write(root, "a-large/template.yaml", template);
    std::fs::OpenOptions::new()
        .append(true)
        .open(&large)
        .and_then(|file| file.set_len(beyond_memory))
        .expect("a sparse tail");
    let data = std::fs::File::create(root.join("b-data.json")).expect("a file");
    data.set_len(beyond_memory).expect("a sparse file");
    let module = |regions: &[&str]| {
        let blocks: String = regions
            .iter()
            .map(|region| format!("  region {{\n    name = \"{region}\"\n  }}\n"))
            .collect();
        format!("resource \"aws_ssmincidents_replication_set\" \"set\" {{\n{blocks}}}\n")
    };
    write(root, "c-module/main.tf", module(&["us-east-1"]));
    support::git(root, &["init", "--quiet"]);
    support::git(root, &["add", "--all"]);
    support::git(root, &["commit", "--quiet", "-m", "base"]);
    std::fs::remove_file(&large).expect("removed");
    std::fs::remove_file(root.join("b-data.json")).expect("removed");
    write(
        root,
        "c-module/main.tf",
        module(&["us-east-1", "us-west-2", "eu-west-1"]),
    );
    let run = irlint(root, &["--base", "HEAD", "."]);
    // Two regions added at once: the module was read at the base, after the large files.
    assert!(
        run.has("IRL002 c-module/main.tf:6:12"),
        "{:?}",
        run.reported
    );
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = case_dir();
    let root = dir.path();
    symlink("loop.yaml", root.join("loop.yaml")).expect("a link to itself");
    symlink(".", root.join("again")).expect("a link to its directory");
    write(
        root,
        "module/main.tf",
        "resource \"aws_ssmincidents_replication_set\" \"set\" {\n  region {\n    name = \"us-east-1\"\n  }\n}\n",
    );
    symlink("b.tf", root.join("module/a.tf")).expect("a link");
    symlink("a.tf", root.join("module/b.tf")).expect("a link back");
    // A walk does not follow symbolic links, so no loop can hold it.
    let run = irlint(root, &["."]);
    assert_eq!(
        run.reported,
        [CONTROL_FINDING, "IRL004 module/main.tf:3:12"],
        "{:?}",
        run.reported
    );
    // A link named on the command line is followed: a loop is an error that says why, and the
    // other paths are still linted.
    let run = irlint(root, &["control.yaml", "loop.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
    let errors = run.errors_of("loop.yaml");
    assert!(
        errors.len() == 1 && !errors[0].contains("no such file"),
        "{:?}",
        run.reported
    );
}

#[cfg(unix)]
#[test]
fn named_pipes_are_passed_over_or_refused_never_waited_on() {
    let dir = case_dir();
    let pipe = dir.path().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("note: `mkfifo` is not available: the named pipe case is not exercised");
        return;
    }
    let run = irlint(dir.path(), &["."]);
    assert_eq!(run.reported, [CONTROL_FINDING]);
    let run = irlint(dir.path(), &["pipe.yaml", "control.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
    assert!(
        run.has("error pipe.yaml not a regular file or a directory"),
        "{:?}",
        run.reported
    );
}

/// A file the operating system refuses to read although it opens: `/proc/self/mem` of the
/// process, whose first page is never mapped. This is a read error for any user, root included.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_fails_to_read_is_an_error_and_the_rest_is_linted() {
    let dir = case_dir();
    let run = irlint(dir.path(), &["control.yaml", "/proc/self/mem"]);
    // The path is shown relative to the working directory: `../../proc/self/mem`.
    assert!(
        run.reported.iter().any(|line| line.starts_with("error ")
            && line.contains("proc/self/mem cannot read the file: ")),
        "{:?}",
        run.reported
    );
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
    assert_eq!(run.code, 2);
}

/// A file and a directory without read permission. Root reads them anyway, so when the tests
/// run as root the binary is run as `nobody` (with `setpriv`); when that is not possible the
/// case is skipped with a note, and only the read error above is proven.
#[cfg(unix)]
#[test]
fn files_and_directories_without_permission_are_errors_and_the_rest_is_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = case_dir();
    let root = dir.path();
    let locked = write(root, "locked.yaml", CONTROL);
    write(root, "closed/template.yaml", CONTROL);
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .expect("permissions can be set");
    };
    // The run may be another user's: it must reach the directory and the control file.
    mode(root, 0o755);
    mode(&root.join("control.yaml"), 0o644);
    mode(&locked, 0o000);
    mode(&root.join("closed"), 0o000);
    let privileged = std::fs::File::open(&locked).is_ok();
    let wrapper: &[&str] = if privileged {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
    } else {
        &[]
    };
    if privileged
        && !Command::new("setpriv")
            .args(&wrapper[1..])
            .arg("true")
            .status()
            .is_ok_and(|status| status.success())
    {
        eprintln!(
            "note: running as a user who reads files without permission, and `setpriv` cannot \
             run the binary as another: the permission case is not exercised"
        );
        mode(&root.join("closed"), 0o755);
        return;
    }
    let run = irlint_as(wrapper, root, &["."]);
    mode(&root.join("closed"), 0o755);
    if run.code == 126 || run.code == 127 {
        eprintln!(
            "note: the binary cannot be run as another user here ({}): the permission case is \
             not exercised",
            run.stderr.trim()
        );
        return;
    }
    run.assert_error("locked.yaml", "cannot read the file: Permission denied");
    // The walk names the directory it could not read in the message.
    assert!(
        run.reported
            .iter()
            .any(|line| line.starts_with("error ") && line.contains("closed")),
        "{:?}",
        run.reported
    );
    assert!(run.has(CONTROL_FINDING), "{:?}", run.reported);
    assert_eq!(run.code, 2);
}
