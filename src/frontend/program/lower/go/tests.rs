use std::path::Path;
use std::time::{Duration, Instant};

use super::Go;
use crate::frontend::UnitFile;
use crate::frontend::program::dump::{dump, text};
use crate::frontend::program::lower::{Language, Source};
use crate::frontend::program::{Expr, Lowerer, ModuleId, Program, SourceModule, load_for_test};
use crate::source::{FileId, SourceFile};

const PULUMI: &str = "github.com.pulumi.pulumi.sdk.v3.go.pulumi";
const SSM: &str = "github.com.pulumi.pulumi-aws.sdk.v7.go.aws.ssmincidents";

/// The dump of a project `p` of the files given, which must load without errors.
fn lowered(files: &[(&str, &str)]) -> String {
    let mut all = vec![("p/Pulumi.yaml", "name: p\nruntime: go\n")];
    all.extend_from_slice(files);
    let (_, program, errors) = load_for_test(&Go, &all);
    assert!(errors.is_empty(), "{errors:?}");
    dump(&program.expect("a program"))
}

fn has(dump: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            dump.lines().any(|l| l == *line),
            "missing line\n  {line}\nin\n{dump}"
        );
    }
}

#[test]
fn literals_and_strings() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

import (
	"encoding/json"
	"fmt"
)

var s = "a\tb\x41\u00e9\101\x41F"
var r = `raw\n`
var n = 42
var f = -1.5
var t, u = true, false
var z = nil
var c = "x" + s + "y" + n
var sp = fmt.Sprintf("%s-%d %q 100%%", s, n, r)
var width = fmt.Sprintf("%5d", n)
var missing = fmt.Sprintf("%s %s", s)
var doc, err = json.Marshal(map[string]interface{}{"a": "b", "n": 1})
var text = string(doc)
var bytes = []byte(s)
var rune = 'x'
"#,
    )]);
    has(
        &out,
        &[
            r#"s = "a\tbAéAAF""#,
            r#"r = "raw\\n""#,
            "n = 42",
            "f = -1.5",
            "t = true",
            "u = false",
            "z = null",
            "c = `x${s}y${n}`",
            r#"sp = `${s}-${n} "${r}" 100%`"#,
            "width = ?(a `fmt.Sprintf` of a format not read)",
            "missing = ?(a `fmt.Sprintf` of a format not read)",
            r#"doc = json({a: "b", n: 1})"#,
            "err = ?(a second result)",
            "text = doc",
            "bytes = s",
            "rune = ?(a rune literal)",
        ],
    );
    // Neither `fmt.Sprintf` nor `json.Marshal` is left a call.
    assert!(!out.contains("call "), "{out}");
}

#[test]
fn a_shadowed_fmt_is_not_the_standard_library() {
    let out = lowered(&[(
        "p/main.go",
        "package main\nimport \"fmt\"\nfunc main() {\n\tfmt := x\n\ty := fmt.Sprintf(\"%s\", 1)\n}\n",
    )]);
    has(
        &out,
        &[
            "y = fmt.Sprintf(\"%s\", 1)",
            "call fmt.Sprintf(\"%s\", 1) [in main]",
        ],
    );
}

#[test]
fn lists_and_objects() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

import "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"

var regions = []string{"us-east-1", "eu-west-1"}
var args = &ssmincidents.ReplicationSetArgs{
	Regions: ssmincidents.ReplicationSetRegionArray{
		&ssmincidents.ReplicationSetRegionArgs{Name: "a"},
	},
}
var nested = []*ssmincidents.ReplicationSetRegionArgs{{Name: "b"}, {}}
var m = map[string]string{"k": "v", key: "w"}
var key = "x"
var empty = ssmincidents.ReplicationSetArgs{}
var emptyMap = map[string]string{}
var anonymous = struct{ A string }{A: "a"}
var indexed = [...]string{2: "c"}
var spread = append(regions, more...)
"#,
    )]);
    has(
        &out,
        &[
            r#"regions = ["us-east-1", "eu-west-1"]"#,
            &format!(
                r#"args = global:{SSM}.ReplicationSetArgs{{Regions: [global:{SSM}.ReplicationSetRegionArgs{{Name: "a"}}]}}"#
            ),
            r#"nested = [{Name: "b"}, {}]"#,
            r#"m = {k: "v", [key]: "w"}"#,
            &format!("empty = global:{SSM}.ReplicationSetArgs{{}}"),
            "emptyMap = {}",
            r#"anonymous = {A: "a"}"#,
            "indexed = ?(a list literal with indices)",
            "spread = global:append(regions, ...global:more)",
        ],
    );
}

