use crate::frontend::program::dump::dump;
use crate::frontend::program::{BindingValue, Expr, ExprId, Program, load_for_test};

use super::CSharp;

const PROJECT: (&str, &str) = ("p/Pulumi.yaml", "name: p\nruntime: dotnet\n");

fn load(files: &[(&str, &str)]) -> Program {
    let mut all = vec![PROJECT];
    all.extend_from_slice(files);
    let (_, program, errors) = load_for_test(&CSharp, &all);
    assert!(errors.is_empty(), "{errors:?}");
    program.expect("a program")
}

fn lowered(text: &str) -> String {
    dump(&load(&[("p/Program.cs", text)]))
}

fn assert_lines(dumped: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            dumped.lines().any(|l| l == *line),
            "no line `{line}` in:\n{dumped}"
        );
    }
}

#[test]
fn literals_and_templates() {
    let dumped = lowered(
        r#"
var a = "a\tb\u0041";
var b = @"c:\x""y""";
var c = """
    raw "x"
      indented
    """;
var d = $"{a}-{b:N}-{{x}}";
var e = "k-" + a + 1;
var f = string.Format("{0}/{1}", a, b);
var g = 1.5;
var h = true;
string i = null;
var j = -3;
var k = 'z';
var l = $@"\{a}";
var m = $"""
    <{a}>
    """;
"#,
    );
    assert_lines(
        &dumped,
        &[
            r#"a = "a\tbA""#,
            r#"b = "c:\\x\"y\"""#,
            r#"c = "raw \"x\"\n  indented""#,
            "d = `${a}-${?(a formatted value)}-{x}`",
            "e = `k-${a}${1}`",
            "f = `${a}/${b}`",
            "g = 1.5",
            "h = true",
            "i = null",
            "j = -3",
            r#"k = "z""#,
            r#"l = `\${a}`"#,
            "m = `<${a}>`",
        ],
    );
}

#[test]
fn lists_and_objects() {
    let dumped = lowered(
        r#"
using Pulumi;
var a = new[] { "x", "y" };
var b = new string[] { "x" };
var c = new List<string> { "x" };
int[] d = { 1, 2 };
var e = [1, ..d];
var f = new Dictionary<string, string> { { "k", "v" }, ["l"] = "w", [a] = "z" };
var g = new Args { Name = "n", Tags = { { "t", "u" } }, Items = { "i" } };
Args h = new() { Name = "m" };
var i = new { Name = "o", a };
var j = new Args();
var k = g with { Name = "p" };
"#,
    );
    assert_lines(
        &dumped,
        &[
            r#"a = ["x", "y"]"#,
            r#"b = ["x"]"#,
            r#"c = ["x"]"#,
            "d = [1, 2]",
            "e = [1, ...d]",
            r#"f = {k: "v", l: "w", [a]: "z"}"#,
            r#"g = global:Pulumi.Args|Args{Name: "n", Tags: {t: "u"}, Items: ["i"]}"#,
            r#"h = {Name: "m"}"#,
            r#"i = {Name: "o", a: a}"#,
            "j = new global:Pulumi.Args|Args()",
            "k = ?(a `with` expression)",
        ],
    );
}

#[test]
fn calls_with_named_and_positional_arguments() {
    let dumped = lowered(
        r#"
using Pulumi;
using Aws = Pulumi.Aws;
var key = new Aws.Kms.Key("key", new() { Description = "d" }, new CustomResourceOptions { Protect = true });
var other = new Aws.Kms.Key("other", args: null) { Description = "e" };
Log(message: key.Arn, 3);
var json = System.Text.Json.JsonSerializer.Serialize(new { A = 1 });
var json2 = JsonConvert.SerializeObject(key);
"#,
    );
    assert_lines(
        &dumped,
        &[
            r#"call new global:Pulumi.Aws.Kms.Key("key", {Description: "d"}, global:Pulumi.CustomResourceOptions|CustomResourceOptions{Protect: true}) [once]"#,
            r#"call new global:Pulumi.Aws.Kms.Key("other", args=null, Description="e") [once]"#,
            "call global:Pulumi.Log|Log(message=key.Arn, 3) [once]",
            "json = json({A: 1})",
            "json2 = json(key)",
        ],
    );
}

