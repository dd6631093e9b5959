use super::{Language, Source, TypeScript};
use crate::frontend::program::dump::{argument_texts, dump};
use crate::frontend::program::{Expr, Lowerer, ModuleId, Program, load_for_test};
use crate::input_error::InputError;

/// Loads a project in `p/` of these files (paths relative to `p`), with this `Pulumi.yaml`.
fn load_with(project_file: &str, files: &[(&str, &str)]) -> (Option<Program>, Vec<InputError>) {
    let paths: Vec<String> = files.iter().map(|(path, _)| format!("p/{path}")).collect();
    let mut all = vec![("p/Pulumi.yaml", project_file)];
    all.extend(
        paths
            .iter()
            .zip(files)
            .map(|(path, (_, text))| (path.as_str(), *text)),
    );
    let (_, program, errors) = load_for_test(&TypeScript, &all);
    (program, errors)
}

/// The dump of a project that loads without errors.
fn lower(files: &[(&str, &str)]) -> String {
    let (program, errors) = load_with("name: p\nruntime: nodejs\n", files);
    assert!(errors.is_empty(), "{errors:?}");
    dump(&program.expect("a program"))
}

/// The files and the program of a project whose entry is `text`, loaded without errors.
fn index_program(text: &str) -> (crate::source::Sources, Program) {
    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: nodejs\n"),
        ("p/index.ts", text),
    ];
    let (sources, program, errors) = load_for_test(&TypeScript, &files);
    assert!(errors.is_empty(), "{errors:?}");
    (sources, program.expect("a program"))
}

fn index(text: &str) -> String {
    lower(&[("index.ts", text)])
}

/// Asserts that the dump has each line.
fn assert_lines(dump: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            dump.lines().any(|l| l == *line),
            "no line `{line}` in:\n{dump}"
        );
    }
}

#[test]
fn literals_and_templates() {
    let dump = index(
        r#"const s = "a\tb\u{41}";
const single = 'it\'s';
const plain = `us-west-2`;
const t = `r-${s}-${1}`;
const joined = "eu-" + s + "-" + 1 + `x${t}`;
const n = 42, negative = -1, yes = true, no = false, nothing = null, missing = undefined;"#,
    );
    assert_lines(
        &dump,
        &[
            r#"s = "a\tbA""#,
            r#"single = "it's""#,
            r#"plain = "us-west-2""#,
            "t = `r-${s}-${1}`",
            "joined = `eu-${s}-${1}x${t}`",
            "n = 42",
            "negative = -1",
            "yes = true",
            "no = false",
            "nothing = null",
            "missing = null",
        ],
    );
}

#[test]
fn lists_objects_and_members() {
    let dump = index(
        r#"const xs = [1, ...more, "a"];
const key = "k";
const o = { a: 1, "b-c": 2, 3: "three", [key]: 4, key, ...xs, m() { return 1; }, get g() { return 2; } };
const m = o.a.b, i = xs[0];"#,
    );
    assert_lines(
        &dump,
        &[
            r#"xs = [1, ...global:more, "a"]"#,
            r#"o = {a: 1, b-c: 2, 3: "three", [key]: 4, key: key, ...xs, m: ?(a method), g: 2}"#,
            "m = o.a.b",
            "i = xs[0]",
        ],
    );
}