#[test]
fn spans_of_literals_and_members() {
    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: go\n"),
        (
            "p/main.go",
            "package main\nvar a = &T{\"Name\": x, Other: \"y\"}\n",
        ),
    ];
    let (sources, program, _) = load_for_test(&Go, &files);
    let program = program.expect("a program");
    let object = program
        .expressions
        .iter()
        .position(|e| matches!(e.expr, Expr::Object(_)))
        .expect("an object");
    let id = crate::frontend::program::ExprId(object as u32);
    assert_eq!(text(&sources, &program, id), "T{\"Name\": x, Other: \"y\"}");
    let Expr::Object(object) = program.expr(id) else {
        unreachable!()
    };
    let spans: Vec<(String, String)> = object
        .members
        .iter()
        .map(|member| match member {
            crate::frontend::program::Member::Field {
                name_span, span, ..
            } => {
                let source = &sources.get(span.file).text;
                (
                    source[name_span.start..name_span.end].to_owned(),
                    source[span.start..span.end].to_owned(),
                )
            }
            _ => panic!("a field"),
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("\"Name\"".to_owned(), "\"Name\": x".to_owned()),
            ("Other".to_owned(), "Other: \"y\"".to_owned())
        ]
    );
}

#[test]
fn calls_of_resources() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		set, err := ssmincidents.NewReplicationSet(ctx, "set", &ssmincidents.ReplicationSetArgs{}, pulumi.Protect(true))
		ctx.Export("arn", set.Arn)
		return err
	})
}
"#,
    )]);
    has(
        &out,
        &[
            &format!(
                "set = global:{SSM}.NewReplicationSet(ctx, \"set\", global:{SSM}.ReplicationSetArgs{{}}, global:{PULUMI}.Protect(true))"
            ),
            &format!(
                "call global:{SSM}.NewReplicationSet(ctx, \"set\", global:{SSM}.ReplicationSetArgs{{}}, global:{PULUMI}.Protect(true)) [in a lambda]"
            ),
            &format!("call global:{PULUMI}.Protect(true) [in a lambda]"),
            "call ctx.Export(\"arn\", set.Arn) [in a lambda]",
            &format!("call global:{PULUMI}.Run(fn (ctx) => err) [in main]"),
            "ctx = parameter of a lambda",
            "err = ?(a second result)",
        ],
    );
}

#[test]
fn scoping() {
    let out = lowered(&[
        (
            "p/main.go",
            r#"package main

func main() {
	x := "outer"
	if y := "cond"; true {
		x := "inner"
		use(x, y)
	}
	use(x, later, helper(), Other)
	{
		x := "block"
		_ = x
	}
}

var later = "declared after"
"#,
        ),
        (
            "p/other.go",
            "package main\n\nvar Other = later + \"!\"\n\nfunc helper() string { return later }\n",
        ),
        (
            "p/main_test.go",
            "package main\n\nvar test = \"not read\"\n",
        ),
    ]);
    has(
        &out,
        &[
            r#"x = "outer""#,
            r#"x = "inner""#,
            r#"x = "block""#,
            r#"y = "cond""#,
            r#"later = "declared after""#,
            "Other = `${later}!`",
            "helper = fn helper() => later",
            "call global:use(x, y) [maybe: inside an `if`, which may not run]",
            "call global:use(x, later, helper(), Other) [in main]",
            "call helper() [in main]",
            "export 0.Other = Other",
        ],
    );
    assert!(!out.contains("not read"), "{out}");
}

