use super::Java;
use crate::frontend::program::{dump, load_for_test};

const APP: &str = "p/src/main/java/generated_program/App.java";

/// The dump of a project of the given files (and a `Pulumi.yaml`), and its errors.
fn lowered_with_errors(files: &[(&str, &str)]) -> (String, Vec<String>) {
    let mut all = vec![("p/Pulumi.yaml", "name: p\nruntime: java\n")];
    all.extend_from_slice(files);
    let (_, program, errors) = load_for_test(&Java, &all);
    let errors = errors.into_iter().map(|error| error.message).collect();
    (
        program
            .map(|program| dump::dump(&program))
            .unwrap_or_default(),
        errors,
    )
}

fn lowered(files: &[(&str, &str)]) -> String {
    let (dump, errors) = lowered_with_errors(files);
    assert_eq!(errors, Vec::<String>::new(), "{dump}");
    dump
}

/// The dump of one file, `App.java`, in package `generated_program`.
fn app(text: &str) -> String {
    lowered(&[(APP, &format!("package generated_program;\n{text}"))])
}

fn has(dump: &str, lines: &[&str]) {
    for line in lines {
        assert!(
            dump.lines().any(|l| l == *line),
            "no line `{line}` in:\n{dump}"
        );
    }
}

/// The Registry guide's program `name`, lowered; `None` where `../shared` is absent.
fn example(name: &str) -> Option<String> {
    let path = crate::shared::path(&format!(
        "corpus/pulumi/official-examples/java/{name}/src/main/java/generated_program/App.java"
    ))?;
    let text = std::fs::read_to_string(path).expect("the example is in the corpus");
    Some(lowered(&[(APP, &text)]))
}

#[test]
fn the_basic_example_is_a_builder_of_regions_in_the_stack_method() {
    let Some(basic) = example("basic") else {
        return;
    };
    assert_eq!(
        basic,
        "App = {main: fn main(args) => …, stack: fn stack(ctx) => …}\n\
         main = fn main(args) => …\n\
         stack = fn stack(ctx) => …\n\
         args = parameter of main\n\
         ctx = parameter of stack\n\
         replicationSetName = new global:com.pulumi.aws.ssmincidents.ReplicationSet(\"replicationSetName\", global:com.pulumi.aws.ssmincidents.ReplicationSetArgs{regions: args(global:com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs{name: args(\"us-west-2\")}), tags: args({exampleTag: \"exampleValue\"})})\n\
         call global:com.pulumi.Pulumi.run(App.stack) [in main]\n\
         call new global:com.pulumi.aws.ssmincidents.ReplicationSet(\"replicationSetName\", global:com.pulumi.aws.ssmincidents.ReplicationSetArgs{regions: args(global:com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs{name: args(\"us-west-2\")}), tags: args({exampleTag: \"exampleValue\"})}) [in stack]\n"
    );
}

#[test]
fn the_cmk_example_reads_the_key_s_arn_as_a_call() {
    let Some(cmk) = example("cmk") else {
        return;
    };
    has(
        &cmk,
        &[
            "exampleKey = new global:com.pulumi.aws.kms.Key(\"exampleKey\")",
            "call new global:com.pulumi.aws.kms.Key(\"exampleKey\") [in stack]",
            "call exampleKey.arn() [in stack]",
            "call new global:com.pulumi.aws.ssmincidents.ReplicationSet(\"replicationSetName\", global:com.pulumi.aws.ssmincidents.ReplicationSetArgs{regions: args(global:com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs{name: args(\"us-west-2\"), kmsKeyArn: args(exampleKey.arn())}), tags: args({exampleTag: \"exampleValue\"})}) [in stack]",
        ],
    );
}

#[test]
fn the_add_region_example_gives_two_regions_to_one_setter() {
    let Some(add_region) = example("add-region") else {
        return;
    };
    has(
        &add_region,
        &[
            "call new global:com.pulumi.aws.ssmincidents.ReplicationSet(\"replicationSetName\", global:com.pulumi.aws.ssmincidents.ReplicationSetArgs{regions: args(global:com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs{name: args(\"us-west-2\")}, global:com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs{name: args(\"ap-southeast-2\")})}) [in stack]",
        ],
    );
}