#[test]
fn a_string_key_is_named_by_its_value_and_spanned_with_its_quotes() {
    let text = r#"const o = { "region": "us-east-1", name };"#;
    let (program, _) = load_with("runtime: nodejs\n", &[("index.ts", text)]);
    let program = program.expect("a program");
    let object = program
        .expressions
        .iter()
        .find_map(|e| match &e.expr {
            Expr::Object(object) => Some(object.clone()),
            _ => None,
        })
        .expect("an object");
    let spans: Vec<(String, String)> = object
        .members
        .iter()
        .map(|member| match member {
            crate::frontend::program::Member::Field {
                name,
                name_span,
                value,
                ..
            } => {
                let value_span = program.span(*value);
                assert_eq!(name_span.start, value_span.start.min(name_span.start));
                (
                    name.clone(),
                    text[name_span.start..name_span.end].to_owned(),
                )
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("region".to_owned(), "\"region\"".to_owned()),
            ("name".to_owned(), "name".to_owned())
        ]
    );
}

#[test]
fn resource_calls_and_package_imports() {
    let dump = index(
        r#"import * as aws from "@pulumi/aws";
import { ReplicationSet } from "@pulumi/aws/ssmincidents";
import { ssmincidents as inc } from "@pulumi/aws";
import cloud from "@pulumi/aws";
import pulumi = require("@pulumi/pulumi");
const required = require("@pulumi/aws");
const { kms } = aws;
const { ssmincidents: viaRequire } = require("@pulumi/aws");
const key = new kms.Key("k", { description: "d" }, { provider });
new aws.ssmincidents.ReplicationSet("main", { regions: [{ name: "us-east-1", kmsKeyArn: key.arn }] });
new ReplicationSet("s");
new inc.ReplicationSet;
const config = new pulumi.Config();"#,
    );
    assert_lines(
        &dump,
        &[
            "aws = global:@pulumi.aws",
            "ReplicationSet = global:@pulumi.aws.ssmincidents.ReplicationSet",
            "inc = global:@pulumi.aws.ssmincidents",
            "cloud = global:@pulumi.aws",
            "pulumi = global:@pulumi.pulumi",
            "required = global:@pulumi.aws",
            "kms = aws.kms",
            "viaRequire = global:@pulumi.aws.ssmincidents",
            r#"call new kms.Key("k", {description: "d"}, {provider: global:provider}) [once]"#,
            r#"call new aws.ssmincidents.ReplicationSet("main", {regions: [{name: "us-east-1", kmsKeyArn: key.arn}]}) [once]"#,
            r#"call new ReplicationSet("s") [once]"#,
            "call new inc.ReplicationSet() [once]",
            "call new pulumi.Config() [once]",
        ],
    );
}

#[test]
fn names_resolve_by_scope_before_their_declaration_too() {
    let dump = index(
        r#"const region = "a";
use(later, hoisted, region);
const later = make();
function make() { return helper(); }
function helper() { const region = "b"; return region; }
{ const region = "c"; inner(region); }
function hoisted() { if (x) { var late = 1; } return late; }"#,
    );
    assert_lines(
        &dump,
        &[
            r#"region = "a""#,
            "later = make()",
            "make = fn make() => helper()",
            r#"region = "b""#,
            r#"region = "c""#,
            "call global:use(later, hoisted, region) [once]",
            "call make() [once]",
            "call helper() [in make]",
            "call global:inner(region) [once]",
            "late = ?(`late` is assigned inside an `if`, which may not run)",
            "hoisted = fn hoisted() => late",
        ],
    );
    // Each `region` is its own binding: the block's is not the module's.
    let (program, _) = load_with(
        "runtime: nodejs\n",
        &[(
            "index.ts",
            "const region = \"a\";\n{ const region = \"c\"; f(region); }\ng(region);",
        )],
    );
    let program = program.expect("a program");
    let arguments: Vec<String> = program
        .calls()
        .map(|(_, call)| match program.expr(call.arguments[0].value) {
            Expr::Name(binding) => {
                format!(
                    "{:?}",
                    program.expr(match &program.binding(*binding).value {
                        crate::frontend::program::BindingValue::Value(value) => *value,
                        other => panic!("{other:?}"),
                    })
                )
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(arguments, ["Str(\"c\")", "Str(\"a\")"]);
}

#[test]
fn reassigned_names_are_unknown() {
    let dump = index(
        r#"let a = 1; a = 2;
let b; b = "one";
let c = 0; c++;
let d = ""; d += "x";
let e; if (flag) { e = 1; }
var f = 1; for (;;) { f = 2; }
let g; function set() { g = 1; }
const { h } = o; let [i] = xs; [i] = ys;
function p(x) { x = 1; }"#,
    );
    assert_lines(
        &dump,
        &[
            "a = ?(`a` is assigned more than once)",
            r#"b = "one""#,
            "c = ?(`c` is assigned more than once)",
            "d = ?(`d` is assigned more than once)",
            "e = ?(`e` is assigned inside an `if`, which may not run)",
            "f = ?(`f` is assigned inside a loop, which may run any number of times)",
            "g = ?(`g` is assigned inside a function, which may run any number of times)",
            "h = global:o.h",
            "i = ?(`i` is assigned more than once)",
            "x = ?(`x` is assigned more than once)",
        ],
    );
}

#[test]
fn destructuring_binds_members_and_elements() {
    let dump = index(
        r#"const { a, b: { c }, "d-e": d, [k]: computed, f = 1, ...rest } = obj;
const [x, , y, ...others] = arr;
for (const [key, value] of Object.entries(obj)) { use(key); }
try { risky(); } catch ({ message }) { report(message); }"#,
    );
    assert_lines(
        &dump,
        &[
            "a = global:obj.a",
            "c = global:obj.b.c",
            "d = global:obj.d-e",
            "computed = global:obj[global:k]",
            "f = ?(`f` is destructured with a default value)",
            "rest = ?(`rest` is the rest of a destructuring)",
            "x = global:arr[0]",
            "y = global:arr[2]",
            "others = ?(`others` is the rest of a destructuring)",
            "key = ?(`key` is a loop variable)",
            "value = ?(`value` is a loop variable)",
            "message = ?(`message` is a caught exception)",
            "call global:Object.entries(global:obj) [once]",
            "call global:use(key) [maybe: inside a loop, which may run any number of times]",
            "call global:risky() [once]",
            "call global:report(message) [maybe: inside a `catch`, which may not run]",
        ],
    );
}

#[test]
fn how_many_times_calls_run() {
    let dump = index(
        r#"once();
function f() { inF(); { inBlock(); } try { inTry(); } finally { inFinally(); } if (c) { inIf(); } }
if (c) { a(); } else { b(); }
for (const r of rs) { looped(); }
while (c) { whiled(); }
switch (c) { case 1: cased(); }
const t = c ? yes() : no();
const l = c && right();
const n = c ?? fallback();
const arrow = () => inArrow();
const block = async () => { inBlockArrow(); if (c) { nested(); } };
maybe?.call();
run(() => { passed(); });"#,
    );
    assert_lines(
        &dump,
        &[
            "call global:once() [once]",
            "call global:inF() [in f]",
            "call global:inBlock() [in f]",
            "call global:inTry() [in f]",
            "call global:inFinally() [in f]",
            "call global:inIf() [maybe: inside an `if`, which may not run]",
            "call global:a() [maybe: inside an `if`, which may not run]",
            "call global:b() [maybe: inside an `if`, which may not run]",
            "call global:looped() [maybe: inside a loop, which may run any number of times]",
            "call global:whiled() [maybe: inside a loop, which may run any number of times]",
            "call global:cased() [maybe: inside a `switch` case, which may not run]",
            "call global:yes() [maybe: inside a conditional expression, which may not run]",
            "call global:no() [maybe: inside a conditional expression, which may not run]",
            "call global:right() [maybe: on the right of `&&`, which may not run]",
            "call global:fallback() [maybe: on the right of `??`, which may not run]",
            "call global:inArrow() [in a lambda]",
            "call global:inBlockArrow() [in a lambda]",
            "call global:nested() [maybe: inside an `if`, which may not run]",
            "call global:maybe.call() [maybe: after `?.`, which may not call it]",
            "call global:run(fn () => …) [once]",
            "call global:passed() [in a lambda]",
            "t = ?(a conditional expression)",
        ],
    );
}

#[test]
fn functions_and_their_results() {
    let dump = index(
        r#"function one(x: string) { return x; }
function two(x) { if (x) { return 1; } return 2; }
function branch(x) { if (x) { return 1; } }
const arrow = (a, b = make()) => a + "-" + b;
const single = a => ({ a });
function destructured({ region,
    tags: [first] }, ...rest) { return region; }"#,
    );
    assert_lines(
        &dump,
        &[
            "one = fn one(x) => x",
            "two = fn two(x) => …",
            "branch = fn branch(x) => …",
            "arrow = fn (a, b) => `${a}-${b}`",
            "single = fn (a) => {a: a}",
            "x = parameter of one",
            "a = parameter of a lambda",
            "destructured = fn destructured({ region, tags: [first] }, rest) => region",
            "region = { region, tags: [first] }.region",
            "first = { region, tags: [first] }.tags[0]",
            "rest = ?(a parameter that collects arguments, or follows one that does)",
            "call global:make() [maybe: inside a default value, which may not be used]",
        ],
    );
}

#[test]
fn classes_are_objects_of_their_static_members_made_by_their_constructors() {
    let dump = index(
        r#"import * as pulumi from "@pulumi/pulumi";
class Stack extends pulumi.ComponentResource {
    key = makeKey();
    constructor(name: string, private args: Args) {
        super("x:y:Stack", name);
        new Key(name);
    }
    method() { inMethod(); }
}
class Regions {
    static primary = "us-east-1";
    static all() { return [Regions.primary]; }
    instance = perObject();
}
const s = new Stack("s", {});"#,
    );
    assert_lines(
        &dump,
        &[
            "Stack = fn Stack(name, args) => {base pulumi.ComponentResource, args: args, key: key, method: method}{}",
            "args = ?(`args` is a parameter of the constructor)",
            // `this` in the constructor and in a method is the object the class makes; in a
            // static method, the class, which is not followed.
            "this = {base pulumi.ComponentResource, args: args, key: key, method: method}",
            "this = ?(`this` of a function)",
            r#"Regions = fn Regions() => {instance: instance}{primary: "us-east-1", all: fn all() => [Regions.primary]}"#,
            "call global:makeKey() [in Stack]",
            r#"call ?(`super`)("x:y:Stack", name) [in Stack]"#,
            "call new global:Key(name) [in Stack]",
            "call global:inMethod() [in method]",
            "call global:perObject() [maybe: inside a field initialiser, which runs for each object of the class]",
            r#"call new Stack("s", {}) [once]"#,
        ],
    );
    let (program, _) = load_with(
        "runtime: nodejs\n",
        &[(
            "index.ts",
            "class S extends Base { constructor() { super(); } }",
        )],
    );
    let program = program.expect("a program");
    let bases: Vec<String> = program
        .functions
        .iter()
        .flat_map(|f| {
            f.bases
                .iter()
                .map(|b| crate::frontend::program::dump::render(&program, *b, 0))
        })
        .collect();
    assert_eq!(bases, ["global:Base"]);
}

#[test]
fn json_enums_namespaces_and_unreadable_expressions() {
    let dump = index(
        r#"const policy = JSON.stringify({ Version: "2012-10-17" });
function shadowed(JSON) { return JSON.stringify(1); }
enum Region { East = "us-east-1", West = "us-west-2", Numbered }
namespace Inner { export const value = made(); }
const sum = 1 * 2, not = !flag, tagged = tag`x${inTag()}`, self = this;"#,
    );
    assert_lines(
        &dump,
        &[
            r#"policy = json({Version: "2012-10-17"})"#,
            "shadowed = fn shadowed(JSON) => JSON.stringify(1)",
            r#"Region = {East: "us-east-1", West: "us-west-2", Numbered: ?(an enum member numbered by its position)}"#,
            "Inner = ?(a namespace)",
            "value = global:made()",
            "call global:made() [once]",
            "sum = ?(an operation)",
            "not = ?(an operation)",
            "tagged = ?(a tagged template)",
            "call global:inTag() [once]",
            "self = ?(`this`)",
        ],
    );
    assert!(!dump.contains("export 0.value"), "{dump}");
}

#[test]
fn project_modules_es_and_commonjs() {
    let dump = lower(&[
        (
            "index.js",
            r#"const aws = require("@pulumi/aws");
const { primary } = require("./regions");
const more = require("./more.js");
import { key } from "./kms";
import * as keys from "./keys";
import settings from "./settings";
import "./side";
new aws.ssmincidents.ReplicationSet("s", { regions: [{ name: primary }, { name: more.secondary, kmsKeyArn: key.arn }] });"#,
        ),
        (
            "regions.js",
            r#"exports.primary = "us-east-1"; module.exports.other = "x";"#,
        ),
        (
            "more.ts",
            r#"export { second as secondary } from "./second";"#,
        ),
        (
            "second.ts",
            r#"const value = "us-east-2"; export { value as second };"#,
        ),
        ("kms.ts", r#"export const key = new aws.kms.Key("k");"#),
        (
            "keys/index.ts",
            r#"export * from "./east"; export * as all from "./east";"#,
        ),
        ("keys/east.ts", r#"export function eastKey() { return 1; }"#),
        (
            "settings.js",
            r#"module.exports = { region: "eu-west-1" };"#,
        ),
        ("side.ts", "sideEffect();"),
    ]);
    assert_lines(
        &dump,
        &[
            "primary = module(./regions).primary",
            "more = module(./more.js)",
            "key = module(./kms).key",
            "keys = module(./keys)",
            "settings = module(./settings).default",
            r#"export 5.primary = "us-east-1""#,
            r#"export 5.other = "x""#,
            "export 6.secondary = module(./second).second",
            "export 1.key = key",
            "export 2.all = module(./east)",
            r#"export 3.default = {region: "eu-west-1"}"#,
            r#"export 3.region = "eu-west-1""#,
            "export 8.second = value",
            "export 7.eastKey = eastKey",
            "call global:sideEffect() [once]",
        ],
    );
    let (program, _) = load_with(
        "runtime: nodejs\n",
        &[
            (
                "index.ts",
                r#"export * from "./a"; import { b } from "./lib"; import { c } from "../outside"; import { d } from "@pulumi/aws";"#,
            ),
            ("a.ts", ""),
            ("lib/index.ts", r#"export { b } from "../b.js";"#),
            ("b.ts", "export const b = 1;"),
        ],
    );
    let program = program.expect("a program");
    let targets: Vec<(String, Option<u32>)> = program
        .imports
        .iter()
        .map(|import| (import.specifier.clone(), import.target.map(|t| t.0)))
        .collect();
    assert_eq!(
        targets,
        [
            // Imports first: they are hoisted.
            ("./lib".to_owned(), Some(1)),
            ("../outside".to_owned(), None),
            ("./a".to_owned(), Some(2)),
            ("../b.js".to_owned(), Some(3)),
        ]
    );
    assert_eq!(program.modules[0].reexports.len(), 1);
    assert!(program.modules[0].entry && !program.modules[1].entry);
}

#[test]
fn type_only_imports_and_exports_load_nothing() {
    let (program, errors) = load_with(
        "runtime: nodejs\n",
        &[
            (
                "index.ts",
                "import type { T } from \"./types\";\nexport type * from \"./types\";\nexport type * as all from \"./types\";\nexport type { U } from \"./types\";\ninterface I { x: T }\ntype A = I;\ndeclare const declared: string;\n",
            ),
            ("types.ts", "export type T = string;"),
        ],
    );
    assert!(errors.is_empty(), "{errors:?}");
    let program = program.expect("a program");
    assert!(program.imports.is_empty(), "{:?}", program.imports);
    assert_lines(&dump(&program), &["declared = ?(declared without a value)"]);
}

#[test]
fn syntax_newer_than_the_grammar_is_tolerated_and_only_it() {
    let (program, errors) = load_with(
        "runtime: nodejs\n",
        &[
            (
                "index.ts",
                "export type * from \"./other\";\nexport type * as O from \"./other\";\nclass G<in out T> {}\nclass H<in T, out U> { x = 1 }\ninterface I<out T extends string = \"a\"> { x: T }\ntype F<in T> = (x: T) => void;\nconst after = f();\n",
            ),
            ("other.ts", "export type X = 1;"),
        ],
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_lines(&dump(&program.expect("a program")), &["after = global:f()"]);
    for invalid in [
        "function f<in T>() {}\n",
        "export typo * from \"./x\";\n",
        "class K<in out out T> {}\n",
    ] {
        let (_, errors) = load_with("runtime: nodejs\n", &[("index.ts", invalid)]);
        assert_eq!(errors.len(), 1, "{invalid}: {errors:?}");
        assert!(
            errors[0].message.starts_with("invalid TypeScript"),
            "{errors:?}"
        );
    }
}

#[test]
fn a_syntax_error_is_reported_and_the_rest_still_lowered() {
    let source = "const x = ;\nconst y = make();\nnew Thing(y);\n";
    let (program, errors) = load_with("runtime: nodejs\n", &[("index.js", source)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.starts_with("invalid JavaScript"),
        "{errors:?}"
    );
    assert_lines(
        &dump(&program.expect("a program")),
        &[
            "y = global:make()",
            "call global:make() [once]",
            "call new global:Thing(y) [once]",
        ],
    );
    // tree-sitter supposes an identifier here, of no text.
    let source = "const tags = { owner: , team: \"ops\" };";
    let (program, errors) = load_with("runtime: nodejs\n", &[("index.ts", source)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_lines(
        &dump(&program.expect("a program")),
        &[r#"tags = {owner: ?(code that does not parse), team: "ops"}"#],
    );
}

#[test]
fn the_entry_module() {
    let entry = |project_file: &str, files: &[(&str, &str)]| {
        let (program, errors) = load_with(project_file, files);
        let program = program.map(|program| {
            let file = program.modules[0].files[0];
            files.iter().position(|_| true).map(|_| file.0)
        });
        (
            program.flatten(),
            errors.into_iter().map(|e| e.message).collect::<Vec<_>>(),
        )
    };
    // File ids: 0 is `Pulumi.yaml`, then the files in order.
    assert_eq!(
        entry("runtime: nodejs\nmain: src/\n", &[("src/index.ts", "")]),
        (Some(1), vec![])
    );
    assert_eq!(
        entry(
            "runtime: nodejs\nmain: app.ts\n",
            &[("index.ts", ""), ("app.ts", "")]
        ),
        (Some(2), vec![])
    );
    assert_eq!(
        entry("runtime: nodejs\n", &[("index.js", "")]),
        (Some(1), vec![])
    );
    assert_eq!(
        entry(
            "runtime: nodejs\n",
            &[
                ("package.json", r#"{"main": "bin/app.js"}"#),
                ("bin/app.ts", "")
            ]
        ),
        (Some(2), vec![])
    );
    let (none, errors) = entry("runtime: nodejs\n", &[("src/app.ts", "")]);
    assert_eq!(none, None);
    assert_eq!(
        errors,
        ["the program's entry module is not in the project: expected `index.ts` or `index.js`"]
    );
    let (none, errors) = entry("runtime: nodejs\nmain: lib\n", &[("index.ts", "")]);
    assert_eq!(none, None);
    assert_eq!(
        errors,
        [
            "the program's entry module is not in the project: expected `lib`, `lib/index.ts` or `lib/index.js`"
        ]
    );
    let (_, errors) = entry(
        "runtime: nodejs\n",
        &[("package.json", r#"{"main": "gone.js"}"#)],
    );
    assert!(
        errors[0].contains("`gone.js` (`main` in `package.json`)"),
        "{errors:?}"
    );
}

#[test]
fn the_registry_guide_programs() {
    let Some(examples) = crate::shared::path("corpus/pulumi/official-examples/ts") else {
        return;
    };
    let read = |example: &str| {
        std::fs::read_to_string(examples.join(example).join("index.ts")).expect("the example")
    };
    let set = |regions: &str, tags: &str| {
        format!(
            "call new aws.ssmincidents.ReplicationSet(\"replicationSetName\", {{regions: [{regions}]{tags}}}) [once]"
        )
    };
    let tags = ", tags: {exampleTag: \"exampleValue\"}";
    assert_lines(
        &index(&read("basic")),
        &[
            "aws = global:@pulumi.aws",
            &set("{name: \"us-west-2\"}", tags),
        ],
    );
    assert_lines(
        &index(&read("cmk")),
        &[
            "call new aws.kms.Key(\"example_key\", {}) [once]",
            &set("{name: \"us-west-2\", kmsKeyArn: exampleKey.arn}", tags),
        ],
    );
    assert_lines(
        &index(&read("add-region")),
        &[&set(
            "{name: \"us-west-2\"}, {name: \"ap-southeast-2\"}",
            "",
        )],
    );
}

#[test]
fn a_large_file_lowers_quickly() {
    // About 2 MiB: constants each built from the one before, calls, and names used before
    // their declaration.
    let mut text = String::from("const c0 = \"x\";\n");
    for i in 1..40_000 {
        text.push_str(&format!(
            "const c{i} = c{} + \"-\" + f({{ a: [c{i}0] }});\n",
            i - 1
        ));
    }
    assert!(text.len() > 1 << 20);
    let file = crate::source::SourceFile::new(std::path::PathBuf::from("index.ts"), text);
    let unit = crate::frontend::UnitFile {
        id: crate::source::FileId(0),
        source: &file,
    };
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&TypeScript.grammar(&file.path))
        .expect("the grammar");
    let tree = parser.parse(&file.text, None).expect("a tree");
    let mut program = Program::default();
    program
        .modules
        .push(crate::frontend::program::SourceModule::default());
    let start = std::time::Instant::now();
    let sources = [Source { file: unit, tree }];
    TypeScript.lower(
        &sources,
        &mut Lowerer::new(&mut program, ModuleId(0), &|_| false),
    );
    let elapsed = start.elapsed();
    assert_eq!(program.calls().count(), 39_999);
    // About 0.1 s of processor time; the bound leaves room for a busy machine, and catches
    // work that grows with the square of the file.
    assert!(elapsed.as_secs() < 30, "{elapsed:?}");
}

#[test]
fn import_cycles_load_each_module_once() {
    let (program, errors) = load_with(
        "runtime: nodejs\n",
        &[
            (
                "index.ts",
                "import { a } from \"./a\";\nexport * from \"./a\";\nexport const b = a;",
            ),
            (
                "a.ts",
                "export * from \"./index\";\nexport { b as a } from \"./index.ts\";",
            ),
        ],
    );
    assert!(errors.is_empty(), "{errors:?}");
    let program = program.expect("a program");
    assert_eq!(program.modules.len(), 2);
    let targets: Vec<Option<u32>> = program
        .imports
        .iter()
        .map(|i| i.target.map(|t| t.0))
        .collect();
    assert_eq!(targets, [Some(1), Some(1), Some(0), Some(0)]);
}

#[test]
fn code_nested_as_deep_as_the_loader_allows_lowers() {
    // The loader rejects trees deeper than 256; each of these nests about 250 deep.
    let depth = 240;
    let programs = [
        format!("const f = {}x{};", "() => ".repeat(depth), ""),
        format!(
            "const o = {}1{};",
            "{ a: ".repeat(depth / 2),
            " }".repeat(depth / 2)
        ),
        format!("f({}1{});", "g(".repeat(depth / 2), ")".repeat(depth / 2)),
        format!(
            "{}call();{}",
            "if (c) { ".repeat(depth / 2),
            " }".repeat(depth / 2)
        ),
        format!(
            "const s = {}\"x\"{};",
            "`${".repeat(depth / 3),
            "}`".repeat(depth / 3)
        ),
    ];
    for text in programs {
        let (program, errors) = load_with("runtime: nodejs\n", &[("index.ts", &text)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(program.is_some());
    }
}

#[test]
fn a_member_of_a_new_project_object_is_what_its_class_declares() {
    let text = r#"class Settings {
    region = "eu-west-9";
    static home = "us-east-1";
    get primary() { return "eu-central-1"; }
    label() { return "l"; }
}
class Assigned {
    standby: string;
    twice = "a";
    maybe: string;
    later: string;
    constructor(readonly given: string, flag: boolean) {
        this.standby = "us-west-2";
        this.twice = "b";
        if (flag) { this.maybe = "c"; }
    }
    set() { this.later = "d"; }
}
class Derived extends Settings {}
const s = new Settings();
use(new Settings().region, Settings.home, new Settings().primary, s.region,
    new Settings().label(), new Assigned("x", true).standby, new Assigned("x", true).twice,
    new Assigned("x", true).maybe, new Assigned("x", true).later, new Assigned("x", true).given,
    new Derived().region, Settings.region, new Settings().home);"#;
    let (sources, program) = index_program(text);
    assert_eq!(
        argument_texts(&sources, &program, "global:use("),
        [
            "eu-west-9",
            "us-east-1",
            "eu-central-1",
            "eu-west-9",
            "l",
            "us-west-2",
            "?(`twice` is assigned more than once)",
            "?(`maybe` is assigned inside an `if`, which may not run)",
            "?(`later` is assigned inside a function, which may run any number of times)",
            "?(`given` is a parameter of the constructor)",
            "?(a member the base may declare)",
            "?(`region` is not set)",
            "?(`home` is not set)",
        ]
    );
}

#[test]
fn this_is_the_object_a_class_makes_in_its_constructor_methods_and_arrow_functions() {
    let text = r#"import * as cdk from "aws-cdk-lib";
class Incidents extends cdk.Stack {
    home: string;
    constructor(scope: cdk.App, id: string) {
        super(scope, id);
        this.home = "us-east-1";
        const arrow = () => this.home;
        const own = function () { return this.home; };
        use(this.home, this.region, arrow(), own(), Stack.of(this).account);
    }
}
class Plain {
    constructor() { use2(this.region); }
}
use3(this);"#;
    let (sources, program) = index_program(text);
    assert_eq!(
        argument_texts(&sources, &program, "global:use("),
        [
            "us-east-1",
            // A member the class does not set is its global base's.
            "?(`aws-cdk-lib.Stack.region`)",
            "us-east-1",
            "?(`this` of a function)",
            "?(`Stack.of(this).account`)",
        ]
    );
    assert_eq!(
        argument_texts(&sources, &program, "global:use2("),
        ["?(`region` is not set)"]
    );
    assert_eq!(
        argument_texts(&sources, &program, "global:use3("),
        ["?(`this`)"]
    );
}
