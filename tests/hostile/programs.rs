//! Pulumi TypeScript and Python programs whose names blow up when followed naively (issue 12):
//! twenty-two constants each adding the one before to itself (602 bytes of TypeScript, 420 of
//! Python) took over a minute and 39 s; two TypeScript modules re-exporting each other with
//! `export *` and `export { y as x }` 43 s to over a minute; forty levels of modules each
//! re-exporting two of the next (`export *`, `from … import *`) over a minute; a chain of
//! 10,000 modules each importing the next over a minute. Each binding and each module's export
//! of a name is now evaluated once, a string longer than 4 KiB is unknown, and the whole
//! program has one budget of steps. Lists built by loops over a thousand elements, each turn
//! copying two thousand uses of the loop's variable or a loop of its own, stop at the budget of
//! copies, and the program's own budget is left for the rest. A CDK app whose classes each make
//! two objects of the next, forty levels deep, makes at most 4,096 objects, 16 deep.

use super::{CONTROL_FINDING, case_dir, irlint, write};

/// The number of doublings: the last constant is 2^22 times the first.
const LEVELS: usize = 22;

/// The levels of modules that each re-export two of the next.
const DIAMOND: usize = 40;

/// The modules of the import chain.
const CHAIN: usize = 10_000;

/// The elements of the list the loops go over.
const TURNS: usize = 1_000;

/// The language of a program, and how it writes what the cases need.
#[derive(Clone, Copy)]
enum Language {
    TypeScript,
    Python,
}

impl Language {
    fn runtime(self) -> &'static str {
        match self {
            Language::TypeScript => "nodejs",
            Language::Python => "python",
        }
    }

    /// The entry module's file.
    fn entry(self) -> &'static str {
        match self {
            Language::TypeScript => "index.ts",
            Language::Python => "__main__.py",
        }
    }

    /// The column of the set's only region in [`Language::program`], where IRL004 reports.
    fn region_column(self) -> usize {
        match self {
            Language::TypeScript => 64,
            Language::Python => 58,
        }
    }

    fn module(self, name: &str) -> String {
        match self {
            Language::TypeScript => format!("{name}.ts"),
            Language::Python => format!("{name}.py"),
        }
    }

    /// The entry module: the SDK's import, `more`, then a replication set whose only region is
    /// named by `region`, with these tags (see [`Language::tag`]).
    fn program(self, more: &str, region: &str, tags: &[String]) -> String {
        let tags = tags.join(", ");
        match self {
            Language::TypeScript => format!(
                "import * as aws from \"@pulumi/aws\";\n{more}\
                 new aws.ssmincidents.ReplicationSet(\"set\", {{ regions: [{{ name: {region} }}], tags: {{ {tags} }} }});\n"
            ),
            Language::Python => format!(
                "import pulumi_aws as aws\n{more}\
                 aws.ssmincidents.ReplicationSet(\"set\", regions=[{{\"name\": {region}}}], tags={{{tags}}})\n"
            ),
        }
    }

    /// A tag of the set of [`Language::program`].
    fn tag(self, key: &str, value: &str) -> String {
        match self {
            Language::TypeScript => format!("{key}: {value}"),
            Language::Python => format!("\"{key}\": {value}"),
        }
    }

    /// A module-level constant, on a line.
    fn constant(self, name: &str, value: &str) -> String {
        match self {
            Language::TypeScript => format!("const {name} = {value};\n"),
            Language::Python => format!("{name} = {value}\n"),
        }
    }

    /// [`Language::program`] with `name` as its region and as its one tag.
    fn program_of(self, more: &str, name: &str) -> String {
        self.program(more, name, &[self.tag("t", name)])
    }

    /// `l0 = "us-east-1"`, then `l1` to `l22`, each the one before added to itself.
    fn doubling(self) -> String {
        let mut names = self.constant("l0", "\"us-east-1\"");
        for level in 1..=LEVELS {
            let before = level - 1;
            names += &self.constant(&format!("l{level}"), &format!("l{before} + l{before}"));
        }
        names
    }

    /// A list of a thousand names, lists built by loops over it whose elements use the loop's
    /// variable two thousand times, and one built by a loop inside another: expanded, they
    /// would be millions of copies.
    fn loops(self) -> String {
        let names = vec!["\"us-east-1\""; TURNS].join(", ");
        let uses = vec!["x"; 2 * TURNS].join(", ");
        let [wide, nested] = match self {
            Language::TypeScript => [
                format!("const wide = names.map(x => ({{ a: [{uses}] }}));"),
                "const nested = names.map(x => names.map(y => [x, y]));".to_owned(),
            ],
            Language::Python => [
                format!("wide = [{{\"a\": [{uses}]}} for x in names]"),
                "nested = [[[x, y] for y in names] for x in names]".to_owned(),
            ],
        };
        self.constant("names", &format!("[{names}]")) + &wide + "\n" + &nested + "\n"
    }

    /// A module that brings in every name of the module `from`.
    fn everything_from(self, from: &str) -> String {
        match self {
            Language::TypeScript => format!("export * from \"./{from}\";\n"),
            Language::Python => format!("from {from} import *\n"),
        }
    }

    /// A module that brings in the name `region` of the module `from`, and another library.
    fn region_from(self, from: &str) -> String {
        match self {
            Language::TypeScript => {
                format!(
                    "import * as pulumi from \"@pulumi/pulumi\";\nexport {{ region }} from \"./{from}\";\n"
                )
            }
            Language::Python => format!("import json\nfrom {from} import region\n"),
        }
    }

    /// A module that defines `name`.
    fn defining(self, name: &str) -> String {
        let constant = self.constant(name, "\"us-east-1\"");
        match self {
            Language::TypeScript => format!("export {constant}"),
            Language::Python => constant,
        }
    }
}