#[test]
fn names_resolve_by_scope_and_using() {
    let dumped = dump(&load(&[
        (
            "p/Program.cs",
            r#"
using System.Linq;
using Pulumi.Aws.Kms;
using Stacks = App.Stacks;
namespace App;
var x = Helper();
{
    var x2 = x;
    var y = "inner";
}
var y = "outer";
var z = y;
var k = new Key("k");
var s = new Stacks.Config();
var t = global::System.String.Empty;
var u = App.Stacks.Config.Region;
string Helper() => "h";
"#,
        ),
        (
            "p/Stacks/Config.cs",
            r#"
namespace App.Stacks
{
    public static class Config
    {
        public const string Region = "us-east-1";
        public static string Other => Region;
        public static string Copy = Region;
    }
}
"#,
        ),
    ]));
    assert_lines(
        &dumped,
        &[
            "x = Helper()",
            "x2 = x",
            r#"y = "inner""#,
            r#"y = "outer""#,
            "z = y",
            "k = new global:System.Linq.Key|Pulumi.Aws.Kms.Key|App.Key|Key(\"k\")",
            "s = new Config()",
            "t = global:System.String.Empty",
            "u = Config.Region",
            "Helper = fn Helper() => \"h\"",
            r#"Region = "us-east-1""#,
            "Copy = Region",
            "Other = Region",
            "Config = {Region: Region, Other: Other, Copy: Copy}",
            "export 0.App.Stacks.Config = Config",
        ],
    );
}

#[test]
fn reassignment_makes_a_name_unknown() {
    let dumped = lowered(
        r#"
var a = "x";
a = "y";
string b;
b = "z";
var c = 0;
c += 1;
var d = 0;
while (true) { d = 1; }
var e = 0;
e++;
var list = new List<string> { "a" };
list.Add("b");
var gone = new List<string> { "a" };
gone.Remove("a");
var maybe = new List<string>();
if (c) { maybe.Add("b"); }
var args = new Args { Name = "n" };
args.Name = "m";
"#,
    );
    assert_lines(
        &dumped,
        &[
            "a = ?(`a` is assigned more than once)",
            r#"b = "z""#,
            "c = ?(changed by `+=`)",
            "d = ?(assigned in a loop)",
            "e = ?(changed by `++`)",
            r#"list = [...["a"], "b"]"#,
            "gone = ?(changed by `.Remove(…)`)",
            "maybe = ?(changed by `.Add(…)`)",
            "args = ?(changed after it is given its value (`args.Name = …`))",
        ],
    );
}

#[test]
fn runs() {
    let dumped = lowered(
        r#"
A();
if (c) { B(); } else C();
foreach (var x in xs) { D(x); }
for (var i = 0; i < 3; i++) E();
Run(() => { F(); if (c) G(); });
var v = c ? H() : null;
var w = c && I();
x?.J();
try { K(); } catch (Exception e) { L(e); } finally { M(); }
switch (c) { case 1: N(); break; }
void Local() { O(); }
"#,
    );
    assert_lines(
        &dumped,
        &[
            "call global:A() [once]",
            "call global:B() [maybe: inside an `if`, which may not run]",
            "call global:C() [maybe: inside an `if`, which may not run]",
            "call global:D(x) [maybe: inside a loop, which may run any number of times]",
            "call global:E() [maybe: inside a loop, which may run any number of times]",
            "call global:Run(fn () => …) [once]",
            "call global:F() [in a lambda]",
            "call global:G() [maybe: inside an `if`, which may not run]",
            "call global:H() [maybe: inside a conditional expression, which may not run]",
            "call global:I() [maybe: on the right of `&&`, which may not run]",
            "call global:x.J() [maybe: after `?.`, which may not run]",
            "call global:K() [once]",
            "call global:L(e) [maybe: inside a `catch`, which may not run]",
            "call global:M() [once]",
            "call global:N() [maybe: inside a `switch` case, which may not run]",
            "call global:O() [in Local]",
        ],
    );
}

#[test]
fn functions_and_results() {
    let dumped = lowered(
        r#"
var a = Twice("x");
static string Twice(string s) { return s + s; }
var f = (string s) => s + "!";
var g = x => { if (x) { return 1; } return 2; };
"#,
    );
    assert_lines(
        &dumped,
        &[
            "a = Twice(\"x\")",
            "Twice = fn Twice(s) => `${s}${s}`",
            "s = parameter of Twice",
            "f = fn (s) => `${s}!`",
            "g = fn (x) => …",
        ],
    );
}