#[test]
fn short_declarations_assign_names_of_the_same_block() {
    let out = lowered(&[(
        "p/main.go",
        "package main\nfunc main() {\n\ta, err := f()\n\tb, err := g()\n\t_, _ = a, b\n}\n",
    )]);
    has(
        &out,
        &[
            "a = global:f()",
            "b = global:g()",
            "err = ?(a second result)",
        ],
    );
    assert_eq!(out.matches("err = ").count(), 1, "{out}");
}

#[test]
fn imports() {
    let out = lowered(&[
        (
            "p/go.mod",
            "module example.com/p // the project\n\ngo 1.21\n",
        ),
        (
            "p/main.go",
            r#"package main

import (
	k "example.com/p/keys"
	"example.com/p/keys"
	_ "example.com/p/side"
	. "example.com/dot"
	"gopkg.in/yaml.v3"
	aws "github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
)

var a = keys.Name
var b = k.Name
var c = Dotted
var d = yaml.Marshal
var e = aws.Provider
var f = len
"#,
        ),
        (
            "p/keys/keys.go",
            "package keys\n\nvar Name = prefix + \"key\"\nvar prefix = \"my-\"\n",
        ),
        (
            "p/keys/more.go",
            "package keys\n\nfunc Make() string { return Name }\n",
        ),
        ("p/side/side.go", "package side\n\nvar _ = create()\n"),
    ]);
    has(
        &out,
        &[
            "a = module(example.com/p/keys).Name",
            "b = module(example.com/p/keys).Name",
            "c = global:example.com.dot.Dotted|Dotted",
            "d = global:gopkg.in.yaml.v3.Marshal",
            "e = global:github.com.pulumi.pulumi-aws.sdk.v7.go.aws.Provider",
            "f = global:len",
            "Name = `${prefix}key`",
            "Make = fn Make() => Name",
            "call global:create() [once]",
            "export 1.Make = Make",
            "export 1.Name = Name",
        ],
    );
}

#[test]
fn an_import_outside_the_module_is_not_the_projects() {
    let out = lowered(&[
        ("p/go.mod", "module example.com/p\n"),
        (
            "p/main.go",
            "package main\nimport \"example.com/pkg\"\nvar a = pkg.A\n",
        ),
        ("p/pkg/pkg.go", "package pkg\nvar A = 1\n"),
    ]);
    has(&out, &["a = global:example.com.pkg.A"]);
}

#[test]
fn an_import_of_a_package_the_project_lacks_is_a_global_path() {
    // Under the module path, yet no directory of the project holds it (a generated package
    // left out): the import path is all that is known of it.
    let out = lowered(&[
        ("p/go.mod", "module example.com/p\n"),
        (
            "p/main.go",
            "package main\nimport \"example.com/p/gone\"\nvar a = gone.A\n",
        ),
    ]);
    has(&out, &["a = global:example.com.p.gone.A"]);
}

#[test]
fn main_names_the_entry_package() {
    let files = [
        (
            "p/Pulumi.yaml",
            "name: p\nruntime: go\nmain: ./cmd/infra/\n",
        ),
        ("p/main.go", "package main\nvar root = 1\n"),
        ("p/cmd/infra/main.go", "package main\nvar entry = 2\n"),
    ];
    let (_, program, errors) = load_for_test(&Go, &files);
    assert!(errors.is_empty(), "{errors:?}");
    let out = dump(&program.expect("a program"));
    assert_eq!(out, "entry = 2\n");

    let files = [
        (
            "p/Pulumi.yaml",
            "name: p\nruntime: go\nmain: ../elsewhere\n",
        ),
        ("p/main.go", "package main\n"),
    ];
    let (_, program, errors) = load_for_test(&Go, &files);
    assert!(program.is_none());
    assert!(
        errors[0].message.contains("outside the project directory"),
        "{errors:?}"
    );

    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: go\n"),
        ("p/x_test.go", "package main\n"),
    ];
    let (_, program, errors) = load_for_test(&Go, &files);
    assert!(program.is_none());
    assert_eq!(
        errors[0].message,
        "no Go file (other than tests) in the project directory"
    );
}

