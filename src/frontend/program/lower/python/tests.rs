use std::time::{Duration, Instant};

use super::Python;
use crate::frontend::program::dump::{dump, render, text};
use crate::frontend::program::{BindingValue, Expr, Program, load_for_test};
use crate::input_error::InputError;
use crate::source::Sources;

const PROJECT: &str = "name: p\nruntime: python\n";

/// Loads a project of these files, by path below the project directory `p` (`Pulumi.yaml`
/// added when not given).
fn load(files: &[(&str, &str)]) -> (Sources, Option<Program>, Vec<InputError>) {
    let mut all: Vec<(String, String)> = files
        .iter()
        .map(|(path, text)| (format!("p/{path}"), (*text).to_owned()))
        .collect();
    if !files.iter().any(|(path, _)| *path == "Pulumi.yaml") {
        all.insert(0, ("p/Pulumi.yaml".to_owned(), PROJECT.to_owned()));
    }
    let all: Vec<(&str, &str)> = all.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    load_for_test(&Python, &all)
}

/// The program of a project whose files load without errors.
fn loaded(files: &[(&str, &str)]) -> (Sources, Program) {
    let (sources, program, errors) = load(files);
    assert!(errors.is_empty(), "{errors:?}");
    (sources, program.expect("a program"))
}

/// The dump of a program whose only module is this `__main__.py`.
fn main(text: &str) -> String {
    dump(&loaded(&[("__main__.py", text)]).1)
}

/// Asserts that a dump has each of these lines.
fn assert_lines(dump: &str, lines: &[&str]) {
    let have: Vec<&str> = dump.lines().collect();
    for line in lines {
        assert!(have.contains(line), "missing `{line}` in:\n{dump}");
    }
}

/// What a name used in a call's argument refers to: the value of the binding it names.
fn argument_value(program: &Program, call: &str, index: usize) -> String {
    let (_, call) = program
        .calls()
        .find(|(id, _)| render(program, *id, 0).starts_with(call))
        .expect("the call");
    let argument = call.arguments[index].value;
    match program.expr(argument) {
        Expr::Name(binding) => match &program.binding(*binding).value {
            BindingValue::Value(value) => render(program, *value, 0),
            other => format!("{other:?}"),
        },
        _ => render(program, argument, 0),
    }
}

/// Each import of the program, as `importing file: specifier -> imported file`.
fn imports(sources: &Sources, program: &Program) -> Vec<String> {
    let file = |module: crate::frontend::program::ModuleId| {
        let module = program.module(module);
        let path = &sources.get(module.files[0]).path;
        path.strip_prefix("p").unwrap_or(path).display().to_string()
    };
    program
        .imports
        .iter()
        .filter_map(|import| {
            let target = file(import.target?);
            Some(format!(
                "{}: {} -> {target}",
                file(import.from),
                import.specifier
            ))
        })
        .collect()
}

#[test]
fn strings_numbers_and_constants() {
    let dump = main(
        r#"s = "a\tb\x41\101\N{DASH}" 'c' r"\n" u'\u00e9'
f = f"{x}-{y!r}-{{z}}-{w:>{width}}"
fr = rf"\n{x}"
plain = f"no values"
triple = """two
lines"""
joined = "a" + name + "b" + 2
literal = "x" + "y"
n = 1_000
m = -2.5
t = True
u = None
e = ...
"#,
    );
    assert_lines(
        &dump,
        &[
            r#"s = "a\tbAA\\N{DASH}c\\né""#,
            "f = `${global:x}-${?(a formatted value)}-{z}-${?(a formatted value)}`",
            r"fr = `\n${global:x}`",
            r#"plain = "no values""#,
            r#"triple = "two\nlines""#,
            "joined = `a${global:name}b${2}`",
            r#"literal = "xy""#,
            "n = 1_000",
            "m = -2.5",
            "t = true",
            "u = null",
            "e = ?(`...`)",
        ],
    );
}

#[test]
fn lists_dictionaries_and_indexes() {
    let dump = main(
        r#"l = [1, *xs, (2, 3)]
d = {"a": 1, b: 2, **e, 'c' 'd': None, f"k": 3}
s = {1, f()}
i = xs[0]
k = d["a"]
sl = xs[1:2]
"#,
    );
    assert_lines(
        &dump,
        &[
            "l = [1, ...global:xs, [2, 3]]",
            "d = {a: 1, [global:b]: 2, ...global:e, cd: null, k: 3}",
            "s = ?(a set)",
            "call global:f() [once]",
            "i = global:xs[0]",
            r#"k = d["a"]"#,
            "sl = ?(a slice)",
        ],
    );
}