#[test]
fn a_stack_class_runs_in_its_constructor() {
    let program = load(&[(
        "p/MyStack.cs",
        r#"
using Pulumi;
using Pulumi.Aws.Kms;

class MyStack : Stack
{
    private static readonly string Prefix = "app";
    private readonly Key other = new Key("other");

    public MyStack()
    {
        var key = new Key($"{Prefix}-key");
        this.Arn = key.Arn;
        Name = "n";
    }

    [Output] public Output<string> Arn { get; set; }
    public string Name { get; set; }
}

class Program
{
    static Task<int> Main() => Deployment.RunAsync<MyStack>();
}
"#,
    )]);
    let dumped = dump(&program);
    assert_lines(
        &dumped,
        &[
            "call new global:Pulumi.Key|Pulumi.Aws.Kms.Key|Key(\"other\") [in MyStack]",
            "call new global:Pulumi.Key|Pulumi.Aws.Kms.Key|Key(`${Prefix}-key`) [in MyStack]",
            "Arn = key.Arn",
            r#"Name = "n""#,
            r#"Prefix = "app""#,
            "call global:Pulumi.Deployment|Pulumi.Aws.Kms.Deployment|Deployment.RunAsync() [in Main]",
            "MyStack = {Prefix: Prefix, other: other, Arn: Arn, Name: Name}",
        ],
    );
    let constructor = program
        .functions
        .iter()
        .find(|f| f.name.as_deref() == Some("MyStack") && !f.bases.is_empty())
        .expect("the constructor");
    let base = crate::frontend::program::dump::render(&program, constructor.bases[0], 0);
    assert_eq!(base, "global:Pulumi.Stack|Pulumi.Aws.Kms.Stack|Stack");
}

#[test]
fn syntax_errors_lower_the_rest() {
    let files = [
        PROJECT,
        (
            "p/Program.cs",
            "var a = new Key(\"a\");\nvar b = ) ;\nvar c = new Key(\"c\");\n",
        ),
    ];
    let (_, program, errors) = load_for_test(&CSharp, &files);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let dumped = dump(&program.expect("a program"));
    assert_lines(
        &dumped,
        &[
            "call new global:Key(\"a\") [once]",
            "call new global:Key(\"c\") [once]",
        ],
    );
}

#[test]
fn build_output_is_not_read() {
    let dumped = dump(&load(&[
        ("p/Program.cs", "var a = 1;"),
        ("p/obj/Generated.cs", "var generated = 2;"),
        ("p/bin/Debug/Other.cs", "var built = 3;"),
    ]));
    assert_eq!(dumped, "a = 1\n");
}

/// The Registry guide's program `example`, lowered; `None` where `../shared` is absent.
fn registry(example: &str) -> Option<String> {
    let path = crate::shared::path(&format!(
        "corpus/pulumi/official-examples/csharp/{example}/Program.cs"
    ))?;
    let text = std::fs::read_to_string(path).expect("the Registry example");
    Some(lowered(&text))
}

#[test]
fn registry_basic() {
    let Some(dumped) = registry("basic") else {
        return;
    };
    let set = "new global:System.Collections.Generic.Aws|System.Linq.Aws|Pulumi.Aws|Aws";
    let _ = set;
    assert_lines(
        &dumped,
        &[
            r#"replicationSetName = new global:Pulumi.Aws.SsmIncidents.ReplicationSet("replicationSetName", {Regions: [global:Pulumi.Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs{Name: "us-west-2"}], Tags: {exampleTag: "exampleValue"}})"#,
            "call global:System.Collections.Generic.Deployment|System.Linq.Deployment|Pulumi.Deployment|Deployment.RunAsync(fn () => …) [once]",
            r#"call new global:Pulumi.Aws.SsmIncidents.ReplicationSet("replicationSetName", {Regions: [global:Pulumi.Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs{Name: "us-west-2"}], Tags: {exampleTag: "exampleValue"}}) [in a lambda]"#,
        ],
    );
}

#[test]
fn registry_cmk() {
    let Some(dumped) = registry("cmk") else {
        return;
    };
    assert_lines(
        &dumped,
        &[
            r#"exampleKey = new global:Pulumi.Aws.Kms.Key("example_key")"#,
            r#"call new global:Pulumi.Aws.Kms.Key("example_key") [in a lambda]"#,
            r#"replicationSetName = new global:Pulumi.Aws.SsmIncidents.ReplicationSet("replicationSetName", {Regions: [global:Pulumi.Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs{Name: "us-west-2", KmsKeyArn: exampleKey.Arn}], Tags: {exampleTag: "exampleValue"}})"#,
        ],
    );
}

#[test]
fn registry_add_region() {
    let Some(dumped) = registry("add-region") else {
        return;
    };
    assert_lines(
        &dumped,
        &[
            r#"replicationSetName = new global:Pulumi.Aws.SsmIncidents.ReplicationSet("replicationSetName", {Regions: [global:Pulumi.Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs{Name: "us-west-2"}, global:Pulumi.Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs{Name: "ap-southeast-2"}]})"#,
        ],
    );
}