#[test]
fn reassignments() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

func main() {
	a := "1"
	a = "2"
	b := "x"
	for i := 0; i < 3; i++ {
		b = "y"
		inside := "per iteration"
		_ = inside
	}
	var c string
	if cond {
		c = "z"
	}
	var d string
	d = "only"
	args := &T{Name: "n"}
	args.Name = "m"
	e := 1
	e += 2
	var g string
	func() { g = "later" }()
}
"#,
    )]);
    has(
        &out,
        &[
            "a = ?(`a` is assigned more than once)",
            "b = ?(assigned in a loop)",
            "i = ?(assigned in a loop)",
            r#"inside = "per iteration""#,
            "c = ?(assigned in a branch or another function, which may not run)",
            r#"d = "only""#,
            "args = ?(a field or an element of it is assigned)",
            "e = ?(updated with `+=`)",
            "g = ?(assigned in a branch or another function, which may not run)",
        ],
    );
}

#[test]
fn runs() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

var top = f()

func main() {
	g()
	if c() {
		h()
	} else if d() {
		h2()
	}
	for _, r := range []string{"a"} {
		k(r)
		if x {
			k2()
		}
	}
	switch s := v(); s {
	case w():
		sw()
	default:
		sd()
	}
	_ = a() && b()
	defer cleanup()
	pulumi.Run(func(ctx *pulumi.Context) error {
		l()
		return nil
	})
}

func (s *Stack) Method() { m() }
"#,
    )]);
    let maybe_if = "maybe: inside an `if`, which may not run";
    let maybe_loop = "maybe: inside a loop, which may run any number of times";
    let maybe_case = "maybe: inside a `switch` or `select` case, which may not run";
    has(
        &out,
        &[
            "call global:f() [once]",
            "call global:g() [in main]",
            "call global:c() [in main]",
            &format!("call global:h() [{maybe_if}]"),
            &format!("call global:d() [{maybe_if}]"),
            &format!("call global:h2() [{maybe_if}]"),
            &format!("call global:k(r) [{maybe_loop}]"),
            &format!("call global:k2() [{maybe_loop}]"),
            "call global:v() [in main]",
            &format!("call global:w() [{maybe_case}]"),
            &format!("call global:sw() [{maybe_case}]"),
            &format!("call global:sd() [{maybe_case}]"),
            "call global:a() [in main]",
            "call global:b() [maybe: on the right of `&&` or `||`, which may not run]",
            "call global:cleanup() [in main]",
            &format!("call global:{PULUMI}.Run(fn (ctx) => null) [in main]"),
            "call global:l() [in a lambda]",
            "call global:m() [in Method]",
            "r = ?(a loop variable)",
            "s = parameter of Method",
        ],
    );
    assert!(
        !out.contains("Method = "),
        "a method is no name of the package: {out}"
    );
}

#[test]
fn labels_jumps_goroutines_and_sends() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

func main() {
outer:
	for _, r := range rs {
		go worker(r)
		ch <- send(r)
		if r == "" {
			continue outer
		}
		break
	}
	goto end
end:
	done()
}
"#,
    )]);
    let maybe_loop = "maybe: inside a loop, which may run any number of times";
    has(
        &out,
        &[
            &format!("call global:worker(r) [{maybe_loop}]"),
            &format!("call global:send(r) [{maybe_loop}]"),
            "call global:done() [in main]",
        ],
    );
}

#[test]
fn functions_and_results() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

func name(prefix string, rest ...string) string { return prefix + "-x" }

func pair() (string, error) { return "v", nil }

func two(c bool) string {
	if c {
		return "a"
	}
	return "b"
}