#[test]
fn a_dictionary_key_is_named_by_its_string() {
    let (sources, program) = loaded(&[(
        "__main__.py",
        "d = {\"name\": \"us-east-1\", 'k' \"2\": 1}\n",
    )]);
    let object = program
        .expressions
        .iter()
        .find_map(|expression| match &expression.expr {
            Expr::Object(object) => Some(object),
            _ => None,
        })
        .expect("an object");
    let names: Vec<(&str, String)> = object
        .members
        .iter()
        .map(|member| match member {
            crate::frontend::program::Member::Field {
                name, name_span, ..
            } => (
                name.as_str(),
                sources.get(name_span.file).text[name_span.start..name_span.end].to_owned(),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            ("name", "\"name\"".to_owned()),
            ("k2", "'k' \"2\"".to_owned())
        ]
    );
}

#[test]
fn calls_with_named_positional_and_spread_arguments() {
    let dump = main(
        r#"import pulumi_aws as aws
key = aws.kms.Key("key", aws.kms.KeyArgs(description="d"), *args, key_usage="ENCRYPT_DECRYPT", **kwargs)
dict(a=1)
"#,
    );
    assert_lines(
        &dump,
        &[
            r#"key = aws.kms.Key("key", aws.kms.KeyArgs(description="d"), ...global:args, key_usage="ENCRYPT_DECRYPT", **=...global:kwargs)"#,
            r#"call aws.kms.KeyArgs(description="d") [once]"#,
            "call global:dict(a=1) [once]",
        ],
    );
    let (_, program) = loaded(&[("__main__.py", "f(a=1, **b)\n")]);
    let (_, call) = program.calls().next().expect("a call");
    assert!(!call.new);
    assert_eq!(
        call.arguments[1]
            .name
            .as_ref()
            .map(|(name, _)| name.as_str()),
        Some("**")
    );
    assert!(call.arguments[1].spread && !call.arguments[0].spread);
}

#[test]
fn packages_are_globals_of_what_is_imported() {
    let dump = main(
        r#"import pulumi
import pulumi
import pulumi_aws as aws
import pulumi_aws.ssmincidents
from pulumi_aws import kms, ssmincidents as inc
from pulumi_aws.ssmincidents import ReplicationSet
import pulumi_aws.ssmincidents.replication_set as module
"#,
    );
    assert_lines(
        &dump,
        &[
            "pulumi = global:pulumi",
            "aws = global:pulumi_aws",
            "pulumi_aws = global:pulumi_aws",
            "kms = global:pulumi_aws.kms",
            "inc = global:pulumi_aws.ssmincidents",
            "ReplicationSet = global:pulumi_aws.ssmincidents.ReplicationSet",
            "module = global:pulumi_aws.ssmincidents.replication_set",
            "export 0.ReplicationSet = ReplicationSet",
        ],
    );
    let (_, program) = loaded(&[("__main__.py", "import pulumi_aws as aws\n")]);
    let aws = program
        .bindings
        .iter()
        .find(|b| b.name == "aws")
        .expect("aws");
    let BindingValue::Value(value) = aws.value else {
        panic!("a value")
    };
    assert!(
        matches!(program.expr(value), Expr::Global(paths) if paths == &[vec!["pulumi_aws".to_owned()]])
    );
}

#[test]
fn relative_imports_name_modules_of_the_package() {
    let (sources, program) = loaded(&[
        ("__main__.py", "import infra.keys\n"),
        ("infra/__init__.py", ""),
        (
            "infra/keys.py",
            "import pulumi_aws as aws\nfrom .providers import west as provider\nfrom . import regions\nfrom ..outside import x\n\
             key = aws.kms.Key(\"key\", opts=provider, region=regions.WEST)\n",
        ),
        (
            "infra/providers.py",
            "import pulumi_aws as aws\nwest = aws.Provider(\"west\")\n",
        ),
        ("infra/regions.py", "WEST = \"us-west-2\"\n"),
    ]);
    let dump = dump(&program);
    assert_lines(
        &dump,
        &[
            "provider = module(.providers).west",
            "regions = module(.regions)",
            "x = module(..outside).x",
            r#"key = aws.kms.Key("key", opts=provider, region=regions.WEST)"#,
            r#"call aws.Provider("west") [once]"#,
            r#"WEST = "us-west-2""#,
        ],
    );
    for export in [".key = key", ".west = west", ".WEST = WEST"] {
        assert!(
            dump.lines()
                .any(|line| line.starts_with("export ") && line.ends_with(export)),
            "{dump}"
        );
    }
    assert_eq!(
        imports(&sources, &program),
        [
            "__main__.py: infra.keys -> infra/keys.py",
            "__main__.py: infra -> infra/__init__.py",
            "infra/keys.py: .providers -> infra/providers.py",
            "infra/keys.py: . -> infra/__init__.py",
            "infra/keys.py: .regions -> infra/regions.py",
        ]
    );
}

#[test]
fn absolute_imports_load_the_project_modules_they_name() {
    let (sources, program) = loaded(&[
        (
            "__main__.py",
            "import keys\nfrom lib.keys import key\nfrom lib import providers\nimport pulumi_aws\n",
        ),
        (
            "keys.py",
            "import pulumi_aws as aws\naws.kms.Key(\"top\")\n",
        ),
        ("lib/__init__.py", ""),
        ("lib/keys.py", "key = 1\n"),
        (
            "lib/providers.py",
            "import pulumi_aws as aws\nwest = aws.Provider(\"west\")\n",
        ),
        (
            "unused.py",
            "import pulumi_aws as aws\naws.kms.Key(\"unused\")\n",
        ),
    ]);
    assert_eq!(
        imports(&sources, &program),
        [
            "__main__.py: keys -> keys.py",
            "__main__.py: lib.keys -> lib/keys.py",
            "__main__.py: lib -> lib/__init__.py",
            "__main__.py: lib.providers -> lib/providers.py",
        ]
    );
    let dump = dump(&program);
    assert_lines(
        &dump,
        &[
            r#"call aws.kms.Key("top") [once]"#,
            r#"west = aws.Provider("west")"#,
        ],
    );
    assert!(!dump.contains("unused"), "{dump}");
}

#[test]
fn absolute_imports_of_the_project_are_its_modules() {
    let dump = dump(
        &loaded(&[
            (
                "__main__.py",
                "import keys\nimport lib.keys\nimport lib.keys as again\nfrom lib import providers\n\
                 from lib.keys import key\nfrom lib.keys import *\nfrom pulumi_aws import *\nimport pulumi_aws.kms\n\
                 a = lib.keys.key\nb = lib.other\nc = Key\n",
            ),
            ("keys.py", ""),
            ("lib/keys.py", "key = 1\n"),
            ("lib/providers.py", ""),
        ])
        .1,
    );
    assert_lines(
        &dump,
        &[
            "keys = module(keys)",
            "lib = module(lib)",
            "again = module(lib.keys)",
            "providers = module(lib.providers)",
            "key = module(lib.keys).key",
            "pulumi_aws = global:pulumi_aws",
            "a = module(lib.keys).key",
            "b = lib.other",
            // A name a project module imported `*` may bind is looked for there.
            "c = first(module(lib.keys).Key, global:pulumi_aws.Key)",
        ],
    );
}

#[test]
fn the_entry_follows_main_and_a_module_reached_under_two_names_is_read_once() {
    let (sources, program) = loaded(&[
        ("Pulumi.yaml", "name: p\nruntime: python\nmain: src/\n"),
        (
            "src/__main__.py",
            "import keys\nimport src.keys as again\nfrom regions import EAST\n",
        ),
        ("src/keys.py", "key = 1\n"),
        ("src/regions.py", "EAST = \"us-east-1\"\n"),
    ]);
    assert_eq!(program.modules.len(), 3);
    assert_eq!(
        imports(&sources, &program),
        [
            "src/__main__.py: keys -> src/keys.py",
            "src/__main__.py: src.keys -> src/keys.py",
            "src/__main__.py: regions -> src/regions.py",
        ]
    );
    let (_, program) = loaded(&[
        ("Pulumi.yaml", "name: p\nruntime: python\nmain: app.py\n"),
        ("app.py", "x = 1\n"),
    ]);
    assert!(program.modules[0].entry);
    let (_, program, errors) = load(&[("program.py", "import pulumi_aws.ssmincidents\n")]);
    assert!(program.is_none());
    assert!(errors[0].message.contains("`__main__.py`"), "{errors:?}");
}

#[test]
fn names_resolve_by_python_scoping() {
    let (_, program) = loaded(&[(
        "__main__.py",
        r#"import pulumi_aws as aws
REGION = "us-east-1"
attr = "module"

def make(name, region):
    local = "eu-west-1"
    REGION = "shadowed"
    return aws.ssmincidents.ReplicationSet(name, region, local, REGION, LATER, attr)

class C:
    attr = "class"
    seen = attr
    def method(self):
        return attr

LATER = "later"
"#,
    )]);
    let value = |index| argument_value(&program, "aws.ssmincidents.ReplicationSet", index);
    assert_eq!(value(0), "Parameter { function: Some(\"make\") }");
    assert_eq!(value(1), "Parameter { function: Some(\"make\") }");
    assert_eq!(value(2), r#""eu-west-1""#);
    assert_eq!(value(3), r#""shadowed""#);
    assert_eq!(value(4), r#""later""#);
    assert_eq!(value(5), r#""module""#);
    let dump = dump(&program);
    assert_lines(
        &dump,
        &[
            "seen = attr",
            "method = fn method(self) => attr",
            r#"C = {attr: attr, seen: seen, method: method}"#,
        ],
    );
    // The method's `attr` is the module's, not the class's.
    let method = program
        .functions
        .iter()
        .find(|f| f.name.as_deref() == Some("method"))
        .expect("method");
    let Some(Expr::Name(binding)) = method.result.map(|result| program.expr(result)) else {
        panic!("a name")
    };
    assert!(
        matches!(program.binding(*binding).value, BindingValue::Value(v) if render(&program, v, 0) == "\"module\"")
    );
}

#[test]
fn functions_see_the_names_bound_after_them() {
    let dump = main(
        "def first():\n    return second()\ndef second():\n    return first()\nprint(first())\n",
    );
    assert_lines(
        &dump,
        &[
            "call second() [in first]",
            "call first() [in second]",
            "call global:print(first()) [once]",
        ],
    );
}

#[test]
fn a_name_bound_by_walrus_anywhere_in_a_function_is_local_to_all_of_it() {
    let (_, program) = loaded(&[(
        "__main__.py",
        "region = \"us-east-1\"\ndef pick():\n    use(region)\n    log(\"picked\", [region := \"eu-west-1\"])\n",
    )]);
    let used = argument_value(&program, "global:use", 0);
    assert!(used.contains("assigned with `:=`"), "{used}");
}

#[test]
fn comprehensions_lambdas_global_and_nonlocal_have_their_scopes() {
    let dump = main(
        r#"x = "module"
names = [x for x in items if x]
first = [y for y in x]
f = lambda x: x
counter = 0
def bump():
    global counter, client
    counter = counter + 1
    client = make()
def outer():
    n = 1
    def inner():
        nonlocal n
        n = 2
    return n
total = [(last := v) for v in values]
make(config.get("region") or (fallback := "us-east-1"), f"{(late := 1)}")
"#,
    );
    assert_lines(
        &dump,
        &[
            r#"x = "module""#,
            "x = ?(`x` is a comprehension variable)",
            "f = fn (x) => x",
            "x = parameter of a lambda",
            "counter = ?(`counter` is assigned by a function that declares it `global`)",
            "client = ?(`client` is assigned by a function that declares it `global`)",
            "n = ?(`n` is assigned by a function that declares it `nonlocal`)",
            "last = ?(`last` is assigned with `:=`)",
            "fallback = ?(`fallback` is assigned with `:=`)",
            "late = ?(`late` is assigned with `:=`)",
            "export 0.client = client",
            "call global:make() [in bump]",
        ],
    );
    // The first iterable is the module's `x`, evaluated outside the comprehension.
    assert!(!dump.contains("global:x"), "{dump}");
}

#[test]
fn names_assigned_more_than_once_or_not_simply_are_unknown() {
    let dump = main(
        r#"TWICE = "a"
TWICE = "b"
n = 1
n += 1
if c:
    BRANCH = "x"
else:
    OTHER = "y"
for i, j in pairs:
    LOOPED = "z"
while True:
    pass
a, b = 1, 2
c2, d = pair
(e, f), g = (1, 2), 3
h, *rest = 1, 2, 3
x = y = "same"
annotated: str = "typed"
declared: str
try:
    TRIED = "t"
except Exception as error:
    CAUGHT = "c"
with open("f") as (fh, other):
    WITH = "w"
import pulumi
import pulumi as pulumi
"#,
    );
    assert_lines(
        &dump,
        &[
            "TWICE = ?(`TWICE` is assigned more than once)",
            "n = ?(`n` is changed in place)",
            "BRANCH = ?(`BRANCH` is assigned inside an `if`, which may not run)",
            "OTHER = ?(`OTHER` is assigned inside an `if`, which may not run)",
            "i = ?(`i` is a loop variable)",
            "j = ?(`j` is a loop variable)",
            "LOOPED = ?(`LOOPED` is assigned inside a loop, which may run any number of times)",
            "a = 1",
            "b = 2",
            "c2 = ?(`c2` is unpacked from a sequence)",
            "d = ?(`d` is unpacked from a sequence)",
            "e = 1",
            "f = 2",
            "g = 3",
            "h = ?(`h` is unpacked from a sequence)",
            "rest = ?(`rest` is unpacked from a sequence)",
            r#"x = "same""#,
            r#"y = "same""#,
            r#"annotated = "typed""#,
            "declared = ?(declared without a value)",
            r#"TRIED = "t""#,
            "error = ?(`error` is the exception caught)",
            "CAUGHT = ?(`CAUGHT` is assigned inside an `except`, which may not run)",
            "fh = ?(`fh` is bound by `with … as`)",
            "other = ?(`other` is bound by `with … as`)",
            r#"WITH = "w""#,
            "pulumi = global:pulumi",
        ],
    );
}

#[test]
fn how_many_times_calls_run() {
    let dump = main(
        r#"import pulumi_aws as aws
aws.kms.Key("top")
def make(name=aws.kms.Key("default")):
    aws.kms.Key("in function")
    if name:
        aws.kms.Key("in if")
    for i in range(3):
        aws.kms.Key("in loop")
    def nested():
        aws.kms.Key("in nested")
while go():
    aws.kms.Key("in while")
f = lambda: aws.kms.Key("in lambda")
try:
    aws.kms.Key("in try")
except:
    aws.kms.Key("in except")
finally:
    aws.kms.Key("in finally")
with aws.kms.Key("with"):
    aws.kms.Key("in with")
c = aws.kms.Key("then") if aws.kms.Key("condition") else aws.kms.Key("else")
o = aws.kms.Key("left") or aws.kms.Key("right")
keys = [aws.kms.Key(n) for n in aws.kms.Key("iterable")]
match aws.kms.Key("subject"):
    case "a":
        aws.kms.Key("in case")
class Stack:
    aws.kms.Key("in class")
@decorate(aws.kms.Key("decorator"))
def decorated():
    pass
if c:
    def conditional():
        aws.kms.Key("in conditional function")
"#,
    );
    assert_lines(
        &dump,
        &[
            r#"call aws.kms.Key("top") [once]"#,
            r#"call aws.kms.Key("default") [once]"#,
            r#"call aws.kms.Key("in function") [in make]"#,
            r#"call aws.kms.Key("in if") [maybe: inside an `if`, which may not run]"#,
            r#"call global:range(3) [in make]"#,
            r#"call aws.kms.Key("in loop") [maybe: inside a loop, which may run any number of times]"#,
            r#"call aws.kms.Key("in nested") [in nested]"#,
            r#"call global:go() [maybe: inside a loop, which may run any number of times]"#,
            r#"call aws.kms.Key("in while") [maybe: inside a loop, which may run any number of times]"#,
            r#"call aws.kms.Key("in lambda") [in a lambda]"#,
            r#"call aws.kms.Key("in try") [once]"#,
            r#"call aws.kms.Key("in except") [maybe: inside an `except`, which may not run]"#,
            r#"call aws.kms.Key("in finally") [once]"#,
            r#"call aws.kms.Key("with") [once]"#,
            r#"call aws.kms.Key("in with") [once]"#,
            r#"call aws.kms.Key("condition") [once]"#,
            r#"call aws.kms.Key("then") [maybe: inside a conditional expression, which may not run]"#,
            r#"call aws.kms.Key("else") [maybe: inside a conditional expression, which may not run]"#,
            r#"call aws.kms.Key("left") [once]"#,
            r#"call aws.kms.Key("right") [maybe: inside an `and`/`or`, which may not run]"#,
            r#"call aws.kms.Key("iterable") [once]"#,
            r#"call aws.kms.Key(n) [maybe: inside a comprehension, which may run any number of times]"#,
            r#"call aws.kms.Key("subject") [once]"#,
            r#"call aws.kms.Key("in case") [maybe: inside a `case`, which may not run]"#,
            r#"call aws.kms.Key("in class") [once]"#,
            r#"call aws.kms.Key("decorator") [once]"#,
            r#"call aws.kms.Key("in conditional function") [in conditional]"#,
            "conditional = ?(`conditional` is assigned inside an `if`, which may not run)",
        ],
    );
    let (_, program) = loaded(&[("__main__.py", "if c:\n    def f():\n        pass\n")]);
    assert_eq!(
        program.functions[0].runs,
        crate::frontend::program::Runs::Maybe("inside an `if`, which may not run".to_owned())
    );
}

#[test]
fn functions_lambdas_and_what_they_return() {
    let dump = main(
        r#"def region():
    return "us-east-1"
def two(c):
    if c:
        return 1
    return 2
def nothing():
    return
def gen():
    yield 1
    return 2
async def fetch(x):
    return await get(x)
def many(*args, b: int = 1, **kwargs):
    pass
f = lambda x, y=1: x
"#,
    );
    assert_lines(
        &dump,
        &[
            r#"region = fn region() => "us-east-1""#,
            "two = fn two(c) => …",
            "nothing = fn nothing() => …",
            "gen = fn gen() => …",
            "fetch = fn fetch(x) => global:get(x)",
            "call global:get(x) [in fetch]",
            "many = fn many(args, b, kwargs) => …",
            "f = fn (x, y) => x",
            "c = parameter of two",
            "kwargs = ?(a parameter that collects arguments, or follows one that does)",
        ],
    );
}

#[test]
fn classes_are_objects_of_their_members_and_constructors_know_the_bases() {
    let (_, program) = loaded(&[(
        "__main__.py",
        r#"import pulumi
class Stack(pulumi.ComponentResource, metaclass=Meta):
    size = 3
    def __init__(self, name, opts=None):
        super().__init__("pkg:index:Stack", name, None, opts)
    @property
    def arn(self):
        return self.key.arn
"#,
    )]);
    assert_lines(
        &dump(&program),
        &[
            "Stack = {size: size, __init__: __init__, arn: arn}",
            "arn = fn arn(self) => self.key.arn",
            r#"call global:super().__init__("pkg:index:Stack", name, null, opts) [in __init__]"#,
        ],
    );
    let init = program
        .functions
        .iter()
        .find(|f| f.name.as_deref() == Some("__init__"))
        .expect("__init__");
    let bases: Vec<String> = init
        .bases
        .iter()
        .map(|base| render(&program, *base, 0))
        .collect();
    assert_eq!(bases, ["pulumi.ComponentResource"]);
    let arn = program
        .functions
        .iter()
        .find(|f| f.name.as_deref() == Some("arn"))
        .expect("arn");
    assert!(arn.bases.is_empty());
}

#[test]
fn the_standard_library_json_dumps_is_json() {
    let dump = main(
        r#"import json
from json import dumps as to_json
a = json.dumps({"Statement": [s]}, indent=2)
b = to_json([1])
c = json.loads("{}")
def f(json):
    return json.dumps(x)
"#,
    );
    assert_lines(
        &dump,
        &[
            "a = json({Statement: [global:s]})",
            "b = json([1])",
            r#"c = json.loads("{}")"#,
            "f = fn f(json) => json.dumps(global:x)",
        ],
    );
}

#[test]
fn star_imports_give_the_names_nothing_binds() {
    let (sources, program) = loaded(&[
        (
            "__main__.py",
            "from pulumi_aws.ssmincidents import *\nfrom pulumi_aws.kms import *\nimport pkg\nimport single\n\
             ReplicationSet(\"set\")\n",
        ),
        ("single/__init__.py", "from .regions import *\nr = EAST\n"),
        ("single/regions.py", "EAST = \"us-east-1\"\n"),
        (
            "pkg/__init__.py",
            "from .a import *\nfrom .b import *\nx = A\n",
        ),
        ("pkg/a.py", "A = 1\n"),
        ("pkg/b.py", "from . import *\nB = 2\n"),
    ]);
    let dump = dump(&program);
    assert_lines(
        &dump,
        &[
            // The dump renders the member of a global of two candidates after both.
            r#"call global:pulumi_aws.kms|pulumi_aws.ssmincidents.ReplicationSet("set") [once]"#,
            "r = module(.regions).EAST",
            "x = module(.).A",
        ],
    );
    let imports = imports(&sources, &program);
    assert!(
        imports.contains(&"pkg/__init__.py: . -> pkg/__init__.py".to_owned()),
        "{imports:?}"
    );
    let package = program
        .modules
        .iter()
        .find(|m| sources.get(m.files[0]).path.ends_with("pkg/__init__.py"))
        .expect("pkg");
    let reexported: Vec<&str> = package
        .reexports
        .iter()
        .map(|i| program.import(*i).specifier.as_str())
        .collect();
    assert_eq!(reexported, [".b", ".a"]);
}

#[test]
fn a_syntax_error_is_reported_and_the_rest_is_lowered() {
    let (sources, program, errors) = load(&[(
        "__main__.py",
        "import pulumi_aws as aws\n\nbroken = (\n\naws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": \"us-east-1\"}])\nafter = 1\n",
    )]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let span = errors[0].span.expect("a span");
    assert_eq!(sources.get(span.file).line_column(span.start).line, 3);
    let program = program.expect("a program");
    let dump = dump(&program);
    assert_lines(
        &dump,
        &[r#"call aws.ssmincidents.ReplicationSet("set", regions=[{name: "us-east-1"}]) [once]"#],
    );
    assert!(
        program
            .expressions
            .iter()
            .any(|e| matches!(&e.expr, Expr::Opaque(r) if r == "code that does not parse")),
        "{dump}"
    );
}

#[test]
fn spans_are_the_syntax_they_lower() {
    let (sources, program) = loaded(&[(
        "__main__.py",
        "import pulumi_aws as aws\nPRIMARY = \"us-east-1\"\naws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": PRIMARY}])\n",
    )]);
    let (id, call) = program.calls().next().expect("a call");
    assert_eq!(
        text(&sources, &program, id),
        "aws.ssmincidents.ReplicationSet(\"set\", regions=[{\"name\": PRIMARY}])"
    );
    let (name, span) = call.arguments[1].name.clone().expect("a named argument");
    assert_eq!(
        (
            name.as_str(),
            &sources.get(span.file).text[span.start..span.end]
        ),
        ("regions", "regions")
    );
    let regions = call.arguments[1].value;
    assert_eq!(text(&sources, &program, regions), "[{\"name\": PRIMARY}]");
    let Expr::List(items) = program.expr(regions) else {
        panic!("a list")
    };
    let crate::frontend::program::Item::One(entry) = items[0] else {
        panic!("an element")
    };
    let Expr::Object(object) = program.expr(entry) else {
        panic!("an object")
    };
    let crate::frontend::program::Member::Field { value, .. } = &object.members[0] else {
        panic!("a field")
    };
    assert_eq!(text(&sources, &program, *value), "PRIMARY");
    let Expr::Name(binding) = program.expr(*value) else {
        panic!("a name")
    };
    let BindingValue::Value(definition) = program.binding(*binding).value else {
        panic!("a value")
    };
    assert_eq!(text(&sources, &program, definition), "\"us-east-1\"");
}

/// The Registry guide's programs for `aws.ssmincidents.ReplicationSet`; `None` where `../shared`
/// is absent.
fn guide(path: &str) -> Option<String> {
    let path = crate::shared::path(&format!(
        "corpus/pulumi/official-examples/{path}/__main__.py"
    ))?;
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn the_registry_guide_programs() {
    let args = |regions: &str| {
        format!("aws.ssmincidents.ReplicationSet(\"replicationSetName\", regions=[{regions}]")
    };
    let cases = [
        (
            "python-v6/basic",
            format!(
                "{}, tags={{exampleTag: \"exampleValue\"}})",
                args("aws.ssmincidents.ReplicationSetRegionArgs(name=\"us-west-2\")")
            ),
        ),
        (
            "python-v6/cmk",
            format!(
                "{}, tags={{exampleTag: \"exampleValue\"}})",
                args(
                    "aws.ssmincidents.ReplicationSetRegionArgs(name=\"us-west-2\", kms_key_arn=example_key.arn)"
                )
            ),
        ),
        (
            "python-v6/add-region",
            format!(
                "{})",
                args(
                    "aws.ssmincidents.ReplicationSetRegionArgs(name=\"us-west-2\"), aws.ssmincidents.ReplicationSetRegionArgs(name=\"ap-southeast-2\")"
                )
            ),
        ),
        (
            "python-v6/delete-region",
            format!(
                "{})",
                args("aws.ssmincidents.ReplicationSetRegionArgs(name=\"us-west-2\")")
            ),
        ),
        (
            "python-v7/basic",
            format!(
                "{}, tags={{exampleTag: \"exampleValue\"}})",
                args("{name: \"us-west-2\"}")
            ),
        ),
    ];
    for (path, set) in cases {
        let Some(program) = guide(path) else {
            return;
        };
        let dump = main(&program);
        let mut lines = vec![
            "pulumi = global:pulumi".to_owned(),
            "aws = global:pulumi_aws".to_owned(),
            format!("replication_set_name = {set}"),
            format!("call {set} [once]"),
        ];
        if path.ends_with("cmk") {
            lines.push(r#"example_key = aws.kms.Key("exampleKey")"#.to_owned());
        }
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_lines(&dump, &lines);
    }
}

#[test]
fn deep_nesting_within_the_loader_limit_lowers() {
    // The loader refuses trees deeper than 256: just under it, each construct recursing.
    for (open, close, depth) in [
        ("(", ")", 250),
        ("[", "]", 250),
        ("f(", ")", 120),
        ("{'k': ", "}", 120),
        ("lambda: ", "", 120),
    ] {
        let program = format!("x = {}1{}\n", open.repeat(depth), close.repeat(depth));
        let (_, loaded, errors) = load(&[("__main__.py", &program)]);
        assert!(errors.is_empty() && loaded.is_some(), "{open}: {errors:?}");
    }
    let mut nested = String::new();
    for level in 0..60 {
        nested.push_str(&format!("{}def f{level}():\n", "    ".repeat(level)));
    }
    nested.push_str(&format!(
        "{}return aws.kms.Key('deep')\n",
        "    ".repeat(60)
    ));
    let dump = main(&nested);
    assert_lines(&dump, &[r#"call global:aws.kms.Key("deep") [in f59]"#]);
}

#[test]
fn a_large_program_lowers_quickly() {
    let mut program = String::from("import pulumi_aws as aws\nfrom pulumi_aws.kms import *\n");
    let mut index = 0;
    while program.len() < 2 << 20 {
        program.push_str(&format!(
            "k{index} = aws.kms.Key(f\"k{index}-{{region}}\", tags={{\"a\": \"b\" + name}}, policy=[Free{index}, k{index}])\n"
        ));
        index += 1;
    }
    let started = Instant::now();
    let (_, loaded, errors) = load(&[("__main__.py", &program)]);
    let elapsed = started.elapsed();
    assert!(errors.is_empty() && loaded.is_some());
    // A hang's bound (work growing with the square of the size), not a speed measure.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");

    // Names imported from, or looked for in, a long module name do not copy it each time.
    let long = "a".repeat(200);
    let mut program = format!("from {long} import *\nfrom {long}.b import ");
    program.push_str(&vec!["x"; 300_000].join(", "));
    program.push('\n');
    program.push_str(&"y\n".repeat(300_000));
    let started = Instant::now();
    let (_, loaded, _) = load(&[("__main__.py", &program)]);
    assert!(loaded.is_some());
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );

    // Names looked for in many packages imported `*` (each again too) are looked for in a few.
    let mut program: String = (0..20_000)
        .map(|i| format!("from p{} import *\n", i % 10_000))
        .collect();
    program.push_str(&"y\n".repeat(300_000));
    let started = Instant::now();
    let (_, loaded, _) = load(&[("__main__.py", &program)]);
    let program = loaded.expect("a program");
    assert_eq!(program.modules[0].reexports.len(), 10_000);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}