#[test]
fn spans_are_the_syntax() {
    let text = "using Aws = Pulumi.Aws;\nvar k = new Aws.Kms.Key(\"k\", new() { Name = \"n\" });\n";
    let files = [PROJECT, ("p/Program.cs", text)];
    let (sources, program, _) = load_for_test(&CSharp, &files);
    let program = program.expect("a program");
    let (id, call) = program.calls().next().expect("a call");
    let text_of = |id| crate::frontend::program::dump::text(&sources, &program, id);
    assert_eq!(
        text_of(id),
        "new Aws.Kms.Key(\"k\", new() { Name = \"n\" })"
    );
    assert_eq!(text_of(call.callee), "Aws.Kms.Key");
    let Expr::Member { object, .. } = program.expr(call.callee) else {
        panic!()
    };
    assert_eq!(text_of(*object), "Aws.Kms");
    assert_eq!(text_of(call.arguments[1].value), "new() { Name = \"n\" }");
}

/// Lowering alone (tree-sitter's C# parser takes seconds on such a file in a debug build).
#[test]
fn a_large_file_lowers_quickly() {
    let size: usize = std::env::var("CSHARP_LOWER_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2 << 20);
    use crate::frontend::program::lower::{Language, Source};
    use crate::frontend::program::{Lowerer, ModuleId, SourceModule};
    let mut text = String::from("using A;\nusing B;\nusing C;\n");
    while text.len() < size {
        text.push_str(
            "var x = new Key(\"k\", new() { Name = $\"a{y}\", Tags = { { \"a\", x } } });\n",
        );
    }
    let file = crate::source::SourceFile::new("p/Program.cs".into(), text);
    let unit = crate::frontend::UnitFile {
        id: crate::source::FileId(0),
        source: &file,
    };
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&CSharp.grammar(&file.path))
        .expect("the grammar");
    let tree = parser.parse(&file.text, None).expect("a tree");
    let sources = [Source { file: unit, tree }];
    let mut program = Program::default();
    program.modules.push(SourceModule::default());
    let started = std::time::Instant::now();
    CSharp.lower(
        &sources,
        &mut Lowerer::new(&mut program, ModuleId(0), &|_| false),
    );
    let elapsed = started.elapsed();
    eprintln!("lowered {size} bytes in {elapsed:?}");
    assert!(program.calls().count() > size / 100);
    assert!(elapsed.as_secs() < 30, "{elapsed:?}");
}

#[test]
fn namespaces_nested_classes_and_members() {
    let program = load(&[
        (
            "p/Program.cs",
            r#"
global using Pulumi;
namespace App.Infra
{
    using Kms = Pulumi.Aws.Kms;

    class Outer
    {
        public static string Name = Inner.Value;
        public string Label => this.Prefix + Name;
        string Prefix = "p-";

        class Inner
        {
            public const string Value = "v";
        }

        void Build(string Prefix)
        {
            var prefix = Prefix;
            var key = new Kms.Key(Name);
            var name = Name;
            {
                var Name = "shadow";
                var inner = Name;
            }
        }
    }
}
"#,
        ),
        (
            "p/Other.cs",
            "namespace App;\nclass Uses { string a = Infra.Outer.Name; string b = Missing; }\n",
        ),
    ]);
    let dumped = dump(&program);
    assert_lines(
        &dumped,
        &[
            "Name = Inner.Value",
            r#"Value = "v""#,
            "Outer = {Name: Name, Label: Label, Prefix: Prefix, Inner: Inner, Build: Build}",
            "Label = `${Prefix}${Name}`",
            "key = new global:Pulumi.Aws.Kms.Key(Name)",
            "prefix = Prefix",
            "Prefix = parameter of Build",
            "name = Name",
            "inner = Name",
            r#"Name = "shadow""#,
            "a = Outer.Name",
            "b = global:Pulumi.Missing|App.Missing|Missing",
            "export 0.App.Infra.Outer.Inner = Inner",
        ],
    );
    // `inner` reads the block's `Name`, which shadows the class's.
    let value = |name: &str| {
        let binding = program
            .bindings
            .iter()
            .find(|b| b.name == name)
            .expect(name);
        match binding.value {
            BindingValue::Value(value) => program.expr(value).clone(),
            _ => panic!("{name} has no value"),
        }
    };
    let Expr::Name(shadow) = value("inner") else {
        panic!()
    };
    let shadow = &program.binding(shadow).value;
    let shadowing = |v: &ExprId| matches!(program.expr(*v), Expr::Str(s) if s == "shadow");
    assert!(matches!(shadow, BindingValue::Value(v) if shadowing(v)));
    // `prefix` reads the parameter, not the field; a parameter is not a member.
    let Expr::Name(parameter) = value("prefix") else {
        panic!()
    };
    let parameter = &program.binding(parameter).value;
    assert!(matches!(parameter, BindingValue::Parameter { .. }));
    assert_eq!(
        program
            .bindings
            .iter()
            .filter(|b| b.name == "Prefix")
            .count(),
        2
    );
}