func makeKey(ctx *pulumi.Context) (*kms.Key, error) {
	key, err := kms.NewKey(ctx, "k", nil)
	if err != nil {
		return nil, err
	}
	return key, nil
}

func fails() (string, error) { return "", errors.New("no") }

func named() (out string) {
	out = "set"
	return
}

var used = name("p")
"#,
    )]);
    has(
        &out,
        &[
            "name = fn name(prefix, rest) => `${prefix}-x`",
            "prefix = parameter of name",
            "rest = ?(a parameter that collects arguments, or follows one that does)",
            r#"pair = fn pair() => "v""#,
            "makeKey = fn makeKey(ctx) => key",
            "fails = fn fails() => …",
            "two = fn two(c) => …",
            "named = fn named() => …",
            r#"out = "set""#,
            r#"used = name("p")"#,
            r#"call name("p") [once]"#,
        ],
    );
}

#[test]
fn types_the_program_declares() {
    let out = lowered(&[(
        "p/main.go",
        "package main\n\nvar a = Args{Name: \"n\"}\n\ntype Args struct{ Name string }\n\nfunc main() {\n\ttype Local = Args\n\tb := &Local{}\n}\n",
    )]);
    has(
        &out,
        &[
            "Args = ?(a type the program declares)",
            "Local = ?(a type the program declares)",
            r#"a = Args{Name: "n"}"#,
            "b = Local{}",
            "export 0.Args = Args",
        ],
    );
}

#[test]
fn constants() {
    let out = lowered(&[(
        "p/main.go",
        "package main\n\nconst (\n\tA = iota\n\tB\n\tC, D = \"c\", iota * 2\n)\n\nconst single = \"s\"\n",
    )]);
    has(
        &out,
        &[
            "A = 0",
            "B = ?(a constant that repeats the expression before it in its group)",
            r#"C = "c""#,
            "D = ?(an arithmetic expression)",
            r#"single = "s""#,
            "export 0.A = A",
        ],
    );
}

#[test]
fn type_switches_channels_and_selects() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

func main() {
	switch v := x.(type) {
	case string:
		use(v)
	}
	select {
	case got := <-ch:
		use(got)
	}
	for key := range m {
		use(key)
	}
}
"#,
    )]);
    has(
        &out,
        &[
            "v = ?(the value of a type switch)",
            "got = ?(received from a channel)",
            "key = ?(a loop variable)",
            "call global:use(got) [maybe: inside a `switch` or `select` case, which may not run]",
        ],
    );
}

#[test]
fn a_syntax_error_leaves_the_rest() {
    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: go\n"),
        (
            "p/main.go",
            "package main\n\nfunc main() {\n\tx := )\n\tf(\"still\")\n}\n\nvar y = \"after\"\n",
        ),
    ];
    let (_, program, errors) = load_for_test(&Go, &files);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let out = dump(&program.expect("a program"));
    has(
        &out,
        &[r#"call global:f("still") [in main]"#, r#"y = "after""#],
    );
}

/// Where the first error of a program of one file is, as `line:column message`.
fn first_error(main: &str) -> String {
    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: go\n"),
        ("p/main.go", main),
    ];
    let (sources, _, errors) = load_for_test(&Go, &files);
    let error = errors.first().expect("an error");
    let span = error.span.expect("a span");
    let at = sources.get(span.file).line_column(span.start);
    format!("{}:{} {}", at.line, at.column, error.message)
}