/// A program that blows up when its names are followed naively.
struct Case {
    name: &'static str,
    language: Language,
    /// The files of the project besides `Pulumi.yaml`, by path in the project.
    files: Vec<(String, String)>,
    /// The line of the entry module that creates the set.
    set_line: usize,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for language in [Language::TypeScript, Language::Python] {
        cases.push(Case {
            name: "twenty-two constants each adding the one before to itself",
            language,
            files: vec![(
                language.entry().to_owned(),
                language.program_of(&language.doubling(), "l22"),
            )],
            set_line: LEVELS + 3,
        });

        // Forty levels of two modules, each re-exporting both of the next level, looking up a
        // name that none of them defines: every path through them is searched.
        let mut files = vec![(
            language.entry().to_owned(),
            language.program_of(&language.everything_from("a0"), "region"),
        )];
        for level in 0..DIAMOND {
            let next = level + 1;
            for side in ["a", "b"] {
                let both = language.everything_from(&format!("a{next}"))
                    + &language.everything_from(&format!("b{next}"));
                files.push((language.module(&format!("{side}{level}")), both));
            }
        }
        for side in ["a", "b"] {
            files.push((
                language.module(&format!("{side}{DIAMOND}")),
                language.defining("other"),
            ));
        }
        cases.push(Case {
            name: "forty levels of modules each re-exporting two of the next",
            language,
            files,
            set_line: 3,
        });

        let import = match language {
            Language::TypeScript => "import { region } from \"./m0\";\n",
            Language::Python => "from m0 import region\n",
        };
        let mut files = vec![(
            language.entry().to_owned(),
            language.program_of(import, "region"),
        )];
        for index in 0..CHAIN - 1 {
            files.push((
                language.module(&format!("m{index}")),
                language.region_from(&format!("m{}", index + 1)),
            ));
        }
        files.push((
            language.module(&format!("m{}", CHAIN - 1)),
            language.defining("region"),
        ));
        cases.push(Case {
            name: "a chain of 10,000 modules each importing the next",
            language,
            files,
            set_line: 3,
        });

        cases.push(Case {
            name: "loops over a thousand elements, each turn two thousand uses or another loop",
            language,
            files: vec![(
                language.entry().to_owned(),
                language.program_of(&language.loops(), "\"us-east-1\""),
            )],
            set_line: 5,
        });

        // Each tag copies 4,000 bytes (250 steps) before it is too long: 5,000 of them take more
        // than the budget, and the tags past it are unknown without being read.
        let tags: Vec<String> = (0..5000)
            .map(|i| language.tag(&format!("t{i}"), "long + long + long"))
            .collect();
        let long = format!("\"{}\"", "x".repeat(2000));
        let program = language.program(&language.constant("long", &long), "\"us-east-1\"", &tags);
        cases.push(Case {
            name: "a program past the budget of steps",
            language,
            files: vec![(language.entry().to_owned(), program)],
            set_line: 3,
        });
    }
    cases.push(Case {
        name: "two modules re-exporting each other with `export *` and `export { y as x }`",
        language: Language::TypeScript,
        files: vec![
            (
                "index.ts".to_owned(),
                Language::TypeScript.program_of("import { x } from \"./a\";\n", "x"),
            ),
            (
                "a.ts".to_owned(),
                "export * from \"./b\"; export { y as x } from \"./b\";\n".to_owned(),
            ),
            (
                "b.ts".to_owned(),
                "export * from \"./a\"; export { x as y } from \"./a\";\n".to_owned(),
            ),
        ],
        set_line: 3,
    });
    cases
}