/// Code nested as deep as the loader allows lowers without exhausting the stack.
#[test]
fn deep_nesting() {
    let nest = |open: &str, inner: &str, close: &str, times: usize| {
        format!("{}{inner}{}", open.repeat(times), close.repeat(times))
    };
    let programs = [
        format!("var a = {};", nest("(", "F()", ")", 240)),
        nest("{ ", "F();", " }", 240),
        nest("if (c) { ", "F();", " }", 120),
        format!("{};", nest("F(() => ", "F()", ")", 60)),
        format!("var b = {};", nest("new A { B = ", "F()", " }", 80)),
        nest("class C { ", "void M() { F(); }", " }", 120),
        format!("var d = {};", nest("x + (", "F()", ")", 120)),
    ];
    for program in programs {
        let dumped = lowered(&program);
        assert!(dumped.contains("call global:F()"), "{dumped}");
    }
}

#[test]
fn code_that_does_not_parse_is_opaque() {
    let text = "var a = F(;\nvar b = G(\"x\" +);\nclass C { void M() { H( ; K(); } }\n";
    let (_, program, errors) = load_for_test(&CSharp, &[PROJECT, ("p/Program.cs", text)]);
    assert!(!errors.is_empty());
    let program = program.expect("a program");
    assert_lines(
        &dump(&program),
        &["b = global:G(\"x\")", "call global:K() [in M]"],
    );
    let opaque = |e: &crate::frontend::program::Expression| matches!(&e.expr, Expr::Opaque(reason) if reason == "code that does not parse");
    assert!(program.expressions.iter().any(opaque));
}

#[test]
fn unwrapped_indexed_and_declared_in_expressions() {
    let dumped = lowered(
        r#"
var tags = new Dictionary<string, string> { ["a"] = "b" };
var a = tags["a"];
var b = (string)(await GetAsync())!;
var c = d.TryGetValue("k", out var found) ? found : null;
var e = o is Key { Arn: var arn } k ? k.Arn : arn;
var f = s switch { "x" => One(), _ => Two() };
var g = x?.Y.Z();
var h = (1, "two");
var i = x ?? Fallback();
var j = nameof(tags);
"#,
    );
    assert_lines(
        &dumped,
        &[
            r#"a = tags["a"]"#,
            "b = global:GetAsync()",
            "found = ?(an `out` variable)",
            "c = ?(a conditional expression)",
            "arn = ?(a pattern variable)",
            "k = ?(a pattern variable)",
            "f = ?(a `switch` expression)",
            "call global:One() [maybe: inside a `switch` case, which may not run]",
            "call global:x.Y.Z() [maybe: after `?.`, which may not run]",
            r#"h = [1, "two"]"#,
            "i = ?(a `??` expression)",
            r#"call global:d.TryGetValue("k", found) [once]"#,
            "call global:Fallback() [maybe: on the right of `??`, which may not run]",
        ],
    );
}

#[test]
fn a_member_of_a_new_project_object_is_what_its_class_declares() {
    let dumped = lowered(
        r#"
var a = new Settings().Region;
var b = new Settings().Standby;
var c = new Settings("x").Home;
var d = new Settings().Computed;
var e = new Settings { Region = "x" }.Region;
var f = new Settings().Label;
var g = new Settings().Build();
class Settings
{
    public Settings() { }
    public Settings(string home) { }
    public string Region => "us-west-2";
    public string Standby { get; } = "eu-west-1";
    public readonly string Home = "eu-central-1";
    public string Label { get => Region + "-label"; set { } }
    public string Computed { get { if (Flag) { return "a"; } return "b"; } }
    string Build() => Home;
}
"#,
    );
    assert_lines(
        &dumped,
        &[
            "a = Region",
            r#"Region = "us-west-2""#,
            "b = Standby",
            r#"Standby = "eu-west-1""#,
            "c = Home",
            r#"Home = "eu-central-1""#,
            "d = Computed",
            "Computed = ?(a property computed each time it is read)",
            r#"e = Settings{Region: "x"}.Region"#,
            "f = Label",
            "Label = `${Region}-label`",
            "g = Build()",
            "Settings = {Region: Region, Standby: Standby, Home: Home, Label: Label, Computed: ?(a property computed each time it is read), Build: Build}",
        ],
    );
}