#[test]
fn a_syntax_error_is_where_go_reports_it() {
    let errors = [
        (
            "func main() {\n\tf()\n\t)\n}\n",
            "5:2 invalid Go: unexpected `)`",
        ),
        (
            "func main() {\n\tf()\n}\n}\n",
            "6:1 invalid Go: unexpected `}`",
        ),
        (
            "func main() {\n\tx := \"abc\n\tf()\n}\n",
            "4:7 invalid Go: unexpected `\"abc`",
        ),
        // An unclosed block before a function: `func b` is read as a function literal.
        (
            "func a() {\n\tf()\n\nfunc b() {}\n",
            "6:6 invalid Go: unexpected `b`",
        ),
        // A block left open to the end of the file.
        (
            "func main() {\n\tif x {\n\t\tf()\n\tg()\n}\n",
            "8:1 invalid Go: missing `}`",
        ),
        // A token missing before a line break that ends a statement (Go inserts a semicolon
        // there) is missing there.
        ("func main() {\n\tf(a\n}\n", "4:5 invalid Go: missing `)`"),
        (
            "func main() {\n\tx := f(1, 2\n}\n",
            "4:13 invalid Go: missing `)`",
        ),
        (
            "func main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n\t\treturn nil\n\t}\n}\n",
            "6:3 invalid Go: missing `)`",
        ),
    ];
    for (program, error) in errors {
        let program = format!("package main\n\n{program}");
        assert_eq!(first_error(&program), error, "{program}");
    }
}

#[test]
fn a_token_missing_before_a_line_break_inside_a_statement_is_reported_at_the_next_token() {
    // After `,`, `(` or an operator, a line break ends no statement: Go reads on and reports
    // the next token ("5:1: syntax error: unexpected } in argument list; possibly missing
    // comma or )"), where tree-sitter's missing node sits at the end of the line before.
    let errors = [
        ("func main() {\n\tf(a,\n}\n", "5:1 invalid Go: missing `)`"),
        (
            "func main() {\n\tx :=\n}\n",
            "5:1 invalid Go: missing `identifier`",
        ),
    ];
    for (program, error) in errors {
        let program = format!("package main\n\n{program}");
        assert_eq!(first_error(&program), error, "{program}");
    }
}

#[test]
fn deep_nesting_lowers() {
    let parentheses = format!(
        "package main\nvar d = {}1{}\n",
        "(".repeat(240),
        ")".repeat(240)
    );
    has(&lowered(&[("p/main.go", &parentheses)]), &["d = 1"]);
    let functions = format!(
        "package main\nfunc main() {{\n{}f()\n{}}}\n",
        "if x { func() {\n".repeat(30),
        "}() }\n".repeat(30)
    );
    has(
        &lowered(&[("p/main.go", &functions)]),
        &["call global:f() [in a lambda]"],
    );
}

#[test]
fn a_file_of_2_mib_lowers_in_linear_time() {
    let mut text = String::from("package main\n\nfunc main() {\n");
    while text.len() < 2 << 20 {
        text.push_str("\tx := fmt.Sprintf(\"%s-%d\", name, 1) + \"suffix\"\n");
        text.push_str("\tcreate(x, []string{\"a\"}, &Args{Name: x})\n");
    }
    text.push_str("}\n");
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&Go.grammar(Path::new("main.go")))
        .expect("the grammar");
    let tree = parser.parse(&text, None).expect("a tree");
    let file = SourceFile::new("p/main.go".into(), text.clone());
    let file = UnitFile {
        id: FileId(0),
        source: &file,
    };
    let source = Source { file, tree };
    // What walking the tree alone costs on this machine.
    let start = Instant::now();
    let mut cursor = source.tree.walk();
    let mut kinds = 0;
    'walk: loop {
        kinds += cursor.node().kind().len();
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    let walk = start.elapsed();
    let mut program = Program::default();
    program.modules.push(SourceModule::default());
    let start = Instant::now();
    drop(cursor);
    Go.lower(
        &[source],
        &mut Lowerer::new(&mut program, ModuleId(0), &|_| false),
    );
    let lowering = start.elapsed();
    assert!(kinds > 0 && program.calls().count() > 40_000);
    assert!(
        lowering < walk * 20 + Duration::from_millis(50),
        "lowering took {lowering:?}, a walk of the tree {walk:?}"
    );
}