#[test]
fn programs_whose_names_blow_up_end_quickly_and_the_rest_is_linted() {
    for case in cases() {
        let name = format!("{} ({})", case.name, case.language.runtime());
        let dir = case_dir();
        write(
            dir.path(),
            "program/Pulumi.yaml",
            format!("name: p\nruntime: {}\n", case.language.runtime()),
        );
        for (path, text) in &case.files {
            write(dir.path(), &format!("program/{path}"), text);
        }
        let run = irlint(dir.path(), &["."]);
        assert!(
            [0, 1, 2].contains(&run.code),
            "{name}: exit code {}",
            run.code
        );
        run.assert_quick(&name);
        // The program's set is read too: its single region has no deletion protection.
        let set = format!(
            "IRL004 program/{}:{}:{}",
            case.language.entry(),
            case.set_line,
            case.language.region_column()
        );
        assert_eq!(run.reported, [CONTROL_FINDING, &set], "{name}");
    }
}

/// The levels of classes that each make two objects of the next.
const MULTIPLYING: usize = 40;

/// A CDK app whose classes each make two objects of the next, forty levels deep (2^40 objects
/// if each were made), and a class that makes itself: the objects nest at most 16 deep and an
/// app makes at most 4,096 of them, so the app ends quickly and its stack's own set is read.
#[test]
fn cdk_apps_whose_classes_multiply_end_quickly_and_the_rest_is_linted() {
    let mut typescript = String::from(
        "import * as cdk from \"aws-cdk-lib\";\n\
         import * as ssmincidents from \"aws-cdk-lib/aws-ssmincidents\";\n",
    );
    let mut python = String::from(
        "import aws_cdk as cdk\nfrom aws_cdk import aws_ssmincidents as ssmincidents\n",
    );
    for level in 0..MULTIPLYING {
        let next = level + 1;
        typescript += &format!(
            "class C{level} {{ constructor(scope: any, id: string, p: any) {{ \
             new C{next}(this, \"a\", p); new C{next}(this, \"b\", p); }} }}\n"
        );
        python += &format!(
            "class C{level}:\n    def __init__(self, scope, id, p):\n        \
             C{next}(self, \"a\", p)\n        C{next}(self, \"b\", p)\n"
        );
    }
    typescript += &format!(
        "class C{MULTIPLYING} {{ constructor(scope: any, id: string, p: any) {{ \
         new ssmincidents.CfnReplicationSet(this, \"S\", {{ regions: [{{ regionName: p }}] }}); }} }}\n\
         class Itself {{ constructor() {{ new Itself(); }} }}\n\
         class IncidentsStack extends cdk.Stack {{\n\
         \x20 constructor(scope: any, id: string) {{\n\
         \x20   super(scope, id);\n\
         \x20   new ssmincidents.CfnReplicationSet(this, \"Set\", {{ regions: [{{ regionName: \"us-east-1\" }}] }});\n\
         \x20   new C0(this, \"Tree\", \"us-east-1\");\n\
         \x20   new Itself();\n\
         \x20 }}\n\
         }}\n\
         new IncidentsStack(new cdk.App(), \"Incidents\");\n"
    );
    python += &format!(
        "class C{MULTIPLYING}:\n    def __init__(self, scope, id, p):\n        \
         ssmincidents.CfnReplicationSet(self, \"S\", regions=[{{\"region_name\": p}}])\n\
         class Itself:\n    def __init__(self):\n        Itself()\n\
         class IncidentsStack(cdk.Stack):\n    def __init__(self, scope, id):\n        \
         super().__init__(scope, id)\n        \
         ssmincidents.CfnReplicationSet(self, \"Set\", regions=[{{\"region_name\": \"us-east-1\"}}])\n        \
         C0(self, \"Tree\", \"us-east-1\")\n        Itself()\n\
         IncidentsStack(cdk.App(), \"Incidents\")\n"
    );
    let dir = case_dir();
    write(
        dir.path(),
        "ts/cdk.json",
        r#"{ "app": "npx ts-node app.ts" }"#,
    );
    write(dir.path(), "ts/app.ts", &typescript);
    write(dir.path(), "py/cdk.json", r#"{ "app": "python3 app.py" }"#);
    write(dir.path(), "py/app.py", &python);
    let run = irlint(dir.path(), &["."]);
    run.assert_quick("classes that each make two of the next");
    let set_line = |text: &str| {
        1 + text
            .lines()
            .position(|line| line.contains("\"Set\""))
            .expect("the stack's set")
    };
    assert_eq!(
        run.reported,
        [
            CONTROL_FINDING.to_owned(),
            format!("IRL004 py/app.py:{}:78", set_line(&python)),
            format!("IRL004 ts/app.ts:{}:79", set_line(&typescript)),
        ]
    );
}