#[test]
fn literals_are_decoded() {
    let dump = app(r#"class App {
        static final String A = "a\tb\"c\\d\u0041\101";
        static final String B = """
            first
              second \
            joined\s
            """;
        static final char C = '\n';
        static final int N = -42;
        static final double D = 1.5e3;
        static final boolean T = true, F = false;
        static final Object Z = null;
    }"#);
    has(
        &dump,
        &[
            r#"A = "a\tb\"c\\dAA""#,
            r#"B = "first\n  second joined \n""#,
            r#"C = "\n""#,
            "N = -42",
            "D = 1.5e3",
            "T = true",
            "F = false",
            "Z = null",
        ],
    );
}

#[test]
fn strings_built_are_templates() {
    let dump = app(r#"import java.util.*;
    class App {
        static void stack(String name, int n) {
            var a = "key-" + name + "-" + n;
            var b = String.format("%s-%d%%", name, n);
            var c = java.lang.String.format("%x", n);
            var d = String.format(name, n);
            var e = "a" + "b";
        }
    }"#);
    has(
        &dump,
        &[
            "a = `key-${name}-${n}`",
            "b = `${name}-${n}%`",
            "c = ?(a `String.format` verb other than %s, %d, %n and %%)",
            "d = ?(a format that is not a string literal)",
            "e = \"ab\"",
        ],
    );
}

#[test]
fn lists_and_maps_of_the_standard_library_are_values() {
    let dump = app(r#"import java.util.List;
    import java.util.Map;
    import java.util.Arrays;
    class App {
        static void stack(String k) {
            var a = List.of("a", "b");
            var b = Arrays.asList("c");
            var c = java.util.Set.of();
            var d = new String[]{"x", "y"};
            String[] e = {"z"};
            var f = Map.of("a", 1, k, 2);
            var g = Map.ofEntries(Map.entry("x", "y"), other());
            var h = Map.of("odd");
            var i = Other.of("a");
        }
    }"#);
    has(
        &dump,
        &[
            r#"a = ["a", "b"]"#,
            r#"b = ["c"]"#,
            "c = []",
            r#"d = ["x", "y"]"#,
            r#"e = ["z"]"#,
            "f = {a: 1, [k]: 2}",
            r#"g = {...{x: "y"}, ...global:other()}"#,
            "h = ?(a map of an odd number of keys and values)",
            r#"i = global:java.lang.Other|Other.of("a")"#,
            "call global:other() [in stack]",
        ],
    );
}

#[test]
fn get_on_a_list_or_a_map_of_the_standard_library_is_an_index() {
    let dump = app(r#"import java.util.*;
    import static java.util.Map.entry;
    class App {
        static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
        static void stack(Config config, List<String> given) {
            var first = REGIONS.get(0);
            var second = Arrays.asList("a", "b").get(1);
            var tags = Map.of("team", "ops");
            var team = tags.get("team");
            var later = Later.KEYS.get("k");
            var read = config.get("region");
            var unknown = given.get(0);
            var entries = Map.ofEntries(entry("a", "b"));
        }
    }
    class Later { static final Map<String, String> KEYS = Map.of("k", "v"); }"#);
    has(
        &dump,
        &[
            "first = REGIONS[0]",
            r#"second = ["a", "b"][1]"#,
            r#"team = tags["team"]"#,
            r#"later = Later.KEYS["k"]"#,
            r#"read = config.get("region")"#,
            r#"call config.get("region") [in stack]"#,
            "unknown = given.get(0)",
            r#"entries = {...{a: "b"}}"#,
        ],
    );
    assert!(!dump.contains("call REGIONS.get"), "{dump}");
}

#[test]
fn pulumi_s_json_helpers_are_calls_the_sdk_reads() {
    let dump = app(
        r#"import static com.pulumi.codegen.internal.Serialization.*;
    class App {
        static void stack() {
            var policy = serializeJson(jsonObject(jsonProperty("Version", "2012-10-17")));
        }
    }"#,
    );
    has(
        &dump,
        &[
            r#"policy = global:com.pulumi.codegen.internal.Serialization.serializeJson|serializeJson(global:com.pulumi.codegen.internal.Serialization.jsonObject|jsonObject(global:com.pulumi.codegen.internal.Serialization.jsonProperty|jsonProperty("Version", "2012-10-17")))"#,
        ],
    );
}

#[test]
fn a_builder_is_an_object_of_its_class_and_a_partial_chain_is_calls() {
    let dump = app(r#"import com.pulumi.aws.kms.KeyArgs;
    class App {
        static void stack() {
            var args = KeyArgs.builder().description("d").regions("a", "b").build();
            var partial = KeyArgs.builder().description("d");
            var nested = KeyArgs.builder().policy(KeyArgs.builder().build()).build();
        }
    }"#);
    has(
        &dump,
        &[
            r#"args = global:com.pulumi.aws.kms.KeyArgs{description: args("d"), regions: args("a", "b")}"#,
            r#"partial = global:com.pulumi.aws.kms.KeyArgs.builder().description("d")"#,
            "nested = global:com.pulumi.aws.kms.KeyArgs{policy: args(global:com.pulumi.aws.kms.KeyArgs{})}",
            r#"call global:com.pulumi.aws.kms.KeyArgs.builder().description("d") [in stack]"#,
        ],
    );
}

#[test]
fn builder_fields_span_from_the_setter_to_its_closing_parenthesis() {
    let text = "package p;\nclass App { static Object o = X.builder().name(\"a\").build(); }";
    let mut all = vec![
        ("p/Pulumi.yaml", "name: p\nruntime: java\n"),
        ("p/App.java", text),
    ];
    all.truncate(2);
    let (sources, program, _) = load_for_test(&Java, &all);
    let program = program.expect("a program");
    let (object, built) = program
        .expressions
        .iter()
        .enumerate()
        .find_map(|(index, e)| match &e.expr {
            crate::frontend::program::Expr::Object(o) if o.class.is_some() => {
                Some((index, o.clone()))
            }
            _ => None,
        })
        .expect("an object");
    let id = crate::frontend::program::ExprId(object as u32);
    assert_eq!(
        dump::text(&sources, &program, id),
        "X.builder().name(\"a\").build()"
    );
    let crate::frontend::program::Member::Field {
        name_span,
        span,
        value,
        ..
    } = &built.members[0]
    else {
        panic!("a field");
    };
    let text =
        |span: crate::source::Span| sources.get(span.file).text[span.start..span.end].to_owned();
    assert_eq!(text(*name_span), "name");
    assert_eq!(text(*span), "name(\"a\")");
    assert_eq!(dump::text(&sources, &program, *value), "(\"a\")");
}

#[test]
fn names_resolve_by_java_scoping() {
    let dump = app(r#"import com.pulumi.aws.kms.Key;
    import com.pulumi.aws.kms.*;
    import static com.pulumi.Helpers.region;
    class App {
        static String early = later;
        static String later = "l";
        String shadowed = "field";
        void f(String shadowed) {
            var a = shadowed;
            var b = this.shadowed;
            { var inner = "1"; var c = inner; }
            { var inner = "2"; var d = inner; }
            var e = inner;
            var k = new Key("k");
            var g = new Grant("g");
            var s = new String("s");
            var r = region();
            var h = helper();
            var q = com.pulumi.aws.kms.Alias.get();
        }
        static String helper() { return "h"; }
    }"#);
    has(
        &dump,
        &[
            "early = later",
            "a = shadowed",
            "b = shadowed",
            r#"c = inner"#,
            r#"inner = "1""#,
            r#"inner = "2""#,
            "e = global:com.pulumi.aws.kms.inner|inner",
            r#"k = new global:com.pulumi.aws.kms.Key("k")"#,
            r#"g = new global:com.pulumi.aws.kms.Grant|java.lang.Grant|Grant("g")"#,
            r#"s = new global:com.pulumi.aws.kms.String|java.lang.String|String("s")"#,
            "r = global:com.pulumi.Helpers.region()",
            "h = helper()",
            "q = global:com.pulumi.aws.kms.Alias.get()",
        ],
    );
    // `a` is the parameter, `b` the field: two bindings of one name, told apart by the dump's
    // order.
    let shadowed: Vec<&str> = dump
        .lines()
        .filter(|l| l.starts_with("shadowed = "))
        .collect();
    assert_eq!(
        shadowed,
        ["shadowed = \"field\"", "shadowed = parameter of f"]
    );
}

#[test]
fn project_classes_are_found_by_simple_and_qualified_names() {
    let dump = lowered(&[
        (
            "p/src/main/java/app/App.java",
            r#"package app;
            import infra.keys.Keys;
            import infra.regions.*;
            import static infra.keys.Keys.ALIAS;
            class App {
                void stack() {
                    var a = Keys.KEY;
                    var b = infra.keys.Keys.KEY;
                    var c = Regions.PRIMARY;
                    var d = ALIAS;
                    var e = Local.NAME;
                    var f = infra.keys.Keys.Nested.DEEP;
                    var g = Keys.Nested.DEEP;
                    var h = new Keys.Nested();
                }
            }"#,
        ),
        (
            "p/src/main/java/app/Local.java",
            "package app;\nclass Local { static final String NAME = \"local\"; }",
        ),
        (
            "p/src/main/java/infra/keys/Keys.java",
            r#"package infra.keys;
            public class Keys {
                public static final String KEY = "key";
                public static final String ALIAS = "alias";
                public static class Nested { static final String DEEP = "deep"; }
            }"#,
        ),
        (
            "p/src/main/java/infra/regions/Regions.java",
            "package infra.regions;\npublic class Regions { public static final String PRIMARY = \"eu-west-1\"; }",
        ),
    ]);
    has(
        &dump,
        &[
            "a = Keys.KEY",
            "b = Keys.KEY",
            "c = Regions.PRIMARY",
            "d = Keys.ALIAS",
            "e = Local.NAME",
            "f = Nested.DEEP",
            "g = Keys.Nested.DEEP",
            "h = new Keys.Nested()",
            r#"Keys = {KEY: KEY, ALIAS: ALIAS, Nested: Nested}"#,
            r#"Nested = {DEEP: DEEP}"#,
            r#"Local = {NAME: NAME}"#,
        ],
    );
}

#[test]
fn only_the_program_s_sources_are_read() {
    let (dump, _) = lowered_with_errors(&[
        (
            "p/src/main/java/app/App.java",
            "package app;\nclass App { static Object a = new A(); }",
        ),
        (
            "p/src/test/java/app/AppTest.java",
            "package app;\nclass AppTest { static Object t = new T(); }",
        ),
        (
            "p/target/generated/Gen.java",
            "class Gen { static Object g = new G(); }",
        ),
        (
            "p/src/main/java/build/Tool.java",
            "package build;\nclass Tool { static Object b = new B(); }",
        ),
        ("p/README.md", "new X()"),
    ]);
    let calls: Vec<&str> = dump.lines().filter(|l| l.starts_with("call ")).collect();
    assert_eq!(
        calls,
        [
            "call new global:java.lang.A|A() [once]",
            "call new global:java.lang.B|B() [once]",
        ]
    );
    let (dump, errors) = lowered_with_errors(&[("p/README.md", "nothing")]);
    assert_eq!(dump, "");
    assert_eq!(
        errors,
        ["the project has no Java source file (`.java`) outside `src/test`, `target` and `build`"]
    );
}

#[test]
fn a_name_assigned_twice_or_in_a_loop_is_unknown() {
    let dump = app(r#"class App {
        static String field;
        static String once;
        App() { once = "set"; this.field = "a"; }
        void f(java.util.List<String> items) {
            var twice = "a";
            twice = "b";
            var looped = "a";
            for (var item : items) { looped = item; var fresh = item; }
            var counter = 0;
            counter++;
            var added = "a";
            added += "b";
            field = "b";
        }
    }"#);
    has(
        &dump,
        &[
            r#"once = "set""#,
            "field = ?(`field` is assigned more than once)",
            "twice = ?(`twice` is assigned more than once)",
            "looped = ?(assigned in a loop)",
            "item = ?(a loop variable)",
            "fresh = item",
            "counter = ?(`counter` is incremented or decremented)",
            "added = ?(`added` is changed with `+=`)",
        ],
    );
}

#[test]
fn calls_run_once_in_a_function_or_maybe() {
    let dump = app(r#"import java.util.function.Supplier;
    class App {
        static Object top = make("static");
        Object perObject = make("instance");
        static { make("static block"); }
        static void stack(boolean c, java.util.List<String> xs) {
            make("body");
            { try { make("try"); } catch (Exception e) { make("catch"); } finally { make("finally"); } }
            if (c) { make("if"); } else make("else");
            for (var x : xs) make("for each");
            for (int i = make("init"); i < 3; i++) make("for");
            while (c) make("while");
            switch (xs.size()) { case 1 -> make("case"); default -> { make("default"); } }
            var t = c ? make("then") : make("otherwise");
            var l = c && make("and");
            Supplier<Object> s = () -> make("lambda");
            Runnable r = () -> { make("lambda block"); };
            assert make("assert") != null;
        }
        static Object make(String what) { return what; }
    }"#);
    has(
        &dump,
        &[
            r#"call make("static") [once]"#,
            r#"call make("instance") [maybe: in an instance initialiser, which runs once for each object made]"#,
            r#"call make("static block") [once]"#,
            r#"call make("body") [in stack]"#,
            r#"call make("try") [in stack]"#,
            r#"call make("catch") [maybe: inside a `catch`, which runs only on an error]"#,
            r#"call make("finally") [in stack]"#,
            r#"call make("if") [maybe: inside an `if`, which may not run]"#,
            r#"call make("else") [maybe: inside an `if`, which may not run]"#,
            r#"call make("for each") [maybe: inside a loop, which may run any number of times]"#,
            r#"call make("init") [in stack]"#,
            r#"call make("for") [maybe: inside a loop, which may run any number of times]"#,
            r#"call make("while") [maybe: inside a loop, which may run any number of times]"#,
            "call xs.size() [in stack]",
            r#"call make("case") [maybe: inside a `switch` case, which may not run]"#,
            r#"call make("default") [maybe: inside a `switch` case, which may not run]"#,
            r#"call make("then") [maybe: inside a conditional expression, which may not run]"#,
            r#"call make("otherwise") [maybe: inside a conditional expression, which may not run]"#,
            r#"call make("and") [maybe: on the right of `&&` or `||`, which may not run]"#,
            r#"call make("lambda") [in a lambda]"#,
            r#"call make("lambda block") [in a lambda]"#,
            r#"call make("assert") [maybe: inside an `assert`, which runs only when assertions are enabled]"#,
            "t = ?(a conditional expression)",
            "l = ?(a `&&` expression)",
            r#"s = fn () => make("lambda")"#,
            "e = ?(a caught exception)",
            "make = fn make(what) => what",
        ],
    );
}

#[test]
fn functions_lambdas_and_method_references() {
    let dump = app(r#"import com.pulumi.Pulumi;
    class App {
        public static void main(String[] args) {
            Pulumi.run(App::stack);
            Pulumi.run(ctx -> { var k = new Key("k"); });
            Pulumi.run((var ctx, int n) -> ctx.export("n", n));
            Pulumi.run(this::stack);
        }
        static String stack(Object ctx) {
            if (ctx == null) { return "none"; }
            return "some";
        }
        String one() { return this.two(); }
        String two() { return one(); }
        int over(int a) { return a; }
        int over(String a) { return 0; }
    }"#);
    has(
        &dump,
        &[
            "App = {main: fn main(args) => …, stack: fn stack(ctx) => …, one: fn one() => two(), two: fn two() => one(), over: ?(`over` is an overloaded method)}",
            "over = ?(`over` is overloaded: which method runs depends on the arguments' types)",
            "call global:com.pulumi.Pulumi.run(App.stack) [in main]",
            "call global:com.pulumi.Pulumi.run(fn (ctx) => …) [in main]",
            r#"call new global:java.lang.Key|Key("k") [in a lambda]"#,
            r#"call global:com.pulumi.Pulumi.run(fn (ctx, n) => ctx.export("n", n)) [in main]"#,
            r#"call ctx.export("n", n) [in a lambda]"#,
            "call global:com.pulumi.Pulumi.run(App.stack) [in main]",
            "call two() [in one]",
            "ctx = parameter of a lambda",
            "n = parameter of a lambda",
        ],
    );
}

#[test]
fn nested_anonymous_and_local_classes_and_enums() {
    let dump = app(r#"class App {
        static Object make(String what) { return what; }
        enum Tier { GOLD("g"), SILVER("s") { void f() { make("in constant body"); } }; Tier(String s) {} }
        interface Named { String NAME = "named"; default String name() { return NAME; } }
        record Pair(String left, String right) {}
        void stack() {
            class Local { String value() { return "local"; } }
            var l = new Local();
            var a = new Runnable() { public void run() { make("anonymous"); } };
            var t = Tier.GOLD;
            var n = Named.NAME;
        }
    }"#);
    has(
        &dump,
        &[
            "Tier = {GOLD: ?(an enum constant), SILVER: ?(an enum constant)}",
            r#"Named = {NAME: NAME, name: fn name() => NAME}"#,
            "Pair = {}",
            "left = ?(a record's component)",
            "GOLD = ?(an enum constant)",
            r#"Local = {value: fn value() => "local"}"#,
            "l = new Local()",
            "t = Tier.GOLD",
            "n = Named.NAME",
            r#"call make("in constant body") [in f]"#,
            r#"call make("anonymous") [in run]"#,
            "call new global:java.lang.Runnable|Runnable() [in stack]",
        ],
    );
}

#[test]
fn a_syntax_error_leaves_the_rest_lowered() {
    let (dump, errors) = lowered_with_errors(&[(
        APP,
        "package generated_program;\nclass App {\n  void stack() {\n    var a = new Key(\"a\";\n    var b = ) + ;\n    var c = new Key(\"c\");\n  }\n}\n",
    )]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    has(
        &dump,
        &[
            r#"c = new global:java.lang.Key|Key("c")"#,
            r#"call new global:java.lang.Key|Key("c") [in stack]"#,
        ],
    );
    assert!(
        dump.contains(r#"call new global:java.lang.Key|Key("a") [in stack]"#),
        "{dump}"
    );
}

#[test]
fn a_large_file_lowers_quickly() {
    let mut text = String::from("package p;\nclass App {\n  void stack() {\n");
    let mut index = 0;
    while text.len() < 2 << 20 {
        text.push_str(&format!("    var k{index} = new Key(\"k\" + {index}, KeyArgs.builder().a(List.of(1, 2)).build());\n"));
        index += 1;
    }
    text.push_str("  }\n}\n");
    let start = std::time::Instant::now();
    let files = [
        ("p/Pulumi.yaml", "name: p\nruntime: java\n"),
        ("p/App.java", text.as_str()),
    ];
    let (_, program, errors) = load_for_test(&Java, &files);
    let elapsed = start.elapsed();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(elapsed < std::time::Duration::from_secs(30), "{elapsed:?}");
    let program = program.expect("a program");
    let news = program.calls().filter(|(_, call)| call.new).count();
    assert_eq!(news, index);
}

#[test]
fn deep_nesting_lowers_within_a_test_thread_s_stack() {
    let calls = format!("{}1{}", "f(".repeat(110), ")".repeat(110));
    let blocks = format!("{}g();{}", "{".repeat(230), "}".repeat(230));
    // Parenthesised on the right: each `+` is a template of its own.
    let sum = format!("{}1", "1 + (".repeat(100)) + &")".repeat(100);
    for body in [
        format!("var x = {calls};"),
        blocks,
        format!("var s = {sum};"),
    ] {
        let text = format!("package p;\nclass App {{ void stack() {{ {body} }} }}");
        let (dump, errors) = lowered_with_errors(&[("p/App.java", &text)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(dump.contains("stack = fn stack() => …"), "{dump}");
    }
}

#[test]
fn code_that_does_not_parse_in_a_class_body_is_lowered_around() {
    let (dump, errors) = lowered_with_errors(&[(
        APP,
        "package generated_program;\nclass App {\n  int = 3 +;\n  static Object a = new A();\n  void stack() { new B(); }\n}\n",
    )]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    has(
        &dump,
        &[
            "call new global:java.lang.A|A() [once]",
            "call new global:java.lang.B|B() [in stack]",
        ],
    );
}

#[test]
fn a_member_of_a_new_project_object_is_what_its_class_declares() {
    let text = r#"package generated_program;
class Settings {
    String region = "eu-west-9";
    static String home = "us-east-1";
    String standby;
    String given;
    String twice = "a";
    Settings() { standby = "us-west-2"; }
    Settings(String given) { this.given = given; this.twice = "b"; }
    String getRegion() { return region; }
    String primary() { return "eu-central-1"; }
}
public class App {
    public static void main(String[] args) {
        var s = new Settings();
        use(new Settings().region, Settings.home, s.region, new Settings().getRegion(),
            new Settings().primary(), new Settings().standby, new Settings("x").given,
            new Settings().twice, new Settings() { String region = "x"; }.region,
            new Settings().home);
    }
}"#;
    let files = [("p/Pulumi.yaml", "name: p\nruntime: java\n"), (APP, text)];
    let (sources, program, errors) = load_for_test(&Java, &files);
    assert!(errors.is_empty(), "{errors:?}");
    let program = program.expect("a program");
    assert_eq!(
        dump::argument_texts(&sources, &program, "global:use("),
        [
            "eu-west-9",
            "us-east-1",
            "eu-west-9",
            "eu-west-9",
            "eu-central-1",
            "us-west-2",
            "?(`given` is a parameter of `Settings`)",
            "?(`twice` is assigned more than once)",
            "?(`new Settings() { String region = \"x\"; }.region`)",
            "us-east-1",
        ]
    );
}