/// The Registry guide's programs for Go, as written; `None` where `../shared` is absent.
fn example(name: &str) -> Option<String> {
    let directory = crate::shared::path(&format!("corpus/pulumi/official-examples/go/{name}"))?;
    let read =
        |file: &str| std::fs::read_to_string(directory.join(file)).expect("the example's file");
    let (project, go_mod, main) = (read("Pulumi.yaml"), read("go.mod"), read("main.go"));
    let files = [
        ("p/Pulumi.yaml", project.as_str()),
        ("p/go.mod", go_mod.as_str()),
        ("p/main.go", main.as_str()),
    ];
    let (_, program, errors) = load_for_test(&Go, &files);
    assert!(errors.is_empty(), "{errors:?}");
    Some(dump(&program.expect("a program")))
}

#[test]
fn registry_basic() {
    let Some(out) = example("basic") else {
        return;
    };
    has(
        &out,
        &[
            &format!(
                r#"call global:{SSM}.NewReplicationSet(ctx, "replicationSetName", global:{SSM}.ReplicationSetArgs{{Regions: [global:{SSM}.ReplicationSetRegionArgs{{Name: global:{PULUMI}.String("us-west-2")}}], Tags: global:{PULUMI}.StringMap{{exampleTag: global:{PULUMI}.String("exampleValue")}}}}) [in a lambda]"#
            ),
            &format!("call global:{PULUMI}.Run(fn (ctx) => …) [in main]"),
            "main = fn main() => …",
            "err = ?(a second result)",
        ],
    );
}

#[test]
fn registry_cmk() {
    let Some(out) = example("cmk") else {
        return;
    };
    has(
        &out,
        &[
            r#"exampleKey = global:github.com.pulumi.pulumi-aws.sdk.v7.go.aws.kms.NewKey(ctx, "example_key", null)"#,
            "err = ?(a second result)",
            &format!(
                r#"call global:{SSM}.NewReplicationSet(ctx, "replicationSetName", global:{SSM}.ReplicationSetArgs{{Regions: [global:{SSM}.ReplicationSetRegionArgs{{Name: global:{PULUMI}.String("us-west-2"), KmsKeyArn: exampleKey.Arn}}], Tags: global:{PULUMI}.StringMap{{exampleTag: global:{PULUMI}.String("exampleValue")}}}}) [in a lambda]"#
            ),
        ],
    );
}

#[test]
fn registry_add_region() {
    let Some(out) = example("add-region") else {
        return;
    };
    has(
        &out,
        &[&format!(
            r#"call global:{SSM}.NewReplicationSet(ctx, "replicationSetName", global:{SSM}.ReplicationSetArgs{{Regions: [global:{SSM}.ReplicationSetRegionArgs{{Name: global:{PULUMI}.String("us-west-2")}}, global:{SSM}.ReplicationSetRegionArgs{{Name: global:{PULUMI}.String("ap-southeast-2")}}]}}) [in a lambda]"#
        )],
    );
}

#[test]
fn appends_once_or_in_each_turn_of_a_whole_range_loop_build_a_list() {
    let out = lowered(&[(
        "p/main.go",
        r#"package main

func main() {
	names := []string{"a", "b"}
	var once []string
	once = append(once, "x", "y")
	looped := []string{"z"}
	for _, name := range names {
		entry := name + "!"
		looped = append(looped, entry)
	}
	var spread []string
	for _, name := range names {
		spread = append(spread, name, name)
	}
	var branch []string
	for _, name := range names {
		if name != "" {
			branch = append(branch, name)
		}
	}
	var cut []string
	for _, name := range names {
		if name == "" {
			break
		}
		cut = append(cut, name)
	}
	var indexed []string
	for i := range names {
		indexed = append(indexed, names[i])
	}
	var other []string
	other = append(names, "c")
}
"#,
    )]);
    has(
        &out,
        &[
            r#"once = ["x", "y"]"#,
            r#"looped = [...["z"], ...map(names as name: entry)]"#,
            "spread = [...map(names as name: ...[name, name])]",
            "branch = ?(assigned in a loop)",
            "cut = ?(assigned in a loop)",
            "indexed = ?(assigned in a loop)",
            "other = global:append(names, \"c\")",
        ],
    );
}
